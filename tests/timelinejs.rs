//! TimelineJS import: its JSON and its spreadsheet CSV, mapped field by field, broken
//! files reported by JSON path or row, the cosmological scale refused, and the round
//! trip import → RON → load giving the same dataset.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use claimline::load::{self, LoadOptions};
use claimline::model::{Dataset, EventKind, Status};
use claimline::save::{Layout, to_ron};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/timelinejs")
        .join(name)
}

fn import(name: &str) -> Dataset {
    load::load_file(&fixture(name), LoadOptions::default(), None)
        .unwrap_or_else(|e| panic!("{name} imports:\n{e}"))
        .dataset
}

fn event<'d>(ds: &'d Dataset, id: &str) -> &'d claimline::model::Event {
    &ds.events[ds
        .event_index_by_name(id)
        .unwrap_or_else(|| panic!("no event {id}")) as usize]
}

/// The mapping both files must give (they hold the same timeline).
fn assert_mapping(ds: &Dataset, first_id: &str) {
    assert_eq!(ds.str(ds.title), "Summits & calls");
    assert_eq!(ds.events.len(), 6);
    // Precision comes from which parts are given; a year alone stays a year.
    let year = event(ds, first_id);
    assert_eq!(year.date.to_string(), "2017");
    assert_eq!(ds.str(year.summary), "Known to the year.");
    assert_eq!(year.kind, EventKind::Other);
    assert_eq!(year.status, Status::Reported);
    assert!(year.quotes.is_empty(), "imported events are unsourced");
    assert_eq!(event(ds, "tl-2018-a-month").date.to_string(), "2018-07");
    // A range: start, end, group, HTML to text with its link, media as a cited source.
    let summit = event(ds, "tl-2018-a-two-day-summit");
    assert_eq!(summit.date.to_string(), "2018-07-16");
    assert_eq!(summit.end.unwrap().to_string(), "2018-07-17");
    assert_eq!(ds.str(summit.group.unwrap()), "Meetings");
    assert!(
        ds.str(summit.summary)
            .ends_with("see the report (https://example.org/helsinki)"),
        "{}",
        ds.str(summit.summary)
    );
    assert!(ds.str(summit.date_note).contains("16–17 July 2018"));
    let cited = ds.syms(summit.sources);
    assert_eq!(cited.len(), 1);
    let media = ds.source(cited[0]).unwrap();
    assert_eq!(ds.str(media.outlet), "Example Wire");
    assert_eq!(ds.str(media.headline), "The summit");
    assert_eq!(ds.str(media.url.unwrap()), "https://example.org/photo.jpg");
    // A time of day is kept in the note, the day on the timeline.
    let call = event(ds, "tl-2020-a-call-with-a-time");
    assert_eq!(call.date.to_string(), "2020-07-23");
    assert!(
        ds.str(call.date_note).contains("14:05"),
        "{}",
        ds.str(call.date_note)
    );
    // Negative years are shown, not refused.
    assert_eq!(
        event(ds, "tl--44-ides-of-march").date.to_string(),
        "-0044-03-15"
    );
    // Eras become background bands.
    assert_eq!(ds.eras.len(), 1);
    assert_eq!(ds.str(ds.eras[0].title), "First period");
    assert_eq!(ds.eras[0].start.to_string(), "2017");
    assert_eq!(ds.eras[0].end.to_string(), "2018-06");
}

#[test]
fn timelinejs_json_maps_field_by_field() {
    let ds = import("timeline.json");
    assert_mapping(&ds, "year-only");
    assert!(
        ds.str(ds.description)
            .contains("a link (https://example.org/about)")
    );
    // Ids are stable: the same headline and year get a numbered twin.
    assert!(
        ds.event_index_by_name("tl-2020-a-call-with-a-time-2")
            .is_some()
    );
}

#[test]
fn the_spreadsheet_csv_maps_the_same_way() {
    let ds = import("sheet.csv");
    assert_mapping(&ds, "tl-2017-a-year-only");
    // Quoted fields with commas and line breaks survive, and the BOM is skipped.
    let summit = event(&ds, "tl-2018-a-two-day-summit");
    assert!(
        ds.str(summit.summary)
            .starts_with("Talks in Helsinki, Finland —\nsee"),
        "{}",
        ds.str(summit.summary)
    );
    assert_eq!(
        ds.str(ds.description),
        "The same timeline, as the spreadsheet template."
    );
}

#[test]
fn broken_files_name_the_json_path_or_the_row() {
    let err = load::load_file(&fixture("broken.json"), LoadOptions::default(), None).unwrap_err();
    let messages: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "events[1].start_date.month: `May` is not a month (1–12)",
            "events[2].start_date: the event has no start date",
            "events[3].end_date: the event ends (Apr 2019) before it starts (2 May 2019)",
        ]
    );
    let err = load::load_file(&fixture("broken.csv"), LoadOptions::default(), None).unwrap_err();
    let first = &err.diagnostics[0];
    assert_eq!(
        first.message,
        "row 3, column \"Month\": `13` is not a month (1–12)"
    );
    assert_eq!(first.location.as_ref().unwrap().line, 3);
    assert_eq!(
        err.diagnostics[1].message,
        "row 4, column \"Year\": `twenty` is not a year"
    );
}

#[test]
fn the_cosmological_scale_is_refused_clearly() {
    let err =
        load::load_file(&fixture("cosmological.json"), LoadOptions::default(), None).unwrap_err();
    let d = &err.diagnostics[0];
    assert!(
        d.message
            .contains("the year -13800000000 is outside what Claimline can show"),
        "{}",
        d.message
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("cosmological timelines")
    );
}

#[test]
fn json_that_is_not_a_timeline_says_so() {
    let err = load::load_bytes(
        br#"{"name": "x"}"#,
        Path::new("x.json"),
        LoadOptions::default(),
        None,
    )
    .unwrap_err();
    assert!(err.diagnostics[0].message.contains("no `events` list"));
    let err = load::load_bytes(
        b"{\"events\": [",
        Path::new("x.json"),
        LoadOptions::default(),
        None,
    )
    .unwrap_err();
    assert!(
        err.diagnostics[0]
            .message
            .starts_with("the JSON is not valid")
    );
    assert_eq!(err.diagnostics[0].location.as_ref().unwrap().line, 1);
}

#[test]
fn import_then_ron_then_load_equals_the_import() {
    for name in ["timeline.json", "sheet.csv"] {
        let imported = import(name);
        let text = to_ron(&imported, Layout::Pretty).unwrap();
        let reloaded = load::load_bytes(
            text.as_bytes(),
            Path::new("again.ron"),
            LoadOptions::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{name}: the written RON loads:\n{e}"))
        .dataset;
        assert_eq!(to_ron(&reloaded, Layout::Pretty).unwrap(), text, "{name}");
    }
}

#[test]
fn the_import_command_writes_a_dataset_and_refuses_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.ron");
    let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args([
            "import",
            fixture("timeline.json").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("6 events"));
    let loaded = load::load_file(&out, LoadOptions::default(), None).unwrap();
    assert_eq!(loaded.dataset.events.len(), 6);

    let refused = dir.path().join("refused.ron");
    let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args([
            "import",
            fixture("broken.csv").to_str().unwrap(),
            "-o",
            refused.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("broken.csv:3:1"));
    assert!(!refused.exists());
}

#[test]
fn the_app_opens_a_timeline_with_its_groups_as_lanes_and_its_eras() {
    let mut h = common::harness(claimline::app::AppOptions {
        file: Some(fixture("timeline.json")),
        ..Default::default()
    });
    common::settle(&mut h);
    let app = h.state();
    assert_eq!(
        app.persisted().lane_mode,
        claimline::timeline::LaneMode::Group
    );
    assert_eq!(app.shown_events().len(), 6);
    let doc = app.document().unwrap();
    assert_eq!(doc.dataset.eras.len(), 1);
    let mut drawn: Vec<u32> = app.timeline().drawn().iter().map(|(e, _)| *e).collect();
    drawn.sort_unstable();
    drawn.dedup();
    // The −44 event is far from the others; zoomed to fit, every event is on screen.
    assert_eq!(drawn.len(), 6);
}

/// Found by fuzzing the whole entry point: a year of a hundred digits saturated to the
/// smallest integer, which panicked in debug builds ("attempt to negate with overflow")
/// and in release builds silently dropped the event (`check` said "ok — 1 event").
#[test]
fn a_year_of_a_hundred_digits_is_an_error_not_a_lost_event() {
    let err =
        load::load_file(&fixture("huge-year.json"), LoadOptions::default(), None).unwrap_err();
    let d = &err.diagnostics[0];
    assert!(
        d.message
            .starts_with("events[0].start_date.year: the year -1.5555555555555557e+111"),
        "{}",
        d.message
    );
    assert!(
        d.message
            .contains("is outside what Claimline can show (±262,000 years)"),
        "{}",
        d.message
    );
    let out = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["check"])
        .arg(fixture("huge-year.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// Import → export (TimelineJS JSON) → import keeps every event, date, text, group,
/// id and media source, for the JSON and the spreadsheet examples; the built-in dataset
/// exports with its quotes in the slides' text, escaped as HTML, and reads back with the
/// same events and dates.
#[test]
fn import_then_export_then_import_keeps_every_event_date_and_text() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["timeline.json", "sheet.csv"] {
        let first = import(name);
        let json = claimline::export::timelinejs::to_json(&first);
        let path = dir.path().join(format!("{name}.export.json"));
        std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
        let again = load::load_file(&path, LoadOptions::default(), None)
            .unwrap()
            .dataset;
        assert_eq!(first.events.len(), again.events.len(), "{name}");
        for a in &first.events {
            let id = first.str(a.id);
            let b = event(&again, id);
            assert_eq!((a.date, a.end), (b.date, b.end), "{name}: {id}");
            assert_eq!(first.str(a.title), again.str(b.title), "{name}: {id}");
            assert_eq!(first.str(a.summary), again.str(b.summary), "{name}: {id}");
            assert_eq!(
                a.group.map(|g| first.str(g)),
                b.group.map(|g| again.str(g)),
                "{name}: {id}"
            );
            let urls = |ds: &Dataset, e: &claimline::model::Event| -> Vec<String> {
                ds.syms(e.sources)
                    .iter()
                    .filter_map(|&s| ds.source(s).and_then(|s| s.url))
                    .map(|u| ds.str(u).to_owned())
                    .collect()
            };
            assert_eq!(urls(&first, a), urls(&again, b), "{name}: {id}");
        }
        assert_eq!(first.eras.len(), again.eras.len());
        for (a, b) in first.eras.iter().zip(&again.eras) {
            assert_eq!((a.start, a.end), (b.start, b.end));
        }
    }

    // The built-in dataset: its quotes go into the slides' text, and its dates
    // (windows included) come back as the same days.
    let builtin = claimline::timeline::Document::builtin().unwrap().dataset;
    let json = claimline::export::timelinejs::to_json(&builtin);
    let text = serde_json::to_string(&json).unwrap();
    assert!(text.contains("There was no conversation"));
    // Headlines keep their quotes as written: TimelineJS reads `&apos;` and `&quot;`
    // aloud in its buttons' names (axe: label-content-name-mismatch).
    let headlines: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["text"]["headline"].as_str())
        .collect();
    assert!(
        headlines.iter().any(|h| h.contains("interpreter's notes")),
        "an apostrophe as written: {headlines:?}"
    );
    assert!(
        headlines.iter().any(|h| h.contains("\"indecent\"")),
        "quotes as written: {headlines:?}"
    );
    assert!(
        !text.contains("&apos;") && !text.contains("&quot;"),
        "no quote entities"
    );
    // What TimelineJS cannot show is said in the slides: kind and status, and who
    // contradicts whom, linked to the other slide; rows by kind (the dataset has no
    // groups).
    let slide = |id: &str| {
        json["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    let call = slide("reported-call-2024-11-07");
    let said = call["text"]["text"].as_str().unwrap();
    assert!(
        said.starts_with("<p><strong>Phone call · Disputed</strong></p>"),
        "{said}"
    );
    assert!(
        said.contains("Denied by <a href=\"#event-kremlin-denies-call\">"),
        "{said}"
    );
    assert_eq!(call["group"], "Phone call");
    let denial = slide("kremlin-denies-call")["text"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        denial.contains("Denies <a href=\"#event-reported-call-2024-11-07\">"),
        "{denial}"
    );
    let path = dir.path().join("builtin.json");
    std::fs::write(&path, &text).unwrap();
    let again = load::load_file(&path, LoadOptions::default(), None)
        .unwrap()
        .dataset;
    assert_eq!(builtin.events.len(), again.events.len());
    for a in &builtin.events {
        let b = event(&again, builtin.str(a.id));
        assert_eq!(
            a.date.earliest(),
            b.date.earliest(),
            "{}",
            builtin.str(a.id)
        );
        let last = |e: &claimline::model::Event| e.end.unwrap_or(e.date).latest();
        assert_eq!(last(a), last(b), "{}", builtin.str(a.id));
        assert_eq!(builtin.str(a.title), again.str(b.title));
    }
    // The command writes the same.
    let out = dir.path().join("cli.json");
    let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["export", "--format", "timelinejs", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written, json);
}
