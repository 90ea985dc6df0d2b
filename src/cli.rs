//! The command line, as clap types only. `cmd` turns these into options; nothing deeper
//! knows clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Compile a folder of Markdown notes citing archived sources into a static site",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into `public/` (or `-o DIR`); nothing is written if any check fails
    Build(BuildArgs),
    /// Run every check of a build and write nothing
    Check(CheckArgs),
    /// Build, serve the site on a local address, and rebuild and reload pages on every save
    Serve(ServeArgs),
    /// Create a new dossier in DIR, with a config, an example source and notes, and workflows
    /// that publish it on GitHub Pages or GitLab Pages
    Init(InitArgs),
    /// Create a note file with the right front matter for its kind
    New(NewArgs),
}

#[derive(Debug, Args)]
pub struct Common {
    /// The dossier folder (holding `dossier.yaml`)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include notes marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// How to print diagnostics: for people, or one JSON object per line
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output folder [default: ROOT/public]
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Override `base_url` from `dossier.yaml`, e.g. `https://example.org/dossiers/musk/`
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// Also ask every address on other sites that the notes link to and the sources give
    /// (`url`, `archive_url`) over the network; good answers are kept in `.dossier-cache/`
    #[arg(long)]
    pub external: bool,
    /// How many days a good answer is kept before the address is asked again (0: ask all)
    #[arg(long, value_name = "DAYS", default_value_t = 7, requires = "external")]
    pub external_max_age: u32,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The dossier folder (holding `dossier.yaml`)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include notes marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// The address to listen on; loopback unless told otherwise
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: String,
    /// The port; 0 picks a free one (printed at start)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty)
    pub dir: PathBuf,
    /// The git repository the publishing workflows install dossier from (their DOSSIER_GIT;
    /// left empty, they stop and say to set it)
    #[arg(long, value_name = "URL")]
    pub dossier_git: Option<String>,
    /// The tag or commit of that repository they install (their DOSSIER_REV)
    #[arg(long, value_name = "REV", default_value = concat!("v", env!("CARGO_PKG_VERSION")))]
    pub dossier_rev: String,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// person, organization, unnamed, event, claim, denial or note
    pub kind: String,
    /// The note's title; its file name is made from it
    pub title: String,
    /// The dossier folder (holding `dossier.yaml`)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}
