//! A killed process loses at most a few seconds of edits: the real binary, under a
//! virtual X display, gets an edit from the keyboard, writes its recovery file, and is
//! killed with SIGKILL; the next start offers to restore the edits, naming the dataset
//! and the time, and restoring them gives the edited dataset, unsaved, to save. Needs
//! `Xvfb`, a graphics adapter, `xwininfo` and `xdotool`; skipped visibly without them,
//! except under CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::time::{Duration, Instant};

use claimline::app::AppOptions;
use common::needs::Need;
use common::xvfb::Xvfb;
use egui_kittest::kittest::Queryable as _;

const WAIT: Duration = Duration::from_secs(60);

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < WAIT, "{what} within {WAIT:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_killed_app_offers_its_unsaved_edits_at_the_next_start() {
    let Some(x) = Xvfb::start(
        "e2e_recovery::a_killed_app_offers_its_unsaved_edits_at_the_next_start",
        &[Need::Xvfb, Need::Adapter, Need::XClients, Need::XDoTool],
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.ron");
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/minimal.ron"),
    )
    .unwrap();
    std::fs::write(&file, &original).unwrap();

    let mut app = x.spawn(&[file.to_str().unwrap(), "--size", "1000x700"]);
    let mut window = String::new();
    wait_for("the window", || {
        assert!(app.alive(), "the app exited");
        let tree = x.x("xwininfo", &["-root", "-tree"]);
        match tree
            .lines()
            .find(|l| l.contains("\"story.ron — Claimline\""))
        {
            Some(line) => {
                window = line.split_whitespace().next().unwrap().to_owned();
                true
            }
            None => false,
        }
    });
    // Add an event from the keyboard (the window must have the focus first). A key sent
    // before the window listens is lost: press again until the edit shows in the
    // recovery file (written two seconds after it).
    let recovery = x.state_dir().join("recovery.ron");
    let written = || std::fs::read_to_string(&recovery).is_ok_and(|t| t.contains("New event"));
    let started = Instant::now();
    while !written() {
        assert!(app.alive(), "the app exited");
        assert!(started.elapsed() < WAIT, "no recovery file within {WAIT:?}");
        x.x("xdotool", &["windowfocus", "--sync", &window]);
        x.x("xdotool", &["key", "ctrl+shift+n"]);
        let pressed = Instant::now();
        while !written() && pressed.elapsed() < Duration::from_secs(8) {
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    app.kill();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "the dataset itself was not touched"
    );
    let about = std::fs::read_to_string(&recovery).unwrap();
    assert!(
        about.starts_with(&format!("// origin: {}\n", file.display())),
        "the edits name their file: {about}"
    );

    // The next start.
    let mut h = common::harness(AppOptions {
        recovery_dir: Some(x.state_dir()),
        ..AppOptions::default()
    });
    h.run();
    h.get_by_label("Restore unsaved edits?");
    h.get_by_label_contains(&format!("Edits to {}", file.display()));
    h.get_by_label("Restore").click();
    h.run();
    let app = h.state();
    let doc = app.document().unwrap();
    assert_eq!(doc.origin.path(), Some(file.as_path()));
    assert!(
        doc.dataset
            .events
            .iter()
            .any(|e| doc.dataset.str(e.title) == "New event"),
        "the edit is back"
    );
    assert!(app.is_dirty(), "restored edits are not saved yet");
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, claimline::app::command::UiCommand::Save.into());
    h.run();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("New event")
    );
    assert!(!recovery.exists(), "saved: the recovery file is gone");
}
