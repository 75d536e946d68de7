//! What survives a restart: theme, lane mode, toggles, recent files, export choices,
//! and how to read each table the user mapped.
//! Panel sizes are kept by egui's own memory, which eframe persists too. The dataset,
//! the selection and the filters are not persisted.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::command::{Command, Part, SideTab};
use crate::export::{ExportFormat, ExportRegion};
use crate::load::table::MappingSpec;
use crate::timeline::{LaneMode, TimeScale};

/// Most recent files remembered.
pub const MAX_RECENT: usize = 10;

/// Table mappings remembered.
pub const MAX_MAPPINGS: usize = 50;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

impl ThemeChoice {
    /// The egui theme.
    pub fn egui(self) -> egui::Theme {
        match self {
            Self::Light => egui::Theme::Light,
            Self::Dark => egui::Theme::Dark,
        }
    }
}

/// User preferences kept between sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Light or dark.
    pub theme: ThemeChoice,
    /// How the timeline is split into lanes.
    pub lane_mode: LaneMode,
    /// Compressed or linear time.
    pub time_scale: TimeScale,
    /// Draw contradiction links on the timeline.
    pub show_links: bool,
    /// Draw short titles next to markers.
    pub show_labels: bool,
    /// Show the legend under the timeline.
    pub show_legend: bool,
    /// Show the side panel (details, sources, contradictions).
    pub show_side_panel: bool,
    /// Show the event list.
    pub show_event_list: bool,
    /// Show the map beside the timeline.
    pub show_map: bool,
    /// The street tiles (a PMTiles archive) drawn under the map, if the user chose some.
    pub street_tiles: Option<PathBuf>,
    /// What the side panel shows.
    pub side_tab: SideTab,
    /// Recently opened files, most recent first.
    pub recent: Vec<PathBuf>,
    /// Last choice of what to export.
    pub capture_region: ExportRegion,
    /// Last choice of export format.
    pub capture_format: ExportFormat,
    /// Last choice of export scale (1 or 2).
    pub capture_scale: u8,
    /// How to read each table the user opened with a mapping of their own, most
    /// recent first.
    pub table_mappings: Vec<(PathBuf, MappingSpec)>,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Light,
            lane_mode: LaneMode::Kind,
            time_scale: TimeScale::Compressed,
            show_links: true,
            show_labels: true,
            show_legend: true,
            show_side_panel: true,
            show_event_list: true,
            show_map: false,
            street_tiles: None,
            side_tab: SideTab::Details,
            recent: Vec::new(),
            capture_region: ExportRegion::Window,
            capture_format: ExportFormat::Png,
            capture_scale: 1,
            table_mappings: Vec::new(),
        }
    }
}

impl Persisted {
    /// Carries out a command that changes only what is kept across restarts (lanes,
    /// parts shown, the side panel's tab, recent files); hands any other back.
    pub fn run(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::SetLaneMode(mode) => self.lane_mode = mode,
            Command::Show(part, shown) => self.set_shown(part, shown),
            Command::SetSideTab(tab) => self.side_tab = tab,
            Command::ClearRecent => self.recent.clear(),
            other => return Some(other),
        }
        None
    }

    /// Whether a part of the window is shown.
    pub fn shows(&self, part: Part) -> bool {
        match part {
            Part::Links => self.show_links,
            Part::Labels => self.show_labels,
            Part::Legend => self.show_legend,
            Part::SidePanel => self.show_side_panel,
            Part::EventList => self.show_event_list,
            Part::Map => self.show_map,
        }
    }

    /// Shows or hides a part of the window.
    pub fn set_shown(&mut self, part: Part, shown: bool) {
        let flag = match part {
            Part::Links => &mut self.show_links,
            Part::Labels => &mut self.show_labels,
            Part::Legend => &mut self.show_legend,
            Part::SidePanel => &mut self.show_side_panel,
            Part::EventList => &mut self.show_event_list,
            Part::Map => &mut self.show_map,
        };
        *flag = shown;
    }

    /// The mapping the user gave for the table at `path`, if any.
    pub fn mapping_for(&self, path: &Path) -> Option<&MappingSpec> {
        self.table_mappings
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m)
    }

    /// Remembers how to read the table at `path` (most recent first, at most
    /// [`MAX_MAPPINGS`]); an empty mapping forgets it.
    pub fn remember_mapping(&mut self, path: &Path, mapping: &MappingSpec) {
        self.table_mappings.retain(|(p, _)| p != path);
        if !mapping.is_empty() {
            self.table_mappings
                .insert(0, (path.to_owned(), mapping.clone()));
            self.table_mappings.truncate(MAX_MAPPINGS);
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_most_recent_first_and_capped() {
        let mut p = Persisted::default();
        for i in 0..15 {
            p.remember(Path::new(&format!("{i}.ron")));
        }
        p.remember(Path::new("7.ron"));
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], Path::new("7.ron"));
        assert_eq!(
            p.recent.iter().filter(|r| *r == Path::new("7.ron")).count(),
            1
        );
    }

    #[test]
    fn old_or_partial_state_still_loads() {
        let p: Persisted = ron::from_str("(theme: Dark)").unwrap();
        assert_eq!(p.theme, ThemeChoice::Dark);
        assert!(p.show_links);
    }
}
