//! Opening any supported file: Claimline RON, TimelineJS JSON, or the TimelineJS
//! spreadsheet template as CSV. The format is told by content, not by extension.

pub mod html;
pub mod json;
pub mod sheet;
pub mod timelinejs;

use std::path::Path;

use crate::load::{self, LoadError, LoadOptions, Loaded, Progress};

/// The formats Claimline opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Claimline dataset.
    Ron,
    /// A TimelineJS3 JSON timeline.
    TimelineJson,
    /// The TimelineJS spreadsheet template, exported as CSV.
    TimelineCsv,
}

/// Tells the format from the text.
pub fn detect(text: &str) -> Format {
    let start = text.trim_start();
    if start.starts_with('{') {
        Format::TimelineJson
    } else if sheet::looks_like_sheet(start) {
        Format::TimelineCsv
    } else {
        Format::Ron
    }
}

/// Reads, parses and validates a file of any supported format.
pub fn load_file(
    path: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let bytes = load::read_capped(path, progress)?;
    load_bytes(&bytes, path, options, progress)
}

/// Parses and validates bytes of any supported format; `file` names them in messages.
pub fn load_bytes(
    bytes: &[u8],
    file: &Path,
    options: LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let text = load::syntax::text_of(bytes).map_err(|d| LoadError::single(file, d))?;
    match detect(text) {
        Format::Ron => load::load_bytes(bytes, file, options, progress),
        Format::TimelineJson => json::load(text, file, options),
        Format::TimelineCsv => sheet::load(text, file, options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect("  {\"events\": []}"), Format::TimelineJson);
        assert_eq!(
            detect("Year,Month,Day,Time,Headline\n"),
            Format::TimelineCsv
        );
        assert_eq!(detect("(schema: 1)"), Format::Ron);
        assert_eq!(detect("// comment\n(schema: 1)"), Format::Ron);
    }
}
