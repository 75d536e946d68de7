//! `claimline publish`: the built-in dataset as a page under 300 KB with every event, its
//! quotes and contradictions, the disputes and the sources, a Content-Security-Policy
//! whose style hash matches the page's style; and a hostile dataset — script tags, tags
//! that close the SVG or the style, attribute breakouts, `javascript:` and `data:` links,
//! line separators, right-to-left overrides in every field — gives a page whose tokens,
//! read by a real HTML tokenizer (html5ever), hold no script, no event handler and no
//! link but to the page itself or the web. In a real browser (headless Chromium, which
//! `scripts/install-test-deps.sh` installs; skipped visibly without it, required under
//! CI) the page's own script runs under its policy, a deep link selects its event and
//! shows its quotes under the picture, and the hostile page runs no script but its own.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use common::browser::Browser;

use std::path::Path;
use std::process::Command;

use claimline::hash;
use claimline::publish::anchor;
use claimline::timeline::Document;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

fn publish(file: Option<&Path>, out: &Path) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimline"));
    cmd.arg("publish");
    if let Some(f) = file {
        cmd.arg(f);
    }
    let run = cmd.arg("-o").arg(out).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// A start tag: its name and its attributes (name, value).
type StartTag = (String, Vec<(String, String)>);

/// Every start tag of the page with its attributes, and the text of `<style>` and of
/// `<script>`.
#[derive(Default)]
struct Tags {
    tags: std::cell::RefCell<Vec<StartTag>>,
    style: std::cell::RefCell<Option<String>>,
    script: std::cell::RefCell<Option<String>>,
    /// Inside `<style>` (`Some(true)`) or `<script>` (`Some(false)`).
    in_raw: std::cell::Cell<Option<bool>>,
}

impl TokenSink for Tags {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        match token {
            Token::TagToken(Tag {
                kind, name, attrs, ..
            }) => {
                let name = name.to_string();
                if kind == TagKind::StartTag {
                    let attrs = attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                    self.tags.borrow_mut().push((name.clone(), attrs));
                    if name == "style" {
                        self.in_raw.set(Some(true));
                        *self.style.borrow_mut() = Some(String::new());
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    if name == "script" {
                        self.in_raw.set(Some(false));
                        *self.script.borrow_mut() = Some(String::new());
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                } else if name == "style" || name == "script" {
                    self.in_raw.set(None);
                }
            }
            Token::CharacterTokens(text) => {
                let into = match self.in_raw.get() {
                    Some(true) => &self.style,
                    Some(false) => &self.script,
                    None => return TokenSinkResult::Continue,
                };
                if let Some(s) = into.borrow_mut().as_mut() {
                    s.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokens(html: &str) -> Tags {
    let tokenizer = Tokenizer::new(Tags::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink
}

/// How many `<svg>` elements of this class (`None`: without a class) the page has.
fn svgs(tags: &[(String, Vec<(String, String)>)], class: Option<&str>) -> usize {
    tags.iter()
        .filter(|(t, a)| {
            t == "svg"
                && a.iter()
                    .find(|(k, _)| k == "class")
                    .map(|(_, v)| v.as_str())
                    == class
        })
        .count()
}

#[test]
fn the_built_in_dataset_publishes_whole_in_one_small_offline_page() {
    let dir = tempfile::tempdir().unwrap();
    let html = publish(None, &dir.path().join("p.html"));
    assert!(html.len() <= 300 * 1024, "{} bytes", html.len());
    // Its map: one figure, the six events with a place, each with its coordinates.
    let map = &html[html
        .find("<figure class=\"map\"")
        .expect("the page has a map")..];
    let map = &map[..map.find("</figure>").unwrap()];
    assert_eq!(
        map.matches("data-lat=").count(),
        6,
        "six events have a place"
    );
    assert!(
        map.contains(
            "data-event=\"helsinki-summit-2018\" data-lat=\"60.1699\" data-lon=\"24.9384\""
        )
    );
    assert!(map.contains("Made with Natural Earth"));
    assert!(map.len() < 80 * 1024, "the map takes {} bytes", map.len());
    let doc = Document::builtin().unwrap();
    let ds = &doc.dataset;
    let found = tokens(&html);
    let tags = found.tags.borrow();
    // Every event is an article at its anchor; every contradiction links to the other.
    for event in &ds.events {
        let id = anchor(ds.str(event.id));
        assert!(
            tags.iter()
                .any(|(t, a)| t == "article" && a.iter().any(|(k, v)| k == "id" && *v == id)),
            "no article for {id}"
        );
    }
    let hrefs: Vec<&str> = tags
        .iter()
        .flat_map(|(_, a)| a.iter())
        .filter(|(k, _)| k == "href")
        .map(|(_, v)| v.as_str())
        .collect();
    for r in &ds.relations {
        for end in [r.from, r.to] {
            let target = format!("#{}", anchor(ds.str(end)));
            assert!(hrefs.contains(&target.as_str()), "no link to {target}");
        }
    }
    // A quote and a dispute's question, as a reader sees them.
    assert!(html.contains("There was no conversation"));
    // What the app says, the page says: the question whose links cannot be split into
    // two sides says so, naming them; links the editor made are marked; date notes,
    // source notes, actors' roles and the captured copies' hashes are shown.
    assert!(html.contains("These reports cannot be split into two consistent sides:</strong> “Lavrov: sharing Trump–Putin conversations would be &quot;indecent&quot;” contradicts “Kremlin warns"), "the unsplittable question");
    let editor_links = ds
        .relations
        .iter()
        .filter(|r| r.linked_by.is_editor())
        .count();
    assert_eq!(editor_links, 6);
    assert!(
        html.matches("Linked by the dataset's editor, not by the articles.")
            .count()
            >= editor_links * 2,
        "marked on each event and in each dispute"
    );
    assert!(
        html.contains("Linked by Claimline, not by the article: AP reports Peskov"),
        "relation notes"
    );
    assert!(
        html.contains("How the date was worked out: The article says only &quot;in 2017&quot;."),
        "date notes"
    );
    assert!(
        html.contains("Printed: &quot;2024-11-11 11.49&quot; and the dateline"),
        "source notes"
    );
    assert!(
        html.contains("Sergei Lavrov (Russian Foreign Minister)"),
        "actors' roles"
    );
    assert!(
        html.contains(
            "SHA-256 <code>52e51120c15a987bde13ad4d77daded74f2d4bc699316c441f87209e48fb145d</code>"
        ),
        "the captured copies"
    );
    for d in &doc.disputes {
        let id = claimline::export::claimreview::question_anchor(ds, d);
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "each question has its place: {id}"
        );
    }
    assert_eq!(
        tags.iter()
            .filter(|(t, a)| t == "div" && a.iter().any(|(k, v)| k == "class" && v == "dispute"))
            .count(),
        doc.disputes.len()
    );
    // Three pictures (the timeline light and dark, the map), the cards' markers drawn
    // once and used by each card, one script of its own, and a policy that names the
    // style and the script by their hashes.
    assert_eq!(svgs(&tags, None), 3);
    assert_eq!(svgs(&tags, Some("sprite")), 1);
    assert_eq!(svgs(&tags, Some("glyph")), ds.events.len());
    let scripts = |data: bool| {
        tags.iter()
            .filter(|(t, a)| {
                t == "script"
                    && a.iter()
                        .any(|(k, v)| k == "type" && v == "application/ld+json")
                        == data
            })
            .count()
    };
    assert_eq!(scripts(false), 1, "one script of its own");
    assert_eq!(scripts(true), 1, "one block of JSON-LD data");
    let csp = tags
        .iter()
        .find(|(t, a)| {
            t == "meta"
                && a.iter()
                    .any(|(k, v)| k == "http-equiv" && v == "Content-Security-Policy")
        })
        .and_then(|(_, a)| a.iter().find(|(k, _)| k == "content"))
        .map(|(_, v)| v.clone())
        .expect("a Content-Security-Policy");
    let style = found.style.borrow().clone().expect("a style");
    let hash = hash::base64(&hash::sha256(style.as_bytes()));
    assert!(
        csp.contains(&format!("'sha256-{hash}'")),
        "the policy's style hash is not the style's: {csp}"
    );
    let script = found.script.borrow().clone().expect("a script");
    let hash = hash::base64(&hash::sha256(script.as_bytes()));
    assert!(
        csp.contains(&format!("script-src 'sha256-{hash}'")),
        "the policy's script hash is not the script's: {csp}"
    );
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe"));
    // What search engines and link previews read: the dataset's own words.
    let meta = |key: &str, name: &str| {
        tags.iter()
            .find(|(t, a)| t == "meta" && a.iter().any(|(k, v)| k == key && v == name))
            .and_then(|(_, a)| a.iter().find(|(k, _)| k == "content"))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        meta("name", "description").as_deref(),
        Some(ds.str(ds.description))
    );
    assert_eq!(
        meta("property", "og:title").as_deref(),
        Some(ds.str(ds.title))
    );
    assert_eq!(meta("name", "twitter:card").as_deref(), Some("summary"));
    // One landmark for the content; every id once.
    assert_eq!(tags.iter().filter(|(t, _)| t == "main").count(), 1);
    let mut ids: Vec<&str> = tags
        .iter()
        .flat_map(|(_, a)| a.iter())
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v.as_str())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id used twice");
}

#[test]
fn a_hostile_dataset_yields_a_page_without_script_handlers_or_foreign_links() {
    let evil = r#"<script>alert(1)</script></script></svg></style><img src=x onerror=alert(2)>\" onload=\"alert(3)\u{2028}\u{202e}abc"#;
    let dataset = format!(
        "(schema: 1, title: \"{evil}\", description: \"{evil}\",
          actors: [(id: \"a\", name: \"{evil}\")],
          sources: [
            (id: \"s1\", outlet: \"{evil}\", headline: \"{evil}\", published: \"2024\", url: \"javascript:alert(4)\"),
            (id: \"s2\", outlet: \"O\", published: \"2024\", url: \"data:text/html,<script>alert(5)</script>\"),
            (id: \"s3\", outlet: \"O\", published: \"2024\", url: \"https://example.org/\\\"><script>alert(6)</script>\"),
          ],
          events: [
            (id: \"e1\\\"><script>\", title: \"{evil}\", kind: Meeting, date: \"2024-11-07\", status: Reported, summary: \"{evil}\", place: \"{evil}\", coordinates: (lat: 50.45, lon: 30.52),
             quotes: [(source: \"s1\", speaker: Actor(\"a\"), text: \"{evil}\"), (source: \"s2\", speaker: Other(\"{evil}\"), text: \"q\"), (source: \"s3\", speaker: Outlet, text: \"q\")]),
            (id: \"e2\", title: \"t\", kind: Denial, date: \"2024-11-08\", status: Reported, quotes: [(source: \"s1\", speaker: Outlet, text: \"q\")]),
          ],
          relations: [(id: \"r\", kind: Denies, from: \"e2\", to: \"e1\\\"><script>\", question: \"{evil}\")])"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.ron");
    std::fs::write(&file, dataset).unwrap();
    let html = publish(Some(&file), &dir.path().join("p.html"));
    let found = tokens(&html);
    let tags = found.tags.borrow();
    assert!(!tags.iter().any(|(t, _)| t == "img"));
    assert!(
        html.contains("<figure class=\"map\""),
        "the hostile event has a place: its title and id are on the map too"
    );
    assert_eq!(
        tags.iter().filter(|(t, _)| t == "script").count(),
        2,
        "the page's own script and its JSON-LD only"
    );
    // The JSON-LD block holds the hostile text as data: it parses, and says it back.
    let ld_at = html.find("<script type=\"application/ld+json\">").unwrap();
    let ld = &html[ld_at + "<script type=\"application/ld+json\">".len()..];
    let ld = &ld[..ld.find("</script>").unwrap()];
    assert!(!ld.contains('<') && !ld.contains('\u{2028}'));
    let reviews: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert!(
        reviews[0]["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("<script>alert(1)</script>")
    );
    for (tag, attrs) in tags.iter() {
        for (k, v) in attrs {
            assert!(!k.starts_with("on"), "<{tag} {k}=…> runs script");
            if k == "href" || k == "src" {
                assert!(
                    v.starts_with('#') || v.starts_with("https://") || v.starts_with("http://"),
                    "<{tag} {k}=\"{v}\">"
                );
                assert!(!v.contains('<') && !v.contains('"'), "{v}");
            }
        }
    }
    assert!(!html.contains('\u{2028}'), "a line separator got through");
    assert!(
        !html.contains('\u{202e}'),
        "an override reorders the page's text"
    );
    // The hostile text is shown, escaped, to the reader.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Only the page's own pictures (the timeline light and dark, the map), its cards'
    // markers and one style.
    assert_eq!(svgs(&tags, None), 3);
    assert_eq!(svgs(&tags, Some("sprite")), 1);
    assert_eq!(tags.iter().filter(|(t, _)| t == "style").count(), 1);
}

/// A source with an archived copy: the page's link to the original names the copy and
/// its date (Robust Links: `data-versionurl`, `data-versiondate`) and links the copy too;
/// the copy survives a save in the canonical layout.
#[test]
fn archived_copies_of_sources_are_linked_and_kept() {
    let dataset = r#"(schema: 1, title: "Archived",
      sources: [(id: "s", outlet: "TASS", published: "2024-11-11", url: "https://tass.com/politics/1870001",
                 archived: (url: "https://web.archive.org/web/20241112093000/https://tass.com/politics/1870001", date: "2024-11-12"))],
      events: [(id: "e", title: "Kremlin denies", kind: Denial, date: "2024-11-11", status: Reported,
                quotes: [(source: "s", speaker: Outlet, text: "pure invention")]),
               (id: "c", title: "A call is reported", kind: MediaReport, date: "2024-11-10", status: Disputed,
                quotes: [(source: "s", speaker: Outlet, text: "a call")])],
      relations: [(id: "r", kind: Denies, from: "e", to: "c", question: "Was there a call?")])"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.ron");
    std::fs::write(&file, dataset).unwrap();
    let html = publish(Some(&file), &dir.path().join("p.html"));
    let found = tokens(&html);
    let tags = found.tags.borrow();
    let original = tags
        .iter()
        .find(|(t, a)| {
            t == "a"
                && a.iter()
                    .any(|(k, v)| k == "href" && v == "https://tass.com/politics/1870001")
        })
        .expect("a link to the original");
    let attr = |k: &str| {
        original
            .1
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        attr("data-versionurl"),
        Some("https://web.archive.org/web/20241112093000/https://tass.com/politics/1870001")
    );
    assert_eq!(attr("data-versiondate"), Some("2024-11-12"));
    assert!(tags.iter().any(|(t, a)| {
        t == "a"
            && a.iter()
                .any(|(k, v)| k == "href" && v.starts_with("https://web.archive.org/"))
    }));

    // Both exports carry the copy: ClaimReview's `archivedAt`, the annotation target's
    // TimeState.
    let export = |format: &str| -> serde_json::Value {
        let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
            .arg("export")
            .arg(&file)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        serde_json::from_slice(&run.stdout).unwrap()
    };
    let copy = "https://web.archive.org/web/20241112093000/https://tass.com/politics/1870001";
    let reviews = export("claimreview");
    assert_eq!(
        reviews[0]["itemReviewed"]["firstAppearance"]["archivedAt"],
        copy
    );
    assert_eq!(
        reviews[0]["itemReviewed"]["firstAppearance"]["url"],
        "https://tass.com/politics/1870001"
    );
    let annotations = export("annotations");
    let state = &annotations["first"]["items"][0]["target"]["state"];
    assert_eq!(state["type"], "TimeState");
    assert_eq!(state["cached"], copy);
    assert_eq!(state["sourceDate"], "2024-11-12");

    let loaded = claimline::load::load_file(&file, Default::default(), None).unwrap();
    let saved = claimline::save::canonical(&loaded.dataset, &Default::default());
    assert!(saved.contains(
        "archived: (url: \"https://web.archive.org/web/20241112093000/https://tass.com/politics/1870001\", date: \"2024-11-12\"),"
    ), "{saved}");
}

/// A page published from a dataset whose every field tries to run a script (an
/// injected `<script>` that would retitle the page, an image whose error runs `alert`),
/// written in `dir`.
fn hostile_page(dir: &Path) -> std::path::PathBuf {
    let evil = r#"<script>document.title='pwned'</script><img src=x onerror=alert(2)>"#;
    let dataset = format!(
        "(schema: 1, title: \"{evil}\", actors: [(id: \"a\", name: \"A\")],
          sources: [(id: \"s\", outlet: \"{evil}\", published: \"2024\", url: \"https://example.org/{evil}\"),
                    (id: \"j\", outlet: \"J\", published: \"2024\", url: \"javascript:alert(4)\")],
          events: [(id: \"e1\", title: \"{evil}\", kind: Meeting, date: \"2024-11-07\", status: Reported, summary: \"{evil}\", coordinates: (lat: 50.45, lon: 30.52),
            quotes: [(source: \"s\", speaker: Outlet, text: \"{evil}\"), (source: \"j\", speaker: Outlet, text: \"q\")])])"
    );
    let file = dir.join("evil.ron");
    std::fs::write(&file, dataset).unwrap();
    let page = dir.join("evil.html");
    publish(Some(&file), &page);
    page
}

/// The page as a browser leaves it after its scripts ran: headless Chromium's DOM.
fn browser_dom(page: &Path, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", page.display());
    let run = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=3000",
            "--dump-dom",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).unwrap()
}

#[test]
fn in_a_browser_a_deep_link_selects_its_event_and_a_hostile_page_runs_only_its_own_script() {
    if !common::needs::require(
        "in_a_browser_a_deep_link_selects_its_event_and_a_hostile_page_runs_only_its_own_script",
        &[common::needs::Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page);
    // Opened at the Kremlin's denial: selected on both pictures, its details and its
    // quotes under the picture, the search box the script adds.
    let dom = browser_dom(&page, "#e-kremlin-denies-call");
    let found = tokens(&dom);
    let tags = found.tags.borrow();
    let attr =
        |a: &[(String, String)], k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let aside = tags
        .iter()
        .find(|(t, a)| t == "aside" && attr(a, "id").as_deref() == Some("selected"))
        .expect("the selection panel");
    assert!(
        attr(&aside.1, "hidden").is_none(),
        "the script ran and showed the selection"
    );
    let pressed: Vec<String> = tags
        .iter()
        .filter(|(t, a)| t == "g" && attr(a, "aria-pressed").as_deref() == Some("true"))
        .filter_map(|(_, a)| attr(a, "data-event"))
        .collect();
    assert_eq!(
        pressed,
        ["kremlin-denies-call", "kremlin-denies-call"],
        "light and dark"
    );
    let labelled = tags
        .iter()
        .filter(|(t, a)| t == "g" && attr(a, "role").as_deref() == Some("button"))
        .filter_map(|(_, a)| attr(a, "aria-label"))
        .any(|l| l.starts_with("11 November 2024, denial, on the record: Kremlin denies"));
    assert!(labelled, "each event on the picture is a named button");
    let panel_at = dom.find("<aside id=\"selected\"").unwrap();
    let panel = &dom[panel_at..panel_at + dom[panel_at..].find("</aside>").unwrap()];
    assert!(
        panel.contains("There was no conversation"),
        "its quotes are shown"
    );
    assert!(
        panel.contains("href=\"#e-reported-call-2024-11-07\""),
        "with the way to the other side"
    );
    assert!(
        tags.iter()
            .any(|(t, a)| t == "input" && attr(a, "type").as_deref() == Some("search"))
    );

    // A hostile dataset: the page's own script runs (its search box is there), nothing
    // the dataset holds became an element.
    let evil_page = hostile_page(dir.path());
    let dom = browser_dom(&evil_page, "#e-e1");
    let found = tokens(&dom);
    let tags = found.tags.borrow();
    assert_eq!(
        tags.iter().filter(|(t, _)| t == "script").count(),
        2,
        "its own script and JSON-LD only"
    );
    assert!(!tags.iter().any(|(t, _)| t == "img"), "no injected element");
    assert!(
        tags.iter()
            .any(|(t, a)| t == "input" && attr(a, "type").as_deref() == Some("search"))
    );
    assert!(
        !dom.contains("<title>pwned</title>"),
        "no injected script ran"
    );
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
}

#[test]
fn in_a_browser_a_click_shows_the_quotes_keys_walk_the_events_and_nothing_leaves_the_page() {
    if !common::needs::require(
        "in_a_browser_a_click_shows_the_quotes_keys_walk_the_events_and_nothing_leaves_the_page",
        &[common::needs::Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page);
    let url = format!("file://{}", page.display());
    let mut browser = Browser::start();
    browser.open(&url);
    let selected = "document.getElementById('selected')";

    // A click on the reported call in the picture: its quotes under the picture.
    assert_eq!(browser.eval(&format!("{selected}.hidden")), true);
    browser.click(".light-picture g[data-event='reported-call-2024-11-07']");
    let panel = browser.eval(&format!("{selected}.innerText"));
    let panel = panel.as_str().unwrap();
    assert!(
        panel.contains("Trump and Putin reportedly speak by phone about Ukraine"),
        "{panel}"
    );
    assert!(
        panel.contains("that the two spoke on Thursday"),
        "its first quote: {panel}"
    );
    assert_eq!(
        browser.eval("location.hash"),
        "#e-reported-call-2024-11-07",
        "the address is a deep link to it"
    );
    // The keyboard: → moves to the next event in time, focused and pressed.
    let order = Document::builtin().unwrap();
    let ds = &order.dataset;
    let at = order
        .order
        .iter()
        .position(|&e| ds.str(ds.events[e as usize].id) == "reported-call-2024-11-07")
        .unwrap();
    let next = ds
        .str(ds.events[order.order[at + 1] as usize].id)
        .to_owned();
    browser.eval(
        "document.querySelector(\".light-picture g[data-event='reported-call-2024-11-07']\").focus()",
    );
    browser.key("ArrowRight", 39);
    assert_eq!(
        browser.eval("document.activeElement.getAttribute('data-event')"),
        next.as_str()
    );
    assert_eq!(
        browser.eval("document.activeElement.getAttribute('aria-pressed')"),
        "true"
    );
    // The contradicting report's link in the call's panel selects the other side; a
    // deep link opens with the call selected.
    browser.open(&format!("{url}#e-reported-call-2024-11-07"));
    assert_eq!(
        browser.eval(&format!("{selected}.querySelector('h3').innerText")),
        "Trump and Putin reportedly speak by phone about Ukraine"
    );
    browser.click("#selected a[href='#e-kremlin-denies-call']");
    let panel = browser.eval(&format!("{selected}.innerText"));
    assert!(
        panel
            .as_str()
            .unwrap()
            .contains("There was no conversation"),
        "the Kremlin's denial: {panel}"
    );
    // Search narrows the list.
    let found = browser.eval_async(
        "(async () => { const b = document.querySelector('p.search input'); const f = document.querySelector('.found'); b.value = 'Sochi'; b.dispatchEvent(new Event('input')); while (f.getAttribute('data-for') !== 'sochi') { await new Promise((r) => setTimeout(r, 10)); } return f.textContent; })()",
    );
    assert!(found.as_str().unwrap().ends_with("of 26 events"), "{found}");
    // Nothing but the page itself was ever asked for.
    let requests = browser.requests();
    assert!(!requests.is_empty());
    for r in &requests {
        assert!(r.starts_with(&url), "the page asked for {r}");
    }

    // A hostile dataset: a click shows its text as text; no script of its ran, no
    // dialog opened, nothing was fetched (not even its `<img src=x>`).
    let evil_page = hostile_page(dir.path());
    let evil_url = format!("file://{}", evil_page.display());
    browser.open(&evil_url);
    browser.click(".light-picture g[data-event='e1']");
    let panel = browser.eval(&format!("{selected}.innerText"));
    assert!(
        panel
            .as_str()
            .unwrap()
            .contains("<img src=x onerror=alert(2)>"),
        "{panel}"
    );
    assert_ne!(browser.eval("document.title"), "pwned");
    assert_eq!(browser.eval("document.querySelectorAll('img').length"), 0);
    assert_eq!(
        browser.eval("document.querySelectorAll('script').length"),
        2
    );
    assert!(browser.eval("document.querySelector('p.search input') !== null") == true);
    let requests = browser.requests();
    for r in &requests {
        assert!(r.starts_with(&evil_url), "the hostile page asked for {r}");
    }
    assert!(
        !browser
            .events
            .iter()
            .any(|e| e["method"] == "Page.javascriptDialogOpening"),
        "an injected alert ran"
    );
}

/// ClaimReview is pasted by publishers into `<script type="application/ld+json">`: from a
/// dataset that tries to close that element and run its own script, the export pasted
/// so opens in Chromium with no alert and parses back to the dataset's own words.
#[test]
fn claim_reviews_pasted_into_a_page_run_no_script_and_read_back_whole() {
    if !common::needs::require(
        "claim_reviews_pasted_into_a_page_run_no_script_and_read_back_whole",
        &[common::needs::Need::Chromium],
    ) {
        return;
    }
    let evil = "</script><script>alert(1)</script><!--\u{2028}&amp;";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.ron");
    let q = evil.replace('"', "\\\"");
    std::fs::write(
        &file,
        format!(
            "(schema: 1, title: \"{q}\", author: \"{q}\", actors: [(id: \"a\", name: \"{q}\")],
              sources: [(id: \"s\", outlet: \"{q}\", headline: \"{q}\", published: \"2024\")],
              events: [(id: \"e1\", title: \"{q}\", kind: Meeting, date: \"2024\", status: Reported, quotes: [(source: \"s\", speaker: Actor(\"a\"), text: \"{q}\")]),
                       (id: \"e2\", title: \"{q}\", kind: Denial, date: \"2024\", status: Confirmed, quotes: [(source: \"s\", speaker: Actor(\"a\"), text: \"{q}\")])],
              relations: [(id: \"r\", kind: Denies, from: \"e2\", to: \"e1\", question: \"{q}\")])"
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["export", file.to_str().unwrap(), "--format", "claimreview"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(
        !json.contains('<') && !json.contains('>') && !json.contains('\u{2028}'),
        "{json}"
    );
    let page = dir.path().join("reviews.html");
    std::fs::write(
        &page,
        format!(
            "<!doctype html><html lang=\"en\"><head><title>t</title><script type=\"application/ld+json\">{json}</script></head><body><p>ok</p><script>window.reviews = JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent); document.title = 'parsed';</script></body></html>"
        ),
    )
    .unwrap();
    let mut browser = Browser::start();
    browser.open(&format!("file://{}", page.display()));
    assert_eq!(
        browser.eval("document.title"),
        "parsed",
        "the data block stayed one element"
    );
    assert_eq!(
        browser.eval("document.scripts.length"),
        2,
        "no script of the dataset's"
    );
    assert_eq!(browser.eval("window.reviews[0].claimReviewed"), evil);
    assert_eq!(browser.eval("window.reviews[0].itemReviewed.name"), evil);
    assert!(
        !browser
            .events
            .iter()
            .any(|e| e["method"] == "Page.javascriptDialogOpening"),
        "an injected alert ran"
    );
}
