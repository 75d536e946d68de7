//! Date expressions that count from the day a text was published: weekdays
//! ("Friday", "next Monday"), "yesterday", "last week", "earlier this year", "two years
//! ago" — each the day, week, month or year it names by then, with a note; none given a
//! value when the day of publication is not known.

use chrono::{Datelike, Duration, NaiveDate};

use super::words::{Found, NUMBERS, Tok, WEEKDAYS, spoken};
use crate::model::FuzzyDate;

/// Words at token `i` that count from the day of publication.
pub(super) fn relative(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    weekday(t, i, published)
        .or_else(|| near(t, i, published))
        .or_else(|| ago(t, i, published))
}

/// "is needed but not known".
fn need(what: &str, used: usize) -> Found {
    (
        used,
        None,
        format!("\"{what}\" counts from the day of publication, which is not known."),
    )
}

/// A weekday: the last such day by the publication ("last Friday" too; "next Friday"
/// the next one).
fn weekday(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let word = |k: usize| t.get(k).map_or("", |x| x.text);
    let lower = |k: usize| word(k).to_lowercase();
    let w = lower(i);
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == w)
        && word(i).starts_with(char::is_uppercase)
    {
        let next = lower(i.wrapping_sub(1)) == "next";
        let Some(p) = published else {
            return Some(need(word(i), 1));
        };
        let mut d = p;
        if next {
            d += Duration::days(1);
            while d.weekday() != wd {
                d += Duration::days(1);
            }
        } else {
            while d.weekday() != wd {
                d -= Duration::days(1);
            }
        }
        let which = if next {
            "the next"
        } else if d == p {
            "that same"
        } else {
            "the last"
        };
        return Some((
            1,
            Some(FuzzyDate::day(d)),
            format!(
                "'{}' in a text published on {}: {which} {}, {}.",
                word(i),
                spoken(p),
                word(i),
                spoken(d)
            ),
        ));
    }
    None
}

/// "yesterday", "today", "tomorrow"; "last week|month|year", "this …", "earlier this
/// year".
fn near(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let word = |k: usize| t.get(k).map_or("", |x| x.text);
    let lower = |k: usize| word(k).to_lowercase();
    let w = lower(i);
    let days = |n: i64, what: &str| -> Option<Found> {
        let p = published?;
        let d = p + Duration::days(n);
        Some((
            1,
            Some(FuzzyDate::day(d)),
            format!(
                "'{what}' in a text published on {}: {}.",
                spoken(p),
                spoken(d)
            ),
        ))
    };
    match w.as_str() {
        "yesterday" => return days(-1, "yesterday").or_else(|| Some(need("yesterday", 1))),
        "today" => return days(0, "today").or_else(|| Some(need("today", 1))),
        "tomorrow" => return days(1, "tomorrow").or_else(|| Some(need("tomorrow", 1))),
        _ => {}
    }
    // "last week|month|year", "this week|month|year", "earlier this year".
    let (used, which, unit) = match (w.as_str(), lower(i + 1).as_str(), lower(i + 2).as_str()) {
        ("last", u @ ("week" | "month" | "year"), _) => (2, -1, u.to_owned()),
        ("this", u @ ("week" | "month" | "year"), _) => (2, 0, u.to_owned()),
        ("earlier", "this", u @ ("week" | "month" | "year")) => (3, 0, format!("{u} so far")),
        _ => (0, 0, String::new()),
    };
    if used > 0 {
        let Some(p) = published else {
            return Some((
                used,
                None,
                format!(
                    "\"{}\" counts from the day of publication, which is not known.",
                    words(t, i, used)
                ),
            ));
        };
        let value = match unit.as_str() {
            "week" => {
                let monday = p - Duration::days(i64::from(p.weekday().num_days_from_monday()))
                    + Duration::weeks(which);
                FuzzyDate::window(
                    FuzzyDate::day(monday),
                    FuzzyDate::day(monday + Duration::days(6)),
                )
            }
            "month" => {
                let (y, m) = if which < 0 {
                    if p.month() == 1 {
                        (p.year() - 1, 12)
                    } else {
                        (p.year(), p.month() - 1)
                    }
                } else {
                    (p.year(), p.month())
                };
                FuzzyDate::month(y, m)
            }
            "year" => FuzzyDate::year(p.year() + i32::try_from(which).unwrap_or(0)),
            s if s.ends_with("so far") => {
                let start = NaiveDate::from_ymd_opt(p.year(), 1, 1)?;
                FuzzyDate::window(FuzzyDate::day(start), FuzzyDate::day(p))
            }
            _ => None,
        };
        return Some((
            used,
            value,
            format!(
                "\"{}\" in a text published on {}.",
                words(t, i, used),
                spoken(p)
            ),
        ));
    }
    None
}

/// "two years ago", "3 days ago".
fn ago(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let word = |k: usize| t.get(k).map_or("", |x| x.text);
    let lower = |k: usize| word(k).to_lowercase();
    let w = lower(i);
    // "two years ago", "3 days ago".
    let n = NUMBERS
        .iter()
        .position(|x| *x == w)
        .map(|k| k + 1)
        .or_else(|| w.parse::<usize>().ok().filter(|n| *n <= 100));
    if let Some(n) = n
        && lower(i + 2) == "ago"
    {
        let unit = lower(i + 1);
        let Some(p) = published else {
            return Some((
                3,
                None,
                format!(
                    "\"{}\" counts from the day of publication, which is not known.",
                    words(t, i, 3)
                ),
            ));
        };
        let n = i64::try_from(n).unwrap_or(0);
        let value = match unit.trim_end_matches('s') {
            "day" => Some(FuzzyDate::day(p - Duration::days(n))),
            "week" => {
                let d = p - Duration::weeks(n);
                let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
                FuzzyDate::window(
                    FuzzyDate::day(monday),
                    FuzzyDate::day(monday + Duration::days(6)),
                )
            }
            "year" => FuzzyDate::year(p.year() - i32::try_from(n).unwrap_or(0)),
            "month" => {
                let months = p.year() * 12 + i32::try_from(p.month()).unwrap_or(1)
                    - 1
                    - i32::try_from(n).unwrap_or(0);
                FuzzyDate::month(
                    months.div_euclid(12),
                    u32::try_from(months.rem_euclid(12) + 1).unwrap_or(1),
                )
            }
            _ => return None,
        };
        return Some((
            3,
            value,
            format!(
                "\"{}\" in a text published on {}: as precise as the unit.",
                words(t, i, 3),
                spoken(p)
            ),
        ));
    }
    None
}

fn words(t: &[Tok<'_>], i: usize, n: usize) -> String {
    t[i..(i + n).min(t.len())]
        .iter()
        .map(|x| x.text)
        .collect::<Vec<_>>()
        .join(" ")
}
