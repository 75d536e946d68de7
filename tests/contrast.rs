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

/// All text the panels write meets WCAG AA in both themes: ordinary, secondary (dates,
/// "Cites:", how a date was worked out, counts, the legend's captions), strong, links,
/// warnings, errors and button text on every background the panels use; each status's
/// word there, and on a selected row's fill.
#[test]
fn every_panel_text_colour_meets_aa_in_both_themes() {
    use claimline::app::style;
    let rgba = |c: egui::Color32| {
        let [r, g, b, a] = c.to_srgba_unmultiplied();
        Rgba { r, g, b, a }
    };
    let mut failures = Vec::new();
    for dark in [false, true] {
        let theme = if dark { "dark" } else { "light" };
        let v = style::visuals(dark);
        let backgrounds: Vec<(&str, egui::Color32)> =
            ["panel", "window", "text field", "faint stripe", "button"]
                .into_iter()
                .zip(style::text_backgrounds(&v))
                .collect();
        assert_eq!(backgrounds.len(), 5);
        let mut texts = vec![
            ("text".to_owned(), v.text_color()),
            ("secondary text".to_owned(), v.weak_text_color()),
            ("strong text".to_owned(), v.strong_text_color()),
            ("link".to_owned(), v.hyperlink_color),
            ("warning".to_owned(), v.warn_fg_color),
            ("error".to_owned(), v.error_fg_color),
        ];
        for status in Status::ALL {
            texts.push((
                format!("{status:?} word"),
                style::status_text_color(status, &v),
            ));
        }
        for (text, fg) in &texts {
            for (bg_name, bg) in &backgrounds {
                // Status words are labels, never on a button.
                if text.ends_with(" word") && *bg_name == "button" {
                    continue;
                }
                let ratio = contrast(rgba(*fg), rgba(*bg));
                if ratio < AA_TEXT {
                    failures.push(format!("{theme}: {text} on {bg_name}: {ratio:.2}:1"));
                }
            }
        }
        // A button's own text on its fill; a selected row's words on the selection.
        let button = contrast(
            rgba(v.widgets.inactive.fg_stroke.color),
            rgba(v.widgets.inactive.weak_bg_fill),
        );
        if button < AA_TEXT {
            failures.push(format!("{theme}: button text: {button:.2}:1"));
        }
        for status in Status::ALL {
            let ratio = contrast(
                rgba(style::status_text_color_selected(status, &v)),
                rgba(v.selection.bg_fill),
            );
            if ratio < AA_TEXT {
                failures.push(format!(
                    "{theme}: {status:?} word on a selected row: {ratio:.2}:1"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
}
