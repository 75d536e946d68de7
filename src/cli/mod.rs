//! The command line: `claimline [FILE]` opens the app; `check`, `generate`, `import` and
//! `render` work without a window.

pub mod check;
#[cfg(feature = "engine")]
pub mod convert;
pub mod crash;
pub mod disputes;
pub mod export_data;
pub mod fmt;
pub mod generate;
pub mod import;
pub mod output;
pub mod package;
pub mod publish;
pub mod render;
pub mod source;
pub mod suggest;
pub mod table_args;
pub mod verify;
#[cfg(feature = "gui")]
pub mod window;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Examples shown at the end of `--help`.
const EXAMPLES: &str = "\
Examples:
  claimline                              open the app with the built-in dataset
  claimline my-story.ron                 open the app with a dataset
  claimline check --strict my-story.ron  check a dataset without opening a window
  claimline render -o timeline.svg       draw the timeline to a picture
  claimline publish -o page.html         a web page of the timeline, quotes and disputes
  claimline source add my.ron page.wacz  keep a captured page as a source's evidence
  claimline verify my.ron                re-hash every capture, find every quote again
  claimline disputes --format md         list the contested questions
  claimline suggest article.txt          the dates, quotes and events an article holds

Each command has its own help: claimline help <COMMAND>";

/// Claimline: a timeline of disputed news — who said what, when, and who denied it.
#[derive(Debug, Parser)]
#[command(
    name = "claimline",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    /// A subcommand; without one, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How to open the app.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Options for opening the app.
#[derive(Debug, Args, Default, Clone)]
pub struct ViewArgs {
    /// Dataset to open (RON, a TimelineJS file, or a table: CSV, TSV, GDELT, gzipped
    /// or not); without it, the built-in Trump–Putin dataset.
    pub file: Option<PathBuf>,
    /// Render the window once, save it as this PNG, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size in logical pixels, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Select the event with this id on start.
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Colour theme.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Draw the map over the street tiles of this PMTiles archive of raster tiles
    /// (satellite imagery, a scanned or rendered street map); kept for the next start.
    #[arg(long, value_name = "FILE.pmtiles")]
    pub tiles: Option<PathBuf>,
    /// How to read a table.
    #[command(flatten)]
    pub table: table_args::TableArgs,
    /// Read FILE (a table `claimline convert` wrote, or a folder of them) through the
    /// query engine instead of loading it: `local` for DataFusion on this machine,
    /// `df://HOST:PORT` for a Ballista cluster. A converted table opens through
    /// `local` without it.
    #[cfg(feature = "engine")]
    #[arg(long, value_name = "local|df://HOST:PORT", value_parser = crate::engine::queries::Engine::parse)]
    pub engine: Option<crate::engine::queries::Engine>,
}

/// A theme named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files and print a summary of each.
    Check(check::CheckArgs),
    /// Write a synthetic dataset of N events, for trying Claimline at scale.
    Generate(generate::GenerateArgs),
    /// Convert a TimelineJS timeline or a table of events (CSV, TSV, GDELT) to a dataset.
    Import(import::ImportArgs),
    /// Draw the timeline to an SVG or PNG file, with no window (no display or GPU needed).
    Render(render::RenderArgs),
    /// Write the dataset as one self-contained web page: timeline, quotes, disputes.
    Publish(publish::PublishArgs),
    /// Write the dataset in another tool's format: TimelineJS JSON, ClaimReview JSON-LD or
    /// W3C Web Annotations.
    Export(export_data::ExportArgs),
    /// List each contested question with both sides, as Markdown or JSON.
    Disputes(disputes::DisputesArgs),
    /// What an article holds: its dates, its quotations and who said them, the events it
    /// reports (with their positions), as text or JSON.
    Suggest(suggest::SuggestArgs),
    /// Rewrite RON datasets in the canonical layout the app saves, keeping comments.
    Fmt(fmt::FmtArgs),
    /// Add a source from a captured page, web archive (WARC, WACZ) or text, kept beside
    /// the dataset under its SHA-256.
    Source(source::SourceArgs),
    /// Re-hash every captured source and re-check every quote against it.
    Verify(verify::VerifyArgs),
    /// Write the dataset and its captured sources as a BagIt evidence package.
    Package(package::PackageArgs),
    /// Write a table or dataset as sorted Parquet that opens without being loaded
    /// (with the `engine` feature).
    #[cfg(feature = "engine")]
    Convert(convert::ConvertArgs),
}

/// The dataset a command works on: the file given (read with `mapping` if it is a
/// table), or the built-in dataset; or its problems.
pub(crate) fn open_document(
    file: Option<&std::path::Path>,
    mapping: crate::load::table::MappingSpec,
) -> Result<crate::timeline::Document, crate::load::LoadError> {
    use crate::timeline::{Document, Origin};
    match file {
        None => Document::builtin(),
        Some(path) => {
            let options = crate::load::LoadOptions {
                mapping,
                ..crate::load::LoadOptions::default()
            };
            crate::load::load_file(path, options, None)
                .map(|loaded| Document::new(loaded, Origin::File(path.to_owned())))
        }
    }
}

/// Runs a command that reads one dataset (the built-in one without a file): the
/// table's mapping resolved from `table` (a bad one exits 2), then `work` with it; its
/// line printed on success (exit 0), its error on failure (exit 1).
pub(crate) fn run_on_dataset(
    file: Option<&std::path::Path>,
    table: &table_args::TableArgs,
    work: impl FnOnce(crate::load::table::MappingSpec) -> anyhow::Result<String>,
) -> std::process::ExitCode {
    let mapping = match file {
        Some(file) => match table.spec_for(file) {
            Ok(mapping) => mapping,
            Err(code) => return code,
        },
        None => crate::load::table::MappingSpec::default(),
    };
    match work(mapping) {
        Ok(line) => {
            output::out(&line);
            std::process::ExitCode::SUCCESS
        }
        Err(why) => {
            output::err(&format!("{why:#}"));
            std::process::ExitCode::FAILURE
        }
    }
}

/// Parses "1280x800".
pub(crate) fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{text}` is not a size; write WIDTHxHEIGHT, e.g. 1280x800"))?;
    let dim = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (200..=8192).contains(v))
            .ok_or_else(|| format!("`{s}` is not a size between 200 and 8192 pixels"))
    };
    Ok((dim(w)?, dim(h)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_explain() {
        assert_eq!(parse_size("1280x800"), Ok((1280, 800)));
        assert!(parse_size("1280").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(
            parse_size("10x800")
                .unwrap_err()
                .contains("between 200 and 8192")
        );
    }

    #[test]
    fn file_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["claimline", "x.ron", "--theme", "dark"]).unwrap();
        assert_eq!(cli.view.file, Some(PathBuf::from("x.ron")));
        assert_eq!(cli.view.theme, Some(ThemeArg::Dark));
        let cli = Cli::try_parse_from(["claimline", "check", "a.ron", "--strict"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check(ref c)) if c.strict));
    }
}
