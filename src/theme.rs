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

/// `(name, text)` of every interface table of `themes/default/i18n/`, English first.
pub(crate) const TABLES: &[(&str, &str)] = files!(include_str, "i18n": "en.yaml", "ru.yaml");

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
        let tables: Vec<String> = TABLES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(tables, listed("i18n"), "update src/theme.rs");
    }

    /// The text of a template outside its tags and Tera's: what it shows in every language.
    fn literal_text(template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while !rest.is_empty() {
            let next = ["{{", "{%", "{#", "<"]
                .iter()
                .filter_map(|open| rest.find(open).map(|i| (i, *open)))
                .min();
            let Some((i, open)) = next else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..i]);
            let close = match open {
                "{{" => "}}",
                "{%" => "%}",
                "{#" => "#}",
                _ => ">",
            };
            rest = rest[i + open.len()..]
                .find(close)
                .map_or("", |j| &rest[i + open.len() + j + close.len()..]);
            out.push(' ');
        }
        out
    }

    #[test]
    fn the_default_templates_say_nothing_of_their_own() {
        // Every word a page shows comes from the interface's tables (`t(key=…)`), so that
        // a dossier in any language reads in it; the names of formats stay as they are.
        for (name, text) in TEMPLATES {
            // Blocks of class names (`{% block main_class %}wrap wide{% endblock … %}`).
            let mut text = text.to_string();
            while let Some(i) = text.find("_class %}") {
                let end = text[i..].find("{% endblock").map_or(text.len(), |j| i + j);
                text.replace_range(i..end, " ");
            }
            let literal = literal_text(&text);
            let words: Vec<&str> = literal
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty() && !["JSON", "CSL"].contains(w))
                .collect();
            assert!(
                words.is_empty(),
                "{name} says {words:?}: put it in themes/default/i18n/"
            );
        }
        assert_eq!(
            literal_text("<p>{{ t(key=\"x\") }} Hello</p>").trim(),
            "Hello"
        );
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
