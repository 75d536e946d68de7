//! `claimline render` of a large dataset: the scene written as SVG (and rasterized to PNG)
//! with no window, zoomed out to every event and zoomed in to one month. The SVG of a
//! million events holds density columns, not a million shapes.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;

use claimline::export::picture::PictureInput;
use claimline::export::{self, ExportFormat};
use claimline::timeline::metrics::FontMetrics;
use claimline::timeline::{Derived, Filter, LaneMode, TimeScale, View, scene};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

#[expect(
    clippy::print_stderr,
    reason = "the SVG's size goes into BENCHMARKS.md"
)]
fn renders(c: &mut Criterion) {
    for n in common::sizes() {
        let doc = common::document(n);
        let derived = Derived::compute(&doc, &Filter::default(), LaneMode::Kind);
        let scale = TimeScale::Compressed;
        let axis = &derived.axis(scale).axis;
        let middle = derived.filtered.order[derived.filtered.order.len() / 2];
        let day = f64::from(doc.dataset.events[middle as usize].date.earliest());
        let metrics = FontMetrics::new();
        let mut group = c.benchmark_group(format!("render/{n}"));
        group.sample_size(20);
        for (name, view) in [
            ("zoomed out", scene::fit_all(&derived, scale)),
            ("one month", View::days(axis, day, day + 30.0)),
        ] {
            let input = PictureInput {
                doc: &doc,
                derived: &derived,
                scale,
                view,
                size: (1280.0, 800.0),
                timeline_height: None,
                selected: None,
                show_links: true,
                dark: false,
                answers: None,
                map: None,
            };
            let render = |format| {
                export::render(&input, format, 1.0, false, &metrics).map_or(0, |b| b.len())
            };
            eprintln!("render/{n}/{name}: SVG {} bytes", render(ExportFormat::Svg));
            group.bench_function(format!("svg, {name}"), |b| {
                b.iter(|| black_box(render(ExportFormat::Svg)))
            });
            group.bench_function(format!("png, {name}"), |b| {
                b.iter(|| black_box(render(ExportFormat::Png)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, renders);
criterion_main!(benches);
