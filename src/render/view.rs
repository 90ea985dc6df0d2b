//! View structs: what templates see. Serializable, flat, with every URL and label ready.
//!
//! Templates never get domain types: a theme author reads this file to know every variable,
//! and the domain can change without breaking themes. Views are made from what the
//! [`Catalog`] answers, and borrow from it: a note linked from a thousand pages is described
//! once ([`Listed`]).

use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::OnceLock;

use serde::Serialize;

use super::catalog::Catalog;
use super::layout::Urls;
use crate::date::PartialDate;
use crate::i18n::{DatePart, Interface};
use crate::id::NoteId;
use crate::parse::{Note, Paras};
use crate::resolve::{Context, RefEntry};

#[derive(Debug, Serialize, Clone, PartialEq, Hash)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub author: Option<String>,
    pub language: String,
    /// The language the notes are written in when they do not say, where it is not the
    /// site's (`content_language`): what their words, tags and names are marked with.
    pub content_lang: Option<String>,
    pub base_url: String,
    /// The path every link starts with, such as `/` or `/dossiers/musk/`.
    pub root: String,
    /// What makes a page's path a full URL (`https://example.org`), when `base_url` names a
    /// host; empty otherwise (no canonical link then).
    pub origin: String,
    pub kinds: Vec<KindLink>,
    pub note_count: usize,
    pub source_count: usize,
    pub claim_count: usize,
    pub tag_count: usize,
}

#[derive(Debug, Serialize, Clone, PartialEq, Hash)]
pub(crate) struct KindLink {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Clone, PartialEq, Hash)]
pub(crate) struct DateView {
    /// Machine form with its precision: `2022`, `2022-10`, `2022-10-24`.
    pub iso: String,
    /// `2022`, `October 2022`, `24 October 2022`, `late 2022` (`date_part`), in the
    /// interface's language, or the note's `date_label`.
    pub human: String,
    /// The note's `date_label`, when it has one.
    pub label: Option<String>,
    /// The part of the month or year the date names (`early`, `mid`, `late`), when the
    /// note says (`date_part`).
    pub part: Option<DatePart>,
    /// The language of `human` when it is the note's own words in a language other than
    /// the site's (a `date_label`), for `lang`.
    pub lang: Option<String>,
    /// The date itself, for what sorts or places by it (the feed); not for templates.
    #[serde(skip)]
    pub value: Option<PartialDate>,
}

/// A link to a note, with what a list needs to show it.
#[derive(Debug, Serialize, Clone, PartialEq, Hash)]
pub(crate) struct NoteLink {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub date: Option<DateView>,
    pub summary: Option<String>,
    /// The language of the title and summary, where it is not the site's, for `lang`.
    pub lang: Option<String>,
}

impl NoteLink {
    /// How lists that are not a kind's listing order notes: by title, then by slug, which
    /// is unique (note ids are not an order: they depend on the order the engine met the
    /// notes in).
    pub(crate) fn by_title(&self, other: &NoteLink) -> std::cmp::Ordering {
        self.title
            .cmp(&other.title)
            .then_with(|| self.slug.cmp(&other.slug))
    }
}

/// A view with its template value, made on first use and then shared by every page that
/// shows it: a note listed on a thousand pages is turned into a Tera value once, and each
/// page takes a reference to it (Tera clones a `tera::Value` met while serializing a
/// context by reference count).
#[derive(Debug)]
pub(crate) struct Shared<T> {
    pub inner: T,
    /// `None` if it could not be made (it cannot fail for these views): the view is then
    /// serialized as it is, each time.
    value: OnceLock<Option<tera::Value>>,
}

/// A note as lists show it.
pub(crate) type Listed = Shared<NoteLink>;

impl<T> Shared<T> {
    pub(crate) fn new(inner: T) -> Shared<T> {
        Shared {
            inner,
            value: OnceLock::new(),
        }
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = self
            .value
            .get_or_init(|| tera::Value::try_from_serializable(&self.inner).ok());
        match value {
            Some(v) => v.serialize(s),
            None => self.inner.serialize(s),
        }
    }
}

/// As its view: the value is made from it.
impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

/// As its view: the value is made from it.
impl<T: Hash> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.inner.hash(h);
    }
}

#[derive(Debug, Serialize, Clone, PartialEq, Hash)]
pub(crate) struct TagLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct RefView<'a> {
    pub number: usize,
    pub source_id: &'a str,
    pub source_title: &'a str,
    /// Who published the archived text, and whom it relays ("Meduza, relaying The Wall
    /// Street Journal"); the title when the sidecar names no publisher.
    pub source_label: &'a str,
    pub source_url: &'a str,
    /// Link to the first cited paragraph on the source's page, or the page itself.
    pub url: String,
    /// `¶3` or `¶3–4`, empty when the whole source is cited.
    pub paras: String,
    pub quotes: &'a [String],
    /// The source's language, for `lang` on quotes.
    pub language: Option<&'a str>,
    /// Whether the previous reference of the list cites the same source (shown as such,
    /// rather than the source's title again).
    pub repeat: bool,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct BacklinkView<'a> {
    pub note: &'a Listed,
    pub contexts: Vec<BacklinkContext<'a>>,
}

/// Where another note names this one: the paragraph it does so in (the note's own words,
/// `own`), or how its front matter names it, in the interface's words.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct BacklinkContext<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub own: bool,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct ResponseView<'a> {
    pub note: &'a Listed,
    pub by: Option<&'a Listed>,
    /// Through whom the respondent's answer is known (`via`).
    pub via: Vec<&'a Listed>,
    /// Who says it through whom (see [`chains`]).
    pub chains: Vec<Vec<ChainStep<'a>>>,
    pub stance: &'static str,
    pub stance_label: String,
    pub sources: Vec<RefView<'a>>,
    /// The same citations by source, paragraphs in order: for compact cells.
    pub cited: Vec<CitedSource<'a>>,
}

/// One source and the paragraphs of it a note cites, in paragraph order.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct CitedSource<'a> {
    pub source_id: &'a str,
    /// The source named by its publisher and what it relays (see `RefView::source_label`).
    pub source_label: &'a str,
    pub source_url: &'a str,
    /// `(label, url)`: `¶3` and its anchor; `whole source` when no paragraph is given.
    pub paras: Vec<ParaLink>,
}

/// Who says a response: its respondent, but where the response is silence (`no-response`),
/// which only the outlet that asked can report.
fn speaker(by: Option<NoteId>, stance: Option<crate::parse::Stance>) -> Option<NoteId> {
    by.filter(|_| stance != Some(crate::parse::Stance::NoResponse))
}

/// A claim a response answers, with the response's stance toward it where that is not the
/// response's `stance`.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct Answered<'a> {
    pub note: &'a Listed,
    pub stance: Option<&'static str>,
    pub stance_label: Option<String>,
}

/// A claim or a response that rests on a source (`via`), with its status or stance.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct Resting<'a> {
    pub note: &'a Listed,
    pub status: Option<&'static str>,
    pub status_label: Option<String>,
    pub stance: Option<&'static str>,
    pub stance_label: Option<String>,
}

/// One link of a chain of attribution: a name, and its page where it has one.
#[derive(Debug, Serialize, Clone, Hash, PartialEq)]
pub(crate) struct ChainLink<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

/// One step of a chain of attribution: who is cited there (several where a claim rests on
/// several sources side by side).
pub(crate) type ChainStep<'a> = Vec<ChainLink<'a>>;

/// Who says a claim or a response, through whom, from the reader's side: for each archived
/// text that is its evidence, the text's publisher, the outlet it relays in the cited
/// paragraphs, then the claimant (or respondent), then whom they know it through (`via`,
/// side by side in one step). "Meduza ← The Wall Street Journal ← a former Russian
/// intelligence officer". A name that follows the same name is shown once (the relayed
/// outlet is often the claimant), with its page where one of them has it. Evidence read
/// the same way gives one chain.
pub(crate) fn chains<'a>(
    cat: &'a dyn Catalog,
    evidence: &[(usize, &'a RefEntry)],
    speaker: Option<NoteId>,
    via: &[NoteId],
) -> Vec<Vec<ChainStep<'a>>> {
    let note = |id: NoteId| {
        let l = &cat.listed(id).inner;
        ChainLink {
            name: &l.title,
            url: Some(&l.url),
        }
    };
    let mut tail: Vec<ChainStep> = speaker.into_iter().map(|s| vec![note(s)]).collect();
    if !via.is_empty() {
        tail.push(via.iter().map(|&v| note(v)).collect());
    }
    let mut heads: Vec<Vec<ChainStep>> = Vec::new();
    for (_, e) in evidence {
        let s = cat.source_ref(e.source);
        let mut head = vec![vec![ChainLink {
            name: &s.own,
            url: Some(&s.url),
        }]];
        if let Some(relay) = s.relay.as_deref().filter(|_| s.relays(e.paras)) {
            head.push(vec![ChainLink {
                name: relay,
                url: s.relay_note.map(|n| cat.listed(n).inner.url.as_str()),
            }]);
        }
        if !heads.contains(&head) {
            heads.push(head);
        }
    }
    if heads.is_empty() {
        heads.push(Vec::new());
    }
    let mut out: Vec<Vec<ChainStep>> = Vec::new();
    for head in heads {
        let mut chain: Vec<ChainStep> = Vec::new();
        for step in head.into_iter().chain(tail.iter().cloned()) {
            match (chain.last_mut(), step.as_slice()) {
                (Some(last), [link]) if last.len() == 1 && same_name(last[0].name, link.name) => {
                    if link.url.is_some() {
                        last[0] = link.clone();
                    }
                }
                _ => chain.push(step),
            }
        }
        if !chain.is_empty() && !out.contains(&chain) {
            out.push(chain);
        }
    }
    out
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct ParaLink {
    pub label: String,
    pub url: String,
}

/// References grouped by source (in order of first citation), paragraphs sorted.
pub(crate) fn cited<'a, 'e>(
    entries: impl IntoIterator<Item = &'e RefEntry>,
    refs: &[RefView<'a>],
    words: &Interface,
) -> Vec<CitedSource<'a>> {
    // (source, the group, its paragraphs with the number they sort by)
    type Group<'a> = (crate::id::SourceId, CitedSource<'a>, Vec<(u32, ParaLink)>);
    let mut groups: Vec<Group> = Vec::new();
    for (r, entry) in refs.iter().zip(entries) {
        // A source's relayed paragraphs and its own are shown apart, each labelled as such.
        let at = match groups
            .iter()
            .position(|g| g.0 == entry.source && g.1.source_label == r.source_label)
        {
            Some(i) => i,
            None => {
                groups.push((
                    entry.source,
                    CitedSource {
                        source_id: r.source_id,
                        source_label: r.source_label,
                        source_url: r.source_url,
                        paras: Vec::new(),
                    },
                    Vec::new(),
                ));
                groups.len() - 1
            }
        };
        let label = if r.paras.is_empty() {
            words.text("sources.whole_source")
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
pub(crate) struct ClaimView<'a> {
    pub claimant: Option<&'a Listed>,
    pub via: Vec<&'a Listed>,
    pub chains: Vec<Vec<ChainStep<'a>>>,
    pub status_reason: Option<&'a str>,
    pub subjects: Vec<&'a Listed>,
    pub status: &'static str,
    pub status_label: String,
    pub responses: Vec<ResponseView<'a>>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct DenialView<'a> {
    pub by: Option<&'a Listed>,
    pub via: Vec<&'a Listed>,
    pub chains: Vec<Vec<ChainStep<'a>>>,
    pub stance: &'static str,
    pub stance_label: String,
    pub denies: Vec<Answered<'a>>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct NoteView<'a> {
    #[serde(flatten)]
    pub link: &'a NoteLink,
    pub kind_title: String,
    pub kind_url: String,
    pub aliases: &'a [String],
    pub tags: Vec<&'a Shared<TagLink>>,
    pub body: String,
    pub references: Vec<RefView<'a>>,
    pub backlinks: Vec<BacklinkView<'a>>,
    pub claim: Option<ClaimView<'a>>,
    pub denial: Option<DenialView<'a>>,
    /// People and organizations: the claims they make and the responses they give.
    pub claims_made: Vec<&'a Listed>,
    pub responses_given: Vec<&'a Listed>,
    /// For a person, an organization or an unnamed source: the claims and responses that
    /// say they are known through it.
    pub rests_on_it: Vec<Resting<'a>>,
}

/// A row of the claims-versus-denials table.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct ClaimRow<'a> {
    pub claim: &'a Listed,
    pub claimant: Option<&'a Listed>,
    /// Through whom the claimant knows it (`via`).
    pub via: Vec<&'a Listed>,
    /// Who says it through whom (see [`chains`]).
    pub chains: Vec<Vec<ChainStep<'a>>>,
    /// Why the status stands as it is, where the author says so (`status_reason`).
    pub status_reason: Option<&'a str>,
    pub status: &'static str,
    pub status_label: String,
    pub sources: Vec<RefView<'a>>,
    pub cited: Vec<CitedSource<'a>>,
    pub responses: Vec<ResponseView<'a>>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct ParagraphView<'a> {
    pub number: usize,
    pub id: String,
    /// The paragraph's text, escaped, with quoted passages in `<mark>`.
    pub html: String,
    pub quoted_by: Vec<QuoteView<'a>>,
}

/// A source as the home page lists it.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct SourceLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    /// How many citations of it the dossier holds.
    pub citations: usize,
}

/// A note that quotes a paragraph, and the passages it quotes, in order.
#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct QuoteView<'a> {
    pub note: &'a Listed,
    pub quotes: Vec<&'a str>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct CitationView<'a> {
    pub note: &'a Listed,
    pub paras: String,
    pub url: String,
    pub quotes: Vec<&'a str>,
}

#[derive(Debug, Serialize, Clone, Hash)]
pub(crate) struct SourceView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub file: String,
    pub publisher: Option<&'a str>,
    pub author: Option<&'a str>,
    pub published: Option<DateView>,
    pub original_url: Option<&'a str>,
    pub archive_url: Option<&'a str>,
    pub language: Option<&'a str>,
    /// The language's name in the interface's words (`Russian`), or its tag.
    pub language_name: Option<String>,
    pub via: Option<&'a str>,
    /// The paragraphs that relay `via` ("¶1, ¶3–5, ¶8–11"); empty when every one does.
    pub via_paras: String,
    pub retrieved: Option<DateView>,
    pub notes: Option<&'a str>,
    pub sha256: &'a str,
    pub paragraph_count: usize,
    pub citations: Vec<CitationView<'a>>,
}

/// A date as pages show it: the note's `date_label` (in the note's language, `lang`), or
/// the date in the interface's words, with its part (`date_part`) when the note gives one.
pub(crate) fn date_view(
    date: Option<PartialDate>,
    label: Option<&str>,
    part: Option<DatePart>,
    words: &Interface,
    lang: Option<&str>,
) -> Option<DateView> {
    let from_label = |l: &str| DateView {
        iso: date.map(|d| d.iso()).unwrap_or_default(),
        human: l.to_string(),
        label: Some(l.to_string()),
        part,
        lang: lang.map(str::to_string),
        value: date,
    };
    match (date, label) {
        (_, Some(l)) => Some(from_label(l)),
        (Some(d), None) => Some(DateView {
            iso: d.iso(),
            human: words.date(d, part),
            label: None,
            part,
            lang: None,
            value: Some(d),
        }),
        (None, None) => None,
    }
}

/// A note as lists and links show it; made once per note and shared as a [`Listed`].
pub(crate) fn note_link(note: &Note, urls: &Urls, words: &Interface) -> NoteLink {
    let m = &note.meta;
    let lang = words.mark(m.lang.as_deref());
    NoteLink {
        slug: m.slug.clone(),
        title: m.title.clone(),
        url: urls.note(&m.slug),
        kind: m.kind.name(),
        date: date_view(
            m.date,
            m.date_label.as_deref(),
            m.date_part,
            words,
            lang.as_deref(),
        ),
        summary: m.summary.clone(),
        lang,
    }
}

pub(crate) fn ref_view<'a>(cat: &'a dyn Catalog, number: usize, r: &'a RefEntry) -> RefView<'a> {
    let s = cat.source_ref(r.source);
    RefView {
        number,
        source_id: &s.id,
        source_title: &s.title,
        source_label: s.label_for(r.paras),
        url: match r.paras {
            Some(p) => format!("{}#p{}", s.url, p.first),
            None => s.url.clone(),
        },
        source_url: &s.url,
        paras: r.paras.as_ref().map(Paras::label).unwrap_or_default(),
        quotes: &r.quotes,
        language: s.language.as_deref(),
        repeat: false,
    }
}

/// A note's reference list as views show it.
pub(crate) fn refs<'a>(cat: &'a dyn Catalog, entries: &'a [RefEntry]) -> Vec<RefView<'a>> {
    numbered(cat, entries.iter().enumerate())
}

/// Entries of a note's reference list, each with its place in it, as views show them.
fn numbered<'a>(
    cat: &'a dyn Catalog,
    entries: impl Iterator<Item = (usize, &'a RefEntry)>,
) -> Vec<RefView<'a>> {
    let mut out: Vec<RefView> = entries.map(|(k, r)| ref_view(cat, k + 1, r)).collect();
    for k in 1..out.len() {
        // "The same source" only where it would be named the same: a relayed paragraph
        // and one of the publisher's own are named apart.
        out[k].repeat = out[k].source_id == out[k - 1].source_id
            && out[k].source_label == out[k - 1].source_label;
    }
    out
}

/// A response as the row of the claim it answers shows it: with its stance toward that claim.
fn response_view(cat: &dyn Catalog, id: NoteId, claim: NoteId) -> ResponseView<'_> {
    let roles = cat.roles(id);
    let stance = roles.stance_on(claim).unwrap_or_default();
    let entries = cat.evidence(id);
    let sources = numbered(cat, entries.iter().copied());
    ResponseView {
        note: cat.listed(id),
        by: roles.by.map(|b| cat.listed(b)),
        via: roles.via.iter().map(|&v| cat.listed(v)).collect(),
        chains: chains(cat, &entries, speaker(roles.by, Some(stance)), &roles.via),
        stance: stance.name(),
        stance_label: super::stance_label(cat.interface(), stance),
        cited: cited(entries.iter().map(|e| e.1), &sources, cat.interface()),
        sources,
    }
}

/// A row of the claims-versus-responses table: the claim, who makes it, its status and
/// sources, and every response.
pub(crate) fn claim_row(cat: &dyn Catalog, id: NoteId) -> ClaimRow<'_> {
    let roles = cat.roles(id);
    let status = roles.status.unwrap_or_default();
    let entries = cat.evidence(id);
    let sources = numbered(cat, entries.iter().copied());
    ClaimRow {
        claim: cat.listed(id),
        claimant: roles.claimant.map(|c| cat.listed(c)),
        via: roles.via.iter().map(|&v| cat.listed(v)).collect(),
        chains: chains(cat, &entries, roles.claimant, &roles.via),
        status_reason: roles.status_reason.as_deref(),
        status: status.name(),
        status_label: super::status_label(cat.interface(), status),
        cited: cited(entries.iter().map(|e| e.1), &sources, cat.interface()),
        sources,
        responses: cat
            .responses(id)
            .iter()
            .map(|&r| response_view(cat, r, id))
            .collect(),
    }
}

/// Everything a note's page shows but its body (made by the page itself).
pub(crate) fn note_view(cat: &dyn Catalog, id: NoteId) -> NoteView<'_> {
    let note = cat.note(id);
    let m = &note.meta;
    let roles = cat.roles(id);
    let urls = cat.urls();
    let links = |xs: &[NoteId]| xs.iter().map(|&x| cat.listed(x)).collect::<Vec<_>>();
    let owner = m.kind.can_be_a_source();
    let source = m.kind.can_be_a_source();
    let mut tags: Vec<&Shared<TagLink>> = Vec::with_capacity(m.tags.len());
    for slug in &note.tag_slugs {
        if let Some(link) = cat.tag_id(slug).and_then(|t| cat.tag(t)).map(|t| &t.link)
            && !tags.iter().any(|x| std::ptr::eq(*x, link))
        {
            tags.push(link);
        }
    }
    let made = cat.made(id);
    NoteView {
        link: &cat.listed(id).inner,
        kind_title: super::kind_title(cat.interface(), m.kind),
        kind_url: urls.kind(m.kind),
        aliases: &m.aliases,
        tags,
        body: String::new(),
        references: refs(cat, cat.references(id)),
        backlinks: cat
            .backlinks(id)
            .iter()
            .map(|b| BacklinkView {
                note: cat.listed(b.from),
                contexts: b
                    .contexts
                    .iter()
                    .map(|c| match c {
                        Context::Block(t) => BacklinkContext {
                            text: std::borrow::Cow::Borrowed(&**t),
                            own: true,
                        },
                        Context::Role(role) => BacklinkContext {
                            text: std::borrow::Cow::Owned(super::role_label(
                                cat.interface(),
                                *role,
                            )),
                            own: false,
                        },
                    })
                    .collect(),
            })
            .collect(),
        claim: m.claim.as_ref().map(|c| {
            let row = claim_row(cat, id);
            ClaimView {
                claimant: row.claimant,
                via: row.via,
                chains: row.chains,
                status_reason: row.status_reason,
                subjects: links(&roles.subjects),
                status: c.status.name(),
                status_label: super::status_label(cat.interface(), c.status),
                responses: row.responses,
            }
        }),
        denial: m.denial.as_ref().map(|x| DenialView {
            by: roles.by.map(|b| cat.listed(b)),
            via: links(&roles.via),
            chains: chains(
                cat,
                &cat.evidence(id),
                speaker(roles.by, roles.stance),
                &roles.via,
            ),
            stance: x.stance.name(),
            stance_label: super::stance_label(cat.interface(), x.stance),
            denies: roles
                .denies
                .iter()
                .map(|&c| {
                    // Its own stance toward this claim, where it differs.
                    let own = roles.stance_on(c).filter(|s| Some(*s) != roles.stance);
                    Answered {
                        note: cat.listed(c),
                        stance: own.map(|s| s.name()),
                        stance_label: own.map(|s| super::stance_label(cat.interface(), s)),
                    }
                })
                .collect(),
        }),
        claims_made: if owner {
            links(&made.claims)
        } else {
            Vec::new()
        },
        responses_given: if owner {
            links(&made.responses)
        } else {
            Vec::new()
        },
        rests_on_it: if source {
            made.rests_on_it
                .iter()
                .map(|&x| {
                    let roles = cat.roles(x);
                    Resting {
                        note: cat.listed(x),
                        status: roles.status.map(|s| s.name()),
                        status_label: roles
                            .status
                            .map(|s| super::status_label(cat.interface(), s)),
                        stance: roles.stance.map(|s| s.name()),
                        stance_label: roles
                            .stance
                            .map(|s| super::stance_label(cat.interface(), s)),
                    }
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}
