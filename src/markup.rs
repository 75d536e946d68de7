//! Text made safe for XML and HTML (SVG exports, published pages, TimelineJS text): the
//! five special characters escaped; characters XML forbids and other controls dropped
//! (tabs and line breaks kept); line and paragraph separators, which end a line in
//! script and JSON, made spaces; bidirectional embeddings and overrides, which reorder
//! the text around them (a spoofed title or address), dropped — right-to-left text
//! reads correctly without them.

/// `text` escaped for XML and HTML text and attribute values.
pub fn escape(text: &str) -> String {
    escaping(text, true)
}

/// `text` escaped for HTML text only (never an attribute): `&`, `<` and `>`, with quotes
/// left as they are — for tools that show or speak the markup's words as written
/// (TimelineJS reads `&apos;` aloud in its button labels).
pub fn escape_text(text: &str) -> String {
    escaping(text, false)
}

fn escaping(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{202a}'..='\u{202e}' | '\u{FFFE}' | '\u{FFFF}' => {}
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An http(s) address as a link may hold it: characters a URL may not contain (quotes,
/// angle brackets, spaces…) percent-encoded. `None` for any other scheme (`javascript:`,
/// `data:`) or an address with control characters.
pub fn web_url(url: &str) -> Option<String> {
    if !is_web(url) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if matches!(
            c,
            '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' | '\''
        ) {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// True for an address a reader may follow (never `javascript:` or `data:`).
pub fn is_web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// An id as the safe part of an element id and fragment: ASCII letters, digits and `-`
/// kept, every other character written as `_`, its hex code and `_`, so any id gives a
/// distinct, safe name.
pub fn fragment_id(id: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escaping_keeps_quotes_and_still_stops_markup() {
        assert_eq!(
            escape_text("Trump's \"call\" <script>&"),
            "Trump's \"call\" &lt;script&gt;&amp;"
        );
        assert_eq!(escape("a'b\"c"), "a&apos;b&quot;c");
        assert_eq!(escape_text("x\u{202e}y\u{0}z"), "xyz");
    }

    #[test]
    fn specials_escaped_and_actors_dropped() {
        assert_eq!(
            escape("<b a=\"x\">'&'</b>\u{1}\u{7}\r\u{85}"),
            "&lt;b a=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;"
        );
        assert_eq!(escape("a\u{2028}b\u{202e}c\nd\te"), "a bc\nd\te");
        assert_eq!(escape("مرحبا 👋 漢字"), "مرحبا 👋 漢字");
    }
}
