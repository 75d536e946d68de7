//! The map's painter: a [`MapScene`] on any [`Canvas`] — the window, SVG (and PNG from
//! it) and the recording of the tests — with the timeline's own markers
//! ([`crate::timeline::paint::marker`]: glyph per kind, fill per status) and palette.
//! Layers: the ground, coasts and borders, the density grid, events (each an event
//! group, the selected last), boxes, then the caption and credit.

use super::scene::{MARK_RADIUS, MapMark, MapScene};
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
        if c.rect.width() >= 22.0 && c.rect.height() >= 14.0 {
            let over = look::over(CELL_COLOUR.fade(0.15 + 0.7 * c.level), p.background);
            let text = if look::contrast(p.strong, over) >= look::contrast(p.background, over) {
                p.strong
            } else {
                p.background
            };
            let count = crate::english::number(c.count as usize);
            canvas.text(Run::plain(
                &count,
                c.rect.center(),
                Align::Centre,
                10.0,
                text,
            ));
        }
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
    let both = footnote_width(&scene.caption) + footnote_width(scene.credit) + 12.0;
    let lift = if both > rect.width() {
        FOOTNOTE_SIZE + 8.0
    } else {
        0.0
    };
    footnote(canvas, rect, scene.credit, Align::RightMiddle, lift, p);
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

/// The footnotes' text size.
const FOOTNOTE_SIZE: f32 = 11.0;

/// How wide a footnote's backing is: about 0.55 em a character (the run is not
/// fitted).
fn footnote_width(text: &str) -> f32 {
    #[allow(clippy::cast_precision_loss, reason = "short text")]
    let chars = text.chars().count() as f32;
    chars * FOOTNOTE_SIZE * 0.55 + 8.0
}

/// A line of small text in the map's bottom corner (`lift` points higher), on a backing
/// that keeps it legible over the basemap.
fn footnote(canvas: &mut dyn Canvas, rect: Rect, text: &str, align: Align, lift: f32, p: &Palette) {
    if text.is_empty() {
        return;
    }
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
