//! View structs: what templates see. Serializable, flat, with every URL and label ready.
//!
//! Templates never get domain types: a theme author reads this file to know every variable,
//! and the domain can change without breaking themes. Built from a resolved [`Dossier`].

use serde::Serialize;

use super::Urls;
use crate::date::PartialDate;
use crate::parse::{Kind, Paras};
use crate::resolve::{Dossier, RefEntry, ResolvedNote};

#[derive(Debug, Serialize, Clone, Hash)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub author: Option<String>,
    pub language: String,
    pub base_url: String,
    /// The path every link starts with, such as `/` or `/dossiers/musk/`.
    pub root: String,
    pub kinds: Vec<KindLink>,
    pub note_count: usize,
    pub source_count: usize,
    pub claim_count: usize,
    pub tag_count: usize,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct KindLink {
    pub kind: &'static str,
    pub title: &'static str,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct DateView {
    /// Machine form with its precision: `2022`, `2022-10`, `2022-10-24`.
    pub iso: String,
    /// `2022`, `October 2022`, `24 October 2022`, or the note's `date_label`.
    pub human: String,
    /// The note's `date_label`, when it has one.
    pub label: Option<String>,
}

/// A link to a note, with what a list needs to show it.
#[derive(Debug, Serialize, Clone, Hash)]
pub struct NoteLink {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub date: Option<DateView>,
    pub summary: Option<String>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct TagLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct RefView {
    pub number: usize,
    pub source_id: String,
    pub source_title: String,
    pub source_url: String,
    /// Link to the first cited paragraph on the source's page, or the page itself.
    pub url: String,
    /// `¶3` or `¶3–4`, empty when the whole source is cited.
    pub paras: String,
    pub quotes: Vec<String>,
    /// The source's language, for `lang` on quotes.
    pub language: Option<String>,
    /// Whether the previous reference of the list cites the same source (shown as such,
    /// rather than the source's title again).
    pub repeat: bool,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct BacklinkView {
    pub note: NoteLink,
    pub contexts: Vec<String>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct ResponseView {
    pub note: NoteLink,
    pub by: Option<NoteLink>,
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub sources: Vec<RefView>,
    /// The same citations by source, paragraphs in order: for compact cells.
    pub cited: Vec<CitedSource>,
}

/// One source and the paragraphs of it a note cites, in paragraph order.
#[derive(Debug, Serialize, Clone, Hash)]
pub struct CitedSource {
    pub source_id: String,
    pub source_url: String,
    /// `(label, url)`: `¶3` and its anchor; `whole source` when no paragraph is given.
    pub paras: Vec<ParaLink>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct ParaLink {
    pub label: String,
    pub url: String,
}

/// References grouped by source (in order of first citation), paragraphs sorted.
pub fn cited(n: &ResolvedNote, refs: &[RefView]) -> Vec<CitedSource> {
    // (source index, the group, its paragraphs with the number they sort by)
    type Group = (usize, CitedSource, Vec<(u32, ParaLink)>);
    let mut groups: Vec<Group> = Vec::new();
    for (r, entry) in refs.iter().zip(&n.references) {
        let at = match groups.iter().position(|g| g.0 == entry.source) {
            Some(i) => i,
            None => {
                groups.push((
                    entry.source,
                    CitedSource {
                        source_id: r.source_id.clone(),
                        source_url: r.source_url.clone(),
                        paras: Vec::new(),
                    },
                    Vec::new(),
                ));
                groups.len() - 1
            }
        };
        let label = if r.paras.is_empty() {
            "whole source".to_string()
        } else {
            r.paras.clone()
        };
        let first = entry.paras.map_or(0, |p| p.first);
        groups[at].2.push((
            first,
            ParaLink {
                label,
                url: r.url.clone(),
            },
        ));
    }
    groups
        .into_iter()
        .map(|(_, mut g, mut paras)| {
            paras.sort_by_key(|(first, _)| *first);
            g.paras = paras.into_iter().map(|(_, p)| p).collect();
            g
        })
        .collect()
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct ClaimView {
    pub claimant: Option<NoteLink>,
    pub subjects: Vec<NoteLink>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub responses: Vec<ResponseView>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct DenialView {
    pub by: Option<NoteLink>,
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub denies: Vec<NoteLink>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct NoteView {
    #[serde(flatten)]
    pub link: NoteLink,
    pub kind_title: &'static str,
    pub kind_url: String,
    pub lang: Option<String>,
    pub aliases: Vec<String>,
    pub tags: Vec<TagLink>,
    pub body: String,
    pub references: Vec<RefView>,
    pub backlinks: Vec<BacklinkView>,
    pub claim: Option<ClaimView>,
    pub denial: Option<DenialView>,
    /// People and organizations: the claims they make and the responses they give.
    pub claims_made: Vec<NoteLink>,
    pub responses_given: Vec<NoteLink>,
}

/// A row of the claims-versus-denials table.
#[derive(Debug, Serialize, Clone, Hash)]
pub struct ClaimRow {
    pub claim: NoteLink,
    pub claimant: Option<NoteLink>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub sources: Vec<RefView>,
    pub cited: Vec<CitedSource>,
    pub responses: Vec<ResponseView>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct ParagraphView {
    pub number: usize,
    pub id: String,
    /// The paragraph's text, escaped, with quoted passages in `<mark>`.
    pub html: String,
    pub quoted_by: Vec<QuoteView>,
}

/// A source as the home page lists it.
#[derive(Debug, Serialize, Clone, Hash)]
pub struct SourceLink {
    pub id: String,
    pub title: String,
    pub url: String,
    /// How many citations of it the dossier holds.
    pub citations: usize,
}

/// A note that quotes a paragraph, and the passages it quotes, in order.
#[derive(Debug, Serialize, Clone, Hash)]
pub struct QuoteView {
    pub note: NoteLink,
    pub quotes: Vec<String>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct CitationView {
    pub note: NoteLink,
    pub paras: String,
    pub url: String,
    pub quotes: Vec<String>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub file: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateView>,
    pub original_url: Option<String>,
    pub archive_url: Option<String>,
    pub language: Option<String>,
    pub via: Option<String>,
    pub retrieved: Option<DateView>,
    pub notes: Option<String>,
    pub sha256: String,
    pub paragraph_count: usize,
    pub citations: Vec<CitationView>,
}

pub fn date_view(date: Option<PartialDate>, label: Option<&str>) -> Option<DateView> {
    match (date, label) {
        (Some(d), l) => Some(DateView {
            iso: d.iso(),
            human: l.map_or_else(|| d.human(), str::to_string),
            label: l.map(str::to_string),
        }),
        (None, Some(l)) => Some(DateView {
            iso: String::new(),
            human: l.to_string(),
            label: Some(l.to_string()),
        }),
        (None, None) => None,
    }
}

pub fn note_link(d: &Dossier, i: usize, urls: &Urls) -> NoteLink {
    let m = &d.notes[i].note.meta;
    NoteLink {
        slug: m.slug.clone(),
        title: m.title.clone(),
        url: urls.note(&m.slug),
        kind: m.kind.name(),
        date: date_view(m.date, m.date_label.as_deref()),
        summary: m.summary.clone(),
    }
}

pub fn ref_view(d: &Dossier, number: usize, r: &RefEntry, urls: &Urls) -> RefView {
    let s = &d.sources[r.source].source;
    let source_url = urls.source(&s.id);
    RefView {
        number,
        source_id: s.id.clone(),
        source_title: s.meta.title.clone().unwrap_or_else(|| s.stem.clone()),
        url: match r.paras {
            Some(p) => format!("{source_url}#p{}", p.first),
            None => source_url.clone(),
        },
        source_url,
        paras: r.paras.as_ref().map(Paras::label).unwrap_or_default(),
        quotes: r.quotes.clone(),
        language: s.meta.language.clone(),
        repeat: false,
    }
}

fn response_view(d: &Dossier, i: usize, urls: &Urls) -> ResponseView {
    let n = &d.notes[i];
    let stance = n
        .note
        .meta
        .denial
        .as_ref()
        .map(|x| x.stance)
        .unwrap_or_default();
    let sources = refs(d, n, urls);
    ResponseView {
        note: note_link(d, i, urls),
        by: n.by.map(|b| note_link(d, b, urls)),
        stance: stance.name(),
        stance_label: super::stance_label(stance),
        cited: cited(n, &sources),
        sources,
    }
}

fn refs(d: &Dossier, n: &ResolvedNote, urls: &Urls) -> Vec<RefView> {
    let mut out: Vec<RefView> = n
        .references
        .iter()
        .enumerate()
        .map(|(k, r)| ref_view(d, k + 1, r, urls))
        .collect();
    for k in 1..out.len() {
        out[k].repeat = out[k].source_id == out[k - 1].source_id;
    }
    out
}

pub fn claim_row(d: &Dossier, i: usize, urls: &Urls) -> ClaimRow {
    let n = &d.notes[i];
    let status = n
        .note
        .meta
        .claim
        .as_ref()
        .map(|c| c.status)
        .unwrap_or_default();
    let sources = refs(d, n, urls);
    ClaimRow {
        claim: note_link(d, i, urls),
        claimant: n.claimant.map(|c| note_link(d, c, urls)),
        status: status.name(),
        status_label: super::status_label(status),
        cited: cited(n, &sources),
        sources,
        responses: n
            .responses
            .iter()
            .map(|&r| response_view(d, r, urls))
            .collect(),
    }
}

pub fn note_view(
    d: &Dossier,
    i: usize,
    body: String,
    tags: Vec<TagLink>,
    made: (&[usize], &[usize]),
    urls: &Urls,
) -> NoteView {
    let n = &d.notes[i];
    let m = &n.note.meta;
    let (kind_segment, kind_title) = m.kind.plural();
    let links = |xs: &[usize]| {
        xs.iter()
            .map(|&x| note_link(d, x, urls))
            .collect::<Vec<_>>()
    };
    NoteView {
        link: note_link(d, i, urls),
        kind_title,
        kind_url: urls.page(kind_segment),
        lang: m.lang.clone(),
        aliases: m.aliases.clone(),
        tags,
        body,
        references: refs(d, n, urls),
        backlinks: n
            .backlinks
            .iter()
            .map(|b| BacklinkView {
                note: note_link(d, b.from, urls),
                contexts: b
                    .mentions
                    .iter()
                    .map(|&m| d.mention(b.from, m).to_string())
                    .collect(),
            })
            .collect(),
        claim: m.claim.as_ref().map(|c| {
            let row = claim_row(d, i, urls);
            ClaimView {
                claimant: row.claimant,
                subjects: links(&n.subjects),
                status: c.status.name(),
                status_label: super::status_label(c.status),
                responses: row.responses,
            }
        }),
        denial: m.denial.as_ref().map(|x| DenialView {
            by: n.by.map(|b| note_link(d, b, urls)),
            stance: x.stance.name(),
            stance_label: super::stance_label(x.stance),
            denies: links(&n.denies),
        }),
        claims_made: if matches!(m.kind, Kind::Person | Kind::Organization) {
            links(made.0)
        } else {
            Vec::new()
        },
        responses_given: if matches!(m.kind, Kind::Person | Kind::Organization) {
            links(made.1)
        } else {
            Vec::new()
        },
    }
}
