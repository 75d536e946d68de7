//! Everything the map shows, laid out as plain data in points, as `timeline::scene` is
//! for the timeline: the basemap's lines in view, the events one by one at their places
//! (events at one place set around it, so each can be seen and picked) or, when there
//! are too many, the density grid's cells with their counts; the place filter's box and
//! a box being drawn; the caption and the credit. Built by [`build`], painted by
//! [`super::paint`] on any canvas.

use super::basemap::{ATTRIBUTION, basemap};
use super::tiles::{PlacedTile, StreetTiles};
use super::view::MapView;
use crate::english;
use crate::model::{Area, EventIdx, EventKind, Status};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::seam::{PlacesAnswer, PlacesQuery};

/// A marker's radius on the map, in points.
pub const MARK_RADIUS: f32 = 6.0;

/// Most events set around one place; more there are counted ("+12").
pub const RING: usize = 6;

/// Most events the map draws one by one ([`PlacesQuery::max_points`]).
pub const MAX_POINTS: usize = 2_000;

/// What the map is drawn from.
#[derive(Clone, Copy, Debug)]
pub struct MapInput<'a> {
    /// Where the map is, in the scene's points.
    pub rect: Rect,
    /// Where it looks.
    pub view: MapView,
    /// What the data answered (maybe for an earlier view: its cells are placed by
    /// `query.cell`, its points by their places).
    pub answer: &'a PlacesAnswer,
    /// The question it answered.
    pub query: &'a PlacesQuery,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// The place filter's box.
    pub place_filter: Option<Area>,
    /// A box being drawn, corner to corner, in the scene's points.
    pub drawing: Option<(Point, Point)>,
    /// The basemap's detail: a point of a coast or border closer than this many
    /// points to the last one kept is left out ([`DETAIL`] on screen; more for a page,
    /// which carries every point it draws).
    pub detail: f32,
    /// Street tiles to draw beneath the basemap's lines, when the user has some.
    pub tiles: Option<&'a StreetTiles>,
}

/// The basemap's detail on screen and in pictures ([`MapInput::detail`]).
pub const DETAIL: f32 = 1.0;

/// An event on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapMark {
    /// The event.
    pub event: EventIdx,
    /// Its id.
    pub id: String,
    /// Its place.
    pub at: crate::model::Coordinates,
    /// Where its marker is drawn.
    pub centre: Point,
    /// Its place, when the marker is set beside it (others share the place).
    pub anchor: Option<Point>,
    /// Its kind.
    pub kind: EventKind,
    /// Its status.
    pub status: Status,
    /// Selected.
    pub selected: bool,
    /// Its title (hovering names it).
    pub title: String,
}

/// A cell of the density grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapCell {
    /// Where it is drawn.
    pub rect: Rect,
    /// Events in it.
    pub count: u32,
    /// 0–1: how full, against the fullest cell in view (on a log scale).
    pub level: f32,
}

/// A box on the map: the place filter's or one being drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapBox {
    /// Where.
    pub rect: Rect,
    /// Being drawn (else the filter in force).
    pub drawing: bool,
}

/// The map, laid out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapScene {
    /// Where the map is.
    pub rect: Rect,
    /// Street tiles in view, coarser levels first.
    pub tiles: Vec<PlacedTile>,
    /// Basemap lines in view: (a border, else a coast; its points).
    pub lines: Vec<(bool, Vec<Point>)>,
    /// The density grid, when events are not drawn one by one.
    pub cells: Vec<MapCell>,
    /// Events one by one, in time order; the selected one is drawn last.
    pub marks: Vec<MapMark>,
    /// Places with more events than fit around them: the place, and how many more
    /// (zooming in sets them apart).
    pub more: Vec<(Point, u32)>,
    /// Boxes.
    pub boxes: Vec<MapBox>,
    /// What the map shows, in words ("12 events at their places · 3 have no place").
    pub caption: String,
    /// The basemap's credit (and the street tiles', when drawn).
    pub credit: String,
}

impl MapScene {
    /// The event whose marker is under `p`, the nearest if several.
    pub fn hit(&self, p: Point) -> Option<EventIdx> {
        self.marks
            .iter()
            .map(|m| (m.centre.distance(p), m.event))
            .filter(|(d, _)| *d <= MARK_RADIUS + 3.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }

    /// The cell under `p`, if the grid is shown.
    pub fn cell_at(&self, p: Point) -> Option<&MapCell> {
        self.cells.iter().find(|c| c.rect.contains(p))
    }
}

/// Lays the map out.
pub fn build(input: &MapInput<'_>) -> MapScene {
    let rect = input.rect;
    let view = input.view;
    let mut scene = MapScene {
        rect,
        lines: basemap_lines(rect, &view, input.detail),
        credit: ATTRIBUTION.to_owned(),
        ..MapScene::default()
    };
    let mut tiles_note = None;
    if let Some(tiles) = input.tiles {
        let in_view = tiles.in_view(&view, rect);
        scene.tiles = in_view.placed;
        tiles_note = in_view.note;
        scene.credit = format!("{} · {ATTRIBUTION}", tiles.credit());
    }
    let answer = input.answer;
    match &answer.points {
        Some(points) => {
            // Events at one place (to a point on screen) are set on a ring around it,
            // up to [`RING`]; the rest are counted beside the place.
            let mut at_place: std::collections::HashMap<(i32, i32), usize> =
                std::collections::HashMap::new();
            let mut more: std::collections::BTreeMap<(i32, i32), (Point, u32)> =
                std::collections::BTreeMap::new();
            for p in points {
                let place = view.place(rect, p.at);
                #[allow(clippy::cast_possible_truncation, reason = "screen points")]
                let key = (place.x.round() as i32, place.y.round() as i32);
                let n = at_place.entry(key).or_insert(0);
                let k = *n;
                *n += 1;
                let (centre, anchor) = match k {
                    0 => (place, None),
                    k if k <= RING => {
                        #[allow(clippy::cast_precision_loss, reason = "a few events")]
                        let angle = (k - 1) as f32 * std::f32::consts::TAU / RING as f32
                            - std::f32::consts::FRAC_PI_2;
                        let r = MARK_RADIUS * 2.6;
                        (
                            Point::new(place.x + r * angle.cos(), place.y + r * angle.sin()),
                            Some(place),
                        )
                    }
                    _ => {
                        more.entry(key).or_insert((place, 0)).1 += 1;
                        continue;
                    }
                };
                scene.marks.push(MapMark {
                    event: p.event,
                    id: p.id.clone(),
                    at: p.at,
                    centre,
                    anchor,
                    kind: p.kind,
                    status: p.status,
                    selected: input.selected == Some(p.event),
                    title: p.title.clone(),
                });
            }
            scene.more = more.into_values().collect();
        }
        None => scene.cells = cells(input),
    }
    for (area, drawing) in input
        .place_filter
        .map(|a| {
            (
                view.place(rect, a.south_west()),
                view.place(rect, a.north_east()),
                false,
            )
        })
        .into_iter()
        .chain(input.drawing.map(|(a, b)| (a, b, true)))
        .map(|(a, b, drawing)| {
            (
                Rect::new(a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y)),
                drawing,
            )
        })
    {
        scene.boxes.push(MapBox {
            rect: area,
            drawing,
        });
    }
    scene.caption = caption(answer);
    if let Some(note) = tiles_note {
        scene.caption = format!("{} · {note}", scene.caption);
    }
    scene
}

/// The map's caption: how many events are shown and how, and how many have no place.
pub fn caption(answer: &PlacesAnswer) -> String {
    let shown = if answer.in_area == 0 {
        "No events at places in view".to_owned()
    } else if answer.points.is_some() {
        if answer.in_area == 1 {
            "1 event at its place".to_owned()
        } else {
            format!("{} events at their places", english::number(answer.in_area))
        }
    } else {
        format!(
            "{} in cells: zoom in to see each",
            english::plural(answer.in_area, "event")
        )
    };
    if answer.without_place == 0 {
        shown
    } else {
        format!(
            "{shown} · {} no place",
            if answer.without_place == 1 {
                "1 event has".to_owned()
            } else {
                format!("{} events have", english::number(answer.without_place))
            }
        )
    }
}

/// The density grid's cells in view, coloured on a log scale against the fullest.
fn cells(input: &MapInput<'_>) -> Vec<MapCell> {
    let answer = input.answer;
    let most = answer.cells.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let log_most = f64::from(most).ln_1p();
    let cell = input.query.cell;
    answer
        .cells
        .iter()
        .map(|&((cx, cy), count)| {
            let (x0, y0) = (f64::from(cx) * cell, f64::from(cy) * cell);
            let a = input.view.to_screen(input.rect, x0, y0);
            let b = input.view.to_screen(input.rect, x0 + cell, y0 + cell);
            #[allow(clippy::cast_possible_truncation, reason = "0-1")]
            let level = (f64::from(count).ln_1p() / log_most) as f32;
            MapCell {
                rect: Rect::new(a.x, a.y, b.x, b.y),
                count,
                level,
            }
        })
        .filter(|c| c.rect.overlaps(&input.rect))
        .collect()
}

/// The basemap's lines that cross the view, their points closer than half a point to
/// the last kept one left out.
fn basemap_lines(rect: Rect, view: &MapView, detail: f32) -> Vec<(bool, Vec<Point>)> {
    let Ok(map) = basemap() else {
        return Vec::new();
    };
    let (x0, y0) = view.from_screen(rect, rect.min);
    let (x1, y1) = view.from_screen(rect, rect.max);
    let mut lines = Vec::new();
    for line in &map.lines {
        let [bx0, by0, bx1, by1] = line.bounds.map(f64::from);
        if bx1 < x0 || bx0 > x1 || by1 < y0 || by0 > y1 {
            continue;
        }
        let screen: Vec<Point> = line
            .points
            .iter()
            .map(|&(x, y)| view.to_screen(rect, f64::from(x), f64::from(y)))
            .collect();
        let near = rect.expand(4.0);
        let inside: Vec<bool> = screen.iter().map(|p| near.contains(*p)).collect();
        let mut points: Vec<Point> = Vec::new();
        for (i, &p) in screen.iter().enumerate() {
            // A point is kept when it, or a neighbour, is near the view: the segments
            // that cross it stay whole, the rest of the world is left out.
            let keep = inside[i]
                || (i > 0 && inside[i - 1])
                || inside.get(i + 1).copied().unwrap_or(false);
            if !keep {
                if points.len() >= 2 {
                    lines.push((line.border, std::mem::take(&mut points)));
                }
                points.clear();
                continue;
            }
            let last = i + 1 == screen.len();
            if points
                .last()
                .is_none_or(|q: &Point| q.distance(p) >= detail || last)
            {
                points.push(p);
            }
        }
        if points.len() >= 2 {
            lines.push((line.border, points));
        }
    }
    // A line smaller than its detail (an islet) is left out.
    lines.retain(|(_, points)| {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in points {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        (x1 - x0).max(y1 - y0) >= detail * 1.5
    });
    lines
}
