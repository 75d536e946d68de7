//! Exporting a screenshot from the running app (the frames are drawn by the CPU renderer
//! of `tests/common`): the whole window or the timeline alone, at screen scale or 2×, and
//! the error a user sees for a folder that does not exist.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use claimline::app::{AppOptions, ClaimlineApp};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness() -> Harness<'static, ClaimlineApp> {
    let mut h = common::harness_sized(AppOptions::default(), egui::vec2(1000.0, 700.0));
    h.run();
    h
}

/// Fills the export window and presses Export.
fn export(h: &mut Harness<'static, ClaimlineApp>, path: &Path, region: &str, scale: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label(region).click();
    h.get_by_label(scale).click();
    h.run();
    common::retype(h, "File:", &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(1);
}

/// Steps until `path` exists, or a timeout.
fn wait_for_file(h: &mut Harness<'static, ClaimlineApp>, path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{} was not written",
            path.display()
        );
        h.step();
    }
    h.run_steps(3);
}

#[test]
fn the_whole_window_at_screen_scale() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("window.png");
    let mut h = harness();
    export(&mut h, &png, "Whole window", "Screen (1×)");
    wait_for_file(&mut h, &png);
    let image = image::open(&png).unwrap();
    assert_eq!((image.width(), image.height()), (1000, 700));
    h.get_by_label_contains(&format!("Saved {}", png.display()));
    assert!(
        h.query_by_label("Export screenshot").is_none(),
        "the export window was closed before the capture"
    );
}

#[test]
fn the_timeline_alone_at_double_scale() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("timeline.png");
    let mut h = harness();
    let timeline = h
        .state()
        .timeline()
        .widget_rect
        .expect("the timeline is on screen");
    export(&mut h, &png, "Timeline only", "Double (2×)");
    wait_for_file(&mut h, &png);
    let image = image::open(&png).unwrap();
    // The timeline as on screen, twice as sharp, with the dataset's title and sources
    // above and the legend below.
    assert!(
        (image.width() as f32 - timeline.width() * 2.0).abs() <= 2.0
            && image.height() as f32 > timeline.height() * 2.0 + 100.0,
        "{}x{} for a timeline of {timeline:?} at 2×",
        image.width(),
        image.height()
    );
    // The window was never resized or zoomed for it.
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    assert_eq!(h.ctx.content_rect().size(), egui::vec2(1000.0, 700.0));
}

#[test]
fn a_missing_folder_is_an_error_in_the_ui_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("missing").join("x.png");
    let mut h = harness();
    export(&mut h, &png, "Whole window", "Screen (1×)");
    h.run();
    h.get_by_label_contains("Export failed: the folder");
    assert!(!png.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing was written"
    );
}

#[test]
fn the_timeline_as_svg_leaves_the_window_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("timeline.svg");
    let mut h = harness();
    let size = h.ctx.content_rect().size();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Timeline only").click();
    h.run();
    h.get_by_label("SVG").click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "File:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "File:")
        .type_text(&svg.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("written at once, no capture");
    let xml = roxmltree::Document::parse(&text).expect("well-formed");
    let events = xml
        .descendants()
        .filter(|n| n.attribute("data-event").is_some())
        .count();
    assert_eq!(events, 26, "every event of the view");
    h.get_by_label_contains(&format!("Saved {}", svg.display()));
    assert_eq!(
        h.ctx.content_rect().size(),
        size,
        "the window kept its size"
    );
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

/// With the map shown, the timeline's picture takes the map beside it, as on screen:
/// the built-in dataset's six placed events as markers with their coordinates.
#[test]
fn the_timeline_picture_takes_the_map_when_it_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("both.svg");
    let mut h = harness();
    h.key_press(Key::M);
    h.run();
    h.run();
    let text = common::export_timeline_and_map(&mut h, &svg);
    let xml = roxmltree::Document::parse(&text).expect("well-formed");
    // The map as wide as on screen (its clip), beside the timeline as wide as on screen.
    let timeline = h.state().timeline().widget_rect.unwrap().width();
    let map = h.state().map().screen_rect.unwrap().width();
    let number =
        |n: roxmltree::Node<'_, '_>, a: &str| -> f32 { n.attribute(a).unwrap().parse().unwrap() };
    let width = number(xml.root_element(), "width");
    assert!(
        (width - claimline::export::picture::width_beside(timeline, map)).abs() < 1.0,
        "{width} for a timeline {timeline} and a map {map} wide"
    );
    let map_clip = xml
        .descendants()
        .find(|n| n.attribute("id") == Some("map"))
        .and_then(|c| c.first_element_child())
        .expect("the map's clip");
    assert!(
        (number(map_clip, "width") - map).abs() < 1.0,
        "the map is {} wide in the picture, {map} on screen",
        number(map_clip, "width")
    );
    // Each of the six placed events twice: its mark on the timeline and its marker on
    // the map (the timeline alone has six).
    let placed = xml
        .descendants()
        .filter(|n| n.attribute("data-lat").is_some())
        .count();
    assert_eq!(placed, 12, "the timeline's marks and the map's markers");
    assert!(
        text.contains("Made with Natural Earth"),
        "the basemap's credit"
    );
}
