//! Fuzz target: any bytes as a captured source, through `capture::read` — format
//! detection, the WARC reader (gzipped or not) and its HTTP responses (chunked, gzip,
//! deflate), the WACZ (zip) reader with its caps, and the article extractor. A capture or
//! an error is fine; a panic, a hang or an allocation past the caps is a bug. Seed it with
//! real captures: `cargo fuzz run capture corpus/capture ../tests/evidence`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz-input");
    if let Err(err) = claimline::capture::read(data, path, None, None) {
        let _ = err.to_string();
    }
});
