//! A [`Picture`] as SVG: the SVG surface of the painter contract (`timeline::canvas`),
//! painted by the one painter (`timeline::paint`) as the window is. Text stays `<text>`,
//! selectable and searchable, each
//! label with the `textLength` the layout measured so it lands where it was laid out
//! whatever font the reader has, and each event a `<g data-event="…">` with its full
//! title as `<title>`.

use std::fmt::Write as _;

use super::picture::{NOTE_SIZE, Picture, TITLE_SIZE};
use crate::model::{Dataset, EventIdx};
use crate::timeline::Document;
use crate::timeline::canvas::{Align, Canvas, Line, Run};
use crate::timeline::geom::{Point, Rect};
use crate::timeline::look::{Palette, Rgba};
use crate::timeline::metrics::TextMetrics;
use crate::timeline::paint;
use crate::timeline::scene::Scene;

/// The font families SVG viewers are asked for: the one the layout measured, then
/// look-alikes any system has.
pub const FONT_FAMILIES: &str =
    "Ubuntu, 'Ubuntu Light', 'DejaVu Sans', Arial, Helvetica, sans-serif";

/// Writes SVG elements: the SVG surface of the painter contract.
struct Svg<'m> {
    out: String,
    metrics: &'m dyn TextMetrics,
    /// The events' dataset, for naming each event's group.
    dataset: &'m Dataset,
    /// Names of events not in the dataset (a table read through an engine).
    names: &'m std::collections::HashMap<EventIdx, crate::timeline::seam::RowName>,
    /// The id of the next clip path ("plot" for the timeline's, "map" for the map's).
    clip_id: &'static str,
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

/// Text made safe for SVG (`markup::escape`), on one line: tabs and line breaks as
/// spaces.
pub fn escape(text: &str) -> String {
    crate::markup::escape(text).replace(['\t', '\n'], " ")
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

fn dash(dash: Option<(f32, f32)>) -> String {
    dash.map_or_else(String::new, |(a, b)| {
        format!(" stroke-dasharray=\"{} {}\"", n(a), n(b))
    })
}

fn stroke(line: Line) -> String {
    format!(
        "{} stroke-width=\"{}\"{}",
        paint("stroke", line.colour),
        n(line.width),
        dash(line.dash)
    )
}

fn points(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", n(p.x), n(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Svg<'_> {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

impl Canvas for Svg<'_> {
    fn rect(&mut self, r: Rect, fill: Rgba, corner: f32) {
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
            if corner > 0.0 {
                format!(" rx=\"{}\"", n(corner))
            } else {
                String::new()
            },
            paint("fill", fill)
        );
    }

    fn rect_outline(&mut self, r: Rect, line: Line, corner: f32) {
        let r = r.expand(-line.width / 2.0);
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\"{}/>",
            n(r.min.x),
            n(r.min.y),
            n(r.width().max(0.0)),
            n(r.height().max(0.0)),
            n(corner.max(0.0)),
            stroke(line)
        );
    }

    /// One `<path>` for all of them, to a tenth of a point (a map's coasts and borders:
    /// thousands of points).
    fn polylines(&mut self, lines: &[&[Point]], line: Line) {
        if lines.is_empty() {
            return;
        }
        let tenth = |v: f32| {
            let v = if v.is_finite() {
                (v * 10.0).round() / 10.0
            } else {
                0.0
            };
            n(v)
        };
        self.out.push_str("<path d=\"");
        for points in lines {
            for (i, p) in points.iter().enumerate() {
                let _ = write!(
                    self.out,
                    "{}{} {}",
                    if i == 0 { "M" } else { "L" },
                    tenth(p.x),
                    tenth(p.y)
                );
            }
        }
        let _ = write!(
            self.out,
            "\" fill=\"none\"{} stroke-linejoin=\"round\"/>",
            stroke(line)
        );
    }

    fn polyline(&mut self, at: &[Point], line: Line) {
        if let [a, b] = at {
            let _ = write!(
                self.out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                stroke(line)
            );
            return;
        }
        let _ = write!(
            self.out,
            "<polyline points=\"{}\" fill=\"none\"{} stroke-linejoin=\"round\"/>",
            points(at),
            stroke(line)
        );
    }

    fn polygon(&mut self, at: &[Point], fill: Rgba, outline: Option<Line>) {
        let outline = outline.map_or_else(String::new, |l| {
            format!("{} stroke-linejoin=\"round\"", stroke(l))
        });
        let _ = write!(
            self.out,
            "<polygon points=\"{}\"{}{outline}/>",
            points(at),
            paint("fill", fill)
        );
    }

    fn circle(&mut self, c: Point, r: f32, fill: Option<Rgba>, outline: Option<Line>) {
        let fill = fill.map_or_else(|| " fill=\"none\"".to_owned(), |f| paint("fill", f));
        let outline = outline.map_or_else(String::new, stroke);
        let _ = write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{fill}{outline}/>",
            n(c.x),
            n(c.y),
            n(r)
        );
    }

    /// Text aligned as egui aligns it; a fitted run gets its measured width as
    /// `textLength`, so that it lands where it was laid out whatever the reader's font.
    fn text(&mut self, run: Run<'_>) {
        if run.text.is_empty() {
            return;
        }
        let (at, size) = (run.at, run.size);
        let line = self.metrics.line_height(size);
        let below = self.metrics.baseline_below_middle(size);
        let (anchor, y) = match run.align {
            Align::LeftMiddle => ("start", at.y + below),
            Align::LeftTop => ("start", at.y + line / 2.0 + below),
            Align::LeftBottom => ("start", at.y - line / 2.0 + below),
            Align::RightMiddle => ("end", at.y + below),
            Align::CentreTop => ("middle", at.y + line / 2.0 + below),
            Align::Centre => ("middle", at.y + below),
        };
        let length = if run.fitted {
            let width = self.metrics.measure(run.text, size).width();
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
            paint("fill", run.colour),
            escape(run.text)
        );
    }

    /// An `<image>` carrying the tile's own bytes (PNG, JPEG or WebP) as a `data:` URL.
    /// (A stand-in is not needed: the picture is here.)
    fn image(
        &mut self,
        r: Rect,
        picture: &crate::timeline::canvas::Picture,
        _stand_in: Option<(&crate::timeline::canvas::Picture, Rect)>,
    ) {
        use base64::Engine as _;
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let _ = writeln!(
            self.out,
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" href=\"data:{};base64,{}\"/>",
            n(r.min.x),
            n(r.min.y),
            n(r.width()),
            n(r.height()),
            picture.media_type,
            base64::engine::general_purpose::STANDARD.encode(&picture.bytes)
        );
    }

    fn clip(&mut self, to: Option<Rect>) {
        match to {
            Some(plot) => {
                let id = self.clip_id;
                let _ = write!(
                    self.out,
                    "<defs><clipPath id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n<g clip-path=\"url(#{id})\">\n",
                    n(plot.min.x),
                    n(plot.min.y),
                    n(plot.width()),
                    n(plot.height())
                );
            }
            None => self.raw("</g>\n"),
        }
    }

    /// Each event's marks and label in a `<g data-event="…">` with its full title as
    /// `<title>` (and its coordinates, where known).
    fn begin_event(&mut self, e: EventIdx) {
        let ds = self.dataset;
        let (id, title, coordinates) = match (ds.events.get(e as usize), self.names.get(&e)) {
            (Some(event), _) => (ds.str(event.id), ds.str(event.title), event.coordinates),
            (None, Some(name)) => (name.id.as_str(), name.title.as_str(), name.coordinates),
            (None, None) => {
                self.raw("<g>");
                return;
            }
        };
        let _ = write!(self.out, "<g data-event=\"{}\"", escape(id));
        if let Some(c) = coordinates {
            let _ = write!(
                self.out,
                " data-lat=\"{}\" data-lon=\"{}\"",
                c.lat_text(),
                c.lon_text()
            );
        }
        let _ = write!(self.out, "><title>{}</title>", escape(title));
    }

    fn end_event(&mut self) {
        self.raw("</g>\n");
    }
}

/// The picture as an SVG document.
pub fn write(picture: &Picture, doc: &Document, metrics: &dyn TextMetrics) -> String {
    let (w, h) = picture.size;
    let p = picture.palette;
    let ds = &doc.dataset;
    let mut svg = Svg {
        out: String::with_capacity(64 * 1024),
        metrics,
        dataset: ds,
        names: &picture.scene.names,
        clip_id: "plot",
    };
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
    svg.text(Run::plain(
        title,
        rect.min,
        Align::LeftTop,
        TITLE_SIZE,
        p.strong,
    ));
    let (credit, rect) = &picture.credit;
    svg.text(Run::plain(
        credit,
        rect.min,
        Align::LeftTop,
        NOTE_SIZE,
        p.weak,
    ));
    let (tx, ty) = picture.timeline_at;
    let _ = writeln!(
        svg.out,
        "\n<g transform=\"translate({},{})\">",
        n(tx),
        n(ty)
    );
    if picture.shows_timeline {
        paint::scene(&mut svg, &picture.scene, &p);
    }
    svg.raw("</g>\n");
    if let Some(map) = &picture.map {
        let names = map_names(map);
        let mut map_svg = Svg {
            out: std::mem::take(&mut svg.out),
            metrics,
            dataset: ds,
            names: &names,
            clip_id: "map",
        };
        crate::map::paint::map(&mut map_svg, map, &p);
        svg.out = map_svg.out;
    }
    for item in &picture.legend {
        paint::glyph(&mut svg, item.glyph, item.glyph_rect, &p);
        let at = Point::new(item.text_rect.min.x, item.text_rect.center().y);
        svg.text(Run::plain(
            &item.text,
            at,
            Align::LeftMiddle,
            NOTE_SIZE,
            p.text,
        ));
    }
    svg.raw("\n</svg>\n");
    svg.out
}

/// Names of the map's events, for those not in the dataset (a table read through an
/// engine): their titles, as the map's marks carry them.
fn map_names(
    map: &crate::map::MapScene,
) -> std::collections::HashMap<EventIdx, crate::timeline::seam::RowName> {
    map.marks
        .iter()
        .map(|m| {
            (
                m.event,
                crate::timeline::seam::RowName {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    coordinates: Some(m.at),
                },
            )
        })
        .collect()
}

/// A map alone as an SVG document of `size` points (a published page's map), titled
/// `title`.
pub fn map_document(
    map: &crate::map::MapScene,
    size: (f32, f32),
    title: &str,
    doc: &Document,
    palette: &Palette,
    metrics: &dyn TextMetrics,
) -> String {
    let (w, h) = size;
    let names = map_names(map);
    let mut svg = Svg {
        out: String::with_capacity(128 * 1024),
        metrics,
        dataset: &doc.dataset,
        names: &names,
        clip_id: "map",
    };
    let _ = write!(
        svg.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILIES}\" font-weight=\"300\">\n<title>{}</title>\n",
        n(w),
        n(h),
        n(w),
        n(h),
        escape(title)
    );
    crate::map::paint::map(&mut svg, map, palette);
    svg.raw("</svg>\n");
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
        dataset: &doc.dataset,
        names: &scene.names,
        clip_id: "plot",
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
    paint::scene(&mut svg, scene, palette);
    svg.raw("</svg>\n");
    svg.out
}

/// Markers as `<symbol>`s to reuse with `<use href="#id">` (a published page's event
/// cards): each `(id, kind, status)` drawn by the painter's [`paint::marker`] in a 24-point
/// square (stretched to whatever box uses it: a page's picture zoomed in time only is
/// stretched the other way), as the timeline draws it. Where the painter fills with the palette's
/// background (a hollow marker's inside), the symbol fills with the CSS system colour
/// `Canvas`, the page's own background in either colour scheme.
pub fn marker_symbols(
    markers: &[(String, crate::model::EventKind, crate::model::Status)],
    doc: &Document,
    metrics: &dyn TextMetrics,
) -> String {
    // A colour no palette uses, standing for the page's background.
    const PAGE_BACKGROUND: Rgba = Rgba::rgb(1, 2, 3);
    let palette = Palette {
        background: PAGE_BACKGROUND,
        ..Palette::LIGHT
    };
    let names = std::collections::HashMap::new();
    let mut svg = Svg {
        out: String::new(),
        metrics,
        dataset: &doc.dataset,
        names: &names,
        clip_id: "plot",
    };
    for (id, kind, status) in markers {
        let _ = write!(
            svg.out,
            "<symbol id=\"{}\" viewBox=\"0 0 24 24\" preserveAspectRatio=\"none\">",
            escape(id)
        );
        paint::marker(
            &mut svg,
            Point::new(12.0, 12.0),
            6.0,
            *kind,
            *status,
            &palette,
        );
        svg.raw("</symbol>");
    }
    svg.out.replace(&PAGE_BACKGROUND.hex(), "Canvas")
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
