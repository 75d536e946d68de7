//! Taking a screenshot of the running window and saving it as a PNG.
//!
//! A capture waits a couple of frames so that menus and popups closed for it are gone,
//! asks the renderer for the frame (it arrives in a callback, maybe a frame later), crops
//! it to the timeline if asked, and writes the file atomically. At 2× the UI is zoomed
//! and the window enlarged for the capture, so the picture has the same layout with
//! twice the pixels, then both are put back.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use egui::{ColorImage, Context, Rect, Vec2, ViewportCommand};

use super::command::CaptureRegion;
use super::export;

/// Give up on a capture after this long.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Frames to wait after closing popups (and after resizing, at 2×).
const SETTLE_FRAMES: u8 = 3;

enum Stage {
    /// Zooming the UI and enlarging the window for a 2× capture.
    Scaling { zoom: f32, size: Vec2, frames: u8 },
    /// Letting closed popups disappear.
    Settle { frames: u8 },
    /// Waiting for the renderer's image.
    Waiting { rx: Receiver<Arc<ColorImage>> },
}

/// A capture in progress.
pub struct Capture {
    /// Destination file.
    pub path: PathBuf,
    /// Window or timeline.
    pub region: CaptureRegion,
    /// 1 or 2.
    pub scale: u8,
    stage: Stage,
    started: Instant,
    /// Zoom and window size to restore after a 2× capture.
    restore: Option<(f32, Vec2)>,
}

impl Capture {
    /// Starts a capture; closes open popups so they are not in the picture.
    pub fn start(ctx: &Context, path: PathBuf, region: CaptureRegion, scale: u8) -> Self {
        egui::Popup::close_all(ctx);
        let scale = scale.clamp(1, 2);
        let (stage, restore) = if scale == 2 {
            let zoom = ctx.zoom_factor();
            let size = ctx.content_rect().size();
            ctx.set_zoom_factor(zoom * 2.0);
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
            (
                Stage::Scaling {
                    zoom: zoom * 2.0,
                    size,
                    frames: 0,
                },
                Some((zoom, size)),
            )
        } else {
            (
                Stage::Settle {
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
            stage,
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
    ) -> Option<Result<PathBuf, String>> {
        ctx.request_repaint();
        if self.started.elapsed() > TIMEOUT {
            self.restore(ctx);
            return Some(Err(
                "the window did not deliver a screenshot in time".to_owned()
            ));
        }
        match &mut self.stage {
            Stage::Scaling { zoom, size, frames } => {
                *frames += 1;
                let now = ctx.content_rect().size();
                let settled =
                    (ctx.zoom_factor() - *zoom).abs() < 0.01 && (now - *size).length() < 2.0;
                if settled || *frames > 30 {
                    self.stage = Stage::Settle {
                        frames: SETTLE_FRAMES,
                    };
                }
                None
            }
            Stage::Settle { frames } => {
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
                self.stage = Stage::Waiting { rx };
                None
            }
            Stage::Waiting { rx } => {
                let image = rx.try_recv().ok()?;
                let screen = ctx.content_rect();
                let ppp = if screen.width() > 0.0 {
                    image.size[0] as f32 / screen.width()
                } else {
                    ctx.pixels_per_point()
                };
                let crop = match self.region {
                    CaptureRegion::Window => None,
                    CaptureRegion::Timeline => match timeline {
                        Some(rect) => Some(rect),
                        None => {
                            self.restore(ctx);
                            return Some(Err(
                                "there is no timeline on screen to capture".to_owned()
                            ));
                        }
                    },
                };
                let result = export::encode_png(&image, crop, ppp)
                    .and_then(|png| export::write_atomically(&self.path, &png))
                    .map(|()| self.path.clone())
                    .map_err(|e| e.to_string());
                self.restore(ctx);
                Some(result)
            }
        }
    }

    fn restore(&mut self, ctx: &Context) {
        if let Some((zoom, size)) = self.restore.take() {
            ctx.set_zoom_factor(zoom);
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
        }
    }
}
