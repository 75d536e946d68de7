//! A surface of the painter contract that keeps what it is asked to draw, in order, as
//! plain data: for tests that check what the timeline shows (which layer covers which,
//! which text lands where) without pixels, and for anything else that wants the picture
//! as geometry.

use super::canvas::{Align, Canvas, Line, Run};
use super::geom::{Point, Rect};
use super::look::Rgba;
use crate::model::EventIdx;

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Drawn {
    /// A filled rectangle.
    Rect {
        /// Where.
        rect: Rect,
        /// Its fill.
        fill: Rgba,
    },
    /// A rectangle's outline.
    Outline {
        /// The rectangle.
        rect: Rect,
        /// The stroke.
        line: Line,
    },
    /// A polyline (a line: two points).
    Polyline {
        /// Its points.
        points: Vec<Point>,
        /// The stroke.
        line: Line,
    },
    /// A convex polygon.
    Polygon {
        /// Its corners.
        points: Vec<Point>,
        /// Its fill.
        fill: Rgba,
        /// Its outline.
        outline: Option<Line>,
    },
    /// A circle.
    Circle {
        /// Its centre.
        centre: Point,
        /// Its radius.
        radius: f32,
        /// Its fill.
        fill: Option<Rgba>,
        /// Its outline.
        outline: Option<Line>,
    },
    /// A text run.
    Text {
        /// The text.
        text: String,
        /// Its anchor.
        at: Point,
        /// How it sits on the anchor.
        align: Align,
        /// Font size.
        size: f32,
        /// Colour.
        colour: Rgba,
    },
    /// A picture: where, and its name ([`super::canvas::Picture::name`]).
    Image {
        /// Where.
        rect: Rect,
        /// Which.
        name: String,
    },
    /// Clipping to the plot began (`Some`) or ended.
    Clip(Option<Rect>),
    /// What follows draws this event.
    BeginEvent(EventIdx),
    /// The event's drawing ended.
    EndEvent,
}

/// The recording surface.
#[derive(Clone, Debug, Default)]
pub struct Recording {
    /// Everything drawn, in order.
    pub drawn: Vec<Drawn>,
}

impl Canvas for Recording {
    fn rect(&mut self, rect: Rect, fill: Rgba, _corner: f32) {
        self.drawn.push(Drawn::Rect { rect, fill });
    }

    fn rect_outline(&mut self, rect: Rect, line: Line, _corner: f32) {
        self.drawn.push(Drawn::Outline { rect, line });
    }

    fn polyline(&mut self, points: &[Point], line: Line) {
        self.drawn.push(Drawn::Polyline {
            points: points.to_vec(),
            line,
        });
    }

    fn polygon(&mut self, points: &[Point], fill: Rgba, outline: Option<Line>) {
        self.drawn.push(Drawn::Polygon {
            points: points.to_vec(),
            fill,
            outline,
        });
    }

    fn circle(&mut self, centre: Point, radius: f32, fill: Option<Rgba>, outline: Option<Line>) {
        self.drawn.push(Drawn::Circle {
            centre,
            radius,
            fill,
            outline,
        });
    }

    fn text(&mut self, run: Run<'_>) {
        self.drawn.push(Drawn::Text {
            text: run.text.to_owned(),
            at: run.at,
            align: run.align,
            size: run.size,
            colour: run.colour,
        });
    }

    fn image(
        &mut self,
        rect: Rect,
        picture: &super::canvas::Picture,
        _stand_in: Option<(&super::canvas::Picture, Rect)>,
    ) {
        self.drawn.push(Drawn::Image {
            rect,
            name: picture.name.clone(),
        });
    }

    fn clip(&mut self, to: Option<Rect>) {
        self.drawn.push(Drawn::Clip(to));
    }

    fn begin_event(&mut self, e: EventIdx) {
        self.drawn.push(Drawn::BeginEvent(e));
    }

    fn end_event(&mut self) {
        self.drawn.push(Drawn::EndEvent);
    }
}
