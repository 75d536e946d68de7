//! Event tables as users bring them: GDELT 1.0 (57 and 58 columns mixed) and 2.0
//! exports, a headed CSV with quoted commas, a cell over two lines and empty dates, a
//! headerless TSV mapped by column numbers, the same gzipped — and every way a table can
//! be wrong: no date column, a mapping that names nothing, a broken quote, binary junk,
//! a file past every limit. Rows cut across the loader's chunks keep their lines, and no
//! row ever vanishes: each is an event or a counted, reported skip.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimline::load::table::{Key, MappingSpec};
use claimline::load::{self, LoadOptions, Loaded, Severity};
use claimline::model::{Dataset, EventKind, Status};
use proptest::prelude::*;

fn table(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tables")
        .join(name)
}

fn load(path: &Path, args: &[&str]) -> Result<Loaded, load::LoadError> {
    let mut mapping = MappingSpec::default();
    for a in args {
        if *a == "--no-header" {
            mapping.header = Some(false);
        } else {
            mapping.push_arg(a).unwrap();
        }
    }
    load::load_file(
        path,
        LoadOptions {
            mapping,
            ..LoadOptions::default()
        },
        None,
    )
}

/// The event with this id.
fn event<'d>(ds: &'d Dataset, id: &str) -> &'d claimline::model::Event {
    let i = ds
        .event_index_by_name(id)
        .unwrap_or_else(|| panic!("no event {id}"));
    &ds.events[i as usize]
}

fn actors(ds: &Dataset, id: &str) -> Vec<String> {
    ds.syms(event(ds, id).participants)
        .iter()
        .map(|&a| ds.str(ds.actor(a).unwrap().name).to_owned())
        .collect()
}

fn claimline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn gdelt_1_with_57_and_58_column_rows_mixed() {
    let loaded = load(&table("gdelt1-mixed.tsv"), &[]).unwrap();
    let ds = &loaded.dataset;
    let info = loaded.table.as_ref().unwrap();
    assert_eq!(info.layout, "GDELT 1.0 event export");
    assert_eq!((info.records, info.skipped), (7, 1));
    assert_eq!(ds.events.len(), 6);

    // A 57-column row (before April 2013): no source URL.
    let e = event(ds, "70013");
    assert_eq!(ds.str(e.title), "Consult: Afghanistan → United States");
    assert_eq!(e.date.to_string(), "1979-01-01");
    assert_eq!(e.kind, EventKind::Meeting, "042, make a visit");
    assert_eq!(e.status, Status::Reported);
    assert_eq!(ds.str(e.group.unwrap()), "04 Consult");
    assert_eq!(ds.str(e.place.unwrap()), "Kabul, Kabol, Afghanistan");
    assert!(e.sources.is_empty());
    // One actor: no dangling arrow.
    assert_eq!(
        ds.str(event(ds, "70014").title),
        "Make public statement: United States"
    );

    // A 58-column row: the source is its URL, the outlet its host; codes keep their zeros.
    let e = event(ds, "254671412");
    assert_eq!(e.kind, EventKind::PhoneCall, "0411, discuss by telephone");
    assert!(
        ds.str(e.summary)
            .starts_with("CAMEO event 0411, Verbal cooperation.")
    );
    assert_eq!(actors(ds, "254671412"), ["Russia", "United States"]);
    let source = ds.source(ds.syms(e.sources)[0]).unwrap();
    assert_eq!(ds.str(source.outlet), "reuters.com");
    assert!(
        ds.str(source.url.unwrap())
            .starts_with("http://www.reuters.com/")
    );
    assert_eq!(event(ds, "254671413").kind, EventKind::Denial, "016");

    // The row without a date is skipped, and said so at its line.
    let skipped = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("row skipped"))
        .unwrap();
    let at = skipped.location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (7, 11));
}

#[test]
fn gdelt_2_with_61_columns() {
    let loaded = load(&table("gdelt2.export.tsv"), &[]).unwrap();
    let ds = &loaded.dataset;
    assert_eq!(
        loaded.table.as_ref().unwrap().layout,
        "GDELT 2.0 event export"
    );
    assert_eq!(ds.events.len(), 5);
    let e = event(ds, "1204561001");
    assert_eq!(ds.str(e.title), "Consult: Donald Trump → Vladimir Putin");
    assert_eq!(e.kind, EventKind::PhoneCall);
    assert_eq!(e.date.to_string(), "2024-11-07", "SQLDATE, not DATEADDED");
    assert_eq!(
        ds.str(e.place.unwrap()),
        "White House, District of Columbia, United States"
    );
    assert_eq!(event(ds, "1204561003").kind, EventKind::NoComment, "011");
    assert_eq!(ds.str(event(ds, "1204561004").group.unwrap()), "19 Fight");
    let outlets: Vec<&str> = ds.sources.iter().map(|s| ds.str(s.outlet)).collect();
    assert!(outlets.contains(&"tass.com") && outlets.contains(&"washingtonpost.com"));
    // A mapping on top of GDELT's: lanes by QuadClass.
    let loaded = load(&table("gdelt2.export.tsv"), &["lane=QuadClassName"]).unwrap();
    let ds = &loaded.dataset;
    assert_eq!(
        ds.str(event(ds, "1204561004").group.unwrap()),
        "Material conflict"
    );
}

#[test]
fn a_headed_csv_with_quoted_commas_a_two_line_cell_and_empty_dates() {
    let loaded = load(&table("incidents.csv"), &[]).unwrap();
    let ds = &loaded.dataset;
    let info = loaded.table.as_ref().unwrap();
    assert_eq!(info.layout, "comma-separated table with a header");
    assert_eq!((info.records, info.skipped), (6, 2));
    assert_eq!(ds.events.len(), 4);
    let titles: Vec<&str> = ds.events.iter().map(|e| ds.str(e.title)).collect();
    assert_eq!(
        titles,
        [
            "Reported call, Trump and Putin",
            "Kremlin denies the call",
            "Zelensky's office, on two lines",
            "Talks reported (month only)"
        ]
    );
    let denial = &ds.events[1];
    assert_eq!(
        ds.str(denial.summary),
        "Peskov calls the report \"pure invention\" and \"simply false information\"."
    );
    assert_eq!(ds.str(ds.events[0].place.unwrap()), "Palm Beach, Florida");
    assert_eq!(
        ds.events[3].date.to_string(),
        "2024-11",
        "a month stays a month"
    );
    // Ids come from lines, counted with the two-line cell.
    assert_eq!(ds.str(ds.events[3].id), "line-7");
    let lines: Vec<(usize, String)> = loaded
        .warnings
        .iter()
        .filter_map(|w| Some((w.location.as_ref()?.line, w.message.clone())))
        .collect();
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 4 && m.contains("its date (column 1) is empty"))
    );
    assert!(lines.iter().any(|(l, m)| *l == 8 && m.contains("\"soon\"")));
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 7 && m.contains("not an http"))
    );
    // Under --strict, skipped rows are errors.
    let strict =
        load::load_file(&table("incidents.csv"), LoadOptions::strict(true), None).unwrap_err();
    assert!(strict.error_count() >= 2, "{strict}");
}

#[test]
fn a_headerless_tsv_mapped_by_column_numbers() {
    let loaded = load(
        &table("log.tsv"),
        &["date=1", "kind=2", "actors=3+4", "title=5", "--no-header"],
    )
    .unwrap();
    let ds = &loaded.dataset;
    assert_eq!(ds.events.len(), 3);
    assert_eq!(ds.str(ds.events[0].title), "Reported call");
    assert_eq!(ds.events[0].kind, EventKind::PhoneCall);
    assert_eq!(ds.events[1].kind, EventKind::Denial);
    assert_eq!(actors(ds, "line-1"), ["Trump", "Putin"]);
    assert_eq!(actors(ds, "line-2"), ["Peskov"]);
    // Without a mapping, the dates are found by their cells.
    let guessed = load(&table("log.tsv"), &[]).unwrap();
    assert_eq!(guessed.dataset.events.len(), 3);
    let info = guessed.table.unwrap();
    assert_eq!(info.mapping.get(Key::Date), Some("1"));
    assert!(info.guessed.contains(&Key::Date));
}

#[test]
fn a_gzipped_table_reads_like_the_plain_one() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("incidents.csv.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    encoder
        .write_all(&std::fs::read(table("incidents.csv")).unwrap())
        .unwrap();
    encoder.finish().unwrap();
    let plain = load(&table("incidents.csv"), &[]).unwrap();
    let zipped = load(&gz, &[]).unwrap();
    let titles = |l: &Loaded| -> Vec<String> {
        l.dataset
            .events
            .iter()
            .map(|e| l.dataset.str(e.title).to_owned())
            .collect()
    };
    assert_eq!(titles(&plain), titles(&zipped));
    assert_eq!(plain.warnings.len(), zipped.warnings.len());
    // A damaged gzip file says so.
    let bytes = std::fs::read(&gz).unwrap();
    let broken = dir.path().join("broken.csv.gz");
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let err = load(&broken, &[]).unwrap_err();
    assert!(err.to_string().contains("cannot read the file"), "{err}");
}

#[test]
fn a_table_without_a_date_column_names_its_columns_and_the_map_to_add() {
    let (code, _, stderr) = claimline(&["check", table("nodate.csv").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no column of the table holds the events' dates"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 \"Moment\", 2 \"What\", 3 \"Who\""),
        "{stderr}"
    );
    assert!(stderr.contains("--map date=\"Moment\""), "{stderr}");
    assert!(stderr.contains("nodate.csv:1:1"), "{stderr}");
    // Mapping a column whose cells are not dates: every row skipped is an error.
    let (code, _, stderr) = claimline(&[
        "check",
        table("nodate.csv").to_str().unwrap(),
        "--map",
        "date=What",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("none of the table's 2 rows has a date"),
        "{stderr}"
    );
}

#[test]
fn bad_mappings_are_usage_errors_naming_what_is_valid() {
    let csv = table("incidents.csv");
    let (code, _, stderr) = claimline(&["check", csv.to_str().unwrap(), "--map", "when=1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown mapping key `when`"), "{stderr}");
    assert!(stderr.contains(
        "date, end, title, summary, kind, status, actors, lane, place, lat, lon, url, id"
    ));
    let (code, _, stderr) = claimline(&["check", csv.to_str().unwrap(), "--map", "title=Headlin"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean \"Headline\""), "{stderr}");
    assert!(stderr.contains("1 \"Date\", 2 \"Headline\""), "{stderr}");
    let (code, _, stderr) = claimline(&[
        "render",
        csv.to_str().unwrap(),
        "-o",
        "/tmp/never.svg",
        "--map",
        "date=99",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the table has 7 columns"), "{stderr}");
    let (code, _, stderr) =
        claimline(&["check", csv.to_str().unwrap(), "--map", "title={Headline"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not closed"), "{stderr}");
}

#[test]
fn a_mapping_file_reads_like_the_flags_and_a_bad_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec = MappingSpec::default();
    for a in ["date=1", "kind=2", "actors=3+4", "title=5"] {
        spec.push_arg(a).unwrap();
    }
    spec.header = Some(false);
    let file = dir.path().join("log.mapping.ron");
    std::fs::write(&file, spec.to_ron()).unwrap();
    let (code, stdout, stderr) = claimline(&[
        "check",
        table("log.tsv").to_str().unwrap(),
        "--mapping",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("3 events"), "{stdout}");
    assert!(stdout.contains("actors=3+4"), "{stdout}");
    std::fs::write(&file, "(map: [(when, \"1\")])").unwrap();
    let (code, _, stderr) = claimline(&[
        "check",
        table("log.tsv").to_str().unwrap(),
        "--mapping",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the keys are"), "{stderr}");
}

#[test]
fn a_broken_quote_is_placed_like_a_ron_error() {
    let (code, _, stderr) = claimline(&["check", table("broken-quote.csv").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("broken-quote.csv:3:20"), "{stderr}");
    assert!(
        stderr.contains("text follows the closing quote"),
        "{stderr}"
    );
    // A quote never closed, deep in a large table.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open.csv");
    let mut text = String::from("date,title\n");
    for i in 0..50_000 {
        text.push_str(&format!("2024-01-01,row {i}\n"));
    }
    text.push_str("2024-01-02,\"never closed\n2024-01-03,after\n");
    std::fs::write(&path, text).unwrap();
    let err = load(&path, &[]).unwrap_err();
    let at = err.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (50_002, 12), "{err}");
    assert!(err.diagnostics[0].message.contains("never closed"), "{err}");
}

/// Yields junk without end, counting what it gave.
struct Junk {
    given: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Read for Junk {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (i % 251) as u8;
        }
        self.given
            .fetch_add(buf.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }
}

#[test]
fn binary_junk_is_refused_before_it_is_read_whole() {
    let given = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let junk = Junk {
        given: std::sync::Arc::clone(&given),
    };
    let err =
        load::load_stream(junk, Path::new("junk.bin"), LoadOptions::default(), None).unwrap_err();
    assert!(err.to_string().contains("binary file"), "{err}");
    let read = given.load(std::sync::atomic::Ordering::Relaxed);
    assert!(read <= 1 << 20, "only the head is read: {read} bytes");
}

#[test]
fn a_table_converts_to_a_dataset_that_loads_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("incidents.ron");
    let (code, stdout, stderr) = claimline(&[
        "import",
        table("incidents.csv").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("4 events"), "{stdout}");
    let back = load::load_file(&out, LoadOptions::default(), None).unwrap();
    let table = load(&table("incidents.csv"), &[]).unwrap();
    assert_eq!(back.dataset.events.len(), 4);
    for (a, b) in back.dataset.events.iter().zip(&table.dataset.events) {
        assert_eq!(back.dataset.str(a.title), table.dataset.str(b.title));
        assert_eq!(a.date, b.date);
    }
}

/// A table of `rows` rows cut by the loader into several chunks, with quoted cells
/// over two lines and CRLF line ends: every row keeps its line.
#[test]
fn rows_across_chunk_boundaries_keep_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("id,date,title,summary\r\n");
    let mut line = 2;
    let mut expected = Vec::new();
    let mut i = 0;
    while text.len() < 3 * load::table::stream::CHUNK_BYTES + 12_345 {
        let two_lines = i % 7 == 0;
        expected.push((format!("r{i}"), line));
        let summary = if two_lines {
            "\"first line, then\r\nthe second\"".to_owned()
        } else {
            format!("plain {i}")
        };
        text.push_str(&format!(
            "r{i},2024-{:02}-{:02},\"Row, {i}\",{summary}\r\n",
            i % 12 + 1,
            i % 28 + 1
        ));
        line += if two_lines { 2 } else { 1 };
        i += 1;
    }
    std::fs::write(&path, &text).unwrap();
    let loaded = load(&path, &[]).unwrap();
    let ds = &loaded.dataset;
    assert_eq!(ds.events.len(), expected.len());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    // Make row r{k} bad at a known line and check the warning's place.
    let (bad_id, bad_line) = expected[expected.len() * 2 / 3].clone();
    let broken = text.replace(
        &format!("\r\n{bad_id},2024-"),
        &format!("\r\n{bad_id},20X4-"),
    );
    std::fs::write(&path, broken).unwrap();
    let loaded = load(&path, &[]).unwrap();
    assert_eq!(loaded.dataset.events.len(), expected.len() - 1);
    let w = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("row skipped"))
        .unwrap();
    assert_eq!(w.location.as_ref().unwrap().line, bad_line, "{}", w.message);
    for (k, (id, _)) in expected.iter().enumerate().step_by(997) {
        if *id != bad_id {
            let e = loaded.dataset.event_index_by_name(id);
            assert!(e.is_some(), "row {k} ({id}) vanished");
        }
    }
}

/// A link that a table names first as something else (a lane, an actor) and cites as
/// a row's source later — in the same chunk of the file and in a later one — is still
/// made a source, once, and every row citing it rests on it; the dataset checks clean.
#[test]
fn a_link_named_first_as_a_lane_or_an_actor_is_still_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.csv");
    let lane_first = "https://lane.example/a";
    let actor_first = "https://actor.example/b";
    let mut text = String::from("id,date,title,actors,lane,url\n");
    text.push_str(&format!("r0,2024-01-01,Named as a lane,,{lane_first},\n"));
    text.push_str(&format!(
        "r1,2024-01-02,Named as an actor,{actor_first},,\n"
    ));
    text.push_str(&format!(
        "r2,2024-01-03,Cited in the first chunk,,,{lane_first}\n"
    ));
    let mut i = 3;
    while text.len() < 2 * load::table::stream::CHUNK_BYTES {
        text.push_str(&format!("r{i},2024-02-01,Filler {i},,,\n"));
        i += 1;
    }
    text.push_str(&format!(
        "r{i},2024-03-01,Cited in a later chunk,,,{actor_first}\n"
    ));
    text.push_str(&format!(
        "r{},2024-03-02,Cited again,,,{lane_first}\n",
        i + 1
    ));
    std::fs::write(&path, &text).unwrap();
    let loaded = load(&path, &[]).unwrap();
    let ds = &loaded.dataset;
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    for url in [lane_first, actor_first] {
        let made: Vec<_> = ds
            .sources
            .iter()
            .filter(|s| s.url.is_some_and(|u| ds.str(u) == url))
            .collect();
        assert_eq!(made.len(), 1, "{url} should be one source");
    }
    let cites = |id: &str| -> Vec<String> {
        let e = event(ds, id);
        ds.syms(e.sources)
            .iter()
            .map(|&s| ds.str(s).to_owned())
            .collect()
    };
    assert_eq!(cites("r2"), [lane_first]);
    assert_eq!(cites(&format!("r{i}")), [actor_first]);
    assert_eq!(cites(&format!("r{}", i + 1)), [lane_first]);
    assert_eq!(actors(ds, "r1"), [actor_first]);
}

/// One generated row: its cells as written, and whether its date is readable.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z ]{1,12}",
        Just("with, comma".to_owned()),
        Just("with \"quotes\"".to_owned()),
        Just("two\nlines".to_owned()),
        Just("ünï 漢字 😀".to_owned()),
    ]
}

fn date_cell() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        (1990i32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| (format!("{y}-{m:02}-{d:02}"), true)),
        (1990i32..2030).prop_map(|y| (y.to_string(), true)),
        Just((String::new(), false)),
        Just(("not a date".to_owned(), false)),
        Just(("2024-13-45".to_owned(), false)),
    ]
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the rows hold, each one is an event or a reported skip: none vanishes,
    /// and each event is the row it came from.
    #[test]
    fn every_row_is_an_event_or_a_reported_skip(
        rows in proptest::collection::vec((date_cell(), cell(), cell()), 1..60),
        crlf in any::<bool>(),
        blank_lines in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("id,date,title,notes{end}");
        let mut good = 0;
        for (i, ((date, readable), title, notes)) in rows.iter().enumerate() {
            text.push_str(&format!("r{i},{},{},{}{end}", quote(date), quote(title), quote(notes)));
            if blank_lines && i % 5 == 0 {
                text.push_str(end);
            }
            good += usize::from(*readable);
        }
        let result = load::load_bytes(text.as_bytes(), Path::new("t.csv"), LoadOptions::default(), None);
        if good == 0 {
            let err = result.unwrap_err();
            prop_assert!(err.to_string().contains("none of the table's"), "{}", err);
            return Ok(());
        }
        let loaded = result.unwrap();
        let info = loaded.table.as_ref().unwrap();
        prop_assert_eq!(info.records as usize, rows.len());
        prop_assert_eq!(loaded.dataset.events.len() + info.skipped as usize, rows.len());
        prop_assert_eq!(loaded.dataset.events.len(), good);
        let skip_warnings = loaded
            .warnings
            .iter()
            .filter(|w| w.severity == Severity::Warning && w.message.contains("skipped"))
            .count();
        prop_assert!(skip_warnings > 0 || info.skipped == 0);
        for (i, ((date, readable), title, _)) in rows.iter().enumerate() {
            let id = format!("r{i}");
            let found = loaded.dataset.event_index_by_name(&id);
            prop_assert_eq!(found.is_some(), *readable, "row {}", i);
            if let Some(e) = found {
                let e = &loaded.dataset.events[e as usize];
                let shown = loaded.dataset.str(e.title);
                if !title.trim().is_empty() {
                    prop_assert_eq!(shown, title.trim().replace('\n', " "));
                }
                prop_assert!(date.starts_with(&e.date.to_string()[..4]));
            }
        }
    }
}

/// A Parquet table as tools write it (snappy, two row groups): typed columns — an int64
/// id, a DATE, text, a millisecond timestamp, a double — and a row without a date.
/// One row of the Parquet fixture: id, date (days since 1970), headline, two actors,
/// type.
#[cfg(feature = "parquet")]
type ParquetRow = (
    i64,
    Option<i32>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[cfg(feature = "parquet")]
fn write_parquet(path: &Path) {
    use parquet::basic::Compression;
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use std::sync::Arc;

    let schema = Arc::new(
        parquet::schema::parser::parse_message_type(
            "message events {
                REQUIRED INT64 event_id;
                OPTIONAL INT32 event_date (DATE);
                OPTIONAL BYTE_ARRAY headline (UTF8);
                OPTIONAL BYTE_ARRAY actor1 (UTF8);
                OPTIONAL BYTE_ARRAY actor2 (UTF8);
                OPTIONAL BYTE_ARRAY event_type (UTF8);
                OPTIONAL INT64 reported_at (TIMESTAMP(MILLIS,true));
                OPTIONAL DOUBLE fatalities;
            }",
        )
        .unwrap(),
    );
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer =
        SerializedFileWriter::new(std::fs::File::create(path).unwrap(), schema, props).unwrap();
    // Days since 1970-01-01: 2024-11-07 is 20034.
    let groups: [&[ParquetRow]; 2] = [
        &[
            (
                101,
                Some(20034),
                "Reported call, Trump and Putin",
                "Donald Trump",
                "Vladimir Putin",
                "Contacts",
            ),
            (
                102,
                Some(20038),
                "Kremlin denies the call",
                "Dmitry Peskov",
                "",
                "Denials",
            ),
        ],
        &[
            (103, None, "A row without a date", "", "", "Other"),
            (
                104,
                Some(20039),
                "Zelensky's office on the call",
                "Volodymyr Zelensky",
                "",
                "Statements",
            ),
        ],
    ];
    for rows in groups {
        let mut group = writer.next_row_group().unwrap();
        let text = |s: &str| ByteArray::from(s);
        let mut column = 0;
        while let Some(mut col) = group.next_column().unwrap() {
            let present = |s: &&str| i16::from(!s.is_empty());
            match column {
                0 => {
                    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
                    col.typed::<Int64Type>()
                        .write_batch(&ids, None, None)
                        .unwrap();
                }
                1 => {
                    let days: Vec<i32> = rows.iter().filter_map(|r| r.1).collect();
                    let def: Vec<i16> = rows.iter().map(|r| i16::from(r.1.is_some())).collect();
                    col.typed::<Int32Type>()
                        .write_batch(&days, Some(&def), None)
                        .unwrap();
                }
                2..=5 => {
                    let pick = |r: &(
                        i64,
                        Option<i32>,
                        &'static str,
                        &'static str,
                        &'static str,
                        &'static str,
                    )| match column {
                        2 => r.2,
                        3 => r.3,
                        4 => r.4,
                        _ => r.5,
                    };
                    let values: Vec<ByteArray> = rows
                        .iter()
                        .map(pick)
                        .filter(|s| !s.is_empty())
                        .map(text)
                        .collect();
                    let def: Vec<i16> = rows.iter().map(pick).map(|s| present(&s)).collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&values, Some(&def), None)
                        .unwrap();
                }
                6 => {
                    let ms: Vec<i64> = rows
                        .iter()
                        .filter_map(|r| r.1)
                        .map(|d| i64::from(d) * 86_400_000 + 3_600_000)
                        .collect();
                    let def: Vec<i16> = rows.iter().map(|r| i16::from(r.1.is_some())).collect();
                    col.typed::<Int64Type>()
                        .write_batch(&ms, Some(&def), None)
                        .unwrap();
                }
                _ => {
                    let values: Vec<f64> = rows.iter().map(|_| 0.0).collect();
                    let def = vec![1i16; rows.len()];
                    col.typed::<DoubleType>()
                        .write_batch(&values, Some(&def), None)
                        .unwrap();
                }
            }
            col.close().unwrap();
            column += 1;
        }
        group.close().unwrap();
    }
    writer.close().unwrap();
}

#[cfg(feature = "parquet")]
#[test]
fn a_parquet_table_reads_with_the_same_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    write_parquet(&path);
    let loaded = load(&path, &[]).unwrap();
    let ds = &loaded.dataset;
    let info = loaded.table.as_ref().unwrap();
    assert_eq!(info.layout, "Parquet table");
    assert_eq!((info.records, info.skipped), (4, 1));
    assert_eq!(info.mapping.get(Key::Date), Some("event_date"));
    let e = event(ds, "101");
    assert_eq!(ds.str(e.title), "Reported call, Trump and Putin");
    assert_eq!(e.date.to_string(), "2024-11-07");
    assert_eq!(actors(ds, "101"), ["Donald Trump", "Vladimir Putin"]);
    assert_eq!(ds.str(e.group.unwrap()), "Contacts");
    // The row without a date: skipped, at its row (3) and the date's column (2).
    let w = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("row skipped"))
        .unwrap();
    let at = w.location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (3, 2));
    // The same flags as for CSV: dates from the timestamp column instead.
    let loaded = load(&path, &["date=reported_at", "lane=actor1"]).unwrap();
    assert_eq!(loaded.dataset.events.len(), 3);
    assert_eq!(
        loaded
            .dataset
            .str(event(&loaded.dataset, "104").group.unwrap()),
        "Volodymyr Zelensky"
    );
    let (code, _, stderr) = claimline(&["check", path.to_str().unwrap(), "--map", "date=when"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("1 \"event_id\", 2 \"event_date\""),
        "{stderr}"
    );
    // Cut short, it is refused with a message, not a panic.
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    let err = load(&cut, &[]).unwrap_err();
    assert!(
        err.to_string().contains("the Parquet file cannot be read"),
        "{err}"
    );
    let err = load::load_bytes(
        &bytes[..bytes.len() / 2],
        Path::new("half.parquet"),
        LoadOptions::default(),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("Parquet"), "{err}");
}

/// A build without the `parquet` feature says what a Parquet file needs, and keeps
/// nothing half-read.
#[cfg(not(feature = "parquet"))]
#[test]
fn without_the_feature_a_parquet_file_says_how_to_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    std::fs::write(&path, b"PAR1\x15\x04\x15\x00PAR1").unwrap();
    let err = load::load_file(&path, LoadOptions::default(), None).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("this is a Parquet table"), "{text}");
    assert!(text.contains("--features parquet"), "{text}");
}

/// A table shaped like a real public incident log (its header, a 600-character link
/// cited by two rows, Cyrillic and right-to-left text, control characters, coordinates
/// with a decimal comma, out of range or half missing, a number where the date belongs,
/// a 700-character title): it opens whole, every good row an event, every other one
/// named at its line, and no message names the dataset Claimline made from it.
#[test]
fn an_incident_log_with_a_long_link_opens_whole() {
    let loaded = load(&table("long-fields.csv"), &[]).unwrap();
    let ds = &loaded.dataset;
    let info = loaded.table.as_ref().unwrap();
    assert_eq!((info.records, info.skipped), (10, 2));
    assert_eq!(ds.events.len(), 8);

    // The long link is kept whole; its source has a short, stable id, shared by both
    // rows that cite it.
    let long = ds
        .sources
        .iter()
        .find(|s| s.url.is_some_and(|u| ds.str(u).len() > 600))
        .expect("the long link's source");
    let id = ds.str(long.id);
    assert!(id.starts_with("news.example.com#") && id.len() < 40, "{id}");
    assert_eq!(ds.syms(event(ds, "line-2").sources), [long.id]);
    assert_eq!(ds.syms(event(ds, "line-3").sources), [long.id]);
    let again = load(&table("long-fields.csv"), &[]).unwrap();
    assert!(
        again
            .dataset
            .sources
            .iter()
            .any(|s| again.dataset.str(s.id) == id)
    );

    // Coordinates: exact to seven decimals, a decimal comma read, bad ones left out.
    let at = |id: &str| {
        event(ds, id)
            .coordinates
            .map(|c| (c.lat_text(), c.lon_text()))
    };
    assert_eq!(at("line-2"), Some(("49.9935".into(), "36.2304".into())));
    assert_eq!(at("line-4"), Some(("50.4501".into(), "30.5234".into())));
    assert_eq!(at("line-5"), None, "latitude 91.5 is out of range");
    assert_eq!(at("line-8"), None, "only a latitude");
    assert_eq!(
        at("line-10"),
        Some(("-33.8688201".into(), "151.2092955".into()))
    );
    assert_eq!(ds.str(event(ds, "line-4").title), "Удар по школе");
    assert_eq!(ds.str(event(ds, "line-13").title).chars().count(), 500);

    // Every warning about a row names its line; none names an internal path, and none
    // carries a control character to the terminal.
    for w in &loaded.warnings {
        assert!(
            w.location.is_some() || w.message.starts_with('…'),
            "no line: {}",
            w.message
        );
        assert!(!w.message.contains("events[") && !w.message.contains("sources["));
        assert!(!w.message.chars().any(char::is_control), "{:?}", w.message);
    }
    let lines_of = |needle: &str| -> Vec<usize> {
        loaded
            .warnings
            .iter()
            .filter(|w| w.message.contains(needle))
            .filter_map(|w| w.location.as_ref().map(|l| l.line))
            .collect()
    };
    assert_eq!(lines_of("its date (column 2) is empty"), [9]);
    assert_eq!(lines_of("\"1648166400\" (column 2) is not a date"), [12]);
    assert_eq!(lines_of("\"91.5\" (column 6)"), [7]);
    assert_eq!(
        lines_of("column 7 is empty while the other coordinate"),
        [8]
    );
    assert_eq!(lines_of("\"javascript:alert(1)\" (column 14)"), [8]);
    assert_eq!(lines_of("(column 14) is too long for a name"), [10]);
}

/// A table's id column with repeated and overlong ids, and an actor's name over the
/// limit: every row stays an event, the later rows renamed at their line.
#[test]
fn repeated_and_overlong_ids_and_names_rename_rows_instead_of_refusing_the_table() {
    let long_id = "x".repeat(600);
    let long_name = "N".repeat(700);
    let text = format!(
        "id,date,title,actors\n\
         a,2024-01-01,First,Alice\n\
         a,2024-01-02,Second,Bob;{long_name}\n\
         {long_id},2024-01-03,Third,\n\
         b,2024-01-04,Fourth,\n\
         a,2024-01-05,Fifth,\n\
         \"a (line 6)\",2024-01-06,Sixth,\n"
    );
    let loaded = load::load_bytes(
        text.as_bytes(),
        Path::new("ids.csv"),
        LoadOptions::default(),
        None,
    )
    .unwrap();
    let ds = &loaded.dataset;
    let ids: Vec<&str> = ds.events.iter().map(|e| ds.str(e.id)).collect();
    assert_eq!(
        ids,
        [
            "a",
            "a (line 3)",
            "line-4",
            "b",
            "a (line 6, 2)",
            "a (line 6)"
        ]
    );
    assert_eq!(ds.str(event(ds, "a (line 3)").title), "Second");
    let names = actors(ds, "a (line 3)");
    assert_eq!(names[0], "Bob");
    assert_eq!(names[1].chars().count(), 500);
    let renamed: Vec<usize> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("is also the id of the row on line 2"))
        .filter_map(|w| w.location.as_ref().map(|l| l.line))
        .collect();
    assert_eq!(renamed, [3, 6]);
    assert!(loaded.warnings.iter().any(|w| {
        w.message.contains("id (column 1) is over 500 characters")
            && w.location.as_ref().is_some_and(|l| l.line == 4)
    }));
    // `--strict` turns each into an error, at its line: the user asked for it.
    let strict = load::load_bytes(
        text.as_bytes(),
        Path::new("ids.csv"),
        LoadOptions {
            strict: true,
            ..LoadOptions::default()
        },
        None,
    );
    assert!(strict.is_err());
}

/// An investigator's table of events with places (the shape of the CIR/Bellingcat
/// Russia–Ukraine Monitor): `event_group` is taken as the lanes and `town/city` as the
/// place with no flags; coordinates that cannot be a place — out of range, text, NaN, a
/// latitude and longitude swapped, both 0 — are each said at their line, the event
/// kept without a place, nothing refused; a latitude of 37 and a longitude of 55 (as
/// in Ukraine… or Russia) is a place.
#[test]
fn an_investigators_table_guesses_lanes_and_places_and_names_each_bad_coordinate() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("monitor.csv");
    std::fs::write(
        &csv,
        "id,date,event_group,country,town/city,lat,lon,description\n\
         UA1,2022-03-01,Military,Ukraine,Kharkiv,49.9935,36.2304,Strike on the square\n\
         UA2,2022-03-02,Civilian,Ukraine,Mariupol,120.5,37.54,Theatre hit\n\
         UA3,2022-03-03,Civilian,Ukraine,Kyiv,0,0,Shelter damaged\n\
         UA4,2022-03-04,Military,Russia,Belgorod,north,36.58,Depot fire\n\
         UA5,2022-03-05,Infrastructure,Ukraine,Odesa,NaN,30.72,Port closed\n\
         UA6,2022-03-06,Infrastructure,Ukraine,Sumy,37,55,Bridge down\n\
         UA7,2022-03-07,Military,Ukraine,Kherson,46.6354,,Column seen\n",
    )
    .unwrap();
    let loaded = load(&csv, &[]).unwrap();
    let ds = &loaded.dataset;
    assert_eq!(ds.events.len(), 7, "every row is an event");
    let table = loaded.table.as_ref().unwrap();
    assert_eq!(
        table.mapping.get(Key::Lane),
        Some("event_group"),
        "{}",
        table.describe()
    );
    assert_eq!(
        table.mapping.get(Key::Place),
        Some("town/city"),
        "{}",
        table.describe()
    );
    let groups: Vec<&str> = ds
        .events
        .iter()
        .map(|e| e.group.map_or("", |g| ds.str(g)))
        .collect();
    assert_eq!(groups[..3], ["Military", "Civilian", "Civilian"]);
    let placed: Vec<bool> = ds.events.iter().map(|e| e.coordinates.is_some()).collect();
    assert_eq!(placed, [true, false, false, false, false, true, false]);
    let said: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| {
            format!(
                "line {}: {}",
                w.location.as_ref().map_or(0, |l| l.line),
                w.message
            )
        })
        .collect();
    let says = |line: usize, words: &str| {
        assert!(
            said.iter()
                .any(|w| w.starts_with(&format!("line {line}: ")) && w.contains(words)),
            "line {line} should say {words:?}: {said:#?}"
        );
    };
    says(3, "look swapped");
    says(4, "null island");
    says(5, "\"north\" (column 6) is not a latitude");
    says(6, "\"NaN\" (column 6) is not a latitude");
    says(8, "column 7 is empty while the other coordinate is given");
    assert!(
        !said.iter().any(|w| w.starts_with("line 7: ")),
        "37, 55 is a place: {said:#?}"
    );
}

/// Coordinates from a table survive a save in the canonical layout and reach the SVG
/// export; GDELT's action coordinates are read with no flags.
#[test]
fn coordinates_are_kept_by_save_and_export_and_read_from_gdelt() {
    let loaded = load(&table("long-fields.csv"), &[]).unwrap();
    let saved = claimline::save::canonical(&loaded.dataset, &claimline::save::Comments::default());
    assert!(saved.contains("coordinates: (lat: -33.8688201, lon: 151.2092955),"));
    let back = load::load_bytes(
        saved.as_bytes(),
        Path::new("s.ron"),
        LoadOptions::default(),
        None,
    )
    .unwrap();
    let before: Vec<_> = loaded
        .dataset
        .events
        .iter()
        .map(|e| e.coordinates)
        .collect();
    let after: Vec<_> = back.dataset.events.iter().map(|e| e.coordinates).collect();
    assert_eq!(before, after);

    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("t.svg");
    let (code, _, err) = claimline(&[
        "render",
        table("long-fields.csv").to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(
        svg.contains("data-lat=\"49.9935\" data-lon=\"36.2304\""),
        "no coordinates in the SVG"
    );

    let gdelt = load(&table("gdelt2.export.tsv"), &[]).unwrap();
    let with = gdelt
        .dataset
        .events
        .iter()
        .filter(|e| e.coordinates.is_some())
        .count();
    assert!(with > 0, "GDELT rows carry ActionGeo_Lat/ActionGeo_Long");
}

/// A cell of a mapped column as real tables hold them at their worst.
fn extreme_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z ]{1,12}",
        (501usize..1500).prop_map(|n| "w".repeat(n)),
        (490usize..900).prop_map(|n| format!("https://example.org/{}", "p".repeat(n))),
        Just("\u{7}bell \u{1b}[31mred\u{1b}[0m".to_owned()),
        Just("with, comma; and \"quotes\"\tand a tab".to_owned()),
        Just("line\r\nbreak\nand more".to_owned()),
        Just("\u{202e}עברית مرحبا 😀🚀 漢字".to_owned()),
        Just("12345.678".to_owned()),
        Just("-999".to_owned()),
        Just("   ".to_owned()),
    ]
}

fn extreme_date() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        (1990i32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| (format!("{y}-{m:02}-{d:02}"), true)),
        (1990i32..2030).prop_map(|y| (format!(" {y} "), true)),
        Just((String::new(), false)),
        Just(("1648166400".to_owned(), false)),
        Just(("2024-13-45".to_owned(), false)),
        (501usize..900).prop_map(|n| ("9".repeat(n), false)),
        Just(("\u{202e}2024-11-07".to_owned(), false)),
    ]
}

fn extreme_degrees() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (-90.0f64..90.0).prop_map(|v| format!("{v:.7}")),
        (-1000.0f64..1000.0).prop_map(|v| format!("{v}")),
        Just("N/A".to_owned()),
        Just("1e400".to_owned()),
    ]
}

/// One generated row: id kind (0 plain, 1 empty, 2 too long), date, and the other
/// mapped cells (title, summary, actors, place, lat, lon, url).
type ExtremeRow = (u8, (String, bool), [String; 5], (String, String));

fn extreme_row() -> impl Strategy<Value = ExtremeRow> {
    (
        0u8..3,
        extreme_date(),
        [
            extreme_cell(),
            extreme_cell(),
            extreme_cell(),
            extreme_cell(),
            extreme_cell(),
        ],
        (extreme_degrees(), extreme_degrees()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Whatever one row holds in any mapped column, the table is never refused for it:
    /// each row is an event (under its id, or `line-N` when the id cannot be one) or a
    /// skip reported at its line.
    #[test]
    fn no_cell_refuses_the_table(
        rows in proptest::collection::vec(extreme_row(), 1..25),
        separator in prop_oneof![Just(','), Just(';'), Just('\t')],
    ) {
        let sep = separator.to_string();
        let quote = |cell: &str| {
            if cell.contains([separator, '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.to_owned()
            }
        };
        let header = ["id", "date", "title", "summary", "actors", "place", "url", "lat", "lon"];
        let mut text = header.join(&sep) + "\n";
        let mut line = 2usize;
        let mut expected: Vec<(usize, Option<String>, bool)> = Vec::new();
        for (i, (id_kind, (date, readable), cells, (lat, lon))) in rows.iter().enumerate() {
            let id = match id_kind {
                0 => format!("r{i}"),
                1 => String::new(),
                _ => "i".repeat(600),
            };
            let record = [
                quote(&id),
                quote(date),
                quote(&cells[0]),
                quote(&cells[1]),
                quote(&cells[2]),
                quote(&cells[3]),
                quote(&cells[4]),
                quote(lat),
                quote(lon),
            ]
            .join(&sep);
            let name = if *id_kind == 0 { id.clone() } else { format!("line-{line}") };
            expected.push((line, Some(name), *readable));
            line += record.matches('\n').count() + 1;
            text.push_str(&record);
            text.push('\n');
        }
        let mut mapping = MappingSpec::default();
        for key in header {
            mapping.push_arg(&format!("{key}={key}")).unwrap();
        }
        let options = LoadOptions { mapping, ..LoadOptions::default() };
        let result = load::load_bytes(text.as_bytes(), Path::new("x.csv"), options, None);
        let good = expected.iter().filter(|e| e.2).count();
        if good == 0 {
            let err = result.unwrap_err();
            prop_assert!(err.to_string().contains("none of the table's"), "{}", err);
            return Ok(());
        }
        let loaded = match result {
            Ok(l) => l,
            Err(e) => return Err(TestCaseError::fail(format!("refused whole: {e}\n{text:?}"))),
        };
        let ds = &loaded.dataset;
        prop_assert_eq!(ds.events.len(), good);
        let mut skipped_listed = 0;
        for (line, name, readable) in &expected {
            let name = name.as_deref().unwrap_or_default();
            if *readable {
                prop_assert!(ds.event_index_by_name(name).is_some(), "row on line {} ({}) is no event", line, name);
            } else if skipped_listed < 10 {
                skipped_listed += 1;
                prop_assert!(
                    loaded.warnings.iter().any(|w| w.message.contains("skipped") && w.location.as_ref().is_some_and(|l| l.line == *line)),
                    "skipped row on line {} not reported there", line
                );
            }
        }
        for w in &loaded.warnings {
            prop_assert!(!w.message.contains("events[") && !w.message.contains("sources["), "{}", w.message);
            prop_assert!(!w.message.chars().any(char::is_control), "{:?}", w.message);
        }
        for e in &ds.events {
            prop_assert!(ds.str(e.title).chars().count() <= 500);
            if let Some(c) = e.coordinates {
                prop_assert!(c.lat().abs() <= 90.0 && c.lon().abs() <= 180.0);
            }
        }
    }
}
