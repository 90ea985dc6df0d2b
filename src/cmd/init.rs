//! `dossier init DIR`: a new dossier that builds as it is, with the built-in default theme.

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

pub(crate) fn run(args: &InitArgs) -> Result<u8> {
    let dir = &args.dir;
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
    println!(
        "created a dossier in {}\nnext: cd {} && dossier serve   (a live preview; `dossier build` writes the site into public/)",
        dir.display(),
        dir.display()
    );
    Ok(EXIT_OK)
}

fn write(dir: &Path, rel: &str, text: &str) -> Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))
}
