//! Problems found in a dataset file, each saying what is wrong, where, and how to fix it.
//!
//! The same values feed the command line (rendered like a compiler message) and the
//! app's error panel.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the dataset from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The dataset cannot be used.
    Error,
    /// The dataset loads, but something deserves attention (an error under `--strict`).
    Warning,
}

/// A place in a file: 1-based line and column (in characters), and the line's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// The text of the line, shortened around the column when it is long.
    pub line_text: String,
    /// Column of the marker within `line_text` (1-based, in characters).
    pub marker_col: usize,
    /// Number of characters to underline, at least 1.
    pub marker_len: usize,
}

/// One problem: what, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where in the file, when there is a position.
    pub location: Option<Location>,
}

impl Diagnostic {
    /// An error without a position yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            help: None,
            location: None,
        }
    }

    /// A warning without a position yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Adds how to fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the position.
    #[must_use]
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// `file:line:col`, or just the file when there is no position.
    pub fn place(&self, file: &Path) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}", file.display(), l.line, l.col),
            None => file.display().to_string(),
        }
    }

    /// A compiler-style rendering: severity and message, `--> file:line:col`, the line
    /// with a marker, and the help.
    pub fn render(&self, file: &Path) -> String {
        let mut out = String::new();
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{word}: {}\n", self.message));
        out.push_str(&format!("  --> {}\n", self.place(file)));
        if let Some(l) = self.location.as_ref().filter(|l| !l.line_text.is_empty()) {
            let number = l.line.to_string();
            let pad = " ".repeat(number.len());
            out.push_str(&format!("{pad} |\n{number} | {}\n", l.line_text));
            out.push_str(&format!(
                "{pad} | {}{}\n",
                " ".repeat(l.marker_col.saturating_sub(1)),
                "^".repeat(l.marker_len.max(1))
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

/// Why a dataset could not be loaded: every problem found, in file order.
#[derive(Clone, Debug, thiserror::Error)]
pub struct LoadError {
    /// The file, or a name such as `<built-in dataset>`.
    pub file: PathBuf,
    /// Errors first, then warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// A failure with a single problem.
    pub fn single(file: impl Into<PathBuf>, diagnostic: Diagnostic) -> Self {
        Self {
            file: file.into(),
            diagnostics: vec![diagnostic],
        }
    }

    /// Number of errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// The first error's message, for one-line notifications.
    pub fn headline(&self) -> String {
        let first = self
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(self.diagnostics.first());
        let count = self.error_count();
        match first {
            Some(d) if count > 1 => format!(
                "{} (and {} more {}): {}",
                d.message,
                crate::english::number(count - 1),
                crate::english::noun(count - 1, "problem"),
                d.place(&self.file)
            ),
            Some(d) => format!("{}: {}", d.message, d.place(&self.file)),
            None => format!("could not load {}", self.file.display()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&d.render(&self.file))?;
        }
        Ok(())
    }
}

/// Converts byte offsets in `text` to [`Location`]s.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

/// Longest line excerpt shown, in characters.
const EXCERPT_CHARS: usize = 100;

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { text, line_starts }
    }

    /// The location of the byte range `start..end` (the marker stops at the line's end).
    pub fn locate(&self, start: usize, end: usize) -> Location {
        let start = start.min(self.text.len());
        let line0 = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.line_starts[line0];
        let line_end = self
            .line_starts
            .get(line0 + 1)
            .map_or(self.text.len(), |&n| n - 1);
        let line = self.text.get(line_start..line_end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let col = self
            .text
            .get(line_start..start)
            .map_or(1, |s| s.chars().count() + 1);
        let len = self
            .text
            .get(start..end.clamp(start, line_end.max(start)))
            .map_or(1, |s| s.chars().count().max(1));
        excerpt(line, line0 + 1, col, len)
    }

    /// The location of a 1-based line and column as reported by the parser.
    pub fn locate_line_col(&self, line: usize, col: usize) -> Location {
        let line0 = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let line_start = self.line_starts[line0];
        let line_end = self
            .line_starts
            .get(line0 + 1)
            .map_or(self.text.len(), |&n| n - 1);
        let text = self.text.get(line_start..line_end).unwrap_or("");
        let text = text.strip_suffix('\r').unwrap_or(text);
        excerpt(text, line0 + 1, col.max(1), 1)
    }
}

impl Location {
    /// A place in a line of text (`number` 1-based, `col` 1-based in characters, `len`
    /// characters marked), the line cut down to a window around the column when long.
    pub fn in_line(line: &str, number: usize, col: usize, len: usize) -> Self {
        excerpt(line, number, col.max(1), len)
    }
}

/// Cuts a long line down to a window around the column.
fn excerpt(line: &str, number: usize, col: usize, len: usize) -> Location {
    let chars = line.chars().count();
    let (from, prefix) = if chars <= EXCERPT_CHARS || col <= EXCERPT_CHARS / 2 {
        (0, "")
    } else {
        (col - 1 - EXCERPT_CHARS / 2, "…")
    };
    let shown: String = line.chars().skip(from).take(EXCERPT_CHARS).collect();
    let suffix = if from + EXCERPT_CHARS < chars {
        "…"
    } else {
        ""
    };
    let marker_col = col - from + prefix.chars().count();
    let room = (EXCERPT_CHARS + 1).saturating_sub(col - from);
    Location {
        line: number,
        col,
        line_text: format!(
            "{prefix}{}{suffix}",
            shown
                .chars()
                .map(|c| if crate::english::acts(c) { ' ' } else { c })
                .collect::<String>()
        ),
        marker_col,
        marker_len: len.clamp(1, room.max(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "(\n  title: \"x\",\n  schema: 2,\n)";
        let index = LineIndex::new(text);
        let at = text.find("schema").unwrap();
        let loc = index.locate(at, at + 6);
        assert_eq!((loc.line, loc.col), (3, 3));
        assert_eq!(loc.line_text, "  schema: 2,");
        assert_eq!(loc.marker_len, 6);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let text = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let index = LineIndex::new(&text);
        let loc = index.locate(5000, 5003);
        assert_eq!(loc.col, 5001);
        assert!(loc.line_text.chars().count() <= EXCERPT_CHARS + 2);
        let marked: String = loc
            .line_text
            .chars()
            .skip(loc.marker_col - 1)
            .take(loc.marker_len)
            .collect();
        assert_eq!(marked, "BAD");
    }

    #[test]
    fn render_points_at_the_place() {
        let text = "(\n  titel: \"x\",\n)";
        let index = LineIndex::new(text);
        let d = Diagnostic::error("unknown field `titel`")
            .with_help("did you mean `title`?")
            .at(Some(index.locate(4, 9)));
        let out = d.render(Path::new("x.ron"));
        assert!(out.contains("--> x.ron:2:3"), "{out}");
        assert!(out.contains("2 |   titel: \"x\","), "{out}");
        assert!(out.contains("  |   ^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
    }
}
