//! The place counts written beside a converted table (`OUT.places.parquet`): how many
//! events of each kind and status, first and last day, fall in each cell of two fine
//! Web Mercator grids ([`LEVELS`]: cells about 39 km and 2.4 km wide at the equator),
//! and how many have no place (a row with no cell). They answer the map's question in
//! cells as wide as a grid's or wider, under filters of kinds and statuses — the map of
//! a hundred million rows from the world down to a town — by summing cells rather than
//! reading every event's latitude and longitude: the map asks for whole cells
//! (`timeline::seam::grid`), in which a place is exactly when its cell is.
//!
//! Like the day counts they are counted from the events batches as they are written;
//! past [`MOST_PLACE_ROWS`] distinct keys of a grid (events spread over many days and
//! places) that grid is not kept, and the map asks the events for cells finer than
//! the grids kept.

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

/// One grid's counts being gathered.
struct Grid {
    level: i8,
    tallies: HashMap<Key, i64>,
    /// More were met: none are kept.
    overflowed: bool,
}

/// Place counts being gathered.
pub struct PlaceCounts {
    grids: Vec<Grid>,
    most: usize,
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
                    tallies: HashMap::new(),
                    overflowed: false,
                })
                .collect(),
            most,
        }
    }

    /// Counts the events of `batch` (in the layout's schema).
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), String> {
        if self.grids.iter().all(|g| g.overflowed) {
            return Ok(());
        }
        let kind = column::<Int8Array>(batch, "kind")?;
        let status = column::<Int8Array>(batch, "status")?;
        let start = column::<Int32Array>(batch, "start_day")?;
        let end = column::<Int32Array>(batch, "end_day")?;
        let lat = column::<Float64Array>(batch, "lat")?;
        let lon = column::<Float64Array>(batch, "lon")?;
        for i in 0..batch.num_rows() {
            // As the engine's SQL and the window place an event: a row with both, placed
            // once for every grid.
            let at = (lat.is_valid(i) && lon.is_valid(i))
                .then(|| web_mercator(lat.value(i), lon.value(i)));
            for grid in self.grids.iter_mut().filter(|g| !g.overflowed) {
                let cell = at.map(|(x, y)| cell_index(x, y, cell_of_level(grid.level)));
                let key = (
                    start.value(i),
                    end.value(i),
                    kind.value(i),
                    status.value(i),
                    cell,
                );
                *grid.tallies.entry(key).or_default() += 1;
            }
        }
        for grid in &mut self.grids {
            if grid.tallies.len() > self.most {
                grid.overflowed = true;
                grid.tallies = HashMap::new();
            }
        }
        Ok(())
    }

    /// The counts of the grids kept as one batch, by level, first day, last day, kind,
    /// status and cell; none if no grid was kept.
    pub fn batch(&self) -> Result<Option<RecordBatch>, String> {
        if self.grids.iter().all(|g| g.overflowed) {
            return Ok(None);
        }
        let mut keys: Vec<(i8, &Key, i64)> = self
            .grids
            .iter()
            .filter(|g| !g.overflowed)
            .flat_map(|g| g.tallies.iter().map(|(k, &n)| (g.level, k, n)))
            .collect();
        keys.sort_unstable_by_key(|k| (k.0, *k.1));
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
    /// Whether they were written.
    pub fn write(&self, out: &Path, tie: &str) -> Result<bool, String> {
        super::layout::write_tied_or_remove(self.batch()?.as_ref(), out, tie)
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
    /// most kept a grid is not, and with none kept writing removes an earlier
    /// conversion's.
    #[test]
    fn unplaced_events_count_and_too_many_places_are_not_kept() -> Result<(), String> {
        // The test batch's rows have no coordinates.
        let mut counts = PlaceCounts::keeping_at_most(3);
        counts.add(&batch(&[(0, 0), (0, 0), (5, 9)]))?;
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
        counts.add(&batch(&[(6, 6), (7, 7)]))?;
        assert!(counts.batch()?.is_none());
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("t.places.parquet");
        std::fs::write(&out, b"left").map_err(|e| e.to_string())?;
        assert!(!counts.write(&out, "1 x")?);
        assert!(!out.exists());
        Ok(())
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
