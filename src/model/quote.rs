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
    /// Where the words are in the source's text, when they were taken from it.
    #[serde(default)]
    pub position: Option<QuotePosition>,
    /// The words' language when it is not the dataset's, as a BCP 47 tag ("ru").
    #[serde(default)]
    pub lang: Option<Text>,
}

/// Where a quote's words are in its source's text, as Claimline reads the text
/// (whitespace, quote marks and dashes folded; see `corpus::normalize`): the characters
/// `start..end`, and the words just before and after, which find the place again when
/// the text moves. The reader records it when words are taken by selection; `check
/// --corpus` verifies it; Web Annotations export it as their selectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotePosition {
    /// The first character, counted from 0.
    pub start: u32,
    /// The character after the last.
    pub end: u32,
    /// The text just before (up to 32 characters).
    #[serde(default)]
    pub prefix: Text,
    /// The text just after (up to 32 characters).
    #[serde(default)]
    pub suffix: Text,
}
