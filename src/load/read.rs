//! Opening and reading a file, refusing one over the size limits before reading it.

use std::io::Read as _;
use std::path::Path;

use super::diagnostic::{Diagnostic, LoadError, Location};
use crate::english::human_bytes;
use crate::progress::{Progress, Stage};

/// Tables larger than this are refused (4 GiB of text); RON files stop at 256 MiB.
pub const MAX_TABLE_BYTES: u64 = 4 << 30;

/// Files larger than this are refused before reading (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A read failure said for a user. Data that does not decode (a gzipped file that does
/// not decompress) is the file's content, not the disk's fault: it is placed at the
/// file's start, as every problem with a file's content has a place.
pub fn read_error(e: &std::io::Error, path: &Path) -> LoadError {
    // A decoder reports damaged or cut-off data this way; a plain file read never ends
    // early.
    let damaged = matches!(
        e.kind(),
        std::io::ErrorKind::InvalidInput
            | std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::UnexpectedEof
    );
    let diagnostic =
        Diagnostic::error(format!("cannot read the file: {e}")).with_help(match e.kind() {
            std::io::ErrorKind::NotFound => "check the path; the file does not exist",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ if damaged => "the file may be damaged (a gzipped file that does not decompress?)",
            _ => "check that the path names a readable file",
        });
    let at = damaged.then(|| Location::in_line("", 1, 1, 1));
    LoadError::single(path, diagnostic.at(at))
}

/// Opens a file for reading; its size.
pub fn open(path: &Path) -> Result<(std::fs::File, u64), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(&e, path))?;
    if meta.is_dir() {
        return Err(LoadError::single(
            path,
            Diagnostic::error("this is a folder, not a dataset file")
                .with_help("choose a .ron file inside it"),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| read_error(&e, path))?;
    Ok((file, meta.len()))
}

/// A file over every limit, refused before reading.
pub fn too_large(size: u64, path: &Path) -> LoadError {
    LoadError::single(
        path,
        Diagnostic::error(format!(
            "the file is too large: {} (tables may have up to {}, other datasets {})",
            human_bytes(size),
            human_bytes(MAX_TABLE_BYTES),
            human_bytes(MAX_FILE_BYTES)
        ))
        .with_help("split it into smaller files"),
    )
}

/// Reads a file whole, refusing it before reading if it is over [`MAX_FILE_BYTES`].
pub fn read_capped(path: &Path, progress: Option<&Progress>) -> Result<Vec<u8>, LoadError> {
    let io_error = |e: std::io::Error| read_error(&e, path);
    let (file, len) = open(path)?;
    check_size(len, path)?;
    let meta_len = len;
    if let Some(p) = progress {
        p.start(Stage::Reading, meta_len);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta_len).unwrap_or(0));
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
        .with_help(
            "split the dataset into smaller files (a million events take about 200 MB), or keep large sets of events as a table (CSV or TSV, up to 4 GiB)",
        ),
    ))
}
