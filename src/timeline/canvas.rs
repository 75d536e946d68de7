//! The painter contract: the few things a surface must know how to put down — filled
//! and outlined rectangles, polylines, convex polygons, circles, text runs — for the one
//! painter of the timeline ([`super::paint`]) to draw on it. The window (egui), SVG (and
//! PNG, rasterized from it) and the recording surface of the tests implement it; none of
//! them decides a colour, a glyph, an opacity or a dash: [`super::paint`] does, from
//! [`super::look`].
//!
//! Coordinates are points from the scene's top-left, y down; colours are
//! [`Rgba`](super::look::Rgba) with straight (not premultiplied) alpha.

use super::geom::{Point, Rect};
use super::look::Rgba;
use crate::model::EventIdx;

/// How a line is stroked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Width in points.
    pub width: f32,
    /// Colour.
    pub colour: Rgba,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<(f32, f32)>,
}

impl Line {
    /// A solid line.
    pub fn solid(width: f32, colour: Rgba) -> Self {
        Self {
            width,
            colour,
            dash: None,
        }
    }

    /// A dashed line.
    pub fn dashed(width: f32, colour: Rgba, dash: f32, gap: f32) -> Self {
        Self {
            width,
            colour,
            dash: Some((dash, gap)),
        }
    }
}

/// Where a text run sits on its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edge, line box centred vertically.
    LeftMiddle,
    /// Left edge, line box's top.
    LeftTop,
    /// Left edge, line box's bottom.
    LeftBottom,
    /// Right edge, line box centred.
    RightMiddle,
    /// Centre, line box's top.
    CentreTop,
    /// Centre of both.
    Centre,
}

/// A text run.
#[derive(Clone, Copy, Debug)]
pub struct Run<'t> {
    /// The text (one line).
    pub text: &'t str,
    /// Where it is anchored.
    pub at: Point,
    /// How it sits on `at`.
    pub align: Align,
    /// Font size in points.
    pub size: f32,
    /// Colour.
    pub colour: Rgba,
    /// True when the layout measured this run to fit a place: a surface whose fonts
    /// may differ (SVG) stretches it to the measured width.
    pub fitted: bool,
}

impl<'t> Run<'t> {
    /// A run not fitted to a measured width.
    pub fn plain(text: &'t str, at: Point, align: Align, size: f32, colour: Rgba) -> Self {
        Self {
            text,
            at,
            align,
            size,
            colour,
            fitted: false,
        }
    }
}

/// A picture to draw (a map's street tile), still encoded as its source gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// A name that is this picture's alone ("/maps/city.pmtiles/12/2048/1361"), for
    /// caches.
    pub name: String,
    /// Its media type: "image/png", "image/jpeg" or "image/webp".
    pub media_type: &'static str,
    /// Its bytes.
    pub bytes: std::sync::Arc<[u8]>,
}

/// A surface the timeline is painted on.
pub trait Canvas {
    /// A filled rectangle with rounded corners of radius `corner`.
    fn rect(&mut self, rect: Rect, fill: Rgba, corner: f32);
    /// A rectangle's outline, stroked inside `rect`.
    fn rect_outline(&mut self, rect: Rect, line: Line, corner: f32);
    /// Straight segments through `points` (two points: a line).
    fn polyline(&mut self, points: &[Point], line: Line);
    /// Many lines stroked alike (a map's coasts): a surface may write them as one.
    fn polylines(&mut self, lines: &[&[Point]], line: Line) {
        for points in lines {
            self.polyline(points, line);
        }
    }
    /// A convex polygon, filled, maybe outlined.
    fn polygon(&mut self, points: &[Point], fill: Rgba, outline: Option<Line>);
    /// A circle, filled and/or outlined.
    fn circle(&mut self, centre: Point, radius: f32, fill: Option<Rgba>, outline: Option<Line>);
    /// A text run.
    fn text(&mut self, run: Run<'_>);
    /// Many filled cells at once (density strips): a surface may batch them.
    fn cells(&mut self, cells: &mut dyn Iterator<Item = (Rect, Rgba)>) {
        for (rect, fill) in cells {
            self.rect(rect, fill, 0.0);
        }
    }
    /// A picture (a street tile) stretched over `rect`. A surface that cannot carry
    /// pictures leaves it out. `stand_in` is a picture and the part of it (0 to 1
    /// across) that a surface whose pictures take time to be ready (the window) may show
    /// meanwhile; a surface with the picture at once ignores it.
    fn image(&mut self, rect: Rect, picture: &Picture, stand_in: Option<(&Picture, Rect)>) {
        let _ = (rect, picture, stand_in);
    }
    /// Clips what follows to `to` (the plot), until called with `None`.
    fn clip(&mut self, to: Option<Rect>) {
        let _ = to;
    }
    /// What follows, until [`Canvas::end_event`], draws event `e` (a surface may group
    /// it, name it or make it selectable).
    fn begin_event(&mut self, e: EventIdx) {
        let _ = e;
    }
    /// Ends what [`Canvas::begin_event`] began.
    fn end_event(&mut self) {}
}
