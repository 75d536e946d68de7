//! The pointer on the timeline: the wheel zooms around it, a drag pans (and scrolls the
//! lanes when they do not all fit; while editing, a drag from an event draws a link to
//! another), the overview's window is dragged or its edges moved, and what lies under
//! the pointer is found for tooltips and clicks.

use egui::{Rect as ERect, Ui};

use super::{Drag, EDGE, TimelineInput, TimelineState};
use crate::model::EventIdx;
use crate::timeline::TimeAxis;
use crate::timeline::geom::Point;
use crate::timeline::scene::{self, Scene, Shape};
use crate::timeline::view::{Projection, View};

/// Wheel zoom, drag pan, lane scrolling and the overview's window; returns the view.
pub(super) fn pointer_input(
    ui: &Ui,
    response: &egui::Response,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    axis: &TimeAxis,
    mut view: View,
    rect: ERect,
) -> View {
    let size = (rect.width(), rect.height());
    let plot = scene::plot_rect(size, true);
    let strip = scene::overview_rect(size);
    let to_scene = |p: egui::Pos2| Point::new(p.x - rect.min.x, p.y - rect.min.y);
    let lanes = input.derived.lanes.len();
    let overflow = (lanes as f32 * scene::MIN_LANE_HEIGHT - plot.height()).max(0.0);
    if response.hovered()
        && let Some(p) = response.hover_pos().map(to_scene)
        && plot.contains(p)
    {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = f64::from((scroll.y / 200.0).exp() * zoom);
        if (factor - 1.0).abs() > 1e-4 {
            let at = Projection {
                axis,
                view,
                left: plot.min.x,
                width: plot.width(),
            }
            .u_at(p.x);
            view = view.zoomed(axis, at, 1.0 / factor);
            state.glide = None;
        }
        if scroll.x.abs() > 0.0 {
            view = view.panned(-f64::from(scroll.x / plot.width()) * view.width());
            state.glide = None;
        }
    }
    if response.drag_started()
        && let Some(p) = response.interact_pointer_pos().map(to_scene)
    {
        // Where the button went down, not where the drag was recognised.
        let origin = ui.input(|i| i.pointer.press_origin()).map_or(p, to_scene);
        let link_from = match hit_test(&state.scene, origin) {
            Some(Hit::Events(events)) if input.editing && plot.contains(origin) => {
                events.first().copied()
            }
            _ => None,
        };
        state.drag = Some(if let Some(from) = link_from {
            Drag::Link { from }
        } else if strip.contains(p) {
            let full = scene::fit_all(input.derived, input.scale);
            let over = Projection {
                axis,
                view: full,
                left: strip.min.x,
                width: strip.width(),
            };
            let (a, b) = (over.x_of_u(view.u0), over.x_of_u(view.u1));
            if (p.x - a).abs() <= EDGE {
                Drag::Edge { left: true }
            } else if (p.x - b).abs() <= EDGE {
                Drag::Edge { left: false }
            } else {
                if p.x < a || p.x > b {
                    view = view.centred(over.u_at(p.x));
                }
                Drag::Window
            }
        } else {
            Drag::Plot
        });
        state.glide = None;
    }
    if response.dragged()
        && let Some(drag) = state.drag
    {
        let delta = response.drag_delta();
        let full = scene::fit_all(input.derived, input.scale);
        let over = Projection {
            axis,
            view: full,
            left: strip.min.x,
            width: strip.width(),
        };
        match drag {
            Drag::Plot => {
                view = view.panned(-f64::from(delta.x / plot.width()) * view.width());
                state.scroll = (state.scroll - delta.y).clamp(0.0, overflow);
            }
            Drag::Window => {
                view = view.panned(f64::from(delta.x / strip.width()) * full.width());
            }
            Drag::Link { .. } => {}
            Drag::Edge { left } => {
                if let Some(p) = response.interact_pointer_pos().map(to_scene) {
                    let u = over.u_at(p.x);
                    if left && u < view.u1 {
                        view.u0 = u;
                    } else if !left && u > view.u0 {
                        view.u1 = u;
                    }
                }
            }
        }
    }
    if response.drag_stopped() {
        state.drag = None;
    }
    // A click on the overview outside its window jumps there.
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos().map(to_scene)
        && strip.contains(p)
    {
        let full = scene::fit_all(input.derived, input.scale);
        let over = Projection {
            axis,
            view: full,
            left: strip.min.x,
            width: strip.width(),
        };
        view = view.centred(over.u_at(p.x));
        state.glide = None;
    }
    state.scroll = state.scroll.clamp(0.0, overflow);
    view
}

/// What the pointer is over.
pub(super) enum Hit {
    Events(Vec<EventIdx>),
    Density(scene::DensityCell),
    Break(String),
}

pub(super) fn hit_test(scene: &Scene, p: Point) -> Option<Hit> {
    let mut hits: Vec<(f32, EventIdx)> = scene
        .marks
        .iter()
        .filter(|m| m.hit.expand(3.0).contains(p))
        .map(|m| {
            let centre = match &m.shape {
                Shape::Point { center, .. } => *center,
                Shape::Bar { .. } => m.hit.center(),
            };
            (centre.distance(p), m.event)
        })
        .chain(
            scene
                .labels
                .iter()
                .filter(|l| l.rect.contains(p))
                .map(|l| (f32::MAX / 2.0, l.event)),
        )
        .collect();
    if !hits.is_empty() {
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut events: Vec<EventIdx> = Vec::new();
        for (_, e) in hits {
            if !events.contains(&e) {
                events.push(e);
            }
        }
        return Some(Hit::Events(events));
    }
    if let Some(cell) = scene
        .density
        .iter()
        .filter(|c| c.rect.contains(p))
        .min_by_key(|c| c.uncertain)
    {
        return Some(Hit::Density(*cell));
    }
    scene
        .breaks
        .iter()
        .find(|b| b.rect.contains(p))
        .map(|b| Hit::Break(b.label.clone()))
}
