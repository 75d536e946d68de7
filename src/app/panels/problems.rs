//! The problems panel: every problem of a failed load (or the warnings of a good one),
//! each with its place in the file, the offending line, and how to fix it.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::english::plural;
use crate::load::{Diagnostic, LoadError, Severity};

/// What the panel shows.
#[derive(Clone, Debug)]
pub struct Problems {
    /// One line at the top.
    pub title: String,
    /// The file the problems are in.
    pub file: PathBuf,
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// True when a load failed (rather than warnings of a good load).
    pub failed: bool,
}

impl Problems {
    /// The problems of a failed load.
    pub fn from_error(err: &LoadError, kept: Option<&str>) -> Self {
        let keep = match kept {
            Some(name) => format!(" {name} is still shown, unchanged."),
            None => String::new(),
        };
        Self {
            title: format!(
                "Could not open {}: {}.{keep}",
                err.file.display(),
                plural(err.error_count(), "problem")
            ),
            file: err.file.clone(),
            diagnostics: err.diagnostics.clone(),
            failed: true,
        }
    }
}

impl Problems {
    /// One problem of a table that could not be opened through the query engine.
    pub fn from_engine(file: &std::path::Path, problem: &Diagnostic, kept: Option<&str>) -> Self {
        let keep = match kept {
            Some(name) => format!(" {name} is still shown, unchanged."),
            None => String::new(),
        };
        Self {
            title: format!("Could not open {}.{keep}", file.display()),
            file: file.to_owned(),
            diagnostics: vec![problem.clone()],
            failed: true,
        }
    }

    /// The warnings of a document that loaded.
    pub fn from_warnings(doc: &crate::timeline::Document) -> Self {
        Self {
            title: format!(
                "{} loaded with {}",
                doc.origin.display_name(),
                plural(doc.warnings.len(), "warning")
            ),
            file: doc.origin.path().map_or_else(
                || PathBuf::from(crate::load::BUILTIN_NAME),
                std::path::Path::to_owned,
            ),
            diagnostics: doc.warnings.clone(),
            failed: false,
        }
    }
}

/// Draws the panel.
pub fn problems_ui(ui: &mut Ui, problems: &Problems) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let color = if problems.failed {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        ui.colored_label(color, RichText::new(&problems.title).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Dismiss")
                .on_hover_text("Hide this panel")
                .clicked()
            {
                commands.push(Command::DismissProblems);
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for d in &problems.diagnostics {
                diagnostic_ui(ui, d, &problems.file);
                ui.add_space(6.0);
            }
            super::access::keep_focus_in_view(ui);
        });
    commands
}

fn diagnostic_ui(ui: &mut Ui, d: &Diagnostic, file: &std::path::Path) {
    let (icon, color) = match d.severity {
        Severity::Error => ("⛔", ui.visuals().error_fg_color),
        Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
    };
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(color, icon);
        ui.add(
            egui::Label::new(RichText::new(&d.message).strong())
                .wrap()
                .selectable(true),
        );
    });
    ui.add(egui::Label::new(RichText::new(d.place(file)).monospace()).selectable(true));
    if let Some(loc) = d.location.as_ref().filter(|l| !l.line_text.is_empty()) {
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        let marker = format!(
            "{pad} | {}{}",
            " ".repeat(loc.marker_col.saturating_sub(1)),
            "^".repeat(loc.marker_len.max(1))
        );
        let code = format!("{number} | {}\n{marker}", loc.line_text);
        egui::Frame::canvas(ui.style()).show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(code).monospace())
                    .extend()
                    .selectable(true),
            );
        });
    }
    if let Some(help) = &d.help {
        ui.add(egui::Label::new(RichText::new(format!("How to fix: {help}")).weak()).wrap());
    }
}
