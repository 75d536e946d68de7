//! The data model: dated events, their sources and quotes, and the relations between
//! them. Pure data; knows nothing of files or of the UI.

pub mod builder;
pub mod coordinates;
pub mod dataset;
pub mod date;
pub mod event;
pub mod event_ids;
pub mod kinds;
pub mod language;
pub mod parts;
pub mod quote;
pub mod strings;

pub use builder::{DatasetBuilder, EventSpec, QuoteSpec, SourceSpec, SpeakerSpec};
pub use coordinates::{Area, Coordinates};
pub use dataset::{
    Actor, Archived, Capture, CaptureFormat, Counts, Dataset, DateSpan, Era, Event, EventIdx,
    LinkedBy, Quote, Relation, SCHEMA_VERSION, Source, Speaker,
};
pub use date::{FuzzyDate, Precision};
pub use kinds::{EventKind, RelationKind, Status};
pub use language::is_language_tag;
pub use parts::{QuoteList, SymList};
pub use quote::QuotePosition;
pub use strings::{StrRef, Strings, StringsFull, Sym, Text};
