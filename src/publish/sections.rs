//! The published page's sections after the story: the disputes (each question with
//! both sides, who will not say, and its links) and the sources (with their notes and
//! the hashes of their captured copies).

use std::fmt::Write as _;

use super::card::{relation_notes, source_words};
use super::{anchor, esc};
use crate::model::{Dataset, EventIdx};
use crate::timeline::Document;

/// Each contested question with both sides and who will not say.
pub(super) fn disputes(html: &mut String, doc: &Document) {
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
pub(super) fn sources(html: &mut String, ds: &Dataset) {
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
