//! The publishing workflows `dossier init` writes (the issue on publishing): GitHub Pages'
//! and GitLab Pages', read as YAML the way their hosts read them, pinned to this dossier.

use serde_yaml::Value;

use crate::support::*;

const GITHUB: &str = ".github/workflows/pages.yml";
const GITLAB: &str = ".gitlab-ci.yml";

/// The same package as the binary: the version `init` must pin.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `dossier init mine ARGS` in a new folder, asserting success.
fn init(args: &[&str]) -> (Dossier, Run) {
    let d = Dossier::empty();
    let r = d.run(&[&["init", "mine"][..], args].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    (d, r)
}

fn yaml(d: &Dossier, rel: &str) -> Value {
    let text = d.source_text(&format!("mine/{rel}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}\n{text}"))
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

/// Every step of every job of a GitHub workflow, with its job's name.
fn steps(workflow: &Value) -> Vec<(String, &Value)> {
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    let mut out = Vec::new();
    for (name, job) in jobs {
        for step in job["steps"].as_sequence().expect("steps") {
            out.push((str_of(name).to_string(), step));
        }
    }
    out
}

/// The index of the one step whose `run` satisfies `f`.
fn step_running(steps: &[(String, &Value)], what: &str, f: impl Fn(&str) -> bool) -> usize {
    let found: Vec<usize> = (0..steps.len())
        .filter(|&i| steps[i].1["run"].as_str().is_some_and(&f))
        .collect();
    assert_eq!(found.len(), 1, "steps that {what}: {found:?}");
    found[0]
}

#[test]
fn init_writes_a_github_pages_workflow_that_publishes_public_with_this_dossier() {
    let (d, r) = init(&[]);
    let w = yaml(&d, GITHUB);

    // It runs on a push to a named branch, and by hand.
    let branches = w["on"]["push"]["branches"].as_sequence().expect("branches");
    assert!(!branches.is_empty());
    assert!(w["on"].get("workflow_dispatch").is_some(), "{:?}", w["on"]);
    // What deploy-pages needs, and one deployment at a time.
    assert_eq!(str_of(&w["permissions"]["pages"]), "write");
    assert_eq!(str_of(&w["permissions"]["id-token"]), "write");
    assert_eq!(str_of(&w["concurrency"]["group"]), "pages");

    // Pinned to this dossier; where to install it from is left for the user to say.
    let env = &w["env"];
    assert_eq!(str_of(&env["DOSSIER_VERSION"]), VERSION);
    assert_eq!(str_of(&env["DOSSIER_REV"]), format!("v{VERSION}"));
    assert_eq!(str_of(&env["DOSSIER_GIT"]), "");

    let steps = steps(&w);
    let guard = step_running(&steps, "stop on an empty DOSSIER_GIT", |run| {
        run.contains("if [ -z \"$DOSSIER_GIT\" ]") && run.contains("exit 1")
    });
    assert!(
        str_of(&steps[guard].1["run"]).contains(
            "set DOSSIER_GIT in .github/workflows/pages.yml to the git repository you install dossier from; see docs/publishing.md"
        ),
        "{:?}",
        steps[guard].1
    );
    let install = step_running(&steps, "install dossier", |run| {
        run.contains("cargo install")
    });
    let install_run = str_of(&steps[install].1["run"]);
    for part in [
        "--locked",
        "--git \"$DOSSIER_GIT\"",
        "--rev \"$DOSSIER_REV\"",
        " dossier",
    ] {
        assert!(install_run.contains(part), "{install_run}");
    }
    let version = step_running(&steps, "check the installed version", |run| {
        run.contains("\"dossier $DOSSIER_VERSION\"")
    });
    let check = step_running(&steps, "check the dossier", |run| run == "dossier check");
    let build = step_running(&steps, "build the site", |run| {
        run.contains("dossier build") && run.contains("--base-url")
    });
    // The Pages URL comes from configure-pages (a project site lives under a sub-path).
    let pages_url = str_of(&steps[build].1["env"]["PAGES_URL"]);
    assert_eq!(pages_url, "${{ steps.pages.outputs.base_url }}");
    let build_run = str_of(&steps[build].1["run"]);
    assert!(
        build_run.contains("dossier build --base-url \"${PAGES_URL%/}/\""),
        "{build_run}"
    );
    let uses = |prefix: &str| -> Vec<usize> {
        (0..steps.len())
            .filter(|&i| {
                steps[i].1["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with(prefix))
            })
            .collect()
    };
    let configure = uses("actions/configure-pages@");
    assert_eq!(configure.len(), 1);
    assert_eq!(str_of(&steps[configure[0]].1["id"]), "pages");
    let upload = uses("actions/upload-pages-artifact@");
    assert_eq!(upload.len(), 1);
    assert_eq!(str_of(&steps[upload[0]].1["with"]["path"]), "public");
    let deploy = uses("actions/deploy-pages@");
    assert_eq!(deploy.len(), 1);
    assert_eq!(
        str_of(&w["jobs"][steps[deploy[0]].0.as_str()]["environment"]["name"]),
        "github-pages"
    );
    // In this order, the guard before anything slow.
    assert!(guard < install && install < version && version < check && check < build);
    assert!(configure[0] < build && build < upload[0] && upload[0] < deploy[0]);
    assert_eq!(
        steps[build].0, steps[upload[0]].0,
        "one job builds and uploads"
    );
    // Every action pinned to a major version.
    for (_, step) in &steps {
        if let Some(u) = step["uses"].as_str() {
            let (_, v) = u.split_once("@v").unwrap_or_else(|| panic!("{u}"));
            assert!(v.parse::<u32>().is_ok(), "{u}");
        }
    }

    // `init` says what it wrote and what is left to do.
    for part in [GITHUB, GITLAB, "set DOSSIER_GIT", "docs/publishing.md"] {
        assert!(r.stdout.contains(part), "no `{part}` in:\n{}", r.stdout);
    }
}

#[test]
fn init_writes_a_gitlab_pages_job_that_keeps_public() {
    let (d, _) = init(&[]);
    let ci = yaml(&d, GITLAB);
    let vars = &ci["variables"];
    assert_eq!(str_of(&vars["DOSSIER_VERSION"]), VERSION);
    assert_eq!(str_of(&vars["DOSSIER_REV"]), format!("v{VERSION}"));
    assert_eq!(str_of(&vars["DOSSIER_GIT"]), "");

    let job = &ci["pages"];
    assert!(
        str_of(&job["image"]).starts_with("rust:"),
        "{:?}",
        job["image"]
    );
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .expect("script")
        .iter()
        .map(str_of)
        .collect();
    let at = |what: &str, f: &dyn Fn(&str) -> bool| -> usize {
        let found: Vec<usize> = (0..script.len()).filter(|&i| f(script[i])).collect();
        assert_eq!(found.len(), 1, "lines that {what}: {script:#?}");
        found[0]
    };
    let guard = at("stop on an empty DOSSIER_GIT", &|l| {
        l.contains("if [ -z \"$DOSSIER_GIT\" ]")
            && l.contains("set DOSSIER_GIT in .gitlab-ci.yml")
            && l.contains("exit 1")
    });
    let install = at("install dossier", &|l| {
        l.contains(
            "cargo install --locked --force --git \"$DOSSIER_GIT\" --rev \"$DOSSIER_REV\" dossier",
        )
    });
    let build = at("build the site", &|l| {
        l.contains("dossier build --base-url \"${CI_PAGES_URL%/}/\"")
    });
    let check = at("check the dossier", &|l| l == "dossier check");
    assert!(guard < install && install < check && check < build);
    let paths = job["artifacts"]["paths"].as_sequence().expect("paths");
    assert!(
        paths.iter().any(|p| p.as_str() == Some("public")),
        "{paths:?}"
    );
    // Only the default branch publishes.
    let rules = job["rules"].as_sequence().expect("rules");
    assert!(
        rules.iter().any(|r| r["if"]
            .as_str()
            .is_some_and(|c| c.contains("$CI_DEFAULT_BRANCH"))),
        "{rules:?}"
    );
}

#[test]
fn dossier_git_and_rev_land_in_both_workflows_as_written() {
    // Characters YAML gives a meaning to outside quotes: `#`, `:`, `'`, `&`, `*`, `[`, `{`, `!`, `%`, `@`.
    let url = "ssh://git@git.example.org:2222/it's/&a*[b]{c}!%40.git#x";
    let (d, r) = init(&["--dossier-git", url, "--dossier-rev", "0123abc"]);
    let gh = yaml(&d, GITHUB);
    let gl = yaml(&d, GITLAB);
    for vars in [&gh["env"], &gl["variables"]] {
        assert_eq!(str_of(&vars["DOSSIER_GIT"]), url);
        assert_eq!(str_of(&vars["DOSSIER_REV"]), "0123abc");
        assert_eq!(str_of(&vars["DOSSIER_VERSION"]), VERSION);
    }
    assert!(r.stdout.contains(url), "{}", r.stdout);
    assert!(!r.stdout.contains("set DOSSIER_GIT"), "{}", r.stdout);
}

#[test]
fn a_dossier_git_the_workflows_cannot_hold_is_refused_and_nothing_is_written() {
    for (bad, why) in [
        ("https://example.org/\"x", "has `\\\"`"),
        ("https://example.org/${{ secrets.TOKEN }}", "has `$`"),
        ("https://example.org/a b", "has ` `"),
        ("--upload-pack=x", "starts with `-`"),
        ("", "is empty"),
    ] {
        let d = Dossier::empty();
        let r = d.run(&["init", "mine", &format!("--dossier-git={bad}")]);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
        assert!(r.stderr.contains("\nhelp: "), "{}", r.stderr);
        assert!(!d.path().join("mine").exists(), "{bad}");
    }
    let d = Dossier::empty();
    let r = d.run(&["init", "mine", "--dossier-rev", "v1\nx"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!d.path().join("mine").exists());
}

#[test]
fn the_workflows_are_neither_content_nor_published() {
    let (d, _) = init(&[]);
    let root = d.path().join("mine");
    for rel in [GITHUB, GITLAB] {
        assert!(root.join(rel).is_file(), "{rel}");
    }
    let r = run_in(&root, &["check"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stdout);
    let r = run_in(&root, &["build"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stdout);
    let with = snapshot_tree(&root.join("public"));
    for (rel, bytes) in &with {
        assert!(!rel.contains("github") && !rel.contains("gitlab") && !rel.contains(".yml"));
        assert!(
            !String::from_utf8_lossy(bytes).contains("DOSSIER_GIT"),
            "{rel}"
        );
    }
    // The site is the same without them.
    std::fs::remove_dir_all(root.join(".github")).unwrap();
    std::fs::remove_file(root.join(GITLAB)).unwrap();
    let r = run_in(&root, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_same_tree(&with, &snapshot_tree(&root.join("public")));
}
