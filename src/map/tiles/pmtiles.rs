//! Reading a PMTiles archive (version 3, <https://github.com/protomaps/PMTiles>): one
//! file of map tiles with a directory of where each tile is. The header (127 bytes) says
//! where the root directory, the metadata and the tiles are and how they are compressed;
//! a directory lists runs of tile ids (a Hilbert curve over each zoom level) and where
//! their bytes are, or points to a leaf directory. Only what drawing raster tiles needs
//! is read: directories and tiles on demand, the metadata's attribution once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::directory::{Entry, TileKey, find, parse_directory, tile_id};
use crate::timeline::canvas::Picture;

/// How a tile's picture is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// WebP.
    Webp,
}

impl TileFormat {
    /// The picture's media type ("image/png").
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }
}

/// A tile's picture, as stored (still encoded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileImage {
    /// Its place.
    pub key: TileKey,
    /// Its encoding.
    pub format: TileFormat,
    /// The picture, named by the archive's path and the tile's place
    /// ("/maps/city.pmtiles/12/2048/1361").
    pub picture: Picture,
}

/// Why an archive cannot be drawn from.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {what}")]
pub struct TilesError {
    /// The archive.
    pub path: PathBuf,
    /// What is wrong.
    pub what: String,
    /// How to fix it.
    pub help: &'static str,
}

/// What the header says.
#[derive(Clone, Copy, Debug)]
struct Header {
    root: (u64, u64),
    metadata: (u64, u64),
    leaves: u64,
    data: u64,
    internal_gzip: bool,
    tile_gzip: bool,
    format: TileFormat,
    min_zoom: u8,
    max_zoom: u8,
    /// West, south, east, north, in degrees.
    bounds: [f64; 4],
}

/// Leaf directories are never nested deeper than this (the format allows a few).
const MOST_DEPTH: usize = 4;

/// Most leaf directories kept read (a leaf of a planet-wide archive holds thousands of
/// entries of 24 bytes: tens of megabytes kept at most).
const MOST_LEAVES_KEPT: usize = 256;

/// No directory or tile is larger than this (a broken header could ask for terabytes).
const MOST_BYTES: u64 = 64 << 20;

/// An open PMTiles archive of raster tiles.
#[derive(Debug)]
pub struct PmTiles {
    path: PathBuf,
    name: String,
    file: Mutex<File>,
    header: Header,
    root: Vec<Entry>,
    leaves: Mutex<HashMap<u64, Arc<Vec<Entry>>>>,
    attribution: Option<String>,
    tile_pixels: f64,
}

impl PmTiles {
    /// Opens `path`: reads its header, root directory and metadata.
    pub fn open(path: &Path) -> Result<Self, TilesError> {
        let fail = |what: String, help: &'static str| TilesError {
            path: path.to_path_buf(),
            what,
            help,
        };
        let mut file = File::open(path).map_err(|e| {
            fail(
                format!("cannot open the street tiles: {e}"),
                "choose a .pmtiles file you can read",
            )
        })?;
        let mut head = [0u8; 127];
        file.read_exact(&mut head).map_err(|_| {
            fail(
                "too short for a PMTiles archive (its header is 127 bytes)".into(),
                "the file was cut short: make or download it again",
            )
        })?;
        let header = parse_header(&head).map_err(|(what, help)| fail(what, help))?;
        let mut archive = Self {
            path: path.to_path_buf(),
            name: path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            file: Mutex::new(file),
            header,
            root: Vec::new(),
            leaves: Mutex::new(HashMap::new()),
            attribution: None,
            tile_pixels: 256.0,
        };
        let root = archive.read_part(header.root.0, header.root.1, header.internal_gzip)?;
        archive.root = parse_directory(&root).map_err(|what| {
            fail(
                format!("its root directory is damaged: {what}"),
                "the file is damaged: make or download it again",
            )
        })?;
        if header.metadata.1 > 0 {
            let metadata =
                archive.read_part(header.metadata.0, header.metadata.1, header.internal_gzip)?;
            archive.attribution = attribution_of(&metadata);
            archive.tile_pixels = tile_pixels_of(&metadata).unwrap_or(256.0);
        }
        Ok(archive)
    }

    /// The archive's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The zoom levels it has tiles for.
    pub fn zooms(&self) -> (u8, u8) {
        (self.header.min_zoom, self.header.max_zoom)
    }

    /// Where it has tiles: west, south, east, north, in degrees.
    pub fn bounds(&self) -> [f64; 4] {
        self.header.bounds
    }

    /// The archive's file name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tiles' width in pixels, as the metadata says (`tileSize`), else 256.
    pub fn tile_pixels(&self) -> f64 {
        self.tile_pixels
    }

    /// Whom the tiles' makers ask to be credited, as the metadata says (markup removed),
    /// if it says.
    pub fn attribution(&self) -> Option<&str> {
        self.attribution.as_deref()
    }

    /// The picture of tile `key`, or `None` when the archive has no such tile.
    pub fn tile(&self, key: TileKey) -> Result<Option<TileImage>, TilesError> {
        let Some(id) = tile_id(key) else {
            return Ok(None);
        };
        let mut dir: Arc<Vec<Entry>> = Arc::new(Vec::new());
        let mut in_root = true;
        for _ in 0..MOST_DEPTH {
            let entries: &[Entry] = if in_root { &self.root } else { &dir };
            let Some(entry) = find(entries, id) else {
                return Ok(None);
            };
            if entry.run > 0 {
                let bytes = self.read_part(
                    self.header.data.saturating_add(entry.offset),
                    u64::from(entry.length),
                    self.header.tile_gzip,
                )?;
                return Ok(Some(TileImage {
                    key,
                    format: self.header.format,
                    picture: Picture {
                        name: format!("{}/{}/{}/{}", self.path.display(), key.z, key.x, key.y),
                        media_type: self.header.format.media_type(),
                        bytes: bytes.into(),
                    },
                }));
            }
            dir = self.leaf(entry.offset, entry.length)?;
            in_root = false;
        }
        Err(self.damaged("its leaf directories nest too deep"))
    }

    /// The leaf directory at `offset` (cached).
    fn leaf(&self, offset: u64, length: u32) -> Result<Arc<Vec<Entry>>, TilesError> {
        if let Some(dir) = self
            .leaves
            .lock()
            .ok()
            .and_then(|l| l.get(&offset).cloned())
        {
            return Ok(dir);
        }
        let bytes = self.read_part(
            self.header.leaves.saturating_add(offset),
            u64::from(length),
            self.header.internal_gzip,
        )?;
        let dir = Arc::new(
            parse_directory(&bytes)
                .map_err(|what| self.damaged(&format!("a leaf directory is damaged: {what}")))?,
        );
        if let Ok(mut leaves) = self.leaves.lock() {
            if leaves.len() >= MOST_LEAVES_KEPT {
                leaves.clear();
            }
            leaves.insert(offset, Arc::clone(&dir));
        }
        Ok(dir)
    }

    /// `length` bytes at `offset`, gunzipped when `gzip`.
    fn read_part(&self, offset: u64, length: u64, gzip: bool) -> Result<Vec<u8>, TilesError> {
        if length > MOST_BYTES {
            return Err(self.damaged(&format!("it asks to read {length} bytes at once")));
        }
        let mut raw = vec![0u8; usize::try_from(length).unwrap_or(0)];
        {
            let mut file = self
                .file
                .lock()
                .map_err(|_| self.damaged("an earlier read failed"))?;
            file.seek(SeekFrom::Start(offset))
                .and_then(|_| file.read_exact(&mut raw))
                .map_err(|e| {
                    self.damaged(&format!("cannot read {length} bytes at byte {offset}: {e}"))
                })?;
        }
        if !gzip {
            return Ok(raw);
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .take(MOST_BYTES)
            .read_to_end(&mut out)
            .map_err(|e| self.damaged(&format!("a gzipped part does not unpack: {e}")))?;
        Ok(out)
    }

    fn damaged(&self, what: &str) -> TilesError {
        TilesError {
            path: self.path.clone(),
            what: format!("the street tiles are damaged: {what}"),
            help: "the file is damaged or was cut short: make or download it again",
        }
    }
}

/// The header's fields, or what is wrong with them (and how to fix it).
fn parse_header(h: &[u8; 127]) -> Result<Header, (String, &'static str)> {
    if &h[..7] != b"PMTiles" {
        return Err((
            "not a PMTiles archive (it does not begin with \"PMTiles\")".into(),
            "choose a .pmtiles file; an MBTiles file converts with `pmtiles convert in.mbtiles out.pmtiles`",
        ));
    }
    if h[7] != 3 {
        return Err((
            format!(
                "a PMTiles archive of version {}; Claimline reads version 3",
                h[7]
            ),
            "convert it with `pmtiles convert` (the pmtiles command-line tool) to version 3",
        ));
    }
    let u64_at = |at: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&h[at..at + 8]);
        u64::from_le_bytes(b)
    };
    let gzip = |c: u8, what: &str| match c {
        1 => Ok(false),
        2 => Ok(true),
        other => Err((
            format!(
                "its {what} are compressed with {}, which Claimline does not unpack",
                match other {
                    3 => "Brotli",
                    4 => "Zstandard",
                    _ => "an unknown method",
                }
            ),
            "make the archive again with gzip or no compression (`pmtiles convert`)",
        )),
    };
    let format = match h[99] {
        2 => TileFormat::Png,
        3 => TileFormat::Jpeg,
        4 => TileFormat::Webp,
        1 | 6 => {
            return Err((
                "its tiles are vector tiles, which Claimline does not draw; it draws raster tiles (PNG, JPEG or WebP pictures)".into(),
                "use a raster archive, such as satellite imagery or a scanned map made into PMTiles (`pmtiles convert` from MBTiles, or GDAL's PMTiles driver)",
            ));
        }
        5 => {
            return Err((
                "its tiles are AVIF pictures, which Claimline does not decode".into(),
                "make the archive with PNG, JPEG or WebP tiles",
            ));
        }
        _ => {
            return Err((
                "its header does not say what its tiles are".into(),
                "make the archive again with a tool that sets the tile type",
            ));
        }
    };
    let e7 = |at: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&h[at..at + 4]);
        f64::from(i32::from_le_bytes(b)) / 1e7
    };
    let bounds = [e7(102), e7(106), e7(110), e7(114)];
    // An archive that does not say where it is (all zeros, or nonsense) covers the world.
    let bounds = if bounds[0] < bounds[2]
        && bounds[1] < bounds[3]
        && bounds[0] >= -180.0
        && bounds[2] <= 180.0
        && bounds[1] >= -90.0
        && bounds[3] <= 90.0
    {
        bounds
    } else {
        [-180.0, -90.0, 180.0, 90.0]
    };
    let (min_zoom, max_zoom) = (h[100], h[101]);
    if min_zoom > max_zoom || max_zoom > 30 {
        return Err((
            format!("its zoom levels ({min_zoom} to {max_zoom}) are impossible"),
            "the file is damaged: make or download it again",
        ));
    }
    Ok(Header {
        root: (u64_at(8), u64_at(16)),
        metadata: (u64_at(24), u64_at(32)),
        leaves: u64_at(40),
        data: u64_at(56),
        internal_gzip: gzip(h[97], "directories")?,
        tile_gzip: gzip(h[98], "tiles")?,
        format,
        min_zoom,
        max_zoom,
        bounds,
    })
}

/// The tile size a TileJSON-like metadata object gives (`"tileSize": 512` or `"512"`).
fn tile_pixels_of(metadata: &[u8]) -> Option<f64> {
    let value: serde_json::Value = serde_json::from_slice(metadata).ok()?;
    let size = value.get("tileSize")?;
    let px = size
        .as_f64()
        .or_else(|| size.as_str().and_then(|s| s.trim().parse().ok()))?;
    (16.0..=4096.0).contains(&px).then_some(px)
}

/// The attribution a TileJSON-like metadata object gives, its markup removed.
fn attribution_of(metadata: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(metadata).ok()?;
    let text = value.get("attribution")?.as_str()?;
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&copy;", "©")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!plain.is_empty()).then_some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_lose_their_markup() {
        let m = br#"{"attribution":"<a href=\"https://osm.org\">&copy; OpenStreetMap</a>  contributors"}"#;
        assert_eq!(
            attribution_of(m).as_deref(),
            Some("© OpenStreetMap contributors")
        );
        assert_eq!(attribution_of(b"{}"), None);
        assert_eq!(attribution_of(b"not json"), None);
    }
}
