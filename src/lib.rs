//! Claimline: a timeline viewer for disputed news.
//!
//! A dataset of dated events — meetings, calls, messages, media reports, denials —
//! each backed by verbatim quotes from its sources, with first-class relations that say
//! which report contradicts which. The crate is split into a pure core ([`model`],
//! [`load`], [`save`], [`corpus`]) that knows nothing of the UI, the command line
//! ([`cli`]), and the egui app ([`app`]).

#[cfg(feature = "gui")]
pub mod app;
pub mod capture;
pub mod cli;
pub mod corpus;
pub mod disputes;
pub mod edit;
#[cfg(feature = "engine")]
pub mod engine;
pub mod english;
pub mod evidence;
pub mod export;
pub mod files;
pub mod generate;
pub mod hash;
pub mod load;
pub mod map;
pub mod markup;
pub mod model;
pub mod progress;
pub mod publish;
pub mod save;
pub mod suggest;
pub mod timeline;
