//! The windows of authoring: the source form (with the article's text), the relation
//! form, and the questions asked before something is lost — save the changes? delete
//! this event? drop these comments? restore the edits? (The reader is `panels::reader`.)

use super::access;
use egui::{Context, RichText, Ui};

use super::event_editor::field_problems_ui;
use crate::app::command::Command;
use crate::app::recovery::Found;
use crate::app::session::{Choice, Pending, RelationEditor, SourceEditor};
use crate::edit::Change;
use crate::model::{EventIdx, RelationKind};
use crate::timeline::Document;

/// "Save the changes?" before `pending` would lose them.
pub fn confirm_window(ctx: &Context, pending: &Pending, name: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    let (question, save, discard) = match pending {
        Pending::FileChanged(path) => (
            format!(
                "{} changed on disk while you were editing it.",
                path.display()
            ),
            "Keep my edits and save over it",
            "Load the file from disk (drop my edits)",
        ),
        Pending::Quit => (
            format!("Save the changes to {name} before closing?"),
            "Save",
            "Close without saving",
        ),
        _ => (
            format!("Save the changes to {name} first?"),
            "Save",
            "Don't save",
        ),
    };
    egui::Modal::new(egui::Id::unique("confirm_unsaved")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        access::heading(ui, "Unsaved changes");
        ui.add(egui::Label::new(question).wrap());
        ui.weak("Your edits are lost if you don't save them.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                commands.push(Command::Confirm(Choice::Save));
            }
            if ui.button(discard).clicked() {
                commands.push(Command::Confirm(Choice::Discard));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::Confirm(Choice::Cancel));
            }
        });
    });
    commands
}

/// "Delete this event?", with the links that go with it.
pub fn delete_window(ctx: &Context, doc: &Document, e: EventIdx) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let Some(event) = ds.events.get(e as usize) else {
        return vec![Command::ConfirmDelete(false)];
    };
    egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        access::heading(ui, "Delete event");
        ui.add(egui::Label::new(format!("Delete “{}”?", ds.str(event.title))).wrap());
        let links: Vec<_> = ds.relations_of(e).collect();
        if links.is_empty() {
            ui.weak("No link names it.");
        } else {
            ui.label(format!(
                "These links name it and are deleted with it ({}):",
                links.len()
            ));
            for r in links.iter().take(12) {
                ui.label(format!(
                    "• {} {} {} — {}",
                    ds.str(r.from),
                    r.kind.verb(),
                    ds.str(r.to),
                    ds.str(r.question)
                ));
            }
            if links.len() > 12 {
                ui.weak(format!("… and {} more", links.len() - 12));
            }
        }
        ui.weak("Undo (Ctrl+Z) brings them all back.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Delete").clicked() {
                commands.push(Command::ConfirmDelete(true));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                commands.push(Command::ConfirmDelete(false));
            }
        });
    });
    commands
}

/// "Comments inside items would be dropped: save anyway?"
pub fn comments_window(ctx: &Context, path: &std::path::Path, lines: &[usize]) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Modal::new(egui::Id::unique("confirm_comments")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        access::heading(ui, "Comments would be dropped");
        let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
        ui.add(
            egui::Label::new(format!(
                "{} has comments between the fields of an item (line {}). Claimline keeps comments above items, fields and list ends, but these have no place in the saved layout.",
                path.display(),
                lines.join(", ")
            ))
            .wrap(),
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save without them").clicked() {
                commands.push(Command::ConfirmComments(true));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::ConfirmComments(false));
            }
        });
    });
    commands
}

/// "Restore the edits of a session that did not end?"
pub fn restore_window(ctx: &Context, found: &Found) -> Vec<Command> {
    let mut commands = Vec::new();
    let name = found
        .origin
        .as_deref()
        .map_or_else(|| "a new dataset".to_owned(), |p| p.display().to_string());
    egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        access::heading(ui, "Restore unsaved edits?");
        ui.add(
            egui::Label::new(format!(
                "Claimline did not close normally. Edits to {name} from {} were kept.",
                found.written
            ))
            .wrap(),
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                commands.push(Command::Restore(true));
            }
            if ui.button("Discard them").clicked() {
                commands.push(Command::Restore(false));
            }
        });
    });
    commands
}

/// The source form: its fields and the article's text.
pub fn source_window(ctx: &Context, editor: &mut SourceEditor) -> Vec<Command> {
    let mut commands = Vec::new();
    let title = if editor.index.is_some() {
        "Edit source"
    } else {
        "Add source"
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            let form = &mut editor.form;
            egui::Grid::new("source_form").num_columns(2).show(ui, |ui| {
                for (label, name, value) in [
                    ("Outlet", "outlet", &mut form.outlet),
                    ("Headline", "headline", &mut form.headline),
                    ("Published", "published", &mut form.published),
                    ("How dated", "published_note", &mut form.published_note),
                    ("URL", "url", &mut form.url),
                    ("Cites", "cites", &mut form.cites),
                    ("Id", "id", &mut form.id),
                    ("Text file", "document", &mut form.document),
                    ("Archived copy", "archived_url", &mut form.archived_url),
                    ("Archived on", "archived_date", &mut form.archived_date),
                ] {
                    let label = ui.label(RichText::new(label).weak());
                    ui.vertical(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(value)
                                .desired_width(380.0)
                                .id_salt(name),
                        )
                        .labelled_by(label.id);
                        field_problems_ui(ui, &[], &editor.problems, name);
                    });
                    ui.end_row();
                }
            });
            ui.weak("Published: 2024-11-11, 2024-11 or a window 2024-11-11..2025-01-19. Cites: outlets, comma-separated. The text is saved beside the dataset under the file name above.");
            ui.separator();
            let text_label = ui.horizontal(|ui| {
                let label = ui.label(RichText::new("The article's text").strong());
                if ui
                    .button("Open a file…")
                    .on_hover_text("A captured page (.html, .warc, .warc.gz, .wacz) is kept as the source's evidence, under its SHA-256; a .txt or .md file is read as text")
                    .clicked()
                {
                    commands.push(Command::AttachText);
                }
                label.id
            });
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut editor.text)
                            .hint_text("Paste the article's text here")
                            .desired_width(f32::INFINITY)
                            .desired_rows(8)
                            // A capture's text is what its bytes say: read, not typed.
                            .interactive(editor.form.capture.is_none())
                            .id_salt("source_text"),
                    )
                    .labelled_by(text_label.inner);
                });
            if let Some(note) = &editor.note {
                ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
            }
            if let Some(path) = &mut editor.path {
                ui.horizontal(|ui| {
                    let label = ui.label("File:");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(path)
                                .hint_text("/home/me/page.html, .warc.gz, .wacz or .txt")
                                .desired_width(320.0),
                        )
                        .labelled_by(label.id);
                    let enter =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Read").clicked() || enter) && !path.trim().is_empty() {
                        commands.push(Command::AttachFile(std::path::PathBuf::from(
                            path.trim(),
                        )));
                    }
                });
            }
            field_problems_ui(ui, &[], &editor.problems, "");
            ui.horizontal(|ui| {
                if ui.button("Save source").clicked() {
                    commands.push(Command::SaveSourceForm);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseSourceForm);
                }
            });
        });
    if !open {
        commands.push(Command::CloseSourceForm);
    }
    commands
}

/// The relation form: from the selected event to another (typed, or picked on the
/// timeline or in the list), its kind, the question (those already asked are offered).
pub fn relation_window(ctx: &Context, doc: &Document, editor: &mut RelationEditor) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let mut open = true;
    egui::Window::new("Link two events")
        .open(&mut open)
        .default_width(460.0)
        .show(ctx, |ui| {
            let form = &mut editor.form;
            let title = |id: &str| {
                ds.event_index_by_name(id)
                    .map(|e| ds.str(ds.events[e as usize].title).to_owned())
            };
            ui.label(format!(
                "From: {}",
                title(&form.from).unwrap_or_else(|| form.from.clone())
            ));
            egui::ComboBox::from_label("Kind")
                .selected_text(form.kind.label())
                .show_ui(ui, |ui| {
                    for kind in RelationKind::ALL {
                        ui.selectable_value(&mut form.kind, kind, kind.label());
                    }
                });
            ui.horizontal(|ui| {
                let label = ui.label("To (event id):");
                ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(220.0))
                    .labelled_by(label.id);
                if ui
                    .selectable_label(editor.picking, "Pick…")
                    .on_hover_text("Then click the other event on the timeline or in the list")
                    .clicked()
                {
                    editor.picking = !editor.picking;
                }
            });
            match title(&form.to) {
                Some(t) => {
                    ui.weak(format!("“{t}”"));
                }
                None if editor.picking => {
                    ui.weak("Click the other event on the timeline or in the list.");
                }
                None if !form.to.trim().is_empty() => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("⚠ unknown event \"{}\"", form.to.trim()),
                    );
                }
                None => {}
            }
            field_problems_ui(ui, &[], &editor.problems, "to");
            let label = ui.label(RichText::new("Question in dispute").weak());
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.question)
                        .hint_text("Did they speak by phone on 7 November 2024?")
                        .desired_width(340.0),
                )
                .labelled_by(label.id);
                let asked = &editor.questions;
                ui.add_enabled_ui(!asked.is_empty(), |ui| {
                    ui.menu_button("▾", |ui| {
                        for q in asked {
                            if ui.button(q).clicked() {
                                form.question = q.clone();
                                ui.close();
                            }
                        }
                    })
                    .response
                    .on_hover_text("A question already asked");
                });
            });
            field_problems_ui(ui, &[], &editor.problems, "question");
            let label = ui.label(RichText::new("Note").weak());
            ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            ui.checkbox(&mut form.by_editor, "Linked by me, not by the articles")
                .on_hover_text("The articles do not connect these two reports; you do. Readers of the page and the exports are told so.");
            for field in ["", "id", "from"] {
                field_problems_ui(ui, &[], &editor.problems, field);
            }
            ui.horizontal(|ui| {
                if ui.button("Add link").clicked() {
                    commands.push(Command::AddRelationFromForm);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseRelationForm);
                }
            });
        });
    if !open {
        commands.push(Command::CloseRelationForm);
    }
    commands
}

/// While editing: the event's quotes with a remove button each, and a menu of sources
/// to quote from in the reader; its links with a remove button each, and a new link.
pub fn quotes_and_links_ui(ui: &mut Ui, doc: &Document, e: EventIdx) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let event = &ds.events[e as usize];
    ui.label(RichText::new("Quotes").strong());
    for (q, quote) in ds.quotes(event.quotes).iter().enumerate() {
        ui.horizontal(|ui| {
            if ui
                .small_button("🗑")
                .on_hover_text("Remove this quote")
                .clicked()
            {
                commands.push(Command::Edit(Change::RemoveQuote { event: e, quote: q }));
            }
            ui.add(
                egui::Label::new(format!(
                    "“{}” — {}",
                    crate::english::shorten(ds.str(quote.text), 90),
                    ds.speaker_name(quote.speaker, quote.source)
                ))
                .wrap(),
            );
        });
    }
    ui.horizontal(|ui| {
        ui.menu_button("Quote from a source…", |ui| {
            commands.extend(reader_menu_items(ui, ds));
            if ds.sources.is_empty() {
                ui.weak("No sources yet");
            }
            ui.separator();
            if ui.button("Add source…").clicked() {
                commands.push(Command::OpenSourceForm(None));
                ui.close();
            }
        });
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Links").strong());
    for &i in ds.relation_indices_of(e) {
        let Some(r) = ds.relations.get(i as usize) else {
            continue;
        };
        ui.horizontal(|ui| {
            if ui
                .small_button("🗑")
                .on_hover_text("Remove this link")
                .clicked()
            {
                commands.push(Command::Edit(Change::RemoveRelation(i as usize)));
            }
            ui.add(
                egui::Label::new(format!(
                    "{} {} {}: {}",
                    ds.str(r.from),
                    r.kind.verb(),
                    ds.str(r.to),
                    ds.str(r.question)
                ))
                .wrap(),
            );
        });
    }
    if ui
        .button("Link to another event…")
        .on_hover_text("Say that this event contradicts, denies, confirms… another one")
        .clicked()
    {
        commands.push(Command::OpenRelationForm);
    }
    commands
}

/// A menu's items, one per source (its outlet and headline), each opening the reader.
pub fn reader_menu_items(ui: &mut Ui, ds: &crate::model::Dataset) -> Vec<Command> {
    let mut commands = Vec::new();
    for (i, source) in ds.sources.iter().enumerate() {
        let label = if source.headline.is_empty() {
            ds.str(source.outlet).to_owned()
        } else {
            format!("{}: {}", ds.str(source.outlet), ds.str(source.headline))
        };
        if ui.button(label).clicked() {
            commands.push(Command::OpenReader(i));
            ui.close();
        }
    }
    commands
}
