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
        .or_else(|| named(t, i, published))
        .or_else(|| near(t, i, published))
        .or_else(|| ago(t, i, published))
        .or_else(|| quarter(t, i, published))
        .or_else(|| reference(t, i, published))
}

/// "last May", "this September", "next March"; "this summer", "last spring", "this
/// past spring": the month, or the season's three months.
fn named(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let lower = |k: usize| t.get(k).map_or(String::new(), |x| x.text.to_lowercase());
    let which = lower(i);
    if !matches!(which.as_str(), "last" | "this" | "next") {
        return None;
    }
    let past = usize::from(which == "this" && lower(i + 1) == "past");
    let k = i + 1 + past;
    let name = lower(k);
    const SEASONS: [(&str, u32); 5] = [
        ("spring", 3),
        ("summer", 6),
        ("autumn", 9),
        ("fall", 9),
        ("winter", 12),
    ];
    let month = crate::english::MONTHS_SPOKEN
        .iter()
        .position(|m| m.eq_ignore_ascii_case(&name))
        .map(|m| u32::try_from(m + 1).unwrap_or(1));
    let season = SEASONS.iter().find(|(s, _)| *s == name).map(|(_, m)| *m);
    if month.is_none() && season.is_none() {
        return None;
    }
    let used = k + 1 - i;
    let Some(p) = published else {
        return Some(need(&words(t, i, used), used));
    };
    let first = month.or(season).unwrap_or(1);
    // "last": the last one begun before the publication's month; "next": the first one
    // after; "this": the publication's year's (for "this past", the last one begun).
    let begun = first <= p.month();
    let year = match (which.as_str(), past == 1) {
        ("last", _) | ("this", true) => {
            if first < p.month() || (past == 1 && begun) {
                p.year()
            } else {
                p.year() - 1
            }
        }
        ("next", _) => {
            if first > p.month() {
                p.year()
            } else {
                p.year() + 1
            }
        }
        _ => p.year(),
    };
    let value = match month {
        Some(m) => FuzzyDate::month(year, m),
        None => {
            let to_month = first + 2;
            let (to_year, to_month) = if to_month > 12 {
                (year + 1, to_month - 12)
            } else {
                (year, to_month)
            };
            FuzzyDate::window(
                FuzzyDate::month(year, first)?,
                FuzzyDate::month(to_year, to_month)?,
            )
        }
    };
    Some((
        used,
        value,
        format!(
            "\"{}\" in a text published on {}.",
            words(t, i, used),
            spoken(p)
        ),
    ))
}

/// Words that place something at the time of writing or before or after it, with no
/// date one could put an event on ("now", "recently", "in the past"): found, with no
/// value.
fn reference(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let lower = |k: usize| t.get(k).map_or(String::new(), |x| x.text.to_lowercase());
    let (used, what) = match (
        lower(i).as_str(),
        lower(i + 1).as_str(),
        lower(i + 2).as_str(),
    ) {
        ("now" | "currently" | "presently", _, _) => (1, "the time of writing"),
        ("at", "present", _) => (2, "the time of writing"),
        ("recently" | "lately" | "previously", _, _) => (1, "some time before the writing"),
        ("in", "the", "past") => (3, "some time before the writing"),
        ("in", "the", "future") | ("soon", _, _) => (
            if lower(i) == "soon" { 1 } else { 3 },
            "some time after the writing",
        ),
        _ => return None,
    };
    let when = published.map_or_else(String::new, |p| format!(" (published on {})", spoken(p)));
    Some((
        used,
        None,
        format!(
            "\"{}\": {what}{when}; no date to put an event on.",
            words(t, i, used)
        ),
    ))
}

/// Quarters of a year: "the third quarter", "third-quarter", "the 1988 second quarter",
/// "fiscal first quarter" (the calendar's), "the latest quarter" (the last one ended
/// by the publication) — each the window of its three months.
fn quarter(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let lower = |k: usize| t.get(k).map_or(String::new(), |x| x.text.to_lowercase());
    const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];
    // The words: [the] [YEAR] [fiscal] ORDINAL[-]quarter | the latest quarter.
    let mut k = i;
    if lower(k) == "the" {
        k += 1;
    }
    let year = super::words::year_of(&lower(k));
    if year.is_some() {
        k += 1;
    }
    if lower(k) == "fiscal" {
        k += 1;
    }
    let (q, end) = if let Some(q) = ORDINALS.iter().position(|o| *o == lower(k)) {
        let mut e = k + 1;
        if lower(e) == "-" {
            e += 1;
        }
        if lower(e) != "quarter" {
            return None;
        }
        (Some(q), e + 1)
    } else if lower(k) == "latest" && lower(k + 1) == "quarter" && k > i {
        (None, k + 2)
    } else {
        return None;
    };
    let used = end - i;
    let Some(p) = published.or_else(|| year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)))
    else {
        return Some(need(&words(t, i, used), used));
    };
    let this = i32::try_from((p.month() - 1) / 3).unwrap_or(0);
    let (y, q) = match (q, year) {
        (Some(q), Some(y)) => (y, i32::try_from(q).unwrap_or(0)),
        // The last such quarter to have begun by the publication.
        (Some(q), None) => {
            let q = i32::try_from(q).unwrap_or(0);
            (if q <= this { p.year() } else { p.year() - 1 }, q)
        }
        // The latest quarter: the last one ended.
        (None, _) => {
            if this == 0 {
                (p.year() - 1, 3)
            } else {
                (p.year(), this - 1)
            }
        }
    };
    let first = u32::try_from(q * 3 + 1).unwrap_or(1);
    let value = FuzzyDate::window(FuzzyDate::month(y, first)?, FuzzyDate::month(y, first + 2)?);
    Some((
        used,
        value,
        format!(
            "\"{}\": a calendar quarter{}.",
            words(t, i, used),
            published.map_or_else(String::new, |p| format!(", read against {}", spoken(p)))
        ),
    ))
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
        ("next", u @ ("week" | "month" | "year"), _) => (2, 1, u.to_owned()),
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
                let months = p.year() * 12 + i32::try_from(p.month()).unwrap_or(1) - 1
                    + i32::try_from(which).unwrap_or(0);
                FuzzyDate::month(
                    months.div_euclid(12),
                    u32::try_from(months.rem_euclid(12) + 1).unwrap_or(1),
                )
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
    // "year-ago", "year-earlier": a year before the publication.
    if lower(i) == "year"
        && lower(i + 1) == "-"
        && matches!(lower(i + 2).as_str(), "ago" | "earlier")
    {
        let p = published?;
        return Some((
            3,
            FuzzyDate::year(p.year() - 1),
            format!(
                "\"{}\" in a text published on {}: the year before.",
                words(t, i, 3),
                spoken(p)
            ),
        ));
    }
    let n = NUMBERS
        .iter()
        .position(|x| *x == w)
        .map(|k| k + 1)
        .or_else(|| matches!(w.as_str(), "a" | "an").then_some(1))
        .or_else(|| w.parse::<usize>().ok().filter(|n| *n <= 100));
    if let Some(n) = n
        && matches!(lower(i + 2).as_str(), "ago" | "earlier")
        && matches!(
            lower(i + 1).trim_end_matches('s'),
            "day" | "week" | "month" | "year"
        )
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
