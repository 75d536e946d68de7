//! Views quantized into tiles, so that answers can be cached and used again: a view of
//! `w` days is asked as the one or two aligned tiles of [`BINS`] bins that cover it,
//! each bin a power of two of days no wider than a pixel column. Panning within known
//! tiles, or back to them, asks nothing; any view, even at another zoom, can be drawn
//! from whatever tiles are known ([`combine`]) until its own arrive.
//!
//! Combined counts are exact where bins are single days (views up to [`BINS`] days):
//! a column's starts are its bins' starts, and the events overlapping a column are
//! those overlapping its first bin plus those starting in the others (the two never
//! share an event). With wider bins a column shares the bins it cuts in proportion.

use super::{LaneView, Row, ViewAnswer, ViewQuery};

/// Bins per tile.
pub const BINS: i32 = 512;

/// An aligned stretch of `bin_days × BINS` days: tile `index` starts on day
/// `index × bin_days × BINS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tile {
    /// Days per bin: a power of two.
    pub bin_days: i64,
    /// Which tile at that size.
    pub index: i64,
}

impl Tile {
    /// Days the tile covers, `[from, to)`.
    pub fn days(&self) -> (i64, i64) {
        let span = self.bin_days * i64::from(BINS);
        (self.index * span, (self.index + 1) * span)
    }

    /// Its bins, `[from, to)` days each.
    pub fn bins(&self) -> Vec<(i32, i32)> {
        let (from, _) = self.days();
        (0..i64::from(BINS))
            .map(|b| {
                let a = from + b * self.bin_days;
                (clamp(a), clamp(a + self.bin_days))
            })
            .collect()
    }

    /// The question that answers this tile, with the row limits of `like`.
    pub fn query(&self, like: &ViewQuery) -> ViewQuery {
        let (from, to) = self.days();
        let bins = self.bins();
        ViewQuery {
            days: (clamp(from), clamp(to - 1)),
            starts: bins.clone(),
            overlaps: bins,
            max_rows: like.max_rows,
            max_uncertain_rows: like.max_uncertain_rows,
        }
    }
}

fn clamp(day: i64) -> i32 {
    i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX })
}

/// The tiles that cover `query`'s days, left to right: at most two.
pub fn tiles_for(query: &ViewQuery) -> Vec<Tile> {
    let (d0, d1) = (
        i64::from(query.days.0),
        i64::from(query.days.1.max(query.days.0)),
    );
    let width = d1 - d0 + 1;
    let wanted = (width + i64::from(BINS) - 1) / i64::from(BINS);
    let bin_days = (wanted.max(1) as u64).next_power_of_two() as i64;
    let span = bin_days * i64::from(BINS);
    (d0.div_euclid(span)..=d1.div_euclid(span))
        .map(|index| Tile { bin_days, index })
        .collect()
}

/// The answer to `query` from answers to tiles (of any size, some maybe missing): the
/// exact answer when the tiles are [`tiles_for`] the query at a zoom of single-day bins,
/// an approximation otherwise (see the module's note). `None` when no tile is given.
pub fn combine(query: &ViewQuery, tiles: &[(Tile, &ViewAnswer)]) -> Option<ViewAnswer> {
    let (_, first) = tiles.first()?;
    let lanes = first
        .lanes
        .iter()
        .enumerate()
        .map(|(li, lane)| {
            let parts: Vec<(Tile, &LaneView)> = tiles
                .iter()
                .filter_map(|(t, a)| a.lanes.get(li).map(|l| (*t, l)))
                .collect();
            combine_lane(query, lane, &parts)
        })
        .collect::<Vec<LaneView>>();
    let mut names = std::collections::HashMap::new();
    for (_, answer) in tiles {
        for (e, t) in &answer.names {
            if lanes.iter().any(|l| {
                [&l.exact_rows, &l.uncertain_rows]
                    .into_iter()
                    .flatten()
                    .any(|rows| rows.iter().any(|r| r.event == *e))
            }) {
                names.entry(*e).or_insert_with(|| t.clone());
            }
        }
    }
    Some(ViewAnswer { lanes, names })
}

fn combine_lane(query: &ViewQuery, like: &LaneView, parts: &[(Tile, &LaneView)]) -> LaneView {
    // Every known bin of the lane: its days and its two counts.
    let mut bins: Vec<((i32, i32), u32, u32, u32)> = Vec::new();
    for (tile, lane) in parts {
        let counts = lane
            .starts
            .iter()
            .zip(&lane.overlaps)
            .zip(&lane.uncertain_starts);
        for (days, ((s, o), u)) in tile.bins().into_iter().zip(counts) {
            bins.push((days, *s, *o, *u));
        }
    }
    bins.sort_unstable_by_key(|b| b.0);
    let cut = |from: i32, to: i32| {
        let lo = bins.partition_point(|b| b.0.1 <= from);
        let hi = bins.partition_point(|b| b.0.0 < to);
        &bins[lo..hi.max(lo)]
    };
    // The part of a bin's count that falls in `[from, to)`, in proportion to its days.
    let share = |(a, b): (i32, i32), n: u32, from: i32, to: i32| {
        let inside = f64::from(b.min(to)) - f64::from(a.max(from));
        f64::from(n) * (inside / f64::from(b - a).max(1.0)).clamp(0.0, 1.0)
    };
    let starts = query.starts.iter().map(|&(from, to)| {
        let n: f64 = cut(from, to)
            .iter()
            .map(|b| share(b.0, b.1, from, to))
            .sum();
        n.round() as u32
    });
    let uncertain_starts = query.starts.iter().map(|&(from, to)| {
        let n: f64 = cut(from, to)
            .iter()
            .map(|b| share(b.0, b.3, from, to))
            .sum();
        n.round() as u32
    });
    let overlaps = query
        .overlaps
        .iter()
        .map(|&(from, to)| match cut(from, to) {
            [] => 0,
            [first, rest @ ..] => {
                let later: f64 = rest.iter().map(|b| share(b.0, b.3, from, to)).sum();
                first.2 + later.round() as u32
            }
        });
    let (starts, uncertain_starts, overlaps): (Vec<u32>, Vec<u32>, Vec<u32>) = (
        starts.collect(),
        uncertain_starts.collect(),
        overlaps.collect(),
    );
    let (d0, d1) = query.days;
    let rows = |pick: fn(&LaneView) -> Option<&Vec<Row>>| -> Option<Vec<Row>> {
        let mut rows = Vec::new();
        for (_, lane) in parts {
            rows.extend(
                pick(lane)?
                    .iter()
                    .filter(|r| r.start <= d1 && r.end >= d0)
                    .copied(),
            );
        }
        rows.sort_unstable_by_key(|r| (r.start, r.end, r.event));
        rows.dedup_by_key(|r| r.event);
        Some(rows)
    };
    let complete = !parts.is_empty();
    let exact_rows = rows(|l| l.exact_rows.as_ref()).filter(|_| complete);
    let uncertain_rows = rows(|l| l.uncertain_rows.as_ref()).filter(|_| complete);
    let in_view = cut(d0, d1.saturating_add(1));
    let exact_in_view = exact_rows.as_ref().map_or_else(
        || {
            let n: u64 = in_view.iter().map(|b| u64::from(b.1)).sum();
            (n as usize).max(query.max_rows + 1)
        },
        Vec::len,
    );
    let uncertain_in_view = uncertain_rows.as_ref().map_or_else(
        || {
            let n = in_view.iter().map(|b| b.2).max().unwrap_or(0) as usize;
            n.max(query.max_uncertain_rows + 1)
        },
        Vec::len,
    );
    LaneView {
        label: like.label.clone(),
        kind: like.kind,
        exact_in_view,
        uncertain_in_view,
        starts,
        overlaps,
        uncertain_starts,
        exact_rows,
        uncertain_rows,
    }
}
