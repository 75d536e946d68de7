//! The editing session of the document on screen: its undo history, where it is saved,
//! the forms open on it, the texts of sources waiting to be written beside it, and the
//! question asked before unsaved edits would be lost.

use std::path::PathBuf;
use std::time::Instant;

pub use super::command::Choice;
use super::command::Command;
use crate::edit::Problem;
use crate::edit::forms::{EventForm, QuoteForm, RelationForm, SourceForm};
use crate::edit::history::History;
use crate::model::EventIdx;

/// What waits for an answer to "save the changes?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Open this file.
    Open(PathBuf),
    /// Show the system's open dialog.
    OpenDialog,
    /// Show the built-in dataset.
    OpenBuiltin,
    /// Load the file again from disk.
    Reload,
    /// Start a new, empty dataset.
    New,
    /// Close the window.
    Quit,
    /// The file changed on disk: load it (discarding the edits) or keep the edits.
    FileChanged(PathBuf),
}

/// The event form in the details panel.
#[derive(Clone, Debug)]
pub struct EventEditor {
    /// The event being edited.
    pub event: EventIdx,
    /// The document generation the form was read at.
    pub generation: u64,
    /// The fields as typed.
    pub form: EventForm,
    /// Why the last change was refused, by field.
    pub problems: Vec<Problem>,
    /// An actor being added in place: id and name.
    pub new_actor: (String, String),
}

/// The source form (add or edit a source, attach its text).
#[derive(Clone, Debug, Default)]
pub struct SourceEditor {
    /// The source being edited, or `None` for a new one.
    pub index: Option<usize>,
    /// Its fields.
    pub form: SourceForm,
    /// The article's text, pasted or read from a file.
    pub text: String,
    /// Why the last change was refused, or what happened.
    pub problems: Vec<Problem>,
    /// A note (a file read, a file that could not be).
    pub note: Option<String>,
    /// A captured copy read for it: its name beside the dataset and its bytes, written
    /// when the dataset is saved.
    pub capture: Option<(String, Vec<u8>)>,
}

/// The reader: a source's text, with its quotes marked, to quote by selection.
#[derive(Clone, Debug)]
pub struct Reader {
    /// The source, by position.
    pub source: usize,
    /// Its text.
    pub text: String,
    /// The selected words (byte range into `text`).
    pub selection: Option<(usize, usize)>,
    /// The quote being made.
    pub quote: QuoteForm,
    /// Someone named in words, when the speaker is "someone else".
    pub other: String,
    /// Why the last quote was refused, or where a typed one stops matching.
    pub problems: Vec<Problem>,
    /// Where the source's quotes are in the text, for the document generation named.
    pub marks: Option<(u64, Vec<(usize, usize)>)>,
}

/// The relation form.
#[derive(Clone, Debug)]
pub struct RelationEditor {
    /// Its fields.
    pub form: RelationForm,
    /// Waiting for a click on the timeline or the list to choose `to`.
    pub picking: bool,
    /// The questions already asked, offered for this one.
    pub questions: Vec<String>,
    /// Why the last change was refused.
    pub problems: Vec<Problem>,
}

/// Everything about editing the document on screen.
#[derive(Debug, Default)]
pub struct Session {
    /// Undo and redo.
    pub history: History,
    /// The file was saved over once, after a warning about comments it would drop.
    pub comments_confirmed: Option<PathBuf>,
    /// Editing is on: the details panel shows forms.
    pub editing: bool,
    /// The event form.
    pub event: Option<EventEditor>,
    /// The dataset's title, description and author as typed.
    pub about: Option<crate::edit::forms::AboutForm>,
    /// The source form.
    pub source: Option<SourceEditor>,
    /// The reader.
    pub reader: Option<Reader>,
    /// The relation form.
    pub relation: Option<RelationEditor>,
    /// An event waiting for "delete it?" to be answered.
    pub delete: Option<EventIdx>,
    /// What waits for "save the changes?".
    pub confirm: Option<Pending>,
    /// A save over a file whose comments inside items would be dropped, waiting for
    /// "save anyway?": the file and the comments' lines.
    pub comments_warning: Option<(PathBuf, Vec<usize>)>,
    /// Texts of sources, by document file name, to write beside the dataset on save.
    pub documents: Vec<(String, String)>,
    /// Captured copies of sources (`sources/<sha256>.<ext>`, bytes), to write beside the
    /// dataset on save.
    pub captures: Vec<(String, Vec<u8>)>,
    /// When the last edit was made (the recovery file follows a few seconds later).
    pub last_edit: Option<Instant>,
    /// The recovery file holds the current edits.
    pub recovered: bool,
    /// The window may close: the user answered "save the changes?".
    pub close_allowed: bool,
    /// What to do once the save under way succeeds ("save, then open that").
    pub after_save: Option<Pending>,
}

impl Session {
    /// Carries out a command that only closes one of the session's forms; hands any
    /// other back.
    pub fn run(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::CloseSourceForm => self.source = None,
            Command::CloseReader => self.reader = None,
            Command::CloseRelationForm => self.relation = None,
            other => return Some(other),
        }
        None
    }

    /// A session on a document just opened: nothing to undo, nothing unsaved.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when there are edits not saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The bytes of a capture waiting to be written.
    pub fn capture(&self, file: &str) -> Option<&[u8]> {
        self.captures
            .iter()
            .find(|(n, _)| n == file)
            .map(|(_, b)| b.as_slice())
    }

    /// The text of a document waiting to be written.
    pub fn document(&self, name: &str) -> Option<&str> {
        self.documents
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}
