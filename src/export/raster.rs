//! An SVG drawn to pixels, without a window or a GPU: resvg parses it and rasterizes it
//! on the CPU with the fonts egui draws with (bundled), so a PNG export looks like the
//! window. Fonts installed on the system are added after them, for characters the
//! bundled ones lack (CJK, Arabic), unless asked not to (tests want the same pixels on
//! every machine).

use std::sync::Arc;

use std::collections::BTreeMap;

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

/// `svg` rasterized at `scale` pixels per point, as PNG bytes. Text in a script no font
/// has is drawn as boxes, with one warning per script (see [`missing_fonts`]).
pub fn png(svg: &str, scale: f32, system_fonts: bool) -> anyhow::Result<Vec<u8>> {
    let db = fonts(system_fonts);
    for warning in missing_fonts(svg, &db) {
        log::warn!("{warning}");
    }
    let options = usvg::Options {
        fontdb: Arc::new(db),
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

/// One sentence per script that `svg`'s text uses and no font in `db` draws: how many
/// characters (with a few of them), and the Debian package that brings a font for it.
/// The SVG itself keeps the text; only pixels lack the glyphs.
pub fn missing_fonts(svg: &str, db: &usvg::fontdb::Database) -> Vec<String> {
    let mut uncovered: Vec<char> = svg
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .collect();
    uncovered.sort_unstable();
    uncovered.dedup();
    for face in db.faces() {
        if uncovered.is_empty() {
            break;
        }
        db.with_face_data(face.id, |data, index| {
            if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                use skrifa::MetadataProvider as _;
                let charmap = font.charmap();
                uncovered.retain(|&c| charmap.map(c).is_none());
            }
        });
    }
    let mut by_script: BTreeMap<(&str, &str), Vec<char>> = BTreeMap::new();
    for c in uncovered {
        by_script.entry(script(c)).or_default().push(c);
    }
    by_script
        .into_iter()
        .map(|((name, package), chars)| {
            let sample: String = chars.iter().take(8).collect();
            format!(
                "the PNG has no font for {} {name} {} ({sample}{}), drawn as boxes; install the Debian package {package} (the SVG keeps the text as it is)",
                chars.len(),
                if chars.len() == 1 { "character" } else { "characters" },
                if chars.len() > 8 { "…" } else { "" }
            )
        })
        .collect()
}

/// A character's script, in words, with the Debian package whose fonts cover it.
fn script(c: char) -> (&'static str, &'static str) {
    match c {
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
            ("Hangul", "fonts-noto-cjk")
        }
        '\u{3040}'..='\u{30FF}' => ("Japanese kana", "fonts-noto-cjk"),
        '\u{2E80}'..='\u{2FFF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' => ("Han (Chinese, Japanese, Korean)", "fonts-noto-cjk"),
        '\u{0590}'..='\u{05FF}' => ("Hebrew", "fonts-noto-core"),
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => ("Arabic", "fonts-noto-core"),
        '\u{0900}'..='\u{097F}' => ("Devanagari", "fonts-noto-core"),
        '\u{0E00}'..='\u{0E7F}' => ("Thai", "fonts-thai-tlwg"),
        '\u{0370}'..='\u{03FF}' => ("Greek", "fonts-dejavu-core"),
        '\u{0400}'..='\u{04FF}' => ("Cyrillic", "fonts-dejavu-core"),
        '\u{1F000}'..='\u{1FAFF}' => ("emoji", "fonts-noto-color-emoji"),
        _ => ("other", "fonts-noto-core"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_script_without_a_font_naming_its_package() {
        let svg = "<svg><text>東京 習近平 プーチン 한국어 Ünïcode бум</text></svg>";
        let warnings = missing_fonts(svg, &fonts(false));
        let han: Vec<&String> = warnings.iter().filter(|w| w.contains("Han (")).collect();
        assert_eq!(han.len(), 1, "{warnings:?}");
        assert!(
            han[0].contains("5 Han") && han[0].contains("fonts-noto-cjk"),
            "{}",
            han[0]
        );
        assert!(warnings.iter().any(|w| w.contains("Hangul")));
        assert!(warnings.iter().any(|w| w.contains("Japanese kana")));
        // The bundled fonts draw Latin and Cyrillic.
        assert!(
            !warnings
                .iter()
                .any(|w| w.contains("Cyrillic") || w.contains("other")),
            "{warnings:?}"
        );
    }
}
