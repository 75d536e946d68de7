//! `claimline package DATASET -o DIR`: writes an evidence package, a BagIt bag of the
//! dataset and every captured source (see [`crate::evidence::bag`]).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::load::{self, LoadOptions};

/// Arguments of `package`.
#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The RON dataset to package.
    pub dataset: PathBuf,
    /// The folder to write the bag in (new, or empty).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

/// Runs `package`: verifies first, and packages only evidence that verifies.
pub fn run(args: &PackageArgs) -> ExitCode {
    let file = &args.dataset;
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            err(&format!("{}: cannot read it: {e}", file.display()));
            return ExitCode::FAILURE;
        }
    };
    let loaded = match load::load_bytes(text.as_bytes(), file, LoadOptions::strict(false), None) {
        Ok(loaded) => loaded,
        Err(e) => {
            super::check::print_failure(&e);
            return ExitCode::FAILURE;
        }
    };
    let dir = crate::files::folder_of(file);
    let report = crate::evidence::verify(&loaded.dataset, &text, &dir);
    if !report.passed() {
        for (problem, _) in &report.capture_errors {
            err(&format!("error: {problem}"));
        }
        for problem in &report.quote_errors {
            err(&problem.render(file));
        }
        err(&format!(
            "{}: not packaged: {} (`claimline verify {}` says more)",
            file.display(),
            report.summary(),
            file.display()
        ));
        return ExitCode::FAILURE;
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    match crate::evidence::write_bag(&loaded.dataset, file, &dir, &args.output, &today) {
        Ok(bagged) => {
            out(&format!(
                "{}: a BagIt bag of {} ({}), {}",
                args.output.display(),
                crate::english::plural(bagged.files, "file"),
                crate::english::human_bytes(bagged.bytes),
                report.summary()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            err(&format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}
