//! `claimline check` as a user runs it: the real binary, its output and exit status.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `contents` to a fresh temporary file named `name` and returns its folder.
fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

#[test]
fn the_default_dataset_passes_strict_check_with_every_quote_verified() {
    let data = manifest("data/trump-putin.ron");
    let seeds = manifest("../shared/seeds");
    let out = claimline(&[
        "check",
        "--strict",
        data.to_str().unwrap(),
        "--corpus",
        seeds.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("dates 2017-"), "{stdout}");
    assert!(stdout.contains("… 2024-"), "{stdout}");
    assert!(stdout.contains("quotes found verbatim"), "{stdout}");
}

#[test]
fn corpus_check_catches_an_altered_quote_and_a_quote_from_the_wrong_source() {
    let minimal = std::fs::read_to_string(manifest("tests/data/good/minimal.ron")).unwrap();
    let corpus = manifest("tests/data/good");
    let altered = minimal.replace("They spoke for an hour.", "They spoke for two hours.");
    let wrong_source = minimal.replace(
        r#"(source: "s2", speaker: Actor("b"), text: "There was no call.")"#,
        r#"(source: "s1", speaker: Actor("b"), text: "There was no call.")"#,
    );
    assert_ne!(wrong_source, minimal);
    for (contents, expected) in [
        (altered, "the text matches up to \"They spoke for \""),
        (wrong_source, "in the text of source \"s2\" instead"),
    ] {
        let (_dir, path) = temp_file("x.ron", contents.as_bytes());
        let out = claimline(&[
            "check",
            path.to_str().unwrap(),
            "--corpus",
            corpus.to_str().unwrap(),
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("quote not found verbatim"), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(stderr.contains("x.ron:"), "points at the quote: {stderr}");
    }
}

#[test]
fn broken_files_each_get_a_clear_error_and_exit_1() {
    let minimal = std::fs::read_to_string(manifest("tests/data/good/minimal.ron")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated.ron",
            minimal.as_bytes()[..400].to_vec(),
            "truncated.ron:",
        ),
        (
            "misspelled.ron",
            minimal
                .replace("status: Reported", "stauts: Reported")
                .into_bytes(),
            "unknown field `stauts` in an event",
        ),
        (
            "dangling.ron",
            minimal
                .replace(r#"to: "call""#, r#"to: "cal""#)
                .into_bytes(),
            "unknown event \"cal\"",
        ),
        (
            "bad-date.ron",
            minimal.replace("2020-04-30", "2020-02-30").into_bytes(),
            "is not a real calendar date",
        ),
        (
            "inverted.ron",
            minimal
                .replace(r#"date: "2020-05","#, r#"date: "2020-05..2019","#)
                .into_bytes(),
            "ends before it starts",
        ),
        (
            "nested.ron",
            "[".repeat(100_000).into_bytes(),
            "nested.ron:1:",
        ),
        (
            "nested2.ron",
            format!("(schema: 1, events: {})", "[".repeat(100_000)).into_bytes(),
            "nested2.ron:1:22",
        ),
        ("empty.ron", Vec::new(), "the file is empty"),
        (
            "junk.bin",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
            "binary file",
        ),
        (
            "data.json",
            br#"{"title": "x", "dates": []}"#.to_vec(),
            "not a TimelineJS timeline",
        ),
    ];
    for (name, contents, expected) in cases {
        let (_dir, path) = temp_file(name, &contents);
        let out = claimline(&["check", path.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in\n{stderr}"
        );
        assert!(stderr.contains("error:"), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn a_300_mb_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A dataset's head, then 300 MiB in all (sparse: costs no disk).
    let head = format!(
        "(schema: 1, title: \"x\", events: [{}",
        " ".repeat(128 * 1024)
    );
    std::fs::write(&path, head).unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(300 * 1024 * 1024).unwrap();
    let out = claimline(&["check", path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("the file is too large: 300 MiB (the limit is 256 MiB)"),
        "{stderr}"
    );
}

#[test]
fn check_reports_each_file_and_fails_if_any_fails() {
    let good = manifest("tests/data/good/minimal.ron");
    let out = claimline(&["check", good.to_str().unwrap(), "/nonexistent/x.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("minimal.ron: ok — 2 events, 2 sources, 2 quotes, 1 relation,")
    );
    assert!(text(&out.stderr).contains("cannot read the file"));
}

#[test]
fn a_dataset_without_events_is_a_warning_and_an_error_under_strict_in_every_format() {
    for (name, contents) in [
        (
            "empty.ron",
            &b"(schema: 1, title: \"Nothing yet\", events: [])"[..],
        ),
        (
            "empty.json",
            &br#"{"title": "json, not ron", "events": []}"#[..],
        ),
        ("empty.csv", &b"Year,Month,Day,Headline,Text\n"[..]),
    ] {
        let (_dir, path) = temp_file(name, contents);
        let file = path.to_str().unwrap();
        let out = claimline(&["check", file]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("warning: the dataset has no events"),
            "{name}: {}",
            text(&out.stderr)
        );
        let out = claimline(&["check", "--strict", file]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(
            text(&out.stderr).contains("the dataset has no events (an error under --strict)"),
            "{name}: {}",
            text(&out.stderr)
        );
    }
}
