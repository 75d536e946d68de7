//! The external sort of `convert`: rows streamed in are gathered a run at a time
//! ([`RUN_ROWS`]), each run is sorted in memory and written to a temporary Parquet file,
//! and [`merge`] reads every run a small batch at a time and interleaves them in order.
//!
//! Memory holds one run while the table streams in, then one small batch per run while
//! merging: bounded however large the table, with nothing spilled beyond the runs
//! themselves (compressed, about the size of the output).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::path::{Path, PathBuf};

use datafusion::arrow::array::{Array, Int32Array, UInt32Array};
use datafusion::arrow::compute::interleave_record_batch;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::arrow::arrow_reader::{
    ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder,
};
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};

use super::layout::{BATCH_ROWS, Batch, EventRow};

/// Rows sorted in memory at a time: each becomes one run on disk.
pub const RUN_ROWS: usize = 1 << 20;
/// Rows per row group of a run: what one run's reader holds compressed while merging.
const RUN_GROUP_ROWS: usize = 16 * 1024;
/// Rows per batch read from each run while merging.
const MERGE_BATCH_ROWS: usize = 4 * 1024;

/// Why sorting failed: what was being done and what went wrong.
#[derive(Debug)]
pub struct SortError {
    /// What was being done.
    pub what: &'static str,
    /// What went wrong.
    pub why: String,
}

fn fail(what: &'static str) -> impl Fn(&dyn std::fmt::Display) -> SortError {
    move |why| SortError {
        what,
        why: why.to_string(),
    }
}

/// The order of the output: first possible day, last possible day, then input order.
type Key = (i32, i32, u32);

/// The key columns of a batch in the layout's schema.
struct Keys {
    start: Int32Array,
    end: Int32Array,
    row: UInt32Array,
}

impl Keys {
    fn of(batch: &RecordBatch) -> Result<Self, SortError> {
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .ok_or_else(|| fail("sorting the rows")(&format!("no column {name}")))
        };
        let int = |name: &str| {
            column(name)?
                .as_any()
                .downcast_ref::<Int32Array>()
                .cloned()
                .ok_or_else(|| fail("sorting the rows")(&format!("{name} is not a day")))
        };
        let row = column("row")?
            .as_any()
            .downcast_ref::<UInt32Array>()
            .cloned()
            .ok_or_else(|| fail("sorting the rows")(&"row is not a number"))?;
        Ok(Self {
            start: int("start_day")?,
            end: int("end_day")?,
            row,
        })
    }

    fn key(&self, i: usize) -> Key {
        (self.start.value(i), self.end.value(i), self.row.value(i))
    }
}

/// Rows gathered into runs, each sorted and written to a file in `dir`.
pub struct SortedRuns {
    dir: PathBuf,
    batch: Batch,
    pending: Vec<RecordBatch>,
    pending_rows: usize,
    run_rows: usize,
    runs: Vec<PathBuf>,
}

impl SortedRuns {
    /// Runs of `run_rows` rows (at least one; [`RUN_ROWS`] for a conversion) written
    /// into `dir`, a temporary folder the caller removes.
    pub fn new(dir: &Path, run_rows: usize) -> Self {
        Self {
            dir: dir.to_owned(),
            batch: Batch::default(),
            pending: Vec::new(),
            pending_rows: 0,
            run_rows: run_rows.max(1),
            runs: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, r: &EventRow) -> Result<(), SortError> {
        self.batch.push(r);
        if self.batch.len() >= BATCH_ROWS.min(self.run_rows) {
            self.gather()?;
        }
        Ok(())
    }

    fn gather(&mut self) -> Result<(), SortError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = self
            .batch
            .finish()
            .map_err(|e| fail("gathering rows")(&e))?;
        self.pending_rows += batch.num_rows();
        self.pending.push(batch);
        if self.pending_rows >= self.run_rows {
            self.write_run()?;
        }
        Ok(())
    }

    /// Sorts the rows gathered and writes them as one run.
    fn write_run(&mut self) -> Result<(), SortError> {
        let pending = std::mem::take(&mut self.pending);
        self.pending_rows = 0;
        let Some(first) = pending.first() else {
            return Ok(());
        };
        let mut order: Vec<(Key, usize, usize)> = Vec::new();
        for (b, batch) in pending.iter().enumerate() {
            let keys = Keys::of(batch)?;
            order.extend((0..batch.num_rows()).map(|i| (keys.key(i), b, i)));
        }
        order.sort_unstable_by_key(|o| o.0);
        let writing = fail("writing a sorted run");
        let path = self.dir.join(format!("run-{:06}.parquet", self.runs.len()));
        let file = File::create(&path).map_err(|e| writing(&e))?;
        let mut writer = ArrowWriter::try_new(file, first.schema(), Some(run_properties()))
            .map_err(|e| writing(&e))?;
        let batches: Vec<&RecordBatch> = pending.iter().collect();
        for chunk in order.chunks(BATCH_ROWS) {
            let indices: Vec<(usize, usize)> = chunk.iter().map(|o| (o.1, o.2)).collect();
            let sorted = interleave_record_batch(&batches, &indices).map_err(|e| writing(&e))?;
            writer.write(&sorted).map_err(|e| writing(&e))?;
        }
        writer.close().map_err(|e| writing(&e))?;
        self.runs.push(path);
        Ok(())
    }

    /// Writes what is left as the last run; the runs, in the order written.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, SortError> {
        self.gather()?;
        self.write_run()?;
        Ok(self.runs)
    }
}

/// Runs are read back once, soon: light compression, small row groups, no statistics.
fn run_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_max_row_group_row_count(Some(RUN_GROUP_ROWS))
        .set_statistics_enabled(EnabledStatistics::None)
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(1).unwrap_or_default()))
        .build()
}

/// One run being read: its current batch and the next row in it.
struct Cursor {
    reader: ParquetRecordBatchReader,
    batch: RecordBatch,
    keys: Keys,
    next: usize,
    /// Where `batch` is in the merge's list of batches.
    slot: usize,
}

impl Cursor {
    fn open(path: &Path) -> Result<Option<Self>, SortError> {
        let reading = fail("reading a sorted run");
        let file = File::open(path).map_err(|e| reading(&e))?;
        let mut reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| reading(&e))?
            .with_batch_size(MERGE_BATCH_ROWS)
            .build()
            .map_err(|e| reading(&e))?;
        match next_batch(&mut reader)? {
            Some(batch) => Ok(Some(Self {
                keys: Keys::of(&batch)?,
                batch,
                reader,
                next: 0,
                slot: 0,
            })),
            None => Ok(None),
        }
    }
}

fn next_batch(reader: &mut ParquetRecordBatchReader) -> Result<Option<RecordBatch>, SortError> {
    loop {
        match reader.next() {
            None => return Ok(None),
            Some(Err(e)) => return Err(fail("reading a sorted run")(&e)),
            Some(Ok(b)) if b.num_rows() == 0 => {}
            Some(Ok(b)) => return Ok(Some(b)),
        }
    }
}

/// Merges sorted `runs` in key order, handing `out` batches of up to [`BATCH_ROWS`] rows.
pub fn merge(
    runs: &[PathBuf],
    mut out: impl FnMut(&RecordBatch) -> Result<(), SortError>,
) -> Result<(), SortError> {
    let mut cursors = Vec::new();
    for path in runs {
        cursors.extend(Cursor::open(path)?);
    }
    // The batches the rows taken since the last output point into.
    let mut batches: Vec<RecordBatch> = Vec::new();
    let mut heap = BinaryHeap::new();
    for (c, cursor) in cursors.iter_mut().enumerate() {
        cursor.slot = batches.len();
        batches.push(cursor.batch.clone());
        heap.push(Reverse((cursor.keys.key(0), c)));
    }
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(BATCH_ROWS);
    let emit = |batches: &mut Vec<RecordBatch>,
                taken: &mut Vec<(usize, usize)>,
                cursors: &mut Vec<Cursor>,
                out: &mut dyn FnMut(&RecordBatch) -> Result<(), SortError>|
     -> Result<(), SortError> {
        if taken.is_empty() {
            return Ok(());
        }
        let refs: Vec<&RecordBatch> = batches.iter().collect();
        let merged =
            interleave_record_batch(&refs, taken).map_err(|e| fail("merging the runs")(&e))?;
        out(&merged)?;
        taken.clear();
        // Keep only the batches still being read.
        batches.clear();
        for cursor in cursors.iter_mut() {
            cursor.slot = batches.len();
            batches.push(cursor.batch.clone());
        }
        Ok(())
    };
    while let Some(Reverse((_, c))) = heap.pop() {
        let Some(cursor) = cursors.get_mut(c) else {
            continue;
        };
        taken.push((cursor.slot, cursor.next));
        cursor.next += 1;
        if cursor.next >= cursor.batch.num_rows() {
            if let Some(batch) = next_batch(&mut cursor.reader)? {
                cursor.keys = Keys::of(&batch)?;
                cursor.batch = batch;
                cursor.next = 0;
                cursor.slot = batches.len();
                batches.push(cursor.batch.clone());
            } else {
                cursor.next = usize::MAX;
            }
        }
        if cursor.next != usize::MAX {
            heap.push(Reverse((cursor.keys.key(cursor.next), c)));
        }
        if taken.len() >= BATCH_ROWS {
            emit(&mut batches, &mut taken, &mut cursors, &mut out)?;
        }
    }
    emit(&mut batches, &mut taken, &mut cursors, &mut out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::test_row as row;

    /// Rows in a scrambled order, over several runs and more than one output batch,
    /// merge into one order with every row once and its columns with it.
    #[test]
    fn runs_merge_into_one_order_with_every_row_once() -> Result<(), SortError> {
        let dir = tempfile::tempdir().map_err(|e| fail("test")(&e))?;
        let mut runs = SortedRuns::new(dir.path(), 40_000);
        let n: u32 = 150_017;
        let mut expected = Vec::new();
        for r in 0..n {
            // A scrambled start day, with many ties.
            let start = i32::try_from(r.wrapping_mul(2_654_435_761) % 1000).unwrap_or(0) - 500;
            let end = start + i32::try_from(r % 3).unwrap_or(0);
            runs.push(&row(r, start, end))?;
            expected.push((start, end, r));
        }
        let paths = runs.finish()?;
        assert_eq!(paths.len(), 4, "three full runs and the rest");
        expected.sort_unstable();
        let mut got = Vec::new();
        let mut actors_ok = true;
        let mut outputs = 0;
        merge(&paths, |b| {
            assert!(b.num_rows() <= BATCH_ROWS);
            outputs += 1;
            let keys = Keys::of(b)?;
            let actors = b.column_by_name("actors").and_then(|a| {
                a.as_any()
                    .downcast_ref::<datafusion::arrow::array::ListArray>()
                    .cloned()
            });
            for i in 0..b.num_rows() {
                got.push(keys.key(i));
                let first = actors.as_ref().map(|a| {
                    let v = a.value(i);
                    v.as_any()
                        .downcast_ref::<datafusion::arrow::array::StringArray>()
                        .map(|s| s.value(0).to_owned())
                });
                actors_ok &= first.flatten().as_deref()
                    == Some(format!("a{}", keys.row.value(i) % 7).as_str());
            }
            Ok(())
        })?;
        assert_eq!(outputs, 3, "150,017 rows in batches of 65,536");
        assert_eq!(got.len(), expected.len());
        assert!(got == expected, "merged rows are not in key order");
        assert!(
            actors_ok,
            "a row's other columns did not travel with its key"
        );
        Ok(())
    }

    #[test]
    fn no_rows_make_no_runs_and_merge_to_nothing() -> Result<(), SortError> {
        let dir = tempfile::tempdir().map_err(|e| fail("test")(&e))?;
        let paths = SortedRuns::new(dir.path(), RUN_ROWS).finish()?;
        assert!(paths.is_empty());
        let mut batches = 0;
        merge(&paths, |_| {
            batches += 1;
            Ok(())
        })?;
        assert_eq!(batches, 0);
        Ok(())
    }
}
