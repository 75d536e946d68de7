//! The map's painter: a [`MapScene`] on any [`Canvas`] — the window, SVG (and PNG from
//! it) and the recording of the tests — with the timeline's own markers
//! ([`crate::timeline::paint::marker`]: glyph per kind, fill per status) and palette.
//! Layers: the ground, street tiles (when the user has some), coasts and borders, the
//! density grid, events (each an event group, the selected last), boxes, then the
//! caption and credit.

use super::scene::{MARK_RADIUS, MapCell, MapMark, MapScene};
use crate::timeline::canvas::{Align, Canvas, Line, Run};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::look::{self, Palette, Rgba};
use crate::timeline::paint::marker;

/// The density grid's colour (its opacity says how full a cell is).
const CELL_COLOUR: Rgba = Rgba::rgb(37, 99, 235);

/// Paints the map.
pub fn map(canvas: &mut dyn Canvas, scene: &MapScene, p: &Palette) {
    let rect = scene.rect;
    canvas.rect(rect, p.background, 0.0);
    canvas.clip(Some(rect));
    for tile in &scene.tiles {
        canvas.image(
            tile.rect,
            &tile.image.picture,
            tile.stand_in.as_ref().map(|(p, part)| (p, *part)),
        );
    }
    for border in [false, true] {
        let lines: Vec<&[Point]> = scene
            .lines
            .iter()
            .filter(|(b, _)| *b == border)
            .map(|(_, points)| points.as_slice())
            .collect();
        let line = if border {
            Line::solid(0.7, p.weak.fade(0.45))
        } else {
            Line::solid(1.0, p.weak.fade(0.8))
        };
        canvas.polylines(&lines, line);
    }
    canvas.cells(
        &mut scene
            .cells
            .iter()
            .map(|c| (c.rect, CELL_COLOUR.fade(0.15 + 0.7 * c.level))),
    );
    for c in &scene.cells {
        let Some(count) = cell_label(c) else {
            continue;
        };
        let over = look::over(CELL_COLOUR.fade(0.15 + 0.7 * c.level), p.background);
        let text = if look::contrast(p.strong, over) >= look::contrast(p.background, over) {
            p.strong
        } else {
            p.background
        };
        canvas.text(Run::plain(
            &count,
            c.rect.center(),
            Align::Centre,
            CELL_TEXT,
            text,
        ));
    }
    let (selected, others): (Vec<&MapMark>, Vec<&MapMark>) =
        scene.marks.iter().partition(|m| m.selected);
    for m in others.into_iter().chain(selected) {
        mark(canvas, m, p);
    }
    for (place, n) in &scene.more {
        let text = format!("+{}", crate::english::number(*n as usize));
        let at = Point::new(place.x + MARK_RADIUS + 2.0, place.y + MARK_RADIUS + 2.0);
        #[allow(clippy::cast_precision_loss, reason = "short text")]
        let w = text.chars().count() as f32 * 6.0 + 6.0;
        canvas.rect(
            Rect::new(at.x, at.y - 1.0, at.x + w, at.y + 13.0),
            p.panel.fade(0.9),
            3.0,
        );
        canvas.text(Run::plain(
            &text,
            Point::new(at.x + 3.0, at.y),
            Align::LeftTop,
            10.0,
            p.strong,
        ));
    }
    for b in &scene.boxes {
        if b.drawing {
            canvas.rect(b.rect, p.selection.fade(0.06), 0.0);
            canvas.rect_outline(b.rect, Line::dashed(1.5, p.selection, 4.0, 3.0), 0.0);
        } else {
            canvas.rect(b.rect, p.selection.fade(0.05), 0.0);
            canvas.rect_outline(b.rect, Line::solid(1.5, p.selection), 0.0);
        }
    }
    canvas.clip(None);
    footnote(canvas, rect, &scene.caption, Align::LeftBottom, 0.0, p);
    // On a narrow map the credit goes a line up rather than over the caption.
    let both = footnote_width(&scene.caption) + footnote_width(&scene.credit) + 12.0;
    let lift = if both > rect.width() {
        FOOTNOTE_SIZE + 8.0
    } else {
        0.0
    };
    footnote(canvas, rect, &scene.credit, Align::RightMiddle, lift, p);
    canvas.rect_outline(rect, Line::solid(1.0, p.grid), 0.0);
}

/// One event: the line to its place when set beside it, its marker, a ring when
/// selected.
fn mark(canvas: &mut dyn Canvas, m: &MapMark, p: &Palette) {
    canvas.begin_event(m.event);
    if let Some(anchor) = m.anchor {
        canvas.polyline(&[anchor, m.centre], Line::solid(1.0, p.weak.fade(0.7)));
        canvas.circle(anchor, 1.5, Some(p.weak), None);
    }
    marker(canvas, m.centre, MARK_RADIUS, m.kind, m.status, p);
    if m.selected {
        canvas.circle(
            m.centre,
            MARK_RADIUS + 5.5,
            None,
            Some(Line::solid(2.5, p.selection)),
        );
    }
    canvas.end_event();
}

/// The size of a cell's count.
const CELL_TEXT: f32 = 10.0;

/// A cell's count as it fits inside the cell: whole ("12,400"), else short ("12k"),
/// else none (a cell too small for even that is left to its colour, and to zooming in).
fn cell_label(c: &MapCell) -> Option<String> {
    if c.rect.height() < CELL_TEXT + 4.0 {
        return None;
    }
    // Digits are about 0.6 of the size wide; a point of room either side.
    #[allow(clippy::cast_precision_loss, reason = "short text")]
    let fits =
        |text: &String| text.chars().count() as f32 * CELL_TEXT * 0.6 + 2.0 <= c.rect.width();
    Some(crate::english::number(c.count as usize))
        .filter(fits)
        .or_else(|| Some(crate::english::count_short(u64::from(c.count))).filter(fits))
}

/// The footnotes' text size.
const FOOTNOTE_SIZE: f32 = 11.0;

/// How wide a footnote's backing is: about 0.55 em a character (the run is not
/// fitted).
fn footnote_width(text: &str) -> f32 {
    #[allow(clippy::cast_precision_loss, reason = "short text")]
    let chars = text.chars().count() as f32;
    chars * FOOTNOTE_SIZE * 0.55 + 8.0
}

/// `text` cut with "…" to fit a footnote `room` points wide.
fn fitted_footnote(text: &str, room: f32) -> String {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few hundred characters at most"
    )]
    let most = ((room - 8.0) / (FOOTNOTE_SIZE * 0.55)).max(1.0) as usize;
    crate::english::shorten(text, most)
}

/// A line of small text in the map's bottom corner (`lift` points higher), on a backing
/// that keeps it legible over the basemap; cut with "…" where the map is narrower.
fn footnote(canvas: &mut dyn Canvas, rect: Rect, text: &str, align: Align, lift: f32, p: &Palette) {
    if text.is_empty() {
        return;
    }
    let text = &fitted_footnote(text, rect.width() - 4.0);
    let size = FOOTNOTE_SIZE;
    let y = rect.max.y - 4.0 - lift;
    let width = footnote_width(text);
    let (x, backing) = match align {
        Align::RightMiddle => (
            rect.max.x - 6.0,
            Rect::new(
                rect.max.x - width - 2.0,
                y - size - 4.0,
                rect.max.x - 1.0,
                y + 3.0,
            ),
        ),
        _ => (
            rect.min.x + 6.0,
            Rect::new(
                rect.min.x + 1.0,
                y - size - 4.0,
                rect.min.x + width + 2.0,
                y + 3.0,
            ),
        ),
    };
    canvas.rect(backing, p.panel.fade(0.85), 3.0);
    let at = match align {
        Align::RightMiddle => Point::new(x, y - size / 2.0),
        _ => Point::new(x, y),
    };
    canvas.text(Run::plain(text, at, align, size, p.text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::record::{Drawn, Recording};

    /// Dense cells of large counts (8M events over the world): every count drawn fits
    /// inside its own cell, so no two overlap, in whole or short form; cells too small
    /// for any are left unlabelled.
    #[test]
    fn cell_counts_fit_their_cells() {
        let cell = |x: f32, w: f32, count: u32| MapCell {
            rect: Rect::new(x, 0.0, x + w, 18.0),
            count,
            level: 0.5,
        };
        let scene = MapScene {
            rect: Rect::new(0.0, 0.0, 400.0, 100.0),
            cells: vec![
                cell(0.0, 26.0, 33_223),
                cell(26.0, 26.0, 950),
                cell(52.0, 30.0, 1_234_567),
                cell(82.0, 16.0, 950),
                cell(100.0, 60.0, 33_223),
                cell(200.0, 8.0, 12),
            ],
            ..MapScene::default()
        };
        let mut canvas = Recording::default();
        map(&mut canvas, &scene, &Palette::LIGHT);
        let labels: Vec<(String, f32)> = canvas
            .drawn
            .iter()
            .filter_map(|d| match d {
                Drawn::Text { text, at, size, .. } if *size == CELL_TEXT => {
                    Some((text.clone(), at.x))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            labels.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            ["33k", "950", "1.2M", "33,223"]
        );
        for (text, x) in &labels {
            let c = scene
                .cells
                .iter()
                .find(|c| c.rect.contains(Point::new(*x, 9.0)))
                .unwrap();
            #[allow(clippy::cast_precision_loss, reason = "short text")]
            let half = text.chars().count() as f32 * CELL_TEXT * 0.3;
            assert!(
                x - half >= c.rect.min.x && x + half <= c.rect.max.x,
                "{text}"
            );
        }
    }

    #[test]
    fn footnotes_longer_than_the_map_is_wide_are_cut_to_fit() {
        let long = "Street tiles: Created by QGIS algorithm: Generate XYZ tiles (Directory) · Made with Natural Earth";
        for room in [120.0, 300.0, 400.0] {
            let cut = fitted_footnote(long, room);
            assert!(footnote_width(&cut) <= room, "{cut:?} in {room}");
            assert!(cut.ends_with('…'));
        }
        assert_eq!(fitted_footnote(long, 2000.0), long);
    }
}
