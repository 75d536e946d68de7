//! The options every command that reads a dataset takes for tables: `--map KEY=COLUMN`
//! (repeatable), `--no-header` and `--mapping FILE`, and checking them against the
//! table before loading it, so that a mapping naming a column the table lacks is a usage
//! error (exit status 2) naming the columns there are.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::output::err;
use crate::load::table::{self, Key, MappingError, MappingSpec, TableProblem};
use crate::load::{self, Format};

/// How to read a table (CSV, TSV, GDELT).
#[derive(Debug, Args, Default, Clone)]
pub struct TableArgs {
    /// For a table, which column holds what: KEY=COLUMN, repeatable. KEY is date, end,
    /// title, summary, kind, status, actors, lane, place, lat, lon, url or id; COLUMN a header
    /// name or a number from 1. title and summary also take templates such as
    /// "{Actor1Name} → {Actor2Name}" or "{1} {2}"; actors takes columns joined with +.
    #[arg(long = "map", value_name = "KEY=COLUMN", value_parser = parse_map)]
    pub map: Vec<(Key, String)>,
    /// For a table: its first line is data, not a header.
    #[arg(long)]
    pub no_header: bool,
    /// For a table: read the mapping from this file (RON, as the app saves it);
    /// --map pairs go on top.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

/// Reads one `--map` argument.
fn parse_map(text: &str) -> Result<(Key, String), String> {
    let mut spec = MappingSpec::default();
    spec.push_arg(text)
        .map_err(|e| format!("{}\n  = help: {}", e.message, e.help))?;
    spec.map.pop().ok_or_else(|| "no KEY=COLUMN".to_owned())
}

impl TableArgs {
    /// The mapping the arguments give: the mapping file's, then the `--map` pairs, then
    /// `--no-header`. A mapping file that cannot be read is a usage error.
    pub fn spec(&self) -> Result<MappingSpec, ExitCode> {
        let mut spec = match &self.mapping {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    err(&format!(
                        "error: cannot read the mapping file {}: {e}",
                        path.display()
                    ));
                    ExitCode::from(2)
                })?;
                MappingSpec::from_ron(&text).map_err(|e| usage(path, &e))?
            }
            None => MappingSpec::default(),
        };
        for (key, value) in &self.map {
            spec.set(*key, value);
        }
        if self.no_header {
            spec.header = Some(false);
        }
        Ok(spec)
    }

    /// The mapping for `file`, checked against its columns when it is a table: a column
    /// the table lacks is a usage error (exit status 2). Problems with the file itself
    /// are left for the load to report.
    pub fn spec_for(&self, file: &Path) -> Result<MappingSpec, ExitCode> {
        let spec = self.spec()?;
        if spec.is_empty() {
            return Ok(spec);
        }
        let Ok((head, format)) = load::read_head(file) else {
            return Ok(spec);
        };
        if format != Format::Table {
            err(&format!(
                "warning: {} is not a table; --map, --no-header and --mapping are ignored",
                file.display()
            ));
            return Ok(spec);
        }
        match table::inspect(&head, &spec) {
            Err(TableProblem::Mapping(e)) => Err(usage(file, &e)),
            _ => Ok(spec),
        }
    }

    /// The mapping, for a command without a file to check it against.
    pub fn mapping(&self) -> MappingSpec {
        self.spec().unwrap_or_default()
    }
}

fn usage(file: &Path, e: &MappingError) -> ExitCode {
    err(&format!(
        "error: {}\n  --> {}\n  = help: {}",
        e.message,
        file.display(),
        e.help
    ));
    ExitCode::from(2)
}
