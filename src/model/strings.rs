//! Compact storage for a dataset's text.
//!
//! A million-event dataset holds tens of millions of short strings. Giving each its own
//! heap allocation would cost more memory than the file itself, so every string of a
//! dataset lives in one buffer and fields hold 8-byte spans into it:
//!
//! - [`Sym`]: an interned string (ids, references, names, places). Two `Sym`s of the same
//!   table are equal exactly when their text is equal, so references resolve by value.
//! - [`Text`]: free text (titles, summaries, quotes, notes), stored as written, not
//!   deduplicated.

use std::hash::BuildHasher as _;
use std::num::NonZeroU32;

/// An interned string: ids, references to ids, names and other short repeated text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(Span);

/// Free text stored as written: titles, summaries, quotes, notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Text(Span);

/// A byte range of the table's buffer.
///
/// The length is kept one more than it is, so that it is never zero: that gives
/// `Option<Sym>` and `Option<Text>` a niche, and an optional place, group or address
/// costs 8 bytes rather than 12 (ten million events, three million sources).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Span {
    start: u32,
    len_plus_one: NonZeroU32,
}

impl Default for Span {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl Text {
    /// The empty text.
    pub const EMPTY: Self = Self(Span::EMPTY);

    /// True for empty text.
    pub fn is_empty(self) -> bool {
        self.0.len() == 0
    }
}

impl From<Sym> for Text {
    /// The same text, as free text (an actor's name that is also its id).
    fn from(sym: Sym) -> Self {
        Self(sym.0)
    }
}

impl Sym {
    /// True for the empty string.
    pub fn is_empty(self) -> bool {
        self.0.len() == 0
    }

    /// The same span in a table into which this one's text was appended at `base`.
    pub(crate) fn shifted(self, base: u32) -> Self {
        Self(self.0.shifted(base))
    }
}

impl Text {
    /// The same span in a table into which this one's text was appended at `base`.
    pub(crate) fn shifted(self, base: u32) -> Self {
        Self(self.0.shifted(base))
    }
}

impl Span {
    const EMPTY: Self = Self {
        start: 0,
        len_plus_one: NonZeroU32::MIN,
    };

    /// `start..start + len`; `len` is at most `u32::MAX - 1` (checked by [`fits`]).
    fn new(start: u32, len: u32) -> Self {
        Self {
            start,
            len_plus_one: NonZeroU32::MIN.saturating_add(len),
        }
    }

    fn len(self) -> u32 {
        self.len_plus_one.get() - 1
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len() as usize
    }

    fn shifted(self, base: u32) -> Self {
        if self.len() == 0 {
            return self;
        }
        Self {
            start: self.start.saturating_add(base),
            len_plus_one: self.len_plus_one,
        }
    }
}

/// Whether `len` bytes fit at `start`: the end within 32 bits, and the length one
/// short of them (see [`Span`]).
fn fits(start: u32, len: u32) -> Result<(), StringsFull> {
    match start.checked_add(len) {
        Some(end) if end < u32::MAX => Ok(()),
        _ => Err(StringsFull),
    }
}

/// Anything that names a string in a [`Strings`] table.
pub trait StrRef: Copy {
    /// The byte range in the table's buffer.
    #[doc(hidden)]
    fn range(self) -> std::ops::Range<usize>;
}

impl StrRef for Sym {
    fn range(self) -> std::ops::Range<usize> {
        self.0.range()
    }
}

impl StrRef for Text {
    fn range(self) -> std::ops::Range<usize> {
        self.0.range()
    }
}

/// The table would pass 4 GiB, the most a 32-bit span can address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the dataset holds more than 4 GiB of text")]
pub struct StringsFull;

/// One buffer holding every string of a dataset.
#[derive(Default, Clone)]
pub struct Strings {
    buf: String,
    /// Interned spans with their text's hash, keyed by their text; dropped by
    /// [`Strings::seal`] once loading ends. The hash is kept so that growing the table
    /// does not read every string again.
    interned: hashbrown::HashTable<(Sym, u64)>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("bytes", &self.buf.len())
            .finish_non_exhaustive()
    }
}

impl Strings {
    /// An empty table with room for about `bytes` of text.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            buf: String::with_capacity(bytes),
            ..Self::default()
        }
    }

    /// Makes room for `additional` more bytes of text.
    pub fn reserve(&mut self, additional: usize) {
        self.buf.reserve(additional);
    }

    /// The text a span names ("" for a span from another table that does not fit).
    pub fn get(&self, s: impl StrRef) -> &str {
        self.buf.get(s.range()).unwrap_or("")
    }

    /// Stores free text.
    pub fn push(&mut self, text: &str) -> Result<Text, StringsFull> {
        self.append(text).map(Text)
    }

    /// Stores `text` once; later calls with equal text return the same [`Sym`].
    pub fn intern(&mut self, text: &str) -> Result<Sym, StringsFull> {
        self.intern_fresh(text).map(|(sym, _)| sym)
    }

    /// Like [`Strings::intern`], also saying whether `text` was stored just now (true)
    /// or found interned before (false).
    pub fn intern_fresh(&mut self, text: &str) -> Result<(Sym, bool), StringsFull> {
        let hash = self.hasher.hash_one(text);
        let buf = &self.buf;
        if let Some(found) = self.interned.find(hash, |(s, h)| {
            *h == hash && buf.get(s.range()) == Some(text)
        }) {
            return Ok((found.0, false));
        }
        let sym = Sym(self.append(text)?);
        self.interned.insert_unique(hash, (sym, hash), |(_, h)| *h);
        Ok((sym, true))
    }

    /// The interned symbol for `text`, if it was interned and the table is not sealed.
    pub fn lookup(&self, text: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(text);
        self.interned
            .find(hash, |(s, h)| {
                *h == hash && self.buf.get(s.range()) == Some(text)
            })
            .map(|(s, _)| *s)
    }

    /// Ends interning: frees the dedup index and spare capacity. Lookups by text then
    /// find nothing; spans stay valid.
    pub fn seal(&mut self) {
        self.interned = hashbrown::HashTable::new();
        self.buf.shrink_to_fit();
    }

    /// Appends a block of text at once (a chunk of a table's titles and summaries);
    /// returns its offset, from which [`Strings::text_in_block`] and
    /// [`Strings::id_in_block`] make spans.
    pub(crate) fn append_block(&mut self, block: &str) -> Result<u32, StringsFull> {
        let start = u32::try_from(self.buf.len()).map_err(|_| StringsFull)?;
        let len = u32::try_from(block.len()).map_err(|_| StringsFull)?;
        fits(start, len)?;
        self.buf.push_str(block);
        Ok(start)
    }

    /// Free text at `start..start + len` of a block appended at `base`.
    pub(crate) fn text_in_block(base: u32, start: u32, len: u32) -> Text {
        if len == 0 {
            return Text::EMPTY;
        }
        Text(Span::new(base.saturating_add(start), len))
    }

    /// An event id at `start..start + len` of a block appended at `base`, not interned
    /// (see [`Sym`]).
    pub(crate) fn id_in_block(base: u32, start: u32, len: u32) -> Sym {
        if len == 0 {
            return Sym::default();
        }
        Sym(Span::new(base.saturating_add(start), len))
    }

    /// Stores an event id without interning it (see [`Sym`]).
    pub(crate) fn push_id(&mut self, text: &str) -> Result<Sym, StringsFull> {
        self.append(text).map(Sym)
    }

    /// The interned symbols, in no order (empty once sealed).
    pub(crate) fn interned(&self) -> impl Iterator<Item = Sym> + '_ {
        self.interned.iter().map(|(sym, _)| *sym)
    }

    /// Interns `sym`, whose text is already in this table: the symbol interned earlier
    /// with the same text, else `sym` itself, now interned. Used when tables built apart
    /// are joined into one (the text was appended as a block).
    pub(crate) fn adopt(&mut self, sym: Sym) -> Sym {
        let buf = &self.buf;
        let Some(text) = buf.get(sym.range()) else {
            return sym;
        };
        let hash = self.hasher.hash_one(text);
        if let Some(found) = self.interned.find(hash, |(s, h)| {
            *h == hash && buf.get(s.range()) == Some(text)
        }) {
            return found.0;
        }
        self.interned.insert_unique(hash, (sym, hash), |(_, h)| *h);
        sym
    }

    /// The text of the whole table, for appending it to another as a block.
    pub(crate) fn as_block(&self) -> &str {
        &self.buf
    }

    /// Bytes of text held.
    pub fn len_bytes(&self) -> usize {
        self.buf.len()
    }

    fn append(&mut self, text: &str) -> Result<Span, StringsFull> {
        if text.is_empty() {
            return Ok(Span::default());
        }
        let start = u32::try_from(self.buf.len()).map_err(|_| StringsFull)?;
        let len = u32::try_from(text.len()).map_err(|_| StringsFull)?;
        fits(start, len)?;
        self.buf.push_str(text);
        Ok(Span::new(start, len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_equal_syms_for_equal_text() {
        let mut s = Strings::default();
        let a = s.intern("putin").unwrap();
        let t = s.push("putin").unwrap();
        let b = s.intern("putin").unwrap();
        let c = s.intern("trump").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(s.get(a), "putin");
        assert_eq!(s.get(t), "putin");
        assert_eq!(s.get(c), "trump");
        assert_eq!(s.lookup("trump"), Some(c));
        assert_eq!(s.lookup("lavrov"), None);
    }

    #[test]
    fn empty_strings_take_no_space() {
        let mut s = Strings::default();
        assert!(s.push("").unwrap().is_empty());
        assert!(s.intern("").unwrap().is_empty());
        assert_eq!(s.len_bytes(), 0);
    }

    #[test]
    fn an_absent_string_costs_no_more_than_a_present_one() {
        assert_eq!(size_of::<Option<Text>>(), 8);
        assert_eq!(size_of::<Option<Sym>>(), 8);
        let mut s = Strings::default();
        let some = Some(s.push("Helsinki").unwrap());
        let empty = Some(s.push("").unwrap());
        assert_eq!(some.map(|t| s.get(t)), Some("Helsinki"));
        assert_eq!(empty.map(|t| s.get(t)), Some(""));
        assert_ne!(empty, None);
        // The longest span still fits; one byte more is refused, not wrapped.
        assert_eq!(fits(0, u32::MAX - 1), Ok(()));
        assert_eq!(fits(1, u32::MAX - 1), Err(StringsFull));
        assert_eq!(Span::new(0, u32::MAX - 1).len(), u32::MAX - 1);
    }

    #[test]
    fn sealing_keeps_text_readable() {
        let mut s = Strings::default();
        let a = s.intern("peskov").unwrap();
        s.seal();
        assert_eq!(s.get(a), "peskov");
        assert_eq!(s.lookup("peskov"), None);
    }
}
