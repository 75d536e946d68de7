//! Turning a captured frame into a PNG file: crop to a region, encode, and write it
//! atomically (a temporary file in the target folder, then a rename), so a failed export
//! never leaves a partial file behind.

use std::path::{Path, PathBuf};

use egui::{ColorImage, Rect};

/// Why an export failed, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The image was empty (nothing was captured).
    #[error("the captured image is empty")]
    Empty,
    /// PNG encoding failed.
    #[error("could not encode the PNG: {0}")]
    Encode(String),
    /// Writing failed.
    #[error("could not write {path}: {source}")]
    Write {
        /// Destination.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Encodes `image` (premultiplied, physical pixels) as PNG, cropped to `region` (in
/// points) when given.
pub fn encode_png(
    image: &ColorImage,
    region: Option<Rect>,
    pixels_per_point: f32,
) -> Result<Vec<u8>, ExportError> {
    let cropped;
    let image = match region {
        Some(rect) => {
            cropped = image.region(&rect, Some(pixels_per_point));
            &cropped
        }
        None => image,
    };
    let [w, h] = image.size;
    if w == 0 || h == 0 {
        return Err(ExportError::Empty);
    }
    let mut rgba = Vec::with_capacity(w * h * 4);
    for pixel in &image.pixels {
        rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
    }
    let buffer = image::RgbaImage::from_raw(
        u32::try_from(w).map_err(|_| ExportError::Empty)?,
        u32::try_from(h).map_err(|_| ExportError::Empty)?,
        rgba,
    )
    .ok_or(ExportError::Empty)?;
    let mut out = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok(out.into_inner())
}

/// Writes `bytes` to `path` atomically (see [`crate::files::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::files::write_atomically(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

pub use crate::files::check_writable;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trips_and_crops() {
        let mut image = ColorImage::filled([40, 20], egui::Color32::WHITE);
        image.pixels[0] = egui::Color32::RED;
        let png = encode_png(&image, None, 1.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (40, 20));
        assert_eq!(decoded.get_pixel(0, 0).0, [255, 0, 0, 255]);
        let rect = Rect::from_min_size(egui::pos2(5.0, 5.0), egui::vec2(10.0, 4.0));
        let png = encode_png(&image, Some(rect), 2.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (20, 8));
    }

    #[test]
    fn atomic_write_leaves_no_partial_file_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("x.png");
        assert!(write_atomically(&missing, b"png").is_err());
        assert!(!missing.exists());

        let target = dir.path().join("x.png");
        write_atomically(&target, b"first").unwrap();
        write_atomically(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn read_only_folder_is_refused() {
        // /proc refuses new files even to root, unlike a chmod-ed folder.
        let target = Path::new("/proc/claimline-export-test.png");
        assert!(check_writable(target).is_err());
        assert!(write_atomically(target, b"png").is_err());
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
                .contains("does not exist")
        );
        assert!(write_atomically(&target, b"png").is_err());
    }
}
