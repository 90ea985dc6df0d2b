//! The engine's bookkeeping: revisions, what a result read, and tables of results.
//!
//! Every value the engine keeps carries the [`Rev`] of the build in which it last changed:
//! its stamp. A result records each value it read with the stamp it had then ([`Read`]);
//! in a later build the result still holds while every stamp it recorded is the same. A
//! result computed again and found equal to the previous one keeps its old stamp (early
//! cut-off), so what read it holds too. [`Dependents`] turns the records around, so that a
//! build checks only the results that read something it changed.

use std::cell::RefCell;
use std::path::PathBuf;

use std::collections::HashMap;

use crate::files::FileId;
use crate::id::{Id, IdVec, NoteId, SourceId, TagId};
use crate::parse::Kind;

/// A build's number; the stamp of a value is the number of the build that last changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(super) struct Rev(pub u64);

/// The stamp of what is not there (any more). A result that read something absent holds
/// while it is still absent, and stops holding when it comes.
pub(super) const GONE: Rev = Rev(u64::MAX);

/// A value the engine keeps, by what it is of what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Key {
    /// A file's text.
    File(FileId),
    /// A note as parsed, whole.
    Note(NoteId),
    /// What other notes may know of a note.
    Facts(NoteId),
    /// What a note resolved to, whole.
    Resolution(NoteId),
    /// A note's reference list (a part of its resolution).
    References(NoteId),
    /// What a claim's or a response's front matter cites as its evidence (a part of its
    /// resolution).
    Evidence(NoteId),
    Roles(NoteId),
    /// How lists show a note.
    Listed(NoteId),
    /// A published note's slug (a part of how lists show it).
    Slug(NoteId),
    Backlinks(NoteId),
    Responses(NoteId),
    Made(NoteId),
    Source(SourceId),
    SourceRef(SourceId),
    Citations(SourceId),
    /// A kind's listing, in order.
    Kind(Kind),
    Tag(TagId),
    /// The list of tags.
    Tags,
    /// The list of published notes.
    Notes,
    /// The list of sources.
    Sources,
    /// Every name a link could use.
    Names,
    /// The notes that could not be read.
    Unreadable,
    /// Every source id.
    SourceNames,
    Drafts,
    Urls,
    /// The interface's words, in the dossier's language.
    Interface,
    Site,
    Templates,
    /// The files of the site's search index.
    Search,
}

/// A question whose answer a result depends on, asked again to check it: which note a name,
/// a path or a slug stands for, which source an id names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Query {
    Name(Box<str>),
    Path(PathBuf),
    Slug(Box<str>),
    Source(Box<str>),
    /// A file of the search index, by name (`index`, `t-d0bf`, `d0`): each is made again
    /// only when its own bytes change, not whenever the index does.
    Search(Box<str>),
}

/// A digest of a question's answer: 64 bits of aHash with fixed seeds, the same for the same
/// answer throughout a process (digests never leave it). Two answers would have to agree on
/// 64 bits to be taken for each other.
pub(crate) fn digest<T: std::hash::Hash + ?Sized>(answer: &T) -> u64 {
    ahash::RandomState::with_seeds(0x646f, 0x7373, 0x6965, 0x72).hash_one(answer)
}

/// One thing a result read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Read {
    /// A value, with the stamp it had.
    Stamp(Key, Rev),
    /// A question, with a digest of its answer.
    Query(Query, u64),
}

/// What a computation reads, written down as it reads. Off (`None`) in a one-shot build,
/// which keeps nothing for a next one.
#[derive(Debug, Default)]
pub(super) struct Recorder(Option<RefCell<Vec<Read>>>);

impl Recorder {
    pub(super) fn new(on: bool) -> Recorder {
        Recorder(on.then(RefCell::default))
    }

    pub(super) fn read(&self, read: impl FnOnce() -> Read) {
        if let Some(reads) = &self.0 {
            // Made before the list is borrowed, so that making it may read too.
            let read = read();
            reads.borrow_mut().push(read);
        }
    }

    /// What was read, each thing once.
    pub(super) fn finish(self) -> Vec<Read> {
        let mut reads = self.0.map(RefCell::into_inner).unwrap_or_default();
        let mut seen = std::collections::HashSet::with_capacity(reads.len());
        reads.retain(|r| seen.insert(r.clone()));
        reads
    }
}

impl Read {
    /// The value whose change makes this read worth checking again: a question's answer can
    /// change only when what it is asked of does.
    pub(super) fn key(&self) -> Key {
        match self {
            Read::Stamp(key, _) => *key,
            Read::Query(Query::Source(_), _) => Key::SourceNames,
            Read::Query(Query::Search(_), _) => Key::Search,
            Read::Query(_, _) => Key::Names,
        }
    }
}

/// A result the engine keeps: which stage made it, for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Item {
    Parse(NoteId),
    Facts(NoteId),
    Slugs(NoteId),
    Resolve(NoteId),
    Roles(NoteId),
    /// A claim's status checked against its responses.
    Standing(NoteId),
    Listed(NoteId),
    Place(NoteId),
    Source(SourceId),
    SourceRef(SourceId),
    Page(PageId),
}

impl Item {
    /// How many kinds of item there are: one for each stage that makes them.
    pub(super) const STAGES: usize = 11;

    /// The stage that makes it, as a number below [`Item::STAGES`].
    pub(super) fn stage(self) -> usize {
        match self {
            Item::Parse(_) => 0,
            Item::Facts(_) => 1,
            Item::Slugs(_) => 2,
            Item::Resolve(_) => 3,
            Item::Roles(_) => 4,
            Item::Listed(_) => 5,
            Item::Place(_) => 6,
            Item::Source(_) => 7,
            Item::SourceRef(_) => 8,
            Item::Page(_) => 9,
            Item::Standing(_) => 10,
        }
    }
}

/// A page of the site, by its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct PageId(pub u32);

/// For each value, the results that read it: a build checks only the results that read a
/// value it changed. A result made again or dropped leaves its old entries behind; they cost
/// a check that passes, and are cleared when they outnumber the live ones by far.
#[derive(Debug, Default)]
pub(super) struct Dependents {
    of: HashMap<Key, Vec<Item>, ahash::RandomState>,
    entries: usize,
    live: usize,
}

impl Dependents {
    /// Notes that `item` (made anew) read `reads`.
    pub(super) fn add(&mut self, item: Item, reads: &[Read]) {
        for r in reads {
            self.of.entry(r.key()).or_default().push(item);
        }
        self.entries += reads.len();
        self.live += reads.len();
    }

    /// Notes that a result's old reads (`n` of them) are no longer its own.
    pub(super) fn dropped(&mut self, n: usize) {
        self.live = self.live.saturating_sub(n);
    }

    /// Whether the stale entries outnumber the live ones (time to make the table again).
    pub(super) fn stale(&self) -> bool {
        self.entries > 2 * self.live + 1024
    }

    /// The results that read any of `keys`.
    pub(super) fn of<'a>(&'a self, keys: &'a [Key]) -> impl Iterator<Item = Item> + 'a {
        keys.iter()
            .filter_map(|k| self.of.get(k))
            .flat_map(|items| items.iter().copied())
    }
}

/// A result, with its stamp and what it read. The value is boxed: a table of ten thousand
/// notes is then ten thousand pointers, which grows without moving the notes.
#[derive(Debug)]
pub(super) struct Slot<V> {
    pub value: Box<V>,
    pub changed: Rev,
    pub reads: Vec<Read>,
}

/// Results by id, with the stamp of the table as a whole: the last build in which any of
/// them changed, came or went.
#[derive(Debug)]
pub(super) struct Table<I, V> {
    slots: IdVec<I, Slot<V>>,
    pub changed: Rev,
}

impl<I: Id, V> Default for Table<I, V> {
    fn default() -> Self {
        Table {
            slots: IdVec::default(),
            changed: Rev::default(),
        }
    }
}

impl<I: Id, V: PartialEq> Table<I, V> {
    pub(super) fn get(&self, id: I) -> Option<&V> {
        self.slots.get(id).map(|s| &*s.value)
    }

    pub(super) fn slot(&self, id: I) -> Option<&Slot<V>> {
        self.slots.get(id)
    }

    pub(super) fn stamp(&self, id: I) -> Rev {
        self.slots.get(id).map_or(GONE, |s| s.changed)
    }

    /// Puts a result computed in build `rev`: one equal to the previous is dropped and the
    /// previous kept, with its stamp (and whatever it holds, such as a template value made
    /// from it). Gives whether it changed, and how many reads the previous result had.
    pub(super) fn put(
        &mut self,
        id: I,
        value: Box<V>,
        reads: Vec<Read>,
        rev: Rev,
    ) -> (bool, usize) {
        if let Some(old) = self.slots.get_mut(id)
            && old.value == value
        {
            let was = std::mem::replace(&mut old.reads, reads).len();
            return (false, was);
        }
        let was = self.slots.get(id).map_or(0, |s| s.reads.len());
        self.slots.set(
            id,
            Slot {
                value,
                changed: rev,
                reads,
            },
        );
        self.changed = rev;
        (true, was)
    }

    /// Drops the results whose ids `keep` refuses (notes gone), giving their ids and how
    /// many reads they had; the table changes if any was dropped.
    pub(super) fn retain(&mut self, rev: Rev, mut keep: impl FnMut(I) -> bool) -> Vec<(I, usize)> {
        let mut dropped = Vec::new();
        self.slots.retain(|id, slot| {
            let k = keep(id);
            if !k {
                dropped.push((id, slot.reads.len()));
            }
            k
        });
        if !dropped.is_empty() {
            self.changed = rev;
        }
        dropped
    }

    /// Every result, with its id.
    pub(super) fn iter(&self) -> impl Iterator<Item = (I, &Slot<V>)> {
        self.slots.iter()
    }
}

/// The stamps of one part of each note's result (its reference list, its slug), which
/// changes less often than the whole: what reads only the part is made again only when it
/// changes.
#[derive(Debug, Default)]
pub(super) struct Part {
    stamps: IdVec<NoteId, Rev>,
}

impl Part {
    pub(super) fn stamp(&self, id: NoteId) -> Rev {
        self.stamps.get(id).copied().unwrap_or(GONE)
    }

    /// Notes the part of `id`'s result made in build `rev`; `same` says whether it equals
    /// the part of the result it replaces. Gives whether its stamp changed.
    pub(super) fn made(&mut self, id: NoteId, same: bool, rev: Rev) -> bool {
        if same && self.stamps.get(id).is_some() {
            return false;
        }
        self.stamps.set(id, rev);
        true
    }

    /// Drops the parts of the notes `keep` refuses, giving their ids.
    pub(super) fn retain(&mut self, keep: impl Fn(NoteId) -> bool) -> Vec<NoteId> {
        let mut gone = Vec::new();
        self.stamps.retain(|id, _| {
            let k = keep(id);
            if !k {
                gone.push(id);
            }
            k
        });
        gone
    }
}

/// One value with its stamp.
#[derive(Debug)]
pub(super) struct Stamped<V> {
    pub value: V,
    pub changed: Rev,
}

impl<V: PartialEq> Stamped<V> {
    /// Sets the value in build `rev`; an equal one keeps the stamp (and the old value, with
    /// whatever it holds, such as a template value made from it). Gives whether it changed.
    pub(super) fn set(slot: &mut Option<Stamped<V>>, value: V, rev: Rev) -> bool {
        match slot {
            Some(old) if old.value == value => false,
            _ => {
                *slot = Some(Stamped {
                    value,
                    changed: rev,
                });
                true
            }
        }
    }
}

/// The stamp of a value that may not be there.
pub(super) fn stamp_of<V>(slot: &Option<Stamped<V>>) -> Rev {
    slot.as_ref().map_or(GONE, |s| s.changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(i: usize) -> NoteId {
        NoteId::from_index(i)
    }

    #[test]
    fn a_result_equal_to_the_last_keeps_its_stamp_and_its_old_value() {
        let mut t: Table<NoteId, String> = Table::default();
        assert!(t.put(note(1), Box::new("a".into()), Vec::new(), Rev(1)).0);
        let first: *const String = t.get(note(1)).unwrap();
        assert!(!t.put(note(1), Box::new("a".into()), Vec::new(), Rev(2)).0);
        assert_eq!(t.stamp(note(1)), Rev(1));
        assert_eq!(t.changed, Rev(1));
        // The value kept is the first one, not the equal one given later.
        assert!(std::ptr::eq(first, t.get(note(1)).unwrap()));
        assert!(t.put(note(1), Box::new("b".into()), Vec::new(), Rev(3)).0);
        assert_eq!((t.stamp(note(1)), t.changed), (Rev(3), Rev(3)));
        assert_eq!(t.stamp(note(7)), GONE);
    }

    #[test]
    fn dropping_results_changes_the_table_and_names_them() {
        let mut t: Table<NoteId, u8> = Table::default();
        for i in 0..4 {
            t.put(note(i), Box::new(0), Vec::new(), Rev(1));
        }
        assert_eq!(t.retain(Rev(2), |id| id != note(2)), [(note(2), 0)]);
        assert_eq!((t.changed, t.stamp(note(2))), (Rev(2), GONE));
        assert!(t.retain(Rev(3), |_| true).is_empty());
        assert_eq!(t.changed, Rev(2));
    }

    #[test]
    fn a_recorder_keeps_each_read_once_and_an_idle_one_keeps_none() {
        let rec = Recorder::new(true);
        for _ in 0..3 {
            rec.read(|| Read::Stamp(Key::Note(note(1)), Rev(4)));
        }
        rec.read(|| Read::Query(Query::Name("Putin".into()), 9));
        assert_eq!(rec.finish().len(), 2);
        let idle = Recorder::new(false);
        idle.read(|| unreachable!("an idle recorder does not even make the read"));
        assert!(idle.finish().is_empty());
    }

    #[test]
    fn dependents_are_found_by_what_they_read() {
        let mut d = Dependents::default();
        let reads = [
            Read::Stamp(Key::Listed(note(1)), Rev(1)),
            Read::Query(Query::Source("wsj".into()), 3),
            Read::Query(Query::Name("kremlin".into()), 5),
        ];
        d.add(Item::Page(PageId(0)), &reads);
        d.add(Item::Resolve(note(2)), &reads[2..]);
        let of = |keys: &[Key]| d.of(keys).collect::<Vec<_>>();
        assert_eq!(of(&[Key::Listed(note(1))]), [Item::Page(PageId(0))]);
        // A question depends on what it is asked of.
        assert_eq!(of(&[Key::SourceNames]), [Item::Page(PageId(0))]);
        assert_eq!(
            of(&[Key::Names]),
            [Item::Page(PageId(0)), Item::Resolve(note(2))]
        );
        assert!(of(&[Key::Listed(note(9))]).is_empty());
    }
}
