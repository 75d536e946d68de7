//! Disputes: each contested question with both sides.
//!
//! Relations carry the question they bear on. Relations whose questions read the same
//! (ignoring case, spacing and trailing punctuation) make one [`Dispute`]; its events are
//! split into two sides by the relations' kinds — `Contradicts`, `Denies` and `Corrects`
//! put their two events on opposite sides, `Supports` on the same side — and those that
//! `DeclinesToConfirm` stand apart. When the relations of a question cannot be split
//! into two consistent sides (an odd cycle of contradictions, or an event that both takes
//! a side and declines to), the dispute says so and names the relations that conflict:
//! nothing is guessed silently. Side one holds the accounts being disputed (what is
//! denied, contradicted or corrected), side two the accounts that dispute them.
//!
//! [`markdown`] and [`json`] write disputes out for articles and scripts.

pub mod as_json;
pub mod as_markdown;

use hashbrown::HashMap;

use crate::model::{Dataset, EventIdx, RelationKind, Speaker};

/// One contested question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispute {
    /// The question, as its first relation words it.
    pub question: String,
    /// The relations on it, by index, in dataset order.
    pub relations: Vec<usize>,
    /// The accounts disputed, and the accounts disputing them, each in time order.
    pub sides: [Vec<EventIdx>; 2],
    /// Events that decline to confirm, in time order.
    pub declines: Vec<EventIdx>,
    /// Relations that cannot be reconciled with the sides (empty when they can).
    pub conflicts: Vec<usize>,
}

impl Dispute {
    /// Every event of the dispute, sides first.
    pub fn events(&self) -> impl Iterator<Item = EventIdx> + '_ {
        self.sides.iter().flatten().chain(&self.declines).copied()
    }

    /// The first and last day any of its events could fall on.
    pub fn days(&self, ds: &Dataset) -> Option<(i32, i32)> {
        let events = || self.events().filter_map(|e| ds.events.get(e as usize));
        let first = events().map(|e| e.date.earliest()).min()?;
        let last = events().map(|e| e.end.unwrap_or(e.date).latest()).max()?;
        Some((first, last))
    }

    /// The event that started it (earliest) and its latest word (latest).
    pub fn first_and_last(&self, ds: &Dataset) -> Option<(EventIdx, EventIdx)> {
        let key = |e: &EventIdx| {
            let ev = &ds.events[*e as usize];
            (ev.date.earliest(), ev.date.latest(), *e)
        };
        let first = self.events().min_by_key(key)?;
        let last = self.events().max_by_key(key)?;
        Some((first, last))
    }
}

/// A question as compared: lower case, single spaces, no trailing punctuation.
pub fn question_key(question: &str) -> String {
    let mut key = String::with_capacity(question.len());
    question_key_into(question, &mut key);
    key
}

/// [`question_key`] written into `key` (cleared first): one buffer for every relation
/// of a large dataset rather than a few strings each.
fn question_key_into(question: &str, key: &mut String) {
    key.clear();
    for word in question.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
    let kept = key
        .trim_end_matches(|c: char| {
            c.is_ascii_punctuation() || "?!….。？！".contains(c) || c.is_whitespace()
        })
        .len();
    key.truncate(kept);
}

/// Every dispute of a dataset, in the order their first relation appears.
pub fn disputes(ds: &Dataset) -> Vec<Dispute> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut key = String::new();
    for (i, r) in ds.relations.iter().enumerate() {
        let question = ds.str(r.question);
        question_key_into(question, &mut key);
        let at = *by_key.entry_ref(key.as_str()).or_insert_with(|| {
            groups.push((question.trim().to_owned(), Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    let split_all = |groups: Vec<(String, Vec<usize>)>| {
        let mut scratch = Scratch::default();
        groups
            .into_iter()
            .map(|(question, relations)| split(ds, question, relations, &mut scratch))
            .collect::<Vec<_>>()
    };
    if ds.relations.len() < PARALLEL_FROM_RELATIONS {
        return split_all(groups);
    }
    // Questions are split apart from each other: the later half on another thread.
    let later = groups.split_off(groups.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| split_all(later));
        let mut all = split_all(groups);
        match later.join() {
            Ok(later) => all.extend(later),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        all
    })
}

/// Datasets with more relations than this split their questions on two threads.
const PARALLEL_FROM_RELATIONS: usize = 20_000;

/// An event's side while sides are worked out: its group (a connected set of events)
/// and its side relative to the group's first event.
#[derive(Clone, Copy)]
struct Placed {
    group: usize,
    flip: bool,
}

/// The lookups of [`split`], kept from one question to the next (most questions have a
/// relation or two: making new tables for each cost more than the splitting).
#[derive(Default)]
struct Scratch {
    placed: HashMap<EventIdx, Placed>,
    votes: HashMap<usize, i64>,
}

impl Scratch {
    /// Empty, and not holding on to the room a very large question needed.
    fn clear(&mut self) {
        if self.placed.capacity() > 4096 {
            *self = Self::default();
        }
        self.placed.clear();
        self.votes.clear();
    }
}

/// Splits the events of one question into sides.
fn split(ds: &Dataset, question: String, relations: Vec<usize>, scratch: &mut Scratch) -> Dispute {
    let relation = |ri: usize| {
        let r = ds.relations.get(ri)?;
        Some((ds.event_index(r.from)?, ds.event_index(r.to)?, r.kind))
    };
    let time = |e: EventIdx| {
        let ev = &ds.events[e as usize];
        (ev.date.earliest(), ev.date.latest(), e)
    };
    split_with(question, relations, &relation, &time, scratch)
}

/// The sides of one question whose relations are `relations`: (from, to, how), each
/// event ordered by `time` (its first and last possible day). For data that is not a
/// dataset in memory (the relations a query engine hands back for the events on
/// screen); the dispute's relations are positions in `relations`.
pub fn sides_of(
    question: String,
    relations: &[(EventIdx, EventIdx, RelationKind)],
    time: &dyn Fn(EventIdx) -> (i32, i32, EventIdx),
) -> Dispute {
    let relation = |ri: usize| relations.get(ri).copied();
    split_with(
        question,
        (0..relations.len()).collect(),
        &relation,
        time,
        &mut Scratch::default(),
    )
}

/// [`split`] over any relations: `relation(i)` is relation `i`'s (from, to, how).
fn split_with(
    question: String,
    relations: Vec<usize>,
    relation: &dyn Fn(usize) -> Option<(EventIdx, EventIdx, RelationKind)>,
    time: &dyn Fn(EventIdx) -> (i32, i32, EventIdx),
    scratch: &mut Scratch,
) -> Dispute {
    scratch.clear();
    let Scratch { placed, votes } = scratch;
    let mut members: Vec<Vec<EventIdx>> = Vec::new();
    let mut declines: Vec<EventIdx> = Vec::new();
    let mut conflicts: Vec<usize> = Vec::new();
    fn place(
        e: EventIdx,
        placed: &mut HashMap<EventIdx, Placed>,
        members: &mut Vec<Vec<EventIdx>>,
    ) -> Placed {
        *placed.entry(e).or_insert_with(|| {
            members.push(vec![e]);
            Placed {
                group: members.len() - 1,
                flip: false,
            }
        })
    }
    // Declining takes no side; it is settled after the sides.
    let mut declining: Vec<(usize, EventIdx, EventIdx)> = Vec::new();
    for &ri in &relations {
        let Some((from, to, kind)) = relation(ri) else {
            continue;
        };
        if kind == RelationKind::DeclinesToConfirm {
            declining.push((ri, from, to));
            continue;
        }
        let opposite = kind.is_conflict();
        let (a, b) = (
            place(from, placed, &mut members),
            place(to, placed, &mut members),
        );
        if a.group == b.group {
            if (a.flip != b.flip) != opposite {
                conflicts.push(ri);
            }
            continue;
        }
        // Join b's group into a's, flipping it if the relation asks.
        let flip_b = (a.flip != b.flip) != opposite;
        let moved = std::mem::take(&mut members[b.group]);
        for &e in &moved {
            if let Some(p) = placed.get_mut(&e) {
                p.group = a.group;
                p.flip ^= flip_b;
            }
        }
        members[a.group].extend(moved);
    }
    for &(ri, from, to) in &declining {
        place(to, placed, &mut members);
        if placed.contains_key(&from) {
            // It takes a side elsewhere in this question, and declines here.
            conflicts.push(ri);
        } else if !declines.contains(&from) {
            declines.push(from);
        }
    }
    // Orient each group so that what is disputed (the `to` of a denial, contradiction,
    // correction or refusal to confirm) lands on side one.
    for &ri in &relations {
        let Some((_, to, kind)) = relation(ri) else {
            continue;
        };
        if kind == RelationKind::Supports {
            continue;
        }
        if let Some(p) = placed.get(&to) {
            *votes.entry(p.group).or_default() += if p.flip { -1 } else { 1 };
        }
    }
    let mut sides: [Vec<EventIdx>; 2] = [Vec::new(), Vec::new()];
    for (e, p) in placed.iter() {
        let flip_group = votes.get(&p.group).copied().unwrap_or(0) < 0;
        let side = usize::from(p.flip != flip_group);
        sides[side].push(*e);
    }
    for side in &mut sides {
        side.sort_by_key(|e| time(*e));
    }
    declines.sort_by_key(|e| time(*e));
    conflicts.sort_unstable();
    conflicts.dedup();
    Dispute {
        question,
        relations,
        sides,
        declines,
        conflicts,
    }
}

/// Who an event is: its participants' names, or the outlet of its first quote.
pub fn who(ds: &Dataset, e: EventIdx) -> String {
    let event = &ds.events[e as usize];
    let names: Vec<&str> = ds
        .syms(event.participants)
        .iter()
        .map(|&a| ds.actor(a).map_or(ds.str(a), |actor| ds.str(actor.name)))
        .collect();
    if !names.is_empty() {
        return names.join(", ");
    }
    ds.quotes(event.quotes)
        .first()
        .map(|q| match q.speaker {
            Speaker::Outlet => ds
                .source(q.source)
                .map_or("", |s| ds.str(s.outlet))
                .to_owned(),
            speaker => ds.speaker_name(speaker, q.source).to_owned(),
        })
        .unwrap_or_default()
}

/// An event's first quote and the outlet it was published by.
pub fn first_quote(ds: &Dataset, e: EventIdx) -> Option<(&str, &str)> {
    let event = &ds.events[e as usize];
    ds.quotes(event.quotes).first().map(|q| {
        (
            ds.str(q.text),
            ds.source(q.source).map_or("", |s| ds.str(s.outlet)),
        )
    })
}

/// How many sources back an event: those its quotes come from and those it cites.
pub fn sources_behind(ds: &Dataset, e: EventIdx) -> usize {
    let event = &ds.events[e as usize];
    let mut ids: Vec<_> = ds
        .quotes(event.quotes)
        .iter()
        .map(|q| q.source)
        .chain(ds.syms(event.sources).iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Whether an event takes part in any dispute (any relation, which always has a question).
pub fn is_disputed(ds: &Dataset, e: EventIdx) -> bool {
    ds.relations_of(e).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_compare_without_case_spacing_or_trailing_punctuation() {
        assert_eq!(
            question_key("  Did they  SPEAK on 7 November?? "),
            question_key("did they speak on 7 november")
        );
        assert_ne!(
            question_key("Did they speak?"),
            question_key("Did they meet?")
        );
    }
}
