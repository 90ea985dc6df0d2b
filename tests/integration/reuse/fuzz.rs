//! Random edits from fixed seeds, to the basic fixture and to the bundled dossier. The
//! basic fixture's edits break it now and then (and mend it): the test counts the steps that
//! built and the pages the rebuilds made, and fails when too few built or too many pages
//! were made. The bundled dossier's edits keep it good; a sentence added to a note makes
//! only that note's page.

use std::path::PathBuf;

use crate::support::{Dossier, note};

use super::Lab;

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
const KINDS: &[&str] = &[
    "note",
    "person",
    "organization",
    "event",
    "claim",
    "unnamed",
];
const STATUSES: &[&str] = &["reported", "disputed", "denied"];
const VIA: &[&str] = &["jane-doe", "clerk", "Mayor Doe"];
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
        extra.push_str(&format!(
            "claimant: clerk\nstatus: {}\n",
            rng.pick(STATUSES)
        ));
        if rng.chance(25) {
            extra.push_str(&format!("via: [{}]\n", rng.pick(VIA)));
        }
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

/// Whether the harsher edits are on (`FUZZ_EXTRA=1`).
fn extra() -> bool {
    std::env::var_os("FUZZ_EXTRA").is_some()
}

/// One random edit; returns what changed, as a watcher would report it.
fn random_edit(lab: &mut Lab, rng: &mut Rng, log: &mut Vec<String>) -> Vec<PathBuf> {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let dirs = ["content/fz", "content/zz", "content/aa"];
    let dir = rng.pick(&dirs);
    let rel = format!("{dir}/{}-{}.md", &dir[8..], rng.pick(&names));
    let exists = lab.path(&rel).exists();
    // `FUZZ_EXTRA=1` adds harsher edits (from a review of the engine): notes and sources
    // that stop being UTF-8 or YAML, drafts toggled, a missing theme, colliding slugs...
    let op = if extra() {
        rng.below(36)
    } else {
        rng.below(21)
    };
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
            let Ok(text) = std::fs::read_to_string(lab.path(&rel)) else {
                return Vec::new();
            };
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
            let Ok(text) = std::fs::read_to_string(lab.path(rel)) else {
                return Vec::new();
            };
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
            let Ok(mut text) = std::fs::read_to_string(lab.path(&rel)) else {
                return Vec::new();
            };
            let add = rng.pick(LINKS);
            text.push_str(&format!("\nMore {add}.\n"));
            log.push(format!("append to {rel}: {add}"));
            vec![lab.write(&rel, &text)]
        }
        19 => {
            // The date only (or a label in its place, which sorts as undated). Each edit
            // can be undone by another, so that a seed does not stay broken.
            let (rel, pairs): (&str, &[(&str, &str)]) = (
                "content/claims/contract-approved.md",
                &[
                    ("date: \"2024-03\"", "date: \"2025-01\""),
                    ("date: \"2025-01\"", "date: \"2024-03\""),
                    ("date: \"2024-03\"", "date_label: early 2024"),
                    ("date_label: early 2024", "date: \"2024-03\""),
                ],
            );
            let Ok(text) = std::fs::read_to_string(lab.path(rel)) else {
                return Vec::new();
            };
            let (from, to) = rng.pick(pairs);
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("edit {rel}: {from} -> {to}"));
            let _ = text;
            vec![lab.edit(rel, from, to)]
        }
        20 => {
            // A source's text, with the same paragraphs (same lengths): now and then the
            // words notes quote (every build fails until this edit puts them back, which
            // it does first), else words nobody quotes.
            let rel = "seeds/report.txt";
            let Ok(text) = std::fs::read_to_string(lab.path(rel)) else {
                return Vec::new();
            };
            let (from, to) = if text.contains("approved the kontract") {
                ("approved the kontract", "approved the contract")
            } else if rng.chance(30) {
                ("approved the contract", "approved the kontract")
            } else if text.contains("the clerk said") {
                ("the clerk said", "the clerk says")
            } else {
                ("the clerk says", "the clerk said")
            };
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("edit {rel}: {from} -> {to}"));
            vec![lab.edit(rel, from, to)]
        }

        21 => {
            // Non-UTF-8 or bad YAML or restore a fixture note.
            let rels = [
                "content/people/jane-doe.md",
                "content/people/clerk.md",
                "content/claims/contract-approved.md",
                "content/responses/routine.md",
                "content/draft-idea.md",
            ];
            let rel = rng.pick(&rels);
            let orig = std::fs::read_to_string(
                super::super::support::fixtures()
                    .join("basic")
                    .join(&rel["".len()..]),
            )
            .unwrap();
            let p = lab.path(rel);
            match rng.below(4) {
                0 => {
                    std::fs::write(&p, b"---\ntitle: X \xff\n---\n").unwrap();
                    super::settle(&p);
                    log.push(format!("non-utf8 {rel}"));
                }
                1 => {
                    std::fs::write(&p, "---\ntitle: [unclosed\nkind: person\n---\nx\n").unwrap();
                    super::settle(&p);
                    log.push(format!("bad yaml {rel}"));
                }
                2 => {
                    if p.exists() {
                        std::fs::remove_file(&p).unwrap();
                        log.push(format!("rm {rel}"));
                    }
                }
                _ => {
                    std::fs::write(&p, &orig).unwrap();
                    super::settle(&p);
                    log.push(format!("restore {rel}"));
                }
            }
            vec![p]
        }
        22 => {
            let d = !lab.opts.drafts;
            lab.set_opts(|o| o.drafts = d);
            log.push(format!("drafts {d}"));
            vec![lab.path("content")]
        }
        23 => {
            // aliases, ambiguity, relative links, denials
            let bodies = [
                "---\ntitle: Jane Doe\nkind: person\naliases: [Doe]\n---\n\nAnother Jane.\n",
                "---\ntitle: Resp\nkind: denial\nby: clerk\ndenies: [contract-approved]\nstance: denies\n---\n\nNo [see](../claims/unanswered.md).\n",
                "---\ntitle: Resp2\nkind: denial\nby: Doe\ndenies: [unanswered]\nstance: disputes\ndate: 2024-01-01\n---\n\n[[Mayor Doe]] and [[The clerk#nothing]].\n",
                "---\ntitle: Ev\nkind: event\nslug: ev\ndate: 2024\n---\n\n## Nothing\n\n[[ev#nothing]] [[fz-a]].\n",
                "---\ntitle: Resp3\nkind: denial\nby: Doe\ndenies: [contract-approved, unanswered]\nvia: [Gamma, clerk]\nstance: denies\n---\n\nNo.\n",
                "---\ntitle: Gamma\nkind: unnamed\n---\n\nAn unnamed source.\n",
            ];
            let t = rng.pick(&bodies);
            log.push(format!("write {rel}:\n{t}"));
            vec![lab.write(&rel, t)]
        }
        24 => {
            // Same-length edits in a fixture note's body.
            let rel = "content/people/jane-doe.md";
            let text = std::fs::read_to_string(lab.path(rel)).unwrap_or_default();
            let (from, to) = if text.contains("Nothing more") {
                ("Nothing more", "Nothing mor\u{e9}")
            } else {
                ("Nothing mor\u{e9}", "Nothing more")
            };
            if !text.contains(from) {
                return Vec::new();
            }
            log.push(format!("same-length {rel}"));
            vec![lab.edit(rel, from, to)]
        }
        25 => {
            let rel = "seeds/report.txt";
            let p = lab.path(rel);
            match rng.below(3) {
                0 => {
                    std::fs::write(&p, b"Council \xff\n").unwrap();
                    super::settle(&p);
                    log.push("report non-utf8".into());
                }
                1 => {
                    if p.exists() {
                        std::fs::remove_file(&p).unwrap();
                        log.push("rm report".into());
                    }
                }
                _ => {
                    let orig = std::fs::read(
                        super::super::support::fixtures().join("basic/seeds/report.txt"),
                    )
                    .unwrap();
                    std::fs::write(&p, orig).unwrap();
                    super::settle(&p);
                    log.push("restore report".into());
                }
            }
            vec![p]
        }
        26 => {
            let rel = "seeds/report.yaml";
            let p = lab.path(rel);
            match rng.below(3) {
                0 => {
                    std::fs::write(&p, "id: [x\n").unwrap();
                    super::settle(&p);
                    log.push("report.yaml bad".into());
                }
                1 => {
                    std::fs::write(&p, "id: other\ntitle: T\n").unwrap();
                    super::settle(&p);
                    log.push("report.yaml id other".into());
                }
                _ => {
                    let orig = std::fs::read(
                        super::super::support::fixtures().join("basic/seeds/report.yaml"),
                    )
                    .unwrap();
                    std::fs::write(&p, orig).unwrap();
                    super::settle(&p);
                    log.push("restore report.yaml".into());
                }
            }
            vec![p]
        }
        27 => {
            let text = match rng.below(3) {
                0 => "title: Basic fixture\nlanguage: en\ntheme: nope\n",
                1 => "title: [bad\n",
                _ => "title: Basic fixture\nlanguage: en\n",
            };
            log.push(format!("config {text:?}"));
            vec![lab.write("dossier.yaml", text)]
        }
        28 => {
            // A note tagged and titled to tie with others
            let t = note(
                rng.pick(TITLES),
                rng.pick(KINDS),
                &format!(
                    "tags: [{}]\nslug: {}\n",
                    rng.pick(TAGS),
                    rng.pick(&["same-a", "same-b", "alpha", "beta"])
                ),
                "x",
            );
            log.push(format!("write {rel}:\n{t}"));
            vec![lab.write(&rel, &t)]
        }

        29..=35 => {
            // Mend: the fixture's files and config as they were.
            let base = super::super::support::fixtures().join("basic");
            let mut out = Vec::new();
            for rel in [
                "content/people/jane-doe.md",
                "content/people/clerk.md",
                "content/claims/contract-approved.md",
                "content/claims/unanswered.md",
                "content/responses/routine.md",
                "content/draft-idea.md",
                "seeds/report.txt",
                "seeds/report.yaml",
                "dossier.yaml",
            ] {
                let orig = std::fs::read(base.join(rel)).unwrap();
                let p = lab.path(rel);
                if std::fs::read(&p).ok().as_deref() != Some(&orig[..]) {
                    std::fs::write(&p, &orig).unwrap();
                    super::settle(&p);
                    out.push(p);
                }
            }
            // and one random file of ours removed
            if lab.path(&rel).exists() && rng.chance(50) {
                out.push(lab.remove(&rel));
            }
            log.push("mend".into());
            out
        }
        _ => Vec::new(),
    }
}

/// What the steps of random edits did.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Steps that built, and steps that failed.
    good: usize,
    failed: usize,
    /// Over the steps that built: the pages of the site, and the pages the rebuild made.
    pages: usize,
    made: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.good += o.good;
        self.failed += o.failed;
        self.pages += o.pages;
        self.made += o.made;
    }
}

/// Runs `steps` random edits from `seed`.
fn fuzz(seed: u64, steps: usize, drafts: bool) -> Tally {
    let mut lab = Lab::new("basic");
    lab.set_opts(|o| o.drafts = drafts);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut log = Vec::new();
    let mut tally = Tally::default();
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
            Ok(s) if s.good() => {
                tally.good += 1;
                tally.pages += s.pages.as_ref().map_or(0, |p| p.len());
                tally.made += lab.made.unwrap_or(0);
            }
            Ok(s) => {
                tally.failed += 1;
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
    eprintln!(
        "seed {seed}: {} good builds, {} failed builds; {} of {} pages made",
        tally.good, tally.failed, tally.made, tally.pages
    );
    tally
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
    let mut all = Tally::default();
    for seed in 1..=seeds {
        all += fuzz(seed, steps, seed % 3 == 0);
    }
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let good = percent(all.good, all.good + all.failed);
    let made = percent(all.made, all.pages);
    let summary = format!(
        "all seeds: {} good builds, {} failed builds ({good:.1} % good); the rebuilds made {} \
         of their {} pages ({made:.1} %)",
        all.good, all.failed, all.made, all.pages
    );
    eprintln!("{summary}");
    // Random edits break the dossier now and then, and keep it broken until another edit
    // mends it; a run that is mostly failed builds compares little but diagnostics. With
    // the default 20 seeds of 40 steps, 59.8 % of the steps built (54.1 % over 100 seeds);
    // 49.3 % once claims took random statuses and `via` (a `via` that names no source is
    // an error, and every later pick of the seeds moved).
    // The harsher edits leave fewer good builds: the bounds are the ordinary run's.
    if extra() {
        return;
    }
    assert!(
        good >= 40.0,
        "fewer than 40 % of the steps built (49.3 % at the last count):\n{summary}"
    );
    // Most random edits change what every page shows (a title, a kind, a note added or
    // removed changes the counts in every page's navigation), yet a rebuild that made every
    // page would be no rebuild at all: 62.5 % when this bound was set.
    assert!(
        made <= 80.0,
        "the rebuilds made more than 80 % of their pages (62.5 % when this bound was set):\n{summary}"
    );
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
        // A title's first word, inside its quotes when it has them (a quoted title with an
        // `A ` before its quote would be YAML no more, and stay so until the same note is
        // picked to take it away).
        let (plain, prefixed) = match text.split_once("title: ").and_then(|t| t.1.chars().next()) {
            Some(q @ ('"' | '\'')) => (format!("title: {q}"), format!("title: {q}A ")),
            _ => ("title: ".to_string(), "title: A ".to_string()),
        };
        let what = rng.below(6);
        let new = match what {
            0 => format!("{text}\nAn added sentence {step}.\n"),
            1 => text.replacen(&plain, &prefixed, 1),
            2 => text.replacen(&prefixed, &plain, 1),
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
        // Every edit keeps the dossier good (titles keep their quotes).
        lab.good(&format!("bundled step {step} ({what} on {rel})"), &[p]);
        if what == 0 && step % 7 != 3 && step % 11 != 5 {
            // A sentence added at the end of a note's body changes its page alone (none
            // if it is a draft), and the rebuild makes that page alone.
            let changed: Vec<String> = lab.last.changed.iter().cloned().collect();
            assert!(
                changed.len() <= 1,
                "{}: a sentence changed {changed:?}",
                lab.last.step
            );
            lab.makes(&changed.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}
