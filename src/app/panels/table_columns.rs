//! The table columns form: which column of a table holds the date, the title, the
//! actors…, with a live preview of the first rows as they will be read. It opens when
//! a table cannot be read as it is (no date column, a mapping that names nothing, every
//! row skipped) and from File ▸ Table columns…; what the user settles on is remembered
//! for that file and can be saved as a mapping file for `claimline --mapping`.

use std::path::PathBuf;

use egui::{Context, RichText, Ui};

use crate::app::command::Command;
use crate::load::table::{self, Inspection, Key, MappingSpec, PreviewRow, TableProblem};
use crate::load::{self, Format, LoadError};

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 12;

/// Raw rows and columns shown under "The file's first lines".
const RAW_ROWS: usize = 6;
const RAW_COLUMNS: usize = 10;

/// The form's state.
#[derive(Debug)]
pub struct TableColumns {
    /// The table.
    pub path: PathBuf,
    /// Its first bytes, as text: what the preview reads.
    head: String,
    /// The mapping being edited.
    pub spec: MappingSpec,
    /// Why the form opened, when a load failed.
    pub failure: Option<String>,
    /// A note from the last save or load of a mapping file.
    pub note: Option<String>,
    /// The mapping last checked, and what checking it gave.
    checked: Option<(MappingSpec, Checked)>,
}

/// What the current mapping gives.
#[derive(Debug)]
enum Checked {
    /// It reads: the inspection and the first rows.
    Reads(Box<Inspection>, Vec<PreviewRow>),
    /// It does not, and why.
    Fails(String),
}

impl TableColumns {
    /// Opens the form on the table at `path`, starting from `spec` (what the user gave
    /// before, or nothing: the form then shows what Claimline guesses). `None` when the
    /// file is not a table.
    pub fn open(
        path: PathBuf,
        spec: &MappingSpec,
        failure: Option<String>,
    ) -> Result<Option<Self>, LoadError> {
        let (head, format) = load::read_head(&path)?;
        if format != Format::Table {
            return Ok(None);
        }
        // Start from the mapping that will be used: the user's, on top of the guess.
        let start = match table::inspect(&head, spec) {
            Ok(inspection) => inspection.mapping,
            Err(TableProblem::NoDate { partial, .. }) => partial,
            Err(_) => spec.clone(),
        };
        let mut form = Self {
            path,
            head,
            spec: start,
            failure,
            note: None,
            checked: None,
        };
        form.refresh();
        Ok(Some(form))
    }

    /// Checks the mapping again if it changed.
    fn refresh(&mut self) {
        if self
            .checked
            .as_ref()
            .is_some_and(|(spec, _)| *spec == self.spec)
        {
            return;
        }
        let checked = match table::inspect(&self.head, &self.spec) {
            Ok(inspection) => match inspection.preview(&self.head, PREVIEW_ROWS) {
                Ok(rows) => Checked::Reads(Box::new(inspection), rows),
                Err(e) => Checked::Fails(format!("{}. {}", e.message, e.help)),
            },
            Err(TableProblem::Mapping(e)) => Checked::Fails(format!("{}. {}", e.message, e.help)),
            Err(TableProblem::NoDate { .. }) => Checked::Fails(
                "Choose the column that holds the events' dates: no column is named like one, and no column's cells read as dates.".to_owned(),
            ),
            Err(problem) => {
                let d = problem.diagnostic();
                Checked::Fails(format!("{}. {}", d.message, d.help.unwrap_or_default()))
            }
        };
        self.checked = Some((self.spec.clone(), checked));
    }

    /// Whether the first line is read as a header.
    fn header(&self) -> bool {
        match &self.checked {
            Some((_, Checked::Reads(inspection, _))) => inspection.header,
            _ => self.spec.header.unwrap_or(true),
        }
    }

    /// The columns to choose from: "Date", "2", GDELT's derived ones…
    fn columns(&self) -> Vec<String> {
        if let Some((_, Checked::Reads(inspection, _))) = &self.checked {
            return (0..inspection.names.len())
                .map(|i| table::column_ref(&inspection.names, i))
                .collect();
        }
        let Some(shape) = table::sniff::shape(&self.head) else {
            return Vec::new();
        };
        if self.header() {
            shape.first.iter().map(|n| n.trim().to_owned()).collect()
        } else {
            (1..=shape.width()).map(|n| n.to_string()).collect()
        }
    }

    /// The file's first rows, cut into cells.
    fn raw_rows(&self) -> Vec<Vec<String>> {
        let Some(shape) = table::sniff::shape(&self.head) else {
            return Vec::new();
        };
        std::iter::once(shape.first.clone())
            .chain(shape.rows)
            .take(RAW_ROWS)
            .collect()
    }
}

/// Shows the form; returns what the user asked for.
pub fn table_columns_window(ctx: &Context, form: &mut TableColumns) -> Vec<Command> {
    form.refresh();
    let mut commands = Vec::new();
    let mut open = true;
    let name = form.path.file_name().map_or_else(
        || form.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    egui::Window::new(format!("Table columns — {name}"))
        .id(egui::Id::unique("table_columns"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(760.0)
        .default_height((ctx.content_rect().height() * 0.85).min(720.0))
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    commands.extend(form_ui(ui, form));
                    super::access::keep_focus_in_view(ui);
                });
        });
    if !open {
        commands.push(Command::CloseTableColumns);
    }
    commands
}

fn form_ui(ui: &mut Ui, form: &mut TableColumns) -> Vec<Command> {
    let mut commands = Vec::new();
    if let Some(failure) = &form.failure {
        ui.colored_label(ui.visuals().error_fg_color, failure);
        ui.add_space(4.0);
    }
    if let Some((_, Checked::Reads(inspection, _))) = &form.checked {
        ui.label(format!(
            "Read as a {}: {} columns.",
            inspection.layout,
            inspection.names.len()
        ));
    }
    ui.label(
        RichText::new(
            "Choose the column that holds each part of an event. Titles and summaries can join columns: {Actor1} → {Actor2}.",
        )
        .weak(),
    );
    let mut header = form.header();
    if ui
        .checkbox(&mut header, "The first line names the columns")
        .on_hover_text("Untick when the first line is already an event (claimline --no-header)")
        .changed()
    {
        // The columns keep their choices: names become numbers, and back.
        let before = form.columns();
        let first_line: Vec<String> = table::sniff::shape(&form.head)
            .map(|s| s.first.iter().map(|n| n.trim().to_owned()).collect())
            .unwrap_or_default();
        let names = if header {
            vec![String::new(); before.len()]
        } else {
            before
        };
        form.spec = table::mapping::rename_columns(&form.spec, &names, |i| {
            if header {
                table::column_ref(&first_line, i)
            } else {
                (i + 1).to_string()
            }
        });
        form.spec.header = Some(header);
    }
    let columns = form.columns();
    egui::Grid::new("table_columns_keys")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for key in Key::ALL {
                let label = ui.label(key_label(key)).on_hover_text(key_help(key));
                key_editor(ui, form, key, &columns, label.id);
                ui.end_row();
            }
        });
    ui.separator();
    match form.checked.as_ref().map(|(_, c)| c) {
        Some(Checked::Reads(_, rows)) => preview_ui(ui, rows),
        Some(Checked::Fails(why)) => {
            ui.colored_label(ui.visuals().warn_fg_color, why);
        }
        None => {}
    }
    ui.collapsing("The file's first lines", |ui| {
        egui::ScrollArea::horizontal().show(ui, |ui| {
            egui::Grid::new("table_columns_raw")
                .striped(true)
                .show(ui, |ui| {
                    for row in form.raw_rows() {
                        for cell in row.iter().take(RAW_COLUMNS) {
                            ui.label(crate::english::shorten(cell, 24));
                        }
                        if row.len() > RAW_COLUMNS {
                            ui.label("…");
                        }
                        ui.end_row();
                    }
                });
        });
    });
    if let Some(note) = &form.note {
        ui.label(RichText::new(note).weak());
    }
    ui.separator();
    // The table reads, and some of its first rows become events.
    let reads = match &form.checked {
        Some((_, Checked::Reads(_, rows))) => {
            rows.is_empty() || rows.iter().any(|r| r.outcome.is_ok())
        }
        _ => false,
    };
    ui.horizontal(|ui| {
        if ui
            .add_enabled(reads, egui::Button::new("Open with these columns"))
            .on_hover_text("Read the whole table this way (remembered for this file)")
            .on_disabled_hover_text("Choose a date column whose cells are dates first")
            .clicked()
        {
            commands.push(Command::OpenTable(form.path.clone(), form.spec.clone()));
        }
        if ui
            .button("Save mapping…")
            .on_hover_text("Save these choices as a mapping file, for claimline --mapping FILE")
            .clicked()
        {
            commands.push(Command::SaveMapping);
        }
        if ui
            .button("Load mapping…")
            .on_hover_text("Use the choices of a mapping file")
            .clicked()
        {
            commands.push(Command::LoadMapping);
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CloseTableColumns);
        }
    });
    commands
}

fn key_label(key: Key) -> &'static str {
    match key {
        Key::Date => "Date",
        Key::End => "End",
        Key::Title => "Title",
        Key::Summary => "Summary",
        Key::Kind => "Kind",
        Key::Status => "Status",
        Key::Actors => "Actors",
        Key::Lane => "Lane",
        Key::Place => "Place",
        Key::Lat => "Latitude",
        Key::Lon => "Longitude",
        Key::Url => "Link",
        Key::Id => "Id",
    }
}

fn key_help(key: Key) -> &'static str {
    match key {
        Key::Date => "When the event happened or began (required)",
        Key::End => "When it ended, for events that last",
        Key::Title => "A short title: a column, or a template such as {1} {2}",
        Key::Summary => "A few sentences: a column, or a template",
        Key::Kind => "Phone call, meeting, statement, denial… (others are shown as Other)",
        Key::Status => "Confirmed, reported, alleged, disputed or denied",
        Key::Actors => "Who took part: columns joined with +; a cell may list several, split by ;",
        Key::Lane => "Events with the same value share a lane",
        Key::Place => "Where it happened",
        Key::Lat => "Latitude in degrees (−90 to 90), shown with the place",
        Key::Lon => "Longitude in degrees (−180 to 180), shown with the place",
        Key::Url => "The report's web address, shown as its source",
        Key::Id => "A unique id (otherwise the line number is used)",
    }
}

/// The editor of one key: a column to pick, or (title, summary, actors) text with a
/// menu that adds a column.
fn key_editor(ui: &mut Ui, form: &mut TableColumns, key: Key, columns: &[String], label: egui::Id) {
    let current = form.spec.get(key).unwrap_or("").to_owned();
    if key.takes_template() || key == Key::Actors {
        ui.horizontal(|ui| {
            let mut text = current.clone();
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(360.0)
                        .hint_text(if key == Key::Actors {
                            "a column, or several joined with +"
                        } else {
                            "{a column} or text with {columns} in it"
                        }),
                )
                .labelled_by(label);
            if response.changed() {
                set(&mut form.spec, key, &text);
            }
            ui.menu_button("+ column", |ui| {
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for column in columns {
                            if ui.button(column).clicked() {
                                let added = if key == Key::Actors {
                                    if current.trim().is_empty() {
                                        column.clone()
                                    } else {
                                        format!("{current}+{column}")
                                    }
                                } else if current.trim().is_empty() {
                                    format!("{{{column}}}")
                                } else {
                                    format!("{current} {{{column}}}")
                                };
                                set(&mut form.spec, key, &added);
                                ui.close();
                            }
                        }
                        super::access::keep_focus_in_view(ui);
                    });
            });
        });
        return;
    }
    let shown = if current.is_empty() {
        "—".to_owned()
    } else {
        current.clone()
    };
    let combo = egui::ComboBox::from_id_salt(("table_column", key))
        .selected_text(shown)
        .width(240.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_empty(), "—").clicked() {
                form.spec.unset(key);
            }
            for column in columns {
                if ui.selectable_label(current == *column, column).clicked() {
                    form.spec.set(key, column);
                }
            }
        });
    let _ = combo.response.labelled_by(label);
}

/// Sets what `key` takes; empty text unsets it.
fn set(spec: &mut MappingSpec, key: Key, text: &str) {
    if text.trim().is_empty() {
        spec.unset(key);
    } else {
        spec.set(key, text);
    }
}

fn preview_ui(ui: &mut Ui, rows: &[PreviewRow]) {
    ui.label(RichText::new("The first rows, as they will be read").strong());
    egui::Grid::new("table_columns_preview")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for heading in ["Line", "Date", "Title", "Lane", "Actors"] {
                ui.label(RichText::new(heading).weak());
            }
            ui.end_row();
            for row in rows {
                ui.label(row.line.to_string());
                match &row.outcome {
                    Ok(event) => {
                        ui.label(&event.date);
                        ui.label(crate::english::shorten(&event.title, 60));
                        ui.label(crate::english::shorten(&event.lane, 24));
                        ui.label(crate::english::shorten(&event.actors, 40));
                    }
                    Err(why) => {
                        ui.colored_label(ui.visuals().warn_fg_color, why);
                    }
                }
                ui.end_row();
            }
        });
}
