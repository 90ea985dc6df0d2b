//! Resolve: the dossier's own logic, on parsed notes and sources -> [`Dossier`].
//!
//! Input: [`Parsed`], the [`Config`] and whether drafts are published. Output: a [`Dossier`]
//! in which every wikilink and front-matter reference points at a note, every citation at a
//! source paragraph, every quote at the exact words it quotes; with backlinks, each note's
//! numbered reference list, and each claim's responses. Drafts are dropped here (unless
//! published with `--drafts`), after checking that no published note points at one.
//! Problems are diagnostics; this stage never reads files and never renders. With a
//! [`ResolveCache`] (`serve`), a note that did not change keeps what it resolved to, and the
//! backlinks are patched for the notes that did, as long as the dossier's `world` is the
//! same.

pub mod index;
pub mod quote;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::parse::markdown::{LINK_CLOSE, LINK_OPEN, without_link_marks};
use crate::parse::{Citation, Kind, LinkKind, Note, Paras, Parsed, Source};
use index::{Lookup, NoteIndex};

/// Paths the site itself uses at its root: no note may take them as a slug.
pub const RESERVED_SLUGS: &[&str] = &[
    "sources",
    "tags",
    "claims-vs-denials",
    "people",
    "organizations",
    "events",
    "claims",
    "responses",
    "notes",
    "static",
    "404",
];

/// Where a body link goes: a note, and maybe a heading on it.
#[derive(Debug, Clone, Hash)]
pub struct LinkTarget {
    pub note: usize,
    pub anchor: Option<String>,
    /// The text to show for a bare `[[slug]]` or `[[slug#heading]]`: the target's title,
    /// and the heading (`Elon Musk › Early life`); `None` keeps the link's own text.
    pub display: Option<String>,
}

/// One entry of a note's reference list: a source and paragraphs, and the quotes from them.
#[derive(Debug, Clone, Hash)]
pub struct RefEntry {
    pub source: usize,
    pub paras: Option<Paras>,
    pub quotes: Vec<String>,
}

/// A note that points at this one, and how it mentions it.
#[derive(Debug, Clone)]
pub struct Backlink {
    pub from: usize,
    pub mentions: Vec<Mention>,
}

/// How a note mentions another: a link in one of its blocks (an index into the linking
/// note's `shown`), or a front-matter role such as "Named as the claimant.".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mention {
    Block(usize),
    Role(&'static str),
}

#[derive(Debug, Clone)]
pub struct ResolvedNote {
    pub note: Arc<Note>,
    /// What the note points at.
    pub out: Arc<Outgoing>,
    /// The notes that point at it (shared with `serve`'s cache while they do not change).
    pub backlinks: Arc<Vec<Backlink>>,
    /// For a claim: the responses that answer it.
    pub responses: Vec<usize>,
}

/// What resolving one note gives on its own: where its links and references go, the notes
/// its front matter names, and its problems. It depends only on the note and on the
/// dossier's [`World`], so `serve` reuses it for every note that did not change.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    /// Where each of the note's body links goes, in the order of `note.links`; `None` for
    /// a link that goes nowhere (reported).
    pub link_targets: Vec<Option<LinkTarget>>,
    /// Reference list; entry `i` is shown as number `i + 1`.
    pub references: Vec<RefEntry>,
    /// Body citations by the byte offset where they start: their reference numbers.
    pub cite_numbers: HashMap<usize, Vec<usize>>,
    /// Per block of the note, its text as a backlink elsewhere shows it (bare links by
    /// their titles); empty for the blocks that link to no other note.
    pub shown: Vec<String>,
    pub claimant: Option<usize>,
    pub subjects: Vec<usize>,
    pub by: Option<usize>,
    pub denies: Vec<usize>,
    diags: Diagnostics,
    /// `(source, paragraphs, quote)`, in the order the note makes them.
    cites: Vec<(usize, Option<Paras>, Option<QuoteMarks>)>,
    /// A digest of everything above but the diagnostics: what pages show of it.
    pub digest: u64,
}

impl Outgoing {
    /// Where the link of `note` that starts at byte `offset` goes.
    pub fn target_at(&self, note: &Note, offset: usize) -> Option<&LinkTarget> {
        let i = note.links.iter().position(|l| l.span.start == offset)?;
        self.link_targets.get(i)?.as_ref()
    }

    fn content_digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = crate::digest::hasher();
        self.link_targets.hash(&mut h);
        let mut cites: Vec<_> = self.cite_numbers.iter().collect();
        cites.sort_unstable_by_key(|(at, _)| **at);
        cites.hash(&mut h);
        (
            &self.references,
            &self.shown,
            self.claimant,
            &self.subjects,
            self.by,
            &self.denies,
            &self.cites,
        )
            .hash(&mut h);
        h.finish()
    }
}

/// The citations by one note of one paragraph range of a source, seen from the source:
/// body citations and `sources:` entries of the same paragraphs are one.
#[derive(Debug, Clone, Hash)]
pub struct SourceCitation {
    pub note: usize,
    pub paras: Option<Paras>,
    /// The quotes, in the order the note gives them, each with where it stands in the
    /// source's text.
    pub quotes: Vec<QuoteMarks>,
}

#[derive(Debug, Clone, Hash)]
pub struct QuoteMarks {
    pub quote: String,
    pub marks: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct ResolvedSource {
    pub source: Source,
    pub citations: Vec<SourceCitation>,
}

#[derive(Debug)]
pub struct Dossier {
    pub config: Config,
    pub notes: Vec<ResolvedNote>,
    pub sources: Vec<ResolvedSource>,
}

impl Dossier {
    /// The text a backlink shows for a mention by note `from`.
    pub fn mention(&self, from: usize, m: Mention) -> &str {
        match m {
            Mention::Block(b) => self.notes[from].out.shown.get(b).map_or("", String::as_str),
            Mention::Role(r) => r,
        }
    }
}

/// What one resolve leaves for the next (`serve`): each note's [`Outgoing`], and the note
/// index, reused while the dossier's [`World`] is unchanged and, for a note, while the
/// note is the same (`parse` shares an unchanged note rather than copying it).
#[derive(Debug, Default)]
pub struct ResolveCache {
    world: u64,
    index: Option<Arc<(NoteIndex, Diagnostics)>>,
    /// By the note's place among all notes (drafts too).
    notes: Vec<(Arc<Note>, Arc<Outgoing>)>,
    /// By the note's place among the published notes: its backlinks.
    backlinks: Vec<Arc<Vec<Backlink>>>,
}

/// Everything about the dossier as a whole that resolving one note can depend on, as a
/// hash: every note's file, path, names, kind, draft flag and headings, the unreadable
/// notes, whether drafts are published, and every source's id, file, text (by its SHA-256)
/// and paragraphs.
/// A note's title change changes it (links to it show its title); a body edit does not.
fn world(
    notes: &[Arc<Note>],
    unreadable: &[crate::parse::Unreadable],
    sources: &[Source],
    drafts: bool,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::digest::hasher();
    drafts.hash(&mut h);
    notes.len().hash(&mut h);
    for n in notes {
        (n.file, n.identity).hash(&mut h);
    }
    unreadable.len().hash(&mut h);
    for u in unreadable {
        (&u.rel, &u.names).hash(&mut h);
    }
    sources.len().hash(&mut h);
    for s in sources {
        // The text by its SHA-256 (from `load`), not read through again on every rebuild.
        (&s.id, &s.stem, s.file, &s.paragraphs, &s.sha256).hash(&mut h);
    }
    h.finish()
}

pub fn resolve(
    parsed: Parsed,
    config: Config,
    drafts: bool,
    files: &crate::files::Files,
    mut cache: Option<&mut ResolveCache>,
    diags: &mut Diagnostics,
) -> Dossier {
    let Parsed {
        notes,
        sources: parsed_sources,
        unreadable,
    } = parsed;
    let sources = &parsed_sources;
    // What the previous build resolved, where it still holds.
    let world = cache
        .as_ref()
        .map(|_| world(&notes, &unreadable, sources, drafts));
    let previous = cache.as_deref().filter(|c| Some(c.world) == world);
    let index = match previous.and_then(|c| c.index.clone()) {
        Some(index) => index,
        None => {
            let mut d = Diagnostics::default();
            let ((), index) = rayon::join(
                || check_slugs(&notes, &mut d),
                || NoteIndex::new(&notes, &unreadable),
            );
            Arc::new((index, d))
        }
    };
    diags.extend(index.1.clone());
    let source_ids = source_index(sources, diags);

    // Old index -> new index, for the notes that will be published.
    let published: Vec<Option<usize>> = {
        let mut next = 0;
        notes
            .iter()
            .map(|n| {
                (drafts || !n.meta.draft).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let new_to_old: Vec<usize> = (0..notes.len())
        .filter(|&i| published[i].is_some())
        .collect();
    let ctx = Ctx {
        notes: &notes,
        index: &index.0,
        published: &published,
        new_to_old: &new_to_old,
    };

    let source_ids = &source_ids;
    // Each published note on its own, in parallel; then merged in order.
    let outs: Vec<Arc<Outgoing>> = new_to_old
        .par_iter()
        .enumerate()
        .map(|(new, &old)| {
            let note = &notes[old];
            match previous.and_then(|c| c.notes.get(old)) {
                Some((was, out)) if Arc::ptr_eq(was, note) => Arc::clone(out),
                _ => Arc::new(resolve_note(&ctx, sources, source_ids, files, new, note)),
            }
        })
        .collect();
    let mut source_citations: Vec<Vec<SourceCitation>> = vec![Vec::new(); sources.len()];
    for (new, o) in outs.iter().enumerate() {
        diags.extend(o.diags.clone());
        for (src, paras, quote) in &o.cites {
            add_quote(&mut source_citations[*src], new, *paras, quote.clone());
        }
    }
    // The notes whose resolution changed, when the rest is as it was (the same world: the
    // same notes, published in the same places); their backlinks are patched.
    let changed: Option<Vec<usize>> = previous.and_then(|c| {
        let was = |new: usize| c.notes.get(new_to_old[new]);
        let changed: Vec<usize> = (0..outs.len())
            .filter(|&i| was(i).is_none_or(|(_, o)| !Arc::ptr_eq(o, &outs[i])))
            .collect();
        (c.backlinks.len() == outs.len() && changed.len() * 8 <= outs.len().max(8))
            .then_some(changed)
    });
    // Each note moved (not shared and let go) into its place: beside what it resolved to,
    // or among the drafts that are not published.
    let mut out: Vec<ResolvedNote> = Vec::with_capacity(outs.len());
    let mut drafts: Vec<(usize, Arc<Note>)> = Vec::new();
    // Until the backlinks are found, every note shares one empty list.
    let none: Arc<Vec<Backlink>> = Arc::default();
    let mut outs = outs.into_iter();
    for (old, note) in notes.into_iter().enumerate() {
        if published[old].is_none() {
            drafts.push((old, note));
            continue;
        }
        // One resolution per published note, in order: there is always one here.
        let Some(o) = outs.next() else { break };
        out.push(ResolvedNote {
            note,
            out: o,
            backlinks: Arc::clone(&none),
            responses: Vec::new(),
        });
    }
    let backlinks = match (changed, cache.as_deref_mut()) {
        (Some(changed), Some(c)) => {
            // The cache's lists, patched in place and given back to it below.
            let mut back = std::mem::take(&mut c.backlinks);
            let notes_then = &c.notes;
            let was = |new: usize| &notes_then[new_to_old[new]];
            patch_backlinks(&mut back, was, &out, &changed);
            back
        }
        _ => backlinks(&out),
    };
    for (n, b) in out.iter_mut().zip(&backlinks) {
        n.backlinks = Arc::clone(b);
    }
    if let (Some(cache), Some(world)) = (cache, world) {
        // Each note in its place among all notes, with what it resolved to; drafts that are
        // not published have no resolution (they are resolved when needed).
        let mut drafts = drafts.iter();
        let now = published.iter().filter_map(|p| match p {
            Some(new) => Some((&out[*new].note, Some(&out[*new].out))),
            None => drafts.next().map(|(_, n)| (n, None)),
        });
        // Put in again only where it changed.
        cache.notes.truncate(published.len());
        for (old, (note, o)) in now.enumerate() {
            let fresh = || (Arc::clone(note), o.map_or_else(Arc::default, Arc::clone));
            match cache.notes.get_mut(old) {
                Some(slot)
                    if Arc::ptr_eq(&slot.0, note) && o.is_none_or(|o| Arc::ptr_eq(&slot.1, o)) => {}
                Some(slot) => *slot = fresh(),
                None => cache.notes.push(fresh()),
            }
        }
        cache.world = world;
        cache.index = Some(index);
        cache.backlinks = backlinks;
    }
    link_responses(&mut out);
    let sources = parsed_sources
        .into_iter()
        .zip(source_citations)
        .map(|(source, citations)| ResolvedSource { source, citations })
        .collect();
    Dossier {
        config,
        notes: out,
        sources,
    }
}

fn resolve_note(
    ctx: &Ctx,
    sources: &[Source],
    source_ids: &SourceIds,
    files: &crate::files::Files,
    new: usize,
    note: &Note,
) -> Outgoing {
    let notes = ctx.notes;
    let mut out = Outgoing::default();
    let file = note.file;
    let mut link_targets = Vec::with_capacity(note.links.len());
    for link in &note.links {
        let target = match link.kind {
            LinkKind::Wiki if link.target.is_empty() => Some(new),
            LinkKind::Wiki => ctx.target(file, &link.target, &link.span, "link", &mut out.diags),
            LinkKind::RelativeFile => {
                ctx.file_target(note, &link.target, &link.span, &mut out.diags)
            }
        };
        let Some(target) = target else {
            link_targets.push(None);
            continue;
        };
        let anchor = link.fragment.as_ref().and_then(|f| {
            let t = &notes[ctx.old_of(target)];
            let slugged = crate::slug::slugify(f);
            let found = t
                .headings
                .iter()
                .find(|h| h.anchor == *f || h.anchor == slugged || h.text.eq_ignore_ascii_case(f));
            if found.is_none() {
                let names: Vec<&str> = t.headings.iter().map(|h| h.text.as_str()).collect();
                out.diags.push(
                    Diagnostic::error(
                        "heading-unresolved",
                        format!("`{}` has no heading `{f}`", t.meta.title),
                        Location::Span(file, link.span.clone()),
                    )
                    .with_help_opt(
                        did_you_mean(f, names.iter().copied()).or_else(|| {
                            Some(if names.is_empty() {
                                "that note has no headings; link to the note alone".into()
                            } else {
                                format!("its headings are {}", crate::yaml::list(&names))
                            })
                        }),
                    ),
                );
            }
            found
        });
        let display = (!link.labelled)
            .then(|| {
                let t = &notes[ctx.old_of(target)].meta;
                let base = if link.target.is_empty() {
                    String::new()
                } else if link.target.eq_ignore_ascii_case(&t.slug) {
                    t.title.clone()
                } else {
                    link.target.clone()
                };
                match (anchor, base.is_empty()) {
                    (Some(h), true) => h.text.clone(),
                    (Some(h), false) => format!("{base} › {}", h.text),
                    (None, _) => base,
                }
            })
            .filter(|d| !d.is_empty() && *d != link.written());
        let anchor = anchor.map(|h| h.anchor.clone());
        link_targets.push(Some(LinkTarget {
            note: target,
            anchor,
            display,
        }));
    }

    let (mut claimant, mut subjects, mut by, mut denies) = (None, Vec::new(), None, Vec::new());
    if let Some(c) = &note.meta.claim {
        claimant = c
            .claimant
            .as_ref()
            .and_then(|r| ctx.target(file, &r.target, &r.span, "claimant", &mut out.diags));
        subjects = c
            .subjects
            .iter()
            .filter_map(|r| ctx.target(file, &r.target, &r.span, "subject", &mut out.diags))
            .collect();
    }
    if let Some(d) = &note.meta.denial {
        by =
            d.by.as_ref()
                .and_then(|r| ctx.target(file, &r.target, &r.span, "`by`", &mut out.diags));
        for r in &d.denies {
            let Some(t) = ctx.target(file, &r.target, &r.span, "denied claim", &mut out.diags)
            else {
                continue;
            };
            let target = &notes[ctx.old_of(t)];
            if target.meta.kind == Kind::Claim {
                denies.push(t);
            } else {
                out.diags.push(
                    Diagnostic::error(
                        "denial-not-claim",
                        format!(
                            "`{}` is a {}, not a claim: only claims can be denied",
                            target.meta.title,
                            target.meta.kind.name()
                        ),
                        Location::Span(file, r.span.clone()),
                    )
                    .with_help("list in `denies` the claim notes this response answers"),
                );
            }
        }
    }

    // Citations: body ones first (numbered in order), then front matter.
    let mut references: Vec<RefEntry> = Vec::new();
    let mut cite_numbers: HashMap<usize, Vec<usize>> = HashMap::new();
    for c in note.citations.iter().chain(&note.meta.sources) {
        let Some(src) = check_citation(c, file, sources, source_ids, files, &mut out.diags) else {
            continue;
        };
        let marks = c.quote.as_ref().map_or_else(Vec::new, |q| {
            quote_marks(&sources[src], c, q, files, file, &mut out.diags)
        });
        let entry = match references
            .iter()
            .position(|r| r.source == src && r.paras == c.paras)
        {
            Some(i) => i,
            None => {
                references.push(RefEntry {
                    source: src,
                    paras: c.paras,
                    quotes: Vec::new(),
                });
                references.len() - 1
            }
        };
        if let Some(q) = &c.quote
            && !references[entry].quotes.contains(q)
        {
            references[entry].quotes.push(q.clone());
        }
        if c.in_body {
            let nums = cite_numbers.entry(c.span.start).or_default();
            if !nums.contains(&(entry + 1)) {
                nums.push(entry + 1);
            }
        }
        out.cites.push((
            src,
            c.paras,
            c.quote.clone().map(|quote| QuoteMarks { quote, marks }),
        ));
    }

    // Quotes in the body: each must be in a paragraph cited in its own block.
    for bq in &note.body_quotes {
        let cited: Vec<(usize, Paras)> = bq
            .citations
            .iter()
            .filter_map(|&k| {
                let c = note.citations.get(k)?;
                let src = *source_ids.get(&c.source)?;
                let p = c.paras?;
                sources[src].has(p).then_some((src, p))
            })
            .collect();
        if cited.is_empty() {
            // A citation that names an unknown source or paragraph is reported already.
            if bq.citations.iter().all(|&k| {
                note.citations
                    .get(k)
                    .is_some_and(|c| c.paras.is_none() && source_ids.contains_key(&c.source))
            }) {
                out.diags.push(
                    Diagnostic::error(
                        "quote-uncited",
                        format!(
                            "the quote «{}» is not cited to a paragraph",
                            crate::diag::ellipsis(&bq.text, 60)
                        ),
                        Location::Span(file, bq.span.clone()),
                    )
                    .with_help(
                        "cite the paragraph it comes from in the same paragraph of the note: `[@source-id, ¶3]`",
                    ),
                );
            }
            continue;
        }
        let mut found = false;
        for &(src, p) in &cited {
            let text = files.get(sources[src].file).text();
            let marks = quote::find(text, sources[src].span(p), &bq.text);
            if marks.is_empty() {
                continue;
            }
            found = true;
            // Marked on the source's page like a front-matter quote.
            let quote = QuoteMarks {
                quote: bq.text.clone(),
                marks,
            };
            out.cites.push((src, Some(p), Some(quote)));
            break;
        }
        if !found {
            let (src, p) = cited[0];
            let text = files.get(sources[src].file).text();
            let where_ = cited
                .iter()
                .map(|(s, p)| format!("{} of `{}`", p.label(), sources[*s].id))
                .collect::<Vec<_>>()
                .join(", ");
            out.diags.push(
                Diagnostic::error(
                    "quote-not-found",
                    format!(
                        "the quote «{}» is not in the paragraphs cited beside it ({where_})",
                        crate::diag::ellipsis(&bq.text, 60)
                    ),
                    Location::Span(file, bq.span.clone()),
                )
                .with_help(quote_help(&sources[src], p, &bq.text, text)),
            );
        }
    }

    out.link_targets = link_targets;
    out.references = references;
    out.cite_numbers = cite_numbers;
    out.claimant = claimant;
    out.subjects = subjects;
    out.by = by;
    out.denies = denies;
    out.shown = shown_blocks(new, note, &out.link_targets);
    out.digest = out.content_digest();
    out
}

struct Ctx<'a> {
    notes: &'a [Arc<Note>],
    index: &'a NoteIndex,
    published: &'a [Option<usize>],
    new_to_old: &'a [usize],
}

impl Ctx<'_> {
    fn old_of(&self, new: usize) -> usize {
        self.new_to_old[new]
    }

    /// Resolves a written target to a published note, or reports why it cannot.
    fn target(
        &self,
        file: crate::files::FileId,
        target: &str,
        span: &Range<usize>,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        match self.index.lookup(target) {
            Lookup::Found(old) => self.published_or_report(old, file, span, diags),
            Lookup::Ambiguous(many) => {
                let names: Vec<String> = many
                    .iter()
                    .map(|&i| {
                        format!(
                            "`{}` ({})",
                            self.notes[i].meta.slug,
                            self.notes[i].rel.display()
                        )
                    })
                    .collect();
                diags.push(
                    Diagnostic::error(
                        "link-ambiguous",
                        format!(
                            "the {what} `{target}` names {} notes: {}",
                            many.len(),
                            names.join(", ")
                        ),
                        Location::Span(file, span.clone()),
                    )
                    .with_help(format!(
                        "link by slug, which is unique, such as `[[{}]]`",
                        self.notes[many[0]].meta.slug
                    )),
                );
                None
            }
            Lookup::Missing if self.index.may_name_unreadable(target) => None,
            Lookup::Missing => {
                let kind = match what {
                    "denied claim" => "claim",
                    "claimant" | "`by`" => "person",
                    _ => "note",
                };
                diags.push(
                    Diagnostic::error(
                        "link-unresolved",
                        format!("the {what} `{target}` matches no note"),
                        Location::Span(file, span.clone()),
                    )
                    .with_help_opt(did_you_mean(target, self.index.names()).or_else(|| {
                        Some(format!(
                            "create the note, or link to an existing one by its slug, alias or title (`dossier new {kind} \"{target}\"`)"
                        ))
                    })),
                );
                None
            }
        }
    }

    fn published_or_report(
        &self,
        old: usize,
        file: crate::files::FileId,
        span: &Range<usize>,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        match self.published[old] {
            Some(new) => Some(new),
            None => {
                diags.push(
                    Diagnostic::error(
                        "link-to-draft",
                        format!("`{}` is a draft, and this published note links to it", self.notes[old].meta.title),
                        Location::Span(file, span.clone()),
                    )
                    .with_help("publish it (remove `draft: true`), remove the link, or build with `--drafts` to preview"),
                );
                None
            }
        }
    }

    /// `[label](../people/x.md)`: the note at that path, relative to the linking note.
    fn file_target(
        &self,
        from: &Note,
        target: &str,
        span: &Range<usize>,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        // Resolved from the dossier's root, so `../content/people/x.md` from a note at the
        // top of `content/` finds `people/x.md` as an editor would.
        let base = Path::new("content").join(from.rel.parent().unwrap_or(Path::new("")));
        let wanted = normalize(&base.join(target))
            .and_then(|p| p.strip_prefix("content").ok().map(Path::to_path_buf));
        let old = wanted.as_deref().and_then(|w| self.index.at_path(w));
        match old {
            Some(old) => self.published_or_report(old, from.file, span, diags),
            None if wanted
                .as_deref()
                .is_some_and(|w| self.index.is_unreadable_path(w)) =>
            {
                None
            }
            None => {
                diags.push(
                    Diagnostic::error(
                        "link-unresolved",
                        format!("the link to `{target}` matches no note in `content/`"),
                        Location::Span(from.file, span.clone()),
                    )
                    .with_help("the path is relative to this note's folder; or use a wikilink such as `[[slug]]`"),
                );
                None
            }
        }
    }
}

/// `a/b/../c.md` -> `a/c.md`; `None` when it climbs out of `content/`.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn check_slugs(notes: &[Arc<Note>], diags: &mut Diagnostics) {
    let mut by_slug: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for n in notes {
        by_slug.entry(n.meta.slug.as_str()).or_default().push(n);
        if RESERVED_SLUGS.contains(&n.meta.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    "slug-reserved",
                    format!("the slug `{}` is a page of the site itself", n.meta.slug),
                    Location::Span(n.file, n.meta.slug_span.clone()),
                )
                .with_help(format!(
                    "set another `slug:`; these are taken: {}",
                    crate::yaml::list(RESERVED_SLUGS)
                )),
            );
        }
    }
    for (slug, group) in by_slug {
        if group.len() < 2 || slug.is_empty() {
            continue;
        }
        let paths: Vec<String> = group
            .iter()
            .map(|n| format!("`content/{}`", n.rel.display()))
            .collect();
        for n in &group {
            diags.push(
                Diagnostic::error(
                    "slug-duplicate",
                    format!(
                        "{} notes have the slug `{slug}`: {}",
                        group.len(),
                        paths.join(", ")
                    ),
                    Location::Span(n.file, n.meta.slug_span.clone()),
                )
                .with_help("give one of them another `slug:` in its front matter"),
            );
        }
    }
}

/// Each source's place by its id; asked for every citation.
type SourceIds = HashMap<String, usize, ahash::RandomState>;

fn source_index(sources: &[Source], diags: &mut Diagnostics) -> SourceIds {
    let mut ids = SourceIds::default();
    for (i, s) in sources.iter().enumerate() {
        if let Some(&first) = ids.get(&s.id) {
            diags.push(
                Diagnostic::error(
                    "source-duplicate-id",
                    format!("two sources have the id `{}`", s.id),
                    s.id_location.clone(),
                )
                .with_help(format!(
                    "the other is `seeds/{}`; give one of them another `id:` in its sidecar",
                    sources[first].stem
                )),
            );
        } else {
            ids.insert(s.id.clone(), i);
        }
    }
    ids
}

/// The source a citation names, if it exists and the paragraphs are in range.
fn check_citation(
    c: &Citation,
    file: crate::files::FileId,
    sources: &[Source],
    ids: &SourceIds,
    _files: &crate::files::Files,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let Some(&src) = ids.get(&c.source) else {
        diags.push(
            Diagnostic::error(
                "source-unknown",
                format!("no source has the id `{}`", c.source),
                Location::Span(file, c.span.clone()),
            )
            .with_help_opt(
                did_you_mean(&c.source, ids.keys().map(String::as_str)).or_else(|| {
                    Some(format!(
                        "archive it as `seeds/{}.txt` with a `seeds/{}.yaml` sidecar",
                        c.source, c.source
                    ))
                }),
            ),
        );
        return None;
    };
    let count = sources[src].paragraphs.len();
    if let Some(p) = c.paras
        && p.last as usize > count
    {
        diags.push(
            Diagnostic::error(
                "para-out-of-range",
                format!(
                    "`{}` has {count} paragraph{}; {} does not exist",
                    c.source,
                    if count == 1 { "" } else { "s" },
                    p.label()
                ),
                Location::Span(file, c.span.clone()),
            )
            .with_help(format!(
                "cite a paragraph from ¶1 to ¶{count}; the source page numbers them"
            )),
        );
        return None;
    }
    Some(src)
}

/// A note's citation of paragraphs `paras` in a source's list, and the quote with it: one
/// entry per note and paragraphs, however often the note cites them, each quote once.
fn add_quote(
    list: &mut Vec<SourceCitation>,
    note: usize,
    paras: Option<Paras>,
    quote: Option<QuoteMarks>,
) {
    // This note's citations are the last ones in the list: look only at those.
    let mine = list.iter().rev().take_while(|x| x.note == note);
    let at = match mine.clone().position(|x| x.paras == paras) {
        Some(back) => list.len() - 1 - back,
        None => {
            list.push(SourceCitation {
                note,
                paras,
                quotes: Vec::new(),
            });
            list.len() - 1
        }
    };
    if let Some(q) = quote
        && !list[at].quotes.iter().any(|x| x.quote == q.quote)
    {
        list[at].quotes.push(q);
    }
}

/// What to say when a quote is not in the cited paragraphs: the paragraph that does hold
/// it, or the closest passage, or how the paragraph begins.
fn quote_help(source: &Source, p: Paras, q: &str, text: &str) -> String {
    let holding: Vec<String> = source
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, r)| !quote::find(text, (*r).clone(), q).is_empty())
        .map(|(k, _)| format!("¶{}", k + 1))
        .collect();
    if let Some(first) = holding.first() {
        return format!(
            "the quote is in {}: cite `para: {}`",
            holding.join(", "),
            first.trim_start_matches('¶')
        );
    }
    let span = source.span(p);
    if let Some(near) = quote::closest(text, span.clone(), q) {
        return format!(
            "quote the source word for word; the closest passage in {} is «{}»",
            p.label(),
            &text[near]
        );
    }
    let start: String = text[span].chars().take(60).collect();
    format!(
        "quote the source word for word (white space, quote marks and dashes may differ); {} begins «{}…»",
        p.label(),
        start.trim()
    )
}

/// Where a citation's quote stands in its paragraphs; reports a quote that is not there.
fn quote_marks(
    source: &Source,
    c: &Citation,
    q: &str,
    files: &crate::files::Files,
    file: crate::files::FileId,
    diags: &mut Diagnostics,
) -> Vec<Range<usize>> {
    let Some(p) = c.paras else { return Vec::new() };
    let text = files.get(source.file).text();
    let found = quote::find(text, source.span(p), q);
    if found.is_empty() {
        let help = quote_help(source, p, q, text);
        diags.push(
            Diagnostic::error(
                "quote-not-found",
                format!("the quote is not in {} of `{}`", p.label(), source.id),
                Location::Span(file, c.quote_span.clone().unwrap_or(c.span.clone())),
            )
            .with_help(help),
        );
    }
    found
}

/// The notes note `i` mentions, and how, in order: its links, then the notes its front
/// matter names. A note does not mention itself.
fn mentions(i: usize, n: &ResolvedNote) -> impl Iterator<Item = (usize, Mention)> + '_ {
    let o = &n.out;
    let links = n
        .note
        .links
        .iter()
        .zip(&o.link_targets)
        .filter_map(|(link, t)| Some((t.as_ref()?.note, Mention::Block(link.block))));
    let roles = o
        .claimant
        .map(|c| (c, Mention::Role("Named as the claimant.")))
        .into_iter()
        .chain(
            o.subjects
                .iter()
                .map(|&s| (s, Mention::Role("Named as a subject of the claim."))),
        )
        .chain(o.by.map(|b| (b, Mention::Role("Named as the respondent."))))
        .chain(
            o.denies
                .iter()
                .map(|&d| (d, Mention::Role("Answers this claim."))),
        );
    links.chain(roles).filter(move |&(t, _)| t != i)
}

/// Adds a mention to note `from`'s backlink: its text once, and no empty text.
fn add_mention(entry: &mut Backlink, from: &ResolvedNote, m: Mention) {
    let text = |m: Mention| match m {
        Mention::Block(b) => from.out.shown.get(b).map_or("", String::as_str),
        Mention::Role(r) => r,
    };
    let t = text(m);
    if !t.is_empty() && !entry.mentions.iter().any(|&x| text(x) == t) {
        entry.mentions.push(m);
    }
}

/// Every note's backlinks: per target, the notes that mention it, in note order.
fn backlinks(notes: &[ResolvedNote]) -> Vec<Arc<Vec<Backlink>>> {
    let mut back: Vec<Vec<Backlink>> = vec![Vec::new(); notes.len()];
    for (i, n) in notes.iter().enumerate() {
        for (target, m) in mentions(i, n) {
            let list = &mut back[target];
            if list.last().is_none_or(|b| b.from != i) {
                list.push(Backlink {
                    from: i,
                    mentions: Vec::new(),
                });
            }
            if let Some(entry) = list.last_mut() {
                add_mention(entry, n, m);
            }
        }
    }
    back.into_iter().map(Arc::new).collect()
}

/// The previous build's backlinks made current: for each note in `changed` (whose
/// resolution is not the one in `was`), its entry is taken out of the notes it mentioned
/// and put into the notes it mentions now. Gives what [`backlinks`] gives.
fn patch_backlinks<'a>(
    back: &mut [Arc<Vec<Backlink>>],
    was: impl Fn(usize) -> &'a (Arc<Note>, Arc<Outgoing>),
    notes: &[ResolvedNote],
    changed: &[usize],
) {
    for &c in changed {
        let n = &notes[c];
        // The note as it was, with its links then: it may have had more, or others.
        let (was_note, was_out) = was(c);
        let old = ResolvedNote {
            note: Arc::clone(was_note),
            out: Arc::clone(was_out),
            backlinks: Arc::default(),
            responses: Vec::new(),
        };
        let mut targets: Vec<usize> = mentions(c, &old)
            .chain(mentions(c, n))
            .map(|(t, _)| t)
            .collect();
        targets.sort_unstable();
        targets.dedup();
        for t in targets {
            let list = Arc::make_mut(&mut back[t]);
            list.retain(|b| b.from != c);
            let mut entry: Option<Backlink> = None;
            for (_, m) in mentions(c, n).filter(|&(x, _)| x == t) {
                let e = entry.get_or_insert_with(|| Backlink {
                    from: c,
                    mentions: Vec::new(),
                });
                add_mention(e, n, m);
            }
            if let Some(e) = entry {
                let at = list.partition_point(|b| b.from < c);
                list.insert(at, e);
            }
        }
    }
}

/// Each claim's responses.
fn link_responses(notes: &mut [ResolvedNote]) {
    let mut responses: Vec<Vec<usize>> = vec![Vec::new(); notes.len()];
    for (i, n) in notes.iter().enumerate() {
        for &d in &n.out.denies {
            if !responses[d].contains(&i) {
                responses[d].push(i);
            }
        }
    }
    for (i, r) in responses.into_iter().enumerate() {
        notes[i].responses = r;
    }
}

/// The blocks of note `i` that link to another note, as a backlink shows them: with each
/// bare link replaced by what the page shows for it (the target's title), marks removed.
fn shown_blocks(i: usize, note: &Note, targets: &[Option<LinkTarget>]) -> Vec<String> {
    let mut shown = vec![String::new(); note.contexts.len()];
    let mut done = vec![false; shown.len()];
    for (link, t) in note.links.iter().zip(targets) {
        let Some(t) = t else { continue };
        if t.note == i || done.get(link.block) != Some(&false) {
            continue;
        }
        done[link.block] = true;
        let mut context = note.contexts[link.block].clone();
        for (other, t) in note.links.iter().zip(targets) {
            if other.block != link.block {
                continue;
            }
            if let Some(LinkTarget {
                display: Some(d), ..
            }) = t
            {
                let marked = format!("{LINK_OPEN}{}{LINK_CLOSE}", other.written());
                context = context.replacen(&marked, d, 1);
            }
        }
        shown[link.block] = without_link_marks(&context);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_stays_inside_content() {
        assert_eq!(
            normalize(Path::new("a/../b/c.md")),
            Some(PathBuf::from("b/c.md"))
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
    }
}
