//! A PMTiles directory: runs of tile ids and where their bytes are, or a leaf
//! directory to look in, each column of numbers varint-encoded; and a tile's id, its
//! place on the Hilbert curve through its zoom level after the tiles of every level
//! above.

/// A tile's place: zoom level, column, row (rows counted from the north, as on the web).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileKey {
    /// Zoom level: the world is 2^z tiles wide.
    pub z: u8,
    /// Column, from 180° W.
    pub x: u32,
    /// Row, from the north.
    pub y: u32,
}

/// One directory entry: tiles `tile_id .. tile_id + run` at `offset`, `length` bytes
/// (all the same tile), or, with `run` 0, a leaf directory there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub tile_id: u64,
    pub offset: u64,
    pub length: u32,
    pub run: u32,
}

/// A directory's entries (sorted by tile id), or what is wrong with it.
pub(super) fn parse_directory(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    let mut at = 0usize;
    let mut next = || -> Result<u64, String> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *bytes
                .get(at)
                .ok_or_else(|| "it ends inside a number".to_owned())?;
            at += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number is longer than 64 bits".to_owned())
    };
    let n = next()?;
    // Each entry takes at least four bytes (a byte for each of its four numbers).
    if n.saturating_mul(4) > bytes.len() as u64 {
        return Err(format!("it claims {n} entries in {} bytes", bytes.len()));
    }
    let n = usize::try_from(n).map_err(|_| "too many entries".to_owned())?;
    let mut entries = vec![
        Entry {
            tile_id: 0,
            offset: 0,
            length: 0,
            run: 0,
        };
        n
    ];
    let mut last_id: u64 = 0;
    for e in &mut entries {
        last_id = last_id
            .checked_add(next()?)
            .ok_or_else(|| "a tile id overflows".to_owned())?;
        e.tile_id = last_id;
    }
    for e in &mut entries {
        e.run = u32::try_from(next()?).map_err(|_| "a run is too long".to_owned())?;
    }
    for e in &mut entries {
        e.length = u32::try_from(next()?).map_err(|_| "a tile is too long".to_owned())?;
    }
    for i in 0..n {
        let value = next()?;
        let offset = if value == 0 && i > 0 {
            entries[i - 1]
                .offset
                .saturating_add(u64::from(entries[i - 1].length))
        } else {
            value.saturating_sub(1)
        };
        entries[i].offset = offset;
    }
    Ok(entries)
}

/// The entry holding tile `id`: the last whose id is at most `id`, when it is a leaf
/// directory or its run reaches `id`.
pub(super) fn find(entries: &[Entry], id: u64) -> Option<Entry> {
    let i = entries
        .partition_point(|e| e.tile_id <= id)
        .checked_sub(1)?;
    let e = entries[i];
    (e.run == 0 || id < e.tile_id.saturating_add(u64::from(e.run))).then_some(e)
}

/// A tile's id: the tiles of every lower zoom level, then its place on the Hilbert
/// curve through its own level. `None` off the level's grid.
pub fn tile_id(key: TileKey) -> Option<u64> {
    if key.z > 31 {
        return None;
    }
    let n: u64 = 1 << key.z;
    let (mut x, mut y) = (u64::from(key.x), u64::from(key.y));
    if x >= n || y >= n {
        return None;
    }
    // 1 + 4 + 16 + … tiles on the levels above.
    let above = ((1u128 << (2 * u32::from(key.z))) - 1) / 3;
    let mut d: u64 = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u64::from(x & s > 0);
        let ry = u64::from(y & s > 0);
        d += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    u64::try_from(above).ok()?.checked_add(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(z: u8, x: u32, y: u32) -> TileKey {
        TileKey { z, x, y }
    }

    #[test]
    fn tile_ids_follow_the_hilbert_curve_level_by_level() {
        // The values of the PMTiles specification's own tests.
        assert_eq!(tile_id(key(0, 0, 0)), Some(0));
        assert_eq!(tile_id(key(1, 0, 0)), Some(1));
        assert_eq!(tile_id(key(1, 0, 1)), Some(2));
        assert_eq!(tile_id(key(1, 1, 1)), Some(3));
        assert_eq!(tile_id(key(1, 1, 0)), Some(4));
        assert_eq!(tile_id(key(2, 0, 0)), Some(5));
        assert_eq!(tile_id(key(1, 2, 0)), None, "off the grid");
        // Every tile of a level has its own id, in the level's range.
        for z in 0..6u8 {
            let n = 1u32 << z;
            let mut ids: Vec<u64> = (0..n)
                .flat_map(|x| (0..n).map(move |y| key(z, x, y)))
                .filter_map(tile_id)
                .collect();
            ids.sort_unstable();
            let first = ((1u64 << (2 * z)) - 1) / 3;
            let expected: Vec<u64> = (first..first + u64::from(n) * u64::from(n)).collect();
            assert_eq!(ids, expected, "level {z}");
        }
    }

    #[test]
    fn directories_read_runs_leaves_and_offsets_that_follow_on() {
        // Three entries: tile 0 (run 1, 10 bytes at 0), tiles 1–4 (run 4, 20 bytes, offset
        // following on), and a leaf directory at tile 5 (run 0, 7 bytes at 100).
        let bytes = [3, 0, 1, 4, 1, 4, 0, 10, 20, 7, 1, 0, 101];
        let entries = parse_directory(&bytes).unwrap();
        assert_eq!(
            entries.iter().map(|e| e.tile_id).collect::<Vec<_>>(),
            [0, 1, 5]
        );
        assert_eq!(entries[1].offset, 10);
        assert_eq!(entries[2].offset, 100);
        assert_eq!(find(&entries, 3).map(|e| e.tile_id), Some(1));
        assert_eq!(find(&entries, 9).map(|e| e.run), Some(0), "into the leaf");
        assert!(parse_directory(&[5, 1]).is_err(), "cut short");
        assert!(parse_directory(&[0xff; 12]).is_err(), "endless number");
    }
}
