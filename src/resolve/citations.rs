//! Citations and quotes: every citation names a real source (and a real paragraph of it),
//! every quote is word for word in the paragraphs it is cited to; each note gets its
//! numbered reference list.

use std::ops::Range;

use super::{Cite, QuoteMarks, RefEntry, Resolution, World, quote};
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::FileId;
use crate::id::SourceId;
use crate::parse::{Citation, Note, Paras, Source};

/// Fills in the note's reference list, its body citations' numbers and every citation of a
/// source, checking each; then checks the quotes in its body.
pub(crate) fn resolve(note: &Note, world: &dyn World, out: &mut Resolution) {
    let file = note.file;
    // Body citations first (numbered in order), then front matter.
    for c in note.citations.iter().chain(&note.meta.sources) {
        let Some(src) = check_citation(c, file, world, &mut out.diags) else {
            continue;
        };
        let marks = c.quote.as_ref().map_or_else(Vec::new, |q| {
            quote_marks(world, src, c, q, file, &mut out.diags)
        });
        let references = &mut out.references;
        let entry = match references
            .iter()
            .position(|r| r.source == src && r.paras == c.paras)
        {
            Some(i) => i,
            None => {
                references.push(RefEntry {
                    source: src,
                    paras: c.paras,
                    quotes: Vec::new(),
                });
                references.len() - 1
            }
        };
        if let Some(q) = &c.quote
            && !references[entry].quotes.contains(q)
        {
            references[entry].quotes.push(q.clone());
        }
        if c.in_body {
            let numbers = &mut out.cite_numbers;
            let at = match numbers.binary_search_by_key(&c.span.start, |(at, _)| *at) {
                Ok(i) => i,
                Err(i) => {
                    numbers.insert(i, (c.span.start, Vec::new()));
                    i
                }
            };
            if !numbers[at].1.contains(&(entry + 1)) {
                numbers[at].1.push(entry + 1);
            }
        }
        out.cites.push(Cite {
            source: src,
            paras: c.paras,
            quote: c.quote.clone().map(|quote| QuoteMarks { quote, marks }),
        });
    }
    body_quotes(note, world, out);
}

/// Quotes in the body: each must be in a paragraph cited in its own block.
fn body_quotes(note: &Note, world: &dyn World, out: &mut Resolution) {
    let file = note.file;
    for bq in &note.body_quotes {
        let cited: Vec<(SourceId, Paras)> = bq
            .citations
            .iter()
            .filter_map(|&k| {
                let c = note.citations.get(k)?;
                let src = world.source(&c.source)?;
                let p = c.paras?;
                world.source_doc(src).0.has(p).then_some((src, p))
            })
            .collect();
        if cited.is_empty() {
            // A citation that names an unknown source or paragraph is reported already.
            if bq.citations.iter().all(|&k| {
                note.citations
                    .get(k)
                    .is_some_and(|c| c.paras.is_none() && world.source(&c.source).is_some())
            }) {
                out.diags.push(
                    Diagnostic::error(
                        "quote-uncited",
                        format!(
                            "the quote «{}» is not cited to a paragraph",
                            crate::diag::ellipsis(&bq.text, 60)
                        ),
                        Location::Span(file, bq.span.clone()),
                    )
                    .with_help(
                        "cite the paragraph it comes from in the same paragraph of the note: `[@source-id, ¶3]`",
                    ),
                );
            }
            continue;
        }
        let found = cited.iter().find_map(|&(src, p)| {
            let (source, text) = world.source_doc(src);
            let marks = quote::find(text, source.span(p), &bq.text);
            (!marks.is_empty()).then_some((src, p, marks))
        });
        if let Some((src, p, marks)) = found {
            // Marked on the source's page like a front-matter quote.
            out.cites.push(Cite {
                source: src,
                paras: Some(p),
                quote: Some(QuoteMarks {
                    quote: bq.text.clone(),
                    marks,
                }),
            });
            continue;
        }
        let (src, p) = cited[0];
        let (source, text) = world.source_doc(src);
        let where_ = cited
            .iter()
            .map(|&(s, p)| format!("{} of `{}`", p.label(), world.source_doc(s).0.id))
            .collect::<Vec<_>>()
            .join(", ");
        out.diags.push(
            Diagnostic::error(
                "quote-not-found",
                format!(
                    "the quote «{}» is not in the paragraphs cited beside it ({where_})",
                    crate::diag::ellipsis(&bq.text, 60)
                ),
                Location::Span(file, bq.span.clone()),
            )
            .with_help(quote_help(source, p, &bq.text, text)),
        );
    }
}

/// The source a citation names, if it exists and the paragraphs are in range.
fn check_citation(
    c: &Citation,
    file: FileId,
    world: &dyn World,
    diags: &mut Diagnostics,
) -> Option<SourceId> {
    let Some(src) = world.source(&c.source) else {
        diags.push(
            Diagnostic::error(
                "source-unknown",
                format!("no source has the id `{}`", c.source),
                Location::Span(file, c.span.clone()),
            )
            .with_help_opt(did_you_mean(&c.source, world.source_ids()).or_else(|| {
                Some(format!(
                    "archive it as `seeds/{}.txt` with a `seeds/{}.yaml` sidecar",
                    c.source, c.source
                ))
            })),
        );
        return None;
    };
    let count = world.source_doc(src).0.paragraphs.len();
    if let Some(p) = c.paras
        && p.last as usize > count
    {
        diags.push(
            Diagnostic::error(
                "para-out-of-range",
                format!(
                    "`{}` has {count} paragraph{}; {} does not exist",
                    c.source,
                    if count == 1 { "" } else { "s" },
                    p.label()
                ),
                Location::Span(file, c.span.clone()),
            )
            .with_help(format!(
                "cite a paragraph from ¶1 to ¶{count}; the source page numbers them"
            )),
        );
        return None;
    }
    Some(src)
}

/// Where a citation's quote stands in its paragraphs; reports a quote that is not there.
fn quote_marks(
    world: &dyn World,
    src: SourceId,
    c: &Citation,
    q: &str,
    file: FileId,
    diags: &mut Diagnostics,
) -> Vec<Range<usize>> {
    let Some(p) = c.paras else { return Vec::new() };
    let (source, text) = world.source_doc(src);
    let found = quote::find(text, source.span(p), q);
    if found.is_empty() {
        diags.push(
            Diagnostic::error(
                "quote-not-found",
                format!("the quote is not in {} of `{}`", p.label(), source.id),
                Location::Span(file, c.quote_span.clone().unwrap_or(c.span.clone())),
            )
            .with_help(quote_help(source, p, q, text)),
        );
    }
    found
}

/// What to say when a quote is not in the cited paragraphs: the paragraph that does hold
/// it, or the closest passage, or how the paragraph begins.
fn quote_help(source: &Source, p: Paras, q: &str, text: &str) -> String {
    let holding: Vec<String> = source
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, r)| !quote::find(text, (*r).clone(), q).is_empty())
        .map(|(k, _)| format!("¶{}", k + 1))
        .collect();
    if let Some(first) = holding.first() {
        return format!(
            "the quote is in {}: cite `para: {}`",
            holding.join(", "),
            first.trim_start_matches('¶')
        );
    }
    let span = source.span(p);
    if let Some(near) = quote::closest(text, span.clone(), q) {
        return format!(
            "quote the source word for word; the closest passage in {} is «{}»",
            p.label(),
            &text[near]
        );
    }
    let start: String = text[span].chars().take(60).collect();
    format!(
        "quote the source word for word (white space, quote marks and dashes may differ); {} begins «{}…»",
        p.label(),
        start.trim()
    )
}

/// Each source's id, and the problems of the set: two sources with one id. The first in
/// path order keeps the id.
pub(crate) fn source_ids(
    sources: &[(SourceId, &Source)],
) -> (Vec<(String, SourceId)>, Diagnostics) {
    let mut ids: Vec<(String, SourceId)> = Vec::with_capacity(sources.len());
    let mut diags = Diagnostics::default();
    let mut first: std::collections::HashMap<&str, &Source> = Default::default();
    for &(sid, s) in sources {
        if let Some(was) = first.get(s.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "source-duplicate-id",
                    format!("two sources have the id `{}`", s.id),
                    s.id_location.clone(),
                )
                .with_help(format!(
                    "the other is `seeds/{}`; give one of them another `id:` in its sidecar",
                    was.stem
                )),
            );
        } else {
            first.insert(&s.id, s);
            ids.push((s.id.clone(), sid));
        }
    }
    (ids, diags)
}
