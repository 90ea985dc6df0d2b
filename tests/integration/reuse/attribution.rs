//! Who says what through whom: `via`, unnamed sources, relays and the status check, each
//! edit compared with a fresh build (pages and diagnostics), with the pages it changes.
//! The fixture is described in `front_matter.rs`.

use super::Lab;
use super::basic::{CONTRACT, INSIDER, JANE, ROUTINE};
use crate::support::note;

/// A good step, with the status warning `warning` (or none).
fn warns(lab: &mut Lab, step: &str, changed: &[std::path::PathBuf], warning: Option<&str>) {
    let diags = lab.good_diagnostics(step, changed);
    match warning {
        Some(w) => assert!(diags.contains(w), "{step}: no `{w}` in:\n{diags}"),
        None => assert!(!diags.contains("status-contradicts"), "{step}: {diags}"),
    }
}

#[test]
fn via_and_unnamed_sources() {
    let mut lab = Lab::new("basic");
    let p = lab.write(
        INSIDER,
        &note("A council insider", "unnamed", "", "Unnamed [@report, ¶2]."),
    );
    lab.good("an unnamed source added", &[p]);

    let p = lab.edit(
        CONTRACT,
        "subjects: [jane-doe]",
        "subjects: [jane-doe]\nvia: [insider]",
    );
    lab.good("a claim rests on it", &[p]).changes(&[
        // The claim's chain, in its page, the table and the JSON.
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        // What rests on the insider, and its "Referenced by".
        "/insider/",
    ]);

    let p = lab.edit(
        INSIDER,
        "title: A council insider",
        "title: Two council insiders",
    );
    lab.good("the unnamed source retitled", &[p]).changes(&[
        "/insider/",
        "/unnamed-sources/",
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        // Its citation, listed by title.
        "/sources/",
    ]);

    let p = lab.edit(CONTRACT, "via: [insider]", "via: [insider, jane-doe]");
    lab.good("a second source beside it", &[p]).changes(&[
        // The claimant's neighbourhood on the map: a claim told through another name.
        "/clerk/",
        // The relationship map names its people and organizations and how notes connect them.
        "/map/",
        "/contract-approved/",
        "/claims-vs-denials/",
        "/claims.json",
        "/jane-doe/",
    ]);

    let p = lab.edit(INSIDER, "kind: unnamed", "kind: event");
    lab.fails("the source becomes an event", &[p], "via-not-source");
    let p = lab.edit(INSIDER, "kind: event", "kind: unnamed");
    lab.good("and an unnamed source again", &[p]);

    let p = lab.remove(INSIDER);
    lab.fails("the source removed", &[p], "link-unresolved");
    let p = lab.edit(CONTRACT, "via: [insider, jane-doe]", "via: [jane-doe]");
    lab.good("and the claim no longer names it", &[p]);
}

#[test]
fn statuses_against_responses() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(ROUTINE, "stance: disputes", "stance: denies");
    warns(
        &mut lab,
        "the response now denies the disputed claim",
        &[p],
        Some(
            "the claim is `disputed`, but Jane Doe, in «The mayor calls the vote routine», denies it",
        ),
    );

    // The warning names the respondent and the response by title: it follows them.
    let p = lab.edit(JANE, "title: Jane Doe", "title: Jane Q. Doe");
    warns(
        &mut lab,
        "the respondent retitled",
        &[p],
        Some("but Jane Q. Doe, in «The mayor calls the vote routine», denies it"),
    );
    let p = lab.edit(
        ROUTINE,
        "title: The mayor calls the vote routine",
        "title: The mayor denies it",
    );
    warns(
        &mut lab,
        "the response retitled",
        &[p],
        Some("but Jane Q. Doe, in «The mayor denies it», denies it"),
    );

    let p = lab.edit(
        CONTRACT,
        "status: disputed",
        "status: disputed\nstatus_reason: The denial answers another vote.",
    );
    warns(&mut lab, "a reason given", &[p], None);
    lab.changes(&["/contract-approved/", "/claims-vs-denials/", "/claims.json"]);

    let p = lab.edit(
        CONTRACT,
        "status_reason: The denial answers another vote.\n",
        "",
    );
    warns(
        &mut lab,
        "the reason taken back",
        &[p],
        Some("the claim is `disputed`"),
    );
    let p = lab.edit(
        ROUTINE,
        "denies: [contract-approved]",
        "denies: [unanswered]",
    );
    warns(
        &mut lab,
        "the response answers the other claim",
        &[p],
        Some("the claim is `reported`, but Jane Q. Doe, in «The mayor denies it», denies it"),
    );
    let p = lab.edit(ROUTINE, "stance: denies", "stance: disputes");
    warns(
        &mut lab,
        "and disputes it",
        &[p],
        Some("the claim is `reported`, but Jane Q. Doe, in «The mayor denies it», disputes it"),
    );
    let p = lab.edit(
        ROUTINE,
        "denies: [unanswered]",
        "denies: [contract-approved]",
    );
    warns(&mut lab, "back as it was", &[p], None);

    // A stance of its own toward one claim: the table, the JSON and the check follow it.
    let p = lab.edit(
        ROUTINE,
        "denies: [contract-approved]\nstance: disputes",
        "denies: [contract-approved, unanswered]\nstance: disputes\nstance_for: {unanswered: denies}",
    );
    warns(
        &mut lab,
        "denies the other claim",
        &[p],
        Some("the claim is `reported`, but Jane Q. Doe, in «The mayor denies it», denies it"),
    );
    let p = lab.edit(ROUTINE, "{unanswered: denies}", "{unanswered: not-aware}");
    warns(&mut lab, "not aware of it", &[p], None);
    lab.changes(&[
        "/routine/",
        "/unanswered/",
        "/claims-vs-denials/",
        "/claims.json",
    ]);
}

#[test]
fn relays() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(
        "seeds/report.yaml",
        "language: en",
        "language: en\nvia: The Wire",
    );
    lab.good("the source relays another outlet", &[p]);
    let p = lab.edit(
        "seeds/report.yaml",
        "via: The Wire",
        "via: The Wire\nvia_paras: [2]",
    );
    lab.good("only its second paragraph", &[p]).changes(&[
        // Only ¶2 reads as a relay now: the references that name the source for ¶1, ¶3
        // or ¶4 change (the clerk cites ¶2 alone).
        "/contract-approved/",
        "/jane-doe/",
        "/unanswered/",
        "/routine/",
        "/claims-vs-denials/",
        "/claims.json",
        // The source's metadata says which paragraphs relay.
        "/sources/",
        "/sources/report/",
        "/sources.json",
    ]);
    let p = lab.edit("seeds/report.yaml", "via_paras: [2]", "via_paras: [9]");
    lab.fails("a paragraph it does not have", &[p], "source-via");
    let p = lab.edit(
        "seeds/report.yaml",
        "via_paras: [9]",
        "via_paras: [\"2-3\"]",
    );
    lab.good("two paragraphs", &[p]);

    // The relayed outlet links to its note where one is named so, and stops when none is.
    let wire = "content/organizations/wire.md";
    let p = lab.write(
        wire,
        &note("The Wire", "organization", "", "A wire [@report, ¶1]."),
    );
    lab.good("a note for the relayed outlet", &[p]);
    let p = lab.edit(wire, "title: The Wire", "title: The Wire Service");
    lab.good("retitled: its name no longer the relay's", &[p]);
    let p = lab.edit(
        wire,
        "title: The Wire Service",
        "title: The Wire Service\naliases: [The Wire]",
    );
    lab.good("named again, by an alias", &[p]);
    let p = lab.edit(
        wire,
        "kind: organization",
        "kind: organization\ndraft: true",
    );
    lab.good("a draft: no page to link to", &[p]);
    let p = lab.remove(wire);
    lab.good("removed", &[p]);
}
