//! Edits as steps that can be undone: each step replaces, inserts or removes one item of
//! a list, holding the item before and after. Items are small `Copy` records whose text
//! lives in the dataset's append-only string table, so a step is exact to undo and
//! costs what the item holds, however large the dataset.

use crate::model::{Actor, Dataset, Event, Relation, Source, Text};

/// One item of a dataset, as it was or as it becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// An actor.
    Actor(Actor),
    /// A source.
    Source(Source),
    /// An event (with its quotes).
    Event(Event),
    /// A relation.
    Relation(Relation),
    /// The dataset's title, description and author.
    About {
        /// The title.
        title: Text,
        /// The description.
        description: Text,
        /// Who compiled it.
        author: Text,
    },
}

/// Which list a step changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// `actors`.
    Actors,
    /// `sources`.
    Sources,
    /// `events`.
    Events,
    /// `relations`.
    Relations,
    /// The title and description (always index 0).
    About,
}

impl Item {
    fn list(self) -> List {
        match self {
            Self::Actor(_) => List::Actors,
            Self::Source(_) => List::Sources,
            Self::Event(_) => List::Events,
            Self::Relation(_) => List::Relations,
            Self::About { .. } => List::About,
        }
    }
}

/// One change to one item: replaced (`before` and `after`), inserted (no `before`) or
/// removed (no `after`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The list.
    pub list: List,
    /// The item's position.
    pub index: usize,
    /// The item before, if it existed.
    pub before: Option<Item>,
    /// The item after, if it still exists.
    pub after: Option<Item>,
}

impl Step {
    /// Replaces the item at `index` with `after`.
    pub fn replace(index: usize, before: Item, after: Item) -> Self {
        Self {
            list: after.list(),
            index,
            before: Some(before),
            after: Some(after),
        }
    }

    /// Inserts `item` at `index`.
    pub fn insert(index: usize, item: Item) -> Self {
        Self {
            list: item.list(),
            index,
            before: None,
            after: Some(item),
        }
    }

    /// Removes `item`, at `index`.
    pub fn remove(index: usize, item: Item) -> Self {
        Self {
            list: item.list(),
            index,
            before: Some(item),
            after: None,
        }
    }

    /// The step that undoes this one.
    #[must_use]
    pub fn inverse(self) -> Self {
        Self {
            before: self.after,
            after: self.before,
            ..self
        }
    }

    /// Carries the step out on `ds`. Returns false (changing nothing) when the index is
    /// out of range.
    pub fn apply(self, ds: &mut Dataset) -> bool {
        fn put<T: Copy>(list: &mut Vec<T>, index: usize, had: bool, item: Option<T>) -> bool {
            match (had, item) {
                (true, Some(item)) => list.get_mut(index).map(|slot| *slot = item).is_some(),
                (false, Some(item)) if index <= list.len() => {
                    list.insert(index, item);
                    true
                }
                (true, None) if index < list.len() => {
                    list.remove(index);
                    true
                }
                _ => false,
            }
        }
        let had = self.before.is_some();
        match (self.list, self.after) {
            (
                List::About,
                Some(Item::About {
                    title,
                    description,
                    author,
                }),
            ) => {
                ds.title = title;
                ds.description = description;
                ds.author = author;
                true
            }
            (List::Actors, after) => put(
                &mut ds.actors,
                self.index,
                had,
                after.and_then(|i| match i {
                    Item::Actor(a) => Some(a),
                    _ => None,
                }),
            ),
            (List::Sources, after) => put(
                &mut ds.sources,
                self.index,
                had,
                after.and_then(|i| match i {
                    Item::Source(s) => Some(s),
                    _ => None,
                }),
            ),
            (List::Events, after) => put(
                &mut ds.events,
                self.index,
                had,
                after.and_then(|i| match i {
                    Item::Event(e) => Some(e),
                    _ => None,
                }),
            ),
            (List::Relations, after) => put(
                &mut ds.relations,
                self.index,
                had,
                after.and_then(|i| match i {
                    Item::Relation(r) => Some(r),
                    _ => None,
                }),
            ),
            (List::About, _) => false,
        }
    }
}

/// One user action: the steps it took, in order, and what to call it in the Edit menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// "Edit event “Kremlin denies the call”".
    pub label: String,
    /// The steps, in the order they were applied.
    pub steps: Vec<Step>,
}

/// Edits that can be undone and redone.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The undo depth at the last save (`None`: the saved state is no longer reachable).
    saved_at: Option<usize>,
}

/// How many edits can be undone.
pub const UNDO_LIMIT: usize = 1000;

impl Default for History {
    /// A history whose current state is the one on disk.
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            saved_at: Some(0),
        }
    }
}

impl History {
    /// A history whose current state is the one on disk.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an edit just applied; it clears what could be redone.
    pub fn push(&mut self, edit: Edit) {
        if self.saved_at.is_some_and(|at| at > self.undo.len()) {
            self.saved_at = None;
        }
        self.redo.clear();
        self.undo.push(edit);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
            self.saved_at = self.saved_at.and_then(|at| at.checked_sub(1));
        }
    }

    /// The edit to undo, moved to the redo list; the caller applies its inverse.
    pub fn undo(&mut self) -> Option<&Edit> {
        let edit = self.undo.pop()?;
        self.redo.push(edit);
        self.redo.last()
    }

    /// The edit to redo, moved back to the undo list; the caller applies it again.
    pub fn redo(&mut self) -> Option<&Edit> {
        let edit = self.redo.pop()?;
        self.undo.push(edit);
        self.undo.last()
    }

    /// The label of what Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// The label of what Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Marks the state after the first `depth` edits as saved (a save that started
    /// then and finished later, while more edits were made).
    pub fn mark_saved_at(&mut self, depth: usize) {
        self.saved_at = (depth <= self.undo.len()).then_some(depth);
    }

    /// Marks the current state as not saved anywhere (restored edits).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }

    /// True when the current state differs from the saved one.
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.undo.len())
    }

    /// Number of edits that can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }
}
