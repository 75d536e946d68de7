//! Fuzz target: any bytes as a PMTiles archive of street tiles, through
//! `map::tiles::PmTiles` — the header, the root directory and metadata (gzipped or not),
//! then every tile of the first four zoom levels through the leaf directories. An
//! archive or an error is fine; a panic, a hang or an allocation past the caps is a bug.
//! Seed it with real archives: `cargo fuzz run pmtiles corpus/pmtiles ../tests/data/tiles`.
#![no_main]

use claimline::map::tiles::{PmTiles, TileKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("claimline-fuzz-{}.pmtiles", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match PmTiles::open(&path) {
        Ok(archive) => {
            let _ = (archive.attribution(), archive.bounds(), archive.tile_pixels());
            for z in 0..=3u8 {
                for x in 0..(1u32 << z) {
                    for y in 0..(1u32 << z) {
                        if let Err(err) = archive.tile(TileKey { z, x, y }) {
                            let _ = err.to_string();
                        }
                    }
                }
            }
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
});
