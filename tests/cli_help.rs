//! `claimline --help` and `--version` as a new user reads them: every subcommand listed
//! with one line saying what it does, examples to copy, and the version of this build.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::process::Command;

use clap::CommandFactory as _;

fn claimline(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn help_lists_every_subcommand_on_one_line_and_shows_examples() {
    let (ok, help) = claimline(&["--help"]);
    assert!(ok);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    let cli = claimline::cli::Cli::command();
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        let line = commands
            .iter()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("--help does not list `{name}`:\n{help}"));
        let said = line.trim_start().trim_start_matches(name).trim();
        assert!(
            said.split_whitespace().count() >= 4,
            "`{name}` needs a line saying what it does, not {said:?}"
        );
    }
    // One line each: no continuation lines between the commands.
    assert_eq!(
        commands.len(),
        cli.get_subcommands().count() + 1,
        "one line per subcommand, plus `help`:\n{}",
        commands.join("\n")
    );
    assert!(help.contains("Examples:"), "{help}");
    for example in help
        .lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| !l.is_empty())
    {
        // "  claimline ARGS    what it does": the command is before the gap.
        let command = example.trim_start().split("  ").next().unwrap_or_default();
        let word = command.split_whitespace().nth(1);
        let known = word.is_none_or(|w| {
            !w.chars().all(|c| c.is_ascii_lowercase())
                || cli.get_subcommands().any(|s| s.get_name() == w)
        });
        assert!(
            known,
            "an example uses a command that does not exist: {example}"
        );
    }
}

#[test]
fn version_names_the_program_and_this_build() {
    let (ok, version) = claimline(&["--version"]);
    assert!(ok);
    assert_eq!(
        version.trim(),
        format!("claimline {}", env!("CARGO_PKG_VERSION"))
    );
}
