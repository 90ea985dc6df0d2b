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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::testing::{Dossier, Notes};

    const RESERVED: &[&str] = &["people", "tags"];

    fn check_at(d: &Dossier, rel: &str) -> Diagnostics {
        check(d.id(rel), d.note(rel), d, RESERVED)
    }

    #[test]
    fn a_slug_the_site_uses_is_reserved() {
        let d = Notes::default()
            .note("p.md", "title: P\nkind: note\nslug: people\n", "")
            .build();
        let diags = check_at(&d, "p.md");
        let e = d.only(&diags, "slug-reserved");
        assert_eq!(d.spanned(e), "people");
        let help = e.help.as_deref().unwrap();
        assert!(
            help.contains("`people`") && help.contains("`tags`"),
            "{help}"
        );
    }

    #[test]
    fn a_reserved_slug_from_the_file_name_is_reported_at_the_front_matter() {
        let d = Notes::default()
            .note("misc/tags.md", "title: Tags\nkind: note\n", "")
            .build();
        let diags = check_at(&d, "misc/tags.md");
        assert_eq!(d.spanned(d.only(&diags, "slug-reserved")), "---");
    }

    #[test]
    fn a_slug_not_in_the_reserved_list_is_fine() {
        let d = Notes::default()
            .note("p.md", "title: P\nkind: note\nslug: sources\n", "")
            .build();
        assert!(check_at(&d, "p.md").is_empty());
    }

    #[test]
    fn every_note_that_shares_a_slug_gets_the_error() {
        let d = Notes::default()
            .note("a/x.md", "title: X\nkind: note\nslug: same\n", "")
            .note("b/same.md", "title: Y\nkind: note\n", "")
            .note("c/other.md", "title: Z\nkind: note\n", "")
            .build();
        for rel in ["a/x.md", "b/same.md"] {
            let diags = check_at(&d, rel);
            let e = d.only(&diags, "slug-duplicate");
            assert_eq!(
                e.message,
                "2 notes have the slug `same`: `content/a/x.md`, `content/b/same.md`"
            );
        }
        let a = check_at(&d, "a/x.md");
        assert_eq!(d.spanned(d.only(&a, "slug-duplicate")), "same");
        assert!(check_at(&d, "c/other.md").is_empty());
    }
}
