//! Which part of the world the map shows: a centre and a scale on the Web Mercator
//! square (the world one unit wide), with the pan, zoom and fit a map needs, and the
//! conversions between a place, the square and a point on screen.

use crate::model::coordinates::from_web_mercator;
use crate::model::{Area, Coordinates};
use crate::timeline::geom::{Point, Rect};

/// Points per world at the closest zoom (about 1.5 m a point at the equator).
const MOST_ZOOMED: f64 = 16_777_216.0 * 1.6;

/// A cell of the density grid is about this many points wide.
pub const CELL_POINTS: f64 = 14.0;

/// Where the map looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    /// The centre, in Web Mercator units.
    pub centre: (f64, f64),
    /// Points per Web Mercator unit (the world's width on screen).
    pub scale: f64,
}

impl MapView {
    /// The whole world in a rectangle of `size`.
    pub fn world(size: (f32, f32)) -> Self {
        Self {
            centre: (0.5, 0.5),
            scale: f64::from(size.0.min(size.1).max(1.0)),
        }
    }

    /// The view that shows every one of `places` in `size` with a margin (the world
    /// when there are none); a single place is shown at a city's zoom.
    pub fn fit(places: impl IntoIterator<Item = Coordinates>, size: (f32, f32)) -> Self {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        let mut any = false;
        for c in places {
            let (x, y) = c.web_mercator();
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            any = true;
        }
        if !any {
            return Self::world(size);
        }
        let (w, h) = (f64::from(size.0.max(1.0)), f64::from(size.1.max(1.0)));
        let margin = 0.15;
        let span_x = (b[2] - b[0]).max(1e-4);
        let span_y = (b[3] - b[1]).max(1e-4);
        let scale = (w * (1.0 - 2.0 * margin) / span_x)
            .min(h * (1.0 - 2.0 * margin) / span_y)
            .clamp(w.min(h), MOST_ZOOMED);
        let mut view = Self {
            centre: ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0),
            scale,
        };
        view.keep_in(size);
        view
    }

    /// Where Web Mercator `(x, y)` is on screen, the map drawn in `rect`.
    #[allow(clippy::cast_possible_truncation, reason = "screen points")]
    pub fn to_screen(&self, rect: Rect, x: f64, y: f64) -> Point {
        let c = rect.center();
        Point::new(
            c.x + ((x - self.centre.0) * self.scale) as f32,
            c.y + ((y - self.centre.1) * self.scale) as f32,
        )
    }

    /// Where a place is on screen.
    pub fn place(&self, rect: Rect, at: Coordinates) -> Point {
        let (x, y) = at.web_mercator();
        self.to_screen(rect, x, y)
    }

    /// The Web Mercator point under screen point `p`.
    pub fn from_screen(&self, rect: Rect, p: Point) -> (f64, f64) {
        let c = rect.center();
        (
            self.centre.0 + f64::from(p.x - c.x) / self.scale,
            self.centre.1 + f64::from(p.y - c.y) / self.scale,
        )
    }

    /// The place under screen point `p` (clamped to the map's square).
    pub fn coordinates_at(&self, rect: Rect, p: Point) -> Coordinates {
        let (x, y) = self.from_screen(rect, p);
        let (lat, lon) = from_web_mercator(x.clamp(0.0, 1.0), y.clamp(0.0, 1.0));
        Coordinates::clamped(lat, lon)
    }

    /// The part of the world on screen, as latitudes and longitudes (the map's square
    /// only: beyond ±180° and Mercator's poles nothing is).
    pub fn area(&self, rect: Rect) -> Area {
        Area::spanning(
            self.coordinates_at(rect, rect.min),
            self.coordinates_at(rect, rect.max),
        )
    }

    /// The area of the screen rectangle between `a` and `b` (a box drawn on the map).
    pub fn area_between(&self, rect: Rect, a: Point, b: Point) -> Area {
        Area::spanning(self.coordinates_at(rect, a), self.coordinates_at(rect, b))
    }

    /// Moves the view by `dx`, `dy` points (the world follows the pointer).
    pub fn pan(&mut self, size: (f32, f32), dx: f32, dy: f32) {
        self.centre.0 -= f64::from(dx) / self.scale;
        self.centre.1 -= f64::from(dy) / self.scale;
        self.keep_in(size);
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the place under `at` where it is.
    pub fn zoom_at(&mut self, rect: Rect, at: Point, factor: f64) {
        let before = self.from_screen(rect, at);
        let least = f64::from(rect.width().min(rect.height()).max(1.0)) * 0.5;
        self.scale = (self.scale * factor).clamp(least, MOST_ZOOMED);
        let after = self.from_screen(rect, at);
        self.centre.0 += before.0 - after.0;
        self.centre.1 += before.1 - after.1;
        self.keep_in((rect.width(), rect.height()));
    }

    /// Keeps the centre over the world: at most half a screen of empty ground shows.
    fn keep_in(&mut self, size: (f32, f32)) {
        let half_w = f64::from(size.0) / 2.0 / self.scale;
        let half_h = f64::from(size.1) / 2.0 / self.scale;
        let clamp = |c: f64, half: f64| if half >= 0.5 { 0.5 } else { c.clamp(0.0, 1.0) };
        self.centre.0 = clamp(self.centre.0, half_w);
        self.centre.1 = clamp(self.centre.1, half_h);
    }

    /// The density grid's cell for this view: a power of two of the world, about
    /// [`CELL_POINTS`] wide on screen.
    pub fn cell(&self) -> f64 {
        let want = CELL_POINTS / self.scale;
        let k = (-want.log2()).floor().clamp(0.0, 30.0);
        (-k).exp2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(lat: f64, lon: f64) -> Coordinates {
        Coordinates::new(lat, lon).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_place_comes_back_from_the_screen() {
        let rect = Rect::new(0.0, 0.0, 800.0, 600.0);
        let view = MapView::fit([c(60.1699, 24.9384), c(43.6028, 39.7342)], (800.0, 600.0));
        for at in [c(60.1699, 24.9384), c(43.6028, 39.7342), c(50.45, 30.52)] {
            let p = view.place(rect, at);
            assert!(rect.contains(p), "{at:?} at {p:?}");
            let back = view.coordinates_at(rect, p);
            assert!((back.lat() - at.lat()).abs() < 1e-3 && (back.lon() - at.lon()).abs() < 1e-3);
        }
    }

    #[test]
    fn zooming_keeps_the_place_under_the_pointer() {
        let rect = Rect::new(0.0, 0.0, 800.0, 600.0);
        let mut view = MapView::fit([c(50.0, 30.0), c(55.0, 37.0)], (800.0, 600.0));
        let kyiv = c(50.45, 30.52);
        let p = view.place(rect, kyiv);
        view.zoom_at(rect, p, 4.0);
        let q = view.place(rect, kyiv);
        assert!(p.distance(q) < 0.5, "{p:?} → {q:?}");
    }

    #[test]
    fn cells_halve_as_the_map_zooms_in() {
        let mut view = MapView::world((512.0, 512.0));
        let wide = view.cell();
        view.scale *= 2.0;
        assert!((view.cell() * 2.0 - wide).abs() < 1e-12);
    }
}
