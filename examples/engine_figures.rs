//! The engine's figures for BENCHMARKS.md (feature `engine`): how long a converted table
//! takes to open to a first frame with counts, how much memory that takes, how long
//! pans and zooms wait for their answers (95th percentile) while every frame is drawn
//! from what is known, and how long a title search takes.
//!
//!     cargo run --release --features engine --example engine_figures -- big.parquet [local|df://127.0.0.1:50050] [SEARCH]
//!
//! With SEARCH, the walk is taken with that search in force (a predicate on titles,
//! summaries and quotes, which the day counts cannot answer).
//!
//! Prints one line per figure. Pans and zooms are a fixed walk (seeded), each asked the
//! way the window asks: through the `Asking` front, frames built every 16 ms until the
//! view's tiles are known.

#[path = "support/peak_rss.rs"]
mod peak_rss;
use peak_rss::peak_rss_mb;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimline::engine::queries::{Engine, EngineData};
use claimline::engine::shell::shell;
use claimline::timeline::metrics::FontMetrics;
use claimline::timeline::scene::{self, SceneInput};
use claimline::timeline::seam::asking::{Asking, Health};
use claimline::timeline::seam::{TimelineData, Waiting};
use claimline::timeline::{Filter, TimeScale, View};

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(f64::NAN)
}

#[allow(clippy::print_stdout)]
fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: engine_figures TABLE.parquet [local|df://HOST:PORT] [SEARCH]")?,
    );
    let engine = match args.next() {
        Some(url) => Engine::parse(&url)?,
        None => Engine::Embedded,
    };
    let metrics = FontMetrics::new();
    let filter = Filter {
        text: args.next().unwrap_or_default(),
        ..Filter::default()
    };

    // Open to the first frame with counts: open, the shell (span, overview), the
    // whole span's lanes answered and laid out.
    let t0 = Instant::now();
    let source = EngineData::open(
        &path,
        engine,
        &claimline::timeline::TableAsk::plain(&filter),
    )
    .map_err(|e| e.to_string())?;
    let opened = t0.elapsed();
    let (doc, derived) = shell(&source, &path, &filter).map_err(|e| e.to_string())?;
    let shelled = t0.elapsed();
    let scale = TimeScale::Linear;
    let waiting = Waiting::new(&source);
    let full = scene::fit_all(&derived, scale);
    fn input<'a>(
        doc: &'a claimline::timeline::Document,
        derived: &'a claimline::timeline::Derived,
        view: View,
        answers: &'a dyn claimline::timeline::seam::ViewAnswers,
    ) -> SceneInput<'a> {
        SceneInput {
            doc,
            derived,
            scale: TimeScale::Linear,
            view,
            size: (1280.0, 700.0),
            scroll: 0.0,
            selected: None,
            show_links: false,
            show_labels: true,
            show_overview: true,
            answers: Some(answers),
        }
    }
    let first = scene::build(&input(&doc, &derived, full, &waiting), &metrics);
    let first_frame = t0.elapsed();
    println!(
        "open {:.0} ms, span and overview {:.0} ms, first frame with counts {:.0} ms ({} density cells, {} marks), {}",
        opened.as_secs_f64() * 1e3,
        (shelled - opened).as_secs_f64() * 1e3,
        first_frame.as_secs_f64() * 1e3,
        first.density.len(),
        first.marks.len(),
        source.describe()
    );
    println!(
        "peak resident memory after the first frame: {:.0} MB",
        peak_rss_mb()
    );

    // A walk of pans and zooms, through the front as the window asks.
    let events: usize = doc.kind_counts.iter().sum();
    let source: Arc<dyn TimelineData> = Arc::new(source);
    let front = Asking::new(Arc::clone(&source), Box::new(|| {}));
    let axis = &derived.axis(scale).axis;
    let (a, b) = full.day_range(axis);
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut waits = Vec::new();
    let mut frames = Vec::new();
    let mut view_days = (a, b);
    for step in 0..120 {
        let width = view_days.1 - view_days.0;
        view_days = match step % 3 {
            // Zoom in or out about a point.
            0 => {
                let at = view_days.0 + width * next();
                let factor = if next() < 0.5 { 0.4 } else { 2.5 };
                let w = (width * factor).clamp(10.0, b - a);
                (
                    at - w * (at - view_days.0) / width,
                    at + w * (view_days.1 - at) / width,
                )
            }
            // Pan by a third of the view.
            _ => {
                let d = width * (next() - 0.5) * 0.66;
                (view_days.0 + d, view_days.1 + d)
            }
        };
        let view = View::days(axis, view_days.0, view_days.1);
        let asked = Instant::now();
        loop {
            let f0 = Instant::now();
            let s = scene::build(&input(&doc, &derived, view, &front), &metrics);
            frames.push(f0.elapsed().as_secs_f64() * 1e3);
            let status = front.status();
            if status.pending == 0 && status.health == Health::Ready && !s.lanes.is_empty() {
                break;
            }
            if let Health::Gone(why) = status.health {
                return Err(why);
            }
            if asked.elapsed() > Duration::from_secs(60) {
                return Err("a view waited over a minute".to_owned());
            }
            std::thread::sleep(Duration::from_millis(16));
        }
        waits.push(asked.elapsed().as_secs_f64() * 1e3);
    }
    let n = waits.len();
    println!(
        "{n} pans and zooms over {events} events: answered in {:.0} ms median, {:.0} ms 95th percentile, {:.0} ms worst",
        percentile(&mut waits.clone(), 0.5),
        percentile(&mut waits.clone(), 0.95),
        percentile(&mut waits, 1.0)
    );
    println!(
        "{} frames drawn meanwhile: {:.1} ms median, {:.1} ms 95th percentile, {:.1} ms worst",
        frames.len(),
        percentile(&mut frames.clone(), 0.5),
        percentile(&mut frames.clone(), 0.95),
        percentile(&mut frames, 1.0)
    );
    let t = Instant::now();
    let found = source.search("ceasefire", 100).map_err(|e| e.to_string())?;
    println!(
        "search of titles for \"ceasefire\": {} rows in {:.0} ms",
        found.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    // The map's questions (counts per cell as SQL), and a map frame drawn from each.
    {
        use claimline::map::frame::{days_of, query_for};
        use claimline::map::view::MapView;
        use claimline::model::Coordinates;
        let rect = claimline::timeline::geom::Rect::new(0.0, 0.0, 900.0, 600.0);
        let place = |lat: f64, lon: f64| Coordinates::clamped(lat, lon);
        let world = MapView::world((900.0, 600.0));
        let city = MapView::fit([place(38.7, -77.3), place(39.1, -76.8)], (900.0, 600.0));
        let region = MapView::fit([place(25.0, -125.0), place(50.0, -65.0)], (900.0, 600.0));
        let whole = days_of((a, b));
        let mid = (a + b) / 2.0;
        let month = days_of((mid, mid + 30.0));
        for (name, view, days) in [
            ("world, every day", world, whole),
            ("world, one month", world, month),
            ("United States, every day", region, whole),
            ("Washington, every day", city, whole),
        ] {
            let query = query_for(&view, rect, days);
            let t = Instant::now();
            let answer = source
                .places(&query, &claimline::timeline::seam::Cancel::new())
                .map_err(|e| e.to_string())?;
            let asked = t.elapsed();
            let t = Instant::now();
            let map = claimline::map::scene::build(&claimline::map::MapInput {
                rect,
                view,
                answer: &answer,
                query: &query,
                selected: None,
                place_filter: None,
                drawing: None,
                detail: claimline::map::scene::DETAIL,
                tiles: None,
            });
            let mut canvas = claimline::timeline::record::Recording::default();
            claimline::map::paint::map(
                &mut canvas,
                &map,
                &claimline::timeline::look::Palette::LIGHT,
            );
            println!(
                "map of the {name}: asked in {:.0} ms ({} in {} cells, {} without a place), drawn in {:.1} ms",
                asked.as_secs_f64() * 1e3,
                answer.in_area,
                answer.cells.len(),
                answer.without_place,
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
    // The event list's pages: the first, one in the middle, the last.
    let lines = derived.filtered.len();
    for (name, at) in [
        ("first", 0),
        ("middle", lines / 2),
        ("last", lines.saturating_sub(100)),
    ] {
        let t = Instant::now();
        let page = source.page(at, 100).map_err(|e| e.to_string())?;
        println!(
            "the event list's {name} page (lines {at}..): {} lines in {:.0} ms",
            page.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    println!(
        "compressed axis: {} breaks; overview's disputed share: {} events",
        derived.compressed.axis.gaps.len(),
        derived
            .compressed
            .disputed
            .iter()
            .map(|&n| u64::from(n))
            .sum::<u64>()
    );
    println!("peak resident memory: {:.0} MB", peak_rss_mb());
    Ok(())
}
