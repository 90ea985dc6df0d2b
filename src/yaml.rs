//! Located reading of a YAML block (front matter, `dossier.yaml`, a source's sidecar).
//!
//! Input: the block's text, its byte offset in its file, and the file's id.
//! Output: typed values for each key, and for every problem a diagnostic whose span points
//! into the file itself (a YAML error's line is relative to the block: the offset is added
//! here, so the author sees the file's own line). It reads no files and never panics on input.

use std::ops::Range;

use serde_yaml::{Mapping, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::{FileId, TextFile};
use crate::language::is_language_tag;

/// A parsed top-level YAML mapping, with what is needed to point into its file.
#[derive(Debug)]
pub struct YamlBlock<'a> {
    pub map: Mapping,
    file: FileId,
    source: &'a TextFile,
    /// Byte range of the block in the file.
    range: Range<usize>,
}

impl<'a> YamlBlock<'a> {
    /// Parses `source[range]` as a mapping; a syntax error or a non-mapping is reported and
    /// gives `None`. An empty block is an empty mapping.
    pub fn parse(
        file: FileId,
        source: &'a TextFile,
        range: Range<usize>,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let text = &source.text()[range.clone()];
        let value: Value = match serde_yaml::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let at = match e.location() {
                    Some(loc) => {
                        let (block_line, _) = source.line_col(range.start);
                        let line_start = source.line_start(block_line + loc.line() - 1);
                        let line_text = source.line_text(block_line + loc.line() - 1);
                        let col_bytes: usize = line_text
                            .chars()
                            .take(loc.column().saturating_sub(1))
                            .map(char::len_utf8)
                            .sum();
                        let start = (line_start + col_bytes).min(range.end);
                        start..start
                    }
                    None => range.start..range.start,
                };
                let message = yaml_message(&e.to_string());
                diags.push(
                    Diagnostic::error(
                        "yaml-syntax",
                        format!("{what} is not valid YAML: {message}"),
                        Location::Span(file, at),
                    )
                    .with_help("check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&` or `@`"),
                );
                return None;
            }
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => Mapping::new(),
            _ => {
                diags.push(
                    Diagnostic::error(
                        "yaml-not-mapping",
                        format!("{what} must be a list of `key: value` lines"),
                        Location::Span(file, range.start..range.end.min(range.start + 1)),
                    )
                    .with_help("write one `key: value` per line, such as `title: My note`"),
                );
                return None;
            }
        };
        Some(YamlBlock {
            map,
            file,
            source,
            range,
        })
    }

    pub fn file(&self) -> FileId {
        self.file
    }

    /// The span of a top-level key (`key:` at the start of a line), or the block's start.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        let text = &self.source.text()[self.range.clone()];
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let unquoted = line.strip_prefix(key).or_else(|| {
                let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''))?;
                line[1..].strip_prefix(key)?.strip_prefix(quote)
            });
            if let Some(rest) = unquoted
                && rest.trim_start_matches([' ', '\t']).starts_with(':')
            {
                let start = self.range.start + offset;
                return start..start + line.len() - rest.len();
            }
            offset += line.len();
        }
        self.range.start..self.range.start
    }

    /// The span of the value of a top-level key: from after `key:` to the end of that line.
    pub fn value_span(&self, key: &str) -> Range<usize> {
        let key = self.key_span(key);
        let text = self.source.text();
        let after = text[key.end..]
            .find(':')
            .map_or(key.end, |i| key.end + i + 1);
        let line_end = text[after..]
            .find(['\r', '\n'])
            .map_or(text.len(), |i| after + i);
        let value = &text[after..line_end];
        let lead = value.len() - value.trim_start().len();
        let start = after + lead;
        let end = start + value.trim().len();
        if end > start { start..end } else { key }
    }

    /// The span of `needle` inside the value of `key` (which may span several lines), or the
    /// key itself. The `nth` occurrence (from 0) is taken, for repeated values.
    /// Within the value of `key`, from byte `from` on: the span of the last of `needles`,
    /// each found after the one before (`["para", "0"]` finds the `0` of `para: 0`).
    pub fn find_after(&self, key: &str, from: usize, needles: &[&str]) -> Option<Range<usize>> {
        let key_span = self.key_span(key);
        let text = self.source.text();
        let end = self.value_end(key_span.end);
        let mut at = from.max(key_span.end);
        let mut found = None;
        for needle in needles {
            let i = text.get(at..end)?.find(needle)?;
            found = Some(at + i..at + i + needle.len());
            at += i + needle.len();
        }
        found
    }

    pub fn find_in_value(&self, key: &str, needle: &str, nth: usize) -> Range<usize> {
        let key_span = self.key_span(key);
        let text = self.source.text();
        let end = self.value_end(key_span.end);
        let hay = &text[key_span.end..end];
        hay.match_indices(needle)
            .nth(nth)
            .map(|(i, _)| key_span.end + i..key_span.end + i + needle.len())
            .unwrap_or(key_span)
    }

    /// Where the value of a key that ends at `from` ends: at the next top-level key.
    fn value_end(&self, from: usize) -> usize {
        let text = &self.source.text()[..self.range.end];
        let mut pos = from;
        let mut first = true;
        for line in text[from..].split_inclusive('\n') {
            if !first
                && line
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#')
            {
                return pos;
            }
            first = false;
            pos += line.len();
        }
        self.range.end
    }

    pub fn loc(&self, span: Range<usize>) -> Location {
        Location::Span(self.file, span)
    }

    /// Reports every key not in `known` as `code`, with a did-you-mean.
    pub fn check_keys(
        &self,
        known: &[&str],
        what: &str,
        severity_error: bool,
        diags: &mut Diagnostics,
    ) {
        for k in self.map.keys() {
            let name = match k {
                Value::String(s) => s.clone(),
                other => yaml_scalar(other).unwrap_or_else(|| "?".into()),
            };
            if known.contains(&name.as_str()) {
                continue;
            }
            let message = format!("unknown key `{name}` in {what}");
            let loc = self.loc(self.key_span(&name));
            let hint = did_you_mean(&name, known.iter().copied())
                .or_else(|| Some(format!("the known keys are {}", list(known))));
            let d = if severity_error {
                Diagnostic::error("unknown-key", message, loc)
            } else {
                Diagnostic::warning("unknown-key", message, loc)
            };
            diags.push(d.with_help_opt(hint));
        }
    }

    /// Whether an unknown key looks like a misspelling of `key` (`titel:` for `title`): its
    /// unknown-key error already says what to do, so a missing `key` is not reported too.
    pub fn has_misspelling_of(&self, key: &str, known: &[&str]) -> bool {
        let wanted = format!("did you mean `{key}`?");
        self.map.keys().filter_map(yaml_scalar).any(|name| {
            !known.contains(&name.as_str())
                && did_you_mean(&name, known.iter().copied()).as_deref() == Some(wanted.as_str())
        })
    }

    /// A BCP 47 language tag (`lang`, `language`), reporting one that is not.
    pub fn language(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        self.string_that(key, diags, is_language_tag, |tag| {
            Diagnostic::error(
                "language-tag",
                format!("`{key}` `{tag}` is not a BCP 47 language tag"),
                self.loc(self.value_span(key)),
            )
            .with_help(format!(
                "write a tag such as `{key}: ru`, `{key}: en` or `{key}: en-GB`"
            ))
        })
    }

    /// A web address (`http(s)://…`, never a script) a page links to, reporting any other.
    pub fn web_address(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let is_web = |url: &str| {
            let lower = url.trim_start().to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://")
        };
        self.string_that(key, diags, is_web, |url| {
            Diagnostic::error(
                "source-url",
                format!("`{key}` `{url}` is not a web address"),
                self.loc(self.value_span(key)),
            )
            .with_help(format!(
                "write the full address, `{key}: https://…`, or leave it out when unknown"
            ))
        })
    }

    /// A string that passes `ok`; one that does not is reported with `refusal`.
    fn string_that(
        &self,
        key: &str,
        diags: &mut Diagnostics,
        ok: impl Fn(&str) -> bool,
        refusal: impl Fn(&str) -> Diagnostic,
    ) -> Option<String> {
        let value = self.string(key, diags)?;
        if ok(&value) {
            return Some(value);
        }
        diags.push(refusal(&value));
        None
    }

    /// Whether the key is written, even with no value (`claimant:`).
    pub fn has_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A scalar as text (strings, numbers and booleans), reporting anything else.
    pub fn string(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let v = self.get(key)?;
        match yaml_scalar(v) {
            Some(s) => Some(s),
            None => {
                diags.push(
                    Diagnostic::error(
                        "yaml-type",
                        format!("`{key}` must be text, not {}", yaml_kind(v)),
                        self.loc(self.value_span(key)),
                    )
                    .with_help(format!("write it on one line: `{key}: ...`")),
                );
                None
            }
        }
    }

    /// A list of scalars; a single scalar counts as a list of one.
    pub fn string_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<String> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        if let Some(s) = yaml_scalar(v) {
            return vec![s];
        }
        let Value::Sequence(items) = v else {
            diags.push(
                Diagnostic::error(
                    "yaml-type",
                    format!("`{key}` must be a list, not {}", yaml_kind(v)),
                    self.loc(self.value_span(key)),
                )
                .with_help(format!("write `{key}: [first, second]`")),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match yaml_scalar(item) {
                Some(s) => out.push(s),
                None => diags.push(
                    Diagnostic::error(
                        "yaml-type",
                        format!(
                            "each entry of `{key}` must be text, not {}",
                            yaml_kind(item)
                        ),
                        self.loc(self.key_span(key)),
                    )
                    .with_help(format!("write `{key}: [first, second]`")),
                ),
            }
        }
        out
    }

    pub fn bool(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            v => {
                diags.push(
                    Diagnostic::error(
                        "yaml-type",
                        format!("`{key}` must be `true` or `false`, not {}", yaml_kind(v)),
                        self.loc(self.value_span(key)),
                    )
                    .with_help(format!("write `{key}: true` or `{key}: false`")),
                );
                None
            }
        }
    }
}

/// A YAML scalar as text: strings as they are, numbers and booleans as written.
pub fn yaml_scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => yaml_scalar(&t.value),
        _ => None,
    }
}

pub fn yaml_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// `a`, `b` and `c`, for help lines.
pub fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The YAML library's message without its own position suffix (we show ours).
fn yaml_message(raw: &str) -> String {
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    msg.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Files;

    #[test]
    fn a_key_is_found_plain_or_quoted_and_not_as_the_start_of_another() {
        let text = "---\ntags: [a]\n\"tag\": x\n'kind': person\n---\n";
        let mut files = Files::default();
        let id = files.add("n.md".into(), text.to_string());
        let mut diags = Diagnostics::default();
        let block = YamlBlock::parse(id, files.get(id), 4..text.len() - 4, "x", &mut diags)
            .expect("a mapping");
        let at = |key: &str| &text[block.key_span(key)];
        assert_eq!(at("tags"), "tags");
        assert_eq!(at("tag"), "\"tag\"");
        assert_eq!(at("kind"), "'kind'");
        assert_eq!(block.key_span("missing"), 4..4);
    }
}
