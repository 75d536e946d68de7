//! How the window was started, and what it still has to do once: the event to select, a
//! headless screenshot, the first frame to time.

use std::path::PathBuf;
use std::time::Instant;

use super::headless::Headless;

/// How the window was started.
#[derive(Default)]
pub struct Launch {
    pub(super) pending_select: Option<String>,
    pub(super) headless: Option<Headless>,
    pub(super) title_shown: String,
    pub(super) persist: bool,
    pub(super) started: Option<Instant>,
    pub(super) size: Option<egui::Vec2>,
    pub(super) fixed_time: Option<chrono::NaiveDateTime>,
    /// Where unsaved edits are kept against a crash.
    pub(super) recovery_dir: Option<PathBuf>,
}
