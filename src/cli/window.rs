//! `claimline [FILE] [--screenshot OUT.png] [--size WxH] [--select ID] [--theme …]`:
//! opens the window, or renders it once to a PNG and exits.

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::output::{err, out};
use super::{ThemeArg, ViewArgs};
use crate::app::state::ThemeChoice;
use crate::app::{AppOptions, ClaimlineApp, icon};
use crate::load::table::MappingSpec;

/// Default window size in points.
const DEFAULT_SIZE: (u32, u32) = (1400, 900);

/// The folder, under the platform's data folder, that holds the app's settings.
const SETTINGS_FOLDER: &str = "claimline";

/// Opens the app as the arguments say; returns the exit status. `started` is when
/// the process started, for the first-frame timing in the log.
pub fn run(args: ViewArgs, started: Instant) -> ExitCode {
    let theme = args.theme.map(|t| match t {
        ThemeArg::Light => ThemeChoice::Light,
        ThemeArg::Dark => ThemeChoice::Dark,
    });
    let (w, h) = args.size.unwrap_or(DEFAULT_SIZE);
    let mapping = match &args.file {
        Some(file) => match args.table.spec_for(file) {
            Ok(mapping) => mapping,
            Err(code) => return code,
        },
        None => MappingSpec::default(),
    };
    let mut options = AppOptions {
        select: args.select.clone(),
        theme,
        started: Some(started),
        size: args.size.map(|(w, h)| egui::vec2(w as f32, h as f32)),
        tiles: args.tiles.clone(),
        ..AppOptions::default()
    };
    // Street tiles that cannot be read are said before the window opens.
    if let Some(tiles) = &args.tiles
        && let Err(e) = crate::map::tiles::StreetTiles::open(tiles)
    {
        err(&format!("error: {e}\n  help: {}", e.help));
        return ExitCode::FAILURE;
    }
    let outcome = Arc::new(Mutex::new(None));
    #[cfg(feature = "engine")]
    if let Some(start) = engine_start(&args) {
        if let Some(png) = &args.screenshot {
            if let Err(why) = crate::files::check_writable(png) {
                err(&format!("error: cannot write the screenshot: {why:#}"));
                return ExitCode::FAILURE;
            }
            options.screenshot = Some(png.clone());
            options.outcome = Some(Arc::clone(&outcome));
        }
        options.big = Some(start);
    }
    if options.big.is_some() {
        // Opened on a worker once the window is up.
    } else if let Some(png) = &args.screenshot {
        // Everything that can fail is checked before a window opens, so a bad dataset
        // or an unwritable path exits with a message and writes nothing.
        if let Err(why) = crate::files::check_writable(png) {
            err(&format!("error: cannot write the screenshot: {why:#}"));
            return ExitCode::FAILURE;
        }
        let doc = match super::open_document(args.file.as_deref(), mapping) {
            Ok(doc) => doc,
            Err(why) => {
                // A dataset's problems print as they do for `claimline check`.
                err(&format!("{why:#}"));
                return ExitCode::FAILURE;
            }
        };
        if let Some(id) = &args.select
            && doc.dataset.event_index_by_name(id).is_none()
        {
            err(&format!(
                "error: no event has the id \"{id}\" (see the ids with `claimline check`)"
            ));
            return ExitCode::FAILURE;
        }
        options.preloaded = Some(doc);
        options.screenshot = Some(png.clone());
        options.outcome = Some(Arc::clone(&outcome));
    } else {
        options.file = args.file.clone();
        options.mapping = (!mapping.is_empty()).then_some(mapping);
        options.recovery_dir = crate::app::recovery::state_dir();
    }
    let headless = args.screenshot.is_some();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Claimline")
        .with_inner_size([w as f32, h as f32])
        .with_min_inner_size([640.0, 420.0])
        .with_app_id(icon::APP_ID)
        .with_drag_and_drop(true);
    if let Some(icon) = icon::window_icon(icon::ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        persist_window: !headless,
        // A screenshot must not depend on the last session (its window size, its
        // zoom): it reads a store that does not exist and, saving nothing, never
        // creates it.
        persistence_path: if headless {
            Some(
                std::env::temp_dir()
                    .join(format!("claimline-screenshot-{}", std::process::id()))
                    .join("none.ron"),
            )
        } else {
            // Settings stay where earlier versions kept them (eframe would otherwise
            // name the folder after the app id).
            eframe::storage_dir(SETTINGS_FOLDER).map(|dir| dir.join("app.ron"))
        },
        ..Default::default()
    };
    let result = eframe::run_native(
        "Claimline",
        native,
        Box::new(move |cc| Ok(Box::new(ClaimlineApp::new(cc, options)))),
    );
    if let Err(e) = result {
        err(&format!(
            "error: cannot open a window: {e}\n  = help: Claimline needs a display (X11 or Wayland); `claimline check` works without one"
        ));
        return ExitCode::FAILURE;
    }
    if !headless {
        return ExitCode::SUCCESS;
    }
    let result = match outcome.lock() {
        Ok(mut slot) => slot.take(),
        Err(poisoned) => poisoned.into_inner().take(),
    };
    match result {
        Some(Ok(path)) => {
            out(&format!("saved {}", path.display()));
            ExitCode::SUCCESS
        }
        Some(Err(why)) => {
            err(&format!("error: the screenshot failed: {why:#}"));
            ExitCode::FAILURE
        }
        None => {
            err("error: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
    }
}

/// The table to open through the query engine: FILE with `--engine`, or a table
/// `claimline convert` wrote (through DataFusion on this machine).
#[cfg(feature = "engine")]
fn engine_start(args: &ViewArgs) -> Option<crate::app::big_open::BigStart> {
    use crate::app::big_open::{BigStart, engine_opener};
    use crate::engine::queries::{Engine, is_converted};
    let file = args.file.as_ref()?;
    let engine = match &args.engine {
        Some(engine) => engine.clone(),
        None if is_converted(file) || crate::engine::store::is_remote(file) => Engine::Embedded,
        None => return None,
    };
    Some(BigStart {
        path: file.clone(),
        opener: engine_opener(file.clone(), engine),
    })
}
