//! Each validation rule, broken one at a time in a small valid dataset: the load fails
//! (or warns) with the expected message at the expected line and column.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::Path;

use claimline::load::{self, LoadError, LoadOptions, Severity};

const MINIMAL: &str = include_str!("data/good/minimal.ron");

fn load(text: &str, strict: bool) -> Result<load::Loaded, LoadError> {
    load::load_bytes(
        text.as_bytes(),
        Path::new("test.ron"),
        LoadOptions::strict(strict),
        None,
    )
}

/// Replaces `from` (which must occur exactly once) in the minimal dataset.
fn broken(from: &str, to: &str) -> String {
    assert_eq!(
        MINIMAL.matches(from).count(),
        1,
        "fixture text {from:?} must be unique"
    );
    MINIMAL.replacen(from, to, 1)
}

/// Asserts the text fails to load with an error containing `message` at `line:col`.
fn assert_error_at(text: &str, message: &str, line: usize, col: usize) {
    let err = load(text, false).expect_err("the broken dataset must not load");
    let found = err
        .diagnostics
        .iter()
        .find(|d| d.message.contains(message))
        .unwrap_or_else(|| panic!("no error containing {message:?} in:\n{err}"));
    assert_eq!(found.severity, Severity::Error);
    let loc = found
        .location
        .as_ref()
        .expect("the error must have a position");
    assert_eq!(
        (loc.line, loc.col),
        (line, col),
        "position of {message:?}:\n{err}"
    );
    assert!(
        found.help.is_some(),
        "every error says how to fix it: {err}"
    );
    let rendered = err.to_string();
    assert!(
        rendered.contains(&format!("test.ron:{line}:{col}")),
        "{rendered}"
    );
}

#[test]
fn the_base_fixture_is_valid() {
    let loaded = load(MINIMAL, true).expect("minimal.ron is valid");
    assert_eq!(loaded.dataset.events.len(), 2);
    assert!(loaded.warnings.is_empty());
}

#[test]
fn duplicate_ids_are_errors_in_every_list() {
    assert_error_at(
        &broken(r#"(id: "b", name: "Bob")"#, r#"(id: "a", name: "Bob")"#),
        "duplicate actor id \"a\" (first used by actors[0])",
        7,
        14,
    );
    assert_error_at(
        &broken(r#"(id: "s2", outlet"#, r#"(id: "s1", outlet"#),
        "duplicate source id \"s1\"",
        11,
        14,
    );
    assert_error_at(
        &broken(r#"id: "denial","#, r#"id: "call","#),
        "duplicate event id \"call\"",
        24,
        17,
    );
}

#[test]
fn dangling_references_are_errors_with_suggestions() {
    let text = broken(r#"participants: ["b"]"#, r#"participants: ["bb"]"#);
    assert_error_at(&text, "unknown actor \"bb\"", 28, 28);
    let err = load(&text, false).unwrap_err();
    assert!(err.to_string().contains("did you mean \"b\"?"), "{err}");

    assert_error_at(
        &broken(r#"(source: "s2""#, r#"(source: "s3""#),
        "unknown source \"s3\"",
        30,
        31,
    );
    assert_error_at(
        &broken(r#"Actor("b")"#, r#"Actor("c")"#),
        "unknown actor \"c\"",
        30,
        46,
    );
    assert_error_at(
        &broken(r#"to: "call""#, r#"to: "cal""#),
        "unknown event \"cal\"",
        34,
        54,
    );
    assert_error_at(
        &broken(r#"from: "denial""#, r#"from: "nobody""#),
        "unknown event \"nobody\"",
        34,
        40,
    );
}

#[test]
fn relations_join_two_different_events() {
    assert_error_at(
        &broken(r#"to: "call""#, r#"to: "denial""#),
        "joins event \"denial\" to itself",
        34,
        54,
    );
    assert_error_at(
        &broken(r#"question: "Did they speak?""#, r#"question: "  ""#),
        "the relation's question is empty",
        34,
        72,
    );
}

#[test]
fn titles_and_quotes_must_not_be_empty() {
    assert_error_at(
        &broken(r#"title: "Minimal""#, r#"title: """#),
        "the dataset's title is empty",
        4,
        12,
    );
    assert_error_at(
        &broken(r#"title: "Alice calls Bob""#, r#"title: " ""#),
        "the event's title is empty",
        16,
        20,
    );
    assert_error_at(
        &broken(r#"text: "They spoke for an hour.""#, r#"text: """#),
        "the quote is empty",
        21,
        70,
    );
}

#[test]
fn dates_must_parse_and_run_forwards() {
    assert_error_at(
        &broken(r#"date: "2020-04-30""#, r#"date: "2020-04-31""#),
        "not a real calendar date (that month does not have this day)",
        18,
        20,
    );
    assert_error_at(
        &broken(r#"date: "2020-05","#, r#"date: "2020-06..2020-05","#),
        "ends before it starts",
        27,
        20,
    );
    assert_error_at(
        &broken(r#"date: "2020-05","#, r#"date: "last Thursday","#),
        "`last Thursday` is not a date",
        27,
        20,
    );
    assert_error_at(
        &broken(r#"date: "2020-05","#, r#"date: "2020-05", end: "2020-04","#),
        "the event ends (Apr 2020) before it starts (May 2020)",
        27,
        35,
    );
}

#[test]
fn schema_version_is_checked() {
    assert_error_at(
        &broken("schema: 1", "schema: 2"),
        "unsupported schema version 2",
        3,
        13,
    );
}

#[test]
fn an_event_without_quotes_warns_and_fails_under_strict() {
    let text = broken(
        r#"quotes: [(source: "s2", speaker: Actor("b"), text: "There was no call.")],"#,
        "",
    );
    let loaded = load(&text, false).expect("a missing quote is only a warning");
    assert_eq!(loaded.warnings.len(), 1);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.contains("\"denial\" has no quotes"),
        "{}",
        warning.message
    );

    let err = load(&text, true).expect_err("strict makes it an error");
    assert_eq!(err.error_count(), 1);
    assert!(
        err.diagnostics[0]
            .message
            .contains("an error under --strict")
    );
    let loc = err.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.col), (24, 17));
}

#[test]
fn urls_other_than_http_warn() {
    let text = broken("https://example.org/w", "file:///etc/passwd");
    let loaded = load(&text, false).unwrap();
    assert!(
        loaded.warnings[0]
            .message
            .contains("not an http or https address")
    );
}

#[test]
fn all_problems_are_reported_at_once_in_file_order() {
    let text = broken(r#"participants: ["b"]"#, r#"participants: ["x"]"#)
        .replacen(r#"(source: "s1""#, r#"(source: "nope""#, 1)
        .replacen(r#"to: "call""#, r#"to: "gone""#, 1);
    let err = load(&text, false).unwrap_err();
    assert_eq!(err.error_count(), 3, "{err}");
    let lines: Vec<usize> = err
        .diagnostics
        .iter()
        .map(|d| d.location.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, vec![21, 28, 34]);
}

#[test]
fn parse_errors_name_the_field_and_suggest_the_fix() {
    let err = load(&broken("status: Reported", "statsu: Reported"), false).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.message, "unknown field `statsu` in an event");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `status`?")
    );
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.col), (20, 13));

    let err = load(&broken("kind: Denial", "kind: Denail"), false).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.message, "`Denail` is not an event kind");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `Denial`?")
    );

    let err = load(&broken("            status: Confirmed,\n", ""), false).unwrap_err();
    assert_eq!(
        err.diagnostics[0].message,
        "an event is missing the field `status`"
    );

    let err = load(&broken("schema: 1", "schema: \"1\""), false).unwrap_err();
    assert_eq!(err.diagnostics[0].location.as_ref().unwrap().line, 3);
}

/// A table's many sources are checked on a thread of their own beside the events (the
/// reader made every reference): the problems come out the same, in the same order, as
/// when everything is checked in turn.
#[test]
fn many_sources_checked_beside_the_events_report_the_same_in_the_same_order() {
    use claimline::model::builder::{DatasetBuilder, EventSpec, SourceSpec};
    use claimline::model::{EventKind, FuzzyDate, Status};

    let n = 60_000;
    let mut b = DatasetBuilder::new("Many sources", "").unwrap();
    let date = FuzzyDate::parse("2024-11").unwrap();
    let ids: Vec<String> = (0..n).map(|i| format!("https://example.org/{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        b.source(&SourceSpec {
            id,
            // Two sources without an outlet, one with a bad archive address.
            outlet: if i == 7 || i == 40_000 {
                ""
            } else {
                "example.org"
            },
            headline: "",
            published: date,
            published_note: "",
            cites: &[],
            url: Some(id),
            document: None,
            archived: (i == 123).then_some(("ftp://example.org/copy", date)),
        })
        .unwrap();
    }
    for (i, source) in ids.iter().enumerate() {
        let id = format!("e{i}");
        b.event(&EventSpec {
            id: &id,
            // Three events without a title.
            title: if i % 25_000 == 3 { "" } else { "An event" },
            kind: EventKind::Statement,
            date,
            end: None,
            participants: &[],
            place: None,
            coordinates: None,
            status: Status::Reported,
            summary: "",
            quotes: &[],
            date_note: "",
            group: None,
            sources: &[source.as_str()],
        })
        .unwrap();
    }
    let base = b.finish();
    let said = |made: bool| -> Vec<String> {
        let mut ds = base.clone();
        load::validate::validate(&mut ds, None, made, None)
            .iter()
            .map(|f| format!("{:?} {} {}", f.severity, f.at, f.message))
            .collect()
    };
    let beside = said(true);
    assert_eq!(beside, said(false));
    assert_eq!(beside.len(), 6, "{beside:#?}");
    assert!(beside[0].contains("sources[7]"), "{beside:#?}");
    assert!(beside[5].contains("events[50003]"), "{beside:#?}");
}
