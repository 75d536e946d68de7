//! Date expressions in running text, normalised at their honest precision: absolute
//! ("7 November 2024", "Nov. 7", "July 2020", "2017", "2024-11-11"), relative to the day
//! the text was published ("Friday", "on Thursday", "yesterday", "last week", "earlier
//! this year", "two years ago") and spans ("from 2017 to 2019", "since January"), each
//! as one of Claimline's date forms — a day, a month, a year or a window — with a note
//! saying how it was worked out. An expression that needs the publication day and has
//! none is reported with no value, never guessed.

use chrono::{Datelike, NaiveDate};

use super::Span;
use super::words::{Found, Tok, spoken, tokens, year_of};
use crate::english::MONTHS_SPOKEN;
use crate::model::FuzzyDate;

/// A date expression found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DateMention {
    /// Where it is, in characters from the text's start.
    pub span: Span,
    /// Its words.
    pub text: String,
    /// The date as Claimline writes it ("2024-11-07", "2020-07", "2017",
    /// "2024-11-04..2024-11-10"), when it can be worked out.
    pub value: Option<String>,
    /// How it was worked out ("'Thursday' in a text published on Monday 11 November
    /// 2024: the Thursday before, 7 November 2024").
    pub note: String,
}

/// The month a word names ("November", "Nov", "Sept"; capitalised, as English writes
/// months, so "may" and "march" as words are not), 1–12.
fn month_of(word: &str) -> Option<u32> {
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let w = word.to_lowercase();
    let at = MONTHS_SPOKEN.iter().position(|m| {
        m.eq_ignore_ascii_case(&w)
            || ((w.len() == 3 || w == "sept")
                && m.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(&w)))
    })?;
    u32::try_from(at + 1).ok()
}

fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// Every date expression in `text`, in order; `published` is the day the text appeared,
/// which relative expressions are read against.
pub fn dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let toks = tokens(text);
    let mut found: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((used, value, note)) = at(&toks, i, published) {
            let (start, end) = (toks[i].start, toks[i + used - 1].end);
            let words: String = text.chars().skip(start).take(end - start).collect();
            found.push(DateMention {
                span: Span { start, end },
                text: words,
                value: value.map(|d| d.to_string()),
                note,
            });
            i += used;
        } else {
            i += 1;
        }
    }
    found
}

/// The expression starting at token `i`, if one does: how many tokens it takes, its
/// value and note.
fn at(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let word = |k: usize| t.get(k).map_or("", |x| x.text);
    let lower = |k: usize| word(k).to_lowercase();
    // Spans: "from 2017 to 2019", "between 2017 and 2019", "since January".
    if matches!(lower(i).as_str(), "from" | "between")
        && let Some((a, da, _)) = point(t, i + 1, published)
        && matches!(
            lower(i + 1 + a).as_str(),
            "to" | "and" | "until" | "through"
        )
        && let Some((b, db, _)) = point(t, i + 2 + a, published)
    {
        let value = da.zip(db).and_then(|(x, y)| FuzzyDate::window(x, y));
        return Some((
            2 + a + b,
            value,
            format!("A span: from {} to {}.", show(da), show(db)),
        ));
    }
    if lower(i) == "since"
        && let Some((a, da, _)) = point(t, i + 1, published)
    {
        let value = published
            .zip(da)
            .and_then(|(p, d)| FuzzyDate::window(d, FuzzyDate::day(p)));
        let note = match published {
            Some(p) => format!(
                "\"since\": from {} to the day of publication, {}.",
                show(da),
                spoken(p)
            ),
            None => "\"since\" runs to the day of publication, which is not known.".to_owned(),
        };
        return Some((1 + a, value, note));
    }
    // "Saturday, April 25": the date the weekday names.
    if super::words::WEEKDAYS.iter().any(|(n, _)| *n == lower(i))
        && word(i + 1) == ","
        && let Some((used, value, note)) = point(t, i + 2, published)
        && value.is_some_and(|v| v.is_exact_day())
    {
        return Some((used + 2, value, note));
    }
    // "early next year", "late 2019", "mid-November": the date, whole (a reader of the
    // note narrows it).
    let modifier = match (lower(i).as_str(), word(i + 1)) {
        ("early" | "late", _) => 1,
        ("mid", "-") => 2,
        _ => 0,
    };
    if modifier > 0
        && let Some((used, value, note)) = point(t, i + modifier, published)
        && value.is_some()
    {
        return Some((
            used + modifier,
            value,
            format!(
                "{note} \"{}\" is not narrowed: the whole of it is kept.",
                word(i)
            ),
        ));
    }
    let (used, value, note) = point(t, i, published)?;
    Some((used, value, note))
}

fn show(d: Option<FuzzyDate>) -> String {
    d.map_or_else(|| "an unknown date".to_owned(), |d| d.to_string())
}

/// A single date at token `i`.
fn point(t: &[Tok<'_>], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let word = |k: usize| t.get(k).map_or("", |x| x.text);
    let lower = |k: usize| word(k).to_lowercase();
    let dot = |k: usize| usize::from(word(k) == ".");
    // ISO: 2024-11-11.
    if let Ok(d) = NaiveDate::parse_from_str(word(i), "%Y-%m-%d") {
        return Some((1, Some(FuzzyDate::day(d)), "Written in full.".to_owned()));
    }
    // "7 November 2024", "7 Nov".
    if let Some(day) = day_of(word(i))
        && let Some(month) = month_of(word(i + 1))
    {
        let after = i + 2 + dot(i + 2);
        return Some(day_month(
            day,
            month,
            year_of(word(after)).map(|y| (y, after + 1 - i)),
            2 + dot(i + 2),
            published,
        ));
    }
    // "November 7, 2024", "Nov. 7", "Nov 7".
    if let Some(month) = month_of(word(i)) {
        let d = i + 1 + dot(i + 1);
        if let Some(day) = day_of(word(d)) {
            let comma = usize::from(word(d + 1) == ",");
            let y = d + 1 + comma;
            return Some(day_month(
                day,
                month,
                year_of(word(y)).map(|yr| (yr, y + 1 - i)),
                d + 1 - i,
                published,
            ));
        }
        // "July 2020", "July of 2020".
        let of = usize::from(lower(i + 1) == "of");
        if let Some(year) = year_of(word(i + 1 + of)) {
            return Some((
                2 + of,
                FuzzyDate::month(year, month),
                "A month and its year.".to_owned(),
            ));
        }
        // "last May", "this September", "next March".
        let before = lower(i.wrapping_sub(1));
        if matches!(before.as_str(), "last" | "next" | "this") {
            return None; // read from the word before (`relative`)
        }
        // "in July", "July": the publication's year's July, unless that is nine months
        // or more away. "May" and "March" alone are words as often as months: only
        // after a preposition.
        if matches!(
            before.as_str(),
            "in" | "since"
                | "until"
                | "by"
                | "from"
                | "to"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "-"
                | "of"
                | "during"
                | "through"
        ) || !matches!(month, 3 | 5)
        {
            return Some(match published {
                Some(p) => {
                    // "since July": a July by the publication.
                    let year = if before == "since" && month > p.month() {
                        p.year() - 1
                    } else if before == "since" {
                        p.year()
                    } else {
                        year_near(p, month)
                    };
                    (
                        1,
                        FuzzyDate::month(year, month),
                        format!(
                            "A month with no year, in a text published on {}: that year's {}, unless it is nine months or more away.",
                            spoken(p),
                            MONTHS_SPOKEN[(month - 1) as usize]
                        ),
                    )
                }
                None => (
                    1,
                    None,
                    "A month with no year; the day of publication is not known.".to_owned(),
                ),
            });
        }
        return None;
    }
    // "2017" (a year on its own, not a part of a number).
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let part_of_number = (matches!(word(i + 1), "," | ".") && digits(word(i + 2)))
        || (matches!(word(i.wrapping_sub(1)), "," | ".") && digits(word(i.wrapping_sub(2))));
    if let Some(year) = year_of(word(i))
        && !part_of_number
    {
        return Some((1, FuzzyDate::year(year), "A year.".to_owned()));
    }
    super::relative::relative(t, i, published)
}

/// A day and month, with a year when given (`year`: the year and how many tokens the
/// whole takes), else the year that puts it last before the publication.
/// The year of month `month` nearest the publication as news writes it: the
/// publication's own, unless that puts the month nine months or more ahead (then the
/// year before) or behind (the year after).
fn year_near(p: NaiveDate, month: u32) -> i32 {
    let gap = i64::from(month) - i64::from(p.month());
    if gap >= 9 {
        p.year() - 1
    } else if gap <= -9 {
        p.year() + 1
    } else {
        p.year()
    }
}

/// A day and month, with the year when given.
fn day_month(
    day: u32,
    month: u32,
    year: Option<(i32, usize)>,
    used: usize,
    published: Option<NaiveDate>,
) -> Found {
    match year {
        Some((y, all)) => (
            all,
            NaiveDate::from_ymd_opt(y, month, day).map(FuzzyDate::day),
            "A day, its month and year.".to_owned(),
        ),
        None => match published {
            Some(p) => {
                let date = NaiveDate::from_ymd_opt(year_near(p, month), month, day);
                (
                    used,
                    date.map(FuzzyDate::day),
                    format!(
                        "A day and month with no year, in a text published on {}: that year's, unless it is nine months or more away.",
                        spoken(p)
                    ),
                )
            }
            None => (
                used,
                None,
                "A day and month with no year; the day of publication is not known.".to_owned(),
            ),
        },
    }
}
