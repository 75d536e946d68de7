//! The map panel (View ▸ Map, `M`): where the events in the timeline's view happened.
//! It asks the timeline's data through the seam (`TimelineData::places`: the document
//! in memory at once, a table's engine on a thread), lays the map out with
//! `map::scene`, paints it with `map::paint` on the window's canvas, and turns the
//! pointer into commands: a click selects an event (or zooms into a cell of the density
//! grid), Shift+drag draws a box that becomes the place filter, a drag pans, the wheel
//! zooms, hovering names what is under the pointer.

use std::sync::Arc;

use egui::{Sense, Ui};

use super::command::Command;
use super::timeline_widget::egui_canvas::EguiCanvas;
use crate::english;
use crate::map::asking::PlacesAsker;
use crate::map::frame::{self, days_of};
use crate::map::scene::{self as map_scene, MapInput, MapScene};
use crate::map::tiles::StreetTiles;
use crate::map::view::MapView;
use crate::model::EventIdx;
use crate::timeline::geom::{Point, Rect};
use crate::timeline::seam::memory::{MemoryData, places_in};
use crate::timeline::seam::{Cancel, PlacesAnswer, PlacesQuery, TimelineData};
use crate::timeline::{Derived, Document, Filter};

/// Most events a tooltip names.
const TOOLTIP_TITLES: usize = 8;

/// From this many events passing the filters, a document's map is asked on a thread
/// (a frame would wait for the count otherwise).
const MEMORY_ON_THREAD: usize = 200_000;

/// What the pointer is dragging on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    /// The map.
    Pan,
    /// A box, from this point (in the map's points).
    Box(Point),
}

/// The map's state between frames (not between sessions).
#[derive(Default)]
pub struct MapState {
    /// Where the map looks; `None` until framed.
    view: Option<MapView>,
    /// The next answer to a whole-world question frames the map.
    fit_pending: bool,
    /// The size the map was framed for, while the user has not moved it since: a panel
    /// that changes size (its first frames) is framed again.
    fitted: Option<(f32, f32)>,
    /// The last answer and its question.
    answer: Option<(PlacesQuery, PlacesAnswer)>,
    /// Why the data did not answer, if it did not.
    failure: Option<String>,
    /// What the memory answer was computed for: the document, the filter.
    memory_key: Option<(usize, Filter, usize)>,
    /// The slow data's asker.
    asker: Option<PlacesAsker>,
    drag: Option<Drag>,
    /// What the last frame showed.
    pub scene: MapScene,
    /// Where the map was on screen in the last frame.
    pub screen_rect: Option<egui::Rect>,
    /// Street tiles drawn beneath it.
    tiles: Option<Arc<StreetTiles>>,
}

impl MapState {
    /// Where a point of the map's scene is on screen (for tests that click it).
    pub fn on_screen(&self, p: Point) -> Option<egui::Pos2> {
        self.screen_rect.map(|r| r.min + egui::vec2(p.x, p.y))
    }

    /// The last answer the map drew, and its question.
    pub fn answer(&self) -> Option<&(PlacesQuery, PlacesAnswer)> {
        self.answer.as_ref()
    }

    /// Why the data did not answer the map's last question, if it did not.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Where the map looks, once framed.
    pub fn view(&self) -> Option<MapView> {
        self.view
    }

    /// The street tiles drawn beneath the map.
    pub fn tiles(&self) -> Option<&StreetTiles> {
        self.tiles.as_deref()
    }

    /// Draws the map over `tiles` (or none) from the next frame.
    pub fn set_tiles(&mut self, tiles: Option<Arc<StreetTiles>>) {
        self.tiles = tiles;
    }

    /// Frames the map to its events on the next frame (a document was opened, or Fit).
    pub fn fit(&mut self) {
        self.view = None;
    }
}

/// What the map needs to draw.
pub struct MapPanelInput<'a> {
    /// The document (for a table behind an engine, its shell).
    pub doc: &'a Arc<Document>,
    /// What passes the filters.
    pub derived: &'a Derived,
    /// The filter as the user set it (a box drawn changes its place).
    pub filter: &'a Filter,
    /// A table's engine, when the events are not in memory.
    pub engine: Option<&'a Arc<dyn TimelineData>>,
    /// The timeline's days on screen.
    pub days: Option<(f64, f64)>,
    /// The selected event.
    pub selected: Option<EventIdx>,
}

/// Draws the map panel; returns what the user asked for.
pub fn map_ui(ui: &mut Ui, input: &MapPanelInput<'_>, state: &mut MapState) -> Vec<Command> {
    let mut commands = header_ui(ui, input, state);
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    state.screen_rect = Some(rect);
    let local = Rect::new(0.0, 0.0, rect.width(), rect.height());
    let size = (rect.width(), rect.height());
    let Some(window) = input.days else {
        return commands;
    };
    let days = days_of(window);
    if state.fitted.is_some_and(|s| s != size) {
        state.view = None;
    }
    let mut view = match state.view {
        Some(view) => view,
        None => {
            state.fit_pending = true;
            MapView::world(size)
        }
    };
    // The pointer.
    let pointer = response
        .hover_pos()
        .map(|p| Point::new(p.x - rect.min.x, p.y - rect.min.y));
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from((scroll / 200.0).exp() * zoom);
        if (factor - 1.0).abs() > 1e-4
            && let Some(at) = pointer
        {
            view.zoom_at(local, at, factor);
            state.fit_pending = false;
            state.fitted = None;
        }
    }
    if response.drag_started() {
        let shift = ui.input(|i| i.modifiers.shift);
        state.drag = Some(match (shift, pointer) {
            (true, Some(at)) => Drag::Box(at),
            _ => Drag::Pan,
        });
    }
    let mut drawing = None;
    match state.drag {
        Some(Drag::Pan) if response.dragged() => {
            let d = response.drag_delta();
            view.pan(size, d.x, d.y);
            state.fit_pending = false;
            state.fitted = None;
        }
        Some(Drag::Box(from)) => {
            if let Some(to) = pointer.or_else(|| {
                response
                    .interact_pointer_pos()
                    .map(|p| Point::new(p.x - rect.min.x, p.y - rect.min.y))
            }) {
                drawing = Some((from, to));
                if response.drag_stopped() {
                    if (from.x - to.x).abs() >= 6.0 && (from.y - to.y).abs() >= 6.0 {
                        commands.push(Command::SetFilter(Filter {
                            place: Some(view.area_between(local, from, to)),
                            ..input.filter.clone()
                        }));
                    }
                    drawing = None;
                }
            }
        }
        _ => {}
    }
    if response.drag_stopped() {
        state.drag = None;
    }
    state.view = Some(view);
    // The question: the whole world while it is to be framed, else the view.
    let query = if state.fit_pending {
        frame::whole_world(days)
    } else {
        frame::query_for(&view, local, days)
    };
    answer(ui, input, state, &query);
    if state.fit_pending
        && let Some((q, a)) = &state.answer
        && *q == query
    {
        let framed = frame::fit(a, q.cell, size);
        state.view = Some(framed);
        state.fit_pending = false;
        state.fitted = Some(size);
        ui.ctx().request_repaint();
    }
    let view = state.view.unwrap_or(view);
    let empty = PlacesAnswer::default();
    let (shown_query, shown_answer) = match &state.answer {
        Some((q, a)) => (*q, a),
        None => (query, &empty),
    };
    state.scene = map_scene::build(&MapInput {
        rect: local,
        view,
        answer: shown_answer,
        query: &shown_query,
        selected: input.selected,
        place_filter: input.filter.place,
        drawing,
        detail: map_scene::DETAIL,
        tiles: state.tiles.as_deref(),
    });
    if let Some(why) = &state.failure {
        state.scene.caption = format!("The map could not be asked: {why}");
    }
    let palette = crate::timeline::look::Palette::of(ui.visuals().dark_mode);
    // A reader hears what the map shows; its events are reached on the timeline.
    let said = format!("Map: {}", state.scene.caption);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &said));
    let mut canvas = EguiCanvas::new(ui.painter().with_clip_rect(rect), rect.min.to_vec2());
    crate::map::paint::map(&mut canvas, &state.scene, &palette);
    marker_nodes(ui, rect, input, &state.scene, &mut commands);
    commands.extend(clicks(&response, pointer, local, view, state));
    commands
}

/// Up to this many markers are Tab stops (a map of more shows cells, not markers).
const MARKER_NODES: usize = 500;

/// Each marker on the map a Tab stop for the keyboard and a screen reader, named as the
/// timeline names its event, with where it is; Enter, Space or a reader's "click"
/// selects it (and the timeline follows). The focused marker is ringed.
fn marker_nodes(
    ui: &Ui,
    rect: egui::Rect,
    input: &MapPanelInput<'_>,
    scene: &MapScene,
    commands: &mut Vec<Command>,
) {
    use egui::accesskit::Action;
    let doc = input.doc;
    let in_doc = |e: EventIdx| input.engine.is_none() && (e as usize) < doc.dataset.events.len();
    for mark in scene.marks.iter().take(MARKER_NODES) {
        let e = mark.event;
        let at = rect.min + egui::vec2(mark.centre.x, mark.centre.y);
        let hit = egui::Rect::from_center_size(at, egui::vec2(16.0, 16.0));
        if !rect.contains(at) {
            continue;
        }
        let id = egui::Id::unique("map markers").with(e);
        let response = ui.interact(hit, id, Sense::focusable_noninteractive());
        let selected = input.selected == Some(e);
        response.widget_info(|| {
            let said = if in_doc(e) {
                crate::timeline::spoken::event(doc, e)
            } else {
                format!("{}, {}", mark.title, mark.kind.label())
            };
            egui::WidgetInfo::labeled(
                egui::Role::ListItem,
                true,
                format!(
                    "On the map at {:.2}°, {:.2}°: {said}",
                    mark.at.lat(),
                    mark.at.lon()
                ),
            )
        });
        ui.ctx().accesskit_node_builder(id, |node| {
            node.add_action(Action::Click);
            node.set_selected(selected);
        });
        let focused = response.has_focus();
        if focused {
            ui.painter().circle_stroke(
                at,
                11.0,
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        let activated = ui.input(|i| {
            i.has_accesskit_action_request(id, Action::Click)
                || (focused && (i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space)))
        });
        if activated && !selected {
            commands.push(Command::Select(Some(e)));
        }
    }
}

/// The row above the map: its name, Fit, the place filter's clearing, the hint.
fn header_ui(ui: &mut Ui, input: &MapPanelInput<'_>, state: &mut MapState) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.strong("Map");
        if ui
            .button("Fit")
            .on_hover_text("Show every event of the timeline's view that has a place")
            .clicked()
        {
            state.fit();
        }
        if let Some(area) = input.filter.place
            && ui
                .button("Clear place filter")
                .on_hover_text(format!("Events in {}", area.display()))
                .clicked()
        {
            commands.push(Command::SetFilter(Filter {
                place: None,
                ..input.filter.clone()
            }));
        }
        commands.extend(super::street_tiles::button(ui, state.tiles()));
        ui.weak("Shift+drag: filter to a box");
    });
    commands
}

/// A click selects the event under it or zooms into the cell under it; a double click
/// zooms in; hovering names what is under the pointer.
fn clicks(
    response: &egui::Response,
    pointer: Option<Point>,
    local: Rect,
    view: MapView,
    state: &mut MapState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if response.clicked()
        && let Some(at) = pointer
    {
        if let Some(e) = state.scene.hit(at) {
            commands.push(Command::Select(Some(e)));
        } else if state.scene.cell_at(at).is_some() {
            let mut zoomed = view;
            zoomed.zoom_at(local, at, 4.0);
            state.view = Some(zoomed);
            state.fitted = None;
        }
    }
    if response.double_clicked()
        && let Some(at) = pointer
        && state.scene.hit(at).is_none()
    {
        let mut zoomed = view;
        zoomed.zoom_at(local, at, 2.0);
        state.view = Some(zoomed);
        state.fitted = None;
    }
    if let Some(at) = pointer
        && state.drag.is_none()
        && let Some(text) = hover_text(&state.scene, at)
    {
        response.clone().on_hover_text_at_pointer(text);
    }
    commands
}

/// Gets the answer to `query`: at once from a document in memory (again only when the
/// document, the filter or the question changed), from an engine through the asker.
fn answer(ui: &Ui, input: &MapPanelInput<'_>, state: &mut MapState, query: &PlacesQuery) {
    let key = (
        Arc::as_ptr(input.doc) as usize,
        input.derived.filter.clone(),
        input.derived.filtered.count,
    );
    let repaint = || {
        let ctx = ui.ctx().clone();
        Arc::new(move || ctx.request_repaint()) as Arc<dyn Fn() + Send + Sync>
    };
    let slow = match input.engine {
        Some(data) => {
            let of = Arc::as_ptr(data).cast::<()>() as usize;
            if state.asker.as_ref().is_none_or(|a| a.of() != of) {
                state.asker = Some(PlacesAsker::of_data(data, repaint()));
                state.answer = None;
            }
            true
        }
        // A large document is asked on a thread too: its events, as filtered, are
        // handed over once per filter.
        None if input.derived.filtered.count >= MEMORY_ON_THREAD => {
            if state.memory_key.as_ref() != Some(&key) || state.asker.is_none() {
                let (doc, order) = (
                    Arc::clone(input.doc),
                    Arc::new(input.derived.filtered.order.clone()),
                );
                state.asker = Some(PlacesAsker::new(
                    Arc::new(move |q, cancel| places_in(&doc, &order, q, cancel)),
                    0,
                    repaint(),
                ));
                state.memory_key = Some(key.clone());
            }
            true
        }
        None => false,
    };
    if slow {
        if let Some(asker) = &state.asker {
            if let Some((q, a)) = asker.ask(query) {
                match a {
                    Ok(a) => {
                        state.answer = Some((q, a));
                        state.failure = None;
                    }
                    Err(e) => state.failure = Some(e.to_string()),
                }
            }
            // A failed question is asked again while it is on screen: come back then.
            if asker.failed() {
                ui.ctx()
                    .request_repaint_after(crate::timeline::seam::asking::RETRY);
            }
        }
        return;
    }
    state.asker = None;
    let fresh = state.memory_key.as_ref() == Some(&key)
        && state.answer.as_ref().is_some_and(|(q, _)| q == query);
    if !fresh {
        let data = MemoryData::new(input.doc, input.derived);
        match data.places(query, &Cancel::new()) {
            Ok(a) => {
                state.answer = Some((*query, a));
                state.failure = None;
            }
            Err(e) => state.failure = Some(e.to_string()),
        }
        state.memory_key = Some(key);
    }
}

/// What hovering at `at` says: the events under the pointer, or the cell's count.
fn hover_text(scene: &MapScene, at: Point) -> Option<String> {
    let near: Vec<&str> = scene
        .marks
        .iter()
        .filter(|m| m.centre.distance(at) <= map_scene::MARK_RADIUS + 3.0)
        .map(|m| m.title.as_str())
        .collect();
    if !near.is_empty() {
        let mut text: Vec<String> = near
            .iter()
            .take(TOOLTIP_TITLES)
            .map(|t| format!("• {t}"))
            .collect();
        if near.len() > TOOLTIP_TITLES {
            text.push(format!("and {} more", near.len() - TOOLTIP_TITLES));
        }
        return Some(text.join("\n"));
    }
    scene.cell_at(at).map(|c| {
        format!(
            "{} here: click to zoom in and see each",
            english::plural(c.count as usize, "event")
        )
    })
}
