//! The search page, and the files of its index (`search/index.json`, the shards and the
//! chunks of [`crate::render::search`]), which the engine keeps up to date.

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::page;

/// The search page: a form, and the results the script shows; without the script, the
/// listings to browse instead.
pub(crate) fn page_of(_: &dyn Catalog, _: Arg, _: &str) -> Made {
    page("Search", |_| {})
}

/// `search/index.json`: what the index has and how it is split.
pub(crate) fn manifest(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    Made::Bytes(cat.search_file("index").to_vec())
}

/// One shard or chunk of the index, each `search/{name}.json`.
pub(crate) fn parts(cat: &dyn Catalog) -> Vec<Arg> {
    let count = cat.search().parts.len();
    (0..u32::try_from(count).unwrap_or(u32::MAX))
        .map(Arg::Part)
        .collect()
}

/// A shard or a chunk, by the name its URL gives (`/search/t-d0bf.json`).
pub(crate) fn part(cat: &dyn Catalog, _: Arg, url: &str) -> Made {
    let file = url.rsplit('/').next().unwrap_or_default();
    let name = file.strip_suffix(".json").unwrap_or(file);
    Made::Bytes(cat.search_file(name).to_vec())
}
