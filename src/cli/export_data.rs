//! `claimline export [FILE] --format timelinejs|claimreview|annotations [-o OUT]`: the
//! dataset in another tool's format — TimelineJS JSON, so a timeline can go back to
//! TimelineJS users; schema.org ClaimReview for fact-checkers' tools; W3C Web Annotations
//! of every quote on its source.
//! Pictures are `render`'s, web pages `publish`'s.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{err, out};
use crate::export;
use crate::load;
use crate::publish::Published;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The dataset; without it, the built-in Trump–Putin dataset.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: DataFormat,
    /// For `annotations`: the folder of the sources' documents (as `check --corpus`), so
    /// each quote is also placed by its prefix, suffix and position in the text.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// For `claimreview`: the address of the page that publishes the reviews (each
    /// review's `url` is it with the question's fragment, as `publish` names them).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Where to write it; without it, standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// TimelineJS3 JSON: slides with dates, headlines, texts (summary and quotes), groups,
    /// ids and media.
    Timelinejs,
    /// schema.org ClaimReview JSON-LD: one review per disputed question.
    Claimreview,
    /// W3C Web Annotations (JSON-LD): every quote on its source, in an
    /// AnnotationCollection.
    Annotations,
}

/// Exports; returns the exit status.
pub fn run(args: &ExportArgs) -> ExitCode {
    let mapping = match &args.file {
        Some(file) => match args.table.spec_for(file) {
            Ok(mapping) => mapping,
            Err(code) => return code,
        },
        None => load::table::MappingSpec::default(),
    };
    let doc = match super::open_document(args.file.as_deref(), mapping) {
        Ok(doc) => doc,
        Err(why) => {
            err(&format!("{why:#}"));
            return ExitCode::FAILURE;
        }
    };
    let published = match args.format {
        DataFormat::Timelinejs => Published::TimelineJs,
        DataFormat::Claimreview => Published::ClaimReview,
        DataFormat::Annotations => Published::Annotations,
    };
    let metrics = crate::timeline::metrics::FontMetrics::new();
    if published == Published::ClaimReview && args.url.is_none() {
        err(
            "note: no --url: each review's `url` is the question's #fragment, relative to the page it is embedded in; give --url with the published page's address for a file to submit on its own",
        );
    }
    let page_url = args.url.as_deref().unwrap_or("");
    let bytes = match published.build(
        &doc,
        (1280.0, 800.0),
        &metrics,
        args.corpus.as_deref(),
        page_url,
    ) {
        Ok(bytes) => bytes,
        Err(why) => {
            err(&format!("error: {why:#}"));
            return ExitCode::FAILURE;
        }
    };
    match &args.output {
        None => {
            out(String::from_utf8_lossy(&bytes).trim_end());
            ExitCode::SUCCESS
        }
        Some(path) => match export::write(path, &bytes) {
            Ok(()) => {
                out(&format!(
                    "wrote {}: {}",
                    path.display(),
                    published.describe(&doc)
                ));
                ExitCode::SUCCESS
            }
            Err(why) => {
                err(&format!("error: cannot write {}: {why:#}", path.display()));
                ExitCode::FAILURE
            }
        },
    }
}
