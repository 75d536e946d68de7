//! The day counts written beside a converted table (`OUT.counts.parquet`): per kind,
//! status and exactness, how many events start and end on each day, how many have
//! their middle on it (`mids`) or half a day after it (`half_mids`), and of those how
//! many take part in a relation (`disputed_mids`, `disputed_half_mids`). They answer the
//! overview with its disputed share and a zoomed-out view of the whole file, at most
//! kinds × statuses × 2 × days rows whatever the number of events.
//!
//! They are counted from the events batches as they are written, so a conversion reads
//! its rows once.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, BooleanArray, Int8Array, Int32Array, Int64Array, RecordBatch, UInt32Array,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use super::layout::column;

/// (day, kind, status, exact).
type Key = (i32, i8, i8, bool);

/// Starts, ends, mids, half-mids, and the mids and half-mids of events in a relation.
type Tally = [i64; 6];

/// Day counts being gathered.
#[derive(Default)]
pub struct DayCounts {
    tallies: HashMap<Key, Tally>,
    /// The rows that take part in a relation.
    disputed: HashSet<u32>,
}

impl DayCounts {
    /// Day counts to gather, where the events of `disputed` (rows) take part in a
    /// relation.
    pub fn new(disputed: HashSet<u32>) -> Self {
        Self {
            tallies: HashMap::new(),
            disputed,
        }
    }

    /// Counts the events of `batch` (in the layout's schema).
    pub fn add(&mut self, batch: &RecordBatch) -> Result<(), String> {
        let kind = column::<Int8Array>(batch, "kind")?;
        let status = column::<Int8Array>(batch, "status")?;
        let exact = column::<BooleanArray>(batch, "exact")?;
        let start = column::<Int32Array>(batch, "start_day")?;
        let end = column::<Int32Array>(batch, "end_day")?;
        let row = column::<UInt32Array>(batch, "row")?;
        for i in 0..batch.num_rows() {
            let (k, s, x) = (kind.value(i), status.value(i), exact.value(i));
            let (a, z) = (start.value(i), end.value(i));
            self.tally((a, k, s, x))[0] += 1;
            self.tally((z, k, s, x))[1] += 1;
            // The middle, in half days: day * 2 + half = start + end + 1.
            let m = i64::from(a) + i64::from(z) + 1;
            let day = i32::try_from(m.div_euclid(2)).unwrap_or(a);
            let half = usize::from(m.rem_euclid(2) == 1);
            self.tally((day, k, s, x))[2 + half] += 1;
            if self.disputed.contains(&row.value(i)) {
                self.tally((day, k, s, x))[4 + half] += 1;
            }
        }
        Ok(())
    }

    fn tally(&mut self, key: Key) -> &mut Tally {
        self.tallies.entry(key).or_default()
    }

    /// The counts as one batch, by day, kind, status and exactness.
    pub fn batch(&self) -> Result<RecordBatch, String> {
        let mut keys: Vec<(&Key, &Tally)> = self.tallies.iter().collect();
        keys.sort_unstable_by_key(|k| *k.0);
        let tally = |j: usize| -> Arc<dyn Array> {
            Arc::new(keys.iter().map(|k| k.1[j]).collect::<Int64Array>())
        };
        let schema = Arc::new(Schema::new(vec![
            Field::new("kind", DataType::Int8, false),
            Field::new("status", DataType::Int8, false),
            Field::new("exact", DataType::Boolean, false),
            Field::new("day", DataType::Int32, false),
            Field::new("starts", DataType::Int64, false),
            Field::new("ends", DataType::Int64, false),
            Field::new("mids", DataType::Int64, false),
            Field::new("half_mids", DataType::Int64, false),
            Field::new("disputed_mids", DataType::Int64, false),
            Field::new("disputed_half_mids", DataType::Int64, false),
        ]));
        RecordBatch::try_new(
            schema,
            vec![
                Arc::new(keys.iter().map(|k| k.0.1).collect::<Int8Array>()),
                Arc::new(keys.iter().map(|k| k.0.2).collect::<Int8Array>()),
                Arc::new(keys.iter().map(|k| Some(k.0.3)).collect::<BooleanArray>()),
                Arc::new(keys.iter().map(|k| k.0.0).collect::<Int32Array>()),
                tally(0),
                tally(1),
                tally(2),
                tally(3),
                tally(4),
                tally(5),
            ],
        )
        .map_err(|e| e.to_string())
    }

    /// Writes the counts to `out`, atomically, tied to their events file by `tie`.
    pub fn write(&self, out: &Path, tie: &str) -> Result<(), String> {
        super::layout::write_tied(&self.batch()?, out, tie)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::test_batch as batch;

    /// An event's middle, in half days (`start + end + 1`, its days being
    /// `[start, end + 1)`), is `day * 2 + half`, before 1970 (negative days) as after.
    #[test]
    fn middles_are_whole_or_half_days_on_both_sides_of_day_zero() -> Result<(), String> {
        // Rows 1 and 2 are in a relation.
        let mut c = DayCounts::new(HashSet::from([1, 2]));
        // Middles in half days: 11 (4..=6), 12 (5..=6), -5 (-4..=-2), -6 (-4..=-3).
        c.add(&batch(&[(4, 6), (5, 6), (-4, -2), (-4, -3)]))?;
        let b = c.batch()?;
        let day = column::<Int32Array>(&b, "day")?;
        let mids = column::<Int64Array>(&b, "mids")?;
        let half = column::<Int64Array>(&b, "half_mids")?;
        let starts = column::<Int64Array>(&b, "starts")?;
        let at = |d: i32| (0..b.num_rows()).find(|&i| day.value(i) == d);
        let whole_and_half = |d: i32| at(d).map(|i| (mids.value(i), half.value(i)));
        assert_eq!(whole_and_half(5), Some((0, 1)));
        assert_eq!(whole_and_half(6), Some((1, 0)));
        assert_eq!(whole_and_half(-3), Some((1, 1)));
        assert_eq!(whole_and_half(-4), Some((0, 0)));
        let disputed = column::<Int64Array>(&b, "disputed_mids")?;
        let disputed_half = column::<Int64Array>(&b, "disputed_half_mids")?;
        let of_disputed = |d: i32| at(d).map(|i| (disputed.value(i), disputed_half.value(i)));
        assert_eq!(of_disputed(5), Some((0, 0)));
        assert_eq!(of_disputed(6), Some((1, 0)));
        assert_eq!(of_disputed(-3), Some((0, 1)));
        assert_eq!(at(-4).map(|i| starts.value(i)), Some(2));
        let days: Vec<i32> = (0..b.num_rows()).map(|i| day.value(i)).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "by day: {days:?}");
        Ok(())
    }
}
