//! Captured sources as evidence, with captures made by the real tools (warcio writes a
//! WARC.gz, py-wacz packages it as a WACZ), a saved page, and the built-in dataset's
//! plain-text articles: `source add` keeps them under their SHA-256, `verify` finds every
//! quote again and fails naming the source when one byte changes, `package` writes a bag
//! that the Library of Congress' `bagit` validates. Bad archives get their own words.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::needs::{Need, require};

fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

const URL: &str = "https://news.example.org/world/kremlin-rejects-call";

/// A dataset with no sources yet, and events that will quote them.
const EMPTY: &str = "(schema: 1, title: \"Captured\", author: \"The Desk\")\n";

#[test]
fn real_captures_add_verify_and_package() {
    if !require(
        "real_captures_add_verify_and_package",
        &[Need::ArchiveTools],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("python3")
        .arg(manifest("tests/evidence/make_captures.py"))
        .arg(dir.path())
        .arg(manifest("tests/evidence/article.html"))
        .arg(URL)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    let ds = dir.path().join("story.ron");
    std::fs::write(&ds, EMPTY).unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let page = manifest("tests/evidence/article.html");
    for (file, id, extra) in [
        (path("article.warc.gz"), "warc", vec![]),
        (path("article.wacz"), "wacz", vec![]),
        (
            page.to_str().unwrap().to_owned(),
            "page",
            vec!["--url", URL],
        ),
    ] {
        let mut args = vec![
            "source",
            "add",
            ds.to_str().unwrap(),
            file.as_str(),
            "--id",
            id,
        ];
        args.extend(extra);
        let out = claimline(&args);
        let said = text(&out.stdout);
        assert!(out.status.success(), "{said}{}", text(&out.stderr));
        assert!(said.contains(&format!("page: {URL}")), "{said}");
        assert!(said.contains(&format!("added source \"{id}\"")), "{said}");
        if id != "page" {
            assert!(
                said.contains("by: ") && said.contains("captured: "),
                "{said}"
            );
            assert!(
                said.contains("record: ") && said.contains("<urn:uuid:"),
                "{said}"
            );
        }
        assert!(!text(&out.stderr).contains("DEBUG"), "no extractor chatter");
    }
    let saved = std::fs::read_to_string(&ds).unwrap();
    assert!(
        saved.contains("format: Warc")
            && saved.contains("format: Wacz")
            && saved.contains("format: Html"),
        "{saved}"
    );
    assert!(
        saved.contains("tool: \"warcio (Claimline test)\""),
        "{saved}"
    );
    assert!(saved.contains("tool: \"py-wacz"), "{saved}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("sources"))
            .unwrap()
            .count(),
        3
    );

    // Quotes in the article's own characters, one from each capture, and one only folded.
    let quote = "“This is completely untrue. This is pure fiction, it’s just false information,”";
    let events = ["warc", "wacz", "page"]
        .iter()
        .map(|id| format!(
            "(id: \"{id}-denial\", title: \"Kremlin denies the call\", kind: Denial, date: \"2024-11-11\", status: Confirmed, quotes: [(source: \"{id}\", speaker: Other(\"Dmitry Peskov\"), text: \"{}\")]),",
            quote.replace('"', "\\\"")
        ))
        .collect::<String>();
    let with_events = saved.replace("    events: [\n    ],", &format!("    events: [{events}],"));
    assert_ne!(with_events, saved);
    std::fs::write(&ds, &with_events).unwrap();
    let out = claimline(&["verify", ds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("3/3 quotes found in 3 captured sources, all hashes match"),
        "{}",
        text(&out.stdout)
    );

    // A quote typed with straight marks matches only folded: named, with the fix.
    let folded = with_events.replacen("“This is completely", "\\\"This is completely", 1);
    std::fs::write(&ds, &folded).unwrap();
    let out = claimline(&["check", "--strict", ds.to_str().unwrap()]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("only with typesetting folded")
            && said.contains("\" (U+0022) where the source has “ (U+201C)"),
        "{said}"
    );
    let out = claimline(&["fmt", "--fix-quotes", ds.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        claimline(&["verify", ds.to_str().unwrap()])
            .status
            .success(),
        "fixed"
    );

    // The evidence package validates with the Library of Congress' tool.
    let bag = dir.path().join("bag");
    let out = claimline(&["package", ds.to_str().unwrap(), "-o", bag.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let valid = Command::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(&bag)
        .output()
        .unwrap();
    assert!(valid.status.success(), "{}", text(&valid.stderr));
    assert!(
        text(&valid.stderr).contains("bag is valid"),
        "{}",
        text(&valid.stderr)
    );
    let manifest_text = std::fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    assert_eq!(
        manifest_text.lines().count(),
        4,
        "the dataset and three captures"
    );

    // One changed byte in the WARC: verify fails, naming the source, the file and the
    // quotes affected; package refuses.
    let warc = std::fs::read_dir(dir.path().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .unwrap();
    let mut bytes = std::fs::read(&warc).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&warc, &bytes).unwrap();
    let out = claimline(&["verify", ds.to_str().unwrap()]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("source \"warc\" has changed"), "{said}");
    assert!(
        said.contains(warc.file_name().unwrap().to_str().unwrap()),
        "{said}"
    );
    assert!(
        said.contains("quotes affected") && said.contains("warc-denial"),
        "{said}"
    );
    let out = claimline(&[
        "package",
        ds.to_str().unwrap(),
        "-o",
        dir.path().join("bag2").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    // A missing copy likewise.
    std::fs::remove_file(&warc).unwrap();
    let said = text(&claimline(&["verify", ds.to_str().unwrap()]).stderr);
    assert!(said.contains("is missing"), "{said}");
}

#[test]
fn the_built_in_dataset_verifies_and_one_changed_byte_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("sources")).unwrap();
    std::fs::copy(
        manifest("data/trump-putin.ron"),
        data.join("trump-putin.ron"),
    )
    .unwrap();
    for entry in std::fs::read_dir(manifest("data/sources")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, data.join("sources").join(path.file_name().unwrap())).unwrap();
    }
    let file = data.join("trump-putin.ron");
    let out = claimline(&["verify", "--strict", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("55/55 quotes found in 5 captured sources, all hashes match"),
        "{}",
        text(&out.stdout)
    );
    // One byte of the TASS article changed.
    let tass =
        data.join("sources/52e51120c15a987bde13ad4d77daded74f2d4bc699316c441f87209e48fb145d.txt");
    let mut bytes = std::fs::read(&tass).unwrap();
    bytes[10] = b'X';
    std::fs::write(&tass, bytes).unwrap();
    let out = claimline(&["verify", file.to_str().unwrap()]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("source \"tass-2024-11-11\" has changed"),
        "{said}"
    );
    assert!(
        said.contains("kremlin-denies-call"),
        "the quotes affected: {said}"
    );
}

#[test]
fn bad_archives_are_refused_in_words_and_the_dataset_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("story.ron");
    std::fs::write(&ds, EMPTY).unwrap();
    let record = |block: &str| {
        format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: {URL}\r\nWARC-Date: 2024-11-12T08:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    };
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>Words.</p></article></body></html>";
    let whole = record(page);
    // A zip bomb: an entry whose central directory says it inflates to 3.75 GiB.
    let bomb = {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("archive/data.warc", stored).unwrap();
        zip.write_all(whole.as_bytes()).unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
        bytes
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.warc",
            whole.as_bytes()[..whole.len() - 30].to_vec(),
            "cut short",
        ),
        (
            "cut.warc.gz",
            {
                let mut gz =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                std::io::Write::write_all(&mut gz, whole.as_bytes()).unwrap();
                let bytes = gz.finish().unwrap();
                bytes[..bytes.len() / 2].to_vec()
            },
            "damaged",
        ),
        (
            "css.warc",
            record("HTTP/1.1 200 OK\r\nContent-Type: text/css\r\n\r\nbody{}").into_bytes(),
            "no HTML page",
        ),
        (
            "empty.html",
            b"<html><body><nav><a href=\"/\">Home</a></nav></body></html>".to_vec(),
            "no article text",
        ),
        ("bomb.wacz", bomb, "zip bomb"),
        (
            "broken.wacz",
            b"PK\x03\x04 not really a zip".to_vec(),
            "not a readable zip",
        ),
        (
            "binary.txt",
            vec![0xff, 0xfe, 0x00, 0x81],
            "neither a web page",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = claimline(&[
            "source",
            "add",
            ds.to_str().unwrap(),
            file.to_str().unwrap(),
            "--published",
            "2024",
        ]);
        let said = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {said}");
        assert!(
            said.contains(name) && said.contains(expected),
            "{name}: {said}"
        );
        assert!(!said.contains("panicked"), "{name}: {said}");
        assert_eq!(
            std::fs::read_to_string(&ds).unwrap(),
            EMPTY,
            "{name}: the dataset is kept"
        );
    }
}

/// The archive readers over damaged real captures (made by warcio and py-wacz, kept in
/// tests/evidence/): every truncation and thousands of seeded byte flips of the WARC.gz,
/// its uncompressed WARC and the WACZ give a capture or a message naming the file, never
/// a panic; the whole files still read.
#[test]
fn damaged_real_captures_never_panic() {
    use std::io::Read as _;
    let warc_gz = std::fs::read(manifest("tests/evidence/article.warc.gz")).unwrap();
    let mut warc = Vec::new();
    flate2::read::MultiGzDecoder::new(&warc_gz[..])
        .read_to_end(&mut warc)
        .unwrap();
    let wacz = std::fs::read(manifest("tests/evidence/article.wacz")).unwrap();
    let path = Path::new("damaged");
    for (name, whole) in [("warc.gz", &warc_gz), ("warc", &warc), ("wacz", &wacz)] {
        let read = claimline::capture::read(whole, path, None, None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(read.text.contains("pure fiction"), "{name}");
        assert_eq!(read.info.url, URL, "{name}");
        for cut in 0..whole.len() {
            if let Err(e) = claimline::capture::read(&whole[..cut], path, None, None) {
                assert!(
                    e.to_string().contains("damaged"),
                    "{name} cut at {cut}: {e}"
                );
            }
        }
        // A small deterministic generator: no dependency, the same flips every run.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1500 {
            let mut bytes = whole.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % bytes.len() as u64) as usize;
                bytes[at] ^= (seed >> 32) as u8 | 1;
            }
            if let Err(e) = claimline::capture::read(&bytes, path, None, None) {
                assert!(e.to_string().contains("damaged"), "{name}: {e}");
            }
        }
    }
}
