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
use egui_kittest::kittest::Queryable as _;

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
