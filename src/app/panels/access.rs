//! Reading the panels by keyboard and screen reader: what has the focus is scrolled into
//! view; a block of text a reader should be able to stop on (a quote, a source, a
//! contradicting report) is one focusable item, named as a screen reader should say it,
//! with a focus ring; headings are headings.

use egui::accesskit::Role;
use egui::{Id, InnerResponse, Sense, Ui, UiBuilder};

/// Scrolls the widget that has just gained the keyboard focus into view, when it lies in
/// `ui` (the content of a scroll area; call this at the end of that content). Each focus
/// change is claimed by the first scroll area that holds the widget, so panels drawn
/// later leave it alone.
pub fn keep_focus_in_view(ui: &Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    if !response.gained_focus() || response.layer_id != ui.layer_id() {
        return;
    }
    let content = ui.min_rect();
    let clip = ui.clip_rect();
    let inside = content.contains(response.rect.center())
        && (clip.x_range().contains(response.rect.center().x));
    if !inside {
        return;
    }
    let pass = ctx.cumulative_pass_nr();
    let claim = Id::unique("claimline focus scrolled");
    let claimed = ctx.data(|d| d.get_temp::<(u64, Id)>(claim)) == Some((pass, id));
    if claimed {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(claim, (pass, id)));
    response.scroll_to_me(None);
    // The scroll area moves on the next frame: make sure there is one.
    ctx.request_repaint();
}

/// Lays out `add_contents` as one item the keyboard can stop on and a screen reader
/// reads as `name` (with `role`), ringed when it has the focus and scrolled into view
/// when it gains it.
pub fn focus_item<R>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    role: Role,
    name: String,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> InnerResponse<R> {
    let inner = ui.scope_builder(
        UiBuilder::new()
            .id_salt(id_salt)
            .sense(Sense::focusable_noninteractive())
            .accessibility_role(role)
            .accessibility_label(name),
        add_contents,
    );
    let response = &inner.response;
    if response.has_focus() {
        ringed(ui.ctx());
        let stroke = ui.visuals().selection.stroke;
        ui.painter().rect_stroke(
            response.rect.expand(2.0),
            2.0,
            stroke,
            egui::StrokeKind::Outside,
        );
    }
    if response.gained_focus() {
        response.scroll_to_me(None);
        ui.ctx().request_repaint();
    }
    inner
}

/// A heading a screen reader can land on and jump between, as egui's `ui.heading`.
pub fn heading(ui: &mut Ui, text: impl Into<egui::RichText>) -> egui::Response {
    let text: egui::RichText = text.into();
    let words = text.text().to_owned();
    let response = ui.add(egui::Label::new(text.heading()).wrap());
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.set_label(words);
    });
    response
}

/// A section of the side panel, open at first, that `add_contents` fills: its header is
/// heard as a button that says whether it is expanded (egui's disclosure triangle reaches
/// Orca as a toggle button, "not pressed" while open).
pub fn section(
    ui: &mut Ui,
    title: impl Into<egui::WidgetText>,
    id_salt: &str,
    add_contents: impl FnOnce(&mut Ui),
) {
    let shown = egui::CollapsingHeader::new(title)
        .id_salt(id_salt)
        .default_open(true)
        .show(ui, add_contents);
    let open = shown.body_returned.is_some();
    let header = &shown.header_response;
    header.ctx.accesskit_node_builder(header.id, |node| {
        node.set_role(Role::Button);
        node.clear_toggled();
        node.set_expanded(open);
    });
}

/// Rings the resize handle of the panel `panel` (its id salt) shown in `ui` when the
/// handle has the keyboard focus: egui makes it a Tab stop with a name but draws it the
/// same focused or not.
pub fn ring_panel_edge(ui: &Ui, panel: &str) {
    let handle = ui
        .scope_id()
        .with_salt(egui::IdSalt::new(panel))
        .with("__resize");
    if !ui.memory(|m| m.has_focus(handle)) {
        return;
    }
    let Some(response) = ui.ctx().read_response(handle) else {
        return;
    };
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        Id::unique("panel edge focus"),
    ));
    painter.rect_filled(response.rect, 1.0, ui.visuals().selection.stroke.color);
    ringed(ui.ctx());
}

/// Notes that the widget with the focus drew its own focus ring this frame, so
/// [`ring_focus`] leaves it alone.
pub fn ringed(ctx: &egui::Context) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(Id::unique("claimline focus ringed"), pass));
}

/// Rings whatever has the keyboard focus, unless it drew its own ring this frame
/// ([`ringed`]) or is a text field (which shows its own): egui shows the focus of a
/// frameless button, a heading or a check box only as a slightly stronger text colour.
/// Call once a frame, after everything is laid out.
pub fn ring_focus(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let pass = ctx.cumulative_pass_nr();
    let drawn = ctx.data(|d| d.get_temp::<u64>(Id::unique("claimline focus ringed"))) == Some(pass);
    if drawn || ctx.text_edit_focused() {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    if !response.interact_rect.is_positive() {
        return;
    }
    let stroke = ctx.global_style().visuals.selection.stroke;
    let painter = ctx
        .layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            Id::unique("focus ring"),
        ))
        .with_clip_rect(response.interact_rect.expand(3.0));
    painter.rect_stroke(
        response.rect.expand(2.0),
        3.0,
        stroke,
        egui::StrokeKind::Outside,
    );
}
