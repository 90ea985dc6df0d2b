//! The engine's note and source stages: parse, resolve, turn around, check each claim's
//! status against its responses, order. Each wraps a
//! plain function of `parse`, `resolve` or `render` and keeps its results (see the module
//! above for how).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::memo::{GONE, Item, Key, Read, Rev};
use super::views::Reading;
use super::{Engine, Loaded, apply, set};
use crate::date::PartialDate;
use crate::diag::Diagnostics;
use crate::files::FileId;
use crate::id::{Id, IdVec, NoteId, SourceId, TagId};
use crate::parse::{self, Kind, Note, Source, SourceDoc};
use crate::render::catalog::{SourceRef, Tag};
use crate::render::view::{self, Listed, Shared, TagLink};
use crate::resolve::{self, Facts, NoteIndex, Roles};

/// What the kind listings and tag pages read of a note to order it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Place {
    kind: Kind,
    date: Option<PartialDate>,
    part: Option<crate::i18n::DatePart>,
    sort_title: String,
    slug: String,
    tags: Vec<(String, String)>,
}

impl Place {
    fn of(note: &Note) -> Place {
        let m = &note.meta;
        Place {
            kind: m.kind,
            date: m.date,
            part: m.date_part,
            sort_title: note.sort_title.clone(),
            slug: m.slug.clone(),
            tags: m
                .tags
                .iter()
                .cloned()
                .zip(note.tag_slugs.iter().cloned())
                .collect(),
        }
    }
}

impl Engine {
    /// Parses the notes and sources whose files changed. Gives how many notes it parsed.
    pub(crate) fn parse(&mut self, loaded: &Loaded, diags: &mut Diagnostics) -> usize {
        let rev = self.rev;
        let mut order = Vec::with_capacity(loaded.notes.len());
        for n in &loaded.notes {
            if let Some(file) = n.file {
                let next = NoteId::from_index(self.note_ids.len());
                let id = *self
                    .note_ids
                    .entry(n.rel.clone().into_os_string())
                    .or_insert(next);
                order.push((id, file, n.rel.clone()));
            }
        }
        let files: IdVec<NoteId, (FileId, &std::path::Path)> = {
            let mut v = IdVec::default();
            for (id, file, rel) in &order {
                v.set(*id, (*file, rel.as_path()));
            }
            v
        };
        let ids: Vec<NoteId> = order.iter().map(|n| n.0).collect();
        let made = self.stage(&self.parsed, &ids, Item::Parse, |id, rec| {
            let (file, rel) = *files.get(id)?;
            rec.read(|| Read::Stamp(Key::File(file), self.inputs.stamp(file)));
            Some(parse::note(file, self.inputs.files.get(file), rel))
        });
        drop(files);
        let on = IdSet::of(&ids);
        let parsed = apply(
            &mut self.parsed,
            made,
            rev,
            Item::Parse,
            Some(Key::Note),
            |id| on.has(id),
            &mut self.books,
        );
        self.order = order;
        for &id in &ids {
            if let Some(p) = self.parsed.get(id) {
                diags.extend(p.diags.clone());
            }
        }
        self.parse_sources(loaded, diags);
        parsed
    }

    fn parse_sources(&mut self, loaded: &Loaded, diags: &mut Diagnostics) {
        let rev = self.rev;
        let mut docs: Vec<(SourceId, SourceDoc)> = Vec::with_capacity(loaded.sources.len());
        for d in &loaded.sources {
            let path = self.inputs.files.get(d.file).path().to_path_buf();
            let next = SourceId::from_index(self.source_ids.len());
            let id = *self.source_ids.entry(path).or_insert(next);
            docs.push((id, d.clone()));
        }
        // A source read from other files (a sidecar came or went) or other bytes is new.
        for (id, doc) in &docs {
            if self.docs.get(*id) != Some(doc) {
                self.docs.set(*id, doc.clone());
                self.books.changed_now.push(Key::Source(*id));
                for (_, reads) in self.parsed_sources.retain(rev, |x| x != *id) {
                    self.books.dependents.dropped(reads);
                }
            }
        }
        let ids: Vec<SourceId> = docs.iter().map(|d| d.0).collect();
        let made = self.stage(&self.parsed_sources, &ids, Item::Source, |id, rec| {
            let doc = self.docs.get(id)?;
            rec.read(|| Read::Stamp(Key::File(doc.file), self.inputs.stamp(doc.file)));
            if let Some(s) = doc.sidecar {
                rec.read(|| Read::Stamp(Key::File(s), self.inputs.stamp(s)));
            }
            Some(parse::source_doc::source(&self.inputs.files, doc))
        });
        let on = IdSet::of(&ids);
        apply(
            &mut self.parsed_sources,
            made,
            rev,
            Item::Source,
            Some(Key::Source),
            |id| on.has(id),
            &mut self.books,
        );
        self.docs.retain(|id, _| on.has(id));
        let mut list = Vec::with_capacity(docs.len());
        for &id in &ids {
            if let Some(p) = self.parsed_sources.get(id) {
                diags.extend(p.diags.clone());
                if p.source.is_some() {
                    list.push(id);
                }
            }
        }
        let sources: Vec<(SourceId, &Source)> = list
            .iter()
            .filter_map(|&id| Some((id, self.source_of(id)?)))
            .collect();
        let (names, dup) = resolve::citations::source_ids(&sources);
        let now = &mut self.books.changed_now;
        if set(&mut self.source_names, names, rev, Key::SourceNames, now)
            && let Some(n) = &self.source_names
        {
            self.source_named = n.value.iter().cloned().collect();
        }
        self.source_diags = dup;
        diags.extend(self.source_diags.clone());
        set(
            &mut self.sources,
            list,
            rev,
            Key::Sources,
            &mut self.books.changed_now,
        );
    }

    /// The note as parsed, when it could be read.
    pub(super) fn note(&self, id: NoteId) -> Option<&Note> {
        self.parsed.get(id)?.note.as_ref().ok()
    }

    pub(super) fn source_of(&self, id: SourceId) -> Option<&Source> {
        self.parsed_sources.get(id)?.source.as_ref()
    }

    /// Resolves the notes whose reads changed. Gives how many it resolved.
    pub(crate) fn resolve(&mut self, diags: &mut Diagnostics) -> usize {
        let readable: Vec<NoteId> = self
            .order
            .iter()
            .map(|n| n.0)
            .filter(|&id| self.note(id).is_some())
            .collect();
        self.index_names(&readable);
        let drafts = self.drafts.as_ref().is_some_and(|d| d.value);
        let published: Vec<NoteId> = readable
            .iter()
            .copied()
            .filter(|&id| drafts || self.facts.get(id).is_some_and(|f| !f.draft))
            .collect();
        let rev = self.rev;
        let now = &mut self.books.changed_now;
        set(&mut self.published, published.clone(), rev, Key::Notes, now);
        self.check_slugs(&readable);
        let resolved = self.resolve_notes(&published);
        for &id in &readable {
            if let Some(d) = self.slugs.get(id) {
                diags.extend(d.clone());
            }
        }
        for &id in &published {
            if let Some(r) = self.resolved.get(id) {
                diags.extend(r.diags.clone());
            }
        }
        resolved
    }

    /// What each readable note shows of itself to others, and the index of every name a
    /// link can use, made again when any of those changed.
    fn index_names(&mut self, readable: &[NoteId]) {
        let rev = self.rev;
        let on = IdSet::of(readable);
        let made = self.stage(&self.facts, readable, Item::Facts, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            self.note(id).map(Facts::of)
        });
        let keep = |id| on.has(id);
        apply(
            &mut self.facts,
            made,
            rev,
            Item::Facts,
            Some(Key::Facts),
            keep,
            &mut self.books,
        );
        let unreadable: Vec<parse::Unreadable> = self
            .order
            .iter()
            .filter_map(|n| self.parsed.get(n.0)?.note.as_ref().err().cloned())
            .collect();
        let now = &mut self.books.changed_now;
        set(&mut self.unreadable, unreadable, rev, Key::Unreadable, now);
        let stale = |at: Rev| at != GONE && at > self.index_changed;
        if self.index_changed == GONE
            || stale(self.facts.changed)
            || stale(self.stamp(Key::Unreadable))
        {
            let facts: Vec<(NoteId, &Facts)> = readable
                .iter()
                .filter_map(|&id| Some((id, self.facts.get(id)?)))
                .collect();
            let unreadable = self.unreadable.iter().flat_map(|u| u.value.iter());
            self.index = NoteIndex::new(&facts, unreadable);
            self.index_changed = rev;
            self.books.changed_now.push(Key::Names);
        }
    }

    /// The slug checks of every readable note (drafts too).
    fn check_slugs(&mut self, readable: &[NoteId]) {
        let reserved = crate::render::layout::reserved();
        let made = self.stage(&self.slugs, readable, Item::Slugs, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            let world = Reading::new(self, rec);
            Some(resolve::slugs::check(id, self.note(id)?, &world, &reserved))
        });
        let on = IdSet::of(readable);
        let keep = |id| on.has(id);
        apply(
            &mut self.slugs,
            made,
            self.rev,
            Item::Slugs,
            None,
            keep,
            &mut self.books,
        );
    }

    /// The resolutions of the published notes. Gives how many were made.
    fn resolve_notes(&mut self, published: &[NoteId]) -> usize {
        let rev = self.rev;
        let made = self.stage(&self.resolved, published, Item::Resolve, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            let world = Reading::new(self, rec);
            Some(resolve::note(id, self.note(id)?, &world))
        });
        // The reference list and the evidence have stamps of their own.
        for (id, value, _) in &made {
            let old = self.resolved.get(*id);
            let same = old.is_some_and(|old| old.references == value.references);
            if self.references.made(*id, same, rev) {
                self.books.changed_now.push(Key::References(*id));
            }
            let same = old.is_some_and(|old| old.evidence() == value.evidence());
            if self.evidence.made(*id, same, rev) {
                self.books.changed_now.push(Key::Evidence(*id));
            }
        }
        let shown = IdSet::of(published);
        let keep = |id| shown.has(id);
        let key = Some(Key::Resolution as fn(NoteId) -> Key);
        let resolved = apply(
            &mut self.resolved,
            made,
            rev,
            Item::Resolve,
            key,
            keep,
            &mut self.books,
        );
        let now = &mut self.books.changed_now;
        now.extend(
            self.references
                .retain(keep)
                .into_iter()
                .map(Key::References),
        );
        now.extend(self.evidence.retain(keep).into_iter().map(Key::Evidence));
        resolved
    }

    /// Turns the resolutions around (backlinks, responses, citations of sources) and
    /// prepares what pages show of notes and sources: how lists show them, their roles,
    /// the listings' orders, the tags, the site.
    pub(crate) fn arrange(&mut self, diags: &mut Diagnostics) {
        let rev = self.rev;
        let published: Vec<NoteId> = self
            .published
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default();
        let on = IdSet::of(&published);
        self.invert(&published, &on);
        let made = self.stage(&self.roles, &published, Item::Roles, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            rec.read(|| Read::Stamp(Key::Resolution(id), self.resolved.stamp(id)));
            Some(Roles::of(self.note(id)?, self.resolved.get(id)?))
        });
        apply(
            &mut self.roles,
            made,
            rev,
            Item::Roles,
            Some(Key::Roles),
            |id| on.has(id),
            &mut self.books,
        );
        self.check_standing(&published, &on, diags);
        let Some(urls) = self.urls.as_ref().map(|u| u.value.clone()) else {
            return;
        };
        let words = self.interface.as_ref().map(|i| Arc::clone(&i.value));
        let made = self.stage(&self.listed, &published, Item::Listed, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            rec.read(|| Read::Stamp(Key::Urls, self.stamp(Key::Urls)));
            rec.read(|| Read::Stamp(Key::Interface, self.stamp(Key::Interface)));
            let link = view::note_link(self.note(id)?, &urls, words.as_ref()?);
            Some(Arc::new(Listed::new(link)))
        });
        // A note's slug has a stamp of its own: it changes less often than how lists show it.
        for (id, value, _) in &made {
            let same = self
                .listed
                .get(*id)
                .is_some_and(|old| old.slug == value.slug);
            if self.slugs_stamps.made(*id, same, rev) {
                self.books.changed_now.push(Key::Slug(*id));
            }
        }
        let gone = self.slugs_stamps.retain(|id| on.has(id));
        self.books
            .changed_now
            .extend(gone.into_iter().map(Key::Slug));
        apply(
            &mut self.listed,
            made,
            rev,
            Item::Listed,
            Some(Key::Listed),
            |id| on.has(id),
            &mut self.books,
        );
        self.order_lists(&published, &on, &urls);
        self.describe_sources(&urls);
        let count = |k: Kind| {
            let i = Kind::ALL.iter().position(|&x| x == k).unwrap_or(0);
            self.kinds[i].as_ref().map_or(0, |l| l.value.len())
        };
        if let (Some(config), Some(words)) = (
            self.config.as_ref().map(|c| &c.value),
            self.interface.as_ref().map(|i| &i.value),
        ) {
            let sources = self.sources.as_ref().map_or(0, |s| s.value.len());
            let tags = self.tag_list.as_ref().map_or(0, |t| t.value.len());
            let site = crate::render::site_view(config, &urls, count, sources, tags, words);
            set(
                &mut self.site,
                Shared::new(site),
                rev,
                Key::Site,
                &mut self.books.changed_now,
            );
        }
    }

    /// Each claim's status against its responses: what the check reads of the responses
    /// (their roles, their titles, their respondents' titles) is recorded.
    fn check_standing(&mut self, published: &[NoteId], on: &IdSet, diags: &mut Diagnostics) {
        let made = self.stage(&self.standing, published, Item::Standing, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            let note = self.note(id)?;
            let Some(claim) = &note.meta.claim else {
                return Some(Diagnostics::default());
            };
            rec.read(|| Read::Stamp(Key::Responses(id), self.responses.stamp(id)));
            let title = |n: NoteId| {
                rec.read(|| Read::Stamp(Key::Facts(n), self.facts.stamp(n)));
                self.facts.get(n).map(|f| f.title.as_str())
            };
            let mut answers = Vec::new();
            for &r in self.responses.get(id).map_or(&[][..], |v| v.as_slice()) {
                rec.read(|| Read::Stamp(Key::Roles(r), self.roles.stamp(r)));
                let Some(roles) = self.roles.get(r) else {
                    continue;
                };
                answers.push(resolve::standing::Answer {
                    title: title(r).unwrap_or_default(),
                    by: roles.by.and_then(title),
                    stance: roles.stance_on(id).unwrap_or_default(),
                });
            }
            Some(resolve::standing::check(note.file, claim, &answers))
        });
        apply(
            &mut self.standing,
            made,
            self.rev,
            Item::Standing,
            None,
            |id| on.has(id),
            &mut self.books,
        );
        // A note that failed drops out of the responses: the warnings that would follow
        // from that wait until the errors are fixed.
        if diags.has_errors() {
            return;
        }
        for &id in published {
            if let Some(d) = self.standing.get(id).filter(|d| !d.is_empty()) {
                diags.extend(d.clone());
            }
        }
    }

    /// Backlinks, responses, what each note claims and answers, each source's citations:
    /// made again whenever a resolution changed, and each kept where it came out the same.
    fn invert(&mut self, published: &[NoteId], on: &IdSet) {
        let rev = self.rev;
        // Each source's citations are kept for the sources there are.
        let changed = [
            self.resolved.changed,
            self.stamp(Key::Notes),
            self.stamp(Key::Sources),
        ];
        if self.inverted != GONE && changed.iter().all(|&c| c <= self.inverted) {
            return;
        }
        let resolutions: Vec<(NoteId, &resolve::Resolution)> = published
            .iter()
            .filter_map(|&id| Some((id, self.resolved.get(id)?)))
            .collect();
        let mut inv = resolve::inverse::invert(&resolutions);
        let now = &mut self.books.changed_now;
        for &id in published {
            let b = inv.backlinks.take(id).unwrap_or_default();
            if self.backlinks.put(id, Box::new(b), Vec::new(), rev).0 {
                now.push(Key::Backlinks(id));
            }
            let r = inv.responses.take(id).unwrap_or_default();
            if self.responses.put(id, Box::new(r), Vec::new(), rev).0 {
                now.push(Key::Responses(id));
            }
            let m = inv.made.take(id).unwrap_or_default();
            if self.made.put(id, Box::new(m), Vec::new(), rev).0 {
                now.push(Key::Made(id));
            }
        }
        now.extend(
            self.backlinks
                .retain(rev, |id| on.has(id))
                .into_iter()
                .map(|(id, _)| Key::Backlinks(id)),
        );
        now.extend(
            self.responses
                .retain(rev, |id| on.has(id))
                .into_iter()
                .map(|(id, _)| Key::Responses(id)),
        );
        now.extend(
            self.made
                .retain(rev, |id| on.has(id))
                .into_iter()
                .map(|(id, _)| Key::Made(id)),
        );
        let sources: Vec<SourceId> = self
            .sources
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        for &s in &sources {
            let c = inv.citations.take(s).unwrap_or_default();
            if self.citations.put(s, Box::new(c), Vec::new(), rev).0 {
                now.push(Key::Citations(s));
            }
        }
        let all = IdSet::of(&sources);
        now.extend(
            self.citations
                .retain(rev, |id| all.has(id))
                .into_iter()
                .map(|(id, _)| Key::Citations(id)),
        );
        self.inverted = rev;
    }

    /// The kind listings and the tags, made again when a note moved in them.
    fn order_lists(&mut self, published: &[NoteId], on: &IdSet, urls: &crate::render::Urls) {
        let rev = self.rev;
        let made = self.stage(&self.places, published, Item::Place, |id, rec| {
            rec.read(|| Read::Stamp(Key::Note(id), self.parsed.stamp(id)));
            self.note(id).map(Place::of)
        });
        apply(
            &mut self.places,
            made,
            rev,
            Item::Place,
            None,
            |id| on.has(id),
            &mut self.books,
        );
        let changed = [
            self.places.changed,
            self.stamp(Key::Notes),
            self.stamp(Key::Urls),
        ];
        if self.ordered != GONE && changed.iter().all(|&c| c <= self.ordered) {
            return;
        }
        let places: Vec<(NoteId, &Place)> = published
            .iter()
            .filter_map(|&id| Some((id, self.places.get(id)?)))
            .collect();
        let (kinds, tags) = rayon::join(
            || {
                Kind::ALL
                    .par_iter()
                    .map(|&k| sorted(&places, k))
                    .collect::<Vec<_>>()
            },
            || tags_of(&places),
        );
        for ((slot, list), &k) in self.kinds.iter_mut().zip(kinds).zip(&Kind::ALL) {
            set(slot, list, rev, Key::Kind(k), &mut self.books.changed_now);
        }
        let mut list = Vec::with_capacity(tags.len());
        for (slug, (name, members)) in tags {
            let next = TagId::from_index(self.tag_ids.len());
            let id = *self.tag_ids.entry(slug.clone()).or_insert(next);
            let link = TagLink {
                name,
                url: urls.tag(&slug),
                count: members.len(),
            };
            let tag = Tag {
                slug,
                link: Shared::new(link),
                members,
            };
            if self.tags.put(id, Box::new(tag), Vec::new(), rev).0 {
                self.books.changed_now.push(Key::Tag(id));
            }
            list.push(id);
        }
        let now = IdSet::of(&list);
        let gone = self.tags.retain(rev, |id| now.has(id));
        self.books
            .changed_now
            .extend(gone.into_iter().map(|(id, _)| Key::Tag(id)));
        set(
            &mut self.tag_list,
            list,
            rev,
            Key::Tags,
            &mut self.books.changed_now,
        );
        self.ordered = rev;
    }

    /// How references show each source.
    fn describe_sources(&mut self, urls: &crate::render::Urls) {
        let rev = self.rev;
        let sources: Vec<SourceId> = self
            .sources
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        let words = self.interface.as_ref().map(|i| Arc::clone(&i.value));
        let made = self.stage(&self.source_refs, &sources, Item::SourceRef, |id, rec| {
            rec.read(|| Read::Stamp(Key::Source(id), self.parsed_sources.stamp(id)));
            rec.read(|| Read::Stamp(Key::Interface, self.stamp(Key::Interface)));
            rec.read(|| Read::Stamp(Key::Urls, self.stamp(Key::Urls)));
            let s = self.source_of(id)?;
            // The relayed outlet's note, when one is named so and published.
            let relay_note = s.meta.via.as_deref().and_then(|v| {
                let answer = self.index.lookup(v);
                rec.read(|| {
                    Read::Query(
                        super::memo::Query::Name(v.into()),
                        super::memo::digest(&answer),
                    )
                });
                rec.read(|| Read::Stamp(Key::Notes, self.stamp(Key::Notes)));
                match answer {
                    resolve::Lookup::Found(n)
                        if self
                            .published
                            .as_ref()
                            .is_some_and(|p| p.value.contains(&n)) =>
                    {
                        Some(n)
                    }
                    _ => None,
                }
            });
            Some(SourceRef {
                relay_note,
                id: s.id.clone(),
                title: s.meta.title.clone().unwrap_or_else(|| s.stem.clone()),
                label: SourceRef::label(
                    s.meta.title.as_deref().unwrap_or(&s.stem),
                    s.meta.publisher.as_deref(),
                    s.meta.via.as_deref(),
                    words.as_ref()?,
                ),
                own: SourceRef::label(
                    s.meta.title.as_deref().unwrap_or(&s.stem),
                    s.meta.publisher.as_deref(),
                    None,
                    words.as_ref()?,
                ),
                publisher: s.meta.publisher.clone(),
                relay: s.meta.via.clone(),
                relay_paras: s.meta.via_paras.clone(),
                url: urls.source(&s.id),
                language: s.meta.language.clone(),
            })
        });
        let on = IdSet::of(&sources);
        apply(
            &mut self.source_refs,
            made,
            rev,
            Item::SourceRef,
            Some(Key::SourceRef),
            |id| on.has(id),
            &mut self.books,
        );
    }
}

/// A set of ids, as flags by id.
pub(super) struct IdSet(Vec<bool>);

impl IdSet {
    pub(super) fn of<I: Id>(ids: &[I]) -> IdSet {
        let mut flags = vec![false; ids.iter().map(|i| i.index() + 1).max().unwrap_or(0)];
        for i in ids {
            flags[i.index()] = true;
        }
        IdSet(flags)
    }

    pub(super) fn has<I: Id>(&self, id: I) -> bool {
        self.0.get(id.index()).copied().unwrap_or(false)
    }
}

/// The published notes of kind `k`, as its listing orders them: events, claims and responses
/// by date (undated last), everything else by title; slug breaks ties. A partial date sorts
/// at the end of its period: `2022` ("late 2022", "in 2022") after `2022-05`, since it may be
/// any time in the year.
fn sorted(places: &[(NoteId, &Place)], k: Kind) -> Vec<NoteId> {
    let dated = matches!(k, Kind::Event | Kind::Claim | Kind::Denial);
    let mut v: Vec<(NoteId, &Place)> = places.iter().copied().filter(|p| p.1.kind == k).collect();
    fn key(p: &Place, dated: bool) -> (bool, Option<(i16, u8, u8)>, &str, &str) {
        let date = p.date.filter(|_| dated);
        (
            dated && date.is_none(),
            date.map(|d| d.end_key_in(p.part)),
            p.sort_title.as_str(),
            p.slug.as_str(),
        )
    }
    v.sort_unstable_by(|a, b| key(a.1, dated).cmp(&key(b.1, dated)));
    v.into_iter().map(|p| p.0).collect()
}

/// Every tag by slug: its name as first written, and its notes by title (path order among
/// equal titles).
fn tags_of(places: &[(NoteId, &Place)]) -> BTreeMap<String, (String, Vec<NoteId>)> {
    // By slug: the name first written, and each note with its title.
    type Found<'a> = HashMap<&'a str, (&'a str, Vec<(NoteId, &'a str)>), ahash::RandomState>;
    let mut found: Found = HashMap::default();
    for &(id, p) in places {
        for (name, slug) in &p.tags {
            if slug.is_empty() {
                continue;
            }
            let entry = found.entry(slug).or_insert_with(|| (name, Vec::new()));
            // Notes come in order, so a repeat can only be the last one.
            if entry.1.last().map(|x| x.0) != Some(id) {
                entry.1.push((id, &p.sort_title));
            }
        }
    }
    found
        .into_par_iter()
        .map(|(slug, (name, mut members))| {
            members.sort_by(|a, b| a.1.cmp(b.1));
            let members = members.into_iter().map(|m| m.0).collect();
            (slug.to_string(), (name.to_string(), members))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}
