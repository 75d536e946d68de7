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

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::needs::{self, Need};

/// Longest wait for Xvfb to report its display, and for one run of the app.
const XVFB_START: Duration = Duration::from_secs(20);
const RUN_LIMIT: Duration = Duration::from_secs(90);

/// A private X server for one test, stopped when dropped (also when the test fails).
struct Xvfb {
    child: Child,
    display: String,
    runtime_dir: tempfile::TempDir,
}

impl Xvfb {
    /// Starts Xvfb, or `None` (after a visible note) where the test cannot run here.
    fn start(test: &str) -> Option<Self> {
        if !needs::require(test, &[Need::Xvfb, Need::Adapter]) {
            return None;
        }
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "2000x1200x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Xvfb ({e}); install it: {}", needs::INSTALL));
        // Read the display number on a thread, so a server that never answers cannot
        // hang the test; it is killed below.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(XVFB_START).unwrap_or_default();
        let number = line.trim();
        if number.is_empty() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Xvfb did not report a display within {XVFB_START:?}");
        }
        Some(Self {
            child,
            display: format!(":{number}"),
            runtime_dir: tempfile::tempdir().unwrap(),
        })
    }

    /// Runs the app on this display; kills it if it runs past [`RUN_LIMIT`].
    fn run(&self, args: &[&str]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimline"))
            .args(args)
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", self.runtime_dir.path())
            .env("XDG_DATA_HOME", self.runtime_dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Drain both pipes on threads, so a chatty process cannot block on a full pipe.
        let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().unwrap()));
        let stderr = drain(Box::new(child.stderr.take().unwrap()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("claimline {args:?} did not exit within {RUN_LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
    let Some(x) = Xvfb::start("e2e_screenshot::screenshots_of_the_default_and_a_custom_dataset")
    else {
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
    let Some(x) = Xvfb::start("e2e_screenshot::a_bad_dataset_or_an_unwritable_path") else {
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
