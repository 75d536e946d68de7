//! The *Details* section: what the selected event is, when (and how that date was
//! worked out), how well established, who took part, where, and what happened — drawn
//! from its [`Card`], the same for a document in memory and a table read through an
//! engine.

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::{style, text};
use crate::model::{EventKind, Status};
use crate::timeline::card::Card;

/// Draws the details of the event on `card`.
pub fn details_ui(ui: &mut Ui, card: &Card) -> Vec<Command> {
    let mut commands = Vec::new();
    heading_ui(
        ui,
        &text::shown(&card.title),
        card.kind,
        card.status,
        card.unsourced,
    );
    ui.add_space(4.0);
    egui::Grid::new("details_grid")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .striped(false)
        .show(ui, |ui| {
            key_ui(ui, "Date");
            ui.add(egui::Label::new(&card.date).wrap());
            ui.end_row();
            if !card.date_note.is_empty() {
                key_ui(ui, "How dated");
                ui.add(
                    egui::Label::new(RichText::new(text::shown(&card.date_note)).italics()).wrap(),
                );
                ui.end_row();
            }
            if let Some(end) = &card.until {
                key_ui(ui, "Until");
                ui.label(end);
                ui.end_row();
            }
            if !card.participants.is_empty() {
                key_ui(ui, "Participants");
                ui.vertical(|ui| {
                    for p in &card.participants {
                        ui.label(text::shown(p));
                    }
                });
                ui.end_row();
            }
            if let Some(place) = &card.place {
                key_ui(ui, "Place");
                ui.label(text::shown(place));
                ui.end_row();
            }
            if let Some(c) = card.coordinates {
                key_ui(ui, "Coordinates");
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(c.display()).selectable(true));
                    let map = format!(
                        "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=12/{lat}/{lon}",
                        lat = c.lat_text(),
                        lon = c.lon_text()
                    );
                    if ui
                        .link("map")
                        .on_hover_text(format!("Open {map} in the browser"))
                        .clicked()
                    {
                        commands.push(Command::OpenUrl(map));
                    }
                });
                ui.end_row();
            }
            if let Some(group) = &card.group {
                key_ui(ui, "Group");
                ui.label(text::shown(group));
                ui.end_row();
            }
            key_ui(ui, "Id");
            ui.add(egui::Label::new(RichText::new(&card.id).monospace()).selectable(true));
            ui.end_row();
        });
    if !card.summary.trim().is_empty() {
        ui.add_space(6.0);
        commands.extend(text_with_links_ui(ui, &text::shown(&card.summary)));
    }
    commands
}

/// Text in which http(s) addresses are links that open on click (imported HTML keeps
/// its links this way).
pub fn text_with_links_ui(ui: &mut Ui, body: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let has_links = body.contains("http://") || body.contains("https://");
    if !has_links {
        ui.add(egui::Label::new(body).wrap().selectable(true));
        return commands;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for (i, word) in body.split(' ').enumerate() {
            if i > 0 {
                ui.label(" ");
            }
            let trimmed = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';'));
            if super::sources::is_web_url(trimmed) {
                let (before, after) = word.split_once(trimmed).unwrap_or(("", ""));
                if !before.is_empty() {
                    ui.label(before);
                }
                if ui
                    .link(trimmed)
                    .on_hover_text("Open in a browser")
                    .clicked()
                {
                    commands.push(Command::OpenUrl(trimmed.to_owned()));
                }
                if !after.is_empty() {
                    ui.label(after);
                }
            } else {
                ui.label(word);
            }
        }
    });
    commands
}

/// The head of an event's details: its title, kind and status, and a warning when no
/// quote backs it (`unsourced`).
pub fn heading_ui(ui: &mut Ui, title: &str, kind: EventKind, status: Status, unsourced: bool) {
    super::access::heading(ui, title);
    ui.horizontal_wrapped(|ui| {
        style::glyph_ui(ui, kind, status);
        ui.label(kind.label());
        ui.label("·");
        status_badge_ui(ui, status);
    });
    if unsourced {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "⚠ Unsourced: no quote backs this event.",
        );
    }
}

/// A coloured status word with its meaning on hover.
pub fn status_badge_ui(ui: &mut Ui, status: Status) -> egui::Response {
    ui.label(
        RichText::new(status.label())
            .strong()
            .color(style::status_text_color(status, ui.visuals())),
    )
    .on_hover_text(status.description())
}

/// A key of the details grid ("Date", "Participants"): on one line, however narrow the
/// panel (the values beside it wrap).
fn key_ui(ui: &mut Ui, key: &str) {
    ui.add(egui::Label::new(RichText::new(key).weak()).extend());
}
