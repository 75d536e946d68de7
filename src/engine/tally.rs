//! The counts of a table under filters the day counts cannot answer (a search, actors,
//! "disputed only"): how many of the events that pass start and end on each day, by
//! kind and exactness, and how many have each middle. They are asked once, in one
//! reading of the table, when it is opened with such filters; every view's counts, the
//! overview and the lanes are then answered from them in memory. They are at most
//! kinds × 2 × days entries, whatever the number of events.

use std::collections::HashMap;

/// A lane's number (its kind's, for lanes by kind) and whether its events are known to
/// the day.
pub type Key = (u32, bool);

/// Counts by day, sorted, with running totals for range sums.
#[derive(Clone, Debug, Default)]
pub struct ByDay {
    days: Vec<i32>,
    /// `before[i]`: the total of the counts of `days[..i]`.
    before: Vec<u64>,
}

impl ByDay {
    /// No counts.
    pub const EMPTY: Self = Self {
        days: Vec::new(),
        before: Vec::new(),
    };

    /// From (day, count) pairs in any order, a day at most once.
    pub fn from(mut pairs: Vec<(i32, u64)>) -> Self {
        pairs.sort_unstable();
        let mut before = Vec::with_capacity(pairs.len() + 1);
        let mut total = 0;
        before.push(0);
        for &(_, n) in &pairs {
            total += n;
            before.push(total);
        }
        Self {
            days: pairs.iter().map(|p| p.0).collect(),
            before,
        }
    }

    /// The count over days `[from, to)`.
    pub fn sum(&self, from: i32, to: i32) -> u64 {
        if to <= from {
            return 0;
        }
        self.before(to) - self.before(from)
    }

    /// The count of every day before `day`.
    pub fn before(&self, day: i32) -> u64 {
        let i = self.days.partition_point(|&d| d < day);
        self.before.get(i).copied().unwrap_or(0)
    }

    /// The total of every day.
    pub fn total(&self) -> u64 {
        self.before.last().copied().unwrap_or(0)
    }
}

/// The counts of the events that pass a table's filters.
#[derive(Debug, Default)]
pub struct Tally {
    /// Starts by day, per lane key.
    pub starts: HashMap<Key, ByDay>,
    /// Ends by day, per lane key.
    pub ends: HashMap<Key, ByDay>,
    /// How many events have each middle (twice the middle day, `start + end + 1`).
    pub mids: Vec<(i64, u64)>,
    /// The first start and the last end.
    pub span: Option<(i32, i32)>,
    /// The longest event of each lane, in days beyond its first.
    pub longest: HashMap<u32, i32>,
}

/// A tally being gathered from the groups of a query's answer.
#[derive(Default)]
pub struct TallyBuilder {
    starts: HashMap<Key, Vec<(i32, u64)>>,
    ends: HashMap<Key, Vec<(i32, u64)>>,
    mids: Vec<(i64, u64)>,
    longest: HashMap<u32, i32>,
}

impl TallyBuilder {
    /// `n` events of `key` start on `day`, the longest lasting `span` days more.
    pub fn start(&mut self, key: Key, day: i32, n: u64, span: i32) {
        self.starts.entry(key).or_default().push((day, n));
        let longest = self.longest.entry(key.0).or_insert(span);
        *longest = (*longest).max(span);
    }

    /// `n` events of `key` end on `day`.
    pub fn end(&mut self, key: Key, day: i32, n: u64) {
        self.ends.entry(key).or_default().push((day, n));
    }

    /// `n` events have the middle `mid` (twice the middle day).
    pub fn mid(&mut self, mid: i64, n: u64) {
        self.mids.push((mid, n));
    }

    /// The tally.
    pub fn finish(self) -> Tally {
        let first = self
            .starts
            .values()
            .filter_map(|v| v.iter().map(|p| p.0).min())
            .min();
        let last = self
            .ends
            .values()
            .filter_map(|v| v.iter().map(|p| p.0).max())
            .max();
        let by_day = |m: HashMap<Key, Vec<(i32, u64)>>| -> HashMap<Key, ByDay> {
            m.into_iter().map(|(k, v)| (k, ByDay::from(v))).collect()
        };
        let mut mids = self.mids;
        mids.sort_unstable();
        Tally {
            starts: by_day(self.starts),
            ends: by_day(self.ends),
            mids,
            span: first.zip(last),
            longest: self.longest,
        }
    }
}

impl Tally {
    /// How many events of lane `lane` pass.
    pub fn count(&self, lane: u32) -> u64 {
        [true, false]
            .iter()
            .filter_map(|x| self.starts.get(&(lane, *x)))
            .map(ByDay::total)
            .sum()
    }

    /// How many events start before `day`, where each event is in one lane (lanes by
    /// kind or by group; by actor an event counts once per actor).
    pub fn starting_before(&self, day: i32) -> u64 {
        self.starts.values().map(|b| b.before(day)).sum()
    }

    /// The days between which the events from `offset` to `offset + limit` of the
    /// list's order (by first day, last day and row) all start, where each event is in
    /// one lane: the first day `a` with the `skip` events starting on it before the
    /// first wanted, and a day `z` after which none of them starts — so that a page is
    /// asked of the row groups of `[a, z)` only, not of every row before it.
    pub fn seek(&self, offset: u64, limit: u64) -> Option<(i32, u64, i32)> {
        let (first, last) = self.span?;
        // The last day with at most `offset` events starting before it.
        let (mut lo, mut hi) = (first, last.saturating_add(1));
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2;
            if self.starting_before(mid) <= offset {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let a = lo;
        let skip = offset - self.starting_before(a);
        // The first day with every wanted event starting before it.
        let want = offset.saturating_add(limit);
        let (mut lo, mut hi) = (a, last.saturating_add(1));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.starting_before(mid) >= want {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some((a, skip, lo.max(a + 1)))
    }

    /// The events of `key` under way at the start of `day`: started before it, not
    /// ended before it.
    pub fn under_way(&self, key: Key, day: i32) -> u64 {
        let before = |m: &HashMap<Key, ByDay>| m.get(&key).map_or(0, |b| b.before(day));
        before(&self.starts).saturating_sub(before(&self.ends))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page is sought by day: the day its first event starts on, how many of that
    /// day's come before it, and a day by which all of the page's have started.
    #[test]
    fn pages_are_sought_by_the_days_their_events_start_on() {
        let mut t = TallyBuilder::default();
        // Day 10: 3 events (two lanes), day 12: 1, day 20: 4.
        t.start((0, true), 10, 2, 0);
        t.start((1, false), 10, 1, 0);
        t.start((0, true), 12, 1, 0);
        t.start((1, true), 20, 4, 0);
        t.end((0, true), 10, 2);
        t.end((1, false), 10, 1);
        t.end((0, true), 12, 1);
        t.end((1, true), 20, 4);
        let t = t.finish();
        assert_eq!(t.starting_before(12), 3);
        assert_eq!(t.seek(0, 2), Some((10, 0, 11)));
        assert_eq!(t.seek(2, 2), Some((10, 2, 13)));
        assert_eq!(t.seek(3, 100), Some((12, 0, 21)));
        assert_eq!(t.seek(5, 1), Some((20, 1, 21)));
        // Past the end: an empty page from the last day.
        assert_eq!(t.seek(9, 5), Some((21, 1, 22)));
    }

    #[test]
    fn sums_and_running_totals_answer_ranges() {
        let b = ByDay::from(vec![(5, 2), (-3, 1), (9, 4)]);
        assert_eq!(b.sum(-10, 100), 7);
        assert_eq!(b.sum(-3, 5), 1);
        assert_eq!(b.sum(5, 10), 6);
        assert_eq!(b.sum(6, 6), 0);
        assert_eq!(b.before(5), 1);
        assert_eq!(b.before(-3), 0);
        assert_eq!(b.total(), 7);
    }

    #[test]
    fn a_tally_tells_counts_span_and_who_is_under_way() {
        let mut t = TallyBuilder::default();
        // Two meetings (kind 1) from day 10 to 12, one exact call (kind 0) on day 11.
        t.start((1, false), 10, 2, 2);
        t.end((1, false), 12, 2);
        t.start((0, true), 11, 1, 0);
        t.end((0, true), 11, 1);
        t.mid(23, 3);
        let t = t.finish();
        assert_eq!(t.span, Some((10, 12)));
        assert_eq!(t.count(1), 2);
        assert_eq!(t.count(0), 1);
        assert_eq!(t.count(5), 0);
        assert_eq!(t.longest.get(&1), Some(&2));
        assert_eq!(t.under_way((1, false), 10), 0);
        assert_eq!(t.under_way((1, false), 11), 2);
        // Ended on day 12: still under way at its start, gone after.
        assert_eq!(t.under_way((1, false), 12), 2);
        assert_eq!(t.under_way((1, false), 13), 0);
        assert_eq!(t.mids, vec![(23, 3)]);
    }
}
