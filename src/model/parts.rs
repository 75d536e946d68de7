//! Where a dataset's strings and lists go while serde reads the file.
//!
//! serde builds each field on its own, with no handle on the dataset being built. To
//! store strings in one shared table ([`Strings`]) and the short lists of every event in
//! shared vectors, the fields' `Deserialize` impls write into a per-thread [`Parts`]
//! installed by [`collecting`] around the parse. Deserializing these types anywhere else
//! is an error, not a panic.

use std::cell::RefCell;

use serde::de;

use super::quote::Quote;
use super::strings::{Strings, StringsFull, Sym, Text};
use crate::progress::Progress;

/// The shared storage filled while a dataset is parsed.
#[derive(Default, Debug)]
pub(crate) struct Parts {
    pub strings: Strings,
    /// Members of every [`SymList`], back to back.
    pub syms: Vec<Sym>,
    /// Members of every [`QuoteList`], back to back.
    pub quotes: Vec<Quote>,
    /// Where the text being parsed starts in memory and how long it is, so that a
    /// string borrowed from it tells how far parsing has got.
    source: (usize, usize),
    progress: Option<Progress>,
}

impl Parts {
    /// Notes that parsing reached the string starting at address `ptr`.
    pub(crate) fn reached(&self, ptr: usize) {
        let (start, len) = self.source;
        if let Some(progress) = &self.progress
            && ptr >= start
            && ptr < start + len
        {
            progress.set_done((ptr - start) as u64);
        }
    }
}

thread_local! {
    static PARTS: RefCell<Option<Parts>> = const { RefCell::new(None) };
}

/// Runs `parse` over `text` with a fresh [`Parts`] installed and returns what it
/// collected; `progress` follows how far into `text` parsing has got.
pub(crate) fn collecting<R>(
    text: &str,
    progress: Option<&Progress>,
    parse: impl FnOnce() -> R,
) -> (R, Parts) {
    // Text fields are most of a dataset's bytes; reserving half the file avoids most
    // regrowth without much waste.
    collecting_into(text.len() / 2, text, progress, parse)
}

/// Like [`collecting`], for a part of `text` whose strings take about `capacity` bytes
/// (one thread's share of a large file).
pub(crate) fn collecting_into<R>(
    capacity: usize,
    text: &str,
    progress: Option<&Progress>,
    parse: impl FnOnce() -> R,
) -> (R, Parts) {
    /// Puts back whatever was installed before, even if `parse` unwinds.
    struct Restore(Option<Parts>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            PARTS.with(|p| *p.borrow_mut() = previous);
        }
    }
    let fresh = Parts {
        strings: Strings::with_capacity(capacity),
        source: (text.as_ptr() as usize, text.len()),
        progress: progress.cloned(),
        ..Parts::default()
    };
    let _restore = Restore(PARTS.with(|p| p.borrow_mut().replace(fresh)));
    let result = parse();
    let parts = PARTS.with(|p| p.borrow_mut().take()).unwrap_or_default();
    (result, parts)
}

/// Runs `f` on the parts being collected on this thread (a reader that stores what it
/// read itself rather than through serde); `None` outside [`collecting`].
pub(crate) fn with_collecting<R>(f: impl FnOnce(&mut Parts) -> R) -> Option<R> {
    PARTS.with(|p| p.borrow_mut().as_mut().map(f))
}

fn with_parts<T, E: de::Error>(
    f: impl FnOnce(&mut Parts) -> Result<T, StringsFull>,
) -> Result<T, E> {
    PARTS.with(|p| match p.borrow_mut().as_mut() {
        Some(parts) => f(parts).map_err(E::custom),
        None => Err(E::custom(
            "internal error: dataset fields can only be read by claimline's loader",
        )),
    })
}

/// A list of [`Sym`]s stored in the dataset's shared vector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SymList {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

/// A list of [`Quote`]s stored in the dataset's shared vector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteList {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl SymList {
    /// Number of members.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True when there are no members.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

impl QuoteList {
    /// Number of quotes.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True when there are no quotes.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

fn list_range<E: de::Error>(start: usize, end: usize) -> Result<(u32, u32), E> {
    let too_many = || E::custom("the dataset has more than 4 billion list entries");
    let start32 = u32::try_from(start).map_err(|_| too_many())?;
    let len32 = u32::try_from(end - start).map_err(|_| too_many())?;
    Ok((start32, len32))
}

/// Reads a string into the parts with `store` (interned, pushed as free text, or
/// pushed as an event id), noting how far parsing has got.
struct StoredStr<F>(F);

impl<'de, T, F: FnOnce(&mut Strings, &str) -> Result<T, StringsFull>> de::Visitor<'de>
    for StoredStr<F>
{
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        with_parts(|p| (self.0)(&mut p.strings, v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<T, E> {
        with_parts(|p| {
            p.reached(v.as_ptr() as usize);
            (self.0)(&mut p.strings, v)
        })
    }
}

impl<'de> de::Deserialize<'de> for Sym {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StoredStr(Strings::intern))
    }
}

/// An event's id, stored as written rather than interned: ids are looked up by text
/// (`model::event_ids`), and a million of them would fill the interning index for
/// nothing.
pub(crate) fn event_id<'de, D: de::Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
    d.deserialize_str(StoredStr(Strings::push_id))
}

impl<'de> de::Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StoredStr(Strings::push))
    }
}

impl<'de> de::Deserialize<'de> for SymList {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = SymList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<SymList, A::Error> {
                let start = with_parts(|p| Ok(p.syms.len()))?;
                while let Some(sym) = seq.next_element::<Sym>()? {
                    with_parts(|p| {
                        p.syms.push(sym);
                        Ok(())
                    })?;
                }
                let end = with_parts(|p| Ok(p.syms.len()))?;
                let (start, len) = list_range(start, end)?;
                Ok(SymList { start, len })
            }
        }
        d.deserialize_seq(V)
    }
}

impl<'de> de::Deserialize<'de> for QuoteList {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = QuoteList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of quotes")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<QuoteList, A::Error> {
                let start = with_parts(|p| Ok(p.quotes.len()))?;
                while let Some(quote) = seq.next_element::<Quote>()? {
                    with_parts(|p| {
                        p.quotes.push(quote);
                        Ok(())
                    })?;
                }
                let end = with_parts(|p| Ok(p.quotes.len()))?;
                let (start, len) = list_range(start, end)?;
                Ok(QuoteList { start, len })
            }
        }
        d.deserialize_seq(V)
    }
}
