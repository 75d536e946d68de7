//! The work under way on other threads, and the watch on the open file.

use super::command::Command;
use super::jobs::{self, DeriveJob, LoadJob};
use super::watch::FileWatch;

/// The work under way on other threads.
#[derive(Default)]
pub struct Workers {
    pub(super) derive_job: Option<DeriveJob>,
    /// An edited large document being indexed again on a worker.
    pub(super) reindex_job: Option<jobs::ReindexJob>,
    /// A large dataset being saved on a worker.
    pub(super) save_job: Option<jobs::SaveJob>,
    pub(super) load: Option<LoadJob>,
    /// A file being published on a worker.
    pub(super) publish_job: Option<jobs::PublishJob>,
    /// A table being opened through an engine (or again, with another filter).
    pub(super) big_open: Option<super::big_open::BigOpenJob>,
    /// Edits waiting for a worker to let go of a large document.
    pub(super) deferred: Vec<Command>,
    pub(super) watch: Option<FileWatch>,
}
