//! Slug checks: a note's slug is its page's path, so it must be its own and not one the site
//! itself uses (the `reserved` slugs, from the site's layout).

use super::World;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::id::NoteId;
use crate::parse::Note;

/// The problems of note `id`'s slug: taken by a page of the site, or by another note.
pub(crate) fn check(id: NoteId, note: &Note, world: &dyn World, reserved: &[&str]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let slug = note.meta.slug.as_str();
    let at = || Location::Span(note.file, note.meta.slug_span.clone());
    if reserved.contains(&slug) {
        diags.push(
            Diagnostic::error(
                "slug-reserved",
                format!("the slug `{slug}` is a page of the site itself"),
                at(),
            )
            .with_help(format!(
                "set another `slug:`; these are taken: {}",
                crate::yaml::list(reserved)
            )),
        );
    }
    let group = world.with_slug(slug);
    if group.len() >= 2 && !slug.is_empty() && group.contains(&id) {
        let paths: Vec<String> = group
            .iter()
            .map(|&n| format!("`content/{}`", world.facts(n).rel.display()))
            .collect();
        diags.push(
            Diagnostic::error(
                "slug-duplicate",
                format!(
                    "{} notes have the slug `{slug}`: {}",
                    group.len(),
                    paths.join(", ")
                ),
                at(),
            )
            .with_help("give one of them another `slug:` in its front matter"),
        );
    }
    diags
}
