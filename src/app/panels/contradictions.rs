//! The *Contradicting reports* section: for the selected event, every relation it takes
//! part in — the question in dispute, the other side's event and its quotes — with a
//! button to jump there.

use egui::{RichText, Stroke, Ui};

/// What a link the dataset's editor made (not the articles) says of itself.
pub const EDITOR_LINK: &str = "Linked by the dataset's editor, not by the articles.";

use super::details::status_badge_ui;
use crate::app::command::Command;
use crate::app::{style, text};
use crate::model::{EventIdx, Speaker};
use crate::timeline::Document;

/// Quotes shown per related event before "and N more".
const QUOTES_SHOWN: usize = 3;

/// Draws the relations of event `e`.
pub fn contradictions_ui(ui: &mut Ui, doc: &Document, e: EventIdx) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let this = ds.events[e as usize].id;
    let mut any = false;
    for relation in ds.relations_of(e) {
        let (outgoing, other_id) = if ds.str(relation.from) == ds.str(this) {
            (true, relation.to)
        } else {
            (false, relation.from)
        };
        let Some(other) = ds.event_index(other_id) else {
            continue;
        };
        any = true;
        let other_event = &ds.events[other as usize];
        let color = style::relation_color(relation.kind);
        egui::Frame::group(ui.style())
            .stroke(Stroke::new(1.5, color))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(
                    egui::Label::new(
                        RichText::new(text::shown(ds.str(relation.question))).strong(),
                    )
                    .wrap(),
                );
                let how = if outgoing {
                    format!("This event {} →", relation.kind.verb())
                } else {
                    let passive = relation.kind.passive();
                    let mut s = passive.to_owned();
                    if let Some(first) = s.get_mut(0..1) {
                        first.make_ascii_uppercase();
                    }
                    format!("{s} ←")
                };
                ui.label(RichText::new(how).color(color).strong());
                ui.horizontal_wrapped(|ui| {
                    style::glyph_ui(ui, other_event.kind, other_event.status);
                    ui.add(
                        egui::Label::new(RichText::new(ds.str(other_event.title)).strong()).wrap(),
                    );
                });
                ui.horizontal_wrapped(|ui| {
                    ui.weak(other_event.date.describe());
                    ui.weak("·");
                    status_badge_ui(ui, other_event.status);
                });
                let quotes = ds.quotes(other_event.quotes);
                for quote in quotes.iter().take(QUOTES_SHOWN) {
                    let who = match quote.speaker {
                        Speaker::Outlet => ds
                            .source(quote.source)
                            .map_or_else(String::new, |s| ds.str(s.outlet).to_owned()),
                        _ => {
                            let outlet = ds.source(quote.source).map_or("", |s| ds.str(s.outlet));
                            format!(
                                "{}, via {outlet}",
                                ds.speaker_name(quote.speaker, quote.source)
                            )
                        }
                    };
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("“{}”", text::shown(ds.str(quote.text))))
                                .italics(),
                        )
                        .wrap()
                        .selectable(true),
                    );
                    ui.weak(format!("— {who}"));
                }
                if quotes.len() > QUOTES_SHOWN {
                    ui.weak(format!("… and {} more quotes", quotes.len() - QUOTES_SHOWN));
                }
                if quotes.is_empty() {
                    ui.weak("That event has no quotes.");
                }
                if relation.linked_by.is_editor() {
                    ui.weak(EDITOR_LINK);
                }
                if !relation.note.is_empty() {
                    ui.add(
                        egui::Label::new(
                            RichText::new(text::shown(ds.str(relation.note)))
                                .italics()
                                .weak(),
                        )
                        .wrap(),
                    );
                }
                let label = format!("Go to: {}", ds.str(other_event.title));
                if ui
                    .add(egui::Button::new(label).wrap())
                    .on_hover_text("Select that event and show it on the timeline")
                    .clicked()
                {
                    commands.push(Command::JumpTo(other));
                }
            });
        ui.add_space(4.0);
    }
    if !any {
        ui.weak("No report in the dataset contradicts, denies or bears on this event.");
    }
    commands
}
