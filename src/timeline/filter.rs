//! Which events are shown: kind, status, actor and outlet filters, a box of places drawn
//! on the map, plus a text search over titles, summaries and quotes.

use super::document::Document;
use crate::model::{Area, EventIdx, EventKind, Status, Sym};

/// What the user asked to see. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Bit `k` set: events of kind `EventKind::ALL[k]` are hidden.
    pub hidden_kinds: u16,
    /// Bit `s` set: events of status `Status::ALL[s]` are hidden.
    pub hidden_statuses: u8,
    /// When not empty, only events naming one of these actors (as participant or speaker).
    pub actors: Vec<Sym>,
    /// When not empty, only events quoting one of these outlets.
    pub outlets: Vec<Sym>,
    /// Words to find in titles, summaries and quotes (case-insensitive).
    pub text: String,
    /// Only events that take part in a dispute (have a relation).
    pub disputed_only: bool,
    /// When set, only events with coordinates inside this box (drawn on the map).
    pub place: Option<Area>,
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether events of this kind are shown.
    pub fn shows_kind(&self, kind: EventKind) -> bool {
        self.hidden_kinds & (1 << kind.index()) == 0
    }

    /// Shows or hides a kind.
    pub fn set_kind(&mut self, kind: EventKind, shown: bool) {
        let bit = 1 << kind.index();
        if shown {
            self.hidden_kinds &= !bit;
        } else {
            self.hidden_kinds |= bit;
        }
    }

    /// Whether events of this status are shown.
    pub fn shows_status(&self, status: Status) -> bool {
        self.hidden_statuses & (1 << status.index()) == 0
    }

    /// Shows or hides a status.
    pub fn set_status(&mut self, status: Status, shown: bool) {
        let bit = 1 << status.index();
        if shown {
            self.hidden_statuses &= !bit;
        } else {
            self.hidden_statuses |= bit;
        }
    }

    /// Whether one event passes.
    pub fn matches(&self, doc: &Document, e: EventIdx, query: &TextQuery) -> bool {
        let ds = &doc.dataset;
        let event = &ds.events[e as usize];
        if !self.shows_kind(event.kind) || !self.shows_status(event.status) {
            return false;
        }
        if let Some(area) = self.place
            && !event.coordinates.is_some_and(|c| area.contains(c))
        {
            return false;
        }
        if self.disputed_only && !crate::disputes::is_disputed(ds, e) {
            return false;
        }
        if !self.actors.is_empty() && !doc.event_actors(e).any(|a| self.actors.contains(&a)) {
            return false;
        }
        if !self.outlets.is_empty() && !doc.event_outlets(e).any(|o| self.outlets.contains(&o)) {
            return false;
        }
        if query.is_empty() {
            return true;
        }
        query.found_in(ds.str(event.title))
            || query.found_in(ds.str(event.summary))
            || ds
                .quotes(event.quotes)
                .iter()
                .any(|q| query.found_in(ds.str(q.text)))
    }
}

/// A search string prepared for case-insensitive matching.
#[derive(Clone, Debug, Default)]
pub struct TextQuery {
    lower: String,
    ascii: bool,
}

impl TextQuery {
    /// Prepares `text` (surrounding whitespace ignored).
    pub fn new(text: &str) -> Self {
        let lower = text.trim().to_lowercase();
        let ascii = lower.is_ascii();
        Self { lower, ascii }
    }

    /// True for an empty search, which matches everything.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    /// Whether the text contains the query, ignoring case.
    pub fn found_in(&self, haystack: &str) -> bool {
        if self.lower.is_empty() {
            return true;
        }
        if self.ascii {
            contains_ascii_ci(haystack.as_bytes(), self.lower.as_bytes())
        } else {
            haystack.to_lowercase().contains(&self.lower)
        }
    }

    /// Byte ranges in `haystack` where the query occurs (for highlighting).
    pub fn find_all(&self, haystack: &str) -> Vec<std::ops::Range<usize>> {
        if self.lower.is_empty() || !self.ascii {
            return Vec::new();
        }
        let (hay, needle) = (haystack.as_bytes(), self.lower.as_bytes());
        let mut out = Vec::new();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
                out.push(i..i + needle.len());
                i += needle.len();
            } else {
                i += 1;
            }
        }
        out.retain(|r| haystack.is_char_boundary(r.start) && haystack.is_char_boundary(r.end));
        out
    }
}

/// Case-insensitive substring test for an ASCII, already lower-case needle.
fn contains_ascii_ci(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let b = hay[i];
        if (b == first || b == upper) && hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest) {
            return true;
        }
        i += 1;
    }
    false
}

/// The events that pass a filter, in time order, with the span of their dates.
#[derive(Clone, Debug, Default)]
pub struct Filtered {
    /// Passing events, sorted by [`Document::time_key`].
    pub order: Vec<EventIdx>,
    /// Earliest and latest day over the passing events (ends included).
    pub span: Option<(i32, i32)>,
    /// How many events pass: `order`'s length, or for a table read through an engine
    /// (no events in memory, `order` empty) the engine's count.
    pub count: usize,
}

/// Documents at least this large are filtered on several threads.
const PARALLEL_FROM: usize = 50_000;

impl Filtered {
    /// Applies `filter` to `doc`.
    pub fn compute(doc: &Document, filter: &Filter) -> Self {
        let query = TextQuery::new(&filter.text);
        let pass = |chunk: &[EventIdx]| -> Vec<EventIdx> {
            chunk
                .iter()
                .copied()
                .filter(|&e| filter.matches(doc, e, &query))
                .collect()
        };
        let order = if filter.is_empty() {
            doc.order.clone()
        } else if doc.order.len() < PARALLEL_FROM {
            pass(&doc.order)
        } else {
            let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
            let chunk = doc.order.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = doc
                    .order
                    .chunks(chunk)
                    .map(|c| s.spawn(move || pass(c)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        let ds = &doc.dataset;
        let span = order.first().map(|&first| {
            let last = order
                .iter()
                .map(|&e| {
                    let ev = &ds.events[e as usize];
                    ev.end.unwrap_or(ev.date).latest()
                })
                .max()
                .unwrap_or(i32::MIN);
            (ds.events[first as usize].date.earliest(), last)
        });
        Self {
            count: order.len(),
            order,
            span,
        }
    }

    /// Number of events shown.
    pub fn len(&self) -> usize {
        self.count
    }

    /// True when no event passes.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Position of event `e` in [`Filtered::order`], if it passes.
    pub fn position(&self, doc: &Document, e: EventIdx) -> Option<usize> {
        let key = doc.time_key(e);
        let at = self.order.partition_point(|&x| doc.time_key(x) < key);
        (self.order.get(at) == Some(&e)).then_some(at)
    }

    /// The event `step` places after (or before, if negative) `e` in time order; from
    /// nothing, the first (or last) event.
    pub fn step(&self, doc: &Document, from: Option<EventIdx>, step: isize) -> Option<EventIdx> {
        if self.order.is_empty() {
            return None;
        }
        let last = self.order.len() - 1;
        let at = match from {
            None if step >= 0 => 0,
            None => last,
            Some(e) => {
                let key = doc.time_key(e);
                match self.position(doc, e) {
                    Some(p) => p.saturating_add_signed(step).min(last),
                    // Not shown: step from where it would sit.
                    None => {
                        let p = self.order.partition_point(|&x| doc.time_key(x) < key);
                        if step > 0 {
                            (p + step.unsigned_abs() - 1).min(last)
                        } else {
                            p.saturating_sub(step.unsigned_abs())
                        }
                    }
                }
            }
        };
        self.order.get(at).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_search_ignores_case() {
        let q = TextQuery::new("  Pure Fiction ");
        assert!(q.found_in("it's pure fiction,"));
        assert!(q.found_in("PURE FICTION"));
        assert!(!q.found_in("pure fact"));
        assert_eq!(
            q.find_all("Pure fiction, pure FICTION"),
            vec![0..12, 14..26]
        );
    }

    #[test]
    fn unicode_search_ignores_case() {
        let q = TextQuery::new("ÉTÉ");
        assert!(q.found_in("un été chaud"));
        assert!(!q.found_in("un ete chaud"));
    }

    #[test]
    fn empty_search_matches_everything() {
        assert!(TextQuery::new("   ").found_in("anything"));
    }
}
