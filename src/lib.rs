//! `dossier`: a static site generator for investigative dossiers.
//!
//! The pipeline, one module per stage (see [`pipeline`]):
//! [`load`] reads the files, [`parse`] reads notes and sources, [`resolve`] links notes,
//! citations and quotes, [`render`] makes pages through Tera themes, [`output`] writes them
//! atomically; [`i18n`] gives the interface its words in the dossier's language. The stages are plain functions; the [`engine`] runs them and keeps their
//! results, making again only what a change can affect. [`diag`] collects what is wrong on
//! the way; [`serve`] is the live preview; [`cmd`] holds the commands. `check` then
//! follows the links of the site it made ([`sitecheck`]) and, when asked, the links to
//! other sites ([`external`]).

// What the library does not export is `pub(crate)`, so that the compiler finds unused code.
#![warn(unreachable_pub)]

#[doc(hidden)]
pub mod bench;
pub mod cli;
pub(crate) mod cmd;
pub(crate) mod config;
pub(crate) mod date;
pub(crate) mod diag;
pub(crate) mod engine;
pub(crate) mod external;
pub(crate) mod files;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod i18n;
pub(crate) mod id;
pub(crate) mod language;
pub(crate) mod load;
pub(crate) mod output;
pub(crate) mod parse;
pub(crate) mod pipeline;
pub(crate) mod render;
pub(crate) mod resolve;
pub(crate) mod serve;
pub(crate) mod sitecheck;
pub(crate) mod slug;
pub(crate) mod theme;
pub(crate) mod words;
pub(crate) mod yaml;

// The library's public face: what the binary, the integration tests, the examples and the
// benchmarks use. Everything else is `pub(crate)`, so that the compiler finds unused code.
pub use diag::Diagnostics;
pub use engine::{Engine, Work};
pub use files::Files;
pub use load::{StaticContent, StaticFile};
pub use pipeline::{BuildOptions, BuildResult, Stats, build, rebuild};
pub use render::{Bytes, Sink};

/// Exit codes: 0 ok, 1 the dossier has errors, 2 a usage or operational failure.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: cli::Cli) -> u8 {
    let result = match cli.command {
        cli::Command::Build(a) => cmd::build::run(&a),
        cli::Command::Check(a) => cmd::build::check(&a),
        cli::Command::Serve(a) => cmd::serve::run(&a),
        cli::Command::Init(a) => cmd::init::run(&a),
        cli::Command::New(a) => cmd::new::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}
