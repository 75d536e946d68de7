//! The built-in Trump–Putin dataset: it loads, it is sourced, its dates are honest, its
//! contradictions are quoted on both sides, and its quotes are verbatim in the articles.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::collections::HashSet;
use std::path::Path;

use claimline::corpus;
use claimline::load::{self, LoadOptions};
use claimline::model::{Dataset, EventKind, RelationKind, Status};

fn dataset() -> Dataset {
    let loaded = load::load_bytes(
        load::BUILTIN_RON.as_bytes(),
        Path::new("data/trump-putin.ron"),
        LoadOptions::strict(true),
        None,
    )
    .unwrap_or_else(|e| panic!("the default dataset must load under --strict:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.dataset
}

fn event<'d>(ds: &'d Dataset, id: &str) -> &'d claimline::model::Event {
    let i = ds
        .event_index_by_name(id)
        .unwrap_or_else(|| panic!("no event {id}"));
    &ds.events[i as usize]
}

#[test]
fn loads_and_spans_2017_to_2024() {
    let ds = dataset();
    let span = ds.date_span().unwrap();
    let year = |d| claimline::model::date::date_of(d).map(|d| chrono::Datelike::year(&d));
    assert_eq!(year(span.first), Some(2017));
    assert_eq!(year(span.last_certain), Some(2024));
    assert!(ds.events.len() >= 20, "every contact in five articles");
    assert_eq!(ds.sources.len(), 5, "one source per article");
}

#[test]
fn every_event_is_quoted_and_every_undated_date_explained() {
    let ds = dataset();
    for e in &ds.events {
        let id = ds.str(e.id);
        assert!(!e.quotes.is_empty(), "{id} has no quote");
        assert!(
            !ds.str(e.date_note).is_empty(),
            "{id} must say how its date was derived"
        );
    }
    for s in &ds.sources {
        if !s.published.is_exact_day() || ds.str(s.outlet).contains("Unnamed") {
            assert!(
                !ds.str(s.published_note).is_empty(),
                "{} prints no date: its note must say how it was derived",
                ds.str(s.id)
            );
        }
    }
}

#[test]
fn dates_are_no_more_precise_than_the_articles() {
    let ds = dataset();
    // The articles give only a month for these, and only a year for Hamburg.
    assert_eq!(
        event(&ds, "helsinki-summit-2018").date.to_string(),
        "2018-07"
    );
    assert_eq!(
        event(&ds, "phone-call-july-2020").date.to_string(),
        "2020-07"
    );
    assert_eq!(
        event(&ds, "hamburg-2017-interpreter-notes")
            .date
            .to_string(),
        "2017"
    );
    // Undated articles keep windows, not invented days.
    assert!(event(&ds, "putin-offers-recording").date.is_window());
    assert!(event(&ds, "peskov-warns-transcripts").date.is_window());
    // "Thursday" of the week before Monday 11 November 2024.
    assert_eq!(
        event(&ds, "reported-call-2024-11-07").date.to_string(),
        "2024-11-07"
    );
}

#[test]
fn the_reported_november_2024_call_is_denied_with_quotes_on_both_sides() {
    let ds = dataset();
    let call = ds.event_index_by_name("reported-call-2024-11-07").unwrap();
    assert_eq!(ds.events[call as usize].status, Status::Disputed);
    assert_eq!(ds.events[call as usize].kind, EventKind::PhoneCall);
    let denial = ds
        .relations_of(call)
        .find(|r| r.kind == RelationKind::Denies)
        .expect("the Kremlin's denial is a relation");
    assert_eq!(ds.str(denial.from), "kremlin-denies-call");
    assert!(ds.str(denial.question).contains("7 November 2024"));
    let quotes: Vec<&str> = ds
        .quotes(event(&ds, "kremlin-denies-call").quotes)
        .iter()
        .map(|q| ds.str(q.text))
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("There was no conversation"))
    );
}

#[test]
fn every_relation_joins_two_quoted_events_and_covers_every_denial() {
    let ds = dataset();
    // Event ids are matched by text (they are not interned).
    let mut related: HashSet<&str> = HashSet::new();
    for r in &ds.relations {
        for id in [r.from, r.to] {
            let e = &ds.events[ds.event_index(id).unwrap() as usize];
            assert!(
                !e.quotes.is_empty(),
                "relation {} has an unquoted side",
                ds.str(r.id)
            );
            related.insert(ds.str(id));
        }
    }
    // Each denial or refusal of something the articles report is linked to it — Peskov's
    // denial of any contact with Trump's campaign after the election too: it covers the
    // reported 7 November call without naming it.
    for id in [
        "peskov-denies-campaign-contacts",
        "kremlin-denies-call",
        "ukraine-denies-being-informed",
        "peskov-denies-post-term-contacts",
        "cheung-no-comment",
        "trump-wont-confirm-oct-2024",
        "ushakov-no-audio",
        "lavrov-indecent",
    ] {
        let e = event(&ds, id);
        assert!(
            related.contains(ds.str(e.id)),
            "{id} is linked to what it answers"
        );
    }
    let unlinked_denials: Vec<&str> = ds
        .events
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::Denial | EventKind::NoComment)
                && !related.contains(ds.str(e.id))
        })
        .map(|e| ds.str(e.id))
        .collect();
    assert!(unlinked_denials.is_empty(), "{unlinked_denials:?}");
    let kinds: HashSet<RelationKind> = ds.relations.iter().map(|r| r.kind).collect();
    for kind in [
        RelationKind::Contradicts,
        RelationKind::Denies,
        RelationKind::Corrects,
        RelationKind::DeclinesToConfirm,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} is used");
    }
}

#[test]
fn every_quote_is_verbatim_in_its_article() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(
        seeds.is_dir(),
        "the articles must be beside the checkout at {}",
        seeds.display()
    );
    let ds = dataset();
    // Byte for byte: curly quotes, apostrophes and dashes as the articles print them,
    // checked both against the articles and against the captured copies kept in data/.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (dir, corpus_dir) in [(None, Some(seeds.as_path())), (Some(data.as_path()), None)] {
        let texts = corpus::source_texts(&ds, dir, corpus_dir);
        let report = corpus::verify(&ds, load::BUILTIN_RON, &texts, true);
        let failures: Vec<String> = report.failures.iter().map(|d| d.message.clone()).collect();
        assert!(failures.is_empty(), "{failures:#?}");
        assert!(report.warnings.is_empty() && report.fixes.is_empty());
        assert_eq!(report.verified, 55);
        assert_eq!(report.verified, ds.counts().quotes);
    }
}

#[test]
fn every_source_carries_its_captured_article_and_its_hash() {
    let ds = dataset();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for source in &ds.sources {
        let capture = source.capture.expect("every built-in source is captured");
        let kept = std::fs::read(root.join("data").join(ds.str(capture.file))).unwrap();
        let article = std::fs::read(
            root.join("../shared/seeds")
                .join(ds.str(source.document.expect("and names its article"))),
        )
        .unwrap();
        assert_eq!(
            kept,
            article,
            "{} keeps the article's bytes",
            ds.str(source.id)
        );
        assert_eq!(claimline::hash::sha256_hex(&kept), ds.str(capture.sha256));
        assert!(ds.str(capture.file).contains(ds.str(capture.sha256)));
    }
}

#[test]
fn serializing_and_parsing_again_gives_the_same_dataset() {
    let ds = dataset();
    for layout in [
        claimline::save::Layout::Pretty,
        claimline::save::Layout::Compact,
    ] {
        let text = claimline::save::to_ron(&ds, layout).unwrap();
        let again = load::load_bytes(
            text.as_bytes(),
            Path::new("again.ron"),
            LoadOptions::strict(true),
            None,
        )
        .unwrap_or_else(|e| panic!("{layout:?} output must load:\n{e}"))
        .dataset;
        let text_again = claimline::save::to_ron(&again, layout).unwrap();
        assert_eq!(text, text_again, "{layout:?} round trip");
        assert_eq!(again.counts(), ds.counts());
        for (a, b) in ds.events.iter().zip(&again.events) {
            assert_eq!(ds.str(a.title), again.str(b.title));
            assert_eq!(a.date, b.date);
            let qa: Vec<&str> = ds.quotes(a.quotes).iter().map(|q| ds.str(q.text)).collect();
            let qb: Vec<&str> = again
                .quotes(b.quotes)
                .iter()
                .map(|q| again.str(q.text))
                .collect();
            assert_eq!(qa, qb);
        }
    }
}
