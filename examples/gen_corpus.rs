//! Writes a deterministic benchmark dossier of N notes, and optionally an equivalent Hugo
//! site: `cargo run --release --example gen_corpus -- N DIR [--hugo HUGODIR] [--seed S]`.
//!
//! See `benches/support/corpus.rs` for what is generated and BENCHMARKS.md for how it is used.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: gen_corpus N DIR [--hugo HUGODIR] [--seed S]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut hugo: Option<PathBuf> = None;
    let mut seed: u64 = 42;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--hugo" => match it.next() {
                Some(d) => hugo = Some(d.into()),
                None => return usage(),
            },
            "--seed" => match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            _ => positional.push(a),
        }
    }
    let [n, dir] = positional.as_slice() else {
        return usage();
    };
    let Ok(notes) = n.parse::<usize>() else {
        return usage();
    };
    let c = corpus::Corpus { notes, seed };
    let dir = PathBuf::from(dir);
    for (what, target, files) in [
        (
            "dossier",
            Some(&dir),
            corpus::dossier_files as fn(&corpus::Corpus) -> _,
        ),
        ("hugo site", hugo.as_ref(), corpus::hugo_files),
    ] {
        let Some(target) = target else { continue };
        if target.join("content").exists() {
            eprintln!(
                "error: `{}` already has a content/ folder; give an empty or new folder",
                target.display()
            );
            return ExitCode::from(2);
        }
        let files = files(&c);
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        if let Err(e) = corpus::write(target, &files) {
            eprintln!("error: cannot write `{}`: {e}", target.display());
            return ExitCode::from(2);
        }
        println!(
            "wrote {what} of {notes} notes ({} files, {:.1} MB) into {}",
            files.len(),
            bytes as f64 / 1e6,
            target.display()
        );
    }
    ExitCode::SUCCESS
}
