//! Filtering and searching: what runs (on a worker thread for large datasets) when the
//! user changes a filter or types in the search field.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;

use claimline::model::EventKind;
use claimline::timeline::{Derived, Document, Filter, LaneMode};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};

mod common;

/// Hiding a kind and searching for `words`, with lanes by `mode`.
fn hide_and_search(
    group: &mut BenchmarkGroup<'_, WallTime>,
    doc: &Document,
    mode: LaneMode,
    (search_name, words): (&str, &str),
) {
    let mut by_kind = Filter::default();
    by_kind.set_kind(EventKind::Denial, false);
    group.bench_function("hide one kind", |b| {
        b.iter(|| black_box(Derived::compute(doc, &by_kind, mode).filtered.len()));
    });
    let search = Filter {
        text: words.to_owned(),
        ..Filter::default()
    };
    group.bench_function(search_name, |b| {
        b.iter(|| black_box(Derived::compute(doc, &search, mode).filtered.len()));
    });
}

fn filters(c: &mut Criterion) {
    for n in common::sizes() {
        let doc = common::document(n);
        let mut group = c.benchmark_group(format!("filter/{n}"));
        if n >= 1_000_000 {
            group.sample_size(10);
        }
        hide_and_search(
            &mut group,
            &doc,
            LaneMode::Kind,
            ("search quotes", "pure invention"),
        );
        group.bench_function("lanes by actor", |b| {
            b.iter(|| {
                black_box(
                    Derived::compute(&doc, &Filter::default(), LaneMode::Actor)
                        .lanes
                        .len(),
                )
            });
        });
        group.finish();
    }
}

/// The same on generated tables (lanes by their lane column).
fn table_filters(c: &mut Criterion) {
    for n in common::table_sizes() {
        let doc = common::table_document(n);
        let mut group = c.benchmark_group(format!("filter-table/{n}"));
        group.sample_size(10);
        hide_and_search(
            &mut group,
            &doc,
            LaneMode::Group,
            ("search titles", "ceasefire"),
        );
        group.finish();
    }
}

criterion_group!(benches, filters, table_filters);
criterion_main!(benches);
