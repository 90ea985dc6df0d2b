//! What a broken dossier reports: one test per check, each with the file, `path:line:col`,
//! the code in brackets, the offending line, a `help:` line, and a previous `public/` left
//! exactly as it was. The snapshots of stderr are the specification of our messages.

use crate::support::*;

/// Builds the good fixture, breaks it, builds again: exit 1, nothing on stdout, and the
/// `public/` of the first build byte-identical. Returns stderr.
fn build_fails(break_it: impl FnOnce(Dossier) -> Dossier) -> String {
    let d = Dossier::fixture("basic").built();
    let before = d.public_tree();
    assert!(!before.is_empty());
    let d = break_it(d);
    let r = d.build();
    assert_eq!(r.code, 1, "expected exit 1, stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "", "a failed build printed on stdout");
    assert_same_tree(&before, &d.public_tree());
    r.stderr
}

/// The parts of one error: `error[code]`, `--> at` (`path:line:col`), the source line after
/// its line number, and a help line.
fn assert_diagnostic(stderr: &str, code: &str, at: &str, source_line: &str) {
    assert!(
        stderr.contains(&format!("error[{code}]: ")),
        "no `error[{code}]` in:\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> {at}\n")),
        "no `--> {at}` in:\n{stderr}"
    );
    let line = at.rsplit(':').nth(1).unwrap();
    assert!(
        stderr.contains(&format!("\n{line} | {source_line}\n")),
        "line {line} `{source_line}` is not shown in:\n{stderr}"
    );
    assert!(stderr.contains(" = help: "), "no help line in:\n{stderr}");
}

/// The caret line under the source line: `len` carets from 1-based column `col`.
fn assert_caret(stderr: &str, col: usize, len: usize) {
    let carets = format!(" {}{}", " ".repeat(col - 1), "^".repeat(len));
    assert!(
        stderr
            .lines()
            .any(|l| l.trim_start().strip_prefix('|') == Some(carets.as_str())),
        "no {len} carets from column {col} in:\n{stderr}"
    );
}

/// The summary line, such as `1 error`.
fn assert_summary(stderr: &str, summary: &str) {
    assert!(
        stderr.lines().any(|l| l == summary),
        "no summary `{summary}` in:\n{stderr}"
    );
}

const CLERK: &str = "content/people/clerk.md";
const CLAIM: &str = "content/claims/contract-approved.md";
const DENIAL: &str = "content/responses/routine.md";
const CLERK_LINE: &str =
    "Reported the vote [@report, ¶2]. See [[Jane Doe|the mayor]] and [[jane-doe#background]].";

// Links and references.

#[test]
fn unresolved_wikilink_suggests_the_closest_name() {
    let err = build_fails(|d| d.edit(CLERK, "[[jane-doe#background]]", "[[jane-do]]"));
    assert_diagnostic(
        &err,
        "link-unresolved",
        "content/people/clerk.md:7:65",
        "Reported the vote [@report, ¶2]. See [[Jane Doe|the mayor]] and [[jane-do]].",
    );
    assert!(err.contains("did you mean `jane-doe`?"), "{err}");
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("link_unresolved", err);
}

#[test]
fn wikilink_naming_two_notes_is_ambiguous() {
    let err = build_fails(|d| {
        d.write(
            "content/people/other-doe.md",
            &note("John Doe", "person", "aliases: [Doe]\n", "Another Doe."),
        )
    });
    assert_diagnostic(
        &err,
        "link-ambiguous",
        "content/responses/routine.md:12:1",
        "[[Doe]] said the vote was «routine» [@report, ¶3].",
    );
    assert!(err.contains("`jane-doe` (people/jane-doe.md)"), "{err}");
    assert!(err.contains("`other-doe` (people/other-doe.md)"), "{err}");
    insta::assert_snapshot!("link_ambiguous", err);
}

#[test]
fn unresolved_claimant_in_front_matter() {
    let err = build_fails(|d| d.edit(CLAIM, "claimant: clerk", "claimant: Clark Kent"));
    assert_diagnostic(
        &err,
        "link-unresolved",
        "content/claims/contract-approved.md:4:11",
        "claimant: Clark Kent",
    );
    assert!(
        err.contains("the claimant `Clark Kent` matches no note"),
        "{err}"
    );
    insta::assert_snapshot!("claimant_unresolved", err);
}

#[test]
fn unresolved_subject_is_pointed_at_whole_not_inside_a_longer_one() {
    // `jane-do` is also the start of `jane-doe-senior`, which resolves: the caret is on the
    // second item, the one that matches no note.
    let d = Dossier::fixture("basic")
        .write(
            "content/people/jane-doe-senior.md",
            &note("Jane Doe Senior", "person", "", "The mayor's mother."),
        )
        .edit(
            CLAIM,
            "subjects: [jane-doe]",
            "subjects: [jane-doe-senior, jane-do]",
        );
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_diagnostic(
        &r.stderr,
        "link-unresolved",
        "content/claims/contract-approved.md:5:29",
        "subjects: [jane-doe-senior, jane-do]",
    );
    assert_caret(&r.stderr, 29, "jane-do".len());
    assert!(r.stderr.contains("the subject `jane-do`"), "{}", r.stderr);
    assert_summary(&r.stderr, "1 error");
}

#[test]
fn broken_heading_fragment() {
    let err = build_fails(|d| d.edit(CLERK, "[[jane-doe#background]]", "[[jane-doe#nope]]"));
    assert_diagnostic(
        &err,
        "heading-unresolved",
        "content/people/clerk.md:7:65",
        "Reported the vote [@report, ¶2]. See [[Jane Doe|the mayor]] and [[jane-doe#nope]].",
    );
    assert!(err.contains("its headings are `Background`"), "{err}");
    insta::assert_snapshot!("heading_unresolved", err);
}

#[test]
fn published_note_linking_to_a_draft() {
    let broken = |d: Dossier| d.edit(CLERK, "[[Jane Doe|the mayor]]", "[[draft-idea]]");
    let err = build_fails(broken);
    assert_diagnostic(
        &err,
        "link-to-draft",
        "content/people/clerk.md:7:38",
        "Reported the vote [@report, ¶2]. See [[draft-idea]] and [[jane-doe#background]].",
    );
    assert!(err.contains("`--drafts`"), "{err}");
    insta::assert_snapshot!("link_to_draft", err);

    let d = broken(Dossier::fixture("basic"));
    let r = d.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(d.exists("draft-idea/index.html"));
}

#[test]
fn denial_of_a_note_that_is_not_a_claim() {
    let err = build_fails(|d| d.edit(DENIAL, "denies: [contract-approved]", "denies: [clerk]"));
    assert_diagnostic(
        &err,
        "denial-not-claim",
        "content/responses/routine.md:5:10",
        "denies: [clerk]",
    );
    insta::assert_snapshot!("denial_not_claim", err);
}

// Citations and quotes.

#[test]
fn unknown_source_suggests_the_closest_id() {
    let err = build_fails(|d| d.edit(CLERK, "[@report, ¶2]", "[@reprot, ¶2]"));
    assert_diagnostic(
        &err,
        "source-unknown",
        "content/people/clerk.md:7:19",
        &CLERK_LINE.replace("[@report", "[@reprot"),
    );
    assert!(err.contains("did you mean `report`?"), "{err}");
    insta::assert_snapshot!("source_unknown", err);
}

#[test]
fn paragraph_out_of_range() {
    let err = build_fails(|d| d.edit(CLERK, "[@report, ¶2]", "[@report, ¶9]"));
    assert_diagnostic(
        &err,
        "para-out-of-range",
        "content/people/clerk.md:7:19",
        &CLERK_LINE.replace("¶2", "¶9"),
    );
    assert!(
        err.contains("`report` has 4 paragraphs; ¶9 does not exist"),
        "{err}"
    );
    insta::assert_snapshot!("para_out_of_range", err);
}

#[test]
fn unreadable_locator() {
    let err = build_fails(|d| d.edit(CLERK, "[@report, ¶2]", "[@report, ¶one]"));
    assert_diagnostic(
        &err,
        "citation-locator",
        "content/people/clerk.md:7:19",
        &CLERK_LINE.replace("¶2", "¶one"),
    );
    insta::assert_snapshot!("citation_locator", err);
}

#[test]
fn quote_with_a_changed_word_is_not_found() {
    let err = build_fails(|d| d.edit(CLAIM, "on Tuesday\"}", "on Monday\"}"));
    assert_diagnostic(
        &err,
        "quote-not-found",
        "content/claims/contract-approved.md:9:39",
        "  - {source: report, para: 2, quote: \"approved the contract on Monday\"}",
    );
    assert!(
        err.contains("the closest passage in ¶2 is «approved the contract on Tuesday»"),
        "{err}"
    );
    insta::assert_snapshot!("quote_not_found", err);
}

#[test]
fn citation_error_on_a_source_id_is_not_pointed_inside_a_longer_id() {
    // `report` is also the start of `report-2`, cited first and rightly: the caret is on
    // the citation of `report`, whose paragraph does not exist.
    let d = Dossier::fixture("basic")
        .write("seeds/report-2.txt", "A second report.\n")
        .write(
            "seeds/report-2.yaml",
            "id: report-2\ntitle: A second report\npublisher: Example Gazette\npublished: 2024-04\nlanguage: en\n",
        )
        .edit(
            CLAIM,
            "  - {source: report, para: 2, quote: \"approved the contract on Tuesday\"}",
            "  - {source: report-2, para: 1}\n  - {source: report, para: 9}",
        );
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_diagnostic(
        &r.stderr,
        "para-out-of-range",
        "content/claims/contract-approved.md:10:14",
        "  - {source: report, para: 9}",
    );
    assert_caret(&r.stderr, 14, "report".len());
    assert_summary(&r.stderr, "1 error");
}

#[test]
fn quote_with_escaped_quotes_is_pointed_at_not_its_source() {
    // The quote says `"routine"` but is written `\"routine\"`: it is found all the same.
    let err = build_fails(|d| d.edit(DENIAL, "and declined\"}", "and refused\"}"));
    let line =
        r#"  - {source: report, para: "3", quote: "the vote was \"routine\" - and refused"}"#;
    assert_diagnostic(
        &err,
        "quote-not-found",
        "content/responses/routine.md:9:41",
        line,
    );
    assert_caret(&err, 41, r#"the vote was \"routine\" - and refused"#.len());
}

#[test]
fn quote_cited_to_the_wrong_paragraph_names_the_right_one() {
    let err = build_fails(|d| {
        d.edit(
            CLAIM,
            "para: 2, quote: \"approved the contract on Tuesday\"",
            "para: 1, quote: \"approved the contract on Tuesday\"",
        )
    });
    assert!(err.contains("error[quote-not-found]"), "{err}");
    assert!(
        err.contains("help: the quote is in ¶2: cite `para: 2`"),
        "{err}"
    );
}

#[test]
fn quote_unlike_anything_shows_how_the_paragraph_begins() {
    let err = build_fails(|d| {
        d.edit(
            CLAIM,
            "approved the contract on Tuesday\"}",
            "zebras quietly sing\"}",
        )
    });
    assert!(err.contains("¶2 begins «The council approved"), "{err}");
}

#[test]
fn quote_differing_only_in_typography_and_spacing_is_found() {
    // The source has `the vote was «routine» — and declined`.
    let d = Dossier::fixture("basic").edit(
        DENIAL,
        r#"quote: "the vote was \"routine\" - and declined""#,
        r#"quote: "the vote  was “routine” –\tand\n declined""#,
    );
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let page = d.page("sources/report/index.html");
    assert!(
        page.texts("#p3 mark")
            .contains(&"the vote was «routine» — and declined".to_string()),
        "{:?}",
        page.texts("#p3 mark")
    );
}

// Front matter.

#[test]
fn two_notes_with_one_slug() {
    let err = build_fails(|d| {
        d.write(
            "content/events/vote.md",
            &note("The vote", "event", "", "x"),
        )
        .write(
            "content/events/vote-again.md",
            &note("The vote again", "event", "slug: vote\n", "x"),
        )
    });
    assert_diagnostic(
        &err,
        "slug-duplicate",
        "content/events/vote-again.md:4:7",
        "slug: vote",
    );
    assert!(err.contains("--> content/events/vote.md:1:1\n"), "{err}");
    assert_summary(&err, "2 errors");
    insta::assert_snapshot!("slug_duplicate", err);
}

#[test]
fn missing_title() {
    let err = build_fails(|d| d.edit(DENIAL, "title: The mayor calls the vote routine\n", ""));
    assert_diagnostic(
        &err,
        "frontmatter-missing-key",
        "content/responses/routine.md:1:1",
        "---",
    );
    assert!(err.contains("the front matter has no `title`"), "{err}");
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("missing_title", err);
}

#[test]
fn missing_kind() {
    let err = build_fails(|d| d.edit(DENIAL, "kind: denial\n", ""));
    assert_diagnostic(
        &err,
        "frontmatter-missing-key",
        "content/responses/routine.md:1:1",
        "---",
    );
    assert!(err.contains("the front matter has no `kind`"), "{err}");
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("missing_kind", err);
}

#[test]
fn unknown_kind_suggests_the_closest_kind() {
    let err = build_fails(|d| {
        d.write(
            "content/people/treasurer.md",
            &note("The treasurer", "persn", "", "Keeps the books."),
        )
    });
    assert_diagnostic(
        &err,
        "unknown-kind",
        "content/people/treasurer.md:3:7",
        "kind: persn",
    );
    assert!(err.contains("did you mean `person`?"), "{err}");
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("unknown_kind", err);
}

#[test]
fn unknown_status() {
    let err = build_fails(|d| d.edit(CLAIM, "status: disputed", "status: disputd"));
    assert_diagnostic(
        &err,
        "claim-status",
        "content/claims/contract-approved.md:6:9",
        "status: disputd",
    );
    assert!(err.contains("did you mean `disputed`?"), "{err}");
    insta::assert_snapshot!("unknown_status", err);
}

#[test]
fn unknown_stance_lists_the_stances() {
    let err = build_fails(|d| d.edit(DENIAL, "stance: disputes", "stance: refutes"));
    assert_diagnostic(
        &err,
        "denial-stance",
        "content/responses/routine.md:6:9",
        "stance: refutes",
    );
    assert!(
        err.contains("`denies`, `disputes`, `declines-comment`"),
        "{err}"
    );
    insta::assert_snapshot!("unknown_stance", err);
}

#[test]
fn impossible_date() {
    let err = build_fails(|d| d.edit(DENIAL, "date: 2024-03-05", "date: 2023-02-29"));
    assert_diagnostic(
        &err,
        "date-invalid",
        "content/responses/routine.md:7:7",
        "date: 2023-02-29",
    );
    assert!(err.contains("February 2023 has no day 29"), "{err}");
    insta::assert_snapshot!("date_invalid", err);
}

#[test]
fn slug_that_is_not_a_plain_path_segment() {
    let err = build_fails(|d| {
        d.write(
            "content/people/treasurer.md",
            &note("The treasurer", "person", "slug: \"a/b\"\n", "x"),
        )
    });
    assert_diagnostic(
        &err,
        "slug-invalid",
        "content/people/treasurer.md:4:7",
        "slug: \"a/b\"",
    );
    assert!(err.contains("such as `a-b`"), "{err}");
    insta::assert_snapshot!("slug_invalid", err);
}

#[test]
fn reserved_slug() {
    let err = build_fails(|d| {
        d.write(
            "content/people/treasurer.md",
            &note("The treasurer", "person", "slug: sources\n", "x"),
        )
    });
    assert_diagnostic(
        &err,
        "slug-reserved",
        "content/people/treasurer.md:4:7",
        "slug: sources",
    );
    insta::assert_snapshot!("slug_reserved", err);
}

#[test]
fn invalid_yaml_is_reported_at_the_line_of_the_file() {
    // Line 3 of the YAML block is line 4 of the file.
    let err = build_fails(|d| d.edit(DENIAL, "kind: denial\n", "kind: denial\nsummary: a: b\n"));
    assert_diagnostic(
        &err,
        "yaml-syntax",
        "content/responses/routine.md:4:11",
        "summary: a: b",
    );
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("yaml_syntax", err);
}

#[test]
fn front_matter_not_closed() {
    let err = build_fails(|d| {
        d.write(
            "content/notes/open.md",
            "---\ntitle: Open\nkind: note\n\nThe body.\n",
        )
    });
    assert_diagnostic(
        &err,
        "frontmatter-unclosed",
        "content/notes/open.md:1:1",
        "---",
    );
    insta::assert_snapshot!("frontmatter_unclosed", err);
}

// The dossier's configuration and templates.

#[test]
fn unknown_key_in_the_config_suggests_the_known_one() {
    let err = build_fails(|d| d.edit("dossier.yaml", "title:", "titel:"));
    assert_diagnostic(
        &err,
        "unknown-key",
        "dossier.yaml:1:1",
        "titel: Basic fixture",
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
    insta::assert_snapshot!("config_unknown_key", err);
}

#[test]
fn missing_title_in_the_config() {
    let err = build_fails(|d| d.edit("dossier.yaml", "title: Basic fixture\n", ""));
    assert_diagnostic(
        &err,
        "config-missing-key",
        "dossier.yaml:1:1",
        "description: A small dossier for the integration tests.",
    );
    assert!(err.contains("`dossier.yaml` has no `title`"), "{err}");
    insta::assert_snapshot!("config_missing_title", err);
}

#[test]
fn template_syntax_error_names_the_override_line_and_column() {
    let err = build_fails(|d| {
        d.write(
            "templates/note.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ note.title }</h1>\n{% endblock %}\n",
        )
    });
    assert_diagnostic(
        &err,
        "template-syntax",
        "templates/note.html:3:19",
        "<h1>{{ note.title }</h1>",
    );
    insta::assert_snapshot!("template_syntax", err);
}

// The run as a whole.

#[test]
fn errors_in_several_files_are_all_reported_sorted_by_file() {
    let err = build_fails(|d| {
        d.edit(DENIAL, "stance: disputes", "stance: refutes")
            .edit(CLERK, "[[jane-doe#background]]", "[[jane-do]]")
            .edit(CLAIM, "status: disputed", "status: disputd")
    });
    let at: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        at,
        [
            "content/claims/contract-approved.md:6:9",
            "content/people/clerk.md:7:65",
            "content/responses/routine.md:6:9",
        ]
    );
    assert_summary(&err, "3 errors");
    insta::assert_snapshot!("three_errors", err);
}

#[test]
fn json_message_format_prints_one_object_per_line() {
    let d = Dossier::fixture("basic")
        .edit(CLERK, "[[jane-doe#background]]", "[[jane-do]]")
        .edit(DENIAL, "stance: disputes", "stance: refutes")
        .remove("seeds/report.yaml");
    let r = d.run(&["build", "--message-format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let items: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(items.len(), 3, "{}", r.stdout);
    for item in &items {
        for key in [
            "file", "line", "column", "severity", "code", "message", "hint",
        ] {
            assert!(item.get(key).is_some(), "no `{key}` in {item}");
        }
    }
    let link = &items[0];
    assert_eq!(link["file"], "content/people/clerk.md");
    assert_eq!(link["line"], 7);
    assert_eq!(link["column"], 65);
    assert_eq!(link["severity"], "error");
    assert_eq!(link["code"], "link-unresolved");
    assert_eq!(link["message"], "the link `jane-do` matches no note");
    assert_eq!(link["hint"], "did you mean `jane-doe`?");
    assert_eq!(items[1]["code"], "denial-stance");
    let warning = &items[2];
    assert_eq!(warning["file"], "seeds/report.txt");
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["code"], "source-no-metadata");
    assert!(warning["line"].is_null());
    assert!(!d.exists(""), "a failed build wrote public/");
}

#[test]
fn check_writes_nothing_and_fails_on_errors() {
    let d = Dossier::fixture("basic").edit(CLERK, "[[jane-doe#background]]", "[[jane-do]]");
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[link-unresolved]"), "{}", r.stderr);
    assert!(!d.exists(""), "check wrote public/");
}

#[test]
fn check_passes_the_good_fixture_and_writes_nothing() {
    let d = Dossier::fixture("basic");
    let r = d.check();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(
        r.stdout
            .starts_with("checked 5 notes and 1 source, and every link of the site: no errors"),
        "{}",
        r.stdout
    );
    assert!(!d.exists(""), "check wrote public/");
    assert_eq!(hidden_entries(d.path()), Vec::<String>::new());
}

/// A dossier with no claim yet has a table page with no table: its text must not point at
/// the table's legend, which is not there (the site check found `#legend-heading` broken).
#[test]
fn check_passes_a_dossier_with_no_claims() {
    let d = Dossier::fixture("basic")
        .remove("content/claims/contract-approved.md")
        .remove("content/claims/unanswered.md")
        .remove("content/responses/routine.md");
    let r = d.check();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn source_without_a_sidecar_is_a_warning() {
    let d = Dossier::fixture("basic").remove("seeds/report.yaml");
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[source-no-metadata]"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(" --> seeds/report.txt\n"), "{}", r.stderr);
    assert!(d.exists("sources/report/index.html"));
    insta::assert_snapshot!("source_no_metadata", r.stderr);
}

#[test]
fn missing_config_is_an_operational_failure() {
    let d = Dossier::fixture("basic").remove("dossier.yaml");
    for args in [&["build"][..], &["check"][..]] {
        let r = d.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("error: no `dossier.yaml` in `.`"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("help: run `dossier init"), "{}", r.stderr);
    }
    assert!(!d.exists(""));
}

// Known bugs: each test states the right behaviour.

#[test]
fn front_matter_error_does_not_break_the_links_to_the_note() {
    let err = build_fails(|d| d.edit(CLERK, "kind: person", "kind: persn"));
    assert_diagnostic(
        &err,
        "unknown-kind",
        "content/people/clerk.md:3:7",
        "kind: persn",
    );
    assert_summary(&err, "1 error");
    assert!(!err.contains(CLAIM), "{err}");
}

#[test]
fn missing_key_in_a_crlf_note_points_at_the_opening_line() {
    let err = build_fails(|d| {
        d.write(
            "content/notes/crlf.md",
            "---\r\nkind: note\r\n---\r\n\r\nBody.\r\n",
        )
    });
    assert_diagnostic(
        &err,
        "frontmatter-missing-key",
        "content/notes/crlf.md:1:1",
        "---",
    );
}

#[test]
fn empty_claimant_is_reported_on_its_own_line() {
    let err = build_fails(|d| d.edit(CLAIM, "claimant: clerk", "claimant:"));
    assert_diagnostic(
        &err,
        "frontmatter-missing-key",
        "content/claims/contract-approved.md:4:1",
        "claimant:",
    );
}

#[test]
fn unresolved_denied_claim_suggests_creating_a_claim() {
    let err = build_fails(|d| d.edit(DENIAL, "denies: [contract-approved]", "denies: [tender]"));
    assert_diagnostic(
        &err,
        "link-unresolved",
        "content/responses/routine.md:5:10",
        "denies: [tender]",
    );
    assert!(err.contains("`dossier new claim \"tender\"`"), "{err}");
}

#[test]
fn a_denial_that_answers_no_claim_is_refused() {
    let err = build_fails(|d| d.edit(DENIAL, "denies: [contract-approved]", "denies: []"));
    assert_diagnostic(
        &err,
        "frontmatter-missing-key",
        "content/responses/routine.md:5:1",
        "denies: []",
    );
    assert!(err.contains("lists no claim"), "{err}");
}

#[test]
fn a_language_that_is_not_a_tag_is_refused_in_notes_and_sidecars() {
    let err = build_fails(|d| {
        d.edit(
            CLAIM,
            "kind: claim\n",
            "kind: claim\nlang: russian language\n",
        )
        .edit(
            "seeds/report.yaml",
            "language: en",
            "language: English language",
        )
    });
    assert!(
        err.contains("error[language-tag]: `lang` `russian language`"),
        "{err}"
    );
    assert!(
        err.contains("error[language-tag]: `language` `English language`"),
        "{err}"
    );
    assert_summary(&err, "2 errors");
}

#[test]
fn a_citation_error_points_at_its_own_citation() {
    // An earlier citation holds a `0` and the same quote; the errors point at the later one.
    let err = build_fails(|d| {
        d.edit(
            CLAIM,
            "sources:\n",
            "sources:\n  - {source: report, para: 2, quote: \"approved the contract on Tuesday\"}\n  - {source: report, para: 1, quote: \"approved the contract on Tuesday\"}\n  - {source: report, para: 0}\n",
        )
    });
    assert!(err.contains("paragraphs are numbered from ¶1"), "{err}");
    assert_diagnostic(
        &err,
        "citation-locator",
        "content/claims/contract-approved.md:11:28",
        "  - {source: report, para: 0}",
    );
    assert_diagnostic(
        &err,
        "quote-not-found",
        "content/claims/contract-approved.md:10:39",
        "  - {source: report, para: 1, quote: \"approved the contract on Tuesday\"}",
    );
}

#[test]
fn a_missing_theme_is_reported_with_the_other_errors() {
    let err = build_fails(|d| {
        d.edit(
            "dossier.yaml",
            "title: ",
            "theme: fancy\ntitel2: x\ntitle: ",
        )
    });
    assert_diagnostic(&err, "config-theme", "dossier.yaml:1:8", "theme: fancy");
    assert!(err.contains("error[unknown-key]"), "{err}");
    assert_summary(&err, "2 errors");
}

#[test]
fn a_list_where_one_name_belongs_is_one_error() {
    let err = build_fails(|d| d.edit(DENIAL, "by: jane-doe", "by: [jane-doe, clerk]"));
    assert!(
        err.contains("error[yaml-type]: `by` must be text, not a list"),
        "{err}"
    );
    assert_summary(&err, "1 error");
}

#[test]
fn a_quote_in_the_body_must_be_in_the_paragraph_cited_beside_it() {
    let err = build_fails(|d| {
        d.edit(
            DENIAL,
            "«routine» [@report, ¶3]",
            "«a formality» [@report, ¶3]",
        )
    });
    assert_diagnostic(
        &err,
        "quote-not-found",
        "content/responses/routine.md:12:28",
        "[[Doe]] said the vote was «a formality» [@report, ¶3].",
    );
    assert!(err.contains("cited beside it (¶3 of `report`)"), "{err}");
    // The right words cited to the wrong paragraph are refused too.
    let err = build_fails(|d| d.edit(DENIAL, "«routine» [@report, ¶3]", "«routine» [@report, ¶2]"));
    assert!(
        err.contains("help: the quote is in ¶3: cite `para: 3`"),
        "{err}"
    );
}

#[test]
fn a_quote_in_the_body_without_a_cited_paragraph_is_refused() {
    let err = build_fails(|d| d.edit(DENIAL, "«routine» [@report, ¶3]", "«routine»"));
    assert_diagnostic(
        &err,
        "quote-uncited",
        "content/responses/routine.md:12:28",
        "[[Doe]] said the vote was «routine».",
    );
}

#[test]
fn a_source_address_must_be_a_web_address() {
    let err = build_fails(|d| {
        d.edit(
            "seeds/report.yaml",
            "language: en",
            "language: en\nurl: \"javascript:alert(document.domain)\"\narchive_url: archive.org/x",
        )
    });
    assert!(
        err.contains("error[source-url]: `url` `javascript:alert(document.domain)`"),
        "{err}"
    );
    assert!(
        err.contains("error[source-url]: `archive_url` `archive.org/x`"),
        "{err}"
    );
}

// Attribution: `via`, relays, statuses.

#[test]
fn an_unknown_via_source_suggests_an_unnamed_source_note() {
    let err = build_fails(|d| {
        d.edit(
            CLAIM,
            "subjects: [jane-doe]",
            "subjects: [jane-doe]\nvia: [a council insider]",
        )
    });
    assert_diagnostic(
        &err,
        "link-unresolved",
        "content/claims/contract-approved.md:6:7",
        "via: [a council insider]",
    );
    assert_caret(&err, 7, 17);
    assert!(
        err.contains("the `via` source `a council insider` matches no note"),
        "{err}"
    );
    assert!(
        err.contains("dossier new unnamed \"a council insider\""),
        "{err}"
    );
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("via_unresolved", err);
}

#[test]
fn a_via_that_names_a_claim_is_refused() {
    let err = build_fails(|d| {
        d.edit(
            DENIAL,
            "stance: disputes",
            "stance: disputes\nvia: [jane-doe, unanswered]",
        )
    });
    assert_diagnostic(
        &err,
        "via-not-source",
        "content/responses/routine.md:7:17",
        "via: [jane-doe, unanswered]",
    );
    assert_caret(&err, 17, 10);
    assert!(
        err.contains(
            "`Officials said nothing` is a claim: `via` names through whom the response is known"
        ),
        "{err}"
    );
    assert_summary(&err, "1 error");
    insta::assert_snapshot!("via_not_source", err);
}

#[test]
fn a_via_source_lists_what_rests_on_it_and_the_chain_shows_it() {
    let d = Dossier::fixture("basic")
        .write(
            "content/unnamed/insider.md",
            &note(
                "A council insider",
                "unnamed",
                "",
                "Unnamed in the report [@report, ¶2].",
            ),
        )
        .edit(
            CLAIM,
            "subjects: [jane-doe]",
            "subjects: [jane-doe]\nvia: [insider]",
        )
        .built();
    let page = d.page("insider/index.html");
    assert_eq!(
        page.hrefs("section.positions ul a"),
        ["/contract-approved/"]
    );
    // With the claim's status beside it.
    assert_eq!(
        page.texts("section.positions li"),
        ["The council approved the contract Disputed"]
    );
    assert_eq!(page.text("p.kind"), "Unnamed sources");
    let claim = d.page("contract-approved/index.html");
    assert_eq!(
        claim.texts(".facts dd .chain"),
        ["Example Gazette ← , citing The clerk ← , citing A council insider"]
    );
    assert_eq!(
        d.page("unnamed-sources/index.html").hrefs(".listing a"),
        ["/insider/"]
    );
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    assert_eq!(json["claims"][0]["via"][0]["kind"], "unnamed");
}

#[test]
fn via_paras_without_via_or_past_the_last_paragraph_is_refused() {
    let err = build_fails(|d| {
        d.edit(
            "seeds/report.yaml",
            "language: en",
            "language: en\nvia_paras: [1]",
        )
    });
    assert_diagnostic(
        &err,
        "source-via",
        "seeds/report.yaml:6:1",
        "via_paras: [1]",
    );
    assert!(err.contains("`via` names none"), "{err}");
    insta::assert_snapshot!("source_via_without_via", err);

    let err = build_fails(|d| {
        d.edit(
            "seeds/report.yaml",
            "language: en",
            "language: en\nvia: The Wire\nvia_paras: [1, \"2-40\"]",
        )
    });
    assert_diagnostic(
        &err,
        "source-via",
        "seeds/report.yaml:7:17",
        "via_paras: [1, \"2-40\"]",
    );
    assert!(
        err.contains("`via_paras` names ¶2–40, but the text has"),
        "{err}"
    );
    insta::assert_snapshot!("source_via_out_of_range", err);
}

#[test]
fn only_the_relayed_paragraphs_read_as_a_relay() {
    let d = Dossier::fixture("basic")
        .edit(
            "seeds/report.yaml",
            "language: en",
            "language: en\nvia: The Wire\nvia_paras: [2]",
        )
        .built();
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let claim = &json["claims"][0];
    assert_eq!(
        claim["sources"][0]["label"],
        "Example Gazette, relaying The Wire"
    );
    let names: Vec<&str> = claim["chains"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step[0]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Example Gazette", "The Wire", "The clerk"]);
    // The source's page says which paragraphs relay.
    assert!(
        d.page("sources/report/index.html")
            .text(".facts")
            .contains("RelayingThe Wire in ¶2; the other paragraphs are the publisher's own"),
        "{}",
        d.page("sources/report/index.html").text(".facts")
    );
    // With a note named as the relayed outlet, the chain links to it.
    let d = d
        .write(
            "content/organizations/wire.md",
            &note("The Wire", "organization", "", "A wire [@report, ¶1]."),
        )
        .built();
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    assert_eq!(json["claims"][0]["chains"][0][1][0]["url"], "/wire/");
    // The response cites ¶3, which relays no one.
    let response = &claim["denials"][0];
    assert_eq!(response["sources"][0]["label"], "Example Gazette");
    assert_eq!(response["chains"][0].as_array().unwrap().len(), 2);
}

#[test]
fn a_status_that_contradicts_the_responses_is_a_warning_a_reason_quiets() {
    let d = Dossier::fixture("basic").edit(DENIAL, "stance: disputes", "stance: denies");
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[status-contradicts]: the claim is `disputed`, but Jane Doe, in «The mayor calls the vote routine», denies it"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(" --> content/claims/contract-approved.md:6:9\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("set `status: denied`"), "{}", r.stderr);
    insta::assert_snapshot!("status_contradicts", r.stderr);

    // The editors' reason acknowledges it, and the pages show it beside the status.
    let d = d.edit(
        CLAIM,
        "status: disputed",
        "status: disputed\nstatus_reason: The mayor's denial answers another vote.",
    );
    let r = d.build();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        d.page("contract-approved/index.html")
            .text(".status-reason"),
        "Why: The mayor's denial answers another vote."
    );
    assert_eq!(
        d.page("claims-vs-denials/index.html")
            .text(".status-reason"),
        "Why: The mayor's denial answers another vote."
    );

    // A claim `denied` that no response denies is told too.
    let d = Dossier::fixture("basic").edit(CLAIM, "status: disputed", "status: denied");
    let r = d.check();
    assert!(
        r.stderr
            .contains("the claim is `denied`, but no response on record denies it"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("set `status: disputed`"), "{}", r.stderr);
}

#[test]
fn a_link_to_a_page_of_the_site_says_how_to_link_to_it() {
    let err = build_fails(|d| d.edit(CLERK, "See [[", "See [[claims-vs-denials]] and [["));
    assert!(err.contains("error[link-unresolved]"), "{err}");
    assert!(
        err.contains("`claims-vs-denials` is a page of the site, not a note: link to it from the site's root with a Markdown link, `[the page](/claims-vs-denials/)`"),
        "{err}"
    );
}

// The built site, checked by `check`.

#[test]
fn check_follows_every_link_of_the_built_site() {
    // A note's own Markdown link to no page, and to an id its target lacks: pointed at in
    // the note.
    let d = Dossier::fixture("basic").edit(
        CLERK,
        "Reported the vote",
        "See [the index](/nowhere/) and [her](/jane-doe/#nope). Reported the vote",
    );
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_diagnostic(
        &r.stderr,
        "site-link-broken",
        "content/people/clerk.md:7:17",
        "See [the index](/nowhere/) and [her](/jane-doe/#nope). Reported the vote [@report, ¶2]. See [[Jane Doe|the mayor]] and [[jane-doe#background]].",
    );
    assert!(
        r.stderr
            .contains("on `clerk/index.html`: no page or file of the site is at `/nowhere/`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("`/jane-doe/#nope`: the page has no element with the id `nope`"),
        "{}",
        r.stderr
    );
    assert_summary(&r.stderr, "2 errors");
    assert!(!d.exists(""), "check wrote public/");
    // `build` writes the site as the notes say (these links are the writer's).
    assert_eq!(d.build().code, 0);

    // A theme template's broken link is pointed at in the page it broke; a listing that
    // lists nothing leaves pages no link leads to.
    let d = Dossier::fixture("basic")
        .write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<a href=\"{{ site.root }}gone/\">x</a>{% endblock main %}",
        )
        .write(
            "templates/kind.html",
            "{% extends \"base.html\" %}{% block main %}<h1>{{ page_title }}</h1>{% endblock main %}",
        )
        .write(
            // An unnamed source nothing rests on: only its kind's listing names it (people
            // and organizations are all on the map, dated notes on the timeline).
            "content/unnamed/lonely.md",
            &note("A lonely source", "unnamed", "", "Only listed."),
        );
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("error[site-link-broken]: on `404.html`: no page or file of the site is at `/gone/`\n --> 404.html (as built)\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "warning[page-unreachable]: no link leads to `lonely/index.html` from the home page"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_response_takes_a_stance_of_its_own_toward_one_claim() {
    let d = Dossier::fixture("basic").edit(
        DENIAL,
        "denies: [contract-approved]\nstance: disputes",
        "denies: [contract-approved, unanswered]\nstance: disputes\nstance_for: {unanswered: declines-comment}",
    );
    let r = d.build();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let stance = |claim: usize| json["claims"][claim]["denials"][0]["stance"].clone();
    assert_eq!(json["claims"][0]["slug"], "contract-approved");
    assert_eq!(stance(0), "disputes");
    assert_eq!(stance(1), "declines-comment");
    // The response's page says so beside that claim.
    assert_eq!(
        d.page("routine/index.html").text(".facts dd:last-of-type"),
        "The council approved the contract; Officials said nothing (Declines to comment)"
    );

    // It must be one of the claims the response answers, and a stance.
    let err = build_fails(|d| {
        d.edit(
            DENIAL,
            "stance: disputes",
            "stance: disputes\nstance_for: {unanswered: denies}",
        )
    });
    assert_diagnostic(
        &err,
        "denial-stance",
        "content/responses/routine.md:7:14",
        "stance_for: {unanswered: denies}",
    );
    assert!(
        err.contains(
            "`stance_for` names `Officials said nothing`, a claim this response does not answer"
        ),
        "{err}"
    );
    insta::assert_snapshot!("stance_for_not_answered", err);
    let err = build_fails(|d| {
        d.edit(
            DENIAL,
            "stance: disputes",
            "stance: disputes\nstance_for: {contract-approved: rejects}",
        )
    });
    assert!(
        err.contains("error[denial-stance]: `rejects` is not a stance"),
        "{err}"
    );
}
