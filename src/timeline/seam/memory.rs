//! The in-memory source: a loaded [`Document`] with its filtered events in lanes
//! ([`Derived`]) answers every question with binary searches, at once.

use super::{
    Cancel, DataError, DisputeRow, EventRow, LaneFacet, LaneView, LinkEnd, LinkRow, ListRow,
    Neighbours, PlacePoint, PlacesAnswer, PlacesQuery, Row, TimelineData, ViewAnswer, ViewLink,
    ViewQuery,
};
use crate::model::EventIdx;
use crate::timeline::lanes::{Entry, Spans};
use crate::timeline::{Derived, Document, TextQuery};

/// A document and what passes its filters, asked in place.
#[derive(Clone, Copy, Debug)]
pub struct MemoryData<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its filtered events in lanes.
    pub derived: &'a Derived,
}

impl<'a> MemoryData<'a> {
    /// Asks `doc` as filtered and split into lanes by `derived`.
    pub fn new(doc: &'a Document, derived: &'a Derived) -> Self {
        Self { doc, derived }
    }

    fn row(&self, entry: &Entry, exact: bool) -> Option<Row> {
        let event = self.doc.dataset.events.get(entry.event as usize)?;
        Some(Row {
            event: entry.event,
            start: entry.start,
            end: entry.end,
            exact,
            kind: event.kind,
            status: event.status,
            unsourced: event.quotes.is_empty(),
            linked: false,
        })
    }

    fn row_of(&self, e: EventIdx) -> Option<Row> {
        let event = self.doc.dataset.events.get(e as usize)?;
        let entry = Entry {
            start: event.date.earliest(),
            end: event.end.map_or(event.date.latest(), |end| {
                end.latest().max(event.date.latest())
            }),
            event: e,
        };
        self.row(&entry, event.date.is_exact_day())
    }

    /// Event `e` as a line of the event list.
    pub fn list_row(&self, e: EventIdx) -> Option<ListRow> {
        let ds = &self.doc.dataset;
        let event = ds.events.get(e as usize)?;
        Some(ListRow {
            row: self.row_of(e)?,
            date: event.date.display().to_string(),
            title: ds.str(event.title).to_owned(),
            quotes: event.quotes.len(),
            links: ds.relations_of(e).count(),
        })
    }

    /// Rows of `spans` overlapping `days`, in (start, end, event) order.
    fn rows(&self, spans: &Spans, days: (i32, i32), exact: bool) -> Vec<Row> {
        let mut rows: Vec<Row> = spans
            .overlapping(days.0, days.1)
            .filter_map(|e| self.row(e, exact))
            .map(|mut r| {
                r.linked = self.doc.dataset.relations_of(r.event).next().is_some();
                r
            })
            .collect();
        rows.sort_unstable_by_key(|r| (r.start, r.end, r.event));
        rows
    }
}

impl TimelineData for MemoryData<'_> {
    fn lanes(&self) -> Result<Vec<LaneFacet>, DataError> {
        Ok(self
            .derived
            .lanes
            .lanes
            .iter()
            .map(|l| LaneFacet {
                label: l.label.clone(),
                kind: l.kind,
                count: l.len(),
            })
            .collect())
    }

    fn view(&self, q: &ViewQuery, _cancel: &Cancel) -> Result<ViewAnswer, DataError> {
        let (d0, d1) = q.days;
        let lanes = self
            .derived
            .lanes
            .lanes
            .iter()
            .map(|lane| {
                let exact_in_view = lane.exact.count_overlapping(d0, d1);
                let uncertain_in_view = lane.uncertain.count_overlapping(d0, d1);
                let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                LaneView {
                    label: lane.label.clone(),
                    kind: lane.kind,
                    exact_in_view,
                    uncertain_in_view,
                    starts: q
                        .starts
                        .iter()
                        .map(|&(from, to)| count(lane.exact.count_starting(from, to)))
                        .collect(),
                    uncertain_starts: q
                        .starts
                        .iter()
                        .map(|&(from, to)| count(lane.uncertain.count_starting(from, to)))
                        .collect(),
                    overlaps: q
                        .overlaps
                        .iter()
                        .map(|&(from, to)| {
                            count(lane.uncertain.count_overlapping(from, to.saturating_sub(1)))
                        })
                        .collect(),
                    exact_rows: (exact_in_view <= q.max_rows)
                        .then(|| self.rows(&lane.exact, q.days, true)),
                    uncertain_rows: (uncertain_in_view <= q.max_uncertain_rows)
                        .then(|| self.rows(&lane.uncertain, q.days, false)),
                }
            })
            .collect();
        Ok(ViewAnswer {
            lanes,
            names: std::collections::HashMap::new(),
        })
    }

    fn page(&self, offset: usize, limit: usize) -> Result<Vec<ListRow>, DataError> {
        let order = &self.derived.filtered.order;
        let from = offset.min(order.len());
        let to = offset.saturating_add(limit).min(order.len());
        Ok(order[from..to]
            .iter()
            .filter_map(|&e| self.list_row(e))
            .collect())
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<Row>, DataError> {
        let query = TextQuery::new(text);
        let ds = &self.doc.dataset;
        Ok(self
            .derived
            .filtered
            .order
            .iter()
            .filter(|&&e| {
                ds.events
                    .get(e as usize)
                    .is_some_and(|ev| query.found_in(ds.str(ev.title)))
            })
            .take(limit)
            .filter_map(|&e| self.row_of(e))
            .collect())
    }

    fn event(&self, event: EventIdx) -> Result<Option<EventRow>, DataError> {
        Ok(EventRow::of(&self.doc.dataset, event))
    }

    fn event_by_id(&self, id: &str) -> Result<Option<EventIdx>, DataError> {
        Ok(self.doc.dataset.event_index_by_name(id))
    }

    fn neighbours(&self, event: EventIdx, n: usize) -> Result<Option<Neighbours>, DataError> {
        let ds = &self.doc.dataset;
        let days = |e: EventIdx| {
            let ev = ds.events.get(e as usize)?;
            let end = ev
                .end
                .map_or(ev.date.latest(), |x| x.latest().max(ev.date.latest()));
            Some((ev.date.earliest(), end))
        };
        let Some(me) = days(event) else {
            return Ok(None);
        };
        // The neighbours on each side in time order, among the events that pass.
        let order = &self.derived.filtered.order;
        let neighbours = match self.derived.filtered.position(self.doc, event) {
            Some(at) => order[..at]
                .iter()
                .rev()
                .take(n)
                .chain(order[at + 1..].iter().take(n))
                .filter_map(|&o| days(o))
                .collect(),
            None => Vec::new(),
        };
        Ok(Some((me, neighbours)))
    }

    fn position(&self, event: EventIdx) -> Result<Option<usize>, DataError> {
        Ok(self.derived.filtered.position(self.doc, event))
    }

    fn links(&self, event: EventIdx) -> Result<Vec<LinkRow>, DataError> {
        Ok(links_of(&self.doc.dataset, event))
    }

    fn disputes_in(&self, days: (i32, i32), limit: usize) -> Result<Vec<DisputeRow>, DataError> {
        let ds = &self.doc.dataset;
        // The events of a dispute do not count their links (as an engine's do not).
        let list_row = |e: EventIdx| {
            self.list_row(e).map(|mut line| {
                line.links = 0;
                line
            })
        };
        let order = &self.derived.filtered.order;
        let passes = |e: EventIdx| {
            let key = self.doc.time_key(e);
            order
                .binary_search_by_key(&key, |&x| self.doc.time_key(x))
                .is_ok()
        };
        let mut rows: Vec<DisputeRow> = ds
            .relations
            .iter()
            .filter_map(|r| {
                let (from, to) = (ds.event_index(r.from)?, ds.event_index(r.to)?);
                let to_row = list_row(to)?;
                let on = to_row.row.start <= days.1 && to_row.row.end >= days.0;
                (on && passes(to)).then_some(())?;
                Some(DisputeRow {
                    kind: r.kind,
                    question: ds.str(r.question).to_owned(),
                    from: list_row(from)?,
                    to: to_row,
                })
            })
            .collect();
        rows.sort_by_key(dispute_order);
        rows.truncate(limit);
        Ok(rows)
    }

    fn links_among(&self, events: &[EventIdx]) -> Result<Vec<ViewLink>, DataError> {
        let ds = &self.doc.dataset;
        let mut links = Vec::new();
        for &event in events {
            for r in ds.relations_of(event) {
                let (Some(from), Some(to)) = (ds.event_index(r.from), ds.event_index(r.to)) else {
                    continue;
                };
                let (Some(from), Some(to)) = (self.link_end(from), self.link_end(to)) else {
                    continue;
                };
                links.push(ViewLink {
                    kind: r.kind,
                    from,
                    to,
                });
            }
        }
        Ok(links)
    }

    fn places(&self, q: &PlacesQuery, cancel: &Cancel) -> Result<PlacesAnswer, DataError> {
        places_in(self.doc, &self.derived.filtered.order, q, cancel)
    }

    fn has_relations(&self) -> bool {
        !self.doc.dataset.relations.is_empty()
    }

    fn is_instant(&self) -> bool {
        true
    }
}

/// The relations event `event` of `ds` takes part in, in the dataset's order.
pub fn links_of(ds: &crate::model::Dataset, event: EventIdx) -> Vec<LinkRow> {
    ds.relations_of(event)
        .filter_map(|r| {
            let (from, to) = (ds.event_index(r.from)?, ds.event_index(r.to)?);
            let other = if from == event { to } else { from };
            Some(LinkRow {
                kind: r.kind,
                from,
                to,
                other_title: ds.str(ds.events.get(other as usize)?.title).to_owned(),
                question: ds.str(r.question).to_owned(),
                by_editor: r.linked_by.is_editor(),
                note: ds.str(r.note).to_owned(),
            })
        })
        .collect()
}

/// Documents with at least this many events passing the filters are mapped on several
/// threads.
const PLACES_PARALLEL_FROM: usize = 200_000;

/// Most cells counted in an array (the whole world at 1/512: 262,144); a question with
/// more counts them in a hash map.
const DENSE_CELLS: i64 = 1 << 20;

/// Events counted per cell of a [`PlacesQuery`]: in an array over the cells of its area
/// when there are not too many, each event's row found among the rows' latitudes (a
/// binary search, not Web Mercator's tangent and logarithm per event, which took most
/// of the time of a question of ten million events), the formula itself for an event
/// within 10⁻⁹° of a row's edge, so the cells are those of `PlacesQuery::cell_of` and
/// of the engine's SQL.
enum Grid {
    /// Counts of `rows` rows from `row0` in each of `cols` columns from `col0`, and the
    /// latitudes of the edges between the rows, from the north down.
    Dense {
        col0: i32,
        row0: i32,
        cols: i32,
        rows: i32,
        counts: Vec<u32>,
        edges: Vec<f64>,
    },
    /// Counts by cell.
    Sparse(std::collections::HashMap<(i32, i32), u32>),
}

impl Grid {
    fn new(q: &PlacesQuery) -> Self {
        let (sw, ne) = (q.area.south_west(), q.area.north_east());
        let (col0, row0) = q.cell_of(crate::model::Coordinates::clamped(ne.lat(), sw.lon()));
        let (col1, row1) = q.cell_of(crate::model::Coordinates::clamped(sw.lat(), ne.lon()));
        let (cols, rows) = (
            i64::from(col1) - i64::from(col0) + 1,
            i64::from(row1) - i64::from(row0) + 1,
        );
        if cols <= 0 || rows <= 0 || cols * rows > DENSE_CELLS {
            return Self::Sparse(std::collections::HashMap::new());
        }
        let edges = (row0 + 1..=row1)
            .map(|r| crate::model::coordinates::from_web_mercator(0.0, f64::from(r) * q.cell).0)
            .collect();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked above"
        )]
        Self::Dense {
            col0,
            row0,
            cols: cols as i32,
            rows: rows as i32,
            counts: vec![0; (cols * rows) as usize],
            edges,
        }
    }

    fn add(&mut self, at: crate::model::Coordinates, q: &PlacesQuery) {
        match self {
            Self::Sparse(map) => *map.entry(q.cell_of(at)).or_insert(0) += 1,
            Self::Dense {
                col0,
                row0,
                cols,
                rows,
                counts,
                edges,
            } => {
                let lat = at.lat();
                let k = edges.partition_point(|&edge| edge >= lat);
                let near = |j: usize| edges.get(j).is_some_and(|&edge| (edge - lat).abs() < 1e-9);
                let (col, row) = if near(k) || (k > 0 && near(k - 1)) {
                    q.cell_of(at)
                } else {
                    let x = (at.lon() + 180.0) / 360.0;
                    #[allow(
                        clippy::cast_possible_truncation,
                        clippy::cast_possible_wrap,
                        reason = "a cell of the area"
                    )]
                    ((x / q.cell).floor() as i32, *row0 + k as i32)
                };
                let (c, r) = (col - *col0, row - *row0);
                if (0..*cols).contains(&c) && (0..*rows).contains(&r) {
                    #[allow(clippy::cast_sign_loss, reason = "checked above")]
                    {
                        counts[(c * *rows + r) as usize] += 1;
                    }
                } else {
                    // Not in the area's cells (cannot be, for an event in the area).
                    debug_assert!(false, "an event outside its area's cells");
                }
            }
        }
    }

    /// Adds another thread's counts (of the same question).
    fn join(&mut self, other: Self) {
        match (self, other) {
            (Self::Dense { counts, .. }, Self::Dense { counts: more, .. }) => {
                for (a, b) in counts.iter_mut().zip(more) {
                    *a += b;
                }
            }
            (Self::Sparse(map), Self::Sparse(more)) => {
                for (cell, n) in more {
                    *map.entry(cell).or_insert(0) += n;
                }
            }
            // One question gives one kind of grid.
            _ => {}
        }
    }

    /// The cells with events, in column then row order.
    fn into_cells(self) -> Vec<((i32, i32), u32)> {
        match self {
            Self::Dense {
                col0,
                row0,
                rows,
                counts,
                ..
            } => counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| {
                    #[allow(
                        clippy::cast_possible_truncation,
                        clippy::cast_possible_wrap,
                        reason = "an index of the grid"
                    )]
                    let i = i as i32;
                    ((col0 + i / rows, row0 + i % rows), n)
                })
                .collect(),
            Self::Sparse(map) => {
                let mut cells: Vec<_> = map.into_iter().collect();
                cells.sort_unstable();
                cells
            }
        }
    }
}

/// What one thread found of [`TimelineData::places`].
struct PlacesPart {
    cells: Grid,
    points: Option<Vec<PlacePoint>>,
    in_area: usize,
    without_place: usize,
}

/// The map's question ([`TimelineData::places`]) of the events `order` of `doc` (those
/// that pass the filters, in time order), on several threads for many events: what a
/// [`MemoryData`] answers, and what the map asks on a thread of its own for a large
/// document.
pub fn places_in(
    doc: &Document,
    order: &[EventIdx],
    q: &PlacesQuery,
    cancel: &Cancel,
) -> Result<PlacesAnswer, DataError> {
    let threads = if order.len() < PLACES_PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(2, |n| n.get().min(8))
    };
    let chunk = order.len().div_ceil(threads).max(1);
    let parts: Vec<Result<PlacesPart, DataError>> = std::thread::scope(|s| {
        let handles: Vec<_> = order
            .chunks(chunk)
            .map(|c| s.spawn(move || places_of(doc, c, q, cancel)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(DataError::Cancelled)))
            .collect()
    });
    let mut answer = PlacesAnswer {
        points: Some(Vec::new()),
        ..PlacesAnswer::default()
    };
    let mut cells = Grid::new(q);
    for part in parts {
        let part = part?;
        answer.in_area += part.in_area;
        answer.without_place += part.without_place;
        cells.join(part.cells);
        answer.points = match (answer.points, part.points) {
            (Some(mut all), Some(more)) if all.len() + more.len() <= q.max_points => {
                all.extend(more);
                Some(all)
            }
            _ => None,
        };
    }
    answer.cells = cells.into_cells();
    Ok(answer)
}

/// The places of `events` (a slice of the time order).
fn places_of(
    doc: &Document,
    events: &[EventIdx],
    q: &PlacesQuery,
    cancel: &Cancel,
) -> Result<PlacesPart, DataError> {
    let ds = &doc.dataset;
    let mut part = PlacesPart {
        cells: Grid::new(q),
        points: Some(Vec::new()),
        in_area: 0,
        without_place: 0,
    };
    for (i, &e) in events.iter().enumerate() {
        if i % 65_536 == 0 {
            cancel.check()?;
        }
        let Some(ev) = ds.events.get(e as usize) else {
            continue;
        };
        let (first, last, _) = doc.time_key(e);
        if last < q.days.0 || first > q.days.1 {
            continue;
        }
        let Some(at) = ev.coordinates else {
            part.without_place += 1;
            continue;
        };
        if !q.area.contains(at) {
            continue;
        }
        part.in_area += 1;
        part.cells.add(at, q);
        if let Some(points) = &mut part.points {
            if points.len() < q.max_points {
                points.push(PlacePoint {
                    event: e,
                    id: ds.str(ev.id).to_owned(),
                    at,
                    kind: ev.kind,
                    status: ev.status,
                    title: ds.str(ev.title).to_owned(),
                });
            } else {
                part.points = None;
            }
        }
    }
    Ok(part)
}

impl MemoryData<'_> {
    /// Event `e` at the end of a link: where its lane puts it, whether it passes.
    fn link_end(&self, e: EventIdx) -> Option<LinkEnd> {
        let ds = &self.doc.dataset;
        let event = ds.events.get(e as usize)?;
        let start = event.date.earliest();
        // Drawn only if it passes the filters and has a lane.
        let lane = self
            .derived
            .filtered
            .position(self.doc, e)
            .and_then(|_| self.derived.lanes.lanes_of(e, start).next());
        Some(LinkEnd {
            event: e,
            start,
            latest: event.date.latest(),
            kind: event.kind,
            lane,
            passes: lane.is_some(),
            title: ds.str(event.title).to_owned(),
        })
    }
}

/// The order of [`TimelineData::disputes_in`]: the event borne on in time order, then the
/// event bearing on it, then the kind.
pub fn dispute_order(d: &DisputeRow) -> (i32, i32, EventIdx, EventIdx, crate::model::RelationKind) {
    (
        d.to.row.start,
        d.to.row.end,
        d.to.row.event,
        d.from.row.event,
        d.kind,
    )
}

impl super::ViewAnswers for MemoryData<'_> {
    fn answer(&self, query: &ViewQuery) -> Option<ViewAnswer> {
        self.view(query, &Cancel::new()).ok()
    }

    fn links(&self, events: &[EventIdx]) -> Vec<ViewLink> {
        self.links_among(events).unwrap_or_default()
    }

    fn has_links(&self) -> bool {
        self.has_relations()
    }
}

/// A document and its derived data held by shared ownership: the in-memory data as a
/// worker thread can own it (behind [`super::asking::Asking`], in tests of the front).
#[derive(Clone, Debug)]
pub struct SharedMemory {
    /// The document.
    pub doc: std::sync::Arc<Document>,
    /// Its filtered events in lanes.
    pub derived: std::sync::Arc<Derived>,
}

impl SharedMemory {
    fn data(&self) -> MemoryData<'_> {
        MemoryData::new(&self.doc, &self.derived)
    }
}

impl TimelineData for SharedMemory {
    fn lanes(&self) -> Result<Vec<LaneFacet>, DataError> {
        self.data().lanes()
    }

    fn view(&self, query: &ViewQuery, cancel: &Cancel) -> Result<ViewAnswer, DataError> {
        self.data().view(query, cancel)
    }

    fn page(&self, offset: usize, limit: usize) -> Result<Vec<ListRow>, DataError> {
        self.data().page(offset, limit)
    }

    fn position(&self, event: EventIdx) -> Result<Option<usize>, DataError> {
        self.data().position(event)
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<Row>, DataError> {
        self.data().search(text, limit)
    }

    fn event(&self, event: EventIdx) -> Result<Option<EventRow>, DataError> {
        self.data().event(event)
    }

    fn event_by_id(&self, id: &str) -> Result<Option<EventIdx>, DataError> {
        self.data().event_by_id(id)
    }

    fn neighbours(&self, event: EventIdx, n: usize) -> Result<Option<Neighbours>, DataError> {
        self.data().neighbours(event, n)
    }

    fn links(&self, event: EventIdx) -> Result<Vec<LinkRow>, DataError> {
        self.data().links(event)
    }

    fn disputes_in(&self, days: (i32, i32), limit: usize) -> Result<Vec<DisputeRow>, DataError> {
        self.data().disputes_in(days, limit)
    }

    fn links_among(&self, events: &[EventIdx]) -> Result<Vec<ViewLink>, DataError> {
        self.data().links_among(events)
    }

    fn has_relations(&self) -> bool {
        self.data().has_relations()
    }

    fn places(&self, query: &PlacesQuery, cancel: &Cancel) -> Result<PlacesAnswer, DataError> {
        self.data().places(query, cancel)
    }

    fn is_instant(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod grid_tests {
    use super::*;
    use crate::model::{Area, Coordinates};

    /// Cells counted in the array are the cells `PlacesQuery::cell_of` gives, for
    /// places anywhere (the poles past Mercator's edge too) and edges hit exactly.
    #[test]
    fn the_array_counts_the_cells_the_formula_gives() {
        let mut state = 7u64;
        let mut unit = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for cell in [1.0 / 8.0, 1.0 / 512.0, 1.0 / 4096.0] {
            let area = if cell < 1e-3 {
                Area::spanning(
                    Coordinates::clamped(44.0, 22.0),
                    Coordinates::clamped(53.0, 41.0),
                )
            } else {
                Area::spanning(
                    Coordinates::clamped(-90.0, -180.0),
                    Coordinates::clamped(90.0, 180.0),
                )
            };
            let q = PlacesQuery {
                days: (0, 0),
                area,
                cell,
                max_points: 0,
            };
            let (sw, ne) = (area.south_west(), area.north_east());
            let mut places: Vec<Coordinates> = (0..20_000)
                .map(|_| {
                    Coordinates::clamped(
                        sw.lat() + unit() * (ne.lat() - sw.lat()),
                        sw.lon() + unit() * (ne.lon() - sw.lon()),
                    )
                })
                .collect();
            // On a row's edge, to the 10⁻⁷° a place is stored to.
            let (row, _) = (q.cell_of(places[0]).1, ());
            let edge = crate::model::coordinates::from_web_mercator(0.0, f64::from(row) * cell).0;
            places.push(Coordinates::clamped(edge, 30.0));
            let mut grid = Grid::new(&q);
            assert!(matches!(grid, Grid::Dense { .. }));
            let mut by_formula = std::collections::HashMap::new();
            for &at in &places {
                grid.add(at, &q);
                *by_formula.entry(q.cell_of(at)).or_insert(0u32) += 1;
            }
            let mut expected: Vec<_> = by_formula.into_iter().collect();
            expected.sort_unstable();
            assert_eq!(grid.into_cells(), expected, "cells of 1/{}", 1.0 / cell);
        }
    }
}
