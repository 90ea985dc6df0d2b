//! What a published site offers readers' and machines' tools: the Atom feed of dated notes,
//! linked from every page (issue 13).

use std::collections::{BTreeMap, BTreeSet};

use atom_syndication::Feed;

use crate::support::*;

fn feed(d: &Dossier) -> Feed {
    let text = d.read("atom.xml");
    text.parse::<Feed>()
        .unwrap_or_else(|e| panic!("atom.xml does not parse as Atom: {e}\n{text}"))
}

/// Every published note of the bundled dossier that has a date: `(slug, date)`.
fn dated_notes(root: &std::path::Path) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(root.join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let front = text.split("---").nth(1).unwrap();
        let fm: serde_yaml::Mapping = serde_yaml::from_str(front).unwrap();
        if fm.get("draft").and_then(|v| v.as_bool()) == Some(true) {
            continue;
        }
        if let Some(date) = fm.get("date").and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_u64().map(|n| n.to_string()))
        }) {
            let slug = e.path().file_stem().unwrap().to_string_lossy().to_string();
            out.insert((slug, date));
        }
    }
    out
}

#[test]
fn the_feed_has_every_dated_note_newest_first_placed_at_the_end_of_its_period() {
    let d = Dossier::bundled();
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = feed(&d);
    assert_eq!(
        f.title().as_str(),
        "Musk and the Kremlin: a reported channel and its denials"
    );
    let want = dated_notes(d.path());
    assert_eq!(want.len(), 14, "{want:?}");
    let got: BTreeSet<String> = f
        .entries()
        .iter()
        .map(|e| e.links()[0].href().trim_matches('/').to_string())
        .collect();
    assert_eq!(
        got,
        want.iter().map(|(s, _)| s.clone()).collect::<BTreeSet<_>>()
    );
    // Newest first; a partial date at the last day of its period, where the site sorts it.
    let updated: Vec<String> = f
        .entries()
        .iter()
        .map(|e| e.updated().to_rfc3339())
        .collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);
    let entry = |slug: &str| {
        f.entries()
            .iter()
            .find(|e| e.links()[0].href() == format!("/{slug}/"))
            .unwrap_or_else(|| panic!("no entry for {slug}"))
    };
    let late_2022 = entry("regular-contact-begins");
    assert_eq!(
        late_2022.updated().to_rfc3339(),
        "2022-12-31T00:00:00+00:00"
    );
    // The summary says the date as the note gives it, then the note's summary.
    let summary = late_2022.summary().unwrap().as_str();
    assert!(summary.starts_with("late 2022: "), "{summary}");
    assert_eq!(
        entry("bremmer-statement-2022").updated().to_rfc3339(),
        "2022-10-31T00:00:00+00:00"
    );
    // Undated notes have no place in a feed by date.
    assert!(
        f.entries()
            .iter()
            .all(|e| e.links()[0].href() != "/elon-musk/")
    );
    // Every entry's page exists.
    for e in f.entries() {
        let href = e.links()[0].href();
        assert!(
            d.exists(&format!("{}index.html", href.trim_start_matches('/'))),
            "{href}"
        );
    }
    // Every page names the feed in its head.
    for page in ["index.html", "elon-musk/index.html", "sources/index.html"] {
        assert_eq!(
            d.page(page)
                .hrefs("head link[rel=alternate][type='application/atom+xml']"),
            ["/atom.xml"],
            "{page}"
        );
    }
}

#[test]
fn under_a_base_url_with_a_host_the_feed_is_absolute() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["build", "--base-url", "https://example.org/dossiers/musk/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = feed(&d);
    let self_link = f.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(
        self_link.href(),
        "https://example.org/dossiers/musk/atom.xml"
    );
    assert_eq!(f.id(), "https://example.org/dossiers/musk/");
    assert!(!f.entries().is_empty());
    for e in f.entries() {
        assert!(
            e.id().starts_with("https://example.org/dossiers/musk/"),
            "{}",
            e.id()
        );
        assert_eq!(e.id(), e.links()[0].href());
    }
    assert_eq!(
        d.page("index.html")
            .hrefs("head link[type='application/atom+xml']"),
        ["/dossiers/musk/atom.xml"]
    );
    // Without a host, ids are URNs (an Atom id must be absolute) and links from the root.
    let r = d.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = feed(&d);
    assert_eq!(f.id(), "urn:dossier:site");
    assert!(
        f.entries()
            .iter()
            .all(|e| e.id().starts_with("urn:dossier:"))
    );
}

/// Every HTML page under `public/`, by its path from the site's root (`elon-musk/`).
fn html_pages(d: &Dossier) -> Vec<String> {
    let root = d.out("");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            out.push(rel);
        }
    }
    out
}

#[test]
fn every_page_has_its_canonical_link_description_open_graph_and_icon() {
    let d = Dossier::bundled();
    let base = "https://example.org/dossiers/musk/";
    let r = d.run(&["build", "--base-url", base]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pages = html_pages(&d);
    assert!(pages.len() > 80, "{pages:?}");
    for rel in &pages {
        let page = d.page(rel);
        let attr = |css: &str, name: &str| -> Vec<String> {
            page.select(css)
                .iter()
                .filter_map(|e| e.value().attr(name).map(str::to_string))
                .collect()
        };
        let canonical = attr("head link[rel=canonical]", "href");
        if rel == "404.html" {
            // Not found is no page to point search engines at.
            assert!(canonical.is_empty(), "{rel}");
            assert_eq!(attr("head meta[name=robots]", "content"), ["noindex"]);
        } else {
            let want = format!("{base}{}", rel.trim_end_matches("index.html"));
            assert_eq!(canonical, std::slice::from_ref(&want), "{rel}");
            assert_eq!(
                attr("head meta[property='og:url']", "content"),
                [want],
                "{rel}"
            );
        }
        assert_eq!(
            attr("head meta[property='og:title']", "content").len(),
            1,
            "{rel}"
        );
        assert_eq!(
            attr("head meta[property='og:site_name']", "content").len(),
            1,
            "{rel}"
        );
        let description = attr("head meta[name=description]", "content");
        assert_eq!(description.len(), 1, "{rel}");
        assert_eq!(
            attr("head meta[property='og:description']", "content"),
            description,
            "{rel}"
        );
        assert_eq!(
            attr("head link[rel=icon]", "href"),
            ["/dossiers/musk/favicon.svg"],
            "{rel}"
        );
    }
    // A note's description is its summary; its type is an article.
    let musk = d.page("elon-musk/index.html");
    let summary = musk.text("header .summary");
    assert_eq!(
        musk.select("head meta[name=description]")[0]
            .value()
            .attr("content"),
        Some(summary.as_str())
    );
    assert_eq!(
        musk.select("head meta[property='og:type']")[0]
            .value()
            .attr("content"),
        Some("article")
    );
    assert!(d.read("favicon.svg").starts_with("<svg"));

    // Without a host there is no full URL to give: no canonical link, no og:url.
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = d.page("index.html");
    assert!(
        home.select("head link[rel=canonical], head meta[property='og:url']")
            .is_empty()
    );
}

/// Where an address on a page leads inside the site built under `base` (`/dossiers/musk/`):
/// the file it serves and its fragment, or `None` for an address outside the site.
fn target(
    base_path: &str,
    origin: &str,
    from: &str,
    href: &str,
) -> Option<(String, Option<String>)> {
    let (href, fragment) = match href.split_once('#') {
        Some((h, f)) => (h, Some(f.to_string())),
        None => (href, None),
    };
    let path = if href.is_empty() {
        from.to_string()
    } else if let Some(rest) = href.strip_prefix(origin) {
        rest.to_string()
    } else if href.contains("://") || href.starts_with("mailto:") {
        return None;
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        // Relative, as a note's own Markdown link may be: from the page's folder.
        let mut parts: Vec<&str> = from.trim_end_matches('/').split('/').collect();
        for seg in href.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." => {}
                s => parts.push(s),
            }
        }
        parts.join("/")
    };
    let rel = path
        .strip_prefix(base_path)
        .unwrap_or_else(|| panic!("{from}: `{href}` leaves the site's sub-path {base_path}"));
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    Some((file, fragment))
}

#[test]
fn under_a_sub_path_every_link_of_every_page_feed_sitemap_and_search_index_leads_somewhere() {
    let d = Dossier::bundled();
    let origin = "https://example.org";
    let base_path = "/dossiers/musk/";
    let r = d.run(&["build", "--base-url", &format!("{origin}{base_path}")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids = |file: &str| -> BTreeSet<String> {
        let page = d.page(file);
        page.select("[id]")
            .iter()
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect()
    };
    let mut checked = 0;
    let mut follow = |from: &str, from_path: &str, href: &str| {
        let Some((file, fragment)) = target(base_path, origin, from_path, href) else {
            return;
        };
        assert!(
            d.exists(&file),
            "{from}: `{href}` leads to no file ({file})"
        );
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            assert!(
                ids(&file).contains(&f),
                "{from}: `{href}`: {file} has no id `{f}`"
            );
        }
        checked += 1;
    };
    for rel in html_pages(&d) {
        let page = d.page(&rel);
        let from_path = format!("{base_path}{}", rel.trim_end_matches("index.html"));
        for css in ["a[href]", "link[href]"] {
            for e in page.select(css) {
                follow(&rel, &from_path, e.value().attr("href").unwrap());
            }
        }
        for e in page.select("[src]") {
            follow(&rel, &from_path, e.value().attr("src").unwrap());
        }
        for e in page.select("form[action]") {
            follow(&rel, &from_path, e.value().attr("action").unwrap());
        }
        for e in page.select("[data-index]") {
            let index = format!("{}index.json", e.value().attr("data-index").unwrap());
            follow(&rel, &from_path, &index);
        }
    }
    // The search index: every file its manifest names, and every result's page.
    let manifest: serde_json::Value = serde_json::from_str(&d.read("search/index.json")).unwrap();
    for prefix in manifest["shards"].as_array().unwrap() {
        let hex: String = prefix
            .as_str()
            .unwrap()
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = if hex.is_empty() {
            "t".to_string()
        } else {
            format!("t-{hex}")
        };
        follow(
            "search/index.json",
            base_path,
            &format!("{base_path}search/{name}.json"),
        );
        let shard: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&d.read(&format!("search/{name}.json"))).unwrap();
        assert!(!shard.is_empty(), "search/{name}.json has no word");
    }
    let (docs, chunk) = (
        manifest["docs"].as_u64().unwrap() as usize,
        manifest["chunk"].as_u64().unwrap() as usize,
    );
    let mut rows = 0;
    for i in 0..docs.div_ceil(chunk) {
        let file = format!("search/d{i}.json");
        let chunk: Vec<(String, String, String, String)> =
            serde_json::from_str(&d.read(&file)).unwrap();
        for (url, ..) in &chunk {
            follow(&file, base_path, url);
        }
        rows += chunk.len();
    }
    assert_eq!(
        rows, docs,
        "the chunks hold every document the manifest counts"
    );
    let f = feed(&d);
    for l in f
        .links()
        .iter()
        .chain(f.entries().iter().flat_map(|e| e.links()))
    {
        follow("atom.xml", base_path, l.href());
    }
    let sitemap = d.read("sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1) {
        follow(
            "sitemap.xml",
            base_path,
            loc.split("</loc>").next().unwrap(),
        );
    }
    let claims: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let mut urls = Vec::new();
    collect_urls(&claims, &mut urls);
    for u in &urls {
        follow("claims.json", base_path, u);
    }
    assert!(checked > 2000, "only {checked} links followed");
}

/// Every `url` of a JSON value.
fn collect_urls(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("url", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_urls(x, out),
                }
            }
        }
        serde_json::Value::Array(xs) => xs.iter().for_each(|x| collect_urls(x, out)),
        _ => {}
    }
}

/// `sources.json` against the CSL-JSON schema (kept in `tests/schemas/`).
fn assert_valid_csl(json: &serde_json::Value) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/csl-data.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "sources.json is not CSL-JSON: {errors:#?}\n{json:#}"
    );
    // The schema is strict: a key of its own, or a type it does not know, fails.
    for bad in [
        serde_json::json!([{"id": "x", "type": "document", "sha256": "y"}]),
        serde_json::json!([{"id": "x", "type": "newspaper"}]),
        serde_json::json!([{"id": "x", "type": "document", "issued": {"date-parts": [["2024", 3, 1, 1]]}}]),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

#[test]
fn sources_json_is_csl_json_with_what_the_sidecar_says_and_nothing_more() {
    let d = Dossier::bundled();
    let r = d.run(&["build", "--base-url", "https://example.org/d/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&d.read("sources.json")).unwrap();
    assert_valid_csl(&json);
    let item = &json[0];
    assert_eq!(item["id"], "meduza-wsj-musk-putin");
    assert_eq!(item["type"], "document");
    assert_eq!(item["container-title"], "Meduza");
    assert_eq!(item["language"], "ru");
    // The sidecar does not know the author, the date, the address: none is made up.
    for unknown in ["author", "issued", "accessed", "URL"] {
        assert!(item.get(unknown).is_none(), "{unknown}: {item:#}");
    }
    assert_eq!(
        item["note"],
        "Relays The Wall Street Journal in ¶1, ¶3–5, ¶8, ¶9, ¶11."
    );
    assert_eq!(item["custom"]["paragraphs"], 12);
    assert_eq!(
        item["custom"]["dossier_url"],
        "https://example.org/d/sources/meduza-wsj-musk-putin/"
    );
    // Linked from the page that lists the sources.
    assert!(
        d.page("sources/index.html")
            .hrefs("main a")
            .contains(&"/d/sources.json".to_string())
    );

    // Every field a sidecar can give.
    let d = Dossier::fixture("basic").edit(
        "seeds/report.yaml",
        "language: en",
        "language: en\nauthor: Ann Reporter\nurl: https://example.org/report\narchive_url: https://archive.example.org/report\nretrieved: 2024-03-08\nvia: The Wire",
    );
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&d.read("sources.json")).unwrap();
    assert_valid_csl(&json);
    let item = &json[0];
    assert_eq!(
        item["author"],
        serde_json::json!([{"literal": "Ann Reporter"}])
    );
    assert_eq!(
        item["issued"],
        serde_json::json!({"date-parts": [[2024, 3]]})
    );
    assert_eq!(
        item["accessed"],
        serde_json::json!({"date-parts": [[2024, 3, 8]]})
    );
    assert_eq!(item["URL"], "https://example.org/report");
    assert_eq!(
        item["note"],
        "Relays The Wire. Archived copy: https://archive.example.org/report"
    );
}

/// The schema.org terms the site may use (`tests/schemas/schemaorg-terms.json`, written by
/// `scripts/schemaorg-terms` from a schema.org release): every `@type` must be one of its
/// types, every property one of its properties that applies to that type or a supertype.
struct Vocabulary {
    types: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Vec<String>>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../schemas/schemaorg-terms.json")).unwrap();
        let map = |k: &str| -> BTreeMap<String, Vec<String>> {
            serde_json::from_value(v[k].clone()).unwrap()
        };
        Vocabulary {
            types: map("types"),
            properties: map("properties"),
        }
    }

    /// A type and all its supertypes.
    fn lineage(&self, t: &str) -> Vec<String> {
        let mut out = vec![t.to_string()];
        let mut i = 0;
        while i < out.len() {
            for s in self.types.get(&out[i]).into_iter().flatten() {
                if !out.contains(s) {
                    out.push(s.clone());
                }
            }
            i += 1;
        }
        out
    }

    /// What in `v` schema.org does not accept, as `path: why`.
    fn errors(&self, v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Array(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    self.errors(x, &format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(m) => {
                let Some(t) = m.get("@type").and_then(|t| t.as_str()) else {
                    out.push(format!("{path}: an object without @type"));
                    return;
                };
                if !self.types.contains_key(t) {
                    out.push(format!("{path}: `{t}` is not a schema.org type"));
                    return;
                }
                let lineage = self.lineage(t);
                for (k, x) in m {
                    if k.starts_with('@') {
                        continue;
                    }
                    match self.properties.get(k) {
                        None => out.push(format!("{path}.{k}: not a schema.org property")),
                        Some(domains) if !domains.iter().any(|d| lineage.contains(d)) => {
                            out.push(format!("{path}.{k}: not a property of {t}"))
                        }
                        Some(_) => self.errors(x, &format!("{path}.{k}"), out),
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_note_page_has_json_ld_that_schema_org_accepts() {
    let vocab = Vocabulary::load();
    // The check is not vacuous: it refuses what schema.org does not have.
    for (bad, why) in [
        (
            serde_json::json!({"@type": "Claim", "claimant": "x"}),
            "not a schema.org property",
        ),
        (
            serde_json::json!({"@type": "Person", "headline": "x"}),
            "not a property of Person",
        ),
        (
            serde_json::json!({"@type": "Denial"}),
            "not a schema.org type",
        ),
    ] {
        let mut errors = Vec::new();
        vocab.errors(&bad, "$", &mut errors);
        assert!(errors.iter().any(|e| e.contains(why)), "{bad}: {errors:?}");
    }

    let d = Dossier::bundled();
    let r = d.run(&["build", "--base-url", "https://example.org/d/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let block = |rel: &str| -> serde_json::Value {
        let page = d.page(rel);
        let scripts = page.select("head script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "{rel}");
        let text: String = scripts[0].text().collect();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}\n{text}"))
    };
    let mut notes = 0;
    for rel in html_pages(&d) {
        let page = d.page(&rel);
        if page.select("article.note").is_empty() {
            continue;
        }
        notes += 1;
        let v = block(&rel);
        assert_eq!(v["@context"], "https://schema.org", "{rel}");
        assert_eq!(v["@type"], "Article", "{rel}");
        let mut errors = Vec::new();
        vocab.errors(&v, &rel, &mut errors);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    assert_eq!(notes, 55);

    let musk = block("elon-musk/index.html");
    assert_eq!(musk["mainEntity"]["@type"], "Person");
    assert_eq!(musk["mainEntity"]["name"], "Elon Musk");
    assert_eq!(musk["url"], "https://example.org/d/elon-musk/");
    assert_eq!(musk["citation"][0]["publisher"]["name"], "Meduza");
    assert_eq!(
        block("kremlin/index.html")["mainEntity"]["@type"],
        "Organization"
    );
    // An unnamed source is no identified person: no main entity.
    assert!(
        block("former-russian-intelligence-officer/index.html")
            .get("mainEntity")
            .is_none()
    );

    let taiwan = block("putin-taiwan-starlink-request/index.html");
    let claim = &taiwan["mainEntity"];
    assert_eq!(claim["@type"], "Claim");
    assert_eq!(claim["author"]["name"], "The Wall Street Journal");
    let about: Vec<&str> = claim["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        about,
        ["Vladimir Putin", "Elon Musk", "Starlink", "Xi Jinping"]
    );
    assert_eq!(
        claim["appearance"],
        serde_json::json!([{
            "@type": "CreativeWork",
            "name": "Meduza, relaying The Wall Street Journal, ¶9",
            "url": "https://example.org/d/sources/meduza-wsj-musk-putin/#p9"
        }])
    );
    let reviewers: Vec<&str> = claim["review"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["author"]["name"].as_str().unwrap())
        .collect();
    // Musk's silence is no review of his: it is not among them.
    assert_eq!(
        reviewers,
        ["Chinese embassy in Washington", "Dmitry Peskov"]
    );
}

#[test]
fn a_markdown_link_from_the_root_is_put_under_the_sites_sub_path() {
    let d = Dossier::fixture("basic").edit(
        "content/people/clerk.md",
        "Reported the vote",
        "See [the table](/claims-vs-denials/) and [elsewhere](//example.net/x). Reported the vote",
    );
    let r = d.run(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hrefs = d.page("clerk/index.html").hrefs(".note-body a");
    assert!(
        hrefs.contains(&"/sub/claims-vs-denials/".to_string()),
        "{hrefs:?}"
    );
    // A link to another host (`//host/…`) is left as written.
    assert!(hrefs.contains(&"//example.net/x".to_string()), "{hrefs:?}");
}

/// The bundled dossier's search index stays small: a reader's phone fetches all of it for a
/// query (it is one shard). 59 KB when this was written; the bound leaves room for notes.
#[test]
fn the_bundled_dossiers_search_index_stays_small() {
    let d = Dossier::bundled().built();
    let dir = d.path().join("public/search");
    let mut total = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().ends_with(".json") {
            total += e.metadata().unwrap().len();
        }
    }
    assert!(total > 10_000, "the index is nearly empty: {total} bytes");
    assert!(total < 128 * 1024, "the index is {total} bytes");
}

/// The bundled dossier's home page with everything it loads (stylesheets, icon, scripts)
/// stays under 100 KB, and nothing comes from another host.
#[test]
fn the_home_page_with_what_it_loads_is_under_100_kb() {
    let d = Dossier::bundled().built();
    let home = d.page("index.html");
    let mut total = d.read("index.html").len();
    let mut loaded: Vec<String> = home.hrefs("link[rel=stylesheet], link[rel=icon]");
    loaded.extend(
        home.select("script[src]")
            .iter()
            .map(|e| e.value().attr("src").unwrap().to_string()),
    );
    assert!(loaded.len() >= 3, "{loaded:?}");
    for url in &loaded {
        assert!(
            url.starts_with('/') && !url.starts_with("//"),
            "{url} is not the site's"
        );
        total += d.read(&url[1..]).len();
    }
    assert!(total < 100 * 1024, "{total} bytes: {loaded:?}");
}
