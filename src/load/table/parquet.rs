//! Parquet tables (the arrow-rs `parquet` crate, without Arrow), read with the same
//! mapping as CSV and TSV.
//!
//! The column names and the first rows become a CSV head, so that the mapping is guessed,
//! checked and previewed exactly as for a text table (and `--map`, the table columns form
//! and `claimline check` work unchanged); then the rows are read in slices, each turned
//! into events by the same row reader. A cell is its value as text: dates as
//! `2024-11-07`, timestamps as their day, lists joined with `;` (so a list of actors is
//! several actors). Problems are placed at the row's number (counted from 1) and the
//! column's.

use std::path::Path;

use parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};
use parquet::record::Field;

use super::assemble::Assembler;
use super::mapping::MappingSpec;
use super::{Key, TableProblem, rows};
use crate::load::diagnostic::LoadError;
use crate::load::finish::Parsed;

/// Rows in the head that sniffing and previews read.
const HEAD_ROWS: usize = 50;

/// Rows turned into events at a time.
const SLICE_ROWS: usize = 50_000;

fn damaged(file: &Path, e: &impl std::fmt::Display) -> LoadError {
    super::parquet_error(file, e)
}

/// The column names and the first rows, as CSV text: what a text table's head is.
pub fn head_csv<R: ChunkReader + 'static>(
    reader: &SerializedFileReader<R>,
    file: &Path,
) -> Result<String, LoadError> {
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    let mut out = csv_line(&names);
    let rows = reader.get_row_iter(None).map_err(|e| damaged(file, &e))?;
    for row in rows.take(HEAD_ROWS) {
        let row = row.map_err(|e| damaged(file, &e))?;
        let cells: Vec<String> = row.get_column_iter().map(|(_, f)| cell(f)).collect();
        out.push_str(&csv_line(&cells));
    }
    Ok(out)
}

fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) || c.is_empty() && cells.len() == 1 {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A Parquet value as table text.
fn cell(field: &Field) -> String {
    match field {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Date(days) => chrono::DateTime::from_timestamp(i64::from(*days) * 86_400, 0)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Field::TimestampMillis(ms) => chrono::DateTime::from_timestamp_millis(*ms)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Field::TimestampMicros(us) => chrono::DateTime::from_timestamp_micros(*us)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Field::TimeMillis(_) | Field::TimeMicros(_) => String::new(),
        Field::ListInternal(list) => list
            .elements()
            .iter()
            .map(cell)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        Field::Group(_) | Field::MapInternal(_) => String::new(),
        other => other.to_string(),
    }
}

/// Reads a whole Parquet table into a dataset, with `user`'s mapping on top of the one
/// guessed from its columns.
pub(crate) fn read<R: ChunkReader + 'static>(
    source: R,
    file: &Path,
    user: &MappingSpec,
) -> Result<(Parsed<'static>, super::TableInfo), LoadError> {
    // The reader is another crate's: whatever it does with a damaged file, the app goes
    // on (a failed load keeps what is on screen).
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_inner(source, file, user)
    }))
    .unwrap_or_else(|_| Err(damaged(file, &"the Parquet reader stopped on damaged data")))
}

fn read_inner<R: ChunkReader + 'static>(
    source: R,
    file: &Path,
    user: &MappingSpec,
) -> Result<(Parsed<'static>, super::TableInfo), LoadError> {
    let reader = SerializedFileReader::new(source).map_err(|e| damaged(file, &e))?;
    let head = head_csv(&reader, file)?;
    let mut spec = user.clone();
    spec.header = Some(true);
    let inspection = super::inspect(&head, &spec)
        .map_err(|p: TableProblem| LoadError::single(file, p.diagnostic()))?;
    let mut plan = inspection
        .plan()
        .map_err(|e| LoadError::single(file, TableProblem::Mapping(e).diagnostic()))?;
    // The records below carry no header.
    plan.header = false;
    let date_column = inspection.mapping.get(Key::Date).unwrap_or("?").to_owned();
    let mut assembler = super::assembler_for(file, "Parquet table", &date_column)?;
    let rows = reader.get_row_iter(None).map_err(|e| damaged(file, &e))?;
    let mut slice: Vec<Vec<String>> = Vec::with_capacity(SLICE_ROWS);
    let mut chunk = rows::ChunkRows::default();
    let mut index = 0;
    let mut repeats = super::repeats::Repeats::for_mapping(&inspection.mapping);
    let mut flush = |slice: &mut Vec<Vec<String>>, assembler: &mut Assembler| {
        rows::read_records(&plan, index, slice, &mut chunk);
        index += 1;
        slice.clear();
        repeats.drop_from(&mut chunk, assembler.next_line());
        assembler.merge(&chunk, file)
    };
    for row in rows {
        let row = row.map_err(|e| damaged(file, &e))?;
        slice.push(row.get_column_iter().map(|(_, f)| cell(f)).collect());
        if slice.len() == SLICE_ROWS {
            flush(&mut slice, &mut assembler)?;
        }
    }
    if !slice.is_empty() {
        flush(&mut slice, &mut assembler)?;
    }
    let inspection = super::Inspection {
        layout: "Parquet table".to_owned(),
        ..inspection
    };
    super::rows_read(file, assembler, inspection, &date_column, None, &repeats)
}
