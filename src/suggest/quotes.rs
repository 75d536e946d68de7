//! Direct quotations in running text: every span between quotation marks (curly,
//! straight, single curly or guillemets; a quotation that runs on into the next
//! paragraph, as newspapers write them, kept whole), its characters exactly as the text
//! has them, with its speaker read by [`super::speakers`].

use super::Span;
pub use super::speakers::Speaker;
use super::speakers::attribute;

/// A quotation found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct QuoteMention {
    /// Where its words are (inside the marks), in characters from the text's start.
    pub span: Span,
    /// Its words, exactly as the text has them.
    pub text: String,
    /// Who the text says said it, if it says.
    pub speaker: Option<Speaker>,
    /// A few words inside a sentence of the reporter's ("called it “pure fiction”"),
    /// not a sentence of the speaker's own.
    pub partial: bool,
}

/// Every quotation in `text`, in order, with its speaker where the text gives one;
/// `actors` are the dataset's (id, name) pairs, matched by surname.
pub fn quotes(text: &str, actors: &[(String, String)]) -> Vec<QuoteMention> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(close) = closing(&chars, i) else {
            i += 1;
            continue;
        };
        let Some(end) = close_of(&chars, i + 1, close) else {
            i += 1;
            continue;
        };
        let inner: String = chars[i + 1..end].iter().collect();
        // An apostrophe pair or an empty pair is no quotation.
        if inner.trim().chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            let partial = is_partial(&chars, i, &inner);
            found.push(QuoteMention {
                span: Span { start: i + 1, end },
                text: inner,
                speaker: None,
                partial,
            });
        }
        i = end + 1;
    }
    let spans: Vec<Span> = found.iter().map(|q| q.span).collect();
    for (q, speaker) in found.iter_mut().zip(attribute(&chars, &spans, actors)) {
        q.speaker = speaker;
    }
    found
}

/// The closing mark for an opening one at `i`, if the character there opens a
/// quotation.
fn closing(chars: &[char], i: usize) -> Option<char> {
    match chars[i] {
        '\u{201c}' => Some('\u{201d}'),
        '\u{ab}' => Some('\u{bb}'),
        // Single marks (headlines quote with them): ‘ after a space, not an apostrophe.
        '\u{2018}' => i
            .checked_sub(1)
            .is_none_or(|j| chars[j].is_whitespace() || "([{—–-".contains(chars[j]))
            .then_some('\u{2019}'),
        '"' => {
            // A straight mark opens where a word starts after it.
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1);
            (before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c))
                && after.is_some_and(|c| !c.is_whitespace()))
            .then_some('"')
        }
        _ => None,
    }
}

/// Where the quotation opened just before `from` closes: the closing mark in the same
/// paragraph, or — when the paragraph ends first and the next opens with a mark again
/// (a quotation over paragraphs) — in a later one.
fn close_of(chars: &[char], from: usize, close: char) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        let c = chars[j];
        // A single closing mark is also the apostrophe: it closes only before a
        // character that is not a letter ("‘Ukraine’s war’" closes at the second).
        if c == close
            && (close != '\u{2019}' || chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric()))
        {
            return Some(j);
        }
        if c == '\n' {
            // The paragraph ended: does the next one reopen the quotation?
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            let reopens = chars
                .get(k)
                .is_some_and(|&c| c == '\u{201c}' || c == '"' || c == '\u{ab}')
                && k > j + 1;
            if !reopens {
                return None;
            }
            j = k + 1;
            continue;
        }
        j += 1;
    }
    None
}

/// A quotation is partial when it does not begin a sentence of the speaker's: it
/// follows a word of the reporter's in the same sentence, and is short.
fn is_partial(chars: &[char], open: usize, inner: &str) -> bool {
    let mut k = open;
    while k > 0 && chars[k - 1] == ' ' {
        k -= 1;
    }
    let after_word = k > 0 && (chars[k - 1].is_alphanumeric() || chars[k - 1] == ',');
    let starts_lower = inner.chars().next().is_some_and(char::is_lowercase);
    (after_word && inner.split_whitespace().count() <= 8) || starts_lower
}
