//! Where a request (fit, a range of days, zoom, an event to reveal) takes the view,
//! given where it is (revealing is `timeline::follow`'s).

use super::{TimelineInput, ViewRequest};
use crate::timeline::view::View;
use crate::timeline::{TimeAxis, follow, scene};

/// The days a request asks for, given where the view is now.
pub(super) fn resolve(
    input: &TimelineInput<'_>,
    axis: &TimeAxis,
    plot_width: f32,
    current: (f64, f64),
    request: ViewRequest,
) -> (f64, f64) {
    match request {
        ViewRequest::Fit => scene::fit_all(input.derived, input.scale).day_range(axis),
        ViewRequest::Days(a, b) => View::days(axis, a, b).day_range(axis),
        ViewRequest::Zoom(factor) => {
            let view = View::days(axis, current.0, current.1);
            view.zoomed(axis, (view.u0 + view.u1) / 2.0, factor)
                .day_range(axis)
        }
        ViewRequest::Reveal(e) => {
            follow::reveal(input.doc, input.derived, axis, plot_width, current, e)
        }
        ViewRequest::RevealAmong(days) => {
            let (me, neighbours) = &*days;
            follow::reveal_days(axis, plot_width, current, *me, neighbours)
        }
    }
}
