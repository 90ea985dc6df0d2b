//! The body scanner: wikilinks, citations, headings, links.
//! Run: `cargo +nightly fuzz run scan -- -max_total_time=600 -timeout=10 -rss_limit_mb=2048`
//! (see docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        dossier::fuzzing::scan(text);
    }
});
