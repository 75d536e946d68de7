//! Laying out one frame: menu, toolbar, status bar, problems, side panel, event list,
//! timeline and the small windows. Everything here only draws and collects the
//! [`Command`]s the user gave; they are run at the end of the frame.

use std::sync::Arc;

use egui::Ui;

use super::ClaimlineApp;
use super::command::{Command, Part, SideTab, UiCommand};
use super::panels::disputes_tab::Questions;
use super::panels::event_list::{ListRows, MemoryRows};
use super::panels::{access, disputes_tab, event_list, legend, menu, problems, toolbar};
use super::room::Room;
use super::side_panel::side_tabs_ui;
use super::small_windows::{drop_overlay, shortcuts};
use super::status_bar::progress_ui;
use super::timeline_widget;
use crate::timeline::Document;

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
            // Street tiles dropped go under the map; a web archive is a source's evidence;
            // a page too while the source form is open; anything else is a dataset to open.
            let archive = {
                let name = path.to_string_lossy().to_ascii_lowercase();
                name.ends_with(".warc") || name.ends_with(".warc.gz") || name.ends_with(".wacz")
            };
            let page_for_form = self.session.source.is_some() && super::captures::is_capture(&path);
            let tiles = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pmtiles"));
            if tiles {
                commands.push(Command::SetStreetTiles(Some(path)));
            } else if (archive || page_for_form) && self.session.editing {
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
            // Disputes are asked of a table's engine: its document holds none.
            let disputed = !doc.disputes.is_empty()
                || self.big.as_ref().is_some_and(|b| b.data.has_relations());
            egui::Panel::top("toolbar").show(ui, |ui| {
                commands.extend(toolbar::toolbar_ui(
                    ui,
                    &doc,
                    (&self.view.filter, disputed),
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

        commands.extend(self.windows_ui(&ctx));
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
            // An engine's line of the event clicked comes with its card: the list
            // scrolls to it then.
            let engine_scroll = self
                .big
                .as_mut()
                .is_some_and(|b| std::mem::take(&mut b.list.scroll_pending));
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
                        self.view.scroll_list_to_selected || engine_scroll,
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
        if self.persisted.shows(Part::Map) {
            let width = content.width();
            egui::Panel::right("map")
                .resizable(true)
                .default_size((width * 0.3).max(220.0))
                .size_range(180.0..=(width * 0.6).max(200.0))
                .show(ui, |ui| {
                    let big = self.big.as_ref();
                    let input = super::map_widget::MapPanelInput {
                        doc,
                        derived: &self.view.derived,
                        filter: &self.view.filter,
                        engine: big.map(|b| &b.data),
                        days: self.view.timeline.visible_days(),
                        selected: big
                            .map_or_else(|| self.selected(), super::big_table::BigTable::selected),
                    };
                    commands.extend(super::map_widget::map_ui(ui, &input, &mut self.view.map));
                });
            access::ring_panel_edge(ui, "map");
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
}
