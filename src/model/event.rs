//! An event: something that happened, or was said to have happened, at some date — a
//! compact record whose text lives in the dataset's string table.

use serde::Deserialize;

use super::coordinates::Coordinates;
use super::date::FuzzyDate;
use super::kinds::{EventKind, Status};
use super::parts::{QuoteList, SymList};
use super::strings::{Sym, Text};

/// Index of an event in [`Dataset::events`](super::Dataset).
pub type EventIdx = u32;

/// Something that happened, or was said to have happened, at some date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique among events; referenced by relations (by text: not interned).
    #[serde(deserialize_with = "super::parts::event_id")]
    pub id: Sym,
    /// A short title ("Kremlin denies the reported call").
    pub title: Text,
    /// What sort of event.
    pub kind: EventKind,
    /// When it happened (or began), as precisely as the sources allow.
    pub date: FuzzyDate,
    /// When an event that lasts ended (a two-day summit); not for an uncertain date.
    #[serde(default)]
    pub end: Option<FuzzyDate>,
    /// Actor ids of those taking part.
    #[serde(default)]
    pub participants: SymList,
    /// Where it happened.
    #[serde(default)]
    pub place: Option<Sym>,
    /// Where it happened on the map (a table's latitude and longitude columns).
    #[serde(default)]
    pub coordinates: Option<Coordinates>,
    /// How well it is established.
    pub status: Status,
    /// A few sentences on what happened.
    #[serde(default)]
    pub summary: Text,
    /// The words behind the event, verbatim from their sources.
    #[serde(default)]
    pub quotes: QuoteList,
    /// How the date was derived when the source gives only "Thursday" or "last week".
    #[serde(default)]
    pub date_note: Text,
    /// A lane name for imported timelines (TimelineJS `group`).
    #[serde(default)]
    pub group: Option<Sym>,
    /// Ids of sources the event rests on without quoting them (e.g. imported media).
    #[serde(default)]
    pub sources: SymList,
}
