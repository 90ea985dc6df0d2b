//! The interface in the dossier's language: the bundled dossier built with `language: ru`
//! speaks Russian on every page, wherever the words are not the dossier's own, and marks
//! the dossier's own (English) words with their language.

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node};

use crate::support::{Dossier, files_under};

/// The bundled dossier with a Russian interface; its notes stay in English.
fn russian() -> Dossier {
    Dossier::bundled()
        .edit(
            "dossier.yaml",
            "language: en",
            "language: ru\ncontent_language: en",
        )
        .built()
}

fn html_pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages = files_under(dir);
    pages.retain(|p| p.extension().is_some_and(|x| x == "html"));
    pages
}

/// Words of Latin letters that may stand in a Russian interface: names of formats and
/// programs, which Russian writes in Latin letters too.
const LATIN_ALLOWED: &[&str] = &["JSON", "CSL", "Atom", "SHA", "Zotero", "JavaScript"];

/// The Latin words of `text` that are not allowed.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !LATIN_ALLOWED.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether an element's text is the interface's: the nearest element that says its
/// language is the page itself (`<html lang="ru">`) or one of the interface's own parts
/// inside a source's text (a paragraph's anchor, the notes quoting it). Any other element
/// with a `lang` is the dossier's own words (a note's, a quote's, a source's title), in
/// whatever language, Russian included.
fn interface(e: ElementRef<'_>) -> bool {
    let mut node = Some(*e);
    while let Some(n) = node {
        if let Some(el) = n.value().as_element()
            && let Some(l) = el.attr("lang")
        {
            let own = el.name() == "html"
                || el.has_class("para-anchor", scraper::CaseSensitivity::CaseSensitive)
                || el.has_class("quoted-by", scraper::CaseSensitivity::CaseSensitive);
            return own && (l == "ru" || l.starts_with("ru-"));
        }
        node = n.parent();
    }
    false
}

/// Every interface word of a page that is not Russian: text in the body outside elements
/// marked with another language (the notes' own words) and outside code, addresses and
/// scripts; and the attributes a reader hears or sees (`aria-label`, `placeholder`,
/// `title`, `data-label`, `alt`).
fn english_on(page: &Html) -> Vec<String> {
    let mut found = Vec::new();
    let body = page
        .select(&scraper::Selector::parse("body").unwrap())
        .next()
        .unwrap();
    for node in body.descendants() {
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        match node.value() {
            Node::Text(t) => {
                let skipped = parent.ancestors().chain([*parent]).any(|a| {
                    a.value().as_element().is_some_and(|el| {
                        matches!(el.name(), "code" | "script" | "style" | "noscript" | "time")
                            || (el.name() == "a"
                                && el.attr("href").is_some_and(|h| h.starts_with("http")))
                    })
                });
                if !skipped && interface(parent) {
                    for w in latin_words(t) {
                        found.push(format!(
                            "{w} (in <{}>: {:?})",
                            parent.value().name(),
                            t.trim()
                        ));
                    }
                }
            }
            Node::Element(el) => {
                let me = ElementRef::wrap(node).unwrap();
                for attr in ["aria-label", "placeholder", "title", "data-label", "alt"] {
                    if let Some(v) = el.attr(attr)
                        && interface(me)
                    {
                        for w in latin_words(v) {
                            found.push(format!("{w} (in {attr} of <{}>: {v:?})", el.name()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn no_english_interface_word_on_any_page_with_a_russian_interface() {
    let d = russian();
    let pages = html_pages(&d.path().join("public"));
    assert!(pages.len() > 80, "{} pages", pages.len());
    let mut problems = Vec::new();
    for p in &pages {
        let html = Html::parse_document(&std::fs::read_to_string(p).unwrap());
        let root = html
            .select(&scraper::Selector::parse("html").unwrap())
            .next()
            .unwrap();
        assert_eq!(root.value().attr("lang"), Some("ru"), "{}", p.display());
        for w in english_on(&html) {
            problems.push(format!(
                "{}: {w}",
                p.strip_prefix(d.path()).unwrap().display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} English words in the Russian interface, the first:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

#[test]
fn the_checker_finds_an_english_word_left_in_a_russian_interface() {
    // The test above would pass on pages it cannot read; here it must catch one.
    let page = Html::parse_document(
        "<html lang=\"ru\"><body><h2>Ссылаются</h2><p lang=\"en\">A note's words</p><h2>Referenced by</h2><a href=\"/x/\" aria-label=\"Paragraph 3\">¶3</a></body></html>",
    );
    let found = english_on(&page);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("Referenced"));
}

#[test]
fn russian_counts_dates_and_labels_read_as_russian() {
    let d = russian();
    let home = d.page("index.html");
    let counts = home.text("p.counts");
    assert!(counts.contains("55 заметок"), "{counts}");
    assert!(counts.contains("9 заявлений"), "{counts}");
    assert!(counts.contains("1 архивный источник"), "{counts}");
    let dates = home.texts("ol.timeline .date");
    assert!(dates.contains(&"конец 2022 года".to_string()), "{dates:?}");
    assert!(dates.contains(&"май 2022 года".to_string()), "{dates:?}");
    // A date the note writes in its own words stays in them, marked with their language.
    let labelled = home.select("ol.timeline .date[lang=en]");
    assert!(!labelled.is_empty());
    let table = d.page("claims-vs-denials/index.html");
    assert_eq!(table.text("caption"), "9 заявлений и ответы на них");
    assert!(table.text("thead").contains("Кто заявляет"));
    assert!(
        table
            .texts("span.status")
            .contains(&"Опровергается".to_string())
    );
    let source = d.page("sources/meduza-wsj-musk-putin/index.html");
    assert!(
        source.text("dl.source-meta").contains("русский"),
        "{}",
        source.text("dl.source-meta")
    );
    let not_found = d.page("404.html");
    assert_eq!(not_found.text("h1"), "Страница не найдена");
}

#[test]
fn a_language_without_a_table_is_said_and_the_interface_is_english() {
    let d = Dossier::bundled().edit("dossier.yaml", "language: en", "language: fr");
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[interface-language]"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("dossier.yaml:"), "{}", r.stderr);
    assert!(d.page("index.html").text("nav").contains("Timeline"));
}

#[test]
fn a_dossier_adds_a_language_of_its_own() {
    let d = Dossier::bundled()
        .edit("dossier.yaml", "language: en", "language: pl\ncontent_language: en")
        .write(
            "i18n/pl.yaml",
            "nav:\n  timeline: Oś czasu\ncount:\n  claims:\n    one: \"{n} twierdzenie\"\n    few: \"{n} twierdzenia\"\n    many: \"{n} twierdzeń\"\n    other: \"{n} twierdzenia\"\n",
        );
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    // What the table lacks is said once, and shows in English.
    assert!(
        r.stderr.contains("warning[interface-missing]"),
        "{}",
        r.stderr
    );
    let home = d.page("index.html");
    assert!(home.text("nav").contains("Oś czasu"));
    assert!(
        home.text("p.counts").contains("9 twierdzeń"),
        "{}",
        home.text("p.counts")
    );
    assert!(home.text("nav").contains("Map"));
}

#[test]
fn a_broken_table_is_refused_at_its_line() {
    let d = Dossier::bundled()
        .edit("dossier.yaml", "language: en", "language: ru")
        .write("i18n/ru.yaml", "nav:\n  map: \"{карта}\"\n");
    let r = d.build();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[interface-value]"), "{}", r.stderr);
    assert!(r.stderr.contains("i18n/ru.yaml:2:3"), "{}", r.stderr);
    assert!(r.stderr.contains("help:"), "{}", r.stderr);
    assert!(!d.exists("index.html"), "nothing is written");
}
