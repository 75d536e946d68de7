//! The app as a screen reader and the keyboard alone reach it: everything here is found
//! through the accessibility tree, by role and label, never by coordinates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use common::{harness, selected_id};
use egui::Key;
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const CALL_SAID: &str = "7 November 2024, phone call, disputed: Trump and Putin reportedly speak by phone about Ukraine";

/// Lets a glide of the view finish.
fn settle_view(h: &mut egui_kittest::Harness<'_, claimline::app::ClaimlineApp>) {
    for _ in 0..80 {
        h.step();
        if !h.state().timeline().is_moving() {
            break;
        }
    }
    h.run();
}

#[test]
fn a_screen_reader_finds_an_event_reads_its_quote_follows_the_denial_and_reads_the_dispute() {
    let mut h = harness(AppOptions::default());
    h.run();
    // Every event of the opening view is a button named as a sighted reader sees it:
    // its date, kind and status, then its title.
    let doc = h.state().document().unwrap();
    let said: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    for event in &doc.dataset.events {
        let ending = format!(
            ", {}, {}: {}",
            event.kind.label().to_lowercase(),
            event.status.label().to_lowercase(),
            doc.dataset.str(event.title)
        );
        let ending_unsourced = ending.replacen(": ", ", no quotes: ", 1);
        assert_eq!(
            said.iter()
                .filter(|l| l.ends_with(&ending) || l.ends_with(&ending_unsourced))
                .count(),
            1,
            "one node for {ending}"
        );
    }

    let call = h.get_by_role_and_label(Role::Button, CALL_SAID);
    assert_eq!(call.accesskit_node().toggled(), Some(Toggled::False));
    call.click_accesskit();
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some("reported-call-2024-11-07"));
    settle_view(&mut h);
    assert_eq!(
        h.get_by_role_and_label(Role::Button, CALL_SAID)
            .accesskit_node()
            .toggled(),
        Some(Toggled::True),
        "the node says it is selected"
    );

    // Its first quote, in the details panel's "Sources & quotes".
    h.get_by_label_contains("Sources & quotes");
    h.get_by_label_contains("that the two spoke on Thursday, with Trump advising Putin");
    // Its contradicting report, followed by its button.
    let jump = "Go to: Kremlin denies the reported call: \"There was no conversation\"";
    h.get_by_role_and_label(Role::Button, jump)
        .click_accesskit();
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some("kremlin-denies-call"));
    settle_view(&mut h);
    assert!(
        h.query_all_by_role(Role::Button)
            .any(|n| n
                .accesskit_node()
                .label()
                .is_some_and(|l| l.contains(", denial, ")
                    && l.contains(": Kremlin denies the reported call"))
                && n.accesskit_node().toggled() == Some(Toggled::True)),
        "the denial's node is the selected one"
    );
    // The focus went with it: a screen reader says where the reader is now.
    let focused: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter(|n| n.is_focused())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        focused.len() == 1 && focused[0].contains(": Kremlin denies the reported call"),
        "after Go to, the focus is on the event gone to: {focused:?}"
    );

    // The Disputes tab: the question with both its sides.
    h.get_by_role_and_label(Role::Button, "Disputes")
        .click_accesskit();
    h.run();
    h.get_by_label("Did Trump and Putin speak by phone on 7 November 2024?");
    assert!(h.query_all_by_label("Claim").count() >= 1);
    assert!(h.query_all_by_label("Counter-claim").count() >= 1);
    // Both sides of the call's question: the report and the Kremlin's denial (also in
    // the event list, hence at least once more), and who won't say.
    for side in [
        "Trump and Putin reportedly speak by phone about Ukraine",
        "Kremlin denies the reported call: \"There was no conversation\"",
        "Trump's spokesman: \"We do not comment on private calls\"",
    ] {
        assert!(
            h.query_all_by_role_and_label(Role::Button, side).count() >= 2,
            "{side}"
        );
    }
    assert!(h.query_all_by_label("Won't say").count() >= 1);
    // Each question is a heading; its copy button says which question it copies.
    h.get_by_role_and_label(
        Role::Heading,
        "Did Trump and Putin speak by phone on 7 November 2024?",
    );
    h.get_by_role_and_label(
        Role::Button,
        "Copy as Markdown: Did Trump and Putin speak by phone on 7 November 2024?",
    );
    // `D` from the timeline lands on the first question, where a screen reader says it.
    h.get_by_role_and_label(Role::Button, "Details")
        .click_accesskit();
    h.run();
    h.key_press(Key::D);
    h.run();
    h.run();
    let focused: Vec<String> = h
        .query_all_by_role(Role::Heading)
        .filter(|n| n.is_focused())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let first = h.state().document().unwrap().disputes[0].question.clone();
    assert_eq!(
        focused,
        [first],
        "after D the focus is on the first question"
    );
}

#[test]
fn lanes_breaks_the_axis_and_the_overview_are_named() {
    let mut h = harness(AppOptions::default());
    h.run();
    h.get_by_label_contains("Lane Phone call: ");
    h.get_by_label_contains("Time axis: ");
    h.get_by_label_contains("Overview of every event; the view shows ");
    let gaps: Vec<String> = h
        .query_all_by_label_contains("Gap with no event: ")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        gaps.iter()
            .any(|g| g == "Gap with no event: January 2021 to October 2024"),
        "the long quiet stretch before the 2024 calls is named as README says: {gaps:?}"
    );
    h.get_by_label("Lane Denial: 4 events shown");
    // The window is named after its dataset; the search box by its purpose, not by the
    // magnifying glass beside it.
    assert_eq!(
        h.root().accesskit_node().label().as_deref(),
        Some("Built-in dataset — Claimline")
    );
    let search = h.get_by_label("Search events");
    assert_eq!(search.accesskit_node().role(), Role::TextInput);
}

#[test]
fn tab_walks_the_events_in_time_order_enter_selects_and_escape_leaves() {
    let mut h = harness(AppOptions::default());
    h.run();
    let order = h.state().document().unwrap().order.clone();
    // Tab until the focus reaches the timeline's first event.
    let mut steps = 0;
    while h.state().timeline().focused().is_none() {
        h.key_press(Key::Tab);
        h.run();
        steps += 1;
        assert!(steps < 400, "Tab never reached the timeline");
    }
    // One stop per control: the menus, the toolbar, the side panel, one per row of the
    // event list (its title), then the timeline — not one per table cell.
    assert!(steps <= 40, "{steps} Tab presses to reach the timeline");
    assert_eq!(
        h.state().timeline().focused(),
        Some(order[0]),
        "the earliest first"
    );
    for &next in &order[1..4] {
        h.key_press(Key::Tab);
        h.run();
        assert_eq!(
            h.state().timeline().focused(),
            Some(next),
            "then in time order"
        );
    }
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        h.state().timeline().focused(),
        Some(order[2]),
        "Shift+Tab goes back"
    );
    assert_eq!(h.state().selected(), None, "focus alone selects nothing");
    let focused: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter(|n| n.is_focused())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let doc = h.state().document().unwrap();
    let title = doc
        .dataset
        .str(doc.dataset.events[order[2] as usize].title)
        .to_owned();
    assert!(
        focused.len() == 1 && focused[0].ends_with(&title),
        "the screen reader is told which event has the focus: {focused:?}"
    );

    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().selected(),
        Some(order[2]),
        "Enter selects the focused event"
    );
    settle_view(&mut h);
    // → moves the selection, and the focus follows it.
    h.key_press(Key::ArrowRight);
    h.run();
    settle_view(&mut h);
    assert_eq!(h.state().selected(), Some(order[3]));
    assert_eq!(
        h.state().timeline().focused(),
        Some(order[3]),
        "focus follows"
    );

    // With a menu open, Escape closes the menu and keeps the selection.
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.query_by_label_contains("New dataset").is_some(),
        "the File menu is open"
    );
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("New dataset").is_none(),
        "Escape closed the menu"
    );
    assert_eq!(
        h.state().selected(),
        Some(order[3]),
        "and kept the selection"
    );

    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().timeline().focused(),
        None,
        "Escape leaves the timeline"
    );
}
