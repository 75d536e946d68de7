//! The *Sources & quotes* section: each quote behind the selected event, verbatim, with
//! who said it and where it was published.

use egui::{Color32, RichText, Ui, text::LayoutJob};

use crate::app::command::Command;
use crate::app::text;
use crate::model::{EventIdx, Quote, Source, Speaker, Sym};
use crate::timeline::{Document, TextQuery};

/// Draws the quotes of event `e`, grouped by source; `query` is highlighted in them.
pub fn sources_ui(ui: &mut Ui, doc: &Document, e: EventIdx, query: &TextQuery) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let event = &ds.events[e as usize];
    let quotes = ds.quotes(event.quotes);
    let cited = ds.syms(event.sources);
    if quotes.is_empty() {
        ui.weak("No quotes: this event is unsourced in the dataset.");
    }
    if !cited.is_empty() {
        ui.label(RichText::new("Cited without a quote:").strong());
        for &id in cited {
            if let Some(source) = ds.source(id) {
                source_header_ui(ui, doc, source, &mut commands);
            }
        }
        if !quotes.is_empty() {
            ui.separator();
        }
    }
    if quotes.is_empty() {
        return commands;
    }
    // Sources in order of first use, each with its quotes.
    let mut groups: Vec<(Sym, Vec<&Quote>)> = Vec::new();
    for quote in quotes {
        match groups.iter_mut().find(|(s, _)| *s == quote.source) {
            Some((_, list)) => list.push(quote),
            None => groups.push((quote.source, vec![quote])),
        }
    }
    for (g, (source_id, quotes)) in groups.iter().enumerate() {
        if g > 0 {
            ui.separator();
        }
        if let Some(source) = ds.source(*source_id) {
            source_header_ui(ui, doc, source, &mut commands);
        }
        for quote in quotes {
            ui.add_space(3.0);
            let text = format!("“{}”", text::shown(ds.str(quote.text)));
            ui.add(
                egui::Label::new(highlighted(ui, &text, query))
                    .wrap()
                    .selectable(true),
            );
            let speaker = match quote.speaker {
                Speaker::Actor(id) => match ds.actor(id) {
                    Some(a) if !a.role.is_empty() => {
                        format!("— {}, {}", ds.str(a.name), ds.str(a.role))
                    }
                    Some(a) => format!("— {}", ds.str(a.name)),
                    None => format!("— {}", ds.str(id)),
                },
                Speaker::Other(who) => format!("— {}", ds.str(who)),
                Speaker::Outlet => "— the outlet's own reporting".to_owned(),
            };
            ui.label(RichText::new(speaker).strong());
            if let Some(said) = quote.said {
                ui.weak(format!("Said: {}", said.describe()));
            }
        }
    }
    commands
}

/// Outlet, headline, publication date (with how it was derived), what it cites, link.
fn source_header_ui(ui: &mut Ui, doc: &Document, source: &Source, commands: &mut Vec<Command>) {
    let ds = &doc.dataset;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(ds.str(source.outlet)).strong());
        if !source.headline.is_empty() {
            ui.label(RichText::new(format!("“{}”", ds.str(source.headline))).italics());
        }
    });
    let published = ui.weak(format!("Published {}", source.published.describe()));
    if !source.published_note.is_empty() {
        published.on_hover_text(ds.str(source.published_note));
    }
    let cites = ds.syms(source.cites);
    if !cites.is_empty() {
        let names: Vec<&str> = cites.iter().map(|&c| ds.str(c)).collect();
        ui.weak(format!("Cites: {}", names.join(", ")));
    }
    if let Some(url) = source.url {
        let url = ds.str(url);
        if is_web_url(url) {
            if ui
                .link("Open the article in a browser ↗")
                .on_hover_text(url)
                .clicked()
            {
                commands.push(Command::OpenUrl(url.to_owned()));
            }
        } else {
            ui.weak(format!("Link not opened (not http/https): {url}"));
        }
    }
    if let Some(c) = source.capture {
        let mut words = format!("Captured copy: {}", c.format.describe());
        if !c.captured.is_empty() {
            words.push_str(&format!(", {}", ds.str(c.captured)));
        }
        if !c.tool.is_empty() {
            words.push_str(&format!(", by {}", ds.str(c.tool)));
        }
        let sha = ds.str(c.sha256);
        ui.weak(format!("{words} · SHA-256 {}…", sha.get(..16).unwrap_or(sha)))
            .on_hover_text(format!(
                "Kept beside the dataset as {}; `claimline verify` checks that its bytes still hash to {sha} and that every quote is in it.",
                ds.str(c.file)
            ));
    }
    if let Some(archived) = source.archived {
        let url = ds.str(archived.url);
        let words = format!("Archived copy, {}", archived.date.describe());
        if is_web_url(url) {
            if ui.link(format!("{words} ↗")).on_hover_text(url).clicked() {
                commands.push(Command::OpenUrl(url.to_owned()));
            }
        } else {
            ui.weak(format!("{words} (not opened: not http/https): {url}"));
        }
    }
}

/// True for http:// and https:// addresses, the only ones Claimline opens.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !lower.contains(char::is_whitespace)
}

/// `text` with the matches of `query` highlighted.
fn highlighted(ui: &Ui, text: &str, query: &TextQuery) -> LayoutJob {
    let style = ui.style();
    let normal = egui::TextFormat {
        font_id: egui::TextStyle::Body.resolve(style),
        color: style.visuals.text_color(),
        italics: true,
        ..Default::default()
    };
    let mut marked = normal.clone();
    marked.background = if style.visuals.dark_mode {
        Color32::from_rgb(120, 90, 0)
    } else {
        Color32::from_rgb(255, 225, 110)
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for range in query.find_all(text) {
        job.append(&text[at..range.start], 0.0, normal.clone());
        job.append(&text[range.clone()], 0.0, marked.clone());
        at = range.end;
    }
    job.append(&text[at..], 0.0, normal);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_open() {
        assert!(is_web_url("https://tass.com/x"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x",
            "https://a b",
            "/tmp/x",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
