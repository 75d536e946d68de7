//! Where a table's rows are, in the words `finish` places problems with (the row's line,
//! the column, the key it was mapped to), and where a table's duplicate ids are settled:
//! a later row with an id already taken keeps its event under a new id.

use hashbrown::HashSet;

use super::lines::EventLines;
use super::mapping::{Key, MappingSpec};
use crate::load::diagnostic::{Diagnostic, Location};
use crate::load::finish::RowPlaces;
use crate::model::event_ids::EventIds;
use crate::model::{Dataset, Sym};

/// Where a table's rows are, for placing problems: each event's line, and for each field
/// an event has, the column it was read from in words.
pub(crate) fn row_places(lines: EventLines, mapping: &MappingSpec) -> RowPlaces {
    let columns = FIELDS
        .iter()
        .filter_map(|&(field, key)| {
            mapping.get(key).map(|c| {
                let column = if c.parse::<usize>().is_ok() {
                    format!("column {c}")
                } else {
                    format!("column \"{c}\"")
                };
                (field, format!("{column} (mapped to `{key}`)"))
            })
        })
        .collect();
    RowPlaces { lines, columns }
}

/// Each field of an event a table fills, with the key that fills it.
const FIELDS: [(&str, Key); 9] = [
    ("id", Key::Id),
    ("title", Key::Title),
    ("summary", Key::Summary),
    ("date", Key::Date),
    ("end", Key::End),
    ("participants", Key::Actors),
    ("sources", Key::Url),
    ("place", Key::Place),
    ("group", Key::Lane),
];

/// Gives every row whose id an earlier row already has a new id, "ID (line N)", and
/// says so at its line; returns the events' id index (free of duplicates) and the
/// warnings. A table names its rows; a repeated id is a property of the row, not a
/// reason to refuse the file.
pub fn settle_duplicate_ids(
    ds: &mut Dataset,
    lines: &EventLines,
    id_column: &str,
) -> Result<(Option<EventIds>, Vec<Diagnostic>), crate::model::StringsFull> {
    let (ids, duplicates) = EventIds::build(&ds.strings, &ds.events);
    if duplicates.is_empty() {
        return Ok((Some(ids), Vec::new()));
    }
    let mut warnings = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let line_of = |i: usize| lines.get(i).unwrap_or(0);
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
