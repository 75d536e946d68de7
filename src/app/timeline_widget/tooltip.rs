//! What the pointer shows over the timeline: an event's summary, what a density column
//! holds, what a break hides.

use egui::Ui;

use crate::app::style;
use crate::english::{plural, shorten};
use crate::model::{EventIdx, Speaker};
use crate::timeline::Document;
use crate::timeline::lanes::{Entry, Lane};
use crate::timeline::scene::DensityCell;

/// Title, kind, status, date and counts of an event (tooltips, lists).
pub fn event_summary_ui(ui: &mut Ui, doc: &Document, e: EventIdx) {
    let ds = &doc.dataset;
    let event = &ds.events[e as usize];
    ui.horizontal(|ui| {
        style::glyph_ui(ui, event.kind, event.status);
        ui.strong(ds.str(event.title));
    });
    ui.label(format!(
        "{} · {} · {}",
        event.kind.label(),
        event.status.label(),
        event.date.describe()
    ));
    let quotes = event.quotes.len();
    let relations = ds.relations_of(e).count();
    let mut counts = match quotes {
        0 => "Unsourced: no quotes".to_owned(),
        n => plural(n, "quote"),
    };
    if relations > 0 {
        counts.push_str(&format!(" · {}", plural(relations, "linked report")));
    }
    ui.weak(counts);
}

/// What a density column or coverage band holds: how many, when, and the first few.
pub fn density_tooltip_ui(ui: &mut Ui, doc: &Document, lane: &Lane, cell: &DensityCell) {
    let ds = &doc.dataset;
    let day = |d: i32| {
        crate::model::date::date_of(d).map_or_else(
            || "?".to_owned(),
            |d| crate::model::FuzzyDate::day(d).display(),
        )
    };
    let last = cell.to_day - 1;
    let when = if last <= cell.from_day {
        day(cell.from_day)
    } else {
        format!("{} – {}", day(cell.from_day), day(last))
    };
    let entries: Vec<Entry> = if cell.uncertain {
        ui.strong(format!(
            "{} with uncertain dates could fall in {when}",
            plural(cell.count, "event")
        ));
        let mut some: Vec<Entry> = lane
            .uncertain
            .overlapping(cell.from_day, last.max(cell.from_day))
            .take(8)
            .copied()
            .collect();
        some.sort_by_key(|e| (e.start, e.end, e.event));
        some
    } else {
        ui.strong(format!("{} on {when}", plural(cell.count, "event")));
        let range = lane.exact.starting_range(cell.from_day, cell.to_day);
        lane.exact.entries[range].iter().take(8).copied().collect()
    };
    ui.weak(&lane.label);
    for entry in &entries {
        let event = &ds.events[entry.event as usize];
        let speaker = ds
            .quotes(event.quotes)
            .first()
            .map(|q| match q.speaker {
                Speaker::Outlet => String::new(),
                _ => format!(" — {}", ds.speaker_name(q.speaker, q.source)),
            })
            .unwrap_or_default();
        let date = if cell.uncertain {
            format!(" ({})", event.date.display())
        } else {
            String::new()
        };
        ui.label(format!(
            "• {}{date}{speaker}",
            shorten(ds.str(event.title), 70)
        ));
    }
    if cell.count > entries.len() {
        ui.weak(format!("… and {} more", cell.count - entries.len()));
    }
    ui.weak("Click to zoom in");
}
