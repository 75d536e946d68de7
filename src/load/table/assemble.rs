//! Merging chunks of rows, in file order, into one dataset on the loading thread:
//! each chunk's text block copied at once, its names interned once per chunk, actors
//! and sources created the first time they are named, and every row's problems placed
//! at their line in the file.

use std::path::Path;

use hashbrown::{HashMap, HashSet};

use super::lines::EventLines;
use super::rows::{ChunkRows, NONE, Problem};
use crate::english::{noun, number};
use crate::load::diagnostic::{Diagnostic, LoadError, Location};
use crate::load::validate::MAX_SHORT_TEXT_CHARS;
use crate::model::dataset::{Actor, Event, Source};
use crate::model::{Dataset, QuoteList, SCHEMA_VERSION, Strings, StringsFull, Sym, SymList, Text};

/// Problems described one by one in the whole file, per kind; the rest are counted.
const LISTED_PER_PROBLEM: usize = 10;

/// The dataset being built from a table.
pub struct Assembler {
    ds: Dataset,
    actors: HashSet<Sym>,
    /// Names interned as something other than an address (an actor, a lane, a place, a
    /// host) that read like one: should a row later cite one as its source, interning
    /// finds it already there and only this set says no source has it yet. (An address
    /// interned fresh is a new source without asking a set of every source.)
    addresses_not_sources: HashSet<Sym>,
    /// Each event's line in the file.
    pub lines: EventLines,
    /// The line the next chunk starts on (1-based).
    next_line: u64,
    /// Records read (rows, not counting blank lines and the header).
    pub records: u64,
    counts: HashMap<Problem, u64>,
    listed: Vec<(Problem, Diagnostic)>,
    unknown: HashMap<(Problem, String), (u64, u64)>,
    date_note: Text,
    published_note: Text,
    /// The next chunk to merge.
    pub next_chunk: usize,
}

impl Assembler {
    /// An empty dataset titled after the file; `date_note` says which column dates come
    /// from.
    pub fn new(title: &str, description: &str, date_note: &str) -> Result<Self, StringsFull> {
        let mut ds = Dataset {
            schema: SCHEMA_VERSION,
            ..Dataset::default()
        };
        ds.title = ds.strings.push(title)?;
        ds.description = ds.strings.push(description)?;
        let date_note = ds.strings.push(date_note)?;
        let published_note = ds.strings.push(
            "The table does not say when the report was published: this is the date of the first row that cites it.",
        )?;
        Ok(Self {
            ds,
            actors: HashSet::new(),
            addresses_not_sources: HashSet::new(),
            lines: EventLines::default(),
            next_line: 1,
            records: 0,
            counts: HashMap::new(),
            listed: Vec::new(),
            unknown: HashMap::new(),
            date_note,
            published_note,
            next_chunk: 0,
        })
    }

    /// Adds the next chunk's rows (chunks must come in file order).
    pub fn merge(&mut self, chunk: &ChunkRows, file: &Path) -> Result<(), LoadError> {
        let first_line = self.next_line;
        let place = |mut l: Location| {
            l.line = usize::try_from(first_line)
                .unwrap_or(usize::MAX)
                .saturating_add(l.line);
            l
        };
        if let Some(fatal) = &chunk.fatal {
            return Err(LoadError::single(
                file,
                Diagnostic::error(fatal.message.clone())
                    .with_help(fatal.help.clone())
                    .at(Some(place(fatal.location.clone()))),
            ));
        }
        let full = |_| {
            LoadError::single(
                file,
                Diagnostic::error("the table holds more than 4 GiB of text")
                    .with_help("split the table into smaller files"),
            )
        };
        let base = self.ds.strings.append_block(&chunk.block).map_err(full)?;
        let (syms, source_ids) = self.names_of(chunk).map_err(full)?;
        let sym = |i: u32| syms.get(i as usize).copied();
        self.ds.events.reserve(chunk.rows.len());
        for row in &chunk.rows {
            let line = first_line.saturating_add(u64::from(row.line));
            let id = match row.id {
                Some(l) => Strings::id_in_block(base, l.start, l.len),
                None => self
                    .ds
                    .strings
                    .push_id(&format!("line-{line}"))
                    .map_err(full)?,
            };
            let participants = {
                let start = self.ds.sym_lists.len();
                let (a, n) = row.actors;
                for &s in chunk
                    .actors
                    .get(a as usize..(a + n) as usize)
                    .unwrap_or(&[])
                {
                    if let Some(s) = sym(s) {
                        self.ds.sym_lists.push(s);
                    }
                }
                list(start, self.ds.sym_lists.len()).map_err(full)?
            };
            let sources = {
                let start = self.ds.sym_lists.len();
                if let Some(id) = (row.url != NONE)
                    .then(|| source_ids.get(row.url as usize).copied())
                    .flatten()
                {
                    self.ds.sym_lists.push(id);
                }
                list(start, self.ds.sym_lists.len()).map_err(full)?
            };
            self.ds.events.push(Event {
                id,
                title: Strings::text_in_block(base, row.title.start, row.title.len),
                kind: row.kind,
                date: row.date,
                end: row.end,
                participants,
                place: (row.place != NONE).then(|| sym(row.place)).flatten(),
                coordinates: row.coordinates,
                status: row.status,
                summary: Strings::text_in_block(base, row.summary.start, row.summary.len),
                quotes: QuoteList::default(),
                date_note: self.date_note,
                group: (row.lane != NONE).then(|| sym(row.lane)).flatten(),
                sources,
            });
            self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
        for (&problem, &n) in &chunk.counts {
            *self.counts.entry(problem).or_default() += n;
        }
        for noted in &chunk.noted {
            let listed = self
                .listed
                .iter()
                .filter(|(p, _)| *p == noted.problem)
                .count();
            if listed < LISTED_PER_PROBLEM {
                let diagnostic = describe(noted.problem, &noted.value, noted.column)
                    .at(Some(place(noted.location.clone())));
                self.listed.push((noted.problem, diagnostic));
            }
        }
        for ((problem, value), &(n, line)) in &chunk.unknown_values {
            let entry = self
                .unknown
                .entry((*problem, value.clone()))
                .or_insert((0, first_line.saturating_add(u64::from(line))));
            entry.0 += n;
        }
        self.records += chunk.records;
        self.next_line = first_line.saturating_add(u64::from(chunk.lines));
        self.next_chunk += 1;
        Ok(())
    }

    /// Interns a chunk's names; makes the actors and sources named for the first time.
    /// Returns each chunk symbol's symbol in the dataset and, for an address, its
    /// source's id.
    fn names_of(&mut self, chunk: &ChunkRows) -> Result<(Vec<Sym>, Vec<Sym>), StringsFull> {
        let mut syms = Vec::with_capacity(chunk.symbols.entries.len());
        let mut new_sources = Vec::new();
        for (i, (_, uses)) in chunk.symbols.entries.iter().enumerate() {
            let name = chunk.symbols.name(u32::try_from(i).unwrap_or(NONE));
            let (sym, fresh) = self.ds.strings.intern_fresh(name)?;
            if uses.url.is_some() {
                if fresh || self.addresses_not_sources.remove(&sym) {
                    new_sources.push(i);
                }
            } else if fresh && (name.starts_with("https://") || name.starts_with("http://")) {
                self.addresses_not_sources.insert(sym);
            }
            syms.push(sym);
        }
        let mut new_sources = new_sources.into_iter().peekable();
        // A source's id is its address, or, for an address too long to be an id, a short
        // one made from its host and a hash of the whole address (the same in every chunk).
        let mut source_ids: Vec<Sym> = Vec::new();
        for (i, (_, uses)) in chunk.symbols.entries.iter().enumerate() {
            let sym = syms[i];
            if uses.url.is_some() {
                let url = chunk.symbols.name(u32::try_from(i).unwrap_or(NONE));
                let id = match short_source_id(url) {
                    Some(short) => self.ds.strings.intern(&short)?,
                    None => sym,
                };
                source_ids.resize(i + 1, Sym::default());
                source_ids[i] = id;
            }
            if uses.actor && self.actors.insert(sym) {
                self.ds.actors.push(Actor {
                    id: sym,
                    name: Text::from(sym),
                    role: Text::EMPTY,
                });
            }
            if let Some((date, host)) = uses.url
                && new_sources.next_if_eq(&i).is_some()
            {
                let outlet = syms.get(host as usize).copied().unwrap_or(sym);
                self.ds.sources.push(Source {
                    id: source_ids.get(i).copied().unwrap_or(sym),
                    outlet,
                    headline: Text::EMPTY,
                    published: date,
                    published_note: self.published_note,
                    cites: SymList::default(),
                    url: Some(Text::from(sym)),
                    document: None,
                    archived: None,
                    capture: None,
                });
            }
        }
        Ok((syms, source_ids))
    }

    /// The line the next chunk's first row is counted from.
    pub fn next_line(&self) -> u64 {
        self.next_line
    }

    /// Rows skipped so far.
    pub fn skipped(&self) -> u64 {
        self.counts
            .iter()
            .filter(|(p, _)| p.skips())
            .map(|(_, n)| n)
            .sum()
    }

    /// The dataset and the table's own warnings: each problem's first occurrences with
    /// their place, then a count of the rest, and the kinds and statuses not understood.
    pub fn finish(self) -> (Dataset, Vec<Diagnostic>, EventLines) {
        let mut warnings: Vec<Diagnostic> = Vec::new();
        let mut problems: Vec<Problem> = self.counts.keys().copied().collect();
        problems.sort();
        for problem in problems {
            if matches!(problem, Problem::UnknownKind | Problem::UnknownStatus) {
                continue;
            }
            let total = self.counts.get(&problem).copied().unwrap_or(0);
            let listed: Vec<&Diagnostic> = self
                .listed
                .iter()
                .filter(|(p, _)| *p == problem)
                .map(|(_, d)| d)
                .collect();
            warnings.extend(listed.iter().map(|d| (*d).clone()));
            let more = total.saturating_sub(listed.len() as u64);
            if more > 0 {
                warnings.push(
                    Diagnostic::warning(format!(
                        "… and {} more {} {}",
                        number(size(more)),
                        noun(size(more), "row"),
                        summary(problem)
                    ))
                    .with_help(describe(problem, "", 0).help.unwrap_or_default()),
                );
            }
        }
        let mut unknown: Vec<_> = self.unknown.into_iter().collect();
        unknown.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
        for ((problem, value), (n, line)) in unknown.into_iter().take(20) {
            let (what, shown, help) = match problem {
                Problem::UnknownKind => (
                    "kind",
                    "Other",
                    "the kinds are phone call, meeting, message, statement, press conference, media report, denial, no comment, context and other; map a column that holds them, or leave `kind` out",
                ),
                _ => (
                    "status",
                    "Reported",
                    "the statuses are confirmed, reported, alleged, disputed and denied; map a column that holds them, or leave `status` out",
                ),
            };
            warnings.push(
                Diagnostic::warning(format!(
                    "{} {} {} the {what} \"{value}\" (first on line {line}), which Claimline does not know; shown as {shown}",
                    number(size(n)),
                    noun(size(n), "row"),
                    noun(size(n), "has"),
                ))
                .with_help(help),
            );
        }
        (self.ds, warnings, self.lines)
    }
}

/// Sources whose address is longer than an id may be get an id of this form instead:
/// the host, then 16 hex digits of a hash of the whole address.
fn short_source_id(url: &str) -> Option<String> {
    if url.len() <= MAX_SHORT_TEXT_CHARS || url.chars().count() <= MAX_SHORT_TEXT_CHARS {
        return None;
    }
    let host = crate::english::shorten(super::rows::host(url), 60);
    Some(format!("{host}#{:016x}", stable_hash(url)))
}

/// FNV-1a over the bytes: the same on every machine and in every version, unlike the
/// standard library's hasher.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A count as `usize`, for the wording helpers.
fn size(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn list(start: usize, end: usize) -> Result<SymList, StringsFull> {
    let start32 = u32::try_from(start).map_err(|_| StringsFull)?;
    let len = u32::try_from(end - start).map_err(|_| StringsFull)?;
    Ok(SymList {
        start: start32,
        len,
    })
}

/// What a problem's count is said with: "… and 12 more rows {summary}".
pub(super) fn summary(problem: Problem) -> &'static str {
    match problem {
        Problem::EmptyDate => "skipped for an empty date",
        Problem::BadDate => "skipped for a date Claimline cannot read",
        Problem::GdeltWidth => "skipped for a number of columns no GDELT layout has",
        Problem::BadEnd => "with an end that is not a date (left out)",
        Problem::EndBeforeDate => "with an end before the date (left out)",
        Problem::EmptyTitle => "without a title or summary",
        Problem::LongTitle => "with a title cut to 500 characters",
        Problem::NotAnAddress => "with an address that is not http or https (left out)",
        Problem::LongId => "with an id over 500 characters (named by their line instead)",
        Problem::LongName => {
            "with an actor's name over 500 characters or a link's host over 100 (cut)"
        }
        Problem::BadCoordinates => {
            "with coordinates that are not a latitude and longitude (left out)"
        }
        Problem::SwappedCoordinates => "with a latitude and longitude that look swapped (left out)",
        Problem::NullIsland => "at latitude 0, longitude 0, a place left blank (left out)",
        Problem::UnknownKind | Problem::UnknownStatus => "with a value Claimline does not know",
    }
}

/// One problem, said with its value.
fn describe(problem: Problem, value: &str, column: usize) -> Diagnostic {
    let (message, help) = match problem {
        Problem::EmptyDate => (
            format!("row skipped: its date (column {column}) is empty"),
            "give the row a date, or remove it; use --strict to treat skipped rows as errors"
                .to_owned(),
        ),
        Problem::BadDate => (
            format!("row skipped: \"{value}\" (column {column}) is not a date Claimline reads"),
            "write dates as 2024-11-07, 20241107, 7 November 2024, 2024-11 or 2024 (see README.md, Tables)".to_owned(),
        ),
        Problem::GdeltWidth => (
            "row skipped: it has a number of columns no GDELT layout has (57, 58 or 61)"
                .to_owned(),
            "check that the row was not cut or joined with another".to_owned(),
        ),
        Problem::BadEnd => (
            format!("the end \"{value}\" (column {column}) is not a date; the event is shown without one"),
            "write the end like the date, or leave the cell empty".to_owned(),
        ),
        Problem::EndBeforeDate => (
            format!("the end \"{value}\" (column {column}) comes before the date; the event is shown without one"),
            "swap the date and the end, or fix one of them".to_owned(),
        ),
        Problem::EmptyTitle => (
            "the row has no title or summary; it is shown as \"Untitled row\"".to_owned(),
            "map a column that holds titles with --map title=COLUMN".to_owned(),
        ),
        Problem::LongTitle => (
            "the title is over 500 characters and was cut".to_owned(),
            "map long text to `summary` and a short column to `title`".to_owned(),
        ),
        Problem::NotAnAddress => (
            format!("\"{value}\" (column {column}) is not an http or https address; it is left out"),
            "write web addresses in full, starting with https://".to_owned(),
        ),
        Problem::LongId => (
            format!("the id (column {column}) is over 500 characters; the event is named by its line instead"),
            "map a column of short unique values to `id`, or leave `id` out to name rows by their line".to_owned(),
        ),
        Problem::LongName => (
            format!("\"{value}\" (column {column}) is too long for a name (an actor's at most 500 characters, a link's host 100) and was cut"),
            "a name or a web address's host is rarely this long: check that the column holds names".to_owned(),
        ),
        Problem::BadCoordinates if value.is_empty() => (
            format!("column {column} is empty while the other coordinate is given; the event is shown without coordinates"),
            "fill both the latitude and the longitude, or leave both empty".to_owned(),
        ),
        Problem::SwappedCoordinates => (
            format!("the latitude \"{value}\" (column {column}) is out of range (-90 to 90) where the longitude is not, and the longitude would fit as a latitude: the two look swapped; the event is shown without coordinates"),
            "map the columns the other way round: --map lat=COLUMN --map lon=COLUMN".to_owned(),
        ),
        Problem::NullIsland => (
            "the latitude and longitude are both 0 (\"null island\", in the Gulf of Guinea), which tools write for a place they do not know; the event is shown without coordinates".to_owned(),
            "leave both cells empty when the place is not known".to_owned(),
        ),
        Problem::BadCoordinates => (
            format!("\"{value}\" (column {column}) is not a latitude (-90 to 90) and longitude (-180 to 180) pair; the event is shown without coordinates"),
            "write degrees as decimal numbers, e.g. 50.4501 and 30.5234, with both cells filled or both empty".to_owned(),
        ),
        Problem::UnknownKind | Problem::UnknownStatus => (
            format!("\"{value}\" is not a value Claimline knows"),
            String::new(),
        ),
    };
    Diagnostic::warning(message).with_help(help)
}
