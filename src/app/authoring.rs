//! Building a dataset from its sources: the source form (and the article's text), the
//! reader that quotes by selection, the relation form, and the recovery of unsaved
//! edits. Like [`super::editing`], part of the one place that changes the app's state.

use std::path::Path;
use std::sync::Arc;

use egui::Context;

use super::ClaimlineApp;
use super::jobs::LoadReason;
use super::notifications::Level;
use super::recovery;
use super::session::{Reader, RelationEditor, SourceEditor};
use crate::edit::forms::{QuoteForm, RelationForm, SourceForm, SpeakerChoice};
use crate::edit::{Change, Problem};
use crate::load::{self, LoadOptions};
use crate::timeline::{Document, Origin};

/// Texts larger than this are not attached (16 MiB, as `check --corpus` reads).
const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

impl ClaimlineApp {
    /// Opens the source form on `sources[i]`, or on a new source.
    pub(super) fn open_source_form(&mut self, index: Option<usize>) {
        let Some(doc) = &self.doc else {
            return;
        };
        let ds = &doc.dataset;
        let form = index
            .and_then(|i| SourceForm::of(ds, i))
            .unwrap_or_else(|| {
                let n = ds.sources.len() + 1;
                let id = (n..)
                    .map(|k| format!("source-{k}"))
                    .find(|id| ds.sources.iter().all(|s| ds.str(s.id) != id))
                    .unwrap_or_default();
                // No publication date is invented: the capture's page says it, or the
                // person types it (the form says what is missing if not).
                SourceForm {
                    document: format!("{id}.txt"),
                    id,
                    ..SourceForm::default()
                }
            });
        let text = index
            .and_then(|i| self.captured_text(i))
            .or_else(|| self.source_text(&form.document))
            .unwrap_or_default();
        self.session.source = Some(SourceEditor {
            index,
            form,
            text,
            problems: Vec::new(),
            note: None,
            capture: None,
            path: None,
        });
    }

    /// A source's text: waiting to be saved, or in the file beside the dataset.
    pub(super) fn source_text(&self, document: &str) -> Option<String> {
        if document.is_empty() {
            return None;
        }
        if let Some(text) = self.session.document(document) {
            return Some(text.to_owned());
        }
        let dir = self.open_file()?.parent()?.to_owned();
        let path = dir.join(document);
        let size = std::fs::metadata(&path).ok()?.len();
        if size > MAX_TEXT_BYTES {
            return None;
        }
        std::fs::read_to_string(path).ok()
    }

    /// Applies the source form; its text is kept to be written beside the dataset.
    pub(super) fn save_source_form(&mut self, ctx: &Context) {
        let Some(editor) = &self.session.source else {
            return;
        };
        let mut form = editor.form.clone();
        let capture = editor.capture.clone();
        // A captured source's text is its capture's: no second copy is written.
        let text = if form.capture.is_some() {
            String::new()
        } else {
            editor.text.clone()
        };
        if !text.trim().is_empty() && form.document.trim().is_empty() {
            form.document = format!("{}.txt", form.id.trim());
        }
        if text.trim().is_empty() && form.capture.is_none() {
            form.document.clear();
        }
        let is_new_source = editor.index.is_none();
        let has_text = !text.trim().is_empty();
        let change = Change::Source {
            index: editor.index,
            form: form.clone(),
        };
        match self.apply_change(ctx, &change) {
            Ok(()) => {
                if !text.trim().is_empty() {
                    self.session
                        .documents
                        .push((form.document.trim().to_owned(), text));
                }
                if let Some(capture) = capture {
                    self.session.captures.push(capture);
                }
                let new = is_new_source;
                self.session.source = None;
                self.notifications.push(
                    ctx,
                    Level::Success,
                    format!("Source “{}” saved in the dataset", form.outlet.trim()),
                );
                // A new source with words to read opens in the reader, its
                // suggestions beside it.
                let count = self.doc.as_ref().map_or(0, |d| d.dataset.sources.len());
                if new && count > 0 && (has_text || form.capture.is_some()) {
                    self.open_reader(count - 1);
                }
            }
            Err(problems) => {
                if let Some(editor) = &mut self.session.source {
                    editor.problems = problems;
                }
            }
        }
    }

    /// Reads a capture into the source form: a saved page, a WARC or a WACZ is kept as
    /// the source's captured copy (its bytes under their SHA-256, written beside the
    /// dataset on save), its article text shown; a .txt or .md file is read as text.
    pub(super) fn attach_text(&mut self, path: &Path) {
        if super::captures::is_capture(path) {
            self.attach_capture(path);
            return;
        }
        let Some(editor) = &mut self.session.source else {
            return;
        };
        let read = std::fs::metadata(path)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                if m.len() > MAX_TEXT_BYTES {
                    Err(format!(
                        "it is {}, more than the 16 MiB a source's text may be",
                        crate::english::human_bytes(m.len())
                    ))
                } else {
                    std::fs::read(path).map_err(|e| e.to_string())
                }
            })
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| "it is not UTF-8 text; save it as UTF-8 and try again".to_owned())
            });
        match read {
            Ok(text) => {
                let html = path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                }) || text.trim_start().starts_with('<');
                editor.text = if html {
                    load::html::to_text(&text)
                } else {
                    text
                };
                editor.note = Some(format!("Read {}", path.display()));
            }
            Err(why) => {
                editor.note = Some(format!("Could not read {}: {why}", path.display()));
            }
        }
    }

    /// Opens the reader on `sources[i]`.
    pub(super) fn open_reader(&mut self, i: usize) {
        let Some(doc) = &self.doc else {
            return;
        };
        let ds = &doc.dataset;
        let Some(source) = ds.sources.get(i) else {
            return;
        };
        let document = source
            .document
            .map(|d| ds.str(d).to_owned())
            .unwrap_or_default();
        let id = ds.str(source.id).to_owned();
        let text = self
            .captured_text(i)
            .or_else(|| self.source_text(&document))
            .unwrap_or_default();
        self.session.reader = Some(Reader {
            source: i,
            text,
            selection: None,
            quote: QuoteForm {
                source: id,
                speaker: SpeakerChoice::Outlet,
                text: String::new(),
                said: String::new(),
                position: None,
            },
            other: String::new(),
            problems: Vec::new(),
            marks: None,
            suggestions: None,
            reveal: None,
        });
    }

    /// Adds the reader's quote to the selected event.
    pub(super) fn add_quote_from_reader(&mut self, ctx: &Context) {
        let Some(reader) = &self.session.reader else {
            return;
        };
        let Some(event) = self.selected() else {
            if let Some(reader) = &mut self.session.reader {
                reader.problems = vec![Problem {
                    field: "",
                    message: "no event is selected".to_owned(),
                    help: "select the event the words are about, on the timeline or in the list"
                        .to_owned(),
                }];
            }
            return;
        };
        let mut quote = reader.quote.clone();
        if let SpeakerChoice::Other(_) = quote.speaker {
            quote.speaker = SpeakerChoice::Other(reader.other.trim().to_owned());
        }
        if !reader.text.trim().is_empty()
            && let Err(miss) = crate::edit::find_in_text(&quote.text, &reader.text)
        {
            let help = if miss.closest.is_empty() {
                "select the words in the text, or copy them exactly".to_owned()
            } else {
                format!("the closest passage is “{}…”", miss.closest)
            };
            if let Some(reader) = &mut self.session.reader {
                reader.problems = vec![Problem {
                    field: "text",
                    message: format!("“{}” is not in the source's text", miss.part),
                    help,
                }];
            }
            return;
        }
        // Where the words are, so the quote can be found again (and annotated) there.
        quote.position = crate::corpus::find_span(&quote.text, &reader.text);
        match self.apply_change(ctx, &Change::AddQuote { event, quote }) {
            Ok(()) => {
                if let Some(reader) = &mut self.session.reader {
                    reader.quote.text.clear();
                    reader.selection = None;
                    reader.problems.clear();
                }
                self.set_selected(Some(event));
                self.notifications
                    .push(ctx, Level::Success, "Quote added to the selected event");
            }
            Err(problems) => {
                if let Some(reader) = &mut self.session.reader {
                    reader.problems = problems;
                }
            }
        }
    }

    /// Opens the relation form from the selected event.
    pub(super) fn open_relation_form(&mut self) {
        let (Some(doc), Some(e)) = (&self.doc, self.selected()) else {
            return;
        };
        let ds = &doc.dataset;
        let from = ds.str(ds.events[e as usize].id).to_owned();
        self.session.relation = Some(RelationEditor {
            form: RelationForm::new(ds, &from, ""),
            picking: true,
            questions: crate::edit::forms::questions(ds),
            problems: Vec::new(),
        });
    }

    /// Opens the relation form from `from` to `to` (a link drawn on the timeline).
    pub(super) fn link_events(&mut self, from: crate::model::EventIdx, to: crate::model::EventIdx) {
        let Some(doc) = &self.doc else {
            return;
        };
        let ds = &doc.dataset;
        let (Some(a), Some(b)) = (ds.events.get(from as usize), ds.events.get(to as usize)) else {
            return;
        };
        let (a, b) = (ds.str(a.id).to_owned(), ds.str(b.id).to_owned());
        self.session.relation = Some(RelationEditor {
            form: RelationForm::new(ds, &a, &b),
            picking: false,
            questions: crate::edit::forms::questions(ds),
            problems: Vec::new(),
        });
        self.set_selected(Some(from));
    }

    /// Applies the relation form.
    pub(super) fn add_relation_from_form(&mut self, ctx: &Context) {
        let Some(editor) = &self.session.relation else {
            return;
        };
        let mut form = editor.form.clone();
        // An id left as the form made it before its other event was chosen ("from-")
        // follows the events it joins.
        if let Some(doc) = &self.doc
            && (form.id.trim().is_empty()
                || form.id == RelationForm::new(&doc.dataset, &form.from, "").id)
        {
            form.id = RelationForm::new(&doc.dataset, &form.from, &form.to).id;
        }
        match self.apply_change(ctx, &Change::AddRelation(form)) {
            Ok(()) => {
                self.session.relation = None;
                self.notifications.push(ctx, Level::Success, "Link added");
            }
            Err(problems) => {
                if let Some(editor) = &mut self.session.relation {
                    editor.problems = problems;
                }
            }
        }
    }

    /// While the relation form waits for its other event, a selection picks it.
    pub(super) fn pick_relation_target(&mut self) {
        let (Some(doc), Some(e)) = (&self.doc, self.selected()) else {
            return;
        };
        let Some(editor) = &mut self.session.relation else {
            return;
        };
        let id = doc.dataset.str(doc.dataset.events[e as usize].id);
        if editor.picking && id != editor.form.from {
            editor.form.to = id.to_owned();
            editor.picking = false;
        }
    }

    /// Writes the recovery file a few seconds after the last edit (on a thread: the
    /// window does not wait for a large dataset to be written).
    pub(super) fn step_recovery(&mut self, ctx: &Context) {
        let Some(dir) = self.launch.recovery_dir.clone() else {
            return;
        };
        if !self.session.is_dirty() || self.session.recovered {
            return;
        }
        let Some(last) = self.session.last_edit else {
            return;
        };
        let waited = last.elapsed().as_secs_f64();
        if waited < recovery::DELAY_SECS {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                recovery::DELAY_SECS - waited + 0.05,
            ));
            return;
        }
        let Some(doc) = self.doc.clone() else {
            return;
        };
        self.session.recovered = true;
        let spawned = std::thread::Builder::new()
            .name("recovery".into())
            .spawn(move || {
                let text = crate::save::canonical(&doc.dataset, &crate::save::Comments::default());
                if let Err(e) = recovery::write(&dir, doc.origin.path(), &text) {
                    log::warn!("could not write the recovery file: {e:#}");
                }
            });
        if let Err(e) = spawned {
            log::warn!("could not start writing the recovery file: {e}");
        }
    }

    /// Restores the edits of a session that did not end, or throws them away.
    pub(super) fn restore(&mut self, ctx: &Context, restore: bool) {
        let Some(found) = self.windows.restore_offer.take() else {
            return;
        };
        if !restore {
            if let Some(dir) = &self.launch.recovery_dir {
                recovery::remove(dir);
            }
            return;
        }
        let name = found
            .origin
            .as_deref()
            .map_or_else(|| "untitled".into(), |p| p.display().to_string());
        match load::load_bytes(
            found.text.as_bytes(),
            Path::new(&name),
            LoadOptions::strict(false),
            None,
        ) {
            Ok(loaded) => {
                let origin = found.origin.clone().map_or(Origin::Untitled, Origin::File);
                let doc = Document::new(loaded, origin);
                self.workers.load = None;
                self.show_document(ctx, Arc::new(doc), None, LoadReason::Open);
                self.session.history.mark_unsaved();
                self.session.editing = true;
                // Kept against a crash again at once.
                self.session.recovered = false;
                self.session.last_edit = std::time::Instant::now()
                    .checked_sub(std::time::Duration::from_secs_f64(recovery::DELAY_SECS));
                self.notifications.push(
                    ctx,
                    Level::Success,
                    format!("Restored the unsaved edits to {name}; save them to keep them"),
                );
            }
            Err(e) => self.notifications.push(
                ctx,
                Level::Error,
                format!("Could not restore the edits: {}", e.headline()),
            ),
        }
    }
}
