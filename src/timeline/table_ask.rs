//! What a table read through a query engine is opened to show: the filter with its
//! actors and outlets by name, and the lanes. The engine knows names, not a document's
//! symbols, and makes the lanes itself.

use super::document::Document;
use super::filter::Filter;
use super::lanes::LaneMode;

/// What a table read through a query engine is opened to show: the filter, with its
/// actors and outlets by name (a table knows names, not a document's symbols), and how
/// its events are split into lanes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableAsk {
    /// The filter (its `actors` and `outlets` are read from the names below).
    pub filter: Filter,
    /// The names of the actors chosen: only events naming one of them.
    pub actors: Vec<String>,
    /// The outlets chosen: only events quoting one of them.
    pub outlets: Vec<String>,
    /// How the events are split into lanes.
    pub lanes: LaneMode,
    /// The table is being opened, not asked again with other filters or lanes: as for
    /// a file opened, its groups, where it has some, are its lanes
    /// ([`LaneMode::for_groups`]).
    pub opening: bool,
}

impl TableAsk {
    /// A table opened with `filter` (no actors or outlets chosen) in `lanes`.
    pub fn opening(filter: &Filter, lanes: LaneMode) -> Self {
        Self {
            filter: filter.clone(),
            lanes,
            opening: true,
            ..Self::default()
        }
    }

    /// `filter` with no actors or outlets chosen, in lanes by kind.
    pub fn plain(filter: &Filter) -> Self {
        Self {
            filter: filter.clone(),
            ..Self::default()
        }
    }

    /// `filter` over `doc` (the document standing for the table: its actors and
    /// outlets), in `lanes`.
    pub fn of(doc: &Document, filter: &Filter, lanes: LaneMode) -> Self {
        let ds = &doc.dataset;
        Self {
            filter: filter.clone(),
            actors: filter
                .actors
                .iter()
                .map(|&a| {
                    ds.actor(a)
                        .map_or(ds.str(a), |actor| ds.str(actor.name))
                        .to_owned()
                })
                .collect(),
            outlets: filter
                .outlets
                .iter()
                .map(|&o| ds.str(o).to_owned())
                .collect(),
            lanes,
            opening: false,
        }
    }
}
