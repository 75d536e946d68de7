//! Disputes as Markdown, for pasting into an article: a heading per question, when it
//! started and its latest word, a table of the sides, and the quotes behind each event.

use std::fmt::Write as _;

use super::{Dispute, first_quote, sources_behind, who};
use crate::english::plural;
use crate::model::{Dataset, EventIdx};

/// Markdown-safe table cell text: no pipes or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One event, for a table cell: title, date, status, who, sources.
fn event_cell(ds: &Dataset, e: EventIdx) -> String {
    let event = &ds.events[e as usize];
    let who = who(ds, e);
    let mut parts = vec![event.date.display(), event.status.label().to_owned()];
    if !who.is_empty() {
        parts.push(who);
    }
    parts.push(plural(sources_behind(ds, e), "source"));
    format!(
        "**{}** — {}",
        cell(ds.str(event.title)),
        cell(&parts.join(" · "))
    )
}

/// One dispute as a Markdown section.
pub fn dispute(ds: &Dataset, d: &Dispute) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", d.question);
    if let Some((first, last)) = d.first_and_last(ds) {
        let event = |e: EventIdx| &ds.events[e as usize];
        let _ = writeln!(
            out,
            "Started {} ({}); latest word {} ({}).\n",
            event(first).date.display(),
            ds.str(event(first).title),
            event(last).date.display(),
            ds.str(event(last).title)
        );
    }
    let columns: [(&str, &[EventIdx]); 3] = [
        ("Claim", &d.sides[0]),
        ("Counter-claim", &d.sides[1]),
        ("Won't say", &d.declines),
    ];
    let shown: Vec<&(&str, &[EventIdx])> = columns.iter().filter(|(_, e)| !e.is_empty()).collect();
    let header: Vec<&str> = shown.iter().map(|(h, _)| *h).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(shown.len()));
    let rows = shown.iter().map(|(_, e)| e.len()).max().unwrap_or(0);
    for row in 0..rows {
        let cells: Vec<String> = shown
            .iter()
            .map(|(_, events)| {
                events
                    .get(row)
                    .map_or_else(String::new, |&e| event_cell(ds, e))
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    for e in d.events() {
        if let Some((quote, outlet)) = first_quote(ds, e) {
            let _ = writeln!(
                out,
                "> “{}” — {outlet}, on *{}*\n",
                quote.replace('\n', " "),
                ds.str(ds.events[e as usize].title)
            );
        }
    }
    // The links, with what the dataset says of each: the editor's, and its note.
    for rel in d.relations.iter().filter_map(|&r| ds.relations.get(r)) {
        let whose = if rel.linked_by.is_editor() {
            " *Linked by the dataset's editor, not by the articles.*"
        } else {
            ""
        };
        let note = if rel.note.is_empty() {
            String::new()
        } else {
            format!(" {}", ds.str(rel.note).replace('\n', " "))
        };
        let _ = writeln!(
            out,
            "- `{}` {} `{}`.{whose}{note}",
            ds.str(rel.from),
            rel.kind.verb(),
            ds.str(rel.to)
        );
    }
    out.push('\n');
    if !d.conflicts.is_empty() {
        let listed: Vec<String> = d
            .conflicts
            .iter()
            .map(|&r| {
                let rel = &ds.relations[r];
                format!(
                    "`{}` ({} {} {})",
                    ds.str(rel.id),
                    ds.str(rel.from),
                    rel.kind.verb(),
                    ds.str(rel.to)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "**These relations cannot be split into two consistent sides:** {}.\n",
            listed.join(", ")
        );
    }
    out
}

/// Every dispute of a dataset as one Markdown document.
pub fn document(ds: &Dataset, disputes: &[Dispute]) -> String {
    let mut out = format!("# Disputes in {}\n\n", ds.str(ds.title));
    if disputes.is_empty() {
        out.push_str("Nothing is in dispute: the dataset has no relations between events.\n");
        return out;
    }
    let _ = writeln!(out, "{} in dispute.\n", plural(disputes.len(), "question"));
    for d in disputes {
        out.push_str(&dispute(ds, d));
    }
    out
}
