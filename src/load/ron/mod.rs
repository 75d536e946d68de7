//! Claimline's own format: a RON file parsed straight into the compact model, with
//! syntax errors explained ([`syntax`]) and later problems placed at their line and
//! column by scanning the text for their data path ([`locate`]).

mod item_reader;
pub mod locate;
pub mod split;
pub mod syntax;
mod tokens;

use std::path::Path;

use super::diagnostic::LoadError;
use crate::model::{Dataset, parts};
use crate::progress::{Progress, Stage};

/// Parses dataset text; a syntax or type error comes back with its position.
pub fn parse(text: &str, file: &Path, progress: Option<&Progress>) -> Result<Dataset, LoadError> {
    if let Some(p) = progress {
        p.start(Stage::Parsing, text.len() as u64);
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // More pieces than cores: joining them needs room for one piece beside the whole.
    let pieces = std::thread::available_parallelism().map_or(1, |n| n.get().min(8) * 4);
    let started = std::time::Instant::now();
    if let Some(ds) = split::parse(text, &options, pieces, progress) {
        log::info!(
            "parsed {} events in pieces in {:.0} ms",
            ds.events.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        return Ok(ds);
    }
    let (parsed, parts) = parts::collecting(text, progress, || options.from_str::<Dataset>(text));
    match parsed {
        Ok(ds) => Ok(ds.with_parts(parts)),
        Err(e) => Err(LoadError::single(file, syntax::from_ron(&e, text))),
    }
}
