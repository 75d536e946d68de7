//! The one place the command line prints. Write errors (a closed pipe) are ignored:
//! there is nowhere left to report them.

use std::io::Write as _;

/// Prints a line to standard output.
pub fn out(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
}

/// Prints a line to standard error.
pub fn err(line: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}
