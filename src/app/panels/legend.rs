//! The legend under the timeline: what each shape, fill, bar and line means.

use egui::Ui;

use crate::app::style;
use crate::model::{EventKind, RelationKind, Status};

/// Draws the legend in one or two wrapped rows, in small text.
pub fn legend_ui(ui: &mut Ui, kinds_present: &[usize]) {
    ui.style_mut().override_text_style = Some(egui::TextStyle::Small);
    ui.spacing_mut().interact_size.y = 14.0;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.weak("Kinds:");
        for kind in EventKind::ALL {
            if kinds_present.get(kind.index()).copied().unwrap_or(0) == 0 {
                continue;
            }
            style::glyph_ui(ui, kind, Status::Confirmed);
            ui.label(kind.label());
            ui.add_space(6.0);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.weak("Status:");
        for status in Status::ALL {
            style::glyph_ui(ui, EventKind::PhoneCall, status).on_hover_text(status.description());
            ui.label(status.label()).on_hover_text(status.description());
            ui.add_space(6.0);
        }
        style::bar_glyph_ui(ui, EventKind::Meeting, Status::Confirmed)
            .on_hover_text("The date is known only to a month, a year or a window: the bar covers every day it could be");
        ui.label("Month, year or window")
            .on_hover_text("The date is known only to a month, a year or a window: the bar covers every day it could be");
        ui.add_space(6.0);
        ui.weak("Links:");
        for kind in RelationKind::ALL {
            style::link_glyph_ui(ui, kind);
            ui.label(kind.label());
            ui.add_space(6.0);
        }
    });
}
