//! Work done off the UI thread: loading a dataset (read, parse, validate, index),
//! re-filtering a large one, and any question asked on a worker ([`on_worker`]). The window keeps drawing meanwhile and swaps in a result
//! only when it is complete.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::load::{LoadError, LoadOptions};
use crate::progress::Progress;
use crate::timeline::{Derived, Document, Filter, LaneMode, Origin};

/// Why a load was started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadReason {
    /// The user opened a file (dialog, drop, recent, command line).
    Open,
    /// The user asked to reload.
    Reload,
    /// The file changed on disk.
    Changed,
}

/// What a finished load found.
pub enum Loaded {
    /// The document and its first filtered view.
    Document(Arc<Document>, Box<Derived>),
    /// A table `claimline convert` wrote: it is read through the engine, never loaded
    /// (found on the worker, which reads the Parquet footer).
    #[cfg(feature = "engine")]
    Converted,
}

/// A finished load.
pub type LoadResult = Result<Loaded, LoadError>;

/// A load in progress.
#[derive(Debug)]
pub struct LoadJob {
    /// The file being loaded.
    pub path: PathBuf,
    /// Why.
    pub reason: LoadReason,
    /// How far it has got.
    pub progress: Progress,
    /// When it started.
    pub started: Instant,
    rx: Receiver<LoadResult>,
}

impl LoadJob {
    /// Starts loading `path` on a worker thread; the first view uses `filter` and `mode`.
    pub fn spawn(
        ctx: &egui::Context,
        path: PathBuf,
        reason: LoadReason,
        filter: Filter,
        mode: LaneMode,
        mapping: crate::load::table::MappingSpec,
    ) -> Self {
        let (tx, rx) = channel();
        let progress = Progress::default();
        let worker_progress = progress.clone();
        let worker_path = path.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let started = Instant::now();
                #[cfg(feature = "engine")]
                if reason == LoadReason::Open
                    && (crate::engine::queries::is_converted(&worker_path)
                        || crate::engine::store::is_remote(&worker_path))
                {
                    let _ = tx.send(Ok(Loaded::Converted));
                    ctx.request_repaint();
                    return;
                }
                let options = LoadOptions {
                    mapping,
                    ..LoadOptions::default()
                };
                let result = crate::load::load_file(&worker_path, options, Some(&worker_progress))
                .map(|loaded| {
                    let loaded_at = started.elapsed();
                    let doc = Document::new(loaded, Origin::File(worker_path.clone()));
                    let indexed_at = started.elapsed();
                    // An opened file gets the lanes that suit it; a reload keeps the
                    // user's.
                    let mode = match reason {
                        LoadReason::Open => mode.for_document(&doc),
                        LoadReason::Reload | LoadReason::Changed => mode,
                    };
                    let derived = Derived::compute(&doc, &filter, mode);
                    log::info!(
                        "loaded {} ({} events): read, parsed and validated in {loaded_at:.2?}, indexed by {indexed_at:.2?}, in lanes by {:.2?}",
                        worker_path.display(),
                        doc.dataset.events.len(),
                        started.elapsed()
                    );
                    Loaded::Document(Arc::new(doc), Box::new(derived))
                });
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the loading thread: {e}");
        }
        Self {
            path,
            reason,
            progress,
            started: Instant::now(),
            rx,
        }
    }

    /// The result, once the load has finished.
    pub fn poll(&self) -> Option<LoadResult> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(LoadError::single(
                &self.path,
                crate::load::Diagnostic::error("loading stopped unexpectedly (see the log)"),
            ))),
        }
    }
}

/// Documents with at most this many events are re-filtered on the UI thread: it takes
/// well under a frame, and the result shows at once.
pub const FILTER_INLINE_MAX_EVENTS: usize = 20_000;

/// A re-filter in progress.
#[derive(Debug)]
pub struct DeriveJob {
    /// What it computes.
    pub filter: Filter,
    /// The lane mode it computes.
    pub mode: LaneMode,
    /// Which document (of those the app has shown) it filters.
    pub generation: u64,
    rx: Receiver<Derived>,
}

impl DeriveJob {
    /// Starts filtering `doc` on a worker thread.
    pub fn spawn(
        ctx: &egui::Context,
        doc: Arc<Document>,
        filter: Filter,
        mode: LaneMode,
        generation: u64,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let worker_filter = filter.clone();
        let spawned = std::thread::Builder::new()
            .name("filter".into())
            .spawn(move || {
                let derived = Derived::compute(&doc, &worker_filter, mode);
                // Let go of the document before the window hears of it, so an edit made
                // then changes it in place.
                drop(doc);
                let _ = tx.send(derived);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the filtering thread: {e}");
        }
        Self {
            filter,
            mode,
            generation,
            rx,
        }
    }

    /// The result, once ready.
    pub fn poll(&self) -> Option<Derived> {
        self.rx.try_recv().ok()
    }
}

/// Indexing an edited document again (time order, facets, disputes) on a worker.
#[derive(Debug)]
pub struct ReindexJob {
    /// Which document (of those the app has shown) it indexes.
    pub generation: u64,
    rx: Receiver<crate::timeline::DocumentIndex>,
}

impl ReindexJob {
    /// Starts indexing `doc`'s dataset on a worker thread.
    pub fn spawn(ctx: &egui::Context, doc: Arc<Document>, generation: u64) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("reindex".into())
            .spawn(move || {
                let index = crate::timeline::DocumentIndex::of(&doc.dataset);
                drop(doc);
                let _ = tx.send(index);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the indexing thread: {e}");
        }
        Self { generation, rx }
    }

    /// The index, once ready.
    pub fn poll(&self) -> Option<crate::timeline::DocumentIndex> {
        self.rx.try_recv().ok()
    }
}

/// Saving a large dataset on a worker.
#[derive(Debug)]
pub struct SaveJob {
    /// Where it is saved.
    pub path: PathBuf,
    /// How many edits the saved dataset holds (the undo depth when the save started).
    pub depth: usize,
    rx: Receiver<anyhow::Result<()>>,
}

impl SaveJob {
    /// Starts writing `doc`'s dataset to `path` (atomically) on a worker thread.
    pub fn spawn(
        ctx: &egui::Context,
        doc: Arc<Document>,
        comments: crate::save::Comments,
        path: PathBuf,
        depth: usize,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("save".into())
            .spawn(move || {
                let text = crate::save::canonical(&doc.dataset, &comments);
                drop(doc);
                let _ = tx.send(crate::files::write_atomically(&target, text.as_bytes()));
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the saving thread: {e}");
        }
        Self { path, depth, rx }
    }

    /// How it went, once done.
    pub fn poll(&self) -> Option<anyhow::Result<()>> {
        self.rx.try_recv().ok()
    }
}

/// Publishing (a web page, or the data in another format) on a worker.
#[derive(Debug)]
pub struct PublishJob {
    /// Where it is written.
    pub path: PathBuf,
    rx: Receiver<anyhow::Result<String>>,
}

impl PublishJob {
    /// Starts building `what` from `doc` and writing it to `path` (atomically); the
    /// answer says what was written. Web Annotations look for the sources' texts in
    /// `corpus` (the dataset's folder).
    pub fn spawn(
        ctx: &egui::Context,
        doc: Arc<Document>,
        what: crate::publish::Published,
        path: PathBuf,
        corpus: Option<PathBuf>,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("publish".into())
            .spawn(move || {
                let metrics = crate::timeline::metrics::FontMetrics::new();
                let size = (1280.0, 800.0);
                let result = if what == crate::publish::Published::Page {
                    // A page says what it could not carry, as `claimline publish` does.
                    crate::publish::formats::page(&doc, size, &metrics).and_then(|page| {
                        crate::files::write_atomically(&target, page.html.as_bytes())?;
                        let mut said = what.describe(&doc);
                        for note in &page.left_out {
                            said.push_str("; ");
                            said.push_str(note);
                        }
                        Ok(said)
                    })
                } else {
                    what.build(&doc, size, &metrics, corpus.as_deref(), "")
                        .and_then(|bytes| crate::files::write_atomically(&target, &bytes))
                        .map(|()| what.describe(&doc))
                };
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the publishing thread: {e}");
        }
        Self { path, rx }
    }

    /// How it went, once done: what was written, or why not.
    pub fn poll(&self) -> Option<anyhow::Result<String>> {
        self.rx.try_recv().ok()
    }
}

/// Runs `work` on a worker thread named `name`; the window draws again when it has
/// answered. `Err`: why the thread could not start.
pub(super) fn on_worker<T: Send + 'static>(
    ctx: &egui::Context,
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Receiver<T>, String> {
    let (tx, rx) = channel();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(work());
            ctx.request_repaint();
        })
        .map(|_| rx)
        .map_err(|e| format!("could not start a worker thread: {e}"))
}

/// A worker's answer once there is one; `Err` when it stopped without answering.
pub(super) fn answered<T>(rx: &Receiver<T>) -> Option<Result<T, String>> {
    match rx.try_recv() {
        Ok(answer) => Some(Ok(answer)),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => Some(Err(
            "the engine's worker stopped without an answer".to_owned(),
        )),
    }
}
