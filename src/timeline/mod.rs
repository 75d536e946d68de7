//! What the timeline shows of a dataset, independent of drawing: events in time order,
//! filters and search, lanes, visible-range and density queries, and calendar ticks.
//! Knows nothing of egui, so it is tested and benchmarked on its own.

pub mod calendar;
pub mod document;
pub mod filter;
pub mod lanes;

pub use document::{Document, Facet, Origin};
pub use filter::{Filter, Filtered, TextQuery};
pub use lanes::{Entry, Lane, LaneMode, Lanes};

/// The filtered events and their lanes, recomputed when the filter or the lane mode
/// changes (on a worker thread for large documents).
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The filter this was computed for.
    pub filter: Filter,
    /// Events that pass, in time order.
    pub filtered: Filtered,
    /// Those events in lanes.
    pub lanes: Lanes,
}

impl Derived {
    /// Filters `doc` and splits what passes into lanes.
    pub fn compute(doc: &Document, filter: &Filter, mode: LaneMode) -> Self {
        let filtered = Filtered::compute(doc, filter);
        let lanes = Lanes::build(doc, &filtered, mode);
        Self {
            filter: filter.clone(),
            filtered,
            lanes,
        }
    }
}
