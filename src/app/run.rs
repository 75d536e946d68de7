//! Carrying out commands: the one place where the app's state changes in answer to the
//! user — opening and showing datasets, selecting, zooming, filters, preferences,
//! dialogs and exports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Context;

use super::ClaimlineApp;
use super::command::{Command, Part, SideTab, UiCommand};
use super::dialogs::NO_DIALOG;
use super::dialogs::{self, PendingDialog};
use super::jobs::{LoadJob, LoadReason, PublishJob};
use super::notifications::Level;
use super::panels::engine_form::EngineForm;
use super::panels::problems::Problems;
use super::panels::publish_form::PublishForm;
use super::panels::sources::is_web_url;
use super::panels::table_columns::TableColumns;
use super::panels::toolbar::search_id;
use super::session::Pending;
use super::state::ThemeChoice;
use super::timeline_widget::ViewRequest;
use super::watch::{self, FileWatch, Stamp};
use anyhow::Context as _;

use crate::edit::Change;
use crate::export::capture::Capture;
use crate::export::form::{ExportForm, ExportRequest};
use crate::export::picture::PictureInput;
use crate::export::{self, ExportRegion};
use crate::model::EventIdx;
use crate::timeline::{Derived, Document, Filter, TimeScale, View};

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
        match command {
            c @ (Command::ShowWarnings
            | Command::DismissProblems
            | Command::CloseShortcuts
            | Command::CloseInnermostWindow
            | Command::ClosePathPrompt
            | Command::BrowseExportPath
            | Command::Export(..)
            | Command::CloseExportForm
            | Command::BrowsePublishPath
            | Command::PublishTo(..)
            | Command::ClosePublishForm
            | Command::OpenEngineForm
            | Command::OpenThroughEngine { .. }
            | Command::CloseEngineForm
            | Command::OpenTable(..)
            | Command::SaveMapping
            | Command::LoadMapping
            | Command::CloseTableColumns) => self.run_form_command(ctx, c),
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
            | Command::CloseSourceForm
            | Command::OpenReader(..)
            | Command::AddQuoteFromReader
            | Command::CloseReader
            | Command::OpenRelationForm
            | Command::LinkEvents(..)
            | Command::AddRelationFromForm
            | Command::CloseRelationForm
            | Command::Restore(..)) => self.run_editing_command(ctx, c),
            c => self.run_view_command(ctx, c),
        }
    }

    /// Looking: what is selected and shown, filters, lanes, disputes, opening files.
    fn run_view_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ctx, ui_command),
            Command::Open(path) => self.guard(ctx, Pending::Open(path)),
            Command::OpenBuiltin => self.guard(ctx, Pending::OpenBuiltin),
            Command::Select(e) => self.select(e),
            Command::JumpTo(e) => {
                let hidden = self
                    .doc
                    .as_ref()
                    .is_some_and(|doc| self.view.derived.filtered.position(doc, e).is_none());
                if hidden {
                    self.view.filter = Filter::default();
                    self.notifications.push(
                        ctx,
                        Level::Info,
                        "The filters hid that event, so they were cleared.",
                    );
                    self.update_derived(ctx);
                }
                self.select(Some(e));
                // The focus leaves the button at once (the panel is about to show the
                // other event, and a screen reader would read the button renamed), for
                // the event gone to.
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
                self.view.timeline.focus_selected();
            }
            Command::ZoomTo(a, b) => self.view.timeline.request(ViewRequest::Days(a, b), false),
            Command::SetLaneMode(mode) => self.persisted.lane_mode = mode,
            Command::SetFilter(filter) => self.view.filter = filter,
            Command::Show(part, shown) => self.persisted.set_shown(part, shown),
            Command::SetSideTab(tab) => self.persisted.side_tab = tab,
            Command::SetDisputedOnly(only) => self.view.filter.disputed_only = only,
            Command::ShowDispute { dispute, event } => self.show_dispute(ctx, dispute, event),
            Command::CopyDispute(i) => {
                if let Some(doc) = &self.doc
                    && let Some(d) = doc.disputes.get(i)
                {
                    ctx.copy_text(crate::disputes::as_markdown::dispute(&doc.dataset, d));
                    self.notifications
                        .push(ctx, Level::Success, "Copied the dispute as Markdown");
                }
            }
            Command::ClearRecent => self.persisted.recent.clear(),
            // Only a table read through an engine has lines to ask for (handled above).
            Command::WantListRows(..) => {}
            Command::OpenUrl(url) => {
                if is_web_url(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                } else {
                    self.notifications.push(
                        ctx,
                        Level::Error,
                        format!("Not opened: {url} is not an http or https address"),
                    );
                }
            }

            _ => {}
        }
    }

    /// The windows and forms beside the timeline: export, publish, the engine's form,
    /// the table's columns, the problems panel, the path prompt.
    fn run_form_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::ShowWarnings => {
                if let Some(doc) = &self.doc {
                    self.windows.problems = Some(Problems::from_warnings(doc));
                }
            }
            Command::DismissProblems => self.windows.problems = None,
            Command::CloseShortcuts => self.windows.show_shortcuts = false,
            Command::CloseInnermostWindow => self.windows.close_innermost(),
            Command::ClosePathPrompt => {
                self.windows.path_prompt = None;
                // "Save, then …" is called off with the save.
                self.session.after_save = None;
            }
            Command::BrowseExportPath => {
                let Some(form) = &mut self.windows.export_form else {
                    return;
                };
                if dialogs::dialog_possible() {
                    self.windows.dialog = Some(PendingDialog::save_export(
                        ctx,
                        &form.file_name(),
                        form.format,
                    ));
                } else {
                    form.note = Some(NO_DIALOG.to_owned());
                }
            }
            Command::Export(request) => {
                self.persisted.capture_region = request.region;
                self.persisted.capture_format = request.format;
                self.persisted.capture_scale = request.scale;
                if let Err(why) = export::check_writable(&request.path) {
                    self.notifications
                        .push(ctx, Level::Error, format!("Export failed: {why:#}"));
                    return;
                }
                self.windows.export_form = None;
                match request.region {
                    ExportRegion::Window => {
                        self.capture = Some(Capture::start(
                            ctx,
                            request.path,
                            request.region,
                            request.scale.min(2),
                        ));
                    }
                    ExportRegion::Timeline => match self.export_timeline(ctx, &request) {
                        Ok(()) => self.notifications.push(
                            ctx,
                            Level::Success,
                            format!("Saved {}", request.path.display()),
                        ),
                        Err(why) => self.notifications.push(
                            ctx,
                            Level::Error,
                            format!("Export failed: {why:#}"),
                        ),
                    },
                }
            }
            Command::CloseExportForm => self.windows.export_form = None,
            Command::BrowsePublishPath => {
                let Some(form) = &mut self.windows.publish_form else {
                    return;
                };
                if dialogs::dialog_possible() {
                    self.windows.dialog = Some(PendingDialog::save_published(
                        ctx,
                        &form.file_name(),
                        form.what,
                    ));
                } else {
                    form.note = Some(NO_DIALOG.to_owned());
                }
            }
            Command::PublishTo(what, path) => {
                if let Err(why) = export::check_writable(&path) {
                    self.notifications.push(
                        ctx,
                        Level::Error,
                        format!("Cannot publish there: {why:#}"),
                    );
                    return;
                }
                let Some(doc) = self.doc.clone() else {
                    return;
                };
                self.windows.publish_form = None;
                // The sources' texts are kept beside the dataset.
                let corpus = doc.origin.path().and_then(Path::parent).map(Path::to_owned);
                self.workers.publish_job = Some(PublishJob::spawn(ctx, doc, what, path, corpus));
            }
            Command::ClosePublishForm => self.windows.publish_form = None,
            Command::OpenEngineForm => {
                let table = self
                    .big
                    .as_ref()
                    .and_then(|_| self.open_file())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.windows.engine_form = Some(EngineForm {
                    url: "local".to_owned(),
                    table,
                    error: None,
                });
            }
            Command::OpenThroughEngine { url, table } => self.open_through_engine(ctx, &url, table),
            Command::CloseEngineForm => self.windows.engine_form = None,
            Command::OpenTable(path, mapping) => {
                self.persisted.remember_mapping(&path, &mapping);
                self.windows.table_columns = None;
                self.start_load(ctx, path, LoadReason::Open);
            }
            Command::SaveMapping => {
                let Some(form) = &self.windows.table_columns else {
                    return;
                };
                let stem = form
                    .path
                    .file_stem()
                    .map_or_else(|| "table".to_owned(), |s| s.to_string_lossy().into_owned());
                let name = format!("{stem}.mapping.ron");
                if dialogs::dialog_possible() {
                    self.windows.dialog = Some(PendingDialog::save_mapping(ctx, &name));
                } else {
                    // Beside the table, where `claimline --mapping` will look for it.
                    let path = form.path.with_file_name(name);
                    self.save_mapping(ctx, &path);
                }
            }
            Command::LoadMapping => {
                if dialogs::dialog_possible() {
                    self.windows.dialog = Some(PendingDialog::open_mapping(ctx));
                } else if let Some(form) = &mut self.windows.table_columns {
                    form.note = Some(NO_DIALOG.to_owned());
                }
            }
            Command::CloseTableColumns => self.windows.table_columns = None,
            _ => {}
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
                    form.note = Some(format!("{NO_DIALOG} Paste the text instead."));
                }
            }
            Command::AttachCapture(path) => self.attach_capture(&path),
            Command::CloseSourceForm => self.session.source = None,
            Command::OpenReader(source) => self.open_reader(source),
            Command::AddQuoteFromReader => self.add_quote_from_reader(ctx),
            Command::CloseReader => self.session.reader = None,
            Command::OpenRelationForm => self.open_relation_form(),
            Command::LinkEvents(from, to) => self.link_events(from, to),
            Command::AddRelationFromForm => self.add_relation_from_form(ctx),
            Command::CloseRelationForm => self.session.relation = None,
            Command::Restore(restore) => self.restore(ctx, restore),
            _ => {}
        }
    }

    fn run_ui_command(&mut self, ctx: &Context, command: UiCommand) {
        match command {
            UiCommand::OpenDataset => self.guard(ctx, Pending::OpenDialog),
            UiCommand::NewDataset => self.guard(ctx, Pending::New),
            UiCommand::Save => {
                self.save(ctx);
            }
            UiCommand::SaveAs => {
                self.commit_event_form(ctx);
                self.save_as(ctx);
            }
            UiCommand::Undo => self.undo(ctx),
            UiCommand::Redo => self.redo(ctx),
            UiCommand::ToggleEditing => {
                self.commit_event_form(ctx);
                self.session.editing = !self.session.editing;
                if self.session.editing {
                    self.persisted.side_tab = SideTab::Details;
                    self.persisted.set_shown(Part::SidePanel, true);
                }
            }
            UiCommand::AddEvent => {
                let date = self.date_for_new_event();
                self.add_event_on(ctx, &date, None);
            }
            UiCommand::DeleteEvent => {
                if let Some(e) = self.selected() {
                    self.ask_delete(e);
                }
            }
            UiCommand::AddSource => self.open_source_form(None),
            UiCommand::TableColumns => {
                let Some(path) = self.open_file() else {
                    return;
                };
                let mapping = match self.doc.as_ref().and_then(|d| d.table.as_ref()) {
                    Some(table) => table.mapping.clone(),
                    None => self
                        .persisted
                        .mapping_for(&path)
                        .cloned()
                        .unwrap_or_default(),
                };
                match TableColumns::open(path, &mapping, None) {
                    Ok(Some(form)) => self.windows.table_columns = Some(form),
                    Ok(None) => self.notifications.push(
                        ctx,
                        Level::Info,
                        "The file on screen is not a table.",
                    ),
                    Err(e) => self.notifications.push(
                        ctx,
                        Level::Error,
                        format!("Could not read the table: {}", e.headline()),
                    ),
                }
            }
            UiCommand::Reload => {
                if self.open_file().is_some() {
                    self.guard(ctx, Pending::Reload);
                }
            }
            UiCommand::ExportScreenshot => {
                let stem = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.origin.path())
                    .and_then(Path::file_stem)
                    .map(|s| s.to_string_lossy().into_owned());
                let format = self.persisted.capture_format;
                let name = export::default_file_name(stem.as_deref(), self.now(), format);
                let dir = std::env::current_dir().unwrap_or_default();
                self.windows.export_form = Some(ExportForm::new(
                    dir.join(name),
                    self.persisted.capture_region,
                    format,
                    self.persisted.capture_scale,
                ));
            }
            UiCommand::Publish => {
                let stem = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.origin.path())
                    .and_then(Path::file_stem)
                    .map_or_else(
                        || "claimline".to_owned(),
                        |s| s.to_string_lossy().into_owned(),
                    );
                let dir = std::env::current_dir().unwrap_or_default();
                let what = self
                    .windows
                    .publish_form
                    .as_ref()
                    .map_or(crate::publish::Published::Page, |f| f.what);
                self.windows.publish_form = Some(PublishForm::new(what, dir.join(stem)));
            }
            UiCommand::Quit => self.guard(ctx, Pending::Quit),
            UiCommand::ZoomToFit => self.zoom_to_fit(),
            UiCommand::ZoomIn => self.view.timeline.request(ViewRequest::Zoom(0.5), true),
            UiCommand::ZoomOut => self.view.timeline.request(ViewRequest::Zoom(2.0), true),
            UiCommand::ToggleTimeScale => {
                self.persisted.time_scale = match self.persisted.time_scale {
                    TimeScale::Compressed => TimeScale::Linear,
                    TimeScale::Linear => TimeScale::Compressed,
                };
                self.view.timeline.request(ViewRequest::Fit, false);
            }
            UiCommand::NextEvent
            | UiCommand::PreviousEvent
            | UiCommand::FirstEvent
            | UiCommand::LastEvent => {
                let Some(doc) = self.doc.clone() else {
                    return;
                };
                let filtered = &self.view.derived.filtered;
                let next = match command {
                    UiCommand::NextEvent => filtered.step(&doc, self.selected(), 1),
                    UiCommand::PreviousEvent => filtered.step(&doc, self.selected(), -1),
                    UiCommand::FirstEvent => filtered.order.first().copied(),
                    _ => filtered.order.last().copied(),
                };
                if next.is_some() {
                    self.select(next);
                    // The keyboard moved the selection: the focus goes with it, so a
                    // screen reader says where the reader now is.
                    self.view.timeline.focus_selected();
                }
            }
            UiCommand::ClearSelection => self.set_selected(None),
            UiCommand::FocusSearch => ctx.memory_mut(|m| m.request_focus(search_id())),
            UiCommand::ToggleLinks => {
                let shown = self.persisted.shows(Part::Links);
                self.persisted.set_shown(Part::Links, !shown);
            }
            UiCommand::ToggleTheme => {
                self.persisted.theme = match self.persisted.theme {
                    ThemeChoice::Light => ThemeChoice::Dark,
                    ThemeChoice::Dark => ThemeChoice::Light,
                };
                ctx.set_theme(self.persisted.theme.egui());
            }
            UiCommand::ShowShortcuts => self.windows.show_shortcuts = true,
            UiCommand::ShowDisputes => {
                self.persisted.side_tab = SideTab::Disputes;
                self.persisted.set_shown(Part::SidePanel, true);
                self.view.focus_disputes = true;
            }
            UiCommand::ReadQuotes => {
                self.persisted.side_tab = SideTab::Details;
                self.persisted.set_shown(Part::SidePanel, true);
                self.view.focus_quotes = true;
            }
        }
    }

    /// Writes the timeline as on screen (its view, size, selection and theme) as a
    /// picture: no capture, the window is left as it is.
    fn export_timeline(&self, ctx: &Context, request: &ExportRequest) -> anyhow::Result<()> {
        let doc = self
            .doc
            .as_deref()
            .context("there is no dataset on screen")?;
        let rect = self
            .view
            .timeline
            .widget_rect
            .context("there is no timeline on screen to export")?;
        let scale = self.persisted.time_scale;
        let axis = &self.view.derived.axis(scale).axis;
        let view = match self.view.timeline.visible_days() {
            Some((a, b)) => View::days(axis, a, b),
            None => crate::timeline::scene::fit_all(&self.view.derived, scale),
        };
        let input = PictureInput {
            doc,
            derived: &self.view.derived,
            scale,
            view,
            size: (rect.width(), rect.height()),
            timeline_height: Some(rect.height()),
            selected: self.selected(),
            show_links: self.persisted.shows(Part::Links),
            dark: ctx.global_style().visuals.dark_mode,
            answers: self
                .big
                .as_ref()
                .map(|b| &b.asking as &dyn crate::timeline::seam::ViewAnswers),
        };
        let bytes = export::render(
            &input,
            request.format,
            f32::from(request.scale),
            true,
            self.view.timeline.metrics(),
        )?;
        export::write(&request.path, &bytes)
    }

    /// Selects `event` and frames every event of dispute `dispute`, clearing the
    /// filters if they hide any of them.
    fn show_dispute(&mut self, ctx: &Context, dispute: usize, event: EventIdx) {
        let Some(doc) = self.doc.clone() else {
            return;
        };
        let Some(d) = doc.disputes.get(dispute) else {
            return;
        };
        let hidden = d
            .events()
            .any(|e| self.view.derived.filtered.position(&doc, e).is_none());
        if hidden {
            self.view.filter = Filter::default();
            self.notifications.push(
                ctx,
                Level::Info,
                "The filters hid part of the dispute, so they were cleared.",
            );
            self.update_derived(ctx);
        }
        self.set_selected(Some(event));
        self.view.scroll_list_to_selected = true;
        if let Some((a, b)) = d.days(&doc.dataset) {
            let (a, b) = (f64::from(a), f64::from(b) + 1.0);
            let margin = ((b - a) * 0.08).max(1.0);
            self.view
                .timeline
                .request(ViewRequest::Days(a - margin, b + margin), true);
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

    /// Opens `table` through the engine `url` on a worker (the form stays open, saying
    /// why, when the URL is not one); what goes wrong after is in the problems panel.
    fn open_through_engine(&mut self, ctx: &Context, url: &str, table: PathBuf) {
        #[cfg(feature = "engine")]
        {
            match crate::engine::queries::Engine::parse(url) {
                Ok(engine) => {
                    self.windows.engine_form = None;
                    let opener = super::big_table::engine_opener(table.clone(), engine);
                    self.workers.big_open = Some(super::big_table::BigOpenJob::spawn(
                        ctx,
                        table,
                        opener,
                        crate::timeline::TableAsk::opening(
                            &Filter::default(),
                            self.persisted.lane_mode,
                        ),
                    ));
                }
                Err(why) => {
                    if let Some(form) = &mut self.windows.engine_form {
                        form.error = Some(why);
                    }
                }
            }
        }
        #[cfg(not(feature = "engine"))]
        {
            let _ = (url, table);
            self.windows.engine_form = None;
            self.notifications.push(
                ctx,
                Level::Error,
                "This Claimline was built without the query engine (cargo feature `engine`): \
                 it cannot open tables through one."
                    .to_owned(),
            );
        }
    }

    pub(super) fn start_load(&mut self, ctx: &Context, path: PathBuf, reason: LoadReason) {
        // A table `claimline convert` wrote is found on the load worker and then read
        // through the engine ([`Self::open_converted`]), never loaded.
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

    /// Opens a table `claimline convert` wrote through DataFusion on this machine.
    #[cfg(feature = "engine")]
    pub(super) fn open_converted(&mut self, ctx: &Context, path: PathBuf) {
        let opener =
            super::big_table::engine_opener(path.clone(), crate::engine::queries::Engine::Embedded);
        self.workers.big_open = Some(super::big_table::BigOpenJob::spawn(
            ctx,
            path,
            opener,
            crate::timeline::TableAsk::opening(&Filter::default(), self.persisted.lane_mode),
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
        self.set_selected(previous_id.and_then(|id| doc.dataset.event_index_by_name(&id)));
        if let Some(id) = self.launch.pending_select.take() {
            match doc.dataset.event_index_by_name(&id) {
                Some(e) => {
                    self.set_selected(Some(e));
                    self.view.scroll_list_to_selected = true;
                }
                None => self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("No event has the id \"{id}\""),
                ),
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

    /// Writes the table columns form's mapping to `path`.
    pub(super) fn save_mapping(&mut self, ctx: &Context, path: &Path) {
        let Some(form) = &mut self.windows.table_columns else {
            return;
        };
        let text = form.spec.to_ron();
        match crate::files::write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                form.note = Some(format!(
                    "Saved {}: claimline --mapping {} reads the table this way.",
                    path.display(),
                    path.display()
                ));
            }
            Err(e) => self.notifications.push(
                ctx,
                Level::Error,
                format!("Could not save the mapping: {e:#}"),
            ),
        }
    }

    /// Fills the table columns form from the mapping file at `path`.
    pub(super) fn load_mapping(&mut self, path: &Path) {
        let Some(form) = &mut self.windows.table_columns else {
            return;
        };
        let read = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
            .and_then(|text| {
                crate::load::table::MappingSpec::from_ron(&text)
                    .map_err(|e| format!("{}: {}. {}", path.display(), e.message, e.help))
            });
        match read {
            Ok(spec) => {
                form.spec = spec;
                form.note = Some(format!("Loaded {}.", path.display()));
            }
            Err(why) => form.note = Some(why),
        }
    }

    pub(super) fn zoom_to_fit(&mut self) {
        self.view.timeline.request(ViewRequest::Fit, false);
    }

    /// Brings event `e` into view, its neighbours distinct, gliding there.
    pub(super) fn keep_in_view(&mut self, e: EventIdx) {
        self.view.timeline.request(ViewRequest::Reveal(e), true);
    }

    fn select(&mut self, e: Option<EventIdx>) {
        self.set_selected(e);
        if let Some(e) = e {
            self.keep_in_view(e);
            self.view.scroll_list_to_selected = true;
        }
    }
}
