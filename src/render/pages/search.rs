//! The search page, and the files of its index (`search/index.json`, the shards and the
//! chunks of [`crate::render::search`]), which the engine keeps up to date.

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::page;

/// The search page: a form, and the results the script shows; without the script, the
/// listings to browse instead.
pub(crate) fn page_of(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let words = cat.interface();
    // The script's words, each string in its plural forms by CLDR category (the script
    // chooses with the browser's `Intl.PluralRules`): `{"search.more": {"other": "…"}}`.
    let strings: std::collections::BTreeMap<&str, std::collections::BTreeMap<&str, &str>> = words
        .strings_under("search.")
        .chain(words.strings_under("kind."))
        .map(|(k, e)| (k, e.forms().into_iter().collect()))
        .collect();
    let strings = serde_json::to_string(&strings).unwrap_or_default();
    page(words.text("search.title"), |c| {
        c.insert("strings", &strings);
        c.insert("strings_lang", words.lang());
    })
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
