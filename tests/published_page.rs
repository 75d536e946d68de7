//! A published page as its readers get it, judged by tools and screens nobody here wrote:
//! a phone's screen in a real Chromium (390×844 and 320 wide, touch), where the story
//! must read as cards with no sideways scrolling, no text under 12 px and no target
//! under 24 px, and a tap must follow a contradiction; axe-core (the engine behind most
//! accessibility checkers) on the page wide and narrow, light and dark; Lighthouse (the
//! audit web teams publish by) at 95 or more in all four categories on a phone and a
//! desktop; keys and broken links that must not break it. The audits are npm's
//! `axe-core` and `lighthouse` in tests/page-audit (`npm ci` there; installed by
//! `scripts/install-test-deps.sh`, required under CI). `page_timings`, run by hand, is
//! the benchmark of BENCHMARKS.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::Browser;
use common::needs::Need;

/// Publishes `file` (the built-in dataset without one) to `out`, with `args`.
fn publish(file: Option<&Path>, out: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimline"));
    cmd.arg("publish");
    if let Some(f) = file {
        cmd.arg(f);
    }
    let run = cmd.arg("-o").arg(out).args(args).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// A dataset whose words do not break: a 500-letter title (which `check` allows), a
/// long address in a summary, a Russian language tag (and a quote in English), and a
/// link that is not a web address.
fn unbroken(dir: &Path) -> PathBuf {
    let long = "Переговоры".repeat(50);
    let url = format!("https://example.org/{}", "a".repeat(400));
    let dataset = format!(
        "(schema: 1, title: \"{long}\", language: \"ru\", actors: [(id: \"a\", name: \"A\")],
          sources: [(id: \"s\", outlet: \"S\", published: \"2024\", url: \"javascript:alert(4)\")],
          events: [(id: \"e1\", title: \"{long}\", kind: Meeting, date: \"2024-11-07\", status: Reported, summary: \"See {url}\",
            quotes: [(source: \"s\", speaker: Outlet, text: \"{long}\")]),
                   (id: \"e2\", title: \"Short\", kind: Denial, date: \"2024-11-08\", status: Confirmed,
            quotes: [(source: \"s\", speaker: Outlet, text: \"No.\", lang: \"en\")])],
          relations: [(id: \"r\", kind: Denies, from: \"e2\", to: \"e1\", question: \"Did they?\")])"
    );
    let file = dir.join("unbroken.ron");
    std::fs::write(&file, dataset).unwrap();
    file
}

/// Every piece of text the reader can see, with its size: the smallest, in CSS pixels,
/// and where.
const SMALLEST_TEXT: &str = r"(() => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let least = [1000, ''];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim()) continue;
    const e = n.parentElement;
    if (!e || e.closest('svg, script, style, noscript, template') || e.getClientRects().length === 0) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < least[0]) least = [size, n.textContent.trim().slice(0, 40)];
  }
  return least;
})()";

/// Every target a finger can tap that is smaller than 24×24 CSS pixels (WCAG 2.5.8).
const SMALL_TARGETS: &str = r"(() => Array.from(document.querySelectorAll('a[href], button, input, [role=button], [tabindex]'))
  .filter((e) => e.getClientRects().length > 0 && !e.closest('svg.sprite'))
  .filter((e) => { const r = e.getBoundingClientRect(); return r.height < 24 || r.width < 24; })
  .map((e) => e.outerHTML.slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height)))()";

#[test]
fn on_a_phone_the_story_reads_as_cards_and_a_tap_follows_a_contradiction() {
    if !common::needs::require(
        "on_a_phone_the_story_reads_as_cards_and_a_tap_follows_a_contradiction",
        &[Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page, &[]);
    let url = format!("file://{}", page.display());
    let mut browser = Browser::start();
    browser.device(390, 844, true);
    browser.open(&url);

    // The page fits the screen: nothing to scroll sideways, the picture (a 1280-point
    // drawing that would shrink to 350 px) gives way to the cards.
    assert_eq!(
        browser.eval("document.documentElement.scrollWidth"),
        390,
        "no sideways scrolling"
    );
    assert_eq!(
        browser.eval("document.querySelector('figure.timeline').getClientRects().length"),
        0
    );
    // Every event is a card nearly the screen's width, with its marker on the rail.
    let cards = browser.eval(
        "Array.from(document.querySelectorAll('section#events article.event')).filter((a) => a.getBoundingClientRect().width >= 300).length",
    );
    assert_eq!(cards, 26, "every event a full-width card");
    let markers = browser.eval(
        "Array.from(document.querySelectorAll('section#events article.event svg.glyph')).filter((g) => g.getBoundingClientRect().width >= 20).length",
    );
    assert_eq!(markers, 26, "every card has its marker");
    // Text a phone can read, targets a finger can hit.
    let least = browser.eval(SMALLEST_TEXT);
    assert!(
        least[0].as_f64().unwrap() >= 12.0,
        "text under 12 px: {least}"
    );
    let small = browser.eval(SMALL_TARGETS);
    assert_eq!(small, serde_json::json!([]), "targets under 24 px");

    // The Washington Post's call: its card shows its quotes; a tap on the Kremlin's
    // denial among its contradicting reports lands on the denial's card, marked.
    let call = browser.eval("document.getElementById('e-reported-call-2024-11-07').textContent");
    assert!(
        call.as_str()
            .unwrap()
            .contains("that the two spoke on Thursday"),
        "{call}"
    );
    browser.tap("#e-reported-call-2024-11-07 ul.relations a[href='#e-kremlin-denies-call']");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(browser.eval("location.hash"), "#e-kremlin-denies-call");
    let top = browser
        .eval("document.getElementById('e-kremlin-denies-call').getBoundingClientRect().top");
    let top = top.as_f64().unwrap();
    assert!(
        (-2.0..200.0).contains(&top),
        "the denial's card is on screen: top at {top}"
    );
    let denial = browser.eval("document.getElementById('e-kremlin-denies-call').innerText");
    assert!(
        denial
            .as_str()
            .unwrap()
            .contains("There was no conversation")
    );

    // A deep link lands on its card, not somewhere above it.
    browser.open(&format!("{url}#e-reported-call-2024-11-07"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let top = browser
        .eval("document.getElementById('e-reported-call-2024-11-07').getBoundingClientRect().top");
    let top = top.as_f64().unwrap();
    assert!(
        (-2.0..60.0).contains(&top),
        "a deep link's card at the top: {top}"
    );

    // The narrowest phones, and words that do not break.
    browser.device(320, 640, true);
    browser.open(&url);
    assert_eq!(browser.eval("document.documentElement.scrollWidth"), 320);
    let odd = unbroken(dir.path());
    let odd_page = dir.path().join("odd.html");
    let said = publish(Some(&odd), &odd_page, &[]);
    assert!(
        said.contains("1 source's address is not linked"),
        "publish says what it did not link: {said}"
    );
    let odd_url = format!("file://{}", odd_page.display());
    browser.open(&odd_url);
    assert_eq!(browser.eval("document.documentElement.scrollWidth"), 320);
    assert_eq!(browser.eval("document.documentElement.lang"), "ru");
    assert_eq!(
        browser.eval("document.querySelector('blockquote[lang]').lang"),
        "en",
        "a quote in another language than the page's says which"
    );
    browser.device(1280, 800, false);
    browser.open(&odd_url);
    assert_eq!(
        browser
            .eval("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
        true,
        "no sideways scrolling on a desktop either"
    );
    // The address that is not a web address is shown, never a link.
    assert_eq!(
        browser.eval("document.querySelectorAll('a[href^=\"javascript\"]').length"),
        0
    );
    assert!(
        browser
            .eval("document.body.innerText.includes('javascript:alert(4)')")
            .as_bool()
            .unwrap()
    );
    // A malformed fragment is ignored, not thrown.
    browser.open(&format!("{odd_url}#e-%E0%A4%A"));
    assert_eq!(browser.exceptions(), Vec::<String>::new());
}

#[test]
fn on_a_desktop_keys_select_zoom_and_escape_and_the_details_come_into_view() {
    if !common::needs::require(
        "on_a_desktop_keys_select_zoom_and_escape_and_the_details_come_into_view",
        &[Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page, &[]);
    let url = format!("file://{}", page.display());
    let mut browser = Browser::start();
    browser.device(1280, 800, false);
    browser.open(&url);
    // Tab enters the picture at the earliest event; → moves from it at once.
    browser
        .eval("document.querySelector('figure.timeline .light-picture g[tabindex=\"0\"]').focus()");
    let first = browser.eval("document.activeElement.getAttribute('data-event')");
    browser.key("ArrowRight", 39);
    let second = browser.eval("document.activeElement.getAttribute('data-event')");
    assert_ne!(first, second, "→ from the first Tab moves");
    // Selected, its details are in view (under the picture on this screen).
    let panel = browser.eval(
        "(() => { const r = document.getElementById('selected').getBoundingClientRect(); return [r.top, r.bottom, document.getElementById('selected').hidden]; })()",
    );
    assert_eq!(panel[2], false);
    browser.click(".light-picture g[data-event='reported-call-2024-11-07']");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let top = browser.eval("document.getElementById('selected').getBoundingClientRect().top");
    let top = top.as_f64().unwrap();
    assert!(
        (-5.0..800.0).contains(&top),
        "the details answer a click on screen: top at {top}"
    );
    // + zooms the picture around the focused event and − back; the strip shows where.
    browser.eval("document.querySelector(\".light-picture g[data-event='reported-call-2024-11-07']\").focus()");
    browser.key("+", 187);
    let zoomed = browser.eval("document.querySelector('.light-picture svg').viewBox.baseVal.width");
    let whole = browser.eval("document.querySelector('.light-picture svg').width.baseVal.value");
    assert!(
        zoomed.as_f64().unwrap() < whole.as_f64().unwrap() * 0.6,
        "zoomed: {zoomed} of {whole}"
    );
    assert_eq!(
        browser.eval("document.querySelector('.overview').hidden"),
        false
    );
    let dark = browser.eval("document.querySelector('.dark-picture svg').getAttribute('viewBox')");
    let light =
        browser.eval("document.querySelector('.light-picture svg').getAttribute('viewBox')");
    assert_eq!(dark, light, "both themes show the same stretch");
    browser.key("0", 48);
    assert_eq!(
        browser.eval("document.querySelector('.overview').hidden"),
        true
    );
    // Escape clears the selection and the address.
    browser.key("Escape", 27);
    assert_eq!(
        browser.eval("document.querySelectorAll('.chosen').length"),
        0
    );
    assert_eq!(browser.eval("location.hash"), "");
    // A deep link shows the picture with its event, not the list below.
    browser.open(&format!("{url}#e-kremlin-denies-call"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let top = browser.eval("document.querySelector('figure.timeline').getBoundingClientRect().top");
    let top = top.as_f64().unwrap();
    assert!(
        (-5.0..100.0).contains(&top),
        "the picture at the top: {top}"
    );
    assert_eq!(browser.exceptions(), Vec::<String>::new());
    // Two fingers spread on a tablet's picture zoom it.
    browser.device(1024, 768, true);
    browser.open(&url);
    let width = "document.querySelector('.light-picture svg').viewBox.baseVal.width";
    let before = browser.eval(width).as_f64().unwrap();
    let centre = browser.eval(
        "(() => { const f = document.querySelector('.frame'); window.scrollTo(0, f.getBoundingClientRect().top + scrollY - 100); const r = f.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    let (x, y) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    for (kind, spread) in [
        ("touchStart", 20.0),
        ("touchMove", 60.0),
        ("touchMove", 120.0),
        ("touchEnd", 0.0),
    ] {
        let points = if kind == "touchEnd" {
            serde_json::json!([])
        } else {
            serde_json::json!([{"x": x - spread, "y": y, "id": 1}, {"x": x + spread, "y": y, "id": 2}])
        };
        browser.call(
            "Input.dispatchTouchEvent",
            serde_json::json!({"type": kind, "touchPoints": points}),
        );
    }
    let after = browser.eval(width).as_f64().unwrap();
    assert!(after < before * 0.5, "a pinch zooms: {before} → {after}");
}

#[test]
fn ten_thousand_events_search_link_and_zoom_to_each_event() {
    if !common::needs::require(
        "ten_thousand_events_search_link_and_zoom_to_each_event",
        &[Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("big.ron");
    let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["generate", "--events", "10000", "--seed", "3"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(run.status.success());
    let page = dir.path().join("big.html");
    publish(Some(&data), &page, &[]);
    let ds = claimline::load::load_file(&data, claimline::load::LoadOptions::default(), None)
        .unwrap()
        .dataset;
    let url = format!("file://{}", page.display());
    let mut browser = Browser::start();
    browser.device(1280, 800, false);

    // A search at once reads every card, built or still waiting as markup.
    browser.open(&url);
    let word = "pure invention";
    let expected = ds
        .events
        .iter()
        .filter(|e| {
            ds.quotes(e.quotes)
                .iter()
                .any(|q| ds.str(q.text).to_lowercase().contains(word))
                || ds.str(e.title).to_lowercase().contains(word)
                || ds.str(e.summary).to_lowercase().contains(word)
        })
        .count();
    assert!(expected > 0);
    let found = browser.eval_async(&format!(
        "(async () => {{ const box = document.querySelector('#search input'); const found = document.querySelector('.found'); box.value = {word:?}; box.dispatchEvent(new Event('input')); while (found.getAttribute('data-for') !== {word:?}) {{ await new Promise((r) => setTimeout(r, 10)); }} return [found.textContent, document.querySelectorAll('ol.results article.event').length, document.querySelector('ol.story:not(.results)').hidden]; }})()"
    ));
    assert_eq!(
        found[1],
        expected.min(200),
        "the matches, a page of them at a time"
    );
    assert_eq!(found[2], true, "in the story's place");
    assert_eq!(
        found[0].as_str().unwrap(),
        format!("{} of 10000 events", expected),
        "the search finds what the dataset holds"
    );

    // A deep link to an event among the cards not built yet: built, selected, shown.
    let last = ds.events.last().unwrap();
    let id = ds.str(last.id).to_owned();
    browser.open(&format!("{url}#e-{id}"));
    assert_eq!(
        browser.eval("document.querySelector('#selected h3').textContent"),
        ds.str(last.title)
    );
    // The picture is density at this scale; zoomed in, it marks the events in view,
    // each a button that selects its event.
    browser.open(&url);
    assert_eq!(
        browser.eval("document.querySelectorAll('.light-picture g[data-event]').length"),
        0,
        "density, no event drawn alone"
    );
    for _ in 0..6 {
        browser.click("button[aria-label='Zoom in']");
    }
    let marked =
        browser.eval("document.querySelectorAll('.light-picture g.detail g[data-event]').length");
    let marked = marked.as_u64().unwrap();
    assert!((1..=500).contains(&marked), "{marked} events marked");
    let picked = browser.eval(
        "(() => { const g = Array.from(document.querySelectorAll('.light-picture g.detail g[data-event]')).find((g) => { const r = g.getBoundingClientRect(); return r.width > 0 && r.left > 40 && r.right < 1200; }); return [g.getAttribute('data-event'), g.getAttribute('aria-label')]; })()",
    );
    let picked_id = picked[0].as_str().unwrap().to_owned();
    browser.click(&format!(
        ".light-picture g.detail g[data-event='{picked_id}']"
    ));
    assert_eq!(
        browser.eval("location.hash"),
        format!("#e-{picked_id}").as_str()
    );
    assert_eq!(
        browser.eval("document.querySelector('#selected h3').textContent"),
        picked[1]
    );
    assert_eq!(browser.exceptions(), Vec::<String>::new());
}

/// Runs axe-core in the page open in `browser`: its violations, one line each.
fn axe(browser: &mut Browser) -> Vec<String> {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/page-audit/node_modules/axe-core/axe.min.js"),
    )
    .unwrap();
    browser.eval(&source);
    let found = browser.eval_async(
        "axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))",
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn axe_finds_nothing_wrong_wide_or_narrow_light_or_dark() {
    if !common::needs::require(
        "axe_finds_nothing_wrong_wide_or_narrow_light_or_dark",
        &[Need::Chromium, Need::PageAudit],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page, &[]);
    let odd_page = dir.path().join("odd.html");
    publish(Some(&unbroken(dir.path())), &odd_page, &[]);
    let mut browser = Browser::start();
    for (file, fragment, words) in [
        (&page, "", None),
        (&page, "", Some("Peskov")),
        (&page, "#e-kremlin-denies-call", None),
        (&odd_page, "", None),
    ] {
        for (width, height, phone) in [(1280, 800, false), (390, 844, true)] {
            for dark in [false, true] {
                browser.device(width, height, phone);
                browser.scheme(dark);
                browser.open(&format!("file://{}{fragment}", file.display()));
                if let Some(words) = words {
                    // A search in force: its results in the story's place.
                    browser.eval_async(&format!(
                        "(async () => {{ const box = document.querySelector('#search input'); box.value = {words:?}; box.dispatchEvent(new Event('input')); while (!document.querySelector('ol.results')) {{ await new Promise((r) => setTimeout(r, 10)); }} }})()"
                    ));
                }
                let found = axe(&mut browser);
                assert!(
                    found.is_empty(),
                    "{} at {width}×{height}, {}: {found:#?}",
                    file.display(),
                    if dark { "dark" } else { "light" }
                );
            }
        }
    }
}

#[test]
fn lighthouse_scores_95_or_more_in_every_category_on_a_phone_and_a_desktop() {
    if !common::needs::require(
        "lighthouse_scores_95_or_more_in_every_category_on_a_phone_and_a_desktop",
        &[Need::Chromium, Need::PageAudit],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page, &[]);
    let audit = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/page-audit/audit.mjs");
    // What falls short in one audit (mobile and desktop), one line each.
    let shortfalls = || -> Vec<String> {
        let run = Command::new("node")
            .arg(&audit)
            .arg(&page)
            .env("CHROME_PATH", common::needs::on_path("chromium").unwrap())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&run.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "mobile and desktop");
        let mut short = Vec::new();
        for form in &lines {
            let scores = form["scores"].as_object().unwrap();
            assert_eq!(scores.len(), 4, "{form}");
            for (category, score) in scores {
                if score.as_f64().unwrap_or(0.0) < 0.95 {
                    short.push(format!(
                        "{} {category}: {score}; what failed: {}",
                        form["form"], form["failed"]
                    ));
                }
            }
        }
        short
    };
    // Performance is measured on this machine, which other tests share: a second audit
    // settles a run that a busy moment pulled under. Every other category is exact.
    let first = shortfalls();
    if first.is_empty() {
        return;
    }
    let second = shortfalls();
    assert!(
        second.is_empty(),
        "under 95, twice:\n{}\nthen:\n{}",
        first.join("\n"),
        second.join("\n")
    );
}

/// Not a test: how soon a published page can be used, and whether any frame waits, in
/// headless Chromium, for the built-in dataset and generated ones of 10,000 and 100,000
/// events: the page's size; when its script has run (search works); the longest task
/// while it opens; a search and its clearing, each from the key to the last card shown
/// or hidden, with the longest task meanwhile. Run by hand (BENCHMARKS.md):
/// `cargo test --release --test published_page -- --ignored --nocapture page_timings`.
#[test]
#[ignore = "a measurement, run by hand"]
fn page_timings() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = vec![(
        "built-in".to_owned(),
        dir.path().join("builtin.html"),
        "Sochi",
    )];
    publish(None, &pages[0].1, &[]);
    for n in [10_000, 100_000] {
        let data = dir.path().join(format!("{n}.ron"));
        let run = Command::new(env!("CARGO_BIN_EXE_claimline"))
            .args(["generate", "--events", &n.to_string(), "--seed", "3"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(run.status.success());
        let page = dir.path().join(format!("{n}.html"));
        publish(Some(&data), &page, &[]);
        pages.push((format!("{n} events"), page, "trade"));
    }
    let mut browser = Browser::start();
    browser.patience(300);
    browser.device(1280, 800, false);
    browser.call(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": "window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true});"}),
    );
    for (name, page, word) in &pages {
        let size = std::fs::metadata(page).unwrap().len();
        for _ in 0..3 {
            browser.open(&format!("file://{}", page.display()));
            let ready =
                browser.eval("performance.getEntriesByName('claimline-ready')[0].startTime");
            let opening = browser.eval("Math.max(0, ...window.__long.map((t) => t[1]))");
            let mut line = format!(
                "{name}: {:.1} MB; usable after {:.0} ms, longest task while opening {:.0} ms",
                size as f64 / 1e6,
                ready.as_f64().unwrap_or(f64::NAN),
                opening.as_f64().unwrap_or(f64::NAN)
            );
            for q in [*word, ""] {
                let took = browser.eval_async(&format!(
                    "(async () => {{ const box = document.querySelector('#search input'); const found = document.querySelector('.found'); const since = performance.now(); box.value = {q:?}; box.dispatchEvent(new Event('input')); while (found.getAttribute('data-for') !== {q:?}.trim().toLowerCase()) {{ await new Promise((r) => setTimeout(r, 5)); }} const took = performance.now() - since; await new Promise((r) => setTimeout(r, 300)); const longest = Math.max(0, ...window.__long.filter((t) => t[0] >= since).map((t) => t[1])); return [took, longest, found.textContent]; }})()"
                ));
                line.push_str(&format!(
                    "; search {q:?}: {:.0} ms, longest task {:.0} ms ({})",
                    took[0].as_f64().unwrap_or(f64::NAN),
                    took[1].as_f64().unwrap_or(f64::NAN),
                    took[2].as_str().unwrap_or("")
                ));
            }
            println!("{line}");
        }
    }
}

/// The page's map in a real Chromium: the built-in dataset's six places, each a marker
/// that selects its event as the timeline's does (the details, the timeline's marker
/// and the address follow); turned for a dark screen; given way on a phone, as the
/// timeline picture is.
#[test]
fn the_pages_map_selects_with_the_timeline_and_steps_aside_on_a_phone() {
    if !common::needs::require(
        "the_pages_map_selects_with_the_timeline_and_steps_aside_on_a_phone",
        &[Need::Chromium],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    publish(None, &page, &[]);
    let url = format!("file://{}", page.display());
    let mut browser = Browser::start();
    browser.device(1280, 800, false);
    browser.open(&url);
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('figure.map g[data-event]')).map((g) => g.getAttribute('data-event')).sort().join(' ')"),
        "hamburg-2017-interpreter-notes helsinki-summit-2018 lavrov-indecent putin-congratulates-trump-sochi putin-offers-recording trump-wont-confirm-oct-2024"
    );
    browser.eval("document.querySelector('figure.map').scrollIntoView()");
    browser.click("figure.map g[data-event='helsinki-summit-2018']");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(browser.eval("location.hash"), "#e-helsinki-summit-2018");
    assert!(
        browser
            .eval("document.getElementById('selected').textContent.includes('Helsinki summit')")
            .as_bool()
            .unwrap(),
        "the details show the event picked on the map"
    );
    assert_eq!(
        browser.eval("document.querySelector(\".light-picture g[data-event='helsinki-summit-2018']\").classList.contains('chosen')"),
        true,
        "the timeline marks the event picked on the map"
    );
    assert_eq!(
        browser.eval("document.querySelector(\"figure.map g[data-event='helsinki-summit-2018']\").classList.contains('chosen')"),
        true
    );
    // Selected on the timeline: the map marks it.
    browser.click(".light-picture g[data-event='putin-congratulates-trump-sochi']");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(
        browser.eval("[document.querySelector(\"figure.map g[data-event='putin-congratulates-trump-sochi']\").classList.contains('chosen'), document.querySelector(\"figure.map g[data-event='helsinki-summit-2018']\").classList.contains('chosen')]"),
        serde_json::json!([true, false])
    );
    browser.scheme(true);
    assert_eq!(
        browser.eval(
            "getComputedStyle(document.querySelector('figure.map svg')).filter.includes('invert')"
        ),
        true,
        "the light map is turned for a dark screen"
    );
    browser.scheme(false);
    browser.device(390, 844, true);
    browser.open(&url);
    assert_eq!(
        browser.eval("document.querySelector('figure.map').getClientRects().length"),
        0,
        "on a phone the map gives way, as the timeline picture does"
    );
    assert_eq!(browser.exceptions(), Vec::<String>::new());
}
