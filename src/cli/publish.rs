//! `claimline publish [FILE] -o page.html`: the dataset as one self-contained web page
//! (see [`crate::publish`]): the timeline in light and dark, every event with its quotes
//! and contradicting reports, the disputes and the sources, readable without script and
//! making no request.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::parse_size;
use crate::english::{human_bytes, plural};
use crate::export;
use crate::load;
use crate::publish;
use crate::timeline::metrics::FontMetrics;
use crate::timeline::{Document, Filter, Filtered};

/// Arguments of `publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The dataset; without it, the built-in Trump–Putin dataset.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Where to write the page (HTML).
    #[arg(short, long, value_name = "OUT.html")]
    pub output: PathBuf,
    /// The timeline picture's size in points.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1280x800")]
    pub size: (u32, u32),
    /// Only the events that overlap these dates: "2017..2019", "2024-11", "2018-07-16".
    #[arg(long, value_name = "FROM..TO", value_parser = super::render::parse_range)]
    pub range: Option<(f64, f64)>,
    /// Only the events whose title, summary or quotes mention these words.
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

/// Publishes; returns the exit status.
pub fn run(args: &PublishArgs) -> ExitCode {
    super::run_on_dataset(args.file.as_deref(), &args.table, |mapping| {
        try_run(args, mapping)
    })
}

fn try_run(args: &PublishArgs, mapping: load::table::MappingSpec) -> anyhow::Result<String> {
    let started = std::time::Instant::now();
    export::check_writable(&args.output)
        .map_err(|e| anyhow::anyhow!("error: cannot write the page: {e:#}"))?;
    let whole = super::open_document(args.file.as_deref(), mapping)?;
    let (doc, parted) = part(&whole, args);
    let size = (args.size.0 as f32, args.size.1 as f32);
    let page = publish::formats::page(&doc, size, &FontMetrics::new())
        .map_err(|e| anyhow::anyhow!("error: {e:#}"))?;
    export::write(&args.output, page.html.as_bytes())?;
    let mut said = format!(
        "wrote {}: a web page of {} and {}, {}, in {:.0} ms",
        args.output.display(),
        plural(doc.dataset.events.len(), "event"),
        plural(doc.disputes.len(), "dispute"),
        human_bytes(page.html.len() as u64),
        started.elapsed().as_secs_f64() * 1000.0
    );
    for note in parted.into_iter().chain(page.left_out) {
        said.push_str("\n  note: ");
        said.push_str(&note);
    }
    Ok(said)
}

/// The part of the dataset `--range` and `--search` keep, and what they left out; the
/// whole document when neither is given.
fn part<'d>(
    whole: &'d Document,
    args: &PublishArgs,
) -> (std::borrow::Cow<'d, Document>, Option<String>) {
    if args.range.is_none() && args.search.is_none() {
        return (std::borrow::Cow::Borrowed(whole), None);
    }
    let filter = Filter {
        text: args.search.clone().unwrap_or_default(),
        ..Filter::default()
    };
    let mut keep = vec![false; whole.dataset.events.len()];
    for e in Filtered::compute(whole, &filter).order {
        let Some(ev) = whole.dataset.events.get(e as usize) else {
            continue;
        };
        let (first, last) = (
            f64::from(ev.date.earliest()),
            f64::from(ev.end.unwrap_or(ev.date).latest()) + 1.0,
        );
        if args
            .range
            .is_none_or(|(from, to)| first < to && last > from)
        {
            keep[e as usize] = true;
        }
    }
    let part = whole.part(|e| keep.get(e as usize).copied().unwrap_or(false));
    let dropped = whole.dataset.events.len() - part.dataset.events.len();
    let links = whole.dataset.relations.len() - part.dataset.relations.len();
    let note = format!(
        "{} left out by {} ({} with them, as their other side is not on the page)",
        plural(dropped, "event"),
        match (&args.range, &args.search) {
            (Some(_), Some(_)) => "--range and --search",
            (Some(_), None) => "--range",
            _ => "--search",
        },
        plural(links, "link")
    );
    (std::borrow::Cow::Owned(part), Some(note))
}
