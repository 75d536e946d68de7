//! Reading WACZ packages (Webrecorder's format, written by ArchiveWeb.page, Browsertrix,
//! `py-wacz` and Bellingcat's auto-archiver): a zip holding WARC files under `archive/`,
//! a page index (`pages/pages.jsonl`) and `datapackage.json`, which names the tool.
//!
//! Every entry is read with a cap on what it may inflate to, so a zip bomb is refused
//! with a message, not followed.

use std::io::{Cursor, Read as _};

/// What a WACZ package holds that a capture needs.
#[derive(Debug, Default, Clone)]
pub struct Package {
    /// Each WARC file: its path in the package and its bytes (still gzipped).
    pub warcs: Vec<(String, Vec<u8>)>,
    /// The pages the package lists, in order: their address and capture time.
    pub pages: Vec<(String, String)>,
    /// `datapackage.json`'s `software`, or empty.
    pub software: String,
    /// `datapackage.json`'s `created`, or empty.
    pub created: String,
}

/// Whether `bytes` start a zip file.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Opens a WACZ package, reading each entry up to `limit` bytes (and all of them up to
/// `limit` together).
pub fn open(bytes: &[u8], limit: u64) -> Result<Package, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("it is not a readable zip file ({e}); a WACZ is a zip: the download may be cut short, so capture it again")
    })?;
    let mut package = Package::default();
    let mut total: u64 = 0;
    let mut datapackage = String::new();
    let mut pages = String::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("entry {i} of the zip cannot be read: {e}"))?;
        let name = entry
            .name()
            .map_err(|e| format!("entry {i} of the zip has a name it cannot read: {e}"))?
            .into_owned();
        let wanted = name == "datapackage.json"
            || name == "pages/pages.jsonl"
            || (name.starts_with("archive/")
                && (name.ends_with(".warc") || name.ends_with(".warc.gz")));
        if !wanted {
            continue;
        }
        if entry.size() > limit || total + entry.size() > limit {
            return Err(format!(
                "its entry {name} would inflate to {} bytes, past the {limit} bytes a capture may hold (a zip bomb?)",
                entry.size()
            ));
        }
        let mut data = Vec::new();
        (&mut entry)
            .take(limit + 1 - total)
            .read_to_end(&mut data)
            .map_err(|e| format!("its entry {name} is damaged: {e}; capture the page again"))?;
        total += data.len() as u64;
        if total > limit {
            return Err(format!(
                "its entries inflate past the {limit} bytes a capture may hold (a zip bomb?)"
            ));
        }
        match name.as_str() {
            "datapackage.json" => datapackage = String::from_utf8_lossy(&data).into_owned(),
            "pages/pages.jsonl" => pages = String::from_utf8_lossy(&data).into_owned(),
            _ => package.warcs.push((name, data)),
        }
    }
    if package.warcs.is_empty() {
        return Err(
            "it holds no WARC file under archive/, so it is not a WACZ (or an empty one); export the capture again as WACZ"
                .to_owned(),
        );
    }
    package.warcs.sort_by(|a, b| a.0.cmp(&b.0));
    if let Ok(meta) = serde_json::from_str::<serde_json::Value>(&datapackage) {
        let field = |k: &str| {
            meta.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        package.software = field("software");
        package.created = field("created");
    }
    for line in pages.lines() {
        let Ok(page) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(url) = page.get("url").and_then(|v| v.as_str()) {
            let ts = page.get("ts").and_then(|v| v.as_str()).unwrap_or("");
            package.pages.push((url.to_owned(), ts.to_owned()));
        }
    }
    Ok(package)
}
