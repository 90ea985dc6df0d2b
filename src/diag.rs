//! Content diagnostics: what is wrong in the dossier, where, and how to fix it.
//!
//! Input: problems found by any stage, each a [`Diagnostic`] with a stable code, a message,
//! an optional span into a [`Files`] entry, and at most one help line.
//! Output: [`Diagnostics`], collected across the whole run and rendered, sorted, either for
//! people (`path:line:col`, the line, carets) or as JSON lines for editors and CI.
//! Stages push here and carry on; only the pipeline decides that errors stop the build.
//! Operational failures (I/O, a busy port) are not diagnostics: they are `anyhow` errors.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::files::{FileId, Files};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a byte range in a known file, or only a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Location {
    Span(FileId, Range<usize>),
    Path(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Diagnostic {
    pub severity: Severity,
    /// Short stable name, such as `link-unresolved`; used by tests and the docs.
    pub code: &'static str,
    pub message: String,
    pub location: Location,
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(
        code: &'static str,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            help: None,
        }
    }

    pub(crate) fn warning(
        code: &'static str,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, location)
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// A `did you mean` hint: the closest candidate by edit distance, if it is close enough.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|&(d, c)| (d, c.to_string()))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// `text` cut to at most `max` characters, with `…` when it was cut: for quoting a user's
/// words in a message.
pub(crate) fn ellipsis(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

/// Every diagnostic of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// One diagnostic with its position worked out, ready to print.
#[derive(Debug, Serialize)]
pub(crate) struct Resolved {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    #[serde(skip)]
    source_line: String,
    #[serde(skip)]
    caret_len: usize,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub(crate) fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Positions worked out, sorted by file, line, column and code, duplicates removed.
    pub(crate) fn resolve(&self, files: &Files) -> Vec<Resolved> {
        let mut out: Vec<Resolved> = self.items.iter().map(|d| resolve_one(d, files)).collect();
        out.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        out.dedup_by(|a, b| {
            a.file == b.file
                && a.line == b.line
                && a.column == b.column
                && a.code == b.code
                && a.message == b.message
        });
        out
    }

    /// The text for a terminal: each diagnostic with its line and carets, then a summary.
    pub fn render_human(&self, files: &Files) -> String {
        let mut out = String::new();
        let resolved = self.resolve(files);
        for d in &resolved {
            out.push_str(&d.render());
            out.push('\n');
        }
        let errors = resolved
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = resolved.len() - errors;
        if errors > 0 || warnings > 0 {
            let _ = writeln!(out, "{}", summary(errors, warnings));
        }
        out
    }

    /// One JSON object per line, for editors and CI.
    pub(crate) fn render_json(&self, files: &Files) -> String {
        let mut out = String::new();
        for d in self.resolve(files) {
            if let Ok(line) = serde_json::to_string(&d) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn resolve_one(d: &Diagnostic, files: &Files) -> Resolved {
    let mut r = Resolved {
        file: String::new(),
        line: None,
        column: None,
        end_line: None,
        end_column: None,
        severity: d.severity,
        code: d.code,
        message: d.message.clone(),
        hint: d.help.clone(),
        source_line: String::new(),
        caret_len: 1,
    };
    match &d.location {
        Location::Path(p) => r.file = display_path(p),
        Location::Span(id, range) => {
            let f = files.get(*id);
            r.file = display_path(f.path());
            let (line, col) = f.line_col(range.start);
            let (end_line, end_col) = f.line_col(range.end);
            r.line = Some(line);
            r.column = Some(col);
            r.end_line = Some(end_line);
            r.end_column = Some(end_col);
            r.source_line = f.line_text(line).replace('\t', " ");
            let line_len = r.source_line.chars().count();
            r.caret_len = if end_line == line {
                end_col.saturating_sub(col).max(1)
            } else {
                line_len.saturating_sub(col - 1).max(1)
            };
        }
    }
    r
}

fn display_path(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

impl Resolved {
    fn render(&self) -> String {
        let mut out = String::new();
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{severity}[{}]: {}", self.code, self.message);
        match (self.line, self.column) {
            (Some(line), Some(col)) => {
                let gutter = line.to_string().len();
                let pad = " ".repeat(gutter);
                let _ = writeln!(out, "{pad}--> {}:{line}:{col}", self.file);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{line} | {}", self.source_line);
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(col - 1),
                    "^".repeat(self.caret_len)
                );
                if let Some(h) = &self.hint {
                    let _ = writeln!(out, "{pad} = help: {h}");
                }
            }
            _ => {
                let _ = writeln!(out, " --> {}", self.file);
                if let Some(h) = &self.hint {
                    let _ = writeln!(out, "  = help: {h}");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_the_line_and_carets() {
        let mut files = Files::default();
        let id = files.add(
            "content/a.md".into(),
            "---\ntitle: A\n---\nSee [[nobody]].\n".into(),
        );
        let mut diags = Diagnostics::default();
        let start = files.get(id).text().find("[[").unwrap();
        diags.push(
            Diagnostic::error(
                "link-unresolved",
                "no note matches `nobody`",
                Location::Span(id, start..start + 10),
            )
            .with_help("did you mean `somebody`?"),
        );
        let text = diags.render_human(&files);
        assert_eq!(
            text,
            "error[link-unresolved]: no note matches `nobody`\n \
             --> content/a.md:4:5\n  |\n4 | See [[nobody]].\n  |     ^^^^^^^^^^\n  = help: did you mean `somebody`?\n\n1 error\n"
        );
        let json = diags.render_json(&files);
        assert!(json.contains("\"file\":\"content/a.md\",\"line\":4,\"column\":5"));
    }

    #[test]
    fn did_you_mean_needs_a_close_candidate() {
        assert_eq!(
            did_you_mean("titel", ["title", "theme"]).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(did_you_mean("zzzzzz", ["title", "theme"]), None);
    }
}
