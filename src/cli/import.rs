//! `claimline import IN.(json|csv) -o OUT.ron`: converts a TimelineJS timeline (its
//! JSON, or its spreadsheet template as CSV) into a Claimline dataset that can then be
//! enriched by hand with quotes and relations.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::output::{err, out};
use crate::load::LoadOptions;
use crate::save::{Layout, to_ron};

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The TimelineJS file (JSON or CSV) or table (CSV, TSV, GDELT); told apart by
    /// content.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Where to write the dataset (RON).
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: PathBuf,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

/// Converts; returns the exit status.
pub fn run(args: &ImportArgs) -> ExitCode {
    let mapping = match args.table.spec_for(&args.input) {
        Ok(mapping) => mapping,
        Err(code) => return code,
    };
    let options = LoadOptions {
        mapping,
        ..LoadOptions::default()
    };
    let loaded = match crate::load::load_file(&args.input, options, None) {
        Ok(loaded) => loaded,
        Err(e) => {
            err(&e.to_string());
            err(&format!("{}: not imported", args.input.display()));
            return ExitCode::FAILURE;
        }
    };
    let text = match to_ron(&loaded.dataset, Layout::Pretty) {
        Ok(text) => text,
        Err(e) => {
            err(&format!("error: cannot write the dataset: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let header = format!(
        "// Imported from {} by `claimline import`.\n// Events have no quotes yet: add them from the sources, with relations between reports.\n",
        args.input
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    let written = crate::files::check_writable(&args.output).and_then(|()| {
        crate::files::write_atomically(&args.output, format!("{header}{text}").as_bytes())
    });
    if let Err(why) = written {
        err(&format!("error: {why:#}"));
        return ExitCode::FAILURE;
    }
    let unsourced = loaded.dataset.unsourced_events();
    out(&format!(
        "wrote {}: {}; {unsourced} unsourced (no quotes yet)",
        args.output.display(),
        super::check::summary(&loaded.dataset)
    ));
    ExitCode::SUCCESS
}
