//! The window's panels and small windows. Each lays itself out from the state it is
//! given and returns the [`Command`](super::command::Command)s the user gave; none of
//! them changes the app's state.

pub mod access;
pub mod authoring_windows;
pub mod contradictions;
pub mod details;
pub mod disputes_tab;
pub mod engine_form;
pub mod event_editor;
pub mod event_list;
pub mod legend;
pub mod menu;
pub mod problems;
pub mod publish_form;
pub mod reader;
pub mod sources;
pub mod suggestions;
pub mod table_columns;
pub mod toolbar;
pub mod windows;
