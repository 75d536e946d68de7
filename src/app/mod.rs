//! The egui app. Its state and construction are here; each of its jobs has a file:
//!
//! - [`run`]: carrying out [`Command`]s, the one place that changes the app's state;
//! - [`background`]: picking up finished loads, filters, dialogs and file changes;
//! - [`frame`]: laying out the window for one frame, collecting the commands that the
//!   [`panels`] and the [`timeline`] return;
//! - [`headless`]: a `--screenshot` run, which renders once and saves a PNG.

pub mod authoring;
pub mod background;
pub mod big_open;
pub mod big_table;
pub mod captures;
pub mod command;
pub mod dialogs;
pub mod editing;
pub mod forms;
pub mod frame;
pub mod headless;
pub mod icon;
pub mod jobs;
pub mod launch;
pub mod looking;
pub mod map_widget;
pub mod notifications;
pub mod opening;
pub mod panels;
pub mod recovery;
pub mod room;
pub mod run;
pub mod session;
pub mod side_panel;
pub mod small_windows;
pub mod state;
pub mod status_bar;
pub mod street_tiles;
pub mod style;
pub mod suggesting;
pub mod text;
pub mod tile_textures;
pub mod timeline_widget;
pub mod ui_command;
pub mod view;
pub mod watch;
pub mod windows;
pub mod workers;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use egui::{Context, Ui};

use self::command::Command;
use self::headless::{Headless, Outcome};
use self::jobs::LoadReason;
use self::notifications::Notifications;
use self::panels::problems::Problems;
use self::state::{Persisted, ThemeChoice};
use self::timeline_widget::TimelineState;
use crate::export::capture::Capture;
use crate::model::EventIdx;
use crate::timeline::selection::Selection;
use crate::timeline::{Derived, Document, Filter};

/// How the app was started.
#[derive(Default)]
pub struct AppOptions {
    /// Open this file on start (loaded in the background).
    pub file: Option<PathBuf>,
    /// Draw the map over these street tiles (a PMTiles archive), and show it.
    pub tiles: Option<PathBuf>,
    /// How to read `file` if it is a table (from the command line); otherwise the
    /// mapping remembered for it, or the guessed one.
    pub mapping: Option<crate::load::table::MappingSpec>,
    /// A document already loaded (headless screenshots load before the window opens).
    pub preloaded: Option<Document>,
    /// Select the event with this id once the dataset is shown.
    pub select: Option<String>,
    /// Force a theme.
    pub theme: Option<ThemeChoice>,
    /// Render once, save the window as this PNG, and close.
    pub screenshot: Option<PathBuf>,
    /// Where a headless screenshot reports how it went.
    pub outcome: Option<Outcome>,
    /// When the process started: the first frame that shows a dataset logs how long
    /// it took (`RUST_LOG=claimline=info`).
    pub started: Option<Instant>,
    /// A window size (points) asked for on the command line: it wins over the size
    /// saved by the last session.
    pub size: Option<egui::Vec2>,
    /// The local time to use in default file names instead of the clock's (tests fix
    /// it, so that they do not depend on the time zone or the hour).
    pub fixed_time: Option<chrono::NaiveDateTime>,
    /// Where unsaved edits are kept against a crash ([`recovery::state_dir`] for the
    /// window; `None`, the default, keeps none).
    pub recovery_dir: Option<PathBuf>,
    /// A table to open through a query engine instead of loading it (`--engine`, or a
    /// converted Parquet table).
    pub big: Option<big_open::BigStart>,
}

/// The Claimline window.
pub struct ClaimlineApp {
    persisted: Persisted,
    doc: Option<Arc<Document>>,
    /// Counts the documents shown, so that a filtered view or a job knows which one it
    /// belongs to.
    generation: u64,
    notifications: Notifications,
    capture: Option<Capture>,
    /// Editing the document on screen.
    session: session::Session,
    /// The table on screen when it is read through a query engine (then `doc` stands
    /// for it, with no events).
    big: Option<big_table::BigTable>,
    /// The windows and forms open beside the timeline, and the offer waiting for an
    /// answer.
    windows: windows::Windows,
    /// The work under way on other threads, and the watch on the open file.
    workers: workers::Workers,
    /// How the window was started, and what it still has to do once: the event to
    /// select, a headless screenshot, the first frame to time.
    launch: launch::Launch,
    /// What the user looks at: the filter and the filtered view, the selection, the
    /// timeline's view.
    view: view::ViewState,
}

impl ClaimlineApp {
    /// Creates the app from eframe's creation context.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let headless = options.screenshot.is_some();
        let persisted = if headless {
            Persisted::default()
        } else {
            cc.storage
                .and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY))
                .unwrap_or_default()
        };
        Self::with_state(&cc.egui_ctx, options, persisted)
    }

    /// Creates the app with the given preferences (tests use this with defaults).
    pub fn with_state(ctx: &Context, options: AppOptions, mut persisted: Persisted) -> Self {
        if let Some(theme) = options.theme {
            persisted.theme = theme;
        }
        ctx.set_theme(persisted.theme.egui());
        style::install_visuals(ctx);
        style::install_fonts(ctx);
        let mut app = Self {
            persisted,
            doc: None,
            generation: 0,
            notifications: Notifications::default(),
            capture: None,
            session: session::Session::default(),
            big: None,
            windows: windows::Windows {
                problems: None,
                dialog: None,
                path_prompt: None,
                export_form: None,
                publish_form: None,
                engine_form: None,
                table_columns: None,
                show_shortcuts: false,
                restore_offer: options.recovery_dir.as_deref().and_then(recovery::read),
            },
            workers: workers::Workers {
                derive_job: None,
                reindex_job: None,
                save_job: None,
                load: None,
                publish_job: None,
                big_open: None,
                deferred: Vec::new(),
                watch: None,
            },
            launch: launch::Launch {
                pending_select: options.select,
                headless: None,
                title_shown: String::new(),
                persist: options.screenshot.is_none(),
                started: options.started,
                size: options.size,
                fixed_time: options.fixed_time,
                recovery_dir: options.recovery_dir,
            },
            view: view::ViewState {
                derived: Derived::default(),
                derived_generation: 0,
                fit_pending: false,
                filter: Filter::default(),
                selection: None,
                scroll_list_to_selected: false,
                focus_disputes: false,
                focus_quotes: false,
                timeline: TimelineState::default(),
                map: map_widget::MapState::default(),
            },
        };
        match (options.tiles, app.persisted.street_tiles.clone()) {
            (Some(path), _) => app.choose_street_tiles_at(ctx, Some(path)),
            // Tiles kept from the last session leave the map shown or hidden as it was;
            // kept tiles that are gone are said once, then forgotten.
            (None, Some(path)) => {
                if !app.set_street_tiles(ctx, path) {
                    app.persisted.street_tiles = None;
                }
            }
            (None, None) => {}
        }
        if let (Some(path), Some(outcome)) = (options.screenshot, options.outcome) {
            app.launch.headless = Some(Headless::new(path, outcome));
        }
        if let Some(start) = options.big {
            app.start_big_open(ctx, start.path, start.opener);
            return app;
        }
        match (options.preloaded, options.file) {
            (Some(doc), _) => app.show_document(ctx, Arc::new(doc), None, LoadReason::Open),
            (None, Some(path)) => {
                // A mapping given on the command line is remembered for the table.
                if let Some(mapping) = &options.mapping {
                    app.persisted.remember_mapping(&path, mapping);
                }
                app.start_load(ctx, path, LoadReason::Open);
            }
            (None, None) => app.show_builtin(ctx),
        }
        app
    }

    /// The document on screen.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_deref()
    }

    /// The selected event of the document on screen (none if the document no longer
    /// has it).
    pub fn selected(&self) -> Option<EventIdx> {
        let doc = self.doc.as_deref()?;
        self.view.selection.as_ref()?.resolve(doc)
    }

    /// Selects event `e` of the document on screen (or nothing).
    fn set_selected(&mut self, e: Option<EventIdx>) {
        self.view.selection = match (e, self.doc.as_deref()) {
            (Some(e), Some(doc)) => Selection::of(doc, e),
            _ => None,
        };
    }

    /// The events that pass the filters, in time order.
    pub fn shown_events(&self) -> &[EventIdx] {
        &self.view.derived.filtered.order
    }

    /// How many events pass the filters (the event list's length), for a table read
    /// through an engine as for a dataset.
    pub fn shown_count(&self) -> usize {
        self.view.derived.filtered.len()
    }

    /// The map panel's state (its scene: what it showed last).
    pub fn map(&self) -> &map_widget::MapState {
        &self.view.map
    }

    /// The filter as the user set it.
    pub fn filter(&self) -> &Filter {
        &self.view.filter
    }

    /// The problems panel's content, if shown.
    pub fn problems(&self) -> Option<&Problems> {
        self.windows.problems.as_ref()
    }

    /// The preferences.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.workers.load.is_some()
    }

    /// Whether the filtered view (or, after an edit, the document's index) is being
    /// recomputed on a worker.
    pub fn is_filtering(&self) -> bool {
        self.workers.derive_job.is_some() || self.workers.reindex_job.is_some()
    }

    /// The visible day range of the timeline on the last frame.
    pub fn visible_days(&self) -> Option<(f64, f64)> {
        self.view.timeline.visible_days()
    }

    /// The timeline's state on the last frame (what was drawn where).
    pub fn timeline(&self) -> &TimelineState {
        &self.view.timeline
    }

    /// Whether a large dataset is being saved on a worker (or edits wait for one).
    pub fn is_saving(&self) -> bool {
        self.workers.save_job.is_some() || !self.workers.deferred.is_empty()
    }

    /// True when the dataset on screen has edits not saved.
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    /// The editing session (undo history, forms, the file Save writes).
    pub fn session(&self) -> &session::Session {
        &self.session
    }

    /// Edits of a session that did not end, offered for restoring at start.
    pub fn restore_offer(&self) -> Option<&recovery::Found> {
        self.windows.restore_offer.as_ref()
    }

    /// Runs a command now, as if the user had asked for it: the one place where the
    /// app's state changes. The UI's commands come here at the end of each frame;
    /// tests and benchmarks drive the app through it too.
    pub fn execute(&mut self, ctx: &Context, command: Command) {
        self.run(ctx, command);
    }

    /// The table on screen when it is read through a query engine.
    pub fn big_table(&self) -> Option<&big_table::BigTable> {
        self.big.as_ref()
    }

    /// Whether a table is being opened through a query engine.
    pub fn is_opening_big(&self) -> bool {
        self.workers.big_open.is_some()
    }

    /// The local time for default file names.
    fn now(&self) -> chrono::NaiveDateTime {
        self.launch
            .fixed_time
            .unwrap_or_else(|| chrono::Local::now().naive_local())
    }
}

impl eframe::App for ClaimlineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Some(size) = self.launch.size.take() {
            // `--size` is the window's size on screen: egui-winit multiplies a size in
            // points by the zoom, which a saved session may have set to 150 %.
            let zoom = ui.ctx().zoom_factor().max(0.1);
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::InnerSize(size / zoom));
        }
        self.frame_ui(ui);
        if self.doc.is_some()
            && let Some(started) = self.launch.started.take()
        {
            log::info!(
                "first frame with a dataset laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.launch.persist
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.launch.persist {
            eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
        }
    }
}
