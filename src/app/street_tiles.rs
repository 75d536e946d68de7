//! Street tiles under the map: choosing a PMTiles archive (the map's header, a file
//! dropped on the window, `--tiles`, or the one kept from the last session), opening it
//! (a bad one is said and changes nothing), and forgetting it.

use std::path::PathBuf;
use std::sync::Arc;

use egui::Context;

use super::ClaimlineApp;
use super::command::{Command, Part};
use super::dialogs::{self, PendingDialog};
use super::notifications::Level;
use super::panels::windows::PathPrompt;
use crate::english::capitalise;
use crate::map::tiles::StreetTiles;

impl ClaimlineApp {
    /// Asks the system's file dialog for street tiles (or, without one, a typed path).
    pub(super) fn choose_street_tiles(&mut self, ctx: &Context) {
        if dialogs::dialog_possible() {
            self.windows.dialog = Some(PendingDialog::street_tiles(ctx));
        } else {
            self.windows.path_prompt = Some(PathPrompt::street_tiles(dialogs::NO_DIALOG));
        }
    }

    /// What the user chose: the map drawn over the street tiles at `path`, and shown;
    /// or over none.
    pub(super) fn choose_street_tiles_at(&mut self, ctx: &Context, path: Option<PathBuf>) {
        let Some(path) = path else {
            self.view.map.set_tiles(None);
            self.persisted.street_tiles = None;
            self.notifications
                .push(ctx, Level::Info, "The map no longer draws street tiles");
            return;
        };
        if self.set_street_tiles(ctx, path) {
            self.persisted.set_shown(Part::Map, true);
        }
    }

    /// Draws the map over the street tiles at `path`, kept for the next start; true when
    /// they could be read. Tiles that cannot be are said, and the map keeps what it had.
    pub(super) fn set_street_tiles(&mut self, ctx: &Context, path: PathBuf) -> bool {
        match StreetTiles::open(&path) {
            Ok(tiles) => {
                let (low, high) = tiles.archive().zooms();
                let message = format!(
                    "The map draws the street tiles of {} (zoom levels {low} to {high})",
                    tiles.archive().name()
                );
                self.view.map.set_tiles(Some(Arc::new(tiles)));
                self.persisted.street_tiles = Some(path);
                self.notifications.push(ctx, Level::Success, message);
                true
            }
            Err(e) => {
                self.notifications.push(
                    ctx,
                    Level::Error,
                    format!("Street tiles not used: {e}. {}.", capitalise(e.help)),
                );
                false
            }
        }
    }
}

/// The map header's button: "Street tiles…" to choose some, "No street tiles" to stop
/// drawing `tiles`.
pub(super) fn button(ui: &mut egui::Ui, tiles: Option<&StreetTiles>) -> Option<Command> {
    match tiles {
        None => ui
            .button("Street tiles…")
            .on_hover_text(
                "Draw the map over a PMTiles archive of raster tiles you have (satellite imagery, a street map)",
            )
            .clicked()
            .then_some(Command::ChooseStreetTiles),
        Some(tiles) => ui
            .button("No street tiles")
            .on_hover_text(format!(
                "Stop drawing the street tiles of {}",
                tiles.archive().path().display()
            ))
            .clicked()
            .then_some(Command::SetStreetTiles(None)),
    }
}
