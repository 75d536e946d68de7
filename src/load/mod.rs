//! Reading a dataset: the one way in, for every format.
//!
//! A file goes down one road and never climbs back: open ([`read`]: size caps checked
//! before reading) → decompressed if gzipped → its head ([`table::HEAD_BYTES`]) checked
//! as text ([`text`]: UTF-8, not binary, not empty) and its format told by content
//! ([`format`]) → a table streams through [`table`] (on every core, up to 4 GiB); any
//! other format is read whole (up to 256 MiB) by its reader ([`ron`], [`timelinejs`]) →
//! validation and diagnostics (`finish`) → a [`Loaded`] dataset, or a [`LoadError`] with
//! every problem, each saying what is wrong, where (file, line, column) and how to fix
//! it.
//!
//! Knows nothing of the UI: the app and the command line both call [`load_file`] (or
//! [`load_bytes`]) and show what they get back.

pub mod diagnostic;
pub mod encoding;
mod finish;
pub mod format;
pub mod html;
pub mod read;
pub mod ron;
pub mod table;
pub mod timelinejs;
pub mod validate;

use std::io::{BufRead as _, Read};
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, LineIndex, LoadError, Location, Severity};
pub use format::Format;
pub use read::MAX_FILE_BYTES;

use crate::model::Dataset;
use crate::progress::{Progress, Stage};
use finish::{Parsed, Placing};

/// At most this many problems are listed; the rest are counted.
pub const MAX_DIAGNOSTICS: usize = 500;

/// How to load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Treat warnings (such as an event without quotes, or a skipped row) as errors.
    pub strict: bool,
    /// For a table: which column holds what, and whether the first line is a header
    /// (what is not given is guessed).
    pub mapping: table::MappingSpec,
}

impl LoadOptions {
    /// Strict or not, with no table mapping.
    pub fn strict(strict: bool) -> Self {
        Self {
            strict,
            ..Self::default()
        }
    }
}

/// A dataset that parsed and validated, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The dataset.
    pub dataset: Dataset,
    /// Problems that did not stop loading.
    pub warnings: Vec<Diagnostic>,
    /// Where it came from.
    pub file: PathBuf,
    /// What a table was read as (`None` for other formats).
    pub table: Option<table::TableInfo>,
}

/// The name used in messages for the dataset built into the program.
pub const BUILTIN_NAME: &str = "<built-in dataset>";

/// The default dataset's text, embedded in the binary.
pub const BUILTIN_RON: &str = include_str!("../../data/trump-putin.ron");

/// Loads the built-in Trump–Putin dataset.
pub fn load_builtin() -> Result<Loaded, LoadError> {
    load_bytes(
        BUILTIN_RON.as_bytes(),
        Path::new(BUILTIN_NAME),
        LoadOptions::default(),
        None,
    )
}

/// Reads, parses and validates the file at `path`, whatever its format.
pub fn load_file(
    path: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let (mut file, size) = read::open(path)?;
    if size > table::MAX_TABLE_BYTES {
        return Err(read::too_large(size, path));
    }
    if parquet_file(&mut file, path)? {
        if let Some(p) = progress {
            p.start(Stage::Parsing, 0);
        }
        return read_parquet(file, path, &options, progress);
    }
    if let Some(p) = progress {
        p.start(Stage::Reading, size);
    }
    let input = table::stream::Counting::new(file, progress);
    load_reader(Box::new(input), Some(size), path, &options, progress)
}

/// Parses and validates a file's bytes already in memory, whatever its format; `file`
/// names it in messages.
pub fn load_bytes(
    bytes: &[u8],
    file: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let size = bytes.len() as u64;
    if size > table::MAX_TABLE_BYTES {
        return Err(read::too_large(size, file));
    }
    load_reader(Box::new(bytes), Some(size), file, &options, progress)
}

/// The head of a file (its first [`table::HEAD_BYTES`] bytes, decompressed if it is
/// gzipped) as text, and its format: what the app's mapping form and the command
/// line's mapping checks look at before loading a table.
pub fn read_head(path: &Path) -> Result<(String, Format), LoadError> {
    let (mut file, _) = read::open(path)?;
    if parquet_file(&mut file, path)? {
        return parquet_head(file, path).map(|head| (head, Format::Table));
    }
    let (mut input, _) = decompressed(Box::new(file), path)?;
    let head = head_bytes(&mut input, path)?;
    let text = encoding::head_text(&head).map_err(|d| LoadError::single(path, d))?;
    Ok((text.to_owned(), format::detect(text)))
}

/// The first [`table::HEAD_BYTES`] bytes of `input` (what format detection and a
/// table's inspection look at).
fn head_bytes(input: &mut dyn Read, file: &Path) -> Result<Vec<u8>, LoadError> {
    let mut head = Vec::with_capacity(table::HEAD_BYTES);
    input
        .take(table::HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| read::read_error(&e, file))?;
    Ok(head)
}

#[cfg(feature = "parquet")]
fn parquet_bytes(all: Vec<u8>) -> bytes::Bytes {
    bytes::Bytes::from(all)
}

#[cfg(not(feature = "parquet"))]
fn parquet_bytes(all: Vec<u8>) -> Vec<u8> {
    all
}

/// Whether the file starts like a Parquet file (its position is back at the start).
fn parquet_file(file: &mut std::fs::File, path: &Path) -> Result<bool, LoadError> {
    use std::io::Seek as _;
    let mut magic = [0u8; 4];
    let n = file
        .read(&mut magic)
        .and_then(|n| file.rewind().map(|()| n))
        .map_err(|e| read::read_error(&e, path))?;
    Ok(n == 4 && table::is_parquet(&magic))
}

/// A Parquet table's column names and first rows, as CSV (what the mapping form shows).
#[cfg(feature = "parquet")]
fn parquet_head(file: std::fs::File, path: &Path) -> Result<String, LoadError> {
    let reader = ::parquet::file::reader::SerializedFileReader::new(file)
        .map_err(|e| table::parquet_error(path, &e))?;
    table::parquet::head_csv(&reader, path)
}

#[cfg(not(feature = "parquet"))]
fn parquet_head(_file: std::fs::File, path: &Path) -> Result<String, LoadError> {
    Err(table::without_parquet(path))
}

/// Reads a Parquet table whose bytes `source` holds.
#[cfg(feature = "parquet")]
fn read_parquet<R: ::parquet::file::reader::ChunkReader + 'static>(
    source: R,
    file: &Path,
    options: &LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let (parsed, info) = table::parquet::read(source, file, &options.mapping)?;
    finish_table(parsed, info, file, options, progress)
}

#[cfg(not(feature = "parquet"))]
fn read_parquet<R>(
    _source: R,
    file: &Path,
    _options: &LoadOptions,
    _progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    Err(table::without_parquet(file))
}

/// `raw` decompressed if it starts like a gzip file; whether it did.
fn decompressed<'r>(
    raw: Box<dyn Read + Send + 'r>,
    file: &Path,
) -> Result<(Box<dyn Read + Send + 'r>, bool), LoadError> {
    let mut buffered = std::io::BufReader::with_capacity(64 * 1024, raw);
    let gzipped = buffered
        .fill_buf()
        .map_err(|e| read::read_error(&e, file))?
        .starts_with(&[0x1f, 0x8b]);
    Ok(if gzipped {
        (Box::new(flate2::read::MultiGzDecoder::new(buffered)), true)
    } else {
        (Box::new(buffered), false)
    })
}

/// Parses and validates what `input` yields (a pipe, a download), whatever its format;
/// `file` names it in messages. Stops reading at the first sign the input is not a
/// dataset (binary bytes, a size over the limits).
pub fn load_stream(
    input: impl Read + Send,
    file: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    load_reader(Box::new(input), None, file, &options, progress)
}

/// The one road from bytes to a dataset: decompress if gzipped, tell the format from
/// the head, then stream a table or read anything else whole. `size` is the stored
/// size when known (a gzipped file's text may be larger).
fn load_reader(
    raw: Box<dyn Read + Send + '_>,
    size: Option<u64>,
    file: &Path,
    options: &LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let mut buffered = std::io::BufReader::with_capacity(64 * 1024, raw);
    let starts = buffered
        .fill_buf()
        .map_err(|e| read::read_error(&e, file))?;
    if table::is_parquet(starts) {
        // Parquet is read from its end: the bytes are needed whole.
        let mut all = Vec::new();
        (&mut buffered)
            .take(table::MAX_TABLE_BYTES + 1)
            .read_to_end(&mut all)
            .map_err(|e| read::read_error(&e, file))?;
        if all.len() as u64 > table::MAX_TABLE_BYTES {
            return Err(read::too_large(all.len() as u64, file));
        }
        return read_parquet(parquet_bytes(all), file, options, progress);
    }
    let (mut input, gzipped) = decompressed(Box::new(buffered), file)?;
    let head = head_bytes(&mut input, file)?;
    let head_text = encoding::head_text(&head).map_err(|d| LoadError::single(file, d))?;
    if format::detect(head_text) == Format::Table {
        if let Some(p) = progress {
            p.start(Stage::Parsing, size.unwrap_or(0));
        }
        let head_text = head_text.to_owned();
        let rest = std::io::Cursor::new(head).chain(input);
        let (parsed, info) = table::read(Box::new(rest), &head_text, file, &options.mapping)?;
        return finish_table(parsed, info, file, options, progress);
    }
    // Other formats are read whole, up to MAX_FILE_BYTES.
    if !gzipped && let Some(size) = size {
        read::check_size(size, file)?;
    }
    let mut bytes = head;
    // Room for the whole file at once: growing a quarter-gigabyte buffer by doubling
    // copies it over and over.
    if !gzipped && let Some(size) = size {
        bytes.reserve(
            usize::try_from(size)
                .unwrap_or(0)
                .saturating_sub(bytes.len())
                + 1,
        );
    }
    (&mut input)
        .take((MAX_FILE_BYTES + 1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(|e| read::read_error(&e, file))?;
    read::check_size(bytes.len() as u64, file)?;
    let text = encoding::text_of(&bytes).map_err(|d| LoadError::single(file, d))?;
    let parsed = match format::detect(text) {
        Format::Ron => Parsed {
            dataset: ron::parse(text, file, progress)?,
            placing: Placing::Ron(text),
            list_unquoted: Some(validate::MAX_UNQUOTED_LISTED),
            warnings: Vec::new(),
            references_made: false,
            event_ids: None,
        },
        Format::TimelineJson => timelinejs::json::read(text, file)?,
        Format::TimelineCsv => timelinejs::sheet::read(text, file)?,
        Format::Table => {
            // The head did not look like a table but the whole text does: read it as one.
            let (parsed, info) =
                table::read(Box::new(text.as_bytes()), text, file, &options.mapping)?;
            return finish_table(parsed, info, file, options, progress);
        }
    };
    finish::finish(parsed, file, options, progress)
}

/// Finishes a table's dataset and says what the table was read as.
fn finish_table(
    parsed: Parsed<'_>,
    info: table::TableInfo,
    file: &Path,
    options: &LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let loaded = finish::finish(parsed, file, options, progress)?;
    Ok(Loaded {
        table: Some(info),
        ..loaded
    })
}

/// Validates a dataset built in code (the generator); problems are named by their path
/// in the data, as there is no file text to point into.
pub fn load_built(
    dataset: Dataset,
    file: &Path,
    options: LoadOptions,
) -> Result<Loaded, LoadError> {
    finish::finish(Parsed::built(dataset), file, &options, None)
}

/// What [`stream_table`] read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Streamed {
    /// The layout the table was read as ("CSV table", "GDELT 2.0 events"…).
    pub layout: String,
    /// Records read (the header left out).
    pub records: u64,
    /// Why the records that are not events are not, most first: how many, and why
    /// ("skipped for an empty date", "repeating an earlier row's GLOBALEVENTID…").
    pub not_events: Vec<(u64, String)>,
}

/// Reads a text table (CSV, TSV, GDELT, gzipped or not) chunk by chunk without holding
/// it: `each` gets every chunk's rows in file order, with the line its first row is
/// counted from. No size limit: memory holds a few chunks. `Ok(None)` when the file is
/// not a text table (RON, TimelineJS, Parquet: read those whole with [`load_file`]).
pub fn stream_table(
    input: Box<dyn Read + Send + '_>,
    file: &Path,
    mapping: &table::mapping::MappingSpec,
    mut each: impl FnMut(&table::rows::ChunkRows, u64) -> Result<(), LoadError>,
) -> Result<Option<Streamed>, LoadError> {
    let mut buffered = std::io::BufReader::with_capacity(64 * 1024, input);
    let starts = buffered
        .fill_buf()
        .map_err(|e| read::read_error(&e, file))?;
    if table::is_parquet(starts) {
        return Ok(None);
    }
    let (mut input, _) = decompressed(Box::new(buffered), file)?;
    let head = head_bytes(&mut input, file)?;
    let head_text = encoding::head_text(&head).map_err(|d| LoadError::single(file, d))?;
    if format::detect(head_text) != Format::Table {
        return Ok(None);
    }
    let head_text = head_text.to_owned();
    let rest = std::io::Cursor::new(head).chain(input);
    table::stream_rows(Box::new(rest), &head_text, file, mapping, &mut each).map(Some)
}
