//! Opening: the file on screen, loading one (on a worker), a converted table through the
//! engine, and putting a document on screen with its first view.

use super::ClaimlineApp;
use super::jobs::{LoadJob, LoadReason};
use super::notifications::Level;
use super::panels::problems::Problems;
use super::watch::{self, FileWatch, Stamp};
use crate::timeline::{Derived, Document};
use egui::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl ClaimlineApp {
    /// The file of the document on screen, if it has one.
    pub(super) fn open_file(&self) -> Option<PathBuf> {
        self.doc
            .as_ref()
            .and_then(|d| d.origin.path())
            .map(Path::to_owned)
    }

    pub(super) fn show_builtin(&mut self, ctx: &Context) {
        match Document::builtin() {
            Ok(doc) => self.show_document(ctx, Arc::new(doc), None, LoadReason::Open),
            Err(e) => self.windows.problems = Some(Problems::from_error(&e, None)),
        }
    }

    pub(super) fn start_load(&mut self, ctx: &Context, path: PathBuf, reason: LoadReason) {
        // A table `claimline convert` wrote is found on the load worker and then read
        // through the engine ([`Self::open_table`]), never loaded.
        let mut filter = self.view.filter.clone();
        filter.actors.clear();
        filter.outlets.clear();
        let mapping = self
            .persisted
            .mapping_for(&path)
            .cloned()
            .unwrap_or_default();
        self.workers.load = Some(LoadJob::spawn(
            ctx,
            path,
            reason,
            filter,
            self.persisted.lane_mode,
            mapping,
        ));
    }

    /// Opens the table at `path` through `engine` on a worker, as a file is opened (by
    /// group where it has groups).
    #[cfg(feature = "engine")]
    pub(super) fn open_table(
        &mut self,
        ctx: &Context,
        path: PathBuf,
        engine: crate::engine::queries::Engine,
    ) {
        let opener = super::big_open::engine_opener(path.clone(), engine);
        self.start_big_open(ctx, path, opener);
    }

    /// Opens a table on a worker with `opener`, with no filter, in the lanes chosen.
    pub(super) fn start_big_open(
        &mut self,
        ctx: &Context,
        path: PathBuf,
        opener: super::big_open::BigOpener,
    ) {
        self.workers.big_open = Some(super::big_open::BigOpenJob::spawn(
            ctx,
            path,
            opener,
            crate::timeline::TableAsk::opening(
                &crate::timeline::Filter::default(),
                self.persisted.lane_mode,
            ),
        ));
    }

    /// Puts a loaded document on screen. `derived` is its first filtered view when a
    /// worker computed it; without one (the built-in dataset, a preloaded document) it
    /// is computed here, inline for small documents and on a worker for large ones.
    pub(super) fn show_document(
        &mut self,
        ctx: &Context,
        doc: Arc<Document>,
        derived: Option<Derived>,
        reason: LoadReason,
    ) {
        self.big = None;
        self.present(ctx, doc, derived, reason);
    }

    /// Puts `doc` on screen (see [`Self::show_document`]); a table read through an
    /// engine comes here with `big` set.
    pub(super) fn present(
        &mut self,
        ctx: &Context,
        doc: Arc<Document>,
        derived: Option<Derived>,
        reason: LoadReason,
    ) {
        // A reload keeps the selected event, found again by its id.
        let previous_id = match &self.view.selection {
            Some(selection) if reason != LoadReason::Open => Some(selection.id().to_owned()),
            _ => None,
        };
        self.view.filter.actors.clear();
        self.view.filter.outlets.clear();
        if reason == LoadReason::Open {
            // An imported timeline's groups are its lanes (decided with the lanes, on
            // the worker, for a loaded file).
            self.persisted.lane_mode = match &derived {
                Some(d) => d.lanes.mode,
                None => self.persisted.lane_mode.for_document(&doc),
            };
        }
        self.generation += 1;
        self.start_session();
        self.doc = Some(Arc::clone(&doc));
        self.workers.derive_job = None;
        self.workers.reindex_job = None;
        self.view.fit_pending = reason == LoadReason::Open;
        if reason == LoadReason::Open {
            self.view.map.fit();
        }
        self.set_selected(previous_id.and_then(|id| doc.dataset.event_index_by_name(&id)));
        if let Some(id) = self.launch.pending_select.take() {
            if let Some(big) = self.big.as_mut() {
                // A table's events are asked of its engine, on a worker.
                big.select_id(ctx, id);
            } else if let Some(e) = doc.dataset.event_index_by_name(&id) {
                self.set_selected(Some(e));
                self.view.scroll_list_to_selected = true;
            } else {
                self.notifications
                    .push(ctx, Level::Error, format!("No event has the id \"{id}\""));
            }
        }
        // The first view (framed to fit when the document was opened), then whatever the
        // filter asks beyond it.
        match derived {
            Some(derived) => self.set_derived(derived),
            // Nothing of the previous document's view may be drawn over this one.
            None => self.view.derived = Derived::default(),
        }
        self.update_derived(ctx);
        self.workers.watch = doc
            .origin
            .path()
            .map(|p| FileWatch::new(p, Stamp::of(p), watch::repaint(ctx)));
        if let Some(path) = doc.origin.path() {
            self.persisted.remember(path);
        }
        // Warnings wait behind the status bar's button; only failures open the panel.
        self.windows.problems = None;
    }
}
