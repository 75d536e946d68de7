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
    assert!(
        stderr.contains("date, end, title, summary, kind, status, actors, lane, place, url, id")
    );
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
