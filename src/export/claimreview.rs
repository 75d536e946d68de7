//! Disputes as schema.org ClaimReview (JSON-LD), the form fact-checkers' tools and search
//! engines read: one review per contested question. The claim is the question's first
//! side: its author is who says it in the dataset's quotes, its first appearance and
//! appearances are the sources quoted for it (with archived copies). The reviewer is the
//! dataset's `author`, left out when the dataset names none. The rating is only the
//! status the dataset gives the claim ("Disputed", "Denied"…), in words, never a number;
//! the review's body says who says yes, who says no and who won't say.

use serde_json::{Map, Value, json};

use crate::disputes::Dispute;
use crate::model::{Dataset, EventIdx, Source, Speaker, Sym};
use crate::timeline::Document;

/// Every dispute of `doc` as a ClaimReview, in an array.
pub fn to_json(doc: &Document) -> Value {
    Value::Array(
        doc.disputes
            .iter()
            .map(|d| review(&doc.dataset, d))
            .collect(),
    )
}

/// One dispute as a ClaimReview.
fn review(ds: &Dataset, d: &Dispute) -> Value {
    let claim_events = &d.sides[0];
    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    let authors = speakers(ds, claim_events);
    if !authors.is_empty() {
        claim.insert("author".into(), Value::Array(authors));
    }
    let mut sources = sources_of(ds, claim_events);
    sources.sort_by_key(|s| s.published.earliest());
    if let Some(first) = sources.first() {
        claim.insert("firstAppearance".into(), creative_work(ds, first));
        claim.insert(
            "appearance".into(),
            Value::Array(sources.iter().map(|s| creative_work(ds, s)).collect()),
        );
    }
    if let Some(first) = first_event(ds, claim_events) {
        claim.insert(
            "name".into(),
            json!(ds.str(ds.events[first as usize].title)),
        );
    }

    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("ClaimReview"));
    out.insert("claimReviewed".into(), json!(d.question));
    out.insert("itemReviewed".into(), Value::Object(claim));
    if !ds.author.is_empty() {
        out.insert(
            "author".into(),
            json!({"@type": "Organization", "name": ds.str(ds.author)}),
        );
    }
    if let Some(first) = first_event(ds, claim_events) {
        // The dataset's own word for the claim, as it stands: no scale, no verdict.
        out.insert(
            "reviewRating".into(),
            json!({"@type": "Rating", "alternateName": ds.events[first as usize].status.label()}),
        );
    }
    out.insert("reviewBody".into(), json!(body(ds, d)));
    Value::Object(out)
}

/// "Claim: … Counter-claim: … Won't say: …", each event with its date and status.
fn body(ds: &Dataset, d: &Dispute) -> String {
    let list = |events: &[EventIdx]| -> String {
        events
            .iter()
            .filter_map(|&e| ds.events.get(e as usize))
            .map(|e| {
                format!(
                    "{} ({}, {})",
                    ds.str(e.title),
                    e.date.display(),
                    e.status.label().to_lowercase()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut parts = vec![
        format!("Claim: {}.", list(&d.sides[0])),
        format!("Counter-claim: {}.", list(&d.sides[1])),
    ];
    if !d.declines.is_empty() {
        parts.push(format!("Won't say: {}.", list(&d.declines)));
    }
    if !d.conflicts.is_empty() {
        parts.push(
            "The dataset's relations on this question cannot be split into two consistent sides."
                .to_owned(),
        );
    }
    parts.join(" ")
}

/// The earliest event of a side.
fn first_event(ds: &Dataset, events: &[EventIdx]) -> Option<EventIdx> {
    events
        .iter()
        .copied()
        .filter(|&e| (e as usize) < ds.events.len())
        .min_by_key(|&e| ds.events[e as usize].date.earliest())
}

/// Who says the side's events in the dataset's quotes: actors, outlets (their own
/// reporting) and others as named, each once.
fn speakers(ds: &Dataset, events: &[EventIdx]) -> Vec<Value> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for &e in events {
        let Some(event) = ds.events.get(e as usize) else {
            continue;
        };
        for q in ds.quotes(event.quotes) {
            let (kind, name) = match q.speaker {
                // An actor may be a person or a body: the dataset does not say which.
                Speaker::Actor(a) => (
                    "Thing",
                    ds.actor(a)
                        .map_or_else(|| ds.str(a).to_owned(), |x| ds.str(x.name).to_owned()),
                ),
                Speaker::Outlet => (
                    "Organization",
                    ds.source(q.source)
                        .map_or_else(String::new, |s| ds.str(s.outlet).to_owned()),
                ),
                Speaker::Other(who) => ("Thing", ds.str(who).to_owned()),
            };
            if name.is_empty() || seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            out.push(json!({"@type": kind, "name": name}));
        }
    }
    out
}

/// The sources quoted for a side, each once.
fn sources_of<'a>(ds: &'a Dataset, events: &[EventIdx]) -> Vec<&'a Source> {
    let mut ids: Vec<Sym> = Vec::new();
    for &e in events {
        if let Some(event) = ds.events.get(e as usize) {
            for q in ds.quotes(event.quotes) {
                if !ids.contains(&q.source) {
                    ids.push(q.source);
                }
            }
        }
    }
    ids.into_iter().filter_map(|id| ds.source(id)).collect()
}

/// A source as a schema.org CreativeWork: headline, publisher, date (at its precision),
/// its web address and its archived copy (http and https only).
pub fn creative_work(ds: &Dataset, s: &Source) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    if !s.headline.is_empty() {
        work.insert("headline".into(), json!(ds.str(s.headline)));
    }
    work.insert(
        "publisher".into(),
        json!({"@type": "Organization", "name": ds.str(s.outlet)}),
    );
    // A day, a month or a year (ISO 8601 at that precision); a window has no one date.
    if !s.published.is_window() {
        work.insert("datePublished".into(), json!(s.published.to_string()));
    }
    if let Some(url) = s.url.and_then(|u| crate::markup::web_url(ds.str(u))) {
        work.insert("url".into(), json!(url));
    }
    if let Some(archived) = &s.archived
        && let Some(url) = crate::markup::web_url(ds.str(archived.url))
    {
        work.insert("archivedAt".into(), json!(url));
    }
    Value::Object(work)
}

/// JSON to put inside an HTML `<script type="application/ld+json">`: the characters
/// that could end the element or start markup (`<`, `>`, `&`), the line separators and
/// the bidirectional controls written as JSON escapes, which read back the same.
pub fn for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line separators, and the bidirectional controls that would reorder the
            // page's source as shown: escaped, read back the same.
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}
