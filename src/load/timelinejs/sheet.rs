//! Reading the TimelineJS Google Sheets template exported as CSV. Columns are found by
//! their header (in any order, any case); rows of type "title" and "era" become the
//! title and the eras, as TimelineJS treats them; every other row is an event.

use std::path::Path;

use super::{Diagnostics, Place, Timeline, TlDate, TlMedia, TlSlide};
use crate::load::diagnostic::{Diagnostic, LineIndex, LoadError};
use crate::load::finish::Parsed;

/// The template's columns.
const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// True if the first line looks like the template's header.
pub fn looks_like_sheet(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
    first.contains("year") && first.contains("headline")
}

/// Parses the CSV text and builds the dataset.
pub(crate) fn read(text: &str, file: &Path) -> Result<Parsed<'static>, LoadError> {
    let mut problems = Diagnostics::new(Some(text));
    let timeline = timeline(text, file, &mut problems)?;
    if !problems.list.is_empty() {
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics: problems.list,
        });
    }
    super::to_parsed(&timeline, text, file)
}

fn timeline(
    text: &str,
    file: &Path,
    problems: &mut Diagnostics<'_>,
) -> Result<Timeline, LoadError> {
    let lines = LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        LoadError::single(
            file,
            Diagnostic::error(format!("the CSV cannot be read: {e}"))
                .with_help("check the quoting around this line; a field with commas or line breaks is written in double quotes")
                .at(Some(lines.locate_line_col(line, 1))),
        )
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let index = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| index(c)).collect();
    for required in ["Year", "Headline"] {
        if index(required).is_none() {
            return Err(LoadError::single(
                file,
                Diagnostic::error(format!(
                    "the CSV has no \"{required}\" column, so it is not a TimelineJS sheet"
                ))
                .with_help(format!(
                    "the first row must name the template's columns: {}",
                    COLUMNS.join(", ")
                ))
                .at(Some(lines.locate_line_col(1, 1))),
            ));
        }
    }
    let mut tl = Timeline::default();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(csv_error)?;
        let row = n + 2; // the header is row 1
        let line = record.position().map_or(row, |p| p.line() as usize);
        let get = |name: &str| -> String {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| columns[i])
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let place = Place::Row { row, line };
        let media_url = get("Media");
        let media = (!media_url.is_empty() || !get("Media Caption").is_empty()).then(|| TlMedia {
            url: media_url,
            caption: get("Media Caption"),
            credit: get("Media Credit"),
        });
        let slide = TlSlide {
            start: TlDate {
                year: get("Year"),
                month: get("Month"),
                day: get("Day"),
                time: get("Time"),
                display: String::new(),
            },
            end: TlDate {
                year: get("End Year"),
                month: get("End Month"),
                day: get("End Day"),
                time: get("End Time"),
                display: String::new(),
            },
            headline: get("Headline"),
            text: get("Text"),
            media,
            group: get("Group"),
            unique_id: String::new(),
            display_date: get("Display Date"),
        };
        match get("Type").to_ascii_lowercase().as_str() {
            "title" => {
                if tl.title.is_some() {
                    problems.error(
                        Some(&place),
                        format!("row {row}: a second row of type \"title\""),
                        "keep one title row; make the others events (empty Type)",
                    );
                }
                tl.title = Some(slide);
            }
            "era" => tl.eras.push((slide, place)),
            _ => tl.events.push((slide, place)),
        }
    }
    Ok(tl)
}
