//! Carrying out commands: `run` hands each command first to the part that owns all it
//! changes (the windows, the persisted settings, the view, the editing session), then
//! to the runner of its job — looking (`looking.rs`), the forms (`forms.rs`), editing
//! (here, with `editing.rs` and `authoring.rs`) — and holds edits back while a worker
//! still reads the document.

use std::sync::Arc;

use egui::Context;

use super::ClaimlineApp;
use super::command::Command;
use super::dialogs::NO_DIALOG;
use super::dialogs::{self, PendingDialog};
use super::notifications::Level;

use crate::edit::Change;

impl ClaimlineApp {
    /// Runs one command.
    pub(super) fn run(&mut self, ctx: &Context, command: Command) {
        if command.edits() && (self.doc_shared() || !self.workers.deferred.is_empty()) {
            // A worker still reads this large document: the edit waits for it (a few
            // frames) instead of copying the whole document on this thread.
            self.workers.deferred.push(command);
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
            return;
        }
        if let (Some(big), Some(needed)) = (&self.big, command.needs())
            && !big.data.can(needed)
        {
            self.notifications.push(
                ctx,
                Level::Info,
                "This table is read through the query engine: it is not loaded, so it cannot be \
                 edited, saved or published here. Convert an edited table again with \
                 `claimline convert`.",
            );
            return;
        }
        if let Some(big) = self.big.as_mut() {
            // The event clicked is asked of the engine by its row; it is not in `doc`.
            match &command {
                Command::Select(e) => return big.select(ctx, *e),
                Command::JumpTo(e) => return big.select(ctx, Some(*e)),
                Command::WantListRows(first, last) => return big.want_rows(ctx, *first, *last),
                _ => {}
            }
        }
        // What one part owns, that part carries out.
        let Some(command) = self
            .windows
            .run(command)
            .and_then(|c| self.persisted.run(c))
            .and_then(|c| self.view.run(c))
            .and_then(|c| self.session.run(c))
        else {
            return;
        };
        match command {
            c @ (Command::ShowWarnings
            | Command::ClosePathPrompt
            | Command::BrowseExportPath
            | Command::Export(..)
            | Command::BrowsePublishPath
            | Command::PublishTo(..)
            | Command::OpenEngineForm
            | Command::OpenThroughEngine { .. }
            | Command::OpenTable(..)
            | Command::SaveMapping
            | Command::LoadMapping) => self.run_form_command(ctx, c),
            Command::ChooseStreetTiles => self.choose_street_tiles(ctx),
            Command::SetStreetTiles(path) => self.choose_street_tiles_at(ctx, path),
            c @ (Command::Edit(..)
            | Command::CommitEventForm
            | Command::AddEventOn(..)
            | Command::AskDeleteEvent(..)
            | Command::ConfirmDelete(..)
            | Command::Confirm(..)
            | Command::ConfirmComments(..)
            | Command::SaveTo(..)
            | Command::OpenSourceForm(..)
            | Command::SaveSourceForm
            | Command::AttachText
            | Command::AttachCapture(..)
            | Command::AttachFile(..)
            | Command::OpenReader(..)
            | Command::AddQuoteFromReader
            | Command::AcceptSuggestedEvent(..)
            | Command::AcceptSuggestedQuote(..)
            | Command::UseSuggestedQuote(..)
            | Command::RejectSuggestion(..)
            | Command::BringBackRejected
            | Command::OpenRelationForm
            | Command::LinkEvents(..)
            | Command::AddRelationFromForm
            | Command::Restore(..)) => self.run_editing_command(ctx, c),
            c => self.run_view_command(ctx, c),
        }
    }

    /// Editing and authoring: changes, forms for events, sources and links, the reader,
    /// saving and what waits on it.
    fn run_editing_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Edit(change) => self.apply_or_report(ctx, &change, "Not changed"),
            Command::CommitEventForm => self.commit_event_form(ctx),
            Command::AddEventOn(date, kind) => self.add_event_on(ctx, &date, kind),
            Command::AskDeleteEvent(e) => self.ask_delete(e),
            Command::ConfirmDelete(delete) => {
                if let Some(e) = self.session.delete.take()
                    && delete
                {
                    self.apply_or_report(ctx, &Change::DeleteEvent(e), "Not deleted");
                }
            }
            Command::Confirm(choice) => self.answer(ctx, choice),
            Command::ConfirmComments(save) => {
                if let Some((path, _)) = self.session.comments_warning.take()
                    && save
                {
                    self.session.comments_confirmed = Some(path.clone());
                    self.save_to(ctx, path);
                }
            }
            Command::SaveTo(path) => {
                self.save_to(ctx, path);
            }
            Command::OpenSourceForm(index) => self.open_source_form(index),
            Command::SaveSourceForm => self.save_source_form(ctx),
            Command::AttachText => {
                if dialogs::dialog_possible() {
                    self.windows.dialog = Some(PendingDialog::attach_text(ctx));
                } else if let Some(form) = &mut self.session.source {
                    form.note = Some(format!(
                        "{NO_DIALOG} (A saved page, a WARC or WACZ, or a text file; or paste the text.)"
                    ));
                    form.path.get_or_insert_with(String::new);
                }
            }
            Command::AttachCapture(path) => self.attach_capture(&path),
            Command::AttachFile(path) => self.attach_text(&path),
            Command::OpenReader(source) => self.open_reader(source),
            Command::AddQuoteFromReader => self.add_quote_from_reader(ctx),
            Command::AcceptSuggestedEvent(n) => self.accept_suggested_event(ctx, n),
            Command::AcceptSuggestedQuote(n) => self.accept_suggested_quote(ctx, n),
            Command::UseSuggestedQuote(n) => self.use_suggested_quote(n),
            Command::RejectSuggestion(what) => self.reject_suggestion(what),
            Command::BringBackRejected => self.bring_back_rejected(),
            Command::OpenRelationForm => self.open_relation_form(),
            Command::LinkEvents(from, to) => self.link_events(from, to),
            Command::AddRelationFromForm => self.add_relation_from_form(ctx),
            Command::Restore(restore) => self.restore(ctx, restore),
            _ => {}
        }
    }

    /// True when the document on screen is large and a worker still holds it: changing
    /// it now would copy it.
    pub(super) fn doc_shared(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| {
            Arc::strong_count(d) > 1
                && d.dataset.events.len() > super::jobs::FILTER_INLINE_MAX_EVENTS
        })
    }

    /// Runs the edits that waited for a worker, once it has let go of the document.
    pub(super) fn run_deferred(&mut self, ctx: &Context) {
        if self.workers.deferred.is_empty() {
            return;
        }
        if self.doc_shared() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
            return;
        }
        for command in std::mem::take(&mut self.workers.deferred) {
            self.run(ctx, command);
        }
    }
}
