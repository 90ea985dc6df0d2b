//! The home page and the page for what is not found.

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::super::view::{Listed, SourceLink};
use super::page;
use crate::parse::Kind;

/// The home page gets light lists: links, not the full claim rows and citation lists (at
/// 10,000 notes those are megabytes the default home page does not show).
pub(crate) fn make(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let links = |k: Kind| -> Vec<&Listed> { cat.kind(k).iter().map(|&i| cat.listed(i)).collect() };
    let sources: Vec<SourceLink> = cat
        .sources()
        .iter()
        .map(|&s| {
            let r = cat.source_ref(s);
            SourceLink {
                id: &r.id,
                title: &r.title,
                url: &r.url,
                citations: cat.citations(s).len(),
            }
        })
        .collect();
    page(cat.site().title.clone(), |c| {
        c.insert("notes", &links(Kind::Note));
        c.insert("events", &links(Kind::Event));
        c.insert("claims", &links(Kind::Claim));
        c.insert("sources", &sources);
    })
}

pub(crate) fn not_found(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    page(cat.interface().text("not_found.title"), |_| {})
}
