//! The event list: the filtered events in time order, one row each, in sync with the
//! timeline both ways. Rows are laid out only when visible, so a million rows cost what
//! a screenful does.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::style;
use crate::model::EventIdx;
use crate::timeline::{Derived, Document};

/// A list of events as a table: date, kind, status and title columns, then `counts`
/// narrow columns of numbers, striped, resizable, filling the panel's height.
pub fn list_table<'a>(ui: &'a mut Ui, id: &str, counts: usize) -> TableBuilder<'a> {
    let mut table = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(true)
        // Rows answer clicks but take no keyboard focus: Tab stops once per row, on its
        // title (a named button), not on unnamed cells.
        .sense(egui::Sense::CLICK)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(190.0).at_least(90.0).clip(true))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(85.0).at_least(50.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY);
    for _ in 0..counts {
        table = table.column(Column::initial(60.0).at_least(40.0));
    }
    table
}

/// Draws the list; `scroll_to_selected` brings the selected row into view.
pub fn event_list_ui(
    ui: &mut Ui,
    doc: &Document,
    derived: &Derived,
    selected: Option<EventIdx>,
    scroll_to_selected: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let ds = &doc.dataset;
    let order = &derived.filtered.order;
    let row_height = ui.spacing().interact_size.y + 2.0;
    let mut table = list_table(ui, "event_list", 2);
    if scroll_to_selected
        && let Some(pos) = selected.and_then(|e| derived.filtered.position(doc, e))
    {
        table = table.scroll_to_row(pos, Some(Align::Center));
    }
    table
        .header(row_height, |mut header| {
            for title in ["Date", "Kind", "Status", "Title", "Quotes", "Links"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, order.len(), |mut row| {
                let e = order[row.index()];
                let event = &ds.events[e as usize];
                let is_selected = selected == Some(e);
                row.set_selected(is_selected);
                row.col(|ui| {
                    ui.label(event.date.display());
                });
                row.col(|ui| {
                    style::glyph_ui(ui, event.kind, event.status);
                    ui.label(event.kind.label());
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(event.status.label())
                            .color(style::status_text_color(event.status, ui.visuals())),
                    );
                });
                row.col(|ui| {
                    let title = ds.str(event.title);
                    if ui
                        .add(egui::Button::selectable(is_selected, title).frame(false))
                        .clicked()
                    {
                        commands.push(Command::Select(Some(e)));
                    }
                });
                row.col(|ui| {
                    let n = event.quotes.len();
                    if n == 0 {
                        ui.weak("none")
                            .on_hover_text("Unsourced: no quote backs this event");
                    } else {
                        ui.label(n.to_string());
                    }
                });
                row.col(|ui| {
                    let n = ds.relations_of(e).count();
                    if n > 0 {
                        ui.label(n.to_string()).on_hover_text(
                            "Reports this one contradicts, denies or supports, or that bear on it",
                        );
                    }
                });
                if row.response().clicked() {
                    commands.push(Command::Select(Some(e)));
                }
            });
        });
    commands
}
