//! The columnar layout of a big table (docs/scaling.md): one row per event, sorted by
//! its first possible day, with the columns the timeline's questions read, and a
//! check that a Parquet file has them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Float64Builder, Int8Builder, Int32Builder, ListBuilder,
    StringBuilder, UInt32Builder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::error::ArrowError;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};

/// Rows per row group: a one-month view reads one group, not the archive.
pub const ROW_GROUP_ROWS: usize = 1 << 20;
/// Rows gathered before they are written.
pub const BATCH_ROWS: usize = 64 * 1024;

/// The columns, in order, with what each holds.
pub const COLUMNS: [(&str, &str); 28] = [
    (
        "row",
        "the event's number in the file it came from (its index in memory)",
    ),
    ("id", "the event's id"),
    (
        "start_day",
        "first day it could be (days since 1 January of year 1)",
    ),
    (
        "end_day",
        "last day it could be, or the end of an event that lasts",
    ),
    ("exact", "known to the day"),
    (
        "date",
        "the date as written (2024-11-07, 2024-11, 2017/2018-06)",
    ),
    ("end", "the end date as written, if it lasts"),
    ("kind", "kind number (0 phone call … 8 context, 9 other)"),
    (
        "status",
        "status number (0 confirmed, 1 reported, 2 alleged, 3 disputed, 4 denied)",
    ),
    ("lane", "the row's group or lane column, if any"),
    ("title", "the title"),
    ("summary", "the summary"),
    ("place", "where"),
    ("url", "the first source's address"),
    ("actors", "who took part"),
    ("quote_count", "quotes backing it"),
    ("quote_speakers", "who said each quote"),
    ("quote_texts", "each quote, verbatim"),
    (
        "span_class",
        "0 for one day, then spans up to 3, 15, 63… days",
    ),
    ("lat", "latitude"),
    ("lon", "longitude"),
    (
        "search_text",
        "title, summary and quotes in lower case, apart by NUL: what a search reads",
    ),
    ("date_note", "how the date was worked out"),
    (
        "sources",
        "the sources it cites, by id in the dataset's header",
    ),
    ("outlets", "the outlets its quotes come from, each once"),
    (
        "quote_speaker_ids",
        "each quote's speaker's actor id (empty for a speaker who is not an actor)",
    ),
    (
        "quote_sources",
        "each quote's source, by id in the dataset's header",
    ),
    (
        "quote_said",
        "when each quote was said, as written (empty: when published)",
    ),
];

/// A column the side panel's card and the outlet filter read when it is there (tables
/// converted before it was written have the others).
pub const CARD_COLUMN: &str = "quote_sources";

/// The column a search reads when it is there: tables written before it are searched
/// through their title, summary and quotes.
pub const SEARCH_TEXT: &str = "search_text";

/// The key, in the footer of an events file and of its companions (day counts,
/// relations), of what ties them together: the events file's row count and a token
/// made for that conversion (`"100000 9f2c…"`). A companion whose tie is not its events
/// file's belongs to another table, or another conversion of it, and is not used.
pub const TIE_KEY: &str = "claimline.events";

/// A token for a conversion to `out`: a hash of the path, the time and the process, so
/// that two conversions, even of the same input, are told apart.
pub fn new_tie(out: &Path) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!("{}|{nanos}|{}", out.display(), std::process::id());
    crate::hash::sha256_hex(seed.as_bytes())[..16].to_owned()
}

/// The tie in the footer of the Parquet file at `path` ([`TIE_KEY`]), if it has one.
pub fn tie_of(path: &Path) -> Option<String> {
    super::store::footer(path).ok()?.metadata.remove(TIE_KEY)
}

/// How the files a conversion writes beside its events file end: the day counts, the
/// relations, the spans and the place counts (`big.parquet` → `big.counts.parquet`, …).
pub const COMPANIONS: [&str; 4] = [
    ".counts.parquet",
    ".relations.parquet",
    ".spans.parquet",
    ".places.parquet",
];

/// Writes `batch` to `out` atomically as a companion of a conversion, tied to its
/// events file by `tie` ([`TIE_KEY`]).
pub fn write_tied(batch: &RecordBatch, out: &Path, tie: &str) -> Result<(), String> {
    use datafusion::parquet::arrow::ArrowWriter;
    use datafusion::parquet::file::metadata::KeyValue;
    let tmp = crate::files::atomic_file(out).map_err(|e| format!("{e:#}"))?;
    let mut w =
        ArrowWriter::try_new(tmp, batch.schema(), Some(properties())).map_err(|e| e.to_string())?;
    w.append_key_value_metadata(KeyValue::new(TIE_KEY.to_owned(), tie.to_owned()));
    w.write(batch).map_err(|e| e.to_string())?;
    let tmp = w.into_inner().map_err(|e| e.to_string())?;
    crate::files::commit(tmp, out).map_err(|e| format!("{e:#}"))
}

/// Writes `batch` as [`write_tied`] does; with none (a companion past its most rows),
/// removes any left at `out` by an earlier conversion instead, so that it is not read
/// as this one's. Whether it was written.
pub fn write_tied_or_remove(
    batch: Option<&RecordBatch>,
    out: &Path,
    tie: &str,
) -> Result<bool, String> {
    match batch {
        Some(batch) => write_tied(batch, out, tie).map(|()| true),
        None => match std::fs::remove_file(out) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("could not remove {}: {e}", out.display()))
            }
            _ => Ok(false),
        },
    }
}

/// Column `name` of `batch` as an array of type `T`, or why not.
pub fn column<'a, T: 'static>(batch: &'a RecordBatch, name: &str) -> Result<&'a T, String> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| format!("the events have no column {name} of the layout's type"))
}

/// The events files of `path`: the file itself, or every `.parquet` file of a folder
/// but the companions beside them ([`COMPANIONS`]).
pub fn event_files(path: &Path) -> Vec<PathBuf> {
    if !super::store::is_folder(path) {
        return vec![path.to_owned()];
    }
    super::store::list_folder(path)
        .into_iter()
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".parquet") && !COMPANIONS.iter().any(|c| name.ends_with(c))
        })
        .collect()
}

/// Columns the timeline cannot work without.
pub const REQUIRED: [&str; 7] = [
    "row",
    "start_day",
    "end_day",
    "exact",
    "kind",
    "status",
    "title",
];

/// Columns a table converted before they were written lacks, and opens without: its
/// search reads the title, summary and quotes, its cards lack date notes, roles and
/// sources. Every other column of [`schema`] is read.
pub const OPTIONAL: [&str; 7] = [
    SEARCH_TEXT,
    "date_note",
    "sources",
    "outlets",
    "quote_speaker_ids",
    CARD_COLUMN,
    "quote_said",
];

/// The columns of [`schema`] a table lacks that the engine reads (all but
/// [`OPTIONAL`]).
pub fn missing_read(present: &[String]) -> Vec<String> {
    schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .filter(|c| !OPTIONAL.contains(&c.as_str()) && !present.contains(c))
        .collect()
}

/// The events table's schema.
pub fn schema() -> SchemaRef {
    let list = || DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
    Arc::new(Schema::new(vec![
        Field::new("row", DataType::UInt32, false),
        Field::new("id", DataType::Utf8, false),
        Field::new("start_day", DataType::Int32, false),
        Field::new("end_day", DataType::Int32, false),
        Field::new("exact", DataType::Boolean, false),
        Field::new("date", DataType::Utf8, false),
        Field::new("end", DataType::Utf8, true),
        Field::new("kind", DataType::Int8, false),
        Field::new("status", DataType::Int8, false),
        Field::new("lane", DataType::Utf8, true),
        Field::new("title", DataType::Utf8, false),
        Field::new("summary", DataType::Utf8, false),
        Field::new("place", DataType::Utf8, true),
        Field::new("url", DataType::Utf8, true),
        Field::new("actors", list(), false),
        Field::new("quote_count", DataType::Int32, false),
        Field::new("quote_speakers", list(), false),
        Field::new("quote_texts", list(), false),
        Field::new("span_class", DataType::Int8, false),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new(SEARCH_TEXT, DataType::Utf8, false),
        Field::new("date_note", DataType::Utf8, false),
        Field::new("sources", list(), false),
        Field::new("outlets", list(), false),
        Field::new("quote_speaker_ids", list(), false),
        Field::new(CARD_COLUMN, list(), false),
        Field::new("quote_said", list(), false),
    ]))
}

/// How converted files are written: row groups of about a million rows, page
/// statistics, zstd.
pub fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build()
}

/// The span class of an event lasting `days` days beyond its first: `0` for one day,
/// then classes whose longest span is at most four times their shortest.
pub fn span_class(days: i32) -> i8 {
    let bits = 32 - days.max(0).cast_unsigned().leading_zeros();
    i8::try_from(bits.div_ceil(2)).unwrap_or(i8::MAX)
}

pub use crate::timeline::seam::event_row::EventRow;

/// Rows gathered into a record batch.
#[derive(Default)]
pub struct Batch {
    row: UInt32Builder,
    id: StringBuilder,
    start_day: Int32Builder,
    end_day: Int32Builder,
    exact: BooleanBuilder,
    date: StringBuilder,
    end: StringBuilder,
    kind: Int8Builder,
    status: Int8Builder,
    lane: StringBuilder,
    title: StringBuilder,
    summary: StringBuilder,
    place: StringBuilder,
    url: StringBuilder,
    actors: ListBuilder<StringBuilder>,
    quote_count: Int32Builder,
    quote_speakers: ListBuilder<StringBuilder>,
    quote_texts: ListBuilder<StringBuilder>,
    span_class: Int8Builder,
    lat: Float64Builder,
    lon: Float64Builder,
    search_text: StringBuilder,
    date_note: StringBuilder,
    sources: ListBuilder<StringBuilder>,
    outlets: ListBuilder<StringBuilder>,
    quote_speaker_ids: ListBuilder<StringBuilder>,
    quote_sources: ListBuilder<StringBuilder>,
    quote_said: ListBuilder<StringBuilder>,
    len: usize,
}

fn small(n: usize) -> i8 {
    i8::try_from(n).unwrap_or(i8::MAX)
}

impl Batch {
    /// Rows gathered so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is gathered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a row.
    pub fn push(&mut self, r: &EventRow) {
        self.row.append_value(r.row);
        self.id.append_value(&r.id);
        self.start_day.append_value(r.start_day);
        self.end_day.append_value(r.end_day);
        self.exact.append_value(r.exact);
        self.date.append_value(&r.date);
        self.end.append_option(r.end.as_deref());
        self.kind.append_value(small(r.kind.index()));
        self.status.append_value(small(r.status.index()));
        self.lane.append_option(r.lane.as_deref());
        self.title.append_value(&r.title);
        self.summary.append_value(&r.summary);
        self.place.append_option(r.place.as_deref());
        self.url.append_option(r.url.as_deref());
        for a in &r.actors {
            self.actors.values().append_value(a);
        }
        self.actors.append(true);
        self.quote_count
            .append_value(i32::try_from(r.quotes.len()).unwrap_or(i32::MAX));
        for q in &r.quotes {
            self.quote_speakers.values().append_value(&q.speaker);
            self.quote_texts.values().append_value(&q.text);
            self.quote_speaker_ids.values().append_value(&q.speaker_id);
            self.quote_sources.values().append_value(&q.source);
            self.quote_said.values().append_value(&q.said);
        }
        for list in [
            &mut self.quote_speakers,
            &mut self.quote_texts,
            &mut self.quote_speaker_ids,
            &mut self.quote_sources,
            &mut self.quote_said,
        ] {
            list.append(true);
        }
        self.span_class
            .append_value(span_class(r.end_day.saturating_sub(r.start_day)));
        self.lat.append_option(r.coordinates.map(|c| c.0));
        self.lon.append_option(r.coordinates.map(|c| c.1));
        self.search_text.append_value(search_text(r));
        self.date_note.append_value(&r.date_note);
        for (list, items) in [
            (&mut self.sources, &r.sources),
            (&mut self.outlets, &r.outlets),
        ] {
            for item in items {
                list.values().append_value(item);
            }
            list.append(true);
        }
        self.len += 1;
    }

    /// The rows gathered, as a record batch; the builders start again empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        self.len = 0;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.row.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.start_day.finish()),
            Arc::new(self.end_day.finish()),
            Arc::new(self.exact.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.lane.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.summary.finish()),
            Arc::new(self.place.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.actors.finish()),
            Arc::new(self.quote_count.finish()),
            Arc::new(self.quote_speakers.finish()),
            Arc::new(self.quote_texts.finish()),
            Arc::new(self.span_class.finish()),
            Arc::new(self.lat.finish()),
            Arc::new(self.lon.finish()),
            Arc::new(self.search_text.finish()),
            Arc::new(self.date_note.finish()),
            Arc::new(self.sources.finish()),
            Arc::new(self.outlets.finish()),
            Arc::new(self.quote_speaker_ids.finish()),
            Arc::new(self.quote_sources.finish()),
            Arc::new(self.quote_said.finish()),
        ];
        RecordBatch::try_new(schema(), columns)
    }
}

/// What a search of `r` reads: its title, summary and quotes lower-cased (as the
/// in-memory search compares them), apart by NUL, which no search holds, so a search
/// never matches across two of them.
pub fn search_text(r: &EventRow) -> String {
    let mut text = r.title.to_lowercase();
    for part in std::iter::once(&r.summary).chain(r.quotes.iter().map(|q| &q.text)) {
        text.push('\0');
        text.push_str(&part.to_lowercase());
    }
    text
}

/// The layout's columns missing from a table with `present` columns.
pub fn missing(present: &[String]) -> Vec<&'static str> {
    REQUIRED
        .iter()
        .copied()
        .filter(|c| !present.iter().any(|p| p == c))
        .collect()
}

/// Plain rows for tests, numbered from 0, from and to the days of `spans`.
#[cfg(test)]
pub(crate) fn test_batch(spans: &[(i32, i32)]) -> RecordBatch {
    let mut b = Batch::default();
    for (i, &(start_day, end_day)) in spans.iter().enumerate() {
        b.push(&test_row(u32::try_from(i).unwrap_or(0), start_day, end_day));
    }
    b.finish().unwrap_or_else(|e| panic!("{e}"))
}

/// A plain row for tests: number `row`, from `start_day` to `end_day`, one actor.
#[cfg(test)]
pub(crate) fn test_row(row: u32, start_day: i32, end_day: i32) -> EventRow {
    use crate::model::{EventKind, Status};
    EventRow {
        row,
        id: format!("e{row}"),
        start_day,
        end_day,
        exact: start_day == end_day,
        date: String::new(),
        end: None,
        kind: EventKind::Meeting,
        status: Status::Reported,
        lane: None,
        title: format!("t{row}"),
        summary: String::new(),
        place: None,
        url: None,
        actors: vec![format!("a{}", row % 7)],
        quotes: Vec::new(),
        coordinates: None,
        date_note: String::new(),
        sources: Vec::new(),
        outlets: Vec::new(),
    }
}
