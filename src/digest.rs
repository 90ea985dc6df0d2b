//! Content digests: 64-bit hashes that tell, within one process, whether something changed.
//!
//! `serve` keeps the previous build's work and reuses each part whose digest is unchanged.
//! The hasher is fast (aHash) with fixed seeds, so a digest is the same for the same content
//! throughout a run; digests never leave the process. Two different contents would have to
//! agree on 64 bits to be taken for each other.

use std::hash::{BuildHasher, Hash, Hasher};

pub(crate) type Digester = ahash::AHasher;

pub(crate) fn hasher() -> Digester {
    ahash::RandomState::with_seeds(0x646f, 0x7373, 0x6965, 0x72).build_hasher()
}

/// The digest of one value.
pub(crate) fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}
