//! Painting a timeline scene into the window. Nothing here decides where anything goes:
//! the scene has decided; this turns its plain shapes into egui's, with the app's
//! colours and glyphs (`app::style`).

use egui::{Align2, FontId, Painter, Pos2, Stroke, StrokeKind, Vec2};

use crate::app::style::{self, Palette};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::look;
use crate::timeline::scene::{LABEL_SIZE, SMALL_SIZE, Scene, Shape, Strength};

/// Where the scene's origin is in the window.
#[derive(Clone, Copy)]
pub struct Place(pub Vec2);

impl Place {
    fn pos(self, p: Point) -> Pos2 {
        Pos2::new(p.x, p.y) + self.0
    }

    fn rect(self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_max(Pos2::new(r.min.x, r.min.y), Pos2::new(r.max.x, r.max.y))
            .translate(self.0)
    }
}

/// Paints `scene` with its origin at `at`.
pub fn paint(painter: &Painter, at: Place, scene: &Scene, palette: &Palette) {
    let plot = at.rect(scene.plot);
    let plot_painter = painter.with_clip_rect(plot.intersect(painter.clip_rect()));
    if let Some(message) = &scene.message {
        painter.text(
            plot.center(),
            Align2::CENTER_CENTER,
            message,
            FontId::proportional(13.0),
            palette.weak,
        );
        return;
    }
    for (i, lane) in scene.lanes.iter().enumerate() {
        if i % 2 == 1 {
            plot_painter.rect_filled(at.rect(lane.band), 0.0, palette.lane_shade);
        }
    }
    for era in &scene.eras {
        let colour = style::color(look::ERA_COLOURS[era.index % look::ERA_COLOURS.len()]);
        let rect = at.rect(era.rect);
        plot_painter.rect_filled(rect, 0.0, colour.gamma_multiply(0.12));
        plot_painter.text(
            rect.left_top() + Vec2::new(4.0, 2.0),
            Align2::LEFT_TOP,
            &era.title,
            FontId::proportional(SMALL_SIZE),
            palette.weak,
        );
    }
    for tick in &scene.ticks {
        let x = tick.x + at.0.x;
        let alpha = 0.25 + 0.55 * tick.strength;
        plot_painter.line_segment(
            [Pos2::new(x, plot.top()), Pos2::new(x, plot.bottom())],
            Stroke::new(1.0, palette.grid.gamma_multiply(alpha)),
        );
    }
    for band in &scene.breaks {
        paint_break(&plot_painter, at.rect(band.rect), palette);
    }
    if let Some(band) = scene.selection {
        plot_painter.rect_filled(at.rect(band), 0.0, palette.selection.gamma_multiply(0.08));
    }
    // Density columns and coverage bands: one mesh, plain quads need no anti-aliasing.
    let mut mesh = egui::Mesh::default();
    for cell in &scene.density {
        let colour = cell.kind.map_or(palette.text, style::kind_color);
        let colour = if cell.uncertain {
            colour.gamma_multiply(0.04 + 0.14 * cell.level)
        } else {
            colour.gamma_multiply(0.35 + 0.65 * cell.level)
        };
        mesh.add_colored_rect(at.rect(cell.rect), colour);
    }
    plot_painter.add(egui::Shape::mesh(mesh));
    for mark in &scene.marks {
        match &mark.shape {
            Shape::Bar { rect, cuts } => {
                let rect = at.rect(*rect);
                style::paint_uncertain_bar(&plot_painter, rect, mark.kind, mark.status);
                for &(a, b) in cuts {
                    paint_cut(&plot_painter, rect, a + at.0.x, b + at.0.x, palette);
                }
            }
            Shape::Point {
                center,
                radius,
                end_x,
            } => {
                let c = at.pos(*center);
                if let Some(end) = end_x {
                    plot_painter.line_segment(
                        [c, Pos2::new(end + at.0.x, c.y)],
                        Stroke::new(3.0, style::kind_color(mark.kind).gamma_multiply(0.7)),
                    );
                }
                style::paint_marker(&plot_painter, c, *radius, mark.kind, mark.status, palette);
            }
        }
        if mark.unsourced {
            let hit = at.rect(mark.hit);
            plot_painter.text(
                hit.right_top(),
                Align2::LEFT_BOTTOM,
                "?",
                FontId::proportional(10.0),
                palette.weak,
            );
        }
    }
    for mark in scene
        .marks
        .iter()
        .filter(|m| Some(m.event) == scene.selected)
    {
        plot_painter.rect_stroke(
            at.rect(mark.hit).expand(3.0),
            4.0,
            Stroke::new(2.0, palette.selection),
            StrokeKind::Outside,
        );
    }
    for link in &scene.links {
        let (a, b) = (at.pos(link.a), at.pos(link.b));
        match link.strength {
            Strength::Strong | Strength::Normal => {
                style::paint_link(&plot_painter, a, b, link.kind, link.bulge);
            }
            Strength::Faint => {
                let mut faint = plot_painter.clone();
                faint.set_opacity(0.25);
                style::paint_link(&faint, a, b, link.kind, link.bulge);
            }
        }
        if let Some((text, rect)) = &link.off_screen {
            plot_painter.text(
                at.rect(*rect).left_top(),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(SMALL_SIZE),
                style::relation_color(link.kind),
            );
        }
    }
    for label in &scene.labels {
        let rect = at.rect(label.rect);
        let colour = if label.selected {
            plot_painter.rect_filled(rect.expand2(Vec2::new(3.0, 0.0)), 3.0, palette.background);
            plot_painter.rect_stroke(
                rect.expand2(Vec2::new(3.0, 0.0)),
                3.0,
                Stroke::new(1.0, palette.selection),
                StrokeKind::Outside,
            );
            palette.strong
        } else {
            palette.text
        };
        plot_painter.text(
            rect.left_center(),
            Align2::LEFT_CENTER,
            &label.text,
            FontId::proportional(LABEL_SIZE),
            colour,
        );
    }
    for lane in &scene.lanes {
        let band = at.rect(lane.band);
        if band.bottom() < plot.top() || band.top() > plot.bottom() {
            continue;
        }
        painter.text(
            Pos2::new(plot.left() - 8.0, band.center().y),
            Align2::RIGHT_CENTER,
            &lane.shown_label,
            FontId::proportional(SMALL_SIZE + 1.0),
            palette.text,
        );
    }
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, palette.grid),
    );
    for tick in &scene.ticks {
        if let Some((text, rect)) = &tick.label {
            painter.text(
                at.rect(*rect).left_top(),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(SMALL_SIZE),
                if tick.strength > 0.5 {
                    palette.text
                } else {
                    palette.weak
                },
            );
        }
    }
    for band in &scene.breaks {
        let rect = at.rect(band.rect);
        if !plot.x_range().contains(rect.center().x) {
            continue;
        }
        painter.text(
            Pos2::new(rect.center().x, plot.bottom() + 3.0),
            Align2::CENTER_TOP,
            "≈",
            FontId::proportional(SMALL_SIZE + 2.0),
            palette.weak,
        );
    }
    if let Some(overview) = &scene.overview {
        let strip = at.rect(overview.rect);
        painter.rect_filled(strip, 2.0, palette.lane_shade);
        let mut mesh = egui::Mesh::default();
        for (rect, level) in &overview.columns {
            mesh.add_colored_rect(
                at.rect(*rect),
                palette.weak.gamma_multiply(0.35 + 0.6 * level),
            );
        }
        let disputed = style::status_color(crate::model::Status::Disputed);
        for &x in &overview.disputed {
            let x = x + at.0.x;
            mesh.add_colored_rect(
                egui::Rect::from_min_max(
                    Pos2::new(x - 1.0, strip.top()),
                    Pos2::new(x + 1.0, strip.top() + 5.0),
                ),
                disputed,
            );
        }
        painter.add(egui::Shape::mesh(mesh));
        for rect in &overview.breaks {
            painter.rect_filled(at.rect(*rect), 0.0, palette.background.gamma_multiply(0.8));
        }
        let window = at.rect(overview.window);
        painter.rect_filled(window, 2.0, palette.selection.gamma_multiply(0.10));
        painter.rect_stroke(
            window,
            2.0,
            Stroke::new(1.5, palette.selection),
            StrokeKind::Inside,
        );
    }
}

/// A break: a plain band between two dashed edges, so the eye sees time interrupted.
fn paint_break(painter: &Painter, rect: egui::Rect, palette: &Palette) {
    painter.rect_filled(rect, 0.0, palette.background.gamma_multiply(0.85));
    for edge in [rect.left(), rect.right()] {
        painter.extend(egui::Shape::dashed_line(
            &[Pos2::new(edge, rect.top()), Pos2::new(edge, rect.bottom())],
            Stroke::new(1.0, palette.weak.gamma_multiply(0.6)),
            3.0,
            3.0,
        ));
    }
}

/// A bar crossing a break: the part inside drawn as a gap with two slanted cuts.
fn paint_cut(painter: &Painter, bar: egui::Rect, a: f32, b: f32, palette: &Palette) {
    if b - a < 2.0 {
        return;
    }
    let gap = egui::Rect::from_x_y_ranges((a + 2.0)..=(b - 2.0), bar.expand(1.0).y_range());
    painter.rect_filled(gap, 0.0, palette.background);
    for x in [a + 2.0, b - 2.0] {
        painter.line_segment(
            [
                Pos2::new(x - 2.0, bar.bottom() + 1.0),
                Pos2::new(x + 2.0, bar.top() - 1.0),
            ],
            Stroke::new(1.0, palette.weak),
        );
    }
}
