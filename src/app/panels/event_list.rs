//! The event list: the filtered events in time order, one row each, in sync with the
//! timeline both ways, whether the events are in memory or in a table read through a
//! query engine ([`ListRows`]). Rows are laid out only when visible, so a million rows
//! cost what a screenful does; an engine is asked for the pages in view.

use egui::accesskit::Role;
use egui::{Align, Id, RichText, Ui, UiBuilder};
use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::style;
use crate::english::plural;
use crate::model::EventIdx;
use crate::timeline::seam::ListRow;
use crate::timeline::seam::memory::MemoryData;
use crate::timeline::{Derived, Document};

/// A list of events as a table: date, kind, status and title columns, then `counts`
/// narrow columns of numbers, striped, filling the panel. The columns share the panel's
/// width, so none leaves the window however large the text; they are not resizable,
/// which would put an unnamed Tab stop on every column edge.
pub fn list_table<'a>(ui: &'a mut Ui, id: &str, counts: usize) -> TableBuilder<'a> {
    let width = ui.available_width();
    let share = |part: f32, least: f32| (width * part).max(least);
    let mut table = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(false)
        // Rows answer clicks but take no keyboard focus: Tab stops once per row, on its
        // title, not on unnamed cells.
        .sense(egui::Sense::CLICK)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(share(0.2, 60.0)).clip(true))
        .column(Column::exact(share(0.14, 50.0)).clip(true))
        .column(Column::exact(share(0.09, 40.0)).clip(true))
        .column(Column::remainder().at_least(80.0).clip(true))
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY);
    for _ in 0..counts {
        table = table.column(Column::exact(share(0.06, 36.0)).clip(true));
    }
    table
}

/// The events the list shows, however they are held: in memory, or asked of a query
/// engine a page at a time. The list draws the same rows, by the same labels, for both.
pub trait ListRows {
    /// How many events pass the filters.
    fn len(&self) -> usize;

    /// Whether none does.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Line `i`, in time order, once known (an engine's page may still be on its way).
    fn line(&self, i: usize) -> Option<ListRow>;

    /// Where event `e` is in the list, when that is known.
    fn position(&self, e: EventIdx) -> Option<usize>;

    /// A line as a screen reader should say it: its date, kind, status and title, as the
    /// timeline's events are said (a source that knows more says more).
    fn spoken(&self, line: &ListRow) -> String {
        format!(
            "{}, {}, {}: {}",
            line.date,
            line.row.kind.label().to_lowercase(),
            crate::timeline::spoken::status(line.row.status),
            line.title
        )
    }

    /// Why lines cannot be known, when the data failed.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// A document's filtered events, in memory.
pub struct MemoryRows<'a> {
    /// The document.
    pub doc: &'a Document,
    /// What passes its filters, in time order.
    pub derived: &'a Derived,
}

impl ListRows for MemoryRows<'_> {
    fn len(&self) -> usize {
        self.derived.filtered.order.len()
    }

    fn line(&self, i: usize) -> Option<ListRow> {
        let e = *self.derived.filtered.order.get(i)?;
        MemoryData::new(self.doc, self.derived).list_row(e)
    }

    fn position(&self, e: EventIdx) -> Option<usize> {
        self.derived.filtered.position(self.doc, e)
    }

    fn spoken(&self, line: &ListRow) -> String {
        crate::timeline::spoken::event(self.doc, line.row.event)
    }
}

/// The list's columns.
const COLUMNS: [&str; 6] = ["Date", "Kind", "Status", "Title", "Quotes", "Links"];

/// Draws the list; `scroll_to_selected` brings the selected row into view. Lines not
/// known yet are drawn as "…" and asked for ([`Command::WantListRows`]).
pub fn event_list_ui(
    ui: &mut Ui,
    rows: &dyn ListRows,
    selected: Option<EventIdx>,
    scroll_to_selected: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if let Some(why) = rows.failure() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("The engine could not list the events: {why}"),
        );
    }
    let total = rows.len();
    if rows.is_empty() {
        ui.label("No events pass the filters");
    }
    // For screen readers the list is a table: rows of cells under column headers, each
    // row named as the timeline names its event. (egui_extras lays out cells without
    // rows, so the rows are nodes of their own that the cells' contents hang from.)
    let table_node = ui
        .new_child(
            UiBuilder::new()
                .id_salt("event table")
                .accessibility_role(Role::Table)
                .accessibility_label(format!("Events: {}", plural(total, "row"))),
        )
        .unique_id();
    ui.ctx().accesskit_node_builder(table_node, |node| {
        node.set_row_count(total + 1);
        node.set_column_count(COLUMNS.len());
    });
    let row_height = ui.spacing().interact_size.y + 2.0;
    let mut table = list_table(ui, "event_list", 2);
    if scroll_to_selected && let Some(pos) = selected.and_then(|e| rows.position(e)) {
        table = table.scroll_to_row(pos, Some(Align::Center));
    }
    let mut missing: Option<(usize, usize)> = None;
    table
        .header(row_height, |mut header| {
            let mut row = None;
            for (c, title) in COLUMNS.iter().enumerate() {
                header.col(|ui| {
                    let row = *row.get_or_insert_with(|| row_node(ui, table_node, 0, String::new(), false));
                    // Named, so a screen reader says the column as it moves along a row.
                    cell_ui(ui, row, c, Role::ColumnHeader, Some(title), &mut |ui| {
                        ui.strong(*title);
                    });
                });
            }
        })
        .body(|body| {
            body.rows(row_height, total, |mut row| {
                let i = row.index();
                let Some(line) = rows.line(i) else {
                    missing = Some(missing.map_or((i, i), |(a, b)| (a.min(i), b.max(i))));
                    row.col(|ui| {
                        ui.weak("…");
                    });
                    return;
                };
                let e = line.row.event;
                let is_selected = selected == Some(e);
                row.set_selected(is_selected);
                let mut node = None;
                let mut row_of = |ui: &mut Ui| {
                    *node.get_or_insert_with(|| {
                        row_node(ui, table_node, i + 1, rows.spoken(&line), is_selected)
                    })
                };
                row.col(|ui| {
                    let r = row_of(ui);
                    cell_ui(ui, r, 0, Role::Cell, None, &mut |ui| {
                        ui.label(&line.date);
                    });
                });
                row.col(|ui| {
                    let r = row_of(ui);
                    cell_ui(ui, r, 1, Role::Cell, None, &mut |ui| {
                        style::glyph_ui(ui, line.row.kind, line.row.status);
                        ui.label(line.row.kind.label());
                    });
                });
                row.col(|ui| {
                    let r = row_of(ui);
                    cell_ui(ui, r, 2, Role::Cell, None, &mut |ui| {
                        let color = if is_selected {
                            style::status_text_color_selected(line.row.status, ui.visuals())
                        } else {
                            style::status_text_color(line.row.status, ui.visuals())
                        };
                        ui.label(RichText::new(line.row.status.label()).color(color));
                    });
                });
                row.col(|ui| {
                    let r = row_of(ui);
                    if title_cell_ui(ui, r, &line.title, is_selected) {
                        commands.push(Command::Select(Some(e)));
                    }
                });
                row.col(|ui| {
                    let r = row_of(ui);
                    cell_ui(ui, r, 4, Role::Cell, None, &mut |ui| {
                        if line.quotes == 0 {
                            ui.weak("none")
                                .on_hover_text("Unsourced: no quote backs this event");
                        } else {
                            ui.label(line.quotes.to_string());
                        }
                    });
                });
                row.col(|ui| {
                    let r = row_of(ui);
                    cell_ui(ui, r, 5, Role::Cell, None, &mut |ui| {
                        if line.links > 0 {
                            ui.label(line.links.to_string()).on_hover_text(
                                "Reports this one contradicts, denies or supports, or that bear on it",
                            );
                        }
                    });
                });
                if row.response().clicked() {
                    commands.push(Command::Select(Some(e)));
                }
            });
        });
    if let Some((first, last)) = missing {
        commands.push(Command::WantListRows(first, last));
    }
    commands
}

/// A cell of row `row` in column `column`, with `role` and, where given, a name.
fn cell_ui(
    ui: &mut Ui,
    row: Id,
    column: usize,
    role: Role,
    name: Option<&str>,
    add: &mut dyn FnMut(&mut Ui),
) {
    let mut builder = UiBuilder::new()
        .id_salt(("cell", column))
        .accessibility_parent(row)
        .accessibility_role(role);
    if let Some(name) = name {
        builder = builder.accessibility_label(name);
    }
    let scope = ui.scope_builder(builder, |ui| add(ui));
    ui.ctx()
        .accesskit_node_builder(scope.response.id, |node| node.set_column_index(column));
}

/// A row of table `table` for screen readers: its index, name and selected state.
fn row_node(ui: &mut Ui, table: Id, index: usize, name: String, selected: bool) -> Id {
    let id = ui
        .new_child(
            UiBuilder::new()
                .id_salt("row")
                .accessibility_parent(table)
                .accessibility_role(Role::Row)
                .accessibility_label(name),
        )
        .unique_id();
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_row_index(index);
        node.set_selected(selected);
    });
    id
}

/// The title cell of row `row`, the row's one Tab stop: a cell that can be selected,
/// scrolled into view and ringed when it has the focus. True when clicked or Enter was
/// pressed on it, and it is not the selected event.
fn title_cell_ui(ui: &mut Ui, row: Id, title: &str, is_selected: bool) -> bool {
    let mut chosen = false;
    ui.scope_builder(UiBuilder::new().accessibility_parent(row), |ui| {
        let title = ui.add(egui::Button::selectable(is_selected, title).frame(false));
        ui.ctx().accesskit_node_builder(title.id, |node| {
            node.set_role(Role::Cell);
            node.clear_toggled();
            node.set_selected(is_selected);
            node.set_column_index(3);
        });
        if title.gained_focus() {
            title.scroll_to_me(Some(Align::Center));
            ui.ctx().request_repaint();
        }
        if title.has_focus() {
            super::access::ringed(ui.ctx());
            ui.painter().rect_stroke(
                title.rect,
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        let enter = title.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        chosen = (title.clicked() || enter) && !is_selected;
    });
    chosen
}
