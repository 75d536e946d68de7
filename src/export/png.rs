//! A captured frame of the window as a PNG: cropped to a region and encoded.

use anyhow::Context as _;
use egui::{ColorImage, Rect};

/// Encodes `image` (premultiplied, physical pixels) as PNG, cropped to `region` (in
/// points) when given.
pub fn encode(
    image: &ColorImage,
    region: Option<Rect>,
    pixels_per_point: f32,
) -> anyhow::Result<Vec<u8>> {
    let cropped;
    let image = match region {
        Some(rect) => {
            cropped = image.region(&rect, Some(pixels_per_point));
            &cropped
        }
        None => image,
    };
    let [w, h] = image.size;
    anyhow::ensure!(w > 0 && h > 0, "the captured image is empty");
    let mut rgba = Vec::with_capacity(w * h * 4);
    for pixel in &image.pixels {
        rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
    }
    let buffer = image::RgbaImage::from_raw(u32::try_from(w)?, u32::try_from(h)?, rgba)
        .context("the captured image has the wrong size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut out, image::ImageFormat::Png)
        .context("could not encode the PNG")?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_round_trips_and_crops() {
        let mut image = ColorImage::filled([40, 20], egui::Color32::WHITE);
        image.pixels[0] = egui::Color32::RED;
        let png = encode(&image, None, 1.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (40, 20));
        assert_eq!(decoded.get_pixel(0, 0).0, [255, 0, 0, 255]);
        let rect = Rect::from_min_size(egui::pos2(5.0, 5.0), egui::vec2(10.0, 4.0));
        let png = encode(&image, Some(rect), 2.0).unwrap();
        let decoded = image::load_from_memory(&png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (20, 8));
    }

    #[test]
    fn an_empty_capture_is_an_error() {
        let image = ColorImage::filled([0, 0], egui::Color32::WHITE);
        assert!(encode(&image, None, 1.0).is_err());
    }
}
