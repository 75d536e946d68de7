//! The dataset: actors, sources, dated events with their quotes, and the relations that
//! say which reports contradict which.
//!
//! These types are what serde reads from a dataset file (see `README.md` for the format)
//! and what the rest of the program works with. Strings are spans into the dataset's
//! [`Strings`] table and short lists live in shared vectors (see [`super::parts`]); read
//! them through the dataset (`ds.str(event.title)`, `ds.quotes(event.quotes)`).

use hashbrown::HashMap;

use serde::Deserialize;

use super::date::FuzzyDate;
pub use super::event::{Event, EventIdx};
use super::kinds::RelationKind;
use super::parts::{Parts, QuoteList, SymList};
pub use super::quote::{Quote, Speaker};
use super::strings::{StrRef, Strings, Sym, Text};

/// The schema version this program reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole timeline of disputed events.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format version; must be [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Shown in the window title and the summary.
    pub title: Text,
    /// What the dataset covers and where it comes from.
    #[serde(default)]
    pub description: Text,
    /// Who compiled the dataset and stands by it (a newsroom, a fact-checker, a person):
    /// the reviewer named in ClaimReview exports, the creator of Web Annotations.
    #[serde(default)]
    pub author: Text,
    /// Its text's language, a BCP 47 tag ("en", "pt-BR"): a published page's `lang`.
    #[serde(default)]
    pub language: Text,
    /// People and bodies that take part in events or speak in quotes.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Articles and documents the quotes come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The events, in any order.
    #[serde(default)]
    pub events: Vec<Event>,
    /// How events bear on each other (contradicts, denies, …).
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Named periods drawn as background bands (e.g. TimelineJS eras).
    #[serde(default)]
    pub eras: Vec<Era>,
    #[serde(skip)]
    pub(crate) strings: Strings,
    #[serde(skip)]
    pub(crate) sym_lists: Vec<Sym>,
    #[serde(skip)]
    pub(crate) quote_lists: Vec<Quote>,
    #[serde(skip)]
    pub(crate) links: Links,
}

/// A person or body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique among actors; referenced by events and quotes.
    pub id: Sym,
    /// Full name as shown ("Dmitry Peskov").
    pub name: Text,
    /// What they are, in the period covered ("Kremlin spokesman").
    #[serde(default)]
    pub role: Text,
}

/// An article or document that quotes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique among sources; referenced by quotes.
    pub id: Sym,
    /// Who published it ("TASS", "Los Angeles Times (Associated Press)").
    pub outlet: Sym,
    /// The article's headline.
    #[serde(default)]
    pub headline: Text,
    /// When it was published, as precisely as known.
    pub published: FuzzyDate,
    /// How the publication date was worked out, when the article does not print it.
    #[serde(default)]
    pub published_note: Text,
    /// Outlets and agencies the article cites (Bloomberg, AFP, Reuters, …).
    #[serde(default)]
    pub cites: SymList,
    /// Where the article can be read.
    #[serde(default)]
    pub url: Option<Text>,
    /// File name of the article's plain text, for `claimline check --corpus`.
    #[serde(default)]
    pub document: Option<Text>,
    /// A copy of the article kept by a web archive, for when the original changes or
    /// goes (as Memento and Robust Links record it).
    #[serde(default)]
    pub archived: Option<Archived>,
    /// The bytes the quotes were checked against, kept beside the dataset under their
    /// SHA-256 (see `capture`).
    #[serde(default)]
    pub capture: Option<Capture>,
}

/// A captured copy of a source, kept beside the dataset: a saved page, a web archive
/// (WARC, WACZ) or plain text, named by the SHA-256 of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    /// The SHA-256 of the captured file, 64 lower-case hex digits.
    pub sha256: Text,
    /// The file, relative to the dataset's folder (`sources/<sha256>.warc.gz`).
    pub file: Text,
    /// What the file holds.
    pub format: CaptureFormat,
    /// The address the page was captured from (WARC-Target-URI), or empty.
    #[serde(default)]
    pub url: Text,
    /// When it was captured (RFC 3339, from the WARC-Date), or empty when not known.
    #[serde(default)]
    pub captured: Text,
    /// The tool that captured it (the WARC's `software`, the WACZ's `software`), or empty.
    #[serde(default)]
    pub tool: Text,
    /// Which record of an archive holds the page (`archive/data.warc.gz <urn:uuid:…>`),
    /// or empty for a page or text file.
    #[serde(default)]
    pub record: Text,
}

/// The kind of file a capture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum CaptureFormat {
    /// Plain text, taken as it is.
    Text,
    /// A saved web page; its article text is extracted.
    Html,
    /// A WARC file (gzipped or not); the page is one of its response records.
    Warc,
    /// A WACZ package (a zip of WARC files with a page index).
    Wacz,
}

impl CaptureFormat {
    /// The word a person would use.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Text => "plain text",
            Self::Html => "saved web page",
            Self::Warc => "WARC",
            Self::Wacz => "WACZ",
        }
    }
}

/// An archived copy of a source: where it is and when it was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archived {
    /// The copy's address (`https://web.archive.org/web/20241112…/…`).
    pub url: Text,
    /// When the copy was taken.
    pub date: FuzzyDate,
}

/// How one event bears on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Unique among relations.
    pub id: Sym,
    /// Contradicts, denies, …; read "`from` denies `to`".
    pub kind: RelationKind,
    /// Id of the event that does the contradicting, denying, …
    pub from: Sym,
    /// Id of the event it bears on.
    pub to: Sym,
    /// The question in dispute ("Did Trump and Putin speak by phone on 7 November 2024?").
    pub question: Text,
    /// Anything a reader should know about the link.
    #[serde(default)]
    pub note: Text,
    /// Who made the link: the sources themselves, or the dataset's editor.
    #[serde(default)]
    pub linked_by: LinkedBy,
}

/// Who says that two events bear on each other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum LinkedBy {
    /// The articles report the one as answering the other.
    #[default]
    Sources,
    /// The dataset's editor linked them; no article does.
    Editor,
}

impl LinkedBy {
    /// Whether the dataset's editor made the link.
    pub fn is_editor(self) -> bool {
        self == Self::Editor
    }
}

/// A named period shown as a background band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Era {
    /// Label of the band.
    pub title: Text,
    /// First day of the period.
    pub start: FuzzyDate,
    /// Last day of the period.
    pub end: FuzzyDate,
}

/// Lookups from ids to positions, built when a dataset is validated.
#[derive(Debug, Default, Clone)]
pub(crate) struct Links {
    pub actors: HashMap<Sym, u32>,
    pub sources: HashMap<Sym, u32>,
    pub events: super::event_ids::EventIds,
    /// For each event, the relations it takes part in: `relation_starts[e]..relation_starts[e+1]`
    /// indexes `relation_ids`.
    pub relation_starts: Vec<u32>,
    pub relation_ids: Vec<u32>,
}

impl Links {
    /// The relations of event `e` (positions in the relation list).
    pub(crate) fn relation_slot(&self, e: usize) -> &[u32] {
        match (self.relation_starts.get(e), self.relation_starts.get(e + 1)) {
            (Some(&a), Some(&b)) => self.relation_ids.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// After an event was inserted at `i`: it takes part in no relation yet. False when
    /// the index does not cover the events (build it again).
    pub(crate) fn event_inserted(&mut self, i: usize) -> bool {
        let Some(&at) = self.relation_starts.get(i) else {
            return false;
        };
        self.relation_starts.insert(i, at);
        true
    }

    /// Before the event at `i` is removed: false (build the index again) unless it takes
    /// part in no relation (an edit removes its relations first).
    pub(crate) fn event_removing(&mut self, i: usize) -> bool {
        if i + 1 >= self.relation_starts.len() || !self.relation_slot(i).is_empty() {
            return false;
        }
        self.relation_starts.remove(i);
        true
    }

    /// After a relation was inserted at position `r`, joining events `ends`: later
    /// relations move up one, and `r` joins its events' slots in order.
    pub(crate) fn relation_inserted(&mut self, r: usize, ends: [usize; 2]) -> bool {
        let (Ok(r32), true) = (
            u32::try_from(r),
            ends.iter().all(|&e| e + 1 < self.relation_starts.len()),
        ) else {
            return false;
        };
        for id in &mut self.relation_ids {
            if *id >= r32 {
                *id += 1;
            }
        }
        let mut ends = ends;
        ends.sort_unstable();
        for (k, &e) in ends.iter().enumerate() {
            if k == 1 && ends[0] == e {
                break;
            }
            let (a, b) = (
                self.relation_starts[e] as usize,
                self.relation_starts[e + 1] as usize,
            );
            let at = a + self.relation_ids[a..b].partition_point(|&id| id < r32);
            self.relation_ids.insert(at, r32);
            for start in &mut self.relation_starts[e + 1..] {
                *start += 1;
            }
        }
        true
    }

    /// Before the relation at position `r`, joining events `ends`, is removed.
    pub(crate) fn relation_removing(&mut self, r: usize, ends: [usize; 2]) -> bool {
        let Ok(r32) = u32::try_from(r) else {
            return false;
        };
        let mut ends = ends;
        ends.sort_unstable();
        for (k, &e) in ends.iter().enumerate().rev() {
            if k == 0 && ends[1] == e {
                continue;
            }
            let slot = self.relation_slot(e);
            let Some(p) = slot.iter().position(|&id| id == r32) else {
                return false;
            };
            let at = self.relation_starts[e] as usize + p;
            self.relation_ids.remove(at);
            for start in &mut self.relation_starts[e + 1..] {
                *start -= 1;
            }
        }
        for id in &mut self.relation_ids {
            if *id > r32 {
                *id -= 1;
            }
        }
        true
    }
}

/// Counts shown in summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Number of events.
    pub events: usize,
    /// Number of sources.
    pub sources: usize,
    /// Number of quotes over all events.
    pub quotes: usize,
    /// Number of relations.
    pub relations: usize,
    /// Number of actors.
    pub actors: usize,
}

impl Dataset {
    /// Builds a dataset from what serde read and the parts collected meanwhile.
    pub(crate) fn with_parts(mut self, parts: Parts) -> Self {
        self.strings = parts.strings;
        self.sym_lists = parts.syms;
        self.quote_lists = parts.quotes;
        self
    }

    /// The text a [`Sym`] or [`Text`] names.
    pub fn str(&self, s: impl StrRef) -> &str {
        self.strings.get(s)
    }

    /// The string table.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// Members of a list of symbols.
    pub fn syms(&self, list: SymList) -> &[Sym] {
        let start = list.start as usize;
        self.sym_lists
            .get(start..start + list.len as usize)
            .unwrap_or(&[])
    }

    /// Members of a list of quotes.
    pub fn quotes(&self, list: QuoteList) -> &[Quote] {
        let start = list.start as usize;
        self.quote_lists
            .get(start..start + list.len as usize)
            .unwrap_or(&[])
    }

    /// Gives quote `q` of event `e` new words (the source's own characters, say); false
    /// when there is no such quote.
    pub fn set_quote_text(
        &mut self,
        e: usize,
        q: usize,
        words: &str,
    ) -> Result<bool, super::strings::StringsFull> {
        let Some(list) = self.events.get(e).map(|ev| ev.quotes) else {
            return Ok(false);
        };
        if q >= list.len as usize {
            return Ok(false);
        }
        let text = self.strings.push(words)?;
        match self.quote_lists.get_mut(list.start as usize + q) {
            Some(quote) => {
                quote.text = text;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The actor with this id.
    pub fn actor(&self, id: Sym) -> Option<&Actor> {
        self.actors.get(*self.links.actors.get(&id)? as usize)
    }

    /// The source with this id.
    pub fn source(&self, id: Sym) -> Option<&Source> {
        self.sources.get(*self.links.sources.get(&id)? as usize)
    }

    /// Position of the event with this id.
    pub fn event_index(&self, id: Sym) -> Option<EventIdx> {
        self.event_index_by_name(self.str(id))
    }

    /// Position of the event whose id is `id`, by text.
    pub fn event_index_by_name(&self, id: &str) -> Option<EventIdx> {
        if self.links.events.is_empty() {
            // Not validated yet: search.
            return self
                .events
                .iter()
                .position(|e| self.str(e.id) == id)
                .and_then(|i| u32::try_from(i).ok());
        }
        self.links.events.get(&self.strings, &self.events, id)
    }

    /// Relations in which event `e` is `from` or `to`.
    pub fn relations_of(&self, e: EventIdx) -> impl Iterator<Item = &Relation> + '_ {
        self.relation_indices_of(e)
            .iter()
            .filter_map(|&r| self.relations.get(r as usize))
    }

    /// Positions in [`Dataset::relations`] of the relations in which event `e` is `from`
    /// or `to`, in order.
    pub fn relation_indices_of(&self, e: EventIdx) -> &[u32] {
        self.links.relation_slot(e as usize)
    }

    /// A speaker's display name: the actor's name, the free text, or the outlet.
    pub fn speaker_name(&self, speaker: Speaker, source: Sym) -> &str {
        match speaker {
            Speaker::Actor(id) => self.actor(id).map_or(self.str(id), |a| self.str(a.name)),
            Speaker::Other(text) => self.str(text),
            Speaker::Outlet => self.source(source).map_or("", |s| self.str(s.outlet)),
        }
    }

    /// Number of events without quotes (shown as unsourced).
    pub fn unsourced_events(&self) -> usize {
        self.events.iter().filter(|e| e.quotes.is_empty()).count()
    }

    /// Counts of what the dataset holds.
    pub fn counts(&self) -> Counts {
        Counts {
            events: self.events.len(),
            sources: self.sources.len(),
            quotes: self.quote_lists.len(),
            relations: self.relations.len(),
            actors: self.actors.len(),
        }
    }

    /// The span of the events' dates (ends included), if there are events.
    pub fn date_span(&self) -> Option<DateSpan> {
        let mut events = self.events.iter();
        let first_event = events.next()?;
        let last = |e: &Event| e.end.unwrap_or(e.date);
        let mut span = DateSpan {
            first: first_event.date.earliest(),
            last_certain: last(first_event).earliest(),
            last_possible: last(first_event).latest(),
        };
        // One pass: large datasets are read once, not three times.
        for e in events {
            let end = last(e);
            span.first = span.first.min(e.date.earliest());
            span.last_certain = span.last_certain.max(end.earliest());
            span.last_possible = span.last_possible.max(end.latest());
        }
        Some(span)
    }
}

/// Where a dataset's dates begin and end, as day numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// The earliest day any event could fall on.
    pub first: i32,
    /// The latest day some event surely began (or ended) by: the largest earliest bound.
    pub last_certain: i32,
    /// The latest day any event could fall on: the largest latest bound.
    pub last_possible: i32,
}
