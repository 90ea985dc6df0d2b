//! Adversarial sequences from a review of the engine: files that stop and start being
//! readable, a note others link to becoming unreadable, drafts toggled, a missing theme,
//! tags' first-written names, notes that are nothing but edge cases, a save that keeps a
//! file's size and time, and many notes coming and going.

use crate::support::note;

use super::{Lab, settle};

fn bytes(lab: &Lab, rel: &str, b: &[u8]) -> std::path::PathBuf {
    let p = lab.path(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, b).unwrap();
    settle(&p);
    p
}

#[test]
fn note_utf8_flip() {
    let mut lab = Lab::new("basic");
    let zz = note(
        "Zed",
        "person",
        "tags: [council]\n",
        "Zed [@report, ¶1] and [[clerk]].",
    );
    let p = lab.write("content/people/zz.md", &zz);
    let q = lab.edit(
        "content/people/clerk.md",
        "Reported the vote",
        "Reported [[zz]] the vote",
    );
    lab.good("add zz, linked from clerk", &[p, q]);
    let p = bytes(
        &lab,
        "content/people/zz.md",
        b"---\ntitle: Zed \xff\nkind: person\n---\n",
    );
    lab.check("zz not utf8", &[p]);
    let p = lab.write("content/people/zz.md", &zz);
    lab.good("zz back, same text", &[p]);
    let p = bytes(&lab, "content/people/zz.md", b"\xff");
    lab.check("zz not utf8 again", &[p]);
    let p = lab.remove("content/people/zz.md");
    lab.check("zz removed", &[p]);
    let p = lab.write("content/people/zz.md", &zz);
    lab.good("zz back again", &[p]);
    let p = lab.write(
        "content/people/zz.md",
        "---\ntitle: [unclosed\nkind: person\n---\nx\n",
    );
    lab.check("zz bad yaml", &[p]);
    let p = lab.write("content/people/zz.md", &zz);
    lab.good("zz back 3", &[p]);
}

#[test]
fn source_utf8_flip() {
    let mut lab = Lab::new("basic");
    let text = lab.read("seeds/report.txt");
    let p = bytes(&lab, "seeds/report.txt", b"Council \xff\n");
    lab.check("source not utf8", &[p]);
    let p = lab.write("seeds/report.txt", &text);
    lab.good("source back", &[p]);
    let side = lab.read("seeds/report.yaml");
    let p = lab.write("seeds/report.yaml", "id: [unclosed\n");
    lab.check("sidecar bad yaml", &[p]);
    let p = lab.write("seeds/report.yaml", &side);
    lab.good("sidecar back", &[p]);
    let p = lab.remove("seeds/report.yaml");
    lab.check("sidecar removed", &[p]);
    let p = lab.write("seeds/report.yaml", &side);
    lab.good("sidecar back 2", &[p]);
    let p = lab.remove("seeds/report.txt");
    lab.check("source removed", &[p]);
    let p = lab.write("seeds/report.txt", &text);
    lab.good("source back 2", &[p]);
}

#[test]
fn unreadable_linked_note_and_drafts() {
    let mut lab = Lab::new("basic");
    let jane = lab.read("content/people/jane-doe.md");
    let p = lab.write(
        "content/people/jane-doe.md",
        "---\ntitle: Jane Doe\nkind: person\naliases: [Doe, Mayor Doe\n---\nx\n",
    );
    lab.check("jane unreadable", &[p]);
    lab.set_opts(|o| o.drafts = true);
    lab.check("jane unreadable, drafts", &[]);
    let p = lab.write("content/people/jane-doe.md", &jane);
    lab.good("jane back, drafts", &[p]);
    let p = lab.edit(
        "content/people/jane-doe.md",
        "kind: person",
        "kind: person\ndraft: true",
    );
    lab.check("jane draft, drafts", &[p]);
    lab.set_opts(|o| o.drafts = false);
    lab.check("jane draft, no drafts", &[]);
    let p = lab.write("content/people/jane-doe.md", &jane);
    lab.good("jane back", &[p]);
    let p = lab.remove("content/people/jane-doe.md");
    lab.check("jane removed", &[p]);
    let p = lab.write("content/people/jane-doe.md", &jane);
    lab.good("jane back again", &[p]);
}

#[test]
fn theme_folder() {
    let mut lab = Lab::new("basic");
    let p = lab.write(
        "dossier.yaml",
        "title: Basic fixture\nlanguage: en\ntheme: mine\n",
    );
    lab.check("theme missing", &[p]);
    let p = lab.write(
        "content/x.md",
        &note("X", "note", "tags: [council]\n", "[[clerk]]"),
    );
    lab.check("edit while theme missing", &[p]);
    let p = lab.write("dossier.yaml", "title: Basic fixture\nlanguage: en\n");
    lab.good("theme back", &[p]);
}

#[test]
fn tags_first_name() {
    let mut lab = Lab::new("basic");
    let p = lab.write(
        "content/aa.md",
        &note("Aa", "note", "tags: [Council]\n", "x"),
    );
    lab.good("a note with Council first", &[p]);
    let p = lab.edit(
        "content/aa.md",
        "tags: [Council]",
        "draft: true\ntags: [Council]",
    );
    lab.good("it becomes a draft", &[p]);
    lab.set_opts(|o| o.drafts = true);
    lab.good("drafts", &[]);
    let p = lab.remove("content/aa.md");
    lab.good("removed", &[p]);
}

#[test]
fn pathological_inputs() {
    let mut lab = Lab::new("basic");
    let cases: &[&str] = &[
        "---\ntitle: \"\"\nkind: note\n---\n\nx\n",
        "---\ntitle: T\nkind: note\ntags: [\"\", \"!!!\", \"-\"]\n---\n\nx\n",
        "---\ntitle: T\nkind: note\nslug: \"\"\n---\n\nx\n",
        "---\ntitle: T\nkind: note\naliases: [\"\", \" \"]\n---\n\n[[ ]] [[#]] [[|x]] [[#x]] [[]]\n",
        "---\ntitle: T\nkind: note\n---\n\n[@, ¶1] [@report, ¶0] [@report, ¶2-1] [@report, ¶99999999999]\n",
        "---\ntitle: T\nkind: note\nsources:\n  - {source: report, para: 1-4, quote: \"\"}\n---\n\n«» [@report, ¶1]\n",
        "---\ntitle: T\nkind: claim\nclaimant: \"\"\nsubjects: [\"\"]\nstatus: reported\n---\n\nx\n",
        "---\ntitle: T\nkind: denial\nby: t\ndenies: [t]\nstance: denies\n---\n\nx\n",
        "---\n---\n",
        "---\ntitle: T\nkind: note\n---\n\n[a](../../../../x.md) [b](./) [c](.md) [d](/abs.md)\n",
        "\u{feff}---\ntitle: T\nkind: note\n---\n\n«approved the contract» [@report, ¶2] «» \n",
    ];
    for (i, c) in cases.iter().enumerate() {
        let p = lab.write("content/zz/t.md", c);
        lab.check(&format!("case {i}"), &[p]);
        let p = lab.write("content/zz/t.md", &note("Fine", "note", "", "x"));
        lab.good(&format!("case {i} mended"), &[p]);
    }
}

/// A save that keeps the size and the modification time (`cp -p`, `rsync -t`, `touch -r`,
/// a one-letter fix within a second): the watcher names the file, and the note is read
/// whatever its size and time say. (An engine not told what changed cannot know, as Git
/// cannot: this compares only the one told, as `serve` is.)
#[test]
fn a_note_the_watcher_names_is_read_though_its_size_and_time_are_kept() {
    let lab = Lab::new("basic");
    let opts = lab.opts.clone();
    let mut engine = dossier::Engine::keeping();
    assert!(super::build_with(&mut engine, &opts).good());
    let p = lab.path("content/people/clerk.md");
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    let was = lab.read("content/people/clerk.md");
    let text = was.replace("Reported the vote", "Rejected the vote");
    assert_eq!(text.len(), was.len());
    std::fs::write(&p, &text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(before)
        .unwrap();
    engine.changed([p]);
    let told = super::build_with(&mut engine, &opts);
    let page = |s: &super::Snapshot| {
        String::from_utf8_lossy(&s.pages.as_ref().unwrap()["clerk/index.html"]).into_owned()
    };
    assert!(page(&told).contains("Rejected the vote"), "{}", page(&told));
}

#[test]
fn dependents_accounting() {
    let mut lab = Lab::new("basic");
    for i in 0..300 {
        let p = if i % 2 == 0 {
            lab.write(
                "content/zz/n.md",
                &note("N", "note", "tags: [council]\n", "[[clerk]] [@report, ¶1]"),
            )
        } else {
            lab.remove("content/zz/n.md")
        };
        lab.good(&format!("toggle {i}"), &[p]);
    }
}
