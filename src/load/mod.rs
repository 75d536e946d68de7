//! Reading a dataset: the one way in, for every format.
//!
//! A file goes down one road and never climbs back: read ([`read`], size cap) → text
//! checks ([`text`]: UTF-8, not binary, not empty) → format ([`format`], told by content)
//! → that format's reader ([`ron`], [`timelinejs`]) → validation and diagnostics
//! (`finish`) → a [`Loaded`] dataset, or a [`LoadError`] with every problem, each saying
//! what is wrong, where (file, line, column) and how to fix it.
//!
//! Knows nothing of the UI: the app and the command line both call [`load_file`] (or
//! [`load_bytes`]) and show what they get back.

pub mod diagnostic;
mod finish;
pub mod format;
pub mod html;
pub mod read;
pub mod ron;
pub mod text;
pub mod timelinejs;
pub mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, LineIndex, LoadError, Location, Severity};
pub use format::Format;
pub use read::{MAX_FILE_BYTES, read_capped};

use crate::model::Dataset;
use crate::progress::Progress;
use finish::{Parsed, Placing};

/// At most this many problems are listed; the rest are counted.
pub const MAX_DIAGNOSTICS: usize = 500;

/// How strictly to load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Treat warnings (such as an event without quotes) as errors.
    pub strict: bool,
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
    let bytes = read_capped(path, progress)?;
    load_bytes(&bytes, path, options, progress)
}

/// Parses and validates a file's bytes already in memory, whatever its format; `file`
/// names it in messages.
pub fn load_bytes(
    bytes: &[u8],
    file: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    read::check_size(bytes.len() as u64, file)?;
    let text = text::text_of(bytes).map_err(|d| LoadError::single(file, d))?;
    let parsed = match format::detect(text) {
        Format::Ron => Parsed {
            dataset: ron::parse(text, file, progress)?,
            placing: Placing::Ron(text),
            list_unquoted: validate::MAX_UNQUOTED_LISTED,
            warnings: Vec::new(),
        },
        Format::TimelineJson => timelinejs::json::read(text, file)?,
        Format::TimelineCsv => timelinejs::sheet::read(text, file)?,
    };
    finish::finish(parsed, file, options, progress)
}

/// Validates a dataset built in code (the generator); problems are named by their path
/// in the data, as there is no file text to point into.
pub fn load_built(
    dataset: Dataset,
    file: &Path,
    options: LoadOptions,
) -> Result<Loaded, LoadError> {
    finish::finish(Parsed::built(dataset), file, options, None)
}
