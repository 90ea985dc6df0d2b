//! Criterion micro-benchmarks of dossier's hot parts, on a generated corpus
//! (`benches/support/corpus.rs`, the same generator as `examples/gen_corpus.rs`):
//! front matter, the Markdown scan and render with links and citations, quote matching,
//! note-page template rendering, syntax highlighting of the corpus's code blocks per
//! language, and a whole `check` (every stage but writing) of 1,000 notes.
//!
//! `CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench hot [-- FILTER]`

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::ops::Range;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::config::Config;
use dossier::diag::Diagnostics;
use dossier::files::Files;
use dossier::load::{self, Loaded};
use dossier::parse::{self, frontmatter, markdown};
use dossier::pipeline::{self, BuildOptions};
use dossier::render::highlight::highlight;
use dossier::render::templates::Templates;
use dossier::render::view::{self, Shared, TagLink};
use dossier::render::{Urls, markdown as render_md};
use dossier::resolve::{self, Dossier, quote};
use dossier::slug::slugify;
use tera::Context;

/// A generated dossier written to a temporary folder and taken through load, parse and
/// resolve, as the pipeline does.
struct Prepared {
    _dir: tempfile::TempDir,
    files: Files,
    loaded: Loaded,
    dossier: Dossier,
    templates: Templates,
}

fn write_corpus(notes: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let c = corpus::Corpus { notes, seed: 42 };
    corpus::write(dir.path(), &corpus::dossier_files(&c)).expect("the corpus is written");
    dir
}

fn prepare(notes: usize) -> Prepared {
    let dir = write_corpus(notes);
    let root = dir.path();
    let mut files = Files::default();
    let mut diags = Diagnostics::default();
    let config_file = load::read_config(root, &mut files).expect("dossier.yaml");
    let config = Config::parse(&files, config_file, None, &mut diags).expect("a valid config");
    let loaded = load::load(root, &config, &mut files, None, &mut diags).expect("the corpus loads");
    let parsed = parse::parse(&loaded, &files, None, &mut diags);
    let dossier = resolve::resolve(parsed, config, false, &files, None, &mut diags);
    let templates = Templates::new(&loaded.templates, &files, None, &mut diags).expect("templates");
    assert!(!diags.has_errors(), "the generated corpus has errors");
    Prepared {
        _dir: dir,
        files,
        loaded,
        dossier,
        templates,
    }
}

fn front_matter_and_scan(c: &mut Criterion) {
    let p = prepare(300);
    let notes: Vec<_> = p
        .loaded
        .notes
        .iter()
        .map(|nf| {
            let stem = nf
                .rel
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut d = Diagnostics::default();
            let (fm, body) =
                frontmatter::split(nf.file, p.files.get(nf.file), &mut d).expect("front matter");
            (nf.file, stem, fm, body)
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

    let urls = Urls::new(&p.dossier.config.root, &p.dossier.config.base_url);
    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Bytes(body_bytes as u64));
    g.bench_function("markdown_body_html_300_notes", |b| {
        b.iter(|| {
            for n in &p.dossier.notes {
                let text = p.files.get(n.note.file).text();
                black_box(render_md::body_html(&p.dossier, n, text, &urls));
            }
        });
    });

    // Note pages through the theme's note.html, with views built beforehand.
    let site = dossier::render::site_view(&p.dossier, &urls, 0);
    let catalog = view::Catalog::new(&p.dossier, &urls);
    let tag_links: Vec<Vec<Shared<TagLink>>> = p
        .dossier
        .notes
        .iter()
        .map(|n| {
            n.note
                .meta
                .tags
                .iter()
                .map(|t| {
                    Shared::new(TagLink {
                        name: t.clone(),
                        url: urls.tag(&slugify(t)),
                        count: 1,
                    })
                })
                .collect()
        })
        .collect();
    let contexts: Vec<Context> = (0..p.dossier.notes.len())
        .map(|i| {
            let n = &p.dossier.notes[i];
            let m = &n.note.meta;
            let tags = tag_links[i].iter().collect();
            let mut v = view::note_view(&p.dossier, &catalog, i, tags, (&[], &[]), &urls);
            v.body = render_md::body_html(&p.dossier, n, p.files.get(n.note.file).text(), &urls);
            let mut ctx = Context::new();
            ctx.insert("site", &site);
            ctx.insert("page_title", &m.title);
            ctx.insert("page_url", &urls.note(&m.slug));
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
                        .render("note.html", ctx, &p.files)
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
    let opts = BuildOptions {
        root: dir.path().to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
    };
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

criterion_group!(
    benches,
    front_matter_and_scan,
    quotes,
    highlighting,
    whole_check
);
criterion_main!(benches);
