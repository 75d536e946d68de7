//! Telling a file's format from its text, not its name: a Claimline RON dataset, a
//! TimelineJS JSON timeline, or the TimelineJS spreadsheet template saved as CSV.

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
    } else if super::timelinejs::sheet::looks_like_sheet(start) {
        Format::TimelineCsv
    } else {
        Format::Ron
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
