//! Large text: the UI zoom (Ctrl+Plus) makes everything larger, so the window holds fewer
//! points; the opening view still shows every event, with no text over other text, and
//! the status bar says which panels stepped aside for it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use claimline::timeline::geom::Rect;
use common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Every text box of a scene: event titles and axis labels.
fn text_boxes(scene: &claimline::timeline::scene::Scene) -> Vec<(String, Rect)> {
    let mut boxes: Vec<(String, Rect)> = scene
        .labels
        .iter()
        .map(|l| (l.text.clone(), l.rect))
        .collect();
    boxes.extend(scene.ticks.iter().filter_map(|t| t.label.clone()));
    boxes
}

#[test]
fn at_150_and_200_percent_the_opening_view_shows_every_event_and_no_text_overlaps() {
    for (zoom, hidden) in [
        (1.0_f32, None),
        (1.5, Some("Legend hidden: the timeline needs the room")),
        (
            2.0,
            Some("Legend and event list hidden: the timeline needs the room"),
        ),
    ] {
        let mut h = harness(AppOptions::default());
        h.ctx.set_zoom_factor(zoom);
        h.run();
        let app = h.state();
        let total = app.document().unwrap().dataset.events.len();
        let mut drawn: Vec<u32> = app.timeline().drawn().iter().map(|(e, _)| *e).collect();
        drawn.sort_unstable();
        drawn.dedup();
        assert_eq!(drawn.len(), total, "every event is drawn at {zoom}×");
        let scene = &app.timeline().scene;
        assert!(
            scene.marks.iter().all(|m| m.hit.overlaps(&scene.plot)),
            "no event is scrolled out of sight at {zoom}×"
        );
        let boxes = text_boxes(scene);
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                assert!(!ra.overlaps(rb), "at {zoom}×, {a:?} overlaps {b:?}");
            }
        }
        match hidden {
            Some(said) => {
                h.get_by_label(said);
            }
            None => assert!(h.query_by_label_contains("hidden: the timeline").is_none()),
        }
    }
}

/// Large text in a small window, with an event selected: every event stays reachable by
/// name, no column of the event list leaves the window, and the timeline stays out of
/// the side panel.
#[test]
fn at_150_and_200_percent_of_1024_by_640_every_event_is_reachable_and_nothing_leaves_its_panel() {
    for zoom in [1.5_f32, 2.0] {
        let mut h = common::harness_sized(
            AppOptions {
                select: Some("reported-call-2024-11-07".to_owned()),
                ..AppOptions::default()
            },
            egui::vec2(1024.0, 640.0),
        );
        h.ctx.set_zoom_factor(zoom);
        for _ in 0..40 {
            h.step();
        }
        h.run();
        let screen = h.ctx.content_rect();
        let app = h.state();
        let total = app.document().unwrap().dataset.events.len();
        // Each event is a named item a screen reader and Tab reach, drawn or not.
        let items: Vec<String> = h
            .query_all_by_role(Role::ListItem)
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        assert_eq!(items.len(), total, "every event reachable at {zoom}×");
        assert!(items.iter().all(|i| i.contains(": ")), "{items:?}");
        // The list's cells, where the list is shown, end inside the window.
        for cell in h
            .query_all_by_role(Role::ColumnHeader)
            .chain(h.query_all_by_role(Role::Cell))
        {
            if let Some(b) = cell.accesskit_node().bounding_box() {
                assert!(
                    b.x1 as f32 <= screen.max.x * h.ctx.pixels_per_point() + 0.5,
                    "at {zoom}× a list cell ends at {} past the window's {}",
                    b.x1,
                    screen.max.x
                );
            }
        }
        // The timeline ends where the side panel begins.
        let panel = h
            .query_all_by_label("Details")
            .find(|n| n.accesskit_node().toggled().is_some())
            .expect("the side panel's Details tab")
            .accesskit_node()
            .bounding_box()
            .unwrap();
        // (AccessKit's bounds are in pixels, the widget's rect in points.)
        let timeline = app.timeline().widget_rect.unwrap() * h.ctx.pixels_per_point();
        assert!(
            timeline.max.x <= panel.x0 as f32 + 0.5,
            "at {zoom}× the timeline ({timeline:?}) draws over the side panel (from {})",
            panel.x0
        );
    }
}
