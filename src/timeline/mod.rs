//! What the timeline shows of a dataset, independent of drawing: events in time order,
//! filters and search, lanes, the time axis (linear or compressed), the view on it, and
//! the [`scene`]: everything the timeline shows, laid out as plain data for the window,
//! the SVG and the PNG to paint. Knows nothing of egui, so it is tested and benchmarked
//! on its own.

pub mod axis;
pub mod calendar;
pub mod canvas;
pub mod card;
pub mod dispute_card;
pub mod document;
pub mod filter;
pub mod follow;
pub mod geom;
pub mod lanes;
pub mod look;
pub mod metrics;
pub mod paint;
pub mod record;
pub mod scene;
pub mod seam;
pub mod selection;
pub mod spoken;
pub mod table_ask;
pub mod view;

pub use axis::{TimeAxis, TimeScale};
pub use document::{Document, DocumentIndex, Facet, Origin};
pub use filter::{Filter, Filtered, TextQuery};
pub use lanes::{Entry, Lane, LaneMode, Lanes};
pub use table_ask::TableAsk;
pub use view::View;

use crate::model::EventIdx;

/// Slices of the axis the overview counts events in.
pub const OVERVIEW_BUCKETS: usize = 1024;

/// The filtered events, their lanes and time axes, recomputed when the filter or the
/// lane mode changes (on a worker thread for large documents).
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The filter this was computed for.
    pub filter: Filter,
    /// Events that pass, in time order.
    pub filtered: Filtered,
    /// Those events in lanes.
    pub lanes: Lanes,
    /// The axis with empty stretches compressed.
    pub compressed: Axis,
    /// The linear axis.
    pub linear: Axis,
}

/// A time axis and the overview of the events along it.
#[derive(Clone, Debug, Default)]
pub struct Axis {
    /// Days to axis units.
    pub axis: TimeAxis,
    /// Events per slice of the axis's `0..1` ([`OVERVIEW_BUCKETS`] slices).
    pub counts: Vec<u32>,
    /// Of those, events that take part in a dispute (have a relation).
    pub disputed: Vec<u32>,
}

impl Axis {
    fn build(
        doc: &Document,
        order: &[EventIdx],
        intervals: &[axis::Interval],
        scale: TimeScale,
    ) -> Self {
        let axis = TimeAxis::build(intervals, scale);
        let mut counts = vec![0u32; OVERVIEW_BUCKETS];
        let mut disputed = vec![0u32; OVERVIEW_BUCKETS];
        for (&e, iv) in order.iter().zip(intervals) {
            let u = axis.u((iv.start + iv.end) / 2.0);
            let bucket =
                ((u * OVERVIEW_BUCKETS as f64).floor().max(0.0) as usize).min(OVERVIEW_BUCKETS - 1);
            counts[bucket] += 1;
            if doc.dataset.relations_of(e).next().is_some() {
                disputed[bucket] += 1;
            }
        }
        Self {
            axis,
            counts,
            disputed,
        }
    }
}

impl Derived {
    /// Filters `doc`, splits what passes into lanes, and lays out its time axes.
    pub fn compute(doc: &Document, filter: &Filter, mode: LaneMode) -> Self {
        let filtered = Filtered::compute(doc, filter);
        let lanes = Lanes::build(doc, &filtered, mode);
        let intervals: Vec<axis::Interval> = filtered
            .order
            .iter()
            .map(|&e| {
                let ev = &doc.dataset.events[e as usize];
                let last = ev
                    .end
                    .map_or(ev.date.latest(), |end| end.latest().max(ev.date.latest()));
                axis::Interval {
                    start: f64::from(ev.date.earliest()),
                    end: f64::from(last) + 1.0,
                }
            })
            .collect();
        let compressed = Axis::build(doc, &filtered.order, &intervals, TimeScale::Compressed);
        let linear = Axis::build(doc, &filtered.order, &intervals, TimeScale::Linear);
        Self {
            filter: filter.clone(),
            filtered,
            lanes,
            compressed,
            linear,
        }
    }

    /// The axis for a time scale.
    pub fn axis(&self, scale: TimeScale) -> &Axis {
        match scale {
            TimeScale::Compressed => &self.compressed,
            TimeScale::Linear => &self.linear,
        }
    }
}
