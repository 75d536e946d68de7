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

pub mod formats;
pub mod positions;

pub use formats::{MAX_PAGE_EVENTS, Published};

use std::fmt::Write as _;

use crate::model::{Dataset, EventIdx, RelationKind, Speaker};
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
pub const WAITING_BLOCK: usize = 250;

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
        if n >= LIVE_CARDS && (n - LIVE_CARDS) % WAITING_BLOCK == 0 {
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
        event(&mut html, doc, e);
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
    disputes(&mut html, doc);
    sources(&mut html, ds);
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

/// One event: title, date, kind and status, summary, quotes by source, contradictions.
fn event(html: &mut String, doc: &Document, e: EventIdx) {
    let ds = &doc.dataset;
    let Some(ev) = ds.events.get(e as usize) else {
        return;
    };
    let id = ds.str(ev.id);
    let _ = write!(
        html,
        "<article class=\"event\" id=\"{}\" data-event=\"{}\" data-said=\"{}\">\n<h3><svg class=\"glyph\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#{}\"/></svg><span>{}</span></h3>\n<p class=\"meta\"><time>{}</time> · {} · <span class=\"status\">{}</span>",
        anchor(id),
        esc(id),
        esc(&crate::timeline::spoken::event(doc, e)),
        glyph_id(ev.kind, ev.status),
        esc(ds.str(ev.title)),
        esc(&ev.date.display()),
        esc(ev.kind.label()),
        esc(ev.status.label())
    );
    if let Some(place) = ev.place {
        let _ = write!(html, " · {}", esc(ds.str(place)));
    }
    if let Some(c) = ev.coordinates {
        let _ = write!(
            html,
            " · <span data-lat=\"{}\" data-lon=\"{}\">{}</span>",
            c.lat_text(),
            c.lon_text(),
            esc(&c.display())
        );
    }
    html.push_str("</p>\n");
    if !ev.summary.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", esc(ds.str(ev.summary)));
    }
    if !ev.date_note.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"note\">How the date was worked out: {}</p>",
            esc(ds.str(ev.date_note))
        );
    }
    let quotes = ds.quotes(ev.quotes);
    if quotes.is_empty() {
        html.push_str("<p class=\"meta\">No quote backs this event in the dataset.</p>\n");
    } else {
        html.push_str("<h4>What the sources say</h4>\n<ul class=\"quotes\">\n");
        for q in quotes {
            let speaker = match q.speaker {
                Speaker::Actor(a) => ds.actor(a).map_or_else(
                    || ds.str(a).to_owned(),
                    |actor| {
                        if actor.role.is_empty() {
                            ds.str(actor.name).to_owned()
                        } else {
                            format!("{} ({})", ds.str(actor.name), ds.str(actor.role))
                        }
                    },
                ),
                Speaker::Other(who) => ds.str(who).to_owned(),
                Speaker::Outlet => "the outlet's own reporting".to_owned(),
            };
            let _ = writeln!(
                html,
                "<li><blockquote>{}</blockquote><p class=\"by\">— {}, in {}</p></li>",
                esc(ds.str(q.text)),
                esc(&speaker),
                source_words(ds, q.source)
            );
        }
        html.push_str("</ul>\n");
    }
    let relations: Vec<_> = ds.relations_of(e).collect();
    if !relations.is_empty() {
        html.push_str("<h4>Contradicting reports</h4>\n<ul class=\"relations\">\n");
        for r in relations {
            let outgoing = ds.str(r.from) == id;
            let other = if outgoing { r.to } else { r.from };
            let other_title = ds
                .event_index(other)
                .and_then(|o| ds.events.get(o as usize))
                .map_or_else(|| ds.str(other).to_owned(), |o| ds.str(o.title).to_owned());
            let _ = writeln!(
                html,
                "<li>{} <a href=\"#{}\">{}</a> — <em>{}</em>{}</li>",
                relation_words(r.kind, outgoing),
                anchor(ds.str(other)),
                esc(&other_title),
                esc(ds.str(r.question)),
                relation_notes(ds, r)
            );
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</article>\n");
}

/// What a reader should know about a link: that the dataset's editor made it (not the
/// articles), and its note; as HTML to follow the link's line.
fn relation_notes(ds: &Dataset, r: &crate::model::Relation) -> String {
    let mut out = String::new();
    if r.linked_by.is_editor() {
        out.push_str(
            " <span class=\"editor\">Linked by the dataset's editor, not by the articles.</span>",
        );
    }
    if !r.note.is_empty() {
        let _ = write!(out, " <span class=\"note\">{}</span>", esc(ds.str(r.note)));
    }
    out
}

/// How a relation reads from one of its events.
fn relation_words(kind: RelationKind, outgoing: bool) -> &'static str {
    match (kind, outgoing) {
        (RelationKind::Contradicts, true) => "Contradicts",
        (RelationKind::Contradicts, false) => "Contradicted by",
        (RelationKind::Denies, true) => "Denies",
        (RelationKind::Denies, false) => "Denied by",
        (RelationKind::Corrects, true) => "Corrects",
        (RelationKind::Corrects, false) => "Corrected by",
        (RelationKind::DeclinesToConfirm, true) => "Declines to confirm",
        (RelationKind::DeclinesToConfirm, false) => "Not confirmed by",
        (RelationKind::Supports, true) => "Supports",
        (RelationKind::Supports, false) => "Supported by",
    }
}

/// "TASS (tass.com link), 11 November 2024" for a source id.
fn source_words(ds: &Dataset, id: crate::model::Sym) -> String {
    let Some(source) = ds.source(id) else {
        return esc(ds.str(id));
    };
    let outlet = esc(ds.str(source.outlet));
    let archived = source
        .archived
        .and_then(|a| crate::markup::web_url(ds.str(a.url)).map(|url| (url, a.date)));
    // Robust Links: the original's link names its archived copy and when it was taken.
    let version = archived.as_ref().map_or_else(String::new, |(url, date)| {
        format!(
            " data-versionurl=\"{}\" data-versiondate=\"{}\"",
            esc(url),
            date.earliest_date().format("%Y-%m-%d")
        )
    });
    let address = source.url.map(|u| ds.str(u)).unwrap_or_default();
    let named = match crate::markup::web_url(address) {
        Some(url) => format!(
            "<a href=\"{}\"{version} rel=\"noopener noreferrer\">{outlet}</a>",
            esc(&url)
        ),
        // Not a web address (`javascript:`, `data:`, a typo): shown, never followed.
        None if !address.is_empty() => format!(
            "{outlet} (address not linked: <code>{}</code>)",
            esc(address)
        ),
        None => outlet,
    };
    let copy = archived.map_or_else(String::new, |(url, date)| {
        format!(
            " (<a href=\"{}\" rel=\"noopener noreferrer\">archived copy</a>, {})",
            esc(&url),
            esc(&date.display())
        )
    });
    format!("{named}, {}{copy}", esc(&source.published.display()))
}

/// Each contested question with both sides and who will not say.
fn disputes(html: &mut String, doc: &Document) {
    let ds = &doc.dataset;
    html.push_str("<section id=\"disputes\">\n<h2>Disputes</h2>\n");
    if doc.disputes.is_empty() {
        html.push_str("<p class=\"meta\">The dataset links no contradicting reports.</p>\n");
    }
    let list = |events: &[EventIdx]| -> String {
        let items: Vec<String> = events
            .iter()
            .filter_map(|&e| ds.events.get(e as usize))
            .map(|ev| {
                format!(
                    "<li><a href=\"#{}\">{}</a> <span class=\"meta\">({}, {})</span></li>",
                    anchor(ds.str(ev.id)),
                    esc(ds.str(ev.title)),
                    esc(&ev.date.display()),
                    esc(ev.status.label())
                )
            })
            .collect();
        format!("<ul>{}</ul>", items.join(""))
    };
    let title = |name: crate::model::Sym| {
        ds.event_index(name)
            .and_then(|e| ds.events.get(e as usize))
            .map_or_else(|| ds.str(name).to_owned(), |e| ds.str(e.title).to_owned())
    };
    for d in &doc.disputes {
        let _ = writeln!(
            html,
            "<div class=\"dispute\" id=\"{}\">\n<h3>{}</h3>",
            crate::export::claimreview::question_anchor(ds, d),
            esc(&d.question),
        );
        if d.conflicts.is_empty() {
            let _ = writeln!(
                html,
                "<div class=\"sides\"><div><h4>Reported</h4>{}</div><div><h4>Disputed by</h4>{}</div></div>",
                list(&d.sides[0]),
                list(&d.sides[1])
            );
        } else {
            // As the app says it: no two sides are guessed where the links allow none.
            let named: Vec<String> = d
                .conflicts
                .iter()
                .filter_map(|&r| ds.relations.get(r))
                .map(|r| {
                    format!(
                        "“{}” {} “{}”",
                        esc(&title(r.from)),
                        r.kind.verb(),
                        esc(&title(r.to))
                    )
                })
                .collect();
            let every: Vec<EventIdx> = d.sides.iter().flatten().copied().collect();
            let _ = writeln!(
                html,
                "<p class=\"conflict\"><strong>These reports cannot be split into two consistent sides:</strong> {}.</p>\n<h4>Reports on this question</h4>{}",
                named.join("; "),
                list(&every)
            );
        }
        if !d.declines.is_empty() {
            let _ = writeln!(html, "<h4>Won't say</h4>{}", list(&d.declines));
        }
        // Each link of the question, with what the dataset says of it.
        html.push_str("<h4>The links</h4>\n<ul class=\"links\">");
        for r in d.relations.iter().filter_map(|&r| ds.relations.get(r)) {
            let _ = write!(
                html,
                "<li>“{}” {} “{}”.{}</li>",
                esc(&title(r.from)),
                r.kind.verb(),
                esc(&title(r.to)),
                relation_notes(ds, r)
            );
        }
        html.push_str("</ul>\n</div>\n");
    }
    html.push_str("</section>\n");
}

/// The sources, each with its outlet, headline, date and link.
fn sources(html: &mut String, ds: &Dataset) {
    html.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n<ul>\n");
    for s in &ds.sources {
        let headline = if s.headline.is_empty() {
            String::new()
        } else {
            format!(": “{}”", esc(ds.str(s.headline)))
        };
        let note = if s.published_note.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"note\">{}</span>",
                esc(ds.str(s.published_note))
            )
        };
        let kept = s.capture.map_or_else(String::new, |c| {
            format!(
                " <span class=\"meta\">Captured copy ({}{}): SHA-256 <code>{}</code>.</span>",
                c.format.describe(),
                if c.captured.is_empty() {
                    String::new()
                } else {
                    format!(", {}", esc(ds.str(c.captured)))
                },
                esc(ds.str(c.sha256))
            )
        });
        let _ = writeln!(
            html,
            "<li>{}{headline}{note}{kept}</li>",
            source_words(ds, s.id)
        );
    }
    html.push_str("</ul>\n</section>\n");
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
