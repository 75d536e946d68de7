//! *File ▸ Publish…* in the app: the web page and ClaimReview written from the window,
//! as the command line writes them, with a note saying what was written.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use claimline::app::{AppOptions, ClaimlineApp};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// Opens File ▸ Publish…, picks `what`, types `path` and presses Publish.
fn publish(h: &mut Harness<'static, ClaimlineApp>, what: &str, path: &Path) {
    h.get_by_role_and_label(Role::MenuItem, "File").click();
    h.run();
    h.get_by_label("Publish…").click();
    h.run();
    h.get_by_label(what).click();
    h.run();
    common::retype(h, "File:", &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "Publish").click();
    h.run_steps(1);
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} was not written",
            path.display()
        );
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run_steps(3);
}

#[test]
fn the_app_publishes_the_page_and_the_claim_reviews() {
    let mut h = common::harness(AppOptions::default());
    h.run();
    let dir = tempfile::tempdir().unwrap();

    let page = dir.path().join("page.html");
    publish(&mut h, "Web page (HTML)", &page);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("There was no conversation"));
    assert!(html.contains("Content-Security-Policy"));
    h.get_by_label_contains("a web page of 26 events and 8 disputes");

    let reviews = dir.path().join("reviews.jsonld");
    publish(&mut h, "ClaimReview JSON-LD", &reviews);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&reviews).unwrap()).unwrap();
    // Seven reviews: the eighth question has no counter-claim (its links only support).
    assert_eq!(json.as_array().unwrap().len(), 7);
    assert_eq!(json[0]["@type"], "ClaimReview");
    h.get_by_label_contains("ClaimReview JSON-LD of 7 disputed questions");
}
