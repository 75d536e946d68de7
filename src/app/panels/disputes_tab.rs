//! The *Disputes* tab: each contested question with its sides side by side — the
//! accounts disputed, the accounts disputing them, and those who decline to confirm —
//! each event with its date, status, who, its first quote and how many sources back it.
//! A click selects the event and shows the whole dispute on the timeline.

use egui::{RichText, Ui};

use super::details::status_badge_ui;
use crate::app::command::Command;
use crate::app::style;
use crate::disputes::{Dispute, first_quote, sources_behind, who};
use crate::english::{plural, shorten};
use crate::model::{EventIdx, Status};
use crate::timeline::Document;

/// Entries laid out at first; more on request.
const PAGE: usize = 100;
/// Longest quote shown in an entry.
const QUOTE_CHARS: usize = 220;
/// A panel at least this wide shows the three columns side by side.
const THREE_COLUMNS: f32 = 520.0;

/// Draws every dispute of the document.
pub fn disputes_ui(ui: &mut Ui, doc: &Document, disputed_only: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.heading("Disputes");
        let mut only = disputed_only;
        if ui
            .checkbox(&mut only, "Disputed only")
            .on_hover_text("Show only the events that take part in a dispute")
            .changed()
        {
            commands.push(Command::SetDisputedOnly(only));
        }
    });
    if doc.disputes.is_empty() {
        ui.label("Nothing is in dispute: this dataset has no relations between events. A relation says which report contradicts, denies, corrects, supports or declines to confirm another, and the question in dispute (see the format in README.md).");
        return commands;
    }
    ui.weak(format!(
        "{} in dispute. Click an event to show the whole dispute on the timeline.",
        plural(doc.disputes.len(), "question")
    ));
    let shown_id = egui::Id::unique("disputes_shown");
    let shown = ui.data(|d| d.get_temp::<usize>(shown_id)).unwrap_or(PAGE);
    for (i, d) in doc.disputes.iter().enumerate().take(shown) {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            commands.extend(entry_ui(ui, doc, i, d));
        });
    }
    if doc.disputes.len() > shown {
        let more = doc.disputes.len() - shown;
        if ui
            .button(format!("Show {} more (of {more})", PAGE.min(more)))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(shown_id, shown + PAGE));
        }
    }
    commands
}

/// One question: its header, its sides, and a button to copy it as Markdown.
fn entry_ui(ui: &mut Ui, doc: &Document, index: usize, d: &Dispute) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    ui.add(egui::Label::new(RichText::new(&d.question).strong()).wrap());
    if let Some((first, last)) = d.first_and_last(ds) {
        let date = |e: EventIdx| ds.events[e as usize].date.display();
        ui.weak(format!(
            "Started {} · latest word {}",
            date(first),
            date(last)
        ));
    }
    if !d.conflicts.is_empty() {
        let names: Vec<String> = d
            .conflicts
            .iter()
            .map(|&r| {
                let rel = &ds.relations[r];
                format!(
                    "{} {} {}",
                    ds.str(rel.from),
                    rel.kind.verb(),
                    ds.str(rel.to)
                )
            })
            .collect();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "⚠ These relations cannot be split into two consistent sides: {}",
                names.join("; ")
            ),
        );
    }
    let by_editor: Vec<String> = d
        .relations
        .iter()
        .filter_map(|&r| ds.relations.get(r))
        .filter(|r| r.linked_by.is_editor())
        .map(|r| format!("{} {} {}", ds.str(r.from), r.kind.verb(), ds.str(r.to)))
        .collect();
    if !by_editor.is_empty() {
        ui.weak(format!(
            "Linked by the dataset's editor, not by the articles: {}",
            by_editor.join("; ")
        ));
    }
    let columns: [(&str, &[EventIdx]); 3] = [
        ("Claim", &d.sides[0]),
        ("Counter-claim", &d.sides[1]),
        ("Won't say", &d.declines),
    ];
    // Left-aligned, not justified: `columns` justifies, which spreads wrapped text.
    let mut column_ui = |ui: &mut Ui, (title, events): (&str, &[EventIdx])| {
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.label(RichText::new(title).small().strong());
            if events.is_empty() {
                ui.weak("—");
            }
            for &e in events {
                commands.extend(event_ui(ui, doc, index, e));
            }
        });
    };
    if ui.available_width() >= THREE_COLUMNS || d.declines.is_empty() {
        let n = if d.declines.is_empty() { 2 } else { 3 };
        ui.columns(n, |cols| {
            for (col, column) in cols.iter_mut().zip(columns) {
                column_ui(col, column);
            }
        });
    } else {
        ui.columns(2, |cols| {
            for (col, column) in cols.iter_mut().zip(columns) {
                column_ui(col, column);
            }
        });
        ui.separator();
        column_ui(ui, columns[2]);
    }
    if ui
        .small_button("Copy as Markdown")
        .on_hover_text("Copy this question, its sides and their quotes, for an article")
        .clicked()
    {
        commands.push(Command::CopyDispute(index));
    }
    commands
}

/// An event on a side: its title (a button that shows the dispute), date, status, who,
/// its first quote and how many sources back it.
fn event_ui(ui: &mut Ui, doc: &Document, dispute: usize, e: EventIdx) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let event = &ds.events[e as usize];
    ui.horizontal_wrapped(|ui| {
        style::glyph_ui(ui, event.kind, event.status);
        if ui
            .add(
                egui::Button::new(RichText::new(ds.str(event.title)).strong())
                    .wrap()
                    .frame(false),
            )
            .on_hover_text("Select it and show the whole dispute on the timeline")
            .clicked()
        {
            commands.push(Command::ShowDispute { dispute, event: e });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.weak(event.date.display());
        ui.weak("·");
        status_badge_ui(ui, event.status);
    });
    let who = who(ds, e);
    if !who.is_empty() {
        ui.add(egui::Label::new(RichText::new(who).small()).wrap());
    }
    if let Some((quote, outlet)) = first_quote(ds, e) {
        ui.add(
            egui::Label::new(RichText::new(format!("“{}”", shorten(quote, QUOTE_CHARS))).italics())
                .wrap(),
        );
        ui.weak(format!("— {outlet}"));
    }
    let n = sources_behind(ds, e);
    let backing = if n == 0 {
        "No source".to_owned()
    } else {
        plural(n, "source")
    };
    let colour = if n == 0 {
        style::status_text_color(Status::Alleged, ui.visuals())
    } else {
        ui.visuals().weak_text_color()
    };
    ui.colored_label(colour, RichText::new(backing).small());
    ui.add_space(4.0);
    commands
}
