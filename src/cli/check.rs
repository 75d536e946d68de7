//! `claimline check FILE… [--strict] [--corpus DIR]`: validates datasets and prints a
//! summary, warnings or errors for each; exit status 0 only when every file is good.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::corpus;
use crate::english::plural;
use crate::load::{self, LoadError, LoadOptions};
use crate::model::{Dataset, date};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Dataset files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat warnings (such as events without quotes) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Also verify every quote verbatim against the source documents in this folder.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

/// Runs the check; returns the process exit status.
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut all_good = true;
    for file in &args.files {
        let mapping = match args.table.spec_for(file) {
            Ok(mapping) => mapping,
            Err(code) => return code,
        };
        all_good &= check_one(file, args, mapping);
    }
    if all_good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks one file and prints what it found; true when it is good.
fn check_one(file: &Path, args: &CheckArgs, mapping: load::table::MappingSpec) -> bool {
    #[cfg(feature = "engine")]
    if crate::engine::queries::is_converted(file) || crate::engine::store::is_remote(file) {
        return check_converted(file, args.strict);
    }
    let options = LoadOptions {
        strict: args.strict,
        mapping,
    };
    let loaded = match load::load_file(file, options, None) {
        Ok(ok) => ok,
        Err(e) => {
            print_failure(&e);
            return false;
        }
    };
    for warning in &loaded.warnings {
        err(&warning.render(file));
    }
    out(&format!(
        "{}: ok — {}",
        file.display(),
        summary(&loaded.dataset)
    ));
    if let Some(table) = &loaded.table {
        out(&format!("  read as a {}", table.describe()));
    }
    let ds = &loaded.dataset;
    let captured = ds.sources.iter().filter(|s| s.capture.is_some()).count();
    if args.corpus.is_none() && captured == 0 {
        drop_aside(loaded);
        return true;
    }
    let bytes = load::read::read_capped(file, None).unwrap_or_default();
    let text = load::encoding::text_of(&bytes).unwrap_or("");
    let texts = corpus::source_texts(
        ds,
        Some(&crate::files::folder_of(file)),
        args.corpus.as_deref(),
    );
    let report = corpus::verify(ds, text, &texts, args.strict);
    for problem in report.warnings.iter().chain(&report.failures) {
        err(&problem.render(file));
    }
    let against = match (&args.corpus, captured) {
        (None, n) => format!("the captured copies of {}", plural(n, "source")),
        (Some(dir), 0) => dir.display().to_string(),
        (Some(dir), n) => format!("{} captured and {}", plural(n, "source"), dir.display()),
    };
    if report.failures.is_empty() && report.warnings.is_empty() {
        out(&format!(
            "{}: all {} quotes found verbatim in {against}",
            file.display(),
            report.verified,
        ));
        true
    } else if report.failures.is_empty() {
        err(&format!(
            "{}: {} of {} quotes match only with typesetting folded ({against}); `claimline fmt --fix-quotes` gives them the source's characters",
            file.display(),
            report.warnings.len(),
            report.checked,
        ));
        true
    } else {
        err(&format!(
            "{}: {} of {} quotes not verified against {against}",
            file.display(),
            report.failures.len(),
            report.checked,
        ));
        false
    }
}

/// Frees a loaded dataset on a thread of its own, so that the next file's check (or
/// the process's exit, which ends that thread) does not wait for gigabytes to be given
/// back page by page; inline when no thread can be started.
fn drop_aside(loaded: load::Loaded) {
    // Should no thread start, the closure, and the dataset in it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("check-free".into())
        .spawn(move || drop(loaded));
}

pub(crate) fn print_failure(e: &LoadError) {
    err(&e.to_string());
    err(&format!(
        "{}: {}",
        e.file.display(),
        plural(e.error_count(), "error")
    ));
}

/// A table `convert` wrote, opened through DataFusion as the window opens it (never
/// loaded whole): its events by kind, the span of its dates, its header, and whatever
/// was found wrong with the files beside it (warnings; errors under `--strict`).
#[cfg(feature = "engine")]
fn check_converted(file: &Path, strict: bool) -> bool {
    use crate::engine::queries::{Engine, EngineData};
    use crate::timeline::seam::TimelineData as _;
    use crate::timeline::{Filter, TableAsk};
    let data = match EngineData::open(file, Engine::Embedded, &TableAsk::plain(&Filter::default()))
    {
        Ok(data) => data,
        Err(e) => {
            err(&format!("error: {e}\n  = help: {}", e.help(file)));
            return false;
        }
    };
    for warning in data.warnings() {
        err(&format!("warning: {warning}"));
    }
    let (lanes, span) = match (data.lanes(), data.overview()) {
        (Ok(lanes), Ok((span, _))) => (lanes, span),
        (Err(e), _) | (_, Err(e)) => {
            err(&format!("error: {}: {e}", file.display()));
            return false;
        }
    };
    let events: usize = lanes.iter().map(|l| l.count).sum();
    let kinds: Vec<String> = lanes
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                crate::english::number(l.count),
                l.label.to_lowercase()
            )
        })
        .collect();
    let mut line = format!(
        "{}: ok — {} ({}), read through DataFusion, not loaded",
        file.display(),
        plural(events, "event"),
        kinds.join(", ")
    );
    if let Some((a, b)) = span {
        let day = |n| date::date_of(n).map_or_else(|| "?".to_owned(), |d| d.to_string());
        line.push_str(&format!("; dates {} … {}", day(a), day(b)));
    }
    if data.has_relations() {
        line.push_str("; relations beside it");
    }
    out(&line);
    if let Some(header) = crate::engine::footer::header(file) {
        let c = header.counts();
        out(&format!(
            "  converted from the dataset \"{}\": {}, {}",
            header.str(header.title),
            plural(c.sources, "source"),
            plural(c.actors, "actor")
        ));
    }
    if strict && !data.warnings().is_empty() {
        err(&format!(
            "error: {}: {} (--strict makes warnings errors)",
            file.display(),
            plural(data.warnings().len(), "warning")
        ));
        return false;
    }
    true
}

/// One line on what a dataset holds: counts and the span of its dates.
pub fn summary(ds: &Dataset) -> String {
    let c = ds.counts();
    let mut line = [
        (c.events, "event"),
        (c.sources, "source"),
        (c.quotes, "quote"),
        (c.relations, "relation"),
        (c.actors, "actor"),
    ]
    .map(|(n, noun)| plural(n, noun))
    .join(", ");
    if let Some(span) = ds.date_span() {
        let day = |n| date::date_of(n).map_or_else(|| "?".to_owned(), |d| d.to_string());
        line.push_str(&format!(
            "; dates {} … {}",
            day(span.first),
            day(span.last_certain)
        ));
        if span.last_possible > span.last_certain {
            line.push_str(&format!(
                " (uncertain dates may run to {})",
                day(span.last_possible)
            ));
        }
    }
    line
}
