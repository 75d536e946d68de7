//! Pictures of the main window in the light and dark themes, compared with the images
//! in `tests/snapshots/` (update them with `UPDATE_SNAPSHOTS=1 cargo test`). Drawn by
//! the CPU renderer in `tests/common/software.rs`: no GPU, Mesa or display needed, and
//! the same pixels on every machine.

mod common;

use claimline::app::AppOptions;
use claimline::app::state::ThemeChoice;

fn snapshot(theme: ThemeChoice, name: &str) {
    let options = AppOptions {
        theme: Some(theme),
        select: Some("reported-call-2024-11-07".to_owned()),
        ..AppOptions::default()
    };
    let mut harness = common::harness_with(options, egui::vec2(1024.0, 640.0), theme);
    harness.run();
    harness.snapshot(name);
}

#[test]
fn main_window_light() {
    snapshot(ThemeChoice::Light, "main_window_light");
}

#[test]
fn main_window_dark() {
    snapshot(ThemeChoice::Dark, "main_window_dark");
}
