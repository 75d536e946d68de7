//! The *Disputes* tab: each contested question with its sides side by side — the
//! accounts disputed, the accounts disputing them, and those who decline to confirm —
//! each event with its date, status, who, its first quote and how many sources back it
//! ([`QuestionCard`]s). A click selects the event and shows the whole dispute on the
//! timeline. A table read through an engine shows the questions bearing on the events
//! on screen, asked when the view comes to rest, in the same layout.

use super::access;
use egui::accesskit::Role;
use egui::{RichText, Ui, UiBuilder};

use super::details::status_badge_ui;
use crate::app::big_table::{Asked, DISPUTES_ON_SCREEN, DisputesOnScreen};
use crate::app::command::Command;
use crate::app::{style, text};
use crate::english::{number, plural, shorten};
use crate::model::{EventIdx, Status};
use crate::timeline::dispute_card::{QuestionCard, SIDES, SideCard};
use crate::timeline::{Document, spoken};

/// Entries laid out at first; more on request.
const PAGE: usize = 100;
/// Longest quote shown in an entry.
const QUOTE_CHARS: usize = 220;
/// A panel at least this wide shows the three columns side by side.
const THREE_COLUMNS: f32 = 520.0;

/// Where the tab's questions come from.
pub enum Questions<'a> {
    /// Every question of a document in memory.
    Document(&'a Document),
    /// The questions bearing on the events on screen, as a query engine told them (or
    /// is telling them).
    OnScreen(Option<&'a DisputesOnScreen>),
}

/// Draws the disputes: every question with its sides, for a document and for a table
/// read through an engine alike (the table's, those on screen).
/// With `focus`, a question takes the keyboard focus (after `D`): the first that the
/// `selected` event takes part in, or else the first.
pub fn disputes_ui(
    ui: &mut Ui,
    questions: Questions<'_>,
    disputed_only: bool,
    focus: bool,
    selected: Option<EventIdx>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        access::heading(ui, "Disputes");
        let mut only = disputed_only;
        if ui
            .checkbox(&mut only, "Disputed only")
            .on_hover_text("Show only the events that take part in a dispute")
            .changed()
        {
            commands.push(Command::SetDisputedOnly(only));
        }
    });
    let shown_id = egui::Id::unique("disputes_shown");
    let shown = ui.data(|d| d.get_temp::<usize>(shown_id)).unwrap_or(PAGE);
    let (cards, total) = match questions {
        Questions::Document(doc) => {
            if doc.disputes.is_empty() {
                ui.label("Nothing is in dispute: this dataset has no relations between events. A relation says which report contradicts, denies, corrects, supports or declines to confirm another, and the question in dispute (see the format in README.md).");
                return commands;
            }
            ui.weak(format!(
                "{} in dispute. Click an event to show the whole dispute on the timeline.",
                plural(doc.disputes.len(), "question")
            ));
            (QuestionCard::of_document(doc, 0..shown), doc.disputes.len())
        }
        Questions::OnScreen(asked) => {
            let rows = match asked.map(|d| &d.rows) {
                None | Some(Asked::Asking(_)) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.weak("asking the engine for the disputes of the events on screen…");
                    });
                    return commands;
                }
                Some(Asked::Failed(why)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("The engine could not list them: {why}"),
                    );
                    return commands;
                }
                Some(Asked::Shown(rows)) => rows,
            };
            if rows.is_empty() {
                ui.label("No event on screen is denied, contradicted, corrected, supported or left unconfirmed by another. Pan or zoom out to look further; a table converted from a dataset with relations has them beside it.");
                return commands;
            }
            let cards = QuestionCard::of_rows(rows);
            let total = cards.len();
            ui.weak(if rows.len() >= DISPUTES_ON_SCREEN {
                format!(
                    "{} in dispute on screen (from the first {} relations, in time order: zoom in for the rest). Click an event to select it.",
                    plural(total, "question"),
                    number(rows.len())
                )
            } else {
                format!(
                    "{} in dispute on screen. Click an event to select it.",
                    plural(total, "question")
                )
            });
            (cards, total)
        }
    };
    let takes_part = |card: &QuestionCard| {
        card.sides
            .iter()
            .flatten()
            .any(|side| Some(side.event) == selected)
    };
    let focused = cards.iter().take(shown).position(takes_part).unwrap_or(0);
    for (k, card) in cards.iter().take(shown).enumerate() {
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            commands.extend(entry_ui(ui, card, focus && k == focused));
        });
    }
    if total > shown {
        let more = total - shown;
        if ui
            .button(format!("Show {} more (of {more})", PAGE.min(more)))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(shown_id, shown + PAGE));
        }
    }
    commands
}

/// One question: its header, its sides, and a button to copy it as Markdown.
fn entry_ui(ui: &mut Ui, card: &QuestionCard, focus: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    // The question is a heading a screen reader can land on and jump between.
    let question = text::shown(&card.question);
    let heading = ui.add(
        egui::Label::new(RichText::new(question.as_ref()).strong())
            .wrap()
            .sense(egui::Sense::FOCUSABLE),
    );
    ui.ctx().accesskit_node_builder(heading.id, |node| {
        node.set_role(Role::Heading);
        node.set_label(question.as_ref());
    });
    // Scrolled into view once it has the focus (`access::keep_focus_in_view`).
    if focus {
        heading.request_focus();
    }
    if let Some((first, last)) = &card.span {
        ui.weak(format!("Started {first} · latest word {last}"));
    }
    if !card.conflicts.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "⚠ These relations cannot be split into two consistent sides: {}",
                text::shown(&card.conflicts.join("; "))
            ),
        );
    }
    if !card.by_editor.is_empty() {
        ui.weak(format!(
            "Linked by the dataset's editor, not by the articles: {}",
            card.by_editor.join("; ")
        ));
    }
    let columns: [(&str, &[SideCard]); 3] = [
        (SIDES[0], &card.sides[0]),
        (SIDES[1], &card.sides[1]),
        (SIDES[2], &card.sides[2]),
    ];
    // Left-aligned, not justified: `columns` justifies, which spreads wrapped text.
    let mut column_ui = |ui: &mut Ui, (title, events): (&str, &[SideCard])| {
        // Each side is a group a screen reader names: "Counter-claim: 2 events".
        let group = UiBuilder::new()
            .layout(egui::Layout::top_down(egui::Align::Min))
            .accessibility_role(Role::Group)
            .accessibility_label(format!("{title}: {}", plural(events.len(), "event")));
        ui.scope_builder(group, |ui| {
            ui.label(RichText::new(title).small().strong());
            if events.is_empty() {
                ui.weak("—");
            }
            for side in events {
                commands.extend(event_ui(ui, card.index, side));
            }
        });
    };
    let declines = card.sides[2].is_empty();
    if ui.available_width() >= THREE_COLUMNS || declines {
        let n = if declines { 2 } else { 3 };
        ui.columns(n, |cols| {
            for (col, column) in cols.iter_mut().zip(columns) {
                column_ui(col, column);
            }
        });
    } else {
        ui.columns(2, |cols| {
            for (col, column) in cols.iter_mut().zip(columns) {
                column_ui(col, column);
            }
        });
        ui.separator();
        column_ui(ui, columns[2]);
    }
    if let Some(index) = card.index {
        let copy = ui
            .small_button("Copy as Markdown")
            .on_hover_text("Copy this question, its sides and their quotes, for an article");
        // Named with its question: eight buttons of the same name say nothing.
        ui.ctx().accesskit_node_builder(copy.id, |node| {
            node.set_label(format!("Copy as Markdown: {question}"));
        });
        if copy.clicked() {
            commands.push(Command::CopyDispute(index));
        }
    }
    commands
}

/// An event on a side: its title (a button that shows the dispute, or selects the
/// event of a table), date, status, who, its first quote and how many sources back it.
fn event_ui(ui: &mut Ui, dispute: Option<usize>, side: &SideCard) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        style::glyph_ui(ui, side.kind, side.status);
        let title = text::shown(&side.title);
        let button = ui
            .add(
                egui::Button::new(RichText::new(title.as_ref()).strong())
                    .wrap()
                    .frame(false),
            )
            .on_hover_text("Select it and show the whole dispute on the timeline");
        // Named with what a sighted reader sees around it: date, status, first quote.
        let mut name = format!("{title}, {}, {}", side.date, spoken::status(side.status));
        if let Some((quote, outlet)) = &side.quote {
            name.push_str(&format!(". {outlet}: “{}”", shorten(quote, QUOTE_CHARS)));
        }
        ui.ctx()
            .accesskit_node_builder(button.id, |node| node.set_label(name));
        if button.clicked() {
            commands.push(match dispute {
                Some(dispute) => Command::ShowDispute {
                    dispute,
                    event: side.event,
                },
                None => Command::Select(Some(side.event)),
            });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.weak(&side.date);
        ui.weak("·");
        status_badge_ui(ui, side.status);
    });
    if !side.who.is_empty() {
        ui.add(egui::Label::new(RichText::new(text::shown(&side.who)).small()).wrap());
    }
    if let Some((quote, outlet)) = &side.quote {
        ui.add(
            egui::Label::new(RichText::new(format!("“{}”", shorten(quote, QUOTE_CHARS))).italics())
                .wrap(),
        );
        ui.weak(format!("— {outlet}"));
    }
    if let Some(n) = side.sources {
        let backing = if n == 0 {
            "No source".to_owned()
        } else {
            plural(n, "source")
        };
        let colour = if n == 0 {
            style::status_text_color(Status::Alleged, ui.visuals())
        } else {
            ui.visuals().weak_text_color()
        };
        ui.colored_label(colour, RichText::new(backing).small());
    }
    ui.add_space(4.0);
    commands
}
