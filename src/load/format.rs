//! Telling a file's format from its text, not its name: a Claimline RON dataset, a
//! TimelineJS JSON timeline, the TimelineJS spreadsheet template saved as CSV, or a
//! table of events (CSV, TSV, GDELT). A head of the file is enough.

/// The formats Claimline opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Claimline dataset.
    Ron,
    /// A TimelineJS3 JSON timeline.
    TimelineJson,
    /// The TimelineJS spreadsheet template, exported as CSV.
    TimelineCsv,
    /// A table of events: CSV, TSV, a GDELT export.
    Table,
}

impl Format {
    /// What the format is, for messages ("a TimelineJS JSON timeline").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Ron => "a Claimline RON dataset",
            Self::TimelineJson => "a TimelineJS JSON timeline",
            Self::TimelineCsv => "a TimelineJS spreadsheet (CSV)",
            Self::Table => "a table of events (CSV or TSV)",
        }
    }
}

/// Tells the format from the text.
pub fn detect(text: &str) -> Format {
    let start = text.trim_start();
    if start.starts_with('{') {
        Format::TimelineJson
    } else if super::timelinejs::sheet::looks_like_sheet(start) {
        Format::TimelineCsv
    } else if super::table::sniff::looks_like_table(text) {
        Format::Table
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
        assert_eq!(detect("date,title\n2024-11-07,Call\n"), Format::Table);
        assert_eq!(detect("1\t20241107\tx\n"), Format::Table);
        assert_eq!(detect("// comment\n(schema: 1)"), Format::Ron);
    }
}
