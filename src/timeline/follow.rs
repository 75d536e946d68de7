//! The view follows the reader: revealing an event keeps the view if it already shows
//! the event apart from its neighbours, and otherwise centres on it at a zoom where they
//! are. Used by the window when an event is selected and by `claimline render --select`.

use super::view::View;
use super::{Derived, Document, TimeAxis};
use crate::model::EventIdx;

/// How far apart (in points) an event and its neighbours must be to read as distinct.
pub const DISTINCT: f32 = 36.0;

/// A view showing event `e` with its neighbours in time far enough apart to read as
/// distinct: the current one if it already does, else one centred on `e`.
pub fn reveal(
    doc: &Document,
    derived: &Derived,
    axis: &TimeAxis,
    plot_width: f32,
    current: (f64, f64),
    e: EventIdx,
) -> (f64, f64) {
    use super::seam::TimelineData as _;
    match super::seam::memory::MemoryData::new(doc, derived).neighbours(e, NEIGHBOURS) {
        Ok(Some((me, neighbours))) => reveal_days(axis, plot_width, current, me, &neighbours),
        _ => current,
    }
}

/// Neighbours on each side that [`reveal`] keeps apart from the event.
pub const NEIGHBOURS: usize = 16;

/// [`reveal`] for an event from its first to its last day (`me`), with its
/// [`NEIGHBOURS`] neighbours on each side in time order (first and last days): what a
/// table read through an engine gives.
pub fn reveal_days(
    axis: &TimeAxis,
    plot_width: f32,
    current: (f64, f64),
    me: (i32, i32),
    neighbours: &[(i32, i32)],
) -> (f64, f64) {
    let centre_u = |(a, z): (i32, i32)| axis.u((f64::from(a) + f64::from(z) + 1.0) / 2.0);
    let (ua, ub) = (axis.u(f64::from(me.0)), axis.u(f64::from(me.1) + 1.0));
    let centre = centre_u(me);
    // The nearest neighbour at a different place.
    let nearest = neighbours
        .iter()
        .map(|&n| (centre - centre_u(n)).abs())
        .filter(|d| *d > 1e-12)
        .fold(f64::INFINITY, f64::min);
    let view = View::days(axis, current.0, current.1);
    let widest_distinct = nearest * f64::from(plot_width) / f64::from(DISTINCT);
    let needed = (ub - ua) * 1.4;
    let inside = ua >= view.u0 && ub <= view.u1;
    if inside && view.width() <= widest_distinct.max(needed) {
        return current;
    }
    let width = view.width().min(widest_distinct).max(needed);
    let (u0, u1) = within_data(centre - width / 2.0, centre + width / 2.0);
    View { u0, u1 }.limited(axis).day_range(axis)
}

/// A window on the axis moved (not resized) so that it shows no more than a small margin
/// of time before the first event or after the last one (the data spans 0 to 1), unless
/// it is wider than the data: its width goes to events, not to empty time.
fn within_data(u0: f64, u1: f64) -> (f64, f64) {
    let margin = (u1 - u0) * END_MARGIN;
    let mut shift = 0.0;
    if u1 > 1.0 + margin {
        shift = -(u1 - 1.0 - margin).min((u0 + margin).max(0.0));
    } else if u0 < -margin {
        shift = (-margin - u0).min((1.0 + margin - u1).max(0.0));
    }
    (u0 + shift, u1 + shift)
}

/// The share of a view that may lie before the first event or after the last.
const END_MARGIN: f64 = 0.04;

#[cfg(test)]
mod tests {
    use super::within_data;

    #[test]
    fn a_window_past_the_last_event_moves_back_over_the_data() {
        let (a, b) = within_data(0.9, 1.1);
        assert!(
            (b - 1.008).abs() < 1e-9 && (b - a - 0.2).abs() < 1e-9,
            "{a}..{b}"
        );
        let (a, b) = within_data(-0.1, 0.1);
        assert!(
            (a + 0.008).abs() < 1e-9 && (b - a - 0.2).abs() < 1e-9,
            "{a}..{b}"
        );
        // Wider than the data: left as it is, centred.
        assert_eq!(within_data(-0.5, 1.5), (-0.5, 1.5));
        // Inside: untouched.
        assert_eq!(within_data(0.2, 0.4), (0.2, 0.4));
    }
}
