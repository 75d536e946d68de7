//! The *Publish* form: what to publish (the web page, TimelineJS JSON, ClaimReview,
//! Web Annotations) and where. It edits its own draft and hands back what the user
//! asked for; the app builds the file on a worker and says when it is written.

use std::path::{Path, PathBuf};

use egui::{Context, RichText};

use crate::publish::Published;

/// What is being chosen.
#[derive(Debug)]
pub struct PublishForm {
    /// What to publish.
    pub what: Published,
    /// Where, as typed.
    pub path: String,
    /// A note shown when the dialog was unavailable.
    pub note: Option<String>,
}

/// What the form asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum PublishAction {
    /// Choose the file in a dialog.
    Browse,
    /// Publish this, here.
    Publish(Published, PathBuf),
    /// Close the form.
    Cancel,
}

impl PublishForm {
    /// A form proposing `path` for `what`.
    pub fn new(what: Published, path: PathBuf) -> Self {
        let mut form = Self {
            what,
            path: path.display().to_string(),
            note: None,
        };
        form.settle();
        form
    }

    /// The file name part of the path, for the save dialog.
    pub fn file_name(&self) -> String {
        Path::new(&self.path).file_name().map_or_else(
            || format!("claimline.{}", self.what.extension()),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The file name's extension follows what is published.
    fn settle(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let right = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(self.what.extension()));
        if !right && path.file_name().is_some() {
            self.path = path
                .with_extension(self.what.extension())
                .display()
                .to_string();
        }
    }
}

/// The form's window; returns what the user asked for.
pub fn publish_window(ctx: &Context, form: &mut PublishForm) -> Option<PublishAction> {
    let mut action = None;
    egui::Window::new("Publish")
        .collapsible(false)
        .resizable(false)
        .min_width(540.0)
        .show(ctx, |ui| {
            let before = form.what;
            for what in Published::ALL {
                ui.radio_value(&mut form.what, what, what.label())
                    .on_hover_text(what.help());
            }
            if form.what != before {
                form.settle();
            }
            if form.what == Published::Annotations {
                ui.add(
                    egui::Label::new(
                        RichText::new(
                            "Quotes are placed in their articles when the articles' texts are in the dataset's folder.",
                        )
                        .weak(),
                    )
                    .wrap(),
                );
            }
            if let Some(note) = &form.note {
                ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            }
            if crate::export::form::file_row_ui(ui, &mut form.path) {
                action = Some(PublishAction::Browse);
            }
            ui.horizontal(|ui| {
                if ui.button("Publish").clicked() && !form.path.trim().is_empty() {
                    action = Some(PublishAction::Publish(
                        form.what,
                        PathBuf::from(form.path.trim()),
                    ));
                }
                if ui.button("Cancel").clicked() {
                    action = Some(PublishAction::Cancel);
                }
            });
        });
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_follows_what_is_published() {
        let mut form = PublishForm::new(Published::Page, PathBuf::from("/tmp/trump.ron"));
        assert_eq!(form.path, "/tmp/trump.html");
        form.what = Published::ClaimReview;
        form.settle();
        assert_eq!(form.path, "/tmp/trump.jsonld");
        assert_eq!(form.file_name(), "trump.jsonld");
    }
}
