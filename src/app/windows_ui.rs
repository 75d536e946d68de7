//! Small windows: the keyboard shortcuts, typing a path when no file dialog is available,
//! and the export options.

use std::path::PathBuf;

use egui::{Context, RichText};

use super::command::{CaptureRegion, Command, UiCommand};
use super::toolbar_ui::shortcut_text;

/// Lists every shortcut and the mouse actions.
pub fn shortcuts_window(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
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
                        ("Double-click", "Zoom to fit"),
                        ("Click", "Select an event (or zoom into a density strip)"),
                        ("Drop a file", "Open it"),
                    ] {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
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
}

/// The "open a path" window; returns a command once the user confirms.
pub fn open_path_window(ctx: &Context, prompt: &mut Option<PathPrompt>) -> Option<Command> {
    let mut command = None;
    let mut close = false;
    if let Some(p) = prompt.as_mut() {
        egui::Window::new("Open dataset")
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
                    if (ui.button("Open").clicked() || enter) && !p.text.trim().is_empty() {
                        command = Some(Command::Open(PathBuf::from(p.text.trim())));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
    }
    if close {
        *prompt = None;
    }
    command
}

/// Export choices being edited.
#[derive(Debug)]
pub struct ExportForm {
    /// Destination.
    pub path: String,
    /// Window or timeline.
    pub region: CaptureRegion,
    /// 1× or 2×.
    pub scale: u8,
    /// A note shown when the dialog was unavailable.
    pub note: Option<String>,
}

/// What the export window asks for.
pub enum ExportAction {
    /// Pick the path in the system dialog.
    Browse,
    /// Export now.
    Export(Command),
    /// Close the window.
    Cancel,
}

/// The export window.
pub fn export_window(ctx: &Context, form: &mut ExportForm) -> Option<ExportAction> {
    let mut action = None;
    egui::Window::new("Export screenshot")
        .collapsible(false)
        .resizable(false)
        .min_width(540.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Capture:");
                ui.radio_value(&mut form.region, CaptureRegion::Window, "Whole window");
                ui.radio_value(&mut form.region, CaptureRegion::Timeline, "Timeline only");
            });
            ui.horizontal(|ui| {
                ui.label("Scale:");
                ui.radio_value(&mut form.scale, 1, "Screen (1×)");
                ui.radio_value(&mut form.scale, 2, "Double (2×)");
            });
            if let Some(note) = &form.note {
                ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            }
            ui.horizontal(|ui| {
                let label = ui.label("File:");
                ui.add(egui::TextEdit::singleline(&mut form.path).desired_width(360.0))
                    .labelled_by(label.id);
                if ui
                    .button("Browse…")
                    .on_hover_text("Choose the file in a dialog")
                    .clicked()
                {
                    action = Some(ExportAction::Browse);
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() && !form.path.trim().is_empty() {
                    action = Some(ExportAction::Export(Command::Export {
                        path: PathBuf::from(form.path.trim()),
                        region: form.region,
                        scale: form.scale,
                    }));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(ExportAction::Cancel);
                }
            });
        });
    action
}
