//! `claimline generate --events N [--seed S] [--format ron|csv] OUT`: writes a valid
//! synthetic dataset (RON) or event table (CSV, gzipped when OUT ends in `.gz`) for
//! trying Claimline at scale.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{err, out};
use crate::english::human_bytes;
use crate::files::{check_writable, write_atomically_with};
use crate::generate::{GenerateOptions, generate};
use crate::load::{LoadOptions, load_built};
use crate::save::{Layout, write_ron};

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of events: up to 1,050,000 as RON (which stays under its 256 MiB limit),
    /// up to 20,000,000 as a CSV table, up to 1,000,000,000 as Parquet.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_PARQUET_ROWS)))]
    pub events: u32,
    /// Random seed: the same seed and count give the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// What to write: a dataset (RON), or a table of events (CSV) that Claimline opens
    /// with no flags.
    #[arg(long, value_enum, default_value = "ron")]
    pub format: GenerateFormat,
    /// Where to write it (a table ending in .gz is gzipped).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
}

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateFormat {
    /// A Claimline dataset (RON).
    Ron,
    /// A table of events (CSV with a header).
    Csv,
    /// The columnar layout `claimline convert` writes (with the `engine` feature),
    /// generated as a table and converted as it streams: no CSV file is written.
    #[cfg(feature = "engine")]
    Parquet,
}

/// Most rows written as Parquet.
const MAX_PARQUET_ROWS: u32 = 1_000_000_000;

/// Most events written as RON.
const MAX_RON_EVENTS: u32 = 1_050_000;

/// Most rows written as a table (about 2.4 GB, under the 4 GiB table limit).
const MAX_TABLE_ROWS: u32 = 20_000_000;

/// Generates, validates and writes the dataset; returns the exit status.
pub fn run(args: &GenerateArgs) -> ExitCode {
    match try_run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            err(&format!("error: {why:#}"));
            ExitCode::FAILURE
        }
    }
}

fn try_run(args: &GenerateArgs) -> anyhow::Result<()> {
    check_writable(&args.out)?;
    let started = std::time::Instant::now();
    #[cfg(feature = "engine")]
    if args.format == GenerateFormat::Parquet {
        return write_parquet(args, started);
    }
    if args.format == GenerateFormat::Csv {
        if args.events > MAX_TABLE_ROWS {
            anyhow::bail!(
                "{} rows do not fit in a CSV table (at most {}){}",
                crate::english::number(args.events as usize),
                crate::english::number(MAX_TABLE_ROWS as usize),
                if cfg!(feature = "engine") {
                    "; write Parquet with --format parquet"
                } else {
                    ""
                }
            );
        }
        return write_table(args, started);
    }
    if args.events > MAX_RON_EVENTS {
        anyhow::bail!(
            "{} events do not fit in a RON file (at most {}); write a table with --format csv",
            crate::english::number(args.events as usize),
            crate::english::number(MAX_RON_EVENTS as usize)
        );
    }
    let dataset = generate(GenerateOptions {
        events: args.events as usize,
        seed: args.seed,
    })?;
    // Generated data goes through the same rules as a loaded file.
    let loaded = load_built(dataset, &args.out, LoadOptions::default())?;
    write_atomically_with(&args.out, |writer| {
        Ok(write_ron(&loaded.dataset, Layout::Compact, writer)?)
    })?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    out(&format!(
        "wrote {}: {} ({}), in {:.1} s",
        args.out.display(),
        super::check::summary(&loaded.dataset),
        human_bytes(size),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// Writes a synthetic table, gzipped if the file name ends in `.gz`.
/// A generated table streamed through `convert` into Parquet: one thread writes the
/// table's text into a pipe, the converter reads it as it would a file.
#[cfg(feature = "engine")]
fn write_parquet(args: &GenerateArgs, started: std::time::Instant) -> anyhow::Result<()> {
    let (reader, mut writer) = std::io::pipe()?;
    let (rows, seed) = (args.events as usize, args.seed);
    let producer = std::thread::spawn(move || {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 20, &mut writer);
        let written = crate::generate::table::write_table(rows, seed, &mut buffered);
        drop(buffered);
        written
    });
    let name = args.out.with_extension("csv");
    let converted = crate::engine::convert::convert_reader(
        Box::new(reader),
        &name,
        &args.out,
        &crate::load::table::MappingSpec::default(),
    );
    let produced = producer
        .join()
        .map_err(|_| anyhow::anyhow!("the generator thread stopped"))?;
    let done = converted?;
    produced?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    out(&format!(
        "wrote {}: {} as Parquet ({}), day counts in {}{}, in {:.1} s",
        args.out.display(),
        crate::english::plural(usize::try_from(done.rows).unwrap_or(usize::MAX), "event"),
        human_bytes(size),
        done.counts.display(),
        done.spans
            .as_ref()
            .map_or_else(String::new, |s| format!(", spans in {}", s.display())),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn write_table(args: &GenerateArgs, started: std::time::Instant) -> anyhow::Result<()> {
    let gzip = args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let mut written = crate::generate::table::Written::default();
    write_atomically_with(&args.out, |writer| {
        written = if gzip {
            let mut encoder = flate2::write::GzEncoder::new(writer, flate2::Compression::fast());
            let w =
                crate::generate::table::write_table(args.events as usize, args.seed, &mut encoder)?;
            encoder.finish()?;
            w
        } else {
            crate::generate::table::write_table(args.events as usize, args.seed, writer)?
        };
        Ok(())
    })?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    out(&format!(
        "wrote {}: a table of {} ({} of text, {} on disk), in {:.1} s",
        args.out.display(),
        crate::english::plural(written.rows, "event"),
        human_bytes(written.bytes),
        human_bytes(size),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
