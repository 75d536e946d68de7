//! Hostile data in the running app: links open only when clicked and only for http(s),
//! and very long text does not stall the window.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::PathBuf;

use claimline::app::AppOptions;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

const MINIMAL: &str = include_str!("data/good/minimal.ron");
const LINK: &str = "Open the article in a browser ↗";

fn with_file(
    text: &str,
    select: &str,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, claimline::app::ClaimlineApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("x.ron");
    std::fs::write(&path, text).unwrap();
    let mut h = common::harness(AppOptions {
        file: Some(path),
        select: Some(select.to_owned()),
        ..AppOptions::default()
    });
    common::settle(&mut h);
    (dir, h)
}

fn opened_urls(h: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_web_link_opens_only_when_clicked() {
    let (_dir, mut h) = with_file(MINIMAL, "denial");
    for _ in 0..5 {
        h.step();
        assert!(opened_urls(&h).is_empty(), "nothing opens by itself");
    }
    h.get_by_role_and_label(Role::Link, LINK).click();
    h.step();
    assert_eq!(opened_urls(&h), ["https://example.org/w"]);
}

#[test]
fn other_schemes_are_shown_but_never_opened() {
    let text = MINIMAL.replace("https://example.org/w", "file:///etc/passwd");
    let (_dir, mut h) = with_file(&text, "denial");
    h.run();
    assert!(h.query_by_role_and_label(Role::Link, LINK).is_none());
    h.get_by_label("Link not opened (not http/https): file:///etc/passwd");
    assert!(opened_urls(&h).is_empty());
}

#[test]
fn a_million_character_quote_and_summary_do_not_stall_the_window() {
    let huge = "word ".repeat(200_000);
    let text = MINIMAL.replace("They spoke for an hour.", &huge).replace(
        "participants: [\"a\", \"b\"],",
        &format!("participants: [\"a\", \"b\"], summary: \"{huge}\","),
    );
    let (_dir, mut h) = with_file(&text, "call");
    let start = std::time::Instant::now();
    h.run();
    for _ in 0..5 {
        h.step();
    }
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // Both the summary and the quote are cut, and say so (the quote twice: as shown,
    // and in the name a screen reader reads).
    assert_eq!(
        h.query_all_by_label_contains("more characters not shown")
            .count(),
        3
    );
}
