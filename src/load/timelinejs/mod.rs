//! TimelineJS timelines (its JSON, and its Google Sheets template as CSV) mapped to
//! Claimline's model. Both readers fill the same [`Timeline`]; this module turns it
//! into a dataset:
//!
//! - the date parts given decide the precision (a year alone stays a year); a time of
//!   day and TimelineJS's `display_date` go into the date note;
//! - `end_date` becomes the event's end; `group` its lane; eras become background bands;
//! - headline and text lose their HTML but keep their links;
//! - media become sources the event cites (their links open in a browser on click);
//! - `unique_id` is the event's id; without one, an id is made from the year and the
//!   headline, the same on every import of the same timeline;
//! - events are imported as reported, and as unsourced: they have no quotes until
//!   someone adds them to the RON file.

pub mod json;
pub mod sheet;

use std::collections::HashSet;
use std::path::Path;

use super::diagnostic::{Diagnostic, LineIndex, LoadError, Location};
use super::finish::{Parsed, Placing};
use super::html;
use crate::model::{
    DatasetBuilder, EventKind, EventSpec, FuzzyDate, SourceSpec, Status, StringsFull,
};

/// Where a slide came from, for messages: a JSON path or a spreadsheet row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A path in the JSON, like `events[3]`.
    Json(String),
    /// A row of the CSV (1-based, header included) and its line in the file.
    Row {
        /// Row number as a spreadsheet shows it.
        row: usize,
        /// Line in the file where the row starts.
        line: usize,
    },
}

impl Place {
    /// The place with a field: `events[3].start_date.year`, or `row 7, column "Year"`.
    pub fn field(&self, json_field: &str, column: &str) -> String {
        match self {
            Self::Json(path) => format!("{path}.{json_field}"),
            Self::Row { row, .. } => format!("row {row}, column \"{column}\""),
        }
    }

    fn location(&self, index: Option<&LineIndex<'_>>) -> Option<Location> {
        match self {
            Self::Json(_) => None,
            Self::Row { line, .. } => index.map(|i| i.locate_line_col(*line, 1)),
        }
    }
}

/// A date as TimelineJS gives it: each part as written (empty when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlDate {
    /// Year (may be negative).
    pub year: String,
    /// Month, 1–12.
    pub month: String,
    /// Day of the month.
    pub day: String,
    /// Hour, minute, second and millisecond, joined ("14:05").
    pub time: String,
    /// How TimelineJS should display the date.
    pub display: String,
}

impl TlDate {
    /// True when no part is given.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty() && self.month.is_empty() && self.day.is_empty()
    }
}

/// Media attached to a slide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlMedia {
    /// Address of the media (or an embed code).
    pub url: String,
    /// Caption (HTML).
    pub caption: String,
    /// Credit (HTML).
    pub credit: String,
}

/// One slide: an event, the title, or an era.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlSlide {
    /// Start date.
    pub start: TlDate,
    /// End date, if any.
    pub end: TlDate,
    /// Headline (HTML).
    pub headline: String,
    /// Text (HTML).
    pub text: String,
    /// Media, if any.
    pub media: Option<TlMedia>,
    /// Group: the lane.
    pub group: String,
    /// TimelineJS's id, if any.
    pub unique_id: String,
    /// Slide-level display date.
    pub display_date: String,
}

/// A whole timeline as the readers found it.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The title slide.
    pub title: Option<TlSlide>,
    /// Events, with where each came from.
    pub events: Vec<(TlSlide, Place)>,
    /// Eras, with where each came from.
    pub eras: Vec<(TlSlide, Place)>,
}

/// Collects a timeline's problems, placing spreadsheet rows at their line in the file.
pub(crate) struct Diagnostics<'t> {
    pub list: Vec<Diagnostic>,
    index: Option<LineIndex<'t>>,
}

impl<'t> Diagnostics<'t> {
    pub(crate) fn new(text: Option<&'t str>) -> Self {
        Self {
            list: Vec::new(),
            index: text.map(LineIndex::new),
        }
    }

    pub(crate) fn error(&mut self, place: Option<&Place>, message: String, help: &str) {
        let location = place.and_then(|p| p.location(self.index.as_ref()));
        self.list
            .push(Diagnostic::error(message).with_help(help).at(location));
    }

    /// A problem with the file as a whole, placed at its start.
    pub(crate) fn error_in_file(&mut self, message: String, help: &str) {
        let location = self.index.as_ref().map(|i| i.locate_line_col(1, 1));
        self.list
            .push(Diagnostic::error(message).with_help(help).at(location));
    }
}

/// Years Claimline's calendar covers; TimelineJS's cosmological scale goes far beyond.
const MAX_YEAR: i64 = 262_000;

/// Reads one date; `None` (with a problem recorded) when it cannot be used. Every way
/// a date can fail is reported: an event is never dropped without a word.
fn read_date(
    d: &TlDate,
    place: &Place,
    which: &str,
    problems: &mut Diagnostics,
) -> Option<FuzzyDate> {
    let field = |part: &str, column: &str| {
        let col = if which == "end_date" {
            format!("End {column}")
        } else {
            column.to_owned()
        };
        place.field(&format!("{which}.{part}"), &col)
    };
    let written = d.year.trim();
    let year = match written.parse::<f64>() {
        Ok(y) if y.fract() == 0.0 && y.is_finite() => y,
        _ => {
            problems.error(
                Some(place),
                format!("{}: `{}` is not a year", field("year", "Year"), d.year),
                "write the year as a whole number, e.g. 2017 (negative for BC)",
            );
            return None;
        }
    };
    // Compared before any conversion: a year of a hundred digits must be refused, not
    // saturated to the largest integer and then wrapped or dropped.
    let Some(year) = (year.abs() <= MAX_YEAR as f64)
        .then_some(year as i64)
        .and_then(|y| i32::try_from(y).ok())
    else {
        problems.error(
            Some(place),
            format!(
                "{}: the year {written} is outside what Claimline can show (±262,000 years)",
                field("year", "Year")
            ),
            "cosmological timelines (billions of years) are not supported; keep events within ±262,000 years",
        );
        return None;
    };
    let number = |text: &str,
                  part: &str,
                  column: &str,
                  max: u32,
                  problems: &mut Diagnostics|
     -> Option<Option<u32>> {
        let t = text.trim();
        if t.is_empty() {
            return Some(None);
        }
        match t.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && v >= 1.0 && v <= f64::from(max) => Some(Some(v as u32)),
            _ => {
                problems.error(
                    Some(place),
                    format!("{}: `{t}` is not a {part} (1–{max})", field(part, column)),
                    &format!("write the {part} as a number from 1 to {max}, or leave it empty"),
                );
                None
            }
        }
    };
    let month = number(&d.month, "month", "Month", 12, problems)?;
    let day = number(&d.day, "day", "Day", 31, problems)?;
    let date = match (month, day) {
        (None, None) => FuzzyDate::year(year),
        (Some(m), None) => FuzzyDate::month(year, m),
        (Some(m), Some(dd)) => chrono::NaiveDate::from_ymd_opt(year, m, dd).map(FuzzyDate::day),
        (None, Some(_)) => {
            problems.error(
                Some(place),
                format!(
                    "{}: a day is given without a month",
                    field("month", "Month")
                ),
                "give the month too, or remove the day",
            );
            return None;
        }
    };
    if date.is_none() {
        let shown = [
            Some(year.to_string()),
            month.map(|m| format!("{m:02}")),
            day.map(|d| format!("{d:02}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("-");
        problems.error(
            Some(place),
            format!("{}: {shown} is not a real date", field("day", "Day")),
            "check the year, the month and the day",
        );
    }
    date
}

/// An id from the year and the first words of the headline: `tl-2017-putin-meets-trump`.
fn slug_id(year: &str, headline: &str) -> String {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    let year = year.trim().trim_start_matches('+');
    if words.is_empty() {
        format!("tl-{year}")
    } else {
        format!("tl-{year}-{}", words.join("-"))
    }
}

/// Builds the dataset for a timeline read from `file`; its events have no quotes by
/// nature, so validation counts them in one line rather than listing each.
pub(crate) fn to_parsed(
    tl: &Timeline,
    text: &str,
    file: &Path,
) -> Result<Parsed<'static>, LoadError> {
    let mut problems = Diagnostics::new(Some(text));
    let dataset = build(tl, file, &mut problems)
        .map_err(|e| LoadError::single(file, Diagnostic::error(e.to_string())))?;
    if !problems.list.is_empty() {
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics: problems.list,
        });
    }
    Ok(Parsed {
        dataset,
        placing: Placing::ByPath,
        list_unquoted: Some(0),
        warnings: Vec::new(),
        references_made: false,
        event_ids: None,
    })
}

fn build(
    tl: &Timeline,
    file: &Path,
    problems: &mut Diagnostics,
) -> Result<crate::model::Dataset, StringsFull> {
    let stem = file.file_stem().map_or_else(
        || "Imported timeline".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let (title, description) = match &tl.title {
        Some(t) => {
            let title = html::to_text(&t.headline);
            (
                if title.is_empty() { stem } else { title },
                html::to_text(&t.text),
            )
        }
        None => (stem, String::new()),
    };
    let mut b = DatasetBuilder::new(&title, &description)?;
    let mut ids: HashSet<String> = HashSet::new();
    let mut media_count = 0usize;
    for (i, (slide, place)) in tl.events.iter().enumerate() {
        if slide.start.is_empty() {
            problems.error(
                Some(place),
                format!(
                    "{}: the event has no start date",
                    place.field("start_date", "Year")
                ),
                "give at least a year",
            );
            continue;
        }
        let Some(start) = read_date(&slide.start, place, "start_date", problems) else {
            continue;
        };
        let end = if slide.end.is_empty() {
            None
        } else {
            let Some(end) = read_date(&slide.end, place, "end_date", problems) else {
                continue;
            };
            if end.latest() < start.earliest() {
                problems.error(
                    Some(place),
                    format!(
                        "{}: the event ends ({}) before it starts ({})",
                        place.field("end_date", "End Year"),
                        end.display(),
                        start.display()
                    ),
                    "swap the start and end dates, or fix one of them",
                );
                continue;
            }
            Some(end)
        };
        let headline = html::to_text(&slide.headline);
        let text = html::to_text(&slide.text);
        let title = if !headline.is_empty() {
            headline.clone()
        } else if !text.is_empty() {
            text.chars().take(80).collect()
        } else {
            format!("Untitled event {}", i + 1)
        };
        let mut id = if slide.unique_id.trim().is_empty() {
            slug_id(&slide.start.year, &headline)
        } else {
            slide.unique_id.trim().to_owned()
        };
        if ids.contains(&id) {
            let base = id.clone();
            let mut n = 2;
            while ids.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            id = format!("{base}-{n}");
        }
        ids.insert(id.clone());
        let mut note = Vec::new();
        for (label, value) in [
            ("TimelineJS display date", slide.display_date.as_str()),
            ("displayed start", slide.start.display.as_str()),
            ("time of day", slide.start.time.as_str()),
            ("displayed end", slide.end.display.as_str()),
            ("end time of day", slide.end.time.as_str()),
        ] {
            if !value.trim().is_empty() {
                note.push(format!("{label}: {}", value.trim()));
            }
        }
        let date_note = if note.is_empty() {
            String::new()
        } else {
            format!("Imported from TimelineJS ({}).", note.join("; "))
        };
        let mut cited: Vec<String> = Vec::new();
        if let Some(media) = &slide.media
            && !(media.url.trim().is_empty() && media.caption.trim().is_empty())
        {
            media_count += 1;
            let source_id = format!("media-{media_count}");
            let url = media.url.trim();
            let web = url.starts_with("http://") || url.starts_with("https://");
            let credit = html::to_text(&media.credit);
            let host = web
                .then(|| url.split('/').nth(2).map(str::to_owned))
                .flatten()
                .unwrap_or_else(|| "Media".to_owned());
            let caption = html::to_text(&media.caption);
            b.source(&SourceSpec {
                id: &source_id,
                outlet: if credit.is_empty() { &host } else { &credit },
                headline: &caption,
                published: start,
                published_note: "Media of an imported TimelineJS event; the date is the event's, not the publication's.",
                cites: &[],
                url: web.then_some(url),
                document: None,
                archived: None,
            })?;
            cited.push(source_id);
        }
        let cited: Vec<&str> = cited.iter().map(String::as_str).collect();
        let group = slide.group.trim();
        b.event(&EventSpec {
            id: &id,
            title: &title,
            kind: EventKind::Other,
            date: start,
            end,
            participants: &[],
            place: None,
            coordinates: None,
            status: Status::Reported,
            summary: if headline.is_empty() { "" } else { &text },
            quotes: &[],
            date_note: &date_note,
            group: (!group.is_empty()).then_some(group),
            sources: &cited,
        })?;
    }
    for (slide, place) in &tl.eras {
        let start = read_date(&slide.start, place, "start_date", problems);
        let end = read_date(&slide.end, place, "end_date", problems);
        if let (Some(start), Some(end)) = (start, end) {
            if end.latest() < start.earliest() {
                problems.error(
                    Some(place),
                    format!(
                        "{}: the era ends before it starts",
                        place.field("end_date", "End Year")
                    ),
                    "swap the start and end dates",
                );
                continue;
            }
            let title = html::to_text(&slide.headline);
            b.era(if title.is_empty() { "Era" } else { &title }, start, end)?;
        }
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_slugs() {
        assert_eq!(
            slug_id("2017", "Trump & Putin meet in Hamburg!"),
            "tl-2017-trump-putin-meet-in-hamburg"
        );
        assert_eq!(slug_id("-44", ""), "tl--44");
    }
}
