//! `claimline convert`: anything Claimline reads into the columnar layout
//! ([`super::layout`]) — events sorted by first possible day in row groups of about a
//! million rows with statistics, the day counts, the spans and the place counts beside
//! them (`OUT.counts.parquet`, `OUT.spans.parquet`, `OUT.places.parquet`), and the
//! relations where there are any (`OUT.relations.parquet`).
//!
//! A text table is streamed: its chunks are gathered into runs of a million rows, each
//! sorted in memory and written to a temporary folder, and the runs merged into the
//! output ([`super::sorted_runs`]), so memory stays bounded however large the table. The
//! day counts ([`super::day_counts`]) are counted from the rows as they are written.
//! Other formats (RON, TimelineJS, Parquet) are read whole, as the app reads them, and
//! written in their time order.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::metadata::KeyValue;

use super::day_counts::DayCounts;
use super::layout::{BATCH_ROWS, Batch, EventRow, properties};
use super::place_counts::PlaceCounts;
use super::sorted_runs::{RUN_ROWS, SortError, SortedRuns};
use super::spans::Spans;
use crate::load::table::mapping::MappingSpec;
use crate::load::table::rows::{ChunkRows, NONE};
use crate::load::{LoadError, LoadOptions};
use crate::model::EventIdx;

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// Events written.
    pub rows: u64,
    /// Records of the input that were not events (no date…), for a table.
    pub skipped: u64,
    /// Why, most first: how many, and why ("skipped for an empty date").
    pub not_events: Vec<(u64, String)>,
    /// The events file.
    pub events: PathBuf,
    /// The day counts beside it.
    pub counts: PathBuf,
    /// The spans beside it, unless there were too many to keep.
    pub spans: Option<PathBuf>,
    /// The place counts beside it, unless there were too many to keep, and what they
    /// hold.
    pub places: Option<(PathBuf, super::place_counts::Kept)>,
    /// The relations, if the input had any.
    pub relations: Option<PathBuf>,
    /// How the input was read.
    pub read_as: String,
}

/// Why a conversion failed.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The input could not be read.
    #[error("{0}")]
    Load(#[from] LoadError),
    /// Writing or sorting failed.
    #[error("{what}: {why}")]
    Write {
        /// What was being done.
        what: String,
        /// What went wrong.
        why: String,
    },
}

fn write_error(what: &str) -> impl Fn(&dyn std::fmt::Display) -> ConvertError + '_ {
    move |why| ConvertError::Write {
        what: what.to_owned(),
        why: why.to_string(),
    }
}

/// The files a conversion to `out` writes beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Companions {
    /// The day counts (`big.parquet` → `big.counts.parquet`).
    pub counts: PathBuf,
    /// The relations (`big.relations.parquet`), where the input had any.
    pub relations: PathBuf,
    /// The spans (`big.spans.parquet`).
    pub spans: PathBuf,
    /// The place counts (`big.places.parquet`).
    pub places: PathBuf,
}

/// The files a conversion to `out` writes beside it ([`super::layout::COMPANIONS`]).
pub fn companions(out: &Path) -> Companions {
    let stem = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.strip_suffix(".parquet").unwrap_or(&stem).to_owned();
    let [counts, relations, spans, places] =
        super::layout::COMPANIONS.map(|end| out.with_file_name(format!("{stem}{end}")));
    Companions {
        counts,
        relations,
        spans,
        places,
    }
}

/// Converts the file at `input`.
pub fn convert_file(
    input: &Path,
    out: &Path,
    mapping: &MappingSpec,
) -> Result<Converted, ConvertError> {
    let file = File::open(input)
        .map_err(|e| ConvertError::Load(crate::load::read::read_error(&e, input)))?;
    convert_reader(Box::new(file), input, out, mapping)
}

/// Converts `reader`, named `name` in messages (a table streamed from a generator, a
/// file).
pub fn convert_reader(
    reader: Box<dyn Read + Send + '_>,
    name: &Path,
    out: &Path,
    mapping: &MappingSpec,
) -> Result<Converted, ConvertError> {
    let runs = tempfile::Builder::new()
        .prefix("claimline-convert")
        .tempdir_in(
            out.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .map_err(|e| write_error("making a folder for sorting")(&e))?;
    let mut writer = SortedRuns::new(runs.path(), RUN_ROWS);
    let mut row: EventIdx = 0;
    let streamed = crate::load::stream_table(reader, name, mapping, |chunk, first_line| {
        for r in chunk_rows(chunk, first_line, &mut row) {
            writer.push(&r).map_err(|e| {
                LoadError::single(
                    name,
                    crate::load::Diagnostic::error(format!("{}: {}", e.what, e.why)),
                )
            })?;
        }
        Ok(())
    })?;
    let Some(streamed) = streamed else {
        drop(writer);
        return convert_whole(name, out, mapping);
    };
    let sorted = writer.finish()?;
    let rows = u64::from(row);
    let beside = companions(out);
    let mut sink = Sink::create(out, HashSet::new())?;
    super::sorted_runs::merge(&sorted, |batch| {
        sink.write(batch).map_err(|e| SortError {
            what: "writing the events",
            why: e.to_string(),
        })
    })?;
    let Closed { spans, places, .. } = sink.close(&beside)?;
    Ok(Converted {
        rows,
        skipped: streamed.records.saturating_sub(rows),
        not_events: streamed.not_events,
        events: out.to_owned(),
        counts: beside.counts,
        spans,
        places,
        relations: None,
        read_as: streamed.layout,
    })
}

/// A table chunk's rows as layout rows, numbered on from `row`.
fn chunk_rows(chunk: &ChunkRows, first_line: u64, row: &mut EventIdx) -> Vec<EventRow> {
    let text = |l: crate::load::table::rows::Local| {
        chunk
            .block
            .get(l.start as usize..(l.start as usize + l.len as usize))
            .unwrap_or("")
            .to_owned()
    };
    let name = |s: u32| (s != NONE).then(|| chunk.symbols.name(s).to_owned());
    chunk
        .rows
        .iter()
        .map(|r| {
            let line = first_line.saturating_add(u64::from(r.line));
            let end_day = r
                .end
                .map_or(r.date.latest(), |e| e.latest().max(r.date.latest()));
            let (a, n) = r.actors;
            let actors = chunk
                .actors
                .get(a as usize..(a + n) as usize)
                .unwrap_or(&[])
                .iter()
                .filter_map(|&s| name(s))
                .collect();
            let out = EventRow {
                row: *row,
                id: r.id.map_or_else(|| format!("line-{line}"), text),
                start_day: r.date.earliest(),
                end_day,
                exact: r.date.is_exact_day(),
                date: r.date.to_string(),
                end: r.end.map(|d| d.to_string()),
                kind: r.kind,
                status: r.status,
                lane: name(r.lane),
                title: text(r.title),
                summary: text(r.summary),
                place: name(r.place),
                url: name(r.url),
                actors,
                quotes: Vec::new(),
                coordinates: r.coordinates.map(|c| (c.lat(), c.lon())),
                date_note: String::new(),
                sources: Vec::new(),
                outlets: Vec::new(),
            };
            *row = row.saturating_add(1);
            out
        })
        .collect()
}

impl From<SortError> for ConvertError {
    fn from(e: SortError) -> Self {
        Self::Write {
            what: e.what.to_owned(),
            why: e.why,
        }
    }
}

/// The events file being written, atomically (a temporary file beside `out`, renamed
/// when complete), with its day counts, spans and place counts.
struct Sink {
    writer: ArrowWriter<tempfile::NamedTempFile>,
    counts: DayCounts,
    spans: Spans,
    places: PlaceCounts,
    out: PathBuf,
    rows: u64,
    /// What ties the companion files to this events file ([`super::layout::TIE_KEY`]).
    tie: String,
}

impl Sink {
    /// A sink writing to `out`, where the events of `disputed` (rows) take part in a
    /// relation.
    fn create(out: &Path, disputed: HashSet<u32>) -> Result<Self, ConvertError> {
        let fail = write_error("writing the events");
        let tmp = crate::files::atomic_file(out).map_err(|e| fail(&format!("{e:#}")))?;
        let writer = ArrowWriter::try_new(tmp, super::layout::schema(), Some(properties()))
            .map_err(|e| fail(&e))?;
        Ok(Self {
            writer,
            counts: DayCounts::new(disputed),
            spans: Spans::default(),
            places: PlaceCounts::default(),
            out: out.to_owned(),
            rows: 0,
            tie: super::layout::new_tie(out),
        })
    }

    /// Keeps what the dataset says besides its events — title, description, author,
    /// actors, sources, eras — in the file's footer ([`super::footer::HEADER_KEY`]), so
    /// that the table opened through the engine is titled, credited and banded as the
    /// dataset is.
    fn keep_header(&mut self, ds: &crate::model::Dataset) -> Result<(), ConvertError> {
        let text = super::footer::header_ron(ds)
            .map_err(|e| write_error("writing the dataset's header")(&e))?;
        self.writer
            .append_key_value_metadata(KeyValue::new(super::footer::HEADER_KEY.to_owned(), text));
        self.writer.append_key_value_metadata(KeyValue::new(
            super::footer::FACETS_KEY.to_owned(),
            super::footer::facets_json(ds),
        ));
        Ok(())
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), ConvertError> {
        self.counts
            .add(batch)
            .map_err(|e| write_error("counting days")(&e))?;
        self.spans
            .add(batch)
            .map_err(|e| write_error("gathering spans")(&e))?;
        self.places
            .add(batch)
            .map_err(|e| write_error("counting places")(&e))?;
        self.rows += batch.num_rows() as u64;
        self.writer
            .write(batch)
            .map_err(|e| write_error("writing the events")(&e))
    }

    /// The tie written into every file of this conversion: its rows and its token.
    fn tie(&self) -> String {
        format!("{} {}", self.rows, self.tie)
    }

    /// Completes the events file, then writes its day counts, spans and place counts
    /// beside it. If those fail, the events stay (they open, counting from the events).
    fn close(mut self, beside: &Companions) -> Result<Closed, ConvertError> {
        let fail = write_error("writing the events");
        let tie = self.tie();
        self.writer.append_key_value_metadata(KeyValue::new(
            super::layout::TIE_KEY.to_owned(),
            tie.clone(),
        ));
        let tmp = self.writer.into_inner().map_err(|e| fail(&e))?;
        crate::files::commit(tmp, &self.out).map_err(|e| fail(&format!("{e:#}")))?;
        self.counts
            .write(&beside.counts, &tie)
            .map_err(|e| write_error("counting days")(&e))?;
        let spans = self
            .spans
            .write(&beside.spans, &tie)
            .map_err(|e| write_error("writing the spans")(&e))?;
        let places = self
            .places
            .write(&beside.places, &tie)
            .map_err(|e| write_error("writing the place counts")(&e))?;
        Ok(Closed {
            tie,
            spans: spans.then(|| beside.spans.clone()),
            places: places.map(|kept| (beside.places.clone(), kept)),
        })
    }
}

/// What closing a [`Sink`] wrote.
struct Closed {
    /// The tie written into every file of the conversion.
    tie: String,
    /// The spans, if they were kept (not past [`super::spans::MOST_SPANS`]).
    spans: Option<PathBuf>,
    /// The place counts, if they were kept (not past
    /// [`super::place_counts::MOST_PLACE_ROWS`]), and what they hold.
    places: Option<(PathBuf, super::place_counts::Kept)>,
}

/// A whole-read format (RON, TimelineJS, Parquet) written in its time order.
fn convert_whole(
    input: &Path,
    out: &Path,
    mapping: &MappingSpec,
) -> Result<Converted, ConvertError> {
    let options = LoadOptions {
        mapping: mapping.clone(),
        ..LoadOptions::default()
    };
    let loaded = crate::load::load_file(input, options, None)?;
    let read_as = loaded
        .table
        .as_ref()
        .map_or_else(|| "dataset".to_owned(), |t| t.layout.clone());
    let ds = &loaded.dataset;
    let mut order: Vec<EventIdx> = (0..ds.events.len())
        .filter_map(|i| EventIdx::try_from(i).ok())
        .collect();
    let key = |e: &EventIdx| {
        let ev = &ds.events[*e as usize];
        let end = ev
            .end
            .map_or(ev.date.latest(), |x| x.latest().max(ev.date.latest()));
        (ev.date.earliest(), end, *e)
    };
    order.sort_unstable_by_key(key);
    // The events in a relation, by row (a row is its event's index, as the relations
    // file numbers them): the overview's disputed share.
    let disputed: HashSet<u32> = ds
        .relations
        .iter()
        .filter_map(|r| Some([ds.event_index(r.from)?, ds.event_index(r.to)?]))
        .flatten()
        .collect();
    let mut sink = Sink::create(out, disputed)?;
    sink.keep_header(ds)?;
    let mut batch = Batch::default();
    for &e in &order {
        if let Some(r) = EventRow::of(ds, e) {
            batch.push(&r);
        }
        if batch.len() >= BATCH_ROWS {
            sink.write(
                &batch
                    .finish()
                    .map_err(|e| write_error("gathering rows")(&e))?,
            )?;
        }
    }
    sink.write(
        &batch
            .finish()
            .map_err(|e| write_error("gathering rows")(&e))?,
    )?;
    let beside = companions(out);
    let Closed { tie, spans, places } = sink.close(&beside)?;
    let relations = if ds.relations.is_empty() {
        None
    } else {
        write_relations(ds, &beside.relations, &tie)?;
        Some(beside.relations)
    };
    Ok(Converted {
        rows: order.len() as u64,
        skipped: 0,
        not_events: Vec::new(),
        events: out.to_owned(),
        counts: beside.counts,
        spans,
        places,
        relations,
        read_as,
    })
}

/// The relations as rows: who (row) bears on whom (row), how, the question, and the
/// relation's place in the dataset (`seq`, the order links are drawn in).
fn write_relations(ds: &crate::model::Dataset, out: &Path, tie: &str) -> Result<(), ConvertError> {
    use datafusion::arrow::array::{BooleanBuilder, StringBuilder, UInt32Builder};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    let fail = write_error("writing the relations");
    let (mut from, mut to) = (UInt32Builder::new(), UInt32Builder::new());
    let (mut kind, mut question) = (StringBuilder::new(), StringBuilder::new());
    let mut seq = UInt32Builder::new();
    let (mut by_editor, mut note) = (BooleanBuilder::new(), StringBuilder::new());
    for (i, r) in ds.relations.iter().enumerate() {
        let (Some(a), Some(b)) = (ds.event_index(r.from), ds.event_index(r.to)) else {
            continue;
        };
        seq.append_value(u32::try_from(i).unwrap_or(u32::MAX));
        from.append_value(a);
        to.append_value(b);
        kind.append_value(r.kind.label());
        question.append_value(ds.str(r.question));
        by_editor.append_value(r.linked_by.is_editor());
        note.append_value(ds.str(r.note));
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("from_row", DataType::UInt32, false),
        Field::new("to_row", DataType::UInt32, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("question", DataType::Utf8, false),
        Field::new("seq", DataType::UInt32, false),
        Field::new("by_editor", DataType::Boolean, false),
        Field::new("note", DataType::Utf8, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(from.finish()),
            Arc::new(to.finish()),
            Arc::new(kind.finish()),
            Arc::new(question.finish()),
            Arc::new(seq.finish()),
            Arc::new(by_editor.finish()),
            Arc::new(note.finish()),
        ],
    )
    .map_err(|e| fail(&e))?;
    super::layout::write_tied(&batch, out, tie).map_err(|e| fail(&e))
}
