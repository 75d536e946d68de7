//! System file dialogs, run on a worker thread so the window keeps drawing.
//!
//! rfd returns `None` both when the user cancels and, at once, when no dialog can be
//! shown (no desktop portal, no zenity). A `None` that comes back faster than a person
//! could cancel is reported as [`DialogOutcome::Unavailable`], so the app can offer a
//! path field instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::export::ExportFormat;

/// Said when the system file dialog cannot be shown.
pub(super) const NO_DIALOG: &str = "No system file dialog is available here (it needs xdg-desktop-portal or zenity). Type the path instead.";

/// What a dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Choosing a dataset to open.
    Open,
    /// Choosing where to save a screenshot.
    Export,
    /// Choosing where to save a table mapping.
    SaveMapping,
    /// Choosing a table mapping to read.
    OpenMapping,
    /// Choosing where to save the dataset.
    SaveDataset,
    /// Choosing a source's text (.txt, .html, .md).
    AttachText,
    /// Choosing where to publish.
    Publish,
    /// Choosing street tiles for the map.
    StreetTiles,
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// Faster than this, a `None` means no dialog was shown (rfd may first spend a few
/// hundred milliseconds failing to reach a desktop portal).
const HUMAN_CANCEL: Duration = Duration::from_millis(1200);

/// Whether a system file dialog can be shown at all: on Linux rfd needs a D-Bus session
/// (for the desktop portal) or `zenity` on the `PATH`.
pub fn dialog_possible() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join(program).is_file())
        })
    };
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
}

/// What the open dialog offers: Parquet only in builds that read it.
#[cfg(feature = "parquet")]
const OPEN_FILTER: (&str, &[&str]) = (
    "Datasets and tables (RON, TimelineJS, CSV, TSV, GDELT, Parquet)",
    &["ron", "json", "csv", "tsv", "tab", "txt", "gz", "parquet"],
);
#[cfg(not(feature = "parquet"))]
const OPEN_FILTER: (&str, &[&str]) = (
    "Datasets and tables (RON, TimelineJS, CSV, TSV, GDELT)",
    &["ron", "json", "csv", "tsv", "tab", "txt", "gz"],
);

/// A dialog in progress.
#[derive(Debug)]
pub struct PendingDialog {
    /// Why it was opened.
    pub purpose: Purpose,
    rx: Receiver<Option<PathBuf>>,
    started: Instant,
}

impl PendingDialog {
    /// Opens the system's "open file" dialog.
    pub fn open(ctx: &egui::Context, start_dir: Option<PathBuf>) -> Self {
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title("Open dataset")
            .add_filter(OPEN_FILTER.0, OPEN_FILTER.1)
            .add_filter("All files", &["*"]);
        if let Some(dir) = start_dir {
            dialog = dialog.set_directory(dir);
        }
        Self::spawn(ctx, Purpose::Open, async move {
            dialog.pick_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "open file" dialog for street tiles.
    pub fn street_tiles(ctx: &egui::Context) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Street tiles for the map")
            .add_filter("PMTiles archives", &["pmtiles"])
            .add_filter("All files", &["*"]);
        Self::spawn(ctx, Purpose::StreetTiles, async move {
            dialog.pick_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "save file" dialog for an export.
    pub fn save_export(ctx: &egui::Context, file_name: &str, format: ExportFormat) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Export screenshot")
            .add_filter(format.filter_name(), &[format.extension()])
            .set_file_name(file_name);
        Self::spawn(ctx, Purpose::Export, async move {
            dialog.save_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "save file" dialog for something published.
    pub fn save_published(
        ctx: &egui::Context,
        file_name: &str,
        what: crate::publish::Published,
    ) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Publish")
            .add_filter(what.label(), &[what.extension()])
            .set_file_name(file_name);
        Self::spawn(ctx, Purpose::Publish, async move {
            dialog.save_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "save file" dialog for a table mapping.
    pub fn save_mapping(ctx: &egui::Context, file_name: &str) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Save table mapping")
            .add_filter("Claimline table mappings (RON)", &["ron"])
            .set_file_name(file_name);
        Self::spawn(ctx, Purpose::SaveMapping, async move {
            dialog.save_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "open file" dialog for a table mapping.
    pub fn open_mapping(ctx: &egui::Context) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Load table mapping")
            .add_filter("Claimline table mappings (RON)", &["ron"])
            .add_filter("All files", &["*"]);
        Self::spawn(ctx, Purpose::OpenMapping, async move {
            dialog.pick_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "save file" dialog for the dataset.
    pub fn save_dataset(ctx: &egui::Context, file_name: &str) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Save dataset as")
            .add_filter("Claimline datasets (RON)", &["ron"])
            .set_file_name(file_name);
        Self::spawn(ctx, Purpose::SaveDataset, async move {
            dialog.save_file().await.map(|f| f.path().to_owned())
        })
    }

    /// Opens the system's "open file" dialog for a source's text.
    pub fn attach_text(ctx: &egui::Context) -> Self {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Attach the source's text")
            .add_filter(
                "Captured pages, web archives, text",
                &["html", "htm", "warc", "gz", "wacz", "txt", "md"],
            )
            .add_filter("All files", &["*"]);
        Self::spawn(ctx, Purpose::AttachText, async move {
            dialog.pick_file().await.map(|f| f.path().to_owned())
        })
    }

    fn spawn(
        ctx: &egui::Context,
        purpose: Purpose,
        future: impl Future<Output = Option<PathBuf>> + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let _ = tx.send(pollster::block_on(future));
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            log::error!("could not start the file dialog thread: {e}");
        }
        Self {
            purpose,
            rx,
            started: Instant::now(),
        }
    }

    /// The outcome, once the dialog has closed.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.rx.try_recv() {
            Ok(Some(path)) => Some(DialogOutcome::Chosen(path)),
            Ok(None) if self.started.elapsed() < HUMAN_CANCEL => Some(DialogOutcome::Unavailable),
            Ok(None) => Some(DialogOutcome::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::Unavailable),
        }
    }
}
