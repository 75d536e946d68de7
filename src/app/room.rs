//! How the window's room is shared between the timeline and the panels at the current
//! size and UI zoom. Large text (Ctrl+Plus) makes the window smaller in points; the
//! timeline keeps enough room to show every event of the opening view: the legend and
//! then the event list step aside when the window is short, and the side panel narrows
//! when it is narrow. Layout only: nothing here paints.

/// Why parts step aside, and how to bring them back (the status bar's hover text).
pub const HIDDEN_HELP: &str = "At this window size and zoom the timeline needs the room to show every event. A larger window or a smaller zoom (Ctrl+Minus, Ctrl+0) brings them back.";
/// Below this height (in points) the legend steps aside.
pub const LEGEND_MIN_HEIGHT: f32 = 640.0;
/// Below this height the event list steps aside too.
pub const EVENT_LIST_MIN_HEIGHT: f32 = 480.0;
/// The side panel's usual width.
pub const SIDE_PANEL_WIDTH: f32 = 340.0;
/// The side panel's least width on a wide window.
pub const SIDE_PANEL_MIN_WIDTH: f32 = 260.0;
/// The side panel takes at most this share of the window's width.
const SIDE_PANEL_SHARE: f32 = 0.4;
/// The event list takes at most this share of the window's height.
const EVENT_LIST_SHARE: f32 = 0.25;

/// What the window shows around the timeline, for a content size in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    /// Whether the legend has room (when the user shows it).
    pub legend: bool,
    /// Whether the event list has room (when the user shows it).
    pub event_list: bool,
    /// The event list's height: its first height, and the most it may take.
    pub event_list_height: (f32, f32),
    /// The side panel's width: least, first, most.
    pub side_panel_width: (f32, f32, f32),
}

impl Room {
    /// The room for a window's content of this width and height, in points.
    pub fn share(width: f32, height: f32) -> Self {
        let side_max = (width * SIDE_PANEL_SHARE).max(120.0);
        let side_min = SIDE_PANEL_MIN_WIDTH.min(side_max);
        let side_first = SIDE_PANEL_WIDTH.clamp(side_min, side_max);
        let list_max = (height * EVENT_LIST_SHARE).max(80.0);
        let list_first = (height * 0.2).clamp(80.0, 260.0).min(list_max);
        Self {
            legend: height >= LEGEND_MIN_HEIGHT,
            event_list: height >= EVENT_LIST_MIN_HEIGHT,
            event_list_height: (list_first, list_max),
            side_panel_width: (side_min, side_first, side_max),
        }
    }

    /// What stepped aside, said for the status bar: "Legend hidden: the timeline needs
    /// the room", or `None` when everything the user shows has room.
    pub fn hidden(&self, legend_on: bool, list_on: bool) -> Option<String> {
        let parts: Vec<&str> = [
            (legend_on && !self.legend, "legend"),
            (list_on && !self.event_list, "event list"),
        ]
        .into_iter()
        .filter_map(|(hidden, name)| hidden.then_some(name))
        .collect();
        if parts.is_empty() {
            return None;
        }
        let mut said = parts.join(" and ");
        if let Some(first) = said.get(..1) {
            said = first.to_uppercase() + &said[1..];
        }
        Some(format!("{said} hidden: the timeline needs the room"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_window_shows_everything_and_a_small_one_gives_the_timeline_room() {
        let big = Room::share(1280.0, 800.0);
        assert!(big.legend && big.event_list);
        assert_eq!(big.side_panel_width, (260.0, 340.0, 512.0));
        assert_eq!(big.hidden(true, true), None);
        // 1280×800 pixels at 150 %: the legend steps aside.
        let zoomed = Room::share(853.0, 533.0);
        assert!(!zoomed.legend && zoomed.event_list);
        assert_eq!(
            zoomed.hidden(true, true).as_deref(),
            Some("Legend hidden: the timeline needs the room")
        );
        assert_eq!(
            zoomed.hidden(false, true),
            None,
            "nothing the user hid is reported"
        );
        // At 200 %: the event list too, and the side panel takes at most 40 %.
        let double = Room::share(640.0, 400.0);
        assert!(!double.legend && !double.event_list);
        assert_eq!(double.side_panel_width, (256.0, 256.0, 256.0));
        assert!(
            double
                .hidden(true, true)
                .unwrap()
                .starts_with("Legend and event list hidden")
        );
    }
}
