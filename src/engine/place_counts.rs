//! The place counts written beside a converted table (`OUT.places.parquet`): how many
//! events of each kind and status, first and last day, fall in each cell of a fine
//! Web Mercator grid ([`FINE_CELL`]), and how many have no place (a row with no cell).
//! They answer the map's question in cells that wide or wider, under filters of kinds
//! and statuses — the map of a hundred million rows from the world down to a region —
//! by summing cells rather than reading every event's latitude and longitude: the map
//! asks for whole cells (`timeline::seam::grid`), in which a place is exactly when its
//! cell is.
//!
//! Like the day counts they are counted from the events batches as they are written;
//! past [`MOST_PLACE_ROWS`] distinct keys (events spread over many days and places)
//! none are kept, and the map asks the events.

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

/// The side of a counted cell in Web Mercator units (the world is 1 wide): 2⁻¹⁰, about
/// 39 km at the equator. A question in cells this wide or wider is answered from the
/// counts.
pub const FINE_CELL: f64 = 1.0 / 1024.0;

/// Most rows kept: past them (about two hundred megabytes while converting) none are.
pub const MOST_PLACE_ROWS: usize = 4_000_000;

/// (first day, last day, kind, status, cell or none).
type Key = (i32, i32, i8, i8, Option<(i32, i32)>);

/// Place counts being gathered.
pub struct PlaceCounts {
    tallies: HashMap<Key, i64>,
    most: usize,
    /// More were met: none are kept.
    overflowed: bool,
}

impl Default for PlaceCounts {
    fn default() -> Self {
        Self::keeping_at_most(MOST_PLACE_ROWS)
    }
}

impl PlaceCounts {
    /// Place counts to gather, none kept if more than `most` keys are met.
    pub fn keeping_at_most(most: usize) -> Self {
        Self {
            tallies: HashMap::new(),
            most,
            overflowed: false,
        }
    }

    /// Counts the events of `batch` (in the layout's schema).
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), String> {
        if self.overflowed {
            return Ok(());
        }
        let kind = column::<Int8Array>(batch, "kind")?;
        let status = column::<Int8Array>(batch, "status")?;
        let start = column::<Int32Array>(batch, "start_day")?;
        let end = column::<Int32Array>(batch, "end_day")?;
        let lat = column::<Float64Array>(batch, "lat")?;
        let lon = column::<Float64Array>(batch, "lon")?;
        for i in 0..batch.num_rows() {
            // As the engine's SQL and the window place an event: a row with both.
            let cell = (lat.is_valid(i) && lon.is_valid(i)).then(|| {
                let (x, y) = web_mercator(lat.value(i), lon.value(i));
                cell_index(x, y, FINE_CELL)
            });
            let key = (
                start.value(i),
                end.value(i),
                kind.value(i),
                status.value(i),
                cell,
            );
            *self.tallies.entry(key).or_default() += 1;
        }
        if self.tallies.len() > self.most {
            self.overflowed = true;
            self.tallies = HashMap::new();
        }
        Ok(())
    }

    /// The counts as one batch, by first day, last day, kind, status and cell; none if
    /// too many were met.
    pub fn batch(&self) -> Result<Option<RecordBatch>, String> {
        if self.overflowed {
            return Ok(None);
        }
        let mut keys: Vec<(&Key, &i64)> = self.tallies.iter().collect();
        keys.sort_unstable_by_key(|k| *k.0);
        let schema = Arc::new(Schema::new(vec![
            Field::new("start_day", DataType::Int32, false),
            Field::new("end_day", DataType::Int32, false),
            Field::new("kind", DataType::Int8, false),
            Field::new("status", DataType::Int8, false),
            Field::new("cx", DataType::Int32, true),
            Field::new("cy", DataType::Int32, true),
            Field::new("events", DataType::Int64, false),
        ]));
        let columns: Vec<Arc<dyn Array>> = vec![
            Arc::new(keys.iter().map(|k| k.0.0).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.0.1).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.0.2).collect::<Int8Array>()),
            Arc::new(keys.iter().map(|k| k.0.3).collect::<Int8Array>()),
            Arc::new(
                keys.iter()
                    .map(|k| k.0.4.map(|c| c.0))
                    .collect::<Int32Array>(),
            ),
            Arc::new(
                keys.iter()
                    .map(|k| k.0.4.map(|c| c.1))
                    .collect::<Int32Array>(),
            ),
            Arc::new(keys.iter().map(|k| *k.1).collect::<Int64Array>()),
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

/// How many fine cells make one side of a question's cell `cell` wide: a whole power
/// of two, or `None` when the question's cells are finer than the counted ones (or not
/// a power of two), and the events must be asked.
pub fn cells_per_side(cell: f64) -> Option<i32> {
    let ratio = cell / FINE_CELL;
    if !(1.0..=f64::from(1 << 30)).contains(&ratio) || ratio.fract() != 0.0 {
        return None;
    }
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a whole number between 1 and 2^30, checked above"
    )]
    let n = ratio as i32;
    (n.count_ones() == 1).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::test_batch as batch;

    /// Events without a place are kept as a row with no cell; past the most kept none
    /// are, and writing removes an earlier conversion's.
    #[test]
    fn unplaced_events_count_and_too_many_places_are_not_kept() -> Result<(), String> {
        // The test batch's rows have no coordinates.
        let mut counts = PlaceCounts::keeping_at_most(3);
        counts.add(&batch(&[(0, 0), (0, 0), (5, 9)]))?;
        let b = counts.batch()?.ok_or("kept")?;
        let events = column::<Int64Array>(&b, "events")?;
        let cx = column::<Int32Array>(&b, "cx")?;
        assert_eq!(b.num_rows(), 2);
        assert_eq!((events.value(0), cx.is_null(0)), (2, true));
        counts.add(&batch(&[(6, 6), (7, 7)]))?;
        assert!(counts.batch()?.is_none());
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("t.places.parquet");
        std::fs::write(&out, b"left").map_err(|e| e.to_string())?;
        assert!(!counts.write(&out, "1 x")?);
        assert!(!out.exists());
        Ok(())
    }

    /// A question's cells are whole powers of two of the counted ones, or not asked of
    /// them.
    #[test]
    fn only_coarser_power_of_two_cells_are_answered_from_the_counts() {
        assert_eq!(cells_per_side(FINE_CELL), Some(1));
        assert_eq!(cells_per_side(1.0 / 64.0), Some(16));
        assert_eq!(cells_per_side(1.0), Some(1024));
        assert_eq!(cells_per_side(FINE_CELL / 2.0), None);
        assert_eq!(cells_per_side(3.0 / 1024.0), None);
        assert_eq!(cells_per_side(f64::NAN), None);
    }
}
