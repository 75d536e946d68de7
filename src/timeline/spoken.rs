//! The timeline in words, for screen readers: what a sighted reader sees of an event, a
//! lane, a break, the axis and the overview, said as one line each. The window names its
//! accessibility nodes with these; the published page uses the same words.

use super::Document;
use super::scene::{BreakBand, LaneRow, Scene};
use crate::english::plural;
use crate::model::EventIdx;
use crate::model::date::{Precision, spoken_bound};

/// An event as a screen reader should say it: its date at its precision, its kind, its
/// status, whether it has quotes, and its title — "7 November 2024, phone call,
/// disputed: Trump and Putin reportedly speak by phone about Ukraine".
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
    format!(
        "{}, {}, {}{unsourced}: {}",
        event.date.spoken(),
        event.kind.label().to_lowercase(),
        event.status.label().to_lowercase(),
        ds.str(event.title)
    )
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
    fn the_reported_call_is_said_with_its_day_kind_status_and_title() {
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
        assert!(said.ends_with(doc.dataset.str(doc.dataset.events[e as usize].title)));
    }
}
