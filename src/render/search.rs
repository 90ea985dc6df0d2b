//! The site's search index: what the search page's script downloads to find notes and
//! sources in the reader's browser, with no server.
//!
//! Input: each document's words by field ([`terms`]) and how results show it ([`Doc`]).
//! Output: the files under `search/` ([`Index::publish`]): a manifest, the words split into
//! shards by their first letters so that a query downloads only the shards its words can be
//! in, and the documents in numbered chunks. docs/format.md ("Search") describes the format;
//! `themes/default/static/search.js` reads it. The index is kept between rebuilds and
//! changed document by document ([`Index::set`]): a body edit costs that note's words, not a
//! pass over every note. Nothing here reads files or knows the engine.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::Hash;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::cut_at_word;
use crate::words::{ascii_key, each_word};

/// Where a word was found in a document: bits, so that one number says all of them.
pub(crate) const TITLE: u8 = 8;
pub(crate) const ALIAS: u8 = 4;
pub(crate) const SUMMARY: u8 = 2;
pub(crate) const TEXT: u8 = 1;

/// A shard is split by the next letter of its words when its JSON grows past this: a query
/// then fetches a few tens of kilobytes, however large the dossier.
const SHARD_BYTES: usize = 48 * 1024;
/// Documents per chunk file: a page of results (20) fetches at most 20 chunks of a few
/// kilobytes (BENCHMARKS.md, "Search").
pub(crate) const CHUNK: usize = 20;
/// How much of a summary a result shows, the ellipsis included.
const SUMMARY_CHARS: usize = 161;

/// A document as a result shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Doc {
    /// Its page, as links write it (under the site's root).
    pub url: String,
    pub title: String,
    /// What it is: "Person", "Claim", "Source"…
    pub kind: String,
    pub summary: String,
}

/// A document's words, each with the fields it is in, sorted by word: the folded words of
/// its title, aliases, summary and text, and the ASCII key of each word that has one. The
/// number's low bits are the fields ([`TITLE`], [`ALIAS`], [`SUMMARY`], [`TEXT`]); its high
/// four bits the length in words of the shortest title or alias the word is in (at most
/// 15), so that a search ranks "Dmitry Peskov" above "Peskov's press briefing on the WSJ
/// report".
pub(crate) fn terms(
    title: &str,
    aliases: &[String],
    summary: &str,
    text_words: &str,
) -> Vec<(Box<str>, u8)> {
    // (word, field, length of the name it is in; 0 for summary and text)
    let mut all: Vec<(String, u8, u8)> = Vec::new();
    let name = |text: &str, field: u8, all: &mut Vec<(String, u8, u8)>| {
        let mut words = Vec::new();
        each_word(text, |w| words.push(w));
        let len = u8::try_from(words.len().min(15)).unwrap_or(15);
        for w in words {
            if let Some(k) = ascii_key(&w) {
                all.push((k, field, len));
            }
            all.push((w, field, len));
        }
    };
    name(title, TITLE, &mut all);
    for a in aliases {
        name(a, ALIAS, &mut all);
    }
    let mut plain = |w: String, field: u8| {
        if let Some(k) = ascii_key(&w) {
            all.push((k, field, 0));
        }
        all.push((w, field, 0));
    };
    each_word(summary, |w| plain(w, SUMMARY));
    // Already folded, each once.
    for w in text_words.split(' ').filter(|w| !w.is_empty()) {
        plain(w.to_string(), TEXT);
    }
    all.sort_unstable();
    let mut merged: Vec<(String, u8, u8)> = Vec::with_capacity(all.len());
    for (w, field, len) in all {
        match merged.last_mut() {
            Some((last, f, l)) if *last == w => {
                *f |= field;
                if len > 0 && (*l == 0 || len < *l) {
                    *l = len;
                }
            }
            _ => merged.push((w, field, len)),
        }
    }
    merged
        .into_iter()
        .map(|(w, f, l)| (w.into_boxed_str(), f | (l << 4)))
        .collect()
}

/// The words of every document and where each is found, by document key `K` (stable across
/// rebuilds; the published numbers are places in the order given to [`Index::publish`]).
///
/// With `keep`, the index remembers each document's words and what it published last, and
/// publishes again only what changed: the entries of the words whose documents changed, the
/// shards that hold them, the chunks whose documents changed. A preview's rebuild after a
/// body edit then costs that note's words, not the whole index (BENCHMARKS.md, "Search").
#[derive(Debug)]
pub(crate) struct Index<K> {
    postings: HashMap<Box<str>, Vec<(K, u8)>, ahash::RandomState>,
    of: HashMap<K, Vec<(Box<str>, u8)>, ahash::RandomState>,
    /// The words whose documents changed since the last publish (kept only with `keep`).
    dirty: HashSet<Box<str>, ahash::RandomState>,
    last: Option<Last<K>>,
}

/// What the index published last, to publish again only what changed.
#[derive(Debug)]
struct Last<K> {
    order: Vec<K>,
    /// Each word's entry in its shard, by word.
    entries: BTreeMap<Box<str>, String>,
    /// Each shard by prefix.
    shards: HashMap<String, Shard>,
    /// Each chunk: a digest of its documents, its bytes.
    chunks: Vec<(u64, Arc<[u8]>)>,
}

/// A shard as published: its first and last words, how many, its bytes.
type Shard = (Box<str>, Box<str>, usize, Arc<[u8]>);

impl<K> Default for Index<K> {
    fn default() -> Self {
        Index {
            postings: HashMap::default(),
            of: HashMap::default(),
            dirty: HashSet::default(),
            last: None,
        }
    }
}

/// The files of the index: `search/index.json`, then each shard and chunk by its name.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Published {
    pub manifest: Vec<u8>,
    /// `(name, bytes)`: the file is `search/{name}.json`.
    pub parts: Vec<(String, Arc<[u8]>)>,
}

impl Published {
    /// A file by name: `index` (the manifest), a shard's or a chunk's.
    pub(crate) fn file(&self, name: &str) -> Option<&[u8]> {
        if name == "index" {
            return Some(&self.manifest);
        }
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| &**b)
    }
}

impl<K: Copy + Eq + Hash + Send + Sync> Index<K> {
    /// Gives `doc` these words, replacing those it had. With `keep`, the index remembers
    /// them, to take them out when they change, and which words changed, to publish only
    /// those again; without, `doc` must be new (a build that keeps nothing for the next).
    /// Gives whether its words changed.
    pub(crate) fn set(&mut self, doc: K, terms: Vec<(Box<str>, u8)>, keep: bool) -> bool {
        if self.of.get(&doc) == Some(&terms) {
            return false;
        }
        let old = if keep { self.take(doc) } else { Vec::new() };
        for (t, field) in &terms {
            match self.postings.get_mut(t) {
                Some(list) => list.push((doc, *field)),
                None => {
                    self.postings.insert(t.clone(), vec![(doc, *field)]);
                }
            }
        }
        if keep {
            // The words it gained, lost, or has in other fields (both lists are sorted).
            let (mut i, mut j) = (0, 0);
            while i < old.len() || j < terms.len() {
                let changed = match (old.get(i), terms.get(j)) {
                    (Some(x), Some(y)) if x.0 == y.0 => {
                        (i, j) = (i + 1, j + 1);
                        (x.1 != y.1).then_some(&y.0)
                    }
                    (Some(x), Some(y)) if x.0 < y.0 => {
                        i += 1;
                        Some(&x.0)
                    }
                    (Some(x), None) => {
                        i += 1;
                        Some(&x.0)
                    }
                    (_, Some(y)) => {
                        j += 1;
                        Some(&y.0)
                    }
                    (None, None) => None,
                };
                if let Some(t) = changed {
                    self.dirty.insert(t.clone());
                }
            }
            self.of.insert(doc, terms);
        }
        true
    }

    /// Takes `doc`'s words out of the postings, and gives them.
    fn take(&mut self, doc: K) -> Vec<(Box<str>, u8)> {
        let Some(old) = self.of.remove(&doc) else {
            return Vec::new();
        };
        for (t, _) in &old {
            if let Some(list) = self.postings.get_mut(t) {
                list.retain(|(d, _)| *d != doc);
                if list.is_empty() {
                    self.postings.remove(t);
                }
            }
        }
        old
    }

    /// Takes `doc` out of the index.
    pub(crate) fn remove(&mut self, doc: K) {
        let old = self.take(doc);
        self.dirty.extend(old.into_iter().map(|(t, _)| t));
    }

    /// Keeps only the documents `keep` says to.
    pub(crate) fn retain(&mut self, keep: impl Fn(K) -> bool) {
        let gone: Vec<K> = self.of.keys().copied().filter(|d| !keep(*d)).collect();
        for d in gone {
            self.remove(d);
        }
    }

    /// The files of the index for the documents `docs`, numbered in that order; a document
    /// not in the index is listed with no words. With `keep`, what did not change since the
    /// last publish is taken as it was.
    pub(crate) fn publish(&mut self, docs: &[(K, &Doc)], keep: bool) -> Published {
        let order: Vec<K> = docs.iter().map(|(k, _)| *k).collect();
        let last = self.last.take().filter(|l| keep && l.order == order);
        let number: HashMap<K, u32, ahash::RandomState> = order
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let numbered = |t: &str, list: &[(K, u8)]| -> Option<String> {
            let mut n: Vec<(u32, u8)> = list
                .iter()
                .filter_map(|(d, f)| number.get(d).map(|n| (*n, *f)))
                .collect();
            n.sort_unstable();
            (!n.is_empty()).then(|| entry(t, &n))
        };
        // Each word's entry: the changed ones again, or every one.
        let (entries, old_shards, old_chunks, dirty) = match last {
            Some(mut l) => {
                for t in &self.dirty {
                    match self.postings.get(t).and_then(|list| numbered(t, list)) {
                        Some(e) => {
                            l.entries.insert(t.clone(), e);
                        }
                        None => {
                            l.entries.remove(t);
                        }
                    }
                }
                (
                    l.entries,
                    l.shards,
                    l.chunks,
                    std::mem::take(&mut self.dirty),
                )
            }
            None => {
                let mut all: Vec<(Box<str>, String)> = self
                    .postings
                    .par_iter()
                    .filter_map(|(t, list)| Some((t.clone(), numbered(t, list)?)))
                    .collect();
                all.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
                self.dirty.clear();
                (
                    all.into_iter().collect::<BTreeMap<_, _>>(),
                    HashMap::new(),
                    Vec::new(),
                    HashSet::default(),
                )
            }
        };
        let words: Vec<(&str, &String)> = entries.iter().map(|(t, e)| (&**t, e)).collect();
        let sized: Vec<(&str, usize)> = words.iter().map(|(t, e)| (*t, e.len() + 1)).collect();
        let mut shards = Vec::new();
        split(&sized, 0, 0, "", &mut shards);
        shards.sort_by(|a, b| a.0.cmp(&b.0));
        // A shard is made again when a word it holds changed, or its words are others.
        let prefixes: Vec<&str> = shards.iter().map(|(p, _)| p.as_str()).collect();
        let touched: HashSet<&str> = dirty
            .iter()
            .filter_map(|t| {
                prefixes
                    .iter()
                    .filter(|p| t.starts_with(**p))
                    .max_by_key(|p| p.len())
                    .copied()
            })
            .collect();

        let mut parts = Vec::with_capacity(shards.len() + docs.len() / CHUNK + 1);
        let mut new_shards = HashMap::new();
        for (prefix, members) in &shards {
            let (first, last) = match (members.first(), members.last()) {
                (Some(f), Some(l)) => (words[*f].0, words[*l].0),
                _ => continue,
            };
            let bytes = match old_shards.get(prefix) {
                Some((f, l, n, bytes))
                    if **f == *first
                        && **l == *last
                        && *n == members.len()
                        && !touched.contains(prefix.as_str()) =>
                {
                    Arc::clone(bytes)
                }
                _ => {
                    let mut json = String::from("{");
                    for (i, m) in members.iter().enumerate() {
                        if i > 0 {
                            json.push(',');
                        }
                        json.push_str(words[*m].1);
                    }
                    json.push('}');
                    Arc::from(json.into_bytes())
                }
            };
            if keep {
                new_shards.insert(
                    prefix.clone(),
                    (first.into(), last.into(), members.len(), Arc::clone(&bytes)),
                );
            }
            parts.push((shard_name(prefix), bytes));
        }
        let state = ahash::RandomState::with_seeds(5, 6, 7, 8);
        let mut new_chunks = Vec::new();
        for (i, chunk) in docs.chunks(CHUNK).enumerate() {
            let rows: Vec<(&str, &str, &str, std::borrow::Cow<'_, str>)> = chunk
                .iter()
                .map(|(_, d)| {
                    (
                        &*d.url,
                        &*d.title,
                        &*d.kind,
                        cut_at_word(&d.summary, SUMMARY_CHARS),
                    )
                })
                .collect();
            let digest = state.hash_one(&rows);
            let bytes = match old_chunks.get(i) {
                Some((d, bytes)) if *d == digest => Arc::clone(bytes),
                _ => Arc::from(serde_json::to_vec(&rows).unwrap_or_default()),
            };
            new_chunks.push((digest, Arc::clone(&bytes)));
            parts.push((format!("d{i}"), bytes));
        }
        #[derive(Serialize)]
        struct Manifest<'a> {
            version: u32,
            docs: usize,
            chunk: usize,
            shards: Vec<&'a str>,
        }
        let manifest = Manifest {
            version: 1,
            docs: docs.len(),
            chunk: CHUNK,
            shards: prefixes,
        };
        let manifest = serde_json::to_vec(&manifest).unwrap_or_default();
        drop(words);
        if keep {
            self.last = Some(Last {
                order,
                entries,
                shards: new_shards,
                chunks: new_chunks,
            });
        }
        Published { manifest, parts }
    }
}

/// One word's entry in a shard: `"word":[gap,fields,gap,fields…]`, each document's number
/// as its distance from the previous one.
fn entry(word: &str, list: &[(u32, u8)]) -> String {
    let mut out = serde_json::to_string(word).unwrap_or_default();
    out.push_str(":[");
    let mut last = 0;
    for (i, (n, f)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{}", n - last, f);
        last = *n;
    }
    out.push(']');
    out
}

/// Splits the words starting with `prefix` (all of `words`, sorted; the first is the
/// `offset`-th of all) into shards no larger
/// than [`SHARD_BYTES`] where it can: by their next letter, again and again. A shard holds
/// the words that start with its prefix and with no longer prefix of the list; the words
/// equal to a prefix that was split stay with it.
fn split(
    words: &[(&str, usize)],
    offset: usize,
    depth: usize,
    prefix: &str,
    out: &mut Vec<(String, Vec<usize>)>,
) {
    let size: usize = words.iter().map(|(_, s)| s).sum();
    if size <= SHARD_BYTES || words.len() < 2 {
        if !words.is_empty() {
            out.push((prefix.to_string(), (offset..offset + words.len()).collect()));
        }
        return;
    }
    let mut own = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(next) = words[i].0.chars().nth(depth) else {
            own.push(offset + i);
            i += 1;
            continue;
        };
        let start = i;
        while i < words.len() && words[i].0.chars().nth(depth) == Some(next) {
            i += 1;
        }
        let child = format!("{prefix}{next}");
        split(&words[start..i], offset + start, depth + 1, &child, out);
    }
    if !own.is_empty() {
        out.push((prefix.to_string(), own));
    }
}

/// A shard's file name: `t` and its prefix's UTF-8 bytes in hex (`t-d0bf` for `п`; `t` for
/// the shard of every word).
pub(crate) fn shard_name(prefix: &str) -> String {
    let mut name = String::from("t");
    if !prefix.is_empty() {
        name.push('-');
        for b in prefix.bytes() {
            let _ = write!(name, "{b:02x}");
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str) -> Doc {
        Doc {
            url: url.into(),
            title: url.into(),
            kind: "Note".into(),
            summary: String::new(),
        }
    }

    #[test]
    fn words_carry_their_fields_and_keys() {
        let t = terms("Дмитрий Песков", &["Peskov".into()], "", "кремль песков");
        let get = |w: &str| t.iter().find(|(x, _)| &**x == w).map(|(_, f)| *f);
        assert_eq!(get("песков"), Some(TITLE | TEXT | 2 << 4));
        // In the two-word title (as its key) and the one-word alias.
        assert_eq!(get("peskov"), Some(TITLE | ALIAS | TEXT | 1 << 4));
        assert_eq!(get("kreml"), Some(TEXT));
        assert_eq!(get("дмитрий"), Some(TITLE | 2 << 4));
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn a_document_set_again_changes_only_its_own_words() {
        let (a, b) = (doc("/a/"), doc("/b/"));
        let mut index = Index::default();
        index.set(1u32, terms("Putin", &[], "", "kremlin"), true);
        index.set(2u32, terms("Peskov", &[], "", "kremlin"), true);
        let docs = [(1, &a), (2, &b)];
        let first = index.publish(&docs, true);
        let shard = String::from_utf8(first.parts[0].1.to_vec()).unwrap_or_default();
        assert_eq!(
            shard,
            r#"{"kremlin":[0,1,1,1],"peskov":[1,24],"putin":[0,24]}"#
        );
        index.set(2u32, terms("Peskov", &[], "", ""), true);
        let second = index.publish(&docs, true);
        let shard = String::from_utf8(second.parts[0].1.to_vec()).unwrap_or_default();
        assert_eq!(shard, r#"{"kremlin":[0,1],"peskov":[1,24],"putin":[0,24]}"#);
        // The same documents indexed in another order publish the same files.
        let mut again = Index::default();
        again.set(2u32, terms("Peskov", &[], "", ""), true);
        again.set(1u32, terms("Putin", &[], "", "kremlin"), true);
        assert_eq!(again.publish(&docs, true), second);
        index.remove(1);
        let third = index.publish(&docs, true);
        let shard = String::from_utf8(third.parts[0].1.to_vec()).unwrap_or_default();
        assert_eq!(shard, r#"{"peskov":[1,24]}"#);
    }

    #[test]
    fn large_indexes_are_split_by_first_letters() {
        let words: Vec<String> = (0..6000)
            .map(|i| format!("{}{}{i}", ['а', 'б', 'в'][i % 3], ['x', 'y'][i % 2]))
            .collect();
        let d = doc("/a/");
        let mut index = Index::default();
        index.set(0u32, terms("", &[], "", &words.join(" ")), true);
        let p = index.publish(&[(0, &d)], true);
        let manifest: serde_json::Value = serde_json::from_slice(&p.manifest).unwrap_or_default();
        let shards = manifest["shards"].as_array().cloned().unwrap_or_default();
        assert!(shards.len() > 3, "{shards:?}");
        for (name, bytes) in &p.parts {
            if name.starts_with('t') {
                assert!(bytes.len() <= SHARD_BYTES + 64, "{name}: {}", bytes.len());
            }
        }
        // Every word is in exactly one shard: the one of its longest listed prefix.
        let prefixes: Vec<&str> = shards.iter().filter_map(|s| s.as_str()).collect();
        for w in words.iter().take(200) {
            let home = prefixes
                .iter()
                .filter(|p| w.starts_with(**p))
                .max_by_key(|p| p.len())
                .map(|p| shard_name(p));
            let holders: Vec<&String> = p
                .parts
                .iter()
                .filter(|(_, b)| String::from_utf8_lossy(b).contains(&format!("\"{w}\":")))
                .map(|(n, _)| n)
                .collect();
            assert_eq!(holders, [&home.unwrap_or_default()], "{w}");
        }
    }

    /// An index kept and published again after each change gives the files an index made
    /// from scratch gives, shards split and merged on the way.
    #[test]
    fn publishing_again_gives_what_a_fresh_index_gives() {
        let vocabulary: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "{}{}{}",
                    ['а', 'б', 'k'][i % 3],
                    ['x', 'y', 'z'][i % 7 % 3],
                    i
                )
            })
            .collect();
        let docs: Vec<Doc> = (0..60).map(|i| doc(&format!("/n{i}/"))).collect();
        let text = |d: usize, round: usize| -> String {
            vocabulary
                .iter()
                .enumerate()
                .filter(|(i, _)| (i + d * 7 + round * (d % 3)).is_multiple_of(11))
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut kept = Index::default();
        let mut present: Vec<u32> = (0..40).collect();
        for round in 0..8 {
            // Some documents change; one goes and one comes.
            for &d in &present {
                if round == 0 || (d as usize).is_multiple_of(round + 1) {
                    let title = format!("Note {d} round {}", round / 2);
                    kept.set(d, terms(&title, &[], "", &text(d as usize, round)), true);
                }
            }
            // Every other round: the documents stay in order, so the kept files are reused.
            if round % 2 == 1 {
                let gone = present.remove(round * 3 % present.len());
                kept.remove(gone);
                let new = 40 + round as u32;
                kept.set(new, terms("New", &[], "", &text(new as usize, round)), true);
                present.push(new);
            }
            let order: Vec<(u32, &Doc)> = present.iter().map(|&d| (d, &docs[d as usize])).collect();
            let got = kept.publish(&order, true);
            let mut fresh = Index::default();
            for &d in &present {
                let t = kept.of.get(&d).cloned().unwrap_or_default();
                fresh.set(d, t, false);
            }
            assert_eq!(got, fresh.publish(&order, false), "round {round}");
        }
    }

    #[test]
    fn shard_names_are_hex_of_the_prefix() {
        assert_eq!(shard_name(""), "t");
        assert_eq!(shard_name("п"), "t-d0bf");
        assert_eq!(shard_name("pu"), "t-7075");
    }
}
