//! The README's dataset example is a valid dataset, so the documentation cannot drift
//! from the format.

use std::path::Path;

use claimline::load::{self, LoadOptions};

#[test]
fn the_readme_example_loads() {
    let readme = include_str!("../README.md");
    let start = readme.find("```ron\n").map(|i| i + 7);
    let example = start.and_then(|s| readme[s..].find("```").map(|e| &readme[s..s + e]));
    let example = example.unwrap_or_else(|| panic!("README.md has a ```ron example"));
    let loaded = load::load_bytes(
        example.as_bytes(),
        Path::new("README.md"),
        LoadOptions::strict(true),
        None,
    );
    let loaded = loaded.unwrap_or_else(|e| panic!("the README example must load:\n{e}"));
    assert_eq!(loaded.dataset.events.len(), 2);
    assert_eq!(loaded.dataset.relations.len(), 1);
}

#[test]
fn the_readme_lists_every_keyboard_shortcut() {
    let readme = include_str!("../README.md");
    for command in claimline::app::command::UiCommand::ALL {
        let Some(shortcut) = command.shortcut() else {
            continue;
        };
        let keys = claimline::app::panels::toolbar::shortcut_text(&shortcut);
        let row = format!("| `{keys}` | {} |", command.label());
        assert!(readme.contains(&row), "README.md lacks the row\n{row}");
    }
}
