//! A page's article text: its main content, without menus, share buttons, related
//! links, comments or cookie banners, taken by `rs-trafilatura` (a port of trafilatura;
//! its measured F1 on the article-extraction benchmark is in BENCHMARKS.md).

/// What a page says of its article.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The article's text, paragraphs on lines of their own.
    pub text: String,
    /// The page's title, or empty.
    pub title: String,
    /// The publication date its metadata gives (RFC 3339), or empty.
    pub published: String,
    /// The canonical address its metadata gives, or empty.
    pub url: String,
    /// The `generator` it names (a "save complete page" keeps the site's), or empty.
    pub generator: String,
}

/// Whether text reads as HTML: it opens with a tag or a doctype (after white space and
/// comments), or has `<html` or `<body` near its start.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start();
    trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || head.contains("<html")
        || head.contains("<body")
        || (trimmed.starts_with("<!--") && head.contains("<head"))
}

/// The article in an HTML page's bytes (any encoding its meta tags declare); `url` is
/// the page's address when known. Never panics: a page the extractor cannot take gives
/// an empty text.
pub fn article(html: &[u8], url: &str) -> Page {
    let options = rs_trafilatura::Options {
        url: (!url.is_empty()).then(|| url.to_owned()),
        ..rs_trafilatura::Options::default()
    };
    // A third-party extractor over hostile HTML: a panic in it is a page without text,
    // not a crash of the app.
    let result =
        std::panic::catch_unwind(|| rs_trafilatura::extract_bytes_with_options(html, &options));
    let Ok(Ok(result)) = result else {
        return Page::default();
    };
    let meta = result.metadata;
    // The date as the page declares it, with its own offset: the extractor's is turned
    // into UTC, which moves an article published just after midnight to the day before.
    let declared = declared_published(&String::from_utf8_lossy(html));
    Page {
        text: tidy(&result.content_text),
        title: meta.title.unwrap_or_default(),
        published: declared
            .or_else(|| meta.date.map(|d| d.to_rfc3339()))
            .unwrap_or_default(),
        url: meta.url.unwrap_or_default(),
        generator: String::new(),
    }
}

/// The publication date a page declares, as written (its own day and offset): JSON-LD's
/// `datePublished` (in a `@graph` too), else `<meta property="article:published_time">`.
/// Only a value that starts with a day (`YYYY-MM-DD`) is taken.
fn declared_published(html: &str) -> Option<String> {
    let starts_with_day = |v: &str| {
        v.get(..10)
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
    };
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find("application/ld+json") {
        let tag = at + found;
        let Some(open_end) = lower[tag..].find('>').map(|i| tag + i + 1) else {
            break;
        };
        let Some(close) = lower[open_end..].find("</script").map(|i| open_end + i) else {
            break;
        };
        at = close;
        let Ok(json) = serde_json::from_str::<serde_json::Value>(html[open_end..close].trim())
        else {
            continue;
        };
        if let Some(date) = find_key(&json, "datePublished", 0).filter(|d| starts_with_day(d)) {
            return Some(date);
        }
    }
    let meta = lower.find("article:published_time")?;
    let tag_start = lower[..meta].rfind('<')?;
    let tag_end = meta + lower[meta..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let content = tag.to_ascii_lowercase().find("content=")? + "content=".len();
    let value = tag[content..].trim_start_matches(['"', '\'']);
    let value: String = value
        .chars()
        .take_while(|c| !matches!(c, '"' | '\''))
        .collect();
    starts_with_day(&value).then_some(value)
}

/// The first string under `key` in a JSON value, depth first (a few levels deep).
fn find_key(value: &serde_json::Value, key: &str, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(|v| v.as_str().map(str::to_owned))
            .or_else(|| map.values().find_map(|v| find_key(v, key, depth + 1))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_key(v, key, depth + 1)),
        _ => None,
    }
}

/// The extractor's text with each paragraph on one line and no blank runs: what a
/// person reads, and what quotes are checked against.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_taken_and_the_furniture_left() {
        let html = r#"<!doctype html><html><head><title>Kremlin denies call</title>
<meta property="article:published_time" content="2024-11-11T09:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<article><h1>Kremlin denies call</h1>
<p>The Kremlin on Monday denied a report that Donald Trump had spoken by phone with Vladimir Putin, saying the story was “pure fiction” and that there had been no conversation between the two men at all.</p>
<p>“This is completely untrue; it’s pure fiction,” Kremlin spokesman Dmitry Peskov told reporters when he was asked about the report in The Washington Post on Sunday.</p>
<p>Peskov said that there were no plans for a conversation between the two leaders yet, and that Putin had said he was ready for contacts.</p>
</article>
<aside><h3>Related</h3><a href="/a">Ten things you missed this week</a></aside>
<footer>Share on Facebook · Share on X · © News Corp</footer></body></html>"#;
        let page = article(html.as_bytes(), "https://news.example/kremlin");
        assert!(
            page.text
                .contains("“This is completely untrue; it’s pure fiction,”"),
            "{}",
            page.text
        );
        for furniture in [
            "Accept all cookies",
            "Share on Facebook",
            "Ten things you missed",
        ] {
            assert!(
                !page.text.contains(furniture),
                "{furniture} in {}",
                page.text
            );
        }
        assert!(looks_like_html(html));
        assert!(!looks_like_html("Nervous Kremlin Warns U.S."));
    }
}

#[cfg(test)]
mod json_ld {
    use super::*;

    /// Many news sites give the day of publication only in their JSON-LD.
    #[test]
    fn the_day_of_publication_from_json_ld_date_published() {
        let html = r#"<!doctype html><html><head><title>Envoys meet</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"The Wire"},{"@type":"NewsArticle","headline":"Envoys meet","datePublished":"2024-11-11T09:30:00+01:00","dateModified":"2024-11-12T10:00:00Z"}]}</script>
</head><body><article><h1>Envoys meet</h1>
<p>The envoys met in Vienna on Friday and spoke for three hours about the talks that are to follow, a spokesman for the ministry said afterwards.</p>
<p>“We had a useful conversation,” the spokesman told reporters outside the building, adding that no date had been set for the next round.</p>
</article></body></html>"#;
        let page = article(html.as_bytes(), "");
        assert!(
            page.published.starts_with("2024-11-11"),
            "published: {:?}",
            page.published
        );
        // Just after midnight where it was published: the day is the page's own, not
        // the day in UTC.
        let late = html.replace("2024-11-11T09:30:00+01:00", "2024-11-11T00:30:00+01:00");
        let page = article(late.as_bytes(), "");
        assert!(
            page.published.starts_with("2024-11-11"),
            "published: {:?}",
            page.published
        );
    }
}
