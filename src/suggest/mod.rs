//! Reading an article alongside the user: Claimline proposes, the user decides. In
//! running text it finds the date expressions ([`dates`]: absolute, relative to the day
//! of publication, spans; each normalised at its honest precision with a note saying
//! how), the direct quotations with who they are attributed to ([`quotes`]: the text's
//! own characters, never retyped) and the sentences that report an event ([`events`]:
//! a contact, a claim, a denial, a refusal to comment, with its date and quotations).
//! Offline and deterministic: rules over the text, no model. `claimline suggest` lists
//! them; positions are in characters (code points), as quotes' positions are.

pub mod dates;
pub mod events;
pub mod quotes;
mod relative;
mod speakers;
mod words;

use chrono::NaiveDate;

/// A stretch of the text: characters `start..end` from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// The first character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
}

/// What Claimline proposes for one text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Suggestions {
    /// The day of publication the relative dates were read against.
    pub published: Option<String>,
    /// Date expressions.
    pub dates: Vec<dates::DateMention>,
    /// Quotations with their speakers.
    pub quotes: Vec<quotes::QuoteMention>,
    /// Proposed events.
    pub events: Vec<events::EventMention>,
}

/// Everything proposed for `text`, published on `published` (if known); `actors` are
/// the dataset's (id, name) pairs, matched by surname.
pub fn suggest(
    text: &str,
    published: Option<NaiveDate>,
    actors: &[(String, String)],
) -> Suggestions {
    let dates = dates::dates(text, published);
    let quotes = quotes::quotes(text, actors);
    let events = events::events(text, &dates, &quotes, actors, published);
    Suggestions {
        published: published.map(|p| p.format("%Y-%m-%d").to_string()),
        dates,
        quotes,
        events,
    }
}

/// A text's day of publication as its first lines print it: a dateline such as "date
/// 2024-11-11" or "November 11, 2024" within its first 300 characters.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    let head: String = text.chars().take(300).collect();
    dates::dates(&head, None)
        .into_iter()
        .filter_map(|d| crate::model::FuzzyDate::parse(d.value.as_deref()?).ok())
        .find(crate::model::FuzzyDate::is_exact_day)
        .and_then(|d| crate::model::date::date_of(d.earliest()))
}
