//! The event list of a table read through a query engine: its events in time order, a
//! page at a time (the engine is asked for each page as it is turned to), one row per
//! event; a row's title selects the event, whose details are then asked of the engine.

use egui::{RichText, Ui};

use crate::app::big_table::{EngineList, LIST_PAGE, ListPage};
use crate::app::command::Command;
use crate::app::style;
use crate::english::number;
use crate::model::EventIdx;

/// Draws the page and its controls; `total` is how many events pass the filters.
pub fn engine_list_ui(
    ui: &mut Ui,
    list: &EngineList,
    total: usize,
    selected: Option<EventIdx>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let pages = total.div_ceil(LIST_PAGE).max(1);
    let page = list.page.min(pages - 1);
    ui.horizontal(|ui| {
        let first = page * LIST_PAGE;
        let last = (first + LIST_PAGE).min(total);
        if ui
            .add_enabled(page > 0, egui::Button::new("◀ Earlier"))
            .on_hover_text("The page of events before these")
            .clicked()
        {
            commands.push(Command::EngineListPage(page - 1));
        }
        if ui
            .add_enabled(page + 1 < pages, egui::Button::new("Later ▶"))
            .on_hover_text("The page of events after these")
            .clicked()
        {
            commands.push(Command::EngineListPage(page + 1));
        }
        if total == 0 {
            ui.label("No events pass the filters");
        } else {
            ui.label(format!(
                "Events {}–{} of {}, in time order (page {} of {})",
                number(first + 1),
                number(last),
                number(total),
                number(page + 1),
                number(pages)
            ));
        }
        match &list.rows {
            ListPage::Asking(_) => {
                ui.spinner();
                ui.weak("asking the engine…");
            }
            ListPage::Failed(why) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("The engine could not list them: {why}"),
                );
            }
            ListPage::Shown(_) => {}
        }
    });
    let ListPage::Shown(rows) = &list.rows else {
        return commands;
    };
    let row_height = ui.spacing().interact_size.y + 2.0;
    super::event_list::list_table(ui, "engine_list", 0)
        .header(row_height, |mut header| {
            for title in ["Date", "Kind", "Status", "Title"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(line) = rows.get(row.index()) else {
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
                        RichText::new(line.row.status.label())
                            .color(style::status_text_color(line.row.status, ui.visuals())),
                    );
                });
                let mut chosen = false;
                row.col(|ui| {
                    chosen = ui
                        .add(egui::Button::selectable(is_selected, &line.title).frame(false))
                        .clicked();
                });
                if chosen || row.response().clicked() {
                    commands.push(Command::Select(Some(e)));
                }
            });
        });
    commands
}
