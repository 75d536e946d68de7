//! The spans written beside a converted table (`OUT.spans.parquet`): per kind and
//! status, the distinct spans of days — first and last possible day — with how many
//! events have each. The compressed axis is laid out from them
//! ([`crate::timeline::axis::TimeAxis::build_weighted`]), so a table of any size opens
//! with it without reading its events (docs/scaling.md).
//!
//! Events shorter than the shortest break ([`MIN_GAP_DAYS`]) are never cut by one: only
//! their union counts, and how many start on each day. So those starting on one day are
//! kept as one span reaching as far as the longest of them, and the spans stay about as
//! many as days unless long events of many lengths abound. Past [`MOST_SPANS`] they are
//! not kept at all (opening then reads the events, or draws a large table linear).
//! Like the day counts, they are counted from the events batches as they are written.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{Array, Int8Array, Int32Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};

use super::layout::column;
use crate::timeline::axis::MIN_GAP_DAYS;

/// Most spans kept: past them (some hundreds of megabytes while converting) none are.
pub const MOST_SPANS: usize = 4_000_000;

/// (kind, status, first day, last day).
type Key = (i8, i8, i32, i32);

/// Spans being gathered.
pub struct Spans {
    /// Events per span at least [`MIN_GAP_DAYS`] long.
    long: HashMap<Key, i64>,
    /// Events shorter, per kind, status and first day: the last day of the longest
    /// and how many there are.
    short: HashMap<(i8, i8, i32), (i32, i64)>,
    /// Most spans kept ([`MOST_SPANS`]).
    most: usize,
    /// More were met: none are kept.
    overflowed: bool,
}

impl Default for Spans {
    fn default() -> Self {
        Self::keeping_at_most(MOST_SPANS)
    }
}

impl Spans {
    /// Spans to gather, none kept if more than `most` are met.
    pub fn keeping_at_most(most: usize) -> Self {
        Self {
            long: HashMap::new(),
            short: HashMap::new(),
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
        for i in 0..batch.num_rows() {
            let (k, s, a, z) = (kind.value(i), status.value(i), start.value(i), end.value(i));
            // Its days are [a, z + 1).
            if f64::from(z) - f64::from(a) + 1.0 < MIN_GAP_DAYS {
                let kept = self.short.entry((k, s, a)).or_insert((z, 0));
                kept.0 = kept.0.max(z);
                kept.1 += 1;
            } else {
                *self.long.entry((k, s, a, z)).or_default() += 1;
            }
        }
        if self.long.len() + self.short.len() > self.most {
            self.overflowed = true;
            self.long = HashMap::new();
            self.short = HashMap::new();
        }
        Ok(())
    }

    /// The spans as one batch, in order of first day, last day, kind and status; none
    /// if too many were met.
    pub fn batch(&self) -> Result<Option<RecordBatch>, String> {
        if self.overflowed {
            return Ok(None);
        }
        let mut keys: Vec<(Key, i64)> = self
            .long
            .iter()
            .map(|(&k, &n)| (k, n))
            .chain(
                self.short
                    .iter()
                    .map(|(&(k, s, a), &(z, n))| ((k, s, a, z), n)),
            )
            .collect();
        keys.sort_unstable_by_key(|&((k, s, a, z), _)| (a, z, k, s));
        let schema = Arc::new(Schema::new(vec![
            Field::new("kind", DataType::Int8, false),
            Field::new("status", DataType::Int8, false),
            Field::new("start_day", DataType::Int32, false),
            Field::new("end_day", DataType::Int32, false),
            Field::new("events", DataType::Int64, false),
        ]));
        let columns: Vec<Arc<dyn Array>> = vec![
            Arc::new(keys.iter().map(|k| k.0.0).collect::<Int8Array>()),
            Arc::new(keys.iter().map(|k| k.0.1).collect::<Int8Array>()),
            Arc::new(keys.iter().map(|k| k.0.2).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.0.3).collect::<Int32Array>()),
            Arc::new(keys.iter().map(|k| k.1).collect::<Int64Array>()),
        ];
        RecordBatch::try_new(schema, columns)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// Writes the spans to `out`, atomically, tied to their events file by `tie`; if
    /// too many were met, removes any left there by an earlier conversion instead.
    /// Whether they were written.
    pub fn write(&self, out: &Path, tie: &str) -> Result<bool, String> {
        super::layout::write_tied_or_remove(self.batch()?.as_ref(), out, tie)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::test_batch as batch;
    use crate::timeline::TimeScale;
    use crate::timeline::axis::{Interval, TimeAxis};

    /// Short events starting on one day are kept as one span, long ones apart, and the
    /// compressed axis laid out from what is kept is the one laid out from every event:
    /// a long event that splits a break still splits it.
    #[test]
    fn the_spans_kept_lay_out_the_axis_every_event_does() -> Result<(), String> {
        let days = [
            (0, 0),
            (0, 5),
            (0, 2),
            (3, 3),
            (400, 420),
            (400, 900),
            (200, 230),
            (1000, 1000),
            (1000, 1003),
        ];
        let mut spans = Spans::default();
        spans.add(&batch(&days))?;
        let out = spans.batch()?.ok_or("kept")?;
        let start = column::<Int32Array>(&out, "start_day")?;
        let end = column::<Int32Array>(&out, "end_day")?;
        let events = column::<Int64Array>(&out, "events")?;
        let kept: Vec<(i32, i32, i64)> = (0..out.num_rows())
            .map(|i| (start.value(i), end.value(i), events.value(i)))
            .collect();
        assert_eq!(
            kept,
            vec![
                (0, 5, 3),
                (3, 3, 1),
                (200, 230, 1),
                (400, 420, 1),
                (400, 900, 1),
                (1000, 1003, 2)
            ]
        );
        let interval = |a: i32, z: i32| Interval {
            start: f64::from(a),
            end: f64::from(z) + 1.0,
        };
        let every: Vec<Interval> = days.iter().map(|&(a, z)| interval(a, z)).collect();
        let intervals: Vec<Interval> = kept.iter().map(|&(a, z, _)| interval(a, z)).collect();
        let weights: Vec<u64> = kept.iter().map(|k| k.2.unsigned_abs()).collect();
        let from_every = TimeAxis::build(&every, TimeScale::Compressed);
        assert!(!from_every.gaps.is_empty(), "the events leave breaks");
        assert_eq!(
            TimeAxis::build_weighted(&intervals, &weights, TimeScale::Compressed),
            from_every
        );
        Ok(())
    }

    /// Past the most kept none are, and writing removes an earlier conversion's.
    #[test]
    fn too_many_spans_are_not_kept() -> Result<(), String> {
        let mut spans = Spans::keeping_at_most(5);
        spans.add(&batch(&[(0, 0), (0, 30), (0, 31), (1, 40)]))?;
        assert!(spans.batch()?.is_some(), "four are kept");
        spans.add(&batch(&[(2, 50), (3, 60)]))?;
        assert!(spans.batch()?.is_none());
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("t.spans.parquet");
        std::fs::write(&out, b"left").map_err(|e| e.to_string())?;
        assert!(!spans.write(&out, "1 x")?);
        assert!(!out.exists());
        Ok(())
    }
}
