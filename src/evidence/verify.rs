//! `claimline verify`: every captured source re-hashed and re-read, every quote found
//! again, character for character, at its recorded position.

use std::path::Path;

use crate::capture::{self, CaptureError};
use crate::corpus::{self, SourceTexts};
use crate::english::plural;
use crate::load::diagnostic::Diagnostic;
use crate::model::{Dataset, Sym};

/// What `verify` found.
#[derive(Debug, Default)]
pub struct Verification {
    /// Sources with a captured copy.
    pub captured: usize,
    /// Of those, the ones whose bytes hash as recorded.
    pub hashes_match: usize,
    /// Every quote of the dataset.
    pub quotes: usize,
    /// Quotes of captured sources.
    pub quotes_of_captured: usize,
    /// Quotes found exactly (and at their recorded position) in their captured source.
    pub verified: usize,
    /// Captures that cannot be used: changed, missing, unreadable; with the quotes affected.
    pub capture_errors: Vec<(CaptureError, Vec<String>)>,
    /// Quotes not found as recorded.
    pub quote_errors: Vec<Diagnostic>,
    /// Sources with no captured copy, by id.
    pub uncaptured: Vec<String>,
}

impl Verification {
    /// Whether everything captured verifies: every hash matches and every quote of a
    /// captured source is found exactly.
    pub fn passed(&self) -> bool {
        self.capture_errors.is_empty() && self.quote_errors.is_empty()
    }

    /// One line: "55/55 quotes found in 5 captured sources, all hashes match".
    pub fn summary(&self) -> String {
        let hashes = if self.hashes_match == self.captured {
            "all hashes match".to_owned()
        } else {
            format!(
                "{} of {} hashes do not match or cannot be read",
                self.captured - self.hashes_match,
                self.captured
            )
        };
        let mut line = format!(
            "{}/{} quotes found in {} captured {}, {hashes}",
            self.verified,
            self.quotes_of_captured,
            self.captured,
            if self.captured == 1 {
                "source"
            } else {
                "sources"
            },
        );
        if !self.uncaptured.is_empty() {
            line.push_str(&format!(
                "; {} not captured ({} of {} quotes not verified)",
                plural(self.uncaptured.len(), "source"),
                self.quotes - self.quotes_of_captured,
                self.quotes
            ));
        }
        line
    }
}

/// Verifies `ds` (whose file text is `text`, for placing problems) against the captures
/// kept in `dir`. Captures are read on every core.
pub fn verify(ds: &Dataset, text: &str, dir: &Path) -> Verification {
    let captured: Vec<(Sym, crate::model::Capture)> = ds
        .sources
        .iter()
        .filter_map(|s| s.capture.map(|c| (s.id, c)))
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8);
    let chunk = captured.len().div_ceil(workers).max(1);
    let results: Vec<(Sym, Result<String, CaptureError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = captured
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(id, c)| (*id, capture::stored_text(ds, c, dir)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut report = Verification {
        captured: captured.len(),
        ..Verification::default()
    };
    let quotes_of = |id: Sym| -> Vec<String> {
        ds.events
            .iter()
            .filter(|e| ds.quotes(e.quotes).iter().any(|q| q.source == id))
            .map(|e| ds.str(e.id).to_owned())
            .collect()
    };
    let mut texts = SourceTexts::new();
    for (id, result) in results {
        match result {
            Ok(text) => {
                report.hashes_match += 1;
                texts.insert(id, Ok(text));
            }
            Err(e) => {
                // Changed or missing bytes: nothing of this source is checked against them.
                if !matches!(
                    e,
                    CaptureError::Changed { .. }
                        | CaptureError::Missing { .. }
                        | CaptureError::BadName { .. }
                ) {
                    report.hashes_match += 1;
                }
                texts.insert(id, Err(e.to_string()));
                report.capture_errors.push((e, quotes_of(id)));
            }
        }
    }
    for source in &ds.sources {
        if source.capture.is_none() {
            report.uncaptured.push(ds.str(source.id).to_owned());
        }
    }
    report.quotes = ds.events.iter().map(|e| ds.quotes(e.quotes).len()).sum();
    report.quotes_of_captured = ds
        .events
        .iter()
        .flat_map(|e| ds.quotes(e.quotes))
        .filter(|q| texts.contains_key(&q.source))
        .count();
    // Quotes of sources with no capture are not checked here (their texts are absent);
    // those of a capture that failed were reported with it.
    let checked = corpus::verify(ds, text, &texts, true);
    report.verified = checked.verified;
    report.quote_errors = checked
        .failures
        .into_iter()
        .filter(|d| !d.message.contains("cannot check the quote"))
        .collect();
    report
}
