//! What the timeline needs besides the lanes' answers, for a table that is not loaded:
//! a document with no events (the dataset's header kept by `convert` — title,
//! description, author, actors, sources, eras — and the kinds it holds for the legend)
//! and a filtered view reduced to its span, its time axes (the compressed one laid out
//! from the table's distinct spans) and its overview with its disputed share — the
//! counts the engine gives. With it, the scene draws an engine's table as it draws a
//! loaded one (`SceneInput::answers` asks the engine for the lanes and the links).

use std::path::Path;

use super::queries::EngineData;
use crate::load::Loaded;
use crate::model::DatasetBuilder;
use crate::timeline::axis::{Interval, TimeAxis};
use crate::timeline::seam::{DataError, TimelineData};
use crate::timeline::{
    Axis, Derived, Document, Filter, Filtered, OVERVIEW_BUCKETS, Origin, TimeScale,
};

/// Most events for which opening a table reads it whole, for its distinct spans (the
/// compressed axis) and its disputed events' middles (the overview's disputed share).
pub const WHOLE_READ_ROWS: usize = 5_000_000;

/// A document standing for the table at `path`, and its view: both time axes and the
/// overview, from the engine's counts.
pub fn shell(
    source: &EngineData,
    path: &Path,
    filter: &Filter,
) -> Result<(Document, Derived), DataError> {
    let dataset = match header(path) {
        Some(dataset) => dataset,
        None => {
            let title = path
                .file_stem()
                .map_or_else(|| "Table".to_owned(), |s| s.to_string_lossy().into_owned());
            let title = title
                .strip_suffix(".claimline")
                .unwrap_or(&title)
                .to_owned();
            DatasetBuilder::new(&title, "A table opened through the query engine.")
                .map_err(|e| DataError::Unavailable(e.to_string()))?
                .finish()
        }
    };
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
    // Both read the whole table: a few seconds at 100 million rows, past the time an
    // opening may take. Past `WHOLE_READ_ROWS` the axis is linear and the overview
    // shows no disputed share.
    let rows: usize = doc.kind_counts.iter().sum();
    let (disputed, spans) = if rows <= WHOLE_READ_ROWS {
        (source.disputed_mids()?, source.spans()?)
    } else {
        (
            Vec::new(),
            span.map(|(a, b)| vec![(a, b + 1, 1)]).unwrap_or_default(),
        )
    };
    let intervals: Vec<Interval> = spans
        .iter()
        .map(|&(a, z, _)| Interval {
            start: f64::from(a),
            end: f64::from(z),
        })
        .collect();
    let weights: Vec<u64> = spans.iter().map(|s| s.2).collect();
    let axis_for = |scale: TimeScale| {
        let axis = TimeAxis::build_weighted(&intervals, &weights, scale);
        let buckets = |mids: &[(i64, u64)]| {
            let mut counts = vec![0u32; OVERVIEW_BUCKETS];
            for &(m2, n) in mids {
                // The middle of an event's days, as the in-memory overview counts it.
                let u = axis.u(m2 as f64 / 2.0);
                let bucket = ((u * OVERVIEW_BUCKETS as f64).floor().max(0.0) as usize)
                    .min(OVERVIEW_BUCKETS - 1);
                counts[bucket] =
                    counts[bucket].saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            }
            counts
        };
        Axis {
            counts: buckets(&mids),
            disputed: buckets(&disputed),
            axis,
        }
    };
    let derived = Derived {
        filter: filter.clone(),
        filtered: Filtered {
            order: Vec::new(),
            span,
        },
        lanes: crate::timeline::Lanes::default(),
        compressed: axis_for(TimeScale::Compressed),
        linear: axis_for(TimeScale::Linear),
    };
    Ok((doc, derived))
}

/// The dataset's header kept in the first events file's footer by `convert`
/// ([`super::convert::HEADER_KEY`]): its title, description, author, actors, sources
/// and eras. `None` for a table converted from a table, or written before headers were
/// kept, or whose header does not read (logged).
pub fn header(path: &Path) -> Option<crate::model::Dataset> {
    use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
    let first = super::queries::event_files(path).into_iter().next()?;
    let file = std::fs::File::open(&first).ok()?;
    let reader = SerializedFileReader::new(file).ok()?;
    let text = reader
        .metadata()
        .file_metadata()
        .key_value_metadata()?
        .iter()
        .find(|kv| kv.key == super::convert::HEADER_KEY)?
        .value
        .clone()?;
    match crate::load::load_bytes(
        text.as_bytes(),
        &first,
        crate::load::LoadOptions::default(),
        None,
    ) {
        Ok(loaded) => Some(loaded.dataset),
        Err(e) => {
            log::warn!(
                "{}: the dataset's header in its footer does not read, so the table is titled after its file: {}",
                first.display(),
                e.headline()
            );
            None
        }
    }
}
