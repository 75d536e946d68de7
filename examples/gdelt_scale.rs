//! GDELT at scale for BENCHMARKS.md (feature `engine`): a real GDELT 2.0 export
//! replayed to N rows and converted as it streams (no text file is written), then the
//! converted table opened by CAMEO root code.
//!
//!     cargo run --release --features engine --example gdelt_scale -- \
//!         tests/data/gdelt/20191024143000.export.CSV 100000000 /tmp/gdelt.parquet
//!
//! With ROWS 0, the table already at OUT is only opened.
//!
//! Every row is a real row of the export, all 61 columns as GDELT wrote them, but for
//! its `GLOBALEVENTID` (numbered on, as GDELT numbers them) and its dates (`SQLDATE`,
//! `MonthYear`, `Year`, `FractionDate` and `DATEADDED`: 200,000 rows a day from 19
//! February 2015, GDELT 2.0's first day, about as many as GDELT records). Every 200th row
//! repeats the row before it, `GLOBALEVENTID` and all, as an export joined from
//! overlapping downloads does. Prints the conversion's figures (rows, repeats dropped,
//! time, size, peak memory) and the opening's (lanes, time).

#[path = "support/peak_rss.rs"]
mod peak_rss;
use peak_rss::peak_rss_mb;

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use claimline::engine::convert::convert_reader;
use claimline::engine::queries::{Engine, EngineData};
use claimline::load::table::MappingSpec;
use claimline::timeline::seam::TimelineData as _;
use claimline::timeline::{Filter, LaneMode, TableAsk};

/// Rows a day, about GDELT 2.0's.
const ROWS_PER_DAY: u64 = 200_000;
/// One row in this many repeats the one before it.
const REPEAT_EVERY: u64 = 200;

/// The export's rows replayed to `total` rows, as text.
struct Replay {
    rows: Vec<Vec<String>>,
    total: u64,
    next: u64,
    /// The last row written, for a repeat.
    last: String,
    pending: Vec<u8>,
    at: usize,
}

impl Replay {
    fn line(&mut self) -> Option<String> {
        if self.next >= self.total {
            return None;
        }
        let i = self.next;
        self.next += 1;
        if i % REPEAT_EVERY == REPEAT_EVERY - 1 && !self.last.is_empty() {
            return Some(self.last.clone());
        }
        let real = &self.rows[usize::try_from(i % self.rows.len() as u64).unwrap_or(0)];
        let day = chrono::NaiveDate::from_ymd_opt(2015, 2, 19)
            .and_then(|d| d.checked_add_days(chrono::Days::new(i / ROWS_PER_DAY)))
            .unwrap_or_default();
        let ymd = day.format("%Y%m%d").to_string();
        let mut cells = real.clone();
        let set = |cells: &mut Vec<String>, at: usize, v: String| {
            if let Some(c) = cells.get_mut(at) {
                *c = v;
            }
        };
        set(&mut cells, 0, (1_000_000_000 + i).to_string());
        set(&mut cells, 1, ymd.clone());
        set(&mut cells, 2, ymd[..6].to_owned());
        set(&mut cells, 3, ymd[..4].to_owned());
        set(
            &mut cells,
            4,
            format!(
                "{}.{:04}",
                &ymd[..4],
                (day.format("%j").to_string().parse::<u32>().unwrap_or(1) * 10_000) / 366
            ),
        );
        set(&mut cells, 59, format!("{ymd}143000"));
        let line = cells.join("\t");
        self.last.clone_from(&line);
        Some(line)
    }
}

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.pending.len() {
            let Some(line) = self.line() else {
                return Ok(0);
            };
            self.pending.clear();
            self.pending.extend_from_slice(line.as_bytes());
            self.pending.push(b'\n');
            self.at = 0;
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Converts the replayed rows into `out`, printing the figures.
#[allow(clippy::print_stdout)]
fn convert(replay: Replay, out: &std::path::Path) -> Result<(), String> {
    let started = Instant::now();
    let done = convert_reader(
        Box::new(replay),
        std::path::Path::new("replayed.export.CSV"),
        out,
        &MappingSpec::default(),
    )
    .map_err(|e| e.to_string())?;
    let size = std::fs::metadata(out).map_or(0, |m| m.len());
    println!(
        "convert: {} events, {} rows not events {:?}, {:.1} s, {:.1} MiB, peak RSS {:.0} MiB",
        done.rows,
        done.skipped,
        done.not_events,
        started.elapsed().as_secs_f64(),
        size as f64 / 1_048_576.0,
        peak_rss_mb()
    );
    Ok(())
}

#[allow(clippy::print_stdout)]
fn main() -> Result<(), String> {
    let usage = "usage: gdelt_scale EXPORT.CSV ROWS OUT.parquet";
    let mut args = std::env::args().skip(1);
    let export = PathBuf::from(args.next().ok_or(usage)?);
    let total: u64 = args
        .next()
        .ok_or(usage)?
        .parse()
        .map_err(|e| format!("ROWS: {e}"))?;
    let out = PathBuf::from(args.next().ok_or(usage)?);
    let text =
        std::fs::read_to_string(&export).map_err(|e| format!("{}: {e}", export.display()))?;
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect::<Vec<_>>())
        .filter(|cells| cells.len() == 61)
        .collect();
    if rows.is_empty() {
        return Err(format!(
            "{}: no GDELT 2.0 rows (61 columns)",
            export.display()
        ));
    }
    println!(
        "replaying {} real rows of {} to {total} rows",
        rows.len(),
        export.display()
    );
    let replay = Replay {
        rows,
        total,
        next: 0,
        last: String::new(),
        pending: Vec::new(),
        at: 0,
    };
    if total > 0 {
        convert(replay, &out)?;
    }
    let started = Instant::now();
    let table = EngineData::open(
        &out,
        Engine::Embedded,
        &TableAsk::opening(&Filter::default(), LaneMode::Kind),
    )
    .map_err(|e| e.to_string())?;
    let lanes = table.lanes().map_err(|e| e.to_string())?;
    println!(
        "open: {:?} with {} lanes ({}) in {:.0} ms",
        table.lane_mode(),
        lanes.len(),
        lanes
            .iter()
            .take(4)
            .map(|l| format!("{} {}", l.label, l.count))
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
