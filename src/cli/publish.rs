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
    let doc = super::open_document(args.file.as_deref(), mapping)?;
    let size = (args.size.0 as f32, args.size.1 as f32);
    let html = publish::formats::page(&doc, size, &FontMetrics::new())
        .map_err(|e| anyhow::anyhow!("error: {e:#}"))?;
    export::write(&args.output, html.as_bytes())?;
    Ok(format!(
        "wrote {}: a web page of {} and {}, {}, in {:.0} ms",
        args.output.display(),
        plural(doc.dataset.events.len(), "event"),
        plural(doc.disputes.len(), "dispute"),
        human_bytes(html.len() as u64),
        started.elapsed().as_secs_f64() * 1000.0
    ))
}
