//! `claimline disputes [FILE] [--format md|json]`: each contested question of a dataset
//! with both sides, as Markdown for an article or JSON for a script.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{err, out};
use crate::disputes::{self, as_json, as_markdown};
use crate::load::{self, LoadOptions};

/// Arguments of `disputes`.
#[derive(Debug, Args)]
pub struct DisputesArgs {
    /// The dataset; without it, the built-in Trump–Putin dataset.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Markdown (a heading per question, a table of sides, the quotes) or JSON.
    #[arg(long, value_enum, default_value = "md")]
    pub format: DisputesFormat,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

/// How to write the disputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DisputesFormat {
    /// Markdown.
    Md,
    /// JSON: `[{"question", "sides": [[ids], [ids]], "declines", "conflicts"}]`.
    Json,
}

/// Prints the disputes; returns the exit status.
pub fn run(args: &DisputesArgs) -> ExitCode {
    let loaded = match &args.file {
        Some(path) => {
            let mapping = match args.table.spec_for(path) {
                Ok(mapping) => mapping,
                Err(code) => return code,
            };
            let options = LoadOptions {
                mapping,
                ..LoadOptions::default()
            };
            load::load_file(path, options, None)
        }
        None => load::load_builtin(),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            err(&e.to_string());
            return ExitCode::FAILURE;
        }
    };
    let ds = &loaded.dataset;
    let found = disputes::disputes(ds);
    match args.format {
        DisputesFormat::Md => out(as_markdown::document(ds, &found).trim_end()),
        DisputesFormat::Json => match serde_json::to_string_pretty(&as_json::to_json(ds, &found)) {
            Ok(text) => out(&text),
            Err(e) => {
                err(&format!("error: cannot write JSON: {e}"));
                return ExitCode::FAILURE;
            }
        },
    }
    ExitCode::SUCCESS
}
