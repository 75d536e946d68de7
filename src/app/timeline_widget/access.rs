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

    // Lanes, the axis, the breaks and the overview: named, not focusable.
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

    // Events: one node each, in time order, where its first mark is.
    let mut seen = std::collections::HashSet::with_capacity(scene.marks.len());
    let mut events: Vec<(EventIdx, Rect)> = scene
        .marks
        .iter()
        .filter(|m| seen.insert(m.event))
        .map(|m| (m.event, m.hit))
        .collect();
    // Events of a table read through the engine are not in `doc`: they go in the
    // order they are drawn, named as labelled.
    let in_doc = |e: EventIdx| (e as usize) < doc.dataset.events.len();
    if events.iter().all(|(e, _)| in_doc(*e)) {
        events.sort_by_key(|(e, _)| doc.time_key(*e));
    } else {
        events.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x).then(a.0.cmp(&b.0)));
    }
    let selection_moved = selected != state.focus.last_selected;
    // Typing somewhere else since: the focus stays where the typing is.
    if ui.ctx().text_edit_focused() {
        state.focus.to_selected = false;
    }
    let had_focus = state.focus.event.is_some();
    let mut focused = None;
    for (e, hit) in events {
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
            WidgetInfo::selected(Role::Button, true, is_selected, said)
        });
        ui.ctx()
            .accesskit_node_builder(id, |node| node.add_action(Action::Click));
        if is_selected && ((selection_moved && had_focus) || state.focus.to_selected) {
            response.request_focus();
            state.focus.to_selected = false;
        }
        let has_focus = response.has_focus();
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
    state.focus.event = focused;
    state.focus.last_selected = selected;
    focused
}

/// A node that names a part of the timeline for screen readers.
fn name(ui: &Ui, rect: ERect, id: Id, role: Role, label: String) {
    let response = ui.interact(rect, id, Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(role, true, &label));
}
