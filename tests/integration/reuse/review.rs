//! Sequences from a review of `via`, unnamed sources, relays by paragraph, chains and the
//! status check: each step compared with a fresh build (pages and diagnostics).

use std::path::PathBuf;

use super::Lab;
use super::basic::{CLERK, CONTRACT, INSIDER, JANE, ROUTINE, SIDECAR, UNANSWERED};
use crate::support::note;

/// The basic fixture with an unnamed source the contract claim and the response rest on.
fn with_insider() -> Lab {
    let mut lab = Lab::new("basic");
    let a = lab.write(
        INSIDER,
        &note("A council insider", "unnamed", "", "Unnamed [@report, ¶2]."),
    );
    let b = lab.edit(
        CONTRACT,
        "subjects: [jane-doe]",
        "subjects: [jane-doe]\nvia: [insider]",
    );
    let c = lab.edit(
        ROUTINE,
        "stance: disputes",
        "stance: disputes\nvia: [insider]",
    );
    lab.good("an unnamed source both rest on", &[a, b, c]);
    lab
}

#[test]
fn via_target_retitled_moved_and_reslugged() {
    let mut lab = with_insider();
    let p = lab.edit(INSIDER, "title: A council insider", "title: Insiders");
    lab.good("the via target retitled", &[p]).changes(&[
        "/insider/",
        "/unnamed-sources/",
        "/contract-approved/",
        "/routine/",
        "/claims-vs-denials/",
        "/claims.json",
        "/sources/",
    ]);
    let p = lab.edit(
        INSIDER,
        "kind: unnamed",
        "kind: unnamed\nslug: council-insider",
    );
    lab.good("its slug changed (the file name still names it)", &[p]);
    let p = lab.edit(
        INSIDER,
        "slug: council-insider",
        "slug: council-insider\naliases: [insider]",
    );
    lab.good("an alias", &[p]);
    let moved = lab.rename(INSIDER, "content/people/insider.md");
    lab.good("the unnamed source moved", &moved);
    let p = lab.edit(
        "content/people/insider.md",
        "kind: unnamed",
        "kind: organization",
    );
    lab.good("it becomes an organization", &[p]);
    let p = lab.edit(
        "content/people/insider.md",
        "kind: organization",
        "kind: person",
    );
    lab.good("then a person", &[p]);
}

#[test]
fn via_target_becomes_a_draft_and_back() {
    let mut lab = with_insider();
    let p = lab.edit(INSIDER, "kind: unnamed", "kind: unnamed\ndraft: true");
    lab.fails("the via target a draft", &[p], "link-to-draft");
    lab.set_opts(|o| o.drafts = true);
    lab.good("built with drafts", &[]);
    lab.set_opts(|o| o.drafts = false);
    let p = lab.edit(INSIDER, "kind: unnamed\ndraft: true", "kind: unnamed");
    lab.good("published again", &[p]);
}

#[test]
fn via_written_oddly() {
    let mut lab = with_insider();
    let p = lab.edit(CONTRACT, "via: [insider]", "via: insider");
    lab.good("via as a scalar", &[p]).changes(&[]);
    let p = lab.edit(CONTRACT, "via: insider", "via: [insider, insider, Insider]");
    lab.good("the same source thrice", &[p]).changes(&[]);
    let p = lab.edit(CONTRACT, "via: [insider, insider, Insider]", "via: []");
    lab.good("an empty via", &[p]);
    let p = lab.edit(CONTRACT, "via: []", "via: [[]]");
    lab.fails("a list in via", &[p], "yaml-type");
    let p = lab.edit(CONTRACT, "via: [[]]", "via: [contract-approved]");
    lab.fails("via names the claim itself", &[p], "via-not-source");
    let p = lab.edit(CONTRACT, "via: [contract-approved]", "via: [clerk]");
    lab.good("via names its own claimant", &[p]);
    let p = lab.edit(
        CONTRACT,
        "via: [clerk]",
        "via: [\"[[A council insider]]\", jane-doe]",
    );
    lab.good("via by title, Obsidian-style, beside a person", &[p]);
}

#[test]
fn respondent_and_claimant_change_kind() {
    let mut lab = with_insider();
    let p = lab.edit(JANE, "kind: person", "kind: organization");
    lab.good("the respondent becomes an organization", &[p]);
    let p = lab.edit(JANE, "kind: organization", "kind: unnamed");
    lab.good("then an unnamed source", &[p]);
    let p = lab.edit(CLERK, "kind: person", "kind: unnamed");
    lab.good("the claimant an unnamed source", &[p]);
    let p = lab.edit(JANE, "kind: unnamed", "kind: person");
    lab.good("back", &[p]);
}

#[test]
fn responses_come_and_go_under_a_status_warning() {
    let mut lab = with_insider();
    let p = lab.edit(ROUTINE, "stance: disputes", "stance: denies");
    let d = lab.good_diagnostics("the response denies the disputed claim", &[p]);
    assert!(d.contains("status-contradicts"), "{d}");
    let p = lab.remove(ROUTINE);
    let d = lab.good_diagnostics("the response removed", &[p]);
    assert!(d.contains("no response on record disputes it"), "{d}");
    let p = lab.write(
        ROUTINE,
        &note(
            "Back again",
            "denial",
            "by: jane-doe\ndenies: [contract-approved]\nstance: denies\nvia: [insider]\n",
            "",
        ),
    );
    let d = lab.good_diagnostics("a response again", &[p]);
    assert!(d.contains("in «Back again», denies it"), "{d}");
    let p = lab.edit(ROUTINE, "kind: denial", "kind: denial\ndraft: true");
    let d = lab.good_diagnostics("the response a draft", &[p]);
    assert!(d.contains("no response on record disputes it"), "{d}");
    let p = lab.edit(ROUTINE, "kind: denial\ndraft: true", "kind: denial");
    lab.good_diagnostics("published again", &[p]);
    let moved = lab.rename(ROUTINE, "content/responses/moved.md");
    lab.good_diagnostics("the response moved", &moved);
    let p = lab.edit(
        CONTRACT,
        "kind: claim",
        "kind: claim\nslug: contract-approved",
    );
    lab.good_diagnostics("the claim's slug written out", &[p]);
    let moved = lab.rename(CONTRACT, "content/claims/moved-claim.md");
    let d = lab.good_diagnostics("the claim moved", &moved);
    assert!(d.contains("moved-claim.md"), "{d}");
    let p = lab.edit(
        "content/claims/moved-claim.md",
        "title: The council approved the contract",
        "title: The council approved the contract\nstatus_reason: \"\"",
    );
    let d = lab.good_diagnostics("an empty reason", &[p]);
    assert!(d.contains("status-contradicts"), "{d}");
    let p = lab.edit(
        "content/claims/moved-claim.md",
        "status_reason: \"\"",
        "status_reason: Only a blanket denial.",
    );
    let d = lab.good_diagnostics("a reason", &[p]);
    assert!(!d.contains("status-contradicts"), "{d}");
    let p = lab.edit(
        "content/claims/moved-claim.md",
        "status_reason: Only a blanket denial.",
        "status_reason: \"  \"",
    );
    let d = lab.good_diagnostics("a blank reason", &[p]);
    assert!(d.contains("status-contradicts"), "{d}");
}

#[test]
fn status_warning_follows_the_claim_front_matter() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(ROUTINE, "stance: disputes", "stance: denies");
    lab.good_diagnostics("a warning", &[p]);
    // Lines above the status move it; the warning's line follows.
    let p = lab.edit(
        CONTRACT,
        "claimant: clerk",
        "claimant: clerk\nsummary: One line.",
    );
    lab.good_diagnostics("a line above the status", &[p]);
    let p = lab.edit(CONTRACT, "status: disputed\n", "");
    let d = lab.good_diagnostics("the status left out (reported by default)", &[p]);
    assert!(d.contains("the claim is `reported`"), "{d}");
    let p = lab.edit(CONTRACT, "kind: claim", "kind: claim\nstatus: denied");
    let d = lab.good_diagnostics("denied", &[p]);
    assert!(!d.contains("status-contradicts"), "{d}");
    let p = lab.edit(JANE, "title: Jane Doe", "title: Jane Doe\ndraft: true");
    lab.fails("the respondent a draft", &[p], "link-to-draft");
    let p = lab.edit(JANE, "title: Jane Doe\ndraft: true", "title: Jane Doe");
    lab.good_diagnostics("published again", &[p]);
    let p = lab.edit(ROUTINE, "by: jane-doe", "by: clerk");
    lab.good_diagnostics("another respondent", &[p]);
    let p = lab.edit(ROUTINE, "stance: denies", "stance: no-response");
    let d = lab.good_diagnostics("no response", &[p]);
    assert!(d.contains("no response on record denies it"), "{d}");
}

#[test]
fn sidecar_edits_relabel_everything() {
    let mut lab = with_insider();
    let p = lab.edit(SIDECAR, "language: en", "language: en\nvia: The Wire");
    lab.good("a relay", &[p]);
    let p = lab.edit(
        SIDECAR,
        "via: The Wire",
        "via: The Wire\nvia_paras: [2, \"3-4\"]",
    );
    lab.good("relayed paragraphs", &[p]);
    let p = lab.edit(SIDECAR, "via_paras: [2, \"3-4\"]", "via_paras: []");
    lab.fails("no relayed paragraph", &[p], "source-via");
    let p = lab.edit(SIDECAR, "via_paras: []", "via_paras: 3");
    lab.good("one, as a scalar", &[p]);
    let p = lab.edit(SIDECAR, "publisher: Example Gazette\n", "");
    lab.good("no publisher", &[p]);
    let p = lab.edit(
        SIDECAR,
        "title: Council approves the contract",
        "title: The clerk",
    );
    lab.good("the title names the claimant", &[p]);
    let p = lab.edit(SIDECAR, "via: The Wire", "via: the clerk");
    lab.good("the relayed outlet is the claimant", &[p]);
    let p = lab.edit(SIDECAR, "language: en", "language: en\npublisher: Jane Doe");
    lab.good("the publisher is the respondent", &[p]);
    let p = lab.edit(SIDECAR, "via_paras: 3", "via_paras: [\"0\"]");
    lab.fails("paragraph zero", &[p], "source-via");
    let p = lab.edit(SIDECAR, "via_paras: [\"0\"]", "via_paras: [\"5-3\"]");
    lab.fails("a range backwards", &[p], "source-via");
    let p = lab.edit(
        SIDECAR,
        "via_paras: [\"5-3\"]",
        "via_paras: [99999999999999]",
    );
    lab.fails("a huge paragraph", &[p], "source-via");
    let p = lab.remove(SIDECAR);
    lab.good("the sidecar removed", &[p]);
    let moved = lab.rename("seeds/report.txt", "seeds/report-2.txt");
    lab.fails(
        "the source renamed away from its id",
        &moved,
        "source-unknown",
    );
    let moved = lab.rename("seeds/report-2.txt", "seeds/report.txt");
    lab.good("and back", &moved);
}

#[test]
fn evidence_only_in_the_body() {
    let mut lab = with_insider();
    // Front-matter sources removed: the claim's evidence is gone, its chain is the claimant
    // and its `via`.
    let p = lab.edit(
        CONTRACT,
        "sources:\n  - {source: report, para: 2, quote: \"approved the contract on Tuesday\"}\n",
        "",
    );
    lab.good("no evidence", &[p]);
    let p = lab.edit(
        CONTRACT,
        "kind: claim",
        "kind: claim\nsources:\n  - {source: report}\n  - {source: report, para: 2}\n  - {source: report, para: 2}",
    );
    lab.good("the whole source, and ¶2 twice", &[p]);
    let p = lab.edit(
        CONTRACT,
        "[@report, ¶2; @report, ¶1]",
        "[@report, ¶1; @report, ¶2]",
    );
    lab.good("body citations reordered", &[p]);
}

#[test]
fn unanswered_claim_gets_via_and_a_response() {
    let mut lab = with_insider();
    let p = lab.edit(
        UNANSWERED,
        "status: reported",
        "status: reported\nvia: [insider, clerk]",
    );
    lab.good("a second claim rests on the insider", &[p]);
    let p = lab.edit(
        ROUTINE,
        "denies: [contract-approved]",
        "denies: [contract-approved, unanswered]",
    );
    let d = lab.good_diagnostics("the response answers both", &[p]);
    assert!(d.contains("the claim is `reported`, but Jane Doe"), "{d}");
    let p = lab.edit(ROUTINE, "stance: disputes", "stance: no-response");
    lab.good_diagnostics("silence", &[p]);
    let p = lab.edit(UNANSWERED, "via: [insider, clerk]", "");
    lab.good_diagnostics("the via line emptied", &[p]);
}

/// A small random walk over what the change added: `via` on claims and responses, unnamed
/// sources coming, going, moving and changing kind, statuses and reasons, stances, and the
/// sidecar's publisher, `via` and `via_paras`. Every step is compared with a fresh build.
#[test]
fn random_walk_over_attribution() {
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[(self.next() as usize) % xs.len()]
        }
    }
    const VIA: &[&str] = &[
        "",
        "via: []\n",
        "via: [insider]\n",
        "via: insider\n",
        "via: [insider, jane-doe]\n",
        "via: [clerk]\n",
        "via: [insider, insider]\n",
        "via: [\"[[A council insider]]\"]\n",
        "via: [Mayor Doe, insider]\n",
    ];
    let seeds: u64 = std::env::var("REVIEW_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    for seed in 0..seeds {
        let mut rng = Rng(seed * 7919 + 17);
        let mut lab = with_insider();
        let mut insider_at = INSIDER.to_string();
        let mut log = Vec::new();
        for step in 0..40 {
            let changed: Vec<PathBuf> = match rng.next() % 9 {
                0 => {
                    let text = note(
                        "The council approved the contract",
                        "claim",
                        &format!(
                            "claimant: clerk\nsubjects: [jane-doe]\n{}status: {}\n{}date: \"2024-03\"\nsources:\n  - {{source: report, para: {}}}\n",
                            rng.pick(VIA),
                            rng.pick(&["reported", "disputed", "denied", "confirmed"]),
                            rng.pick(&[
                                "",
                                "",
                                "status_reason: Only a blanket denial.\n",
                                "status_reason: \"\"\n"
                            ]),
                            rng.pick(&["1", "2", "\"2-3\"", "4"]),
                        ),
                        "The clerk said so [@report, ¶2].",
                    );
                    log.push(format!("claim: {text:?}"));
                    vec![lab.write(CONTRACT, &text)]
                }
                1 => {
                    let text = note(
                        rng.pick(&["The mayor calls the vote routine", "The mayor answers"]),
                        "denial",
                        &format!(
                            "by: {}\ndenies: {}\n{}stance: {}\ndate: 2024-03-05\nsources:\n  - {{source: report, para: {}}}\n",
                            rng.pick(&["jane-doe", "clerk", "insider"]),
                            rng.pick(&[
                                "[contract-approved]",
                                "[contract-approved, unanswered]",
                                "[unanswered]"
                            ]),
                            rng.pick(VIA),
                            rng.pick(&["denies", "disputes", "no-response", "declines-comment"]),
                            rng.pick(&["3", "2", "\"1-4\""]),
                        ),
                        "She answered [@report, ¶3].",
                    );
                    log.push(format!("response: {text:?}"));
                    vec![lab.write(ROUTINE, &text)]
                }
                2 => {
                    let title =
                        rng.pick(&["A council insider", "Two council insiders", "Jane Doe"]);
                    let kind = rng.pick(&["unnamed", "unnamed", "person", "organization", "event"]);
                    let extra = rng.pick(&["", "", "draft: true\n", "aliases: [insider]\n"]);
                    let text = note(title, kind, extra, "Unnamed [@report, ¶2].");
                    log.push(format!("insider at {insider_at}: {text:?}"));
                    vec![lab.write(&insider_at, &text)]
                }
                3 => {
                    let to = if insider_at == INSIDER {
                        "content/people/insider.md"
                    } else {
                        INSIDER
                    };
                    log.push(format!("move insider to {to}"));
                    let moved = lab.rename(&insider_at, to);
                    insider_at = to.to_string();
                    moved
                }
                4 => {
                    let text = format!(
                        "id: report\ntitle: Council approves the contract\n{}published: 2024-03\nlanguage: en\n{}{}",
                        rng.pick(&["publisher: Example Gazette\n", "", "publisher: The clerk\n"]),
                        rng.pick(&["", "via: The Wire\n", "via: the clerk\n"]),
                        rng.pick(&[
                            "",
                            "via_paras: [2]\n",
                            "via_paras: [\"2-3\"]\n",
                            "via_paras: []\n",
                            "via_paras: 1\n"
                        ]),
                    );
                    log.push(format!("sidecar: {text:?}"));
                    vec![lab.write(SIDECAR, &text)]
                }
                5 => {
                    let text = note(
                        rng.pick(&["Jane Doe", "Jane Q. Doe"]),
                        rng.pick(&["person", "person", "organization", "unnamed"]),
                        "aliases: [Doe, Mayor Doe]\n",
                        "The mayor [@report, ¶3].",
                    );
                    log.push(format!("jane: {text:?}"));
                    vec![lab.write(JANE, &text)]
                }
                6 => {
                    let text = note(
                        "Officials said nothing",
                        "claim",
                        &format!(
                            "claimant: Mayor Doe\n{}status: {}\nsources:\n  - {{source: report, para: 4}}\n",
                            rng.pick(VIA),
                            rng.pick(&["reported", "denied", "disputed"]),
                        ),
                        "Nobody answered [@report, ¶4].",
                    );
                    log.push(format!("unanswered: {text:?}"));
                    vec![lab.write(UNANSWERED, &text)]
                }
                7 => {
                    let text = note(
                        rng.pick(&["The clerk", "The Wire", "Example Gazette"]),
                        rng.pick(&["person", "organization"]),
                        "tags: [council]\n",
                        "Reported the vote [@report, ¶2].",
                    );
                    log.push(format!("clerk: {text:?}"));
                    vec![lab.write(CLERK, &text)]
                }
                _ => {
                    log.push("nothing".into());
                    vec![]
                }
            };
            let name = format!("seed {seed} step {step}: {}", log.last().unwrap());
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                lab.check(&name, &changed);
            }));
            if let Err(e) = outcome {
                eprintln!("seed {seed}, the edits:\n{}", log.join("\n"));
                std::panic::resume_unwind(e);
            }
        }
    }
}

// What a reader or an author sees: messages and pages (builds from scratch).

use crate::support::Dossier;

/// The caret line under the source line: `len` carets from 1-based column `col`.
fn has_carets(stderr: &str, col: usize, len: usize) -> bool {
    let carets = format!(" {}{}", " ".repeat(col - 1), "^".repeat(len));
    stderr
        .lines()
        .any(|l| l.trim_start().strip_prefix('|') == Some(carets.as_str()))
}

/// `dossier new claim` writes `status: reported     # reported, disputed, …`: the warning's
/// carets must mark `reported`, not the comment after it.
#[test]
fn status_warning_carets_leave_the_comment_out() {
    let d = Dossier::fixture("basic")
        .edit(
            CONTRACT,
            "status: disputed",
            "status: disputed     # reported, disputed, denied, confirmed, unverified or retracted",
        )
        .edit(ROUTINE, "stance: disputes", "stance: denies");
    let r = d.check();
    assert!(
        r.stderr.contains("warning[status-contradicts]"),
        "{}",
        r.stderr
    );
    assert!(
        has_carets(&r.stderr, 9, "disputed".len()),
        "the carets should mark `disputed` alone:\n{}",
        r.stderr
    );
}

/// A response's `via` naming an event: the message must not speak of "the claim" (the note
/// is a response), nor say "a event".
#[test]
fn via_not_source_on_a_response_reads_right() {
    let d = Dossier::fixture("basic")
        .write(
            "content/events/vote.md",
            &note("The vote", "event", "", "x"),
        )
        .edit(ROUTINE, "stance: disputes", "stance: disputes\nvia: [vote]");
    let r = d.check();
    assert!(r.stderr.contains("error[via-not-source]"), "{}", r.stderr);
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with("error[via-not-source]"))
        .unwrap();
    assert!(!line.contains(" a event"), "article: {line}");
    assert!(
        !line.contains("the claim is known"),
        "a response's `via` is not how a claim is known: {line}"
    );
}

/// `via: ""` (an empty entry): a message about the empty entry, not a suggestion to create
/// a note titled "" (`dossier new unnamed ""`).
#[test]
fn an_empty_via_entry_is_told_as_such() {
    let d = Dossier::fixture("basic")
        .edit(
            CONTRACT,
            "subjects: [jane-doe]",
            "subjects: [jane-doe]\nvia: [insider, \"\"]",
        )
        .write(INSIDER, &note("A council insider", "unnamed", "", "x"));
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stderr.contains("dossier new unnamed \"\""),
        "suggests creating a note with an empty title:\n{}",
        r.stderr
    );
    // Told as such, at the empty entry (inside its quotes: `via: [insider, ""]`).
    assert!(
        r.stderr
            .contains("error[via-not-source]: an entry of `via` names no one"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(" --> content/claims/contract-approved.md:6:17\n"),
        "{}",
        r.stderr
    );
}

/// `via_paras: []`: no paragraph relays the outlet, so every reference credits the publisher
/// alone; the source's page must not then say the text relays the outlet (as it does when
/// every paragraph does). Either the check refuses the empty list, or the page says so.
#[test]
fn an_empty_via_paras_does_not_read_as_a_whole_relay() {
    let d = Dossier::fixture("basic").edit(
        SIDECAR,
        "language: en",
        "language: en\nvia: The Wire\nvia_paras: []",
    );
    let r = d.build();
    if r.code != 0 {
        assert!(r.stderr.contains("error[source-via]"), "{}", r.stderr);
        return;
    }
    let json = d.read("claims.json");
    assert!(
        !json.contains("relaying The Wire"),
        "no paragraph relays: {json}"
    );
    let facts = d.page("sources/report/index.html").text(".facts");
    assert!(
        !facts.contains("RelayingThe Wire Author"),
        "the source page says the whole text relays The Wire, while every reference credits \
         Example Gazette alone: {facts}"
    );
}

/// docs/format.md: a paragraph outside `via_paras` reads "Meduza, ¶12" on note pages. A
/// reference that follows one to a relayed paragraph of the same source must not hide that
/// behind "The same source" (which reads as the relay again).
#[test]
fn a_note_page_names_the_publisher_for_its_own_paragraphs() {
    let d = Dossier::fixture("basic")
        .edit(
            SIDECAR,
            "language: en",
            "language: en\nvia: The Wire\nvia_paras: [2]",
        )
        .built();
    // contract-approved: ¶2 (front matter, a relay), then ¶1 (its body, the publisher's own).
    let refs = d
        .page("contract-approved/index.html")
        .texts(".references li");
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(
        refs[0].starts_with("Example Gazette, relaying The Wire, ¶2"),
        "{refs:?}"
    );
    assert!(
        refs[1].starts_with("Example Gazette, ¶1"),
        "¶1 is the publisher's own, the page says {:?}",
        refs[1]
    );
}
