//! Asking the data for a map: the question a view asks ([`query_for`]), and a first
//! view that frames every event at a place ([`framed`]) — what a picture, a published
//! page and the window's first map show.

use super::scene::MAX_POINTS;
use super::view::MapView;
use crate::model::coordinates::from_web_mercator;
use crate::model::{Area, Coordinates};
use crate::timeline::geom::Rect;
use crate::timeline::seam::grid::aligned;
use crate::timeline::seam::{Cancel, DataError, PlacesAnswer, PlacesQuery, TimelineData};

/// The days a timeline's window covers, as whole days both included: what the map
/// shows of the timeline.
#[allow(clippy::cast_possible_truncation, reason = "days of the calendar")]
pub fn days_of(window: (f64, f64)) -> (i32, i32) {
    let from = window
        .0
        .floor()
        .clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
    let to = (window.1.ceil() - 1.0).clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
    (from, to.max(from))
}

/// The whole world, both poles and the antimeridian included.
pub fn world() -> Area {
    Area::spanning(
        Coordinates::clamped(-90.0, -180.0),
        Coordinates::clamped(90.0, 180.0),
    )
}

/// What the map in `rect` looking through `view` asks of the days `days`: the cells
/// on screen, whole (a cell at the edge counts all its events, and keeps its count as
/// the map pans; at the world's edges the cells reach the poles and the antimeridian).
pub fn query_for(view: &MapView, rect: Rect, days: (i32, i32)) -> PlacesQuery {
    let cell = view.cell();
    PlacesQuery {
        days,
        area: aligned(view.area(rect), cell),
        cell,
        max_points: MAX_POINTS,
    }
}

/// A view of `rect` that frames the events at places in `days` (the world when none
/// has a place), with its question and answer.
pub fn framed(
    data: &dyn TimelineData,
    days: (i32, i32),
    rect: Rect,
    cancel: &Cancel,
) -> Result<(MapView, PlacesQuery, PlacesAnswer), DataError> {
    let size = (rect.width(), rect.height());
    let first = whole_world(days);
    let whole = data.places(&first, cancel)?;
    let view = fit(&whole, first.cell, size);
    let query = query_for(&view, rect, days);
    let answer = data.places(&query, cancel)?;
    Ok((view, query, answer))
}

/// The question of the whole world's events in `days`, in cells fine enough to frame
/// them ([`fit`]).
pub fn whole_world(days: (i32, i32)) -> PlacesQuery {
    PlacesQuery {
        days,
        area: world(),
        cell: 1.0 / 512.0,
        max_points: MAX_POINTS,
    }
}

/// The view of `size` that frames the events of `answer` (to a question whose cells
/// are `cell` wide): each event when there are few; else the cells that hold all but
/// the farthest [`OUTLYING`] of them (a table of a war with a few events a continent
/// away is framed on the war, not on the continent).
pub fn fit(answer: &PlacesAnswer, cell: f64, size: (f32, f32)) -> MapView {
    if let Some(points) = &answer.points
        && points.len() < FIT_EACH
    {
        return MapView::fit(points.iter().map(|p| p.at), size);
    }
    let total: u64 = answer.cells.iter().map(|c| u64::from(c.1)).sum();
    let mut by_count: Vec<&((i32, i32), u32)> = answer.cells.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a share of a count"
    )]
    let keep = ((total as f64) * (1.0 - OUTLYING)).ceil() as u64;
    let mut kept = 0u64;
    let core = by_count.into_iter().take_while(|c| {
        let more = kept < keep;
        kept += u64::from(c.1);
        more
    });
    let corners: Vec<Coordinates> = core
        .flat_map(|&((cx, cy), _)| {
            [(cx, cy), (cx + 1, cy + 1)].map(|(x, y)| {
                let (lat, lon) = from_web_mercator(f64::from(x) * cell, f64::from(y) * cell);
                Coordinates::clamped(lat, lon)
            })
        })
        .collect();
    MapView::fit(corners, size)
}

/// Below this many events a map is framed on each of them.
const FIT_EACH: usize = 50;

/// The share of events, farthest from the rest, a first view may leave out.
const OUTLYING: f64 = 0.02;
