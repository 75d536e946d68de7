//! How far a long job (a load) has got, shared between the thread doing it and the
//! window showing it. A leaf: the model, the loaders and the app all use it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// The step a load is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Not started.
    Waiting,
    /// Reading bytes from disk.
    Reading,
    /// Parsing RON.
    Parsing,
    /// Validating and indexing.
    Checking,
}

impl Stage {
    /// Sentence-case label for a progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Waiting => "Waiting",
            Self::Reading => "Reading",
            Self::Parsing => "Parsing",
            Self::Checking => "Checking",
        }
    }
}

/// Progress of one load: a stage and how much of it is done. A cheap handle to shared
/// lock-free counters; the loader writes, the UI reads.
#[derive(Debug, Default, Clone)]
pub struct Progress(Arc<Counters>);

#[derive(Debug, Default)]
struct Counters {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Enters a stage with `total` units of work (0 when unknown).
    pub fn start(&self, stage: Stage, total: u64) {
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(total, Ordering::Relaxed);
        self.0.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Records how much of the current stage is done.
    pub fn set_done(&self, done: u64) {
        self.0.done.store(done, Ordering::Relaxed);
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        match self.0.stage.load(Ordering::Relaxed) {
            1 => Stage::Reading,
            2 => Stage::Parsing,
            3 => Stage::Checking,
            _ => Stage::Waiting,
        }
    }

    /// Fraction of the current stage done, if its size is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.0.total.load(Ordering::Relaxed);
        (total > 0).then(|| {
            (self.0.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
        })
    }
}
