//! Opening datasets in the running app: through the path the file dialog takes, by
//! dropping a file, and by reloading when the file changes on disk. A broken file shows
//! its problems and never replaces what is on screen.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimline::app::AppOptions;
use claimline::app::command::Command;
use common::{harness, settle};
use egui_kittest::kittest::Queryable as _;

const MINIMAL: &str = include_str!("data/good/minimal.ron");

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn shown_title(h: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>) -> String {
    let doc = h.state().document().expect("a dataset is shown");
    doc.dataset.str(doc.dataset.title).to_owned()
}

/// Opens a file the way the dialog does once the user has chosen it.
fn open(h: &mut egui_kittest::Harness<'_, claimline::app::ClaimlineApp>, path: &Path) {
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, Command::Open(path.to_owned()));
    settle(h);
}

#[test]
fn a_good_file_replaces_the_dataset_and_a_bad_one_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.ron", MINIMAL);
    let bad = write(
        dir.path(),
        "bad.ron",
        &MINIMAL.replace(r#"to: "call""#, r#"to: "nowhere""#),
    );
    let mut h = harness(AppOptions::default());
    h.run();
    assert_eq!(h.state().shown_events().len(), 26);

    open(&mut h, &good);
    assert_eq!(shown_title(&h), "Minimal");
    assert_eq!(h.state().shown_events().len(), 2);
    assert!(h.state().problems().is_none());
    h.get_by_label(&good.display().to_string());

    open(&mut h, &bad);
    assert_eq!(
        shown_title(&h),
        "Minimal",
        "the failed load kept the dataset"
    );
    assert_eq!(h.state().shown_events().len(), 2);
    let problems = h.state().problems().expect("the problems panel is shown");
    assert!(problems.failed);
    // The panel says what failed and that nothing on screen changed; a notification too.
    h.get_by_label(&format!(
        "Could not open {}: 1 problem. good.ron is still shown, unchanged.",
        bad.display()
    ));
    h.get_by_label_contains("Could not open: unknown event \"nowhere\"");
    h.get_by_label("unknown event \"nowhere\" [relations[0].to]");
    h.get_by_label(&format!("{}:34:54", bad.display()));
    h.get_by_label_contains("34 |         (id: \"r1\", kind: Denies");
    h.get_by_label_contains("How to fix: add an event with id \"nowhere\"");
    // Dismissing hides the panel; the dataset stays.
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().problems().is_none());
    assert_eq!(shown_title(&h), "Minimal");
}

#[test]
fn a_missing_file_and_a_folder_are_reported_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(AppOptions::default());
    h.run();
    open(&mut h, &dir.path().join("absent.ron"));
    let message = h.state().problems().unwrap().diagnostics[0].message.clone();
    assert!(message.starts_with("cannot read the file"), "{message}");
    h.get_by_label(&message);
    open(&mut h, dir.path());
    h.get_by_label("this is a folder, not a dataset file");
    assert_eq!(
        h.state().shown_events().len(),
        26,
        "the built-in dataset stayed"
    );
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "dropped.ron", MINIMAL);
    let mut h = harness(AppOptions::default());
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(good.clone())));
    h.step();
    settle(&mut h);
    assert_eq!(shown_title(&h), "Minimal");
}

#[test]
fn a_file_given_on_the_command_line_opens_with_progress_then_shows() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "cli.ron", MINIMAL);
    let mut h = harness(AppOptions {
        file: Some(good),
        ..AppOptions::default()
    });
    settle(&mut h);
    assert_eq!(shown_title(&h), "Minimal");
}

/// Steps the app (in real time, for the file watcher) until `done` holds.
fn wait_until(
    h: &mut egui_kittest::Harness<'_, claimline::app::ClaimlineApp>,
    what: &str,
    done: impl Fn(&claimline::app::ClaimlineApp) -> bool,
) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting: {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    h.run_steps(2);
}

#[test]
fn an_edited_file_reloads_a_broken_edit_keeps_the_old_data_and_the_fix_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "live.ron", MINIMAL);
    let mut h = harness(AppOptions {
        file: Some(path.clone()),
        ..AppOptions::default()
    });
    settle(&mut h);
    assert_eq!(shown_title(&h), "Minimal");

    // An edit on disk is picked up without asking.
    std::fs::write(
        &path,
        MINIMAL.replace("title: \"Minimal\"", "title: \"Edited\""),
    )
    .unwrap();
    wait_until(&mut h, "reload after an edit", |app| {
        app.document()
            .is_some_and(|d| d.dataset.str(d.dataset.title) == "Edited")
    });

    // Half a file (a save in progress, or a mistake) shows an error; the data stays.
    let half = &MINIMAL[..MINIMAL.len() / 2];
    std::fs::write(&path, half).unwrap();
    wait_until(&mut h, "the error of a half-written file", |app| {
        app.problems().is_some_and(|p| p.failed)
    });
    assert_eq!(shown_title(&h), "Edited");
    assert_eq!(h.state().shown_events().len(), 2);
    h.get_by_label(&format!(
        "Could not open {}: 1 problem. live.ron is still shown, unchanged.",
        path.display()
    ));

    // Fixing the file reloads it and clears the error.
    std::fs::write(
        &path,
        MINIMAL.replace("title: \"Minimal\"", "title: \"Fixed\""),
    )
    .unwrap();
    wait_until(&mut h, "reload after the fix", |app| {
        app.document()
            .is_some_and(|d| d.dataset.str(d.dataset.title) == "Fixed")
    });
    assert!(h.state().problems().is_none());
}

#[test]
fn reload_reads_the_file_again_and_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "reload.ron", MINIMAL);
    let mut h = harness(AppOptions {
        file: Some(path.clone()),
        select: Some("denial".to_owned()),
        ..AppOptions::default()
    });
    settle(&mut h);
    assert_eq!(common::selected_id(&h).as_deref(), Some("denial"));
    std::fs::write(
        &path,
        MINIMAL.replace("Bob denies the call", "Bob denies it all"),
    )
    .unwrap();
    h.key_press(egui::Key::F5);
    h.step();
    settle(&mut h);
    assert_eq!(common::selected_id(&h).as_deref(), Some("denial"));
    let doc = h.state().document().unwrap();
    let e = h.state().selected().unwrap();
    assert_eq!(
        doc.dataset.str(doc.dataset.events[e as usize].title),
        "Bob denies it all"
    );
}
