//! Datasets for the benchmarks: the synthetic generator at the sizes the targets name.

#![allow(dead_code, reason = "each benchmark uses a different subset")]
#![allow(
    clippy::expect_used,
    reason = "a benchmark without its input cannot run"
)]

use std::path::Path;

use claimline::generate::{GenerateOptions, generate};
use claimline::load::{LoadOptions, load_built};
use claimline::save::{Layout, to_ron};
use claimline::timeline::{Document, Origin};

/// The sizes every benchmark runs at (`CLAIMLINE_BENCH_SIZES=10000,100000` to choose).
pub fn sizes() -> Vec<usize> {
    std::env::var("CLAIMLINE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// The RON text of a generated dataset of `n` events (seed 1), as `claimline generate`
/// writes it.
pub fn ron_text(n: usize) -> String {
    let ds = generate(GenerateOptions { events: n, seed: 1 }).expect("generate");
    to_ron(&ds, Layout::Compact).expect("serialize")
}

/// A generated document of `n` events, ready to show.
pub fn document(n: usize) -> Document {
    let ds = generate(GenerateOptions { events: n, seed: 1 }).expect("generate");
    let loaded = load_built(ds, Path::new("bench.ron"), LoadOptions::default()).expect("valid");
    Document::new(loaded, Origin::File("bench.ron".into()))
}

/// The table sizes the table benchmarks run at (`CLAIMLINE_BENCH_TABLE_SIZES=1000000,
/// 10000000` to choose; ten million rows take 1.8 GB of disk and about 2.6 GB of memory).
pub fn table_sizes() -> Vec<usize> {
    std::env::var("CLAIMLINE_BENCH_TABLE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000_000])
}

/// A generated table of `n` rows (seed 1), as `claimline generate --format csv` writes
/// it, kept under `target/bench-data/` between runs.
pub fn table_file(n: usize) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let path = dir.join(format!("table-{n}.csv"));
    if !path.exists() {
        let partial = dir.join(format!("table-{n}.csv.partial"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&partial).expect("create"));
        claimline::generate::table::write_table(n, 1, &mut out).expect("write table");
        drop(out);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
}

/// A generated table of `n` rows, loaded and ready to show.
pub fn table_document(n: usize) -> Document {
    let path = table_file(n);
    let loaded =
        claimline::load::load_file(&path, LoadOptions::default(), None).expect("valid table");
    Document::new(loaded, Origin::File(path))
}
