//! The windows and forms open beside the timeline, and the offer waiting for an answer.

use super::command::Command;
use super::dialogs::PendingDialog;
use super::panels::{self, problems::Problems, windows::PathPrompt};
use super::recovery;
use crate::export::form::ExportForm;

/// The windows and forms open beside the timeline.
#[derive(Default)]
pub struct Windows {
    pub(super) problems: Option<Problems>,
    pub(super) dialog: Option<PendingDialog>,
    pub(super) path_prompt: Option<PathPrompt>,
    pub(super) export_form: Option<ExportForm>,
    /// The publish form, when open.
    pub(super) publish_form: Option<panels::publish_form::PublishForm>,
    /// The form that opens a table through a query engine, while it is open.
    pub(super) engine_form: Option<panels::engine_form::EngineForm>,
    /// The table columns form, when open.
    pub(super) table_columns: Option<panels::table_columns::TableColumns>,
    pub(super) show_shortcuts: bool,
    /// Edits left by a session that did not end, offered for restoring.
    pub(super) restore_offer: Option<recovery::Found>,
}

impl Windows {
    /// Carries out a command that only closes one of these windows; hands any other
    /// back.
    pub(super) fn run(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::DismissProblems => self.problems = None,
            Command::CloseShortcuts => self.show_shortcuts = false,
            Command::CloseInnermostWindow => self.close_innermost(),
            Command::CloseExportForm => self.export_form = None,
            Command::ClosePublishForm => self.publish_form = None,
            Command::CloseEngineForm => self.engine_form = None,
            Command::CloseTableColumns => self.table_columns = None,
            other => return Some(other),
        }
        None
    }

    /// Whether a window that Escape may close is open.
    pub(super) fn closable_open(&self) -> bool {
        self.show_shortcuts
            || self.path_prompt.is_some()
            || self.export_form.is_some()
            || self.publish_form.is_some()
            || self.engine_form.is_some()
            || self.table_columns.is_some()
            || self.problems.is_some()
    }

    /// Closes one window that Escape may close: the small ones first, the problems
    /// panel last. (A file dialog and the offer to restore edits wait for an answer.)
    pub(super) fn close_innermost(&mut self) {
        if self.show_shortcuts {
            self.show_shortcuts = false;
        } else if self.path_prompt.is_some() {
            self.path_prompt = None;
        } else if self.export_form.is_some() {
            self.export_form = None;
        } else if self.publish_form.is_some() {
            self.publish_form = None;
        } else if self.engine_form.is_some() {
            self.engine_form = None;
        } else if self.table_columns.is_some() {
            self.table_columns = None;
        } else {
            self.problems = None;
        }
    }
}
