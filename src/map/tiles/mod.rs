//! Street tiles under the map: a local PMTiles archive of raster tiles (satellite
//! imagery, a scanned or rendered street map) that the user has, drawn beneath the
//! coasts, borders and events where it has tiles. `pmtiles` reads the archive;
//! [`StreetTiles`] picks the tiles a view needs (the zoom level whose tiles are drawn
//! nearest their own size, within the archive's levels and bounds) and keeps the ones
//! read lately. Knows nothing of egui: each canvas draws a tile's picture
//! ([`crate::timeline::canvas::Picture`]) its own way.

pub mod directory;
pub mod pmtiles;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

pub use directory::TileKey;
pub use pmtiles::{PmTiles, TileFormat, TileImage, TilesError};

use super::view::MapView;
use crate::model::coordinates::web_mercator;
use crate::timeline::canvas::Picture;
use crate::timeline::geom::Rect;

/// Most tiles drawn in one view; a view that would need more (zoomed far out of an
/// archive's levels) draws none and says so.
pub const MOST_TILES: usize = 256;

/// Most tiles kept read (a raster tile is tens of kilobytes: a few megabytes kept).
const KEPT: usize = 256;

/// A tile placed on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedTile {
    /// Where it is drawn (maybe past the map's edge: the map clips).
    pub rect: Rect,
    /// Its picture.
    pub image: TileImage,
    /// A coarser tile already read that covers it, and the part of that tile's picture
    /// that does (from 0 to 1 across): what a window shows until this tile's picture is
    /// ready.
    pub stand_in: Option<(Picture, Rect)>,
}

/// Most levels up a stand-in is looked for.
const STAND_IN_LEVELS: u8 = 3;

/// What the tiles of one view came to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TilesInView {
    /// The tiles to draw, coarser levels first.
    pub placed: Vec<PlacedTile>,
    /// What a reader should know: too far out to draw them, none here, or a tile that
    /// could not be read.
    pub note: Option<String>,
}

/// A PMTiles archive and the tiles read from it lately.
#[derive(Debug)]
pub struct StreetTiles {
    archive: PmTiles,
    kept: Mutex<HashMap<TileKey, Option<TileImage>>>,
}

impl StreetTiles {
    /// Opens the archive at `path`.
    pub fn open(path: &Path) -> Result<Self, TilesError> {
        Ok(Self {
            archive: PmTiles::open(path)?,
            kept: Mutex::new(HashMap::new()),
        })
    }

    /// The archive.
    pub fn archive(&self) -> &PmTiles {
        &self.archive
    }

    /// The credit the map shows for them: the archive's attribution, else its name.
    pub fn credit(&self) -> String {
        match self.archive.attribution() {
            Some(a) => format!("Street tiles: {a}"),
            None => format!("Street tiles: {}", self.archive.name()),
        }
    }

    /// The tiles that cover `rect` in `view`.
    pub fn in_view(&self, view: &MapView, rect: Rect) -> TilesInView {
        let (keys, too_many) = cover(
            view,
            rect,
            self.archive.zooms(),
            self.archive.tile_pixels(),
            self.archive.bounds(),
        );
        let mut out = TilesInView::default();
        if too_many {
            out.note = Some("zoom in to see the street tiles".to_owned());
            return out;
        }
        let mut failed = None;
        for (key, at) in keys {
            match self.get(key) {
                Ok(Some(image)) => out.placed.push(PlacedTile {
                    rect: at,
                    image,
                    stand_in: self.stand_in(key),
                }),
                Ok(None) => {}
                Err(e) => failed = Some(e),
            }
        }
        if let Some(e) = failed {
            out.note = Some(format!("a street tile could not be read: {}", e.what));
        } else if out.placed.is_empty() {
            out.note = Some("no street tiles here".to_owned());
        }
        out
    }

    /// The nearest coarser tile already read that covers `key`, with the part of it that
    /// does; none read for it.
    fn stand_in(&self, key: TileKey) -> Option<(Picture, Rect)> {
        let kept = self.kept.lock().ok()?;
        (1..=STAND_IN_LEVELS.min(key.z)).find_map(|up| {
            let parent = TileKey {
                z: key.z - up,
                x: key.x >> up,
                y: key.y >> up,
            };
            let image = kept.get(&parent)?.as_ref()?;
            #[allow(clippy::cast_precision_loss, reason = "at most 8 tiles across")]
            let (part, dx, dy) = (
                1.0 / f32::from(1u8 << up),
                (key.x - (parent.x << up)) as f32,
                (key.y - (parent.y << up)) as f32,
            );
            Some((
                image.picture.clone(),
                Rect::new(dx * part, dy * part, (dx + 1.0) * part, (dy + 1.0) * part),
            ))
        })
    }

    /// Tile `key`, read once.
    fn get(&self, key: TileKey) -> Result<Option<TileImage>, TilesError> {
        if let Some(found) = self.kept.lock().ok().and_then(|k| k.get(&key).cloned()) {
            return Ok(found);
        }
        let tile = self.archive.tile(key)?;
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(key, tile.clone());
        }
        Ok(tile)
    }
}

/// The tiles covering `rect` in `view`: the level whose tiles are drawn nearest
/// `tile_pixels` points wide, kept within `zooms` (past the finest level its tiles are
/// drawn larger), the columns and rows in view and in `bounds` (west, south, east,
/// north), and where each is drawn. True when more than [`MOST_TILES`] would be needed.
pub fn cover(
    view: &MapView,
    rect: Rect,
    zooms: (u8, u8),
    tile_pixels: f64,
    bounds: [f64; 4],
) -> (Vec<(TileKey, Rect)>, bool) {
    let wanted = (view.scale / tile_pixels.max(1.0)).log2().round();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to the archive's levels, at most 30"
    )]
    let z = wanted.clamp(f64::from(zooms.0), f64::from(zooms.1)) as u8;
    let n = f64::from(1u32 << z);
    let (x0, y0) = view.from_screen(rect, rect.min);
    let (x1, y1) = view.from_screen(rect, rect.max);
    let (bw, bn) = web_mercator(bounds[3], bounds[0]);
    let (be, bs) = web_mercator(bounds[1], bounds[2]);
    let lo_x = x0.max(bw).max(0.0);
    let hi_x = x1.min(be).min(1.0);
    let lo_y = y0.max(bn).max(0.0);
    let hi_y = y1.min(bs).min(1.0);
    if lo_x >= hi_x || lo_y >= hi_y {
        return (Vec::new(), false);
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "within 0 and 2^z"
    )]
    let span = |lo: f64, hi: f64| {
        let first = (lo * n).floor().clamp(0.0, n - 1.0) as u32;
        let last = ((hi * n).ceil() - 1.0).clamp(0.0, n - 1.0) as u32;
        first..=last.max(first)
    };
    let (xs, ys) = (span(lo_x, hi_x), span(lo_y, hi_y));
    let count = (xs.end() - xs.start() + 1) as usize * (ys.end() - ys.start() + 1) as usize;
    if count > MOST_TILES {
        return (Vec::new(), true);
    }
    let mut out = Vec::with_capacity(count);
    for y in ys {
        for x in xs.clone() {
            let a = view.to_screen(rect, f64::from(x) / n, f64::from(y) / n);
            let b = view.to_screen(rect, f64::from(x + 1) / n, f64::from(y + 1) / n);
            out.push((TileKey { z, x, y }, Rect::new(a.x, a.y, b.x, b.y)));
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORLD: [f64; 4] = [-180.0, -85.0, 180.0, 85.0];

    #[test]
    fn a_view_is_covered_by_the_level_nearest_its_scale() {
        let rect = Rect::new(0.0, 0.0, 512.0, 512.0);
        // The whole world 512 points wide: level 1 of 256-pixel tiles, all four.
        let view = MapView {
            centre: (0.5, 0.5),
            scale: 512.0,
        };
        let (tiles, too_many) = cover(&view, rect, (0, 18), 256.0, WORLD);
        assert!(!too_many);
        assert_eq!(tiles.len(), 4);
        assert!(tiles.iter().all(|(k, _)| k.z == 1));
        let (k, r) = tiles[0];
        assert_eq!((k.x, k.y), (0, 0));
        assert!((r.width() - 256.0).abs() < 0.01, "drawn at its size: {r:?}");
        // The same view over an archive of levels 3 to 5: its coarsest level, 64 tiles.
        let (tiles, _) = cover(&view, rect, (3, 5), 256.0, WORLD);
        assert_eq!(tiles.len(), 64);
        // Over one of levels 0 to 0: the one tile, drawn larger than it is.
        let (tiles, _) = cover(&view, rect, (0, 0), 256.0, WORLD);
        assert_eq!(tiles.len(), 1);
        assert!((tiles[0].1.width() - 512.0).abs() < 0.01);
    }

    #[test]
    fn only_tiles_in_view_and_in_the_archive_s_bounds_are_asked_for() {
        let rect = Rect::new(0.0, 0.0, 800.0, 600.0);
        // A city's zoom over a small archive far away: nothing.
        let view = MapView {
            centre: web_mercator(48.85, 2.35),
            scale: 256.0 * f64::from(1u32 << 12),
        };
        let whitney = [-118.4, 36.5, -118.2, 36.7];
        let (tiles, too_many) = cover(&view, rect, (8, 15), 512.0, whitney);
        assert!(tiles.is_empty() && !too_many);
        // The world over that archive at its coarsest level: a tile or two, not the
        // level's 65,536.
        let world = MapView {
            centre: (0.5, 0.5),
            scale: 600.0,
        };
        let (tiles, too_many) = cover(&world, rect, (8, 15), 512.0, whitney);
        assert!(!too_many);
        assert!((1..=4).contains(&tiles.len()), "{tiles:?}");
        // The world over a world-wide archive of levels 8 to 15: too many to draw.
        let (tiles, too_many) = cover(&world, rect, (8, 15), 512.0, WORLD);
        assert!(tiles.is_empty() && too_many);
    }

    #[test]
    fn a_tile_not_yet_shown_has_the_coarser_tile_read_before_as_its_stand_in() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/tiles/stamen-toner-z0-3.pmtiles");
        let tiles = StreetTiles::open(&path).unwrap();
        let rect = Rect::new(0.0, 0.0, 1024.0, 1024.0);
        let at = |scale: f64| MapView {
            centre: (0.5, 0.5),
            scale,
        };
        // Level 2 first: nothing coarser was read.
        let level2 = tiles.in_view(&at(1024.0), rect);
        assert_eq!(level2.placed.len(), 16);
        assert!(level2.placed.iter().all(|t| t.image.key.z == 2));
        assert!(level2.placed.iter().all(|t| t.stand_in.is_none()));
        // Zoomed in to level 3: each tile stands in with its quarter of its level-2 tile.
        let level3 = tiles.in_view(&at(2048.0), rect);
        assert!(!level3.placed.is_empty());
        for t in &level3.placed {
            let key = t.image.key;
            let (picture, part) = t.stand_in.as_ref().expect("a stand-in");
            let name = format!("{}/2/{}/{}", path.display(), key.x / 2, key.y / 2);
            assert_eq!(picture.name, name);
            assert!((part.width() - 0.5).abs() < 1e-6 && (part.height() - 0.5).abs() < 1e-6);
            #[allow(clippy::cast_precision_loss)]
            let expected = ((key.x % 2) as f32 * 0.5, (key.y % 2) as f32 * 0.5);
            assert_eq!((part.min.x, part.min.y), expected, "{key:?}");
        }
    }
}
