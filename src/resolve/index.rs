//! The note index: which note a written target names.
//!
//! A target resolves by slug, then alias, then title, ignoring case, as Obsidian users
//! expect; then by its slug form (`[[Elon Musk]]` finds `elon-musk`), then by file name. The
//! first level with any match decides: one match resolves, several are ambiguous.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Facts;
use crate::id::NoteId;
use crate::parse::Unreadable;
use crate::slug::slugify;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Lookup {
    Found(NoteId),
    Ambiguous(Vec<NoteId>),
    Missing,
}

/// The index's maps hash with aHash: made over every note's names, and asked for every
/// link, where the standard SipHash showed in profiles.
type Map<K, V> = HashMap<K, V, ahash::RandomState>;
type Set<K> = HashSet<K, ahash::RandomState>;

#[derive(Debug, Default)]
pub(crate) struct NoteIndex {
    /// By exact slug, for the slug checks.
    exact: Map<String, Vec<NoteId>>,
    slug: Map<String, Vec<NoteId>>,
    alias: Map<String, Vec<NoteId>>,
    title: Map<String, Vec<NoteId>>,
    stem: Map<String, Vec<NoteId>>,
    path: Map<PathBuf, NoteId>,
    /// Names and paths of notes that could not be read: a link to one of them is not
    /// reported again, as that note's own error already stops the build.
    unreadable_names: Set<String>,
    unreadable_paths: Set<PathBuf>,
}

impl NoteIndex {
    /// The index of `notes` (in path order) and of the notes that could not be read.
    pub(crate) fn new<'a>(
        notes: &[(NoteId, &'a Facts)],
        unreadable: impl IntoIterator<Item = &'a Unreadable>,
    ) -> Self {
        let mut unreadable_names = Set::default();
        let mut unreadable_paths = Set::default();
        for u in unreadable {
            for name in &u.names {
                unreadable_names.insert(name.trim().to_lowercase());
                unreadable_names.insert(slugify(name));
            }
            unreadable_paths.insert(u.rel.clone());
        }
        // Each map on its own, in parallel.
        let ((exact, (slug, alias)), (title, (stem, path))) = rayon::join(
            || {
                rayon::join(
                    || group(notes, |n, add| add(n.slug.clone())),
                    || {
                        rayon::join(
                            || group(notes, |n, add| add(n.slug.to_lowercase())),
                            || {
                                group(notes, |n, add| {
                                    for a in &n.aliases {
                                        add(a.trim().to_lowercase());
                                    }
                                })
                            },
                        )
                    },
                )
            },
            || {
                rayon::join(
                    || group(notes, |n, add| add(n.title.trim().to_lowercase())),
                    || {
                        rayon::join(
                            || {
                                group(notes, |n, add| {
                                    if let Some(stem) = n.rel.file_stem() {
                                        add(stem.to_string_lossy().to_lowercase());
                                    }
                                })
                            },
                            || notes.iter().map(|(id, n)| (n.rel.clone(), *id)).collect(),
                        )
                    },
                )
            },
        );
        NoteIndex {
            exact,
            slug,
            alias,
            title,
            stem,
            path,
            unreadable_names,
            unreadable_paths,
        }
    }

    pub(crate) fn lookup(&self, target: &str) -> Lookup {
        let key = target.trim().to_lowercase();
        // Level by level, so the slug form is made only for targets the first three miss.
        let decide = |found: Option<&Vec<NoteId>>| match found.map(Vec::as_slice) {
            None | Some([]) => None,
            Some([one]) => Some(Lookup::Found(*one)),
            Some(many) => Some(Lookup::Ambiguous(many.to_vec())),
        };
        decide(self.slug.get(&key))
            .or_else(|| decide(self.alias.get(&key)))
            .or_else(|| decide(self.title.get(&key)))
            .or_else(|| decide(self.slug.get(&slugify(target))))
            .or_else(|| decide(self.stem.get(&key)))
            .unwrap_or(Lookup::Missing)
    }

    /// The note at a path relative to `content/`.
    pub(crate) fn at_path(&self, rel: &Path) -> Option<NoteId> {
        self.path.get(rel).copied()
    }

    /// The notes whose slug is exactly `slug`, in path order.
    pub(crate) fn with_slug(&self, slug: &str) -> &[NoteId] {
        self.exact.get(slug).map_or(&[], Vec::as_slice)
    }

    /// Whether a target that matches no note may name a note that could not be read.
    pub(crate) fn may_name_unreadable(&self, target: &str) -> bool {
        self.unreadable_names
            .contains(&target.trim().to_lowercase())
            || self.unreadable_names.contains(&slugify(target))
    }

    pub(crate) fn is_unreadable_path(&self, rel: &Path) -> bool {
        self.unreadable_paths.contains(rel)
    }

    /// Every name a target could have used, for did-you-mean.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.slug
            .keys()
            .chain(self.alias.keys())
            .chain(self.title.keys())
            .map(String::as_str)
            .collect()
    }
}

/// The notes under each of the keys `keys` gives a note, in note order, each note once per key.
fn group(
    notes: &[(NoteId, &Facts)],
    keys: impl Fn(&Facts, &mut dyn FnMut(String)),
) -> Map<String, Vec<NoteId>> {
    let mut map = Map::with_capacity_and_hasher(notes.len(), ahash::RandomState::new());
    for &(id, n) in notes {
        keys(n, &mut |key| {
            let list: &mut Vec<NoteId> = map.entry(key).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        });
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::World as _;
    use crate::resolve::testing::Notes;

    fn person(notes: Notes, rel: &str, front_matter: &str) -> Notes {
        notes.note(rel, &format!("kind: person\n{front_matter}"), "")
    }

    #[test]
    fn a_slug_beats_an_alias() {
        let d = person(Notes::default(), "a/musk.md", "title: A\n");
        let d = person(d, "b/elon.md", "title: B\naliases: [Musk]\n").build();
        assert_eq!(d.lookup("musk"), Lookup::Found(d.id("a/musk.md")));
        assert_eq!(d.lookup("ELON"), Lookup::Found(d.id("b/elon.md")));
    }

    #[test]
    fn an_alias_beats_a_title() {
        let d = person(Notes::default(), "a/a.md", "title: Tesla boss\n");
        let d = person(d, "b/b.md", "title: B\naliases: [Tesla Boss]\n").build();
        assert_eq!(d.lookup(" tesla BOSS "), Lookup::Found(d.id("b/b.md")));
    }

    #[test]
    fn a_title_beats_the_slug_form() {
        let d = person(Notes::default(), "a/elon-musk.md", "title: Other\n");
        let d = person(d, "b/b.md", "title: Elon Musk\n").build();
        assert_eq!(d.lookup("Elon Musk"), Lookup::Found(d.id("b/b.md")));
        assert_eq!(
            d.lookup("Elon  Musk!"),
            Lookup::Found(d.id("a/elon-musk.md"))
        );
    }

    #[test]
    fn the_slug_form_beats_the_file_name() {
        let d = person(Notes::default(), "a/x y.md", "title: F\nslug: f\n");
        let d = person(d, "b/g.md", "title: G\nslug: x-y\n").build();
        assert_eq!(d.lookup("X Y"), Lookup::Found(d.id("b/g.md")));
        assert_eq!(d.lookup("x y"), Lookup::Found(d.id("b/g.md")));
        // The file name alone, when nothing else matches.
        let d = person(Notes::default(), "a/x y.md", "title: F\nslug: f\n").build();
        assert_eq!(d.lookup("X Y"), Lookup::Found(d.id("a/x y.md")));
    }

    #[test]
    fn several_matches_at_the_first_level_that_matches_are_ambiguous_in_path_order() {
        let d = person(Notes::default(), "b/two.md", "title: B\naliases: [Boss]\n");
        let d = person(d, "a/one.md", "title: A\naliases: [boss]\n");
        let d = person(d, "c/three.md", "title: Boss\n").build();
        assert_eq!(
            d.lookup("boss"),
            Lookup::Ambiguous(vec![d.id("a/one.md"), d.id("b/two.md")])
        );
        // A slug is a level above: one note with that slug decides.
        let d = person(Notes::default(), "b/two.md", "title: B\naliases: [Boss]\n");
        let d = person(d, "a/one.md", "title: A\naliases: [boss]\n");
        let d = person(d, "z/boss.md", "title: Z\n").build();
        assert_eq!(d.lookup("boss"), Lookup::Found(d.id("z/boss.md")));
    }

    #[test]
    fn a_name_no_note_has_is_missing() {
        let d = person(Notes::default(), "a/musk.md", "title: Elon Musk\n").build();
        assert_eq!(d.lookup("Tusk"), Lookup::Missing);
        assert_eq!(d.lookup(""), Lookup::Missing);
    }

    #[test]
    fn paths_and_exact_slugs_are_looked_up_as_written() {
        let d = person(Notes::default(), "people/musk.md", "title: Elon Musk\n").build();
        let id = d.id("people/musk.md");
        assert_eq!(d.at_path(Path::new("people/musk.md")), Some(id));
        assert_eq!(d.at_path(Path::new("musk.md")), None);
        assert_eq!(d.with_slug("musk"), [id]);
        assert!(d.with_slug("Musk").is_empty());
    }
}
