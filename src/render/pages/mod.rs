//! One module per kind of page: which pages of that kind the dossier has, and the view each
//! is made from. The table of [`super::layout`] says where they go.

pub mod claims;
pub mod home;
pub mod lists;
pub mod note;
pub mod sources;

use super::layout::Made;

/// A page for its route's template: `fill` puts the page's own values into its context.
pub fn page(title: impl Into<String>, fill: impl FnOnce(&mut tera::Context)) -> Made {
    let mut context = tera::Context::new();
    fill(&mut context);
    Made::Page {
        title: title.into(),
        context,
    }
}
