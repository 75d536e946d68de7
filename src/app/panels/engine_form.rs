//! The *Open through a query engine* form (File menu): a table too big for memory, and
//! the engine that reads it — this machine's, or a Ballista cluster by its scheduler's
//! URL. It edits its own draft and hands back what the user asked for; the app opens
//! the table on a worker, and says what went wrong in the problems panel.

use egui::{Context, RichText};

/// What is being typed.
#[derive(Clone, Debug, Default)]
pub struct EngineForm {
    /// The engine: `local`, or `df://host:port`.
    pub url: String,
    /// The table: a Parquet file `claimline convert` wrote, or a folder of them, as the
    /// engine's machines see it.
    pub table: String,
    /// Why the last try was refused, shown under the fields.
    pub error: Option<String>,
}

/// What the form asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineAction {
    /// Open this table through this engine.
    Open {
        /// The engine as typed.
        url: String,
        /// The table as typed.
        table: String,
    },
    /// Close the form.
    Cancel,
}

/// The form's window; returns what the user asked for.
pub fn engine_window(ctx: &Context, form: &mut EngineForm) -> Option<EngineAction> {
    let mut action = None;
    egui::Window::new("Open through a query engine")
        .collapsible(false)
        .resizable(false)
        .min_width(540.0)
        .show(ctx, |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(
                        "A table converted with `claimline convert` is read where it lies: \
                         only what the timeline shows is asked for.",
                    )
                    .weak(),
                )
                .wrap(),
            );
            egui::Grid::new("engine-form")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label("Engine");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.url)
                            .hint_text("local, or df://HOST:50050 for a Ballista cluster")
                            .desired_width(380.0),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(
                        "`local` reads the table with DataFusion in this program; a cluster \
                         is its scheduler's address (start one with scripts/cluster.sh start)",
                    );
                    ui.end_row();
                    let label = ui.label("Table");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.table)
                            .hint_text(
                                "/data/events.parquet, a folder, or s3://bucket/events.parquet",
                            )
                            .desired_width(380.0),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(
                        "as the engine's machines see it: a path they share, or an object \
                         storage address (s3://BUCKET/KEY, with the AWS_* variables set)",
                    );
                    ui.end_row();
                });
            if let Some(error) = &form.error {
                ui.add(
                    egui::Label::new(RichText::new(error).color(ui.visuals().error_fg_color))
                        .wrap(),
                );
            }
            ui.horizontal(|ui| {
                let ready = !form.table.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Open"))
                    .on_disabled_hover_text("name the table first")
                    .clicked()
                {
                    action = Some(EngineAction::Open {
                        url: form.url.trim().to_owned(),
                        table: form.table.trim().to_owned(),
                    });
                }
                if ui.button("Cancel").clicked() {
                    action = Some(EngineAction::Cancel);
                }
            });
        });
    action
}
