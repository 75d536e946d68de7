//! Web HTML (TimelineJS text, saved articles) to plain, readable text, through
//! html5ever's tokenizer, the one browsers' specification describes: every named and
//! numeric entity is decoded, `<script>` and `<style>` contents are dropped, and a `>`
//! inside an attribute or a comment is just part of it. Paragraphs and line breaks
//! become newlines, list items bullets, and links keep their address next to their words
//! ("the report (https://…)"), so they can still be followed.
//!
//! Only the tokenizer runs, not the tree builder: text needs no tree, and the tree
//! builder's work grows with the square of the nesting depth, which a hostile page can
//! make as deep as it likes. Tokenizing takes time in proportion to the input.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Plain, readable text from a fragment of HTML.
pub fn to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return tidy(html);
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(TextSink::default(), TokenizerOpts::default());
    // Script is never run, so the tokenizer never stops for one.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tidy(&tokenizer.sink.out.take())
}

/// Collects the text a reader would see.
#[derive(Default)]
struct TextSink {
    out: RefCell<String>,
    /// Elements whose contents are not shown, open around the current token.
    hidden: Cell<usize>,
    /// Open links, each with its address (if it has one).
    links: RefCell<Vec<Option<String>>>,
}

impl TextSink {
    fn newline(&self) {
        let mut out = self.out.borrow_mut();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    }
}

impl TokenSink for TextSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            if let Token::CharacterTokens(text) = token
                && self.hidden.get() == 0
            {
                self.out.borrow_mut().push_str(&text);
            }
            return TokenSinkResult::Continue;
        };
        let name = &*tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some(raw) = hidden_kind(name) {
            if start && !tag.self_closing {
                self.hidden.set(self.hidden.get() + 1);
                // Read what follows as text up to the matching end tag, as a browser
                // does: a `<p>` inside a script is not a paragraph.
                return match raw {
                    Some(kind) => TokenSinkResult::RawData(kind),
                    None => TokenSinkResult::Continue,
                };
            }
            if !start {
                self.hidden.set(self.hidden.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        if self.hidden.get() > 0 {
            return TokenSinkResult::Continue;
        }
        match (name, start) {
            ("br", _) => self.out.borrow_mut().push('\n'),
            ("li", true) => {
                self.newline();
                self.out.borrow_mut().push_str("• ");
            }
            ("a", true) => {
                let href = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "href")
                    .map(|a| a.value.trim().to_owned())
                    .filter(|h| !h.is_empty());
                self.links.borrow_mut().push(href);
            }
            ("a", false) => {
                if let Some(Some(href)) = self.links.borrow_mut().pop() {
                    let mut out = self.out.borrow_mut();
                    if !out.trim_end().ends_with(&href) {
                        out.push_str(&format!(" ({href})"));
                    }
                }
            }
            (block, _) if is_block(block) => self.newline(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// For elements whose contents are not shown: `Some(kind)` when their contents are raw
/// text to skip to the end tag, `Some(None)` when they are markup.
fn hidden_kind(tag: &str) -> Option<Option<RawKind>> {
    match tag {
        "script" => Some(Some(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(Some(RawKind::Rawtext)),
        "title" | "textarea" => Some(Some(RawKind::Rcdata)),
        "template" | "noscript" | "head" | "object" | "svg" | "math" => Some(None),
        _ => None,
    }
}

/// Elements that begin and end a line.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figcaption"
            | "pre"
            | "hr"
    )
}

/// Collapses runs of spaces, trims lines, and keeps at most one blank line.
fn tidy(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_links_stay_entities_decode() {
        let html = "<p>Putin &amp; Trump met in <b>Helsinki</b>.</p><p>See <a href=\"https://example.org/a?x=1&amp;y=2\">the report</a>&nbsp;&#8212; and <a href='https://b.example'>https://b.example</a>.</p>";
        assert_eq!(
            to_text(html),
            "Putin & Trump met in Helsinki.\nSee the report (https://example.org/a?x=1&y=2) — and https://b.example."
        );
    }

    #[test]
    fn broken_html_does_not_lose_text() {
        assert_eq!(to_text("a < b and <i>c"), "a < b and c");
        assert_eq!(to_text("line<br>break<br/>again"), "line\nbreak\nagain");
        assert_eq!(to_text("<ul><li>one</li><li>two</li></ul>"), "• one\n• two");
    }

    #[test]
    fn every_named_entity_is_decoded() {
        assert_eq!(
            to_text("caf&eacute; &euro;5 &frac12; &Omega; &hearts; &rarr; &lt;b&gt; &amp;"),
            "café €5 ½ Ω ♥ → <b> &"
        );
        // Numeric ones, and what is not an entity stays as written.
        assert_eq!(to_text("&#233;&#xE9; &unknown; AT&T"), "éé &unknown; AT&T");
    }

    #[test]
    fn script_and_style_contents_are_dropped() {
        let html = "<style>p { color: red }</style><p>Shown</p><script>var x = '<p>not shown</p>';</script><noscript>no</noscript> too";
        assert_eq!(to_text(html), "Shown\ntoo");
    }

    #[test]
    fn a_greater_than_sign_in_an_attribute_or_a_comment_is_not_the_end_of_a_tag() {
        let html = "<a title=\"a > b\" href=\"https://x.example/?q=>\">link</a> <!-- a comment with > and <b> --> after";
        assert_eq!(to_text(html), "link (https://x.example/?q=>) after");
    }

    #[test]
    fn only_href_is_a_link_address() {
        assert_eq!(
            to_text("<a data-href=\"https://tracker.example\">words</a>"),
            "words"
        );
    }

    #[test]
    fn deep_nesting_takes_no_stack_and_no_more_time_than_the_input() {
        let html = format!(
            "{}deep{}",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        assert_eq!(to_text(&html), "deep");
    }

    #[test]
    fn paragraphs_left_open_still_end_their_line() {
        assert_eq!(
            to_text("<p>one<p>two<div>three</div>four"),
            "one\ntwo\nthree\nfour"
        );
    }
}
