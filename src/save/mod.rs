//! Writing a dataset as RON, in the same format the loader reads.
//!
//! Files people read and edit are written in the canonical layout ([`canonical`]), with
//! the comments of the file they replace put back ([`comments`]). Large generated files
//! are written one event per line through serde: the in-memory dataset stores strings as
//! spans into one table, and the mirror structs below borrow the text back out so serde
//! can write it. Optional fields that are empty are left out, which the loader accepts.

pub mod canonical;
pub mod comments;

use std::path::Path;

use serde::Serialize;

pub use self::canonical::canonical;
pub use self::comments::Comments;

use crate::model::{
    Coordinates, Dataset, EventKind, FuzzyDate, RelationKind, Speaker, Status, SymList,
};

#[derive(Serialize)]
#[serde(rename = "Dataset")]
struct FileDataset<'a> {
    schema: u32,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    author: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    actors: Vec<FileActor<'a>>,
    sources: Vec<FileSource<'a>>,
    events: Vec<FileEvent<'a>>,
    relations: Vec<FileRelation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<FileEra<'a>>,
}

#[derive(Serialize)]
#[serde(rename = "Actor")]
struct FileActor<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    role: &'a str,
}

#[derive(Serialize)]
#[serde(rename = "Source")]
struct FileSource<'a> {
    id: &'a str,
    outlet: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    headline: &'a str,
    published: FuzzyDate,
    #[serde(skip_serializing_if = "str::is_empty")]
    published_note: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cites: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<FileArchived<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capture: Option<FileCapture<'a>>,
}

#[derive(Serialize)]
#[serde(rename = "Capture")]
struct FileCapture<'a> {
    sha256: &'a str,
    file: &'a str,
    format: crate::model::CaptureFormat,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    captured: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    tool: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    record: &'a str,
}

#[derive(Serialize)]
#[serde(rename = "Archived")]
struct FileArchived<'a> {
    url: &'a str,
    date: FuzzyDate,
}

#[derive(Serialize)]
#[serde(rename = "Event")]
struct FileEvent<'a> {
    id: &'a str,
    title: &'a str,
    kind: EventKind,
    date: FuzzyDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<FuzzyDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    participants: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coordinates: Option<Coordinates>,
    status: Status,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quotes: Vec<FileQuote<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    date_note: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename = "Speaker")]
enum FileSpeaker<'a> {
    Actor(&'a str),
    Other(&'a str),
    Outlet,
}

#[derive(Serialize)]
#[serde(rename = "Quote")]
struct FileQuote<'a> {
    source: &'a str,
    speaker: FileSpeaker<'a>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<FuzzyDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<FilePosition<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename = "QuotePosition")]
struct FilePosition<'a> {
    start: u32,
    end: u32,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
#[serde(rename = "Relation")]
struct FileRelation<'a> {
    id: &'a str,
    kind: RelationKind,
    from: &'a str,
    to: &'a str,
    question: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "is_sources")]
    linked_by: crate::model::LinkedBy,
}

fn is_sources(by: &crate::model::LinkedBy) -> bool {
    !by.is_editor()
}

#[derive(Serialize)]
#[serde(rename = "Era")]
struct FileEra<'a> {
    title: &'a str,
    start: FuzzyDate,
    end: FuzzyDate,
}

/// How the RON text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The canonical layout, one field per line: for files people edit.
    Pretty,
    /// One event per line: for large generated files.
    Compact,
}

fn config(layout: Layout) -> ron::ser::PrettyConfig {
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false);
    match layout {
        Layout::Pretty => config.indentor("    ".to_owned()),
        Layout::Compact => config
            .depth_limit(2)
            .indentor(String::new())
            .separator(String::new()),
    }
}

/// The dataset as RON text that [`crate::load::load_bytes`] reads back.
pub fn to_ron(ds: &Dataset, layout: Layout) -> Result<String, ron::Error> {
    match layout {
        Layout::Pretty => Ok(canonical(ds, &Comments::default())),
        Layout::Compact => ron::ser::to_string_pretty(&mirror(ds), config(layout)),
    }
}

/// The comments of the file at `path`, if it exists and is text (a file that cannot be
/// read has none to keep).
pub fn comments_of(path: &Path) -> Comments {
    match std::fs::read_to_string(path) {
        Ok(text) if crate::load::format::detect(&text) == crate::load::format::Format::Ron => {
            Comments::scan(&text)
        }
        _ => Comments::default(),
    }
}

/// Saves `ds` to `path` in the canonical layout, atomically (a failed write leaves the
/// old file whole), keeping `comments`.
pub fn save_file(ds: &Dataset, comments: &Comments, path: &Path) -> anyhow::Result<()> {
    crate::files::write_atomically(path, canonical(ds, comments).as_bytes())
}

/// Writes the dataset as RON to `writer` without building the text in memory.
pub fn write_ron(
    ds: &Dataset,
    layout: Layout,
    writer: impl std::io::Write,
) -> Result<(), ron::Error> {
    ron::Options::default().to_io_writer_pretty(writer, &mirror(ds), config(layout))
}

fn mirror(ds: &Dataset) -> FileDataset<'_> {
    let syms = |list: SymList| ds.syms(list).iter().map(|&s| ds.str(s)).collect::<Vec<_>>();
    FileDataset {
        schema: ds.schema,
        title: ds.str(ds.title),
        description: ds.str(ds.description),
        author: ds.str(ds.author),
        language: ds.str(ds.language),
        actors: ds
            .actors
            .iter()
            .map(|a| FileActor {
                id: ds.str(a.id),
                name: ds.str(a.name),
                role: ds.str(a.role),
            })
            .collect(),
        sources: ds
            .sources
            .iter()
            .map(|s| FileSource {
                id: ds.str(s.id),
                outlet: ds.str(s.outlet),
                headline: ds.str(s.headline),
                published: s.published,
                published_note: ds.str(s.published_note),
                cites: syms(s.cites),
                url: s.url.map(|u| ds.str(u)),
                document: s.document.map(|d| ds.str(d)),
                archived: s.archived.map(|a| FileArchived {
                    url: ds.str(a.url),
                    date: a.date,
                }),
                capture: s.capture.map(|c| FileCapture {
                    sha256: ds.str(c.sha256),
                    file: ds.str(c.file),
                    format: c.format,
                    url: ds.str(c.url),
                    captured: ds.str(c.captured),
                    tool: ds.str(c.tool),
                    record: ds.str(c.record),
                }),
            })
            .collect(),
        events: ds
            .events
            .iter()
            .map(|e| FileEvent {
                id: ds.str(e.id),
                title: ds.str(e.title),
                kind: e.kind,
                date: e.date,
                end: e.end,
                participants: syms(e.participants),
                place: e.place.map(|p| ds.str(p)),
                coordinates: e.coordinates,
                status: e.status,
                summary: ds.str(e.summary),
                quotes: ds
                    .quotes(e.quotes)
                    .iter()
                    .map(|q| FileQuote {
                        source: ds.str(q.source),
                        speaker: match q.speaker {
                            Speaker::Actor(id) => FileSpeaker::Actor(ds.str(id)),
                            Speaker::Other(t) => FileSpeaker::Other(ds.str(t)),
                            Speaker::Outlet => FileSpeaker::Outlet,
                        },
                        text: ds.str(q.text),
                        said: q.said,
                        position: q.position.map(|p| FilePosition {
                            start: p.start,
                            end: p.end,
                            prefix: ds.str(p.prefix),
                            suffix: ds.str(p.suffix),
                        }),
                        lang: q.lang.map(|l| ds.str(l)),
                    })
                    .collect(),
                date_note: ds.str(e.date_note),
                group: e.group.map(|g| ds.str(g)),
                sources: syms(e.sources),
            })
            .collect(),
        relations: ds
            .relations
            .iter()
            .map(|r| FileRelation {
                id: ds.str(r.id),
                kind: r.kind,
                from: ds.str(r.from),
                to: ds.str(r.to),
                question: ds.str(r.question),
                note: ds.str(r.note),
                linked_by: r.linked_by,
            })
            .collect(),
        eras: ds
            .eras
            .iter()
            .map(|era| FileEra {
                title: ds.str(era.title),
                start: era.start,
                end: era.end,
            })
            .collect(),
    }
}
