//! Editing: every change is checked with the loader's rules, refused whole when it breaks
//! one (the dataset left byte for byte as it was), undone exactly, and saved as a file
//! the loader reads back as the same dataset.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::path::Path;

use claimline::edit::forms::{EventForm, QuoteForm, RelationForm, SourceForm, SpeakerChoice};
use claimline::edit::history::{History, UNDO_LIMIT};
use claimline::edit::{self, Change, find_in_text};
use claimline::load::{self, LoadOptions};
use claimline::model::{Dataset, EventKind, RelationKind, Status};
use claimline::save::{Comments, Layout, canonical, to_ron};

fn builtin() -> Dataset {
    load::load_builtin().unwrap().dataset
}

fn text(ds: &Dataset) -> String {
    to_ron(ds, Layout::Compact).unwrap()
}

fn form(id: &str, title: &str, date: &str) -> EventForm {
    EventForm {
        id: id.to_owned(),
        title: title.to_owned(),
        kind: EventKind::PhoneCall,
        status: Status::Reported,
        date: date.to_owned(),
        end: String::new(),
        participants: vec!["trump".to_owned(), "putin".to_owned()],
        place: "Moscow".to_owned(),
        summary: "A summary.".to_owned(),
        date_note: String::new(),
    }
}

fn add(ds: &mut Dataset, id: &str, date: &str) -> edit::history::Edit {
    edit::apply(
        ds,
        &Change::Event {
            index: None,
            form: form(id, "A call", date),
        },
    )
    .unwrap()
}

/// The dataset saved and loaded again, as serde writes it.
fn reloaded(ds: &Dataset) -> String {
    let saved = canonical(ds, &Comments::default());
    let again = load::load_bytes(
        saved.as_bytes(),
        Path::new("saved.ron"),
        LoadOptions::strict(false),
        None,
    )
    .unwrap_or_else(|e| panic!("the saved dataset loads:\n{e}\n{saved}"))
    .dataset;
    text(&again)
}

#[test]
fn an_added_event_is_found_by_id_saved_and_undone_exactly() {
    let mut ds = builtin();
    let before = text(&ds);
    let edit = add(&mut ds, "call-2025", "2025-02-12");
    let e = ds.event_index_by_name("call-2025").unwrap();
    let event = ds.events[e as usize];
    assert_eq!(ds.str(event.title), "A call");
    assert_eq!(event.date.to_string(), "2025-02-12");
    assert_eq!(ds.syms(event.participants).len(), 2);
    assert_eq!(reloaded(&ds), text(&ds), "what is saved is what was edited");
    let after = text(&ds);
    edit::undo(&mut ds, &edit);
    assert_eq!(text(&ds), before);
    assert!(ds.event_index_by_name("call-2025").is_none());
    edit::redo(&mut ds, &edit);
    assert_eq!(text(&ds), after);
}

#[test]
fn a_bad_field_is_refused_with_the_loaders_words_and_changes_nothing() {
    let mut ds = builtin();
    let before = text(&ds);
    let refuse = |ds: &mut Dataset, change: Change| -> (String, String) {
        let problems = edit::apply(ds, &change).unwrap_err();
        (problems[0].field.to_owned(), problems[0].message.clone())
    };
    let (field, message) = refuse(
        &mut ds,
        Change::Event {
            index: None,
            form: form("x", "A call", "2024-13-40"),
        },
    );
    assert_eq!(field, "date");
    assert!(message.contains("not a real calendar date"), "{message}");

    let mut ends_early = form("x", "A call", "2024-11-07");
    ends_early.end = "2024-11-01".to_owned();
    let (field, message) = refuse(
        &mut ds,
        Change::Event {
            index: None,
            form: ends_early,
        },
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        (
            "end",
            "the event ends (1 Nov 2024) before it starts (7 Nov 2024)"
        )
    );

    let (field, message) = refuse(
        &mut ds,
        Change::Event {
            index: None,
            form: form("reported-call-2024-11-07", "A call", "2024-11-07"),
        },
    );
    assert_eq!(field, "id");
    assert!(message.starts_with("duplicate event id"), "{message}");

    let (field, _) = refuse(
        &mut ds,
        Change::Event {
            index: None,
            form: form("", "A call", "2024-11-07"),
        },
    );
    assert_eq!(field, "id", "an empty id");

    let (field, message) = refuse(
        &mut ds,
        Change::Event {
            index: Some(0),
            form: form("y", "   ", "2024-11-07"),
        },
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("title", "the event's title is empty")
    );

    let mut unknown = form("z", "A call", "2024");
    unknown.participants = vec!["nobody".to_owned()];
    let (field, message) = refuse(
        &mut ds,
        Change::Event {
            index: None,
            form: unknown,
        },
    );
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("participants", "unknown actor \"nobody\"")
    );

    let mut to_itself = RelationForm::new(&ds, "kremlin-denies-call", "kremlin-denies-call");
    to_itself.question = "Q?".to_owned();
    let (field, message) = refuse(&mut ds, Change::AddRelation(to_itself));
    assert_eq!(field, "to");
    assert!(message.contains("to itself"), "{message}");
    let no_question = RelationForm::new(&ds, "kremlin-denies-call", "reported-call-2024-11-07");
    let (field, _) = refuse(&mut ds, Change::AddRelation(no_question));
    assert_eq!(field, "question");

    let quote = QuoteForm {
        source: "no-such-source".to_owned(),
        speaker: SpeakerChoice::Outlet,
        text: "words".to_owned(),
        said: String::new(),
        position: None,
    };
    let (field, message) = refuse(&mut ds, Change::AddQuote { event: 0, quote });
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("source", "unknown source \"no-such-source\"")
    );
    let now = text(&ds);
    if now != before {
        let d = now.lines().zip(before.lines()).find(|(a, b)| a != b);
        panic!("half-applied: {d:?}");
    }
}

#[test]
fn deleting_an_event_takes_its_relations_and_undo_brings_both_back_in_place() {
    let mut ds = builtin();
    let before = text(&ds);
    let e = ds.event_index_by_name("kremlin-denies-call").unwrap();
    let relations = ds.relations_of(e).count();
    assert!(relations >= 2);
    let total = ds.relations.len();
    let edit = edit::apply(&mut ds, &Change::DeleteEvent(e)).unwrap();
    assert!(ds.event_index_by_name("kremlin-denies-call").is_none());
    assert_eq!(ds.relations.len(), total - relations);
    assert!(
        ds.relations
            .iter()
            .all(|r| ds.str(r.from) != "kremlin-denies-call"
                && ds.str(r.to) != "kremlin-denies-call")
    );
    assert_eq!(reloaded(&ds), text(&ds), "still a valid dataset");
    edit::undo(&mut ds, &edit);
    assert_eq!(text(&ds), before);
    assert_eq!(ds.relations_of(e).count(), relations, "lookups rebuilt");
}

#[test]
fn a_dataset_built_from_nothing_passes_the_strict_check() {
    let mut ds = claimline::model::builder::DatasetBuilder::new("My story", "")
        .unwrap()
        .finish();
    let changes = [
        Change::AddActor(edit::forms::ActorForm {
            id: "a".into(),
            name: "Ann".into(),
            role: String::new(),
        }),
        Change::Source {
            index: None,
            form: SourceForm {
                id: "s".into(),
                outlet: "The Paper".into(),
                published: "2024-11-11".into(),
                document: "s.txt".into(),
                ..SourceForm::default()
            },
        },
        Change::Event {
            index: None,
            form: EventForm {
                participants: vec!["a".into()],
                ..form("one", "First", "2024-11-07")
            },
        },
        Change::Event {
            index: None,
            form: EventForm {
                participants: vec![],
                ..form("two", "Second", "2024-11")
            },
        },
        Change::AddQuote {
            event: 0,
            quote: QuoteForm {
                source: "s".into(),
                speaker: SpeakerChoice::Actor("a".into()),
                text: "We spoke.".into(),
                said: String::new(),
                position: Some(claimline::corpus::TextSpan {
                    start: 10,
                    end: 19,
                    prefix: "He said: ".into(),
                    suffix: " Then".into(),
                }),
            },
        },
        Change::AddQuote {
            event: 1,
            quote: QuoteForm {
                source: "s".into(),
                speaker: SpeakerChoice::Other("an official".into()),
                text: "They did not.".into(),
                said: "2024-11-10".into(),
                position: None,
            },
        },
        Change::AddRelation(RelationForm {
            kind: RelationKind::Denies,
            question: "Did they speak?".into(),
            ..RelationForm::new(&ds, "two", "one")
        }),
    ];
    for change in &changes {
        edit::apply(&mut ds, change).unwrap_or_else(|p| panic!("{change:?}: {p:?}"));
    }
    let saved = canonical(&ds, &Comments::default());
    let strict = load::load_bytes(
        saved.as_bytes(),
        Path::new("s.ron"),
        LoadOptions::strict(true),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}\n{saved}"));
    assert_eq!(strict.dataset.counts().quotes, 2);
    assert_eq!(strict.dataset.counts().relations, 1);
    assert!(saved.contains("speaker: Actor(\"a\")"), "{saved}");
}

#[test]
fn more_than_a_hundred_edits_undo_back_to_the_start() {
    let mut ds = builtin();
    let start = text(&ds);
    let mut history = History::new();
    for i in 0..150 {
        history.push(add(&mut ds, &format!("e{i}"), "2025"));
        if i % 3 == 0 {
            let e = ds.event_index_by_name(&format!("e{i}")).unwrap();
            let mut f = EventForm::of(&ds, e).unwrap();
            f.title = format!("Renamed {i}");
            f.id = format!("renamed-{i}");
            history.push(
                edit::apply(
                    &mut ds,
                    &Change::Event {
                        index: Some(e),
                        form: f,
                    },
                )
                .unwrap(),
            );
        }
    }
    assert!(history.is_dirty());
    let end = text(&ds);
    assert!(history.undo_depth() >= 150 && history.undo_depth() <= UNDO_LIMIT);
    while let Some(e) = history.undo() {
        let e = e.clone();
        edit::undo(&mut ds, &e);
    }
    assert_eq!(text(&ds), start);
    assert!(!history.is_dirty(), "back at the saved state");
    while let Some(e) = history.redo() {
        let e = e.clone();
        edit::redo(&mut ds, &e);
    }
    assert_eq!(text(&ds), end);
    assert!(ds.event_index_by_name("renamed-3").is_some());
    assert!(ds.event_index_by_name("e3").is_none());
}

#[test]
fn a_typed_quote_is_checked_against_the_text_and_the_closest_passage_shown() {
    let article = "The Kremlin said on Monday that there was no conversation between the two.";
    assert!(find_in_text("there was no conversation", article).is_ok());
    assert!(find_in_text("The Kremlin said ... between the two.", article).is_ok());
    let miss = find_in_text("there was no phone call", article).unwrap_err();
    assert!(miss.closest.starts_with("there was no "), "{miss:?}");
    assert!(miss.closest.contains("conversation"), "{miss:?}");
}

/// Every event is found at its position by its id, and a removed id is not found.
fn assert_lookups(ds: &Dataset, gone: &[String]) {
    for (i, e) in ds.events.iter().enumerate() {
        let id = ds.str(e.id);
        assert_eq!(ds.event_index_by_name(id), Some(i as u32), "{id}");
        let relations = ds.relations_of(i as u32).count();
        let expected = ds
            .relations
            .iter()
            .filter(|r| ds.str(r.from) == id || ds.str(r.to) == id)
            .count();
        assert_eq!(relations, expected, "relations of {id}");
    }
    for r in &ds.relations {
        assert!(
            ds.event_index_by_name(ds.str(r.from)).is_some()
                && ds.event_index_by_name(ds.str(r.to)).is_some(),
            "relation {} names events that exist",
            ds.str(r.id)
        );
    }
    for id in gone {
        if ds.events.iter().all(|e| ds.str(e.id) != id) {
            assert_eq!(ds.event_index_by_name(id), None, "{id} is gone");
        }
    }
}

fn numbered(n: usize) -> Dataset {
    let mut b = claimline::model::builder::DatasetBuilder::new("Numbered", "").unwrap();
    b.actor("trump", "Trump", "").unwrap();
    b.actor("putin", "Putin", "").unwrap();
    for i in 1..=n {
        let id = format!("ev-{i}");
        b.event(&claimline::model::builder::EventSpec {
            id: &id,
            title: "An event",
            kind: EventKind::Meeting,
            date: claimline::model::FuzzyDate::parse("2024-11").unwrap(),
            end: None,
            participants: &[],
            place: None,
            coordinates: None,
            status: Status::Reported,
            summary: "",
            quotes: &[],
            date_note: "",
            group: None,
            sources: &[],
        })
        .unwrap();
    }
    b.relation("r1", RelationKind::Denies, "ev-2", "ev-1", "Q?", "")
        .unwrap();
    load::load_built(
        b.finish(),
        Path::new("numbered"),
        LoadOptions::strict(false),
    )
    .unwrap()
    .dataset
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// The id lookups follow adds, deletes, renames and their undoing without being
    /// built again, on a dataset of any ids (hashed) and of increasing ids (searched).
    #[test]
    fn lookups_follow_every_edit_and_undo(
        numbered_ids in proptest::bool::ANY,
        ops in proptest::collection::vec((0u8..6, 0usize..1000), 1..25),
    ) {
        let mut ds = if numbered_ids { numbered(30) } else { builtin() };
        let start = text(&ds);
        let mut done = Vec::new();
        let mut gone = Vec::new();
        for (k, (op, pick)) in ops.into_iter().enumerate() {
            let n = ds.events.len();
            let change = match op {
                0 => Change::Event { index: None, form: form(&format!("ev-{}", 100 + k), "Added", "2025") },
                1 if n > 1 => {
                    gone.push(ds.str(ds.events[pick % n].id).to_owned());
                    Change::DeleteEvent((pick % n) as u32)
                }
                2 if n > 0 => {
                    let e = (pick % n) as u32;
                    let mut f = EventForm::of(&ds, e).unwrap();
                    gone.push(f.id.clone());
                    f.id = format!("renamed-{k}");
                    Change::Event { index: Some(e), form: f }
                }
                3 if n > 1 => {
                    let (a, b) = (pick % n, (pick / 7 + 1 + pick % n) % n);
                    let mut f = RelationForm::new(&ds, ds.str(ds.events[a].id), ds.str(ds.events[b].id));
                    f.question = format!("Question {k}?");
                    Change::AddRelation(f)
                }
                4 if !ds.relations.is_empty() => Change::RemoveRelation(pick % ds.relations.len()),
                _ => {
                    if let Some(edit) = done.pop() {
                        edit::undo(&mut ds, &edit);
                    }
                    assert_lookups(&ds, &gone);
                    continue;
                }
            };
            if let Ok(edit) = edit::apply(&mut ds, &change) {
                done.push(edit);
            }
            assert_lookups(&ds, &gone);
        }
        while let Some(edit) = done.pop() {
            edit::undo(&mut ds, &edit);
        }
        assert_lookups(&ds, &[]);
        proptest::prop_assert_eq!(text(&ds), start);
    }
}

#[test]
fn a_quoted_sources_id_cannot_change_but_its_other_fields_can() {
    let mut ds = builtin();
    let i = ds
        .sources
        .iter()
        .position(|s| ds.str(s.id) == "tass-2024-11-11")
        .unwrap();
    let mut form = SourceForm::of(&ds, i).unwrap();
    form.id = "tass".to_owned();
    let problems = edit::apply(
        &mut ds,
        &Change::Source {
            index: Some(i),
            form,
        },
    )
    .unwrap_err();
    assert_eq!(problems[0].field, "id");
    let mut form = SourceForm::of(&ds, i).unwrap();
    form.headline = "A better headline".to_owned();
    edit::apply(
        &mut ds,
        &Change::Source {
            index: Some(i),
            form,
        },
    )
    .unwrap();
    assert_eq!(ds.str(ds.sources[i].headline), "A better headline");
    assert_eq!(reloaded(&ds), text(&ds), "still a valid dataset");
}

/// Editing a source keeps its archived copy, a half-filled copy is refused with the
/// field named, and clearing both fields removes it.
#[test]
fn a_sources_archived_copy_is_edited_like_its_other_fields() {
    let text = r#"(schema: 1, title: "t", sources: [(id: "s", outlet: "TASS", published: "2024-11-11",
        archived: (url: "https://web.archive.org/web/2024/https://tass.com/x", date: "2024-11-12"))],
        events: [(id: "e", title: "x", kind: Denial, date: "2024-11-11", status: Reported,
        quotes: [(source: "s", speaker: Outlet, text: "q")])])"#;
    let mut ds = load::load_bytes(
        text.as_bytes(),
        Path::new("a.ron"),
        Default::default(),
        None,
    )
    .unwrap()
    .dataset;
    let mut form = SourceForm::of(&ds, 0).unwrap();
    assert_eq!(form.archived_date, "2024-11-12");
    form.outlet = "TASS (Moscow)".into();
    edit::apply(
        &mut ds,
        &Change::Source {
            index: Some(0),
            form: form.clone(),
        },
    )
    .unwrap();
    let archived = ds.sources[0].archived.expect("kept");
    assert_eq!(
        ds.str(archived.url),
        "https://web.archive.org/web/2024/https://tass.com/x"
    );

    let half = SourceForm {
        archived_date: String::new(),
        ..form.clone()
    };
    let problems = edit::apply(
        &mut ds,
        &Change::Source {
            index: Some(0),
            form: half,
        },
    )
    .unwrap_err();
    assert_eq!(problems[0].field, "archived_date");
    assert!(
        ds.sources[0].archived.is_some(),
        "a refused change changes nothing"
    );

    let cleared = SourceForm {
        archived_url: String::new(),
        archived_date: String::new(),
        ..form
    };
    edit::apply(
        &mut ds,
        &Change::Source {
            index: Some(0),
            form: cleared,
        },
    )
    .unwrap();
    assert!(ds.sources[0].archived.is_none());
}
