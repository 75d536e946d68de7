//! The *Details* tab for a table open through the query engine: the event clicked, as
//! the engine tells it (asked by its row, never loaded with the others) — title, kind,
//! status, dates, who took part, where, the summary, every quote, and the relations it
//! takes part in (who denies or contradicts it, what it denies), each a link that asks the
//! engine for the event at the other end.

use egui::{RichText, Ui};

use super::details::heading_ui;
use crate::app::big_table::Card;
use crate::app::command::Command;
use crate::app::text;

/// Draws what is known of the event clicked (`None`: nothing clicked yet).
pub fn engine_event_ui(ui: &mut Ui, card: Option<&Card>, describe: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(card) = card else {
        ui.heading("Details");
        ui.label("Click an event on the timeline to ask the engine for its details and quotes.");
        ui.add_space(8.0);
        ui.weak(describe);
        ui.weak("Rows are read from the table as the view needs them; none is loaded whole.");
        return commands;
    };
    let row = match card {
        Card::Asking(_) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Asking the engine for this event…");
            });
            return commands;
        }
        Card::Missing => {
            ui.label("The table no longer has this event.");
            return commands;
        }
        Card::Failed(why) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ The engine could not say: {why}"),
            );
            return commands;
        }
        Card::Shown(row, links) => (row, links),
    };
    let (row, links) = row;
    heading_ui(
        ui,
        &text::shown(&row.title),
        row.kind,
        row.status,
        row.quotes.is_empty(),
    );
    ui.add_space(4.0);
    egui::Grid::new("engine_event_grid")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let line = |ui: &mut Ui, name: &str, value: &str| {
                ui.weak(name);
                ui.add(egui::Label::new(text::shown(value)).wrap());
                ui.end_row();
            };
            line(ui, "Id", &row.id);
            line(ui, "Date", &row.date);
            if let Some(end) = &row.end {
                line(ui, "Until", end);
            }
            if !row.actors.is_empty() {
                line(ui, "Participants", &row.actors.join(", "));
            }
            if let Some(place) = &row.place {
                line(ui, "Place", place);
            }
            if let Some((lat, lon)) = row.coordinates {
                line(ui, "Coordinates", &format!("{lat:.5}, {lon:.5}"));
            }
            if let Some(lane) = &row.lane {
                line(ui, "Group", lane);
            }
            if let Some(url) = &row.url {
                ui.weak("Source");
                if ui
                    .link(text::shown(url))
                    .on_hover_text("Open in the browser")
                    .clicked()
                {
                    commands.push(Command::OpenUrl(url.clone()));
                }
                ui.end_row();
            }
        });
    if !row.summary.trim().is_empty() {
        ui.add_space(6.0);
        ui.add(egui::Label::new(text::shown(&row.summary)).wrap());
    }
    if !row.quotes.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Quotes ({})", row.quotes.len())).strong());
        for (speaker, quote) in &row.quotes {
            ui.add_space(4.0);
            ui.add(
                egui::Label::new(RichText::new(format!("“{}”", text::shown(quote))).italics())
                    .wrap(),
            );
            if !speaker.is_empty() {
                ui.weak(format!("— {}", text::shown(speaker)));
            }
        }
    }
    if !links.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Disputes and links ({})", links.len())).strong());
        for link in links {
            let (words, other) = if link.from == row.row {
                (link.kind.verb(), link.to)
            } else {
                (link.kind.passive(), link.from)
            };
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(capitalized(words));
                if ui
                    .link(text::shown(&link.other_title))
                    .on_hover_text("Ask the engine for this event")
                    .clicked()
                {
                    commands.push(Command::Select(Some(other)));
                }
            });
            if !link.question.trim().is_empty() {
                ui.weak(text::shown(&link.question));
            }
        }
    }
    commands
}

/// `words` with a capital first letter ("denied by" → "Denied by").
pub(super) fn capitalized(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
