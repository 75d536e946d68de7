//! Event tables: CSV and TSV files (gzipped too), GDELT event exports, and any table of
//! events through a mapping of its columns.
//!
//! The road: the head of the file tells its shape ([`sniff`]: delimiter, quoting,
//! header, GDELT); the mapping ([`mapping`]) is GDELT's, or guessed from the header or
//! the cells, with the user's `--map` pairs on top; then the file streams through
//! [`stream`] — read and cut on one thread, rows read on every core ([`rows`]), merged
//! in file order ([`assemble`]) — and the dataset goes on to validation like any other.
//! Rows that cannot be events are skipped and reported with their line.

mod assemble;
pub mod cells;
pub mod dates;
pub mod gdelt;
pub mod lines;
pub mod mapping;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod places;
pub mod repeats;
pub mod rows;
pub mod sniff;
pub mod stream;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

pub use mapping::{Key, MappingError, MappingSpec};
pub use sniff::Shape;

use super::diagnostic::{Diagnostic, LoadError, Location};
use super::finish::{Parsed, Placing};

use mapping::{ColumnRef, Piece, Value};
use rows::{Plan, RowLayout};

/// True when the bytes start like a Parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

/// A Parquet file met by a build without the `parquet` feature.
pub fn without_parquet(file: &Path) -> LoadError {
    LoadError::single(
        file,
        Diagnostic::error("this is a Parquet table, and this build of Claimline reads Parquet only with its `parquet` feature")
            .with_help("build Claimline with `cargo build --release --features parquet` (the Debian package has it), or export the table as CSV"),
    )
}

/// A Parquet file that cannot be read.
#[cfg(feature = "parquet")]
pub fn parquet_error(file: &Path, e: &impl std::fmt::Display) -> LoadError {
    LoadError::single(
        file,
        Diagnostic::error(format!("the Parquet file cannot be read: {e}")).with_help(
            "check that the file was written completely; if it was, write it again (e.g. with pyarrow, DuckDB or Polars)",
        ),
    )
}

pub use super::read::MAX_TABLE_BYTES;

/// How much of a file is read to tell its format and a table's shape.
pub const HEAD_BYTES: usize = 64 * 1024;

/// What a table was read as, for `claimline check` and the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInfo {
    /// The layout in words: "GDELT event export", "comma-separated table with a header".
    pub layout: String,
    /// The mapping used (guessed, GDELT's, or the user's on top).
    pub mapping: MappingSpec,
    /// Keys whose columns Claimline chose (by a header name or by the cells).
    pub guessed: Vec<Key>,
    /// Rows read (blank lines and the header left out).
    pub records: u64,
    /// Rows skipped (empty or unreadable dates).
    pub skipped: u64,
}

impl TableInfo {
    /// One line: "GDELT event export, 1,204 rows (3 skipped): date=SQLDATE, …".
    pub fn describe(&self) -> String {
        let skipped = if self.skipped > 0 {
            format!(
                " ({} skipped)",
                crate::english::number(usize::try_from(self.skipped).unwrap_or(usize::MAX))
            )
        } else {
            String::new()
        };
        let mapping: Vec<String> = self
            .mapping
            .map
            .iter()
            .map(|(k, v)| {
                let mark = if self.guessed.contains(k) {
                    " (guessed)"
                } else {
                    ""
                };
                format!("{k}={v}{mark}")
            })
            .collect();
        format!(
            "{}, {}{skipped}: {}",
            self.layout,
            crate::english::plural(usize::try_from(self.records).unwrap_or(usize::MAX), "row"),
            mapping.join(", ")
        )
    }
}

/// A table's head looked at: its shape, its columns and the mapping that will be used.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// Delimiter, quoting, header, sample rows.
    pub shape: Shape,
    /// Whether the first line is skipped as a header.
    pub header: bool,
    /// Column names (empty strings where the table names none); GDELT's include the
    /// derived columns.
    pub names: Vec<String>,
    /// The mapping to use.
    pub mapping: MappingSpec,
    /// Keys Claimline chose.
    pub guessed: Vec<Key>,
    /// The layout in words.
    pub layout: String,
}

/// Why a table cannot be read as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableProblem {
    /// The text does not look like a table.
    NotATable,
    /// The mapping names something the table does not have.
    Mapping(MappingError),
    /// No column holds dates, and no mapping says which does.
    NoDate {
        /// The columns found, for the message.
        columns: String,
        /// A `--map date=…` to suggest.
        example: String,
        /// Everything else the mapping could take from the header (a form's start).
        partial: MappingSpec,
    },
}

impl TableProblem {
    /// The problem said for a user.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            Self::NotATable => Diagnostic::error("this does not look like a table of events")
                .with_help("a table has a delimiter (comma, tab, semicolon or |) between its cells and the same number of cells on every line"),
            Self::Mapping(e) => Diagnostic::error(e.message.clone()).with_help(e.help.clone()),
            Self::NoDate {
                columns, example, ..
            } => Diagnostic::error(
                "no column of the table holds the events' dates (none is named like a date column, and no column's cells read as dates)",
            )
            .with_help(format!(
                "the columns are {columns}; say which holds the date with --map date=COLUMN (a name or a number), e.g. {example}; in the app, choose it in the mapping form"
            )),
        }
    }
}

/// Looks at a table's head: its shape and the mapping to use, with `user`'s pairs on
/// top of GDELT's mapping or the one guessed from the header and the cells.
pub fn inspect(head: &str, user: &MappingSpec) -> Result<Inspection, TableProblem> {
    let shape = sniff::shape(head).ok_or(TableProblem::NotATable)?;
    let header = user.header.unwrap_or(shape.first_is_header);
    let width = shape.width();
    let mut guessed = Vec::new();
    let (names, mut spec, layout) = if shape.gdelt {
        let first_row = if header {
            shape.rows.first()
        } else {
            Some(&shape.first)
        };
        let variant = first_row
            .and_then(|r| gdelt::Variant::for_columns(r.len()))
            .unwrap_or(gdelt::Variant::V2);
        let name = match variant {
            gdelt::Variant::V2 => "GDELT 2.0 event export",
            _ => "GDELT 1.0 event export",
        };
        (variant.names(), gdelt::default_mapping(), name.to_owned())
    } else {
        let names: Vec<String> = if header {
            let mut names: Vec<String> = shape.first.iter().map(|n| n.trim().to_owned()).collect();
            names.resize(width, String::new());
            names
        } else {
            vec![String::new(); width]
        };
        let spec = if header {
            let spec = mapping::guess(&names);
            guessed.extend(spec.map.iter().map(|(k, _)| *k));
            spec
        } else {
            MappingSpec::default()
        };
        let layout = format!(
            "{} table {}",
            shape.dialect.name(),
            if header {
                "with a header"
            } else {
                "without a header"
            }
        );
        (names, spec, layout)
    };
    for (key, value) in &user.map {
        spec.set(*key, value);
        guessed.retain(|k| k != key);
    }
    spec.header = Some(header);
    let column_text = |i: usize| -> String {
        match names.get(i) {
            Some(n) if header && !n.is_empty() && names.iter().filter(|m| *m == n).count() == 1 => {
                n.clone()
            }
            _ => (i + 1).to_string(),
        }
    };
    // A column named like a date column none of whose sampled cells is a date gives
    // way to a column whose cells are dates, if there is one.
    if guessed.contains(&Key::Date)
        && let Some(col) = spec
            .get(Key::Date)
            .and_then(|d| names.iter().position(|n| n == d))
        && !shape.has_dates(col, header)
        && let Some(other) = shape.date_column(header)
    {
        spec.set(Key::Date, &names[other]);
    }
    if spec.get(Key::Date).is_none()
        && let Some(col) = shape.date_column(header)
    {
        spec.set(Key::Date, &column_text(col));
        guessed.push(Key::Date);
    }
    if spec.get(Key::Title).is_none()
        && spec.get(Key::Summary).is_none()
        && let Some(col) = title_column(&shape, header, &spec, &names)
    {
        spec.set(Key::Title, &format!("{{{}}}", column_text(col)));
        guessed.push(Key::Title);
    }
    guessed.sort();
    let inspection = Inspection {
        shape,
        header,
        names,
        mapping: spec,
        guessed,
        layout,
    };
    inspection.layouts().map_err(TableProblem::Mapping)?;
    if inspection.mapping.get(Key::Date).is_none() {
        let first = inspection.names.iter().position(|n| !n.is_empty());
        let example = match first {
            Some(i) if header => format!("--map date=\"{}\"", inspection.names[i]),
            _ => "--map date=1".to_owned(),
        };
        return Err(TableProblem::NoDate {
            partial: inspection.mapping.clone(),
            columns: if header {
                mapping::list_columns(&inspection.names)
            } else {
                format!(
                    "numbered 1 to {} (the table has no header)",
                    inspection.names.len()
                )
            },
            example,
        });
    }
    Ok(inspection)
}

/// The first column no key uses whose cells are mostly words (not numbers, dates or
/// addresses): a title.
fn title_column(
    shape: &Shape,
    header: bool,
    spec: &MappingSpec,
    names: &[String],
) -> Option<usize> {
    let used = mapping::resolve(spec, names).ok()?;
    let mut taken = Vec::new();
    for (_, value) in &used.values {
        match value {
            Value::Column(c) => taken.push(*c),
            Value::Columns(cs) => taken.extend(cs),
            Value::Template(pieces) => taken.extend(pieces.iter().filter_map(|p| match p {
                Piece::Column(c) => Some(*c),
                Piece::Text(_) => None,
            })),
        }
    }
    let rows: Vec<&Vec<String>> = if header {
        shape.rows.iter().collect()
    } else {
        std::iter::once(&shape.first).chain(&shape.rows).collect()
    };
    let order = shape.order.order();
    (0..shape.width())
        .filter(|c| !taken.contains(c))
        .find(|&c| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let wordy = cells
                .iter()
                .filter(|s| {
                    s.parse::<f64>().is_err()
                        && dates::parse(s, order).is_none()
                        && !s.starts_with("http")
                        && s.chars().any(char::is_alphabetic)
                })
                .count();
            !cells.is_empty() && wordy * 5 >= cells.len() * 4
        })
}

impl Inspection {
    /// The mapping resolved for each layout rows come in (GDELT has three; a key that
    /// names a column one of them lacks is left out for that one).
    fn layouts(&self) -> Result<Vec<RowLayout>, MappingError> {
        if !self.shape.gdelt {
            let resolved = mapping::resolve(&self.mapping, &self.names)?;
            return Ok(vec![RowLayout {
                cells: None,
                own: self.names.len(),
                gdelt: None,
                resolved,
            }]);
        }
        let mut layouts = Vec::new();
        let mut failures: Vec<(Key, usize, MappingError)> = Vec::new();
        for variant in gdelt::Variant::ALL {
            let names = variant.names();
            let mut resolved = mapping::Resolved::default();
            for (key, value) in &self.mapping.map {
                let single = MappingSpec {
                    map: vec![(*key, value.clone())],
                    header: None,
                };
                match mapping::resolve(&single, &names) {
                    Ok(r) => resolved.values.extend(r.values),
                    Err(e) => failures.push((*key, 1, e)),
                }
            }
            layouts.push(RowLayout {
                cells: Some(variant.columns().len()),
                own: variant.columns().len(),
                gdelt: Some(variant),
                resolved,
            });
        }
        // A key is wrong when no layout has its column.
        for key in Key::ALL {
            let failed: Vec<&(Key, usize, MappingError)> =
                failures.iter().filter(|(k, ..)| *k == key).collect();
            if failed.len() == gdelt::Variant::ALL.len()
                && let Some((_, _, e)) = failed.last()
            {
                return Err(e.clone());
            }
        }
        Ok(layouts)
    }

    /// What the workers need.
    pub(crate) fn plan(&self) -> Result<Plan, MappingError> {
        Ok(Plan {
            dialect: self.shape.dialect,
            header: self.header,
            layouts: self.layouts()?,
            day_order: self.shape.order.order(),
        })
    }

    /// The first rows as they will be read, for the app's preview: each row's cells and
    /// the resulting date, title and lane (or why the row is skipped).
    pub fn preview(&self, head: &str, rows: usize) -> Result<Vec<PreviewRow>, MappingError> {
        let plan = self.plan()?;
        let chunk = rows::read_chunk(
            &plan,
            0,
            head_records(head, rows + usize::from(self.header)).as_bytes(),
            true,
        );
        let block = |l: rows::Local| {
            chunk
                .block
                .get(l.start as usize..(l.start + l.len) as usize)
                .unwrap_or("")
                .to_owned()
        };
        let mut out: Vec<PreviewRow> = chunk
            .rows
            .iter()
            .map(|r| PreviewRow {
                line: r.line as usize + 1,
                outcome: Ok(PreviewEvent {
                    date: r.date.display(),
                    title: block(r.title),
                    lane: if r.lane == rows::NONE {
                        String::new()
                    } else {
                        chunk.symbols.name(r.lane).to_owned()
                    },
                    actors: chunk
                        .actors
                        .get(r.actors.0 as usize..(r.actors.0 + r.actors.1) as usize)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&a| chunk.symbols.name(a).to_owned())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            })
            .collect();
        for noted in &chunk.noted {
            let why = match noted.problem {
                rows::Problem::EmptyDate => "skipped: no date".to_owned(),
                rows::Problem::BadDate => format!("skipped: \"{}\" is not a date", noted.value),
                rows::Problem::GdeltWidth => "skipped: not a GDELT row".to_owned(),
                _ => continue,
            };
            out.push(PreviewRow {
                line: noted.location.line + 1,
                outcome: Err(why),
            });
        }
        out.sort_by_key(|r| r.line);
        Ok(out)
    }
}

/// The first `n` whole records of a head.
fn head_records(head: &str, n: usize) -> String {
    let mut out = String::new();
    for line in head.split_inclusive('\n').take(n.saturating_add(5) * 4) {
        out.push_str(line);
    }
    let end = cells::last_record_end(out.as_bytes(), true).unwrap_or(out.len());
    out.truncate(end);
    out
}

/// One row of the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    /// Its line in the file.
    pub line: usize,
    /// The event, or why there is none.
    pub outcome: Result<PreviewEvent, String>,
}

/// An event as a preview shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewEvent {
    /// The date, written out.
    pub date: String,
    /// The title.
    pub title: String,
    /// The lane.
    pub lane: String,
    /// The actors, joined.
    pub actors: String,
}

/// The name of a column for a mapping: its header name, or its number.
pub fn column_ref(names: &[String], i: usize) -> String {
    match names.get(i) {
        Some(n) if !n.is_empty() => n.clone(),
        _ => (i + 1).to_string(),
    }
}

/// Reads a whole table from `input` (which starts with `head`, already read to tell
/// the format): rows on every core, merged into one dataset.
pub(crate) fn read(
    input: Box<dyn Read + Send + '_>,
    head: &str,
    file: &Path,
    user: &MappingSpec,
) -> Result<(Parsed<'static>, TableInfo), LoadError> {
    // Problems with the table as a whole point at its first line (its header).
    let at_top = |p: TableProblem| at_header(head, file, p);
    let inspection = inspect(head, user).map_err(at_top)?;
    let plan = inspection
        .plan()
        .map_err(|e| at_top(TableProblem::Mapping(e)))?;
    let date_column = inspection.mapping.get(Key::Date).unwrap_or("?").to_owned();
    let mut assembler = assembler_for(file, &inspection.layout, &date_column)?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let started = std::time::Instant::now();
    let mut repeats = repeats::Repeats::for_mapping(&inspection.mapping);
    stream::read_rows(input, &plan, MAX_TABLE_BYTES, workers, file, |chunk| {
        repeats.drop_from(chunk, assembler.next_line());
        assembler.merge(chunk, file)
    })?;
    log::info!(
        "read {} rows of {} with {workers} workers in {:.0} ms",
        assembler.records,
        file.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    rows_read(
        file,
        assembler,
        inspection,
        &date_column,
        Some(Location::in_line(header_line(head), 1, 1, 1)),
        &repeats,
    )
}

/// The table's first line, without a byte-order mark.
fn header_line(head: &str) -> &str {
    let first_line = head.lines().next().unwrap_or("");
    first_line.strip_prefix('\u{feff}').unwrap_or(first_line)
}

/// A problem with the table as a whole, pointed at its first line (its header).
fn at_header(head: &str, file: &Path, p: TableProblem) -> LoadError {
    let first_line = header_line(head);
    LoadError::single(
        file,
        p.diagnostic().at(Some(Location::in_line(
            first_line,
            1,
            1,
            first_line.chars().count(),
        ))),
    )
}

/// Streams a table's rows without assembling a dataset (`load::stream_table`): each
/// chunk's rows in file order, with the line its first row is counted from. A chunk
/// that cannot be read (a quote never closed, bytes that are not UTF-8) stops it with
/// the error at its line and column.
pub(crate) fn stream_rows(
    input: Box<dyn Read + Send + '_>,
    head: &str,
    file: &Path,
    user: &MappingSpec,
    each: &mut dyn FnMut(&rows::ChunkRows, u64) -> Result<(), LoadError>,
) -> Result<super::Streamed, LoadError> {
    let at_top = |p: TableProblem| at_header(head, file, p);
    let inspection = inspect(head, user).map_err(at_top)?;
    let plan = inspection
        .plan()
        .map_err(|e| at_top(TableProblem::Mapping(e)))?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut next_line: u64 = 1;
    let mut records = 0;
    let mut repeats = repeats::Repeats::for_mapping(&inspection.mapping);
    let mut skips: HashMap<rows::Problem, u64> = HashMap::new();
    stream::read_rows(input, &plan, u64::MAX, workers, file, |chunk| {
        if let Some(fatal) = &chunk.fatal {
            let mut at = fatal.location.clone();
            at.line = usize::try_from(next_line)
                .unwrap_or(usize::MAX)
                .saturating_add(at.line);
            return Err(LoadError::single(
                file,
                Diagnostic::error(fatal.message.clone())
                    .with_help(fatal.help.clone())
                    .at(Some(at)),
            ));
        }
        repeats.drop_from(chunk, next_line);
        for (&p, &n) in chunk.counts.iter().filter(|(p, _)| p.skips()) {
            *skips.entry(p).or_default() += n;
        }
        each(chunk, next_line)?;
        records += chunk.records;
        next_line = next_line.saturating_add(u64::from(chunk.lines));
        Ok(())
    })?;
    let mut not_events: Vec<(u64, String)> = skips
        .into_iter()
        .map(|(p, n)| (n, assemble::summary(p).to_owned()))
        .collect();
    if repeats.count > 0 {
        not_events.push((
            repeats.count,
            format!(
                "repeating an earlier row's {} (the same event, kept once)",
                repeats::EVENT_ID
            ),
        ));
    }
    not_events.sort_by(|a, b| b.cmp(a));
    Ok(super::Streamed {
        layout: inspection.layout,
        records,
        not_events,
    })
}

/// What a table of `file`, laid out as `layout`, is read into: a dataset named after the
/// file, whose description says how it was read and whose events' date notes name the
/// date column.
pub(super) fn assembler_for(
    file: &Path,
    layout: &str,
    date_column: &str,
) -> Result<assemble::Assembler, LoadError> {
    let name = file
        .file_stem()
        .map_or_else(|| "Table".to_owned(), |s| s.to_string_lossy().into_owned());
    let shown = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    assemble::Assembler::new(
        &name,
        &format!("Read from {shown}, a {layout}."),
        &format!("From the table's column {}.", describe_column(date_column)),
    )
    .map_err(|e| LoadError::single(file, Diagnostic::error(e.to_string())))
}

/// The dataset a table's rows made, with what the table was read as; or, when rows were
/// read but none had a date, an error naming the date column (at the first row's
/// problem, else at `fallback` if there is one) followed by each row's problem.
pub(super) fn rows_read(
    file: &Path,
    assembler: assemble::Assembler,
    inspection: Inspection,
    date_column: &str,
    fallback: Option<Location>,
    repeats: &repeats::Repeats,
) -> Result<(Parsed<'static>, TableInfo), LoadError> {
    let records = assembler.records;
    let skipped = assembler.skipped() + repeats.count;
    let (mut dataset, mut warnings, lines) = assembler.finish();
    warnings.extend(repeats.warning());
    if records > 0 && dataset.events.is_empty() {
        let at = warnings
            .iter()
            .find_map(|w| w.location.clone())
            .or(fallback);
        let mut diagnostics = vec![Diagnostic::error(format!(
            "none of the table's {} has a date Claimline can read (dates are taken from column {})",
            crate::english::plural(usize::try_from(records).unwrap_or(usize::MAX), "row"),
            describe_column(date_column)
        ))
        .with_help(
            "map the column that holds the dates with --map date=COLUMN, or in the app's mapping form; dates look like 2024-11-07, 20241107, 7 November 2024, 2024-11 or 2024",
        )
        .at(at)];
        diagnostics.extend(warnings);
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics,
        });
    }
    let event_ids = match inspection.mapping.get(Key::Id) {
        Some(column) => {
            let (ids, renamed) = places::settle_duplicate_ids(&mut dataset, &lines, column)
                .map_err(|e| LoadError::single(file, Diagnostic::error(e.to_string())))?;
            warnings.extend(renamed);
            ids
        }
        // Rows are named by their line: no two alike.
        None => None,
    };
    let parsed = Parsed {
        dataset,
        placing: Placing::Rows(places::row_places(lines, &inspection.mapping)),
        list_unquoted: None,
        warnings,
        references_made: true,
        event_ids,
    };
    let info = TableInfo {
        layout: inspection.layout,
        mapping: inspection.mapping,
        guessed: inspection.guessed,
        records,
        skipped,
    };
    Ok((parsed, info))
}

fn describe_column(text: &str) -> String {
    match mapping::parse_value(Key::Date, text) {
        Ok(Value::Column(ColumnRef::Number(n))) => n.to_string(),
        _ => format!("\"{text}\""),
    }
}
