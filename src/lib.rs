//! `dossier`: a static site generator for investigative dossiers.
//!
//! The pipeline, one module per stage (see [`pipeline`]):
//! [`load`] reads the files, [`parse`] reads notes and sources, [`resolve`] links notes,
//! citations and quotes, [`render`] makes pages through Tera themes, [`output`] writes them
//! atomically. The stages are plain functions; the [`engine`] runs them and keeps their
//! results, making again only what a change can affect. [`diag`] collects what is wrong on
//! the way; [`serve`] is the live preview; [`cmd`] holds the commands.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod date;
pub mod diag;
pub mod digest;
pub mod engine;
pub mod files;
pub mod id;
pub mod language;
pub mod load;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod yaml;

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
