//! Disputes as JSON for scripts, in a shape kept stable:
//! `[{"question": "…", "sides": [["event-id", …], ["event-id", …]], "declines":
//! ["event-id", …], "conflicts": ["relation-id", …], "editor_links": ["relation-id", …]}]`
//! (`editor_links`: the question's links that the dataset's editor made, not the
//! articles).

use serde_json::{Value, json};

use super::Dispute;
use crate::model::{Dataset, EventIdx};

/// The disputes as a JSON array.
pub fn to_json(ds: &Dataset, disputes: &[Dispute]) -> Value {
    let ids = |events: &[EventIdx]| -> Vec<&str> {
        events
            .iter()
            .map(|&e| ds.str(ds.events[e as usize].id))
            .collect()
    };
    Value::Array(
        disputes
            .iter()
            .map(|d| {
                json!({
                    "question": d.question,
                    "sides": [ids(&d.sides[0]), ids(&d.sides[1])],
                    "declines": ids(&d.declines),
                    "conflicts": d.conflicts.iter().map(|&r| ds.str(ds.relations[r].id)).collect::<Vec<_>>(),
                    "editor_links": d
                        .relations
                        .iter()
                        .filter_map(|&r| ds.relations.get(r))
                        .filter(|r| r.linked_by.is_editor())
                        .map(|r| ds.str(r.id))
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
