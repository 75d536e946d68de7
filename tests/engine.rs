//! Big tables through the query engine (feature `engine`): what DataFusion answers over
//! a converted file is what the in-memory document answers — counts per column, rows
//! on screen — for random views and filters; a streamed table converts to the same
//! events as loading it; bad files and dead engines give errors that say what to do.
#![cfg(feature = "engine")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use claimline::engine::convert::convert_file;
use claimline::engine::queries::{Engine, EngineData, OpenError};
use claimline::load::table::MappingSpec;
use claimline::load::{LoadOptions, load_file};
use claimline::model::{EventKind, Status};
use claimline::timeline::seam::memory::MemoryData;
use claimline::timeline::seam::tiles;
use claimline::timeline::seam::{Cancel, TimelineData, ViewAnswer, ViewQuery};
use claimline::timeline::{Derived, Document, Filter, LaneMode, Origin, TableAsk};
use proptest::prelude::*;

struct Fixture {
    _dir: tempfile::TempDir,
    parquet: PathBuf,
    /// The same events with no day counts beside them: every view asks the events.
    bare: PathBuf,
    doc: Document,
}

fn run_claimline(args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("claimline {args:?}: {e}"));
    assert!(
        status.status.success(),
        "claimline {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// 20,000 generated events as RON, converted, and loaded in memory from the same file.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ron = dir.path().join("g.ron");
        let s = |p: &Path| p.to_string_lossy().into_owned();
        run_claimline(&["generate", "--events", "20000", "--seed", "24", &s(&ron)]);
        let parquet = dir.path().join("g.parquet");
        convert_file(&ron, &parquet, &MappingSpec::default())
            .unwrap_or_else(|e| panic!("convert: {e}"));
        let bare_dir = dir.path().join("bare");
        std::fs::create_dir(&bare_dir).unwrap_or_else(|e| panic!("{e}"));
        let bare = bare_dir.join("g.parquet");
        std::fs::copy(&parquet, &bare).unwrap_or_else(|e| panic!("{e}"));
        let loaded =
            load_file(&ron, LoadOptions::default(), None).unwrap_or_else(|e| panic!("load: {e}"));
        let doc = Document::new(loaded, Origin::File(ron));
        Fixture {
            _dir: dir,
            parquet,
            bare,
            doc,
        }
    })
}

fn filter(kinds: &[bool], statuses: &[bool], text: &str) -> Filter {
    let mut f = Filter::default();
    for (k, &on) in EventKind::ALL.iter().zip(kinds) {
        f.set_kind(*k, on);
    }
    for (s, &on) in Status::ALL.iter().zip(statuses) {
        f.set_status(*s, on);
    }
    f.text = text.to_owned();
    f
}

/// A view of `width` days from `d0`, its columns cut every `step` days.
fn query(d0: i32, width: i32, step: i32, max_rows: usize) -> ViewQuery {
    ViewQuery::even(d0, width, step, max_rows, max_rows / 10)
}

/// The fixture's events copied into a folder of their own with their day counts and
/// spans but no place counts: (the folder, the copy, the fixture's companions, the
/// copy's).
fn copy_without_place_counts(
    f: &Fixture,
) -> (
    tempfile::TempDir,
    PathBuf,
    claimline::engine::convert::Companions,
    claimline::engine::convert::Companions,
) {
    use claimline::engine::convert::companions;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a folder: {e}"));
    let copy = dir.path().join("g.parquet");
    std::fs::copy(&f.parquet, &copy).unwrap_or_else(|e| panic!("copying the events: {e}"));
    let (from, to) = (companions(&f.parquet), companions(&copy));
    for (a, b) in [(&from.counts, &to.counts), (&from.spans, &to.spans)] {
        std::fs::copy(a, b).unwrap_or_else(|e| panic!("{}: {e}", a.display()));
    }
    (dir, copy, from, to)
}

/// Every batch of a Parquet file.
fn parquet_batches(path: &Path) -> Vec<claimline::engine::arrow::array::RecordBatch> {
    use claimline::engine::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(ParquetRecordBatchReaderBuilder::build)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|b| b.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

fn day_range(doc: &Document) -> (i32, i32) {
    let ds = &doc.dataset;
    let first = ds
        .events
        .iter()
        .map(|e| e.date.earliest())
        .min()
        .unwrap_or(0);
    let last = ds.events.iter().map(|e| e.date.latest()).max().unwrap_or(0);
    (first, last)
}

fn memory_answer(doc: &Document, f: &Filter, q: &ViewQuery) -> ViewAnswer {
    let d = Derived::compute(doc, f, LaneMode::Kind);
    MemoryData::new(doc, &d)
        .view(q, &Cancel::new())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The engine's answer with its rows' names (id, title, place) checked against the
/// document's and taken out (the in-memory source leaves names to the document).
fn without_titles(doc: &Document, mut answer: ViewAnswer) -> ViewAnswer {
    for (e, name) in &answer.names {
        let event = &doc.dataset.events[*e as usize];
        assert_eq!(
            name.title,
            doc.dataset.str(event.title),
            "the title of event {e}"
        );
        assert_eq!(name.id, doc.dataset.str(event.id), "the id of event {e}");
        assert_eq!(
            name.coordinates, event.coordinates,
            "the place of event {e}"
        );
    }
    let rows: usize = answer
        .lanes
        .iter()
        .flat_map(|l| [&l.exact_rows, &l.uncertain_rows])
        .flatten()
        .map(Vec::len)
        .sum();
    assert_eq!(answer.names.len(), rows, "a name for every row handed back");
    answer.names.clear();
    answer
}

/// The answer with no row marked as linked: for a table whose relations are not beside
/// it, which cannot know.
fn unlinked(mut answer: ViewAnswer) -> ViewAnswer {
    for lane in &mut answer.lanes {
        for rows in [&mut lane.exact_rows, &mut lane.uncertain_rows]
            .into_iter()
            .flatten()
        {
            for r in rows {
                r.linked = false;
            }
        }
    }
    answer
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The parity test: DataFusion over the converted file answers every view exactly
    /// as the document in memory does, whatever the filters.
    #[test]
    fn the_engine_answers_what_memory_answers(
        kinds in proptest::collection::vec(prop::bool::weighted(0.8), EventKind::ALL.len()),
        statuses in proptest::collection::vec(prop::bool::weighted(0.8), Status::ALL.len()),
        word in prop::sample::select(vec!["", "", "", "meets", "ceasefire", "talks", "Ankara", "zzz-nothing", "s_t", "e%s", "TALKS"]),
        at in 0.0f64..1.0,
        width in 1i32..4_000,
        step in 1i32..200,
        max_rows in 0usize..2_000,
    ) {
        let fx = fixture();
        let f = filter(&kinds, &statuses, word);
        let engine = EngineData::open(&fx.parquet, Engine::Embedded, &TableAsk::plain(&f))
            .unwrap_or_else(|e| panic!("{e}"));
        let (first, last) = day_range(&fx.doc);
        let d0 = first - 50 + (f64::from(last - first + 100) * at) as i32;
        let q = query(d0, width, step, max_rows);
        let from_engine = without_titles(&fx.doc, engine.view(&q, &Cancel::new()).unwrap_or_else(|e| panic!("{e}")));
        let from_memory = memory_answer(&fx.doc, &f, &q);
        prop_assert_eq!(from_engine, from_memory.clone());
        // A table without day counts asks each view of its events.
        let bare = EngineData::open(&fx.bare, Engine::Embedded, &TableAsk::plain(&f))
            .unwrap_or_else(|e| panic!("{e}"));
        let from_bare = without_titles(&fx.doc, bare.view(&q, &Cancel::new()).unwrap_or_else(|e| panic!("{e}")));
        prop_assert_eq!(from_bare, unlinked(from_memory));
        // And the tiles the front of a slow source asks for.
        let tile = tiles::tiles_for(&q)[0];
        let tq = tile.query(&q);
        let from_engine = without_titles(&fx.doc, engine.view(&tq, &Cancel::new()).unwrap_or_else(|e| panic!("{e}")));
        prop_assert_eq!(from_engine, memory_answer(&fx.doc, &f, &tq));
    }
}

#[test]
fn lanes_pages_and_search_match_memory() {
    let fx = fixture();
    let f = Filter::default();
    let engine = EngineData::open(&fx.parquet, Engine::Embedded, &TableAsk::plain(&f))
        .unwrap_or_else(|e| panic!("{e}"));
    let d = Derived::compute(&fx.doc, &f, LaneMode::Kind);
    let memory = MemoryData::new(&fx.doc, &d);
    assert_eq!(engine.lanes().unwrap(), memory.lanes().unwrap());
    assert_eq!(engine.page(0, 50).unwrap(), memory.page(0, 50).unwrap());
    assert_eq!(
        engine.page(12_345, 50).unwrap(),
        memory.page(12_345, 50).unwrap()
    );
    // The links of every event with relations among the first 800 (denials,
    // contradictions…): the same from the engine's relations table as from memory.
    let ds = &fx.doc.dataset;
    let mut linked = 0;
    for e in 0..800u32 {
        if ds.relations_of(e).next().is_none() {
            continue;
        }
        linked += 1;
        let want = memory.links(e).unwrap();
        assert!(!want.is_empty());
        assert_eq!(engine.links(e).unwrap(), want, "links of event {e}");
    }
    assert!(linked > 30, "only {linked} events with relations");
    assert_eq!(engine.links(u32::MAX).unwrap(), Vec::new());
    // The disputes of the events in a stretch of days, with and without a filter: the
    // same relations, in the same order, from either source.
    let (first, _) = day_range(&fx.doc);
    let mut disputed = 0;
    for (i, days) in [
        (first, first + 400),
        (first + 3_000, first + 3_030),
        (first, first + 20_000),
    ]
    .into_iter()
    .enumerate()
    {
        let want = memory.disputes_in(days, 60).unwrap();
        assert!(want.len() <= 60);
        disputed += want.len();
        assert_eq!(
            engine.disputes_in(days, 60).unwrap(),
            want,
            "disputes in view {i}"
        );
    }
    assert!(disputed > 20, "only {disputed} disputes asked about");
    let kinds: Vec<bool> = EventKind::ALL
        .iter()
        .map(|k| *k == EventKind::Meeting)
        .collect();
    let only_meetings = filter(&kinds, &[true; Status::ALL.len()], "");
    let engine_meetings = EngineData::open(
        &fx.parquet,
        Engine::Embedded,
        &TableAsk::plain(&only_meetings),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let d_meetings = Derived::compute(&fx.doc, &only_meetings, LaneMode::Kind);
    let memory_meetings = MemoryData::new(&fx.doc, &d_meetings);
    let want = memory_meetings
        .disputes_in((first, first + 20_000), 60)
        .unwrap();
    assert!(!want.is_empty() && want.iter().all(|d| d.to.row.kind == EventKind::Meeting));
    assert_eq!(
        engine_meetings
            .disputes_in((first, first + 20_000), 60)
            .unwrap(),
        want
    );
    // "Disputed only" is asked of the relations table: the same lanes, pages and views.
    let disputed_only = Filter {
        disputed_only: true,
        ..Filter::default()
    };
    let engine_disputed = EngineData::open(
        &fx.parquet,
        Engine::Embedded,
        &TableAsk::plain(&disputed_only),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let d_disputed = Derived::compute(&fx.doc, &disputed_only, LaneMode::Kind);
    let memory_disputed = MemoryData::new(&fx.doc, &d_disputed);
    assert_eq!(
        engine_disputed.lanes().unwrap(),
        memory_disputed.lanes().unwrap()
    );
    let shown: usize = memory_disputed
        .lanes()
        .unwrap()
        .iter()
        .map(|l| l.count)
        .sum();
    assert!(
        shown > 100 && shown < fx.doc.dataset.events.len(),
        "{shown} disputed"
    );
    assert_eq!(
        engine_disputed.page(40, 50).unwrap(),
        memory_disputed.page(40, 50).unwrap()
    );
    let q = query(first, 900, 3, 400);
    assert_eq!(
        without_titles(&fx.doc, engine_disputed.view(&q, &Cancel::new()).unwrap()),
        memory_answer(&fx.doc, &disputed_only, &q)
    );
    let found = engine.search("ceasefire", 40).unwrap();
    assert!(!found.is_empty());
    assert_eq!(found, memory.search("ceasefire", 40).unwrap());
}

#[test]
fn a_streamed_table_converts_to_the_events_loading_it_gives() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    let mut file = std::fs::File::create(&csv).unwrap();
    claimline::generate::table::write_table(30_000, 5, &mut file).unwrap();
    drop(file);
    let parquet = dir.path().join("t.parquet");
    let done = convert_file(&csv, &parquet, &MappingSpec::default()).unwrap();
    assert_eq!(done.rows, 30_000);
    assert!(
        done.counts.exists(),
        "the day counts are written beside the events"
    );
    let loaded = load_file(&csv, LoadOptions::default(), None).unwrap();
    let doc = Document::new(loaded, Origin::File(csv.clone()));
    let f = Filter::default();
    let engine = EngineData::open(&parquet, Engine::Embedded, &TableAsk::plain(&f))
        .unwrap_or_else(|e| panic!("{e}"));
    let (first, last) = day_range(&doc);
    for (i, width) in [3, 40, 400, 4_000, 40_000].into_iter().enumerate() {
        let d0 = first + (last - first) / 7 * i as i32;
        let q = query(d0, width, (width / 300).max(1), 1_500);
        assert_eq!(
            without_titles(&doc, engine.view(&q, &Cancel::new()).unwrap()),
            memory_answer(&doc, &f, &q),
            "a view of {width} days"
        );
    }
    assert_eq!(
        engine.page(29_990, 20).unwrap(),
        MemoryData::new(&doc, &Derived::compute(&doc, &f, LaneMode::Kind))
            .page(29_990, 20)
            .unwrap()
    );
}

#[test]
fn a_parquet_table_not_in_the_layout_names_its_missing_columns_and_the_fix() {
    use claimline::engine::arrow::array::{ArrayRef, StringArray};
    use claimline::engine::arrow::record_batch::RecordBatch;
    use claimline::engine::parquet::arrow::ArrowWriter;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.parquet");
    let batch = RecordBatch::try_from_iter([
        (
            "id",
            std::sync::Arc::new(StringArray::from(vec!["a"])) as ArrayRef,
        ),
        (
            "date",
            std::sync::Arc::new(StringArray::from(vec!["2024-11-07"])) as ArrayRef,
        ),
        (
            "title",
            std::sync::Arc::new(StringArray::from(vec!["A call"])) as ArrayRef,
        ),
    ])
    .unwrap();
    let file = std::fs::File::create(&path).unwrap();
    let mut w = ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let Err(e) = EngineData::open(
        &path,
        Engine::Embedded,
        &TableAsk::plain(&Filter::default()),
    ) else {
        panic!("a table without the layout's columns opened");
    };
    let message = e.to_string();
    for column in ["row", "start_day", "end_day", "exact", "kind", "status"] {
        assert!(message.contains(column), "{message}");
    }
    assert!(!message.contains("title,"), "title is there: {message}");
    assert!(matches!(e, OpenError::MissingColumns { .. }));
    let help = e.help(&path);
    assert!(help.contains("claimline convert"), "{help}");
    assert!(help.contains("raw.parquet"), "{help}");
}

/// Each way a table's files can be wrong has its own message and fix, whichever engine
/// was to read it: no file, a folder with no Parquet files, a file cut short, a column of
/// another type than the layout's.
#[test]
fn bad_tables_say_what_is_wrong_each_with_its_fix() {
    use claimline::engine::arrow::compute::cast;
    use claimline::engine::arrow::datatypes::{DataType, Field, Schema};
    use claimline::engine::arrow::record_batch::RecordBatch;
    use claimline::engine::parquet::arrow::ArrowWriter;
    use claimline::engine::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let open = |p: &Path| {
        let Err(e) = EngineData::open(p, Engine::Embedded, &TableAsk::plain(&Filter::default()))
        else {
            panic!("{} opened", p.display());
        };
        (e.to_string(), e.help(p))
    };
    let (said, help) = open(&dir.path().join("gone.parquet"));
    assert!(
        said.contains("no file or folder at") && said.contains("gone.parquet"),
        "{said}"
    );
    assert!(help.contains("check the path"), "{help}");

    let (said, help) = open(dir.path());
    assert!(said.contains("holds no Parquet files"), "{said}");
    assert!(!help.contains("cluster"), "{help}");

    let cut = dir.path().join("cut.parquet");
    let bytes = std::fs::read(&f.parquet).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let (said, help) = open(&cut);
    assert!(
        said.contains("cut.parquet is not a readable Parquet file"),
        "{said}"
    );
    assert!(
        help.contains("cut short") && help.contains("claimline convert"),
        "{help}"
    );

    // The layout's names, but the kind written as text.
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&f.parquet).unwrap())
        .unwrap()
        .with_batch_size(1_000)
        .build()
        .unwrap();
    let batch = reader.into_iter().next().unwrap().unwrap();
    let schema = batch.schema();
    let kind = schema.index_of("kind").unwrap();
    let mut fields: Vec<Field> = schema.fields().iter().map(|x| x.as_ref().clone()).collect();
    fields[kind] = Field::new("kind", DataType::Utf8, false);
    let mut columns = batch.columns().to_vec();
    columns[kind] = cast(&columns[kind], &DataType::Utf8).unwrap();
    let batch = RecordBatch::try_new(std::sync::Arc::new(Schema::new(fields)), columns).unwrap();
    let typed = dir.path().join("typed.parquet");
    let mut w =
        ArrowWriter::try_new(std::fs::File::create(&typed).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let (said, help) = open(&typed);
    assert!(
        said.contains("typed.parquet")
            && said.contains("column kind holds text where the layout has small whole numbers"),
        "{said}"
    );
    assert!(
        help.contains("not written by `claimline convert`"),
        "{help}"
    );
}

#[test]
fn an_engine_url_that_does_not_answer_says_which_and_what_to_start() {
    let fx = fixture();
    // Port 9 on loopback: nothing listens there.
    let started = std::time::Instant::now();
    let Err(e) = EngineData::open(
        &fx.parquet,
        Engine::Cluster("df://127.0.0.1:9".to_owned()),
        &TableAsk::plain(&Filter::default()),
    ) else {
        panic!("a cluster that is not there answered");
    };
    let message = e.to_string();
    assert!(
        message.contains("nothing answered at df://127.0.0.1:9") && !message.contains("tonic"),
        "in words: {message}"
    );
    assert!(
        e.help(&fx.parquet).contains("scripts/cluster.sh"),
        "{}",
        e.help(&fx.parquet)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "it gave up in time"
    );
}

#[test]
fn engine_urls_parse_and_bad_ones_explain() {
    assert_eq!(Engine::parse("local"), Ok(Engine::Embedded));
    assert_eq!(
        Engine::parse("df://127.0.0.1:50050"),
        Ok(Engine::Cluster("df://127.0.0.1:50050".to_owned()))
    );
    let bad = Engine::parse("http://x").unwrap_err();
    assert!(bad.contains("df://HOST:PORT"), "{bad}");
}

#[test]
fn the_picture_of_a_view_is_the_same_svg_from_either_source() {
    use claimline::engine::shell::shell;
    use claimline::export::svg::scene_document;
    use claimline::timeline::look::Palette;
    use claimline::timeline::metrics::FontMetrics;
    use claimline::timeline::scene::{self, SceneInput};
    use claimline::timeline::seam::Waiting;
    use claimline::timeline::{TimeScale, View};

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    let mut file = std::fs::File::create(&csv).unwrap();
    claimline::generate::table::write_table(20_000, 8, &mut file).unwrap();
    drop(file);
    let parquet = dir.path().join("t.parquet");
    convert_file(&csv, &parquet, &MappingSpec::default()).unwrap();
    let doc = Document::new(
        load_file(&csv, LoadOptions::default(), None).unwrap(),
        Origin::File(csv.clone()),
    );
    let f = Filter::default();
    let derived = Derived::compute(&doc, &f, LaneMode::Kind);
    let source = EngineData::open(&parquet, Engine::Embedded, &TableAsk::plain(&f)).unwrap();
    let (shell_doc, shell_derived) = shell(&source, &parquet, &f).unwrap();
    let waiting = Waiting::new(&source);
    let metrics = FontMetrics::new();
    let palette = Palette::of(false);
    let scale = TimeScale::Linear;
    let axis = &derived.axis(scale).axis;
    let (first, _) = day_range(&doc);
    let views = [
        scene::fit_all(&derived, scale),
        View::days(axis, f64::from(first + 400), f64::from(first + 460)),
        View::days(axis, f64::from(first + 3_000), f64::from(first + 3_700)),
    ];
    for (i, view) in views.into_iter().enumerate() {
        let input = |doc, derived, answers| SceneInput {
            doc,
            derived,
            scale,
            view,
            size: (1200.0, 700.0),
            scroll: 0.0,
            selected: None,
            show_links: false,
            show_labels: true,
            show_overview: true,
            answers,
        };
        let from_memory = scene::build(&input(&doc, &derived, None), &metrics);
        let from_engine =
            scene::build(&input(&shell_doc, &shell_derived, Some(&waiting)), &metrics);
        assert!(waiting.failure().is_none(), "{:?}", waiting.failure());
        assert!(
            !from_memory.marks.is_empty() || !from_memory.density.is_empty(),
            "view {i} shows something"
        );
        // Event groups are named from the loaded document in both, so that only the
        // scene can differ.
        let a = scene_document(&from_memory, &doc, &palette, &metrics);
        let b = scene_document(&from_engine, &doc, &palette, &metrics);
        assert!(
            a == b,
            "view {i}: the engine's picture differs from memory's"
        );
        if i == 1 {
            assert!(!from_engine.labels.is_empty(), "a zoomed view has labels");
        }
    }
}

/// `claimline render` of `file` with `options` (and `--engine local` when asked), read back.
fn rendered(file: &Path, engine: bool, options: &[&str], out: &Path) -> Vec<u8> {
    let mut args = vec!["render".to_owned(), file.to_string_lossy().into_owned()];
    if engine {
        args.extend(["--engine".to_owned(), "local".to_owned()]);
    }
    args.extend(options.iter().map(|o| (*o).to_owned()));
    args.extend(["-o".to_owned(), out.to_string_lossy().into_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_claimline(&args);
    std::fs::read(out).unwrap_or_else(|e| panic!("{}: {e}", out.display()))
}

/// Where two pictures first differ, in words, for the failure message.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let around = |s: &[u8]| {
        String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
    };
    format!(
        "byte {at} of {} / {}:\n  memory: …{}…\n  engine: …{}…",
        a.len(),
        b.len(),
        around(a),
        around(b)
    )
}

#[test]
fn render_of_a_dataset_and_of_its_conversion_are_the_same_svg_byte_for_byte() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let ron = f.doc.origin.path().unwrap().to_owned();
    let builtin = dir.path().join("tp.parquet");
    convert_file(
        Path::new("data/trump-putin.ron"),
        &builtin,
        &MappingSpec::default(),
    )
    .unwrap();
    let cases: [(&Path, &Path, &[&str]); 9] = [
        // 20,000 events with relations: title, sources, compressed axis, links,
        // labels before others for linked events, the overview's disputed share.
        (&ron, &f.parquet, &[]),
        (&ron, &f.parquet, &["--linear", "--theme", "dark"]),
        (
            &ron,
            &f.parquet,
            &["--range", "2001-03..2001-05", "--size", "900x700"],
        ),
        // The built-in dataset: eras, month bars, links off screen.
        (Path::new("data/trump-putin.ron"), &builtin, &[]),
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--range", "2024-11"],
        ),
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--no-links", "--linear"],
        ),
        // Lanes by actor, asked of the table as SQL; a selected event.
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--lanes", "actor"],
        ),
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--lanes", "actor", "--range", "2024-11"],
        ),
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--select", "reported-call-2024-11-07", "--range", "2024-11"],
        ),
    ];
    // A selected event is revealed among its neighbours, as for a dataset.
    let cases = cases.into_iter().chain([
        (
            &ron as &Path,
            &f.parquet as &Path,
            &["--select", "e1234", "--lanes", "actor"][..],
        ),
        // The map: the built-in dataset's places beside its timeline, and the
        // generated meetings' places (more than fit one by one: the density grid).
        (
            Path::new("data/trump-putin.ron"),
            &builtin,
            &["--view", "both", "--select", "helsinki-summit-2018"][..],
        ),
        (&ron, &f.parquet, &["--view", "map"][..]),
        (
            &ron,
            &f.parquet,
            &["--view", "map", "--range", "2001-03..2001-05"][..],
        ),
    ]);
    for (i, (dataset, table, options)) in cases.into_iter().enumerate() {
        let memory = rendered(
            dataset,
            false,
            options,
            &dir.path().join(format!("m{i}.svg")),
        );
        let engine = rendered(table, true, options, &dir.path().join(format!("e{i}.svg")));
        assert!(
            memory == engine,
            "{} {options:?}: the pictures differ at {}",
            dataset.display(),
            first_difference(&memory, &engine)
        );
        let svg = String::from_utf8_lossy(&engine);
        if dataset.ends_with("trump-putin.ron") {
            assert!(
                svg.contains("<title>Trump–Putin contacts"),
                "titled as the dataset"
            );
        }
        if options.contains(&"--view") {
            assert!(
                svg.contains("Made with Natural Earth"),
                "{options:?}: no map"
            );
        }
        if !options.contains(&"--no-links") && !options.contains(&"map") {
            assert!(
                svg.contains("Denies"),
                "{options:?}: the legend names the links"
            );
        }
    }
}

/// Tables with groups (a GDELT export, whose lanes are its CAMEO root codes, and an
/// imported TimelineJS timeline) keep their lanes through the engine: by group, by
/// actor and by kind, the lanes, their counts and a view of them are memory's, and the
/// table opens in lanes by group as the file does.
#[test]
fn tables_with_groups_keep_their_lanes_through_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    for (i, file) in [
        "tests/data/tables/gdelt2.export.tsv",
        "tests/data/timelinejs/timeline.json",
    ]
    .into_iter()
    .enumerate()
    {
        let file = Path::new(file);
        let parquet = dir.path().join(format!("t{i}.parquet"));
        convert_file(file, &parquet, &MappingSpec::default()).unwrap();
        let doc = Document::new(
            load_file(file, LoadOptions::default(), None).unwrap(),
            Origin::File(file.to_owned()),
        );
        assert!(doc.has_groups, "{}: the file has groups", file.display());
        let opened = EngineData::open(
            &parquet,
            Engine::Embedded,
            &TableAsk::opening(&Filter::default(), LaneMode::Kind),
        )
        .unwrap();
        assert_eq!(
            opened.lane_mode(),
            LaneMode::Group,
            "opened by group, as the file"
        );
        let (first, last) = day_range(&doc);
        let q = query(first - 3, last - first + 7, 1, 1_000);
        for mode in LaneMode::ALL {
            let f = Filter::default();
            let derived = Derived::compute(&doc, &f, mode);
            let memory = MemoryData::new(&doc, &derived);
            let engine =
                EngineData::open(&parquet, Engine::Embedded, &TableAsk::of(&doc, &f, mode))
                    .unwrap();
            let lanes = memory.lanes().unwrap();
            assert_eq!(
                engine.lanes().unwrap(),
                lanes,
                "{} {mode:?}",
                file.display()
            );
            if mode == LaneMode::Group {
                assert!(lanes.len() > 1, "{}: {lanes:?}", file.display());
            }
            assert_eq!(
                engine.view(&q, &Cancel::new()).unwrap().lanes,
                memory.view(&q, &Cancel::new()).unwrap().lanes,
                "{} {mode:?}",
                file.display()
            );
        }
    }
}

/// The conversion of `doc` at `parquet` opened through DataFusion in lanes by group.
fn by_group(doc: &Document, parquet: &Path) -> EngineData {
    EngineData::open(
        parquet,
        Engine::Embedded,
        &TableAsk::of(doc, &Filter::default(), LaneMode::Group),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", parquet.display()))
}

/// Real GDELT exports, as GDELT published them (tests/data/gdelt/README.md): a GDELT
/// 2.0 fifteen-minute export and rows of GDELT 1.0 daily exports of both widths. Each
/// converts with every row an event, opens by CAMEO root code, and draws the same lanes,
/// views and list through the engine as in memory.
#[test]
fn real_gdelt_exports_draw_the_same_cameo_lanes_in_memory_and_through_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    for (file, rows) in [
        ("tests/data/gdelt/20191024143000.export.CSV", 2_111),
        ("tests/data/gdelt/20160728.export.CSV", 710),
    ] {
        let file = Path::new(file);
        let loaded = load_file(file, LoadOptions::default(), None).unwrap();
        assert_eq!(loaded.dataset.events.len(), rows, "{}", file.display());
        let parquet = dir.path().join("real.parquet");
        let done = convert_file(file, &parquet, &MappingSpec::default()).unwrap();
        assert_eq!(
            (done.rows, done.skipped),
            (rows as u64, 0),
            "{}",
            file.display()
        );
        let doc = Document::new(loaded, Origin::File(file.to_owned()));
        let f = Filter::default();
        let opened = EngineData::open(
            &parquet,
            Engine::Embedded,
            &TableAsk::opening(&f, LaneMode::Kind),
        )
        .unwrap();
        assert_eq!(opened.lane_mode(), LaneMode::Group, "{}", file.display());
        let derived = Derived::compute(&doc, &f, LaneMode::Group);
        let memory = MemoryData::new(&doc, &derived);
        let engine = by_group(&doc, &parquet);
        let lanes = memory.lanes().unwrap();
        assert!(
            lanes.len() >= 15 && lanes.iter().any(|l| l.label == "04 Consult"),
            "one lane per CAMEO root code: {lanes:?}"
        );
        assert_eq!(engine.lanes().unwrap(), lanes, "{}", file.display());
        let (first, last) = day_range(&doc);
        for q in [
            query(first, last - first + 1, 1, 1_000),
            query(last - 40, 41, 1, 1_000),
        ] {
            assert_eq!(
                engine.view(&q, &Cancel::new()).unwrap().lanes,
                memory.view(&q, &Cancel::new()).unwrap().lanes,
                "{}",
                file.display()
            );
        }
        assert_eq!(
            engine.page(rows / 2, 100).unwrap(),
            memory.page(rows / 2, 100).unwrap(),
            "{}",
            file.display()
        );
    }
}

/// A GDELT export joined from overlapping downloads lists events twice: the second row
/// of an event (the same GLOBALEVENTID) is dropped, said and counted, in memory and in
/// `convert` alike, so both have each event once and number them the same; the rows
/// that are not events are counted by why in what `convert` says.
#[test]
fn a_gdelt_export_listing_events_twice_keeps_each_once_in_memory_and_through_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let export = std::fs::read_to_string("tests/data/tables/gdelt2.export.tsv").unwrap();
    let rows: Vec<&str> = export.lines().collect();
    assert!(rows.len() >= 4, "the export has rows");
    // The export, then its first three rows again (a second download overlapping the
    // first), and a row cut short.
    let mut joined = export.clone();
    if !joined.ends_with('\n') {
        joined.push('\n');
    }
    for row in &rows[..3] {
        joined.push_str(row);
        joined.push('\n');
    }
    joined.push_str("123\t20240101\n");
    let file = dir.path().join("joined.export.CSV");
    std::fs::write(&file, &joined).unwrap();

    let loaded = load_file(&file, LoadOptions::default(), None).unwrap();
    assert_eq!(loaded.dataset.events.len(), rows.len(), "each event once");
    let said: Vec<String> = loaded.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        said.iter().any(
            |w| w.starts_with("3 rows repeat the GLOBALEVENTID of an earlier row")
                && w.contains(&format!("on line {}", rows.len() + 1))
        ),
        "{said:?}"
    );
    assert!(
        !said.iter().any(|w| w.contains("is also the id of the row")),
        "not renamed as other tables' repeated ids are: {said:?}"
    );

    let parquet = dir.path().join("joined.parquet");
    let done = convert_file(&file, &parquet, &MappingSpec::default()).unwrap();
    assert_eq!(done.rows, rows.len() as u64);
    assert_eq!(done.skipped, 4);
    assert_eq!(
        done.not_events,
        vec![
            (
                3,
                "repeating an earlier row's GLOBALEVENTID (the same event, kept once)".to_owned()
            ),
            (
                1,
                "skipped for a number of columns no GDELT layout has".to_owned()
            ),
        ]
    );
    let doc = Document::new(loaded, Origin::File(file.clone()));
    let derived = Derived::compute(&doc, &Filter::default(), LaneMode::Group);
    let memory = MemoryData::new(&doc, &derived);
    let engine = by_group(&doc, &parquet);
    assert_eq!(
        engine.lanes().unwrap(),
        memory.lanes().unwrap(),
        "CAMEO lanes"
    );
    let (first, last) = day_range(&doc);
    let q = query(first - 3, last - first + 7, 1, 1_000);
    assert_eq!(
        engine.view(&q, &Cancel::new()).unwrap().lanes,
        memory.view(&q, &Cancel::new()).unwrap().lanes
    );
    assert_eq!(
        engine.page(0, 100).unwrap(),
        memory.page(0, 100).unwrap(),
        "the same events, numbered the same"
    );

    // `convert` says why rows were not events.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .arg("convert")
        .arg(&file)
        .arg("-o")
        .arg(dir.path().join("again.parquet"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("4 rows were not events: 3 repeating an earlier row's GLOBALEVENTID (the same event, kept once), 1 skipped for a number of columns no GDELT layout has"),
        "{said}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    /// The panels' parity: for random datasets (sizes, seeds) and filters, what the
    /// window's panels read — the event list's lines (with quote and link counts), the
    /// selected event's card and its links, the links of the events on screen, the
    /// Disputes tab's questions with their sides, the lanes with their counts (facets)
    /// and a title search — is the same through DataFusion over the converted table as
    /// from the dataset in memory.
    #[test]
    fn the_panels_read_the_same_from_memory_and_from_the_engine(
        events in 60usize..900,
        seed in 0u64..1_000,
        kinds in prop::collection::vec(prop::bool::weighted(0.85), 10),
        word in prop::sample::select(vec!["", "", "talks", "meets", "Vienna", "zz-none"]),
        picks in prop::collection::vec(0.0f64..1.0, 6),
        at in 0.0f64..1.0,
        width in 30i32..5_000,
        by_actor in prop::bool::ANY,
        who in prop::option::weighted(0.3, 0usize..1_000),
        outlet in prop::option::weighted(0.3, 0usize..1_000),
    ) {
        use claimline::app::panels::event_list::{ListRows, MemoryRows};
        use claimline::timeline::card::Card;
        use claimline::timeline::dispute_card::QuestionCard;
        let dir = tempfile::tempdir().unwrap();
        let ron = dir.path().join("r.ron");
        let s = |p: &Path| p.to_string_lossy().into_owned();
        run_claimline(&["generate", "--events", &events.to_string(), "--seed", &seed.to_string(), &s(&ron)]);
        let parquet = dir.path().join("r.parquet");
        convert_file(&ron, &parquet, &MappingSpec::default()).unwrap();
        let doc = Document::new(load_file(&ron, LoadOptions::default(), None).unwrap(), Origin::File(ron));
        let mut f = filter(&kinds, &[true; 5], word);
        // An actor and an outlet chosen, as the filter menus choose them.
        if let Some(i) = who {
            f.actors.push(doc.actor_facets[i % doc.actor_facets.len()].key);
        }
        if let Some(i) = outlet {
            f.outlets.push(doc.outlet_facets[i % doc.outlet_facets.len()].key);
        }
        let mode = if by_actor { LaneMode::Actor } else { LaneMode::Kind };
        let derived = Derived::compute(&doc, &f, mode);
        let memory = MemoryData::new(&doc, &derived);
        let engine = EngineData::open(&parquet, Engine::Embedded, &TableAsk::of(&doc, &f, mode)).unwrap();

        // The filter menus' facets, as the window's stand-in document for the table has them.
        let (shell, _) = claimline::engine::shell::shell(&engine, &parquet, &f).unwrap();
        prop_assert_eq!(&shell.actor_facets, &doc.actor_facets);
        prop_assert_eq!(&shell.outlet_facets, &doc.outlet_facets);
        // The lanes with their counts, and a view of them.
        prop_assert_eq!(engine.lanes().unwrap(), memory.lanes().unwrap());
        let (first, last) = day_range(&doc);
        let d0 = first + (f64::from(last - first) * at) as i32;
        let q = query(d0, width, (width / 97).max(1), 400);
        let lanes = |a: ViewAnswer| a.lanes;
        prop_assert_eq!(
            lanes(engine.view(&q, &Cancel::new()).unwrap()),
            lanes(memory.view(&q, &Cancel::new()).unwrap())
        );
        let rows = MemoryRows { doc: &doc, derived: &derived };
        let lines: Vec<_> = (0..rows.len()).filter_map(|i| rows.line(i)).collect();
        prop_assert_eq!(engine.page(0, rows.len() + 5).unwrap(), lines.clone());
        // A page deep in the list, sought by day (lanes by kind) or by offset (by actor).
        let deep = ((rows.len() as f64) * at) as usize;
        let want: Vec<_> = lines.iter().skip(deep).take(37).cloned().collect();
        prop_assert_eq!(engine.page(deep, 37).unwrap(), want, "page at {}", deep);
        // Cards and links of some events, whether or not they pass the filters.
        let n = doc.dataset.events.len();
        let chosen: Vec<u32> = picks.iter().map(|p| ((p * n as f64) as usize).min(n - 1) as u32).collect();
        let header = claimline::engine::footer::header(&parquet);
        for &e in &chosen {
            // The card as the window makes it for a table: the event's row, its links and
            // the rows at their other ends, with the table's header.
            let card = |data: &dyn TimelineData| {
                data.event(e).unwrap().map(|row| {
                    let links = data.links(e).unwrap();
                    let others: Vec<_> = links
                        .iter()
                        .filter_map(|l| data.event(if l.from == e { l.to } else { l.from }).unwrap())
                        .collect();
                    Card::from_rows(&row, &links, &others, header.as_ref())
                })
            };
            prop_assert_eq!(card(&engine), Card::of(&doc, e), "event {}", e);
            // Its line in the event list (none where the filters hide it).
            prop_assert_eq!(engine.position(e).unwrap(), memory.position(e).unwrap(), "event {}", e);
        }
        let shown: Vec<u32> = lines.iter().take(40).map(|l| l.row.event).chain(chosen).collect();
        // The engine leaves an end's lane to the scene (its lanes are by kind, found by
        // the end's kind); memory knows it: the rest is the same.
        let unlaned = |links: Vec<claimline::timeline::seam::ViewLink>| {
            links
                .into_iter()
                .map(|mut l| {
                    l.from.lane = None;
                    l.to.lane = None;
                    l
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(
            unlaned(engine.links_among(&shown).unwrap()),
            unlaned(memory.links_among(&shown).unwrap())
        );
        // The Disputes tab's questions for a stretch of days.
        let days = (d0, d0 + width);
        let disputes = |data: &dyn TimelineData| QuestionCard::of_rows(&data.disputes_in(days, 200).unwrap());
        prop_assert_eq!(disputes(&engine), disputes(&memory));
        // A title search.
        if !word.is_empty() {
            prop_assert_eq!(engine.search(word, 50).unwrap(), memory.search(word, 50).unwrap());
        }
    }
}

/// Companion files are used only with the events they were written with: a day counts
/// file from another table (or cut short) beside a table is ignored with a warning that
/// names it, and the picture is the table's own, as from memory; a relations file cut
/// short too. A table's own companions raise no warning.
/// The compressed axis and the overview's disputed share of a table of any size come
/// from the spans and day counts written beside it, as memory lays them out; where they
/// cannot answer (none beside the table, or a search) a table past the limit of a whole
/// read is drawn linear, with no disputed share.
#[test]
fn the_compressed_axis_and_disputed_share_come_from_the_spans_whatever_the_size() {
    use claimline::engine::shell::shell_within;
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("s.ron");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    run_claimline(&["generate", "--events", "3000", "--seed", "5", &s(&ron)]);
    let parquet = dir.path().join("s.parquet");
    convert_file(&ron, &parquet, &MappingSpec::default()).unwrap();
    let doc = Document::new(
        load_file(&ron, LoadOptions::default(), None).unwrap(),
        Origin::File(ron.clone()),
    );
    let open =
        |f: &Filter| EngineData::open(&parquet, Engine::Embedded, &TableAsk::plain(f)).unwrap();
    let disputed =
        |a: &claimline::timeline::Axis| a.disputed.iter().map(|&n| u64::from(n)).sum::<u64>();
    let mut no_meetings = Filter::default();
    no_meetings.set_kind(EventKind::Meeting, false);
    for f in [Filter::default(), no_meetings] {
        let memory = Derived::compute(&doc, &f, LaneMode::Kind);
        assert!(disputed(&memory.compressed) > 0 && !memory.compressed.axis.gaps.is_empty());
        let source = open(&f);
        assert!(source.spans_kept() && source.disputed_kept());
        // As if the table were past any whole read: the spans alone answer.
        let (_, engine) = shell_within(&source, &parquet, &f, 0).unwrap();
        assert_eq!(engine.compressed.axis, memory.compressed.axis);
        assert_eq!(engine.compressed.counts, memory.compressed.counts);
        assert_eq!(engine.compressed.disputed, memory.compressed.disputed);
        assert_eq!(engine.linear.disputed, memory.linear.disputed);
    }
    // A search: the spans cannot tell which events pass it.
    let search = filter(&[true; 10], &[true; 5], "ceasefire");
    let memory = Derived::compute(&doc, &search, LaneMode::Kind);
    assert!(
        disputed(&memory.compressed) > 0,
        "the search finds disputed events"
    );
    let source = open(&search);
    assert!(!source.spans_kept() && !source.disputed_kept());
    let (_, past) = shell_within(&source, &parquet, &search, 0).unwrap();
    assert!(past.compressed.axis.gaps.is_empty() && disputed(&past.compressed) == 0);
    let (_, within) = shell_within(&source, &parquet, &search, usize::MAX).unwrap();
    assert_eq!(within.compressed.axis, memory.compressed.axis);
    assert_eq!(within.compressed.disputed, memory.compressed.disputed);
    // A table converted before spans were written: read whole up to the limit.
    std::fs::remove_file(claimline::engine::convert::companions(&parquet).spans).unwrap();
    let source = open(&Filter::default());
    assert!(!source.spans_kept());
    let (_, past) = shell_within(&source, &parquet, &Filter::default(), 0).unwrap();
    assert!(past.compressed.axis.gaps.is_empty());
    let (_, within) = shell_within(&source, &parquet, &Filter::default(), usize::MAX).unwrap();
    let memory = Derived::compute(&doc, &Filter::default(), LaneMode::Kind);
    assert_eq!(within.compressed.axis, memory.compressed.axis);
}

#[test]
fn companion_files_from_another_table_or_cut_short_are_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    run_claimline(&["generate", "--events", "300", "--seed", "3", &s(&a)]);
    run_claimline(&["generate", "--events", "3000", "--seed", "9", &s(&b)]);
    let (pa, pb) = (dir.path().join("a.parquet"), dir.path().join("b.parquet"));
    convert_file(&a, &pa, &MappingSpec::default()).unwrap();
    convert_file(&b, &pb, &MappingSpec::default()).unwrap();
    let open = |p: &Path| {
        EngineData::open(p, Engine::Embedded, &TableAsk::plain(&Filter::default())).unwrap()
    };
    assert!(
        open(&pa).warnings().is_empty(),
        "its own companions: no warning"
    );
    let memory = rendered(&a, false, &[], &dir.path().join("m.svg"));

    let beside = claimline::engine::convert::companions(&pa);
    let (counts, relations) = (beside.counts, beside.relations);
    let other = claimline::engine::convert::companions(&pb);
    let (other_counts, other_relations) = (other.counts, other.relations);
    std::fs::copy(&other_counts, &counts).unwrap();
    let own_spans = std::fs::read(&beside.spans).unwrap();
    std::fs::copy(&other.spans, &beside.spans).unwrap();
    let warnings = open(&pa).warnings().to_vec();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("a.counts.parquet") && warnings[0].contains("another table"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("a.spans.parquet") && warnings[1].contains("asked of the events"),
        "{}",
        warnings[1]
    );
    let engine = rendered(&pa, true, &[], &dir.path().join("e.svg"));
    assert!(memory == engine, "{}", first_difference(&memory, &engine));
    std::fs::write(&beside.spans, own_spans).unwrap();

    // Cut short, as by a full disk or a copy stopped half way.
    let whole = std::fs::read(&other_counts).unwrap();
    std::fs::write(&counts, &whole[..whole.len() / 2]).unwrap();
    let bytes = std::fs::read(&other_relations).unwrap();
    std::fs::write(&relations, &bytes[..bytes.len() / 3]).unwrap();
    let warnings = open(&pa).warnings().to_vec();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings.iter().all(|w| w.contains("cut short")),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("without relations"), "{}", warnings[1]);
    // The counts are the events' own: the overview and lanes as from memory.
    let data = open(&pa);
    let fx_doc = Document::new(
        load_file(&a, LoadOptions::default(), None).unwrap(),
        Origin::File(a.clone()),
    );
    let derived = Derived::compute(&fx_doc, &Filter::default(), LaneMode::Kind);
    assert_eq!(
        data.lanes().unwrap(),
        MemoryData::new(&fx_doc, &derived).lanes().unwrap()
    );
}

/// `render` of a converted table with no `--engine` draws it through DataFusion, as the
/// window opens it, never loading it: the same picture as `--engine local`. An id no
/// event has is refused in words, as for a dataset, and nothing is written.
#[test]
fn render_of_a_converted_table_goes_through_the_engine_and_refuses_what_it_cannot_draw() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let plain = rendered(&f.parquet, false, &[], &dir.path().join("plain.svg"));
    let engine = rendered(&f.parquet, true, &[], &dir.path().join("engine.svg"));
    assert!(plain == engine, "{}", first_difference(&plain, &engine));
    for (options, words) in [
        (
            &["--select", "no-such-event"][..],
            "no event has the id \"no-such-event\"",
        ),
        (
            &["--select", "no-such-event", "--lanes", "actor"][..],
            "no event has the id",
        ),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
            .arg("render")
            .arg(&f.parquet)
            .args(options)
            .arg("-o")
            .arg(dir.path().join("refused.svg"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{options:?} exits with an error");
        assert!(stderr.contains(words), "{stderr}");
        assert!(!dir.path().join("refused.svg").exists(), "nothing written");
    }
}

/// `check` of a converted table opens it through DataFusion (never loading it) and
/// says what it holds: its events by kind, its dates, the dataset it came from; its
/// companions' warnings are errors under `--strict`.
#[test]
fn check_of_a_converted_table_reads_it_through_the_engine() {
    let f = fixture();
    let check = |path: &Path, strict: bool| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"));
        c.arg("check").arg(path);
        if strict {
            c.arg("--strict");
        }
        c.output().unwrap()
    };
    let out = check(&f.parquet, true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("20,000 events") && stdout.contains("not loaded"),
        "{stdout}"
    );
    assert!(
        stdout.contains("converted from the dataset \"Synthetic contacts"),
        "{stdout}"
    );
    // The bare copy has no companions: nothing to warn of.
    assert!(check(&f.bare, true).status.success());
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("g.parquet");
    std::fs::copy(&f.parquet, &stale).unwrap();
    let counts = claimline::engine::convert::companions(&stale).counts;
    std::fs::write(&counts, b"PAR1 not a parquet file PAR1").unwrap();
    let out = check(&stale, true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("g.counts.parquet") && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(
        check(&stale, false).status.success(),
        "a warning alone passes"
    );
}

/// The map's question (`TimelineData::places`) answered by DataFusion over the
/// converted file is the in-memory answer: cells, counts, events one by one, for views
/// of the world, a continent and a city (from the place counts where the filters allow,
/// else from the events), over all days and a few, with filters and a place box.
#[test]
fn the_map_asks_the_engine_what_it_asks_memory() {
    use claimline::map::frame::{query_for, whole_world};
    use claimline::map::view::MapView;
    use claimline::model::{Area, Coordinates};
    use claimline::timeline::geom::Rect;
    let f = fixture();
    let (first, last) = day_range(&f.doc);
    let c = |lat: f64, lon: f64| Coordinates::new(lat, lon).unwrap_or_else(|e| panic!("{e}"));
    let rect = Rect::new(0.0, 0.0, 640.0, 480.0);
    let europe = Area::spanning(c(35.0, -10.0), c(62.0, 35.0));
    let filters = [
        Filter::default(),
        filter(&[true; 10], &[true, true, false, true, true], ""),
        Filter {
            place: Some(europe),
            ..Filter::default()
        },
    ];
    let mut compared = 0;
    for f_ in &filters {
        let ask = TableAsk::plain(f_);
        let engine = EngineData::open(&f.parquet, Engine::Embedded, &ask)
            .unwrap_or_else(|e| panic!("open: {e}"));
        let derived = Derived::compute(&f.doc, f_, LaneMode::Kind);
        let memory = MemoryData::new(&f.doc, &derived);
        let mid = first + (last - first) / 2;
        let vienna = MapView::fit([c(48.1, 16.2), c(48.3, 16.5)], (640.0, 480.0));
        let world = MapView::world((640.0, 480.0));
        let continent = MapView::fit([c(35.0, -10.0), c(62.0, 35.0)], (640.0, 480.0));
        for days in [(first, last), (mid, mid + 400), (mid, mid)] {
            for q in [
                whole_world(days),
                query_for(&world, rect, days),
                query_for(&continent, rect, days),
                query_for(&vienna, rect, days),
            ] {
                let m = memory
                    .places(&q, &Cancel::new())
                    .unwrap_or_else(|e| panic!("{e}"));
                let e = engine
                    .places(&q, &Cancel::new())
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(m.in_area, e.in_area, "{q:?} {f_:?}");
                assert_eq!(m.without_place, e.without_place, "{q:?} {f_:?}");
                assert_eq!(m.cells, e.cells, "{q:?} {f_:?}");
                assert_eq!(m.points, e.points, "{q:?} {f_:?}");
                compared += usize::from(m.in_area > 0);
            }
        }
    }
    assert!(
        compared >= 10,
        "only {compared} questions had events to compare"
    );
    // The place filter keeps what is in the box, in memory as through the engine.
    let boxed = Derived::compute(
        &f.doc,
        &Filter {
            place: Some(europe),
            ..Filter::default()
        },
        LaneMode::Kind,
    );
    assert!(boxed.filtered.len() > 100);
    for &e in &boxed.filtered.order {
        let at = f.doc.dataset.events[e as usize].coordinates;
        assert!(
            at.is_some_and(|at| europe.contains(at)),
            "{at:?} is not in the box"
        );
    }
}

/// The map is read from the place counts a conversion writes beside
/// the events (the question that reads every event's place at a hundred million rows):
/// doubled counts tied to the events are drawn doubled, so they are what is read — for
/// the world, a continent and a city, in whole cells; a street, in cells finer than the
/// finest grid counted, is asked of the events; place counts of another conversion are
/// ignored with a warning, and the map is then memory's again.
#[test]
fn the_map_is_read_from_the_place_counts_tied_to_the_events() {
    use claimline::engine::arrow::array::{Array, Int64Array, RecordBatch};
    use claimline::engine::arrow::datatypes::DataType;
    use claimline::engine::layout::{tie_of, write_tied};
    use claimline::map::frame::{query_for, whole_world};
    use claimline::map::view::MapView;
    use claimline::model::Coordinates;
    use claimline::timeline::geom::Rect;
    let f = fixture();
    let (_dir, copy, from, to) = copy_without_place_counts(f);
    assert!(from.places.exists(), "convert writes the place counts");
    // The same counts, each doubled, tied to the copy's events.
    let doubled: Vec<RecordBatch> = parquet_batches(&from.places)
        .into_iter()
        .map(|b| {
            let i = b.schema().index_of("events").unwrap();
            let events = b.column(i).as_any().downcast_ref::<Int64Array>().unwrap();
            let twice: Int64Array = events.iter().map(|n| n.map(|n| n * 2)).collect();
            assert_eq!(b.column(i).data_type(), &DataType::Int64);
            let mut columns = b.columns().to_vec();
            columns[i] = std::sync::Arc::new(twice);
            RecordBatch::try_new(b.schema(), columns).unwrap()
        })
        .collect();
    let doubled =
        claimline::engine::arrow::compute::concat_batches(&doubled[0].schema(), &doubled).unwrap();
    let tie = tie_of(&copy).expect("the events are tied");
    write_tied(&doubled, &to.places, &tie).unwrap();

    let (first, last) = day_range(&f.doc);
    let derived = Derived::compute(&f.doc, &Filter::default(), LaneMode::Kind);
    let memory = MemoryData::new(&f.doc, &derived);
    let ask = |path: &Path, q| {
        let data = EngineData::open(path, Engine::Embedded, &TableAsk::plain(&Filter::default()))
            .unwrap_or_else(|e| panic!("open: {e}"));
        (
            data.places(&q, &Cancel::new()).unwrap(),
            data.warnings().to_vec(),
        )
    };
    let world = whole_world((first, last));
    let m = memory.places(&world, &Cancel::new()).unwrap();
    assert!(m.in_area > 1000 && m.without_place > 1000, "{m:?}");
    let (e, warnings) = ask(&copy, world);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(e.in_area, 2 * m.in_area);
    assert_eq!(e.without_place, 2 * m.without_place);
    let halved: Vec<((i32, i32), u32)> = e.cells.iter().map(|&(c, n)| (c, n / 2)).collect();
    assert_eq!(halved, m.cells, "the same cells, each counted twice");
    // A part of the world in cells as wide as a counted grid's or wider (as the map
    // asks it: whole cells) is summed from the counts too; a street, in cells finer than
    // the finest grid, is asked of the events.
    use claimline::engine::place_counts::{LEVELS, cell_of_level};
    let finest = LEVELS.iter().map(|&l| cell_of_level(l)).fold(1.0, f64::min);
    let c = |lat: f64, lon: f64| Coordinates::new(lat, lon).unwrap();
    let rect = Rect::new(0.0, 0.0, 640.0, 480.0);
    let (mut summed, mut asked) = (0, 0);
    for (sw, ne) in [
        (c(35.0, -10.0), c(62.0, 35.0)),
        (c(48.1, 16.2), c(48.3, 16.5)),
        (c(48.195, 16.36), c(48.215, 16.39)),
    ] {
        let view = MapView::fit([sw, ne], (640.0, 480.0));
        let part = query_for(&view, rect, (first, last));
        let (e, _) = ask(&copy, part);
        let m = memory.places(&part, &Cancel::new()).unwrap();
        if part.cell >= finest {
            assert!(m.in_area > 10, "{m:?}");
            assert_eq!(e.in_area, 2 * m.in_area, "{part:?}");
            summed += 1;
        } else {
            assert_eq!(
                (e.in_area, &e.cells, &e.points),
                (m.in_area, &m.cells, &m.points)
            );
            asked += 1;
        }
    }
    assert_eq!(
        (summed, asked),
        (2, 1),
        "a continent and a city summed, a street asked"
    );
    // Another conversion's place counts: ignored, said, and the events answer.
    write_tied(&doubled, &to.places, "20000 another-conversion").unwrap();
    let (e, warnings) = ask(&copy, world);
    let m = memory.places(&world, &Cancel::new()).unwrap();
    assert_eq!((e.in_area, &e.cells), (m.in_area, &m.cells));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("g.places.parquet") && warnings[0].contains("map counts the events"),
        "{}",
        warnings[0]
    );
}

/// Place counts too many to keep by day (a real archive's many places a day) are kept
/// over every day: the map of the whole timeline is read from them — the world and a
/// continent — and the map of part of the time, which not every event overlaps, asks
/// the events and equals memory's.
#[test]
fn past_the_most_counts_by_day_the_map_of_the_whole_timeline_is_read_over_every_day() {
    use claimline::engine::arrow::array::{Array, Int8Array, Int32Array, Int64Array, RecordBatch};
    use claimline::engine::layout::{tie_of, write_tied};
    use claimline::engine::place_counts::{Kept, PlaceCounts};
    use claimline::map::frame::{query_for, whole_world};
    use claimline::map::view::MapView;
    use claimline::model::Coordinates;
    use claimline::timeline::geom::Rect;
    let f = fixture();
    let (_dir, copy, from, to) = copy_without_place_counts(f);
    // As many keys as the finest grid has over every day: both grids have more by day.
    let (mut by_day, mut every_day) = (0, std::collections::HashSet::new());
    for b in parquet_batches(&from.places) {
        let col = |name: &str| b.column(b.schema().index_of(name).unwrap()).clone();
        let (level, kind, status) = (col("level"), col("kind"), col("status"));
        let (cx, cy) = (col("cx"), col("cy"));
        let level = level.as_any().downcast_ref::<Int8Array>().unwrap();
        let kind = kind.as_any().downcast_ref::<Int8Array>().unwrap();
        let status = status.as_any().downcast_ref::<Int8Array>().unwrap();
        let cx = cx.as_any().downcast_ref::<Int32Array>().unwrap();
        let cy = cy.as_any().downcast_ref::<Int32Array>().unwrap();
        for i in (0..b.num_rows()).filter(|&i| level.value(i) == 14) {
            by_day += 1;
            let cell = (!cx.is_null(i)).then(|| (cx.value(i), cy.value(i)));
            every_day.insert((kind.value(i), status.value(i), cell));
        }
    }
    let most = every_day.len();
    assert!(
        by_day > 2 * most,
        "{by_day} keys by day, {most} over every day"
    );
    let mut counts = PlaceCounts::keeping_at_most(most);
    for b in parquet_batches(&f.parquet) {
        counts.add(&b).unwrap();
    }
    assert_eq!(counts.kept(), Some(Kept::EveryDay));
    // Those counts, each doubled, tied to the copy's events.
    let b = counts.batch().unwrap().unwrap();
    let i = b.schema().index_of("events").unwrap();
    let events = b.column(i).as_any().downcast_ref::<Int64Array>().unwrap();
    let twice: Int64Array = events.iter().map(|n| n.map(|n| n * 2)).collect();
    let mut columns = b.columns().to_vec();
    columns[i] = std::sync::Arc::new(twice);
    let doubled = RecordBatch::try_new(b.schema(), columns).unwrap();
    write_tied(&doubled, &to.places, &tie_of(&copy).unwrap()).unwrap();

    let (first, last) = day_range(&f.doc);
    let derived = Derived::compute(&f.doc, &Filter::default(), LaneMode::Kind);
    let memory = MemoryData::new(&f.doc, &derived);
    let data = EngineData::open(
        &copy,
        Engine::Embedded,
        &TableAsk::plain(&Filter::default()),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    assert!(data.warnings().is_empty(), "{:?}", data.warnings());
    let c = |lat: f64, lon: f64| Coordinates::new(lat, lon).unwrap();
    let continent = MapView::fit([c(35.0, -10.0), c(62.0, 35.0)], (640.0, 480.0));
    let continent = |days| query_for(&continent, Rect::new(0.0, 0.0, 640.0, 480.0), days);
    for whole in [whole_world((first, last)), continent((first, last))] {
        let e = data.places(&whole, &Cancel::new()).unwrap();
        let m = memory.places(&whole, &Cancel::new()).unwrap();
        assert!(m.in_area > 100, "{m:?}");
        assert_eq!(
            (e.in_area, e.without_place),
            (2 * m.in_area, 2 * m.without_place),
            "the whole timeline is read from the counts over every day"
        );
        let halved: Vec<((i32, i32), u32)> = e.cells.iter().map(|&(c, n)| (c, n / 2)).collect();
        assert_eq!(halved, m.cells);
    }
    let middle = first + (last - first) / 2;
    for part in [whole_world((first, middle)), continent((middle, last))] {
        let e = data.places(&part, &Cancel::new()).unwrap();
        let m = memory.places(&part, &Cancel::new()).unwrap();
        assert!(m.in_area > 100, "{m:?}");
        assert_eq!(
            (e.in_area, e.without_place, &e.cells),
            (m.in_area, m.without_place, &m.cells),
            "part of the time is asked of the events"
        );
    }
}
