//! An edit to everything of a note's body that a page or a check reads: its text, headings,
//! wikilinks (bare, labelled, to a heading), relative links, citations, «quotes» and code,
//! each compared with a fresh build, with the pages it changes. (The basic fixture is
//! described in `front_matter`.)
//!
//! A note's body shows on its own page; the text of each block that holds a link shows on
//! the linked note's page ("Referenced by"), with each bare link by slug written as its
//! target's title; its citations show in the source index, the table of claims and
//! `claims.json`; its quotes on the source's page.

use super::Lab;
use super::basic::{CLERK, CONTRACT, JANE, ROUTINE, UNANSWERED};

#[test]
fn text_and_headings() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(CLERK, "Reported the vote", "Announced the vote");
    lab.good("text in a block that links", &[p]).changes(&[
        "/clerk/",
        // The block is the context of the clerk's backlink on Jane Doe's page.
        "/jane-doe/",
    ]);
    let p = lab.edit(
        JANE,
        "Nothing more is known.",
        "Nothing more is known.\n\nShe was elected.",
    );
    lab.good("text in a block that links nowhere", &[p])
        .changes(&["/jane-doe/"]);
    // A word for one as long: the note as parsed is the same (the body's byte range, its
    // links, citations and headings); only its text differs.
    let p = lab.edit(JANE, "Nothing more is known.", "Nothing else is known.");
    lab.good("a word for one as long", &[p])
        .changes(&["/jane-doe/"]);
    let p = lab.edit(CLERK, "Announced the vote", "Announced *the* vote");
    // A context is the block's text without its markup: Jane Doe's page stays as it was.
    lab.good("emphasis in a block that links", &[p])
        .changes(&["/clerk/"]);
    let p = lab.edit(ROUTINE, "said the vote", "<b>said</b> the vote");
    // (Not part of the context on Jane Doe's page either.)
    lab.good("raw HTML, shown as text", &[p])
        .changes(&["/routine/"]);

    let p = lab.edit(
        JANE,
        "She was elected.",
        "She was elected.\n\n## Career\n\nMayor.",
    );
    lab.good("a heading added", &[p]).changes(&["/jane-doe/"]);
    // `clerk` links to `[[jane-doe#background]]`, shown as her title and the heading's.
    let p = lab.edit(JANE, "## Background", "## Early years {#background}");
    lab.good("a linked heading's text, its anchor kept", &[p])
        .changes(&["/jane-doe/", "/clerk/"]);
    let p = lab.edit(JANE, "## Early years {#background}", "## Early years");
    lab.fails("a linked heading's anchor", &[p], "heading-unresolved");
    let p = lab.edit(CLERK, "[[jane-doe#background]]", "[[jane-doe#early-years]]");
    lab.good("the link follows the anchor", &[p])
        .changes(&["/jane-doe/", "/clerk/"]);
    let p = lab.edit(JANE, "## Career", "## Referenced by");
    lab.good(
        "a heading whose anchor the page has: it takes another",
        &[p],
    )
    .changes(&["/jane-doe/"]);

    let p = lab.edit(
        CONTRACT,
        "fn main() { println!(\"cited\"); }",
        "fn main() { let x = 1; }",
    );
    lab.good("code", &[p]).changes(&["/contract-approved/"]);
    let p = lab.edit(CONTRACT, "```rust", "```python");
    lab.good("a code block's language", &[p])
        .changes(&["/contract-approved/"]);
}

#[test]
fn links() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(
        UNANSWERED,
        "Nobody answered",
        "Nobody answered [[clerk]] or",
    );
    lab.good("a bare link by slug", &[p]).changes(&[
        // Shown as the clerk's title.
        "/unanswered/",
        // A new backlink.
        "/clerk/",
    ]);
    let p = lab.edit(UNANSWERED, "[[clerk]]", "[[clerk|the town clerk]]");
    lab.good("the link given a label", &[p])
        .changes(&["/unanswered/", "/clerk/"]);
    let p = lab.edit(
        UNANSWERED,
        "[[clerk|the town clerk]]",
        "[[clerk|the clerk]]",
    );
    lab.good("the label edited", &[p])
        .changes(&["/unanswered/", "/clerk/"]);
    let p = lab.edit(
        UNANSWERED,
        "[[clerk|the clerk]]",
        "[[clerk|the clerk]] (see [[jane-doe]])",
    );
    lab.good("a second bare link in the block", &[p]).changes(&[
        "/unanswered/",
        // The context on the clerk's page shows Jane Doe's title; she has a new backlink.
        "/clerk/",
        "/jane-doe/",
    ]);
    // So retitling her changes the clerk's page too (through that context).
    let p = lab.edit(JANE, "title: Jane Doe", "title: Jane Roe");
    lab.good("the other target retitled", &[p]).changes(&[
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        "/jane-doe/",
        "/clerk/",
        "/unanswered/",
        "/people/",
        "/tags/council/",
        "/tags/people/",
        "/contract-approved/",
        "/routine/",
        "/claims-vs-denials/",
        "/claims.json",
        "/sources/",
    ]);
    let p = lab.edit(
        UNANSWERED,
        "(see [[jane-doe]])",
        "(see [[jane-doe#background|her past]])",
    );
    lab.good("a labelled link to a heading", &[p]).changes(&[
        "/unanswered/",
        "/clerk/",
        "/jane-doe/",
    ]);
    let p = lab.edit(
        UNANSWERED,
        "[[jane-doe#background|her past]]",
        "[[#nothing]]",
    );
    lab.fails(
        "a link to a heading of its own it does not have",
        &[p],
        "heading-unresolved",
    );
    let p = lab.edit(UNANSWERED, "[[#nothing]]", "[[nowhere-at-all]]");
    lab.fails("a link to no note", &[p], "link-unresolved");
    let p = lab.edit(UNANSWERED, "[[nowhere-at-all]]", "[[jane-doe]]");
    lab.good("the link fixed", &[p]);

    // `contract-approved` links to the clerk by a relative path.
    let p = lab.edit(CONTRACT, "(../people/clerk.md)", "(../people/jane-doe.md)");
    lab.good("a relative link's path", &[p]).changes(&[
        "/contract-approved/",
        // The block moves from one "Referenced by" to the other. (The clerk is still
        // referred to, as the claimant.)
        "/clerk/",
        "/jane-doe/",
    ]);
    let p = lab.edit(CONTRACT, "(../people/jane-doe.md)", "(../people/nobody.md)");
    lab.fails("a relative link to no note", &[p], "link-unresolved");
    let p = lab.edit(
        CONTRACT,
        "(../people/nobody.md)",
        "(../people/clerk.md#nothing)",
    );
    lab.fails(
        "a relative link to a heading that is not there",
        &[p],
        "heading-unresolved",
    );
    let p = lab.edit(
        CONTRACT,
        "(../people/clerk.md#nothing)",
        "(../people/clerk.md)",
    );
    lab.good("the path as it was", &[p]);
}

#[test]
fn citations_and_quotes() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(JANE, "[@report, ¶3]", "[@report, ¶3; @report, ¶1]");
    lab.good("a citation added", &[p]).changes(&[
        "/jane-doe/",
        // The source index lists every citation.
        "/sources/",
    ]);
    let p = lab.edit(UNANSWERED, "[@report, ¶4]", "[@report, ¶3]");
    // A claim's evidence (in the table and the JSON) is what its front matter cites: a
    // citation in its body is context, shown on its own page and the sources index.
    lab.good("a claim's citation", &[p])
        .changes(&["/unanswered/", "/sources/"]);
    let p = lab.edit(UNANSWERED, "[@report, ¶3]", "[@reports, ¶3]");
    lab.fails("a citation of no source", &[p], "source-unknown");
    let p = lab.edit(UNANSWERED, "[@reports, ¶3]", "[@report, ¶5]");
    lab.fails(
        "a paragraph the source does not have",
        &[p],
        "para-out-of-range",
    );
    let p = lab.edit(UNANSWERED, "[@report, ¶5]", "[@report, ¶2-3]");
    lab.good("a range of paragraphs", &[p])
        .changes(&["/unanswered/", "/sources/"]);

    let p = lab.edit(
        JANE,
        "She called the vote routine",
        "She called the vote «routine»",
    );
    lab.good("a quote", &[p]).changes(&[
        // The reference shows the quote.
        "/jane-doe/",
        // The citation's quote, and the passage marked and linked to her.
        "/sources/",
        "/sources/report/",
    ]);
    let p = lab.edit(JANE, "«routine»", "«the vote was»");
    lab.good("the quote edited", &[p])
        .changes(&["/jane-doe/", "/sources/", "/sources/report/"]);
    let p = lab.edit(JANE, "«the vote was»", "«a vote»");
    lab.fails(
        "a quote the paragraph does not have",
        &[p],
        "quote-not-found",
    );
    let p = lab.edit(JANE, "«a vote» [@report, ¶3; @report, ¶1]", "«a vote»");
    lab.fails("a quote with no citation beside it", &[p], "quote-uncited");
    let p = lab.edit(JANE, "«a vote»", "«the vote was» [@report, ¶3]");
    lab.good("quote and citation fixed", &[p]).changes(&[
        // ¶1 is no longer cited.
        "/jane-doe/",
        "/sources/",
    ]);
    // Two notes quote one passage: the mark is titled with both.
    let p = lab.edit(
        ROUTINE,
        "the vote was «routine»",
        "«the vote was» «routine»",
    );
    lab.good("another note quotes it", &[p]).changes(&[
        "/routine/",
        // The block links to `[[Doe]]`: its context on her page.
        "/jane-doe/",
        "/sources/",
        "/sources/report/",
    ]);
}
