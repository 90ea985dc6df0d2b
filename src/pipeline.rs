//! The spine: load -> parse -> resolve -> render -> write. Read this first.
//!
//! Each stage takes the previous stage's value and returns a new one; content problems are
//! collected in one [`Diagnostics`] and the stages carry on, so a run reports every error at
//! once. Only here is it decided that errors stop the build: nothing is written then, and
//! the previous output stays as it was. `render` hands each page to `output` as it is made.
//!
//! A [`Reuse`] carries work from one build to the next (`serve` keeps one): note and source
//! texts that did not change (`load`, which with [`Reuse::changed`] takes the watcher's word
//! for which did), their parsed notes (`parse`), what each note resolved to and the backlinks
//! (`resolve`, while no note's names or headings and no source changed), the compiled
//! templates (while their texts are the same), and the pages whose inputs did not change
//! (`render`). A build with it gives the same bytes as a build without
//! it; `serve`'s test checks that across a series of edits.
//! `DOSSIER_TIMINGS=1` prints the time of each stage.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::files::Files;
use crate::render::Site;
use crate::render::templates::Templates;
use crate::{load, output, parse, render, resolve};

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
    /// The rendered site, when the build succeeded; its pages are held only by a build
    /// with a [`Reuse`] and no output (`serve`).
    pub site: Option<Site>,
}

#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub pages: usize,
    pub notes: usize,
    pub sources: usize,
    pub elapsed: Duration,
}

/// What one build leaves for the next to reuse; `serve` keeps one across rebuilds. A rebuild
/// with it gives the same bytes as a build without it, only sooner.
#[derive(Debug, Default)]
pub struct Reuse {
    texts: load::TextCache,
    notes: parse::NoteCache,
    resolved: resolve::ResolveCache,
    pages: render::PageCache,
    /// The templates as compiled, while their texts stay the same.
    templates: Option<Templates>,
}

impl Reuse {
    /// The paths a file watcher saw change since the last build (`serve`): the next build
    /// takes every other note as it was, without looking at it on disk. Without this, a
    /// build looks at every note's size and time.
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.texts.changed(paths);
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildResult> {
    build_reusing(opts, None)
}

/// A build that reuses what it can of the previous one's work, and leaves its own.
pub fn build_reusing(opts: &BuildOptions, mut reuse: Option<&mut Reuse>) -> Result<BuildResult> {
    let started = Instant::now();
    let mut files = Files::default();
    let mut diags = Diagnostics::default();
    if let Some(out) = &opts.output {
        output::check_target(&opts.root, out)?;
    }

    let config_file = load::read_config(&opts.root, &mut files)?;
    let Some(config) = Config::parse(&files, config_file, opts.base_url.as_deref(), &mut diags)
    else {
        return Ok(failed(files, diags));
    };
    let mut clock = Clock::new();
    let loaded = load::load(
        &opts.root,
        &config,
        &mut files,
        reuse.as_deref_mut().map(|r| &mut r.texts),
        &mut diags,
    )?;
    clock.lap("load");
    let parsed = parse::parse(
        &loaded,
        &files,
        reuse.as_deref_mut().map(|r| &mut r.notes),
        &mut diags,
    );
    clock.lap("parse");
    let dossier = resolve::resolve(
        parsed,
        config,
        opts.drafts,
        &files,
        reuse.as_deref_mut().map(|r| &mut r.resolved),
        &mut diags,
    );
    clock.lap("resolve");
    let previous_templates = reuse.as_deref_mut().and_then(|r| r.templates.take());
    let Some(templates) = Templates::new(&loaded.templates, &files, previous_templates, &mut diags)
    else {
        return Ok(failed(files, diags));
    };
    // Kept for the next build at once: a rebuild that fails on a note still compiled them.
    if let Some(r) = reuse.as_deref_mut() {
        r.templates = Some(templates.clone());
    }
    clock.lap("templates");
    if diags.has_errors() {
        return Ok(failed(files, diags));
    }
    // The site is written as it is rendered, into a staging folder that replaces the
    // output only when the whole build succeeded; on errors it is removed when dropped.
    let staging = opts
        .output
        .as_deref()
        .map(output::Staging::new)
        .transpose()?;
    // Without an output and without a next build to keep pages for (`check`), every page
    // is still made (a template may fail) and then let go.
    let reuse_none = reuse.is_none();
    let sink: Option<&dyn render::Sink> = match (&staging, &reuse) {
        (Some(s), _) => Some(s),
        (None, None) => Some(&Discard),
        (None, Some(_)) => None,
    };
    let site = render::render(
        &dossier,
        &templates,
        loaded.statics,
        &files,
        reuse.map(|r| &mut r.pages),
        sink,
        &mut diags,
    )?;
    clock.lap("render");
    if diags.has_errors() {
        return Ok(failed(files, diags));
    }
    if let Some(staging) = staging {
        staging.finish(&site.statics)?;
        clock.lap("write");
    }
    if reuse_none {
        // Freeing a large dossier is millions of small frees on one core (tens of
        // milliseconds at 10,000 notes): done aside, so that a one-shot build's process
        // can exit without waiting for it.
        std::thread::spawn(move || drop(dossier));
    }
    let stats = Stats {
        pages: site.page_count,
        notes: site.note_count,
        sources: site.source_count,
        elapsed: started.elapsed(),
    };
    Ok(BuildResult {
        files,
        diagnostics: diags,
        stats: Some(stats),
        site: Some(site),
    })
}

/// Where the pages of a check go: nowhere.
struct Discard;

impl render::Sink for Discard {
    fn put(&self, _rel: &str, _bytes: &[u8]) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Stage timings on stderr when `DOSSIER_TIMINGS` is set: where a build spends its time.
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
                "{stage:>10}: {:>8.2} ms  cpu {:>6} ms",
                (now - self.last).as_secs_f64() * 1e3,
                cpu - self.cpu
            );
            self.last = now;
            self.cpu = cpu;
        }
    }
}

fn failed(files: Files, diagnostics: Diagnostics) -> BuildResult {
    BuildResult {
        files,
        diagnostics,
        stats: None,
        site: None,
    }
}

/// The default output folder of a dossier.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
