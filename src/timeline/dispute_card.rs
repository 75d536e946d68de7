//! The Disputes tab as it shows each contested question — the question, when it began
//! and its latest word, its sides (*Claim*, *Counter-claim*, *Won't say*) with each
//! event's date, status, who, first quote and sources — whoever holds the events: a
//! document in memory ([`QuestionCard::of_document`], every question of the dataset) or
//! a table read through a query engine ([`QuestionCard::of_rows`], the questions bearing
//! on the events on screen, split into sides the same way).

use std::collections::HashMap;

use crate::disputes::{Dispute, first_quote, question_key, sides_of, sources_behind, who};
use crate::model::{EventIdx, EventKind, RelationKind, Status};
use crate::timeline::Document;
use crate::timeline::seam::{DisputeRow, ListRow};

/// A relation as a table tells it: from, to, how.
type Relation = (EventIdx, EventIdx, RelationKind);

/// One contested question as the tab shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionCard {
    /// The question.
    pub question: String,
    /// The dates of the event that started it and of its latest word.
    pub span: Option<(String, String)>,
    /// Relations that cannot be split into two consistent sides, in words.
    pub conflicts: Vec<String>,
    /// Relations the dataset's editor made, not the articles, in words.
    pub by_editor: Vec<String>,
    /// *Claim*, *Counter-claim* and *Won't say*, each in time order.
    pub sides: [Vec<SideCard>; 3],
    /// Its position among the document's disputes (what *Copy as Markdown* and showing
    /// the whole dispute use); `None` for a table's questions on screen.
    pub index: Option<usize>,
}

/// An event on a side.
#[derive(Clone, Debug, PartialEq)]
pub struct SideCard {
    /// The event.
    pub event: EventIdx,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: EventKind,
    /// Its status.
    pub status: Status,
    /// Its date as the list shows it.
    pub date: String,
    /// Who: its participants, or who said its first quote (empty when not known).
    pub who: String,
    /// Its first quote and the outlet that published it, where known.
    pub quote: Option<(String, String)>,
    /// How many sources back it, where known.
    pub sources: Option<usize>,
}

/// The names of the sides, in order.
pub const SIDES: [&str; 3] = ["Claim", "Counter-claim", "Won't say"];

impl QuestionCard {
    /// The document's disputes `range` (they are many in a big dataset: only those
    /// shown are made into cards).
    pub fn of_document(doc: &Document, range: std::ops::Range<usize>) -> Vec<Self> {
        let ds = &doc.dataset;
        let side = |e: EventIdx| {
            let event = &ds.events[e as usize];
            SideCard {
                event: e,
                title: ds.str(event.title).to_owned(),
                kind: event.kind,
                status: event.status,
                date: event.date.display().to_string(),
                who: who(ds, e),
                quote: first_quote(ds, e).map(|(q, o)| (q.to_owned(), o.to_owned())),
                sources: Some(sources_behind(ds, e)),
            }
        };
        let words = |r: usize| {
            ds.relations.get(r).map(|rel| {
                format!(
                    "{} {} {}",
                    ds.str(rel.from),
                    rel.kind.verb(),
                    ds.str(rel.to)
                )
            })
        };
        let end = range.end.min(doc.disputes.len());
        let start = range.start.min(end);
        doc.disputes[start..end]
            .iter()
            .enumerate()
            .map(|(i, d)| Self {
                question: d.question.clone(),
                span: d.first_and_last(ds).map(|(first, last)| {
                    let date = |e: EventIdx| ds.events[e as usize].date.display().to_string();
                    (date(first), date(last))
                }),
                conflicts: d.conflicts.iter().filter_map(|&r| words(r)).collect(),
                by_editor: d
                    .relations
                    .iter()
                    .filter(|&&r| ds.relations.get(r).is_some_and(|r| r.linked_by.is_editor()))
                    .filter_map(|&r| words(r))
                    .collect(),
                sides: sides_cards(d, &side),
                index: Some(start + i),
            })
            .collect()
    }

    /// The questions of the relations a table hands back for the events on screen, in
    /// the order their first relation comes, split into sides as a dataset's are. A
    /// table names events by title and row: who, quotes and sources are not told.
    pub fn of_rows(rows: &[DisputeRow]) -> Vec<Self> {
        let mut events: HashMap<EventIdx, &ListRow> = HashMap::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<(String, Vec<Relation>)> = Vec::new();
        for r in rows {
            events.insert(r.from.row.event, &r.from);
            events.insert(r.to.row.event, &r.to);
            let at = *by_key.entry(question_key(&r.question)).or_insert_with(|| {
                groups.push((r.question.trim().to_owned(), Vec::new()));
                groups.len() - 1
            });
            groups[at]
                .1
                .push((r.from.row.event, r.to.row.event, r.kind));
        }
        let time = |e: EventIdx| {
            events
                .get(&e)
                .map_or((i32::MAX, i32::MAX, e), |r| (r.row.start, r.row.end, e))
        };
        let side = |e: EventIdx| {
            let r = events.get(&e);
            SideCard {
                event: e,
                title: r.map(|r| r.title.clone()).unwrap_or_default(),
                kind: r.map_or(EventKind::ALL[0], |r| r.row.kind),
                status: r.map_or(Status::Reported, |r| r.row.status),
                date: r.map(|r| r.date.clone()).unwrap_or_default(),
                who: String::new(),
                quote: None,
                sources: None,
            }
        };
        groups
            .into_iter()
            .map(|(question, relations)| {
                let d = sides_of(question, &relations, &time);
                let events: Vec<EventIdx> = d.events().collect();
                let first = events.iter().copied().min_by_key(|e| time(*e));
                let last = events.iter().copied().max_by_key(|e| time(*e));
                let date = |e: EventIdx| side(e).date;
                let words = |i: usize| {
                    relations.get(i).map(|&(from, to, kind)| {
                        format!("{} {} {}", side(from).title, kind.verb(), side(to).title)
                    })
                };
                Self {
                    span: first.zip(last).map(|(a, z)| (date(a), date(z))),
                    conflicts: d.conflicts.iter().filter_map(|&i| words(i)).collect(),
                    by_editor: Vec::new(),
                    sides: sides_cards(&d, &side),
                    question: d.question,
                    index: None,
                }
            })
            .collect()
    }
}

/// A dispute's three columns as cards.
fn sides_cards(d: &Dispute, side: &dyn Fn(EventIdx) -> SideCard) -> [Vec<SideCard>; 3] {
    [
        d.sides[0].iter().map(|&e| side(e)).collect(),
        d.sides[1].iter().map(|&e| side(e)).collect(),
        d.declines.iter().map(|&e| side(e)).collect(),
    ]
}
