//! No injection through any output: a dossier whose every string is hostile builds into
//! files that each parse as their own format, with no script, event handler or
//! `javascript:` address the theme did not put there. A browser's `alert` trap is in
//! `browser.rs` (`hostile_pages_raise_no_alert`).

use scraper::{Html, Selector};

use crate::support::{Dossier, files_under};

/// Every kind of breaking out at once: of a script block, of a CDATA section, of an
/// attribute into a new element with a handler, into the template language, a JavaScript
/// line terminator, and a script address.
pub const HOSTILE: &str = "</script><script>alert(1)</script> ]]> \"><img src=x onerror=alert(1)> {{ 7*7 }} \u{2028} javascript:alert(1)";

/// A YAML scalar holding `s` exactly (a JSON string is a YAML double-quoted one).
fn y(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A dossier whose every string a writer or a source gives holds [`HOSTILE`]: the config's
/// title and description; each note's title, aliases, summary, tags, `date_label`, body and
/// a link to a script address; a file name; a source's title, publisher, author, relay and
/// notes, a paragraph of its text, and a quote of it.
pub fn hostile() -> Dossier {
    let h = y(HOSTILE);
    let person = format!(
        "---\ntitle: {h}\nkind: person\naliases: [{h}]\nsummary: {h}\ntags: [{h}, plain]\ndate: \"2024-01\"\ndate_label: {h}\n---\n\n{HOSTILE}\n\n<script>alert(1)</script>\n\nA [link](javascript:alert(1)), [another](JaVaScRiPt:alert(1)) and <b onclick=\"alert(1)\">bold</b> [[hostile-claim|{HOSTILE_LINK}]].\n"
    );
    let unnamed = format!("---\ntitle: {h}\nkind: unnamed\nsummary: {h}\n---\n\n{HOSTILE}\n");
    let claim = format!(
        "---\ntitle: {h}\nkind: claim\nclaimant: hostile-person\nvia: [hostile-unnamed]\nsubjects: [hostile-person]\nstatus: reported\nstatus_reason: {h}\ndate: \"2024\"\ndate_part: late\naliases: [{h}]\ntags: [{h}]\nsources:\n  - {{source: hostile-source, para: 1, quote: {h}}}\n---\n\n[[hostile-person]] says {HOSTILE} [@hostile-source, ¶1].\n"
    );
    let denial = format!(
        "---\ntitle: {h}\nkind: denial\nby: hostile-person\ndenies: [hostile-claim]\nstance: denies\ndate_label: {h}\nsources:\n  - {{source: hostile-source, para: 2}}\n---\n\n{HOSTILE} [@hostile-source, ¶2].\n"
    );
    let sidecar = format!(
        "id: hostile-source\ntitle: {h}\npublisher: {h}\nauthor: {h}\nvia: {h}\nnotes: {h}\nlanguage: en\npublished: \"2024-02\"\n"
    );
    Dossier::empty()
        .write(
            "dossier.yaml",
            &format!("title: {h}\ndescription: {h}\nlanguage: en\n"),
        )
        .write("content/people/hostile-person.md", &person)
        .write("content/unnamed/hostile-unnamed.md", &unnamed)
        .write("content/claims/hostile-claim.md", &claim)
        .write("content/responses/hostile-denial.md", &denial)
        // A file name a writer cannot be stopped from using: its slug is made safe.
        .write(
            "content/\"><img src=x onerror=alert(1)>.md",
            &format!("---\ntitle: {h}\nkind: note\n---\n\n{HOSTILE}\n"),
        )
        .write(
            "seeds/hostile-source.txt",
            &format!("{HOSTILE}\n\nA second paragraph: {HOSTILE}\n"),
        )
        .write("seeds/hostile-source.yaml", &sidecar)
}

/// A wikilink's text with the hostile string in it, but for `]]`, which ends a wikilink.
const HOSTILE_LINK: &str = "</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> {{ 7*7 }} javascript:alert(1)";

/// What is wrong with an HTML page: a script the theme did not put there (the theme's are
/// JSON-LD, which must parse and cannot close its block, and `search.js`), an attribute
/// that runs script (`on…`), an address that runs script, or the template language run on
/// a writer's words.
fn html_problems(page: &str, html: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for s in html.select(&Selector::parse("script").unwrap()) {
        let el = s.value();
        match (el.attr("type"), el.attr("src")) {
            (Some("application/ld+json"), None) => {
                let text: String = s.text().collect();
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                    out.push(format!("JSON-LD does not parse: {e}"));
                }
                if text.to_ascii_lowercase().contains("</script") || text.contains("<!--") {
                    out.push("JSON-LD could close its block".into());
                }
            }
            (None, Some(src)) if src.ends_with("/search.js") => {}
            other => out.push(format!("a script the theme did not put there: {other:?}")),
        }
    }
    for e in html.select(&Selector::parse("*").unwrap()) {
        for (name, value) in e.value().attrs() {
            if name.to_ascii_lowercase().starts_with("on") {
                out.push(format!("<{} {name}={value:?}>", e.value().name()));
            }
            let v = value.trim().to_ascii_lowercase();
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&name)
                && (v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || v.starts_with("data:"))
            {
                out.push(format!("<{} {name}={value:?}>", e.value().name()));
            }
        }
        if e.value().name() == "img" {
            out.push(format!(
                "an image the theme did not put there: {:?}",
                e.value()
            ));
        }
    }
    if page.contains("49") && !page.contains("{{ 7*7 }}") {
        out.push("the template language ran on a writer's words".into());
    }
    out
}

#[test]
fn a_hostile_dossier_cannot_break_out_of_any_output() {
    let d = hostile();
    let r = d.build();
    assert_eq!(r.code, 0, "the hostile dossier must build:\n{}", r.stderr);
    let out = d.path().join("public");
    let mut problems = Vec::new();
    let (mut html_n, mut json_n, mut xml_n) = (0, 0, 0);
    let mut seen_hostile = 0;
    for f in files_under(&out) {
        let rel = f.strip_prefix(&out).unwrap().display().to_string();
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("{{ 7*7 }}") || text.contains("{{ 7*7 }}".replace(' ', "").as_str()) {
            seen_hostile += 1;
        }
        match f.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                html_n += 1;
                let html = Html::parse_document(&text);
                for p in html_problems(&text, &html) {
                    problems.push(format!("{rel}: {p}"));
                }
            }
            Some("json") => {
                json_n += 1;
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    problems.push(format!("{rel}: not JSON: {e}"));
                }
            }
            Some("xml") => {
                xml_n += 1;
                let mut reader = quick_xml::Reader::from_reader(&bytes[..]);
                let mut buf = Vec::new();
                loop {
                    match reader.read_event_into(&mut buf) {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => {
                            problems.push(format!("{rel}: not XML: {e}"));
                            break;
                        }
                    }
                    buf.clear();
                }
            }
            _ => {}
        }
    }
    // The feed also reads as Atom.
    let feed = std::fs::read(out.join("atom.xml")).unwrap();
    if let Err(e) = atom_syndication::Feed::read_from(&feed[..]) {
        problems.push(format!("atom.xml: not an Atom feed: {e}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        html_n > 10 && json_n > 3 && xml_n >= 2,
        "{html_n} {json_n} {xml_n}"
    );
    assert!(
        seen_hostile > 10,
        "the hostile words reach the outputs: {seen_hostile}"
    );
    // The words are there, as words: the note's page shows them as text.
    let page = d.page("hostile-person/index.html");
    assert!(
        page.text("h1").contains("onerror=alert(1)>"),
        "{}",
        page.text("h1")
    );
    assert!(
        page.text(".note-body")
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn a_script_address_is_refused_where_an_address_is_asked_for() {
    let d = hostile().edit(
        "seeds/hostile-source.yaml",
        "language: en",
        "language: en\nurl: javascript:alert(1)\narchive_url: \" JAVASCRIPT:alert(1)\"",
    );
    let r = d.build();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[source-url]"), "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("error[source-url]").count(),
        2,
        "{}",
        r.stderr
    );
}

#[test]
fn the_checks_find_what_they_look_for() {
    let page = "<html><body><script>alert(1)</script><img src=x onerror=alert(1)><a href=' JavaScript:alert(1)'>x</a><script type=\"application/ld+json\">{\"a\": \"<!--\"}</script><p>49</p></body></html>";
    let found = html_problems(page, &Html::parse_document(page));
    assert_eq!(found.len(), 6, "{found:?}");
}

#[test]
fn the_hostile_dossier_says_what_it_refuses() {
    let r = hostile().build();
    // Each script link is dropped and said; nothing else is wrong with it.
    assert_eq!(
        r.stderr.matches("warning[script-link]").count(),
        2,
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("error["), "{}", r.stderr);
}
