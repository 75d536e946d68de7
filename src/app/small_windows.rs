//! The small windows laid out each frame beside the timeline — shortcuts, the path
//! prompt, export, publish, the engine's form, the table's columns, the authoring
//! windows — and the keyboard shortcuts and the drop overlay.

use super::ClaimlineApp;
use super::command::{Command, UiCommand};
use super::panels::engine_form::EngineAction;
use super::panels::publish_form::PublishAction;
use super::panels::{authoring_windows, reader, table_columns, windows};
use crate::export::form::{self, FormAction};
use egui::Context;

impl ClaimlineApp {
    /// The small windows beside the timeline — shortcuts, the path prompt, export,
    /// publish, the engine's form, the table's columns — and the authoring windows.
    pub(super) fn windows_ui(&mut self, ctx: &Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.windows.show_shortcuts && !windows::shortcuts_window(ctx) {
            commands.push(Command::CloseShortcuts);
        }
        commands.extend(windows::open_path_window(
            ctx,
            self.windows.path_prompt.as_mut(),
        ));
        if let Some(form) = &mut self.windows.export_form {
            commands.extend(form::export_window(ctx, form).map(|action| match action {
                FormAction::Browse => Command::BrowseExportPath,
                FormAction::Export(request) => Command::Export(request),
                FormAction::Cancel => Command::CloseExportForm,
            }));
        }
        if let Some(form) = &mut self.windows.publish_form {
            commands.extend(
                super::panels::publish_form::publish_window(ctx, form).map(|action| match action {
                    PublishAction::Browse => Command::BrowsePublishPath,
                    PublishAction::Publish(what, path) => Command::PublishTo(what, path),
                    PublishAction::Cancel => Command::ClosePublishForm,
                }),
            );
        }
        if let Some(form) = &mut self.windows.engine_form {
            commands.extend(
                super::panels::engine_form::engine_window(ctx, form).map(|action| match action {
                    EngineAction::Open { url, table } => Command::OpenThroughEngine {
                        url,
                        table: table.into(),
                    },
                    EngineAction::Cancel => Command::CloseEngineForm,
                }),
            );
        }
        if let Some(form) = &mut self.windows.table_columns {
            commands.extend(table_columns::table_columns_window(ctx, form));
        }
        commands.extend(self.authoring_windows(ctx));
        commands
    }

    /// True when a form holds typing not yet applied to the dataset.
    pub(super) fn form_pending(&self) -> bool {
        let event_pending = match (&self.session.event, &self.doc) {
            (Some(editor), Some(doc)) => {
                crate::edit::forms::EventForm::of(&doc.dataset, editor.event).as_ref()
                    != Some(&editor.form)
            }
            _ => false,
        };
        event_pending
            || self.session.source.is_some()
            || self.session.reader.is_some()
            || self.session.relation.is_some()
            || self.windows.path_prompt.is_some()
            || self.windows.export_form.is_some()
            || self.windows.publish_form.is_some()
            || self.windows.engine_form.is_some()
    }

    /// The windows of authoring and the questions asked before something is lost.
    pub(super) fn authoring_windows(&mut self, ctx: &Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(found) = &self.windows.restore_offer {
            commands.extend(authoring_windows::restore_window(ctx, found));
        }
        if let Some(doc) = self.doc.clone() {
            let selected = self.selected();
            if let Some(source) = &mut self.session.source {
                commands.extend(authoring_windows::source_window(ctx, source));
            }
            if let Some(reader) = &mut self.session.reader {
                commands.extend(reader::reader_window(
                    ctx,
                    &doc,
                    reader,
                    &self.session.answered,
                    selected,
                    self.generation,
                ));
            }
            if let Some(relation) = &mut self.session.relation {
                commands.extend(authoring_windows::relation_window(ctx, &doc, relation));
            }
            if let Some(e) = self.session.delete {
                commands.extend(authoring_windows::delete_window(ctx, &doc, e));
            }
            if let Some(pending) = &self.session.confirm {
                commands.extend(authoring_windows::confirm_window(
                    ctx,
                    pending,
                    &doc.origin.display_name(),
                ));
            }
        }
        if let Some((path, lines)) = &self.session.comments_warning {
            commands.extend(authoring_windows::comments_window(ctx, path, lines));
        }
        commands
    }
}

/// Collects the commands bound to keys pressed this frame. While a text field has the
/// focus, keys without a modifier are its own, and so are Undo and Redo while a form
/// holds typing not yet applied (`form_pending`); otherwise they undo the dataset's edits.
pub(super) fn shortcuts(ctx: &Context, form_pending: bool) -> Vec<Command> {
    // Only a text field takes plain keys: a button or a timeline event focused by Tab
    // leaves ←/→, Home, End and the letters to the app.
    let typing = ctx.text_edit_focused();
    // Escape closes the innermost open thing first: an open menu, not the selection.
    let menu_open = egui::Popup::is_any_open(ctx);
    let mut commands = Vec::new();
    // Shortcuts with more modifiers first, so Ctrl+Shift+Z is not also taken as Ctrl+Z,
    // nor Ctrl+F as F.
    let mut ordered: Vec<UiCommand> = UiCommand::ALL.to_vec();
    ordered.sort_by_key(|c| std::cmp::Reverse(c.modifier_count()));
    for command in ordered {
        let Some(shortcut) = command.shortcut() else {
            continue;
        };
        let text_key = if form_pending {
            command.is_text_key()
        } else {
            command.is_plain_key()
        };
        if (typing && text_key) || (menu_open && command == UiCommand::ClearSelection) {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            commands.push(command.into());
        }
    }
    if !typing && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Equals)) {
        commands.push(UiCommand::ZoomIn.into());
    }
    commands
}

/// Darkens the window while a file is dragged over it.
pub(super) fn drop_overlay(ctx: &Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop the dataset to open it",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
