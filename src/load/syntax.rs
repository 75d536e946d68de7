//! Problems found before or while parsing: files that are too big, not text, empty,
//! JSON instead of RON, or RON that does not match the dataset format. Each becomes a
//! [`Diagnostic`] with a position where there is one and a hint on how to fix it.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Diagnostic, LineIndex};
use crate::model::date::HELP_SEPARATOR;

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

/// Checks that the bytes are UTF-8 text with something in it; returns the text with
/// any byte-order mark removed.
pub fn text_of(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let prefix = std::str::from_utf8(valid).unwrap_or("");
            let index = LineIndex::new(prefix);
            let location = index.locate(prefix.len(), prefix.len());
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let binary = bytes.iter().take(8192).any(|&b| b == 0);
            let message = if binary {
                format!("this is a binary file, not a dataset (byte 0x{bad:02X} is not text)")
            } else {
                format!("the file is not valid UTF-8 text (byte 0x{bad:02X})")
            };
            return Err(Diagnostic::error(message)
                .with_help(
                    "a dataset is a UTF-8 text file in RON format (see README.md); if this is one, re-save it as UTF-8",
                )
                .at(Some(location)));
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .with_help(
                "a dataset starts with `(` and holds `schema: 1`, a `title` and its `events`; see the example in README.md",
            )
            .at(Some(LineIndex::new(text).locate(0, 0))));
    }
    if text.bytes().take(8192).any(|b| b == 0) {
        let index = LineIndex::new(text);
        let at = text.bytes().position(|b| b == 0).unwrap_or(0);
        return Err(Diagnostic::error(
            "this is a binary file, not a dataset (it contains NUL bytes)",
        )
        .with_help("open a dataset file in RON format (see README.md)")
        .at(Some(index.locate(at, at + 1))));
    }
    Ok(text)
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
            let mut help = match closest(found, expected) {
                Some(best) => format!("did you mean `{best}`? "),
                None => String::new(),
            };
            help.push_str(&format!("the fields of {what} are: {}", expected.join(", ")));
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
            let mut help = match closest(found, expected) {
                Some(best) => format!("did you mean `{best}`? "),
                None => String::new(),
            };
            help.push_str(&format!("write one of: {}", expected.join(", ")));
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
        RonError::Message(m) => match m.split_once(HELP_SEPARATOR) {
            Some((message, help)) => (message.to_owned(), Some(help.to_owned())),
            None => (m.clone(), None),
        },
        other => (other.to_string(), json_hint()),
    }
}

/// The candidate nearest to `word` by edit distance, if it is plausibly a misspelling.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|&(d, c)| d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edit distance between two short strings, by characters, where swapping two
/// neighbours counts as one edit (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
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

    #[test]
    fn bom_is_stripped_and_junk_refused() {
        assert_eq!(text_of(b"\xEF\xBB\xBF(schema: 1)").unwrap(), "(schema: 1)");
        let err = text_of(b"\x00\x01\x02\xFF\xFE").unwrap_err();
        assert!(err.message.contains("binary"), "{}", err.message);
        let err = text_of(b"(title: \"caf\xE9\")").unwrap_err();
        assert!(err.message.contains("not valid UTF-8"), "{}", err.message);
        assert_eq!(err.location.unwrap().col, 13);
        let err = text_of(b"  \n\t ").unwrap_err();
        assert_eq!(err.message, "the file is empty");
    }
}
