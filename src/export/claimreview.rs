//! Disputes as schema.org ClaimReview (JSON-LD), the form fact-checkers' tools and search
//! engines read, with every property Google's documentation asks for: one review per
//! contested question that has a counter-claim (a question whose relations only support
//! each other is not a review). The claim is the question's first side: its author is who
//! says it in the dataset's quotes, its date the earliest it appeared, its appearances the
//! sources quoted for it (with archived copies). The reviewer is the dataset's `author`,
//! left out when the dataset names none. The rating states the dataset's verdict on the
//! question in words its readers would use ("Disputed: Dmitry Peskov denies it; Trump's
//! spokesman won't say"), never an event's status and never a number; the review's body
//! says who says yes, who says no and who won't say. The review's `url` is the question's
//! place on the published page.
//!
//! [`for_script`] makes the JSON safe inside `<script type="application/ld+json">`, where
//! publishers are told to put it: the export is written that way too.

use serde_json::{Map, Value, json};

use crate::disputes::Dispute;
use crate::model::{Dataset, EventIdx, RelationKind, Source, Speaker, Sym};
use crate::timeline::Document;

/// Where the reviews are published, and when.
#[derive(Debug, Clone, Copy)]
pub struct ReviewsAt<'a> {
    /// The page's address; each review's `url` is it with the question's fragment. Empty:
    /// the fragment alone, relative to the page the JSON-LD is embedded in.
    pub page_url: &'a str,
    /// The day the reviews are published (`datePublished`), `YYYY-MM-DD`.
    pub date: &'a str,
}

/// Every reviewable dispute of `doc` (one with a counter-claim) as a ClaimReview.
pub fn to_json(doc: &Document, published: ReviewsAt<'_>) -> Value {
    Value::Array(
        doc.disputes
            .iter()
            .filter(|d| is_reviewable(d))
            .map(|d| review(&doc.dataset, d, published))
            .collect(),
    )
}

/// Whether a question is a review: someone disputes the claim.
pub fn is_reviewable(d: &Dispute) -> bool {
    !d.sides[0].is_empty() && !d.sides[1].is_empty()
}

/// The question's element id on the published page: `q-` and its first relation's id,
/// written as [`crate::publish::anchor`] writes event ids.
pub fn question_anchor(ds: &Dataset, d: &Dispute) -> String {
    let first = d
        .relations
        .first()
        .and_then(|&r| ds.relations.get(r))
        .map_or("", |r| ds.str(r.id));
    format!("q-{}", &crate::markup::fragment_id(first))
}

/// The dataset's verdict on the question, in words: who disputes the claim and how,
/// who won't say; or that the accounts cannot be split into two sides.
pub fn verdict(ds: &Dataset, d: &Dispute) -> String {
    if !d.conflicts.is_empty() {
        return "Unresolved: the reports on this question cannot be split into two sides"
            .to_owned();
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut add = |clause: String| {
        if !clauses.contains(&clause) {
            clauses.push(clause);
        }
    };
    for &r in &d.relations {
        let Some(rel) = ds.relations.get(r) else {
            continue;
        };
        let Some(from) = ds.event_index_by_name(ds.str(rel.from)) else {
            continue;
        };
        let verb = match rel.kind {
            RelationKind::Denies => "denies it",
            RelationKind::Contradicts => "contradicts it",
            RelationKind::Corrects => "corrects it",
            RelationKind::DeclinesToConfirm => "won't say",
            RelationKind::Supports => continue,
        };
        if rel.kind != RelationKind::DeclinesToConfirm && !d.sides[1].contains(&from) {
            continue;
        }
        // A link no article makes is said to be the editor's, clause by clause.
        let whose = if rel.linked_by.is_editor() {
            " (the dataset's editor links this, not the articles)"
        } else {
            ""
        };
        add(format!("{} {verb}{whose}", who(ds, from)));
    }
    let head = "Disputed";
    if clauses.is_empty() {
        head.to_owned()
    } else {
        format!("{head}: {}", clauses.join("; "))
    }
}

/// Who speaks for an event: its first quote's speaker, else its participants, else its title.
fn who(ds: &Dataset, e: EventIdx) -> String {
    let event = &ds.events[e as usize];
    let quotes = ds.quotes(event.quotes);
    // A person speaking beats the outlet reporting.
    if let Some(q) = quotes.iter().find(|q| q.speaker != Speaker::Outlet) {
        return ds.speaker_name(q.speaker, q.source).to_owned();
    }
    let names: Vec<String> = ds
        .syms(event.participants)
        .iter()
        .map(|&a| {
            ds.actor(a)
                .map_or_else(|| ds.str(a).to_owned(), |x| ds.str(x.name).to_owned())
        })
        .collect();
    match (names.is_empty(), quotes.first()) {
        (false, _) => names.join(" and "),
        (true, Some(q)) => ds.speaker_name(q.speaker, q.source).to_owned(),
        (true, None) => format!("“{}”", ds.str(event.title)),
    }
}

/// One dispute as a ClaimReview.
fn review(ds: &Dataset, d: &Dispute, published: ReviewsAt<'_>) -> Value {
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
    // When the claim was first made: its first source's date, else its first event's,
    // at the precision known; a window that no article narrows is written as the ISO
    // 8601 interval it is ("2017-01-20/2018-06-01"), never as one invented day.
    let first_event = first_event(ds, claim_events);
    let dates: Vec<crate::model::FuzzyDate> = sources
        .iter()
        .map(|s| s.published)
        .chain(first_event.map(|e| ds.events[e as usize].date))
        .collect();
    if let Some(date) = dates.iter().find(|d| !d.is_window()).or(dates.first()) {
        claim.insert(
            "datePublished".into(),
            json!(date.to_string().replace("..", "/")),
        );
    }
    if let Some(first) = first_event {
        claim.insert(
            "name".into(),
            json!(ds.str(ds.events[first as usize].title)),
        );
    }

    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org"));
    out.insert("@type".into(), json!("ClaimReview"));
    out.insert(
        "url".into(),
        json!(format!("{}#{}", published.page_url, question_anchor(ds, d))),
    );
    out.insert("datePublished".into(), json!(published.date));
    out.insert("claimReviewed".into(), json!(d.question));
    out.insert("itemReviewed".into(), Value::Object(claim));
    if !ds.author.is_empty() {
        out.insert(
            "author".into(),
            json!({"@type": "Organization", "name": ds.str(ds.author)}),
        );
    }
    out.insert(
        "reviewRating".into(),
        json!({"@type": "Rating", "alternateName": verdict(ds, d)}),
    );
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
