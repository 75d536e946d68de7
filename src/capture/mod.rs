//! Captured sources: the bytes a quote was checked against, kept beside the dataset.
//!
//! A capture is what people actually save: a web page (`.html`, a browser's "save
//! complete page"), a WARC or WARC.gz (wget `--warc-file`, Heritrix, Browsertrix,
//! warcio), a WACZ (ArchiveWeb.page, Browsertrix, Bellingcat's auto-archiver) or plain
//! text. [`read`] finds the page in it and the page's article text ([`extract`]); [`store`]
//! keeps the file under `sources/<sha256>.<ext>` in the dataset's folder, named by its
//! SHA-256; the source records the hash, address, capture time, tool and record
//! (`model::Capture`). [`stored_text`] reads it back, refusing it if one byte changed.

pub mod extract;
pub mod store;
pub mod wacz;
pub mod warc;

pub use store::{path_of, store, stored_bytes, stored_text};

use std::path::{Path, PathBuf};

use crate::model::CaptureFormat;

/// The largest capture file read (256 MiB).
pub const MAX_CAPTURE_BYTES: u64 = 256 * 1024 * 1024;
/// The most an archive may inflate to (1 GiB).
pub const MAX_INFLATED_BYTES: u64 = 1024 * 1024 * 1024;
/// The largest page taken from an archive (32 MiB).
pub const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;
/// The folder, beside the dataset, that holds captures.
pub const FOLDER: &str = "sources";

/// Why a capture cannot be used; every message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The file cannot be read.
    #[error("{path}: cannot read it: {why}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's words.
        why: String,
    },
    /// The file is bigger than a capture of one page may be.
    #[error(
        "{path}: it is larger than 256 MiB, more than a capture of one page should be; capture just the article"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The archive is damaged or not what its name says.
    #[error("{path}: {why}")]
    Archive {
        /// The file.
        path: PathBuf,
        /// What is wrong, and what to do.
        why: String,
    },
    /// The archive holds no page to take.
    #[error("{path}: {why}")]
    NoPage {
        /// The file.
        path: PathBuf,
        /// What it holds instead, and what to do.
        why: String,
    },
    /// No article text could be taken from the page.
    #[error(
        "{path}: no article text was found in the page{url}; check that the capture holds the article itself (not a cookie wall or a log-in page), or add its text as a .txt file"
    )]
    NoText {
        /// The file.
        path: PathBuf,
        /// The page's address, as " (https://…)", or empty.
        url: String,
    },
    /// The text is not UTF-8.
    #[error(
        "{path}: it is neither a web page, a web archive nor UTF-8 text; save the article as UTF-8 text or capture the page"
    )]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// The kept copy's bytes no longer hash to what the source records.
    #[error(
        "{path}: the captured copy of source \"{source_id}\" has changed: its SHA-256 is {found}, the dataset records {recorded}; restore the file from a backup (or the evidence package), or capture the source again"
    )]
    Changed {
        /// The file.
        path: PathBuf,
        /// The source's id.
        source_id: String,
        /// The hash recorded.
        recorded: String,
        /// The hash found.
        found: String,
    },
    /// The kept copy is missing.
    #[error(
        "{path}: the captured copy of source \"{source_id}\" is missing; restore it beside the dataset (it is named by its SHA-256, {sha256}), or capture the source again"
    )]
    Missing {
        /// The file.
        path: PathBuf,
        /// The source's id.
        source_id: String,
        /// Its recorded hash.
        sha256: String,
    },
    /// The recorded file name is not a plain name inside the captures folder.
    #[error(
        "source \"{source_id}\": its capture file \"{file}\" is not inside the dataset's {FOLDER}/ folder; a capture is named sources/<sha256>.<ext>"
    )]
    BadName {
        /// The source's id.
        source_id: String,
        /// The name recorded.
        file: String,
    },
}

/// What a capture is, as recorded on its source (owned strings; see `model::Capture`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaptureInfo {
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// The file under the dataset's folder (`sources/<sha256>.<ext>`); empty until stored.
    pub file: String,
    /// The file's format.
    pub format: Option<CaptureFormat>,
    /// The page's address, or empty.
    pub url: String,
    /// When it was captured (RFC 3339), or empty.
    pub captured: String,
    /// The capturing tool, or empty.
    pub tool: String,
    /// The archive record holding the page, or empty.
    pub record: String,
}

impl CaptureInfo {
    /// The file name ending for the format (`warc.gz` for a gzipped WARC).
    pub fn extension(&self, bytes: &[u8]) -> &'static str {
        match self.format {
            Some(CaptureFormat::Text) | None => "txt",
            Some(CaptureFormat::Html) => "html",
            Some(CaptureFormat::Warc) if bytes.starts_with(&[0x1f, 0x8b]) => "warc.gz",
            Some(CaptureFormat::Warc) => "warc",
            Some(CaptureFormat::Wacz) => "wacz",
        }
    }

    /// The format, plain text when not known.
    pub fn format(&self) -> CaptureFormat {
        self.format.unwrap_or(CaptureFormat::Text)
    }
}

/// A capture read: what it is, and the article's text with what the page says of itself.
#[derive(Debug, Clone, Default)]
pub struct Captured {
    /// What to record on the source.
    pub info: CaptureInfo,
    /// The article's text, which quotes are checked against and positions count in.
    pub text: String,
    /// The page's title, or empty.
    pub title: String,
    /// The publication date the page states (its metadata), as written, or empty.
    pub published: String,
    /// What else a person should know (another page in the archive was not taken…).
    pub notes: Vec<String>,
}

/// Reads the capture file at `path`: its format, the page in it (the one at `url` when
/// given), and the article's text.
pub fn read_file(path: &Path, url: Option<&str>) -> Result<(Captured, Vec<u8>), CaptureError> {
    let io = |e: std::io::Error| CaptureError::Io {
        path: path.to_owned(),
        why: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_CAPTURE_BYTES {
        return Err(CaptureError::TooLarge {
            path: path.to_owned(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let captured = read(&bytes, path, url, None)?;
    Ok((captured, bytes))
}

/// Reads a capture's `bytes` (named `path` in messages); `url` picks the page in an
/// archive, `record` (as recorded earlier) picks the record itself.
pub fn read(
    bytes: &[u8],
    path: &Path,
    url: Option<&str>,
    record: Option<&str>,
) -> Result<Captured, CaptureError> {
    let sha256 = crate::hash::sha256_hex(bytes);
    let mut captured = if wacz::is_zip(bytes) {
        read_wacz(bytes, path, url, record)?
    } else if warc::is_warc(bytes) {
        let inflated =
            warc::uncompressed(bytes, MAX_INFLATED_BYTES).map_err(|e| CaptureError::Archive {
                path: path.to_owned(),
                why: e.to_string(),
            })?;
        let mut captured = page_in_warc(&inflated, path, url, record.unwrap_or(""))?;
        captured.info.format = Some(CaptureFormat::Warc);
        captured
    } else {
        let text = text_of(bytes).ok_or_else(|| CaptureError::NotText {
            path: path.to_owned(),
        })?;
        if extract::looks_like_html(text) {
            // The text from the bytes alone: the same whenever it is extracted again,
            // whatever address the person gave.
            let page = extract::article(bytes, "");
            let mut captured = Captured {
                info: CaptureInfo {
                    format: Some(CaptureFormat::Html),
                    url: if page.url.is_empty() {
                        url.unwrap_or("").to_owned()
                    } else {
                        page.url
                    },
                    ..CaptureInfo::default()
                },
                text: page.text,
                title: page.title,
                published: page.published,
                notes: Vec::new(),
            };
            if captured.text.trim().is_empty() {
                return Err(no_text(path, &captured.info.url));
            }
            captured.info.tool = page.generator;
            captured
        } else {
            Captured {
                info: CaptureInfo {
                    format: Some(CaptureFormat::Text),
                    url: url.unwrap_or("").to_owned(),
                    ..CaptureInfo::default()
                },
                text: text.to_owned(),
                ..Captured::default()
            }
        }
    };
    captured.info.sha256 = sha256;
    Ok(captured)
}

fn no_text(path: &Path, url: &str) -> CaptureError {
    CaptureError::NoText {
        path: path.to_owned(),
        url: if url.is_empty() {
            String::new()
        } else {
            format!(" ({url})")
        },
    }
}

/// UTF-8 text without a byte-order mark; `None` when the bytes are not UTF-8.
fn text_of(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

fn read_wacz(
    bytes: &[u8],
    path: &Path,
    url: Option<&str>,
    record: Option<&str>,
) -> Result<Captured, CaptureError> {
    let package = wacz::open(bytes, MAX_INFLATED_BYTES).map_err(|why| CaptureError::Archive {
        path: path.to_owned(),
        why,
    })?;
    // The page wanted: the one named, else the record recorded, else the package's first page.
    let (record_file, record_id) = match record.and_then(|r| r.split_once(' ')) {
        Some((file, id)) => (Some(file), id),
        None => (None, ""),
    };
    let wanted = url.map(str::to_owned).or_else(|| {
        (record_file.is_none())
            .then(|| package.pages.first().map(|(u, _)| u.clone()))
            .flatten()
    });
    let mut last_error = None;
    for (name, warc_bytes) in &package.warcs {
        if record_file.is_some_and(|f| f != name) {
            continue;
        }
        let inflated = warc::uncompressed(warc_bytes, MAX_INFLATED_BYTES).map_err(|e| {
            CaptureError::Archive {
                path: path.to_owned(),
                why: format!("{name} inside it: {e}"),
            }
        })?;
        match page_in_warc(&inflated, path, wanted.as_deref(), record_id) {
            Ok(mut captured) => {
                captured.info.format = Some(CaptureFormat::Wacz);
                captured.info.record = format!("{name} {}", captured.info.record);
                if !package.software.is_empty() {
                    captured.info.tool.clone_from(&package.software);
                }
                if package.pages.len() > 1 && url.is_none() && record.is_none() {
                    captured.notes.push(format!(
                        "the package lists {} pages; the first, {}, was taken (name another with --url)",
                        package.pages.len(),
                        captured.info.url
                    ));
                }
                return Ok(captured);
            }
            Err(e @ CaptureError::NoPage { .. }) => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| CaptureError::NoPage {
        path: path.to_owned(),
        why: "the package's WARC files hold no web page".to_owned(),
    }))
}

/// The page in an uncompressed WARC: the response (or resource) at `url`, or with id
/// `record`, or the first HTML page answered 200.
fn page_in_warc(
    bytes: &[u8],
    path: &Path,
    url: Option<&str>,
    record: &str,
) -> Result<Captured, CaptureError> {
    let archive_error = |e: warc::WarcError| CaptureError::Archive {
        path: path.to_owned(),
        why: e.to_string(),
    };
    let mut tool = String::new();
    let mut seen: Vec<String> = Vec::new();
    let same_url = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
    for item in warc::records(bytes) {
        let rec = item.map_err(archive_error)?;
        match rec.kind() {
            "warcinfo" => {
                if tool.is_empty() {
                    tool = warcinfo_software(rec.block);
                }
                continue;
            }
            "response" | "resource" => {}
            _ => continue,
        }
        let target = rec
            .header("WARC-Target-URI")
            .unwrap_or("")
            .trim_matches(['<', '>'])
            .to_owned();
        if !record.is_empty() && rec.id() != record {
            continue;
        }
        if record.is_empty() && url.is_some_and(|u| !same_url(u, &target)) {
            seen.push(target);
            continue;
        }
        let (status, content_type, body) = if rec.kind() == "response" {
            match warc::http_response(rec.block, MAX_PAGE_BYTES) {
                Ok(r) => (r.status, r.content_type, r.body),
                Err(why) => {
                    if url.is_some() || !record.is_empty() {
                        return Err(CaptureError::Archive {
                            path: path.to_owned(),
                            why: format!("the response for {target}: {why}"),
                        });
                    }
                    seen.push(target);
                    continue;
                }
            }
        } else {
            (
                200,
                rec.header("Content-Type").unwrap_or("").to_owned(),
                rec.block.to_vec(),
            )
        };
        let is_html = content_type.to_ascii_lowercase().contains("html")
            || text_of(&body).is_some_and(extract::looks_like_html);
        if url.is_none() && record.is_empty() && (status != 200 || !is_html) {
            seen.push(target);
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(CaptureError::NoPage {
                path: path.to_owned(),
                why: format!(
                    "the server answered {target} with status {status}, not the page; capture it again"
                ),
            });
        }
        let (text, title, published) = if is_html {
            let page = extract::article(&body, &target);
            (page.text, page.title, page.published)
        } else {
            let text = text_of(&body).ok_or_else(|| CaptureError::NotText {
                path: path.to_owned(),
            })?;
            (text.to_owned(), String::new(), String::new())
        };
        if text.trim().is_empty() {
            return Err(no_text(path, &target));
        }
        return Ok(Captured {
            info: CaptureInfo {
                url: target,
                captured: rec.header("WARC-Date").unwrap_or("").to_owned(),
                tool,
                record: rec.id().to_owned(),
                ..CaptureInfo::default()
            },
            text,
            title,
            published,
            notes: Vec::new(),
        });
    }
    let why = match (url, record) {
        (_, r) if !r.is_empty() => {
            format!("it holds no record {r}; the archive is not the one captured")
        }
        (Some(u), _) => format!(
            "it holds no page at {u}{}; name one of its pages with --url",
            listed(&seen)
        ),
        _ => format!(
            "it holds no HTML page answered with status 200{}; capture the article's page",
            listed(&seen)
        ),
    };
    Err(CaptureError::NoPage {
        path: path.to_owned(),
        why,
    })
}

fn listed(seen: &[String]) -> String {
    let named: Vec<&str> = seen
        .iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .take(5)
        .collect();
    if named.is_empty() {
        String::new()
    } else {
        format!(" (it holds {})", named.join(", "))
    }
}

/// The `software:` field of a warcinfo record's block.
fn warcinfo_software(block: &[u8]) -> String {
    String::from_utf8_lossy(block)
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("software")
                .then(|| v.trim().to_owned())
        })
        .unwrap_or_default()
}
