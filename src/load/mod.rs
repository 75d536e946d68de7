//! Reading a dataset file: size cap, text checks, RON parsing, validation, and
//! diagnostics that say what is wrong, where, and how to fix it.
//!
//! Knows nothing of the UI; the app and the command line call [`load_file`] (or
//! [`load_bytes`]) and show the [`LoadError`] they get back.

pub mod diagnostic;
pub mod locate;
pub mod progress;
pub mod syntax;
pub mod validate;

use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, LoadError, Location, Severity};
pub use progress::{Progress, Stage};

use crate::model::Dataset;
use crate::model::parts;

/// Files larger than this are refused before reading (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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

/// Reads, parses and validates the dataset at `path`.
pub fn load_file(
    path: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let bytes = read_capped(path, progress)?;
    load_bytes(&bytes, path, options, progress)
}

/// Reads a file, refusing it before reading if it is over [`MAX_FILE_BYTES`].
pub fn read_capped(path: &Path, progress: Option<&Progress>) -> Result<Vec<u8>, LoadError> {
    let io_error = |e: std::io::Error| {
        LoadError::single(
            path,
            Diagnostic::error(format!("cannot read the file: {e}")).with_help(match e.kind() {
                std::io::ErrorKind::NotFound => "check the path; the file does not exist",
                std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                _ => "check that the path names a readable file",
            }),
        )
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(LoadError::single(
            path,
            Diagnostic::error("this is a folder, not a dataset file")
                .with_help("choose a .ron file inside it"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    if let Some(p) = progress {
        p.start(Stage::Reading, meta.len());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut chunk).map_err(io_error)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if let Some(p) = progress {
            p.set_done(bytes.len() as u64);
        }
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Parses and validates dataset text already in memory; `file` names it in messages.
pub fn load_bytes(
    bytes: &[u8],
    file: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let text = syntax::text_of(bytes).map_err(|d| LoadError::single(file, d))?;
    if let Some(p) = progress {
        p.start(Stage::Parsing, text.len() as u64);
    }
    let ron_options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let (parsed, parts) =
        parts::collecting(text, progress, || ron_options.from_str::<Dataset>(text));
    let mut dataset = match parsed {
        Ok(ds) => ds.with_parts(parts),
        Err(e) => return Err(LoadError::single(file, syntax::from_ron(&e, text))),
    };
    if let Some(p) = progress {
        p.start(Stage::Checking, 0);
    }
    let findings = validate::validate(&mut dataset);
    let mut diagnostics = place_findings(text, findings, options);
    // Errors in file order; warnings stay in the order validation found them, which
    // puts summaries ("… and N more") after what they summarize.
    diagnostics.sort_by_key(|d| {
        let place = match d.severity {
            Severity::Error => d.location.as_ref().map(|l| (l.line, l.col)),
            Severity::Warning => None,
        };
        (d.severity, place)
    });
    finish(dataset, diagnostics, file)
}

/// Validates a dataset built in code (generated or imported); problems are reported by
/// their path in the data, as there is no file text to point into.
pub fn validate_built(
    mut dataset: Dataset,
    file: &Path,
    options: LoadOptions,
) -> Result<Loaded, LoadError> {
    let findings = validate::validate(&mut dataset);
    let diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .take(MAX_DIAGNOSTICS)
        .map(|f| {
            let severity = if options.strict {
                Severity::Error
            } else {
                f.severity
            };
            Diagnostic {
                severity,
                message: format!("{} [{}]", f.message, f.at),
                help: Some(f.help),
                location: None,
            }
        })
        .collect();
    finish(dataset, diagnostics, file)
}

/// The refusal of a file or text over [`MAX_FILE_BYTES`].
fn too_large(file: &Path, size: u64) -> LoadError {
    LoadError::single(
        file,
        Diagnostic::error(format!(
            "the file is too large: {} (the limit is {})",
            human_bytes(size),
            human_bytes(MAX_FILE_BYTES)
        ))
        .with_help("split the dataset into smaller files; a million events take about 200 MB"),
    )
}

/// A validated dataset if no diagnostic is an error (its strings sealed), else the
/// diagnostics as the error.
fn finish(
    mut dataset: Dataset,
    diagnostics: Vec<Diagnostic>,
    file: &Path,
) -> Result<Loaded, LoadError> {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics,
        });
    }
    dataset.strings.seal();
    Ok(Loaded {
        dataset,
        warnings: diagnostics,
        file: file.to_owned(),
    })
}

/// Turns findings into diagnostics with positions; caps their number.
fn place_findings(
    text: &str,
    findings: Vec<validate::Finding>,
    options: LoadOptions,
) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let total = findings.len();
    let mut findings = findings;
    findings.sort_by_key(|f| f.severity);
    findings.truncate(MAX_DIAGNOSTICS);
    // Each path, then its parents as fallbacks: a value the scanner cannot pin down is
    // still placed at the item that holds it.
    let candidates: Vec<Vec<locate::DataPath>> = findings
        .iter()
        .map(|f| {
            (1..=f.at.0.len())
                .rev()
                .map(|n| locate::DataPath(f.at.0[..n].to_vec()))
                .collect()
        })
        .collect();
    let flat: Vec<locate::DataPath> = candidates.iter().flatten().cloned().collect();
    let found = locate::locate(text, &flat);
    let mut found = found.into_iter();
    let spans: Vec<Option<(usize, usize)>> = candidates
        .iter()
        .map(|c| {
            let spans: Vec<_> = found.by_ref().take(c.len()).collect();
            spans.into_iter().flatten().next()
        })
        .collect();
    let index = diagnostic::LineIndex::new(text);
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .zip(spans)
        .map(|(f, span)| {
            let severity = if options.strict {
                Severity::Error
            } else {
                f.severity
            };
            let message = if options.strict && f.severity == Severity::Warning {
                format!("{} (an error under --strict)", f.message)
            } else {
                f.message
            };
            Diagnostic {
                severity,
                message: format!("{message} [{}]", f.at),
                help: Some(f.help),
                location: span.map(|(a, b)| index.locate(a, b)),
            }
        })
        .collect();
    if total > MAX_DIAGNOSTICS {
        let more = total - MAX_DIAGNOSTICS;
        out.push(Diagnostic::error(format!(
            "… and {} more {} not listed",
            crate::english::number(more),
            if more == 1 { "problem" } else { "problems" }
        )));
    }
    out
}

/// A size in binary units: "300 MiB", "1.5 KiB".
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}
