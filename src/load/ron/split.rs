//! A large dataset file parsed on every core: its `events` list — nearly all of a big
//! file — is cut at top-level items, each piece parsed item by item on its own thread
//! into its own string table, and the rest of the file (title, actors, sources,
//! relations…) parsed with the list left empty; the tables are then joined into one.
//!
//! Cutting needs no full scan: each cut is guessed (a line that opens an item, `(` after
//! the indentation) and confirmed by the thread before it, which must stop exactly
//! there after parsing whole items. Any surprise — no `events` list found, a guess that
//! was inside a string, a syntax or type error anywhere — gives up, and the caller
//! parses the file on one thread, which reports errors at their exact line and column.

use ron::de::Deserializer;
use serde::Deserialize as _;

use crate::model::parts::{self, Parts};
use crate::model::{Dataset, Event, Quote, Speaker, Sym};
use crate::progress::Progress;

/// Files smaller than this are parsed on one thread: cutting would not pay.
pub const PARALLEL_FROM_BYTES: usize = 8 << 20;

/// The events of one piece of the list, with the table their strings went into.
struct Piece {
    events: Vec<Event>,
    parts: Parts,
    /// Where the piece stopped: the next piece's first item, or the list's `]`.
    end: usize,
}

/// Parses `text` cut into up to `pieces_wanted` pieces, each on its own thread, or returns `None` when it cannot be cut (or
/// does not parse): then parse it on one.
pub fn parse(
    text: &str,
    options: &ron::Options,
    pieces_wanted: usize,
    progress: Option<&Progress>,
) -> Option<Dataset> {
    if text.len() < PARALLEL_FROM_BYTES {
        return None;
    }
    parse_cut(text, options, pieces_wanted, progress)
}

/// [`parse`] at any size (tests cut small files); `None` when it cannot cut `text` or
/// `text` does not parse.
pub fn parse_cut(
    text: &str,
    options: &ron::Options,
    pieces_wanted: usize,
    progress: Option<&Progress>,
) -> Option<Dataset> {
    if pieces_wanted < 2 {
        return None;
    }
    let body = events_body_start(text)?;
    // Items are guessed at lines indented like the first item (quotes inside items
    // also open lines with `(`, further in).
    let first = skip_trivia(text, body)?;
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let indent = text.get(line_start..first)?;
    if !indent.bytes().all(|c| matches!(c, b' ' | b'\t')) {
        return None;
    }
    let mut starts = vec![body];
    for k in 1..pieces_wanted {
        let guess = body + (text.len() - body) / pieces_wanted * k;
        if let Some(cut) = item_start_after(text, guess, indent)
            && cut > *starts.last().unwrap_or(&0)
        {
            starts.push(cut);
        }
    }
    if starts.len() < 2 {
        return None;
    }
    // The first thread reports how far it has got through its share, which it ends
    // about when the others end theirs.
    if let (Some(p), Some(&second)) = (progress, starts.get(1)) {
        p.start(crate::progress::Stage::Parsing, second as u64);
    }
    let pieces: Vec<Option<Piece>> = std::thread::scope(|scope| {
        let handles: Vec<_> = starts
            .iter()
            .enumerate()
            .map(|(k, &start)| {
                let limit = starts.get(k + 1).copied().unwrap_or(usize::MAX);
                let share = limit.min(text.len()) - start;
                // One thread follows the progress; its share is a fair sample.
                let progress = (k == 0).then_some(progress).flatten();
                scope.spawn(move || {
                    let (items, parts) = parts::collecting_into(share / 2, text, progress, || {
                        items(text, start, limit, options)
                    });
                    items.map(|(events, end)| Piece { events, parts, end })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    // Each piece must have stopped where the next began. Where it did not, the guess
    // was no item's start (a line inside a string, say): the piece before went on to the
    // first true item past it, and the next piece is read again from there, here.
    let mut joined: Vec<Piece> = Vec::with_capacity(pieces.len());
    for (k, piece) in pieces.into_iter().enumerate() {
        let piece = match (joined.last(), piece) {
            (None, piece) => piece?,
            (Some(before), Some(piece)) if before.end == starts[k] => piece,
            (Some(before), _) => {
                log::info!("an events list cut was no item's start; reading on from the true one");
                let start = before.end;
                let limit = starts.get(k + 1).copied().unwrap_or(usize::MAX);
                let (items, parts) =
                    parts::collecting_into(0, text, None, || items(text, start, limit, options));
                let (events, end) = items?;
                Piece { events, parts, end }
            }
        };
        joined.push(piece);
    }
    let pieces = joined;
    let body_end = pieces.last()?.end;
    let rest = format!("{}{}", &text[..body], &text[body_end..]);
    let (parsed, rest_parts) =
        parts::collecting(&rest, None, || options.from_str::<Dataset>(&rest));
    let rest_ds = parsed.ok()?;
    drop(rest);
    join(rest_ds, rest_parts, pieces)
}

/// Parses the items of the events list from `start` (an item's start, or the list's
/// first byte) until the first item at or after `limit`, or the list's end; returns the
/// events and where it stopped.
fn items(
    text: &str,
    start: usize,
    limit: usize,
    options: &ron::Options,
) -> Option<(Vec<Event>, usize)> {
    let mut events = Vec::new();
    let mut pos = skip_trivia(text, start)?;
    loop {
        if text.as_bytes().get(pos) == Some(&b']') || pos >= limit {
            return Some((events, pos));
        }
        let mut de = Deserializer::from_str_with_options(text.get(pos..)?, options).ok()?;
        events.push(Event::deserialize(&mut de).ok()?);
        let after = skip_trivia(text, text.len() - de.remainder().len())?;
        match text.as_bytes().get(after) {
            Some(b',') => pos = skip_trivia(text, after + 1)?,
            Some(b']') => return Some((events, after)),
            _ => return None,
        }
    }
}

/// Joins the pieces' events and tables to the rest of the dataset: every string table
/// appended to the rest's, spans shifted, names interned once (an actor named in two
/// pieces is one symbol), lists and quotes appended.
///
/// Each piece is let go of as soon as it is joined, so that memory holds the joined
/// dataset and at most one piece beside it.
fn join(mut ds: Dataset, rest: Parts, pieces: Vec<Piece>) -> Option<Dataset> {
    ds = ds.with_parts(rest);
    let total_events: usize = pieces.iter().map(|p| p.events.len()).sum();
    let total_bytes: usize = pieces.iter().map(|p| p.parts.strings.len_bytes()).sum();
    ds.strings.reserve(total_bytes);
    for mut piece in pieces {
        let base = ds
            .strings
            .append_block(piece.parts.strings.as_block())
            .ok()?;
        // This piece's interned names, by their place in its own table, to the joined
        // table's symbols.
        let names: hashbrown::HashMap<Sym, Sym> = piece
            .parts
            .strings
            .interned()
            .map(|s| (s, ds.strings.adopt(s.shifted(base))))
            .collect();
        let name = |s: Sym| names.get(&s).copied().unwrap_or_else(|| s.shifted(base));
        let sym_base = u32::try_from(ds.sym_lists.len()).ok()?;
        let quote_base = u32::try_from(ds.quote_lists.len()).ok()?;
        ds.sym_lists
            .extend(piece.parts.syms.iter().map(|&s| name(s)));
        ds.quote_lists
            .extend(piece.parts.quotes.iter().map(|q| Quote {
                source: name(q.source),
                speaker: match q.speaker {
                    Speaker::Actor(a) => Speaker::Actor(name(a)),
                    Speaker::Other(o) => Speaker::Other(name(o)),
                    Speaker::Outlet => Speaker::Outlet,
                },
                text: q.text.shifted(base),
                ..*q
            }));
        let mut events = std::mem::take(&mut piece.events);
        drop(piece);
        for e in &mut events {
            e.id = e.id.shifted(base);
            e.title = e.title.shifted(base);
            e.summary = e.summary.shifted(base);
            e.date_note = e.date_note.shifted(base);
            e.place = e.place.map(name);
            e.group = e.group.map(name);
            e.participants.start = e.participants.start.checked_add(sym_base)?;
            e.sources.start = e.sources.start.checked_add(sym_base)?;
            e.quotes.start = e.quotes.start.checked_add(quote_base)?;
        }
        if ds.events.is_empty() {
            // The first piece's list becomes the dataset's (grown in place).
            ds.events = events;
            ds.events.reserve(total_events - ds.events.len());
        } else {
            ds.events.extend_from_slice(&events);
        }
    }
    Some(ds)
}

/// Skips white space and comments (`// …`, `/* … */`, nested); `None` at an unclosed
/// comment.
fn skip_trivia(text: &str, mut pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        while b.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        match (b.get(pos), b.get(pos + 1)) {
            (Some(b'/'), Some(b'/')) => {
                pos = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i + 1);
            }
            (Some(b'/'), Some(b'*')) => {
                let mut depth = 0usize;
                loop {
                    match (b.get(pos), b.get(pos + 1)) {
                        (Some(b'/'), Some(b'*')) => {
                            depth += 1;
                            pos += 2;
                        }
                        (Some(b'*'), Some(b'/')) => {
                            depth -= 1;
                            pos += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        (Some(_), _) => pos += 1,
                        (None, _) => return None,
                    }
                }
            }
            _ => return Some(pos),
        }
    }
}

/// The first byte inside the top-level `events: [` list, found by reading the file's
/// head as RON tokens (strings, raw strings, characters and comments skipped) until the
/// field `events` of the outermost value; `None` if it is not there.
fn events_body_start(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut pos = 0;
    while pos < b.len() {
        pos = skip_trivia(text, pos)?;
        let Some(&c) = b.get(pos) else { break };
        match c {
            b'"' => pos = string_end(b, pos + 1)?,
            b'r' if matches!(b.get(pos + 1), Some(b'"' | b'#')) => pos = raw_string_end(b, pos)?,
            b'\'' => pos = char_end(b, pos + 1)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                pos += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                pos += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = pos
                    + b[pos..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                        .unwrap_or(b.len() - pos);
                if depth == 1 && &b[pos..end] == b"events" {
                    let colon = skip_trivia(text, end)?;
                    if b.get(colon) == Some(&b':') {
                        let open = skip_trivia(text, colon + 1)?;
                        return (b.get(open) == Some(&b'[')).then_some(open + 1);
                    }
                }
                pos = end;
            }
            _ => pos += 1,
        }
    }
    None
}

/// After a `"…"` string whose text starts at `pos`.
fn string_end(b: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let i = memchr::memchr2(b'"', b'\\', b.get(pos..)?)?;
        pos += i;
        if b[pos] == b'\\' {
            pos += 2;
        } else {
            return Some(pos + 1);
        }
    }
}

/// After a raw string `r#"…"#` starting at `pos` (the `r`).
fn raw_string_end(b: &[u8], pos: usize) -> Option<usize> {
    let hashes = b[pos + 1..].iter().take_while(|&&c| c == b'#').count();
    let open = pos + 1 + hashes;
    if b.get(open) != Some(&b'"') {
        return Some(pos + 1);
    }
    let mut at = open + 1;
    loop {
        let i = memchr::memchr(b'"', b.get(at..)?)?;
        at += i + 1;
        if b.get(at..at + hashes)?.iter().all(|&c| c == b'#') {
            return Some(at + hashes);
        }
    }
}

/// After a character literal whose content starts at `pos` (`'a'`, `'\''`); a lone
/// `'` is passed over.
fn char_end(b: &[u8], pos: usize) -> Option<usize> {
    let len = if b.get(pos) == Some(&b'\\') { 2 } else { 1 };
    let mut at = pos + len;
    // A multi-byte character: to the next quote within four bytes.
    while at < b.len() && at < pos + 5 && b[at] != b'\'' {
        at += 1;
    }
    Some(if b.get(at) == Some(&b'\'') {
        at + 1
    } else {
        pos
    })
}

/// A guess at an item's start at or after `from`: a `(` that opens a line after
/// `indent`. Confirmed later by the thread that parses up to it.
fn item_start_after(text: &str, from: usize, indent: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = from;
    loop {
        let nl = at + memchr::memchr(b'\n', b.get(at..)?)?;
        let first = nl + 1 + indent.len();
        if b.get(nl + 1..first) == Some(indent.as_bytes()) && b.get(first) == Some(&b'(') {
            return Some(first);
        }
        at = nl + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_events_list_is_found_past_strings_and_comments_that_mention_it() {
        let text = r##"#![enable(implicit_some)]
// events: [ in a comment
(
    title: "events: [",
    description: r#"events: ["#,
    actors: [(id: "events", name: "x")],
    events: [
        (id: "a"),
    ],
)"##;
        let at = events_body_start(text).unwrap();
        assert!(text[..at].ends_with("    events: ["), "{}", &text[..at]);
    }

    #[test]
    fn trivia_and_guesses() {
        let t = "  /* a /* nested */ */ // line\n  x";
        assert_eq!(skip_trivia(t, 0), Some(t.len() - 1));
        assert_eq!(skip_trivia("/* open", 0), None);
        // A guess can be fooled by a string (hence the confirmation).
        let t = "[\n  \"a\n  (\",\n  (x)\n";
        assert_eq!(item_start_after(t, 0, "  "), t.find("(\""));
        assert_eq!(item_start_after(t, 8, "  "), t.find("(x"));
        assert_eq!(item_start_after(t, 0, "    "), None);
    }

    /// The joined dataset is the one a single thread reads, byte for byte once saved,
    /// however the list is cut, with decoys (strings holding lines that open items,
    /// comments between items) in the way.
    #[test]
    fn cut_and_joined_equals_read_whole() {
        let builtin = include_str!("../../../data/trump-putin.ron");
        let mut decoys = String::from(
            "#![enable(implicit_some)]\n(\n    schema: 1,\n    title: \"decoys\",\n    actors: [(id: \"a\", name: \"A\"), (id: \"b\", name: \"B\")],\n    sources: [(id: \"s\", outlet: \"O\", published: \"2024\")],\n    events: [\n",
        );
        for i in 0..200 {
            decoys.push_str(&format!(
                "        // item {i}\n        (id: \"e{i}\", title: \"t\\\"{i}\", kind: Other, date: \"2024-01-{:02}\", status: Reported, participants: [\"{}\"], place: \"p{}\", summary: \"line\n        (not an item\n\", quotes: [(source: \"s\", speaker: Actor(\"a\"), text: \"q{i}\")]),\n",
                i % 28 + 1,
                if i % 2 == 0 { "a" } else { "b" },
                i % 3
            ));
        }
        decoys.push_str("    ],\n    relations: [(id: \"r\", kind: Denies, from: \"e1\", to: \"e0\", question: \"?\")],\n)\n");
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        for text in [builtin, decoys.as_str()] {
            let (whole, parts) =
                parts::collecting(text, None, || options.from_str::<Dataset>(text));
            let whole = whole.unwrap().with_parts(parts);
            let want = crate::save::canonical(&whole, &crate::save::Comments::default());
            let mut joined_any = false;
            for pieces_wanted in [2, 3, 7, 16] {
                if let Some(cut) = parse_cut(text, &options, pieces_wanted, None) {
                    joined_any = true;
                    let got = crate::save::canonical(&cut, &crate::save::Comments::default());
                    assert!(got == want, "{pieces_wanted} pieces differ");
                    // Names are one symbol whichever piece read them.
                    let a: Vec<Sym> = cut
                        .events
                        .iter()
                        .flat_map(|e| cut.syms(e.participants).to_vec())
                        .collect();
                    for s in a {
                        assert!(
                            cut.actors.iter().any(|x| x.id == s),
                            "participant not interned as its actor"
                        );
                    }
                }
            }
            assert!(joined_any, "never cut");
        }
    }
}
