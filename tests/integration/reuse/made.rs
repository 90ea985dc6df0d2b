//! How much a rebuild makes: an edit that can change one page makes one page, and the
//! rebuild takes every other as it kept it. Each step says which pages the rebuild told
//! what changed makes ([`Lab::makes`]: their number from the build's statistics, and which
//! they are), with why in a comment; the harness has checked the step against a fresh
//! build first. (The basic fixture is described in `front_matter`: 20 pages, 5 of them
//! notes' pages, 19 made from templates and `claims.json`.)
//!
//! A page is made again when something it read changed, not only when its bytes change:
//! where a step makes a page that comes out the same, the comment says what the page read
//! that changed.

use super::Lab;
use super::basic::{CLERK, CONTRACT, JANE, ROUTINE, UNANSWERED};

/// A plain sentence in a paragraph of its own (no link, quote or citation) shows on the
/// note's page only: nothing else shows a note's body but the blocks that link, and the
/// note's facts, roles, listing, references and backlinks stay as they were.
#[test]
fn a_plain_sentence_makes_only_its_notes_page() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(
        CLERK,
        "[[jane-doe#background]].",
        "[[jane-doe#background]].\n\nA sentence.",
    );
    lab.good("a person: a sentence at the end", &[p])
        .changes(&["/clerk/"])
        .makes(&["/clerk/"]);
    // Before the links and the citation: every one of them moves in the text (the
    // resolution changes: its citations are found by where they stand), and still only
    // the page shows where.
    let p = lab.edit(
        CLERK,
        "Reported the vote",
        "A sentence first.\n\nReported the vote",
    );
    lab.good("a person: a sentence at the start", &[p])
        .changes(&["/clerk/"])
        .makes(&["/clerk/"]);

    // A claim: the table of claims and `claims.json` show its title, claimant, date,
    // status and sources, not its body; they are not made again.
    let p = lab.edit(
        UNANSWERED,
        "[@report, ¶4].",
        "[@report, ¶4].\n\nA sentence.",
    );
    lab.good("a claim: a sentence at the end", &[p])
        .changes(&["/unanswered/"])
        .makes(&["/unanswered/"]);
    let p = lab.edit(
        UNANSWERED,
        "Nobody answered",
        "A sentence first.\n\nNobody answered",
    );
    lab.good("a claim: a sentence at the start", &[p])
        .changes(&["/unanswered/"])
        .makes(&["/unanswered/"]);
    let p = lab.edit(CONTRACT, "```rust", "A sentence.\n\n```rust");
    lab.good("a claim with responses: a sentence", &[p])
        .changes(&["/contract-approved/"])
        .makes(&["/contract-approved/"]);

    // A response: the claim it answers shows its title, respondent, stance and date.
    let p = lab.edit(ROUTINE, "[@report, ¶3].", "[@report, ¶3].\n\nA sentence.");
    lab.good("a response: a sentence at the end", &[p])
        .changes(&["/routine/"])
        .makes(&["/routine/"]);
    // Before its link to Jane Doe: her backlink's context is the same block's text.
    let p = lab.edit(ROUTINE, "[[Doe]] said", "A sentence first.\n\n[[Doe]] said");
    lab.good("a response: a sentence at the start", &[p])
        .changes(&["/routine/"])
        .makes(&["/routine/"]);

    // Emphasis in a block that links: the context shown on Jane Doe's page is the block's
    // text without its markup, the same as before, so her page is not made again.
    let p = lab.edit(CLERK, "Reported the vote", "Reported *the* vote");
    lab.good("emphasis in a block that links", &[p])
        .changes(&["/clerk/"])
        .makes(&["/clerk/"]);

    // A word for one as long, in a block that links nowhere: the note as parsed is the
    // same, its text is not.
    let p = lab.edit(JANE, "Nothing more is known.", "Nothing else is known.");
    lab.good("a word for one as long", &[p])
        .changes(&["/jane-doe/"])
        .makes(&["/jane-doe/"]);

    // A heading nobody links to: the notes that link to Jane Doe are resolved again (her
    // headings are among the facts links read), come out the same, and their pages stay.
    let p = lab.edit(
        JANE,
        "Nothing else is known.",
        "Nothing else is known.\n\n## Career\n\nMayor.",
    );
    lab.good("a heading added", &[p])
        .changes(&["/jane-doe/"])
        .makes(&["/jane-doe/"]);
}

/// A paragraph of a source that no note quotes shows on the source's page (its text) and
/// on the source index (the text's SHA-256); the citations of it are by paragraph number
/// and stay as they were.
#[test]
fn a_source_paragraph_nobody_quotes_makes_the_pages_that_show_the_source() {
    let mut lab = Lab::new("basic");
    // ¶4, cited by `unanswered` without a quote.
    let p = lab.edit("seeds/report.txt", "Officials in", "Officials far from");
    lab.good("a paragraph nobody quotes", &[p])
        .changes(&["/sources/", "/sources/report/", "/sources.json"])
        .makes(&["/sources/", "/sources/report/", "/sources.json"]);
    // ¶1, before the quoted passages: each quote's place in the text moves. The notes'
    // resolutions hold where their quotes stand (for the marks on the source's page): the
    // two notes that quote it are resolved anew, and their pages (which read the whole
    // resolution) made again, the same. The home page reads each source's citations (to
    // count them) and is made again, the same.
    let p = lab.edit(
        "seeds/report.txt",
        "Council approves",
        "The council approves",
    );
    lab.good("a paragraph before the quotes", &[p])
        .changes(&["/sources/", "/sources/report/", "/sources.json"])
        .makes(&[
            "/sources/",
            "/sources/report/",
            "/sources.json",
            "/",
            "/contract-approved/",
            "/routine/",
        ]);
}

/// Saving a file again as it was, or changing only what no page shows.
#[test]
fn an_edit_that_changes_nothing_visible() {
    let mut lab = Lab::new("basic");
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
    );
    lab.good("a template overridden", &[p])
        .changes(&["/404.html"]);

    // The same bytes, with a later modification time: the engine reads them, finds the
    // same text, and makes nothing.
    for rel in [
        CLERK,
        "seeds/report.txt",
        "seeds/report.yaml",
        "dossier.yaml",
        "templates/404.html",
    ] {
        let text = lab.read(rel);
        let p = lab.write(rel, &text);
        lab.good(&format!("{rel} saved again as it was"), &[p])
            .changes(&[])
            .makes(&[]);
    }

    // A trailing blank line, spaces in the front matter, a YAML comment: the note reads
    // the same, but its page reads the note's text (to render its body from it) and the
    // note as parsed (whose body's byte range moved): the page is made again, the same.
    // Only that page: the note's facts, listing, roles and resolution come out the same.
    let text = lab.read(CLERK);
    let p = lab.write(CLERK, &format!("{text}\n"));
    lab.good("a trailing blank line", &[p])
        .changes(&[])
        .makes(&["/clerk/"]);
    let p = lab.edit(CLERK, "title: The clerk", "title:   The clerk  ");
    lab.good("spaces in the front matter", &[p])
        .changes(&[])
        .makes(&["/clerk/"]);
    let p = lab.edit(CLERK, "tags: [council]", "tags: [council]  # the only one");
    lab.good("a comment in the front matter", &[p])
        .changes(&[])
        .makes(&["/clerk/"]);

    // A draft's body: nothing published shows a draft.
    let p = lab.edit("content/draft-idea.md", "Not ready;", "Not ready at all;");
    lab.good("a draft's body", &[p]).changes(&[]).makes(&[]);
    // A source nobody cites yet: its own page and the index, and every page's footer
    // counts the sources; then its text again, which only its page and the index show.
    let p = lab.write("seeds/memo.txt", "A memo.\n");
    // (And the sitemap lists its page.)
    lab.good("a source added", &[p])
        .changes_all_but(&["/claims.json", "/atom.xml", "/robots.txt"]);
    let p = lab.write("seeds/memo.txt", "A longer memo.\n");
    lab.good("its text", &[p])
        .changes(&["/sources/", "/sources/memo/", "/sources.json"])
        .makes(&["/sources/", "/sources/memo/", "/sources.json"]);
}

/// A retitled note: every page that shows its title, and (made again, the same) the
/// pages whose views hold its title though the default theme does not show it there.
#[test]
fn a_retitled_note_makes_the_pages_that_show_its_title() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(JANE, "title: Jane Doe", "title: Jane Q. Doe");
    lab.good("a person retitled", &[p])
        .changes(&[
            // The relationship map names its people and organizations and how notes connect them.
            "/map/",
            "/jane-doe/",
            "/people/",
            "/tags/council/",
            "/tags/people/",
            "/clerk/",
            "/routine/",
            "/contract-approved/",
            "/unanswered/",
            "/claims-vs-denials/",
            "/claims.json",
            "/sources/",
        ])
        .makes(&[
            // The relationship map names its people and organizations and how notes connect them.
            "/map/",
            // 1: her own page (its heading and title).
            "/jane-doe/",
            // 2: her kind's listing; 3, 4: her two tags' pages: each lists her by title.
            "/people/",
            "/tags/council/",
            "/tags/people/",
            // 5: `clerk` links to her bare, by slug, to a heading: `Jane Doe › Background`.
            "/clerk/",
            // 6: `routine` is her response: "Response by" her.
            "/routine/",
            // 7: `contract-approved` is about her ("About") and lists her response's
            // respondent; 8: `unanswered` is her claim ("Claimant").
            "/contract-approved/",
            "/unanswered/",
            // 9, 10: the table of claims and `claims.json` name claimants and respondents.
            "/claims-vs-denials/",
            "/claims.json",
            // 11: the source index lists her citation of ¶3 by her title.
            "/sources/",
            // 12: the source's page: its view lists every citation with the citing note's
            // title (`source.citations`), which the default theme shows only on the
            // index; her citation has no quote, so no marked passage names her. Made
            // again, the same.
            "/sources/report/",
            // 13: the feed reads how every note is listed, to find the dated ones; she is
            // undated, so it is made again the same.
            "/atom.xml",
        ]);
    // Not made: the home page (it lists notes, events and claims, not people), the other
    // kind listings, the tag index (names and counts), the 404 page.

    let p = lab.edit(
        CONTRACT,
        "title: The council approved the contract",
        "title: The council approved it",
    );
    lab.good("a claim retitled", &[p])
        .changes(&[
            // The timeline shows its title and date.
            "/timeline/",
            "/atom.xml",
            "/contract-approved/",
            "/claims/",
            "/claims-vs-denials/",
            "/claims.json",
            "/clerk/",
            "/jane-doe/",
            "/routine/",
            "/sources/",
            "/sources/report/",
        ])
        .makes(&[
            // Made again, unchanged: the map reads the claims' listing, which a title reorders.
            "/map/",
            // The timeline shows its title and date.
            "/timeline/",
            // 1: its own page; 2: the claims' listing; 3, 4: the table and the JSON.
            "/contract-approved/",
            "/claims/",
            "/claims-vs-denials/",
            "/claims.json",
            // 5: its claimant's "Claims made"; 6: its subject's "Referenced by".
            "/clerk/",
            "/jane-doe/",
            // 7: the response to it ("Answers").
            "/routine/",
            // 8: its citations in the source index; 9: its quote, marked on the source's
            // page with its title.
            "/sources/",
            "/sources/report/",
            // 10: the home page's view lists the claims by title (the default theme shows
            // only notes and events): made again, the same.
            "/",
            // 11: the feed of dated notes names it by title.
            "/atom.xml",
        ]);
}

/// A claim's status shows on its page, in the table of claims and in `claims.json`. Its
/// claimant's page lists the claims it makes by title only: not made again.
#[test]
fn a_claims_status_makes_the_claim_and_the_tables() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(CONTRACT, "status: disputed", "status: confirmed");
    lab.good("a claim's status", &[p])
        .changes(&["/contract-approved/", "/claims-vs-denials/", "/claims.json"])
        .makes(&[
            // Made again, unchanged: their neighbourhoods on the map read the roles of the
            // claims they make or are named in, of which the status is a part.
            "/clerk/",
            "/jane-doe/",
            // Made again, unchanged: the map reads claims' and responses' roles (who, about
            // whom, through whom), of which status and stance are a part.
            "/map/",
            "/contract-approved/",
            "/claims-vs-denials/",
            "/claims.json",
        ]);
    // A response's stance: the response, the claim it answers, the table and the JSON.
    let p = lab.edit(ROUTINE, "stance: disputes", "stance: denies");
    lab.good("a response's stance", &[p])
        .changes(&[
            "/routine/",
            "/contract-approved/",
            "/claims-vs-denials/",
            "/claims.json",
        ])
        .makes(&[
            // Made again, unchanged: her neighbourhood reads her response's roles, stance
            // included.
            "/jane-doe/",
            // Made again, unchanged: the map reads claims' and responses' roles (who, about
            // whom, through whom), of which status and stance are a part.
            "/map/",
            "/routine/",
            "/contract-approved/",
            "/claims-vs-denials/",
            "/claims.json",
        ]);
}
