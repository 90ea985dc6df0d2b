//! The inner parts the benchmarks (`benches/hot.rs`) and the floor examples measure, one at
//! a time. Not an API: it exists so that everything else of the crate can stay
//! `pub(crate)`. Each function runs one stage's part on many inputs and gives a number
//! that depends on the work, so that the optimiser cannot drop it.

use std::ops::Range;
use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::engine::Engine;
use crate::files::{FileId, Files};
use crate::id::NoteId;
use crate::parse::{frontmatter, markdown};
use crate::render::templates::{TemplateFile, Templates};
use crate::render::{Catalog, view};

pub use crate::parse::Kind;

/// The Markdown options dossier parses notes with.
pub fn markdown_options() -> pulldown_cmark::Options {
    markdown::options()
}

/// Fenced code highlighted into classes, as note pages show it.
pub fn highlight(code: &str, lang: &str) -> String {
    crate::render::highlight::highlight(code, lang)
}

/// The Latin key of a folded word, as the search index and script make it (`путин` →
/// `putin`): for `examples/search_bytes`, which chooses what a query fetches as the script
/// does.
pub fn search_key(folded: &str) -> Option<String> {
    crate::words::ascii_key(folded)
}

/// Text escaped for HTML, as pages escape it.
pub fn escape(text: &str) -> String {
    crate::render::escape(text)
}

/// Where a quote stands in `range` of a source's text: how many passages match.
pub fn quote_find(source: &str, range: Range<usize>, quote: &str) -> usize {
    crate::resolve::quote::find(source, range, quote).len()
}

/// Notes' texts, with each one's front matter and body found, for the parse benchmarks.
#[derive(Debug)]
pub struct Notes {
    files: Files,
    notes: Vec<(FileId, String, Range<usize>, Range<usize>)>,
}

impl Notes {
    /// Notes as `(path, text)`; those without front matter are left out.
    pub fn new(texts: Vec<(PathBuf, String)>) -> Notes {
        let mut files = Files::default();
        let mut notes = Vec::new();
        for (path, text) in texts {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file = files.add(path, text);
            let mut d = Diagnostics::default();
            if let Some((fm, body)) = frontmatter::split(file, files.get(file), &mut d) {
                notes.push((file, stem, fm, body));
            }
        }
        Notes { files, notes }
    }

    pub fn front_matter_bytes(&self) -> usize {
        self.notes.iter().map(|n| n.2.len()).sum()
    }

    pub fn body_bytes(&self) -> usize {
        self.notes.iter().map(|n| n.3.len()).sum()
    }

    /// Every note's front matter split off and read; gives how many were read.
    pub fn read_front_matter(&self) -> usize {
        let mut d = Diagnostics::default();
        self.notes
            .iter()
            .filter(|(file, stem, _, _)| {
                let text = self.files.get(*file);
                frontmatter::split(*file, text, &mut d)
                    .and_then(|(fm, _)| frontmatter::read_meta(*file, text, fm, stem, &mut d))
                    .is_some()
            })
            .count()
    }

    /// Every note's body scanned for links, citations, headings and quotes; gives how many
    /// links it found.
    pub fn scan_bodies(&self) -> usize {
        let mut d = Diagnostics::default();
        self.notes
            .iter()
            .map(|(file, _, _, body)| {
                let text = self.files.get(*file).text();
                markdown::scan(*file, text, body.clone(), &mut d)
                    .links
                    .len()
            })
            .sum()
    }
}

/// The published notes of an engine's last build, for the render benchmarks.
pub struct Pages<'e> {
    engine: &'e Engine,
    notes: Vec<NoteId>,
    theme: Files,
    templates: Templates,
}

impl std::fmt::Debug for Pages<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pages({} notes)", self.notes.len())
    }
}

impl<'e> Pages<'e> {
    /// The engine's published notes, and the default theme compiled.
    pub fn of(engine: &'e Engine) -> Pages<'e> {
        let notes = engine.catalog().notes().to_vec();
        let mut theme = Files::default();
        let list: Vec<TemplateFile> = crate::theme::TEMPLATES
            .iter()
            .map(|(name, text)| TemplateFile {
                name: (*name).to_string(),
                file: theme.add((*name).into(), (*text).to_string()),
            })
            .collect();
        let mut diags = Diagnostics::default();
        let templates = Templates::new(&list, &theme, &engine.interface(), &mut diags)
            .expect("the default theme compiles");
        Pages {
            engine,
            notes,
            theme,
            templates,
        }
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// Every note's body made into HTML; gives the bytes made.
    pub fn bodies(&self) -> usize {
        let cat = self.engine.catalog();
        self.notes
            .iter()
            .map(|&id| crate::render::markdown::body_html(&cat, id).len())
            .sum()
    }

    /// Every note page's template context, views and bodies made.
    pub fn contexts(&self) -> Vec<tera::Context> {
        let cat = self.engine.catalog();
        self.notes
            .iter()
            .map(|&id| {
                let mut v = view::note_view(&cat, id);
                v.body = crate::render::markdown::body_html(&cat, id);
                let mut ctx = tera::Context::new();
                ctx.insert("site", cat.site());
                ctx.insert("page_title", &v.link.title);
                ctx.insert("page_url", &v.link.url);
                ctx.insert("note", &v);
                ctx
            })
            .collect()
    }

    /// Note pages rendered from their contexts through the theme's `note.html`; gives the
    /// bytes rendered.
    pub fn render(&self, contexts: &[tera::Context]) -> usize {
        contexts
            .iter()
            .map(|ctx| {
                self.templates
                    .render("note.html", ctx, &self.theme)
                    .map_or(0, |b| b.len())
            })
            .sum()
    }
}
