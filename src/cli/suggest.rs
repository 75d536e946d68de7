//! `claimline suggest FILE [--published DATE] [--dataset FILE] [--format text|json]`:
//! what Claimline proposes in an article — its date expressions with their dates, its
//! quotations with their speakers, the sentences that report an event — with their
//! positions, for a person to check and for other tools.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::output::{err, out};
use crate::load::{self, LoadOptions};
use crate::suggest::{self, Suggestions};

/// Arguments of `suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The article: plain text, a saved web page, a WARC or a WACZ.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The day it was published (YYYY-MM-DD), which "Friday" and "last week" count from.
    /// Without it: the page's metadata, else a dateline in its first lines; relative
    /// dates are left without a value when neither gives one.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub published: Option<NaiveDate>,
    /// The dataset whose actors speakers are matched to (by surname); without it, the
    /// built-in dataset's.
    #[arg(long, value_name = "DATASET")]
    pub dataset: Option<PathBuf>,
    /// Text for a person, or JSON (`{"published", "dates", "quotes", "events"}`, spans in
    /// characters) for a script.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SuggestFormat,
}

/// How to write the suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// Lines for a person.
    Text,
    /// JSON.
    Json,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a day: write it as YYYY-MM-DD, e.g. 2024-11-11"))
}

/// Prints the suggestions; returns the exit status.
pub fn run(args: &SuggestArgs) -> ExitCode {
    let captured = match crate::capture::read_file(&args.file, None) {
        Ok((captured, _)) => captured,
        Err(e) => {
            err(&format!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let loaded = match &args.dataset {
        Some(path) => load::load_file(path, LoadOptions::default(), None),
        None => load::load_builtin(),
    };
    let actors: Vec<(String, String)> = match &loaded {
        Ok(loaded) => {
            let ds = &loaded.dataset;
            ds.actors
                .iter()
                .map(|a| (ds.str(a.id).to_owned(), ds.str(a.name).to_owned()))
                .collect()
        }
        Err(e) => {
            err(&e.to_string());
            return ExitCode::FAILURE;
        }
    };
    let (published, from) = match args.published {
        Some(day) => (Some(day), "as given"),
        None => match captured
            .published
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(day) => (Some(day), "the page's metadata"),
            None => match suggest::dateline(&captured.text) {
                Some(day) => (Some(day), "a dateline in its first lines"),
                None => (None, "not known: give --published"),
            },
        },
    };
    let found = suggest::suggest(&captured.text, published, &actors);
    match args.format {
        SuggestFormat::Json => match serde_json::to_string_pretty(&found) {
            Ok(json) => out(&json),
            Err(e) => {
                err(&format!("error: {e}"));
                return ExitCode::FAILURE;
            }
        },
        SuggestFormat::Text => out(&as_text(&args.file, &found, from)),
    }
    ExitCode::SUCCESS
}

fn as_text(file: &std::path::Path, s: &Suggestions, from: &str) -> String {
    let mut lines = vec![format!(
        "{}: published {} ({from})",
        file.display(),
        s.published.as_deref().unwrap_or("on a day not known")
    )];
    lines.push(format!("\ndates ({}):", s.dates.len()));
    for d in &s.dates {
        lines.push(format!(
            "  {}..{} \"{}\" → {} — {}",
            d.span.start,
            d.span.end,
            crate::english::printable(&d.text),
            d.value.as_deref().unwrap_or("?"),
            d.note
        ));
    }
    lines.push(format!("\nquotes ({}):", s.quotes.len()));
    for q in &s.quotes {
        let who = q.speaker.as_ref().map_or_else(
            || "speaker not said".to_owned(),
            |w| match &w.actor {
                Some(id) => format!("{} ({id}; {})", w.name, w.how),
                None => format!("{} ({})", w.name, w.how),
            },
        );
        lines.push(format!(
            "  {}..{} “{}”{} — {who}",
            q.span.start,
            q.span.end,
            crate::english::printable(&crate::english::shorten(&q.text, 100)),
            if q.partial { " (partial)" } else { "" }
        ));
    }
    lines.push(format!("\nevents ({}):", s.events.len()));
    for e in &s.events {
        lines.push(format!(
            "  {}..{} {} on {} (\"{}\"){}{}: {}",
            e.span.start,
            e.span.end,
            e.kind.label(),
            e.date
                .as_ref()
                .and_then(|d| d.value.as_deref())
                .unwrap_or("?"),
            e.cue,
            if e.quotes.is_empty() {
                String::new()
            } else {
                format!(", {} quoted", e.quotes.len())
            },
            if e.actors.is_empty() {
                String::new()
            } else {
                format!(", {}", e.actors.join(" "))
            },
            crate::english::printable(&crate::english::shorten(&e.sentence, 120))
        ));
    }
    lines.join("\n")
}
