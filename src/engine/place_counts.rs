//! The place counts written beside a converted table (`OUT.places.parquet`): how many
//! events of each kind and status, first and last day, fall in each cell of two fine
//! Web Mercator grids ([`LEVELS`]: cells about 39 km and 2.4 km wide at the equator),
//! and how many have no place (a row with no cell). They answer the map's question in
//! cells as wide as a grid's or wider, under filters of kinds and statuses — the map of
//! a hundred million rows from the world down to a town — by summing cells rather than
//! reading every event's latitude and longitude: the map asks for whole cells
//! (`timeline::seam::grid`), in which a place is exactly when its cell is.
//!
//! Like the day counts they are counted from the events batches as they are written.
//! Past [`MOST_PLACE_ROWS`] distinct keys of a grid (events spread over many days and
//! places, as a real GDELT archive's may be) the grid keeps its counts over every day
//! instead ([`EveryDay`], stored under its level negated): they answer the map of a
//! view that every event overlaps — the whole timeline, the view a table opens on —
//! and a view of part of the time asks the events. Past the most keys of those too,
//! the grid is not kept.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, Float64Array, Int8Array, Int32Array, Int64Array, RecordBatch,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use super::layout::column;
use crate::model::coordinates::web_mercator;
use crate::timeline::seam::cell_index;

/// The grids counted, by level: a level-`z` cell is 2⁻ᶻ of the world wide (level 10
/// about 39 km at the equator, level 14 about 2.4 km).
pub const LEVELS: [i8; 2] = [10, 14];

/// The side of a level's cell in Web Mercator units (the world is 1 wide).
pub fn cell_of_level(level: i8) -> f64 {
    (-f64::from(level)).exp2()
}

/// Most rows kept of one grid: past them (about two hundred megabytes while
/// converting) that grid is not kept.
pub const MOST_PLACE_ROWS: usize = 4_000_000;

/// (first day, last day, kind, status, cell or none).
type Key = (i32, i32, i8, i8, Option<(i32, i32)>);

/// (kind, status, cell or none): a grid's counts over every day.
type WholeKey = (i8, i8, Option<(i32, i32)>);

/// One grid's counts being gathered.
struct Grid {
    level: i8,
    tallies: Tallies,
}

/// A grid's counts: by day until too many, then over every day until too many.
enum Tallies {
    /// Events by first and last day, kind, status and cell.
    ByDay(HashMap<Key, i64>),
    /// Events by kind, status and cell.
    EveryDay(HashMap<WholeKey, i64>),
    /// Too many even over every day: none are kept.
    None,
}

impl Grid {
    fn kept(&self) -> Option<Kept> {
        match self.tallies {
            Tallies::ByDay(_) => Some(Kept::ByDay),
            Tallies::EveryDay(_) => Some(Kept::EveryDay),
            Tallies::None => None,
        }
    }

    /// Moves on from counts grown past `most`: counts by day become counts over every
    /// day (summed from them), and those become none.
    fn settle(&mut self, most: usize) {
        if let Tallies::ByDay(by_day) = &mut self.tallies
            && by_day.len() > most
        {
            let mut whole: HashMap<WholeKey, i64> = HashMap::new();
            for ((_, _, kind, status, cell), n) in std::mem::take(by_day) {
                *whole.entry((kind, status, cell)).or_default() += n;
            }
            self.tallies = Tallies::EveryDay(whole);
        }
        if let Tallies::EveryDay(whole) = &self.tallies
            && whole.len() > most
        {
            self.tallies = Tallies::None;
        }
    }
}

/// What a grid's counts hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kept {
    /// Each day: any view of time is summed from them.
    ByDay,
    /// Only every day together: a view that every event overlaps is.
    EveryDay,
}

/// Place counts being gathered.
pub struct PlaceCounts {
    grids: Vec<Grid>,
    most: usize,
    /// The latest first day and the earliest last day of the events counted: a view
    /// from on or before the one to on or after the other overlaps every event.
    latest_start: i32,
    earliest_end: i32,
}

impl Default for PlaceCounts {
    fn default() -> Self {
        Self::keeping_at_most(MOST_PLACE_ROWS)
    }
}

impl PlaceCounts {
    /// Place counts to gather, a grid not kept if more than `most` of its keys are met.
    pub fn keeping_at_most(most: usize) -> Self {
        Self {
            grids: LEVELS
                .iter()
                .map(|&level| Grid {
                    level,
                    tallies: Tallies::ByDay(HashMap::new()),
                })
                .collect(),
            most,
            latest_start: i32::MIN,
            earliest_end: i32::MAX,
        }
    }

    /// Counts the events of `batch` (in the layout's schema).
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), String> {
        if self.grids.iter().all(|g| g.kept().is_none()) {
            return Ok(());
        }
        let kind = column::<Int8Array>(batch, "kind")?;
        let status = column::<Int8Array>(batch, "status")?;
        let start = column::<Int32Array>(batch, "start_day")?;
        let end = column::<Int32Array>(batch, "end_day")?;
        let lat = column::<Float64Array>(batch, "lat")?;
        let lon = column::<Float64Array>(batch, "lon")?;
        for i in 0..batch.num_rows() {
            let (first, last) = (start.value(i), end.value(i));
            self.latest_start = self.latest_start.max(first);
            self.earliest_end = self.earliest_end.min(last);
            // As the engine's SQL and the window place an event: a row with both, placed
            // once for every grid.
            let at = (lat.is_valid(i) && lon.is_valid(i))
                .then(|| web_mercator(lat.value(i), lon.value(i)));
            let (kind, status) = (kind.value(i), status.value(i));
            for grid in &mut self.grids {
                let cell = at.map(|(x, y)| cell_index(x, y, cell_of_level(grid.level)));
                match &mut grid.tallies {
                    Tallies::ByDay(by_day) => {
                        *by_day.entry((first, last, kind, status, cell)).or_default() += 1;
                    }
                    Tallies::EveryDay(whole) => {
                        *whole.entry((kind, status, cell)).or_default() += 1;
                    }
                    Tallies::None => {}
                }
            }
        }
        for grid in &mut self.grids {
            grid.settle(self.most);
        }
        Ok(())
    }

    /// Whether a grid is kept by day, else whether one is kept over every day, else
    /// `None`.
    pub fn kept(&self) -> Option<Kept> {
        self.grids.iter().filter_map(Grid::kept).min()
    }

    /// The counts of the grids kept as one batch, by level, first day, last day, kind,
    /// status and cell; none if no grid was kept.
    pub fn batch(&self) -> Result<Option<RecordBatch>, String> {
        if self.kept().is_none() {
            return Ok(None);
        }
        // A grid over every day is stored under its level negated, every row dated from
        // the latest first day to the earliest last day.
        let (latest, earliest) = (self.latest_start, self.earliest_end);
        let mut keys: Vec<(i8, Key, i64)> = Vec::new();
        for g in &self.grids {
            match &g.tallies {
                Tallies::ByDay(by_day) => {
                    keys.extend(by_day.iter().map(|(k, &n)| (g.level, *k, n)))
                }
                Tallies::EveryDay(whole) => {
                    keys.extend(whole.iter().map(|(&(kind, status, cell), &n)| {
                        (-g.level, (latest, earliest, kind, status, cell), n)
                    }))
                }
                Tallies::None => {}
            }
        }
        keys.sort_unstable_by_key(|k| (k.0, k.1));
        let schema = Arc::new(Schema::new(vec![
            Field::new("level", DataType::Int8, false),
            Field::new("start_day", DataType::Int32, false),
            Field::new("end_day", DataType::Int32, false),
            Field::new("kind", DataType::Int8, false),
            Field::new("status", DataType::Int8, false),
            Field::new("cx", DataType::Int32, true),
            Field::new("cy", DataType::Int32, true),
            Field::new("events", DataType::Int64, false),
        ]));
        let columns: Vec<Arc<dyn Array>> = vec![
            Arc::new(keys.iter().map(|k| k.0).collect::<Int8Array>()),
            Arc::new(keys.iter().map(|k| k.1.0).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.1.1).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.1.2).collect::<Int8Array>()),
            Arc::new(keys.iter().map(|k| k.1.3).collect::<Int8Array>()),
            Arc::new(
                keys.iter()
                    .map(|k| k.1.4.map(|c| c.0))
                    .collect::<Int32Array>(),
            ),
            Arc::new(
                keys.iter()
                    .map(|k| k.1.4.map(|c| c.1))
                    .collect::<Int32Array>(),
            ),
            Arc::new(keys.iter().map(|k| k.2).collect::<Int64Array>()),
        ];
        RecordBatch::try_new(schema, columns)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// Writes the counts to `out`, atomically, tied to their events file by `tie`; if
    /// too many were met, removes any left there by an earlier conversion instead.
    /// What the written counts hold, if they were written.
    pub fn write(&self, out: &Path, tie: &str) -> Result<Option<Kept>, String> {
        let written = super::layout::write_tied_or_remove(self.batch()?.as_ref(), out, tie)?;
        Ok(self.kept().filter(|_| written))
    }
}

/// The grids of a conversion's place counts, as the engine found them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grids {
    /// The levels counted by day.
    pub by_day: Vec<i8>,
    /// The grids counted over every day only.
    pub every_day: Vec<EveryDay>,
}

/// A grid counted over every day only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EveryDay {
    /// Its level (stored negated).
    pub level: i8,
    /// The latest first day of the events counted.
    pub latest_start: i32,
    /// The earliest last day of the events counted.
    pub earliest_end: i32,
}

impl Grids {
    /// The grids of the rows stored under each `(level, first day, last day)`.
    pub fn from_levels(levels: impl IntoIterator<Item = (i8, i32, i32)>) -> Self {
        let mut grids = Self::default();
        for (level, start, end) in levels {
            if level >= 0 {
                grids.by_day.push(level);
            } else {
                grids.every_day.push(EveryDay {
                    level: level.saturating_neg(),
                    latest_start: start,
                    earliest_end: end,
                });
            }
        }
        grids.by_day.sort_unstable();
        grids.by_day.dedup();
        grids
    }

    /// The level stored of the grid that answers cells `cell` wide over the days
    /// `days` (first and last, inclusive), with how many of its cells make one side
    /// of the question's: a grid by day as [`grid_for`] picks it, else a grid over
    /// every day when every event overlaps those days; `None` when the events must be
    /// asked.
    pub fn answering(&self, cell: f64, days: (i32, i32)) -> Option<(i8, i32)> {
        grid_for(cell, &self.by_day).or_else(|| {
            let fit: Vec<i8> = self
                .every_day
                .iter()
                .filter(|g| days.1 >= g.latest_start && days.0 <= g.earliest_end)
                .map(|g| g.level)
                .collect();
            grid_for(cell, &fit).map(|(level, n)| (-level, n))
        })
    }
}

/// The grid that answers a question in cells `cell` wide, of those kept (`levels`):
/// the coarsest (fewest rows to sum) whose cells are as wide or narrower, with how many
/// of its cells make one side of the question's (a whole power of two); `None` when the
/// question's cells are finer than every grid kept, and the events must be asked.
pub fn grid_for(cell: f64, levels: &[i8]) -> Option<(i8, i32)> {
    levels
        .iter()
        .filter_map(|&level| {
            let ratio = cell / cell_of_level(level);
            if !(1.0..=f64::from(1 << 30)).contains(&ratio) || ratio.fract() != 0.0 {
                return None;
            }
            #[allow(
                clippy::cast_possible_truncation,
                reason = "a whole number between 1 and 2^30, checked above"
            )]
            let n = ratio as i32;
            (n.count_ones() == 1).then_some((level, n))
        })
        .min_by_key(|&(level, _)| level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::test_batch as batch;

    /// Events without a place are kept as a row with no cell, in every grid; past the
    /// most kept by day a grid keeps its counts over every day (stored under its level
    /// negated, dated from the latest first day to the earliest last day); past the
    /// most of those too it is not kept, and writing removes an earlier conversion's.
    #[test]
    fn unplaced_events_count_and_too_many_places_are_counted_over_every_day() -> Result<(), String>
    {
        // The test batch's rows have no coordinates, one kind and one status.
        let mut counts = PlaceCounts::keeping_at_most(3);
        counts.add(&batch(&[(0, 0), (0, 0), (5, 9)]))?;
        assert_eq!(counts.kept(), Some(Kept::ByDay));
        let b = counts.batch()?.ok_or("kept")?;
        let events = column::<Int64Array>(&b, "events")?;
        let cx = column::<Int32Array>(&b, "cx")?;
        let level = column::<Int8Array>(&b, "level")?;
        assert_eq!(b.num_rows(), 2 * LEVELS.len());
        assert_eq!(
            (level.value(0), events.value(0), cx.is_null(0)),
            (10, 2, true)
        );
        let levels: Vec<i8> = (0..b.num_rows()).map(|i| level.value(i)).collect();
        assert_eq!(levels, [10, 10, 14, 14]);
        counts.add(&batch(&[(6, 6), (7, 8), (2, 4)]))?;
        assert_eq!(counts.kept(), Some(Kept::EveryDay));
        let b = counts.batch()?.ok_or("kept over every day")?;
        let rows = |name: &str| -> Result<Vec<i64>, String> {
            let c = b.column_by_name(name).ok_or(name.to_owned())?;
            let c =
                datafusion::arrow::compute::cast(c, &DataType::Int64).map_err(|e| e.to_string())?;
            let c = c.as_any().downcast_ref::<Int64Array>().ok_or("i64")?;
            Ok(c.iter().map(|v| v.unwrap_or(-1)).collect())
        };
        assert_eq!(rows("level")?, [-14, -10], "both grids over every day");
        assert_eq!(
            rows("events")?,
            [6, 6],
            "every event, counted once per grid"
        );
        assert_eq!(rows("start_day")?, [7, 7], "the latest first day");
        assert_eq!(rows("end_day")?, [0, 0], "the earliest last day");
        let grids = Grids::from_levels([(-14, 7, 0), (-10, 7, 0)]);
        assert_eq!(grids.answering(1.0 / 64.0, (0, 7)), Some((-10, 16)));
        assert_eq!(
            grids.answering(1.0 / 64.0, (1, 7)),
            None,
            "an event ends on day 0"
        );
        assert_eq!(
            grids.answering(1.0 / 64.0, (0, 6)),
            None,
            "an event starts on day 7"
        );
        assert_eq!(grids.answering(1.0 / 4096.0, (-5, 50)), Some((-14, 4)));
        let mut none = PlaceCounts::keeping_at_most(0);
        none.add(&batch(&[(6, 6), (7, 7)]))?;
        assert_eq!(none.kept(), None);
        assert!(none.batch()?.is_none());
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("t.places.parquet");
        std::fs::write(&out, b"left").map_err(|e| e.to_string())?;
        assert_eq!(none.write(&out, "1 x")?, None);
        assert!(!out.exists());
        Ok(())
    }

    /// Grids by day answer any days; they are preferred to grids over every day.
    #[test]
    fn grids_by_day_answer_before_grids_over_every_day() {
        let grids = Grids::from_levels([(14, 1, 1), (14, 2, 3), (-10, 9, 0)]);
        assert_eq!(grids.by_day, [14]);
        assert_eq!(grids.answering(1.0 / 4096.0, (5, 5)), Some((14, 4)));
        assert_eq!(grids.answering(1.0 / 1024.0, (0, 9)), Some((14, 16)));
        assert_eq!(grids.answering(1.0 / 64.0, (0, 9)), Some((14, 256)));
        assert_eq!(Grids::from_levels([]).answering(1.0, (0, 0)), None);
    }

    /// A question is answered by the coarsest grid kept whose cells fit a whole power
    /// of two times in its own, or by none.
    #[test]
    fn the_coarsest_grid_that_fits_answers() {
        let both = [10, 14];
        assert_eq!(grid_for(1.0 / 1024.0, &both), Some((10, 1)));
        assert_eq!(grid_for(1.0 / 64.0, &both), Some((10, 16)));
        assert_eq!(grid_for(1.0 / 64.0, &[14]), Some((14, 256)));
        assert_eq!(grid_for(1.0 / 64.0, &[10]), Some((10, 16)));
        assert_eq!(grid_for(1.0 / 4096.0, &both), Some((14, 4)));
        assert_eq!(grid_for(1.0 / 4096.0, &[10]), None);
        assert_eq!(grid_for(1.0 / 32_768.0, &both), None);
        assert_eq!(grid_for(3.0 / 1024.0, &both), None);
        assert_eq!(grid_for(f64::NAN, &both), None);
        assert_eq!(grid_for(1.0, &[]), None);
    }
}
