//! `suggest` over articles: each of the built-in dataset's five captured articles, and
//! one of 1,000 words made of them (the target: ≤ 20 ms on one core).

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
#![allow(
    clippy::expect_used,
    reason = "a benchmark without its input cannot run"
)]

use std::hint::black_box;
use std::path::Path;

use claimline::load::{LoadOptions, load_file};
use claimline::suggest::suggest;
use criterion::{Criterion, criterion_group, criterion_main};

fn articles(c: &mut Criterion) {
    let loaded = load_file(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/trump-putin.ron")),
        LoadOptions::default(),
        None,
    )
    .expect("the built-in dataset");
    let ds = &loaded.dataset;
    let texts = claimline::corpus::source_texts(
        ds,
        Some(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))),
        None,
    );
    let actors: Vec<(String, String)> = ds
        .actors
        .iter()
        .map(|a| (ds.str(a.id).to_owned(), ds.str(a.name).to_owned()))
        .collect();
    let published = chrono::NaiveDate::from_ymd_opt(2024, 11, 11);
    let mut all = String::new();
    let mut group = c.benchmark_group("suggest");
    for source in &ds.sources {
        let text = texts[&source.id].as_ref().expect("captured");
        all.push_str(text);
        all.push('\n');
        let words = text.split_whitespace().count();
        group.bench_function(format!("{} ({words} words)", ds.str(source.id)), |b| {
            b.iter(|| black_box(suggest(text, published, &actors)))
        });
    }
    let thousand: String = all
        .split_inclusive(char::is_whitespace)
        .take(1000)
        .collect();
    group.bench_function("1,000 words", |b| {
        b.iter(|| black_box(suggest(&thousand, published, &actors)))
    });
    group.finish();
}

criterion_group!(benches, articles);
criterion_main!(benches);
