//! The window's side of how events look: `timeline::look`'s colours as egui colours
//! (for badges and text in the panels), the fonts, and small glyph widgets for the
//! legend and the lists, painted by the one painter (`timeline::paint`) so that a glyph
//! means the same thing in a list, on the timeline and in an export.

use egui::{Color32, Vec2};

use crate::app::timeline_widget::egui_canvas::EguiCanvas;
use crate::model::{EventKind, RelationKind, Status};
use crate::timeline::geom::{self, Point};
use crate::timeline::{look, paint};

/// Installs egui's fonts with the monospace font as a last fallback for proportional
/// text, so arrows and box-drawing characters in data and labels have glyphs.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

pub use crate::app::timeline_widget::egui_canvas::color;

/// Colour of an event kind (see [`look::kind_color`]).
pub fn kind_color(kind: EventKind) -> Color32 {
    color(look::kind_color(kind))
}

/// Colour of a relation kind's links and labels.
pub fn relation_color(kind: RelationKind) -> Color32 {
    color(look::relation_color(kind))
}

/// Colour of a status badge.
pub fn status_color(status: Status) -> Color32 {
    color(look::status_color(status))
}

/// A status's colour for its word in the panels: its hue, made readable (WCAG AA) on
/// the theme's panel.
pub fn status_text_color(status: Status, visuals: &egui::Visuals) -> Color32 {
    color(look::status_text_color(
        status,
        &look::Palette::of(visuals.dark_mode),
    ))
}

/// A status's word on a selected row: readable on the selection's fill too.
pub fn status_text_color_selected(status: Status, visuals: &egui::Visuals) -> Color32 {
    let on = rgba(visuals.selection.bg_fill);
    color(look::readable(rgba(status_text_color(status, visuals)), on))
}

/// egui's visuals for the dark or the light theme, with every colour the panels write
/// text in (ordinary, secondary, links, warnings, errors) readable — WCAG AA, 4.5:1 — on
/// every background they write it on (panels, windows, text fields, faint stripes, the
/// selection's fill). egui's own secondary grey is 2.9:1 in the light theme and 2.7:1
/// in the dark; its link blue and error red fall short on white.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let backgrounds = text_backgrounds(&v);
    let fit = |c: Color32| {
        let mut c = rgba(c);
        // Each pass makes it readable on one more background; two passes settle it.
        for _ in 0..2 {
            for &bg in &backgrounds {
                c = look::readable(c, rgba(bg));
            }
        }
        color(c)
    };
    v.weak_text_color = Some(fit(v.weak_text_color()));
    v.hyperlink_color = fit(v.hyperlink_color);
    v.warn_fg_color = fit(v.warn_fg_color);
    v.error_fg_color = fit(v.error_fg_color);
    v.widgets.noninteractive.fg_stroke.color = fit(v.widgets.noninteractive.fg_stroke.color);
    v
}

/// The backgrounds the panels write text on, as opaque colours.
pub fn text_backgrounds(v: &egui::Visuals) -> Vec<Color32> {
    let faint = look::over(rgba(v.faint_bg_color), rgba(v.panel_fill));
    vec![
        v.panel_fill,
        v.window_fill,
        v.extreme_bg_color,
        color(faint),
        v.widgets.inactive.weak_bg_fill,
    ]
}

/// Installs [`visuals`] for both themes.
pub fn install_visuals(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
}

fn rgba(c: Color32) -> look::Rgba {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    look::Rgba { r, g, b, a }
}

/// Allocates a small square in `ui` and draws a kind/status glyph in it (legends, lists).
pub fn glyph_ui(ui: &mut egui::Ui, kind: EventKind, status: Status) -> egui::Response {
    let size = Vec2::splat(ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let palette = look::Palette::of(ui.visuals().dark_mode);
    let c = Point::new(rect.center().x, rect.center().y);
    paint::marker(&mut canvas(ui), c, size.y * 0.3, kind, status, &palette);
    response
}

/// Allocates a small square and draws an uncertain-date bar in it (legend).
pub fn bar_glyph_ui(ui: &mut egui::Ui, kind: EventKind, status: Status) -> egui::Response {
    let size = Vec2::new(
        ui.spacing().interact_size.y * 1.6,
        ui.spacing().interact_size.y,
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let (w, h) = (rect.width() * 0.9, rect.height() * 0.45);
    let c = rect.center();
    let bar = geom::Rect::new(c.x - w / 2.0, c.y - h / 2.0, c.x + w / 2.0, c.y + h / 2.0);
    paint::bar(&mut canvas(ui), bar, kind, status);
    response
}

/// Allocates a short line sample in a relation colour (legend).
pub fn link_glyph_ui(ui: &mut egui::Ui, kind: RelationKind) -> egui::Response {
    let size = Vec2::new(
        ui.spacing().interact_size.y * 1.6,
        ui.spacing().interact_size.y,
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let a = Point::new(rect.left() + 2.0, rect.center().y);
    let b = Point::new(rect.right() - 2.0, rect.center().y);
    paint::link(&mut canvas(ui), a, b, kind, 0.0, 1.0);
    response
}

/// The window's surface for a small glyph: `ui`'s painter, in window coordinates.
fn canvas(ui: &egui::Ui) -> EguiCanvas {
    EguiCanvas::new(ui.painter().clone(), Vec2::ZERO)
}
