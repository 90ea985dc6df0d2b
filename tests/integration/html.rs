//! The Nu HTML Checker accepts every page of the default theme without errors.
//!
//! The checker is `vnu.jar` (npm package `vnu-jar`), run with the machine's Java; `.ci/run`
//! installs it and sets `DOSSIER_VNU_JAR`. Locally, without it, the test says loudly that it
//! was skipped; under `CI=true` a missing checker fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn vnu_jar() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("DOSSIER_VNU_JAR").map(PathBuf::from),
        std::env::var_os("HOME").map(|h| {
            PathBuf::from(h).join(".cache/dossier-vnu/node_modules/vnu-jar/build/dist/vnu.jar")
        }),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

fn validate(dir: &Path) {
    let Some(jar) = vnu_jar() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "the Nu HTML Checker is missing: .ci/run must install vnu-jar and set DOSSIER_VNU_JAR"
            );
        }
        eprintln!(
            "\n*** SKIPPED: HTML validation: no vnu.jar (set DOSSIER_VNU_JAR, or run .ci/run) ***\n"
        );
        return;
    };
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .expect("java runs");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

#[test]
fn the_basic_fixture_is_valid_html() {
    let d = Dossier::fixture("basic").built();
    validate(&d.path().join("public"));
}

#[test]
fn the_bundled_dossier_is_valid_html() {
    let out = tempfile::TempDir::new().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let r = run_in(
        Path::new(root),
        &["build", "-o", out.path().join("site").to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    validate(&out.path().join("site"));
}

#[test]
fn the_bundled_dossier_in_russian_is_valid_html() {
    let d = Dossier::bundled()
        .edit(
            "dossier.yaml",
            "language: en",
            "language: ru\ncontent_language: en",
        )
        .built();
    validate(&d.path().join("public"));
}
