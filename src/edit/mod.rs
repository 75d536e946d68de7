//! Editing a dataset: [`Change`]s a person makes (add an event, quote a source, link two
//! events…) become [`Edit`]s — steps that replace, insert or remove one compact record —
//! checked with the loader's own rules before they stay. A change the rules refuse
//! leaves the dataset exactly as it was and says which field is wrong and why.
//!
//! New text goes to the end of the dataset's string table and new lists to the end of
//! its shared vectors; nothing already there moves, so an edit costs what it changes and
//! undoing it restores the old records as they were. Lookups (ids to positions) are
//! rebuilt only when an edit adds, removes or renames something.

pub mod forms;
pub mod history;
pub mod suggested;

use self::forms::{ActorForm, EventForm, QuoteForm, RelationForm, SourceForm, SpeakerChoice};
use self::history::{Edit, Item, List, Step};
use crate::english::shorten;
use crate::load::diagnostic::Severity;
use crate::load::ron::locate::Seg;
use crate::load::validate::{
    ItemAt, check_item, relink_actors_and_sources, relink_events, relink_relations,
};
use crate::model::parts::{QuoteList, SymList};
use crate::model::{
    Actor, Archived, Capture, Dataset, Event, EventIdx, FuzzyDate, Quote, QuotePosition, Relation,
    Source, Speaker, Sym, Text,
};

/// Why a change was refused: which field, what is wrong, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The form's field ("date", "id", "question"…), or "" for the whole item.
    pub field: &'static str,
    /// What is wrong, in the loader's words.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Problem {
    fn new(field: &'static str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            help: help.into(),
        }
    }

    fn full() -> Self {
        Self::new(
            "",
            "the dataset holds more than 4 GiB of text",
            "save it and split it into smaller datasets",
        )
    }
}

/// Something a person does to a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Sets the title, the description and the author.
    About {
        /// The title.
        title: String,
        /// The description.
        description: String,
        /// Who compiled the dataset (may be empty).
        author: String,
    },
    /// Adds an event (no index) or replaces `events[index]`'s fields (its quotes stay).
    Event {
        /// The event to change, or `None` to add one at the end.
        index: Option<EventIdx>,
        /// Its fields.
        form: EventForm,
    },
    /// Deletes an event and every relation that names it.
    DeleteEvent(EventIdx),
    /// Adds an actor.
    AddActor(ActorForm),
    /// Adds a source (no index) or replaces `sources[index]`'s fields.
    Source {
        /// The source to change, or `None` to add one.
        index: Option<usize>,
        /// Its fields.
        form: SourceForm,
    },
    /// Adds a quote to an event.
    AddQuote {
        /// The event.
        event: EventIdx,
        /// The quote.
        quote: QuoteForm,
    },
    /// Removes `quotes[quote]` of an event.
    RemoveQuote {
        /// The event.
        event: EventIdx,
        /// Which of its quotes.
        quote: usize,
    },
    /// Adds a relation.
    AddRelation(RelationForm),
    /// Removes `relations[index]`.
    RemoveRelation(usize),
}

/// Carries out `change` on `ds`, or refuses it and leaves `ds` as it was.
pub fn apply(ds: &mut Dataset, change: &Change) -> Result<Edit, Vec<Problem>> {
    let (label, steps, checks) = plan(ds, change)?;
    let edit = Edit { label, steps };
    redo(ds, &edit);
    let problems: Vec<Problem> = checks
        .into_iter()
        .flat_map(|item| check_item(ds, item))
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let field =
                f.at.0
                    .iter()
                    .skip(2)
                    .rev()
                    .find_map(|s| match s {
                        Seg::Field(name) => Some(*name),
                        Seg::Index(_) => None,
                    })
                    .unwrap_or("");
            Problem::new(field, f.message, f.help)
        })
        .collect();
    if problems.is_empty() {
        Ok(edit)
    } else {
        undo(ds, &edit);
        Err(problems)
    }
}

/// Carries out `changes` in order as one edit called `label` (one undo takes them all
/// back), or refuses them all and leaves `ds` as it was: a later change may name what
/// an earlier one added (a quote on the event just added at the end).
pub fn apply_together(
    ds: &mut Dataset,
    label: String,
    changes: &[Change],
) -> Result<Edit, Vec<Problem>> {
    let mut done: Vec<Edit> = Vec::with_capacity(changes.len());
    for change in changes {
        match apply(ds, change) {
            Ok(edit) => done.push(edit),
            Err(problems) => {
                for edit in done.iter().rev() {
                    undo(ds, edit);
                }
                return Err(problems);
            }
        }
    }
    Ok(Edit {
        label,
        steps: done.into_iter().flat_map(|e| e.steps).collect(),
    })
}

/// Undoes an applied edit.
pub fn undo(ds: &mut Dataset, edit: &Edit) {
    let replaced: Vec<usize> = edit
        .steps
        .iter()
        .rev()
        .filter_map(|step| apply_step(ds, step.inverse()))
        .collect();
    check_relation_slots(ds, &replaced);
}

/// Applies an edit again (after an undo).
pub fn redo(ds: &mut Dataset, edit: &Edit) {
    let replaced: Vec<usize> = edit
        .steps
        .iter()
        .filter_map(|step| apply_step(ds, *step))
        .collect();
    check_relation_slots(ds, &replaced);
}

/// The positions of the events a relation joins, by their ids' text.
fn relation_ends(ds: &Dataset, r: &Relation) -> Option<[usize; 2]> {
    let from = ds.event_index_by_name(ds.str(r.from))?;
    let to = ds.event_index_by_name(ds.str(r.to))?;
    Some([from as usize, to as usize])
}

/// Relations replaced in place keep their slots when the events they join keep their
/// positions (a renamed event's relations follow its new id); checked once the whole
/// edit is done, and the index rebuilt if not.
fn check_relation_slots(ds: &mut Dataset, replaced: &[usize]) {
    let fine = replaced.iter().all(|&r| {
        let Some(relation) = ds.relations.get(r) else {
            return false;
        };
        let Ok(r32) = u32::try_from(r) else {
            return false;
        };
        relation_ends(ds, relation).is_some_and(|ends| {
            ends.iter()
                .all(|&e| ds.links.relation_slot(e).contains(&r32))
        })
    });
    if !fine {
        relink_relations(ds);
    }
}

/// Carries out one step and brings the lookups up to date with what it changed, without
/// rebuilding them: the event index follows an added, removed or renamed event without
/// hashing the others, and the relations' index moves its slots. Returns the position
/// of a relation replaced in place, whose slots are checked after the whole edit.
fn apply_step(ds: &mut Dataset, step: Step) -> Option<usize> {
    let i = step.index;
    match (step.list, step.before, step.after) {
        (List::Events, Some(_), None) => {
            let followed =
                i < ds.events.len() && ds.links.events.removing(&ds.strings, &ds.events, i);
            let slots = ds.links.event_removing(i);
            step.apply(ds);
            if !followed {
                relink_events(ds);
            }
            if !slots {
                relink_relations(ds);
            }
        }
        (List::Events, None, Some(_)) => {
            let applied = step.apply(ds);
            if !(applied && ds.links.events.inserted(&ds.strings, &ds.events, i)) {
                relink_events(ds);
            }
            if !(applied && ds.links.event_inserted(i)) {
                relink_relations(ds);
            }
        }
        (List::Events, Some(Item::Event(a)), Some(Item::Event(b))) if a.id != b.id => {
            let old = ds.str(a.id).to_owned();
            step.apply(ds);
            if !ds.links.events.renamed(&ds.strings, &ds.events, i, &old) {
                relink_events(ds);
            }
        }
        (List::Events | List::About, ..) => {
            step.apply(ds);
        }
        (List::Actors | List::Sources, ..) => {
            step.apply(ds);
            relink_actors_and_sources(ds);
        }
        (List::Relations, None, Some(Item::Relation(r))) => {
            let applied = step.apply(ds);
            let followed = applied
                && relation_ends(ds, &r).is_some_and(|ends| ds.links.relation_inserted(i, ends));
            if !followed {
                relink_relations(ds);
            }
        }
        (List::Relations, Some(Item::Relation(r)), None) => {
            let followed =
                relation_ends(ds, &r).is_some_and(|ends| ds.links.relation_removing(i, ends));
            step.apply(ds);
            if !followed {
                relink_relations(ds);
            }
        }
        (List::Relations, ..) => {
            step.apply(ds);
            return Some(i);
        }
    }
    None
}

type Plan = (String, Vec<Step>, Vec<ItemAt>);

fn plan(ds: &mut Dataset, change: &Change) -> Result<Plan, Vec<Problem>> {
    match change {
        Change::About {
            title,
            description,
            author,
        } => {
            let before = Item::About {
                title: ds.title,
                description: ds.description,
                author: ds.author,
            };
            if title.trim().is_empty() {
                return Err(vec![Problem::new(
                    "title",
                    "the dataset's title is empty",
                    "give the dataset a title, e.g. \"Trump–Putin contacts\"",
                )]);
            }
            let after = Item::About {
                title: text(ds, title)?,
                description: text(ds, description)?,
                author: text(ds, author)?,
            };
            Ok((
                "Edit the dataset's title".to_owned(),
                vec![Step::replace(0, before, after)],
                Vec::new(),
            ))
        }
        Change::Event { index, form } => {
            let keep = index.and_then(|i| ds.events.get(i as usize).copied());
            if index.is_some() && keep.is_none() {
                return Err(vec![Problem::new("", "the event no longer exists", "")]);
            }
            // Ids are checked against the lookups as they are before the change.
            if let Some(other) = ds
                .event_index_by_name(form.id.trim())
                .filter(|&j| Some(j) != *index)
            {
                return Err(vec![Problem::new(
                    "id",
                    format!(
                        "duplicate event id \"{}\" (first used by events[{other}])",
                        form.id.trim()
                    ),
                    "rename one of them; ids must be unique among events",
                )]);
            }
            let event = event(ds, form, keep)?;
            let label = format!("“{}”", shorten(&form.title, 40));
            match (index, keep) {
                (Some(i), Some(before)) => {
                    let mut steps = vec![Step::replace(
                        *i as usize,
                        Item::Event(before),
                        Item::Event(event),
                    )];
                    if before.id != event.id {
                        steps.extend(follow_rename(ds, *i, before.id, event.id));
                    }
                    Ok((
                        format!("Edit event {label}"),
                        steps,
                        vec![ItemAt::Event(*i as usize)],
                    ))
                }
                _ => {
                    let at = ds.events.len();
                    Ok((
                        format!("Add event {label}"),
                        vec![Step::insert(at, Item::Event(event))],
                        vec![ItemAt::Event(at)],
                    ))
                }
            }
        }
        Change::DeleteEvent(e) => {
            let Some(&before) = ds.events.get(*e as usize) else {
                return Err(vec![Problem::new("", "the event no longer exists", "")]);
            };
            // Relations first (last to first, so that positions stay right), then the event.
            let mut steps: Vec<Step> = ds
                .relation_indices_of(*e)
                .iter()
                .rev()
                .filter_map(|&r| {
                    let relation = *ds.relations.get(r as usize)?;
                    Some(Step::remove(r as usize, Item::Relation(relation)))
                })
                .collect();
            steps.push(Step::remove(*e as usize, Item::Event(before)));
            Ok((
                format!("Delete event “{}”", shorten(ds.str(before.title), 40)),
                steps,
                Vec::new(),
            ))
        }
        Change::AddActor(form) => {
            let actor = Actor {
                id: sym(ds, &form.id)?,
                name: text(ds, &form.name)?,
                role: text(ds, &form.role)?,
            };
            let at = ds.actors.len();
            Ok((
                format!("Add actor “{}”", shorten(&form.name, 40)),
                vec![Step::insert(at, Item::Actor(actor))],
                vec![ItemAt::Actor(at)],
            ))
        }
        Change::Source { index, form } => {
            if let Some(before) = index.and_then(|i| ds.sources.get(i))
                && ds.str(before.id) != form.id.trim()
                && source_in_use(ds, before.id)
            {
                return Err(vec![Problem::new(
                    "id",
                    format!(
                        "quotes or events name the source \"{}\" by its id, so it cannot change",
                        ds.str(before.id)
                    ),
                    "keep the id, or add a new source and quote it instead",
                )]);
            }
            let source = source(ds, form)?;
            let label = format!("“{}”", shorten(&form.outlet, 40));
            match index.and_then(|i| Some((i, *ds.sources.get(i)?))) {
                Some((i, before)) => Ok((
                    format!("Edit source {label}"),
                    vec![Step::replace(i, Item::Source(before), Item::Source(source))],
                    vec![ItemAt::Source(i)],
                )),
                None => {
                    let at = ds.sources.len();
                    Ok((
                        format!("Add source {label}"),
                        vec![Step::insert(at, Item::Source(source))],
                        vec![ItemAt::Source(at)],
                    ))
                }
            }
        }
        Change::AddQuote { event, quote } => {
            let Some(&before) = ds.events.get(*event as usize) else {
                return Err(vec![Problem::new("", "the event no longer exists", "")]);
            };
            let new = self::quote(ds, quote)?;
            let mut quotes = ds.quotes(before.quotes).to_vec();
            quotes.push(new);
            let after = Event {
                quotes: quote_list(ds, quotes)?,
                ..before
            };
            Ok((
                format!("Quote “{}”", shorten(&quote.text, 40)),
                vec![Step::replace(
                    *event as usize,
                    Item::Event(before),
                    Item::Event(after),
                )],
                vec![ItemAt::Event(*event as usize)],
            ))
        }
        Change::RemoveQuote { event, quote } => {
            let Some(&before) = ds.events.get(*event as usize) else {
                return Err(vec![Problem::new("", "the event no longer exists", "")]);
            };
            let mut quotes = ds.quotes(before.quotes).to_vec();
            if *quote >= quotes.len() {
                return Err(vec![Problem::new("", "the quote no longer exists", "")]);
            }
            let removed = quotes.remove(*quote);
            let after = Event {
                quotes: quote_list(ds, quotes)?,
                ..before
            };
            Ok((
                format!("Remove quote “{}”", shorten(ds.str(removed.text), 40)),
                vec![Step::replace(
                    *event as usize,
                    Item::Event(before),
                    Item::Event(after),
                )],
                Vec::new(),
            ))
        }
        Change::AddRelation(form) => {
            if form.question.trim().is_empty() {
                return Err(vec![Problem::new(
                    "question",
                    "the relation's question is empty",
                    "say what is in dispute, e.g. \"Did they speak by phone on 7 November 2024?\"",
                )]);
            }
            let relation = Relation {
                id: sym(ds, &form.id)?,
                kind: form.kind,
                from: sym(ds, &form.from)?,
                to: sym(ds, &form.to)?,
                question: text(ds, &form.question)?,
                note: text(ds, &form.note)?,
                linked_by: if form.by_editor {
                    crate::model::LinkedBy::Editor
                } else {
                    crate::model::LinkedBy::Sources
                },
            };
            let at = ds.relations.len();
            Ok((
                format!("Link “{}” to “{}”", form.from, form.to),
                vec![Step::insert(at, Item::Relation(relation))],
                vec![ItemAt::Relation(at)],
            ))
        }
        Change::RemoveRelation(i) => {
            let Some(&before) = ds.relations.get(*i) else {
                return Err(vec![Problem::new("", "the relation no longer exists", "")]);
            };
            Ok((
                format!("Remove link “{}”", ds.str(before.id)),
                vec![Step::remove(*i, Item::Relation(before))],
                Vec::new(),
            ))
        }
    }
}

/// Whether a quote or an event's `sources` names the source `id`.
fn source_in_use(ds: &Dataset, id: Sym) -> bool {
    ds.events.iter().any(|e| {
        ds.quotes(e.quotes).iter().any(|q| q.source == id) || ds.syms(e.sources).contains(&id)
    })
}

/// The relations of event `e`, made to name its new id: a renamed event keeps its links.
fn follow_rename(ds: &Dataset, e: EventIdx, old: Sym, new: Sym) -> Vec<Step> {
    let old_text = ds.str(old);
    ds.relation_indices_of(e)
        .iter()
        .filter_map(|&r| {
            let before = *ds.relations.get(r as usize)?;
            let rename = |s: Sym| if ds.str(s) == old_text { new } else { s };
            let after = Relation {
                from: rename(before.from),
                to: rename(before.to),
                ..before
            };
            (after != before)
                .then(|| Step::replace(r as usize, Item::Relation(before), Item::Relation(after)))
        })
        .collect()
}

fn text(ds: &mut Dataset, value: &str) -> Result<Text, Vec<Problem>> {
    ds.strings.push(value).map_err(|_| vec![Problem::full()])
}

/// A symbol for `value`: the one already used for that text by an actor, a source, an
/// outlet or a speaker if there is one (references resolve by symbol), else a new one.
fn sym(ds: &mut Dataset, value: &str) -> Result<Sym, Vec<Problem>> {
    let existing = ds
        .actors
        .iter()
        .map(|a| a.id)
        .chain(ds.sources.iter().flat_map(|s| [s.id, s.outlet]))
        .find(|&s| ds.str(s) == value);
    match existing {
        Some(s) => Ok(s),
        None => ds.strings.intern(value).map_err(|_| vec![Problem::full()]),
    }
}

/// The symbol of the source whose id is `value` (or a new one, which the rules then
/// report as an unknown source).
fn source_sym(ds: &mut Dataset, value: &str) -> Result<Sym, Vec<Problem>> {
    match ds.sources.iter().find(|s| ds.str(s.id) == value) {
        Some(s) => Ok(s.id),
        None => sym(ds, value),
    }
}

/// The symbol of the actor whose id is `value` (or a new one, reported as unknown).
fn actor_sym(ds: &mut Dataset, value: &str) -> Result<Sym, Vec<Problem>> {
    match ds.actors.iter().find(|a| ds.str(a.id) == value) {
        Some(a) => Ok(a.id),
        None => sym(ds, value),
    }
}

fn date(value: &str, field: &'static str) -> Result<FuzzyDate, Problem> {
    FuzzyDate::parse(value.trim()).map_err(|e| Problem::new(field, e.to_string(), e.help()))
}

fn sym_list(ds: &mut Dataset, items: &[String]) -> Result<SymList, Vec<Problem>> {
    let syms = items
        .iter()
        .map(|s| actor_sym(ds, s))
        .collect::<Result<Vec<_>, _>>()?;
    let start = u32::try_from(ds.sym_lists.len()).map_err(|_| vec![Problem::full()])?;
    let len = u32::try_from(syms.len()).map_err(|_| vec![Problem::full()])?;
    ds.sym_lists.extend(syms);
    Ok(SymList { start, len })
}

fn quote_list(ds: &mut Dataset, quotes: Vec<Quote>) -> Result<QuoteList, Vec<Problem>> {
    let start = u32::try_from(ds.quote_lists.len()).map_err(|_| vec![Problem::full()])?;
    let len = u32::try_from(quotes.len()).map_err(|_| vec![Problem::full()])?;
    ds.quote_lists.extend(quotes);
    Ok(QuoteList { start, len })
}

fn event(ds: &mut Dataset, form: &EventForm, keep: Option<Event>) -> Result<Event, Vec<Problem>> {
    let mut problems = Vec::new();
    let start = date(&form.date, "date").map_err(|p| problems.push(p)).ok();
    let end = if form.end.trim().is_empty() {
        None
    } else {
        date(&form.end, "end").map_err(|p| problems.push(p)).ok()
    };
    let Some(start) = start else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let keep = keep.unwrap_or(Event {
        id: Sym::default(),
        title: Text::EMPTY,
        kind: form.kind,
        date: start,
        end: None,
        participants: SymList::default(),
        place: None,
        coordinates: None,
        status: form.status,
        summary: Text::EMPTY,
        quotes: QuoteList::default(),
        date_note: Text::EMPTY,
        group: None,
        sources: SymList::default(),
    });
    let id = if ds.str(keep.id) == form.id.trim() && !keep.id.is_empty() {
        keep.id
    } else {
        ds.strings
            .push_id(form.id.trim())
            .map_err(|_| vec![Problem::full()])?
    };
    let place = form.place.trim();
    Ok(Event {
        id,
        title: text(ds, form.title.trim())?,
        kind: form.kind,
        date: start,
        end,
        participants: sym_list(ds, &form.participants)?,
        place: if place.is_empty() {
            None
        } else {
            Some(sym(ds, place)?)
        },
        status: form.status,
        summary: text(ds, form.summary.trim())?,
        date_note: text(ds, form.date_note.trim())?,
        ..keep
    })
}

fn source(ds: &mut Dataset, form: &SourceForm) -> Result<Source, Vec<Problem>> {
    let published = date(&form.published, "published").map_err(|p| vec![p])?;
    let cites: Vec<String> = form
        .cites
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let optional = |ds: &mut Dataset, value: &str| -> Result<Option<Text>, Vec<Problem>> {
        let value = value.trim();
        if value.is_empty() {
            Ok(None)
        } else {
            text(ds, value).map(Some)
        }
    };
    Ok(Source {
        id: sym(ds, form.id.trim())?,
        outlet: sym(ds, form.outlet.trim())?,
        headline: text(ds, form.headline.trim())?,
        published,
        published_note: text(ds, form.published_note.trim())?,
        cites: sym_list(ds, &cites)?,
        url: optional(ds, &form.url)?,
        document: optional(ds, &form.document)?,
        archived: archived(ds, form)?,
        capture: capture(ds, form)?,
    })
}

/// A source form's captured copy, as it was read (the form only carries it).
fn capture(ds: &mut Dataset, form: &SourceForm) -> Result<Option<Capture>, Vec<Problem>> {
    let Some(info) = &form.capture else {
        return Ok(None);
    };
    Ok(Some(Capture {
        sha256: text(ds, &info.sha256)?,
        file: text(ds, &info.file)?,
        format: info.format(),
        url: text(ds, &info.url)?,
        captured: text(ds, &info.captured)?,
        tool: text(ds, &info.tool)?,
        record: text(ds, &info.record)?,
    }))
}

/// A source form's archived copy: both its address and its date, or neither.
fn archived(ds: &mut Dataset, form: &SourceForm) -> Result<Option<Archived>, Vec<Problem>> {
    let (url, when) = (form.archived_url.trim(), form.archived_date.trim());
    match (url.is_empty(), when.is_empty()) {
        (true, true) => Ok(None),
        (false, false) => {
            let date = date(when, "archived_date").map_err(|p| vec![p])?;
            Ok(Some(Archived {
                url: text(ds, url)?,
                date,
            }))
        }
        (true, false) => Err(vec![Problem::new(
            "archived_url",
            "the archived copy has a date but no address",
            "paste the archive's address (https://web.archive.org/web/…), or clear the date",
        )]),
        (false, true) => Err(vec![Problem::new(
            "archived_date",
            "the archived copy has no date",
            "write when the copy was taken, e.g. 2024-11-12",
        )]),
    }
}

/// A quote's place in a text too long to count.
fn too_far(field: &'static str) -> Problem {
    Problem::new(
        field,
        "the quote's place in its source's text is beyond 4 billion characters",
        "split the source's text into smaller documents",
    )
}

fn quote(ds: &mut Dataset, form: &QuoteForm) -> Result<Quote, Vec<Problem>> {
    let said = if form.said.trim().is_empty() {
        None
    } else {
        Some(date(&form.said, "said").map_err(|p| vec![p])?)
    };
    let speaker = match &form.speaker {
        SpeakerChoice::Actor(id) => Speaker::Actor(actor_sym(ds, id)?),
        SpeakerChoice::Outlet => Speaker::Outlet,
        SpeakerChoice::Other(who) => Speaker::Other(sym(ds, who.trim())?),
    };
    let position = match &form.position {
        Some(at) => Some(QuotePosition {
            start: u32::try_from(at.start).map_err(|_| vec![too_far("start")])?,
            end: u32::try_from(at.end).map_err(|_| vec![too_far("end")])?,
            prefix: text(ds, &at.prefix)?,
            suffix: text(ds, &at.suffix)?,
        }),
        None => None,
    };
    Ok(Quote {
        source: source_sym(ds, &form.source)?,
        speaker,
        text: text(ds, form.text.trim())?,
        said,
        position,
        lang: None,
    })
}

/// The problems of an event form found as it is typed: its dates, its id and its title,
/// in the loader's words. Costs a lookup, not a pass over the dataset.
pub fn check_event_form(ds: &Dataset, index: Option<EventIdx>, form: &EventForm) -> Vec<Problem> {
    let mut problems = Vec::new();
    let start = date(&form.date, "date").map_err(|p| problems.push(p)).ok();
    if !form.end.trim().is_empty()
        && let Some(end) = date(&form.end, "end").map_err(|p| problems.push(p)).ok()
        && let Some(start) = start
        && (end.latest() < start.latest() || end.earliest() < start.earliest())
    {
        problems.push(Problem::new(
            "end",
            format!(
                "the event ends ({}) before it starts ({})",
                end.display(),
                start.display()
            ),
            "the end must not come before the date; swap them or fix one",
        ));
    }
    let id = form.id.trim();
    if id.is_empty() {
        problems.push(Problem::new(
            "id",
            "event has an empty id",
            "give each event a unique id",
        ));
    } else if let Some(other) = ds.event_index_by_name(id).filter(|&j| Some(j) != index) {
        problems.push(Problem::new(
            "id",
            format!("duplicate event id \"{id}\" (first used by events[{other}])"),
            "rename one of them; ids must be unique among events",
        ));
    }
    if form.title.trim().is_empty() {
        problems.push(Problem::new(
            "title",
            "the event's title is empty",
            "give the event a short title",
        ));
    } else if form.title.chars().count() > crate::load::validate::MAX_SHORT_TEXT_CHARS {
        problems.push(Problem::new(
            "title",
            format!(
                "the event's title is {} characters long (at most {})",
                form.title.chars().count(),
                crate::load::validate::MAX_SHORT_TEXT_CHARS
            ),
            "shorten it; longer text belongs in the event's `summary` or in a quote",
        ));
    }
    problems
}

/// Where a typed quote stops matching a source's text, with the closest passage: the
/// longest beginning of the quote that is in the text, and what follows it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotInText {
    /// The part of the quote (split at ellipses) that is not in the text.
    pub part: String,
    /// The text around where the quote stops matching ("" when even its first word is
    /// not in the text).
    pub closest: String,
}

/// Checks a quote against a source's text, as `claimline check --corpus` does.
pub fn find_in_text(quote: &str, document: &str) -> Result<(), NotInText> {
    let normalized = crate::corpus::normalize(document);
    crate::corpus::find_verbatim(quote, document).map_err(|m| match m {
        crate::corpus::Mismatch::Folded { fixed, differences } => NotInText {
            part: quote.to_owned(),
            closest: format!(
                "{fixed} (the source's own characters: {})",
                differences.join("; ")
            ),
        },
        crate::corpus::Mismatch::Part { part, matched } => {
            let closest = if matched.trim().is_empty() {
                String::new()
            } else {
                normalized
                    .find(&matched)
                    .map(|at| {
                        let end = (at + matched.len() + 60).min(normalized.len());
                        let end = (end..=normalized.len())
                            .find(|&i| normalized.is_char_boundary(i))
                            .unwrap_or(normalized.len());
                        normalized[at..end].to_owned()
                    })
                    .unwrap_or_default()
            };
            NotInText { part, closest }
        }
    })
}
