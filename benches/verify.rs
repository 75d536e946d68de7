//! `claimline verify` at 1,000 captured sources: every file re-hashed, its text extracted
//! again, every quote found again. Two shapes: plain-text captures (the built-in dataset's
//! kind: hashing and matching), and saved web pages (the article extractor runs on each).
//! Figures in BENCHMARKS.md.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
#![allow(clippy::unwrap_used, reason = "a benchmark's own fixtures fail loudly")]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use claimline::load::{LoadOptions, load_bytes};
use criterion::{Criterion, criterion_group, criterion_main};

/// A dataset of `n` sources, each captured (text or page) and quoted twice, in `dir`.
fn dataset(dir: &Path, n: usize, html: bool) -> (claimline::model::Dataset, String) {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let mut ron = String::from("(schema: 1, title: \"Verify\", sources: [\n");
    let mut events = String::new();
    for i in 0..n {
        let quote_a =
            format!("“Source {i} says the talks on item {i} went well,” an official said.");
        let quote_b = format!("The ministry’s statement on item {i} was issued on Monday — late.");
        let body: String = (0..12)
            .map(|p| format!("Paragraph {p} of article {i} tells what happened in words long enough to be a paragraph of news."))
            .collect::<Vec<_>>()
            .join("\n");
        let (bytes, ext, format) = if html {
            let page = format!(
                "<!doctype html><html><head><title>Article {i}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav><article><h1>Article {i}</h1><p>{}</p><p>{quote_a}</p><p>{quote_b}</p></article><footer>Share · © 2024</footer></body></html>",
                body.replace('\n', "</p><p>")
            );
            (page.into_bytes(), "html", "Html")
        } else {
            (
                format!("Article {i}\n{body}\n{quote_a}\n{quote_b}\n").into_bytes(),
                "txt",
                "Text",
            )
        };
        let sha = claimline::hash::sha256_hex(&bytes);
        let file = format!("sources/{sha}.{ext}");
        std::fs::write(dir.join(&file), &bytes).unwrap();
        let _ = writeln!(
            ron,
            "(id: \"s{i}\", outlet: \"O\", published: \"2024\", capture: (sha256: \"{sha}\", file: \"{file}\", format: {format})),"
        );
        let _ = writeln!(
            events,
            "(id: \"e{i}\", title: \"E{i}\", kind: Statement, date: \"2024\", status: Reported, quotes: [(source: \"s{i}\", speaker: Outlet, text: \"{}\"), (source: \"s{i}\", speaker: Outlet, text: \"{quote_b}\")]),",
            quote_a.replace('"', "\\\"")
        );
    }
    ron.push_str("], events: [\n");
    ron.push_str(&events);
    ron.push_str("])\n");
    let ds = load_bytes(
        ron.as_bytes(),
        Path::new("v.ron"),
        LoadOptions::default(),
        None,
    )
    .unwrap()
    .dataset;
    (ds, ron)
}

fn verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify/1000 sources");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for html in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (ds, text) = dataset(dir.path(), 1000, html);
        let check = claimline::evidence::verify(&ds, &text, dir.path());
        assert!(check.passed(), "{}", check.summary());
        assert_eq!(check.verified, 2000);
        group.bench_function(if html { "saved pages" } else { "text" }, |b| {
            b.iter(|| black_box(claimline::evidence::verify(&ds, &text, dir.path()).verified));
        });
    }
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
