//! End to end on a desktop: the real binary's window, as a window manager or a taskbar
//! sees it under a virtual X display — the icon it shows, the class that matches it to
//! its launcher entry, and a title that names the open dataset. Needs `Xvfb`, a graphics
//! adapter and `xprop`/`xwininfo`; skipped visibly without them, except under CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::needs::Need;
use common::xvfb::Xvfb;

/// Longest wait for the window to appear.
const WINDOW_WAIT: Duration = Duration::from_secs(60);

/// The id of the top-level window whose title is `title`, once it exists.
fn window_titled(x: &Xvfb, app: &mut common::xvfb::Running, title: &str) -> String {
    let started = Instant::now();
    let quoted = format!("\"{title}\"");
    loop {
        let tree = x.x("xwininfo", &["-root", "-tree"]);
        if let Some(line) = tree.lines().find(|l| l.contains(&quoted)) {
            return line.split_whitespace().next().unwrap().to_owned();
        }
        assert!(app.alive(), "the app exited before showing \"{title}\"");
        assert!(
            started.elapsed() < WINDOW_WAIT,
            "no window titled \"{title}\" within {WINDOW_WAIT:?}; windows:\n{tree}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A window's `_NET_WM_ICON`: its first image's width, height and ARGB pixels.
fn net_wm_icon(x: &Xvfb, window: &str) -> (u32, u32, Vec<u32>) {
    let text = x.x(
        "xprop",
        // xprop reads 250,000 bytes unless told more: less than a 256-pixel icon.
        &[
            "-id",
            window,
            "-len",
            "4000000",
            "-f",
            "_NET_WM_ICON",
            "32c",
            "_NET_WM_ICON",
        ],
    );
    let (_, values) = text
        .split_once(" = ")
        .unwrap_or_else(|| panic!("the window has no icon: {text}"));
    let numbers: Vec<u32> = values
        .split(',')
        .map(|v| v.trim().parse().unwrap())
        .collect();
    let (w, h) = (numbers[0], numbers[1]);
    let pixels = numbers[2..]
        .iter()
        .take((w * h) as usize)
        .copied()
        .collect();
    (w, h, pixels)
}

#[test]
fn the_window_shows_the_icon_the_launcher_class_and_the_dataset_in_its_title() {
    let Some(x) = Xvfb::start(
        "e2e_window::the_window_shows_the_icon_the_launcher_class_and_the_dataset",
        &[Need::Xvfb, Need::Adapter, Need::XClients],
    ) else {
        return;
    };
    let dataset = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/minimal.ron");
    let mut app = x.spawn(&[dataset.to_str().unwrap(), "--size", "900x600"]);
    let window = window_titled(&x, &mut app, "minimal.ron — Claimline");

    let class = x.x("xprop", &["-id", &window, "WM_CLASS"]);
    assert!(
        class.contains("\"io.github.claimline.Claimline\""),
        "the class names the launcher entry (StartupWMClass): {class}"
    );

    let (w, h, pixels) = net_wm_icon(&x, &window);
    let png = image::load_from_memory(claimline::app::icon::ICON_PNG)
        .unwrap()
        .to_rgba8();
    assert_eq!((w, h), png.dimensions(), "the icon built into the app");
    assert_eq!(
        pixels.len(),
        (w * h) as usize,
        "every pixel of the icon is set"
    );
    // _NET_WM_ICON holds ARGB, one pixel per 32-bit value.
    let differ = png
        .pixels()
        .zip(&pixels)
        .filter(|&(p, &argb)| {
            let [r, g, b, a] = p.0;
            let expected =
                u32::from(a) << 24 | u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b);
            expected != argb
        })
        .count();
    assert_eq!(
        differ, 0,
        "the window icon is the app's icon, pixel for pixel"
    );
    let opaque = pixels.iter().filter(|&&argb| argb >> 24 > 200).count();
    assert!(
        opaque > pixels.len() / 4,
        "a drawn icon, not a blank one: {opaque} opaque pixels"
    );
}

/// The size of `window` as X has it: "900x600".
fn geometry(x: &Xvfb, window: &str) -> String {
    let info = x.x("xwininfo", &["-id", window]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap()
    };
    format!("{}x{}", field("Width:"), field("Height:"))
}

/// `--size` is the window's size on screen, also after the interface was scaled to 150 %
/// in an earlier session (egui-winit multiplies a size in points by the saved zoom: a
/// 900×600 window opened at 1350×900).
#[test]
fn size_means_the_window_size_after_a_session_scaled_to_150_percent() {
    let Some(x) = Xvfb::start(
        "e2e_window::size_means_the_window_size_after_a_session_scaled",
        &[Need::Xvfb, Need::Adapter, Need::XClients, Need::XDoTool],
    ) else {
        return;
    };
    let title = "Built-in dataset — Claimline";
    let mut app = x.spawn(&["--size", "1000x700"]);
    let window = window_titled(&x, &mut app, title);
    assert_eq!(geometry(&x, &window), "1000x700");
    // Ctrl+= five times: 150 %, then Ctrl+Q, which saves the session.
    x.x("xdotool", &["windowfocus", "--sync", &window]);
    for _ in 0..5 {
        x.x("xdotool", &["key", "ctrl+equal"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    std::thread::sleep(Duration::from_secs(1));
    x.x("xdotool", &["key", "ctrl+q"]);
    let started = Instant::now();
    while app.alive() {
        assert!(started.elapsed() < WINDOW_WAIT, "Ctrl+Q did not quit");
        std::thread::sleep(Duration::from_millis(100));
    }
    let saved = std::fs::read_to_string(x.state_dir().join("app.ron")).unwrap();
    assert!(saved.contains("zoom_factor:1.5"), "the session kept 150 %");

    let mut app = x.spawn(&["--size", "900x600"]);
    let window = window_titled(&x, &mut app, title);
    // The first frame sets the size; give it a moment.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(geometry(&x, &window), "900x600");
}
