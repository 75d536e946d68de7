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
    let Some(event) = doc.dataset.events.get(e as usize) else {
        return current;
    };
    let centre_u = |e: EventIdx| {
        let ev = &doc.dataset.events[e as usize];
        let end = ev.end.unwrap_or(ev.date).latest();
        axis.u((f64::from(ev.date.earliest()) + f64::from(end) + 1.0) / 2.0)
    };
    let end = event.end.unwrap_or(event.date).latest();
    let (ua, ub) = (
        axis.u(f64::from(event.date.earliest())),
        axis.u(f64::from(end) + 1.0),
    );
    let me = centre_u(e);
    // The nearest neighbours on each side at a different place.
    let order = &derived.filtered.order;
    let nearest = match derived.filtered.position(doc, e) {
        Some(at) => {
            let before = order[..at]
                .iter()
                .rev()
                .take(16)
                .map(|&n| (me - centre_u(n)).abs());
            let after = order[at + 1..]
                .iter()
                .take(16)
                .map(|&n| (centre_u(n) - me).abs());
            before
                .chain(after)
                .filter(|d| *d > 1e-12)
                .fold(f64::INFINITY, f64::min)
        }
        None => f64::INFINITY,
    };
    let view = View::days(axis, current.0, current.1);
    let widest_distinct = nearest * f64::from(plot_width) / f64::from(DISTINCT);
    let needed = (ub - ua) * 1.4;
    let inside = ua >= view.u0 && ub <= view.u1;
    if inside && view.width() <= widest_distinct.max(needed) {
        return current;
    }
    let width = view.width().min(widest_distinct).max(needed);
    View {
        u0: me - width / 2.0,
        u1: me + width / 2.0,
    }
    .limited(axis)
    .day_range(axis)
}
