//! `dossier new KIND "TITLE"`: a note file with the right front matter for its kind.

use anyhow::{Context as _, Result, bail};

use crate::EXIT_OK;
use crate::cli::NewArgs;
use crate::diag::did_you_mean;
use crate::parse::Kind;
use crate::slug::slugify;

pub(crate) fn run(args: &NewArgs) -> Result<u8> {
    let Some(kind) = Kind::from_name(&args.kind) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let hint = did_you_mean(&args.kind, names.iter().copied())
            .unwrap_or_else(|| format!("the kinds are {}", crate::yaml::list(&names)));
        bail!("`{}` is not a kind of note\nhelp: {hint}", args.kind);
    };
    if !args.root.join(crate::config::CONFIG_FILE).is_file() {
        bail!(
            "no `dossier.yaml` in `{}`\nhelp: run this inside a dossier, or pass `--root DIR`",
            args.root.display()
        );
    }
    let slug = slugify(&args.title);
    if slug.is_empty() {
        bail!(
            "no file name can be made from the title `{}`\nhelp: use a title with letters or digits",
            args.title
        );
    }
    if crate::render::layout::is_reserved(&slug) {
        bail!(
            "the slug `{slug}` is a page of the site itself, so a note cannot have it\nhelp: give the note a longer title, such as \"{} (note)\"",
            args.title
        );
    }
    let dir = args.root.join("content").join(kind.plural().0);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        bail!("`{}` already exists; nothing was written", path.display());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    std::fs::write(&path, front_matter(kind, &args.title))
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    println!("created {}", path.display());
    Ok(EXIT_OK)
}

/// The front matter of a new note: every key of its kind, the required ones first.
pub(crate) fn front_matter(kind: Kind, title: &str) -> String {
    let title = yaml_string(title);
    let extra = match kind {
        Kind::Claim => {
            "claimant:            # required: who makes the claim (a note's slug, alias or title)\nsubjects: []\nvia: []              # through whom the claimant knows it: people, organizations, unnamed sources\nstatus: reported     # reported, disputed, denied, confirmed, unverified or retracted\n"
        }
        Kind::Denial => {
            "by:                  # required: who responds (a note's slug, alias or title)\ndenies: []           # required: the claims this answers\nvia: []              # through whom the answer is known, if not first-hand\nstance: denies       # denies, disputes, declines-comment, no-response or not-aware\n"
        }
        _ => "",
    };
    format!(
        "---\ntitle: {title}\nkind: {}\n{extra}date:                 # YYYY, YYYY-MM or YYYY-MM-DD; leave empty when unknown\nsummary:\ntags: []\naliases: []\nsources: []          # - {{source: source-id, para: 3, quote: \"exact words\"}}\n---\n\n{}\n",
        kind.name(),
        crate::parse::NEW_NOTE_TEXT
    )
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
