//! Output: write the site atomically.
//!
//! Input: the output folder; then each page as it is made (through the
//! [`Sink`](crate::render::Sink) a [`Staging`] is), then the static files. A build with no
//! output folder writes nowhere: its pages go to [`Discard`], or are kept in memory by a
//! [`Collect`] (the preview serves them, `check` follows their links). Everything goes
//! into a staging folder beside the target (same parent, so the swap is a rename on one file
//! system), swapped in only when the whole build succeeded: a failed build leaves the
//! previous site untouched. On Linux the two folders are exchanged in one step, so a build
//! killed at any moment leaves the previous site or the new one; what a killed build left
//! beside the target is swept by the next ([`Staging::new`]). [`check_target`] refuses a
//! folder that holds a dossier's own files, or anything but a previous site.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;

use crate::load::{StaticContent, StaticFile};

/// The folders of a dossier that hold its own files: the site may never be written there.
const DOSSIER_FOLDERS: [&str; 6] = ["content", "seeds", "templates", "static", "themes", "i18n"];

/// The files by which a folder is known as a site dossier built, by any version since the
/// first: a folder that holds them all may be replaced. (Files the site has gained since are
/// not asked for, so that a site built by an older version is still replaced.)
const PREVIOUS_SITE: [&str; 3] = ["index.html", "404.html", "claims.json"];

/// Checks that `out` may be replaced by a site built from `root`.
pub(crate) fn check_target(root: &Path, out: &Path) -> Result<()> {
    let root_abs = real_path(root);
    let out_abs = real_path(out);
    if root_abs.starts_with(&out_abs) {
        bail!(
            "the output folder `{}` contains the dossier itself; it would be replaced\nhelp: write the site to a folder of its own, such as `public/`",
            out.display()
        );
    }
    for folder in DOSSIER_FOLDERS {
        if out_abs.starts_with(root_abs.join(folder)) {
            bail!(
                "the output folder `{}` is inside the dossier's `{folder}/` folder; building there would replace the dossier's own files\nhelp: write the site to a folder of its own, such as `public/`",
                out.display()
            );
        }
    }
    if out_abs.join("dossier.yaml").exists() || out_abs.join("content").is_dir() {
        bail!(
            "the output folder `{}` holds a dossier's files; refusing to replace it\nhelp: write the site to a folder of its own, such as `public/`",
            out.display()
        );
    }
    if out_abs.exists() && !out_abs.is_dir() {
        bail!(
            "the output path `{}` is a file, not a folder",
            out.display()
        );
    }
    // The whole folder is replaced: only an empty one, or a site this tool built (it always
    // has these files), may be. Anything else would be deleted without a word.
    let previous_site = PREVIOUS_SITE.iter().all(|f| out_abs.join(f).is_file());
    let empty = std::fs::read_dir(&out_abs).map_or(true, |mut d| d.next().is_none());
    if out_abs.is_dir() && !empty && !previous_site {
        bail!(
            "the output folder `{}` holds files that are not a site built by dossier; building would delete them\nhelp: write the site to a new or empty folder, or empty this one first",
            out.display()
        );
    }
    Ok(())
}

/// The path as the file system will see it: absolute, `.` and `..` resolved, and symbolic
/// links followed as far as the path exists.
fn real_path(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut lexical = PathBuf::new();
    for c in absolute(p).components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // Follow links in the longest part that exists; the rest is still to be created.
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

/// A site being written: pages go into a staging folder beside the target as they are
/// rendered, and [`Staging::finish`] swaps it in. Dropped unfinished (a failed build), it
/// removes the staging folder and leaves the target as it was.
#[derive(Debug)]
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    done: bool,
}

impl Staging {
    pub(crate) fn new(out: &Path) -> Result<Staging> {
        let out = real_path(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create the folder `{}`", parent.display()))?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        remove_dir(&dir)?;
        remove_dir(&old)?;
        sweep(&parent, &name, &out)?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        Ok(Staging {
            out,
            dir,
            old,
            done: false,
        })
    }

    /// Writes one file of the site, at `rel` (with `/` separators) under the staging folder.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        ensure_parent(&path)?;
        std::fs::write(&path, bytes).with_context(|| {
            format!(
                "cannot write `{rel}` of the new site (at `{}`); the previous site in `{}` is as it was",
                path.display(),
                self.out.display()
            )
        })
    }

    /// Copies the static files, then swaps the staging folder in place of the target.
    pub(crate) fn finish(mut self, statics: &[StaticFile]) -> Result<()> {
        statics.par_iter().try_for_each(|s| {
            let path = self.dir.join(&s.rel);
            ensure_parent(&path)?;
            match &s.content {
                StaticContent::Disk(from) => {
                    std::fs::copy(from, &path).map(|_| ()).with_context(|| {
                        format!("cannot copy `{}` to `{}`", from.display(), path.display())
                    })
                }
                StaticContent::Embedded(bytes) => std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write `{}`", path.display())),
            }
        })?;
        if self.out.exists() && exchange(&self.dir, &self.out) {
            // The new site is in place in one step; the staging folder holds the previous.
            self.done = true;
            return remove_dir(&self.dir);
        }
        if self.out.exists() {
            std::fs::rename(&self.out, &self.old).with_context(|| {
                format!(
                    "cannot move the previous site `{}` aside",
                    self.out.display()
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            // Put the previous site back: the target must never be left half-made or empty.
            let _ = std::fs::rename(&self.old, &self.out);
            return Err(e).with_context(|| {
                format!("cannot move the new site into `{}`", self.out.display())
            });
        }
        self.done = true;
        remove_dir(&self.old)
    }
}

/// Swaps two folders in one step, where the system can (Linux's `renameat2` with
/// `RENAME_EXCHANGE`, on file systems that support it); `false` where it cannot, and the
/// caller moves them one after the other.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// What builds of `out` that were killed left beside it (`.NAME.staging-PID`,
/// `.NAME.old-PID`, of processes no longer running): a previous site moved aside while the
/// target is missing is put back; the rest is removed. A folder of a process still running
/// (another build) is left alone; where processes cannot be looked up (no `/proc`), nothing
/// is touched.
fn sweep(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return Ok(());
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let (staging, old) = (format!(".{name}.staging-"), format!(".{name}.old-"));
    let mut left: Vec<(bool, PathBuf)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let file = e.file_name().to_string_lossy().into_owned();
            let (is_old, pid) = match (file.strip_prefix(&staging), file.strip_prefix(&old)) {
                (Some(pid), _) => (false, pid.to_string()),
                (_, Some(pid)) => (true, pid.to_string()),
                _ => return None,
            };
            let running = pid.parse::<u32>().map_or(true, |p| {
                p == std::process::id() || proc.join(p.to_string()).exists()
            });
            (!running).then(|| (is_old, e.path()))
        })
        .collect();
    left.sort();
    for (is_old, path) in left {
        if is_old && !out.exists() {
            std::fs::rename(&path, out).with_context(|| {
                format!(
                    "cannot put the previous site `{}` back in place",
                    path.display()
                )
            })?;
        } else {
            remove_dir(&path)?;
        }
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, rel: &str, bytes: crate::render::Bytes) -> Result<()> {
        Staging::put(self, rel, bytes.as_slice())
    }
}

/// Where the pages of a check go: nowhere.
#[derive(Debug)]
pub(crate) struct Discard;

/// Where pages go to be kept in memory: gathered, to be served together once the build
/// succeeded (`serve`), or checked (`check`).
#[derive(Debug, Default)]
pub(crate) struct Collect {
    pages: std::sync::Mutex<Vec<(String, std::sync::Arc<[u8]>)>>,
}

impl crate::render::Sink for Collect {
    fn put(&self, path: &str, bytes: crate::render::Bytes) -> anyhow::Result<()> {
        let mut pages = self
            .pages
            .lock()
            .map_err(|_| anyhow::anyhow!("a page failed while the site was gathered"))?;
        pages.push((path.to_string(), bytes.into_shared()));
        Ok(())
    }
}

impl Collect {
    pub(crate) fn into_pages(self) -> Vec<(String, std::sync::Arc<[u8]>)> {
        self.pages.into_inner().unwrap_or_default()
    }
}

impl crate::render::Sink for Discard {
    fn put(&self, _rel: &str, _bytes: crate::render::Bytes) -> Result<()> {
        Ok(())
    }
}

fn ensure_parent(path: &Path) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
    }
    Ok(())
}

/// Removes a folder and all it holds. A site's top level holds a folder per page, so its
/// entries are removed in parallel (at 10,000 notes, removing a previous site on tmpfs took
/// a tenth of the build on one core).
fn remove_dir(p: &Path) -> Result<()> {
    let cannot = || format!("cannot remove `{}`", p.display());
    match std::fs::symlink_metadata(p) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(cannot),
        // A symbolic link (or a file) goes itself, never what it points at.
        Ok(m) if !m.is_dir() => return std::fs::remove_file(p).with_context(cannot),
        Ok(_) => {}
    }
    let entries = std::fs::read_dir(p).with_context(cannot)?;
    let entries: Vec<std::fs::DirEntry> = entries.collect::<Result<_, _>>().with_context(cannot)?;
    entries.par_iter().try_for_each(|e| {
        let path = e.path();
        // The entry itself, never what a symbolic link points at.
        let removed = match e.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        removed.with_context(|| format!("cannot remove `{}`", path.display()))
    })?;
    std::fs::remove_dir(p).with_context(cannot)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_previous_site_is_known_by_files_every_site_still_has() {
        let has = crate::render::layout::every_site_has();
        for f in PREVIOUS_SITE {
            assert!(
                has.iter().any(|x| x == f),
                "`{f}` is no longer a page of every site"
            );
        }
    }

    #[test]
    fn remove_dir_removes_everything_and_never_follows_a_link() -> Result<()> {
        let tmp = tempfile::tempdir()?;
        let site = tmp.path().join("site");
        for page in ["a/index.html", "b/c/index.html", "index.html"] {
            let path = site.join(page);
            ensure_parent(&path)?;
            std::fs::write(&path, "page")?;
        }
        // A link to a folder outside the site: the link goes, the folder stays.
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside)?;
        std::fs::write(outside.join("keep.txt"), "kept")?;
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, site.join("link"))?;

        remove_dir(&site)?;
        assert!(!site.exists());
        assert_eq!(std::fs::read_to_string(outside.join("keep.txt"))?, "kept");
        // Nothing there is nothing to do.
        remove_dir(&site)?;

        // A folder to remove that is itself a link: the link goes, what it points at stays.
        #[cfg(unix)]
        {
            let link = tmp.path().join(".public.old-1");
            std::os::unix::fs::symlink(&outside, &link)?;
            remove_dir(&link)?;
            assert!(std::fs::symlink_metadata(&link).is_err());
            assert_eq!(std::fs::read_to_string(outside.join("keep.txt"))?, "kept");
        }
        Ok(())
    }
}
