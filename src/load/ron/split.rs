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

use super::item_reader::ItemReader;
use super::tokens::{Token, next, skip_trivia};
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
    let last_start = *starts.last()?;
    let (pieces, early_rest) = std::thread::scope(|scope| {
        // The rest of the file (everything but the events list) is read meanwhile, up
        // to where a quick scan from the last cut says the list ends; checked below.
        let rest = scope.spawn(move || {
            let end = list_end(text, last_start)?;
            Some((end, rest_of(text, body, end, options)))
        });
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
        let pieces: Vec<Option<Piece>> = handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect();
        (pieces, rest.join().ok().flatten())
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
    let (rest_ds, rest_parts) = match early_rest {
        Some((end, read)) if end == body_end => read?,
        _ => {
            log::info!("the events list ends elsewhere than scanned; reading the rest again");
            rest_of(text, body, body_end, options)?
        }
    };
    join(rest_ds, rest_parts, pieces)
}

/// The dataset without its events: the text before the list's first byte `body` and
/// from its end `body_end` on, parsed with the list left empty. A relations list right
/// after the events list (where Claimline writes it) is read by the hand-written reader
/// too.
fn rest_of(
    text: &str,
    body: usize,
    body_end: usize,
    options: &ron::Options,
) -> Option<(Dataset, Parts)> {
    let relations = relations_after(text, body_end);
    let (parsed, rest_parts) = parts::collecting(text, None, || {
        let (relations, rest) = match relations {
            Some(list) => {
                let (read, end) =
                    list_items(text, list, usize::MAX, 0, options, ItemReader::relation)?;
                let rest = format!(
                    "{}{}{}",
                    text.get(..body)?,
                    text.get(body_end..list)?,
                    text.get(end..)?
                );
                (read, rest)
            }
            None => (
                Vec::new(),
                format!("{}{}", text.get(..body)?, text.get(body_end..)?),
            ),
        };
        let mut ds = options.from_str::<Dataset>(&rest).ok()?;
        if !relations.is_empty() {
            ds.relations = relations;
        }
        Some(ds)
    });
    Some((parsed?, rest_parts))
}

/// The first byte inside a `relations: [` list that follows the events list directly
/// (`body_end` is the events list's `]`).
fn relations_after(text: &str, body_end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let comma = skip_trivia(text, body_end + 1)?;
    (b.get(comma) == Some(&b',')).then_some(())?;
    let name = skip_trivia(text, comma + 1)?;
    (b.get(name..name + "relations".len()) == Some(b"relations".as_slice())).then_some(())?;
    let colon = skip_trivia(text, name + "relations".len())?;
    (b.get(colon) == Some(&b':')).then_some(())?;
    let open = skip_trivia(text, colon + 1)?;
    (b.get(open) == Some(&b'[')).then_some(open + 1)
}

/// Where the list that `from` is inside ends (its `]`), scanning RON tokens (strings,
/// raw strings, characters and comments skipped) from `from`, an item's start; `None`
/// when the brackets do not match. A guess when `from` is only guessed to be an item's
/// start: the caller checks it against where parsing stopped.
fn list_end(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = from;
    loop {
        let (token, start, end) = next(text, pos)?;
        match token {
            Token::Open => depth += 1,
            Token::Close(b']') if depth == 0 => return Some(start),
            Token::Close(_) => depth = depth.checked_sub(1)?,
            Token::Word | Token::Other => {}
        }
        pos = end;
    }
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
    // Room for items of about 256 bytes (generated and table-made ones are about that;
    // larger items leave capacity that is never touched): growing a list of a hundred
    // thousand events by doubling copies it again and again.
    let capacity = limit.min(text.len()).saturating_sub(start) / 256;
    list_items(text, start, limit, capacity, options, ItemReader::event)
}

/// Parses list items of type `T` from `start` until the first item at or after
/// `limit`, or the list's end (its `]`, where it stops): each by the hand-written
/// reader `fast` when it takes the item, else by serde.
fn list_items<'a, T: serde::de::DeserializeOwned>(
    text: &'a str,
    start: usize,
    limit: usize,
    capacity: usize,
    options: &ron::Options,
    mut fast: impl FnMut(&mut ItemReader<'a>, usize) -> Option<(T, usize)>,
) -> Option<(Vec<T>, usize)> {
    let mut found = Vec::with_capacity(capacity);
    let mut reader = ItemReader::new(text);
    let mut pos = skip_trivia(text, start)?;
    loop {
        if text.as_bytes().get(pos) == Some(&b']') || pos >= limit {
            return Some((found, pos));
        }
        // The hand-written reader takes the common shapes; serde the rest.
        let end = if let Some((item, end)) = fast(&mut reader, pos) {
            found.push(item);
            end
        } else {
            let mut de = Deserializer::from_str_with_options(text.get(pos..)?, options).ok()?;
            found.push(T::deserialize(&mut de).ok()?);
            text.len() - de.remainder().len()
        };
        let after = skip_trivia(text, end)?;
        match text.as_bytes().get(after) {
            Some(b',') => pos = skip_trivia(text, after + 1)?,
            Some(b']') => return Some((found, after)),
            _ => return None,
        }
    }
}

/// Where one piece's text, name lists and quotes start in the joined tables.
#[derive(Clone, Copy)]
struct Bases {
    text: u32,
    syms: u32,
    quotes: u32,
}

/// Joins the pieces' events and tables to the rest of the dataset: every string table
/// appended to the rest's, spans shifted, names interned once (an actor named in two
/// pieces is one symbol), lists and quotes appended.
///
/// Where each piece goes is known from the pieces' sizes, so the tables are joined on
/// this thread while the events are shifted into place on another; each piece is let go
/// of as soon as it is joined, so that memory holds the joined dataset and at most one
/// piece (of each half) beside it.
fn join(mut ds: Dataset, rest: Parts, pieces: Vec<Piece>) -> Option<Dataset> {
    ds = ds.with_parts(rest);
    let mut bases = Vec::with_capacity(pieces.len());
    let (mut text, mut syms, mut quotes) = (
        ds.strings.len_bytes(),
        ds.sym_lists.len(),
        ds.quote_lists.len(),
    );
    for piece in &pieces {
        bases.push(Bases {
            text: u32::try_from(text).ok()?,
            syms: u32::try_from(syms).ok()?,
            quotes: u32::try_from(quotes).ok()?,
        });
        text += piece.parts.strings.len_bytes();
        syms += piece.parts.syms.len();
        quotes += piece.parts.quotes.len();
    }
    // The joined tables must stay addressable by 32-bit spans.
    u32::try_from(text).ok()?;
    u32::try_from(syms).ok()?;
    u32::try_from(quotes).ok()?;
    let (tables, events): (Vec<Parts>, Vec<Vec<Event>>) =
        pieces.into_iter().map(|p| (p.parts, p.events)).unzip();
    let counts: Vec<usize> = events.iter().map(Vec::len).collect();
    ds.strings.reserve(text - ds.strings.len_bytes());
    ds.sym_lists.reserve(syms - ds.sym_lists.len());
    ds.quote_lists.reserve(quotes - ds.quote_lists.len());
    let (events, names) = std::thread::scope(|scope| {
        let bases = &bases;
        let events = scope.spawn(move || shifted_events(events, bases));
        let names = join_tables(&mut ds, tables, bases);
        (events.join().ok().flatten(), names)
    });
    ds.events = events?;
    let names = names?;
    // Places and groups are names: each piece's, as the joined table interned them.
    let mut at = 0;
    for ((count, names), base) in counts.into_iter().zip(&names).zip(&bases) {
        let name = |s: Sym| {
            names
                .get(&s)
                .copied()
                .unwrap_or_else(|| s.shifted(base.text))
        };
        for e in ds.events.get_mut(at..at + count)? {
            e.place = e.place.map(name);
            e.group = e.group.map(name);
        }
        at += count;
    }
    Some(ds)
}

/// The pieces' events one after the other, their text spans and list starts shifted to
/// where their piece's tables go (places and groups are left to the caller).
fn shifted_events(pieces: Vec<Vec<Event>>, bases: &[Bases]) -> Option<Vec<Event>> {
    let total: usize = pieces.iter().map(Vec::len).sum();
    let mut joined: Vec<Event> = Vec::new();
    for (mut events, base) in pieces.into_iter().zip(bases) {
        for e in &mut events {
            e.id = e.id.shifted(base.text);
            e.title = e.title.shifted(base.text);
            e.summary = e.summary.shifted(base.text);
            e.date_note = e.date_note.shifted(base.text);
            e.participants.start = e.participants.start.checked_add(base.syms)?;
            e.sources.start = e.sources.start.checked_add(base.syms)?;
            e.quotes.start = e.quotes.start.checked_add(base.quotes)?;
        }
        if joined.is_empty() {
            // The first piece's list becomes the joined one (grown in place).
            joined = events;
            joined.reserve(total - joined.len());
        } else {
            joined.extend_from_slice(&events);
        }
    }
    Some(joined)
}

/// Appends each piece's strings, name lists and quotes to the dataset's tables; returns
/// each piece's interned names by their place in its own table, to the joined table's
/// symbols.
fn join_tables(
    ds: &mut Dataset,
    tables: Vec<Parts>,
    bases: &[Bases],
) -> Option<Vec<hashbrown::HashMap<Sym, Sym>>> {
    let mut all_names = Vec::with_capacity(tables.len());
    for (table, base) in tables.into_iter().zip(bases) {
        let at = ds.strings.append_block(table.strings.as_block()).ok()?;
        if at != base.text {
            return None;
        }
        let names: hashbrown::HashMap<Sym, Sym> = table
            .strings
            .interned()
            .map(|s| (s, ds.strings.adopt(s.shifted(at))))
            .collect();
        let name = |s: Sym| names.get(&s).copied().unwrap_or_else(|| s.shifted(at));
        ds.sym_lists.extend(table.syms.iter().map(|&s| name(s)));
        ds.quote_lists.extend(table.quotes.iter().map(|q| Quote {
            source: name(q.source),
            speaker: match q.speaker {
                Speaker::Actor(a) => Speaker::Actor(name(a)),
                Speaker::Other(o) => Speaker::Other(name(o)),
                Speaker::Outlet => Speaker::Outlet,
            },
            text: q.text.shifted(at),
            lang: q.lang.map(|l| l.shifted(at)),
            ..*q
        }));
        all_names.push(names);
    }
    Some(all_names)
}

/// The first byte inside the top-level `events: [` list, found by reading the file's
/// head as RON tokens (strings, raw strings, characters and comments skipped) until the
/// field `events` of the outermost value; `None` if it is not there.
fn events_body_start(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut pos = 0;
    while let Some((token, start, end)) = next(text, pos) {
        match token {
            Token::Open => depth += 1,
            Token::Close(_) => depth = depth.checked_sub(1)?,
            Token::Word if depth == 1 && &b[start..end] == b"events" => {
                let colon = skip_trivia(text, end)?;
                if b.get(colon) == Some(&b':') {
                    let open = skip_trivia(text, colon + 1)?;
                    return (b.get(open) == Some(&b'[')).then_some(open + 1);
                }
            }
            Token::Word | Token::Other => {}
        }
        pos = end;
    }
    None
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
