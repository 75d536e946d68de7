//! Where each event sits on a published page's picture, for a picture that draws its
//! events as density (too many to mark one by one at the whole timeline's scale): the
//! lanes' bands and, for every event, its first and last x, its lane, its marker and its
//! title, in the picture's own units. Zoomed in far enough, the page's script marks the
//! events in view from this, so that a density picture shows its events when zoomed.

use serde_json::{Value, json};

use crate::export::picture::Picture;
use crate::timeline::view::Projection;
use crate::timeline::{Derived, Document, TimeScale, View};

/// The positions as JSON, or `None` when the picture marks every event already.
pub fn of_density(
    doc: &Document,
    derived: &Derived,
    picture: &Picture,
    view: View,
) -> Option<Value> {
    let scene = &picture.scene;
    if scene.density.is_empty() {
        return None;
    }
    let ds = &doc.dataset;
    let axis = &derived.axis(TimeScale::Compressed).axis;
    let projection = Projection {
        axis,
        view: view.limited(axis),
        left: scene.plot.min.x,
        width: scene.plot.width(),
    };
    let (dx, dy) = picture.timeline_at;
    let round = |v: f32| (f64::from(v) * 10.0).round() / 10.0;
    let lanes: Vec<Value> = scene
        .lanes
        .iter()
        .map(|l| json!([round(l.band.min.y + dy), round(l.band.max.y + dy)]))
        .collect();
    let mut glyphs: Vec<String> = Vec::new();
    let mut events = Vec::with_capacity(ds.events.len());
    for (lane, row) in derived.lanes.lanes.iter().enumerate() {
        for entry in row.exact.entries.iter().chain(&row.uncertain.entries) {
            let Some(event) = ds.events.get(entry.event as usize) else {
                continue;
            };
            let glyph = super::glyph_id(event.kind, event.status);
            let g = glyphs.iter().position(|x| *x == glyph).unwrap_or_else(|| {
                glyphs.push(glyph);
                glyphs.len() - 1
            });
            let x0 = projection.x(f64::from(entry.start)) + dx;
            let x1 = projection.x(f64::from(entry.end) + 1.0) + dx;
            events.push(json!([
                round(x0),
                round(x1),
                lane,
                g,
                ds.str(event.id),
                ds.str(event.title)
            ]));
        }
    }
    Some(json!({ "lanes": lanes, "glyphs": glyphs, "events": events }))
}
