//! The world under the map: coastlines and country borders from Natural Earth's 1:50m
//! countries (public domain), as the npm package `world-atlas` 2.0.2 packs them in
//! TopoJSON (`assets/natural-earth/`, with its provenance), embedded in the binary and
//! decoded once. An arc two countries share is a border; an arc of one country only is
//! coast. Points are kept in Web Mercator units ([`crate::model::coordinates::web_mercator`]),
//! each line with its bounds, so a view draws only the lines it shows.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::coordinates::web_mercator;

/// The TopoJSON file, as published.
const COUNTRIES_50M: &str = include_str!("../../assets/natural-earth/countries-50m.json");

/// What the map credits for its basemap (Natural Earth asks for these words).
pub const ATTRIBUTION: &str = "Made with Natural Earth";

/// One line of the basemap.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseLine {
    /// A border between two countries (else a coast).
    pub border: bool,
    /// Its points in Web Mercator units.
    pub points: Vec<(f32, f32)>,
    /// Its bounds: least x, least y, greatest x, greatest y.
    pub bounds: [f32; 4],
}

/// The basemap's lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    /// Coasts and borders.
    pub lines: Vec<BaseLine>,
}

/// Why the embedded basemap could not be read (a build with a damaged asset).
#[derive(Debug, thiserror::Error)]
#[error("the embedded Natural Earth basemap could not be read: {0}")]
pub struct BasemapError(String);

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<[i64; 2]>>,
    transform: Transform,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(default)]
    arcs: serde_json::Value,
}

/// The basemap, decoded on first use (an empty one, and the reason, if the embedded
/// file could not be read: the map then shows events on a blank ground).
pub fn basemap() -> &'static Result<Basemap, BasemapError> {
    static BASEMAP: OnceLock<Result<Basemap, BasemapError>> = OnceLock::new();
    BASEMAP.get_or_init(|| decode(COUNTRIES_50M))
}

/// Decodes a TopoJSON topology with a `countries` collection.
pub fn decode(json: &str) -> Result<Basemap, BasemapError> {
    let topology: Topology = serde_json::from_str(json).map_err(|e| BasemapError(e.to_string()))?;
    let mut uses = vec![0u32; topology.arcs.len()];
    for g in &topology.objects.countries.geometries {
        count_arcs(&g.arcs, &mut uses);
    }
    let [sx, sy] = topology.transform.scale;
    let [tx, ty] = topology.transform.translate;
    let mut lines = Vec::new();
    for (arc, &used) in topology.arcs.iter().zip(&uses) {
        if used == 0 {
            continue;
        }
        let (mut x, mut y) = (0i64, 0i64);
        let mut piece: Vec<(f64, f64)> = Vec::new();
        let mut pieces = Vec::new();
        for &[dx, dy] in arc {
            x += dx;
            y += dy;
            #[allow(
                clippy::cast_precision_loss,
                reason = "quantized to at most 10^5 steps"
            )]
            let (lon, lat) = (x as f64 * sx + tx, y as f64 * sy + ty);
            // A polygon cut at the antimeridian or closed along the south pole has edges
            // there that are neither coast nor border: the line is broken at them.
            if let Some(&(plon, plat)) = piece.last()
                && is_seam((plon, plat), (lon, lat))
            {
                pieces.push(std::mem::take(&mut piece));
            }
            piece.push((lon, lat));
        }
        pieces.push(piece);
        for piece in pieces.into_iter().filter(|p| p.len() >= 2) {
            lines.push(line(&piece, used >= 2));
        }
    }
    Ok(Basemap { lines })
}

/// Whether the edge from `a` to `b` runs along the antimeridian or the south pole, or
/// crosses the antimeridian (from one side of the map to the other).
fn is_seam(a: (f64, f64), b: (f64, f64)) -> bool {
    let on_antimeridian = |p: (f64, f64)| p.0.abs() > 179.99;
    (on_antimeridian(a) && on_antimeridian(b))
        || (a.1 < -89.9 && b.1 < -89.9)
        || (a.0 - b.0).abs() > 180.0
}

#[allow(
    clippy::cast_possible_truncation,
    reason = "Web Mercator units fit f32 well"
)]
fn line(degrees: &[(f64, f64)], border: bool) -> BaseLine {
    let points: Vec<(f32, f32)> = degrees
        .iter()
        .map(|&(lon, lat)| {
            let (x, y) = web_mercator(lat, lon);
            (x as f32, y as f32)
        })
        .collect();
    let mut bounds = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for &(x, y) in &points {
        bounds = [
            bounds[0].min(x),
            bounds[1].min(y),
            bounds[2].max(x),
            bounds[3].max(y),
        ];
    }
    BaseLine {
        border,
        points,
        bounds,
    }
}

/// Counts each arc's uses in a geometry's nested lists of arc numbers (`~i` is arc `i`
/// reversed).
fn count_arcs(v: &serde_json::Value, uses: &mut [u32]) {
    match v {
        serde_json::Value::Array(items) => {
            for item in items {
                count_arcs(item, uses);
            }
        }
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let i = if i < 0 { !i } else { i };
                if let Some(u) = usize::try_from(i).ok().and_then(|i| uses.get_mut(i)) {
                    *u += 1;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_world_has_coasts_and_borders() {
        let Ok(map) = basemap() else {
            panic!("the embedded basemap does not decode");
        };
        let coasts = map.lines.iter().filter(|l| !l.border).count();
        let borders = map.lines.iter().filter(|l| l.border).count();
        assert!(
            coasts > 500 && borders > 300,
            "{coasts} coasts, {borders} borders"
        );
        // Every point is on the Web Mercator square.
        for l in &map.lines {
            assert!(
                l.bounds[0] >= 0.0
                    && l.bounds[2] <= 1.0
                    && l.bounds[1] >= 0.0
                    && l.bounds[3] <= 1.0
            );
        }
        // No line runs along the antimeridian.
        assert!(
            !map.lines.iter().any(|l| l
                .points
                .windows(2)
                .any(|w| { w[0].0 == w[1].0 && (w[0].0 < 1e-5 || w[0].0 > 1.0 - 1e-5) })),
            "a line runs along the antimeridian"
        );
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        assert!(decode("{\"type\": \"Topology\"").is_err());
        assert!(decode("{}").is_err());
    }
}
