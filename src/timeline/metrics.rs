//! Measuring text for the timeline's layout, without a window.
//!
//! The scene decides where labels go, so it must know how wide a title is. It asks a
//! [`TextMetrics`]; [`FontMetrics`] answers by shaping the text (harfrust, the shaper egui
//! uses) in the font egui draws labels with (Ubuntu Light, bundled with egui), so the
//! window, the SVG and the PNG all lay text out alike. Text is shaped once per string:
//! the widths of every prefix come back together, so cutting a title at a word boundary
//! costs no more shaping.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use skrifa::MetadataProvider as _;

/// Widths of a text's prefixes, at one font size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    /// `(byte index, width of the text before it)` at every character boundary, in
    /// order; the last is the whole text.
    stops: Vec<(usize, f32)>,
}

impl Measured {
    /// A measurement from `(byte index, width before it)` pairs, ascending.
    pub fn from_stops(stops: Vec<(usize, f32)>) -> Self {
        Self { stops }
    }

    /// The whole text's width.
    pub fn width(&self) -> f32 {
        self.stops.last().map_or(0.0, |s| s.1)
    }

    /// The width of the text before byte `at` (at or before the nearest boundary).
    pub fn width_to(&self, at: usize) -> f32 {
        let i = self.stops.partition_point(|s| s.0 <= at);
        if i == 0 { 0.0 } else { self.stops[i - 1].1 }
    }

    /// This measurement at `factor` times the size.
    #[must_use]
    pub fn scaled(&self, factor: f32) -> Self {
        Self {
            stops: self.stops.iter().map(|&(b, w)| (b, w * factor)).collect(),
        }
    }
}

/// Answers how wide text is at a font size (in points).
pub trait TextMetrics {
    /// The widths of `text`'s prefixes at `size` points.
    fn measure(&self, text: &str, size: f32) -> Rc<Measured>;

    /// The height of one line of text at `size` points.
    fn line_height(&self, size: f32) -> f32;

    /// How far below the middle of a line its baseline is, at `size` points (egui
    /// centres a line's box on the point it is drawn at).
    fn baseline_below_middle(&self, size: f32) -> f32;
}

/// The font egui draws proportional text with, and so the timeline's labels.
pub const LABEL_FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The bundled font, parsed once, with its shaping tables.
struct Face {
    font: harfrust::FontRef<'static>,
    data: harfrust::ShaperData,
    units_per_em: f32,
    /// Line height per point of size.
    line_height: f32,
    /// Ascent per point of size.
    ascent: f32,
}

fn face() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = harfrust::FontRef::new(LABEL_FONT).ok()?;
        let metrics = font.metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let line_height = (metrics.ascent - metrics.descent + metrics.leading) / units_per_em;
        Some(Face {
            data: harfrust::ShaperData::new(&font),
            font,
            units_per_em,
            line_height,
            ascent: metrics.ascent / units_per_em,
        })
    })
    .as_ref()
}

/// Text metrics from shaping [`LABEL_FONT`], with the results kept for the strings seen
/// (titles are measured again every frame).
#[derive(Default)]
pub struct FontMetrics {
    /// Measurements by size (its bits) and text.
    cache: RefCell<HashMap<u32, HashMap<String, Rc<Measured>>>>,
    /// Strings held in `cache`.
    cached: std::cell::Cell<usize>,
}

/// Strings kept before the cache is emptied.
const MAX_CACHED: usize = 20_000;

/// Width of a character the font lacks, in ems: egui draws it with a fallback font.
const FALLBACK_EM: f32 = 0.6;

impl FontMetrics {
    /// Metrics with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shapes `text` at size 1.
    fn shape(text: &str) -> Measured {
        let Some(face) = face() else {
            return fallback(text);
        };
        let shaper = face.data.shaper(&face.font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        // Advance per cluster (the byte where its characters start).
        let mut per_cluster: Vec<(usize, f32)> = glyphs
            .glyph_infos()
            .iter()
            .zip(glyphs.glyph_positions())
            .map(|(info, pos)| {
                let advance = if info.glyph_id == 0 {
                    FALLBACK_EM
                } else {
                    pos.x_advance as f32 / face.units_per_em
                };
                (info.cluster as usize, advance)
            })
            .collect();
        per_cluster.sort_by_key(|c| c.0);
        // The width before each character: the advances of the clusters that start
        // before it (a ligature's inner boundaries get the width before the ligature).
        let mut stops = Vec::with_capacity(text.len() + 1);
        let mut width = 0.0;
        let mut clusters = per_cluster.into_iter().peekable();
        for (byte, _) in text.char_indices() {
            while let Some(&(cluster, advance)) = clusters.peek() {
                if cluster >= byte {
                    break;
                }
                width += advance;
                clusters.next();
            }
            stops.push((byte, width));
        }
        width += clusters.map(|c| c.1).sum::<f32>();
        stops.push((text.len(), width));
        Measured { stops }
    }
}

/// Widths from an estimate, when the font cannot be read.
fn fallback(text: &str) -> Measured {
    let mut stops: Vec<(usize, f32)> = text
        .char_indices()
        .enumerate()
        .map(|(i, (b, _))| (b, i as f32 * FALLBACK_EM))
        .collect();
    stops.push((text.len(), text.chars().count() as f32 * FALLBACK_EM));
    Measured { stops }
}

impl TextMetrics for FontMetrics {
    fn measure(&self, text: &str, size: f32) -> Rc<Measured> {
        let mut cache = self.cache.borrow_mut();
        if self.cached.get() > MAX_CACHED {
            cache.clear();
            self.cached.set(0);
        }
        let by_text = cache.entry(size.to_bits()).or_default();
        if let Some(m) = by_text.get(text) {
            return Rc::clone(m);
        }
        let m = Rc::new(Self::shape(text).scaled(size));
        by_text.insert(text.to_owned(), Rc::clone(&m));
        self.cached.set(self.cached.get() + 1);
        m
    }

    fn line_height(&self, size: f32) -> f32 {
        face().map_or(1.2, |f| f.line_height) * size
    }

    fn baseline_below_middle(&self, size: f32) -> f32 {
        face().map_or(0.35, |f| f.ascent - f.line_height / 2.0) * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_the_text_and_the_size() {
        let m = FontMetrics::new();
        let short = m.measure("Putin", 11.0);
        let long = m.measure("Putin and Trump", 11.0);
        assert!(short.width() > 15.0 && short.width() < 40.0, "{short:?}");
        assert!(long.width() > short.width() * 2.0);
        assert!(
            (long.width_to(5) - short.width()).abs() < 0.5,
            "prefix = word"
        );
        assert!((m.measure("Putin", 22.0).width() - 2.0 * short.width()).abs() < 0.01);
        assert_eq!(m.measure("", 11.0).width(), 0.0);
        assert!(m.line_height(10.0) > 10.0 && m.line_height(10.0) < 15.0);
    }

    #[test]
    fn prefix_widths_are_at_character_boundaries() {
        let m = FontMetrics::new();
        let text = "Kremlin — «нет»";
        let measured = m.measure(text, 12.0);
        let mut last = 0.0;
        for (byte, _) in text.char_indices() {
            let w = measured.width_to(byte);
            assert!(w >= last, "{byte}: {w} < {last}");
            last = w;
        }
        assert!(measured.width() >= last);
    }
}
