//! Answering the reader's suggestions: accepting a proposed event (the event with its
//! date, note, actors and quotations, one edit that one undo takes back), adding a
//! proposed quotation to the selected event, putting one in the quote form, rejecting
//! one. Part of [`super::run`]'s job, kept apart.

use egui::Context;

use super::ClaimlineApp;
use super::notifications::Level;
use super::session::Suggested;
use crate::edit::forms::SpeakerChoice;
use crate::edit::suggested::{Reading, event_changes, quote_change};

impl ClaimlineApp {
    /// What `make` builds from the reader's reading (its source, text and day of
    /// publication) and suggestions; `None` without a reader or its suggestions.
    fn with_reading<T>(
        &self,
        make: impl FnOnce(&crate::model::Dataset, Reading<'_>, &crate::suggest::Suggestions) -> T,
    ) -> Option<T> {
        let doc = self.doc.as_ref()?;
        let reader = self.session.reader.as_ref()?;
        let suggestions = reader.suggestions.as_ref()?;
        let ds = &doc.dataset;
        let source = ds.sources.get(reader.source)?;
        let published_as = source.published.to_string();
        let reading = Reading {
            source: ds.str(source.id),
            text: &reader.text,
            published: suggestions.published,
            published_as: Some(&published_as),
        };
        Some(make(ds, reading, &suggestions.found))
    }

    /// Accepts the reader's suggested event `n`.
    pub(super) fn accept_suggested_event(&mut self, ctx: &Context, n: usize) {
        let Some(made) =
            self.with_reading(|ds, reading, found| event_changes(ds, reading, found, n))
        else {
            return;
        };
        let Some((label, changes)) = made else {
            self.notifications.push(
                ctx,
                Level::Error,
                "No event added: the sentence has no date and the source no publication date. Give the source's Published date (Edit source…).",
            );
            return;
        };
        match self.apply_changes(ctx, Some(label), &changes) {
            Ok(()) => {
                let quotes = changes.len() - 1;
                self.notifications.push(
                    ctx,
                    Level::Success,
                    format!(
                        "Event added with {} — check its title and date (Ctrl+Z undoes it)",
                        crate::english::plural(quotes, "quote")
                    ),
                );
            }
            Err(problems) => {
                let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("No event added: {}", text.join("; ")),
                );
            }
        }
    }

    /// Adds the reader's suggested quotation `n` to the selected event.
    pub(super) fn accept_suggested_quote(&mut self, ctx: &Context, n: usize) {
        let Some(event) = self.selected() else {
            self.notifications.push(
                ctx,
                Level::Error,
                "Select the event the words are about first (timeline or list)",
            );
            return;
        };
        let Some(Some(change)) = self.with_reading(|ds, reading, found| {
            found
                .quotes
                .get(n)
                .and_then(|q| quote_change(ds, reading, q, event))
        }) else {
            self.use_suggested_quote(n);
            return;
        };
        match self.apply_changes(ctx, None, &[change]) {
            Ok(()) => {
                self.set_selected(Some(event));
                self.notifications
                    .push(ctx, Level::Success, "Quote added to the selected event");
            }
            Err(problems) => {
                if let Some(reader) = &mut self.session.reader {
                    reader.problems = problems;
                }
            }
        }
    }

    /// Puts the reader's suggested quotation `n` in the quote form (its words, and its
    /// speaker when the text names one), selected in the text.
    pub(super) fn use_suggested_quote(&mut self, n: usize) {
        let Some(doc) = self.doc.as_ref() else {
            return;
        };
        let ds = &doc.dataset;
        let Some(reader) = self.session.reader.as_mut() else {
            return;
        };
        let Some(quote) = reader
            .suggestions
            .as_ref()
            .and_then(|s| s.found.quotes.get(n))
            .cloned()
        else {
            return;
        };
        reader.quote.text.clone_from(&quote.text);
        reader.quote.speaker = match &quote.speaker {
            Some(s) => match &s.actor {
                Some(id) if ds.actors.iter().any(|a| ds.str(a.id) == id.as_str()) => {
                    SpeakerChoice::Actor(id.clone())
                }
                _ => {
                    reader.other.clone_from(&s.name);
                    SpeakerChoice::Other(s.name.clone())
                }
            },
            None => SpeakerChoice::Other(String::new()),
        };
        reader.problems.clear();
        reader.reveal = Some((quote.span.start, quote.span.end));
    }

    /// Hides a suggestion of the reader's source.
    pub(super) fn reject_suggestion(&mut self, what: Suggested) {
        let (Some(doc), Some(reader)) = (self.doc.as_ref(), self.session.reader.as_ref()) else {
            return;
        };
        let ds = &doc.dataset;
        if let Some(source) = ds.sources.get(reader.source) {
            self.session
                .answered
                .rejected
                .insert((ds.str(source.id).to_owned(), what));
        }
    }

    /// Shows the reader's rejected suggestions again.
    pub(super) fn bring_back_rejected(&mut self) {
        let (Some(doc), Some(reader)) = (self.doc.as_ref(), self.session.reader.as_ref()) else {
            return;
        };
        let ds = &doc.dataset;
        if let Some(source) = ds.sources.get(reader.source) {
            let id = ds.str(source.id);
            self.session.answered.rejected.retain(|(s, _)| s != id);
        }
    }
}
