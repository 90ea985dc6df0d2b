//! The engine's search stage: the site's search index ([`crate::render::search`]), kept
//! from one build to the next. A note's or a source's words are taken again only when it
//! changed (its stamps say so); the files of the index are made again when any document's
//! words, how results show it, or the documents' order changed, and keep their stamp when
//! they come out the same.

use std::collections::HashMap;
use std::sync::Arc;

use super::Engine;
use super::memo::{Key, Rev, Stamped};
use crate::id::{NoteId, SourceId};
use crate::render::search::{self, Doc, Index, Published};

/// A document of the index: a published note or a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum DocKey {
    Note(NoteId),
    Source(SourceId),
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
        let rev = self.rev;
        let notes = self.published.as_ref().map_or(&[][..], |p| &p.value[..]);
        let sources = self.sources.as_ref().map_or(&[][..], |s| &s.value[..]);
        let mut order = Vec::with_capacity(notes.len() + sources.len());
        let mut changed = false;
        let mut search = std::mem::take(&mut self.search);
        for &id in notes {
            let key = DocKey::Note(id);
            order.push(key);
            let stamps = [self.parsed.stamp(id), self.listed.stamp(id)];
            if search.docs.get(&key).is_some_and(|(_, s)| *s == stamps) {
                continue;
            }
            let (Some(note), Some(listed)) = (self.note(id), self.listed.get(id)) else {
                continue;
            };
            let m = &note.meta;
            let summary = m.summary.as_deref().unwrap_or("");
            search.index.set(
                key,
                search::terms(&m.title, &m.aliases, summary, &note.words),
                self.keep,
            );
            let doc = Doc {
                url: listed.url.clone(),
                title: m.title.clone(),
                kind: m.kind.name().to_string(),
                summary: summary.to_string(),
            };
            search.docs.insert(key, (doc, stamps));
            changed = true;
        }
        for &id in sources {
            let key = DocKey::Source(id);
            order.push(key);
            let stamps = [self.parsed_sources.stamp(id), self.source_refs.stamp(id)];
            if search.docs.get(&key).is_some_and(|(_, s)| *s == stamps) {
                continue;
            }
            let (Some(source), Some(r)) = (self.source_of(id), self.source_refs.get(id)) else {
                continue;
            };
            let text = self.inputs.files.get(source.file).text();
            let mut words = Vec::new();
            crate::words::each_word(text, |w| words.push(w));
            words.sort_unstable();
            words.dedup();
            let summary = source.meta.publisher.as_deref().unwrap_or("");
            search.index.set(
                key,
                search::terms(&r.title, &[], summary, &words.join(" ")),
                self.keep,
            );
            let doc = Doc {
                url: r.url.clone(),
                title: r.title.clone(),
                kind: "source".to_string(),
                summary: r.label.clone(),
            };
            search.docs.insert(key, (doc, stamps));
            changed = true;
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
            let files = Arc::new(search.index.publish(&docs));
            if Stamped::set(&mut search.published, files, rev) {
                self.books.changed_now.push(Key::Search);
            }
        }
        self.search = search;
    }
}
