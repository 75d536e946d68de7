//! Taking a screenshot of the running window and saving it as a PNG.
//!
//! A capture waits a couple of frames so that menus and popups closed for it are gone,
//! asks the renderer for the frame (it arrives in a callback, maybe a frame later), crops
//! it to the timeline if asked, and writes the file atomically. At 2× the UI is zoomed
//! and the window enlarged for the capture, so the picture has the same layout with
//! twice the pixels, then both are put back. The window grows before the zoom and
//! shrinks after it, so panels never find themselves squeezed and keep their sizes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use egui::{ColorImage, Context, Rect, Vec2, ViewportCommand};

use super::{ExportRegion, png};

/// Give up on a capture after this long.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Frames to wait after closing popups (and after resizing, at 2×).
const SETTLE_FRAMES: u8 = 3;

enum Step {
    /// A 2× capture first doubles the window (so no panel is squeezed)…
    Growing { frames: u8 },
    /// …then doubles the UI zoom, which brings the layout back to its size in points.
    Zooming { frames: u8 },
    /// Letting closed popups disappear.
    Settle { frames: u8 },
    /// Waiting for the renderer's image.
    Waiting { rx: Receiver<Arc<ColorImage>> },
    /// Putting the zoom back, then the window size, before reporting.
    Restoring {
        result: anyhow::Result<PathBuf>,
        frames: u8,
        resized: bool,
    },
}

/// A capture in progress.
pub struct Capture {
    /// Destination file.
    pub path: PathBuf,
    /// Window or timeline.
    pub region: ExportRegion,
    /// 1 or 2.
    pub scale: u8,
    step: Step,
    started: Instant,
    /// Zoom and window size to restore after a 2× capture.
    restore: Option<(f32, Vec2)>,
}

impl Capture {
    /// Starts a capture; closes open popups so they are not in the picture.
    pub fn start(ctx: &Context, path: PathBuf, region: ExportRegion, scale: u8) -> Self {
        egui::Popup::close_all(ctx);
        let scale = scale.clamp(1, 2);
        let (step, restore) = if scale == 2 {
            let zoom = ctx.zoom_factor();
            let size = ctx.content_rect().size();
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size * 2.0));
            (Step::Growing { frames: 0 }, Some((zoom, size)))
        } else {
            (
                Step::Settle {
                    frames: SETTLE_FRAMES,
                },
                None,
            )
        };
        ctx.request_repaint();
        Self {
            path,
            region,
            scale,
            step,
            started: Instant::now(),
            restore,
        }
    }

    /// Advances the capture by one frame; returns the outcome when it is over.
    /// `timeline` is where the timeline was drawn this frame.
    pub fn step(
        &mut self,
        ctx: &Context,
        timeline: Option<Rect>,
    ) -> Option<anyhow::Result<PathBuf>> {
        ctx.request_repaint();
        if self.started.elapsed() > TIMEOUT && !matches!(self.step, Step::Restoring { .. }) {
            self.begin_restore(
                ctx,
                Err(anyhow::anyhow!(
                    "the window did not deliver a screenshot in time"
                )),
            );
        }
        match &mut self.step {
            Step::Growing { frames } => {
                *frames += 1;
                let (zoom, size) = self.restore.unwrap_or((1.0, Vec2::ZERO));
                if (ctx.content_rect().size() - size * 2.0).length() < 2.0 || *frames > 30 {
                    ctx.set_zoom_factor(zoom * 2.0);
                    self.step = Step::Zooming { frames: 0 };
                }
                None
            }
            Step::Zooming { frames } => {
                *frames += 1;
                let (_, size) = self.restore.unwrap_or((1.0, Vec2::ZERO));
                if (ctx.content_rect().size() - size).length() < 2.0 || *frames > 30 {
                    self.step = Step::Settle {
                        frames: SETTLE_FRAMES,
                    };
                }
                None
            }
            Step::Settle { frames } => {
                if *frames > 0 {
                    *frames -= 1;
                    return None;
                }
                let (tx, rx) = channel();
                let ctx2 = ctx.clone();
                ctx.request_screenshot(move |image: Arc<ColorImage>| {
                    let _ = tx.send(image);
                    ctx2.request_repaint();
                });
                self.step = Step::Waiting { rx };
                None
            }
            Step::Waiting { rx } => {
                let image = rx.try_recv().ok()?;
                let screen = ctx.content_rect();
                let ppp = if screen.width() > 0.0 {
                    image.size[0] as f32 / screen.width()
                } else {
                    ctx.pixels_per_point()
                };
                let result = match (self.region, timeline) {
                    (ExportRegion::Timeline, None) => {
                        Err(anyhow::anyhow!("there is no timeline on screen to capture"))
                    }
                    (region, timeline) => {
                        let crop = if region == ExportRegion::Timeline {
                            timeline
                        } else {
                            None
                        };
                        png::encode(&image, crop, ppp)
                            .and_then(|png| super::write(&self.path, &png))
                            .map(|()| self.path.clone())
                    }
                };
                self.begin_restore(ctx, result);
                None
            }
            Step::Restoring {
                result,
                frames,
                resized,
            } => {
                *frames += 1;
                let Some((zoom, size)) = self.restore else {
                    return Some(std::mem::replace(result, Ok(PathBuf::new())));
                };
                // Zoom back first (the window is then large in points, so nothing is
                // squeezed), then shrink the window.
                if !*resized && ((ctx.zoom_factor() - zoom).abs() < 0.01 || *frames > 10) {
                    ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
                    *resized = true;
                    *frames = 0;
                }
                if *resized && ((ctx.content_rect().size() - size).length() < 2.0 || *frames > 30) {
                    self.restore = None;
                    return Some(std::mem::replace(result, Ok(PathBuf::new())));
                }
                None
            }
        }
    }

    /// Starts putting things back; the result is reported once they are.
    fn begin_restore(&mut self, ctx: &Context, result: anyhow::Result<PathBuf>) {
        if let Some((zoom, _)) = self.restore {
            ctx.set_zoom_factor(zoom);
        }
        self.step = Step::Restoring {
            result,
            frames: 0,
            resized: false,
        };
    }
}
