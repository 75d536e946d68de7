//! A `--screenshot` run: the window renders a few frames, captures itself to a PNG,
//! reports how it went and closes. Exports asked for from the menu use the same capture.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::Context;

use super::ClaimlineApp;
use super::big_table::BigTable;
use super::notifications::Level;
use crate::export::ExportRegion;
use crate::export::capture::Capture;
use crate::timeline::seam::asking::Health;

/// Where a headless screenshot run reports how it went: the saved file or why not.
pub type Outcome = Arc<Mutex<Option<anyhow::Result<PathBuf>>>>;

/// Frames drawn before the capture, so that layout has settled.
const FRAMES_BEFORE_CAPTURE: u32 = 3;

/// A headless screenshot run in progress.
pub struct Headless {
    path: PathBuf,
    outcome: Outcome,
    frames: u32,
}

impl Headless {
    /// A run that will save the window to `path` and report to `outcome`.
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        Self {
            path,
            outcome,
            frames: 0,
        }
    }

    /// Reports how the run went and closes the window.
    pub fn finish(self, ctx: &Context, result: anyhow::Result<PathBuf>) {
        match self.outcome.lock() {
            Ok(mut slot) => *slot = Some(result),
            Err(poisoned) => *poisoned.into_inner() = Some(result),
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Reports a failure before any capture (the dataset did not load).
    pub fn fail(self, ctx: &Context, error: anyhow::Error) {
        self.finish(ctx, Err(error));
    }
}

impl ClaimlineApp {
    /// Advances a capture, starting the headless one once the dataset is on screen and
    /// the background work is done; reports the result when it is over.
    pub(super) fn step_capture(&mut self, ctx: &Context) {
        // A table read through an engine is captured once the engine has answered the
        // view; an engine that is gone fails the run rather than drawing nothing.
        let engine = self.big.as_ref().map(|b| b.status());
        if self.launch.headless.is_some()
            && let Some(status) = &engine
            && let Health::Gone(why) = &status.health
            && let Some(h) = self.launch.headless.take()
        {
            h.fail(ctx, anyhow::anyhow!("the engine did not answer: {why}"));
            return;
        }
        let answered = engine.is_none_or(|s| s.health == Health::Ready && s.pending == 0)
            && self.big.as_ref().is_none_or(BigTable::settled);
        if self.capture.is_none()
            && let Some(h) = &mut self.launch.headless
            && self.doc.is_some()
            && self.workers.load.is_none()
            && self.workers.derive_job.is_none()
            && self.workers.big_open.is_none()
            && answered
        {
            h.frames += 1;
            ctx.request_repaint();
            if h.frames >= FRAMES_BEFORE_CAPTURE {
                self.capture = Some(Capture::start(ctx, h.path.clone(), ExportRegion::Window, 1));
            }
        }
        let Some(capture) = &mut self.capture else {
            return;
        };
        let Some(result) = capture.step(ctx, self.view.timeline.widget_rect) else {
            return;
        };
        self.capture = None;
        match &result {
            Ok(path) => {
                self.notifications
                    .push(ctx, Level::Success, format!("Saved {}", path.display()));
            }
            Err(why) => {
                self.notifications
                    .push(ctx, Level::Error, format!("Export failed: {why:#}"));
            }
        }
        if let Some(h) = self.launch.headless.take() {
            h.finish(ctx, result);
        }
    }
}
