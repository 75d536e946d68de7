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
fn heard(said: &[String], from: usize, start: &str) -> Result<usize, String> {
    said.iter()
        .skip(from)
        .position(|s| s.starts_with(start))
        .map(|i| i + from)
        .ok_or_else(|| {
            format!(
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
    // Orca's debug log reaches its file in buffered bursts, and a key pressed while Orca
    // is busy is now and then lost or lands late (seen about one walk in three on a
    // 2-core VM): a walk whose log stops short, or says other than the walk, is walked
    // again, up to three times; a change in what the app says fails all three.
    let mut last = String::new();
    for attempt in 1..=3 {
        let said = walk();
        match what_orca_said_is_the_walk(&said) {
            Ok(()) => return,
            Err(why) => {
                eprintln!("walk {attempt} of 3 did not read as the walk: {why}");
                last = why;
            }
        }
    }
    panic!("{last}");
}

/// Whether what Orca said, one utterance a line, is README's walk: each event once in
/// time order, the quotes with who said them, the denial, its question and sides.
fn what_orca_said_is_the_walk(said: &[String]) -> Result<(), String> {
    if !said.iter().any(|s| s.starts_with("Won't say")) {
        return Err(format!("Orca's log stopped short:\n{}", said.join("\n")));
    }

    // End, then ← five times: six events, each said once, in time order, the last the
    // reported call with who denies it.
    let end = heard(
        said,
        0,
        "11 November 2024, statement, on the record: Peskov: \"no specific plans yet\"",
    )?;
    let steps = [
        "11 November 2024, denial, on the record: Kremlin denies the reported call",
        "between 10 November 2024 and 19 January 2025, denial, on the record: Ukraine denies",
        "between 10 November 2024 and 11 November 2024, no comment, on the record: Trump's spokesman",
        "10 November 2024, media report, reported, unconfirmed: The Washington Post (and Reuters) report the call",
        "7 November 2024, phone call, disputed: Trump and Putin reportedly speak by phone about Ukraine. Denied by: Kremlin denies the reported call: \"There was no conversation\", 11 November 2024.",
    ];
    let stepped = said.get(end + 1..=end + steps.len()).unwrap_or(&[]);
    if stepped.len() != steps.len()
        || stepped
            .iter()
            .zip(steps)
            .any(|(s, step)| !s.starts_with(step))
    {
        return Err(format!(
            "each ← says the previous event and nothing else:\n{}",
            said.get(end..(end + steps.len() + 1).min(said.len()))
                .unwrap_or(&[])
                .join("\n")
        ));
    }
    let call = end + steps.len();
    // Q: the four quotes, with who said them.
    let mut at = call;
    for n in 1..=4 {
        at = heard(
            said,
            at,
            &format!("Quote {n} of 4, the outlet's own reporting: “"),
        )?;
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
        at = heard(said, at, next)?;
    }
    // Nothing is a toggle button "not pressed", nor a status that sounds like a kind.
    if said
        .iter()
        .any(|s| s.contains("not pressed") || s.contains("denial, confirmed"))
    {
        return Err(format!(
            "a toggle said \"not pressed\", or a status sounded like a kind:\n{}",
            said.join("\n")
        ));
    }
    Ok(())
}
