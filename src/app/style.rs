//! How events look: a colour and a shape per kind, a fill and outline per status, a
//! colour per relation kind. The timeline, the legend and the lists all draw through
//! here, so a glyph means the same thing everywhere.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, Vec2, epaint::PathStroke};

use crate::model::{EventKind, RelationKind, Status};
use crate::timeline::look;

/// Installs egui's fonts with the monospace font as a last fallback for proportional
/// text, so arrows and box-drawing characters in data and labels have glyphs.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// An egui colour from a look colour.
pub fn color(c: look::Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

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

/// The theme's colours ([`look::Palette`]) as egui colours.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Behind the timeline.
    pub panel: Color32,
    /// Inside hollow markers.
    pub background: Color32,
    /// Ordinary text.
    pub text: Color32,
    /// Secondary text and outlines.
    pub weak: Color32,
    /// The selection highlight.
    pub selection: Color32,
    /// Alternate lane shading.
    pub lane_shade: Color32,
    /// Grid lines.
    pub grid: Color32,
    /// Emphasized text.
    pub strong: Color32,
}

impl Palette {
    /// The palette for the current visuals (light or dark).
    pub fn from_visuals(visuals: &egui::Visuals) -> Self {
        let p = look::Palette::of(visuals.dark_mode);
        Self {
            panel: color(p.panel),
            background: color(p.background),
            text: color(p.text),
            weak: color(p.weak),
            selection: color(p.selection),
            lane_shade: color(p.lane_shade),
            grid: color(p.grid),
            strong: color(p.strong),
        }
    }
}

/// Outline points of a kind's shape around `c` with radius `r` (`None` for circles).
fn outline(kind: EventKind, c: Pos2, r: f32) -> Option<Vec<Pos2>> {
    look::outline(kind).map(|points| {
        points
            .into_iter()
            .map(|(x, y)| c + Vec2::new(x, y) * r)
            .collect()
    })
}

/// Draws an event marker: the kind's shape and colour, filled or hollow by status.
///
/// - Confirmed: filled.
/// - Reported: hollow.
/// - Alleged: hollow with a dashed outline.
/// - Disputed: filled, with an orange ring around it.
/// - Denied: hollow, struck through in red.
pub fn paint_marker(
    painter: &Painter,
    c: Pos2,
    r: f32,
    kind: EventKind,
    status: Status,
    palette: &Palette,
) {
    let color = kind_color(kind);
    let filled = matches!(status, Status::Confirmed | Status::Disputed);
    let fill = if filled { color } else { palette.background };
    let stroke = Stroke::new(
        if filled { 1.0 } else { 2.0 },
        if filled { palette.background } else { color },
    );
    if status == Status::Disputed {
        painter.circle_stroke(c, r + 3.5, Stroke::new(2.0, status_color(Status::Disputed)));
    }
    match outline(kind, c, r) {
        None => {
            painter.circle_filled(c, r, fill);
            if status == Status::Alleged {
                let ring: Vec<Pos2> = (0..=16)
                    .map(|i| {
                        let a = std::f32::consts::TAU * i as f32 / 16.0;
                        c + Vec2::new(a.cos(), a.sin()) * r
                    })
                    .collect();
                painter.extend(Shape::dashed_line(&ring, Stroke::new(2.0, color), 2.5, 2.0));
            } else {
                painter.circle_stroke(c, r, stroke);
            }
        }
        Some(points) => {
            if status == Status::Alleged {
                painter.add(Shape::convex_polygon(
                    points.clone(),
                    fill,
                    PathStroke::NONE,
                ));
                let mut closed = points;
                if let Some(&first) = closed.first() {
                    closed.push(first);
                }
                painter.extend(Shape::dashed_line(
                    &closed,
                    Stroke::new(2.0, color),
                    2.5,
                    2.0,
                ));
            } else {
                painter.add(Shape::convex_polygon(points, fill, stroke));
            }
        }
    }
    match kind {
        EventKind::NoComment => {
            let bar = Stroke::new(2.0, if filled { palette.background } else { color });
            painter.line_segment(
                [c - Vec2::new(r * 0.55, 0.0), c + Vec2::new(r * 0.55, 0.0)],
                bar,
            );
        }
        EventKind::Context if r > 3.0 => {}
        _ => {}
    }
    if status == Status::Denied {
        painter.line_segment(
            [
                c + Vec2::new(-r - 2.0, r + 2.0),
                c + Vec2::new(r + 2.0, -r - 2.0),
            ],
            Stroke::new(2.0, status_color(Status::Denied)),
        );
    }
}

/// Draws an event whose date is known only to a month, a year or a window: a faded bar
/// across all the days it could be, outlined by status. No point is drawn on a day the
/// sources do not give.
pub fn paint_uncertain_bar(painter: &Painter, rect: Rect, kind: EventKind, status: Status) {
    let color = kind_color(kind);
    let filled = matches!(status, Status::Confirmed | Status::Disputed);
    let fill = color.gamma_multiply(if filled { 0.35 } else { 0.12 });
    let radius = (rect.height() / 2.0).min(4.0);
    painter.rect_filled(rect, radius, fill);
    let outline_stroke = Stroke::new(1.5, color.gamma_multiply(0.9));
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    match status {
        Status::Alleged => painter.extend(Shape::dashed_line(&corners, outline_stroke, 4.0, 3.0)),
        _ => {
            painter.rect_stroke(rect, radius, outline_stroke, egui::StrokeKind::Inside);
        }
    }
    match status {
        Status::Disputed => {
            painter.rect_stroke(
                rect.expand(2.5),
                radius + 2.0,
                Stroke::new(1.5, status_color(Status::Disputed)),
                egui::StrokeKind::Outside,
            );
        }
        Status::Denied => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(2.0, status_color(Status::Denied)),
            );
        }
        _ => {}
    }
}

/// Allocates a small square in `ui` and draws a kind/status glyph in it (legends, lists).
pub fn glyph_ui(ui: &mut egui::Ui, kind: EventKind, status: Status) -> egui::Response {
    let size = Vec2::splat(ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let palette = Palette::from_visuals(ui.visuals());
    paint_marker(
        ui.painter(),
        rect.center(),
        size.y * 0.3,
        kind,
        status,
        &palette,
    );
    response
}

/// Allocates a small square and draws an uncertain-date bar in it (legend).
pub fn bar_glyph_ui(ui: &mut egui::Ui, kind: EventKind, status: Status) -> egui::Response {
    let size = Vec2::new(
        ui.spacing().interact_size.y * 1.6,
        ui.spacing().interact_size.y,
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let bar = Rect::from_center_size(
        rect.center(),
        Vec2::new(rect.width() * 0.9, rect.height() * 0.45),
    );
    paint_uncertain_bar(ui.painter(), bar, kind, status);
    response
}

/// Allocates a short line sample in a relation colour (legend).
pub fn link_glyph_ui(ui: &mut egui::Ui, kind: RelationKind) -> egui::Response {
    let size = Vec2::new(
        ui.spacing().interact_size.y * 1.6,
        ui.spacing().interact_size.y,
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let a = rect.left_center() + Vec2::new(2.0, 0.0);
    let b = rect.right_center() - Vec2::new(2.0, 0.0);
    paint_link(ui.painter(), a, b, kind, 0.0);
    response
}

/// Draws a relation link from `a` to `b` as an arc bulging by `bulge` points, with an
/// arrow head at `b`.
pub fn paint_link(painter: &Painter, a: Pos2, b: Pos2, kind: RelationKind, bulge: f32) {
    let color = relation_color(kind);
    let stroke = Stroke::new(2.0, color);
    let (curve, head) = look::link_curve((a.x, a.y), (b.x, b.y), bulge);
    let points: Vec<Pos2> = curve.into_iter().map(|(x, y)| Pos2::new(x, y)).collect();
    if kind == RelationKind::DeclinesToConfirm {
        painter.extend(Shape::dashed_line(&points, stroke, 5.0, 4.0));
    } else {
        painter.add(Shape::line(points, stroke));
    }
    if let Some(head) = head {
        painter.add(Shape::convex_polygon(
            head.iter().map(|&(x, y)| Pos2::new(x, y)).collect(),
            color,
            PathStroke::NONE,
        ));
    }
}
