//! Claimline's article extraction (`capture::extract::article`) over the article-extraction
//! benchmark (Scrapinghub/Zyte's `article-extraction-benchmark`: 181 pages with the
//! article text marked by hand), written as that benchmark's `output/NAME.json`, so its
//! own `evaluate.py` scores it beside the figures published for other extractors.
//!
//! `cargo run --release --example extraction_f1 -- BENCHMARK_DIR OUT.json`
//! (BENCHMARK_DIR holds `ground-truth.json` and `html/*.html.gz`; see BENCHMARKS.md).

#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::io::Read as _;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(out)) = (
        args.next().map(PathBuf::from),
        args.next().map(PathBuf::from),
    ) else {
        anyhow::bail!("usage: extraction_f1 BENCHMARK_DIR OUT.json");
    };
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json"))?)?;
    let Some(truth) = truth.as_object() else {
        anyhow::bail!("ground-truth.json is not an object");
    };
    let mut output = serde_json::Map::new();
    let started = std::time::Instant::now();
    let mut bytes_read = 0usize;
    for (key, item) in truth {
        let gz = std::fs::read(dir.join("html").join(format!("{key}.html.gz")))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut html)?;
        bytes_read += html.len();
        let url = item.get("url").and_then(|u| u.as_str()).unwrap_or("");
        let page = claimline::capture::extract::article(&html, url);
        output.insert(key.clone(), serde_json::json!({ "articleBody": page.text }));
    }
    let elapsed = started.elapsed();
    let doc = serde_json::json!({ "version": concat!("claimline ", env!("CARGO_PKG_VERSION")), "output": output });
    std::fs::write(&out, serde_json::to_vec_pretty(&doc)?)?;
    println!(
        "{} pages, {:.1} MB of HTML, extracted in {:.2} s ({:.1} ms a page) on one core",
        truth.len(),
        bytes_read as f64 / 1e6,
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / truth.len().max(1) as f64
    );
    Ok(())
}
