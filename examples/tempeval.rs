//! Scores `suggest::dates` on TimeML files the way TempEval-3 scored temporal taggers
//! (Task A, DATE expressions): each file's TIMEX3 elements of type DATE are the gold
//! spans and values, its creation time (the DCT) the day of publication; the tagger's
//! spans are matched strictly (the same characters) and relaxed (overlapping), and its
//! values compared with TimeML's (a day, a month, a year; a Monday-to-Sunday window as
//! an ISO week). Prints precision, recall and F1 of both, and the value's F1 and
//! accuracy.
//!
//! `cargo run --release --example tempeval -- DIR [DIR…]` (the TempEval-3 training
//! data's `TBAQ-cleaned/TimeBank` and `TBAQ-cleaned/AQUAINT`; see BENCHMARKS.md).
//! `TEMPEVAL_MISSES=1` lists each expression missed and each value that differs.

#![allow(clippy::print_stdout, reason = "an example prints its figures")]

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use claimline::model::FuzzyDate;
use claimline::suggest::dates::dates;

/// A gold DATE expression: its characters and TimeML value.
struct Gold {
    start: usize,
    end: usize,
    value: String,
}

/// One file: its text (tags taken out, entities read), its creation day, its DATEs.
fn read(tml: &str) -> Option<(String, Option<NaiveDate>, Vec<Gold>)> {
    let dct = tml
        .split("<TIMEX3")
        .find(|t| t.contains("CREATION_TIME"))
        .and_then(|t| attr(t, "value"))
        .and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
    let body = tml.split("<TEXT>").nth(1)?.split("</TEXT>").next()?;
    let mut text = String::new();
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(tag_end) = rest.strip_prefix('<').and_then(|r| r.find('>')) {
            let tag = &rest[1..=tag_end];
            if tag.starts_with("TIMEX3") {
                let kind = attr(tag, "type").unwrap_or_default().to_owned();
                let value = attr(tag, "value").unwrap_or_default().to_owned();
                open = Some((chars, kind, value));
            } else if tag.starts_with("/TIMEX3")
                && let Some((start, kind, value)) = open.take()
                && kind == "DATE"
            {
                gold.push(Gold {
                    start,
                    end: chars,
                    value,
                });
            }
            rest = &rest[tag_end + 2..];
            continue;
        }
        let (c, used) = entity(rest);
        text.push(c);
        chars += 1;
        rest = &rest[used..];
    }
    Some((text, dct, gold))
}

fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

/// The character at the start of `s` (an entity read as its character) and the bytes
/// it takes.
fn entity(s: &str) -> (char, usize) {
    for (e, c) in [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ] {
        if s.starts_with(e) {
            return (c, e.len());
        }
    }
    let c = s.chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// A value of Claimline's as TimeML writes it, where TimeML has the form.
fn timeml(value: &str) -> String {
    let Ok(d) = FuzzyDate::parse(value) else {
        return value.to_owned();
    };
    let (a, b) = (d.earliest(), d.latest());
    let day = |n: i32| claimline::model::date::date_of(n);
    if let (Some(first), Some(last)) = (day(a), day(b))
        && b - a == 6
        && first.weekday() == chrono::Weekday::Mon
        && last.weekday() == chrono::Weekday::Sun
    {
        let week = first.iso_week();
        return format!("{}-W{:02}", week.year(), week.week());
    }
    // Three months from the first of one to the end of the third: a quarter, or a
    // season as TimeML writes them.
    if let (Some(first), Some(last)) = (day(a), day(b))
        && first.day() == 1
        && (last + chrono::Duration::days(1)).day() == 1
    {
        let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
        if months == 2 {
            let season = match first.month() {
                3 => Some("SP"),
                6 => Some("SU"),
                9 => Some("FA"),
                12 => Some("WI"),
                _ => None,
            };
            if first.month() % 3 == 1 {
                return format!("{}-Q{}", first.year(), first.month() / 3 + 1);
            }
            if let Some(season) = season {
                return format!("{}-{season}", first.year());
            }
        }
    }
    value.to_owned()
}

/// The value a mention is compared with: for "since X" (TimeML marks X alone, "since"
/// a signal), the window's start.
fn compared(text: &str, value: &str) -> String {
    if text.to_lowercase().starts_with("since ")
        && let Some((start, _)) = value.split_once("..")
    {
        return timeml(start);
    }
    timeml(value)
}

#[derive(Default)]
struct Score {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
    files: usize,
}

fn main() -> Result<(), String> {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        return Err("usage: tempeval DIR [DIR…] (folders of TimeML .tml files)".to_owned());
    }
    for dir in &dirs {
        let mut s = Score::default();
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{dir}: {e}"))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "tml"))
            .collect();
        entries.sort();
        let started = std::time::Instant::now();
        let mut words = 0usize;
        for path in &entries {
            let tml =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let Some((text, dct, gold)) = read(&tml) else {
                continue;
            };
            words += text.split_whitespace().count();
            s.files += 1;
            let found = dates(&text, dct);
            s.gold += gold.len();
            s.system += found.len();
            let mut used = vec![false; found.len()];
            for g in &gold {
                let hit = found
                    .iter()
                    .enumerate()
                    .find(|(i, f)| !used[*i] && f.span.start < g.end && g.start < f.span.end);
                let shown: String = text.chars().skip(g.start).take(g.end - g.start).collect();
                if hit.is_none() && std::env::var_os("TEMPEVAL_MISSES").is_some() {
                    println!("missed \"{shown}\" ({})", g.value);
                }
                if let Some((i, f)) = hit {
                    if std::env::var_os("TEMPEVAL_MISSES").is_some()
                        && f.value.as_deref().map(|v| compared(&f.text, v)).as_deref()
                            != Some(g.value.as_str())
                    {
                        println!("value of \"{shown}\": {:?}, gold {}", f.value, g.value);
                    }
                    used[i] = true;
                    s.relaxed += 1;
                    if f.span.start == g.start && f.span.end == g.end {
                        s.strict += 1;
                    }
                    if f.value.as_deref().map(|v| compared(&f.text, v)).as_deref()
                        == Some(g.value.as_str())
                    {
                        s.value += 1;
                    }
                }
            }
        }
        let elapsed = started.elapsed();
        let f1 = |hit: usize| {
            let p = hit as f64 / s.system.max(1) as f64;
            let r = hit as f64 / s.gold.max(1) as f64;
            (
                p,
                r,
                if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                },
            )
        };
        let (sp, sr, sf) = f1(s.strict);
        let (rp, rr, rf) = f1(s.relaxed);
        let (_, _, vf) = f1(s.value);
        println!(
            "{} ({} files, {} DATE expressions, {} found, {:.0} ms for {} words)\n  strict:  P {:.1} R {:.1} F1 {:.1}\n  relaxed: P {:.1} R {:.1} F1 {:.1}\n  value:   F1 {:.1}, accuracy {:.1} % of the relaxed matches",
            Path::new(dir).display(),
            s.files,
            s.gold,
            s.system,
            elapsed.as_secs_f64() * 1e3,
            words,
            sp * 100.0,
            sr * 100.0,
            sf * 100.0,
            rp * 100.0,
            rr * 100.0,
            rf * 100.0,
            vf * 100.0,
            s.value as f64 * 100.0 / s.relaxed.max(1) as f64
        );
    }
    Ok(())
}
