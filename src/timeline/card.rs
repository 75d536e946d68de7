//! An event as the side panel shows it — what it is, when, who took part, its quotes
//! grouped by source, and the relations it takes part in — whoever holds it: a document
//! in memory ([`Card::of`]) or a table read through a query engine, which tells an event
//! and its links by its row ([`Card::from_rows`]). Both are made by the same function
//! from the same rows, so the panel draws the same card whichever holds the event.

use crate::model::Status;
use crate::model::{Coordinates, Dataset, EventIdx, EventKind, FuzzyDate, RelationKind, Source};
use crate::timeline::Document;
use crate::timeline::seam::event_row::THE_OUTLET;
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
    /// Event `e` of a document in memory: the same card a table read through an engine
    /// gives for the same event ([`Card::from_rows`]), by construction.
    pub fn of(doc: &Document, e: EventIdx) -> Option<Self> {
        let ds = &doc.dataset;
        let row = EventRow::of(ds, e)?;
        let links = crate::timeline::seam::memory::links_of(ds, e);
        let others: Vec<EventRow> = links
            .iter()
            .filter_map(|l| EventRow::of(ds, if l.from == e { l.to } else { l.from }))
            .collect();
        Some(Self::from_rows(&row, &links, &others, Some(ds)))
    }

    /// An event as any data tells it: its row, the relations it takes part in, the rows
    /// of the events at their other ends (those not given are named by title only), and
    /// the dataset's header — its actors and sources — where there is one.
    pub fn from_rows(
        row: &EventRow,
        links: &[LinkRow],
        others: &[EventRow],
        header: Option<&Dataset>,
    ) -> Self {
        let described = |written: &str| {
            FuzzyDate::parse(written).map_or_else(|_| written.to_owned(), |d| d.describe())
        };
        let actor_named = |name: &str| {
            header.and_then(|ds| {
                ds.actors
                    .iter()
                    .find(|a| ds.str(a.name) == name)
                    .map(|a| (ds, a))
            })
        };
        let actor_by_id = |id: &str| {
            header.and_then(|ds| {
                ds.actors
                    .iter()
                    .find(|a| ds.str(a.id) == id)
                    .map(|a| (ds, a))
            })
        };
        let source = |id: &str| {
            header.and_then(|ds| {
                ds.sources
                    .iter()
                    .find(|s| ds.str(s.id) == id)
                    .map(|s| (ds, s))
            })
        };
        let participants = row
            .actors
            .iter()
            .map(|name| match actor_named(name) {
                Some((ds, a)) if !a.role.is_empty() => format!("{name} ({})", ds.str(a.role)),
                _ => name.clone(),
            })
            .collect();
        let cited = row
            .sources
            .iter()
            .filter_map(|id| source(id).map(|(ds, s)| source_card(ds, s)))
            .collect();
        // Sources in order of first use, each with its quotes.
        let mut groups: Vec<(&str, Vec<QuoteCard>)> = Vec::new();
        for q in &row.quotes {
            let card = QuoteCard {
                text: q.text.clone(),
                speaker: match actor_by_id(&q.speaker_id) {
                    Some((ds, a)) if !a.role.is_empty() => {
                        format!("— {}, {}", ds.str(a.name), ds.str(a.role))
                    }
                    Some((ds, a)) => format!("— {}", ds.str(a.name)),
                    None if q.speaker_id.is_empty() && q.speaker == THE_OUTLET => {
                        "— the outlet's own reporting".to_owned()
                    }
                    None if q.speaker.is_empty() => String::new(),
                    None => format!("— {}", q.speaker),
                },
                said: (!q.said.is_empty()).then(|| described(&q.said)),
            };
            match groups.iter_mut().find(|(s, _)| *s == q.source) {
                Some((_, list)) => list.push(card),
                None => groups.push((&q.source, vec![card])),
            }
        }
        let quotes: Vec<(Option<SourceCard>, Vec<QuoteCard>)> = groups
            .into_iter()
            .map(|(id, quotes)| (source(id).map(|(ds, s)| source_card(ds, s)), quotes))
            .collect();
        // A table converted before sources were kept names its first source's address.
        let (cited, quotes) = match (header.is_none() && row.sources.is_empty(), &row.url) {
            (true, Some(url)) => {
                let s = SourceCard {
                    url: Some(url.clone()),
                    ..SourceCard::default()
                };
                if quotes.is_empty() {
                    (vec![s], quotes)
                } else {
                    let quotes = quotes
                        .into_iter()
                        .map(|(_, q)| (Some(s.clone()), q))
                        .collect();
                    (cited, quotes)
                }
            }
            _ => (cited, quotes),
        };
        let links = links
            .iter()
            .map(|l| {
                let outgoing = l.from == row.row;
                let other = if outgoing { l.to } else { l.from };
                let other_row = others.iter().find(|o| o.row == other);
                LinkCard {
                    question: l.question.clone(),
                    kind: l.kind,
                    outgoing,
                    other,
                    other_title: l.other_title.clone(),
                    other_event: other_row.map(|o| (o.kind, o.status, described(&o.date))),
                    other_quotes: other_row.map_or_else(Vec::new, |o| {
                        o.quotes
                            .iter()
                            .take(QUOTES_SHOWN)
                            .map(|q| {
                                let outlet =
                                    source(&q.source).map_or("", |(ds, s)| ds.str(s.outlet));
                                let who = if q.speaker_id.is_empty() && q.speaker == THE_OUTLET {
                                    outlet.to_owned()
                                } else {
                                    format!("{}, via {outlet}", q.speaker)
                                };
                                (q.text.clone(), who)
                            })
                            .collect()
                    }),
                    other_quote_count: other_row.map(|o| o.quotes.len()),
                    by_editor: l.by_editor,
                    note: l.note.clone(),
                }
            })
            .collect();
        Self {
            event: row.row,
            id: row.id.clone(),
            title: row.title.clone(),
            kind: row.kind,
            status: row.status,
            unsourced: row.quotes.is_empty(),
            date: described(&row.date),
            date_note: row.date_note.clone(),
            until: row.end.as_deref().map(described),
            participants,
            place: row.place.clone(),
            coordinates: row
                .coordinates
                .and_then(|(lat, lon)| Coordinates::new(lat, lon).ok()),
            group: row.lane.clone(),
            summary: row.summary.clone(),
            cited,
            quotes,
            links,
        }
    }

    /// How many quotes it has.
    pub fn quote_count(&self) -> usize {
        self.quotes.iter().map(|(_, q)| q.len()).sum()
    }
}

/// A source of a dataset as the panel heads quotes with.
fn source_card(ds: &Dataset, source: &Source) -> SourceCard {
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
