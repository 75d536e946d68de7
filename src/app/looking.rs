//! Looking: carrying out what the user asks to see — opening, selecting, going to an
//! event, menus and shortcuts, the disputes.

use super::ClaimlineApp;
use super::command::{Command, Part, SideTab, UiCommand};
use super::notifications::Level;
use super::panels::sources::is_web_url;
use super::panels::toolbar::search_id;
use super::session::Pending;
use super::state::ThemeChoice;
use super::timeline_widget::ViewRequest;
use crate::model::EventIdx;
use crate::timeline::{Filter, TimeScale};
use egui::Context;

impl ClaimlineApp {
    /// Looking: what is selected and shown, filters, lanes, disputes, opening files.
    pub(super) fn run_view_command(&mut self, ctx: &Context, command: Command) {
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
                    self.clear_filters(ctx, "that event");
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
            UiCommand::Reload => {
                if self.open_file().is_some() {
                    self.guard(ctx, Pending::Reload);
                }
            }
            UiCommand::TableColumns | UiCommand::ExportScreenshot | UiCommand::Publish => {
                self.open_form(ctx, command);
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
            | UiCommand::LastEvent => self.step_selection(command),
            UiCommand::ClearSelection => self.set_selected(None),
            UiCommand::FocusSearch => ctx.memory_mut(|m| m.request_focus(search_id())),
            UiCommand::ToggleLinks => {
                let shown = self.persisted.shows(Part::Links);
                self.persisted.set_shown(Part::Links, !shown);
            }
            UiCommand::ToggleMap => {
                let shown = self.persisted.shows(Part::Map);
                self.persisted.set_shown(Part::Map, !shown);
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

    /// Moves the selection to the next, previous, first or last event in time order.
    fn step_selection(&mut self, command: UiCommand) {
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

    /// Clears the filters, which hid `what` (said in a notice), and filters again.
    fn clear_filters(&mut self, ctx: &Context, what: &str) {
        self.view.filter = Filter::default();
        self.notifications.push(
            ctx,
            Level::Info,
            format!("The filters hid {what}, so they were cleared."),
        );
        self.update_derived(ctx);
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
            self.clear_filters(ctx, "part of the dispute");
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

    fn select(&mut self, e: Option<EventIdx>) {
        self.set_selected(e);
        if let Some(e) = e {
            self.keep_in_view(e);
            self.view.scroll_list_to_selected = true;
        }
    }
    pub(super) fn zoom_to_fit(&mut self) {
        self.view.timeline.request(ViewRequest::Fit, false);
    }

    /// Brings event `e` into view, its neighbours distinct, gliding there.
    pub(super) fn keep_in_view(&mut self, e: EventIdx) {
        self.view.timeline.request(ViewRequest::Reveal(e), true);
    }
}
