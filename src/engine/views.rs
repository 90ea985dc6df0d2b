//! The engine as the stages see it: the [`World`] a note is resolved in and the [`Catalog`]
//! a page is made from, each answer read from the engine's results and recorded.

use std::path::Path;

use super::Engine;
use super::memo::{self, Key, Query, Read, Recorder};
use crate::i18n::Interface;
use crate::id::{NoteId, SourceId, TagId};
use crate::parse::{Kind, Note, Source};
use crate::render::catalog::{Catalog, SourceRef, Tag};
use crate::render::layout::Urls;
use crate::render::view::{Listed, Shared, SiteView};
use crate::resolve::inverse::Made;
use crate::resolve::{Backlink, Facts, Lookup, RefEntry, Resolution, Roles, SourceCitation, World};

/// The engine's results, read through a recorder (or unrecorded: [`Engine::catalog`]).
pub(super) struct Reading<'a> {
    e: &'a Engine,
    rec: Option<&'a Recorder>,
}

impl<'a> Reading<'a> {
    pub(super) fn new(e: &'a Engine, rec: &'a Recorder) -> Reading<'a> {
        Reading { e, rec: Some(rec) }
    }

    fn stamp(&self, key: Key) {
        if let Some(rec) = self.rec {
            rec.read(|| Read::Stamp(key, self.e.stamp(key)));
        }
    }

    fn query<T: std::hash::Hash>(&self, q: impl FnOnce() -> Query, answer: &T) {
        if let Some(rec) = self.rec {
            rec.read(|| Read::Query(q(), memo::digest(answer)));
        }
    }
}

impl Engine {
    /// The last build's results as pages see them, read without being recorded: for asking
    /// which pages the site has (asked again every build), and for benchmarks and tests.
    pub(crate) fn catalog(&self) -> impl Catalog + '_ {
        Reading { e: self, rec: None }
    }
}

/// What is asked of a result the engine does not have: a bug in the caller, which asked
/// about a note or source that is not published.
#[allow(clippy::panic)]
fn missing(what: &str) -> ! {
    panic!("the engine has no {what}")
}

impl World for Reading<'_> {
    fn lookup(&self, name: &str) -> Lookup {
        let answer = self.e.index.lookup(name);
        self.query(|| Query::Name(name.into()), &answer);
        answer
    }

    fn at_path(&self, rel: &Path) -> Option<NoteId> {
        let answer = self.e.index.at_path(rel);
        self.query(|| Query::Path(rel.to_path_buf()), &answer);
        answer
    }

    fn with_slug(&self, slug: &str) -> Vec<NoteId> {
        let answer = self.e.index.with_slug(slug);
        self.query(|| Query::Slug(slug.into()), &answer);
        answer.to_vec()
    }

    fn facts(&self, id: NoteId) -> &Facts {
        self.stamp(Key::Facts(id));
        self.e.facts.get(id).unwrap_or_else(|| missing("facts"))
    }

    fn drafts_published(&self) -> bool {
        self.stamp(Key::Drafts);
        self.e.drafts.as_ref().is_some_and(|d| d.value)
    }

    fn names(&self) -> Vec<&str> {
        self.stamp(Key::Names);
        self.e.index.names()
    }

    fn may_name_unreadable(&self, name: &str) -> bool {
        self.stamp(Key::Unreadable);
        self.e.index.may_name_unreadable(name)
    }

    fn is_unreadable_path(&self, rel: &Path) -> bool {
        self.stamp(Key::Unreadable);
        self.e.index.is_unreadable_path(rel)
    }

    fn source(&self, id: &str) -> Option<SourceId> {
        let answer = self.e.source_named.get(id).copied();
        self.query(|| Query::Source(id.into()), &answer.as_ref());
        answer
    }

    fn source_ids(&self) -> Vec<&str> {
        self.stamp(Key::SourceNames);
        self.e
            .source_names
            .iter()
            .flat_map(|n| n.value.iter().map(|(id, _)| id.as_str()))
            .collect()
    }

    fn source_doc(&self, id: SourceId) -> (&Source, &str) {
        self.stamp(Key::Source(id));
        let source = self.e.source_of(id).unwrap_or_else(|| missing("source"));
        (source, self.e.inputs.files.get(source.file).text())
    }

    fn site_page(&self, segment: &str) -> Option<String> {
        crate::render::layout::reserved_page(segment)
    }
}

impl Catalog for Reading<'_> {
    fn interface(&self) -> &Interface {
        self.stamp(Key::Interface);
        self.e
            .interface
            .as_ref()
            .map(|i| &*i.value)
            .unwrap_or_else(|| missing("interface"))
    }

    fn urls(&self) -> &Urls {
        self.stamp(Key::Urls);
        self.e
            .urls
            .as_ref()
            .map(|u| &u.value)
            .unwrap_or_else(|| missing("URLs"))
    }

    fn site(&self) -> &Shared<SiteView> {
        self.stamp(Key::Site);
        self.e
            .site
            .as_ref()
            .map(|s| &s.value)
            .unwrap_or_else(|| missing("site"))
    }

    fn notes(&self) -> &[NoteId] {
        self.stamp(Key::Notes);
        self.e.published.as_ref().map_or(&[], |p| &p.value)
    }

    fn listed(&self, id: NoteId) -> &Listed {
        self.stamp(Key::Listed(id));
        self.e
            .listed
            .get(id)
            .unwrap_or_else(|| missing("listed note"))
    }

    fn slug(&self, id: NoteId) -> &str {
        self.stamp(Key::Slug(id));
        &self
            .e
            .listed
            .get(id)
            .unwrap_or_else(|| missing("listed note"))
            .slug
    }

    fn note(&self, id: NoteId) -> &Note {
        self.stamp(Key::Note(id));
        self.e.note(id).unwrap_or_else(|| missing("note"))
    }

    fn note_text(&self, id: NoteId) -> &str {
        let file = self.note(id).file;
        self.stamp(Key::File(file));
        self.e.inputs.files.get(file).text()
    }

    fn resolution(&self, id: NoteId) -> &Resolution {
        self.stamp(Key::Resolution(id));
        self.e
            .resolved
            .get(id)
            .unwrap_or_else(|| missing("resolution"))
    }

    fn references(&self, id: NoteId) -> &[RefEntry] {
        self.stamp(Key::References(id));
        self.e.resolved.get(id).map_or(&[], |r| &r.references)
    }

    fn evidence(&self, id: NoteId) -> Vec<(usize, &RefEntry)> {
        self.stamp(Key::Evidence(id));
        self.e.resolved.get(id).map_or(Vec::new(), |r| r.evidence())
    }

    fn roles(&self, id: NoteId) -> &Roles {
        self.stamp(Key::Roles(id));
        self.e.roles.get(id).unwrap_or_else(|| missing("roles"))
    }

    fn backlinks(&self, id: NoteId) -> &[Backlink] {
        self.stamp(Key::Backlinks(id));
        self.e.backlinks.get(id).map_or(&[], Vec::as_slice)
    }

    fn responses(&self, id: NoteId) -> &[NoteId] {
        self.stamp(Key::Responses(id));
        self.e.responses.get(id).map_or(&[], Vec::as_slice)
    }

    fn made(&self, id: NoteId) -> &Made {
        self.stamp(Key::Made(id));
        self.e
            .made
            .get(id)
            .unwrap_or_else(|| missing("claims made"))
    }

    fn kind(&self, kind: Kind) -> &[NoteId] {
        self.stamp(Key::Kind(kind));
        let i = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
        self.e.kinds[i].as_ref().map_or(&[], |l| &l.value)
    }

    fn tags(&self) -> &[TagId] {
        self.stamp(Key::Tags);
        self.e.tag_list.as_ref().map_or(&[], |l| &l.value)
    }

    fn tag_id(&self, slug: &str) -> Option<TagId> {
        // A slug's id is given once and kept: asking for it reads nothing that can change.
        self.e.tag_ids.get(slug).copied()
    }

    fn tag(&self, id: TagId) -> Option<&Tag> {
        self.stamp(Key::Tag(id));
        self.e.tags.get(id)
    }

    fn sources(&self) -> &[SourceId] {
        self.stamp(Key::Sources);
        self.e.sources.as_ref().map_or(&[], |s| &s.value)
    }

    fn source(&self, id: SourceId) -> &Source {
        self.stamp(Key::Source(id));
        self.e.source_of(id).unwrap_or_else(|| missing("source"))
    }

    fn source_ref(&self, id: SourceId) -> &SourceRef {
        self.stamp(Key::SourceRef(id));
        self.e
            .source_refs
            .get(id)
            .unwrap_or_else(|| missing("source reference"))
    }

    fn source_text(&self, id: SourceId) -> &str {
        let file = Catalog::source(self, id).file;
        self.stamp(Key::File(file));
        self.e.inputs.files.get(file).text()
    }

    fn citations(&self, id: SourceId) -> &[SourceCitation] {
        self.stamp(Key::Citations(id));
        self.e.citations.get(id).map_or(&[], Vec::as_slice)
    }

    fn search_file(&self, name: &str) -> &[u8] {
        let bytes = self.e.search_file(name);
        self.query(|| Query::Search(name.into()), &bytes);
        bytes.unwrap_or_default()
    }

    fn search(&self) -> &crate::render::search::Published {
        // Before the first index is made (a build stopped by errors makes no page).
        static EMPTY: crate::render::search::Published = crate::render::search::Published {
            manifest: Vec::new(),
            parts: Vec::new(),
        };
        self.stamp(Key::Search);
        self.e
            .search
            .published
            .as_ref()
            .map_or(&EMPTY, |p| &p.value)
    }
}
