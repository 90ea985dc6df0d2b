//! `dossier build` and `dossier check`.

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
    if result.stats.is_some() {
        let statics: Vec<String> = result.statics.iter().map(|s| s.rel.clone()).collect();
        let found = crate::sitecheck::check(
            &pages.into_pages(),
            &statics,
            engine.site_root(),
            &engine.note_pages(),
            &result.files,
        );
        if found.has_errors() {
            result.stats = None;
        }
        result.diagnostics.extend(found);
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
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn report(
    result: &BuildResult,
    common: &Common,
    success: impl Fn(&pipeline::Stats) -> String,
    failure: &str,
) -> u8 {
    let diags = &result.diagnostics;
    match common.message_format {
        MessageFormat::Json => print!("{}", diags.render_json(&result.files)),
        MessageFormat::Human => eprint!("{}", diags.render_human(&result.files)),
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
