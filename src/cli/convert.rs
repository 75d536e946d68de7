//! `claimline convert TABLE -o OUT.parquet` (feature `engine`): anything Claimline
//! reads, in the columnar layout a query engine opens without loading it
//! (`engine::convert`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use super::table_args::TableArgs;
use crate::engine::convert::{ConvertError, Converted, companions, convert_file};
use crate::engine::place_counts::Kept;
use crate::engine::store;
use crate::english::{human_bytes, number};

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// What to convert: a table (CSV, TSV, GDELT, Parquet, gzipped or not), a dataset
    /// (RON) or a TimelineJS timeline; on this machine, or in object storage
    /// (`s3://BUCKET/KEY`, reached with the AWS_* variables).
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// The events file to write (`OUT.parquet`, or `s3://BUCKET/KEY.parquet`); the day
    /// counts go beside it in `OUT.counts.parquet`, the spans in `OUT.spans.parquet`, the
    /// relations in `OUT.relations.parquet`.
    #[arg(short, long, value_name = "OUT.parquet")]
    pub out: PathBuf,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Converts; returns the exit status. Either end may be in object storage
/// (`s3://BUCKET/KEY`): an input is first copied to a folder beside the system's
/// temporary files, and the output written there, then copied up with its companions.
pub fn run(args: &ConvertArgs) -> ExitCode {
    match staged(args) {
        Ok(code) => code,
        Err(e) => {
            err(&format!("error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Runs the conversion with object storage at either end copied through a temporary
/// folder.
fn staged(args: &ConvertArgs) -> Result<ExitCode, String> {
    let (remote_in, remote_out) = (store::is_remote(&args.input), store::is_remote(&args.out));
    if !remote_in && !remote_out {
        return Ok(convert_here(args, &args.input, &args.out, None));
    }
    let staging = tempfile::Builder::new()
        .prefix("claimline-convert-s3")
        .tempdir()
        .map_err(|e| format!("could not make a temporary folder: {e}"))?;
    let name = |p: &std::path::Path, or: &str| {
        p.file_name()
            .map_or_else(|| or.to_owned(), |n| n.to_string_lossy().into_owned())
    };
    if remote_out {
        // Credentials, the bucket and the server are checked before the work, not after.
        store::found(&args.out).map_err(|e| e.to_string())?;
    }
    let input = if remote_in {
        let local = staging.path().join(name(&args.input, "input"));
        let bytes = store::download(&args.input, &local).map_err(|e| e.to_string())?;
        out(&format!(
            "{}: copied here ({})",
            args.input.display(),
            human_bytes(bytes)
        ));
        local
    } else {
        args.input.clone()
    };
    let out_path = if remote_out {
        staging.path().join(name(&args.out, "table.parquet"))
    } else {
        args.out.clone()
    };
    let upload_to = remote_out.then_some(args.out.as_path());
    Ok(convert_here(args, &input, &out_path, upload_to))
}

/// Converts `input` into `out` on this machine, then copies the events and their
/// companions up to `upload_to` if given.
fn convert_here(
    args: &ConvertArgs,
    input: &std::path::Path,
    out_path: &std::path::Path,
    upload_to: Option<&std::path::Path>,
) -> ExitCode {
    let mapping = match args.table.spec_for(input) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if let Err(e) = crate::files::check_writable(out_path) {
        err(&format!("error: {e:#}"));
        return ExitCode::FAILURE;
    }
    let started = std::time::Instant::now();
    match convert_file(input, out_path, &mapping) {
        Ok(done) => {
            let size = std::fs::metadata(&done.events).map_or(0, |m| m.len());
            let done = match upload_to {
                Some(to) => match upload(&done, to) {
                    Ok(up) => up,
                    Err(e) => {
                        err(&format!("error: {e}"));
                        return ExitCode::FAILURE;
                    }
                },
                None => done,
            };
            let mut line = format!(
                "{}: {} events from a {} in {:.1} s ({})",
                done.events.display(),
                number(usize::try_from(done.rows).unwrap_or(usize::MAX)),
                done.read_as,
                started.elapsed().as_secs_f64(),
                human_bytes(size)
            );
            if done.skipped > 0 {
                let why: Vec<String> = done
                    .not_events
                    .iter()
                    .map(|(n, why)| {
                        format!(
                            "{} {why}",
                            number(usize::try_from(*n).unwrap_or(usize::MAX))
                        )
                    })
                    .collect();
                line.push_str(&format!(
                    "; {} not events: {} (`claimline check` names their lines)",
                    if done.skipped == 1 {
                        "1 row was".to_owned()
                    } else {
                        format!(
                            "{} rows were",
                            number(usize::try_from(done.skipped).unwrap_or(usize::MAX))
                        )
                    },
                    why.join(", ")
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
            match &done.places {
                Some((p, Kept::ByDay)) => {
                    line.push_str(&format!(", place counts in {}", p.display()));
                }
                Some((p, Kept::EveryDay)) => line.push_str(&format!(
                    ", place counts over every day in {} (more than {} distinct days, kinds \
                     and cells: the map of the whole timeline is read from them, that of \
                     part of it asks the events)",
                    p.display(),
                    number(crate::engine::place_counts::MOST_PLACE_ROWS)
                )),
                None => line.push_str(&format!(
                    ", no place counts (more than {} distinct kinds and cells even over \
                     every day: the map asks the events)",
                    number(crate::engine::place_counts::MOST_PLACE_ROWS)
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

/// Copies a conversion's events file and companions up to `to` in object storage;
/// returns what was written, named there.
fn upload(done: &Converted, to: &std::path::Path) -> Result<Converted, store::StoreError> {
    let there = companions(to);
    store::upload(&done.events, to)?;
    store::upload(&done.counts, &there.counts)?;
    let spans = match &done.spans {
        Some(s) => {
            store::upload(s, &there.spans)?;
            Some(there.spans)
        }
        None => None,
    };
    let places = match &done.places {
        Some((p, kept)) => {
            store::upload(p, &there.places)?;
            Some((there.places, *kept))
        }
        None => None,
    };
    let relations = match &done.relations {
        Some(r) => {
            store::upload(r, &there.relations)?;
            Some(there.relations)
        }
        None => None,
    };
    Ok(Converted {
        events: to.to_owned(),
        counts: there.counts,
        spans,
        places,
        relations,
        ..done.clone()
    })
}
