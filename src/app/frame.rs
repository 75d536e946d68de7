//! Laying out one frame: menu, toolbar, status bar, problems, side panel, event list,
//! timeline and the small windows. Everything here only draws and collects the
//! [`Command`]s the user gave; they are run at the end of the frame.

use std::sync::Arc;

use egui::{Context, RichText, Ui};

use super::ClaimlineApp;
use super::big_table::Card as EngineCard;
use super::command::{Command, Part, SideTab, UiCommand};
use super::jobs::LoadJob;
use super::panels::disputes_tab::Questions;
use super::panels::engine_form::EngineAction;
use super::panels::event_list::{ListRows, MemoryRows};
use super::panels::publish_form::PublishAction;
use super::panels::{
    access, authoring_windows, contradictions, details, disputes_tab, event_editor, event_list,
    legend, menu, problems, sources, table_columns, toolbar, windows,
};
use super::room::Room;
use super::timeline_widget;
use crate::english::plural;
use crate::export::form::{self, FormAction};
use crate::timeline::card::Card;
use crate::timeline::{Document, Origin, TextQuery};

impl ClaimlineApp {
    /// Lays out the whole window for one frame, then runs what the user asked for.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_jobs(&ctx);
        // Only while typing does it matter whether a form holds typing not yet applied.
        let form_pending = ctx.egui_wants_keyboard_input() && self.form_pending();
        let mut commands = shortcuts(&ctx, form_pending);
        // Escape with a window open closes the window, not the selection.
        if self.windows.closable_open() {
            for command in &mut commands {
                if *command == Command::Ui(UiCommand::ClearSelection) {
                    *command = Command::CloseInnermostWindow;
                }
            }
        }
        // Closing the window with unsaved edits asks first.
        if ctx.input(|i| i.viewport().close_requested())
            && self.session.is_dirty()
            && !self.session.close_allowed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::Ui(UiCommand::Quit));
        }
        let selected_before = self.selected();
        self.sync_event_editor();
        if let Some(path) = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()))
        {
            // A web archive dropped is a source's evidence; a page too while the source
            // form is open; anything else is a dataset to open.
            let archive = {
                let name = path.to_string_lossy().to_ascii_lowercase();
                name.ends_with(".warc") || name.ends_with(".warc.gz") || name.ends_with(".wacz")
            };
            let page_for_form = self.session.source.is_some() && super::captures::is_capture(&path);
            if (archive || page_for_form) && self.session.editing {
                commands.push(Command::AttachCapture(path));
            } else {
                commands.push(Command::Open(path));
            }
        }

        let has_file = self.doc.as_ref().is_some_and(|d| d.origin.path().is_some());
        let has_table = self
            .doc
            .as_ref()
            .is_some_and(|d| d.table.is_some() && d.origin.path().is_some());
        egui::Panel::top("menu_bar").show(ui, |ui| {
            commands.extend(menu::menu_bar_ui(
                ui,
                &self.persisted,
                &menu::MenuState {
                    has_file,
                    has_doc: self.doc.is_some(),
                    has_table,
                    selected: self.selected().is_some(),
                    editing: self.session.editing,
                    undo: self.session.history.undo_label(),
                    redo: self.session.history.redo_label(),
                },
            ));
        });
        if let Some(doc) = self.doc.clone() {
            egui::Panel::top("toolbar").show(ui, |ui| {
                commands.extend(toolbar::toolbar_ui(
                    ui,
                    &doc,
                    &self.view.filter,
                    &self.view.derived,
                    &self.persisted,
                    self.workers.derive_job.is_some(),
                ));
            });
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| commands.extend(self.status_bar_ui(ui)));
        if let Some(problems) = &self.windows.problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    commands.extend(problems::problems_ui(ui, problems));
                });
        }
        match self.doc.clone() {
            Some(doc) => commands.extend(self.document_ui(ui, &doc)),
            None => {
                egui::CentralPanel::default().show(ui, |ui| commands.extend(self.empty_ui(ui)));
            }
        }

        if self.windows.show_shortcuts && !windows::shortcuts_window(&ctx) {
            commands.push(Command::CloseShortcuts);
        }
        commands.extend(windows::open_path_window(
            &ctx,
            self.windows.path_prompt.as_mut(),
        ));
        if let Some(form) = &mut self.windows.export_form {
            commands.extend(form::export_window(&ctx, form).map(|action| match action {
                FormAction::Browse => Command::BrowseExportPath,
                FormAction::Export(request) => Command::Export(request),
                FormAction::Cancel => Command::CloseExportForm,
            }));
        }
        if let Some(form) = &mut self.windows.publish_form {
            commands.extend(super::panels::publish_form::publish_window(&ctx, form).map(
                |action| match action {
                    PublishAction::Browse => Command::BrowsePublishPath,
                    PublishAction::Publish(what, path) => Command::PublishTo(what, path),
                    PublishAction::Cancel => Command::ClosePublishForm,
                },
            ));
        }
        if let Some(form) = &mut self.windows.engine_form {
            commands.extend(
                super::panels::engine_form::engine_window(&ctx, form).map(|action| match action {
                    EngineAction::Open { url, table } => Command::OpenThroughEngine {
                        url,
                        table: table.into(),
                    },
                    EngineAction::Cancel => Command::CloseEngineForm,
                }),
            );
        }
        if let Some(form) = &mut self.windows.table_columns {
            commands.extend(table_columns::table_columns_window(&ctx, form));
        }
        commands.extend(self.authoring_windows(&ctx));
        drop_overlay(&ctx);
        self.notifications.ui(&ctx);

        // Everything is laid out: ring what has the focus, where it did not ring itself.
        access::ring_focus(&ctx);
        for command in commands {
            self.run(&ctx, command);
        }
        if self.selected() != selected_before {
            self.pick_relation_target();
        }
        self.update_derived(&ctx);
        self.update_title(&ctx);
        self.step_capture(&ctx);
        self.step_recovery(&ctx);
    }

    /// Side panel, event list, timeline and legend for a document.
    fn document_ui(&mut self, ui: &mut Ui, doc: &Arc<Document>) -> Vec<Command> {
        let mut commands = Vec::new();
        let content = ui.ctx().content_rect();
        let room = Room::share(content.width(), content.height());
        if self.persisted.shows(Part::EventList) && room.event_list {
            let (first, most) = room.event_list_height;
            let memory = MemoryRows {
                doc,
                derived: &self.view.derived,
            };
            let (rows, selected): (&dyn ListRows, _) = match &self.big {
                Some(big) => (&big.list, big.selected()),
                None => (&memory, self.selected()),
            };
            egui::Panel::bottom("event_list")
                .resizable(true)
                .default_size(first)
                .size_range(80.0..=most)
                .show(ui, |ui| {
                    commands.extend(event_list::event_list_ui(
                        ui,
                        rows,
                        selected,
                        self.view.scroll_list_to_selected,
                    ));
                });
            self.view.scroll_list_to_selected = false;
            access::ring_panel_edge(ui, "event_list");
        }
        if self.persisted.shows(Part::SidePanel) {
            let (least, first, most) = room.side_panel_width;
            egui::Panel::right("side_panel")
                .resizable(true)
                .default_size(first)
                .size_range(least..=most)
                .show(ui, |ui| {
                    // Its content wraps to the panel: nothing in it may widen the panel
                    // over the timeline (large text in a small window).
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                    commands.extend(side_tabs_ui(ui, self.persisted.side_tab));
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .id_salt(self.persisted.side_tab)
                        .show(ui, |ui| {
                            match (self.persisted.side_tab, &self.big) {
                                (SideTab::Details, _) => commands.extend(self.side_ui(ui, doc)),
                                (SideTab::Disputes, big) => {
                                    let selected = big
                                        .as_ref()
                                        .map_or_else(|| self.selected(), |b| b.selected());
                                    let questions = match big {
                                        Some(big) => Questions::OnScreen(big.disputes.as_ref()),
                                        None => Questions::Document(doc),
                                    };
                                    commands.extend(disputes_tab::disputes_ui(
                                        ui,
                                        questions,
                                        self.view.filter.disputed_only,
                                        std::mem::take(&mut self.view.focus_disputes),
                                        selected,
                                    ));
                                }
                            }
                            access::keep_focus_in_view(ui);
                        });
                });
            access::ring_panel_edge(ui, "side_panel");
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.persisted.shows(Part::Legend) && room.legend {
                egui::Panel::bottom("legend")
                    .show(ui, |ui| legend::legend_ui(ui, &doc.kind_counts));
            }
            let big = self.big.as_ref();
            let input = timeline_widget::TimelineInput {
                doc,
                derived: &self.view.derived,
                selected: big.map_or_else(|| self.selected(), super::big_table::BigTable::selected),
                answers: big.map(|b| &b.asking as &dyn crate::timeline::seam::ViewAnswers),
                show_links: self.persisted.shows(Part::Links),
                show_labels: self.persisted.shows(Part::Labels),
                scale: self.persisted.time_scale,
                editing: self.session.editing,
            };
            commands.extend(timeline_widget::timeline_ui(
                ui,
                &input,
                &mut self.view.timeline,
            ));
        });
        commands
    }

    fn side_ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.big.is_none() {
            commands.extend(editing_bar_ui(
                ui,
                self.session.editing,
                self.selected().is_some(),
            ));
        }
        if let (Some(e), Some(editor)) = (self.selected(), self.session.event.as_mut()) {
            access::section(ui, RichText::new("Event").strong(), "event", |ui| {
                commands.extend(event_editor::event_editor_ui(ui, doc, editor));
            });
            access::section(
                ui,
                RichText::new("Quotes & links").strong(),
                "links",
                |ui| {
                    commands.extend(authoring_windows::quotes_and_links_ui(ui, doc, e));
                },
            );
            return commands;
        }
        if self.selected().is_none() && self.session.editing {
            let ds = &doc.dataset;
            let current = crate::edit::forms::AboutForm {
                title: ds.str(ds.title).to_owned(),
                description: ds.str(ds.description).to_owned(),
                author: ds.str(ds.author).to_owned(),
            };
            let about = self.session.about.get_or_insert_with(|| current.clone());
            commands.extend(event_editor::about_ui(ui, about, &current));
            return commands;
        }
        let selected = match &self.big {
            Some(big) => big.selected(),
            None => self.selected(),
        };
        let Some(e) = selected else {
            access::heading(ui, "Details");
            ui.label("Select an event on the timeline or in the list to see its details, the quotes behind it, and the reports that contradict it.");
            ui.add_space(8.0);
            ui.weak(doc.dataset.str(doc.dataset.title));
            ui.add(
                egui::Label::new(RichText::new(doc.dataset.str(doc.dataset.description)).weak())
                    .wrap(),
            );
            if let Some(big) = &self.big {
                ui.add_space(8.0);
                ui.weak(&big.describe);
                ui.weak(
                    "Rows are read from the table as the view needs them; none is loaded whole.",
                );
            }
            return commands;
        };
        // The card: built from the document, or as far as the engine has told.
        let memory;
        let card = match self.big.as_ref().and_then(|b| b.selected.as_ref()) {
            None => {
                memory = Card::of(doc, e);
                memory.as_ref()
            }
            Some((_, EngineCard::Shown(card))) => Some(&**card),
            Some((_, EngineCard::Asking(_))) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Asking the engine for this event…");
                });
                None
            }
            Some((_, EngineCard::Missing)) => {
                ui.label("The table no longer has this event.");
                None
            }
            Some((_, EngineCard::Failed(why))) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("⚠ The engine could not say: {why}"),
                );
                None
            }
        };
        if let Some(card) = card {
            let query = TextQuery::new(&self.view.derived.filter.text);
            let focus_quotes = std::mem::take(&mut self.view.focus_quotes);
            commands.extend(card_ui(ui, card, &query, focus_quotes));
        }
        commands
    }

    /// What shows when no dataset is on screen (loading, or the first load failed).
    fn empty_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            if let Some(job) = &self.workers.load {
                access::heading(ui, format!("Opening {}", job.path.display()));
                progress_ui(ui, job);
            } else if let Some(job) = &self.workers.big_open {
                access::heading(ui, format!("Opening {}", job.path.display()));
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("through the query engine: reading its footers and day counts");
                });
            } else {
                access::heading(ui, "No dataset is open");
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

    fn status_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            // First, so a narrow window does not cut it off.
            let content = ui.ctx().content_rect();
            if let Some(hidden) = Room::share(content.width(), content.height()).hidden(
                self.persisted.shows(Part::Legend),
                self.persisted.shows(Part::EventList),
            ) && self.doc.is_some()
            {
                ui.label(RichText::new(hidden).weak())
                    .on_hover_text(super::room::HIDDEN_HELP);
                ui.separator();
            }
            match (&self.doc, &self.big) {
                (Some(doc), Some(big)) => {
                    ui.label(&big.describe);
                    let events: usize = doc.kind_counts.iter().sum();
                    ui.weak(format!("{} · not loaded", plural(events, "event")));
                    ui.separator();
                    let status = big.status();
                    let other = big.other_failure();
                    let (words, warn) = super::big_table::indicator(&status, other.as_deref());
                    if status.health == crate::timeline::seam::asking::Health::Answering
                        || self.workers.big_open.is_some()
                    {
                        ui.spinner();
                    }
                    let label = if warn {
                        ui.colored_label(ui.visuals().warn_fg_color, words)
                    } else {
                        ui.label(words)
                    };
                    label.on_hover_text(format!(
                        "Questions asked of the engine: {} for views ({} cancelled because the view moved on), {} ahead for the stretches either side. Until a view's answers come, the last ones are drawn.",
                        status.asked, status.cancelled, status.asked_ahead
                    ));
                    if let Some(job) = &self.workers.big_open {
                        let text = job.ask.filter.text.trim();
                        if text.is_empty() {
                            ui.weak("· applying the filter…");
                        } else {
                            ui.weak(format!("· searching the table for “{text}”…"));
                        }
                    }
                }
                (Some(doc), None) => {
                    let origin = match &doc.origin {
                        Origin::File(p) => p.display().to_string(),
                        Origin::Untitled => "Untitled dataset: not saved yet".to_owned(),
                        Origin::Builtin => {
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
                    if let Some(table) = &doc.table {
                        let rows = usize::try_from(table.records).unwrap_or(usize::MAX);
                        let skipped = usize::try_from(table.skipped).unwrap_or(usize::MAX);
                        let text = if skipped > 0 {
                            format!(
                                "{} ({} skipped)",
                                plural(rows, "row"),
                                plural(skipped, "row")
                            )
                        } else {
                            plural(rows, "row")
                        };
                        ui.weak("·");
                        if ui
                            .link(text)
                            .on_hover_text(format!(
                                "Read as a {}. Click to choose other columns.",
                                table.describe()
                            ))
                            .clicked()
                        {
                            commands.push(UiCommand::TableColumns.into());
                        }
                    }
                    if !doc.warnings.is_empty()
                        && self.windows.problems.is_none()
                        && ui
                            .small_button(format!("⚠ {}", plural(doc.warnings.len(), "warning")))
                            .on_hover_text("Show the warnings")
                            .clicked()
                    {
                        commands.push(Command::ShowWarnings);
                    }
                }
                (None, _) => {
                    ui.label("No dataset");
                }
            }
            if let (Some(job), Some(_)) = (&self.workers.load, &self.doc) {
                ui.separator();
                ui.label(format!("Loading {}", job.path.display()));
                progress_ui(ui, job);
            }
        });
        commands
    }

    fn update_title(&mut self, ctx: &Context) {
        let mark = if self.session.is_dirty() { "● " } else { "" };
        let title = match &self.doc {
            Some(doc) => format!("{mark}{} — Claimline", doc.origin.display_name()),
            None => "Claimline".to_owned(),
        };
        // The window as a screen reader names it (egui leaves its root node nameless:
        // Orca said "frame").
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(title.clone());
        });
        if title != self.launch.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.launch.title_shown = title;
        }
    }
}

impl ClaimlineApp {
    /// True when a form holds typing not yet applied to the dataset.
    fn form_pending(&self) -> bool {
        let event_pending = match (&self.session.event, &self.doc) {
            (Some(editor), Some(doc)) => {
                crate::edit::forms::EventForm::of(&doc.dataset, editor.event).as_ref()
                    != Some(&editor.form)
            }
            _ => false,
        };
        event_pending
            || self.session.source.is_some()
            || self.session.reader.is_some()
            || self.session.relation.is_some()
            || self.windows.path_prompt.is_some()
            || self.windows.export_form.is_some()
            || self.windows.publish_form.is_some()
            || self.windows.engine_form.is_some()
    }

    /// The windows of authoring and the questions asked before something is lost.
    fn authoring_windows(&mut self, ctx: &Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(found) = &self.windows.restore_offer {
            commands.extend(authoring_windows::restore_window(ctx, found));
        }
        if let Some(doc) = self.doc.clone() {
            let selected = self.selected();
            if let Some(source) = &mut self.session.source {
                commands.extend(authoring_windows::source_window(ctx, source));
            }
            if let Some(reader) = &mut self.session.reader {
                commands.extend(authoring_windows::reader_window(
                    ctx,
                    &doc,
                    reader,
                    selected,
                    self.generation,
                ));
            }
            if let Some(relation) = &mut self.session.relation {
                commands.extend(authoring_windows::relation_window(ctx, &doc, relation));
            }
            if let Some(e) = self.session.delete {
                commands.extend(authoring_windows::delete_window(ctx, &doc, e));
            }
            if let Some(pending) = &self.session.confirm {
                commands.extend(authoring_windows::confirm_window(
                    ctx,
                    pending,
                    &doc.origin.display_name(),
                ));
            }
        }
        if let Some((path, lines)) = &self.session.comments_warning {
            commands.extend(authoring_windows::comments_window(ctx, path, lines));
        }
        commands
    }
}

/// Above the side panel's content: the Edit switch and, while editing, Add event.
fn editing_bar_ui(ui: &mut Ui, editing: bool, selected: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        if ui
            .selectable_label(editing, "✏ Edit")
            .on_hover_text(format!(
                "{} ({})",
                UiCommand::ToggleEditing.tooltip(),
                UiCommand::ToggleEditing.label_with_shortcut()
            ))
            .clicked()
        {
            commands.push(UiCommand::ToggleEditing.into());
        }
        if editing {
            if ui
                .button("➕ Event")
                .on_hover_text(UiCommand::AddEvent.tooltip())
                .clicked()
            {
                commands.push(UiCommand::AddEvent.into());
            }
            if ui
                .button("➕ Source")
                .on_hover_text(UiCommand::AddSource.tooltip())
                .clicked()
            {
                commands.push(UiCommand::AddSource.into());
            }
            if !selected {
                ui.weak("Select an event to edit it");
            }
        }
    });
    commands
}

/// The side panel's tabs: the selection's details, or the disputes.
fn side_tabs_ui(ui: &mut Ui, current: SideTab) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        for (tab, label, hint) in [
            (
                SideTab::Details,
                "Details",
                "The selected event: details, sources and quotes, contradicting reports",
            ),
            (
                SideTab::Disputes,
                "Disputes",
                UiCommand::ShowDisputes.tooltip(),
            ),
        ] {
            if ui
                .selectable_label(current == tab, label)
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(Command::SetSideTab(tab));
            }
        }
    });
    ui.separator();
    commands
}

/// Collects the commands bound to keys pressed this frame. While a text field has the
/// focus, keys without a modifier are its own, and so are Undo and Redo while a form
/// holds typing not yet applied (`form_pending`); otherwise they undo the dataset's edits.
fn shortcuts(ctx: &Context, form_pending: bool) -> Vec<Command> {
    // Only a text field takes plain keys: a button or a timeline event focused by Tab
    // leaves ←/→, Home, End and the letters to the app.
    let typing = ctx.text_edit_focused();
    // Escape closes the innermost open thing first: an open menu, not the selection.
    let menu_open = egui::Popup::is_any_open(ctx);
    let mut commands = Vec::new();
    // Shortcuts with more modifiers first, so Ctrl+Shift+Z is not also taken as Ctrl+Z,
    // nor Ctrl+F as F.
    let mut ordered: Vec<UiCommand> = UiCommand::ALL.to_vec();
    ordered.sort_by_key(|c| std::cmp::Reverse(c.modifier_count()));
    for command in ordered {
        let Some(shortcut) = command.shortcut() else {
            continue;
        };
        let text_key = if form_pending {
            command.is_text_key()
        } else {
            command.is_plain_key()
        };
        if (typing && text_key) || (menu_open && command == UiCommand::ClearSelection) {
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

fn progress_ui(ui: &mut Ui, job: &LoadJob) {
    let stage = job.progress.stage();
    let bar = match job.progress.fraction() {
        Some(f) => egui::ProgressBar::new(f).show_percentage(),
        // Not animated: an animated bar repaints every frame, taking a core from the
        // load under a software renderer.
        None => egui::ProgressBar::new(0.0),
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

/// The selected event's sections — details, sources and quotes, contradicting reports —
/// from its card, for memory and engine alike.
/// With `focus_quotes`, the first quote takes the keyboard focus (after `Q`).
fn card_ui(ui: &mut Ui, card: &Card, query: &TextQuery, focus_quotes: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    access::section(ui, RichText::new("Details").strong(), "details", |ui| {
        commands.extend(details::details_ui(ui, card));
    });
    let sources = format!("Sources & quotes ({})", card.quote_count());
    access::section(ui, RichText::new(sources).strong(), "sources", |ui| {
        commands.extend(sources::sources_ui(ui, card, query, focus_quotes));
    });
    let reports = format!("Contradicting reports ({})", card.links.len());
    access::section(
        ui,
        RichText::new(reports).strong(),
        "contradictions",
        |ui| {
            commands.extend(contradictions::contradictions_ui(ui, card));
        },
    );
    commands
}
