//! A picture of the timeline for publishing: the dataset's title and a one-line credit
//! of its sources above, the timeline scene, and a legend below. Laid out as plain data
//! ([`Picture`]) that the SVG writer draws; `claimline render` and *Export…* in the app
//! both make one.

use crate::english::plural;
use crate::model::{EventIdx, EventKind, RelationKind, Status};
use crate::timeline::geom::Rect;
use crate::timeline::look::Palette;
use crate::timeline::metrics::TextMetrics;
use crate::timeline::scene::{self, Scene, SceneInput};
use crate::timeline::{Derived, Document, TimeScale, View};

/// Size of the title.
pub const TITLE_SIZE: f32 = 16.0;
/// Size of the credit line and the legend.
pub const NOTE_SIZE: f32 = 10.5;
/// Space around the header and the legend.
const MARGIN: f32 = 10.0;
/// Space between the timeline and the map beside it.
const MAP_GAP: f32 = 4.0;
/// Height of one legend line.
const LEGEND_LINE: f32 = 18.0;

/// What to draw.
pub struct PictureInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its filtered view.
    pub derived: &'a Derived,
    /// Linear or compressed time.
    pub scale: TimeScale,
    /// The window on the axis.
    pub view: View,
    /// The whole picture's size, in points.
    pub size: (f32, f32),
    /// The timeline's own height, when the picture is to grow around it (an export of
    /// the window's timeline, as on screen); `None` fits the timeline into `size`.
    pub timeline_height: Option<f32>,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// Draw relation links.
    pub show_links: bool,
    /// Dark theme.
    pub dark: bool,
    /// Where the lanes come from when the events are not in `doc` (a table asked
    /// through the query engine); `None` asks `doc` and `derived`.
    pub answers: Option<&'a dyn crate::timeline::seam::ViewAnswers>,
    /// A map of the events in the timeline's days: beside the timeline, or alone.
    pub map: Option<MapAsk<'a>>,
}

/// The width of a picture whose timeline is `timeline` wide with a map `map` wide
/// beside it (the width of a map [`MapFrom::Shown`]).
pub fn width_beside(timeline: f32, map: f32) -> f32 {
    timeline + MAP_GAP + map + MARGIN
}

/// A picture's map: what it is drawn from, and whether the timeline is left out.
#[derive(Clone, Copy)]
pub struct MapAsk<'a> {
    /// Where its places come from.
    pub from: MapFrom<'a>,
    /// The map alone, without the timeline.
    pub alone: bool,
    /// Street tiles beneath it, when the user has some.
    pub tiles: Option<&'a crate::map::tiles::StreetTiles>,
}

/// Where a picture's map gets its view and its places.
#[derive(Clone, Copy)]
pub enum MapFrom<'a> {
    /// Asked of the data (the same the timeline is drawn from) and framed on its events:
    /// `claimline render`.
    Data(&'a dyn crate::timeline::seam::TimelineData),
    /// As the window shows it: the map's view, width and last answer, not asked again
    /// (a table behind an engine would be asked on the window's thread otherwise).
    Shown {
        /// Where the map looks.
        view: crate::map::MapView,
        /// Its width beside the timeline (a map asked of data takes two fifths of the
        /// picture).
        width: f32,
        /// The question the answer is for.
        query: &'a crate::timeline::seam::PlacesQuery,
        /// The places and cells it answered.
        answer: &'a crate::timeline::seam::PlacesAnswer,
    },
}

/// A legend's sample (drawn by [`crate::timeline::paint::glyph`]).
pub use crate::timeline::paint::Glyph;

/// One legend entry: its glyph in `glyph`, its words in `text`.
#[derive(Clone, Debug)]
pub struct LegendItem {
    /// What it shows.
    pub glyph: Glyph,
    /// Where the glyph goes.
    pub glyph_rect: Rect,
    /// Its words.
    pub text: String,
    /// Where they go.
    pub text_rect: Rect,
}

/// The laid-out picture.
#[derive(Clone, Debug)]
pub struct Picture {
    /// Width and height.
    pub size: (f32, f32),
    /// The theme's colours.
    pub palette: Palette,
    /// The dataset's title and where it goes.
    pub title: (String, Rect),
    /// The credit line ("Sources: …") and where it goes.
    pub credit: (String, Rect),
    /// Where the timeline's top-left corner is.
    pub timeline_at: (f32, f32),
    /// The timeline.
    pub scene: Scene,
    /// Whether the timeline is drawn (not when the map is alone).
    pub shows_timeline: bool,
    /// The map, in the picture's points.
    pub map: Option<crate::map::MapScene>,
    /// Why the map could not be drawn (the data did not answer).
    pub map_failure: Option<String>,
    /// The legend.
    pub legend: Vec<LegendItem>,
}

/// Lays out a picture.
pub fn compose(input: &PictureInput<'_>, metrics: &dyn TextMetrics) -> Picture {
    let (w, h) = input.size;
    let ds = &input.doc.dataset;
    let title_h = metrics.line_height(TITLE_SIZE);
    let note_h = metrics.line_height(NOTE_SIZE);
    let room = w - 2.0 * MARGIN;
    let title = fit(ds.str(ds.title), TITLE_SIZE, room, metrics);
    let title_rect = Rect::new(
        MARGIN,
        MARGIN,
        MARGIN + width(&title, TITLE_SIZE, metrics),
        MARGIN + title_h,
    );
    let credit = fit(
        &credit_line(input.doc, room, metrics),
        NOTE_SIZE,
        room,
        metrics,
    );
    let credit_top = title_rect.max.y + 2.0;
    let credit_rect = Rect::new(
        MARGIN,
        credit_top,
        MARGIN + width(&credit, NOTE_SIZE, metrics),
        credit_top + note_h,
    );
    let header = credit_rect.max.y + MARGIN;
    let legend = legend(input, w, metrics);
    let legend_lines = legend
        .iter()
        .map(|i| i.text_rect.max.y)
        .fold(0.0_f32, f32::max);
    let legend_h = legend_lines + MARGIN;
    let timeline_h = input
        .timeline_height
        .unwrap_or((h - header - legend_h).max(120.0));
    let (timeline_w, map_rect) = match input.map {
        None => (w, None),
        Some(MapAsk { alone: true, .. }) => (
            w,
            Some(Rect::new(MARGIN, header, w - MARGIN, header + timeline_h)),
        ),
        Some(MapAsk {
            alone: false, from, ..
        }) => {
            let timeline_w = match from {
                MapFrom::Shown { width, .. } => (w - width - MAP_GAP - MARGIN).max(w * 0.3).round(),
                MapFrom::Data(_) => (w * 0.6).round(),
            };
            (
                timeline_w,
                Some(Rect::new(
                    timeline_w + MAP_GAP,
                    header,
                    w - MARGIN,
                    header + timeline_h,
                )),
            )
        }
    };
    let shows_timeline = !input.map.is_some_and(|m| m.alone);
    let map_scene = |rect, view, query: &_, answer: &_| {
        crate::map::scene::build(&crate::map::MapInput {
            rect,
            view,
            answer,
            query,
            selected: input.selected,
            place_filter: input.derived.filter.place,
            drawing: None,
            detail: crate::map::scene::DETAIL,
            tiles: input.map.and_then(|m| m.tiles),
        })
    };
    let (map, map_failure) = match (input.map.map(|m| m.from), map_rect) {
        (Some(MapFrom::Data(data)), Some(rect)) => {
            let days = crate::map::frame::days_of(
                input.view.day_range(&input.derived.axis(input.scale).axis),
            );
            match crate::map::frame::framed(data, days, rect, &Default::default()) {
                Ok((view, query, answer)) => (Some(map_scene(rect, view, &query, &answer)), None),
                Err(e) => (None, Some(e.to_string())),
            }
        }
        (
            Some(MapFrom::Shown {
                view,
                query,
                answer,
                ..
            }),
            Some(rect),
        ) => (Some(map_scene(rect, view, query, answer)), None),
        _ => (None, None),
    };
    let scene = if shows_timeline {
        timeline_scene(input, (timeline_w, timeline_h), metrics)
    } else {
        Scene::default()
    };
    let legend_top = header + timeline_h + 4.0;
    let legend = legend
        .into_iter()
        .map(|mut item| {
            item.glyph_rect = shift(item.glyph_rect, legend_top);
            item.text_rect = shift(item.text_rect, legend_top);
            item
        })
        .collect();
    Picture {
        size: (w, h.max(header + timeline_h + legend_h)),
        palette: Palette::of(input.dark),
        title: (title, title_rect),
        credit: (credit, credit_rect),
        timeline_at: (0.0, header),
        scene,
        shows_timeline,
        map,
        map_failure,
        legend,
    }
}

/// The timeline's scene in a picture, `size` points.
fn timeline_scene(input: &PictureInput<'_>, size: (f32, f32), metrics: &dyn TextMetrics) -> Scene {
    scene::build(
        &SceneInput {
            doc: input.doc,
            derived: input.derived,
            scale: input.scale,
            view: input.view,
            size,
            scroll: 0.0,
            selected: input.selected,
            show_links: input.show_links,
            show_labels: true,
            show_overview: true,
            answers: input.answers,
        },
        metrics,
    )
}

fn shift(r: Rect, dy: f32) -> Rect {
    Rect::new(r.min.x, r.min.y + dy, r.max.x, r.max.y + dy)
}

fn width(text: &str, size: f32, metrics: &dyn TextMetrics) -> f32 {
    metrics.measure(text, size).width()
}

/// `text` cut with "…" to fit `room` at `size`.
fn fit(text: &str, size: f32, room: f32, metrics: &dyn TextMetrics) -> String {
    let measured = metrics.measure(text, size);
    if measured.width() <= room {
        return text.to_owned();
    }
    let ellipsis = width("…", size, metrics);
    let cut = text
        .char_indices()
        .map(|(b, _)| b)
        .take_while(|&b| measured.width_to(b) + ellipsis <= room)
        .last()
        .unwrap_or(0);
    format!("{}…", text[..cut].trim_end())
}

/// "Sources: TASS; Los Angeles Times (Associated Press); … · made with Claimline": the
/// outlets in the order the dataset lists its sources, as many as fit.
fn credit_line(doc: &Document, room: f32, metrics: &dyn TextMetrics) -> String {
    let ds = &doc.dataset;
    let mut outlets: Vec<&str> = Vec::new();
    for s in &ds.sources {
        let name = ds.str(s.outlet);
        if !outlets.contains(&name) {
            outlets.push(name);
        }
    }
    let tail = " · Claimline";
    if outlets.is_empty() {
        return format!("No sources{tail}");
    }
    let mut shown = outlets.len();
    loop {
        let more = outlets.len() - shown;
        let rest = if more > 0 {
            format!(" and {} more", plural(more, "outlet"))
        } else {
            String::new()
        };
        let line = format!("Sources: {}{rest}{tail}", outlets[..shown].join("; "));
        if shown <= 1 || width(&line, NOTE_SIZE, metrics) <= room {
            return line;
        }
        shown -= 1;
    }
}

/// The legend's entries, wrapped into lines across `w` (positions from the legend's top).
fn legend(input: &PictureInput<'_>, w: f32, metrics: &dyn TextMetrics) -> Vec<LegendItem> {
    let mut entries: Vec<(Glyph, String)> = EventKind::ALL
        .into_iter()
        .filter(|k| input.doc.kind_counts[k.index()] > 0)
        .map(|k| (Glyph::Kind(k), k.label().to_owned()))
        .collect();
    entries.extend(Status::ALL.map(|s| (Glyph::Status(s), s.label().to_owned())));
    let map_alone = input.map.is_some_and(|m| m.alone);
    if !map_alone {
        entries.push((Glyph::Bar, "Month, year or window".to_owned()));
    }
    let has_links = !map_alone
        && match input.answers {
            Some(answers) => answers.has_links(),
            None => !input.doc.dataset.relations.is_empty(),
        };
    if input.show_links && has_links {
        entries.extend(RelationKind::ALL.map(|k| (Glyph::Link(k), k.label().to_owned())));
    }
    let glyph_w = |g: Glyph| match g {
        Glyph::Kind(_) | Glyph::Status(_) => 12.0,
        Glyph::Bar | Glyph::Link(_) => 22.0,
    };
    let (mut x, mut y) = (MARGIN, 0.0);
    let line_h = metrics.line_height(NOTE_SIZE);
    let mut out = Vec::new();
    for (glyph, text) in entries {
        let tw = width(&text, NOTE_SIZE, metrics);
        let gw = glyph_w(glyph);
        let item_w = gw + 4.0 + tw + 14.0;
        if x + item_w > w - MARGIN && x > MARGIN {
            x = MARGIN;
            y += LEGEND_LINE;
        }
        let mid = y + LEGEND_LINE / 2.0;
        out.push(LegendItem {
            glyph,
            glyph_rect: Rect::new(x, mid - 6.0, x + gw, mid + 6.0),
            text_rect: Rect::new(
                x + gw + 4.0,
                mid - line_h / 2.0,
                x + gw + 4.0 + tw,
                mid + line_h / 2.0,
            ),
            text,
        });
        x += item_w;
    }
    out
}
