//! Events found by the text of their ids.
//!
//! Event ids are compared by text, not by symbol: ids read from tables are not interned
//! (see [`Sym`](super::Sym)). The index holds only event positions (4 bytes each) and
//! hashes ids from the dataset's string table when it is built or searched. It is split
//! into shards by hash, so that a large dataset's index is built on every core.
//!
//! Tables often number their rows (`ev-1`, `ev-2`, … or GDELT's increasing event ids):
//! when every id comes after the one before in natural order (numbers compared as
//! numbers), the ids are distinct without a hash table, and an id is found by binary
//! search, at no cost in memory.

use std::hash::BuildHasher as _;

use super::event::{Event, EventIdx};
use super::strings::Strings;

/// Shards of the index (a power of two).
const SHARDS: usize = 16;

/// Datasets with at least this many events build their index on several threads.
const PARALLEL_FROM: usize = 200_000;

/// Event positions by id text.
#[derive(Clone, Default)]
pub struct EventIds {
    shards: Vec<hashbrown::HashTable<EventIdx>>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The events' ids increase in natural order: found by binary search.
    sorted: bool,
    /// When sorted ids end in numbers (`e0`, `e1`, … or GDELT's), the first and last
    /// event's numbers: an id's own number then tells where to look first.
    numbered: Option<(u64, u64)>,
    /// Events indexed.
    len: usize,
}

impl std::fmt::Debug for EventIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventIds")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

/// The shard a hash belongs to: bits that hashbrown uses neither for the slot (the low
/// bits) nor for the tag (the top seven).
fn shard_of(hash: u64) -> usize {
    ((hash >> 40) as usize) & (SHARDS - 1)
}

impl EventIds {
    /// Indexes the events' ids. Returns the index and every event whose id an earlier
    /// event already has, as (its position, the first one's position), in order. Empty
    /// ids are left out.
    pub fn build(strings: &Strings, events: &[Event]) -> (Self, Vec<(usize, EventIdx)>) {
        let hasher = hashbrown::DefaultHashBuilder::default();
        let increasing = !events.is_empty()
            && EventIdx::try_from(events.len()).is_ok()
            && events.windows(2).all(|w| {
                let (a, b) = (strings.get(w[0].id), strings.get(w[1].id));
                !a.is_empty() && natural_cmp(a, b) == std::cmp::Ordering::Less
            });
        if increasing {
            let number_at = |e: Option<&Event>| e.and_then(|e| trailing_number(strings.get(e.id)));
            let numbered = match (number_at(events.first()), number_at(events.last())) {
                (Some(first), Some(last)) if last > first => Some((first, last)),
                _ => None,
            };
            let ids = Self {
                shards: Vec::new(),
                hasher,
                sorted: true,
                numbered,
                len: events.len(),
            };
            return (ids, Vec::new());
        }
        let threads = if events.len() >= PARALLEL_FROM {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(SHARDS))
        } else {
            1
        };
        let mut shards: Vec<hashbrown::HashTable<EventIdx>> =
            (0..SHARDS).map(|_| hashbrown::HashTable::new()).collect();
        let mut duplicates = Vec::new();
        if threads <= 1 {
            let mut mine: Vec<&mut hashbrown::HashTable<EventIdx>> = shards.iter_mut().collect();
            duplicates = fill(strings, events, &hasher, 0, 1, &mut mine);
        } else {
            std::thread::scope(|scope| {
                let mut groups: Vec<Vec<&mut hashbrown::HashTable<EventIdx>>> =
                    (0..threads).map(|_| Vec::new()).collect();
                for (i, shard) in shards.iter_mut().enumerate() {
                    groups[i % threads].push(shard);
                }
                let hasher = &hasher;
                let handles: Vec<_> = groups
                    .into_iter()
                    .enumerate()
                    .map(|(t, mut mine)| {
                        scope.spawn(move || fill(strings, events, hasher, t, threads, &mut mine))
                    })
                    .collect();
                for handle in handles {
                    match handle.join() {
                        Ok(found) => duplicates.extend(found),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
            });
            duplicates.sort_unstable();
        }
        let len = shards.iter().map(hashbrown::HashTable::len).sum();
        let ids = Self {
            shards,
            hasher,
            sorted: false,
            numbered: None,
            len,
        };
        (ids, duplicates)
    }

    /// The position of the event whose id is `id`.
    pub fn get(&self, strings: &Strings, events: &[Event], id: &str) -> Option<EventIdx> {
        if self.sorted {
            // Rows numbered one by one are found at once; others (gaps, edits) by the
            // binary search the guess only saves.
            if let Some(guess) = self.guess(id, events.len())
                && events.get(guess).is_some_and(|e| strings.get(e.id) == id)
            {
                return EventIdx::try_from(guess).ok();
            }
            let i = events
                .binary_search_by(|e| natural_cmp(strings.get(e.id), id))
                .ok()?;
            return (strings.get(events[i].id) == id)
                .then(|| EventIdx::try_from(i).ok())
                .flatten();
        }
        let hash = self.hasher.hash_one(id);
        self.shards
            .get(shard_of(hash))?
            .find(hash, |&e| {
                events
                    .get(e as usize)
                    .is_some_and(|ev| strings.get(ev.id) == id)
            })
            .copied()
    }

    /// Where an id's number puts it between the first and the last event's, when the
    /// ids end in numbers.
    fn guess(&self, id: &str, len: usize) -> Option<usize> {
        let (first, last) = self.numbered?;
        let n = trailing_number(id)?;
        if n < first || n > last {
            return None;
        }
        let at = u128::from(n - first) * (len as u128).saturating_sub(1) / u128::from(last - first);
        usize::try_from(at).ok()
    }

    /// After `events.insert(i, …)`: indexes event `i` and moves the later positions up.
    /// False when the index cannot follow (ids no longer increase, or an id is taken):
    /// build it again.
    pub fn inserted(&mut self, strings: &Strings, events: &[Event], i: usize) -> bool {
        let Ok(index) = EventIdx::try_from(i) else {
            return false;
        };
        let text = strings.get(events[i].id);
        if self.sorted {
            let ok = self.increasing_around(strings, events, i);
            if ok {
                self.len += 1;
            }
            return ok;
        }
        if text.is_empty() {
            return false;
        }
        if i + 1 < events.len() {
            for shard in &mut self.shards {
                for e in shard.iter_mut() {
                    if *e >= index {
                        *e += 1;
                    }
                }
            }
        }
        if !self.file(strings, events, index) {
            return false;
        }
        self.len += 1;
        true
    }

    /// Before `events.remove(i)`: forgets event `i` and moves the later positions down.
    pub fn removing(&mut self, strings: &Strings, events: &[Event], i: usize) -> bool {
        let Ok(index) = EventIdx::try_from(i) else {
            return false;
        };
        if self.sorted {
            self.len = self.len.saturating_sub(1);
            return true;
        }
        if !self.forget(strings.get(events[i].id), index) {
            return false;
        }
        for shard in &mut self.shards {
            for e in shard.iter_mut() {
                if *e > index {
                    *e -= 1;
                }
            }
        }
        true
    }

    /// After event `i`'s id changed from `old`: indexes it under its new id.
    pub fn renamed(&mut self, strings: &Strings, events: &[Event], i: usize, old: &str) -> bool {
        let Ok(index) = EventIdx::try_from(i) else {
            return false;
        };
        if self.sorted {
            return self.increasing_around(strings, events, i);
        }
        if !self.forget(old, index) {
            return false;
        }
        // Positions do not move: index `i` alone.
        if !self.file(strings, events, index) {
            return false;
        }
        self.len += 1;
        true
    }

    /// Files event `index` under its id; false if another event has that id.
    fn file(&mut self, strings: &Strings, events: &[Event], index: EventIdx) -> bool {
        let text = strings.get(events[index as usize].id);
        let hash = self.hasher.hash_one(text);
        let hasher = &self.hasher;
        let Some(shard) = self.shards.get_mut(shard_of(hash)) else {
            return false;
        };
        match shard.entry(
            hash,
            |&e| e != index && strings.get(events[e as usize].id) == text,
            |&e| hasher.hash_one(strings.get(events[e as usize].id)),
        ) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(index);
                true
            }
        }
    }

    /// Removes the entry of event `index`, filed under `id`.
    fn forget(&mut self, id: &str, index: EventIdx) -> bool {
        let hash = self.hasher.hash_one(id);
        let Some(shard) = self.shards.get_mut(shard_of(hash)) else {
            return false;
        };
        match shard.find_entry(hash, |&e| e == index) {
            Ok(entry) => {
                entry.remove();
                self.len -= 1;
                true
            }
            Err(_) => false,
        }
    }

    /// Whether event `i`'s id still comes after its neighbour's before it and before
    /// the one after it.
    fn increasing_around(&self, strings: &Strings, events: &[Event], i: usize) -> bool {
        let id = strings.get(events[i].id);
        let before = i == 0 || natural_cmp(strings.get(events[i - 1].id), id).is_lt();
        let after = events
            .get(i + 1)
            .is_none_or(|next| natural_cmp(id, strings.get(next.id)).is_lt());
        !id.is_empty() && before && after
    }

    /// Number of events indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no event is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The number an id ends with (`ev-12` → 12), if it ends with up to 19 digits.
fn trailing_number(id: &str) -> Option<u64> {
    let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    id.get(id.len() - digits..)?.parse().ok()
}

/// Compares ids in natural order: runs of digits as numbers ("ev-9" before "ev-10"),
/// the rest byte by byte. Ids that differ only in leading zeros compare equal.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let run = |s: &[u8], mut k: usize| {
                while k < s.len() && s[k] == b'0' {
                    k += 1;
                }
                let start = k;
                while k < s.len() && s[k].is_ascii_digit() {
                    k += 1;
                }
                (start, k)
            };
            let ((sa, ea), (sb, eb)) = (run(a, i), run(b, j));
            let order = (ea - sa)
                .cmp(&(eb - sb))
                .then_with(|| a[sa..ea].cmp(&b[sb..eb]));
            if order != Ordering::Equal {
                return order;
            }
            (i, j) = (ea, eb);
        } else {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// Inserts the events whose id hashes to the shards `thread` owns (shard `s` belongs
/// to thread `s % threads`; `mine` lists them in order); returns the duplicates found.
fn fill(
    strings: &Strings,
    events: &[Event],
    hasher: &hashbrown::DefaultHashBuilder,
    thread: usize,
    threads: usize,
    mine: &mut [&mut hashbrown::HashTable<EventIdx>],
) -> Vec<(usize, EventIdx)> {
    let expected = events.len() / SHARDS + 16;
    for shard in mine.iter_mut() {
        shard.reserve(expected, |_| 0);
    }
    let mut duplicates = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let text = strings.get(event.id);
        if text.is_empty() {
            continue;
        }
        let Ok(index) = EventIdx::try_from(i) else {
            break;
        };
        let hash = hasher.hash_one(text);
        let shard = shard_of(hash);
        if shard % threads != thread {
            continue;
        }
        let Some(table) = mine.get_mut(shard / threads) else {
            continue;
        };
        // One probe finds a duplicate or the empty slot.
        match table.entry(
            hash,
            |&e| strings.get(events[e as usize].id) == text,
            |&e| hasher.hash_one(strings.get(events[e as usize].id)),
        ) {
            hashbrown::hash_table::Entry::Occupied(first) => duplicates.push((i, *first.get())),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }
    duplicates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetBuilder, EventKind, EventSpec, FuzzyDate, Status};

    fn dataset(ids: &[String]) -> crate::model::Dataset {
        let mut b = DatasetBuilder::new("t", "").unwrap();
        for id in ids {
            b.event(&EventSpec {
                id,
                title: "t",
                kind: EventKind::Other,
                date: FuzzyDate::year(2000).unwrap(),
                end: None,
                participants: &[],
                place: None,
                coordinates: None,
                status: Status::Reported,
                summary: "",
                quotes: &[],
                date_note: "",
                group: None,
                sources: &[],
            })
            .unwrap();
        }
        b.finish()
    }

    #[test]
    fn natural_order_compares_numbers_as_numbers() {
        use std::cmp::Ordering::*;
        assert_eq!(natural_cmp("ev-9", "ev-10"), Less);
        assert_eq!(natural_cmp("ev-10", "ev-9"), Greater);
        assert_eq!(natural_cmp("a01", "a1"), Equal);
        assert_eq!(natural_cmp("a", "a1"), Less);
        assert_eq!(natural_cmp("b", "a9"), Greater);
        assert_eq!(natural_cmp("254671412", "1204561001"), Less);
    }

    #[test]
    fn increasing_ids_are_found_by_binary_search() {
        let ids: Vec<String> = (0..1000).map(|i| format!("ev-{i}")).collect();
        let ds = dataset(&ids);
        let (index, duplicates) = EventIds::build(&ds.strings, &ds.events);
        assert!(index.sorted && duplicates.is_empty());
        assert_eq!(index.len(), 1000);
        assert_eq!(index.get(&ds.strings, &ds.events, "ev-0"), Some(0));
        assert_eq!(index.get(&ds.strings, &ds.events, "ev-999"), Some(999));
        assert_eq!(index.get(&ds.strings, &ds.events, "ev-0999"), None);
        assert_eq!(index.get(&ds.strings, &ds.events, "ev-1000"), None);
        // "a01" after "a1" is not an increase: the hash index finds the pair distinct.
        let ds = dataset(&["a1".to_owned(), "a01".to_owned()]);
        let (index, duplicates) = EventIds::build(&ds.strings, &ds.events);
        assert!(!index.sorted && duplicates.is_empty());
        assert_eq!(index.get(&ds.strings, &ds.events, "a01"), Some(1));
    }

    /// Numbered ids are found where their number puts them, and where it does not (gaps,
    /// other prefixes, numbers outside the range) by the search: every id is found at
    /// its own place, and nothing else is found.
    #[test]
    fn numbered_ids_are_found_however_they_are_numbered() {
        let mut ids: Vec<String> = Vec::new();
        for i in 0..3000u64 {
            // Runs of consecutive numbers, gaps, a prefix change half way.
            let n = i + (i / 500) * 37 + if i > 2500 { 1_000_000 } else { 0 };
            let prefix = if i < 1500 { "ev-" } else { "fv-" };
            ids.push(format!("{prefix}{n}"));
        }
        let ds = dataset(&ids);
        let (index, duplicates) = EventIds::build(&ds.strings, &ds.events);
        assert!(index.sorted && index.numbered.is_some() && duplicates.is_empty());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                index.get(&ds.strings, &ds.events, id),
                Some(i as EventIdx),
                "{id}"
            );
        }
        for absent in [
            "ev-520",
            "fv-0",
            "fv-2660",
            "ev-1574",
            "fv-1003500",
            "ev-",
            "ev-99999999999999999999",
            "x",
        ] {
            assert_eq!(index.get(&ds.strings, &ds.events, absent), None, "{absent}");
        }
    }

    #[test]
    fn ids_are_found_and_duplicates_named_on_one_thread_and_on_many() {
        for n in [10, PARALLEL_FROM + 10] {
            // Not in order, so the hash index is used.
            let mut ids: Vec<String> = (0..n).map(|i| format!("e{}", n - i)).collect();
            ids[7] = ids[3].clone();
            ids[n - 1] = ids[5].clone();
            let ds = dataset(&ids);
            let (index, duplicates) = EventIds::build(&ds.strings, &ds.events);
            assert!(!index.sorted);
            assert_eq!(duplicates, vec![(7, 3), (n - 1, 5)]);
            assert_eq!(index.len(), n - 2);
            assert_eq!(index.get(&ds.strings, &ds.events, &ids[4]), Some(4));
            assert_eq!(
                index.get(&ds.strings, &ds.events, &format!("e{}", n - 7)),
                None
            );
            assert_eq!(
                index.get(&ds.strings, &ds.events, &ids[n - 2]),
                Some(u32::try_from(n - 2).unwrap())
            );
        }
    }
}
