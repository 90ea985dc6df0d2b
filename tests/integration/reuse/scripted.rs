//! Scripted edits: notes, sources, templates and config added, broken, moved and removed;
//! failed builds and build options.

use crate::support::note;

use super::{Engine, Lab, build_with};
use dossier::BuildOptions;

#[test]
fn scripted_edits() {
    let mut lab = Lab::new("basic");
    let p = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Announced the vote",
    );
    lab.good("edit a note", &[p]);

    // A note whose front matter is broken (an error pointing into it), then more notes
    // come before it so that its file id shifts.
    let p = lab.write(
        "content/people/zed.md",
        "---\ntitle: Zed\nkind: person\nbogus_key: 1\n---\n\nSee [[nowhere]].\n",
    );
    lab.fails(
        "add a note with a warning and an error",
        &[p],
        "link-unresolved",
    );
    let p = lab.write(
        "content/people/aaa.md",
        &note("Aaa", "person", "tags: [council]\n", "About [[clerk]]."),
    );
    lab.fails(
        "add a note before it (file ids shift)",
        &[p],
        "link-unresolved",
    );
    let p = lab.remove("content/people/aaa.md");
    lab.fails(
        "remove it again (file ids shift back)",
        &[p],
        "link-unresolved",
    );
    let p = lab.remove("content/people/zed.md");
    lab.good("remove the broken note", &[p]);

    // Sources: a warning (no sidecar), ids that shift.
    let p = lab.write("seeds/other.txt", "First line.\nSecond line.\n");
    lab.good("add a source without a sidecar", &[p]);
    let p = lab.write(
        "content/aaa.md",
        &note("First", "note", "", "Cites [@other, ¶2] and [@other, ¶9]."),
    );
    lab.fails(
        "add a note: the sources' file ids shift",
        &[p],
        "para-out-of-range",
    );
    let p = lab.write("seeds/other.yaml", "id: other\ntitle: Other\nbad_key: 1\n");
    lab.fails(
        "add the sidecar, with an unknown key in it (in a sidecar, an error)",
        &[p],
        "unknown-key",
    );
    let p = lab.remove("content/aaa.md");
    lab.fails(
        "remove the note: the sidecar's id shifts",
        &[p],
        "unknown-key",
    );
    let p = lab.write("seeds/other.yml", "id: other\ntitle: Other yml\n");
    lab.fails("add a .yml beside the .yaml", &[p], "unknown-key");
    let p = lab.remove("seeds/other.yaml");
    lab.good("remove the .yaml: the .yml is taken", &[p]);
    let ps = lab.rename("seeds/other.txt", "seeds/sub/other.txt");
    lab.good("move the source into a folder (its sidecar stays)", &ps);
    let ps = lab.rename("seeds/other.yml", "seeds/sub/other.yml");
    lab.good("move its sidecar too", &ps);
    let ps = lab.rename("seeds/sub/other.txt", "seeds/sub/other.md");
    lab.good("the source becomes markdown", &ps);

    // Templates.
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
    );
    lab.good("a template overridden", &[p]);
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ nope.nope }}</h1>{% endblock main %}\n",
    );
    lab.fails("a template that fails to render", &[p], "template-render");
    let p = lab.write(
        "content/aab.md",
        &note("Shift", "note", "", "Shifts the template ids."),
    );
    lab.fails("the failing template's id shifts", &[p], "template-render");
    let p = lab.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
    );
    lab.good("template fixed", &[p]);

    // Config.
    let p = lab.write(
        "dossier.yaml",
        "title: Basic fixture\nbase_url: https://example.org/sub/\nlanguage: en\n",
    );
    lab.good("base_url", &[p]);
    let p = lab.write("dossier.yaml", "title: Basic fixture\nlanguage: en\n");
    lab.good("base_url back", &[p]);
}

#[test]
fn failures_and_options() {
    let mut lab = Lab::new("basic");
    // A note that is not UTF-8: it takes no file id, so the ids of the later files shift.
    let p = lab.path("content/claims/aaa.md");
    std::fs::write(&p, b"---\ntitle: Bad \xff\nkind: note\n---\n").unwrap();
    lab.fails(
        "a note that is not UTF-8",
        std::slice::from_ref(&p),
        "file-not-utf8",
    );
    let p = lab.write(
        "content/claims/aaa.md",
        &note("Now fine", "note", "", "Cites [@report, ¶9]."),
    );
    lab.fails(
        "the note fixed, with an error in it",
        &[p],
        "para-out-of-range",
    );
    let p = lab.edit("content/claims/aaa.md", "¶9", "¶1");
    lab.good("the error fixed", &[p]);

    // A broken dossier.yaml: the build stops before reading anything.
    let p = lab.write("dossier.yaml", "title: [unclosed\n");
    lab.fails("broken config", &[p], "yaml-syntax");
    let q = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Noted the vote",
    );
    lab.fails(
        "an edit while the config is broken",
        std::slice::from_ref(&q),
        "yaml-syntax",
    );
    let p = lab.write("dossier.yaml", "title: Basic fixture\nlanguage: en\n");
    lab.good("config fixed", &[p]);

    // A template that does not compile.
    let p = lab.write("templates/tag.html", "{% if %}\n");
    lab.fails("a template that does not compile", &[p], "template-syntax");
    // (A slug of its own: the steps below are meant to build.)
    let q = lab.write(
        "content/people/abe.md",
        &note("Abe", "person", "tags: [council]\n", "About [[clerk]]."),
    );
    lab.fails("a note added while it does not", &[q], "template-syntax");
    let p = lab.remove("templates/tag.html");
    lab.good("the template removed", &[p]);

    // Drafts published, then not, with the same reuse.
    lab.set_opts(|o| o.drafts = true);
    lab.good("--drafts", &[]);
    let p = lab.edit("content/draft-idea.md", "secret-tag", "council");
    lab.good("a draft retagged, with --drafts", &[p]);
    lab.set_opts(|o| o.drafts = false);
    lab.good("without --drafts", &[]);
    let p = lab.edit("content/draft-idea.md", "draft: true", "draft: false");
    lab.good("the draft published", &[p]);

    // A base URL from the command line.
    lab.set_opts(|o| o.base_url = Some("https://example.net/x/".into()));
    lab.good("--base-url", &[]);
    lab.set_opts(|o| o.base_url = None);
    lab.good("no --base-url", &[]);

    // The watcher's paths, spelled otherwise.
    let p = lab.edit("content/people/clerk.md", "Noted the vote", "Saw the vote");
    let odd = lab.root.join("content/./people//clerk.md");
    assert_ne!(p.as_os_str(), odd.as_os_str());
    lab.good("a path spelled with ./ and //", &[odd]);

    // A symbolic link in place of a note, then the note again.
    let p = lab.path("content/people/abe.md");
    std::fs::remove_file(&p).unwrap();
    std::os::unix::fs::symlink(lab.path("content/people/clerk.md"), &p).unwrap();
    lab.good(
        "a note replaced by a symbolic link (a warning)",
        std::slice::from_ref(&p),
    );
    std::fs::remove_file(&p).unwrap();
    lab.good("the link removed", &[p]);
}

#[test]
fn a_reused_template_fails_in_a_file_whose_id_shifted() {
    let mut lab = Lab::new("basic");
    // Compiles, and renders until a tag `boom` exists.
    let p = lab.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}\n<h1>{{ tag.name }}</h1>\n{% if tag.name == \"boom\" %}{{ nope.x }}{% endif %}\n{% endblock main %}\n",
    );
    lab.good("a template that renders", &[p]);
    // A note added before every other file: every later file id shifts, and the template
    // (the same text, so reused) now fails.
    let p = lab.write(
        "content/aaa.md",
        &note("Aaa", "note", "tags: [boom]\n", "Boom."),
    );
    let s = lab.check("a note whose tag makes it fail", &[p]);
    assert!(
        !s.good(),
        "a note whose tag makes it fail: the build succeeded"
    );
    assert!(
        s.diags.contains("templates/tag.html:3:"),
        "the error points at the template:\n{}",
        s.diags
    );
}

/// A rebuild that takes the watcher's word for the listing does not walk `content/`: the
/// walk's warning about a symbolic link there must not be lost while the link is there.
#[test]
fn a_symbolic_link_keeps_its_warning_on_a_rebuild_told_what_changed() {
    let mut lab = Lab::new("basic");
    let link = lab.path("content/people/link.md");
    std::os::unix::fs::symlink(lab.path("content/people/clerk.md"), &link).unwrap();
    let s = lab.check("a symbolic link", std::slice::from_ref(&link));
    assert!(
        s.good() && s.diags.contains("warning[symlink-skipped]"),
        "a symbolic link: expected a good build with a warning:\n{}",
        s.diags
    );
    let p = lab.edit(
        "content/people/jane-doe.md",
        "The mayor.",
        "The mayor, again.",
    );
    lab.good("an edit elsewhere", &[p]);
}

/// The harness compares with a build through a one-shot engine handing pages to memory;
/// this checks that such a build writes what `pipeline::build` writes.
#[test]
fn a_build_into_memory_is_a_plain_build() {
    let lab = Lab::new("basic");
    let fresh = build_with(&mut Engine::one_shot(), &lab.opts);
    let out = tempfile::TempDir::new().unwrap();
    let site = out.path().join("site");
    let opts = BuildOptions {
        output: Some(site.clone()),
        ..lab.opts.clone()
    };
    let r = dossier::build(&opts).unwrap();
    assert!(r.stats.is_some());
    let pages = fresh.pages.unwrap();
    for (path, bytes) in &pages {
        assert_eq!(std::fs::read(site.join(path)).unwrap(), bytes[..], "{path}");
    }
    let written = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(written, pages.len() + fresh.statics.unwrap().len());
}
