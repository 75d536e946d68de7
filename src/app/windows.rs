//! The windows and forms open beside the timeline, and the offer waiting for an answer.

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
