//! The export form: what to export (the whole window, or the timeline as a picture),
//! in which format, at which scale, and where. It edits its own draft and hands back
//! what the user asked for; the app runs it.

use std::path::{Path, PathBuf};

use egui::{Context, RichText};

use super::{ExportFormat, ExportRegion};

/// Scales offered, in pixels per point.
pub const SCALES: [u8; 3] = [1, 2, 4];

/// An export the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// Destination file.
    pub path: PathBuf,
    /// Window or timeline.
    pub region: ExportRegion,
    /// PNG or SVG (the whole window is always PNG).
    pub format: ExportFormat,
    /// Pixels per point of a PNG: 1, 2 or 4.
    pub scale: u8,
}

/// Export choices being edited.
#[derive(Debug)]
pub struct ExportForm {
    /// Destination, as typed.
    pub path: String,
    /// Window or timeline.
    pub region: ExportRegion,
    /// PNG or SVG.
    pub format: ExportFormat,
    /// 1×, 2× or 4×.
    pub scale: u8,
    /// A note shown when the dialog was unavailable.
    pub note: Option<String>,
    /// The map is shown beside the timeline: its picture takes the map too.
    pub with_map: bool,
}

impl ExportForm {
    /// A form proposing `path`, with the last choices.
    pub fn new(path: PathBuf, region: ExportRegion, format: ExportFormat, scale: u8) -> Self {
        let mut form = Self {
            path: path.display().to_string(),
            region,
            format,
            scale: if SCALES.contains(&scale) { scale } else { 1 },
            note: None,
            with_map: false,
        };
        form.settle();
        form
    }

    /// The file name part of the path, for the save dialog.
    pub fn file_name(&self) -> String {
        Path::new(&self.path).file_name().map_or_else(
            || format!("claimline.{}", self.format.extension()),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Keeps the choices consistent: the whole window is PNG only (it is a screenshot),
    /// and the file name's extension follows the format.
    fn settle(&mut self) {
        if self.region == ExportRegion::Window {
            self.format = ExportFormat::Png;
        }
        let path = PathBuf::from(self.path.trim());
        if ExportFormat::of_path(&path) != Some(self.format) && path.file_name().is_some() {
            self.path = path
                .with_extension(self.format.extension())
                .display()
                .to_string();
        }
    }

    /// The request the form's choices make.
    fn request(&self) -> ExportRequest {
        ExportRequest {
            path: PathBuf::from(self.path.trim()),
            region: self.region,
            format: self.format,
            scale: self.scale,
        }
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
            let before = (form.region, form.format);
            ui.horizontal(|ui| {
                ui.label("Capture:");
                ui.radio_value(&mut form.region, ExportRegion::Window, "Whole window")
                    .on_hover_text("A screenshot of the window as it is (PNG)");
                let (label, hover) = if form.with_map {
                    (
                        "Timeline and map",
                        "The timeline and the map as on screen, with the dataset's title, its sources and a legend",
                    )
                } else {
                    (
                        "Timeline only",
                        "The timeline as on screen, with the dataset's title, its sources and a legend",
                    )
                };
                ui.radio_value(&mut form.region, ExportRegion::Timeline, label)
                    .on_hover_text(hover);
            });
            ui.horizontal(|ui| {
                ui.label("Format:");
                ui.radio_value(&mut form.format, ExportFormat::Png, "PNG");
                ui.add_enabled_ui(form.region == ExportRegion::Timeline, |ui| {
                    ui.radio_value(&mut form.format, ExportFormat::Svg, "SVG")
                        .on_hover_text("Sharp at any size, its text selectable (timeline only)")
                        .on_disabled_hover_text("The whole window can only be a PNG screenshot");
                });
            });
            ui.add_enabled_ui(form.format == ExportFormat::Png, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Scale:");
                    ui.radio_value(&mut form.scale, 1, "Screen (1×)");
                    ui.radio_value(&mut form.scale, 2, "Double (2×)");
                    ui.add_enabled_ui(form.region == ExportRegion::Timeline, |ui| {
                        ui.radio_value(&mut form.scale, 4, "Print (4×)")
                            .on_disabled_hover_text("The whole window is captured at most at 2×");
                    });
                });
            });
            if form.region == ExportRegion::Window && form.scale > 2 {
                form.scale = 2;
            }
            if (form.region, form.format) != before {
                form.settle();
            }
            if let Some(note) = &form.note {
                ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            }
            if file_row_ui(ui, &mut form.path) {
                action = Some(FormAction::Browse);
            }
            ui.horizontal(|ui| {
                if ui.button("Export").clicked() && !form.path.trim().is_empty() {
                    action = Some(FormAction::Export(form.request()));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(FormAction::Cancel);
                }
            });
        });
    action
}

/// The "File: [path] Browse…" row of a form that writes a file; true when *Browse…* was
/// pressed.
pub fn file_row_ui(ui: &mut egui::Ui, path: &mut String) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label("File:");
        ui.add(egui::TextEdit::singleline(path).desired_width(360.0))
            .labelled_by(label.id);
        ui.button("Browse…")
            .on_hover_text("Choose the file in a dialog")
            .clicked()
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_png_and_the_extension_follows_the_format() {
        let mut form = ExportForm::new(
            PathBuf::from("/tmp/x.png"),
            ExportRegion::Timeline,
            ExportFormat::Svg,
            4,
        );
        assert_eq!(form.path, "/tmp/x.svg");
        form.region = ExportRegion::Window;
        form.settle();
        assert_eq!(
            (form.format, form.path.as_str()),
            (ExportFormat::Png, "/tmp/x.png")
        );
    }
}
