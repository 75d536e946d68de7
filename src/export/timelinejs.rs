//! A dataset as TimelineJS3 JSON, so that it can go back to TimelineJS users: the title
//! and description, each event as a slide (dates at their precision, the title as its
//! headline, the summary and the quotes as its text, its group, its id, the first linked
//! source as its media), each era. TimelineJS text is HTML: every string has `&`, `<` and
//! `>` escaped.
//!
//! TimelineJS has no uncertain dates: a window ("some day between 20 January 2021 and
//! November 2024") becomes a slide from its first to its last possible day, with the
//! honest words as its `display_date`. What Claimline reads back from this is what it
//! wrote: `import` of the export of an imported timeline gives the same events, dates and
//! texts.

use chrono::Datelike as _;
use serde_json::{Map, Value, json};

use crate::model::{Dataset, EventKind, FuzzyDate, Precision, Speaker, Status};

/// The dataset as a TimelineJS JSON object.
pub fn to_json(ds: &Dataset) -> Value {
    let mut root = Map::new();
    root.insert(
        "title".to_owned(),
        json!({ "text": { "headline": html(ds.str(ds.title)), "text": html(ds.str(ds.description)) } }),
    );
    // Rows by kind where the dataset has no groups of its own and its kinds say something.
    let by_kind = ds.events.iter().all(|e| e.group.is_none())
        && ds.events.iter().any(|e| e.kind != EventKind::Other);
    let events: Vec<Value> = ds
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| slide(ds, i, e, by_kind))
        .collect();
    root.insert("events".to_owned(), Value::Array(events));
    if !ds.eras.is_empty() {
        let eras: Vec<Value> = ds
            .eras
            .iter()
            .map(|era| {
                json!({
                    "start_date": date(era.start),
                    "end_date": end_date(era.end),
                    "text": { "headline": html(ds.str(era.title)) },
                })
            })
            .collect();
        root.insert("eras".to_owned(), Value::Array(eras));
    }
    Value::Object(root)
}

fn slide(ds: &Dataset, index: usize, e: &crate::model::Event, by_kind: bool) -> Value {
    let mut slide = Map::new();
    slide.insert("start_date".to_owned(), date(e.date));
    match e.end {
        Some(end) => {
            slide.insert("end_date".to_owned(), end_date(end));
        }
        None if e.date.is_window() => {
            slide.insert("end_date".to_owned(), end_date(e.date));
            slide.insert("display_date".to_owned(), Value::String(e.date.display()));
        }
        None => {}
    }
    let mut text = about(ds, index, e);
    text.push_str(&html(ds.str(e.summary)));
    for q in ds.quotes(e.quotes) {
        let speaker = match q.speaker {
            Speaker::Actor(a) => ds.actor(a).map_or_else(
                || ds.str(a).to_owned(),
                |actor| ds.str(actor.name).to_owned(),
            ),
            Speaker::Other(who) => ds.str(who).to_owned(),
            Speaker::Outlet => String::new(),
        };
        let outlet = ds
            .source(q.source)
            .map_or_else(String::new, |s| ds.str(s.outlet).to_owned());
        let by = match (speaker.is_empty(), outlet.is_empty()) {
            (false, false) => format!("{speaker}, in {outlet}"),
            (false, true) => speaker,
            (true, _) => outlet,
        };
        text.push_str(&format!(
            "<blockquote>{}</blockquote><p>— {}</p>",
            html(ds.str(q.text)),
            html(&by)
        ));
    }
    slide.insert(
        "text".to_owned(),
        json!({ "headline": html(ds.str(e.title)), "text": text }),
    );
    if let Some(group) = e.group {
        slide.insert("group".to_owned(), Value::String(ds.str(group).to_owned()));
    } else if by_kind {
        slide.insert("group".to_owned(), Value::String(e.kind.label().to_owned()));
    }
    slide.insert(
        "unique_id".to_owned(),
        Value::String(ds.str(e.id).to_owned()),
    );
    let media = ds
        .syms(e.sources)
        .iter()
        .filter_map(|&s| ds.source(s))
        .find_map(|s| {
            let url = ds.str(s.url?);
            (url.starts_with("https://") || url.starts_with("http://")).then(|| {
                json!({
                    "url": url,
                    "caption": html(ds.str(s.headline)),
                    "credit": html(ds.str(s.outlet)),
                })
            })
        });
    if let Some(media) = media {
        slide.insert("media".to_owned(), media);
    }
    Value::Object(slide)
}

/// What TimelineJS cannot show of an event, as the first lines of its slide: its kind
/// and status, and each report that bears on it, linked to that report's slide (`#event-`
/// and its `unique_id`, TimelineJS's own hash). Nothing for an event with the import's
/// defaults (no kind, reported) and no link.
fn about(ds: &Dataset, index: usize, e: &crate::model::Event) -> String {
    let mut out = String::new();
    if e.kind != EventKind::Other || e.status != Status::Reported {
        out.push_str(&format!(
            "<p><strong>{} · {}</strong></p>",
            html(e.kind.label()),
            html(e.status.label())
        ));
    }
    let Ok(at) = crate::model::EventIdx::try_from(index) else {
        return out;
    };
    let id = ds.str(e.id);
    for r in ds.relations_of(at) {
        let outgoing = ds.str(r.from) == id;
        let other = if outgoing { r.to } else { r.from };
        let title = ds
            .event_index(other)
            .and_then(|o| ds.events.get(o as usize))
            .map_or_else(|| ds.str(other).to_owned(), |o| ds.str(o.title).to_owned());
        let verb = if outgoing {
            r.kind.verb().to_owned()
        } else {
            r.kind.passive().to_owned()
        };
        out.push_str(&format!(
            "<p>{} <a href=\"#event-{}\">{}</a> — <em>{}</em></p>",
            html(&crate::english::capitalise(&verb)),
            html(ds.str(other)),
            html(&title),
            html(ds.str(r.question))
        ));
    }
    out
}

/// A date's first possible day, at its precision (year; year and month; or the day).
fn date(d: FuzzyDate) -> Value {
    parts(d.earliest_date(), d.precision())
}

/// A date's last possible day, at its precision (for the end of a window or an era).
fn end_date(d: FuzzyDate) -> Value {
    parts(d.latest_date(), d.precision())
}

fn parts(day: chrono::NaiveDate, precision: Option<Precision>) -> Value {
    match precision {
        Some(Precision::Year) => json!({ "year": day.year() }),
        Some(Precision::Month) => json!({ "year": day.year(), "month": day.month() }),
        _ => json!({ "year": day.year(), "month": day.month(), "day": day.day() }),
    }
}

/// Text for TimelineJS's HTML fields: `&`, `<` and `>` escaped (quotes kept: TimelineJS
/// puts headlines in button labels that read entities aloud), line breaks as `<br>`.
fn html(text: &str) -> String {
    crate::markup::escape_text(text).replace('\n', "<br>")
}
