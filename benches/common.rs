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
