//! A note's page: its body, references, backlinks, for a claim its responses, and for a
//! person or an organization its slice of the timeline and its neighbourhood on the map.

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::super::view;
use super::page;

/// Every published note.
pub(crate) fn all(cat: &dyn Catalog) -> Vec<Arg> {
    cat.notes().iter().map(|&n| Arg::Note(n)).collect()
}

pub(crate) fn make(cat: &dyn Catalog, arg: Arg, _: &str) -> Made {
    let Arg::Note(id) = arg else {
        return Made::Bytes(Vec::new());
    };
    let mut v = view::note_view(cat, id);
    v.body = super::super::markdown::body_html(cat, id);
    let json_ld = super::json_ld::note(cat, id);
    let timeline = super::timeline::slice(cat, id);
    let neighbourhood = super::map::neighbourhood(cat, id);
    page(v.link.title.clone(), |c| {
        c.insert("note", &v);
        c.insert("json_ld", &json_ld);
        c.insert("timeline", &timeline);
        c.insert("neighbourhood", &neighbourhood);
    })
}
