//! Hostile input through the full load path (size checks, text checks, parse, validate,
//! locate): every truncation of the built-in dataset, and over 100,000 seeded byte flips,
//! insertions, deletions and line swaps of it and of a small dataset. Each must give a
//! dataset or errors that all have a position — never a panic, a stack overflow or a
//! hang. Counts and times are printed (`cargo test --test mutation -- --nocapture`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    reason = "a test reports its counts on stderr and fails loudly"
)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use claimline::load::{self, LoadOptions, Severity};
use proptest::prelude::*;

const BUILTIN: &[u8] = load::BUILTIN_RON.as_bytes();
const MINIMAL: &[u8] = include_bytes!("data/good/minimal.ron");

/// Longest a single load may take before it counts as a hang (debug build, loaded CI).
const MAX_LOAD: Duration = Duration::from_secs(3);

#[derive(Default, Debug)]
struct Tally {
    loaded: usize,
    refused: usize,
    slowest: Duration,
}

/// Loads `bytes`; panics (failing the test) on a panic, a hang, or an error without a
/// position.
fn check(bytes: &[u8], what: &dyn Fn() -> String, tally: &mut Tally) {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        load::load_bytes(bytes, Path::new("mutant.ron"), LoadOptions::default(), None)
    }));
    let took = start.elapsed();
    tally.slowest = tally.slowest.max(took);
    assert!(took < MAX_LOAD, "{}: took {took:?}", what());
    match result {
        Err(_) => panic!("{}: the loader panicked", what()),
        Ok(Ok(_)) => tally.loaded += 1,
        Ok(Err(err)) => {
            tally.refused += 1;
            assert!(err.error_count() > 0, "{}: an error without errors", what());
            for d in err
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                if d.message.starts_with("… and ") {
                    continue; // the "N more problems" summary line
                }
                assert!(
                    d.location.is_some(),
                    "{}: error without a position: {}",
                    what(),
                    d.message
                );
            }
        }
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to RON and to UTF-8.
const INTERESTING: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b",",
    b":",
    b"\\",
    b"/",
    b"*",
    b"#",
    b"r#",
    b"'",
    b" ",
    b"\n",
    b"0",
    b"9",
    b"-",
    b".",
    b"..",
    b"e",
    b"_",
    b"Some(",
    b"None",
    b"\x00",
    b"\xFF",
    b"\xC3",
    b"\xE2\x80\x9C",
    b"\xF0\x9F\x98\x80",
    b"\xEF\xBB\xBF",
    b"//",
    b"/*",
    b"*/",
    b"2024-13-40",
    b"-0044",
    b"99999999999999999999",
];

/// One random edit of `base`.
fn mutate(base: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut out = base.to_vec();
    let at = rng.below(out.len() + 1);
    let what = match rng.below(6) {
        0 => {
            // flip a byte
            if let Some(b) = out.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
            format!("flip at {at}")
        }
        1 => {
            let piece = INTERESTING[rng.below(INTERESTING.len())];
            out.splice(at..at, piece.iter().copied());
            format!("insert {piece:?} at {at}")
        }
        2 => {
            let len = 1 + rng.below(16);
            let end = (at + len).min(out.len());
            out.drain(at..end);
            format!("delete {at}..{end}")
        }
        3 => {
            // swap two lines (fields, items)
            let text = String::from_utf8_lossy(&out).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            out = lines.join("\n").into_bytes();
            format!("swap lines {a} and {b}")
        }
        4 => {
            // duplicate a slice (a field or item twice)
            let len = 1 + rng.below(80);
            let end = (at + len).min(out.len());
            let piece: Vec<u8> = out[at..end].to_vec();
            out.splice(end..end, piece);
            format!("duplicate {at}..{end}")
        }
        _ => {
            // overwrite with a random byte
            if let Some(b) = out.get_mut(at) {
                *b = rng.next() as u8;
            }
            format!("overwrite at {at}")
        }
    };
    (out, what)
}

/// Runs `cases` on the available cores; returns the merged tally.
fn in_parallel(cases: usize, run: impl Fn(usize, &mut Tally) + Sync) -> Tally {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let run = &run;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut tally = Tally::default();
                    for i in (t..cases).step_by(threads) {
                        run(i, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    tallies.into_iter().fold(Tally::default(), |a, b| Tally {
        loaded: a.loaded + b.loaded,
        refused: a.refused + b.refused,
        slowest: a.slowest.max(b.slowest),
    })
}

#[test]
fn every_truncation_of_the_default_dataset_is_handled() {
    let start = Instant::now();
    let tally = in_parallel(BUILTIN.len() + 1, |n, tally| {
        check(&BUILTIN[..n], &|| format!("truncated to {n} bytes"), tally);
    });
    eprintln!(
        "truncations: {} ({} loaded, {} refused with positions), slowest {:?}, total {:?}",
        BUILTIN.len() + 1,
        tally.loaded,
        tally.refused,
        tally.slowest,
        start.elapsed()
    );
    assert_eq!(tally.loaded + tally.refused, BUILTIN.len() + 1);
    assert!(tally.loaded >= 1, "the whole file loads");
}

#[test]
fn a_hundred_thousand_seeded_mutations_are_handled() {
    const SMALL: usize = 100_000;
    const LARGE: usize = 4_000;
    let start = Instant::now();
    let small = in_parallel(SMALL, |i, tally| {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1));
        let (mut bytes, mut what) = mutate(MINIMAL, &mut rng);
        // Some cases stack several edits.
        for _ in 0..rng.below(3) {
            let (b, w) = mutate(&bytes, &mut rng);
            bytes = b;
            what.push_str(", ");
            what.push_str(&w);
        }
        check(&bytes, &|| format!("minimal.ron, case {i}: {what}"), tally);
    });
    let large = in_parallel(LARGE, |i, tally| {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ (i as u64 + 1));
        let (bytes, what) = mutate(BUILTIN, &mut rng);
        check(
            &bytes,
            &|| format!("built-in dataset, case {i}: {what}"),
            tally,
        );
    });
    eprintln!(
        "mutations: {} of a small dataset ({} loaded, {} refused), {} of the built-in one ({} loaded, {} refused); slowest {:?}, total {:?}",
        SMALL,
        small.loaded,
        small.refused,
        LARGE,
        large.loaded,
        large.refused,
        small.slowest.max(large.slowest),
        start.elapsed()
    );
    assert_eq!(small.loaded + small.refused, SMALL);
    assert!(
        small.loaded > 0 && small.refused > 0,
        "the mutations exercise both outcomes"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Arbitrary bytes never panic the loader.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, &|| "arbitrary bytes".to_owned(), &mut Tally::default());
    }

    /// RON-like token soup, which gets further into the parser, never panics either.
    #[test]
    fn token_soup_never_panics(tokens in proptest::collection::vec(0..INTERESTING.len(), 0..400)) {
        let bytes: Vec<u8> = tokens.iter().flat_map(|&t| INTERESTING[t].iter().copied()).collect();
        check(&bytes, &|| format!("tokens {tokens:?}"), &mut Tally::default());
    }
}
