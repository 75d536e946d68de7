//! The timeline laid out for reading, checked on the scene (no GPU): in the opening
//! view every event has a marker or bar that no other hides, every title shown is whole
//! or cut at a word boundary, no label overlaps another label or a marker — for the
//! built-in dataset, every file in `tests/data/good/` and the TimelineJS examples, at
//! two window sizes — and odd datasets still open readably.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};

use claimline::app::AppOptions;
use claimline::model::EventIdx;
use claimline::timeline::Document;
use claimline::timeline::scene::{Scene, Shape};

/// Opens `file` (the built-in dataset for `None`) in a window of `size` and returns the
/// opening view's scene with the document.
fn opening(file: Option<&Path>, size: egui::Vec2) -> (Scene, usize, Document) {
    let options = AppOptions {
        file: file.map(Path::to_owned),
        ..AppOptions::default()
    };
    let mut h = common::harness_sized(options, size);
    common::settle(&mut h);
    h.run();
    let app = h.state();
    let doc = match file {
        None => Document::builtin().unwrap(),
        Some(f) => Document::new(
            claimline::load::load_file(f, Default::default(), None).unwrap(),
            claimline::timeline::Origin::File(f.to_owned()),
        ),
    };
    let shown = app.shown_events().len();
    (app.timeline().scene.clone(), shown, doc)
}

use common::mark_extent as extent;

/// What a reader must be able to read, or the reasons they cannot.
fn problems(scene: &Scene, shown: usize, doc: &Document) -> Vec<String> {
    let ds = &doc.dataset;
    let title = |e: EventIdx| ds.str(ds.events[e as usize].title);
    let mut out = Vec::new();
    let mut marked: Vec<EventIdx> = scene.marks.iter().map(|m| m.event).collect();
    marked.sort_unstable();
    marked.dedup();
    if marked.len() != shown {
        out.push(format!("{} of {shown} events have a mark", marked.len()));
    }
    for (i, a) in scene.marks.iter().enumerate() {
        if !scene.plot.contains(extent(&a.shape).center()) {
            out.push(format!(
                "the mark of \"{}\" is outside the plot",
                title(a.event)
            ));
        }
        for b in &scene.marks[i + 1..] {
            if extent(&a.shape).overlaps(&extent(&b.shape)) {
                out.push(format!(
                    "the marks of \"{}\" and \"{}\" overlap",
                    title(a.event),
                    title(b.event)
                ));
            }
        }
    }
    for (i, l) in scene.labels.iter().enumerate() {
        let full = title(l.event);
        if l.whole {
            if l.text != full {
                out.push(format!("\"{}\" is marked whole but is not", l.text));
            }
        } else {
            let head = l.text.strip_suffix('…').unwrap_or(&l.text);
            let next = full[head.len()..].chars().next();
            if !full.starts_with(head)
                || !next.is_some_and(|c| c.is_whitespace() || ",;:".contains(c))
            {
                out.push(format!(
                    "\"{}\" is not cut at a word boundary of \"{full}\"",
                    l.text
                ));
            }
        }
        if l.rect.min.x < scene.plot.min.x || l.rect.max.x > scene.plot.max.x {
            out.push(format!("the label \"{}\" leaves the plot", l.text));
        }
        for other in &scene.labels[i + 1..] {
            if l.rect.overlaps(&other.rect) {
                out.push(format!(
                    "the labels \"{}\" and \"{}\" overlap",
                    l.text, other.text
                ));
            }
        }
        for m in &scene.marks {
            let own_bar = m.event == l.event && matches!(m.shape, Shape::Bar { .. });
            if !own_bar && extent(&m.shape).overlaps(&l.rect) {
                out.push(format!(
                    "the label \"{}\" covers the mark of \"{}\"",
                    l.text,
                    title(m.event)
                ));
            }
        }
    }
    out
}

const LARGE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const SMALL: egui::Vec2 = egui::vec2(1024.0, 640.0);

#[test]
fn the_opening_view_of_the_built_in_dataset_reads_at_both_sizes() {
    for size in [LARGE, SMALL] {
        let (scene, shown, doc) = opening(None, size);
        assert_eq!(shown, 26);
        let found = problems(&scene, shown, &doc);
        assert!(found.is_empty(), "at {size:?}:\n{}", found.join("\n"));
        let whole = scene.labels.iter().filter(|l| l.whole).count();
        if size == LARGE {
            assert!(whole >= 22, "{whole} of 26 titles whole at 1280×800");
        }
        assert!(
            !scene.breaks.is_empty(),
            "long empty stretches are compressed"
        );
    }
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files = Vec::new();
    for dir in ["good", "timelinejs"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let ok = claimline::load::load_file(&path, Default::default(), None).is_ok();
            if ok {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_good_dataset_and_timelinejs_example_reads_too() {
    let files = fixtures();
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        for size in [LARGE, SMALL] {
            let (scene, shown, doc) = opening(Some(&file), size);
            let found = problems(&scene, shown, &doc);
            assert!(
                found.is_empty(),
                "{} at {size:?}:\n{}",
                file.display(),
                found.join("\n")
            );
        }
    }
}

/// A dataset file of events `(id, kind, date)`, each with a quote.
fn dataset(events: &[(&str, &str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let mut text = String::from(
        "(schema: 1, title: \"Odd\", actors: [(id: \"a\", name: \"A\")], sources: [(id: \"s\", outlet: \"Wire\", published: \"2024\")], events: [",
    );
    for (id, kind, date) in events {
        text.push_str(&format!(
            "(id: \"{id}\", title: \"Event {id} with a title of several words\", kind: {kind}, date: \"{date}\", status: Reported, quotes: [(source: \"s\", speaker: Outlet, text: \"It happened.\")]),"
        ));
    }
    text.push_str("])");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// An event of a made-up dataset: id, kind, date.
type Spec = (String, &'static str, &'static str);

#[test]
fn odd_datasets_still_open_readably() {
    let kinds = ["PhoneCall", "Meeting", "Statement", "Denial"];
    let same_day: Vec<Spec> = (0..12)
        .map(|i| (format!("d{i}"), kinds[i % 4], "2024-11-07"))
        .collect();
    let ages = [
        ("far", "Meeting", "-100000"),
        ("far2", "Statement", "-50000"),
        ("rome", "Meeting", "-0044-03-15"),
        ("mid", "Denial", "1000"),
        ("now", "PhoneCall", "2024-11-07"),
        ("later", "PhoneCall", "99999"),
    ];
    let cases: Vec<(&str, Vec<Spec>)> = vec![
        ("all on one day", same_day),
        (
            "200,000 years",
            ages.iter()
                .map(|(i, k, d)| ((*i).to_owned(), *k, *d))
                .collect(),
        ),
        ("one event", vec![("only".to_owned(), "Meeting", "2020-05")]),
    ];
    for (what, events) in cases {
        let events: Vec<(&str, &str, &str)> = events
            .iter()
            .map(|(i, k, d)| (i.as_str(), *k, *d))
            .collect();
        let (_dir, path) = dataset(&events);
        for size in [LARGE, SMALL] {
            let (scene, shown, doc) = opening(Some(&path), size);
            assert_eq!(shown, events.len(), "{what}");
            let found = problems(&scene, shown, &doc);
            assert!(
                found.is_empty(),
                "{what} at {size:?}:\n{}",
                found.join("\n")
            );
            assert!(
                scene.days.0.is_finite() && scene.days.1 > scene.days.0,
                "{what}"
            );
            assert!(!scene.labels.is_empty(), "{what}: some titles are shown");
        }
    }
}
