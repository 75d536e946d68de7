//! The side panel laid out: the Details tab (the editing bar, the selected event's card,
//! or the form editing it) and the Disputes tab.

use super::ClaimlineApp;
use super::big_table::Card as EngineCard;
use super::command::{Command, SideTab, UiCommand};
use super::panels::{access, authoring_windows, contradictions, details, event_editor, sources};
use crate::timeline::card::Card;
use crate::timeline::{Document, TextQuery};
use egui::{RichText, Ui};

impl ClaimlineApp {
    pub(super) fn side_ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.big.is_none() {
            commands.extend(editing_bar_ui(
                ui,
                doc,
                self.session.editing,
                self.selected().is_some(),
            ));
        }
        if let (Some(e), Some(editor)) = (self.selected(), self.session.event.as_mut()) {
            access::section(ui, RichText::new("Event").strong(), "event", |ui| {
                commands.extend(event_editor::event_editor_ui(ui, doc, editor));
            });
            access::section(
                ui,
                RichText::new("Quotes & links").strong(),
                "links",
                |ui| {
                    commands.extend(authoring_windows::quotes_and_links_ui(ui, doc, e));
                },
            );
            return commands;
        }
        if self.selected().is_none() && self.session.editing {
            let ds = &doc.dataset;
            let current = crate::edit::forms::AboutForm {
                title: ds.str(ds.title).to_owned(),
                description: ds.str(ds.description).to_owned(),
                author: ds.str(ds.author).to_owned(),
            };
            let about = self.session.about.get_or_insert_with(|| current.clone());
            commands.extend(event_editor::about_ui(ui, about, &current));
            return commands;
        }
        let selected = match &self.big {
            Some(big) => big.selected(),
            None => self.selected(),
        };
        let Some(e) = selected else {
            access::heading(ui, "Details");
            ui.label("Select an event on the timeline or in the list to see its details, the quotes behind it, and the reports that contradict it.");
            ui.add_space(8.0);
            ui.weak(doc.dataset.str(doc.dataset.title));
            ui.add(
                egui::Label::new(RichText::new(doc.dataset.str(doc.dataset.description)).weak())
                    .wrap(),
            );
            if let Some(big) = &self.big {
                ui.add_space(8.0);
                ui.weak(&big.describe);
                ui.weak(
                    "Rows are read from the table as the view needs them; none is loaded whole.",
                );
            }
            return commands;
        };
        // The card: built from the document, or as far as the engine has told.
        let memory;
        let card = match self.big.as_ref().and_then(|b| b.selected.as_ref()) {
            None => {
                memory = Card::of(doc, e);
                memory.as_ref()
            }
            Some((_, EngineCard::Shown(card))) => Some(&**card),
            Some((_, EngineCard::Asking(_))) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Asking the engine for this event…");
                });
                None
            }
            Some((_, EngineCard::Missing)) => {
                ui.label("The table no longer has this event.");
                None
            }
            Some((_, EngineCard::Failed(why))) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("⚠ The engine could not say: {why}"),
                );
                None
            }
        };
        if let Some(card) = card {
            let query = TextQuery::new(&self.view.derived.filter.text);
            let focus_quotes = std::mem::take(&mut self.view.focus_quotes);
            commands.extend(card_ui(ui, card, &query, focus_quotes));
        }
        commands
    }
}

/// The selected event's sections — details, sources and quotes, contradicting reports —
/// from its card, for memory and engine alike.
/// With `focus_quotes`, the first quote takes the keyboard focus (after `Q`).
pub(super) fn card_ui(
    ui: &mut Ui,
    card: &Card,
    query: &TextQuery,
    focus_quotes: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    access::section(ui, RichText::new("Details").strong(), "details", |ui| {
        commands.extend(details::details_ui(ui, card));
    });
    let sources = format!("Sources & quotes ({})", card.quote_count());
    access::section(ui, RichText::new(sources).strong(), "sources", |ui| {
        commands.extend(sources::sources_ui(ui, card, query, focus_quotes));
    });
    let reports = format!("Contradicting reports ({})", card.links.len());
    access::section(
        ui,
        RichText::new(reports).strong(),
        "contradictions",
        |ui| {
            commands.extend(contradictions::contradictions_ui(ui, card));
        },
    );
    commands
}

/// The side panel's tabs: the selection's details, or the disputes.
pub(super) fn side_tabs_ui(ui: &mut Ui, current: SideTab) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        for (tab, label, hint) in [
            (
                SideTab::Details,
                "Details",
                "The selected event: details, sources and quotes, contradicting reports",
            ),
            (
                SideTab::Disputes,
                "Disputes",
                UiCommand::ShowDisputes.tooltip(),
            ),
        ] {
            if ui
                .selectable_label(current == tab, label)
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(Command::SetSideTab(tab));
            }
        }
    });
    ui.separator();
    commands
}

/// Above the side panel's content: the Edit switch and, while editing, Add event, Add
/// source and the reader of any source (to quote it, or take its suggestions).
pub(super) fn editing_bar_ui(
    ui: &mut Ui,
    doc: &Document,
    editing: bool,
    selected: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        if ui
            .selectable_label(editing, "✏ Edit")
            .on_hover_text(format!(
                "{} ({})",
                UiCommand::ToggleEditing.tooltip(),
                UiCommand::ToggleEditing.label_with_shortcut()
            ))
            .clicked()
        {
            commands.push(UiCommand::ToggleEditing.into());
        }
        if editing {
            if ui
                .button("➕ Event")
                .on_hover_text(UiCommand::AddEvent.tooltip())
                .clicked()
            {
                commands.push(UiCommand::AddEvent.into());
            }
            if ui
                .button("➕ Source")
                .on_hover_text(UiCommand::AddSource.tooltip())
                .clicked()
            {
                commands.push(UiCommand::AddSource.into());
            }
            let ds = &doc.dataset;
            if !ds.sources.is_empty() {
                ui.menu_button("📖 Read", |ui| {
                    commands.extend(authoring_windows::reader_menu_items(ui, ds));
                })
                .response
                .on_hover_text("Read a source: quote it, and take what Claimline suggests in it");
            }
            if !selected && ds.sources.is_empty() {
                ui.weak("Select an event to edit it");
            }
        }
    });
    commands
}
