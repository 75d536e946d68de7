//! The event list: the filtered events in time order, one row each, in sync with the
//! timeline both ways, whether the events are in memory or in a table read through a
//! query engine ([`ListRows`]). Rows are laid out only when visible, so a million rows
//! cost what a screenful does; an engine is asked for the pages in view.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::app::style;
use crate::model::EventIdx;
use crate::timeline::seam::ListRow;
use crate::timeline::seam::memory::MemoryData;
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
}

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
    let row_height = ui.spacing().interact_size.y + 2.0;
    let mut table = list_table(ui, "event_list", 2);
    if scroll_to_selected && let Some(pos) = selected.and_then(|e| rows.position(e)) {
        table = table.scroll_to_row(pos, Some(Align::Center));
    }
    let mut missing: Option<(usize, usize)> = None;
    table
        .header(row_height, |mut header| {
            for title in ["Date", "Kind", "Status", "Title", "Quotes", "Links"] {
                header.col(|ui| {
                    ui.strong(title);
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
                row.col(|ui| {
                    ui.label(&line.date);
                });
                row.col(|ui| {
                    style::glyph_ui(ui, line.row.kind, line.row.status);
                    ui.label(line.row.kind.label());
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(line.row.status.label()).color(if is_selected {
                            style::status_text_color_selected(line.row.status, ui.visuals())
                        } else {
                            style::status_text_color(line.row.status, ui.visuals())
                        }),
                    );
                });
                row.col(|ui| {
                    if ui
                        .add(egui::Button::selectable(is_selected, &line.title).frame(false))
                        .clicked()
                    {
                        commands.push(Command::Select(Some(e)));
                    }
                });
                row.col(|ui| {
                    if line.quotes == 0 {
                        ui.weak("none")
                            .on_hover_text("Unsourced: no quote backs this event");
                    } else {
                        ui.label(line.quotes.to_string());
                    }
                });
                row.col(|ui| {
                    if line.links > 0 {
                        ui.label(line.links.to_string()).on_hover_text(
                            "Reports this one contradicts, denies or supports, or that bear on it",
                        );
                    }
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
