//! The map beside the timeline: where the events happened. Knows nothing of egui.
//!
//! `basemap` (Natural Earth's coasts and borders, embedded), `view` (pan, zoom and fit
//! on the Web Mercator square), `scene` (the map laid out as plain data: events one by
//! one at their places, or the density grid's cells when there are too many; the place
//! filter's box) and `paint` (the map on any `timeline::canvas::Canvas`, with the
//! timeline's markers). What is on the map is asked of the timeline's data through the
//! seam (`TimelineData::places`), so a table read through an engine maps as one in memory.

pub mod asking;
pub mod basemap;
pub mod frame;
pub mod paint;
pub mod scene;
pub mod tiles;
pub mod view;

pub use scene::{MapInput, MapScene};
pub use view::MapView;
