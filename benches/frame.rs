//! One full frame of the real app (egui layout of every panel plus tessellation, no
//! GPU), zoomed out to every event and zoomed in to one month.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::hint::black_box;

use claimline::app::command::Command;
use claimline::app::state::Persisted;
use claimline::app::{AppOptions, ClaimlineApp};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

/// Runs one frame and tessellates it; returns the number of primitives.
fn frame(ctx: &egui::Context, app: &mut ClaimlineApp) -> usize {
    let output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn frames(c: &mut Criterion) {
    for n in common::sizes() {
        bench_document(c, &format!("frame/{n}"), common::document(n));
    }
}

/// Generated tables, read from their files: lanes by their lane column (the topic).
fn table_frames(c: &mut Criterion) {
    for n in common::table_sizes() {
        bench_document(c, &format!("frame-table/{n}"), common::table_document(n));
    }
}

/// Frames of one document: zoomed out, and one month around its median event.
fn bench_document(c: &mut Criterion, name: &str, doc: claimline::timeline::Document) {
    let ctx = egui::Context::default();
    let options = AppOptions {
        preloaded: Some(doc),
        ..AppOptions::default()
    };
    let mut app = ClaimlineApp::with_state(&ctx, options, Persisted::default());
    // Large documents are filtered into lanes on a worker: wait for it.
    while app.is_filtering() {
        frame(&ctx, &mut app);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut group = c.benchmark_group(name);
    group.bench_function("zoomed out", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    // One month around the median event, in one of the busier stretches.
    let middle = app.shown_events()[app.shown_events().len() / 2];
    let day = app
        .document()
        .map_or(0, |d| d.dataset.events[middle as usize].date.earliest());
    app.execute(&ctx, Command::ZoomTo(f64::from(day), f64::from(day) + 30.0));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    group.bench_function("one month", |b| b.iter(|| black_box(frame(&ctx, &mut app))));
    group.finish();
}

criterion_group!(benches, frames, table_frames);
criterion_main!(benches);
