//! The reader's suggestions, listed under its text: the sentences that report an event
//! (each with its date, kind and quotations: *Add event* or reject) and the quotations
//! with their speakers (*Quote* onto the selected event, *Use* to choose the speaker
//! first, or reject). A click on a suggestion's words selects them in the text.
//! A proposed event whose sentence an event already quotes says which (accepted, or
//! quoted by hand; an undo offers it again); rejected ones hide until brought back.

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::session::{Answered, Reader, Suggested};
use crate::english::{plural, shorten};
use crate::model::{Dataset, EventIdx};

/// The longest a suggestion's words are shown in the list, in characters.
const SHOWN_CHARS: usize = 110;

/// The list of the reader's suggestions; commands for what the person answers.
pub fn suggestions_ui(
    ui: &mut Ui,
    ds: &Dataset,
    reader: &Reader,
    answered: &Answered,
    selected: Option<EventIdx>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(suggestions) = &reader.suggestions else {
        return commands;
    };
    let Some(source) = ds.sources.get(reader.source) else {
        return commands;
    };
    let source_id = ds.str(source.id).to_owned();
    let key = |what: Suggested| (source_id.clone(), what);
    let found = &suggestions.found;
    let rejected = |what: Suggested| answered.rejected.contains(&key(what));
    let open_events: Vec<usize> = (0..found.events.len())
        .filter(|&n| !rejected(Suggested::Event(found.events[n].span.start)))
        .collect();
    let open_quotes: Vec<usize> = (0..found.quotes.len())
        .filter(|&n| !rejected(Suggested::Quote(found.quotes[n].span.start)))
        .collect();
    let quoted = reader.marks.as_ref().map_or(&[][..], |(_, m)| m.as_slice());
    let is_quoted = |n: usize| {
        let q = &found.quotes[n];
        suggestions
            .byte_range(q.span.start, q.span.end)
            .is_some_and(|(a, b)| quoted.iter().any(|&(s, e)| s <= a && b <= e))
    };
    let header = format!(
        "Suggestions: {} · {} · {}",
        plural(open_events.len(), "event"),
        plural(open_quotes.len(), "quotation"),
        plural(found.dates.len(), "date"),
    );
    egui::CollapsingHeader::new(RichText::new(header).strong())
        .id_salt("reader_suggestions")
        .default_open(true)
        .show(ui, |ui| {
            match suggestions.published {
                Some(day) => ui.weak(format!(
                    "Relative dates (“Friday”, “last week”) count from {}, the day of publication.",
                    day.format("%-d %B %Y")
                )),
                None => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "No day of publication: relative dates (“Friday”) get no date. Give the source's Published date (Edit source…).",
                ),
            };
            egui::ScrollArea::vertical()
                .id_salt("reader_suggestions_list")
                .max_height(220.0)
                .show(ui, |ui| {
                    for &n in &open_events {
                        event_row(ui, ds, reader, n, &mut commands);
                    }
                    if !open_events.is_empty() && !open_quotes.is_empty() {
                        ui.separator();
                    }
                    for &n in &open_quotes {
                        quote_row(ui, ds, reader, n, is_quoted(n), selected, &mut commands);
                    }
                });
            let hidden = answered
                .rejected
                .iter()
                .filter(|(s, _)| *s == source_id)
                .count();
            if hidden > 0
                && ui
                    .small_button(format!("Show {} rejected again", plural(hidden, "suggestion")))
                    .clicked()
            {
                commands.push(Command::BringBackRejected);
            }
        });
    commands
}

/// One proposed event: its date, kind and sentence; *Add event* and reject, or the
/// event that already quotes it (a click selects that event).
fn event_row(ui: &mut Ui, ds: &Dataset, reader: &Reader, n: usize, commands: &mut Vec<Command>) {
    let Some(suggestions) = &reader.suggestions else {
        return;
    };
    let Some(event) = suggestions.found.events.get(n) else {
        return;
    };
    let taken = suggestions
        .taken
        .get(n)
        .copied()
        .flatten()
        .filter(|&e| (e as usize) < ds.events.len());
    let date = event
        .date
        .as_ref()
        .and_then(|d| d.value.clone())
        .unwrap_or_else(|| "no date".to_owned());
    let words = format!(
        "{date} · {} — {}",
        event.kind.label(),
        shorten(&event.sentence, SHOWN_CHARS)
    );
    ui.horizontal_wrapped(|ui| {
        match taken {
            Some(e) => {
                let title = shorten(ds.str(ds.events[e as usize].title), 40);
                if ui
                    .small_button(format!("✔ in “{title}”"))
                    .on_hover_text("An event quotes this sentence already: select it")
                    .clicked()
                {
                    commands.push(Command::Select(Some(e)));
                }
            }
            None => {
                let add = ui.small_button("Add event").on_hover_text(format!(
                    "Add it as an event of {date}{}, with {} (Ctrl+Z undoes it)",
                    event
                        .date
                        .as_ref()
                        .map(|d| format!(" — {}", d.note))
                        .unwrap_or_default(),
                    plural(event.quotes.len(), "quotation"),
                ));
                add.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Add event: {}", shorten(&event.sentence, 60)),
                    )
                });
                if add.clicked() {
                    commands.push(Command::AcceptSuggestedEvent(n));
                }
                reject_button(
                    ui,
                    Suggested::Event(event.span.start),
                    &event.sentence,
                    commands,
                );
            }
        }
        if ui
            .add(egui::Label::new(words).sense(egui::Sense::click()).wrap())
            .on_hover_text(format!("“{}” — show it in the text", event.cue))
            .clicked()
        {
            reveal(commands, event.span.start, event.span.end);
        }
    });
}

/// One quotation: its words and speaker; *Quote* (or *Use* without a speaker) and
/// reject, or "quoted" when the dataset already quotes it.
fn quote_row(
    ui: &mut Ui,
    ds: &Dataset,
    reader: &Reader,
    n: usize,
    quoted: bool,
    selected: Option<EventIdx>,
    commands: &mut Vec<Command>,
) {
    let Some(quote) = reader
        .suggestions
        .as_ref()
        .and_then(|s| s.found.quotes.get(n))
    else {
        return;
    };
    let speaker = quote.speaker.as_ref().map_or_else(
        || "speaker not said".to_owned(),
        |s| format!("{} ({})", s.name, s.how),
    );
    let words = format!(
        "“{}”{} — {speaker}",
        shorten(&quote.text, SHOWN_CHARS),
        if quote.partial { " (partial)" } else { "" }
    );
    ui.horizontal_wrapped(|ui| {
        if quoted {
            ui.weak("✔ quoted");
        } else {
            let direct = quote.speaker.is_some();
            let button = if direct { "Quote" } else { "Use" };
            let hover = match (direct, selected) {
                (true, Some(_)) => "Add these words to the selected event, with their speaker",
                (true, None) => "Select the event the words are about first",
                (false, _) => "Put these words in the quote form below, to choose who said them",
            };
            let enabled = !direct || selected.is_some();
            let add = ui
                .add_enabled(enabled, egui::Button::new(button).small())
                .on_hover_text(hover)
                .on_disabled_hover_text(hover);
            add.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    enabled,
                    format!("{button}: {}", shorten(&quote.text, 60)),
                )
            });
            if add.clicked() {
                commands.push(if direct {
                    Command::AcceptSuggestedQuote(n)
                } else {
                    Command::UseSuggestedQuote(n)
                });
            }
            reject_button(
                ui,
                Suggested::Quote(quote.span.start),
                &quote.text,
                commands,
            );
            // A speaker the text names who is no actor yet: one click makes them one
            // (their quotations then name them as an actor).
            if let Some(actor) = quote
                .speaker
                .as_ref()
                .filter(|s| s.actor.is_none())
                .and_then(|s| crate::edit::suggested::actor_of(ds, &s.name))
            {
                let add = ui
                    .small_button(format!("➕ {}", actor.name))
                    .on_hover_text(format!(
                        "Add {} as an actor ({}{})",
                        actor.name,
                        actor.id,
                        if actor.role.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", actor.role)
                        }
                    ));
                add.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Add actor: {}", actor.name),
                    )
                });
                if add.clicked() {
                    commands.push(Command::Edit(crate::edit::Change::AddActor(actor)));
                }
            }
        }
        if ui
            .add(egui::Label::new(words).sense(egui::Sense::click()).wrap())
            .on_hover_text("Show it in the text")
            .clicked()
        {
            reveal(commands, quote.span.start, quote.span.end);
        }
    });
}

/// The ✖ that rejects a suggestion, named for a screen reader by its words.
fn reject_button(ui: &mut Ui, what: Suggested, words: &str, commands: &mut Vec<Command>) {
    let reject = ui
        .small_button("✖")
        .on_hover_text("Reject: hide this suggestion");
    reject.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Reject: {}", shorten(words, 60)),
        )
    });
    if reject.clicked() {
        commands.push(Command::RejectSuggestion(what));
    }
}

/// Asks the reader to select characters `start..end` of its text and scroll to them.
fn reveal(commands: &mut Vec<Command>, start: usize, end: usize) {
    commands.push(Command::RevealInReader(start, end));
}
