//! `claimline generate --events N [--seed S] OUT.ron`: writes a valid synthetic dataset
//! for trying Claimline at scale.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::english::human_bytes;
use crate::files::{check_writable, write_atomically_with};
use crate::generate::{GenerateOptions, generate};
use crate::load::{LoadOptions, load_built};
use crate::save::{Layout, write_ron};

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of events (up to 1,050,000, which stays under the 256 MiB file limit).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_050_000))]
    pub events: u32,
    /// Random seed: the same seed and count give the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the dataset (RON).
    #[arg(value_name = "OUT.ron")]
    pub out: PathBuf,
}

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
