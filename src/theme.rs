//! The default theme, built into the binary from `themes/default/` (one source of truth), so
//! `dossier init` makes a dossier that builds anywhere. A dossier with its own
//! `themes/default/` folder uses that instead; `templates/` and `static/` override single files.

pub(crate) const DEFAULT_NAME: &str = "default";

macro_rules! files {
    ($kind:ident, $dir:literal: $($name:literal),+ $(,)?) => {
        &[$(($name, $kind!(concat!("../themes/default/", $dir, "/", $name)))),+]
    };
}

/// The ids the default theme (and `serve`'s overlay) give elements of a note's page, fixed
/// ones and `ref-N`, `cite-N`: a heading's anchor may not take one, or the page would have
/// two elements with one id and its links would go astray.
const PAGE_IDS: &[&str] = &[
    "main",
    "ref-list",
    "referenced-by",
    "positions-heading",
    "timeline-heading",
    "map-heading",
    "responses-heading",
    "dossier-overlay",
];

pub(crate) fn is_page_id(id: &str) -> bool {
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    PAGE_IDS.contains(&id) || numbered("ref-") || numbered("cite-")
}

/// `(name, text)` of every template of `themes/default/templates/`.
pub(crate) const TEMPLATES: &[(&str, &str)] = files!(include_str, "templates":
    "404.html", "base.html", "chain.html", "claims.html", "index.html", "kind.html", "map.html", "note.html",
    "search.html", "source.html", "source_meta.html", "sources.html", "tag.html", "tags.html", "timeline.html",
);

/// `(path, bytes)` of every file of `themes/default/static/`.
pub(crate) const STATIC: &[(&str, &[u8])] = files!(include_bytes, "static":
    "favicon.svg", "highlight.css", "search.js", "style.css",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(dir: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default")
            .join(dir);
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_theme_file_is_built_in() {
        let templates: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(templates, listed("templates"), "update src/theme.rs");
        let statics: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(statics, listed("static"), "update src/theme.rs");
    }

    #[test]
    fn the_page_ids_are_the_themes_own() {
        let pages: String = TEMPLATES
            .iter()
            .filter(|(n, _)| ["base.html", "note.html"].contains(n))
            .map(|(_, t)| *t)
            .collect();
        for id in PAGE_IDS.iter().filter(|&&id| id != "dossier-overlay") {
            assert!(
                pages.contains(&format!("id=\"{id}\"")),
                "{id} is not in the theme"
            );
        }
        assert!(is_page_id("ref-12") && is_page_id("cite-3") && !is_page_id("ref-list-1"));
    }
}
