//! Typed indices: a note, a source, a tag and a block of a note are each numbered in their
//! own type, so that one cannot be used for another.
//!
//! [`NoteId`], [`SourceId`] and [`TagId`] are given by the engine ([`crate::engine`]) to a
//! path (or a tag's slug) and kept for good, across every rebuild of a `serve` session: nothing that
//! refers to a note by its id has to be renumbered when another note comes or goes.
//! [`IdVec`] is a vector indexed by one of them.

use std::marker::PhantomData;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) struct $name(u32);

        impl Id for $name {
            fn from_index(i: usize) -> Self {
                $name(u32::try_from(i).unwrap_or(u32::MAX))
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

/// A number that indexes an [`IdVec`].
pub(crate) trait Id: Copy + Eq + std::hash::Hash + Send + Sync {
    fn from_index(i: usize) -> Self;
    fn index(self) -> usize;
}

id!(
    /// A note, by the path of its file under `content/`.
    NoteId
);
id!(
    /// An archived source, by the path of its text under `seeds/`.
    SourceId
);
id!(
    /// A tag, by its slug.
    TagId
);
id!(
    /// A block (paragraph, list item, table cell…) of a note's body that holds a link: an
    /// index into the note's `contexts`.
    Block
);

/// A vector indexed by `I`: every id has a slot, empty until it is set.
#[derive(Debug, Clone)]
pub(crate) struct IdVec<I, T> {
    items: Vec<Option<T>>,
    id: PhantomData<fn(I)>,
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        IdVec {
            items: Vec::new(),
            id: PhantomData,
        }
    }
}

impl<I: Id, T> IdVec<I, T> {
    pub(crate) fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index()).and_then(Option::as_ref)
    }

    pub(crate) fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.items.get_mut(id.index()).and_then(Option::as_mut)
    }

    /// Sets the slot of `id`, growing the vector as needed; gives back what was there.
    pub(crate) fn set(&mut self, id: I, value: T) -> Option<T> {
        if self.items.len() <= id.index() {
            self.items.resize_with(id.index() + 1, || None);
        }
        self.items[id.index()].replace(value)
    }

    pub(crate) fn take(&mut self, id: I) -> Option<T> {
        self.items.get_mut(id.index()).and_then(Option::take)
    }

    /// Every set slot with its id, in id order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (I, &T)> {
        self.items
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (I::from_index(i), t)))
    }

    /// Keeps only the slots for which `keep` holds.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(I, &T) -> bool) {
        for (i, slot) in self.items.iter_mut().enumerate() {
            if slot.as_ref().is_some_and(|t| !keep(I::from_index(i), t)) {
                *slot = None;
            }
        }
    }
}

#[cfg(test)]
impl<I: Id, T> std::ops::Index<I> for IdVec<I, T> {
    type Output = T;
    /// The value of an id that has one; asking for another is a bug in the caller.
    #[allow(clippy::panic)]
    fn index(&self, id: I) -> &T {
        match self.get(id) {
            Some(t) => t,
            None => panic!("no value for {:?}", id.index()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_set_taken_and_kept_by_id() {
        let mut v: IdVec<NoteId, &str> = IdVec::default();
        assert_eq!(v.get(NoteId::from_index(3)), None);
        v.set(NoteId::from_index(3), "c");
        v.set(NoteId::from_index(1), "a");
        assert_eq!(v[NoteId::from_index(3)], "c");
        let ids: Vec<usize> = v.iter().map(|(i, _)| i.index()).collect();
        assert_eq!(ids, [1, 3]);
        v.retain(|_, t| *t != "a");
        assert_eq!(v.get(NoteId::from_index(1)), None);
        assert_eq!(v.take(NoteId::from_index(3)), Some("c"));
        assert_eq!(v.iter().count(), 0);
    }
}
