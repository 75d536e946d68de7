//! Titles beside their markers, placed so that they read: no label overlaps another
//! label or a marker, and none is cut mid-word.
//!
//! Events are taken most important first — the selected one, then those in a dispute,
//! then the rest, left to right — and each takes the first free place of: its own row
//! after its marker, before it, inside its own bar, then the rows above and below. A
//! title that fits nowhere whole is cut at the last word that fits, with "…" (the whole
//! title shows on hover); one with no room for a word gets no label. The selected
//! event's title is always shown whole.

use std::collections::HashSet;

use super::marks::LaneRows;
use super::{LABEL_SIZE, Label, Scene, SceneInput, Shape};
use crate::model::EventIdx;
use crate::timeline::geom::Rect;
use crate::timeline::metrics::{Measured, TextMetrics};
use crate::timeline::seam::RowName;

/// Most labels in one scene.
pub const MAX_LABELS: usize = 200;
/// Most marks tried for a label in one scene (in a crowded view most find no room).
const MAX_ATTEMPTS: usize = 500;
/// In a lane with more marks than this, a label is looked for only in its mark's row.
const CROWDED_LANE: usize = 60;
/// Space between a marker and its label.
const PAD: f32 = 4.0;
/// Narrowest label worth showing.
const MIN_WIDTH: f32 = 36.0;

/// Where a label could go: a row, and the x it starts from going right (or ends at,
/// going left).
#[derive(Clone, Copy)]
struct Spot {
    row: usize,
    x: f32,
    rightwards: bool,
    /// Inside the event's own bar (which it may cover), at most this wide.
    inside: Option<f32>,
}

/// Places labels for the marks of every lane on screen.
pub(super) fn place(
    input: &SceneInput<'_>,
    lanes: &[LaneRows],
    names: &std::collections::HashMap<EventIdx, RowName>,
    metrics: &dyn TextMetrics,
    scene: &mut Scene,
) {
    let ds = &input.doc.dataset;
    // Occupied x-ranges of every row of every lane: marks first.
    let mut taken: Vec<Vec<Taken>> = lanes
        .iter()
        .map(|lane| {
            let mut rows = vec![Taken::default(); lane.rows];
            for &(m, row) in &lane.marks {
                let (a, b) = extent(&scene.marks[m].shape);
                rows[row].add(a, b);
            }
            rows
        })
        .collect();
    let mut order: Vec<(u8, f32, usize, usize, usize)> = Vec::new();
    for (li, lane) in lanes.iter().enumerate() {
        for &(m, row) in &lane.marks {
            let mark = &scene.marks[m];
            let priority = if Some(mark.event) == input.selected {
                0
            } else if mark.linked {
                1
            } else {
                2
            };
            order.push((priority, extent(&mark.shape).0, li, m, row));
        }
    }
    order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let ellipsis = metrics.measure("…", LABEL_SIZE).width();
    // A label's box: its row, or the text's height about the row's middle when rows
    // are thinner than a line (large text in a small window). It must lie inside the
    // plot and clear of every label placed.
    let text_height = metrics.line_height(LABEL_SIZE);
    let (top, bottom) = (scene.plot.min.y, scene.plot.max.y);
    let spills = lanes.iter().any(|l| l.row_height < text_height);
    let text_box = |(y0, y1): (f32, f32)| {
        if y1 - y0 >= text_height {
            (y0, y1)
        } else {
            let c = (y0 + y1) / 2.0;
            (c - text_height / 2.0, c + text_height / 2.0)
        }
    };
    let (left, right) = (scene.plot.min.x + 2.0, scene.plot.max.x - 2.0);
    let mut labelled: HashSet<EventIdx> = HashSet::new();
    // Labels placed over whatever is there (the selected one, when nothing is free).
    let mut callouts: Vec<Rect> = Vec::new();
    for (_, _, li, m, row) in order.into_iter().take(MAX_ATTEMPTS) {
        if scene.labels.len() >= MAX_LABELS {
            break;
        }
        let mark = &scene.marks[m];
        if labelled.contains(&mark.event) {
            continue;
        }
        // From the document, or from the source for events not in memory.
        let title = match ds.events.get(mark.event as usize) {
            Some(event) => ds.str(event.title),
            None => names.get(&mark.event).map_or("", |n| n.title.as_str()),
        };
        let measured = metrics.measure(title, LABEL_SIZE);
        let lane = &lanes[li];
        let rows = if lane.marks.len() > CROWDED_LANE {
            1
        } else {
            lane.rows
        };
        let mut spots = spots(&mark.shape, row, rows);
        // A mark running off the plot's edge offers its edge, not a place beyond it.
        for s in &mut spots {
            s.x = s.x.clamp(left, right);
        }
        let selected = Some(mark.event) == input.selected;
        // Inside its own bar nothing else can be (marks in a row do not overlap, and
        // other labels cannot cover a bar), so only the room matters there.
        let (placed, marks) = (&scene.labels, &scene.marks);
        let event = mark.event;
        let clear = |rect: &Rect| {
            rect.min.y >= top - 0.5
                && rect.max.y <= bottom + 0.5
                && !callouts.iter().any(|c| c.overlaps(rect))
                && !placed.iter().any(|l| l.rect.overlaps(rect))
                // A text taller than its row must not spill onto a mark nearby.
                && (!spills
                    || !marks
                        .iter()
                        .any(|m| m.event != event && mark_box(&m.shape).overlaps(rect)))
        };
        let fits = |s: &Spot, width: f32, taken: &[Taken]| {
            let (a, b) = span(s, width);
            let (y0, y1) = text_box(lane.row_span(s.row));
            a >= left
                && b <= right
                && match s.inside {
                    Some(room) => width <= room,
                    None => taken[s.row].free(a, b),
                }
                && clear(&Rect::new(a, y0, b, y1))
        };
        let whole = spots.iter().find(|s| fits(s, measured.width(), &taken[li]));
        if selected && whole.is_none() {
            // The selected title is always whole: beside its mark on the roomier side,
            // inside the plot, over a plate — a row higher if it would cover its mark.
            let rect = callout(
                &mark.shape,
                measured.width(),
                lane,
                row,
                (left, right),
                scene.plot.min.y,
            );
            callouts.push(rect);
            labelled.insert(mark.event);
            scene.labels.push(Label {
                event: mark.event,
                text: title.to_owned(),
                rect,
                whole: true,
                selected,
            });
            continue;
        }
        let (spot, text, is_whole) = match whole {
            Some(s) => (*s, title.to_owned(), true),
            None => {
                let best = spots
                    .iter()
                    .filter(|s| {
                        let (y0, y1) = text_box(lane.row_span(s.row));
                        !callouts.iter().any(|c| c.min.y < y1 && c.max.y > y0)
                    })
                    .map(|s| (*s, room(s, &taken[li][s.row], left, right)))
                    .filter(|(s, w)| {
                        let (a, b) = span(s, *w);
                        let (y0, y1) = text_box(lane.row_span(s.row));
                        *w >= MIN_WIDTH && clear(&Rect::new(a, y0, b, y1))
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let Some((s, room)) = best else {
                    continue;
                };
                let Some(cut) = cut_at_word(title, &measured, room - ellipsis) else {
                    continue;
                };
                (s, format!("{cut}…"), false)
            }
        };
        let width = if is_whole {
            measured.width()
        } else {
            metrics.measure(&text, LABEL_SIZE).width()
        };
        let (a, b) = span(&spot, width);
        let (y0, y1) = text_box(lane.row_span(spot.row));
        if !clear(&Rect::new(a, y0, b, y1)) {
            continue;
        }
        taken[li][spot.row].add(a - PAD / 2.0, b + PAD / 2.0);
        labelled.insert(mark.event);
        scene.labels.push(Label {
            event: mark.event,
            text,
            rect: Rect::new(a, y0, b, y1),
            whole: is_whole,
            selected,
        });
    }
}

/// The box a mark covers.
fn mark_box(shape: &Shape) -> Rect {
    match shape {
        Shape::Point { center, radius, .. } => {
            let (a, b) = extent(shape);
            Rect::new(a, center.y - radius, b, center.y + radius)
        }
        Shape::Bar { rect, .. } => *rect,
    }
}

/// The x-range a mark covers.
fn extent(shape: &Shape) -> (f32, f32) {
    match shape {
        Shape::Point {
            center,
            radius,
            end_x,
        } => (
            center.x - radius,
            end_x.unwrap_or(center.x).max(center.x) + radius,
        ),
        Shape::Bar { rect, .. } => (rect.min.x, rect.max.x),
    }
}

/// Where a label of a mark could go, best first.
fn spots(shape: &Shape, row: usize, rows: usize) -> Vec<Spot> {
    let (l, r) = extent(shape);
    let mut out = vec![
        Spot {
            row,
            x: r + PAD,
            rightwards: true,
            inside: None,
        },
        Spot {
            row,
            x: l - PAD,
            rightwards: false,
            inside: None,
        },
    ];
    if let Shape::Bar { rect, .. } = shape {
        out.push(Spot {
            row,
            x: rect.min.x + 6.0,
            rightwards: true,
            inside: Some(rect.width() - 12.0),
        });
    }
    for d in 1..rows {
        for other in [row.checked_sub(d), Some(row + d).filter(|&o| o < rows)]
            .into_iter()
            .flatten()
        {
            out.push(Spot {
                row: other,
                x: l,
                rightwards: true,
                inside: None,
            });
            out.push(Spot {
                row: other,
                x: r,
                rightwards: false,
                inside: None,
            });
        }
    }
    out
}

/// The x-range a label of `width` takes at a spot.
fn span(s: &Spot, width: f32) -> (f32, f32) {
    if s.rightwards {
        (s.x, s.x + width)
    } else {
        (s.x - width, s.x)
    }
}

/// The x-ranges taken in one row: disjoint, in order (touching ranges are merged), so
/// whether a place is free is a binary search, however crowded the row.
#[derive(Clone, Debug, Default)]
struct Taken(Vec<(f32, f32)>);

impl Taken {
    /// Takes `a..b`.
    fn add(&mut self, a: f32, b: f32) {
        let i = self.0.partition_point(|r| r.1 < a);
        let (mut a, mut b, mut j) = (a, b, i);
        while let Some(&(x0, x1)) = self.0.get(j) {
            if x0 > b {
                break;
            }
            a = a.min(x0);
            b = b.max(x1);
            j += 1;
        }
        self.0.splice(i..j, [(a, b)]);
    }

    /// Whether `a..b` keeps a point clear of everything taken.
    fn free(&self, a: f32, b: f32) -> bool {
        let i = self.0.partition_point(|r| r.1 + 1.0 <= a);
        self.0.get(i).is_none_or(|r| r.0 - 1.0 >= b)
    }

    /// The range taken that holds `x`, if one does.
    fn holding(&self, x: f32) -> Option<(f32, f32)> {
        let i = self.0.partition_point(|r| r.1 < x);
        self.0.get(i).copied().filter(|r| r.0 <= x)
    }
}

/// How wide a label can be at a spot before it meets something or the plot's edge.
fn room(s: &Spot, row: &Taken, left: f32, right: f32) -> f32 {
    if let Some(inside) = s.inside {
        return inside;
    }
    if row.holding(s.x).is_some() {
        return 0.0;
    }
    let i = row.0.partition_point(|r| r.1 < s.x);
    if s.rightwards {
        let limit = row.0.get(i).map_or(right, |r| (r.0 - 1.0).min(right));
        limit - s.x
    } else {
        let limit = i
            .checked_sub(1)
            .and_then(|j| row.0.get(j))
            .map_or(left, |r| (r.1 + 1.0).max(left));
        s.x - limit
    }
}

/// The longest start of `title` ending at a word boundary that fits `width`, at least
/// one whole word; `None` when not even the first word fits.
fn cut_at_word<'t>(title: &'t str, measured: &Measured, width: f32) -> Option<&'t str> {
    let mut best = None;
    for (i, c) in title.char_indices() {
        if c.is_whitespace() {
            let head =
                title[..i].trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
            if head.is_empty() {
                continue;
            }
            if measured.width_to(head.len()) <= width {
                best = Some(head);
            } else {
                break;
            }
        }
    }
    best
}

/// Where the selected title goes when no free place holds it whole: beside its mark on
/// the side with more room, moved into the plot, a row higher if it would then cover
/// its own mark.
fn callout(
    shape: &Shape,
    width: f32,
    lane: &LaneRows,
    row: usize,
    (left, right): (f32, f32),
    top: f32,
) -> Rect {
    let (l, r) = extent(shape);
    let (a, b) = if right - r >= l - left {
        clamp_into(r + PAD, r + PAD + width, left, right)
    } else {
        clamp_into(l - PAD - width, l - PAD, left, right)
    };
    let (y0, y1) = lane.row_span(row);
    if !(a < r && b > l) {
        return Rect::new(a, y0, b, y1);
    }
    // Off its mark: the row above, or below when there is no room above.
    let h = lane.row_height;
    if y0 - h >= top {
        Rect::new(a, y0 - h, b, y0)
    } else {
        Rect::new(a, y1, b, y1 + h)
    }
}

/// `a..b` moved (not resized) to lie within `left..right` where it can.
fn clamp_into(a: f32, b: f32, left: f32, right: f32) -> (f32, f32) {
    let w = b - a;
    let a = a.min(right - w).max(left);
    (a, a + w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::metrics::FontMetrics;

    #[test]
    fn cuts_fall_between_words_never_inside_one() {
        let m = FontMetrics::new();
        let title = "Kremlin denies the reported call: \"There was no conversation\"";
        let measured = m.measure(title, LABEL_SIZE);
        let cut = cut_at_word(title, &measured, measured.width() * 0.5).unwrap();
        assert!(title.starts_with(cut));
        assert_eq!(title.as_bytes()[cut.len()], b' ', "{cut}");
        assert_eq!(cut_at_word("Supercalifragilistic", &measured, 5.0), None);
        assert_eq!(cut_at_word(title, &measured, 1.0), None);
        // Punctuation before the cut goes with it: "call…", not "call:…".
        let at_colon = measured.width_to(title.find(':').unwrap() + 1) + 1.0;
        assert_eq!(
            cut_at_word(title, &measured, at_colon),
            Some("Kremlin denies the reported call")
        );
    }
}
