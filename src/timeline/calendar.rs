//! Calendar-aligned ticks for a time axis measured in day numbers: years, months or days
//! depending on the zoom, a bounded number of them whatever the range.

use chrono::{Datelike as _, NaiveDate};

use crate::model::date::{date_of, day_number};

/// A tick: where (a day number) and the approximate length in days of its unit, which
/// says how prominent it is and how to label it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Day number of the tick.
    pub day: f64,
    /// Approximate days in the tick's unit (1, 7, 30.4, 365.2, …).
    pub unit_days: f64,
}

#[derive(Clone, Copy, Debug)]
enum Unit {
    Days(u32),
    Months(u32),
    Years(i32),
}

const MONTH_DAYS: f64 = 30.44;
const YEAR_DAYS: f64 = 365.25;

impl Unit {
    fn approx_days(self) -> f64 {
        match self {
            Self::Days(n) => f64::from(n),
            Self::Months(n) => f64::from(n) * MONTH_DAYS,
            Self::Years(n) => f64::from(n) * YEAR_DAYS,
        }
    }
}

/// Units from finest to coarsest. Day units restart each month (1, 11, 21 for ten
/// days) so that every unit's ticks fall on the next coarser unit's ticks where they
/// meet, and labels of different units never crowd each other.
const UNITS: [Unit; 19] = [
    Unit::Days(1),
    Unit::Days(2),
    Unit::Days(5),
    Unit::Days(10),
    Unit::Months(1),
    Unit::Months(3),
    Unit::Months(6),
    Unit::Years(1),
    Unit::Years(2),
    Unit::Years(5),
    Unit::Years(10),
    Unit::Years(20),
    Unit::Years(50),
    Unit::Years(100),
    Unit::Years(200),
    Unit::Years(500),
    Unit::Years(1000),
    Unit::Years(10_000),
    Unit::Years(100_000),
];

/// Most ticks produced per unit, whatever the input.
const MAX_TICKS_PER_UNIT: usize = 400;

/// Ticks over the day range `min..=max` whose finest unit is at least `min_step_days`
/// long: that unit and the coarser ones up to the whole range, each day listed once with
/// its coarsest unit.
pub fn ticks(min: f64, max: f64, min_step_days: f64) -> Vec<Tick> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    let first = UNITS
        .iter()
        .position(|u| u.approx_days() >= min_step_days)
        .unwrap_or(UNITS.len() - 1);
    // The finest unit that fits, and every coarser one up to the whole range: the
    // axis labels whichever level is wide enough for its labels.
    let levels = UNITS[first..]
        .iter()
        .take_while(|u| u.approx_days() <= (max - min) * 2.0)
        .count()
        .clamp(1, 6);
    let mut out: Vec<Tick> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for unit in UNITS[first..].iter().take(levels).rev() {
        for day in unit_starts(*unit, min, max) {
            if seen.insert(day.to_bits()) {
                out.push(Tick {
                    day,
                    unit_days: unit.approx_days(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.day.total_cmp(&b.day));
    out
}

/// Start days of `unit` within `min..=max`.
fn unit_starts(unit: Unit, min: f64, max: f64) -> Vec<f64> {
    let clamp = |d: f64| d.clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32;
    let (Some(lo), Some(hi)) = (date_of(clamp(min.floor())), date_of(clamp(max.ceil()))) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match unit {
        Unit::Days(n) => {
            // Days 1, 1+n, 1+2n, … of each month, stopping early enough that the last
            // one is not crowded against the 1st of the next month.
            let mut d = day_number(lo.with_day(1).unwrap_or(lo));
            let end = day_number(hi).min(d.saturating_add(MAX_TICKS_PER_UNIT as i32 * 31));
            while d <= end && out.len() < MAX_TICKS_PER_UNIT {
                let Some(date) = date_of(d) else {
                    break;
                };
                let dom = date.day();
                let fits = (dom - 1) % n == 0 && (n == 1 || dom + n / 2 <= days_in_month(date));
                if fits && f64::from(d) >= min {
                    out.push(f64::from(d));
                }
                d += 1;
            }
        }
        Unit::Months(n) => {
            let mut months = lo.year() * 12 + lo.month0() as i32;
            months -= months.rem_euclid(n as i32);
            let end = hi.year() * 12 + hi.month0() as i32;
            while months <= end && out.len() < MAX_TICKS_PER_UNIT {
                let (y, m) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, 1) {
                    let day = f64::from(day_number(date));
                    if day >= min && day <= max {
                        out.push(day);
                    }
                }
                months += n as i32;
            }
        }
        Unit::Years(n) => {
            let mut y = lo.year() - lo.year().rem_euclid(n);
            while y <= hi.year() && out.len() < MAX_TICKS_PER_UNIT {
                if let Some(date) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    let day = f64::from(day_number(date));
                    if day >= min && day <= max {
                        out.push(day);
                    }
                }
                y += n;
            }
        }
    }
    out
}

fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(28, |last| last.day())
}

/// A tick's label, as precise as its unit: "2019", "Nov 2024", "7 Nov 2024".
pub fn label(day: f64, unit_days: f64) -> String {
    let d = day
        .round()
        .clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32;
    let Some(date) = date_of(d) else {
        return String::new();
    };
    let month = crate::english::month_name(date.month0());
    if unit_days >= YEAR_DAYS - 1.0 {
        format!("{}", date.year())
    } else if unit_days >= MONTH_DAYS - 3.0 {
        format!("{month} {}", date.year())
    } else {
        format!("{} {month} {}", date.day(), date.year())
    }
}

/// The date of `day` at the precision the zoom suggests, given how many days 40 points
/// of the timeline cover there: a year when they cover half a year or more, a month
/// when they cover ten days or more, otherwise the day.
pub fn date_at_zoom(day: f64, days_per_40_points: f64) -> String {
    // The day is finite and within the calendar (the view is limited to it).
    #[allow(clippy::cast_possible_truncation, reason = "a day number fits an i32")]
    let day = day.floor() as i32;
    let Some(date) = date_of(day) else {
        return "2024".to_owned();
    };
    if days_per_40_points >= 182.0 {
        date.format("%Y").to_string()
    } else if days_per_40_points >= 10.0 {
        date.format("%Y-%m").to_string()
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        f64::from(day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn zoomed_out_gives_years() {
        let t = ticks(day(2017, 1, 1), day(2024, 12, 31), 200.0);
        let labels: Vec<String> = t.iter().map(|t| label(t.day, t.unit_days)).collect();
        assert!(labels.contains(&"2018".to_owned()), "{labels:?}");
        assert!(labels.iter().all(|l| l.len() == 4), "{labels:?}");
    }

    #[test]
    fn zoomed_in_gives_months_then_days() {
        let t = ticks(day(2024, 9, 1), day(2024, 12, 31), 20.0);
        let labels: Vec<String> = t.iter().map(|t| label(t.day, t.unit_days)).collect();
        assert!(labels.contains(&"Nov 2024".to_owned()), "{labels:?}");
        let t = ticks(day(2024, 11, 1), day(2024, 11, 14), 0.5);
        let labels: Vec<String> = t.iter().map(|t| label(t.day, t.unit_days)).collect();
        assert!(labels.contains(&"7 Nov 2024".to_owned()), "{labels:?}");
    }

    #[test]
    fn coarse_levels_are_there_for_labels_when_years_are_narrow() {
        // Eight years at quarter-year resolution: 2-year and 5-year ticks must exist so
        // the axis can label them when single years are too narrow for a label.
        let t = ticks(day(2017, 1, 1), day(2024, 12, 31), 80.0);
        assert!(t.iter().any(|t| t.unit_days > 700.0), "{t:?}");
    }

    #[test]
    fn day_ticks_nest_in_months() {
        let t = ticks(day(2024, 10, 1), day(2024, 12, 31), 8.0);
        let days: Vec<u32> = t
            .iter()
            .filter_map(|t| date_of(t.day as i32))
            .map(|d| d.day())
            .collect();
        assert!(days.iter().all(|d| [1, 11, 21].contains(d)), "{days:?}");
        let first_of_month = t.iter().find(|t| t.day == day(2024, 11, 1)).unwrap();
        assert!(
            first_of_month.unit_days > 28.0,
            "the 1st is labelled as a month"
        );
    }

    #[test]
    fn tick_count_is_capped_for_any_range() {
        assert!(ticks(-1.0e9, 1.0e9, 1e-9).len() <= 6 * MAX_TICKS_PER_UNIT);
        assert!(ticks(0.0, 1e7, 0.0).len() <= 6 * MAX_TICKS_PER_UNIT);
        assert!(ticks(f64::NAN, 1.0, 1.0).is_empty());
    }

    #[test]
    fn each_day_appears_once_with_its_coarsest_unit() {
        let t = ticks(day(2019, 1, 1), day(2021, 1, 1), 25.0);
        let jan_2020: Vec<&Tick> = t.iter().filter(|t| t.day == day(2020, 1, 1)).collect();
        assert_eq!(jan_2020.len(), 1);
        assert!(jan_2020[0].unit_days > 100.0);
    }
}
