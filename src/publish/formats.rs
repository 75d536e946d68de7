//! What Claimline publishes, in one list for the command line and the app: the web page,
//! and the dataset in other tools' formats (TimelineJS JSON, ClaimReview, Web
//! Annotations). Each is built from a document into bytes ready to write.

use std::path::Path;

use crate::export;
use crate::export::picture::PictureInput;
use crate::timeline::metrics::TextMetrics;
use crate::timeline::{Derived, Document, Filter, LaneMode, TimeScale, scene};

/// The most events a page holds: about 85 MB of HTML at a generated dataset's density of
/// text (8.5 MB per ten thousand events), which opens in a few seconds.
pub const MAX_PAGE_EVENTS: usize = 100_000;

/// Something to publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Published {
    /// The self-contained web page.
    Page,
    /// TimelineJS3 JSON.
    TimelineJs,
    /// The disputes as schema.org ClaimReview (JSON-LD).
    ClaimReview,
    /// Every quote as a W3C Web Annotation (JSON-LD).
    Annotations,
}

impl Published {
    /// Every kind, in the order offered.
    pub const ALL: [Self; 4] = [
        Self::Page,
        Self::TimelineJs,
        Self::ClaimReview,
        Self::Annotations,
    ];

    /// What it is, for a menu or a form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Page => "Web page (HTML)",
            Self::TimelineJs => "TimelineJS JSON",
            Self::ClaimReview => "ClaimReview JSON-LD",
            Self::Annotations => "Web Annotations (JSON-LD)",
        }
    }

    /// What it is for, in a sentence.
    pub fn help(self) -> &'static str {
        match self {
            Self::Page => {
                "One file to put beside an article or send by mail: the timeline, every quote, the disputes; opens offline"
            }
            Self::TimelineJs => "The events as TimelineJS slides, for TimelineJS users",
            Self::ClaimReview => {
                "Each disputed question as schema.org ClaimReview, for fact-checkers' tools and search engines"
            }
            Self::Annotations => {
                "Every quote as a W3C Web Annotation on its source, placed in its article when the article's text is beside the dataset"
            }
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Page => "html",
            Self::TimelineJs => "json",
            Self::ClaimReview | Self::Annotations => "jsonld",
        }
    }

    /// What was written for `doc`: "ClaimReview JSON-LD of 8 disputed questions".
    pub fn describe(self, doc: &Document) -> String {
        use crate::english::plural;
        let events = plural(doc.dataset.events.len(), "event");
        match self {
            Self::Page => format!(
                "a web page of {events} and {}",
                plural(doc.disputes.len(), "dispute")
            ),
            Self::TimelineJs => format!("TimelineJS JSON of {events}"),
            Self::ClaimReview => format!(
                "ClaimReview JSON-LD of {}",
                plural(
                    doc.disputes
                        .iter()
                        .filter(|d| export::claimreview::is_reviewable(d))
                        .count(),
                    "disputed question"
                )
            ),
            Self::Annotations => format!("Web Annotations of {}", plural(doc.quote_count, "quote")),
        }
    }

    /// The file's bytes for `doc`: the page drawn at `size` points with `metrics`;
    /// annotations placed in the sources' captured copies, or the documents of `corpus`
    /// when given; ClaimReviews with their `url` on the page at `page_url` (or relative
    /// to the page they are embedded in when empty).
    pub fn build(
        self,
        doc: &Document,
        size: (f32, f32),
        metrics: &dyn TextMetrics,
        corpus: Option<&Path>,
        page_url: &str,
    ) -> anyhow::Result<Vec<u8>> {
        let json = |value: serde_json::Value| -> anyhow::Result<Vec<u8>> {
            let mut text = serde_json::to_string_pretty(&value)?;
            text.push('\n');
            Ok(text.into_bytes())
        };
        match self {
            Self::Page => page(doc, size, metrics).map(|page| page.html.into_bytes()),
            Self::TimelineJs => json(export::timelinejs::to_json(&doc.dataset)),
            Self::ClaimReview => {
                let today = chrono::Local::now().format("%Y-%m-%d").to_string();
                let reviews = export::claimreview::to_json(
                    doc,
                    export::claimreview::ReviewsAt {
                        page_url,
                        date: &today,
                    },
                );
                // Safe to paste into <script type="application/ld+json">, as publishers
                // are told to: `<`, `>`, `&` and line separators as JSON escapes.
                json(reviews).map(|bytes| {
                    export::claimreview::for_script(&String::from_utf8_lossy(&bytes)).into_bytes()
                })
            }
            Self::Annotations => {
                if let Some(dir) = corpus.filter(|d| !d.is_dir()) {
                    anyhow::bail!(
                        "the corpus folder {} does not exist or is not a folder",
                        dir.display()
                    );
                }
                let folder = doc.origin.path().map(crate::files::folder_of);
                let texts = crate::corpus::source_texts(&doc.dataset, folder.as_deref(), corpus);
                json(export::annotations::to_json(&doc.dataset, &texts))
            }
        }
    }
}

/// A page's map, in points.
pub const PAGE_MAP_SIZE: (f32, f32) = (960.0, 540.0);

/// The detail of a page's coasts and borders ([`crate::map::MapInput::detail`]): a
/// point every 2.5 points at most keeps the page small.
const PAGE_MAP_DETAIL: f32 = 3.5;

/// The web page of `doc`, its timeline drawn at `size` points in both themes, and what
/// it left out.
pub fn page(
    doc: &Document,
    size: (f32, f32),
    metrics: &dyn TextMetrics,
) -> anyhow::Result<super::Page> {
    if doc.dataset.events.len() > MAX_PAGE_EVENTS {
        anyhow::bail!(
            "the dataset has {} events; a page holds at most {} (about 85 MB)\n  = help: publish a part of it: `--range 2017..2019` keeps the events of those years, `--search WORDS` those that mention the words",
            crate::english::number(doc.dataset.events.len()),
            crate::english::number(MAX_PAGE_EVENTS)
        );
    }
    let derived = Derived::compute(doc, &Filter::default(), LaneMode::Kind.for_document(doc));
    // Each picture laid out once: written as SVG, and the light one read for where each
    // event sits when it can only show their density.
    let view = scene::fit_all(&derived, TimeScale::Compressed);
    let compose = |dark: bool| {
        export::picture::compose(
            &PictureInput {
                doc,
                derived: &derived,
                scale: TimeScale::Compressed,
                view,
                size,
                timeline_height: None,
                selected: None,
                show_links: true,
                dark,
                answers: None,
                map: None,
            },
            metrics,
        )
    };
    let (light, dark) = (compose(false), compose(true));
    let light_svg = export::svg::write(&light, doc, metrics);
    let dark_svg = export::svg::write(&dark, doc, metrics);
    let positions = super::positions::of_density(doc, &derived, &light, view)
        .and_then(|json| serde_json::to_string(&json).ok());
    // One marker symbol for each kind and status the cards show.
    let mut markers: Vec<_> = doc
        .dataset
        .events
        .iter()
        .map(|e| (e.kind, e.status))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|(kind, status)| (super::glyph_id(kind, status), kind, status))
        .collect();
    markers.sort_by(|a, b| a.0.cmp(&b.0));
    let glyphs = export::svg::marker_symbols(&markers, doc, metrics);
    let map_svg = page_map(doc, &derived, metrics)?;
    Ok(super::page(&super::PageInput {
        doc,
        light_svg: &light_svg,
        dark_svg: &dark_svg,
        glyphs: &glyphs,
        positions: positions.as_deref(),
        map_svg: map_svg.as_deref(),
    }))
}

/// A page's map: every event with a place, framed, in the light theme (the page's
/// style turns it for a dark screen), its coasts and borders at the detail a page can
/// carry; `None` when no event has a place.
fn page_map(
    doc: &Document,
    derived: &Derived,
    metrics: &dyn TextMetrics,
) -> anyhow::Result<Option<String>> {
    if !doc.dataset.events.iter().any(|e| e.coordinates.is_some()) {
        return Ok(None);
    }
    let Some(span) = derived.filtered.span else {
        return Ok(None);
    };
    let rect = crate::timeline::geom::Rect::new(0.0, 0.0, PAGE_MAP_SIZE.0, PAGE_MAP_SIZE.1);
    let data = crate::timeline::seam::memory::MemoryData::new(doc, derived);
    let (view, query, answer) =
        crate::map::frame::framed(&data, span, rect, &crate::timeline::seam::Cancel::new())
            .map_err(|e| anyhow::anyhow!("the map could not be drawn: {e}"))?;
    let scene = crate::map::scene::build(&crate::map::MapInput {
        rect,
        view,
        answer: &answer,
        query: &query,
        selected: None,
        place_filter: None,
        drawing: None,
        detail: PAGE_MAP_DETAIL,
        // The page carries no street tiles: they are the user's own file, and megabytes.
        tiles: None,
    });
    Ok(Some(export::svg::map_document(
        &scene,
        PAGE_MAP_SIZE,
        "Where the events happened",
        doc,
        &crate::timeline::look::Palette::LIGHT,
        metrics,
    )))
}
