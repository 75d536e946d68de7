//! Carrying out edits and the document's life: apply a change, undo, redo, new, save,
//! save as, and the question asked before unsaved edits would be lost. Part of
//! [`super::run`]'s job (the one place that changes the app's state), kept apart.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Context;

use super::ClaimlineApp;
use super::dialogs::NO_DIALOG;
use super::dialogs::{self, PendingDialog};
use super::jobs::{FILTER_INLINE_MAX_EVENTS, LoadReason, ReindexJob, SaveJob};
use super::notifications::Level;
use super::panels::windows::PathPrompt;
use super::recovery;
use super::session::{Choice, EventEditor, Pending, Session};
use super::watch::{self, FileWatch, Stamp};
use crate::edit::forms::EventForm;
use crate::edit::{self, Change, Problem};
use crate::load::format::Format;
use crate::model::EventIdx;
use crate::timeline::{Derived, Document, Origin};

/// The title a new event starts with, selected in its form so that typing replaces it.
pub(super) const NEW_EVENT_TITLE: &str = "New event";

impl ClaimlineApp {
    /// Applies `change` to the document on screen; on refusal nothing changes and the
    /// problems come back for the form that asked.
    pub(super) fn apply_change(
        &mut self,
        ctx: &Context,
        change: &Change,
    ) -> Result<(), Vec<Problem>> {
        self.apply_changes(ctx, None, std::slice::from_ref(change))
    }

    /// Applies `changes` in order as one edit (called `label`, or the one change's own
    /// name): one undo takes them all back; a refusal of any leaves the document as it
    /// was. An event added first is selected, its form open with the title ready.
    pub(super) fn apply_changes(
        &mut self,
        ctx: &Context,
        label: Option<String>,
        changes: &[Change],
    ) -> Result<(), Vec<Problem>> {
        let Some(doc) = self.doc.as_mut() else {
            return Err(vec![Problem {
                field: "",
                message: "there is no dataset to edit".to_owned(),
                help: "open a dataset or start a new one (File ▸ New dataset)".to_owned(),
            }]);
        };
        let doc = Arc::make_mut(doc);
        let edit = match (label, changes) {
            (None, [change]) => edit::apply(&mut doc.dataset, change)?,
            (label, changes) => edit::apply_together(
                &mut doc.dataset,
                label.unwrap_or_else(|| "Edit".to_owned()),
                changes,
            )?,
        };
        let moves = event_moves(edit.steps.iter().copied());
        self.session.history.push(edit);
        self.after_edit(ctx, &moves);
        if let Some(Change::Event { index, form }) = changes.first() {
            // The event added or changed is brought into view (the first event of a
            // new dataset: the view had no days to show).
            let doc = self.doc.as_ref();
            let event = doc.and_then(|d| d.dataset.event_index_by_name(form.id.trim()));
            if let Some(e) = event {
                self.keep_in_view(e);
            }
            let added = event.filter(|_| index.is_none());
            if added.is_some() {
                self.set_selected(added);
                self.view.scroll_list_to_selected = true;
                self.session.event = None;
                ctx.data_mut(|d| {
                    d.insert_temp(super::panels::event_editor::title_focus_id(), true);
                });
            }
        }
        if let Some(Change::DeleteEvent(_)) = changes.first() {
            self.set_selected(None);
            self.session.event = None;
        }
        Ok(())
    }

    /// Runs a change that has no form of its own; a refusal is reported, starting with
    /// `refused` ("Not changed").
    pub(super) fn apply_or_report(&mut self, ctx: &Context, change: &Change, refused: &str) {
        if let Err(problems) = self.apply_change(ctx, change) {
            let text = problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            self.notifications
                .push(ctx, Level::Error, format!("{refused}: {text}"));
        }
    }

    /// Undoes the last edit.
    pub(super) fn undo(&mut self, ctx: &Context) {
        self.step_history(ctx, false);
    }

    /// Redoes the last undone edit.
    pub(super) fn redo(&mut self, ctx: &Context) {
        self.step_history(ctx, true);
    }

    /// Takes the history one edit back (or forward again) and shows the result.
    fn step_history(&mut self, ctx: &Context, forward: bool) {
        let history = &mut self.session.history;
        let edit = if forward {
            history.redo()
        } else {
            history.undo()
        };
        let (Some(doc), Some(edit)) = (self.doc.as_mut(), edit.cloned()) else {
            return;
        };
        let dataset = &mut Arc::make_mut(doc).dataset;
        let (verb, moves) = if forward {
            edit::redo(dataset, &edit);
            ("Redid", event_moves(edit.steps.iter().copied()))
        } else {
            edit::undo(dataset, &edit);
            let undone = edit.steps.iter().rev().map(|s| s.inverse());
            ("Undid", event_moves(undone))
        };
        self.notifications
            .push(ctx, Level::Info, format!("{verb}: {}", edit.label));
        if !moves.is_empty() {
            self.set_selected(None);
        }
        self.session.event = None;
        self.after_edit(ctx, &moves);
    }

    /// The document changed: index it again (inline for a small document; on a worker
    /// for a large one, keeping the time order valid meanwhile) and show it.
    fn after_edit(&mut self, ctx: &Context, moves: &[(EventIdx, bool)]) {
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        let large = doc.dataset.events.len() > FILTER_INLINE_MAX_EVENTS;
        let doc = Arc::make_mut(doc);
        if large {
            for &(at, inserted) in moves {
                doc.shift(at, inserted);
            }
        } else {
            doc.reindex();
        }
        self.generation += 1;
        if large && !moves.is_empty() {
            // Positions moved: nothing of the old view may be drawn until the worker
            // has the new one.
            self.view.derived = Derived::default();
        }
        self.workers.derive_job = None;
        if large {
            let doc = self.doc.as_ref().map(Arc::clone);
            self.workers.reindex_job = doc.map(|d| ReindexJob::spawn(ctx, d, self.generation));
        } else {
            self.update_derived(ctx);
        }
        self.session.last_edit = Some(std::time::Instant::now());
        self.session.recovered = false;
        self.session.about = None;
    }

    /// Puts a finished index in place and re-filters.
    pub(super) fn finish_reindex(&mut self, ctx: &Context, index: crate::timeline::DocumentIndex) {
        if let Some(doc) = self.doc.as_mut() {
            Arc::make_mut(doc).install(index);
        }
        self.generation += 1;
        self.update_derived(ctx);
    }

    /// Asks first when there are unsaved edits; otherwise (or once answered) does it.
    pub(super) fn guard(&mut self, ctx: &Context, pending: Pending) {
        if self.session.is_dirty() {
            self.session.confirm = Some(pending);
        } else {
            self.carry_out(ctx, pending);
        }
    }

    fn carry_out(&mut self, ctx: &Context, pending: Pending) {
        match pending {
            Pending::Open(path) => self.start_load(ctx, path, LoadReason::Open),
            Pending::OpenDialog => {
                if dialogs::dialog_possible() {
                    let dir = self
                        .open_file()
                        .and_then(|p| p.parent().map(Path::to_owned));
                    self.windows.dialog = Some(PendingDialog::open(ctx, dir));
                } else {
                    self.windows.path_prompt = Some(PathPrompt::without_dialog(NO_DIALOG));
                }
            }
            Pending::OpenBuiltin => {
                self.workers.load = None;
                self.show_builtin(ctx);
            }
            Pending::Reload | Pending::FileChanged(_) => {
                if let Some(path) = self.open_file() {
                    let reason = if matches!(pending, Pending::Reload) {
                        LoadReason::Reload
                    } else {
                        LoadReason::Changed
                    };
                    // The edits go when the file loaded from disk replaces them; a file
                    // that does not load leaves them on screen, still unsaved.
                    self.start_load(ctx, path, reason);
                }
            }
            Pending::New => self.new_dataset(ctx),
            Pending::Quit => {
                // Closing without saving: the edits are not to be offered again.
                if let Some(dir) = &self.launch.recovery_dir {
                    recovery::remove(dir);
                }
                self.session.close_allowed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The answer to "save the changes?".
    pub(super) fn answer(&mut self, ctx: &Context, choice: Choice) {
        let Some(pending) = self.session.confirm.take() else {
            return;
        };
        match choice {
            Choice::Cancel => {
                if let Pending::FileChanged(path) = &pending
                    && let Some(w) = self.workers.watch.as_mut()
                {
                    w.mark_seen(Stamp::of(path));
                }
            }
            Choice::Discard => self.carry_out(ctx, pending),
            Choice::Save => {
                if let Pending::FileChanged(_) = pending {
                    // Keep mine: write the edits over the file that changed.
                    self.save(ctx);
                } else {
                    // Carried out once the save has succeeded (a large dataset is
                    // saved on a worker; Save as… first asks where).
                    self.session.after_save = Some(pending);
                    self.save(ctx);
                }
            }
        }
    }

    /// Shows a new dataset with nothing in it yet.
    pub(super) fn new_dataset(&mut self, ctx: &Context) {
        let ds = match crate::model::builder::DatasetBuilder::new("Untitled dataset", "") {
            Ok(b) => b.finish(),
            Err(_) => return,
        };
        let loaded = match crate::load::load_built(
            ds,
            Path::new("untitled"),
            crate::load::LoadOptions::strict(false),
        ) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Could not start: {}", e.headline()),
                );
                return;
            }
        };
        let mut doc = Document::new(loaded, Origin::Untitled);
        doc.warnings.clear();
        self.workers.load = None;
        self.show_document(ctx, Arc::new(doc), None, LoadReason::Open);
        self.session.editing = true;
        self.notifications.push(
            ctx,
            Level::Info,
            "New dataset: add actors, sources and events, then save it (Ctrl+S)",
        );
    }

    /// The session for a document just put on screen.
    pub(super) fn start_session(&mut self) {
        let editing = self.session.editing;
        self.session = Session::new();
        self.session.editing = editing;
        // The edits kept against a crash were replaced (unless they are still offered
        // from a session that did not end).
        if self.windows.restore_offer.is_none()
            && let Some(dir) = &self.launch.recovery_dir
        {
            recovery::remove(dir);
        }
    }

    /// Save: to the dataset's file, or (new, built-in, imported) where the user says.
    pub(super) fn save(&mut self, ctx: &Context) -> bool {
        match self.save_target() {
            Some(path) => self.save_to(ctx, path),
            None => {
                self.save_as(ctx);
                false
            }
        }
    }

    /// The file Save writes: the dataset's own file when it is a RON dataset (the
    /// built-in dataset, a new one, an imported table or timeline have none).
    fn save_target(&self) -> Option<PathBuf> {
        let doc = self.doc.as_ref()?;
        let path = doc.origin.path()?;
        let ron = doc.table.is_none()
            && crate::load::read_head(path).is_ok_and(|(_, format)| format == Format::Ron);
        ron.then(|| path.to_owned())
    }

    /// Save as: asks where.
    pub(super) fn save_as(&mut self, ctx: &Context) {
        let name = self
            .doc
            .as_ref()
            .and_then(|d| d.origin.path())
            .and_then(Path::file_stem)
            .map_or_else(
                || "dataset.ron".to_owned(),
                |s| format!("{}.ron", s.to_string_lossy()),
            );
        if dialogs::dialog_possible() {
            self.windows.dialog = Some(PendingDialog::save_dataset(ctx, &name));
        } else {
            let dir = std::env::current_dir().unwrap_or_default();
            self.windows.path_prompt = Some(PathPrompt::save_as(
                NO_DIALOG,
                &dir.join(name).display().to_string(),
            ));
        }
    }

    /// Writes the dataset (and the texts of its new sources) to `path`, atomically; on
    /// failure every edit stays in memory and the reason is shown.
    pub(super) fn save_to(&mut self, ctx: &Context, path: PathBuf) -> bool {
        self.commit_event_form(ctx);
        let Some(doc) = self.doc.clone() else {
            return false;
        };
        let comments = crate::save::comments_of(&path);
        if !comments.lost.is_empty()
            && self.session.comments_confirmed.as_deref() != Some(path.as_path())
        {
            self.session.comments_warning = Some((path, comments.lost.clone()));
            return false;
        }
        let dir = path.parent().map(Path::to_owned).unwrap_or_default();
        for (name, bytes) in &self.session.captures {
            let target = dir.join(name);
            let written = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(anyhow::Error::from)
                .and_then(|()| crate::files::write_atomically(&target, bytes));
            if let Err(e) = written {
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Not saved: could not write the captured copy {name}: {e:#}. Your edits are kept."),
                );
                return false;
            }
        }
        for (name, text) in &self.session.documents {
            if let Err(e) = crate::files::write_atomically(&dir.join(name), text.as_bytes()) {
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Not saved: could not write the source text {name}: {e:#}. Your edits are kept."),
                );
                return false;
            }
        }
        if doc.dataset.events.len() > FILTER_INLINE_MAX_EVENTS {
            // A large dataset is written on a worker; the window carries on.
            self.workers.save_job = Some(SaveJob::spawn(
                ctx,
                doc,
                comments,
                path,
                self.session.history.undo_depth(),
            ));
            return false;
        }
        let result = crate::save::save_file(&doc.dataset, &comments, &path);
        let depth = self.session.history.undo_depth();
        self.saved(ctx, path, depth, result)
    }

    /// What a save did: on success the edits up to `depth` are saved, the file watched
    /// and the recovery file removed; on failure every edit stays, and the reason is
    /// shown.
    pub(super) fn saved(
        &mut self,
        ctx: &Context,
        path: PathBuf,
        depth: usize,
        result: anyhow::Result<()>,
    ) -> bool {
        if let Err(e) = result {
            self.session.after_save = None;
            self.notifications.push(
                ctx,
                Level::Error,
                format!(
                    "Not saved: {e:#}. Your edits are kept; try Save as… (Ctrl+Shift+S) elsewhere."
                ),
            );
            return false;
        }
        self.session.history.mark_saved_at(depth);
        self.session.documents.clear();
        self.session.captures.clear();
        if let Some(doc) = self.doc.as_mut()
            && doc.origin.path() != Some(path.as_path())
        {
            Arc::make_mut(doc).origin = Origin::File(path.clone());
        }
        self.workers.watch = Some(FileWatch::new(&path, Stamp::of(&path), watch::repaint(ctx)));
        self.persisted.remember(&path);
        if let Some(dir) = &self.launch.recovery_dir
            && !self.session.is_dirty()
        {
            recovery::remove(dir);
        }
        self.notifications
            .push(ctx, Level::Success, format!("Saved {}", path.display()));
        if let Some(pending) = self.session.after_save.take() {
            self.carry_out(ctx, pending);
        }
        true
    }

    /// Applies the event form if it differs from the event and is valid (a field lost
    /// the focus, Enter was pressed, or the dataset is about to be saved).
    pub(super) fn commit_event_form(&mut self, ctx: &Context) {
        let Some(editor) = &self.session.event else {
            return;
        };
        let Some(doc) = &self.doc else {
            return;
        };
        let current = EventForm::of(&doc.dataset, editor.event);
        if current.as_ref() == Some(&editor.form) {
            return;
        }
        let mut form = editor.form.clone();
        // An id made from the title (a new event's "event-…", or an accepted
        // suggestion's) follows the title as it is retyped, unless the person typed an
        // id of their own.
        let made = |current: &EventForm| {
            (current.title == NEW_EVENT_TITLE && current.id.starts_with("event-"))
                || current
                    .id
                    .starts_with(&edit::forms::titled_event_id(&current.title, &current.date))
        };
        if let Some(current) = current
            && made(&current)
            && current.id == form.id
            && current.title != form.title
            && !form.title.trim().is_empty()
            && form.title != NEW_EVENT_TITLE
        {
            form.id = edit::forms::free_event_id(
                &doc.dataset,
                &edit::forms::titled_event_id(&form.title, &form.date),
            );
        }
        let change = Change::Event {
            index: Some(editor.event),
            form,
        };
        let event = editor.event;
        match self.apply_change(ctx, &change) {
            Ok(()) => {
                // The id may have changed; the event keeps its position.
                self.set_selected(Some(event));
                self.session.event = None;
            }
            Err(problems) => {
                if let Some(editor) = &mut self.session.event {
                    editor.problems = problems;
                }
            }
        }
    }

    /// The event form for the selection, read again when the selection or the
    /// document changed.
    pub(super) fn sync_event_editor(&mut self) {
        let (Some(doc), Some(e), true) = (&self.doc, self.selected(), self.session.editing) else {
            self.session.event = None;
            return;
        };
        let current = self
            .session
            .event
            .as_ref()
            .is_some_and(|ed| ed.event == e && ed.generation == self.generation);
        if current {
            return;
        }
        if let Some(form) = EventForm::of(&doc.dataset, e) {
            self.session.event = Some(EventEditor {
                event: e,
                generation: self.generation,
                form,
                problems: Vec::new(),
                new_actor: (String::new(), String::new()),
            });
        }
    }

    /// Adds an event on `date` titled "New event" (of `kind`, if given), selects it and
    /// opens its form.
    pub(super) fn add_event_on(
        &mut self,
        ctx: &Context,
        date: &str,
        kind: Option<crate::model::EventKind>,
    ) {
        let Some(doc) = &self.doc else {
            return;
        };
        let mut form = EventForm::new(&doc.dataset, date);
        NEW_EVENT_TITLE.clone_into(&mut form.title);
        if let Some(kind) = kind {
            form.kind = kind;
        }
        self.session.editing = true;
        self.apply_or_report(ctx, &Change::Event { index: None, form }, "No event added");
    }

    /// The date a new event gets: the selected event's; in a dataset with no events yet,
    /// its newest source's publication day, or today; else the middle of the view.
    pub(super) fn date_for_new_event(&self) -> String {
        if let (Some(doc), Some(e)) = (&self.doc, self.selected())
            && let Some(event) = doc.dataset.events.get(e as usize)
        {
            return event.date.to_string();
        }
        if let Some(doc) = &self.doc
            && doc.dataset.events.is_empty()
        {
            // No view to take a day from: a date a person would pick.
            return doc
                .dataset
                .sources
                .iter()
                .map(|s| s.published)
                .filter(|d| !d.is_window())
                .max_by_key(crate::model::FuzzyDate::earliest)
                .map_or_else(
                    || chrono::Local::now().format("%Y-%m-%d").to_string(),
                    |d| d.to_string(),
                );
        }
        let day = self
            .view
            .timeline
            .visible_days()
            .map(|(a, b)| (a + b) / 2.0)
            .unwrap_or_else(|| {
                f64::from(crate::model::date::day_number(
                    chrono::Local::now().date_naive(),
                ))
            });
        // The view's width in days over about 25 spans of 40 points.
        let span = self
            .view
            .timeline
            .visible_days()
            .map_or(365.0, |(a, b)| b - a);
        crate::timeline::calendar::date_at_zoom(day, span / 25.0)
    }

    /// The event waiting for "delete it?".
    pub(super) fn ask_delete(&mut self, e: EventIdx) {
        self.session.delete = Some(e);
    }
}

/// The events an edit's steps insert (`true`) or remove (`false`), by position, in the
/// order they happen.
fn event_moves(steps: impl Iterator<Item = edit::history::Step>) -> Vec<(EventIdx, bool)> {
    steps
        .filter(|s| s.list == edit::history::List::Events)
        .filter_map(|s| {
            let at = EventIdx::try_from(s.index).ok()?;
            match (s.before, s.after) {
                (None, Some(_)) => Some((at, true)),
                (Some(_), None) => Some((at, false)),
                _ => None,
            }
        })
        .collect()
}
