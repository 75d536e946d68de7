//! Where on Earth an event happened: latitude and longitude in degrees, stored exactly
//! to seven decimals (about a centimetre), as whole numbers of 10⁻⁷ degrees.
//!
//! Seven decimals is what GPS exports and geocoders write; storing them as integers keeps
//! every such value exact through loading, saving and exporting (an `f32` would not:
//! `-118.2739756` has nine significant digits), in 8 bytes per event — and 8 as an
//! `Option` too: the latitude is kept offset from zero, so "no place" costs nothing.

use serde::{Deserialize, Serialize};

/// Units of 10⁻⁷ degrees in one degree.
const PER_DEGREE: f64 = 1e7;

/// A point given by latitude (−90 to 90, north positive) and longitude (−180 to 180,
/// east positive), in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(try_from = "Degrees", into = "Degrees")]
pub struct Coordinates {
    /// The latitude in 10⁻⁷ degrees plus [`LAT_OFFSET`]: never zero, which leaves
    /// `Option<Coordinates>` the same size.
    lat_offset: std::num::NonZeroU32,
    lon_e7: i32,
}

/// Added to a latitude's units (at least −900,000,000) to keep it from zero.
const LAT_OFFSET: i64 = 900_000_001;

/// Coordinates as written in a dataset file: `(lat: 34.0592814, lon: -118.2739756)`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Degrees {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// Why a latitude or longitude is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoordinatesError {
    /// Not a finite number.
    #[error("the {0} is not a number")]
    NotANumber(&'static str),
    /// Outside its range.
    #[error("the {what} {value} is outside {range}")]
    OutOfRange {
        /// "latitude" or "longitude".
        what: &'static str,
        /// The value as given.
        value: String,
        /// "−90 to 90" or "−180 to 180".
        range: &'static str,
    },
}

impl Coordinates {
    /// Checked coordinates from degrees (rounded to seven decimals).
    pub fn new(lat: f64, lon: f64) -> Result<Self, CoordinatesError> {
        Ok(Self::from_e7(
            units(lat, "latitude", 90.0, "-90 to 90")?,
            units(lon, "longitude", 180.0, "-180 to 180")?,
        ))
    }

    /// Coordinates from degrees brought into range (a latitude past a pole is the pole;
    /// not a number is 0): for places computed, such as the map's corners.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "clamped to ±180 degrees: at most 1.8e9 units"
    )]
    pub fn clamped(lat: f64, lon: f64) -> Self {
        let units = |d: f64, limit: f64| {
            let d = if d.is_finite() {
                d.clamp(-limit, limit)
            } else {
                0.0
            };
            (d * PER_DEGREE).round() as i32
        };
        Self::from_e7(units(lat, 90.0), units(lon, 180.0))
    }

    /// From units of 10⁻⁷ degrees, already in range (a latitude out of range is a pole).
    fn from_e7(lat_e7: i32, lon_e7: i32) -> Self {
        let lat = i64::from(lat_e7).clamp(-900_000_000, 900_000_000) + LAT_OFFSET;
        let lat_offset = u32::try_from(lat)
            .ok()
            .and_then(std::num::NonZeroU32::new)
            .unwrap_or(std::num::NonZeroU32::MIN);
        Self { lat_offset, lon_e7 }
    }

    /// The latitude in units of 10⁻⁷ degrees.
    fn lat_e7(self) -> i32 {
        i32::try_from(i64::from(self.lat_offset.get()) - LAT_OFFSET).unwrap_or(0)
    }

    /// Latitude in degrees.
    pub fn lat(self) -> f64 {
        f64::from(self.lat_e7()) / PER_DEGREE
    }

    /// Longitude in degrees.
    pub fn lon(self) -> f64 {
        f64::from(self.lon_e7) / PER_DEGREE
    }

    /// Where Web Mercator puts it on a world one unit wide and high: `x` from 0 (180° W)
    /// to 1 (180° E), `y` from 0 (85.05° N) to 1 (85.05° S); latitudes nearer the poles
    /// are put at the edge. The map, its cells and the engine's cells (the same formula
    /// in SQL, `engine::queries`) all place events by it.
    pub fn web_mercator(self) -> (f64, f64) {
        web_mercator(self.lat(), self.lon())
    }

    /// The latitude written exactly, with no trailing zeros ("34.0592814", "60").
    pub fn lat_text(self) -> String {
        decimal(self.lat_e7())
    }

    /// The longitude written exactly, with no trailing zeros.
    pub fn lon_text(self) -> String {
        decimal(self.lon_e7)
    }

    /// As a reader sees it: "34.0592814° N, 118.2739756° W".
    pub fn display(self) -> String {
        let hemisphere = |units: i32, pos: &'static str, neg: &'static str| {
            let side = if units < 0 { neg } else { pos };
            format!("{}° {side}", decimal(units.saturating_abs()))
        };
        format!(
            "{}, {}",
            hemisphere(self.lat_e7(), "N", "S"),
            hemisphere(self.lon_e7, "E", "W")
        )
    }
}

/// A box of latitudes and longitudes, both edges included: what a box drawn on the map
/// keeps (the place filter). Stored exactly, as [`Coordinates`] are; west is never east
/// of east (a box does not cross the antimeridian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Area {
    south_e7: i32,
    west_e7: i32,
    north_e7: i32,
    east_e7: i32,
}

impl Area {
    /// The box with `a` and `b` at opposite corners.
    pub fn spanning(a: Coordinates, b: Coordinates) -> Self {
        Self {
            south_e7: a.lat_e7().min(b.lat_e7()),
            north_e7: a.lat_e7().max(b.lat_e7()),
            west_e7: a.lon_e7.min(b.lon_e7),
            east_e7: a.lon_e7.max(b.lon_e7),
        }
    }

    /// The box between its edges in units of 10⁻⁷ degrees, both included (brought
    /// into range and order).
    pub(crate) fn from_e7(south: i32, west: i32, north: i32, east: i32) -> Self {
        Self::spanning(
            Coordinates::from_e7(south, west.clamp(-1_800_000_000, 1_800_000_000)),
            Coordinates::from_e7(north, east.clamp(-1_800_000_000, 1_800_000_000)),
        )
    }

    /// The south-west corner.
    pub fn south_west(self) -> Coordinates {
        Coordinates::from_e7(self.south_e7, self.west_e7)
    }

    /// The north-east corner.
    pub fn north_east(self) -> Coordinates {
        Coordinates::from_e7(self.north_e7, self.east_e7)
    }

    /// Whether `c` is inside (edges included).
    pub fn contains(self, c: Coordinates) -> bool {
        (self.south_e7..=self.north_e7).contains(&c.lat_e7())
            && (self.west_e7..=self.east_e7).contains(&c.lon_e7)
    }

    /// As a reader sees it: "44.3° N to 52.4° N, 22.1° E to 40.2° E", to a tenth of a
    /// degree (about 10 km: what a box drawn by hand means).
    pub fn display(self) -> String {
        let lat = |u: i32| {
            let side = if u < 0 { "S" } else { "N" };
            format!("{:.1}° {side}", f64::from(u.saturating_abs()) / PER_DEGREE)
        };
        let lon = |u: i32| {
            let side = if u < 0 { "W" } else { "E" };
            format!("{:.1}° {side}", f64::from(u.saturating_abs()) / PER_DEGREE)
        };
        format!(
            "{} to {}, {} to {}",
            lat(self.south_e7),
            lat(self.north_e7),
            lon(self.west_e7),
            lon(self.east_e7)
        )
    }
}

impl TryFrom<Degrees> for Coordinates {
    type Error = CoordinatesError;

    fn try_from(d: Degrees) -> Result<Self, Self::Error> {
        Self::new(d.lat, d.lon)
    }
}

impl From<Coordinates> for Degrees {
    fn from(c: Coordinates) -> Self {
        Self {
            lat: c.lat(),
            lon: c.lon(),
        }
    }
}

/// The latitude Web Mercator stops at (the world is then square).
pub const MERCATOR_LIMIT: f64 = 85.051_128_779_806_59;

/// [`Coordinates::web_mercator`] of degrees.
pub fn web_mercator(lat: f64, lon: f64) -> (f64, f64) {
    let phi = lat.clamp(-MERCATOR_LIMIT, MERCATOR_LIMIT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (phi.tan() + 1.0 / phi.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The latitude and longitude at Web Mercator's `(x, y)` (the inverse of
/// [`web_mercator`]; `y` outside 0–1 gives the limit latitude).
pub fn from_web_mercator(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * y.clamp(0.0, 1.0));
    let lat = n.sinh().atan().to_degrees();
    (lat, lon)
}

/// Degrees as whole units of 10⁻⁷, checked against ±`limit`.
fn units(
    degrees: f64,
    what: &'static str,
    limit: f64,
    range: &'static str,
) -> Result<i32, CoordinatesError> {
    if !degrees.is_finite() {
        return Err(CoordinatesError::NotANumber(what));
    }
    if degrees.abs() > limit {
        return Err(CoordinatesError::OutOfRange {
            what,
            value: degrees.to_string(),
            range,
        });
    }
    // |degrees| ≤ 180, so the product fits an i32 (1.8e9 < 2.147e9).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "in range: at most 1.8e9 in magnitude, checked above"
    )]
    Ok((degrees * PER_DEGREE).round() as i32)
}

/// Whole units of 10⁻⁷ as a decimal with no trailing zeros.
fn decimal(units: i32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let whole = abs / 10_000_000;
    let frac = abs % 10_000_000;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:07}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Reads a latitude or longitude as a table cell or a form writes it: a decimal number
/// ("34.0592814", "-118.27", "+60"), with a comma accepted as the decimal mark when it
/// is the only one ("60,17").
pub fn parse_degrees(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let owned;
    let t = if t.matches(',').count() == 1 && !t.contains('.') {
        owned = t.replace(',', ".");
        owned.as_str()
    } else {
        t
    };
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten million events of a table pay for a place whether they have one or not: an
    /// absent place must cost no more than a present one, and the poles and the
    /// antimeridian come back exact.
    #[test]
    fn a_place_costs_eight_bytes_present_or_absent() {
        assert_eq!(size_of::<Option<Coordinates>>(), 8);
        assert!(
            size_of::<crate::model::Event>() <= 108,
            "the event record grew: {} bytes",
            size_of::<crate::model::Event>()
        );
        for (lat, lon) in [
            (90.0, 180.0),
            (-90.0, -180.0),
            (0.0, 0.0),
            (-0.000_000_1, 1e-7),
        ] {
            let c = Coordinates::new(lat, lon).unwrap();
            assert_eq!((c.lat(), c.lon()), (lat, lon));
        }
        let south_pole = Coordinates::clamped(-100.0, 0.0);
        assert_eq!(south_pole.lat(), -90.0);
    }

    #[test]
    fn seven_decimals_round_trip_exactly() {
        let c = Coordinates::new(34.059_281_4, -118.273_975_6).unwrap();
        assert_eq!(c.lat_text(), "34.0592814");
        assert_eq!(c.lon_text(), "-118.2739756");
        assert_eq!(c.display(), "34.0592814° N, 118.2739756° W");
        let ron = ron::to_string(&c).unwrap();
        assert_eq!(ron::from_str::<Coordinates>(&ron).unwrap(), c);
    }

    #[test]
    fn out_of_range_and_not_numbers_are_refused() {
        assert!(Coordinates::new(90.5, 0.0).is_err());
        assert!(Coordinates::new(0.0, -180.01).is_err());
        assert!(Coordinates::new(f64::NAN, 0.0).is_err());
        assert!(Coordinates::new(-90.0, 180.0).is_ok());
        assert_eq!(decimal(-5), "-0.0000005");
        assert_eq!(decimal(600_000_000), "60");
    }

    #[test]
    fn cells_are_read_as_degrees() {
        assert_eq!(parse_degrees(" 60,17 "), Some(60.17));
        assert_eq!(parse_degrees("+24.5"), Some(24.5));
        assert_eq!(parse_degrees("-118.2739756"), Some(-118.273_975_6));
        assert_eq!(parse_degrees("N 60"), None);
        assert_eq!(parse_degrees("1e400"), None);
        assert_eq!(parse_degrees(""), None);
        assert_eq!(parse_degrees("1,000.5"), None);
    }
}
