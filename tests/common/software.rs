//! A CPU rasterizer of egui's tessellated meshes, standing in for wgpu in the UI tests.
//!
//! egui_kittest takes any `TestRenderer`: texture deltas in, an image out. This one keeps
//! the textures in memory and fills egui's triangles pixel by pixel, the way egui-wgpu's
//! shader does: vertex colour times texel, premultiplied alpha, blended in gamma space,
//! bilinear texture filtering. It needs no GPU, no Mesa and no display, so the pictures
//! of the window are tested on every machine that builds the crate, and they come out the
//! same on every one of them (no driver differences).

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, TextureFilter, TextureId, TexturesDelta};
use egui_kittest::TestRenderer;

/// A texture as egui uploaded it: premultiplied sRGBA texels.
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<Color32>,
    nearest: bool,
}

impl Texture {
    fn texel(&self, x: i64, y: i64) -> [f32; 4] {
        let x = x.clamp(0, self.width as i64 - 1) as usize;
        let y = y.clamp(0, self.height as i64 - 1) as usize;
        let c = self.texels[y * self.width + x];
        [c.r(), c.g(), c.b(), c.a()].map(|v| f32::from(v) / 255.0)
    }

    /// The colour at normalized coordinates `uv` (clamped to the edge).
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let (w, h) = (self.width as f32, self.height as f32);
        if self.nearest {
            return self.texel((u * w).floor() as i64, (v * h).floor() as i64);
        }
        let (x, y) = (u * w - 0.5, v * h - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let a = self.texel(x0, y0);
        let b = self.texel(x0 + 1, y0);
        let c = self.texel(x0, y0 + 1);
        let d = self.texel(x0 + 1, y0 + 1);
        std::array::from_fn(|i| {
            let top = a[i] + (b[i] - a[i]) * fx;
            let bottom = c[i] + (d[i] - c[i]) * fx;
            top + (bottom - top) * fy
        })
    }
}

/// Renders egui output on the CPU.
#[derive(Default)]
pub struct SoftwareRenderer {
    textures: HashMap<TextureId, Texture>,
    /// Freed by the last delta; dropped when the next delta arrives, as egui asks that
    /// textures be freed only after the frame that used them is painted.
    to_free: Vec<TextureId>,
}

impl SoftwareRenderer {
    /// A renderer with no textures yet.
    pub fn new() -> Self {
        Self::default()
    }
}

impl TestRenderer for SoftwareRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        for id in self.to_free.drain(..) {
            self.textures.remove(&id);
        }
        for (id, images) in delta.set.drain() {
            for image in images {
                let egui::ImageData::Color(source) = &image.image;
                let [w, h] = source.size;
                let nearest = image.options.magnification == TextureFilter::Nearest;
                match image.pos {
                    None => {
                        self.textures.insert(
                            id,
                            Texture {
                                width: w,
                                height: h,
                                texels: source.pixels.clone(),
                                nearest,
                            },
                        );
                    }
                    Some([x0, y0]) => {
                        let Some(texture) = self.textures.get_mut(&id) else {
                            continue;
                        };
                        for y in 0..h {
                            for x in 0..w {
                                let (tx, ty) = (x0 + x, y0 + y);
                                if tx < texture.width && ty < texture.height {
                                    texture.texels[ty * texture.width + tx] =
                                        source.pixels[y * w + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        self.to_free.extend(delta.free.drain());
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * ppp;
        let (width, height) = (size.x.round() as usize, size.y.round() as usize);
        let mut target = Target {
            width,
            pixels: vec![[0.0; 4]; width * height],
        };
        for ClippedPrimitive {
            clip_rect,
            primitive,
        } in ctx.tessellate(output.shapes.clone(), ppp)
        {
            let Primitive::Mesh(mesh) = primitive else {
                return Err("paint callbacks are not supported by the software renderer".into());
            };
            let Some(texture) = self.textures.get(&mesh.texture_id) else {
                return Err(format!("unknown texture {:?}", mesh.texture_id));
            };
            // The scissor rectangle, in whole pixels, as egui-wgpu rounds it.
            let clip = [
                (clip_rect.min.x * ppp).round().clamp(0.0, width as f32) as usize,
                (clip_rect.min.y * ppp).round().clamp(0.0, height as f32) as usize,
                (clip_rect.max.x * ppp).round().clamp(0.0, width as f32) as usize,
                (clip_rect.max.y * ppp).round().clamp(0.0, height as f32) as usize,
            ];
            for triangle in mesh.indices.chunks_exact(3) {
                let vertex = |i: u32| mesh.vertices.get(i as usize).copied();
                let (Some(a), Some(b), Some(c)) = (
                    vertex(triangle[0]),
                    vertex(triangle[1]),
                    vertex(triangle[2]),
                ) else {
                    return Err("a mesh index points past its vertices".into());
                };
                target.fill(texture, [a, b, c], ppp, clip);
            }
        }
        let mut bytes = Vec::with_capacity(width * height * 4);
        for p in &target.pixels {
            bytes.extend(p.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8));
        }
        image::RgbaImage::from_raw(width as u32, height as u32, bytes)
            .ok_or_else(|| "the image has no pixels".to_owned())
    }
}

/// The picture being painted: premultiplied RGBA in gamma space, 0–1.
struct Target {
    width: usize,
    pixels: Vec<[f32; 4]>,
}

impl Target {
    /// Fills one triangle: each pixel whose centre it covers (top-left rule, so shared
    /// edges are painted once) gets the interpolated vertex colour times the texel,
    /// blended over what is there.
    fn fill(&mut self, texture: &Texture, v: [Vertex; 3], ppp: f32, clip: [usize; 4]) {
        let p = v.map(|v| (v.pos.x * ppp, v.pos.y * ppp));
        let area = edge(p[0], p[1], p[2]);
        if area == 0.0 || !area.is_finite() {
            return;
        }
        // Counter-clockwise in screen space from here on.
        let (v, p, area) = if area < 0.0 {
            ([v[0], v[2], v[1]], [p[0], p[2], p[1]], -area)
        } else {
            (v, p, area)
        };
        let min_x = p.iter().map(|q| q.0).fold(f32::INFINITY, f32::min).floor();
        let max_x = p
            .iter()
            .map(|q| q.0)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil();
        let min_y = p.iter().map(|q| q.1).fold(f32::INFINITY, f32::min).floor();
        let max_y = p
            .iter()
            .map(|q| q.1)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil();
        let x0 = (min_x.max(0.0) as usize).max(clip[0]);
        let x1 = (max_x.max(0.0) as usize).min(clip[2]);
        let y0 = (min_y.max(0.0) as usize).max(clip[1]);
        let y1 = (max_y.max(0.0) as usize).min(clip[3]);
        let colors = v.map(|v| {
            let c = v.color;
            [c.r(), c.g(), c.b(), c.a()].map(|x| f32::from(x) / 255.0)
        });
        let top_left = [
            is_top_left(p[1], p[2]),
            is_top_left(p[2], p[0]),
            is_top_left(p[0], p[1]),
        ];
        for y in y0..y1 {
            let py = y as f32 + 0.5;
            for x in x0..x1 {
                let px = x as f32 + 0.5;
                let w = [
                    edge(p[1], p[2], (px, py)),
                    edge(p[2], p[0], (px, py)),
                    edge(p[0], p[1], (px, py)),
                ];
                let inside = w
                    .iter()
                    .zip(top_left)
                    .all(|(&w, tl)| w > 0.0 || (w == 0.0 && tl));
                if !inside {
                    continue;
                }
                let w = w.map(|w| w / area);
                let lerp = |f: &dyn Fn(usize) -> f32| f(0) * w[0] + f(1) * w[1] + f(2) * w[2];
                let u = lerp(&|i| v[i].uv.x);
                let t = lerp(&|i| v[i].uv.y);
                let texel = texture.sample(u, t);
                let src: [f32; 4] = std::array::from_fn(|k| lerp(&|i| colors[i][k]) * texel[k]);
                let dst = &mut self.pixels[y * self.width + x];
                for k in 0..4 {
                    dst[k] = src[k] + dst[k] * (1.0 - src[3]);
                }
            }
        }
    }
}

/// Twice the signed area of the triangle `a`, `b`, `c` (positive when counter-clockwise
/// on screen, where y grows downwards).
fn edge(a: (f32, f32), b: (f32, f32), c: (f32, f32)) -> f32 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

/// Whether the edge from `a` to `b` of a counter-clockwise triangle is a top or a left
/// edge: pixels exactly on it belong to this triangle, not to its neighbour.
fn is_top_left(a: (f32, f32), b: (f32, f32)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    (dy == 0.0 && dx > 0.0) || dy < 0.0
}
