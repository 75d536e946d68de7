//! Street tiles under the map, from PMTiles archives that real tools made (see
//! tests/data/tiles/README.md): every tile of a world archive found and decoded, a
//! WebP archive of one mountain found where it is and nowhere else, vector and damaged
//! archives refused with what is wrong and how to fix it, never a panic; `render --view
//! map --tiles` draws them into SVG and PNG; the window draws them under the map,
//! credits them, and keeps them for the next start. (No real JPEG archive was at hand:
//! one is laid out here from the toner's world tile, made a JPEG by the image crate.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};

use claimline::map::tiles::{PmTiles, StreetTiles, TileFormat, TileKey};
use claimline::model::coordinates::web_mercator;

fn tiles(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tiles")
        .join(name)
}

const TONER: &str = "stamen-toner-z0-3.pmtiles";
const WHITNEY: &str = "usgs-mt-whitney-z8-15-webp.pmtiles";

/// The tile of level `z` holding a place.
fn key_at(z: u8, lat: f64, lon: f64) -> TileKey {
    let (x, y) = web_mercator(lat, lon);
    let n = f64::from(1u32 << z);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    TileKey {
        z,
        x: (x * n) as u32,
        y: (y * n) as u32,
    }
}

#[test]
fn every_tile_of_a_world_archive_is_found_and_is_a_picture() {
    let archive = PmTiles::open(&tiles(TONER)).unwrap();
    assert_eq!(archive.zooms(), (0, 3));
    let mut found = 0;
    for z in 0..=3u8 {
        let n = 1u32 << z;
        for x in 0..n {
            for y in 0..n {
                let key = TileKey { z, x, y };
                let tile = archive
                    .tile(key)
                    .unwrap()
                    .unwrap_or_else(|| panic!("{key:?} is missing"));
                assert_eq!(tile.format, TileFormat::Png);
                let picture = image::load_from_memory(&tile.picture.bytes)
                    .unwrap_or_else(|e| panic!("{key:?} does not decode: {e}"));
                assert_eq!((picture.width(), picture.height()), (256, 256));
                found += 1;
            }
        }
    }
    // The header says 85 tiles are addressed: 1 + 4 + 16 + 64.
    assert_eq!(found, 85);
    assert_eq!(archive.tile(TileKey { z: 4, x: 0, y: 0 }).unwrap(), None);
    // Tiles differ: the ocean's tile is not the one with Europe.
    let ocean = archive.tile(key_at(3, -40.0, -140.0)).unwrap().unwrap();
    let europe = archive.tile(key_at(3, 50.0, 10.0)).unwrap().unwrap();
    assert_ne!(ocean.picture.bytes, europe.picture.bytes);
    assert!(
        ocean.picture.bytes.len() < europe.picture.bytes.len(),
        "open ocean ({} bytes) compresses better than a coast ({} bytes)",
        ocean.picture.bytes.len(),
        europe.picture.bytes.len()
    );
}

#[test]
fn a_webp_archive_of_a_mountain_has_tiles_there_and_nowhere_else() {
    let archive = PmTiles::open(&tiles(WHITNEY)).unwrap();
    assert_eq!(archive.zooms(), (8, 15));
    assert!((archive.tile_pixels() - 512.0).abs() < 0.1, "tileSize 512");
    let [w, s, e, n] = archive.bounds();
    let (lat, lon) = (36.5785, -118.2923); // Mount Whitney
    assert!(
        w < lon && lon < e && s < lat && lat < n,
        "{:?}",
        archive.bounds()
    );
    for z in [8, 10, 12] {
        let tile = archive
            .tile(key_at(z, lat, lon))
            .unwrap()
            .unwrap_or_else(|| panic!("no tile of level {z} over the mountain"));
        assert_eq!(tile.format, TileFormat::Webp);
        let picture = image::load_from_memory(&tile.picture.bytes).unwrap();
        assert_eq!((picture.width(), picture.height()), (512, 512));
    }
    assert_eq!(
        archive.tile(key_at(12, 48.85, 2.35)).unwrap(),
        None,
        "Paris"
    );
    assert_eq!(
        archive.attribution(),
        Some("Created by QGIS algorithm: Generate XYZ tiles (Directory)")
    );
}

/// The error `open` gives for `bytes` written to a file.
fn open_error(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    match StreetTiles::open(&path) {
        Ok(_) => panic!("{name} opened"),
        Err(e) => {
            assert!(!e.help.is_empty(), "{name}: no help");
            assert!(
                e.to_string().contains(name),
                "{name}: the file is named: {e}"
            );
            format!("{e} / {}", e.help)
        }
    }
}

#[test]
fn vector_damaged_and_foreign_archives_are_refused_with_how_to_fix_them() {
    let dir = tempfile::tempdir().unwrap();
    let vector = std::fs::read(tiles("vector-fixture.pmtiles")).unwrap();
    let said = open_error(dir.path(), "vector.pmtiles", &vector);
    assert!(said.contains("vector tiles"), "{said}");
    assert!(said.contains("raster"), "{said}");
    let toner = std::fs::read(tiles(TONER)).unwrap();
    let said = open_error(dir.path(), "short.pmtiles", &toner[..100]);
    assert!(said.contains("too short"), "{said}");
    let said = open_error(dir.path(), "cut.pmtiles", &toner[..200]);
    assert!(said.contains("damaged"), "{said}");
    let mut old = toner.clone();
    old[7] = 2;
    let said = open_error(dir.path(), "old.pmtiles", &old);
    assert!(
        said.contains("version 2") && said.contains("pmtiles convert"),
        "{said}"
    );
    let said = open_error(
        dir.path(),
        "data.ron",
        include_bytes!("../data/trump-putin.ron"),
    );
    assert!(said.contains("not a PMTiles archive"), "{said}");
    let mut brotli = toner.clone();
    brotli[97] = 3;
    let said = open_error(dir.path(), "brotli.pmtiles", &brotli);
    assert!(said.contains("Brotli"), "{said}");
    let missing = StreetTiles::open(&dir.path().join("absent.pmtiles")).unwrap_err();
    assert!(missing.to_string().contains("cannot open"), "{missing}");
}

#[test]
fn damaged_bytes_anywhere_never_panic() {
    let toner = std::fs::read(tiles(TONER)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.pmtiles");
    // Every byte of the header and directories, and some tiles' bytes, set to values a
    // damaged file may hold; every tile asked for. Errors are fine, panics are not.
    let mut tried = 0;
    for at in (0..420).chain((420..toner.len()).step_by(9973)) {
        for value in [0x00, 0x7f, 0x80, 0xff] {
            let mut bytes = toner.clone();
            bytes[at] = value;
            std::fs::write(&path, &bytes).unwrap();
            if let Ok(archive) = PmTiles::open(&path) {
                for z in 0..=3u8 {
                    for x in 0..(1u32 << z) {
                        for y in 0..(1u32 << z) {
                            let _ = archive.tile(TileKey { z, x, y });
                        }
                    }
                }
            }
            tried += 1;
        }
    }
    assert!(tried > 1600);
}

fn render(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .arg("render")
        .args(args)
        .output()
        .unwrap()
}

/// `claimline render --view map [--tiles TILES] -o OUT`, which must succeed.
fn map_picture(tiles: Option<&str>, out: &Path) {
    let mut args = vec!["--view", "map", "-o", out.to_str().unwrap()];
    if let Some(t) = tiles {
        args.extend(["--tiles", t]);
    }
    let done = render(&args);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
}

/// How many pixels of a PNG are nearly black (the toner tiles' land).
fn dark_pixels(png: &Path) -> usize {
    image::open(png)
        .unwrap()
        .to_luma8()
        .pixels()
        .filter(|px| px.0[0] < 60)
        .count()
}

#[test]
fn render_draws_the_map_over_street_tiles_in_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let toner = tiles(TONER);
    let toner = toner.to_str().unwrap();
    let svg = dir.path().join("map.svg");
    map_picture(Some(toner), &svg);
    let text = std::fs::read_to_string(&svg).unwrap();
    let images = text.matches("<image ").count();
    assert!(images >= 2, "tiles drawn as images: {images}");
    assert!(text.contains("href=\"data:image/png;base64,"));
    assert!(
        text.contains("Street tiles: stamen-toner-z0-3.pmtiles"),
        "credited"
    );
    // The tiles lie under the coasts: the first image comes before the first path.
    assert!(text.find("<image ").unwrap() < text.find("<path").unwrap());
    // The PNG: the toner tiles' black land shows where the plain map is light.
    let with = dir.path().join("with.png");
    let without = dir.path().join("without.png");
    map_picture(Some(toner), &with);
    map_picture(None, &without);
    let (dark_with, dark_without) = (dark_pixels(&with), dark_pixels(&without));
    assert!(
        dark_with > dark_without * 3 + 10_000,
        "black land of the tiles: {dark_with} dark pixels against {dark_without}"
    );
    // Tiles without a map to go under, and a bad archive: said, nothing written.
    let out = render(&["--tiles", toner, "-o", svg.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--view map"));
    let vector = tiles("vector-fixture.pmtiles");
    let bad = dir.path().join("bad.svg");
    let out = render(&[
        "--view",
        "map",
        "--tiles",
        vector.to_str().unwrap(),
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("vector tiles") && said.contains("help:"),
        "{said}"
    );
    assert!(!bad.exists());
}

fn drop_file(h: &mut egui_kittest::Harness<'static, claimline::app::ClaimlineApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(path.to_path_buf())));
    h.step();
    h.run();
}

#[test]
fn the_window_draws_credits_keeps_and_drops_street_tiles() {
    use claimline::app::AppOptions;
    use claimline::app::command::Part;
    use egui_kittest::kittest::Queryable as _;

    let toner = tiles(TONER);
    let mut h = common::harness(AppOptions {
        tiles: Some(toner.clone()),
        ..AppOptions::default()
    });
    h.run();
    assert!(
        h.state().persisted().shows(Part::Map),
        "--tiles shows the map"
    );
    assert_eq!(
        h.state().persisted().street_tiles.as_deref(),
        Some(toner.as_path())
    );
    let scene = &h.state().map().scene;
    assert!(!scene.tiles.is_empty(), "tiles under the built-in places");
    assert!(scene.tiles.iter().all(|t| t.image.key.z <= 3));
    assert!(
        scene
            .credit
            .starts_with("Street tiles: stamen-toner-z0-3.pmtiles"),
        "{}",
        scene.credit
    );
    assert!(scene.credit.contains("Natural Earth"), "{}", scene.credit);
    // A vector archive dropped on the window: said, and the toner tiles stay.
    drop_file(&mut h, &tiles("vector-fixture.pmtiles"));
    h.get_by_label_contains("Street tiles not used:");
    h.get_by_label_contains("vector tiles");
    assert_eq!(
        h.state().persisted().street_tiles.as_deref(),
        Some(toner.as_path())
    );
    assert!(!h.state().map().scene.tiles.is_empty());
    assert_eq!(h.state().shown_events().len(), 26, "no dataset was opened");
    // Another archive dropped replaces them: the mountain is far from every event, so
    // none of its tiles is in view.
    let whitney = tiles(WHITNEY);
    drop_file(&mut h, &whitney);
    assert_eq!(
        h.state().persisted().street_tiles.as_deref(),
        Some(whitney.as_path())
    );
    assert!(h.state().map().scene.credit.contains("QGIS"));
    assert!(h.state().map().scene.tiles.is_empty());
    assert!(
        h.state()
            .map()
            .scene
            .caption
            .ends_with(" · no street tiles here"),
        "{}",
        h.state().map().scene.caption
    );
    // "No street tiles" in the map's header forgets them.
    h.get_by_label("No street tiles").click();
    h.run();
    assert_eq!(h.state().persisted().street_tiles, None);
    assert!(h.state().map().scene.tiles.is_empty());
    assert_eq!(h.state().map().scene.credit, "Made with Natural Earth");
    h.get_by_label("Street tiles…");
}

/// The app started with `persisted` as kept from a last session.
fn restarted(
    persisted: claimline::app::state::Persisted,
) -> egui_kittest::Harness<'static, claimline::app::ClaimlineApp> {
    let mut h = egui_kittest::Harness::builder()
        .with_size(common::SIZE)
        .with_max_steps(64)
        .renderer(common::software::SoftwareRenderer::new())
        .build_eframe(move |cc| {
            claimline::app::ClaimlineApp::with_state(
                &cc.egui_ctx,
                claimline::app::AppOptions::default(),
                persisted,
            )
        });
    h.run();
    h
}

#[test]
fn street_tiles_are_kept_for_the_next_start_and_forgotten_once_gone() {
    use claimline::app::command::Part;
    use egui_kittest::kittest::Queryable as _;

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("toner.pmtiles");
    std::fs::copy(tiles(TONER), &copy).unwrap();
    let mut kept = claimline::app::state::Persisted {
        street_tiles: Some(copy.clone()),
        ..Default::default()
    };
    // Kept, with the map hidden: the tiles are there for when it is shown, and the map
    // stays hidden.
    let mut h = restarted(kept.clone());
    assert!(!h.state().persisted().shows(Part::Map));
    assert!(h.state().map().tiles().is_some());
    h.key_press(egui::Key::M);
    h.run();
    assert!(!h.state().map().scene.tiles.is_empty());
    // The file gone: said once, forgotten, and the map works without it.
    std::fs::remove_file(&copy).unwrap();
    kept.show_map = true;
    let h = restarted(kept);
    h.get_by_label_contains("Street tiles not used:");
    assert_eq!(h.state().persisted().street_tiles, None);
    assert!(h.state().map().tiles().is_none());
    assert_eq!(h.state().map().scene.marks.len(), 6);
}

/// Writes a one-tile PMTiles archive (level 0, uncompressed directories) of `tile`, of
/// tile type `kind` (3: JPEG), the way the format's specification lays it out.
fn one_tile_archive(path: &Path, tile: &[u8], kind: u8) {
    let varint = |mut v: u64, out: &mut Vec<u8>| loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    };
    let mut dir = Vec::new();
    for v in [1, 0, 1, tile.len() as u64, 1] {
        // One entry: tile id 0, a run of 1, its length, its offset + 1.
        varint(v, &mut dir);
    }
    let metadata = b"{\"attribution\":\"test\"}";
    let (dir_at, meta_at) = (127u64, 127 + dir.len() as u64);
    let data_at = meta_at + metadata.len() as u64;
    let mut out = b"PMTiles\x03".to_vec();
    for v in [
        dir_at,
        dir.len() as u64,
        meta_at,
        metadata.len() as u64,
        data_at,
        0,
        data_at,
        tile.len() as u64,
        1,
        1,
        1,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    // Clustered, no compression inside or for tiles, the tile type, levels 0 to 0.
    out.extend_from_slice(&[1, 1, 1, kind, 0, 0]);
    for degrees in [-180.0, -85.0, 180.0, 85.0] {
        #[allow(clippy::cast_possible_truncation)]
        out.extend_from_slice(&((degrees * 1e7) as i32).to_le_bytes());
    }
    out.push(0);
    out.extend_from_slice(&[0; 8]);
    assert_eq!(out.len(), 127);
    out.extend_from_slice(&dir);
    out.extend_from_slice(metadata);
    out.extend_from_slice(tile);
    std::fs::write(path, out).unwrap();
}

#[test]
fn jpeg_tiles_are_drawn_too() {
    // The world tile of the toner archive, made a JPEG by the image crate's encoder.
    let toner = PmTiles::open(&tiles(TONER)).unwrap();
    let png = toner.tile(TileKey { z: 0, x: 0, y: 0 }).unwrap().unwrap();
    let picture = image::load_from_memory(&png.picture.bytes)
        .unwrap()
        .to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&picture)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("world-jpeg.pmtiles");
    one_tile_archive(&archive, &jpeg, 3);
    let opened = PmTiles::open(&archive).unwrap();
    let tile = opened.tile(TileKey { z: 0, x: 0, y: 0 }).unwrap().unwrap();
    assert_eq!(tile.format, TileFormat::Jpeg);
    assert_eq!(&tile.picture.bytes[..], &jpeg[..]);
    assert_eq!(opened.attribution(), Some("test"));
    let archive = archive.to_str().unwrap();
    let svg = dir.path().join("map.svg");
    map_picture(Some(archive), &svg);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("href=\"data:image/jpeg;base64,"));
    // resvg decodes the JPEG: the tile's black land is in the PNG.
    let png_out = dir.path().join("map.png");
    let plain = dir.path().join("plain.png");
    map_picture(Some(archive), &png_out);
    map_picture(None, &plain);
    let (with, without) = (dark_pixels(&png_out), dark_pixels(&plain));
    assert!(
        with > without * 3 + 10_000,
        "{with} dark pixels against {without}"
    );
}
