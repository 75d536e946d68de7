//! The map of a document whose every event has a place: the question a view asks
//! (`places_in`: the events in the days and the area, counted per cell — on a thread in
//! the app), a frame of the map drawn from its answer (`map::scene::build` and
//! `map::paint` onto a recording canvas), and a whole frame of the app with the map
//! shown (egui layout and tessellation; the answer kept from the frame before).

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

use claimline::app::command::Part;
use claimline::app::state::Persisted;
use claimline::app::{AppOptions, ClaimlineApp};
use claimline::generate::{GenerateOptions, generate};
use claimline::load::{LoadOptions, load_built};
use claimline::map::frame::{days_of, query_for};
use claimline::map::scene::{DETAIL, MapInput, build};
use claimline::map::view::MapView;
use claimline::model::Coordinates;
use claimline::timeline::geom::Rect;
use claimline::timeline::look::Palette;
use claimline::timeline::record::Recording;
use claimline::timeline::seam::Cancel;
use claimline::timeline::seam::memory::places_in;
use claimline::timeline::{Derived, Document, Filter, LaneMode, Origin};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

/// A generated document of `n` events (seed 1), every event given a place: seven in ten
/// near one of twelve cities (within about 3°), the rest anywhere between 50° S and
/// 70° N — clusters and a spread, as an incident log has.
fn placed_document(n: usize) -> Document {
    let mut ds = generate(GenerateOptions { events: n, seed: 1 }).expect("generate");
    let cities = [
        (50.45, 30.52),
        (55.75, 37.62),
        (48.21, 16.37),
        (40.71, -74.0),
        (51.51, -0.13),
        (35.68, 139.69),
        (-23.55, -46.63),
        (28.61, 77.21),
        (30.04, 31.24),
        (6.52, 3.38),
        (39.9, 116.4),
        (-33.87, 151.21),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut unit = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for e in &mut ds.events {
        let (lat, lon) = if unit() < 0.7 {
            let (lat, lon) = cities[(unit() * 12.0) as usize % 12];
            (lat + (unit() - 0.5) * 6.0, lon + (unit() - 0.5) * 6.0)
        } else {
            (unit() * 120.0 - 50.0, unit() * 360.0 - 180.0)
        };
        e.coordinates = Coordinates::new(lat, lon).ok();
    }
    let loaded = load_built(ds, Path::new("bench.ron"), LoadOptions::default()).expect("valid");
    Document::new(loaded, Origin::File("bench.ron".into()))
}

fn maps(c: &mut Criterion) {
    for n in common::sizes() {
        let doc = placed_document(n);
        let derived = Derived::compute(&doc, &Filter::default(), LaneMode::Kind);
        let order = &derived.filtered.order;
        let span = derived.filtered.span.expect("events");
        let rect = Rect::new(0.0, 0.0, 900.0, 600.0);
        let c_ = |lat: f64, lon: f64| Coordinates::new(lat, lon).expect("place");
        let world = MapView::world((900.0, 600.0));
        let kyiv = MapView::fit([c_(50.2, 30.2), c_(50.7, 30.9)], (900.0, 600.0));
        let mid = doc.dataset.events[order[order.len() / 2] as usize]
            .date
            .earliest();
        let month = days_of((f64::from(mid), f64::from(mid) + 30.0));
        let mut group = c.benchmark_group(format!("map/{n}"));
        group.sample_size(10);
        for (name, view, days) in [
            ("world, every day", world, span),
            ("world, one month", world, month),
            ("Kyiv, every day", kyiv, span),
        ] {
            let query = query_for(&view, rect, days);
            group.bench_function(format!("ask {name}"), |b| {
                b.iter(|| black_box(places_in(&doc, order, &query, &Cancel::new())))
            });
            let answer = places_in(&doc, order, &query, &Cancel::new()).expect("answer");
            group.bench_function(format!("draw {name}"), |b| {
                b.iter(|| {
                    let scene = build(&MapInput {
                        rect,
                        view,
                        answer: &answer,
                        query: &query,
                        selected: None,
                        place_filter: None,
                        drawing: None,
                        detail: DETAIL,
                        tiles: None,
                    });
                    let mut canvas = Recording::default();
                    claimline::map::paint::map(&mut canvas, &scene, &Palette::LIGHT);
                    black_box(canvas)
                })
            });
        }
        group.finish();
        app_frame(c, n, doc);
    }
}

/// A whole frame of the app with the map shown, zoomed out (the map's answer kept).
fn app_frame(c: &mut Criterion, n: usize, doc: Document) {
    let ctx = egui::Context::default();
    let mut persisted = Persisted::default();
    persisted.set_shown(Part::Map, true);
    let options = AppOptions {
        preloaded: Some(doc),
        ..AppOptions::default()
    };
    let mut app = ClaimlineApp::with_state(&ctx, options, persisted);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut ClaimlineApp| {
        let output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    // Filtered on a worker, then the map framed and answered on its thread.
    let mut ready = 0;
    for _ in 0..4_000 {
        let primitives = frame(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(25));
        let answered = app
            .map()
            .answer()
            .is_some_and(|(q, _)| q.cell > 1.0 / 512.0);
        ready = if !app.is_filtering() && answered {
            ready + 1
        } else {
            0
        };
        if ready >= 20 {
            assert!(primitives > 0, "a frame draws something");
            break;
        }
    }
    assert!(ready >= 20, "the app never showed the timeline and the map");
    c.bench_function(&format!("map/{n}/app frame with the map"), |b| {
        b.iter(|| black_box(frame(&mut app)))
    });
}

criterion_group!(benches, maps);
criterion_main!(benches);
