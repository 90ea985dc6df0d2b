//! The `dossier` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;

// A build allocates many small strings and maps across threads; glibc's allocator spent a
// fifth of a 10,000-note build in malloc, free and page faults. With mimalloc, `perf stat -r 5
// -e task-clock dossier check` on a generated 10,000-note corpus took 0.66 times the CPU time.
// Its `no_thp` feature (Cargo.toml) keeps it from backing memory with 2 MB transparent huge
// pages, which a build only partly fills: peak memory at 10,000 notes 236-238 MB, not 269-277.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = dossier::cli::Cli::parse();
    std::process::ExitCode::from(dossier::run(cli))
}
