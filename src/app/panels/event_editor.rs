//! The details panel while editing: every field of the selected event, checked as it is
//! typed with the loader's rules; its quotes (removable, or new ones taken from a
//! source's text in the reader) and its links (removable, or a new one). A field is
//! applied when it loses the focus or Enter is pressed, and only when it is valid.

use super::access;
use egui::{Color32, RichText, Ui};

use crate::app::command::{Command, UiCommand};
use crate::app::session::EventEditor;
use crate::edit::forms::{AboutForm, ActorForm};
use crate::edit::{self, Change, Problem};
use crate::model::{Dataset, EventKind, Status};
use crate::timeline::Document;

/// Draws the event form; the form is edited in place.
pub fn event_editor_ui(ui: &mut Ui, doc: &Document, editor: &mut EventEditor) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let live = edit::check_event_form(ds, Some(editor.event), &editor.form);
    let mut commit = false;
    let problems = editor.problems.clone();
    let field =
        |ui: &mut Ui, label: &str, name: &'static str, value: &mut String, multiline: bool| {
            text_field_ui(ui, label, name, value, multiline, &live, &problems)
        };
    commit |= field(ui, "Title", "title", &mut editor.form.title, false);
    commit |= field(ui, "Id", "id", &mut editor.form.id, false);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Kind").weak());
        let before = editor.form.kind;
        egui::ComboBox::from_id_salt("kind")
            .selected_text(editor.form.kind.label())
            .show_ui(ui, |ui| {
                for kind in EventKind::ALL {
                    ui.selectable_value(&mut editor.form.kind, kind, kind.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(RichText::new("Status").weak());
        let status_before = editor.form.status;
        egui::ComboBox::from_id_salt("status")
            .selected_text(editor.form.status.label())
            .show_ui(ui, |ui| {
                for status in Status::ALL {
                    ui.selectable_value(&mut editor.form.status, status, status.label())
                        .on_hover_text(status.description());
                }
            })
            .response
            .labelled_by(label.id);
        if before != editor.form.kind || status_before != editor.form.status {
            commit = true;
        }
    });
    commit |= field(
        ui,
        "Date (2024-11-07, 2024-11, 2017 or 2021-01-20..2024-11)",
        "date",
        &mut editor.form.date,
        false,
    );
    commit |= field(
        ui,
        "Until (for an event that lasts; else empty)",
        "end",
        &mut editor.form.end,
        false,
    );
    commit |= field(
        ui,
        "How the date was worked out",
        "date_note",
        &mut editor.form.date_note,
        true,
    );
    commit |= participants_ui(ui, ds, editor, &mut commands);
    commit |= field(ui, "Place", "place", &mut editor.form.place, false);
    commit |= field(ui, "Summary", "summary", &mut editor.form.summary, true);
    let leftover: Vec<&Problem> = editor
        .problems
        .iter()
        .filter(|p| p.field.is_empty())
        .collect();
    for p in leftover {
        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {}", p.message));
    }
    if ui.input(|i| i.key_pressed(egui::Key::Enter)) && !ui.ctx().egui_wants_keyboard_input() {
        commit = true;
    }
    if commit {
        commands.push(Command::CommitEventForm);
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui
            .button("🗑 Delete event…")
            .on_hover_text(UiCommand::DeleteEvent.tooltip())
            .clicked()
        {
            commands.push(Command::AskDeleteEvent(editor.event));
        }
        if ui
            .button("➕ Add event")
            .on_hover_text(UiCommand::AddEvent.tooltip())
            .clicked()
        {
            commands.push(UiCommand::AddEvent.into());
        }
    });
    commands
}

/// A labelled text field with its problems; true when it lost the focus (apply it).
fn text_field_ui(
    ui: &mut Ui,
    label: &str,
    name: &'static str,
    value: &mut String,
    multiline: bool,
    live: &[Problem],
    refused: &[Problem],
) -> bool {
    let label = ui.label(RichText::new(label).weak());
    let edit = if multiline {
        egui::TextEdit::multiline(value).desired_rows(3)
    } else {
        egui::TextEdit::singleline(value)
    };
    let response = ui
        .add(edit.desired_width(f32::INFINITY).id_salt(name))
        .labelled_by(label.id);
    if name == "title"
        && ui
            .ctx()
            .data_mut(|d| d.remove_temp::<bool>(title_focus_id()).is_some())
    {
        response.request_focus();
        // The placeholder title selected whole, so typing replaces it.
        let mut state = egui::TextEdit::load_state(ui.ctx(), response.id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(value)));
        state.store(ui.ctx(), response.id);
    }
    field_problems_ui(ui, live, refused, name);
    response.lost_focus()
}

/// While editing with no event selected: the dataset's title, description and author,
/// applied when a field loses the focus. `current` is what the dataset has now.
pub fn about_ui(ui: &mut Ui, about: &mut AboutForm, current: &AboutForm) -> Vec<Command> {
    let mut commands = Vec::new();
    access::heading(ui, "Dataset");
    ui.weak("Select an event to edit it, or add one (Ctrl+Shift+N, or double-click an empty spot of a lane).");
    let problems = if about.title.trim().is_empty() {
        vec![Problem {
            field: "dataset_title",
            message: "the dataset's title is empty".to_owned(),
            help: "give the dataset a title, e.g. \"Trump–Putin contacts\"".to_owned(),
        }]
    } else {
        Vec::new()
    };
    let mut left = text_field_ui(
        ui,
        "Dataset title",
        "dataset_title",
        &mut about.title,
        false,
        &problems,
        &[],
    );
    left |= text_field_ui(
        ui,
        "Description",
        "description",
        &mut about.description,
        true,
        &[],
        &[],
    );
    left |= text_field_ui(ui, "Author", "author", &mut about.author, false, &[], &[]);
    ui.weak("Who compiled the dataset and stands by it: the reviewer of its ClaimReview export.");
    if left && problems.is_empty() && about != current {
        commands.push(Command::Edit(Change::About {
            title: about.title.trim().to_owned(),
            description: about.description.trim().to_owned(),
            author: about.author.trim().to_owned(),
        }));
    }
    commands
}

/// Where the app asks for the title field to take the focus (an event was just added).
pub fn title_focus_id() -> egui::Id {
    egui::Id::unique("event_editor_focus_title")
}

/// Participants: each a removable chip, a menu of the actors to add, and a new actor
/// added in place. True when the list changed.
fn participants_ui(
    ui: &mut Ui,
    ds: &Dataset,
    editor: &mut EventEditor,
    commands: &mut Vec<Command>,
) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Participants").weak());
    ui.horizontal_wrapped(|ui| {
        let mut remove = None;
        for (i, id) in editor.form.participants.iter().enumerate() {
            let name = ds
                .actors
                .iter()
                .find(|a| ds.str(a.id) == id)
                .map_or(id.as_str(), |a| ds.str(a.name));
            if ui
                .button(format!("{name} ✖"))
                .on_hover_text("Remove from the participants")
                .clicked()
            {
                remove = Some(i);
            }
        }
        if let Some(i) = remove {
            editor.form.participants.remove(i);
            changed = true;
        }
        ui.menu_button("➕", |ui| {
            if ds.actors.is_empty() {
                ui.weak("No actors yet: add one below");
            }
            for actor in &ds.actors {
                let id = ds.str(actor.id);
                if editor.form.participants.iter().any(|p| p == id) {
                    continue;
                }
                if ui.button(ds.str(actor.name)).on_hover_text(id).clicked() {
                    editor.form.participants.push(id.to_owned());
                    changed = true;
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text("Add a participant");
    });
    field_problems_ui(ui, &[], &editor.problems, "participants");
    ui.horizontal(|ui| {
        let (id, name) = &mut editor.new_actor;
        ui.add(
            egui::TextEdit::singleline(name)
                .hint_text("New actor's name")
                .desired_width(130.0),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New actor's name"));
        ui.add(
            egui::TextEdit::singleline(id)
                .hint_text("id")
                .desired_width(70.0),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New actor's id"));
        let ready = !name.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Add actor"))
            .on_hover_text("Add this person to the dataset's actors and to the participants")
            .clicked()
        {
            let id = if id.trim().is_empty() {
                slug(name)
            } else {
                id.trim().to_owned()
            };
            commands.push(Command::Edit(Change::AddActor(ActorForm {
                id: id.clone(),
                name: name.trim().to_owned(),
                role: String::new(),
            })));
            editor.form.participants.push(id);
            editor.new_actor = (String::new(), String::new());
            changed = true;
        }
    });
    changed
}

/// A lowercase id from a name: "Dmitry Peskov" → "dmitry-peskov".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The problems of one field: those found as it is typed, then those of the last
/// refused change.
pub fn field_problems_ui(ui: &mut Ui, live: &[Problem], refused: &[Problem], field: &str) {
    let color = ui.visuals().error_fg_color;
    let mut shown = Vec::new();
    for p in live.iter().chain(refused).filter(|p| p.field == field) {
        if shown.contains(&&p.message) {
            continue;
        }
        shown.push(&p.message);
        ui.label(RichText::new(format!("⚠ {}", p.message)).color(color))
            .on_hover_text(&p.help);
        if !p.help.is_empty() {
            ui.label(RichText::new(&p.help).small().color(Color32::GRAY));
        }
    }
}
