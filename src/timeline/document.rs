//! A loaded dataset with what every view of it needs: events in time order and the
//! values offered by the filters. Built once per load, on the loading thread.

use hashbrown::HashMap;
use std::path::PathBuf;

use crate::disputes::Dispute;
use crate::load::{Diagnostic, LoadError, Loaded};
use crate::model::{Dataset, EventIdx, EventKind, Speaker, Status, Sym};

/// Where a document came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The dataset built into the program.
    Builtin,
    /// A file on disk.
    File(PathBuf),
    /// A dataset made in the app and not saved yet.
    Untitled,
}

impl Origin {
    /// The file, if there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Self::Builtin | Self::Untitled => None,
            Self::File(p) => Some(p),
        }
    }

    /// A short name for titles: the file name, or "Built-in dataset".
    pub fn display_name(&self) -> String {
        match self {
            Self::Builtin => "Built-in dataset".to_owned(),
            Self::Untitled => "Untitled dataset".to_owned(),
            Self::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// One value a filter can select, with how many events carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facet {
    /// The id (actor id or outlet name).
    pub key: Sym,
    /// What to show.
    pub label: String,
    /// Events carrying it.
    pub count: usize,
}

/// A dataset ready to show.
#[derive(Clone, Debug)]
pub struct Document {
    /// The data.
    pub dataset: Dataset,
    /// Where it came from.
    pub origin: Origin,
    /// Problems that did not stop loading.
    pub warnings: Vec<Diagnostic>,
    /// Event indices sorted by (earliest day, latest day, index).
    pub order: Vec<EventIdx>,
    /// Events per kind, by [`EventKind::index`].
    pub kind_counts: [usize; EventKind::ALL.len()],
    /// Events per status, by [`Status::index`].
    pub status_counts: [usize; Status::ALL.len()],
    /// Actors that take part in or speak in events, in dataset order.
    pub actor_facets: Vec<Facet>,
    /// Outlets that quotes come from, by name.
    pub outlet_facets: Vec<Facet>,
    /// Whether any event has a `group` (imported timelines): lanes by group make sense.
    pub has_groups: bool,
    /// The quotes the events hold (an edit's undone quotes no longer counted).
    pub quote_count: usize,
    /// Each contested question with its sides.
    pub disputes: Vec<Dispute>,
    /// What a table was read as (`None` for other formats).
    pub table: Option<crate::load::table::TableInfo>,
}

impl Document {
    /// Indexes a loaded dataset.
    pub fn new(loaded: Loaded, origin: Origin) -> Self {
        let Loaded {
            dataset,
            warnings,
            table,
            ..
        } = loaded;
        let index = DocumentIndex::of(&dataset);
        let mut doc = Self {
            dataset,
            origin,
            warnings,
            order: Vec::new(),
            kind_counts: [0; EventKind::ALL.len()],
            status_counts: [0; Status::ALL.len()],
            actor_facets: Vec::new(),
            outlet_facets: Vec::new(),
            has_groups: false,
            quote_count: 0,
            disputes: Vec::new(),
            table,
        };
        doc.install(index);
        doc
    }

    /// Indexes the dataset again after an edit: time order, counts, facets, disputes.
    /// The warnings found when the file was read stay.
    pub fn reindex(&mut self) {
        let index = DocumentIndex::of(&self.dataset);
        self.install(index);
    }

    /// Puts an index computed (maybe on another thread) from this document's dataset in
    /// place.
    pub fn install(&mut self, index: DocumentIndex) {
        let DocumentIndex {
            order,
            kind_counts,
            status_counts,
            actor_facets,
            outlet_facets,
            has_groups,
            quote_count,
            disputes,
        } = index;
        self.order = order;
        self.kind_counts = kind_counts;
        self.status_counts = status_counts;
        self.actor_facets = actor_facets;
        self.outlet_facets = outlet_facets;
        self.has_groups = has_groups;
        self.quote_count = quote_count;
        self.disputes = disputes;
    }

    /// Keeps the time order valid, cheaply, after an edit inserted (`Some(true)`) or
    /// removed (`Some(false)`) the event at `at`, until [`Document::reindex`] sorts it
    /// again: positions after it move, the new event goes last. Disputes, which name
    /// positions, are set aside until then.
    pub fn shift(&mut self, at: EventIdx, inserted: bool) {
        if inserted {
            for e in &mut self.order {
                if *e >= at {
                    *e += 1;
                }
            }
            self.order.push(at);
        } else {
            self.order.retain(|&e| e != at);
            for e in &mut self.order {
                if *e > at {
                    *e -= 1;
                }
            }
        }
        self.disputes.clear();
    }

    /// Loads and indexes the built-in dataset.
    pub fn builtin() -> Result<Self, LoadError> {
        crate::load::load_builtin().map(|l| Self::new(l, Origin::Builtin))
    }

    /// A copy holding only the events `keep` passes and the relations between two of
    /// them (`publish --range` makes a smaller page this way). Actors, sources and eras
    /// stay; the copy comes from the same place, with the same warnings.
    pub fn part(&self, keep: impl Fn(EventIdx) -> bool) -> Self {
        let mut dataset = self.dataset.clone();
        let kept: Vec<bool> = (0..dataset.events.len())
            .map(|e| EventIdx::try_from(e).is_ok_and(&keep))
            .collect();
        let mut at = 0;
        dataset.events.retain(|_| {
            at += 1;
            kept[at - 1]
        });
        let ds = &self.dataset;
        let kept_id = |id: Sym| {
            ds.event_index(id)
                .is_some_and(|e| kept.get(e as usize).copied().unwrap_or(false))
        };
        dataset
            .relations
            .retain(|r| kept_id(r.from) && kept_id(r.to));
        // The lookups follow the new positions; a dataset that was valid stays valid.
        crate::load::validate::validate(&mut dataset, Some(0), false, None);
        let mut part = Self::new(
            Loaded {
                dataset,
                warnings: self.warnings.clone(),
                file: PathBuf::new(),
                table: self.table.clone(),
            },
            self.origin.clone(),
        );
        part.origin = self.origin.clone();
        part
    }

    /// The sort key of an event: earliest day, last day (of its end, for an event that
    /// lasts), index.
    pub fn time_key(&self, e: EventIdx) -> (i32, i32, EventIdx) {
        time_key(&self.dataset, e)
    }

    /// Actors named in an event: participants, then speakers.
    pub fn event_actors(&self, e: EventIdx) -> impl Iterator<Item = Sym> + '_ {
        let ds = &self.dataset;
        let event = &ds.events[e as usize];
        ds.syms(event.participants).iter().copied().chain(
            ds.quotes(event.quotes)
                .iter()
                .filter_map(|q| match q.speaker {
                    Speaker::Actor(a) => Some(a),
                    _ => None,
                }),
        )
    }

    /// Outlets of an event's quotes.
    pub fn event_outlets(&self, e: EventIdx) -> impl Iterator<Item = Sym> + '_ {
        let ds = &self.dataset;
        let event = &ds.events[e as usize];
        ds.quotes(event.quotes)
            .iter()
            .filter_map(|q| ds.source(q.source).map(|s| s.outlet))
    }
}

/// What a document derives from its dataset: the time order, counts, facets and
/// disputes. Computed from the dataset alone, so an edited dataset's index can be
/// computed on a worker while the window shows the dataset.
#[derive(Clone, Debug)]
pub struct DocumentIndex {
    /// Event indices sorted by (earliest day, latest day, index).
    pub order: Vec<EventIdx>,
    /// Events per kind.
    pub kind_counts: [usize; EventKind::ALL.len()],
    /// Events per status.
    pub status_counts: [usize; Status::ALL.len()],
    /// Actors that take part in or speak in events.
    pub actor_facets: Vec<Facet>,
    /// Outlets that quotes come from.
    pub outlet_facets: Vec<Facet>,
    /// Whether any event has a `group`.
    pub has_groups: bool,
    /// The quotes the events hold.
    pub quote_count: usize,
    /// Each contested question with its sides.
    pub disputes: Vec<Dispute>,
}

impl DocumentIndex {
    /// The index of a dataset.
    ///
    /// A large dataset's time order and disputes are worked out on other threads while
    /// this one counts the facets.
    pub fn of(dataset: &Dataset) -> Self {
        if dataset.events.len() < PARALLEL_FROM_EVENTS {
            return Self::with(
                dataset,
                time_order(dataset),
                crate::disputes::disputes(dataset),
            );
        }
        std::thread::scope(|scope| {
            let order = scope.spawn(|| time_order(dataset));
            let disputes = scope.spawn(|| crate::disputes::disputes(dataset));
            let index = Self::with(dataset, Vec::new(), Vec::new());
            Self {
                order: joined(order),
                disputes: joined(disputes),
                ..index
            }
        })
    }

    /// The counts and facets of `dataset`, with its time order and disputes.
    fn with(dataset: &Dataset, order: Vec<EventIdx>, disputes: Vec<Dispute>) -> Self {
        let mut kind_counts = [0; EventKind::ALL.len()];
        let mut status_counts = [0; Status::ALL.len()];
        let mut has_groups = false;
        let mut quote_count = 0;
        for e in &dataset.events {
            kind_counts[e.kind.index()] += 1;
            status_counts[e.status.index()] += 1;
            has_groups |= e.group.is_some();
            quote_count += e.quotes.len();
        }
        Self {
            order,
            kind_counts,
            status_counts,
            actor_facets: actor_facets(dataset),
            outlet_facets: outlet_facets(dataset),
            has_groups,
            quote_count,
            disputes,
        }
    }
}

/// What a scoped thread returned; its panic, if it panicked, goes on here.
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Datasets with more events than this are indexed on several threads.
const PARALLEL_FROM_EVENTS: usize = 50_000;

fn time_key(ds: &Dataset, e: EventIdx) -> (i32, i32, EventIdx) {
    let event = &ds.events[e as usize];
    (event.date.earliest(), last_day(event), e)
}

/// The last day an event could be under way: its end's last day, or its date's. The
/// same key orders a converted table (`start_day, end_day, row`), so the event list is
/// in one order for memory and engine.
fn last_day(event: &crate::model::Event) -> i32 {
    event.end.map_or(event.date.latest(), |end| {
        end.latest().max(event.date.latest())
    })
}

/// Event indices sorted by time.
fn time_order(ds: &Dataset) -> Vec<EventIdx> {
    let key = |event: &crate::model::Event| (event.date.earliest(), last_day(event));
    // A table is often in time order already: its order is its rows', and no keys are
    // made (ten million of them: 120 MB at the app's peak).
    if ds.events.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return (0..ds.events.len())
            .map_while(|i| EventIdx::try_from(i).ok())
            .collect();
    }
    // Sorting the keys themselves, side by side, is several times faster than sorting
    // indices that look their events up at every comparison.
    let mut keys: Vec<(i32, i32, EventIdx)> = ds
        .events
        .iter()
        .zip(0..)
        .map(|(event, e)| (key(event).0, key(event).1, e))
        .collect();
    keys.sort_unstable();
    // A new vector, not the keys' reused three times too large.
    let mut order = Vec::with_capacity(keys.len());
    order.extend(keys.iter().map(|&(_, _, e)| e));
    order
}

/// The actors that take part in or speak in `ds`'s events, with how many events each.
pub fn actor_facets(ds: &Dataset) -> Vec<Facet> {
    let mut counts: HashMap<Sym, usize> = HashMap::new();
    let mut seen: Vec<Sym> = Vec::new();
    for event in &ds.events {
        seen.clear();
        seen.extend_from_slice(ds.syms(event.participants));
        seen.extend(
            ds.quotes(event.quotes)
                .iter()
                .filter_map(|q| match q.speaker {
                    Speaker::Actor(a) => Some(a),
                    _ => None,
                }),
        );
        seen.sort_unstable();
        seen.dedup();
        for &a in &seen {
            *counts.entry(a).or_default() += 1;
        }
    }
    ds.actors
        .iter()
        .filter_map(|a| {
            let count = *counts.get(&a.id)?;
            Some(Facet {
                key: a.id,
                label: ds.str(a.name).to_owned(),
                count,
            })
        })
        .collect()
}

/// The outlets `ds`'s quotes come from, with how many events each, by name.
pub fn outlet_facets(ds: &Dataset) -> Vec<Facet> {
    let mut counts: HashMap<Sym, usize> = HashMap::new();
    let mut seen: Vec<Sym> = Vec::new();
    for event in &ds.events {
        seen.clear();
        seen.extend(
            ds.quotes(event.quotes)
                .iter()
                .filter_map(|q| ds.source(q.source).map(|s| s.outlet)),
        );
        seen.sort_unstable();
        seen.dedup();
        for &o in &seen {
            *counts.entry(o).or_default() += 1;
        }
    }
    let mut facets: Vec<Facet> = counts
        .into_iter()
        .map(|(key, count)| Facet {
            key,
            label: ds.str(key).to_owned(),
            count,
        })
        .collect();
    facets.sort_by_key(|f| f.label.to_lowercase());
    facets
}
