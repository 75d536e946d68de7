//! The app as a screen reader and the keyboard alone reach it: everything here is found
//! through the accessibility tree, by role and label, never by coordinates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::{AppOptions, ClaimlineApp};
use common::{harness, selected_id};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const CALL_SAID: &str = "7 November 2024, phone call, disputed: Trump and Putin reportedly speak by phone about Ukraine";

/// Lets a glide of the view finish.
fn settle_view(h: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..80 {
        h.step();
        if !h.state().timeline().is_moving() {
            break;
        }
    }
    h.run();
}

/// What a screen reader would say now: the focused node's role and name.
fn focused(h: &Harness<'_, ClaimlineApp>) -> (Role, String) {
    let nodes: Vec<_> = h
        .root()
        .children_recursive()
        .filter(|n| n.is_focused())
        .collect();
    assert_eq!(nodes.len(), 1, "one node has the focus");
    let node = nodes[0].accesskit_node();
    (node.role(), node.label().unwrap_or_default())
}

/// The names of the groups the focused node is in, innermost first.
fn focused_groups(h: &Harness<'_, ClaimlineApp>) -> Vec<String> {
    let node = h
        .root()
        .children_recursive()
        .find(|n| n.is_focused())
        .unwrap();
    let mut groups = Vec::new();
    let mut at = node.parent();
    while let Some(n) = at {
        if n.accesskit_node().role() == Role::Group {
            groups.push(n.accesskit_node().label().unwrap_or_default());
        }
        at = n.parent();
    }
    groups
}

/// The focused widget is on screen: not scrolled out of its panel.
fn assert_focus_in_view(h: &Harness<'_, ClaimlineApp>) {
    let id = h
        .ctx
        .memory(egui::Memory::focused)
        .expect("something has the focus");
    let response = h.ctx.read_response(id).unwrap();
    assert!(
        response.interact_rect.contains(response.rect.center())
            && egui::Rect::from_min_size(egui::Pos2::ZERO, common::SIZE)
                .contains(response.rect.center()),
        "{:?} has the focus at {:?}, scrolled out of view (visible part {:?})",
        focused(h),
        response.rect,
        response.interact_rect
    );
}

/// The walk README describes, by keyboard alone and through the accessibility tree:
/// find the reported call, hear its quotes, go to the Kremlin's denial, open its
/// dispute and hear both sides. Every key press is counted.
#[test]
fn a_screen_reader_user_walks_from_the_reported_call_to_both_sides_of_its_dispute() {
    let mut h = harness(AppOptions::default());
    h.run();
    let keys = std::cell::Cell::new(0);
    // Each press moves the focus once, frame by frame: a stop on the way (egui moving
    // the focus to the widget that lies that way before the app moves it where the key
    // means) would be said by a screen reader too. (Orca heard such stops on ←, which
    // this harness does not reproduce; tests/e2e_orca.rs listens to Orca itself.)
    let press = |h: &mut Harness<'_, ClaimlineApp>, key: Key| {
        let before = h.ctx.memory(egui::Memory::focused);
        h.key_press(key);
        keys.set(keys.get() + 1);
        let mut trail = Vec::new();
        for _ in 0..40 {
            h.step();
            let now = h.ctx.memory(egui::Memory::focused);
            if now != before && now.is_some() && trail.last() != Some(&now) {
                trail.push(now);
            }
        }
        settle_view(h);
        assert!(
            trail.len() <= 1,
            "{key:?} moved the focus {} times",
            trail.len()
        );
        assert_focus_in_view(h);
        focused(h)
    };

    // End: the latest event, with the focus on it.
    let (role, said) = press(&mut h, Key::End);
    assert_eq!(role, Role::ListItem);
    assert!(
        said.starts_with("11 November 2024, statement, on the record: "),
        "{said}"
    );
    // ← back through time to the reported call; each step is said.
    let mut heard = vec![said];
    while !heard
        .last()
        .unwrap()
        .contains("phone call, disputed: Trump and Putin reportedly")
    {
        assert!(heard.len() < 10, "← never reached the call: {heard:#?}");
        heard.push(press(&mut h, Key::ArrowLeft).1);
    }
    let call = heard.last().unwrap().clone();
    assert_eq!(selected_id(&h).as_deref(), Some("reported-call-2024-11-07"));
    // The call's name says who contradicts it, and the denial does not sound like a
    // confirmation.
    assert!(
        call.starts_with(CALL_SAID)
            && call.contains(". Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 November 2024."),
        "{call}"
    );
    assert!(
        heard
            .iter()
            .any(|h| h.contains(", denial, on the record: "))
            && !heard.iter().any(|h| h.contains("denial, confirmed")),
        "{heard:#?}"
    );

    // Q: its quotes, one after another, with who said them; Tab goes on to the sources
    // and then to the reports that contradict it.
    let (role, said) = press(&mut h, Key::Q);
    assert_eq!(role, Role::Paragraph);
    assert!(
        said.starts_with("Quote 1 of 4, the outlet's own reporting: ")
            && said.contains("that the two spoke on Thursday, with Trump advising Putin"),
        "{said}"
    );
    let mut quotes = vec![said];
    let denial = loop {
        let (role, said) = press(&mut h, Key::Tab);
        assert!(keys.get() < 30, "Tab never reached the denial");
        if role == Role::Paragraph {
            quotes.push(said);
        } else if role == Role::Group && said.starts_with("Denied by: ") {
            break said;
        }
    };
    assert_eq!(quotes.len(), 4, "every quote heard: {quotes:#?}");
    assert!(
        denial.starts_with("Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 Nov 2024, on the record. The question: Did Trump and Putin speak by phone on 7 November 2024? TASS said: “Western media claims of an alleged phone call"),
        "{denial}"
    );
    // Its Go to button, then Enter: the denial is selected, with the focus on it.
    let (role, said) = press(&mut h, Key::Tab);
    assert_eq!(
        (role, said.as_str()),
        (
            Role::Button,
            "Go to: Kremlin denies the reported call: \"There was no conversation\""
        )
    );
    let (role, said) = press(&mut h, Key::Enter);
    assert_eq!(selected_id(&h).as_deref(), Some("kremlin-denies-call"));
    assert_eq!(role, Role::ListItem);
    assert!(
        said.starts_with(
            "11 November 2024, denial, on the record: Kremlin denies the reported call"
        ),
        "{said}"
    );

    // D: the question in dispute, as a heading, then each side's events in named groups.
    let (role, said) = press(&mut h, Key::D);
    assert_eq!(
        (role, said.as_str()),
        (
            Role::Heading,
            "Did Trump and Putin speak by phone on 7 November 2024?"
        )
    );
    let (role, said) = press(&mut h, Key::Tab);
    assert_eq!(role, Role::Button);
    assert!(
        said.starts_with(
            "Trump and Putin reportedly speak by phone about Ukraine, 7 Nov 2024, disputed. "
        ),
        "{said}"
    );
    assert_eq!(focused_groups(&h), ["Claim: 1 event"]);
    let mut counter = Vec::new();
    for _ in 0..2 {
        let (role, said) = press(&mut h, Key::Tab);
        assert_eq!(role, Role::Button);
        assert_eq!(focused_groups(&h), ["Counter-claim: 2 events"]);
        counter.push(said);
    }
    assert!(
        counter.iter().any(|c| c.starts_with("Kremlin denies the reported call: \"There was no conversation\", 11 Nov 2024, on the record. TASS: “Western media claims")),
        "{counter:#?}"
    );
    let (_, said) = press(&mut h, Key::Tab);
    assert!(
        said.starts_with("Trump's spokesman: \"We do not comment on private calls\""),
        "{said}"
    );
    assert_eq!(focused_groups(&h), ["Won't say: 1 event"]);
    let keys = keys.get();
    println!("The walk took {keys} key presses.");
    assert!(keys <= 24, "the walk took {keys} key presses");
}

#[test]
fn a_screen_reader_hears_every_event_selects_one_and_follows_go_to() {
    let mut h = harness(AppOptions::default());
    h.run();
    // Every event of the dataset is an item named as a sighted reader sees it — its
    // date, kind and status, then its title — whether or not it is on screen.
    let events = h.state().document().unwrap().dataset.events.len();
    let said: Vec<String> = h
        .query_all_by_role(Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(said.len(), events);
    let call = h
        .query_all_by_role(Role::ListItem)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(CALL_SAID))
        })
        .unwrap();
    assert_eq!(call.accesskit_node().is_selected(), Some(false));
    call.click_accesskit();
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some("reported-call-2024-11-07"));
    settle_view(&mut h);
    // Selecting one keeps every other in the tree (11 of 26 used to drop out).
    assert_eq!(h.query_all_by_role(Role::ListItem).count(), events);
    let call = h
        .query_all_by_role(Role::ListItem)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(CALL_SAID))
        })
        .unwrap();
    assert_eq!(
        call.accesskit_node().is_selected(),
        Some(true),
        "the item says it is selected"
    );
    assert_eq!(
        call.accesskit_node().toggled(),
        None,
        "an item, not a toggle button"
    );
    // The event list is a table: a row per event, named as the timeline names it, with
    // its cells under column headers.
    let table = h.get_by_role(Role::Table);
    assert_eq!(
        table.accesskit_node().label().as_deref(),
        Some("Events: 26 rows")
    );
    let headers: Vec<String> = h
        .query_all_by_role(Role::ColumnHeader)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(
        headers,
        ["Date", "Kind", "Status", "Title", "Quotes", "Links"]
    );
    assert!(
        h.query_all_by_role(Role::Row).any(|r| r
            .accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with(CALL_SAID))
            && r.accesskit_node().is_selected() == Some(true)
            && r.children_recursive()
                .filter(|c| c.accesskit_node().role() == Role::Cell)
                .count()
                == 6),
        "the call's row, selected, with six cells"
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
    // One stop per control: the menus, the toolbar, one per row of the event list (its
    // title), the side panel, then the timeline — not one per table cell.
    assert!(steps <= 50, "{steps} Tab presses to reach the timeline");
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
        .query_all_by_role(Role::ListItem)
        .filter(|n| n.is_focused())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let doc = h.state().document().unwrap();
    let title = doc
        .dataset
        .str(doc.dataset.events[order[2] as usize].title)
        .to_owned();
    assert!(
        focused.len() == 1 && focused[0].contains(&title),
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

/// Tab walks the event list row by row, and the list scrolls with it: every event, not
/// only the rows drawn when it opened.
#[test]
fn tab_walks_every_row_of_the_event_list_and_the_list_follows() {
    let mut h = harness(AppOptions::default());
    h.run();
    let doc = h.state().document().unwrap();
    let titles: Vec<String> = doc
        .order
        .iter()
        .map(|&e| {
            doc.dataset
                .str(doc.dataset.events[e as usize].title)
                .to_owned()
        })
        .collect();
    let mut heard = Vec::new();
    for _ in 0..120 {
        h.key_press(Key::Tab);
        for _ in 0..3 {
            h.step();
        }
        h.run();
        let (role, said) = focused(&h);
        if role == Role::Cell {
            assert_focus_in_view(&h);
            heard.push(said);
        } else if !heard.is_empty() {
            break;
        }
    }
    assert_eq!(heard, titles, "every row, in time order");
}

/// Escape closes the innermost open thing first: with the shortcuts window open, the
/// window, and the selection stays; the next Escape clears the selection.
#[test]
fn escape_closes_an_open_window_before_it_clears_the_selection() {
    let mut h = harness(AppOptions {
        select: Some("reported-call-2024-11-07".to_owned()),
        ..AppOptions::default()
    });
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(
        h.query_all_by_label("Keyboard shortcuts").count() > 0,
        "F1 opened it"
    );
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_all_by_label("Keyboard shortcuts").count() == 0,
        "Escape closed the window"
    );
    assert_eq!(selected_id(&h).as_deref(), Some("reported-call-2024-11-07"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(selected_id(&h), None, "then Escape clears the selection");
}
