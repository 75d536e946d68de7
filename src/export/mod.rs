//! Exporting what Claimline shows: the formats, what to export, the default file name,
//! the file dialog's filter, the picture of the timeline ([`picture`]) written as SVG
//! ([`svg`]) and rasterized to PNG on the CPU ([`raster`]), and writing the file
//! atomically. Adding a format means adding it here; the form and the commands follow.
//!
//! The window's own pieces — capturing the running window ([`capture`]), encoding its
//! pixels ([`png`]) and the export form ([`form`]) — need egui and exist with the `gui`
//! feature.

pub mod annotations;
#[cfg(feature = "gui")]
pub mod capture;
pub mod claimreview;
#[cfg(feature = "gui")]
pub mod form;
pub mod picture;
#[cfg(feature = "gui")]
pub mod png;
pub mod raster;
pub mod svg;
pub mod timelinejs;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use crate::files::check_writable;

/// A file format Claimline exports to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// A PNG picture.
    #[default]
    Png,
    /// An SVG drawing: sharp at any size, its text selectable.
    Svg,
}

impl ExportFormat {
    /// Every format, in the order the form offers them.
    pub const ALL: [Self; 2] = [Self::Png, Self::Svg];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }

    /// What the file dialog's filter calls it.
    pub fn filter_name(self) -> &'static str {
        match self {
            Self::Png => "PNG image",
            Self::Svg => "SVG drawing",
        }
    }

    /// The extensions, for messages: "png or svg".
    pub fn known() -> String {
        let all: Vec<&str> = Self::ALL.iter().map(|f| f.extension()).collect();
        all.join(" or ")
    }

    /// The format a file name asks for, by its extension (any case).
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

/// What part of the window an export shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportRegion {
    /// The whole window.
    #[default]
    Window,
    /// The timeline alone.
    Timeline,
}

/// "claimline-<dataset>-<date>-<time>.<ext>": the dataset's file stem ("trump-putin"
/// for the built-in one) and when the export was asked for.
pub fn default_file_name(
    dataset_stem: Option<&str>,
    at: chrono::NaiveDateTime,
    format: ExportFormat,
) -> String {
    format!(
        "claimline-{}-{}.{}",
        dataset_stem.unwrap_or("trump-putin"),
        at.format("%Y%m%d-%H%M%S"),
        format.extension()
    )
}

/// The timeline as a picture (title, credit, timeline, legend) in `format`, PNG at
/// `scale` pixels per point. `system_fonts` lets a PNG use fonts installed on the system
/// for characters the bundled ones lack.
pub fn render(
    input: &picture::PictureInput<'_>,
    format: ExportFormat,
    scale: f32,
    system_fonts: bool,
    metrics: &dyn crate::timeline::metrics::TextMetrics,
) -> anyhow::Result<Vec<u8>> {
    let picture = picture::compose(input, metrics);
    if let Some(why) = &picture.map_failure {
        anyhow::bail!("the map could not be drawn: {why}");
    }
    let svg = svg::write(&picture, input.doc, metrics);
    match format {
        ExportFormat::Svg => Ok(svg.into_bytes()),
        ExportFormat::Png => raster::png(&svg, scale, system_fonts),
    }
}

/// Writes an export atomically: on failure nothing is left at `path`.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::files::write_atomically(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension_and_names_the_dataset_and_time() {
        assert_eq!(
            ExportFormat::of_path(Path::new("a/b.PNG")),
            Some(ExportFormat::Png)
        );
        assert_eq!(
            ExportFormat::of_path(Path::new("b.svg")),
            Some(ExportFormat::Svg)
        );
        assert_eq!(ExportFormat::of_path(Path::new("b.jpeg")), None);
        assert_eq!(ExportFormat::of_path(Path::new("b")), None);
        let at = chrono::NaiveDate::from_ymd_opt(2024, 11, 7)
            .and_then(|d| d.and_hms_opt(9, 5, 0))
            .unwrap();
        assert_eq!(
            default_file_name(None, at, ExportFormat::Png),
            "claimline-trump-putin-20241107-090500.png"
        );
        assert_eq!(
            default_file_name(Some("mine"), at, ExportFormat::Png),
            "claimline-mine-20241107-090500.png"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_read_only_folder_is_refused() {
        // /proc refuses new files even to root, unlike a chmod-ed folder.
        let target = Path::new("/proc/claimline-export-test.png");
        assert!(check_writable(target).is_err());
        assert!(write(target, b"png").is_err());
        assert!(!target.exists());
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        std::fs::write(&not_a_dir, b"x").unwrap();
        let target = not_a_dir.join("x.png");
        assert!(
            check_writable(&target)
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        assert!(write(&target, b"png").is_err());
    }
}
