//! `claimline convert TABLE -o OUT.parquet` (feature `engine`): anything Claimline
//! reads, in the columnar layout a query engine opens without loading it
//! (`engine::convert`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use super::table_args::TableArgs;
use crate::engine::convert::{ConvertError, convert_file};
use crate::english::{human_bytes, number};

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// What to convert: a table (CSV, TSV, GDELT, Parquet, gzipped or not), a dataset
    /// (RON) or a TimelineJS timeline.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// The events file to write (`OUT.parquet`); the day counts go beside it in
    /// `OUT.counts.parquet`, the spans in `OUT.spans.parquet`, the relations in
    /// `OUT.relations.parquet`.
    #[arg(short, long, value_name = "OUT.parquet")]
    pub out: PathBuf,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Converts; returns the exit status.
pub fn run(args: &ConvertArgs) -> ExitCode {
    let mapping = match args.table.spec_for(&args.input) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if let Err(e) = crate::files::check_writable(&args.out) {
        err(&format!("error: {e:#}"));
        return ExitCode::FAILURE;
    }
    let started = std::time::Instant::now();
    match convert_file(&args.input, &args.out, &mapping) {
        Ok(done) => {
            let size = std::fs::metadata(&done.events).map_or(0, |m| m.len());
            let mut line = format!(
                "{}: {} events from a {} in {:.1} s ({})",
                done.events.display(),
                number(usize::try_from(done.rows).unwrap_or(usize::MAX)),
                done.read_as,
                started.elapsed().as_secs_f64(),
                human_bytes(size)
            );
            if done.skipped > 0 {
                line.push_str(&format!(
                    "; {} rows were not events (open the table in the app or run `claimline check` to see why)",
                    number(usize::try_from(done.skipped).unwrap_or(usize::MAX))
                ));
            }
            line.push_str(&format!("; day counts in {}", done.counts.display()));
            match &done.spans {
                Some(s) => line.push_str(&format!(", spans in {}", s.display())),
                None => line.push_str(&format!(
                    ", no spans (more than {} distinct: the compressed axis of a table past {} \
                     events is asked of its events, or drawn linear)",
                    number(crate::engine::spans::MOST_SPANS),
                    number(crate::engine::shell::WHOLE_READ_ROWS)
                )),
            }
            if let Some(r) = &done.relations {
                line.push_str(&format!(", relations in {}", r.display()));
            }
            out(&line);
            ExitCode::SUCCESS
        }
        Err(ConvertError::Load(e)) => {
            err(&e.to_string());
            ExitCode::FAILURE
        }
        Err(e) => {
            err(&format!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}
