//! The timeline widget: it keeps the view (which days are on screen), turns the pointer
//! into zooms, pans, selections and overview drags, asks `timeline::scene` to lay the
//! timeline out, and paints the result ([`paint`]). Where things go is decided by the
//! scene alone, so the window, the SVG and the PNG show the same picture.

mod access;
pub mod egui_canvas;
mod input;
pub mod tooltip;
mod view_requests;

use egui::{Rect as ERect, Sense, Ui, Vec2};

use self::egui_canvas::EguiCanvas;
use super::command::{Command, UiCommand};
use crate::model::EventIdx;
use crate::timeline::geom::Point;
use crate::timeline::metrics::FontMetrics;
use crate::timeline::scene::{self, Scene, SceneInput};
use crate::timeline::view::{Projection, View};
use crate::timeline::{Derived, Document, TimeAxis, TimeScale};

/// How long the view takes to glide to a selected event or a new result, in seconds.
const GLIDE_SECS: f64 = 0.3;
/// How close to the overview window's edge a drag resizes it.
const EDGE: f32 = 5.0;

/// Where the timeline should go on its next frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewRequest {
    /// Every shown event.
    Fit,
    /// These days.
    Days(f64, f64),
    /// An event and its neighbours, distinct.
    Reveal(EventIdx),
    /// An event's first and last day among its neighbours', distinct: an event of a
    /// table, as the engine told them ([`crate::timeline::seam::Neighbours`]).
    RevealAmong(std::sync::Arc<crate::timeline::seam::Neighbours>),
    /// Zoomed by this factor around the middle (below 1 zooms in).
    Zoom(f64),
}

/// A glide from one view to another.
#[derive(Clone, Copy, Debug)]
struct Glide {
    from: (f64, f64),
    to: (f64, f64),
    started: f64,
}

/// What the pointer is dragging.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    /// The lanes: time across, and the lanes down when they do not all fit.
    Plot,
    /// The overview's window: the view moves with it.
    Window,
    /// An edge of the overview's window: the view's start or end.
    Edge { left: bool },
    /// While editing, from an event to another: a link between them.
    Link { from: EventIdx },
}

/// Timeline state that lives between frames but not between sessions.
#[derive(Default)]
pub struct TimelineState {
    /// The days on screen; `None` until the first frame with a document.
    days: Option<(f64, f64)>,
    glide: Option<Glide>,
    pending: Option<(ViewRequest, bool)>,
    scroll: f32,
    drag: Option<Drag>,
    metrics: FontMetrics,
    /// Which event has the keyboard focus.
    focus: access::Focus,
    /// What the last frame showed.
    pub scene: Scene,
    /// The timeline with its lane names, axis and overview: what "export the timeline"
    /// captures.
    pub widget_rect: Option<ERect>,
}

impl TimelineState {
    /// Asks for a view on the next frame, gliding there or jumping.
    pub fn request(&mut self, request: ViewRequest, glide: bool) {
        self.pending = Some((request, glide));
    }

    /// Gives the keyboard focus to the selected event once it is drawn.
    pub fn focus_selected(&mut self) {
        self.focus.to_selected = true;
    }

    /// The days on screen on the last frame.
    pub fn visible_days(&self) -> Option<(f64, f64)> {
        self.days
    }

    /// Whether a view change is on its way (a glide or a request not yet shown).
    pub fn is_moving(&self) -> bool {
        self.glide.is_some() || self.pending.is_some()
    }

    /// Events drawn as markers or bars on the last frame, and where (several places when
    /// an event sits in several lanes).
    pub fn drawn(&self) -> Vec<(EventIdx, ERect)> {
        let origin = self.widget_rect.map_or(Vec2::ZERO, |r| r.min.to_vec2());
        self.scene
            .marks
            .iter()
            .map(|m| {
                let r = m.hit;
                (
                    m.event,
                    ERect::from_min_max(egui::pos2(r.min.x, r.min.y), egui::pos2(r.max.x, r.max.y))
                        .translate(origin),
                )
            })
            .collect()
    }

    /// The event whose accessibility node has the keyboard focus.
    pub fn focused(&self) -> Option<EventIdx> {
        self.focus.event
    }

    /// Density columns and coverage bands on the last frame.
    pub fn density_columns(&self) -> usize {
        self.scene.density.len()
    }

    /// The metrics the scene measures text with (shared by exports of this view).
    pub fn metrics(&self) -> &FontMetrics {
        &self.metrics
    }
}

/// What the timeline needs to draw.
pub struct TimelineInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Filtered events, lanes and axes.
    pub derived: &'a Derived,
    /// The selected event.
    pub selected: Option<EventIdx>,
    /// Draw relation links.
    pub show_links: bool,
    /// Draw short titles.
    pub show_labels: bool,
    /// Linear or compressed time.
    pub scale: TimeScale,
    /// Editing is on: a double-click on an empty spot adds an event there.
    pub editing: bool,
    /// Where the lanes' answers come from when the events are not in `doc` (a table read
    /// through the query engine); `None` asks `doc` itself.
    pub answers: Option<&'a dyn crate::timeline::seam::ViewAnswers>,
}

/// Draws the timeline and returns what the user asked for.
pub fn timeline_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));
    state.widget_rect = Some(rect);
    let axis = &input.derived.axis(input.scale).axis;
    let size = (rect.width(), rect.height());
    let plot = scene::plot_rect(size, true);

    // Where the view is going: a request, a glide, or where it was.
    let days = view_days(ui, input, state, axis, plot.width());
    let view = View::days(axis, days.0, days.1);
    let linking = match state.drag {
        Some(Drag::Link { from }) => Some(from),
        _ => None,
    };
    let view = input::pointer_input(ui, &response, input, state, axis, view, rect);
    let view = view.limited(axis);
    state.days = Some(view.day_range(axis));

    let scene_input = SceneInput {
        doc: input.doc,
        derived: input.derived,
        scale: input.scale,
        view,
        size,
        scroll: state.scroll,
        selected: input.selected,
        show_links: input.show_links,
        show_labels: input.show_labels,
        show_overview: true,
        answers: input.answers,
    };
    state.scene = scene::build(&scene_input, &state.metrics);
    let palette = crate::timeline::look::Palette::of(ui.visuals().dark_mode);
    let mut canvas = EguiCanvas::new(ui.painter().clone(), rect.min.to_vec2());
    crate::timeline::paint::scene(&mut canvas, &state.scene, &palette);
    if response.has_focus() {
        crate::app::panels::access::ringed(ui.ctx());
        // The timeline itself has the focus (one Tab before its first event): ringed.
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let focused = access::nodes(
        ui,
        rect,
        input.doc,
        input.selected,
        &input.derived.filtered.order,
        state,
        &mut commands,
    );
    if let Some(e) = focused {
        crate::timeline::paint::focus_ring(&mut canvas, &state.scene, e, &palette);
        crate::app::panels::access::ringed(ui.ctx());
    }

    link_drag(ui, &response, state, rect, linking, &mut commands);

    // Pointer over the lanes: tooltips, clicks and double-clicks.
    let hover = response
        .hover_pos()
        .map(|p| Point::new(p.x - rect.min.x, p.y - rect.min.y))
        .filter(|p| state.scene.plot.contains(*p));
    let hit = hover.and_then(|p| input::hit_test(&state.scene, p));
    clicks(
        &response,
        input,
        state,
        (&hit, hover),
        view,
        days,
        &mut commands,
    );
    tooltips(response, input, &state.scene, hit);
    commands
}

/// The days the view shows this frame: a pending request resolved (gliding to it, or at
/// once), the glide's next step, or where the view was.
fn view_days(
    ui: &Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    axis: &TimeAxis,
    plot_width: f32,
) -> (f64, f64) {
    let now = ui.input(|i| i.time);
    let current = state
        .days
        .unwrap_or_else(|| scene::fit_all(input.derived, input.scale).day_range(axis));
    if let Some((request, glide)) = state.pending.take() {
        let target = view_requests::resolve(input, axis, plot_width, current, request);
        if glide && state.days.is_some() {
            state.glide = Some(Glide {
                from: current,
                to: target,
                started: now,
            });
        } else {
            state.days = Some(target);
            state.glide = None;
        }
    }
    let mut days = state.days.unwrap_or(current);
    if let Some(g) = state.glide {
        let t = ((now - g.started) / GLIDE_SECS).clamp(0.0, 1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        let (from, to) = (
            View::days(axis, g.from.0, g.from.1),
            View::days(axis, g.to.0, g.to.1),
        );
        days = from.lerp(to, ease).day_range(axis);
        if t >= 1.0 {
            state.glide = None;
        } else {
            ui.ctx().request_repaint();
        }
    }

    days
}

/// A link being drawn from an event: a line to the pointer; dropped on another event,
/// the link form opens with both.
fn link_drag(
    ui: &Ui,
    response: &egui::Response,
    state: &TimelineState,
    rect: egui::Rect,
    linking: Option<EventIdx>,
    commands: &mut Vec<Command>,
) {
    if let Some(from) = linking.or(match state.drag {
        Some(Drag::Link { from }) => Some(from),
        _ => None,
    }) && let Some(pointer) = response.interact_pointer_pos()
    {
        let start = state
            .scene
            .marks
            .iter()
            .find(|m| m.event == from)
            .map(|m| egui::pos2(m.hit.center().x + rect.min.x, m.hit.center().y + rect.min.y));
        if let Some(start) = start {
            ui.painter().arrow(
                start,
                pointer - start,
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        if response.drag_stopped() {
            let to = input::hit_test(
                &state.scene,
                Point::new(pointer.x - rect.min.x, pointer.y - rect.min.y),
            );
            if let Some(input::Hit::Events(events)) = to
                && let Some(&to) = events.iter().find(|&&e| e != from)
            {
                commands.push(Command::LinkEvents(from, to));
            }
        }
    }
}

/// Clicks on the lanes: select what is hit, zoom into a density cell; double-clicks zoom
/// in, add an event while editing, or fit everything.
fn clicks(
    response: &egui::Response,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    (hit, hover): (&Option<input::Hit>, Option<Point>),
    view: View,
    days: (f64, f64),
    commands: &mut Vec<Command>,
) {
    let axis = &input.derived.axis(input.scale).axis;
    if response.double_clicked() {
        match (hit, hover) {
            (Some(_), Some(p)) => {
                let projection = projection(axis, view, &state.scene);
                let at = projection.u_at(p.x);
                let target = view.zoomed(axis, at, 0.25).day_range(axis);
                state.request(ViewRequest::Days(target.0, target.1), true);
            }
            (None, Some(p)) if input.editing => {
                // The day under the pointer, at the precision the zoom there allows
                // (compressed time zooms differently from place to place).
                let projection = projection(axis, view, &state.scene);
                let day = axis.day(projection.u_at(p.x));
                let per_40_points = axis.day(projection.u_at(p.x + 40.0)) - day;
                let kind = state
                    .scene
                    .lanes
                    .iter()
                    .find(|lane| lane.band.contains(p))
                    .and_then(|lane| lane.kind);
                commands.push(Command::AddEventOn(
                    crate::timeline::calendar::date_at_zoom(day, per_40_points),
                    kind,
                ));
            }
            _ => commands.push(UiCommand::ZoomToFit.into()),
        }
    } else if response.clicked() {
        match hit {
            Some(input::Hit::Events(events)) => {
                commands.push(Command::Select(events.first().copied()))
            }
            Some(input::Hit::Density(cell)) => {
                let mid = f64::from(cell.from_day + cell.to_day) / 2.0;
                let (a, b) = days;
                let width = ((b - a) / 10.0).max(crate::timeline::view::MIN_SPAN_DAYS * 4.0);
                commands.push(Command::ZoomTo(mid - width / 2.0, mid + width / 2.0));
            }
            Some(input::Hit::Break(_)) | None => {}
        }
    }
}

/// What is under the pointer, explained.
fn tooltips(
    response: egui::Response,
    input: &TimelineInput<'_>,
    scene: &Scene,
    hit: Option<input::Hit>,
) {
    match hit {
        Some(input::Hit::Events(events)) => {
            response
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .on_hover_ui_at_pointer(|ui| {
                    for (i, &e) in events.iter().take(6).enumerate() {
                        if i > 0 {
                            ui.separator();
                        }
                        if input.doc.dataset.events.get(e as usize).is_some() {
                            tooltip::event_summary_ui(ui, input.doc, e);
                        } else {
                            // An event of a table read through the engine: its title as
                            // labelled; the rest is asked for when it is clicked.
                            let title = scene.labels.iter().find(|l| l.event == e);
                            ui.strong(title.map_or("An event of the table", |l| l.text.as_str()));
                        }
                    }
                    if events.len() > 6 {
                        ui.weak(format!("… and {} more here", events.len() - 6));
                    }
                    ui.weak("Click to select");
                });
        }
        Some(input::Hit::Density(cell)) => {
            if let Some(lane) = input.derived.lanes.lanes.get(cell.lane) {
                response.on_hover_ui_at_pointer(|ui| {
                    tooltip::density_tooltip_ui(ui, input.doc, lane, &cell);
                });
            }
        }
        Some(input::Hit::Break(label)) => {
            response.on_hover_text_at_pointer(format!(
                "Compressed: {label} holds no event known more precisely than this stretch. View → Linear time shows it to scale."
            ));
        }
        None => {}
    }
}

/// The projection a scene used.
fn projection<'a>(axis: &'a TimeAxis, view: View, scene: &Scene) -> Projection<'a> {
    Projection {
        axis,
        view,
        left: scene.plot.min.x,
        width: scene.plot.width().max(1.0),
    }
}
