//! What a conversion keeps in the footer of a table's first events file besides its
//! rows: the dataset's header (title, description, author, actors, sources, eras) and
//! the filters' facets, written ([`header_ron`], [`facets_json`]) and read back here.

use std::path::Path;

/// The key of the dataset's header in an events file's footer metadata: the dataset as
/// RON without its events and relations.
pub const HEADER_KEY: &str = "claimline.dataset";

/// The key of the filters' facets in an events file's footer: the actors (by id) and
/// outlets (by name) with how many events each, counted on converting so that opening
/// the table reads none of it ([`facets_json`]).
pub const FACETS_KEY: &str = "claimline.facets";

/// The dataset's actor and outlet facets as JSON: `{"actors": [["trump", 12], …],
/// "outlets": [["Reuters", 3], …]}`, in the order the filter menus list them.
pub fn facets_json(ds: &crate::model::Dataset) -> String {
    use crate::timeline::document::{actor_facets, outlet_facets};
    let pairs = |facets: Vec<crate::timeline::Facet>,
                 key: &dyn Fn(&crate::timeline::Facet) -> String| {
        facets
            .iter()
            .map(|f| serde_json::json!([key(f), f.count]))
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "actors": pairs(actor_facets(ds), &|f| ds.str(f.key).to_owned()),
        "outlets": pairs(outlet_facets(ds), &|f| f.label.clone()),
    })
    .to_string()
}

/// The dataset without its events and relations, as RON that the loader reads back.
pub fn header_ron(ds: &crate::model::Dataset) -> Result<String, ron::Error> {
    let mut header = ds.clone();
    header.events.clear();
    header.relations.clear();
    crate::save::to_ron(&header, crate::save::Layout::Compact)
}

/// The key-value metadata in the footer of the first events file of `path`.
pub fn footer(path: &Path) -> Option<std::collections::HashMap<String, String>> {
    let first = super::layout::event_files(path).into_iter().next()?;
    Some(super::store::footer(&first).ok()?.metadata)
}

/// The dataset's header kept in the first events file's footer by `convert`
/// ([`HEADER_KEY`]): its title, description, author, actors, sources
/// and eras. `None` for a table converted from a table, or written before headers were
/// kept, or whose header does not read (logged).
pub fn header(path: &Path) -> Option<crate::model::Dataset> {
    header_from(footer(path)?.get(HEADER_KEY)?, path)
}

/// The header read from its RON `text` in the footer of the table at `path`.
pub fn header_from(text: &str, path: &Path) -> Option<crate::model::Dataset> {
    match crate::load::load_bytes(
        text.as_bytes(),
        path,
        crate::load::LoadOptions::default(),
        None,
    ) {
        Ok(loaded) => Some(loaded.dataset),
        Err(e) => {
            log::warn!(
                "{}: the dataset's header in its footer does not read, so the table is titled after its file: {}",
                path.display(),
                e.headline()
            );
            None
        }
    }
}
