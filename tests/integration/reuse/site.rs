//! An edit to everything of the site as a whole that a page or a check reads: each key of
//! `dossier.yaml`, the theme's templates and its static files, each compared with a fresh
//! build, with the pages it changes.
//!
//! Every HTML page shows the site's title, description (a `<meta>`), author (the footer)
//! and language (`<html lang>`) and starts its links with the path of `base_url`;
//! `claims.json` shows none of these but its absolute URLs, made from `base_url`.

use super::Lab;

const CONFIG: &str = "dossier.yaml";
/// The fixture's `dossier.yaml`.
const BASIC: &str =
    "title: Basic fixture\ndescription: A small dossier for the integration tests.\nlanguage: en\n";

/// The default theme's templates, as this repository has them.
fn default_template(name: &str) -> String {
    std::fs::read_to_string(default_templates().join(name)).unwrap()
}

fn default_templates() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates")
}

/// The names of the default theme's templates.
fn default_template_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(default_templates())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn config() {
    let mut lab = Lab::new("basic");

    let edits = [
        ("title", "title: Basic fixture", "title: Another title"),
        ("description", "description: A small", "description: A tiny"),
        ("language", "language: en", "language: en-GB"),
        ("author", "language:", "author: A. Writer\nlanguage:"),
        ("author edited", "author: A. Writer", "author: B. Writer"),
    ];
    // Every page, and the feed, which names the site, its description, language and author.
    let with_feed = [
        "/claims.json",
        "/sources.json",
        "/sitemap.xml",
        "/robots.txt",
    ];
    for (what, from, to) in edits {
        let p = lab.edit(CONFIG, from, to);
        lab.good(what, &[p]).changes_all_but(&with_feed);
    }
    let p = lab.edit(
        CONFIG,
        "description: A tiny dossier for the integration tests.\n",
        "",
    );
    lab.good("description removed", &[p])
        .changes_all_but(&with_feed);

    // A base URL with a path: every link starts with it, and claims.json's URLs too.
    let p = lab.edit(
        CONFIG,
        "language:",
        "base_url: https://example.org/sub/\nlanguage:",
    );
    lab.good("base_url with a path", &[p]).changes_all_but(&[]);
    // The same path on another host: the absolute URLs (every page's canonical link,
    // claims.json, the feed, the sitemap).
    let p = lab.edit(
        CONFIG,
        "https://example.org/sub/",
        "https://example.net/sub/",
    );
    // (The page for what is not found has no canonical link.)
    lab.good("base_url on another host", &[p])
        .changes_all_but(&["/404.html"]);
    // No host: no canonical link; the feed, claims.json and the sitemap from the root.
    let p = lab.edit(CONFIG, "https://example.net/sub/", "/sub/");
    lab.good("base_url a path only", &[p])
        .changes_all_but(&["/404.html"]);

    let checks = [
        ("title", "title: Another title\n", "", "config-missing-key"),
        (
            "language",
            "language: en-GB",
            "language: en_GB",
            "config-language",
        ),
        (
            "base_url",
            "base_url: /sub/",
            "base_url: sub",
            "config-base-url",
        ),
        (
            "theme",
            "language:",
            "theme: ../up\nlanguage:",
            "config-theme",
        ),
        ("an unknown key", "author:", "authors:", "unknown-key"),
        (
            "broken YAML",
            "title: Another title",
            "title: [unclosed",
            "yaml-syntax",
        ),
    ];
    for (what, good, bad, code) in checks {
        let p = lab.edit(CONFIG, good, bad);
        lab.fails(&format!("{what}: wrong"), &[p], code);
        let p = lab.edit(CONFIG, bad, good);
        lab.good(&format!("{what}: right again"), &[p]).changes(&[]);
    }
    let p = lab.write(CONFIG, BASIC);
    lab.good("as the fixture has it", &[p])
        .changes_all_but(&["/robots.txt"]);
}

#[test]
fn theme() {
    let mut lab = Lab::new("basic");

    // A theme of the dossier's own: the default theme's templates, one with a mark, and
    // a static file of its own (and not the default theme's).
    for name in &default_template_names() {
        let mut text = default_template(name);
        if name == "base.html" {
            text = text.replace(
                "<main id=\"main\"",
                "<main data-theme=\"plain\" id=\"main\"",
            );
        }
        lab.write(&format!("themes/plain/templates/{name}"), &text);
    }
    lab.write("themes/plain/static/plain.css", "body { color: black; }\n");
    lab.good("a theme folder nobody uses", &[lab.path("themes/plain")])
        .changes(&[]);
    assert_eq!(
        lab.last.statics,
        [
            "favicon.svg built in",
            "highlight.css built in",
            "search.js built in",
            "style.css built in"
        ],
        "{}",
        lab.last.step
    );
    let p = lab.edit(CONFIG, "language:", "theme: plain\nlanguage:");
    lab.good("theme", &[p]).changes_every_page();
    assert_eq!(
        lab.last.statics,
        ["plain.css from themes/plain/static/plain.css"],
        "{}",
        lab.last.step
    );
    let p = lab.remove("themes/plain/templates/tag.html");
    lab.fails(
        "a template missing from the theme",
        &[p],
        "template-missing",
    );
    let p = lab.write(
        "themes/plain/templates/tag.html",
        &default_template("tag.html"),
    );
    lab.good("the template back", &[p]).changes(&[]);
    let p = lab.edit(CONFIG, "theme: plain", "theme: nowhere");
    lab.fails("a theme that is not there", &[p], "config-theme");
    let p = lab.edit(CONFIG, "theme: nowhere", "theme: default");
    lab.good("the default theme", &[p]).changes_every_page();
    assert_eq!(
        lab.last.statics,
        [
            "favicon.svg built in",
            "highlight.css built in",
            "search.js built in",
            "style.css built in"
        ],
        "{}",
        lab.last.step
    );
}

#[test]
fn templates() {
    let mut lab = Lab::new("basic");
    let notes = [
        "/clerk/",
        "/contract-approved/",
        "/jane-doe/",
        "/routine/",
        "/unanswered/",
    ];

    let p = lab.write(
        "templates/note.html",
        &default_template("note.html").replace("<h1{%", "<h1 class=\"title\"{%"),
    );
    lab.good("the note template overridden", &[p])
        .changes(&notes);
    // Included by the source index and by each source's page.
    let p = lab.write(
        "templates/source_meta.html",
        &default_template("source_meta.html").replace(
            "<dl class=\"facts source-meta\">",
            "<dl class=\"facts source-meta own\">",
        ),
    );
    lab.good("an included template overridden", &[p])
        .changes(&["/sources/", "/sources/report/"]);
    let p = lab.write(
        "templates/base.html",
        &default_template("base.html").replace("<footer", "<footer data-x=\"1\""),
    );
    lab.good("the base template overridden", &[p])
        .changes_every_page();
    let p = lab.write("templates/extra.html", "<p>{{ page_title }}</p>\n");
    lab.good("a template no page uses", &[p]).changes(&[]);
    let p = lab.edit(
        "templates/note.html",
        "{% endblock main %}",
        "{% endblock %}{% endblock main %}",
    );
    lab.fails("a template that does not compile", &[p], "template-syntax");
    let p = lab.edit(
        "templates/note.html",
        "{% endblock %}{% endblock main %}",
        "{% endblock main %}",
    );
    lab.good("compiles again", &[p]).changes(&[]);
    let p = lab.edit(
        "templates/note.html",
        "<h1 class=\"title\"{%",
        "<h1>{{ nope.nope }}</h1><h1{%",
    );
    lab.fails(
        "a template that fails on note pages",
        &[p],
        "template-render",
    );
    let p = lab.remove("templates/note.html");
    lab.good("the override removed", &[p]).changes(&notes);
    let p = lab.remove("templates/base.html");
    lab.good("the base override removed", &[p])
        .changes_every_page();
}

#[test]
fn static_files() {
    let mut lab = Lab::new("basic");

    let p = lab.write("static/extra.css", "p { margin: 0; }\n");
    // A static file is copied as it is: no page reads it.
    lab.good("a static file added", &[p])
        .changes(&[])
        .makes(&[]);
    assert_eq!(
        lab.last.statics,
        [
            "extra.css from static/extra.css",
            "favicon.svg built in",
            "highlight.css built in",
            "search.js built in",
            "style.css built in"
        ],
        "{}",
        lab.last.step
    );
    let p = lab.write("static/style.css", "body { margin: 0; }\n");
    lab.good("the theme's style overridden", &[p])
        .changes(&[])
        .makes(&[]);
    assert_eq!(
        lab.last.statics,
        [
            "extra.css from static/extra.css",
            "favicon.svg built in",
            "highlight.css built in",
            "search.js built in",
            "style.css from static/style.css"
        ],
        "{}",
        lab.last.step
    );
    let p = lab.write("static/img/logo.svg", "<svg/>\n");
    lab.good("a static file in a folder", &[p]).changes(&[]);
    let p = lab.write("static/claims.json", "{}\n");
    lab.fails("a static file where a page is", &[p], "static-conflict");
    let p = lab.remove("static/claims.json");
    lab.good("that file removed", &[p]).changes(&[]);
    let p = lab.remove("static/style.css");
    lab.good("the override removed", &[p])
        .changes(&[])
        .makes(&[]);
    assert_eq!(
        lab.last.statics,
        [
            "extra.css from static/extra.css",
            "favicon.svg built in",
            "highlight.css built in",
            "img/logo.svg from static/img/logo.svg",
            "search.js built in",
            "style.css built in"
        ],
        "{}",
        lab.last.step
    );
}

#[test]
fn interface() {
    let mut lab = Lab::new("basic");

    // A single string overridden shows on every page (it is in the navigation).
    let p = lab.write("i18n/en.yaml", "nav:\n  map: Connections\n");
    lab.good("an interface string overridden", &[p])
        .changes_every_page();
    // One no page asks for: said, and nothing changes.
    let p = lab.edit(
        "i18n/en.yaml",
        "  map: Connections\n",
        "  map: Connections\n  mpa: Typo\n",
    );
    let said = lab.good_diagnostics("a key no page asks for", &[p]);
    assert!(
        said.contains("interface-key") && said.contains("nav.map"),
        "{said}"
    );
    lab.changes(&[]);
    // Said again by a build the tables did not change for (they are not read again then).
    let p = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Reported the vote twice",
    );
    let said = lab.good_diagnostics("a note edited, the tables as they were", &[p]);
    assert!(said.contains("interface-key"), "{said}");
    // A string of the dossier's own is one no page asks for until a template does.
    let p = lab.edit(
        "i18n/en.yaml",
        "  mpa: Typo\n",
        "own:\n  word: Our own word\n",
    );
    let said = lab.good_diagnostics("a string of its own", &[p]);
    assert!(said.contains("own.word"), "{said}");
    lab.changes(&[]);
    let p = lab.write(
        "templates/tags.html",
        &default_template("tags.html").replace(
            "{% endblock main %}",
            "<p>{{ t(key=\"own.word\") }}</p>\n{% endblock main %}",
        ),
    );
    let said = lab.good_diagnostics("a template asks for it", &[p]);
    assert!(!said.contains("interface-key"), "{said}");
    lab.changes(&["/tags/"]);
    // A string given a value it is not given: refused, with the other errors.
    let p = lab.edit(
        "i18n/en.yaml",
        "  map: Connections\n",
        "  map: \"{nope} connections\"\n",
    );
    lab.fails("a value the string is not given", &[p], "interface-value");
    let p = lab.edit(
        "i18n/en.yaml",
        "  map: \"{nope} connections\"\n",
        "  map: Connections\n",
    );
    lab.good("mended", &[p]).changes(&[]);

    // The dossier's language: every page speaks it.
    let p = lab.edit("dossier.yaml", "language: en", "language: ru");
    // The feed says its language too.
    lab.good("the interface in Russian", &[p])
        .changes_every_page_and(&["/atom.xml"]);
    // The notes said to be in English: their words are marked so wherever they are shown.
    let p = lab.edit(
        "dossier.yaml",
        "language: ru",
        "language: ru\ncontent_language: en",
    );
    lab.good("the notes' language", &[p]).changes_every_page();
    // The English override no longer applies; a Russian one does.
    let p = lab.write("i18n/ru.yaml", "nav:\n  map: Связи\n");
    lab.good("a Russian string overridden", &[p])
        .changes_every_page();
    // The English table is the one a theme's own string must be in: removed with it, or
    // the template that asks for it fails.
    let p = lab.remove("i18n/en.yaml");
    lab.fails("the English override removed", &[p], "template-render");
    let p = lab.remove("templates/tags.html");
    lab.good("and the template asking for its string", &[p])
        .changes(&["/tags/"]);
    let p = lab.remove("i18n/ru.yaml");
    lab.good("the Russian override removed", &[p])
        .changes_every_page();
}
