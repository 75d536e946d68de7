//! All text the timeline draws meets WCAG AA (4.5:1) in the light and the dark theme,
//! computed from `timeline::look`: ordinary, secondary and emphasized text, the names of
//! off-screen links in their relation's hue, status words in the panels, over every
//! background text lands on (the panel, a shaded lane, an era band, the selection's band,
//! the selected label's plate). Status stays readable without colour: each has its own
//! glyph (checked where the legend is drawn, `tests/ui_viewer.rs`).

use claimline::model::{RelationKind, Status};
use claimline::timeline::look::{self, AA_TEXT, ERA_COLOURS, Palette, Rgba, contrast, over};

#[test]
fn every_text_colour_meets_aa_on_every_background_in_both_themes() {
    let mut failures = Vec::new();
    for (theme, p) in [("light", Palette::LIGHT), ("dark", Palette::DARK)] {
        let mut backgrounds: Vec<(String, Rgba)> = vec![
            ("panel".into(), p.panel),
            ("shaded lane".into(), over(p.lane_shade, p.panel)),
            (
                "selection band".into(),
                over(p.selection.fade(0.08), p.panel),
            ),
        ];
        for (i, era) in ERA_COLOURS.iter().enumerate() {
            backgrounds.push((format!("era {i}"), over(era.fade(0.12), p.panel)));
        }
        let mut texts: Vec<(String, Rgba)> = vec![
            ("text".into(), p.text),
            ("weak text".into(), p.weak),
            ("strong text".into(), p.strong),
        ];
        for kind in RelationKind::ALL {
            texts.push((
                format!("{kind:?} link name"),
                look::relation_text_color(kind, &p),
            ));
        }
        for status in Status::ALL {
            texts.push((
                format!("{status:?} word"),
                look::status_text_color(status, &p),
            ));
        }
        for (text, fg) in &texts {
            for (bg_name, bg) in &backgrounds {
                let ratio = contrast(*fg, *bg);
                if ratio < AA_TEXT {
                    failures.push(format!("{theme}: {text} on {bg_name}: {ratio:.2}:1"));
                }
            }
        }
        // The selected label: strong text on its plate.
        let ratio = contrast(p.strong, p.background);
        if ratio < AA_TEXT {
            failures.push(format!(
                "{theme}: selected label on its plate: {ratio:.2}:1"
            ));
        }
    }
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
}

#[test]
fn the_contrast_arithmetic_matches_wcag() {
    assert!((contrast(Rgba::gray(0), Rgba::gray(255)) - 21.0).abs() < 0.01);
    assert!((contrast(Rgba::gray(255), Rgba::gray(255)) - 1.0).abs() < 0.001);
    // #777 on white is the well-known 4.48:1.
    assert!((contrast(Rgba::gray(0x77), Rgba::gray(255)) - 4.48).abs() < 0.01);
    // A faded colour is what it looks like over its background.
    assert_eq!(
        over(Rgba::gray(0).fade(0.5), Rgba::gray(254)),
        Rgba::gray(127)
    );
}
