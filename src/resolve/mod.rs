//! Resolve: the dossier's own logic, note by note, on parsed notes and sources.
//!
//! Input: one parsed [`Note`], and a [`World`]: the only way to see the rest of the dossier
//! (other notes' [`Facts`], the names links use, the sources). Output: a [`Resolution`], in
//! which every wikilink and front-matter reference points at a note, every citation at a
//! source paragraph, every quote at the exact words it quotes, with the note's numbered
//! reference list and its problems. [`inverse`] then turns every note's resolution around:
//! backlinks, each claim's responses, what each person claims and answers, what rests on
//! each source a claim names (`via`), and each source's citations; [`standing`] then holds
//! each claim's status against its responses. Drafts are not published (unless built with `--drafts`); a published
//! note that points at one is an error.
//!
//! A note's resolution reads only its own note and what it asks the [`World`]: the engine
//! ([`crate::engine`]) records those questions and their answers, and resolves the note
//! again only when one of them would be answered otherwise. A check that needs a new fact
//! of other notes adds it to [`Facts`], and the record follows. This stage never reads
//! files and never renders.

pub(crate) mod citations;
pub(crate) mod index;
pub(crate) mod inverse;
pub(crate) mod links;
pub(crate) mod quote;
pub(crate) mod slugs;
pub(crate) mod standing;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::id::{NoteId, SourceId};
use crate::parse::{Heading, Kind, Note, Paras, Source, Stance, Status};

pub(crate) use index::{Lookup, NoteIndex};

/// What resolving one note may know of another: the names a link can use for it and what a
/// link to it shows. Nothing else of other notes is visible while resolving.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct Facts {
    /// Its path under `content/`.
    pub rel: PathBuf,
    pub slug: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub draft: bool,
    pub headings: Vec<Heading>,
}

impl Facts {
    pub(crate) fn of(note: &Note) -> Facts {
        let m = &note.meta;
        Facts {
            rel: note.rel.clone(),
            slug: m.slug.clone(),
            title: m.title.clone(),
            aliases: m.aliases.clone(),
            kind: m.kind,
            draft: m.draft,
            headings: note.headings.clone(),
        }
    }
}

/// The rest of the dossier, as resolving a note may see it. The engine answers and records
/// each question; a test may answer from a few notes in memory.
pub(crate) trait World {
    /// The note a written name stands for: by slug, alias or title (ignoring case), by its
    /// slug form, then by file name.
    fn lookup(&self, name: &str) -> Lookup;
    /// The note at a path under `content/`.
    fn at_path(&self, rel: &Path) -> Option<NoteId>;
    /// The notes whose slug is exactly `slug`, in path order.
    fn with_slug(&self, slug: &str) -> Vec<NoteId>;
    /// What any note (drafts too) shows of itself to others.
    fn facts(&self, id: NoteId) -> &Facts;
    /// Whether this build publishes drafts (`--drafts`).
    fn drafts_published(&self) -> bool;
    /// Every name a link could use, for a did-you-mean.
    fn names(&self) -> Vec<&str>;
    /// Whether a name that matches no note may be meant for a note that could not be read
    /// (its own error is reported; a link to it is not reported again).
    fn may_name_unreadable(&self, name: &str) -> bool;
    fn is_unreadable_path(&self, rel: &Path) -> bool;
    /// The source with this id.
    fn source(&self, id: &str) -> Option<SourceId>;
    /// Every source id, for a did-you-mean.
    fn source_ids(&self) -> Vec<&str>;
    /// A source and its text.
    fn source_doc(&self, id: SourceId) -> (&Source, &str);
    /// The path of the site's own page that takes `segment` (`claims-vs-denials/`), for a
    /// link that meant it. The site's layout never changes: nothing to record.
    fn site_page(&self, segment: &str) -> Option<String>;
}

/// Whether note `id` is published in this build.
pub(crate) fn published(world: &dyn World, id: NoteId) -> bool {
    !world.facts(id).draft || world.drafts_published()
}

/// Where a body link goes: a note, and maybe a heading on it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct LinkTarget {
    pub note: NoteId,
    pub anchor: Option<String>,
    /// The text to show for a bare `[[slug]]` or `[[slug#heading]]`: the target's title,
    /// and the heading (`Elon Musk › Early life`); `None` keeps the link's own text.
    pub display: Option<String>,
}

/// One entry of a note's reference list: a source and paragraphs, and the quotes from them.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct RefEntry {
    pub source: SourceId,
    pub paras: Option<Paras>,
    pub quotes: Vec<String>,
}

/// Where a citation's quote stands in its source's text.
#[derive(Debug, Clone, PartialEq, Hash)]
pub(crate) struct QuoteMarks {
    pub quote: String,
    pub marks: Vec<Range<usize>>,
}

/// A citation as a source sees it: which paragraphs, with which quote.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cite {
    pub source: SourceId,
    pub paras: Option<Paras>,
    pub quote: Option<QuoteMarks>,
}

/// How a note mentions another, as the other's "Referenced by" shows it: the text of the
/// block that links to it, or the role the front matter gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Context {
    Block(Arc<str>),
    /// How the other note names this one in its front matter (the page says it in the
    /// interface's words).
    Role(Role),
}

/// How a claim's or a response's front matter names another note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    Claimant,
    Subject,
    Respondent,
    /// The claim a response answers.
    Answers,
    /// A source the claim or response rests on (`via`).
    RestsOn,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Claimant => "claimant",
            Role::Subject => "subject",
            Role::Respondent => "respondent",
            Role::Answers => "answers",
            Role::RestsOn => "rests_on",
        }
    }
}

impl Context {
    /// The block's text, or the role's name.
    pub(crate) fn text(&self) -> &str {
        match self {
            Context::Block(t) => t,
            Context::Role(r) => r.name(),
        }
    }
}

/// What one note resolves to on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Resolution {
    /// Where each of the note's body links goes, in the order of `note.links`; `None` for
    /// a link that goes nowhere (reported).
    pub link_targets: Vec<Option<LinkTarget>>,
    /// Reference list; entry `i` is shown as number `i + 1`.
    pub references: Vec<RefEntry>,
    /// The entries of the reference list the front matter's `sources` names: for a claim or
    /// a response, its evidence (what the body cites besides is context), in the front
    /// matter's order.
    pub evidence: Vec<usize>,
    /// Body citations by the byte offset where they start, in order: their reference numbers.
    pub cite_numbers: Vec<(usize, Vec<usize>)>,
    /// The notes it mentions, in order (its links, then the roles its front matter names),
    /// each with how; never itself.
    pub mentions: Vec<(NoteId, Context)>,
    pub claimant: Option<NoteId>,
    pub subjects: Vec<NoteId>,
    pub by: Option<NoteId>,
    pub denies: Vec<NoteId>,
    /// Through whom a claim's claimant or a response's respondent knows it.
    pub via: Vec<NoteId>,
    /// A response's own stance toward some of the claims it answers.
    pub stance_for: Vec<(NoteId, Stance)>,
    /// Every citation of a source, in the order the note makes them.
    pub cites: Vec<Cite>,
    pub diags: Diagnostics,
}

impl Resolution {
    /// The evidence, each entry with its place in the reference list.
    pub(crate) fn evidence(&self) -> Vec<(usize, &RefEntry)> {
        self.evidence
            .iter()
            .filter_map(|&i| Some((i, self.references.get(i)?)))
            .collect()
    }

    /// Where the link of `note` that starts at byte `offset` goes.
    /// The links are in the order the body gives them (the scan's invariant, which the
    /// fuzz target `scan` checks), so found by halving: a note of 100,000 links took 12 s
    /// when each was looked for from the start.
    pub(crate) fn target_at(&self, note: &Note, offset: usize) -> Option<&LinkTarget> {
        let i = note
            .links
            .binary_search_by_key(&offset, |l| l.span.start)
            .ok()?;
        self.link_targets.get(i)?.as_ref()
    }

    /// The reference numbers of the body citation that starts at byte `offset`.
    pub(crate) fn cite_numbers_at(&self, offset: usize) -> &[usize] {
        self.cite_numbers
            .binary_search_by_key(&offset, |(at, _)| *at)
            .map_or(&[], |i| &self.cite_numbers[i].1)
    }
}

/// Resolves note `id`: its links, front-matter references, citations and quotes.
pub(crate) fn note(id: NoteId, note: &Note, world: &dyn World) -> Resolution {
    let mut out = Resolution::default();
    out.link_targets = links::targets(id, note, world, &mut out.diags);
    let refs = links::references(note, world, &mut out.diags);
    out.claimant = refs.claimant;
    out.subjects = refs.subjects;
    out.by = refs.by;
    out.denies = refs.denies;
    out.via = refs.via;
    out.stance_for = refs.stance_for;
    citations::resolve(note, world, &mut out);
    out.mentions = links::mentions(id, note, &out);
    out
}

/// What the pages of claims, responses, people and organizations show of a note's place in
/// the debate: who makes or answers what, with which status or stance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Roles {
    pub claimant: Option<NoteId>,
    pub subjects: Vec<NoteId>,
    pub status: Option<Status>,
    pub by: Option<NoteId>,
    pub denies: Vec<NoteId>,
    pub stance: Option<Stance>,
    /// A response's stance toward some claims, where not its `stance`.
    pub stance_for: Vec<(NoteId, Stance)>,
    pub via: Vec<NoteId>,
    /// Why a claim's status stands as it is (`status_reason`).
    pub status_reason: Option<String>,
}

impl Roles {
    /// A response's stance toward `claim`: its own for that claim, else its `stance`.
    pub(crate) fn stance_on(&self, claim: NoteId) -> Option<Stance> {
        self.stance_for
            .iter()
            .find(|(c, _)| *c == claim)
            .map(|(_, s)| *s)
            .or(self.stance)
    }

    pub(crate) fn of(note: &Note, r: &Resolution) -> Roles {
        Roles {
            claimant: r.claimant,
            subjects: r.subjects.clone(),
            status: note.meta.claim.as_ref().map(|c| c.status),
            by: r.by,
            denies: r.denies.clone(),
            stance: note.meta.denial.as_ref().map(|d| d.stance),
            via: r.via.clone(),
            stance_for: r.stance_for.clone(),
            status_reason: note
                .meta
                .claim
                .as_ref()
                .and_then(|c| c.status_reason.clone()),
        }
    }
}

/// A note that points at another, and the contexts it does so in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Backlink {
    pub from: NoteId,
    pub contexts: Vec<Context>,
}

/// The citations by one note of one paragraph range of a source, seen from the source:
/// body citations and `sources:` entries of the same paragraphs are one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceCitation {
    pub note: NoteId,
    pub paras: Option<Paras>,
    /// The quotes, in the order the note gives them, each with where it stands in the
    /// source's text.
    pub quotes: Vec<QuoteMarks>,
}

#[cfg(test)]
pub(crate) mod testing;
