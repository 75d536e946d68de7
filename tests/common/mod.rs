//! Helpers shared by the tests: one place builds every UI harness (fixed size, default
//! preferences, no persisted state, the CPU renderer), small queries on what the app
//! shows, and what a test needs from outside Rust ([`needs`]).

#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

pub mod browser;
pub mod needs;
pub mod s3;
pub mod software;
pub mod xvfb;

use claimline::app::state::{Persisted, ThemeChoice};
use claimline::app::{AppOptions, ClaimlineApp};
use claimline::model::EventIdx;
use egui_kittest::Harness;

/// The window size every UI test uses unless it says otherwise.
pub const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// A harness running the real app with default preferences.
pub fn harness(options: AppOptions) -> Harness<'static, ClaimlineApp> {
    harness_sized(options, SIZE)
}

/// A harness of a given size.
pub fn harness_sized(options: AppOptions, size: egui::Vec2) -> Harness<'static, ClaimlineApp> {
    let theme = options.theme.unwrap_or_default();
    harness_with(options, size, theme)
}

/// A harness of a given size and theme. Frames are drawn by the CPU renderer
/// ([`software::SoftwareRenderer`]) when a test takes a snapshot or the app a screenshot,
/// so no test needs a GPU.
pub fn harness_with(
    options: AppOptions,
    size: egui::Vec2,
    theme: ThemeChoice,
) -> Harness<'static, ClaimlineApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(theme.egui())
        .with_max_steps(64)
        .renderer(software::SoftwareRenderer::new())
        .build_eframe(|cc| ClaimlineApp::with_state(&cc.egui_ctx, options, Persisted::default()));
    harness.run_steps(2);
    harness
}

/// The index of the event with this id in the app's document.
pub fn event(harness: &Harness<'_, ClaimlineApp>, id: &str) -> EventIdx {
    harness
        .state()
        .document()
        .expect("a dataset is shown")
        .dataset
        .event_index_by_name(id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// The id of the selected event.
pub fn selected_id(harness: &Harness<'_, ClaimlineApp>) -> Option<String> {
    let app = harness.state();
    let doc = app.document()?;
    app.selected().map(|e| {
        doc.dataset
            .str(doc.dataset.events[e as usize].id)
            .to_owned()
    })
}

/// Steps the app until background work (loading, filtering) has finished.
pub fn settle(harness: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..600 {
        harness.step();
        if !harness.state().is_loading() {
            harness.run_steps(3);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the app did not finish loading");
}

/// Clicks at a position in the window (press and release).
pub fn click_at(harness: &mut Harness<'_, ClaimlineApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(2);
}

/// Replaces the text of the field labelled `label` with `text`, as typed.
pub fn retype(harness: &mut Harness<'_, ClaimlineApp>, label: &str, text: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Exports the timeline with the map beside it (*Export screenshot…*, *Timeline and
/// map*, SVG) to `path`, as a user would, and returns the SVG's text (written at once:
/// no capture).
#[allow(dead_code, reason = "not every test file exports")]
pub fn export_timeline_and_map(
    harness: &mut Harness<'_, ClaimlineApp>,
    path: &std::path::Path,
) -> String {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness.get_by_label("Timeline and map").click();
    harness.run();
    harness.get_by_label("SVG").click();
    harness.run();
    retype(harness, "File:", &path.display().to_string());
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.run();
    std::fs::read_to_string(path).expect("written at once, no capture")
}

/// Carries out `command` in the app, then runs a frame.
pub fn run(
    harness: &mut Harness<'_, ClaimlineApp>,
    command: impl Into<claimline::app::command::Command>,
) {
    let ctx = harness.ctx.clone();
    harness.state_mut().execute(&ctx, command.into());
    harness.run();
}

/// Replaces the text of the field labelled `label` and leaves it (Tab), as a user does:
/// a click, select all, typing.
pub fn fill(harness: &mut Harness<'_, ClaimlineApp>, label: &str, text: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
}

/// Runs the `claimline` binary with `args`; fails the test when it fails.
pub fn claimline_ok(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "claimline {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    run.stdout
}

/// `claimline export ARGS…`'s JSON.
pub fn export_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec![std::ffi::OsStr::new("export")];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    serde_json::from_slice(&claimline_ok(&all)).unwrap()
}

/// A mark's extent on the scene.
pub fn mark_extent(shape: &claimline::timeline::scene::Shape) -> claimline::timeline::geom::Rect {
    use claimline::timeline::geom::Rect;
    use claimline::timeline::scene::Shape;
    match shape {
        Shape::Point {
            center,
            radius,
            end_x,
        } => Rect::new(
            center.x - radius,
            center.y - radius,
            end_x.unwrap_or(center.x).max(center.x) + radius,
            center.y + radius,
        ),
        Shape::Bar { rect, .. } => *rect,
    }
}

/// A file dropped on the window, as the platform layer hands it to egui
/// (`harness.input_mut().dropped_files`).
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
