//! A converted table in the window (feature `engine`): opening it reads no rows, the
//! timeline draws the engine's answers, the status bar says how the engine is doing, a
//! click asks the engine for that event's details and quotes, a filter is applied by the
//! engine, editing is refused with a reason, and an engine that does not answer leaves
//! the window usable.
#![cfg(feature = "engine")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimline::app::big_open::{BigStart, engine_opener};
use claimline::app::big_table::Card;
use claimline::app::command::{Command, UiCommand};
use claimline::app::{AppOptions, ClaimlineApp};
use claimline::engine::queries::Engine;
use claimline::load::{LoadOptions, load_file};
use claimline::model::EventKind;
use claimline::timeline::seam::EventRow;
use claimline::timeline::seam::asking::Health;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};

/// Steps the app until `done` holds (a generous limit: never a measure of speed).
fn until(h: &mut Harness<'_, ClaimlineApp>, what: &str, done: impl Fn(&ClaimlineApp) -> bool) {
    let limit = Instant::now() + Duration::from_secs(60);
    while Instant::now() < limit {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the app never got to: {what}");
}

fn ready(app: &ClaimlineApp) -> bool {
    !app.is_opening_big()
        && app
            .big_table()
            .is_some_and(|b| b.status().health == Health::Ready && b.status().pending == 0)
}

fn generated(dir: &Path) -> (PathBuf, PathBuf) {
    let ron = dir.join("g.ron");
    let parquet = dir.join("g.parquet");
    common::claimline_ok(&[
        "generate".as_ref(),
        "--events".as_ref(),
        "5000".as_ref(),
        "--seed".as_ref(),
        "7".as_ref(),
        ron.as_os_str(),
    ]);
    common::claimline_ok(&[
        "convert".as_ref(),
        ron.as_os_str(),
        "-o".as_ref(),
        parquet.as_os_str(),
    ]);
    (ron, parquet)
}

#[test]
fn a_converted_table_opens_in_the_window_through_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (ron, parquet) = generated(dir.path());
    let memory = load_file(&ron, LoadOptions::default(), None).unwrap();
    let ds = &memory.dataset;

    // Opened as any file is: a converted table goes to the engine, not into memory.
    let mut h = common::harness(AppOptions {
        file: Some(parquet.clone()),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(format!("{dir}/engine-window-fit.png"))
            .unwrap();
    }
    let app = h.state();
    let doc = app.document().unwrap();
    assert_eq!(doc.dataset.events.len(), 0, "no row is loaded");
    assert_eq!(doc.kind_counts.iter().sum::<usize>(), ds.events.len());
    assert!(
        app.timeline().density_columns() > 0 || !app.timeline().scene.marks.is_empty(),
        "the whole span is drawn from the engine's counts"
    );
    h.get_by_label_contains("Engine: ready");
    assert!(
        h.query_all_by_label_contains("DataFusion on this machine")
            .next()
            .is_some(),
        "the status bar says what answers"
    );

    // Zoom to a week around an event: its marker is drawn; a click on it asks the
    // engine for it, and the details panel shows what the table holds for it.
    let first = &ds.events[ds.events.len() / 2];
    let day = f64::from(first.date.earliest());
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, Command::ZoomTo(day - 3.0, day + 4.0));
    until(&mut h, "markers of the week", |app| {
        ready(app) && !app.timeline().scene.marks.is_empty()
    });
    let (e, rect) = h.state().timeline().drawn()[0];
    common::click_at(&mut h, rect.center());
    until(&mut h, "the event's details", |app| {
        matches!(
            app.big_table().and_then(|b| b.selected.as_ref()),
            Some((_, Card::Shown(..)))
        )
    });
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(format!("{dir}/engine-window.png"))
            .unwrap();
    }
    let expected = EventRow::of(ds, e).unwrap();
    match h.state().big_table().and_then(|b| b.selected.as_ref()) {
        Some((clicked, Card::Shown(card))) => {
            assert_eq!(*clicked, e);
            assert_eq!((&card.id, &card.title), (&expected.id, &expected.title));
            let quotes: Vec<&str> = card
                .quotes
                .iter()
                .flat_map(|(_, q)| q.iter().map(|q| q.text.as_str()))
                .collect();
            let loaded: Vec<&str> = expected.quotes.iter().map(|q| q.text.as_str()).collect();
            assert_eq!(
                quotes, loaded,
                "the engine hands back the event's quotes as loaded"
            );
            assert_eq!(card.date, ds.events[e as usize].date.describe());
        }
        _ => panic!("no details shown"),
    }
    h.get(
        by().role(Role::Paragraph)
            .label_contains(&format!("“{}”", expected.quotes[0].text)),
    );

    // A filter is a predicate: the table is asked again without the hidden kind.
    let hidden = EventKind::ALL
        .into_iter()
        .find(|k| doc_count(&h, *k) > 0)
        .unwrap();
    let mut filter = h.state().filter().clone();
    filter.set_kind(hidden, false);
    h.state_mut().execute(&ctx, Command::SetFilter(filter));
    let expected = ds.events.iter().filter(|ev| ev.kind != hidden).count();
    until(&mut h, "the filtered table", |app| {
        ready(app) && app.shown_count() == expected
    });
    // The menus count the whole table, as a dataset's count the whole dataset.
    assert_eq!(
        doc_count(&h, hidden),
        ds.events.iter().filter(|ev| ev.kind == hidden).count()
    );
    h.get_by_label_contains(&format!(
        "{} of 5,000 events",
        claimline::english::number(expected)
    ));
    // The kind hidden is still in the Kind menu, to be shown again.
    h.get(by().role(Role::Button).label_contains("Kind "))
        .click();
    h.run_steps(3);
    assert!(
        h.query_all_by_label_contains(&format!("{} (", hidden.label()))
            .next()
            .is_some(),
        "the Kind menu offers {} again",
        hidden.label()
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);

    // Editing is refused, with the reason; nothing else changes.
    h.state_mut()
        .execute(&ctx, Command::Ui(UiCommand::ToggleEditing));
    h.run_steps(2);
    assert!(!h.state().session().editing);
    h.get_by_label_contains("read through the query engine");
}

/// A generated table converted, and the same dataset loaded and laid out by kind (what
/// the engine's answers are compared with).
fn loaded_beside(
    dir: &Path,
) -> (
    PathBuf,
    claimline::timeline::Document,
    claimline::timeline::Derived,
) {
    use claimline::timeline::{Derived, Document, Filter, LaneMode, Origin};
    let (ron, parquet) = generated(dir);
    let doc = Document::new(
        load_file(&ron, LoadOptions::default(), None).unwrap(),
        Origin::File(ron),
    );
    let derived = Derived::compute(&doc, &Filter::default(), LaneMode::Kind);
    (parquet, doc, derived)
}

fn doc_count(h: &Harness<'_, ClaimlineApp>, kind: EventKind) -> usize {
    h.state()
        .document()
        .map_or(0, |d| d.kind_counts[kind.index()])
}

#[test]
fn an_engine_that_does_not_answer_says_so_and_the_window_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let (_, parquet) = generated(dir.path());
    // Nothing listens on port 9 of loopback.
    let url = "df://127.0.0.1:9";
    let mut h = common::harness(AppOptions {
        big: Some(BigStart {
            path: parquet.clone(),
            opener: engine_opener(parquet, Engine::parse(url).unwrap()),
        }),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's refusal", |app| {
        !app.is_opening_big() && app.problems().is_some()
    });
    let problems = h.state().problems().unwrap();
    let text = format!("{:?}", problems.diagnostics);
    assert!(text.contains(url), "the error names the URL: {text}");
    assert!(
        text.contains("cluster.sh start"),
        "and what to start: {text}"
    );
    assert!(h.state().big_table().is_none());
    // The window still opens the built-in dataset.
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, Command::OpenBuiltin);
    common::settle(&mut h);
    assert!(
        h.state()
            .document()
            .is_some_and(|d| !d.dataset.events.is_empty())
    );
}

/// File ▸ Open through a query engine: the form refuses what is not an engine URL and
/// says why, keeping what was typed; `local` with a converted table opens it.
#[test]
fn the_file_menu_opens_a_table_through_an_engine() {
    let dir = tempfile::tempdir().unwrap();
    let (_, parquet) = generated(dir.path());
    let mut h = common::harness(AppOptions::default());
    common::settle(&mut h);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open through a query engine…").click();
    h.run();
    common::retype(&mut h, "Engine", "http://example.org");
    common::retype(&mut h, "Table", &parquet.display().to_string());
    h.get_by_label("Open").click();
    h.run();
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(Path::new(&dir).join("engine-form.png"))
            .unwrap();
    }
    assert!(
        h.query_by_label_contains("is not an engine").is_some(),
        "the form says why"
    );
    assert!(h.state().big_table().is_none() && !h.state().is_opening_big());
    common::retype(&mut h, "Engine", "local");
    h.get_by_label("Open").click();
    until(&mut h, "the engine's first answers", ready);
    assert!(
        h.query_by_label("Open through a query engine").is_none(),
        "the form closed"
    );
    assert_eq!(
        h.state().document().map(|d| d.dataset.events.len()),
        Some(0),
        "nothing loaded into memory"
    );
    let shown: usize = h
        .state()
        .document()
        .map_or(0, |d| d.kind_counts.iter().sum());
    assert_eq!(shown, 5000, "the table's events, counted by the engine");
}

/// The event list of an engine table is the memory list, by the same labels (Date,
/// Kind, Status, Title, Quotes, Links): the same events in the same order as the loaded
/// dataset's list, with their quote and link counts; scrolling asks the engine for the
/// pages coming into view; a title selects its event, whose details the engine gives.
#[test]
fn the_event_list_of_an_engine_table_is_the_memory_list_and_scrolls_through_its_pages() {
    use claimline::app::panels::event_list::ListRows as _;
    use claimline::timeline::seam::TimelineData as _;
    use claimline::timeline::seam::memory::MemoryData;
    let dir = tempfile::tempdir().unwrap();
    let (parquet, doc, derived) = loaded_beside(dir.path());
    let memory = MemoryData::new(&doc, &derived);
    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    until(&mut h, "the list's first page", |app| {
        app.big_table().is_some_and(|b| b.list.line(0).is_some())
    });
    h.run();
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(Path::new(&dir).join("engine-list-1.png"))
            .unwrap();
    }
    for column in ["Date", "Kind", "Status", "Title", "Quotes", "Links"] {
        assert!(
            h.query_all_by_label(column).next().is_some(),
            "the list's {column} column"
        );
    }
    let first = memory.page(0, 100).unwrap();
    assert!(
        h.query_by_label(&first[0].title).is_some(),
        "the list starts with \"{}\"",
        first[0].title
    );
    let list = &h.state().big_table().unwrap().list;
    assert_eq!(list.len(), derived.filtered.order.len());
    let lines: Vec<_> = (0..100).map(|i| list.line(i).unwrap()).collect();
    assert_eq!(
        lines, first,
        "the engine's first lines are the loaded list's, counts and all"
    );
    assert!(
        lines.iter().any(|l| l.links > 0),
        "some lines count their links"
    );
    // Scrolling down brings later lines into view, asked of the engine as they come.
    let titles: Vec<String> = memory
        .page(0, 400)
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    let mut scrolls = 0;
    while h
        .state()
        .big_table()
        .is_none_or(|b| b.list.line(150).is_none())
    {
        assert!(scrolls < 500, "scrolling never brought line 150 in");
        // Lines still being asked for show "…": wait for them.
        if let Some(node) = titles.iter().rev().find_map(|t| h.query_by_label(t)) {
            node.scroll_down();
        }
        h.step();
        std::thread::sleep(Duration::from_millis(20));
        scrolls += 1;
    }
    h.run();
    let second = memory.page(100, 100).unwrap();
    let list = &h.state().big_table().unwrap().list;
    let lines: Vec<_> = (100..200).map(|i| list.line(i).unwrap()).collect();
    assert_eq!(
        lines, second,
        "the engine's second page is the loaded list's"
    );
    // A title in view selects its event: its details come from the engine.
    let in_view: Vec<_> = second
        .iter()
        .filter(|r| h.query_all_by_label(&r.title).count() == 1)
        .collect();
    assert!(!in_view.is_empty(), "lines of the second page in view");
    // One in the middle of those in view (those at the edges may be cut off).
    let pick = in_view[in_view.len() / 2].clone();
    h.get_by_label(&pick.title).click();
    until(&mut h, "the picked event's details", |app| {
        app.big_table()
            .and_then(|b| b.selected.as_ref())
            .is_some_and(|(e, card)| *e == pick.row.event && matches!(card, Card::Shown(..)))
    });
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(Path::new(&dir).join("engine-list.png"))
            .unwrap();
    }
}

/// The details of an engine table's event name the relations it takes part in, asked of
/// the relations table beside it (the same as the loaded dataset's), and a click on the
/// event at the other end asks the engine for that one.
#[test]
fn an_engine_events_details_list_who_denies_it() {
    use claimline::timeline::seam::TimelineData as _;
    use claimline::timeline::seam::memory::MemoryData;
    let dir = tempfile::tempdir().unwrap();
    let (parquet, doc, derived) = loaded_beside(dir.path());
    let memory = MemoryData::new(&doc, &derived);
    let e = (0..5000u32)
        .find(|&e| doc.dataset.relations_of(e).next().is_some())
        .unwrap();
    let want = memory.links(e).unwrap();
    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    let ctx = h.ctx.clone();
    h.state_mut().execute(&ctx, Command::Select(Some(e)));
    until(&mut h, "the event's details", |app| {
        app.big_table()
            .and_then(|b| b.selected.as_ref())
            .is_some_and(|(_, card)| matches!(card, Card::Shown(..)))
    });
    let Some((_, Card::Shown(card))) = &h.state().big_table().unwrap().selected else {
        unreachable!()
    };
    let links: Vec<_> = card
        .links
        .iter()
        .map(|l| (l.kind, l.other, l.other_title.clone(), l.question.clone()))
        .collect();
    let wanted: Vec<_> = want
        .iter()
        .map(|l| {
            let other = if l.from == e { l.to } else { l.from };
            (l.kind, other, l.other_title.clone(), l.question.clone())
        })
        .collect();
    assert_eq!(links, wanted, "the engine's links are the loaded dataset's");
    // The same section, by the same label, as for a dataset in memory.
    assert!(
        h.query_by_label_contains(&format!("Contradicting reports ({})", want.len()))
            .is_some()
    );
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(Path::new(&dir).join("engine-links.png"))
            .unwrap();
    }
    let first = &want[0];
    let other = if first.from == e {
        first.to
    } else {
        first.from
    };
    h.get_by_label(&format!("Go to: {}", first.other_title))
        .click();
    until(&mut h, "the other event's details", |app| {
        app.big_table()
            .and_then(|b| b.selected.as_ref())
            .is_some_and(|(x, card)| *x == other && matches!(card, Card::Shown(..)))
    });
}

/// `--select ID` on a table: the engine finds the event by its id, the side panel shows
/// its card, and the timeline brings it among its neighbours into view — the view the
/// same dataset loaded in memory gives. An id no event has says so.
#[test]
fn a_table_opens_on_the_event_asked_for_as_a_dataset_does() {
    let dir = tempfile::tempdir().unwrap();
    let (ron, parquet) = generated(dir.path());
    let doc = claimline::timeline::Document::new(
        load_file(&ron, LoadOptions::default(), None).unwrap(),
        claimline::timeline::Origin::File(ron.clone()),
    );
    // An event in the middle, where a view fitting everything does not show it apart.
    let e = 2_345u32;
    let id = doc
        .dataset
        .str(doc.dataset.events[e as usize].id)
        .to_owned();
    let open = |file: PathBuf| {
        common::harness_sized(
            AppOptions {
                file: Some(file),
                select: Some(id.clone()),
                ..AppOptions::default()
            },
            egui::vec2(1200.0, 800.0),
        )
    };
    let mut memory = open(ron);
    until(
        &mut memory,
        "the dataset on screen, the event chosen",
        |app| app.selected() == Some(e) && app.visible_days().is_some(),
    );
    memory.run_steps(60);
    let mut engine = open(parquet.clone());
    until(&mut engine, "the engine's card of the event", |app| {
        ready(app)
            && app
                .big_table()
                .and_then(|b| b.selected.as_ref())
                .is_some_and(|(x, card)| *x == e && matches!(card, Card::Shown(..)))
    });
    engine.run_steps(60);
    let title = doc.dataset.str(doc.dataset.events[e as usize].title);
    assert!(
        engine.query_all_by_label_contains(title).next().is_some(),
        "its card: {title}"
    );
    let (m, g) = (
        memory.state().visible_days().unwrap(),
        engine.state().visible_days().unwrap(),
    );
    let ev = &doc.dataset.events[e as usize];
    assert!(
        g.0 <= f64::from(ev.date.earliest()) && f64::from(ev.date.latest()) <= g.1,
        "the event's days in view: {g:?}"
    );
    assert!(
        (m.0 - g.0).abs() < 0.5 && (m.1 - g.1).abs() < 0.5,
        "the view memory gives: {m:?}, the engine's: {g:?}"
    );
    let first = doc
        .dataset
        .events
        .iter()
        .map(|ev| ev.date.earliest())
        .min()
        .unwrap();
    let last = doc
        .dataset
        .events
        .iter()
        .map(|ev| ev.date.latest())
        .max()
        .unwrap();
    assert!(
        g.1 - g.0 < f64::from(last - first) / 4.0,
        "zoomed in to the event, not the whole table: {g:?}"
    );

    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        select: Some("no-such-id".to_owned()),
        ..AppOptions::default()
    });
    until(&mut h, "the engine says no event has the id", |app| {
        ready(app) && app.big_table().is_some_and(|b| b.settled())
    });
    h.run_steps(4);
    assert!(
        h.query_by_label_contains("No event has the id \"no-such-id\"")
            .is_some(),
        "the notice"
    );
}

/// The Disputes tab of an engine table is the memory tab over the relations bearing on
/// the events on screen (as the loaded dataset has them): each question with its sides;
/// a title there asks the engine for its event.
#[test]
fn the_disputes_tab_lists_the_disputes_on_screen() {
    use claimline::app::big_table::Asked;
    use claimline::app::command::SideTab;
    use claimline::timeline::seam::TimelineData as _;
    use claimline::timeline::seam::memory::MemoryData;
    let dir = tempfile::tempdir().unwrap();
    let (parquet, doc, derived) = loaded_beside(dir.path());
    let memory = MemoryData::new(&doc, &derived);
    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, Command::SetSideTab(SideTab::Disputes));
    until(&mut h, "the disputes on screen", |app| {
        app.big_table()
            .and_then(|b| b.disputes.as_ref())
            .is_some_and(|d| matches!(d.rows, Asked::Shown(_)))
    });
    let big = h.state().big_table().unwrap();
    let shown = big.disputes.as_ref().unwrap();
    let Asked::Shown(rows) = &shown.rows else {
        unreachable!()
    };
    let want = memory
        .disputes_in(shown.days, claimline::app::big_table::DISPUTES_ON_SCREEN)
        .unwrap();
    assert!(!want.is_empty(), "the opening view has disputes");
    assert_eq!(
        rows, &want,
        "the engine's disputes are the loaded dataset's"
    );
    // The memory tab's layout, by its labels: the heading, each question, its sides.
    assert!(h.query_all_by_label("Disputes").next().is_some());
    assert!(h.query_by_label_contains("in dispute on screen").is_some());
    let questions = claimline::timeline::dispute_card::QuestionCard::of_rows(rows);
    assert!(
        h.query_all_by_label(&questions[0].question)
            .next()
            .is_some(),
        "the first question, \"{}\"",
        questions[0].question
    );
    for side in ["Claim", "Counter-claim"] {
        assert!(
            h.query_all_by_label(side).next().is_some(),
            "the {side} column"
        );
    }
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(Path::new(&dir).join("engine-disputes.png"))
            .unwrap();
    }
    let from = want[0].from.clone();
    // The side's button, named with its title, date, status and first quote.
    h.query_all(by().role(Role::Button).label_contains(&from.title))
        .next()
        .unwrap()
        .click();
    until(&mut h, "the event bearing on it", |app| {
        app.big_table()
            .and_then(|b| b.selected.as_ref())
            .is_some_and(|(x, card)| *x == from.row.event && matches!(card, Card::Shown(..)))
    });
}

/// `claimline TABLE.parquet --screenshot OUT.png` draws a converted table through the
/// engine in a real window (Xvfb), once the engine has answered; an engine that does not
/// answer fails the run with its URL and what to start, and writes nothing.
#[test]
fn a_screenshot_of_an_engine_table_in_a_real_window() {
    use common::needs::Need;
    use common::xvfb::Xvfb;
    let Some(x) = Xvfb::start(
        "engine_window::a_screenshot_of_an_engine_table_in_a_real_window",
        &[Need::Xvfb, Need::Adapter],
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, parquet) = generated(dir.path());
    let png = dir.path().join("engine.png");
    let run = x.run(&[
        parquet.to_str().unwrap(),
        "--screenshot",
        png.to_str().unwrap(),
        "--size",
        "1000x650",
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    let image = image::open(&png).unwrap().to_rgba8();
    assert_eq!(image.dimensions(), (1000, 650));
    let colours: std::collections::HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 200,
        "a real picture: {} colours",
        colours.len()
    );

    let refused = dir.path().join("refused.png");
    let url = "df://127.0.0.1:9";
    let run = x.run(&[
        parquet.to_str().unwrap(),
        "--engine",
        url,
        "--screenshot",
        refused.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(!run.status.success());
    assert!(
        stderr.contains(url) && stderr.contains("cluster.sh start"),
        "{stderr}"
    );
    assert!(!refused.exists(), "nothing is written");
}

/// Lanes by actor and the actor and outlet filters through the engine, as for a dataset
/// in memory: the filter menus list the dataset's actors and outlets, choosing lanes by
/// actor lays the table out by actor, and choosing an actor keeps the events naming them;
/// the card of an event clicked names its speakers with their roles and its sources.
#[test]
fn a_table_is_laid_out_by_actor_and_filtered_by_actor_and_outlet_through_the_engine() {
    use claimline::timeline::LaneMode;
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("tp.parquet");
    common::claimline_ok(&[
        "convert".as_ref(),
        "data/trump-putin.ron".as_ref(),
        "-o".as_ref(),
        parquet.as_os_str(),
    ]);
    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    let doc = h.state().document().unwrap();
    let trump = doc
        .actor_facets
        .iter()
        .find(|f| f.label == "Donald Trump")
        .expect("the actor menu lists the dataset's actors")
        .clone();
    let tass = doc
        .outlet_facets
        .iter()
        .find(|f| f.label == "TASS")
        .expect("the outlet menu lists the dataset's outlets")
        .clone();
    let all: usize = doc.kind_counts.iter().sum();

    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, Command::SetLaneMode(LaneMode::Actor));
    until(&mut h, "lanes by actor", |app| {
        ready(app)
            && app
                .timeline()
                .scene
                .lanes
                .iter()
                .any(|l| l.label == "Donald Trump")
    });
    let labels: Vec<String> = h
        .state()
        .timeline()
        .scene
        .lanes
        .iter()
        .map(|l| l.label.clone())
        .collect();
    assert!(
        labels.iter().any(|l| l == "Vladimir Putin"),
        "one lane per actor: {labels:?}"
    );
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(format!("{dir}/engine-window-actors.png"))
            .unwrap();
    }

    let mut filter = h
        .state()
        .document()
        .map(|_| claimline::timeline::Filter::default())
        .unwrap();
    filter.outlets.push(tass.key);
    h.state_mut()
        .execute(&ctx, Command::SetFilter(filter.clone()));
    until(&mut h, "the outlet filter", |app| {
        ready(app) && app.document().is_some() && app.shown_count() == tass.count
    });
    filter.outlets.clear();
    filter.actors.push(trump.key);
    h.state_mut().execute(&ctx, Command::SetFilter(filter));
    until(&mut h, "the actor filter", |app| {
        ready(app) && app.document().is_some() && app.shown_count() == trump.count
    });
    assert!(trump.count < all, "{} of {all}", trump.count);

    // An event clicked: its card is the one the dataset in memory gives, roles,
    // sources, date notes and the events it bears on included.
    let memory = claimline::timeline::Document::builtin().unwrap();
    let e = memory
        .dataset
        .event_index_by_name("reported-call-2024-11-07")
        .unwrap();
    h.state_mut().execute(&ctx, Command::Select(Some(e)));
    until(&mut h, "the event's card", |app| {
        matches!(
            app.big_table().and_then(|b| b.selected.as_ref()),
            Some((_, Card::Shown(..)))
        )
    });
    let Some((_, Card::Shown(card))) = h.state().big_table().and_then(|b| b.selected.as_ref())
    else {
        unreachable!()
    };
    let expected = claimline::timeline::card::Card::of(&memory, e).unwrap();
    assert_eq!(**card, expected);
    // The list learns the event's line with its card, and scrolls to it.
    let mut by_trump = claimline::timeline::Filter::default();
    by_trump.actors.extend(
        memory
            .actor_facets
            .iter()
            .filter(|f| f.label == "Donald Trump")
            .map(|f| f.key),
    );
    let derived = claimline::timeline::Derived::compute(&memory, &by_trump, LaneMode::Actor);
    let line = derived.filtered.position(&memory, e);
    assert!(line.is_some(), "the event passes the actor filter");
    assert_eq!(
        h.state().big_table().and_then(|b| b.list.selected_at),
        line.map(|at| (e, at))
    );
    assert!(!card.date_note.is_empty() && !card.links.is_empty());
    h.run_steps(3);
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(format!("{dir}/engine-window-card.png"))
            .unwrap();
    }
    assert!(
        h.query_all_by_label_contains("Kremlin spokesman")
            .next()
            .is_some(),
        "the panel names the speaker with his role"
    );

    // "Disputed only", by the label memory's toolbar gives it: the events in a dispute.
    h.state_mut().execute(
        &ctx,
        Command::SetFilter(claimline::timeline::Filter::default()),
    );
    until(&mut h, "every event again", |app| {
        ready(app) && app.document().is_some() && app.shown_count() == all
    });
    h.get_by_label("Disputed only").click();
    let disputed = (0..u32::try_from(memory.dataset.events.len()).unwrap())
        .filter(|&e| claimline::disputes::is_disputed(&memory.dataset, e))
        .count();
    assert!(disputed > 0 && disputed < all);
    until(&mut h, "the disputed events only", |app| {
        ready(app) && app.document().is_some() && app.shown_count() == disputed
    });
}

/// The map of a table read through the engine: `M` shows its places, asked as SQL on
/// the map's own thread (the window never waits), the same places memory gives; a
/// click on a marker selects the event, and its details are the engine's.
#[test]
fn the_map_of_an_engine_table_asks_the_engine_and_selects_on_the_timeline() {
    use claimline::app::command::Part;
    let dir = tempfile::tempdir().unwrap();
    let (ron, parquet) = generated(dir.path());
    let memory = load_file(&ron, LoadOptions::default(), None).unwrap();
    let placed = memory
        .dataset
        .events
        .iter()
        .filter(|e| e.coordinates.is_some())
        .count();
    assert!(placed > 100, "the generated meetings have places");
    let mut h = common::harness(AppOptions {
        file: Some(parquet),
        ..AppOptions::default()
    });
    until(&mut h, "the engine's first answers", ready);
    h.key_press(egui::Key::M);
    until(&mut h, "the map's first answer", |app| {
        app.persisted().shows(Part::Map) && app.map().answer().is_some()
    });
    // Framed on the events, then asked again for the view.
    until(&mut h, "the framed map", |app| {
        app.map()
            .answer()
            .is_some_and(|(q, _)| q.cell > 1.0 / 512.0)
    });
    let caption = h.state().map().scene.caption.clone();
    let total = memory.dataset.events.len();
    assert!(
        caption.ends_with(&format!(
            "{} events have no place",
            claimline::english::number(total - placed)
        )),
        "{caption}"
    );
    // Exported as on screen, the picture takes the map beside the timeline: the
    // places it drew (not asked again), its caption and the basemap's credit.
    let svg = dir.path().join("both.svg");
    let text = common::export_timeline_and_map(&mut h, &svg);
    assert!(
        text.contains("Made with Natural Earth"),
        "the basemap's credit"
    );
    assert!(
        text.contains(&format!(
            "{} events have no place",
            claimline::english::number(total - placed)
        )),
        "the map's caption"
    );
    let drawn = &h.state().map().scene;
    let labelled = drawn
        .cells
        .iter()
        .filter(|c| c.rect.width() >= 22.0 && c.rect.height() >= 14.0)
        .max_by_key(|c| c.count);
    match (labelled, drawn.marks.first()) {
        (Some(cell), _) => {
            let count = claimline::english::number(cell.count as usize);
            assert!(
                text.contains(&format!(">{count}</text>")),
                "the fullest cell's count, {count}"
            );
        }
        (None, Some(mark)) => assert!(text.contains(&mark.id), "a marker's event, {}", mark.id),
        (None, None) => panic!("the map on screen shows no places"),
    }
    // A marker clicked selects its event (a cell clicked zooms in on it, until the
    // events there are markers).
    let scene = &h.state().map().scene;
    let target = scene
        .marks
        .first()
        .map(|m| (m.event, m.centre))
        .or_else(|| {
            scene
                .cells
                .iter()
                .max_by_key(|c| c.count)
                .map(|c| (u32::MAX, c.rect.center()))
        });
    let (event, at) = target.expect("something is drawn");
    let pos = h.state().map().on_screen(at).unwrap();
    common::click_at(&mut h, pos);
    if event == u32::MAX {
        // A cell: the click zooms in; click again until a marker is under the pointer.
        for _ in 0..6 {
            until(&mut h, "the zoomed map's answer", |app| {
                !app.map().scene.marks.is_empty() || !app.map().scene.cells.is_empty()
            });
            if let Some(m) = h.state().map().scene.marks.first() {
                let (e, c) = (m.event, m.centre);
                let pos = h.state().map().on_screen(c).unwrap();
                common::click_at(&mut h, pos);
                until(&mut h, "the selection's details", |app| {
                    app.big_table().is_some_and(|b| b.selected() == Some(e))
                });
                return;
            }
            let cell = h
                .state()
                .map()
                .scene
                .cells
                .iter()
                .max_by_key(|c| c.count)
                .map(|c| c.rect.center())
                .unwrap();
            let pos = h.state().map().on_screen(cell).unwrap();
            common::click_at(&mut h, pos);
        }
        panic!("zooming into the fullest cell never showed markers");
    }
    until(&mut h, "the selection", |app| {
        app.big_table().is_some_and(|b| b.selected() == Some(event))
    });
}
