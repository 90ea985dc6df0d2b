//! Located reading of a YAML block (front matter, `dossier.yaml`, a source's sidecar).
//!
//! Input: the block's text, its byte offset in its file, and the file's id.
//! Output: typed values for each key, and for every problem a diagnostic whose span points
//! into the file itself (a YAML error's line is relative to the block: the offset is added
//! here, so the author sees the file's own line). A value's span is that of a whole scalar as
//! written (`jane-doe`, never the start of `jane-doe-senior`), read from the block's text
//! token by token. It reads no files and never panics on input.

use std::ops::Range;

use serde_yaml::{Mapping, Value};

use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::{FileId, TextFile};
use crate::language::is_language_tag;

/// A parsed top-level YAML mapping, with what is needed to point into its file.
#[derive(Debug)]
pub(crate) struct YamlBlock<'a> {
    pub map: Mapping,
    file: FileId,
    source: &'a TextFile,
    /// Byte range of the block in the file.
    range: Range<usize>,
}

impl<'a> YamlBlock<'a> {
    /// Parses `source[range]` as a mapping; a syntax error or a non-mapping is reported and
    /// gives `None`. An empty block is an empty mapping.
    pub(crate) fn parse(
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
                        // The block's first character (a whole one: it may be Cyrillic).
                        Location::Span(
                            file,
                            range.start
                                ..range.start
                                    + source.text()[range.clone()]
                                        .chars()
                                        .next()
                                        .map_or(0, char::len_utf8),
                        ),
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

    /// The span of a top-level key (`key:` at the start of a line), or the block's start.
    pub(crate) fn key_span(&self, key: &str) -> Range<usize> {
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
    pub(crate) fn value_span(&self, key: &str) -> Range<usize> {
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

    /// Within the value of `key`, from byte `from` on: the span of the last of `needles`,
    /// each a whole scalar found after the one before (`["para", "0"]` finds the `0` of
    /// `para: 0`, never the one of `para: 10`). See [`YamlBlock::find_in_value`] for what a
    /// span covers.
    pub(crate) fn find_after(
        &self,
        key: &str,
        from: usize,
        needles: &[&str],
    ) -> Option<Range<usize>> {
        let key_span = self.key_span(key);
        let from = from.max(key_span.end);
        let scalars = self.scalars_in_value(&key_span);
        let mut rest = scalars.iter().filter(|s| s.span.start >= from);
        let mut found = None;
        for needle in needles {
            found = Some(rest.find(|s| s.says(needle))?.span.clone());
        }
        found
    }

    /// The span of the `nth` (from 0, for repeated values) scalar of the value of `key` that
    /// says `needle`, or the key itself. Whole scalars only: `jane-doe` is not found inside
    /// `jane-doe-senior`, nor `report` inside `report-2`; keys (`source` in `{source: a}`) are
    /// not values. The span covers the scalar as written, inside its quotes: for
    /// `"[[Elon Musk]]"`, the reference Obsidian-style, it is `[[Elon Musk]]`.
    pub(crate) fn find_in_value(&self, key: &str, needle: &str, nth: usize) -> Range<usize> {
        let key_span = self.key_span(key);
        self.scalars_in_value(&key_span)
            .into_iter()
            .filter(|s| !s.is_key && s.says(needle))
            .nth(nth)
            .map_or(key_span, |s| s.span)
    }

    /// The scalars written in the value of the key at `key_span`, in order.
    fn scalars_in_value(&self, key_span: &Range<usize>) -> Vec<Scalar> {
        let text = self.source.text();
        let end = self.value_end(key_span.end);
        let key_column = column(text, key_span.start);
        scalars(text, key_span.end..end, key_column)
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

    pub(crate) fn loc(&self, span: Range<usize>) -> Location {
        Location::Span(self.file, span)
    }

    /// Reports every key not in `known` as `code`, with a did-you-mean.
    pub(crate) fn check_keys(
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
    pub(crate) fn has_misspelling_of(&self, key: &str, known: &[&str]) -> bool {
        let wanted = format!("did you mean `{key}`?");
        self.map.keys().filter_map(yaml_scalar).any(|name| {
            !known.contains(&name.as_str())
                && did_you_mean(&name, known.iter().copied()).as_deref() == Some(wanted.as_str())
        })
    }

    /// A BCP 47 language tag (`lang`, `language`), reporting one that is not.
    pub(crate) fn language(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
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
    pub(crate) fn web_address(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
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
    pub(crate) fn has_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A scalar as text (strings, numbers and booleans), reporting anything else.
    pub(crate) fn string(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
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
    pub(crate) fn string_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<String> {
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

    pub(crate) fn bool(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
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
pub(crate) fn yaml_scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => yaml_scalar(&t.value),
        _ => None,
    }
}

pub(crate) fn yaml_kind(v: &Value) -> &'static str {
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
pub(crate) fn list(items: &[&str]) -> String {
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

/// One scalar of a YAML value, as the locator sees it: where it is written and what it says.
#[derive(Debug)]
struct Scalar {
    /// The written text: a plain scalar as it stands, a quoted one inside its quotes, a block
    /// scalar (`|`, `>`) from its first content character to its last.
    span: Range<usize>,
    /// Where it ends, closing quote included: a `:` right after makes it a key.
    written_end: usize,
    /// Its column: once it is a key, the column its value's lines must go beyond.
    column: usize,
    /// What it says: quotes, escapes and indentation taken away.
    value: String,
    /// Whether it is compared word by word: it is written over several lines or as a block
    /// scalar, and how its lines are folded or its last line break kept is not compared.
    by_words: bool,
    /// Whether a `:` follows it: it is a mapping's key.
    is_key: bool,
}

impl Scalar {
    fn says(&self, needle: &str) -> bool {
        self.value == needle
            || (self.by_words && self.value.split_whitespace().eq(needle.split_whitespace()))
    }
}

/// The scalars of a YAML value written at `range` of `text`, in order: plain,
/// 'single-quoted', "double-quoted" and block (`|`, `>`) scalars, in flow (`[a, b]`,
/// `{source: a}`) and block (`- a`) collections. Comments, anchors, tags and aliases are
/// skipped. `parent_column` is the column of the key that holds the value: a plain or block
/// scalar continues only on lines indented further than its parent. It is a reader of
/// tokens, not a YAML parser (the block was parsed already): on text that is not YAML it
/// returns what it can and never panics.
fn scalars(text: &str, range: Range<usize>, parent_column: usize) -> Vec<Scalar> {
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        end,
        pos: range.start,
        flow: 0,
        parent_column,
        out: Vec::new(),
    };
    if text.is_char_boundary(scanner.pos) {
        scanner.run();
    }
    scanner.out
}

/// The byte column of `pos` in its line (indentation is ASCII spaces, so bytes will do).
fn column(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    let line_start = text.as_bytes()[..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    pos - line_start
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// Reads scalars from `pos` to `end`. Positions only ever stop on ASCII bytes or move by
/// whole characters, so every slice is on a character boundary.
struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    end: usize,
    pos: usize,
    /// How many `[` and `{` are open.
    flow: usize,
    /// The column of the last key or `- `: continuation lines are indented further.
    parent_column: usize,
    out: Vec<Scalar>,
}

impl Scanner<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        (at < self.end).then(|| self.bytes[at])
    }

    /// Whether `at` is followed by a blank, the end, or (in a flow collection) `,[]{}`.
    fn ends_token_after(&self, at: usize) -> bool {
        self.byte(at + 1)
            .is_none_or(|b| is_blank(b) || (self.flow > 0 && is_flow_indicator(b)))
    }

    fn run(&mut self) {
        while let Some(b) = self.byte(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' if self.pos == 0 || is_blank(self.bytes[self.pos - 1]) => {
                    self.pos = self.line_end(self.pos);
                }
                b'[' | b'{' => {
                    self.flow += 1;
                    self.pos += 1;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.pos += 1;
                }
                b',' if self.flow > 0 => self.pos += 1,
                b':' if self.ends_token_after(self.pos) || self.quoted_key_before() => {
                    self.mark_key();
                    self.pos += 1;
                }
                b'-' | b'?' if self.byte(self.pos + 1).is_none_or(is_blank) => {
                    self.parent_column = column(self.text, self.pos);
                    self.pos += 1;
                }
                b'&' | b'!' | b'*' => self.skip_property(),
                b'\'' => self.quoted(b'\''),
                b'"' => self.quoted(b'"'),
                b'|' | b'>' if self.flow == 0 => self.block_scalar(),
                _ => self.plain(),
            }
        }
    }

    /// The end of the line `from` is on, before its `\n` (or the end).
    fn line_end(&self, from: usize) -> usize {
        let from = from.min(self.end);
        self.bytes[from..self.end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.end, |i| from + i)
    }

    /// `"key":value` is a key even without a blank after the `:`.
    fn quoted_key_before(&self) -> bool {
        self.out
            .last()
            .is_some_and(|s| s.written_end == self.pos && s.written_end > s.span.end && !s.is_key)
    }

    /// A `:` at `pos` makes the scalar just before it, on the same line, a key.
    fn mark_key(&mut self) {
        let pos = self.pos;
        let bytes = self.bytes;
        if let Some(last) = self.out.last_mut()
            && !last.is_key
            && last.written_end <= pos
            && bytes[last.written_end..pos]
                .iter()
                .all(|&b| b == b' ' || b == b'\t')
        {
            last.is_key = true;
            self.parent_column = last.column;
        }
    }

    /// `&anchor`, `!tag`, `*alias`: up to the next blank (or flow indicator).
    fn skip_property(&mut self) {
        self.pos += 1;
        while let Some(b) = self.byte(self.pos) {
            if is_blank(b) || (self.flow > 0 && is_flow_indicator(b)) {
                break;
            }
            self.pos += self.char_len(self.pos);
        }
    }

    fn char_len(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8)
    }

    /// Adds a scalar written from `written.start` (its opening quote, if any) to
    /// `written.end` (its closing quote), whose text is at `span`.
    fn push(&mut self, written: Range<usize>, span: Range<usize>, value: String, by_words: bool) {
        let column = column(self.text, written.start);
        let written_end = written.end;
        self.out.push(Scalar {
            span,
            written_end,
            column,
            value,
            by_words,
            is_key: false,
        });
    }

    /// A plain scalar: to a `: `, a ` #`, the line's end or (in a flow collection) `,[]{}`,
    /// then on following lines while they continue it.
    fn plain(&mut self) {
        let start = self.pos;
        let mut span_end = start;
        let mut value = String::new();
        let mut lines = 0;
        loop {
            let line_from = self.pos;
            let mut at = self.pos;
            let mut stopped = false;
            while let Some(b) = self.byte(at) {
                let comment = b == b'#' && at > line_from && is_blank(self.bytes[at - 1]);
                if matches!(b, b'\r' | b'\n') {
                    break;
                }
                if (b == b':' && self.ends_token_after(at))
                    || comment
                    || (self.flow > 0 && is_flow_indicator(b))
                {
                    stopped = true;
                    break;
                }
                at += self.char_len(at);
            }
            let segment = self.text[line_from..at].trim_end_matches([' ', '\t']);
            if !segment.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(segment);
                span_end = line_from + segment.len();
            }
            lines += 1;
            self.pos = at;
            if stopped {
                break;
            }
            match self.continuation(at) {
                Some(next) => self.pos = next,
                None => break,
            }
        }
        if span_end == start {
            // Nothing readable (it cannot happen on YAML): step over one character.
            self.pos = start + self.char_len(start);
            return;
        }
        self.push(start..span_end, start..span_end, value, lines > 1);
    }

    /// Where a plain scalar that reached the end of a line at `at` goes on, if it does: the
    /// next line that is not blank nor a comment, indented further than its parent in block
    /// context, not starting with a flow indicator in flow context.
    fn continuation(&self, at: usize) -> Option<usize> {
        let mut line_start = at;
        loop {
            let eol = self.line_end(line_start);
            let next = eol + 1;
            if next >= self.end {
                return None;
            }
            let content = self.bytes[next..self.end]
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .map_or(self.end, |i| next + i);
            let first = self.byte(content)?;
            if matches!(first, b'\r' | b'\n') {
                line_start = content;
                continue;
            }
            if first == b'#' {
                return None;
            }
            let ok = if self.flow > 0 {
                let key_separator = first == b':' && self.ends_token_after(content);
                !is_flow_indicator(first) && !key_separator
            } else {
                content - next > self.parent_column
            };
            return ok.then_some(content);
        }
    }

    /// A quoted scalar; its span is inside the quotes (to the end if it is not closed).
    fn quoted(&mut self, quote: u8) {
        let start = self.pos + 1;
        let mut at = start;
        let mut value = String::new();
        let mut by_words = false;
        let mut close = None;
        while let Some(b) = self.byte(at) {
            match b {
                _ if b == quote => {
                    if quote == b'\'' && self.byte(at + 1) == Some(b'\'') {
                        value.push('\'');
                        at += 2;
                        continue;
                    }
                    close = Some(at);
                    break;
                }
                b'\\' if quote == b'"' => at = self.escape(at, &mut value, &mut by_words),
                b'\r' | b'\n' => {
                    by_words = true;
                    value.push(' ');
                    at += 1;
                }
                _ => {
                    let len = self.char_len(at);
                    value.push_str(self.text.get(at..at + len).unwrap_or_default());
                    at += len;
                }
            }
        }
        let (content_end, written_end) = match close {
            Some(c) => (c, c + 1),
            None => (self.end, self.end),
        };
        self.pos = written_end;
        self.push(start - 1..written_end, start..content_end, value, by_words);
    }

    /// The escape at `at` (a `\` in a double-quoted scalar), pushed onto `value`; returns
    /// where the scalar goes on.
    fn escape(&self, at: usize, value: &mut String, by_words: &mut bool) -> usize {
        let Some(e) = self.byte(at + 1) else {
            return at + 1;
        };
        let simple = match e {
            b'0' => Some('\0'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b't' | b'\t' => Some('\t'),
            b'n' => Some('\n'),
            b'v' => Some('\u{b}'),
            b'f' => Some('\u{c}'),
            b'r' => Some('\r'),
            b'e' => Some('\u{1b}'),
            b' ' => Some(' '),
            b'"' => Some('"'),
            b'/' => Some('/'),
            b'\\' => Some('\\'),
            b'N' => Some('\u{85}'),
            b'_' => Some('\u{a0}'),
            b'L' => Some('\u{2028}'),
            b'P' => Some('\u{2029}'),
            _ => None,
        };
        if let Some(c) = simple {
            value.push(c);
            return at + 2;
        }
        let digits = match e {
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            b'\r' | b'\n' => {
                // An escaped line break joins the lines without a space.
                *by_words = true;
                let mut next = at + 1;
                while self
                    .byte(next)
                    .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                {
                    next += 1;
                }
                return next;
            }
            _ => {
                // Not YAML: kept as written.
                value.push('\\');
                return at + 1;
            }
        };
        let hex = self
            .text
            .get(at + 2..(at + 2 + digits).min(self.end))
            .unwrap_or("");
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(c) if hex.len() == digits && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                value.push(c);
                at + 2 + digits
            }
            _ => {
                value.push('\\');
                at + 1
            }
        }
    }

    /// A block scalar (`|` or `>` and its header), then its content lines: those indented
    /// like the first of them, which is indented further than the parent.
    fn block_scalar(&mut self) {
        let mut line_start = self.line_end(self.pos) + 1;
        self.pos = line_start.min(self.end);
        let mut indent = None;
        let mut span: Option<Range<usize>> = None;
        let mut lines: Vec<&str> = Vec::new();
        while line_start < self.end {
            let eol = self.line_end(line_start);
            let line = self.text[line_start..eol].trim_end_matches('\r');
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() {
                lines.push("");
            } else {
                let min = *indent.get_or_insert(spaces);
                if spaces < min || min <= self.parent_column {
                    break;
                }
                let content = line[min..].trim_end_matches([' ', '\t']);
                let start = span.as_ref().map_or(line_start + min, |s| s.start);
                span = Some(start..line_start + min + content.len());
                lines.push(&line[min..]);
            }
            line_start = eol + 1;
            self.pos = line_start.min(self.end);
        }
        if let Some(span) = span {
            let value = lines.join("\n");
            self.push(span.clone(), span, value, true);
        }
    }
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

    /// Runs `check` on the front matter `yaml` (its lines, without the `---` ones) of a note,
    /// with the note's text.
    fn with_block(yaml: &str, check: impl FnOnce(&YamlBlock, &str)) {
        let text = format!("---\n{yaml}---\n");
        let mut files = Files::default();
        let id = files.add("n.md".into(), text.clone());
        let mut diags = Diagnostics::default();
        let block = YamlBlock::parse(id, files.get(id), 4..4 + yaml.len(), "x", &mut diags)
            .expect("a mapping");
        check(&block, &text);
    }

    /// A span as the author sees it: 1-based line and column (in characters), and its text.
    fn seen(text: &str, span: Range<usize>) -> (usize, usize, &str) {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..span.start].matches('\n').count() + 1;
        let column = text[line_start..span.start].chars().count() + 1;
        (line, column, &text[span])
    }

    #[test]
    fn a_list_item_is_found_whole_not_inside_a_longer_one() {
        with_block("subjects: [jane-doe-senior, jane-doe]\n", |b, text| {
            let at = |needle| seen(text, b.find_in_value("subjects", needle, 0));
            assert_eq!(at("jane-doe"), (2, 29, "jane-doe"));
            assert_eq!(at("jane-doe-senior"), (2, 12, "jane-doe-senior"));
        });
        with_block("subjects: [jane-doe, jane-doe-senior]\n", |b, text| {
            let at = |needle| seen(text, b.find_in_value("subjects", needle, 0));
            assert_eq!(at("jane-doe"), (2, 12, "jane-doe"));
            assert_eq!(at("jane-doe-senior"), (2, 22, "jane-doe-senior"));
        });
        // A plain scalar in a flow list may hold spaces: it ends at the comma.
        with_block("subjects: [Elon Musk Jr, Elon Musk]\n", |b, text| {
            let span = b.find_in_value("subjects", "Elon Musk", 0);
            assert_eq!(seen(text, span), (2, 26, "Elon Musk"));
        });
    }

    #[test]
    fn a_block_list_item_is_found_whole_and_a_comment_is_not_a_value() {
        let yaml = "subjects:\n  - jane-doe-senior # and jane-doe\n  - jane-doe\nkind: claim\n";
        with_block(yaml, |b, text| {
            let span = b.find_in_value("subjects", "jane-doe", 0);
            assert_eq!(seen(text, span), (4, 5, "jane-doe"));
        });
        let crlf = "subjects:\r\n  - jane-doe-senior\r\n  - 'jane-doe'\r\n";
        with_block(crlf, |b, text| {
            let span = b.find_in_value("subjects", "jane-doe", 0);
            assert_eq!(seen(text, span), (4, 6, "jane-doe"));
        });
        with_block("subjects: [clerk] # not jane-doe\n", |b, _| {
            assert_eq!(
                b.find_in_value("subjects", "jane-doe", 0),
                b.key_span("subjects")
            );
        });
    }

    #[test]
    fn a_quoted_item_is_found_inside_its_quotes() {
        let yaml =
            "subjects: [\"jane doe senior\", 'jane doe', \"[[Elon Musk]]\", 'it''s', \"a\\\"b\"]\n";
        with_block(yaml, |b, text| {
            let at = |needle| seen(text, b.find_in_value("subjects", needle, 0));
            assert_eq!(at("jane doe"), (2, 32, "jane doe"));
            assert_eq!(at("jane doe senior"), (2, 13, "jane doe senior"));
            // An Obsidian-style reference: the caret covers the brackets, not the quotes.
            assert_eq!(at("[[Elon Musk]]"), (2, 44, "[[Elon Musk]]"));
            assert_eq!(at("it's"), (2, 61, "it''s"));
            assert_eq!(at("a\"b"), (2, 70, "a\\\"b"));
        });
        with_block("claimant: \"[[Elon Musk]]\"\n", |b, text| {
            let span = b.find_in_value("claimant", "[[Elon Musk]]", 0);
            assert_eq!(seen(text, span), (2, 12, "[[Elon Musk]]"));
        });
    }

    #[test]
    fn a_repeated_item_is_found_at_its_own_place() {
        with_block("subjects: [jane-doe, clerk, \"jane-doe\"]\n", |b, text| {
            let at = |nth| seen(text, b.find_in_value("subjects", "jane-doe", nth));
            assert_eq!(at(0), (2, 12, "jane-doe"));
            assert_eq!(at(1), (2, 30, "jane-doe"));
            assert_eq!(at(2), (2, 1, "subjects"));
        });
    }

    #[test]
    fn a_source_id_is_not_found_inside_a_longer_id_nor_as_a_key() {
        let yaml = "sources:\n  - {source: report-2, para: 3}\n  - {source: report, para: 1}\n  - {source: source}\n";
        with_block(yaml, |b, text| {
            let at = |needle| seen(text, b.find_in_value("sources", needle, 0));
            assert_eq!(at("report"), (4, 14, "report"));
            assert_eq!(at("report-2"), (3, 14, "report-2"));
            assert_eq!(at("source"), (5, 14, "source"));
        });
        let yaml = "sources:\n  - source: report-2\n    para: 3\n  - source: report\n    para: 1\n";
        with_block(yaml, |b, text| {
            let span = b.find_in_value("sources", "report", 0);
            assert_eq!(seen(text, span.clone()), (5, 13, "report"));
            let para = b.find_after("sources", span.start, &["para", "1"]);
            assert_eq!(para.map(|p| seen(text, p)), Some((6, 11, "1")));
        });
    }

    #[test]
    fn a_paragraph_number_is_not_found_inside_a_longer_one() {
        let yaml = "sources:\n  - {source: report, para: 12}\n  - {source: report, para: 1}\n  - {source: report, para: \"11\"}\n";
        with_block(yaml, |b, text| {
            let para = |nth, p| {
                let from = b.find_in_value("sources", "report", nth).start;
                b.find_after("sources", from, &["para", p])
                    .map(|s| seen(text, s))
            };
            assert_eq!(para(0, "12"), Some((3, 28, "12")));
            assert_eq!(para(1, "1"), Some((4, 28, "1")));
            assert_eq!(para(2, "11"), Some((5, 29, "11")));
            assert_eq!(para(2, "1"), None);
        });
    }

    #[test]
    fn a_quote_is_found_whole_however_it_is_written() {
        let yaml = concat!(
            "sources:\n",
            "  - {source: report, para: 2, quote: \"the vote\"}\n",
            "  - {source: report, para: 3, quote: \"the vote was \\\"routine\\\"\"}\n",
            "  - source: report\n",
            "    para: 2\n",
            "    quote: >\n",
            "      approved the contract\n",
            "      on Tuesday\n",
            "  - {source: report, para: 2, quote: 'approved the\n",
            "      contract'}\n",
        );
        with_block(yaml, |b, text| {
            let quote = |nth, q| {
                let from = b.find_in_value("sources", "report", nth).start;
                b.find_after("sources", from, &["quote", q])
                    .map(|s| seen(text, s))
            };
            assert_eq!(quote(0, "the vote"), Some((3, 39, "the vote")));
            assert_eq!(
                quote(1, "the vote was \"routine\""),
                Some((4, 39, "the vote was \\\"routine\\\""))
            );
            assert_eq!(quote(1, "the vote"), None);
            let folded = quote(2, "approved the contract on Tuesday\n");
            assert_eq!(
                folded,
                Some((8, 7, "approved the contract\n      on Tuesday"))
            );
            let over_lines = quote(3, "approved the contract");
            assert_eq!(over_lines, Some((10, 39, "approved the\n      contract")));
        });
    }

    #[test]
    fn cyrillic_values_are_found_whole() {
        let yaml = "subjects: [Иван Петров-Водкин, Иван Петров]\nsources:\n  - {source: кремль-2, quote: «Кремль»}\n  - source: 'кремль'\n";
        with_block(yaml, |b, text| {
            let span = b.find_in_value("subjects", "Иван Петров", 0);
            assert_eq!(seen(text, span), (2, 32, "Иван Петров"));
            let span = b.find_in_value("sources", "кремль", 0);
            assert_eq!(seen(text, span), (5, 14, "кремль"));
            let span = b.find_in_value("sources", "«Кремль»", 0);
            assert_eq!(seen(text, span), (4, 31, "«Кремль»"));
        });
    }

    #[test]
    fn the_scalar_reader_never_panics() {
        let text = "k: [\"a\\x4\", 'b'', \\u04, \"\\\r\n  c\\U0001F600 ж\", {x: &a *b !t |}]\n- >-\n  Кремль #\n\t? \"";
        for start in 0..=text.len() {
            for end in start..=text.len() + 1 {
                for parent in [0, 3] {
                    let found = scalars(text, start..end, parent);
                    for s in found {
                        assert!(text.get(s.span.clone()).is_some(), "{:?}", s.span);
                    }
                }
            }
        }
    }
}
