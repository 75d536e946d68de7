//! Turning one chunk of table text into rows, on a worker thread: cells cut, the
//! mapping applied, dates read, short text kept in a chunk-local block and repeated
//! names (actors, lanes, places, addresses) in a chunk-local symbol table, so that the
//! merge on the loading thread copies blocks and interns each distinct name once per
//! chunk. Rows that cannot be events are counted and the first few described.

use std::borrow::Cow;

use hashbrown::HashMap;

use super::cells::{self, Dialect, QuoteError};
use super::dates::{self, DayOrder};
use super::gdelt;
use super::mapping::{Key, Piece, Resolved, Value};
use crate::load::diagnostic::Location;
use crate::load::validate::MAX_SHORT_TEXT_CHARS;
use crate::model::coordinates::{Coordinates, parse_degrees};
use crate::model::{EventKind, FuzzyDate, Status};

/// What a layout of rows needs: its column names and the mapping resolved to them.
#[derive(Clone, Debug)]
pub struct RowLayout {
    /// The number of cells a row of this layout has, or `None` for any.
    pub cells: Option<usize>,
    /// The layout's own columns (derived GDELT columns follow them).
    pub own: usize,
    /// The GDELT variant, for derived columns.
    pub gdelt: Option<gdelt::Variant>,
    /// The mapping.
    pub resolved: Resolved,
}

/// Everything a worker needs to read rows.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Delimiter and quoting.
    pub dialect: Dialect,
    /// Whether the first record of the text is a header (skipped).
    pub header: bool,
    /// One layout, or GDELT's three.
    pub layouts: Vec<RowLayout>,
    /// Order of slashed dates.
    pub day_order: DayOrder,
}

impl Plan {
    fn layout_for(&self, cells: usize) -> Option<&RowLayout> {
        self.layouts
            .iter()
            .find(|l| l.cells.is_none_or(|n| n == cells))
    }
}

/// A span of a chunk's text block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Local {
    /// Offset in the block.
    pub start: u32,
    /// Length in bytes.
    pub len: u32,
}

/// No symbol.
pub const NONE: u32 = u32::MAX;

/// One row read as an event, its text in the chunk's block and names in its symbols.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// The row's first line, counted from the chunk's first line (0).
    pub line: u32,
    /// When.
    pub date: FuzzyDate,
    /// Until when.
    pub end: Option<FuzzyDate>,
    /// Kind.
    pub kind: EventKind,
    /// Status.
    pub status: Status,
    /// The id, if the table gives one.
    pub id: Option<Local>,
    /// Title.
    pub title: Local,
    /// Summary.
    pub summary: Local,
    /// Actors: `actors[start..start + len]` of the chunk.
    pub actors: (u32, u32),
    /// Lane symbol, or [`NONE`].
    pub lane: u32,
    /// Place symbol, or [`NONE`].
    pub place: u32,
    /// Address symbol, or [`NONE`].
    pub url: u32,
    /// Latitude and longitude, when both cells hold them.
    pub coordinates: Option<Coordinates>,
}

/// What a chunk-local symbol is used as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uses {
    /// An actor.
    pub actor: bool,
    /// A source's address: the date of the first row citing it, and the symbol of
    /// its host (the outlet).
    pub url: Option<(FuzzyDate, u32)>,
}

/// Names repeated across rows, each stored once per chunk.
pub struct Symbols {
    /// The names, back to back.
    pub text: String,
    /// Each symbol's span of `text`, and its uses.
    pub entries: Vec<(Local, Uses)>,
    /// Symbols by the hash of their text.
    index: hashbrown::HashTable<u32>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The symbol each column (modulo [`RECENT`]) gave last, or [`NONE`].
    recent: [u32; RECENT],
}

/// Columns whose last symbol is remembered (more share a slot).
const RECENT: usize = 16;

impl Default for Symbols {
    fn default() -> Self {
        Self {
            text: String::new(),
            entries: Vec::new(),
            index: hashbrown::HashTable::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            recent: [NONE; RECENT],
        }
    }
}

impl std::fmt::Debug for Symbols {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Symbols")
            .field("len", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Symbols {
    fn get(&mut self, name: &str) -> u32 {
        use std::hash::BuildHasher as _;
        let hash = self.hasher.hash_one(name);
        let (text, entries) = (&self.text, &self.entries);
        let span = |i: u32| {
            entries
                .get(i as usize)
                .and_then(|(l, _)| text.get(l.start as usize..(l.start + l.len) as usize))
                .unwrap_or("")
        };
        if let Some(&i) = self.index.find(hash, |&i| span(i) == name) {
            return i;
        }
        let start = self.text.len();
        self.text.push_str(name);
        let i = u32::try_from(self.entries.len()).unwrap_or(NONE);
        self.entries
            .push((local(start, name.len()), Uses::default()));
        let (text, entries, hasher) = (&self.text, &self.entries, &self.hasher);
        self.index.insert_unique(hash, i, |&j| {
            hasher.hash_one(
                entries
                    .get(j as usize)
                    .and_then(|(l, _)| text.get(l.start as usize..(l.start + l.len) as usize))
                    .unwrap_or(""),
            )
        });
        i
    }

    /// Like [`Self::get`], trying first the symbol `column` gave last: a column often
    /// repeats its value down the rows (a story's address over its events, a day's
    /// place), and comparing with one name costs less than hashing.
    fn get_in(&mut self, column: usize, name: &str) -> u32 {
        let slot = column % RECENT;
        let last = self.recent[slot];
        if last != NONE && self.name(last) == name {
            return last;
        }
        let sym = self.get(name);
        self.recent[slot] = sym;
        sym
    }

    fn clear(&mut self) {
        self.text.clear();
        self.entries.clear();
        self.index.clear();
        self.recent = [NONE; RECENT];
    }

    /// A symbol's text.
    pub fn name(&self, i: u32) -> &str {
        self.entries
            .get(i as usize)
            .and_then(|(l, _)| self.text.get(l.start as usize..(l.start + l.len) as usize))
            .unwrap_or("")
    }
}

fn local(start: usize, len: usize) -> Local {
    Local {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        len: u32::try_from(len).unwrap_or(0),
    }
}

/// Why a row is not an event, or what was changed in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Problem {
    /// Skipped: the date cell is empty (or missing).
    EmptyDate,
    /// Skipped: the date cell is not a date.
    BadDate,
    /// Skipped: a GDELT row with a number of cells no GDELT layout has.
    GdeltWidth,
    /// The end cell is not a date; the end is left out.
    BadEnd,
    /// The end comes before the date; the end is left out.
    EndBeforeDate,
    /// The title (and summary) were empty; a stand-in title was used.
    EmptyTitle,
    /// The title was over the length limit and was cut.
    LongTitle,
    /// The address is not an http(s) one; it is left out.
    NotAnAddress,
    /// The id cell was over the length limit; the row's line names the event instead.
    LongId,
    /// An actor's name or a link's host was over the length limit and was cut.
    LongName,
    /// The latitude or longitude is not a number in range, or one of the two is missing;
    /// the event has no coordinates.
    BadCoordinates,
    /// The latitude is out of range where the longitude would be in it, and the
    /// longitude would be a latitude: the two look swapped; the event has no
    /// coordinates.
    SwappedCoordinates,
    /// Both coordinates are 0 ("null island", in the Gulf of Guinea): almost always a
    /// place left blank by a tool; the event has no coordinates.
    NullIsland,
    /// The kind is not one Claimline knows; shown as Other.
    UnknownKind,
    /// The status is not one Claimline knows; shown as Reported.
    UnknownStatus,
}

impl Problem {
    /// True when the row was skipped.
    pub fn skips(self) -> bool {
        matches!(self, Self::EmptyDate | Self::BadDate | Self::GdeltWidth)
    }
}

/// One described problem: which, where (its line counted from the chunk's first line,
/// 0, until the merge adds the chunk's place in the file), and the offending value.
#[derive(Clone, Debug)]
pub struct Noted {
    /// Which problem.
    pub problem: Problem,
    /// Where.
    pub location: Location,
    /// The offending cell's text (shortened).
    pub value: String,
    /// The column's number (1-based).
    pub column: usize,
}

/// Problems described one by one, per kind, in each chunk; the rest are counted.
const NOTED_PER_PROBLEM: usize = 10;

/// A chunk's rows.
#[derive(Debug, Default)]
pub struct ChunkRows {
    /// Position of the chunk in the file.
    pub index: usize,
    /// Short text: titles, summaries, ids.
    pub block: String,
    /// The rows read as events.
    pub rows: Vec<Row>,
    /// Actor symbols of all rows, back to back.
    pub actors: Vec<u32>,
    /// Repeated names.
    pub symbols: Symbols,
    /// Lines in the chunk.
    pub lines: u32,
    /// Records read (blank lines and the header excluded).
    pub records: u64,
    /// How many times each problem occurred.
    pub counts: HashMap<Problem, u64>,
    /// The first few of each problem.
    pub noted: Vec<Noted>,
    /// Kind and status values not understood, with their count and first line.
    pub unknown_values: HashMap<(Problem, String), (u64, u32)>,
    /// A fatal problem: a broken quote or bytes that are not UTF-8, at a line and column
    /// (line from the chunk's start).
    pub fatal: Option<Fatal>,
}

/// Reads records already cut into cells (a Parquet table's rows, numbered from the
/// chunk's first, 0) into `out`, as [`read_chunk_into`] reads text.
pub fn read_records(plan: &Plan, index: usize, records: &[Vec<String>], out: &mut ChunkRows) {
    out.clear();
    out.index = index;
    let mut reader = Reader {
        plan,
        text: "",
        out: std::mem::take(out),
        kinds: HashMap::new(),
        statuses: HashMap::new(),
        derived: Vec::new(),
        strs: Vec::new(),
    };
    let mut cells: Vec<Cow<'_, str>> = Vec::new();
    for (line, record) in records.iter().enumerate() {
        cells.clear();
        cells.extend(record.iter().map(|c| Cow::Borrowed(c.as_str())));
        if cells.iter().all(|c| cells::trim(c).is_empty()) {
            continue;
        }
        reader.out.records += 1;
        reader.row(&cells, 0, u32::try_from(line).unwrap_or(u32::MAX));
    }
    reader.out.lines = u32::try_from(records.len()).unwrap_or(u32::MAX);
    *out = reader.out;
}

impl ChunkRows {
    /// Empties it, keeping its memory for the next chunk.
    pub fn clear(&mut self) {
        self.index = 0;
        self.block.clear();
        self.rows.clear();
        self.actors.clear();
        self.symbols.clear();
        self.lines = 0;
        self.records = 0;
        self.counts.clear();
        self.noted.clear();
        self.unknown_values.clear();
        self.fatal = None;
    }
}

/// A problem that stops the load, placed like [`Noted`].
#[derive(Clone, Debug)]
pub struct Fatal {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where.
    pub location: Location,
}

/// Reads the rows of one chunk (whole records only). `first` is true for the file's
/// first chunk, whose first record may be the header.
pub fn read_chunk(plan: &Plan, index: usize, bytes: &[u8], first: bool) -> ChunkRows {
    let mut out = ChunkRows::default();
    read_chunk_into(plan, index, bytes, first, &mut out);
    out
}

/// Like [`read_chunk`], into `out` (cleared first, its memory reused).
pub fn read_chunk_into(plan: &Plan, index: usize, bytes: &[u8], first: bool, out: &mut ChunkRows) {
    out.clear();
    out.index = index;
    let out_slot = out;
    let mut out = std::mem::take(out_slot);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let prefix = std::str::from_utf8(valid).unwrap_or("");
            let line = memchr::memchr_iter(b'\n', valid).count();
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            out.fatal = Some(Fatal {
                message: format!("the file is not valid UTF-8 text (byte 0x{bad:02X})"),
                help: "save the table as UTF-8 (most spreadsheet programs offer \"CSV UTF-8\")"
                    .to_owned(),
                location: Location::in_line(
                    &prefix[line_start..],
                    line,
                    prefix[line_start..].chars().count() + 1,
                    1,
                ),
            });
            *out_slot = out;
            return;
        }
    };
    let text = if first {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    } else {
        text
    };
    let mut reader = Reader {
        plan,
        text,
        out,
        kinds: HashMap::new(),
        statuses: HashMap::new(),
        derived: Vec::new(),
        strs: Vec::new(),
    };
    reader.run(first);
    *out_slot = reader.out;
}

struct Reader<'p, 't> {
    plan: &'p Plan,
    text: &'t str,
    out: ChunkRows,
    kinds: HashMap<&'t str, Option<EventKind>>,
    statuses: HashMap<&'t str, Option<Status>>,
    /// Derived GDELT cells of the current row, computed on first use.
    derived: Vec<Option<String>>,
    strs: Vec<&'t str>,
}

impl<'p, 't> Reader<'p, 't> {
    fn run(&mut self, first: bool) {
        let mut cells: Vec<Cow<'t, str>> = Vec::with_capacity(64);
        let mut pos = 0;
        let mut line: u32 = 0;
        let mut skip_header = first && self.plan.header;
        loop {
            let record = match cells::next_record(self.plan.dialect, self.text, pos, &mut cells) {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(e) => {
                    self.broken_quote(e, pos, line);
                    return;
                }
            };
            let start = pos;
            let this_line = line;
            pos = record.end;
            line = line.saturating_add(1 + u32::try_from(record.inner_lines).unwrap_or(0));
            if cells.iter().all(|c| cells::trim(c).is_empty()) {
                continue;
            }
            if skip_header {
                skip_header = false;
                continue;
            }
            self.out.records += 1;
            self.row(&cells, start, this_line);
        }
        self.out.lines = line;
    }

    fn broken_quote(&mut self, e: QuoteError, record_start: usize, record_line: u32) {
        let at = e.offset().min(self.text.len());
        let before = &self.text[record_start..at];
        let extra = memchr::memchr_iter(b'\n', before.as_bytes()).count();
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        let (message, help) = e.describe();
        let line = &self.text[line_start..line_end];
        self.out.fatal = Some(Fatal {
            message: message.to_owned(),
            help: help.to_owned(),
            location: Location::in_line(
                line.strip_suffix('\r').unwrap_or(line),
                record_line as usize + extra,
                self.text[line_start..at].chars().count() + 1,
                1,
            ),
        });
    }

    fn note(
        &mut self,
        problem: Problem,
        line: u32,
        start: usize,
        cells: &[Cow<'t, str>],
        col: usize,
    ) {
        let count = self.out.counts.entry(problem).or_default();
        *count += 1;
        if *count > NOTED_PER_PROBLEM as u64 {
            return;
        }
        let text = self.text;
        let cell = cells.get(col).map_or("", |c| c.as_ref());
        if text.is_empty() {
            // Records without text (Parquet): the row, and the column's number.
            self.out.noted.push(Noted {
                problem,
                location: Location::in_line("", line as usize, col + 1, 1),
                value: crate::english::printable(&crate::english::shorten(cell, 60)),
                column: col + 1,
            });
            return;
        }
        // Where the cell is in the text (a cell unquoted into a copy is placed at its
        // record's start).
        let base = text.as_ptr() as usize;
        let at = (cell.as_ptr() as usize)
            .checked_sub(base)
            .filter(|&o| o <= text.len() && text.is_char_boundary(o) && o >= start)
            .unwrap_or(start);
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(start);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let extra = memchr::memchr_iter(b'\n', &text.as_bytes()[start..line_start]).count();
        let shown = &text[line_start..line_end];
        self.out.noted.push(Noted {
            problem,
            location: Location::in_line(
                shown.strip_suffix('\r').unwrap_or(shown),
                line as usize + extra,
                text[line_start..at].chars().count() + 1,
                cell.chars().count(),
            ),
            value: crate::english::printable(&crate::english::shorten(cell, 60)),
            column: col + 1,
        });
    }

    /// One record as an event, step by step: its layout, dates (or a skip), kind and
    /// status, texts, id, actors, lane and place, source and coordinates.
    fn row(&mut self, cells: &[Cow<'t, str>], start: usize, line: u32) {
        let plan: &'p Plan = self.plan;
        let Some(layout) = plan.layout_for(cells.len()) else {
            self.note(Problem::GdeltWidth, line, start, cells, 0);
            return;
        };
        self.derived.clear();
        if layout.gdelt.is_some() {
            self.strs.clear();
            for c in cells {
                // Borrowed cells only: GDELT files are not quoted.
                if let Cow::Borrowed(s) = c {
                    self.strs.push(s);
                } else {
                    self.strs.push("");
                }
            }
        }
        let Some((date, end)) = self.dates(layout, cells, start, line) else {
            return;
        };
        let kind = match layout.resolved.get(Key::Kind) {
            Some(Value::Column(c)) => self.kind(layout, cells, *c, line),
            _ => EventKind::Other,
        };
        let status = match layout.resolved.get(Key::Status) {
            Some(Value::Column(c)) => self.status(layout, cells, *c, line),
            _ => Status::Reported,
        };
        let summary = self.text_value(layout, cells, Key::Summary);
        let title = self.title(layout, cells, start, line, summary);
        let id = self.id(layout, cells, start, line);
        let actors = self.actors(layout, cells, start, line);
        let lane = self.symbol(layout, cells, Key::Lane);
        let place = self.symbol(layout, cells, Key::Place);
        let url = self.source(layout, cells, start, line, date);
        let coordinates = self.coordinates(layout, cells, start, line);
        self.out.rows.push(Row {
            line,
            date,
            end,
            kind,
            status,
            id,
            title,
            summary,
            actors,
            lane,
            place,
            url,
            coordinates,
        });
    }

    /// The row's date and end; `None` (noted) when the date is empty or unreadable. An
    /// unreadable end, or one before the date, is noted and left out.
    fn dates(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
    ) -> Option<(FuzzyDate, Option<FuzzyDate>)> {
        let date_col = match layout.resolved.get(Key::Date) {
            Some(Value::Column(c)) => *c,
            _ => usize::MAX,
        };
        let date_text = self.cell(layout, cells, date_col);
        let date_text = cells::trim(&date_text);
        if date_text.is_empty() {
            self.note(Problem::EmptyDate, line, start, cells, date_col);
            return None;
        }
        let Some(date) = dates::parse(date_text, self.plan.day_order) else {
            self.note(Problem::BadDate, line, start, cells, date_col);
            return None;
        };
        let mut end = None;
        if let Some(Value::Column(c)) = layout.resolved.get(Key::End) {
            let text = self.cell(layout, cells, *c);
            let text = cells::trim(&text);
            if !text.is_empty() {
                match dates::parse(text, self.plan.day_order) {
                    None => self.note(Problem::BadEnd, line, start, cells, *c),
                    Some(e) if e.latest() < date.latest() || e.earliest() < date.earliest() => {
                        self.note(Problem::EndBeforeDate, line, start, cells, *c);
                    }
                    Some(e) => end = Some(e),
                }
            }
        }
        Some((date, end))
    }

    /// The title: its column or template, else the summary's first sentence, else
    /// "Untitled row" (noted); joined onto one line and cut at the length limit (noted).
    fn title(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
        summary: Local,
    ) -> Local {
        let mut title = self.text_value(layout, cells, Key::Title);
        if cells::trim(self.block(title)).is_empty() {
            let from_summary = first_sentence(self.block(summary));
            title = if from_summary.is_empty() {
                self.note(
                    Problem::EmptyTitle,
                    line,
                    start,
                    cells,
                    title_column(layout),
                );
                self.push_block("Untitled row")
            } else {
                self.push_block(&from_summary)
            };
        }
        // A title is one line: a cell that runs over several is joined with spaces.
        if memchr::memchr2(b'\n', b'\r', self.block(title).as_bytes()).is_some() {
            let joined = self
                .block(title)
                .split(['\n', '\r'])
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            title = self.push_block(&joined);
        }
        let long = self.block(title);
        if long.len() > MAX_SHORT_TEXT_CHARS && long.chars().count() > MAX_SHORT_TEXT_CHARS {
            self.note(Problem::LongTitle, line, start, cells, title_column(layout));
            let cut = crate::english::shorten(self.block(title), MAX_SHORT_TEXT_CHARS);
            title = self.push_block(&cut);
        }
        title
    }

    /// The id from its column; an overlong one is noted and left to the row's line.
    fn id(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
    ) -> Option<Local> {
        match layout.resolved.get(Key::Id) {
            Some(Value::Column(c)) => {
                let text = self.cell(layout, cells, *c);
                let text = cells::trim(&text);
                if too_long(text) {
                    self.note(Problem::LongId, line, start, cells, *c);
                    None
                } else {
                    (!text.is_empty()).then(|| self.push_block(text))
                }
            }
            _ => None,
        }
    }

    /// The actors of the row's actor columns (a cell may name several, split by `;`),
    /// each once; an overlong name is cut (noted). Returns their span of the chunk's
    /// actor list.
    fn actors(
        &mut self,
        layout: &'p RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
    ) -> (u32, u32) {
        let actors_start = self.out.actors.len();
        let actor_columns: &'p [usize] = match layout.resolved.get(Key::Actors) {
            Some(Value::Column(c)) => std::slice::from_ref(c),
            Some(Value::Columns(cs)) => cs,
            _ => &[],
        };
        for &c in actor_columns {
            let text = self.cell(layout, cells, c);
            for name in text.split(';').map(str::trim).filter(|n| !n.is_empty()) {
                let cut;
                let name = if too_long(name) {
                    self.note(Problem::LongName, line, start, cells, c);
                    cut = crate::english::shorten(name, MAX_SHORT_TEXT_CHARS);
                    cut.as_str()
                } else {
                    name
                };
                let sym = self.out.symbols.get_in(c, name);
                if !self.out.actors[actors_start..].contains(&sym) {
                    self.out.actors.push(sym);
                    if let Some(entry) = self.out.symbols.entries.get_mut(sym as usize) {
                        entry.1.actor = true;
                    }
                }
            }
        }
        let actors_len = self.out.actors.len() - actors_start;
        (
            u32::try_from(actors_start).unwrap_or(u32::MAX),
            u32::try_from(actors_len).unwrap_or(0),
        )
    }

    /// The row's source: the symbol of its http(s) address (a source of that address is
    /// made once, its outlet the host, dated by the first row citing it), or [`NONE`];
    /// another kind of address is noted and left out.
    fn source(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
        date: FuzzyDate,
    ) -> u32 {
        let mut url = NONE;
        if let Some(Value::Column(c)) = layout.resolved.get(Key::Url) {
            let text = self.cell(layout, cells, *c);
            let text = cells::trim(&text);
            if text.starts_with("https://") || text.starts_with("http://") {
                url = self.out.symbols.get_in(*c, text);
                if self
                    .out
                    .symbols
                    .entries
                    .get(url as usize)
                    .is_some_and(|e| e.1.url.is_none())
                {
                    let host = host(text);
                    let cut;
                    // No real host is this long (DNS allows 253 characters); the outlet
                    // is a name to show.
                    let host = if host.chars().count() > MAX_HOST_CHARS {
                        self.note(Problem::LongName, line, start, cells, *c);
                        cut = crate::english::shorten(host, MAX_HOST_CHARS);
                        cut.as_str()
                    } else {
                        host
                    };
                    let host = self.out.symbols.get(host);
                    if let Some(entry) = self.out.symbols.entries.get_mut(url as usize) {
                        entry.1.url = Some((date, host));
                    }
                }
            } else if !text.is_empty() {
                self.note(Problem::NotAnAddress, line, start, cells, *c);
            }
        }
        url
    }

    /// The row's coordinates, when the mapping has latitude and longitude columns and
    /// both cells hold degrees in range; a row with one of them, or with a value that is
    /// not one, is noted and kept without coordinates.
    fn coordinates(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        start: usize,
        line: u32,
    ) -> Option<Coordinates> {
        let (Some(Value::Column(lat_col)), Some(Value::Column(lon_col))) =
            (layout.resolved.get(Key::Lat), layout.resolved.get(Key::Lon))
        else {
            return None;
        };
        let (lat_col, lon_col) = (*lat_col, *lon_col);
        let lat = self.cell(layout, cells, lat_col);
        let lon = self.cell(layout, cells, lon_col);
        let (lat, lon) = (cells::trim(&lat), cells::trim(&lon));
        if lat.is_empty() && lon.is_empty() {
            return None;
        }
        let (lat_read, lon_read) = (parse_degrees(lat), parse_degrees(lon));
        if let (Some(a), Some(o)) = (lat_read, lon_read) {
            if a.abs() > 90.0 && a.abs() <= 180.0 && o.abs() <= 90.0 {
                self.note(Problem::SwappedCoordinates, line, start, cells, lat_col);
                return None;
            }
            if a == 0.0 && o == 0.0 {
                self.note(Problem::NullIsland, line, start, cells, lat_col);
                return None;
            }
        }
        let lat_value = lat_read.filter(|v| v.abs() <= 90.0);
        let lon_value = lon_read.filter(|v| v.abs() <= 180.0);
        match (lat_value, lon_value) {
            (Some(lat), Some(lon)) => Coordinates::new(lat, lon).ok(),
            (None, _) => {
                self.note(Problem::BadCoordinates, line, start, cells, lat_col);
                None
            }
            (_, None) => {
                self.note(Problem::BadCoordinates, line, start, cells, lon_col);
                None
            }
        }
    }

    /// The text of column `col` of the row (a derived GDELT column is computed).
    fn cell(&mut self, layout: &RowLayout, cells: &[Cow<'t, str>], col: usize) -> Cow<'t, str> {
        if col < layout.own {
            return cells.get(col).cloned().unwrap_or(Cow::Borrowed(""));
        }
        let Some(variant) = layout.gdelt else {
            return Cow::Borrowed("");
        };
        let which = col - layout.own;
        if self.derived.len() <= which {
            self.derived.resize(which + 1, None);
        }
        if self.derived[which].is_none() {
            self.derived[which] = Some(gdelt::derived(variant, &self.strs, which));
        }
        Cow::Owned(self.derived[which].clone().unwrap_or_default())
    }

    fn block(&self, l: Local) -> &str {
        self.out
            .block
            .get(l.start as usize..(l.start + l.len) as usize)
            .unwrap_or("")
    }

    fn push_block(&mut self, text: &str) -> Local {
        let start = self.out.block.len();
        self.out.block.push_str(text);
        local(start, text.len())
    }

    /// A title or summary: its column, or its template with empty values' separators
    /// left out.
    fn text_value(&mut self, layout: &RowLayout, cells: &[Cow<'t, str>], key: Key) -> Local {
        let start = self.out.block.len();
        match layout.resolved.get(key) {
            Some(Value::Column(c)) => {
                let text = self.cell(layout, cells, *c);
                self.out.block.push_str(cells::trim(&text));
            }
            Some(Value::Template(pieces)) => {
                // Leading text always; text between values only when values stand on
                // both sides of it (the one just before the next value, when values
                // between are empty); text after the last value only when that value
                // and the text before it were written ("{1} ({2})" gives "a (b)", "a"
                // or "b"; "{1} → {2} ({3})" without 2 gives "a (c)").
                let mut pending: Option<&str> = None;
                let mut any = false;
                let mut seen_column = false;
                let mut last_present = false;
                let mut sep_written = true;
                for piece in pieces {
                    match piece {
                        Piece::Text(t) if !seen_column => self.out.block.push_str(t),
                        Piece::Text(t) => pending = Some(t.as_str()),
                        Piece::Column(c) => {
                            seen_column = true;
                            let value = self.cell(layout, cells, *c);
                            let value = cells::trim(&value);
                            if value.is_empty() {
                                last_present = false;
                                continue;
                            }
                            sep_written = match pending.take() {
                                Some(sep) if any => {
                                    self.out.block.push_str(sep);
                                    true
                                }
                                Some(_) => false,
                                None => true,
                            };
                            self.out.block.push_str(value);
                            any = true;
                            last_present = true;
                        }
                    }
                }
                if let Some(Piece::Text(t)) = pieces.last()
                    && seen_column
                    && last_present
                    && sep_written
                {
                    self.out.block.push_str(t);
                }
                let trimmed = self.out.block[start..].trim_end().len();
                self.out.block.truncate(start + trimmed);
            }
            _ => {}
        }
        local(start, self.out.block.len() - start)
    }

    fn symbol(&mut self, layout: &RowLayout, cells: &[Cow<'t, str>], key: Key) -> u32 {
        let Some(Value::Column(c)) = layout.resolved.get(key) else {
            return NONE;
        };
        let text = self.cell(layout, cells, *c);
        let text = cells::trim(&text);
        if text.is_empty() {
            NONE
        } else {
            self.out.symbols.get_in(*c, text)
        }
    }

    fn kind(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        col: usize,
        line: u32,
    ) -> EventKind {
        let value = self.cell(layout, cells, col);
        let found = match &value {
            Cow::Borrowed(s) => *self.kinds.entry(s).or_insert_with(|| kind_of(s)),
            Cow::Owned(s) => kind_of(s),
        };
        found.unwrap_or_else(|| {
            self.unknown(Problem::UnknownKind, cells::trim(&value), line);
            EventKind::Other
        })
    }

    fn status(
        &mut self,
        layout: &RowLayout,
        cells: &[Cow<'t, str>],
        col: usize,
        line: u32,
    ) -> Status {
        let value = self.cell(layout, cells, col);
        let found = match &value {
            Cow::Borrowed(s) => *self.statuses.entry(s).or_insert_with(|| status_of(s)),
            Cow::Owned(s) => status_of(s),
        };
        found.unwrap_or_else(|| {
            self.unknown(Problem::UnknownStatus, cells::trim(&value), line);
            Status::Reported
        })
    }

    fn unknown(&mut self, problem: Problem, value: &str, line: u32) {
        *self.out.counts.entry(problem).or_default() += 1;
        let key = (
            problem,
            crate::english::printable(&crate::english::shorten(value, 60)),
        );
        let entry = self.out.unknown_values.entry(key).or_insert((0, line));
        entry.0 += 1;
    }
}

/// "example.org" from "https://www.example.org/a/b" (without `www.`): the outlet of a
/// source known only by its address.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.is_empty() { url } else { host }
}

/// The column a title comes from (a template's first), for placing its problems.
fn title_column(layout: &RowLayout) -> usize {
    match layout.resolved.get(Key::Title) {
        Some(Value::Column(c)) => *c,
        Some(Value::Template(pieces)) => pieces
            .iter()
            .find_map(|p| match p {
                Piece::Column(c) => Some(*c),
                Piece::Text(_) => None,
            })
            .unwrap_or(0),
        _ => 0,
    }
}

/// The longest outlet made from a link's host, in characters.
const MAX_HOST_CHARS: usize = 100;

/// True for a name or id over the length the loader accepts for one.
fn too_long(text: &str) -> bool {
    text.len() > MAX_SHORT_TEXT_CHARS && text.chars().count() > MAX_SHORT_TEXT_CHARS
}

/// The summary's first sentence, at most 100 characters, cut at a word.
fn first_sentence(summary: &str) -> String {
    let s = summary.trim();
    let end = s
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && s[i + 1..].starts_with(' '))
        .map_or(s.len(), |(i, _)| i);
    let sentence = &s[..end];
    if sentence.chars().count() <= 100 {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(99).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > 40)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

/// Compares values loosely: no case, spaces, `_` or `-`.
fn loose(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The kind a cell names, `Other` for an empty one, `None` for one not understood.
pub fn kind_of(value: &str) -> Option<EventKind> {
    Some(match loose(value).as_str() {
        "" | "other" => EventKind::Other,
        "phonecall" | "call" | "phone" | "telephone" | "telephonecall" => EventKind::PhoneCall,
        "meeting" | "meet" | "summit" | "visit" | "talks" => EventKind::Meeting,
        "message" | "letter" | "email" => EventKind::Message,
        "statement" | "remarks" | "speech" | "interview" => EventKind::Statement,
        "pressconference" | "presser" | "briefing" | "newsconference" => EventKind::PressConference,
        "mediareport" | "report" | "article" | "news" => EventKind::MediaReport,
        "denial" | "deny" | "denied" => EventKind::Denial,
        "nocomment" | "declinedtocomment" | "declinestocomment" => EventKind::NoComment,
        "context" | "background" => EventKind::Context,
        _ => return None,
    })
}

/// The status a cell names, `Reported` for an empty one, `None` for one not understood.
pub fn status_of(value: &str) -> Option<Status> {
    Some(match loose(value).as_str() {
        "" | "reported" => Status::Reported,
        "confirmed" | "verified" | "official" | "true" => Status::Confirmed,
        "alleged" | "unverified" | "unconfirmed" | "claimed" => Status::Alleged,
        "disputed" | "contested" => Status::Disputed,
        "denied" | "false" => Status::Denied,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::table::mapping::{self, MappingSpec};

    fn plan(header: &[&str], args: &[&str]) -> Plan {
        let names: Vec<String> = header.iter().map(|s| (*s).to_owned()).collect();
        let mut spec = MappingSpec::default();
        for a in args {
            spec.push_arg(a).unwrap();
        }
        Plan {
            dialect: Dialect {
                delimiter: b',',
                quoting: true,
            },
            header: true,
            layouts: vec![RowLayout {
                cells: None,
                own: names.len(),
                gdelt: None,
                resolved: mapping::resolve(&spec, &names).unwrap(),
            }],
            day_order: DayOrder::DayFirst,
        }
    }

    fn titles(chunk: &ChunkRows) -> Vec<&str> {
        chunk
            .rows
            .iter()
            .map(|r| &chunk.block[r.title.start as usize..(r.title.start + r.title.len) as usize])
            .collect()
    }

    #[test]
    fn outlets_are_the_hosts_of_addresses() {
        assert_eq!(host("https://www.example.org/a/b?c"), "example.org");
        assert_eq!(host("http://user@news.site:8080/x"), "news.site");
        assert_eq!(host("https://"), "https://");
    }

    #[test]
    fn templates_leave_out_the_separators_of_empty_values() {
        let p = plan(&["a", "b", "c", "d"], &["date=a", "title={b} → {c} ({d})"]);
        let text = "a,b,c,d\n2024-01-01,Putin,Trump,x\n2024-01-02,Putin,,x\n2024-01-03,,Trump,\n2024-01-04,,,\n";
        let chunk = read_chunk(&p, 0, text.as_bytes(), true);
        assert_eq!(
            titles(&chunk),
            vec!["Putin → Trump (x)", "Putin (x)", "Trump", "Untitled row"]
        );
        assert_eq!(chunk.counts.get(&Problem::EmptyTitle), Some(&1));
    }

    #[test]
    fn dirty_rows_are_skipped_and_counted_with_their_lines() {
        let p = plan(
            &["date", "title", "end", "kind"],
            &["date=date", "title=title", "end=end", "kind=kind"],
        );
        let text = "date,title,end,kind\n,no date,,\nnot a date,bad,,\n2024-01-05,ok,2024-01-01,meeting\n\n2024-01-06,\"multi\nline\",,riot\n2024-01-07,last,,\n";
        let chunk = read_chunk(&p, 0, text.as_bytes(), true);
        assert_eq!(chunk.records, 5);
        assert_eq!(chunk.rows.len(), 3);
        assert_eq!(chunk.counts.get(&Problem::EmptyDate), Some(&1));
        assert_eq!(chunk.counts.get(&Problem::BadDate), Some(&1));
        assert_eq!(chunk.counts.get(&Problem::EndBeforeDate), Some(&1));
        let lines: Vec<u32> = chunk.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5, 7]);
        let bad = chunk
            .noted
            .iter()
            .find(|n| n.problem == Problem::BadDate)
            .unwrap();
        assert_eq!(
            (bad.location.line, bad.location.col, bad.value.as_str()),
            (2, 1, "not a date")
        );
        assert_eq!(chunk.rows[0].kind, EventKind::Meeting);
        assert_eq!(chunk.rows[1].kind, EventKind::Other);
        assert!(
            chunk
                .unknown_values
                .contains_key(&(Problem::UnknownKind, "riot".to_owned()))
        );
        assert_eq!(chunk.lines, 8);
    }

    /// A column's value repeated down the rows is one symbol (found without hashing
    /// again), a value coming back after another is the same symbol too, and a buffer
    /// reused for the next chunk names each row's values right.
    #[test]
    fn repeated_and_returning_values_are_one_symbol_in_reused_chunks() {
        let p = plan(
            &["date", "title", "url", "lane"],
            &["date=date", "title=title", "url=url", "lane=lane"],
        );
        let a = "https://a.example/1";
        let b = "https://b.example/2";
        let text = format!(
            "date,title,url,lane\n2024-01-01,t,{a},x\n2024-01-02,t,{a},x\n2024-01-03,t,{b},{a}\n2024-01-04,t,{a},x\n"
        );
        let mut chunk = read_chunk(&p, 0, text.as_bytes(), true);
        let urls = |c: &ChunkRows| -> Vec<String> {
            c.rows
                .iter()
                .map(|r| c.symbols.name(r.url).to_owned())
                .collect()
        };
        let lanes = |c: &ChunkRows| -> Vec<String> {
            c.rows
                .iter()
                .map(|r| c.symbols.name(r.lane).to_owned())
                .collect()
        };
        assert_eq!(urls(&chunk), [a, a, b, a]);
        assert_eq!(lanes(&chunk), ["x", "x", a, "x"]);
        assert_eq!(chunk.rows[0].url, chunk.rows[3].url);
        assert_eq!(
            chunk.rows[2].lane, chunk.rows[0].url,
            "one name, one symbol"
        );
        let first = chunk.symbols.entries[chunk.rows[0].url as usize].1.url;
        assert_eq!(
            first.map(|(date, _)| date),
            Some(dates::parse("2024-01-01", DayOrder::DayFirst).unwrap()),
            "an address is dated by the first row citing it"
        );
        // The next chunk, read into the same memory: its own names, in its own order.
        let next = format!("2024-02-01,t,{b},y\n2024-02-02,t,{b},{b}\n");
        read_chunk_into(&p, 1, next.as_bytes(), false, &mut chunk);
        assert_eq!(urls(&chunk), [b, b]);
        assert_eq!(lanes(&chunk), ["y", b]);
        assert_eq!(chunk.symbols.entries.len(), 3, "b, its host and y");
    }

    #[test]
    fn a_broken_quote_is_fatal_and_placed() {
        let p = plan(&["date", "title"], &["date=date", "title=title"]);
        let text = "date,title\n2024-01-01,ok\n2024-01-02,\"bad\"x\n";
        let chunk = read_chunk(&p, 0, text.as_bytes(), true);
        let fatal = chunk.fatal.unwrap();
        assert_eq!((fatal.location.line, fatal.location.col), (2, 17));
    }
}
