//! The listing of each kind of note, the tag index and each tag's page.

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::super::view::{Listed, Shared, TagLink};
use super::page;
use crate::parse::Kind;

/// A listing for each kind the dossier has notes of (no page lists nothing: the navigation
/// shows only these).
pub(crate) fn kinds(cat: &dyn Catalog) -> Vec<Arg> {
    Kind::ALL
        .into_iter()
        .filter(|&k| !cat.kind(k).is_empty())
        .map(Arg::Kind)
        .collect()
}

pub(crate) fn kind(cat: &dyn Catalog, arg: Arg, _: &str) -> Made {
    let Arg::Kind(k) = arg else {
        return Made::Bytes(Vec::new());
    };
    let site = cat.site();
    let link = site.kinds.iter().find(|x| x.kind == k.name());
    let list: Vec<&Listed> = cat.kind(k).iter().map(|&i| cat.listed(i)).collect();
    page(super::super::kind_title(cat.interface(), k), |c| {
        c.insert("kind", &link);
        c.insert("notes", &list);
    })
}

pub(crate) fn tags(cat: &dyn Catalog) -> Vec<Arg> {
    cat.tags().iter().map(|&t| Arg::Tag(t)).collect()
}

pub(crate) fn tag_index(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let all: Vec<&Shared<TagLink>> = cat
        .tags()
        .iter()
        .filter_map(|&t| cat.tag(t))
        .map(|t| &t.link)
        .collect();
    page(cat.interface().text("tags.title"), |c| {
        c.insert("tags", &all)
    })
}

pub(crate) fn tag(cat: &dyn Catalog, arg: Arg, _: &str) -> Made {
    let Some(t) = (match arg {
        Arg::Tag(t) => cat.tag(t),
        _ => None,
    }) else {
        return Made::Bytes(Vec::new());
    };
    let list: Vec<&Listed> = t.members.iter().map(|&i| cat.listed(i)).collect();
    page(
        cat.interface().fmt("tags.tagged", &[("tag", &t.link.name)]),
        |c| {
            c.insert("tag", &t.link);
            c.insert("notes", &list);
        },
    )
}
