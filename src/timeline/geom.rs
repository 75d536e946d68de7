//! Plain geometry for the timeline scene: points and rectangles in points (1/72 inch at
//! 1×), y growing downwards, with no dependency on any drawing library.

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Across.
    pub x: f32,
    /// Down.
    pub y: f32,
}

impl Point {
    /// The point at `x`, `y`.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Distance to `other`.
    pub fn distance(self, other: Self) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// An axis-aligned rectangle, `min` its top-left corner and `max` its bottom-right.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// The rectangle spanning `x0..x1` across and `y0..y1` down.
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self {
            min: Point::new(x0, y0),
            max: Point::new(x1, y1),
        }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// The centre.
    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Grown by `by` on every side (shrunk when negative).
    #[must_use]
    pub fn expand(&self, by: f32) -> Self {
        Self::new(
            self.min.x - by,
            self.min.y - by,
            self.max.x + by,
            self.max.y + by,
        )
    }

    /// The part inside `other` (empty when they do not meet).
    #[must_use]
    pub fn intersect(&self, other: &Self) -> Self {
        let r = Self::new(
            self.min.x.max(other.min.x),
            self.min.y.max(other.min.y),
            self.max.x.min(other.max.x),
            self.max.y.min(other.max.y),
        );
        if r.width() < 0.0 || r.height() < 0.0 {
            Self::new(r.min.x, r.min.y, r.min.x, r.min.y)
        } else {
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_needs_shared_area() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 20.0, 20.0)));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 20.0, 10.0)), "touching");
        assert_eq!(a.intersect(&Rect::new(20.0, 20.0, 30.0, 30.0)).width(), 0.0);
        assert!(a.expand(2.0).contains(Point::new(-1.0, 11.0)));
    }
}
