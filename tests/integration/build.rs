//! Building a valid dossier: pages, URLs, determinism, atomic output.

use crate::support::*;

#[test]
fn builds_every_page_with_clean_urls() {
    let d = Dossier::fixture("basic").built();
    for page in [
        "index.html",
        "404.html",
        "jane-doe/index.html",
        "clerk/index.html",
        "contract-approved/index.html",
        "routine/index.html",
        "people/index.html",
        "claims/index.html",
        "responses/index.html",
        "tags/index.html",
        "tags/council/index.html",
        "sources/index.html",
        "sources/report/index.html",
        "claims-vs-denials/index.html",
        "claims.json",
        "style.css",
        "highlight.css",
    ] {
        assert!(d.exists(page), "missing public/{page}");
    }
}

#[test]
fn prints_one_summary_line() {
    let d = Dossier::fixture("basic");
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert!(
        lines[0].starts_with("built 27 pages (5 notes, 1 source) into "),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(" ms"), "{}", lines[0]);
}

/// Every file, the feed and the search index included, on a fixture and on the bundled
/// dossier.
#[test]
fn two_builds_are_byte_identical() {
    for d in [Dossier::fixture("basic"), Dossier::bundled()] {
        let d = d.built();
        let first = snapshot_tree(&d.path().join("public"));
        let d = d.built();
        let second = snapshot_tree(&d.path().join("public"));
        assert_eq!(first.len(), second.len());
        for (a, b) in first.iter().zip(&second) {
            assert_eq!(a.0, b.0);
            assert!(a.1 == b.1, "{} differs between two builds", a.0);
        }
        for file in [
            "atom.xml",
            "search/index.json",
            "search/t.json",
            "search/d0.json",
        ] {
            assert!(first.iter().any(|(p, _)| p == file), "no {file}");
        }
    }
}

#[test]
fn links_work_under_a_sub_path() {
    let d = Dossier::fixture("basic");
    let r = d.run(&[
        "build",
        "--base-url",
        "https://example.org/dossiers/council/",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = d.page("clerk/index.html");
    for href in page.hrefs("a[href]") {
        assert!(
            href.starts_with("/dossiers/council/") || href.starts_with('#'),
            "link `{href}` is not under the sub-path"
        );
    }
    let css = page.select("link[rel=stylesheet]");
    assert_eq!(
        css[0].value().attr("href"),
        Some("/dossiers/council/style.css")
    );
    let json = d.read("claims.json");
    assert!(
        json.contains("\"url\": \"https://example.org/dossiers/council/contract-approved/\""),
        "{json}"
    );
}

/// Every page a reader may land on is in the sitemap (not the search page, which shows
/// nothing without a query), from the site's root when `base_url` names no host; robots.txt lets crawlers in, and names the sitemap only by a full URL.
#[test]
fn the_sitemap_lists_every_page_and_robots_lets_crawlers_in() {
    let d = Dossier::fixture("basic").built();
    let sitemap = d.read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split_once("</loc>").map(|(loc, _)| loc))
        .collect();
    let mut pages: Vec<String> = snapshot_tree(&d.path().join("public"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("/{}", p.trim_end_matches("index.html")))
        .filter(|p| p != "/search/")
        .collect();
    pages.sort();
    let mut listed: Vec<String> = locs.iter().map(|l| l.to_string()).collect();
    listed.sort();
    assert_eq!(
        listed, pages,
        "the sitemap lists every page, and only those"
    );
    assert!(!sitemap.contains("404"), "{sitemap}");
    assert_eq!(d.read("robots.txt"), "User-agent: *\nAllow: /\n");

    let r = d.run(&["build", "--base-url", "https://example.org/dossiers/musk/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sitemap = d.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/dossiers/musk/clerk/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/dossiers/musk/</loc>"));
    assert_eq!(
        d.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/dossiers/musk/sitemap.xml\n"
    );
}
