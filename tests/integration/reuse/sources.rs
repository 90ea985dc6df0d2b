//! An edit to everything of an archived source that a page or a check reads: its text, and
//! each key of its sidecar, each compared with a fresh build, with the pages it changes.
//!
//! The basic fixture has one source, `seeds/report.txt` (four paragraphs, one a line) with
//! `seeds/report.yaml` (id, title, publisher, published, language). Every published note
//! cites it: `contract-approved` quotes ¶2 and cites ¶1; `routine` quotes ¶3; `clerk` cites
//! ¶2, `jane-doe` ¶3 and `unanswered` ¶4, without quotes. A reference shows the source's
//! title (and its language on quotes); the table of claims and `claims.json` show its id;
//! the source index and the source's page show everything of the sidecar, and the SHA-256
//! and paragraph count of the text; the source's page shows the text; `sources.json` all of
//! the sidecar but its notes, the SHA-256 and the paragraph count.

use super::Lab;
use super::basic::{SIDECAR, TEXT};

/// Every note page: they all cite the report.
const CITING: &[&str] = &[
    "/clerk/",
    "/contract-approved/",
    "/jane-doe/",
    "/routine/",
    "/unanswered/",
];

#[test]
fn text() {
    let mut lab = Lab::new("basic");

    // ¶4 is cited, not quoted.
    let p = lab.edit(TEXT, "Officials in", "Officials far from");
    lab.good("a paragraph nobody quotes", &[p]).changes(&[
        "/sources/",
        "/sources/report/",
        "/sources.json",
    ]);
    // Before the quoted passages: every quote moves in the text.
    let p = lab.edit(TEXT, "Council approves", "The council approves");
    lab.good("a paragraph before the quotes", &[p]).changes(&[
        "/sources/",
        "/sources/report/",
        "/sources.json",
    ]);
    let p = lab.edit(TEXT, "on Tuesday", "on Wednesday");
    lab.fails("the words a note quotes", &[p], "quote-not-found");
    let p = lab.edit(TEXT, "on Wednesday", "on Tuesday");
    lab.good("the words back", &[p]).changes(&[]);
    let p = lab.edit(TEXT, "Officials far from Кремль said nothing.\n", "");
    lab.fails("a cited paragraph removed", &[p], "para-out-of-range");
    let p = lab.edit(
        TEXT,
        "comment further.\n",
        "comment further.\n\nOfficials said nothing.\nA fifth.\n",
    );
    lab.good("a blank line, and paragraphs added", &[p])
        .changes(&["/sources/", "/sources/report/", "/sources.json"]);
    let p = lab.write(TEXT, &lab.read(TEXT).replace('\n', "\r\n"));
    lab.good("Windows line ends", &[p]).changes(&[
        "/sources/",
        "/sources/report/",
        "/sources.json",
    ]);

    // A source in Markdown: paragraphs are blocks.
    let a = lab.write(
        "seeds/memo.md",
        "# A memo\n\nThe clerk wrote it,\non Monday.\n\nThe end.\n",
    );
    let b = lab.write("seeds/memo.yaml", "id: memo\ntitle: The memo\n");
    // Its page, and every page's footer counts the sources.
    // (And the sitemap lists the source's new page.)
    lab.good("a Markdown source", &[a, b]).changes_all_but(&[
        "/claims.json",
        "/atom.xml",
        "/robots.txt",
    ]);
    let p = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Reported «on Monday» [@memo, ¶2]. The vote",
    );
    lab.good("a quote of it", &[p]).changes(&[
        "/clerk/",
        "/jane-doe/",
        "/sources/",
        "/sources/memo/",
    ]);
    let p = lab.edit(
        "seeds/memo.md",
        "The clerk wrote it,\non Monday.",
        "The clerk wrote it on Monday.",
    );
    lab.good("the quoted paragraph rewrapped", &[p]).changes(&[
        "/sources/",
        "/sources/memo/",
        "/sources.json",
    ]);
    let p = lab.edit("seeds/memo.md", "# A memo\n\n", "");
    lab.fails(
        "a paragraph removed before it: ¶2 is another",
        &[p],
        "quote-not-found",
    );
    let p = lab.write(
        "seeds/memo.md",
        "# A memo\n\nThe clerk wrote it on Monday.\n\nThe end.\n",
    );
    lab.good("the paragraph back", &[p]).changes(&[]);
    // The same paragraphs, one a line: only the file's name shows the change.
    let ps = lab.rename("seeds/memo.md", "seeds/memo.txt");
    lab.good("the source becomes text: a line is a paragraph", &ps)
        .changes(&["/sources/", "/sources/memo/"]);
}

#[test]
fn sidecar() {
    let mut lab = Lab::new("basic");

    // The title shows wherever the source is named: every reference to it.
    let p = lab.edit(
        SIDECAR,
        "title: Council approves the contract",
        "title: The vote",
    );
    let mut pages = CITING.to_vec();
    pages.extend(["/sources/", "/sources/report/", "/sources.json"]);
    lab.good("title", &[p]).changes(&pages);

    // The publisher, and whom the text relays, name the source in every reference to it:
    // the citing notes' pages, and the sources of the table and the JSON.
    let mut naming = CITING.to_vec();
    naming.extend([
        "/sources/",
        "/sources/report/",
        "/sources.json",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
    let p = lab.edit(
        SIDECAR,
        "publisher: Example Gazette",
        "publisher: The Gazette",
    );
    lab.good("publisher", &[p]).changes(&naming);
    let p = lab.edit(SIDECAR, "language:", "via: A wire service\nlanguage:");
    lab.good("via", &[p]).changes(&naming);

    // The rest of the sidecar shows only on the source index and the source's page.
    let keys = [
        ("author", "published:", "author: A. Reporter\npublished:"),
        (
            "author edited",
            "author: A. Reporter",
            "author: B. Reporter",
        ),
        ("published", "published: 2024-03", "published: 2024-03-12"),
        (
            "url",
            "language:",
            "url: https://example.org/vote\nlanguage:",
        ),
        (
            "archive_url",
            "language:",
            "archive_url: https://archive.example/vote\nlanguage:",
        ),
        ("retrieved", "language:", "retrieved: 2024-04-01\nlanguage:"),
        (
            "notes",
            "language:",
            "notes: Scanned from print.\nlanguage:",
        ),
        ("notes edited", "Scanned from print.", "Typed from print."),
    ];
    for (what, from, to) in keys {
        let p = lab.edit(SIDECAR, from, to);
        // `sources.json` gives all but the notes.
        let mut want = vec!["/sources/", "/sources/report/"];
        if !what.starts_with("notes") {
            want.push("/sources.json");
        }
        lab.good(what, &[p]).changes(&want);
    }

    // Its language marks each quote of it (`contract-approved` and `routine` quote it).
    let p = lab.edit(SIDECAR, "language: en", "language: de");
    // (And every citing page's structured data names the language of what it cites.)
    let mut citing = CITING.to_vec();
    citing.extend(["/sources/", "/sources/report/", "/sources.json"]);
    lab.good("language", &[p]).changes(&citing);

    let checks = [
        (
            "published",
            "published: 2024-03-12",
            "published: March",
            "date-invalid",
        ),
        (
            "url",
            "url: https://example.org/vote",
            "url: example.org",
            "source-url",
        ),
        (
            "archive_url",
            "archive_url: https://archive.example/vote",
            "archive_url: ftp",
            "source-url",
        ),
        (
            "retrieved",
            "retrieved: 2024-04-01",
            "retrieved: 2024-00",
            "date-invalid",
        ),
        (
            "language",
            "language: de",
            "language: de_DE",
            "language-tag",
        ),
        (
            "an unknown key",
            "via: A wire service",
            "vía: A wire service",
            "unknown-key",
        ),
        ("id", "id: report", "id: Report 1", "source-id-invalid"),
        ("broken YAML", "id: report", "- id: report", "yaml-syntax"),
    ];
    for (what, good, bad, code) in checks {
        let p = lab.edit(SIDECAR, good, bad);
        lab.fails(&format!("{what}: wrong"), &[p], code);
        let p = lab.edit(SIDECAR, bad, good);
        lab.good(&format!("{what}: right again"), &[p]).changes(&[]);
    }

    // The id: every citation names the source by it. A source nobody cites may take
    // another; its page moves.
    let a = lab.write("seeds/memo.txt", "A memo.\n");
    let b = lab.write("seeds/memo.yaml", "id: memo\ntitle: The memo\n");
    lab.good("a second source", &[a, b]);
    let p = lab.edit("seeds/memo.yaml", "id: memo", "id: memo-2");
    lab.good("its id", &[p]).changes(&[
        "/sources/",
        "/sources/memo/",
        "/sources/memo-2/",
        "/sources.json",
        "/sitemap.xml",
    ]);
    let p = lab.edit("seeds/memo.yaml", "id: memo-2", "id: report");
    lab.fails("the id another source has", &[p], "source-duplicate-id");
    let p = lab.edit(SIDECAR, "id: report", "id: the-report");
    // The memo (one paragraph) is now `report`: the citations go to it.
    lab.fails(
        "the cited source gives its id up",
        &[p],
        "para-out-of-range",
    );
    let p = lab.edit(SIDECAR, "id: the-report", "id: report");
    lab.fails("both again", &[p], "source-duplicate-id");
    let p = lab.edit("seeds/memo.yaml", "id: report", "id: memo");
    lab.good("each its own id", &[p]);

    // Without a sidecar, the source is named by its file: every reference to it changes,
    // the table's and the JSON's too.
    let p = lab.remove(SIDECAR);
    lab.good("the sidecar removed (a warning)", &[p])
        .changes(&naming);
}
