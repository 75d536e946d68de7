//! An event as the side panel shows it — what it is, when, who took part, its quotes
//! grouped by source, and the relations it takes part in — whoever holds it: a document
//! in memory ([`Card::of`]) or a table read through a query engine, which tells an event
//! and its links by its row ([`Card::from_row`]). The panel draws a card and never asks
//! which.

use crate::model::{Coordinates, EventIdx, EventKind, FuzzyDate, RelationKind, Source, Speaker};
use crate::model::{Quote, Status, Sym};
use crate::timeline::Document;
use crate::timeline::seam::{EventRow, LinkRow};

/// Quotes shown per related event before "and N more".
pub const QUOTES_SHOWN: usize = 3;

/// The selected event, as the side panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The event.
    pub event: EventIdx,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: EventKind,
    /// Its status.
    pub status: Status,
    /// No quote backs it.
    pub unsourced: bool,
    /// Its date in words ("7 November 2024", "July 2017").
    pub date: String,
    /// How the date was worked out, if the dataset says.
    pub date_note: String,
    /// When a lasting event ended, in words.
    pub until: Option<String>,
    /// Who took part ("Name (role)").
    pub participants: Vec<String>,
    /// Where.
    pub place: Option<String>,
    /// Latitude and longitude.
    pub coordinates: Option<Coordinates>,
    /// Its group or lane.
    pub group: Option<String>,
    /// What happened.
    pub summary: String,
    /// Sources it cites without a quote.
    pub cited: Vec<SourceCard>,
    /// Its quotes, grouped by source in order of first use (a source not known: `None`).
    pub quotes: Vec<(Option<SourceCard>, Vec<QuoteCard>)>,
    /// The relations it takes part in.
    pub links: Vec<LinkCard>,
}

/// A source as the panel heads its quotes with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceCard {
    /// The outlet.
    pub outlet: String,
    /// The headline.
    pub headline: String,
    /// When it was published, in words (empty when not known).
    pub published: String,
    /// How that date was worked out.
    pub published_note: String,
    /// Whom it cites.
    pub cites: Vec<String>,
    /// Its address.
    pub url: Option<String>,
    /// Its captured copy: what it is ("WARC, 2024-11-08T…, by warcio"), its SHA-256 and
    /// the file it is kept in.
    pub capture: Option<(String, String, String)>,
    /// An archived copy: its date in words and its address.
    pub archived: Option<(String, String)>,
}

/// A quote, with who said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteCard {
    /// The words, verbatim.
    pub text: String,
    /// Who said it ("— Dmitry Peskov, Kremlin spokesman"), or nothing when not known.
    pub speaker: String,
    /// When it was said, in words, if not when published.
    pub said: Option<String>,
}

/// A relation the event takes part in, with the event at its other end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkCard {
    /// The question in dispute.
    pub question: String,
    /// How.
    pub kind: RelationKind,
    /// The event bears on the other (it denies, contradicts…); otherwise the other
    /// bears on it.
    pub outgoing: bool,
    /// The event at the other end.
    pub other: EventIdx,
    /// Its title.
    pub other_title: String,
    /// Its kind, status and date in words, where known.
    pub other_event: Option<(EventKind, Status, String)>,
    /// Its first quotes ([`QUOTES_SHOWN`]): words and who said them, via which outlet.
    pub other_quotes: Vec<(String, String)>,
    /// How many quotes it has in all, where known.
    pub other_quote_count: Option<usize>,
    /// The dataset's editor made the link, not the articles.
    pub by_editor: bool,
    /// The editor's note on it.
    pub note: String,
}

impl Card {
    /// Event `e` of a document in memory.
    pub fn of(doc: &Document, e: EventIdx) -> Option<Self> {
        let ds = &doc.dataset;
        let event = ds.events.get(e as usize)?;
        let participants = ds
            .syms(event.participants)
            .iter()
            .map(|&p| match ds.actor(p) {
                Some(actor) if !actor.role.is_empty() => {
                    format!("{} ({})", ds.str(actor.name), ds.str(actor.role))
                }
                Some(actor) => ds.str(actor.name).to_owned(),
                None => ds.str(p).to_owned(),
            })
            .collect();
        let source_card = |id: Sym| ds.source(id).map(|s| source_card(doc, s));
        let cited = ds
            .syms(event.sources)
            .iter()
            .filter_map(|&id| source_card(id))
            .collect();
        // Sources in order of first use, each with its quotes.
        let mut groups: Vec<(Sym, Vec<&Quote>)> = Vec::new();
        for quote in ds.quotes(event.quotes) {
            match groups.iter_mut().find(|(s, _)| *s == quote.source) {
                Some((_, list)) => list.push(quote),
                None => groups.push((quote.source, vec![quote])),
            }
        }
        let quotes = groups
            .into_iter()
            .map(|(source, quotes)| {
                let quotes = quotes
                    .into_iter()
                    .map(|q| QuoteCard {
                        text: ds.str(q.text).to_owned(),
                        speaker: match q.speaker {
                            Speaker::Actor(id) => match ds.actor(id) {
                                Some(a) if !a.role.is_empty() => {
                                    format!("— {}, {}", ds.str(a.name), ds.str(a.role))
                                }
                                Some(a) => format!("— {}", ds.str(a.name)),
                                None => format!("— {}", ds.str(id)),
                            },
                            Speaker::Other(who) => format!("— {}", ds.str(who)),
                            Speaker::Outlet => "— the outlet's own reporting".to_owned(),
                        },
                        said: q.said.map(|d| d.describe()),
                    })
                    .collect();
                (source_card(source), quotes)
            })
            .collect();
        let this = ds.str(event.id);
        let links = ds
            .relations_of(e)
            .filter_map(|relation| {
                let outgoing = ds.str(relation.from) == this;
                let other_id = if outgoing { relation.to } else { relation.from };
                let other = ds.event_index(other_id)?;
                let other_event = ds.events.get(other as usize)?;
                let quotes = ds.quotes(other_event.quotes);
                Some(LinkCard {
                    question: ds.str(relation.question).to_owned(),
                    kind: relation.kind,
                    outgoing,
                    other,
                    other_title: ds.str(other_event.title).to_owned(),
                    other_event: Some((
                        other_event.kind,
                        other_event.status,
                        other_event.date.describe(),
                    )),
                    other_quotes: quotes
                        .iter()
                        .take(QUOTES_SHOWN)
                        .map(|quote| {
                            let outlet = ds.source(quote.source).map_or("", |s| ds.str(s.outlet));
                            let who = match quote.speaker {
                                Speaker::Outlet => outlet.to_owned(),
                                _ => format!(
                                    "{}, via {outlet}",
                                    ds.speaker_name(quote.speaker, quote.source)
                                ),
                            };
                            (ds.str(quote.text).to_owned(), who)
                        })
                        .collect(),
                    other_quote_count: Some(quotes.len()),
                    by_editor: relation.linked_by.is_editor(),
                    note: ds.str(relation.note).to_owned(),
                })
            })
            .collect();
        Some(Self {
            event: e,
            id: this.to_owned(),
            title: ds.str(event.title).to_owned(),
            kind: event.kind,
            status: event.status,
            unsourced: event.quotes.is_empty(),
            date: event.date.describe(),
            date_note: ds.str(event.date_note).to_owned(),
            until: event.end.map(|d| d.describe()),
            participants,
            place: event.place.map(|p| ds.str(p).to_owned()),
            coordinates: event.coordinates,
            group: event.group.map(|g| ds.str(g).to_owned()),
            summary: ds.str(event.summary).to_owned(),
            cited,
            quotes,
            links,
        })
    }

    /// An event as a query engine tells it: its row and the relations it takes part in.
    /// The table keeps less than a dataset: its quotes' speakers by name, its first
    /// source's address, the other events of its links by title.
    pub fn from_row(row: &EventRow, links: &[LinkRow]) -> Self {
        let described = |written: &str| {
            FuzzyDate::parse(written).map_or_else(|_| written.to_owned(), |d| d.describe())
        };
        let quotes: Vec<QuoteCard> = row
            .quotes
            .iter()
            .map(|(speaker, text)| QuoteCard {
                text: text.clone(),
                speaker: if speaker.is_empty() {
                    String::new()
                } else {
                    format!("— {speaker}")
                },
                said: None,
            })
            .collect();
        let source = row.url.as_ref().map(|url| SourceCard {
            url: Some(url.clone()),
            ..SourceCard::default()
        });
        let (cited, quotes) = match (quotes.is_empty(), source) {
            (true, Some(s)) => (vec![s], Vec::new()),
            (true, None) => (Vec::new(), Vec::new()),
            (false, s) => (Vec::new(), vec![(s, quotes)]),
        };
        Self {
            event: row.row,
            id: row.id.clone(),
            title: row.title.clone(),
            kind: row.kind,
            status: row.status,
            unsourced: row.quotes.is_empty(),
            date: described(&row.date),
            date_note: String::new(),
            until: row.end.as_deref().map(described),
            participants: row.actors.clone(),
            place: row.place.clone(),
            coordinates: row
                .coordinates
                .and_then(|(lat, lon)| Coordinates::new(lat, lon).ok()),
            group: row.lane.clone(),
            summary: row.summary.clone(),
            cited,
            quotes,
            links: links
                .iter()
                .map(|l| {
                    let outgoing = l.from == row.row;
                    LinkCard {
                        question: l.question.clone(),
                        kind: l.kind,
                        outgoing,
                        other: if outgoing { l.to } else { l.from },
                        other_title: l.other_title.clone(),
                        other_event: None,
                        other_quotes: Vec::new(),
                        other_quote_count: None,
                        by_editor: false,
                        note: String::new(),
                    }
                })
                .collect(),
        }
    }

    /// How many quotes it has.
    pub fn quote_count(&self) -> usize {
        self.quotes.iter().map(|(_, q)| q.len()).sum()
    }
}

/// A source of a document as the panel heads quotes with.
fn source_card(doc: &Document, source: &Source) -> SourceCard {
    let ds = &doc.dataset;
    SourceCard {
        outlet: ds.str(source.outlet).to_owned(),
        headline: ds.str(source.headline).to_owned(),
        published: source.published.describe(),
        published_note: ds.str(source.published_note).to_owned(),
        cites: ds
            .syms(source.cites)
            .iter()
            .map(|&c| ds.str(c).to_owned())
            .collect(),
        url: source.url.map(|u| ds.str(u).to_owned()),
        capture: source.capture.map(|c| {
            let mut words = c.format.describe().to_owned();
            if !c.captured.is_empty() {
                words.push_str(&format!(", {}", ds.str(c.captured)));
            }
            if !c.tool.is_empty() {
                words.push_str(&format!(", by {}", ds.str(c.tool)));
            }
            (
                words,
                ds.str(c.sha256).to_owned(),
                ds.str(c.file).to_owned(),
            )
        }),
        archived: source
            .archived
            .map(|a| (a.date.describe(), ds.str(a.url).to_owned())),
    }
}
