//! Saving: the canonical layout reads back as the same dataset, `claimline fmt` is
//! idempotent and keeps comments, and the built-in dataset is kept canonical.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use claimline::load::{self, LoadOptions};
use claimline::model::builder::{DatasetBuilder, EventSpec, QuoteSpec, SourceSpec, SpeakerSpec};
use claimline::model::{Dataset, EventKind, FuzzyDate, RelationKind, Status};
use claimline::save::{Comments, Layout, canonical, to_ron};
use proptest::prelude::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_text(text: &str, name: &str) -> Dataset {
    load::load_bytes(
        text.as_bytes(),
        Path::new(name),
        LoadOptions::strict(false),
        None,
    )
    .unwrap_or_else(|e| panic!("{name} must load:\n{e}\n--- text ---\n{text}"))
    .dataset
}

/// The dataset written by serde's one-event-a-line writer: a second, independent
/// writer, so that a field the canonical writer forgot shows up as a difference.
fn serde_text(ds: &Dataset) -> String {
    to_ron(ds, Layout::Compact).unwrap()
}

/// load(save(x)) is x, and saving again gives the same bytes.
fn assert_round_trip(ds: &Dataset, name: &str) {
    let saved = canonical(ds, &Comments::default());
    let again = load_text(&saved, name);
    assert_eq!(
        serde_text(&again),
        serde_text(ds),
        "{name}: load(save(x)) != x"
    );
    assert_eq!(
        canonical(&again, &Comments::default()),
        saved,
        "{name}: not idempotent"
    );
}

fn claimline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_builtin_dataset_is_its_own_canonical_form_comments_and_all() {
    let path = repo().join("data/trump-putin.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let ds = load_text(&text, "trump-putin.ron");
    let comments = Comments::scan(&text);
    assert!(comments.lost.is_empty(), "{:?}", comments.lost);
    assert_eq!(comments.preamble.len(), 9, "the header comment is found");
    let saved = canonical(&ds, &comments);
    if saved != text {
        let line = saved
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("data/trump-putin.ron is not canonical; first difference at line {line}");
    }
    assert_round_trip(&ds, "trump-putin.ron");
    let out = claimline(&["fmt", "--check", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_good_file_and_every_import_round_trips() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        "tests/data/good",
        "tests/data/timelinejs",
        "tests/data/tables",
    ] {
        let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
            continue;
        };
        files.extend(entries.filter_map(|e| Some(e.ok()?.path())));
    }
    files.sort();
    let mut tried = 0;
    for file in &files {
        let Ok(loaded) = load::load_file(file, LoadOptions::strict(false), None) else {
            continue; // a source text or a broken fixture
        };
        assert_round_trip(&loaded.dataset, &file.display().to_string());
        tried += 1;
    }
    assert!(tried >= 6, "only {tried} datasets among {files:?}");
}

#[test]
fn fmt_keeps_comments_and_refuses_to_drop_one_inside_an_item() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.ron");
    let text = "// My notes.\n(schema:1,title:\"T\",\n// the people\nactors:[(id:\"a\",name:\"A\")],\nevents:[\n// first\n(id:\"e\",title:\"E\",kind:Meeting,date:\"2024-11\",status:Reported, participants: [\"a\"])])\n";
    std::fs::write(&messy, text).unwrap();
    let path = messy.to_str().unwrap();

    let check = claimline(&["fmt", "--check", path]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "--check finds the file not canonical"
    );
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        text,
        "--check writes nothing"
    );

    let fmt = claimline(&["fmt", path]);
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stderr)
    );
    let formatted = std::fs::read_to_string(&messy).unwrap();
    assert!(formatted.starts_with("#![enable(implicit_some)]\n// My notes.\n(\n"));
    assert!(
        formatted.contains("    // the people\n    actors: [\n"),
        "{formatted}"
    );
    assert!(formatted.contains("        // first\n        (\n            id: \"e\","));
    assert!(formatted.contains("            date: \"2024-11\",\n"));
    let again = claimline(&["fmt", "--check", path]);
    assert!(again.status.success(), "fmt is idempotent:\n{formatted}");

    // A comment between an event's fields has nowhere to go back to.
    let inside = dir.path().join("inside.ron");
    let text = formatted.replace(
        "            date:",
        "            // why this date\n            date:",
    );
    std::fs::write(&inside, &text).unwrap();
    let refused = claimline(&["fmt", inside.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    let line = text
        .lines()
        .position(|l| l.contains("why this date"))
        .unwrap()
        + 1;
    let expected = format!("1 comment inside items would be dropped (line {line})");
    assert!(stderr.contains(&expected), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&inside).unwrap(),
        text,
        "left as it was"
    );
    let forced = claimline(&["fmt", "--drop-comments", inside.to_str().unwrap()]);
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(&inside).unwrap(), formatted);
}

#[test]
fn fmt_refuses_what_is_not_a_ron_dataset_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("events.csv");
    std::fs::write(&table, "date,title\n2024-11-07,Call\n").unwrap();
    let out = claimline(&["fmt", table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claimline import"));
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(schema: 1, title: \"x\", events: [(id: )])").unwrap();
    let out = claimline(&["fmt", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.ron:1:"));
}

/// Text that tests the escaper: quotes, backslashes, line breaks, control characters,
/// comment markers and non-ASCII.
fn awkward_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 \"\\\\\n\t\r\u{1}/*#–é漢😀.,()\\[\\]]{1,24}")
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = FuzzyDate> {
    prop_oneof![
        (1900i32..2100).prop_map(|y| FuzzyDate::parse(&y.to_string()).unwrap()),
        (1900i32..2100, 1u32..13)
            .prop_map(|(y, m)| FuzzyDate::parse(&format!("{y}-{m:02}")).unwrap()),
        (1900i32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| FuzzyDate::parse(&format!("{y}-{m:02}-{d:02}")).unwrap()),
        (1900i32..2000, 2000i32..2100)
            .prop_map(|(a, b)| FuzzyDate::parse(&format!("{a}..{b}-06")).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Generated datasets with awkward text survive a save and a load unchanged.
    #[test]
    fn generated_datasets_round_trip(
        texts in proptest::collection::vec(awkward_text(), 12),
        dates in proptest::collection::vec(date(), 4),
        events in 1usize..6,
        kind in 0usize..EventKind::ALL.len(),
        status in 0usize..Status::ALL.len(),
        with_end in any::<bool>(),
    ) {
        let mut b = DatasetBuilder::new(&texts[0], &texts[1]).unwrap();
        b.actor("a", &texts[2], &texts[3]).unwrap();
        b.actor(&texts[4], &texts[5], "").unwrap();
        b.source(&SourceSpec {
            id: "s",
            outlet: &texts[6],
            headline: &texts[7],
            published: dates[0],
            published_note: &texts[8],
            cites: &[&texts[9]],
            url: Some("https://example.org/a?b=\"c\""),
            document: Some("s.txt"),
            archived: Some(("https://web.archive.org/web/20241112000000/https://example.org/a", dates[3])),
        }).unwrap();
        let quotes = [
            QuoteSpec { source: "s", speaker: SpeakerSpec::Actor("a"), text: &texts[10], said: Some(dates[1]) },
            QuoteSpec { source: "s", speaker: SpeakerSpec::Other(&texts[11]), text: &texts[0], said: None },
            QuoteSpec { source: "s", speaker: SpeakerSpec::Outlet, text: &texts[1], said: None },
        ];
        let ids: Vec<String> = (0..events).map(|i| format!("e{i}-{}", texts[i].len())).collect();
        for (i, id) in ids.iter().enumerate() {
            let participants = [texts[4].as_str(), "a"];
            b.event(&EventSpec {
                id,
                title: &texts[i + 2],
                kind: EventKind::ALL[kind],
                date: dates[i % 4],
                end: (with_end && i == 0).then_some(dates[2]).filter(|e| e.earliest() >= dates[0].latest()),
                participants: &participants[..i % 3],
                place: (i % 2 == 0).then_some(texts[i + 3].as_str()),
                coordinates: (i % 3 == 1).then(|| claimline::model::Coordinates::new(-33.868_820_1 + i as f64, 151.209_295_5 - i as f64).unwrap()),
                status: Status::ALL[status],
                summary: &texts[i + 4],
                quotes: &quotes[..i % 4],
                date_note: &texts[i + 5],
                group: (i == 1).then_some(texts[6].as_str()),
                sources: if i == 2 { &["s"] } else { &[] },
            }).unwrap();
        }
        if events > 1 {
            b.relation("r", RelationKind::ALL[kind % RelationKind::ALL.len()], &ids[1], &ids[0], &texts[3], &texts[4]).unwrap();
        }
        b.era(&texts[5], dates[0], dates[0]).unwrap();
        let Ok(loaded) = load::load_built(b.finish(), Path::new("generated"), LoadOptions::strict(false)) else {
            // The builder can make what the loader refuses (an end before the start):
            // only valid datasets are saved.
            return Ok(());
        };
        assert_round_trip(&loaded.dataset, "generated");
        // The saved text, cut into pieces and parsed on several threads (as large files
        // are), is the same dataset: strings holding lines that open items, comment
        // markers and quotes must not fool the cuts.
        let text = canonical(&loaded.dataset, &Comments::default());
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let mut cut_once = false;
        for pieces in [2, 3, 5] {
            if let Some(cut) = load::ron::split::parse_cut(&text, &options, pieces, None) {
                cut_once = true;
                prop_assert_eq!(canonical(&cut, &Comments::default()), text.clone());
            }
        }
        prop_assert!(cut_once || events < 2, "never cut");
    }
}
