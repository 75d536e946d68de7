//! The egui app: panels that lay out and return [`Command`]s, and the one place that
//! runs them ([`ClaimlineApp::run`]): dialogs, loading, exporting, selection.

pub mod capture;
pub mod command;
pub mod contradictions_ui;
pub mod details_ui;
pub mod dialogs;
pub mod event_list_ui;
pub mod export;
pub mod jobs;
pub mod legend_ui;
pub mod menu_ui;
pub mod notifications;
pub mod problems_ui;
pub mod sources_ui;
pub mod state;
pub mod style;
pub mod text;
pub mod timeline_ui;
pub mod toolbar_ui;
pub mod watch;
pub mod windows_ui;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use egui::{Context, RichText, Ui};

use self::capture::Capture;
use self::command::{CaptureRegion, Command, UiCommand};
use self::dialogs::{DialogOutcome, PendingDialog, Purpose};
use self::jobs::{DeriveJob, FILTER_INLINE_MAX_EVENTS, LoadJob, LoadReason};
use self::notifications::{Level, Notifications};
use self::problems_ui::Problems;
use self::state::{Persisted, ThemeChoice};
use self::timeline_ui::TimelineState;
use self::watch::{FileWatch, Stamp};
use self::windows_ui::{ExportAction, ExportForm, PathPrompt};
use crate::english::plural;
use crate::model::EventIdx;
use crate::timeline::{Derived, Document, Filter, TextQuery};

/// Where a headless screenshot run reports how it went: the saved file or why not.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// How the app was started.
#[derive(Default)]
pub struct AppOptions {
    /// Open this file on start (loaded in the background).
    pub file: Option<PathBuf>,
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
}

/// A headless screenshot run.
struct Headless {
    path: PathBuf,
    outcome: Outcome,
    frames: u32,
}

/// The Claimline window.
pub struct ClaimlineApp {
    persisted: Persisted,
    doc: Option<Arc<Document>>,
    derived: Derived,
    /// The filter as the user set it; `derived.filter` catches up (maybe on a thread).
    filter: Filter,
    derive_job: Option<DeriveJob>,
    selected: Option<EventIdx>,
    scroll_list_to_selected: bool,
    timeline: TimelineState,
    load: Option<LoadJob>,
    watch: Option<FileWatch>,
    problems: Option<Problems>,
    notifications: Notifications,
    dialog: Option<PendingDialog>,
    path_prompt: Option<PathPrompt>,
    export_form: Option<ExportForm>,
    capture: Option<Capture>,
    show_shortcuts: bool,
    pending_select: Option<String>,
    headless: Option<Headless>,
    title_shown: String,
    persist: bool,
    started: Option<Instant>,
    size: Option<egui::Vec2>,
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
        style::install_fonts(ctx);
        let mut app = Self {
            persisted,
            doc: None,
            derived: Derived::default(),
            filter: Filter::default(),
            derive_job: None,
            selected: None,
            scroll_list_to_selected: false,
            timeline: TimelineState::default(),
            load: None,
            watch: None,
            problems: None,
            notifications: Notifications::default(),
            dialog: None,
            path_prompt: None,
            export_form: None,
            capture: None,
            show_shortcuts: false,
            pending_select: options.select,
            headless: None,
            title_shown: String::new(),
            persist: options.screenshot.is_none(),
            started: options.started,
            size: options.size,
        };
        if let (Some(path), Some(outcome)) = (options.screenshot, options.outcome) {
            app.headless = Some(Headless {
                path,
                outcome,
                frames: 0,
            });
        }
        match (options.preloaded, options.file) {
            (Some(doc), _) => app.show_document(ctx, Arc::new(doc), None, LoadReason::Open),
            (None, Some(path)) => app.start_load(ctx, path, LoadReason::Open),
            (None, None) => app.show_builtin(ctx),
        }
        app
    }

    /// The document on screen.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_deref()
    }

    /// The selected event.
    pub fn selected(&self) -> Option<EventIdx> {
        self.selected
    }

    /// The events that pass the filters, in time order.
    pub fn shown_events(&self) -> &[EventIdx] {
        &self.derived.filtered.order
    }

    /// The filter being edited.
    pub fn filter_mut(&mut self) -> &mut Filter {
        &mut self.filter
    }

    /// The problems panel's content, if shown.
    pub fn problems(&self) -> Option<&Problems> {
        self.problems.as_ref()
    }

    /// The preferences.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// The visible day range of the timeline on the last frame.
    pub fn visible_days(&self) -> Option<(f64, f64)> {
        self.timeline.x_range
    }

    /// The timeline's state on the last frame (what was drawn where).
    pub fn timeline(&self) -> &TimelineState {
        &self.timeline
    }

    /// Runs a command now, as if the user had asked for it (tests and benchmarks
    /// drive the app through this, the same path the UI's commands take).
    pub fn execute(&mut self, ctx: &Context, command: Command) {
        self.run(ctx, command);
    }

    fn show_builtin(&mut self, ctx: &Context) {
        match Document::builtin() {
            Ok(doc) => self.show_document(ctx, Arc::new(doc), None, LoadReason::Open),
            Err(e) => self.problems = Some(Problems::from_error(&e, None)),
        }
    }

    fn start_load(&mut self, ctx: &Context, path: PathBuf, reason: LoadReason) {
        let mut filter = self.filter.clone();
        filter.actors.clear();
        filter.outlets.clear();
        self.load = Some(LoadJob::spawn(
            ctx,
            path,
            reason,
            filter,
            self.persisted.lane_mode,
        ));
    }

    /// Puts a loaded document on screen.
    fn show_document(
        &mut self,
        ctx: &Context,
        doc: Arc<Document>,
        derived: Option<Derived>,
        reason: LoadReason,
    ) {
        let previous_id = match (&self.doc, self.selected) {
            (Some(old), Some(e)) if reason != LoadReason::Open => Some(
                old.dataset
                    .str(old.dataset.events[e as usize].id)
                    .to_owned(),
            ),
            _ => None,
        };
        self.filter.actors.clear();
        self.filter.outlets.clear();
        if reason == LoadReason::Open {
            // An imported timeline's groups are its lanes; without groups, lanes by
            // group would put everything in one.
            use crate::timeline::LaneMode;
            let mode = self.persisted.lane_mode;
            if doc.has_groups && mode != LaneMode::Group {
                self.persisted.lane_mode = LaneMode::Group;
            } else if !doc.has_groups && mode == LaneMode::Group {
                self.persisted.lane_mode = LaneMode::Kind;
            }
        }
        self.derived = derived
            .filter(|d| d.filter == self.filter && d.lanes.mode == self.persisted.lane_mode)
            .unwrap_or_else(|| Derived::compute(&doc, &self.filter, self.persisted.lane_mode));
        self.derive_job = None;
        self.selected = previous_id.and_then(|id| doc.dataset.event_index_by_name(&id));
        if let Some(id) = self.pending_select.take() {
            match doc.dataset.event_index_by_name(&id) {
                Some(e) => {
                    self.selected = Some(e);
                    self.scroll_list_to_selected = true;
                }
                None => self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("No event has the id \"{id}\""),
                ),
            }
        }
        self.watch = doc.origin.path().map(|p| FileWatch::new(p, Stamp::of(p)));
        if let Some(path) = doc.origin.path() {
            self.persisted.remember(path);
        }
        // Warnings wait behind the status bar's button; only failures open the panel.
        self.problems = None;
        if reason == LoadReason::Open {
            self.doc = Some(doc);
            self.zoom_to_fit();
            if let Some(e) = self.selected {
                self.keep_in_view(e);
            }
        } else {
            self.doc = Some(doc);
        }
    }

    fn zoom_to_fit(&mut self) {
        if let Some((a, b)) = self.derived.filtered.span {
            let (a, b) = (f64::from(a), f64::from(b) + 1.0);
            let margin = ((b - a) * 0.04).max(3.0);
            self.timeline.request_x = Some((a - margin, b + margin));
        }
    }

    fn keep_in_view(&mut self, e: EventIdx) {
        let Some(doc) = &self.doc else {
            return;
        };
        let event = &doc.dataset.events[e as usize];
        let from = f64::from(event.date.earliest());
        let to = f64::from(event.end.unwrap_or(event.date).latest()) + 1.0;
        // Compare with the range about to be shown, if one is pending (zoom to fit).
        let inside = self
            .timeline
            .request_x
            .or(self.timeline.x_range)
            .is_some_and(|(a, b)| from >= a && to <= b);
        if !inside {
            self.timeline.center_on(from, to);
        }
    }

    fn select(&mut self, e: Option<EventIdx>) {
        self.selected = e;
        if let Some(e) = e {
            self.keep_in_view(e);
            self.scroll_list_to_selected = true;
        }
    }

    /// Runs one command: the only place with side effects.
    fn run(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ctx, ui_command),
            Command::Open(path) => self.start_load(ctx, path, LoadReason::Open),
            Command::OpenBuiltin => {
                self.load = None;
                self.show_builtin(ctx);
            }
            Command::Select(e) => self.select(e),
            Command::JumpTo(e) => {
                let hidden = self
                    .doc
                    .as_ref()
                    .is_some_and(|doc| self.derived.filtered.position(doc, e).is_none());
                if hidden {
                    self.filter = Filter::default();
                    self.notifications.push(
                        ctx,
                        Level::Info,
                        "The filters hid that event, so they were cleared.",
                    );
                    self.update_derived(ctx);
                }
                self.select(Some(e));
            }
            Command::ZoomTo(a, b) => self.timeline.request_x = Some((a, b)),
            Command::SetLaneMode(mode) => self.persisted.lane_mode = mode,
            Command::Export {
                path,
                region,
                scale,
            } => match export::check_writable(&path) {
                Ok(()) => {
                    self.export_form = None;
                    self.capture = Some(Capture::start(ctx, path, region, scale));
                }
                Err(why) => {
                    self.notifications
                        .push(ctx, Level::Error, format!("Export failed: {why}"))
                }
            },
            Command::DismissProblems => self.problems = None,
            Command::OpenUrl(url) => {
                if sources_ui::is_web_url(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                } else {
                    self.notifications.push(
                        ctx,
                        Level::Error,
                        format!("Not opened: {url} is not an http or https address"),
                    );
                }
            }
        }
    }

    fn run_ui_command(&mut self, ctx: &Context, command: UiCommand) {
        match command {
            UiCommand::OpenDataset if !dialogs::dialog_possible() => {
                self.path_prompt = Some(no_dialog_prompt());
            }
            UiCommand::OpenDataset => {
                let dir = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.origin.path())
                    .and_then(Path::parent)
                    .map(Path::to_owned);
                self.dialog = Some(PendingDialog::open(ctx, dir));
            }
            UiCommand::Reload => {
                if let Some(path) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.origin.path())
                    .map(Path::to_owned)
                {
                    self.start_load(ctx, path, LoadReason::Reload);
                }
            }
            UiCommand::ExportScreenshot => {
                let name = default_export_name(self.doc.as_deref());
                let dir = std::env::current_dir().unwrap_or_default();
                self.export_form = Some(ExportForm {
                    path: dir.join(name).display().to_string(),
                    region: self.persisted.capture_region.into(),
                    scale: self.persisted.capture_scale.clamp(1, 2),
                    note: None,
                });
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::ZoomToFit => self.zoom_to_fit(),
            UiCommand::ZoomIn | UiCommand::ZoomOut => {
                if let Some((a, b)) = self.timeline.x_range {
                    let mid = (a + b) / 2.0;
                    let half = (b - a) / 2.0
                        * if command == UiCommand::ZoomIn {
                            0.5
                        } else {
                            2.0
                        };
                    self.timeline.request_x = Some((mid - half, mid + half));
                }
            }
            UiCommand::NextEvent
            | UiCommand::PreviousEvent
            | UiCommand::FirstEvent
            | UiCommand::LastEvent => {
                let Some(doc) = self.doc.clone() else {
                    return;
                };
                let filtered = &self.derived.filtered;
                let next = match command {
                    UiCommand::NextEvent => filtered.step(&doc, self.selected, 1),
                    UiCommand::PreviousEvent => filtered.step(&doc, self.selected, -1),
                    UiCommand::FirstEvent => filtered.order.first().copied(),
                    _ => filtered.order.last().copied(),
                };
                if next.is_some() {
                    self.select(next);
                }
            }
            UiCommand::ClearSelection => self.selected = None,
            UiCommand::FocusSearch => ctx.memory_mut(|m| m.request_focus(toolbar_ui::search_id())),
            UiCommand::ToggleLinks => self.persisted.show_links = !self.persisted.show_links,
            UiCommand::ToggleTheme => {
                self.persisted.theme = match self.persisted.theme {
                    ThemeChoice::Light => ThemeChoice::Dark,
                    ThemeChoice::Dark => ThemeChoice::Light,
                };
                ctx.set_theme(self.persisted.theme.egui());
            }
            UiCommand::ShowShortcuts => self.show_shortcuts = true,
        }
    }

    /// Collects the commands bound to keys pressed this frame.
    fn shortcuts(ctx: &Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut commands = Vec::new();
        // Modified shortcuts first, so Ctrl+F is not also taken as F.
        let mut ordered: Vec<UiCommand> = UiCommand::ALL.to_vec();
        ordered.sort_by_key(|c| c.is_plain_key());
        for command in ordered {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if typing && command.is_plain_key() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                commands.push(command.into());
            }
        }
        if !typing && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Equals)) {
            commands.push(UiCommand::ZoomIn.into());
        }
        commands
    }

    /// Picks up finished background work.
    fn poll_jobs(&mut self, ctx: &Context) {
        if let Some(result) = self.load.as_ref().and_then(LoadJob::poll) {
            let job = self.load.take();
            let reason = job.as_ref().map_or(LoadReason::Open, |j| j.reason);
            match result {
                Ok((doc, derived)) => {
                    let name = doc.origin.display_name();
                    let n = doc.dataset.events.len();
                    let warnings = match doc.warnings.len() {
                        0 => String::new(),
                        w => format!(", {}", plural(w, "warning")),
                    };
                    self.show_document(ctx, doc, Some(derived), reason);
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
                        && let Some(w) = self.watch.as_mut()
                    {
                        w.mark_seen(Stamp::of(&err.file));
                    }
                    self.notifications.push(
                        ctx,
                        Level::Error,
                        format!("Could not open: {}", err.headline()),
                    );
                    self.problems = Some(Problems::from_error(&err, kept.as_deref()));
                    if let Some(h) = &self.headless
                        && self.doc.is_none()
                    {
                        set_outcome(&h.outcome, Err(err.to_string()));
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
        }
        if let Some(derived) = self.derive_job.as_ref().and_then(DeriveJob::poll) {
            self.derive_job = None;
            self.derived = derived;
        }
        if let Some(outcome) = self.dialog.as_ref().and_then(PendingDialog::poll) {
            let purpose = self.dialog.take().map_or(Purpose::Open, |d| d.purpose);
            match (purpose, outcome) {
                (Purpose::Open, DialogOutcome::Chosen(path)) => self.run(ctx, Command::Open(path)),
                (Purpose::Export, DialogOutcome::Chosen(path)) => {
                    if let Some(form) = &mut self.export_form {
                        form.path = path.display().to_string();
                    }
                }
                (_, DialogOutcome::Cancelled) => {}
                (Purpose::Open, DialogOutcome::Unavailable) => {
                    self.path_prompt = Some(no_dialog_prompt())
                }
                (Purpose::Export, DialogOutcome::Unavailable) => {
                    if let Some(form) = &mut self.export_form {
                        form.note = Some(NO_DIALOG.to_owned());
                    }
                }
            }
        }
        if let Some(watch) = self.watch.as_mut()
            && self.load.is_none()
        {
            if watch.poll(Instant::now()) {
                let path = watch.path().to_owned();
                self.start_load(ctx, path, LoadReason::Changed);
            }
            ctx.request_repaint_after(watch::POLL_EVERY);
        }
    }

    /// Starts re-filtering if the filter or lane mode changed.
    fn update_derived(&mut self, ctx: &Context) {
        let Some(doc) = self.doc.clone() else {
            return;
        };
        let mode = self.persisted.lane_mode;
        let current = self.derived.filter == self.filter && self.derived.lanes.mode == mode;
        let pending = self
            .derive_job
            .as_ref()
            .is_some_and(|j| j.filter == self.filter && j.mode == mode);
        if current {
            self.derive_job = None;
            return;
        }
        if pending {
            return;
        }
        if doc.dataset.events.len() <= FILTER_INLINE_MAX_EVENTS {
            self.derived = Derived::compute(&doc, &self.filter, mode);
            self.derive_job = None;
        } else {
            self.derive_job = Some(DeriveJob::spawn(ctx, doc, self.filter.clone(), mode));
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = match &self.doc {
            Some(doc) => format!("{} — Claimline", doc.origin.display_name()),
            None => "Claimline".to_owned(),
        };
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    /// Lays out the whole window for one frame.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        let mut commands = Self::shortcuts(&ctx);
        if let Some(path) = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()))
        {
            commands.push(Command::Open(path));
        }

        let has_file = self.doc.as_ref().is_some_and(|d| d.origin.path().is_some());
        egui::Panel::top("menu_bar").show(ui, |ui| {
            commands.extend(menu_ui::menu_bar_ui(
                ui,
                &mut self.persisted,
                has_file,
                self.doc.is_some(),
            ));
        });
        if let Some(doc) = self.doc.clone() {
            egui::Panel::top("toolbar").show(ui, |ui| {
                commands.extend(toolbar_ui::toolbar_ui(
                    ui,
                    &doc,
                    &mut self.filter,
                    &self.derived,
                    &mut self.persisted,
                    self.derive_job.is_some(),
                ));
            });
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        if let Some(problems) = &self.problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    commands.extend(problems_ui::problems_ui(ui, problems))
                });
        }
        match self.doc.clone() {
            Some(doc) => commands.extend(self.document_ui(ui, &doc)),
            None => {
                egui::CentralPanel::default().show(ui, |ui| commands.extend(self.empty_ui(ui)));
            }
        }

        windows_ui::shortcuts_window(&ctx, &mut self.show_shortcuts);
        if let Some(c) = windows_ui::open_path_window(&ctx, &mut self.path_prompt) {
            commands.push(c);
        }
        if let Some(form) = &mut self.export_form {
            match windows_ui::export_window(&ctx, form) {
                Some(ExportAction::Browse) if !dialogs::dialog_possible() => {
                    form.note = Some(NO_DIALOG.to_owned());
                }
                Some(ExportAction::Browse) => {
                    let name = Path::new(&form.path).file_name().map_or_else(
                        || "claimline.png".to_owned(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    self.dialog = Some(PendingDialog::save_png(&ctx, &name));
                }
                Some(ExportAction::Export(c)) => {
                    self.persisted.capture_region = match form.region {
                        CaptureRegion::Window => state::CaptureRegionChoice::Window,
                        CaptureRegion::Timeline => state::CaptureRegionChoice::Timeline,
                    };
                    self.persisted.capture_scale = form.scale;
                    commands.push(c);
                }
                Some(ExportAction::Cancel) => self.export_form = None,
                None => {}
            }
        }
        drop_overlay(&ctx);
        self.notifications.ui(&ctx);

        for command in commands {
            self.run(&ctx, command);
        }
        self.update_derived(&ctx);
        self.update_title(&ctx);
        self.step_capture(&ctx);
    }

    /// Side panel, event list, timeline and legend for a document.
    fn document_ui(&mut self, ui: &mut Ui, doc: &Arc<Document>) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.persisted.show_event_list {
            let list_height = (ui.ctx().content_rect().height() * 0.27).clamp(120.0, 280.0);
            egui::Panel::bottom("event_list")
                .resizable(true)
                .default_size(list_height)
                .min_size(80.0)
                .show(ui, |ui| {
                    commands.extend(event_list_ui::event_list_ui(
                        ui,
                        doc,
                        &self.derived,
                        self.selected,
                        self.scroll_list_to_selected,
                    ));
                });
            self.scroll_list_to_selected = false;
        }
        if self.persisted.show_side_panel {
            egui::Panel::right("side_panel")
                .resizable(true)
                .default_size(400.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            commands.extend(self.side_ui(ui, doc));
                        });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.persisted.show_legend {
                egui::Panel::bottom("legend")
                    .show(ui, |ui| legend_ui::legend_ui(ui, &doc.kind_counts));
            }
            let input = timeline_ui::TimelineInput {
                doc,
                derived: &self.derived,
                selected: self.selected,
                show_links: self.persisted.show_links,
                show_labels: self.persisted.show_labels,
            };
            commands.extend(timeline_ui::timeline_ui(ui, &input, &mut self.timeline));
        });
        commands
    }

    fn side_ui(&self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(e) = self.selected else {
            ui.heading("Details");
            ui.label("Select an event on the timeline or in the list to see its details, the quotes behind it, and the reports that contradict it.");
            ui.add_space(8.0);
            ui.weak(doc.dataset.str(doc.dataset.title));
            ui.add(
                egui::Label::new(RichText::new(doc.dataset.str(doc.dataset.description)).weak())
                    .wrap(),
            );
            return commands;
        };
        egui::CollapsingHeader::new(RichText::new("Details").strong())
            .default_open(true)
            .show(ui, |ui| commands.extend(details_ui::details_ui(ui, doc, e)));
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "Sources & quotes ({})",
                doc.dataset.events[e as usize].quotes.len()
            ))
            .strong(),
        )
        .id_salt("sources")
        .default_open(true)
        .show(ui, |ui| {
            let query = TextQuery::new(&self.derived.filter.text);
            commands.extend(sources_ui::sources_ui(ui, doc, e, &query));
        });
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "Contradicting reports ({})",
                doc.dataset.relations_of(e).count()
            ))
            .strong(),
        )
        .id_salt("contradictions")
        .default_open(true)
        .show(ui, |ui| {
            commands.extend(contradictions_ui::contradictions_ui(ui, doc, e))
        });
        commands
    }

    /// What shows when no dataset is on screen (loading, or the first load failed).
    fn empty_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            if let Some(job) = &self.load {
                ui.heading(format!("Opening {}", job.path.display()));
                progress_ui(ui, job);
            } else {
                ui.heading("No dataset is open");
                // Stacked, so the centred layout centres each of them.
                if ui.button(UiCommand::OpenDataset.label()).clicked() {
                    commands.push(UiCommand::OpenDataset.into());
                }
                if ui.button("Show built-in dataset").clicked() {
                    commands.push(Command::OpenBuiltin);
                }
            }
        });
        commands
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.doc {
                Some(doc) => {
                    let origin = match doc.origin.path() {
                        Some(p) => p.display().to_string(),
                        None => {
                            "Built-in dataset: Trump–Putin contacts from five articles".to_owned()
                        }
                    };
                    ui.label(origin);
                    let c = doc.dataset.counts();
                    ui.weak(format!(
                        "{} · {} · {} · {}",
                        plural(c.events, "event"),
                        plural(c.quotes, "quote"),
                        plural(c.sources, "source"),
                        plural(c.relations, "relation")
                    ));
                    if !doc.warnings.is_empty()
                        && self.problems.is_none()
                        && ui
                            .small_button(format!("⚠ {}", plural(doc.warnings.len(), "warning")))
                            .on_hover_text("Show the warnings")
                            .clicked()
                    {
                        self.problems = Some(Problems::from_warnings(doc));
                    }
                }
                None => {
                    ui.label("No dataset");
                }
            }
            if let (Some(job), Some(_)) = (&self.load, &self.doc) {
                ui.separator();
                ui.label(format!("Loading {}", job.path.display()));
                progress_ui(ui, job);
            }
        });
    }

    fn step_capture(&mut self, ctx: &Context) {
        if self.capture.is_none()
            && let Some(h) = &mut self.headless
            && self.doc.is_some()
            && self.load.is_none()
            && self.derive_job.is_none()
        {
            h.frames += 1;
            ctx.request_repaint();
            if h.frames >= 3 {
                self.capture = Some(Capture::start(
                    ctx,
                    h.path.clone(),
                    CaptureRegion::Window,
                    1,
                ));
            }
        }
        let Some(capture) = &mut self.capture else {
            return;
        };
        let Some(result) = capture.step(ctx, self.timeline.widget_rect) else {
            return;
        };
        self.capture = None;
        match &result {
            Ok(path) => {
                self.notifications
                    .push(ctx, Level::Success, format!("Saved {}", path.display()))
            }
            Err(why) => self
                .notifications
                .push(ctx, Level::Error, format!("Export failed: {why}")),
        }
        if let Some(h) = self.headless.take() {
            set_outcome(&h.outcome, result);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Said when the system file dialog cannot be shown.
const NO_DIALOG: &str = "No system file dialog is available here (it needs xdg-desktop-portal or zenity). Type the path instead.";

fn no_dialog_prompt() -> PathPrompt {
    PathPrompt {
        text: String::new(),
        focused: false,
        message: format!(
            "{NO_DIALOG} You can also drop a file on the window, or give it on the command line: claimline FILE."
        ),
    }
}

fn set_outcome(outcome: &Mutex<Option<Result<PathBuf, String>>>, result: Result<PathBuf, String>) {
    match outcome.lock() {
        Ok(mut slot) => *slot = Some(result),
        Err(poisoned) => *poisoned.into_inner() = Some(result),
    }
}

fn progress_ui(ui: &mut Ui, job: &LoadJob) {
    let stage = job.progress.stage();
    let bar = match job.progress.fraction() {
        Some(f) => egui::ProgressBar::new(f).show_percentage(),
        None => egui::ProgressBar::new(0.0).animate(true),
    };
    ui.add(bar.desired_width(240.0).text(format!(
        "{} · {:.1} s",
        stage.label(),
        job.started.elapsed().as_secs_f32()
    )));
    // Four updates a second are enough to see it move, and leave the CPU to the load
    // (with a software renderer every frame costs tens of milliseconds).
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(250));
}

/// "claimline-<dataset>-<date>.png".
fn default_export_name(doc: Option<&Document>) -> String {
    let stem = doc
        .and_then(|d| d.origin.path())
        .and_then(Path::file_stem)
        .map_or_else(
            || "trump-putin".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
    let now = chrono::Local::now().format("%Y%m%d-%H%M%S");
    format!("claimline-{stem}-{now}.png")
}

/// Darkens the window while a file is dragged over it.
fn drop_overlay(ctx: &Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop the dataset to open it",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

impl eframe::App for ClaimlineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Some(size) = self.size.take() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        self.frame_ui(ui);
        if self.doc.is_some()
            && let Some(started) = self.started.take()
        {
            log::info!(
                "first frame with a dataset laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.persist
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist {
            eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
        }
    }
}
