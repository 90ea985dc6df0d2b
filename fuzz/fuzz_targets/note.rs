//! A note as `parse` reads it: front matter split, YAML with spans, keys, body scan.
//! Run: `cargo +nightly fuzz run note -- -max_total_time=600 -timeout=10 -rss_limit_mb=2048`
//! (see docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        dossier::fuzzing::note(text);
    }
});
