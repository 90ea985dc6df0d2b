//! In-memory dossiers for the resolver's unit tests: a few notes and sources written in the
//! test, parsed as a build parses them, and a [`World`] over them.
//!
//! Input: texts, given to a chainable [`Notes`] builder. Output: a [`Dossier`] that answers
//! as the engine would (the same [`NoteIndex`], notes numbered in path order) but records
//! nothing and never touches the disk. Compiled for tests only.

use std::path::{Path, PathBuf};

use super::{Facts, Lookup, NoteIndex, Resolution, World};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::{FileId, Files};
use crate::id::{Id as _, NoteId, SourceId};
use crate::parse::source_doc::{SourceDoc, SourceFormat};
use crate::parse::{Note, ParsedNote, ParsedSource, Source, Unreadable};

/// The texts of a dossier, as a test writes them.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    /// Each note's path under `content/` and its whole text.
    notes: Vec<(PathBuf, String)>,
    /// Each source's file name (without `.txt`), text and sidecar.
    sources: Vec<(String, String, Option<String>)>,
    drafts: bool,
}

impl Notes {
    /// A note at `rel` (under `content/`) with this front matter (the lines between the
    /// `---`) and body.
    pub(crate) fn note(self, rel: &str, front_matter: &str, body: &str) -> Notes {
        let newline = if front_matter.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        self.raw(rel, &format!("---\n{front_matter}{newline}---\n\n{body}\n"))
    }

    /// A note at `rel` with exactly this text: for notes that cannot be read.
    pub(crate) fn raw(mut self, rel: &str, text: &str) -> Notes {
        self.notes.push((rel.into(), text.into()));
        self
    }

    /// An archived source `seeds/{stem}.txt` (one paragraph a line), with its sidecar's YAML.
    pub(crate) fn source(mut self, stem: &str, text: &str, sidecar: Option<&str>) -> Notes {
        self.sources
            .push((stem.into(), text.into(), sidecar.map(Into::into)));
        self
    }

    /// Builds with `--drafts`.
    pub(crate) fn drafts_published(mut self) -> Notes {
        self.drafts = true;
        self
    }

    /// Parses every note and source, and indexes the notes.
    pub(crate) fn build(mut self) -> Dossier {
        self.notes.sort_by(|a, b| a.0.cmp(&b.0));
        self.sources.sort_by(|a, b| a.0.cmp(&b.0));
        let mut files = Files::default();
        let mut notes = Vec::with_capacity(self.notes.len());
        for (rel, text) in self.notes {
            let file = files.add(Path::new("content").join(&rel), text);
            let parsed = crate::parse::note(file, files.get(file), &rel);
            notes.push((rel, file, parsed));
        }
        let mut sources = Vec::with_capacity(self.sources.len());
        for (stem, text, sidecar) in self.sources {
            let file = files.add(format!("seeds/{stem}.txt").into(), text);
            let sidecar = sidecar.map(|s| files.add(format!("seeds/{stem}.yaml").into(), s));
            let doc = SourceDoc {
                file,
                stem,
                format: SourceFormat::Text,
                sha256: "0".repeat(64),
                sidecar,
            };
            sources.push(crate::parse::source_doc::source(&files, &doc));
        }
        let facts: Vec<Option<Facts>> = notes
            .iter()
            .map(|(_, _, p)| p.note.as_ref().ok().map(Facts::of))
            .collect();
        let readable: Vec<(NoteId, &Facts)> = facts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((NoteId::from_index(i), f.as_ref()?)))
            .collect();
        let unreadable: Vec<&Unreadable> = notes
            .iter()
            .filter_map(|(_, _, p)| p.note.as_ref().err())
            .collect();
        let index = NoteIndex::new(&readable, unreadable);
        let listed: Vec<(SourceId, &Source)> = sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((SourceId::from_index(i), s.source.as_ref()?)))
            .collect();
        let (source_ids, _) = super::citations::source_ids(&listed);
        Dossier {
            files,
            notes,
            facts,
            index,
            sources,
            source_ids,
            drafts: self.drafts,
        }
    }
}

/// A parsed dossier in memory, and the [`World`] its notes are resolved in.
#[derive(Debug)]
pub(crate) struct Dossier {
    pub files: Files,
    /// Every note in path order: note `i` is `NoteId::from_index(i)`.
    notes: Vec<(PathBuf, FileId, ParsedNote)>,
    facts: Vec<Option<Facts>>,
    index: NoteIndex,
    sources: Vec<ParsedSource>,
    source_ids: Vec<(String, SourceId)>,
    drafts: bool,
}

#[allow(clippy::panic)]
impl Dossier {
    /// The id of the note at `rel` (under `content/`).
    pub(crate) fn id(&self, rel: &str) -> NoteId {
        match self.notes.iter().position(|(r, _, _)| r == Path::new(rel)) {
            Some(i) => NoteId::from_index(i),
            None => panic!("no note at `{rel}`"),
        }
    }

    /// The note at `rel` as parsed, with its parse diagnostics.
    pub(crate) fn parsed(&self, rel: &str) -> &ParsedNote {
        &self.notes[self.id(rel).index()].2
    }

    /// The note at `rel`, which must be readable.
    pub(crate) fn note(&self, rel: &str) -> &Note {
        match &self.parsed(rel).note {
            Ok(n) => n,
            Err(_) => panic!("`{rel}` could not be read:\n{}", self.parse_report(rel)),
        }
    }

    /// The text of the note at `rel`.
    pub(crate) fn text(&self, rel: &str) -> &str {
        self.files.get(self.notes[self.id(rel).index()].1).text()
    }

    /// Where `needle` first stands in the text of the note at `rel`: the offset a link or
    /// citation written there starts at.
    pub(crate) fn offset(&self, rel: &str, needle: &str) -> usize {
        self.text(rel)
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` is not in `{rel}`"))
    }

    /// Resolves the note at `rel` in this dossier.
    pub(crate) fn resolve(&self, rel: &str) -> Resolution {
        super::note(self.id(rel), self.note(rel), self)
    }

    /// Every published note's resolution, in path order: what [`super::inverse::invert`]
    /// takes.
    pub(crate) fn resolve_all(&self) -> Vec<(NoteId, Resolution)> {
        self.notes
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, p))| {
                let id = NoteId::from_index(i);
                let note = p.note.as_ref().ok()?;
                super::published(self, id).then(|| (id, super::note(id, note, self)))
            })
            .collect()
    }

    /// The parse diagnostics of the note at `rel`, as a terminal shows them.
    pub(crate) fn parse_report(&self, rel: &str) -> String {
        self.render(&self.parsed(rel).diags)
    }

    /// Diagnostics as a terminal shows them: for messages with their lines and carets.
    pub(crate) fn render(&self, diags: &Diagnostics) -> String {
        diags.render_human(&self.files)
    }

    /// The text a diagnostic points at.
    pub(crate) fn spanned(&self, d: &Diagnostic) -> &str {
        match &d.location {
            Location::Span(file, range) => &self.files.get(*file).text()[range.clone()],
            Location::Path(p) => panic!("`{}` points at a path, not a span", p.display()),
        }
    }

    /// The one diagnostic with this code, which must be there exactly once.
    pub(crate) fn only<'d>(&self, diags: &'d Diagnostics, code: &str) -> &'d Diagnostic {
        let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
        match found.as_slice() {
            [one] => one,
            _ => panic!(
                "expected one `{code}`, found {}:\n{}",
                found.len(),
                self.render(diags)
            ),
        }
    }

    /// The source whose id is `id`, and its text.
    pub(crate) fn source_named(&self, id: &str) -> (SourceId, &str) {
        let sid = self
            .source(id)
            .unwrap_or_else(|| panic!("no source `{id}`"));
        (sid, self.source_doc(sid).1)
    }
}

/// The codes of `diags`, in the order they were found.
pub(crate) fn codes(diags: &Diagnostics) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

#[allow(clippy::panic)]
impl World for Dossier {
    fn lookup(&self, name: &str) -> Lookup {
        self.index.lookup(name)
    }

    fn at_path(&self, rel: &Path) -> Option<NoteId> {
        self.index.at_path(rel)
    }

    fn with_slug(&self, slug: &str) -> Vec<NoteId> {
        self.index.with_slug(slug).to_vec()
    }

    fn facts(&self, id: NoteId) -> &Facts {
        match self.facts.get(id.index()) {
            Some(Some(f)) => f,
            _ => panic!("no facts of note {}", id.index()),
        }
    }

    fn drafts_published(&self) -> bool {
        self.drafts
    }

    fn names(&self) -> Vec<&str> {
        self.index.names()
    }

    fn may_name_unreadable(&self, name: &str) -> bool {
        self.index.may_name_unreadable(name)
    }

    fn is_unreadable_path(&self, rel: &Path) -> bool {
        self.index.is_unreadable_path(rel)
    }

    fn source(&self, id: &str) -> Option<SourceId> {
        self.source_ids
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, sid)| *sid)
    }

    fn source_ids(&self) -> Vec<&str> {
        self.source_ids.iter().map(|(id, _)| id.as_str()).collect()
    }

    fn source_doc(&self, id: SourceId) -> (&Source, &str) {
        match self.sources.get(id.index()).and_then(|s| s.source.as_ref()) {
            Some(s) => (s, self.files.get(s.file).text()),
            None => panic!("no source {}", id.index()),
        }
    }

    fn site_page(&self, segment: &str) -> Option<String> {
        crate::render::layout::reserved_page(segment)
    }
}
