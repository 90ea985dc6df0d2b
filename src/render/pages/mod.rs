//! One module per kind of page: which pages of that kind the dossier has, and the view each
//! is made from. The table of [`super::layout`] says where they go.

pub(crate) mod claims;
pub(crate) mod crawlers;
pub(crate) mod feed;
pub(crate) mod home;
pub(crate) mod json_ld;
pub(crate) mod lists;
pub(crate) mod map;
pub(crate) mod note;
pub(crate) mod search;
pub(crate) mod sources;
pub(crate) mod timeline;

use super::layout::Made;

/// A page for its route's template: `fill` puts the page's own values into its context.
pub(crate) fn page(title: impl Into<String>, fill: impl FnOnce(&mut tera::Context)) -> Made {
    let mut context = tera::Context::new();
    fill(&mut context);
    Made::Page {
        title: title.into(),
        context,
    }
}
