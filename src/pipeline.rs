//! The spine: load -> parse -> resolve -> render -> write. Read this first.
//!
//! Each stage runs through the [`Engine`], which keeps its results and makes again only what
//! a change can affect ([`crate::engine`]); `build` and `check` use an engine for one build,
//! `serve` keeps one for the session. Content problems are collected in one [`Diagnostics`]
//! and the stages carry on, so a run reports every error at once. Only here is it decided
//! that errors stop the build: no page is made after errors before the pages, and after
//! errors among them (a template that fails on one page) nothing is written or served:
//! the previous output stays as it was. Every page goes to a [`Sink`] as it is made: the staging folder
//! of `build` ([`output::Staging`]), nothing for `check`, the served site of `serve`.
//! `DOSSIER_TIMINGS=1` prints the time of each stage.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::diag::Diagnostics;
use crate::engine::{Engine, Work};
use crate::files::Files;
use crate::load::StaticFile;
use crate::output;
use crate::render::Sink;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Where to write the site; `None` checks only.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildResult {
    pub files: Files,
    pub diagnostics: Diagnostics,
    /// Present when the build succeeded.
    pub stats: Option<Stats>,
    /// The static files to copy beside the pages, when the build succeeded.
    pub statics: Vec<StaticFile>,
}

#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub pages: usize,
    pub notes: usize,
    pub sources: usize,
    /// What the build made, and what it took as the previous build left it.
    pub work: Work,
    pub elapsed: Duration,
}

/// One build from scratch: into the output folder (atomically), or checked only.
pub fn build(opts: &BuildOptions) -> Result<BuildResult> {
    let mut engine = Engine::one_shot();
    let result = match &opts.output {
        Some(out) => {
            output::check_target(&opts.root, out)?;
            let staging = output::Staging::new(out)?;
            let result = run(&mut engine, opts, &staging)?;
            if result.stats.is_some() {
                staging.finish(&result.statics)?;
            }
            result
        }
        None => run(&mut engine, opts, &output::Discard)?,
    };
    // Freeing a large dossier is millions of small frees on one core (tens of milliseconds
    // at 10,000 notes): done aside, so that the process need not wait for it.
    std::thread::spawn(move || drop(engine));
    Ok(result)
}

/// A build with an engine that has the previous builds' results (`serve`).
pub fn rebuild(engine: &mut Engine, opts: &BuildOptions, sink: &dyn Sink) -> Result<BuildResult> {
    run(engine, opts, sink)
}

fn run(engine: &mut Engine, opts: &BuildOptions, sink: &dyn Sink) -> Result<BuildResult> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let mut clock = Clock::new();
    engine.next_build();
    let config = engine.config(
        &opts.root,
        opts.base_url.as_deref(),
        opts.drafts,
        &mut diags,
    )?;
    let Some(config) = config else {
        return Ok(failed(engine, diags));
    };
    let loaded = engine.load(&opts.root, &config, &mut diags)?;
    clock.lap("load");
    let parsed = engine.parse(&loaded, &mut diags);
    clock.lap("parse");
    let resolved = engine.resolve(&mut diags);
    clock.lap("resolve");
    engine.arrange(&mut diags);
    clock.lap("arrange");
    engine.index_search();
    clock.lap("search");
    let themed = engine.templates(loaded.templates(), &mut diags);
    clock.lap("templates");
    if !themed || diags.has_errors() {
        return Ok(failed(engine, diags));
    }
    let rendered = engine.render(&loaded.statics, sink, &mut diags)?;
    clock.lap("render");
    if diags.has_errors() {
        return Ok(failed(engine, diags));
    }
    let (notes, sources) = engine.counts();
    let stats = Stats {
        pages: rendered.pages,
        notes,
        sources,
        work: Work {
            notes_parsed: parsed,
            notes_resolved: resolved,
            pages_made: rendered.made,
            pages: rendered.pages,
        },
        elapsed: started.elapsed(),
    };
    Ok(BuildResult {
        files: engine.files().clone(),
        diagnostics: diags,
        stats: Some(stats),
        statics: loaded.statics,
    })
}

fn failed(engine: &Engine, diagnostics: Diagnostics) -> BuildResult {
    BuildResult {
        files: engine.files().clone(),
        diagnostics,
        stats: None,
        statics: Vec::new(),
    }
}

/// Stage timings on stderr when `DOSSIER_TIMINGS` is set: where a build spends its time,
/// and how much memory the process holds after each stage.
struct Clock {
    on: bool,
    last: Instant,
    cpu: u64,
}

/// The process's CPU time so far (user and system, all threads), from `/proc/self/stat`, in
/// ms (10 ms steps); 0 where there is no such file.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command (which may hold blanks) in parentheses: utime and stime are
    // the 12th and 13th of them.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    ticks * 10
}

/// The process's resident memory now, in MB, from `/proc/self/status`; 0 where there is
/// no such file.
fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

impl Clock {
    fn new() -> Clock {
        Clock {
            on: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: Instant::now(),
            cpu: cpu_ms(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            let now = Instant::now();
            let cpu = cpu_ms();
            eprintln!(
                "{stage:>10}: {:>8.2} ms  cpu {:>6} ms  rss {:>5} MB",
                (now - self.last).as_secs_f64() * 1e3,
                cpu - self.cpu,
                rss_mb()
            );
            self.last = now;
            self.cpu = cpu;
        }
    }
}

/// The default output folder of a dossier.
pub(crate) fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
