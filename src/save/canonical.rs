//! The canonical RON layout: how Claimline saves a dataset people read and edit.
//!
//! It is the layout of `data/trump-putin.ron`: the `implicit_some` header, the file's
//! preamble comments, a blank line between sections, one line per actor, quote and era,
//! and one line per field of a source, an event and a relation. Fields that are empty
//! are left out. Comments of the file being saved over come back where they were (see
//! [`super::comments`]). The same dataset always gives the same text, so `claimline fmt`
//! is idempotent and a saved file diffs well.

use std::fmt::Write as _;

use super::comments::{Anchor, Comments, ItemKey};
use crate::model::{Dataset, FuzzyDate, Quote, Speaker, StrRef, SymList};

const INDENT: &str = "    ";

/// The dataset in canonical layout, with `comments` put back.
pub fn canonical(ds: &Dataset, comments: &Comments) -> String {
    let mut w = Writer {
        ds,
        comments,
        out: String::with_capacity(ds.strings().len_bytes() + ds.events.len() * 200 + 256),
    };
    w.dataset();
    w.out
}

struct Writer<'a> {
    ds: &'a Dataset,
    comments: &'a Comments,
    out: String,
}

impl Writer<'_> {
    fn dataset(&mut self) {
        let ds = self.ds;
        self.out.push_str("#![enable(implicit_some)]\n");
        for line in &self.comments.preamble {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.out.push_str("(\n");
        self.field_comments("schema");
        self.line(1, &format!("schema: {},", ds.schema));
        self.field_comments("title");
        self.line(1, &format!("title: {},", quoted(ds.str(ds.title))));
        if !ds.description.is_empty() {
            self.field_comments("description");
            self.line(
                1,
                &format!("description: {},", quoted(ds.str(ds.description))),
            );
        }
        if !ds.author.is_empty() {
            self.field_comments("author");
            self.line(1, &format!("author: {},", quoted(ds.str(ds.author))));
        }
        if !ds.language.is_empty() {
            self.field_comments("language");
            self.line(1, &format!("language: {},", quoted(ds.str(ds.language))));
        }

        self.list_start("actors");
        for actor in &ds.actors {
            self.item_comments("actors", ItemKey::Id(ds.str(actor.id).to_owned()));
            let mut fields = vec![
                format!("id: {}", quoted(ds.str(actor.id))),
                format!("name: {}", quoted(ds.str(actor.name))),
            ];
            if !actor.role.is_empty() {
                fields.push(format!("role: {}", quoted(ds.str(actor.role))));
            }
            self.line(2, &format!("({}),", fields.join(", ")));
        }
        self.list_end("actors");

        self.list_start("sources");
        for source in &ds.sources {
            self.item_comments("sources", ItemKey::Id(ds.str(source.id).to_owned()));
            self.line(2, "(");
            self.text_field("id", source.id);
            self.text_field("outlet", source.outlet);
            self.text_field("headline", source.headline);
            self.date_field("published", source.published);
            self.text_field("published_note", source.published_note);
            self.list_field("cites", source.cites);
            if let Some(url) = source.url {
                self.text_field("url", url);
            }
            if let Some(document) = source.document {
                self.text_field("document", document);
            }
            if let Some(archived) = source.archived {
                let url = quoted(self.ds.str(archived.url));
                let date = archived.date;
                self.line(3, &format!("archived: (url: {url}, date: \"{date}\"),"));
            }
            if let Some(c) = source.capture {
                let mut fields = vec![
                    format!("sha256: {}", quoted(self.ds.str(c.sha256))),
                    format!("file: {}", quoted(self.ds.str(c.file))),
                    format!("format: {:?}", c.format),
                ];
                for (name, value) in [
                    ("url", c.url),
                    ("captured", c.captured),
                    ("tool", c.tool),
                    ("record", c.record),
                ] {
                    if !value.is_empty() {
                        fields.push(format!("{name}: {}", quoted(self.ds.str(value))));
                    }
                }
                self.line(3, &format!("capture: ({}),", fields.join(", ")));
            }
            self.line(2, "),");
        }
        self.list_end("sources");

        self.list_start("events");
        for event in &ds.events {
            self.item_comments("events", ItemKey::Id(ds.str(event.id).to_owned()));
            self.line(2, "(");
            self.text_field("id", event.id);
            self.text_field("title", event.title);
            self.line(3, &format!("kind: {:?},", event.kind));
            self.date_field("date", event.date);
            if let Some(end) = event.end {
                self.date_field("end", end);
            }
            self.list_field("participants", event.participants);
            if let Some(place) = event.place {
                self.text_field("place", place);
            }
            if let Some(c) = event.coordinates {
                self.line(
                    3,
                    &format!(
                        "coordinates: (lat: {}, lon: {}),",
                        c.lat_text(),
                        c.lon_text()
                    ),
                );
            }
            self.line(3, &format!("status: {:?},", event.status));
            self.text_field("summary", event.summary);
            let quotes = ds.quotes(event.quotes);
            if !quotes.is_empty() {
                self.line(3, "quotes: [");
                for quote in quotes {
                    self.line(4, &format!("({}),", self.quote(quote)));
                }
                self.line(3, "],");
            }
            self.text_field("date_note", event.date_note);
            if let Some(group) = event.group {
                self.text_field("group", group);
            }
            self.list_field("sources", event.sources);
            self.line(2, "),");
        }
        self.list_end("events");

        self.list_start("relations");
        for relation in &ds.relations {
            self.item_comments("relations", ItemKey::Id(ds.str(relation.id).to_owned()));
            self.line(2, "(");
            self.text_field("id", relation.id);
            self.line(3, &format!("kind: {:?},", relation.kind));
            self.text_field("from", relation.from);
            self.text_field("to", relation.to);
            self.text_field("question", relation.question);
            self.text_field("note", relation.note);
            if relation.linked_by.is_editor() {
                self.line(3, "linked_by: Editor,");
            }
            self.line(2, "),");
        }
        self.list_end("relations");

        if !ds.eras.is_empty() {
            self.list_start("eras");
            for (index, era) in ds.eras.iter().enumerate() {
                self.item_comments("eras", ItemKey::Index(index));
                self.line(
                    2,
                    &format!(
                        "(title: {}, start: \"{}\", end: \"{}\"),",
                        quoted(ds.str(era.title)),
                        era.start,
                        era.end
                    ),
                );
            }
            self.list_end("eras");
        }
        self.comment_lines(1, &Anchor::End);
        self.out.push_str(")\n");
        for line in &self.comments.trailer {
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment_lines(&mut self, depth: usize, anchor: &Anchor) {
        let comments = self.comments;
        for comment in comments.at(anchor) {
            self.line(depth, comment);
        }
    }

    fn field_comments(&mut self, field: &str) {
        self.comment_lines(1, &Anchor::Field(field.to_owned()));
    }

    /// The comments before an item; a blank line sets them apart from the item before.
    fn item_comments(&mut self, list: &str, key: ItemKey) {
        if self.comments.before.is_empty() {
            return;
        }
        let anchor = Anchor::Item {
            list: list.to_owned(),
            key,
        };
        if !self.comments.at(&anchor).is_empty() && !self.out.ends_with("[\n") {
            self.out.push('\n');
        }
        self.comment_lines(2, &anchor);
    }

    fn list_start(&mut self, name: &str) {
        self.out.push('\n');
        self.field_comments(name);
        self.line(1, &format!("{name}: ["));
    }

    fn list_end(&mut self, name: &str) {
        self.comment_lines(2, &Anchor::ListEnd(name.to_owned()));
        self.line(1, "],");
    }

    /// `name: "text",`, left out when the text is empty.
    fn text_field(&mut self, name: &str, text: impl StrRef) {
        let text = self.ds.str(text);
        if !text.is_empty() {
            self.line(3, &format!("{name}: {},", quoted(text)));
        }
    }

    fn date_field(&mut self, name: &str, date: FuzzyDate) {
        self.line(3, &format!("{name}: \"{date}\","));
    }

    /// `name: ["a", "b"],`, left out when the list is empty.
    fn list_field(&mut self, name: &str, list: SymList) {
        let items = self.ds.syms(list);
        if items.is_empty() {
            return;
        }
        let items: Vec<String> = items.iter().map(|&s| quoted(self.ds.str(s))).collect();
        self.line(3, &format!("{name}: [{}],", items.join(", ")));
    }

    fn quote(&self, quote: &Quote) -> String {
        let ds = self.ds;
        let speaker = match quote.speaker {
            Speaker::Actor(id) => format!("Actor({})", quoted(ds.str(id))),
            Speaker::Other(who) => format!("Other({})", quoted(ds.str(who))),
            Speaker::Outlet => "Outlet".to_owned(),
        };
        let mut text = format!(
            "source: {}, speaker: {speaker}, text: {}",
            quoted(ds.str(quote.source)),
            quoted(ds.str(quote.text))
        );
        if let Some(said) = quote.said {
            let _ = write!(text, ", said: \"{said}\"");
        }
        if let Some(p) = quote.position {
            let _ = write!(
                text,
                ", position: (start: {}, end: {}, prefix: {}, suffix: {})",
                p.start,
                p.end,
                quoted(ds.str(p.prefix)),
                quoted(ds.str(p.suffix))
            );
        }
        if let Some(lang) = quote.lang {
            let _ = write!(text, ", lang: {}", quoted(ds.str(lang)));
        }
        text
    }
}

/// A RON string literal: `"`, `\` and control characters escaped, everything else as is.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_so_ron_reads_them_back() {
        for text in [
            "plain",
            "a \"quote\"",
            "back\\slash",
            "line\nbreak\ttab",
            "\u{7}bell",
            "–",
        ] {
            let literal = quoted(text);
            let back: String = ron::from_str(&literal).unwrap();
            assert_eq!(back, text, "{literal}");
        }
        assert_eq!(quoted("Trump–Putin"), "\"Trump–Putin\"");
    }
}
