//! Work the window does not wait for: loads, re-filtering of large documents, system
//! file dialogs and the watch on the open file. Each frame picks up what has finished
//! and hands it on as state or as a [`Command`].

use std::sync::Arc;
use std::time::Instant;

use egui::Context;

use super::ClaimlineApp;
use super::big_open::BigOpenJob;
use super::big_table::{BigTable, EngineRows};
use super::command::{Command, Part, SideTab};
use super::dialogs::NO_DIALOG;
use super::dialogs::{DialogOutcome, Purpose};
use super::jobs::{DeriveJob, FILTER_INLINE_MAX_EVENTS, LoadJob, LoadReason, LoadResult, Loaded};
use super::notifications::Level;
use super::panels::problems::Problems;
use super::panels::table_columns::TableColumns;
use super::panels::windows::PathPrompt;
use super::timeline_widget::ViewRequest;
use super::watch::Stamp;
use crate::english::plural;
use crate::load::Diagnostic;
use crate::timeline::seam::asking::Asking;
use crate::timeline::{Derived, TableAsk};

impl ClaimlineApp {
    /// Picks up finished background work.
    pub(super) fn poll_jobs(&mut self, ctx: &Context) {
        self.run_deferred(ctx);
        if let Some(result) = self.workers.big_open.as_ref().and_then(BigOpenJob::poll)
            && let Some(job) = self.workers.big_open.take()
        {
            self.finish_big_open(ctx, job, result);
        }
        if !self.poll_big(ctx) {
            return;
        }
        if let Some(result) = self.workers.load.as_ref().and_then(LoadJob::poll)
            && let Some(job) = self.workers.load.take()
        {
            self.finish_load(ctx, result, job);
        }
        if let Some(result) = self.workers.save_job.as_ref().and_then(|j| j.poll())
            && let Some(job) = self.workers.save_job.take()
        {
            self.saved(ctx, job.path, job.depth, result);
        }
        if let Some(result) = self.workers.publish_job.as_ref().and_then(|j| j.poll())
            && let Some(job) = self.workers.publish_job.take()
        {
            match result {
                Ok(what) => self.notifications.push(
                    ctx,
                    Level::Success,
                    format!("Wrote {}: {what}", job.path.display()),
                ),
                Err(why) => self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Could not publish {}: {why:#}", job.path.display()),
                ),
            }
        }
        if let Some(index) = self.workers.reindex_job.as_ref().and_then(|j| j.poll()) {
            let generation = self.workers.reindex_job.take().map_or(0, |j| j.generation);
            if generation == self.generation {
                self.finish_reindex(ctx, index);
            }
        }
        if let Some(derived) = self.workers.derive_job.as_ref().and_then(DeriveJob::poll) {
            let generation = self.workers.derive_job.take().map_or(0, |j| j.generation);
            if generation == self.generation {
                self.set_derived(derived);
            }
        }
        if let Some(outcome) = self.windows.dialog.as_ref().and_then(|d| d.poll()) {
            let purpose = self
                .windows
                .dialog
                .take()
                .map_or(Purpose::Open, |d| d.purpose);
            match (purpose, outcome) {
                // Straight to opening (asked again only if edits were made while the
                // dialog was open), not back through the commands.
                (Purpose::Open, DialogOutcome::Chosen(path)) => {
                    self.guard(ctx, super::session::Pending::Open(path));
                }
                (Purpose::Publish, DialogOutcome::Chosen(path)) => {
                    if let Some(form) = &mut self.windows.publish_form {
                        form.path = path.display().to_string();
                    }
                }
                (Purpose::Publish, DialogOutcome::Unavailable) => {
                    if let Some(form) = &mut self.windows.publish_form {
                        form.note = Some(NO_DIALOG.to_owned());
                    }
                }
                (Purpose::Export, DialogOutcome::Chosen(path)) => {
                    if let Some(form) = &mut self.windows.export_form {
                        form.path = path.display().to_string();
                    }
                }
                (Purpose::SaveMapping, DialogOutcome::Chosen(path)) => {
                    self.save_mapping(ctx, &path)
                }
                (Purpose::OpenMapping, DialogOutcome::Chosen(path)) => self.load_mapping(&path),
                (Purpose::SaveDataset, DialogOutcome::Chosen(path)) => {
                    self.run(ctx, Command::SaveTo(path));
                }
                (Purpose::AttachText, DialogOutcome::Chosen(path)) => self.attach_text(&path),
                (Purpose::StreetTiles, DialogOutcome::Chosen(path)) => {
                    self.choose_street_tiles_at(ctx, Some(path));
                }
                (Purpose::StreetTiles, DialogOutcome::Unavailable) => {
                    self.windows.path_prompt = Some(PathPrompt::street_tiles(NO_DIALOG));
                }
                (Purpose::SaveDataset, DialogOutcome::Unavailable) => {
                    let name = "dataset.ron";
                    self.windows.path_prompt = Some(PathPrompt::save_as(NO_DIALOG, name));
                }
                (Purpose::AttachText, DialogOutcome::Unavailable) => {
                    if let Some(form) = &mut self.session.source {
                        form.note = Some(format!(
                            "{NO_DIALOG} (A saved page, a WARC or WACZ, or a text file; or paste the text.)"
                        ));
                        form.path.get_or_insert_with(String::new);
                    }
                }
                (Purpose::SaveMapping | Purpose::OpenMapping, DialogOutcome::Unavailable) => {
                    if let Some(form) = &mut self.windows.table_columns {
                        form.note = Some(NO_DIALOG.to_owned());
                    }
                }
                (Purpose::SaveDataset, DialogOutcome::Cancelled) => {
                    // "Save, then …" is called off with the save.
                    self.session.after_save = None;
                }
                (_, DialogOutcome::Cancelled) => {}
                (Purpose::Open, DialogOutcome::Unavailable) => {
                    self.windows.path_prompt = Some(PathPrompt::without_dialog(NO_DIALOG));
                }
                (Purpose::Export, DialogOutcome::Unavailable) => {
                    if let Some(form) = &mut self.windows.export_form {
                        form.note = Some(NO_DIALOG.to_owned());
                    }
                }
            }
        }
        // While a save is under way the file changes because of it: not watched.
        if let Some(watch) = self.workers.watch.as_mut()
            && self.workers.load.is_none()
            && self.workers.save_job.is_none()
        {
            if let Some(after) = watch.look_again_after() {
                ctx.request_repaint_after(after);
            }
            if watch.poll(Instant::now()) {
                let path = watch.path().to_owned();
                if self.session.is_dirty() {
                    // Never thrown away: ask whether to load the file or keep the edits.
                    watch.mark_seen(Stamp::of(&path));
                    self.session.confirm = Some(super::session::Pending::FileChanged(path));
                } else {
                    self.start_load(ctx, path, LoadReason::Changed);
                }
            }
        }
    }

    /// Shows a finished load, or its problems (keeping the dataset on screen).
    fn finish_load(&mut self, ctx: &Context, result: LoadResult, job: LoadJob) {
        let reason = job.reason;
        match result {
            #[cfg(feature = "engine")]
            Ok(Loaded::Converted) => {
                self.open_table(ctx, job.path, crate::engine::queries::Engine::Embedded);
            }
            Ok(Loaded::Document(doc, derived)) => {
                let name = doc.origin.display_name();
                let n = doc.dataset.events.len();
                let warnings = match doc.warnings.len() {
                    0 => String::new(),
                    w => format!(", {}", plural(w, "warning")),
                };
                self.show_document(ctx, doc, Some(*derived), reason);
                let verb = match reason {
                    LoadReason::Open => "Opened",
                    LoadReason::Reload => "Reloaded",
                    LoadReason::Changed => "Reloaded after a change on disk:",
                };
                self.notifications.push(
                    ctx,
                    Level::Success,
                    format!("{verb} {name} ({}{warnings})", plural(n, "event")),
                );
            }
            Err(err) => {
                let kept = self.doc.as_ref().map(|d| d.origin.display_name());
                if reason == LoadReason::Changed
                    && let Some(w) = self.workers.watch.as_mut()
                {
                    w.mark_seen(Stamp::of(&err.file));
                }
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Could not open: {}", err.headline()),
                );
                self.windows.problems = Some(Problems::from_error(&err, kept.as_deref()));
                // A table opened that cannot be read as it is: show how it is read, to
                // fix.
                if self.launch.headless.is_none() && reason == LoadReason::Open {
                    let mapping = self
                        .persisted
                        .mapping_for(&err.file)
                        .cloned()
                        .unwrap_or_default();
                    if let Ok(Some(form)) =
                        TableColumns::open(err.file.clone(), &mapping, Some(err.headline()))
                    {
                        self.windows.table_columns = Some(form);
                    }
                }
                if self.doc.is_none()
                    && let Some(h) = self.launch.headless.take()
                {
                    h.fail(ctx, anyhow::anyhow!("{err}"));
                }
            }
        }
    }

    /// Picks up the engine's answers about a table open through it and does what they
    /// ask: bring the event selected into view, say that an id was not found (a
    /// headless run fails: false), ask for the disputes on screen.
    fn poll_big(&mut self, ctx: &Context) -> bool {
        let Some(big) = &mut self.big else {
            return true;
        };
        let told = big.poll(ctx);
        if let Some(days) = told.reveal {
            self.view
                .timeline
                .request(ViewRequest::RevealAmong(Arc::new(days)), true);
        }
        if let Some(why) = told.not_found {
            match self.launch.headless.take() {
                Some(h) => {
                    h.fail(
                        ctx,
                        anyhow::anyhow!("{why} (see the ids with `claimline check`)"),
                    );
                    return false;
                }
                None => self.notifications.push(ctx, Level::Error, why),
            }
        }
        // The Disputes tab lists the disputes of the events on screen: asked again
        // when the view has come to rest on other days.
        if let Some(big) = &mut self.big
            && self.persisted.side_tab == SideTab::Disputes
            && self.persisted.shows(Part::SidePanel)
            && !self.view.timeline.is_moving()
            && let Some(days) = self.view.timeline.visible_days()
        {
            big.show_disputes(ctx, crate::timeline::view::day_bounds(days));
        }
        true
    }

    /// Shows a table opened through an engine, or says why it could not be opened (what
    /// was on screen stays).
    fn finish_big_open(
        &mut self,
        ctx: &Context,
        job: BigOpenJob,
        result: Result<super::big_open::BigOpened, Diagnostic>,
    ) {
        let opened = match result {
            Ok(opened) => opened,
            Err(why) => {
                if let Some(h) = self.launch.headless.take() {
                    let help = why
                        .help
                        .as_ref()
                        .map(|h| format!("\n  = help: {h}"))
                        .unwrap_or_default();
                    h.fail(
                        ctx,
                        anyhow::anyhow!(
                            "could not open {}: {}{help}",
                            job.path.display(),
                            why.message
                        ),
                    );
                    return;
                }
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Could not open: {}", why.message),
                );
                self.windows.problems = Some(Problems::from_engine(
                    &job.path,
                    &why,
                    self.doc
                        .as_ref()
                        .map(|d| d.origin.display_name())
                        .as_deref(),
                ));
                if self.big.is_some() {
                    // A filter or lanes the engine could not apply: the last ones stay.
                    self.view.filter = self.view.derived.filter.clone();
                    self.persisted.lane_mode = self.view.derived.lanes.mode;
                }
                return;
            }
        };
        for warning in &opened.warnings {
            self.notifications
                .push(ctx, Level::Info, format!("⚠ {warning}"));
        }
        let repaint = ctx.clone();
        let mut big = BigTable {
            data: Arc::clone(&opened.data),
            asking: Asking::new(opened.data, Box::new(move || repaint.request_repaint())),
            describe: opened.describe,
            path: job.path,
            opener: job.opener,
            selected: None,
            header: Arc::new(opened.doc.dataset.clone()),
            list: EngineRows::new(opened.derived.filtered.len()),
            disputes: None,
            finding: None,
        };
        big.want_rows(ctx, 0, 0);
        let again = self.big.is_some();
        let events: usize = opened.doc.kind_counts.iter().sum();
        let doc = Arc::new(opened.doc);
        if again {
            // Another filter on the same table: the view stays where it is.
            let keep = self.big.as_ref().and_then(BigTable::selected);
            self.big = Some(big);
            self.generation += 1;
            self.doc = Some(doc);
            self.persisted.lane_mode = opened.derived.lanes.mode;
            self.view.derived = opened.derived;
            self.view.derived_generation = self.generation;
            if let (Some(big), Some(e)) = (self.big.as_mut(), keep) {
                big.select(ctx, Some(e));
            }
        } else {
            self.big = Some(big);
            self.present(ctx, doc, Some(opened.derived), LoadReason::Open);
            // The table is not loaded: a change on disk is not reloaded into memory.
            self.workers.watch = None;
            self.notifications.push(
                ctx,
                Level::Success,
                format!(
                    "Opened {} through the query engine ({})",
                    self.big.as_ref().map_or("", |b| b.describe.as_str()),
                    plural(events, "event")
                ),
            );
        }
    }

    /// Takes a filtered view of the document on screen. A document just opened is framed
    /// to fit; a new search or filter result glides to fit what matches.
    pub(super) fn set_derived(&mut self, derived: Derived) {
        let refiltered = self.view.derived_generation == self.generation
            && self.view.derived.filter != derived.filter
            && !derived.filtered.is_empty();
        self.view.derived = derived;
        self.view.derived_generation = self.generation;
        if std::mem::take(&mut self.view.fit_pending) {
            self.zoom_to_fit();
            if let Some(e) = self.selected() {
                self.keep_in_view(e);
            }
        } else if refiltered {
            self.view.timeline.request(ViewRequest::Fit, true);
        }
    }

    /// Starts re-filtering if the filter, the lane mode or the document changed: inline
    /// for small documents, on a worker for large ones.
    pub(super) fn update_derived(&mut self, ctx: &Context) {
        if let Some(big) = &self.big {
            // The engine filters and makes the lanes: a new filter or lane mode opens the
            // table again with them as SQL (on a worker; the last answers stay on screen
            // meanwhile).
            let mode = self.persisted.lane_mode;
            let asked = self
                .workers
                .big_open
                .as_ref()
                .map(|j| (&j.ask.filter, j.ask.lanes));
            let shown = (&self.view.derived.filter, self.view.derived.lanes.mode);
            let wanted = (&self.view.filter, mode);
            if wanted != shown && asked != Some(wanted) {
                let ask = match &self.doc {
                    Some(doc) => TableAsk::of(doc, &self.view.filter, mode),
                    None => TableAsk::plain(&self.view.filter),
                };
                self.workers.big_open = Some(BigOpenJob::spawn(
                    ctx,
                    big.path.clone(),
                    Arc::clone(&big.opener),
                    ask,
                ));
            }
            return;
        }
        if self.workers.reindex_job.is_some() {
            // An edited document is being indexed: filter it once that is done.
            return;
        }
        let Some(doc) = self.doc.clone() else {
            return;
        };
        let mode = self.persisted.lane_mode;
        let wanted = |generation: u64, filter: &crate::timeline::Filter, m| {
            generation == self.generation && *filter == self.view.filter && m == mode
        };
        if wanted(
            self.view.derived_generation,
            &self.view.derived.filter,
            self.view.derived.lanes.mode,
        ) {
            self.workers.derive_job = None;
            return;
        }
        if self
            .workers
            .derive_job
            .as_ref()
            .is_some_and(|j| wanted(j.generation, &j.filter, j.mode))
        {
            return;
        }
        if doc.dataset.events.len() <= FILTER_INLINE_MAX_EVENTS {
            self.workers.derive_job = None;
            self.set_derived(Derived::compute(&doc, &self.view.filter, mode));
        } else {
            self.workers.derive_job = Some(DeriveJob::spawn(
                ctx,
                Arc::clone(&doc),
                self.view.filter.clone(),
                mode,
                self.generation,
            ));
        }
    }
}
