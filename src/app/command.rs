//! What the user can ask for. Panels return [`Command`]s; the app runs them in one place
//! once per frame. Each [`UiCommand`] has its label, tooltip and shortcut here, so menus,
//! shortcuts and the help window cannot drift apart.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::form::ExportRequest;
use crate::model::EventIdx;
use crate::timeline::seam::Ability;
use crate::timeline::{Filter, LaneMode};

/// Commands reachable from menus, buttons and the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Start a new, empty dataset.
    NewDataset,
    /// Choose a dataset file to open.
    OpenDataset,
    /// Save the dataset to its file.
    Save,
    /// Save the dataset to a file the user chooses.
    SaveAs,
    /// Load the current file again.
    Reload,
    /// Choose which column of the table on screen holds what.
    TableColumns,
    /// Save a PNG of the window or the timeline.
    ExportScreenshot,
    /// Publish a web page, or the data in another tool's format.
    Publish,
    /// Quit the app.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Turn editing on or off: forms in the details panel.
    ToggleEditing,
    /// Add an event.
    AddEvent,
    /// Delete the selected event.
    DeleteEvent,
    /// Add a source (and its text).
    AddSource,
    /// Fit the shown events in the timeline.
    ZoomToFit,
    /// Zoom the timeline in around its centre.
    ZoomIn,
    /// Zoom the timeline out around its centre.
    ZoomOut,
    /// Select the next event in time.
    NextEvent,
    /// Select the previous event in time.
    PreviousEvent,
    /// Select the first event.
    FirstEvent,
    /// Select the last event.
    LastEvent,
    /// Clear the selection.
    ClearSelection,
    /// Put the cursor in the search field.
    FocusSearch,
    /// Show or hide contradiction links.
    ToggleLinks,
    /// Switch between compressed and linear time.
    ToggleTimeScale,
    /// Show the contested questions, with both sides.
    ShowDisputes,
    /// Put the keyboard focus on the selected event's first quote.
    ReadQuotes,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
}

impl UiCommand {
    /// Every command, in help-window order.
    pub const ALL: [Self; 30] = [
        Self::NewDataset,
        Self::OpenDataset,
        Self::Save,
        Self::SaveAs,
        Self::Reload,
        Self::TableColumns,
        Self::ExportScreenshot,
        Self::Publish,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::ToggleEditing,
        Self::AddEvent,
        Self::DeleteEvent,
        Self::AddSource,
        Self::ZoomToFit,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::PreviousEvent,
        Self::NextEvent,
        Self::FirstEvent,
        Self::LastEvent,
        Self::ClearSelection,
        Self::FocusSearch,
        Self::ToggleLinks,
        Self::ToggleTimeScale,
        Self::ShowDisputes,
        Self::ReadQuotes,
        Self::ToggleTheme,
        Self::ShowShortcuts,
    ];

    /// Menu and button text.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewDataset => "New dataset",
            Self::OpenDataset => "Open dataset…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::ToggleEditing => "Edit",
            Self::AddEvent => "Add event",
            Self::DeleteEvent => "Delete event…",
            Self::AddSource => "Add source…",
            Self::Reload => "Reload",
            Self::TableColumns => "Table columns…",
            Self::ExportScreenshot => "Export screenshot…",
            Self::Publish => "Publish…",
            Self::Quit => "Quit",
            Self::ZoomToFit => "Zoom to fit",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::NextEvent => "Next event",
            Self::PreviousEvent => "Previous event",
            Self::FirstEvent => "First event",
            Self::LastEvent => "Last event",
            Self::ClearSelection => "Clear selection",
            Self::FocusSearch => "Search",
            Self::ToggleLinks => "Contradiction links",
            Self::ToggleTimeScale => "Linear time",
            Self::ShowDisputes => "Disputes",
            Self::ReadQuotes => "Quotes of the selected event",
            Self::ToggleTheme => "Dark theme",
            Self::ShowShortcuts => "Keyboard shortcuts",
        }
    }

    /// Tooltip text.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenDataset => {
                "Open a dataset (RON, TimelineJS) or a table of events (CSV, TSV, GDELT; gzipped too)"
            }
            Self::NewDataset => "Start an empty dataset to fill in the app",
            Self::Save => {
                "Save the dataset as RON (canonical layout), with its sources' texts beside it"
            }
            Self::SaveAs => "Save the dataset to another file",
            Self::Undo => "Undo the last change to the dataset",
            Self::Redo => "Redo the change just undone",
            Self::ToggleEditing => {
                "Edit the selected event in the details panel; double-click an empty spot of a lane to add one there"
            }
            Self::AddEvent => {
                "Add an event on the selected event's date (or the middle of the view)"
            }
            Self::DeleteEvent => "Delete the selected event and the links that name it",
            Self::AddSource => "Add an article or document, and attach its text to quote from",
            Self::Reload => "Load the current file again from disk",
            Self::TableColumns => {
                "Choose which column of the table holds the date, the title, the actors…"
            }
            Self::ExportScreenshot => "Save a PNG of the window or of the timeline",
            Self::Publish => {
                "A web page of the timeline with its quotes and disputes, or the data for TimelineJS, fact-checkers' tools (ClaimReview) and annotation tools (Web Annotations)"
            }
            Self::Quit => "Close Claimline",
            Self::ZoomToFit => "Show all the events that pass the filters",
            Self::ZoomIn => "Zoom in on the middle of the timeline",
            Self::ZoomOut => "Zoom out from the middle of the timeline",
            Self::NextEvent => "Select the next event in time",
            Self::PreviousEvent => "Select the previous event in time",
            Self::FirstEvent => "Select the earliest event",
            Self::LastEvent => "Select the latest event",
            Self::ClearSelection => "Deselect the event",
            Self::FocusSearch => "Search titles, summaries and quotes",
            Self::ToggleLinks => "Draw a line from each report to the one it contradicts or denies",
            Self::ToggleTimeScale => {
                "Show time to scale, instead of shrinking long stretches without events to a break"
            }
            Self::ShowDisputes => {
                "Each contested question with both sides: who says yes, who says no, who won't say"
            }
            Self::ReadQuotes => {
                "Move the keyboard focus to the selected event's first quote; Tab goes on to its sources and the reports that contradict it"
            }
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::ShowShortcuts => "List the keyboard shortcuts",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let key = |k| Some(KeyboardShortcut::new(Modifiers::NONE, k));
        let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
        let cmd_shift = |k| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                k,
            ))
        };
        match self {
            Self::NewDataset => cmd(Key::N),
            Self::OpenDataset => cmd(Key::O),
            Self::Save => cmd(Key::S),
            Self::SaveAs => cmd_shift(Key::S),
            Self::Undo => cmd(Key::Z),
            Self::Redo => cmd_shift(Key::Z),
            Self::ToggleEditing => key(Key::F2),
            Self::AddEvent => cmd_shift(Key::N),
            Self::DeleteEvent => key(Key::Delete),
            Self::AddSource => None,
            Self::Reload => key(Key::F5),
            Self::ExportScreenshot => cmd(Key::E),
            Self::Quit => cmd(Key::Q),
            Self::ZoomToFit => key(Key::F),
            Self::ZoomIn => key(Key::Plus),
            Self::ZoomOut => key(Key::Minus),
            Self::NextEvent => key(Key::ArrowRight),
            Self::PreviousEvent => key(Key::ArrowLeft),
            Self::FirstEvent => key(Key::Home),
            Self::LastEvent => key(Key::End),
            Self::ClearSelection => key(Key::Escape),
            Self::FocusSearch => cmd(Key::F),
            Self::ToggleLinks => key(Key::L),
            Self::ToggleTimeScale => key(Key::T),
            Self::ShowDisputes => key(Key::D),
            Self::ReadQuotes => key(Key::Q),
            Self::ToggleTheme => cmd(Key::T),
            Self::ShowShortcuts => key(Key::F1),
            Self::TableColumns | Self::Publish => None,
        }
    }

    /// "Label (Shortcut)", for toggles in menus.
    pub fn label_with_shortcut(self) -> String {
        match self.shortcut() {
            Some(s) => format!(
                "{} ({})",
                self.label(),
                s.format(&egui::ModifierNames::NAMES, cfg!(target_os = "macos"))
            ),
            None => self.label().to_owned(),
        }
    }

    /// True for shortcuts without a modifier, which must not fire while typing.
    pub fn is_plain_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// True for commands that a text field handles itself while it has the focus
    /// (its own undo and redo).
    pub fn is_text_key(self) -> bool {
        self.is_plain_key() || matches!(self, Self::Undo | Self::Redo)
    }

    /// How many modifiers the shortcut takes: shortcuts with more are matched first, so
    /// that Ctrl+Shift+Z is not also taken as Ctrl+Z.
    pub fn modifier_count(self) -> usize {
        self.shortcut().map_or(0, |s| {
            let m = s.modifiers;
            usize::from(m.command || m.ctrl) + usize::from(m.shift) + usize::from(m.alt)
        })
    }
}

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
    Confirm(super::session::Choice),
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
    /// Close the source form.
    CloseSourceForm,
    /// Open the reader on `sources[i]`.
    OpenReader(usize),
    /// Add the reader's quote to the selected event.
    AddQuoteFromReader,
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
