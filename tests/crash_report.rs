//! A panic is never silent: the installed hook writes a report file and tells the user
//! where it is. The test runs itself again as a child process that panics.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::process::Command;

const CHILD: &str = "CLAIMLINE_CRASH_TEST_CHILD";

#[test]
fn a_panic_writes_a_report_and_says_where() {
    if std::env::var_os(CHILD).is_some() {
        claimline::cli::crash::install();
        let worker = std::thread::Builder::new()
            .name("loader".into())
            .spawn(|| panic!("simulated bug in a worker"))
            .unwrap();
        let _ = worker.join();
        return;
    }
    let state = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_panic_writes_a_report_and_says_where",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .env("XDG_STATE_HOME", state.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Claimline hit a bug. A report was written to"),
        "{stderr}"
    );
    let dir = state.path().join("claimline");
    let reports: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(reports.len(), 1);
    let report = std::fs::read_to_string(reports[0].path()).unwrap();
    assert!(report.contains("simulated bug in a worker"), "{report}");
    assert!(report.contains("thread loader"), "{report}");
    assert!(report.contains("Backtrace:"), "{report}");
}
