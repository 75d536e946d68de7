//! Dates as event tables write them, read to the precision they give and no finer.
//!
//! | cell                                   | read as                   |
//! |----------------------------------------|---------------------------|
//! | `2024-11-07`, `2024/11/07`, `2024.11.07` | that day                |
//! | `20241107` (GDELT `SQLDATE`)           | that day                  |
//! | `20241107143000` (GDELT 2.0 `DATEADDED`) | that day (time dropped) |
//! | `2024-11-07T14:30:00Z`, `2024-11-07 14:30` | that day (time dropped) |
//! | `2024-11`, `202411`                    | some day in that month    |
//! | `2024`                                 | some day in that year     |
//! | `7 November 2024`, `7 Nov 2024`, `November 7, 2024` | that day     |
//! | `November 2024`                        | some day in that month    |
//! | `07/11/2024`, `7.11.2024`              | a day, day or month first as the file shows (see [`DayOrder`]) |
//! | `2021-01-20..2024-11`                  | a window, as in dataset files |
//!
//! Two-digit years are refused: `07/11/24` could be three different days.

use chrono::NaiveDate;

use crate::english::MONTHS;
use crate::model::FuzzyDate;

/// Which number comes first in a date like `03/04/2024`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayOrder {
    /// `03/04/2024` is 3 April (most of the world).
    #[default]
    DayFirst,
    /// `03/04/2024` is 4 March (the United States).
    MonthFirst,
}

impl DayOrder {
    /// How the order is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Self::DayFirst => "day first (03/04/2024 is 3 April)",
            Self::MonthFirst => "month first (03/04/2024 is 4 March)",
        }
    }
}

/// What the numbers of slashed dates in a sample say about their order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OrderEvidence {
    /// Dates whose first number is over 12 (so it is the day).
    pub day_first: usize,
    /// Dates whose second number is over 12 (so the first is the month).
    pub month_first: usize,
    /// Dates where both numbers are 12 or less.
    pub ambiguous: usize,
}

impl OrderEvidence {
    /// Looks at one cell.
    pub fn observe(&mut self, cell: &str) {
        let Some((a, b, _)) = slashed_parts(cell.trim()) else {
            return;
        };
        match (a > 12, b > 12) {
            (true, false) => self.day_first += 1,
            (false, true) => self.month_first += 1,
            (false, false) => self.ambiguous += 1,
            (true, true) => {}
        }
    }

    /// The order the evidence points to; day first when it says nothing.
    pub fn order(&self) -> DayOrder {
        if self.month_first > self.day_first {
            DayOrder::MonthFirst
        } else {
            DayOrder::DayFirst
        }
    }

    /// True when slashed dates were seen but none of them tells the order.
    pub fn undecided(&self) -> bool {
        self.ambiguous > 0 && self.day_first == 0 && self.month_first == 0
    }
}

/// Reads a table cell as a date; `None` when it is not one of the forms above.
pub fn parse(cell: &str, order: DayOrder) -> Option<FuzzyDate> {
    let s = cell.trim();
    let b = s.as_bytes();
    // The common forms first, without allocating: YYYY-MM-DD and YYYYMMDD.
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && (b.len() == 10 || matches!(b[10], b'T' | b' ' | b't'))
    {
        let (y, m, d) = (digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
        return day(y, m, d);
    }
    if b.iter().all(u8::is_ascii_digit) {
        return match b.len() {
            4 => FuzzyDate::year(digits(b)?),
            6 => FuzzyDate::month(digits(&b[..4])?, u32::try_from(digits(&b[4..])?).ok()?),
            8 | 12 | 14 => day(digits(&b[..4])?, digits(&b[4..6])?, digits(&b[6..8])?),
            _ => None,
        };
    }
    if let Some(date) = separated(s, order) {
        return Some(date);
    }
    if let Some(date) = worded(s) {
        return Some(date);
    }
    // The dataset form: "2024-11", "-0044", "2021-01-20..2024-11".
    FuzzyDate::parse(s).ok()
}

fn day(y: i32, m: i32, d: i32) -> Option<FuzzyDate> {
    let date = NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
    Some(FuzzyDate::day(date))
}

/// The number written with these ASCII digits (at most 9 of them).
fn digits(b: &[u8]) -> Option<i32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0i32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
    })
}

/// `YYYY/MM/DD`, `YYYY.MM.DD`, and `A/B/YYYY`, `A.B.YYYY`, `A-B-YYYY` in the file's order.
fn separated(s: &str, order: DayOrder) -> Option<FuzzyDate> {
    let head = s.split([' ', 'T']).next()?;
    let sep = head.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = head.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |t: &str| digits(t.as_bytes());
    if a.len() == 4 {
        return day(n(a)?, n(b)?, n(c)?);
    }
    if c.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (first, second, year) = (n(a)?, n(b)?, n(c)?);
    match order {
        DayOrder::DayFirst => day(year, second, first),
        DayOrder::MonthFirst => day(year, first, second),
    }
}

/// The two leading numbers and the year of `A/B/YYYY` (or with `.` or `-`).
fn slashed_parts(s: &str) -> Option<(i32, i32, i32)> {
    let head = s.split([' ', 'T']).next()?;
    let sep = head.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = head.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if c.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((
        digits(a.as_bytes())?,
        digits(b.as_bytes())?,
        digits(c.as_bytes())?,
    ))
}

/// The month a word names ("November", "Nov", "nov."), 1–12.
fn month_word(word: &str) -> Option<i32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let prefix = w.get(..3)?;
    let m = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(prefix))?;
    // Either the short name or the full one ("Sept" too).
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][m];
    let lower = w.to_ascii_lowercase();
    (full.starts_with(&lower)).then(|| i32::try_from(m + 1).unwrap_or(1))
}

/// `7 November 2024`, `November 7, 2024`, `November 2024`, `7-Nov-2024`.
fn worded(s: &str) -> Option<FuzzyDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let n = |t: &str| digits(t.as_bytes());
    match words.as_slice() {
        [d, m, y] if y.len() == 4 => {
            if let Some(month) = month_word(m) {
                day(
                    n(y)?,
                    month,
                    n(d.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?,
                )
            } else {
                let month = month_word(d)?;
                day(
                    n(y)?,
                    month,
                    n(m.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?,
                )
            }
        }
        [m, y] if y.len() == 4 => FuzzyDate::month(n(y)?, u32::try_from(month_word(m)?).ok()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str) -> String {
        parse(cell, DayOrder::DayFirst).map_or_else(|| "-".to_owned(), |d| d.to_string())
    }

    #[test]
    fn every_documented_form_reads_to_its_precision() {
        for (cell, expected) in [
            ("2024-11-07", "2024-11-07"),
            (" 2024-11-07 ", "2024-11-07"),
            ("2024/11/07", "2024-11-07"),
            ("2024.11.07", "2024-11-07"),
            ("20241107", "2024-11-07"),
            ("20241107143000", "2024-11-07"),
            ("2024-11-07T14:30:00Z", "2024-11-07"),
            ("2024-11-07 14:30", "2024-11-07"),
            ("2024-11", "2024-11"),
            ("202411", "2024-11"),
            ("2024", "2024"),
            ("7 November 2024", "2024-11-07"),
            ("7 Nov 2024", "2024-11-07"),
            ("7th Nov. 2024", "2024-11-07"),
            ("November 7, 2024", "2024-11-07"),
            ("Sept 1, 2019", "2019-09-01"),
            ("November 2024", "2024-11"),
            ("07-Nov-2024", "2024-11-07"),
            ("07/11/2024", "2024-11-07"),
            ("7.11.2024", "2024-11-07"),
            ("2021-01-20..2024-11", "2021-01-20..2024-11"),
        ] {
            assert_eq!(read(cell), expected, "{cell:?}");
        }
        assert_eq!(
            parse("07/11/2024", DayOrder::MonthFirst).map(|d| d.to_string()),
            Some("2024-07-11".to_owned())
        );
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for cell in [
            "",
            "   ",
            "n/a",
            "07/11/24",
            "2024-13-01",
            "2024-02-30",
            "20241332",
            "123",
            "Novembre 2024",
            "Nov",
            "2024-11-07garbage",
            "99999999999999999999",
            "٢٠٢٤",
        ] {
            assert_eq!(read(cell), "-", "{cell:?}");
        }
    }

    #[test]
    fn the_order_of_slashed_dates_is_told_by_the_numbers() {
        let mut evidence = OrderEvidence::default();
        for cell in ["03/04/2024", "11/25/2024", "2024-01-01"] {
            evidence.observe(cell);
        }
        assert_eq!(evidence.order(), DayOrder::MonthFirst);
        assert!(!evidence.undecided());
        let mut evidence = OrderEvidence::default();
        evidence.observe("03/04/2024");
        assert!(evidence.undecided());
        assert_eq!(evidence.order(), DayOrder::DayFirst);
    }
}
