//! The text as words for the date reader: each word (or mark) with its place in
//! characters, and what the readers of absolute and relative dates share.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::FuzzyDate;

/// The weekdays' names and days.
pub(super) const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Numbers one to ten, written out.
pub(super) const NUMBERS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// A word (or one mark) of the text, with where it is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok<'t> {
    pub(super) text: &'t str,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        if c.is_alphanumeric() {
            let mut end_b = bi + c.len_utf8();
            let mut end_c = ci + 1;
            while let Some(&(cj, (bj, d))) = chars.peek() {
                if d.is_alphanumeric()
                    || (d == '-'
                        && text[bj + 1..].starts_with(|x: char| x.is_ascii_digit())
                        && c.is_ascii_digit())
                {
                    end_b = bj + d.len_utf8();
                    end_c = cj + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                text: &text[bi..end_b],
                start: ci,
                end: end_c,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                text: &text[bi..bi + c.len_utf8()],
                start: ci,
                end: ci + 1,
            });
        }
    }
    out
}

pub(super) fn spoken(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        date.format("%A"),
        date.day(),
        date.format("%B"),
        date.year()
    )
}

/// How many tokens an expression takes, its value and its note.
pub(super) type Found = (usize, Option<FuzzyDate>, String);

/// A four-digit year from 1900 to 2099.
pub(super) fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}
