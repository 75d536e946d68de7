//! The window's surface of the painter contract ([`crate::timeline::canvas`]): how an
//! egui [`Painter`] puts down each shape the one painter (`timeline::paint`) asks for.
//! Nothing here decides what a shape looks like.

use egui::epaint::PathStroke;
use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, Vec2};

use crate::timeline::canvas::{Align, Canvas, Line, Picture, Run};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::look::Rgba;

/// An egui painter with the scene's origin at `origin` in the window.
pub struct EguiCanvas {
    painter: Painter,
    /// The painter clipped to the plot, while the painter asks for it.
    clipped: Option<Painter>,
    origin: Vec2,
}

impl EguiCanvas {
    /// Paints through `painter`, the scene's (0, 0) at `origin`.
    pub fn new(painter: Painter, origin: Vec2) -> Self {
        Self {
            painter,
            clipped: None,
            origin,
        }
    }

    fn painter(&self) -> &Painter {
        self.clipped.as_ref().unwrap_or(&self.painter)
    }

    fn pos(&self, p: Point) -> Pos2 {
        Pos2::new(p.x, p.y) + self.origin
    }

    fn rect_of(&self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_max(Pos2::new(r.min.x, r.min.y), Pos2::new(r.max.x, r.max.y))
            .translate(self.origin)
    }

    fn positions(&self, points: &[Point]) -> Vec<Pos2> {
        points.iter().map(|&p| self.pos(p)).collect()
    }

    /// A line through `points`, dashed or solid.
    fn stroke_path(&self, points: Vec<Pos2>, line: Line) {
        let stroke = Stroke::new(line.width, color(line.colour));
        match line.dash {
            Some((dash, gap)) => {
                self.painter()
                    .extend(Shape::dashed_line(&points, stroke, dash, gap));
            }
            None if points.len() == 2 => {
                self.painter().line_segment([points[0], points[1]], stroke);
            }
            None => {
                self.painter().add(Shape::line(points, stroke));
            }
        }
    }
}

/// An egui colour from a look colour.
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

impl Canvas for EguiCanvas {
    fn image(&mut self, rect: Rect, image: &Picture, stand_in: Option<(&Picture, Rect)>) {
        use crate::app::tile_textures;
        let ctx = self.painter.ctx().clone();
        let whole = Rect::new(0.0, 0.0, 1.0, 1.0);
        let shown = tile_textures::texture(&ctx, image)
            .map(|texture| (texture, whole))
            .or_else(|| {
                stand_in.and_then(|(p, part)| tile_textures::ready(&ctx, p).map(|t| (t, part)))
            });
        if let Some((texture, part)) = shown {
            let uv = egui::Rect::from_min_max(
                Pos2::new(part.min.x, part.min.y),
                Pos2::new(part.max.x, part.max.y),
            );
            self.painter()
                .image(texture, self.rect_of(rect), uv, Color32::WHITE);
        }
    }

    fn rect(&mut self, rect: Rect, fill: Rgba, corner: f32) {
        self.painter()
            .rect_filled(self.rect_of(rect), corner, color(fill));
    }

    fn rect_outline(&mut self, rect: Rect, line: Line, corner: f32) {
        let r = self.rect_of(rect);
        if line.dash.is_some() {
            let corners = vec![
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            self.stroke_path(corners, line);
        } else {
            self.painter().rect_stroke(
                r,
                corner,
                Stroke::new(line.width, color(line.colour)),
                StrokeKind::Inside,
            );
        }
    }

    fn polyline(&mut self, points: &[Point], line: Line) {
        self.stroke_path(self.positions(points), line);
    }

    fn polygon(&mut self, points: &[Point], fill: Rgba, outline: Option<Line>) {
        let points = self.positions(points);
        match outline {
            Some(line) if line.dash.is_some() => {
                self.painter().add(Shape::convex_polygon(
                    points.clone(),
                    color(fill),
                    PathStroke::NONE,
                ));
                let mut closed = points;
                if let Some(&first) = closed.first() {
                    closed.push(first);
                }
                self.stroke_path(closed, line);
            }
            Some(line) => {
                self.painter().add(Shape::convex_polygon(
                    points,
                    color(fill),
                    Stroke::new(line.width, color(line.colour)),
                ));
            }
            None => {
                self.painter()
                    .add(Shape::convex_polygon(points, color(fill), PathStroke::NONE));
            }
        }
    }

    fn circle(&mut self, centre: Point, radius: f32, fill: Option<Rgba>, outline: Option<Line>) {
        let c = self.pos(centre);
        if let Some(fill) = fill {
            self.painter().circle_filled(c, radius, color(fill));
        }
        match outline {
            Some(line) if line.dash.is_some() => {
                let ring: Vec<Pos2> = (0..=32)
                    .map(|i| {
                        let a = std::f32::consts::TAU * i as f32 / 32.0;
                        c + Vec2::new(a.cos(), a.sin()) * radius
                    })
                    .collect();
                self.stroke_path(ring, line);
            }
            Some(line) => {
                self.painter().circle_stroke(
                    c,
                    radius,
                    Stroke::new(line.width, color(line.colour)),
                );
            }
            None => {}
        }
    }

    fn text(&mut self, run: Run<'_>) {
        let align = match run.align {
            Align::LeftMiddle => Align2::LEFT_CENTER,
            Align::LeftTop => Align2::LEFT_TOP,
            Align::LeftBottom => Align2::LEFT_BOTTOM,
            Align::RightMiddle => Align2::RIGHT_CENTER,
            Align::CentreTop => Align2::CENTER_TOP,
            Align::Centre => Align2::CENTER_CENTER,
        };
        self.painter().text(
            self.pos(run.at),
            align,
            run.text,
            FontId::proportional(run.size),
            color(run.colour),
        );
    }

    /// Plain quads in one mesh: they need no anti-aliasing, and a lane of a million
    /// events is thousands of them.
    fn cells(&mut self, cells: &mut dyn Iterator<Item = (Rect, Rgba)>) {
        let mut mesh = egui::Mesh::default();
        for (rect, fill) in cells {
            mesh.add_colored_rect(self.rect_of(rect), color(fill));
        }
        self.painter().add(Shape::mesh(mesh));
    }

    fn clip(&mut self, to: Option<Rect>) {
        self.clipped = to.map(|plot| {
            let plot = self.rect_of(plot).intersect(self.painter.clip_rect());
            self.painter.with_clip_rect(plot)
        });
    }
}
