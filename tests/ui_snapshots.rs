//! Pictures of the main window in the light and dark themes, compared with the images
//! in `tests/snapshots/` (update them with `UPDATE_SNAPSHOTS=1 cargo test`). Rendered
//! headless by wgpu on Mesa's software rasterizer.

use claimline::app::state::{Persisted, ThemeChoice};
use claimline::app::{AppOptions, ClaimlineApp};
use egui_kittest::Harness;

fn snapshot(theme: ThemeChoice, name: &str) {
    let egui_theme = theme.egui();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1024.0, 640.0))
        .with_theme(egui_theme)
        .with_max_steps(64)
        .wgpu()
        .build_eframe(|cc| {
            let options = AppOptions {
                theme: Some(theme),
                select: Some("reported-call-2024-11-07".to_owned()),
                ..AppOptions::default()
            };
            ClaimlineApp::with_state(&cc.egui_ctx, options, Persisted::default())
        });
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
