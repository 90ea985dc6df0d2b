//! The floor: the least any generator must do with a dossier's notes. Reads every `.md`
//! under `DIR/content`, strips the front matter, renders the Markdown with pulldown-cmark
//! (the options dossier uses, from `dossier::bench::markdown_options`), and writes
//! `OUT/<file stem>/index.html` per note, in parallel with rayon on all cores.
//!
//! `cargo run --release --example floor -- DIR OUT`. OUT is created; it is not emptied.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

/// The body after a `---` front matter block (or the whole text when there is none).
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        if line.trim_end() == "---" {
            return &rest[pos..];
        }
    }
    text
}

fn render(path: &Path, out: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    let md = body(&text);
    let parser = pulldown_cmark::Parser::new_ext(md, dossier::bench::markdown_options());
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = out.join(stem);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), html)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: floor DIR OUT");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let out = PathBuf::from(out);
    let notes: Vec<PathBuf> = walkdir::WalkDir::new(Path::new(dir).join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let failed = notes
        .par_iter()
        .filter_map(|p| render(p, &out).err().map(|e| (p, e)))
        .map(|(p, e)| eprintln!("error: {}: {e}", p.display()))
        .count();
    if failed > 0 {
        return ExitCode::from(1);
    }
    println!(
        "floor: rendered {} notes into {} in {} ms",
        notes.len(),
        out.display(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}
