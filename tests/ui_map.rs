//! The map panel as a user drives it: the real app in a kittest harness. `M` shows the
//! map of the built-in dataset's places; a click on a marker selects the event on the
//! timeline too; a selection on the timeline rings its marker; Shift+drag draws a box
//! that filters the timeline to those places, cleared from the toolbar; the map follows
//! the timeline's days.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use claimline::app::command::{Command, Part};
use claimline::model::FuzzyDate;
use common::{click_at, event, harness, selected_id};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn with_map() -> egui_kittest::Harness<'static, claimline::app::ClaimlineApp> {
    let mut h = harness(AppOptions::default());
    h.run();
    assert!(
        !h.state().persisted().shows(Part::Map),
        "the map starts hidden"
    );
    h.key_press(Key::M);
    h.run();
    assert!(h.state().persisted().shows(Part::Map), "M shows the map");
    h
}

fn mark_of(h: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>, id: &str) -> egui::Pos2 {
    let e = event(h, id);
    let map = h.state().map();
    let mark = map
        .scene
        .marks
        .iter()
        .find(|m| m.event == e)
        .unwrap_or_else(|| panic!("{id} has no marker on the map"));
    map.on_screen(mark.centre).unwrap()
}

#[test]
fn m_shows_the_built_in_places_framed_and_counted() {
    let h = with_map();
    let scene = &h.state().map().scene;
    let mut ids: Vec<String> = scene.marks.iter().map(|m| m.id.clone()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "hamburg-2017-interpreter-notes",
            "helsinki-summit-2018",
            "lavrov-indecent",
            "putin-congratulates-trump-sochi",
            "putin-offers-recording",
            "trump-wont-confirm-oct-2024",
        ]
    );
    assert_eq!(
        scene.caption,
        "6 events at their places · 20 events have no place"
    );
    // Framed: every marker inside the map, and the basemap drawn under them.
    for m in &scene.marks {
        assert!(scene.rect.contains(m.centre), "{} is outside the map", m.id);
    }
    assert!(scene.lines.len() > 50, "coasts and borders are drawn");
    // The two events in Sochi are both visible: the second is set beside the place.
    let sochi: Vec<_> = scene
        .marks
        .iter()
        .filter(|m| m.id.contains("sochi") || m.id == "putin-offers-recording")
        .collect();
    assert_eq!(sochi.len(), 2);
    assert!(
        sochi[0].centre.distance(sochi[1].centre) > 8.0,
        "the Sochi markers overlap"
    );
}

#[test]
fn a_click_on_a_marker_selects_on_the_map_and_the_timeline() {
    let mut h = with_map();
    let at = mark_of(&h, "helsinki-summit-2018");
    click_at(&mut h, at);
    h.run();
    assert_eq!(selected_id(&h).as_deref(), Some("helsinki-summit-2018"));
    let e = event(&h, "helsinki-summit-2018");
    assert!(
        h.state().timeline().drawn().iter().any(|(d, _)| *d == e),
        "the timeline shows the event selected on the map"
    );
    let scene = &h.state().map().scene;
    assert!(
        scene.marks.iter().any(|m| m.event == e && m.selected),
        "the map rings it"
    );
    // Selecting on the timeline (the first event in time) rings that one instead.
    h.key_press(Key::Home);
    h.run();
    let first = selected_id(&h).unwrap();
    let scene = &h.state().map().scene;
    for m in &scene.marks {
        assert_eq!(m.selected, m.id == first, "{} ringed wrongly", m.id);
    }
}

#[test]
fn a_box_drawn_with_shift_filters_the_timeline_to_its_places_and_clears() {
    let mut h = with_map();
    // A box from west of Hamburg to east of Sochi, south of it to north of Helsinki.
    let map = h.state().map();
    let scene = &map.scene;
    let pos = |id: &str| {
        let m = scene.marks.iter().find(|m| m.id == id).unwrap();
        m.centre
    };
    let (hamburg, helsinki, sochi) = (
        pos("hamburg-2017-interpreter-notes"),
        pos("helsinki-summit-2018"),
        pos("putin-congratulates-trump-sochi"),
    );
    let from = claimline::timeline::geom::Point::new(hamburg.x - 20.0, helsinki.y - 20.0);
    let to = claimline::timeline::geom::Point::new(sochi.x + 30.0, sochi.y + 30.0);
    let (from, to) = (map.on_screen(from).unwrap(), map.on_screen(to).unwrap());
    h.hover_at(from);
    h.run_steps(1);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::SHIFT,
    };
    h.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(button(from, true));
    h.run_steps(1);
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.event(egui::Event::PointerMoved(from + (to - from) * t));
        h.run_steps(1);
    }
    h.event(button(to, false));
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let area = h
        .state()
        .filter()
        .place
        .expect("the box became the place filter");
    let doc = h.state().document().unwrap();
    let mut shown: Vec<String> = h
        .state()
        .shown_events()
        .iter()
        .map(|&e| {
            doc.dataset
                .str(doc.dataset.events[e as usize].id)
                .to_owned()
        })
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            "hamburg-2017-interpreter-notes",
            "helsinki-summit-2018",
            "putin-congratulates-trump-sochi",
            "putin-offers-recording",
        ],
        "the timeline shows the events in {}",
        area.display()
    );
    h.get_by_label("4 of 26 events");
    // The toolbar's place filter clears it.
    h.get_by_label("Place ✖").click();
    h.run();
    assert_eq!(h.state().filter().place, None);
    assert_eq!(h.state().shown_events().len(), 26);
}

#[test]
fn the_map_follows_the_timelines_days() {
    let mut h = with_map();
    let nov = FuzzyDate::parse("2024-11").unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().execute(
        &ctx,
        Command::ZoomTo(f64::from(nov.earliest()), f64::from(nov.latest()) + 1.0),
    );
    for _ in 0..20 {
        h.run_steps(1);
    }
    h.run();
    let scene = &h.state().map().scene;
    let ids: Vec<&str> = scene.marks.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        ["putin-congratulates-trump-sochi"],
        "{}",
        scene.caption
    );
    assert!(
        scene.caption.starts_with("1 event at its place"),
        "{}",
        scene.caption
    );
}

/// A reader without a mouse reaches the map's events too: each marker is a node named as
/// the timeline names its event, with its place; giving it the focus and pressing Enter
/// selects it, and the timeline follows.
#[test]
fn each_marker_is_a_named_stop_that_enter_selects() {
    let mut h = with_map();
    h.run();
    let helsinki = event(&h, "helsinki-summit-2018");
    let node = h.get_by_label_contains("On the map at 60.17°, 24.94°: ");
    let name = node.accesskit_node().label().unwrap_or_default();
    assert!(name.contains("Helsinki"), "{name}");
    // Reached by Tab, as a keyboard user reaches it.
    let mut tabs = 0;
    while h
        .query_by(|n| {
            n.is_focused()
                && n.label()
                    .is_some_and(|l| l.starts_with("On the map at 60.17°"))
        })
        .is_none()
    {
        h.key_press(Key::Tab);
        h.run();
        tabs += 1;
        assert!(tabs < 300, "Tab never reaches Helsinki's marker");
    }
    if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
        h.render()
            .unwrap()
            .save(std::path::Path::new(&dir).join("map-marker-focus.png"))
            .unwrap();
    }
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selected(), Some(helsinki));
    assert_eq!(selected_id(&h).as_deref(), Some("helsinki-summit-2018"));
    // Six markers, six stops.
    assert_eq!(
        h.query_all_by(|n| n.label().is_some_and(|l| l.starts_with("On the map at ")))
            .count(),
        6
    );
}
