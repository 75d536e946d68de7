//! A dataset as one self-contained web page, to publish beside an article or send by
//! mail: the timeline as inline SVG (the same picture `claimline render` draws, light and
//! dark), then the story as a column of event cards running down in time (each with its
//! marker from the one painter, its quotes by source and its contradicting reports),
//! then the disputes with both sides — plain HTML that reads without script and opens
//! offline. On a narrow screen the cards are the timeline: a rail with each event's
//! marker on it (`page.css`). A small script of its own (`page.js`) selects an event by
//! a click on the picture, by Tab and the arrow keys or by a link, shows its details
//! beside or under the picture, zooms and pans the picture, and searches; a
//! Content-Security-Policy allows that script and the style by their hashes and forbids
//! every other script and anything not inline (connections only to the page's own site,
//! where a crawler's robots.txt check goes; the page's script connects nowhere). Deep
//! links (`page.html#e-…`) open with that event selected. Every dataset string is
//! escaped where it lands.

mod card;
pub mod formats;
pub mod positions;
mod sections;

pub use formats::{MAX_PAGE_EVENTS, Published};

use std::fmt::Write as _;

use crate::timeline::Document;

/// The page's style (`page.css`): system fonts, light and dark by the reader's setting,
/// the details beside the picture on wide screens, the story as a vertical timeline on
/// narrow ones, a print layout.
const STYLE: &str = include_str!("page.css");

/// The event cards a page builds as it opens; a longer story's other cards are built by
/// its script, [`WAITING_BLOCK`] at a time, once it is open (so that ten thousand events
/// open in about half a second, not several, and no frame waits long).
pub const LIVE_CARDS: usize = 1_000;

/// How many waiting cards the script builds at a time (about 30 ms of a reader's
/// browser on a slow machine).
pub const WAITING_BLOCK: usize = 125;

/// The most ClaimReviews a page embeds (a large dataset's page would grow by megabytes
/// and open seconds later for data no reader sees).
pub const MAX_EMBEDDED_REVIEWS: usize = 200;

/// The page's script: selection by click, keyboard and link; search (`page.js`).
const SCRIPT: &str = include_str!("page.js");

/// What a page is made of: the document and its timeline drawn in both themes.
pub struct PageInput<'a> {
    /// The dataset.
    pub doc: &'a Document,
    /// The timeline picture as SVG, light theme.
    pub light_svg: &'a str,
    /// The same, dark theme.
    pub dark_svg: &'a str,
    /// The markers of the event cards, as SVG `<symbol>`s named by [`glyph_id`].
    pub glyphs: &'a str,
    /// Where each event sits on a picture that draws them as density, as JSON
    /// ([`positions`]).
    pub positions: Option<&'a str>,
    /// The map of the events' places, as SVG, when any event has one.
    pub map_svg: Option<&'a str>,
}

/// A page and what it could not carry as the dataset has it.
pub struct Page {
    /// The HTML.
    pub html: String,
    /// What was left out or changed, and why, one sentence each ("2 links that are not
    /// web addresses are shown as text, not linked").
    pub left_out: Vec<String>,
}

/// The id of the marker symbol for an event of `kind` and `status`.
pub fn glyph_id(kind: crate::model::EventKind, status: crate::model::Status) -> String {
    format!("g-{}-{}", kind.index(), status.index())
}

/// The page's HTML, and what it left out.
pub fn page(input: &PageInput<'_>) -> Page {
    let doc = input.doc;
    let ds = &doc.dataset;
    let mut html = String::with_capacity(64 * 1024 + ds.events.len() * 600);
    let mut left_out = Vec::new();
    let style_hash = crate::hash::base64(&crate::hash::sha256(STYLE.as_bytes()));
    let script_hash = crate::hash::base64(&crate::hash::sha256(SCRIPT.as_bytes()));
    let title = esc(ds.str(ds.title));
    let description = esc(&description(doc));
    let lang = language(ds.str(ds.language));
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{style_hash}'; img-src data:; connect-src 'self'; script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"Claimline\">\n<title>{title}</title>\n\
         <meta name=\"description\" content=\"{description}\">\n\
         <meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:description\" content=\"{description}\">\n\
         <meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"{title}\">\n<meta name=\"twitter:description\" content=\"{description}\">\n\
         <style>{STYLE}</style>\n</head>\n<body>"
    );
    let _ = writeln!(html, "<header>\n<h1>{title}</h1>");
    if !ds.description.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"lede\">{}</p>",
            esc(ds.str(ds.description))
        );
    }
    html.push_str("</header>\n<main>\n");
    // The cards' markers, drawn once and used by every card.
    let _ = writeln!(
        html,
        "<svg class=\"sprite\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\">{}</svg>",
        input.glyphs
    );
    let _ = writeln!(
        html,
        "<p class=\"search\" id=\"search\"></p>\n<div class=\"stage\">\n<figure class=\"timeline\" aria-label=\"The timeline picture\">\n<div class=\"zoom\" id=\"zoom\"></div>\n<div class=\"frame\">\n<div class=\"light-picture\">{}</div>\n<div class=\"dark-picture\">{}</div>\n</div>\n<figcaption class=\"meta\">The timeline: one row per kind of event; a filled marker is confirmed, a hollow one reported, a ringed one disputed, a struck one denied; bars span dates known only to a month, a year or a window; arrows join reports that contradict each other. Each event is described below.</figcaption>\n</figure>\n<aside id=\"selected\" class=\"selected\" hidden aria-live=\"polite\" aria-label=\"The selected event\"></aside>\n</div>",
        inline_svg(input.light_svg, "light"),
        inline_svg(input.dark_svg, "dark")
    );
    if let Some(map) = input.map_svg {
        let _ = writeln!(
            html,
            "<figure class=\"map\" aria-label=\"The map\">\n<div class=\"map-picture\">{}</div>\n<figcaption class=\"meta\">Where the events happened: each event with a place is drawn there with its marker from the timeline (select one to read it); places are no more precise than the sources give them. Coasts and borders: Natural Earth.</figcaption>\n</figure>",
            inline_svg(map, "map")
        );
    }
    let order = &doc.order;
    let _ = writeln!(
        html,
        "<nav aria-label=\"Sections\"><ul><li><a href=\"#events\">Events ({})</a></li><li><a href=\"#disputes\">Disputes ({})</a></li><li><a href=\"#sources\">Sources ({})</a></li></ul></nav>",
        ds.events.len(),
        doc.disputes.len(),
        ds.sources.len()
    );
    html.push_str(
        "<section id=\"events\" aria-labelledby=\"events-h\">\n<h2 id=\"events-h\">Events</h2>\n<ol class=\"story\">\n",
    );
    let mut year = None;
    for (n, &e) in order.iter().enumerate() {
        // A long story: the cards past the first LIVE_CARDS wait as text (which the
        // browser reads past at once, where it would build every element), built by the
        // script a block at a time once the page is open. Every dataset string in
        // them is escaped as everywhere, so they hold no `</script`.
        if n >= LIVE_CARDS && (n - LIVE_CARDS).is_multiple_of(WAITING_BLOCK) {
            if n > LIVE_CARDS {
                html.push_str("</script>\n");
            }
            html.push_str("<script type=\"text/html\" class=\"later\">\n");
        }
        // The story runs down in time: a line for each new year.
        let starts = ds
            .events
            .get(e as usize)
            .map(|ev| ev.date.earliest_date().format("%Y").to_string());
        if starts.is_some() && starts != year {
            let _ = writeln!(
                html,
                "<li><p class=\"year\">{}</p></li>",
                esc(starts.as_deref().unwrap_or_default())
            );
            year = starts;
        }
        html.push_str("<li>");
        card::event(&mut html, doc, e);
        html.push_str("</li>\n");
    }
    if order.len() > LIVE_CARDS {
        let _ = writeln!(
            html,
            "</script>\n</ol>\n<noscript><p class=\"note\">The page shows the first {} of its {} events without script; the picture and the disputes show them all. <code>claimline publish --range</code> makes a page of fewer events.</p></noscript>",
            crate::english::number(LIVE_CARDS),
            crate::english::number(order.len())
        );
        html.push_str("</section>\n");
    } else {
        html.push_str("</ol>\n</section>\n");
    }
    sections::disputes(&mut html, doc);
    sections::sources(&mut html, ds);
    html.push_str("</main>\n");
    html.push_str(
        "<footer><p>Published with Claimline: every quote is verbatim from its source; dates are no more precise than the sources allow.</p></footer>\n",
    );
    let unlinked = ds
        .sources
        .iter()
        .filter(|s| {
            let url = s.url.map(|u| ds.str(u)).unwrap_or_default();
            let copy = s.archived.map(|a| ds.str(a.url)).unwrap_or_default();
            [url, copy]
                .iter()
                .any(|u| !u.is_empty() && !crate::markup::is_web(u))
        })
        .count();
    if unlinked > 0 {
        let which = if unlinked == 1 {
            "1 source's address is".to_owned()
        } else {
            format!(
                "{} sources' addresses are",
                crate::english::number(unlinked)
            )
        };
        left_out.push(format!(
            "{which} not linked: only http and https addresses are links on the page; the others are shown as text"
        ));
    }
    // The disputes as ClaimReview, for fact-checkers' tools and search engines: data,
    // not script (the policy lets no other script run).
    // Search engines read a page's first reviews; a page of a large dataset embeds
    // the first MAX_EMBEDDED_REVIEWS (`claimline export --format claimreview` has all).
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut reviews = crate::export::claimreview::to_json(
        doc,
        crate::export::claimreview::ReviewsAt {
            page_url: "",
            date: &today,
        },
    );
    if let Some(all) = reviews.as_array_mut()
        && all.len() > MAX_EMBEDDED_REVIEWS
    {
        left_out.push(format!(
            "the page embeds the first {} of {} ClaimReviews (search engines read a page's first ones; `claimline export --format claimreview` writes them all)",
            MAX_EMBEDDED_REVIEWS,
            crate::english::number(all.len())
        ));
        all.truncate(MAX_EMBEDDED_REVIEWS);
    }
    if let Ok(json) = serde_json::to_string(&reviews) {
        let _ = writeln!(
            html,
            "<script type=\"application/ld+json\">{}</script>",
            crate::export::claimreview::for_script(&json)
        );
    }
    if let Some(json) = input.positions {
        let _ = writeln!(
            html,
            "<script type=\"application/json\" id=\"positions\">{}</script>",
            crate::export::claimreview::for_script(json)
        );
    }
    let _ = write!(html, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    Page { html, left_out }
}

/// What the page is about, for search results and link previews: the dataset's
/// description (its first 300 characters), or what it holds.
fn description(doc: &Document) -> String {
    let ds = &doc.dataset;
    let text = ds.str(ds.description).trim();
    if text.is_empty() {
        return format!(
            "A timeline of {} and {}, each quoted from its sources.",
            crate::english::plural(ds.events.len(), "event"),
            crate::english::plural(doc.disputes.len(), "disputed question")
        );
    }
    if text.chars().count() <= 300 {
        return text.to_owned();
    }
    let cut: String = text.chars().take(299).collect();
    format!("{}…", cut.trim_end())
}

/// The page's language: the dataset's BCP 47 tag when it has one, else English.
fn language(tag: &str) -> &str {
    if crate::model::is_language_tag(tag) {
        tag
    } else {
        "en"
    }
}

/// Text made safe for HTML text and attribute values (see [`crate::markup`]).
pub fn esc(text: &str) -> String {
    crate::markup::escape(text)
}

/// An event's id as an element id and fragment: `e-` then the id with every character
/// but ASCII letters, digits and `-` written as `_` and its hex code, so any id gives a
/// distinct, safe anchor.
pub fn anchor(id: &str) -> String {
    format!("e-{}", crate::markup::fragment_id(id))
}

/// The SVG document as an element to inline: without its XML declaration, its ids
/// (the plot's clip path) made unique on the page with `theme`.
fn inline_svg(svg: &str, theme: &str) -> String {
    let element = match svg.find("<svg") {
        Some(at) => &svg[at..],
        None => "",
    };
    element
        .replace("id=\"plot\"", &format!("id=\"plot-{theme}\""))
        .replace("url(#plot)", &format!("url(#plot-{theme})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_distinct_and_safe() {
        assert_eq!(anchor("kremlin-denies-call"), "e-kremlin-denies-call");
        assert_ne!(anchor("a b"), anchor("a_b"));
        assert!(
            anchor("\"><script>")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert!(!crate::markup::is_web("javascript:alert(1)"));
        assert!(!crate::markup::is_web("data:text/html,x"));
        assert!(!crate::markup::is_web("https://x.org/\n<script>"));
        assert!(crate::markup::is_web("https://tass.com/politics/1870001"));
        assert_eq!(
            crate::markup::web_url("https://x.org/\"><b>").as_deref(),
            Some("https://x.org/%22%3E%3Cb%3E")
        );
        assert_eq!(esc("</script>\u{2028}\"'"), "&lt;/script&gt; &quot;&apos;");
        assert_eq!(esc("\u{202e}lrt שלום"), "lrt שלום");
    }
}
