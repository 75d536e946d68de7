//! The timeline: calendar time across, lanes down, one marker per event.
//!
//! egui_plot provides the axes, the calendar grid and pan/zoom; the events are painted
//! here, straight from the lanes' sorted entries, so a frame costs what is visible, not
//! what is loaded:
//! - only entries in the visible range are looked at (binary search per lane);
//! - where a lane would show more markers than can be read, it shows a per-pixel-column
//!   density strip instead (counts by binary search, not by visiting events);
//! - ticks, labels and links are capped per frame.
//!
//! Events known to the day are shapes; events known only to a month, a year or a window
//! are faded bars across every day they could be.

use std::collections::{HashMap, HashSet};

use egui::{Color32, Pos2, Rect, Stroke, Ui, Vec2, Vec2b};
use egui_plot::{AxisHints, GridInput, GridMark, Plot, PlotTransform};

use super::command::{Command, UiCommand};
use super::style::{self, Palette};
use crate::english::{plural, shorten};
use crate::model::{EventIdx, RelationKind, Speaker};
use crate::timeline::{Derived, Document, Entry, Lane, calendar};

/// Most markers drawn in one lane; beyond it the lane shows density.
pub const MAX_MARKERS_PER_LANE: usize = 1_500;
/// A lane with at most this many events in view always shows them as markers and bars.
const ALWAYS_MARKERS: usize = 40;
/// Most uncertain-date bars drawn in one lane; beyond it the lane shows a coverage band.
pub const MAX_UNCERTAIN_BARS: usize = 40;
/// Most markers drawn in one frame over all lanes.
pub const MAX_MARKERS_PER_FRAME: usize = 4_000;
/// Most title labels drawn in one frame.
const MAX_LABELS: usize = 300;
/// Above this many markers on screen, only the selected event's links are drawn.
const MAX_LINKED_MARKERS: usize = 250;
/// Most relation links drawn in one frame.
const MAX_LINKS: usize = 400;
/// Width of a density column, in points.
const DENSITY_COLUMN: f32 = 3.0;
/// Narrowest visible range, in days.
pub const MIN_SPAN_DAYS: f64 = 3.0;
/// Widest visible range, in days (about 200,000 years).
pub const MAX_SPAN_DAYS: f64 = 7.3e7;
/// Smallest lane height before lanes scroll vertically, in points.
const MIN_LANE_HEIGHT: f32 = 24.0;

/// Timeline state that lives between frames but not between sessions.
#[derive(Debug, Default, Clone)]
pub struct TimelineState {
    /// Day range to show on the next frame (zoom to fit, jump).
    pub request_x: Option<(f64, f64)>,
    /// Day range shown on the last frame.
    pub x_range: Option<(f64, f64)>,
    /// Where the plot area was on screen on the last frame.
    pub rect: Option<Rect>,
    /// The plot with its axes and lane labels: what "export the timeline" captures.
    pub widget_rect: Option<Rect>,
    /// Events drawn as markers or bars on the last frame, and where (several places
    /// when an event sits in several lanes).
    pub drawn: Vec<(EventIdx, Rect)>,
    /// Density columns drawn on the last frame.
    pub density_columns: usize,
}

impl TimelineState {
    /// True if days `from..=to` are at least partly visible.
    pub fn shows(&self, from: f64, to: f64) -> bool {
        self.x_range.is_some_and(|(a, b)| to >= a && from <= b)
    }

    /// Keeps the zoom and centres the view on `day` (or fits `from..to` if the view is
    /// narrower than that).
    pub fn center_on(&mut self, from: f64, to: f64) {
        let (a, b) = self.x_range.unwrap_or((from - 30.0, to + 30.0));
        let width = (b - a).max((to - from) * 1.5).max(MIN_SPAN_DAYS * 4.0);
        let mid = (from + to) / 2.0;
        self.request_x = Some((mid - width / 2.0, mid + width / 2.0));
    }
}

/// What the timeline needs to draw.
pub struct TimelineInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Filtered events and lanes.
    pub derived: &'a Derived,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// Draw relation links.
    pub show_links: bool,
    /// Draw short titles.
    pub show_labels: bool,
}

/// Where a marker or bar was drawn this frame.
#[derive(Clone, Copy, Debug)]
struct Drawn {
    event: EventIdx,
    rect: Rect,
}

/// Where a density column was drawn this frame.
#[derive(Clone, Copy, Debug)]
struct DensityCell {
    lane: usize,
    rect: Rect,
    from_day: i32,
    to_day: i32,
    count: usize,
    /// A coverage band of uncertain dates (rather than exact days starting here).
    uncertain: bool,
}

/// What the pointer is over.
enum Hover {
    Events(Vec<EventIdx>),
    Density(DensityCell),
}

/// Draws the timeline and returns what the user asked for.
pub fn timeline_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let lanes = &input.derived.lanes.lanes;
    let n = lanes.len();
    if n == 0 {
        ui.centered_and_justified(|ui| {
            ui.label("No events match the filters. Clear the filters or the search to see events.");
        });
        state.rect = None;
        state.widget_rect = None;
        state.drawn.clear();
        state.density_columns = 0;
        return commands;
    }
    let palette = Palette::from_visuals(ui.visuals());
    let y_top = 0.5;
    let y_bottom = -(n as f64) + 0.5;
    let overflow = (n as f32) * MIN_LANE_HEIGHT > ui.available_height() - 40.0;
    let visible_lanes = if overflow {
        f64::from(((ui.available_height() - 40.0) / MIN_LANE_HEIGHT).max(1.0))
    } else {
        n as f64
    };

    let lane_label = |value: f64| -> String {
        let i = (-value).round();
        if (value + i).abs() > 0.01 || i < 0.0 {
            return String::new();
        }
        lanes
            .get(i as usize)
            .map_or_else(String::new, |l| shorten(&l.label, 22))
    };
    let plot = Plot::new("timeline")
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_drag(Vec2b::new(true, overflow))
        .show_x(false)
        .show_y(false)
        .show_grid(Vec2b::new(true, false))
        .set_margin_fraction(Vec2::ZERO)
        .x_grid_spacer(|input: GridInput| {
            calendar::ticks(input.bounds.0, input.bounds.1, input.base_step_size * 1.6)
                .into_iter()
                .map(|t| GridMark {
                    value: t.day,
                    step_size: t.unit_days,
                })
                .collect()
        })
        .y_grid_spacer(move |input: GridInput| {
            let (lo, hi) = input.bounds;
            (hi.floor() as i64..=lo.ceil().abs() as i64)
                .map(|i| -(i as f64))
                .filter(|v| *v >= lo - 0.5 && *v <= hi + 0.5 && *v <= 0.0)
                .take(500)
                .map(|value| GridMark {
                    value,
                    step_size: 1.0,
                })
                .collect()
        })
        .custom_x_axes(vec![
            AxisHints::new_x()
                .formatter(|mark, _range| calendar::label(mark.value, mark.step_size))
                .label_spacing(70.0..=110.0),
        ])
        .custom_y_axes(vec![
            AxisHints::new_y()
                .formatter(move |mark, _range| lane_label(mark.value))
                .min_thickness(150.0)
                .label_spacing(14.0..=20.0),
        ]);

    let request_x = state.request_x.take();
    state.widget_rect = Some(ui.available_rect_before_wrap());
    let response = plot.show(ui, |plot_ui| {
        if let Some((a, b)) = request_x {
            plot_ui.set_plot_bounds_x(a..=b);
        }
        let bounds = plot_ui.plot_bounds();
        if overflow {
            let hi = bounds.max()[1];
            let top = hi.min(y_top).max(y_bottom + visible_lanes);
            plot_ui.set_plot_bounds_y((top - visible_lanes)..=top);
        } else {
            plot_ui.set_plot_bounds_y(y_bottom..=y_top);
        }
        if request_x.is_none() && bounds.width() <= 0.0 {
            plot_ui.set_plot_bounds_x(0.0..=1.0);
        }
        if plot_ui.response().hovered() {
            let (scroll, zoom) = plot_ui
                .ctx()
                .input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let factor = (scroll.y / 200.0).exp() * zoom;
            if (factor - 1.0).abs() > 1e-4 {
                plot_ui.zoom_bounds_around_hovered(Vec2::new(factor, 1.0));
            }
            if scroll.x.abs() > 0.0 {
                plot_ui.translate_bounds(Vec2::new(-scroll.x, 0.0));
            }
        }
    });

    let transform = response.transform;
    let rect = *transform.frame();
    let (x0, x1) = (transform.bounds().min()[0], transform.bounds().max()[0]);
    state.rect = Some(rect);
    state.x_range = Some((x0, x1));
    let span = x1 - x0;
    if !(MIN_SPAN_DAYS..=MAX_SPAN_DAYS).contains(&span) && span.is_finite() {
        let mid = (x0 + x1) / 2.0;
        let half = span.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS) / 2.0;
        state.request_x = Some((mid - half, mid + half));
        ui.ctx().request_repaint();
    }

    let plot_response = response.response;
    plot_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));

    let painter = ui.painter_at(rect);
    let ctx = DrawCtx {
        input,
        transform: &transform,
        painter: &painter,
        palette,
        rect,
        x0,
        x1,
    };
    draw_lane_backgrounds(&ctx, lanes);
    draw_eras(&ctx);
    let (drawn, density) = draw_lanes(&ctx, lanes);
    state.drawn = drawn.iter().map(|d| (d.event, d.rect)).collect();
    state.density_columns = density.len();
    if input.show_links {
        // Every link while the view is readable; in a crowded view only the selection's.
        let crowded = drawn.len() > MAX_LINKED_MARKERS;
        draw_links(&ctx, &drawn, crowded);
    }
    draw_selection(&ctx, &drawn);

    // Pointer: hover tooltip, click to select, double-click to fit.
    let hover = plot_response
        .hover_pos()
        .filter(|p| rect.contains(*p))
        .and_then(|p| hit_test(p, &drawn, &density));
    if plot_response.double_clicked() {
        commands.push(UiCommand::ZoomToFit.into());
    } else if plot_response.clicked() {
        match &hover {
            Some(Hover::Events(events)) => commands.push(Command::Select(events.first().copied())),
            Some(Hover::Density(cell)) => {
                let mid = f64::from(cell.from_day + cell.to_day) / 2.0;
                let width = (span / 10.0).max(MIN_SPAN_DAYS * 4.0);
                commands.push(Command::ZoomTo(mid - width / 2.0, mid + width / 2.0));
            }
            None => {}
        }
    }
    match hover {
        Some(Hover::Events(events)) => {
            plot_response
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .on_hover_ui_at_pointer(|ui| {
                    for (i, &e) in events.iter().take(6).enumerate() {
                        if i > 0 {
                            ui.separator();
                        }
                        event_summary_ui(ui, input.doc, e);
                    }
                    if events.len() > 6 {
                        ui.weak(format!("… and {} more here", events.len() - 6));
                    }
                    ui.weak("Click to select");
                });
        }
        Some(Hover::Density(cell)) => {
            let lane = &lanes[cell.lane];
            plot_response
                .on_hover_ui_at_pointer(|ui| density_tooltip_ui(ui, input.doc, lane, &cell));
        }
        None => {}
    }
    commands
}

struct DrawCtx<'a> {
    input: &'a TimelineInput<'a>,
    transform: &'a PlotTransform,
    painter: &'a egui::Painter,
    palette: Palette,
    rect: Rect,
    x0: f64,
    x1: f64,
}

impl DrawCtx<'_> {
    fn x(&self, day: f64) -> f32 {
        self.transform.position_from_point_x(day)
    }

    fn lane_y(&self, lane: usize) -> f32 {
        self.transform.position_from_point_y(-(lane as f64))
    }

    fn lane_height(&self) -> f32 {
        self.transform.dpos_dvalue_y().abs() as f32
    }

    fn marker_radius(&self) -> f32 {
        (self.lane_height() * 0.16).clamp(4.0, 7.0)
    }

    /// Visible whole days (clamped to the range chrono supports).
    fn day_range(&self) -> (i32, i32) {
        let clamp = |d: f64| d.clamp(-7.5e7, 7.5e7) as i32;
        (clamp(self.x0.floor()), clamp(self.x1.ceil()))
    }
}

fn draw_lane_backgrounds(ctx: &DrawCtx<'_>, lanes: &[Lane]) {
    let h = ctx.lane_height();
    for (i, _) in lanes.iter().enumerate() {
        let y = ctx.lane_y(i);
        let band = Rect::from_x_y_ranges(ctx.rect.x_range(), (y - h / 2.0)..=(y + h / 2.0));
        if !band.intersects(ctx.rect) {
            continue;
        }
        if i % 2 == 1 {
            ctx.painter.rect_filled(band, 0.0, ctx.palette.lane_shade);
        }
    }
}

fn draw_eras(ctx: &DrawCtx<'_>) {
    let ds = &ctx.input.doc.dataset;
    for (i, era) in ds.eras.iter().enumerate() {
        let a = ctx.x(f64::from(era.start.earliest()));
        let b = ctx.x(f64::from(era.end.latest()) + 1.0);
        let band = Rect::from_x_y_ranges(a..=b, ctx.rect.y_range());
        if !band.intersects(ctx.rect) {
            continue;
        }
        let hue = [
            Color32::from_rgb(120, 160, 240),
            Color32::from_rgb(240, 170, 90),
            Color32::from_rgb(120, 200, 140),
            Color32::from_rgb(200, 130, 220),
        ][i % 4];
        ctx.painter.rect_filled(band, 0.0, hue.gamma_multiply(0.12));
        let label_pos = Pos2::new(a.max(ctx.rect.left()) + 4.0, ctx.rect.top() + 2.0);
        ctx.painter.text(
            label_pos,
            egui::Align2::LEFT_TOP,
            shorten(ds.str(era.title), 40),
            egui::FontId::proportional(11.0),
            ctx.palette.weak,
        );
    }
}

/// One visible entry laid out on screen.
struct Placed {
    event: EventIdx,
    left: f32,
    right: f32,
    /// Point marker (exact day) or bar.
    exact: bool,
    slot: usize,
}

/// Draws every lane; returns what was drawn for hit testing.
fn draw_lanes(ctx: &DrawCtx<'_>, lanes: &[Lane]) -> (Vec<Drawn>, Vec<DensityCell>) {
    let (day0, day1) = ctx.day_range();
    let mut drawn = Vec::new();
    let mut density = Vec::new();
    let mut budget = MAX_MARKERS_PER_FRAME;
    let mut labels_left = if ctx.input.show_labels { MAX_LABELS } else { 0 };
    let h = ctx.lane_height();
    for (li, lane) in lanes.iter().enumerate() {
        let y = ctx.lane_y(li);
        if y + h / 2.0 < ctx.rect.top() || y - h / 2.0 > ctx.rect.bottom() {
            continue;
        }
        let mut individual: Vec<Entry> = Vec::new();
        // Uncertain dates: bars while few overlap the view, a coverage band beyond.
        let mut uncertain_as_band =
            lane.uncertain.count_overlapping(day0, day1) > MAX_UNCERTAIN_BARS;
        if !uncertain_as_band {
            individual.extend(lane.uncertain.overlapping(day0, day1));
        }
        // Exact days: markers while they can be read, a density strip beyond.
        let exact = lane.exact.count_overlapping(day0, day1);
        let mut exact_as_strip = exact > MAX_MARKERS_PER_LANE || exact > budget;
        if !exact_as_strip {
            individual.extend(lane.exact.overlapping(day0, day1));
        }
        individual.sort_by_key(|e| (e.start, e.end, e.event));
        // Markers that would need more rows than the lane has are not readable either;
        // a lane with only a few events shows them all, overlapping if need be.
        let rows = if individual.len() <= ALWAYS_MARKERS {
            usize::MAX
        } else {
            max_slots(h, ctx.marker_radius())
        };
        let placed = place(ctx, &individual, rows);
        let placed = placed.unwrap_or_else(|| {
            uncertain_as_band = true;
            exact_as_strip = true;
            Vec::new()
        });
        if uncertain_as_band {
            draw_coverage(ctx, lane, li, day0, day1, &mut density);
        }
        if exact_as_strip {
            draw_density(ctx, lane, li, &mut density);
        }
        if !(uncertain_as_band && exact_as_strip) {
            let keep: Vec<Placed> = placed
                .into_iter()
                .filter(|p| {
                    if p.exact {
                        !exact_as_strip
                    } else {
                        !uncertain_as_band
                    }
                })
                .collect();
            budget = budget.saturating_sub(keep.len());
            draw_placed(ctx, li, &keep, &mut drawn, &mut labels_left);
        }
    }
    (drawn, density)
}

/// How many rows of markers fit in a lane of height `h` (markers may overlap by half).
fn max_slots(h: f32, r: f32) -> usize {
    (((h - 6.0) / (r + 2.0)).floor() as usize).max(1)
}

/// Lays visible entries out left to right in slots so that none hides another.
/// `None` as soon as more than `max_slots` rows would be needed: the lane is then too
/// crowded for markers, and finding that out early keeps a crowded frame cheap.
fn place(ctx: &DrawCtx<'_>, entries: &[Entry], max_slots: usize) -> Option<Vec<Placed>> {
    let ds = &ctx.input.doc.dataset;
    let r = ctx.marker_radius();
    // More entries than rows times markers per row cannot fit, whatever their dates.
    let per_row = (ctx.rect.width() / (2.0 * r + 3.0)).ceil() as usize + 1;
    if entries.len() > per_row.saturating_mul(max_slots) {
        return None;
    }
    let mut placed = Vec::with_capacity(entries.len());
    let mut slot_ends: Vec<f32> = Vec::new();
    for entry in entries {
        let event = &ds.events[entry.event as usize];
        let exact = event.date.is_exact_day();
        let (left, right) = if exact {
            let c = ctx.x(f64::from(entry.start) + 0.5);
            let end = if entry.end > entry.start {
                ctx.x(f64::from(entry.end) + 0.5)
            } else {
                c
            };
            (c - r, end.max(c) + r)
        } else {
            let a = ctx.x(f64::from(entry.start));
            let b = ctx.x(f64::from(entry.end) + 1.0).max(a + 4.0);
            (a, b)
        };
        let slot = slot_ends
            .iter()
            .position(|&end| end + 3.0 <= left)
            .unwrap_or(slot_ends.len());
        if slot == slot_ends.len() {
            if slot >= max_slots {
                return None;
            }
            slot_ends.push(right);
        } else {
            slot_ends[slot] = right;
        }
        placed.push(Placed {
            event: entry.event,
            left,
            right,
            exact,
            slot,
        });
    }
    Some(placed)
}

fn draw_placed(
    ctx: &DrawCtx<'_>,
    lane: usize,
    placed: &[Placed],
    drawn: &mut Vec<Drawn>,
    labels_left: &mut usize,
) {
    let ds = &ctx.input.doc.dataset;
    let r = ctx.marker_radius();
    let h = ctx.lane_height();
    let slots = placed.iter().map(|p| p.slot + 1).max().unwrap_or(1);
    let step = ((h - 6.0) / slots as f32).min(2.0 * r + 5.0);
    let y_mid = ctx.lane_y(lane);
    let slot_y = |slot: usize| y_mid + (slot as f32 - (slots as f32 - 1.0) / 2.0) * step;
    // The next marker in the same slot, to know how much room a label has.
    let mut next_left: Vec<f32> = vec![f32::INFINITY; placed.len()];
    let mut last_in_slot: HashMap<usize, usize> = HashMap::new();
    for (i, p) in placed.iter().enumerate() {
        if let Some(prev) = last_in_slot.insert(p.slot, i) {
            next_left[prev] = p.left;
        }
    }
    let font = egui::FontId::proportional(11.5);
    for (i, p) in placed.iter().enumerate() {
        let event = &ds.events[p.event as usize];
        let y = slot_y(p.slot);
        let hit = if p.exact {
            let c = Pos2::new(p.left + r, y);
            if p.right - p.left > 2.0 * r + 1.0 {
                // An event that lasts: a line to its end.
                ctx.painter.line_segment(
                    [c, Pos2::new(p.right - r, y)],
                    Stroke::new(3.0, style::kind_color(event.kind).gamma_multiply(0.7)),
                );
            }
            style::paint_marker(ctx.painter, c, r, event.kind, event.status, &ctx.palette);
            Rect::from_min_max(Pos2::new(p.left, y - r), Pos2::new(p.right, y + r)).expand(2.0)
        } else {
            // Cut to the view (with a margin that hides the rounded ends): a year-long
            // window seen a week at a time would otherwise be outlined, dashes and all,
            // over dozens of screen widths that nobody sees.
            let visible = ctx.rect.expand(10.0);
            let bar = Rect::from_min_max(
                Pos2::new(p.left.max(visible.left()), y - r * 0.8),
                Pos2::new(
                    p.right.min(visible.right()).max(visible.left()),
                    y + r * 0.8,
                ),
            );
            style::paint_uncertain_bar(ctx.painter, bar, event.kind, event.status);
            bar.expand(2.0)
        };
        if event.quotes.is_empty() {
            // Unsourced: a small question mark above.
            ctx.painter.text(
                Pos2::new(hit.right(), hit.top()),
                egui::Align2::LEFT_BOTTOM,
                "?",
                egui::FontId::proportional(10.0),
                ctx.palette.weak,
            );
        }
        drawn.push(Drawn {
            event: p.event,
            rect: hit,
        });
        // Labels need a slot at least a line high, or they would overprint each other.
        if *labels_left > 0 && (slots == 1 || step >= 13.0) {
            let visible_bar =
                (hit.right().min(ctx.rect.right()) - hit.left().max(ctx.rect.left())).max(0.0);
            let outside_room = next_left[i].min(ctx.rect.right()) - hit.right() - 6.0;
            // A label goes after the marker, or inside a bar too long to leave room after it.
            let (text_left, room) = if !p.exact && outside_room < 36.0 && visible_bar >= 80.0 {
                (hit.left().max(ctx.rect.left()) + 6.0, visible_bar - 12.0)
            } else {
                (hit.right().max(ctx.rect.left()) + 3.0, outside_room)
            };
            if room >= 36.0 && text_left < ctx.rect.right() {
                *labels_left -= 1;
                let mut job = egui::text::LayoutJob::single_section(
                    ds.str(event.title).to_owned(),
                    egui::TextFormat::simple(font.clone(), ctx.palette.text),
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(room.min(420.0));
                let galley = ctx.painter.layout_job(job);
                ctx.painter.galley(
                    Pos2::new(text_left, y - galley.size().y / 2.0),
                    galley,
                    ctx.palette.text,
                );
            }
        }
    }
}

/// A per-pixel-column strip of how many exact-day events start in each column.
fn draw_density(ctx: &DrawCtx<'_>, lane: &Lane, li: usize, cells: &mut Vec<DensityCell>) {
    let h = ctx.lane_height();
    let y = ctx.lane_y(li);
    let columns = ((ctx.rect.width() / DENSITY_COLUMN).ceil() as usize).max(1);
    let days_per_px = (ctx.x1 - ctx.x0) / f64::from(ctx.rect.width());
    let day_at = |x: f32| {
        (ctx.x0 + f64::from(x - ctx.rect.left()) * days_per_px)
            .floor()
            .clamp(-7.5e7, 7.5e7) as i32
    };
    let mut counts = Vec::with_capacity(columns);
    for c in 0..columns {
        let left = ctx.rect.left() + c as f32 * DENSITY_COLUMN;
        let (from, to) = (day_at(left), day_at(left + DENSITY_COLUMN));
        counts.push((
            left,
            from,
            to.max(from + 1),
            lane.exact.count_starting(from, to.max(from + 1)),
        ));
    }
    let max = counts.iter().map(|c| c.3).max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let color = lane.kind.map_or(ctx.palette.text, style::kind_color);
    let scale = (max as f32 + 1.0).ln();
    // One mesh for the whole strip: plain quads on pixel columns need no anti-aliasing,
    // and hundreds of them cost what one shape costs to tessellate.
    let mut mesh = egui::Mesh::default();
    for (left, from, to, count) in counts {
        if count == 0 {
            continue;
        }
        let t = (count as f32 + 1.0).ln() / scale;
        let bar_h = (h - 6.0) * (0.2 + 0.8 * t);
        let rect = Rect::from_min_max(
            Pos2::new(left, y - bar_h / 2.0),
            Pos2::new(left + DENSITY_COLUMN - 0.5, y + bar_h / 2.0),
        );
        mesh.add_colored_rect(rect, color.gamma_multiply(0.35 + 0.65 * t));
        cells.push(DensityCell {
            lane: li,
            rect: Rect::from_x_y_ranges(rect.x_range(), (y - h / 2.0)..=(y + h / 2.0)),
            from_day: from,
            to_day: to,
            count,
            uncertain: false,
        });
    }
    ctx.painter.add(egui::Shape::mesh(mesh));
}

/// A faint band showing, per column, how many events with uncertain dates could fall
/// there (each counts in every column its window covers: nothing is put on a day).
fn draw_coverage(
    ctx: &DrawCtx<'_>,
    lane: &Lane,
    li: usize,
    day0: i32,
    day1: i32,
    cells: &mut Vec<DensityCell>,
) {
    let h = ctx.lane_height();
    let y = ctx.lane_y(li);
    let columns = ((ctx.rect.width() / DENSITY_COLUMN).ceil() as usize).max(1);
    let day_of_x = |x: f32| ctx.transform.value_from_position(Pos2::new(x, y)).x;
    // Per column, the days it shows (`to` exclusive) and how many windows overlap them:
    // two binary searches each, however many events there are.
    let coverage: Vec<(i32, i32, usize)> = (0..columns)
        .map(|c| {
            let left = ctx.rect.left() + c as f32 * DENSITY_COLUMN;
            let from = day_of_x(left).floor().clamp(-7.5e7, 7.5e7) as i32;
            let to =
                (day_of_x(left + DENSITY_COLUMN).ceil().clamp(-7.5e7, 7.5e7) as i32).max(from + 1);
            let count = if to <= day0 || from > day1 {
                0
            } else {
                lane.uncertain.count_overlapping(from, to - 1)
            };
            (from, to, count)
        })
        .collect();
    let max = coverage.iter().map(|c| c.2).max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let color = lane.kind.map_or(ctx.palette.text, style::kind_color);
    let mut mesh = egui::Mesh::default();
    for (c, &(from, to, count)) in coverage.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let left = ctx.rect.left() + c as f32 * DENSITY_COLUMN;
        let t = count as f32 / max as f32;
        let rect = Rect::from_min_max(
            Pos2::new(left, y - (h - 4.0) / 2.0),
            Pos2::new(left + DENSITY_COLUMN, y + (h - 4.0) / 2.0),
        );
        mesh.add_colored_rect(rect, color.gamma_multiply(0.04 + 0.14 * t));
        cells.push(DensityCell {
            lane: li,
            rect,
            from_day: from,
            to_day: to,
            count,
            uncertain: true,
        });
    }
    ctx.painter.add(egui::Shape::mesh(mesh));
}

/// Where an event is on screen: where it was drawn, or where it would be.
fn event_anchor(
    ctx: &DrawCtx<'_>,
    drawn_at: &HashMap<EventIdx, Pos2>,
    e: EventIdx,
) -> Option<Pos2> {
    if let Some(p) = drawn_at.get(&e) {
        return Some(*p);
    }
    let doc = ctx.input.doc;
    ctx.input.derived.filtered.position(doc, e)?;
    let event = &doc.dataset.events[e as usize];
    let start = event.date.earliest();
    let lane = ctx.input.derived.lanes.lanes_of(e, start).next()?;
    let mid = (f64::from(event.date.earliest()) + f64::from(event.date.latest()) + 1.0) / 2.0;
    Some(Pos2::new(ctx.x(mid), ctx.lane_y(lane)))
}

fn draw_links(ctx: &DrawCtx<'_>, drawn: &[Drawn], selected_only: bool) {
    let ds = &ctx.input.doc.dataset;
    let mut drawn_at: HashMap<EventIdx, Pos2> = HashMap::with_capacity(drawn.len());
    for d in drawn {
        drawn_at.entry(d.event).or_insert_with(|| d.rect.center());
    }
    let mut done: HashSet<(EventIdx, EventIdx, RelationKind)> = HashSet::new();
    let mut budget = MAX_LINKS;
    let sources: Vec<EventIdx> = if selected_only {
        ctx.input.selected.into_iter().collect()
    } else {
        drawn.iter().map(|d| d.event).collect()
    };
    for event in sources {
        for relation in ds.relations_of(event) {
            if budget == 0 {
                return;
            }
            let (Some(from), Some(to)) =
                (ds.event_index(relation.from), ds.event_index(relation.to))
            else {
                continue;
            };
            if !done.insert((from, to, relation.kind)) {
                continue;
            }
            let (Some(a), Some(b)) = (
                event_anchor(ctx, &drawn_at, from),
                event_anchor(ctx, &drawn_at, to),
            ) else {
                continue;
            };
            budget -= 1;
            let bulge = 14.0 + (b - a).length().min(400.0) * 0.12;
            let selected = ctx.input.selected.is_some_and(|s| s == from || s == to);
            let shorten_by = ctx.marker_radius() + 3.0;
            let dir = (b - a).normalized();
            let (a, b) = if dir.is_finite() {
                (a + dir * shorten_by, b - dir * shorten_by)
            } else {
                (a, b)
            };
            if selected || ctx.input.selected.is_none() {
                style::paint_link(ctx.painter, a, b, relation.kind, bulge);
            } else {
                // Links of other events stay faint while one is selected.
                let mut faint = ctx.painter.clone().with_clip_rect(ctx.rect);
                faint.set_opacity(0.3);
                style::paint_link(&faint, a, b, relation.kind, bulge);
            }
        }
    }
}

fn draw_selection(ctx: &DrawCtx<'_>, drawn: &[Drawn]) {
    let Some(selected) = ctx.input.selected else {
        return;
    };
    let event = &ctx.input.doc.dataset.events[selected as usize];
    // A faint band over every day the event could be.
    let end = event.end.unwrap_or(event.date).latest();
    let a = ctx.x(f64::from(event.date.earliest()));
    let b = ctx.x(f64::from(end) + 1.0).max(a + 2.0);
    let band = Rect::from_x_y_ranges(a..=b, ctx.rect.y_range());
    ctx.painter
        .rect_filled(band, 0.0, ctx.palette.selection.gamma_multiply(0.08));
    for d in drawn.iter().filter(|d| d.event == selected) {
        ctx.painter.rect_stroke(
            d.rect.expand(3.0),
            4.0,
            Stroke::new(2.0, ctx.palette.selection),
            egui::StrokeKind::Outside,
        );
    }
}

fn hit_test(p: Pos2, drawn: &[Drawn], density: &[DensityCell]) -> Option<Hover> {
    let mut hits: Vec<(f32, EventIdx)> = drawn
        .iter()
        .filter(|d| d.rect.expand(3.0).contains(p))
        .map(|d| (d.rect.center().distance_sq(p), d.event))
        .collect();
    if !hits.is_empty() {
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut events: Vec<EventIdx> = hits.into_iter().map(|h| h.1).collect();
        events.dedup();
        return Some(Hover::Events(events));
    }
    density
        .iter()
        .filter(|c| c.rect.contains(p))
        .min_by_key(|c| c.uncertain)
        .map(|c| Hover::Density(*c))
}

/// Title, kind, status, date and counts of an event (tooltips, lists).
pub fn event_summary_ui(ui: &mut Ui, doc: &Document, e: EventIdx) {
    let ds = &doc.dataset;
    let event = &ds.events[e as usize];
    ui.horizontal(|ui| {
        style::glyph_ui(ui, event.kind, event.status);
        ui.strong(ds.str(event.title));
    });
    ui.label(format!(
        "{} · {} · {}",
        event.kind.label(),
        event.status.label(),
        event.date.describe()
    ));
    let quotes = event.quotes.len();
    let relations = ds.relations_of(e).count();
    let mut counts = match quotes {
        0 => "Unsourced: no quotes".to_owned(),
        n => plural(n, "quote"),
    };
    if relations > 0 {
        counts.push_str(&format!(" · {}", plural(relations, "linked report")));
    }
    ui.weak(counts);
}

fn density_tooltip_ui(ui: &mut Ui, doc: &Document, lane: &Lane, cell: &DensityCell) {
    let ds = &doc.dataset;
    let day = |d: i32| {
        crate::model::date::date_of(d).map_or_else(
            || "?".to_owned(),
            |d| crate::model::FuzzyDate::day(d).display(),
        )
    };
    let last = cell.to_day - 1;
    let when = if last <= cell.from_day {
        day(cell.from_day)
    } else {
        format!("{} – {}", day(cell.from_day), day(last))
    };
    let entries: Vec<Entry> = if cell.uncertain {
        ui.strong(format!(
            "{} with uncertain dates could fall in {when}",
            plural(cell.count, "event")
        ));
        let mut some: Vec<Entry> = lane
            .uncertain
            .overlapping(cell.from_day, last.max(cell.from_day))
            .take(8)
            .copied()
            .collect();
        some.sort_by_key(|e| (e.start, e.end, e.event));
        some
    } else {
        ui.strong(format!("{} on {when}", plural(cell.count, "event")));
        let range = lane.exact.starting_range(cell.from_day, cell.to_day);
        lane.exact.entries[range].iter().take(8).copied().collect()
    };
    ui.weak(&lane.label);
    for entry in &entries {
        let event = &ds.events[entry.event as usize];
        let speaker = ds
            .quotes(event.quotes)
            .first()
            .map(|q| match q.speaker {
                Speaker::Outlet => String::new(),
                _ => format!(" — {}", ds.speaker_name(q.speaker, q.source)),
            })
            .unwrap_or_default();
        let date = if cell.uncertain {
            format!(" ({})", event.date.display())
        } else {
            String::new()
        };
        ui.label(format!(
            "• {}{date}{speaker}",
            shorten(ds.str(event.title), 70)
        ));
    }
    if cell.count > entries.len() {
        ui.weak(format!("… and {} more", cell.count - entries.len()));
    }
    ui.weak("Click to zoom in");
}
