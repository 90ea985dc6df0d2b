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

#[path = "../../benches/support/corpus.rs"]
mod corpus;

/// A build of 2,000 notes killed at twenty moments, from its first page to its swap: each
/// time `public/` is the previous site or the new one, whole, never a mix; and the next
/// build leaves nothing of the killed one beside it.
#[test]
fn a_killed_build_leaves_the_previous_site_or_the_new_one() {
    let d = Dossier::empty();
    let c = corpus::Corpus {
        notes: 2000,
        seed: 7,
    };
    for f in corpus::dossier_files(&c) {
        let p = d.path().join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.text).unwrap();
    }
    let public = d.path().join("public");
    // Two sites: the previous one, and the new one an edit makes.
    let started = std::time::Instant::now();
    assert_eq!(d.build().code, 0);
    let full = started.elapsed();
    let previous = snapshot_tree(&public);
    let first = d.path().join("content").join(corpus::note_rel(0));
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, format!("{text}\nAn edit the new site shows.\n")).unwrap();
    let (mut old_seen, mut new_seen) = (0, 0);
    let mut new: Option<Vec<(String, Vec<u8>)>> = None;
    for k in 0..20u32 {
        // From just after the start to past the end of a build, spread evenly.
        let at = full.mul_f64(0.1 + 1.1 * f64::from(k) / 20.0);
        let mut child = std::process::Command::new(BIN)
            .arg("build")
            .current_dir(d.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot_tree(&public);
        if now == previous {
            old_seen += 1;
        } else {
            let whole = new.get_or_insert_with(|| {
                // The new site, as a build that is not killed makes it, for comparison.
                let other = tempfile::TempDir::new().unwrap();
                let out = other.path().join("site");
                let r = run_in(d.path(), &["build", "-o", out.to_str().unwrap()]);
                assert_eq!(r.code, 0, "{}", r.stderr);
                snapshot_tree(&out)
            });
            assert!(
                now == *whole,
                "kill {k} after {at:?} ({status}): public/ is neither the previous site nor the new one"
            );
            new_seen += 1;
        }
        // Whatever it left beside `public/`, the next build clears; the site stays as it is.
        if k % 5 == 4 {
            let r = d.build();
            assert_eq!(r.code, 0, "{}", r.stderr);
            let left: Vec<String> = std::fs::read_dir(d.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".public."))
                .collect();
            assert!(left.is_empty(), "left beside public/: {left:?}");
        }
    }
    assert!(
        old_seen > 0,
        "no kill came early enough to leave the previous site"
    );
    assert!(new_seen + old_seen == 20);
}

/// The size of a folder's files.
fn bytes_in(dir: &std::path::Path) -> u64 {
    snapshot_tree(dir).iter().map(|(_, b)| b.len() as u64).sum()
}

/// A disk that fills up while the site is written: a clear error naming the file it could
/// not write, and the previous site as it was, with nothing left beside it. (A small
/// tmpfs, mounted for the test: it needs the right to mount, which root has.)
#[test]
fn a_full_disk_leaves_the_previous_site_intact() {
    let d = Dossier::bundled();
    let mnt = tempfile::TempDir::new().unwrap();
    let m = mnt.path().to_str().unwrap().to_string();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs", &m])
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("\n*** SKIPPED: full-disk test: cannot mount a tmpfs here (it needs root) ***\n");
        return;
    }
    struct Unmount(String);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(m.clone());
    let site = mnt.path().join("site");
    let r = run_in(d.path(), &["build", "-o", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let previous = snapshot_tree(&site);
    // Room for the previous site and a little: not for a second copy.
    let room = bytes_in(&site) + 600 * 1024;
    let ok = std::process::Command::new("mount")
        .args(["-o", &format!("remount,size={room}"), &m])
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "remount");
    let r = run_in(d.path(), &["build", "-o", site.to_str().unwrap()]);
    assert_ne!(r.code, 0, "the build must fail on a full disk");
    assert!(r.stderr.contains("error: cannot write `"), "{}", r.stderr);
    assert!(r.stderr.contains("the previous site in `"), "{}", r.stderr);
    assert!(r.stderr.contains("No space left on device"), "{}", r.stderr);
    assert_eq!(
        snapshot_tree(&site),
        previous,
        "the previous site must be intact"
    );
    let left: Vec<String> = std::fs::read_dir(mnt.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site")
        .collect();
    assert!(left.is_empty(), "left beside the site: {left:?}");
}
