//! An archived source: its metadata sidecar and its numbered paragraphs.
//!
//! Input: a [`SourceDoc`]: the ids of the text (kept as archived; its SHA-256 computed from
//! the bytes on disk) and of its sidecar. Output: a [`Source`] whose paragraphs ¶1..¶n are byte ranges in that text:
//! in `.txt` every non-empty line is a paragraph; in `.md`, blocks separated by blank lines.

use std::ops::Range;

use super::Paras;
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::{FileId, Files};
use crate::slug::is_plain_segment;
use crate::yaml::YamlBlock;

const KEYS: &[&str] = &[
    "id",
    "title",
    "publisher",
    "author",
    "published",
    "url",
    "archive_url",
    "language",
    "via",
    "via_paras",
    "retrieved",
    "notes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SourceFormat {
    /// Every non-empty line is a paragraph.
    Text,
    /// Paragraphs are blocks separated by blank lines.
    Markdown,
}

/// An archived source as found in `seeds/`: its text and its metadata sidecar, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceDoc {
    pub file: FileId,
    pub stem: String,
    pub format: SourceFormat,
    pub sha256: String,
    pub sidecar: Option<FileId>,
}

/// What reading one source gave: the source (unless its sidecar is not YAML) and its problems.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedSource {
    pub source: Option<Source>,
    pub diags: Diagnostics,
}

/// One source, with its diagnostics.
pub(crate) fn source(files: &Files, doc: &SourceDoc) -> ParsedSource {
    let mut diags = Diagnostics::default();
    let source = parse_source(files, doc, &mut diags);
    ParsedSource { source, diags }
}

#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub(crate) struct SourceMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub language: Option<String>,
    pub via: Option<String>,
    /// The paragraphs that relay `via`; `None`: the whole text does.
    pub via_paras: Option<Vec<Paras>>,
    pub retrieved: Option<PartialDate>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    pub id: String,
    /// Where the id was set (the sidecar's `id:`), for duplicate-id errors.
    pub id_location: Location,
    pub file: FileId,
    /// The text's path as the author sees it (`seeds/x.txt`).
    pub path: String,
    pub stem: String,
    pub format: SourceFormat,
    pub sha256: String,
    pub meta: SourceMeta,
    /// Where the sidecar writes `meta.url` and `meta.archive_url`, when it does: what
    /// `check --external` points at.
    pub url_at: Option<Location>,
    pub archive_url_at: Option<Location>,
    pub paragraphs: Vec<Range<usize>>,
}

impl Source {
    /// The bytes of the source's text that paragraphs `p` cover; `p` must be in range.
    pub(crate) fn span(&self, p: Paras) -> Range<usize> {
        self.paragraphs[p.first as usize - 1].start..self.paragraphs[p.last as usize - 1].end
    }

    /// Whether the source has every paragraph of `p`.
    pub(crate) fn has(&self, p: Paras) -> bool {
        p.last as usize <= self.paragraphs.len()
    }
}

fn parse_source(files: &Files, doc: &SourceDoc, diags: &mut Diagnostics) -> Option<Source> {
    let text_file = files.get(doc.file);
    let paragraphs = paragraphs(text_file.text(), doc.format);
    let mut meta = SourceMeta::default();
    let mut id = doc.stem.clone();
    let mut id_location = Location::Path(text_file.path().to_path_buf());
    let (mut url_at, mut archive_url_at) = (None, None);
    match doc.sidecar {
        None => diags.push(
            Diagnostic::warning(
                "source-no-metadata",
                format!("the source `{}` has no metadata sidecar", doc.stem),
                Location::Path(text_file.path().to_path_buf()),
            )
            .with_help(format!(
                "add `seeds/{}.yaml` with at least `title:`, `publisher:` and `url:`",
                doc.stem
            )),
        ),
        Some(side) => {
            let sf = files.get(side);
            let block =
                YamlBlock::parse(side, sf, 0..sf.text().len(), "the source's metadata", diags)?;
            block.check_keys(KEYS, "a source's metadata", true, diags);
            if let Some(v) = block.string("id", diags) {
                id_location = block.loc(block.value_span("id"));
                if !is_plain_segment(&v) {
                    diags.push(
                        Diagnostic::error(
                            "source-id-invalid",
                            format!("the source id `{v}` is not a plain path segment"),
                            id_location.clone(),
                        )
                        .with_help("use lower-case letters, digits and `-`"),
                    );
                }
                id = v;
            }
            let date = |key: &str, diags: &mut Diagnostics| {
                let text = block.string(key, diags)?;
                PartialDate::parse(&text)
                    .map_err(|why| {
                        diags.push(
                            Diagnostic::error(
                                "date-invalid",
                                format!("`{text}` is not a date: {why}"),
                                block.loc(block.value_span(key)),
                            )
                            .with_help("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or leave it out when unknown"),
                        )
                    })
                    .ok()
            };
            meta = SourceMeta {
                title: block.string("title", diags),
                publisher: block.string("publisher", diags),
                author: block.string("author", diags),
                published: date("published", diags),
                url: block.web_address("url", diags),
                archive_url: block.web_address("archive_url", diags),
                language: block.language("language", diags),
                via: block.string("via", diags),
                via_paras: None,
                retrieved: date("retrieved", diags),
                notes: block.string("notes", diags),
            };
            let at = |key: &str, url: &String| block.loc(block.find_in_value(key, url, 0));
            url_at = meta.url.as_ref().map(|u| at("url", u));
            archive_url_at = meta.archive_url.as_ref().map(|u| at("archive_url", u));
            if meta.via.as_ref().is_some_and(|v| v.trim().is_empty()) {
                meta.via = None;
                diags.push(
                    Diagnostic::error(
                        "source-via",
                        "`via` names no outlet",
                        block.loc(block.key_span("via")),
                    )
                    .with_help("name the outlet whose reporting the text relays (`via: The Wall Street Journal`), or leave the key out"),
                );
            }
            let n = paragraphs.len() as u32;
            // An empty `via` is told above: its `via_paras` is not told again.
            let relays = meta.via.is_some() || block.has_key("via");
            meta.via_paras = via_paras(&block, relays, n, diags).filter(|_| meta.via.is_some());
        }
    }
    if doc.sidecar.is_none() && !is_plain_segment(&id) {
        diags.push(
            Diagnostic::error(
                "source-id-invalid",
                format!("the file name `{id}` is not a plain source id"),
                id_location.clone(),
            )
            .with_help("rename the file with lower-case letters, digits and `-`, or set `id:` in its sidecar"),
        );
    }
    Some(Source {
        id,
        id_location,
        file: doc.file,
        path: text_file.path().to_string_lossy().replace('\\', "/"),
        stem: doc.stem.clone(),
        format: doc.format,
        sha256: doc.sha256.clone(),
        meta,
        url_at,
        archive_url_at,
        paragraphs,
    })
}

/// The sidecar's `via_paras`: the paragraphs that relay `via`, as `[1, "3-5"]`.
fn via_paras(
    block: &YamlBlock,
    has_via: bool,
    n: u32,
    diags: &mut Diagnostics,
) -> Option<Vec<Paras>> {
    block.get("via_paras")?;
    let items = block.string_list("via_paras", diags);
    let at = block.loc(block.key_span("via_paras"));
    if !has_via {
        diags.push(
            Diagnostic::error(
                "source-via",
                "`via_paras` says which paragraphs relay another outlet, but `via` names none",
                at,
            )
            .with_help("name the relayed outlet with `via: The Outlet`, or remove `via_paras`"),
        );
        return None;
    }
    if items.is_empty() {
        diags.push(
            Diagnostic::error(
                "source-via",
                "`via_paras` names no paragraph",
                at,
            )
            .with_help("list the paragraphs that relay the outlet (`via_paras: [1, \"3-5\"]`), or remove the key when every paragraph does"),
        );
        return None;
    }
    let mut out = Vec::new();
    for item in items {
        match Paras::parse(&item) {
            Some(p) if p.last <= n => out.push(p),
            Some(p) => diags.push(
                Diagnostic::error(
                    "source-via",
                    format!(
                        "`via_paras` names {}, but the text has {n} paragraphs",
                        p.label()
                    ),
                    block.loc(block.find_in_value("via_paras", &item, 0)),
                )
                .with_help(format!("name paragraphs from ¶1 to ¶{n}")),
            ),
            None => diags.push(
                Diagnostic::error(
                    "source-via",
                    format!("cannot read the paragraph `{item}` of `via_paras`"),
                    block.loc(block.find_in_value("via_paras", &item, 0)),
                )
                .with_help("write paragraph numbers and ranges: `via_paras: [1, \"3-5\", 8]`"),
            ),
        }
    }
    Some(out)
}

/// Byte ranges of ¶1..¶n.
pub(crate) fn paragraphs(text: &str, format: SourceFormat) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block: Option<Range<usize>> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let range = pos..pos + content.len();
        let blank = content.trim().is_empty();
        match format {
            SourceFormat::Text => {
                if !blank {
                    out.push(range);
                }
            }
            SourceFormat::Markdown => {
                if blank {
                    out.extend(block.take());
                } else {
                    block = Some(block.take().map_or(range.clone(), |b| b.start..range.end));
                }
            }
        }
        pos += line.len();
    }
    out.extend(block);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_are_non_empty_lines() {
        let t = "one\r\n\ntwo\nthree";
        let p: Vec<&str> = paragraphs(t, SourceFormat::Text)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(p, ["one", "two", "three"]);
    }

    #[test]
    fn markdown_paragraphs_are_blocks() {
        let t = "# Title\n\nline a\nline b\n\n\nlast\n";
        let p: Vec<&str> = paragraphs(t, SourceFormat::Markdown)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(p, ["# Title", "line a\nline b", "last"]);
    }
}
