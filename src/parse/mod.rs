//! Parse: text -> [`Note`]s and [`Source`]s, with the span of every link and citation.
//!
//! Input: [`Loaded`] files. Output: [`Parsed`]. Each note's front matter is split off and read
//! into typed fields ([`frontmatter`]), its Markdown scanned for wikilinks, relative links,
//! citations and headings ([`markdown`]); each archived source is cut into paragraphs
//! ([`source_doc`]). Problems are pushed as diagnostics and the note is still returned when
//! enough of it could be read; a note that cannot be is listed as [`Unreadable`], so that
//! links to it are not reported twice. Nothing here knows about other notes: that is
//! `resolve`. With a [`NoteCache`], a note whose text is unchanged is not parsed again, nor a
//! source read from the very same files.

pub mod frontmatter;
pub mod markdown;
pub mod source_doc;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::date::PartialDate;
use crate::diag::Diagnostics;
use crate::files::{FileId, Files, TextFile};
use crate::load::{Loaded, SourceDoc};

pub use source_doc::{Source, SourceMeta};

/// The kinds of note. A claim and a denial carry extra fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organization,
    Event,
    Claim,
    Denial,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Organization,
        Kind::Event,
        Kind::Claim,
        Kind::Denial,
        Kind::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Event => "event",
            Kind::Claim => "claim",
            Kind::Denial => "denial",
            Kind::Note => "note",
        }
    }

    /// The listing page's path segment and heading.
    pub fn plural(self) -> (&'static str, &'static str) {
        match self {
            Kind::Person => ("people", "People"),
            Kind::Organization => ("organizations", "Organizations"),
            Kind::Event => ("events", "Events"),
            Kind::Claim => ("claims", "Claims"),
            Kind::Denial => ("responses", "Responses"),
            Kind::Note => ("notes", "Notes"),
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

macro_rules! word_enum {
    ($name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name { #[default] $($variant),+ }
        impl $name {
            pub const NAMES: &[&str] = &[$($text),+];
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn from_name(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

word_enum!(Status {
    Reported = "reported",
    Disputed = "disputed",
    Denied = "denied",
    Confirmed = "confirmed",
    Unverified = "unverified",
    Retracted = "retracted",
});

word_enum!(Stance {
    Denies = "denies",
    Disputes = "disputes",
    DeclinesComment = "declines-comment",
    NoResponse = "no-response",
    NotAware = "not-aware",
});

/// A reference to another note written in front matter (`claimant: elon-musk`).
#[derive(Debug, Clone)]
pub struct Reference {
    pub target: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct ClaimMeta {
    pub claimant: Option<Reference>,
    pub subjects: Vec<Reference>,
    pub status: Status,
}

#[derive(Debug, Clone)]
pub struct DenialMeta {
    pub by: Option<Reference>,
    pub denies: Vec<Reference>,
    pub stance: Stance,
}

/// `¶3` or `¶3-5`, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Paras {
    pub first: u32,
    pub last: u32,
}

impl Paras {
    /// Reads `3`, `3-5`, `¶3`, `¶¶3–5`; `None` when it is not such a locator.
    pub fn parse(text: &str) -> Option<Paras> {
        let t = text.trim().trim_start_matches('¶').trim();
        let (a, b) = match t.split_once(['-', '–', '—']) {
            Some((a, b)) => (a.trim(), b.trim().trim_start_matches('¶').trim()),
            None => (t, t),
        };
        let num = |s: &str| {
            (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (first, last) = (num(a)?, num(b)?);
        (first >= 1 && last >= first).then_some(Paras { first, last })
    }

    pub fn label(&self) -> String {
        if self.first == self.last {
            format!("¶{}", self.first)
        } else {
            format!("¶{}–{}", self.first, self.last)
        }
    }
}

/// One cited source: from front matter `sources:` or from a `[@id, ¶n]` in the body.
#[derive(Debug, Clone)]
pub struct Citation {
    pub source: String,
    pub paras: Option<Paras>,
    pub quote: Option<String>,
    /// Where the source is named (the id in front matter, the whole `[@...]` in the body).
    pub span: Range<usize>,
    /// Where the quote is written, when there is one.
    pub quote_span: Option<Range<usize>>,
    pub in_body: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[[target]]`, `[[target|label]]`, `[[target#heading]]`.
    Wiki,
    /// `[label](../people/elon-musk.md)`: the path as written, resolved against the note's folder.
    RelativeFile,
}

/// A passage quoted in the body, in «guillemets» or “curly quotes”: checked against the
/// paragraphs cited in the same block.
#[derive(Debug, Clone)]
pub struct BodyQuote {
    pub text: String,
    pub span: Range<usize>,
    /// Indices into the note's body citations: those of the quote's block.
    pub citations: Vec<usize>,
}

/// A link from a note's body to another note.
#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    pub target: String,
    pub fragment: Option<String>,
    /// Whether the link has its own text (`[[target|label]]`, `[label](x.md)`); a bare
    /// `[[slug]]` is shown as its target's title.
    pub labelled: bool,
    pub span: Range<usize>,
    /// The block the link stands in: an index into the note's `contexts`.
    pub block: usize,
}

impl Link {
    /// The link's text as the body shows it before resolving: `target` or `target#heading`.
    pub fn written(&self) -> String {
        match &self.fragment {
            Some(f) => format!("{}#{f}", self.target),
            None => self.target.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub text: String,
    pub anchor: String,
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub kind: Kind,
    pub slug: String,
    pub slug_span: Range<usize>,
    pub date: Option<PartialDate>,
    pub date_label: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    pub lang: Option<String>,
    pub claim: Option<ClaimMeta>,
    pub denial: Option<DenialMeta>,
    pub sources: Vec<Citation>,
}

/// A note as written: front matter read, body scanned, nothing resolved.
#[derive(Debug, Clone)]
pub struct Note {
    pub file: FileId,
    /// Path relative to `content/`.
    pub rel: PathBuf,
    pub meta: Meta,
    /// Byte range of the Markdown body in the file.
    pub body: Range<usize>,
    pub links: Vec<Link>,
    /// The text of each block that holds a link, for "Referenced by".
    pub contexts: Vec<String>,
    /// Passages quoted in the body.
    pub body_quotes: Vec<BodyQuote>,
    pub citations: Vec<Citation>,
    pub headings: Vec<Heading>,
    /// Each of `meta.tags` as a slug (its page's path segment), in the same order.
    pub tag_slugs: Vec<String>,
    /// The title in lower case: what lists sort by.
    pub sort_title: String,
    /// A digest of the note's path and text, from which everything above is read.
    pub digest: u64,
    /// A digest of what other notes' links can see of it: its path, names, kind, draft flag
    /// and headings (see `resolve::world`).
    pub identity: u64,
}

#[derive(Debug)]
pub struct Parsed {
    /// Shared with the previous build's cache (`serve`): an unchanged note is not copied.
    pub notes: Vec<Arc<Note>>,
    pub sources: Vec<Source>,
    /// Notes whose front matter could not be read (their errors are reported): what links
    /// to them may have used, so those links are not reported a second time.
    pub unreadable: Vec<Unreadable>,
}

/// A note that failed to parse, as far as it could be read: its path and the names a link
/// might use for it (file name, and `title`, `slug`, `aliases` when the YAML was readable).
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub rel: PathBuf,
    pub names: Vec<String>,
}

impl Unreadable {
    fn new(files: &Files, file: FileId, rel: &std::path::Path) -> Unreadable {
        let mut names = Vec::new();
        if let Some(stem) = rel.file_stem() {
            names.push(stem.to_string_lossy().into_owned());
        }
        let mut ignored = Diagnostics::default();
        if let Some((fm, _)) = frontmatter::split(file, files.get(file), &mut ignored)
            && let Ok(serde_yaml::Value::Mapping(map)) =
                serde_yaml::from_str::<serde_yaml::Value>(&files.get(file).text()[fm])
        {
            for key in ["title", "slug", "aliases"] {
                match map.get(key) {
                    Some(serde_yaml::Value::Sequence(items)) => {
                        names.extend(items.iter().filter_map(crate::yaml::yaml_scalar));
                    }
                    Some(v) => names.extend(crate::yaml::yaml_scalar(v)),
                    None => {}
                }
            }
        }
        Unreadable {
            rel: rel.to_path_buf(),
            names,
        }
    }
}

/// The notes and sources of the previous build, with the files each was read from: a note
/// whose text is unchanged, or a source read from the same files, is not parsed again
/// (`serve`).
#[derive(Debug, Default)]
pub struct NoteCache {
    /// By path under `content/`, as its bytes: the paths come from one walk, always in the
    /// same form, and are found without `Path`'s component-wise hashing and comparing.
    notes: std::collections::HashMap<std::ffi::OsString, CachedNote, ahash::RandomState>,
    /// The sources in the order `load` found them.
    sources: Vec<ParsedSource>,
}

/// A source as parsed, with the files it was read from (its text and its sidecar) and
/// their ids, which its diagnostics and its `file` name.
#[derive(Debug)]
struct ParsedSource {
    stem: String,
    text_id: FileId,
    sidecar_id: Option<FileId>,
    text: Arc<TextFile>,
    sidecar: Option<Arc<TextFile>>,
    source: Option<Source>,
    diags: Diagnostics,
}

impl ParsedSource {
    fn new(doc: &SourceDoc, files: &Files, source: Option<Source>, diags: Diagnostics) -> Self {
        ParsedSource {
            stem: doc.stem.clone(),
            text_id: doc.file,
            sidecar_id: doc.sidecar,
            text: Arc::clone(files.shared(doc.file)),
            sidecar: doc.sidecar.map(|id| Arc::clone(files.shared(id))),
            source,
            diags,
        }
    }

    /// Whether `doc` is read from the very files this was, under the same ids.
    fn reads(&self, doc: &SourceDoc, files: &Files) -> bool {
        let same_sidecar = match (&self.sidecar, doc.sidecar) {
            (Some(was), Some(id)) => Arc::ptr_eq(was, files.shared(id)),
            (None, None) => true,
            _ => false,
        };
        self.text_id == doc.file
            && self.sidecar_id == doc.sidecar
            && self.stem == doc.stem
            && Arc::ptr_eq(&self.text, files.shared(doc.file))
            && same_sidecar
    }
}

#[derive(Debug)]
struct CachedNote {
    file: Arc<TextFile>,
    note: Option<Arc<Note>>,
    diags: Diagnostics,
}

pub fn parse(
    loaded: &Loaded,
    files: &Files,
    cache: Option<&mut NoteCache>,
    diags: &mut Diagnostics,
) -> Parsed {
    let previous = cache.as_deref();
    // Each note with its diagnostics, and whether the cache's entry for it can stay.
    let results: Vec<(Option<Arc<Note>>, Diagnostics, bool)> = loaded
        .notes
        .par_iter()
        .map(|nf| {
            let file = files.shared(nf.file);
            // The same file as last time (reused unread by `load`), or the same text.
            if let Some(c) = previous.and_then(|c| c.notes.get(nf.rel.as_os_str()))
                && (Arc::ptr_eq(&c.file, file) || c.file.text() == file.text())
            {
                // Shared, not copied; its file id changes only when notes come or go, and
                // then the copy is what the cache keeps, so that later builds share it.
                let mut kept = true;
                let note = c.note.clone().map(|mut n| {
                    if n.file != nf.file {
                        Arc::make_mut(&mut n).file = nf.file;
                        kept = false;
                    }
                    n
                });
                return (note, c.diags.clone().moved_to(nf.file), kept);
            }
            let mut d = Diagnostics::default();
            let note = parse_note(files, nf.file, nf.rel.clone(), &mut d).map(Arc::new);
            (note, d, false)
        })
        .collect();
    // Each source, or the previous build's reading of it while its files are the same.
    let sources_before = previous.map_or(&[][..], |c| &c.sources[..]);
    let parsed_sources: Vec<(Option<Source>, Diagnostics, bool)> = loaded
        .sources
        .par_iter()
        .enumerate()
        .map(|(i, doc)| match sources_before.get(i) {
            Some(c) if c.reads(doc, files) => (c.source.clone(), c.diags.clone(), true),
            _ => {
                let mut d = Diagnostics::default();
                (source_doc::parse_source(files, doc, &mut d), d, false)
            }
        })
        .collect();
    if let Some(cache) = cache {
        for ((note, d, kept), nf) in results.iter().zip(&loaded.notes) {
            if *kept {
                continue;
            }
            let entry = CachedNote {
                file: Arc::clone(files.shared(nf.file)),
                note: note.clone(),
                diags: d.clone(),
            };
            cache.notes.insert(nf.rel.clone().into_os_string(), entry);
        }
        // Notes that are gone (the cache holds every current note, so only then is it larger).
        if cache.notes.len() != loaded.notes.len() {
            let now: std::collections::HashSet<&std::ffi::OsStr> =
                loaded.notes.iter().map(|nf| nf.rel.as_os_str()).collect();
            cache.notes.retain(|rel, _| now.contains(rel.as_os_str()));
        }
        // Position by position, as `sources_before` was read above.
        let mut before = std::mem::take(&mut cache.sources).into_iter();
        cache.sources = loaded
            .sources
            .iter()
            .zip(&parsed_sources)
            .map(|(doc, (source, d, kept))| match before.next() {
                Some(was) if *kept => was,
                _ => ParsedSource::new(doc, files, source.clone(), d.clone()),
            })
            .collect();
    }
    let mut notes = Vec::with_capacity(results.len());
    let mut unreadable = Vec::new();
    for ((note, d, _), nf) in results.into_iter().zip(&loaded.notes) {
        diags.extend(d);
        match note {
            Some(n) => notes.push(n),
            None => unreadable.push(Unreadable::new(files, nf.file, &nf.rel)),
        }
    }
    let mut sources = Vec::with_capacity(parsed_sources.len());
    for (source, d, _) in parsed_sources {
        diags.extend(d);
        sources.extend(source);
    }
    Parsed {
        notes,
        sources,
        unreadable,
    }
}

/// One note: front matter, then the body scan.
pub fn parse_note(
    files: &Files,
    file: FileId,
    rel: PathBuf,
    diags: &mut Diagnostics,
) -> Option<Note> {
    let source = files.get(file);
    let (fm, body) = frontmatter::split(file, source, diags)?;
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = frontmatter::read_meta(file, source, fm, &stem, diags)?;
    let scan = markdown::scan(file, source.text(), body.clone(), diags);
    let digest = crate::digest::of(&(rel.as_os_str().as_encoded_bytes(), source.text()));
    let headings: Vec<(&str, &str)> = scan
        .headings
        .iter()
        .map(|h| (h.text.as_str(), h.anchor.as_str()))
        .collect();
    let identity = crate::digest::of(&(
        rel.as_os_str().as_encoded_bytes(),
        &meta.slug,
        &meta.slug_span,
        &meta.title,
        &meta.aliases,
        meta.kind,
        meta.draft,
        headings,
    ));
    Some(Note {
        digest,
        identity,
        tag_slugs: meta.tags.iter().map(|t| crate::slug::slugify(t)).collect(),
        sort_title: meta.title.to_lowercase(),
        file,
        rel,
        meta,
        body,
        links: scan.links,
        contexts: scan.contexts,
        body_quotes: scan.body_quotes,
        citations: scan.citations,
        headings: scan.headings,
    })
}
