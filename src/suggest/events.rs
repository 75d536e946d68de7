//! Sentences that report a contact, a claim, a denial or a refusal to comment, proposed
//! as events of the matching kind: the sentence, the kind its words suggest, the date
//! expression nearest before it in the same or the two sentences before, the
//! quotations inside it and the dataset's actors it names.

use super::Span;
use super::dates::DateMention;
use super::quotes::QuoteMention;
use crate::model::EventKind;

/// A proposed event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EventMention {
    /// The sentence, in characters from the text's start.
    pub span: Span,
    /// Its words.
    pub sentence: String,
    /// The kind its words suggest.
    pub kind: EventKind,
    /// The words that suggested it ("spoke by phone").
    pub cue: String,
    /// The date: the nearest date expression in it or in the two sentences before.
    pub date: Option<DateMention>,
    /// The quotations in it (indexes into the quotations found).
    pub quotes: Vec<usize>,
    /// Dataset actors it names, by id.
    pub actors: Vec<String>,
}

/// Cues, in the order they are tried: the more telling first.
const CUES: [(&str, EventKind); 26] = [
    ("declined to comment", EventKind::NoComment),
    ("refused to comment", EventKind::NoComment),
    ("do not comment", EventKind::NoComment),
    ("would not confirm", EventKind::NoComment),
    ("won’t confirm", EventKind::NoComment),
    ("won't confirm", EventKind::NoComment),
    ("there was no conversation", EventKind::Denial),
    ("denied", EventKind::Denial),
    ("denies", EventKind::Denial),
    ("are false", EventKind::Denial),
    ("untrue", EventKind::Denial),
    ("spoke by phone", EventKind::PhoneCall),
    ("phone call", EventKind::PhoneCall),
    ("telephone conversation", EventKind::PhoneCall),
    ("telephone call", EventKind::PhoneCall),
    ("spoke on the phone", EventKind::PhoneCall),
    ("met in person", EventKind::Meeting),
    ("summit", EventKind::Meeting),
    (" met ", EventKind::Meeting),
    ("congratulat", EventKind::Message),
    ("greetings", EventKind::Message),
    ("sent a message", EventKind::Message),
    ("wished", EventKind::Message),
    ("wishing", EventKind::Message),
    ("reported", EventKind::MediaReport),
    ("press conference", EventKind::PressConference),
];

/// The sentences of `text` that report an event, with their dates, quotations and
/// actors (`actors`: the dataset's (id, name) pairs, found by surname). What a text
/// published on `published` reports had happened by then: a date wholly after it
/// ("a second round planned for next month") does not date the event.
pub fn events(
    text: &str,
    dates: &[DateMention],
    quotes: &[QuoteMention],
    actors: &[(String, String)],
    published: Option<chrono::NaiveDate>,
) -> Vec<EventMention> {
    let last_day = published.map(crate::model::date::day_number);
    let not_after_publication = |d: &DateMention| {
        let earliest = d
            .value
            .as_deref()
            .and_then(|v| crate::model::FuzzyDate::parse(v).ok())
            .map(|f| f.earliest());
        match (earliest, last_day) {
            (Some(e), Some(last)) => e <= last,
            _ => true,
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let sentences = sentences(&chars);
    let mut found = Vec::new();
    for (n, s) in sentences.iter().enumerate() {
        let sentence: String = chars[s.start..s.end].iter().collect();
        let lower = sentence.to_lowercase();
        let inside: Vec<usize> = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span.start >= s.start && q.span.start < s.end)
            .map(|(i, _)| i)
            .collect();
        let names_actor = actors.iter().any(|(_, name)| {
            name.split_whitespace()
                .last()
                .is_some_and(|surname| sentence.contains(surname))
        });
        // A telling cue; else a statement: a verb of saying in a sentence that names
        // one of the dataset's actors or holds a quotation.
        let saying = || {
            (names_actor || !inside.is_empty())
                .then(|| {
                    sentence
                        .split(|c: char| !c.is_alphabetic())
                        .find(|w| super::speakers::is_saying(w))
                })
                .flatten()
                .map(|verb| (verb, EventKind::Statement))
        };
        let Some((cue, kind)) = CUES
            .iter()
            .find(|(cue, _)| lower.contains(cue))
            .map(|&(cue, kind)| (cue, kind))
            .or_else(saying)
        else {
            continue;
        };
        let from = sentences[n.saturating_sub(2)].start;
        let date = dates
            .iter()
            .filter(|d| {
                d.span.start >= from
                    && d.span.end <= s.end
                    && d.value.is_some()
                    && not_after_publication(d)
            })
            .min_by_key(|d| {
                // In the sentence first, then the nearest before it.
                if d.span.start >= s.start {
                    (0, d.span.start)
                } else {
                    (1, s.start - d.span.start)
                }
            })
            .cloned();
        // Actors named in it, and the speakers of its quotations.
        let mut named: Vec<String> = actors
            .iter()
            .filter(|(_, name)| {
                name.split_whitespace()
                    .last()
                    .is_some_and(|surname| sentence.contains(surname))
            })
            .map(|(id, _)| id.clone())
            .collect();
        for &q in &inside {
            if let Some(id) = quotes[q].speaker.as_ref().and_then(|s| s.actor.clone())
                && !named.contains(&id)
            {
                named.push(id);
            }
        }
        found.push(EventMention {
            span: *s,
            sentence: sentence.trim().to_owned(),
            kind,
            cue: cue.trim().to_owned(),
            date,
            quotes: inside,
            actors: named,
        });
    }
    found
}

/// The text's sentences: ended by ". ", "! ", "? " (not after a single capital, an
/// initial, or a short abbreviation such as "Nov.") or by a line break.
fn sentences(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ends = c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && chars
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || matches!(n, '”' | '"'))
                && !abbreviation(chars, i));
        if ends {
            let mut end = i + 1;
            while chars.get(end).is_some_and(|c| matches!(c, '”' | '"')) {
                end += 1;
            }
            if chars[start..end].iter().any(|c| c.is_alphanumeric()) {
                out.push(Span { start, end });
            }
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if chars[start..].iter().any(|c| c.is_alphanumeric()) {
        out.push(Span {
            start,
            end: chars.len(),
        });
    }
    out
}

/// Whether the full stop at `i` ends an abbreviation ("Nov.", "U.S.", "Mr.").
fn abbreviation(chars: &[char], i: usize) -> bool {
    if chars[i] != '.' {
        return false;
    }
    let mut k = i;
    while k > 0 && chars[k - 1].is_alphabetic() {
        k -= 1;
    }
    let word: String = chars[k..i].iter().collect();
    let short = word.chars().count() <= 3 && word.starts_with(char::is_uppercase);
    let initial = k > 0 && chars[k - 1] == '.';
    short || initial
}
