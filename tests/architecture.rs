//! The map stays true: no module of `src/` imports one that imports it back, directly or
//! around a loop (ARCHITECTURE.md, Invariants). Modules are files; an import is any
//! `crate::…`, `super::…` or `self::…` path outside test code; a module's own parent
//! and children do not count (Rust's tree makes those mutual by nature).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "the test reads the crate's own sources"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of `src/`, by its path, with its source (test modules and comments cut).
fn modules() -> BTreeMap<Module, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            if module == ["lib"] || module == ["main"] {
                module.clear();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            let code: String = text
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(module, code);
        }
    }
    out
}

/// The modules `module` (whose file is a `mod.rs` when `is_dir`) refers to.
fn imports(module: &Module, code: &str, all: &BTreeMap<Module, String>) -> BTreeSet<Module> {
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let base = segs.remove(0);
            let mut here: Module = match base {
                "crate" => Vec::new(),
                // In a file, `self` is the file's module and `super` its parent.
                "self" => module.clone(),
                _ => module[..module.len().saturating_sub(1)].to_vec(),
            };
            while segs.first() == Some(&"super") {
                segs.remove(0);
                here.pop();
            }
            here.extend(segs.iter().map(|s| (*s).to_owned()));
            // The longest prefix that is a module.
            while !here.is_empty() && !all.contains_key(&here) {
                here.pop();
            }
            let related = here.starts_with(module) || module.starts_with(&here);
            if !related {
                out.insert(here);
            }
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let all = modules();
    assert!(all.len() > 50, "found {} modules", all.len());
    let edges: BTreeMap<&Module, BTreeSet<Module>> = all
        .iter()
        .map(|(m, code)| (m, imports(m, code, &all)))
        .collect();
    // Depth-first search for a way back to where it started.
    let mut loops = Vec::new();
    for start in edges.keys() {
        let mut stack: Vec<(Module, Vec<Module>)> =
            vec![((*start).clone(), vec![(*start).clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == *start {
                    let names: Vec<String> = path.iter().map(|m| m.join("::")).collect();
                    loops.push(format!("{} -> {}", names.join(" -> "), start.join("::")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    loops.sort();
    loops.dedup();
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}
