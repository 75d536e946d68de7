//! The corpus of broken files in `tests/data/bad/`: each gives its expected error with a
//! position through the loader, `claimline check` exits 1 on each, and the app shows the
//! problems and keeps the dataset on screen.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use claimline::app::AppOptions;
use claimline::app::command::Command as AppCommand;
use claimline::load::{self, LoadOptions};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

/// File, expected message (a part of it), and line:col of the first error.
const CASES: &[(&str, &str, (usize, usize))] = &[
    ("syntax-error.ron", "expected a comma after this", (4, 21)),
    (
        "unknown-field.ron",
        "unknown field `titel` in an event",
        (16, 13),
    ),
    ("wrong-type.ron", "expected a whole number", (3, 12)),
    (
        "missing-field.ron",
        "an event is missing the field `kind`",
        (21, 9),
    ),
    (
        "duplicate-id.ron",
        "duplicate event id \"call\" (first used by events[0])",
        (24, 17),
    ),
    (
        "dangling-reference.ron",
        "unknown event \"the-call\"",
        (34, 54),
    ),
    (
        "bad-date.ron",
        "`2020-02-30` is not a real calendar date",
        (18, 20),
    ),
    (
        "inverted-window.ron",
        "the window `2020-05..2020-01` ends before it starts",
        (27, 20),
    ),
    ("empty-quote.ron", "the quote is empty", (30, 64)),
    (
        "invalid-utf8.ron",
        "the file is not valid UTF-8 text (byte 0xE9)",
        (4, 18),
    ),
    ("nested-brackets.ron", "expected `(`", (1, 1)),
    ("empty.ron", "the file is empty", (1, 1)),
    (
        "not-a-dataset.json",
        "this JSON has no `events` list, so it is not a TimelineJS timeline",
        (1, 1),
    ),
    ("binary.bin", "this is a binary file, not a dataset", (1, 1)),
];

#[test]
fn each_broken_file_gives_its_error_at_its_place() {
    for (name, message, (line, col)) in CASES {
        let err = load::load_file(&bad(name), LoadOptions::default(), None)
            .expect_err(&format!("{name} must not load"));
        let first = &err.diagnostics[0];
        assert!(first.message.contains(message), "{name}: {}", first.message);
        let loc = first
            .location
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no position"));
        assert_eq!((loc.line, loc.col), (*line, *col), "{name}");
        assert!(first.help.is_some(), "{name}: says how to fix it");
    }
}

#[test]
fn json_gets_a_hint() {
    let err =
        load::load_file(&bad("not-a-dataset.json"), LoadOptions::default(), None).unwrap_err();
    assert!(err.to_string().contains("this looks like JSON"), "{err}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let loaded = load::load_file(&bad("bom.ron"), LoadOptions::default(), None).unwrap();
    assert_eq!(loaded.dataset.events.len(), 2);
}

#[test]
fn made_by_the_test_an_oversize_file_and_a_million_character_title() {
    let dir = tempfile::tempdir().unwrap();
    // A dataset whose text starts well and runs to 300 MiB (sparse: the test writes
    // only its head). It is refused after its head is read, not read whole.
    let huge = dir.path().join("huge.ron");
    let head = format!(
        "(schema: 1, title: \"x\", events: [{}",
        " ".repeat(128 * 1024)
    );
    std::fs::write(&huge, head).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let err = load::load_file(&huge, LoadOptions::default(), None).unwrap_err();
    assert!(
        err.diagnostics[0].message.contains("too large: 300 MiB"),
        "{err}"
    );
    // Past every limit (tables stop at 4 GiB), a file is refused before it is opened
    // for reading.
    let huger = dir.path().join("huge.csv");
    std::fs::File::create(&huger)
        .unwrap()
        .set_len(5 * 1024 * 1024 * 1024)
        .unwrap();
    let err = load::load_file(&huger, LoadOptions::default(), None).unwrap_err();
    assert!(
        err.diagnostics[0].message.contains("too large: 5.0 GiB"),
        "{err}"
    );

    let minimal = std::fs::read_to_string(bad("../good/minimal.ron")).unwrap();
    let long = minimal.replace("Alice calls Bob", &"A".repeat(1_000_000));
    let path = dir.path().join("long.ron");
    std::fs::write(&path, long).unwrap();
    let err = load::load_file(&path, LoadOptions::default(), None).unwrap_err();
    let d = &err.diagnostics[0];
    assert!(
        d.message
            .contains("the event's title is 1000000 characters long"),
        "{}",
        d.message
    );
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.col), (16, 20));
    assert!(
        loc.line_text.chars().count() < 200,
        "the excerpt is cut short"
    );
    assert!(err.to_string().len() < 2_000, "the message stays readable");
}

#[test]
fn check_exits_1_on_every_broken_file() {
    for (name, message, _) in CASES {
        let out = Command::new(env!("CARGO_BIN_EXE_claimline"))
            .args(["check", bad(name).to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}:")),
            "{name}: names the place: {stderr}"
        );
    }
}

#[test]
fn the_app_shows_each_problem_and_keeps_the_dataset() {
    let mut h = common::harness(AppOptions::default());
    h.run();
    for (name, message, (line, col)) in CASES {
        let ctx = h.ctx.clone();
        h.state_mut().execute(&ctx, AppCommand::Open(bad(name)));
        common::settle(&mut h);
        let app = h.state();
        assert_eq!(
            app.shown_events().len(),
            26,
            "{name}: the built-in dataset stayed"
        );
        let problems = app
            .problems()
            .unwrap_or_else(|| panic!("{name}: problems shown"));
        assert!(problems.failed);
        assert!(problems.diagnostics[0].message.contains(message), "{name}");
        let place = format!("{}:{line}:{col}", bad(name).display());
        assert_eq!(problems.diagnostics[0].place(&problems.file), place);
    }
}

/// Found by `tests/mutation.rs`'s random bytes: a file that starts like gzip but does not
/// decompress is refused with its problem placed at the file's start, like every other
/// problem with a file's content.
#[test]
fn a_damaged_gzip_file_is_refused_at_its_start() {
    for bytes in [
        &b"\x1f\x8b"[..],
        b"\x1f\x8b\x00\x00\x00\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage that is not deflate",
    ] {
        let err = load::load_bytes(
            bytes,
            Path::new("story.ron.gz"),
            LoadOptions::default(),
            None,
        )
        .unwrap_err();
        let d = &err.diagnostics[0];
        assert!(
            d.message.starts_with("cannot read the file"),
            "{}",
            d.message
        );
        assert!(
            d.help.as_deref().is_some_and(|h| h.contains("gzip")),
            "{:?}",
            d.help
        );
        let at = d.location.as_ref().expect("placed");
        assert_eq!((at.line, at.col), (1, 1));
    }
}
