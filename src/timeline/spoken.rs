//! The timeline in words, for screen readers: what a sighted reader sees of an event, a
//! lane, a break, the axis and the overview, said as one line each. The window names its
//! accessibility nodes with these; the published page uses the same words.

use super::Document;
use super::scene::{BreakBand, LaneRow, Scene};
use crate::english::{capitalise, plural};
use crate::model::EventIdx;
use crate::model::Status;
use crate::model::date::{Precision, spoken_bound};

/// An event as a screen reader should say it: its date at its precision, its kind, its
/// status worded for listening, whether it has quotes, its title, and the reports that
/// bear on it — "7 November 2024, phone call, disputed: Trump and Putin reportedly speak
/// by phone about Ukraine. Denied by: Kremlin denies the reported call, 11 November 2024."
pub fn event(doc: &Document, e: EventIdx) -> String {
    let ds = &doc.dataset;
    let Some(event) = ds.events.get(e as usize) else {
        return String::new();
    };
    let unsourced = if event.quotes.is_empty() {
        ", no quotes"
    } else {
        ""
    };
    let mut said = format!(
        "{}, {}, {}{unsourced}: {}",
        event.date.spoken(),
        event.kind.label().to_lowercase(),
        status(event.status),
        ds.str(event.title)
    );
    said.push_str(&bearing(doc, e));
    said
}

/// A status as a listener should hear it. "Confirmed" after a kind can be heard as part
/// of it ("denial, confirmed" as "confirmed denied"), so it is said as what it means:
/// the event is on the record.
pub fn status(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "on the record",
        Status::Reported => "reported, unconfirmed",
        Status::Alleged => "alleged",
        Status::Disputed => "disputed",
        Status::Denied => "denied",
    }
}

/// The reports that bear on event `e`, as sentences after its title: ". Denied by:
/// Kremlin denies the reported call, 11 November 2024. Denies: …". Empty when none does.
pub fn bearing(doc: &Document, e: EventIdx) -> String {
    let ds = &doc.dataset;
    let Some(event) = ds.events.get(e as usize) else {
        return String::new();
    };
    let mut said = String::new();
    for relation in ds.relations_of(e) {
        let outgoing = ds.str(relation.from) == ds.str(event.id);
        let other = if outgoing { relation.to } else { relation.from };
        let Some(other) = ds
            .event_index_by_name(ds.str(other))
            .and_then(|o| ds.events.get(o as usize))
        else {
            continue;
        };
        let how = if outgoing {
            capitalise(relation.kind.verb())
        } else {
            capitalise(relation.kind.passive())
        };
        said.push_str(&format!(
            ". {how}: {}, {}",
            ds.str(other.title),
            other.date.spoken()
        ));
    }
    if !said.is_empty() {
        said.push('.');
    }
    said
}

/// A lane with how many of its events are on screen: "Lane Phone call: 5 events shown".
pub fn lane(row: &LaneRow, shown: usize) -> String {
    format!("Lane {}: {} shown", row.label, plural(shown, "event"))
}

/// A break of the compressed axis: "Gap: February 2021 to September 2024".
pub fn gap(band: &BreakBand) -> String {
    // The days are where the break starts and ends; the first and last hidden days are
    // inside them, so round inwards.
    let first = band.days.0.ceil() as i32;
    let last = (band.days.1.floor() as i32).max(first);
    format!(
        "Gap with no event: {} to {}",
        spoken_bound(first, Precision::Month),
        spoken_bound(last, Precision::Month)
    )
}

/// The days on screen: "Time axis: July 2020 to November 2024" (to the day when the view
/// spans less than a year).
pub fn axis(scene: &Scene) -> String {
    format!("Time axis: {}", span(scene.days))
}

/// The overview strip: "Overview of every event; the view shows July 2020 to November
/// 2024".
pub fn overview(scene: &Scene) -> String {
    format!(
        "Overview of every event; the view shows {}",
        span(scene.days)
    )
}

/// "July 2020 to November 2024", or to the day for spans under a year.
fn span(days: (f64, f64)) -> String {
    let precision = if days.1 - days.0 < 366.0 {
        Precision::Day
    } else {
        Precision::Month
    };
    format!(
        "{} to {}",
        spoken_bound(days.0.round() as i32, precision),
        spoken_bound(days.1.round() as i32, precision)
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "the built-in dataset loads")]
    use super::*;

    #[test]
    fn the_reported_call_is_said_with_its_day_kind_status_title_and_who_denies_it() {
        let doc = Document::builtin().unwrap();
        let e = doc
            .dataset
            .events
            .iter()
            .position(|ev| doc.dataset.str(ev.id) == "reported-call-2024-11-07")
            .unwrap() as EventIdx;
        let said = event(&doc, e);
        assert!(
            said.starts_with("7 November 2024, phone call, disputed: "),
            "{said}"
        );
        let title = doc.dataset.str(doc.dataset.events[e as usize].title);
        assert!(said.contains(&format!(": {title}. Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 November 2024.")), "{said}");
        // The denial is heard as on the record, and as denying the call.
        let denial = doc
            .dataset
            .event_index_by_name("kremlin-denies-call")
            .unwrap();
        let said = event(&doc, denial);
        assert!(
            said.starts_with("11 November 2024, denial, on the record: Kremlin denies")
                && said.contains(". Denies: Trump and Putin reportedly speak by phone about Ukraine, 7 November 2024."),
            "{said}"
        );
    }
}
