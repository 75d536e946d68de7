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
    Page {
        text: tidy(&result.content_text),
        title: meta.title.unwrap_or_default(),
        published: meta.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
        url: meta.url.unwrap_or_default(),
        generator: String::new(),
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
