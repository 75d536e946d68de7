//! The last steps every format goes through: validation, problems turned into
//! diagnostics (placed at their line and column in RON text, or named by their data
//! path), `--strict`, and the string table sealed once the dataset is good.

use std::path::Path;

use super::diagnostic::{Diagnostic, LineIndex, LoadError, Location, Severity};
use super::ron::locate::{self, DataPath, Seg};
use super::validate::{self, Finding};
use super::{LoadOptions, Loaded, MAX_DIAGNOSTICS};
use crate::english::{noun, number};
use crate::model::Dataset;
use crate::model::event_ids::EventIds;
use crate::progress::{Progress, Stage};

/// Where a dataset's problems can be pointed at.
pub(crate) enum Placing<'t> {
    /// In the RON text the dataset was parsed from, by line and column.
    Ron(&'t str),
    /// Only by their path in the data (`events[3].title`): the dataset was built from
    /// another format or in code.
    ByPath,
    /// At the line each event's row starts on and the column its value came from (a
    /// table).
    Rows(RowPlaces),
}

/// What a format's reader hands over: the dataset, how to place its problems, how
/// many events without quotes to list one by one, and the reader's own warnings.
pub(crate) struct Parsed<'t> {
    pub dataset: Dataset,
    pub placing: Placing<'t>,
    /// `None` for formats without quotes.
    pub list_unquoted: Option<usize>,
    pub warnings: Vec<Diagnostic>,
    /// True when the reader made every actor and source the events name (a table).
    pub references_made: bool,
    /// The events' id index, when the reader built it (a table settles duplicate ids
    /// itself).
    pub event_ids: Option<EventIds>,
}

impl Parsed<'_> {
    /// A dataset built in code (generated, or read from another format).
    pub fn built(dataset: Dataset) -> Parsed<'static> {
        Parsed {
            dataset,
            placing: Placing::ByPath,
            list_unquoted: Some(validate::MAX_UNQUOTED_LISTED),
            warnings: Vec::new(),
            references_made: false,
            event_ids: None,
        }
    }
}

/// Validates, and hands back the dataset with its warnings, or every problem.
pub(crate) fn finish(
    parsed: Parsed<'_>,
    file: &Path,
    options: &LoadOptions,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let strict = options.strict;
    if let Some(p) = progress {
        p.start(Stage::Checking, 0);
    }
    let Parsed {
        mut dataset,
        placing,
        list_unquoted,
        warnings,
        references_made,
        event_ids,
    } = parsed;
    // Reading is over: the interning index goes before validation's own indexes come
    // (a table of 3M links: 70 MB less at the peak).
    dataset.strings.seal();
    let started = std::time::Instant::now();
    let findings = validate::validate(&mut dataset, list_unquoted, references_made, event_ids);
    log::info!(
        "validated {} events in {:.0} ms",
        dataset.events.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let total = findings.len();
    let mut findings = findings;
    findings.sort_by_key(|f| f.severity);
    findings.truncate(MAX_DIAGNOSTICS);
    // Each finding's place in the file, and the words that name where it is: its data
    // path for a dataset file, its row and column for a table.
    let places: Vec<(Option<Location>, String)> = match &placing {
        Placing::Ron(text) => place_in_text(text, &findings)
            .into_iter()
            .zip(&findings)
            .map(|(l, f)| (l, f.at.to_string()))
            .collect(),
        Placing::ByPath => findings.iter().map(|f| (None, f.at.to_string())).collect(),
        Placing::Rows(rows) => findings
            .iter()
            .map(|f| rows.place(&dataset, &f.at))
            .collect(),
    };
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .zip(places)
        .map(|(f, (location, words))| diagnostic(f, location, &words, strict))
        .collect();
    diagnostics.extend(warnings.into_iter().map(|w| strictly(w, strict)));
    if total > MAX_DIAGNOSTICS {
        let more = total - MAX_DIAGNOSTICS;
        diagnostics.push(Diagnostic::error(format!(
            "… and {} more {} not listed",
            number(more),
            noun(more, "problem")
        )));
    }
    // Errors in file order; warnings stay in the order validation found them, which
    // puts summaries ("… and N more") after what they summarize.
    diagnostics.sort_by_key(|d| {
        let place = match d.severity {
            Severity::Error => d.location.as_ref().map(|l| (l.line, l.col)),
            Severity::Warning => None,
        };
        (d.severity, place)
    });
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError {
            file: file.to_owned(),
            diagnostics,
        });
    }
    Ok(Loaded {
        dataset,
        warnings: diagnostics,
        file: file.to_owned(),
        table: None,
    })
}

/// Where a table's problems are, said in the table's own terms — the row's line, the
/// column and the key it was mapped to — never as a path in the dataset Claimline made
/// from it (`sources[1288].id`), which the user never wrote.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowPlaces {
    /// Each event's line in the file (1-based).
    pub lines: crate::load::table::lines::EventLines,
    /// For an event's field (`"title"`, `"sources"`, `"participants"`…), the words that
    /// name the column it came from: `column "link" (mapped to `url`)`.
    pub columns: Vec<(&'static str, String)>,
}

impl RowPlaces {
    /// The line of the problem at `at` and the words that name its row and column.
    fn place(&self, ds: &Dataset, at: &DataPath) -> (Option<Location>, String) {
        let (event, field) = match at.0.as_slice() {
            [Seg::Field("events"), Seg::Index(i), rest @ ..] => (
                Some(*i),
                match rest.first() {
                    Some(Seg::Field(f)) => Some(*f),
                    _ => None,
                },
            ),
            // Sources and actors are made from cells: the first row citing one names it.
            [Seg::Field("sources"), Seg::Index(i), ..] => (
                ds.sources.get(*i).and_then(|s| {
                    ds.events
                        .iter()
                        .position(|e| ds.syms(e.sources).contains(&s.id))
                }),
                Some("sources"),
            ),
            [Seg::Field("actors"), Seg::Index(i), ..] => (
                ds.actors.get(*i).and_then(|a| {
                    ds.events
                        .iter()
                        .position(|e| ds.syms(e.participants).contains(&a.id))
                }),
                Some("participants"),
            ),
            _ => (None, None),
        };
        let line = event.and_then(|i| self.lines.get(i)).map(|l| l as usize);
        let column = field.and_then(|f| self.columns.iter().find(|(name, _)| *name == f));
        let words = match (line, column) {
            (Some(line), Some((_, column))) => format!("row on line {line}, {column}"),
            (Some(line), None) => format!("row on line {line}"),
            (None, Some((_, column))) => column.clone(),
            (None, None) => "the table as a whole".to_owned(),
        };
        (line.map(|l| Location::in_line("", l, 1, 1)), words)
    }
}

/// A finding as a diagnostic: an error under `--strict`, with its data path and, where
/// known, its place in the file.
fn diagnostic(f: Finding, location: Option<Location>, at: &str, strict: bool) -> Diagnostic {
    let message = if strict && f.severity == Severity::Warning {
        format!("{} (an error under --strict)", f.message)
    } else {
        f.message
    };
    Diagnostic {
        severity: if strict { Severity::Error } else { f.severity },
        message: format!("{message} [{at}]"),
        help: Some(f.help),
        location,
    }
}

/// A reader's own warning, made an error under `--strict`.
fn strictly(mut d: Diagnostic, strict: bool) -> Diagnostic {
    if strict && d.severity == Severity::Warning {
        d.severity = Severity::Error;
        d.message.push_str(" (an error under --strict)");
    }
    d
}

/// Where each finding is in RON text: the value at its path, or failing that the item
/// that holds it (a value the scanner cannot pin down is still placed near it).
fn place_in_text(text: &str, findings: &[Finding]) -> Vec<Option<Location>> {
    if findings.is_empty() {
        return Vec::new();
    }
    let candidates: Vec<Vec<DataPath>> = findings
        .iter()
        .map(|f| {
            (1..=f.at.0.len())
                .rev()
                .map(|n| DataPath(f.at.0[..n].to_vec()))
                .collect()
        })
        .collect();
    let flat: Vec<DataPath> = candidates.iter().flatten().cloned().collect();
    let mut found = locate::locate(text, &flat).into_iter();
    let index = LineIndex::new(text);
    candidates
        .iter()
        .map(|c| {
            let spans: Vec<_> = found.by_ref().take(c.len()).collect();
            spans
                .into_iter()
                .flatten()
                .next()
                .map(|(a, b)| index.locate(a, b))
        })
        .collect()
}
