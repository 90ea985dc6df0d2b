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
        if !c.in_body && !out.evidence.contains(&entry) {
            out.evidence.push(entry);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id as _;
    use crate::resolve::testing::{Dossier, Notes, codes};

    const NOTE: &str = "n.md";
    const WSJ: &str = "Musk spoke to Putin in 2022.\n\
                       Peskov said there was only one telephone conversation, about space.\n\
                       The Kremlin called the “false” report a fabrication.\n";

    /// Sources `wsj` (three paragraphs; its file is named otherwise) and `rt` (one), and
    /// note `NOTE`.
    fn dossier(front_matter: &str, body: &str) -> Dossier {
        Notes::default()
            .source("wsj-2022-10", WSJ, Some("id: wsj\ntitle: The WSJ report\n"))
            .source("rt", "One paragraph only.\n", None)
            .note(NOTE, &format!("title: N\nkind: note\n{front_matter}"), body)
            .build()
    }

    /// The reference list as `source ¶n` labels.
    fn references(d: &Dossier, r: &Resolution) -> Vec<String> {
        r.references
            .iter()
            .map(|e| {
                let id = &d.source_doc(e.source).0.id;
                e.paras
                    .map_or(id.clone(), |p| format!("{id} {}", p.label()))
            })
            .collect()
    }

    #[test]
    fn body_citations_are_numbered_first_then_front_matter_and_one_source_and_paragraph_once() {
        let d = dossier(
            "sources:\n  - {source: rt, para: 1}\n  - {source: wsj, para: 2}\n",
            "A [@wsj, ¶2]. B [@rt]. C [@wsj, ¶2; @wsj, ¶1-2].",
        );
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(references(&d, &r), ["wsj ¶2", "rt", "wsj ¶1–2", "rt ¶1"]);
        let at = |s: &str| r.cite_numbers_at(d.offset(NOTE, s)).to_vec();
        assert_eq!(at("[@wsj, ¶2]"), [1]);
        assert_eq!(at("[@rt]"), [2]);
        assert_eq!(at("[@wsj, ¶2; @wsj, ¶1-2]"), [1, 3]);
        assert!(r.cite_numbers_at(d.offset(NOTE, "A [@")).is_empty());
        assert_eq!(r.cites.len(), 6);
    }

    #[test]
    fn a_citation_of_an_unknown_source_is_reported_with_a_did_you_mean() {
        let d = dossier(
            "sources:\n  - {source: wall-street, para: 1}\n",
            "A [@wjs, ¶1].",
        );
        let r = d.resolve(NOTE);
        assert!(r.references.is_empty());
        assert_eq!(codes(&r.diags), ["source-unknown", "source-unknown"]);
        let mut diags = r.diags.iter();
        let body = diags.next().unwrap();
        assert_eq!(d.spanned(body), "[@wjs, ¶1]");
        assert_eq!(body.help.as_deref(), Some("did you mean `wsj`?"));
        let front = diags.next().unwrap();
        assert_eq!(d.spanned(front), "wall-street");
        assert!(
            front
                .help
                .as_deref()
                .unwrap()
                .contains("seeds/wall-street.txt")
        );
    }

    #[test]
    fn a_paragraph_the_source_does_not_have_is_reported() {
        let d = dossier("", "A [@wsj, ¶2-4]. B [@wsj, ¶3].");
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "para-out-of-range");
        assert_eq!(d.spanned(e), "[@wsj, ¶2-4]");
        assert_eq!(e.message, "`wsj` has 3 paragraphs; ¶2–4 does not exist");
        assert_eq!(references(&d, &r), ["wsj ¶3"]);
        assert_eq!(r.cite_numbers_at(d.offset(NOTE, "[@wsj, ¶3]")), [1]);
    }

    #[test]
    fn a_front_matter_quote_is_found_where_it_stands_in_the_source() {
        let d = dossier(
            "sources:\n  - {source: wsj, para: 3, quote: 'called the \"false\" report'}\n",
            "",
        );
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        let (wsj, text) = d.source_named("wsj");
        let q = r.cites[0].quote.as_ref().unwrap();
        assert_eq!(r.cites[0].source, wsj);
        assert_eq!(q.quote, "called the \"false\" report");
        let marked: Vec<&str> = q.marks.iter().map(|m| &text[m.clone()]).collect();
        assert_eq!(marked, ["called the “false” report"]);
        assert_eq!(r.references[0].quotes, ["called the \"false\" report"]);
    }

    #[test]
    fn a_front_matter_quote_that_is_not_there_gets_the_closest_passage() {
        let d = dossier(
            "sources:\n  - {source: wsj, para: 2, quote: \"only two telephone conversations\"}\n",
            "",
        );
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "quote-not-found");
        assert_eq!(d.spanned(e), "only two telephone conversations");
        assert_eq!(e.message, "the quote is not in ¶2 of `wsj`");
        assert_eq!(
            e.help.as_deref(),
            Some(
                "quote the source word for word; the closest passage in ¶2 is «only one telephone conversation»"
            )
        );
        assert!(r.cites[0].quote.as_ref().unwrap().marks.is_empty());
    }

    #[test]
    fn a_quote_from_another_paragraph_is_told_which_one() {
        let d = dossier(
            "sources:\n  - {source: wsj, para: 2, quote: Musk spoke to Putin}\n",
            "",
        );
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "quote-not-found");
        assert_eq!(
            e.help.as_deref(),
            Some("the quote is in ¶1: cite `para: 1`")
        );
    }

    #[test]
    fn a_body_quote_is_found_in_the_paragraph_cited_beside_it() {
        let d = dossier(
            "",
            "Peskov spoke of «only one  telephone conversation» [@rt, ¶1; @wsj, ¶2].",
        );
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        let (wsj, text) = d.source_named("wsj");
        let quoted: Vec<(SourceId, &str)> = r
            .cites
            .iter()
            .filter_map(|c| Some((c.source, &text[c.quote.as_ref()?.marks[0].clone()])))
            .collect();
        assert_eq!(quoted, [(wsj, "only one telephone conversation")]);
    }

    #[test]
    fn a_body_quote_not_in_the_paragraphs_cited_beside_it_is_reported() {
        let d = dossier(
            "",
            "Peskov spoke of «only one telephone conversation» [@wsj, ¶1; @wsj, ¶3].",
        );
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "quote-not-found");
        assert_eq!(d.spanned(e), "only one telephone conversation");
        assert!(
            e.message.contains("(¶1 of `wsj`, ¶3 of `wsj`)"),
            "{}",
            e.message
        );
        assert_eq!(
            e.help.as_deref(),
            Some("the quote is in ¶2: cite `para: 2`")
        );
    }

    #[test]
    fn a_body_quote_is_checked_only_against_its_own_block() {
        let d = dossier(
            "",
            "Peskov spoke of «only one telephone conversation».\n\nSee [@wsj, ¶2].",
        );
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "quote-uncited");
        assert_eq!(d.spanned(e), "only one telephone conversation");
    }

    #[test]
    fn a_body_quote_beside_a_citation_without_a_paragraph_is_uncited() {
        let d = dossier(
            "",
            "Peskov spoke of «only one telephone conversation» [@wsj].",
        );
        let r = d.resolve(NOTE);
        assert_eq!(codes(&r.diags), ["quote-uncited"]);
    }

    #[test]
    fn a_body_quote_beside_a_bad_citation_is_not_reported_again() {
        let d = dossier(
            "",
            "«only one telephone conversation» [@wjs, ¶2].\n\n«about space» [@wsj, ¶9].",
        );
        let r = d.resolve(NOTE);
        assert_eq!(codes(&r.diags), ["source-unknown", "para-out-of-range"]);
    }

    #[test]
    fn duplicate_source_ids_keep_the_first_in_path_order() {
        let d = Notes::default()
            .source("a", "A.\n", Some("id: same\n"))
            .source("b", "B.\n", Some("id: same\n"))
            .build();
        let (sid, text) = d.source_named("same");
        assert_eq!((sid.index(), text), (0, "A.\n"));
        let sources: Vec<(SourceId, &Source)> = (0..2)
            .map(SourceId::from_index)
            .map(|s| (s, d.source_doc(s).0))
            .collect();
        let (ids, diags) = source_ids(&sources);
        assert_eq!(ids, [("same".to_string(), SourceId::from_index(0))]);
        let e = diags.iter().next().unwrap();
        assert_eq!((e.code, d.spanned(e)), ("source-duplicate-id", "same"));
        assert!(e.help.as_deref().unwrap().contains("`seeds/a`"));
    }
}
