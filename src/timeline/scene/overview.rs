//! The overview: the whole span of the filtered events in a slim strip, how many events
//! fall where, which of them are disputed, the breaks, and the view as a window on it.

use super::{Overview, SceneInput, fit_all};
use crate::timeline::OVERVIEW_BUCKETS;
use crate::timeline::axis::TimeAxis;
use crate::timeline::geom::Rect;
use crate::timeline::view::{Projection, View};

/// Width of a column of the strip.
const COLUMN: f32 = 2.0;

/// The strip in `rect`, for the view `view`.
pub(super) fn overview(
    input: &SceneInput<'_>,
    axis: &TimeAxis,
    view: View,
    rect: Rect,
) -> Overview {
    let full = fit_all(input.derived, input.scale);
    let p = Projection {
        axis,
        view: full,
        left: rect.min.x,
        width: rect.width().max(1.0),
    };
    let data = input.derived.axis(input.scale);
    let bucket =
        |u: f64| ((u * OVERVIEW_BUCKETS as f64).floor().max(0.0) as usize).min(OVERVIEW_BUCKETS);
    let mut columns = Vec::new();
    let mut disputed = Vec::new();
    let mut sums = Vec::new();
    let mut x = rect.min.x;
    while x < rect.max.x {
        let (a, b) = (bucket(p.u_at(x)), bucket(p.u_at(x + COLUMN)));
        let b = b.max(a + usize::from(a < OVERVIEW_BUCKETS));
        let count: u32 = data.counts.get(a..b).map_or(0, |c| c.iter().sum());
        let contested: u32 = data.disputed.get(a..b).map_or(0, |c| c.iter().sum());
        sums.push((x, count));
        if contested > 0 {
            disputed.push(x + COLUMN / 2.0);
        }
        x += COLUMN;
    }
    let max = sums.iter().map(|s| s.1).max().unwrap_or(0);
    let scale = (f64::from(max) + 1.0).ln().max(f64::EPSILON);
    for (x, count) in sums {
        if count == 0 {
            continue;
        }
        let level = ((f64::from(count) + 1.0).ln() / scale) as f32;
        let top = rect.max.y - (rect.height() - 4.0) * (0.25 + 0.75 * level);
        columns.push((Rect::new(x, top, x + COLUMN - 0.5, rect.max.y - 2.0), level));
    }
    let breaks = axis
        .gaps
        .iter()
        .map(|g| Rect::new(p.x_of_u(g.u0), rect.min.y, p.x_of_u(g.u1), rect.max.y))
        .collect();
    let (a, b) = (p.x_of_u(view.u0), p.x_of_u(view.u1));
    let (a, b) = (
        a.clamp(rect.min.x, rect.max.x),
        b.clamp(rect.min.x, rect.max.x),
    );
    let window = Rect::new(
        a.min(b - 4.0).max(rect.min.x),
        rect.min.y,
        b.max(a + 4.0),
        rect.max.y,
    );
    Overview {
        rect,
        columns,
        disputed,
        breaks,
        window,
        full,
    }
}
