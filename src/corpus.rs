//! Checking that quotes are verbatim: each quote must appear in the plain text of its
//! source's document.
//!
//! Comparison ignores what typesetting changes and meaning does not: runs of whitespace,
//! typographic quote marks and apostrophes, and the kind of dash. An ellipsis (`...` or
//! `…`) in a quote joins parts that must each be verbatim, in order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::english::{shorten, shorten_start};
use crate::load::diagnostic::{Diagnostic, LineIndex};
use crate::load::ron::locate::{DataPath, locate};
use crate::model::{Dataset, Sym};

/// Documents larger than this are not read (16 MiB).
const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What a corpus check found.
#[derive(Debug, Default)]
pub struct CorpusReport {
    /// Quotes checked.
    pub checked: usize,
    /// Quotes found verbatim.
    pub verified: usize,
    /// One error per quote that was not found, or could not be checked.
    pub failures: Vec<Diagnostic>,
}

/// Folds the differences typesetting makes: quote marks, dashes, whitespace, ellipses.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            '\u{2026}' => {
                push_pending(&mut out, &mut pending_space);
                out.push_str("...");
                continue;
            }
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        push_pending(&mut out, &mut pending_space);
        out.push(c);
    }
    out
}

fn push_pending(out: &mut String, pending: &mut bool) {
    if *pending {
        out.push(' ');
        *pending = false;
    }
}

/// Characters of context kept on each side of a quote's place.
pub const CONTEXT_CHARS: usize = 32;

/// Where a quote is in a document, as one span of its normalized text: characters
/// `start..end`, and the context before and after.
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

/// Where `quote` first appears in a normalized document, as one span; `None` when it
/// does not, or is in parts ("...").
pub fn find_span(quote: &str, document_normalized: &str) -> Option<TextSpan> {
    let exact = normalize(quote);
    if exact.is_empty() || exact.contains("...") {
        return None;
    }
    let at = document_normalized.find(&exact)?;
    let before = &document_normalized[..at];
    let start = before.chars().count();
    let prefix: String = before
        .chars()
        .skip(start.saturating_sub(CONTEXT_CHARS))
        .collect();
    let suffix: String = document_normalized[at + exact.len()..]
        .chars()
        .take(CONTEXT_CHARS)
        .collect();
    Some(TextSpan {
        start,
        end: start + exact.chars().count(),
        prefix,
        suffix,
    })
}

/// Whether a recorded place still holds `quote` in a normalized document: its
/// characters are the quote's, and its prefix and suffix are around them. Says where it
/// differs.
pub fn check_span(quote: &str, place: &TextSpan, document_normalized: &str) -> Result<(), String> {
    let chars: Vec<char> = document_normalized.chars().collect();
    if place.start > place.end || place.end > chars.len() {
        return Err(format!(
            "the position {}..{} is outside the document's {} characters",
            place.start,
            place.end,
            chars.len()
        ));
    }
    let span: String = chars[place.start..place.end].iter().collect();
    if span != normalize(quote) {
        return Err(format!(
            "the characters {}..{} of the document are \"{}\", not the quote",
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

/// Where a quote stops matching its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// A part of the quote (split at ellipses) is not in the document; `matched` is the
    /// longest prefix of that part that is.
    Part {
        /// The normalized part that is missing.
        part: String,
        /// How much of its beginning does appear.
        matched: String,
    },
}

/// Checks one quote against a normalized document.
pub fn find_verbatim(quote: &str, document_normalized: &str) -> Result<(), Mismatch> {
    let quote = normalize(quote);
    let mut from = 0;
    for part in quote.split("...").map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let rest = document_normalized.get(from..).unwrap_or("");
        match rest.find(part) {
            Some(at) => from += at + part.len(),
            None => {
                return Err(Mismatch::Part {
                    part: part.to_owned(),
                    matched: longest_found_prefix(part, rest).to_owned(),
                });
            }
        }
    }
    Ok(())
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

/// The normalized plain text of document `name` in the corpus folder `dir`, or why it
/// cannot be used.
pub fn read_document(dir: &Path, name: &str) -> Result<String, String> {
    let plain = Path::new(name);
    if name.is_empty()
        || plain.components().count() != 1
        || !matches!(
            plain.components().next(),
            Some(std::path::Component::Normal(_))
        )
    {
        return Err(format!(
            "the document name \"{name}\" is not a plain file name; it must name a file inside the corpus folder"
        ));
    }
    let path: PathBuf = dir.join(plain);
    let meta =
        std::fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(format!("{} is larger than 16 MiB", path.display()));
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(normalize(&text))
}

/// Checks every quote of `ds` against the documents in `dir`; `text` is the dataset's
/// file text, used to point at each failing quote.
pub fn verify(ds: &Dataset, text: &str, dir: &Path) -> CorpusReport {
    let mut documents: HashMap<Sym, Result<String, String>> = HashMap::new();
    for source in &ds.sources {
        let doc = match source.document {
            Some(name) => read_document(dir, ds.str(name)),
            None => Err(format!(
                "source \"{}\" names no `document` to check against",
                ds.str(source.id)
            )),
        };
        documents.insert(source.id, doc);
    }
    let mut report = CorpusReport::default();
    let mut failed: Vec<(DataPath, String, String)> = Vec::new();
    for (e, event) in ds.events.iter().enumerate() {
        for (q, quote) in ds.quotes(event.quotes).iter().enumerate() {
            report.checked += 1;
            let at = DataPath::item("events", e).dot("quotes").at(q).dot("text");
            let source_name = ds.str(quote.source);
            let words = ds.str(quote.text);
            let outcome = match documents.get(&quote.source) {
                None => Err((
                    format!("the quote's source \"{source_name}\" is not listed"),
                    "add the source to `sources`".to_owned(),
                )),
                Some(Err(why)) => Err((
                    format!("cannot check the quote: {why}"),
                    "give the source a `document` that is in the corpus folder".to_owned(),
                )),
                Some(Ok(doc)) => find_verbatim(words, doc).map_err(|Mismatch::Part { part, matched }| {
                    let elsewhere = documents
                        .iter()
                        .filter(|(id, d)| **id != quote.source && d.as_ref().is_ok_and(|d| find_verbatim(words, d).is_ok()))
                        .map(|(id, _)| format!("\"{}\"", ds.str(*id)))
                        .collect::<Vec<_>>();
                    let mut help = if matched.is_empty() {
                        format!("no part of \"{}\" is in the document", shorten(&part, 61))
                    } else {
                        format!(
                            "the document matches up to \"{}\", then differs; copy the words exactly",
                            shorten_start(&matched, 61)
                        )
                    };
                    if !elsewhere.is_empty() {
                        help = format!(
                            "the quote is in the document of source {} instead; fix the quote's `source`",
                            elsewhere.join(", ")
                        );
                    }
                    (
                        format!(
                            "quote not found verbatim in the document of source \"{source_name}\": \"{}\"",
                            shorten(words, 61)
                        ),
                        help,
                    )
                }),
            };
            // A recorded position must still hold the words, with its context around.
            let outcome = match (outcome, quote.position, documents.get(&quote.source)) {
                (Ok(()), Some(p), Some(Ok(doc))) => {
                    let span = TextSpan {
                        start: p.start as usize,
                        end: p.end as usize,
                        prefix: ds.str(p.prefix).to_owned(),
                        suffix: ds.str(p.suffix).to_owned(),
                    };
                    check_span(words, &span, doc).map_err(|why| {
                        (
                            format!(
                                "the quote's recorded position does not match the document of source \"{source_name}\": {why}"
                            ),
                            "take the quote again in the reader (it records where the words are), or remove `position`"
                                .to_owned(),
                        )
                    })
                }
                (outcome, _, _) => outcome,
            };
            match outcome {
                Ok(()) => report.verified += 1,
                Err((message, help)) => failed.push((at, message, help)),
            }
        }
    }
    let paths: Vec<DataPath> = failed.iter().map(|(p, _, _)| p.clone()).collect();
    let spans = locate(text, &paths);
    let index = LineIndex::new(text);
    report.failures = failed
        .into_iter()
        .zip(spans)
        .map(|((path, message, help), span)| {
            Diagnostic::error(format!("{message} [{path}]"))
                .with_help(help)
                .at(span.map(|(a, b)| index.locate(a, b)))
        })
        .collect();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typesetting_differences_are_ignored() {
        let doc = normalize(
            "Peskov said \u{201C}there was no conversation\u{201D} \u{2014} and  the report\nwas \u{2018}false\u{2019}.",
        );
        for quote in [
            "\"there was no conversation\" - and the report was 'false'",
            "“there was no conversation”",
            "said \"there was no conversation\" \u{2013} and the report was",
        ] {
            assert_eq!(find_verbatim(quote, &doc), Ok(()), "{quote}");
        }
    }

    #[test]
    fn ellipsis_joins_parts_in_order() {
        let doc = normalize("One two three. Four five six. Seven eight.");
        assert_eq!(find_verbatim("One two ... five six", &doc), Ok(()));
        assert_eq!(find_verbatim("One two … Seven", &doc), Ok(()));
        assert!(
            find_verbatim("Seven eight ... One two", &doc).is_err(),
            "order matters"
        );
    }

    #[test]
    fn a_changed_word_is_caught_with_what_matched() {
        let doc = normalize("This is completely untrue; it's pure fiction.");
        let err = find_verbatim("This is completely false; it's pure fiction.", &doc).unwrap_err();
        let Mismatch::Part { matched, .. } = err;
        assert_eq!(matched, "This is completely ");
    }
}
