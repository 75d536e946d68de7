//! A hand-written reader for one item of a big file's events or relations list: the
//! common shapes of an event — strings, kinds and statuses, dates, optional names,
//! lists of names, quotes by actors, others or the outlet — and of a relation, read
//! several times as fast as serde reads them through ron.
//!
//! It accepts a strict subset of what ron accepts and reads it to the same event. At
//! anything else — a field it does not know, a field twice or missing, an escape other
//! than `\\ \" \' \n \r \t \0`, coordinates, a quote's position, a date that does not
//! parse, a number — it gives up on the item and the caller reads that item with serde,
//! which also gives the exact error. Nothing is stored until the whole item has been
//! read, so giving up leaves no trace.

use std::borrow::Cow;

use super::tokens::skip_trivia;
use crate::model::parts::{self, Parts};
use crate::model::{
    Event, EventKind, FuzzyDate, Quote, QuoteList, Relation, RelationKind, Speaker, Status, SymList,
};

/// Who speaks a quote, before its name is stored.
enum SpeakerDraft<'a> {
    Actor(Cow<'a, str>),
    Other(Cow<'a, str>),
    Outlet,
}

/// A quote read, not yet stored.
struct QuoteDraft<'a> {
    source: Cow<'a, str>,
    speaker: SpeakerDraft<'a>,
    text: Cow<'a, str>,
    said: Option<FuzzyDate>,
}

/// An event read, not yet stored. Its lists live in the reader, reused item to item.
#[derive(Default)]
struct EventDraft<'a> {
    id: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    kind: Option<EventKind>,
    date: Option<FuzzyDate>,
    end: Option<Option<FuzzyDate>>,
    place: Option<Option<Cow<'a, str>>>,
    status: Option<Status>,
    summary: Option<Cow<'a, str>>,
    date_note: Option<Cow<'a, str>>,
    group: Option<Option<Cow<'a, str>>>,
    has_participants: bool,
    has_quotes: bool,
    has_sources: bool,
}

/// A relation read, not yet stored.
#[derive(Default)]
struct RelationDraft<'a> {
    id: Option<Cow<'a, str>>,
    kind: Option<RelationKind>,
    from: Option<Cow<'a, str>>,
    to: Option<Cow<'a, str>>,
    question: Option<Cow<'a, str>>,
    note: Option<Cow<'a, str>>,
}

/// Reads event and relation items of one text, keeping its scratch lists from item to
/// item.
pub(super) struct ItemReader<'a> {
    text: &'a str,
    participants: Vec<Cow<'a, str>>,
    sources: Vec<Cow<'a, str>>,
    quotes: Vec<QuoteDraft<'a>>,
}

impl<'a> ItemReader<'a> {
    /// A reader of items of `text`.
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            participants: Vec::new(),
            sources: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// Reads the item starting at `pos` (its `(`) and stores it into the parts being
    /// collected on this thread; returns the event and the position after its `)`, or
    /// `None` to have serde read the item instead.
    pub(super) fn event(&mut self, pos: usize) -> Option<(Event, usize)> {
        self.participants.clear();
        self.sources.clear();
        self.quotes.clear();
        let mut cur = Cursor {
            text: self.text,
            pos,
        };
        let draft = self.read(&mut cur)?;
        // Every required field is there before anything is stored.
        if draft.id.is_none()
            || draft.title.is_none()
            || draft.kind.is_none()
            || draft.date.is_none()
            || draft.status.is_none()
        {
            return None;
        }
        let event = parts::with_collecting(|p| self.store(p, draft, pos))??;
        Some((event, cur.pos))
    }

    /// Reads the relation item starting at `pos` and stores it into the parts being
    /// collected on this thread; returns it and the position after its `)`, or `None`
    /// to have serde read the item instead.
    pub(super) fn relation(&mut self, pos: usize) -> Option<(Relation, usize)> {
        let mut cur = Cursor {
            text: self.text,
            pos,
        };
        let mut d = RelationDraft::default();
        cur.expect(b'(')?;
        while let Some(name) = cur.field()? {
            match name {
                "id" => set(&mut d.id, cur.string()?)?,
                "kind" => set(&mut d.kind, relation_kind(cur.ident()?)?)?,
                "from" => set(&mut d.from, cur.string()?)?,
                "to" => set(&mut d.to, cur.string()?)?,
                "question" => set(&mut d.question, cur.string()?)?,
                "note" => set(&mut d.note, cur.string()?)?,
                _ => return None,
            }
            cur.after_value()?;
        }
        let (id, kind, from, to, question) = (d.id?, d.kind?, d.from?, d.to?, d.question?);
        let relation = parts::with_collecting(|p| {
            Some(Relation {
                id: p.strings.intern(&id).ok()?,
                kind,
                from: p.strings.intern(&from).ok()?,
                to: p.strings.intern(&to).ok()?,
                question: p.strings.push(&question).ok()?,
                note: p.strings.push(d.note.as_deref().unwrap_or("")).ok()?,
                linked_by: crate::model::LinkedBy::Sources,
            })
        })??;
        Some((relation, cur.pos))
    }

    fn read(&mut self, cur: &mut Cursor<'a>) -> Option<EventDraft<'a>> {
        let mut d = EventDraft::default();
        cur.expect(b'(')?;
        while let Some(name) = cur.field()? {
            match name {
                "id" => set(&mut d.id, cur.string()?)?,
                "title" => set(&mut d.title, cur.string()?)?,
                "kind" => set(&mut d.kind, kind(cur.ident()?)?)?,
                "date" => set(&mut d.date, cur.date()?)?,
                "end" => set(&mut d.end, cur.option(Cursor::date)?)?,
                "participants" => {
                    once(&mut d.has_participants)?;
                    cur.strings(&mut self.participants)?;
                }
                "place" => set(&mut d.place, cur.option(Cursor::string)?)?,
                "status" => set(&mut d.status, status(cur.ident()?)?)?,
                "summary" => set(&mut d.summary, cur.string()?)?,
                "quotes" => {
                    once(&mut d.has_quotes)?;
                    cur.list(|cur| {
                        let q = cur.quote()?;
                        self.quotes.push(q);
                        Some(())
                    })?;
                }
                "date_note" => set(&mut d.date_note, cur.string()?)?,
                "group" => set(&mut d.group, cur.option(Cursor::string)?)?,
                "sources" => {
                    once(&mut d.has_sources)?;
                    cur.strings(&mut self.sources)?;
                }
                _ => return None,
            }
            cur.after_value()?;
        }
        Some(d)
    }

    /// Stores a whole draft the way serde's reading stores it, field by field in the
    /// order the event declares them; `None` when the table is full (serde then says so).
    fn store(&self, p: &mut Parts, d: EventDraft<'a>, pos: usize) -> Option<Event> {
        p.reached(self.text.as_ptr() as usize + pos);
        let id = p.strings.push_id(&d.id?).ok()?;
        let title = p.strings.push(&d.title?).ok()?;
        let participants = sym_list(p, &self.participants)?;
        let place = match d.place.flatten() {
            Some(s) => Some(p.strings.intern(&s).ok()?),
            None => None,
        };
        let summary = p.strings.push(d.summary.as_deref().unwrap_or("")).ok()?;
        let quotes_start = p.quotes.len();
        for q in &self.quotes {
            let source = p.strings.intern(&q.source).ok()?;
            let speaker = match &q.speaker {
                SpeakerDraft::Actor(a) => Speaker::Actor(p.strings.intern(a).ok()?),
                SpeakerDraft::Other(o) => Speaker::Other(p.strings.intern(o).ok()?),
                SpeakerDraft::Outlet => Speaker::Outlet,
            };
            let text = p.strings.push(&q.text).ok()?;
            p.quotes.push(Quote {
                source,
                speaker,
                text,
                said: q.said,
                position: None,
                lang: None,
            });
        }
        let (start, len) = range(quotes_start, p.quotes.len())?;
        let quotes = QuoteList { start, len };
        let date_note = p.strings.push(d.date_note.as_deref().unwrap_or("")).ok()?;
        let group = match d.group.flatten() {
            Some(s) => Some(p.strings.intern(&s).ok()?),
            None => None,
        };
        let sources = sym_list(p, &self.sources)?;
        Some(Event {
            id,
            title,
            kind: d.kind?,
            date: d.date?,
            end: d.end.flatten(),
            participants,
            place,
            coordinates: None,
            status: d.status?,
            summary,
            quotes,
            date_note,
            group,
            sources,
        })
    }
}

/// Interns `names` into the shared list of symbols.
fn sym_list(p: &mut Parts, names: &[Cow<'_, str>]) -> Option<SymList> {
    let start = p.syms.len();
    for name in names {
        let sym = p.strings.intern(name).ok()?;
        p.syms.push(sym);
    }
    let (start, len) = range(start, p.syms.len())?;
    Some(SymList { start, len })
}

fn range(start: usize, end: usize) -> Option<(u32, u32)> {
    Some((u32::try_from(start).ok()?, u32::try_from(end - start).ok()?))
}

/// Sets a field read once; `None` (give up) when it was already set: serde refuses a
/// field given twice.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// Marks a list field read; `None` the second time.
fn once(seen: &mut bool) -> Option<()> {
    if *seen {
        return None;
    }
    *seen = true;
    Some(())
}

/// An event kind by the name serde reads it by (its variant's name).
fn kind(name: &str) -> Option<EventKind> {
    Some(match name {
        "PhoneCall" => EventKind::PhoneCall,
        "Meeting" => EventKind::Meeting,
        "Message" => EventKind::Message,
        "Statement" => EventKind::Statement,
        "PressConference" => EventKind::PressConference,
        "MediaReport" => EventKind::MediaReport,
        "Denial" => EventKind::Denial,
        "NoComment" => EventKind::NoComment,
        "Context" => EventKind::Context,
        "Other" => EventKind::Other,
        _ => return None,
    })
}

/// A relation kind by the name serde reads it by.
fn relation_kind(name: &str) -> Option<RelationKind> {
    Some(match name {
        "Contradicts" => RelationKind::Contradicts,
        "Denies" => RelationKind::Denies,
        "Supports" => RelationKind::Supports,
        "Corrects" => RelationKind::Corrects,
        "DeclinesToConfirm" => RelationKind::DeclinesToConfirm,
        _ => return None,
    })
}

/// A status by the name serde reads it by.
fn status(name: &str) -> Option<Status> {
    Some(match name {
        "Confirmed" => Status::Confirmed,
        "Reported" => Status::Reported,
        "Alleged" => Status::Alleged,
        "Disputed" => Status::Disputed,
        "Denied" => Status::Denied,
        _ => return None,
    })
}

/// A position in the text being read.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&mut self) -> Option<u8> {
        self.pos = skip_trivia(self.text, self.pos)?;
        self.bytes().get(self.pos).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.pos += 1)
    }

    /// The next field's name and its `:`, or `None` inside `Some` at the closing `)`.
    fn field(&mut self) -> Option<Option<&'a str>> {
        if self.peek()? == b')' {
            self.pos += 1;
            return Some(None);
        }
        let name = self.ident()?;
        self.expect(b':')?;
        Some(Some(name))
    }

    /// After a field's value: a `,`, or the `)` that the next [`Cursor::field`] reads.
    fn after_value(&mut self) -> Option<()> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(())
            }
            b')' => Some(()),
            _ => None,
        }
    }

    /// A plain identifier (no raw `r#` identifiers).
    fn ident(&mut self) -> Option<&'a str> {
        self.peek()?;
        let b = self.bytes();
        let start = self.pos;
        let first = *b.get(start)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let len = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .unwrap_or(b.len() - start);
        self.pos = start + len;
        self.text.get(start..self.pos)
    }

    /// A `"…"` string: borrowed when it has no escapes, else unescaped; `None` for
    /// raw strings and escapes this reader does not take.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let b = self.bytes();
        let start = self.pos;
        let i = memchr::memchr2(b'"', b'\\', b.get(start..)?)?;
        if b[start + i] == b'"' {
            self.pos = start + i + 1;
            return Some(Cow::Borrowed(self.text.get(start..start + i)?));
        }
        let mut owned = String::with_capacity(i + 16);
        let mut at = start;
        loop {
            let i = memchr::memchr2(b'"', b'\\', b.get(at..)?)?;
            owned.push_str(self.text.get(at..at + i)?);
            at += i;
            if b[at] == b'"' {
                self.pos = at + 1;
                return Some(Cow::Owned(owned));
            }
            owned.push(match b.get(at + 1)? {
                b'"' => '"',
                b'\'' => '\'',
                b'\\' => '\\',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                _ => return None,
            });
            at += 2;
        }
    }

    fn date(&mut self) -> Option<FuzzyDate> {
        FuzzyDate::parse(&self.string()?).ok()
    }

    /// An optional value: `None`, `Some(value)`, or the value alone (the file enables
    /// implicit `Some`).
    fn option<T>(&mut self, value: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()? == b'"' {
            return value(self).map(Some);
        }
        match self.ident()? {
            "None" => Some(None),
            "Some" => {
                self.expect(b'(')?;
                let v = value(self)?;
                self.expect(b')')?;
                Some(Some(v))
            }
            _ => None,
        }
    }

    /// A `[…]` list, each item read by `item`; a trailing comma is allowed.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        loop {
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(());
            }
            item(self)?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    fn strings(&mut self, into: &mut Vec<Cow<'a, str>>) -> Option<()> {
        self.list(|cur| {
            into.push(cur.string()?);
            Some(())
        })
    }

    fn quote(&mut self) -> Option<QuoteDraft<'a>> {
        let (mut source, mut speaker, mut text, mut said) = (None, None, None, None);
        self.expect(b'(')?;
        while let Some(name) = self.field()? {
            match name {
                "source" => set(&mut source, self.string()?)?,
                "speaker" => set(&mut speaker, self.speaker()?)?,
                "text" => set(&mut text, self.string()?)?,
                "said" => set(&mut said, self.option(Cursor::date)?)?,
                _ => return None,
            }
            self.after_value()?;
        }
        Some(QuoteDraft {
            source: source?,
            speaker: speaker?,
            text: text?,
            said: said.flatten(),
        })
    }

    fn speaker(&mut self) -> Option<SpeakerDraft<'a>> {
        let variant = self.ident()?;
        if variant == "Outlet" {
            return Some(SpeakerDraft::Outlet);
        }
        self.expect(b'(')?;
        let name = self.string()?;
        self.expect(b')')?;
        match variant {
            "Actor" => Some(SpeakerDraft::Actor(name)),
            "Other" => Some(SpeakerDraft::Other(name)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    const HEAD: &str = "#![enable(implicit_some)]\n(\n    schema: 1,\n    title: \"t\",\n    actors: [(id: \"a\", name: \"A\")],\n    sources: [(id: \"s\", outlet: \"O\", published: \"2024\")],\n    events: [\n";

    fn options() -> ron::Options {
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
    }

    /// Whether the reader takes `item`, and where it stopped.
    fn taken(item: &str) -> Option<usize> {
        let text = format!("{HEAD}        {item},\n    ],\n)\n");
        let pos = text.find(item).unwrap();
        let (read, _) = parts::collecting(&text, None, || ItemReader::new(&text).event(pos));
        read.map(|(_, end)| end - pos)
    }

    /// `items` read in pieces (by this reader where it can) and whole by serde give the
    /// same dataset, saved.
    fn same_as_serde(items: &[&str]) {
        let mut text = HEAD.to_owned();
        for item in items {
            text.push_str(&format!("        {item},\n"));
        }
        text.push_str("    ],\n)\n");
        let (whole, p) = parts::collecting(&text, None, || options().from_str::<Dataset>(&text));
        let whole = whole.unwrap().with_parts(p);
        let want = crate::save::canonical(&whole, &crate::save::Comments::default());
        let cut = super::super::split::parse_cut(&text, &options(), 2, None).unwrap();
        let got = crate::save::canonical(&cut, &crate::save::Comments::default());
        assert_eq!(got, want);
    }

    const PLAIN: &str =
        r#"(id: "e1", title: "A call", kind: PhoneCall, date: "2024-11", status: Reported)"#;

    #[test]
    fn the_common_shapes_are_read_as_serde_reads_them() {
        let full = r#"(
            id: "e2", // a comment
            title: "Say \"no\"\n\ttab \\ 'x' \' \0",
            kind: Denial,
            date: "2024-11-10..2024-11-12",
            end: Some("2024-12"),
            participants: ["a", "b",],
            place: "Moscow",
            status: Denied,
            summary: "two
lines",
            quotes: [
                (source: "s", speaker: Actor("a"), text: "no", said: "2024-11-11"),
                (source: "s", speaker: Other("aides"), text: "yes", said: None),
                /* outlet */ (source: "s", speaker: Outlet, text: "so",),
            ],
            date_note: "from the dateline",
            group: Some("G"),
            sources: ["s"],
        )"#;
        let implicit = r#"(id: "e3", title: "", kind: Other, date: "2017", end: "2018", place: None, group: "g", status: Confirmed, quotes: [], participants: [])"#;
        for item in [PLAIN, full, implicit] {
            assert_eq!(taken(item), Some(item.len()), "{item}");
        }
        same_as_serde(&[PLAIN, full, implicit, PLAIN.replace("e1", "e4").as_str()]);
    }

    #[test]
    fn anything_else_goes_to_serde() {
        for item in [
            // A field twice, an unknown field, a missing one.
            r#"(id: "a", id: "b", title: "t", kind: Other, date: "2024", status: Reported)"#,
            r#"(id: "a", title: "t", kind: Other, date: "2024", status: Reported, colour: "red")"#,
            r#"(id: "a", title: "t", kind: Other, date: "2024")"#,
            // Escapes, raw strings and identifiers, names it does not know.
            r#"(id: "\u{41}", title: "t", kind: Other, date: "2024", status: Reported)"#,
            r#"(id: "a", title: "t\x41", kind: Other, date: "2024", status: Reported)"#,
            r##"(id: r#"a"#, title: "t", kind: Other, date: "2024", status: Reported)"##,
            r#"(r#id: "a", title: "t", kind: Other, date: "2024", status: Reported)"#,
            r#"(id: "a", title: "t", kind: Meting, date: "2024", status: Reported)"#,
            r#"Event(id: "a", title: "t", kind: Other, date: "2024", status: Reported)"#,
            // Dates that do not parse; coordinates; a quote's position.
            r#"(id: "a", title: "t", kind: Other, date: "2024-13", status: Reported)"#,
            r#"(id: "a", title: "t", kind: Other, date: "2024", status: Reported, coordinates: (lat: 1.0, lon: 2.0))"#,
            r#"(id: "a", title: "t", kind: Other, date: "2024", status: Reported, quotes: [(source: "s", speaker: Outlet, text: "x", position: (start: 0, end: 1))])"#,
            // Not closed.
            r#"(id: "a", title: "t", kind: Other, date: "2024", status: Reported"#,
        ] {
            assert_eq!(taken(item), None, "{item}");
        }
        // Serde reads the ones it can, and the whole still equals serde's reading.
        same_as_serde(&[
            PLAIN,
            r#"(id: "q", title: "t", kind: Other, date: "2024", status: Reported, coordinates: (lat: 1.5, lon: -2.25))"#,
            r#"(id: "r", title: "\u{41}", kind: Other, date: "2024", status: Reported)"#,
        ]);
    }

    #[test]
    fn every_kind_and_status_by_the_name_serde_writes() {
        for k in EventKind::ALL {
            assert_eq!(kind(&ron::to_string(&k).unwrap()), Some(k));
        }
        for s in Status::ALL {
            assert_eq!(status(&ron::to_string(&s).unwrap()), Some(s));
        }
        for r in RelationKind::ALL {
            assert_eq!(relation_kind(&ron::to_string(&r).unwrap()), Some(r));
        }
    }

    /// Seeded mutations of real items (bytes flipped, dropped, doubled; quotes,
    /// backslashes, brackets and commas put in): whenever the file is read in pieces (the
    /// reader taking the items it can), serde reads it whole the same way; the pieces
    /// never accept a file serde refuses.
    #[test]
    fn mutated_items_are_read_in_pieces_only_as_serde_reads_them() {
        let items = [
            PLAIN,
            r#"(id: "e2", title: "Say \"no\"", kind: Denial, date: "2024-11-10..2024-11-12", end: Some("2024-12"), participants: ["a"], place: "Moscow", status: Denied, summary: "s", quotes: [(source: "s", speaker: Actor("a"), text: "no", said: "2024-11-11"), (source: "s", speaker: Other("aides"), text: "yes"), (source: "s", speaker: Outlet, text: "so")], date_note: "n", group: Some("G"), sources: ["s"])"#,
        ];
        let inserts: &[&[u8]] = &[
            b"\"",
            b"\\",
            b"(",
            b")",
            b"[",
            b"]",
            b",",
            b":",
            b" ",
            b"//",
            b"/*",
            b"\n",
            b"None",
            b"Some(",
            b"r#",
            b"\xc3\xa9",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as usize
        };
        let (mut taken_count, mut tried, mut compared) = (0, 0, 0);
        for round in 0..3000 {
            let mut bytes = items[round % items.len()].as_bytes().to_vec();
            for _ in 0..1 + next(3) {
                let at = next(bytes.len());
                match next(4) {
                    0 => {
                        bytes.remove(at);
                    }
                    1 => {
                        let b = bytes[at];
                        bytes.insert(at, b);
                    }
                    2 => bytes[at] = b"az09_\" ()[],:"[next(13)],
                    _ => {
                        let ins = inserts[next(inserts.len())];
                        bytes.splice(at..at, ins.iter().copied());
                    }
                }
            }
            let Ok(item) = String::from_utf8(bytes) else {
                continue;
            };
            tried += 1;
            let text = format!("{HEAD}        {item},\n        {PLAIN},\n    ],\n)\n");
            let (whole, p) =
                parts::collecting(&text, None, || options().from_str::<Dataset>(&text));
            let pos = text.find(&item).unwrap();
            let (read, _) = parts::collecting(&text, None, || ItemReader::new(&text).event(pos));
            taken_count += usize::from(read.is_some());
            // What the pieces read (the reader where it takes an item) must be what serde
            // reads whole; a file the pieces refuse is read whole by serde anyway.
            let Some(cut) = super::super::split::parse_cut(&text, &options(), 2, None) else {
                continue;
            };
            let whole =
                whole.unwrap_or_else(|e| panic!("read in pieces what serde refuses ({e}): {item}"));
            let want =
                crate::save::canonical(&whole.with_parts(p), &crate::save::Comments::default());
            let got = crate::save::canonical(&cut, &crate::save::Comments::default());
            assert_eq!(got, want, "read differently: {item}");
            compared += 1;
        }
        assert!(
            tried > 2500 && taken_count > 100 && compared > 100,
            "{tried} tried, {taken_count} taken, {compared} read in pieces"
        );
    }
}
