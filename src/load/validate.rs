//! The rules a parsed dataset must follow, and the id lookups they produce.
//!
//! Every rule reports all its violations, each with the data path of the offending
//! value so the loader can point at its line and column. Passing validation fills
//! [`Dataset::links`](crate::model::Dataset), which the rest of the program relies on.

use hashbrown::HashMap;

use super::diagnostic::Severity;
use super::ron::locate::DataPath;
use super::ron::syntax::closest;
use crate::english::{noun, number, plural};
use crate::model::dataset::Links;
use crate::model::event_ids::EventIds;
use crate::model::{Actor, Dataset, Event, Relation, SCHEMA_VERSION, Source, Speaker, Sym};

/// A rule violation found in the data, not yet placed in the file.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// The offending value.
    pub at: DataPath,
}

/// Longest title, name or id accepted, in characters; longer ones are broken exports
/// (the rest of a text belongs in `summary`).
pub const MAX_SHORT_TEXT_CHARS: usize = 500;

/// Events without quotes listed one by one by default; the rest are counted in one
/// warning.
pub const MAX_UNQUOTED_LISTED: usize = 20;

/// Candidate lists larger than this are not searched for "did you mean" suggestions.
const MAX_SUGGESTION_CANDIDATES: usize = 2000;

struct Checker<'d> {
    ds: &'d Dataset,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn error(&mut self, at: DataPath, message: String, help: impl Into<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            message,
            help: help.into(),
            at,
        });
    }

    fn warning(&mut self, at: DataPath, message: String, help: impl Into<String>) {
        self.findings.push(Finding {
            severity: Severity::Warning,
            message,
            help: help.into(),
            at,
        });
    }

    /// Registers ids of one list, reporting empty, overlong and duplicate ones; returns
    /// each good id's position when `indexed` (references to the list are checked
    /// against it), else nothing. Ids are interned, equal exactly when their symbols
    /// are, so duplicates are found by order: none when the symbols increase (a table's
    /// sources, made in the order their text was stored), else by sorting them.
    fn unique_ids<I: Iterator<Item = Sym> + Clone>(
        &mut self,
        list: &'static str,
        what: &str,
        ids: I,
        indexed: bool,
    ) -> HashMap<Sym, u32> {
        let good = |id: Sym| {
            !id.is_empty() && {
                let text = self.ds.str(id);
                text.len() <= MAX_SHORT_TEXT_CHARS || text.chars().count() <= MAX_SHORT_TEXT_CHARS
            }
        };
        let position = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut increasing = true;
        let mut last: Option<Sym> = None;
        for id in ids.clone().filter(|&id| good(id)) {
            if last.is_some_and(|l| l >= id) {
                increasing = false;
                break;
            }
            last = Some(id);
        }
        let mut first_of: HashMap<u32, u32> = HashMap::new();
        if !increasing {
            let mut candidates: Vec<(Sym, u32)> = ids
                .clone()
                .enumerate()
                .filter(|&(_, id)| good(id))
                .map(|(i, id)| (id, position(i)))
                .collect();
            candidates.sort_unstable();
            for group in candidates.chunk_by(|a, b| a.0 == b.0) {
                if let Some(((_, first), rest)) = group.split_first() {
                    first_of.extend(rest.iter().map(|&(_, i)| (i, *first)));
                }
            }
        }
        for (i, id) in ids.clone().enumerate() {
            let at = || DataPath::item(list, i).dot("id");
            if id.is_empty() {
                self.error(
                    at(),
                    format!("{what} has an empty id"),
                    format!("give each {what} a unique id"),
                );
            } else if !good(id) {
                self.short(at, &format!("{what} id"), self.ds.str(id));
            } else if let Some(&first) = first_of.get(&position(i)) {
                self.error(
                    at(),
                    format!(
                        "duplicate {what} id \"{}\" (first used by {list}[{first}])",
                        self.ds.str(id)
                    ),
                    format!("rename one of them; ids must be unique among {list}"),
                );
            }
        }
        if !indexed {
            return HashMap::new();
        }
        let mut seen: HashMap<Sym, u32> = HashMap::with_capacity(ids.size_hint().0);
        for (i, id) in ids.enumerate() {
            if good(id) && !first_of.contains_key(&position(i)) {
                seen.insert(id, position(i));
            }
        }
        seen
    }

    /// Indexes the events by id text (unless the reader did: `indexed`), reporting
    /// empty, overlong and duplicate ids.
    fn event_ids(&mut self, indexed: Option<EventIds>) -> EventIds {
        let ds = self.ds;
        for (i, event) in ds.events.iter().enumerate() {
            let id = ds.str(event.id);
            let at = || DataPath::item("events", i).dot("id");
            if id.is_empty() {
                self.error(
                    at(),
                    "event has an empty id".to_owned(),
                    "give each event a unique id",
                );
            } else if id.len() > MAX_SHORT_TEXT_CHARS {
                self.short(at, "event id", id);
            }
        }
        let (ids, duplicates) = match indexed {
            Some(ids) => (ids, Vec::new()),
            None => EventIds::build(&ds.strings, &ds.events),
        };
        for (i, first) in duplicates {
            self.error(
                DataPath::item("events", i).dot("id"),
                format!(
                    "duplicate event id \"{}\" (first used by events[{first}])",
                    ds.str(ds.events[i].id)
                ),
                "rename one of them; ids must be unique among events",
            );
        }
        ids
    }

    /// Reports a relation's end that names no event, suggesting a close id.
    fn dangling_event(&mut self, at: DataPath, id: Sym) {
        let name = self.ds.str(id);
        let mut help = format!("add an event with id \"{name}\" to `events`, or correct the id");
        if self.ds.events.len() <= MAX_SUGGESTION_CANDIDATES {
            let candidates: Vec<&str> = self.ds.events.iter().map(|e| self.ds.str(e.id)).collect();
            if let Some(best) = closest(name, &candidates) {
                help = format!("did you mean \"{best}\"? Otherwise {help}");
            }
        }
        self.error(at, format!("unknown event \"{name}\""), help);
    }

    /// Reports a reference that names no known id.
    fn dangling(
        &mut self,
        at: DataPath,
        what: &str,
        list: &str,
        id: Sym,
        known: &HashMap<Sym, u32>,
    ) {
        let name = self.ds.str(id);
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let mut help =
            format!("add {article} {what} with id \"{name}\" to `{list}`, or correct the id");
        if known.len() <= MAX_SUGGESTION_CANDIDATES {
            let candidates: Vec<&str> = known.keys().map(|&k| self.ds.str(k)).collect();
            if let Some(best) = closest(name, &candidates) {
                help = format!("did you mean \"{best}\"? Otherwise {help}");
            }
        }
        self.error(at, format!("unknown {what} \"{name}\""), help);
    }

    /// `at` is called only when there is something to report, so that a good
    /// dataset's checks allocate nothing.
    fn not_blank(&mut self, at: impl FnOnce() -> DataPath, text: &str, message: &str, help: &str) {
        if text.trim().is_empty() {
            self.error(at(), message.to_owned(), help);
        }
    }

    /// Reports a title, name or id too long to be one.
    fn short(&mut self, at: impl FnOnce() -> DataPath, what: &str, text: &str) {
        if text.len() <= MAX_SHORT_TEXT_CHARS {
            return;
        }
        let n = text.chars().count();
        if n > MAX_SHORT_TEXT_CHARS {
            self.error(
                at(),
                format!("the {what} is {n} characters long (at most {MAX_SHORT_TEXT_CHARS})"),
                "shorten it; longer text belongs in the event's `summary` or in a quote",
            );
        }
    }
}

/// The ids an event's references must name.
pub(crate) struct References<'a> {
    /// Actor ids and their positions.
    pub actors: &'a HashMap<Sym, u32>,
    /// Source ids and their positions.
    pub sources: &'a HashMap<Sym, u32>,
    /// The reader made every actor and source the events name (a table).
    pub made: bool,
}

/// The rules of one item, shared by a whole dataset's check and an edit's.
impl Checker<'_> {
    fn actor_rules(&mut self, i: usize, actor: &Actor) {
        let ds = self.ds;
        let c = self;
        c.not_blank(
            || DataPath::item("actors", i).dot("name"),
            ds.str(actor.name),
            "the actor's name is empty",
            "write the actor's name as it should be shown",
        );
        c.short(
            || DataPath::item("actors", i).dot("name"),
            "actor's name",
            ds.str(actor.name),
        );
    }

    fn source_rules(&mut self, i: usize, source: &Source) {
        let ds = self.ds;
        let c = self;
        let at = || DataPath::item("sources", i);
        c.not_blank(
            || at().dot("outlet"),
            ds.str(source.outlet),
            "the source's outlet is empty",
            "name the outlet that published it, e.g. \"TASS\"",
        );
        c.short(
            || at().dot("outlet"),
            "source's outlet",
            ds.str(source.outlet),
        );
        if let Some(archived) = source.archived {
            let url = ds.str(archived.url);
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                c.warning(
                    at().dot("archived").dot("url"),
                    format!("the archived copy's URL \"{url}\" is not an http or https address"),
                    "Claimline opens only http:// and https:// links; fix the address or remove it",
                );
            }
        }
        if let Some(capture) = source.capture {
            let sha = ds.str(capture.sha256);
            if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                c.error(
                    at().dot("capture").dot("sha256"),
                    format!(
                        "the capture's sha256 \"{}\" is not 64 lower-case hex digits",
                        crate::english::shorten(sha, 70)
                    ),
                    "add the source again with `claimline source add`, which records the hash",
                );
            }
            let when = ds.str(capture.captured);
            if !when.is_empty() && chrono::DateTime::parse_from_rfc3339(when).is_err() {
                c.warning(
                    at().dot("capture").dot("captured"),
                    format!("the capture time \"{when}\" is not an RFC 3339 time"),
                    "write it as 2024-11-12T09:30:00Z, as WARC files do",
                );
            }
        }
        if let Some(url) = source.url {
            let url = ds.str(url);
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                c.warning(
                    at().dot("url"),
                    format!("the source's URL \"{url}\" is not an http or https address"),
                    "Claimline opens only http:// and https:// links; fix the address or remove it",
                );
            }
        }
    }

    fn event_rules(&mut self, i: usize, event: &Event, refs: &References<'_>) {
        let ds = self.ds;
        let c = self;
        let (actors, sources, references_made) = (refs.actors, refs.sources, refs.made);
        let at = || DataPath::item("events", i);
        c.not_blank(
            || at().dot("title"),
            ds.str(event.title),
            "the event's title is empty",
            "give the event a short title",
        );
        c.short(|| at().dot("title"), "event's title", ds.str(event.title));
        if let Some(end) = event.end
            && (end.latest() < event.date.latest() || end.earliest() < event.date.earliest())
        {
            c.error(
                at().dot("end"),
                format!(
                    "the event ends ({}) before it starts ({})",
                    end.display(),
                    event.date.display()
                ),
                "the end must not come before the date; swap them or fix one",
            );
        }
        let references = |list| {
            if references_made {
                &[][..]
            } else {
                ds.syms(list)
            }
        };
        for (p, &actor) in references(event.participants).iter().enumerate() {
            if !actors.contains_key(&actor) {
                c.dangling(
                    at().dot("participants").at(p),
                    "actor",
                    "actors",
                    actor,
                    actors,
                );
            }
        }
        for (k, &source) in references(event.sources).iter().enumerate() {
            if !sources.contains_key(&source) {
                c.dangling(
                    at().dot("sources").at(k),
                    "source",
                    "sources",
                    source,
                    sources,
                );
            }
        }
        let quotes = ds.quotes(event.quotes);
        for (q, quote) in quotes.iter().enumerate() {
            let qat = || at().dot("quotes").at(q);
            if !sources.contains_key(&quote.source) {
                c.dangling(
                    qat().dot("source"),
                    "source",
                    "sources",
                    quote.source,
                    sources,
                );
            }
            match quote.speaker {
                    Speaker::Actor(id) if !actors.contains_key(&id) => {
                        c.dangling(qat().dot("speaker"), "actor", "actors", id, actors);
                    }
                    Speaker::Other(name) if ds.str(name).trim().is_empty() => c.error(
                        qat().dot("speaker"),
                        "the quote's speaker is empty".to_owned(),
                        "describe who said it, e.g. Other(\"two people familiar with the matter\"), or use Outlet",
                    ),
                    _ => {}
                }
            c.not_blank(
                || qat().dot("text"),
                ds.str(quote.text),
                "the quote is empty",
                "copy the words verbatim from the source, or remove the quote",
            );
            if let Some(lang) = quote.lang.map(|l| ds.str(l))
                && !crate::model::is_language_tag(lang)
            {
                c.warning(
                    qat().dot("lang"),
                    format!("the quote's language {lang:?} is not a BCP 47 language tag"),
                    "write a tag such as `lang: \"ru\"`, or leave `lang` out when the words are in the dataset's language",
                );
            }
            if let Some(p) = quote.position {
                if p.end <= p.start {
                    c.error(
                        qat().dot("position"),
                        format!(
                            "the quote's position {}..{} is empty or backwards",
                            p.start, p.end
                        ),
                        "remove `position`, or take the quote again in the reader",
                    );
                }
                c.short(
                    || qat().dot("position").dot("prefix"),
                    "quote's prefix",
                    ds.str(p.prefix),
                );
                c.short(
                    || qat().dot("position").dot("suffix"),
                    "quote's suffix",
                    ds.str(p.suffix),
                );
            }
        }
    }

    fn relation_rules(&mut self, i: usize, relation: &Relation, events: &EventIds) {
        let ds = self.ds;
        let c = self;
        let at = || DataPath::item("relations", i);
        let from = events.get(&ds.strings, &ds.events, ds.str(relation.from));
        let to = events.get(&ds.strings, &ds.events, ds.str(relation.to));
        if from.is_none() {
            c.dangling_event(at().dot("from"), relation.from);
        }
        if to.is_none() {
            c.dangling_event(at().dot("to"), relation.to);
        }
        if from.is_some() && from == to {
            c.error(
                at().dot("to"),
                format!(
                    "the relation joins event \"{}\" to itself",
                    ds.str(relation.to)
                ),
                "a relation joins two different events",
            );
        }
        c.not_blank(
            || at().dot("question"),
            ds.str(relation.question),
            "the relation's question is empty",
            "say what is in dispute, e.g. \"Did they speak by phone on 7 November 2024?\"",
        );
    }
}

/// Checks every rule; on success (no errors) fills the dataset's lookups. At most
/// `list_unquoted` events without quotes are named one by one (imports, whose events
/// have no quotes by nature, list none); the rest are counted in one warning.
///
/// `list_unquoted` is `None` for formats that have no quotes (tables): their events are
/// unsourced by nature and not warned about.
///
/// `references_made` is true when the reader made every actor and source the events
/// name (a table): their references cannot dangle and are not looked up one by one.
///
/// `indexed` is the events' id index when the reader built it (a table, which settles
/// duplicate ids itself): it must hold every event, with no duplicates.
pub fn validate(
    ds: &mut Dataset,
    list_unquoted: Option<usize>,
    references_made: bool,
    indexed: Option<EventIds>,
) -> Vec<Finding> {
    let (findings, links) = check(ds, list_unquoted, references_made, indexed);
    if findings.iter().all(|f| f.severity != Severity::Error) {
        ds.links = links;
    }
    findings
}

/// Datasets with more events than this index their event ids on another thread while
/// the other rules are checked.
const PARALLEL_FROM_EVENTS: usize = 50_000;

/// From this many sources, a table's are indexed and checked on a thread of their own.
const PARALLEL_FROM_SOURCES: usize = 50_000;

fn check(
    ds: &Dataset,
    list_unquoted: Option<usize>,
    references_made: bool,
    indexed: Option<EventIds>,
) -> (Vec<Finding>, Links) {
    if ds.events.len() < PARALLEL_FROM_EVENTS {
        return check_with(ds, list_unquoted, references_made, || {
            let mut c = Checker {
                ds,
                findings: Vec::new(),
            };
            let ids = c.event_ids(indexed);
            (c.findings, ids)
        });
    }
    // The events' ids are checked (and indexed, unless the reader did) beside the rest.
    std::thread::scope(|scope| {
        let ids = scope.spawn(move || {
            let mut c = Checker {
                ds,
                findings: Vec::new(),
            };
            let ids = c.event_ids(indexed);
            (c.findings, ids)
        });
        check_with(ds, list_unquoted, references_made, move || {
            ids.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })
}

/// Every rule; `event_ids` hands over the events' id index and the problems with ids
/// (computed meanwhile, maybe on another thread).
fn check_with(
    ds: &Dataset,
    list_unquoted: Option<usize>,
    references_made: bool,
    event_ids: impl FnOnce() -> (Vec<Finding>, EventIds),
) -> (Vec<Finding>, Links) {
    let warn_unquoted = list_unquoted.is_some();
    let list_unquoted = list_unquoted.unwrap_or(0);
    let mut c = Checker {
        ds,
        findings: Vec::new(),
    };
    if ds.schema != SCHEMA_VERSION {
        c.error(
            DataPath::field("schema"),
            format!("unsupported schema version {}", ds.schema),
            format!("this version of Claimline reads `schema: {SCHEMA_VERSION}`"),
        );
    }
    c.not_blank(
        || DataPath::field("title"),
        ds.str(ds.title),
        "the dataset's title is empty",
        "give the dataset a title, e.g. `title: \"Trump–Putin contacts\"`",
    );
    c.short(
        || DataPath::field("author"),
        "dataset's author",
        ds.str(ds.author),
    );
    let language = ds.str(ds.language);
    if !language.is_empty() && !crate::model::is_language_tag(language) {
        c.warning(
            DataPath::field("language"),
            format!("the dataset's language {language:?} is not a BCP 47 language tag"),
            "write a tag such as `language: \"en\"`, `\"ru\"` or `\"pt-BR\"`; a published page says English meanwhile",
        );
    }

    // The actors and sources by id are kept (`Links`); the relations' are not needed.
    let actors = c.unique_ids("actors", "actor", ds.actors.iter().map(|a| a.id), true);
    for (i, actor) in ds.actors.iter().enumerate() {
        c.actor_rules(i, actor);
    }

    let (sources, id_problems_at, unquoted) = sources_and_events(
        &mut c,
        &actors,
        references_made,
        warn_unquoted.then_some(list_unquoted),
    );

    if unquoted > list_unquoted {
        let more = unquoted - list_unquoted;
        let (what, help) = if list_unquoted == 0 {
            (
                plural(more, "event"),
                "add the words from a source that report each event (`quotes: [(source: …, speaker: …, text: …)]`)",
            )
        } else {
            (
                format!("{} more {}", number(more), noun(more, "event")),
                "add quotes to them, or accept that they are unsourced",
            )
        };
        c.warning(
            DataPath::field("events"),
            format!(
                "{what} {} no quotes and will be shown as unsourced",
                noun(more, "has")
            ),
            help,
        );
    }
    if ds.events.is_empty() {
        c.warning(
            DataPath::field("events"),
            "the dataset has no events".to_owned(),
            "add events to `events: [ … ]`; a dataset without events shows an empty timeline",
        );
    }

    let (id_problems, events) = event_ids();
    c.findings
        .splice(id_problems_at..id_problems_at, id_problems);

    c.unique_ids(
        "relations",
        "relation",
        ds.relations.iter().map(|r| r.id),
        false,
    );
    for (i, relation) in ds.relations.iter().enumerate() {
        c.relation_rules(i, relation, &events);
    }

    for (i, era) in ds.eras.iter().enumerate() {
        if era.end.latest() < era.start.earliest() {
            c.error(
                DataPath::item("eras", i).dot("end"),
                format!(
                    "the era ends ({}) before it starts ({})",
                    era.end.display(),
                    era.start.display()
                ),
                "swap the start and end",
            );
        }
    }

    let links = Links {
        relation_starts: Vec::new(),
        relation_ids: Vec::new(),
        actors,
        sources,
        events,
    };
    let links = with_relation_index(ds, links);
    (c.findings, links)
}

/// The sources' ids and rules, then the events' rules (counting the events without
/// quotes, the first `list_unquoted` of them warned about one by one when it is given).
/// Returns the sources by id, where the events' id problems go among the findings, and
/// how many events have no quotes.
fn sources_and_events(
    c: &mut Checker<'_>,
    actors: &HashMap<Sym, u32>,
    references_made: bool,
    list_unquoted: Option<usize>,
) -> (HashMap<Sym, u32>, usize, usize) {
    let ds = c.ds;
    let sources_checked = |c: &mut Checker<'_>| {
        let sources = c.unique_ids("sources", "source", ds.sources.iter().map(|s| s.id), true);
        for (i, source) in ds.sources.iter().enumerate() {
            c.source_rules(i, source);
        }
        sources
    };
    // When the reader made every source the events cite (a table), the events' rules do
    // not ask the sources' index: it is built beside them (3M sources: a fifth of a
    // second), its problems put back where they belong, before the events'.
    let sources_at = c.findings.len();
    std::thread::scope(|scope| {
        let aside = (references_made && ds.sources.len() >= PARALLEL_FROM_SOURCES).then(|| {
            scope.spawn(|| {
                let mut aside = Checker {
                    ds,
                    findings: Vec::new(),
                };
                let sources = sources_checked(&mut aside);
                (sources, aside.findings)
            })
        });
        let here = match aside {
            Some(_) => HashMap::new(),
            None => sources_checked(c),
        };
        let mut id_problems_at = c.findings.len();
        let mut unquoted = 0usize;
        for (i, event) in ds.events.iter().enumerate() {
            let refs = References {
                actors,
                sources: &here,
                made: references_made,
            };
            c.event_rules(i, event, &refs);
            if let Some(list_unquoted) = list_unquoted
                && ds.quotes(event.quotes).is_empty()
            {
                unquoted += 1;
                if unquoted <= list_unquoted {
                    c.warning(
                        DataPath::item("events", i).dot("id"),
                        format!("event \"{}\" has no quotes; it will be shown as unsourced", ds.str(event.id)),
                        "add the words from a source that report it (`quotes: [(source: …, speaker: …, text: …)]`)",
                    );
                }
            }
        }
        let sources = match aside {
            Some(handle) => {
                let (sources, findings) = handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                id_problems_at += findings.len();
                c.findings.splice(sources_at..sources_at, findings);
                sources
            }
            None => here,
        };
        (sources, id_problems_at, unquoted)
    })
}

/// Groups relation indices by the events they touch (a counting sort).
fn with_relation_index(ds: &Dataset, mut links: Links) -> Links {
    let n = ds.events.len();
    let mut counts = vec![0u32; n + 1];
    if ds.relations.is_empty() {
        // Every event's slot is empty: the zeros are left as allocated (pages the
        // system maps only when written: a 10M-row table without relations).
        links.relation_starts = counts;
        links.relation_ids = Vec::new();
        return links;
    }
    let ends = |r: &Relation| -> [Option<u32>; 2] {
        [
            links.events.get(&ds.strings, &ds.events, ds.str(r.from)),
            links.events.get(&ds.strings, &ds.events, ds.str(r.to)),
        ]
    };
    for r in &ds.relations {
        for e in ends(r).into_iter().flatten() {
            counts[e as usize + 1] += 1;
        }
    }
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let mut fill = counts.clone();
    let mut ids = vec![0u32; counts[n] as usize];
    for (ri, r) in ds.relations.iter().enumerate() {
        for e in ends(r).into_iter().flatten() {
            let slot = &mut fill[e as usize];
            ids[*slot as usize] = u32::try_from(ri).unwrap_or(u32::MAX);
            *slot += 1;
        }
    }
    links.relation_starts = counts;
    links.relation_ids = ids;
    links
}

/// An item of a dataset, by list and position: what an edit changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemAt {
    /// `actors[i]`.
    Actor(usize),
    /// `sources[i]`.
    Source(usize),
    /// `events[i]`.
    Event(usize),
    /// `relations[i]`.
    Relation(usize),
}

/// The rules of one item of a dataset whose lookups are current but for that item (an
/// edit's check): the loader's rules and messages for the item, and its id's uniqueness
/// among the others. Costs what the item holds, not what the dataset holds.
pub fn check_item(ds: &Dataset, item: ItemAt) -> Vec<Finding> {
    let mut c = Checker {
        ds,
        findings: Vec::new(),
    };
    let links = &ds.links;
    match item {
        ItemAt::Actor(i) => {
            if let Some(actor) = ds.actors.get(i) {
                let others = ds.actors.iter().enumerate().filter(|&(j, _)| j != i);
                c.id_rules(
                    "actors",
                    "actor",
                    i,
                    actor.id,
                    others.map(|(j, a)| (j, a.id)),
                );
                c.actor_rules(i, actor);
            }
        }
        ItemAt::Source(i) => {
            if let Some(source) = ds.sources.get(i) {
                let others = ds.sources.iter().enumerate().filter(|&(j, _)| j != i);
                c.id_rules(
                    "sources",
                    "source",
                    i,
                    source.id,
                    others.map(|(j, s)| (j, s.id)),
                );
                c.source_rules(i, source);
            }
        }
        ItemAt::Event(i) => {
            if let Some(event) = ds.events.get(i) {
                let id = ds.str(event.id);
                let other = links
                    .events
                    .get(&ds.strings, &ds.events, id)
                    .filter(|&j| j as usize != i);
                c.id_rules(
                    "events",
                    "event",
                    i,
                    event.id,
                    other.map(|j| (j as usize, event.id)).into_iter(),
                );
                let refs = References {
                    actors: &links.actors,
                    sources: &links.sources,
                    made: false,
                };
                c.event_rules(i, event, &refs);
            }
        }
        ItemAt::Relation(i) => {
            if let Some(relation) = ds.relations.get(i) {
                let others = ds.relations.iter().enumerate().filter(|&(j, _)| j != i);
                c.id_rules(
                    "relations",
                    "relation",
                    i,
                    relation.id,
                    others.map(|(j, r)| (j, r.id)),
                );
                c.relation_rules(i, relation, &links.events);
            }
        }
    }
    c.findings
}

/// Rebuilds the lookups of actors and sources by id (after an edit changed either list;
/// they are short).
pub fn relink_actors_and_sources(ds: &mut Dataset) {
    let index = |ids: &mut dyn Iterator<Item = Sym>| -> HashMap<Sym, u32> {
        ids.enumerate()
            .map(|(i, id)| (id, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect()
    };
    ds.links.actors = index(&mut ds.actors.iter().map(|a| a.id));
    ds.links.sources = index(&mut ds.sources.iter().map(|s| s.id));
}

/// Rebuilds the lookup of events by id (when an edit's change cannot be followed).
pub fn relink_events(ds: &mut Dataset) {
    ds.links.events = EventIds::build(&ds.strings, &ds.events).0;
}

/// Rebuilds which relations each event takes part in (after an edit added, removed or
/// renamed events or relations): one pass over the relations and the events' slots.
pub fn relink_relations(ds: &mut Dataset) {
    let links = std::mem::take(&mut ds.links);
    ds.links = with_relation_index(ds, links);
}

impl Checker<'_> {
    /// An edited item's id: not empty, not too long, and (by text) not another's.
    fn id_rules(
        &mut self,
        list: &'static str,
        what: &str,
        i: usize,
        id: Sym,
        mut others: impl Iterator<Item = (usize, Sym)>,
    ) {
        let at = || DataPath::item(list, i).dot("id");
        let text = self.ds.str(id);
        if text.trim().is_empty() {
            self.error(
                at(),
                format!("{what} has an empty id"),
                format!("give each {what} a unique id"),
            );
        } else if text.chars().count() > MAX_SHORT_TEXT_CHARS {
            self.short(at, &format!("{what} id"), text);
        } else if let Some((first, _)) = others.find(|&(_, other)| self.ds.str(other) == text) {
            self.error(
                at(),
                format!("duplicate {what} id \"{text}\" (first used by {list}[{first}])"),
                format!("rename one of them; ids must be unique among {list}"),
            );
        }
    }
}
