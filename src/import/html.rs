//! TimelineJS text is HTML; Claimline shows plain text. Tags go, paragraphs and line
//! breaks become newlines, entities are decoded, and links keep their address next to
//! their words ("the report (https://…)"), so they can still be followed.

/// Plain, readable text from a fragment of HTML.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // The address of the link being read, to append after its words.
    let mut link: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !starts_tag {
            // "a < b": a '<' not followed by a tag name is text.
            out.push('<');
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else {
            // A lone '<' is text.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            ("p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "blockquote", true) => out.push('\n'),
            ("li", false) => out.push_str("• "),
            ("a", false) => link = attribute(tag, "href"),
            ("a", true) => {
                if let Some(href) = link.take() {
                    let href = decode_entities(&href);
                    if !href.is_empty() && !out.trim_end().ends_with(&href) {
                        out.push_str(&format!(" ({href})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    tidy(&out)
}

/// The value of `name="…"` (or single quotes) in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let (quote, body) = match value.chars().next()? {
        q @ ('"' | '\'') => (Some(q), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(q) => body.find(q)?,
        None => body.find(char::is_whitespace).unwrap_or(body.len()),
    };
    Some(body[..end].to_owned())
}

/// Decodes the named entities HTML text commonly uses and numeric ones.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[..e];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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
        assert_eq!(
            to_text("5 &lt 6 &unknown; &#xZZ;"),
            "5 &lt 6 &unknown; &#xZZ;"
        );
        assert_eq!(to_text("line<br>break<br/>again"), "line\nbreak\nagain");
        assert_eq!(to_text("<ul><li>one</li><li>two</li></ul>"), "• one\n• two");
    }
}
