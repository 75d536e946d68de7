//! The one painter: a [`Scene`] and the glyphs of events, links and legends put down on
//! any [`Canvas`] — the window, SVG, PNG, the tests' recorder. Every rule of how things
//! look lives here or in [`look`]: which statuses fill a marker, how a disputed event is
//! ringed and a denied one struck through, which links are dashed, how faint a density
//! cell or a far link is, in which order layers cover each other. A surface only says
//! how to put a shape down, so the window and the exports cannot drift apart.

use std::collections::BTreeMap;

use super::canvas::{Align, Canvas, Line, Run};
use super::geom::{Point, Rect};
use super::look::{self, Palette};
use super::scene::{LABEL_SIZE, LANE_NAME_SIZE, Label, Mark, SMALL_SIZE, Scene, Shape, Strength};
use crate::model::{EventIdx, EventKind, RelationKind, Status};

/// A legend's sample of what the timeline draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    /// A kind's marker, confirmed.
    Kind(EventKind),
    /// A phone call marker with this status.
    Status(Status),
    /// A bar: a date known to a month, a year or a window.
    Bar,
    /// A relation's line.
    Link(RelationKind),
}

/// Opacity of a link that touches neither the selection nor the event under the pointer
/// while something is selected.
const FAINT_LINK: f32 = 0.25;

/// Paints `scene` on `canvas`, layer over layer: the plot's background (lanes, eras,
/// grid, breaks, the selected event's band, density), the links, then each event — its
/// marks and its label — over them (so no link strikes a label through), the selected
/// event last; outside the plot the lanes' names, the axis and the overview.
pub fn scene(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    let plot = scene.plot;
    if let Some(message) = &scene.message {
        canvas.text(Run::plain(
            message,
            plot.center(),
            Align::Centre,
            13.0,
            p.weak,
        ));
        return;
    }
    canvas.clip(Some(plot));
    background(canvas, scene, p);
    links(canvas, scene, p);
    events(canvas, scene, p);
    canvas.clip(None);
    axis(canvas, scene, p);
    overview(canvas, scene, p);
}

/// The keyboard's focus on event `e`: a dashed ring around each of its marks and its
/// label, outside the selection's solid one, so focus and selection are told apart.
pub fn focus_ring(canvas: &mut dyn Canvas, scene: &Scene, e: EventIdx, p: &Palette) {
    let ring = Line::dashed(2.0, p.selection, 4.0, 3.0);
    canvas.clip(Some(scene.plot));
    for m in scene.marks.iter().filter(|m| m.event == e) {
        canvas.rect_outline(m.hit.expand(9.0), ring, 8.0);
    }
    for l in scene.labels.iter().filter(|l| l.event == e) {
        canvas.rect_outline(l.rect.expand(3.0), ring, 4.0);
    }
    canvas.clip(None);
}

/// The links between events, with the names of those whose other end is off screen.
fn links(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    for link in &scene.links {
        let opacity = if link.strength == Strength::Faint {
            FAINT_LINK
        } else {
            1.0
        };
        self::link(canvas, link.a, link.b, link.kind, link.bulge, opacity);
        if let Some((text, rect)) = &link.off_screen {
            let colour = look::relation_text_color(link.kind, p);
            canvas.text(Run::plain(
                text,
                rect.min,
                Align::LeftTop,
                SMALL_SIZE,
                colour,
            ));
        }
    }
}

/// Lane shading, eras, grid lines, breaks, the selection band and density cells.
fn background(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    let plot = scene.plot;
    for (i, lane) in scene.lanes.iter().enumerate() {
        if i % 2 == 1 {
            canvas.rect(lane.band, p.lane_shade, 0.0);
        }
    }
    for era in &scene.eras {
        let colour = look::ERA_COLOURS[era.index % look::ERA_COLOURS.len()];
        canvas.rect(era.rect, colour.fade(0.12), 0.0);
        let at = Point::new(era.rect.min.x + 4.0, era.rect.min.y + 2.0);
        canvas.text(Run::plain(
            &era.title,
            at,
            Align::LeftTop,
            SMALL_SIZE,
            p.weak,
        ));
    }
    for tick in &scene.ticks {
        canvas.polyline(
            &[
                Point::new(tick.x, plot.min.y),
                Point::new(tick.x, plot.max.y),
            ],
            Line::solid(1.0, p.grid.fade(0.25 + 0.55 * tick.strength)),
        );
    }
    for band in &scene.breaks {
        // A plain band between two dashed edges: time interrupted.
        canvas.rect(band.rect, p.background.fade(0.85), 0.0);
        for x in [band.rect.min.x, band.rect.max.x] {
            canvas.polyline(
                &[
                    Point::new(x, band.rect.min.y),
                    Point::new(x, band.rect.max.y),
                ],
                Line::dashed(1.0, p.weak.fade(0.6), 3.0, 3.0),
            );
        }
    }
    if let Some(band) = scene.selection {
        canvas.rect(band, p.selection.fade(0.08), 0.0);
    }
    canvas.cells(&mut scene.density.iter().map(|cell| {
        let colour = cell.kind.map_or(p.text, look::kind_color);
        let colour = if cell.uncertain {
            colour.fade(0.04 + 0.14 * cell.level)
        } else {
            colour.fade(0.35 + 0.65 * cell.level)
        };
        (cell.rect, colour)
    }));
}

/// Each event as one group: its marks (the selected event's outlined) and its label
/// (the selected one on a plate), in the events' order, the selected event last.
fn events(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    let mut by_event: BTreeMap<EventIdx, (Vec<&Mark>, Option<&Label>)> = BTreeMap::new();
    for m in &scene.marks {
        by_event.entry(m.event).or_default().0.push(m);
    }
    for l in &scene.labels {
        by_event.entry(l.event).or_default().1 = Some(l);
    }
    let selected = scene.selected.and_then(|e| by_event.remove_entry(&e));
    for (e, (marks, label)) in by_event.into_iter().chain(selected) {
        canvas.begin_event(e);
        for m in &marks {
            mark(canvas, m, p);
            if scene.selected == Some(e) {
                canvas.rect_outline(m.hit.expand(5.0), Line::solid(2.0, p.selection), 6.0);
            }
        }
        if let Some(label) = label {
            // A title written over its own bar keeps the bar visible under it: its
            // backing is the bar's own colour, which hides what crosses the bar there
            // (a break's cut, a link) but not the bar.
            let own_bar = marks
                .iter()
                .find(|m| matches!(m.shape, Shape::Bar { rect, .. } if rect.overlaps(&label.rect)));
            let backing = match own_bar {
                Some(m) => Backing::Bar(
                    look::over(look::bar_fill(m.kind, m.status), p.panel),
                    Rect::new(
                        label.rect.min.x - 2.0,
                        label.rect.min.y,
                        label.rect.max.x + 2.0,
                        label.rect.max.y,
                    ),
                ),
                None => Backing::Halo,
            };
            self::label(canvas, label, p, backing);
        }
        canvas.end_event();
    }
}

/// What an event's title is written on (the selected one's is always on a plate).
enum Backing {
    /// A halo of the panel's colour: links pass beneath the title.
    Halo,
    /// Its own bar: a plate of the bar's colour (made opaque) under the title, which
    /// hides what crosses the bar there (a break's edge, its cut, a link).
    Bar(look::Rgba, Rect),
}

/// An event's title: the selected one's on a plate, the others on a halo or, over their
/// own bar, on the bar's colour.
fn label(canvas: &mut dyn Canvas, label: &Label, p: &Palette, backing: Backing) {
    let colour = if label.selected {
        let plate = Rect::new(
            label.rect.min.x - 3.0,
            label.rect.min.y,
            label.rect.max.x + 3.0,
            label.rect.max.y,
        );
        canvas.rect(plate, p.background, 3.0);
        canvas.rect_outline(plate.expand(1.0), Line::solid(1.0, p.selection), 4.0);
        p.strong
    } else {
        match backing {
            // An opaque halo of the panel's colour: links and breaks pass beneath the
            // label, not through its letters.
            Backing::Halo => canvas.rect(
                Rect::new(
                    label.rect.min.x - 1.0,
                    label.rect.min.y,
                    label.rect.max.x + 1.0,
                    label.rect.max.y,
                ),
                p.panel,
                2.0,
            ),
            Backing::Bar(colour, under) => {
                canvas.rect(under, colour, 3.0);
            }
        }
        p.text
    };
    let at = Point::new(label.rect.min.x, label.rect.center().y);
    canvas.text(Run {
        fitted: true,
        ..Run::plain(&label.text, at, Align::LeftMiddle, LABEL_SIZE, colour)
    });
}

/// Lane names, the axis line, tick labels and the marks under breaks.
fn axis(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    let plot = scene.plot;
    for lane in &scene.lanes {
        // A lane scrolled partly out of the plot is named in the middle of what shows
        // of it; one with less than a line showing is not named (its name would stand
        // beside the next lane, or under the axis).
        let (top, bottom) = (
            lane.band.min.y.max(plot.min.y),
            lane.band.max.y.min(plot.max.y),
        );
        let clipped = top > lane.band.min.y || bottom < lane.band.max.y;
        if bottom <= top || (clipped && bottom - top < LANE_NAME_SIZE) {
            continue;
        }
        let at = Point::new(plot.min.x - 8.0, (top + bottom) / 2.0);
        canvas.text(Run {
            fitted: true,
            ..Run::plain(
                &lane.shown_label,
                at,
                Align::RightMiddle,
                LANE_NAME_SIZE,
                p.text,
            )
        });
    }
    canvas.polyline(
        &[
            Point::new(plot.min.x, plot.max.y),
            Point::new(plot.max.x, plot.max.y),
        ],
        Line::solid(1.0, p.grid),
    );
    for tick in &scene.ticks {
        if let Some((text, rect)) = &tick.label {
            let colour = if tick.strength > 0.5 { p.text } else { p.weak };
            canvas.text(Run {
                fitted: true,
                ..Run::plain(text, rect.min, Align::LeftTop, SMALL_SIZE, colour)
            });
        }
    }
    for band in &scene.breaks {
        let x = band.rect.center().x;
        if x >= plot.min.x && x <= plot.max.x {
            let at = Point::new(x, plot.max.y + 3.0);
            canvas.text(Run::plain(
                "≈",
                at,
                Align::CentreTop,
                SMALL_SIZE + 2.0,
                p.weak,
            ));
        }
    }
}

/// The overview strip: every event's density, disputed ticks, breaks, and the window.
fn overview(canvas: &mut dyn Canvas, scene: &Scene, p: &Palette) {
    let Some(o) = &scene.overview else {
        return;
    };
    canvas.rect(o.rect, p.lane_shade, 2.0);
    let disputed = look::status_color(Status::Disputed);
    canvas.cells(
        &mut o
            .columns
            .iter()
            .map(|(rect, level)| (*rect, p.weak.fade(0.35 + 0.6 * level)))
            .chain(o.disputed.iter().map(|&x| {
                (
                    Rect::new(x - 1.0, o.rect.min.y, x + 1.0, o.rect.min.y + 5.0),
                    disputed,
                )
            })),
    );
    for rect in &o.breaks {
        canvas.rect(*rect, p.background.fade(0.8), 0.0);
    }
    canvas.rect(o.window, p.selection.fade(0.10), 2.0);
    canvas.rect_outline(o.window, Line::solid(1.5, p.selection), 2.0);
}

/// One mark: a marker (with the line to its end, for an event that lasts) or a bar, and
/// a "?" when no quote backs it.
fn mark(canvas: &mut dyn Canvas, m: &Mark, p: &Palette) {
    match &m.shape {
        Shape::Point {
            center,
            radius,
            end_x,
        } => {
            if let Some(end) = end_x {
                canvas.polyline(
                    &[*center, Point::new(*end, center.y)],
                    Line::solid(3.0, look::kind_color(m.kind).fade(0.7)),
                );
            }
            marker(canvas, *center, *radius, m.kind, m.status, p);
        }
        Shape::Bar { rect, cuts } => {
            bar(canvas, *rect, m.kind, m.status);
            for &(a, b) in cuts {
                cut(canvas, *rect, a, b, p);
            }
        }
    }
    if m.unsourced {
        let at = Point::new(m.hit.max.x, m.hit.min.y);
        canvas.text(Run::plain("?", at, Align::LeftBottom, 10.0, p.weak));
    }
}

/// An event marker: the kind's shape and colour, filled or hollow by status.
///
/// - Confirmed: filled.
/// - Reported: hollow.
/// - Alleged: hollow with a dashed outline.
/// - Disputed: filled, with an orange ring around it.
/// - Denied: hollow, struck through in red.
///
/// A no-comment marker carries a bar across its middle.
pub fn marker(
    canvas: &mut dyn Canvas,
    c: Point,
    r: f32,
    kind: EventKind,
    status: Status,
    p: &Palette,
) {
    let colour = look::kind_color(kind);
    let filled = look::is_filled(status);
    let fill = if filled { colour } else { p.background };
    let outline = match (filled, status) {
        (_, Status::Alleged) => Line::dashed(2.0, colour, 2.5, 2.0),
        (true, _) => Line::solid(1.0, p.background),
        (false, _) => Line::solid(2.0, colour),
    };
    if status == Status::Disputed {
        let ring = Line::solid(2.0, look::status_color(Status::Disputed));
        canvas.circle(c, r + 3.5, None, Some(ring));
    }
    match look::outline(kind) {
        None => canvas.circle(c, r, Some(fill), Some(outline)),
        Some(points) => {
            let points: Vec<Point> = points
                .iter()
                .map(|&(x, y)| Point::new(c.x + x * r, c.y + y * r))
                .collect();
            canvas.polygon(&points, fill, Some(outline));
        }
    }
    if kind == EventKind::NoComment {
        let bar = if filled { p.background } else { colour };
        canvas.polyline(
            &[
                Point::new(c.x - r * 0.55, c.y),
                Point::new(c.x + r * 0.55, c.y),
            ],
            Line::solid(2.0, bar),
        );
    }
    if status == Status::Denied {
        canvas.polyline(
            &[
                Point::new(c.x - r - 2.0, c.y + r + 2.0),
                Point::new(c.x + r + 2.0, c.y - r - 2.0),
            ],
            Line::solid(2.0, look::status_color(Status::Denied)),
        );
    }
}

/// An event whose date is known only to a month, a year or a window: a faded bar across
/// every day it could be, outlined by status. No point is drawn on a day the sources do
/// not give.
pub fn bar(canvas: &mut dyn Canvas, rect: Rect, kind: EventKind, status: Status) {
    let colour = look::kind_color(kind);
    let fill = look::bar_fill(kind, status);
    let radius = (rect.height() / 2.0).min(4.0);
    canvas.rect(rect, fill, radius);
    let outline = if status == Status::Alleged {
        Line::dashed(1.5, colour.fade(0.9), 4.0, 3.0)
    } else {
        Line::solid(1.5, colour.fade(0.9))
    };
    canvas.rect_outline(rect, outline, radius);
    match status {
        Status::Disputed => canvas.rect_outline(
            rect.expand(4.0),
            Line::solid(1.5, look::status_color(Status::Disputed)),
            radius + 2.0,
        ),
        Status::Denied => canvas.polyline(
            &[
                Point::new(rect.min.x, rect.center().y),
                Point::new(rect.max.x, rect.center().y),
            ],
            Line::solid(2.0, look::status_color(Status::Denied)),
        ),
        _ => {}
    }
}

/// A bar crossing a break: the part inside drawn as a gap between two slanted cuts.
fn cut(canvas: &mut dyn Canvas, bar: Rect, a: f32, b: f32, p: &Palette) {
    if b - a < 2.0 {
        return;
    }
    canvas.rect(
        Rect::new(a + 2.0, bar.min.y - 1.0, b - 2.0, bar.max.y + 1.0),
        p.background,
        0.0,
    );
    for x in [a + 2.0, b - 2.0] {
        canvas.polyline(
            &[
                Point::new(x - 2.0, bar.max.y + 1.0),
                Point::new(x + 2.0, bar.min.y - 1.0),
            ],
            Line::solid(1.0, p.weak),
        );
    }
}

/// A relation from `a` to `b`: an arc bulging by `bulge` points in the relation's
/// colour, dashed for a refusal to confirm, with an arrow head at `b`.
pub fn link(
    canvas: &mut dyn Canvas,
    a: Point,
    b: Point,
    kind: RelationKind,
    bulge: f32,
    opacity: f32,
) {
    let colour = look::relation_color(kind).fade(opacity);
    let (curve, head) = look::link_curve((a.x, a.y), (b.x, b.y), bulge);
    let points: Vec<Point> = curve.into_iter().map(|(x, y)| Point::new(x, y)).collect();
    let line = if kind == RelationKind::DeclinesToConfirm {
        Line::dashed(2.0, colour, 5.0, 4.0)
    } else {
        Line::solid(2.0, colour)
    };
    canvas.polyline(&points, line);
    if let Some(head) = head {
        let head: Vec<Point> = head.iter().map(|&(x, y)| Point::new(x, y)).collect();
        canvas.polygon(&head, colour, None);
    }
}

/// A legend's sample in `r`.
pub fn glyph(canvas: &mut dyn Canvas, glyph: Glyph, r: Rect, p: &Palette) {
    let c = r.center();
    let radius = 4.2;
    match glyph {
        Glyph::Kind(kind) => marker(canvas, c, radius, kind, Status::Confirmed, p),
        Glyph::Status(status) => marker(canvas, c, radius, EventKind::PhoneCall, status, p),
        Glyph::Bar => bar(
            canvas,
            Rect::new(r.min.x + 1.0, c.y - 3.0, r.max.x - 1.0, c.y + 3.0),
            EventKind::Meeting,
            Status::Confirmed,
        ),
        Glyph::Link(kind) => link(
            canvas,
            Point::new(r.min.x + 2.0, c.y),
            Point::new(r.max.x - 2.0, c.y),
            kind,
            0.0,
            1.0,
        ),
    }
}
