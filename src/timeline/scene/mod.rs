//! The timeline as plain data: everything it shows, and where.
//!
//! [`build`] is one pure function from the document, its filtered view, the time axis,
//! the window on it, a size and text metrics to a [`Scene`]: lane rows, markers and
//! bars, density columns and coverage bands, labels with their rectangles, links, axis
//! ticks, breaks and eras, the overview. The window paints a scene, the SVG export
//! writes one and the PNG rasterizes that; tests check scenes without a GPU. It costs
//! what is visible, not what is loaded: lanes answer range queries by binary search,
//! crowded lanes become density columns, and markers, labels and links are capped.
//!
//! Coordinates are points from the scene's top-left corner, y down.

mod labels;
mod links;
mod marks;
mod overview;
mod ticks;

use super::axis::TimeAxis;
use super::geom::{Point, Rect};
use super::metrics::TextMetrics;
use super::view::{Projection, View};
use super::{Derived, Document, TimeScale};
use crate::model::{EventIdx, EventKind, RelationKind, Status};
use crate::timeline::seam::ViewAnswers;
use crate::timeline::seam::memory::MemoryData;

/// Width of the column of lane names.
pub const LANE_LABEL_WIDTH: f32 = 124.0;
/// Height of the axis strip under the lanes.
pub const AXIS_HEIGHT: f32 = 22.0;
/// Height of the overview strip at the bottom.
pub const OVERVIEW_HEIGHT: f32 = 26.0;
/// Space above the overview.
const OVERVIEW_GAP: f32 = 6.0;
/// Size of label text, in points.
pub const LABEL_SIZE: f32 = 11.0;
/// Size of lane names, axis labels and break labels.
pub const SMALL_SIZE: f32 = 10.5;
/// Lane names' text size, left of the plot.
pub const LANE_NAME_SIZE: f32 = SMALL_SIZE + 1.0;
/// Lowest lane height before lanes scroll.
pub const MIN_LANE_HEIGHT: f32 = 28.0;

/// What a scene is built from.
pub struct SceneInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its filtered events, lanes and axes.
    pub derived: &'a Derived,
    /// Linear or compressed time.
    pub scale: TimeScale,
    /// The window on the axis.
    pub view: View,
    /// Width and height, in points.
    pub size: (f32, f32),
    /// How far the lanes are scrolled down, in points (when they do not all fit).
    pub scroll: f32,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// Draw relation links.
    pub show_links: bool,
    /// Draw titles next to markers.
    pub show_labels: bool,
    /// Draw the overview strip.
    pub show_overview: bool,
    /// Where the lanes' counts and rows come from: `None` asks `doc` and `derived` in
    /// memory; a query engine's front ([`crate::timeline::seam::asking::Asking`]) otherwise.
    pub answers: Option<&'a dyn ViewAnswers>,
}

/// Everything the timeline shows.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    /// Width and height.
    pub size: (f32, f32),
    /// Where events are drawn.
    pub plot: Rect,
    /// The days at the plot's left and right edges.
    pub days: (f64, f64),
    /// Linear or compressed.
    pub scale: TimeScale,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// Lanes, top to bottom (those scrolled out of sight included, outside `plot`).
    pub lanes: Vec<LaneRow>,
    /// Named periods, behind everything.
    pub eras: Vec<EraBand>,
    /// Stretches of time shown compressed.
    pub breaks: Vec<BreakBand>,
    /// Grid lines and axis labels.
    pub ticks: Vec<Tick>,
    /// The band over every day the selected event could be.
    pub selection: Option<Rect>,
    /// Markers and bars, one per event per lane it is in.
    pub marks: Vec<Mark>,
    /// Density columns and coverage bands of crowded lanes.
    pub density: Vec<DensityCell>,
    /// Titles beside markers.
    pub labels: Vec<Label>,
    /// Relation links.
    pub links: Vec<Link>,
    /// The whole span in small, with the view marked on it.
    pub overview: Option<Overview>,
    /// Why nothing is shown, when nothing is.
    pub message: Option<String>,
    /// Ids, titles and places of the events drawn, for data not in memory (the
    /// document names its own).
    pub names: std::collections::HashMap<EventIdx, crate::timeline::seam::RowName>,
}

/// One lane's row.
#[derive(Clone, Debug)]
pub struct LaneRow {
    /// The lane's name.
    pub label: String,
    /// Its name as shown (shortened to the column).
    pub shown_label: String,
    /// The lane across the plot.
    pub band: Rect,
    /// The kind shared by the lane's events (lanes by kind).
    pub kind: Option<EventKind>,
}

/// A named period.
#[derive(Clone, Debug)]
pub struct EraBand {
    /// Across the plot's height.
    pub rect: Rect,
    /// Its title.
    pub title: String,
    /// Its position among the eras (for its colour).
    pub index: usize,
}

/// A stretch of time the compressed axis shrinks.
#[derive(Clone, Debug)]
pub struct BreakBand {
    /// Across the plot's height.
    pub rect: Rect,
    /// First and last day hidden.
    pub days: (f64, f64),
    /// What it hides: "Feb 2021 – Sep 2024".
    pub label: String,
}

/// A grid line, with its axis label when there is room for one.
#[derive(Clone, Debug)]
pub struct Tick {
    /// Where.
    pub x: f32,
    /// 0 for the finest unit shown up to 1 for the coarsest.
    pub strength: f32,
    /// The label and where it goes.
    pub label: Option<(String, Rect)>,
}

/// An event drawn as a marker or a bar.
#[derive(Clone, Debug)]
pub struct Mark {
    /// The event.
    pub event: EventIdx,
    /// Its lane.
    pub lane: usize,
    /// Its kind (shape and colour).
    pub kind: EventKind,
    /// Its status (fill and outline).
    pub status: Status,
    /// Marker or bar.
    pub shape: Shape,
    /// It has no quotes.
    pub unsourced: bool,
    /// It takes part in a relation.
    pub linked: bool,
    /// Where the pointer finds it.
    pub hit: Rect,
}

/// How an event is drawn.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A date known to the day: a shape at the day, with a line to the end of an event
    /// that lasts.
    Point {
        /// The day's centre.
        center: Point,
        /// Marker radius.
        radius: f32,
        /// Where a lasting event's line ends.
        end_x: Option<f32>,
    },
    /// A date known to a month, a year or a window: a bar over every day it could be.
    Bar {
        /// The bar, cut to the plot.
        rect: Rect,
        /// Where it crosses breaks (drawn broken there).
        cuts: Vec<(f32, f32)>,
    },
}

/// A column of a crowded lane: how many events are there.
#[derive(Clone, Copy, Debug)]
pub struct DensityCell {
    /// The lane.
    pub lane: usize,
    /// The column.
    pub rect: Rect,
    /// The days it covers (`to` exclusive).
    pub from_day: i32,
    /// …
    pub to_day: i32,
    /// Events in it.
    pub count: usize,
    /// 0–1: how full, relative to the lane's fullest column.
    pub level: f32,
    /// Events with uncertain dates that could fall here (rather than exact days).
    pub uncertain: bool,
    /// The lane's kind, for its colour.
    pub kind: Option<EventKind>,
}

/// An event's title beside its marker.
#[derive(Clone, Debug)]
pub struct Label {
    /// The event.
    pub event: EventIdx,
    /// The text: the whole title, or the title cut at a word boundary with "…".
    pub text: String,
    /// The text's box.
    pub rect: Rect,
    /// Whether `text` is the whole title.
    pub whole: bool,
    /// The selected event's label (drawn strongly, never cut).
    pub selected: bool,
}

/// How strongly a link is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// A link of the selected event.
    Strong,
    /// Nothing is selected.
    Normal,
    /// Another event is selected.
    Faint,
}

/// A relation between two events on screen, or to one off screen.
#[derive(Clone, Debug)]
pub struct Link {
    /// The event doing the contradicting, denying, ….
    pub from: EventIdx,
    /// The event it bears on.
    pub to: EventIdx,
    /// Contradicts, denies, ….
    pub kind: RelationKind,
    /// From here …
    pub a: Point,
    /// … to here (an arrow head).
    pub b: Point,
    /// How much it bends upwards.
    pub bulge: f32,
    /// How strongly to draw it.
    pub strength: Strength,
    /// When the other event is off screen: its title, shown at the edge.
    pub off_screen: Option<(String, Rect)>,
}

/// The whole span in small, with the view as a window on it.
#[derive(Clone, Debug)]
pub struct Overview {
    /// The strip.
    pub rect: Rect,
    /// Columns with events: the column and how full (0–1).
    pub columns: Vec<(Rect, f32)>,
    /// x of columns with disputed events.
    pub disputed: Vec<f32>,
    /// The breaks, in small.
    pub breaks: Vec<Rect>,
    /// The part on screen.
    pub window: Rect,
    /// The view of the whole span the strip draws.
    pub full: View,
}

impl Scene {
    /// The marks of event `e`.
    pub fn marks_of(&self, e: EventIdx) -> impl Iterator<Item = &Mark> {
        self.marks.iter().filter(move |m| m.event == e)
    }

    /// The label of event `e`, if it has one.
    pub fn label_of(&self, e: EventIdx) -> Option<&Label> {
        self.labels.iter().find(|l| l.event == e)
    }
}

/// The view that shows every filtered event (with a little air).
pub fn fit_all(derived: &Derived, scale: TimeScale) -> View {
    let axis = &derived.axis(scale).axis;
    match derived.filtered.span {
        Some((a, b)) => View::fit(axis, f64::from(a), f64::from(b) + 1.0),
        None => View::default(),
    }
}

/// Where events are drawn in a scene of `size`: right of the lane names, above the axis
/// (and the overview, when there is one).
pub fn plot_rect(size: (f32, f32), overview: bool) -> Rect {
    let (w, h) = size;
    let bottom = h
        - AXIS_HEIGHT
        - if overview {
            OVERVIEW_HEIGHT + OVERVIEW_GAP
        } else {
            0.0
        };
    Rect::new(
        LANE_LABEL_WIDTH.min(w * 0.3),
        0.0,
        w.max(1.0),
        bottom.max(1.0),
    )
}

/// Where the overview strip goes in a scene of `size`.
pub fn overview_rect(size: (f32, f32)) -> Rect {
    let (w, h) = size;
    Rect::new(LANE_LABEL_WIDTH.min(w * 0.3), h - OVERVIEW_HEIGHT, w, h)
}

/// Lays the timeline out.
pub fn build(input: &SceneInput<'_>, metrics: &dyn TextMetrics) -> Scene {
    let (w, h) = input.size;
    let axis: &TimeAxis = &input.derived.axis(input.scale).axis;
    let plot = plot_rect(input.size, input.show_overview);
    let view = input.view.limited(axis);
    let projection = Projection {
        axis,
        view,
        left: plot.min.x,
        width: plot.width().max(1.0),
    };
    let mut scene = Scene {
        size: input.size,
        plot,
        days: view.day_range(axis),
        scale: input.scale,
        selected: input.selected,
        ..Scene::default()
    };
    if input.answers.is_none() && input.doc.dataset.events.is_empty() {
        scene.message = Some(
            "No events yet: add one (Ctrl+Shift+N), or add a source and take the events it reports."
                .to_owned(),
        );
        return scene;
    }
    // The one question this frame asks of the data, through the seam.
    let (day0, day1) = crate::timeline::view::day_bounds(scene.days);
    let query = marks::view_query(&projection, day0, day1);
    let memory;
    let answers: &dyn ViewAnswers = match input.answers {
        Some(answers) => answers,
        None => {
            memory = MemoryData::new(input.doc, input.derived);
            &memory
        }
    };
    let answer = answers.answer(&query);
    let no_lanes = match &answer {
        Some(a) => a.lanes.is_empty(),
        None => input.answers.is_none(),
    };
    if no_lanes {
        scene.message = Some(
            "No events match the filters. Clear the filters or the search to see events."
                .to_owned(),
        );
        return scene;
    }
    ticks::eras(input, &projection, &mut scene);
    ticks::breaks(axis, &projection, metrics, &mut scene);
    ticks::ticks(axis, &projection, metrics, &mut scene);
    let mut answer = answer.unwrap_or_default();
    let rows = marks::lanes(input, &projection, &query, &answer, metrics, &mut scene);
    if let Some(e) = input.selected {
        scene.selection = selection_band(input, &answer, &projection, e, plot);
    }
    if input.show_labels {
        labels::place(input, &rows, &answer.names, metrics, &mut scene);
    }
    if input.show_links {
        links::links(input, &projection, answers, metrics, &mut scene);
    }
    if input.show_overview {
        scene.overview = Some(overview::overview(input, axis, view, overview_rect((w, h))));
    }
    scene.names = std::mem::take(&mut answer.names);
    scene
}

/// A band over every day event `e` could be, across the plot: its days from the
/// document, or for data not in memory, from its row in the view's answer.
fn selection_band(
    input: &SceneInput<'_>,
    answer: &crate::timeline::seam::ViewAnswer,
    p: &Projection<'_>,
    e: EventIdx,
    plot: Rect,
) -> Option<Rect> {
    let (start, end) = match input.doc.dataset.events.get(e as usize) {
        Some(event) => (
            event.date.earliest(),
            event.end.unwrap_or(event.date).latest(),
        ),
        None => answer
            .lanes
            .iter()
            .flat_map(|l| l.exact_rows.iter().chain(&l.uncertain_rows).flatten())
            .find(|r| r.event == e)
            .map(|r| (r.start, r.end))?,
    };
    let a = p.x(f64::from(start));
    let b = p.x(f64::from(end) + 1.0).max(a + 2.0);
    let band = Rect::new(a, plot.min.y, b, plot.max.y).intersect(&plot.expand(2.0));
    (band.width() > 0.0).then_some(band)
}
