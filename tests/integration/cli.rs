//! The command line: help, `init`, `new`, file names and encodings, the output folder, and
//! a dossier's own templates and static files.

use crate::support::*;

// Help.

#[test]
fn help_lists_the_commands() {
    let r = run_in(&fixtures(), &["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for command in ["build", "check", "serve", "init", "new"] {
        assert!(
            r.stdout.contains(&format!("\n  {command} ")),
            "no `{command}` in:\n{}",
            r.stdout
        );
    }
}

#[test]
fn each_command_has_help_naming_its_options() {
    let cases: &[(&str, &[&str])] = &[
        (
            "build",
            &[
                "--root <DIR>",
                "--drafts",
                "--message-format",
                "-o, --output <DIR>",
                "--base-url <URL>",
            ],
        ),
        (
            "check",
            &[
                "--root <DIR>",
                "--drafts",
                "--message-format",
                "--external",
                "--external-max-age <DAYS>",
            ],
        ),
        (
            "serve",
            &[
                "--root <DIR>",
                "--drafts",
                "--bind <ADDR>",
                "--port <PORT>",
                "--open",
            ],
        ),
        (
            "init",
            &["<DIR>", "--dossier-git <URL>", "--dossier-rev <REV>"],
        ),
        ("new", &["<KIND>", "<TITLE>", "--root <DIR>"]),
    ];
    for (command, options) in cases {
        let r = run_in(&fixtures(), &[command, "--help"]);
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        for option in *options {
            assert!(
                r.stdout.contains(option),
                "`{command} --help` does not mention `{option}`:\n{}",
                r.stdout
            );
        }
    }
}

#[test]
fn unknown_option_is_a_usage_error() {
    let r = run_in(&fixtures(), &["build", "--no-such-option"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--no-such-option"), "{}", r.stderr);
}

// `init`.

#[test]
fn init_creates_a_dossier_that_builds_cleanly() {
    let d = Dossier::empty();
    let r = d.run(&["init", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = d.path().join("mine");
    assert!(root.join("dossier.yaml").is_file());
    // What dossier makes is never committed: the site and the external links' cache.
    let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert_eq!(
        ignored.lines().collect::<Vec<_>>(),
        ["public/", ".dossier-cache/"]
    );
    let r = run_in(&root, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "", "a new dossier builds without warnings");
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/claims-vs-denials/index.html").is_file());
}

#[test]
fn init_into_a_non_empty_folder_writes_nothing() {
    let d = Dossier::empty().write("mine/notes.txt", "mine\n");
    let before = snapshot_tree(d.path());
    let r = d.run(&["init", "mine"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    assert_same_tree(&before, &snapshot_tree(d.path()));
}

#[test]
fn init_into_an_empty_folder_is_fine() {
    let d = Dossier::empty();
    std::fs::create_dir(d.path().join("mine")).unwrap();
    assert_eq!(d.run(&["init", "mine"]).code, 0);
    assert!(d.path().join("mine/dossier.yaml").is_file());
}

// `new`.

#[test]
fn new_claim_creates_a_note_with_the_claim_keys() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["new", "claim", "Some Title"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("content/claims/some-title.md"),
        "{}",
        r.stdout
    );
    let text = d.source_text("content/claims/some-title.md");
    assert!(
        text.starts_with("---\ntitle: \"Some Title\"\nkind: claim\n"),
        "{text}"
    );
    for key in [
        "\nclaimant:",
        "\nsubjects:",
        "\nstatus:",
        "\nsources:",
        "\n---\n",
    ] {
        assert!(text.contains(key), "no `{key}` in:\n{text}");
    }
}

#[test]
fn a_new_note_left_as_written_is_a_warning_until_its_text_is_replaced() {
    let d = Dossier::fixture("basic");
    assert_eq!(d.run(&["new", "person", "The Mayor"]).code, 0);
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[placeholder-text]: the note still has the text `dossier new` wrote in it, which would be published"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(" --> content/people/the-mayor.md:11:1\n"),
        "{}",
        r.stderr
    );
    let d = d.edit(
        "content/people/the-mayor.md",
        crate::support::NEW_NOTE_TEXT,
        "The mayor [@report, ¶3].",
    );
    let r = d.build();
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn new_in_another_folder_with_root() {
    let d = Dossier::empty();
    assert_eq!(d.run(&["init", "x"]).code, 0);
    let r = d.run(&["new", "person", "Жанна Доу", "--root", "x"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = d.source_text("x/content/people/zhanna-dou.md");
    assert!(text.contains("kind: person\n"), "{text}");
}

#[test]
fn new_refuses_to_overwrite() {
    let d = Dossier::fixture("basic");
    assert_eq!(d.run(&["new", "claim", "Some Title"]).code, 0);
    let rel = "content/claims/some-title.md";
    let d = d.edit(rel, "Write the note here", "My own words.");
    let r = d.run(&["new", "claim", "Some Title"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert!(d.source_text(rel).contains("My own words."));
}

#[test]
fn new_with_an_unknown_kind_suggests_one() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["new", "persn", "X"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `person`"), "{}", r.stderr);
    assert!(!d.path().join("content/persns").exists());
}

// File names and encodings.

#[test]
fn cyrillic_file_name_gets_a_romanised_slug() {
    let d = Dossier::fixture("basic")
        .write(
            "content/Кремль.md",
            &note("Кремль", "organization", "", "The Kremlin."),
        )
        .built();
    assert_eq!(d.page("kreml/index.html").text("main h1"), "Кремль");
    assert!(
        d.page("organizations/index.html")
            .hrefs(".listing a")
            .contains(&"/kreml/".to_string())
    );
}

#[test]
fn bom_and_crlf_line_endings_are_accepted() {
    let d = Dossier::fixture("basic")
        .write(
            "content/notes/windows.md",
            "\u{feff}---\r\ntitle: Saved on Windows\r\nkind: note\r\ndate: 2024-03\r\ntags: [council]\r\n---\r\n\r\nSee [[jane-doe]] [@report, ¶1].\r\n\r\n## Later\r\n\r\nMore.\r\n",
        )
        .write(
            "dossier.yaml",
            "\u{feff}title: Basic fixture\r\nlanguage: en\r\n",
        );
    let r = d.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let page = d.page("windows/index.html");
    assert_eq!(page.text("main h1"), "Saved on Windows");
    assert_eq!(page.text(".note-header time"), "March 2024");
    assert_eq!(page.hrefs(".note-body p > a"), ["/jane-doe/"]);
    assert_eq!(page.text(".note-body h2#later"), "Later");
    assert_eq!(page.hrefs(".references li > a"), ["/sources/report/#p1"]);
    assert!(!d.read("windows/index.html").contains('\u{feff}'));
}

// The output folder.

#[test]
fn output_option_writes_there_and_only_there() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["build", "-o", "site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(d.path().join("site/index.html").is_file());
    assert!(d.path().join("site/clerk/index.html").is_file());
    assert!(!d.exists(""), "public/ was written too");
}

#[test]
fn output_into_the_dossier_root_is_refused() {
    let d = Dossier::fixture("basic");
    let before = snapshot_tree(d.path());
    for out in [".", "./"] {
        let r = d.run(&["build", "-o", out]);
        assert_eq!(r.code, 2, "-o {out}: {}", r.stderr);
        assert!(
            r.stderr.contains("contains the dossier itself"),
            "{}",
            r.stderr
        );
        assert_same_tree(&before, &snapshot_tree(d.path()));
    }
}

#[test]
fn output_into_another_dossier_is_refused() {
    let d = Dossier::fixture("basic").write("other/dossier.yaml", "title: Other\n");
    let r = d.run(&["build", "-o", "other"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("holds a dossier's files"), "{}", r.stderr);
    assert_eq!(d.source_text("other/dossier.yaml"), "title: Other\n");
}

#[test]
fn output_into_the_dossiers_own_folders_is_refused() {
    for out in ["content", "seeds", "content/people", "templates", "static"] {
        let d = Dossier::fixture("basic")
            .write("templates/extra.html", "x")
            .write("static/extra.css", "x");
        let before = snapshot_tree(d.path());
        let r = d.run(&["build", "-o", out]);
        assert_eq!(r.code, 2, "-o {out}: {}", r.stderr);
        assert_same_tree(&before, &snapshot_tree(d.path()));
    }
}

// A dossier's own templates and static files.

#[test]
fn dossier_template_replaces_the_built_in_one() {
    let d = Dossier::fixture("basic")
        .write(
            "templates/note.html",
            "{% extends \"base.html\" %}\n{% block main %}<h1 class=\"mine\">Mine: {{ note.title }}</h1>{% endblock %}\n",
        )
        .built();
    let page = d.page("clerk/index.html");
    assert_eq!(page.text("main h1.mine"), "Mine: The clerk");
    assert!(page.select("main .note-body").is_empty());
    // Other pages keep the built-in templates.
    assert_eq!(
        d.page("sources/report/index.html")
            .select("ol.paragraphs")
            .len(),
        1
    );
}

#[test]
fn dossier_static_files_are_copied() {
    let d = Dossier::fixture("basic")
        .write("static/extra.css", "body { color: black; }\n")
        .write("static/img/logo.svg", "<svg/>\n")
        .built();
    assert_eq!(d.read("extra.css"), "body { color: black; }\n");
    assert_eq!(d.read("img/logo.svg"), "<svg/>\n");
    assert!(d.exists("style.css"), "the theme's files are still there");
}

#[test]
fn new_refuses_a_title_whose_slug_is_a_page_of_the_site() {
    let d = Dossier::fixture("basic");
    let r = d.run(&["new", "person", "Sources"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the slug `sources` is a page of the site"),
        "{}",
        r.stderr
    );
    assert!(!d.path().join("content/people/sources.md").exists());
}
