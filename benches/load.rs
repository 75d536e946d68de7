//! Loading: the bare RON parse of a file (serde's `IgnoredAny`: syntax only, nothing
//! kept) against Claimline's full load (parse into the compact model, validate, index),
//! and a generated table's full load from its file.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use claimline::load::{LoadOptions, load_bytes};
use claimline::timeline::{Document, Origin};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn load(c: &mut Criterion) {
    for n in common::sizes() {
        let text = common::ron_text(n);
        let mut group = c.benchmark_group(format!("load/{n}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if n >= 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(60));
        } else if n >= 100_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(15));
        }
        group.bench_function("bare ron parse", |b| {
            b.iter(|| {
                let parsed: Result<serde::de::IgnoredAny, _> = ron::Options::default()
                    .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                    .from_str(black_box(&text));
                black_box(parsed.is_ok())
            });
        });
        group.bench_function("full load", |b| {
            b.iter(|| {
                let loaded = load_bytes(
                    black_box(text.as_bytes()),
                    Path::new("bench.ron"),
                    LoadOptions::default(),
                    None,
                );
                black_box(
                    loaded
                        .map(|l| Document::new(l, Origin::File("bench.ron".into())))
                        .is_ok(),
                )
            });
        });
        group.finish();
    }
}

/// A generated table, loaded from its file as `claimline check` and the app do: read on
/// every core, validated, indexed.
fn load_table(c: &mut Criterion) {
    for n in common::table_sizes() {
        let path = common::table_file(n);
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let mut group = c.benchmark_group(format!("load-table/{n}"));
        group.throughput(Throughput::Bytes(bytes));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if n >= 10_000_000 { 120 } else { 30 }));
        group.bench_function("full load", |b| {
            b.iter(|| {
                let loaded = claimline::load::load_file(&path, LoadOptions::default(), None);
                black_box(
                    loaded
                        .map(|l| Document::new(l, Origin::File(path.clone())))
                        .is_ok(),
                )
            });
        });
        group.finish();
    }
}

criterion_group!(benches, load, load_table);
criterion_main!(benches);
