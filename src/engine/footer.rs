//! What a conversion keeps in the footer of a table's first events file besides its
//! rows: the dataset's header (title, description, author, actors, sources, eras) and
//! the filters' facets, read back here.

use std::path::Path;

/// The key-value metadata in the footer of the first events file of `path`.
pub fn footer(path: &Path) -> Option<std::collections::HashMap<String, String>> {
    let first = super::layout::event_files(path).into_iter().next()?;
    Some(super::store::footer(&first).ok()?.metadata)
}

/// The dataset's header kept in the first events file's footer by `convert`
/// ([`super::convert::HEADER_KEY`]): its title, description, author, actors, sources
/// and eras. `None` for a table converted from a table, or written before headers were
/// kept, or whose header does not read (logged).
pub fn header(path: &Path) -> Option<crate::model::Dataset> {
    header_from(footer(path)?.get(super::convert::HEADER_KEY)?, path)
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
