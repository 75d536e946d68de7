//! Writing files so that a failure never leaves a partial file: a temporary file in the
//! target folder, synced, renamed over the target, then the folder synced so the rename
//! itself survives a crash. Used for exports, imports, generated datasets and saves.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The folder a file at `path` goes in ("." for a bare file name): where a dataset's
/// captured sources are kept, beside it.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically: on any failure `path` is untouched and no
/// temporary file is left behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |w| Ok(w.write_all(bytes)?))
}

/// Writes `path` atomically through `write`, which streams into a buffered temporary
/// file (for outputs too large to build in memory first).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut tmp = atomic_file(path)?;
    {
        let mut writer = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        write(&mut writer).with_context(|| format!("cannot write {}", path.display()))?;
        writer
            .flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    commit(tmp, path)
}

/// A temporary file beside `path` that [`commit`] puts in its place: readable by others
/// as a new file made by any editor would be, or with the permissions of the file it
/// replaces. Refuses a read-only `path` (a rename would replace it all the same).
pub fn atomic_file(path: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        anyhow::bail!(
            "{} is read-only; make it writable, or write to another file",
            path.display()
        );
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimline-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    builder
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a file in the folder {}", dir.display()))
}

/// Puts a file from [`atomic_file`] in place of `path`, synced to disk first.
pub fn commit(tmp: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    let dir = folder_of(path);
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    // The rename is in the folder's entries: sync it too (where folders can be opened).
    if let Ok(folder) = std::fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Checks, before any work, that a file could be written at `path`: its folder exists
/// and is writable.
pub fn check_writable(path: &Path) -> anyhow::Result<()> {
    let dir = folder_of(path);
    if path.is_dir() {
        anyhow::bail!("{} is a folder; give a file name", path.display());
    }
    if !dir.is_dir() {
        anyhow::bail!("the folder {} does not exist", dir.display());
    }
    tempfile::Builder::new()
        .prefix(".claimline-write-test")
        .tempfile_in(&dir)
        .map(drop)
        .map_err(|e| anyhow::anyhow!("cannot write in the folder {}: {e}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder").join("x.png");
        assert!(write_atomically(&missing, b"png").is_err());
        assert!(!missing.exists());

        let target = dir.path().join("x.png");
        write_atomically(&target, b"first").unwrap();
        write_atomically(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        let failed = write_atomically_with(&target, |w| {
            w.write_all(b"half")?;
            anyhow::bail!("the disk is full")
        });
        assert!(format!("{:#}", failed.unwrap_err()).contains("the disk is full"));
        assert_eq!(std::fs::read(&target).unwrap(), b"second", "untouched");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["x.png"], "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_and_replaced_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.ron");
        write_atomically(&target, b"one").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o644);
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&target, b"two").unwrap();
        assert_eq!(mode(&target), 0o600);
    }
}
