//! Front matter: the YAML between the `---` lines at the top of a note, read into [`Meta`].
//!
//! Every key is checked here, on its own note: required keys, kinds, statuses, stances,
//! dates, slugs, the shape of `sources`. Whether a reference names an existing note is
//! `resolve`'s question, not this module's.

use std::ops::Range;

use serde_yaml::Value;

use super::{Citation, ClaimMeta, DenialMeta, Kind, Meta, Paras, Reference, Stance, Status};
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::{FileId, TextFile};
use crate::slug::{is_plain_segment, slugify};
use crate::yaml::{YamlBlock, list, yaml_kind, yaml_scalar};

const COMMON_KEYS: &[&str] = &[
    "title",
    "kind",
    "slug",
    "date",
    "date_label",
    "summary",
    "tags",
    "aliases",
    "draft",
    "lang",
    "sources",
];
const CLAIM_KEYS: &[&str] = &["claimant", "subjects", "status"];
const DENIAL_KEYS: &[&str] = &["by", "denies", "stance"];
const CITATION_KEYS: &[&str] = &["source", "para", "quote"];

/// Splits a note into its front matter block and its body (byte ranges in the file).
pub(crate) fn split(
    file: FileId,
    source: &TextFile,
    diags: &mut Diagnostics,
) -> Option<(Range<usize>, Range<usize>)> {
    let text = source.text();
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing",
                "the note does not start with front matter",
                Location::Span(file, 0..first_end.min(text.len())),
            )
            .with_help("start the file with a `---` line, then `title: ...` and `kind: ...`, then another `---` line"),
        );
        return None;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some((first_end..pos, end..text.len()));
        }
        pos = end;
    }
    diags.push(
        Diagnostic::error(
            "frontmatter-unclosed",
            "the front matter has no closing `---` line",
            Location::Span(file, 0..3),
        )
        .with_help("end the front matter with a line that holds only `---`"),
    );
    None
}

pub(crate) fn read_meta(
    file: FileId,
    source: &TextFile,
    range: Range<usize>,
    stem: &str,
    diags: &mut Diagnostics,
) -> Option<Meta> {
    let fm = YamlBlock::parse(file, source, range.clone(), "the front matter", diags)?;
    // The opening `---` line, without its line ending (`\n` or `\r\n`).
    let opening = {
        let head = &source.text()[..range.start];
        let start = head
            .trim_end_matches(['\r', '\n'])
            .rfind('\n')
            .map_or(0, |i| i + 1);
        start..head.trim_end_matches(['\r', '\n']).len()
    };
    let missing = |key: &str, example: &str, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing-key",
                format!("the front matter has no `{key}`"),
                Location::Span(file, opening.clone()),
            )
            .with_help(format!("add a line such as `{key}: {example}`")),
        );
    };

    let title = fm.string("title", diags).filter(|t| !t.trim().is_empty());
    if title.is_none() {
        missing("title", "The note's title", diags);
    }
    let kind = read_kind(&fm, &missing, diags);
    let mut known: Vec<&str> = COMMON_KEYS.to_vec();
    match kind {
        Some(Kind::Claim) => known.extend(CLAIM_KEYS),
        Some(Kind::Denial) => known.extend(DENIAL_KEYS),
        _ => {}
    }
    if kind.is_some() {
        fm.check_keys(&known, "the front matter", false, diags);
    }
    let (slug, slug_span) = read_slug(&fm, file, stem, diags);
    let date = read_date(&fm, diags);
    let claim = (kind == Some(Kind::Claim)).then(|| claim_meta(&fm, diags));
    let denial = (kind == Some(Kind::Denial)).then(|| denial_meta(&fm, &missing, diags));
    let sources = citations(&fm, diags);
    Some(Meta {
        title: title?,
        kind: kind?,
        slug,
        slug_span,
        date,
        date_label: fm.string("date_label", diags),
        summary: fm.string("summary", diags),
        tags: fm.string_list("tags", diags),
        aliases: fm.string_list("aliases", diags),
        draft: fm.bool("draft", diags).unwrap_or(false),
        lang: fm.language("lang", diags),
        claim,
        denial,
        sources,
    })
}

/// `kind:`, reporting one that is missing or not a kind of note.
fn read_kind(
    fm: &YamlBlock,
    missing: &dyn Fn(&str, &str, &mut Diagnostics),
    diags: &mut Diagnostics,
) -> Option<Kind> {
    let Some(k) = fm.string("kind", diags) else {
        missing("kind", "person", diags);
        return None;
    };
    let kind = Kind::from_name(&k);
    if kind.is_none() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        diags.push(
            Diagnostic::error(
                "unknown-kind",
                format!("`{k}` is not a kind of note"),
                fm.loc(fm.value_span("kind")),
            )
            .with_help_opt(
                did_you_mean(&k, names.iter().copied())
                    .or_else(|| Some(format!("the kinds are {}", list(&names)))),
            ),
        );
    }
    kind
}

/// `slug:`, or one made from the file name, and where it is written (the opening `---`
/// when it is made).
fn read_slug(
    fm: &YamlBlock,
    file: FileId,
    stem: &str,
    diags: &mut Diagnostics,
) -> (String, Range<usize>) {
    let Some(s) = fm.string("slug", diags) else {
        let s = slugify(stem);
        if s.is_empty() {
            diags.push(
                Diagnostic::error(
                    "slug-invalid",
                    format!("no slug can be made from the file name `{stem}`"),
                    Location::Span(file, 0..3),
                )
                .with_help("add `slug: some-words` to the front matter, or rename the file"),
            );
        }
        return (s, 0..3);
    };
    let span = fm.value_span("slug");
    if !is_plain_segment(&s) {
        let suggestion = slugify(&s);
        diags.push(
            Diagnostic::error(
                "slug-invalid",
                format!("the slug `{s}` is not a plain path segment"),
                fm.loc(span.clone()),
            )
            .with_help(if suggestion.is_empty() {
                "use lower-case letters, digits and `-`".to_string()
            } else {
                format!("use lower-case letters, digits and `-`, such as `{suggestion}`")
            }),
        );
    }
    (s, span)
}

fn read_date(fm: &YamlBlock, diags: &mut Diagnostics) -> Option<PartialDate> {
    let text = yaml_scalar(fm.get("date")?)?;
    match PartialDate::parse(&text) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    "date-invalid",
                    format!("`{text}` is not a date: {why}"),
                    fm.loc(fm.value_span("date")),
                )
                .with_help("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; put free text such as `late 2022` in `date_label`"),
            );
            None
        }
    }
}

fn claim_meta(fm: &YamlBlock, diags: &mut Diagnostics) -> ClaimMeta {
    ClaimMeta {
        claimant: reference(fm, "claimant", true, "the-slug-of-who-makes-it", diags),
        subjects: references(fm, "subjects", diags),
        status: word(
            fm,
            "status",
            Status::from_name,
            Status::NAMES,
            "claim-status",
            diags,
        )
        .unwrap_or_default(),
    }
}

fn denial_meta(
    fm: &YamlBlock,
    missing: &dyn Fn(&str, &str, &mut Diagnostics),
    diags: &mut Diagnostics,
) -> DenialMeta {
    let denies = references(fm, "denies", diags);
    if denies.is_empty() && fm.get("denies").is_none() {
        missing("denies", "[the-slug-of-the-claim]", diags);
    } else if denies.is_empty() && fm.get("denies").is_some_and(|v| v.is_sequence()) {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing-key",
                "`denies` lists no claim: a response must answer at least one",
                fm.loc(fm.key_span("denies")),
            )
            .with_help("name the claims it answers: `denies: [the-slug-of-the-claim]`"),
        );
    }
    DenialMeta {
        by: reference(fm, "by", true, "the-slug-of-who-responds", diags),
        denies,
        stance: word(
            fm,
            "stance",
            Stance::from_name,
            Stance::NAMES,
            "denial-stance",
            diags,
        )
        .unwrap_or_default(),
    }
}

fn word<T>(
    fm: &YamlBlock,
    key: &str,
    from: fn(&str) -> Option<T>,
    names: &[&str],
    code: &'static str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let s = fm.string(key, diags)?;
    let v = from(&s);
    if v.is_none() {
        diags.push(
            Diagnostic::error(
                code,
                format!("`{s}` is not a {key}"),
                fm.loc(fm.value_span(key)),
            )
            .with_help_opt(
                did_you_mean(&s, names.iter().copied())
                    .or_else(|| Some(format!("write one of {}", list(names)))),
            ),
        );
    }
    v
}

fn reference(
    fm: &YamlBlock,
    key: &str,
    required: bool,
    example: &str,
    diags: &mut Diagnostics,
) -> Option<Reference> {
    match fm.string(key, diags) {
        Some(t) if !t.trim().is_empty() => Some(Reference {
            span: fm.find_in_value(key, &t, 0),
            target: strip_brackets(&t),
        }),
        // A list or a mapping was reported as the wrong type already.
        _ if fm.get(key).is_some_and(|v| yaml_scalar(v).is_none()) => None,
        _ => {
            if required {
                diags.push(
                    Diagnostic::error(
                        "frontmatter-missing-key",
                        if fm.has_key(key) {
                            format!("`{key}` is empty")
                        } else {
                            format!("the front matter has no `{key}`")
                        },
                        // An empty `claimant:` is pointed at; a missing one at the kind.
                        fm.loc(if fm.has_key(key) {
                            fm.key_span(key)
                        } else {
                            fm.key_span("kind")
                        }),
                    )
                    .with_help(format!("add a line such as `{key}: {example}`")),
                );
            }
            None
        }
    }
}

fn references(fm: &YamlBlock, key: &str, diags: &mut Diagnostics) -> Vec<Reference> {
    let mut seen: Vec<String> = Vec::new();
    fm.string_list(key, diags)
        .into_iter()
        .map(|t| {
            let nth = seen.iter().filter(|s| **s == t).count();
            seen.push(t.clone());
            Reference {
                span: fm.find_in_value(key, &t, nth),
                target: strip_brackets(&t),
            }
        })
        .collect()
}

/// Obsidian users write references as `"[[Elon Musk]]"`: accept both forms.
fn strip_brackets(t: &str) -> String {
    let t = t.trim();
    t.strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .unwrap_or(t)
        .trim()
        .to_string()
}

/// The `sources:` list: `{source: ID, para: N or "N-M", quote: "..."}` each.
fn citations(fm: &YamlBlock, diags: &mut Diagnostics) -> Vec<Citation> {
    let Some(v) = fm.get("sources") else {
        return Vec::new();
    };
    let Value::Sequence(items) = v else {
        diags.push(
            Diagnostic::error(
                "citation-shape",
                format!("`sources` must be a list, not {}", yaml_kind(v)),
                fm.loc(fm.key_span("sources")),
            )
            .with_help("write `sources:` then lines such as `  - {source: my-source, para: 3}`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen_ids: Vec<String> = Vec::new();
    for item in items {
        let Value::Mapping(m) = item else {
            diags.push(
                Diagnostic::error(
                    "citation-shape",
                    format!(
                        "each entry of `sources` must be a mapping, not {}",
                        yaml_kind(item)
                    ),
                    fm.loc(fm.key_span("sources")),
                )
                .with_help("write `  - {source: my-source, para: 3, quote: \"exact words\"}`"),
            );
            continue;
        };
        let id = m.get("source").and_then(yaml_scalar);
        let nth = id
            .as_ref()
            .map_or(0, |id| seen_ids.iter().filter(|s| *s == id).count());
        let span = match &id {
            Some(id) => fm.find_in_value("sources", id, nth),
            None => fm.key_span("sources"),
        };
        if let Some(id) = &id {
            seen_ids.push(id.clone());
        }
        out.extend(citation(fm, m, id, span, diags));
    }
    out
}

/// One entry of `sources:`, whose `source` (if any) is written at `span`.
fn citation(
    fm: &YamlBlock,
    m: &serde_yaml::Mapping,
    id: Option<String>,
    span: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Citation> {
    for k in m.keys() {
        let name = yaml_scalar(k).unwrap_or_default();
        if !CITATION_KEYS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(
                    "citation-shape",
                    format!("unknown key `{name}` in a citation"),
                    fm.loc(span.clone()),
                )
                .with_help_opt(
                    did_you_mean(&name, CITATION_KEYS.iter().copied())
                        .or_else(|| Some("a citation has `source`, `para` and `quote`".into())),
                ),
            );
        }
    }
    let Some(id) = id else {
        diags.push(
            Diagnostic::error("citation-shape", "a citation has no `source`", fm.loc(span))
                .with_help("name the source's id: `source: my-source`"),
        );
        return None;
    };
    let paras = match m.get("para").and_then(yaml_scalar) {
        None => None,
        Some(p) => match Paras::parse(&p) {
            Some(paras) => Some(paras),
            None => {
                diags.push(
                    Diagnostic::error(
                        "citation-locator",
                        format!("cannot read the paragraph `{p}` of a citation of `{id}`"),
                        fm.loc(
                            fm.find_after("sources", span.start, &["para", &p])
                                .unwrap_or(span.clone()),
                        ),
                    )
                    .with_help(
                        "write `para: 3` or `para: \"3-4\"`; paragraphs are numbered from ¶1",
                    ),
                );
                return None;
            }
        },
    };
    let quote = match m.get("quote") {
        None | Some(Value::Null) => None,
        Some(q) => match yaml_scalar(q) {
            Some(q) if !q.trim().is_empty() => Some(q),
            _ => {
                diags.push(
                    Diagnostic::error(
                        "citation-shape",
                        "a citation's `quote` must be text",
                        fm.loc(span.clone()),
                    )
                    .with_help("write `quote: \"the exact words\"`"),
                );
                None
            }
        },
    };
    if quote.is_some() && paras.is_none() {
        diags.push(
            Diagnostic::error(
                "citation-locator",
                format!("a quote from `{id}` names no paragraph"),
                fm.loc(span.clone()),
            )
            .with_help("add `para: N` so the quote can be checked against that paragraph"),
        );
    }
    // This citation's own quote: the first match after its `source`, not an earlier
    // citation's identical words. The whole quote is the needle: the locator compares
    // what a scalar says (escapes read, lines folded), not how it is written.
    let quote_span = quote
        .as_ref()
        .and_then(|q| fm.find_after("sources", span.start, &["quote", q]));
    Some(Citation {
        source: id,
        paras,
        quote,
        quote_span,
        span,
        in_body: false,
    })
}
