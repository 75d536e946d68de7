//! The editing session of the document on screen: its undo history, where it is saved,
//! the forms open on it, the texts of sources waiting to be written beside it, and the
//! question asked before unsaved edits would be lost.

use std::path::PathBuf;
use std::time::Instant;

pub use super::command::Choice;
use super::command::Command;
pub use super::command::Suggested;
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
    /// A file's path being typed, where no file dialog can be shown.
    pub path: Option<String>,
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
    /// What Claimline proposes in the text, read for one document generation.
    pub suggestions: Option<ReaderSuggestions>,
    /// Characters to select in the text and scroll to (a suggestion clicked).
    pub reveal: Option<(usize, usize)>,
}

/// What the reader proposes in its source's text (`crate::suggest`): dates, quotations
/// with their speakers, sentences reporting an event; read again when the document
/// changes (its actors are matched to speakers).
#[derive(Clone, Debug)]
pub struct ReaderSuggestions {
    /// The document generation they were read at.
    pub generation: u64,
    /// The day relative dates count from: the source's publication day, else a
    /// dateline in the text.
    pub published: Option<chrono::NaiveDate>,
    /// What was found.
    pub found: crate::suggest::Suggestions,
    /// The byte offset of each character of the text, and of its end: suggestions count
    /// characters, the text's layout bytes.
    pub bytes: Vec<usize>,
    /// For each proposed event, the event of the dataset that already quotes words of
    /// its sentence from this source (accepted, or quoted by hand), if any.
    pub taken: Vec<Option<EventIdx>>,
}

impl ReaderSuggestions {
    /// Reads `text`, the text of `ds.sources[source]`, at document `generation`.
    pub fn read(ds: &crate::model::Dataset, source: usize, text: &str, generation: u64) -> Self {
        let published = ds
            .sources
            .get(source)
            .map(|s| s.published)
            .filter(crate::model::FuzzyDate::is_exact_day)
            .and_then(|d| crate::model::date::date_of(d.earliest()))
            .or_else(|| crate::suggest::dateline(text));
        let actors: Vec<(String, String)> = ds
            .actors
            .iter()
            .map(|a| (ds.str(a.id).to_owned(), ds.str(a.name).to_owned()))
            .collect();
        let found = crate::suggest::suggest(text, published, &actors);
        let quoted = quoted_spans(ds, source, text);
        let taken = found
            .events
            .iter()
            .map(|e| {
                quoted
                    .iter()
                    .find(|(a, b, _)| *a < e.span.end && e.span.start < *b)
                    .map(|(_, _, event)| *event)
            })
            .collect();
        Self {
            generation,
            published,
            found,
            bytes: text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect(),
            taken,
        }
    }

    /// The bytes of characters `start..end`, if the text has them.
    pub fn byte_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        Some((*self.bytes.get(start)?, *self.bytes.get(end)?))
    }
}

/// Where the dataset's quotes of `ds.sources[source]` are in `text` (characters), with
/// their events: at their recorded position, else where their words are found.
fn quoted_spans(
    ds: &crate::model::Dataset,
    source: usize,
    text: &str,
) -> Vec<(usize, usize, EventIdx)> {
    let Some(id) = ds.sources.get(source).map(|s| s.id) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    for (e, event) in ds.events.iter().enumerate() {
        let Ok(e) = EventIdx::try_from(e) else {
            break;
        };
        for quote in ds.quotes(event.quotes).iter().filter(|q| q.source == id) {
            let at = quote
                .position
                .map(|p| (p.start as usize, p.end as usize))
                .or_else(|| {
                    let words = ds.str(quote.text);
                    let at = text.find(words)?;
                    let start = text[..at].chars().count();
                    Some((start, start + words.chars().count()))
                });
            if let Some((a, b)) = at {
                spans.push((a, b, e));
            }
        }
    }
    spans
}

/// The suggestions the person rejected, per source id: not shown again (until brought
/// back). What was accepted is read from the dataset itself (`ReaderSuggestions::taken`),
/// so an undo offers it again and a renamed event still counts.
#[derive(Clone, Debug, Default)]
pub struct Answered {
    /// Rejected suggestions, by source id.
    pub rejected: std::collections::HashSet<(String, Suggested)>,
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
    /// The suggestions answered in the reader.
    pub answered: Answered,
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
            Command::RevealInReader(start, end) => {
                if let Some(reader) = &mut self.reader {
                    reader.reveal = Some((start, end));
                }
            }
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
