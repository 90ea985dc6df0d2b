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
use dossier::diag::Diagnostics;
use dossier::engine::Engine;
use dossier::files::{FileId, Files};
use dossier::parse::{frontmatter, markdown};
use dossier::pipeline::{self, BuildOptions};
use dossier::render::highlight::highlight;
use dossier::render::templates::{TemplateFile, Templates};
use dossier::render::{Bytes, Catalog, Sink, markdown as render_md, view};
use dossier::resolve::quote;
use tera::Context;

/// Pages handed over and let go.
struct Nowhere;

impl Sink for Nowhere {
    fn put(&self, _: &str, _: Bytes) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A generated dossier written to a temporary folder, built once by an engine that keeps
/// its results; its notes' texts; and the default theme, compiled.
struct Prepared {
    dir: tempfile::TempDir,
    engine: Engine,
    /// Each note's text in a table of its own, for the parse benchmarks.
    files: Files,
    notes: Vec<(FileId, String)>,
    templates: Templates,
    theme: Files,
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

fn prepare(notes: usize) -> Prepared {
    let dir = write_corpus(notes);
    let mut engine = Engine::keeping();
    let r = pipeline::rebuild(&mut engine, &options(dir.path()), &Nowhere).expect("it builds");
    assert!(r.stats.is_some(), "the generated corpus has errors");
    let mut files = Files::default();
    let mut notes = Vec::new();
    for e in walkdir::WalkDir::new(dir.path().join("content")).sort_by_file_name() {
        let e = e.expect("a walk of the corpus");
        if e.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(e.path()).expect("a note");
            let stem = e
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned());
            notes.push((
                files.add(e.path().to_path_buf(), text),
                stem.unwrap_or_default(),
            ));
        }
    }
    let mut theme = Files::default();
    let list: Vec<TemplateFile> = dossier::theme::TEMPLATES
        .iter()
        .map(|(name, text)| TemplateFile {
            name: (*name).to_string(),
            file: theme.add((*name).into(), (*text).to_string()),
        })
        .collect();
    let mut diags = Diagnostics::default();
    let templates = Templates::new(&list, &theme, &mut diags).expect("the theme compiles");
    Prepared {
        dir,
        engine,
        files,
        notes,
        templates,
        theme,
    }
}

fn front_matter_and_scan(c: &mut Criterion) {
    let p = prepare(300);
    let notes: Vec<_> = p
        .notes
        .iter()
        .map(|(file, stem)| {
            let mut d = Diagnostics::default();
            let (fm, body) =
                frontmatter::split(*file, p.files.get(*file), &mut d).expect("front matter");
            (*file, stem, fm, body)
        })
        .collect();
    let fm_bytes: usize = notes.iter().map(|n| n.2.len()).sum();
    let body_bytes: usize = notes.iter().map(|n| n.3.len()).sum();

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(fm_bytes as u64));
    g.bench_function("front_matter_300_notes", |b| {
        b.iter(|| {
            let mut d = Diagnostics::default();
            for (file, stem, _, _) in &notes {
                let source = p.files.get(*file);
                let (fm, _) = frontmatter::split(*file, source, &mut d).expect("front matter");
                black_box(frontmatter::read_meta(*file, source, fm, stem, &mut d));
            }
        });
    });
    g.throughput(Throughput::Bytes(body_bytes as u64));
    g.bench_function("markdown_scan_300_notes", |b| {
        b.iter(|| {
            let mut d = Diagnostics::default();
            for (file, _, _, body) in &notes {
                let text = p.files.get(*file).text();
                black_box(markdown::scan(*file, text, body.clone(), &mut d));
            }
        });
    });
    g.finish();

    let cat = p.engine.catalog();
    let ids = cat.notes().to_vec();
    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Bytes(body_bytes as u64));
    g.bench_function("markdown_body_html_300_notes", |b| {
        b.iter(|| {
            for &id in &ids {
                black_box(render_md::body_html(&cat, id));
            }
        });
    });

    // Note pages through the theme's note.html, with views built beforehand.
    let contexts: Vec<Context> = ids
        .iter()
        .map(|&id| {
            let mut v = view::note_view(&cat, id);
            v.body = render_md::body_html(&cat, id);
            let mut ctx = Context::new();
            ctx.insert("site", cat.site());
            ctx.insert("page_title", &v.link.title);
            ctx.insert("page_url", &v.link.url);
            ctx.insert("note", &v);
            ctx
        })
        .collect();
    g.throughput(Throughput::Elements(contexts.len() as u64));
    g.bench_function("template_note_page_300_notes", |b| {
        b.iter(|| {
            for ctx in &contexts {
                black_box(
                    p.templates
                        .render("note.html", ctx, &p.theme)
                        .expect("the page renders"),
                );
            }
        });
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
            b.iter(|| black_box(quote::find(text, mid.clone(), black_box(&hit))));
        });
        g.bench_function(format!("{name}/miss_in_whole_source"), |b| {
            b.iter(|| black_box(quote::find(text, 0..text.len(), black_box(&miss))));
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
            b.iter(|| black_box(highlight(black_box(code), lang)));
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
            let r = pipeline::build(&opts).expect("the build runs");
            assert!(r.stats.is_some(), "the generated corpus has errors");
            black_box(r)
        });
    });
    g.finish();
}

/// What `serve` does after a save: a rebuild by the engine that kept the last build, told
/// which note changed; the note's body gains a line, then loses it again.
fn rebuild_after_an_edit(c: &mut Criterion) {
    let mut p = prepare(1000);
    let opts = options(p.dir.path());
    let note = walkdir::WalkDir::new(p.dir.path().join("content/notes"))
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
            p.engine.changed([note.clone()]);
            let r = pipeline::rebuild(&mut p.engine, &opts, &Nowhere).expect("it builds");
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
