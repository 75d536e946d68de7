//! `claimline verify DATASET…`: re-hashes every captured source, extracts its text again
//! and re-checks every quote and its position; exit status 1 naming the source, the file
//! and the quotes affected when any byte changed or any quote is not found.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::evidence::Verification;
use crate::load::{self, LoadOptions};

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// RON datasets whose captured sources to verify.
    #[arg(required = true, value_name = "DATASET")]
    pub files: Vec<PathBuf>,
    /// Also fail when a source has no captured copy.
    #[arg(long)]
    pub strict: bool,
}

/// Reads and verifies the dataset `file` against the captures beside it; `None` (its
/// problems printed) when it cannot be read or loaded.
pub(super) fn verified(file: &Path) -> Option<(load::Loaded, Verification)> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            err(&format!("{}: cannot read it: {e}", file.display()));
            return None;
        }
    };
    let loaded = match load::load_bytes(text.as_bytes(), file, LoadOptions::strict(false), None) {
        Ok(loaded) => loaded,
        Err(e) => {
            super::check::print_failure(&e);
            return None;
        }
    };
    let report = crate::evidence::verify(&loaded.dataset, &text, &crate::files::folder_of(file));
    Some((loaded, report))
}

/// Prints what failed: each capture (with the events whose quotes it affects) and each
/// quote.
pub(super) fn print_problems(file: &Path, report: &Verification) {
    for (problem, events) in &report.capture_errors {
        err(&format!("error: {problem}"));
        if !events.is_empty() {
            err(&format!(
                "  quotes affected: those of {} ({})",
                crate::english::plural(events.len(), "event"),
                events.join(", ")
            ));
        }
    }
    for problem in &report.quote_errors {
        err(&problem.render(file));
    }
}

/// Runs `verify`.
pub fn run(args: &VerifyArgs) -> ExitCode {
    let mut good = true;
    for file in &args.files {
        let Some((_, report)) = verified(file) else {
            good = false;
            continue;
        };
        print_problems(file, &report);
        if !report.uncaptured.is_empty() {
            err(&format!(
                "{}: {} no captured copy: {} (add one with `claimline source add {} FILE --id ID`)",
                if args.strict { "error" } else { "warning" },
                if report.uncaptured.len() == 1 {
                    "source has"
                } else {
                    "sources have"
                },
                report.uncaptured.join(", "),
                file.display()
            ));
        }
        let passed = report.passed() && (!args.strict || report.uncaptured.is_empty());
        let line = format!("{}: {}", file.display(), report.summary());
        if passed {
            out(&line);
        } else {
            err(&line);
        }
        good &= passed;
    }
    if good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
