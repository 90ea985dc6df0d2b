//! Parse: text -> [`Note`]s and [`Source`]s, with the span of every link and citation.
//!
//! Input: one note's text, or one source's text and sidecar. Output: a [`ParsedNote`] or a
//! [`Source`], with diagnostics. Each note's front matter is split off and read
//! into typed fields ([`frontmatter`]), its Markdown scanned for wikilinks, relative links,
//! citations and headings ([`markdown`]); each archived source is cut into paragraphs
//! ([`source_doc`]). Problems are pushed as diagnostics and the note is still returned when
//! enough of it could be read; a note that cannot be is listed as [`Unreadable`], so that
//! links to it are not reported twice. Nothing here knows about other notes: that is
//! `resolve`. Each function reads one note or one source and nothing else, so the engine
//! ([`crate::engine`]) can keep its result while that file is unchanged.

pub(crate) mod frontmatter;
pub(crate) mod markdown;
pub(crate) mod source_doc;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::date::PartialDate;
use crate::diag::Diagnostics;
use crate::files::{FileId, TextFile};
use crate::id::Block;

pub(crate) use source_doc::{ParsedSource, Source, SourceDoc, SourceFormat};

/// The kinds of note. A claim and a denial carry extra fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organization,
    Event,
    Claim,
    Denial,
    /// A source a claim rests on whom the reporting does not name ("a former Russian
    /// intelligence officer"), described by its title.
    Unnamed,
    Note,
}

impl Kind {
    pub(crate) const ALL: [Kind; 7] = [
        Kind::Person,
        Kind::Organization,
        Kind::Unnamed,
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
            Kind::Unnamed => "unnamed",
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
            Kind::Unnamed => ("unnamed-sources", "Unnamed sources"),
            Kind::Note => ("notes", "Notes"),
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether notes of this kind can be whom a claim or a response rests on (`via`), and
    /// so list on their page what rests on them.
    pub(crate) fn can_be_a_source(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Unnamed)
    }
}

macro_rules! word_enum {
    ($name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub(crate) enum $name { #[default] $($variant),+ }
        impl $name {
            pub(crate) const NAMES: &[&str] = &[$($text),+];
            pub(crate) fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub(crate) fn from_name(s: &str) -> Option<Self> {
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
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reference {
    pub target: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClaimMeta {
    pub claimant: Option<Reference>,
    pub subjects: Vec<Reference>,
    /// Through whom the claimant knows it: people, organizations, unnamed sources.
    pub via: Vec<Reference>,
    pub status: Status,
    /// Where the status is written (its value), or the `kind` key when it is left out.
    pub status_at: Range<usize>,
    /// Why the status stands as it is where the responses seem to say otherwise: shown
    /// beside the status, and it quiets the `status-contradicts` warning.
    pub status_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DenialMeta {
    pub by: Option<Reference>,
    pub denies: Vec<Reference>,
    /// Through whom the respondent's answer is known.
    pub via: Vec<Reference>,
    pub stance: Stance,
    /// A stance of its own toward some of the claims answered (`stance_for`).
    pub stance_for: Vec<(Reference, Stance)>,
}

/// `¶3` or `¶3-5`, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Paras {
    pub first: u32,
    pub last: u32,
}

impl Paras {
    /// Reads `3`, `3-5`, `¶3`, `¶¶3–5`; `None` when it is not such a locator.
    pub(crate) fn parse(text: &str) -> Option<Paras> {
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

    pub(crate) fn label(&self) -> String {
        if self.first == self.last {
            format!("¶{}", self.first)
        } else {
            format!("¶{}–{}", self.first, self.last)
        }
    }
}

/// One cited source: from front matter `sources:` or from a `[@id, ¶n]` in the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Citation {
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
pub(crate) enum LinkKind {
    /// `[[target]]`, `[[target|label]]`, `[[target#heading]]`.
    Wiki,
    /// `[label](../people/elon-musk.md)`: the path as written, resolved against the note's folder.
    RelativeFile,
}

/// A link from a note's body to another site (`[text](https://…)`, `<https://…>`): followed
/// only by `dossier check --external`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebLink {
    /// The address as the link gives it.
    pub url: String,
    /// The address in the note's text, or the whole link when the address is written
    /// elsewhere (a reference definition).
    pub span: Range<usize>,
}

/// A passage quoted in the body, in «guillemets» or “curly quotes”: checked against the
/// paragraphs cited in the same block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BodyQuote {
    pub text: String,
    pub span: Range<usize>,
    /// Indices into the note's body citations: those of the quote's block.
    pub citations: Vec<usize>,
}

/// A link from a note's body to another note.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub kind: LinkKind,
    pub target: String,
    pub fragment: Option<String>,
    /// Whether the link has its own text (`[[target|label]]`, `[label](x.md)`); a bare
    /// `[[slug]]` is shown as its target's title.
    pub labelled: bool,
    pub span: Range<usize>,
    /// The block the link stands in: an index into the note's `contexts`.
    pub block: Block,
}

impl Link {
    /// The link's text as the body shows it before resolving: `target` or `target#heading`.
    pub(crate) fn written(&self) -> String {
        match &self.fragment {
            Some(f) => format!("{}#{f}", self.target),
            None => self.target.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct Heading {
    pub text: String,
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Meta {
    pub title: String,
    pub kind: Kind,
    pub slug: String,
    pub slug_span: Range<usize>,
    pub date: Option<PartialDate>,
    pub date_label: Option<String>,
    /// Which part of the month or year `date` names (`late`), when the note says so.
    pub date_part: Option<crate::i18n::DatePart>,
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
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Note {
    pub file: FileId,
    /// Path relative to `content/`.
    pub rel: PathBuf,
    pub meta: Meta,
    /// Byte range of the Markdown body in the file.
    pub body: Range<usize>,
    pub links: Vec<Link>,
    /// Links to other sites.
    pub web_links: Vec<WebLink>,
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
    /// The body's words, as the site's search finds them (`markdown::Scan::words`).
    pub words: String,
}

/// A note that failed to parse, as far as it could be read: its path and the names a link
/// might use for it (file name, and `title`, `slug`, `aliases` when the YAML was readable).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unreadable {
    pub rel: PathBuf,
    pub names: Vec<String>,
}

/// What reading one note gave: the note, or what could be read of it, and its problems.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedNote {
    pub note: Result<Note, Unreadable>,
    pub diags: Diagnostics,
}

/// One note: front matter, then the body scan. `rel` is its path under `content/`.
pub(crate) fn note(file: FileId, text: &TextFile, rel: &Path) -> ParsedNote {
    let mut diags = Diagnostics::default();
    let note =
        parse_note(file, text, rel, &mut diags).ok_or_else(|| Unreadable::new(file, text, rel));
    ParsedNote { note, diags }
}

impl Unreadable {
    fn new(file: FileId, text: &TextFile, rel: &Path) -> Unreadable {
        let mut names = Vec::new();
        if let Some(stem) = rel.file_stem() {
            names.push(stem.to_string_lossy().into_owned());
        }
        let mut ignored = Diagnostics::default();
        if let Some((fm, _)) = frontmatter::split(file, text, &mut ignored)
            && let Ok(serde_yaml::Value::Mapping(map)) =
                serde_yaml::from_str::<serde_yaml::Value>(&text.text()[fm])
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

/// The body `dossier new` writes, until the reporter replaces it.
pub(crate) const NEW_NOTE_TEXT: &str = "Write the note here, and cite every fact with the id of an archived source in `seeds/` and its paragraph: `[@source-id, ¶3]`.";

fn parse_note(
    file: FileId,
    source: &TextFile,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<Note> {
    let (fm, body) = frontmatter::split(file, source, diags)?;
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = frontmatter::read_meta(file, source, fm, &stem, diags)?;
    let scan = markdown::scan(file, source.text(), body.clone(), diags);
    if let Some(at) = source.text()[body.clone()].find(NEW_NOTE_TEXT) {
        let start = body.start + at;
        diags.push(
            crate::diag::Diagnostic::warning(
                "placeholder-text",
                "the note still has the text `dossier new` wrote in it, which would be published",
                crate::diag::Location::Span(file, start..start + NEW_NOTE_TEXT.len()),
            )
            .with_help("replace it with the note's text, each fact cited: `[@source-id, ¶3]`"),
        );
    }
    Some(Note {
        tag_slugs: meta.tags.iter().map(|t| crate::slug::slugify(t)).collect(),
        sort_title: meta.title.to_lowercase(),
        file,
        rel: rel.to_path_buf(),
        meta,
        body,
        links: scan.links,
        web_links: scan.web_links,
        contexts: scan.contexts,
        body_quotes: scan.body_quotes,
        citations: scan.citations,
        headings: scan.headings,
        words: scan.words,
    })
}
