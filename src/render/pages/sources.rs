//! The index of sources, and each archived source paragraph by paragraph with the quoted
//! passages marked and linked to the notes that quote them.

use super::super::catalog::Catalog;
use super::super::escape;
use super::super::layout::{Arg, Made};
use super::super::view::{self, CitationView, ParagraphView, QuoteView, SourceView};
use super::page;
use crate::id::{NoteId, SourceId};

pub(crate) fn all(cat: &dyn Catalog) -> Vec<Arg> {
    cat.sources().iter().map(|&s| Arg::Source(s)).collect()
}

pub(crate) fn index(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let all: Vec<SourceView> = cat.sources().iter().map(|&s| source_view(cat, s)).collect();
    page(cat.interface().text("sources.title"), |c| {
        c.insert("sources", &all)
    })
}

pub(crate) fn source(cat: &dyn Catalog, arg: Arg, _: &str) -> Made {
    let Arg::Source(s) = arg else {
        return Made::Bytes(Vec::new());
    };
    let title = cat.source_ref(s).title.clone();
    let source = source_view(cat, s);
    let paragraphs = paragraph_views(cat, s);
    page(title, |c| {
        c.insert("source", &source);
        c.insert("paragraphs", &paragraphs);
    })
}

fn source_view(cat: &dyn Catalog, s: SourceId) -> SourceView<'_> {
    let src = cat.source(s);
    let m = &src.meta;
    let r = cat.source_ref(s);
    let url = r.url.as_str();
    SourceView {
        id: &r.id,
        title: &r.title,
        url,
        file: src.path.clone(),
        publisher: m.publisher.as_deref(),
        author: m.author.as_deref(),
        published: view::date_view(m.published, None, None, cat.interface(), None),
        original_url: m.url.as_deref(),
        archive_url: m.archive_url.as_deref(),
        language: m.language.as_deref(),
        language_name: m
            .language
            .as_deref()
            .map(|l| cat.interface().language_name(l)),
        via: m.via.as_deref(),
        via_paras: m.via_paras.as_ref().map_or_else(String::new, |ps| {
            ps.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
        }),
        retrieved: view::date_view(m.retrieved, None, None, cat.interface(), None),
        notes: m.notes.as_deref(),
        sha256: &src.sha256,
        paragraph_count: src.paragraphs.len(),
        citations: cat
            .citations(s)
            .iter()
            .map(|c| CitationView {
                note: cat.listed(c.note),
                paras: c.paras.map(|p| p.label()).unwrap_or_default(),
                url: c
                    .paras
                    .map_or_else(|| url.to_string(), |p| format!("{url}#p{}", p.first)),
                quotes: c.quotes.iter().map(|q| q.quote.as_str()).collect(),
            })
            .collect(),
    }
}

/// Each paragraph escaped, with every quoted passage in a `<mark>` linked to a note quoting it.
fn paragraph_views(cat: &dyn Catalog, s: SourceId) -> Vec<ParagraphView<'_>> {
    let text = cat.source_text(s);
    let citations = cat.citations(s);
    cat.source(s)
        .paragraphs
        .iter()
        .enumerate()
        .map(|(k, para)| {
            let mut marks: Vec<(usize, usize, NoteId)> = Vec::new();
            let mut quoted_by: Vec<QuoteView> = Vec::new();
            for c in citations {
                for q in &c.quotes {
                    let mut hit = false;
                    for m in &q.marks {
                        let (a, b) = (m.start.max(para.start), m.end.min(para.end));
                        if a < b {
                            marks.push((a, b, c.note));
                            hit = true;
                        }
                    }
                    if !hit {
                        continue;
                    }
                    let note = cat.listed(c.note);
                    match quoted_by.iter_mut().find(|x| x.note.slug == note.slug) {
                        Some(x) if x.quotes.contains(&q.quote.as_str()) => {}
                        Some(x) => x.quotes.push(&q.quote),
                        None => quoted_by.push(QuoteView {
                            note,
                            quotes: vec![&q.quote],
                        }),
                    }
                }
            }
            ParagraphView {
                number: k + 1,
                id: format!("p{}", k + 1),
                html: marked_html(cat, text, para.clone(), &marks),
                quoted_by,
            }
        })
        .collect()
}

fn marked_html(
    cat: &dyn Catalog,
    text: &str,
    para: std::ops::Range<usize>,
    marks: &[(usize, usize, NoteId)],
) -> String {
    let mut cuts: Vec<usize> = vec![para.start, para.end];
    for &(a, b, _) in marks {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Segments between cuts, each with the notes quoting it; neighbours quoted by the same
    // notes are one mark (a short quote inside a longer one of the same note).
    let mut segments: Vec<(usize, usize, Vec<NoteId>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // In path order, as the citations are, each note's marks together.
        let mut covering: Vec<NoteId> = marks
            .iter()
            .filter(|&&(x, y, _)| x <= a && b <= y)
            .map(|&(_, _, n)| n)
            .collect();
        covering.dedup();
        match segments.last_mut() {
            Some(last) if last.2 == covering && !covering.is_empty() => last.1 = b,
            _ => segments.push((a, b, covering)),
        }
    }
    let mut out = String::new();
    for (a, b, covering) in segments {
        let seg = escape(&text[a..b]);
        match covering.first() {
            None => out.push_str(&seg),
            Some(&n) => {
                let titles: Vec<&str> = covering
                    .iter()
                    .map(|&c| cat.listed(c).title.as_str())
                    .collect();
                let title = cat
                    .interface()
                    .fmt("source.quoted_in", &[("notes", &titles.join("; "))]);
                out.push_str(&format!(
                    "<mark><a href=\"{}\" title=\"{}\">{seg}</a></mark>",
                    cat.listed(n).url,
                    escape(&title)
                ));
            }
        }
    }
    out.replace("\r\n", "\n").replace('\n', "<br>\n")
}

/// `sources.json`: every archived source as CSL-JSON, the format of Zotero and of every
/// citation processor. What the sidecar does not say is left out, never guessed: the type
/// is `document` (a sidecar does not say what kind of text it is); the publisher is the
/// `container-title` (the outlet) and the `publisher`; a relay, the archived copy and the
/// paragraphs that relay are said in `note`; the archive's fingerprint and the source's page
/// in the dossier are in `custom`.
pub(crate) fn csl(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let urls = cat.urls();
    let items: Vec<CslItem> = cat
        .sources()
        .iter()
        .map(|&s| {
            let src = cat.source(s);
            let r = cat.source_ref(s);
            let m = &src.meta;
            let mut note = Vec::new();
            if let Some(via) = &m.via {
                match &m.via_paras {
                    Some(ps) => note.push(format!(
                        "Relays {via} in {}.",
                        ps.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
                    )),
                    None => note.push(format!("Relays {via}.")),
                }
            }
            if let Some(a) = &m.archive_url {
                note.push(format!("Archived copy: {a}"));
            }
            CslItem {
                id: &r.id,
                kind: "document",
                title: &r.title,
                container_title: m.publisher.as_deref(),
                publisher: m.publisher.as_deref(),
                author: m
                    .author
                    .as_deref()
                    .map(|a| vec![CslName { literal: a }])
                    .unwrap_or_default(),
                issued: m.published.map(csl_date),
                accessed: m.retrieved.map(csl_date),
                url: m.url.as_deref(),
                language: m.language.as_deref(),
                note: (!note.is_empty()).then(|| note.join(" ")),
                custom: CslCustom {
                    sha256: &src.sha256,
                    paragraphs: src.paragraphs.len(),
                    dossier_url: urls.absolute(&r.url),
                },
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&items).unwrap_or_default();
    out.push(b'\n');
    Made::Bytes(out)
}

#[derive(serde::Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    custom: CslCustom<'a>,
}

/// An author as the sidecar writes it: one name, not split into family and given names.
#[derive(serde::Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// A date with exactly the precision known: `[[2024, 3]]` for March 2024.
#[derive(serde::Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<i32>>,
}

#[derive(serde::Serialize)]
struct CslCustom<'a> {
    sha256: &'a str,
    paragraphs: usize,
    dossier_url: String,
}

fn csl_date(d: crate::date::PartialDate) -> CslDate {
    let mut parts = vec![i32::from(d.year)];
    parts.extend(d.month.map(i32::from));
    parts.extend(d.day.map(i32::from));
    CslDate {
        date_parts: vec![parts],
    }
}
