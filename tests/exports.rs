//! `claimline export --format claimreview` and `--format annotations`: the built-in
//! dataset's disputes as schema.org ClaimReview, its quotes as W3C Web Annotations, with
//! the keys and shapes those models require, the dataset's own words for ratings, and —
//! given the articles — each quote placed by prefix, suffix and position in its text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};

use claimline::model::Status;
use claimline::timeline::Document;

use common::claimline_ok;
use common::export_json as export;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

#[test]
fn every_disputed_question_is_a_claim_review_rated_in_the_datasets_words() {
    let doc = Document::builtin().unwrap();
    let reviews = export(&["--format", "claimreview"]);
    let reviews = reviews.as_array().unwrap();
    // A question whose only link supports (no counter-claim) is not a review.
    let supports_only = doc
        .disputes
        .iter()
        .filter(|d| d.sides[1].is_empty())
        .count();
    assert_eq!(
        supports_only, 1,
        "the Hamburg notes only support the no-record report"
    );
    assert_eq!(reviews.len(), doc.disputes.len() - supports_only);
    assert!(!reviews.iter().any(|r| r["claimReviewed"]
        == "Is there a US record of what Trump and Putin said to each other?"));
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    for r in reviews {
        // Every property Google's ClaimReview documentation requires.
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(!r["claimReviewed"].as_str().unwrap().is_empty());
        let url = r["url"].as_str().unwrap();
        assert!(
            url.starts_with("#q-"),
            "the question on the page it is embedded in: {url}"
        );
        let date = r["datePublished"].as_str().unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{date}"
        );
        assert_eq!(
            r["author"]["name"], "The Claimline maintainers",
            "the reviewer"
        );
        let claim = &r["itemReviewed"];
        assert_eq!(claim["@type"], "Claim");
        assert!(!claim["author"].as_array().unwrap().is_empty(), "{claim}");
        assert!(
            !claim["appearance"].as_array().unwrap().is_empty(),
            "{claim}"
        );
        assert!(claim["datePublished"].is_string(), "{claim}");
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        let verdict = rating["alternateName"].as_str().unwrap();
        assert!(
            !statuses.contains(&verdict),
            "a verdict, not an event's status: {verdict}"
        );
        assert!(
            verdict.starts_with("Disputed") || verdict.starts_with("Unresolved"),
            "{verdict}"
        );
        assert!(
            rating.get("ratingValue").is_none() && rating.get("bestRating").is_none(),
            "no invented scale"
        );
    }
    // The audio recording: the dataset says no audio is made; the rating says who says so.
    let audio = reviews
        .iter()
        .find(|r| {
            r["claimReviewed"]
                == "Does Moscow hold an audio recording of the Lavrov–Trump conversation?"
        })
        .unwrap();
    assert_eq!(
        audio["reviewRating"]["alternateName"],
        "Disputed: Yuri Ushakov corrects it"
    );
    // Lavrov, Peskov and Putin cannot be put on two sides: the rating says so.
    let records = reviews
        .iter()
        .find(|r| {
            r["claimReviewed"]
                == "Would Moscow hand over records of its leaders' conversations with Trump?"
        })
        .unwrap();
    assert!(
        records["reviewRating"]["alternateName"]
            .as_str()
            .unwrap()
            .starts_with("Unresolved")
    );
    let call = reviews
        .iter()
        .find(|r| r["claimReviewed"] == "Did Trump and Putin speak by phone on 7 November 2024?")
        .expect("the call's question");
    assert_eq!(
        call["reviewRating"]["alternateName"],
        "Disputed: Dmitry Peskov denies it; Steven Cheung won't say; Dmitry Peskov contradicts it (the dataset's editor links this, not the articles)"
    );
    assert_eq!(
        call["itemReviewed"]["name"],
        "Trump and Putin reportedly speak by phone about Ukraine"
    );
    assert_eq!(
        call["itemReviewed"]["firstAppearance"]["publisher"]["name"],
        "Los Angeles Times (Associated Press)"
    );
    let body = call["reviewBody"].as_str().unwrap();
    assert!(
        body.contains("Counter-claim: Peskov denies Kremlin contacts with Trump's campaign after the election (5 Nov 2024 – 11 Nov 2024, confirmed); Kremlin denies the reported call"),
        "{body}"
    );
    assert!(body.contains("Won't say: Trump's spokesman"), "{body}");

    // A dataset that names no author names no reviewer.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.ron");
    std::fs::write(
        &file,
        "(schema: 1, title: \"T\", sources: [(id: \"s\", outlet: \"O\", published: \"2024\", url: \"javascript:alert(1)\")],
          events: [(id: \"a\", title: \"A\", kind: Meeting, date: \"2024\", status: Reported, quotes: [(source: \"s\", speaker: Outlet, text: \"q\")]),
                   (id: \"b\", title: \"B\", kind: Denial, date: \"2024\", status: Confirmed)],
          relations: [(id: \"r\", kind: Denies, from: \"b\", to: \"a\", question: \"Did A happen?\")])",
    )
    .unwrap();
    let reviews = export(&[file.to_str().unwrap(), "--format", "claimreview"]);
    assert_eq!(reviews[0]["claimReviewed"], "Did A happen?");
    assert!(reviews[0].get("author").is_none());
    assert!(
        reviews[0]["itemReviewed"]["firstAppearance"]
            .get("url")
            .is_none(),
        "no javascript: link"
    );
}

#[test]
fn every_quote_is_a_web_annotation_placed_in_its_article() {
    let doc = Document::builtin().unwrap();
    let ds = &doc.dataset;
    let plain = export(&["--format", "annotations"]);
    assert_eq!(plain["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(plain["type"], "AnnotationCollection");
    let total = ds.counts().quotes;
    assert_eq!(plain["total"], total);
    assert_eq!(plain["first"]["type"], "AnnotationPage");
    let items = plain["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), total);
    let mut ids: Vec<&str> = items.iter().map(|a| a["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "every annotation has its own id");
    for a in items {
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().unwrap().starts_with("urn:claimline:"));
        assert_eq!(a["creator"]["name"], "The Claimline maintainers");
        assert!(!a["target"]["source"].as_str().unwrap().is_empty());
        let selectors = a["target"]["selector"].as_array().unwrap();
        assert_eq!(selectors.len(), 1, "without the articles, only the words");
        assert_eq!(selectors[0]["type"], "TextQuoteSelector");
        assert!(!selectors[0]["exact"].as_str().unwrap().is_empty());
        assert_eq!(a["body"][0]["type"], "TextualBody");
    }
    let call = items
        .iter()
        .find(|a| a["body"][1]["value"] == "reported-call-2024-11-07")
        .unwrap();
    assert!(
        call["body"][0]["value"]
            .as_str()
            .unwrap()
            .starts_with("7 November 2024, phone call, disputed: ")
    );

    // From the dataset file, whose captured sources are kept beside it: every quote is
    // placed in its source's own characters, 55 of 55.
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/trump-putin.ron");
    let placed = export(&[file.to_str().unwrap(), "--format", "annotations"]);
    let items = placed["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 55);
    for a in items {
        let selectors = a["target"]["selector"].as_array().unwrap();
        let exact = selectors[0]["exact"].as_str().unwrap();
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap_or_else(|| panic!("{exact} was not placed"));
        let event = a["body"][1]["value"].as_str().unwrap();
        let e = ds.event_index_by_name(event).unwrap();
        let quote = ds
            .quotes(ds.events[e as usize].quotes)
            .iter()
            .find(|q| ds.str(q.text) == exact)
            .unwrap();
        let source = ds.source(quote.source).unwrap();
        let capture = source.capture.unwrap();
        // The source's own text: the captured file's bytes.
        let text = std::fs::read_to_string(file.with_file_name(ds.str(capture.file))).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[start..end].iter().collect();
        assert_eq!(span, exact, "the position holds the exact characters");
        let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
        let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
        assert_eq!(selectors[0]["prefix"], prefix.as_str());
        assert_eq!(selectors[0]["suffix"], suffix.as_str());
        assert!(text.contains(&format!("{prefix}{exact}{suffix}")));
        assert_eq!(
            a["target"]["state"]["cached"],
            format!("urn:sha256:{}", ds.str(capture.sha256)).as_str()
        );
    }
    // The articles themselves (the corpus) place them just the same.
    let seeds = seeds();
    if seeds.is_dir() {
        let from_seeds = export(&[
            "--format",
            "annotations",
            "--corpus",
            seeds.to_str().unwrap(),
        ]);
        assert_eq!(
            from_seeds["first"]["items"][3]["target"]["selector"],
            placed["first"]["items"][3]["target"]["selector"]
        );
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI has ../shared/seeds");
    }
}

/// The annotations anchor with libraries Claimline did not write: the npm packages
/// `dom-anchor-text-quote` and `dom-anchor-text-position` (the anchoring Hypothesis was
/// built on), run under node over a DOM of each source's captured text (jsdom).
/// `scripts/install-test-deps.sh` installs them (`npm ci` in tests/anchoring).
#[test]
fn an_independent_anchoring_library_places_every_annotation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scripts = dir.join("tests/anchoring");
    if !scripts.join("node_modules/dom-anchor-text-quote").is_dir()
        || common::needs::on_path("node").is_none()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs node and tests/anchoring's packages (scripts/install-test-deps.sh)"
        );
        eprintln!("skipped: no node, or no `npm ci` in tests/anchoring");
        return;
    }
    let file = dir.join("data/trump-putin.ron");
    let ds = claimline::load::load_file(&file, claimline::load::LoadOptions::default(), None)
        .unwrap()
        .dataset;
    let out = tempfile::tempdir().unwrap();
    let annotations = out.path().join("a.jsonld");
    claimline_ok(&[
        "export".as_ref(),
        file.as_os_str(),
        "--format".as_ref(),
        "annotations".as_ref(),
        "-o".as_ref(),
        annotations.as_os_str(),
    ]);
    let mut node = std::process::Command::new("node");
    node.arg(scripts.join("anchor.js")).arg(&annotations);
    for s in &ds.sources {
        let c = s.capture.unwrap();
        node.arg(format!(
            "urn:sha256:{}={}",
            ds.str(c.sha256),
            dir.join("data").join(ds.str(c.file)).display()
        ));
    }
    let result = node.output().unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let said: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(said["failures"], serde_json::json!([]), "{said}");
    assert_eq!(said["total"], 55);
    assert_eq!(
        said["byQuote"], 55,
        "TextQuoteSelector (exact, prefix, suffix): {said}"
    );
    assert_eq!(said["byPosition"], 55, "TextPositionSelector: {said}");
}
