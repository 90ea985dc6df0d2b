//! `dossier build` and `dossier check`.

use std::time::Duration;

use anyhow::Result;

use crate::cli::{BuildArgs, CheckArgs, Common, MessageFormat};
use crate::pipeline::{self, BuildOptions, BuildResult};
use crate::{EXIT_CONTENT, EXIT_OK};

pub(crate) fn run(args: &BuildArgs) -> Result<u8> {
    let root = args.common.root.clone();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| pipeline::default_output(&root));
    let opts = BuildOptions {
        root,
        output: Some(output.clone()),
        base_url: args.base_url.clone(),
        drafts: args.common.drafts,
    };
    let result = pipeline::build(&opts)?;
    Ok(report(
        &result,
        &args.common,
        |s| {
            format!(
                "built {} page{} ({} note{}, {} source{}) into {} in {} ms",
                s.pages,
                plural(s.pages),
                s.notes,
                plural(s.notes),
                s.sources,
                plural(s.sources),
                output.display(),
                s.elapsed.as_millis()
            )
        },
        "nothing was written: fix the errors above and build again",
        None,
    ))
}

pub(crate) fn check(args: &CheckArgs) -> Result<u8> {
    let opts = BuildOptions {
        root: args.common.root.clone(),
        output: None,
        base_url: None,
        drafts: args.common.drafts,
    };
    // The site is made in memory, then its links are followed (`crate::sitecheck`).
    let mut engine = crate::engine::Engine::one_shot();
    let pages = crate::output::Collect::default();
    let mut result = pipeline::rebuild(&mut engine, &opts, &pages)?;
    let mut summary = None;
    if result.stats.is_some() {
        let statics: Vec<String> = result.statics.iter().map(|s| s.rel.clone()).collect();
        let found = crate::sitecheck::check(
            &pages.into_pages(),
            &statics,
            engine.site_root(),
            &engine.note_pages(),
            &engine.drafts_left_out(),
            &result.files,
        );
        if found.has_errors() {
            result.stats = None;
        }
        result.diagnostics.extend(found);
        // Then, when asked, the links to other sites.
        if args.external {
            summary = Some(external(&engine, args, &mut result));
        }
    }
    Ok(report(
        &result,
        &args.common,
        |s| {
            format!(
                "checked {} note{} and {} source{}, and every link of the site: no errors ({} ms)",
                s.notes,
                plural(s.notes),
                s.sources,
                plural(s.sources),
                s.elapsed.as_millis()
            )
        },
        "fix the errors above and check again",
        summary.as_deref(),
    ))
}

/// `check --external`: the links to other sites ([`crate::external`]), their diagnostics
/// added to the result's; gives the summary line.
fn external(engine: &crate::engine::Engine, args: &CheckArgs, result: &mut BuildResult) -> String {
    let links = crate::external::outbound(engine.published_notes(), engine.read_sources());
    let human = args.common.message_format == MessageFormat::Human;
    let checked = crate::external::check(&links, &external_options(args), |n, hosts| {
        if human {
            eprintln!(
                "asking {n} external link{} on {hosts} host{}…",
                plural(n),
                plural(hosts)
            );
        }
    });
    if let Some(e) = &checked.cache_error {
        eprintln!("warning: the answers were not kept for the next check: {e:#}");
    }
    if checked.diagnostics.has_errors() {
        result.stats = None;
    }
    let summary = checked.summary();
    result.diagnostics.extend(checked.diagnostics);
    summary
}

/// The options of `--external`. Two variables, for the tests, shorten its waits:
/// `DOSSIER_EXTERNAL_TIMEOUT_MS` (a request's timeout, default 10 s) and
/// `DOSSIER_EXTERNAL_BACKOFF_MS` (the first wait before trying again, default 1 s).
fn external_options(args: &CheckArgs) -> crate::external::Options {
    let mut opts = crate::external::Options::new(args.common.root.clone());
    opts.max_age = Duration::from_secs(u64::from(args.external_max_age) * 86_400);
    let ms = |name: &str| {
        let v = std::env::var(name).ok()?;
        v.trim().parse::<u64>().ok().map(Duration::from_millis)
    };
    if let Some(t) = ms("DOSSIER_EXTERNAL_TIMEOUT_MS") {
        opts.timing.timeout = t;
    }
    if let Some(b) = ms("DOSSIER_EXTERNAL_BACKOFF_MS") {
        opts.timing.backoff = b;
    }
    opts
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn report(
    result: &BuildResult,
    common: &Common,
    success: impl Fn(&pipeline::Stats) -> String,
    failure: &str,
    summary: Option<&str>,
) -> u8 {
    let diags = &result.diagnostics;
    match common.message_format {
        MessageFormat::Json => print!("{}", diags.render_json(&result.files)),
        MessageFormat::Human => eprint!("{}", diags.render_human(&result.files)),
    }
    if let Some(line) = summary
        && common.message_format == MessageFormat::Human
    {
        println!("{line}");
    }
    match &result.stats {
        Some(s) => {
            if common.message_format == MessageFormat::Human {
                println!("{}", success(s));
            }
            EXIT_OK
        }
        None => {
            if common.message_format == MessageFormat::Human {
                eprintln!("{failure}");
            }
            EXIT_CONTENT
        }
    }
}
