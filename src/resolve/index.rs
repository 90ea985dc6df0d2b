//! The note index: which note a written target names.
//!
//! A target resolves by slug, then alias, then title, ignoring case, as Obsidian users
//! expect; then by its slug form (`[[Elon Musk]]` finds `elon-musk`), then by file name. The
//! first level with any match decides: one match resolves, several are ambiguous.

use std::collections::{HashMap, HashSet};

use crate::parse::{Note, Unreadable};
use crate::slug::slugify;

#[derive(Debug)]
pub enum Lookup {
    Found(usize),
    Ambiguous(Vec<usize>),
    Missing,
}

/// The index's maps hash with aHash: made once per build over every note's names, and
/// asked for every link, where the standard SipHash showed in profiles.
type Map<K, V> = HashMap<K, V, ahash::RandomState>;
type Set<K> = HashSet<K, ahash::RandomState>;

#[derive(Debug, Default)]
pub struct NoteIndex {
    slug: Map<String, Vec<usize>>,
    alias: Map<String, Vec<usize>>,
    title: Map<String, Vec<usize>>,
    stem: Map<String, Vec<usize>>,
    path: Map<std::path::PathBuf, usize>,
    /// Names and paths of notes that could not be read: a link to one of them is not
    /// reported again, as that note's own error already stops the build.
    unreadable_names: Set<String>,
    unreadable_paths: Set<std::path::PathBuf>,
}

impl NoteIndex {
    pub fn new(notes: &[std::sync::Arc<Note>], unreadable: &[Unreadable]) -> Self {
        let mut unreadable_names = Set::default();
        let mut unreadable_paths = Set::default();
        for u in unreadable {
            for name in &u.names {
                unreadable_names.insert(name.trim().to_lowercase());
                unreadable_names.insert(slugify(name));
            }
            unreadable_paths.insert(u.rel.clone());
        }
        // Each map on its own, in parallel: the index is made before any note resolves.
        let ((slug, alias), (title, (stem, path))) = rayon::join(
            || {
                rayon::join(
                    || group(notes, |n, add| add(n.meta.slug.to_lowercase())),
                    || {
                        group(notes, |n, add| {
                            for a in &n.meta.aliases {
                                add(a.trim().to_lowercase());
                            }
                        })
                    },
                )
            },
            || {
                rayon::join(
                    || group(notes, |n, add| add(n.meta.title.trim().to_lowercase())),
                    || {
                        rayon::join(
                            || {
                                group(notes, |n, add| {
                                    if let Some(stem) = n.rel.file_stem() {
                                        add(stem.to_string_lossy().to_lowercase());
                                    }
                                })
                            },
                            || {
                                let mut path = Map::with_capacity_and_hasher(
                                    notes.len(),
                                    ahash::RandomState::new(),
                                );
                                for (i, n) in notes.iter().enumerate() {
                                    path.insert(n.rel.clone(), i);
                                }
                                path
                            },
                        )
                    },
                )
            },
        );
        NoteIndex {
            slug,
            alias,
            title,
            stem,
            path,
            unreadable_names,
            unreadable_paths,
        }
    }

    pub fn lookup(&self, target: &str) -> Lookup {
        let key = target.trim().to_lowercase();
        // Level by level, so the slug form is made only for targets the first three miss.
        let decide = |found: Option<&Vec<usize>>| match found.map(Vec::as_slice) {
            None | Some([]) => None,
            Some([one]) => Some(Lookup::Found(*one)),
            Some(many) => Some(Lookup::Ambiguous(many.to_vec())),
        };
        if let Some(l) = decide(self.slug.get(&key))
            .or_else(|| decide(self.alias.get(&key)))
            .or_else(|| decide(self.title.get(&key)))
            .or_else(|| decide(self.slug.get(&slugify(target))))
            .or_else(|| decide(self.stem.get(&key)))
        {
            return l;
        }
        Lookup::Missing
    }

    /// The note at a path relative to `content/`.
    pub fn at_path(&self, rel: &std::path::Path) -> Option<usize> {
        self.path.get(rel).copied()
    }

    /// Whether a target that matches no note may name a note that could not be read.
    pub fn may_name_unreadable(&self, target: &str) -> bool {
        self.unreadable_names
            .contains(&target.trim().to_lowercase())
            || self.unreadable_names.contains(&slugify(target))
    }

    pub fn is_unreadable_path(&self, rel: &std::path::Path) -> bool {
        self.unreadable_paths.contains(rel)
    }

    /// Every name a target could have used, for did-you-mean.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.slug
            .keys()
            .chain(self.alias.keys())
            .chain(self.title.keys())
            .map(String::as_str)
    }

    pub fn notes_with_slug(&self, slug: &str) -> &[usize] {
        self.slug.get(slug).map_or(&[], Vec::as_slice)
    }

    pub fn slugs(&self) -> impl Iterator<Item = (&String, &Vec<usize>)> {
        self.slug.iter()
    }
}

/// The notes under each of the keys `keys` gives a note, in note order, each note once per key.
fn group(
    notes: &[std::sync::Arc<Note>],
    keys: impl Fn(&Note, &mut dyn FnMut(String)),
) -> Map<String, Vec<usize>> {
    let mut map = Map::with_capacity_and_hasher(notes.len(), ahash::RandomState::new());
    for (i, n) in notes.iter().enumerate() {
        keys(n, &mut |key| {
            let list: &mut Vec<usize> = map.entry(key).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        });
    }
    map
}
