//! An evidence package as a BagIt bag (RFC 8493, version 1.0): the dataset and every
//! captured source under `data/`, `manifest-sha256.txt` naming each payload file's
//! SHA-256, `bagit.txt`, `bag-info.txt` and `tagmanifest-sha256.txt`. The Library of
//! Congress' `bagit` tool validates it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::capture;
use crate::model::Dataset;

/// What was packaged.
#[derive(Debug, Default)]
pub struct Bagged {
    /// Payload files written (the dataset and the captures).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// Writes `ds` (its file `dataset_file`, its captures kept in `dir`) as a bag in `out`,
/// which must not exist or be empty. Every capture is checked against its hash first: a
/// changed one is refused, never packaged.
pub fn write_bag(
    ds: &Dataset,
    dataset_file: &Path,
    dir: &Path,
    out: &Path,
    today: &str,
) -> anyhow::Result<Bagged> {
    if out.exists()
        && std::fs::read_dir(out)
            .with_context(|| format!("cannot read {}", out.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty; name a new folder for the package",
            out.display()
        );
    }
    let mut payload: Vec<(String, Vec<u8>)> = Vec::new();
    let dataset_bytes = std::fs::read(dataset_file)
        .with_context(|| format!("cannot read {}", dataset_file.display()))?;
    let name = dataset_file.file_name().map_or_else(
        || "dataset.ron".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    payload.push((format!("data/{name}"), dataset_bytes));
    for source in &ds.sources {
        let Some(c) = source.capture else { continue };
        let (_, bytes) = capture::stored_bytes(ds, &c, ds.str(source.id), dir)?;
        let file = format!("data/{}", ds.str(c.file));
        if !payload.iter().any(|(f, _)| *f == file) {
            payload.push((file, bytes));
        }
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot make {}", out.display()))?;
    let mut manifest = String::new();
    let mut bagged = Bagged::default();
    for (file, bytes) in &payload {
        let path: PathBuf = out.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot make {}", parent.display()))?;
        }
        crate::files::write_atomically(&path, bytes)?;
        let _ = writeln!(manifest, "{}  {file}", crate::hash::sha256_hex(bytes));
        bagged.files += 1;
        bagged.bytes += bytes.len() as u64;
    }
    let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_owned();
    let mut info = String::new();
    let field = |info: &mut String, k: &str, v: &str| {
        let v: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
        if !v.is_empty() {
            let _ = writeln!(info, "{k}: {v}");
        }
    };
    field(&mut info, "Source-Organization", ds.str(ds.author));
    field(&mut info, "External-Description", ds.str(ds.title));
    field(&mut info, "Bagging-Date", today);
    field(
        &mut info,
        "Bag-Software-Agent",
        concat!("claimline ", env!("CARGO_PKG_VERSION")),
    );
    field(
        &mut info,
        "Payload-Oxum",
        &format!("{}.{}", bagged.bytes, bagged.files),
    );
    field(
        &mut info,
        "Internal-Sender-Description",
        &format!(
            "A Claimline dataset and the captured copies of its sources ({}), each named by its SHA-256.",
            crate::english::plural(payload.len() - 1, "capture")
        ),
    );
    let mut tagmanifest = String::new();
    for (name, text) in [
        ("bagit.txt", &bagit),
        ("bag-info.txt", &info),
        ("manifest-sha256.txt", &manifest),
    ] {
        crate::files::write_atomically(&out.join(name), text.as_bytes())?;
        let _ = writeln!(
            tagmanifest,
            "{}  {name}",
            crate::hash::sha256_hex(text.as_bytes())
        );
    }
    crate::files::write_atomically(&out.join("tagmanifest-sha256.txt"), tagmanifest.as_bytes())?;
    Ok(bagged)
}
