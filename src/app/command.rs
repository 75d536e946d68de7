//! What the user can ask for. Panels return [`Command`]s; the app runs them in one place
//! once per frame. The menu and shortcut commands are [`UiCommand`]s (`ui_command.rs`).

use std::path::PathBuf;

use crate::export::form::ExportRequest;
use crate::model::EventIdx;
use crate::timeline::seam::Ability;
use crate::timeline::{Filter, LaneMode};

pub use super::ui_command::UiCommand;

/// A part of the window the user can show or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Contradiction links on the timeline.
    Links,
    /// Short titles next to markers.
    Labels,
    /// The legend under the timeline.
    Legend,
    /// The side panel (details, sources, contradictions).
    SidePanel,
    /// The event list.
    EventList,
    /// The map of the events' places.
    Map,
}

/// What the side panel shows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum SideTab {
    /// The selected event: details, sources and quotes, contradicting reports.
    #[default]
    Details,
    /// Every contested question with its sides.
    Disputes,
}

/// An action for the app to run. Every change a user can make to the app's state is one
/// of these; [`super::ClaimlineApp::execute`] is the one place that carries them out.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "one command a frame")]
pub enum Command {
    /// A menu, button or keyboard command.
    Ui(UiCommand),
    /// Open this dataset file.
    Open(PathBuf),
    /// Show the built-in dataset.
    OpenBuiltin,
    /// Select an event (or nothing), keeping it in view.
    Select(Option<EventIdx>),
    /// Select an event and centre the timeline on it.
    JumpTo(EventIdx),
    /// Zoom the timeline to show days `from..=to`.
    ZoomTo(f64, f64),
    /// Show lanes by kind, actor or group.
    SetLaneMode(LaneMode),
    /// Show the events this filter lets through.
    SetFilter(Filter),
    /// Show or hide a part of the window.
    Show(Part, bool),
    /// Show the details of the selection, or the disputes, in the side panel.
    SetSideTab(SideTab),
    /// Show only the events that take part in a dispute (or all).
    SetDisputedOnly(bool),
    /// Select an event of a dispute and show the whole dispute on the timeline.
    ShowDispute {
        /// The dispute, by its place in the document's list.
        dispute: usize,
        /// The event.
        event: EventIdx,
    },
    /// Copy a dispute as Markdown.
    CopyDispute(usize),
    /// Forget the recent files.
    ClearRecent,
    /// Open the problems panel on the warnings of the dataset on screen.
    ShowWarnings,
    /// Dismiss the problems panel.
    DismissProblems,
    /// Close the keyboard shortcuts window.
    CloseShortcuts,
    /// Close the window or form opened last that can close without an answer (Escape
    /// with one open: the innermost open thing goes first, not the selection).
    CloseInnermostWindow,
    /// Close the "type a path" window.
    ClosePathPrompt,
    /// Pick street tiles (a PMTiles archive) for the map in the system dialog.
    ChooseStreetTiles,
    /// Draw the map over these street tiles, or over none.
    SetStreetTiles(Option<PathBuf>),
    /// Pick the export's file in the system dialog.
    BrowseExportPath,
    /// Export as asked (and remember the choices).
    Export(ExportRequest),
    /// Close the export form without exporting.
    CloseExportForm,
    /// Pick the published file in the system dialog.
    BrowsePublishPath,
    /// Publish this, to this file.
    PublishTo(crate::publish::Published, PathBuf),
    /// Close the publish form.
    ClosePublishForm,
    /// Show the form that opens a table through a query engine.
    OpenEngineForm,
    /// Open this table through this engine (`local` or `df://host:port`), as typed.
    OpenThroughEngine {
        /// The engine.
        url: String,
        /// The table.
        table: PathBuf,
    },
    /// Close the engine form.
    CloseEngineForm,
    /// The event list shows lines `first..=last` and does not know them yet: ask the
    /// data for them (a table read through an engine; in memory every line is known).
    WantListRows(usize, usize),
    /// Open a web address (http or https only).
    OpenUrl(String),
    /// Read this table with this mapping (and remember it for the file).
    OpenTable(PathBuf, crate::load::table::MappingSpec),
    /// Save the table columns form's mapping as a file.
    SaveMapping,
    /// Fill the table columns form from a mapping file.
    LoadMapping,
    /// Close the table columns form.
    CloseTableColumns,
    /// Change the dataset (no form of its own: a refusal is reported).
    Edit(crate::edit::Change),
    /// Apply the event form if it changed and is valid.
    CommitEventForm,
    /// Add an event on this date (as in the format), of this kind if given (the lane it
    /// was asked in), and open its form.
    AddEventOn(String, Option<crate::model::EventKind>),
    /// Ask "delete it?" for this event.
    AskDeleteEvent(EventIdx),
    /// The answer to "delete it?": delete (true) or keep.
    ConfirmDelete(bool),
    /// The answer to "save the changes?".
    Confirm(Choice),
    /// The answer to "comments would be dropped: save anyway?".
    ConfirmComments(bool),
    /// Save the dataset to this file.
    SaveTo(PathBuf),
    /// Open the source form (for `sources[i]`, or a new source).
    OpenSourceForm(Option<usize>),
    /// Apply the source form (and keep its text for saving).
    SaveSourceForm,
    /// Read a text file or a capture into the source form (a file dialog).
    AttachText,
    /// Keep a captured page, WARC or WACZ as a source's captured copy (dropped on the
    /// window): into the open source form, or a new source's.
    AttachCapture(PathBuf),
    /// Read a file into the source form: a capture kept as its evidence, a text file as
    /// its text (a path typed where no file dialog can be shown).
    AttachFile(PathBuf),
    /// Close the source form.
    CloseSourceForm,
    /// Open the reader on `sources[i]`.
    OpenReader(usize),
    /// Add the reader's quote to the selected event.
    AddQuoteFromReader,
    /// Accept the reader's suggested event (by its place in the suggestions): the event
    /// with its date, note, actors and quotations, as one edit.
    AcceptSuggestedEvent(usize),
    /// Add the reader's suggested quotation (by its place) to the selected event, with
    /// its speaker.
    AcceptSuggestedQuote(usize),
    /// Put the reader's suggested quotation (by its place) in the quote form, to choose
    /// its speaker first.
    UseSuggestedQuote(usize),
    /// Hide a suggestion of the reader's source.
    RejectSuggestion(Suggested),
    /// Show the reader's rejected suggestions again.
    BringBackRejected,
    /// Select characters `start..end` of the reader's text and scroll to them.
    RevealInReader(usize, usize),
    /// Close the reader.
    CloseReader,
    /// Open the relation form from the selected event.
    OpenRelationForm,
    /// Open the relation form from one event to another (a link drawn on the timeline).
    LinkEvents(EventIdx, EventIdx),
    /// Apply the relation form.
    AddRelationFromForm,
    /// Close the relation form.
    CloseRelationForm,
    /// Restore the edits of a session that did not end (true), or throw them away.
    Restore(bool),
}

impl Command {
    /// What the data must allow for this command to run ([`Ability`]); `None` for
    /// what any data allows (looking, selecting, filtering, exporting a picture).
    pub fn needs(&self) -> Option<Ability> {
        if self.edits() {
            return Some(Ability::Edit);
        }
        match self {
            Self::SetLaneMode(_) => Some(Ability::LanesByActor),
            Self::OpenTable(..) | Self::SaveMapping | Self::LoadMapping => Some(Ability::Reread),
            Self::CopyDispute(_) => Some(Ability::CopyDispute),
            Self::Ui(ui) => match ui {
                UiCommand::ToggleEditing | UiCommand::AddSource | UiCommand::DeleteEvent => {
                    Some(Ability::Edit)
                }
                UiCommand::Reload | UiCommand::TableColumns => Some(Ability::Reread),
                UiCommand::Publish => Some(Ability::Publish),
                UiCommand::NextEvent
                | UiCommand::PreviousEvent
                | UiCommand::FirstEvent
                | UiCommand::LastEvent => Some(Ability::StepThrough),
                _ => None,
            },
            _ => None,
        }
    }

    /// True for commands that change the dataset (or may, like Save, which applies the
    /// event form first): a large document shared with a worker waits for it rather
    /// than be copied.
    pub fn edits(&self) -> bool {
        matches!(
            self,
            Self::Edit(_)
                | Self::CommitEventForm
                | Self::AddEventOn(..)
                | Self::ConfirmDelete(true)
                | Self::SaveSourceForm
                | Self::AttachCapture(_)
                | Self::AddQuoteFromReader
                | Self::AcceptSuggestedEvent(_)
                | Self::AcceptSuggestedQuote(_)
                | Self::AddRelationFromForm
                | Self::SaveTo(_)
                | Self::Ui(
                    UiCommand::Undo
                        | UiCommand::Redo
                        | UiCommand::AddEvent
                        | UiCommand::Save
                        | UiCommand::SaveAs
                )
        )
    }
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Self::Ui(c)
    }
}

/// The answer to "save the changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Save, then carry on.
    Save,
    /// Throw the edits away and carry on.
    Discard,
    /// Keep editing; do nothing.
    Cancel,
}

/// A suggestion of one source's text, by what it is and where its words start (in
/// characters): what a person rejected, or accepted as an event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Suggested {
    /// A proposed event, by its sentence.
    Event(usize),
    /// A quotation.
    Quote(usize),
}
