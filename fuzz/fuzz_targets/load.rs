//! Fuzz target: any bytes through the one way in, `load::load_bytes` — text checks,
//! format detection, and each format's reader (RON, TimelineJS JSON and CSV with their
//! HTML text), then validation and placing problems in the file. A dataset or errors
//! are fine; a panic, a stack overflow or a hang is a bug. Seed it with every format:
//! `cargo fuzz run load corpus/load ../data ../tests/data/good ../tests/data/bad
//! ../tests/data/timelinejs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz-input");
    if let Err(err) = claimline::load::load_bytes(data, path, Default::default(), None) {
        // Rendering exercises the excerpt and marker code as well.
        let _ = err.to_string();
    }
});
