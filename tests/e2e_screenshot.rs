//! End to end: the real binary opens a real window on a virtual X display (Xvfb),
//! renders, and writes a PNG with `--screenshot`. Needs `Xvfb` and a graphics adapter
//! (a GPU driver or Mesa); where they are missing the tests say so and are skipped, except
//! under CI, where they fail (see `tests/common/needs.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};

use common::needs::Need;
use common::xvfb::Xvfb;

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Distinct colours and mean brightness (0–255) of a PNG.
fn inspect(path: &Path) -> (u32, u32, usize, f64) {
    let image = image::open(path).unwrap().to_rgba8();
    let mut colours = std::collections::HashSet::new();
    let mut sum = 0.0;
    for p in image.pixels() {
        colours.insert(p.0);
        sum += (f64::from(p.0[0]) + f64::from(p.0[1]) + f64::from(p.0[2])) / 3.0;
    }
    let n = f64::from(image.width() * image.height());
    (image.width(), image.height(), colours.len(), sum / n)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn screenshots_of_the_default_and_a_custom_dataset_in_a_real_window() {
    let Some(x) = Xvfb::start(
        "e2e_screenshot::screenshots_of_the_default_and_a_custom_dataset",
        &[Need::Xvfb, Need::Adapter],
    ) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();

    let default_png = out.path().join("default.png");
    let run = x.run(&[
        "--screenshot",
        default_png.to_str().unwrap(),
        "--size",
        "1100x700",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("saved"));
    let (w, h, colours, brightness) = inspect(&default_png);
    assert_eq!((w, h), (1100, 700), "the size asked for");
    assert!(
        colours > 200,
        "a real picture, not blank: {colours} colours"
    );
    assert!(brightness > 150.0, "light theme by default: {brightness}");

    let custom_png = out.path().join("custom.png");
    let minimal = manifest("tests/data/good/minimal.ron");
    let run = x.run(&[
        minimal.to_str().unwrap(),
        "--screenshot",
        custom_png.to_str().unwrap(),
        "--size",
        "900x600",
        "--select",
        "denial",
        "--theme",
        "dark",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let (w, h, colours, brightness) = inspect(&custom_png);
    assert_eq!((w, h), (900, 600));
    assert!(colours > 100, "{colours} colours");
    assert!(brightness < 100.0, "dark theme: {brightness}");
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn a_bad_dataset_or_an_unwritable_path_exits_non_zero_and_writes_nothing() {
    let Some(x) = Xvfb::start(
        "e2e_screenshot::a_bad_dataset_or_an_unwritable_path",
        &[Need::Xvfb, Need::Adapter],
    ) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let bad = out.path().join("bad.ron");
    std::fs::write(&bad, "(schema: 1, title: \"x\", events: [(id: \"a\")])").unwrap();
    let png = out.path().join("never.png");

    let run = x.run(&[bad.to_str().unwrap(), "--screenshot", png.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("an event is missing the field `title`"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.ron:1:"), "{stderr}");
    assert!(!png.exists());

    let missing_dir = out.path().join("no/such/folder/x.png");
    let run = x.run(&["--screenshot", missing_dir.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("does not exist"),
        "{}",
        text(&run.stderr)
    );

    let run = x.run(&[
        "--screenshot",
        png.to_str().unwrap(),
        "--select",
        "no-such-event",
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains("no event has the id \"no-such-event\""));
    assert!(!png.exists());
}
