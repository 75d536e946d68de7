//! Lanes of the timeline (by kind, by actor, or by group) and the queries drawing needs:
//! which events of a lane fall in the visible range, and how many start in each pixel
//! column. Each lane's entries are sorted by start, so both are binary searches; nothing
//! here touches every event per frame.

use serde::{Deserialize, Serialize};

use super::document::Document;
use super::filter::Filtered;
use crate::model::{EventIdx, EventKind, Speaker, Sym};

/// How events are split into rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneMode {
    /// One lane per event kind.
    #[default]
    Kind,
    /// One lane per actor taking part; an event with several participants appears in each.
    Actor,
    /// One lane per `group` (imported TimelineJS groups).
    Group,
}

impl LaneMode {
    /// Every mode, for menus.
    pub const ALL: [Self; 3] = [Self::Kind, Self::Actor, Self::Group];

    /// Sentence-case label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Kind => "By kind",
            Self::Actor => "By actor",
            Self::Group => "By group",
        }
    }

    /// The mode to open `doc` in, from the one the user last chose: an imported
    /// timeline's groups are its lanes, and without groups, lanes by group would put
    /// everything in one.
    pub fn for_document(self, doc: &Document) -> Self {
        self.for_groups(doc.has_groups)
    }

    /// The mode to open data in whose events have groups (`has_groups`) or not: see
    /// [`LaneMode::for_document`].
    pub fn for_groups(self, has_groups: bool) -> Self {
        match (has_groups, self) {
            (true, _) => Self::Group,
            (false, Self::Group) => Self::Kind,
            (false, mode) => mode,
        }
    }
}

/// One event's place in a lane: its day bounds (inclusive) and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// First day it could be.
    pub start: i32,
    /// Last day it could be, or the end of an event that lasts.
    pub end: i32,
    /// The event.
    pub event: EventIdx,
}

/// Entries sorted by start, indexed for the two questions drawing asks.
///
/// - *How many overlap these days?* Sorted starts and sorted ends answer it with two
///   binary searches: those starting by the last day, less those ending before the first.
/// - *Which overlap these days?* Entries are split into classes by the length of their
///   span (each class's longest at most four times its shortest); within a class a range
///   query is a binary search widened only by that class's longest span, so a few
///   years-long windows never make a one-month view scan years of one-day entries.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    /// Sorted by `start`.
    pub entries: Vec<Entry>,
    /// Every entry's `end`, sorted (built by [`Spans::finish`] where `by_day` is not).
    ends: Vec<i32>,
    /// Positions in `entries`, by span class.
    classes: Vec<SpanClass>,
    /// Counts by day, for lanes with more entries than days (built by [`Spans::finish`]).
    by_day: Option<DayCounts>,
}

/// For each day from `first` to one past the last day any entry covers: how many
/// entries start before it and how many end before it. Turns the counts a density strip
/// needs for every pixel column into two lookups, not two binary searches over a
/// million entries.
#[derive(Clone, Debug, Default)]
struct DayCounts {
    first: i32,
    starts_before: Vec<u32>,
    ends_before: Vec<u32>,
}

impl DayCounts {
    /// Built only when its size is of the order of the entries' (dense lanes); a
    /// counting pass, no sort.
    fn build(entries: &[Entry]) -> Option<Self> {
        let first = entries.first()?.start;
        let last = entries.iter().map(|e| e.end).max()?;
        let days = usize::try_from(i64::from(last) - i64::from(first) + 2).ok()?;
        if days > 2 * entries.len() + 1_024 {
            return None;
        }
        // How many start (end) on each day, then running totals shifted by one day:
        // `x_before[i]` counts those before day `first + i`.
        let mut starts_before = vec![0u32; days];
        let mut ends_before = vec![0u32; days];
        for e in entries {
            let offset = |day: i32| (i64::from(day) - i64::from(first)) as usize + 1;
            if let Some(n) = starts_before.get_mut(offset(e.start)) {
                *n += 1;
            }
            if let Some(n) = ends_before.get_mut(offset(e.end)) {
                *n += 1;
            }
        }
        for table in [&mut starts_before, &mut ends_before] {
            let mut total = 0;
            for n in table.iter_mut() {
                total += *n;
                *n = total;
            }
        }
        Some(Self {
            first,
            starts_before,
            ends_before,
        })
    }

    /// `table`'s count for `day`: nothing before the first day, everything after the last.
    fn at(&self, table: &[u32], day: i32) -> usize {
        if day <= self.first {
            return 0;
        }
        let i = (i64::from(day) - i64::from(self.first)) as usize;
        table.get(i).or(table.last()).map_or(0, |&n| n as usize)
    }
}

/// Entries whose spans are within a factor of four of each other.
#[derive(Clone, Debug, Default)]
struct SpanClass {
    /// Positions in [`Spans::entries`], in start order.
    at: Vec<u32>,
    /// The longest span (`end - start`) in the class.
    max_span: i32,
}

/// The class of a span of `span` days: 0 for one day, then 1, 2, 3… for spans up to
/// 3, 15, 63… days.
fn span_class(span: i32) -> usize {
    let bits = 32 - span.max(0).cast_unsigned().leading_zeros();
    bits.div_ceil(2) as usize
}

impl Spans {
    fn push(&mut self, entry: Entry) {
        let span = entry.end.saturating_sub(entry.start).max(0);
        let class = span_class(span);
        if self.classes.len() <= class {
            self.classes.resize_with(class + 1, SpanClass::default);
        }
        let at = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        let c = &mut self.classes[class];
        c.at.push(at);
        c.max_span = c.max_span.max(span);
        self.entries.push(entry);
    }

    /// Builds the counts by day for a dense lane, or the sorted ends for a sparse one,
    /// once every entry is in.
    fn finish(&mut self) {
        self.by_day = DayCounts::build(&self.entries);
        if self.by_day.is_none() {
            self.ends = self.entries.iter().map(|e| e.end).collect();
            self.ends.sort_unstable();
        }
    }

    /// Number of entries starting before `day`.
    fn starting_before(&self, day: i32) -> usize {
        match &self.by_day {
            Some(t) => t.at(&t.starts_before, day),
            None => self.entries.partition_point(|e| e.start < day),
        }
    }

    /// Number of entries ending before `day`.
    fn ending_before(&self, day: i32) -> usize {
        match &self.by_day {
            Some(t) => t.at(&t.ends_before, day),
            None => self.ends.partition_point(|&end| end < day),
        }
    }

    /// Number of entries overlapping days `from..=to`: those starting by `to`, less
    /// those that ended before `from`.
    pub fn count_overlapping(&self, from: i32, to: i32) -> usize {
        if to < from {
            return 0;
        }
        let started = self.starting_before(to.saturating_add(1));
        started.saturating_sub(self.ending_before(from))
    }

    /// Entries overlapping days `from..=to`, in start order within each span class
    /// (callers that need one order sort what they take).
    pub fn overlapping(&self, from: i32, to: i32) -> impl Iterator<Item = &Entry> {
        self.classes.iter().flat_map(move |class| {
            let start_of = |&at: &u32| self.entries.get(at as usize).map_or(i32::MAX, |e| e.start);
            let lo = class
                .at
                .partition_point(|at| start_of(at) < from.saturating_sub(class.max_span));
            let hi = class.at.partition_point(|at| start_of(at) <= to);
            class
                .at
                .get(lo..hi.max(lo))
                .unwrap_or(&[])
                .iter()
                .filter_map(|&at| self.entries.get(at as usize))
                .filter(move |e| e.end >= from)
        })
    }

    /// Index range of entries starting in days `from..to` (half open).
    pub fn starting_range(&self, from: i32, to: i32) -> std::ops::Range<usize> {
        let lo = self.starting_before(from);
        let hi = self.starting_before(to);
        lo..hi.max(lo)
    }

    /// Number of entries starting in days `from..to` (half open).
    pub fn count_starting(&self, from: i32, to: i32) -> usize {
        self.starting_range(from, to).len()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A row of the timeline. Events known to the day and events known only to a month, a
/// year or a window are kept apart: the first are markers (or a density strip when they
/// crowd), the second are bars across all their possible days (or a coverage band), and
/// a year-long window never makes a day-long view search a year of markers.
#[derive(Clone, Debug)]
pub struct Lane {
    /// Row label.
    pub label: String,
    /// The kind shared by the lane's events, in kind mode (for its legend colour).
    pub kind: Option<EventKind>,
    /// Events whose date is a known day (events that last included).
    pub exact: Spans,
    /// Events whose date is a month, a year or a window.
    pub uncertain: Spans,
}

impl Lane {
    fn new(label: String, kind: Option<EventKind>) -> Self {
        Self {
            label,
            kind,
            exact: Spans::default(),
            uncertain: Spans::default(),
        }
    }

    fn push(&mut self, entry: Entry, exact: bool) {
        if exact {
            self.exact.push(entry);
        } else {
            self.uncertain.push(entry);
        }
    }

    /// Number of events in the lane.
    pub fn len(&self) -> usize {
        self.exact.len() + self.uncertain.len()
    }

    /// True when the lane has no events.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.uncertain.is_empty()
    }

    /// Whether event `e`, which starts on day `start`, is in this lane.
    pub fn holds(&self, e: EventIdx, start: i32) -> bool {
        [&self.exact, &self.uncertain].iter().any(|spans| {
            let range = spans.starting_range(start, start.saturating_add(1));
            spans.entries[range].iter().any(|x| x.event == e)
        })
    }
}

/// The lanes for one mode over the filtered events.
#[derive(Clone, Debug, Default)]
pub struct Lanes {
    /// The mode they were built for.
    pub mode: LaneMode,
    /// Top to bottom.
    pub lanes: Vec<Lane>,
}

impl Lanes {
    /// Splits the filtered events into lanes.
    pub fn build(doc: &Document, filtered: &Filtered, mode: LaneMode) -> Self {
        let ds = &doc.dataset;
        let entry = |e: EventIdx| {
            let ev = &ds.events[e as usize];
            let entry = Entry {
                start: ev.date.earliest(),
                end: ev
                    .end
                    .map_or(ev.date.latest(), |end| end.latest().max(ev.date.latest())),
                event: e,
            };
            (entry, ev.date.is_exact_day())
        };
        let mut lanes = match mode {
            LaneMode::Kind => {
                let mut lanes: Vec<Lane> = EventKind::ALL
                    .iter()
                    .map(|k| Lane::new(k.label().to_owned(), Some(*k)))
                    .collect();
                for &e in &filtered.order {
                    let (x, exact) = entry(e);
                    lanes[ds.events[e as usize].kind.index()].push(x, exact);
                }
                lanes
            }
            LaneMode::Actor => {
                let index: hashbrown::HashMap<Sym, usize> = ds
                    .actors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id, i))
                    .collect();
                let mut lanes: Vec<Lane> = ds
                    .actors
                    .iter()
                    .map(|a| Lane::new(ds.str(a.name).to_owned(), None))
                    .collect();
                let mut nobody = Lane::new("No actor named".to_owned(), None);
                let mut seen: Vec<usize> = Vec::new();
                for &e in &filtered.order {
                    let ev = &ds.events[e as usize];
                    seen.clear();
                    seen.extend(ds.syms(ev.participants).iter().filter_map(|a| index.get(a)));
                    if seen.is_empty() {
                        // No participants: file it under whoever speaks.
                        seen.extend(ds.quotes(ev.quotes).iter().filter_map(|q| match q.speaker {
                            Speaker::Actor(a) => index.get(&a),
                            _ => None,
                        }));
                    }
                    seen.sort_unstable();
                    seen.dedup();
                    let (x, exact) = entry(e);
                    if seen.is_empty() {
                        nobody.push(x, exact);
                    }
                    for &lane in &seen {
                        lanes[lane].push(x, exact);
                    }
                }
                lanes.push(nobody);
                lanes
            }
            LaneMode::Group => {
                let mut by_name: hashbrown::HashMap<Sym, usize> = Default::default();
                let mut lanes: Vec<Lane> = Vec::new();
                let mut ungrouped = Lane::new("Ungrouped".to_owned(), None);
                for &e in &filtered.order {
                    let (x, exact) = entry(e);
                    match ds.events[e as usize].group {
                        Some(g) => {
                            let lane = *by_name.entry(g).or_insert_with(|| {
                                lanes.push(Lane::new(ds.str(g).to_owned(), None));
                                lanes.len() - 1
                            });
                            lanes[lane].push(x, exact);
                        }
                        None => ungrouped.push(x, exact),
                    }
                }
                lanes.push(ungrouped);
                lanes
            }
        };
        // Entries arrive in time order except that events sharing a start day may be
        // ordered by a different latest day; the lane needs only `start` sorted, which
        // `filtered.order` already guarantees.
        lanes.retain(|l| !l.is_empty());
        for lane in &mut lanes {
            lane.exact.finish();
            lane.uncertain.finish();
        }
        Self { mode, lanes }
    }

    /// Number of lanes.
    pub fn len(&self) -> usize {
        self.lanes.len()
    }

    /// True when there are no lanes (nothing to show).
    pub fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }

    /// Lanes holding event `e`, which starts on day `start`.
    pub fn lanes_of(&self, e: EventIdx, start: i32) -> impl Iterator<Item = usize> + '_ {
        self.lanes
            .iter()
            .enumerate()
            .filter_map(move |(i, lane)| lane.holds(e, start).then_some(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(entries: &[(i32, i32)]) -> Spans {
        let mut s = Spans::default();
        for (i, &(start, end)) in entries.iter().enumerate() {
            s.push(Entry {
                start,
                end,
                event: i as u32,
            });
        }
        s.finish();
        s
    }

    #[test]
    fn overlapping_includes_long_windows_that_started_earlier() {
        let s = spans(&[(0, 400), (100, 100), (200, 200), (300, 300), (500, 500)]);
        let mut events: Vec<u32> = s.overlapping(250, 350).map(|e| e.event).collect();
        events.sort_unstable();
        assert_eq!(events, vec![0, 3]);
        assert_eq!(s.count_overlapping(250, 350), 2);
        assert_eq!(s.count_overlapping(401, 499), 0);
        assert_eq!(s.count_overlapping(400, 400), 1);
    }

    /// Entries in start order, as lanes receive them: starts `step` days apart at most,
    /// spans from one day to `longest` days.
    fn random_list(seed: u64, step: u64, longest: u64) -> Vec<(i32, i32)> {
        let mut state = seed;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let mut list = Vec::new();
        let mut start = 0;
        for _ in 0..3_000 {
            start += next(step + 1) as i32;
            let span = match next(4) {
                0 => 0,
                1 => next(40),
                2 => next(400),
                _ => next(longest),
            } as i32;
            list.push((start, start + span));
        }
        list
    }

    fn assert_queries_agree_with_checking_every_entry(list: &[(i32, i32)]) {
        let s = spans(list);
        let last = list.iter().map(|e| e.1).max().unwrap_or(0);
        for from in (-50..last + 50).step_by(7) {
            for len in [0, 1, 6, 30, 365] {
                let to = from + len;
                let mut want: Vec<u32> = (0..list.len() as u32)
                    .filter(|&i| list[i as usize].0 <= to && list[i as usize].1 >= from)
                    .collect();
                let mut got: Vec<u32> = s.overlapping(from, to).map(|e| e.event).collect();
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "days {from}..={to}");
                assert_eq!(
                    s.count_overlapping(from, to),
                    want.len(),
                    "days {from}..={to}"
                );
                let starting = list.iter().filter(|e| e.0 >= from && e.0 < to).count();
                assert_eq!(s.count_starting(from, to), starting, "starts {from}..{to}");
            }
        }
    }

    #[test]
    fn queries_agree_with_checking_every_entry_in_a_sparse_lane() {
        let list = random_list(12_345, 8, 9_000);
        assert!(spans(&list).by_day.is_none(), "searched, not tabled");
        assert_queries_agree_with_checking_every_entry(&list);
    }

    #[test]
    fn queries_agree_with_checking_every_entry_in_a_dense_lane() {
        let list = random_list(777, 1, 300);
        assert!(spans(&list).by_day.is_some(), "counted by day");
        assert_queries_agree_with_checking_every_entry(&list);
    }

    #[test]
    fn counts_by_start() {
        let s = spans(&[(1, 1), (1, 1), (2, 2), (5, 5)]);
        assert_eq!(s.count_starting(1, 2), 2);
        assert_eq!(s.count_starting(0, 10), 4);
        assert_eq!(s.count_starting(3, 5), 0);
    }

    #[test]
    fn a_long_window_does_not_widen_the_search_for_exact_days() {
        let mut lane = Lane::new("x".into(), None);
        for day in 0..10_000 {
            lane.push(
                Entry {
                    start: day,
                    end: day,
                    event: day as u32,
                },
                true,
            );
        }
        lane.push(
            Entry {
                start: 0,
                end: 9_999,
                event: 99_999,
            },
            false,
        );
        lane.exact.finish();
        lane.uncertain.finish();
        assert_eq!(lane.exact.overlapping(5_000, 5_002).count(), 3);
        assert_eq!(lane.exact.count_overlapping(5_000, 5_002), 3);
        assert_eq!(lane.uncertain.overlapping(5_000, 5_002).count(), 1);
        assert!(lane.holds(99_999, 0) && lane.holds(42, 42) && !lane.holds(42, 43));
    }
}
