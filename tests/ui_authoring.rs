//! Building a dataset in the app, as a user does: from File ▸ New dataset, two events, a
//! source with its text pasted, two quotes taken by selecting words in the reader, one
//! link; saved, opened again, and checked by `claimline check --strict --corpus`. And
//! what must never be lost: a failed save keeps the edits, unsaved edits are asked
//! about before another file replaces them, undo takes every step back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::Path;

use claimline::app::command::{Command, UiCommand};
use claimline::app::{AppOptions, ClaimlineApp};
use common::{fill, harness, run, settle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const ARTICLE: &str = "Kremlin denies call\n\
The Washington Post reported that the two leaders spoke on Thursday.\n\
Dmitry Peskov said there was no conversation.\n";

/// File ▸ New dataset, as a user does it.
fn new_dataset(h: &mut Harness<'_, ClaimlineApp>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New dataset").click();
    h.run();
}

fn events(h: &Harness<'_, ClaimlineApp>) -> Vec<(String, String)> {
    let doc = h.state().document().unwrap();
    let ds = &doc.dataset;
    ds.events
        .iter()
        .map(|e| (ds.str(e.id).to_owned(), ds.str(e.title).to_owned()))
        .collect()
}

/// In the reader, selects line `line` (0-based) of the source's text with the keyboard
/// and quotes it for the selected event.
fn quote_line(h: &mut Harness<'_, ClaimlineApp>, line: usize) {
    h.get_by_label("Source text").click();
    h.run();
    for _ in 0..4 {
        h.key_press(Key::ArrowUp);
    }
    for _ in 0..line {
        h.key_press(Key::ArrowDown);
    }
    h.key_press(Key::Home);
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    h.get_by_label("Quote").click();
    h.run();
}

#[test]
fn a_dataset_built_from_nothing_saves_reopens_and_passes_the_strict_corpus_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(AppOptions::default());
    h.run();
    new_dataset(&mut h);
    assert!(events(&h).is_empty(), "a new dataset is empty");
    fill(&mut h, "Dataset title", "Calls, as the papers tell them");
    fill(&mut h, "Author", "The Desk");
    let doc = h.state().document().unwrap();
    assert_eq!(
        doc.dataset.str(doc.dataset.title),
        "Calls, as the papers tell them"
    );
    assert_eq!(doc.dataset.str(doc.dataset.author), "The Desk");

    // The source, its text pasted.
    h.get_by_label("➕ Source").click();
    h.run();
    fill(&mut h, "Outlet", "The Paper");
    fill(&mut h, "Published", "2024-11-11");
    fill(&mut h, "Id", "paper");
    fill(&mut h, "Text file", "paper.txt");
    h.get_by_label("The article's text").click();
    h.run();
    h.get_by_label("The article's text").type_text(ARTICLE);
    h.run();
    h.get_by_label("Save source").click();
    h.run();
    // Saving a new source with text opens the reader on it; this user closes it and
    // makes the events by hand.
    assert!(h.query_by_label("Reader — The Paper").is_some());
    run(&mut h, Command::CloseReader);

    // Two events: the reported call and the denial, with a new actor added in place.
    h.get_by_label("➕ Event").click();
    h.run();
    fill(&mut h, "Title", "Trump and Putin reportedly speak");
    fill(&mut h, "Id", "call");
    fill(
        &mut h,
        "Date (2024-11-07, 2024-11, 2017 or 2021-01-20..2024-11)",
        "2024-11-07",
    );
    assert_eq!(
        events(&h),
        [("call".into(), "Trump and Putin reportedly speak".into())]
    );
    h.get_by_label("New actor's name").click();
    h.get_by_label("New actor's name")
        .type_text("Dmitry Peskov");
    h.run();
    h.get_by_label("New actor's id").click();
    h.get_by_label("New actor's id").type_text("peskov");
    h.run();
    h.get_by_label("Add actor").click();
    h.run();
    h.get_by_label("Quote from a source…").scroll_to_me();
    h.run();
    h.get_by_label("Quote from a source…").click();
    h.run();
    h.get_by_label("The Paper").click();
    h.run();
    quote_line(&mut h, 1);

    // The panel scrolled down to the quote's form, which took the focus.
    h.get_by_label("➕ Event").scroll_to_me();
    h.run();
    h.get_by_label("➕ Event").click();
    h.run();
    fill(&mut h, "Title", "Kremlin denies the call");
    fill(&mut h, "Id", "denial");
    fill(
        &mut h,
        "Date (2024-11-07, 2024-11, 2017 or 2021-01-20..2024-11)",
        "2024-11-11",
    );
    quote_line(&mut h, 2);

    run(&mut h, Command::CloseReader);
    // The link: from the denial to the call, typed in the form.
    h.get_by_label("Link to another event…").scroll_to_me();
    h.run();
    h.get_by_label("Link to another event…").click();
    h.run();
    fill(&mut h, "To (event id):", "call");
    fill(
        &mut h,
        "Question in dispute",
        "Did they speak on 7 November 2024?",
    );
    h.get_by_label("Add link").click();
    h.run();

    let doc = h.state().document().unwrap();
    let ds = &doc.dataset;
    let c = ds.counts();
    assert_eq!(
        (c.events, c.sources, c.quotes, c.relations, c.actors),
        (2, 1, 2, 1, 1)
    );
    // The link's id names the two events it joins (the form made it before the other
    // event was typed: it was "denial-").
    assert_eq!(ds.str(ds.relations[0].id), "denial-call");
    let quotes: Vec<&str> = ds
        .events
        .iter()
        .flat_map(|e| ds.quotes(e.quotes))
        .map(|q| ds.str(q.text))
        .collect();
    assert_eq!(
        quotes,
        [
            "The Washington Post reported that the two leaders spoke on Thursday.",
            "Dmitry Peskov said there was no conversation."
        ],
        "the selected lines, verbatim"
    );
    // Each quote records where its words are in the text: the source's own characters
    // (line breaks included), and the words around them.
    let first = ds.quotes(ds.events[0].quotes)[0]
        .position
        .or_else(|| ds.quotes(ds.events[1].quotes)[0].position)
        .expect("a quote taken by selection has its position");
    let (start, end) = (first.start, first.end);
    assert_eq!(
        (start, end),
        (20, 20 + 68),
        "after \"Kremlin denies call\\n\", 68 characters"
    );
    assert_eq!(ds.str(first.prefix), "Kremlin denies call\n");
    assert_eq!(ds.str(first.suffix), "\nDmitry Peskov said there was no");
    assert!(h.state().is_dirty());

    // Save as (no dialog in tests: the path is typed).
    let file = dir.path().join("story.ron");
    run(&mut h, Command::SaveTo(file.clone()));
    assert!(!h.state().is_dirty(), "saved");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("paper.txt")).unwrap(),
        ARTICLE,
        "the text beside the dataset"
    );

    // Opened again, in a new window.
    let mut again = harness(AppOptions {
        file: Some(file.clone()),
        ..AppOptions::default()
    });
    settle(&mut again);
    assert_eq!(events(&again), events(&h));
    let doc = again.state().document().unwrap();
    assert_eq!(
        doc.dataset.str(doc.dataset.title),
        "Calls, as the papers tell them"
    );
    assert_eq!(
        doc.dataset.str(doc.dataset.author),
        "The Desk",
        "saved and read back"
    );
    assert!(!again.state().is_dirty());

    let check = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["check", "--strict"])
        .arg(&file)
        .arg("--corpus")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}\n{}\n{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr),
        std::fs::read_to_string(&file).unwrap()
    );
    // The saved position is checked against the text: moved by one, it is refused.
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("position: (start: 20, end: 88, prefix: \"Kremlin denies call\\n\""),
        "{saved}"
    );
    std::fs::write(
        &file,
        saved.replace(
            "position: (start: 20, end: 88",
            "position: (start: 21, end: 89",
        ),
    )
    .unwrap();
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["check"])
        .arg(&file)
        .arg("--corpus")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!check.status.success());
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(said.contains("recorded position does not match"), "{said}");
}

#[test]
fn a_failed_save_keeps_the_edits_and_undo_takes_them_back() {
    let mut h = harness(AppOptions::default());
    h.run();
    let before = events(&h);
    run(&mut h, UiCommand::ToggleEditing);
    run(&mut h, UiCommand::AddEvent);
    assert_eq!(events(&h).len(), before.len() + 1);
    assert!(h.state().is_dirty());
    run(
        &mut h,
        Command::SaveTo(Path::new("/nonexistent-folder/x.ron").to_owned()),
    );
    assert!(h.state().is_dirty(), "the edits are kept");
    assert_eq!(events(&h).len(), before.len() + 1);
    h.get_by_label_contains("Not saved:");
    // A read-only file is not replaced.
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.ron");
    std::fs::write(&locked, "(schema: 1, title: \"Mine\")").unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    run(&mut h, Command::SaveTo(locked.clone()));
    assert!(h.state().is_dirty(), "the edits are kept");
    assert_eq!(
        std::fs::read_to_string(&locked).unwrap(),
        "(schema: 1, title: \"Mine\")",
        "the read-only file is untouched"
    );
    h.get_by_label_contains("is read-only");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(events(&h), before, "undone");
    assert!(!h.state().is_dirty(), "back where it started");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(events(&h).len(), before.len() + 1, "redone");
}

#[test]
fn unsaved_edits_are_asked_about_before_another_dataset_replaces_them() {
    let mut h = harness(AppOptions::default());
    h.run();
    run(&mut h, UiCommand::AddEvent);
    let edited = events(&h);
    run(&mut h, Command::OpenBuiltin);
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(events(&h), edited, "cancel keeps the edits");
    run(&mut h, UiCommand::NewDataset);
    h.get_by_label("Don't save").click();
    h.run();
    assert!(events(&h).is_empty(), "discarded: the new dataset is shown");
    assert!(!h.state().is_dirty());
}

#[test]
fn a_bad_date_is_shown_as_typed_and_changes_nothing() {
    let mut h = harness(AppOptions {
        select: Some("reported-call-2024-11-07".into()),
        ..AppOptions::default()
    });
    h.run();
    run(&mut h, UiCommand::ToggleEditing);
    let label = "Date (2024-11-07, 2024-11, 2017 or 2021-01-20..2024-11)";
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text("2024-11-31");
    h.run();
    h.get_by_label_contains("`2024-11-31` is not a real calendar date");
    h.key_press(Key::Tab);
    h.run();
    assert!(!h.state().is_dirty(), "nothing applied");
    let doc = h.state().document().unwrap();
    let e = doc
        .dataset
        .event_index_by_name("reported-call-2024-11-07")
        .unwrap();
    assert_eq!(
        doc.dataset.events[e as usize].date.to_string(),
        "2024-11-07"
    );
}

/// Waits for the workers (indexing, filtering, saving) to finish.
fn settle_jobs(h: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().is_filtering() && !h.state().is_saving() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the workers did not finish");
}

#[test]
fn a_large_dataset_is_edited_indexed_on_a_worker_and_saved_on_one() {
    let n = 25_000;
    let ds =
        claimline::generate::generate(claimline::generate::GenerateOptions { events: n, seed: 3 })
            .unwrap();
    let loaded = claimline::load::load_built(
        ds,
        Path::new("big.ron"),
        claimline::load::LoadOptions::strict(false),
    )
    .unwrap();
    let doc = claimline::timeline::Document::new(loaded, claimline::timeline::Origin::Builtin);
    let mut h = harness(AppOptions {
        preloaded: Some(doc),
        ..AppOptions::default()
    });
    settle_jobs(&mut h);
    assert_eq!(h.state().shown_events().len(), n);

    run(&mut h, UiCommand::AddEvent);
    settle_jobs(&mut h);
    assert_eq!(
        h.state().shown_events().len(),
        n + 1,
        "the new event is shown"
    );
    let added = h.state().selected().expect("the new event is selected");
    let doc = h.state().document().unwrap();
    assert_eq!(
        doc.dataset.str(doc.dataset.events[added as usize].title),
        "New event"
    );
    assert!(doc.order.contains(&added), "indexed again");

    // Delete an event in the middle with its links, then undo.
    let doc = h.state().document().unwrap();
    let middle = (0..n as u32)
        .find(|&e| doc.dataset.relations_of(e).count() > 0)
        .expect("an event with links");
    let relations = doc.dataset.relations.len();
    run(&mut h, Command::AskDeleteEvent(middle));
    h.get_by_label("Delete").click();
    h.run();
    settle_jobs(&mut h);
    assert_eq!(h.state().shown_events().len(), n);
    assert!(h.state().document().unwrap().dataset.relations.len() < relations);
    run(&mut h, UiCommand::Undo);
    settle_jobs(&mut h);
    assert_eq!(h.state().shown_events().len(), n + 1);
    assert_eq!(
        h.state().document().unwrap().dataset.relations.len(),
        relations
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    run(&mut h, Command::SaveTo(file.clone()));
    settle_jobs(&mut h);
    assert!(!h.state().is_dirty(), "saved on the worker");
    let again =
        claimline::load::load_file(&file, claimline::load::LoadOptions::strict(false), None)
            .unwrap();
    assert_eq!(again.dataset.events.len(), n + 1);
    assert_eq!(again.dataset.relations.len(), relations);
}

fn press(h: &mut Harness<'_, ClaimlineApp>, pos: egui::Pos2, pressed: bool) {
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

#[test]
fn while_editing_the_timeline_adds_events_and_draws_links() {
    // Frames 50 ms apart, so that two clicks make a double-click.
    let mut h = Harness::builder()
        .with_size(common::SIZE)
        .with_step_dt(0.05)
        .with_max_steps(64)
        .renderer(common::software::SoftwareRenderer::new())
        .build_eframe(|cc| {
            ClaimlineApp::with_state(
                &cc.egui_ctx,
                AppOptions::default(),
                claimline::app::state::Persisted::default(),
            )
        });
    h.run();
    run(&mut h, UiCommand::ToggleEditing);
    let origin = h.state().timeline().widget_rect.unwrap().min;
    let scene = h.state().timeline().scene.clone();
    let lane = scene
        .lanes
        .iter()
        .find(|l| l.label == "Context")
        .expect("a Context lane");
    // An empty spot of the lane: no mark within 20 points.
    let spot = (0..100)
        .map(|k| {
            let x = scene.plot.min.x + scene.plot.width() * (k as f32 + 0.5) / 100.0;
            egui::pos2(x, lane.band.center().y)
        })
        .find(|p| {
            scene.marks.iter().all(|m| {
                let r = m.hit.expand(20.0);
                !(r.min.x <= p.x && p.x <= r.max.x && r.min.y <= p.y && p.y <= r.max.y)
            })
        })
        .expect("an empty spot");
    let at = origin + egui::vec2(spot.x, spot.y);
    h.hover_at(at);
    h.run_steps(1);
    for _ in 0..2 {
        press(&mut h, at, true);
        press(&mut h, at, false);
        h.run_steps(1);
    }
    h.run();
    let doc = h.state().document().unwrap();
    let added = h.state().selected().expect("the new event is selected");
    let event = doc.dataset.events[added as usize];
    assert_eq!(doc.dataset.str(event.title), "New event");
    assert_eq!(
        event.kind,
        claimline::model::EventKind::Context,
        "the lane's kind"
    );
    let date = event.date.to_string();
    assert!(
        date.len() <= 7,
        "zoomed out over years, a click cannot name a day: {date}"
    );
    assert!(h.state().is_dirty());

    // A drag from one event to another opens the link form with both.
    let scene = h.state().timeline().scene.clone();
    let centre = |id: &str| {
        let e = common::event(&h, id);
        let m = scene.marks.iter().find(|m| m.event == e).expect("drawn");
        origin + egui::vec2(m.hit.center().x, m.hit.center().y)
    };
    let (from, to) = (
        centre("kremlin-denies-call"),
        centre("reported-call-2024-11-07"),
    );
    h.hover_at(from);
    h.run_steps(1);
    press(&mut h, from, true);
    for k in 1..=10 {
        let p = from + (to - from) * (k as f32 / 10.0);
        h.event(egui::Event::PointerMoved(p));
        h.run_steps(1);
    }
    press(&mut h, to, false);
    h.run();
    h.get_by_label("Link two events");
    let value = h
        .get_by_role_and_label(Role::TextInput, "To (event id):")
        .value();
    assert_eq!(value.as_deref(), Some("reported-call-2024-11-07"));
    h.get_by_label_contains("From: Kremlin denies the reported call");
}

#[test]
fn edits_discarded_for_a_reload_that_fails_stay_on_screen_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/minimal.ron"),
        &file,
    )
    .unwrap();
    let mut h = harness(AppOptions {
        file: Some(file.clone()),
        ..AppOptions::default()
    });
    assert!(
        !h.state().is_dirty(),
        "nothing to save while the first file loads"
    );
    settle(&mut h);
    let before = events(&h).len();
    run(&mut h, UiCommand::AddEvent);
    assert_eq!(events(&h).len(), before + 1);
    std::fs::write(&file, "(schema: 1, title: ").unwrap();
    run(&mut h, UiCommand::Reload);
    h.get_by_label("Don't save").click();
    h.run();
    settle(&mut h);
    assert!(
        h.state().problems().is_some(),
        "the broken file's problems are shown"
    );
    assert_eq!(
        events(&h).len(),
        before + 1,
        "the edits are still on screen"
    );
    assert!(h.state().is_dirty(), "and still unsaved");
}

/// A saved page dropped on the source form becomes the new source's captured copy:
/// its article text in the form, what the page says of itself filled in, its bytes
/// written under their SHA-256 beside the dataset on save; `claimline verify` passes.
#[test]
fn a_page_dropped_on_the_window_becomes_a_captured_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.ron");
    std::fs::write(&file, "(schema: 1, title: \"Story\")\n").unwrap();
    let mut h = harness(AppOptions {
        file: Some(file.clone()),
        ..AppOptions::default()
    });
    settle(&mut h);
    run(&mut h, UiCommand::ToggleEditing);
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/evidence/article.html");
    h.get_by_label("➕ Source").click();
    h.run();
    // Dropped on the source form, as the system hands it over.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(page.clone())));
    h.run();
    h.run();
    // The form shows the capture and the article's text, not the page's furniture.
    h.get_by_label_contains("Captured copy: saved web page");
    let text = h.get_by_label("The article's text");
    let value = text.value().unwrap_or_default();
    assert!(value.contains("“This is completely untrue."), "{value}");
    assert!(!value.contains("Accept all cookies"), "{value}");
    h.get_by_label("Save source").click();
    h.run();
    run(&mut h, UiCommand::Save);
    settle(&mut h);
    assert!(!h.state().is_dirty(), "saved");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("format: Html"), "{saved}");
    assert!(
        saved.contains("id: \"news-example-org\""),
        "named after the site: {saved}"
    );
    assert!(
        saved.contains("published: \"2024-11-11\""),
        "from the page's metadata: {saved}"
    );
    let kept = std::fs::read_dir(dir.path().join("sources"))
        .unwrap()
        .count();
    assert_eq!(kept, 1, "the page's bytes beside the dataset");
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .arg("verify")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("in 1 captured source, all hashes match")
    );
}

/// The editor's first minute: File ▸ New dataset, then ➕ Event. The event takes today's
/// date (not year 0), its placeholder title is selected so that typing replaces it, and
/// its id follows the title and the date; a new source's publication date is not
/// invented.
#[test]
fn the_first_event_of_a_new_dataset_is_dated_today_and_typing_names_it() {
    let mut h = harness(AppOptions::default());
    h.run();
    new_dataset(&mut h);
    h.get_by_label("➕ Event").click();
    h.run();
    h.run();
    // The title has the focus with its placeholder selected: typing replaces it.
    h.event(egui::Event::Text("Envoys meet in Vienna".to_owned()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        events(&h),
        [(
            format!("envoys-meet-in-vienna-{today}"),
            "Envoys meet in Vienna".to_owned()
        )]
    );
    let doc = h.state().document().unwrap();
    assert_eq!(doc.dataset.events[0].date.to_string(), today);
    // The timeline shows it: its axis is about today, not about year 0 (the view of
    // the empty dataset).
    let day = f64::from(doc.dataset.events[0].date.earliest());
    for _ in 0..60 {
        h.run();
    }
    let (a, b) = h.state().visible_days().unwrap();
    assert!(a <= day && day <= b, "today ({day}) in view: {a}..{b}");
    // A new source asks for its publication date rather than inventing today's.
    h.get_by_label("➕ Source").click();
    h.run();
    let published = h.get_by_role_and_label(Role::TextInput, "Published");
    assert_eq!(published.value().unwrap_or_default(), "");
}
