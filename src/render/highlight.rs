//! Code highlighting: fenced code -> HTML with CSS classes (no inline styles).
//!
//! syntect's syntax set is loaded once, lazily, on the first fenced block with a language,
//! so a dossier without code never pays for it. The theme's stylesheet
//! (`themes/default/static/highlight.css`) is generated from the syntect theme `THEME` by `stylesheet`;
//! a test keeps the committed file equal to it.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub(crate) const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// The syntect theme the default stylesheet is made from.
#[cfg(test)]
const THEME: &str = "InspiredGitHub";

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The inner HTML of a `<code>` element; plain escaped text when the language is unknown.
pub(crate) fn highlight(code: &str, lang: &str) -> String {
    let lang = lang.split([',', ' ', '{']).next().unwrap_or("").trim();
    if lang.is_empty() {
        return escape(code);
    }
    let Some(syntax) = SYNTAXES.find_syntax_by_token(lang) else {
        return escape(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape(code);
        }
    }
    generator.finalize()
}

/// The stylesheet for [`THEME`] with our class prefix.
#[cfg(test)]
fn stylesheet() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    themes
        .themes
        .get(THEME)
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

fn escape(s: &str) -> String {
    super::escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_into_classes() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
        assert_eq!(highlight("<b>\n", "no-such-language"), "&lt;b&gt;\n");
    }

    #[test]
    fn the_shipped_stylesheet_is_current() {
        let shipped = include_str!("../../themes/default/static/highlight.css");
        if std::env::var_os("DOSSIER_BLESS").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/default/static/highlight.css"
            );
            std::fs::write(path, stylesheet()).unwrap();
            return;
        }
        assert_eq!(
            shipped,
            stylesheet(),
            "regenerate themes/default/static/highlight.css"
        );
    }
}
