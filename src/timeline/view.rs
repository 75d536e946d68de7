//! The part of the time axis on screen, and the arithmetic of moving it: zooming around
//! a point, panning, fitting a range of days, and easing from one view to another.

use super::axis::TimeAxis;

/// Narrowest view, in days.
pub const MIN_SPAN_DAYS: f64 = 3.0;
/// Widest view, in days (about 550,000 years: all the calendar has).
pub const MAX_SPAN_DAYS: f64 = 2.0e8;
/// Days beyond which no date exists (the calendar covers ±262,000 years).
pub const DAY_LIMIT: f64 = 9.5e7;

/// `day` as a whole day number the calendar knows.
pub fn whole_day(day: f64) -> i32 {
    day.clamp(-DAY_LIMIT, DAY_LIMIT) as i32
}

/// The whole days a span of days `(from, to)` touches.
pub fn day_bounds(days: (f64, f64)) -> (i32, i32) {
    (whole_day(days.0.floor()), whole_day(days.1.ceil()))
}

/// Air on each side of a fitted range, as a share of it.
const FIT_MARGIN: f64 = 0.04;

/// A window on the axis: from `u0` to `u1` in axis units (see [`TimeAxis`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Axis position at the left edge.
    pub u0: f64,
    /// Axis position at the right edge.
    pub u1: f64,
}

impl Default for View {
    fn default() -> Self {
        Self { u0: 0.0, u1: 1.0 }
    }
}

impl View {
    /// The view showing days `from..to` (with a little air).
    pub fn fit(axis: &TimeAxis, from: f64, to: f64) -> Self {
        let (a, b) = (axis.u(from), axis.u(to.max(from + 1.0)));
        let margin = ((b - a) * FIT_MARGIN).max(f64::EPSILON);
        Self {
            u0: a - margin,
            u1: b + margin,
        }
        .limited(axis)
    }

    /// The view showing days `from..to` exactly.
    pub fn days(axis: &TimeAxis, from: f64, to: f64) -> Self {
        Self {
            u0: axis.u(from),
            u1: axis.u(to.max(from + 1e-3)),
        }
        .limited(axis)
    }

    /// Width in axis units.
    pub fn width(&self) -> f64 {
        self.u1 - self.u0
    }

    /// The days at the edges.
    pub fn day_range(&self, axis: &TimeAxis) -> (f64, f64) {
        (axis.day(self.u0), axis.day(self.u1))
    }

    /// Zoomed by `factor` (below 1 zooms in) keeping `at` where it is.
    #[must_use]
    pub fn zoomed(self, axis: &TimeAxis, at: f64, factor: f64) -> Self {
        Self {
            u0: at - (at - self.u0) * factor,
            u1: at + (self.u1 - at) * factor,
        }
        .limited(axis)
    }

    /// Moved by `du` axis units.
    #[must_use]
    pub fn panned(self, du: f64) -> Self {
        Self {
            u0: self.u0 + du,
            u1: self.u1 + du,
        }
    }

    /// Centred on `u`, same width.
    #[must_use]
    pub fn centred(self, u: f64) -> Self {
        let half = self.width() / 2.0;
        Self {
            u0: u - half,
            u1: u + half,
        }
    }

    /// Between `self` (t = 0) and `to` (t = 1).
    #[must_use]
    pub fn lerp(self, to: Self, t: f64) -> Self {
        Self {
            u0: self.u0 + (to.u0 - self.u0) * t,
            u1: self.u1 + (to.u1 - self.u1) * t,
        }
    }

    /// Kept between [`MIN_SPAN_DAYS`] and [`MAX_SPAN_DAYS`] wide, measured at its centre.
    #[must_use]
    pub fn limited(self, axis: &TimeAxis) -> Self {
        if !(self.u0.is_finite() && self.u1.is_finite()) || self.u1 <= self.u0 {
            return Self::default();
        }
        let mid_u = (self.u0 + self.u1) / 2.0;
        let mid = axis.day(mid_u);
        let min = axis.u(mid + MIN_SPAN_DAYS / 2.0) - axis.u(mid - MIN_SPAN_DAYS / 2.0);
        let (from, to) = axis.span();
        let max = (axis.u(to) - axis.u(from)) * MAX_SPAN_DAYS / (to - from).max(1.0);
        let width = self.width().clamp(min.min(max), max.max(min));
        Self {
            u0: mid_u - width / 2.0,
            u1: mid_u + width / 2.0,
        }
    }
}

/// Where a view puts things across `width` points starting at `left`.
#[derive(Clone, Copy, Debug)]
pub struct Projection<'a> {
    /// The axis.
    pub axis: &'a TimeAxis,
    /// The window on it.
    pub view: View,
    /// Left edge, in points.
    pub left: f32,
    /// Width, in points.
    pub width: f32,
}

impl Projection<'_> {
    /// The x of axis position `u`.
    pub fn x_of_u(&self, u: f64) -> f32 {
        let t = (u - self.view.u0) / self.view.width();
        (f64::from(self.left) + t * f64::from(self.width)).clamp(-1e7, 1e7) as f32
    }

    /// The x of day `day` (the start of the day).
    pub fn x(&self, day: f64) -> f32 {
        self.x_of_u(self.axis.u(day))
    }

    /// The axis position at `x`.
    pub fn u_at(&self, x: f32) -> f64 {
        self.view.u0 + f64::from(x - self.left) / f64::from(self.width.max(1.0)) * self.view.width()
    }

    /// The day at `x`.
    pub fn day_at(&self, x: f32) -> f64 {
        self.axis.day(self.u_at(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_respects_the_limits() {
        let axis = TimeAxis::linear(0.0, 1000.0);
        let view = View::fit(&axis, 0.0, 1000.0);
        let at = axis.u(250.0);
        let zoomed = view.zoomed(&axis, at, 0.5);
        assert!((zoomed.width() - view.width() * 0.5).abs() < 1e-9);
        assert!(((at - zoomed.u0) / zoomed.width() - (at - view.u0) / view.width()).abs() < 1e-9);
        let tiny = view.zoomed(&axis, at, 1e-9);
        let (a, b) = tiny.day_range(&axis);
        assert!((b - a - MIN_SPAN_DAYS).abs() < 1e-6, "{a}..{b}");
        let p = Projection {
            axis: &axis,
            view,
            left: 100.0,
            width: 800.0,
        };
        assert!((p.day_at(p.x(400.0)) - 400.0).abs() < 1e-3);
    }
}
