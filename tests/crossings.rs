//! No label crossed: measured on what the one painter draws (the recording surface) for
//! the picture `claimline render` makes — the built-in dataset (opening view, and with
//! the Kremlin's denial selected), a generated 1,000-event dataset, and the built-in
//! dataset retitled in Cyrillic, Chinese and Arabic — at 800×600, 1280×800 and
//! 1920×1080, light and dark. Every text box is checked against every other text box,
//! every glyph and bar of another event, every break and every link segment: no text
//! box overlaps another, none covers another event's mark, axis labels keep off breaks
//! and inside the plot, and a link or a break under an event's title passes beneath an
//! opaque backing drawn in the title's own group, after every link.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::export::picture::{self, Picture, PictureInput};
use claimline::load::Loaded;
use claimline::model::{EventIdx, RelationKind};
use claimline::timeline::geom::{Point, Rect};
use claimline::timeline::lanes::LaneMode;
use claimline::timeline::metrics::{FontMetrics, TextMetrics};
use claimline::timeline::record::{Drawn, Recording};
use claimline::timeline::scene::{self, SMALL_SIZE};
use claimline::timeline::{Derived, Document, Filter, Origin, TimeScale, follow, look, paint};

const SIZES: [(f32, f32); 3] = [(800.0, 600.0), (1280.0, 800.0), (1920.0, 1080.0)];

/// The picture `claimline render` draws of `doc`, with `select` selected.
fn picture(doc: &Document, size: (f32, f32), dark: bool, select: Option<&str>) -> Picture {
    let derived = Derived::compute(doc, &Filter::default(), LaneMode::Kind.for_document(doc));
    let scale = TimeScale::Compressed;
    let axis = &derived.axis(scale).axis;
    let selected = select.map(|id| doc.dataset.event_index_by_name(id).unwrap());
    let view = match selected {
        Some(e) => {
            let fit = scene::fit_all(&derived, scale).day_range(axis);
            let width = scene::plot_rect(size, true).width();
            let (a, b) = follow::reveal(doc, &derived, axis, width, fit, e);
            claimline::timeline::View::days(axis, a, b)
        }
        None => scene::fit_all(&derived, scale),
    };
    picture::compose(
        &PictureInput {
            doc,
            derived: &derived,
            scale,
            view,
            size,
            timeline_height: None,
            selected,
            show_links: true,
            dark,
            answers: None,
            map: None,
        },
        &FontMetrics::new(),
    )
}

use common::mark_extent as extent;

/// Whether the segment from `a` to `b` passes through the inside of `r`.
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let inner = r.expand(-0.5);
    let steps = (a.distance(b) / 0.5).ceil().max(1.0) as usize;
    (0..=steps).any(|i| {
        let t = i as f32 / steps as f32;
        inner.contains(Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
    })
}

/// Every crossing a reader would see, said in words.
fn crossings(pic: &Picture, what: &str) -> Vec<String> {
    let scene = &pic.scene;
    let metrics = FontMetrics::new();
    let mut rec = Recording::default();
    paint::scene(&mut rec, scene, &pic.palette);
    let drawn = &rec.drawn;
    let mut out = Vec::new();

    // Every text box: event titles, axis labels, lane names.
    let mut boxes: Vec<(String, Rect)> = scene
        .labels
        .iter()
        .map(|l| (l.text.clone(), l.rect))
        .collect();
    let axis_labels: Vec<(String, Rect)> =
        scene.ticks.iter().filter_map(|t| t.label.clone()).collect();
    boxes.extend(axis_labels.iter().cloned());
    for lane in &scene.lanes {
        if !lane.band.overlaps(&scene.plot) {
            continue;
        }
        let w = metrics.measure(&lane.shown_label, SMALL_SIZE + 1.0).width();
        let h = metrics.line_height(SMALL_SIZE + 1.0);
        let (x, y) = (scene.plot.min.x - 8.0, lane.band.center().y);
        boxes.push((
            lane.shown_label.clone(),
            Rect::new(x - w, y - h / 2.0, x, y + h / 2.0),
        ));
    }
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            if ra.overlaps(rb) {
                out.push(format!("{what}: {a:?} overlaps {b:?}"));
            }
        }
    }

    // Axis labels: inside the plot's width, off every break and its "≈".
    for (text, r) in &axis_labels {
        if r.min.x < scene.plot.min.x || r.max.x > scene.plot.max.x {
            out.push(format!("{what}: the axis label {text:?} leaves the plot"));
        }
        for band in &scene.breaks {
            let x = band.rect.center().x;
            let half = (band.rect.width() / 2.0).max(6.0);
            if r.min.x < x + half && r.max.x > x - half {
                out.push(format!(
                    "{what}: the axis label {text:?} touches the break {:?}",
                    band.label
                ));
            }
        }
    }

    // Titles against other events' marks.
    for l in &scene.labels {
        for m in &scene.marks {
            let own = m.event == l.event;
            if !own && extent(&m.shape).overlaps(&l.rect) {
                out.push(format!("{what}: the title {:?} covers a mark", l.text));
            }
        }
    }

    // Titles against links and breaks: beneath an opaque backing in the title's group.
    let link_colours: Vec<_> = RelationKind::ALL
        .iter()
        .map(|&k| look::relation_color(k))
        .collect();
    let is_link_colour = |c: look::Rgba| {
        link_colours
            .iter()
            .any(|l| (l.r, l.g, l.b) == (c.r, c.g, c.b))
    };
    // Links are the relation-coloured strokes outside every event's group (inside one,
    // the same red strikes a denied event through).
    let mut segments: Vec<(usize, Point, Point)> = Vec::new();
    let mut in_group = false;
    for (i, d) in drawn.iter().enumerate() {
        match d {
            Drawn::BeginEvent(_) => in_group = true,
            Drawn::EndEvent => in_group = false,
            _ => {}
        }
        if in_group {
            continue;
        }
        let points = match d {
            Drawn::Polyline { points, line } if is_link_colour(line.colour) => points.clone(),
            Drawn::Polygon { points, fill, .. } if is_link_colour(*fill) => {
                let mut closed = points.clone();
                closed.extend(points.first().copied());
                closed
            }
            _ => continue,
        };
        segments.extend(points.windows(2).map(|w| (i, w[0], w[1])));
    }
    let group_of = |e: EventIdx| {
        let start = drawn
            .iter()
            .position(|d| matches!(d, Drawn::BeginEvent(x) if *x == e))?;
        let len = drawn[start..]
            .iter()
            .position(|d| matches!(d, Drawn::EndEvent))?;
        Some((start, &drawn[start..start + len]))
    };
    for l in &scene.labels {
        let Some((start, group)) = group_of(l.event) else {
            out.push(format!("{what}: the title {:?} is in no group", l.text));
            continue;
        };
        let text_at = group
            .iter()
            .position(|d| matches!(d, Drawn::Text { text, .. } if *text == l.text));
        let backed = text_at.is_some_and(|t| {
            group[..t].iter().any(|d| {
                matches!(d, Drawn::Rect { rect, fill }
                    if fill.a == 255
                        && rect.min.x <= l.rect.min.x
                        && rect.max.x >= l.rect.max.x
                        && rect.min.y <= l.rect.min.y + 0.5
                        && rect.max.y >= l.rect.max.y - 0.5)
            })
        });
        let crossing_link = segments.iter().find(|(_, a, b)| crosses(*a, *b, &l.rect));
        if let Some((at, _, _)) = crossing_link {
            if *at > start {
                out.push(format!(
                    "{what}: a link is drawn over the title {:?}",
                    l.text
                ));
            } else if !backed {
                out.push(format!(
                    "{what}: a link crosses the title {:?}, which has no opaque backing",
                    l.text
                ));
            }
        }
        let on_break = scene.breaks.iter().any(|b| b.rect.overlaps(&l.rect));
        if on_break && !backed {
            out.push(format!(
                "{what}: a break crosses the title {:?}, which has no opaque backing",
                l.text
            ));
        }
    }
    out
}

/// Checks every size and theme of `doc`.
fn check(doc: &Document, name: &str, select: Option<&str>) {
    let mut found = Vec::new();
    for size in SIZES {
        for dark in [false, true] {
            let pic = picture(doc, size, dark, select);
            assert!(
                !pic.scene.marks.is_empty(),
                "{name}: something is drawn at {size:?}"
            );
            let theme = if dark { "dark" } else { "light" };
            found.extend(crossings(
                &pic,
                &format!("{name} at {}×{} {theme}", size.0, size.1),
            ));
        }
    }
    assert!(
        found.is_empty(),
        "{} crossings:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The built-in dataset with every title replaced by one of `titles`, in turn.
fn retitled(titles: &[&str]) -> Document {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/trump-putin.ron"))
            .unwrap();
    let mut n = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("title: \"") && line.len() - trimmed.len() == 12 {
                n += 1;
                let indent = &line[..line.len() - trimmed.len()];
                format!("{indent}title: \"{} {n}\",", titles[n % titles.len()])
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(n >= 26, "every event retitled ({n})");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("retitled.ron");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let loaded = claimline::load::load_file(&path, Default::default(), None).unwrap();
    Document::new(loaded, Origin::File(path))
}

#[test]
fn the_built_in_dataset_has_no_crossed_label() {
    let doc = Document::builtin().unwrap();
    check(&doc, "built-in", None);
    check(
        &doc,
        "built-in, denial selected",
        Some("kremlin-denies-call"),
    );
}

#[test]
fn a_generated_thousand_event_dataset_has_no_crossed_label() {
    let dataset = claimline::generate::generate(claimline::generate::GenerateOptions {
        events: 1_000,
        seed: 26,
    })
    .unwrap();
    let doc = Document::new(
        Loaded {
            dataset,
            warnings: Vec::new(),
            file: std::path::PathBuf::from("generated.ron"),
            table: None,
        },
        Origin::Untitled,
    );
    check(&doc, "1,000 generated events", None);
}

#[test]
fn cyrillic_chinese_and_arabic_titles_cross_nothing() {
    let scripts: [(&str, &[&str]); 3] = [
        (
            "Cyrillic",
            &[
                "Трамп и Путин говорят по телефону об Украине",
                "Кремль отрицает разговор",
                "Песков: контакты до инаугурации не исключены",
            ],
        ),
        (
            "Chinese",
            &[
                "特朗普与普京通电话讨论乌克兰问题",
                "克里姆林宫否认通话",
                "佩斯科夫表示不排除就职前接触",
            ],
        ),
        (
            "Arabic",
            &[
                "ترامب وبوتين يتحدثان هاتفيا عن أوكرانيا",
                "الكرملين ينفي المكالمة",
                "بيسكوف: الاتصالات قبل التنصيب غير مستبعدة",
            ],
        ),
    ];
    for (script, titles) in scripts {
        check(&retitled(titles), script, None);
    }
}
