//! Reading TimelineJS3 JSON (`title`, `events`, `eras`, `scale`). Date parts may be
//! numbers or strings, as TimelineJS accepts both; anything else is reported with its
//! JSON path.

use std::path::Path;

use serde_json::Value;

use super::{Diagnostics, Place, Timeline, TlDate, TlMedia, TlSlide};
use crate::load::diagnostic::{Diagnostic, LineIndex, LoadError};
use crate::load::finish::Parsed;

/// Parses TimelineJS JSON text and builds the dataset.
pub(crate) fn read(text: &str, file: &Path) -> Result<Parsed<'static>, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let index = LineIndex::new(text);
        LoadError::single(
            file,
            Diagnostic::error(format!("the JSON is not valid: {e}"))
                .with_help("fix the JSON syntax at this place; TimelineJS files are JSON objects")
                .at(Some(index.locate_line_col(e.line(), e.column()))),
        )
    })?;
    let mut problems = Diagnostics::new(Some(text));
    let timeline = timeline(&value, &mut problems);
    if !problems.list.is_empty() {
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics: problems.list,
        });
    }
    super::to_parsed(&timeline, text, file)
}

/// Reads the timeline object, recording every problem.
fn timeline(value: &Value, problems: &mut Diagnostics) -> Timeline {
    let mut tl = Timeline::default();
    let Some(root) = value.as_object() else {
        problems.error_in_file(
            "the JSON is not an object, so it is not a TimelineJS timeline".to_owned(),
            "a TimelineJS file is an object with an `events` list",
        );
        return tl;
    };
    let Some(events) = root.get("events").and_then(Value::as_array) else {
        problems.error_in_file(
            "this JSON has no `events` list, so it is not a TimelineJS timeline".to_owned(),
            "this looks like JSON, but not like a TimelineJS timeline: open a TimelineJS JSON file (with `events`), or a Claimline RON dataset (see README.md)",
        );
        return tl;
    };
    match root.get("title") {
        // A bare string is taken as the headline, as a reader would.
        Some(Value::String(headline)) => {
            tl.title = Some(TlSlide {
                headline: headline.clone(),
                ..TlSlide::default()
            });
        }
        Some(title) => tl.title = Some(slide(title, &Place::Json("title".to_owned()), problems)),
        None => {}
    }
    for (i, event) in events.iter().enumerate() {
        let place = Place::Json(format!("events[{i}]"));
        let s = slide(event, &place, problems);
        tl.events.push((s, place));
    }
    if let Some(eras) = root.get("eras").and_then(Value::as_array) {
        for (i, era) in eras.iter().enumerate() {
            let place = Place::Json(format!("eras[{i}]"));
            let s = slide(era, &place, problems);
            tl.eras.push((s, place));
        }
    }
    tl
}

/// A string field: strings as they are, numbers as written, absent or null as "".
fn text(value: Option<&Value>, path: &str, problems: &mut Diagnostics) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => {
            problems.error(
                None,
                format!("{path}: expected text or a number, found {}", kind(other)),
                "write this field as a string",
            );
            String::new()
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn date(value: Option<&Value>, path: &str, problems: &mut Diagnostics) -> TlDate {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return TlDate::default();
    };
    let Some(obj) = value.as_object() else {
        problems.error(
            None,
            format!(
                "{path}: expected an object with `year`, `month`, `day`, found {}",
                kind(value)
            ),
            "write the date as {\"year\": 2017, \"month\": 5, \"day\": 10}",
        );
        return TlDate::default();
    };
    let part = |name: &str, problems: &mut Diagnostics| {
        text(obj.get(name), &format!("{path}.{name}"), problems)
    };
    let (hour, minute, second, milli) = (
        part("hour", problems),
        part("minute", problems),
        part("second", problems),
        part("millisecond", problems),
    );
    let time = if hour.trim().is_empty() {
        String::new()
    } else {
        let mut t = format!(
            "{:0>2}:{:0>2}",
            hour.trim(),
            if minute.trim().is_empty() {
                "0"
            } else {
                minute.trim()
            }
        );
        if !second.trim().is_empty() {
            t.push_str(&format!(":{:0>2}", second.trim()));
        }
        if !milli.trim().is_empty() {
            t.push_str(&format!(".{}", milli.trim()));
        }
        t
    };
    TlDate {
        year: part("year", problems),
        month: part("month", problems),
        day: part("day", problems),
        time,
        display: part("display_date", problems),
    }
}

fn slide(value: &Value, place: &Place, problems: &mut Diagnostics) -> TlSlide {
    let Place::Json(path) = place else {
        return TlSlide::default();
    };
    let Some(obj) = value.as_object() else {
        problems.error(
            None,
            format!("{path}: expected an object, found {}", kind(value)),
            "write it as an object, e.g. {\"start_date\": {\"year\": 2017}, \"text\": {\"headline\": \"…\"}}",
        );
        return TlSlide::default();
    };
    let text_obj = obj.get("text").and_then(Value::as_object);
    let media = obj
        .get("media")
        .and_then(Value::as_object)
        .map(|m| TlMedia {
            url: text(m.get("url"), &format!("{path}.media.url"), problems),
            caption: text(m.get("caption"), &format!("{path}.media.caption"), problems),
            credit: text(m.get("credit"), &format!("{path}.media.credit"), problems),
        });
    TlSlide {
        start: date(
            obj.get("start_date"),
            &format!("{path}.start_date"),
            problems,
        ),
        end: date(obj.get("end_date"), &format!("{path}.end_date"), problems),
        headline: text(
            text_obj.and_then(|t| t.get("headline")),
            &format!("{path}.text.headline"),
            problems,
        ),
        text: text(
            text_obj.and_then(|t| t.get("text")),
            &format!("{path}.text.text"),
            problems,
        ),
        media,
        group: text(obj.get("group"), &format!("{path}.group"), problems),
        unique_id: text(obj.get("unique_id"), &format!("{path}.unique_id"), problems),
        display_date: text(
            obj.get("display_date"),
            &format!("{path}.display_date"),
            problems,
        ),
    }
}
