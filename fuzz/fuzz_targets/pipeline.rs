//! A whole build of a small dossier made from the input: two notes, a source's text, its
//! sidecar and lines of `dossier.yaml`, separated by lines `=====`, written to a fresh
//! folder (in `/dev/shm` where there is one, so that a run is not bound by the disk).
//! Run: `cargo +nightly fuzz run pipeline -- -max_total_time=600 -timeout=10 -rss_limit_mb=2048`
//! (see docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::TempDir::new_in(shm)
    } else {
        tempfile::TempDir::new()
    };
    let Ok(dir) = dir else { return };
    dossier::fuzzing::pipeline(dir.path(), text);
});
