//! Checking that quotes are verbatim: each quote must appear, character for character,
//! in the text of its source — the text extracted from its captured copy (see
//! [`crate::capture`]) or, for a source with none, its plain-text document in a corpus
//! folder.
//!
//! A quote is the source's own characters: curly quotes, apostrophes, dashes and spaces
//! included. An ellipsis (`...` or `…`) in a quote joins parts that must each be
//! verbatim, in order. A quote that matches only once typesetting is folded (quote
//! marks, dashes, runs of whitespace) is reported with the characters that differ and
//! the source's own words as the fix ([`Mismatch::Folded`]).

pub mod check;

pub use check::{CorpusReport, QuoteFix, SourceTexts, read_document, source_texts, verify};

use crate::english::shorten;

/// Folds the differences typesetting makes: quote marks, dashes, whitespace, ellipses.
pub fn normalize(text: &str) -> String {
    normalize_mapped(text).0
}

/// [`normalize`], with the byte offset in `text` of each byte of the result (and one
/// more entry: `text.len()`), so that a match in the folded text names the source's own
/// characters.
pub fn normalize_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<usize> = Vec::with_capacity(text.len() + 1);
    let mut pending_space: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let c = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            '\u{2026}' => {
                push_pending_mapped(&mut out, &mut map, &mut pending_space);
                out.push_str("...");
                map.extend([at; 3]);
                continue;
            }
            c if c.is_whitespace() => {
                if !out.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            c => c,
        };
        push_pending_mapped(&mut out, &mut map, &mut pending_space);
        out.push(c);
        map.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    map.push(text.len());
    (out, map)
}

fn push_pending_mapped(out: &mut String, map: &mut Vec<usize>, pending: &mut Option<usize>) {
    if let Some(at) = pending.take() {
        out.push(' ');
        map.push(at);
    }
}

/// Characters of context kept on each side of a quote's place.
pub const CONTEXT_CHARS: usize = 32;

/// Where a quote is in a source's text, as one span of its own characters (Unicode code
/// points, as the W3C TextPositionSelector counts them): `start..end`, and the context
/// before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSpan {
    /// The first character.
    pub start: usize,
    /// The character after the last.
    pub end: usize,
    /// Up to [`CONTEXT_CHARS`] characters before.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after.
    pub suffix: String,
}

/// Where `quote` first appears, character for character, in a source's text, as one
/// span; `None` when it does not, or is in parts ("...").
pub fn find_span(quote: &str, document: &str) -> Option<TextSpan> {
    if quote.trim().is_empty() || ellipsis_parts(quote).nth(1).is_some() {
        return None;
    }
    let at = document.find(quote)?;
    Some(span_at(document, at, quote.len()))
}

/// The span of the bytes `at..at + len` of `document`, with its context.
pub fn span_at(document: &str, at: usize, len: usize) -> TextSpan {
    let before = &document[..at];
    let start = before.chars().count();
    let prefix: String = before
        .chars()
        .skip(start.saturating_sub(CONTEXT_CHARS))
        .collect();
    let inside = &document[at..at + len];
    let suffix: String = document[at + len..].chars().take(CONTEXT_CHARS).collect();
    TextSpan {
        start,
        end: start + inside.chars().count(),
        prefix,
        suffix,
    }
}

/// Whether a recorded place still holds `quote` in a source's text: its characters are
/// the quote's, and its prefix and suffix are around them. Says where it differs.
pub fn check_span(quote: &str, place: &TextSpan, document: &str) -> Result<(), String> {
    let chars: Vec<char> = document.chars().collect();
    if place.start > place.end || place.end > chars.len() {
        return Err(format!(
            "the position {}..{} is outside the text's {} characters",
            place.start,
            place.end,
            chars.len()
        ));
    }
    let span: String = chars[place.start..place.end].iter().collect();
    if span != quote {
        return Err(format!(
            "the characters {}..{} of the text are \"{}\", not the quote",
            place.start,
            place.end,
            shorten(&span, 61)
        ));
    }
    let before: String = chars[..place.start].iter().collect();
    let after: String = chars[place.end..].iter().collect();
    if !before.ends_with(&place.prefix) {
        return Err(format!(
            "the text before the quote is not its recorded prefix \"{}\"",
            shorten(&place.prefix, 40)
        ));
    }
    if !after.starts_with(&place.suffix) {
        return Err(format!(
            "the text after the quote is not its recorded suffix \"{}\"",
            shorten(&place.suffix, 40)
        ));
    }
    Ok(())
}

/// Where a quote stops matching its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// A part of the quote (split at ellipses) is not in the text, even folded;
    /// `matched` is the longest prefix of that part (folded) that is.
    Part {
        /// The normalized part that is missing.
        part: String,
        /// How much of its beginning does appear.
        matched: String,
    },
    /// The quote is in the text only once typesetting is folded: its characters differ
    /// from the source's.
    Folded {
        /// What differs, in words: "' (U+0027) where the source has ’ (U+2019)".
        differences: Vec<String>,
        /// The quote in the source's own characters.
        fixed: String,
    },
}

/// The parts of a quote between its ellipses (`...` or `…`), trimmed, empty ones left out.
fn ellipsis_parts(quote: &str) -> impl Iterator<Item = &str> {
    quote
        .split("...")
        .flat_map(|p| p.split('\u{2026}'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Checks one quote against a source's own text: each part (between ellipses) must be
/// there character for character, in order.
pub fn find_verbatim(quote: &str, document: &str) -> Result<(), Mismatch> {
    let mut from = 0;
    let mut exact = true;
    for part in ellipsis_parts(quote) {
        let rest = document.get(from..).unwrap_or("");
        match rest.find(part) {
            Some(at) => from += at + part.len(),
            None => {
                exact = false;
                break;
            }
        }
    }
    if exact {
        return Ok(());
    }
    folded_match(quote, document)
}

/// The quote matched with typesetting folded: the source's own characters for each part,
/// or the part that is missing even then.
fn folded_match(quote: &str, document: &str) -> Result<(), Mismatch> {
    let (folded_doc, map) = normalize_mapped(document);
    let mut from = 0;
    let mut fixed = String::with_capacity(quote.len());
    let mut differences: Vec<String> = Vec::new();
    let mut rest_of_quote = quote;
    for part in ellipsis_parts(quote) {
        let folded_part = normalize(part);
        let rest = folded_doc.get(from..).unwrap_or("");
        let Some(at) = rest.find(&folded_part) else {
            return Err(Mismatch::Part {
                matched: longest_found_prefix(&folded_part, rest).to_owned(),
                part: folded_part,
            });
        };
        let (a, b) = (from + at, from + at + folded_part.len());
        from = b;
        // The source's bytes: from the first folded byte's origin to the last's end.
        let raw_start = map[a];
        let raw_end = map
            .get(b - 1)
            .and_then(|&last| document[last..].chars().next().map(|c| last + c.len_utf8()))
            .unwrap_or(document.len());
        let raw = &document[raw_start..raw_end.max(raw_start)];
        // Keep what the quote has between its parts (its ellipses) as it is.
        if let Some(pos) = rest_of_quote.find(part) {
            fixed.push_str(&rest_of_quote[..pos]);
            rest_of_quote = &rest_of_quote[pos + part.len()..];
        }
        fixed.push_str(raw);
        for d in differences_between(part, raw) {
            if !differences.contains(&d) {
                differences.push(d);
            }
        }
    }
    fixed.push_str(rest_of_quote);
    Err(Mismatch::Folded { differences, fixed })
}

/// A character as a person can check it: the character and its code point.
fn named(c: char) -> String {
    if c.is_whitespace() {
        match c {
            ' ' => "a space (U+0020)".to_owned(),
            '\n' => "a line break (U+000A)".to_owned(),
            c => format!("a space (U+{:04X})", c as u32),
        }
    } else {
        format!("{c} (U+{:04X})", c as u32)
    }
}

/// What differs between a quote's part and the source's words it folds to: each pair of
/// characters, once.
fn differences_between(quote: &str, source: &str) -> Vec<String> {
    let q: Vec<char> = quote.chars().collect();
    let r: Vec<char> = source.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut out: Vec<String> = Vec::new();
    let mut note = |text: String| {
        if !out.contains(&text) {
            out.push(text);
        }
    };
    while i < q.len() && j < r.len() {
        if q[i].is_whitespace() || r[j].is_whitespace() {
            let (qs, rs) = (i, j);
            while i < q.len() && q[i].is_whitespace() {
                i += 1;
            }
            while j < r.len() && r[j].is_whitespace() {
                j += 1;
            }
            if q[qs..i] != r[rs..j] {
                let words = |run: &[char]| match run.first() {
                    None => "nothing".to_owned(),
                    Some(&c) if run.len() == 1 => named(c),
                    Some(&c) => format!("{} × {}", run.len(), named(c)),
                };
                note(format!(
                    "{} where the source has {}",
                    words(&q[qs..i]),
                    words(&r[rs..j])
                ));
            }
            continue;
        }
        if q[i] == '.' && r[j] == '\u{2026}' && q.get(i..i + 3) == Some(&['.', '.', '.']) {
            note(format!("... where the source has {}", named('\u{2026}')));
            i += 3;
            j += 1;
            continue;
        }
        if r[j] == '.' && q[i] == '\u{2026}' && r.get(j..j + 3) == Some(&['.', '.', '.']) {
            note(format!("{} where the source has ...", named('\u{2026}')));
            i += 1;
            j += 3;
            continue;
        }
        if q[i] != r[j] {
            note(format!(
                "{} where the source has {}",
                named(q[i]),
                named(r[j])
            ));
        }
        i += 1;
        j += 1;
    }
    out
}

/// The longest prefix of `part` (at a char boundary) that occurs in `haystack`.
fn longest_found_prefix<'p>(part: &'p str, haystack: &str) -> &'p str {
    let bounds: Vec<usize> = part
        .char_indices()
        .map(|(i, _)| i)
        .chain([part.len()])
        .collect();
    let (mut lo, mut hi) = (0usize, bounds.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if haystack.contains(&part[..bounds[mid]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    &part[..bounds[lo]]
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Peskov said \u{201C}there was no conversation\u{201D} \u{2014} and  the report\nwas \u{2018}false\u{2019}.";

    #[test]
    fn the_sources_own_characters_match() {
        for quote in [
            "\u{201C}there was no conversation\u{201D} \u{2014} and  the report\nwas",
            "there was no conversation",
        ] {
            assert_eq!(find_verbatim(quote, DOC), Ok(()), "{quote}");
        }
    }

    #[test]
    fn folded_typesetting_is_named_with_the_fix() {
        let Err(Mismatch::Folded { differences, fixed }) = find_verbatim(
            "\"there was no conversation\" - and the report was 'false'",
            DOC,
        ) else {
            panic!("a folded match");
        };
        assert_eq!(
            fixed,
            "\u{201C}there was no conversation\u{201D} \u{2014} and  the report\nwas \u{2018}false\u{2019}"
        );
        assert!(
            differences.contains(&"\" (U+0022) where the source has \u{201C} (U+201C)".to_owned()),
            "{differences:?}"
        );
        assert!(
            differences.contains(&"- (U+002D) where the source has \u{2014} (U+2014)".to_owned()),
            "{differences:?}"
        );
        assert!(
            differences.iter().any(|d| d.contains("line break")),
            "{differences:?}"
        );
        // The fix is itself verbatim.
        assert_eq!(find_verbatim(&fixed, DOC), Ok(()));
    }

    #[test]
    fn ellipsis_joins_parts_in_order_and_survives_the_fix() {
        let doc = "One two three. Four five six. Seven \u{2018}eight\u{2019}.";
        assert_eq!(find_verbatim("One two ... five six", doc), Ok(()));
        assert_eq!(find_verbatim("One two \u{2026} Seven", doc), Ok(()));
        assert!(
            find_verbatim("Seven ... One two", doc).is_err(),
            "order matters"
        );
        let Err(Mismatch::Folded { fixed, .. }) = find_verbatim("One two ... Seven 'eight'", doc)
        else {
            panic!("a folded match");
        };
        assert_eq!(fixed, "One two ... Seven \u{2018}eight\u{2019}");
    }

    #[test]
    fn a_changed_word_is_caught_with_what_matched() {
        let doc = "This is completely untrue; it\u{2019}s pure fiction.";
        let err = find_verbatim("This is completely false; it's pure fiction.", doc).unwrap_err();
        let Mismatch::Part { matched, .. } = err else {
            panic!("a missing part");
        };
        assert_eq!(matched, "This is completely ");
    }

    #[test]
    fn spans_count_the_sources_characters() {
        let span = find_span("no conversation", DOC).unwrap();
        assert_eq!((span.start, span.end), (23, 38));
        assert_eq!(span.prefix, "Peskov said \u{201C}there was ");
        assert_eq!(check_span("no conversation", &span, DOC), Ok(()));
        assert!(
            find_span("\"there was", DOC).is_none(),
            "straight quotes are not the source's"
        );
    }
}
