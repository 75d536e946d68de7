//! Captured sources in the window: a saved page, WARC or WACZ read into the source form
//! (its bytes kept to be written beside the dataset on save), and a captured source's
//! text read back for the form and the reader. Part of the one place that changes the
//! app's state, like [`super::authoring`].

use std::path::Path;

use super::ClaimlineApp;

impl ClaimlineApp {
    /// The text of `sources[i]`'s captured copy (waiting to be saved, or kept beside the
    /// dataset, its hash checked), as quotes are checked against it.
    pub(super) fn captured_text(&self, i: usize) -> Option<String> {
        let doc = self.doc.as_ref()?;
        let ds = &doc.dataset;
        let capture = ds.sources.get(i)?.capture?;
        if let Some(bytes) = self.session.capture(ds.str(capture.file)) {
            let record = ds.str(capture.record);
            let url = ds.str(capture.url);
            return crate::capture::read(
                bytes,
                Path::new(ds.str(capture.file)),
                (!url.is_empty()).then_some(url),
                (!record.is_empty()).then_some(record),
            )
            .ok()
            .map(|c| c.text);
        }
        let dir = crate::files::folder_of(&self.open_file()?);
        crate::capture::stored_text(ds, &capture, &dir).ok()
    }

    /// Reads a captured page, WARC or WACZ into the source form (a new source's when none
    /// is open): the capture attached, its text shown, what it says of itself filled in.
    pub(super) fn attach_capture(&mut self, path: &Path) {
        if self.session.source.is_none() {
            self.open_source_form(None);
        }
        let Some(editor) = &mut self.session.source else {
            return;
        };
        let url = editor.form.url.trim().to_owned();
        match crate::capture::read_file(path, (!url.is_empty()).then_some(url.as_str())) {
            Ok((captured, bytes)) => {
                let file = format!(
                    "{}/{}.{}",
                    crate::capture::FOLDER,
                    captured.info.sha256,
                    captured.info.extension(&bytes)
                );
                let mut form = editor.form.clone();
                if editor.index.is_none() {
                    // A new source: what the page says beats the form's defaults, and
                    // its id is the site's (the next free one).
                    form.published.clear();
                    form.document.clear();
                    if let (Some(doc), Some(host)) =
                        (&self.doc, crate::edit::forms::host_of(&captured.info.url))
                    {
                        form.id = crate::edit::forms::free_source_id(&doc.dataset, &host);
                    }
                }
                editor.form = form.with_capture(&captured, &file);
                editor.text.clone_from(&captured.text);
                let mut note = format!(
                    "Captured copy: {} {}, SHA-256 {}…",
                    captured.info.format().describe(),
                    path.display(),
                    captured.info.sha256.get(..12).unwrap_or("")
                );
                if !captured.info.captured.is_empty() {
                    note.push_str(&format!(", captured {}", captured.info.captured));
                }
                for extra in &captured.notes {
                    note.push_str(&format!("; {extra}"));
                }
                editor.note = Some(note);
                editor.capture = Some((file, bytes));
            }
            Err(why) => {
                editor.note = Some(format!("Could not use it: {why}"));
            }
        }
    }
}

/// Whether a file is a capture to keep (a web archive, or a saved page) rather than text.
pub(super) fn is_capture(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    [".warc", ".warc.gz", ".wacz", ".html", ".htm"]
        .iter()
        .any(|ext| name.ends_with(ext))
}
