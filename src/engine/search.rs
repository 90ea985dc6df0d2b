//! The engine's search stage: the site's search index ([`crate::render::search`]), kept
//! from one build to the next. A note's or a source's words are taken again only when it
//! changed (its stamps say so); the files of the index are made again when any document's
//! words, how results show it, or the documents' order changed, and keep their stamp when
//! they come out the same.

use std::collections::HashMap;
use std::sync::Arc;

use super::Engine;
use super::memo::{Key, Rev, Stamped};
use crate::id::{Id as _, NoteId, SourceId};
use crate::render::search::{self, Doc, Index, Published};

/// A document of the index: a published note or a source, in 32 bits (the index holds
/// one per word of every document): a source's id with the top bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct DocKey(u32);

/// What a [`DocKey`] stands for.
enum Document {
    Note(NoteId),
    Source(SourceId),
}

const SOURCE_BIT: u32 = 1 << 31;

impl DocKey {
    fn note(id: NoteId) -> DocKey {
        DocKey(u32::try_from(id.index()).unwrap_or(u32::MAX) & !SOURCE_BIT)
    }

    fn source(id: SourceId) -> DocKey {
        DocKey(u32::try_from(id.index()).unwrap_or(u32::MAX) | SOURCE_BIT)
    }

    fn get(self) -> Document {
        let i = (self.0 & !SOURCE_BIT) as usize;
        if self.0 & SOURCE_BIT == 0 {
            Document::Note(NoteId::from_index(i))
        } else {
            Document::Source(SourceId::from_index(i))
        }
    }
}

/// The index and what each document's words were taken from.
#[derive(Debug, Default)]
pub(super) struct Search {
    index: Index<DocKey>,
    /// Each document as results show it, and the stamps it was read with.
    docs: HashMap<DocKey, (Doc, [Rev; 2]), ahash::RandomState>,
    /// The documents in the order they are numbered.
    order: Vec<DocKey>,
    pub(super) published: Option<Stamped<Arc<Published>>>,
}

impl Engine {
    /// A file of the search index by name, if the index has it.
    pub(super) fn search_file(&self, name: &str) -> Option<&[u8]> {
        self.search.published.as_ref()?.value.file(name)
    }

    /// Brings the search index up to date with the published notes and the sources.
    pub(crate) fn index_search(&mut self) {
        use rayon::prelude::*;
        let rev = self.rev;
        let notes = self.published.as_ref().map_or(&[][..], |p| &p.value[..]);
        let sources = self.sources.as_ref().map_or(&[][..], |s| &s.value[..]);
        let mut search = std::mem::take(&mut self.search);
        let order: Vec<DocKey> = notes
            .iter()
            .map(|&n| DocKey::note(n))
            .chain(sources.iter().map(|&s| DocKey::source(s)))
            .collect();
        // Each document whose note or source changed, read again (in parallel: its words
        // are most of the stage's work).
        // A batch at a time, so that a full build never holds every document's words twice.
        let mut changed = false;
        for batch in order.chunks(1024) {
            let fresh: Vec<(DocKey, Terms, Doc, [Rev; 2])> = batch
                .par_iter()
                .filter_map(|&key| {
                    let stamps = match key.get() {
                        Document::Note(id) => [self.parsed.stamp(id), self.listed.stamp(id)],
                        Document::Source(id) => {
                            [self.parsed_sources.stamp(id), self.source_refs.stamp(id)]
                        }
                    };
                    if search.docs.get(&key).is_some_and(|(_, s)| *s == stamps) {
                        return None;
                    }
                    let (terms, doc) = self.document(key)?;
                    Some((key, terms, doc, stamps))
                })
                .collect();
            for (key, terms, doc, stamps) in fresh {
                // A note whose words and result are as they were (an edit of its links or
                // its front matter's other keys) changes nothing here.
                changed |= search.index.set(key, terms, self.keep);
                if let Some(old) = search.docs.insert(key, (doc, stamps)) {
                    changed |= search.docs.get(&key).is_some_and(|(d, _)| *d != old.0);
                } else {
                    changed = true;
                }
            }
        }
        if order != search.order {
            let now: std::collections::HashSet<DocKey> = order.iter().copied().collect();
            search.index.retain(|k| now.contains(&k));
            search.docs.retain(|k, _| now.contains(k));
            search.order = order;
            changed = true;
        }
        if changed || search.published.is_none() {
            let docs: Vec<(DocKey, &Doc)> = search
                .order
                .iter()
                .filter_map(|k| Some((*k, &search.docs.get(k)?.0)))
                .collect();
            let files = Arc::new(search.index.publish(&docs, self.keep));
            if Stamped::set(&mut search.published, files, rev) {
                self.books.changed_now.push(Key::Search);
            }
        }
        if !self.keep {
            // A build that keeps nothing needs only the files.
            search.index = Index::default();
            search.docs.clear();
        }
        self.search = search;
    }
}

/// A document's words, with the fields each is in.
type Terms = Vec<(Box<str>, u8)>;

impl Engine {
    /// A document's words and how results show it; `None` if the engine does not have it.
    fn document(&self, key: DocKey) -> Option<(Terms, Doc)> {
        match key.get() {
            Document::Note(id) => {
                let (note, listed) = (self.note(id)?, self.listed.get(id)?);
                let m = &note.meta;
                let summary = m.summary.as_deref().unwrap_or("");
                let terms = search::terms(&m.title, &m.aliases, summary, &note.words);
                let doc = Doc {
                    url: listed.url.clone(),
                    title: m.title.clone(),
                    kind: m.kind.name().to_string(),
                    summary: summary.to_string(),
                };
                Some((terms, doc))
            }
            Document::Source(id) => {
                let (source, r) = (self.source_of(id)?, self.source_refs.get(id)?);
                let mut words = crate::words::WordSet::default();
                words.add(self.inputs.files.get(source.file).text());
                let publisher = source.meta.publisher.as_deref().unwrap_or("");
                let terms = search::terms(&r.title, &[], publisher, &words.finish());
                let doc = Doc {
                    url: r.url.clone(),
                    title: r.title.clone(),
                    kind: "source".to_string(),
                    summary: r.label.clone(),
                };
                Some((terms, doc))
            }
        }
    }
}
