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

/// A row of the timeline.
#[derive(Clone, Debug)]
pub struct Lane {
    /// Row label.
    pub label: String,
    /// The kind shared by the lane's events, in kind mode (for its legend colour).
    pub kind: Option<EventKind>,
    /// Events, sorted by `start`.
    pub entries: Vec<Entry>,
    /// Longest `end - start` in the lane, to widen range queries.
    max_span: i32,
}

impl Lane {
    fn new(label: String, kind: Option<EventKind>) -> Self {
        Self {
            label,
            kind,
            entries: Vec::new(),
            max_span: 0,
        }
    }

    fn push(&mut self, entry: Entry) {
        self.max_span = self.max_span.max(entry.end - entry.start);
        self.entries.push(entry);
    }

    /// Entries that may overlap days `from..=to`: a contiguous slice whose members all
    /// start by `to`; members ending before `from` must still be skipped by the caller
    /// (at most those within the lane's longest span).
    pub fn candidates(&self, from: i32, to: i32) -> &[Entry] {
        let lo = self
            .entries
            .partition_point(|e| e.start < from.saturating_sub(self.max_span));
        let hi = self.entries.partition_point(|e| e.start <= to);
        self.entries.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    /// Number of entries starting in days `from..to` (half open).
    pub fn count_starting(&self, from: i32, to: i32) -> usize {
        let lo = self.entries.partition_point(|e| e.start < from);
        let hi = self.entries.partition_point(|e| e.start < to);
        hi.saturating_sub(lo)
    }

    /// Index range of entries starting in days `from..to`.
    pub fn starting_range(&self, from: i32, to: i32) -> std::ops::Range<usize> {
        let lo = self.entries.partition_point(|e| e.start < from);
        let hi = self.entries.partition_point(|e| e.start < to);
        lo..hi.max(lo)
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
            Entry {
                start: ev.date.earliest(),
                end: ev
                    .end
                    .map_or(ev.date.latest(), |end| end.latest().max(ev.date.latest())),
                event: e,
            }
        };
        let mut lanes = match mode {
            LaneMode::Kind => {
                let mut lanes: Vec<Lane> = EventKind::ALL
                    .iter()
                    .map(|k| Lane::new(k.label().to_owned(), Some(*k)))
                    .collect();
                for &e in &filtered.order {
                    lanes[ds.events[e as usize].kind.index()].push(entry(e));
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
                    if seen.is_empty() {
                        nobody.push(entry(e));
                    }
                    for &lane in &seen {
                        lanes[lane].push(entry(e));
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
                    match ds.events[e as usize].group {
                        Some(g) => {
                            let lane = *by_name.entry(g).or_insert_with(|| {
                                lanes.push(Lane::new(ds.str(g).to_owned(), None));
                                lanes.len() - 1
                            });
                            lanes[lane].push(entry(e));
                        }
                        None => ungrouped.push(entry(e)),
                    }
                }
                lanes.push(ungrouped);
                lanes
            }
        };
        // Entries arrive in time order except that events sharing a start day may be
        // ordered by a different latest day; the lane needs only `start` sorted, which
        // `filtered.order` already guarantees.
        lanes.retain(|l| !l.entries.is_empty());
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

    /// Lanes holding event `e`.
    pub fn lanes_of(&self, e: EventIdx, start: i32) -> impl Iterator<Item = usize> + '_ {
        self.lanes.iter().enumerate().filter_map(move |(i, lane)| {
            let range = lane.starting_range(start, start.saturating_add(1));
            lane.entries[range]
                .iter()
                .any(|x| x.event == e)
                .then_some(i)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(entries: &[(i32, i32)]) -> Lane {
        let mut l = Lane::new("x".into(), None);
        for (i, &(start, end)) in entries.iter().enumerate() {
            l.push(Entry {
                start,
                end,
                event: i as u32,
            });
        }
        l
    }

    #[test]
    fn candidates_include_long_windows_that_started_earlier() {
        let l = lane(&[(0, 400), (100, 100), (200, 200), (300, 300), (500, 500)]);
        let events: Vec<u32> = l
            .candidates(250, 350)
            .iter()
            .filter(|e| e.end >= 250)
            .map(|e| e.event)
            .collect();
        assert_eq!(events, vec![0, 3]);
    }

    #[test]
    fn counts_by_start() {
        let l = lane(&[(1, 1), (1, 1), (2, 2), (5, 5)]);
        assert_eq!(l.count_starting(1, 2), 2);
        assert_eq!(l.count_starting(0, 10), 4);
        assert_eq!(l.count_starting(3, 5), 0);
    }
}
