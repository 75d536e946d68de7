//! Relation links between events. While nothing is selected every link in view is
//! drawn; once an event is selected its links are drawn strongly and the rest faintly.
//! A link to an event outside the view points off the edge, with that event's title.
//! In a crowded view only the selected event's links are drawn.

use std::collections::{HashMap, HashSet};

use super::marks::fit_text;
use super::{Link, SMALL_SIZE, Scene, SceneInput, Shape, Strength};
use crate::model::{EventIdx, RelationKind};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::metrics::TextMetrics;
use crate::timeline::seam::{LinkEnd, ViewAnswers};
use crate::timeline::view::Projection;

/// Above this many marks on screen, only the selected event's links are drawn.
const MAX_LINKED_MARKS: usize = 250;
/// Most links in one scene.
const MAX_LINKS: usize = 400;
/// Widest title shown at the edge for an off-screen event.
const OFF_SCREEN_TITLE: f32 = 200.0;

/// Adds the links of the events on screen, asked of `answers` (the document in memory,
/// or the engine's front).
pub(super) fn links(
    input: &SceneInput<'_>,
    p: &Projection<'_>,
    answers: &dyn ViewAnswers,
    metrics: &dyn TextMetrics,
    scene: &mut Scene,
) {
    let mut at: HashMap<EventIdx, (Point, f32)> = HashMap::with_capacity(scene.marks.len());
    for m in &scene.marks {
        let (centre, r) = match &m.shape {
            Shape::Point { center, radius, .. } => (*center, *radius),
            Shape::Bar { rect, .. } => (rect.center(), rect.height() / 2.0),
        };
        at.entry(m.event).or_insert((centre, r));
    }
    let sources: Vec<EventIdx> = if scene.marks.len() > MAX_LINKED_MARKS {
        input.selected.into_iter().collect()
    } else {
        let mut events: Vec<EventIdx> = scene.marks.iter().map(|m| m.event).collect();
        events.dedup();
        events
    };
    if sources.is_empty() {
        return;
    }
    let mut done: HashSet<(EventIdx, EventIdx, RelationKind)> = HashSet::new();
    for link in answers.links(&sources) {
        {
            if scene.links.len() >= MAX_LINKS {
                return;
            }
            let (from, to) = (link.from.event, link.to.event);
            if !done.insert((from, to, link.kind)) {
                continue;
            }
            let strength = match input.selected {
                None => Strength::Normal,
                Some(s) if s == from || s == to => Strength::Strong,
                Some(_) => Strength::Faint,
            };
            let (Some(a), Some(b)) = (
                anchor(p, scene, &at, &link.from),
                anchor(p, scene, &at, &link.to),
            ) else {
                continue;
            };
            // One end off screen: the link runs to the edge, with the other's title.
            // An event with a mark is on screen, if only at the edge (a long bar's
            // middle may lie beyond it).
            let plot = scene.plot;
            let seen = |e: EventIdx, p: Point| at.contains_key(&e) || on_screen(plot, p);
            let (a_in, b_in) = (seen(from, a.0), seen(to, b.0));
            let (a, b) = ((clamp_x(plot, a.0), a.1), (clamp_x(plot, b.0), b.1));
            if !a_in && !b_in {
                continue;
            }
            let (mut pa, mut pb) = (a.0, b.0);
            let mut off_screen = None;
            if a_in != b_in {
                let (outside, other) = if a_in {
                    (&mut pb, &link.to)
                } else {
                    (&mut pa, &link.from)
                };
                outside.x = outside.x.clamp(plot.min.x + 2.0, plot.max.x - 2.0);
                let title = other.title.as_str();
                let text = fit_text(title, OFF_SCREEN_TITLE, metrics);
                let width = metrics.measure(&text, SMALL_SIZE).width();
                let height = metrics.line_height(SMALL_SIZE);
                let x = if outside.x > (plot.min.x + plot.max.x) / 2.0 {
                    outside.x - width - 6.0
                } else {
                    outside.x + 6.0
                };
                // Above the arrow's end, or below, wherever it covers no label or mark.
                off_screen = [-height - 4.0, 4.0, -2.0 * height - 6.0, height + 6.0]
                    .into_iter()
                    .map(|dy| {
                        let y = (outside.y + dy).clamp(plot.min.y, plot.max.y - height);
                        Rect::new(x, y, x + width, y + height)
                    })
                    .find(|r| free(scene, r))
                    .map(|r| (text, r));
            }
            // Stop short of the markers, so arrow heads show.
            let dir = (pb.x - pa.x, pb.y - pa.y);
            let len = (dir.0 * dir.0 + dir.1 * dir.1).sqrt();
            if len > 1.0 {
                let (ux, uy) = (dir.0 / len, dir.1 / len);
                if a_in {
                    pa = Point::new(pa.x + ux * (a.1 + 3.0), pa.y + uy * (a.1 + 3.0));
                }
                if b_in {
                    pb = Point::new(pb.x - ux * (b.1 + 3.0), pb.y - uy * (b.1 + 3.0));
                }
            }
            scene.links.push(Link {
                from,
                to,
                kind: link.kind,
                a: pa,
                b: pb,
                bulge: 14.0 + len.min(400.0) * 0.12,
                strength,
                off_screen,
            });
        }
    }
}

/// Whether `r` covers no label, mark or other link's title.
fn free(scene: &Scene, r: &Rect) -> bool {
    !scene.labels.iter().any(|l| l.rect.overlaps(r))
        && !scene.marks.iter().any(|m| m.hit.overlaps(r))
        && !scene
            .links
            .iter()
            .filter_map(|l| l.off_screen.as_ref())
            .any(|(_, o)| o.overlaps(r))
}

fn clamp_x(plot: Rect, p: Point) -> Point {
    Point::new(p.x.clamp(plot.min.x, plot.max.x), p.y)
}

fn on_screen(plot: Rect, p: Point) -> bool {
    p.x >= plot.min.x && p.x <= plot.max.x
}

/// Where an event is: where it was drawn, or where it would be (off screen, or in a
/// density strip). `None` when the filters hide it.
fn anchor(
    p: &Projection<'_>,
    scene: &Scene,
    at: &HashMap<EventIdx, (Point, f32)>,
    end: &LinkEnd,
) -> Option<(Point, f32)> {
    if let Some(found) = at.get(&end.event) {
        return Some(*found);
    }
    if !end.passes {
        return None;
    }
    // Data that does not know its lanes' order has lanes by kind.
    let lane = end
        .lane
        .or_else(|| scene.lanes.iter().position(|l| l.kind == Some(end.kind)))?;
    let band = scene.lanes.get(lane)?.band;
    let mid = (f64::from(end.start) + f64::from(end.latest) + 1.0) / 2.0;
    Some((Point::new(p.x(mid), band.center().y), 4.0))
}
