//! Criterion micro-benchmarks of dossier's hot parts, on a generated corpus
//! (`benches/support/corpus.rs`, the same generator as `examples/gen_corpus.rs`):
//! front matter, the Markdown scan and render with links and citations, quote matching,
//! note-page template rendering, syntax highlighting of the corpus's code blocks per
//! language, a whole `check` (every stage but writing) of 1,000 notes, and the rebuild
//! `serve` makes after a one-note edit.
//!
//! `CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench hot [-- FILTER]`

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::ops::Range;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::bench::{self, Notes, Pages};
use dossier::{BuildOptions, Bytes, Engine, Sink};

/// Pages handed over and let go.
struct Nowhere;

impl Sink for Nowhere {
    fn put(&self, _: &str, _: Bytes) -> anyhow::Result<()> {
        Ok(())
    }
}

fn write_corpus(notes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let c = corpus::Corpus { notes, seed: 42 };
    corpus::write(dir.path(), &corpus::dossier_files(&c)).expect("the corpus is written");
    dir
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
    }
}

/// A generated dossier, built once by an engine that keeps its results.
fn built(notes: usize) -> (tempfile::TempDir, Engine) {
    let dir = write_corpus(notes);
    let mut engine = Engine::keeping();
    let r = dossier::rebuild(&mut engine, &options(dir.path()), &Nowhere).expect("it builds");
    assert!(r.stats.is_some(), "the generated corpus has errors");
    (dir, engine)
}

/// The notes of a dossier folder, as `(path, text)`.
fn note_texts(root: &Path) -> Vec<(std::path::PathBuf, String)> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("a note");
            (e.into_path(), text)
        })
        .collect()
}

fn front_matter_and_scan(c: &mut Criterion) {
    let (dir, engine) = built(300);
    let notes = Notes::new(note_texts(dir.path()));
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(notes.front_matter_bytes() as u64));
    g.bench_function("front_matter_300_notes", |b| {
        b.iter(|| black_box(notes.read_front_matter()));
    });
    g.throughput(Throughput::Bytes(notes.body_bytes() as u64));
    g.bench_function("markdown_scan_300_notes", |b| {
        b.iter(|| black_box(notes.scan_bodies()));
    });
    g.finish();

    let pages = Pages::of(&engine);
    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Bytes(notes.body_bytes() as u64));
    g.bench_function("markdown_body_html_300_notes", |b| {
        b.iter(|| black_box(pages.bodies()));
    });
    // Each note page's view (its body's HTML included) made into Tera's context values.
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("note_page_contexts_300_notes", |b| {
        b.iter(|| black_box(pages.contexts()));
    });
    // Note pages through the theme's note.html, with views built beforehand.
    let contexts = pages.contexts();
    g.throughput(Throughput::Elements(contexts.len() as u64));
    g.bench_function("template_note_page_300_notes", |b| {
        b.iter(|| black_box(pages.render(&contexts)));
    });
    g.finish();
}

/// The byte ranges of a `.txt` source's paragraphs (its non-empty lines).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if !t.is_empty() {
            out.push(pos..pos + t.len());
        }
        pos += line.len();
    }
    out
}

fn quotes(c: &mut Criterion) {
    // One English and one Russian source of the generator, and the bundled dossier's
    // archived article, each with a quote from its middle paragraph.
    let mut cases: Vec<(String, String)> = (0..2)
        .map(|s| {
            let text: String = (1..=corpus::PARAS_PER_SOURCE)
                .map(|p| corpus::source_paragraph(42, s, p) + "\n")
                .collect();
            (format!("generated_{}", ["en", "ru"][s]), text)
        })
        .collect();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/meduza-wsj-musk-putin.txt");
    if let Ok(text) = std::fs::read_to_string(bundled) {
        cases.push(("bundled_article".into(), text));
    }
    let mut g = c.benchmark_group("quote");
    for (name, text) in &cases {
        let paras = paragraphs(text);
        let mid = paras[paras.len() / 2].clone();
        let words: Vec<&str> = text[mid.clone()].split(' ').collect();
        let hit = words[words.len() / 3..words.len() / 3 + 5].join(" ");
        let miss = format!("{hit}ъ");
        g.bench_function(format!("{name}/hit_in_paragraph"), |b| {
            b.iter(|| black_box(bench::quote_find(text, mid.clone(), black_box(&hit))));
        });
        g.bench_function(format!("{name}/miss_in_whole_source"), |b| {
            b.iter(|| black_box(bench::quote_find(text, 0..text.len(), black_box(&miss))));
        });
    }
    g.finish();
}

/// The corpus's fenced block (two lines) in each of its languages, with syntect's regexes
/// for that language already compiled (the first block of a language in a process also
/// compiles them: 4 to 40 ms, not measured here).
fn highlighting(c: &mut Criterion) {
    let code = "{\"account\": \"4711\", \"amount\": 52210, \"currency\": \"EUR\"}\nlet total = amount * 7;\n";
    let mut g = c.benchmark_group("highlight");
    for lang in ["json", "python", "rust", "yaml", "sh"] {
        g.bench_function(format!("{lang}_two_lines"), |b| {
            b.iter(|| black_box(bench::highlight(black_box(code), lang)));
        });
    }
    g.finish();
}

fn whole_check(c: &mut Criterion) {
    let dir = write_corpus(1000);
    let opts = options(dir.path());
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1000));
    g.bench_function("check_1000_notes_in_memory", |b| {
        b.iter(|| {
            let r = dossier::build(&opts).expect("the build runs");
            assert!(r.stats.is_some(), "the generated corpus has errors");
            black_box(r)
        });
    });
    g.finish();
}

/// What `serve` does after a save: a rebuild by the engine that kept the last build, told
/// which note changed; the note's body gains a line, then loses it again.
fn rebuild_after_an_edit(c: &mut Criterion) {
    let (dir, mut engine) = built(1000);
    let opts = options(dir.path());
    let note = walkdir::WalkDir::new(dir.path().join("content/notes"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a note")
        .into_path();
    let text = std::fs::read_to_string(&note).expect("the note");
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(30);
    let mut round = 0u64;
    g.bench_function("rebuild_after_a_body_edit_1000_notes", |b| {
        b.iter(|| {
            round += 1;
            let edited = if round.is_multiple_of(2) {
                text.clone()
            } else {
                format!("{text}\nOne more line.\n")
            };
            std::fs::write(&note, edited).expect("the edit");
            engine.changed([note.clone()]);
            let r = dossier::rebuild(&mut engine, &opts, &Nowhere).expect("it builds");
            assert_eq!(r.stats.map(|s| s.work.pages_made), Some(1));
            black_box(r)
        });
    });
    g.finish();
}

criterion_group!(
    benches,
    front_matter_and_scan,
    quotes,
    highlighting,
    whole_check,
    rebuild_after_an_edit
);
criterion_main!(benches);
