//! RON that does not parse or does not match the dataset format, explained: each
//! error becomes a [`Diagnostic`] in the user's terms, with its position and a hint on
//! how to fix it (a misspelled field gets "did you mean", JSON gets a pointer to
//! `claimline import`).

use ron::error::{Error as RonError, SpannedError};

use crate::load::diagnostic::{Diagnostic, LineIndex};
use crate::model::FuzzyDate;

/// Fields of each part of the format, by the name serde gives the struct; used to
/// explain "unknown field" and "missing field" errors in the user's terms.
fn describe_struct(outer: Option<&str>) -> &'static str {
    match outer {
        Some("Dataset") => "the dataset",
        Some("Actor") => "an actor",
        Some("Source") => "a source",
        Some("Event") => "an event",
        Some("Quote") => "a quote",
        Some("Relation") => "a relation",
        Some("Era") => "an era",
        Some("EventKind") => "an event kind",
        Some("Status") => "a status",
        Some("RelationKind") => "a relation kind",
        Some("Speaker") => "a speaker",
        _ => "this part of the file",
    }
}

/// A RON parse error as a diagnostic with a position and a hint.
pub fn from_ron(err: &SpannedError, text: &str) -> Diagnostic {
    let index = LineIndex::new(text);
    if matches!(err.code, RonError::ExpectedComma)
        && let Some(after) = end_of_previous_token(text, err.span.start.line, err.span.start.col)
    {
        // The comma is missing after the previous value, not where parsing noticed.
        let (message, help) = explain(&err.code, text);
        let mut d =
            Diagnostic::error(format!("{message} after this")).at(Some(index.locate(after, after)));
        if let Some(help) = help {
            d = d.with_help(help);
        }
        return d;
    }
    let mut location = index.locate_line_col(err.span.start.line, err.span.start.col);
    if err.span.end.line == err.span.start.line && err.span.end.col > err.span.start.col {
        let room = location.line_text.chars().count() + 1
            - location.marker_col.min(location.line_text.chars().count());
        location.marker_len = (err.span.end.col - err.span.start.col).clamp(1, room.max(1));
    }
    let (message, help) = explain(&err.code, text);
    let mut d = Diagnostic::error(message).at(Some(location));
    if let Some(help) = help {
        d = d.with_help(help);
    }
    d
}

/// Byte offset just after the last non-blank character before `line:col`, if the
/// position is at the start of its line (so the previous value is on an earlier line).
fn end_of_previous_token(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = text
        .match_indices('\n')
        .nth(line.checked_sub(2)?)
        .map(|(i, _)| i + 1)?;
    let line_text = text.get(line_start..)?;
    let prefix: String = line_text.chars().take(col.saturating_sub(1)).collect();
    if !prefix.trim().is_empty() {
        return None;
    }
    let before = text.get(..line_start)?;
    let end = before.trim_end().len();
    (end > 0).then_some(end)
}

/// How to fix a date that did not parse. serde passes on only the message; it names the
/// date in backticks, and reading that date again gives the same error with its help.
fn date_help(message: &str) -> Option<String> {
    let (_, rest) = message.split_once('`')?;
    let (date, _) = rest.split_once('`')?;
    let err = FuzzyDate::parse(date).err()?;
    (err.to_string() == message).then(|| err.help().to_owned())
}

fn looks_like_json(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('{') || (start.starts_with('[') && start[1..].trim_start().starts_with('{'))
}

fn explain(code: &RonError, text: &str) -> (String, Option<String>) {
    let json_hint = || {
        looks_like_json(text).then(|| {
            "this looks like JSON; Claimline datasets are RON (see README.md). TimelineJS JSON can be converted with `claimline import`".to_owned()
        })
    };
    match code {
        RonError::Eof => (
            "the file ends before the dataset is complete".to_owned(),
            Some("a closing `)`, `]` or `\"` is missing; was the file cut short?".to_owned()),
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_owned(),
            Some("put a comma between fields and between list items".to_owned()),
        ),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => (
            "expected `(`".to_owned(),
            json_hint().or_else(|| {
                Some("a dataset, and each actor, source, event, quote and relation in it, is written `( field: value, … )`".to_owned())
            }),
        ),
        RonError::ExpectedStructLikeEnd => (
            "expected `)`, the end of this part".to_owned(),
            Some("check for a missing comma or a field written twice; each part ends with `)`".to_owned()),
        ),
        RonError::ExpectedArrayEnd => (
            "expected `]`, the end of this list".to_owned(),
            Some("check for a missing comma between list items".to_owned()),
        ),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = describe_struct(outer.as_deref());
            let help = did_you_mean(found, expected, &format!("the fields of {what} are"));
            (format!("unknown field `{found}` in {what}"), Some(help))
        }
        RonError::MissingStructField { field, outer } => {
            let what = describe_struct(outer.as_deref());
            (
                format!("{what} is missing the field `{field}`"),
                Some(format!("add `{field}: …` to {what}")),
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let what = describe_struct(outer.as_deref());
            (
                format!("the field `{field}` appears twice in {what}"),
                Some("keep only one of them".to_owned()),
            )
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = describe_struct(outer.as_deref());
            let help = did_you_mean(found, expected, "write one of");
            (format!("`{found}` is not {what}"), Some(help))
        }
        RonError::ExceededRecursionLimit => (
            "brackets are nested too deeply (more than 128 levels)".to_owned(),
            Some("a dataset nests at most five levels; this file is damaged or not a dataset".to_owned()),
        ),
        RonError::ExpectedString => (
            "expected a string in double quotes".to_owned(),
            Some("write text as \"…\"".to_owned()),
        ),
        RonError::ExpectedStringEnd => (
            "this string is not closed".to_owned(),
            Some("add the closing `\"`; a `\"` inside text is written `\\\"`".to_owned()),
        ),
        RonError::ExpectedInteger => (
            "expected a whole number".to_owned(),
            Some("write a number without quotes, e.g. `schema: 1`".to_owned()),
        ),
        RonError::ExpectedIdentifier => (
            "expected a field name or a value name".to_owned(),
            json_hint(),
        ),
        RonError::TrailingCharacters => (
            "there is more text after the end of the dataset".to_owned(),
            Some("the dataset is one `( … )`; remove what follows its closing `)`".to_owned()),
        ),
        RonError::UnexpectedChar(c) => (
            format!("unexpected character {c:?}"),
            json_hint().or_else(|| Some("see the format in README.md".to_owned())),
        ),
        RonError::InvalidValueForType { expected, found } => (
            format!("expected {expected} but found {found}"),
            Some("check the value's type against the format in README.md".to_owned()),
        ),
        RonError::Message(m) => (m.clone(), date_help(m)),
        other => (other.to_string(), json_hint()),
    }
}

/// "did you mean `title`? the fields of an event are: id, title, …": the nearest
/// candidate if `found` looks like a misspelling of one, then all of them.
fn did_you_mean(found: &str, expected: &[&str], all: &str) -> String {
    let guess = closest(found, expected)
        .map_or_else(String::new, |best| format!("did you mean `{best}`? "));
    format!("{guess}{all}: {}", expected.join(", "))
}

/// The candidate nearest to `word` by edit distance (swapping two neighbours counts as
/// one edit), if it is plausibly a misspelling.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(word, c), *c))
        .filter(|&(d, c)| d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["id", "title", "kind", "date", "summary"];
        assert_eq!(closest("titel", &fields), Some("title"));
        assert_eq!(closest("sumary", &fields), Some("summary"));
        assert_eq!(closest("zzzzzz", &fields), None);
    }
}
