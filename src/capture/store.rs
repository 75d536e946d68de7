//! Where captures are kept: `sources/<sha256>.<ext>` beside the dataset, written once,
//! read back only if their bytes still hash to what the source records.

use std::path::{Path, PathBuf};

use super::{CaptureError, CaptureInfo, FOLDER, MAX_CAPTURE_BYTES, read};
use crate::model::{Capture, Dataset};

/// Keeps `bytes` in `dir/sources/` under their SHA-256, unless a file of that name is
/// already there with those bytes; returns the name relative to `dir`.
pub fn store(dir: &Path, info: &CaptureInfo, bytes: &[u8]) -> anyhow::Result<String> {
    let name = format!("{FOLDER}/{}.{}", info.sha256, info.extension(bytes));
    let path = dir.join(&name);
    if std::fs::read(&path).is_ok_and(|old| crate::hash::sha256_hex(&old) == info.sha256) {
        return Ok(name);
    }
    let folder = dir.join(FOLDER);
    std::fs::create_dir_all(&folder)
        .map_err(|e| anyhow::anyhow!("cannot make the folder {}: {e}", folder.display()))?;
    crate::files::write_atomically(&path, bytes)?;
    Ok(name)
}

/// Where a recorded capture is kept, when its name is a plain one under `sources/`.
pub fn path_of(
    ds: &Dataset,
    capture: &Capture,
    source_id: &str,
    dir: &Path,
) -> Result<PathBuf, CaptureError> {
    let file = ds.str(capture.file);
    let plain = Path::new(file);
    let mut parts = plain.components();
    let ok = matches!(parts.next(), Some(std::path::Component::Normal(f)) if f == FOLDER)
        && matches!(parts.next(), Some(std::path::Component::Normal(_)))
        && parts.next().is_none();
    if !ok {
        return Err(CaptureError::BadName {
            source_id: source_id.to_owned(),
            file: file.to_owned(),
        });
    }
    Ok(dir.join(plain))
}

/// The stored bytes of a source's capture, their hash checked against the record.
pub fn stored_bytes(
    ds: &Dataset,
    capture: &Capture,
    source_id: &str,
    dir: &Path,
) -> Result<(PathBuf, Vec<u8>), CaptureError> {
    let path = path_of(ds, capture, source_id, dir)?;
    let bytes = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CaptureError::Missing {
                path,
                source_id: source_id.to_owned(),
                sha256: ds.str(capture.sha256).to_owned(),
            });
        }
        Err(e) => {
            return Err(CaptureError::Io {
                path,
                why: e.to_string(),
            });
        }
        Ok(meta) if meta.len() > MAX_CAPTURE_BYTES => return Err(CaptureError::TooLarge { path }),
        Ok(_) => std::fs::read(&path).map_err(|e| CaptureError::Io {
            path: path.clone(),
            why: e.to_string(),
        })?,
    };
    let found = crate::hash::sha256_hex(&bytes);
    let recorded = ds.str(capture.sha256);
    if found != recorded {
        return Err(CaptureError::Changed {
            path,
            source_id: source_id.to_owned(),
            recorded: recorded.to_owned(),
            found,
        });
    }
    Ok((path, bytes))
}

/// The article text of a source's stored capture (kept in `dir`), its hash checked and
/// its text extracted again as when it was added.
pub fn stored_text(ds: &Dataset, capture: &Capture, dir: &Path) -> Result<String, CaptureError> {
    let source_id = ds
        .sources
        .iter()
        .find(|s| s.capture.as_ref() == Some(capture))
        .map(|s| ds.str(s.id))
        .unwrap_or("");
    let (path, bytes) = stored_bytes(ds, capture, source_id, dir)?;
    let url = ds.str(capture.url);
    let record = ds.str(capture.record);
    let captured = read(
        &bytes,
        &path,
        (!url.is_empty()).then_some(url),
        (!record.is_empty()).then_some(record),
    )?;
    Ok(captured.text)
}
