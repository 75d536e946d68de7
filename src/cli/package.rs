//! `claimline package DATASET -o DIR`: writes an evidence package, a BagIt bag of the
//! dataset and every captured source (see [`crate::evidence::bag`]).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};

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
    let Some((loaded, report)) = super::verify::verified(file) else {
        return ExitCode::FAILURE;
    };
    let dir = crate::files::folder_of(file);
    if !report.passed() {
        super::verify::print_problems(file, &report);
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
