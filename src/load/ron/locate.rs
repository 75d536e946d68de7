//! Finding where a value sits in a RON file, for problems found after parsing.
//!
//! serde keeps no positions, so a dangling reference or a duplicate id found by
//! validation is known only by its path in the data (`events[12].quotes[0].source`).
//! [`locate`] scans the text once and returns the byte range of each requested path.
//! It runs only when there are problems to report, so a good file pays nothing.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// One step of a path: a struct field or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A named field.
    Field(&'static str),
    /// A position in a list (0-based).
    Index(usize),
}

/// Where a value is in the data, e.g. `events[12].quotes[0].source`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DataPath(pub Vec<Seg>);

impl DataPath {
    /// The path of a top-level field.
    pub fn field(name: &'static str) -> Self {
        Self(vec![Seg::Field(name)])
    }

    /// The path of `list[index]` at top level.
    pub fn item(list: &'static str, index: usize) -> Self {
        Self(vec![Seg::Field(list), Seg::Index(index)])
    }

    /// This path extended by a field.
    #[must_use]
    pub fn dot(&self, name: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }

    /// This path extended by a list index.
    #[must_use]
    pub fn at(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(index));
        p
    }
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => f.write_str(name)?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Path steps as scanned, borrowing field names from the text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Step<'t> {
    Field(&'t str),
    Index(usize),
}

/// Which items under a top-level field are wanted.
#[derive(Default)]
struct Prefix {
    /// The field itself, or something under it not reached through a list index.
    any: bool,
    /// List items under the field.
    items: HashSet<usize>,
}

/// Most nesting followed; deeper values are skipped (ron itself refuses past 128).
const MAX_DEPTH: usize = 160;

/// Byte ranges of the values at `paths` in `text`; `None` where a path is not found.
pub fn locate(text: &str, paths: &[DataPath]) -> Vec<Option<(usize, usize)>> {
    let keys: Vec<String> = paths.iter().map(ToString::to_string).collect();
    let wanted: HashMap<&str, Vec<usize>> = keys.iter().enumerate().fold(
        HashMap::new(),
        |mut map: HashMap<&str, Vec<usize>>, (i, k)| {
            map.entry(k.as_str()).or_default().push(i);
            map
        },
    );
    // The first one or two steps of every wanted path, to rule out most values without
    // building their path as text.
    let mut prefixes: HashMap<String, Prefix> = HashMap::new();
    for p in paths {
        if let Some(Seg::Field(name)) = p.0.first() {
            let entry = prefixes.entry((*name).to_owned()).or_default();
            match p.0.get(1) {
                Some(Seg::Index(i)) => {
                    entry.items.insert(*i);
                }
                _ => entry.any = true,
            }
        }
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        path: Vec::new(),
        wanted,
        prefixes,
        found: vec![None; paths.len()],
        remaining: paths.len(),
    };
    scanner.skip_trivia();
    while scanner.peek() == Some(b'#') {
        scanner.skip_attribute();
        scanner.skip_trivia();
    }
    scanner.value(0);
    scanner.found
}

struct Scanner<'t> {
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
    path: Vec<Step<'t>>,
    wanted: HashMap<&'t str, Vec<usize>>,
    prefixes: HashMap<String, Prefix>,
    found: Vec<Option<(usize, usize)>>,
    /// Paths not found yet; scanning stops when none are left.
    remaining: usize,
}

impl<'t> Scanner<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips `#![...]`.
    fn skip_attribute(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn is_ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    fn ident(&mut self) -> &'t str {
        let start = self.pos;
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.pos += 2;
        }
        while self.peek().is_some_and(Self::is_ident_byte) {
            self.pos += 1;
        }
        self.text.get(start..self.pos).unwrap_or("")
    }

    /// Skips a quoted string starting at the opening quote.
    fn quoted(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// True if an `r` at `offset` starts a raw string (`r"`, `r#"`), not a raw identifier.
    fn raw_string_at(&self, offset: usize) -> bool {
        let mut i = offset + 1;
        while self.peek_at(i) == Some(b'#') {
            i += 1;
        }
        self.peek_at(i) == Some(b'"')
    }

    /// Skips `r#"..."#` starting at the `r`.
    fn raw_string(&mut self) {
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'"' && (0..hashes).all(|i| self.peek_at(i) == Some(b'#')) {
                self.pos += hashes;
                return;
            }
        }
    }

    fn char_literal(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'\'' => return,
                _ => {}
            }
        }
    }

    /// Scans one value and records its range if its path was asked for.
    fn value(&mut self, depth: usize) {
        if self.remaining == 0 {
            self.pos = self.bytes.len();
            return;
        }
        self.skip_trivia();
        let start = self.pos;
        let wanted = !self.path.is_empty() && self.record_start(start);
        match (self.peek(), self.peek_at(1)) {
            (None, _) => return,
            (Some(b'"'), _) => self.quoted(),
            (Some(b'r'), _) if self.raw_string_at(0) => self.raw_string(),
            (Some(b'b'), Some(b'"')) => {
                self.pos += 1;
                self.quoted();
            }
            (Some(b'b'), Some(b'r')) if self.raw_string_at(1) => {
                self.pos += 1;
                self.raw_string();
            }
            (Some(b'\''), _) => self.char_literal(),
            (Some(b'('), _) => self.parenthesized(depth),
            (Some(b'['), _) => self.list(depth),
            (Some(b'{'), _) => self.map(depth),
            (Some(b), _) if Self::is_ident_byte(b) && !b.is_ascii_digit() => {
                self.ident();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parenthesized(depth);
                }
            }
            (Some(_), _) => {
                // Numbers and anything else: up to the next delimiter.
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b')' | b']' | b'}' | b':') && !b.is_ascii_whitespace()
                }) {
                    self.pos += 1;
                }
            }
        }
        if self.pos == start {
            self.pos += 1; // never loop on a byte we cannot read
        }
        if wanted {
            self.record_end(start, self.pos);
        }
    }

    /// The wanted paths equal to the current path.
    fn wanted_here(&self) -> Option<&[usize]> {
        let Some(Step::Field(first)) = self.path.first() else {
            return None;
        };
        let prefix = self.prefixes.get(*first)?;
        let item_wanted = match self.path.get(1) {
            Some(Step::Index(i)) => prefix.items.contains(i),
            _ => false,
        };
        if !prefix.any && !item_wanted {
            return None;
        }
        self.wanted
            .get(render(&self.path).as_str())
            .map(Vec::as_slice)
    }

    /// Notes where wanted values start: to the end of their line for now, since a large
    /// container ends far away and only its start matters for a position.
    fn record_start(&mut self, start: usize) -> bool {
        let Some(indices) = self.wanted_here() else {
            return false;
        };
        let indices = indices.to_vec();
        let line_end = self.bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |n| start + n);
        for i in indices {
            if self.found[i].is_none() {
                self.found[i] = Some((start, line_end));
                self.remaining -= 1;
            }
        }
        true
    }

    /// Narrows recorded ranges to the value's end when it ends on its first line.
    fn record_end(&mut self, start: usize, end: usize) {
        for range in self.found.iter_mut().flatten() {
            if range.0 == start && end <= range.1 {
                range.1 = end;
            }
        }
    }

    /// `(...)`: a struct with named fields, a tuple, or an enum variant's contents.
    fn parenthesized(&mut self, depth: usize) {
        self.sequence(b')', depth, Contents::Fields);
    }

    fn list(&mut self, depth: usize) {
        self.sequence(b']', depth, Contents::Items);
    }

    fn map(&mut self, depth: usize) {
        self.sequence(b'}', depth, Contents::Entries);
    }

    /// The values between an opening bracket (at `pos`) and `close`, separated by
    /// commas; each is visited with its path step (its field name, else its position).
    fn sequence(&mut self, close: u8, depth: usize, contents: Contents) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b) if b == close => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    index += 1;
                    continue;
                }
                Some(b':') if contents == Contents::Entries => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            let field = match contents {
                Contents::Fields => self.field_name(),
                Contents::Items | Contents::Entries => None,
            };
            self.nested(field.map_or(Step::Index(index), Step::Field), depth);
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    /// If a `name:` follows, consumes it and returns the name.
    fn field_name(&mut self) -> Option<&'t str> {
        let save = self.pos;
        if !self
            .peek()
            .is_some_and(|b| Self::is_ident_byte(b) && !b.is_ascii_digit())
        {
            return None;
        }
        let name = self.ident();
        self.skip_trivia();
        if self.peek() == Some(b':') && self.peek_at(1) != Some(b':') {
            self.pos += 1;
            Some(name.strip_prefix("r#").unwrap_or(name))
        } else {
            self.pos = save;
            None
        }
    }

    fn nested(&mut self, step: Step<'t>, depth: usize) {
        if depth >= MAX_DEPTH {
            self.pos = self.bytes.len();
            return;
        }
        self.path.push(step);
        self.value(depth + 1);
        self.path.pop();
    }
}

/// What a bracketed sequence holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Contents {
    /// `( name: value, … )` or a tuple's values.
    Fields,
    /// `[ value, … ]`.
    Items,
    /// `{ key: value, … }`: keys and values are counted as items.
    Entries,
}

fn render(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Field(name) if i == 0 => out.push_str(name),
            Step::Field(name) => {
                out.push('.');
                out.push_str(name);
            }
            Step::Index(n) => {
                out.push('[');
                out.push_str(&n.to_string());
                out.push(']');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, range: Option<(usize, usize)>) -> &str {
        let (a, b) = range.unwrap();
        &text[a..b]
    }

    #[test]
    fn finds_nested_values_by_path() {
        let text = r##"#![enable(implicit_some)]
// a comment with ( and [
(
    schema: 1,
    title: "t (with parens)",
    events: [
        (id: "a", quotes: [(source: "s1", speaker: Actor("p"))]),
        /* block /* nested */ comment */
        (id: "b", quotes: [(source: "s2", speaker: Other("x")), (source: r#"s"3"#, speaker: Outlet)]),
    ],
)"##;
        let events = DataPath::item("events", 1);
        let paths = [
            DataPath::field("title"),
            events.dot("id"),
            events.dot("quotes").at(1).dot("source"),
            events.dot("quotes").at(0).dot("speaker"),
            DataPath::item("events", 7),
        ];
        let found = locate(text, &paths);
        assert_eq!(slice(text, found[0]), r#""t (with parens)""#);
        assert_eq!(slice(text, found[1]), r#""b""#);
        assert_eq!(slice(text, found[2]), r##"r#"s"3"#"##);
        assert_eq!(slice(text, found[3]), r#"Other("x")"#);
        assert_eq!(found[4], None);
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "(",
            "((((",
            "[,,,]",
            "(a: ",
            "\"unterminated",
            "r#\"",
            "/*",
            "'",
        ] {
            let _ = locate(text, &[DataPath::field("a")]);
        }
        let deep = "(".repeat(100_000);
        assert_eq!(locate(&deep, &[DataPath::field("a")]), vec![None]);
    }

    #[test]
    fn paths_display_like_code() {
        let p = DataPath::item("events", 3)
            .dot("quotes")
            .at(0)
            .dot("source");
        assert_eq!(p.to_string(), "events[3].quotes[0].source");
    }
}
