//! How events look, for every painter: a colour and a shape per kind, a colour per
//! status and relation kind, and the colours of the light and dark themes. The window
//! (`app::style`) and the exports (`export::svg`) both draw from here, so a glyph means
//! the same thing everywhere and an export has the window's colours.

use crate::model::{EventKind, RelationKind, Status};

/// A colour: sRGB, not premultiplied, with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Opacity, 255 for opaque.
    pub a: u8,
}

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    /// An opaque grey.
    pub const fn gray(v: u8) -> Self {
        Self::rgb(v, v, v)
    }

    /// This colour with its opacity multiplied by `f` (0–1).
    #[must_use]
    pub fn fade(self, f: f32) -> Self {
        Self {
            a: (f32::from(self.a) * f.clamp(0.0, 1.0)).round() as u8,
            ..self
        }
    }

    /// "#rrggbb".
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity, 0–1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }
}

/// Colour of an event kind; tuned to read on both light and dark backgrounds.
pub fn kind_color(kind: EventKind) -> Rgba {
    match kind {
        EventKind::PhoneCall => Rgba::rgb(37, 110, 230),
        EventKind::Meeting => Rgba::rgb(22, 150, 70),
        EventKind::Message => Rgba::rgb(8, 145, 178),
        EventKind::Statement => Rgba::rgb(130, 85, 230),
        EventKind::PressConference => Rgba::rgb(190, 40, 200),
        EventKind::MediaReport => Rgba::rgb(215, 120, 10),
        EventKind::Denial => Rgba::rgb(215, 40, 40),
        EventKind::NoComment => Rgba::rgb(110, 120, 140),
        EventKind::Context => Rgba::rgb(150, 150, 160),
        EventKind::Other => Rgba::rgb(60, 130, 140),
    }
}

/// Colour of a relation kind's links and labels.
pub fn relation_color(kind: RelationKind) -> Rgba {
    match kind {
        RelationKind::Contradicts => Rgba::rgb(235, 95, 20),
        RelationKind::Denies => Rgba::rgb(215, 40, 40),
        RelationKind::Corrects => Rgba::rgb(125, 60, 235),
        RelationKind::DeclinesToConfirm => Rgba::rgb(120, 125, 140),
        RelationKind::Supports => Rgba::rgb(22, 150, 70),
    }
}

/// Colour of a status badge.
pub fn status_color(status: Status) -> Rgba {
    match status {
        Status::Confirmed => Rgba::rgb(22, 150, 70),
        Status::Reported => Rgba::rgb(37, 110, 230),
        Status::Alleged => Rgba::rgb(150, 110, 20),
        Status::Disputed => Rgba::rgb(235, 130, 0),
        Status::Denied => Rgba::rgb(215, 40, 40),
    }
}

/// The fill of a bar: the kind's colour, stronger when the status is filled.
pub fn bar_fill(kind: EventKind, status: Status) -> Rgba {
    kind_color(kind).fade(if is_filled(status) { 0.35 } else { 0.12 })
}

/// `fg` seen over the opaque `bg` (straight alpha, sRGB channels mixed as egui does).
pub fn over(fg: Rgba, bg: Rgba) -> Rgba {
    let a = fg.opacity();
    let mix = |f: u8, b: u8| (f32::from(f) * a + f32::from(b) * (1.0 - a)).round() as u8;
    Rgba::rgb(mix(fg.r, bg.r), mix(fg.g, bg.g), mix(fg.b, bg.b))
}

/// WCAG 2 relative luminance of an opaque colour.
fn luminance(c: Rgba) -> f32 {
    let channel = |v: u8| {
        let s = f32::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2 contrast ratio of text `fg` over the opaque background `bg` (1 to 21; AA asks
/// 4.5 for text of ordinary size).
pub fn contrast(fg: Rgba, bg: Rgba) -> f32 {
    let (a, b) = (luminance(over(fg, bg)), luminance(bg));
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// The contrast WCAG AA asks of ordinary text.
pub const AA_TEXT: f32 = 4.5;

/// `colour` made readable as text on `bg`: darkened toward black on a light background,
/// lightened toward white on a dark one, in small steps, until it passes AA with room
/// for the tinted bands text may stand on. A colour already readable comes back as it is.
pub fn readable(colour: Rgba, bg: Rgba) -> Rgba {
    let target = if luminance(bg) > 0.18 {
        Rgba::gray(0)
    } else {
        Rgba::gray(255)
    };
    let mut c = Rgba { a: 255, ..colour };
    for step in 0..=20 {
        let t = step as f32 / 20.0;
        let mix = |f: u8, g: u8| (f32::from(f) * (1.0 - t) + f32::from(g) * t).round() as u8;
        c = Rgba::rgb(
            mix(colour.r, target.r),
            mix(colour.g, target.g),
            mix(colour.b, target.b),
        );
        // With room for the tints text may stand on (lanes, eras, the selection's band).
        if contrast(c, bg) >= AA_TEXT + 1.0 {
            break;
        }
    }
    c
}

/// A status's colour for text (a badge's word) on the theme's panel.
pub fn status_text_color(status: Status, p: &Palette) -> Rgba {
    readable(status_color(status), over(p.lane_shade, p.panel))
}

/// A relation kind's colour for text on the theme's panel.
pub fn relation_text_color(kind: RelationKind, p: &Palette) -> Rgba {
    readable(relation_color(kind), over(p.lane_shade, p.panel))
}

/// Whether a status fills its marker (confirmed and disputed) or leaves it hollow.
pub fn is_filled(status: Status) -> bool {
    matches!(status, Status::Confirmed | Status::Disputed)
}

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Behind the timeline (egui's panel fill).
    pub panel: Rgba,
    /// Inside hollow markers (egui's extreme background).
    pub background: Rgba,
    /// Ordinary text.
    pub text: Rgba,
    /// Secondary text and outlines.
    pub weak: Rgba,
    /// Emphasized text.
    pub strong: Rgba,
    /// The selection highlight.
    pub selection: Rgba,
    /// Alternate lane shading.
    pub lane_shade: Rgba,
    /// Grid lines.
    pub grid: Rgba,
}

impl Palette {
    /// Dark text on a light background (egui's light visuals).
    pub const LIGHT: Self = Self {
        panel: Rgba::gray(248),
        background: Rgba::gray(255),
        text: Rgba::gray(80),
        // Secondary, yet readable: 4.5:1 or better on every background the timeline
        // draws text on (WCAG AA; `tests/contrast.rs`).
        weak: Rgba {
            r: 80,
            g: 80,
            b: 80,
            a: 220,
        },
        strong: Rgba::gray(0),
        selection: Rgba::rgb(20, 20, 20),
        lane_shade: Rgba {
            r: 0,
            g: 0,
            b: 0,
            a: 8,
        },
        grid: Rgba::gray(190),
    };

    /// Light text on a dark background (egui's dark visuals).
    pub const DARK: Self = Self {
        panel: Rgba::gray(27),
        background: Rgba::gray(10),
        text: Rgba::gray(190),
        weak: Rgba::gray(155),
        strong: Rgba::gray(255),
        selection: Rgba::rgb(255, 210, 60),
        lane_shade: Rgba {
            r: 255,
            g: 255,
            b: 255,
            a: 6,
        },
        grid: Rgba::gray(70),
    };

    /// The palette of the dark or the light theme.
    pub fn of(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }
}

/// The colours of era bands, in turn.
pub const ERA_COLOURS: [Rgba; 4] = [
    Rgba::rgb(120, 160, 240),
    Rgba::rgb(240, 170, 90),
    Rgba::rgb(120, 200, 140),
    Rgba::rgb(200, 130, 220),
];

/// The outline of a kind's marker around the origin with radius 1 (`None` for a
/// circle), as points to join.
pub fn outline(kind: EventKind) -> Option<Vec<(f32, f32)>> {
    let ring = |n: usize, turn: f32, scale: f32| {
        (0..n)
            .map(|i| {
                let a = std::f32::consts::TAU * (i as f32 + turn) / n as f32;
                (a.cos() * scale, a.sin() * scale)
            })
            .collect()
    };
    match kind {
        EventKind::PhoneCall | EventKind::NoComment | EventKind::Context => None,
        EventKind::Meeting => Some(vec![
            (-0.85, -0.85),
            (0.85, -0.85),
            (0.85, 0.85),
            (-0.85, 0.85),
        ]),
        EventKind::Message => Some(vec![(0.0, -1.1), (1.1, 0.0), (0.0, 1.1), (-1.1, 0.0)]),
        EventKind::Statement => Some(vec![(0.0, -1.1), (1.05, 0.8), (-1.05, 0.8)]),
        EventKind::PressConference => Some(vec![(-1.05, -0.8), (1.05, -0.8), (0.0, 1.1)]),
        EventKind::MediaReport => Some(ring(6, 0.0, 1.0)),
        EventKind::Other => Some(ring(5, -1.25, 1.05)),
        EventKind::Denial => Some(ring(8, 0.5, 1.05)),
    }
}

/// A point as `(x, y)`.
pub type Xy = (f32, f32);

/// A relation link from `a` to `b` bulging upwards by `bulge`: a quadratic curve as 17
/// points, and the arrow head at `b` (three corners) along its last step.
pub fn link_curve(a: Xy, b: Xy, bulge: f32) -> (Vec<Xy>, Option<[Xy; 3]>) {
    let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0 - bulge);
    let points: Vec<(f32, f32)> = (0..=16)
        .map(|i| {
            let t = i as f32 / 16.0;
            let u = 1.0 - t;
            (
                u * u * a.0 + 2.0 * u * t * mid.0 + t * t * b.0,
                u * u * a.1 + 2.0 * u * t * mid.1 + t * t * b.1,
            )
        })
        .collect();
    let head = match points.as_slice() {
        [.., p, q] => {
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt();
            (len > 0.0 && len.is_finite()).then(|| {
                let dir = (dx / len, dy / len);
                let back = (q.0 - dir.0 * 8.0, q.1 - dir.1 * 8.0);
                let side = (-dir.1 * 4.0, dir.0 * 4.0);
                [
                    *q,
                    (back.0 + side.0, back.1 + side.1),
                    (back.0 - side.0, back.1 - side.1),
                ]
            })
        }
        _ => None,
    };
    (points, head)
}
