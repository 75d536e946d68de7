//! The app's identity on the desktop: its id (matching the launcher entry and the
//! AppStream metadata in `assets/`) and its window icon, built into the binary. An icon
//! that cannot be read is logged and left out; it never stops the app from starting.

use std::sync::Arc;

/// The app id: the launcher entry's name and the window's class, so desktops match the
/// window to its entry and its icon.
pub const APP_ID: &str = "io.github.claimline.Claimline";

/// The 256-pixel icon, drawn from `assets/icons/claimline.svg`.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/claimline-256.png");

/// The window icon from PNG bytes, or `None` (with a warning in the log) if they do not
/// decode.
pub fn window_icon(png: &[u8]) -> Option<Arc<egui::IconData>> {
    match eframe::icon_data::from_png_bytes(png) {
        Ok(icon) => Some(Arc::new(icon)),
        Err(e) => {
            log::warn!("the window icon could not be read ({e}); the window has none");
            None
        }
    }
}
