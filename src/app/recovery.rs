//! The recovery file: unsaved edits written to the user's state folder a few seconds
//! after the last one, so that a crash or a killed process loses at most those seconds.
//! The next start offers to restore them, naming the dataset and the time.
//!
//! One file in the folder, `recovery.ron`, written atomically: two comment lines (the
//! file the edits belong to, or nothing for a new dataset, and when they were written)
//! before the dataset in canonical form. One file, so that a process killed while
//! writing leaves the edits and their file together or not at all. (Claimline before
//! 2026-12-08 wrote the first two lines to `recovery.about`; such a pair is still read.)

use std::path::{Path, PathBuf};

/// Seconds after the last edit before the recovery file is written.
pub const DELAY_SECS: f64 = 2.0;

/// The user's state folder for Claimline: `$XDG_STATE_HOME/claimline`, or
/// `~/.local/state/claimline`; elsewhere than Linux, eframe's storage folder.
pub fn state_dir() -> Option<PathBuf> {
    if cfg!(target_os = "linux") {
        if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir).join("claimline"));
        }
        if let Some(home) = std::env::var_os("HOME") {
            return Some(PathBuf::from(home).join(".local/state/claimline"));
        }
    }
    eframe::storage_dir("claimline")
}

/// Unsaved edits found at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The dataset's file, or `None` for a dataset never saved.
    pub origin: Option<PathBuf>,
    /// When the edits were written, as local time ("2026-11-26 05:40").
    pub written: String,
    /// The dataset, as RON.
    pub text: String,
}

fn files(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("recovery.ron"), dir.join("recovery.about"))
}

/// The header's first line starts with this, followed by the dataset's file.
const ORIGIN: &str = "// origin: ";
/// The header's second line starts with this, followed by when it was written.
const WRITTEN: &str = "// written: ";

/// Writes the edits of the dataset from `origin` (atomically, header and dataset in one
/// file).
pub fn write(dir: &Path, origin: Option<&Path>, text: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (data, about) = files(dir);
    let when = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    // A line end in a file's name would end the header's line early.
    let origin = origin
        .map(|p| p.display().to_string().replace(['\n', '\r'], " "))
        .unwrap_or_default();
    let whole = format!("{ORIGIN}{origin}\n{WRITTEN}{when}\n{text}");
    crate::files::write_atomically(&data, whole.as_bytes())?;
    // An older Claimline's second file would only mislead it.
    match std::fs::remove_file(&about) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// The edits left by a session that did not end, if any.
pub fn read(dir: &Path) -> Option<Found> {
    let (data, about) = files(dir);
    let text = std::fs::read_to_string(data).ok()?;
    if let Some(rest) = text.strip_prefix(ORIGIN) {
        let (origin, rest) = rest.split_once('\n')?;
        let (written, dataset) = rest.strip_prefix(WRITTEN)?.split_once('\n')?;
        return Some(Found {
            origin: Some(origin).filter(|o| !o.is_empty()).map(PathBuf::from),
            written: written.to_owned(),
            text: dataset.to_owned(),
        });
    }
    let about = std::fs::read_to_string(about).ok()?;
    let mut lines = about.lines();
    let origin = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
    let written = lines.next().unwrap_or("").to_owned();
    Some(Found {
        origin,
        written,
        text,
    })
}

/// Removes the recovery files (the edits were saved or thrown away).
pub fn remove(dir: &Path) {
    let (data, about) = files(dir);
    for file in [about, data] {
        if let Err(e) = std::fs::remove_file(&file)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            log::warn!("could not remove {}: {e}", file.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_written_are_found_and_removed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let state = dir.path().join("state");
        assert_eq!(read(&state), None);
        write(&state, Some(Path::new("/data/story.ron")), "(schema: 1)")
            .unwrap_or_else(|e| panic!("{e}"));
        let found = read(&state).unwrap_or_else(|| panic!("found"));
        assert_eq!(found.origin.as_deref(), Some(Path::new("/data/story.ron")));
        assert_eq!(found.text, "(schema: 1)");
        assert!(found.written.starts_with("20"), "{}", found.written);
        write(&state, None, "(schema: 1)").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&state).and_then(|f| f.origin), None);
        remove(&state);
        assert_eq!(read(&state), None);
    }

    /// The edits and the file they belong to are one write: whatever a killed process
    /// left, the file named is the one the edits were made to.
    #[test]
    fn edits_and_their_file_are_one_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let state = dir.path().join("state");
        write(&state, Some(Path::new("/data/a.ron")), "(schema: 1)")
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = std::fs::read_dir(&state)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, ["recovery.ron"], "one file");
        let (data, about) = files(&state);
        let text = std::fs::read_to_string(&data).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.starts_with("// origin: /data/a.ron\n// written: 20"),
            "{text}"
        );
        // An older Claimline's pair of files is still read, and the next write drops
        // its second file, which would otherwise name the wrong dataset.
        std::fs::write(&data, "(schema: 1, title: \"old\")").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&about, "/data/old.ron\n2026-11-26 05:40:00\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let found = read(&state).unwrap_or_else(|| panic!("found"));
        assert_eq!(found.origin.as_deref(), Some(Path::new("/data/old.ron")));
        assert_eq!(found.written, "2026-11-26 05:40:00");
        assert_eq!(found.text, "(schema: 1, title: \"old\")");
        write(&state, Some(Path::new("/data/b\nc.ron")), "(schema: 2)")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!about.exists());
        let found = read(&state).unwrap_or_else(|| panic!("found"));
        assert_eq!(found.origin.as_deref(), Some(Path::new("/data/b c.ron")));
        assert_eq!(found.text, "(schema: 2)");
    }
}
