//! Small windows: the keyboard shortcuts, and typing a path when no file dialog is
//! available. (The export form is with the exports, in `crate::export::form`.)

use std::path::PathBuf;

use egui::{Context, RichText};

use super::toolbar::shortcut_text;
use crate::app::command::{Command, UiCommand};

/// Lists every shortcut and the mouse actions; false once the user closes it.
pub fn shortcuts_window(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for command in UiCommand::ALL {
                        if let Some(s) = command.shortcut() {
                            ui.label(RichText::new(shortcut_text(&s)).monospace());
                            ui.label(command.label());
                            ui.end_row();
                        }
                    }
                    for (keys, what) in [
                        ("Mouse wheel", "Zoom the timeline around the pointer"),
                        ("Shift+wheel, drag", "Pan the timeline"),
                        (
                            "Double-click",
                            "Zoom into the events there (on empty space: fit; while editing: add an event)",
                        ),
                        ("Click", "Select an event (or zoom into a density strip)"),
                        ("Drag the overview", "Pan; its window's edges zoom"),
                        ("Drop a file", "Open it"),
                    ] {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
    open
}

/// A path typed by hand, when the system dialog is not available.
#[derive(Debug, Default)]
pub struct PathPrompt {
    /// The text in the field.
    pub text: String,
    /// Shown above the field.
    pub message: String,
    /// Whether the field has been given the keyboard focus yet.
    pub focused: bool,
    /// What the path is for.
    pub purpose: PromptFor,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromptFor {
    /// A dataset to open.
    #[default]
    Open,
    /// Where to save the dataset.
    Save,
    /// Street tiles for the map.
    StreetTiles,
}

impl PathPrompt {
    /// The prompt shown when no file dialog can be: `why`, and the other ways in.
    pub fn without_dialog(why: &str) -> Self {
        Self {
            message: format!(
                "{why} You can also drop a file on the window, or give it on the command line: claimline FILE."
            ),
            ..Self::default()
        }
    }

    /// The prompt for Save as when no file dialog can be shown, filled with `path`.
    pub fn save_as(why: &str, path: &str) -> Self {
        Self {
            message: format!(
                "{why} The dataset is saved as RON, with its sources' texts beside it."
            ),
            text: path.to_owned(),
            purpose: PromptFor::Save,
            ..Self::default()
        }
    }

    /// The prompt for street tiles when no file dialog can be shown.
    pub fn street_tiles(why: &str) -> Self {
        Self {
            message: format!(
                "{why} Street tiles are a PMTiles archive of raster tiles; you can also drop one on the window, or give it on the command line: claimline --tiles FILE."
            ),
            purpose: PromptFor::StreetTiles,
            ..Self::default()
        }
    }
}

/// The "open a path" window; returns what the user asked for.
pub fn open_path_window(ctx: &Context, prompt: Option<&mut PathPrompt>) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(p) = prompt else {
        return commands;
    };
    let (title, verb) = match p.purpose {
        PromptFor::Open => ("Open dataset", "Open"),
        PromptFor::Save => ("Save dataset as", "Save"),
        PromptFor::StreetTiles => ("Street tiles for the map", "Use"),
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .min_width(480.0)
        .show(ctx, |ui| {
            ui.add(egui::Label::new(&p.message).wrap());
            let label = ui.label("Path:");
            let field = ui
                .add(egui::TextEdit::singleline(&mut p.text).desired_width(460.0))
                .labelled_by(label.id);
            if !p.focused {
                field.request_focus();
                p.focused = true;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button(verb).clicked() || enter) && !p.text.trim().is_empty() {
                    let path = PathBuf::from(p.text.trim());
                    commands.push(match p.purpose {
                        PromptFor::Open => Command::Open(path),
                        PromptFor::Save => Command::SaveTo(path),
                        PromptFor::StreetTiles => Command::SetStreetTiles(Some(path)),
                    });
                    commands.push(Command::ClosePathPrompt);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::ClosePathPrompt);
                }
            });
        });
    commands
}
