//! The menu bar: File, View, Go, Help. Every entry is a [`UiCommand`] (with its label
//! and shortcut from one table) or a [`Command`] that changes a preference.

use egui::Ui;
use egui::accesskit::{HasPopup, Role};

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
    let has_doc = state.has_doc;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.ctx()
            .accesskit_node_builder(ui.unique_id(), |node| node.set_role(Role::MenuBar));
        let file = ui.menu_button("File", |ui| {
            file_menu(ui, persisted, state, &mut commands);
        });
        submenu(&file, "File");
        let edit = ui.menu_button("Edit", |ui| {
            for (command, label) in [(UiCommand::Undo, state.undo), (UiCommand::Redo, state.redo)] {
                let text = label.map_or_else(
                    || command.label().to_owned(),
                    |l| format!("{}: {l}", command.label()),
                );
                let mut button = egui::Button::new(&text);
                let shortcut = command.shortcut().map(|s| shortcut_text(&s));
                if let Some(shortcut) = &shortcut {
                    button = button.shortcut_text(shortcut);
                }
                let item = ui
                    .add_enabled(label.is_some(), button)
                    .on_hover_text(command.tooltip());
                menu_item(&item, Role::MenuItem, &text, shortcut);
                if item.clicked() {
                    commands.push(command.into());
                }
            }
            ui.separator();
            if command_toggle(ui, state.editing, UiCommand::ToggleEditing)
                .on_hover_text(UiCommand::ToggleEditing.tooltip())
                .clicked()
            {
                commands.push(UiCommand::ToggleEditing.into());
            }
            command_button(ui, UiCommand::AddEvent, has_doc, &mut commands);
            command_button(ui, UiCommand::DeleteEvent, state.selected, &mut commands);
            command_button(ui, UiCommand::AddSource, has_doc, &mut commands);
        });
        submenu(&edit, "Edit");
        let view = ui.menu_button("View", |ui| {
            let lanes = ui.menu_button("Lanes", |ui| {
                for mode in LaneMode::ALL {
                    let item = ui.radio(persisted.lane_mode == mode, mode.label());
                    menu_item(&item, Role::MenuItemRadio, mode.label(), None);
                    if item.clicked() {
                        commands.push(Command::SetLaneMode(mode));
                    }
                }
            });
            submenu(&lanes, "Lanes");
            if command_toggle(ui, persisted.show_links, UiCommand::ToggleLinks)
                .on_hover_text(UiCommand::ToggleLinks.tooltip())
                .clicked()
            {
                commands.push(UiCommand::ToggleLinks.into());
            }
            let linear = persisted.time_scale == TimeScale::Linear;
            if command_toggle(ui, linear, UiCommand::ToggleTimeScale)
                .on_hover_text(UiCommand::ToggleTimeScale.tooltip())
                .clicked()
            {
                commands.push(UiCommand::ToggleTimeScale.into());
            }
            if command_toggle(ui, persisted.show_map, UiCommand::ToggleMap)
                .on_hover_text(UiCommand::ToggleMap.tooltip())
                .clicked()
            {
                commands.push(UiCommand::ToggleMap.into());
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
            if command_toggle(ui, dark, UiCommand::ToggleTheme)
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
        submenu(&view, "View");
        let go = ui.menu_button("Go", |ui| {
            for c in [
                UiCommand::PreviousEvent,
                UiCommand::NextEvent,
                UiCommand::FirstEvent,
                UiCommand::LastEvent,
                UiCommand::ClearSelection,
                UiCommand::FocusSearch,
                UiCommand::ReadQuotes,
            ] {
                command_button(ui, c, has_doc, &mut commands);
            }
        });
        submenu(&go, "Go");
        let help = ui.menu_button("Help", |ui| {
            command_button(ui, UiCommand::ShowShortcuts, true, &mut commands);
            ui.separator();
            ui.weak(format!("Claimline {}", env!("CARGO_PKG_VERSION")));
        });
        submenu(&help, "Help");
    });
    commands
}

/// The File menu's items.
fn file_menu(
    ui: &mut Ui,
    persisted: &Persisted,
    state: &MenuState<'_>,
    commands: &mut Vec<Command>,
) {
    let (has_file, has_doc, has_table) = (state.has_file, state.has_doc, state.has_table);
    command_button(ui, UiCommand::NewDataset, true, commands);
    command_button(ui, UiCommand::OpenDataset, true, commands);
    let recent = ui.menu_button("Open recent", |ui| {
        if persisted.recent.is_empty() {
            ui.weak("No recent files");
        }
        for path in &persisted.recent {
            let name = path.display().to_string();
            let item = ui.button(&name).on_hover_text(&name);
            menu_item(&item, Role::MenuItem, &name, None);
            if item.clicked() {
                commands.push(Command::Open(path.clone()));
            }
        }
        if !persisted.recent.is_empty() {
            ui.separator();
            let clear = ui.button("Clear recent files");
            menu_item(&clear, Role::MenuItem, "Clear recent files", None);
            if clear.clicked() {
                commands.push(Command::ClearRecent);
            }
        }
    });
    submenu(&recent, "Open recent");
    if cfg!(feature = "engine") {
        let engine = "Open through a query engine…";
        let item = ui.button(engine).on_hover_text(
            "A table too big for memory, read where it lies: on this machine or on a Ballista cluster",
        );
        menu_item(&item, Role::MenuItem, engine, None);
        if item.clicked() {
            commands.push(Command::OpenEngineForm);
        }
    }
    let builtin = "Show built-in dataset";
    let item = ui
        .button(builtin)
        .on_hover_text("Show the Trump–Putin dataset that comes with Claimline");
    menu_item(&item, Role::MenuItem, builtin, None);
    if item.clicked() {
        commands.push(Command::OpenBuiltin);
    }
    ui.separator();
    command_button(ui, UiCommand::Save, has_doc, commands);
    command_button(ui, UiCommand::SaveAs, has_doc, commands);
    ui.separator();
    command_button(ui, UiCommand::Reload, has_file, commands);
    command_button(ui, UiCommand::TableColumns, has_table, commands);
    ui.separator();
    command_button(ui, UiCommand::ExportScreenshot, has_doc, commands);
    command_button(ui, UiCommand::Publish, has_doc, commands);
    ui.separator();
    command_button(ui, UiCommand::Quit, true, commands);
}

/// A menu button for a command, with its shortcut shown and its tooltip on hover.
fn command_button(ui: &mut Ui, command: UiCommand, enabled: bool, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    let shortcut = command.shortcut().map(|s| shortcut_text(&s));
    if let Some(shortcut) = &shortcut {
        button = button.shortcut_text(shortcut);
    }
    let item = ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip());
    menu_item(&item, Role::MenuItem, command.label(), shortcut);
    if item.clicked() {
        commands.push(command.into());
    }
}

/// A check box for a command that turns something on or off; the caller turns a click
/// into the command.
fn command_toggle(ui: &mut Ui, value: bool, command: UiCommand) -> egui::Response {
    let item = toggle(ui, value, &command.label_with_shortcut());
    let shortcut = command.shortcut().map(|s| shortcut_text(&s));
    menu_item(&item, Role::MenuItemCheckBox, command.label(), shortcut);
    item
}

/// A checkbox showing `value`; the caller turns a click into a command.
fn toggle(ui: &mut Ui, value: bool, text: &str) -> egui::Response {
    let mut shown = value;
    let item = ui.checkbox(&mut shown, text);
    menu_item(&item, Role::MenuItemCheckBox, text, None);
    item
}

/// Makes a widget in a menu a menu item for screen readers: its `role`, its name without
/// the shortcut glued on ("Save", not "Save Ctrl+S"), and the shortcut as the item's own
/// property, which a screen reader says after the name.
fn menu_item(item: &egui::Response, role: Role, name: &str, shortcut: Option<String>) {
    item.ctx.accesskit_node_builder(item.id, |node| {
        node.set_role(role);
        node.set_label(name);
        if let Some(shortcut) = shortcut {
            node.set_keyboard_shortcut(shortcut);
        }
    });
}

/// Makes a button that opens a menu a menu item that says so, and whether it is open.
fn submenu(button: &egui::InnerResponse<Option<()>>, name: &str) {
    let open = button.inner.is_some();
    button
        .response
        .ctx
        .accesskit_node_builder(button.response.id, |node| {
            node.set_role(Role::MenuItem);
            node.set_label(name);
            node.set_has_popup(HasPopup::Menu);
            node.set_expanded(open);
        });
}
