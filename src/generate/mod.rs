//! Synthetic datasets for testing scale: valid, deterministic by seed, and shaped like
//! real data — a few hundred actors, articles from a few dozen outlets quoted by the
//! events, denials and refusals linked to the reports they answer, dates at every
//! precision, bursts of activity around news events and quiet years between them.
//! [`table`] writes the same kind of events as a table.

pub mod table;

use crate::model::{
    Coordinates, DatasetBuilder, EventKind, EventSpec, FuzzyDate, QuoteSpec, RelationKind,
    SourceSpec, SpeakerSpec, Status, StringsFull, date,
};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    /// Number of events.
    pub events: usize,
    /// Random seed; the same seed and count give the same dataset.
    pub seed: u64,
}

/// A small deterministic generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index chosen with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const FIRST: [&str; 24] = [
    "Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal", "Kira",
    "Leon", "Mara", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tomas", "Uma", "Viktor", "Wen",
    "Yuri", "Zara",
];
const LAST: [&str; 24] = [
    "Abbott",
    "Belov",
    "Castro",
    "Dahl",
    "Egorov",
    "Fischer",
    "Gallo",
    "Haas",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Orlov",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ulloa",
    "Varga",
    "Weber",
    "Zhou",
];
const ROLES: [&str; 8] = [
    "President",
    "Foreign minister",
    "Spokesperson",
    "Ambassador",
    "Adviser",
    "Prime minister",
    "Envoy",
    "Press secretary",
];
const OUTLETS: [&str; 24] = [
    "Daily Ledger",
    "Evening Courier",
    "Morning Post",
    "Capital Times",
    "Northern Herald",
    "Wire Service One",
    "Global Dispatch",
    "The Observer Desk",
    "Metro Tribune",
    "Harbor News",
    "River Gazette",
    "Summit Report",
    "Continental Wire",
    "State Radio",
    "Independent Review",
    "Border Chronicle",
    "Atlas Press",
    "Beacon Daily",
    "Civic Journal",
    "Frontier Bulletin",
    "Lakeside Record",
    "Plains Standard",
    "Valley Voice",
    "Coastal Times",
];
const PLACES: [&str; 12] = [
    "Geneva",
    "Vienna",
    "Helsinki",
    "Istanbul",
    "Singapore",
    "Reykjavik",
    "Doha",
    "Oslo",
    "Brussels",
    "Minsk",
    "Ankara",
    "Hanoi",
];
/// Where each of [`PLACES`] is (its centre, in degrees): meetings there are put near it.
const PLACE_COORDINATES: [(f64, f64); 12] = [
    (46.2044, 6.1432),
    (48.2082, 16.3738),
    (60.1699, 24.9384),
    (41.0082, 28.9784),
    (1.3521, 103.8198),
    (64.1466, -21.9426),
    (25.2854, 51.531),
    (59.9139, 10.7522),
    (50.8503, 4.3517),
    (53.9006, 27.559),
    (39.9334, 32.8597),
    (21.0278, 105.8342),
];

/// Coordinates near `place` for event number `i`: within about 10 km of its centre,
/// spread by the event's number (no draw of the generator, so the events are those of
/// earlier versions).
#[allow(clippy::cast_precision_loss, reason = "small numbers")]
fn near(place: &str, i: usize) -> Option<Coordinates> {
    let at = PLACES.iter().position(|p| *p == place)?;
    let (lat, lon) = PLACE_COORDINATES[at];
    let spread = |k: usize| ((i.wrapping_mul(k) % 1000) as f64 / 1000.0 - 0.5) * 0.2;
    Coordinates::new(lat + spread(7919), lon + spread(104_729)).ok()
}

const TOPICS: [&str; 12] = [
    "sanctions",
    "a ceasefire",
    "arms control",
    "energy prices",
    "a prisoner exchange",
    "the summit",
    "trade",
    "the border",
    "elections",
    "grain exports",
    "the embassy",
    "cyber attacks",
];
const PHRASES: [&str; 12] = [
    "We had a frank exchange of views.",
    "The conversation was constructive.",
    "There was no such conversation.",
    "We do not comment on private calls.",
    "Both sides agreed to stay in contact.",
    "This report is pure invention.",
    "The talks lasted about an hour.",
    "Nothing has been decided yet.",
    "We expect a meeting soon.",
    "I cannot confirm that.",
    "The letter was delivered yesterday.",
    "Our position has not changed.",
];

/// Earliest day of generated events (1 January 1990) and the span in days (35 years).
fn time_frame() -> (i32, i32) {
    let start = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).map_or(726_468, date::day_number);
    (start, 35 * 365)
}

/// `n` event days, sorted: most cluster in bursts around news stories, the rest spread
/// thin, and a few years stay quiet.
fn event_days(n: usize, rng: &mut Rng) -> Vec<i32> {
    let (t0, span) = time_frame();
    let bursts: Vec<(f64, f64)> = (0..40)
        .map(|_| (rng.unit() * f64::from(span), 2.0 + rng.unit() * 60.0))
        .collect();
    let quiet: Vec<i32> = (0..5).map(|_| rng.below(35) as i32).collect();
    let mut days: Vec<i32> = (0..n)
        .map(|_| {
            loop {
                let offset = if rng.unit() < 0.7 {
                    let (center, width) = *rng.pick(&bursts);
                    // Sum of uniforms: a bell around the centre.
                    center + (rng.unit() + rng.unit() + rng.unit() - 1.5) * width * 2.0
                } else {
                    rng.unit() * f64::from(span)
                };
                let day = offset.clamp(0.0, f64::from(span - 1)) as i32;
                if !quiet.contains(&(day / 365)) || rng.unit() < 0.02 {
                    break t0 + day;
                }
            }
        })
        .collect();
    days.sort_unstable();
    days
}

/// Builds a synthetic dataset of `options.events` events.
pub fn generate(options: GenerateOptions) -> Result<crate::model::Dataset, StringsFull> {
    let n = options.events;
    let mut rng = Rng::new(options.seed);
    let mut b = DatasetBuilder::new(
        &format!("Synthetic contacts ({n} events, seed {})", options.seed),
        "Generated by `claimline generate` for testing at scale: not real events.",
    )?;
    b.reserve(n, n * 120);

    let actors = (n / 2_500).clamp(20, 400);
    let mut actor_ids = Vec::with_capacity(actors);
    for i in 0..actors {
        let id = format!("a{i}");
        let name = format!(
            "{} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len() + i) % LAST.len()]
        );
        let role = *rng.pick(&ROLES);
        b.actor(&id, &name, role)?;
        actor_ids.push(id);
    }

    let (t0, span) = time_frame();
    let days = event_days(n, &mut rng);

    // Sources: articles from the outlets, each quoted by the events around its date.
    let mut source_ids: Vec<String> = Vec::new();
    let mut last_source_day = i32::MIN;
    let mut current_source = String::new();

    let kinds = EventKind::ALL;
    let kind_weights = [12, 12, 8, 20, 8, 20, 10, 5, 5];
    let statuses = Status::ALL;
    let status_weights = [45, 30, 10, 10, 5];
    let mut recent_reports: Vec<(usize, i32, String)> = Vec::new();
    let mut relation_count = 0usize;

    for (i, &day) in days.iter().enumerate() {
        if day.saturating_sub(last_source_day) > 2 || rng.below(20) == 0 {
            let id = format!("s{}", source_ids.len());
            let outlet = rng.pick(&OUTLETS);
            let headline = format!("{} on {}", rng.pick(&FIRST), rng.pick(&TOPICS));
            let published = date::date_of(day + rng.below(3) as i32).map_or_else(
                || FuzzyDate::year(2000).unwrap_or(FuzzyDate::day(chrono::NaiveDate::MIN)),
                FuzzyDate::day,
            );
            b.source(&SourceSpec {
                id: &id,
                outlet,
                headline: &headline,
                published,
                published_note: "",
                cites: &[],
                url: None,
                document: None,
                archived: None,
            })?;
            current_source.clone_from(&id);
            source_ids.push(id);
            last_source_day = day;
        }
        let kind = kinds[rng.weighted(&kind_weights)];
        let status = statuses[rng.weighted(&status_weights)];
        let a = rng.below(actors);
        let mut other = rng.below(actors);
        if other == a {
            other = (a + 1) % actors;
        }
        let (actor_a, actor_b) = (&actor_ids[a], &actor_ids[other]);
        let (name_a, name_b) = (FIRST[a % FIRST.len()], FIRST[other % FIRST.len()]);
        let topic = rng.pick(&TOPICS);
        let place = rng.pick(&PLACES);
        let title = match kind {
            EventKind::PhoneCall => format!("{name_a} calls {name_b}"),
            EventKind::Meeting => format!("{name_a} meets {name_b} in {place}"),
            EventKind::Message => format!("{name_a} writes to {name_b}"),
            EventKind::Statement => format!("{name_a} on {topic}"),
            EventKind::PressConference => format!("{name_a} briefs on {topic}"),
            EventKind::MediaReport => format!("Report: {name_a} and {name_b} in contact"),
            EventKind::Denial => format!("{name_a} denies talks with {name_b}"),
            EventKind::NoComment => format!("{name_a} won't comment on {topic}"),
            EventKind::Context => format!("Background: {topic}"),
            EventKind::Other => format!("{name_a}: {topic}"),
        };
        let date = match rng.weighted(&[72, 14, 9, 5]) {
            0 => date::date_of(day).map(FuzzyDate::day),
            1 => date::date_of(day).and_then(|d| {
                FuzzyDate::month(chrono::Datelike::year(&d), chrono::Datelike::month(&d))
            }),
            2 => date::date_of(day).and_then(|d| FuzzyDate::year(chrono::Datelike::year(&d))),
            _ => {
                let from = date::date_of(day).map(FuzzyDate::day);
                let last = t0 + span - 1;
                let to =
                    date::date_of((day + 30 + rng.below(700) as i32).min(last)).map(FuzzyDate::day);
                from.zip(to).and_then(|(f, t)| FuzzyDate::window(f, t))
            }
        };
        let Some(date) = date else {
            continue;
        };
        let end = (kind == EventKind::Meeting && date.is_exact_day() && rng.below(30) == 0)
            .then(|| date::date_of(day + 1 + rng.below(3) as i32).map(FuzzyDate::day))
            .flatten();
        let participants: Vec<&str> = match kind {
            EventKind::Context => Vec::new(),
            EventKind::Statement | EventKind::PressConference | EventKind::NoComment => {
                vec![actor_a.as_str()]
            }
            _ => vec![actor_a.as_str(), actor_b.as_str()],
        };
        let quote_count = rng.weighted(&[5, 75, 20]);
        let quotes: Vec<QuoteSpec<'_>> = (0..quote_count)
            .map(|q| QuoteSpec {
                source: &current_source,
                speaker: match rng.weighted(&[50, 30, 20]) {
                    0 => SpeakerSpec::Actor(if q == 0 { actor_a } else { actor_b }),
                    1 => SpeakerSpec::Outlet,
                    _ => SpeakerSpec::Other("officials"),
                },
                text: PHRASES[rng.below(PHRASES.len())],
                said: None,
            })
            .collect();
        let summary = if rng.below(10) < 8 {
            String::new()
        } else {
            format!("About {topic}.")
        };
        let id = format!("e{i}");
        b.event(&EventSpec {
            id: &id,
            title: &title,
            kind,
            date,
            end,
            participants: &participants,
            place: (kind == EventKind::Meeting).then_some(*place),
            coordinates: if kind == EventKind::Meeting {
                near(place, i)
            } else {
                None
            },
            status,
            summary: &summary,
            quotes: &quotes,
            date_note: "",
            group: None,
            sources: &[],
        })?;
        match kind {
            EventKind::MediaReport | EventKind::PhoneCall | EventKind::Meeting => {
                recent_reports.push((i, day, id));
                if recent_reports.len() > 32 {
                    recent_reports.remove(0);
                }
            }
            EventKind::Denial | EventKind::NoComment => {
                if let Some((_, report_day, report)) = recent_reports
                    .iter()
                    .rev()
                    .find(|(_, d, _)| day - d <= 30)
                    .cloned()
                {
                    let relation_kind = if kind == EventKind::Denial {
                        if rng.below(2) == 0 {
                            RelationKind::Denies
                        } else {
                            RelationKind::Contradicts
                        }
                    } else {
                        RelationKind::DeclinesToConfirm
                    };
                    let when = date::date_of(report_day)
                        .map_or_else(String::new, |d| d.format(" on %-d %B %Y").to_string());
                    b.relation(
                        &format!("r{relation_count}"),
                        relation_kind,
                        &id,
                        &report,
                        &format!("Did {name_a} and {name_b} speak{when}?"),
                        "",
                    )?;
                    relation_count += 1;
                }
            }
            _ => {}
        }
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_dataset_and_it_is_valid() {
        let a = generate(GenerateOptions {
            events: 2_000,
            seed: 7,
        })
        .unwrap();
        let b = generate(GenerateOptions {
            events: 2_000,
            seed: 7,
        })
        .unwrap();
        let c = generate(GenerateOptions {
            events: 2_000,
            seed: 8,
        })
        .unwrap();
        let text = |ds| crate::save::to_ron(ds, crate::save::Layout::Compact).unwrap();
        assert_eq!(text(&a), text(&b));
        assert_ne!(text(&a), text(&c));
        let loaded =
            crate::load::load_built(a, std::path::Path::new("gen"), Default::default()).unwrap();
        let ds = loaded.dataset;
        assert_eq!(ds.events.len(), 2_000);
        assert!(ds.relations.len() > 50, "denials answer reports");
        let exact = ds.events.iter().filter(|e| e.date.is_exact_day()).count();
        assert!(
            exact > 1_200 && exact < 1_800,
            "mixed precision: {exact} exact days"
        );
        let unsourced = ds.unsourced_events();
        assert!(unsourced > 0 && unsourced < 200);
    }
}
