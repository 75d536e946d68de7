//! What the timeline needs besides the lanes' answers, for a table that is not loaded:
//! a document with no events (the dataset's header kept by `convert` — title,
//! description, author, actors, sources, eras — and the kinds it holds for the legend)
//! and a filtered view reduced to its span, its time axes (the compressed one laid out
//! from the table's distinct spans, [`super::spans`]) and its overview with its
//! disputed share — the counts the engine gives. With it, the scene draws an engine's table as it draws a
//! loaded one (`SceneInput::answers` asks the engine for the lanes and the links).

use std::path::Path;

use super::queries::EngineData;
use crate::load::Loaded;
use crate::model::DatasetBuilder;
use crate::timeline::axis::{Interval, TimeAxis};
use crate::timeline::seam::DataError;
use crate::timeline::{
    Axis, Derived, Document, Facet, Filter, Filtered, OVERVIEW_BUCKETS, Origin, TimeScale,
};

/// Most events for which opening a table without spans and day counts beside it (or
/// under filters they cannot answer) reads it whole, for its distinct spans (the
/// compressed axis) and its disputed events' middles (the overview's disputed share).
pub const WHOLE_READ_ROWS: usize = 5_000_000;

/// A document standing for the table at `path`, and its view: both time axes and the
/// overview, from the engine's counts.
pub fn shell(
    source: &EngineData,
    path: &Path,
    filter: &Filter,
) -> Result<(Document, Derived), DataError> {
    shell_within(source, path, filter, WHOLE_READ_ROWS)
}

/// [`shell`], reading the table's events whole for its spans only up to `most_rows`
/// events (past them, without spans beside the table, the axis is linear).
pub fn shell_within(
    source: &EngineData,
    path: &Path,
    filter: &Filter,
    most_rows: usize,
) -> Result<(Document, Derived), DataError> {
    let footer = super::footer::footer(path);
    let dataset = match footer
        .as_ref()
        .and_then(|f| f.get(super::footer::HEADER_KEY))
        .and_then(|t| super::footer::header_from(t, path))
    {
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
    // The menus count the whole table, as a dataset's count the whole dataset; what
    // passes the filters is the view's count.
    let passing: usize = source.kinds().iter().map(|&(_, n)| n).sum();
    match source.whole_counts()? {
        Some(whole) => {
            doc.kind_counts = whole.kinds;
            doc.status_counts = whole.statuses;
        }
        // A table without day counts: what passes is all that is known.
        None => {
            for &(k, n) in source.kinds() {
                doc.kind_counts[k.index()] = n;
            }
        }
    }
    doc.has_groups = source.has_groups();
    if let Some(facets) = footer
        .as_ref()
        .and_then(|f| f.get(super::footer::FACETS_KEY))
    {
        let (actors, outlets) = facets_from(&doc.dataset, facets);
        doc.actor_facets = actors;
        doc.outlet_facets = outlets;
    }
    let (span, mids) = source.overview()?;
    // The spans and the day counts written beside the table answer both. Without them
    // (a table converted before they were written, or filters beyond kinds and
    // statuses) both read the whole table: a few seconds at 100 million rows, past the
    // time an opening may take, so past `most_rows` the axis is linear and the overview
    // shows no disputed share.
    let rows: usize = doc.kind_counts.iter().sum();
    // Without its spans the "compressed" axis is the linear one, over the table's span.
    let (spans, compressed) = if rows <= most_rows || source.spans_kept() {
        (source.spans()?, TimeScale::Compressed)
    } else {
        let whole = span.map(|(a, b)| vec![(a, b + 1, 1)]).unwrap_or_default();
        (whole, TimeScale::Linear)
    };
    let disputed = if rows <= most_rows || source.disputed_kept() {
        source.disputed_mids()?
    } else {
        Vec::new()
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
            count: passing,
        },
        lanes: crate::timeline::Lanes {
            mode: source.lane_mode(),
            lanes: Vec::new(),
        },
        compressed: axis_for(compressed),
        linear: axis_for(TimeScale::Linear),
    };
    Ok((doc, derived))
}

/// The actor and outlet facets written by `convert` ([`super::footer::facets_json`]),
/// keyed by the symbols of `ds` (the header): actors by their id, outlets by name; those
/// the header does not know are left out.
fn facets_from(ds: &crate::model::Dataset, json: &str) -> (Vec<Facet>, Vec<Facet>) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return (Vec::new(), Vec::new());
    };
    let pairs = |name: &str| -> Vec<(String, usize)> {
        value
            .get(name)
            .and_then(serde_json::Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|p| {
                        let key = p.get(0)?.as_str()?.to_owned();
                        let n = usize::try_from(p.get(1)?.as_u64()?).ok()?;
                        Some((key, n))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let actors = pairs("actors")
        .into_iter()
        .filter_map(|(id, count)| {
            let a = ds.actors.iter().find(|a| ds.str(a.id) == id)?;
            Some(Facet {
                key: a.id,
                label: ds.str(a.name).to_owned(),
                count,
            })
        })
        .collect();
    let outlets = pairs("outlets")
        .into_iter()
        .filter_map(|(name, count)| {
            let s = ds.sources.iter().find(|s| ds.str(s.outlet) == name)?;
            Some(Facet {
                key: s.outlet,
                label: name,
                count,
            })
        })
        .collect();
    (actors, outlets)
}
