//! GDELT rows that repeat an event. GDELT names each event by its `GLOBALEVENTID`; an
//! export joined from overlapping downloads lists some events twice, row for row. The
//! second row is the same event, not another one: it is dropped, counted and said,
//! in memory and in `convert` alike, so both number the events the same.
//!
//! The ids seen are kept as one bit each in blocks of 65,536 consecutive ids (GDELT's
//! are whole numbers given out in order): a day of GDELT (about 200,000 events) takes a
//! few hundred kilobytes, a hundred million events about 13 MB. An id that is not a
//! whole number is kept as text.

use std::collections::{HashMap, HashSet};

use super::mapping::{Key, MappingSpec};
use super::rows::ChunkRows;
use crate::load::{Diagnostic, Location};

/// The column that names GDELT's events.
pub const EVENT_ID: &str = "GLOBALEVENTID";

/// Ids per block of [`SeenIds`].
const BLOCK_IDS: u64 = 1 << 16;

/// The ids seen so far.
#[derive(Debug, Default)]
struct SeenIds {
    blocks: HashMap<u64, Box<[u64]>>,
    others: HashSet<String>,
}

impl SeenIds {
    /// Whether `id` was seen before; it is seen from now on.
    fn repeat(&mut self, id: &str) -> bool {
        let Ok(n) = id.trim().parse::<u64>() else {
            return !self.others.insert(id.to_owned());
        };
        let words = usize::try_from(BLOCK_IDS / 64).unwrap_or(1024);
        let block = self
            .blocks
            .entry(n / BLOCK_IDS)
            .or_insert_with(|| vec![0; words].into_boxed_slice());
        let bit = n % BLOCK_IDS;
        let (word, mask) = (usize::try_from(bit / 64).unwrap_or(0), 1u64 << (bit % 64));
        let Some(w) = block.get_mut(word) else {
            return false;
        };
        let seen = *w & mask != 0;
        *w |= mask;
        seen
    }
}

/// The rows dropped for repeating an earlier row's event.
#[derive(Debug, Default)]
pub struct Repeats {
    /// Whether the table's ids name events (a GDELT export's `GLOBALEVENTID`).
    on: bool,
    seen: SeenIds,
    /// Rows dropped.
    pub count: u64,
    /// The first one: its line and id.
    pub first: Option<(u64, String)>,
}

impl Repeats {
    /// Repeats looked for when the mapping takes ids from GDELT's `GLOBALEVENTID`.
    pub fn for_mapping(mapping: &MappingSpec) -> Self {
        Self {
            on: mapping
                .get(Key::Id)
                .is_some_and(|c| c.eq_ignore_ascii_case(EVENT_ID)),
            ..Self::default()
        }
    }

    /// Drops from `chunk` (whose first line is `first_line`) the rows whose event an
    /// earlier row (in this chunk or one before it) already gave.
    pub fn drop_from(&mut self, chunk: &mut ChunkRows, first_line: u64) {
        if !self.on {
            return;
        }
        let block = &chunk.block;
        let seen = &mut self.seen;
        let mut dropped = 0u64;
        let mut first = None;
        chunk.rows.retain(|r| {
            let Some(id) = r.id else {
                return true;
            };
            let text = block
                .get(id.start as usize..(id.start as usize + id.len as usize))
                .unwrap_or("");
            if text.is_empty() || !seen.repeat(text) {
                return true;
            }
            dropped += 1;
            if first.is_none() {
                first = Some((
                    first_line.saturating_add(u64::from(r.line)),
                    text.to_owned(),
                ));
            }
            false
        });
        self.count += dropped;
        if self.first.is_none() {
            self.first = first;
        }
    }

    /// The rows dropped, said in words with the first one's line.
    pub fn warning(&self) -> Option<Diagnostic> {
        let (line, id) = self.first.as_ref()?;
        Some(
            Diagnostic::warning(format!(
                "{} the {EVENT_ID} of an earlier row (the first, {id}, on line {line}): the same event listed again, kept once",
                repeat_rows(self.count)
            ))
            .with_help("GDELT exports joined from overlapping downloads list events twice; nothing to fix")
            .at(Some(Location::in_line("", usize::try_from(*line).unwrap_or(usize::MAX), 1, 1))),
        )
    }
}

/// "1 row repeats", "12 rows repeat".
pub fn repeat_rows(n: u64) -> String {
    if n == 1 {
        "1 row repeats".to_owned()
    } else {
        format!(
            "{} rows repeat",
            crate::english::number(usize::try_from(n).unwrap_or(usize::MAX))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_seen_once_whether_numbers_or_text_and_far_apart() {
        let mut seen = SeenIds::default();
        for id in ["410412347", "1", "0", "18446744073709551615", "x-1"] {
            assert!(!seen.repeat(id), "{id} is new");
        }
        for id in ["410412347", " 1", "0", "18446744073709551615", "x-1"] {
            assert!(seen.repeat(id), "{id} was seen");
        }
        assert!(!seen.repeat("410412348"), "a neighbour is not the same id");
        assert!(!seen.repeat("410477883"), "nor one a block away");
    }
}
