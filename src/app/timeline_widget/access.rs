//! The timeline for screen readers and the keyboard alone. Every event on screen is its
//! own accessibility node, named as a sighted reader sees it (`timeline::spoken`) and
//! made in time order, so Tab and Shift+Tab walk through the events from the earliest;
//! Enter, Space or a screen reader's "click" selects the focused one, and Escape leaves.
//! The lanes, the breaks, the axis and the overview are named nodes too. The focused
//! event is drawn with a focus ring by the one painter (`timeline::paint::focus_ring`).

use egui::accesskit::{Action, Role};
use egui::{Id, Key, Rect as ERect, Sense, Ui, WidgetInfo};

use super::TimelineState;
use crate::app::command::Command;
use crate::model::EventIdx;
use crate::timeline::geom::Rect;
use crate::timeline::{Document, spoken};

/// Up to this many filtered events, those off screen have accessibility nodes too.
const OFF_SCREEN_NODES: usize = 2_000;

/// Keyboard focus in the timeline, between frames.
#[derive(Clone, Copy, Debug, Default)]
pub struct Focus {
    /// The event whose node had the focus on the last frame.
    pub event: Option<EventIdx>,
    /// The selection on the last frame: when it changes while an event has the focus
    /// (←/→, Home, End), the focus follows it.
    last_selected: Option<EventIdx>,
    /// The selected event takes the focus as soon as it is drawn (after *Go to*: the
    /// reader goes where the button said, and hears where they are).
    pub to_selected: bool,
}

/// Makes the accessibility nodes of the scene on screen, handles Enter on the focused
/// event, and returns the event that has the keyboard focus.
pub fn nodes(
    ui: &Ui,
    rect: ERect,
    doc: &Document,
    selected: Option<EventIdx>,
    order: &[EventIdx],
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) -> Option<EventIdx> {
    let origin = rect.min.to_vec2();
    let on_screen = |r: Rect| {
        let r = r.intersect(&state.scene.plot);
        ERect::from_min_max(egui::pos2(r.min.x, r.min.y), egui::pos2(r.max.x, r.max.y))
            .translate(origin)
    };
    let base = Id::unique("timeline nodes");
    let scene = &state.scene;
    if scene.message.is_some() {
        return None;
    }

    name_parts(ui, scene, base, &on_screen, origin);

    // Events: one node each, in time order, where its first mark is. Events of the
    // filtered dataset off screen get a node too, at the edge of the plot on their side,
    // so the whole story is reachable by Tab and by a screen reader's list of items;
    // focusing one brings it into view. (Past `OFF_SCREEN_NODES` events the list, which
    // scrolls to what has the focus, is the way to every event.)
    let events = event_places(scene, doc, order);
    let in_doc = |e: EventIdx| (e as usize) < doc.dataset.events.len();
    let selection_moved = selected != state.focus.last_selected;
    // Typing somewhere else since: the focus stays where the typing is.
    if ui.ctx().text_edit_focused() {
        state.focus.to_selected = false;
    }
    let had_focus = state.focus.event.is_some();
    let mut focused = None;
    let mut reveal = None;
    for (e, hit, drawn) in events {
        let id = base.with(("event", e));
        let response = ui.interact(on_screen(hit), id, Sense::focusable_noninteractive());
        let is_selected = selected == Some(e);
        response.widget_info(|| {
            let said = if in_doc(e) {
                spoken::event(doc, e)
            } else {
                scene
                    .labels
                    .iter()
                    .find(|l| l.event == e)
                    .map_or_else(|| format!("Event {e} of the table"), |l| l.text.clone())
            };
            WidgetInfo::labeled(Role::ListItem, true, said)
        });
        ui.ctx().accesskit_node_builder(id, |node| {
            // An item that can be selected, as in a list: a screen reader says
            // "selected" for the selected one, not "toggle button not pressed".
            node.add_action(Action::Click);
            node.set_selected(is_selected);
        });
        if is_selected && ((selection_moved && had_focus) || state.focus.to_selected) {
            response.request_focus();
            state.focus.to_selected = false;
        }
        let has_focus = response.has_focus();
        if has_focus {
            // The arrows are the timeline's (←/→ step through time): egui would also move
            // the focus to whatever widget lies that way, and a screen reader would say it.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
        }
        if has_focus && !drawn && response.gained_focus() {
            reveal = Some(e);
        }
        let activated = ui.input(|i| {
            i.has_accesskit_action_request(id, Action::Click)
                || (has_focus && (i.key_pressed(Key::Enter) || i.key_pressed(Key::Space)))
        });
        if activated && !is_selected {
            commands.push(Command::Select(Some(e)));
        }
        if has_focus {
            focused = Some(e);
        }
    }
    if let Some(e) = reveal {
        state.request(super::ViewRequest::Reveal(e), true);
    }
    state.focus.event = focused;
    state.focus.last_selected = selected;
    focused
}

/// Names the lanes, the breaks, the axis and the overview for screen readers: named, not
/// focusable.
fn name_parts(
    ui: &Ui,
    scene: &crate::timeline::scene::Scene,
    base: Id,
    on_screen: &dyn Fn(Rect) -> ERect,
    origin: egui::Vec2,
) {
    for (i, row) in scene.lanes.iter().enumerate() {
        if !row.band.overlaps(&scene.plot) {
            continue;
        }
        let shown = {
            let mut events: Vec<EventIdx> = scene
                .marks
                .iter()
                .filter(|m| m.lane == i)
                .map(|m| m.event)
                .collect();
            events.sort_unstable();
            events.dedup();
            events.len()
        };
        let label = spoken::lane(row, shown);
        name(
            ui,
            on_screen(row.band),
            base.with(("lane", i)),
            Role::Row,
            label,
        );
    }
    for (i, band) in scene.breaks.iter().enumerate() {
        let label = spoken::gap(band);
        name(
            ui,
            on_screen(band.rect),
            base.with(("gap", i)),
            Role::Splitter,
            label,
        );
    }
    let axis = ERect::from_min_size(
        egui::pos2(scene.plot.min.x, scene.plot.max.y),
        egui::vec2(scene.plot.width(), crate::timeline::scene::AXIS_HEIGHT),
    )
    .translate(origin);
    name(
        ui,
        axis,
        base.with("axis"),
        Role::Label,
        spoken::axis(scene),
    );
    if let Some(overview) = &scene.overview {
        let r = overview.rect;
        let at = ERect::from_min_max(egui::pos2(r.min.x, r.min.y), egui::pos2(r.max.x, r.max.y))
            .translate(origin);
        name(
            ui,
            at,
            base.with("overview"),
            Role::Label,
            spoken::overview(scene),
        );
    }
}

/// Where each event's node goes, in time order: its first mark on screen, or, for an
/// event of the filtered dataset off screen, the edge of the plot on its side (with
/// `false`). Events of a table read through the engine are not in `doc`: they go in
/// the order they are drawn.
fn event_places(
    scene: &crate::timeline::scene::Scene,
    doc: &Document,
    order: &[EventIdx],
) -> Vec<(EventIdx, Rect, bool)> {
    let mut seen = std::collections::HashSet::with_capacity(scene.marks.len());
    // A mark laid out just past the plot's edge is not on screen.
    let mut events: Vec<(EventIdx, Rect, bool)> = scene
        .marks
        .iter()
        .filter(|m| m.hit.overlaps(&scene.plot) && seen.insert(m.event))
        .map(|m| (m.event, m.hit, true))
        .collect();
    // Events of a table read through the engine are not in `doc`: they go in the
    // order they are drawn, named as labelled.
    let in_doc = |e: EventIdx| (e as usize) < doc.dataset.events.len();
    if events.iter().all(|(e, _, _)| in_doc(*e)) {
        if order.len() <= OFF_SCREEN_NODES {
            let plot = scene.plot;
            let middle = (scene.days.0 + scene.days.1) / 2.0;
            for &e in order {
                if seen.contains(&e) {
                    continue;
                }
                let before = f64::from(doc.time_key(e).0) < middle;
                let x = if before { plot.min.x } else { plot.max.x - 4.0 };
                let edge = Rect::new(x, plot.min.y, x + 4.0, plot.max.y);
                events.push((e, edge, false));
            }
        }
        events.sort_by_key(|(e, _, _)| doc.time_key(*e));
    } else {
        events.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x).then(a.0.cmp(&b.0)));
    }
    events
}

/// A node that names a part of the timeline for screen readers.
fn name(ui: &Ui, rect: ERect, id: Id, role: Role, label: String) {
    let response = ui.interact(rect, id, Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(role, true, &label));
}
