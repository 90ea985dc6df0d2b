//! An edit to every front-matter field that a page or a check reads, each compared with a
//! fresh build, with the pages it changes: the note's own page, and the pages of the other
//! notes, lists and tables that show it.
//!
//! The basic fixture, as these tests use it:
//! - `clerk` (person, tagged `council`) cites report ¶2 and links to Jane Doe twice:
//!   `[[Jane Doe|the mayor]]` (its own label) and `[[jane-doe#background]]` (bare: it shows
//!   her title and the heading's).
//! - `jane-doe` (person, aliases `Doe` and `Mayor Doe`, tagged `council` and `people`)
//!   cites report ¶3.
//! - `contract-approved` (claim by `clerk` about `jane-doe`, disputed, dated 2024-03)
//!   quotes report ¶2, and links to `clerk` by a relative link.
//! - `unanswered` (claim by `Mayor Doe`, that is Jane Doe; reported; undated) cites ¶4.
//! - `routine` (response by `jane-doe` to `contract-approved`, disputes, dated 2024-03-05)
//!   quotes ¶3 and links `[[Doe]]` (by an alias: it shows the alias; only a link by slug
//!   shows its target's title).
//! - `draft-idea` (note, a draft, tagged `secret-tag`) links to `jane-doe`.
//!
//! The home page lists notes and events (claims too, which the default theme does not
//! show); kind listings and tag pages show titles, dates and summaries; the claims table
//! and `claims.json` show each claim's title, claimant, date, status and sources, and each
//! response's title, respondent, stance and date; the source index lists every citation
//! with the citing note's title; a source's page marks the quoted passages and names the
//! notes that quote them.

use super::Lab;
use super::basic::{CLERK, CONTRACT, DRAFT, JANE, ROUTINE, UNANSWERED};

/// The pages that show the contract's date: its own, the listings and table of claims,
/// claims.json, the timeline and its people's slices of it, and the feed.
const CONTRACT_DATE_SHOWN: &[&str] = &[
    "/clerk/",
    "/jane-doe/",
    "/timeline/",
    "/atom.xml",
    "/contract-approved/",
    "/claims/",
    "/claims-vs-denials/",
    "/claims.json",
];

/// The pages that show the clerk's title: marked with the note's language (`lang`).
const CLERK_SHOWN: &[&str] = &[
    "/claims-vs-denials/",
    "/clerk/",
    "/contract-approved/",
    "/jane-doe/",
    "/map/",
    "/people/",
    "/sources/",
    "/tags/council/",
];

#[test]
fn titles() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(JANE, "title: Jane Doe", "title: Jane Q. Doe");
    lab.good("a person retitled", &[p]).changes(&[
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        "/jane-doe/",
        // Her kind's listing and her tags' pages list her by title.
        "/people/",
        "/tags/council/",
        "/tags/people/",
        // A bare link to her by slug shows her title: `[[jane-doe#background]]`.
        "/clerk/",
        // Her response names her as its respondent.
        "/routine/",
        // She is the subject of one claim, the claimant of the other (and their
        // responses' respondent): both pages, the table and the JSON name her.
        "/contract-approved/",
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
        // Her citation of ¶3, listed by title.
        "/sources/",
    ]);

    let p = lab.edit(
        CONTRACT,
        "title: The council approved the contract",
        "title: The council approved it",
    );
    lab.good("a claim retitled", &[p]).changes(&[
        // The timeline shows its title and date.
        "/timeline/",
        // The feed of dated notes names it.
        "/atom.xml",
        "/contract-approved/",
        "/claims/",
        "/claims-vs-denials/",
        "/claims.json",
        // The claims its claimant makes; the notes that refer to its subject.
        "/clerk/",
        "/jane-doe/",
        // The claims a response answers.
        "/routine/",
        // Its citation, and its quote (a mark titled with the notes that quote it).
        "/sources/",
        "/sources/report/",
    ]);

    // Two notes with one title: a bare link by that title is ambiguous.
    let p = lab.write(
        "content/other-jane.md",
        &crate::support::note("Jane Q. Doe", "note", "", "Another one."),
    );
    lab.good("another note takes her title", &[p]);
    let p = lab.edit(CLERK, "See [[", "See [[Jane Q. Doe]] and [[");
    lab.fails("a link by that title", &[p], "link-ambiguous");
    let p = lab.edit(DRAFT, "Not ready;", "Not ready yet;");
    lab.fails(
        "an unrelated edit while it is ambiguous",
        &[p],
        "link-ambiguous",
    );
    let p = lab.edit(
        "content/other-jane.md",
        "title: Jane Q. Doe",
        "title: Jane R. Doe",
    );
    lab.good("the other note retitled: the link is plain again", &[p]);
}

#[test]
fn slugs_kinds_and_drafts() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(CLERK, "kind: person", "kind: person\nslug: town-clerk");
    lab.good("a note given a slug of its own", &[p]).changes(&[
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        // Its page moves.
        "/clerk/",
        "/town-clerk/",
        // Every link to it: its listing, its tag, the claim it makes (a relative link and
        // its claimant), the table and the JSON, its citations.
        "/people/",
        "/tags/council/",
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        "/sources/",
        // It links to Jane Doe: her "Referenced by" links to it.
        "/jane-doe/",
        // The sitemap lists its page.
        "/sitemap.xml",
    ]);
    let p = lab.edit(CLERK, "slug: town-clerk", "slug: sources");
    lab.fails("a slug the site reserves", &[p], "slug-reserved");
    let p = lab.edit(CLERK, "slug: sources", "slug: jane-doe");
    lab.fails("a slug another note has", &[p], "slug-duplicate");
    let p = lab.edit(CLERK, "slug: jane-doe", "slug: town-clerk");
    lab.good("the slug as it was", &[p]);

    // The kinds' counts are in every page's navigation (only kinds that have notes are
    // shown): an organization appears, and its listing, which the sitemap lists.
    // `claims.json` does not show kinds.
    let p = lab.edit(CLERK, "kind: person", "kind: organization");
    lab.good("a person becomes an organization", &[p])
        .changes_all_but(&["/claims.json", "/sources.json", "/atom.xml", "/robots.txt"]);
    let p = lab.edit(CLERK, "kind: organization", "kind: claim");
    lab.fails(
        "a claim without its fields",
        &[p],
        "frontmatter-missing-key",
    );
    let p = lab.edit(CLERK, "kind: claim", "kind: person");
    // (The organizations' listing goes, and the sitemap with it.)
    lab.good("a person again", &[p]).changes_all_but(&[
        "/claims.json",
        "/sources.json",
        "/atom.xml",
        "/robots.txt",
    ]);

    // A claim added, then removed: every page's footer counts the notes, and
    // `claims.json` (which shows nothing else of the site) lists the claims.
    let p = lab.write(
        "content/claims/new.md",
        &crate::support::note(
            "A new claim",
            "claim",
            "claimant: clerk\nstatus: reported\n",
            "Said [@report, ¶1].",
        ),
    );
    // (The claim is undated: the feed does not list it.)
    lab.good("a claim added", &[p])
        .changes_all_but(&["/atom.xml", "/sources.json", "/robots.txt"]);
    let p = lab.remove("content/claims/new.md");
    lab.good("the claim removed", &[p]).changes_all_but(&[
        "/atom.xml",
        "/sources.json",
        "/robots.txt",
    ]);

    // A response must answer a claim.
    let p = lab.edit(CONTRACT, "kind: claim", "kind: event");
    lab.fails(
        "the claim a response answers is no claim",
        &[p],
        "denial-not-claim",
    );
    let p = lab.edit(CONTRACT, "kind: event", "kind: claim");
    lab.good("a claim again", &[p]);

    let p = lab.edit(DRAFT, "draft: true", "draft: false");
    // Every page counts the notes; the sitemap lists the new page.
    // (It is undated: the feed does not list it.)
    lab.good("a draft published", &[p]).changes_all_but(&[
        "/claims.json",
        "/atom.xml",
        "/sources.json",
        "/robots.txt",
    ]);
    let p = lab.edit(DRAFT, "draft: false", "draft: true");
    lab.good("the note a draft again", &[p]).changes_all_but(&[
        "/claims.json",
        "/atom.xml",
        "/sources.json",
        "/robots.txt",
    ]);
    let p = lab.edit(CLERK, "See [[", "See [[draft-idea]] and [[");
    lab.fails("a link to a draft", &[p], "link-to-draft");
    let p = lab.edit(DRAFT, "draft: true", "draft: false");
    lab.good("the draft published: the link is good", &[p]);
}

#[test]
fn dates_summaries_and_languages() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(ROUTINE, "date: 2024-03-05", "date: 2024-04-01");
    lab.good("a response's date", &[p]).changes(&[
        // Its people's slices of the timeline.
        "/jane-doe/",
        // The timeline shows its title and date.
        "/timeline/",
        // The feed places it by its date.
        "/atom.xml",
        "/routine/",
        "/responses/",
        // The claim it answers lists its responses with their dates; so do the table and
        // the JSON.
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
    let p = lab.edit(ROUTINE, "date: 2024-04-01", "date: 2024-13-01");
    lab.fails("a date that is not one", &[p], "date-invalid");
    let p = lab.edit(ROUTINE, "date: 2024-13-01", "date: 2024-04-01");
    lab.good("the date fixed", &[p]);

    let p = lab.edit(CONTRACT, "date: \"2024-03\"", "date: \"2023\"");
    lab.good("a claim's date", &[p])
        .changes(CONTRACT_DATE_SHOWN);
    let p = lab.edit(
        CONTRACT,
        "date: \"2023\"",
        "date: \"2023\"\ndate_label: late 2023",
    );
    lab.good("a claim's date label", &[p])
        .changes(CONTRACT_DATE_SHOWN);
    // The same said by `date_part`, in the interface's words ("late 2023" still): only
    // the drawings, which put it over the year's last third, and claims.json, which says
    // it as `date_part`.
    let p = lab.edit(CONTRACT, "date_label: late 2023", "date_part: late");
    lab.good("a claim's date part", &[p]).changes(&[
        "/clerk/",
        "/jane-doe/",
        "/timeline/",
        "/claims.json",
    ]);
    let p = lab.edit(CONTRACT, "date_part: late", "date_part: early");
    lab.good("another part", &[p]).changes(CONTRACT_DATE_SHOWN);
    let p = lab.edit(CONTRACT, "date_part: early", "date_label: late 2023");
    lab.good("back to the label", &[p]);
    let p = lab.edit(
        UNANSWERED,
        "status: reported",
        "status: reported\ndate_label: undated",
    );
    lab.good("a date label without a date", &[p]).changes(&[
        // The timeline shows its title and date.
        "/timeline/",
        "/unanswered/",
        "/claims/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);

    let p = lab.edit(JANE, "tags:", "summary: The mayor since 2019.\ntags:");
    lab.good("a person's summary", &[p]).changes(&[
        "/jane-doe/",
        // Listings and tag pages show summaries.
        "/people/",
        "/tags/council/",
        "/tags/people/",
    ]);
    let p = lab.edit(DRAFT, "draft: true", "draft: true\nsummary: An idea.");
    lab.good("a draft's summary: nothing published shows it", &[p])
        .changes(&[]);

    let p = lab.edit(CLERK, "tags:", "lang: fr\ntags:");
    // Its title is marked with it wherever it is shown.
    lab.good("a note's language", &[p]).changes(CLERK_SHOWN);
    let p = lab.edit(CLERK, "lang: fr", "lang: not a language");
    lab.fails("a language that is no tag", &[p], "language-tag");
    let p = lab.edit(CLERK, "lang: not a language", "lang: de");
    lab.good("another language", &[p]).changes(CLERK_SHOWN);
}

#[test]
fn tags_and_aliases() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(
        ROUTINE,
        "stance: disputes",
        "stance: disputes\ntags: [council]",
    );
    lab.good("a note tagged with a tag the site has", &[p])
        .changes(&["/routine/", "/tags/", "/tags/council/"]);
    // A new tag: the home page counts the tags.
    let p = lab.edit(ROUTINE, "tags: [council]", "tags: [council, Vote]");
    lab.good("a new tag", &[p]).changes(&[
        "/",
        "/routine/",
        "/tags/",
        "/tags/vote/",
        "/sitemap.xml",
    ]);
    // A tag's name is as first written, in path order: `clerk` comes before `jane-doe`.
    let p = lab.edit(CLERK, "tags: [council]", "tags: [Council]");
    lab.good("a tag's name written otherwise", &[p]).changes(&[
        "/tags/",
        "/tags/council/",
        // Each tagged note shows the tag's name.
        "/clerk/",
        "/jane-doe/",
        "/routine/",
    ]);
    let p = lab.edit(ROUTINE, "tags: [council, Vote]", "tags: []");
    lab.good("tags removed", &[p]).changes(&[
        "/sitemap.xml",
        "/",
        "/routine/",
        "/tags/",
        "/tags/council/",
        "/tags/vote/",
    ]);

    let p = lab.edit(
        JANE,
        "aliases: [Doe, Mayor Doe]",
        "aliases: [Doe, Mayor Doe, J. D.]",
    );
    lab.good("an alias added", &[p]).changes(&["/jane-doe/"]);
    // `routine` links to `[[Doe]]`, `unanswered` names `Mayor Doe` as its claimant.
    let p = lab.edit(
        JANE,
        "aliases: [Doe, Mayor Doe, J. D.]",
        "aliases: [Mayor Doe]",
    );
    lab.fails("an alias a link uses removed", &[p], "link-unresolved");
    let p = lab.edit(ROUTINE, "[[Doe]]", "[[J. D.]]");
    lab.fails(
        "the link by another alias, also gone",
        &[p],
        "link-unresolved",
    );
    let p = lab.edit(JANE, "aliases: [Mayor Doe]", "aliases: [Mayor Doe, J. D.]");
    // Since the last good build: her new alias, and the link by it (shown as written, and
    // as the context of her backlink).
    lab.good("that alias back", &[p])
        .changes(&["/jane-doe/", "/routine/"]);
    // Another note takes an alias: links by it are ambiguous.
    let p = lab.edit(CLERK, "tags:", "aliases: [J. D.]\ntags:");
    lab.fails("two notes with one alias", &[p], "link-ambiguous");
    let p = lab.edit(CLERK, "aliases: [J. D.]", "aliases: [Clerk]");
    lab.good("the alias made unique", &[p])
        .changes(&["/clerk/"]);
    // `unanswered` names its claimant `Mayor Doe`: the alias moves to the clerk, and so
    // does the claim, though its own file stays as it was.
    let a = lab.edit(JANE, "aliases: [Mayor Doe, J. D.]", "aliases: [J. D.]");
    let b = lab.edit(CLERK, "aliases: [Clerk]", "aliases: [Clerk, Mayor Doe]");
    lab.good(
        "an alias a claimant is named by moves to another note",
        &[a, b],
    )
    .changes(&[
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
        // Each shows its aliases, the claims it makes, the notes that refer to it.
        "/clerk/",
        "/jane-doe/",
    ]);
}

#[test]
fn claims_and_responses() {
    let mut lab = Lab::new("basic");

    // A claim's status: its page, the table and the JSON. Its claimant's page lists the
    // claims it makes by title only: it stays as it was.
    let p = lab.edit(CONTRACT, "status: disputed", "status: confirmed");
    lab.good("a claim's status", &[p]).changes(&[
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
    let p = lab.edit(CONTRACT, "status: confirmed", "status: maybe");
    lab.fails("a status that is none", &[p], "claim-status");
    let p = lab.edit(CONTRACT, "status: maybe", "status: retracted");
    lab.good("another status", &[p]).changes(&[
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);

    let p = lab.edit(UNANSWERED, "claimant: Mayor Doe", "claimant: clerk");
    lab.good("a claim's claimant", &[p]).changes(&[
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
        // The claims each makes, and who refers to each.
        "/clerk/",
        "/jane-doe/",
    ]);
    let p = lab.edit(UNANSWERED, "claimant: clerk", "claimant: nobody-known");
    lab.fails("a claimant that is no note", &[p], "link-unresolved");
    let p = lab.edit(UNANSWERED, "claimant: nobody-known", "claimant: Mayor Doe");
    lab.good("the claimant as it was", &[p]);

    let p = lab.edit(
        CONTRACT,
        "subjects: [jane-doe]",
        "subjects: [jane-doe, clerk]",
    );
    lab.good("a claim's subjects", &[p]).changes(&[
        "/contract-approved/",
        // Now also its subject (it was already its claimant, and linked).
        "/clerk/",
    ]);

    let p = lab.edit(ROUTINE, "by: jane-doe", "by: clerk");
    lab.good("who responds", &[p]).changes(&[
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        "/routine/",
        // The claim lists its responses by respondent; so do the table and the JSON.
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        // The responses each gives, and who refers to each.
        "/clerk/",
        "/jane-doe/",
    ]);

    let p = lab.edit(
        ROUTINE,
        "denies: [contract-approved]",
        "denies: [unanswered]",
    );
    lab.good("which claim a response answers", &[p]).changes(&[
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        // Its people's slices of the timeline.
        "/clerk/",
        "/jane-doe/",
        // The timeline lists a claim's responses under it.
        "/timeline/",
        "/routine/",
        // One claim loses the response, the other gains it.
        "/contract-approved/",
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
    let p = lab.edit(ROUTINE, "denies: [unanswered]", "denies: [clerk]");
    lab.fails("a response to a person", &[p], "denial-not-claim");
    let p = lab.edit(
        ROUTINE,
        "denies: [clerk]",
        "denies: [unanswered, contract-approved]",
    );
    lab.good("a response to both claims", &[p]);

    let p = lab.edit(ROUTINE, "stance: disputes", "stance: declines-comment");
    lab.good("a response's stance", &[p]).changes(&[
        "/routine/",
        "/contract-approved/",
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
    let p = lab.edit(ROUTINE, "stance: declines-comment", "stance: shrugs");
    lab.fails("a stance that is none", &[p], "denial-stance");
    let p = lab.edit(ROUTINE, "stance: shrugs", "stance: denies");
    lab.good("another stance", &[p]);
}

#[test]
fn cited_sources() {
    let mut lab = Lab::new("basic");

    // `unanswered` cites ¶4 in its front matter and in its body: one reference. Now two.
    let p = lab.edit(
        UNANSWERED,
        "{source: report, para: 4}",
        "{source: report, para: 1}",
    );
    lab.good("a cited paragraph", &[p]).changes(&[
        "/unanswered/",
        // The table and the JSON list each claim's sources; the source index each
        // citation.
        "/claims-vs-denials/",
        "/claims.json",
        "/sources/",
    ]);
    let p = lab.edit(UNANSWERED, "para: 1}", "para: 9}");
    lab.fails(
        "a paragraph the source does not have",
        &[p],
        "para-out-of-range",
    );
    let p = lab.edit(UNANSWERED, "para: 9}", "para: 1-2}");
    lab.good("a range of paragraphs", &[p]).changes(&[
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
        "/sources/",
    ]);

    let p = lab.edit(
        CONTRACT,
        "quote: \"approved the contract on Tuesday\"",
        "quote: \"the clerk said\"",
    );
    lab.good("a quote", &[p]).changes(&[
        "/contract-approved/",
        "/claims.json",
        // The citation's quote, and the marked passage of the source.
        "/sources/",
        "/sources/report/",
    ]);
    let p = lab.edit(
        CONTRACT,
        "quote: \"the clerk said\"",
        "quote: \"the mayor said\"",
    );
    lab.fails(
        "a quote the paragraph does not have",
        &[p],
        "quote-not-found",
    );
    let p = lab.edit(
        CONTRACT,
        "quote: \"the mayor said\"",
        "quote: \"the clerk said\"",
    );
    lab.good("the quote as it was", &[p]);

    // A second source, then the claim's front matter cites it instead.
    let a = lab.write("seeds/memo.txt", "A memo.\nThe clerk wrote it.\n");
    let b = lab.write("seeds/memo.yaml", "id: memo\ntitle: The memo\n");
    lab.good("a second source", &[a, b]);
    let p = lab.edit(
        CONTRACT,
        "{source: report, para: 2, quote: \"the clerk said\"}",
        "{source: memo, para: 2, quote: \"The clerk wrote\"}",
    );
    lab.good("the source a citation names", &[p]).changes(&[
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        // One source loses a citation and a quote; the other gains them.
        "/sources/",
        "/sources/report/",
        "/sources/memo/",
    ]);
    let p = lab.edit(CONTRACT, "{source: memo,", "{source: memos,");
    lab.fails("a source that is none", &[p], "source-unknown");
    let p = lab.edit(CONTRACT, "{source: memos,", "{source: memo,");
    lab.good("the source as it was", &[p]);
}
