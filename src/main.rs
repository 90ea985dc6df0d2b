//! The `dossier` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = dossier::cli::Cli::parse();
    std::process::ExitCode::from(dossier::run(cli))
}
