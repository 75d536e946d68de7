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

/// Every `.rs` file of `src/`: its path from `src/` (with `/`) and its text.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Every module of `src/`, by its path, with its source (test modules and comments cut).
fn modules() -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    for (rel, text) in sources() {
        let rel = Path::new(&rel).with_extension("");
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

/// The backticked names in `text`.
fn ticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The rows of the "Rooms" table: (rooms, may import), `None` for "everything above".
fn rooms_table(map: &str) -> Vec<(Vec<String>, Option<BTreeSet<String>>)> {
    let at = map
        .find("## Rooms")
        .expect("ARCHITECTURE.md has its Rooms table");
    map[at..]
        .lines()
        .skip_while(|l| !l.starts_with("| room"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            let rooms_cell = cells[0].trim_start_matches('|').trim();
            let rooms: Vec<String> = ticked(rooms_cell.split(" (").next().unwrap())
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            let may = cells.last().unwrap().trim_end_matches('|').trim();
            let allowed = if may.starts_with("everything") {
                None
            } else {
                Some(ticked(may).iter().map(|s| (*s).to_owned()).collect())
            };
            (rooms, allowed)
        })
        .collect()
}

/// What a room's modules import from outside the room, by top-level module (or, for a
/// room like `timeline::seam`, by the sub-room where one is named in the table).
fn roads(room: &str, all: &BTreeMap<Module, String>, named: &BTreeSet<String>) -> BTreeSet<String> {
    let room_path: Module = room.split("::").map(str::to_owned).collect();
    let mut out = BTreeSet::new();
    for (module, code) in all {
        if !module.starts_with(&room_path) {
            continue;
        }
        for imported in imports(module, code, all) {
            if imported.is_empty() || imported.starts_with(&room_path) {
                continue;
            }
            // The most specific room the table names that holds it.
            let name = (1..=imported.len())
                .rev()
                .map(|n| imported[..n].join("::"))
                .find(|n| named.contains(n))
                .unwrap_or_else(|| imported[0].clone());
            if name != room {
                out.insert(name);
            }
        }
    }
    out
}

/// The map's "may import" column is what the code imports: nothing more (a road the map
/// does not show) and nothing less (a road the map shows that is gone).
#[test]
fn the_maps_roads_are_the_codes_imports() {
    let map =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    let all = modules();
    let table = rooms_table(&map);
    assert!(table.len() >= 12, "read {} rows", table.len());
    let named: BTreeSet<String> = table.iter().flat_map(|(r, _)| r.iter().cloned()).collect();
    let mut wrong = Vec::new();
    for (rooms, allowed) in &table {
        let Some(allowed) = allowed else { continue };
        let mut used = BTreeSet::new();
        for room in rooms {
            let path: Module = room.split("::").map(str::to_owned).collect();
            if !all.contains_key(&path) {
                wrong.push(format!("the room `{room}` is not a module of src/"));
                continue;
            }
            let imported = roads(room, &all, &named);
            for road in &imported {
                // A sub-room counts as its room in a row that names only the room.
                let top = road.split("::").next().unwrap_or(road);
                if !allowed.contains(road) && !allowed.contains(top) {
                    wrong.push(format!(
                        "`{room}` imports `{road}`, which its row does not list"
                    ));
                }
            }
            used.extend(
                imported
                    .iter()
                    .map(|r| r.split("::").next().unwrap_or(r).to_owned()),
            );
            used.extend(imported);
        }
        for listed in allowed {
            if !used.contains(listed) {
                wrong.push(format!(
                    "the row of {} lists `{listed}`, which none of them imports",
                    rooms.join(", ")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md's Rooms table is not the code's:\n{}",
        wrong.join("\n")
    );
}

/// Every module path, item and file the map names exists: `a::b` is a module of src/ (or
/// of a room, for the window's own `jobs::…`) and any further segment is a word in that
/// module's source; `x.rs` paths are files.
#[test]
fn everything_the_map_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let all = modules();
    let mut missing = Vec::new();
    let mut checked = 0;
    let mut files: Vec<String> = Vec::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let skip = path
                .file_name()
                .is_some_and(|n| n == "target" || n == ".git" || n == "node_modules");
            if path.is_dir() && !skip {
                dirs.push(path);
            } else if path.is_file() {
                files.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    // Names in backticks in the prose, and paths in the fenced drawings.
    let mut prose = String::new();
    let mut drawn: Vec<String> = Vec::new();
    for (i, part) in map.split("```").enumerate() {
        if i % 2 == 0 {
            prose.push_str(part);
        } else {
            drawn.extend(
                part.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .filter(|w| w.contains("::"))
                    .map(str::to_owned),
            );
        }
    }
    let names: Vec<String> = ticked(&prose)
        .iter()
        .map(|s| (*s).to_owned())
        .chain(drawn)
        .collect();
    // Types by the module that defines them, for `Type::item`.
    let defines = |ty: &str| -> Vec<&Module> {
        all.iter()
            .filter(|(_, code)| {
                ["struct", "enum", "trait", "type"]
                    .iter()
                    .any(|k| code.contains(&format!("{k} {ty}")))
            })
            .map(|(m, _)| m)
            .collect()
    };
    let word_in = |module: &Module, word: &str| -> bool {
        all.iter()
            .filter(|(m, _)| m.starts_with(module))
            .any(|(_, code)| {
                code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(|w| w == word)
            })
    };
    for name in &names {
        let name = name.trim_end_matches("()");
        if name.ends_with(".rs") || name.ends_with(".sh") || name.ends_with(".md") {
            checked += 1;
            // A path from the checkout, from src/, or a file named in its room's prose
            // (`input.rs` among the timeline widget's): some file of the tree ends so.
            let found = [root.join(name), root.join("src").join(name)]
                .iter()
                .any(|p| p.is_file())
                || files.iter().any(|f| f.ends_with(&format!("/{name}")));
            if !found {
                missing.push(format!("the file `{name}`"));
            }
            continue;
        }
        if !name.contains("::")
            || !name
                .split("::")
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            continue;
        }
        checked += 1;
        let segs: Vec<&str> = name.split("::").collect();
        let resolves = |base: &[String]| -> bool {
            let mut path: Module = base.to_vec();
            let mut rest = segs.as_slice();
            while let Some((first, tail)) = rest.split_first() {
                let mut longer = path.clone();
                longer.push((*first).to_owned());
                if all.contains_key(&longer) {
                    path = longer;
                    rest = tail;
                } else {
                    break;
                }
            }
            if path.len() == base.len() {
                return false;
            }
            // An item in the module (or its children): the word is in its source.
            rest.first().is_none_or(|item| {
                all.iter()
                    .filter(|(m, _)| m.starts_with(&path))
                    .any(|(_, code)| {
                        code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .any(|w| w == *item)
                    })
            })
        };
        // Relative to a room (`jobs::…` in the window's section), or to a room's room
        // (`ron::split` in load's).
        let bases: Vec<Module> = all.keys().filter(|m| m.len() <= 2).cloned().collect();
        let by_type = segs
            .first()
            .is_some_and(|ty| ty.starts_with(|c: char| c.is_ascii_uppercase()))
            && defines(segs[0])
                .iter()
                .any(|m| segs.get(1).is_none_or(|item| word_in(m, item)));
        if !by_type && !bases.iter().any(|b| resolves(b)) {
            missing.push(format!("`{name}`"));
        }
    }
    assert!(checked > 50, "checked {checked} names");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names what is not there:\n{}",
        missing.join("\n")
    );
}

/// Every source file over 500 lines is named, with its reason, under "Files longer than
/// 500 lines".
/// The section of `map` under `heading`, to the next heading of its level.
fn section<'a>(map: &'a str, heading: &str) -> &'a str {
    let at = map.find(heading).expect("the section");
    let section = &map[at..];
    &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)]
}

#[test]
fn every_long_file_is_named_with_its_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let section = section(&map, "## Files longer than 500 lines");
    let named: BTreeSet<&str> = ticked(section).into_iter().collect();
    let mut unnamed = Vec::new();
    for (rel, text) in sources() {
        let lines = text.lines().count();
        if lines > 500 && !named.contains(rel.as_str()) {
            unnamed.push(format!("{rel} ({lines} lines)"));
        }
    }
    unnamed.sort();
    assert!(
        unnamed.is_empty(),
        "files over 500 lines that ARCHITECTURE.md does not name:\n{}",
        unnamed.join("\n")
    );
}

/// Every function of `src/` longer than 150 lines (outside test code) as `file: name`,
/// with its length. Lengths are counted from the `fn` line to its closing brace, braces
/// in character literals aside.
fn long_functions() -> Vec<(String, usize)> {
    let mut long = Vec::new();
    for (rel, text) in sources() {
        let text = text.split("\n#[cfg(test)]").next().unwrap_or("");
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.replace("'{'", "").replace("'}'", ""))
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let mut words = line.split_whitespace().peekable();
            while words
                .peek()
                .is_some_and(|w| w.starts_with("pub") || *w == "const" || *w == "async")
            {
                words.next();
            }
            if words.next() != Some("fn") {
                continue;
            }
            let Some(name) = words.next().map(|w| {
                w.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")
                    .to_owned()
            }) else {
                continue;
            };
            let (mut depth, mut opened) = (0i32, false);
            for (j, l) in lines.iter().enumerate().skip(i) {
                if !opened && l.trim_end().ends_with(';') {
                    break;
                }
                for c in l.chars() {
                    match c {
                        '{' => (depth, opened) = (depth + 1, true),
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if opened && depth == 0 {
                    if j - i + 1 > 150 {
                        long.push((format!("{rel}: {name}"), j - i + 1));
                    }
                    break;
                }
            }
        }
    }
    long.sort();
    long
}

#[test]
fn every_long_function_is_named_with_its_reason() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let section = section(&map, "## Functions longer than 150 lines");
    let named: BTreeSet<&str> = ticked(section).into_iter().collect();
    let long = long_functions();
    let unnamed: Vec<String> = long
        .iter()
        .filter(|(f, _)| !named.contains(f.as_str()))
        .map(|(f, n)| format!("{f} ({n} lines)"))
        .collect();
    assert!(
        unnamed.is_empty(),
        "functions over 150 lines that ARCHITECTURE.md does not name:\n{}",
        unnamed.join("\n")
    );
    // And the section names no function that is no longer long (it would drift).
    let stale: Vec<&&str> = named
        .iter()
        .filter(|n| n.contains(": ") && !long.iter().any(|(f, _)| f == *n))
        .collect();
    assert!(
        stale.is_empty(),
        "ARCHITECTURE.md names functions that are not over 150 lines: {stale:?}"
    );
}
