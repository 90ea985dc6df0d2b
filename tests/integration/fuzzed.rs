//! The fuzz targets' inputs on the stable toolchain: every input of `fuzz/regressions/`
//! (what once broke a target, minimised) and of `fuzz/corpus/` (what the fuzzer kept) runs
//! through the same entry points (`dossier::fuzzing`), whose invariants panic when they
//! fail. See docs/fuzzing.md.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in ["regressions", "corpus"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn run(target: &str, f: impl Fn(&str)) {
    let all = inputs(target);
    assert!(!all.is_empty(), "fuzz/corpus/{target}/ has no seed");
    for p in all {
        let bytes = std::fs::read(&p).unwrap();
        // The targets skip what is not UTF-8, as the fuzzer's do.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(text)));
            assert!(
                caught.is_ok(),
                "{} breaks the `{target}` target",
                p.display()
            );
        }
    }
}

#[test]
fn note() {
    run("note", dossier::fuzzing::note);
}

#[test]
fn scan() {
    run("scan", dossier::fuzzing::scan);
}

#[test]
fn quote() {
    run("quote", dossier::fuzzing::quote);
}

#[test]
fn yaml() {
    run("yaml", dossier::fuzzing::yaml);
}

#[test]
fn interface() {
    run("interface", dossier::fuzzing::interface);
}

#[test]
fn pipeline() {
    run("pipeline", |text| {
        let dir = tempfile::TempDir::new().unwrap();
        dossier::fuzzing::pipeline(dir.path(), text);
    });
}

/// The invariants are real: a span outside its file is caught.
#[test]
fn a_broken_invariant_is_caught() {
    let caught = std::panic::catch_unwind(|| dossier::fuzzing::quote("\0"));
    assert!(caught.is_ok(), "an empty quote of an empty text is fine");
    let bad = std::panic::catch_unwind(dossier::fuzzing::check_bad_span_for_test);
    assert!(
        bad.is_err(),
        "a span past the end of its file must fail the check"
    );
}
