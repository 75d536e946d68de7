//! `claimline fmt FILE… [--check]`: rewrites RON datasets in the canonical layout the app
//! saves (like `rustfmt`), keeping their comments; `--check` writes nothing and exits 1
//! if a file would change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::load::{self, LoadOptions, format::Format};
use crate::save::{Comments, canonical};

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// RON dataset files to format in place.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing; exit 1 if a file is not in canonical form, and name it.
    #[arg(long)]
    pub check: bool,
    /// Format even when comments inside items (between an event's fields, say) would be
    /// dropped; without it such a file is left as it is.
    #[arg(long)]
    pub drop_comments: bool,
    /// Give every quote that matches its source only with typesetting folded (straight
    /// quotes for curly ones, a hyphen for a dash) the source's own characters.
    #[arg(long)]
    pub fix_quotes: bool,
    /// With --fix-quotes: the folder of plain-text documents for sources that have no
    /// captured copy.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
}

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

/// Runs `fmt`; exit status 0 when every file is (or now is) canonical, 1 when `--check`
/// found a file that would change, 2 when a file could not be read or written.
pub fn run(args: &FmtArgs) -> ExitCode {
    let mut changed = false;
    let mut failed = false;
    for file in &args.files {
        match format_one(file, args) {
            Outcome::Unchanged => {}
            Outcome::Changed => changed = true,
            Outcome::Failed => failed = true,
        }
    }
    if failed {
        ExitCode::from(2)
    } else if changed && args.check {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn format_one(file: &Path, args: &FmtArgs) -> Outcome {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            err(&format!("{}: cannot read it: {e}", file.display()));
            return Outcome::Failed;
        }
    };
    let format = load::format::detect(&text);
    if format != Format::Ron {
        err(&format!(
            "{}: this is {}, not a Claimline RON dataset; `claimline import` converts it",
            file.display(),
            format.describe()
        ));
        return Outcome::Failed;
    }
    let loaded = match load::load_bytes(text.as_bytes(), file, LoadOptions::strict(false), None) {
        Ok(loaded) => loaded,
        Err(e) => {
            super::check::print_failure(&e);
            return Outcome::Failed;
        }
    };
    let mut loaded = loaded;
    if args.fix_quotes {
        let ds = &loaded.dataset;
        let texts = crate::corpus::source_texts(
            ds,
            Some(&crate::files::folder_of(file)),
            args.corpus.as_deref(),
        );
        let report = crate::corpus::verify(ds, &text, &texts, false);
        for fix in &report.fixes {
            if loaded
                .dataset
                .set_quote_text(fix.event, fix.quote, &fix.fixed)
                .is_err()
            {
                err(&format!(
                    "{}: too much text to fix its quotes",
                    file.display()
                ));
                return Outcome::Failed;
            }
        }
        if !report.fixes.is_empty() {
            out(&format!(
                "{}: {} given the source's own characters",
                file.display(),
                crate::english::plural(report.fixes.len(), "quote")
            ));
        }
    }
    let comments = Comments::scan(&text);
    let formatted = canonical(&loaded.dataset, &comments);
    if formatted == text {
        return Outcome::Unchanged;
    }
    if !comments.lost.is_empty() && !args.drop_comments {
        let lines: Vec<String> = comments.lost.iter().map(ToString::to_string).collect();
        err(&format!(
            "{}: left as it is: {} inside items would be dropped (line {}); move {} above \
             the item, or pass --drop-comments",
            file.display(),
            crate::english::plural(comments.lost.len(), "comment"),
            lines.join(", "),
            if comments.lost.len() == 1 {
                "it"
            } else {
                "them"
            },
        ));
        return Outcome::Failed;
    }
    if args.check {
        out(&format!("{}: not in canonical form", file.display()));
        first_difference(&text, &formatted);
        return Outcome::Changed;
    }
    match crate::files::write_atomically(file, formatted.as_bytes()) {
        Ok(()) => {
            out(&format!("{}: formatted", file.display()));
            Outcome::Changed
        }
        Err(e) => {
            err(&format!("{}: cannot write it: {e:#}", file.display()));
            Outcome::Failed
        }
    }
}

/// Prints the first line that differs, so that `--check` says where.
fn first_difference(old: &str, new: &str) {
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    for line in 1.. {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => {}
            (None, None) => return,
            (a, b) => {
                out(&format!("  line {line}"));
                out(&format!("  - {}", a.unwrap_or("(end of file)")));
                out(&format!("  + {}", b.unwrap_or("(end of file)")));
                return;
            }
        }
    }
}
