//! Entry points for the fuzz targets (`fuzz/fuzz_targets/`) and the property tests: each
//! takes arbitrary input, runs one part of the pipeline on it, and panics if an invariant
//! that holds for every input fails, which is what a fuzzer reports as a crash.
//!
//! The invariants: nothing panics; every diagnostic that points into a file points at a
//! range of it that exists and falls on character boundaries, and can be shown; what a
//! part reports found (a quote's passage, a key's span) lies inside what it was given; a
//! build either succeeds or says at least one error. Not part of the library's interface.

use std::ops::Range;
use std::path::Path;

use crate::diag::{Diagnostics, Location};
use crate::files::{FileId, Files};

/// Panics unless every span of `diags` is a real range of its file, and they render.
pub fn check_spans(files: &Files, diags: &Diagnostics) {
    for d in diags.iter() {
        if let Location::Span(file, range) = &d.location {
            let text = files.get(*file).text();
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{}: span {range:?} outside a text of {} bytes",
                d.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "{}: span {range:?} splits a character",
                d.code
            );
        }
    }
    let shown = diags.render_human(files);
    assert!(diags.is_empty() || !shown.is_empty());
}

fn one_file(path: &str, text: &str) -> (Files, FileId) {
    let mut files = Files::default();
    let id = files.add(path.into(), text.to_string());
    (files, id)
}

/// A note as `parse` reads it: front matter split, YAML read with spans, keys checked,
/// body scanned.
pub fn note(text: &str) {
    let (files, id) = one_file("content/note.md", text);
    let parsed = crate::parse::note(id, files.get(id), Path::new("note.md"));
    check_spans(&files, &parsed.diags);
    if let Ok(note) = &parsed.note {
        assert!(!note.meta.title.is_empty() || text.contains("title"));
    }
}

/// The body scanner alone: wikilinks, citations, headings, links.
pub fn scan(text: &str) {
    let (files, id) = one_file("content/note.md", text);
    let mut diags = Diagnostics::default();
    let scan = crate::parse::markdown::scan(id, text, 0..text.len(), &mut diags);
    check_spans(&files, &diags);
    for c in &scan.citations {
        assert!(c.span.end <= text.len() && c.span.start <= c.span.end);
    }
    // Links in the order of the text, each at a different place: a page finds each by
    // halving (`Resolution::target_at`).
    assert!(
        scan.links
            .windows(2)
            .all(|w| w[0].span.start < w[1].span.start),
        "links out of order"
    );
}

/// The quote matcher: `data` is a source's text and a quote, split at the first NUL (or a
/// quote of the text's last line); the passages found lie in the range searched, on
/// character boundaries, in order.
pub fn quote(data: &str) {
    let (source, quote) = match data.split_once('\0') {
        Some(pair) => pair,
        None => (data, data.lines().last().unwrap_or("")),
    };
    let whole = 0..source.len();
    // The whole text, and a paragraph-like part of it (its second half, at a character).
    let mid = (source.len() / 2..=source.len())
        .find(|&i| source.is_char_boundary(i))
        .unwrap_or(source.len());
    for range in [whole, mid..source.len()] {
        let found = crate::resolve::quote::find(source, range.clone(), quote);
        let mut last = range.start;
        for f in &found {
            assert!(within(f, &range), "passage {f:?} outside {range:?}");
            assert!(source.is_char_boundary(f.start) && source.is_char_boundary(f.end));
            assert!(f.start >= last, "passages out of order");
            last = f.start;
        }
    }
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.start <= inner.end && inner.end <= outer.end
}

/// The YAML reader with spans: a mapping's keys and values located in the text.
pub fn yaml(text: &str) {
    let (files, id) = one_file("dossier.yaml", text);
    let mut diags = Diagnostics::default();
    let source = files.get(id);
    if let Some(block) =
        crate::yaml::YamlBlock::parse(id, source, 0..text.len(), "a fuzzed block", &mut diags)
    {
        let keys: Vec<String> = block
            .map
            .keys()
            .filter_map(crate::yaml::yaml_scalar)
            .collect();
        for key in &keys {
            for span in [block.key_span(key), block.value_span(key)] {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{key}: {span:?}"
                );
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
            let _ = block.string(key, &mut diags);
            let _ = block.string_list(key, &mut diags);
            let _ = block.language(key, &mut diags);
            let _ = block.web_address(key, &mut diags);
        }
    }
    check_spans(&files, &diags);
}

/// The interface's translation tables: a table read, checked against the built-in English
/// one, and its strings asked for.
pub fn interface(text: &str) {
    let mut files = Files::default();
    let mut tables = crate::i18n::built_in_tables(&mut files);
    tables.push(crate::i18n::TableFile {
        lang: "ru".into(),
        file: files.add("i18n/ru.yaml".into(), text.to_string()),
        built_in: false,
    });
    let mut diags = Diagnostics::default();
    let words = crate::i18n::Interface::new(
        "ru",
        Some("en"),
        &Location::Path("dossier.yaml".into()),
        &tables,
        &files,
        &|_| false,
        &mut diags,
    );
    check_spans(&files, &diags);
    let _ = words.fmt("count.claims", &[("n", &5)]);
    let _ = words.text("nav.map");
}

/// A whole build of a small dossier made from `data`: up to five parts separated by lines
/// `=====` (two notes, a source's text, its sidecar, and lines added to `dossier.yaml`),
/// written into a fresh folder under `dir`. The build either succeeds or reports an error;
/// every span it reports is real.
pub fn pipeline(dir: &Path, data: &str) {
    let mut parts = data.split("\n=====\n");
    let (a, b, text, sidecar, config) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let write = |rel: &str, body: &str| {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("a fuzzing folder");
        }
        std::fs::write(p, body).expect("a fuzzing file");
    };
    write("dossier.yaml", &format!("title: Fuzzed\n{config}"));
    write("content/a.md", a);
    write("content/people/b.md", b);
    write("seeds/s.txt", text);
    write("seeds/s.yaml", sidecar);
    let opts = crate::pipeline::BuildOptions {
        root: dir.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
    };
    let Ok(result) = crate::pipeline::build(&opts) else {
        // An operational failure (the folder went away): not the input's doing.
        return;
    };
    check_build(&result);
}

/// A build's invariants: it succeeded or says at least one error, and every span it
/// reports is real.
pub fn check_build(result: &crate::pipeline::BuildResult) {
    check_spans(&result.files, &result.diagnostics);
    assert!(
        result.stats.is_some() || result.diagnostics.has_errors(),
        "a failed build must say an error"
    );
}

/// A diagnostic whose span runs past its file, through [`check_spans`]: for the test that
/// shows the check fails when it must.
pub fn check_bad_span_for_test() {
    let (files, id) = one_file("x.md", "short");
    let mut diags = Diagnostics::default();
    diags.push(crate::diag::Diagnostic::error(
        "test",
        "a span past the end",
        Location::Span(id, 3..99),
    ));
    check_spans(&files, &diags);
}
