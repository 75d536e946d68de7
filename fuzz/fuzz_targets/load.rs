//! Fuzz target: any bytes through the full load path (text checks, RON parse,
//! validation, locating problems). A dataset or errors are fine; a panic, a stack
//! overflow or a hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.ron");
    if let Err(err) = claimline::load::load_bytes(data, path, Default::default(), None) {
        // Rendering exercises the excerpt and marker code as well.
        let _ = err.to_string();
    }
});
