//! The README's examples are what they say — its dataset loads, its table mapping
//! reads — and its shortcut table lists every shortcut, so the documentation cannot
//! drift from the program.

use std::path::Path;

use claimline::load::table::{Key, MappingSpec};
use claimline::load::{self, LoadOptions};

/// The README's ```ron blocks.
fn ron_blocks() -> Vec<&'static str> {
    let readme = include_str!("../README.md");
    readme
        .split("```ron\n")
        .skip(1)
        .filter_map(|rest| rest.find("```").map(|end| &rest[..end]))
        .collect()
}

#[test]
fn the_readme_mapping_file_reads() {
    let block = ron_blocks()
        .into_iter()
        .find(|b| b.contains("map:"))
        .unwrap_or_else(|| panic!("README.md shows a mapping file"));
    let spec = MappingSpec::from_ron(block).unwrap_or_else(|e| panic!("{}: {}", e.message, e.help));
    assert_eq!(spec.get(Key::Actors), Some("3+4"));
    assert_eq!(spec.header, Some(false));
}

#[test]
fn the_readme_example_loads() {
    let example = ron_blocks()
        .into_iter()
        .find(|b| b.contains("schema:"))
        .unwrap_or_else(|| panic!("README.md has a ```ron dataset example"));
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
fn the_readme_shortcut_table_is_the_one_the_app_has() {
    let readme = include_str!("../README.md");
    let mut table = String::from("| Keys | Action |\n|---|---|\n");
    for command in claimline::app::command::UiCommand::ALL {
        let Some(shortcut) = command.shortcut() else {
            continue;
        };
        let keys = claimline::app::panels::toolbar::shortcut_text(&shortcut);
        table.push_str(&format!("| `{keys}` | {} |\n", command.label()));
    }
    let marker = "<!-- shortcuts: generated from src/app/command.rs; tests/readme.rs checks they match -->\n";
    assert!(
        readme.contains(&format!("{marker}{table}")),
        "README.md's shortcut table must be, under its marker comment:\n{table}"
    );
}
