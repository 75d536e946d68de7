//! Checking a dataset's quotes against its sources' texts: each source's text (its
//! captured copy's, else its document in a corpus folder), and every quote found in it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Mismatch, TextSpan, check_span, find_verbatim};
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
    /// One error per quote that was not found, or could not be checked (and, when
    /// strict, per quote that matches only with typesetting folded).
    pub failures: Vec<Diagnostic>,
    /// One warning per quote that matches only with typesetting folded (not strict).
    pub warnings: Vec<Diagnostic>,
    /// The quotes that match only with typesetting folded, in the source's characters.
    pub fixes: Vec<QuoteFix>,
}

/// A quote that matches its source only with typesetting folded, and its words in the
/// source's own characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteFix {
    /// The event's position in the dataset.
    pub event: usize,
    /// The quote's position in the event.
    pub quote: usize,
    /// The quote as the source prints it.
    pub fixed: String,
}

/// The plain text of document `name` in the corpus folder `dir`, or why it
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
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{} is not UTF-8 text; save it as UTF-8", path.display()))?;
    Ok(text
        .strip_prefix('\u{FEFF}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// The text each source's quotes are checked against, by source id, or why there is none.
pub type SourceTexts = HashMap<Sym, Result<String, String>>;

/// Each source's text: the text of its captured copy (kept in `dataset_dir`, its hash
/// checked) when it has one, else its `document` in the `corpus` folder.
pub fn source_texts(
    ds: &Dataset,
    dataset_dir: Option<&Path>,
    corpus: Option<&Path>,
) -> SourceTexts {
    let mut texts = SourceTexts::new();
    for source in &ds.sources {
        let text = match (source.capture, dataset_dir, source.document, corpus) {
            (Some(capture), Some(dir), _, _) => {
                crate::capture::stored_text(ds, &capture, dir).map_err(|e| e.to_string())
            }
            (_, None, Some(name), Some(corpus)) | (None, _, Some(name), Some(corpus)) => {
                read_document(corpus, ds.str(name))
            }
            (Some(_), None, _, _) => Err(format!(
                "source \"{}\" has a captured copy, but the dataset has no folder to find it in",
                ds.str(source.id)
            )),
            (None, _, Some(_), None) => Err(format!(
                "source \"{}\" has no captured copy; give a corpus folder (--corpus) that holds its document",
                ds.str(source.id)
            )),
            (None, _, None, _) => Err(format!(
                "source \"{}\" has no captured copy and names no `document` to check against",
                ds.str(source.id)
            )),
        };
        texts.insert(source.id, text);
    }
    texts
}

/// Checks every quote of `ds` against its source's text in `texts`; `text` is the
/// dataset's file text, used to point at each failing quote. A quote that matches only
/// with typesetting folded is an error when `strict`, a warning otherwise; either way its
/// fix is in [`CorpusReport::fixes`].
pub fn verify(ds: &Dataset, text: &str, texts: &SourceTexts, strict: bool) -> CorpusReport {
    let mut report = CorpusReport::default();
    let mut failed: Vec<(DataPath, String, String, bool)> = Vec::new();
    for (e, event) in ds.events.iter().enumerate() {
        for (q, quote) in ds.quotes(event.quotes).iter().enumerate() {
            report.checked += 1;
            let at = DataPath::item("events", e).dot("quotes").at(q).dot("text");
            let source_name = ds.str(quote.source);
            let words = ds.str(quote.text);
            let outcome = match texts.get(&quote.source) {
                None => Err((
                    format!("the quote's source \"{source_name}\" is not listed"),
                    "add the source to `sources`".to_owned(),
                    true,
                )),
                Some(Err(why)) => Err((
                    format!("cannot check the quote: {why}"),
                    "capture the source (`claimline source add`) or give it a `document` in the corpus folder".to_owned(),
                    true,
                )),
                Some(Ok(doc)) => match find_verbatim(words, doc) {
                    Ok(()) => Ok(()),
                    Err(Mismatch::Folded { differences, fixed }) => {
                        report.fixes.push(QuoteFix { event: e, quote: q, fixed: fixed.clone() });
                        Err((
                            format!(
                                "quote matches the text of source \"{source_name}\" only with typesetting folded: {}",
                                differences.join("; ")
                            ),
                            format!(
                                "use the source's own characters: \"{}\" (`claimline fmt --fix-quotes` does it)",
                                shorten(&fixed, 200)
                            ),
                            strict,
                        ))
                    }
                    Err(Mismatch::Part { part, matched }) => {
                        let elsewhere = texts
                            .iter()
                            .filter(|(id, d)| {
                                **id != quote.source
                                    && d.as_ref().is_ok_and(|d| !matches!(find_verbatim(words, d), Err(Mismatch::Part { .. })))
                            })
                            .map(|(id, _)| format!("\"{}\"", ds.str(*id)))
                            .collect::<Vec<_>>();
                        let mut help = if matched.is_empty() {
                            format!("no part of \"{}\" is in the text", shorten(&part, 61))
                        } else {
                            format!(
                                "the text matches up to \"{}\", then differs; copy the words exactly",
                                shorten_start(&matched, 61)
                            )
                        };
                        if !elsewhere.is_empty() {
                            help = format!(
                                "the quote is in the text of source {} instead; fix the quote's `source`",
                                elsewhere.join(", ")
                            );
                        }
                        Err((
                            format!(
                                "quote not found verbatim in the text of source \"{source_name}\": \"{}\"",
                                shorten(words, 61)
                            ),
                            help,
                            true,
                        ))
                    }
                },
            };
            // A recorded position must still hold the words, with its context around.
            let outcome = match (outcome, quote.position, texts.get(&quote.source)) {
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
                                "the quote's recorded position does not match the text of source \"{source_name}\": {why}"
                            ),
                            "take the quote again in the reader (it records where the words are), or remove `position`"
                                .to_owned(),
                            true,
                        )
                    })
                }
                (outcome, _, _) => outcome,
            };
            match outcome {
                Ok(()) => report.verified += 1,
                Err((message, help, error)) => failed.push((at, message, help, error)),
            }
        }
    }
    let paths: Vec<DataPath> = failed.iter().map(|(p, ..)| p.clone()).collect();
    let spans = locate(text, &paths);
    let index = LineIndex::new(text);
    for ((path, message, help, error), span) in failed.into_iter().zip(spans) {
        let make = if error {
            Diagnostic::error
        } else {
            Diagnostic::warning
        };
        let diagnostic = make(format!("{message} [{path}]"))
            .with_help(help)
            .at(span.map(|(a, b)| index.locate(a, b)));
        if error {
            report.failures.push(diagnostic);
        } else {
            report.warnings.push(diagnostic);
        }
    }
    report
}
