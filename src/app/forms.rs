//! The windows and forms beside the timeline, carried out: export, publish, the engine's
//! form, the table's columns and their mapping files, the problems panel, the path
//! prompt.

use super::ClaimlineApp;
use super::command::{Command, Part, UiCommand};
use super::dialogs::NO_DIALOG;
use super::dialogs::{self, PendingDialog};
use super::jobs::{LoadReason, PublishJob};
use super::notifications::Level;
use super::panels::engine_form::EngineForm;
use super::panels::problems::Problems;
use super::panels::publish_form::PublishForm;
use super::panels::table_columns::TableColumns;
use crate::export::capture::Capture;
use crate::export::form::{ExportForm, ExportRequest};
use crate::export::picture::PictureInput;
use crate::export::{self, ExportRegion};
use crate::timeline::View;
use anyhow::Context as _;
use egui::Context;
use std::path::{Path, PathBuf};

impl ClaimlineApp {
    /// The windows and forms beside the timeline: export, publish, the engine's form,
    /// the table's columns, the problems panel, the path prompt.
    pub(super) fn run_form_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::ShowWarnings => {
                if let Some(doc) = &self.doc {
                    self.windows.problems = Some(Problems::from_warnings(doc));
                }
            }
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
            _ => {}
        }
    }

    /// Writes the timeline as on screen (its view, size, selection and theme, and the
    /// map beside it when the map is shown) as a picture: no capture, the window is left
    /// as it is.
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
        // The map beside the timeline when it is shown, as on screen: its view and the
        // places it last drew (a table behind an engine is not asked again).
        let shown_map = self.shown_map();
        let map_width = match shown_map {
            Some(export::picture::MapFrom::Shown { width, .. }) => Some(width),
            _ => None,
        };
        let input = PictureInput {
            doc,
            derived: &self.view.derived,
            scale,
            view,
            size: (
                map_width.map_or(rect.width(), |m| {
                    export::picture::width_beside(rect.width(), m)
                }),
                rect.height(),
            ),
            timeline_height: Some(rect.height()),
            selected: self.selected(),
            show_links: self.persisted.shows(Part::Links),
            dark: ctx.global_style().visuals.dark_mode,
            answers: self
                .big
                .as_ref()
                .map(|b| &b.asking as &dyn crate::timeline::seam::ViewAnswers),
            map: shown_map.map(|from| export::picture::MapAsk {
                from,
                alone: false,
                tiles: self.view.map.tiles(),
            }),
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

    /// The map as the window shows it, when it is shown and has drawn places.
    fn shown_map(&self) -> Option<export::picture::MapFrom<'_>> {
        if !self.persisted.shows(Part::Map) {
            return None;
        }
        let view = self.view.map.view()?;
        let width = self.view.map.screen_rect?.width();
        let (query, answer) = self.view.map.answer()?;
        Some(export::picture::MapFrom::Shown {
            view,
            width,
            query,
            answer,
        })
    }

    /// Opens `table` through the engine `url` on a worker (the form stays open, saying
    /// why, when the URL is not one); what goes wrong after is in the problems panel.
    fn open_through_engine(&mut self, ctx: &Context, url: &str, table: PathBuf) {
        #[cfg(feature = "engine")]
        {
            match crate::engine::queries::Engine::parse(url) {
                Ok(engine) => {
                    self.windows.engine_form = None;
                    self.open_table(ctx, table, engine);
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

    /// Opens the form of a menu command: the table's columns, export, publish.
    pub(super) fn open_form(&mut self, ctx: &Context, command: UiCommand) {
        match command {
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
                let mut form = ExportForm::new(
                    dir.join(name),
                    self.persisted.capture_region,
                    format,
                    self.persisted.capture_scale,
                );
                form.with_map = self.shown_map().is_some();
                self.windows.export_form = Some(form);
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
            _ => {}
        }
    }
}
