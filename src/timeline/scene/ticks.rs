//! What lies behind the events: eras, the breaks of compressed time with the span each
//! hides, and the calendar grid with its labels — as precise as the zoom allows, each
//! stretch between breaks with its own ticks, no two labels crowding each other, none
//! on a break or past the plot's edges, and a grid line only where a date is named.

use super::{AXIS_HEIGHT, BreakBand, EraBand, SMALL_SIZE, Scene, SceneInput, Tick};
use crate::model::FuzzyDate;
use crate::timeline::axis::TimeAxis;
use crate::timeline::calendar;
use crate::timeline::geom::Rect;
use crate::timeline::metrics::TextMetrics;
use crate::timeline::view::Projection;

/// Space wanted per tick of the finest level drawn.
const TICK_SPACING: f32 = 12.0;
/// Space kept between axis labels.
const LABEL_GAP: f32 = 18.0;
/// Half the width of the "≈" that marks a break on the axis, with a margin.
const BREAK_MARK_HALF_WIDTH: f32 = 8.0;

/// Era bands across the plot.
pub(super) fn eras(input: &SceneInput<'_>, p: &Projection<'_>, scene: &mut Scene) {
    let ds = &input.doc.dataset;
    for (index, era) in ds.eras.iter().enumerate() {
        let a = p.x(f64::from(era.start.earliest()));
        let b = p.x(f64::from(era.end.latest()) + 1.0);
        let rect = Rect::new(a, scene.plot.min.y, b, scene.plot.max.y).intersect(&scene.plot);
        if rect.width() <= 0.0 {
            continue;
        }
        scene.eras.push(EraBand {
            rect,
            title: ds.str(era.title).to_owned(),
            index,
        });
    }
}

/// The breaks of compressed time that are in view.
pub(super) fn breaks(
    axis: &TimeAxis,
    p: &Projection<'_>,
    metrics: &dyn TextMetrics,
    scene: &mut Scene,
) {
    for gap in &axis.gaps {
        let (a, b) = (p.x_of_u(gap.u0), p.x_of_u(gap.u1));
        let rect = Rect::new(a, scene.plot.min.y, b, scene.plot.max.y);
        if rect.max.x < scene.plot.min.x || rect.min.x > scene.plot.max.x {
            continue;
        }
        let label = hidden_span(gap.from, gap.to);
        let _ = metrics;
        scene.breaks.push(BreakBand {
            rect,
            days: (gap.from, gap.to),
            label,
        });
    }
}

/// "Feb 2021 – Sep 2024": the months a break hides (whole months only, so a break
/// never claims more precision than it has).
pub fn hidden_span(from: f64, to: f64) -> String {
    let month = |day: f64| {
        crate::model::date::date_of(crate::timeline::view::whole_day(day)).and_then(|d| {
            use chrono::Datelike as _;
            FuzzyDate::month(d.year(), d.month())
        })
    };
    match (month(from), month(to - 1.0)) {
        (Some(a), Some(b)) if a == b => a.display(),
        (Some(a), Some(b)) => format!("{} – {}", a.display(), b.display()),
        _ => String::new(),
    }
}

/// Calendar ticks for each stretch between breaks, with labels where they fit.
pub(super) fn ticks(
    axis: &TimeAxis,
    p: &Projection<'_>,
    metrics: &dyn TextMetrics,
    scene: &mut Scene,
) {
    let plot = scene.plot;
    let (day0, day1) = scene.days;
    let mut ticks: Vec<(f32, calendar::Tick)> = Vec::new();
    for (from, to) in axis.segments() {
        // Time beyond the ends of the data is laid out like its nearest stretch.
        let from = if from <= axis.span().0 {
            day0.min(from)
        } else {
            from
        };
        let to = if to >= axis.span().1 {
            day1.max(to)
        } else {
            to
        };
        let (a, b) = (from.max(day0), to.min(day1));
        if b <= a {
            continue;
        }
        let px_per_day = (p.x(b) - p.x(a)) / (b - a) as f32;
        if px_per_day <= 0.0 || !px_per_day.is_finite() {
            continue;
        }
        let min_step = f64::from(TICK_SPACING / px_per_day);
        for t in calendar::ticks(a, b, min_step) {
            let x = p.x(t.day);
            if x >= plot.min.x - 0.5 && x <= plot.max.x + 0.5 {
                ticks.push((x, t));
            }
        }
    }
    let finest = ticks
        .iter()
        .map(|(_, t)| t.unit_days)
        .fold(f64::INFINITY, f64::min);
    let coarsest = ticks.iter().map(|(_, t)| t.unit_days).fold(0.0, f64::max);
    // Labels, coarsest unit first, wherever they do not crowd one already placed.
    let mut order: Vec<usize> = (0..ticks.len()).collect();
    order.sort_by(|&i, &j| ticks[j].1.unit_days.total_cmp(&ticks[i].1.unit_days));
    let mut labels: Vec<Option<(String, Rect)>> = vec![None; ticks.len()];
    // Breaks are no place for a label: neither their band nor the "≈" under it.
    let mut placed: Vec<Rect> = scene
        .breaks
        .iter()
        .map(|b| {
            let half = (b.rect.width() / 2.0).max(BREAK_MARK_HALF_WIDTH);
            let x = b.rect.center().x;
            Rect::new(x - half, plot.max.y, x + half, plot.max.y + AXIS_HEIGHT)
        })
        .collect();
    let y = plot.max.y + 3.0;
    let height = metrics.line_height(SMALL_SIZE);
    for i in order {
        let (x, t) = &ticks[i];
        let text = calendar::label(t.day, t.unit_days);
        let width = metrics.measure(&text, SMALL_SIZE).width();
        let rect = Rect::new(x + 3.0, y, x + 3.0 + width, y + height.min(AXIS_HEIGHT));
        if rect.max.x > plot.max.x
            || rect.min.x < plot.min.x
            || placed
                .iter()
                .any(|r| r.expand(LABEL_GAP / 2.0).overlaps(&rect))
        {
            continue;
        }
        placed.push(rect);
        labels[i] = Some((text, rect));
    }
    let range = (coarsest / finest).ln().max(1.0);
    // The grid follows the labels: a line for each date named, not for every unit.
    for ((x, t), label) in ticks.into_iter().zip(labels) {
        if label.is_none() {
            continue;
        }
        scene.ticks.push(Tick {
            x,
            strength: ((t.unit_days / finest).ln() / range) as f32,
            label,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_break_names_the_months_it_hides() {
        let day = |y, m, d| {
            f64::from(crate::model::date::day_number(
                chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            ))
        };
        assert_eq!(
            hidden_span(day(2021, 2, 10), day(2024, 9, 20)),
            "Feb 2021 – Sep 2024"
        );
        assert_eq!(
            hidden_span(day(2024, 11, 12), day(2024, 11, 30)),
            "Nov 2024"
        );
    }
}
