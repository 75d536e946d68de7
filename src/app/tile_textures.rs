//! Street tiles as textures: a tile's picture decoded once (PNG, JPEG or WebP, by the
//! `image` crate) and kept by its name, the oldest let go past [`KEPT`]. Decoding takes
//! at most [`BUDGET`] of a frame (a 512-pixel WebP tile takes milliseconds): tiles past
//! it wait for the next frame, so a pan into new tiles never stalls the window.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{TextureHandle, TextureId, TextureOptions};

use crate::timeline::canvas::Picture;

/// Most tiles kept as textures (512-pixel tiles: 1 MiB each).
const KEPT: usize = 160;

/// Most time a frame spends decoding tiles.
const BUDGET: Duration = Duration::from_millis(8);

/// The textures, and this frame's decoding.
#[derive(Default)]
struct Textures {
    /// By picture name; `None` for a picture that does not decode (not drawn, not
    /// decoded again).
    by_name: HashMap<String, Option<TextureHandle>>,
    /// Names, oldest first.
    order: VecDeque<String>,
    /// The frame (egui pass) decoding was last counted for, and the time it took.
    pass: u64,
    spent: Duration,
}

/// The textures of this window.
fn textures(ctx: &egui::Context) -> Arc<Mutex<Textures>> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Arc<Mutex<Textures>>>(egui::Id::unique(
            "claimline-tile-textures",
        ))
        .clone()
    })
}

/// The texture of `picture` if it was decoded already (a stand-in is never decoded for
/// the purpose).
pub fn ready(ctx: &egui::Context, picture: &Picture) -> Option<TextureId> {
    let cache = textures(ctx);
    let cache = cache.lock().ok()?;
    cache
        .by_name
        .get(&picture.name)?
        .as_ref()
        .map(TextureHandle::id)
}

/// The texture of `picture`: decoded now if this frame has time left, else `None` and
/// another frame asked for.
pub fn texture(ctx: &egui::Context, picture: &Picture) -> Option<TextureId> {
    let cache = textures(ctx);
    let mut cache = cache.lock().ok()?;
    if let Some(found) = cache.by_name.get(&picture.name) {
        return found.as_ref().map(TextureHandle::id);
    }
    let pass = ctx.cumulative_pass_nr();
    if cache.pass != pass {
        cache.pass = pass;
        cache.spent = Duration::ZERO;
    }
    if cache.spent >= BUDGET {
        ctx.request_repaint();
        return None;
    }
    let started = Instant::now();
    let texture = image::load_from_memory(&picture.bytes).ok().map(|decoded| {
        let rgba = decoded.to_rgba8();
        let size = [rgba.width() as usize, rgba.height() as usize];
        let pixels = egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
        ctx.load_texture(&picture.name, pixels, TextureOptions::LINEAR)
    });
    cache.spent += started.elapsed();
    let id = texture.as_ref().map(TextureHandle::id);
    while cache.order.len() >= KEPT {
        if let Some(old) = cache.order.pop_front() {
            cache.by_name.remove(&old);
        }
    }
    cache.order.push_back(picture.name.clone());
    cache.by_name.insert(picture.name.clone(), texture);
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::tiles::{PmTiles, TileKey};

    #[test]
    fn every_frame_decodes_at_least_one_tile_until_all_are_textures() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/tiles/stamen-toner-z0-3.pmtiles");
        let archive = PmTiles::open(&path).unwrap();
        let mut pictures: Vec<Picture> = (0..8u32)
            .flat_map(|x| (0..3u32).map(move |y| TileKey { z: 3, x, y }))
            .map(|key| archive.tile(key).unwrap().unwrap().picture)
            .collect();
        // A picture that is not one: kept as undrawable, never blocking the others.
        pictures.push(Picture {
            name: "broken".into(),
            media_type: "image/png",
            bytes: Arc::from(&b"not a png"[..]),
        });
        let ctx = egui::Context::default();
        assert_eq!(ready(&ctx, &pictures[0]), None, "nothing decoded yet");
        let mut frames = 0;
        loop {
            let mut drawn = 0;
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                drawn = pictures
                    .iter()
                    .filter(|p| texture(ui.ctx(), p).is_some())
                    .count();
            });
            out.textures_delta.clear();
            frames += 1;
            if drawn == pictures.len() - 1 {
                break;
            }
            assert!(frames < pictures.len(), "a frame decoded nothing");
        }
        // One more frame tries the broken picture, if the last did not get to it.
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            for p in &pictures {
                let _ = texture(ui.ctx(), p);
            }
        });
        out.textures_delta.clear();
        assert!(ready(&ctx, &pictures[0]).is_some());
        assert_eq!(ready(&ctx, &pictures[pictures.len() - 1]), None, "broken");
        let cache = ctx.data_mut(|d| {
            d.get_temp::<Arc<Mutex<Textures>>>(egui::Id::unique("claimline-tile-textures"))
        });
        let cache = cache.unwrap();
        let cache = cache.lock().unwrap();
        assert_eq!(cache.by_name.get("broken").map(Option::is_none), Some(true));
    }
}
