//! A [`Picture`] as SVG: the same shapes and colours the window paints (`app::timeline`
//! paints the same scene), text as `<text>` so it stays selectable and searchable, each
//! label with the `textLength` the layout measured so it lands where it was laid out
//! whatever font the reader has, and each event a `<g data-event="…">` with its full
//! title as `<title>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::picture::{Glyph, NOTE_SIZE, Picture, TITLE_SIZE};
use crate::model::{EventIdx, EventKind, RelationKind, Status};
use crate::timeline::Document;
use crate::timeline::geom::{Point, Rect};
use crate::timeline::look::{self, Palette, Rgba};
use crate::timeline::scene::{LABEL_SIZE, Mark, SMALL_SIZE, Scene, Shape, Strength};
use crate::timeline::text::TextMetrics;

/// The font families SVG viewers are asked for: the one the layout measured, then
/// look-alikes any system has.
pub const FONT_FAMILIES: &str =
    "Ubuntu, 'Ubuntu Light', 'DejaVu Sans', Arial, Helvetica, sans-serif";

/// How text sits on its point.
#[derive(Clone, Copy)]
enum Align {
    /// Left edge, line box centred vertically.
    LeftMiddle,
    /// Left edge, line box's top.
    LeftTop,
    /// Left edge, line box's bottom.
    LeftBottom,
    /// Right edge, line box centred.
    RightMiddle,
    /// Centre, line box's top.
    CentreTop,
    /// Centre of both.
    Centre,
}

/// Writes SVG elements.
struct Svg<'m> {
    out: String,
    metrics: &'m dyn TextMetrics,
}

fn n(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Text made safe for XML: the five special characters escaped, characters XML 1.0
/// forbids (most control characters) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn paint(attr: &str, c: Rgba) -> String {
    if c.a == 255 {
        format!(" {attr}=\"{}\"", c.hex())
    } else {
        format!(
            " {attr}=\"{}\" {attr}-opacity=\"{}\"",
            c.hex(),
            n(c.opacity())
        )
    }
}

impl Svg<'_> {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn rect(&mut self, r: Rect, fill: Rgba, radius: f32) {
        if r.width() <= 0.0 || r.height() <= 0.0 || fill.a == 0 {
            return;
        }
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}/>",
            n(r.min.x),
            n(r.min.y),
            n(r.width()),
            n(r.height()),
            if radius > 0.0 {
                format!(" rx=\"{}\"", n(radius))
            } else {
                String::new()
            },
            paint("fill", fill)
        );
    }

    /// A rectangle's outline, drawn inside it (as egui's inside strokes are).
    fn rect_outline(
        &mut self,
        r: Rect,
        stroke: Rgba,
        width: f32,
        radius: f32,
        dash: Option<(f32, f32)>,
    ) {
        let r = r.expand(-width / 2.0);
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\"{} stroke-width=\"{}\"{}/>",
            n(r.min.x),
            n(r.min.y),
            n(r.width().max(0.0)),
            n(r.height().max(0.0)),
            n(radius.max(0.0)),
            paint("stroke", stroke),
            n(width),
            dash.map_or_else(String::new, |(a, b)| format!(
                " stroke-dasharray=\"{} {}\"",
                n(a),
                n(b)
            ))
        );
    }

    fn line(&mut self, a: Point, b: Point, stroke: Rgba, width: f32, dash: Option<(f32, f32)>) {
        let _ = write!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{} stroke-width=\"{}\"{}/>",
            n(a.x),
            n(a.y),
            n(b.x),
            n(b.y),
            paint("stroke", stroke),
            n(width),
            dash.map_or_else(String::new, |(x, y)| format!(
                " stroke-dasharray=\"{} {}\"",
                n(x),
                n(y)
            ))
        );
    }

    fn points(points: &[(f32, f32)]) -> String {
        points
            .iter()
            .map(|&(x, y)| format!("{},{}", n(x), n(y)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn polyline(
        &mut self,
        points: &[(f32, f32)],
        stroke: Rgba,
        width: f32,
        dash: Option<(f32, f32)>,
    ) {
        let _ = write!(
            self.out,
            "<polyline points=\"{}\" fill=\"none\"{} stroke-width=\"{}\" stroke-linejoin=\"round\"{}/>",
            Self::points(points),
            paint("stroke", stroke),
            n(width),
            dash.map_or_else(String::new, |(x, y)| format!(
                " stroke-dasharray=\"{} {}\"",
                n(x),
                n(y)
            ))
        );
    }

    fn polygon(
        &mut self,
        points: &[(f32, f32)],
        fill: Rgba,
        stroke: Option<(Rgba, f32)>,
        dash: Option<(f32, f32)>,
    ) {
        let stroke = stroke.map_or_else(String::new, |(c, w)| {
            format!(
                "{} stroke-width=\"{}\" stroke-linejoin=\"round\"",
                paint("stroke", c),
                n(w)
            )
        });
        let _ = write!(
            self.out,
            "<polygon points=\"{}\"{}{stroke}{}/>",
            Self::points(points),
            paint("fill", fill),
            dash.map_or_else(String::new, |(x, y)| format!(
                " stroke-dasharray=\"{} {}\"",
                n(x),
                n(y)
            ))
        );
    }

    fn circle(
        &mut self,
        c: Point,
        r: f32,
        fill: Option<Rgba>,
        stroke: Option<(Rgba, f32)>,
        dash: Option<(f32, f32)>,
    ) {
        let fill = fill.map_or_else(|| " fill=\"none\"".to_owned(), |f| paint("fill", f));
        let stroke = stroke.map_or_else(String::new, |(c, w)| {
            format!("{} stroke-width=\"{}\"", paint("stroke", c), n(w))
        });
        let _ = write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{fill}{stroke}{}/>",
            n(c.x),
            n(c.y),
            n(r),
            dash.map_or_else(String::new, |(x, y)| format!(
                " stroke-dasharray=\"{} {}\"",
                n(x),
                n(y)
            ))
        );
    }

    /// Text at `at`, aligned as egui aligns it; `exact` gives its measured width as
    /// `textLength`.
    fn text(&mut self, at: Point, text: &str, size: f32, fill: Rgba, align: Align, exact: bool) {
        if text.is_empty() {
            return;
        }
        let line = self.metrics.line_height(size);
        let below = self.metrics.baseline_below_middle(size);
        let width = self.metrics.measure(text, size).width();
        let (anchor, y) = match align {
            Align::LeftMiddle => ("start", at.y + below),
            Align::LeftTop => ("start", at.y + line / 2.0 + below),
            Align::LeftBottom => ("start", at.y - line / 2.0 + below),
            Align::RightMiddle => ("end", at.y + below),
            Align::CentreTop => ("middle", at.y + line / 2.0 + below),
            Align::Centre => ("middle", at.y + below),
        };
        let length = if exact {
            format!(
                " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
                n(width)
            )
        } else {
            String::new()
        };
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{}{length}>{}</text>",
            n(at.x),
            n(y),
            n(size),
            if anchor == "start" {
                String::new()
            } else {
                format!(" text-anchor=\"{anchor}\"")
            },
            paint("fill", fill),
            escape(text)
        );
    }
}

/// The picture as an SVG document.
pub fn write(picture: &Picture, doc: &Document, metrics: &dyn TextMetrics) -> String {
    let (w, h) = picture.size;
    let p = picture.palette;
    let mut svg = Svg {
        out: String::with_capacity(64 * 1024),
        metrics,
    };
    let ds = &doc.dataset;
    let _ = write!(
        svg.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILIES}\" font-weight=\"300\">\n<title>{}</title>\n",
        n(w),
        n(h),
        n(w),
        n(h),
        escape(ds.str(ds.title))
    );
    svg.rect(Rect::new(0.0, 0.0, w, h), p.panel, 0.0);
    let (title, rect) = &picture.title;
    svg.text(rect.min, title, TITLE_SIZE, p.strong, Align::LeftTop, false);
    let (credit, rect) = &picture.credit;
    svg.text(rect.min, credit, NOTE_SIZE, p.weak, Align::LeftTop, false);
    let (tx, ty) = picture.timeline_at;
    let _ = writeln!(
        svg.out,
        "\n<g transform=\"translate({},{})\">",
        n(tx),
        n(ty)
    );
    timeline(&mut svg, &picture.scene, doc, &p);
    svg.raw("</g>\n");
    for item in &picture.legend {
        legend_glyph(&mut svg, item.glyph, item.glyph_rect, &p);
        svg.text(
            Point::new(item.text_rect.min.x, item.text_rect.center().y),
            &item.text,
            NOTE_SIZE,
            p.text,
            Align::LeftMiddle,
            false,
        );
    }
    svg.raw("\n</svg>\n");
    svg.out
}

/// A scene alone as an SVG document (the window's timeline widget, for comparing the
/// two painters).
pub fn scene_document(
    scene: &Scene,
    doc: &Document,
    palette: &Palette,
    metrics: &dyn TextMetrics,
) -> String {
    let (w, h) = scene.size;
    let mut svg = Svg {
        out: String::with_capacity(64 * 1024),
        metrics,
    };
    let _ = write!(
        svg.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILIES}\" font-weight=\"300\">\n",
        n(w),
        n(h),
        n(w),
        n(h)
    );
    svg.rect(Rect::new(0.0, 0.0, w, h), palette.panel, 0.0);
    timeline(&mut svg, scene, doc, palette);
    svg.raw("</svg>\n");
    svg.out
}

/// The timeline scene, in its own coordinates.
fn timeline(svg: &mut Svg<'_>, scene: &Scene, doc: &Document, p: &Palette) {
    let plot = scene.plot;
    if let Some(message) = &scene.message {
        svg.text(plot.center(), message, 13.0, p.weak, Align::Centre, false);
        return;
    }
    let _ = write!(
        svg.out,
        "<defs><clipPath id=\"plot\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n<g clip-path=\"url(#plot)\">\n",
        n(plot.min.x),
        n(plot.min.y),
        n(plot.width()),
        n(plot.height())
    );
    for (i, lane) in scene.lanes.iter().enumerate() {
        if i % 2 == 1 {
            svg.rect(lane.band, p.lane_shade, 0.0);
        }
    }
    for era in &scene.eras {
        let colour = look::ERA_COLOURS[era.index % look::ERA_COLOURS.len()];
        svg.rect(era.rect, colour.fade(0.12), 0.0);
        svg.text(
            Point::new(era.rect.min.x + 4.0, era.rect.min.y + 2.0),
            &era.title,
            SMALL_SIZE,
            p.weak,
            Align::LeftTop,
            false,
        );
    }
    for tick in &scene.ticks {
        svg.line(
            Point::new(tick.x, plot.min.y),
            Point::new(tick.x, plot.max.y),
            p.grid.fade(0.25 + 0.55 * tick.strength),
            1.0,
            None,
        );
    }
    for band in &scene.breaks {
        svg.rect(band.rect, p.background.fade(0.85), 0.0);
        for x in [band.rect.min.x, band.rect.max.x] {
            svg.line(
                Point::new(x, band.rect.min.y),
                Point::new(x, band.rect.max.y),
                p.weak.fade(0.6),
                1.0,
                Some((3.0, 3.0)),
            );
        }
    }
    if let Some(band) = scene.selection {
        svg.rect(band, p.selection.fade(0.08), 0.0);
    }
    for cell in &scene.density {
        let colour = cell.kind.map_or(p.text, look::kind_color);
        let colour = if cell.uncertain {
            colour.fade(0.04 + 0.14 * cell.level)
        } else {
            colour.fade(0.35 + 0.65 * cell.level)
        };
        svg.rect(cell.rect, colour, 0.0);
    }
    // Each event once: its marks and its label in one group with its id and title.
    let mut events: BTreeMap<EventIdx, (Vec<&Mark>, Option<usize>)> = BTreeMap::new();
    for m in &scene.marks {
        events.entry(m.event).or_default().0.push(m);
    }
    for (i, l) in scene.labels.iter().enumerate() {
        events.entry(l.event).or_default().1 = Some(i);
    }
    let ds = &doc.dataset;
    for (e, (marks, label)) in &events {
        let Some(event) = ds.events.get(*e as usize) else {
            continue;
        };
        let _ = write!(svg.out, "<g data-event=\"{}\"", escape(ds.str(event.id)));
        if let Some(c) = event.coordinates {
            let _ = write!(
                svg.out,
                " data-lat=\"{}\" data-lon=\"{}\"",
                c.lat_text(),
                c.lon_text()
            );
        }
        let _ = write!(svg.out, "><title>{}</title>", escape(ds.str(event.title)));
        for m in marks {
            mark(svg, m, p);
            if scene.selected == Some(*e) {
                // egui strokes it outside `hit` grown by 3: from 3 to 5 points out.
                svg.rect_outline(m.hit.expand(5.0), p.selection, 2.0, 6.0, None);
            }
        }
        if let Some(label) = label.and_then(|i| scene.labels.get(i)) {
            let colour = if label.selected {
                let plate = Rect::new(
                    label.rect.min.x - 3.0,
                    label.rect.min.y,
                    label.rect.max.x + 3.0,
                    label.rect.max.y,
                );
                svg.rect(plate, p.background, 3.0);
                svg.rect_outline(plate.expand(1.0), p.selection, 1.0, 4.0, None);
                p.strong
            } else {
                p.text
            };
            svg.text(
                Point::new(label.rect.min.x, label.rect.center().y),
                &label.text,
                LABEL_SIZE,
                colour,
                Align::LeftMiddle,
                true,
            );
        }
        svg.raw("</g>\n");
    }
    for link in &scene.links {
        let opacity = if link.strength == Strength::Faint {
            0.25
        } else {
            1.0
        };
        let colour = look::relation_color(link.kind).fade(opacity);
        let (curve, head) =
            look::link_curve((link.a.x, link.a.y), (link.b.x, link.b.y), link.bulge);
        let dash = (link.kind == RelationKind::DeclinesToConfirm).then_some((5.0, 4.0));
        svg.polyline(&curve, colour, 2.0, dash);
        if let Some(head) = head {
            svg.polygon(&head, colour, None, None);
        }
        if let Some((text, rect)) = &link.off_screen {
            svg.text(
                rect.min,
                text,
                SMALL_SIZE,
                look::relation_color(link.kind),
                Align::LeftTop,
                false,
            );
        }
    }
    svg.raw("</g>\n");
    for lane in &scene.lanes {
        if lane.band.max.y < plot.min.y || lane.band.min.y > plot.max.y {
            continue;
        }
        svg.text(
            Point::new(plot.min.x - 8.0, lane.band.center().y),
            &lane.shown_label,
            SMALL_SIZE + 1.0,
            p.text,
            Align::RightMiddle,
            true,
        );
    }
    svg.line(
        Point::new(plot.min.x, plot.max.y),
        Point::new(plot.max.x, plot.max.y),
        p.grid,
        1.0,
        None,
    );
    for tick in &scene.ticks {
        if let Some((text, rect)) = &tick.label {
            let colour = if tick.strength > 0.5 { p.text } else { p.weak };
            svg.text(rect.min, text, SMALL_SIZE, colour, Align::LeftTop, true);
        }
    }
    for band in &scene.breaks {
        let x = band.rect.center().x;
        if x >= plot.min.x && x <= plot.max.x {
            svg.text(
                Point::new(x, plot.max.y + 3.0),
                "≈",
                SMALL_SIZE + 2.0,
                p.weak,
                Align::CentreTop,
                false,
            );
        }
    }
    if let Some(o) = &scene.overview {
        svg.rect(o.rect, p.lane_shade, 2.0);
        for (rect, level) in &o.columns {
            svg.rect(*rect, p.weak.fade(0.35 + 0.6 * level), 0.0);
        }
        for &x in &o.disputed {
            svg.rect(
                Rect::new(x - 1.0, o.rect.min.y, x + 1.0, o.rect.min.y + 5.0),
                look::status_color(Status::Disputed),
                0.0,
            );
        }
        for rect in &o.breaks {
            svg.rect(*rect, p.background.fade(0.8), 0.0);
        }
        svg.rect(o.window, p.selection.fade(0.10), 2.0);
        svg.rect_outline(o.window, p.selection, 1.5, 2.0, None);
    }
}

/// One mark, as `app::style` paints it.
fn mark(svg: &mut Svg<'_>, m: &Mark, p: &Palette) {
    match &m.shape {
        Shape::Point {
            center,
            radius,
            end_x,
        } => {
            if let Some(end) = end_x {
                svg.line(
                    *center,
                    Point::new(*end, center.y),
                    look::kind_color(m.kind).fade(0.7),
                    3.0,
                    None,
                );
            }
            marker(svg, *center, *radius, m.kind, m.status, p);
        }
        Shape::Bar { rect, cuts } => {
            bar(svg, *rect, m.kind, m.status);
            for &(a, b) in cuts {
                if b - a < 2.0 {
                    continue;
                }
                svg.rect(
                    Rect::new(a + 2.0, rect.min.y - 1.0, b - 2.0, rect.max.y + 1.0),
                    p.background,
                    0.0,
                );
                for x in [a + 2.0, b - 2.0] {
                    svg.line(
                        Point::new(x - 2.0, rect.max.y + 1.0),
                        Point::new(x + 2.0, rect.min.y - 1.0),
                        p.weak,
                        1.0,
                        None,
                    );
                }
            }
        }
    }
    if m.unsourced {
        svg.text(
            Point::new(m.hit.max.x, m.hit.min.y),
            "?",
            10.0,
            p.weak,
            Align::LeftBottom,
            false,
        );
    }
}

/// An event marker: the kind's shape and colour, filled or hollow by status.
fn marker(svg: &mut Svg<'_>, c: Point, r: f32, kind: EventKind, status: Status, p: &Palette) {
    let colour = look::kind_color(kind);
    let filled = look::is_filled(status);
    let fill = if filled { colour } else { p.background };
    let stroke = if filled {
        (p.background, 1.0)
    } else {
        (colour, 2.0)
    };
    if status == Status::Disputed {
        svg.circle(
            c,
            r + 3.5,
            None,
            Some((look::status_color(Status::Disputed), 2.0)),
            None,
        );
    }
    let alleged = status == Status::Alleged;
    match look::outline(kind) {
        None if alleged => svg.circle(c, r, Some(fill), Some((colour, 2.0)), Some((2.5, 2.0))),
        None => svg.circle(c, r, Some(fill), Some(stroke), None),
        Some(points) => {
            let points: Vec<(f32, f32)> = points
                .iter()
                .map(|&(x, y)| (c.x + x * r, c.y + y * r))
                .collect();
            if alleged {
                svg.polygon(&points, fill, Some((colour, 2.0)), Some((2.5, 2.0)));
            } else {
                svg.polygon(&points, fill, Some(stroke), None);
            }
        }
    }
    if kind == EventKind::NoComment {
        let bar = if filled { p.background } else { colour };
        svg.line(
            Point::new(c.x - r * 0.55, c.y),
            Point::new(c.x + r * 0.55, c.y),
            bar,
            2.0,
            None,
        );
    }
    if status == Status::Denied {
        svg.line(
            Point::new(c.x - r - 2.0, c.y + r + 2.0),
            Point::new(c.x + r + 2.0, c.y - r - 2.0),
            look::status_color(Status::Denied),
            2.0,
            None,
        );
    }
}

/// A date known only to a month, a year or a window: a faded bar over every day.
fn bar(svg: &mut Svg<'_>, rect: Rect, kind: EventKind, status: Status) {
    let colour = look::kind_color(kind);
    let fill = colour.fade(if look::is_filled(status) { 0.35 } else { 0.12 });
    let radius = (rect.height() / 2.0).min(4.0);
    svg.rect(rect, fill, radius);
    let dash = (status == Status::Alleged).then_some((4.0, 3.0));
    svg.rect_outline(rect, colour.fade(0.9), 1.5, radius, dash);
    match status {
        Status::Disputed => {
            svg.rect_outline(
                rect.expand(2.5 + 1.5),
                look::status_color(Status::Disputed),
                1.5,
                radius + 2.0,
                None,
            );
        }
        Status::Denied => svg.line(
            Point::new(rect.min.x, rect.center().y),
            Point::new(rect.max.x, rect.center().y),
            look::status_color(Status::Denied),
            2.0,
            None,
        ),
        _ => {}
    }
}

/// A legend entry's glyph in `r`.
fn legend_glyph(svg: &mut Svg<'_>, glyph: Glyph, r: Rect, p: &Palette) {
    let c = r.center();
    match glyph {
        Glyph::Kind(kind) => marker(svg, c, 4.2, kind, Status::Confirmed, p),
        Glyph::Status(status) => marker(svg, c, 4.2, EventKind::PhoneCall, status, p),
        Glyph::Bar => bar(
            svg,
            Rect::new(r.min.x + 1.0, c.y - 3.0, r.max.x - 1.0, c.y + 3.0),
            EventKind::Meeting,
            Status::Confirmed,
        ),
        Glyph::Link(kind) => {
            let (curve, head) = look::link_curve((r.min.x + 2.0, c.y), (r.max.x - 2.0, c.y), 0.0);
            let colour = look::relation_color(kind);
            let dash = (kind == RelationKind::DeclinesToConfirm).then_some((5.0, 4.0));
            svg.polyline(&curve, colour, 2.0, dash);
            if let Some(head) = head {
                svg.polygon(&head, colour, None, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("Peskov: \"no\" & <b>'yes'</b>\u{1}\u{7}ok"),
            "Peskov: &quot;no&quot; &amp; &lt;b&gt;&apos;yes&apos;&lt;/b&gt;ok"
        );
        assert_eq!(escape("مرحبا 👋"), "مرحبا 👋");
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.5), "2.5");
    }
}
