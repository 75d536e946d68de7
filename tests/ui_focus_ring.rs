//! Every Tab stop shows that it has the keyboard focus: Tab through the whole window and,
//! at each stop, the pixels where the focused widget is change when it takes the focus.
//! (A stop that looks the same focused as not leaves a keyboard user lost.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use claimline::app::AppOptions;
use egui::Key;

/// The pixels of `image` inside `rect` (in points, at one pixel a point).
fn crop(image: &image::RgbaImage, rect: egui::Rect) -> Vec<u8> {
    let (w, h) = image.dimensions();
    let x0 = (rect.min.x.max(0.0) as u32).min(w);
    let x1 = (rect.max.x.max(0.0).ceil() as u32).min(w);
    let y0 = (rect.min.y.max(0.0) as u32).min(h);
    let y1 = (rect.max.y.max(0.0).ceil() as u32).min(h);
    let mut out = Vec::new();
    for y in y0..y1 {
        for x in x0..x1 {
            out.extend_from_slice(&image.get_pixel(x, y).0);
        }
    }
    out
}

#[test]
fn every_tab_stop_looks_focused_when_it_has_the_focus() {
    let mut h = common::harness(AppOptions {
        select: Some("reported-call-2024-11-07".to_owned()),
        ..AppOptions::default()
    });
    for _ in 0..40 {
        h.step();
    }
    h.run();
    let mut before = h.render().unwrap();
    let mut seen = std::collections::HashSet::new();
    let mut unmarked = Vec::new();
    for _ in 0..120 {
        h.key_press(Key::Tab);
        for _ in 0..4 {
            h.step();
        }
        h.run();
        let Some(id) = h.ctx.memory(egui::Memory::focused) else {
            continue;
        };
        if !seen.insert(id) {
            break;
        }
        let after = h.render().unwrap();
        let rect = h.ctx.read_response(id).unwrap().rect.expand(3.0);
        if crop(&before, rect) == crop(&after, rect) {
            let name = h
                .ctx
                .read_response(id)
                .map(|r| format!("{:?} at {:?}", r.id, r.rect))
                .unwrap_or_default();
            unmarked.push(name);
        }
        before = after;
    }
    assert!(seen.len() > 40, "Tab reached only {} stops", seen.len());
    assert!(
        unmarked.is_empty(),
        "{} Tab stops look the same with the focus:\n{}",
        unmarked.len(),
        unmarked.join("\n")
    );
}
