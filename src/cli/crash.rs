//! A panic hook, so that a bug is never silent: the report (message, place, backtrace)
//! goes to the log and to a file, and the user is told where the file is.

use std::io::Write as _;
use std::path::PathBuf;

/// Where crash reports are written: `$XDG_STATE_HOME/claimline`, else
/// `~/.local/state/claimline`, else the temporary folder.
pub fn report_dir() -> PathBuf {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
    state.map_or_else(std::env::temp_dir, |s| s.join("claimline"))
}

/// Installs the hook; keeps the default one (which prints to stderr) after it.
pub fn install() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_owned();
        let report = format!(
            "Claimline {} hit a bug (thread {thread}): {info}\n\nBacktrace:\n{backtrace}\n",
            env!("CARGO_PKG_VERSION")
        );
        log::error!("{report}");
        match write_report(&report) {
            Ok(path) => super::output::err(&format!(
                "Claimline hit a bug. A report was written to {}; please send it to the developers.",
                path.display()
            )),
            Err(e) => super::output::err(&format!(
                "Claimline hit a bug (and could not save a report: {e})"
            )),
        }
        default(info);
    }));
}

fn write_report(report: &str) -> std::io::Result<PathBuf> {
    let dir = report_dir();
    std::fs::create_dir_all(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let path = dir.join(format!("crash-{stamp}-{}.txt", std::process::id()));
    let mut file = std::fs::File::create(&path)?;
    file.write_all(report.as_bytes())?;
    Ok(path)
}
