//! The `claimline` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use claimline::cli::{
    Cli, Command, check, disputes, export_data, fmt, generate, import, publish, render, window,
};
use clap::Parser as _;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    // usvg warns once per glyph no font has; `export::raster` says it once per script.
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,usvg::text=error"),
    )
    .init();
    claimline::cli::crash::install();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Render(args)) => render::run(&args),
        Some(Command::Publish(args)) => publish::run(&args),
        Some(Command::Export(args)) => export_data::run(&args),
        Some(Command::Disputes(args)) => disputes::run(&args),
        Some(Command::Suggest(args)) => claimline::cli::suggest::run(&args),
        Some(Command::Fmt(args)) => fmt::run(&args),
        Some(Command::Source(args)) => claimline::cli::source::run(&args),
        Some(Command::Verify(args)) => claimline::cli::verify::run(&args),
        Some(Command::Package(args)) => claimline::cli::package::run(&args),
        #[cfg(feature = "engine")]
        Some(Command::Convert(args)) => claimline::cli::convert::run(&args),
        None => window::run(cli.view, started),
    }
}
