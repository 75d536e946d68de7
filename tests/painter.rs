//! The painter contract: the window, SVG (and PNG) and the recording surface are all
//! drawn by one painter (`timeline::paint`), so what one shows the others show. Checked
//! on the recording of the built-in dataset's opening view with an event selected:
//! layers cover each other in the one order (links beneath events, so no link strikes
//! a title through), each event is one group with its marks and its title, and the SVG
//! surface writes exactly what the painter asked for. (`tests/render.rs` compares the
//! window's pixels with the PNG's.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use claimline::export::svg;
use claimline::model::RelationKind;
use claimline::timeline::look::{self, Palette};
use claimline::timeline::metrics::FontMetrics;
use claimline::timeline::paint;
use claimline::timeline::record::{Drawn, Recording};

#[test]
fn one_painter_draws_events_over_links_one_group_each_and_svg_writes_just_that() {
    let options = AppOptions {
        select: Some("kremlin-denies-call".to_owned()),
        ..AppOptions::default()
    };
    let mut h = common::harness_sized(options, egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.run();
    let app = h.state();
    let scene = app.timeline().scene.clone();
    let doc = app.document().unwrap();
    let selected = scene.selected.expect("an event is selected");
    assert!(!scene.links.is_empty(), "the selection shows its links");

    let mut rec = Recording::default();
    paint::scene(&mut rec, &scene, &Palette::LIGHT);
    let drawn = &rec.drawn;

    // Links first: every relation-coloured stroke comes before the first event.
    let first_event = drawn
        .iter()
        .position(|d| matches!(d, Drawn::BeginEvent(_)))
        .unwrap();
    let link_colours: Vec<_> = RelationKind::ALL
        .iter()
        .map(|&k| look::relation_color(k))
        .collect();
    let is_link = |d: &Drawn| match d {
        Drawn::Polyline { line, .. } => link_colours
            .iter()
            .any(|c| (c.r, c.g, c.b) == (line.colour.r, line.colour.g, line.colour.b)),
        _ => false,
    };
    let links: Vec<usize> = (0..drawn.len()).filter(|&i| is_link(&drawn[i])).collect();
    assert!(links.len() >= scene.links.len());
    assert!(
        links.iter().all(|&i| i < first_event),
        "a link is drawn over an event"
    );

    // One group per event on screen, holding its marks and its label, the selected one
    // last.
    let mut groups: Vec<(u32, Vec<&Drawn>)> = Vec::new();
    let mut open = None;
    for d in drawn {
        match d {
            Drawn::BeginEvent(e) => {
                assert!(open.is_none(), "groups do not nest");
                open = Some(*e);
                groups.push((*e, Vec::new()));
            }
            Drawn::EndEvent => open = None,
            other if open.is_some() => groups.last_mut().unwrap().1.push(other),
            _ => {}
        }
    }
    let mut events: Vec<u32> = scene.marks.iter().map(|m| m.event).collect();
    events.sort_unstable();
    events.dedup();
    let mut grouped: Vec<u32> = groups.iter().map(|g| g.0).collect();
    assert_eq!(
        grouped.last(),
        Some(&selected),
        "the selected event is drawn last"
    );
    grouped.sort_unstable();
    assert_eq!(grouped, events, "each event on screen is one group");
    for label in &scene.labels {
        let (_, inside) = groups.iter().find(|g| g.0 == label.event).unwrap();
        assert!(
            inside
                .iter()
                .any(|d| matches!(d, Drawn::Text { text, .. } if *text == label.text)),
            "the label \"{}\" is not in its event's group",
            label.text
        );
    }

    // The SVG surface writes what was asked, no more: a group per event, a text element
    // per text run, a shape per shape.
    let metrics = FontMetrics::new();
    let svg = svg::scene_document(&scene, doc, &Palette::LIGHT, &metrics);
    let xml = roxmltree::Document::parse(&svg).unwrap();
    let count = |tag: &str| xml.descendants().filter(|n| n.has_tag_name(tag)).count();
    let asked = |f: &dyn Fn(&Drawn) -> bool| drawn.iter().filter(|d| f(d)).count();
    assert_eq!(
        xml.descendants()
            .filter(|n| n.attribute("data-event").is_some())
            .count(),
        groups.len()
    );
    assert_eq!(
        count("text"),
        asked(&|d| matches!(d, Drawn::Text { text, .. } if !text.is_empty()))
    );
    assert_eq!(
        count("circle"),
        asked(&|d| matches!(d, Drawn::Circle { .. }))
    );
    assert_eq!(
        count("polygon"),
        asked(&|d| matches!(d, Drawn::Polygon { .. }))
    );
    assert_eq!(
        count("line") + count("polyline"),
        asked(&|d| matches!(d, Drawn::Polyline { .. }))
    );
}

/// A real GDELT export opens in lanes by CAMEO root code, more than the plot holds, so
/// they scroll: every lane name stands beside its lane within the plot (a lane
/// scrolled half out is named beside what shows of it, one scrolled out is not named),
/// every lane wholly in view is named, and no name runs past the window's left edge
/// (names are cut to the margin at the size they are drawn).
#[test]
fn many_lanes_are_named_beside_them_within_the_plot_and_the_window() {
    let options = AppOptions {
        file: Some("tests/data/gdelt/20191024143000.export.CSV".into()),
        ..AppOptions::default()
    };
    let mut h = common::harness_sized(options, egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.run();
    let scene = h.state().timeline().scene.clone();
    let plot = scene.plot;
    assert!(scene.lanes.len() >= 18, "a lane per CAMEO root code");
    assert!(
        scene.lanes.iter().any(|l| l.band.max.y > plot.max.y),
        "more lanes than the plot holds: some are scrolled out"
    );
    let mut rec = Recording::default();
    paint::scene(&mut rec, &scene, &Palette::LIGHT);
    let metrics = FontMetrics::new();
    let names: Vec<(String, f32, f32, f32)> = rec
        .drawn
        .iter()
        .filter_map(|d| match d {
            Drawn::Text { text, at, size, .. }
                if scene.lanes.iter().any(|l| l.shown_label == *text)
                    && (at.x - (plot.min.x - 8.0)).abs() < 0.5 =>
            {
                Some((text.clone(), at.x, at.y, *size))
            }
            _ => None,
        })
        .collect();
    for (text, x, y, size) in &names {
        use claimline::timeline::metrics::TextMetrics as _;
        let width = metrics.measure(text, *size).width();
        assert!(x - width >= 0.0, "\"{text}\" runs past the left edge");
        assert!(
            *y >= plot.min.y && *y <= plot.max.y,
            "\"{text}\" is named outside the plot, at {y}"
        );
        let lane = scene.lanes.iter().find(|l| l.shown_label == *text).unwrap();
        assert!(
            *y >= lane.band.min.y && *y <= lane.band.max.y,
            "\"{text}\" is named beside another lane"
        );
    }
    for lane in scene
        .lanes
        .iter()
        .filter(|l| l.band.min.y >= plot.min.y && l.band.max.y <= plot.max.y)
    {
        assert!(
            names.iter().any(|n| n.0 == lane.shown_label),
            "the lane \"{}\" is in view but not named",
            lane.label
        );
    }
    assert!(
        scene
            .lanes
            .iter()
            .any(|l| l.shown_label.ends_with('…') && l.label.len() > l.shown_label.len()),
        "long CAMEO names are cut to the margin"
    );
}
