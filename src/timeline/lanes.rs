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

/// Entries sorted by start, with the longest span among them, so a range query is a
/// binary search widened only by that span.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    /// Sorted by `start`.
    pub entries: Vec<Entry>,
    max_span: i32,
}

impl Spans {
    fn push(&mut self, entry: Entry) {
        self.max_span = self.max_span.max(entry.end - entry.start);
        self.entries.push(entry);
    }

    /// Entries that may overlap days `from..=to`: all start by `to`; those ending before
    /// `from` (at most the ones within the longest span) must be skipped by the caller.
    pub fn candidates(&self, from: i32, to: i32) -> &[Entry] {
        let lo = self
            .entries
            .partition_point(|e| e.start < from.saturating_sub(self.max_span));
        let hi = self.entries.partition_point(|e| e.start <= to);
        self.entries.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    /// Entries overlapping days `from..=to`.
    pub fn overlapping(&self, from: i32, to: i32) -> impl Iterator<Item = &Entry> {
        self.candidates(from, to)
            .iter()
            .filter(move |e| e.end >= from)
    }

    /// Index range of entries starting in days `from..to` (half open).
    pub fn starting_range(&self, from: i32, to: i32) -> std::ops::Range<usize> {
        let lo = self.entries.partition_point(|e| e.start < from);
        let hi = self.entries.partition_point(|e| e.start < to);
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
                let index: std::collections::HashMap<Sym, usize> = ds
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
                let mut by_name: std::collections::HashMap<Sym, usize> = Default::default();
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
        s
    }

    #[test]
    fn overlapping_includes_long_windows_that_started_earlier() {
        let s = spans(&[(0, 400), (100, 100), (200, 200), (300, 300), (500, 500)]);
        let events: Vec<u32> = s.overlapping(250, 350).map(|e| e.event).collect();
        assert_eq!(events, vec![0, 3]);
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
        assert_eq!(lane.exact.candidates(5_000, 5_002).len(), 3);
        assert_eq!(lane.uncertain.overlapping(5_000, 5_002).count(), 1);
        assert!(lane.holds(99_999, 0) && lane.holds(42, 42) && !lane.holds(42, 43));
    }
}
