//! Comments of a hand-written RON dataset, found so that a save can put them back.
//!
//! A comment is kept with what follows it: the file's preamble (before the dataset's
//! opening parenthesis), a top-level field (`events: [`), an item of a list (keyed by its
//! `id`, or its position for lists without ids) or the end of a list. A comment inside an
//! item (between an event's fields, say) has no such anchor: it is reported as lost, with
//! its line, so that the caller can ask before dropping it.

use hashbrown::HashMap;

/// Where a kept comment goes back.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// Before a top-level field.
    Field(String),
    /// Before an item of a top-level list.
    Item {
        /// The list's field name (`events`).
        list: String,
        /// Which item.
        key: ItemKey,
    },
    /// Before the closing bracket of a top-level list.
    ListEnd(String),
    /// Before the dataset's closing parenthesis.
    End,
}

/// How an item of a list is recognised.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ItemKey {
    /// By its `id` field.
    Id(String),
    /// By its position (lists whose items have no id, like eras).
    Index(usize),
}

/// The comments of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    /// Lines before the dataset: comments and inner attributes other than
    /// `#![enable(implicit_some)]`, verbatim.
    pub preamble: Vec<String>,
    /// Comment lines before each anchor, verbatim without their indentation.
    pub before: HashMap<Anchor, Vec<String>>,
    /// Comments after the dataset's closing parenthesis.
    pub trailer: Vec<String>,
    /// Lines (1-based) of comments that have no anchor and cannot be kept.
    pub lost: Vec<usize>,
}

impl Comments {
    /// True when the file had no comments at all.
    pub fn is_empty(&self) -> bool {
        self.preamble.is_empty()
            && self.before.is_empty()
            && self.trailer.is_empty()
            && self.lost.is_empty()
    }

    /// The comment lines before `anchor`.
    pub fn at(&self, anchor: &Anchor) -> &[String] {
        self.before.get(anchor).map_or(&[], Vec::as_slice)
    }

    /// Finds the comments of a RON text. The text need not be valid: a scan that meets
    /// something it does not expect keeps what it has found so far.
    pub fn scan(text: &str) -> Self {
        Scanner::new(text).run()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bracket {
    Paren,
    Square,
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    comments: Comments,
    /// Comments read since the last token, with the line each starts on.
    pending: Vec<(usize, String)>,
    stack: Vec<Bracket>,
    /// The top-level field being read.
    field: Option<String>,
    /// The identifier just read and its depth, waiting for a `:`.
    last_ident: Option<(String, usize)>,
    /// Items started in the current top-level list.
    items: usize,
    /// The current item's comments waiting for its id (with its position).
    item_comments: Option<(usize, Vec<String>)>,
    /// Inside an item, an `id` field was named and its string is next.
    expect_id: bool,
    done: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            comments: Comments::default(),
            pending: Vec::new(),
            stack: Vec::new(),
            field: None,
            last_ident: None,
            items: 0,
            item_comments: None,
            expect_id: false,
            done: false,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn advance(&mut self, bytes: usize) {
        let end = (self.pos + bytes).min(self.text.len());
        self.line += self.text[self.pos..end].matches('\n').count();
        self.pos = end;
    }

    fn run(mut self) -> Comments {
        while self.pos < self.text.len() {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else { break };
            if c.is_whitespace() {
                self.advance(c.len_utf8());
            } else if rest.starts_with("//") {
                let len = rest.find('\n').unwrap_or(rest.len());
                let comment = rest[..len].trim_end().to_owned();
                self.pending.push((self.line, comment));
                self.advance(len);
            } else if rest.starts_with("/*") {
                let len = block_comment_len(rest);
                let comment = rest[..len].to_owned();
                self.pending.push((self.line, comment));
                self.advance(len);
            } else if rest.starts_with("#!") && self.stack.is_empty() && !self.done {
                let len = rest.find('\n').unwrap_or(rest.len());
                let attribute = rest[..len].trim_end().to_owned();
                self.flush_preamble();
                if attribute.replace(' ', "") != "#![enable(implicit_some)]" {
                    self.comments.preamble.push(attribute);
                }
                self.advance(len);
            } else if c == '"' {
                let len = string_len(rest);
                if self.expect_id {
                    self.expect_id = false;
                    let id = ron::from_str::<String>(&rest[..len]).unwrap_or_default();
                    self.item_id(id);
                }
                self.token();
                self.advance(len);
            } else if c == 'r' && (rest.starts_with("r\"") || rest.starts_with("r#")) {
                let len = raw_string_len(rest);
                self.token();
                self.advance(len);
            } else if c == '(' || c == '[' {
                self.open(if c == '(' {
                    Bracket::Paren
                } else {
                    Bracket::Square
                });
                self.advance(1);
            } else if c == ')' || c == ']' {
                self.close();
                self.advance(1);
            } else if c == ':' {
                self.colon();
                self.advance(1);
            } else if c.is_alphanumeric() || c == '_' {
                let len = rest
                    .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                    .unwrap_or(rest.len());
                let ident = rest[..len].to_owned();
                self.token();
                self.last_ident = Some((ident, self.stack.len()));
                self.advance(len);
            } else {
                self.token();
                self.advance(c.len_utf8());
            }
        }
        let pending = std::mem::take(&mut self.pending);
        if self.done || self.stack.is_empty() {
            self.comments
                .trailer
                .extend(pending.into_iter().map(|(_, c)| c));
        } else {
            self.lose(pending);
        }
        if let Some((_, comments)) = self.item_comments.take() {
            self.keep(
                Anchor::Item {
                    list: self.field.clone().unwrap_or_default(),
                    key: ItemKey::Index(self.items.saturating_sub(1)),
                },
                comments,
            );
        }
        self.comments
    }

    /// Comments before the dataset go to the preamble.
    fn flush_preamble(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.comments
            .preamble
            .extend(pending.into_iter().map(|(_, c)| c));
    }

    fn keep(&mut self, anchor: Anchor, comments: Vec<String>) {
        if !comments.is_empty() {
            self.comments
                .before
                .entry(anchor)
                .or_default()
                .extend(comments);
        }
    }

    fn lose(&mut self, pending: Vec<(usize, String)>) {
        self.comments
            .lost
            .extend(pending.into_iter().map(|(l, _)| l));
    }

    /// Something other than a comment, a bracket or a colon: comments before it that
    /// are inside an item are lost.
    fn token(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        match self.stack.len() {
            0 if !self.done => self
                .comments
                .preamble
                .extend(pending.into_iter().map(|(_, c)| c)),
            0 => self
                .comments
                .trailer
                .extend(pending.into_iter().map(|(_, c)| c)),
            1 => {
                // Before a top-level field name: kept when the colon confirms it.
                self.pending = pending;
            }
            _ => self.lose(pending),
        }
    }

    fn colon(&mut self) {
        let Some((ident, depth)) = self.last_ident.take() else {
            return;
        };
        if depth == 1 {
            let pending = std::mem::take(&mut self.pending);
            self.keep(
                Anchor::Field(ident.clone()),
                pending.into_iter().map(|(_, c)| c).collect(),
            );
            self.field = Some(ident);
            self.items = 0;
        } else if depth == 3 && ident == "id" && self.in_list_item() {
            self.expect_id = true;
        }
    }

    fn in_list_item(&self) -> bool {
        self.stack.as_slice() == [Bracket::Paren, Bracket::Square, Bracket::Paren]
    }

    fn open(&mut self, bracket: Bracket) {
        self.last_ident = None;
        match self.stack.len() {
            0 => {
                self.flush_preamble();
            }
            2 if self.stack[1] == Bracket::Square && bracket == Bracket::Paren => {
                let pending = std::mem::take(&mut self.pending);
                self.item_comments =
                    Some((self.items, pending.into_iter().map(|(_, c)| c).collect()));
                self.items += 1;
            }
            1 => {
                // A field's value starts: comments between its colon and value are lost.
                let pending = std::mem::take(&mut self.pending);
                self.lose(pending);
            }
            _ => {
                let pending = std::mem::take(&mut self.pending);
                self.lose(pending);
            }
        }
        self.stack.push(bracket);
    }

    fn item_id(&mut self, id: String) {
        if let Some((_, comments)) = self.item_comments.take() {
            self.keep(
                Anchor::Item {
                    list: self.field.clone().unwrap_or_default(),
                    key: ItemKey::Id(id),
                },
                comments,
            );
        }
    }

    fn close(&mut self) {
        self.last_ident = None;
        let pending = std::mem::take(&mut self.pending);
        match self.stack.len() {
            1 => {
                self.keep(Anchor::End, pending.into_iter().map(|(_, c)| c).collect());
                self.done = true;
            }
            2 if self.stack[1] == Bracket::Square => {
                let list = self.field.clone().unwrap_or_default();
                self.keep(
                    Anchor::ListEnd(list),
                    pending.into_iter().map(|(_, c)| c).collect(),
                );
            }
            3 if self.in_list_item() => {
                self.lose(pending);
                if let Some((index, comments)) = self.item_comments.take() {
                    let list = self.field.clone().unwrap_or_default();
                    self.keep(
                        Anchor::Item {
                            list,
                            key: ItemKey::Index(index),
                        },
                        comments,
                    );
                }
            }
            _ => self.lose(pending),
        }
        self.stack.pop();
    }
}

/// Length of a `/* … */` comment (RON nests them), or the rest of the text if unclosed.
fn block_comment_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    text.len()
}

/// Length of a `"…"` string with its escapes, or the rest of the text if unclosed.
fn string_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// Length of a raw string `r#"…"#`, or the rest of the text if unclosed.
fn raw_string_len(text: &str) -> usize {
    let hashes = text[1..].bytes().take_while(|&b| b == b'#').count();
    let open = 1 + hashes;
    if text.as_bytes().get(open) != Some(&b'"') {
        return 1;
    }
    let close = format!("\"{}", "#".repeat(hashes));
    text[open + 1..]
        .find(&close)
        .map_or(text.len(), |end| open + 1 + end + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"#![enable(implicit_some)]
// About this file.
(
    schema: 1,
    // The title.
    title: "T",
    actors: [
        // First actor.
        (id: "a", name: "A"),
        /* block */
        (id: "b", name: "B // not a comment"),
        // before the end
    ],
    events: [
        (
            id: "e1",
            // lost inside
            title: "x",
        ),
    ],
    eras: [
        // era zero
        (title: "x", start: "2017", end: "2018"),
    ],
    // closing
)
// trailer
"#;

    #[test]
    fn comments_are_anchored_to_what_follows_them() {
        let c = Comments::scan(TEXT);
        assert_eq!(c.preamble, ["// About this file."]);
        assert_eq!(c.at(&Anchor::Field("title".into())), ["// The title."]);
        let item = |list: &str, id: &str| Anchor::Item {
            list: list.into(),
            key: ItemKey::Id(id.into()),
        };
        assert_eq!(c.at(&item("actors", "a")), ["// First actor."]);
        assert_eq!(c.at(&item("actors", "b")), ["/* block */"]);
        assert_eq!(
            c.at(&Anchor::ListEnd("actors".into())),
            ["// before the end"]
        );
        let era = Anchor::Item {
            list: "eras".into(),
            key: ItemKey::Index(0),
        };
        assert_eq!(c.at(&era), ["// era zero"]);
        assert_eq!(c.at(&Anchor::End), ["// closing"]);
        assert_eq!(c.trailer, ["// trailer"]);
        assert_eq!(c.lost, [17]);
    }

    #[test]
    fn a_file_without_comments_has_none() {
        assert!(Comments::scan("(schema: 1, title: \"a // b\")").is_empty());
    }
}
