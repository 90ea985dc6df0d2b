//! `dossier init DIR`: a new dossier that builds as it is, with the built-in default theme,
//! and the workflows that publish it on GitHub Pages and GitLab Pages, filled in with the
//! dossier they install (this one's version, from where `--dossier-git` says).

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::EXIT_OK;
use crate::cli::InitArgs;

/// The starter dossier: an example source, its sidecar, and notes citing it.
const FILES: &[(&str, &str)] = &[
    (
        "dossier.yaml",
        "title: My dossier\ndescription: An investigation, every statement cited to an archived source.\nbase_url: /\nlanguage: en\n",
    ),
    (".gitignore", "public/\n.dossier-cache/\n"),
    (
        "seeds/example-report.txt",
        "Example report: the council approved the contract\nThe city council approved the contract on Tuesday, the clerk said.\nThe mayor's office said the vote was \"routine\" and declined to comment further.\n",
    ),
    (
        "seeds/example-report.yaml",
        "id: example-report\ntitle: \"Example report: the council approved the contract\"\npublisher: Example publisher\nlanguage: en\nnotes: An invented example to show the format; replace it with a real archived source.\n",
    ),
    (
        "content/overview.md",
        "---\ntitle: Overview\nkind: note\nsummary: What this dossier covers and how to read it.\n---\n\nThis dossier starts from one archived source, the example report [@example-report], published by [[example-report-source|an example publisher]].\nThe [[the-council-approved-the-contract|claim]] and the [[mayors-office-response|response]] show the format.\n",
    ),
    (
        "content/organizations/city-council.md",
        "---\ntitle: City council\nkind: organization\naliases: [council]\n---\n\nThe council approved the contract, the clerk said [@example-report, ¶2].\n",
    ),
    (
        "content/organizations/mayors-office.md",
        "---\ntitle: Mayor's office\nkind: organization\n---\n\nIt called the vote routine [@example-report, ¶3]; see [[mayors-office-response]].\n",
    ),
    (
        "content/claims/the-council-approved-the-contract.md",
        "---\ntitle: The council approved the contract\nkind: claim\nclaimant: example-report-source\nsubjects: [city-council]\nstatus: reported\nsources:\n  - {source: example-report, para: 2, quote: \"approved the contract on Tuesday\"}\n---\n\nThe [[city-council|council]] approved the contract on Tuesday, according to the clerk [@example-report, ¶2].\n",
    ),
    (
        "content/responses/mayors-office-response.md",
        "---\ntitle: The mayor's office calls the vote routine\nkind: denial\nby: mayors-office\ndenies: [the-council-approved-the-contract]\nstance: declines-comment\nsources:\n  - {source: example-report, para: 3, quote: \"routine\"}\n---\n\nThe [[mayors-office|mayor's office]] called the vote \"routine\" and declined to comment further [@example-report, ¶3].\n",
    ),
    (
        "content/organizations/example-report-source.md",
        "---\ntitle: Example publisher\nkind: organization\n---\n\nThe publisher of the example report [@example-report, ¶1]; the [[overview]] says what the dossier covers.\n",
    ),
];

/// The publishing workflows, each with the host it publishes on: templates whose `@NAME@`
/// placeholders [`workflows`] fills in.
const WORKFLOWS: &[(&str, &str, &str)] = &[
    (
        ".github/workflows/pages.yml",
        "GitHub Pages",
        include_str!("init/github-pages.yml"),
    ),
    (
        ".gitlab-ci.yml",
        "GitLab Pages",
        include_str!("init/gitlab-ci.yml"),
    ),
];

/// The version of this `dossier`, which the workflows pin.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The oldest Rust that compiles it (`rust-version`), which the workflows install.
const RUST_VERSION: &str = env!("CARGO_PKG_RUST_VERSION");

pub(crate) fn run(args: &InitArgs) -> Result<u8> {
    let dir = &args.dir;
    let git = match &args.dossier_git {
        Some(url) => workflow_value(
            "--dossier-git",
            url,
            "give the URL of the git repository you install dossier from, such as `https://git.example.org/you/dossier.git`",
        )?,
        None => "",
    };
    let rev = workflow_value(
        "--dossier-rev",
        &args.dossier_rev,
        "give a tag or a commit of that repository, such as `v0.1.0`",
    )?;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "`{}` already exists and is not empty; nothing was written\nhelp: name a new folder",
            dir.display()
        );
    }
    for (rel, text) in FILES {
        write(dir, rel, text)?;
    }
    for (rel, text) in workflows(git, rev) {
        write(dir, rel, &text)?;
    }
    println!(
        "created a dossier in {}\nnext: cd {} && dossier serve   (a live preview; `dossier build` writes the site into public/)",
        dir.display(),
        dir.display()
    );
    let names = WORKFLOWS
        .iter()
        .map(|(rel, host, _)| format!("`{rel}` ({host})"))
        .collect::<Vec<_>>()
        .join(" and ");
    if git.is_empty() {
        println!(
            "publishing: {names} build the site with dossier {VERSION}, `{rev}` of the repository named by their DOSSIER_GIT\nbefore publishing: set DOSSIER_GIT in them to the git repository you install dossier from (or run `dossier init` with `--dossier-git URL`); see docs/publishing.md in dossier's repository"
        );
    } else {
        println!(
            "publishing: {names} build the site with dossier {VERSION}, `{rev}` of `{git}`; see docs/publishing.md in dossier's repository"
        );
    }
    Ok(EXIT_OK)
}

/// The publishing workflows, with this dossier's version, its Rust, and where to install it
/// from (`git` empty: the workflows stop and say to set it).
fn workflows(git: &str, rev: &str) -> Vec<(&'static str, String)> {
    let values = [
        ("@DOSSIER_VERSION@", VERSION),
        ("@RUST_VERSION@", RUST_VERSION),
        ("@DOSSIER_GIT@", git),
        ("@DOSSIER_REV@", rev),
    ];
    WORKFLOWS
        .iter()
        .map(|(rel, _, template)| (*rel, fill(template, &values)))
        .collect()
}

/// `template` with each placeholder replaced by its value, in one pass: a value is never
/// read again for placeholders.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((at, key, value)) = values
        .iter()
        .filter_map(|(key, value)| rest.find(key).map(|at| (at, *key, *value)))
        .min_by_key(|(at, _, _)| *at)
    {
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + key.len()..];
    }
    out.push_str(rest);
    out
}

/// A value of `option` that the workflows hold between double quotes in YAML, and their
/// shell reads from an environment variable. Refused: what would end the quotes (`"`, `\`),
/// what GitHub and GitLab would expand (`$`), white space and control characters (no URL or
/// git revision has them), and a leading `-` (cargo would read an option).
fn workflow_value<'a>(option: &str, value: &'a str, help: &str) -> Result<&'a str> {
    let why = if value.is_empty() {
        Some("is empty".to_string())
    } else if value.starts_with('-') {
        Some("starts with `-`".to_string())
    } else {
        value
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\\' | '$'))
            .map(|c| {
                format!(
                    "has `{}`, which the workflows cannot hold",
                    c.escape_debug()
                )
            })
    };
    match why {
        Some(why) => bail!(
            "`{option}` `{}` {why}; nothing was written\nhelp: {help}",
            value.escape_debug()
        ),
        None => Ok(value),
    }
}

fn write(dir: &Path, rel: &str, text: &str) -> Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_placeholder_once_and_never_inside_a_value() {
        let values = [("@A@", "x@B@"), ("@B@", "y")];
        assert_eq!(
            fill("uses: a@v1 @A@ @B@ @A@", &values),
            "uses: a@v1 x@B@ y x@B@"
        );
    }

    #[test]
    fn the_workflows_keep_no_placeholder() {
        assert!(!VERSION.is_empty() && !RUST_VERSION.is_empty());
        for (rel, text) in workflows("https://git.example.org/d.git", "v1") {
            for key in [
                "@DOSSIER_VERSION@",
                "@RUST_VERSION@",
                "@DOSSIER_GIT@",
                "@DOSSIER_REV@",
            ] {
                assert!(!text.contains(key), "{rel}: {key}");
            }
            assert!(
                text.contains(&format!("DOSSIER_VERSION: \"{VERSION}\"")),
                "{rel}"
            );
        }
    }

    #[test]
    fn a_workflow_value_that_yaml_or_the_shell_would_read_otherwise_is_refused() {
        for ok in [
            "https://git.example.org/a/b.git",
            "ssh://git@git.example.org:2222/a/b.git#x",
            "v0.1.0",
        ] {
            assert_eq!(workflow_value("--x", ok, "h").ok(), Some(ok));
        }
        for bad in ["", "-x", "a b", "a\"b", "a\\b", "${{ secrets.X }}", "a\nb"] {
            assert!(workflow_value("--x", bad, "h").is_err(), "{bad:?}");
        }
    }
}
