//! Every quote as a W3C Web Annotation, in one AnnotationCollection (JSON-LD): the target
//! is the quote's source (its web address, or a `urn:claimline:` name when it has none)
//! with a TextQuoteSelector holding the exact words; the body says which event the quote
//! backs, as a reader would hear it. Given the sources' documents (`--corpus`), a quote
//! found as one span also gets its prefix and suffix and a TextPositionSelector, counted
//! in characters of the text as Claimline reads it (whitespace, quote marks and dashes
//! folded, as `check --corpus` compares). A source's archived copy is the target's
//! TimeState. The creator is the dataset's `author`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::model::{Dataset, Source};

/// The documents of a corpus folder, read as `check --corpus` reads them.
pub struct Corpus {
    dir: PathBuf,
    texts: std::cell::RefCell<HashMap<String, Option<String>>>,
}

impl Corpus {
    /// A corpus folder; fails when it is not a folder.
    pub fn read(dir: &Path) -> Result<Self, String> {
        if !dir.is_dir() {
            return Err(format!(
                "the corpus folder {} does not exist or is not a folder",
                dir.display()
            ));
        }
        Ok(Self {
            dir: dir.to_owned(),
            texts: std::cell::RefCell::new(HashMap::new()),
        })
    }

    /// Where `quote` sits in document `name`, as one span of its normalized text.
    fn place(&self, name: &str, quote: &str) -> Option<crate::corpus::TextSpan> {
        let mut texts = self.texts.borrow_mut();
        let text = texts
            .entry(name.to_owned())
            .or_insert_with(|| crate::corpus::read_document(&self.dir, name).ok())
            .as_ref()?;
        crate::corpus::find_span(quote, text)
    }
}

/// The collection's name: stable for a dataset title (its FNV-1a hash).
fn collection_id(ds: &Dataset) -> String {
    let hash = ds
        .str(ds.title)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("urn:claimline:{hash:016x}")
}

/// Percent-encodes all but ASCII letters, digits, `-`, `.` and `_` (for names in URNs).
fn urn_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The quote's target document: its web address, or a name for it.
fn target_source(ds: &Dataset, collection: &str, source: Option<&Source>, id: &str) -> String {
    source
        .and_then(|s| s.url)
        .and_then(|u| crate::markup::web_url(ds.str(u)))
        .unwrap_or_else(|| format!("{collection}:source:{}", urn_part(id)))
}

/// Every quote of `ds` as an annotation, in a collection.
pub fn to_json(ds: &Dataset, corpus: Option<&Corpus>) -> Value {
    let collection = collection_id(ds);
    let mut items = Vec::new();
    for &e in &crate::timeline::DocumentIndex::of(ds).order {
        let event = &ds.events[e as usize];
        let event_id = ds.str(event.id);
        for (n, q) in ds.quotes(event.quotes).iter().enumerate() {
            let source = ds.source(q.source);
            let words = ds.str(q.text);
            // The place the dataset records, or else the one found in the corpus.
            let recorded = q.position.map(|p| crate::corpus::TextSpan {
                start: p.start as usize,
                end: p.end as usize,
                prefix: ds.str(p.prefix).to_owned(),
                suffix: ds.str(p.suffix).to_owned(),
            });
            let document = source.and_then(|s| s.document).map(|d| ds.str(d));
            let found = recorded.or_else(|| {
                corpus
                    .zip(document)
                    .and_then(|(corpus, name)| corpus.place(name, words))
            });
            let selectors = match found {
                Some(at) => vec![
                    json!({
                        "type": "TextQuoteSelector",
                        "exact": words,
                        "prefix": at.prefix,
                        "suffix": at.suffix,
                    }),
                    json!({"type": "TextPositionSelector", "start": at.start, "end": at.end}),
                ],
                None => vec![json!({"type": "TextQuoteSelector", "exact": words})],
            };
            let mut target = Map::new();
            target.insert(
                "source".into(),
                json!(target_source(ds, &collection, source, ds.str(q.source))),
            );
            target.insert("selector".into(), Value::Array(selectors));
            // An archived copy of the source: the W3C model's TimeState (the copy, and
            // when it was taken).
            if let Some(archived) = source.and_then(|s| s.archived.as_ref())
                && let Some(cached) = crate::markup::web_url(ds.str(archived.url))
            {
                target.insert(
                    "state".into(),
                    json!({"type": "TimeState", "cached": cached, "sourceDate": archived.date.to_string()}),
                );
            }
            let said_by = ds.speaker_name(q.speaker, q.source);
            let mut annotation = Map::new();
            annotation.insert(
                "id".into(),
                json!(format!(
                    "{collection}:quote:{}:{}",
                    urn_part(event_id),
                    n + 1
                )),
            );
            annotation.insert("type".into(), json!("Annotation"));
            annotation.insert("motivation".into(), json!("describing"));
            if !ds.author.is_empty() {
                annotation.insert(
                    "creator".into(),
                    json!({"type": "Organization", "name": ds.str(ds.author)}),
                );
            }
            annotation.insert(
                "body".into(),
                json!([
                    {
                        "type": "TextualBody",
                        "purpose": "describing",
                        "format": "text/plain",
                        "value": format!("{} — said by {said_by}", event_line(ds, e)),
                    },
                    {"type": "TextualBody", "purpose": "tagging", "value": event_id},
                ]),
            );
            annotation.insert("target".into(), Value::Object(target));
            items.push(Value::Object(annotation));
        }
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection,
        "type": "AnnotationCollection",
        "label": ds.str(ds.title),
        "total": items.len(),
        "first": {
            "id": format!("{collection}:page:1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// "7 November 2024, phone call, disputed: Trump and Putin …".
fn event_line(ds: &Dataset, e: crate::model::EventIdx) -> String {
    let event = &ds.events[e as usize];
    format!(
        "{}, {}, {}: {}",
        event.date.spoken(),
        event.kind.label().to_lowercase(),
        event.status.label().to_lowercase(),
        ds.str(event.title)
    )
}
