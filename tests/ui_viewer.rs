//! The timeline viewer as a user drives it: the real app in a kittest harness, found by
//! label and role, clicked and typed into.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use claimline::model::EventKind;
use common::{click_at, event, harness, selected_id};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

const CALL: &str = "reported-call-2024-11-07";

#[test]
fn on_start_the_plot_and_the_list_show_every_default_event() {
    let mut h = harness(AppOptions::default());
    h.run();
    let app = h.state();
    let doc = app.document().expect("the built-in dataset is shown");
    let total = doc.dataset.events.len();
    assert_eq!(app.shown_events().len(), total);
    let mut drawn: Vec<u32> = app.timeline().drawn().iter().map(|(e, _)| *e).collect();
    drawn.sort_unstable();
    drawn.dedup();
    assert_eq!(
        drawn.len(),
        total,
        "every event has a marker or bar on the timeline"
    );
    assert_eq!(
        app.timeline().density_columns(),
        0,
        "26 events need no density strip"
    );
    h.get_by_label(&format!("{total} events"));
    h.get_by_role(Role::Canvas);
    // The list starts with the earliest event and holds the latest (End scrolls to it).
    let first_title = doc
        .dataset
        .str(doc.dataset.events[doc.order[0] as usize].title)
        .to_owned();
    let last = *doc.order.last().unwrap();
    let last_title = doc
        .dataset
        .str(doc.dataset.events[last as usize].title)
        .to_owned();
    h.get_by_role_and_label(Role::Cell, &first_title);
    h.key_press(Key::End);
    h.run();
    h.get_by_role_and_label(Role::Cell, &last_title);
}

#[test]
fn clicking_the_reported_call_shows_its_details_quotes_and_the_kremlin_denial() {
    let mut h = harness(AppOptions::default());
    h.run();
    let call = event(&h, CALL);
    let rect = h
        .state()
        .timeline()
        .drawn()
        .iter()
        .find(|(e, _)| *e == call)
        .map(|(_, r)| *r)
        .expect("the call is drawn");
    click_at(&mut h, rect.center());
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some(CALL));

    // Details: its id, its exact day, and how that day was derived.
    h.get_by_label(CALL);
    h.get_by_label_contains("the week before Monday 11 November 2024");
    // Sources & quotes: the Washington Post report as AP printed it.
    h.get_by_role_and_label(
        Role::Paragraph,
        "Quote 1 of 4, the outlet's own reporting: “The Washington Post first reported on Sunday, citing anonymous sources, that the two spoke on Thursday, with Trump advising Putin not to escalate the war in Ukraine and citing the sizable U.S. military presence in Europe.”",
    );
    assert!(
        h.query_all_by_label_contains("Los Angeles Times (Associated Press)")
            .count()
            >= 1
    );
    // Contradicting reports: the Kremlin's denial, quoted.
    h.get_by_label("Denied by ←");
    // The relations ask the same question: the Kremlin denies, Peskov's denial of any
    // contact after the election contradicts it, Trump's side won't confirm.
    assert_eq!(
        h.query_all_by_label("Did Trump and Putin speak by phone on 7 November 2024?")
            .count(),
        3
    );
    h.get_by_label("Not confirmed by ←");
    h.get_by_label("“There was no conversation,”");
}

#[test]
fn the_jump_button_selects_the_denial() {
    let mut h = harness(AppOptions {
        select: Some(CALL.to_owned()),
        ..AppOptions::default()
    });
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some(CALL));
    let jump = "Go to: Kremlin denies the reported call: \"There was no conversation\"";
    h.get_by_role_and_label(Role::Button, jump).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, jump).click();
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some("kremlin-denies-call"));
    // From the denial, the way back leads to the call.
    h.get_by_label("This event denies →");
    h.get_by_role_and_label(
        Role::Button,
        "Go to: Trump and Putin reportedly speak by phone about Ukraine",
    );
}

#[test]
fn a_kind_filter_hides_those_events_from_plot_and_list() {
    let mut h = harness(AppOptions::default());
    h.run();
    let total = h.state().shown_events().len();
    h.get_by_label_contains("Kind 9/9").click();
    h.run();
    h.get_by_label("Denial (4)").click();
    h.run();
    let app = h.state();
    let doc = app.document().unwrap();
    assert_eq!(app.shown_events().len(), total - 4);
    assert!(
        app.shown_events()
            .iter()
            .all(|&e| doc.dataset.events[e as usize].kind != EventKind::Denial)
    );
    assert!(
        app.timeline()
            .drawn()
            .iter()
            .all(|(e, _)| doc.dataset.events[*e as usize].kind != EventKind::Denial),
        "denials left the plot"
    );
    h.get_by_label(&format!("{} of {total} events", total - 4));
}

#[test]
fn searching_a_word_found_only_in_a_quote_finds_its_event() {
    let mut h = harness(AppOptions::default());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("NONSENSE".to_owned()));
    h.run();
    let app = h.state();
    let doc = app.document().unwrap();
    let shown: Vec<&str> = app
        .shown_events()
        .iter()
        .map(|&e| doc.dataset.str(doc.dataset.events[e as usize].id))
        .collect();
    assert_eq!(shown, ["putin-offers-recording"]);
    h.get_by_label("1 of 26 events");
}

#[test]
fn arrow_keys_walk_the_events_in_time_order() {
    let mut h = harness(AppOptions::default());
    h.run();
    let order = h.state().document().unwrap().order.clone();
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().selected(), Some(order[0]));
    for &expected in &order[1..] {
        h.key_press(Key::ArrowRight);
        h.run();
        assert_eq!(h.state().selected(), Some(expected));
    }
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().selected(),
        order.last().copied(),
        "stays on the last event"
    );
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().selected(), Some(order[order.len() - 2]));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn selecting_by_keyboard_keeps_the_event_in_view() {
    let mut h = harness(AppOptions::default());
    h.run();
    // Zoom far in on the start, then jump to the last event: the view follows.
    h.key_press(Key::Home);
    h.run();
    for _ in 0..6 {
        h.key_press(Key::Plus);
        h.run();
    }
    h.key_press(Key::End);
    h.run();
    let app = h.state();
    let last = app.selected().unwrap();
    assert!(
        app.timeline().drawn().iter().any(|(e, _)| *e == last),
        "the selected event is on screen"
    );
}

#[test]
fn lanes_switch_to_actors() {
    let mut h = harness(AppOptions::default());
    h.run();
    h.get_by_label("Lanes").click();
    h.run();
    h.get_by_label("By actor").click();
    h.run();
    assert_eq!(
        h.state().persisted().lane_mode,
        claimline::timeline::LaneMode::Actor
    );
    // A call between two actors appears in both their lanes.
    let call = event(&h, CALL);
    let places = h
        .state()
        .timeline()
        .drawn()
        .iter()
        .filter(|(e, _)| *e == call)
        .count();
    assert_eq!(places, 2);
}
