//! A quote: words from a source, verbatim, and who spoke them.

use serde::Deserialize;

use super::date::FuzzyDate;
use super::strings::{Sym, Text};

/// Who speaks in a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Speaker {
    /// A listed actor, by id.
    Actor(Sym),
    /// Someone not listed as an actor ("two people familiar with the matter").
    Other(Sym),
    /// The source's own reporting.
    Outlet,
}

/// Words from a source, verbatim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Id of the source the words are in.
    pub source: Sym,
    /// Who said or wrote them.
    pub speaker: Speaker,
    /// The words exactly as printed; "..." joins parts that are verbatim on their own.
    pub text: Text,
    /// When they were said, if it differs from the publication date.
    #[serde(default)]
    pub said: Option<FuzzyDate>,
}
