//! Synthetic event tables for testing scale: a CSV an incident log could be, in a
//! layout Claimline opens with no flags (`id,date,end,title,summary,kind,status,actors,
//! lane,place,url`), written row by row so that ten million rows never sit in memory.
//! Deterministic by seed; dates at every precision, bursts and quiet years as in
//! [`super::generate`]; a few articles cover several rows each.

use std::io::{self, Write};

use super::{FIRST, LAST, OUTLETS, PLACES, Rng, TOPICS, event_days, time_frame};
use crate::model::{EventKind, Status, date};

/// The header line.
pub const HEADER: &str = "id,date,end,title,summary,kind,status,actors,lane,place,url\n";

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows (the header left out).
    pub rows: usize,
    /// Bytes.
    pub bytes: u64,
}

/// Writes a table of `rows` events.
pub fn write_table(rows: usize, seed: u64, out: &mut dyn Write) -> io::Result<Written> {
    let mut rng = Rng::new(seed);
    let actors = (rows / 2_500).clamp(20, 400);
    let names: Vec<String> = (0..actors)
        .map(|i| {
            format!(
                "{} {}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len() + i) % LAST.len()]
            )
        })
        .collect();
    let days = event_days(rows, &mut rng);
    let (t0, span) = time_frame();
    let kinds = EventKind::ALL;
    let kind_weights = [12, 12, 8, 20, 8, 20, 10, 5, 5, 3];
    let statuses = Status::ALL;
    let status_weights = [45, 30, 10, 10, 5];
    let mut written = Written::default();
    let mut line = String::with_capacity(512);
    out.write_all(HEADER.as_bytes())?;
    written.bytes += HEADER.len() as u64;
    let mut article = 0usize;
    let mut article_day = i32::MIN;
    let mut outlet = OUTLETS[0];
    for (i, &day) in days.iter().enumerate() {
        if day.saturating_sub(article_day) > 1 || rng.below(3) == 0 {
            article += 1;
            article_day = day;
            outlet = *rng.pick(&OUTLETS);
        }
        let Some(d) = date::date_of(day) else {
            continue;
        };
        let kind = kinds[rng.weighted(&kind_weights)];
        let status = statuses[rng.weighted(&status_weights)];
        let a = rng.below(actors);
        let b = (a + 1 + rng.below(actors - 1)) % actors;
        let (first_a, first_b) = (FIRST[a % FIRST.len()], FIRST[b % FIRST.len()]);
        let topic = rng.pick(&TOPICS);
        let place = rng.pick(&PLACES);
        line.clear();
        // id, date (mostly days; some months, years and windows), end.
        line.push_str(&format!("ev-{i},"));
        let precision = rng.weighted(&[80, 10, 6, 4]);
        match precision {
            0 => line.push_str(&d.format("%Y-%m-%d").to_string()),
            1 => line.push_str(&d.format("%Y-%m").to_string()),
            2 => line.push_str(&d.format("%Y").to_string()),
            _ => {
                let to = date::date_of((day + 30 + rng.below(300) as i32).min(t0 + span - 1))
                    .unwrap_or(d);
                line.push_str(&format!("{}..{}", d.format("%Y-%m-%d"), to.format("%Y-%m")));
            }
        }
        line.push(',');
        if kind == EventKind::Meeting && precision == 0 && rng.below(20) == 0 {
            let end = date::date_of(day + 1 + rng.below(3) as i32).unwrap_or(d);
            line.push_str(&end.format("%Y-%m-%d").to_string());
        }
        line.push(',');
        // Title and summary (a quoted sentence with a comma in it).
        let title = match kind {
            EventKind::PhoneCall => format!("{first_a} calls {first_b}"),
            EventKind::Meeting => format!("{first_a} meets {first_b} in {place}"),
            EventKind::Message => format!("{first_a} writes to {first_b}"),
            EventKind::Statement => format!("{first_a} on {topic}"),
            EventKind::PressConference => format!("{first_a} briefs on {topic}"),
            EventKind::MediaReport => format!("Report: {first_a} and {first_b} in contact"),
            EventKind::Denial => format!("{first_a} denies talks with {first_b}"),
            EventKind::NoComment => format!("{first_a} won't comment on {topic}"),
            EventKind::Context => format!("Background: {topic}"),
            EventKind::Other => format!("{first_a}: {topic}"),
        };
        line.push_str(&title);
        line.push(',');
        if rng.below(2) == 0 {
            line.push_str(&format!("\"On {topic}, according to the {outlet}.\""));
        }
        line.push(',');
        line.push_str(&kind.label().to_lowercase());
        line.push(',');
        line.push_str(&status.label().to_lowercase());
        line.push(',');
        // Actors: one or two, `;` between.
        line.push_str(&names[a]);
        if !matches!(
            kind,
            EventKind::Statement | EventKind::PressConference | EventKind::Context
        ) {
            line.push(';');
            line.push_str(&names[b]);
        }
        line.push(',');
        // Lane: the topic; place for meetings; the article's address.
        line.push_str(topic);
        line.push(',');
        if kind == EventKind::Meeting {
            line.push_str(place);
        }
        line.push(',');
        let host: String = outlet
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        line.push_str(&format!(
            "https://{host}.example/{}/story-{article}",
            d.format("%Y/%m/%d")
        ));
        line.push('\n');
        out.write_all(line.as_bytes())?;
        written.rows += 1;
        written.bytes += line.len() as u64;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_table_and_claimline_opens_it_with_no_flags() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let mut c = Vec::new();
        write_table(3_000, 7, &mut a).unwrap();
        write_table(3_000, 7, &mut b).unwrap();
        write_table(3_000, 8, &mut c).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let loaded = crate::load::load_bytes(
            &a,
            std::path::Path::new("gen.csv"),
            crate::load::LoadOptions::strict(true),
            None,
        )
        .unwrap();
        assert_eq!(loaded.dataset.events.len(), 3_000);
        let table = loaded.table.unwrap();
        assert_eq!((table.records, table.skipped), (3_000, 0));
        assert!(table.guessed.contains(&crate::load::table::Key::Date));
        let ds = &loaded.dataset;
        let exact = ds.events.iter().filter(|e| e.date.is_exact_day()).count();
        assert!(exact > 2_100 && exact < 2_700, "{exact} exact days");
        assert!(ds.sources.len() > 500 && ds.sources.len() < 2_500);
        assert!(ds.events.iter().all(|e| e.group.is_some()));
        let kinds: std::collections::HashSet<_> = ds.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.len(), EventKind::ALL.len(), "every kind read back");
    }
}
