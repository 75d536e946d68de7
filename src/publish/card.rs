//! One event's card on a published page: its marker, title, date, kind and status,
//! place, summary, how its date was worked out, its quotes by source (speakers' roles,
//! archived copies) and the reports that contradict it, linked to their cards.

use std::fmt::Write as _;

use super::{anchor, esc, glyph_id};
use crate::model::{Dataset, EventIdx, RelationKind, Speaker};
use crate::timeline::Document;

/// One event: title, date, kind and status, summary, quotes by source, contradictions.
pub(super) fn event(html: &mut String, doc: &Document, e: EventIdx) {
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
            // Words in another language than the page's are marked so, for a reader's
            // voice and a browser's translation.
            let lang = q
                .lang
                .map(|l| ds.str(l))
                .filter(|l| crate::model::is_language_tag(l))
                .map_or_else(String::new, |l| format!(" lang=\"{l}\""));
            let _ = writeln!(
                html,
                "<li><blockquote{lang}>{}</blockquote><p class=\"by\">— {}, in {}</p></li>",
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
pub(super) fn relation_notes(ds: &Dataset, r: &crate::model::Relation) -> String {
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
pub(super) fn source_words(ds: &Dataset, id: crate::model::Sym) -> String {
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
