//! Tables in object storage (`s3://BUCKET/KEY`, feature `engine`), against a real
//! S3-compatible server on loopback (moto's, from PyPI), through the command line as a
//! user runs it, with credentials in the usual environment variables: a table converted
//! into a bucket checks and draws as the same table on this machine does, a table read
//! from a bucket converts as the local file does, and every way of getting the address,
//! the credentials or the server wrong says so in words, with its fix.
#![cfg(feature = "engine")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::needs::{Need, require};
use common::s3::{Server, free_port};

/// `claimline ARGS` with the server's address and test credentials in the environment
/// (`env` adds to or, with an empty value, removes from them).
fn claimline(server: &Server, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimline"));
    common::s3::with_env(&mut c, server);
    for (k, v) in env {
        if v.is_empty() {
            c.env_remove(k);
        } else {
            c.env(k, v);
        }
    }
    c.args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> String {
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    t
}

fn failed(o: Output) -> String {
    let t = text(&o);
    assert!(!o.status.success(), "should have failed: {t}");
    t
}

#[test]
fn a_table_in_a_bucket_converts_checks_and_draws_as_the_same_table_here() {
    if !require(
        "a_table_in_a_bucket_converts_checks_and_draws_as_the_same_table_here",
        &[Need::S3Server],
    ) {
        return;
    }
    let server = common::s3::start();
    assert_eq!(server.http("PUT", "/news", b""), 200, "the bucket is made");
    let dir = tempfile::tempdir().unwrap();
    let ron = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/trump-putin.ron");
    let ron = ron.to_str().unwrap();
    let here = dir.path().join("tp.parquet");
    let here = here.to_str().unwrap();

    // The built-in dataset converted here and into the bucket.
    ok(claimline(&server, &[], &["convert", ron, "-o", here]));
    let said = ok(claimline(
        &server,
        &[],
        &["convert", ron, "-o", "s3://news/tables/tp.parquet"],
    ));
    assert!(
        said.contains("s3://news/tables/tp.parquet:")
            && said.contains("day counts in s3://news/tables/tp.counts.parquet")
            && said.contains("relations in s3://news/tables/tp.relations.parquet"),
        "{said}"
    );
    for key in [
        "tp.parquet",
        "tp.counts.parquet",
        "tp.spans.parquet",
        "tp.relations.parquet",
    ] {
        assert_eq!(
            server.http("HEAD", &format!("/news/tables/{key}"), b""),
            200,
            "{key} is in the bucket"
        );
    }

    // `check` reads it through the engine, as the file here, the companions tied.
    let local = ok(claimline(&server, &[], &["check", "--strict", here]));
    let remote = ok(claimline(
        &server,
        &[],
        &["check", "--strict", "s3://news/tables/tp.parquet"],
    ));
    let after_path = |s: &str| {
        s.lines()
            .map(|l| l.split_once(": ").map_or(l, |(_, rest)| rest).to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(after_path(&local), after_path(&remote), "{remote}");
    assert!(
        remote.contains("events") && !remote.contains("warning"),
        "{remote}"
    );

    // Drawn the same, byte for byte, selected event, links and all.
    let svg = |file: &str, name: &str| {
        let out = dir.path().join(name);
        ok(claimline(
            &server,
            &[],
            &[
                "render",
                file,
                "--select",
                "helsinki-summit-2018",
                "-o",
                out.to_str().unwrap(),
            ],
        ));
        std::fs::read(&out).unwrap()
    };
    let a = svg(here, "here.svg");
    let b = svg("s3://news/tables/tp.parquet", "there.svg");
    assert!(a.len() > 10_000, "a picture was drawn");
    assert!(a == b, "the bucket's table draws as the local one");

    // A folder in the bucket holding the files opens as a folder here does.
    let folder = ok(claimline(&server, &[], &["check", "s3://news/tables/"]));
    assert!(folder.contains("events"), "{folder}");

    // A table read from a bucket converts as the local file does.
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tables/incidents.csv");
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(server.http("PUT", "/news/in/incidents.csv", &bytes), 200);
    let from_here = ok(claimline(
        &server,
        &[],
        &[
            "convert",
            csv.to_str().unwrap(),
            "-o",
            dir.path().join("a.parquet").to_str().unwrap(),
        ],
    ));
    let from_there = ok(claimline(
        &server,
        &[],
        &[
            "convert",
            "s3://news/in/incidents.csv",
            "-o",
            dir.path().join("b.parquet").to_str().unwrap(),
        ],
    ));
    assert!(
        from_there.contains("s3://news/in/incidents.csv: copied here"),
        "{from_there}"
    );
    let events = |s: &str| {
        s.split(" events from ")
            .next()
            .and_then(|h| h.rsplit(' ').next())
            .map(str::to_owned)
    };
    assert_eq!(events(&from_here), events(&from_there), "{from_there}");
    assert!(events(&from_here).is_some(), "{from_here}");
}

#[test]
fn wrong_addresses_credentials_and_servers_each_say_what_to_fix() {
    if !require(
        "wrong_addresses_credentials_and_servers_each_say_what_to_fix",
        &[Need::S3Server],
    ) {
        return;
    }
    let server = common::s3::start();
    assert_eq!(server.http("PUT", "/news", b""), 200);
    let dir = tempfile::tempdir().unwrap();
    let ron = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/trump-putin.ron");
    let ron = ron.to_str().unwrap();

    let no_keys = [("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")];
    let said = failed(claimline(
        &server,
        &no_keys,
        &["check", "s3://news/tables/tp.parquet"],
    ));
    assert!(
        said.contains("no credentials for s3://news") && said.contains("AWS_ACCESS_KEY_ID"),
        "{said}"
    );
    // Converting into a bucket checks the credentials before the work, and writes
    // nothing.
    let said = failed(claimline(
        &server,
        &no_keys,
        &["convert", ron, "-o", "s3://news/t.parquet"],
    ));
    assert!(said.contains("no credentials"), "{said}");
    assert!(!said.contains(" events from "), "{said}");

    let said = failed(claimline(&server, &[], &["check", "s3:///tp.parquet"]));
    assert!(said.contains("names no bucket"), "{said}");

    let said = failed(claimline(
        &server,
        &[],
        &["check", "s3://no-such-bucket/tp.parquet"],
    ));
    assert!(
        said.contains("bucket of s3://no-such-bucket/tp.parquet does not exist"),
        "{said}"
    );
    let said = failed(claimline(
        &server,
        &[],
        &["convert", ron, "-o", "s3://no-such-bucket/t.parquet"],
    ));
    assert!(said.contains("does not exist"), "{said}");

    let said = failed(claimline(
        &server,
        &[],
        &["check", "s3://news/none.parquet"],
    ));
    assert!(
        said.contains("no file or folder at s3://news/none.parquet"),
        "{said}"
    );

    // A file in the bucket that is not Parquet is named as such.
    assert_eq!(
        server.http("PUT", "/news/cut.parquet", b"PAR1 cut short"),
        200
    );
    let said = failed(claimline(&server, &[], &["check", "s3://news/cut.parquet"]));
    assert!(
        said.contains("s3://news/cut.parquet is not a readable Parquet file"),
        "{said}"
    );

    // Nothing listening at the endpoint: said, naming the address, within the
    // client's 10 s of retries.
    let closed = free_port();
    let endpoint = format!("http://127.0.0.1:{closed}");
    let started = Instant::now();
    let said = failed(claimline(
        &server,
        &[("AWS_ENDPOINT_URL", &endpoint)],
        &["check", "s3://news/tp.parquet"],
    ));
    assert!(
        said.contains(&format!("nothing answered at {endpoint}")),
        "{said}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "said within the client's retries, not minutes"
    );
    drop(dir);
}
