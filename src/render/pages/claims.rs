//! The claims-versus-responses table, and `claims.json`, made from the same rows.

use serde::Serialize;

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made, Urls};
use super::super::view::{self, ChainStep, ClaimRow, DateView, Listed, RefView};
use super::page;
use crate::i18n::DatePart;
use crate::parse::Kind;

fn rows(cat: &dyn Catalog) -> Vec<ClaimRow<'_>> {
    cat.kind(Kind::Claim)
        .iter()
        .map(|&i| view::claim_row(cat, i))
        .collect()
}

pub(crate) fn table(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let rows = rows(cat);
    page(cat.interface().text("claims.title"), |c| {
        c.insert("rows", &rows);
    })
}

pub(crate) fn json(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    Made::Bytes(claims_json(&rows(cat), cat.urls()))
}

#[derive(Serialize)]
struct JsonRef<'a> {
    source: &'a str,
    /// Who published the archived text, and whom it relays.
    label: &'a str,
    para: Option<String>,
    url: String,
    quotes: &'a [String],
}

#[derive(Serialize)]
struct JsonNote<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
}

/// A note named in `via`: with its kind, so that unnamed sources can be told apart.
#[derive(Serialize)]
struct JsonSource<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    kind: &'a str,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    name: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonDenial<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    by: Option<JsonNote<'a>>,
    via: Vec<JsonSource<'a>>,
    chains: Vec<Vec<Vec<JsonLink<'a>>>>,
    stance: &'a str,
    date: Option<&'a str>,
    date_label: Option<&'a str>,
    date_part: Option<DatePart>,
    sources: Vec<JsonRef<'a>>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    status: &'a str,
    status_reason: Option<&'a str>,
    claimant: Option<JsonNote<'a>>,
    via: Vec<JsonSource<'a>>,
    chains: Vec<Vec<Vec<JsonLink<'a>>>>,
    date: Option<&'a str>,
    date_label: Option<&'a str>,
    date_part: Option<DatePart>,
    sources: Vec<JsonRef<'a>>,
    denials: Vec<JsonDenial<'a>>,
}

fn json_refs<'a>(rs: &'a [RefView], urls: &Urls) -> Vec<JsonRef<'a>> {
    rs.iter()
        .map(|r| JsonRef {
            source: r.source_id,
            label: r.source_label,
            para: (!r.paras.is_empty()).then(|| r.paras.trim_start_matches('¶').replace('–', "-")),
            url: urls.absolute(&r.url),
            quotes: r.quotes,
        })
        .collect()
}

fn json_note<'a>(n: Option<&'a Listed>, urls: &Urls) -> Option<JsonNote<'a>> {
    n.map(|n| JsonNote {
        slug: &n.slug,
        title: &n.title,
        url: urls.absolute(&n.url),
    })
}

fn json_via<'a>(via: &[&'a Listed], urls: &Urls) -> Vec<JsonSource<'a>> {
    via.iter()
        .map(|n| JsonSource {
            slug: &n.slug,
            title: &n.title,
            url: urls.absolute(&n.url),
            kind: n.kind,
        })
        .collect()
}

fn json_chains<'a>(chains: &[Vec<ChainStep<'a>>], urls: &Urls) -> Vec<Vec<Vec<JsonLink<'a>>>> {
    chains
        .iter()
        .map(|chain| {
            chain
                .iter()
                .map(|step| {
                    step.iter()
                        .map(|l| JsonLink {
                            name: l.name,
                            url: l.url.map(|u| urls.absolute(u)),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn json_date(d: &Option<DateView>) -> (Option<&str>, Option<&str>) {
    (
        d.as_ref().map(|d| d.iso.as_str()).filter(|s| !s.is_empty()),
        d.as_ref().and_then(|d| d.label.as_deref()),
    )
}

fn claims_json(rows: &[ClaimRow], urls: &Urls) -> Vec<u8> {
    let claims: Vec<JsonClaim> = rows
        .iter()
        .map(|r| JsonClaim {
            slug: &r.claim.slug,
            title: &r.claim.title,
            url: urls.absolute(&r.claim.url),
            status: r.status,
            status_reason: r.status_reason,
            claimant: json_note(r.claimant, urls),
            via: json_via(&r.via, urls),
            chains: json_chains(&r.chains, urls),
            date: json_date(&r.claim.date).0,
            date_label: json_date(&r.claim.date).1,
            date_part: r.claim.date.as_ref().and_then(|d| d.part),
            sources: json_refs(&r.sources, urls),
            denials: r
                .responses
                .iter()
                .map(|x| JsonDenial {
                    slug: &x.note.slug,
                    title: &x.note.title,
                    url: urls.absolute(&x.note.url),
                    by: json_note(x.by, urls),
                    via: json_via(&x.via, urls),
                    chains: json_chains(&x.chains, urls),
                    stance: x.stance,
                    date: json_date(&x.note.date).0,
                    date_label: json_date(&x.note.date).1,
                    date_part: x.note.date.as_ref().and_then(|d| d.part),
                    sources: json_refs(&x.sources, urls),
                })
                .collect(),
        })
        .collect();
    let mut out =
        serde_json::to_vec_pretty(&serde_json::json!({ "claims": claims })).unwrap_or_default();
    out.push(b'\n');
    out
}
