//! Walk the dossier folder and read every file the build needs, once.
//!
//! Input: the dossier root and its [`Config`] (for the theme's name).
//! Output: [`Loaded`]: notes and sources as text in [`Files`], templates by name (the dossier's
//! `templates/` over the theme's, the theme's folder over the copy built into the binary),
//! and static files to copy. Paths are sorted so that output is deterministic.
//! Symbolic links are not followed (no loops, nothing from outside the dossier); hidden
//! files and folders (`.obsidian/`, `.git/`) and editor backups are skipped.
//! It parses nothing: that is `parse`'s job. With a [`TextCache`] (`serve`), a note whose
//! size and modification time are unchanged is taken from the previous build, not read again;
//! told which paths the watcher saw change ([`TextCache::changed`]), it takes every other
//! note and the sources as they were without looking at the disk, and walks a folder again
//! only when a file came, went or was renamed there, or when its last walk warned.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::{FileId, Files, TextFile};
use crate::theme;
use std::sync::Arc;

/// A note file: its id in [`Files`] and its path relative to `content/`.
#[derive(Debug)]
pub struct NoteFile {
    pub file: FileId,
    pub rel: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Every non-empty line is a paragraph.
    Text,
    /// Paragraphs are blocks separated by blank lines.
    Markdown,
}

/// An archived source document and its metadata sidecar.
#[derive(Debug)]
pub struct SourceDoc {
    pub file: FileId,
    pub stem: String,
    pub format: SourceFormat,
    pub sha256: String,
    pub sidecar: Option<FileId>,
}

/// A template's name (`note.html`) and where its text is.
#[derive(Debug)]
pub struct TemplateFile {
    pub name: String,
    pub file: FileId,
}

#[derive(Debug, Clone)]
pub enum StaticContent {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path in the output, with `/` separators.
    pub rel: String,
    pub content: StaticContent,
}

#[derive(Debug)]
pub struct Loaded {
    pub notes: Vec<NoteFile>,
    pub sources: Vec<SourceDoc>,
    pub templates: Vec<TemplateFile>,
    pub statics: Vec<StaticFile>,
}

/// Reads `dossier.yaml`; its absence is an operational error that says what to do.
pub fn read_config(root: &Path, files: &mut Files) -> Result<FileId> {
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
    Ok(files.add(CONFIG_FILE.into(), strip_bom(text)))
}

/// The notes' texts as last read, with the size and modification time they had then: a
/// file whose size and time are unchanged is not read again (`serve`). Like Git's index,
/// a file modified within two seconds of being read is read again anyway, since a second
/// save within the file system's time granularity may leave both unchanged.
#[derive(Debug, Default)]
pub struct TextCache {
    /// By path under the folder read, as its bytes: the paths come from one walk (or the
    /// listing it left), always in the same form, and are found without `Path`'s
    /// component-wise hashing and comparing.
    texts: std::collections::HashMap<std::ffi::OsString, CachedText, ahash::RandomState>,
    /// The files found under `content/` last time.
    listing: Option<Vec<PathBuf>>,
    /// The paths a file watcher saw change since the last build (`serve`), if it knows:
    /// then the other notes are taken as they were, without looking at their times.
    changed: Option<Vec<PathBuf>>,
    /// The sources as last read, when reading them found nothing wrong.
    sources: Option<Vec<CachedSource>>,
}

#[derive(Debug)]
struct CachedSource {
    stem: String,
    format: SourceFormat,
    sha256: String,
    text: Arc<TextFile>,
    sidecar: Option<Arc<TextFile>>,
}

impl TextCache {
    /// Tells the next build which paths changed since the last one, under the dossier's
    /// root as the build is given it. Paths add up until a build has read the notes (one
    /// that failed before may not lose them).
    pub fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.get_or_insert_with(Vec::new).extend(paths);
    }

    /// Whether the watcher saw nothing change in or above `base`.
    fn untouched(&self, base: &Path) -> bool {
        self.changed
            .as_ref()
            .is_some_and(|c| !c.iter().any(|p| p.starts_with(base) || base.starts_with(p)))
    }

    /// The previous listing of `base` and the changed files in it, when the watcher's
    /// paths show that no file there was added, removed or renamed and no folder changed.
    fn trusted(&self, base: &Path, exts: &[&str]) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
        let listing = self.listing.as_ref()?;
        let mut touched = Vec::new();
        for path in self.changed.as_ref()? {
            // The folder itself or one above it (a rescan names the root): walk again.
            if base.starts_with(path) {
                return None;
            }
            let Ok(rel) = path.strip_prefix(base) else {
                continue;
            };
            if rel.iter().any(is_ignored) {
                continue;
            }
            let ours = exts.is_empty()
                || rel
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()));
            // A folder, a new or removed note, or a rename: walk again.
            // (A symbolic link is not a note file: the walk skips it, with a warning.)
            let file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            if !file {
                return None;
            }
            if ours {
                // As the listing spells it, so that it can be found by its bytes.
                match listing.binary_search(&rel.to_path_buf()) {
                    Ok(at) => touched.push(listing[at].clone()),
                    Err(_) => return None,
                }
            }
        }
        Some((listing.clone(), touched))
    }
}

#[derive(Debug)]
struct CachedText {
    len: u64,
    modified: std::time::SystemTime,
    read_at: std::time::SystemTime,
    /// The file as read (text and line index), or `None` when it was not UTF-8.
    file: Option<Arc<TextFile>>,
}

impl CachedText {
    fn still(&self, meta: &std::fs::Metadata) -> Option<&Option<Arc<TextFile>>> {
        let modified = meta.modified().ok()?;
        let settled = self
            .read_at
            .duration_since(modified)
            .is_ok_and(|d| d >= std::time::Duration::from_secs(2));
        (meta.len() == self.len && modified == self.modified && settled).then_some(&self.file)
    }
}

pub fn load(
    root: &Path,
    config: &Config,
    files: &mut Files,
    mut cache: Option<&mut TextCache>,
    diags: &mut Diagnostics,
) -> Result<Loaded> {
    // Asked before reading the notes, which consumes the watcher's word.
    let seeds = root.join("seeds");
    let seeds_as_before = cache
        .as_deref()
        .is_some_and(|c| c.untouched(&seeds) && c.sources.is_some());
    let notes = read_texts(root, "content", &["md"], files, cache.as_deref_mut(), diags)?
        .into_iter()
        .map(|(rel, file)| NoteFile { file, rel })
        .collect();
    let cached = cache.as_deref().and_then(|c| c.sources.as_deref());
    let sources = match cached {
        Some(cached) if seeds_as_before => cached
            .iter()
            .map(|s| SourceDoc {
                file: files.add_shared(Arc::clone(&s.text)),
                stem: s.stem.clone(),
                format: s.format,
                sha256: s.sha256.clone(),
                sidecar: s.sidecar.as_ref().map(|x| files.add_shared(Arc::clone(x))),
            })
            .collect(),
        _ => {
            // Forgotten first: if reading fails now, the next build reads them again.
            if let Some(c) = cache.as_deref_mut() {
                c.sources = None;
            }
            let before = diags.error_count() + diags.warning_count();
            let docs = load_sources(root, files, diags)?;
            let clean = diags.error_count() + diags.warning_count() == before;
            if let Some(c) = cache.as_deref_mut() {
                c.sources = clean.then(|| {
                    docs.iter()
                        .map(|d: &SourceDoc| CachedSource {
                            stem: d.stem.clone(),
                            format: d.format,
                            sha256: d.sha256.clone(),
                            text: Arc::clone(files.shared(d.file)),
                            sidecar: d.sidecar.map(|x| Arc::clone(files.shared(x))),
                        })
                        .collect()
                });
            }
            docs
        }
    };
    let (templates, statics) = load_theme(root, config, files, diags)?;
    // Everything was read: the watcher's word has been used up. (A load that failed keeps
    // it, and the next one adds to it.)
    if let Some(c) = cache {
        c.changed = None;
    }
    Ok(Loaded {
        notes,
        sources,
        templates,
        statics,
    })
}

/// Every file under `root/dir` with one of `exts`, sorted, as `(path relative to dir, id)`.
fn read_texts(
    root: &Path,
    dir: &str,
    exts: &[&str],
    files: &mut Files,
    cache: Option<&mut TextCache>,
    diags: &mut Diagnostics,
) -> Result<Vec<(PathBuf, FileId)>> {
    let base = root.join(dir);
    // With the watcher's word for what changed, the other files are not even looked at.
    let trusted = cache.as_deref().and_then(|c| c.trusted(&base, exts));
    // A walk that warned (a symbolic link skipped) leaves no listing to trust: the next
    // build walks again and warns again, as a full build would.
    let mut walk_warned = false;
    let (paths, touched) = match trusted {
        Some((paths, touched)) => (paths, Some(touched)),
        None => {
            let mut walked = Diagnostics::default();
            let paths = walk(&base, exts, &mut walked)?;
            walk_warned = !walked.is_empty();
            diags.extend(walked);
            (paths, None)
        }
    };
    let unchanged = |rel: &PathBuf| {
        touched
            .as_ref()
            .is_some_and(|t| t.iter().all(|p| p.as_os_str() != rel.as_os_str()))
    };
    let previous = cache.as_deref();
    let started = std::time::SystemTime::now();
    type Read = (
        PathBuf,
        Result<Option<Arc<TextFile>>>,
        Option<std::fs::Metadata>,
        bool,
    );
    let texts: Vec<Read> = paths
        .into_par_iter()
        .map(|rel| {
            if unchanged(&rel)
                && let Some(c) = previous.and_then(|c| c.texts.get(rel.as_os_str()))
            {
                return (rel, Ok(c.file.clone()), None, true);
            }
            let path = base.join(&rel);
            let meta = previous.and_then(|_| std::fs::metadata(&path).ok());
            if let (Some(c), Some(m)) = (previous.and_then(|c| c.texts.get(rel.as_os_str())), &meta)
                && let Some(file) = c.still(m)
            {
                return (rel, Ok(file.clone()), meta, true);
            }
            let shown = Path::new(dir).join(&rel);
            let read = std::fs::read(&path)
                .with_context(|| format!("cannot read `{}`", path.display()))
                .map(|bytes| {
                    let text = String::from_utf8(bytes).ok().map(strip_bom)?;
                    Some(Arc::new(TextFile::new(shown, text)))
                });
            (rel, read, meta, false)
        })
        .collect();
    if let Some(cache) = cache {
        for (rel, file, meta, hit) in &texts {
            if *hit {
                continue;
            }
            // A file that could not be read or looked at is read again next time.
            let entry = match (file, meta) {
                (Ok(file), Some(meta)) => meta.modified().ok().map(|modified| CachedText {
                    len: meta.len(),
                    modified,
                    read_at: started,
                    file: file.clone(),
                }),
                _ => None,
            };
            match entry {
                Some(entry) => cache.texts.insert(rel.clone().into_os_string(), entry),
                None => cache.texts.remove(rel.as_os_str()),
            };
        }
        // A listing taken on the watcher's word is the last one, as it was.
        if touched.is_none() {
            let mut listing: Vec<PathBuf> = texts.iter().map(|t| t.0.clone()).collect();
            listing.sort();
            let now: std::collections::HashSet<&std::ffi::OsStr> =
                listing.iter().map(|p| p.as_os_str()).collect();
            cache.texts.retain(|rel, _| now.contains(rel.as_os_str()));
            cache.listing = (!walk_warned).then_some(listing);
        }
    }
    let mut out = Vec::with_capacity(texts.len());
    for (rel, file, _, _) in texts {
        match file? {
            Some(file) => out.push((rel, files.add_shared(file))),
            None => diags.push(
                Diagnostic::error(
                    "file-not-utf8",
                    "the file is not UTF-8 text",
                    Location::Path(Path::new(dir).join(&rel)),
                )
                .with_help("save it as UTF-8 in your editor"),
            ),
        }
    }
    Ok(out)
}

/// Relative paths of the files under `base` with one of `exts` (any when empty), sorted.
fn walk(base: &Path, exts: &[&str], diags: &mut Diagnostics) -> Result<Vec<PathBuf>> {
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
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
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

fn load_sources(root: &Path, files: &mut Files, diags: &mut Diagnostics) -> Result<Vec<SourceDoc>> {
    let base = root.join("seeds");
    let paths = walk(&base, &["txt", "md", "yaml", "yml"], diags)?;
    let is_doc = |p: &PathBuf| p.extension().is_some_and(|e| e == "txt" || e == "md");
    // Each sidecar by the path it shares with its text, without the extension; of two
    // (`.yaml` and `.yml`), the first in path order.
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
        let file = files.add(shown, strip_bom(text));
        let stem_path = rel.with_extension("");
        let sidecar_rel = sidecars.get(&stem_path).map(|s| (*s).clone());
        let sidecar = match sidecar_rel {
            Some(s) => {
                let p = base.join(&s);
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("cannot read `{}`", p.display()))?;
                Some(files.add(Path::new("seeds").join(&s), strip_bom(text)))
            }
            None => None,
        };
        let format = if rel.extension().is_some_and(|e| e == "md") {
            SourceFormat::Markdown
        } else {
            SourceFormat::Text
        };
        docs.push(SourceDoc {
            file,
            stem: stem_path
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            format,
            sha256,
            sidecar,
        });
    }
    Ok(docs)
}

fn load_theme(
    root: &Path,
    config: &Config,
    files: &mut Files,
    diags: &mut Diagnostics,
) -> Result<(Vec<TemplateFile>, Vec<StaticFile>)> {
    let mut templates: Vec<TemplateFile> = Vec::new();
    let mut statics: Vec<StaticFile> = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        let dir = format!("themes/{}/templates", config.theme);
        for (rel, file) in read_texts(
            root,
            &dir,
            &["html", "xml", "json", "txt"],
            files,
            None,
            diags,
        )? {
            templates.push(TemplateFile {
                name: slash_path(&rel),
                file,
            });
        }
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
            let file = files.add(
                PathBuf::from(format!("themes/default/templates/{name} (built in)")),
                (*text).to_string(),
            );
            templates.push(TemplateFile {
                name: (*name).to_string(),
                file,
            });
        }
        statics.extend(theme::STATIC.iter().map(|(rel, bytes)| StaticFile {
            rel: (*rel).to_string(),
            content: StaticContent::Embedded(bytes),
        }));
    }
    for (rel, file) in read_texts(
        root,
        "templates",
        &["html", "xml", "json", "txt"],
        files,
        None,
        diags,
    )? {
        let name = slash_path(&rel);
        templates.retain(|t| t.name != name);
        templates.push(TemplateFile { name, file });
    }
    for s in disk_statics(&root.join("static"), diags)? {
        statics.retain(|t| t.rel != s.rel);
        statics.push(s);
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    statics.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((templates, statics))
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

    fn load_notes(root: &Path, cache: &mut TextCache) -> Vec<String> {
        let mut files = Files::default();
        let mut diags = Diagnostics::default();
        read_texts(
            root,
            "content",
            &["md"],
            &mut files,
            Some(cache),
            &mut diags,
        )
        .unwrap()
        .into_iter()
        .map(|(_, id)| files.get(id).text().to_string())
        .collect()
    }

    #[test]
    fn a_cached_text_is_read_again_when_it_may_have_changed_unseen() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let note = dir.path().join("content/a.md");
        std::fs::write(&note, "one").unwrap();
        let mut cache = TextCache::default();
        assert_eq!(load_notes(dir.path(), &mut cache), ["one"]);
        // Same size, and within the time granularity of some file systems: still read again.
        std::fs::write(&note, "two").unwrap();
        assert_eq!(load_notes(dir.path(), &mut cache), ["two"]);

        // A text that settled long before it was read is reused while size and time hold...
        let entry = cache.texts.get_mut(std::ffi::OsStr::new("a.md")).unwrap();
        entry.read_at = entry.modified + std::time::Duration::from_secs(5);
        entry.file = Some(Arc::new(TextFile::new(
            "content/a.md".into(),
            "cached".into(),
        )));
        assert_eq!(load_notes(dir.path(), &mut cache), ["cached"]);
        // ... and read again when either changes.
        std::fs::write(&note, "three").unwrap();
        assert_eq!(load_notes(dir.path(), &mut cache), ["three"]);
    }

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
        let mut files = Files::default();
        let mut diags = Diagnostics::default();
        let docs = load_sources(dir.path(), &mut files, &mut diags).unwrap();
        let pairs: Vec<(&str, Option<&str>)> = docs
            .iter()
            .map(|d| {
                (
                    files.get(d.file).text(),
                    d.sidecar.map(|s| files.get(s).text()),
                )
            })
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
