//! The export form: where to write, what to capture, at which scale. It edits its own
//! draft and hands back what the user asked for; the app runs it.

use std::path::PathBuf;

use egui::{Context, RichText};

use super::{ExportFormat, ExportRegion};

/// An export the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// Destination file.
    pub path: PathBuf,
    /// Window or timeline.
    pub region: ExportRegion,
    /// 1 for screen scale, 2 for double.
    pub scale: u8,
}

/// Export choices being edited.
#[derive(Debug)]
pub struct ExportForm {
    /// Destination, as typed.
    pub path: String,
    /// Window or timeline.
    pub region: ExportRegion,
    /// 1× or 2×.
    pub scale: u8,
    /// A note shown when the dialog was unavailable.
    pub note: Option<String>,
}

impl ExportForm {
    /// A form proposing `path`, with the last choices of region and scale.
    pub fn new(path: PathBuf, region: ExportRegion, scale: u8) -> Self {
        Self {
            path: path.display().to_string(),
            region,
            scale: scale.clamp(1, 2),
            note: None,
        }
    }

    /// The file name part of the path, for the save dialog.
    pub fn file_name(&self) -> String {
        std::path::Path::new(&self.path).file_name().map_or_else(
            || format!("claimline.{}", ExportFormat::default().extension()),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// What the form asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum FormAction {
    /// Pick the path in the system dialog.
    Browse,
    /// Export now.
    Export(ExportRequest),
    /// Close the form.
    Cancel,
}

/// The export window.
pub fn export_window(ctx: &Context, form: &mut ExportForm) -> Option<FormAction> {
    let mut action = None;
    egui::Window::new("Export screenshot")
        .collapsible(false)
        .resizable(false)
        .min_width(540.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Capture:");
                ui.radio_value(&mut form.region, ExportRegion::Window, "Whole window");
                ui.radio_value(&mut form.region, ExportRegion::Timeline, "Timeline only");
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
                    action = Some(FormAction::Browse);
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() && !form.path.trim().is_empty() {
                    action = Some(FormAction::Export(ExportRequest {
                        path: PathBuf::from(form.path.trim()),
                        region: form.region,
                        scale: form.scale,
                    }));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(FormAction::Cancel);
                }
            });
        });
    action
}
