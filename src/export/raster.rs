//! An SVG drawn to pixels, without a window or a GPU: resvg parses it and rasterizes it
//! on the CPU with the fonts egui draws with (bundled), so a PNG export looks like the
//! window. Fonts installed on the system are added after them, for characters the
//! bundled ones lack (CJK, Arabic), unless asked not to (tests want the same pixels on
//! every machine).

use std::sync::Arc;

use anyhow::Context as _;
use resvg::{tiny_skia, usvg};

/// Most pixels a raster export may have (a 16,384 × 16,384 square).
const MAX_PIXELS: u64 = 16_384 * 16_384;

/// The fonts to draw text with: egui's bundled ones first, then the system's.
fn fonts(system: bool) -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    db.load_font_data(epaint_default_fonts::HACK_REGULAR.to_vec());
    db.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
    if system {
        db.load_system_fonts();
    }
    db.set_sans_serif_family("Ubuntu");
    db
}

/// `svg` rasterized at `scale` pixels per point, as PNG bytes.
pub fn png(svg: &str, scale: f32, system_fonts: bool) -> anyhow::Result<Vec<u8>> {
    let options = usvg::Options {
        fontdb: Arc::new(fonts(system_fonts)),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("the SVG could not be read back")?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil().max(1.0),
        (size.height() * scale).ceil().max(1.0),
    );
    anyhow::ensure!(
        (w as u64).saturating_mul(h as u64) <= MAX_PIXELS,
        "{w}×{h} pixels is too large a picture; use a smaller --size or --scale"
    );
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32)
        .context("could not make room for the picture")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().context("could not encode the PNG")
}
