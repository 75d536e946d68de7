//! The *Contradicting reports* section: for the selected event, every relation it takes
//! part in — the question in dispute, the other side's event and its quotes — with a
//! button to jump there (from its [`Card`], for memory and engine alike: a table's
//! links name the other event by title only).

use egui::{RichText, Stroke, Ui};

/// What a link the dataset's editor made (not the articles) says of itself.
pub const EDITOR_LINK: &str = "Linked by the dataset's editor, not by the articles.";

use egui::accesskit::Role;

use super::access::focus_item;
use super::details::status_badge_ui;
use crate::app::command::Command;
use crate::app::{style, text};
use crate::english::capitalise;
use crate::timeline::card::Card;
use crate::timeline::spoken;

/// Draws the relations on `card`.
pub fn contradictions_ui(ui: &mut Ui, card: &Card) -> Vec<Command> {
    let mut commands = Vec::new();
    for (i, link) in card.links.iter().enumerate() {
        let color = style::relation_color(link.kind);
        let relation = if link.outgoing {
            format!("This event {}", link.kind.verb())
        } else {
            capitalise(link.kind.passive())
        };
        let mut name = format!("{relation}: {}", text::shown(&link.other_title));
        if let Some((_, status, date)) = &link.other_event {
            name.push_str(&format!(", {date}, {}", spoken::status(*status)));
        }
        name.push_str(&format!(". The question: {}", text::shown(&link.question)));
        if let Some((words, who)) = link.other_quotes.first() {
            name.push_str(&format!(
                " {} said: “{}”",
                text::shown(who),
                text::shown(words)
            ));
        }
        focus_item(ui, ("contradiction", i), Role::Group, name, |ui| {
            egui::Frame::group(ui.style())
                .stroke(Stroke::new(1.5, color))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(
                        egui::Label::new(RichText::new(text::shown(&link.question)).strong())
                            .wrap(),
                    );
                    let arrow = if link.outgoing { "→" } else { "←" };
                    let how = format!("{relation} {arrow}");
                    ui.label(RichText::new(how).color(color).strong());
                    ui.horizontal_wrapped(|ui| {
                        if let Some((kind, status, _)) = link.other_event {
                            style::glyph_ui(ui, kind, status);
                        }
                        ui.add(
                            egui::Label::new(
                                RichText::new(text::shown(&link.other_title)).strong(),
                            )
                            .wrap(),
                        );
                    });
                    if let Some((_, status, date)) = &link.other_event {
                        ui.horizontal_wrapped(|ui| {
                            ui.weak(date);
                            ui.weak("·");
                            status_badge_ui(ui, *status);
                        });
                    }
                    for (words, who) in &link.other_quotes {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("“{}”", text::shown(words))).italics(),
                            )
                            .wrap()
                            .selectable(true),
                        );
                        ui.weak(format!("— {}", text::shown(who)));
                    }
                    match link.other_quote_count {
                        Some(0) => {
                            ui.weak("That event has no quotes.");
                        }
                        Some(n) if n > link.other_quotes.len() => {
                            ui.weak(format!("… and {} more quotes", n - link.other_quotes.len()));
                        }
                        _ => {}
                    }
                    if link.by_editor {
                        ui.weak(EDITOR_LINK);
                    }
                    if !link.note.is_empty() {
                        ui.add(
                            egui::Label::new(
                                RichText::new(text::shown(&link.note)).italics().weak(),
                            )
                            .wrap(),
                        );
                    }
                    let label = format!("Go to: {}", text::shown(&link.other_title));
                    if ui
                        .add(egui::Button::new(label).wrap())
                        .on_hover_text("Select that event and show it on the timeline")
                        .clicked()
                    {
                        commands.push(Command::JumpTo(link.other));
                    }
                });
        });
        ui.add_space(4.0);
    }
    if card.links.is_empty() {
        ui.weak("No report in the dataset contradicts, denies or bears on this event.");
    }
    commands
}
