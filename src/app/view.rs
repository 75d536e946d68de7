//! What the user looks at: the filter and the filtered view, the selection, the timeline's
//! view.

use super::command::Command;
use super::timeline_widget::{TimelineState, ViewRequest};
use crate::timeline::selection::Selection;
use crate::timeline::{Derived, Filter};

/// What the user looks at.
#[derive(Default)]
pub struct ViewState {
    /// What passes the filter: its events, lanes and time axes.
    pub(super) derived: Derived,
    /// The document generation `derived` was computed for.
    pub(super) derived_generation: u64,
    /// The next filtered view is framed to fit (a document was just opened).
    pub(super) fit_pending: bool,
    /// The filter as the user set it; `derived.filter` catches up (maybe on a thread).
    pub(super) filter: Filter,
    /// The selected event, checked against the document whenever it is read (through
    /// [`super::ClaimlineApp::selected`]).
    pub(super) selection: Option<Selection>,
    pub(super) scroll_list_to_selected: bool,
    /// The Disputes tab's first question takes the keyboard focus when next drawn
    /// (after `D`).
    pub(super) focus_disputes: bool,
    /// The selected event's first quote takes the keyboard focus when next drawn (after
    /// `Q`).
    pub(super) focus_quotes: bool,
    pub(super) timeline: TimelineState,
    /// The map panel's view and answers.
    pub(super) map: super::map_widget::MapState,
}

impl ViewState {
    /// Carries out a command that changes only what the user looks at (the filter, a
    /// range of days to show); hands any other back.
    pub(super) fn run(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::ZoomTo(a, b) => self.timeline.request(ViewRequest::Days(a, b), false),
            Command::SetFilter(filter) => self.filter = filter,
            Command::SetDisputedOnly(only) => self.filter.disputed_only = only,
            other => return Some(other),
        }
        None
    }
}
