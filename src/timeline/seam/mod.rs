//! The seam between the timeline and its data (docs/scaling.md): the questions a view
//! asks — how many events start or overlap each pixel column per lane, which events lie
//! in the window, the lanes with their counts — as one interface, [`TimelineData`].
//! (What answers is called the timeline's data here, never a "source": a source is an
//! article that quotes come from.)
//!
//! [`memory::MemoryData`] answers from a loaded [`Document`](super::Document) at once;
//! a query engine answers the same questions from a table that is never loaded whole,
//! and slower than a frame. [`asking::Asking`] stands in front of slow data: it asks
//! on a worker, caches answers per quantized view tile ([`tiles`]), hands back the last
//! answer (rescaled to the view) until the new one comes, cancels views already left,
//! and says whether the data is still answering or gone.

pub mod asking;
pub mod event_row;
pub mod grid;
pub mod memory;
pub mod tiles;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use self::event_row::EventRow;
use crate::model::{EventIdx, EventKind, RelationKind, Status};

/// What a view asks of every lane.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViewQuery {
    /// The days on screen, both inclusive.
    pub days: (i32, i32),
    /// Columns counting events known to the day that start in them: `[from, to)` days.
    pub starts: Vec<(i32, i32)>,
    /// Columns counting events known only to a month, a year or a window that overlap
    /// them: `[from, to)` days.
    pub overlaps: Vec<(i32, i32)>,
    /// Most rows of exact-day events handed back per lane; beyond it the lane is shown
    /// as density and its rows are not fetched.
    pub max_rows: usize,
    /// Most rows of uncertain-date events handed back per lane.
    pub max_uncertain_rows: usize,
}

impl ViewQuery {
    /// A view of `width` days from `from`, cut into columns of `step` days (the last
    /// one shorter), both kinds of column alike: for tests and tools that ask without a
    /// screen.
    pub fn even(
        from: i32,
        width: i32,
        step: i32,
        max_rows: usize,
        max_uncertain_rows: usize,
    ) -> Self {
        let to = from.saturating_add(width.max(1)) - 1;
        let step = step.max(1);
        let columns: Vec<(i32, i32)> = (from..=to)
            .step_by(usize::try_from(step).unwrap_or(1))
            .map(|a| (a, a.saturating_add(step).min(to.saturating_add(1))))
            .collect();
        Self {
            days: (from, to),
            starts: columns.clone(),
            overlaps: columns,
            max_rows,
            max_uncertain_rows,
        }
    }
}

/// One event as the timeline draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Row {
    /// The event (its index in the data).
    pub event: EventIdx,
    /// First day it could be.
    pub start: i32,
    /// Last day it could be, or the end of an event that lasts.
    pub end: i32,
    /// Known to the day.
    pub exact: bool,
    /// Its kind.
    pub kind: EventKind,
    /// Its status.
    pub status: Status,
    /// True when no quote backs it.
    pub unsourced: bool,
    /// True when it takes part in a relation (its label goes before others'). Only the
    /// view's rows say so; other answers leave it false.
    pub linked: bool,
}

/// One line of the event list: an event's row, its date as written, its title, and how
/// many quotes and relations it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow {
    /// The event as the timeline draws it.
    pub row: Row,
    /// Its date as the list shows it ("Jul 2017", "20 Jan 2017 – 1 Jun 2018").
    pub date: String,
    /// Its title.
    pub title: String,
    /// Quotes backing it.
    pub quotes: usize,
    /// Relations it takes part in (0 where the answer does not count them: the events
    /// of [`DisputeRow`]s).
    pub links: usize,
}

/// A relation an event takes part in, as the details panel lists it: `from` bears on `to`
/// (denies, contradicts, …), with the other event's title and the question in dispute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRow {
    /// How `from` bears on `to`.
    pub kind: RelationKind,
    /// The event that denies, contradicts, …
    pub from: EventIdx,
    /// The event it bears on.
    pub to: EventIdx,
    /// The title of the event at the other end.
    pub other_title: String,
    /// The question in dispute.
    pub question: String,
    /// The dataset's editor made the link, not the articles.
    pub by_editor: bool,
    /// The editor's note on it.
    pub note: String,
}

/// A relation whose event borne on is in the days asked about, as the Disputes tab of
/// a table read through an engine lists it: `from` bears on `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputeRow {
    /// How `from` bears on `to` (denies, contradicts, …).
    pub kind: RelationKind,
    /// The question in dispute.
    pub question: String,
    /// The event that denies, contradicts, …
    pub from: ListRow,
    /// The event it bears on.
    pub to: ListRow,
}

/// An event at one end of a link, as the timeline needs it to draw the link when the
/// event has no mark on screen: where it would be, and its title for the edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkEnd {
    /// The event.
    pub event: EventIdx,
    /// The first day its date could be.
    pub start: i32,
    /// The last day its date could be (its date's, not an end's).
    pub latest: i32,
    /// Its kind (its lane, when lanes are by kind and `lane` is not known).
    pub kind: EventKind,
    /// The lane it is drawn in, when the data knows its lanes' order.
    pub lane: Option<usize>,
    /// Whether it passes the filters (one that does not is not linked to).
    pub passes: bool,
    /// Its title.
    pub title: String,
}

/// A relation between two events, with both ends placed: what the timeline draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewLink {
    /// How `from` bears on `to`.
    pub kind: RelationKind,
    /// The event that denies, contradicts, …
    pub from: LinkEnd,
    /// The event it bears on.
    pub to: LinkEnd,
}

/// One lane's answer to a [`ViewQuery`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneView {
    /// The lane's label.
    pub label: String,
    /// The kind shared by its events (lanes by kind).
    pub kind: Option<EventKind>,
    /// Exact-day events overlapping the days on screen.
    pub exact_in_view: usize,
    /// Uncertain-date events overlapping the days on screen.
    pub uncertain_in_view: usize,
    /// Per [`ViewQuery::starts`] column: exact-day events starting in it.
    pub starts: Vec<u32>,
    /// Per [`ViewQuery::overlaps`] column: uncertain-date events overlapping it.
    pub overlaps: Vec<u32>,
    /// Per [`ViewQuery::starts`] column: uncertain-date events starting in it (what lets
    /// answers for narrow columns be put together into wider ones, [`tiles::combine`]).
    pub uncertain_starts: Vec<u32>,
    /// The exact-day events on screen, in (start, end, event) order, when there are at
    /// most [`ViewQuery::max_rows`].
    pub exact_rows: Option<Vec<Row>>,
    /// The uncertain-date events on screen, in (start, end, event) order, when there
    /// are at most [`ViewQuery::max_uncertain_rows`].
    pub uncertain_rows: Option<Vec<Row>>,
}

/// The answer to a [`ViewQuery`]: every lane, top to bottom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewAnswer {
    /// The lanes.
    pub lanes: Vec<LaneView>,
    /// Names of the rows handed back, for a source whose events are not in memory (the
    /// in-memory source leaves it empty: labels and pictures read the document).
    pub names: std::collections::HashMap<EventIdx, RowName>,
}

/// What the map asks: the events that pass the filters and overlap `days`, at places
/// inside `area` — counted per cell of a grid laid on the Web Mercator world
/// ([`crate::model::Coordinates::web_mercator`]), and each of them when there are few.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacesQuery {
    /// The days on screen, both inclusive.
    pub days: (i32, i32),
    /// The part of the world on screen.
    pub area: crate::model::Area,
    /// A cell's side in Web Mercator units (the world is 1 wide): a power of two.
    pub cell: f64,
    /// Most events handed back one by one; beyond it only the cells are.
    pub max_points: usize,
}

impl PlacesQuery {
    /// The cell `c` falls in: column and row from the world's top-left.
    pub fn cell_of(&self, c: crate::model::Coordinates) -> (i32, i32) {
        let (x, y) = c.web_mercator();
        cell_index(x, y, self.cell)
    }
}

/// The cell of Web Mercator `(x, y)` for cells `cell` wide.
#[allow(
    clippy::cast_possible_truncation,
    reason = "x and y are within 0-1 and a cell is at least 2^-30 wide"
)]
pub fn cell_index(x: f64, y: f64, cell: f64) -> (i32, i32) {
    ((x / cell).floor() as i32, (y / cell).floor() as i32)
}

/// One event the map draws on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacePoint {
    /// The event.
    pub event: EventIdx,
    /// Its id.
    pub id: String,
    /// Where.
    pub at: crate::model::Coordinates,
    /// Its kind (the glyph).
    pub kind: EventKind,
    /// Its status (the fill).
    pub status: Status,
    /// Its title (what hovering says).
    pub title: String,
}

/// The answer to a [`PlacesQuery`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlacesAnswer {
    /// Events per cell `(column, row)`, in column then row order; empty cells left out.
    pub cells: Vec<((i32, i32), u32)>,
    /// The events in the area one by one, in time order, when there are at most
    /// [`PlacesQuery::max_points`].
    pub points: Option<Vec<PlacePoint>>,
    /// Events in the area.
    pub in_area: usize,
    /// Events in the days that pass the filters but have no coordinates.
    pub without_place: usize,
}

/// What a picture says of an event drawn from data not in memory: its id, its title
/// (labels and tooltips) and its place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowName {
    /// The event's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Latitude and longitude, where known.
    pub coordinates: Option<crate::model::Coordinates>,
}

/// A lane with how many events (that pass the filters) it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneFacet {
    /// Its label.
    pub label: String,
    /// Its kind (lanes by kind).
    pub kind: Option<EventKind>,
    /// Events in it.
    pub count: usize,
}

/// Why a source gave no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// The view was left before the answer came: nobody waits for it.
    #[error("cancelled: the view was left")]
    Cancelled,
    /// The data cannot answer (an engine that is down, a file gone): what it said.
    #[error("{0}")]
    Unavailable(String),
}

/// A flag a source checks while it answers: set when the view it answers for was left.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets it: the answer is no longer wanted.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the answer is no longer wanted.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancelled, for `?` between the steps of an answer.
    pub fn check(&self) -> Result<(), DataError> {
        if self.is_cancelled() {
            Err(DataError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// What a user may do with data beyond looking at it, which not every holder allows: a
/// table read through a query engine is not loaded, so it is not edited or laid out by
/// actor in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ability {
    /// Change the events (edit, add, delete, undo), and save.
    Edit,
    /// Publish as a web page.
    Publish,
    /// Lay the lanes out by actor or group.
    LanesByActor,
    /// Read the file again, or read a table with other columns.
    Reread,
    /// Step through the events one by one in time order (keys).
    StepThrough,
    /// Copy a question of the whole dataset as Markdown.
    CopyDispute,
}

/// An event's first and last day, and its neighbours' ([`TimelineData::neighbours`]).
pub type Neighbours = ((i32, i32), Vec<(i32, i32)>);

/// The questions the timeline asks of its data, whatever holds it.
pub trait TimelineData: Send + Sync {
    /// Whether the user may do `what` with this data (all of it, in memory).
    fn can(&self, what: Ability) -> bool {
        let _ = what;
        true
    }

    /// The lanes, top to bottom, with their counts.
    fn lanes(&self) -> Result<Vec<LaneFacet>, DataError>;

    /// Counts per column and rows in the window, for every lane. A source that takes
    /// long checks `cancel` between steps.
    fn view(&self, query: &ViewQuery, cancel: &Cancel) -> Result<ViewAnswer, DataError>;

    /// Rows of events in time order, `offset..offset + limit` (the event list, paged).
    fn page(&self, offset: usize, limit: usize) -> Result<Vec<ListRow>, DataError>;

    /// Where event `event` is in the time order of the events that pass the filters (its
    /// line in the event list); `None` when it does not pass.
    fn position(&self, event: EventIdx) -> Result<Option<usize>, DataError>;

    /// Events whose title holds `text` (case-insensitive), in time order, at most `limit`.
    fn search(&self, text: &str, limit: usize) -> Result<Vec<Row>, DataError>;

    /// Event `event` whole — its details and quotes — whether or not it passes the
    /// filters; `None` when there is no such event.
    fn event(&self, event: EventIdx) -> Result<Option<EventRow>, DataError>;

    /// The event whose id is `id` (`--select ID`), whether or not it passes the
    /// filters; `None` when no event has it.
    fn event_by_id(&self, id: &str) -> Result<Option<EventIdx>, DataError>;

    /// Event `event`'s first and last day, with its `n` neighbours on each side in time
    /// order among the events that pass the filters (their first and last days): what
    /// revealing it needs ([`crate::timeline::follow::reveal_days`]); `None` when there
    /// is no such event.
    fn neighbours(&self, event: EventIdx, n: usize) -> Result<Option<Neighbours>, DataError>;

    /// The relations event `event` takes part in, in the dataset's order; none when the
    /// data has no relations.
    fn links(&self, event: EventIdx) -> Result<Vec<LinkRow>, DataError>;

    /// The relations whose event borne on (`to`) overlaps `days` and passes the
    /// filters, in that event's time order, then by `from` and kind; at most `limit`.
    /// None when the data has no relations.
    fn disputes_in(&self, days: (i32, i32), limit: usize) -> Result<Vec<DisputeRow>, DataError>;

    /// The relations of each of `events`, in that order, an event's own in the data's
    /// order (a relation between two of them comes under each), both ends placed. None
    /// when the data has no relations.
    fn links_among(&self, events: &[EventIdx]) -> Result<Vec<ViewLink>, DataError>;

    /// The map's question: events per cell, and each event when few, in `query`'s days
    /// and area. A source that takes long checks `cancel` between steps.
    fn places(&self, query: &PlacesQuery, cancel: &Cancel) -> Result<PlacesAnswer, DataError>;

    /// Whether the data has any relations.
    fn has_relations(&self) -> bool;

    /// True when answers come at once (in memory): the scene asks directly, no worker.
    fn is_instant(&self) -> bool;
}

/// What the scene asks a view of: a source answering at once, or the [`asking::Asking`]
/// front of a slow one, which answers from its cache (maybe stale) or not yet.
pub trait ViewAnswers {
    /// The answer to draw for `query`, if any.
    fn answer(&self, query: &ViewQuery) -> Option<ViewAnswer>;

    /// The links of `events` to draw ([`TimelineData::links_among`]): all of them, or
    /// those known so far (a slow source asks for the rest and draws again).
    fn links(&self, events: &[EventIdx]) -> Vec<ViewLink>;
    /// Whether the data has relations at all (the legend shows the link kinds).
    fn has_links(&self) -> bool;
}

/// A source asked in place, waiting for its answers: for pictures drawn with no window
/// (`claimline render` of a table behind an engine), where waiting is what is wanted.
/// The last failure is kept for the caller to report.
pub struct Waiting<'a> {
    source: &'a dyn TimelineData,
    failure: std::sync::Mutex<Option<DataError>>,
}

impl<'a> Waiting<'a> {
    /// Asks `data`.
    pub fn new(source: &'a dyn TimelineData) -> Self {
        Self {
            source,
            failure: std::sync::Mutex::new(None),
        }
    }

    /// Why the last question went unanswered, if it did.
    pub fn failure(&self) -> Option<DataError> {
        self.failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

impl Waiting<'_> {
    fn failed(&self, e: DataError) {
        *self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e);
    }
}

impl ViewAnswers for Waiting<'_> {
    fn answer(&self, query: &ViewQuery) -> Option<ViewAnswer> {
        self.source
            .view(query, &Cancel::new())
            .map_err(|e| self.failed(e))
            .ok()
    }

    fn links(&self, events: &[EventIdx]) -> Vec<ViewLink> {
        self.source
            .links_among(events)
            .map_err(|e| self.failed(e))
            .unwrap_or_default()
    }

    fn has_links(&self) -> bool {
        self.source.has_relations()
    }
}
