//! Orca, the screen reader most Linux users have, over README's walk in the real window
//! (`scripts/orca-walk.sh`): what it says, read from its speech log. The accessibility
//! tree tests (`tests/ui_access.rs`) check what the app tells; this checks what a blind
//! reader hears, which differed (on ←, egui moved the focus to the widget that way before
//! the app moved it to the previous event, and Orca said both).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::process::Command;

use common::needs::{self, Need};

/// The position of the first utterance after `from` that starts with `start`.
fn heard(said: &[String], from: usize, start: &str) -> usize {
    said.iter()
        .skip(from)
        .position(|s| s.starts_with(start))
        .map(|i| i + from)
        .unwrap_or_else(|| {
            panic!(
                "Orca never said {start:?} after line {from}:\n{}",
                said.join("\n")
            )
        })
}

#[test]
fn orca_reads_the_walk_from_the_reported_call_to_both_sides_of_its_dispute() {
    if !needs::require(
        "e2e_orca::orca_reads_the_walk",
        &[Need::Xvfb, Need::XDoTool, Need::Adapter, Need::Orca],
    ) {
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/orca-walk.sh");
    let walk = || {
        let out = tempfile::NamedTempFile::new().unwrap();
        let status = Command::new(script)
            .arg(env!("CARGO_BIN_EXE_claimline"))
            .arg(out.path())
            .status()
            .unwrap();
        assert!(status.success(), "{script} failed");
        std::fs::read_to_string(out.path())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect::<Vec<String>>()
    };
    // Orca's debug log reaches its file in buffered bursts; the script pushes the last
    // one out (it lost it about one run in four before it did), and a walk whose log
    // still stops short is walked once more.
    let mut said = walk();
    if !said.iter().any(|s| s.starts_with("Won't say")) {
        eprintln!(
            "Orca's log stopped short; walking again:\n{}",
            said.join("\n")
        );
        said = walk();
    }

    // End, then ← five times: six events, each said once, in time order, the last the
    // reported call with who denies it.
    let end = heard(
        &said,
        0,
        "11 November 2024, statement, on the record: Peskov: \"no specific plans yet\"",
    );
    let steps = [
        "11 November 2024, denial, on the record: Kremlin denies the reported call",
        "between 10 November 2024 and 19 January 2025, denial, on the record: Ukraine denies",
        "between 10 November 2024 and 11 November 2024, no comment, on the record: Trump's spokesman",
        "10 November 2024, media report, reported, unconfirmed: The Washington Post (and Reuters) report the call",
        "7 November 2024, phone call, disputed: Trump and Putin reportedly speak by phone about Ukraine. Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 November 2024.",
    ];
    assert_eq!(
        said[end + 1..=end + steps.len()]
            .iter()
            .zip(steps)
            .filter(|(s, step)| !s.starts_with(step))
            .count(),
        0,
        "each ← says the previous event and nothing else:\n{}",
        said[end..end + steps.len() + 1].join("\n")
    );
    let call = end + steps.len();
    // Q: the four quotes, with who said them.
    let mut at = call;
    for n in 1..=4 {
        at = heard(
            &said,
            at,
            &format!("Quote {n} of 4, the outlet's own reporting: “"),
        );
    }
    // Then the Kremlin's denial, with its question and words; its Go to; Enter lands on
    // it. D: the question as a heading, then each side as a named group with its events.
    for next in [
        "Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 Nov 2024, on the record. The question: Did Trump and Putin speak by phone on 7 November 2024? TASS said:",
        "Go to: Kremlin denies the reported call: \"There was no conversation\" push button",
        "11 November 2024, denial, on the record: Kremlin denies the reported call",
        "Did Trump and Putin speak by phone on 7 November 2024? heading",
        "Claim: 1 event",
        "Trump and Putin reportedly speak by phone about Ukraine, 7 Nov 2024, disputed.",
        "Counter-claim: 2 events",
        "Peskov denies Kremlin contacts with Trump's campaign after the election, 5 Nov 2024 – 11 Nov 2024, on the record.",
        "Kremlin denies the reported call: \"There was no conversation\", 11 Nov 2024, on the record. TASS:",
        "Won't say: 1 event",
        "Trump's spokesman: \"We do not comment on private calls\", 10 Nov 2024 – 11 Nov 2024, on the record.",
    ] {
        at = heard(&said, at, next);
    }
    // Nothing is a toggle button "not pressed", nor a status that sounds like a kind.
    assert!(
        !said
            .iter()
            .any(|s| s.contains("not pressed") || s.contains("denial, confirmed")),
        "{}",
        said.join("\n")
    );
}
