//! The Web Mercator grid the map counts events in: the cells an area touches
//! ([`cell_span`]) and the area that covers exactly those cells ([`aligned`]), which is
//! what the map asks of its data — so a cell at the edge of the screen counts all its
//! events, not the part in view, and the same cell keeps its count as the map pans.
//!
//! An aligned area's edges are rounded inwards to the 10⁻⁷ degree a place is stored in,
//! so that a place is inside it exactly when its cell is one of the span's: counts kept
//! per cell (`engine::place_counts`) then answer it as the events do.

use super::cell_index;
use crate::model::Area;
use crate::model::coordinates::{from_web_mercator, web_mercator};

/// The cells of one size an area touches: first and last column (west to east) and row
/// (north to south); `None` where the span reaches the world's edge, which takes in the
/// places Web Mercator puts past it (nearer the poles than 85.05°, or at 180° E).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellSpan {
    /// The first column, or `None` from the world's west edge.
    pub west: Option<i32>,
    /// The last column, or `None` to the world's east edge.
    pub east: Option<i32>,
    /// The first row, or `None` from the world's north edge.
    pub north: Option<i32>,
    /// The last row, or `None` to the world's south edge.
    pub south: Option<i32>,
}

/// The cells `cell` wide (a power of two) that `area` touches.
pub fn cell_span(area: Area, cell: f64) -> CellSpan {
    let (sw, ne) = (area.south_west(), area.north_east());
    let (x0, y0) = web_mercator(ne.lat(), sw.lon());
    let (x1, y1) = web_mercator(sw.lat(), ne.lon());
    let (west, north) = cell_index(x0, y0, cell);
    let (east, south) = cell_index(x1, y1, cell);
    let last = cell_index(1.0, 1.0, cell).0 - 1;
    CellSpan {
        west: (west > 0).then_some(west),
        east: (east < last).then_some(east),
        north: (north > 0).then_some(north),
        south: (south < last).then_some(south),
    }
}

/// The area covering exactly the cells `cell` wide that `area` touches: a place is
/// inside it when, and only when, its cell is in [`cell_span`].
#[allow(
    clippy::cast_possible_truncation,
    reason = "degrees within ±180 in units of 10⁻⁷: within i32"
)]
pub fn aligned(area: Area, cell: f64) -> Area {
    let span = cell_span(area, cell);
    let units = |degrees: f64| degrees * 1e7;
    let lon_at = |column: i32| from_web_mercator(f64::from(column) * cell, 0.5).1;
    let lat_at = |row: i32| from_web_mercator(0.5, f64::from(row) * cell).0;
    // A cell holds its west and north edges, not its east and south ones.
    let west = span
        .west
        .map_or(-1_800_000_000, |c| units(lon_at(c)).ceil() as i32);
    let east = span
        .east
        .map_or(1_800_000_000, |c| units(lon_at(c + 1)).ceil() as i32 - 1);
    let north = span
        .north
        .map_or(900_000_000, |r| units(lat_at(r)).floor() as i32);
    let south = span
        .south
        .map_or(-900_000_000, |r| units(lat_at(r + 1)).floor() as i32 + 1);
    Area::from_e7(south, west, north, east)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Coordinates;
    use proptest::prelude::*;

    fn place(lat: f64, lon: f64) -> Coordinates {
        Coordinates::clamped(lat, lon)
    }

    /// Whether `c` is in the cell span of `area` for cells `cell` wide, as the engine's
    /// SQL over the place counts reads a span (`engine::queries::fine_cells`).
    fn in_span(area: Area, cell: f64, c: Coordinates) -> bool {
        let (x, y) = c.web_mercator();
        let (column, row) = cell_index(x, y, cell);
        let span = cell_span(area, cell);
        span.west.is_none_or(|w| column >= w)
            && span.east.is_none_or(|e| column <= e)
            && span.north.is_none_or(|n| row >= n)
            && span.south.is_none_or(|s| row <= s)
    }

    #[test]
    fn the_whole_world_is_its_own_span() {
        let world = Area::spanning(place(-90.0, -180.0), place(90.0, 180.0));
        for k in [0, 3, 10, 20] {
            let cell = (-f64::from(k)).exp2();
            let span = cell_span(world, cell);
            assert_eq!(
                span,
                CellSpan {
                    west: None,
                    east: None,
                    north: None,
                    south: None
                }
            );
            assert_eq!(aligned(world, cell), world);
        }
    }

    #[test]
    fn an_edge_on_a_cell_boundary_belongs_to_the_cell_east_of_it() {
        // 1/1024 of the world is 0.3515625° of longitude, exactly.
        let cell = 1.0 / 1024.0;
        let a = aligned(Area::spanning(place(10.0, 0.1), place(20.0, 0.2)), cell);
        assert_eq!(
            (a.south_west().lon(), a.north_east().lon()),
            (0.0, 0.351_562_4)
        );
        assert!(in_span(a, cell, place(15.0, 0.0)));
        assert!(!in_span(a, cell, place(15.0, 0.351_562_5)));
        assert!(a.contains(place(15.0, 0.0)) && !a.contains(place(15.0, 0.351_562_5)));
    }

    proptest! {
        /// A place is inside the aligned area exactly when its cell is in the span, and
        /// aligning twice changes nothing — for views anywhere, at any zoom.
        #[test]
        fn a_place_is_inside_the_aligned_area_exactly_when_its_cell_is_in_the_span(
            lat0 in -90.0..90.0f64, lon0 in -180.0..180.0f64,
            dlat in 0.0..60.0f64, dlon in 0.0..120.0f64,
            k in 2..24i32,
            places in prop::collection::vec((-90.0..90.0f64, -180.0..180.0f64), 50),
        ) {
            let cell = (-f64::from(k)).exp2();
            let area = Area::spanning(place(lat0, lon0), place(lat0 + dlat, lon0 + dlon));
            let a = aligned(area, cell);
            prop_assert_eq!(aligned(a, cell), a);
            prop_assert_eq!(cell_span(a, cell), cell_span(area, cell));
            prop_assert!(a.contains(area.south_west()) && a.contains(area.north_east()));
            // Places near the area's edges, and anywhere.
            let (sw, ne) = (a.south_west(), a.north_east());
            let near = [
                (sw.lat(), sw.lon()), (ne.lat(), ne.lon()),
                (sw.lat() - 1e-7, sw.lon() - 1e-7), (ne.lat() + 1e-7, ne.lon() + 1e-7),
            ];
            for (lat, lon) in places.into_iter().chain(near) {
                let c = place(lat, lon);
                prop_assert_eq!(a.contains(c), in_span(a, cell, c), "{:?} in {:?}", c, a);
            }
        }
    }
}
