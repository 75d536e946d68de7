//! `claimline generate --events N [--seed S] OUT.ron`: writes a valid synthetic dataset
//! for trying Claimline at scale.

use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::files::check_writable;
use crate::generate::{GenerateOptions, generate};
use crate::load::{LoadOptions, human_bytes, validate_built};
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
        Err(message) => {
            err(&format!("error: {message}"));
            ExitCode::FAILURE
        }
    }
}

fn try_run(args: &GenerateArgs) -> Result<(), String> {
    check_writable(&args.out)?;
    let started = std::time::Instant::now();
    let dataset = generate(GenerateOptions {
        events: args.events as usize,
        seed: args.seed,
    })
    .map_err(|e| e.to_string())?;
    // Generated data goes through the same rules as a loaded file.
    let loaded =
        validate_built(dataset, &args.out, LoadOptions::default()).map_err(|e| e.to_string())?;
    let tmp = args.out.with_extension("ron.partial");
    let write = || -> Result<(), String> {
        let file = std::fs::File::create(&tmp)
            .map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        write_ron(&loaded.dataset, Layout::Compact, &mut writer).map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        std::fs::rename(&tmp, &args.out)
            .map_err(|e| format!("cannot write {}: {e}", args.out.display()))
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
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
