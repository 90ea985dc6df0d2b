//! What a batch of file-system events means for the site: a pure function, tested alone.
//!
//! Input: the dossier root, the output folder and the paths the watcher reported.
//! Output: a [`Change`]: nothing to do (the output folder, hidden files, editor swap and
//! backup files, folders that are not part of the dossier), a stylesheet-only change (the page
//! can swap its stylesheets without reloading), or a rebuild.

use std::path::{Component, Path};

use crate::load::is_ignored;

/// The folders of a dossier the build reads; anything else at the root is not ours.
pub(crate) const WATCHED_DIRS: &[&str] =
    &["content", "seeds", "templates", "static", "themes", "i18n"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Nothing,
    /// Only stylesheets changed.
    Styles,
    Rebuild,
}

pub(crate) fn classify<'a>(
    root: &Path,
    output: &Path,
    paths: impl IntoIterator<Item = &'a Path>,
) -> Change {
    let mut change = Change::Nothing;
    for path in paths {
        match classify_one(root, output, path) {
            Change::Nothing => {}
            Change::Styles if change == Change::Nothing => change = Change::Styles,
            Change::Styles => {}
            Change::Rebuild => return Change::Rebuild,
        }
    }
    change
}

fn classify_one(root: &Path, output: &Path, path: &Path) -> Change {
    if path.starts_with(output) {
        return Change::Nothing;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Nothing;
    };
    let parts: Vec<&std::ffi::OsStr> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        })
        .collect();
    let Some(first) = parts.first() else {
        // The root itself: a folder was created or removed there.
        return Change::Rebuild;
    };
    if parts.iter().any(|p| is_ignored(p)) {
        return Change::Nothing;
    }
    if parts.len() == 1 {
        return if *first == "dossier.yaml" || WATCHED_DIRS.iter().any(|d| *first == *d) {
            Change::Rebuild
        } else {
            Change::Nothing
        };
    }
    if !WATCHED_DIRS.iter().any(|d| *first == *d) {
        return Change::Nothing;
    }
    let is_css = rel.extension().is_some_and(|e| e == "css");
    let in_static =
        *first == "static" || (*first == "themes" && parts.get(2).is_some_and(|p| *p == "static"));
    if is_css && in_static {
        Change::Styles
    } else {
        Change::Rebuild
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(paths: &[&str]) -> Change {
        let root = Path::new("/d");
        let paths: Vec<&Path> = paths.iter().map(Path::new).collect();
        classify(root, Path::new("/d/public"), paths)
    }

    #[test]
    fn notes_sources_templates_and_config_rebuild() {
        assert_eq!(c(&["/d/content/people/a.md"]), Change::Rebuild);
        assert_eq!(c(&["/d/seeds/s.txt"]), Change::Rebuild);
        assert_eq!(c(&["/d/templates/note.html"]), Change::Rebuild);
        assert_eq!(c(&["/d/dossier.yaml"]), Change::Rebuild);
        assert_eq!(c(&["/d/content"]), Change::Rebuild);
        assert_eq!(c(&["/d/themes/x/templates/base.html"]), Change::Rebuild);
        assert_eq!(c(&["/d/i18n/ru.yaml"]), Change::Rebuild);
        assert_eq!(c(&["/d/themes/x/i18n/ru.yaml"]), Change::Rebuild);
    }

    #[test]
    fn stylesheets_alone_are_styles() {
        assert_eq!(c(&["/d/static/style.css"]), Change::Styles);
        assert_eq!(c(&["/d/themes/default/static/style.css"]), Change::Styles);
        assert_eq!(
            c(&["/d/static/style.css", "/d/content/a.md"]),
            Change::Rebuild
        );
    }

    #[test]
    fn output_hidden_swap_and_foreign_files_are_ignored() {
        assert_eq!(c(&["/d/public/index.html"]), Change::Nothing);
        assert_eq!(c(&["/d/content/.a.md.swp"]), Change::Nothing);
        assert_eq!(c(&["/d/content/a.md~"]), Change::Nothing);
        assert_eq!(c(&["/d/content/.obsidian/workspace.json"]), Change::Nothing);
        assert_eq!(c(&["/d/target/debug/x"]), Change::Nothing);
        assert_eq!(c(&["/d/.git/index"]), Change::Nothing);
        assert_eq!(c(&["/elsewhere/a.md"]), Change::Nothing);
        assert_eq!(c(&["/d/.public.staging-1/index.html"]), Change::Nothing);
    }
}
