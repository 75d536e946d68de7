//! Noticing that the open file changed on disk, once it has stopped changing.
//!
//! The operating system tells (`notify`: inotify, FSEvents, ReadDirectoryChanges), through
//! a debouncer that waits until the file has been quiet for [`SETTLE_FOR`], so an editor
//! or exporter still writing does not cause a load of half a file (and if it does, the
//! load fails and the dataset on screen stays). The folder is watched rather than the
//! file, so a save that replaces the file (write a copy, rename it over) is seen too.
//!
//! Where the platform gives no events — a network filesystem (NFS, SMB, sshfs), or no
//! watch could be set up — the file's size and modification time are polled instead, and
//! a change counts when two polls some time apart agree.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How often the file is looked at when polling.
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

/// How the watch learns of changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The operating system's file events.
    Events,
    /// Looking at the file every [`POLL_EVERY`].
    Polling,
}

/// What wakes the window when the operating system reports a change (so that an idle
/// window notices it without repainting on a timer).
pub type Waker = Box<dyn Fn() + Send + 'static>;

/// A waker that asks the window for a frame.
pub fn repaint(ctx: &egui::Context) -> Waker {
    let ctx = ctx.clone();
    Box::new(move || ctx.request_repaint())
}

/// Watches one file.
pub struct FileWatch {
    path: PathBuf,
    loaded: Option<Stamp>,
    how: How,
}

enum How {
    Events {
        // Kept for as long as the watch lives: dropping it stops the events.
        _debouncer: Debouncer<RecommendedWatcher>,
        events: Receiver<DebounceEventResult>,
    },
    Polling(Poll),
}

#[derive(Debug, Default)]
struct Poll {
    pending: Option<(Stamp, Instant)>,
    last_poll: Option<Instant>,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch")
            .field("path", &self.path)
            .field("method", &self.method())
            .finish_non_exhaustive()
    }
}

impl FileWatch {
    /// Starts watching `path` as it is now, by the operating system's events where its
    /// filesystem gives them, by polling otherwise; `wake` is called when an event comes.
    pub fn new(path: &Path, loaded: Option<Stamp>, wake: Waker) -> Self {
        let method = if gives_events(path) {
            Method::Events
        } else {
            Method::Polling
        };
        Self::with_method(path, loaded, method, wake)
    }

    /// Starts watching `path` by `method` (falling back to polling when the operating
    /// system refuses a watch: too many watches, a folder gone).
    pub fn with_method(path: &Path, loaded: Option<Stamp>, method: Method, wake: Waker) -> Self {
        let how = match method {
            Method::Events => events_for(path, wake).unwrap_or_else(|why| {
                log::info!(
                    "watching {} by polling: the system gives no file events ({why})",
                    path.display()
                );
                How::Polling(Poll::default())
            }),
            Method::Polling => How::Polling(Poll::default()),
        };
        Self {
            path: path.to_owned(),
            loaded,
            how,
        }
    }

    /// The watched file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How changes are learnt of.
    pub fn method(&self) -> Method {
        match self.how {
            How::Events { .. } => Method::Events,
            How::Polling(_) => Method::Polling,
        }
    }

    /// When the window should look again without being woken: polling asks for a frame
    /// every [`POLL_EVERY`]; events wake the window themselves.
    pub fn look_again_after(&self) -> Option<Duration> {
        match self.how {
            How::Events { .. } => None,
            How::Polling(_) => Some(POLL_EVERY),
        }
    }

    /// Records the stamp of what was just loaded (or failed to load).
    pub fn mark_seen(&mut self, stamp: Option<Stamp>) {
        self.loaded = stamp;
        if let How::Polling(poll) = &mut self.how {
            poll.pending = None;
        }
    }

    /// True when the file changed and has settled since it was last seen.
    pub fn poll(&mut self, now: Instant) -> bool {
        match &mut self.how {
            How::Events { events, .. } => {
                let mut touched = false;
                loop {
                    match events.try_recv() {
                        Ok(Ok(batch)) => {
                            touched |= batch.iter().any(|e| same_file(&e.path, &self.path));
                        }
                        Ok(Err(why)) => {
                            // The watch broke (its folder removed, the queue overflowed):
                            // look at the file from now on.
                            log::info!(
                                "watching {} by polling from now on: {why}",
                                self.path.display()
                            );
                            self.how = How::Polling(Poll::default());
                            return self.poll(now);
                        }
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => {
                            self.how = How::Polling(Poll::default());
                            return self.poll(now);
                        }
                    }
                }
                if !touched {
                    return false;
                }
                // Settled (the debouncer waited); a change only if the file now differs
                // from what was loaded, and is there.
                let current = Stamp::of(&self.path);
                if current.is_none() || current == self.loaded {
                    return false;
                }
                self.loaded = current;
                true
            }
            How::Polling(poll) => poll.poll(&self.path, &mut self.loaded, now),
        }
    }
}

impl Poll {
    fn poll(&mut self, path: &Path, loaded: &mut Option<Stamp>, now: Instant) -> bool {
        if self
            .last_poll
            .is_some_and(|t| now.duration_since(t) < POLL_EVERY)
        {
            return false;
        }
        self.last_poll = Some(now);
        let current = Stamp::of(path);
        if current == *loaded || current.is_none() {
            self.pending = None;
            return false;
        }
        match self.pending {
            Some((stamp, since)) if Some(stamp) == current => {
                if now.duration_since(since) >= SETTLE_FOR {
                    *loaded = current;
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

/// A debounced watch on `path`'s folder.
fn events_for(path: &Path, wake: Waker) -> Result<How, String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let (send, events) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE_FOR, move |result: DebounceEventResult| {
        // The window may be gone; then nobody listens and that is fine.
        if send.send(result).is_ok() {
            wake();
        }
    })
    .map_err(|e| e.to_string())?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    Ok(How::Events {
        _debouncer: debouncer,
        events,
    })
}

/// Whether an event's path names the watched file (events carry the folder as watched,
/// joined with the file's name).
fn same_file(event: &Path, watched: &Path) -> bool {
    event.file_name() == watched.file_name()
        && match (event.parent(), watched.parent()) {
            (Some(a), Some(b)) => {
                a == b
                    || a.canonicalize()
                        .ok()
                        .is_some_and(|a| b.canonicalize().ok() == Some(a))
            }
            _ => true,
        }
}

/// Whether the filesystem holding `path` reports changes as events: not a network
/// filesystem, where a change made on another machine raises no event here.
pub fn gives_events(path: &Path) -> bool {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    !filesystem_is_remote(folder.unwrap_or(Path::new(".")))
}

#[cfg(target_os = "linux")]
#[allow(
    clippy::useless_conversion,
    reason = "f_type is i64 on x86_64 Linux but i32 or u32 on other targets"
)]
fn filesystem_is_remote(folder: &Path) -> bool {
    rustix::fs::statfs(folder).is_ok_and(|s| is_remote_magic(i64::from(s.f_type)))
}

#[cfg(not(target_os = "linux"))]
fn filesystem_is_remote(_folder: &Path) -> bool {
    false
}

/// Linux's magic numbers (`statfs`'s `f_type`) of filesystems whose files can change on
/// another machine: NFS, SMB and CIFS, AFS, Ceph, Coda, 9P, and FUSE (sshfs and the like).
pub fn is_remote_magic(f_type: i64) -> bool {
    const REMOTE: [i64; 9] = [
        0x6969,      // NFS
        0x517B,      // SMB
        0xFF53_4D42, // CIFS
        0xFE53_4D42, // SMB2
        0x5346_414F, // AFS
        0x00C3_6400, // Ceph
        0x7375_7245, // Coda
        0x0102_1997, // 9P (v9fs)
        0x6573_5546, // FUSE
    ];
    REMOTE.contains(&(f_type & 0xFFFF_FFFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> Waker {
        Box::new(|| {})
    }

    #[test]
    fn polling_counts_a_change_once_it_has_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::with_method(&path, Stamp::of(&path), Method::Polling, quiet());
        assert_eq!(watch.method(), Method::Polling);
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
    fn polling_ignores_a_deleted_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").unwrap();
        let mut watch = FileWatch::with_method(&path, Stamp::of(&path), Method::Polling, quiet());
        std::fs::remove_file(&path).unwrap();
        let t0 = Instant::now();
        for i in 0..4 {
            assert!(!watch.poll(t0 + POLL_EVERY * i));
        }
    }

    /// Waits (in real time: the operating system and the debouncer) for the watch.
    fn changes_within(watch: &mut FileWatch, limit: Duration) -> usize {
        let start = Instant::now();
        let mut seen = 0;
        while start.elapsed() < limit {
            if watch.poll(Instant::now()) {
                seen += 1;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        seen
    }

    #[test]
    fn events_report_a_write_and_a_replacing_rename_once_each_and_wake_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.ron");
        std::fs::write(&path, "one").unwrap();
        let woken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = woken.clone();
        let mut watch = FileWatch::with_method(
            &path,
            Stamp::of(&path),
            Method::Events,
            Box::new(move || {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }),
        );
        assert_eq!(watch.method(), Method::Events, "tmpfs and ext4 give events");
        assert_eq!(watch.look_again_after(), None, "no timer: events wake");
        assert_eq!(changes_within(&mut watch, SETTLE_FOR * 2), 0, "nothing yet");

        // Written in three goes, quickly: one change, after it settles.
        for part in ["two", "two, longer", "two, longer still"] {
            std::fs::write(&path, part).unwrap();
            std::thread::sleep(Duration::from_millis(30));
        }
        assert_eq!(changes_within(&mut watch, SETTLE_FOR * 4), 1);
        assert!(woken.load(std::sync::atomic::Ordering::SeqCst) >= 1);

        // A save by rename (another file's bytes moved over it) is seen too.
        let copy = dir.path().join(".x.ron.tmp");
        std::fs::write(&copy, "three, by rename").unwrap();
        std::fs::rename(&copy, &path).unwrap();
        assert_eq!(changes_within(&mut watch, SETTLE_FOR * 4), 1);

        // Another file in the folder is not this one.
        std::fs::write(dir.path().join("other.ron"), "elsewhere").unwrap();
        assert_eq!(changes_within(&mut watch, SETTLE_FOR * 3), 0);
    }

    #[test]
    fn a_watch_that_cannot_be_set_up_polls() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("x.ron");
        let watch = FileWatch::with_method(&path, None, Method::Events, quiet());
        assert_eq!(watch.method(), Method::Polling);
        assert_eq!(watch.look_again_after(), Some(POLL_EVERY));
    }

    #[test]
    fn network_filesystems_are_polled_and_local_ones_give_events() {
        for remote in [0x6969, 0xFF53_4D42, 0x6573_5546, 0x517B] {
            assert!(is_remote_magic(remote), "{remote:#x}");
        }
        for local in [
            0xEF53,      /* ext4 */
            0x0102_1994, /* tmpfs */
            0x5846_5342, /* xfs */
        ] {
            assert!(!is_remote_magic(local), "{local:#x}");
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(gives_events(&dir.path().join("x.ron")));
    }
}
