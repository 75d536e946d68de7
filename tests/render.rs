//! `claimline render`: the timeline as SVG or PNG with no window, no display and no GPU.
//! The SVG is well-formed XML with text as text and one group per event; the PNG looks
//! like the window (the same scene, painted by resvg instead of egui) and like its
//! snapshot; bad arguments and hostile titles give clear errors and well-formed files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use claimline::app::AppOptions;
use claimline::export::picture::PictureInput;
use claimline::export::{self, ExportFormat, svg};
use claimline::timeline::look::Palette;
use claimline::timeline::metrics::FontMetrics;
use claimline::timeline::{Derived, Document, Filter, LaneMode, TimeScale, scene};

/// Runs the binary with no display at all.
fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn an_svg_of_the_built_in_dataset_with_no_display() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.svg");
    let run = claimline(&["render", "-o", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("wrote"), "{}", text(&run.stdout));
    let svg = std::fs::read_to_string(&out).unwrap();
    let xml = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    // Every event is a group carrying its id and its whole title.
    let doc = Document::builtin().unwrap();
    let groups: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-event").is_some())
        .collect();
    assert_eq!(groups.len(), doc.dataset.events.len());
    for g in &groups {
        let id = g.attribute("data-event").unwrap();
        let e = doc.dataset.event_index_by_name(id).unwrap();
        let title = g.children().find(|c| c.has_tag_name("title")).unwrap();
        assert_eq!(
            title.text(),
            Some(doc.dataset.str(doc.dataset.events[e as usize].title))
        );
    }
    // Text is text, and labels carry the width the layout measured.
    let texts: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.text() == Some("Trump–Putin contacts, 2017–2024"))
    );
    let labelled = texts
        .iter()
        .filter(|t| t.attribute("textLength").is_some())
        .count();
    assert!(labelled >= 22, "{labelled} texts with textLength");
    assert!(
        root.attribute("font-family")
            .unwrap()
            .contains("sans-serif")
    );
}

#[test]
fn a_png_at_double_scale_with_no_display() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    let run = claimline(&[
        "render",
        "-o",
        out.to_str().unwrap(),
        "--size",
        "1000x640",
        "--scale",
        "2",
        "--theme",
        "dark",
        "--select",
        "reported-call-2024-11-07",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let image = image::open(&out).unwrap().to_rgba8();
    assert_eq!(image.dimensions(), (2000, 1280));
    let mean = image
        .pixels()
        .map(|p| (u32::from(p.0[0]) + u32::from(p.0[1]) + u32::from(p.0[2])) / 3)
        .sum::<u32>()
        / (2000 * 1280);
    assert!(mean < 90, "dark theme: mean brightness {mean}");
}

/// The built-in dataset's opening picture, drawn by the library with bundled fonts only
/// (so that every machine draws the same pixels).
fn builtin_png(format: ExportFormat) -> Vec<u8> {
    let doc = Document::builtin().unwrap();
    let derived = Derived::compute(&doc, &Filter::default(), LaneMode::Kind);
    let input = PictureInput {
        doc: &doc,
        derived: &derived,
        scale: TimeScale::Compressed,
        view: scene::fit_all(&derived, TimeScale::Compressed),
        size: (1280.0, 800.0),
        timeline_height: None,
        selected: None,
        show_links: true,
        dark: false,
        answers: None,
        map: None,
    };
    export::render(&input, format, 1.0, false, &FontMetrics::new()).unwrap()
}

/// Pixels of `a` and `b` (same size) whose channels differ by more than `tolerance`.
fn differing(a: &image::RgbaImage, b: &image::RgbaImage, tolerance: u8) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > tolerance))
        .count()
}

#[test]
fn the_png_matches_its_snapshot_with_no_gpu() {
    let png = builtin_png(ExportFormat::Png);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/render_builtin.png");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &png).unwrap();
    }
    assert!(
        path.exists(),
        "no snapshot at {}: run with UPDATE_SNAPSHOTS=1 to make it",
        path.display()
    );
    let now = image::load_from_memory(&png).unwrap().to_rgba8();
    let then = image::open(&path).unwrap().to_rgba8();
    assert_eq!(now.dimensions(), then.dimensions());
    let off = differing(&now, &then, 8);
    assert!(
        off <= 64,
        "{off} pixels differ from {} (UPDATE_SNAPSHOTS=1 to accept)",
        path.display()
    );
}

#[test]
fn the_png_looks_like_the_window() {
    // The window's timeline, drawn by egui (on the CPU renderer) …
    let mut h = common::harness_sized(AppOptions::default(), egui::vec2(1280.0, 800.0));
    h.run();
    let window = h.render().unwrap();
    let rect = h.state().timeline().widget_rect.unwrap();
    let ppp = h.ctx.pixels_per_point();
    let crop = image::imageops::crop_imm(
        &window,
        (rect.min.x * ppp) as u32,
        (rect.min.y * ppp) as u32,
        (rect.width() * ppp) as u32,
        (rect.height() * ppp) as u32,
    )
    .to_image();
    // … and the same scene written as SVG and rasterized by resvg.
    let app = h.state();
    let scene = &app.timeline().scene;
    let doc = app.document().unwrap();
    let metrics = FontMetrics::new();
    let svg = svg::scene_document(scene, doc, &Palette::LIGHT, &metrics);
    let png = export::raster::png(&svg, ppp, false).unwrap();
    let export = image::load_from_memory(&png).unwrap().to_rgba8();
    let (w, h2) = (
        crop.width().min(export.width()),
        crop.height().min(export.height()),
    );
    let a = image::imageops::crop_imm(&crop, 0, 0, w, h2).to_image();
    let b = image::imageops::crop_imm(&export, 0, 0, w, h2).to_image();
    // Same layout and colours: averaged over 4×4-pixel blocks (which evens out how the
    // two rasterizers anti-alias the edges of text and curves), nearly every block is
    // within a little of the other's, and most single pixels are too.
    let total = (w * h2) as usize;
    let off = differing(&a, &b, 48);
    assert!(
        off * 100 <= total * 5,
        "{off} of {total} pixels differ by more than 48 levels"
    );
    let blocks = |img: &image::RgbaImage| {
        image::imageops::resize(img, w / 4, h2 / 4, image::imageops::FilterType::Triangle)
    };
    let (a4, b4) = (blocks(&a), blocks(&b));
    let off = differing(&a4, &b4, 40);
    let total = (a4.width() * a4.height()) as usize;
    assert!(
        off * 100 <= total,
        "{off} of {total} 4×4 blocks differ by more than 40 levels"
    );
}

fn temp(name: &str, contents: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

#[test]
fn bad_arguments_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    // Usage errors: exit 2.
    for args in [
        vec!["render", "-o", &path("t.jpeg")],
        vec!["render", "-o", &path("t.svg"), "--size", "12x12"],
        vec![
            "render",
            "-o",
            &path("t.svg"),
            "--range",
            "2024-13..2024-15",
        ],
        vec!["render", "-o", &path("t.svg"), "--scale", "0"],
        vec!["render", "-o", &path("t.svg"), "--lanes", "colour"],
    ] {
        let run = claimline(&args);
        assert_eq!(
            run.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&run.stderr)
        );
    }
    assert!(text(&claimline(&["render", "-o", &path("t.jpeg")]).stderr).contains(".png or .svg"));
    // Errors of the data or the disk: exit 1.
    let missing = dir.path().join("no/such/folder/t.svg");
    let run = claimline(&["render", "-o", missing.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("does not exist"),
        "{}",
        text(&run.stderr)
    );
    let run = claimline(&["render", "-o", &path("t.svg"), "--select", "nope"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains("no event has the id \"nope\""));
    let (_d, bad) = temp(
        "bad.ron",
        "(schema: 1, title: \"x\", events: [(id: \"a\")])",
    );
    let run = claimline(&["render", bad.to_str().unwrap(), "-o", &path("t.svg")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("bad.ron:1:"),
        "{}",
        text(&run.stderr)
    );
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(written.is_empty(), "nothing written: {written:?}");
}

#[test]
fn hostile_titles_come_out_escaped_and_well_formed() {
    let title = "<script>&amp; \\\"quoted\\\" 'single' مرحبا бум 👋 \\u{7}bell";
    let dataset = format!(
        "(schema: 1, title: \"{title}\", sources: [(id: \"s\", outlet: \"A & B <wire>\", published: \"2024\")], events: [(id: \"e&1\", title: \"{title}\", kind: Meeting, date: \"2024-11-07\", status: Reported, quotes: [(source: \"s\", speaker: Outlet, text: \"x\")])])"
    );
    let (dir, file) = temp("hostile.ron", &dataset);
    for ext in ["svg", "png"] {
        let out = dir.path().join(format!("h.{ext}"));
        let run = claimline(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{ext}: {}", text(&run.stderr));
    }
    let svg = std::fs::read_to_string(dir.path().join("h.svg")).unwrap();
    let xml = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let group = xml
        .descendants()
        .find(|n| n.attribute("data-event") == Some("e&1"))
        .expect("the event's group, its id unescaped by the parser");
    let shown = group
        .children()
        .find(|c| c.has_tag_name("title"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        shown.starts_with("<script>&amp; \"quoted\" 'single' مرحبا бум 👋"),
        "{shown}"
    );
    assert!(
        !svg.contains('\u{7}'),
        "a control character XML forbids is dropped"
    );
}

#[test]
fn a_png_of_cjk_titles_warns_once_per_script_not_once_per_glyph() {
    let dataset = "(schema: 1, title: \"東京\", sources: [(id: \"s\", outlet: \"O\", published: \"2024\")], events: [(id: \"e\", title: \"習近平とプーチンが会談した 한국어 제목\", kind: Meeting, date: \"2024-11-07\", status: Reported, quotes: [(source: \"s\", speaker: Outlet, text: \"x\")])])";
    let (dir, file) = temp("cjk.ron", dataset);
    let out = dir.path().join("c.png");
    let run = claimline(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stderr = text(&run.stderr);
    assert!(
        !stderr.contains("No fonts with"),
        "per-glyph warnings: {stderr}"
    );
    // Where no CJK font is installed, each script is named once, with its package.
    for script in ["Han (", "Hangul", "Japanese kana"] {
        assert!(
            stderr.matches(script).count() <= 1,
            "{script} warned more than once: {stderr}"
        );
    }
    if stderr.contains("Han (") {
        assert!(stderr.contains("fonts-noto-cjk"), "{stderr}");
    }
}
