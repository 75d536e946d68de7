//! Where a table's problems are, said in the table's own terms: the row's line, the
//! column and the key it was mapped to — never a path in the data Claimline made from it
//! (`sources[1288].id`), which the user never wrote. Also where a table's duplicate ids
//! are settled: a later row with an id already taken keeps its event under a new id.

use hashbrown::HashSet;

use super::mapping::{Key, MappingSpec};
use crate::load::diagnostic::{Diagnostic, Location};
use crate::load::ron::locate::{DataPath, Seg};
use crate::model::event_ids::EventIds;
use crate::model::{Dataset, Sym};

/// What a table's problems are placed by: each event's line, and the column each key
/// was read from.
#[derive(Clone, Debug, Default)]
pub struct RowPlaces {
    /// Each event's line in the file (1-based).
    pub lines: Vec<u32>,
    /// The mapping the rows were read with.
    pub mapping: MappingSpec,
}

impl RowPlaces {
    /// The line of the problem at `at` (a data path into a dataset read from this
    /// table), and the words that name its row, column and key.
    pub fn place(&self, ds: &Dataset, at: &DataPath) -> (Option<Location>, String) {
        let (event, key) = match at.0.as_slice() {
            [Seg::Field("events"), Seg::Index(i), rest @ ..] => (Some(*i), key_of(rest)),
            [Seg::Field("sources"), Seg::Index(i), ..] => (
                ds.sources
                    .get(*i)
                    .and_then(|s| first_citing(ds, |e| ds.syms(e.sources).contains(&s.id))),
                Some(Key::Url),
            ),
            [Seg::Field("actors"), Seg::Index(i), ..] => (
                ds.actors
                    .get(*i)
                    .and_then(|a| first_citing(ds, |e| ds.syms(e.participants).contains(&a.id))),
                Some(Key::Actors),
            ),
            _ => (None, None),
        };
        let line = event.and_then(|i| self.lines.get(i)).map(|&l| l as usize);
        let column = key.and_then(|k| {
            self.mapping.get(k).map(|c| {
                if c.parse::<usize>().is_ok() {
                    (k, c.to_owned())
                } else {
                    (k, format!("\"{c}\""))
                }
            })
        });
        let words = match (line, column) {
            (Some(line), Some((key, column))) => {
                format!("row on line {line}, column {column} (mapped to `{key}`)")
            }
            (Some(line), None) => format!("row on line {line}"),
            (None, Some((key, column))) => format!("column {column} (mapped to `{key}`)"),
            (None, None) => "the table as a whole".to_owned(),
        };
        (line.map(|l| Location::in_line("", l, 1, 1)), words)
    }
}

/// The mapping key a field of an event was read from.
fn key_of(rest: &[Seg]) -> Option<Key> {
    match rest.first() {
        Some(Seg::Field(field)) => match *field {
            "id" => Some(Key::Id),
            "title" => Some(Key::Title),
            "summary" => Some(Key::Summary),
            "date" => Some(Key::Date),
            "end" => Some(Key::End),
            "participants" => Some(Key::Actors),
            "sources" => Some(Key::Url),
            "place" => Some(Key::Place),
            "group" => Some(Key::Lane),
            _ => None,
        },
        _ => None,
    }
}

/// The first event for which `cites` holds (only looked for when a problem is placed).
fn first_citing(ds: &Dataset, cites: impl Fn(&crate::model::Event) -> bool) -> Option<usize> {
    ds.events.iter().position(cites)
}

/// Gives every row whose id an earlier row already has a new id, "ID (line N)", and
/// says so at its line; returns the events' id index (free of duplicates) and the
/// warnings. A table names its rows; a repeated id is a property of the row, not a
/// reason to refuse the file.
pub fn settle_duplicate_ids(
    ds: &mut Dataset,
    lines: &[u32],
    id_column: &str,
) -> Result<(Option<EventIds>, Vec<Diagnostic>), crate::model::StringsFull> {
    let (ids, duplicates) = EventIds::build(&ds.strings, &ds.events);
    if duplicates.is_empty() {
        return Ok((Some(ids), Vec::new()));
    }
    let mut warnings = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let line_of = |i: usize| lines.get(i).copied().unwrap_or(0);
    for (i, first) in duplicates.iter().copied() {
        let old = ds.str(ds.events[i].id).to_owned();
        let line = line_of(i);
        let mut new = format!("{old} (line {line})");
        let mut n = 2;
        while ids.get(&ds.strings, &ds.events, &new).is_some() || taken.contains(&new) {
            new = format!("{old} (line {line}, {n})");
            n += 1;
        }
        let id: Sym = ds.strings.push_id(&new)?;
        ds.events[i].id = id;
        if warnings.len() < MAX_LISTED {
            warnings.push(
                Diagnostic::warning(format!(
                    "the id \"{}\" (column {id_column}) is also the id of the row on line {}; this row's event is named \"{new}\"",
                    crate::english::shorten(&old, 60),
                    line_of(first as usize)
                ))
                .with_help("ids name rows: give each row its own, or leave `id` out to name rows by their line")
                .at(Some(Location::in_line("", line as usize, 1, 1))),
            );
        }
        taken.insert(new);
    }
    if duplicates.len() > MAX_LISTED {
        let more = duplicates.len() - MAX_LISTED;
        warnings.push(
            Diagnostic::warning(format!(
                "… and {} with an id an earlier row has (renamed \"ID (line N)\")",
                crate::english::plural(more, "more row")
            ))
            .with_help("ids name rows: give each row its own, or leave `id` out to name rows by their line"),
        );
    }
    // The new ids are unique; should one not be, validation indexes the ids again and
    // reports it.
    let (ids, left) = EventIds::build(&ds.strings, &ds.events);
    Ok((left.is_empty().then_some(ids), warnings))
}

/// Duplicate ids described one by one; the rest are counted.
const MAX_LISTED: usize = 10;
