//! The reader: a source's text beside the event being quoted. Words selected become the
//! words to quote; the words already quoted are marked, and so are what Claimline
//! suggests (`panels::suggestions`): dates underlined, quotations tinted.

use egui::text::LayoutJob;
use egui::{Color32, Context, RichText, TextFormat, Ui};

use super::event_editor::field_problems_ui;
use crate::app::command::Command;
use crate::app::session::{Answered, Reader, ReaderSuggestions, Suggested};
use crate::edit;
use crate::edit::forms::SpeakerChoice;
use crate::model::EventIdx;
use crate::timeline::Document;

/// The reader: the source's text with its quotes and Claimline's suggestions marked,
/// the suggestions listed to accept or reject; select words and press *Quote* to add
/// them to the selected event.
pub fn reader_window(
    ctx: &Context,
    doc: &Document,
    reader: &mut Reader,
    answered: &Answered,
    selected: Option<EventIdx>,
    generation: u64,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let Some(source) = ds.sources.get(reader.source) else {
        return vec![Command::CloseReader];
    };
    let mut open = true;
    egui::Window::new(format!("Reader — {}", ds.str(source.outlet)))
        .id(egui::Id::unique("reader"))
        .open(&mut open)
        // Over the timeline, at its left: the side panel, where the event being
        // quoted is edited, stays in sight.
        .default_pos(ctx.content_rect().left_top() + egui::vec2(16.0, 64.0))
        .default_width(560.0)
        .default_height(520.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                if !source.headline.is_empty() {
                    ui.label(RichText::new(ds.str(source.headline)).strong());
                }
                if ui
                    .small_button("Edit source…")
                    .on_hover_text("Its outlet, headline, date, address, and its text")
                    .clicked()
                {
                    commands.push(Command::OpenSourceForm(Some(reader.source)));
                }
            });
            match selected {
                Some(e) => ui.label(format!(
                    "Quotes go to: {}",
                    ds.str(ds.events[e as usize].title)
                )),
                None if ds.events.is_empty() => ui.weak(
                    "No events yet: add one from the suggestions below, then quote onto it.",
                ),
                None => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Select the event the words are about (timeline or list).",
                ),
            };
            if reader.text.trim().is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "This source has no text attached: edit the source to paste or open it. A quote typed below is then checked against it.",
                );
            } else {
                if reader
                    .suggestions
                    .as_ref()
                    .is_none_or(|s| s.generation != generation)
                {
                    reader.suggestions = Some(ReaderSuggestions::read(
                        ds,
                        reader.source,
                        &reader.text,
                        generation,
                    ));
                }
                reader_text_ui(ui, doc, reader, answered, generation);
                ui.weak("Marked: the words already quoted; tinted: quotations suggested; blue, underlined: dates. Select words to quote them.");
                commands.extend(super::suggestions::suggestions_ui(
                    ui, ds, reader, answered, selected,
                ));
            }
            ui.separator();
            let label = ui.label(RichText::new("Words to quote").weak());
            ui.add(
                egui::TextEdit::multiline(&mut reader.quote.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .id_salt("quote_text"),
            )
            .labelled_by(label.id);
            if !reader.text.trim().is_empty() && !reader.quote.text.trim().is_empty() {
                match edit::find_in_text(&reader.quote.text, &reader.text) {
                    Ok(()) => {
                        ui.colored_label(Color32::from_rgb(0x2e, 0x8b, 0x57), "✔ verbatim in the text");
                    }
                    Err(miss) => {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("⚠ “{}” is not in the text", miss.part),
                        );
                        if !miss.closest.is_empty() {
                            ui.weak(format!("Closest passage: “{}…”", miss.closest));
                        }
                    }
                }
            }
            speaker_ui(ui, ds, source.outlet, reader);
            ui.horizontal(|ui| {
                let label = ui.label(RichText::new("Said on (if not the publication date)").weak());
                ui.add(egui::TextEdit::singleline(&mut reader.quote.said).desired_width(110.0))
                    .labelled_by(label.id);
            });
            for field in ["", "text", "source", "speaker", "said"] {
                field_problems_ui(ui, &[], &reader.problems, field);
            }
            let ready = selected.is_some() && !reader.quote.text.trim().is_empty();
            let quote = ui
                .add_enabled(ready, egui::Button::new("Quote"))
                .on_hover_text("Add these words to the selected event (Ctrl+Enter)");
            let key = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
            if ready && (quote.clicked() || key) {
                commands.push(Command::AddQuoteFromReader);
            }
        });
    if !open {
        commands.push(Command::CloseReader);
    }
    commands
}

/// The source's text in the reader, the words already quoted marked and the
/// suggestions not rejected with them; a selection of whole words becomes the words to
/// quote; a suggestion asked for is selected and scrolled to.
fn reader_text_ui(
    ui: &mut Ui,
    doc: &Document,
    reader: &mut Reader,
    answered: &Answered,
    generation: u64,
) {
    if reader.marks.as_ref().is_none_or(|(g, _)| *g != generation) {
        reader.marks = Some((generation, quote_ranges(doc, reader.source, &reader.text)));
    }
    let marks = text_marks(doc, reader, answered);
    let dark = ui.visuals().dark_mode;
    let mut layouter = |ui: &Ui, text: &dyn egui::TextBuffer, wrap: f32| {
        let mut job = marked_job(ui, text.as_str(), &marks, dark);
        job.wrap.max_width = wrap;
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    let reveal = reader.reveal.take();
    let output = egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            let id = ui.make_persistent_id("reader_text");
            if let Some((start, end)) = reveal {
                let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::two(
                        egui::text::CCursor::new(start),
                        egui::text::CCursor::new(end),
                    )));
                state.store(ui.ctx(), id);
            }
            let output = egui::TextEdit::multiline(&mut reader.text.as_str())
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .id(id)
                .show(ui);
            output.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Source text")
            });
            if let Some((start, _)) = reveal {
                let at = output
                    .galley
                    .pos_from_cursor(egui::text::CCursor::new(start))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(at.expand(24.0), Some(egui::Align::Center));
            }
            output
        })
        .inner;
    if let Some(range) = output.cursor_range {
        let chars = range.as_sorted_char_range();
        if chars.start.0 != chars.end.0 {
            let (start, end) = whole_words(
                &reader.text,
                byte_at(&reader.text, chars.start.0),
                byte_at(&reader.text, chars.end.0),
            );
            if reader.selection != Some((start, end)) {
                reader.selection = Some((start, end));
                reader.quote.text = reader.text[start..end].trim().to_owned();
            }
        }
    }
}

/// How a stretch of the reader's text is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    /// Words a quote of the dataset already takes.
    Quoted,
    /// A quotation suggested, not rejected.
    Suggested,
    /// A date expression.
    Date,
}

/// The marked stretches (bytes) of the reader's text.
fn text_marks(doc: &Document, reader: &Reader, answered: &Answered) -> Vec<(usize, usize, Look)> {
    let mut marks: Vec<(usize, usize, Look)> = reader
        .marks
        .as_ref()
        .map(|(_, m)| m.iter().map(|&(a, b)| (a, b, Look::Quoted)).collect())
        .unwrap_or_default();
    let Some(suggestions) = &reader.suggestions else {
        return marks;
    };
    let ds = &doc.dataset;
    let source = ds
        .sources
        .get(reader.source)
        .map(|s| ds.str(s.id).to_owned());
    for q in &suggestions.found.quotes {
        let rejected = source.as_ref().is_some_and(|id| {
            answered
                .rejected
                .contains(&(id.clone(), Suggested::Quote(q.span.start)))
        });
        if let (false, Some((a, b))) = (rejected, suggestions.byte_range(q.span.start, q.span.end))
        {
            marks.push((a, b, Look::Suggested));
        }
    }
    for d in &suggestions.found.dates {
        if let Some((a, b)) = suggestions.byte_range(d.span.start, d.span.end) {
            marks.push((a, b, Look::Date));
        }
    }
    marks
}

/// Who said the words: the outlet, one of the dataset's actors, or someone described
/// in words.
fn speaker_ui(
    ui: &mut Ui,
    ds: &crate::model::Dataset,
    outlet: crate::model::Sym,
    reader: &mut Reader,
) {
    ui.horizontal(|ui| {
        let speaker_label = ui.label(RichText::new("Speaker").weak());
        let label = match &reader.quote.speaker {
            SpeakerChoice::Actor(id) => ds
                .actors
                .iter()
                .find(|a| ds.str(a.id) == id)
                .map_or(id.clone(), |a| ds.str(a.name).to_owned()),
            SpeakerChoice::Outlet => format!("{} (the outlet)", ds.str(outlet)),
            SpeakerChoice::Other(_) => "Someone else…".to_owned(),
        };
        egui::ComboBox::from_id_salt("speaker")
            .selected_text(label)
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut reader.quote.speaker,
                    SpeakerChoice::Outlet,
                    format!("{} (the outlet)", ds.str(outlet)),
                );
                for actor in &ds.actors {
                    let id = ds.str(actor.id).to_owned();
                    ui.selectable_value(
                        &mut reader.quote.speaker,
                        SpeakerChoice::Actor(id),
                        ds.str(actor.name),
                    );
                }
                ui.selectable_value(
                    &mut reader.quote.speaker,
                    SpeakerChoice::Other(String::new()),
                    "Someone else…",
                );
            })
            .response
            .labelled_by(speaker_label.id);
        if let SpeakerChoice::Other(_) = reader.quote.speaker {
            ui.add(
                egui::TextEdit::singleline(&mut reader.other)
                    .hint_text("e.g. two people familiar with the matter")
                    .desired_width(220.0),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Who, in words")
            });
        }
    });
}

/// A selection widened to whole words: a quote does not start or end inside a word.
fn whole_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    while let Some(c) = text[..start].chars().next_back().filter(|&c| word(c)) {
        start -= c.len_utf8();
    }
    while let Some(c) = text[end..].chars().next().filter(|&c| word(c)) {
        end += c.len_utf8();
    }
    (start, end)
}

/// The byte offset of the `n`th character.
fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Byte ranges of the text that the source's quotes (over every event) take, found as
/// written (each part of a quote joined with "...").
fn quote_ranges(doc: &Document, source: usize, text: &str) -> Vec<(usize, usize)> {
    let ds = &doc.dataset;
    let Some(id) = ds.sources.get(source).map(|s| s.id) else {
        return Vec::new();
    };
    let mut ranges = Vec::new();
    for event in &ds.events {
        for quote in ds.quotes(event.quotes).iter().filter(|q| q.source == id) {
            for part in ds.str(quote.text).split("...").map(str::trim) {
                if part.len() < 3 {
                    continue;
                }
                if let Some(at) = text.find(part) {
                    ranges.push((at, at + part.len()));
                }
            }
        }
    }
    ranges.sort_unstable();
    ranges
}

/// The text laid out with its marks: a quoted stretch on yellow, a suggested quotation
/// on blue (yellow wins where both), a date in blue and underlined; marks may overlap.
fn marked_job(ui: &Ui, text: &str, marks: &[(usize, usize, Look)], dark: bool) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let plain = TextFormat::simple(font, color);
    let (quoted, suggested, date) = if dark {
        (
            Color32::from_rgb(0x5a, 0x4a, 0x10),
            Color32::from_rgb(0x1c, 0x3a, 0x5c),
            Color32::from_rgb(0x8c, 0xc4, 0xff),
        )
    } else {
        (
            Color32::from_rgb(0xff, 0xec, 0x99),
            Color32::from_rgb(0xd6, 0xe8, 0xff),
            Color32::from_rgb(0x1f, 0x5f, 0xb0),
        )
    };
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|&(a, b, _)| [a, b])
        .chain([0, text.len()])
        .filter(|&at| at <= text.len() && text.is_char_boundary(at))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let over = |look: Look| marks.iter().any(|&(s, e, l)| l == look && s <= a && b <= e);
        let mut format = plain.clone();
        if over(Look::Quoted) {
            format.background = quoted;
        } else if over(Look::Suggested) {
            format.background = suggested;
        }
        if over(Look::Date) {
            // Coloured as well as underlined: the next line's background may cover the
            // line under it.
            format.color = date;
            format.underline = egui::Stroke::new(1.5, date);
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::whole_words;

    #[test]
    fn a_selection_is_widened_to_whole_words() {
        let text = "Kremlin spokesman denies media reports of a call";
        let at = |w: &str| text.find(w).unwrap_or(0);
        // "denies media repor" → "denies media reports"
        let (a, b) = whole_words(text, at("denies"), at("reports") + 5);
        assert_eq!(&text[a..b], "denies media reports");
        // starting inside a word
        let (a, b) = whole_words(text, at("okesman"), at("denies") + 6);
        assert_eq!(&text[a..b], "spokesman denies");
        // already whole
        let (a, b) = whole_words(text, 0, 7);
        assert_eq!(&text[a..b], "Kremlin");
    }
}
