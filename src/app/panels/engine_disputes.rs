//! The *Disputes* tab of a table read through a query engine: the relations whose
//! event borne on is on screen, asked of the relations table when the view comes to
//! rest. Each disputed account is shown with its date, status and the question, then
//! who denies, contradicts, corrects, supports or declines to confirm it; a title asks
//! the engine for that event.

use egui::{RichText, Ui};

use crate::app::big_table::{Asked, DISPUTES_ON_SCREEN, DisputesOnScreen};
use crate::app::command::Command;
use crate::app::{style, text};
use crate::english::{number, plural};
use crate::model::EventIdx;
use crate::timeline::seam::{DisputeRow, ListRow};

/// Draws the disputes of the events on screen, as far as the engine has told.
pub fn engine_disputes_ui(
    ui: &mut Ui,
    disputes: Option<&DisputesOnScreen>,
    selected: Option<EventIdx>,
    disputed_only: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.heading("Disputes on screen");
        let mut only = disputed_only;
        if ui
            .checkbox(&mut only, "Disputed only")
            .on_hover_text("Show only the events that take part in a dispute (asked of the engine)")
            .changed()
        {
            commands.push(Command::SetDisputedOnly(only));
        }
    });
    let rows = match disputes.map(|d| &d.rows) {
        None | Some(Asked::Asking(_)) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("asking the engine for the disputes of the events on screen…");
            });
            return commands;
        }
        Some(Asked::Failed(why)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("The engine could not list them: {why}"),
            );
            return commands;
        }
        Some(Asked::Shown(rows)) => rows,
    };
    if rows.is_empty() {
        ui.label("No event on screen is denied, contradicted, corrected, supported or left unconfirmed by another. Pan or zoom out to look further; a table converted from a dataset with relations has them beside it.");
        return commands;
    }
    let accounts = rows
        .chunk_by(|a, b| a.to.row.event == b.to.row.event)
        .count();
    ui.weak(if rows.len() >= DISPUTES_ON_SCREEN {
        format!(
            "The first {} relations, bearing on {}, in time order. Zoom in for the rest.",
            number(rows.len()),
            plural(accounts, "account")
        )
    } else {
        format!(
            "{} bearing on {} on screen, in time order.",
            plural(rows.len(), "relation"),
            plural(accounts, "account")
        )
    });
    for group in rows.chunk_by(|a, b| a.to.row.event == b.to.row.event) {
        let Some(first) = group.first() else {
            continue;
        };
        ui.add_space(6.0);
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            event_line(ui, &first.to, selected, &mut commands);
            for d in group {
                relation_line(ui, d, selected, &mut commands);
            }
        });
    }
    commands
}

/// The disputed account: its date and status, and its title, which selects it.
fn event_line(ui: &mut Ui, row: &ListRow, selected: Option<EventIdx>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        style::glyph_ui(ui, row.row.kind, row.row.status);
        ui.weak(&row.date);
        ui.label(
            RichText::new(row.row.status.label())
                .color(style::status_text_color(row.row.status, ui.visuals())),
        );
        let title = RichText::new(text::shown(&row.title)).strong();
        if ui
            .add(egui::Button::selectable(selected == Some(row.row.event), title).frame(false))
            .on_hover_text("Ask the engine for this event")
            .clicked()
        {
            commands.push(Command::Select(Some(row.row.event)));
        }
    });
}

/// Who bears on it, how, and the question.
fn relation_line(
    ui: &mut Ui,
    d: &DisputeRow,
    selected: Option<EventIdx>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.add_space(18.0);
        ui.label(capitalized(d.kind.passive()));
        if ui
            .add(
                egui::Button::selectable(
                    selected == Some(d.from.row.event),
                    text::shown(&d.from.title),
                )
                .frame(false),
            )
            .on_hover_text("Ask the engine for this event")
            .clicked()
        {
            commands.push(Command::Select(Some(d.from.row.event)));
        }
        ui.weak(format!("({})", d.from.date));
    });
    if !d.question.trim().is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.add_space(18.0);
            ui.weak(format!("on “{}”", text::shown(&d.question)));
        });
    }
}

/// `words` with a capital first letter ("denied by" → "Denied by").
fn capitalized(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
