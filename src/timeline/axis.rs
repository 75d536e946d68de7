//! How time maps to the horizontal axis: linear, or compressed for reading.
//!
//! A [`TimeAxis`] maps day numbers to axis units `u` (the whole span of the events runs
//! from 0 to 1), monotonically and piecewise linearly, so every date still has one place
//! and the order of events is never changed. Compressed, it shrinks each long stretch in
//! which no event is known more precisely than the stretch itself (a [`Gap`]) to a small
//! fixed share of the axis, to be drawn as a visible break that says what it hides; the
//! rest of the axis goes to the periods that hold events, more to those that hold more,
//! so a burst of ten events in one week gets room to be read. Windows of uncertainty
//! longer than a gap are drawn across it. Built once per filtered view, on the worker.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Whether the axis compresses empty stretches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeScale {
    /// Long empty stretches shrink to a break; bursts get the room.
    #[default]
    Compressed,
    /// Equal time, equal width.
    Linear,
}

impl TimeScale {
    /// Sentence-case label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Compressed => "Compressed time",
            Self::Linear => "Linear time",
        }
    }
}

/// A stretch of days shown as a break.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    /// First day hidden.
    pub from: f64,
    /// Day after the last hidden day.
    pub to: f64,
    /// Where the break starts on the axis.
    pub u0: f64,
    /// Where it ends.
    pub u1: f64,
}

/// A monotonic, piecewise-linear map from days to axis units.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeAxis {
    /// `(day, u)`, ascending in both; linear between them.
    knots: Vec<(f64, f64)>,
    /// Units per day beyond the ends.
    outer_slope: f64,
    /// The breaks, in order.
    pub gaps: Vec<Gap>,
}

impl Default for TimeAxis {
    fn default() -> Self {
        Self::linear(0.0, 1.0)
    }
}

/// A gap is at least this many days … (so events shorter than this are never cut by
/// one: only their union counts).
pub const MIN_GAP_DAYS: f64 = 14.0;
/// … and at least this share of the whole span.
const MIN_GAP_SHARE: f64 = 0.005;
/// A stretch becomes a break only if it is this many times as long as the shorter of
/// the stretches with events beside it: a quiet fortnight between two busy weeks is
/// worth a break, a quiet month in a busy year is not.
const MIN_GAP_RATIO: f64 = 2.0;
/// Most breaks on one axis (the most worth it are kept).
const MAX_BREAKS: usize = 8;
/// The axis share of one break, and of all of them at most.
const GAP_SHARE: f64 = 0.02;
const ALL_GAPS_SHARE: f64 = 0.15;
/// How much of a segment's share comes from its length in days (the rest from how many
/// events it holds).
const DURATION_WEIGHT: f64 = 0.1;

/// An event's days: `start` to `end` (exclusive).
#[derive(Clone, Copy, Debug)]
pub struct Interval {
    /// First day.
    pub start: f64,
    /// The day after the last.
    pub end: f64,
}

impl Interval {
    fn span(self) -> f64 {
        self.end - self.start
    }
}

impl TimeAxis {
    /// Equal time, equal width: `from` at 0, `to` at 1.
    pub fn linear(from: f64, to: f64) -> Self {
        let to = if to > from { to } else { from + 1.0 };
        Self {
            knots: vec![(from, 0.0), (to, 1.0)],
            outer_slope: 1.0 / (to - from),
            gaps: Vec::new(),
        }
    }

    /// The axis for events over these intervals, linear or compressed.
    pub fn build(intervals: &[Interval], scale: TimeScale) -> Self {
        // Intervals in time order (as the timeline's are) are counted where they are;
        // any others through a sorted copy of their starts.
        if intervals.is_sorted_by(|a, b| a.start <= b.start) {
            Self::build_counting(intervals, scale, &|day| {
                intervals.partition_point(|i| i.start < day)
            })
        } else {
            let mut copy: Vec<f64> = intervals.iter().map(|i| i.start).collect();
            copy.sort_by(f64::total_cmp);
            Self::build_counting(intervals, scale, &|day| copy.partition_point(|&s| s < day))
        }
    }

    /// The axis for events over `intervals`, interval `i` standing for `weights[i]`
    /// events (a table's distinct spans with how many events have each): the same
    /// axis as [`TimeAxis::build`] over every event.
    pub fn build_weighted(intervals: &[Interval], weights: &[u64], scale: TimeScale) -> Self {
        let mut by_start: Vec<(f64, u64)> = intervals
            .iter()
            .zip(weights)
            .map(|(i, &w)| (i.start, w))
            .collect();
        by_start.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut before = Vec::with_capacity(by_start.len() + 1);
        let mut total = 0usize;
        before.push(0);
        for &(_, w) in &by_start {
            total = total.saturating_add(usize::try_from(w).unwrap_or(usize::MAX));
            before.push(total);
        }
        Self::build_counting(intervals, scale, &|day| {
            before[by_start.partition_point(|&(s, _)| s < day)]
        })
    }

    /// [`TimeAxis::build`] with `starts(day)`: how many events start before `day`.
    fn build_counting(
        intervals: &[Interval],
        scale: TimeScale,
        starts: &dyn Fn(f64) -> usize,
    ) -> Self {
        let Some(from) = intervals.iter().map(|i| i.start).reduce(f64::min) else {
            return Self::default();
        };
        let to = intervals
            .iter()
            .map(|i| i.end)
            .reduce(f64::max)
            .unwrap_or(from + 1.0);
        if scale == TimeScale::Linear || to - from < 3.0 * MIN_GAP_DAYS {
            return Self::linear(from, to);
        }
        let candidates = find_gaps(
            intervals,
            from,
            to,
            MIN_GAP_DAYS.max((to - from) * MIN_GAP_SHARE),
        );
        let gaps = worth_breaking(&candidates, from, to);
        if gaps.is_empty() {
            return Self::linear(from, to);
        }
        Self::compressed(starts, from, to, &gaps)
    }

    /// Lays segments and breaks out along the axis.
    fn compressed(starts: &dyn Fn(f64) -> usize, from: f64, to: f64, gaps: &[(f64, f64)]) -> Self {
        // Segments: what lies between the breaks, with how many events start in each.
        let mut bounds = vec![from];
        for &(a, b) in gaps {
            bounds.push(a);
            bounds.push(b);
        }
        bounds.push(to);
        let segments: Vec<(f64, f64)> = bounds.chunks(2).map(|c| (c[0], c[1])).collect();
        let counts: Vec<usize> = segments
            .iter()
            .map(|&(a, b)| starts(b) - starts(a))
            .collect();
        let days: f64 = segments.iter().map(|s| s.1 - s.0).sum();
        let events = counts.iter().sum::<usize>().max(1) as f64;
        let gap_share = GAP_SHARE.min(ALL_GAPS_SHARE / gaps.len() as f64);
        let room = 1.0 - gap_share * gaps.len() as f64;
        let mut knots = Vec::with_capacity(segments.len() * 2);
        let mut out_gaps = Vec::with_capacity(gaps.len());
        let mut u = 0.0;
        for (i, (&(a, b), &n)) in segments.iter().zip(&counts).enumerate() {
            let weight = DURATION_WEIGHT * (b - a) / days.max(1.0)
                + (1.0 - DURATION_WEIGHT) * n as f64 / events;
            knots.push((a, u));
            u += room * weight;
            knots.push((b, u));
            if let Some(&(ga, gb)) = gaps.get(i) {
                out_gaps.push(Gap {
                    from: ga,
                    to: gb,
                    u0: u,
                    u1: u + gap_share,
                });
                u += gap_share;
            }
        }
        // Shares add up to one but for rounding: make the end exactly 1.
        let total = u.max(f64::EPSILON);
        for k in &mut knots {
            k.1 /= total;
        }
        for g in &mut out_gaps {
            g.u0 /= total;
            g.u1 /= total;
        }
        knots.dedup_by(|b, a| b.0 <= a.0);
        Self {
            knots,
            outer_slope: 1.0 / (to - from),
            gaps: out_gaps,
        }
    }

    /// Where day `day` is on the axis.
    pub fn u(&self, day: f64) -> f64 {
        let k = &self.knots;
        let (Some(&first), Some(&last)) = (k.first(), k.last()) else {
            return day;
        };
        if day <= first.0 {
            return first.1 - (first.0 - day) * self.outer_slope;
        }
        if day >= last.0 {
            return last.1 + (day - last.0) * self.outer_slope;
        }
        let i = k.partition_point(|p| p.0 <= day).clamp(1, k.len() - 1);
        let (a, b) = (k[i - 1], k[i]);
        a.1 + (day - a.0) / (b.0 - a.0) * (b.1 - a.1)
    }

    /// The day at axis position `u` (the inverse of [`TimeAxis::u`]).
    pub fn day(&self, u: f64) -> f64 {
        let k = &self.knots;
        let (Some(&first), Some(&last)) = (k.first(), k.last()) else {
            return u;
        };
        if u <= first.1 {
            return first.0 - (first.1 - u) / self.outer_slope;
        }
        if u >= last.1 {
            return last.0 + (u - last.1) / self.outer_slope;
        }
        let i = k.partition_point(|p| p.1 <= u).clamp(1, k.len() - 1);
        let (a, b) = (k[i - 1], k[i]);
        if b.1 <= a.1 {
            return a.0;
        }
        a.0 + (u - a.1) / (b.1 - a.1) * (b.0 - a.0)
    }

    /// The first and last day the axis lays out (the events' whole span).
    pub fn span(&self) -> (f64, f64) {
        match (self.knots.first(), self.knots.last()) {
            (Some(a), Some(b)) => (a.0, b.0),
            _ => (0.0, 1.0),
        }
    }

    /// The stretches between breaks: `(first day, day after the last)`, in order.
    pub fn segments(&self) -> Vec<(f64, f64)> {
        let (from, to) = self.span();
        let mut out = Vec::with_capacity(self.gaps.len() + 1);
        let mut at = from;
        for g in &self.gaps {
            out.push((at, g.from));
            at = g.to;
        }
        out.push((at, to));
        out
    }
}

/// Stretches of `from..to` at least `min_gap` days long in which no event is known more
/// precisely than the stretch: every event overlapping one is at least as long as it.
fn find_gaps(intervals: &[Interval], from: f64, to: f64, min_gap: f64) -> Vec<(f64, f64)> {
    // Events shorter than any gap can be cut by none: their union bounds the candidates.
    // They are walked by start: where they are when the intervals are in time order (as
    // the timeline's are: no copy of ten million of them), else through a sorted copy.
    let is_short = |i: &&Interval| i.span() < min_gap;
    let sorted_copy: Vec<Interval>;
    let short: &mut dyn Iterator<Item = &Interval> =
        if intervals.is_sorted_by(|a, b| a.start <= b.start) {
            &mut intervals.iter().filter(is_short)
        } else {
            let mut copy: Vec<Interval> = intervals.iter().filter(is_short).copied().collect();
            copy.sort_by(|a, b| a.start.total_cmp(&b.start));
            sorted_copy = copy;
            &mut sorted_copy.iter()
        };
    // Gaps by start: start -> end.
    let mut gaps: BTreeMap<OrdF64, f64> = BTreeMap::new();
    let mut covered_to = from;
    for i in short {
        if i.start - covered_to >= min_gap {
            gaps.insert(OrdF64(covered_to), i.start);
        }
        covered_to = covered_to.max(i.end);
    }
    if to - covered_to >= min_gap {
        gaps.insert(OrdF64(covered_to), to);
    }
    // Longer events, shortest first: one shorter than a gap it overlaps splits it.
    // Gaps only shrink, so an event that cut nothing never cuts anything later.
    let mut long: Vec<Interval> = intervals
        .iter()
        .copied()
        .filter(|i| i.span() >= min_gap)
        .collect();
    // Equal spans by start, so that the axis does not depend on the events' order.
    long.sort_by(|a, b| {
        a.span()
            .total_cmp(&b.span())
            .then(a.start.total_cmp(&b.start))
    });
    for i in long {
        // Gaps are disjoint and sorted, so going back from the last one starting before
        // the event's end, their ends fall too: stop at the first that ends before it.
        let overlapping: Vec<(f64, f64)> = gaps
            .range(..OrdF64(i.end))
            .rev()
            .take_while(|(_, b)| **b > i.start)
            .map(|(a, b)| (a.0, *b))
            .collect();
        for (a, b) in overlapping {
            if b - a <= i.span() {
                continue;
            }
            gaps.remove(&OrdF64(a));
            if i.start - a >= min_gap {
                gaps.insert(OrdF64(a), i.start);
            }
            if b - i.end >= min_gap {
                gaps.insert(OrdF64(i.end), b);
            }
        }
    }
    // A little air between a break and the events beside it.
    gaps.into_iter()
        .map(|(a, b)| {
            let margin = ((b - a.0) * 0.06).min(min_gap * 0.1);
            (a.0 + margin, b - margin)
        })
        .filter(|(a, b)| b > a)
        .collect()
}

/// The candidate gaps worth a break: long against the events beside them.
fn worth_breaking(candidates: &[(f64, f64)], from: f64, to: f64) -> Vec<(f64, f64)> {
    let mut scored: Vec<(f64, (f64, f64))> = candidates
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let before = a - candidates.get(i.wrapping_sub(1)).map_or(from, |g| g.1);
            let after = candidates.get(i + 1).map_or(to, |g| g.0) - b;
            ((b - a) / before.min(after).max(1.0), (a, b))
        })
        .filter(|(score, _)| *score >= MIN_GAP_RATIO)
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    scored.truncate(MAX_BREAKS);
    let mut gaps: Vec<(f64, f64)> = scored.into_iter().map(|(_, g)| g).collect();
    gaps.sort_by(|x, y| x.0.total_cmp(&y.0));
    gaps
}

/// An `f64` ordered for use as a map key (gap bounds are never NaN).
#[derive(Clone, Copy, Debug, PartialEq)]
struct OrdF64(f64);

impl Eq for OrdF64 {}

impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(start: f64, end: f64) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn an_empty_stretch_becomes_a_break_and_the_burst_gets_the_room() {
        // Ten days of events, a thousand empty days, ten more days.
        let mut events: Vec<Interval> = (0..10)
            .map(|d| iv(f64::from(d), f64::from(d) + 1.0))
            .collect();
        events.extend((0..10).map(|d| iv(1010.0 + f64::from(d), 1011.0 + f64::from(d))));
        let axis = TimeAxis::build(&events, TimeScale::Compressed);
        assert_eq!(axis.gaps.len(), 1, "{:?}", axis.gaps);
        let gap = axis.gaps[0];
        assert!(gap.from > 10.0 && gap.to < 1010.0, "{gap:?}");
        assert!(gap.u1 - gap.u0 <= GAP_SHARE + 1e-9);
        // Each burst gets about a third of the axis, though it is 1 % of the time.
        assert!(axis.u(10.0) - axis.u(0.0) > 0.3, "{}", axis.u(10.0));
        // Monotonic and invertible.
        let mut last = f64::NEG_INFINITY;
        for d in (-100..1200).map(f64::from) {
            let u = axis.u(d);
            assert!(u > last, "{d}");
            assert!((axis.day(u) - d).abs() < 1e-6, "{d}");
            last = u;
        }
    }

    #[test]
    fn a_window_longer_than_the_stretch_does_not_stop_the_break_but_a_shorter_one_does() {
        let mut events = vec![iv(0.0, 1.0), iv(1000.0, 1001.0)];
        // A window over the whole stretch: known less precisely than the stretch.
        events.push(iv(0.0, 1001.0));
        assert_eq!(
            TimeAxis::build(&events, TimeScale::Compressed).gaps.len(),
            1
        );
        // A 200-day window in the middle is known more precisely: it splits the gap.
        events.push(iv(400.0, 600.0));
        let axis = TimeAxis::build(&events, TimeScale::Compressed);
        assert_eq!(axis.gaps.len(), 2, "{:?}", axis.gaps);
        assert!(axis.gaps[0].to <= 400.0 && axis.gaps[1].from >= 600.0);
    }

    #[test]
    fn linear_time_and_crowded_data_have_no_breaks() {
        let events = vec![iv(0.0, 1.0), iv(1000.0, 1001.0)];
        let axis = TimeAxis::build(&events, TimeScale::Linear);
        assert!(axis.gaps.is_empty());
        assert!((axis.u(500.5) - 0.5).abs() < 1e-9);
        let dense: Vec<Interval> = (0..1000)
            .map(|d| iv(f64::from(d), f64::from(d) + 1.0))
            .collect();
        assert!(
            TimeAxis::build(&dense, TimeScale::Compressed)
                .gaps
                .is_empty()
        );
        assert!(TimeAxis::build(&[], TimeScale::Compressed).gaps.is_empty());
    }

    proptest::proptest! {
        /// Events in time order (walked where they are) and the same events in any
        /// order (sorted through a copy) lay out the same axis.
        #[test]
        fn the_axis_does_not_depend_on_the_events_order(
            spans in proptest::collection::vec((0u32..5000, 1u32..400), 1..60),
            shift in 0usize..60,
        ) {
            let mut events: Vec<Interval> = spans
                .iter()
                .map(|&(a, n)| iv(f64::from(a), f64::from(a + n)))
                .collect();
            events.sort_by(|a, b| a.start.total_cmp(&b.start));
            let mut shuffled = events.clone();
            shuffled.rotate_left(shift % events.len());
            shuffled.reverse();
            proptest::prop_assert_eq!(
                TimeAxis::build(&events, TimeScale::Compressed),
                TimeAxis::build(&shuffled, TimeScale::Compressed)
            );
        }
    }
}
