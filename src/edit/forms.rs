//! What an editor types: each item of a dataset as plain, owned text fields, read from
//! the dataset and turned back into its compact records by [`super::Editor`].

use crate::model::{Dataset, EventIdx, EventKind, RelationKind, Speaker, Status};

/// An event's fields as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventForm {
    /// Unique id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What sort of event.
    pub kind: EventKind,
    /// How well established.
    pub status: Status,
    /// The date as in the format: `2024-11-07`, `2024-11`, `2017`, `2021-01-20..2024-11`.
    pub date: String,
    /// The end of an event that lasts, or empty.
    pub end: String,
    /// Actor ids.
    pub participants: Vec<String>,
    /// Where, or empty.
    pub place: String,
    /// What happened.
    pub summary: String,
    /// How the date was derived.
    pub date_note: String,
}

impl EventForm {
    /// A new event on `date`, with an id not used yet.
    pub fn new(ds: &Dataset, date: &str) -> Self {
        Self {
            id: free_event_id(ds, &format!("event-{date}")),
            title: String::new(),
            kind: EventKind::Statement,
            status: Status::Reported,
            date: date.to_owned(),
            end: String::new(),
            participants: Vec::new(),
            place: String::new(),
            summary: String::new(),
            date_note: String::new(),
        }
    }

    /// The fields of `events[e]`.
    pub fn of(ds: &Dataset, e: EventIdx) -> Option<Self> {
        let event = ds.events.get(e as usize)?;
        Some(Self {
            id: ds.str(event.id).to_owned(),
            title: ds.str(event.title).to_owned(),
            kind: event.kind,
            status: event.status,
            date: event.date.to_string(),
            end: event.end.map(|d| d.to_string()).unwrap_or_default(),
            participants: ds
                .syms(event.participants)
                .iter()
                .map(|&a| ds.str(a).to_owned())
                .collect(),
            place: event
                .place
                .map(|p| ds.str(p).to_owned())
                .unwrap_or_default(),
            summary: ds.str(event.summary).to_owned(),
            date_note: ds.str(event.date_note).to_owned(),
        })
    }
}

/// `base`, or `base-2`, `base-3`… : the first that no event uses.
pub fn free_event_id(ds: &Dataset, base: &str) -> String {
    if ds.event_index_by_name(base).is_none() {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| ds.event_index_by_name(id).is_none())
        .unwrap_or_else(|| base.to_owned())
}

/// An id a person would give an event, from its title and date: the title's first
/// words, lower case, joined by `-`, then the date ("envoys-meet-in-vienna-2024-11-07").
pub fn titled_event_id(title: &str, date: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    let date: String = date
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if words.is_empty() {
        format!("event-{date}")
    } else {
        format!("{}-{date}", words.join("-"))
    }
}

/// An actor's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorForm {
    /// Unique id ("peskov").
    pub id: String,
    /// Name as shown.
    pub name: String,
    /// What they are.
    pub role: String,
}

/// A source's fields, with the article's text if one is attached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceForm {
    /// Unique id.
    pub id: String,
    /// Who published it.
    pub outlet: String,
    /// The headline.
    pub headline: String,
    /// When published, as in the format.
    pub published: String,
    /// How the publication date was worked out.
    pub published_note: String,
    /// Web address, or empty.
    pub url: String,
    /// Outlets and agencies cited, comma-separated.
    pub cites: String,
    /// The file name of its text beside the dataset, or empty.
    pub document: String,
    /// An archived copy's web address, or empty.
    pub archived_url: String,
    /// When the archived copy was taken, as in the format, or empty.
    pub archived_date: String,
    /// The captured copy kept beside the dataset, as read (not typed).
    pub capture: Option<crate::capture::CaptureInfo>,
}

impl SourceForm {
    /// The fields of `sources[i]`.
    pub fn of(ds: &Dataset, i: usize) -> Option<Self> {
        let s = ds.sources.get(i)?;
        Some(Self {
            id: ds.str(s.id).to_owned(),
            outlet: ds.str(s.outlet).to_owned(),
            headline: ds.str(s.headline).to_owned(),
            published: s.published.to_string(),
            published_note: ds.str(s.published_note).to_owned(),
            url: s.url.map(|u| ds.str(u).to_owned()).unwrap_or_default(),
            cites: ds
                .syms(s.cites)
                .iter()
                .map(|&c| ds.str(c))
                .collect::<Vec<_>>()
                .join(", "),
            document: s.document.map(|d| ds.str(d).to_owned()).unwrap_or_default(),
            archived_url: s
                .archived
                .map(|a| ds.str(a.url).to_owned())
                .unwrap_or_default(),
            archived_date: s.archived.map(|a| a.date.to_string()).unwrap_or_default(),
            capture: s.capture.map(|c| crate::capture::CaptureInfo {
                sha256: ds.str(c.sha256).to_owned(),
                file: ds.str(c.file).to_owned(),
                format: Some(c.format),
                url: ds.str(c.url).to_owned(),
                captured: ds.str(c.captured).to_owned(),
                tool: ds.str(c.tool).to_owned(),
                record: ds.str(c.record).to_owned(),
            }),
        })
    }
}

/// Who speaks in a quote being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeakerChoice {
    /// An actor, by id.
    Actor(String),
    /// The outlet's own reporting.
    Outlet,
    /// Someone named in words.
    Other(String),
}

impl SpeakerChoice {
    /// The choice for a quote's speaker.
    pub fn of(ds: &Dataset, speaker: Speaker) -> Self {
        match speaker {
            Speaker::Actor(a) => Self::Actor(ds.str(a).to_owned()),
            Speaker::Outlet => Self::Outlet,
            Speaker::Other(o) => Self::Other(ds.str(o).to_owned()),
        }
    }
}

/// A quote's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteForm {
    /// Source id.
    pub source: String,
    /// Who said it.
    pub speaker: SpeakerChoice,
    /// The words, verbatim.
    pub text: String,
    /// When said, if not when published; or empty.
    pub said: String,
    /// Where the words are in the source's text, when taken from it by selection.
    pub position: Option<crate::corpus::TextSpan>,
}

/// The dataset's own fields as typed: title, description, author.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AboutForm {
    /// The title.
    pub title: String,
    /// The description.
    pub description: String,
    /// Who compiled it.
    pub author: String,
}

/// A relation's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationForm {
    /// Unique id.
    pub id: String,
    /// Contradicts, denies, …
    pub kind: RelationKind,
    /// The event that contradicts, denies, …
    pub from: String,
    /// The event it bears on.
    pub to: String,
    /// The question in dispute.
    pub question: String,
    /// Anything a reader should know.
    pub note: String,
    /// The dataset's editor links the two events; no article does.
    pub by_editor: bool,
}

impl RelationForm {
    /// A relation from one event to another with an id not used yet.
    pub fn new(ds: &Dataset, from: &str, to: &str) -> Self {
        let base = format!("{from}-{to}");
        let used = |id: &str| ds.relations.iter().any(|r| ds.str(r.id) == id);
        let id = if used(&base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !used(id))
                .unwrap_or(base)
        } else {
            base
        };
        Self {
            id,
            kind: RelationKind::Contradicts,
            from: from.to_owned(),
            to: to.to_owned(),
            question: String::new(),
            note: String::new(),
            by_editor: false,
        }
    }
}

/// Questions offered at most (a large dataset asks many).
pub const MAX_QUESTIONS: usize = 200;

/// The questions relations already ask, each once, in the order first asked (the first
/// [`MAX_QUESTIONS`]).
pub fn questions(ds: &Dataset) -> Vec<String> {
    let mut seen = hashbrown::HashSet::new();
    ds.relations
        .iter()
        .map(|r| ds.str(r.question))
        .filter(|q| !q.trim().is_empty() && seen.insert(*q))
        .take(MAX_QUESTIONS)
        .map(str::to_owned)
        .collect()
}

impl SourceForm {
    /// A source form for a capture just read: `base` (an existing source's fields, or a
    /// new one's) with the capture attached, and what the page says of itself filled in
    /// where `base` says nothing.
    pub fn with_capture(mut self, captured: &crate::capture::Captured, file: &str) -> Self {
        let mut info = captured.info.clone();
        file.clone_into(&mut info.file);
        if self.url.trim().is_empty() && info.url.starts_with("http") {
            self.url.clone_from(&info.url);
        }
        if self.headline.trim().is_empty() {
            self.headline = captured.title.trim().to_owned();
        }
        if self.published.trim().is_empty() {
            // The page's own metadata, at the day it gives.
            if let Some(day) = captured
                .published
                .get(..10)
                .filter(|d| crate::model::FuzzyDate::parse(d).is_ok())
            {
                self.published = day.to_owned();
                self.published_note =
                    format!("From the captured page's metadata: {}.", captured.published);
            }
        }
        if self.outlet.trim().is_empty() {
            self.outlet = host_of(&info.url).unwrap_or_default();
        }
        self.capture = Some(info);
        self
    }
}

/// A source id not used yet, made of `name` (a site's host, a file's name): lower-case
/// letters and digits, `-` for the rest; `-2`, `-3`… when taken.
pub fn free_source_id(ds: &Dataset, name: &str) -> String {
    let base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_owned();
    let base = if base.is_empty() {
        "source".to_owned()
    } else {
        base
    };
    let used = |id: &str| ds.sources.iter().any(|s| ds.str(s.id) == id);
    if !used(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used(id))
        .unwrap_or(base)
}

/// The host of an http(s) address, without `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_owned())
}
