//! `claimline source add DATASET FILE [--url URL] [--id ID]`: adds a source from what
//! people capture — a saved page, a WARC, a WACZ or plain text — keeping the file beside
//! the dataset under its SHA-256, and says what it found and kept.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::output::{err, out};
use crate::capture;
use crate::edit::{self, Change, forms::SourceForm};
use crate::english::plural;
use crate::load::{self, LoadOptions};
use crate::save::{Comments, save_file};

/// Arguments of `source`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SourceAction,
}

/// What `source` does.
#[derive(Debug, Subcommand)]
pub enum SourceAction {
    /// Add a source from a captured page (.html, .warc, .warc.gz, .wacz) or text (.txt),
    /// or attach the capture to an existing source (--id).
    Add(AddArgs),
}

/// Arguments of `source add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The RON dataset to add the source to (saved in place, comments kept).
    pub dataset: PathBuf,
    /// The capture: a saved web page, a WARC (gzipped or not), a WACZ, or UTF-8 text.
    pub file: PathBuf,
    /// The page's address: which page of an archive to take; for a page or text, the
    /// address it was saved from.
    #[arg(long)]
    pub url: Option<String>,
    /// The source's id: an existing source gets the capture; otherwise a new source
    /// with this id.
    #[arg(long)]
    pub id: Option<String>,
    /// The outlet that published it (a new source; default: the site's host).
    #[arg(long)]
    pub outlet: Option<String>,
    /// When it was published, as in the format (a new source; default: the page's
    /// metadata).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
}

/// Runs `source`.
pub fn run(args: &SourceArgs) -> ExitCode {
    match &args.action {
        SourceAction::Add(add) => match add_source(add) {
            Ok(lines) => {
                for line in lines {
                    out(&line);
                }
                ExitCode::SUCCESS
            }
            Err(why) => {
                err(&format!("{why:#}"));
                ExitCode::FAILURE
            }
        },
    }
}

fn add_source(args: &AddArgs) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(&args.dataset)
        .map_err(|e| anyhow::anyhow!("{}: cannot read it: {e}", args.dataset.display()))?;
    let mut loaded = load::load_bytes(
        text.as_bytes(),
        &args.dataset,
        LoadOptions::strict(false),
        None,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let dir = crate::files::folder_of(&args.dataset);
    let (captured, bytes) = capture::read_file(&args.file, args.url.as_deref())?;
    let ds = &mut loaded.dataset;
    let mut lines = vec![found(&args.file, &captured)];
    // Two captures of one address: both kept, the person told.
    for s in &ds.sources {
        if let Some(c) = s.capture {
            let same_bytes = ds.str(c.sha256) == captured.info.sha256;
            let same_url = !captured.info.url.is_empty() && ds.str(c.url) == captured.info.url;
            if (same_bytes || same_url) && args.id.as_deref() != Some(ds.str(s.id)) {
                err(&format!(
                    "warning: source \"{}\" already has {} ({}); both are kept — give this one --id {} to replace that capture instead",
                    ds.str(s.id),
                    if same_bytes {
                        "these very bytes"
                    } else {
                        "a capture of this address"
                    },
                    if ds.str(c.captured).is_empty() {
                        ds.str(c.file)
                    } else {
                        ds.str(c.captured)
                    },
                    ds.str(s.id)
                ));
            }
        }
    }
    for note in &captured.notes {
        err(&format!("note: {note}"));
    }
    let index = args
        .id
        .as_deref()
        .and_then(|id| ds.sources.iter().position(|s| ds.str(s.id) == id));
    let base = match index.and_then(|i| SourceForm::of(ds, i)) {
        Some(form) => form,
        None => {
            let id = args
                .id
                .clone()
                .unwrap_or_else(|| new_id(ds, &captured, &args.file));
            SourceForm {
                id,
                outlet: args.outlet.clone().unwrap_or_default(),
                published: args.published.clone().unwrap_or_default(),
                ..SourceForm::default()
            }
        }
    };
    if index.is_none() && base.published.trim().is_empty() && captured.published.is_empty() {
        anyhow::bail!(
            "{}: the page does not say when it was published; give --published (e.g. --published 2024-11-11, or 2024-11 if only the month is known)",
            args.file.display()
        );
    }
    let file = capture::store(&dir, &captured.info, &bytes)?;
    let form = base.with_capture(&captured, &file);
    let id = form.id.clone();
    edit::apply(ds, &Change::Source { index, form }).map_err(|problems| {
        let words: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "{} ({}){}",
                    p.message,
                    p.field,
                    if p.help.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", p.help)
                    }
                )
            })
            .collect();
        anyhow::anyhow!(
            "{}: the source was not added: {}",
            args.dataset.display(),
            words.join("; ")
        )
    })?;
    // How the source's quotes fare against the new text.
    let texts: crate::corpus::SourceTexts = ds
        .sources
        .iter()
        .filter(|s| ds.str(s.id) == id)
        .map(|s| (s.id, Ok(captured.text.clone())))
        .collect();
    let report = crate::corpus::verify(ds, &text, &texts, false);
    let of_source = ds
        .events
        .iter()
        .flat_map(|e| ds.quotes(e.quotes))
        .filter(|q| ds.str(q.source) == id)
        .count();
    if of_source > 0 {
        lines.push(format!(
            "  its quotes: {} of {} found exactly{}",
            report.verified,
            of_source,
            if report.fixes.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} only with typesetting folded (`claimline fmt --fix-quotes {}`)",
                    report.fixes.len(),
                    args.dataset.display()
                )
            }
        ));
    }
    let comments = Comments::scan(&text);
    save_file(ds, &comments, &args.dataset)?;
    lines.push(format!(
        "{}: {} source \"{id}\", its capture kept as {}",
        args.dataset.display(),
        if index.is_some() { "updated" } else { "added" },
        dir.join(&file).display()
    ));
    Ok(lines)
}

/// What was found in a capture, in a line or two.
fn found(file: &Path, c: &capture::Captured) -> String {
    let i = &c.info;
    let mut line = format!(
        "{}: {}, SHA-256 {}",
        file.display(),
        i.format().describe(),
        i.sha256
    );
    for (what, value) in [
        ("page", &i.url),
        ("captured", &i.captured),
        ("by", &i.tool),
        ("record", &i.record),
        ("title", &c.title),
        ("published", &c.published),
    ] {
        if !value.is_empty() {
            line.push_str(&format!("\n  {what}: {value}"));
        }
    }
    line.push_str(&format!(
        "\n  article text: {}, {}",
        plural(c.text.chars().count(), "character"),
        plural(c.text.lines().count(), "paragraph")
    ));
    line
}

/// An id not used yet, from the site's host or the file's name.
fn new_id(ds: &crate::model::Dataset, c: &capture::Captured, file: &Path) -> String {
    let name = edit::forms::host_of(&c.info.url).unwrap_or_else(|| {
        file.file_stem()
            .map_or_else(|| "source".to_owned(), |s| s.to_string_lossy().into_owned())
    });
    edit::forms::free_source_id(ds, &name)
}
