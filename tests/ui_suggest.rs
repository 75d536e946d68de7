//! The reader's suggestions in the real app (issue #40), as a first-time user meets
//! them: a new dataset, a source with its text pasted and its day of publication; the
//! reader opens on it by itself with the sentences that report an event, the quotations
//! and the dates it found. *Add event* makes an event with its date, the note saying how
//! the date was read, and its words quoted; one undo takes it back and offers it again;
//! a quotation is rejected and brought back; a quotation goes onto the selected event
//! with its speaker; the result saves and passes `check --strict --corpus`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::command::{Command, UiCommand};
use claimline::app::{AppOptions, ClaimlineApp};
use claimline::model::{EventKind, Speaker};
use common::{fill, harness, run};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// A wire story, written here: a dateline, a denial "on Monday" of a call "on
/// Thursday", and a quotation with its speaker.
const STORY: &str = "Kremlin denies call\n\
MOSCOW, Nov. 11\n\
The Kremlin on Monday denied that Vladimir Putin spoke by phone with Donald Trump on Thursday.\n\
“There was no conversation,” Kremlin spokesman Dmitry Peskov told reporters.\n";

fn events(h: &Harness<'_, ClaimlineApp>) -> Vec<(String, String, EventKind)> {
    let doc = h.state().document().unwrap();
    let ds = &doc.dataset;
    ds.events
        .iter()
        .map(|e| (ds.str(e.title).to_owned(), e.date.to_string(), e.kind))
        .collect()
}

/// File ▸ New dataset, then ➕ Source with the story pasted and its day of publication,
/// saved: the reader opens on it.
fn new_dataset_with_story() -> Harness<'static, ClaimlineApp> {
    let mut h = harness(AppOptions::default());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New dataset").click();
    h.run();
    h.get_by_label("➕ Source").click();
    h.run();
    fill(&mut h, "Outlet", "The Wire");
    fill(&mut h, "Published", "2024-11-11");
    fill(&mut h, "Id", "wire");
    h.get_by_label("The article's text").click();
    h.run();
    h.get_by_label("The article's text").type_text(STORY);
    h.run();
    h.get_by_label("Save source").click();
    h.run();
    h.run();
    h
}

#[test]
fn the_reader_suggests_events_and_quotes_that_become_ordinary_edits() {
    let dir = tempfile::tempdir().unwrap();
    // A source, its text pasted: saving it opens the reader with its suggestions.
    let mut h = new_dataset_with_story();
    assert!(
        h.query_by_label_contains("Reader — The Wire").is_some(),
        "the reader opened on the new source"
    );
    h.get_by_label_contains("count from 11 November 2024");
    h.get_by_label_contains("Suggestions: 3 events · 1 quotation");

    // Add the denial: one click.
    h.get_by_label_contains("Add event: The Kremlin on Monday denied")
        .click();
    h.run();
    assert_eq!(
        events(&h),
        [(
            "The Kremlin on Monday denied that Vladimir Putin spoke by phone with…".to_owned(),
            "2024-11-11".to_owned(),
            EventKind::Denial
        )]
    );
    {
        let doc = h.state().document().unwrap();
        let ds = &doc.dataset;
        let event = &ds.events[0];
        let note = ds.str(event.date_note);
        assert!(
            note.contains("'Monday'") && note.contains("Monday 11 November 2024"),
            "the note says how the date was read: {note}"
        );
        let quotes = ds.quotes(event.quotes);
        assert_eq!(quotes.len(), 1, "the reporter's sentence, quoted");
        assert_eq!(
            ds.str(quotes[0].text),
            "The Kremlin on Monday denied that Vladimir Putin spoke by phone with Donald Trump on Thursday."
        );
        assert_eq!(quotes[0].speaker, Speaker::Outlet);
        let at = quotes[0].position.expect("its place in the text");
        assert_eq!((at.start, at.end), (36, 130));
    }
    h.get_by_label_contains("✔ in “The Kremlin on Monday denied");
    // Retitled (typing replaces the selected title), it is still the sentence's event:
    // the suggestion is not offered twice.
    fill(&mut h, "Title", "Kremlin denies the call");
    assert_eq!(events(&h)[0].0, "Kremlin denies the call");
    h.get_by_label_contains("✔ in “Kremlin denies the call”");
    assert!(
        h.query_by_label_contains("Add event: The Kremlin on Monday denied")
            .is_none()
    );

    // Undo takes the new title back, then the whole event, and the suggestion is
    // offered again.
    run(&mut h, UiCommand::Undo);
    assert_eq!(events(&h).len(), 1);
    run(&mut h, UiCommand::Undo);
    assert!(events(&h).is_empty());
    assert!(
        h.query_by_label_contains("Add event: The Kremlin on Monday denied")
            .is_some()
    );
    run(&mut h, UiCommand::Redo);
    assert_eq!(events(&h).len(), 1);
    run(&mut h, UiCommand::Redo);
    assert_eq!(events(&h)[0].0, "Kremlin denies the call");

    // Reject the quotation, then bring it back.
    h.get_by_label_contains("Reject: There was no conversation")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("Quote: There was no conversation")
            .is_none()
    );
    h.get_by_label_contains("Suggestions: 3 events · 0 quotations");
    h.get_by_label("Show 1 suggestion rejected again").click();
    h.run();

    // Without a selected event a quotation has nowhere to go; with the denial selected
    // (on the timeline, say) it goes onto it with its speaker as the text names them.
    run(&mut h, Command::Select(None));
    assert!(
        h.get_by_label_contains("Quote: There was no conversation")
            .accesskit_node()
            .is_disabled()
    );
    run(&mut h, Command::Select(Some(0)));
    h.get_by_label_contains("Quote: There was no conversation")
        .click();
    h.run();
    {
        let doc = h.state().document().unwrap();
        let ds = &doc.dataset;
        let quotes = ds.quotes(ds.events[0].quotes);
        assert_eq!(quotes.len(), 2);
        assert_eq!(ds.str(quotes[1].text), "There was no conversation,");
        assert_eq!(
            ds.speaker_name(quotes[1].speaker, quotes[1].source),
            "Dmitry Peskov"
        );
    }
    h.get_by_label("✔ quoted");

    // Saved, the accepted edits pass the strict corpus check.
    let file = dir.path().join("wire.ron");
    run(&mut h, Command::SaveTo(file.clone()));
    assert!(!h.state().is_dirty(), "saved");
    common::claimline_ok(&[
        "check".as_ref(),
        "--strict".as_ref(),
        file.as_os_str(),
        "--corpus".as_ref(),
        dir.path().as_os_str(),
    ]);
}

/// In a new dataset nobody is an actor yet: a quotation's speaker the text names is one
/// click from being one, and the quotation then names them as the actor.
#[test]
fn a_speaker_the_text_names_becomes_an_actor_in_one_click() {
    let mut h = new_dataset_with_story();
    h.get_by_label("Add actor: Dmitry Peskov").click();
    h.run();
    h.run();
    let doc = h.state().document().unwrap();
    let ds = &doc.dataset;
    let actors: Vec<(&str, &str)> = ds
        .actors
        .iter()
        .map(|a| (ds.str(a.id), ds.str(a.name)))
        .collect();
    assert_eq!(actors, [("peskov", "Dmitry Peskov")]);
    // The suggestions, read again, match him: no second offer, and the event his words
    // make has him as participant and speaker.
    assert!(h.query_by_label("Add actor: Dmitry Peskov").is_none());
    h.get_by_label_contains("Add event: “There was no conversation,”")
        .click();
    h.run();
    let doc = h.state().document().unwrap();
    let ds = &doc.dataset;
    let event = &ds.events[0];
    let participants: Vec<&str> = ds
        .syms(event.participants)
        .iter()
        .map(|&p| ds.str(p))
        .collect();
    assert_eq!(participants, ["peskov"]);
    let quotes = ds.quotes(event.quotes);
    assert_eq!(ds.str(quotes[0].text), "There was no conversation,");
    assert_eq!(
        ds.speaker_name(quotes[0].speaker, quotes[0].source),
        "Dmitry Peskov"
    );
    assert!(matches!(quotes[0].speaker, Speaker::Actor(_)));
}
