//! How long `serve`'s rebuild takes after a one-note edit, in process, without the watcher:
//! `cargo run --release --example rebuild -- DIR [ROUNDS] [NOTE]`. It builds DIR once, then for
//! each round appends a line to one note (NOTE, a path under DIR, or else the first note) and
//! rebuilds with the engine that kept the previous build, told which file changed as
//! `serve`'s watcher tells it, and prints each rebuild's time, how many pages it made, and
//! the minimum and median. Set `DOSSIER_TIMINGS=1` for
//! stage times. It edits a note of DIR: run it on a copy.

use std::time::Instant;

use dossier::{BuildOptions, Bytes, Engine, Sink, rebuild};

/// A rebuild's pages, let go (as `serve` would hand them to its map).
struct Nowhere;

impl Sink for Nowhere {
    fn put(&self, _: &str, _: Bytes) -> anyhow::Result<()> {
        Ok(())
    }
}

// The allocator of the `dossier` binary, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: None,
        drafts: false,
    };
    let mut engine = Engine::keeping();
    let first = rebuild(&mut engine, &opts, &Nowhere)?;
    anyhow::ensure!(first.stats.is_some(), "the dossier has errors");
    let note = match args.next() {
        Some(rel) => root.join(rel),
        None => walkdir::WalkDir::new(root.join("content"))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .ok_or_else(|| anyhow::anyhow!("no note in {}", root.display()))?,
    };
    let mut times = Vec::new();
    for round in 0..rounds {
        let mut text = std::fs::read_to_string(&note)?;
        text.push_str(&format!("\nEdited in round {round}.\n"));
        std::fs::write(&note, text)?;
        let started = Instant::now();
        engine.changed([note.clone()]);
        let result = rebuild(&mut engine, &opts, &Nowhere)?;
        let ms = started.elapsed().as_secs_f64() * 1e3;
        let Some(stats) = result.stats else {
            anyhow::bail!("the rebuild failed");
        };
        println!(
            "rebuild {round}: {ms:.1} ms, {} of {} pages made",
            stats.work.pages_made, stats.pages
        );
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} rebuilds of {}: min {:.1} ms, median {:.1} ms",
        times.len(),
        root.display(),
        times[0],
        times[times.len() / 2]
    );
    Ok(())
}
