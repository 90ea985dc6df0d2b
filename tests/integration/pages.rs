//! What the pages say: snapshots of each kind of page's `<main>`, and explicit checks of
//! backlinks, references, quotes on the source page, the claims table, `claims.json`,
//! tags, listings, dates, links, code highlighting and escaping.

use crate::support::*;

fn site() -> Dossier {
    Dossier::fixture("basic").built()
}

fn main_of(d: &Dossier, rel: &str) -> String {
    d.page(rel).main()
}

// Snapshots of `<main>`.

#[test]
fn person_page() {
    insta::assert_snapshot!("person", main_of(&site(), "jane-doe/index.html"));
}

#[test]
fn claim_page() {
    insta::assert_snapshot!("claim", main_of(&site(), "contract-approved/index.html"));
}

#[test]
fn denial_page() {
    insta::assert_snapshot!("denial", main_of(&site(), "routine/index.html"));
}

#[test]
fn source_page() {
    insta::assert_snapshot!("source", main_of(&site(), "sources/report/index.html"));
}

#[test]
fn sources_index() {
    insta::assert_snapshot!("sources_index", main_of(&site(), "sources/index.html"));
}

#[test]
fn claims_vs_denials_page() {
    insta::assert_snapshot!(
        "claims_vs_denials",
        main_of(&site(), "claims-vs-denials/index.html")
    );
}

#[test]
fn home_page() {
    insta::assert_snapshot!("home", main_of(&site(), "index.html"));
}

#[test]
fn tag_page() {
    insta::assert_snapshot!("tag", main_of(&site(), "tags/council/index.html"));
}

// Backlinks and references.

#[test]
fn backlinks_list_every_note_that_links_to_or_names_the_note_with_context() {
    let page = site().page("jane-doe/index.html");
    assert_eq!(
        page.hrefs(".backlinks li > a"),
        [
            "/contract-approved/",
            "/unanswered/",
            "/clerk/",
            "/routine/"
        ]
    );
    let contexts = page.texts(".backlinks li");
    assert!(
        contexts[0].contains("Named as a subject of the claim."),
        "{contexts:?}"
    );
    assert!(
        contexts[1].contains("Named as the claimant."),
        "{contexts:?}"
    );
    assert!(contexts[2].contains("See the mayor and"), "{contexts:?}");
    assert!(
        contexts[3].contains("Doe said the vote was «routine»"),
        "{contexts:?}"
    );
    assert!(
        contexts[3].contains("Named as the respondent."),
        "{contexts:?}"
    );
}

#[test]
fn a_note_nothing_refers_to_says_so() {
    let page = site().page("routine/index.html");
    assert!(page.select(".backlinks li").is_empty());
    assert_eq!(
        page.text(".backlinks .none"),
        "No other note refers to this one."
    );
}

#[test]
fn references_are_numbered_in_order_of_citation_and_link_to_paragraphs() {
    let page = site().page("contract-approved/index.html");
    // `[@report, ¶2; @report, ¶1]` in the body, then `sources:` repeats ¶2 with a quote.
    assert_eq!(page.hrefs(".note-body sup.cite a"), ["#ref-1", "#ref-2"]);
    assert_eq!(page.texts(".note-body sup.cite a"), ["1", "2"]);
    let ids: Vec<&str> = page
        .select(".references ol > li")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .collect();
    assert_eq!(ids, ["ref-1", "ref-2"]);
    assert_eq!(
        page.hrefs(".references ol > li > a"),
        ["/sources/report/#p2", "/sources/report/#p1"]
    );
    assert_eq!(
        page.text(".references #ref-1 blockquote"),
        "approved the contract on Tuesday"
    );
}

// The source page.

#[test]
fn each_paragraph_has_an_id_and_a_visible_number() {
    let page = site().page("sources/report/index.html");
    let ids: Vec<&str> = page
        .select("ol.paragraphs > li")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .collect();
    assert_eq!(ids, ["p1", "p2", "p3", "p4"]);
    assert_eq!(
        page.texts("ol.paragraphs .para-anchor"),
        ["¶1", "¶2", "¶3", "¶4"]
    );
    assert_eq!(
        page.text("#p4 p"),
        "Officials in Кремль said nothing.",
        "the text is shown as archived"
    );
}

#[test]
fn every_quoted_passage_is_marked_and_links_to_the_quoting_note() {
    let page = site().page("sources/report/index.html");
    assert_eq!(
        page.texts("ol.paragraphs mark"),
        [
            "approved the contract on Tuesday",
            "the vote was «routine» — and declined"
        ]
    );
    assert_eq!(
        page.hrefs("ol.paragraphs mark > a"),
        ["/contract-approved/", "/routine/"]
    );
    assert_eq!(page.select("#p2 mark").len(), 1);
    assert_eq!(page.select("#p3 mark").len(), 1);
    assert!(page.select("#p1 mark, #p4 mark").is_empty());
}

// Claims and responses.

#[test]
fn claims_table_has_one_row_per_claim_with_its_responses() {
    let page = site().page("claims-vs-denials/index.html");
    let rows = page.select("table.claims tbody tr");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        page.hrefs("table.claims tbody tr > th a"),
        ["/contract-approved/", "/unanswered/"]
    );
    let response = page.text("table.claims tbody tr:first-child ul.responses li");
    // Title, then (after a line break) who, stance, date, who says it through whom (the
    // arrow read out as "citing") and the response's sources.
    assert!(
        response.starts_with("The mayor calls the vote routine"),
        "{response}"
    );
    assert!(
        response.ends_with(
            "Jane Doe · Disputes · 5 March 2024 · Example Gazette ← , citing Jane Doe · Example Gazette ¶3"
        ),
        "{response}"
    );
    assert_eq!(
        page.hrefs("table.claims tbody tr:first-child ul.responses li a"),
        [
            "/routine/",
            "/jane-doe/",
            "/sources/report/",
            "/jane-doe/",
            "/sources/report/",
            "/sources/report/#p3"
        ]
    );
}

#[test]
fn claim_without_responses_says_no_response_recorded() {
    let page = site().page("claims-vs-denials/index.html");
    assert_eq!(
        page.text("table.claims tbody tr:nth-child(2) td:last-child"),
        "No response recorded"
    );
    let claim = site().page("unanswered/index.html");
    assert!(
        claim.text(".responses").contains("No response"),
        "{}",
        claim.text(".responses")
    );
}

#[test]
fn claims_json_lists_claims_and_their_denials() {
    let d = site();
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    let c = &claims[0];
    assert_eq!(c["slug"], "contract-approved");
    assert_eq!(c["title"], "The council approved the contract");
    assert_eq!(c["url"], "/contract-approved/");
    assert_eq!(c["status"], "disputed");
    assert_eq!(c["claimant"]["slug"], "clerk");
    assert_eq!(c["date"], "2024-03");
    assert_eq!(c["sources"][0]["source"], "report");
    assert_eq!(c["sources"][0]["para"], "2");
    assert_eq!(c["sources"][0]["url"], "/sources/report/#p2");
    assert_eq!(
        c["sources"][0]["quotes"][0],
        "approved the contract on Tuesday"
    );
    let denials = c["denials"].as_array().unwrap();
    assert_eq!(denials.len(), 1);
    let r = &denials[0];
    assert_eq!(r["slug"], "routine");
    assert_eq!(r["by"]["slug"], "jane-doe");
    assert_eq!(r["stance"], "disputes");
    assert_eq!(r["date"], "2024-03-05");
    assert_eq!(r["sources"][0]["url"], "/sources/report/#p3");
    let unanswered = &claims[1];
    assert_eq!(unanswered["slug"], "unanswered");
    assert_eq!(unanswered["claimant"]["slug"], "jane-doe");
    assert!(unanswered["date"].is_null());
    assert_eq!(unanswered["denials"].as_array().unwrap().len(), 0);
}

// Tags and listings.

#[test]
fn tag_pages_list_the_tagged_notes() {
    let d = site();
    assert_eq!(
        d.page("tags/council/index.html").hrefs(".listing a"),
        ["/jane-doe/", "/clerk/"]
    );
    assert_eq!(
        d.page("tags/people/index.html").hrefs(".listing a"),
        ["/jane-doe/"]
    );
    let tags = d.page("tags/index.html");
    assert_eq!(tags.texts(".tag-cloud li"), ["council (2)", "people (1)"]);
    assert_eq!(
        d.page("clerk/index.html").hrefs(".tags a[rel=tag]"),
        ["/tags/council/"]
    );
}

#[test]
fn each_kind_has_a_listing() {
    let d = site();
    assert_eq!(
        d.page("people/index.html").hrefs(".listing a"),
        ["/jane-doe/", "/clerk/"]
    );
    assert_eq!(
        d.page("claims/index.html").hrefs(".listing a"),
        ["/contract-approved/", "/unanswered/"]
    );
    assert_eq!(
        d.page("responses/index.html").hrefs(".listing a"),
        ["/routine/"]
    );
    // A kind without notes has no listing (and no place in the navigation).
    assert!(!d.exists("events/index.html"));
    assert!(
        !d.page("index.html")
            .hrefs("nav a")
            .contains(&"/events/".to_string())
    );
}

#[test]
fn notes_of_the_same_title_are_listed_by_slug_and_on_tag_pages_in_file_order() {
    // Titles compare without case; `a.md` comes first among the files, `aa` among the slugs.
    let d = Dossier::fixture("basic")
        .write(
            "content/people/a.md",
            &note("Same Name", "person", "slug: zz\ntags: [twins]\n", "One."),
        )
        .write(
            "content/people/b.md",
            &note("same name", "person", "slug: aa\ntags: [twins]\n", "Two."),
        )
        .built();
    assert_eq!(
        d.page("people/index.html").hrefs(".listing a"),
        ["/jane-doe/", "/aa/", "/zz/", "/clerk/"]
    );
    assert_eq!(
        d.page("tags/twins/index.html").hrefs(".listing a"),
        ["/zz/", "/aa/"]
    );
}

// Dates.

#[test]
fn partial_dates_are_shown_with_their_precision() {
    let d = Dossier::fixture("basic")
        .write(
            "content/events/election.md",
            &note("The election", "event", "date: 2022\n", "It happened."),
        )
        .built();
    let claim = d.page("contract-approved/index.html");
    let time = claim.select(".note-header time");
    assert_eq!(time[0].value().attr("datetime"), Some("2024-03"));
    assert_eq!(claim.text(".note-header time"), "March 2024");
    let event = d.page("election/index.html");
    assert_eq!(
        event.select(".note-header time")[0]
            .value()
            .attr("datetime"),
        Some("2022")
    );
    assert_eq!(event.text(".note-header time"), "2022");
    let denial = d.page("routine/index.html");
    assert_eq!(
        denial.select(".note-header time")[0]
            .value()
            .attr("datetime"),
        Some("2024-03-05")
    );
    assert_eq!(denial.text(".note-header time"), "5 March 2024");
    let table = d.page("claims-vs-denials/index.html");
    assert_eq!(
        table.text("table.claims tbody tr:first-child time"),
        "March 2024"
    );
    assert!(
        !d.read("contract-approved/index.html")
            .contains("1 March 2024")
    );
}

// Links in note bodies.

#[test]
fn relative_md_link_goes_to_the_note_page() {
    let page = site().page("contract-approved/index.html");
    assert_eq!(page.hrefs(".note-body p > a")[0], "/clerk/");
    assert_eq!(page.texts(".note-body p > a")[0], "approved");
}

#[test]
fn a_relative_link_through_the_content_folder_itself_resolves() {
    let d = Dossier::fixture("basic")
        .write(
            "content/top.md",
            &note(
                "Top",
                "note",
                "",
                "[up and back](../content/people/clerk.md) [@report]",
            ),
        )
        .built();
    assert_eq!(d.page("top/index.html").hrefs(".note-body a")[0], "/clerk/");
    // Out of `content/` altogether is still no note.
    let r = Dossier::fixture("basic")
        .write(
            "content/top.md",
            &note("Top", "note", "", "[x](../seeds/report.md)"),
        )
        .build();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[link-unresolved]"), "{}", r.stderr);
}

#[test]
fn wikilinks_resolve_by_slug_alias_and_title_ignoring_case() {
    let d = Dossier::fixture("basic")
        .write(
            "content/notes/links.md",
            &note(
                "Links",
                "note",
                "",
                "[[jane-doe]], [[JANE DOE]], [[mayor doe]], [[Doe|her]], [[The Clerk]], [[Jane-Doe]].",
            ),
        )
        .built();
    let page = d.page("links/index.html");
    assert_eq!(
        page.hrefs(".note-body a"),
        [
            "/jane-doe/",
            "/jane-doe/",
            "/jane-doe/",
            "/jane-doe/",
            "/clerk/",
            "/jane-doe/"
        ]
    );
    assert_eq!(page.texts(".note-body a")[3], "her");
    let clerk = d.page("clerk/index.html");
    assert_eq!(clerk.texts(".note-body a")[1], "the mayor");
}

#[test]
fn heading_fragment_links_to_the_heading_anchor() {
    let d = site();
    let clerk = d.page("clerk/index.html");
    assert!(
        clerk
            .hrefs(".note-body a")
            .contains(&"/jane-doe/#background".to_string()),
        "{:?}",
        clerk.hrefs(".note-body a")
    );
    let jane = d.page("jane-doe/index.html");
    assert_eq!(jane.text(".note-body h2#background"), "Background");
}

// Code and raw HTML.

#[test]
fn fenced_code_is_highlighted_with_classes_not_inline_styles() {
    let d = site();
    let page = d.page("contract-approved/index.html");
    let spans = page.select(".note-body pre code span[class^='hl-']");
    assert!(!spans.is_empty(), "no highlighted spans");
    assert_eq!(
        page.text(".note-body pre code"),
        "fn main() { println!(\"cited\"); }"
    );
    assert!(page.select("main [style]").is_empty(), "an inline style");
    assert!(d.exists("highlight.css"));
}

#[test]
fn raw_html_in_a_note_is_escaped() {
    let d = Dossier::fixture("basic")
        .write(
            "content/notes/raw.md",
            &note(
                "Raw",
                "note",
                "",
                "<script>alert(1)</script>\n\nInline <b onclick=\"x()\">bold</b>.\n\n<div>\n<script>evil()</script>\n</div>",
            ),
        )
        .built();
    let html = d.read("raw/index.html");
    // No script but the page's own structured data (JSON, not run).
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(i, _)| &html[i..])
        .collect();
    assert_eq!(scripts.len(), 1, "{html}");
    assert!(
        scripts[0].starts_with("<script type=\"application/ld+json\">"),
        "{html}"
    );
    assert!(!html.contains("<b "), "{html}");
    assert!(!html.contains("<div>\n<script"), "{html}");
    let page = d.page("raw/index.html");
    assert!(
        page.text(".note-body")
            .contains("<script>alert(1)</script>"),
        "the markup is shown as text: {}",
        page.text(".note-body")
    );
}

// Known bugs: each test states the right behaviour.

#[test]
fn script_urls_in_links_are_not_kept() {
    let d = Dossier::fixture("basic")
        .write(
            "content/notes/js.md",
            &note(
                "Js",
                "note",
                "",
                "[click](javascript:alert(1)) [also](JavaScript:alert(2)) [data](data:text/html,<b>)",
            ),
        )
        .built();
    let html = d.read("js/index.html").to_lowercase();
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(!html.contains("href=\"data:"), "{html}");
}

#[test]
fn backlink_context_leaves_no_gap_where_a_citation_was() {
    let page = site().page("clerk/index.html");
    assert_eq!(
        page.texts(".backlinks .context")[0],
        "The clerk said the council approved it."
    );
}

#[test]
fn sources_index_lists_each_cited_paragraph_of_a_note_once() {
    // The reference lists merge a body citation and a `sources:` entry of the same
    // paragraph into one reference; the sources index shows them as two rows.
    let page = site().page("sources/index.html");
    let rows: Vec<(String, String)> = page
        .select("table.citations tbody tr")
        .iter()
        .map(|tr| {
            let cell = |n: usize| {
                fold(
                    &tr.child_elements()
                        .nth(n)
                        .unwrap()
                        .text()
                        .collect::<String>(),
                )
            };
            (cell(0), cell(1))
        })
        .collect();
    let mut unique = rows.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(rows.len(), unique.len(), "{rows:#?}");
    assert_eq!(page.text(".source-entry h3"), "Cited 6 times");
}

#[test]
fn a_bare_wikilink_shows_its_targets_title_and_heading() {
    let page = site().page("clerk/index.html");
    let links = page.texts(".note-body a[href^=\"/jane-doe/\"]");
    // `[[Jane Doe|the mayor]]` keeps its label; `[[jane-doe#background]]` shows the title.
    assert_eq!(links, ["the mayor", "Jane Doe › Background"]);
    // The backlink's context on Jane Doe's page reads the same way.
    let jane = site().page("jane-doe/index.html");
    assert!(
        jane.texts(".backlinks .context")
            .iter()
            .any(|c| c == "Reported the vote. See the mayor and Jane Doe › Background."),
        "{:?}",
        jane.texts(".backlinks .context")
    );
}

#[test]
fn partial_dates_sort_at_the_end_of_their_period() {
    let d = Dossier::fixture("basic")
        .write(
            "content/events/late.md",
            &note("Late", "event", "date: 2022\ndate_label: late 2022\n", "x"),
        )
        .write(
            "content/events/may.md",
            &note("May", "event", "date: 2022-05\n", "x"),
        )
        .write(
            "content/events/oct-24.md",
            &note("Oct 24", "event", "date: 2022-10-24\n", "x"),
        )
        .write(
            "content/events/oct.md",
            &note("Oct", "event", "date: 2022-10\n", "x"),
        )
        .write(
            "content/events/undated.md",
            &note("Undated", "event", "", "x"),
        )
        .write(
            "content/events/early.md",
            &note("Early", "event", "date: 2021-12-31\n", "x"),
        )
        .built();
    let events = d.page("events/index.html");
    let titles: Vec<String> = events.texts("main li a");
    assert_eq!(titles, ["Early", "May", "Oct 24", "Oct", "Late", "Undated"]);
    let home = d.page("index.html");
    assert_eq!(
        home.texts(".timeline a"),
        ["Early", "May", "Oct 24", "Oct", "Late", "Undated"]
    );
}

#[test]
fn claims_json_gives_a_date_label_only_when_the_note_has_one() {
    let d = Dossier::fixture("basic")
        .edit(
            "content/claims/unanswered.md",
            "kind: claim\n",
            "kind: claim\ndate: 2024\ndate_label: early 2024\n",
        )
        .built();
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let claim = |slug: &str| {
        json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["slug"] == slug)
            .unwrap()
            .clone()
    };
    assert_eq!(claim("contract-approved")["date"], "2024-03");
    assert_eq!(
        claim("contract-approved")["date_label"],
        serde_json::Value::Null
    );
    assert_eq!(claim("unanswered")["date"], "2024");
    assert_eq!(claim("unanswered")["date_label"], "early 2024");
}

#[test]
fn a_quote_in_the_body_is_marked_on_the_source_page() {
    // No front matter quotes these words: only the body does.
    let d = Dossier::fixture("basic")
        .edit(
            "content/claims/contract-approved.md",
            "The clerk said",
            "It was, «the clerk said» [@report, ¶2]. The clerk said",
        )
        .built();
    let page = d.page("sources/report/index.html");
    let quoted: Vec<String> = page.texts("#p2 .quoted-by li");
    assert!(
        quoted.iter().any(|q| q.contains("the clerk said")),
        "{quoted:?}"
    );
}

#[test]
fn a_backlink_context_shows_the_link_by_title_and_leaves_the_same_words_elsewhere() {
    let d = Dossier::fixture("basic")
        .write(
            "content/notes/fans.md",
            &note(
                "Fans",
                "note",
                "",
                "The jane-doe fan club met [@report, ¶2]. See [[jane-doe]].",
            ),
        )
        .built();
    let contexts = d.page("jane-doe/index.html").texts(".backlinks .context");
    assert!(
        contexts.contains(&"The jane-doe fan club met. See Jane Doe.".to_string()),
        "{contexts:?}"
    );
}
