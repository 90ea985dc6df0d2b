//! The engine: every stage's results, kept from one build to the next, and made again only
//! when something they read changed. This is the one place that knows about reuse.
//!
//! The stages (`load`, `parse`, `resolve`, the search index, `render`) are plain functions
//! of what they are given. The engine calls them, item by item (a note, a source, a page), and records what
//! each call read, with the stamp ([`memo::Rev`]) each thing read had: a note's parse reads
//! its file; a note's resolution reads its note and asks the [`World`](crate::resolve::World)
//! about others (which note a name stands for, another note's [`crate::resolve::Facts`],
//! a source); a page reads the [`Catalog`](crate::render::Catalog) (how lists show a note, its
//! references, its backlinks, a kind's listing, the site…). In the next build an item is
//! made again only if one of its records no longer holds; a result made again and found
//! equal keeps its old stamp, so what read it holds too (salsa's early cut-off). The records
//! are also kept turned around ([`memo::Dependents`]): a build checks only the items that
//! read something it changed, so an edit to one note costs about what it affects, not a
//! check of every item of a large dossier.
//!
//! The build runs the stages in order, so everything an item can read is already current
//! when the item is checked: no item needs another checked first, and every stage runs its
//! items in parallel. Ids ([`NoteId`], [`SourceId`], [`TagId`], [`FileId`]) are given by
//! path (or slug) once and kept, so nothing kept has to be renumbered.
//!
//! The interface's words ([`Interface`], from the theme's translation tables) are one value
//! with one stamp ([`memo::Key::Interface`]), read by how lists show a note (its date), by
//! how references name a source, and by every page made from a template (`t()`).
//!
//! The search index ([`search`]) is kept whole rather than item by item: each build takes
//! again the words of the notes and sources whose stamps changed, and its files' pages
//! read each file alone ([`memo::Query::Search`]).
//!
//! A one-shot build (`build`, `check`) records nothing and keeps no page: the same stages,
//! with nothing to compare against. `serve` keeps one engine for the whole session and tells
//! it which files the watcher saw change ([`Engine::changed`]).
//!
//! Why not the `salsa` crate: its tracked functions take the database, so every stage would
//! know the engine; here the stages stay plain functions and only this module wraps them.
//! And since the build runs in stage order, checking an item never recurses, which keeps
//! both the checks and the parallel stages simple.

mod inputs;
mod memo;
mod notes;
mod pages;
mod search;
mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::files::{FileId, Files};
use crate::i18n::{Interface, TableFile};
use crate::id::{IdVec, NoteId, SourceId, TagId};
use crate::load::StaticFile;
use crate::parse::{Kind, ParsedNote, ParsedSource, SourceDoc, Unreadable};
use crate::render::catalog::{SourceRef, Tag};
use crate::render::layout::Urls;
use crate::render::templates::TemplateFile;
use crate::render::view::{Listed, Shared, SiteView};
use crate::resolve::inverse::Made;
use crate::resolve::{Backlink, Facts, NoteIndex, Resolution, Roles, SourceCitation};
use inputs::{Inputs, NoteFile};
use memo::{
    Dependents, GONE, Item, Key, PageId, Part, Query, Read, Recorder, Rev, Stamped, Table, stamp_of,
};

/// Every stage's results, kept for the next build.
#[derive(Debug)]
pub struct Engine {
    /// Keep results and record reads for a next build (`serve`).
    keep: bool,
    rev: Rev,
    inputs: Inputs,

    config: Option<Stamped<Config>>,
    urls: Option<Stamped<Urls>>,
    drafts: Option<Stamped<bool>>,
    interface: Option<Stamped<Arc<Interface>>>,
    /// What the interface was made from, and what reading its tables said.
    spoken: Option<(Spoken, Diagnostics)>,

    /// By the note's path under `content/`, as its bytes (Path hashes component by component).
    note_ids: HashMap<std::ffi::OsString, NoteId, ahash::RandomState>,
    /// The notes that could be read as text, in path order.
    order: Vec<(NoteId, FileId, PathBuf)>,
    parsed: Table<NoteId, ParsedNote>,
    facts: Table<NoteId, Facts>,
    unreadable: Option<Stamped<Vec<Unreadable>>>,
    index: NoteIndex,
    /// The build that last made the index.
    index_changed: Rev,
    slugs: Table<NoteId, Diagnostics>,
    /// The published notes, in path order.
    published: Option<Stamped<Vec<NoteId>>>,
    resolved: Table<NoteId, Resolution>,
    /// Parts of each resolution with stamps of their own: the reference list, and the
    /// evidence (they change less often than the rest: not when a citation only moves).
    references: Part,
    evidence: Part,
    roles: Table<NoteId, Roles>,
    /// Each published claim's warnings where its status contradicts its responses.
    standing: Table<NoteId, Diagnostics>,
    listed: Table<NoteId, Arc<Listed>>,
    /// The stamp of each published note's slug (a part of how lists show it).
    slugs_stamps: Part,
    /// The build that last turned the resolutions around.
    inverted: Rev,
    backlinks: Table<NoteId, Vec<Backlink>>,
    responses: Table<NoteId, Vec<NoteId>>,
    made: Table<NoteId, Made>,

    source_ids: HashMap<PathBuf, SourceId, ahash::RandomState>,
    docs: IdVec<SourceId, SourceDoc>,
    parsed_sources: Table<SourceId, ParsedSource>,
    /// The sources that could be read, in path order.
    sources: Option<Stamped<Vec<SourceId>>>,
    /// Each source id and its source (the first in path order), and the problems of the set.
    source_names: Option<Stamped<Vec<(String, SourceId)>>>,
    source_named: HashMap<String, SourceId, ahash::RandomState>,
    source_diags: Diagnostics,
    source_refs: Table<SourceId, SourceRef>,
    citations: Table<SourceId, Vec<SourceCitation>>,

    places: Table<NoteId, notes::Place>,
    /// The build that last ordered the listings.
    ordered: Rev,
    kinds: [Option<Stamped<Vec<NoteId>>>; Kind::ALL.len()],
    tag_ids: HashMap<String, TagId, ahash::RandomState>,
    tags: Table<TagId, Tag>,
    tag_list: Option<Stamped<Vec<TagId>>>,
    site: Option<Stamped<Shared<SiteView>>>,
    search: search::Search,

    templates: Option<pages::Compiled>,
    page_ids: HashMap<String, PageId, ahash::RandomState>,
    pages: HashMap<PageId, pages::PageSlot, ahash::RandomState>,

    /// What changed when, and who read what.
    books: Books,
}

/// What the interface's words are made from (see [`Engine::speak`]).
#[derive(Debug, PartialEq)]
struct Spoken {
    language: String,
    content: Option<String>,
    at: crate::diag::Location,
    tables: Vec<(TableFile, Rev)>,
    templates: Vec<Rev>,
}

/// The engine's bookkeeping beside its results.
#[derive(Debug, Default)]
struct Books {
    /// The values this build changed so far (their stamps are this build's).
    changed_now: Vec<Key>,
    /// The values earlier builds changed, with the build, while a stage has not yet run
    /// since (a build that stops on errors makes no page).
    changes: Vec<(Rev, Key)>,
    /// The build in which each stage last ran to its end.
    done: [Rev; Item::STAGES],
    /// For each value, the results that read it.
    dependents: Dependents,
}

/// What `load` found, for the stages after it.
#[derive(Debug)]
pub(crate) struct Loaded {
    notes: Vec<NoteFile>,
    sources: Vec<SourceDoc>,
    templates: Vec<TemplateFile>,
    pub statics: Vec<StaticFile>,
}

impl Loaded {
    pub(crate) fn templates(&self) -> &[TemplateFile] {
        &self.templates
    }
}

/// How much of the site a build made, and how much it took as it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    pub notes_parsed: usize,
    pub notes_resolved: usize,
    pub pages_made: usize,
    pub pages: usize,
}

impl Engine {
    /// An engine for one build, which keeps nothing for another.
    pub fn one_shot() -> Engine {
        Engine::new(false)
    }

    /// An engine that keeps each build's results for the next (`serve`).
    pub fn keeping() -> Engine {
        Engine::new(true)
    }

    fn new(keep: bool) -> Engine {
        Engine {
            keep,
            rev: Rev::default(),
            inputs: Inputs::new(keep),
            config: None,
            urls: None,
            drafts: None,
            interface: None,
            spoken: None,
            note_ids: HashMap::default(),
            order: Vec::new(),
            parsed: Table::default(),
            facts: Table::default(),
            unreadable: None,
            index: NoteIndex::default(),
            index_changed: GONE,
            slugs: Table::default(),
            published: None,
            resolved: Table::default(),
            references: Part::default(),
            evidence: Part::default(),
            roles: Table::default(),
            standing: Table::default(),
            listed: Table::default(),
            slugs_stamps: Part::default(),
            inverted: GONE,
            backlinks: Table::default(),
            responses: Table::default(),
            made: Table::default(),
            source_ids: HashMap::default(),
            docs: IdVec::default(),
            parsed_sources: Table::default(),
            sources: None,
            source_names: None,
            source_named: HashMap::default(),
            source_diags: Diagnostics::default(),
            source_refs: Table::default(),
            citations: Table::default(),
            places: Table::default(),
            ordered: GONE,
            kinds: Default::default(),
            tag_ids: HashMap::default(),
            tags: Table::default(),
            tag_list: None,
            site: None,
            search: search::Search::default(),
            templates: None,
            page_ids: HashMap::default(),
            pages: HashMap::default(),
            books: Books::default(),
        }
    }

    /// The paths a file watcher saw change since the last build (`serve`): the next build
    /// takes every other note as it was, without looking at it on disk. Without this, a
    /// build looks at every note's size and time.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.inputs.changed(paths);
    }

    /// Every file read so far, for showing diagnostics.
    pub(crate) fn files(&self) -> &Files {
        &self.inputs.files
    }

    /// The interface's words of the last build (English before any build).
    pub(crate) fn interface(&self) -> Arc<Interface> {
        self.interface.as_ref().map_or_else(
            || Arc::new(Interface::built_in_english()),
            |i| Arc::clone(&i.value),
        )
    }

    /// The path every link of the built site starts with (`/`, `/dossiers/musk/`).
    pub(crate) fn site_root(&self) -> &str {
        self.config.as_ref().map_or("/", |c| c.value.root.as_str())
    }

    /// Each published note's page (`elon-musk/index.html`) and the note's file.
    pub(crate) fn note_pages(&self) -> std::collections::HashMap<String, FileId> {
        let published = self.published.as_ref().map_or(&[][..], |p| &p.value[..]);
        published
            .iter()
            .filter_map(|&id| {
                let slug = &self.listed.get(id)?.inner.slug;
                let file = self.parsed.get(id)?.note.as_ref().ok()?.file;
                Some((crate::render::layout::file(&format!("{slug}/")), file))
            })
            .collect()
    }

    /// The published notes as parsed, in path order.
    pub(crate) fn published_notes(&self) -> impl Iterator<Item = &crate::parse::Note> {
        let published = self.published.as_ref().map_or(&[][..], |p| &p.value[..]);
        published.iter().filter_map(|&id| self.note(id))
    }

    /// The sources that could be read, in path order.
    pub(crate) fn read_sources(&self) -> impl Iterator<Item = &crate::parse::Source> {
        let sources = self.sources.as_ref().map_or(&[][..], |s| &s.value[..]);
        sources.iter().filter_map(|&id| self.source_of(id))
    }

    /// The notes left out of the site as drafts: each one's title, slug and file (none
    /// when drafts are published).
    pub(crate) fn drafts_left_out(&self) -> Vec<(String, String, FileId)> {
        let published: std::collections::HashSet<NoteId> = self
            .published
            .as_ref()
            .map(|p| p.value.iter().copied().collect())
            .unwrap_or_default();
        let mut out: Vec<(String, String, FileId)> = self
            .order
            .iter()
            .filter(|(id, _, _)| !published.contains(id))
            .filter_map(|(id, _, _)| self.note(*id))
            .filter(|n| n.meta.draft)
            .map(|n| (n.meta.title.clone(), n.meta.slug.clone(), n.file))
            .collect();
        out.sort();
        out
    }

    /// How many notes are published and sources read.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let notes = self.published.as_ref().map_or(0, |p| p.value.len());
        let sources = self.sources.as_ref().map_or(0, |s| s.value.len());
        (notes, sources)
    }

    /// Starts a build.
    pub(crate) fn next_build(&mut self) {
        let last = self.rev;
        self.books
            .changes
            .extend(self.books.changed_now.drain(..).map(|key| (last, key)));
        let oldest = self.books.done.iter().min().copied().unwrap_or_default();
        self.books.changes.retain(|(rev, _)| *rev > oldest);
        self.rev = Rev(self.rev.0 + 1);
        if self.books.dependents.stale() {
            self.remake_dependents();
        }
    }

    /// `dossier.yaml` and the build's options: the config, or `None` when it has errors.
    pub(crate) fn config(
        &mut self,
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
        diags: &mut Diagnostics,
    ) -> Result<Option<Config>> {
        let rev = self.rev;
        let file = self.inputs.config(root, rev)?;
        self.books.changed_now.extend(self.inputs.touched());
        let Some(config) = Config::parse(&self.inputs.files, file, base_url, diags) else {
            return Ok(None);
        };
        let urls = Urls::new(&config.root, &config.base_url);
        let now = &mut self.books.changed_now;
        set(&mut self.urls, urls, rev, Key::Urls, now);
        set(&mut self.drafts, drafts, rev, Key::Drafts, now);
        Stamped::set(&mut self.config, config.clone(), rev);
        Ok(Some(config))
    }

    /// Reads what changed of the notes, the sources and the theme.
    pub(crate) fn load(
        &mut self,
        root: &Path,
        config: &Config,
        diags: &mut Diagnostics,
    ) -> Result<Loaded> {
        let rev = self.rev;
        let notes = self.inputs.notes(root, rev, diags)?;
        let sources = self.inputs.sources(root, rev, diags)?;
        let (templates, tables, statics) = self.inputs.theme(root, config, rev, diags)?;
        self.inputs.read_all();
        self.books.changed_now.extend(self.inputs.touched());
        self.speak(config, &tables, &templates, diags);
        Ok(Loaded {
            notes,
            sources,
            templates,
            statics,
        })
    }

    /// The interface's words for the dossier's language, made again only when what they
    /// are made from changed: the language, the tables, or the templates (which say which
    /// strings of a theme's own are asked for). Reading the tables takes about a
    /// millisecond (release build), some 7 % of the preview's one-note rebuild of a
    /// 10,000-note dossier.
    fn speak(
        &mut self,
        config: &Config,
        tables: &[TableFile],
        templates: &[TemplateFile],
        diags: &mut Diagnostics,
    ) {
        let from = Spoken {
            language: config.language.clone(),
            content: config.content_language.clone(),
            at: config.language_at.clone(),
            tables: tables
                .iter()
                .map(|t| (t.clone(), self.inputs.stamp(t.file)))
                .collect(),
            templates: templates
                .iter()
                .map(|t| self.inputs.stamp(t.file))
                .collect(),
        };
        if let Some((was, said)) = &self.spoken
            && *was == from
        {
            diags.extend(said.clone());
            return;
        }
        let mut said = Diagnostics::default();
        let interface = Interface::new(
            &config.language,
            config.content_language.as_deref(),
            &config.language_at,
            tables,
            &self.inputs.files,
            &|key| {
                let quoted = format!("\"{key}\"");
                templates
                    .iter()
                    .any(|t| self.inputs.files.get(t.file).text().contains(&quoted))
            },
            &mut said,
        );
        diags.extend(said.clone());
        self.spoken = self.keep.then_some((from, said));
        set(
            &mut self.interface,
            Arc::new(interface),
            self.rev,
            Key::Interface,
            &mut self.books.changed_now,
        );
    }

    /// The stamp of a value the engine keeps.
    fn stamp(&self, key: Key) -> Rev {
        match key {
            Key::File(f) => self.inputs.stamp(f),
            Key::Note(n) => self.parsed.stamp(n),
            Key::Facts(n) => self.facts.stamp(n),
            Key::Resolution(n) => self.resolved.stamp(n),
            Key::References(n) => self.references.stamp(n),
            Key::Evidence(n) => self.evidence.stamp(n),
            Key::Slug(n) => self.slugs_stamps.stamp(n),
            Key::Roles(n) => self.roles.stamp(n),
            Key::Listed(n) => self.listed.stamp(n),
            Key::Backlinks(n) => self.backlinks.stamp(n),
            Key::Responses(n) => self.responses.stamp(n),
            Key::Made(n) => self.made.stamp(n),
            Key::Source(s) => self.parsed_sources.stamp(s),
            Key::SourceRef(s) => self.source_refs.stamp(s),
            Key::Citations(s) => self.citations.stamp(s),
            Key::Kind(k) => {
                let i = Kind::ALL.iter().position(|&x| x == k).unwrap_or(0);
                stamp_of(&self.kinds[i])
            }
            Key::Tag(t) => self.tags.stamp(t),
            Key::Tags => stamp_of(&self.tag_list),
            Key::Notes => stamp_of(&self.published),
            Key::Sources => stamp_of(&self.sources),
            Key::Names => self.index_changed,
            Key::Unreadable => stamp_of(&self.unreadable),
            Key::SourceNames => stamp_of(&self.source_names),
            Key::Drafts => stamp_of(&self.drafts),
            Key::Urls => stamp_of(&self.urls),
            Key::Interface => stamp_of(&self.interface),
            Key::Site => stamp_of(&self.site),
            Key::Templates => self.templates.as_ref().map_or(GONE, |t| t.changed),
            Key::Search => stamp_of(&self.search.published),
        }
    }

    /// A digest of a question's answer now.
    fn answer(&self, q: &Query) -> u64 {
        match q {
            Query::Name(n) => memo::digest(&self.index.lookup(n)),
            Query::Path(p) => memo::digest(&self.index.at_path(p)),
            Query::Slug(s) => memo::digest(self.index.with_slug(s)),
            Query::Source(id) => memo::digest(&self.source_named.get(&**id)),
            Query::Search(name) => memo::digest(&self.search_file(name)),
        }
    }

    /// Whether everything a result of a stage that last ran in build `since` read is as it
    /// was. A question is asked again only when what it is asked of changed after that: any
    /// earlier change was checked then. (This holds because what questions are asked of is
    /// made before the stages that ask: the source ids in `parse`, the index of names in
    /// `resolve` before the slug checks and the resolutions.)
    fn holds(&self, reads: &[Read], since: Rev) -> bool {
        reads.iter().all(|r| match r {
            Read::Stamp(key, seen) => self.stamp(*key) == *seen,
            Read::Query(q, answer) => self.stamp(r.key()) <= since || self.answer(q) == *answer,
        })
    }

    /// The results of `stage` that read something changed since the stage last ran.
    fn suspects(&self, stage: usize) -> std::collections::HashSet<Item, ahash::RandomState> {
        let since = self.books.done[stage];
        let keys: Vec<Key> = self
            .books
            .changes
            .iter()
            .filter(|(rev, _)| *rev > since)
            .map(|(_, key)| *key)
            .chain(self.books.changed_now.iter().copied())
            .collect();
        self.books
            .dependents
            .of(&keys)
            .filter(|item| item.stage() == stage)
            .collect()
    }

    /// Runs one stage's items: each that is new, or that read something changed since the
    /// stage last ran and no longer holds, is made with `make` (`None`: the item is not there
    /// after all).
    fn stage<I, V, F>(
        &self,
        table: &Table<I, V>,
        ids: &[I],
        item: fn(I) -> Item,
        make: F,
    ) -> Fresh<I, V>
    where
        I: crate::id::Id,
        V: PartialEq + Send + Sync,
        F: Fn(I, &Recorder) -> Option<V> + Sync,
    {
        use rayon::prelude::*;
        let Some(&first) = ids.first() else {
            return Vec::new();
        };
        let stage = item(first).stage();
        let (suspects, since) = (self.suspects(stage), self.books.done[stage]);
        ids.par_iter()
            .filter_map(|&id| {
                let stale = match table.slot(id) {
                    None => true,
                    Some(slot) => suspects.contains(&item(id)) && !self.holds(&slot.reads, since),
                };
                if !stale {
                    return None;
                }
                let rec = Recorder::new(self.keep);
                let value = Box::new(make(id, &rec)?);
                Some((id, value, rec.finish()))
            })
            .collect()
    }

    /// Makes the table of dependents again from every result's reads.
    fn remake_dependents(&mut self) {
        let mut d = Dependents::default();
        fn add<I: crate::id::Id, V: PartialEq>(
            d: &mut Dependents,
            t: &Table<I, V>,
            item: fn(I) -> Item,
        ) {
            for (id, slot) in t.iter() {
                d.add(item(id), &slot.reads);
            }
        }
        add(&mut d, &self.parsed, Item::Parse);
        add(&mut d, &self.facts, Item::Facts);
        add(&mut d, &self.slugs, Item::Slugs);
        add(&mut d, &self.resolved, Item::Resolve);
        add(&mut d, &self.roles, Item::Roles);
        add(&mut d, &self.standing, Item::Standing);
        add(&mut d, &self.listed, Item::Listed);
        add(&mut d, &self.places, Item::Place);
        add(&mut d, &self.parsed_sources, Item::Source);
        add(&mut d, &self.source_refs, Item::SourceRef);
        for (id, page) in &self.pages {
            d.add(Item::Page(*id), page.reads());
        }
        self.books.dependents = d;
    }
}

/// What a stage made: each item's value and reads.
type Fresh<I, V> = Vec<(I, Box<V>, Vec<Read>)>;

/// Sets a value in build `rev`, noting `key` as changed if it did.
fn set<V: PartialEq>(
    slot: &mut Option<Stamped<V>>,
    value: V,
    rev: Rev,
    key: Key,
    now: &mut Vec<Key>,
) -> bool {
    let changed = Stamped::set(slot, value, rev);
    if changed {
        now.push(key);
    }
    changed
}

/// Puts what a stage made into its table, noting what changed and who read what; then drops
/// the items that are gone (`keep` refuses them). Gives how many were made.
#[allow(clippy::too_many_arguments)]
fn apply<I: crate::id::Id, V: PartialEq>(
    table: &mut Table<I, V>,
    made: Fresh<I, V>,
    rev: Rev,
    item: fn(I) -> Item,
    key: Option<fn(I) -> Key>,
    keep: impl FnMut(I) -> bool,
    books: &mut Books,
) -> usize {
    let Books {
        dependents,
        changed_now: now,
        done,
        ..
    } = books;
    done[item(I::from_index(0)).stage()] = rev;
    let count = made.len();
    for (id, value, reads) in made {
        dependents.add(item(id), &reads);
        let (changed, was) = table.put(id, value, reads, rev);
        dependents.dropped(was);
        if changed && let Some(k) = key {
            now.push(k(id));
        }
    }
    for (id, reads) in table.retain(rev, keep) {
        dependents.dropped(reads);
        if let Some(k) = key {
            now.push(k(id));
        }
    }
    count
}
