//! Reading a file's bytes, refusing a file over the size limit before reading it.

use std::io::Read as _;
use std::path::Path;

use super::diagnostic::{Diagnostic, LoadError};
use crate::english::human_bytes;
use crate::progress::{Progress, Stage};

/// Files larger than this are refused before reading (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file, refusing it before reading if it is over [`MAX_FILE_BYTES`].
pub fn read_capped(path: &Path, progress: Option<&Progress>) -> Result<Vec<u8>, LoadError> {
    let io_error = |e: std::io::Error| {
        LoadError::single(
            path,
            Diagnostic::error(format!("cannot read the file: {e}")).with_help(match e.kind() {
                std::io::ErrorKind::NotFound => "check the path; the file does not exist",
                std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                _ => "check that the path names a readable file",
            }),
        )
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(LoadError::single(
            path,
            Diagnostic::error("this is a folder, not a dataset file")
                .with_help("choose a .ron file inside it"),
        ));
    }
    check_size(meta.len(), path)?;
    let file = std::fs::File::open(path).map_err(io_error)?;
    if let Some(p) = progress {
        p.start(Stage::Reading, meta.len());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut chunk).map_err(io_error)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if let Some(p) = progress {
            p.set_done(bytes.len() as u64);
        }
    }
    check_size(bytes.len() as u64, path)?;
    Ok(bytes)
}

/// Refuses `size` bytes if they are over [`MAX_FILE_BYTES`].
pub fn check_size(size: u64, file: &Path) -> Result<(), LoadError> {
    if size <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(LoadError::single(
        file,
        Diagnostic::error(format!(
            "the file is too large: {} (the limit is {})",
            human_bytes(size),
            human_bytes(MAX_FILE_BYTES)
        ))
        .with_help("split the dataset into smaller files; a million events take about 200 MB"),
    ))
}
