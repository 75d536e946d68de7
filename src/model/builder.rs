//! Building a dataset in code (the generator, importers) rather than by parsing a file.
//! Strings go into the same compact table the loader fills; the result is validated
//! like a loaded file before anyone uses it.

use super::coordinates::Coordinates;
use super::dataset::{
    Actor, Archived, Dataset, Era, Event, Quote, Relation, SCHEMA_VERSION, Source, Speaker,
};
use super::date::FuzzyDate;
use super::kinds::{EventKind, RelationKind, Status};
use super::parts::{QuoteList, SymList};
use super::strings::{StringsFull, Sym};

/// Who speaks in a quote being added.
#[derive(Clone, Copy, Debug)]
pub enum SpeakerSpec<'a> {
    /// An actor's id.
    Actor(&'a str),
    /// Someone described in words.
    Other(&'a str),
    /// The source's own reporting.
    Outlet,
}

/// A quote being added.
#[derive(Clone, Copy, Debug)]
pub struct QuoteSpec<'a> {
    /// Source id.
    pub source: &'a str,
    /// Who said it.
    pub speaker: SpeakerSpec<'a>,
    /// The words.
    pub text: &'a str,
    /// When said, if not when published.
    pub said: Option<FuzzyDate>,
}

/// An event being added.
#[derive(Clone, Copy, Debug)]
pub struct EventSpec<'a> {
    /// Unique id.
    pub id: &'a str,
    /// Short title.
    pub title: &'a str,
    /// Kind.
    pub kind: EventKind,
    /// Date.
    pub date: FuzzyDate,
    /// End of an event that lasts.
    pub end: Option<FuzzyDate>,
    /// Actor ids.
    pub participants: &'a [&'a str],
    /// Place.
    pub place: Option<&'a str>,
    /// Latitude and longitude.
    pub coordinates: Option<Coordinates>,
    /// Status.
    pub status: Status,
    /// Summary.
    pub summary: &'a str,
    /// Quotes.
    pub quotes: &'a [QuoteSpec<'a>],
    /// How the date was derived.
    pub date_note: &'a str,
    /// Lane for imported timelines.
    pub group: Option<&'a str>,
    /// Source ids the event rests on without quoting them.
    pub sources: &'a [&'a str],
}

/// A source being added.
#[derive(Clone, Copy, Debug)]
pub struct SourceSpec<'a> {
    /// Unique id.
    pub id: &'a str,
    /// Outlet.
    pub outlet: &'a str,
    /// Headline.
    pub headline: &'a str,
    /// Publication date.
    pub published: FuzzyDate,
    /// How the publication date was derived.
    pub published_note: &'a str,
    /// Outlets and agencies cited.
    pub cites: &'a [&'a str],
    /// Web address.
    pub url: Option<&'a str>,
    /// Document file name.
    pub document: Option<&'a str>,
    /// An archived copy: its address and when it was taken.
    pub archived: Option<(&'a str, FuzzyDate)>,
}

/// Builds a [`Dataset`] piece by piece.
#[derive(Debug)]
pub struct DatasetBuilder {
    ds: Dataset,
}

fn list_range(start: usize, end: usize) -> Result<(u32, u32), StringsFull> {
    let start32 = u32::try_from(start).map_err(|_| StringsFull)?;
    let len32 = u32::try_from(end - start).map_err(|_| StringsFull)?;
    Ok((start32, len32))
}

impl DatasetBuilder {
    /// An empty dataset with a title and description.
    pub fn new(title: &str, description: &str) -> Result<Self, StringsFull> {
        let mut ds = Dataset {
            schema: SCHEMA_VERSION,
            ..Dataset::default()
        };
        ds.title = ds.strings.push(title)?;
        ds.description = ds.strings.push(description)?;
        Ok(Self { ds })
    }

    /// Reserves room for `events` events with about `text_bytes` of text.
    pub fn reserve(&mut self, events: usize, text_bytes: usize) {
        self.ds.events.reserve(events);
        self.ds.strings.reserve(text_bytes);
    }

    fn sym(&mut self, s: &str) -> Result<Sym, StringsFull> {
        self.ds.strings.intern(s)
    }

    fn syms(&mut self, items: &[&str]) -> Result<SymList, StringsFull> {
        let start = self.ds.sym_lists.len();
        for item in items {
            let sym = self.sym(item)?;
            self.ds.sym_lists.push(sym);
        }
        let (start, len) = list_range(start, self.ds.sym_lists.len())?;
        Ok(SymList { start, len })
    }

    /// Adds an actor.
    pub fn actor(&mut self, id: &str, name: &str, role: &str) -> Result<(), StringsFull> {
        let actor = Actor {
            id: self.sym(id)?,
            name: self.ds.strings.push(name)?,
            role: self.ds.strings.push(role)?,
        };
        self.ds.actors.push(actor);
        Ok(())
    }

    /// Adds a source.
    pub fn source(&mut self, s: &SourceSpec<'_>) -> Result<(), StringsFull> {
        let source = Source {
            id: self.sym(s.id)?,
            outlet: self.sym(s.outlet)?,
            headline: self.ds.strings.push(s.headline)?,
            published: s.published,
            published_note: self.ds.strings.push(s.published_note)?,
            cites: self.syms(s.cites)?,
            url: s.url.map(|u| self.ds.strings.push(u)).transpose()?,
            document: s.document.map(|d| self.ds.strings.push(d)).transpose()?,
            archived: match s.archived {
                Some((url, date)) => Some(Archived {
                    url: self.ds.strings.push(url)?,
                    date,
                }),
                None => None,
            },
            capture: None,
        };
        self.ds.sources.push(source);
        Ok(())
    }

    /// Adds an event with its quotes.
    pub fn event(&mut self, e: &EventSpec<'_>) -> Result<(), StringsFull> {
        let start = self.ds.quote_lists.len();
        for q in e.quotes {
            let speaker = match q.speaker {
                SpeakerSpec::Actor(id) => Speaker::Actor(self.sym(id)?),
                SpeakerSpec::Other(who) => Speaker::Other(self.sym(who)?),
                SpeakerSpec::Outlet => Speaker::Outlet,
            };
            let quote = Quote {
                source: self.sym(q.source)?,
                speaker,
                text: self.ds.strings.push(q.text)?,
                said: q.said,
                position: None,
                lang: None,
            };
            self.ds.quote_lists.push(quote);
        }
        let (qstart, qlen) = list_range(start, self.ds.quote_lists.len())?;
        let event = Event {
            id: self.sym(e.id)?,
            title: self.ds.strings.push(e.title)?,
            kind: e.kind,
            date: e.date,
            end: e.end,
            participants: self.syms(e.participants)?,
            place: e.place.map(|p| self.sym(p)).transpose()?,
            coordinates: e.coordinates,
            status: e.status,
            summary: self.ds.strings.push(e.summary)?,
            quotes: QuoteList {
                start: qstart,
                len: qlen,
            },
            date_note: self.ds.strings.push(e.date_note)?,
            group: e.group.map(|g| self.sym(g)).transpose()?,
            sources: self.syms(e.sources)?,
        };
        self.ds.events.push(event);
        Ok(())
    }

    /// Adds a relation.
    pub fn relation(
        &mut self,
        id: &str,
        kind: RelationKind,
        from: &str,
        to: &str,
        question: &str,
        note: &str,
    ) -> Result<(), StringsFull> {
        let relation = Relation {
            id: self.sym(id)?,
            kind,
            from: self.sym(from)?,
            to: self.sym(to)?,
            question: self.ds.strings.push(question)?,
            note: self.ds.strings.push(note)?,
            linked_by: crate::model::LinkedBy::Sources,
        };
        self.ds.relations.push(relation);
        Ok(())
    }

    /// Adds an era (a background band).
    pub fn era(
        &mut self,
        title: &str,
        start: FuzzyDate,
        end: FuzzyDate,
    ) -> Result<(), StringsFull> {
        let era = Era {
            title: self.ds.strings.push(title)?,
            start,
            end,
        };
        self.ds.eras.push(era);
        Ok(())
    }

    /// Number of events added so far.
    pub fn event_count(&self) -> usize {
        self.ds.events.len()
    }

    /// The dataset, not yet validated (see [`crate::load::load_built`]).
    pub fn finish(self) -> Dataset {
        self.ds
    }
}
