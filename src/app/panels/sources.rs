//! The *Sources & quotes* section: each quote behind the selected event, verbatim, with
//! who said it and where it was published (from its [`Card`], for memory and engine
//! alike).

use egui::accesskit::Role;
use egui::{Color32, RichText, Ui, text::LayoutJob};

use super::access::focus_item;

use crate::app::command::Command;
use crate::app::text;
use crate::timeline::TextQuery;
use crate::timeline::card::{Card, SourceCard};

/// Draws the quotes on `card`, grouped by source; `query` is highlighted in them. With
/// `focus_first`, the first quote takes the keyboard focus.
pub fn sources_ui(ui: &mut Ui, card: &Card, query: &TextQuery, focus_first: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    if card.quotes.is_empty() {
        ui.weak("No quotes: this event is unsourced in the dataset.");
    }
    if !card.cited.is_empty() {
        ui.label(RichText::new("Cited without a quote:").strong());
        for source in &card.cited {
            source_header_ui(ui, source, &mut commands);
        }
        if !card.quotes.is_empty() {
            ui.separator();
        }
    }
    let total = card.quote_count();
    let mut n = 0;
    for (g, (source, quotes)) in card.quotes.iter().enumerate() {
        if g > 0 {
            ui.separator();
        }
        if let Some(source) = source {
            source_header_ui(ui, source, &mut commands);
        }
        for quote in quotes {
            ui.add_space(3.0);
            n += 1;
            let text = format!("“{}”", text::shown(&quote.text));
            let mut name = format!("Quote {n} of {total}");
            let speaker = quote.speaker.trim_start_matches(['—', ' ']);
            if let Some(outlet) = speaker.strip_prefix("the outlet's own reporting") {
                name.push_str(&format!(", the outlet's own reporting{outlet}"));
            } else if !speaker.is_empty() {
                name.push_str(&format!(", said by {}", text::shown(speaker)));
            }
            name.push_str(&format!(": {text}"));
            if let Some(said) = &quote.said {
                name.push_str(&format!(" Said {said}."));
            }
            let item = focus_item(ui, ("quote", n), Role::Paragraph, name, |ui| {
                ui.add(
                    egui::Label::new(highlighted(ui, &text, query))
                        .wrap()
                        .selectable(true),
                );
                if !quote.speaker.is_empty() {
                    ui.label(RichText::new(text::shown(&quote.speaker)).strong());
                }
                if let Some(said) = &quote.said {
                    ui.weak(format!("Said: {said}"));
                }
            });
            if focus_first && n == 1 {
                item.response.request_focus();
            }
        }
    }
    commands
}

/// Outlet, headline, publication date (with how it was derived), what it cites, link,
/// captured and archived copies.
fn source_header_ui(ui: &mut Ui, source: &SourceCard, commands: &mut Vec<Command>) {
    let mut name = format!("Source: {}", text::shown(&source.outlet));
    if !source.headline.is_empty() {
        name.push_str(&format!(", “{}”", text::shown(&source.headline)));
    }
    if !source.published.is_empty() {
        name.push_str(&format!(". Published {}", source.published));
    }
    if !source.cites.is_empty() {
        name.push_str(&format!(
            ". Cites: {}",
            text::shown(&source.cites.join(", "))
        ));
    }
    let salt = (
        "source",
        &source.outlet,
        &source.headline,
        &source.published,
    );
    focus_item(ui, salt, Role::Group, name, |ui| {
        if !source.outlet.is_empty() || !source.headline.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(text::shown(&source.outlet)).strong());
                if !source.headline.is_empty() {
                    ui.label(
                        RichText::new(format!("“{}”", text::shown(&source.headline))).italics(),
                    );
                }
            });
        }
        if !source.published.is_empty() {
            let published = ui.weak(format!("Published {}", source.published));
            if !source.published_note.is_empty() {
                published.on_hover_text(text::shown(&source.published_note));
            }
        }
        if !source.cites.is_empty() {
            ui.weak(format!("Cites: {}", text::shown(&source.cites.join(", "))));
        }
        if let Some(url) = &source.url {
            if is_web_url(url) {
                if ui
                    .link("Open the article in a browser ↗")
                    .on_hover_text(text::shown(url))
                    .clicked()
                {
                    commands.push(Command::OpenUrl(url.clone()));
                }
            } else {
                ui.weak(format!(
                    "Link not opened (not http/https): {}",
                    text::shown(url)
                ));
            }
        }
        if let Some((words, sha, file)) = &source.capture {
            ui.weak(format!(
                "Captured copy: {words} · SHA-256 {}…",
                sha.get(..16).unwrap_or(sha)
            ))
            .on_hover_text(format!(
                "Kept beside the dataset as {file}; `claimline verify` checks that its bytes still hash to {sha} and that every quote is in it."
            ));
        }
        if let Some((date, url)) = &source.archived {
            let words = format!("Archived copy, {date}");
            if is_web_url(url) {
                if ui.link(format!("{words} ↗")).on_hover_text(url).clicked() {
                    commands.push(Command::OpenUrl(url.clone()));
                }
            } else {
                ui.weak(format!("{words} (not opened: not http/https): {url}"));
            }
        }
    });
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
