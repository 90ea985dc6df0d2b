//! The engine's inputs: every file a build reads, each with a stable [`FileId`] and the stamp
//! of the build in which its text last changed.
//!
//! A file read again with the same text keeps its stamp, so nothing that read it is made
//! again. Across `serve`'s rebuilds, a note whose size and modification time are unchanged
//! is not read again; told which paths the watcher saw change ([`Inputs::changed`]), the
//! engine reads those (whatever their size and time say) and takes every other note and
//! the sources as they were without looking at the disk,
//! and walks a folder again only when a file came, went or was renamed there, or when its
//! last walk warned. Like Git's index, a file modified within two seconds of being read is
//! read again anyway, since a second save within the file system's time granularity may
//! leave both unchanged.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Result;
use rayon::prelude::*;

use super::memo::{GONE, Key, Rev};
use crate::config::{CONFIG_FILE, Config};
use crate::diag::Diagnostics;
use crate::files::{FileId, Files, TextFile};
use crate::i18n::TableFile;
use crate::id::IdVec;
use crate::load::{self, StaticFile};
use crate::parse::SourceDoc;
use crate::render::templates::TemplateFile;

/// A note file: its path under `content/` and its text's id (`None` when it is not UTF-8).
#[derive(Debug, Clone)]
pub(super) struct NoteFile {
    pub rel: PathBuf,
    pub file: Option<FileId>,
}

#[derive(Debug, Default)]
pub(super) struct Inputs {
    /// Keep what the next build needs to read less (`serve`).
    keep: bool,
    pub files: Files,
    by_path: HashMap<PathBuf, FileId, ahash::RandomState>,
    stamps: IdVec<FileId, Rev>,
    /// Each note as last read, by its path under `content/` (as bytes: the paths come from
    /// one walk, always in the same form).
    notes: HashMap<OsString, OnDisk, ahash::RandomState>,
    /// The notes found under `content/` last time, unless that walk warned.
    listing: Option<Vec<PathBuf>>,
    /// The paths a file watcher saw change since the last build, if it knows.
    changed: Option<Vec<PathBuf>>,
    /// The sources as last read, when reading them found nothing wrong.
    sources: Option<Vec<SourceDoc>>,
    /// The files whose texts came or changed since [`Inputs::touched`] was last asked.
    touched: Vec<FileId>,
}

#[derive(Debug)]
struct OnDisk {
    len: u64,
    modified: SystemTime,
    read_at: SystemTime,
    file: Option<FileId>,
}

impl OnDisk {
    /// The note as read, if its size and time say it is the same file.
    fn still(&self, meta: &std::fs::Metadata) -> Option<Option<FileId>> {
        let modified = meta.modified().ok()?;
        let settled = self
            .read_at
            .duration_since(modified)
            .is_ok_and(|d| d >= Duration::from_secs(2));
        (meta.len() == self.len && modified == self.modified && settled).then_some(self.file)
    }
}

/// What reading one note found.
enum Found {
    Same(Option<FileId>),
    Read(Result<Option<String>>, Option<std::fs::Metadata>),
}

impl Inputs {
    pub(super) fn new(keep: bool) -> Inputs {
        Inputs {
            keep,
            ..Inputs::default()
        }
    }

    /// Tells the next build which paths changed since the last one, under the dossier's
    /// root as the build is given it. Paths add up until a build has read everything.
    pub(super) fn changed(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.get_or_insert_with(Vec::new).extend(paths);
    }

    /// The stamp of a file's text.
    pub(super) fn stamp(&self, id: FileId) -> Rev {
        self.stamps.get(id).copied().unwrap_or(GONE)
    }

    /// Puts a file's text under the path the author sees; a text equal to the one there
    /// keeps its stamp.
    pub(super) fn text(&mut self, path: PathBuf, text: String, rev: Rev) -> FileId {
        if let Some(&id) = self.by_path.get(&path) {
            if self.files.get(id).text() != text {
                self.files.replace(id, TextFile::new(path, text));
                self.stamps.set(id, rev);
                self.touched.push(id);
            }
            return id;
        }
        let id = self.files.add(path.clone(), text);
        self.by_path.insert(path, id);
        self.stamps.set(id, rev);
        self.touched.push(id);
        id
    }

    /// The files whose texts came or changed since this was last asked.
    pub(super) fn touched(&mut self) -> impl Iterator<Item = Key> + use<> {
        std::mem::take(&mut self.touched).into_iter().map(Key::File)
    }

    pub(super) fn config(&mut self, root: &Path, rev: Rev) -> Result<FileId> {
        let text = load::read_config(root)?;
        Ok(self.text(CONFIG_FILE.into(), text, rev))
    }

    /// Every note under `content/`, in path order.
    pub(super) fn notes(
        &mut self,
        root: &Path,
        rev: Rev,
        diags: &mut Diagnostics,
    ) -> Result<Vec<NoteFile>> {
        let base = root.join("content");
        let exts = ["md"];
        // The notes the watcher named are read whatever their size and time say (a copy
        // may keep both); with its word for what changed, the others are not even looked at.
        let named = self.named(&base);
        let (paths, trusted, warned) = match self.trusted(&base, &exts) {
            Some(paths) => (paths, true, false),
            None => {
                let mut walked = Diagnostics::default();
                let paths = load::walk(&base, &exts, &mut walked)?;
                let warned = !walked.is_empty();
                diags.extend(walked);
                (paths, false, warned)
            }
        };
        let is_named = |rel: &Path| named.as_ref().is_some_and(|n| n.contains(rel.as_os_str()));
        let started = SystemTime::now();
        let (keep, notes) = (self.keep, &self.notes);
        let found: Vec<(PathBuf, Found)> = paths
            .into_par_iter()
            .map(|rel| {
                let known = notes.get(rel.as_os_str()).filter(|_| !is_named(&rel));
                if let Some(d) = known.filter(|_| trusted) {
                    return (rel, Found::Same(d.file));
                }
                let path = base.join(&rel);
                let meta = keep.then(|| std::fs::metadata(&path).ok()).flatten();
                if let (Some(d), Some(m)) = (known, &meta)
                    && let Some(file) = d.still(m)
                {
                    return (rel, Found::Same(file));
                }
                (rel, Found::Read(load::read_note(&path), meta))
            })
            .collect();
        let mut out = Vec::with_capacity(found.len());
        for (rel, f) in found {
            let shown = Path::new("content").join(&rel);
            let file = match f {
                Found::Same(file) => file,
                Found::Read(read, meta) => {
                    let file = read?.map(|text| self.text(shown.clone(), text, rev));
                    // A note that could not be looked at is read again next time.
                    match meta.and_then(|m| Some((m.len(), m.modified().ok()?))) {
                        Some((len, modified)) => {
                            let d = OnDisk {
                                len,
                                modified,
                                read_at: started,
                                file,
                            };
                            self.notes.insert(rel.clone().into_os_string(), d);
                        }
                        None => {
                            self.notes.remove(rel.as_os_str());
                        }
                    }
                    file
                }
            };
            if file.is_none() {
                diags.push(load::not_utf8(shown));
            }
            out.push(NoteFile { rel, file });
        }
        // A listing taken on the watcher's word is the last one, as it was.
        if !trusted && self.keep {
            let listing: Vec<PathBuf> = out.iter().map(|n| n.rel.clone()).collect();
            let now: std::collections::HashSet<&OsStr> =
                listing.iter().map(|p| p.as_os_str()).collect();
            self.notes.retain(|rel, _| now.contains(rel.as_os_str()));
            // A walk that warned (a symbolic link skipped) leaves no listing to trust: the
            // next build walks again and warns again, as a full build would.
            self.listing = (!warned).then_some(listing);
        }
        Ok(out)
    }

    /// Every archived source under `seeds/` with its sidecar, in path order.
    pub(super) fn sources(
        &mut self,
        root: &Path,
        rev: Rev,
        diags: &mut Diagnostics,
    ) -> Result<Vec<SourceDoc>> {
        if self.untouched(&root.join("seeds"))
            && let Some(docs) = &self.sources
        {
            return Ok(docs.clone());
        }
        // Forgotten first: if reading fails now, the next build reads them again.
        self.sources = None;
        let before = diags.error_count() + diags.warning_count();
        let found = load::sources(root, diags)?;
        let clean = diags.error_count() + diags.warning_count() == before;
        let docs: Vec<SourceDoc> = found
            .into_iter()
            .map(|s| SourceDoc {
                file: self.text(s.path, s.text, rev),
                stem: s.stem,
                format: s.format,
                sha256: s.sha256,
                sidecar: s.sidecar.map(|(path, text)| self.text(path, text, rev)),
            })
            .collect();
        if self.keep && clean {
            self.sources = Some(docs.clone());
        }
        Ok(docs)
    }

    /// The theme's templates (read every time: they are few) and static files.
    pub(super) fn theme(
        &mut self,
        root: &Path,
        config: &Config,
        rev: Rev,
        diags: &mut Diagnostics,
    ) -> Result<(Vec<TemplateFile>, Vec<TableFile>, Vec<StaticFile>)> {
        let texts = load::theme(root, config, diags)?;
        let templates = texts
            .templates
            .into_iter()
            .map(|t| TemplateFile {
                name: t.name,
                file: self.text(t.path, t.text, rev),
            })
            .collect();
        let tables = texts
            .tables
            .into_iter()
            .map(|t| TableFile {
                lang: t.lang,
                built_in: t.built_in,
                file: self.text(t.path, t.text, rev),
            })
            .collect();
        Ok((templates, tables, texts.statics))
    }

    /// Everything was read: the watcher's word has been used up. (A build that failed
    /// before keeps it, and the next one adds to it.)
    pub(super) fn read_all(&mut self) {
        self.changed = None;
    }

    /// Whether the watcher saw nothing change in or above `base`.
    fn untouched(&self, base: &Path) -> bool {
        self.changed
            .as_ref()
            .is_some_and(|c| !c.iter().any(|p| p.starts_with(base) || base.starts_with(p)))
    }

    /// The notes under `base` the watcher named, by their paths under it (as a walk
    /// spells them); `None` when it has not said.
    fn named(&self, base: &Path) -> Option<std::collections::HashSet<OsString>> {
        let changed = self.changed.as_ref()?;
        Some(
            changed
                .iter()
                .filter_map(|p| p.strip_prefix(base).ok())
                .map(|rel| rel.components().collect::<PathBuf>().into_os_string())
                .collect(),
        )
    }

    /// The previous listing of `base`, when the watcher's paths show that no file there was
    /// added, removed or renamed and no folder changed.
    fn trusted(&self, base: &Path, exts: &[&str]) -> Option<Vec<PathBuf>> {
        let listing = self.listing.as_ref()?;
        for path in self.changed.as_ref()? {
            // The folder itself or one above it (a rescan names the root): walk again.
            if base.starts_with(path) {
                return None;
            }
            let Ok(rel) = path.strip_prefix(base) else {
                continue;
            };
            if rel.iter().any(load::is_ignored) {
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
            // A note the listing does not have: walk again.
            if ours && listing.binary_search(&rel.to_path_buf()).is_err() {
                return None;
            }
        }
        Some(listing.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note_texts(root: &Path, inputs: &mut Inputs, rev: u64) -> Vec<String> {
        let mut diags = Diagnostics::default();
        inputs
            .notes(root, Rev(rev), &mut diags)
            .unwrap()
            .into_iter()
            .filter_map(|n| n.file)
            .map(|id| inputs.files.get(id).text().to_string())
            .collect()
    }

    #[test]
    fn a_note_is_read_again_when_it_may_have_changed_unseen() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let note = dir.path().join("content/a.md");
        std::fs::write(&note, "one").unwrap();
        let mut inputs = Inputs::new(true);
        assert_eq!(note_texts(dir.path(), &mut inputs, 1), ["one"]);
        // Same size, and within the time granularity of some file systems: still read again.
        std::fs::write(&note, "two").unwrap();
        assert_eq!(note_texts(dir.path(), &mut inputs, 2), ["two"]);

        // A text that settled long before it was read is taken while size and time hold...
        let entry = inputs.notes.get_mut(OsStr::new("a.md")).unwrap();
        entry.read_at = entry.modified + Duration::from_secs(5);
        let id = entry.file.unwrap();
        inputs
            .files
            .replace(id, TextFile::new("content/a.md".into(), "kept".into()));
        assert_eq!(note_texts(dir.path(), &mut inputs, 3), ["kept"]);
        // ... and read again when either changes.
        std::fs::write(&note, "three").unwrap();
        assert_eq!(note_texts(dir.path(), &mut inputs, 4), ["three"]);
    }

    #[test]
    fn a_text_read_again_unchanged_keeps_its_stamp() {
        let mut inputs = Inputs::new(true);
        let a = inputs.text("content/a.md".into(), "x".into(), Rev(1));
        assert_eq!(inputs.text("content/a.md".into(), "x".into(), Rev(2)), a);
        assert_eq!(inputs.stamp(a), Rev(1));
        inputs.text("content/a.md".into(), "y".into(), Rev(3));
        assert_eq!(inputs.stamp(a), Rev(3));
    }
}
