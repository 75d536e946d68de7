//! Every quote as a W3C Web Annotation, in one AnnotationCollection (JSON-LD): the target
//! is the quote's source — the article's own address (its `url`, else the address its
//! capture was taken from; else its captured copy's `urn:sha256:…`, the way annotation
//! clients name a PDF by its fingerprint; a `urn:claimline:` name only when it has none
//! of these) — with a
//! TextQuoteSelector holding the exact words; the body says which event the quote backs,
//! as a reader would hear it. Given the sources' texts (their captured copies, or the
//! documents of a corpus folder), a quote found as one span also gets its prefix and
//! suffix and a TextPositionSelector, counted in Unicode characters of the source's own
//! text, so that any anchoring library places it. The target's state is a TimeState: the
//! captured copy (`urn:sha256:…`, the file kept beside the dataset under that name) and
//! when it was captured, or else the source's archived copy. The creator is the dataset's
//! `author`.

use serde_json::{Map, Value, json};

use crate::corpus::SourceTexts;
use crate::model::{Dataset, Source};

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

/// The quote's target document: the article's web address (or the address its capture
/// was taken from), or a name for it.
fn target_source(ds: &Dataset, collection: &str, source: Option<&Source>, id: &str) -> String {
    source
        .and_then(|s| s.url)
        .and_then(|u| crate::markup::web_url(ds.str(u)))
        .or_else(|| {
            source
                .and_then(|s| s.capture)
                .and_then(|c| crate::markup::web_url(ds.str(c.url)))
        })
        // No address: the captured bytes themselves, by their hash (as annotation
        // clients name a PDF by its fingerprint).
        .or_else(|| {
            source
                .and_then(|s| s.capture)
                .map(|c| format!("urn:sha256:{}", ds.str(c.sha256)))
        })
        .unwrap_or_else(|| format!("{collection}:source:{}", urn_part(id)))
}

/// The target's state: the captured copy and when it was taken, else the archived copy.
fn target_state(ds: &Dataset, source: Option<&Source>) -> Option<Value> {
    let source = source?;
    if let Some(c) = source.capture {
        let mut state = Map::new();
        state.insert("type".into(), json!("TimeState"));
        state.insert(
            "cached".into(),
            json!(format!("urn:sha256:{}", ds.str(c.sha256))),
        );
        if !c.captured.is_empty() {
            state.insert("sourceDate".into(), json!(ds.str(c.captured)));
        }
        return Some(Value::Object(state));
    }
    let archived = source.archived?;
    let cached = crate::markup::web_url(ds.str(archived.url))?;
    Some(json!({"type": "TimeState", "cached": cached, "sourceDate": archived.date.to_string()}))
}

/// Every quote of `ds` as an annotation, placed in its source's text from `texts` (see
/// [`crate::corpus::source_texts`]) when it is there.
pub fn to_json(ds: &Dataset, texts: &SourceTexts) -> Value {
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
            let found = recorded.or_else(|| {
                texts
                    .get(&q.source)
                    .and_then(|t| t.as_ref().ok())
                    .and_then(|text| crate::corpus::find_span(words, text))
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
            if let Some(state) = target_state(ds, source) {
                target.insert("state".into(), state);
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
