//! One event whole, as plain values: what a [`TimelineData`](super::TimelineData) hands
//! back for an event asked by its index (the details and quotes of an event of a table
//! that is not loaded), and what the engine writes as one row.

use crate::model::{Dataset, EventIdx, EventKind, Speaker, Status};

/// One event whole: what the details panel shows of an event that is not loaded, and
/// one row of the engine's columnar layout (docs/scaling.md).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// Its number in the file it came from.
    pub row: EventIdx,
    /// Its id.
    pub id: String,
    /// First possible day.
    pub start_day: i32,
    /// Last possible day (or end).
    pub end_day: i32,
    /// Known to the day.
    pub exact: bool,
    /// The date as written.
    pub date: String,
    /// The end as written.
    pub end: Option<String>,
    /// Kind.
    pub kind: EventKind,
    /// Status.
    pub status: Status,
    /// Group or lane.
    pub lane: Option<String>,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Place.
    pub place: Option<String>,
    /// First source's address.
    pub url: Option<String>,
    /// Who took part.
    pub actors: Vec<String>,
    /// Its quotes.
    pub quotes: Vec<QuoteRow>,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    /// How its date was worked out.
    pub date_note: String,
    /// The sources it cites (their ids in the dataset's header).
    pub sources: Vec<String>,
    /// The outlets its quotes come from, each once.
    pub outlets: Vec<String>,
}

/// One quote of an [`EventRow`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteRow {
    /// Who said it, by name ("the outlet" for the outlet's own reporting).
    pub speaker: String,
    /// The speaker's actor id, when the speaker is one of the dataset's actors.
    pub speaker_id: String,
    /// The words, verbatim.
    pub text: String,
    /// The source it is quoted from (its id in the dataset's header).
    pub source: String,
    /// When it was said, as written, if not when published.
    pub said: String,
}

/// What [`QuoteRow::speaker`] holds for the outlet's own reporting.
pub const THE_OUTLET: &str = "the outlet";

impl EventRow {
    /// Event `e` of `ds` as a row.
    pub fn of(ds: &Dataset, e: EventIdx) -> Option<Self> {
        let ev = ds.events.get(e as usize)?;
        let end_day = ev
            .end
            .map_or(ev.date.latest(), |end| end.latest().max(ev.date.latest()));
        let name = |s: crate::model::Sym| {
            ds.actor(s)
                .map_or_else(|| ds.str(s).to_owned(), |a| ds.str(a.name).to_owned())
        };
        let quotes = ds
            .quotes(ev.quotes)
            .iter()
            .map(|q| {
                let (speaker, speaker_id) = match q.speaker {
                    Speaker::Actor(a) => (
                        name(a),
                        ds.actor(a)
                            .map_or_else(String::new, |_| ds.str(a).to_owned()),
                    ),
                    Speaker::Other(who) => (ds.str(who).to_owned(), String::new()),
                    Speaker::Outlet => (THE_OUTLET.to_owned(), String::new()),
                };
                QuoteRow {
                    speaker,
                    speaker_id,
                    text: ds.str(q.text).to_owned(),
                    source: ds.str(q.source).to_owned(),
                    said: q.said.map(|d| d.to_string()).unwrap_or_default(),
                }
            })
            .collect();
        let mut outlets: Vec<String> = Vec::new();
        for q in ds.quotes(ev.quotes) {
            if let Some(s) = ds.source(q.source) {
                let outlet = ds.str(s.outlet);
                if !outlets.iter().any(|o| o == outlet) {
                    outlets.push(outlet.to_owned());
                }
            }
        }
        let url = ds
            .syms(ev.sources)
            .first()
            .and_then(|&s| ds.source(s))
            .and_then(|s| s.url)
            .map(|u| ds.str(u).to_owned());
        Some(Self {
            row: e,
            id: ds.str(ev.id).to_owned(),
            start_day: ev.date.earliest(),
            end_day,
            exact: ev.date.is_exact_day(),
            date: ev.date.to_string(),
            end: ev.end.map(|d| d.to_string()),
            kind: ev.kind,
            status: ev.status,
            lane: ev.group.map(|g| ds.str(g).to_owned()),
            title: ds.str(ev.title).to_owned(),
            summary: ds.str(ev.summary).to_owned(),
            place: ev.place.map(|p| ds.str(p).to_owned()),
            url,
            actors: ds.syms(ev.participants).iter().map(|&a| name(a)).collect(),
            quotes,
            coordinates: ev.coordinates.map(|c| (c.lat(), c.lon())),
            date_note: ds.str(ev.date_note).to_owned(),
            sources: ds
                .syms(ev.sources)
                .iter()
                .map(|&s| ds.str(s).to_owned())
                .collect(),
            outlets,
        })
    }
}
