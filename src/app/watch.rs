//! Noticing that the open file changed on disk, once it has stopped changing.
//!
//! Polls the file's size and modification time; a change triggers a reload only when two
//! polls some time apart agree, so an editor or exporter still writing does not cause a
//! load of half a file (and if it does, the load fails and the dataset on screen stays).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often the file is looked at.
pub const POLL_EVERY: Duration = Duration::from_millis(400);

/// How long a change must hold before it counts.
pub const SETTLE_FOR: Duration = Duration::from_millis(350);

/// Size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    /// The file's current stamp, or `None` if it cannot be read (deleted, moved).
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// Watches one file.
#[derive(Debug)]
pub struct FileWatch {
    path: PathBuf,
    loaded: Option<Stamp>,
    pending: Option<(Stamp, Instant)>,
    last_poll: Option<Instant>,
}

impl FileWatch {
    /// Starts watching `path` as it is now.
    pub fn new(path: &Path, loaded: Option<Stamp>) -> Self {
        Self {
            path: path.to_owned(),
            loaded,
            pending: None,
            last_poll: None,
        }
    }

    /// The watched file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records the stamp of what was just loaded (or failed to load).
    pub fn mark_seen(&mut self, stamp: Option<Stamp>) {
        self.loaded = stamp;
        self.pending = None;
    }

    /// Looks at the file if it is time; true when it changed and has settled.
    pub fn poll(&mut self, now: Instant) -> bool {
        if self
            .last_poll
            .is_some_and(|t| now.duration_since(t) < POLL_EVERY)
        {
            return false;
        }
        self.last_poll = Some(now);
        let current = Stamp::of(&self.path);
        if current == self.loaded || current.is_none() {
            self.pending = None;
            return false;
        }
        match self.pending {
            Some((stamp, since)) if Some(stamp) == current => {
                if now.duration_since(since) >= SETTLE_FOR {
                    self.loaded = current;
                    self.pending = None;
                    true
                } else {
                    false
                }
            }
            _ => {
                self.pending = current.map(|s| (s, now));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_counts_once_it_has_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::new(&path, Stamp::of(&path));
        let t0 = Instant::now();
        assert!(!watch.poll(t0), "nothing changed");
        std::fs::write(&path, "two, longer").unwrap();
        let t1 = t0 + POLL_EVERY;
        assert!(!watch.poll(t1), "first sight of a change: wait");
        std::fs::write(&path, "three, longer still").unwrap();
        let t2 = t1 + POLL_EVERY;
        assert!(!watch.poll(t2), "still being written: wait again");
        let t3 = t2 + POLL_EVERY;
        assert!(watch.poll(t3), "stable for a poll: reload");
        assert!(!watch.poll(t3 + POLL_EVERY), "and only once");
    }

    #[test]
    fn a_deleted_file_does_not_trigger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::new(&path, Stamp::of(&path));
        std::fs::remove_file(&path).unwrap();
        let t0 = Instant::now();
        for i in 0..4 {
            assert!(!watch.poll(t0 + POLL_EVERY * i));
        }
    }
}
