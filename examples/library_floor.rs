//! The library floor: the least that any generator built on dossier's libraries must do with
//! a dossier's notes, and none of a dossier's own logic. Where the floor (`examples/floor.rs`)
//! only strips the front matter and renders the Markdown, this also does the work that the
//! chosen libraries cost whoever uses them:
//!
//! 1. reads every `.md` under `DIR/content` and splits off its `---` front matter block;
//! 2. parses the front matter with `serde_yaml` (the `yaml_serde` package) into a generic
//!    `serde_yaml::Value`, checking nothing in it;
//! 3. renders the body with pulldown-cmark (dossier's options,
//!    `dossier::bench::markdown_options`), fenced code blocks highlighted by syntect into
//!    CSS classes with `dossier::bench::highlight` (a `ClassedHTMLGenerator` with
//!    dossier's class prefix, the syntax set loaded once, lazily);
//! 4. renders one page per note from the seventeen-line Tera 2 template [`PAGE`] (title, date
//!    and summary when the front matter has them, the body, tags and a few links),
//!    autoescaped as `.html`;
//! 5. writes it to `OUT/<file stem>/index.html`;
//!
//! in parallel with rayon on all cores. No slugs, wikilink or citation resolution, quotes,
//! claims, backlinks, listings, tag pages or staging folder: that is dossier's own work, and
//! the difference between `dossier build` and this program is what it costs.
//!
//! `cargo run --release --example library_floor -- DIR OUT`. OUT is created; it is not emptied.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

// The allocator of the `dossier` binary, so that the figures compare with the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The page of a note: what any theme's note page has, and nothing of a dossier's.
const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<link rel="stylesheet" href="/style.css"><link rel="stylesheet" href="/highlight.css">
</head>
<body>
<nav><a href="/">Home</a> · <a href="/tags/">Tags</a> · <a href="/sources/">Sources</a></nav>
<article>
<h1>{{ title }}</h1>
{% if meta.date %}<p class="date">{{ meta.date }}</p>{% endif %}{% if meta.summary %}<p class="summary">{{ meta.summary }}</p>{% endif %}
<div class="note-body">{{ body | safe }}</div>
{% if meta.tags %}<p class="tags">Tags: {% for t in meta.tags %}<a href="/tags/{{ t }}/" rel="tag">{{ t }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
</article>
</body>
</html>
"#;

/// The front matter between the `---` lines and the body after them (empty front matter and
/// the whole text when the note has none).
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (&rest[..pos], &rest[pos + line.len()..]);
        }
        pos += line.len();
    }
    ("", text)
}

/// The body's HTML, fenced code highlighted into classes.
fn body_html(md: &str) -> String {
    let mut code: Option<(String, String)> = None;
    let events = Parser::new_ext(md, dossier::bench::markdown_options()).filter_map(|event| {
        if let Some((lang, buf)) = code.as_mut() {
            return match event {
                Event::Text(t) => {
                    buf.push_str(&t);
                    None
                }
                Event::End(TagEnd::CodeBlock) => {
                    let lang_attr = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" data-lang=\"{}\"", dossier::bench::escape(lang))
                    };
                    let html = format!(
                        "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
                        dossier::bench::highlight(buf, lang)
                    );
                    code = None;
                    Some(Event::Html(html.into()))
                }
                _ => None,
            };
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((lang.to_string(), String::new()));
                None
            }
            other => Some(other),
        }
    });
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn render(tera: &tera::Tera, path: &Path, out: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let (yaml, md) = split(&text);
    let meta: serde_yaml::Value = if yaml.trim().is_empty() {
        serde_yaml::Value::Mapping(serde_yaml::Mapping::new())
    } else {
        serde_yaml::from_str(yaml).context("front matter")?
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = match meta.get("title") {
        Some(serde_yaml::Value::String(t)) => t.clone(),
        _ => stem.clone(),
    };
    let mut ctx = tera::Context::new();
    ctx.insert_value("title", title.into());
    ctx.insert_value("body", body_html(md).into());
    ctx.insert_value("meta", tera::Value::try_from_serializable(&meta)?);
    let mut page = Vec::with_capacity(8 * 1024);
    tera.render_to("page.html", &ctx, &mut page)?;
    let dir = out.join(stem);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), page)?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: library_floor DIR OUT");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let mut tera = tera::Tera::new();
    if let Err(e) = tera.add_raw_templates([("page.html", PAGE)]) {
        eprintln!("error: the page template: {e}");
        return ExitCode::from(2);
    }
    let out = PathBuf::from(out);
    let notes: Vec<PathBuf> = walkdir::WalkDir::new(Path::new(dir).join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let failed = notes
        .par_iter()
        .filter_map(|p| render(&tera, p, &out).err().map(|e| (p, e)))
        .map(|(p, e)| eprintln!("error: {}: {e:#}", p.display()))
        .count();
    if failed > 0 {
        return ExitCode::from(1);
    }
    println!(
        "library_floor: rendered {} notes into {} in {} ms",
        notes.len(),
        out.display(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}
