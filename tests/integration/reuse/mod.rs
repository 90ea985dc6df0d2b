//! A rebuild through an engine that kept the previous builds' results (as `serve`'s does)
//! must give the same pages, static files and diagnostics (file:line:col) as a build from
//! scratch, after any edit; and it should make again only the pages the edit can change.
//! Each step ([`Lab::check`]) builds three times: from scratch, with a kept engine told what
//! changed (as `serve` tells it) and with one that is not told, and compares them. Then a
//! step may say that it built ([`Lab::good`]), which pages it changed ([`Lab::changes`]) and
//! which the rebuild made ([`Lab::makes`]).
//!
//! - `scripted`: files added, broken, moved and removed; failed builds; build options.
//! - `front_matter`: an edit for every field of a note's front matter that a page or a check
//!   reads, each compared with a fresh build, with the pages it changes.
//! - `bodies`: the same for a note's body: text, headings, wikilinks, relative links,
//!   citations, quotes, code.
//! - `sources`: the same for an archived source: its text, and each key of its sidecar.
//! - `site`: the same for `dossier.yaml` (title, description, base_url, language, theme,
//!   author), the templates and the static files.
//! - `made`: how many pages a rebuild makes: edits that change one page make one page.
//! - `adversarial`: sequences from a review of the engine (files that stop being readable,
//!   a save that keeps a file's size and time, edge-case notes, notes coming and going).
//! - `fuzz`: random edits from fixed seeds; more with `FUZZ_SEEDS=300 FUZZ_STEPS=60`,
//!   harsher ones with `FUZZ_EXTRA=1`, files left with fresh modification times with
//!   `UNSETTLED=1`, each seed's edits printed with `FUZZ_SHOW=1`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dossier::{BuildOptions, BuildResult, Bytes, Engine, Sink, StaticContent, StaticFile, rebuild};

use crate::support::Dossier;

mod adversarial;
mod attribution;
mod bodies;
mod front_matter;
mod fuzz;
mod made;
mod review;
mod scripted;
mod search;
mod site;
mod sources;

/// The basic fixture's files, as the steps edit them (described in `front_matter.rs`).
pub mod basic {
    pub const CLERK: &str = "content/people/clerk.md";
    pub const JANE: &str = "content/people/jane-doe.md";
    pub const CONTRACT: &str = "content/claims/contract-approved.md";
    pub const UNANSWERED: &str = "content/claims/unanswered.md";
    pub const ROUTINE: &str = "content/responses/routine.md";
    pub const DRAFT: &str = "content/draft-idea.md";
    /// An unnamed source the attribution steps add.
    pub const INSIDER: &str = "content/unnamed/insider.md";
    pub const TEXT: &str = "seeds/report.txt";
    pub const SIDECAR: &str = "seeds/report.yaml";
}

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

/// Every page handed over, by path, as handed over: a kept engine hands a page it takes as
/// it was over as the very bytes (the same allocation) it handed over before.
#[derive(Default)]
pub struct Collect(Mutex<BTreeMap<String, Arc<[u8]>>>);

impl Sink for Collect {
    fn put(&self, path: &str, bytes: Bytes) -> anyhow::Result<()> {
        let mut pages = self.0.lock().unwrap();
        assert!(
            pages
                .insert(path.to_string(), bytes.into_shared())
                .is_none(),
            "{path} was handed over twice"
        );
        Ok(())
    }
}

/// What a build gave.
#[derive(Debug)]
pub struct Snapshot {
    /// Every page by its file's path, when the build succeeded.
    pub pages: Option<BTreeMap<String, Arc<[u8]>>>,
    /// The static files to copy beside the pages (and from where), when it succeeded.
    pub statics: Option<Vec<StaticFile>>,
    pub diags: String,
    /// How many pages the build made (not taken as they were), from its statistics.
    pub made: Option<usize>,
    /// Every page handed over, even by a build that then failed.
    handed: BTreeMap<String, Arc<[u8]>>,
}

impl Snapshot {
    pub fn good(&self) -> bool {
        self.pages.is_some()
    }
}

/// Builds with `engine`, and what the build gave.
pub fn build_with(engine: &mut Engine, opts: &BuildOptions) -> Snapshot {
    let pages = Collect::default();
    let r: BuildResult = rebuild(engine, opts, &pages).unwrap();
    let ok = r.stats.is_some();
    let handed = pages.0.into_inner().unwrap();
    Snapshot {
        pages: ok.then(|| handed.clone()),
        statics: ok.then(|| r.statics.clone()),
        diags: r.diagnostics.render_human(&r.files),
        made: r.stats.map(|s| s.work.pages_made),
        handed,
    }
}

/// A page's file as its address on the site: `/`, `/jane-doe/`, `/claims.json`.
fn address(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

/// Whether an address is a file of the search index (`/search/t.json`): they change with
/// almost any edit of a note's text, so [`Lab::changes`] and [`Lab::makes`] leave them to
/// [`Lab::indexes`]. That they are right is checked at every step, with every other page,
/// against a fresh build.
fn in_index(address: &str) -> bool {
    address.starts_with("/search/") && address.ends_with(".json")
}

/// What the last step did, for [`Lab::changes`] and [`Lab::makes`].
#[derive(Debug, Default)]
pub struct Outcome {
    pub step: String,
    /// Whether the build succeeded.
    pub good: bool,
    /// The addresses of the pages whose bytes differ from the last good build's (new,
    /// gone or changed), from the fresh builds.
    pub changed: BTreeSet<String>,
    /// The addresses of the pages the rebuild told what changed made (it handed every
    /// other over as it kept them).
    pub made: BTreeSet<String>,
    /// The files of the search index among the changed ones (not in `changed` or `made`).
    pub index_changed: BTreeSet<String>,
    /// The files of the search index the rebuild made.
    pub index_made: BTreeSet<String>,
    /// The addresses of the pages of the last good build and of this one.
    pub pages: BTreeSet<String>,
    /// The static files of this build, when it was good: `rel` and where from.
    pub statics: Vec<String>,
}

pub struct Lab {
    _dossier: Dossier,
    pub root: PathBuf,
    pub opts: BuildOptions,
    told: Engine,
    untold: Engine,
    pub steps: usize,
    /// How many pages the last rebuild told what changed made, from its statistics.
    pub made: Option<usize>,
    /// What the last step did.
    pub last: Outcome,
    /// Each page as the engine told what changed last handed it over.
    handed: HashMap<String, Arc<[u8]>>,
    /// The pages of the last good fresh build.
    last_good: Option<BTreeMap<String, Arc<[u8]>>>,
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
            last: Outcome::default(),
            handed: HashMap::new(),
            last_good: None,
        };
        lab.check("start", &[]);
        lab
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
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

    /// Builds from scratch and with both kept engines, and compares them; returns the
    /// fresh result's snapshot.
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
        let mut outcome = Outcome {
            step: step.to_string(),
            good: fresh.good(),
            changed: match (&fresh.pages, &self.last_good) {
                (Some(now), Some(before)) => differences(before, now),
                _ => BTreeSet::new(),
            },
            made: told
                .handed
                .iter()
                .filter(|(file, bytes)| {
                    !self
                        .handed
                        .get(*file)
                        .is_some_and(|old| Arc::ptr_eq(old, bytes))
                })
                .map(|(file, _)| address(file))
                .collect(),
            pages: self
                .last_good
                .iter()
                .chain(&fresh.pages)
                .flat_map(|p| p.keys().map(|f| address(f)))
                .filter(|a| !in_index(a))
                .collect(),
            statics: fresh
                .statics
                .iter()
                .flatten()
                .map(|s| match &s.content {
                    StaticContent::Disk(path) => format!(
                        "{} from {}",
                        s.rel,
                        path.strip_prefix(&self.root).unwrap_or(path).display()
                    ),
                    StaticContent::Embedded(_) => format!("{} built in", s.rel),
                })
                .collect(),
            index_changed: BTreeSet::new(),
            index_made: BTreeSet::new(),
        };
        outcome.index_changed = outcome.changed.extract_if(.., |a| in_index(a)).collect();
        outcome.index_made = outcome.made.extract_if(.., |a| in_index(a)).collect();
        self.made = told.made.map(|n| n - outcome.index_made.len());
        self.last = outcome;
        if let Some(n) = self.made {
            assert_eq!(
                n,
                self.last.made.len(),
                "{step}: the build's statistics count {n} pages made, yet it handed over {} \
                 pages it had not handed over before: {:?}",
                self.last.made.len(),
                self.last.made
            );
        }
        self.handed.extend(told.handed);
        if fresh.good() {
            self.last_good = fresh.pages.clone();
        }
        fresh
    }

    /// Checks a step (see [`Lab::check`]) that must give a good build.
    pub fn good(&mut self, step: &str, changed: &[PathBuf]) -> &mut Lab {
        self.good_diagnostics(step, changed);
        self
    }

    /// [`Lab::good`], giving the build's printed diagnostics (its warnings) for the step to
    /// assert on.
    pub fn good_diagnostics(&mut self, step: &str, changed: &[PathBuf]) -> String {
        let s = self.check(step, changed);
        assert!(
            s.good(),
            "{step}: expected a good build, but it failed:\n{}",
            s.diags
        );
        s.diags
    }

    /// Checks a step (see [`Lab::check`]) that must fail with an error `code`.
    pub fn fails(&mut self, step: &str, changed: &[PathBuf], code: &str) -> &mut Lab {
        let s = self.check(step, changed);
        assert!(
            !s.good() && s.diags.contains(&format!("error[{code}]")),
            "{step}: expected a build failing with `{code}`, got:\n{}",
            s.diags
        );
        self
    }

    /// Asserts which pages the last step changed, by address (`/`, `/jane-doe/`,
    /// `/claims.json`), from the fresh builds before and after it.
    pub fn changes(&mut self, pages: &[&str]) -> &mut Lab {
        let want: BTreeSet<String> = pages.iter().map(|p| p.to_string()).collect();
        let o = &self.last;
        assert!(o.good, "{}: the build failed, no page changed", o.step);
        assert!(
            o.changed == want,
            "{}: expected the edit to change {} pages, it changed {}\n  expected: {want:?}\n  \
             changed:  {:?}\n  not changed but expected: {:?}\n  changed but not expected: {:?}",
            o.step,
            want.len(),
            o.changed.len(),
            o.changed,
            want.difference(&o.changed).collect::<Vec<_>>(),
            o.changed.difference(&want).collect::<Vec<_>>(),
        );
        self
    }

    /// Asserts that the last step changed every page of the site but `except` (pages
    /// added or removed included).
    pub fn changes_all_but(&mut self, except: &[&str]) -> &mut Lab {
        let all: Vec<String> = self
            .last
            .pages
            .iter()
            .filter(|p| !except.contains(&p.as_str()))
            .cloned()
            .collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        self.changes(&all)
    }

    /// Asserts that the last step changed every page made from a template (each shows the
    /// site's name, navigation and counts), and none of the files made without one (the
    /// feed among them).
    pub fn changes_every_page(&mut self) -> &mut Lab {
        self.changes_every_page_and(&[])
    }

    /// [`Lab::changes_every_page`], and of the files made without a template, `also`.
    pub fn changes_every_page_and(&mut self, also: &[&str]) -> &mut Lab {
        let untouched: Vec<&str> = [
            "/claims.json",
            "/sources.json",
            "/sitemap.xml",
            "/atom.xml",
            "/robots.txt",
        ]
        .into_iter()
        .filter(|p| !also.contains(p))
        .collect();
        self.changes_all_but(&untouched)
    }

    /// Asserts which pages the last step's rebuild made, by address: how many (the build's
    /// statistics) and which (the pages it did not hand over as it kept them).
    pub fn makes(&mut self, pages: &[&str]) -> &mut Lab {
        let want: BTreeSet<String> = pages.iter().map(|p| p.to_string()).collect();
        let o = &self.last;
        assert!(o.good, "{}: the build failed, it made no page", o.step);
        let shown = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(" ");
        let wasted: BTreeSet<String> = o.made.difference(&o.changed).cloned().collect();
        assert!(
            self.made == Some(want.len()) && o.made == want,
            "{}: expected the rebuild to make {} pages, it made {:?}\n  expected:                {}\n  \
             made:                    {}\n  made, not expected:      {}\n  expected, not made:      {}\n  \
             changed (fresh builds):  {}\n  made but unchanged:      {}",
            o.step,
            want.len(),
            self.made,
            shown(&want),
            shown(&o.made),
            shown(&o.made.difference(&want).cloned().collect()),
            shown(&want.difference(&o.made).cloned().collect()),
            shown(&o.changed),
            shown(&wasted),
        );
        self
    }

    /// Asserts which files of the search index the last step changed, and that the rebuild
    /// made those and no other.
    pub fn indexes(&mut self, files: &[&str]) -> &mut Lab {
        let want: BTreeSet<String> = files.iter().map(|p| p.to_string()).collect();
        let o = &self.last;
        assert_eq!(o.index_changed, want, "{}: the index files changed", o.step);
        assert_eq!(o.index_made, want, "{}: the index files made", o.step);
        self
    }

    /// Other options (drafts, base URL) for the next builds.
    pub fn set_opts(&mut self, f: impl FnOnce(&mut BuildOptions)) {
        f(&mut self.opts);
    }
}

/// The addresses of the pages that are new, gone or changed from `before` to `now`.
fn differences(
    before: &BTreeMap<String, Arc<[u8]>>,
    now: &BTreeMap<String, Arc<[u8]>>,
) -> BTreeSet<String> {
    let files: BTreeSet<&String> = before.keys().chain(now.keys()).collect();
    files
        .into_iter()
        .filter(|f| before.get(*f) != now.get(*f))
        .map(|f| address(f))
        .collect()
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
                bytes[..] == other[..],
                "{step} ({how}): /{path} differs from a fresh build:\n--- fresh\n{}\n--- reused\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(other)
            );
        }
    }
    assert_eq!(fresh.statics, got.statics, "{step} ({how}): statics");
}
