//! The selected event, checked against the document it is read with. An index into a
//! document's events is only good for that document as it was: a reload, an edit that
//! adds or removes events, or a swap to another document moves or ends it. A
//! [`Selection`] keeps the event's id beside its index and gives the index back only for
//! a document whose event at that place still has that id — else it finds the event
//! again by id, or says there is none. Code that forgets to follow a change cannot read
//! past the end of the events or show the wrong one.

use super::document::Document;
use crate::model::EventIdx;

/// An event picked in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    index: EventIdx,
    id: String,
}

impl Selection {
    /// Event `e` of `doc`, if it has one.
    pub fn of(doc: &Document, e: EventIdx) -> Option<Self> {
        let ds = &doc.dataset;
        ds.events.get(e as usize).map(|event| Self {
            index: e,
            id: ds.str(event.id).to_owned(),
        })
    }

    /// The event's index in `doc`: where it was if it is still there, else wherever its
    /// id now is, else `None`.
    pub fn resolve(&self, doc: &Document) -> Option<EventIdx> {
        let ds = &doc.dataset;
        match ds.events.get(self.index as usize) {
            Some(event) if ds.str(event.id) == self.id => Some(self.index),
            _ => ds.event_index_by_name(&self.id),
        }
    }

    /// The event's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::document::Origin;

    fn doc(ids: &[&str]) -> Document {
        let mut text = String::from("date,id,title\n");
        for (i, id) in ids.iter().enumerate() {
            text.push_str(&format!("2024-01-{:02},{id},Event {id}\n", i + 1));
        }
        let loaded = crate::load::load_bytes(
            text.as_bytes(),
            std::path::Path::new("t.csv"),
            crate::load::LoadOptions::default(),
            None,
        )
        .unwrap();
        Document::new(loaded, Origin::Untitled)
    }

    #[test]
    fn a_selection_follows_its_event_or_ends_but_never_points_past_the_events() {
        let first = doc(&["a", "b", "c", "d"]);
        let d = Selection::of(&first, 3).unwrap();
        assert_eq!(d.resolve(&first), Some(3));
        // The same event elsewhere (a reload, an edit that removed one before it).
        let moved = doc(&["d", "a"]);
        assert_eq!(d.resolve(&moved), Some(0));
        // Another document without it, shorter than the index: nothing, no panic.
        let other = doc(&["x"]);
        assert_eq!(d.resolve(&other), None);
        assert!(Selection::of(&other, 5).is_none());
    }
}
