//! The app's own files in `assets/`: the icon (an SVG source and the PNG sizes desktops
//! ask for, each derived from the SVG), the launcher entry and the AppStream metadata,
//! and the window icon built into the binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::{Path, PathBuf};

/// The sizes desktops ask for.
const SIZES: [u32; 6] = [32, 48, 64, 128, 256, 512];

fn asset(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(path)
}

/// The icon drawn from its SVG at `size` pixels.
fn from_svg(size: u32) -> image::RgbaImage {
    let svg = std::fs::read_to_string(asset("icons/claimline.svg")).unwrap();
    let png = claimline::export::raster::png(&svg, size as f32 / 256.0, false).unwrap();
    image::load_from_memory(&png).unwrap().to_rgba8()
}

#[test]
fn every_icon_size_decodes_has_its_size_and_is_drawn_from_the_svg() {
    let update = std::env::var_os("UPDATE_ASSETS").is_some();
    for size in SIZES {
        let path = asset(&format!("icons/claimline-{size}.png"));
        let drawn = from_svg(size);
        if update {
            drawn.save(&path).unwrap();
        }
        let image = image::open(&path)
            .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()))
            .to_rgba8();
        assert_eq!(image.dimensions(), (size, size), "{}", path.display());
        let off = image
            .pixels()
            .zip(drawn.pixels())
            .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 8))
            .count();
        assert!(
            off <= (size * size / 100) as usize,
            "{} differs from its SVG in {off} pixels (UPDATE_ASSETS=1 redraws it)",
            path.display()
        );
    }
}

#[test]
fn the_launcher_entry_and_the_metainfo_agree_with_the_app() {
    let desktop = std::fs::read_to_string(asset("io.github.claimline.Claimline.desktop")).unwrap();
    for line in [
        "Exec=claimline %f",
        "Icon=io.github.claimline.Claimline",
        "MimeType=application/x-claimline-dataset;",
        "StartupWMClass=io.github.claimline.Claimline",
    ] {
        assert!(
            desktop.lines().any(|l| l == line),
            "the .desktop file lacks {line}"
        );
    }
    let metainfo =
        std::fs::read_to_string(asset("io.github.claimline.Claimline.metainfo.xml")).unwrap();
    let xml = roxmltree::Document::parse(&metainfo).unwrap();
    let release = xml
        .descendants()
        .find(|n| n.has_tag_name("release"))
        .unwrap();
    assert_eq!(
        release.attribute("version"),
        Some(env!("CARGO_PKG_VERSION")),
        "the metainfo names this release"
    );
    assert!(xml.descendants().any(|n| n.has_tag_name("screenshot")));
    assert_eq!(
        claimline::app::icon::APP_ID,
        "io.github.claimline.Claimline"
    );
}

#[test]
fn the_window_icon_is_built_in_and_a_corrupt_one_is_only_logged() {
    let icon = claimline::app::icon::window_icon(claimline::app::icon::ICON_PNG).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert!(claimline::app::icon::window_icon(b"not a png").is_none());
    assert!(claimline::app::icon::window_icon(&[]).is_none());
}
