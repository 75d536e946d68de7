//! The closed vocabularies of a dataset: what kind of event, how sure we are of it, and
//! how two events relate.
//!
//! Each enum lists its values in [`ALL`](EventKind::ALL) order (the order of legends and
//! filters) and gives a user-facing label and description.

use serde::{Deserialize, Serialize};

/// What sort of event it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventKind {
    /// A phone call between the parties.
    PhoneCall,
    /// A meeting in person.
    Meeting,
    /// A letter, message or greeting sent from one party to another.
    Message,
    /// A public statement.
    Statement,
    /// A press conference or a briefing.
    PressConference,
    /// A news report that something happened.
    MediaReport,
    /// A party says something did not happen or is false.
    Denial,
    /// A party declines to confirm or deny.
    NoComment,
    /// Background a reader needs, not itself a contact.
    Context,
    /// Any other event (imported timelines, where the kind is not known).
    Other,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [Self; 10] = [
        Self::PhoneCall,
        Self::Meeting,
        Self::Message,
        Self::Statement,
        Self::PressConference,
        Self::MediaReport,
        Self::Denial,
        Self::NoComment,
        Self::Context,
        Self::Other,
    ];

    /// Sentence-case label.
    pub fn label(self) -> &'static str {
        match self {
            Self::PhoneCall => "Phone call",
            Self::Meeting => "Meeting",
            Self::Message => "Message",
            Self::Statement => "Statement",
            Self::PressConference => "Press conference",
            Self::MediaReport => "Media report",
            Self::Denial => "Denial",
            Self::NoComment => "No comment",
            Self::Context => "Context",
            Self::Other => "Other",
        }
    }

    /// Position in [`EventKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How well an event is established.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    /// On the record from the parties themselves or an official record.
    Confirmed,
    /// Reported by the press, not confirmed by the parties.
    Reported,
    /// Claimed or suggested without firm sourcing.
    Alleged,
    /// Reported, and contested by at least one party.
    Disputed,
    /// Denied by a party; kept because it was reported.
    Denied,
}

impl Status {
    /// Every status, from most to least established.
    pub const ALL: [Self; 5] = [
        Self::Confirmed,
        Self::Reported,
        Self::Alleged,
        Self::Disputed,
        Self::Denied,
    ];

    /// Sentence-case label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "Confirmed",
            Self::Reported => "Reported",
            Self::Alleged => "Alleged",
            Self::Disputed => "Disputed",
            Self::Denied => "Denied",
        }
    }

    /// One line saying what the status means.
    pub fn description(self) -> &'static str {
        match self {
            Self::Confirmed => "on the record from the parties or an official record",
            Self::Reported => "reported by the press, not confirmed by the parties",
            Self::Alleged => "claimed or suggested without firm sourcing",
            Self::Disputed => "reported, and contested by a party",
            Self::Denied => "reported, and denied by a party",
        }
    }

    /// Position in [`Status::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How one event bears on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    /// The two accounts cannot both be true.
    Contradicts,
    /// `from` says `to` did not happen or is false.
    Denies,
    /// `from` backs up `to`.
    Supports,
    /// `from` corrects or walks back part of `to`.
    Corrects,
    /// `from` is a refusal to confirm or deny `to`.
    DeclinesToConfirm,
}

impl RelationKind {
    /// Every relation kind, in legend order.
    pub const ALL: [Self; 5] = [
        Self::Contradicts,
        Self::Denies,
        Self::Corrects,
        Self::DeclinesToConfirm,
        Self::Supports,
    ];

    /// Lower-case verb phrase ("denies"), to read "A denies B".
    pub fn verb(self) -> &'static str {
        match self {
            Self::Contradicts => "contradicts",
            Self::Denies => "denies",
            Self::Supports => "supports",
            Self::Corrects => "corrects",
            Self::DeclinesToConfirm => "declines to confirm",
        }
    }

    /// The phrase read from the other side ("denied by").
    pub fn passive(self) -> &'static str {
        match self {
            Self::Contradicts => "contradicted by",
            Self::Denies => "denied by",
            Self::Supports => "supported by",
            Self::Corrects => "corrected by",
            Self::DeclinesToConfirm => "not confirmed by",
        }
    }

    /// Sentence-case label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Contradicts => "Contradicts",
            Self::Denies => "Denies",
            Self::Supports => "Supports",
            Self::Corrects => "Corrects",
            Self::DeclinesToConfirm => "Declines to confirm",
        }
    }

    /// True for the kinds that put two accounts in conflict.
    pub fn is_conflict(self) -> bool {
        !matches!(self, Self::Supports)
    }
}
