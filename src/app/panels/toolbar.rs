//! The toolbar under the menu: search, the kind/status/actor/outlet filters with their
//! counts, how many events are shown, the lane mode and zoom to fit.

use egui::containers::menu::{MenuButton, MenuConfig};
use egui::{PopupCloseBehavior, Ui};

use crate::app::command::{Command, Part, UiCommand};
use crate::app::state::Persisted;
use crate::app::style;
use crate::english::{number, plural};
use crate::model::{EventKind, Status, Sym};
use crate::timeline::{Derived, Document, Facet, Filter, LaneMode};

/// The id of the search field, so Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("search_field")
}

/// Draws the toolbar from the current filter and preferences (with "Disputed only" where
/// the data has disputes); what the user changes comes back as commands (the filter as
/// a whole, when any part of it changed).
pub fn toolbar_ui(
    ui: &mut Ui,
    doc: &Document,
    (current, disputed): (&Filter, bool),
    derived: &Derived,
    persisted: &Persisted,
    filtering: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut edited = current.clone();
    let filter = &mut edited;
    ui.horizontal_wrapped(|ui| {
        search_ui(ui, filter);
        kind_and_status_menus(ui, doc, filter);
        if disputed {
            ui.toggle_value(&mut filter.disputed_only, "Disputed only")
                .on_hover_text("Show only the events that take part in a dispute");
        }
        facet_menu(ui, "Actor", &doc.actor_facets, &mut filter.actors);
        facet_menu(ui, "Outlet", &doc.outlet_facets, &mut filter.outlets);
        if let Some(area) = filter.place
            && ui
                .button("Place ✖")
                .on_hover_text(format!(
                    "Only events in the box drawn on the map: {}. Click to show every place.",
                    area.display()
                ))
                .clicked()
        {
            filter.place = None;
        }
        if !filter.is_empty()
            && ui
                .button("Clear filters")
                .on_hover_text("Show every event")
                .clicked()
        {
            *filter = Filter::default();
        }
        ui.separator();
        // Counted, not listed: a table read through an engine holds no events.
        let (total, shown) = (doc.kind_counts.iter().sum(), derived.filtered.len());
        let counts = if shown == total {
            plural(total, "event")
        } else {
            format!("{} of {}", number(shown), plural(total, "event"))
        };
        ui.label(counts);
        if filtering {
            ui.spinner();
            ui.weak("Filtering…");
        }
        ui.separator();
        commands.extend(view_buttons_ui(ui, persisted));
    });
    if edited != *current {
        commands.push(Command::SetFilter(edited));
    }
    commands
}

/// The search box, and its button that clears it.
fn search_ui(ui: &mut Ui, filter: &mut Filter) {
    ui.label("🔍");
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut filter.text)
                .id(search_id())
                .hint_text("Search titles, summaries, quotes (Ctrl+F)")
                .desired_width(260.0),
        )
        .on_hover_text(UiCommand::FocusSearch.tooltip());
    // Named by its purpose for a screen reader, not by the magnifying glass beside it.
    ui.ctx().accesskit_node_builder(search.id, |node| {
        node.set_label("Search events");
    });
    if !filter.text.is_empty()
        && ui
            .small_button("✖")
            .on_hover_text("Clear the search")
            .clicked()
    {
        filter.text.clear();
    }
    ui.separator();
}

/// The Kind and Status filter menus (only the kinds the dataset has are offered).
fn kind_and_status_menus(ui: &mut Ui, doc: &Document, filter: &mut Filter) {
    // Only the kinds this dataset has are offered, and those hidden, so they can be
    // shown again (a table without day counts counts its kinds under the filter).
    let kinds: Vec<EventKind> = EventKind::ALL
        .into_iter()
        .filter(|k| doc.kind_counts[k.index()] > 0 || !filter.shows_kind(*k))
        .collect();
    let kinds_shown = kinds.iter().filter(|k| filter.shows_kind(**k)).count();
    filter_menu(ui, &format!("Kind {kinds_shown}/{}", kinds.len()), |ui| {
        all_none_ui(ui, |all| {
            for &k in &kinds {
                filter.set_kind(k, all);
            }
        });
        for &kind in &kinds {
            let mut shown = filter.shows_kind(kind);
            ui.horizontal(|ui| {
                style::glyph_ui(ui, kind, Status::Confirmed);
                if ui
                    .checkbox(
                        &mut shown,
                        format!("{} ({})", kind.label(), doc.kind_counts[kind.index()]),
                    )
                    .changed()
                {
                    filter.set_kind(kind, shown);
                }
            });
        }
    });
    let statuses_shown = Status::ALL
        .iter()
        .filter(|s| filter.shows_status(**s))
        .count();
    filter_menu(
        ui,
        &format!("Status {statuses_shown}/{}", Status::ALL.len()),
        |ui| {
            all_none_ui(ui, |all| {
                for s in Status::ALL {
                    filter.set_status(s, all);
                }
            });
            for status in Status::ALL {
                let mut shown = filter.shows_status(status);
                if ui
                    .checkbox(
                        &mut shown,
                        format!("{} ({})", status.label(), doc.status_counts[status.index()]),
                    )
                    .on_hover_text(status.description())
                    .changed()
                {
                    filter.set_status(status, shown);
                }
            }
        },
    );
}

/// The lanes' menu and the view's buttons: zoom to fit, links, labels.
fn view_buttons_ui(ui: &mut Ui, persisted: &Persisted) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::ComboBox::from_label("Lanes")
        .selected_text(persisted.lane_mode.label())
        .show_ui(ui, |ui| {
            for mode in LaneMode::ALL {
                if ui
                    .selectable_label(persisted.lane_mode == mode, mode.label())
                    .clicked()
                {
                    commands.push(Command::SetLaneMode(mode));
                }
            }
        })
        .response
        .on_hover_text("Lanes: split the timeline by event kind, by actor, or by imported group");
    if ui
        .button(UiCommand::ZoomToFit.label())
        .on_hover_text(shortcut_tooltip(UiCommand::ZoomToFit))
        .clicked()
    {
        commands.push(UiCommand::ZoomToFit.into());
    }
    if ui
        .selectable_label(persisted.shows(Part::Links), "Links")
        .on_hover_text(shortcut_tooltip(UiCommand::ToggleLinks))
        .clicked()
    {
        commands.push(UiCommand::ToggleLinks.into());
    }
    let labels = persisted.shows(Part::Labels);
    if ui
        .selectable_label(labels, "Labels")
        .on_hover_text("Show short titles next to markers where there is room")
        .clicked()
    {
        commands.push(Command::Show(Part::Labels, !labels));
    }
    commands
}

/// "Tooltip (Shortcut)".
pub fn shortcut_tooltip(command: UiCommand) -> String {
    match command.shortcut() {
        Some(s) => format!("{} ({})", command.tooltip(), shortcut_text(&s)),
        None => command.tooltip().to_owned(),
    }
}

/// A shortcut as text, "Ctrl+O".
pub fn shortcut_text(shortcut: &egui::KeyboardShortcut) -> String {
    shortcut.format(&egui::ModifierNames::NAMES, cfg!(target_os = "macos"))
}

fn filter_menu(ui: &mut Ui, label: &str, content: impl FnOnce(&mut Ui)) {
    let (button, open) = MenuButton::new(format!("{label} ⏷"))
        .config(MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside))
        .ui(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    content(ui);
                    super::access::keep_focus_in_view(ui);
                });
        });
    // A screen reader says it opens a menu, and whether it is open; not the "⏷".
    ui.ctx().accesskit_node_builder(button.id, |node| {
        node.set_label(label);
        node.set_has_popup(egui::accesskit::HasPopup::Menu);
        node.set_expanded(open.is_some());
    });
}

fn all_none_ui(ui: &mut Ui, mut set_all: impl FnMut(bool)) {
    ui.horizontal(|ui| {
        if ui.small_button("All").clicked() {
            set_all(true);
        }
        if ui.small_button("None").clicked() {
            set_all(false);
        }
    });
    ui.separator();
}

/// A menu of checkboxes over facet values; an empty selection means "all".
fn facet_menu(ui: &mut Ui, name: &str, facets: &[Facet], selected: &mut Vec<Sym>) {
    if facets.is_empty() {
        return;
    }
    let label = if selected.is_empty() {
        format!("{name}: all")
    } else {
        format!("{name}: {}", selected.len())
    };
    filter_menu(ui, &label, |ui| {
        if ui
            .small_button("All")
            .on_hover_text("Do not filter by this")
            .clicked()
        {
            selected.clear();
        }
        ui.separator();
        for facet in facets.iter().take(500) {
            let mut on = selected.contains(&facet.key);
            if ui
                .checkbox(&mut on, format!("{} ({})", facet.label, facet.count))
                .changed()
            {
                if on {
                    selected.push(facet.key);
                } else {
                    selected.retain(|k| *k != facet.key);
                }
            }
        }
        if facets.len() > 500 {
            ui.weak(format!("… and {} more (use search)", facets.len() - 500));
        }
    });
}
