//! Drafts: without `--drafts` they leave no trace anywhere in the site; with it they appear.
//! The fixture's draft is `content/draft-idea.md`, titled "A secret draft", tagged
//! `secret-tag`, linking to `jane-doe`.

use crate::support::*;

/// Files of `public/` whose text contains `needle`.
fn files_containing(d: &Dossier, needle: &str) -> Vec<String> {
    d.public_tree()
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(name, _)| name)
        .collect()
}

/// The fixture plus a draft claim and a draft response to the published claim.
fn with_draft_claims() -> Dossier {
    Dossier::fixture("basic")
        .write(
            "content/claims/draft-claim.md",
            &note(
                "An unpublished claim",
                "claim",
                "draft: true\nclaimant: jane-doe\ntags: [council]\n",
                "Said by [[jane-doe]] [@report, ¶1].",
            ),
        )
        .write(
            "content/responses/draft-reply.md",
            &note(
                "An unpublished reply",
                "denial",
                "draft: true\nby: clerk\ndenies: [contract-approved]\nstance: disputes\n",
                "The [[clerk]] disputes it [@report, ¶2].",
            ),
        )
}

#[test]
fn drafts_leave_no_trace_without_the_flag() {
    let d = with_draft_claims().built();
    for needle in [
        "A secret draft",
        "draft-idea",
        "secret-tag",
        "An unpublished claim",
        "draft-claim",
        "An unpublished reply",
        "draft-reply",
    ] {
        assert_eq!(
            files_containing(&d, needle),
            Vec::<String>::new(),
            "`{needle}` is in the site"
        );
    }
    assert!(!d.exists("draft-idea"));
    assert!(!d.exists("tags/secret-tag"));
    // Nor in the search index, which holds words, not phrases: the draft's own words.
    for word in ["\"secret\"", "\"ready\"", "\"unpublished\""] {
        assert_eq!(
            files_containing(&d, word),
            Vec::<String>::new(),
            "the word {word} of a draft is in the site"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    assert_eq!(json["claims"].as_array().unwrap().len(), 2);
    assert_eq!(json["claims"][0]["denials"].as_array().unwrap().len(), 1);
    // Counts and listings are of published notes only.
    let home = d.page("index.html");
    assert_eq!(
        home.text(".counts"),
        "5 notes · 2 claims · 1 archived source · 2 tags"
    );
    assert_eq!(
        d.page("tags/council/index.html").hrefs(".listing a"),
        ["/jane-doe/", "/clerk/"]
    );
}

#[test]
fn drafts_are_published_with_the_flag() {
    let d = with_draft_claims();
    let r = d.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(d.page("draft-idea/index.html").text("h1"), "A secret draft");
    assert!(d.exists("tags/secret-tag/index.html"));
    assert!(
        d.page("notes/index.html")
            .hrefs(".listing a")
            .contains(&"/draft-idea/".to_string())
    );
    assert!(
        d.page("jane-doe/index.html")
            .hrefs(".backlinks li > a")
            .contains(&"/draft-idea/".to_string())
    );
    let json: serde_json::Value = serde_json::from_str(&d.read("claims.json")).unwrap();
    let slugs: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.contains(&"draft-claim"), "{slugs:?}");
    let contract = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "contract-approved")
        .unwrap();
    let denials: Vec<&str> = contract["denials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert!(denials.contains(&"draft-reply"), "{denials:?}");
}

#[test]
fn a_drafts_links_are_checked_when_it_is_published() {
    let d = Dossier::fixture("basic").edit("content/draft-idea.md", "[[jane-doe]]", "[[nobody]]");
    // Unpublished, its links point nowhere that matters.
    assert_eq!(d.check().code, 0);
    let r = d.run(&["check", "--drafts"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("--> content/draft-idea.md:8:21"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_drafts_front_matter_is_always_checked() {
    let d = Dossier::fixture("basic").edit("content/draft-idea.md", "kind: note", "kind: nte");
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[unknown-kind]: `nte` is not a kind of note"),
        "{}",
        r.stderr
    );
}

/// `check` looks for traces of the drafts it left out in the built site: their address is
/// an error, their title a warning (a published note may name it on purpose).
#[test]
fn check_finds_a_drafts_traces_in_the_built_site() {
    let d = Dossier::fixture("basic");
    let r = d.check();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("draft-trace"), "{}", r.stderr);
    let d = d.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Once called A secret draft; see <a href=\"/draft-idea/\">it</a>. Reported the vote",
    );
    let r = d.check();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "error[draft-trace]: the draft's address `/draft-idea/` is on `clerk/index.html` of the built site\n --> content/draft-idea.md:4:1\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "warning[draft-trace]: the draft's title «A secret draft» is on `clerk/index.html`, `jane-doe/index.html` of the built site\n --> content/draft-idea.md:2:8\n"
        ),
        "{}",
        r.stderr
    );
    // Published with `--drafts`, it is no draft left out.
    let r = d.run(&["check", "--drafts"]);
    assert!(!r.stderr.contains("draft-trace"), "{}", r.stderr);
}
