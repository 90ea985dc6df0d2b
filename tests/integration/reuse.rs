//! A rebuild through an engine that kept the previous builds' results (as `serve`'s does)
//! must give the same pages and the same diagnostics (file:line:col) as a build from
//! scratch, after any edit. Each step is checked twice: with an engine told what changed (as
//! `serve` tells it) and with one that is not told. Scripted edits, then random ones from fixed seeds; more with
//! `FUZZ_SEEDS=300 FUZZ_STEPS=60`, files left with fresh modification times with
//! `UNSETTLED=1`, each seed's edits printed with `FUZZ_SHOW=1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dossier::{BuildOptions, BuildResult, Bytes, Engine, Sink, rebuild};

use crate::support::{Dossier, note};

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

#[test]
fn scripted_edits() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Announced the vote",
    );
    lab.check("edit a note", &[p]);

    // A note whose front matter is broken (an error pointing into it), then more notes
    // come before it so that its file id shifts.
    let p = lab.write(
        "content/people/zed.md",
        "---\ntitle: Zed\nkind: person\nbogus_key: 1\n---\n\nSee [[nowhere]].\n",
    );
    lab.check("add a note with a warning and an error", &[p]);
    let p = lab.write(
        "content/people/aaa.md",
        &note("Aaa", "person", "tags: [council]\n", "About [[clerk]]."),
    );
    lab.check("add a note before it (file ids shift)", &[p]);
    let p = lab.remove("content/people/aaa.md");
    lab.check("remove it again (file ids shift back)", &[p]);
    let p = lab.remove("content/people/zed.md");
    lab.check("remove the broken note", &[p]);

    // Sources: a warning (no sidecar), ids that shift.
    let p = lab.write("seeds/other.txt", "First line.\nSecond line.\n");
    lab.check("add a source without a sidecar", &[p]);
    let p = lab.write(
        "content/aaa.md",
        &note("First", "note", "", "Cites [@other, ¶2] and [@other, ¶9]."),
    );
    lab.check("add a note: the sources' file ids shift", &[p]);
    let p = lab.write("seeds/other.yaml", "id: other\ntitle: Other\nbad_key: 1\n");
    lab.check("add the sidecar, with a warning in it", &[p]);
    let p = lab.remove("content/aaa.md");
    lab.check("remove the note: the sidecar's id shifts", &[p]);
    let p = lab.write("seeds/other.yml", "id: other\ntitle: Other yml\n");
    lab.check("add a .yml beside the .yaml", &[p]);
    let p = lab.remove("seeds/other.yaml");
    lab.check("remove the .yaml: the .yml is taken", &[p]);
    let ps = lab.rename("seeds/other.txt", "seeds/sub/other.txt");
    lab.check("move the source into a folder (its sidecar stays)", &ps);
    let ps = lab.rename("seeds/other.yml", "seeds/sub/other.yml");
    lab.check("move its sidecar too", &ps);
    let ps = lab.rename("seeds/sub/other.txt", "seeds/sub/other.md");
    lab.check("the source becomes markdown", &ps);

    // Templates.
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
    );
    lab.check("a template overridden", &[p]);
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ nope.nope }}</h1>{% endblock main %}\n",
    );
    lab.check("a template that fails to render", &[p]);
    let p = lab.write(
        "content/aab.md",
        &note("Shift", "note", "", "Shifts the template ids."),
    );
    lab.check("the failing template's id shifts", &[p]);
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
    );
    lab.check("template fixed", &[p]);

    // Config.
    let p = lab.write(
        "dossier.yaml",
        "title: Basic fixture\nbase_url: https://example.org/sub/\nlanguage: en\n",
    );
    lab.check("base_url", &[p]);
    let p = lab.write("dossier.yaml", "title: Basic fixture\nlanguage: en\n");
    lab.check("base_url back", &[p]);
}

/// A small deterministic generator (xorshift), so that a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const TITLES: &[&str] = &["Alpha", "Beta", "alpha", "Gamma", "Delta", "Zed"];
const KINDS: &[&str] = &["note", "person", "organization", "event", "claim"];
const TAGS: &[&str] = &["council", "Council", "people", "x", "y"];
const DATES: &[&str] = &["2023", "2023-05", "2023-05-01", "2024-03"];
const SLUGS: &[&str] = &["s-one", "s-two", "zz"];
const LINKS: &[&str] = &[
    "[[clerk]]",
    "[[jane-doe]]",
    "[[jane-doe#background]]",
    "[@report, ¶1]",
    "[@report, ¶3]",
    "[see](../people/clerk.md)",
    "«approved the contract» [@report, ¶2]",
];
/// Links that are errors, now and then.
const BAD_LINKS: &[&str] = &[
    "[[fz-a]]",
    "[[zz-b]]",
    "[[nowhere]]",
    "[@report, ¶9]",
    "[@other, ¶2]",
    "[[Alpha]]",
];

fn random_note(rng: &mut Rng) -> String {
    let kind = rng.pick(KINDS);
    let mut extra = String::new();
    if rng.chance(60) {
        let n = rng.below(3);
        let tags: Vec<&str> = (0..n).map(|_| rng.pick(TAGS)).collect();
        extra.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if rng.chance(50) {
        extra.push_str(&format!("date: \"{}\"\n", rng.pick(DATES)));
    }
    if rng.chance(4) {
        extra.push_str(&format!("slug: {}\n", rng.pick(SLUGS)));
    }
    if rng.chance(15) {
        extra.push_str("draft: true\n");
    }
    if kind == "claim" {
        extra.push_str("claimant: clerk\nstatus: reported\n");
    }
    if rng.chance(3) {
        extra.push_str("unknown_key: 1\n");
    }
    let mut body = String::from("Text");
    for _ in 0..rng.below(4) {
        body.push(' ');
        body.push_str(rng.pick(LINKS));
    }
    if rng.chance(4) {
        body.push(' ');
        body.push_str(rng.pick(BAD_LINKS));
    }
    body.push('.');
    if rng.chance(30) {
        body.push_str("\n\n## Background\n\nMore.");
    }
    note(rng.pick(TITLES), kind, &extra, &body)
}

/// One random edit; returns what changed, as a watcher would report it.
fn random_edit(lab: &mut Lab, rng: &mut Rng, log: &mut Vec<String>) -> Vec<PathBuf> {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let dirs = ["content/fz", "content/zz", "content/aa"];
    let dir = rng.pick(&dirs);
    let rel = format!("{dir}/{}-{}.md", &dir[8..], rng.pick(&names));
    let exists = lab.path(&rel).exists();
    let op = rng.below(21);
    match op {
        0..=5 => {
            let t = random_note(rng);
            let p = lab.write(&rel, &t);
            log.push(format!("write {rel}:\n{t}"));
            vec![p]
        }
        6 | 7 if exists => {
            log.push(format!("remove {rel}"));
            vec![lab.remove(&rel)]
        }
        8 if exists => {
            let d2 = rng.pick(&dirs);
            let to = format!("{d2}/{}-{}.md", &d2[8..], rng.pick(&names));
            if lab.path(&to).exists() {
                return Vec::new();
            }
            log.push(format!("rename {rel} -> {to}"));
            lab.rename(&rel, &to)
        }
        9 if exists => {
            // Only the title, the tags or the date: a note keeps or changes its place.
            let text = std::fs::read_to_string(lab.path(&rel)).unwrap();
            let title = rng.pick(TITLES);
            let t: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("title:") {
                        format!("title: {title}")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            log.push(format!("retitle {rel} as {title}"));
            vec![lab.write(&rel, &t)]
        }
        10 => {
            let i = rng.below(4) + 1;
            let text = match rng.below(4) {
                0 => "One.\nTwo.\n".to_string(),
                1 => format!("Para {i}.\nAnother.\nThird line here.\n"),
                2 => "Council approves the contract\nThe council approved the contract on Tuesday, the clerk said.\n".to_string(),
                _ => "\u{feff}One.\nTwo.\n".to_string(),
            };
            let rel = ["seeds/other.txt", "seeds/b-src.md", "seeds/sub/other.txt"][rng.below(3)];
            log.push(format!("source {rel}: {text:?}"));
            vec![lab.write(rel, &text)]
        }
        11 => {
            let rel = [
                "seeds/other.yaml",
                "seeds/other.yml",
                "seeds/b-src.yaml",
                "seeds/sub/other.yaml",
            ][rng.below(4)];
            if rng.chance(40) && lab.path(rel).exists() {
                log.push(format!("remove {rel}"));
                vec![lab.remove(rel)]
            } else {
                let id = [
                    "other", "b-src", "other", "b-src", "other", "b-src", "other", "b-src",
                    "report", "Bad Id",
                ][rng.below(10)];
                let text = format!("id: {id}\ntitle: T{}\n", rng.below(5));
                log.push(format!("sidecar {rel}: {text:?}"));
                vec![lab.write(rel, &text)]
            }
        }
        12 => {
            let rel = ["seeds/other.txt", "seeds/b-src.md", "seeds/sub/other.txt"][rng.below(3)];
            if lab.path(rel).exists() {
                log.push(format!("remove {rel}"));
                vec![lab.remove(rel)]
            } else {
                Vec::new()
            }
        }
        13 => {
            let rel = [
                "templates/404.html",
                "templates/tag.html",
                "templates/extra.html",
            ][rng.below(3)];
            let text = match rng.below(4) {
                0 => "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n".to_string(),
                1 if rng.chance(30) => "{% extends \"base.html\" %}{% block main %}<h1>{{ page_title }} {{ nope.x }}</h1>{% endblock main %}\n".to_string(),
                2 => "{% extends \"base.html\" %}{% block main %}<h1>{{ page_title }}</h1>{% endblock main %}\n".to_string(),
                _ => String::new(),
            };
            if text.is_empty() {
                if lab.path(rel).exists() {
                    log.push(format!("remove {rel}"));
                    vec![lab.remove(rel)]
                } else {
                    Vec::new()
                }
            } else {
                log.push(format!("template {rel}: {text:?}"));
                vec![lab.write(rel, &text)]
            }
        }
        14 => {
            let text = match rng.below(3) {
                0 => "title: Basic fixture\nlanguage: en\n",
                1 => "title: Basic fixture\nbase_url: https://example.org/sub/\nlanguage: en\n",
                _ => "title: Other title\nlanguage: en\n",
            };
            log.push(format!("config {text:?}"));
            vec![lab.write("dossier.yaml", text)]
        }
        15 => {
            // A fixture note's place in lists.
            let (rel, from_to): (&str, &[(&str, &str)]) = (
                "content/people/clerk.md",
                &[
                    ("title: The clerk", "title: A clerk"),
                    ("title: A clerk", "title: The clerk"),
                    ("tags: [council]", "tags: [people]"),
                    ("tags: [people]", "tags: [council]"),
                    ("kind: person", "kind: organization"),
                    ("kind: organization", "kind: person"),
                ],
            );
            let text = std::fs::read_to_string(lab.path(rel)).unwrap();
            let (from, to) = rng.pick(from_to);
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("edit {rel}: {from} -> {to}"));
            vec![lab.edit(rel, from, to)]
        }
        16..=18 => {
            // The body only: every note keeps its place in the lists.
            let rel = if exists && rng.chance(70) {
                rel
            } else {
                [
                    "content/people/clerk.md",
                    "content/people/jane-doe.md",
                    "content/claims/unanswered.md",
                ][rng.below(3)]
                .to_string()
            };
            let mut text = std::fs::read_to_string(lab.path(&rel)).unwrap();
            let add = rng.pick(LINKS);
            text.push_str(&format!("\nMore {add}.\n"));
            log.push(format!("append to {rel}: {add}"));
            vec![lab.write(&rel, &text)]
        }
        19 => {
            // The date only.
            let (rel, pairs): (&str, &[(&str, &str)]) = (
                "content/claims/contract-approved.md",
                &[
                    ("date: \"2024-03\"", "date: \"2025-01\""),
                    ("date: \"2025-01\"", "date: \"2024-03\""),
                    ("status: disputed", "status: disputed\ndate: \"2023\""),
                ],
            );
            let text = std::fs::read_to_string(lab.path(rel)).unwrap();
            let (from, to) = rng.pick(pairs);
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("edit {rel}: {from} -> {to}"));
            let _ = text;
            vec![lab.edit(rel, from, to)]
        }
        20 => {
            // A source's text, with the same paragraphs (same lengths).
            let rel = "seeds/report.txt";
            let text = std::fs::read_to_string(lab.path(rel)).unwrap();
            let (from, to) = if text.contains("approved the contract") {
                ("approved the contract", "approved the kontract")
            } else {
                ("approved the kontract", "approved the contract")
            };
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("edit {rel}: {from} -> {to}"));
            vec![lab.edit(rel, from, to)]
        }
        _ => Vec::new(),
    }
}

fn fuzz(seed: u64, steps: usize, drafts: bool) {
    let mut lab = Lab::new("basic");
    lab.set_opts(|o| o.drafts = drafts);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut log = Vec::new();
    let (mut ok, mut failed) = (0, 0);
    for step in 0..steps {
        let mut changed = Vec::new();
        for _ in 0..1 + rng.below(2) {
            changed.extend(random_edit(&mut lab, &mut rng, &mut log));
        }
        if changed.is_empty() {
            continue;
        }
        let name = format!("seed {seed} step {step}");
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lab.check(&name, &changed)));
        match result {
            Ok(s) if s.pages.is_some() => ok += 1,
            Ok(s) => {
                failed += 1;
                if std::env::var_os("FUZZ_SHOW").is_some() {
                    eprintln!("{name}:\n{}", s.diags);
                }
            }
            Err(e) => {
                eprintln!("edits so far:\n{}", log.join("\n"));
                std::panic::resume_unwind(e);
            }
        }
    }
    eprintln!("seed {seed}: {ok} good builds, {failed} failed builds");
}

#[test]
fn fuzzed_edits() {
    let seeds: u64 = std::env::var("FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let steps: usize = std::env::var("FUZZ_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    for seed in 1..=seeds {
        fuzz(seed, steps, seed % 3 == 0);
    }
}

#[test]
fn failures_and_options() {
    let mut lab = Lab::new("basic");
    // A note that is not UTF-8: it takes no file id, so the ids of the later files shift.
    let p = lab.path("content/claims/aaa.md");
    std::fs::write(&p, b"---\ntitle: Bad \xff\nkind: note\n---\n").unwrap();
    lab.check("a note that is not UTF-8", std::slice::from_ref(&p));
    let p = lab.write(
        "content/claims/aaa.md",
        &note("Now fine", "note", "", "Cites [@report, ¶9]."),
    );
    lab.check("the note fixed, with an error in it", &[p]);
    let p = lab.edit("content/claims/aaa.md", "¶9", "¶1");
    lab.check("the error fixed", &[p]);

    // A broken dossier.yaml: the build stops before reading anything.
    let p = lab.write("dossier.yaml", "title: [unclosed\n");
    lab.check("broken config", &[p]);
    let q = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Noted the vote",
    );
    lab.check(
        "an edit while the config is broken",
        std::slice::from_ref(&q),
    );
    let p = lab.write("dossier.yaml", "title: Basic fixture\nlanguage: en\n");
    lab.check("config fixed", &[p]);

    // A template that does not compile.
    let p = lab.write("templates/tag.html", "{% if %}\n");
    lab.check("a template that does not compile", &[p]);
    let q = lab.write(
        "content/people/aaa.md",
        &note("Aaa", "person", "tags: [council]\n", "About [[clerk]]."),
    );
    lab.check("a note added while it does not", &[q]);
    let p = lab.remove("templates/tag.html");
    lab.check("the template removed", &[p]);

    // Drafts published, then not, with the same reuse.
    lab.set_opts(|o| o.drafts = true);
    lab.check("--drafts", &[]);
    let p = lab.edit("content/draft-idea.md", "secret-tag", "council");
    lab.check("a draft retagged, with --drafts", &[p]);
    lab.set_opts(|o| o.drafts = false);
    lab.check("without --drafts", &[]);
    let p = lab.edit("content/draft-idea.md", "draft: true", "draft: false");
    lab.check("the draft published", &[p]);

    // A base URL from the command line.
    lab.set_opts(|o| o.base_url = Some("https://example.net/x/".into()));
    lab.check("--base-url", &[]);
    lab.set_opts(|o| o.base_url = None);
    lab.check("no --base-url", &[]);

    // The watcher's paths, spelled otherwise.
    let p = lab.edit("content/people/clerk.md", "Noted the vote", "Saw the vote");
    let odd = lab.root.join("content/./people//clerk.md");
    assert_ne!(p.as_os_str(), odd.as_os_str());
    lab.check("a path spelled with ./ and //", &[odd]);

    // A symbolic link in place of a note, then the note again.
    let p = lab.path("content/people/aaa.md");
    std::fs::remove_file(&p).unwrap();
    std::os::unix::fs::symlink(lab.path("content/people/clerk.md"), &p).unwrap();
    lab.check(
        "a note replaced by a symbolic link",
        std::slice::from_ref(&p),
    );
    std::fs::remove_file(&p).unwrap();
    lab.check("the link removed", &[p]);
}

#[test]
fn a_reused_template_fails_in_a_file_whose_id_shifted() {
    let mut lab = Lab::new("basic");
    // Compiles, and renders until a tag `boom` exists.
    let p = lab.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}\n<h1>{{ tag.name }}</h1>\n{% if tag.name == \"boom\" %}{{ nope.x }}{% endif %}\n{% endblock main %}\n",
    );
    let s = lab.check("a template that renders", &[p]);
    assert!(s.pages.is_some(), "{}", s.diags);
    // A note added before every other file: every later file id shifts, and the template
    // (the same text, so reused) now fails.
    let p = lab.write(
        "content/aaa.md",
        &note("Aaa", "note", "tags: [boom]\n", "Boom."),
    );
    let s = lab.check("a note whose tag makes it fail", &[p]);
    assert!(s.pages.is_none());
    assert!(
        s.diags.contains("templates/tag.html:3:"),
        "the error points at the template:\n{}",
        s.diags
    );
}

/// A rebuild that takes the watcher's word for the listing does not walk `content/`: the
/// walk's warning about a symbolic link there must not be lost while the link is there.
#[test]
fn a_symbolic_link_keeps_its_warning_on_a_rebuild_told_what_changed() {
    let mut lab = Lab::new("basic");
    let link = lab.path("content/people/link.md");
    std::os::unix::fs::symlink(lab.path("content/people/clerk.md"), &link).unwrap();
    let s = lab.check("a symbolic link", std::slice::from_ref(&link));
    assert!(s.diags.contains("symlink-skipped"), "{}", s.diags);
    let p = lab.edit(
        "content/people/jane-doe.md",
        "The mayor.",
        "The mayor, again.",
    );
    lab.check("an edit elsewhere", &[p]);
}

/// The dossier this repository ships, with random edits to its notes' bodies, titles, dates
/// and tags, and notes added and removed.
#[test]
fn bundled_dossier_edits() {
    let dossier = Dossier::bundled();
    let root = dossier.path().canonicalize().unwrap();
    let notes: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    let mut lab = Lab::at(dossier);
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let steps: usize = std::env::var("FUZZ_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    for step in 0..steps {
        let rel = notes[rng.below(notes.len())].to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(lab.path(&rel)) else {
            continue;
        };
        let what = rng.below(6);
        let new = match what {
            0 => format!("{text}\nAn added sentence {step}.\n"),
            1 => text.replacen("title: ", "title: A ", 1),
            2 => text.replacen("title: A ", "title: ", 1),
            3 => text.replacen("tags: [", "tags: [extra, ", 1),
            4 => text.replacen("date: 20", "date: 19", 1),
            _ => text.replacen("date: 19", "date: 20", 1),
        };
        let p = if step % 7 == 3 {
            lab.write(
                &format!("content/a-new-{}.md", step % 3),
                &note(
                    "A new note",
                    "event",
                    "date: 2022\ntags: [extra]\n",
                    "New [[kremlin]].",
                ),
            )
        } else if step % 11 == 5 {
            let p = lab.path(&format!("content/a-new-{}.md", step % 3));
            if p.exists() {
                std::fs::remove_file(&p).unwrap();
            }
            p
        } else {
            lab.write(&rel, &new)
        };
        // (A title that starts with a quote becomes invalid YAML: a failed build, compared too.)
        lab.check(&format!("bundled step {step} ({what} on {rel})"), &[p]);
    }
}

/// The harness compares with a build through a one-shot engine handing pages to memory;
/// this checks that such a build writes what `pipeline::build` writes.
#[test]
fn a_build_into_memory_is_a_plain_build() {
    let lab = Lab::new("basic");
    let fresh = build_with(&mut Engine::one_shot(), &lab.opts);
    let out = tempfile::TempDir::new().unwrap();
    let site = out.path().join("site");
    let opts = BuildOptions {
        output: Some(site.clone()),
        ..lab.opts.clone()
    };
    let r = dossier::build(&opts).unwrap();
    assert!(r.stats.is_some());
    let pages = fresh.pages.unwrap();
    for (path, bytes) in &pages {
        assert_eq!(&std::fs::read(site.join(path)).unwrap(), bytes, "{path}");
    }
    let written = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(written, pages.len() + fresh.statics.unwrap().len());
}
