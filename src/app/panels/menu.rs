//! The menu bar: File, View, Go, Help. Every entry is a [`UiCommand`] (with its label
//! and shortcut from one table) or a [`Command`] that changes a preference.

use egui::Ui;

use super::toolbar::shortcut_text;
use crate::app::command::{Command, Part, UiCommand};
use crate::app::state::{Persisted, ThemeChoice};
use crate::timeline::{LaneMode, TimeScale};

/// What the menus need to know to enable their entries.
#[derive(Debug, Default)]
pub struct MenuState<'a> {
    /// The dataset on screen has a file.
    pub has_file: bool,
    /// A dataset is on screen.
    pub has_doc: bool,
    /// The dataset on screen is a table.
    pub has_table: bool,
    /// An event is selected.
    pub selected: bool,
    /// Editing is on.
    pub editing: bool,
    /// What Undo would undo.
    pub undo: Option<&'a str>,
    /// What Redo would redo.
    pub redo: Option<&'a str>,
}

/// Draws the menu bar and returns the chosen commands.
pub fn menu_bar_ui(ui: &mut Ui, persisted: &Persisted, state: &MenuState<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let (has_file, has_doc, has_table) = (state.has_file, state.has_doc, state.has_table);
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button(ui, UiCommand::NewDataset, true, &mut commands);
            command_button(ui, UiCommand::OpenDataset, true, &mut commands);
            ui.menu_button("Open recent", |ui| {
                if persisted.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in &persisted.recent {
                    let name = path.display().to_string();
                    if ui.button(&name).on_hover_text(&name).clicked() {
                        commands.push(Command::Open(path.clone()));
                    }
                }
                if !persisted.recent.is_empty() {
                    ui.separator();
                    if ui.button("Clear recent files").clicked() {
                        commands.push(Command::ClearRecent);
                    }
                }
            });
            if cfg!(feature = "engine")
                && ui
                    .button("Open through a query engine…")
                    .on_hover_text(
                        "A table too big for memory, read where it lies: on this machine or on a Ballista cluster",
                    )
                    .clicked()
            {
                commands.push(Command::OpenEngineForm);
            }
            if ui
                .button("Show built-in dataset")
                .on_hover_text("Show the Trump–Putin dataset that comes with Claimline")
                .clicked()
            {
                commands.push(Command::OpenBuiltin);
            }
            ui.separator();
            command_button(ui, UiCommand::Save, has_doc, &mut commands);
            command_button(ui, UiCommand::SaveAs, has_doc, &mut commands);
            ui.separator();
            command_button(ui, UiCommand::Reload, has_file, &mut commands);
            command_button(ui, UiCommand::TableColumns, has_table, &mut commands);
            ui.separator();
            command_button(ui, UiCommand::ExportScreenshot, has_doc, &mut commands);
            command_button(ui, UiCommand::Publish, has_doc, &mut commands);
            ui.separator();
            command_button(ui, UiCommand::Quit, true, &mut commands);
        });
        ui.menu_button("Edit", |ui| {
            for (command, label) in [(UiCommand::Undo, state.undo), (UiCommand::Redo, state.redo)] {
                let text = label.map_or_else(
                    || command.label().to_owned(),
                    |l| format!("{}: {l}", command.label()),
                );
                let mut button = egui::Button::new(text);
                if let Some(shortcut) = command.shortcut() {
                    button = button.shortcut_text(shortcut_text(&shortcut));
                }
                if ui
                    .add_enabled(label.is_some(), button)
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    commands.push(command.into());
                }
            }
            ui.separator();
            if toggle(
                ui,
                state.editing,
                &UiCommand::ToggleEditing.label_with_shortcut(),
            )
            .on_hover_text(UiCommand::ToggleEditing.tooltip())
            .clicked()
            {
                commands.push(UiCommand::ToggleEditing.into());
            }
            command_button(ui, UiCommand::AddEvent, has_doc, &mut commands);
            command_button(ui, UiCommand::DeleteEvent, state.selected, &mut commands);
            command_button(ui, UiCommand::AddSource, has_doc, &mut commands);
        });
        ui.menu_button("View", |ui| {
            ui.menu_button("Lanes", |ui| {
                for mode in LaneMode::ALL {
                    if ui
                        .radio(persisted.lane_mode == mode, mode.label())
                        .clicked()
                    {
                        commands.push(Command::SetLaneMode(mode));
                    }
                }
            });
            if toggle(
                ui,
                persisted.show_links,
                &UiCommand::ToggleLinks.label_with_shortcut(),
            )
            .on_hover_text(UiCommand::ToggleLinks.tooltip())
            .clicked()
            {
                commands.push(UiCommand::ToggleLinks.into());
            }
            let linear = persisted.time_scale == TimeScale::Linear;
            if toggle(
                ui,
                linear,
                &UiCommand::ToggleTimeScale.label_with_shortcut(),
            )
            .on_hover_text(UiCommand::ToggleTimeScale.tooltip())
            .clicked()
            {
                commands.push(UiCommand::ToggleTimeScale.into());
            }
            command_button(ui, UiCommand::ShowDisputes, has_doc, &mut commands);
            for (part, label) in [
                (Part::Labels, "Labels on markers"),
                (Part::Legend, "Legend"),
                (Part::SidePanel, "Side panel"),
                (Part::EventList, "Event list"),
            ] {
                let shown = persisted.shows(part);
                if toggle(ui, shown, label).clicked() {
                    commands.push(Command::Show(part, !shown));
                }
            }
            ui.separator();
            let dark = persisted.theme == ThemeChoice::Dark;
            if toggle(ui, dark, &UiCommand::ToggleTheme.label_with_shortcut())
                .on_hover_text(UiCommand::ToggleTheme.tooltip())
                .clicked()
            {
                commands.push(UiCommand::ToggleTheme.into());
            }
            ui.separator();
            command_button(ui, UiCommand::ZoomToFit, has_doc, &mut commands);
            command_button(ui, UiCommand::ZoomIn, has_doc, &mut commands);
            command_button(ui, UiCommand::ZoomOut, has_doc, &mut commands);
        });
        ui.menu_button("Go", |ui| {
            for c in [
                UiCommand::PreviousEvent,
                UiCommand::NextEvent,
                UiCommand::FirstEvent,
                UiCommand::LastEvent,
                UiCommand::ClearSelection,
                UiCommand::FocusSearch,
            ] {
                command_button(ui, c, has_doc, &mut commands);
            }
        });
        ui.menu_button("Help", |ui| {
            command_button(ui, UiCommand::ShowShortcuts, true, &mut commands);
            ui.separator();
            ui.weak(format!("Claimline {}", env!("CARGO_PKG_VERSION")));
        });
    });
    commands
}

/// A menu button for a command, with its shortcut shown and its tooltip on hover.
fn command_button(ui: &mut Ui, command: UiCommand, enabled: bool, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(shortcut_text(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        commands.push(command.into());
    }
}

/// A checkbox showing `value`; the caller turns a click into a command.
fn toggle(ui: &mut Ui, value: bool, text: &str) -> egui::Response {
    let mut shown = value;
    ui.checkbox(&mut shown, text)
}
