//! What the user can ask for. Panels return [`Command`]s; the app runs them in one place
//! once per frame. Each [`UiCommand`] has its label, tooltip and shortcut here, so menus,
//! shortcuts and the help window cannot drift apart.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::form::ExportRequest;
use crate::model::EventIdx;
use crate::timeline::{Filter, LaneMode};

/// Commands reachable from menus, buttons and the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Choose a dataset file to open.
    OpenDataset,
    /// Load the current file again.
    Reload,
    /// Choose which column of the table on screen holds what.
    TableColumns,
    /// Save a PNG of the window or the timeline.
    ExportScreenshot,
    /// Quit the app.
    Quit,
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
    /// Switch between light and dark.
    ToggleTheme,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
}

impl UiCommand {
    /// Every command, in help-window order.
    pub const ALL: [Self; 19] = [
        Self::OpenDataset,
        Self::Reload,
        Self::TableColumns,
        Self::ExportScreenshot,
        Self::Quit,
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
        Self::ToggleTheme,
        Self::ShowShortcuts,
    ];

    /// Menu and button text.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenDataset => "Open dataset…",
            Self::Reload => "Reload",
            Self::TableColumns => "Table columns…",
            Self::ExportScreenshot => "Export screenshot…",
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
            Self::Reload => "Load the current file again from disk",
            Self::TableColumns => {
                "Choose which column of the table holds the date, the title, the actors…"
            }
            Self::ExportScreenshot => "Save a PNG of the window or of the timeline",
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
            Self::ToggleTheme => "Switch between the light and the dark theme",
            Self::ShowShortcuts => "List the keyboard shortcuts",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let key = |k| Some(KeyboardShortcut::new(Modifiers::NONE, k));
        let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
        match self {
            Self::OpenDataset => cmd(Key::O),
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
            Self::ToggleTheme => cmd(Key::T),
            Self::ShowShortcuts => key(Key::F1),
            Self::TableColumns => None,
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
    /// Close the "type a path" window.
    ClosePathPrompt,
    /// Pick the export's file in the system dialog.
    BrowseExportPath,
    /// Export as asked (and remember the choices).
    Export(ExportRequest),
    /// Close the export form without exporting.
    CloseExportForm,
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
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Self::Ui(c)
    }
}
