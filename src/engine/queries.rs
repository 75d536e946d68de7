//! A big table asked through a query engine: the timeline's questions
//! ([`TimelineData`]) as SQL over the layout of [`super::layout`], run by DataFusion on
//! this machine or by a Ballista cluster. Nothing is loaded: each answer reads only the
//! row groups its days fall in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, PrimitiveArray, RecordBatch, StringArray,
};
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Field, Float64Type, Int8Type, Int32Type, Int64Type, UInt32Type,
};
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

use super::layout;
use super::place_counts::Grids;
use super::tally::{ByDay, Key, Tally, TallyBuilder};
use crate::model::{Coordinates, EventIdx, EventKind, FuzzyDate, RelationKind, Status};
use crate::timeline::seam::event_row::QuoteRow;
use crate::timeline::seam::grid;
use crate::timeline::seam::{
    Ability, Cancel, DataError, DisputeRow, EventRow, LaneFacet, LaneView, LinkEnd, LinkRow,
    ListRow, Neighbours, PlacePoint, PlacesAnswer, PlacesQuery, Row, RowName, TimelineData,
    ViewAnswer, ViewLink, ViewQuery,
};
use crate::timeline::{LaneMode, TableAsk};

/// How long one query may take before the engine is taken for gone (its last answers
/// stay on screen; the question is asked again).
pub const QUERY_DEADLINE: Duration = Duration::from_secs(20);
/// How long a question that reads the whole table (a search, the counts under a
/// search asked on opening) may take: it runs on a worker, with the indicator on.
pub const SCAN_DEADLINE: Duration = Duration::from_secs(300);
/// Partitions of a question that reads the whole table on a cluster (a search); other
/// questions there take one.
pub const SPREAD_PARTITIONS: usize = 4;

/// The first and last day of the events, and how many events have each middle (twice
/// the middle day, `start + end + 1`), as [`EngineData::overview`] gives them.
pub type Overview = (Option<(i32, i32)>, Vec<(i64, u64)>);

/// Where the engine runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// DataFusion in this process.
    Embedded,
    /// A Ballista scheduler, by URL (`df://host:50050`).
    Cluster(String),
}

impl Engine {
    /// What failed on opening a table through this engine: a cluster's failure (with
    /// the cluster's help) or this machine's.
    fn open_error(&self, e: &dyn std::fmt::Display) -> OpenError {
        match self {
            Self::Cluster(_) => OpenError::Cluster(e.to_string()),
            Self::Embedded => OpenError::Engine(e.to_string()),
        }
    }

    /// Parses what the command line and File ▸ Open take: `df://host:port` for a
    /// cluster, `local` (or nothing) for this machine.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t.is_empty() || t == "local" {
            return Ok(Self::Embedded);
        }
        match t.strip_prefix("df://") {
            Some(rest) if rest.contains(':') && !rest.contains('/') => {
                Ok(Self::Cluster(t.to_owned()))
            }
            _ => Err(format!(
                "`{t}` is not an engine: use `local`, or a Ballista scheduler as df://HOST:PORT (for example df://127.0.0.1:50050)"
            )),
        }
    }
}

/// What a table holds beyond the layout's required columns, which the filters use.
#[derive(Clone, Copy, Debug, Default)]
pub struct Present {
    /// The relations table beside it was found.
    pub relations: bool,
    /// It has the [`layout::SEARCH_TEXT`] column.
    pub search_text: bool,
    /// It has the card's columns ([`layout::CARD_COLUMN`]): date notes, sources, outlets,
    /// each quote's source, speaker id and date.
    pub card: bool,
}

/// The SQL predicate for the filters the engine applies: kinds, statuses, the text
/// search (title, summary and quotes, lower-cased as the in-memory search does), actors
/// by name and "disputed only" (an event at either end of a relation, asked of the
/// relations table when there is one), outlets by name.
pub fn predicate(ask: &TableAsk, present: Present) -> String {
    let filter = &ask.filter;
    let mut parts = Vec::new();
    let kinds: Vec<String> = EventKind::ALL
        .iter()
        .filter(|k| filter.shows_kind(**k))
        .map(|k| k.index().to_string())
        .collect();
    if kinds.len() < EventKind::ALL.len() {
        parts.push(format!("kind IN ({})", list_or_none(&kinds)));
    }
    let statuses: Vec<String> = Status::ALL
        .iter()
        .filter(|s| filter.shows_status(**s))
        .map(|s| s.index().to_string())
        .collect();
    if statuses.len() < Status::ALL.len() {
        parts.push(format!("status IN ({})", list_or_none(&statuses)));
    }
    let text = filter.text.trim();
    if !text.is_empty() {
        parts.push(if present.search_text {
            // One plain column, already lower-cased: one LIKE, and a cluster's executors
            // run it (they refused `array_to_string` over the quotes).
            format!(
                "{} LIKE {}",
                layout::SEARCH_TEXT,
                like_pattern(&text.to_lowercase())
            )
        } else {
            let pattern = like_pattern(text);
            format!(
                "(title ILIKE {pattern} OR summary ILIKE {pattern} OR array_to_string(quote_texts, ' ') ILIKE {pattern})"
            )
        });
    }
    if !ask.actors.is_empty() {
        // Participants, then speakers, as the in-memory filter reads them.
        parts.push(format!(
            "array_has_any(array_concat(actors, quote_speakers), {})",
            string_array(&ask.actors)
        ));
    }
    if !ask.outlets.is_empty() {
        // A table converted before outlets were written cannot tell: none passes.
        parts.push(if present.card {
            format!("array_has_any(outlets, {})", string_array(&ask.outlets))
        } else {
            "FALSE".to_owned()
        });
    }
    if let Some(area) = filter.place {
        // Both edges included, as `Area::contains`; a row with no coordinates has NULLs
        // there and does not pass.
        let (sw, ne) = (area.south_west(), area.north_east());
        parts.push(format!(
            "lat BETWEEN {} AND {} AND lon BETWEEN {} AND {}",
            sw.lat_text(),
            ne.lat_text(),
            sw.lon_text(),
            ne.lon_text()
        ));
    }
    if filter.disputed_only {
        // An event in a dispute is at either end of a relation; with no relations table
        // none is.
        parts.push(if present.relations {
            "row IN (SELECT from_row FROM relations UNION SELECT to_row FROM relations)".to_owned()
        } else {
            "FALSE".to_owned()
        });
    }
    if parts.is_empty() {
        "TRUE".to_owned()
    } else {
        parts.join(" AND ")
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "-1".to_owned()
    } else {
        items.join(", ")
    }
}

/// `items` as an SQL array of strings (`make_array('a', 'b')`); never empty.
fn string_array(items: &[String]) -> String {
    if items.is_empty() {
        return "make_array('')".to_owned();
    }
    let items: Vec<String> = items.iter().map(|n| quoted(n)).collect();
    format!("make_array({})", items.join(", "))
}

/// `text` as an SQL string literal.
fn quoted(text: &str) -> String {
    let clean: String = text.chars().filter(|c| *c != '\0').collect();
    format!("'{}'", clean.replace('\'', "''"))
}

/// `%text%` for ILIKE, with `%`, `_` and `\` in `text` matched as themselves.
fn like_pattern(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    quoted(&escaped)
}

/// One group of the counting by lane: its key, exactness, the day it starts or ends on
/// (one of them), how many, and the longest span among them.
type LaneDay = (String, bool, Option<i32>, Option<i32>, u64, i32);

/// A table of events in the layout, asked through DataFusion or Ballista.
pub struct EngineData {
    rt: tokio::runtime::Runtime,
    ctx: SessionContext,
    /// The filters as SQL.
    predicate: String,
    /// The relations table beside the file was found and registered.
    has_relations: bool,
    /// It numbers its relations in the dataset's order (`seq`; tables converted before
    /// it was written are ordered by their rows).
    relation_seq: bool,
    /// Its relations say who linked them and the editor's note (`by_editor`, `note`).
    relation_notes: bool,
    /// The optional columns it has.
    present: Present,
    /// What was found wrong on opening and worked around (companion files ignored).
    warnings: Vec<String>,
    /// The lanes with events (that pass the filters), top to bottom.
    lanes: Vec<EngineLane>,
    /// How the events are split into lanes, and for lanes by actor or group, the SQL
    /// of each event's lanes (a list of their keys: `''` for no actor or no group).
    mode: LaneMode,
    lane_sql: Option<LaneKeys>,
    /// Kinds with events (that pass the filters), with their counts: the legend's.
    kinds: Vec<(EventKind, usize)>,
    /// Some event has a group (a `lane`): lanes by group make sense.
    has_groups: bool,
    /// The longest span of any event, in days: how far back of a view an event that
    /// overlaps it can start.
    max_span: i32,
    /// What is open, for messages.
    what: String,
    /// The starts and ends of every day under the filters, read once on opening from
    /// the day counts or, under a search, actors, outlets, "disputed only" or lanes by
    /// actor or group, from the events; none for a table without day counts under kind
    /// and status filters only.
    tally: Option<Tally>,
    /// Day counts beside the table were registered (`counts`).
    has_counts: bool,
    /// The spans beside the table answer the compressed axis (they were written, and
    /// the filters are of kinds and statuses only).
    spans_answer: bool,
    /// The day counts answer the overview's disputed share (they count the middles of
    /// events in a relation, and the filters are of kinds and statuses only).
    disputed_answer: bool,
    /// The grids of the place counts that answer the map's questions in cells as wide
    /// as theirs or wider (none unless they are tied to the events and the filters are
    /// of kinds and statuses only).
    place_grids: Grids,
    engine: Engine,
}

/// The SQL of an event's lanes by actor or by group.
#[derive(Clone, Debug)]
enum LaneKeys {
    /// One key per event (its group): no list functions, so a Ballista cluster's
    /// executors run it too.
    One(String),
    /// A list of keys per event (its actors), unnested to count.
    List(String),
}

impl LaneKeys {
    /// The key, or the keys, counted: `unnest(…)` for a list.
    fn counted(&self) -> String {
        match self {
            Self::One(sql) => sql.clone(),
            Self::List(sql) => format!("unnest({sql})"),
        }
    }

    /// The condition that an event is in one of the lanes `keys` (SQL strings).
    fn in_any(&self, keys: &str) -> String {
        match self {
            Self::One(sql) => format!("{sql} IN ({keys})"),
            Self::List(sql) => format!("array_has_any({sql}, make_array({keys}))"),
        }
    }

    /// The SQL selected for an event's keys.
    fn selected(&self) -> &str {
        match self {
            Self::One(sql) | Self::List(sql) => sql,
        }
    }
}

/// One lane of a table: its label, its kind (lanes by kind), its key (the kind's number,
/// or the actor's name or group as the lane SQL gives it) and how many events it holds.
#[derive(Clone, Debug)]
struct EngineLane {
    label: String,
    kind: Option<EventKind>,
    key: String,
    count: usize,
}

pub use super::open_error::OpenError;

pub use super::layout::event_files;

/// How many events of each kind and of each status a whole table holds, by index
/// ([`EventKind::index`], [`Status::index`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WholeCounts {
    /// Events per kind.
    pub kinds: [usize; EventKind::ALL.len()],
    /// Events per status.
    pub statuses: [usize; Status::ALL.len()],
}

/// Which companions beside a table's events files are tied to them (written by the same
/// conversion) and so used.
#[derive(Clone, Copy, Debug)]
struct Tied {
    counts: bool,
    relations: bool,
    spans: bool,
    places: bool,
}

/// Whether the day counts, the relations, the spans and the place counts beside the
/// events files of `path` are tied to them, and a warning for each that is not: those
/// are ignored, and the events answer.
fn companions_tied(path: &Path, files: &[PathBuf]) -> (Tied, Vec<String>) {
    let mut warnings = Vec::new();
    let ties: Vec<Option<String>> = files.iter().map(|f| layout::tie_of(f)).collect();
    let mut tied = |companion: &Path, instead: &str| -> bool {
        if ties.iter().all(Option::is_none) {
            // Converted before ties were written: nothing to check against.
            return true;
        }
        let why = match layout::tie_of(companion) {
            Some(t) if ties.iter().any(|x| x.as_deref() == Some(t.as_str())) => return true,
            Some(_) => "belongs to another table, or to another conversion of this one",
            None => "cannot be read as this table's (cut short, or not written with it)",
        };
        warnings.push(format!(
            "{} {why}: ignored, {instead}. Run `claimline convert` again to write it anew.",
            companion.display()
        ));
        false
    };
    let counts_ok = counts_files(path).iter().all(|c| {
        tied(
            c,
            "so the days are counted from the events (slower, never wrong)",
        )
    });
    let spans_ok = spans_files(path).iter().all(|c| {
        tied(
            c,
            "so the compressed axis and the disputed share are asked of the events",
        )
    });
    let places_ok = places_files(path).iter().all(|c| {
        tied(
            c,
            "so the map counts the events themselves (slower, never wrong)",
        )
    });
    let relations_beside = super::convert::companions(path).relations;
    let relations_ok = super::store::is_folder(path)
        || !super::store::exists(&relations_beside)
        || tied(&relations_beside, "so the table is shown without relations");
    let tied = Tied {
        counts: counts_ok,
        relations: relations_ok,
        spans: spans_ok,
        places: places_ok,
    };
    (tied, warnings)
}

/// What registering a table found beside its events.
struct Registered {
    ctx: SessionContext,
    /// Day counts were registered (`counts`).
    has_counts: bool,
    /// They count the middles of events in a relation (`disputed_mids`).
    counts_disputed: bool,
    /// Spans were registered (`spans`).
    has_spans: bool,
    /// The grids of the place counts registered (`places`); none without.
    place_grids: Grids,
    /// The optional columns present.
    present: Present,
    /// The relations are numbered in the dataset's order (`seq`).
    relation_seq: bool,
    /// The relations say who linked them and the editor's note.
    relation_notes: bool,
}

/// The tables of `path` registered on `engine`: the events (checked for the layout's
/// columns), and the day counts, spans and relations where they are tied to them.
async fn register(
    path: &Path,
    files: &[PathBuf],
    engine: &Engine,
    tied: Tied,
) -> Result<Registered, OpenError> {
    let what = path.display().to_string();
    let ctx = match engine {
        Engine::Embedded => super::store::runtime_env()
            .map(|rt| {
                SessionContext::new_with_config_rt(
                    SessionConfig::new().with_target_partitions(2),
                    rt,
                )
            })
            .map_err(|e| OpenError::Engine(e.to_string())),
        Engine::Cluster(url) => connect(url).await,
    }?;
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let df = ctx
        .read_parquet(paths, ParquetReadOptions::default())
        .await
        .map_err(|e| match engine {
            Engine::Cluster(url) => OpenError::Cluster(super::open_error::in_words(
                url,
                &format!("could not read {what}: {e}"),
            )),
            Engine::Embedded => OpenError::Engine(format!("could not read {what}: {e}")),
        })?;
    let columns: Vec<String> = df
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    ctx.register_table("events", df.into_view())
        .map_err(|e| OpenError::Engine(e.to_string()))?;
    let counts: Vec<String> = counts_files(path)
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut has_counts = false;
    let mut counts_disputed = false;
    if !counts.is_empty()
        && tied.counts
        && let Ok(df) = ctx
            .read_parquet(counts, ParquetReadOptions::default())
            .await
        && df.schema().fields().iter().any(|f| f.name() == "half_mids")
    {
        counts_disputed = df
            .schema()
            .fields()
            .iter()
            .any(|f| f.name() == "disputed_half_mids");
        has_counts = ctx.register_table("counts", df.into_view()).is_ok();
    }
    let spans: Vec<String> = spans_files(path)
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut has_spans = false;
    if !spans.is_empty()
        && tied.spans
        && let Ok(df) = ctx.read_parquet(spans, ParquetReadOptions::default()).await
        && df.schema().fields().iter().any(|f| f.name() == "events")
    {
        has_spans = ctx.register_table("spans", df.into_view()).is_ok();
    }
    let places: Vec<String> = places_files(path)
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut levels = Vec::new();
    if !places.is_empty()
        && tied.places
        && let Ok(df) = ctx
            .read_parquet(places, ParquetReadOptions::default())
            .await
        && df.schema().fields().iter().any(|f| f.name() == "level")
        && ctx.register_table("places", df.into_view()).is_ok()
        && let Ok(found) = ctx
            .sql("SELECT level, MIN(start_day), MAX(end_day) FROM places GROUP BY level")
            .await
        && let Ok(batches) = found.collect().await
    {
        for b in &batches {
            if let (Ok(level), Ok(first), Ok(last)) = (
                prim::<Int8Type>(b, 0),
                prim::<Int32Type>(b, 1),
                prim::<Int32Type>(b, 2),
            ) {
                levels.extend(
                    (0..b.num_rows()).map(|i| (level.value(i), first.value(i), last.value(i))),
                );
            }
        }
    }
    let place_grids = Grids::from_levels(levels);
    // The relations beside a single file (a folder's files number their rows
    // apart: their relations are not asked).
    let relations = super::convert::companions(path).relations;
    let mut has_relations = false;
    let mut relation_seq = false;
    let mut relation_notes = false;
    if !super::store::is_folder(path)
        && super::store::exists(&relations)
        && tied.relations
        && let Ok(df) = ctx
            .read_parquet(
                relations.to_string_lossy().into_owned(),
                ParquetReadOptions::default(),
            )
            .await
        && df.schema().fields().iter().any(|f| f.name() == "from_row")
    {
        relation_seq = df.schema().fields().iter().any(|f| f.name() == "seq");
        relation_notes = df.schema().fields().iter().any(|f| f.name() == "note");
        has_relations = ctx.register_table("relations", df.into_view()).is_ok();
    }
    let present = Present {
        relations: has_relations,
        search_text: columns.iter().any(|c| c == layout::SEARCH_TEXT),
        card: columns.iter().any(|c| c == layout::CARD_COLUMN),
    };
    Ok(Registered {
        ctx,
        has_counts,
        counts_disputed: has_counts && counts_disputed,
        has_spans,
        place_grids,
        present,
        relation_seq,
        relation_notes,
    })
}

/// The tally's lane number of kind number `k`, for lanes by kind.
fn lane_of_kind(k: i8) -> u32 {
    u32::try_from(k).unwrap_or(u32::MAX)
}

/// The kind of kind number `k` (an unknown number is read as the last kind, "other").
fn kind_of(k: i8) -> EventKind {
    usize::try_from(k)
        .ok()
        .and_then(|i| EventKind::ALL.get(i).copied())
        .unwrap_or(EventKind::ALL[EventKind::ALL.len() - 1])
}

/// Whether `path` holds a table in the engine's layout (its first events file has every
/// column the engine needs): what `claimline convert` writes. Reads only the footer.
pub fn is_converted(path: &Path) -> bool {
    if !super::store::is_folder(path) && path.extension().is_none_or(|e| e != "parquet") {
        return false;
    }
    let Some(first) = event_files(path).into_iter().next() else {
        return false;
    };
    let Ok(footer) = super::store::footer(&first) else {
        return false;
    };
    let names: Vec<String> = footer
        .schema
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    layout::missing(&names).is_empty()
}

/// The companions ending in `end` beside the events files of `path` (`convert` writes
/// them): those of a folder's files, or `beside` (the one a single file has) if it is
/// there.
fn companion_files(path: &Path, end: &str, beside: PathBuf) -> Vec<PathBuf> {
    if super::store::is_folder(path) {
        return super::store::list_folder(path)
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(end))
            .collect();
    }
    if super::store::exists(&beside) {
        vec![beside]
    } else {
        Vec::new()
    }
}

/// The day counts beside the events files of `path`.
fn counts_files(path: &Path) -> Vec<PathBuf> {
    let beside = super::convert::companions(path).counts;
    companion_files(path, layout::COMPANIONS[0], beside)
}

/// The spans beside the events files of `path`.
fn spans_files(path: &Path) -> Vec<PathBuf> {
    let beside = super::convert::companions(path).spans;
    companion_files(path, layout::COMPANIONS[2], beside)
}

/// The place counts beside the events files of `path`.
fn places_files(path: &Path) -> Vec<PathBuf> {
    let beside = super::convert::companions(path).places;
    companion_files(path, layout::COMPANIONS[3], beside)
}

/// A grid of the place counts' cells (`cx`, `cy`) in the cells of `span`, each `n` of
/// the grid's cells wide, as SQL.
fn fine_cells(span: grid::CellSpan, n: i32) -> String {
    let first = |c: i32| c.saturating_mul(n);
    let last = |c: i32| c.saturating_add(1).saturating_mul(n).saturating_sub(1);
    let mut parts = vec!["cx IS NOT NULL".to_owned()];
    parts.extend(span.west.map(|c| format!("cx >= {}", first(c))));
    parts.extend(span.east.map(|c| format!("cx <= {}", last(c))));
    parts.extend(span.north.map(|r| format!("cy >= {}", first(r))));
    parts.extend(span.south.map(|r| format!("cy <= {}", last(r))));
    parts.join(" AND ")
}

fn engine_error(e: &dyn std::fmt::Display) -> DataError {
    DataError::Unavailable(e.to_string())
}

impl EngineData {
    /// Opens the table at `path` (a file or a folder of files) on `engine`, with the
    /// filters of `ask` applied to every answer and its events in `ask`'s lanes.
    pub fn open(path: &Path, engine: Engine, ask: &TableAsk) -> Result<Self, OpenError> {
        let filter = &ask.filter;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| OpenError::Engine(format!("could not start the query engine: {e}")))?;
        let files = event_files(path);
        super::open_error::check_files(path, &files)?;
        let what = path.display().to_string();
        let (tied, warnings) = companions_tied(path, &files);
        let Registered {
            ctx,
            has_counts,
            counts_disputed,
            has_spans,
            place_grids,
            present,
            relation_seq,
            relation_notes,
        } = rt.block_on(register(path, &files, &engine, tied))?;
        let predicate_fits_counts = filter.text.trim().is_empty()
            && ask.actors.is_empty()
            && ask.outlets.is_empty()
            && !filter.disputed_only
            && filter.place.is_none();
        let mut source = Self {
            rt,
            ctx,
            predicate: predicate(ask, present),
            lanes: Vec::new(),
            mode: LaneMode::Kind,
            lane_sql: None,
            kinds: Vec::new(),
            has_groups: false,
            max_span: 0,
            what,
            has_relations: present.relations,
            relation_seq,
            relation_notes,
            present,
            warnings,
            tally: None,
            has_counts,
            spans_answer: has_spans && predicate_fits_counts,
            disputed_answer: counts_disputed && predicate_fits_counts,
            place_grids: if predicate_fits_counts {
                place_grids
            } else {
                Grids::default()
            },
            engine,
        };
        source
            .find_groups()
            .map_err(|e| source.engine.open_error(&e))?;
        source.mode = if ask.opening {
            ask.lanes.for_groups(source.has_groups)
        } else {
            ask.lanes
        };
        let lists =
            source.mode == LaneMode::Actor || !ask.actors.is_empty() || !ask.outlets.is_empty();
        let opened = {
            if source.mode != LaneMode::Kind {
                let names: Vec<String> = super::footer::header(path).map_or_else(Vec::new, |ds| {
                    ds.actors
                        .iter()
                        .map(|a| ds.str(a.name).to_owned())
                        .collect()
                });
                source.survey().and_then(|()| source.count_lanes(&names))
            } else if !predicate_fits_counts {
                source.count_once()
            } else if has_counts {
                source.survey().and_then(|()| source.read_counts())
            } else {
                source.survey()
            }
        };
        opened.map_err(|e| match source.engine {
            // Stock Ballista executors know no list functions; claimline-cluster's do.
            Engine::Cluster(_) if lists => OpenError::Unsupported(format!(
                "lanes by actor and the actor and outlet filters are asked with DataFusion's \
                 list functions (make_array, unnest, array_has_any), and this cluster could \
                 not answer them ({e}); its executors need those functions registered, as \
                 claimline-cluster's are"
            )),
            _ => source.engine.open_error(&e),
        })?;
        Ok(source)
    }

    /// Lanes by group come in the order of their first events (`Document::time_key`:
    /// first day, last day, row). The counting gives each lane's first day and span
    /// packed in one number, and its least row over all its events; where lanes' first
    /// events share their days, the tie is broken by the least row among the events on
    /// those days, asked here of those days alone (their row groups only).
    fn first_rows_of_ties(
        &self,
        lanes_sql: &LaneKeys,
        first: &HashMap<String, (i64, u32, u64)>,
    ) -> Result<HashMap<String, u32>, DataError> {
        let mut by_packed: HashMap<i64, Vec<&String>> = HashMap::new();
        for (k, f) in first.iter().filter(|(k, _)| !k.is_empty()) {
            by_packed.entry(f.0).or_default().push(k);
        }
        let mut rows = HashMap::new();
        for (packed, keys) in by_packed.into_iter().filter(|(_, ks)| ks.len() > 1) {
            let (start, span) = (packed.div_euclid(8_388_608), packed.rem_euclid(8_388_608));
            let names: Vec<String> = keys.iter().map(|k| quoted(k)).collect();
            let sql = format!(
                "SELECT k, MIN(row) FROM (SELECT {} AS k, row FROM events WHERE {} \
                 AND start_day = {start} AND LEAST(end_day - start_day, 8388607) = {span}) \
                 WHERE k IN ({}) GROUP BY k",
                lanes_sql.counted(),
                self.predicate,
                names.join(", ")
            );
            for b in &self.run(&sql, &Cancel::new())? {
                let (key, row) = (strings(b, 0)?, prim::<UInt32Type>(b, 1)?);
                for i in 0..b.num_rows() {
                    if key.is_valid(i) && row.is_valid(i) {
                        rows.insert(key.value(i).to_owned(), row.value(i));
                    }
                }
            }
        }
        Ok(rows)
    }

    /// Whether some event has a group, asked once (the first row group that has one
    /// answers).
    fn find_groups(&mut self) -> Result<(), DataError> {
        let batches = self.run(
            "SELECT row FROM events WHERE lane IS NOT NULL AND lane <> '' LIMIT 1",
            &Cancel::new(),
        )?;
        self.has_groups = batches.iter().any(|b| b.num_rows() > 0);
        Ok(())
    }

    /// How the events are split into lanes (lanes by group where the table has groups
    /// and lanes by kind were not asked for).
    pub fn lane_mode(&self) -> LaneMode {
        self.mode
    }

    /// Whether some event has a group.
    pub fn has_groups(&self) -> bool {
        self.has_groups
    }

    /// The kinds with events that pass the filters, with their counts.
    pub fn kinds(&self) -> &[(EventKind, usize)] {
        &self.kinds
    }

    /// The SQL of an event's lanes, by actor or by group: a list of keys, `''` for an
    /// event with no actor (no group). By actor, as the in-memory lanes are made: the
    /// dataset's actors taking part or, when none does, speaking; an actor in its
    /// header (`names`) or, for a table without one, any name in its actors column.
    fn lanes_sql(mode: LaneMode, names: &[String]) -> Option<LaneKeys> {
        match mode {
            LaneMode::Kind => None,
            LaneMode::Group => Some(LaneKeys::One("COALESCE(lane, '')".to_owned())),
            LaneMode::Actor if names.is_empty() => Some(LaneKeys::List(
                "CASE WHEN cardinality(actors) > 0 THEN array_distinct(actors) \
                 ELSE make_array('') END"
                    .to_owned(),
            )),
            LaneMode::Actor => {
                let names = string_array(names);
                let among =
                    |column: &str| format!("array_distinct(array_intersect({column}, {names}))");
                Some(LaneKeys::List(format!(
                    "CASE WHEN cardinality({a}) > 0 THEN {a} WHEN cardinality({s}) > 0 THEN {s} \
                     ELSE make_array('') END",
                    a = among("actors"),
                    s = among("quote_speakers"),
                )))
            }
        }
    }

    /// Counts the events that pass the filters by lane of actor or group, in one
    /// reading of the table: starts and ends by lane, exactness and day, and each
    /// lane's first event (lanes by group come in the order of their first event, as in
    /// memory), then the middles for the overview ([`Tally`]).
    fn count_lanes(&mut self, names: &[String]) -> Result<(), DataError> {
        let Some(lanes_sql) = Self::lanes_sql(self.mode, names) else {
            return self.count_once();
        };
        let sql = format!(
            "SELECT k, exact, start_day, end_day, COUNT(*), MAX(end_day - start_day), \
             MIN(CAST(start_day AS BIGINT) * 8388608 + LEAST(end_day - start_day, 8388607)), MIN(row) FROM \
             (SELECT {} AS k, exact, start_day, end_day, row FROM events WHERE {}) \
             GROUP BY GROUPING SETS ((k, exact, start_day), (k, exact, end_day), (k))",
            lanes_sql.counted(),
            self.predicate
        );
        let mids_sql = format!(
            "SELECT CAST(start_day AS BIGINT) + end_day + 1, COUNT(*) FROM events WHERE {} GROUP BY 1",
            self.predicate
        );
        let batches = self.run_spread(&sql, &Cancel::new())?;
        let mids = self.run_spread(&mids_sql, &Cancel::new())?;
        // Every key's first event and count, and its days.
        let mut first: HashMap<String, (i64, u32, u64)> = HashMap::new();
        let mut days: Vec<LaneDay> = Vec::new();
        for b in &batches {
            let key = strings(b, 0)?;
            let exact = bools(b, 1)?;
            let (start, end) = (prim::<Int32Type>(b, 2)?, prim::<Int32Type>(b, 3)?);
            let (n, span) = (prim::<Int64Type>(b, 4)?, prim::<Int32Type>(b, 5)?);
            let (packed, row) = (prim::<Int64Type>(b, 6)?, prim::<UInt32Type>(b, 7)?);
            for i in 0..b.num_rows() {
                if !key.is_valid(i) {
                    continue;
                }
                let count = u64::try_from(n.value(i)).unwrap_or(0);
                let k = key.value(i).to_owned();
                if !exact.is_valid(i) {
                    first.insert(k, (packed.value(i), row.value(i), count));
                    continue;
                }
                let day = |a: &PrimitiveArray<Int32Type>| a.is_valid(i).then(|| a.value(i));
                days.push((
                    k,
                    exact.value(i),
                    day(&start),
                    day(&end),
                    count,
                    span.value(i),
                ));
            }
        }
        // Lanes top to bottom: by actor, the header's order; by group, by first event;
        // the events with no actor (no group) last.
        let mut keys: Vec<&String> = first.keys().filter(|k| !k.is_empty()).collect();
        match (self.mode, names.is_empty()) {
            (LaneMode::Actor, false) => {
                keys.sort_by_key(|k| names.iter().position(|n| n == *k));
            }
            (LaneMode::Actor, true) => {
                // A table's actors in the order it names them: by the first row naming
                // each, then by place in that row's list (as loading it makes them).
                let rows: std::collections::BTreeSet<u32> = first.values().map(|f| f.1).collect();
                let rows: Vec<String> = rows.iter().map(ToString::to_string).collect();
                let mut lists: HashMap<u32, Vec<String>> = HashMap::new();
                if !rows.is_empty() {
                    for b in &self.run(
                        &format!(
                            "SELECT row, actors FROM events WHERE row IN ({})",
                            rows.join(", ")
                        ),
                        &Cancel::new(),
                    )? {
                        let row = prim::<UInt32Type>(b, 0)?;
                        for i in 0..b.num_rows() {
                            lists.insert(row.value(i), texts(b, 1, i)?);
                        }
                    }
                }
                keys.sort_by_key(|k| {
                    first.get(*k).map(|f| {
                        let at = lists.get(&f.1).and_then(|l| l.iter().position(|a| a == *k));
                        (f.1, at)
                    })
                });
            }
            _ => {
                let tied = self.first_rows_of_ties(&lanes_sql, &first)?;
                keys.sort_by_key(|k| {
                    first
                        .get(*k)
                        .map(|f| (f.0, tied.get(k.as_str()).copied().unwrap_or(f.1)))
                });
            }
        }
        let none_label = if self.mode == LaneMode::Actor {
            "No actor named"
        } else {
            "Ungrouped"
        };
        let mut lanes: Vec<EngineLane> = keys
            .into_iter()
            .map(|k| EngineLane {
                label: k.clone(),
                kind: None,
                key: k.clone(),
                count: first
                    .get(k)
                    .map_or(0, |f| usize::try_from(f.2).unwrap_or(usize::MAX)),
            })
            .collect();
        if let Some(f) = first.get("") {
            lanes.push(EngineLane {
                label: none_label.to_owned(),
                kind: None,
                key: String::new(),
                count: usize::try_from(f.2).unwrap_or(usize::MAX),
            });
        }
        let number: HashMap<&str, u32> = lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.key.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut tally = TallyBuilder::default();
        for (k, exact, start, end, n, span) in &days {
            let Some(&lane) = number.get(k.as_str()) else {
                continue;
            };
            match (start, end) {
                (Some(d), _) => tally.start((lane, *exact), *d, *n, *span),
                (None, Some(d)) => tally.end((lane, *exact), *d, *n),
                (None, None) => {}
            }
        }
        for b in &mids {
            let (m, n) = (prim::<Int64Type>(b, 0)?, prim::<Int64Type>(b, 1)?);
            for i in 0..b.num_rows() {
                tally.mid(m.value(i), u64::try_from(n.value(i)).unwrap_or(0));
            }
        }
        let tally = tally.finish();
        self.max_span = self
            .max_span
            .max(tally.longest.values().copied().max().unwrap_or(0));
        self.lanes = lanes;
        self.lane_sql = Some(lanes_sql);
        self.tally = Some(tally);
        Ok(())
    }

    /// Each lane's place, top to bottom, by its key.
    fn lanes_by_key(&self) -> HashMap<&str, usize> {
        self.lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.key.as_str(), i))
            .collect()
    }

    /// The tally's number of lane `i` (the kind's number, for lanes by kind).
    fn lane_number(&self, i: usize) -> u32 {
        match self.lanes.get(i).and_then(|l| l.kind) {
            Some(k) if self.mode == LaneMode::Kind => u32::try_from(k.index()).unwrap_or(u32::MAX),
            _ => u32::try_from(i).unwrap_or(u32::MAX),
        }
    }

    /// The lanes by kind, from the kinds' counts.
    fn kind_lanes(&mut self) {
        self.lanes = self
            .kinds
            .iter()
            .map(|(k, n)| EngineLane {
                label: k.label().to_owned(),
                kind: Some(*k),
                key: k.index().to_string(),
                count: *n,
            })
            .collect();
    }

    /// Counts the events that pass filters the day counts cannot answer, in one
    /// reading of the table: starts and ends by lane and day, middles, longest spans
    /// ([`Tally`]). Every view's counts, the lanes and the overview are then answered
    /// from them.
    fn count_once(&mut self) -> Result<(), DataError> {
        let sql = format!(
            "SELECT kind, exact, start_day, end_day, mid, COUNT(*), MAX(end_day - start_day) FROM \
             (SELECT kind, exact, start_day, end_day, CAST(start_day AS BIGINT) + end_day + 1 AS mid \
              FROM events WHERE {}) \
             GROUP BY GROUPING SETS ((kind, exact, start_day), (kind, exact, end_day), (mid))",
            self.predicate
        );
        let batches = self.run_spread(&sql, &Cancel::new())?;
        let mut tally = TallyBuilder::default();
        for b in &batches {
            let kind = prim::<Int8Type>(b, 0)?;
            let exact = bools(b, 1)?;
            let start = prim::<Int32Type>(b, 2)?;
            let end = prim::<Int32Type>(b, 3)?;
            let mid = prim::<Int64Type>(b, 4)?;
            let n = prim::<Int64Type>(b, 5)?;
            let span = prim::<Int32Type>(b, 6)?;
            for i in 0..b.num_rows() {
                let count = u64::try_from(n.value(i)).unwrap_or(0);
                if mid.is_valid(i) {
                    tally.mid(mid.value(i), count);
                } else if kind.is_valid(i) && exact.is_valid(i) {
                    let key = (lane_of_kind(kind.value(i)), exact.value(i));
                    if start.is_valid(i) {
                        tally.start(key, start.value(i), count, span.value(i));
                    } else if end.is_valid(i) {
                        tally.end(key, end.value(i), count);
                    }
                }
            }
        }
        let tally = tally.finish();
        self.max_span = tally.longest.values().copied().max().unwrap_or(0).max(0);
        self.kinds = EventKind::ALL
            .iter()
            .filter_map(|k| {
                let n = tally.count(u32::try_from(k.index()).ok()?);
                (n > 0).then(|| (*k, usize::try_from(n).unwrap_or(usize::MAX)))
            })
            .collect();
        self.kind_lanes();
        self.tally = Some(tally);
        Ok(())
    }

    /// Reads the day counts beside the table, under the filters (kinds and statuses),
    /// into a [`Tally`]: a view's counts are then answered in memory, not asked.
    fn read_counts(&mut self) -> Result<(), DataError> {
        let sql = format!(
            "SELECT kind, exact, day, SUM(starts), SUM(ends), SUM(mids), SUM(half_mids) \
             FROM counts WHERE {} GROUP BY kind, exact, day",
            self.predicate
        );
        let batches = self.run(&sql, &Cancel::new())?;
        let mut tally = TallyBuilder::default();
        let mut mids: HashMap<i64, u64> = HashMap::new();
        for b in &batches {
            let kind = prim::<Int8Type>(b, 0)?;
            let exact = bools(b, 1)?;
            let day = prim::<Int32Type>(b, 2)?;
            let count = |j: usize| prim::<Int64Type>(b, j);
            let (starts, ends, whole, half) = (count(3)?, count(4)?, count(5)?, count(6)?);
            let n =
                |a: &PrimitiveArray<Int64Type>, i: usize| u64::try_from(a.value(i)).unwrap_or(0);
            for i in 0..b.num_rows() {
                let (key, d) = ((lane_of_kind(kind.value(i)), exact.value(i)), day.value(i));
                if n(&starts, i) > 0 {
                    tally.start(key, d, n(&starts, i), 0);
                }
                if n(&ends, i) > 0 {
                    tally.end(key, d, n(&ends, i));
                }
                for (m, a) in [(0, &whole), (1, &half)] {
                    if n(a, i) > 0 {
                        *mids.entry(i64::from(d) * 2 + m).or_default() += n(a, i);
                    }
                }
            }
        }
        for (mid, n) in mids {
            tally.mid(mid, n);
        }
        self.tally = Some(tally.finish());
        Ok(())
    }

    /// The lanes and the longest span, asked once.
    fn survey(&mut self) -> Result<(), DataError> {
        let sql = format!(
            "SELECT kind, COUNT(*) AS n, MAX(end_day - start_day) AS span FROM events WHERE {} GROUP BY kind",
            self.predicate
        );
        let batches = self.run(&sql, &Cancel::new())?;
        let mut counts: HashMap<i8, (usize, i32)> = HashMap::new();
        for b in &batches {
            let kind = prim::<Int8Type>(b, 0)?;
            let n = prim::<Int64Type>(b, 1)?;
            let span = prim::<Int32Type>(b, 2)?;
            for i in 0..b.num_rows() {
                counts.insert(
                    kind.value(i),
                    (usize::try_from(n.value(i)).unwrap_or(0), span.value(i)),
                );
            }
        }
        self.max_span = counts.values().map(|c| c.1).max().unwrap_or(0).max(0);
        self.kinds = EventKind::ALL
            .iter()
            .filter_map(|k| {
                let (n, _) = *counts.get(&i8::try_from(k.index()).ok()?)?;
                (n > 0).then_some((*k, n))
            })
            .collect();
        self.kind_lanes();
        Ok(())
    }

    /// The first and last day of the events that pass the filters, and how many
    /// events have each middle (as twice the middle day: start + end + 1), for the
    /// overview: from the tally read on opening, or asked of the events of a table
    /// without day counts.
    pub fn overview(&self) -> Result<Overview, DataError> {
        if let Some(tally) = &self.tally {
            return Ok((tally.span, tally.mids.clone()));
        }
        let p = &self.predicate;
        let cancel = Cancel::new();
        // Only a table without day counts beside it, and with filters they could
        // answer, has no tally (`open`): its events answer.
        let span_sql = format!("SELECT MIN(start_day), MAX(end_day) FROM events WHERE {p}");
        let mids_sql = format!(
            "SELECT CAST(start_day AS BIGINT) + end_day + 1, COUNT(*) FROM events WHERE {p} GROUP BY 1"
        );
        let mut answers = self
            .run_together(&[&span_sql, &mids_sql], &cancel, None, QUERY_DEADLINE)?
            .into_iter();
        let (span, mids_answer) = (
            answers.next().unwrap_or_default(),
            answers.next().unwrap_or_default(),
        );
        let span = span.iter().find(|b| b.num_rows() > 0).and_then(|b| {
            let a = prim::<Int32Type>(b, 0).ok()?;
            let z = prim::<Int32Type>(b, 1).ok()?;
            (a.is_valid(0) && z.is_valid(0)).then(|| (a.value(0), z.value(0)))
        });
        let mut mids = Vec::new();
        for b in &mids_answer {
            let m = prim::<Int64Type>(b, 0)?;
            let n = prim::<Int64Type>(b, 1)?;
            for i in 0..b.num_rows() {
                mids.push((m.value(i), u64::try_from(n.value(i)).unwrap_or(0)));
            }
        }
        Ok((span, mids))
    }

    /// How many events of each kind and of each status the whole table holds, whatever
    /// the filters (what the Kind and Status menus count, as a dataset's do): from the
    /// day counts; `None` for a table without them.
    pub fn whole_counts(&self) -> Result<Option<WholeCounts>, DataError> {
        if !self.has_counts {
            return Ok(None);
        }
        let answers = self.run_together(
            &[
                "SELECT kind, CAST(SUM(starts) AS BIGINT) FROM counts GROUP BY kind",
                "SELECT status, CAST(SUM(starts) AS BIGINT) FROM counts GROUP BY status",
            ],
            &Cancel::new(),
            None,
            QUERY_DEADLINE,
        )?;
        let mut counts = WholeCounts::default();
        for (i, batches) in answers.iter().enumerate() {
            for b in batches {
                let (key, n) = (prim::<Int8Type>(b, 0)?, prim::<Int64Type>(b, 1)?);
                for r in 0..b.num_rows() {
                    let slot = usize::try_from(key.value(r)).ok().and_then(|k| match i {
                        0 => counts.kinds.get_mut(k),
                        _ => counts.statuses.get_mut(k),
                    });
                    if let Some(slot) = slot {
                        *slot = usize::try_from(n.value(r)).unwrap_or(0);
                    }
                }
            }
        }
        Ok(Some(counts))
    }

    /// Whether the spans are answered by those written beside the table, without
    /// reading its events ([`EngineData::spans`]).
    pub fn spans_kept(&self) -> bool {
        self.spans_answer
    }

    /// Whether the disputed share is answered by the day counts, without reading the
    /// events ([`EngineData::disputed_mids`]).
    pub fn disputed_kept(&self) -> bool {
        self.disputed_answer
    }

    /// What was found wrong on opening and worked around: companion files (day counts,
    /// relations, spans) not tied to the events, ignored.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The distinct spans of the events that pass the filters — first day, and the day
    /// after the last — with how many events have each: what the compressed axis is
    /// laid out from ([`crate::timeline::axis::TimeAxis::build_weighted`]).
    pub fn spans(&self) -> Result<Vec<(i32, i32, u64)>, DataError> {
        let p = &self.predicate;
        let sql = if self.spans_answer {
            format!(
                "SELECT start_day, end_day, CAST(SUM(events) AS BIGINT) FROM spans WHERE {p} \
                 GROUP BY 1, 2"
            )
        } else {
            format!("SELECT start_day, end_day, COUNT(*) FROM events WHERE {p} GROUP BY 1, 2")
        };
        let mut spans = Vec::new();
        for b in &self.run(&sql, &Cancel::new())? {
            let (a, z) = (prim::<Int32Type>(b, 0)?, prim::<Int32Type>(b, 1)?);
            let n = prim::<Int64Type>(b, 2)?;
            for i in 0..b.num_rows() {
                spans.push((
                    a.value(i),
                    z.value(i).saturating_add(1),
                    u64::try_from(n.value(i)).unwrap_or(0),
                ));
            }
        }
        Ok(spans)
    }

    /// How many of the events that pass the filters and take part in a relation have
    /// each middle (twice the middle day, as [`EngineData::overview`]): the overview's
    /// disputed share. None without relations.
    pub fn disputed_mids(&self) -> Result<Vec<(i64, u64)>, DataError> {
        if !self.has_relations {
            return Ok(Vec::new());
        }
        let p = &self.predicate;
        let mut mids = Vec::new();
        if self.disputed_answer {
            let sql = format!(
                "SELECT CAST(day AS BIGINT), CAST(SUM(disputed_mids) AS BIGINT), \
                 CAST(SUM(disputed_half_mids) AS BIGINT) FROM counts WHERE {p} GROUP BY day"
            );
            for b in &self.run(&sql, &Cancel::new())? {
                let day = prim::<Int64Type>(b, 0)?;
                let (whole, half) = (prim::<Int64Type>(b, 1)?, prim::<Int64Type>(b, 2)?);
                for i in 0..b.num_rows() {
                    for (m, n) in [(0, whole.value(i)), (1, half.value(i))] {
                        if n > 0 {
                            mids.push((day.value(i) * 2 + m, n.unsigned_abs()));
                        }
                    }
                }
            }
            return Ok(mids);
        }
        let sql = format!(
            "SELECT CAST(start_day AS BIGINT) + end_day + 1, COUNT(*) FROM events WHERE {p} \
             AND row IN (SELECT from_row FROM relations UNION SELECT to_row FROM relations) GROUP BY 1"
        );
        for b in &self.run(&sql, &Cancel::new())? {
            let m = prim::<Int64Type>(b, 0)?;
            let n = prim::<Int64Type>(b, 1)?;
            for i in 0..b.num_rows() {
                mids.push((m.value(i), u64::try_from(n.value(i)).unwrap_or(0)));
            }
        }
        Ok(mids)
    }

    /// Starts and ends per day in `[lo, hi)` and who is under way at `lo`, asked of
    /// the events.
    fn ask_counts(&self, lo: i32, hi: i32, cancel: &Cancel) -> Result<AskedCounts, DataError> {
        let back = lo.saturating_sub(self.max_span);
        let p = &self.predicate;
        // Starts and ends per day in the columns' range, and who is under way at its
        // start: every count of every column follows from these three, asked at once.
        // (As one UNION ALL they would be one question, but Ballista 55 never answers
        // it and stops answering anything after.) Asked only of a table without day
        // counts beside it: the others' counts are in the tally.
        let questions = [
            format!(
                "SELECT kind, exact, start_day, COUNT(*) FROM events \
                 WHERE start_day >= {lo} AND start_day < {hi} AND {p} GROUP BY kind, exact, start_day"
            ),
            format!(
                "SELECT kind, exact, end_day, COUNT(*) FROM events \
                 WHERE end_day >= {lo} AND end_day < {hi} AND start_day < {hi} AND start_day >= {back} AND {p} \
                 GROUP BY kind, exact, end_day"
            ),
            format!(
                "SELECT kind, exact, CAST({lo} AS INT), COUNT(*) FROM events \
                 WHERE start_day < {lo} AND start_day >= {back} AND end_day >= {lo} AND {p} GROUP BY kind, exact"
            ),
        ];
        let answers = self.run_together(
            &questions.each_ref().map(String::as_str),
            cancel,
            None,
            QUERY_DEADLINE,
        )?;
        let mut by_day_pairs: HashMap<Key, Vec<(i32, u64)>> = HashMap::new();
        let mut ends_pairs: HashMap<Key, Vec<(i32, u64)>> = HashMap::new();
        let mut alive_at: HashMap<Key, u64> = HashMap::new();
        for (part, batches) in answers.iter().enumerate() {
            for b in batches {
                let kind = prim::<Int8Type>(b, 0)?;
                let exact = bools(b, 1)?;
                let day = prim::<Int32Type>(b, 2)?;
                let n = prim::<Int64Type>(b, 3)?;
                for i in 0..b.num_rows() {
                    let key = (lane_of_kind(kind.value(i)), exact.value(i));
                    let n = u64::try_from(n.value(i)).unwrap_or(0);
                    match part {
                        0 => by_day_pairs.entry(key).or_default().push((day.value(i), n)),
                        1 => ends_pairs.entry(key).or_default().push((day.value(i), n)),
                        _ => *alive_at.entry(key).or_default() += n,
                    }
                }
            }
        }
        let by_day = |m: HashMap<Key, Vec<(i32, u64)>>| -> HashMap<Key, ByDay> {
            m.into_iter().map(|(k, v)| (k, ByDay::from(v))).collect()
        };
        Ok(AskedCounts {
            starts: by_day(by_day_pairs),
            ends: by_day(ends_pairs),
            alive: alive_at,
        })
    }

    /// The rows on screen of the lanes that want them (`want`: the keys of those whose
    /// exact-day and whose uncertain rows are few enough to draw), put in their lanes in
    /// time order; with each row's name.
    fn view_rows(
        &self,
        (d0, d1): (i32, i32),
        (want_exact, want_uncertain): (&[&str], &[&str]),
        lanes: &mut [LaneView],
        cancel: &Cancel,
    ) -> Result<HashMap<EventIdx, RowName>, DataError> {
        let p = &self.predicate;
        let mut names = HashMap::new();
        if !want_exact.is_empty() || !want_uncertain.is_empty() {
            let back0 = d0.saturating_sub(self.max_span);
            // Whether each row takes part in a relation, as text ("" for no).
            let (linked, join) = if self.has_relations {
                (
                    "CASE WHEN linked_row IS NULL THEN '' ELSE 'linked' END",
                    "LEFT JOIN (SELECT from_row AS linked_row FROM relations UNION \
                 SELECT to_row FROM relations) ON linked_row = row",
                )
            } else {
                ("''", "")
            };
            // The lanes asked for: kinds by number, actors and groups by key, each row
            // with its own keys to be put in each of its lanes.
            let (in_lanes, keys) = match &self.lane_sql {
                None => {
                    let list = |v: &[&str]| {
                        if v.is_empty() {
                            "-1".to_owned()
                        } else {
                            v.join(", ")
                        }
                    };
                    (
                        format!(
                            "((exact AND kind IN ({})) OR (NOT exact AND kind IN ({})))",
                            list(want_exact),
                            list(want_uncertain)
                        ),
                        // A row's lane is its kind's, read from its kind.
                        String::new(),
                    )
                }
                Some(lane_keys) => {
                    let side = |exact: &str, v: &[&str]| {
                        if v.is_empty() {
                            "FALSE".to_owned()
                        } else {
                            let keys: Vec<String> = v.iter().map(|k| quoted(k)).collect();
                            format!("({exact} AND {})", lane_keys.in_any(&keys.join(", ")))
                        }
                    };
                    (
                        format!(
                            "({} OR {})",
                            side("exact", want_exact),
                            side("NOT exact", want_uncertain)
                        ),
                        format!(", {} AS lane_keys", lane_keys.selected()),
                    )
                }
            };
            let sql = format!(
                "SELECT row, start_day, end_day, exact, kind, status, quote_count, title, id, \
             CAST(lat AS VARCHAR), CAST(lon AS VARCHAR), {linked}{keys} FROM events {join} \
             WHERE start_day <= {d1} AND start_day >= {back0} AND end_day >= {d0} \
             AND {in_lanes} AND {p}"
            );
            let by_key = self.lanes_by_key();
            for b in &self.run(&sql, cancel)? {
                let columns = RowColumns::of(b, 0, 5)?;
                for i in 0..b.num_rows() {
                    let Some((mut r, mut texts)) = columns.get(i) else {
                        continue;
                    };
                    r.linked = texts.pop().is_some_and(|t| !t.is_empty());
                    let name = row_name(texts);
                    let keys = match &self.lane_sql {
                        None => vec![r.kind.index().to_string()],
                        Some(LaneKeys::One(_)) => vec![strings(b, 12)?.value(i).to_owned()],
                        Some(LaneKeys::List(_)) => self::texts(b, 12, i)?,
                    };
                    for key in keys {
                        let Some(lane) = by_key.get(key.as_str()).and_then(|&l| lanes.get_mut(l))
                        else {
                            continue;
                        };
                        let into = if r.exact {
                            &mut lane.exact_rows
                        } else {
                            &mut lane.uncertain_rows
                        };
                        if let Some(v) = into {
                            v.push(r);
                            names.insert(r.event, name.clone());
                        }
                    }
                }
            }
            for lane in lanes.iter_mut() {
                for v in [&mut lane.exact_rows, &mut lane.uncertain_rows]
                    .into_iter()
                    .flatten()
                {
                    v.sort_unstable_by_key(|r| (r.start, r.end, r.event));
                }
            }
        }
        Ok(names)
    }

    /// What is open, and where.
    pub fn describe(&self) -> String {
        match &self.engine {
            Engine::Embedded => format!("{} (DataFusion on this machine)", self.what),
            Engine::Cluster(url) => format!("{} (Ballista at {url})", self.what),
        }
    }

    /// Runs `sql`, giving up when `cancel` is set.
    fn run(&self, sql: &str, cancel: &Cancel) -> Result<Vec<RecordBatch>, DataError> {
        let mut answers = self.run_together(&[sql], cancel, None, QUERY_DEADLINE)?;
        Ok(answers.pop().unwrap_or_default())
    }

    /// Runs `sql`, which reads the whole table (a search), spread over
    /// [`SPREAD_PARTITIONS`] partitions on a cluster, whose questions otherwise take one.
    fn run_spread(&self, sql: &str, cancel: &Cancel) -> Result<Vec<RecordBatch>, DataError> {
        let partitions = matches!(self.engine, Engine::Cluster(_)).then_some(SPREAD_PARTITIONS);
        let mut answers = self.run_together(&[sql], cancel, partitions, SCAN_DEADLINE)?;
        Ok(answers.pop().unwrap_or_default())
    }

    /// Runs the queries of `sqls` at once (a cluster plans and runs them side by side:
    /// one round trip's wait, not one each), their answers in the same order, over
    /// `partitions` if given; gives up on all when `cancel` is set or one fails.
    fn run_together(
        &self,
        sqls: &[&str],
        cancel: &Cancel,
        partitions: Option<usize>,
        limit: Duration,
    ) -> Result<Vec<Vec<RecordBatch>>, DataError> {
        cancel.check()?;
        let ctx = &self.ctx;
        let engine = &self.engine;
        self.rt.block_on(async {
            let query = futures::future::try_join_all(sqls.iter().map(|sql| async move {
                let df = match partitions {
                    None => ctx.sql(sql).await,
                    Some(n) => {
                        let mut state = ctx.state();
                        state.config_mut().options_mut().execution.target_partitions = n;
                        match state.create_logical_plan(sql).await {
                            Ok(plan) => Ok(datafusion::dataframe::DataFrame::new(state, plan)),
                            Err(e) => Err(e),
                        }
                    }
                }
                .map_err(|e| unavailable(engine, &e))?;
                df.collect().await.map_err(|e| unavailable(engine, &e))
            }));
            let watch = async {
                loop {
                    if cancel.is_cancelled() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            };
            let deadline = tokio::time::sleep(limit);
            tokio::select! {
                answer = query => answer,
                () = watch => Err(DataError::Cancelled),
                () = deadline => Err(match engine {
                    Engine::Embedded => DataError::Unavailable(format!(
                        "the query took over {} s", limit.as_secs()
                    )),
                    Engine::Cluster(url) => DataError::Unavailable(format!(
                        "the Ballista cluster at {url} did not answer within {} s: are its executors running, and not hung? (their logs say)",
                        limit.as_secs()
                    )),
                }),
            }
        })
    }
}

fn unavailable(engine: &Engine, e: &dyn std::fmt::Display) -> DataError {
    match engine {
        Engine::Embedded => engine_error(e),
        Engine::Cluster(url) => {
            DataError::Unavailable(super::open_error::in_words(url, &e.to_string()))
        }
    }
}

async fn connect(url: &str) -> Result<SessionContext, OpenError> {
    use ballista::prelude::{SessionConfigExt as _, SessionContextExt as _};
    // The client reads footers to plan: it reaches object storage as DataFusion here
    // does.
    let runtime = super::store::runtime_env().map_err(|e| OpenError::Engine(e.to_string()))?;
    let state = datafusion::execution::SessionStateBuilder::new()
        .with_config(SessionConfig::new_with_ballista())
        .with_runtime_env(runtime)
        .with_default_features()
        .build();
    // A scheduler that is not there refuses at once; one that hangs is given 10 s.
    let attempt = SessionContext::remote_with_state(url, state);
    match tokio::time::timeout(Duration::from_secs(10), attempt).await {
        Ok(Ok(ctx)) => {
            // One partition a question: a view's questions read a few row groups, and
            // each partition more is more tasks and a shuffle between stages. With two
            // executors on loopback the pans' 95th percentile went from 380 to 170 ms
            // (BENCHMARKS.md, *The query engine*); a search of every title is slower.
            ctx.sql("SET datafusion.execution.target_partitions = 1")
                .await
                .map_err(|e| {
                    OpenError::Cluster(format!(
                        "the Ballista session at {url} refused a setting: {e}"
                    ))
                })?;
            Ok(ctx)
        }
        Ok(Err(e)) => Err(OpenError::Cluster(super::open_error::in_words(
            url,
            &e.to_string(),
        ))),
        Err(_) => Err(OpenError::Cluster(format!(
            "the Ballista scheduler at {url} did not answer within 10 s"
        ))),
    }
}

/// A view's counts as asked: starts and ends per day of its range, and who is under
/// way at its first day.
struct AskedCounts {
    starts: HashMap<Key, ByDay>,
    ends: HashMap<Key, ByDay>,
    alive: HashMap<Key, u64>,
}

/// The counts of a lane with none.
static NO_COUNTS: ByDay = ByDay::EMPTY;

/// Where a view's counts come from.
enum ViewCounts<'a> {
    /// Asked of the engine for this view.
    Asked(&'a AskedCounts),
    /// Counted once on opening, for the whole table.
    Tallied(&'a Tally),
}

impl ViewCounts<'_> {
    fn starts(&self, key: Key) -> &ByDay {
        match self {
            Self::Asked(a) => a.starts.get(&key),
            Self::Tallied(t) => t.starts.get(&key),
        }
        .unwrap_or(&NO_COUNTS)
    }

    fn ends(&self, key: Key) -> &ByDay {
        match self {
            Self::Asked(a) => a.ends.get(&key),
            Self::Tallied(t) => t.ends.get(&key),
        }
        .unwrap_or(&NO_COUNTS)
    }

    /// Under way at the start of `lo`, the first day of the asked range.
    fn alive(&self, key: Key, lo: i32) -> u64 {
        match self {
            Self::Asked(a) => a.alive.get(&key).copied().unwrap_or(0),
            Self::Tallied(t) => t.under_way(key, lo),
        }
    }
}

/// Column `i` of an answer cast to `to` (a table written by another tool may hold
/// other widths, string views…); an error, never a panic, when it cannot be.
fn column(b: &RecordBatch, i: usize, to: &DataType) -> Result<ArrayRef, DataError> {
    let column = b
        .columns()
        .get(i)
        .ok_or_else(|| DataError::Unavailable(format!("an answer lacks column {i}")))?;
    datafusion::arrow::compute::cast(column, to).map_err(|e| {
        DataError::Unavailable(format!("a column of the table has the wrong type: {e}"))
    })
}

fn wrong_type() -> DataError {
    DataError::Unavailable("a column of the table has the wrong type".to_owned())
}

/// Column `i` as numbers of type `T` (see [`column`]).
fn prim<T: ArrowPrimitiveType>(b: &RecordBatch, i: usize) -> Result<PrimitiveArray<T>, DataError> {
    column(b, i, &T::DATA_TYPE)?
        .as_primitive_opt::<T>()
        .cloned()
        .ok_or_else(wrong_type)
}

/// Column `i` as booleans (see [`column`]).
fn bools(b: &RecordBatch, i: usize) -> Result<BooleanArray, DataError> {
    column(b, i, &DataType::Boolean)?
        .as_boolean_opt()
        .cloned()
        .ok_or_else(wrong_type)
}

/// Column `i` as text (see [`column`]).
fn strings(b: &RecordBatch, i: usize) -> Result<StringArray, DataError> {
    column(b, i, &DataType::Utf8)?
        .as_string_opt::<i32>()
        .cloned()
        .ok_or_else(wrong_type)
}

/// Column `i` as lists of text (see [`column`]): row `r`'s items.
fn texts(b: &RecordBatch, i: usize, r: usize) -> Result<Vec<String>, DataError> {
    let list = DataType::List(std::sync::Arc::new(Field::new(
        "item",
        DataType::Utf8,
        true,
    )));
    let column = column(b, i, &list)?;
    let lists = column.as_list_opt::<i32>().ok_or_else(wrong_type)?;
    if r >= lists.len() || lists.is_null(r) {
        return Ok(Vec::new());
    }
    let items = lists.value(r);
    let items = items.as_string_opt::<i32>().ok_or_else(wrong_type)?;
    Ok((0..items.len())
        .filter(|&k| items.is_valid(k))
        .map(|k| items.value(k).to_owned())
        .collect())
}

/// The columns `row, start_day, end_day, exact, kind, status, quote_count` of a batch
/// from column `first` on, then `texts` text columns.
struct RowColumns {
    row: PrimitiveArray<UInt32Type>,
    start: PrimitiveArray<Int32Type>,
    end: PrimitiveArray<Int32Type>,
    exact: BooleanArray,
    kind: PrimitiveArray<Int8Type>,
    status: PrimitiveArray<Int8Type>,
    quotes: PrimitiveArray<Int32Type>,
    texts: Vec<StringArray>,
}

impl RowColumns {
    fn of(b: &RecordBatch, first: usize, texts: usize) -> Result<Self, DataError> {
        Ok(Self {
            row: prim::<UInt32Type>(b, first)?,
            start: prim::<Int32Type>(b, first + 1)?,
            end: prim::<Int32Type>(b, first + 2)?,
            exact: bools(b, first + 3)?,
            kind: prim::<Int8Type>(b, first + 4)?,
            status: prim::<Int8Type>(b, first + 5)?,
            quotes: prim::<Int32Type>(b, first + 6)?,
            texts: (0..texts)
                .map(|t| strings(b, first + 7 + t))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Row `i` with its texts; `None` for a kind this build does not know.
    fn get(&self, i: usize) -> Option<(Row, Vec<String>)> {
        let kind = EventKind::ALL.get(usize::try_from(self.kind.value(i)).ok()?)?;
        let r = Row {
            event: self.row.value(i),
            start: self.start.value(i),
            end: self.end.value(i),
            exact: self.exact.value(i),
            kind: *kind,
            status: Status::ALL
                .get(usize::try_from(self.status.value(i)).unwrap_or(0))
                .copied()
                .unwrap_or(Status::Reported),
            unsourced: self.quotes.is_valid(i) && self.quotes.value(i) == 0,
            linked: false,
        };
        let texts = self
            .texts
            .iter()
            .map(|c| {
                if c.is_valid(i) {
                    c.value(i).to_owned()
                } else {
                    String::new()
                }
            })
            .collect();
        Some((r, texts))
    }

    /// Row `i` as the lists show it, from its texts `title, date`.
    /// Row `i` of an answer whose texts are `title, date[, links]`.
    fn list_row(&self, i: usize) -> Option<ListRow> {
        let (row, texts) = self.get(i)?;
        let mut texts = texts.into_iter();
        let title = texts.next().unwrap_or_default();
        let date = texts.next().unwrap_or_default();
        let links = texts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        Some(ListRow {
            row,
            // The date as written (`2017-07`), shown as the list shows dates.
            date: FuzzyDate::parse(&date).map_or(date, |d| d.display().to_string()),
            title,
            quotes: usize::try_from(self.quotes.value(i).max(0)).unwrap_or(0),
            links,
        })
    }
}

/// The rows of answers to `SELECT row, start_day, end_day, exact, kind, status,
/// quote_count[, title]`, with their titles when asked for.
fn read_rows(batches: &[RecordBatch], texts: usize) -> Result<Vec<(Row, Vec<String>)>, DataError> {
    let mut out = Vec::new();
    for b in batches {
        let columns = RowColumns::of(b, 0, texts)?;
        out.extend((0..b.num_rows()).filter_map(|i| columns.get(i)));
    }
    Ok(out)
}

/// An event's name from its `title, id, lat, lon` texts (the coordinates as text: a
/// missing or unreadable one is no place).
fn row_name(texts: Vec<String>) -> RowName {
    let mut t = texts.into_iter();
    let (title, id) = (t.next().unwrap_or_default(), t.next().unwrap_or_default());
    let number = |s: Option<String>| s.and_then(|s| s.parse::<f64>().ok());
    let coordinates = number(t.next())
        .zip(number(t.next()))
        .and_then(|(lat, lon)| Coordinates::new(lat, lon).ok());
    RowName {
        id,
        title,
        coordinates,
    }
}

fn clamp32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl TimelineData for EngineData {
    fn lanes(&self) -> Result<Vec<LaneFacet>, DataError> {
        Ok(self
            .lanes
            .iter()
            .map(|l| LaneFacet {
                label: l.label.clone(),
                kind: l.kind,
                count: l.count,
            })
            .collect())
    }

    fn view(&self, q: &ViewQuery, cancel: &Cancel) -> Result<ViewAnswer, DataError> {
        let (d0, d1) = q.days;
        let lo = q
            .starts
            .iter()
            .chain(&q.overlaps)
            .map(|c| c.0)
            .chain([d0])
            .min()
            .unwrap_or(d0);
        let hi = q
            .starts
            .iter()
            .chain(&q.overlaps)
            .map(|c| c.1)
            .chain([d1.saturating_add(1)])
            .max()
            .unwrap_or(d1);
        let asked;
        let counts = if let Some(tally) = &self.tally {
            ViewCounts::Tallied(tally)
        } else {
            asked = self.ask_counts(lo, hi, cancel)?;
            ViewCounts::Asked(&asked)
        };
        let mut lanes = Vec::with_capacity(self.lanes.len());
        // The lanes whose rows are wanted: by number in the tally, and by key.
        let mut want_exact: Vec<&str> = Vec::new();
        let mut want_uncertain: Vec<&str> = Vec::new();
        for (i, lane) in self.lanes.iter().enumerate() {
            let k = self.lane_number(i);
            let (es, us) = (counts.starts((k, true)), counts.starts((k, false)));
            let (ee, ue) = (counts.ends((k, true)), counts.ends((k, false)));
            let (ea, ua) = (counts.alive((k, true), lo), counts.alive((k, false), lo));
            // Under way at the start of day `f` (f ≥ lo): under way at `lo`, plus those
            // that started since, less those that ended.
            let under_way = |alive: u64, s: &ByDay, e: &ByDay, f: i32| {
                (alive + s.sum(lo, f)).saturating_sub(e.sum(lo, f))
            };
            let exact_in_view = under_way(ea, es, ee, d0) + es.sum(d0, d1.saturating_add(1));
            let uncertain_in_view = under_way(ua, us, ue, d0) + us.sum(d0, d1.saturating_add(1));
            let exact_in_view = usize::try_from(exact_in_view).unwrap_or(usize::MAX);
            let uncertain_in_view = usize::try_from(uncertain_in_view).unwrap_or(usize::MAX);
            if exact_in_view <= q.max_rows && exact_in_view > 0 {
                want_exact.push(&lane.key);
            }
            if uncertain_in_view <= q.max_uncertain_rows && uncertain_in_view > 0 {
                want_uncertain.push(&lane.key);
            }
            lanes.push(LaneView {
                label: lane.label.clone(),
                kind: lane.kind,
                exact_in_view,
                uncertain_in_view,
                starts: q
                    .starts
                    .iter()
                    .map(|&(f, t)| clamp32(es.sum(f, t)))
                    .collect(),
                overlaps: q
                    .overlaps
                    .iter()
                    .map(|&(f, t)| clamp32(under_way(ua, us, ue, f) + us.sum(f, t)))
                    .collect(),
                uncertain_starts: q
                    .starts
                    .iter()
                    .map(|&(f, t)| clamp32(us.sum(f, t)))
                    .collect(),
                exact_rows: (exact_in_view <= q.max_rows).then(Vec::new),
                uncertain_rows: (uncertain_in_view <= q.max_uncertain_rows).then(Vec::new),
            });
        }
        let names = self.view_rows((d0, d1), (&want_exact, &want_uncertain), &mut lanes, cancel)?;
        Ok(ViewAnswer { lanes, names })
    }

    fn page(&self, offset: usize, limit: usize) -> Result<Vec<ListRow>, DataError> {
        // How many relations each row takes part in, where the relations are beside it.
        let (links, join) = if self.has_relations {
            (
                "CAST(COALESCE(linked_n, 0) AS VARCHAR)",
                "LEFT JOIN (SELECT linked_row, COUNT(*) AS linked_n FROM (SELECT from_row AS \
                 linked_row FROM relations UNION ALL SELECT to_row FROM relations) GROUP BY 1) \
                 ON linked_row = row",
            )
        } else {
            ("'0'", "")
        };
        // Sought by day where the tally can tell which days hold the page (each event in
        // one lane): only the row groups of those days are read, however deep the page.
        // Else a global OFFSET.
        let sought = match (&self.tally, self.mode) {
            (Some(tally), LaneMode::Kind | LaneMode::Group) => {
                tally.seek(offset as u64, limit as u64)
            }
            _ => None,
        };
        let (days, skip) = match sought {
            Some((a, skip, z)) => (format!("start_day >= {a} AND start_day < {z} AND "), skip),
            None => (String::new(), offset as u64),
        };
        let sql = format!(
            "SELECT row, start_day, end_day, exact, kind, status, quote_count, title, date, {links} \
             FROM events {join} WHERE {days}{} ORDER BY start_day, end_day, row \
             LIMIT {limit} OFFSET {skip}",
            self.predicate
        );
        let batches = self.run(&sql, &Cancel::new())?;
        let mut rows = Vec::new();
        for b in &batches {
            let columns = RowColumns::of(b, 0, 3)?;
            rows.extend((0..b.num_rows()).filter_map(|i| columns.list_row(i)));
        }
        Ok(rows)
    }

    fn position(&self, event: EventIdx) -> Result<Option<usize>, DataError> {
        let Some(row) = self.event(event)? else {
            return Ok(None);
        };
        let (s, e, r) = (row.start_day, row.end_day, event);
        // Those before it in the list's order (start, end, row), and whether it passes.
        let before = format!(
            "SELECT COUNT(*) FROM events WHERE {} AND (start_day < {s} OR (start_day = {s} \
             AND (end_day < {e} OR (end_day = {e} AND row < {r}))))",
            self.predicate
        );
        let passes = format!(
            "SELECT COUNT(*) FROM events WHERE row = {r} AND {}",
            self.predicate
        );
        let answers =
            self.run_together(&[&before, &passes], &Cancel::new(), None, QUERY_DEADLINE)?;
        let count = |i: usize| -> Result<i64, DataError> {
            match answers
                .get(i)
                .and_then(|b| b.iter().find(|b| b.num_rows() > 0))
            {
                Some(b) => Ok(prim::<Int64Type>(b, 0)?.value(0)),
                None => Ok(0),
            }
        };
        Ok((count(1)? > 0).then(|| usize::try_from(count(0).unwrap_or(0)).unwrap_or(0)))
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<Row>, DataError> {
        let sql = format!(
            "SELECT row, start_day, end_day, exact, kind, status, quote_count FROM events \
             WHERE title ILIKE {} AND {} ORDER BY start_day, end_day, row LIMIT {limit}",
            like_pattern(text.trim()),
            self.predicate
        );
        self.rows(&sql)
    }

    fn disputes_in(&self, days: (i32, i32), limit: usize) -> Result<Vec<DisputeRow>, DataError> {
        if !self.has_relations {
            return Ok(Vec::new());
        }
        let (d0, d1) = days;
        let back = d0.saturating_sub(self.max_span);
        let p = &self.predicate;
        let columns = |t: &str| {
            [
                "row",
                "start_day",
                "end_day",
                "exact",
                "kind",
                "status",
                "quote_count",
                "title",
                "date",
            ]
            .map(|c| format!("{t}.{c}"))
            .join(", ")
        };
        // The kinds in their order as Claimline sorts them, not their names'.
        let kind_order = RelationKind::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| format!("WHEN {} THEN {i}", quoted(k.label())))
            .collect::<Vec<_>>()
            .join(" ");
        let sql = format!(
            "SELECT {}, {}, r.kind, r.question FROM relations r \
             JOIN (SELECT * FROM events WHERE start_day <= {d1} AND start_day >= {back} AND end_day >= {d0} AND {p}) b \
               ON b.row = r.to_row \
             JOIN events a ON a.row = r.from_row \
             ORDER BY b.start_day, b.end_day, b.row, a.row, CASE r.kind {kind_order} END LIMIT {limit}",
            columns("a"),
            columns("b"),
        );
        let batches = self.run(&sql, &Cancel::new())?;
        let mut rows = Vec::new();
        for b in &batches {
            let (from, to) = (RowColumns::of(b, 0, 2)?, RowColumns::of(b, 9, 2)?);
            let (kind, question) = (strings(b, 18)?, strings(b, 19)?);
            for i in 0..b.num_rows() {
                let (Some(from), Some(to)) = (from.list_row(i), to.list_row(i)) else {
                    continue;
                };
                let Some(kind) = RelationKind::ALL
                    .into_iter()
                    .find(|k| k.label() == kind.value(i))
                else {
                    continue;
                };
                rows.push(DisputeRow {
                    kind,
                    question: question.value(i).to_owned(),
                    from,
                    to,
                });
            }
        }
        rows.sort_by_key(crate::timeline::seam::memory::dispute_order);
        Ok(rows)
    }

    fn links(&self, event: EventIdx) -> Result<Vec<LinkRow>, DataError> {
        if !self.has_relations {
            return Ok(Vec::new());
        }
        let notes = if self.relation_notes {
            "r.by_editor, r.note"
        } else {
            "FALSE, ''"
        };
        let seq = if self.relation_seq { "r.seq" } else { "0" };
        let batches = self.run(
            &format!(
                "SELECT r.from_row, r.to_row, r.kind, r.question, e.title, {notes}, {seq} FROM relations r \
                 JOIN events e ON e.row = CASE WHEN r.from_row = {event} THEN r.to_row ELSE r.from_row END \
                 WHERE r.from_row = {event} OR r.to_row = {event}"
            ),
            &Cancel::new(),
        )?;
        let mut links: Vec<(i64, LinkRow)> = Vec::new();
        for b in &batches {
            let from = prim::<UInt32Type>(b, 0)?;
            let to = prim::<UInt32Type>(b, 1)?;
            let (kind, question, title) = (strings(b, 2)?, strings(b, 3)?, strings(b, 4)?);
            let (by_editor, note) = (bools(b, 5)?, strings(b, 6)?);
            let seq = prim::<Int64Type>(b, 7)?;
            for i in 0..b.num_rows() {
                let Some(kind) = RelationKind::ALL
                    .into_iter()
                    .find(|k| k.label() == kind.value(i))
                else {
                    continue;
                };
                links.push((
                    seq.value(i),
                    LinkRow {
                        kind,
                        from: from.value(i),
                        to: to.value(i),
                        other_title: title.value(i).to_owned(),
                        question: question.value(i).to_owned(),
                        by_editor: by_editor.value(i),
                        note: note.value(i).to_owned(),
                    },
                ));
            }
        }
        // The dataset's order (a table without it: by rows).
        links.sort_by_key(|(seq, l)| (*seq, l.from, l.to, l.kind));
        Ok(links.into_iter().map(|(_, l)| l).collect())
    }

    fn places(&self, q: &PlacesQuery, cancel: &Cancel) -> Result<PlacesAnswer, DataError> {
        let (d0, d1) = q.days;
        let back = d0.saturating_sub(self.max_span);
        let in_days = format!(
            "start_day <= {d1} AND start_day >= {back} AND end_day >= {d0} AND {}",
            self.predicate
        );
        let (sw, ne) = (q.area.south_west(), q.area.north_east());
        let in_area = format!(
            "{in_days} AND lat BETWEEN {} AND {} AND lon BETWEEN {} AND {}",
            sw.lat_text(),
            ne.lat_text(),
            sw.lon_text(),
            ne.lon_text()
        );
        let (cells, unplaced) = match self.place_grids.answering(q.cell, q.days) {
            // The counts hold every event's fine cell and days (or, for a grid over every
            // day, answer only days that every event overlaps): summing them answers an
            // area of whole cells (as the map asks), in which a place is exactly when its
            // cell is (`seam::grid`); another area is cut by latitude and longitude.
            Some((level, n)) if grid::aligned(q.area, q.cell) == q.area => {
                let in_days = format!(
                    "level = {level} AND start_day <= {d1} AND end_day >= {d0} AND {}",
                    self.predicate
                );
                let in_span = fine_cells(grid::cell_span(q.area, q.cell), n);
                (
                    format!(
                        "SELECT CAST(cx / {n} AS INT) AS x, CAST(cy / {n} AS INT) AS y, \
                         CAST(SUM(events) AS BIGINT) FROM places \
                         WHERE {in_days} AND {in_span} GROUP BY x, y ORDER BY x, y"
                    ),
                    format!(
                        "SELECT CAST(COALESCE(SUM(events), 0) AS BIGINT) FROM places \
                         WHERE {in_days} AND cx IS NULL"
                    ),
                )
            }
            _ => {
                // Web Mercator as `Coordinates::web_mercator` computes it, then the cell.
                let limit = crate::model::coordinates::MERCATOR_LIMIT;
                let phi = format!("radians(greatest(least(lat, {limit}), -{limit}))");
                (
                    format!(
                        "SELECT cx, cy, count(*) FROM (SELECT \
                           CAST(floor(((lon + 180.0) / 360.0) / {cell}) AS INT) AS cx, \
                           CAST(floor(((1.0 - ln(tan({phi}) + 1.0 / cos({phi})) / pi()) / 2.0) / {cell}) AS INT) AS cy \
                         FROM events WHERE {in_area}) GROUP BY cx, cy ORDER BY cx, cy",
                        cell = q.cell,
                    ),
                    format!("SELECT count(*) FROM events WHERE {in_days} AND lat IS NULL"),
                )
            }
        };
        let answers = self.run_together(&[&cells, &unplaced], cancel, None, QUERY_DEADLINE)?;
        let mut answer = PlacesAnswer::default();
        for b in answers.first().map_or(&[][..], Vec::as_slice) {
            let (x, y) = (prim::<Int32Type>(b, 0)?, prim::<Int32Type>(b, 1)?);
            let n = prim::<Int64Type>(b, 2)?;
            for i in 0..b.num_rows() {
                let count = u64::try_from(n.value(i)).unwrap_or(0);
                answer.in_area += usize::try_from(count).unwrap_or(usize::MAX);
                answer
                    .cells
                    .push(((x.value(i), y.value(i)), clamp32(count)));
            }
        }
        for b in answers.get(1).map_or(&[][..], Vec::as_slice) {
            let n = prim::<Int64Type>(b, 0)?;
            if b.num_rows() > 0 {
                answer.without_place = usize::try_from(n.value(0)).unwrap_or(0);
            }
        }
        if answer.in_area <= q.max_points {
            let sql = format!(
                "SELECT row, lat, lon, kind, status, title, id FROM events WHERE {in_area} \
                 ORDER BY start_day, end_day, row LIMIT {}",
                q.max_points
            );
            let mut points = Vec::new();
            for b in &self.run(&sql, cancel)? {
                let row = prim::<UInt32Type>(b, 0)?;
                let (lat, lon) = (prim::<Float64Type>(b, 1)?, prim::<Float64Type>(b, 2)?);
                let (kind, status) = (prim::<Int8Type>(b, 3)?, prim::<Int8Type>(b, 4)?);
                let (title, id) = (strings(b, 5)?, strings(b, 6)?);
                for i in 0..b.num_rows() {
                    let Ok(at) = Coordinates::new(lat.value(i), lon.value(i)) else {
                        continue;
                    };
                    points.push(PlacePoint {
                        event: row.value(i),
                        id: id.value(i).to_owned(),
                        at,
                        kind: kind_of(kind.value(i)),
                        status: Status::ALL
                            .get(usize::try_from(status.value(i)).unwrap_or(0))
                            .copied()
                            .unwrap_or(Status::Reported),
                        title: title.value(i).to_owned(),
                    });
                }
            }
            answer.points = Some(points);
        }
        Ok(answer)
    }

    fn has_relations(&self) -> bool {
        self.has_relations
    }

    fn can(&self, what: Ability) -> bool {
        // Nothing is loaded: every event's row is asked for when needed, never held, so
        // nothing is edited, published or stepped through; lanes are asked as SQL.
        what == Ability::LanesByActor
    }

    fn links_among(&self, events: &[EventIdx]) -> Result<Vec<ViewLink>, DataError> {
        if !self.has_relations || events.is_empty() {
            return Ok(Vec::new());
        }
        let list = events
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let seq = if self.relation_seq { "r.seq" } else { "0" };
        let end = |t: &str| format!("{t}.start_day, {t}.date, {t}.kind, {t}.title");
        let batches = self.run(
            &format!(
                "SELECT {seq}, r.from_row, r.to_row, r.kind, {}, {} FROM relations r \
                 JOIN events f ON f.row = r.from_row JOIN events t ON t.row = r.to_row \
                 WHERE r.from_row IN ({list}) OR r.to_row IN ({list})",
                end("f"),
                end("t")
            ),
            &Cancel::new(),
        )?;
        let mut found: Vec<(i64, ViewLink)> = Vec::new();
        for b in &batches {
            let seq = prim::<Int64Type>(b, 0)?;
            let (from, to) = (prim::<UInt32Type>(b, 1)?, prim::<UInt32Type>(b, 2)?);
            let kind = strings(b, 3)?;
            let ends = |at: usize, row: &PrimitiveArray<UInt32Type>| -> Result<_, DataError> {
                Ok((
                    row.clone(),
                    prim::<Int32Type>(b, at)?,
                    strings(b, at + 1)?,
                    prim::<Int8Type>(b, at + 2)?,
                    strings(b, at + 3)?,
                ))
            };
            let (f, t) = (ends(4, &from)?, ends(8, &to)?);
            let place = |e: &(
                PrimitiveArray<UInt32Type>,
                PrimitiveArray<Int32Type>,
                StringArray,
                PrimitiveArray<Int8Type>,
                StringArray,
            ),
                         i: usize| {
                let start = e.1.value(i);
                LinkEnd {
                    event: e.0.value(i),
                    start,
                    latest: FuzzyDate::parse(e.2.value(i)).map_or(start, |d| d.latest()),
                    kind: kind_of(e.3.value(i)),
                    lane: None,
                    passes: true,
                    title: e.4.value(i).to_owned(),
                }
            };
            for i in 0..b.num_rows() {
                let Some(k) = RelationKind::ALL
                    .into_iter()
                    .find(|k| k.label() == kind.value(i))
                else {
                    continue;
                };
                found.push((
                    seq.value(i),
                    ViewLink {
                        kind: k,
                        from: place(&f, i),
                        to: place(&t, i),
                    },
                ));
            }
        }
        // Which ends pass the filters, and by actor or group, the first lane of each
        // (where memory draws an end off screen).
        if (self.predicate != "TRUE" || self.lane_sql.is_some()) && !found.is_empty() {
            let rows: std::collections::BTreeSet<EventIdx> = found
                .iter()
                .flat_map(|(_, l)| [l.from.event, l.to.event])
                .collect();
            let rows = rows
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let keys = self.lane_sql.as_ref().map_or("row", LaneKeys::selected);
            let by_key = self.lanes_by_key();
            let mut passing: HashMap<EventIdx, Option<usize>> = HashMap::new();
            for b in &self.run(
                &format!(
                    "SELECT row, {keys} AS lane_keys FROM events WHERE row IN ({rows}) AND {}",
                    self.predicate
                ),
                &Cancel::new(),
            )? {
                let row = prim::<UInt32Type>(b, 0)?;
                for i in 0..b.num_rows() {
                    let keys = match &self.lane_sql {
                        None => Vec::new(),
                        Some(LaneKeys::One(_)) => vec![strings(b, 1)?.value(i).to_owned()],
                        Some(LaneKeys::List(_)) => texts(b, 1, i)?,
                    };
                    let first = keys
                        .iter()
                        .filter_map(|k| by_key.get(k.as_str()).copied())
                        .min();
                    passing.insert(row.value(i), first);
                }
            }
            for (_, l) in &mut found {
                for end in [&mut l.from, &mut l.to] {
                    end.passes = passing.contains_key(&end.event);
                    if self.lane_sql.is_some() {
                        end.lane = passing.get(&end.event).copied().flatten();
                    }
                }
            }
        }
        // Each event's relations in the dataset's order, the events in the order asked.
        found.sort_by_key(|(seq, l)| (*seq, l.from.event, l.to.event, l.kind));
        let mut links = Vec::new();
        for &e in events {
            links.extend(
                found
                    .iter()
                    .filter(|(_, l)| l.from.event == e || l.to.event == e)
                    .map(|(_, l)| l.clone()),
            );
        }
        Ok(links)
    }

    fn event_by_id(&self, id: &str) -> Result<Option<EventIdx>, DataError> {
        let batches = self.run_spread(
            &format!("SELECT row FROM events WHERE id = {} LIMIT 1", quoted(id)),
            &Cancel::new(),
        )?;
        for b in &batches {
            let rows = prim::<UInt32Type>(b, 0)?;
            if !rows.is_empty() {
                return Ok(Some(rows.value(0)));
            }
        }
        Ok(None)
    }

    fn neighbours(&self, event: EventIdx, n: usize) -> Result<Option<Neighbours>, DataError> {
        let Some(row) = self.event(event)? else {
            return Ok(None);
        };
        let (s, e, r) = (row.start_day, row.end_day, event);
        let before = format!(
            "(start_day < {s} OR (start_day = {s} AND (end_day < {e} OR (end_day = {e} AND row < {r}))))"
        );
        let after = format!(
            "(start_day > {s} OR (start_day = {s} AND (end_day > {e} OR (end_day = {e} AND row > {r}))))"
        );
        let ask = |side: &str, order: &str| {
            format!(
                "SELECT start_day, end_day FROM events WHERE {side} AND {} \
                 ORDER BY start_day {order}, end_day {order}, row {order} LIMIT {n}",
                self.predicate
            )
        };
        let answers = self.run_together(
            &[&ask(&before, "DESC"), &ask(&after, "ASC")],
            &Cancel::new(),
            None,
            QUERY_DEADLINE,
        )?;
        let mut days = Vec::new();
        for b in answers.iter().flatten() {
            let (a, z) = (prim::<Int32Type>(b, 0)?, prim::<Int32Type>(b, 1)?);
            days.extend((0..b.num_rows()).map(|i| (a.value(i), z.value(i))));
        }
        Ok(Some(((s, e), days)))
    }

    fn event(&self, event: EventIdx) -> Result<Option<EventRow>, DataError> {
        // Tables converted before the card's columns were written answer without them.
        let card = if self.present.card {
            "date_note, sources, outlets, quote_speaker_ids, quote_sources, quote_said"
        } else {
            "'', make_array(''), make_array(''), make_array(''), make_array(''), make_array('')"
        };
        let batches = self.run(
            &format!(
                "SELECT id, start_day, end_day, exact, date, \"end\", kind, status, lane, title, \
                 summary, place, url, actors, quote_speakers, quote_texts, lat, lon, {card} \
                 FROM events WHERE row = {event} LIMIT 1"
            ),
            &Cancel::new(),
        )?;
        let Some(b) = batches.iter().find(|b| b.num_rows() > 0) else {
            return Ok(None);
        };
        let text = |i: usize| -> Result<Option<String>, DataError> {
            let column = strings(b, i)?;
            Ok(column.is_valid(0).then(|| column.value(0).to_owned()))
        };
        let number = |i: usize| -> Result<Option<f64>, DataError> {
            let column = prim::<Float64Type>(b, i)?;
            Ok(column.is_valid(0).then(|| column.value(0)))
        };
        let list = |i: usize| -> Result<Vec<String>, DataError> {
            let items = texts(b, i, 0)?;
            // The stand-in of a table without the column: nothing.
            Ok(
                if items.len() == 1 && items[0].is_empty() && !self.present.card {
                    Vec::new()
                } else {
                    items
                },
            )
        };
        let kind = prim::<Int8Type>(b, 6)?.value(0);
        let status = prim::<Int8Type>(b, 7)?.value(0);
        let (speakers, words) = (texts(b, 14, 0)?, texts(b, 15, 0)?);
        let (ids, sources, said) = (list(21)?, list(22)?, list(23)?);
        let item = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        let quotes = words
            .iter()
            .enumerate()
            .map(|(i, text)| QuoteRow {
                speaker: item(&speakers, i),
                speaker_id: item(&ids, i),
                text: text.clone(),
                source: item(&sources, i),
                said: item(&said, i),
            })
            .collect();
        Ok(Some(EventRow {
            row: event,
            id: text(0)?.unwrap_or_default(),
            start_day: prim::<Int32Type>(b, 1)?.value(0),
            end_day: prim::<Int32Type>(b, 2)?.value(0),
            exact: bools(b, 3)?.value(0),
            date: text(4)?.unwrap_or_default(),
            end: text(5)?,
            kind: EventKind::ALL
                .get(usize::try_from(kind).unwrap_or(usize::MAX))
                .copied()
                .unwrap_or(EventKind::ALL[0]),
            status: Status::ALL
                .get(usize::try_from(status).unwrap_or(0))
                .copied()
                .unwrap_or(Status::Reported),
            lane: text(8)?,
            title: text(9)?.unwrap_or_default(),
            summary: text(10)?.unwrap_or_default(),
            place: text(11)?,
            url: text(12)?,
            actors: texts(b, 13, 0)?,
            quotes,
            coordinates: number(16)?.zip(number(17)?),
            date_note: text(18)?.unwrap_or_default(),
            sources: list(19)?,
            outlets: list(20)?,
        }))
    }

    fn is_instant(&self) -> bool {
        false
    }
}

impl EngineData {
    fn rows(&self, sql: &str) -> Result<Vec<Row>, DataError> {
        let batches = self.run_spread(sql, &Cancel::new())?;
        Ok(read_rows(&batches, 0)?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }
}
