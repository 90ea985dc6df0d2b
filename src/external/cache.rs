//! The addresses found good, and when: `ROOT/.dossier-cache/external-links.json`.
//!
//! Input: the file, if any, and what a check found. Output: which addresses need not be
//! asked again (found good less than the maximum age ago), and the file written anew
//! (to a temporary file renamed over it, so that a reader never sees half of it). Only good
//! answers are kept: a broken or unreachable address is asked again at every check. A file
//! that cannot be read is taken as empty; the folder holds a `.gitignore` of its own, so
//! that the cache is never committed, whether or not the dossier's `.gitignore` names it.
//!
//! ```json
//! {"version": 1, "good": {"https://example.org/a": "2026-11-20T10:00:00Z"}}
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};

/// The cache's folder under a dossier's root.
pub(crate) const DIR: &str = ".dossier-cache";
const FILE: &str = "external-links.json";
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Cache {
    version: u32,
    /// Each address found good, and when (RFC 3339, UTC).
    good: BTreeMap<String, String>,
}

impl Cache {
    /// The cache of the dossier at `root`; empty when there is none or it cannot be read.
    pub(super) fn load(root: &Path) -> Cache {
        std::fs::read_to_string(path(root))
            .ok()
            .and_then(|text| serde_json::from_str::<Cache>(&text).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// Whether `url` was found good less than `max_age` before `now`.
    pub(super) fn is_fresh(&self, url: &str, now: jiff::Timestamp, max_age: Duration) -> bool {
        let then = self
            .good
            .get(url)
            .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        then.is_some_and(|then| {
            let age = now.as_second().saturating_sub(then.as_second());
            // A time after now (the clock was set back) is not trusted.
            u64::try_from(age).is_ok_and(|age| age < max_age.as_secs())
        })
    }

    /// Records `url` as found good at `now`.
    pub(super) fn good(&mut self, url: &str, now: jiff::Timestamp) {
        // To the second: the file is read by people too.
        let at = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
        self.good.insert(url.to_string(), at.to_string());
    }

    /// Records `url` as not good: it is asked again next time.
    pub(super) fn forget(&mut self, url: &str) {
        self.good.remove(url);
    }

    /// Writes the cache, without the entries older than `keep`.
    pub(super) fn save(mut self, root: &Path, now: jiff::Timestamp, keep: Duration) -> Result<()> {
        let fresh: BTreeSet<String> = self
            .good
            .keys()
            .filter(|u| self.is_fresh(u, now, keep))
            .cloned()
            .collect();
        self.good.retain(|u, _| fresh.contains(u));
        self.version = VERSION;
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# written by dossier check --external\n*\n")
                .with_context(|| format!("cannot write `{}`", ignore.display()))?;
        }
        let text = serde_json::to_string_pretty(&self).context("cannot write the cache")?;
        let target = path(root);
        let temporary = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
        std::fs::write(&temporary, text + "\n")
            .with_context(|| format!("cannot write `{}`", temporary.display()))?;
        std::fs::rename(&temporary, &target).with_context(|| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot write `{}`", target.display())
        })
    }
}

fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_answers_are_kept_until_they_expire() {
        let dir = tempfile::TempDir::new().unwrap();
        let t0: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let day = Duration::from_secs(86_400);
        let mut c = Cache::load(dir.path());
        assert!(!c.is_fresh("https://a.org/", t0, 7 * day));
        c.good("https://a.org/", t0);
        c.good("https://b.org/", t0);
        c.forget("https://b.org/");
        c.save(dir.path(), t0, 7 * day).unwrap();
        let c = Cache::load(dir.path());
        let later = |days: i64| t0 + jiff::SignedDuration::from_hours(24 * days);
        assert!(c.is_fresh("https://a.org/", later(6), 7 * day));
        assert!(!c.is_fresh("https://a.org/", later(7), 7 * day));
        assert!(!c.is_fresh("https://a.org/", t0, Duration::ZERO));
        assert!(!c.is_fresh("https://a.org/", later(-1), 7 * day));
        assert!(!c.is_fresh("https://b.org/", t0, 7 * day));
        // Expired entries are dropped when the cache is written.
        c.save(dir.path(), later(8), 7 * day).unwrap();
        let text = std::fs::read_to_string(path(dir.path())).unwrap();
        assert!(!text.contains("a.org"), "{text}");
        assert!(dir.path().join(DIR).join(".gitignore").exists());
        // Nothing but the cache and its .gitignore is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path().join(DIR)).unwrap().count(), 2);
    }

    #[test]
    fn an_unreadable_cache_is_taken_as_empty() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join(DIR)).unwrap();
        for text in ["", "{", "[]", r#"{"version": 99, "good": {}}"#] {
            std::fs::write(path(dir.path()), text).unwrap();
            assert!(Cache::load(dir.path()).good.is_empty(), "{text}");
        }
    }
}
