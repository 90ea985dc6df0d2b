//! Walk the dossier folder and read the files the build needs.
//!
//! Input: the dossier root and its [`Config`] (for the theme's name). Output: texts and
//! lists of paths: the notes under `content/`, the archived sources and their sidecars under
//! `seeds/` (with each text's SHA-256), the templates by name (the dossier's `templates/` over
//! the theme's, the theme's folder over the copy built into the binary), the interface's
//! translation tables (built in, then the theme folder's `i18n/`, then the dossier's) and the
//! static files to copy. Paths are sorted so that output is deterministic. Symbolic links are not followed
//! (no loops, nothing from outside the dossier); hidden files and folders (`.obsidian/`,
//! `.git/`) and editor backups are skipped. It parses nothing (that is `parse`'s job) and
//! remembers nothing: which files to read again is the engine's question
//! ([`crate::engine`]).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::parse::SourceFormat;
use crate::theme;

/// A template's name (`note.html`), the path the author sees, and its text.
#[derive(Debug)]
pub(crate) struct TemplateText {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StaticContent {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone, PartialEq)]
pub struct StaticFile {
    /// Path in the output, with `/` separators.
    pub rel: String,
    pub content: StaticContent,
}

/// An archived source as read from `seeds/`: its text's path and bytes' SHA-256, and its
/// sidecar's path and text.
#[derive(Debug)]
pub(crate) struct SourceText {
    /// The path the author sees, `seeds/…`.
    pub path: PathBuf,
    pub stem: String,
    pub format: SourceFormat,
    pub sha256: String,
    pub text: String,
    pub sidecar: Option<(PathBuf, String)>,
}

/// Reads `dossier.yaml`; its absence is an operational error that says what to do.
pub(crate) fn read_config(root: &Path) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        anyhow::bail!(
            "no `{CONFIG_FILE}` in `{}`\nhelp: run `dossier init {}` to start a dossier there, or pass `--root DIR`",
            root.display(),
            root.display()
        );
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    Ok(strip_bom(text))
}

/// Reads a note; `None` when it is not UTF-8.
pub(crate) fn read_note(path: &Path) -> Result<Option<String>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    Ok(String::from_utf8(bytes).ok().map(strip_bom))
}

/// The error for a note that is not UTF-8 (`shown` as the author sees its path).
pub(crate) fn not_utf8(shown: PathBuf) -> Diagnostic {
    Diagnostic::error(
        "file-not-utf8",
        "the file is not UTF-8 text",
        Location::Path(shown),
    )
    .with_help("save it as UTF-8 in your editor")
}

/// Relative paths of the files under `base` with one of `exts` (any when empty), sorted.
pub(crate) fn walk(base: &Path, exts: &[&str], diags: &mut Diagnostics) -> Result<Vec<PathBuf>> {
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walker = WalkDir::new(base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        let entry =
            entry.with_context(|| format!("cannot read the folder `{}`", base.display()))?;
        let rel = entry
            .path()
            .strip_prefix(base)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::warning(
                    "symlink-skipped",
                    "symbolic links are not followed; this one was skipped",
                    Location::Path(entry.path().to_path_buf()),
                )
                .with_help("copy the file into the dossier instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let ext_ok = exts.is_empty()
            || entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()));
        if ext_ok {
            out.push(rel);
        }
    }
    Ok(out)
}

/// Hidden files and folders, and editors' swap and backup files.
pub(crate) fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        // Vim writes and deletes `4913` to test whether a folder is writable.
        || name == "4913"
}

/// Every archived source under `seeds/` (`.txt` and `.md`) with its sidecar (the `.yaml` or
/// `.yml` beside it, of the same name; of two, the first in path order), read.
pub(crate) fn sources(root: &Path, diags: &mut Diagnostics) -> Result<Vec<SourceText>> {
    let base = root.join("seeds");
    let paths = walk(&base, &["txt", "md", "yaml", "yml"], diags)?;
    let is_doc = |p: &PathBuf| p.extension().is_some_and(|e| e == "txt" || e == "md");
    // Each sidecar by the path it shares with its text, without the extension.
    let mut sidecars: std::collections::HashMap<PathBuf, &PathBuf> = Default::default();
    for p in paths.iter().filter(|p| !is_doc(p)) {
        sidecars.entry(p.with_extension("")).or_insert(p);
    }
    let mut docs = Vec::new();
    for rel in paths.iter().filter(|p| is_doc(p)) {
        let path = base.join(rel);
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let shown = Path::new("seeds").join(rel);
        let Ok(text) = String::from_utf8(bytes) else {
            diags.push(
                Diagnostic::error(
                    "file-not-utf8",
                    "the source is not UTF-8 text",
                    Location::Path(shown),
                )
                .with_help("archive the text as UTF-8; keep the original bytes elsewhere"),
            );
            continue;
        };
        let stem_path = rel.with_extension("");
        let sidecar = match sidecars.get(&stem_path) {
            Some(s) => {
                let p = base.join(s);
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("cannot read `{}`", p.display()))?;
                Some((Path::new("seeds").join(s), strip_bom(text)))
            }
            None => None,
        };
        let format = if rel.extension().is_some_and(|e| e == "md") {
            SourceFormat::Markdown
        } else {
            SourceFormat::Text
        };
        docs.push(SourceText {
            path: shown,
            stem: stem_path
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            format,
            sha256,
            text: strip_bom(text),
            sidecar,
        });
    }
    Ok(docs)
}

/// An interface table as read: its language (the file's stem), where it is, its text.
#[derive(Debug)]
pub(crate) struct TableText {
    pub lang: String,
    pub path: PathBuf,
    pub text: String,
    pub built_in: bool,
}

/// What a theme is made of, as read.
#[derive(Debug, Default)]
pub(crate) struct ThemeTexts {
    pub templates: Vec<TemplateText>,
    /// In the order they override each other: built in, the theme folder's, the dossier's.
    pub tables: Vec<TableText>,
    pub statics: Vec<StaticFile>,
}

/// The theme: its templates (the dossier's `templates/` over the theme's), its interface
/// tables (the built-in ones, then the theme folder's `i18n/`, then the dossier's `i18n/`,
/// each overriding single strings) and its static files (the dossier's `static/` over the
/// theme's), each sorted.
pub(crate) fn theme(root: &Path, config: &Config, diags: &mut Diagnostics) -> Result<ThemeTexts> {
    let mut templates: Vec<TemplateText> = Vec::new();
    let mut statics: Vec<StaticFile> = Vec::new();
    let mut tables: Vec<TableText> = theme::TABLES
        .iter()
        .map(|(name, text)| TableText {
            lang: name.trim_end_matches(".yaml").to_string(),
            path: PathBuf::from(format!("themes/default/i18n/{name} (built in)")),
            text: (*text).to_string(),
            built_in: true,
        })
        .collect();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        tables.extend(table_texts(
            root,
            &format!("themes/{}/i18n", config.theme),
            diags,
        )?);
        let dir = format!("themes/{}/templates", config.theme);
        templates.extend(template_texts(root, &dir, diags)?);
        statics.extend(disk_statics(&theme_dir.join("static"), diags)?);
    } else {
        if config.theme != theme::DEFAULT_NAME {
            // Reported with the other errors of the run; the built-in theme stands in so
            // that the pages can still be checked.
            diags.push(
                Diagnostic::error(
                    "config-theme",
                    format!(
                        "the theme `{}` has no folder `themes/{}/`",
                        config.theme, config.theme
                    ),
                    config.theme_at.clone(),
                )
                .with_help("create that folder with `templates/` and `static/`, or write `theme: default` (built in)"),
            );
        }
        for (name, text) in theme::TEMPLATES {
            templates.push(TemplateText {
                name: (*name).to_string(),
                path: PathBuf::from(format!("themes/default/templates/{name} (built in)")),
                text: (*text).to_string(),
            });
        }
        statics.extend(theme::STATIC.iter().map(|(rel, bytes)| StaticFile {
            rel: (*rel).to_string(),
            content: StaticContent::Embedded(bytes),
        }));
    }
    for t in template_texts(root, "templates", diags)? {
        templates.retain(|x| x.name != t.name);
        templates.push(t);
    }
    for s in disk_statics(&root.join("static"), diags)? {
        statics.retain(|t| t.rel != s.rel);
        statics.push(s);
    }
    tables.extend(table_texts(root, "i18n", diags)?);
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    statics.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(ThemeTexts {
        templates,
        tables,
        statics,
    })
}

/// The interface tables under `root/dir` (`LANG.yaml`), read; one that is not UTF-8 is
/// reported.
fn table_texts(root: &Path, dir: &str, diags: &mut Diagnostics) -> Result<Vec<TableText>> {
    let base = root.join(dir);
    let mut out = Vec::new();
    for rel in walk(&base, &["yaml", "yml"], diags)? {
        let shown = Path::new(dir).join(&rel);
        let lang = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rel.components().count() > 1 || !crate::language::is_language_tag(&lang) {
            diags.push(
                Diagnostic::warning(
                    "interface-file",
                    format!("`{}` is not named for a language, so it is not read", shown.display()),
                    Location::Path(shown),
                )
                .with_help("name an interface table for its language's tag, such as `i18n/ru.yaml`, directly in `i18n/`"),
            );
            continue;
        }
        match read_note(&base.join(&rel))? {
            Some(text) => out.push(TableText {
                lang,
                path: shown,
                text: strip_bom(text),
                built_in: false,
            }),
            None => diags.push(not_utf8(shown)),
        }
    }
    Ok(out)
}

/// The templates under `root/dir`, read; a template that is not UTF-8 is reported.
fn template_texts(root: &Path, dir: &str, diags: &mut Diagnostics) -> Result<Vec<TemplateText>> {
    let base = root.join(dir);
    let mut out = Vec::new();
    for rel in walk(&base, &["html", "xml", "json", "txt"], diags)? {
        let shown = Path::new(dir).join(&rel);
        match read_note(&base.join(&rel))? {
            Some(text) => out.push(TemplateText {
                name: slash_path(&rel),
                path: shown,
                text,
            }),
            None => diags.push(not_utf8(shown)),
        }
    }
    Ok(out)
}

fn disk_statics(base: &Path, diags: &mut Diagnostics) -> Result<Vec<StaticFile>> {
    Ok(walk(base, &[], diags)?
        .into_iter()
        .map(|rel| StaticFile {
            rel: slash_path(&rel),
            content: StaticContent::Disk(base.join(&rel)),
        })
        .collect())
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_source_takes_the_sidecar_with_its_name() {
        let dir = tempfile::TempDir::new().unwrap();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir_all(seeds.join("sub")).unwrap();
        for (rel, text) in [
            ("a.txt", "A"),
            ("a.yml", "title: second"),
            ("a.yaml", "title: first"),
            ("b.md", "B"),
            ("sub/b.yaml", "title: elsewhere"),
            ("sub/c.txt", "C"),
            ("sub/c.yaml", "title: c"),
            ("orphan.yaml", "title: none"),
        ] {
            std::fs::write(seeds.join(rel), text).unwrap();
        }
        let mut diags = Diagnostics::default();
        let docs = sources(dir.path(), &mut diags).unwrap();
        let pairs: Vec<(&str, Option<&str>)> = docs
            .iter()
            .map(|d| (d.text.as_str(), d.sidecar.as_ref().map(|s| s.1.as_str())))
            .collect();
        assert_eq!(
            pairs,
            [
                ("A", Some("title: first")),
                ("B", None),
                ("C", Some("title: c"))
            ]
        );
    }
}
