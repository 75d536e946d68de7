//! Disputes: each contested question with both sides, in the app and on the command
//! line (Markdown and JSON), including questions whose relations cannot be split into
//! two consistent sides.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use claimline::app::AppOptions;
use claimline::disputes::{Dispute, disputes};
use claimline::model::Dataset;
use claimline::timeline::Document;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable as _, by};

const CALL_QUESTION: &str = "Did Trump and Putin speak by phone on 7 November 2024?";

fn ids(ds: &Dataset, events: &[u32]) -> Vec<String> {
    events
        .iter()
        .map(|&e| ds.str(ds.events[e as usize].id).to_owned())
        .collect()
}

fn find<'d>(found: &'d [Dispute], question: &str) -> &'d Dispute {
    found
        .iter()
        .find(|d| d.question == question)
        .unwrap_or_else(|| panic!("no dispute \"{question}\""))
}

#[test]
fn the_call_has_the_report_on_one_side_the_kremlin_on_the_other_and_trumps_spokesman_apart() {
    let doc = Document::builtin().unwrap();
    let ds = &doc.dataset;
    let found = disputes(ds);
    assert_eq!(found.len(), 8, "one entry per question");
    let call = find(&found, CALL_QUESTION);
    assert_eq!(ids(ds, &call.sides[0]), ["reported-call-2024-11-07"]);
    // The Kremlin's denial, and Peskov's denial of any contact with Trump's campaign
    // after the election (which covers the call without naming it), in time order.
    assert_eq!(
        ids(ds, &call.sides[1]),
        ["peskov-denies-campaign-contacts", "kremlin-denies-call"]
    );
    assert_eq!(ids(ds, &call.declines), ["cheung-no-comment"]);
    assert!(call.conflicts.is_empty());
    // Three accounts of handing over records, each contradicting the other two: no two
    // sides can hold them, and the entry says which relation does not fit.
    let records = find(
        &found,
        "Would Moscow hand over records of its leaders' conversations with Trump?",
    );
    assert_eq!(records.conflicts.len(), 1);
    assert_eq!(
        ds.str(ds.relations[records.conflicts[0]].id),
        "lavrov-vs-peskov-2019"
    );
}

/// A dataset of events `a`, `b`, `c`, … and relations `(id, kind, from, to, question)`.
fn dataset(events: &[&str], relations: &[(&str, &str, &str, &str, &str)]) -> String {
    let events: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, id)| {
            format!(
                "(id: \"{id}\", title: \"Event {id}\", kind: Statement, date: \"2024-11-0{}\", status: Reported, quotes: [(source: \"s\", speaker: Outlet, text: \"x\")])",
                i + 1
            )
        })
        .collect();
    let relations: Vec<String> = relations
        .iter()
        .map(|(id, kind, from, to, q)| {
            format!(
                "(id: \"{id}\", kind: {kind}, from: \"{from}\", to: \"{to}\", question: \"{q}\")"
            )
        })
        .collect();
    format!(
        "(schema: 1, title: \"Made up\", sources: [(id: \"s\", outlet: \"Wire\", published: \"2024\")], events: [{}], relations: [{}])",
        events.join(","),
        relations.join(",")
    )
}

fn load(text: &str) -> Dataset {
    claimline::load::load_bytes(
        text.as_bytes(),
        std::path::Path::new("made-up.ron"),
        Default::default(),
        None,
    )
    .unwrap()
    .dataset
}

#[test]
fn questions_group_alike_sides_follow_the_kinds_and_odd_cycles_are_named() {
    // One relation is a dispute of two events; questions differing in case, spacing and
    // trailing punctuation are one question; supports share a side.
    let ds = load(&dataset(
        &["a", "b", "c", "d"],
        &[
            ("r1", "Denies", "b", "a", "Did it happen?"),
            ("r2", "Supports", "c", "a", "did  it happen"),
            ("r3", "DeclinesToConfirm", "d", "a", "DID IT HAPPEN?!"),
        ],
    ));
    let found = disputes(&ds);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(d.question, "Did it happen?");
    assert_eq!(ids(&ds, &d.sides[0]), ["a", "c"]);
    assert_eq!(ids(&ds, &d.sides[1]), ["b"]);
    assert_eq!(ids(&ds, &d.declines), ["d"]);
    // An odd cycle: a contradicts b, b contradicts c, c contradicts a.
    let ds = load(&dataset(
        &["a", "b", "c"],
        &[
            ("ab", "Contradicts", "a", "b", "Q"),
            ("bc", "Contradicts", "b", "c", "Q"),
            ("ca", "Contradicts", "c", "a", "Q"),
        ],
    ));
    let d = &disputes(&ds)[0];
    assert_eq!(d.conflicts.len(), 1, "{d:?}");
    assert_eq!(ds.str(ds.relations[d.conflicts[0]].id), "ca");
}

fn claimline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn the_command_writes_markdown_and_json() {
    let run = claimline(&["disputes"]);
    assert!(run.status.success());
    let md = String::from_utf8(run.stdout).unwrap();
    assert!(
        md.starts_with("# Disputes in Trump–Putin contacts, 2017–2024"),
        "{md}"
    );
    assert!(md.contains(&format!("## {CALL_QUESTION}")));
    assert!(md.contains("| Claim | Counter-claim | Won't say |"));
    assert!(md.contains("> “Western media claims of an alleged phone call"));
    assert!(md.contains(
        "**These relations cannot be split into two consistent sides:** `lavrov-vs-peskov-2019`"
    ));

    let run = claimline(&["disputes", "data/trump-putin.ron", "--format", "json"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let call = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["question"] == CALL_QUESTION)
        .unwrap();
    assert_eq!(
        call,
        &serde_json::json!({
            "question": CALL_QUESTION,
            "sides": [
                ["reported-call-2024-11-07"],
                ["peskov-denies-campaign-contacts", "kremlin-denies-call"]
            ],
            "declines": ["cheung-no-comment"],
            "conflicts": [],
            "editor_links": ["campaign-contacts-denial-covers-call"],
        })
    );

    // An odd cycle, in JSON.
    let (_dir, path) = temp(&dataset(
        &["a", "b", "c"],
        &[
            ("ab", "Contradicts", "a", "b", "Q?"),
            ("bc", "Contradicts", "b", "c", "Q?"),
            ("ca", "Contradicts", "c", "a", "Q?"),
        ],
    ));
    let run = claimline(&["disputes", path.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json[0]["conflicts"], serde_json::json!(["ca"]));
    // No relations: nothing in dispute, said plainly.
    let (_dir, path) = temp(&dataset(&["a"], &[]));
    let md = String::from_utf8(claimline(&["disputes", path.to_str().unwrap()]).stdout).unwrap();
    assert!(
        md.contains("Nothing is in dispute: the dataset has no relations"),
        "{md}"
    );
    let json = claimline(&["disputes", path.to_str().unwrap(), "--format", "json"]).stdout;
    assert_eq!(String::from_utf8(json).unwrap().trim(), "[]");
}

#[test]
fn the_disputes_tab_lists_the_sides_and_a_click_frames_the_dispute() {
    let mut h = common::harness(AppOptions::default());
    h.run();
    h.key_press(Key::D);
    h.run();
    h.get_by_label(CALL_QUESTION);
    assert_eq!(
        h.query_all_by_label("Won't say").count(),
        2,
        "two questions have someone who won't say"
    );
    // Each side's event is named with its date, status and first quote.
    h.get(
        by().role(Role::Button)
            .label_contains("Trump's spokesman: \"We do not comment on private calls\", 10 Nov 2024 – 11 Nov 2024, on the record. Los Angeles Times (Associated Press): “a spokesman for Trump refused to comment"),
    );
    h.get(by().role(Role::Button).label_contains(
        "Trump and Putin reportedly speak by phone about Ukraine, 7 Nov 2024, disputed. ",
    ))
    .click();
    for _ in 0..60 {
        h.step();
        if !h.state().timeline().is_moving() {
            break;
        }
    }
    h.run();
    assert_eq!(
        common::selected_id(&h).as_deref(),
        Some("reported-call-2024-11-07")
    );
    // Every event of the question is in view: 7 November to 11 November 2024.
    let doc = h.state().document().unwrap();
    let d = doc
        .disputes
        .iter()
        .find(|d| d.question == CALL_QUESTION)
        .unwrap();
    let (first, last) = d.days(&doc.dataset).unwrap();
    let (a, b) = h.state().visible_days().unwrap();
    assert!(
        a <= f64::from(first) && b >= f64::from(last) + 1.0,
        "{a}..{b}"
    );
    assert!(b - a < 30.0, "and zoomed to it: {a}..{b}");
    let disputed = doc
        .dataset
        .events
        .iter()
        .enumerate()
        .filter(|(e, _)| doc.dataset.relations_of(*e as u32).next().is_some())
        .count();
    // Disputed only: just the events in some dispute.
    h.get_by_role_and_label(Role::CheckBox, "Disputed only")
        .click();
    h.run();
    assert_eq!(h.state().shown_events().len(), disputed);
}

#[test]
fn a_dataset_without_relations_says_why_nothing_is_in_dispute() {
    let (_dir, path) = temp(&dataset(&["a", "b"], &[]));
    let mut h = common::harness(AppOptions {
        file: Some(path),
        ..AppOptions::default()
    });
    common::settle(&mut h);
    h.key_press(Key::D);
    h.run();
    h.get_by_label_contains("Nothing is in dispute: this dataset has no relations");
}
