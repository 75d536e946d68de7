//! Opening a table through a query engine, on a worker: how (a [`BigOpener`], which the
//! command line or a form hands the app), what it gives (a [`BigOpened`]: the document
//! standing for the table, its first view and what answers), and the job waiting for it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use super::jobs::{answered, on_worker};
use crate::load::Diagnostic;
use crate::timeline::seam::TimelineData;
use crate::timeline::{Derived, Document, TableAsk};

/// A table opened through an engine: the document standing for it (no events: its
/// title, the kinds it holds), its view (span, axis, overview) and the data that answers.
pub struct BigOpened {
    /// A document with no events, standing for the table.
    pub doc: Document,
    /// Its span, axis and overview, from the engine's counts.
    pub derived: Derived,
    /// What answers the timeline's questions.
    pub data: Arc<dyn TimelineData>,
    /// What is open, and on which engine (for the status bar).
    pub describe: String,
    /// What was found wrong on opening and worked around (companion files ignored).
    pub warnings: Vec<String>,
}

/// Opens the table with a filter applied to every answer, in the lanes asked for: what
/// it says when it cannot.
pub type BigOpener = Arc<dyn Fn(&TableAsk) -> Result<BigOpened, Diagnostic> + Send + Sync>;

/// A table to open through an engine on start: its path (for the window) and how.
pub struct BigStart {
    /// The table (a Parquet file or a folder of them).
    pub path: PathBuf,
    /// How to open it.
    pub opener: BigOpener,
}

/// An opening (or an opening again, with another filter) running on a worker.
pub struct BigOpenJob {
    /// What is being opened.
    pub path: PathBuf,
    /// The filter and lanes it is opened with.
    pub ask: TableAsk,
    /// The opener, kept for the next filter.
    pub opener: BigOpener,
    rx: Receiver<Result<BigOpened, Diagnostic>>,
}

impl BigOpenJob {
    /// Starts opening on a worker thread; the window draws again when it is done.
    pub fn spawn(ctx: &egui::Context, path: PathBuf, opener: BigOpener, ask: TableAsk) -> Self {
        let worker_opener = Arc::clone(&opener);
        let worker_ask = ask.clone();
        let rx = on_worker(ctx, "engine-open", move || worker_opener(&worker_ask)).unwrap_or_else(
            |why| {
                let (tx, failed) = channel();
                let _ = tx.send(Err(Diagnostic::error(why)));
                failed
            },
        );
        Self {
            path,
            ask,
            opener,
            rx,
        }
    }

    /// The result, once there is one.
    pub fn poll(&self) -> Option<Result<BigOpened, Diagnostic>> {
        answered(&self.rx).map(|answer| answer.unwrap_or_else(|why| Err(Diagnostic::error(why))))
    }
}

/// How to open the table at `path` through `engine` (DataFusion here, or a Ballista
/// cluster).
#[cfg(feature = "engine")]
pub fn engine_opener(path: PathBuf, engine: crate::engine::queries::Engine) -> BigOpener {
    use crate::engine::queries::EngineData;
    Arc::new(move |ask: &TableAsk| {
        let data = EngineData::open(&path, engine.clone(), ask).map_err(|e| {
            let mut problem = Diagnostic::error(e.to_string());
            problem.help = Some(e.help(&path));
            problem
        })?;
        let (doc, derived) = crate::engine::shell::shell(&data, &path, &ask.filter)
            .map_err(|e| Diagnostic::error(e.to_string()))?;
        let describe = data.describe();
        Ok(BigOpened {
            doc,
            derived,
            warnings: data.warnings().to_vec(),
            data: Arc::new(data),
            describe,
        })
    })
}
