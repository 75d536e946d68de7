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
        weak: Rgba {
            r: 80,
            g: 80,
            b: 80,
            a: 153,
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
        text: Rgba::gray(140),
        weak: Rgba {
            r: 140,
            g: 140,
            b: 140,
            a: 153,
        },
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
