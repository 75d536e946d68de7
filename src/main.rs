//! The `claimline` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use claimline::cli::{Cli, Command, check};
use clap::Parser as _;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        None => ExitCode::FAILURE,
    }
}
