//! The timeline follows the reader: selecting an event by any means brings it into view
//! with its neighbours distinct, a search zooms to what matches, the overview pans and
//! jumps, and compressed or linear time is a choice that persists.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use claimline::app::ClaimlineApp;
use claimline::app::command::Command;
use claimline::timeline::TimeScale;
use common::{event, harness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const CALL: &str = "reported-call-2024-11-07";

/// The day (number) of 1 January of `year`.
fn year(y: i32) -> f64 {
    f64::from(claimline::model::date::day_number(
        chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
    ))
}

/// Whether event `id` has a mark whose centre is in the plot, and its distance to the
/// nearest other mark's centre (in its lane or another).
fn on_screen(h: &Harness<'_, ClaimlineApp>, id: &str) -> Option<f32> {
    let e = event(h, id);
    let scene = &h.state().timeline().scene;
    let centre = |m: &claimline::timeline::scene::Mark| m.hit.center();
    let mine = scene
        .marks_of(e)
        .map(centre)
        .find(|c| scene.plot.contains(*c))?;
    Some(
        scene
            .marks
            .iter()
            .filter(|m| m.event != e)
            .map(|m| centre(m).distance(mine))
            .fold(f32::INFINITY, f32::min),
    )
}

/// Steps until the view has stopped moving.
fn settle_view(h: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..120 {
        h.step();
        if !h.state().timeline().is_moving() {
            break;
        }
    }
    h.run();
}

/// A view on 2017 alone, far from November 2024.
fn zoomed_into_2017() -> Harness<'static, ClaimlineApp> {
    let mut h = harness(AppOptions::default());
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, Command::ZoomTo(year(2017), year(2017) + 180.0));
    settle_view(&mut h);
    assert!(on_screen(&h, CALL).is_none(), "the call starts out of view");
    h
}

#[test]
fn clicking_an_event_in_the_list_brings_it_into_view_distinct_from_its_neighbours() {
    let mut h = zoomed_into_2017();
    let title = "Trump and Putin reportedly speak by phone about Ukraine";
    // Scroll the list (its rows are laid out only when visible) down to the call.
    let row = h
        .get_by_role_and_label(
            Role::Cell,
            "Trump takes his interpreter's notes after talking with Putin in Hamburg",
        )
        .rect()
        .center();
    for _ in 0..20 {
        if h.query_by_role_and_label(Role::Cell, title).is_some() {
            break;
        }
        h.hover_at(row);
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -60.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run();
    }
    h.get_by_role_and_label(Role::Cell, title).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Cell, title).click();
    settle_view(&mut h);
    assert_eq!(common::selected_id(&h).as_deref(), Some(CALL));
    let gap = on_screen(&h, CALL).expect("the call is in view");
    assert!(
        gap >= 6.0,
        "its marker stands apart ({gap} pt to the nearest)"
    );
    let (a, b) = h.state().visible_days().unwrap();
    assert!(b - a < 120.0, "zoomed in to read it: {} days", b - a);
}

#[test]
fn arrow_keys_and_the_select_option_follow_too() {
    let mut h = zoomed_into_2017();
    h.key_press(Key::End);
    settle_view(&mut h);
    let last = common::selected_id(&h).unwrap();
    assert!(
        on_screen(&h, &last).is_some(),
        "{last} is in view after End"
    );
    h.key_press(Key::Home);
    settle_view(&mut h);
    h.key_press(Key::ArrowRight);
    settle_view(&mut h);
    let second = common::selected_id(&h).unwrap();
    assert!(
        on_screen(&h, &second).is_some(),
        "{second} is in view after →"
    );

    let mut h = harness(AppOptions {
        select: Some(CALL.to_owned()),
        ..AppOptions::default()
    });
    settle_view(&mut h);
    assert!(
        on_screen(&h, CALL).is_some(),
        "--select brings the call into view"
    );
    assert!(
        h.state()
            .timeline()
            .scene
            .label_of(event(&h, CALL))
            .is_some_and(|l| l.whole && l.selected),
        "the selected title is shown whole"
    );
}

#[test]
fn a_search_zooms_to_what_matches_and_the_arrows_step_through_matches_only() {
    let mut h = harness(AppOptions::default());
    h.run();
    let before = h.state().visible_days().unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role(Role::TextInput).type_text("fiction");
    settle_view(&mut h);
    h.get_by_label("1 of 26 events");
    let (a, b) = h.state().visible_days().unwrap();
    assert!(
        b - a < (before.1 - before.0) / 10.0,
        "zoomed in on the match: {a}..{b}"
    );
    let only = h.state().shown_events()[0];
    let doc = h.state().document().unwrap();
    let id = doc
        .dataset
        .str(doc.dataset.events[only as usize].id)
        .to_owned();
    assert!(on_screen(&h, &id).is_some());
    // Escape the field, then step: the one match is all there is.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::ArrowRight);
    settle_view(&mut h);
    h.key_press(Key::ArrowRight);
    settle_view(&mut h);
    assert_eq!(common::selected_id(&h).as_deref(), Some(id.as_str()));
}

/// Presses at `from`, moves to `to` in steps, and releases.
fn drag(h: &mut Harness<'_, ClaimlineApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(button(from, true));
    h.run_steps(1);
    for i in 1..=5 {
        let t = i as f32 / 5.0;
        h.event(egui::Event::PointerMoved(from + (to - from) * t));
        h.run_steps(1);
    }
    h.event(button(to, false));
    h.run_steps(2);
}

#[test]
fn the_overview_window_pans_when_dragged_and_a_click_beside_it_jumps() {
    let mut h = zoomed_into_2017();
    let origin = h.state().timeline().widget_rect.unwrap().min;
    let overview = h.state().timeline().scene.overview.clone().unwrap();
    let at = |p: claimline::timeline::geom::Point| origin + egui::vec2(p.x, p.y);
    let before = h.state().visible_days().unwrap();
    let window = overview.window.center();
    let target = claimline::timeline::geom::Point::new(window.x + 80.0, window.y);
    drag(&mut h, at(window), at(target));
    let after = h.state().visible_days().unwrap();
    assert!(
        after.0 > before.0 + 30.0,
        "dragged right: {before:?} → {after:?}"
    );
    let moved = h.state().timeline().scene.overview.clone().unwrap().window;
    assert!(
        (moved.width() - overview.window.width()).abs() < 1.0,
        "panning keeps the window's size: {:?} → {moved:?}",
        overview.window
    );
    assert!(
        (moved.center().x - target.x).abs() < 3.0,
        "the window follows the pointer"
    );
    // A click near the end of the strip jumps to November 2024.
    let end = claimline::timeline::geom::Point::new(overview.rect.max.x - 30.0, window.y);
    common::click_at(&mut h, at(end));
    settle_view(&mut h);
    let (a, b) = h.state().visible_days().unwrap();
    assert!(b > year(2024), "jumped to the end: {a}..{b}");
}

#[test]
fn linear_or_compressed_time_is_a_choice_that_persists() {
    let mut h = harness(AppOptions::default());
    h.run();
    assert_eq!(h.state().persisted().time_scale, TimeScale::Compressed);
    assert!(!h.state().timeline().scene.breaks.is_empty());
    h.key_press(Key::T);
    settle_view(&mut h);
    assert_eq!(h.state().persisted().time_scale, TimeScale::Linear);
    assert!(
        h.state().timeline().scene.breaks.is_empty(),
        "no breaks in linear time"
    );
    // What is saved between sessions carries the choice.
    let saved = ron::to_string(h.state().persisted()).unwrap();
    let restored: claimline::app::state::Persisted = ron::from_str(&saved).unwrap();
    assert_eq!(restored.time_scale, TimeScale::Linear);
    // The View menu says so and switches back.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Linear time").click();
    settle_view(&mut h);
    assert_eq!(h.state().persisted().time_scale, TimeScale::Compressed);
}
