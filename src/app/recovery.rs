//! The recovery file: unsaved edits written to the user's state folder a few seconds
//! after the last one, so that a crash or a killed process loses at most those seconds.
//! The next start offers to restore them, naming the dataset and the time.
//!
//! Two files in the folder: `recovery.ron` (the dataset in canonical form) and
//! `recovery.about` (the file it belongs to, or nothing for a new dataset, and when it
//! was written). Each is written atomically, the dataset first.

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

/// Writes the edits of the dataset from `origin` (atomically).
pub fn write(dir: &Path, origin: Option<&Path>, text: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (data, about) = files(dir);
    crate::files::write_atomically(&data, text.as_bytes())?;
    let when = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    let origin = origin.map(|p| p.display().to_string()).unwrap_or_default();
    crate::files::write_atomically(&about, format!("{origin}\n{when}\n").as_bytes())
}

/// The edits left by a session that did not end, if any.
pub fn read(dir: &Path) -> Option<Found> {
    let (data, about) = files(dir);
    let text = std::fs::read_to_string(data).ok()?;
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
}
