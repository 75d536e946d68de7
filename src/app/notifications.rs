//! Short messages in the corner of the window: a dataset loaded, an export saved or
//! failed. Details of a failed load go to the problems panel; a toast only says so.

/// How a message should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something worked.
    Success,
    /// Worth knowing.
    Info,
    /// Something failed.
    Error,
}

/// One message.
#[derive(Clone, Debug)]
pub struct Notification {
    /// Error, info or success.
    pub level: Level,
    /// The text.
    pub text: String,
    /// When it appeared (egui time, seconds).
    pub shown_at: f64,
}

/// Seconds a message stays; errors stay twice as long.
const SHOW_SECS: f64 = 6.0;

/// The messages on screen, newest last.
#[derive(Debug, Default)]
pub struct Notifications {
    items: Vec<Notification>,
}

impl Notifications {
    /// Adds a message.
    pub fn push(&mut self, ctx: &egui::Context, level: Level, text: impl Into<String>) {
        let text = text.into();
        match level {
            Level::Error => log::warn!("{text}"),
            _ => log::info!("{text}"),
        }
        self.items.push(Notification {
            level,
            text,
            shown_at: ctx.input(|i| i.time),
        });
        if self.items.len() > 5 {
            self.items.remove(0);
        }
    }

    /// The messages still on screen.
    pub fn items(&self) -> &[Notification] {
        &self.items
    }

    /// Draws the messages in the bottom-right corner and drops expired ones.
    pub fn ui(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        self.items.retain(|n| {
            let life = if n.level == Level::Error {
                SHOW_SECS * 2.0
            } else {
                SHOW_SECS
            };
            now - n.shown_at < life
        });
        if self.items.is_empty() {
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        let mut dismissed = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .interactable(true)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (i, n) in self.items.iter().enumerate() {
                    let (icon, color) = match n.level {
                        Level::Success => ("✔", egui::Color32::from_rgb(22, 150, 70)),
                        Level::Info => ("ℹ", ui.visuals().text_color()),
                        Level::Error => ("⚠", ui.visuals().error_fg_color),
                    };
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.colored_label(color, icon);
                            ui.add(egui::Label::new(&n.text).wrap());
                            if ui
                                .small_button("✖")
                                .on_hover_text("Dismiss this message")
                                .clicked()
                            {
                                dismissed = Some(i);
                            }
                        });
                    });
                }
            });
        if let Some(i) = dismissed {
            self.items.remove(i);
        }
    }
}
