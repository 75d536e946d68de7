//! What the timeline needs besides the lanes' answers, for a table that is not loaded:
//! a document with no events (its title, the kinds it holds for the legend) and a
//! filtered view reduced to its span, its linear time axis and its overview — the
//! counts the engine gives. With it, the scene draws an engine's table as it draws a
//! loaded one (`SceneInput::answers` asks the engine for the lanes).

use std::path::Path;

use super::queries::EngineData;
use crate::load::Loaded;
use crate::model::DatasetBuilder;
use crate::timeline::axis::{Interval, TimeAxis};
use crate::timeline::seam::{DataError, TimelineData};
use crate::timeline::{
    Axis, Derived, Document, Filter, Filtered, OVERVIEW_BUCKETS, Origin, TimeScale,
};

/// A document standing for the table at `path`, and its view on a linear axis (the
/// compressed axis needs every event's span; the engine hands back counts).
pub fn shell(
    source: &EngineData,
    path: &Path,
    filter: &Filter,
) -> Result<(Document, Derived), DataError> {
    let title = path
        .file_stem()
        .map_or_else(|| "Table".to_owned(), |s| s.to_string_lossy().into_owned());
    let title = title
        .strip_suffix(".claimline")
        .unwrap_or(&title)
        .to_owned();
    let dataset = DatasetBuilder::new(&title, "A table opened through the query engine.")
        .map_err(|e| DataError::Unavailable(e.to_string()))?
        .finish();
    let mut doc = Document::new(
        Loaded {
            dataset,
            warnings: Vec::new(),
            file: path.to_owned(),
            table: None,
        },
        Origin::File(path.to_owned()),
    );
    for lane in source.lanes()? {
        if let Some(k) = lane.kind {
            doc.kind_counts[k.index()] = lane.count;
        }
    }
    let (span, mids) = source.overview()?;
    let axis = match span {
        Some((a, b)) => TimeAxis::build(
            &[Interval {
                start: f64::from(a),
                end: f64::from(b) + 1.0,
            }],
            TimeScale::Linear,
        ),
        None => TimeAxis::default(),
    };
    let mut counts = vec![0u32; OVERVIEW_BUCKETS];
    for (m2, n) in mids {
        // The middle of an event's days, as the in-memory overview counts it.
        let u = axis.u(m2 as f64 / 2.0);
        let bucket =
            ((u * OVERVIEW_BUCKETS as f64).floor().max(0.0) as usize).min(OVERVIEW_BUCKETS - 1);
        counts[bucket] = counts[bucket].saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
    }
    let linear = Axis {
        axis,
        counts,
        disputed: vec![0; OVERVIEW_BUCKETS],
    };
    let derived = Derived {
        filter: filter.clone(),
        filtered: Filtered {
            order: Vec::new(),
            span,
        },
        lanes: crate::timeline::Lanes::default(),
        compressed: linear.clone(),
        linear,
    };
    Ok((doc, derived))
}
