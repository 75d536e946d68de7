//! Reading a big table on every core: one thread reads the file (decompressing it if
//! gzipped) and cuts it into chunks of whole records; workers turn chunks into rows in
//! parallel; the calling thread merges them in file order. The file is never held whole
//! in memory: at most a few chunks are in flight.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use super::cells;
use super::rows::{self, ChunkRows, Plan};
use crate::english::human_bytes;
use crate::load::diagnostic::{Diagnostic, LoadError};
use crate::progress::Progress;

/// Bytes per chunk handed to a worker.
pub const CHUNK_BYTES: usize = 4 << 20;

/// A record longer than this is taken for a quote that is never closed.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// A chunk of whole records, or why reading stopped.
enum Work {
    Chunk { index: usize, bytes: Vec<u8> },
    Failed { index: usize, error: LoadError },
}

/// A worker's answer.
enum Done {
    Rows(Box<ChunkRows>),
    Failed { index: usize, error: LoadError },
}

impl Done {
    fn index(&self) -> usize {
        match self {
            Self::Rows(rows) => rows.index,
            Self::Failed { index, .. } => *index,
        }
    }
}

/// Counts the bytes read from the file (before decompression), for the progress bar.
pub struct Counting<R> {
    inner: R,
    progress: Option<Progress>,
    read: u64,
}

impl<R: Read> Counting<R> {
    /// Wraps `inner`.
    pub fn new(inner: R, progress: Option<&Progress>) -> Self {
        Self {
            inner,
            progress: progress.cloned(),
            read: 0,
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(p) = &self.progress {
            p.set_done(self.read);
        }
        Ok(n)
    }
}

/// Reads every row of `input` (whose text is at most `limit` bytes) with `workers`
/// threads, handing each chunk's rows to `merge` in file order.
pub fn read_rows(
    input: Box<dyn Read + Send + '_>,
    plan: &Plan,
    limit: u64,
    workers: usize,
    file: &Path,
    mut merge: impl FnMut(&mut ChunkRows) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let workers = workers.max(1);
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(workers * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers * 2);
    // Chunk buffers go back to the reader once read, so that their pages are reused.
    let (spare_tx, spare_rx) = mpsc::channel::<Vec<u8>>();
    // And merged rows go back to the workers, for the same reason.
    let (used_tx, used_rx) = mpsc::channel::<Box<ChunkRows>>();
    let used_rx = Mutex::new(used_rx);
    let no_thread = |e: std::io::Error| {
        LoadError::single(
            file,
            Diagnostic::error(format!("cannot start a thread to read the table: {e}")).with_help(
                "the system is short of memory or threads; close other programs and try again",
            ),
        )
    };
    std::thread::scope(|scope| {
        let stop = &stop;
        let mut started = 0;
        for _ in 0..workers {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let spare_tx = spare_tx.clone();
            let used_rx = &used_rx;
            let spawned = std::thread::Builder::new()
                .name("table-rows".into())
                .spawn_scoped(scope, move || {
                    loop {
                        let next = match work_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok(work) = next else {
                            return;
                        };
                        let done = match work {
                            Work::Chunk { index, bytes } => {
                                if stop.load(Ordering::Relaxed) {
                                    continue;
                                }
                                let mut rows = used_rx
                                    .lock()
                                    .ok()
                                    .and_then(|rx| rx.try_recv().ok())
                                    .unwrap_or_default();
                                rows::read_chunk_into(plan, index, &bytes, index == 0, &mut rows);
                                let _ = spare_tx.send(bytes);
                                Done::Rows(rows)
                            }
                            Work::Failed { index, error } => Done::Failed { index, error },
                        };
                        if done_tx.send(done).is_err() {
                            return;
                        }
                    }
                });
            match spawned {
                Ok(_) => started += 1,
                Err(e) if started == 0 => {
                    stop.store(true, Ordering::Relaxed);
                    return Err(no_thread(e));
                }
                Err(_) => break,
            }
        }
        // The reader starts once the workers are there to take its chunks (were it to
        // fail, its channel closes and they stop).
        std::thread::Builder::new()
            .name("table-read".into())
            .spawn_scoped(scope, move || {
                cut(
                    input,
                    plan.dialect.quoting,
                    limit,
                    file,
                    stop,
                    &work_tx,
                    &spare_rx,
                );
            })
            .map_err(no_thread)?;
        drop(done_tx);
        drop(spare_tx);
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0usize;
        let mut result = Ok(());
        for done in done_rx.iter() {
            if result.is_err() {
                // Drain, so that no worker blocks on a full channel.
                continue;
            }
            pending.insert(done.index(), done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                let step = match done {
                    Done::Rows(mut rows) => {
                        let step = merge(&mut rows);
                        let _ = used_tx.send(rows);
                        step
                    }
                    Done::Failed { error, .. } => Err(error),
                };
                if let Err(e) = step {
                    stop.store(true, Ordering::Relaxed);
                    result = Err(e);
                    pending.clear();
                    break;
                }
            }
        }
        result
    })
}

/// The reading thread: fills chunks, cuts each after its last whole record, and sends
/// them; stops at the end, on a read error, past `limit`, or when told to.
fn cut(
    mut input: Box<dyn Read + Send + '_>,
    quoting: bool,
    limit: u64,
    file: &Path,
    stop: &AtomicBool,
    work: &mpsc::SyncSender<Work>,
    spare: &mpsc::Receiver<Vec<u8>>,
) {
    let mut index = 0;
    let mut carry: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    let fail = |index: usize, error: LoadError| {
        let _ = work.send(Work::Failed { index, error });
    };
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let mut buf = spare.try_recv().unwrap_or_default();
        let got = match fill(&mut input, &mut buf, &mut carry) {
            Ok(n) => n as u64,
            Err(e) => {
                fail(index, crate::load::read::read_error(&e, file));
                return;
            }
        };
        let eof = got < CHUNK_BYTES as u64;
        total += got;
        if total > limit {
            fail(
                index,
                LoadError::single(
                    file,
                    Diagnostic::error(format!(
                        "the table is too large: over {} of text",
                        human_bytes(limit)
                    ))
                    .with_help("split the table into smaller files"),
                ),
            );
            return;
        }
        if eof {
            if !buf.is_empty() {
                let _ = work.send(Work::Chunk { index, bytes: buf });
            }
            return;
        }
        match cells::last_record_end(&buf, quoting) {
            Some(end) => {
                carry.extend_from_slice(&buf[end..]);
                buf.truncate(end);
            }
            None if buf.len() > MAX_RECORD_BYTES => {
                // No record ends in 64 MiB: a quote is open. The worker finds it.
            }
            None => {
                carry = buf;
                continue;
            }
        }
        if work.send(Work::Chunk { index, bytes: buf }).is_err() {
            return;
        }
        index += 1;
    }
}

/// Makes `buf` the `carry` followed by up to [`CHUNK_BYTES`] read from `input` (fewer
/// only at the end of the input); returns how many were read. A buffer handed back by a
/// worker is written over where it was already initialized, so that only the part it
/// never had is zeroed (`read_to_end` zeroes the whole spare capacity of every chunk).
fn fill(input: &mut dyn Read, buf: &mut Vec<u8>, carry: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = carry.len();
    let want = start + CHUNK_BYTES;
    if buf.len() < want {
        buf.resize(want, 0);
    }
    buf[..start].copy_from_slice(carry);
    carry.clear();
    let mut filled = start;
    while filled < want {
        match input.read(&mut buf[filled..want]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(filled);
    Ok(filled - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out a few bytes at a time and is interrupted now and then, as
    /// a pipe or a decompressor may be.
    struct Trickle<'a> {
        data: &'a [u8],
        calls: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(self.data.len()).min(7);
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_reused_buffer_holds_the_carry_and_the_next_bytes_only() {
        let text: Vec<u8> = (0..CHUNK_BYTES + 100).map(|i| (i % 251) as u8).collect();
        let mut input = Trickle {
            data: &text,
            calls: 0,
        };
        // A buffer back from a worker, longer than what comes next and full of old bytes.
        let mut buf = vec![b'x'; CHUNK_BYTES + 500];
        let mut carry = b"carried".to_vec();
        let got = fill(&mut input, &mut buf, &mut carry).unwrap();
        assert_eq!(
            got, CHUNK_BYTES,
            "a whole chunk despite short and interrupted reads"
        );
        assert!(carry.is_empty());
        assert_eq!(&buf[..7], b"carried");
        assert_eq!(&buf[7..], &text[..CHUNK_BYTES]);
        // The rest of the input: fewer bytes than a chunk, which tells the end.
        let got = fill(&mut input, &mut buf, &mut carry).unwrap();
        assert_eq!(got, 100);
        assert_eq!(buf, &text[CHUNK_BYTES..]);
    }
}
