//! Writing the site: a rebuild replaces the whole folder (no stale pages), a failed build
//! leaves the previous one byte-identical, and no staging folder is ever left behind.

use crate::support::*;

#[test]
fn stale_pages_are_gone_after_a_rebuild() {
    let d = Dossier::fixture("basic").built();
    assert!(d.exists("routine/index.html"));
    let d = d
        .remove("content/responses/routine.md")
        .write("public/stray.txt", "left by hand\n")
        .built();
    assert!(
        !d.exists("routine"),
        "the deleted note's page is still there"
    );
    // Its kind has no note left: no listing of nothing.
    assert!(!d.exists("responses/index.html"));
    assert!(!d.exists("stray.txt"));
    assert!(
        !d.page("contract-approved/index.html")
            .hrefs("a")
            .contains(&"/routine/".to_string())
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let d = Dossier::fixture("basic").built();
    let before = d.public_tree();
    let d = d.remove("content/responses/routine.md").edit(
        "content/people/clerk.md",
        "[[jane-doe#background]]",
        "[[nobody]]",
    );
    assert_eq!(d.build().code, 1);
    assert_same_tree(&before, &d.public_tree());
    assert!(d.exists("routine/index.html"));
}

#[test]
fn no_staging_folder_is_left_after_success_or_failure() {
    let d = Dossier::fixture("basic").built();
    assert_eq!(hidden_entries(d.path()), Vec::<String>::new());
    let d = d.built();
    assert_eq!(hidden_entries(d.path()), Vec::<String>::new());
    let d = d.edit(
        "content/people/clerk.md",
        "[[jane-doe#background]]",
        "[[nobody]]",
    );
    assert_eq!(d.build().code, 1);
    assert_eq!(hidden_entries(d.path()), Vec::<String>::new());
    assert!(hidden_entries(&d.out("")).is_empty());
}

#[test]
fn output_elsewhere_leaves_no_staging_folder_beside_it() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["build", "-o", "out/site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(hidden_entries(&d.path().join("out")), Vec::<String>::new());
    let r = d.run(&["build", "-o", "out/site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(hidden_entries(&d.path().join("out")), Vec::<String>::new());
}

#[test]
fn output_above_the_dossier_is_refused() {
    let top = Dossier::empty().write("a/precious.txt", "keep me\n");
    let root = top.path().join("a/dossier");
    copy_fixture("basic", &root);
    let before = snapshot_tree(top.path());
    for out in ["..", "../../a", "../."] {
        let r = run_in(&root, &["build", "-o", out]);
        assert_eq!(r.code, 2, "-o {out}: {}", r.stderr);
        assert!(
            r.stderr.contains("contains the dossier itself"),
            "-o {out}: {}",
            r.stderr
        );
        assert_same_tree(&before, &snapshot_tree(top.path()));
        assert_eq!(hidden_entries(&root), Vec::<String>::new(), "-o {out}");
        assert_eq!(hidden_entries(top.path()), Vec::<String>::new(), "-o {out}");
    }
}

#[test]
fn a_template_failing_half_way_through_the_pages_leaves_no_trace() {
    // Pages are written as they are rendered: most of the site is already in the staging
    // folder when the template of claims fails on them.
    let d = Dossier::fixture("basic").built();
    let before = d.public_tree();
    let d = d.write(
        "templates/note.html",
        "{% extends \"base.html\" %}{% block main %}{% if note.claim %}{{ note.claim.nothing.here }}{% endif %}{{ note.title }}{% endblock main %}\n",
    );
    let r = d.build();
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[template-render]"), "{}", r.stderr);
    assert!(r.stderr.contains("templates/note.html"), "{}", r.stderr);
    assert_same_tree(&before, &d.public_tree());
    assert_eq!(hidden_entries(d.path()), Vec::<String>::new());
}

#[test]
fn a_folder_that_is_not_a_previous_site_is_never_replaced() {
    let d = Dossier::fixture("basic").write("stuff/keep.txt", "important\n");
    let r = d.run(&["build", "-o", "stuff"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("holds files that are not a site built by dossier"),
        "{}",
        r.stderr
    );
    assert_eq!(d.source_text("stuff/keep.txt"), "important\n");
    // An empty folder, and a previous build, are fine.
    std::fs::create_dir(d.path().join("empty")).unwrap();
    assert_eq!(d.run(&["build", "-o", "empty"]).code, 0);
    assert_eq!(d.run(&["build", "-o", "empty"]).code, 0);
}
