//! The status bar laid out (what is open, the work under way, the engine's word, the
//! problems) and the window's title.

use super::ClaimlineApp;
use super::command::{Command, Part, UiCommand};
use super::jobs::LoadJob;
use super::room::Room;
use crate::english::plural;
use crate::timeline::Origin;
use egui::{Context, RichText, Ui};

impl ClaimlineApp {
    pub(super) fn status_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            // First, so a narrow window does not cut it off.
            let content = ui.ctx().content_rect();
            if let Some(hidden) = Room::share(content.width(), content.height()).hidden(
                self.persisted.shows(Part::Legend),
                self.persisted.shows(Part::EventList),
            ) && self.doc.is_some()
            {
                ui.label(RichText::new(hidden).weak())
                    .on_hover_text(super::room::HIDDEN_HELP);
                ui.separator();
            }
            match (&self.doc, &self.big) {
                (Some(doc), Some(big)) => {
                    ui.label(&big.describe);
                    let events: usize = doc.kind_counts.iter().sum();
                    ui.weak(format!("{} · not loaded", plural(events, "event")));
                    ui.separator();
                    let status = big.status();
                    let other = big.other_failure();
                    let (words, warn) = super::big_table::indicator(&status, other.as_deref());
                    if status.health == crate::timeline::seam::asking::Health::Answering
                        || self.workers.big_open.is_some()
                    {
                        ui.spinner();
                    }
                    let label = if warn {
                        ui.colored_label(ui.visuals().warn_fg_color, words)
                    } else {
                        ui.label(words)
                    };
                    label.on_hover_text(format!(
                        "Questions asked of the engine: {} for views ({} cancelled because the view moved on), {} ahead for the stretches either side. Until a view's answers come, the last ones are drawn.",
                        status.asked, status.cancelled, status.asked_ahead
                    ));
                    if let Some(job) = &self.workers.big_open {
                        let text = job.ask.filter.text.trim();
                        if text.is_empty() {
                            ui.weak("· applying the filter…");
                        } else {
                            ui.weak(format!("· searching the table for “{text}”…"));
                        }
                    }
                }
                (Some(doc), None) => {
                    let origin = match &doc.origin {
                        Origin::File(p) => p.display().to_string(),
                        Origin::Untitled => "Untitled dataset: not saved yet".to_owned(),
                        Origin::Builtin => {
                            "Built-in dataset: Trump–Putin contacts from five articles".to_owned()
                        }
                    };
                    ui.label(origin);
                    let c = doc.dataset.counts();
                    ui.weak(format!(
                        "{} · {} · {} · {}",
                        plural(c.events, "event"),
                        plural(doc.quote_count, "quote"),
                        plural(c.sources, "source"),
                        plural(c.relations, "relation")
                    ));
                    if let Some(table) = &doc.table {
                        let rows = usize::try_from(table.records).unwrap_or(usize::MAX);
                        let skipped = usize::try_from(table.skipped).unwrap_or(usize::MAX);
                        let text = if skipped > 0 {
                            format!(
                                "{} ({} skipped)",
                                plural(rows, "row"),
                                plural(skipped, "row")
                            )
                        } else {
                            plural(rows, "row")
                        };
                        ui.weak("·");
                        if ui
                            .link(text)
                            .on_hover_text(format!(
                                "Read as a {}. Click to choose other columns.",
                                table.describe()
                            ))
                            .clicked()
                        {
                            commands.push(UiCommand::TableColumns.into());
                        }
                    }
                    if !doc.warnings.is_empty()
                        && self.windows.problems.is_none()
                        && ui
                            .small_button(format!("⚠ {}", plural(doc.warnings.len(), "warning")))
                            .on_hover_text("Show the warnings")
                            .clicked()
                    {
                        commands.push(Command::ShowWarnings);
                    }
                }
                (None, _) => {
                    ui.label("No dataset");
                }
            }
            if let (Some(job), Some(_)) = (&self.workers.load, &self.doc) {
                ui.separator();
                ui.label(format!("Loading {}", job.path.display()));
                progress_ui(ui, job);
            }
        });
        commands
    }

    pub(super) fn update_title(&mut self, ctx: &Context) {
        let mark = if self.session.is_dirty() { "● " } else { "" };
        let title = match &self.doc {
            Some(doc) => format!("{mark}{} — Claimline", doc.origin.display_name()),
            None => "Claimline".to_owned(),
        };
        // The window as a screen reader names it (egui leaves its root node nameless:
        // Orca said "frame").
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(title.clone());
        });
        if title != self.launch.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.launch.title_shown = title;
        }
    }
}

pub(super) fn progress_ui(ui: &mut Ui, job: &LoadJob) {
    let stage = job.progress.stage();
    let bar = match job.progress.fraction() {
        Some(f) => egui::ProgressBar::new(f).show_percentage(),
        // Not animated: an animated bar repaints every frame, taking a core from the
        // load under a software renderer.
        None => egui::ProgressBar::new(0.0),
    };
    ui.add(bar.desired_width(240.0).text(format!(
        "{} · {:.1} s",
        stage.label(),
        job.started.elapsed().as_secs_f32()
    )));
    // Four updates a second are enough to see it move, and leave the CPU to the load
    // (with a software renderer every frame costs tens of milliseconds).
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(250));
}
