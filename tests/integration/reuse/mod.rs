//! A rebuild through an engine that kept the previous builds' results (as `serve`'s does)
//! must give the same pages and the same diagnostics (file:line:col) as a build from
//! scratch, after any edit. Each step is checked twice: with an engine told what changed (as
//! `serve` tells it) and with one that is not told. Scripted edits, then random ones from fixed seeds; more with
//! `FUZZ_SEEDS=300 FUZZ_STEPS=60`, files left with fresh modification times with
//! `UNSETTLED=1`, each seed's edits printed with `FUZZ_SHOW=1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dossier::engine::Engine;
use dossier::pipeline::{BuildOptions, BuildResult, rebuild};
use dossier::render::{Bytes, Sink};

use crate::support::Dossier;

mod fuzz;
mod scripted;

static CLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Gives a file a modification time long past and later than any before: it looks settled
/// (not read again on its size and time alone), yet every write is seen.
fn settle(p: &Path) {
    if std::env::var_os("UNSETTLED").is_some() {
        return;
    }
    let n = CLOCK.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000 + n);
    let f = std::fs::File::options().write(true).open(p).unwrap();
    f.set_modified(t).unwrap();
}

/// Settles every file under `dir` (see [`settle`]), as copied from a fixture.
fn settle_all(dir: &Path) {
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            settle(e.path());
        }
    }
}

/// Every page handed over, by path.
#[derive(Default)]
pub struct Collect(Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Collect {
    fn put(&self, path: &str, bytes: Bytes) -> anyhow::Result<()> {
        let mut pages = self.0.lock().unwrap();
        assert!(
            pages
                .insert(path.to_string(), bytes.as_slice().to_vec())
                .is_none(),
            "{path} was handed over twice"
        );
        Ok(())
    }
}

#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pages: Option<BTreeMap<String, Vec<u8>>>,
    statics: Option<Vec<String>>,
    diags: String,
    /// How many pages the build made (not taken as they were).
    made: Option<usize>,
}

/// Builds with `engine`, and what the build gave.
pub fn build_with(engine: &mut Engine, opts: &BuildOptions) -> Snapshot {
    let pages = Collect::default();
    let r: BuildResult = rebuild(engine, opts, &pages).unwrap();
    let ok = r.stats.is_some();
    Snapshot {
        pages: ok.then(|| pages.0.into_inner().unwrap()),
        statics: ok.then(|| r.statics.iter().map(|s| s.rel.clone()).collect()),
        diags: r.diagnostics.render_human(&r.files),
        made: r.stats.map(|s| s.work.pages_made),
    }
}

pub struct Lab {
    _dossier: Dossier,
    pub root: PathBuf,
    pub opts: BuildOptions,
    told: Engine,
    untold: Engine,
    pub steps: usize,
    /// How many pages the last rebuild told what changed made.
    pub made: Option<usize>,
}

impl Lab {
    pub fn new(fixture: &str) -> Lab {
        Lab::at(Dossier::fixture(fixture))
    }

    fn at(dossier: Dossier) -> Lab {
        let root = dossier.path().canonicalize().unwrap();
        settle_all(&root);
        let opts = BuildOptions {
            root: root.clone(),
            output: None,
            base_url: None,
            drafts: false,
        };
        let mut lab = Lab {
            _dossier: dossier,
            root,
            opts,
            told: Engine::keeping(),
            untold: Engine::keeping(),
            steps: 0,
            made: None,
        };
        lab.check("start", &[]);
        lab
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        settle(&p);
        p
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let p = self.path(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "`{from}` is not in {rel}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
        settle(&p);
        p
    }

    pub fn remove(&self, rel: &str) -> PathBuf {
        let p = self.path(rel);
        std::fs::remove_file(&p).unwrap();
        p
    }

    pub fn rename(&self, from: &str, to: &str) -> Vec<PathBuf> {
        let (a, b) = (self.path(from), self.path(to));
        std::fs::create_dir_all(b.parent().unwrap()).unwrap();
        std::fs::rename(&a, &b).unwrap();
        vec![a, b]
    }

    /// Builds from scratch and with both kept engines; returns the fresh result's snapshot.
    pub fn check(&mut self, step: &str, changed: &[PathBuf]) -> Snapshot {
        self.steps += 1;
        let fresh = build_with(&mut Engine::one_shot(), &self.opts);
        self.told.changed(changed.iter().cloned());
        let told = build_with(&mut self.told, &self.opts);
        let untold = build_with(&mut self.untold, &self.opts);
        for (how, got) in [("told what changed", &told), ("not told", &untold)] {
            compare(step, how, &fresh, got);
        }
        assert_eq!(
            told.made, untold.made,
            "{step}: told and not told, the engines made different numbers of pages"
        );
        self.made = told.made;
        fresh
    }

    /// Like `check`, with other options (drafts, base URL) for this build and the next ones.
    pub fn set_opts(&mut self, f: impl FnOnce(&mut BuildOptions)) {
        f(&mut self.opts);
    }
}

fn compare(step: &str, how: &str, fresh: &Snapshot, got: &Snapshot) {
    assert_eq!(
        fresh.diags, got.diags,
        "{step} ({how}): the diagnostics differ from a fresh build's"
    );
    assert_eq!(
        fresh.pages.is_some(),
        got.pages.is_some(),
        "{step} ({how}): one build failed, the other did not:\n{}",
        fresh.diags
    );
    if let (Some(a), Some(b)) = (&fresh.pages, &got.pages) {
        let paths_a: Vec<&String> = a.keys().collect();
        let paths_b: Vec<&String> = b.keys().collect();
        assert_eq!(paths_a, paths_b, "{step} ({how}): other pages");
        for (path, bytes) in a {
            let other = &b[path];
            assert!(
                bytes == other,
                "{step} ({how}): /{path} differs from a fresh build:\n--- fresh\n{}\n--- reused\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(other)
            );
        }
    }
    assert_eq!(fresh.statics, got.statics, "{step} ({how}): statics");
}
