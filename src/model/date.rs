//! Dates with honest precision.
//!
//! A news article rarely gives a full date for everything it mentions: "in July 2018",
//! "in 2017", "after his term ended". A [`FuzzyDate`] records exactly what is known — a
//! day, a month, a year, or a window between two such points — and the bounds that
//! follow from it (a month covers all its days). Nothing here invents a day.
//!
//! In a dataset file a date is a string:
//!
//! | text                      | meaning                                   |
//! |---------------------------|-------------------------------------------|
//! | `"2024-11-07"`            | that day                                  |
//! | `"2020-07"`               | some day in July 2020                     |
//! | `"2017"`                  | some day in 2017                          |
//! | `"2021-01-20..2024-11"`   | some day between 20 Jan 2021 and Nov 2024 |
//!
//! Years have at least four digits and may be negative (`"-0044"`).

use std::fmt;

use chrono::{Datelike as _, NaiveDate};

/// How precisely one end of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Precision {
    /// A lower-case word for the precision ("day", "month", "year").
    pub fn word(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// A date known to a day, a month, a year, or only within a window.
///
/// Bounds are day numbers (days since 1 January of year 1, see [`day_number`]), both
/// inclusive; `earliest <= latest` always holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    earliest: i32,
    latest: i32,
    shape: Shape,
}

/// What the date's text said: one point, or a window between two points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    Point(Precision),
    Window(Precision, Precision),
}

/// Why a date's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not in one of the accepted forms.
    #[error("`{text}` is not a date")]
    Malformed {
        /// The text as written.
        text: String,
    },
    /// The parts are numbers but not a real calendar date.
    #[error("`{text}` is not a real calendar date ({why})")]
    NotACalendarDate {
        /// The text as written.
        text: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A window whose end comes before its start.
    #[error("the window `{text}` ends before it starts")]
    Inverted {
        /// The text as written.
        text: String,
    },
}

impl DateError {
    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            Self::Malformed { .. } => {
                "write a day \"2024-11-07\", a month \"2020-07\", a year \"2017\", or a window \"2021-01-20..2024-11\"; explain a derived date in `date_note`"
            }
            Self::NotACalendarDate { .. } => "check the year, month and day",
            Self::Inverted { .. } => "write the earlier date first",
        }
    }
}

/// Days since 1 January of year 1 (proleptic Gregorian) for a calendar date.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The calendar date of a day number, if it is within the supported range.
pub fn date_of(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

impl FuzzyDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        let n = day_number(date);
        Self {
            earliest: n,
            latest: n,
            shape: Shape::Point(Precision::Day),
        }
    }

    /// A date known to the month; `None` if the month is not 1–12 or out of range.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let (earliest, latest) = point_bounds(year, month, None).ok()?;
        Some(Self {
            earliest,
            latest,
            shape: Shape::Point(Precision::Month),
        })
    }

    /// A date known to the year; `None` if the year is out of range.
    pub fn year(year: i32) -> Option<Self> {
        let (earliest, _) = point_bounds(year, 1, None).ok()?;
        let (_, latest) = point_bounds(year, 12, None).ok()?;
        Some(Self {
            earliest,
            latest,
            shape: Shape::Point(Precision::Year),
        })
    }

    /// A window from the start of `from` to the end of `to`; `None` if inverted.
    pub fn window(from: Self, to: Self) -> Option<Self> {
        (from.earliest <= to.latest).then_some(Self {
            earliest: from.earliest,
            latest: to.latest,
            shape: Shape::Window(from.start_precision(), to.end_precision()),
        })
    }

    /// The first day it could be (a day number).
    pub fn earliest(&self) -> i32 {
        self.earliest
    }

    /// The last day it could be (a day number).
    pub fn latest(&self) -> i32 {
        self.latest
    }

    /// The first day it could be, as a calendar date.
    pub fn earliest_date(&self) -> NaiveDate {
        date_of(self.earliest).unwrap_or(NaiveDate::MIN)
    }

    /// The last day it could be, as a calendar date.
    pub fn latest_date(&self) -> NaiveDate {
        date_of(self.latest).unwrap_or(NaiveDate::MAX)
    }

    /// True when the date is known to the day.
    pub fn is_exact_day(&self) -> bool {
        self.shape == Shape::Point(Precision::Day)
    }

    /// True when the date is a window between two points.
    pub fn is_window(&self) -> bool {
        matches!(self.shape, Shape::Window(..))
    }

    /// Precision of the single point, or `None` for a window.
    pub fn precision(&self) -> Option<Precision> {
        match self.shape {
            Shape::Point(p) => Some(p),
            Shape::Window(..) => None,
        }
    }

    /// Number of days the date could fall on.
    pub fn span_days(&self) -> i64 {
        i64::from(self.latest) - i64::from(self.earliest) + 1
    }

    fn start_precision(&self) -> Precision {
        match self.shape {
            Shape::Point(p) | Shape::Window(p, _) => p,
        }
    }

    fn end_precision(&self) -> Precision {
        match self.shape {
            Shape::Point(p) | Shape::Window(_, p) => p,
        }
    }

    /// Parses the dataset form (`"2024-11-07"`, `"2020-07"`, `"2017"`, `"A..B"`).
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        if let Some((from, to)) = trimmed.split_once("..") {
            let from = parse_point(from.trim(), text)?;
            let to = parse_point(to.trim(), text)?;
            return Self::window(from, to).ok_or_else(|| DateError::Inverted {
                text: text.to_owned(),
            });
        }
        parse_point(trimmed, text)
    }

    /// A short human form: "7 Nov 2024", "Jul 2020", "2017", "20 Jan 2017 – Jun 2018".
    pub fn display(&self) -> String {
        match self.shape {
            Shape::Point(p) => format_bound(self.earliest, p),
            Shape::Window(a, b) => format!(
                "{} – {}",
                format_bound(self.earliest, a),
                format_bound(self.latest, b)
            ),
        }
    }

    /// A sentence-like human form that says how precise the date is.
    pub fn describe(&self) -> String {
        match self.shape {
            Shape::Point(Precision::Day) => self.display(),
            Shape::Point(Precision::Month) => format!("{} (day not known)", self.display()),
            Shape::Point(Precision::Year) => format!("{} (month not known)", self.display()),
            Shape::Window(a, b) => format!(
                "some time between {} and {}",
                format_bound(self.earliest, a),
                format_bound(self.latest, b)
            ),
        }
    }
}

impl FuzzyDate {
    /// The date as said aloud, at its precision and no finer: "7 November 2024",
    /// "July 2020", "2017", "between 20 January 2017 and June 2018".
    pub fn spoken(&self) -> String {
        match self.shape {
            Shape::Point(p) => spoken_bound(self.earliest, p),
            Shape::Window(a, b) => format!(
                "between {} and {}",
                spoken_bound(self.earliest, a),
                spoken_bound(self.latest, b)
            ),
        }
    }
}

/// A day, month or year with the month's whole name.
pub fn spoken_bound(day: i32, precision: Precision) -> String {
    let Some(date) = date_of(day) else {
        return "an unknown date".to_owned();
    };
    let month = crate::english::month_spoken(date.month0());
    match precision {
        Precision::Day => format!("{} {month} {}", date.day(), date.year()),
        Precision::Month => format!("{month} {}", date.year()),
        Precision::Year => format!("{}", date.year()),
    }
}

impl fmt::Display for FuzzyDate {
    /// The dataset form, which [`FuzzyDate::parse`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape {
            Shape::Point(p) => write_iso(f, self.earliest, p),
            Shape::Window(a, b) => {
                write_iso(f, self.earliest, a)?;
                f.write_str("..")?;
                write_iso(f, self.latest, b)
            }
        }
    }
}

impl serde::Serialize for FuzzyDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for FuzzyDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FuzzyDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string such as \"2024-11-07\", \"2020-07\" or \"2017\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FuzzyDate, E> {
                // The loader finds the help again from the message (see `load::ron`).
                FuzzyDate::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

fn format_bound(day: i32, precision: Precision) -> String {
    let Some(date) = date_of(day) else {
        return "?".to_owned();
    };
    let month = crate::english::month_name(date.month0());
    match precision {
        Precision::Day => format!("{} {month} {}", date.day(), date.year()),
        Precision::Month => format!("{month} {}", date.year()),
        Precision::Year => format!("{}", date.year()),
    }
}

fn write_iso(f: &mut fmt::Formatter<'_>, day: i32, precision: Precision) -> fmt::Result {
    let Some(date) = date_of(day) else {
        return f.write_str("?");
    };
    let year = date.year();
    if year < 0 {
        write!(f, "-{:04}", -i64::from(year))?;
    } else {
        write!(f, "{year:04}")?;
    }
    match precision {
        Precision::Year => Ok(()),
        Precision::Month => write!(f, "-{:02}", date.month()),
        Precision::Day => write!(f, "-{:02}-{:02}", date.month(), date.day()),
    }
}

/// Parses one point: `[-]YYYY`, `[-]YYYY-MM` or `[-]YYYY-MM-DD`.
fn parse_point(text: &str, whole: &str) -> Result<FuzzyDate, DateError> {
    let malformed = || DateError::Malformed {
        text: whole.to_owned(),
    };
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = body.split('-');
    let year_text = parts.next().ok_or_else(malformed)?;
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() || year_text.len() < 4 || !is_digits(year_text) {
        return Err(malformed());
    }
    let not_calendar = |why| DateError::NotACalendarDate {
        text: whole.to_owned(),
        why,
    };
    let magnitude: i32 = year_text
        .parse()
        .map_err(|_| not_calendar("the year is too large"))?;
    let year = if negative { -magnitude } else { magnitude };
    let two_digits = |t: &str| (t.len() == 2 && is_digits(t)).then(|| t.parse::<u32>().ok());
    let (month, day) = match (month_text, day_text) {
        (None, _) => (None, None),
        (Some(m), None) => (Some(two_digits(m).flatten().ok_or_else(malformed)?), None),
        (Some(m), Some(d)) => (
            Some(two_digits(m).flatten().ok_or_else(malformed)?),
            Some(two_digits(d).flatten().ok_or_else(malformed)?),
        ),
    };
    let precision = match (month, day) {
        (None, _) => Precision::Year,
        (Some(_), None) => Precision::Month,
        (Some(_), Some(_)) => Precision::Day,
    };
    let (earliest, latest) = match precision {
        Precision::Year => {
            let (e, _) = point_bounds(year, 1, None).map_err(not_calendar)?;
            let (_, l) = point_bounds(year, 12, None).map_err(not_calendar)?;
            (e, l)
        }
        Precision::Month | Precision::Day => {
            point_bounds(year, month.unwrap_or(1), day).map_err(not_calendar)?
        }
    };
    Ok(FuzzyDate {
        earliest,
        latest,
        shape: Shape::Point(precision),
    })
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Bounds of a month (`day == None`) or of one day, as day numbers.
fn point_bounds(year: i32, month: u32, day: Option<u32>) -> Result<(i32, i32), &'static str> {
    if !(1..=12).contains(&month) {
        return Err("months run from 01 to 12");
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or("the year is outside the supported range of ±262,000 years")?;
    match day {
        Some(d) => {
            let date = NaiveDate::from_ymd_opt(year, month, d)
                .ok_or("that month does not have this day")?;
            Ok((day_number(date), day_number(date)))
        }
        None => {
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            let last = next
                .and_then(|n| n.pred_opt())
                .ok_or("the year is outside the supported range of ±262,000 years")?;
            Ok((day_number(first), day_number(last)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_spoken_at_its_precision_with_whole_month_names() {
        let spoken = |t: &str| FuzzyDate::parse(t).unwrap().spoken();
        assert_eq!(spoken("2024-11-07"), "7 November 2024");
        assert_eq!(spoken("2020-07"), "July 2020");
        assert_eq!(spoken("2017"), "2017");
        assert_eq!(
            spoken("2017-01-20..2018-06"),
            "between 20 January 2017 and June 2018"
        );
    }

    fn ymd(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn each_form_has_the_bounds_it_promises() {
        let cases = [
            ("2024-11-07", ymd(2024, 11, 7), ymd(2024, 11, 7)),
            ("2020-07", ymd(2020, 7, 1), ymd(2020, 7, 31)),
            ("2024-02", ymd(2024, 2, 1), ymd(2024, 2, 29)),
            ("2017", ymd(2017, 1, 1), ymd(2017, 12, 31)),
            ("2021-01-20..2024-11", ymd(2021, 1, 20), ymd(2024, 11, 30)),
            ("2019..2019", ymd(2019, 1, 1), ymd(2019, 12, 31)),
        ];
        for (text, earliest, latest) in cases {
            let date = FuzzyDate::parse(text).unwrap();
            assert_eq!(
                (date.earliest(), date.latest()),
                (earliest, latest),
                "{text}"
            );
            assert_eq!(date.to_string(), text, "round trip of {text}");
        }
    }

    #[test]
    fn negative_years_round_trip() {
        let date = FuzzyDate::parse("-0044-03-15").unwrap();
        assert_eq!(date.to_string(), "-0044-03-15");
        assert!(date.earliest() < 0);
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        let cases = [
            ("", "is not a date"),
            ("17", "is not a date"),
            ("2024-13", "months run from 01 to 12"),
            ("2023-02-29", "does not have this day"),
            ("2024-11-7", "is not a date"),
            ("2024/11/07", "is not a date"),
            ("2024-11..2024-10", "ends before it starts"),
            ("99999999999", "too large"),
            ("13800000000", "too large"),
            ("300000", "supported range"),
            ("Thursday", "is not a date"),
        ];
        for (text, expected) in cases {
            let err = FuzzyDate::parse(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn display_says_no_more_than_is_known() {
        let d = |t| FuzzyDate::parse(t).unwrap();
        assert_eq!(d("2024-11-07").display(), "7 Nov 2024");
        assert_eq!(d("2020-07").display(), "Jul 2020");
        assert_eq!(d("2020-07").describe(), "Jul 2020 (day not known)");
        assert_eq!(d("2017").describe(), "2017 (month not known)");
        assert_eq!(
            d("2021-01-20..2024-11").describe(),
            "some time between 20 Jan 2021 and Nov 2024"
        );
    }

    #[test]
    fn constructors_match_parsing() {
        assert_eq!(
            FuzzyDate::month(2020, 7),
            Some(FuzzyDate::parse("2020-07").unwrap())
        );
        assert_eq!(
            FuzzyDate::year(2017),
            Some(FuzzyDate::parse("2017").unwrap())
        );
        assert_eq!(FuzzyDate::month(2020, 13), None);
    }
}
