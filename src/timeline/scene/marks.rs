//! Lanes, and the events in them: markers and bars where they can be read, density
//! columns and coverage bands where they cannot. Each lane is split into rows one line
//! of text high; markers take rows so that none hides another, and the labels later
//! take what is left.

use super::{
    DensityCell, LABEL_SIZE, LANE_NAME_SIZE, LaneRow, Mark, SMALL_SIZE, Scene, SceneInput, Shape,
};
use crate::english::shorten;
use crate::timeline::geom::{Point, Rect};
use crate::timeline::metrics::TextMetrics;
use crate::timeline::seam::{LaneView, Row, ViewAnswer, ViewQuery};
use crate::timeline::view::Projection;

/// Most markers drawn in one lane; beyond it the lane shows density.
pub const MAX_MARKERS_PER_LANE: usize = 1_500;
/// A lane with at most this many events in view always shows them as markers and bars.
const ALWAYS_MARKERS: usize = 40;
/// Most uncertain-date bars drawn in one lane; beyond it the lane shows a coverage band.
pub const MAX_UNCERTAIN_BARS: usize = 40;
/// Most markers drawn in one frame over all lanes.
pub const MAX_MARKERS_PER_FRAME: usize = 4_000;
/// Width of a density column.
const DENSITY_COLUMN: f32 = 3.0;
/// Space kept between two marks in a row.
const MARK_GAP: f32 = 3.0;

/// A lane's rows, and which of its marks sit in which row (for the labels).
pub(super) struct LaneRows {
    /// Top of the first row.
    pub top: f32,
    /// Height of a row.
    pub row_height: f32,
    /// Number of rows.
    pub rows: usize,
    /// Indices into the scene's marks, with the row of each.
    pub marks: Vec<(usize, usize)>,
}

impl LaneRows {
    /// The vertical extent of row `r`.
    pub fn row_span(&self, r: usize) -> (f32, f32) {
        let y = self.top + r as f32 * self.row_height;
        (y, y + self.row_height)
    }
}

/// Most rows a lane takes for its markers; beyond, a lane of many events shows density.
const MAX_ROWS: usize = 12;
/// Space above and below a lane's rows.
const LANE_PAD: f32 = 3.0;
/// The space above and below a lane's rows when lanes barely fit.
const TIGHT_LANE_PAD: f32 = 1.0;
/// The least marker radius: a shape still told from another, a fill from an outline.
const MIN_RADIUS: f32 = 3.5;

/// What one lane shows, before it is given its height.
struct Planned {
    placed: Vec<Placed>,
    uncertain_as_band: bool,
    exact_as_strip: bool,
    /// Rows its markers take.
    rows: usize,
}

/// Lays out every lane: each is planned (what it shows, how many rows its markers
/// need), then given its height — the rows it needs, then a row for labels, then an
/// equal share of what is left — and drawn. Lanes scroll when they need more room than
/// the plot has. Returns the rows of the lanes on screen with individual marks.
pub(super) fn lanes(
    input: &SceneInput<'_>,
    p: &Projection<'_>,
    query: &ViewQuery,
    answer: &ViewAnswer,
    metrics: &dyn TextMetrics,
    scene: &mut Scene,
) -> Vec<LaneRows> {
    let plot = scene.plot;
    let full_row = (metrics.line_height(LABEL_SIZE) + 1.5).ceil();
    let radius = (full_row * 0.36).clamp(MIN_RADIUS, 6.0);
    let lanes = &answer.lanes;
    let mut budget = MAX_MARKERS_PER_FRAME;
    let plans: Vec<Planned> = lanes
        .iter()
        .map(|lane| {
            let plan = plan(p, lane, radius, budget);
            budget = budget.saturating_sub(plan.placed.len());
            plan
        })
        .collect();
    // Rows shrink before lanes start to scroll: down to a marker's height, then (large
    // text in a small window) with thinner pads and smaller markers, down to the least
    // marker that still shows its kind and status.
    let needed = plans.iter().map(|p| p.rows).sum::<usize>().max(1) as f32;
    let fit = |pad: f32| ((plot.height() - 2.0 * pad * plans.len() as f32) / needed).floor();
    let pad = if fit(LANE_PAD) >= (2.0 * radius + 1.0).ceil() {
        LANE_PAD
    } else {
        TIGHT_LANE_PAD
    };
    let row_height = fit(pad).clamp((2.0 * MIN_RADIUS + 1.0).ceil(), full_row);
    let radius = radius.min(((row_height - 1.0) / 2.0).max(MIN_RADIUS));
    let heights = heights(&plans, plot.height(), row_height, pad);
    let label_room = plot.min.x - 8.0;
    scene
        .marks
        .reserve(plans.iter().map(|p| p.placed.len()).sum());
    let mut out = Vec::new();
    let mut top = plot.min.y - input.scroll;
    for (li, (lane, (plan, &height))) in lanes.iter().zip(plans.iter().zip(&heights)).enumerate() {
        let band = Rect::new(plot.min.x, top, plot.max.x, top + height);
        top += height;
        scene.lanes.push(LaneRow {
            label: lane.label.clone(),
            shown_label: fit_text_at(&lane.label, label_room, LANE_NAME_SIZE, metrics),
            band,
            kind: lane.kind,
        });
        if band.max.y < plot.min.y || band.min.y > plot.max.y {
            continue;
        }
        let count = (((height - 2.0 * pad) / row_height).floor() as usize).max(1);
        let rows = Rows {
            top: band.min.y + (height - count as f32 * row_height) / 2.0,
            height: row_height,
            count,
        };
        if plan.uncertain_as_band {
            coverage(p, query, lane, li, &rows, scene);
        }
        if plan.exact_as_strip {
            density(p, query, lane, li, &rows, scene);
        }
        let order = rows.order();
        let mut rows_of = LaneRows {
            top: rows.top,
            row_height,
            rows: count,
            marks: Vec::new(),
        };
        for placed in &plan.placed {
            let row = order
                .get(placed.slot)
                .copied()
                .unwrap_or(order[order.len() - 1]);
            rows_of.marks.push((scene.marks.len(), row));
            scene
                .marks
                .push(mark(li, placed, rows.centre(row), radius, scene));
        }
        if !rows_of.marks.is_empty() {
            out.push(rows_of);
        }
    }
    out
}

/// The question a view asks of every lane: counts per density column (`DENSITY_COLUMN`
/// points wide) — exact-day events starting in it, uncertain ones overlapping it — and
/// the rows on screen where few enough to draw.
pub(super) fn view_query(p: &Projection<'_>, day0: i32, day1: i32) -> ViewQuery {
    let columns = ((p.width / DENSITY_COLUMN).ceil() as usize).max(1);
    let day_at = |x: f32, up: bool| {
        let d = p.day_at(x);
        clamp_day(if up { d.ceil() } else { d.floor() })
    };
    let left = |c: usize| p.left + c as f32 * DENSITY_COLUMN;
    let starts = (0..columns)
        .map(|c| {
            let from = day_at(left(c), false);
            (from, day_at(left(c) + DENSITY_COLUMN, false).max(from + 1))
        })
        .collect();
    let overlaps = (0..columns)
        .map(|c| {
            let from = day_at(left(c), false);
            (from, day_at(left(c) + DENSITY_COLUMN, true).max(from + 1))
        })
        .collect();
    ViewQuery {
        days: (day0, day1),
        starts,
        overlaps,
        max_rows: MAX_MARKERS_PER_LANE,
        max_uncertain_rows: MAX_UNCERTAIN_BARS,
    }
}

/// What a lane shows in the visible days: markers and bars in slots (rows) where they
/// can be read, density where they cannot.
fn plan(p: &Projection<'_>, lane: &LaneView, radius: f32, budget: usize) -> Planned {
    // Uncertain dates: bars while few overlap the view, a coverage band beyond.
    let mut individual: Vec<Row> = Vec::new();
    let mut uncertain_as_band = lane.uncertain_in_view > MAX_UNCERTAIN_BARS;
    match &lane.uncertain_rows {
        Some(rows) if !uncertain_as_band => individual.extend_from_slice(rows),
        _ => uncertain_as_band = true,
    }
    // Exact days: markers while they can be read, a density strip beyond.
    let exact = lane.exact_in_view;
    let mut exact_as_strip = exact > MAX_MARKERS_PER_LANE || exact > budget;
    match &lane.exact_rows {
        Some(rows) if !exact_as_strip => individual.extend_from_slice(rows),
        _ => exact_as_strip = true,
    }
    individual.sort_by_key(|e| (e.start, e.end, e.event));
    let placed = place(p, &individual, radius).unwrap_or_else(|| {
        uncertain_as_band = true;
        exact_as_strip = true;
        Vec::new()
    });
    let placed: Vec<Placed> = placed
        .into_iter()
        .filter(|pl| {
            if pl.row.exact {
                !exact_as_strip
            } else {
                !uncertain_as_band
            }
        })
        .collect();
    let rows = placed.iter().map(|pl| pl.slot + 1).max().unwrap_or(1);
    Planned {
        placed,
        uncertain_as_band,
        exact_as_strip,
        rows,
    }
}

/// Each lane's height: the rows its marks need, then more rows for their labels — one
/// at a time, lanes with the most marks first, round after round while rows fit —
/// then an equal share of what is left. When even the rows needed do not fit, every
/// lane gets just those and the lanes scroll.
fn heights(plans: &[Planned], available: f32, row_height: f32, pad: f32) -> Vec<f32> {
    let pad = 2.0 * pad;
    let mut rows: Vec<usize> = plans.iter().map(|p| p.rows).collect();
    let height =
        |rows: &[usize]| rows.iter().sum::<usize>() as f32 * row_height + pad * rows.len() as f32;
    if height(&rows) >= available || plans.is_empty() {
        return rows.iter().map(|&r| r as f32 * row_height + pad).collect();
    }
    let mut by_need: Vec<usize> = (0..plans.len()).collect();
    by_need.sort_by_key(|&i| std::cmp::Reverse(plans[i].placed.len()));
    let mut spare = ((available - height(&rows)) / row_height).floor() as usize;
    'rounds: for _ in 0..MAX_ROWS {
        for &i in &by_need {
            if spare == 0 {
                break 'rounds;
            }
            rows[i] += 1;
            spare -= 1;
        }
    }
    let left = (available - height(&rows)) / plans.len() as f32;
    rows.iter()
        .map(|&r| r as f32 * row_height + pad + left.max(0.0))
        .collect()
}

fn clamp_day(d: f64) -> i32 {
    crate::timeline::view::whole_day(d)
}

/// `text`, cut with "…" to fit `width` at the small size.
pub(super) fn fit_text(text: &str, width: f32, metrics: &dyn TextMetrics) -> String {
    fit_text_at(text, width, SMALL_SIZE, metrics)
}

/// `text`, cut with "…" to fit `width` at text size `size`.
fn fit_text_at(text: &str, width: f32, size: f32, metrics: &dyn TextMetrics) -> String {
    let measured = metrics.measure(text, size);
    if measured.width() <= width {
        return text.to_owned();
    }
    let ellipsis = metrics.measure("…", size).width();
    let mut keep = 0;
    for (i, (byte, _)) in text.char_indices().enumerate() {
        if measured.width_to(byte) + ellipsis > width {
            break;
        }
        keep = i;
    }
    shorten(text, keep + 1)
}

/// The rows of one lane.
struct Rows {
    top: f32,
    height: f32,
    count: usize,
}

impl Rows {
    fn centre(&self, r: usize) -> f32 {
        self.top + (r as f32 + 0.5) * self.height
    }

    /// Rows from the middle outwards: a lane's first marks sit in its middle.
    fn order(&self) -> Vec<usize> {
        let mid = (self.count - 1) / 2;
        let mut order = vec![mid];
        for d in 1..self.count {
            if mid + d < self.count {
                order.push(mid + d);
            }
            if d <= mid {
                order.push(mid - d);
            }
        }
        order
    }
}

/// One visible entry laid out across: its extent and its slot (row, counted from the
/// lane's middle outwards).
struct Placed {
    row: Row,
    left: f32,
    right: f32,
    slot: usize,
}

/// Lays visible entries out left to right in slots so that none hides another. `None`
/// when they would need more than [`MAX_ROWS`] (the lane is then too crowded for
/// markers; finding out early keeps a crowded frame cheap) — unless there are only a
/// few, which are then shown all the same, overlapping where they must.
fn place(p: &Projection<'_>, entries: &[Row], r: f32) -> Option<Vec<Placed>> {
    let few = entries.len() <= ALWAYS_MARKERS;
    let per_row = (p.width / (2.0 * r + MARK_GAP)).ceil() as usize + 1;
    if !few && entries.len() > per_row.saturating_mul(MAX_ROWS) {
        return None;
    }
    let mut ends: Vec<f32> = Vec::new();
    let mut placed = Vec::with_capacity(entries.len());
    for entry in entries {
        let (left, right) = if entry.exact {
            let c = p.x(f64::from(entry.start) + 0.5);
            let end = if entry.end > entry.start {
                p.x(f64::from(entry.end) + 0.5)
            } else {
                c
            };
            (c - r, end.max(c) + r)
        } else {
            let a = p.x(f64::from(entry.start));
            let b = p.x(f64::from(entry.end) + 1.0).max(a + 4.0);
            (a, b)
        };
        let slot = match ends.iter().position(|&end| end + MARK_GAP <= left) {
            Some(slot) => slot,
            None if ends.len() < MAX_ROWS => {
                ends.push(f32::NEG_INFINITY);
                ends.len() - 1
            }
            None if few => (0..ends.len())
                .min_by(|&a, &b| ends[a].total_cmp(&ends[b]))
                .unwrap_or(0),
            None => return None,
        };
        ends[slot] = ends[slot].max(right);
        placed.push(Placed {
            row: *entry,
            left,
            right,
            slot,
        });
    }
    Some(placed)
}

/// The mark for one placed entry, its row centred on `y`.
fn mark(lane: usize, placed: &Placed, y: f32, r: f32, scene: &Scene) -> Mark {
    let (shape, hit) = if placed.row.exact {
        let center = Point::new(placed.left + r, y);
        let end_x = (placed.right - placed.left > 2.0 * r + 1.0).then_some(placed.right - r);
        let hit = Rect::new(placed.left, y - r, placed.right, y + r).expand(2.0);
        (
            Shape::Point {
                center,
                radius: r,
                end_x,
            },
            hit,
        )
    } else {
        // Cut to the view (with a margin that hides the rounded ends): a year-long
        // window seen a week at a time would otherwise be outlined far off screen.
        let visible = scene.plot.expand(10.0);
        let rect = Rect::new(
            placed.left.max(visible.min.x),
            y - r * 0.8,
            placed.right.min(visible.max.x).max(visible.min.x),
            y + r * 0.8,
        );
        let cuts = scene
            .breaks
            .iter()
            .filter(|b| b.rect.min.x < rect.max.x && b.rect.max.x > rect.min.x)
            .map(|b| (b.rect.min.x.max(rect.min.x), b.rect.max.x.min(rect.max.x)))
            .collect();
        (Shape::Bar { rect, cuts }, rect.expand(2.0))
    };
    Mark {
        event: placed.row.event,
        lane,
        kind: placed.row.kind,
        status: placed.row.status,
        shape,
        unsourced: placed.row.unsourced,
        linked: placed.row.linked,
        hit,
    }
}

/// A column per few points of how many exact-day events start in it.
fn density(
    p: &Projection<'_>,
    query: &ViewQuery,
    lane: &LaneView,
    li: usize,
    rows: &Rows,
    scene: &mut Scene,
) {
    let max = lane.starts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let scale = (max as f32 + 1.0).ln();
    let (top, bottom) = (rows.top, rows.top + rows.count as f32 * rows.height);
    let (mid, full) = ((top + bottom) / 2.0, bottom - top);
    for (c, (&(from, to), &count)) in query.starts.iter().zip(&lane.starts).enumerate() {
        if count == 0 {
            continue;
        }
        let left = p.left + c as f32 * DENSITY_COLUMN;
        let level = (count as f32 + 1.0).ln() / scale;
        let h = full * (0.2 + 0.8 * level);
        scene.density.push(DensityCell {
            lane: li,
            rect: Rect::new(
                left,
                mid - h / 2.0,
                left + DENSITY_COLUMN - 0.5,
                mid + h / 2.0,
            ),
            from_day: from,
            to_day: to,
            count: count as usize,
            level,
            uncertain: false,
            kind: lane.kind,
        });
    }
}

/// A faint band showing, per column, how many events with uncertain dates could fall
/// there (each counts in every column its window covers: nothing is put on a day).
fn coverage(
    p: &Projection<'_>,
    query: &ViewQuery,
    lane: &LaneView,
    li: usize,
    rows: &Rows,
    scene: &mut Scene,
) {
    let (day0, day1) = query.days;
    let cells: Vec<(f32, i32, i32, u32)> = query
        .overlaps
        .iter()
        .zip(&lane.overlaps)
        .enumerate()
        .map(|(c, (&(from, to), &count))| {
            let left = p.left + c as f32 * DENSITY_COLUMN;
            let count = if to <= day0 || from > day1 { 0 } else { count };
            (left, from, to, count)
        })
        .collect();
    let max = cells.iter().map(|c| c.3).max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let (top, bottom) = (rows.top, rows.top + rows.count as f32 * rows.height);
    for (left, from, to, count) in cells {
        if count == 0 {
            continue;
        }
        scene.density.push(DensityCell {
            lane: li,
            rect: Rect::new(left, top, left + DENSITY_COLUMN, bottom),
            from_day: from,
            to_day: to,
            count: count as usize,
            level: count as f32 / max as f32,
            uncertain: true,
            kind: lane.kind,
        });
    }
}
