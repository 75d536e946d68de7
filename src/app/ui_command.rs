//! The commands of menus, buttons and the keyboard: each with its label, tooltip and
//! shortcut here, so menus, shortcuts and the help window cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

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
    /// Show or hide the map of the events' places.
    ToggleMap,
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
    pub const ALL: [Self; 31] = [
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
        Self::ToggleMap,
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
            Self::ToggleMap => "Map",
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
            Self::ToggleMap => {
                "Show where the events in view happened, on a map beside the timeline"
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
            Self::ToggleMap => key(Key::M),
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
