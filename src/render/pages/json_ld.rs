//! Structured data for a note's page: one schema.org JSON-LD block.
//!
//! Every note is an `Article` (its headline, description, language, and the archived
//! sources it cites as `citation`s). A person's note is about a `Person`, an
//! organization's about an `Organization` (`mainEntity`, with the names it is also known
//! by). A claim's note is about a `Claim`: its claimant as `author` (when a person or an
//! organization), the people and organizations among its subjects as what it is `about`, the paragraphs of the archived sources that make it as its `appearance`s,
//! and each response as a `Review` of it by its respondent (but silence, which no one
//! wrote). Not `ClaimReview`: that type is
//! a fact-checker's verdict (search engines show it as one), and a denial by a party to the
//! story is not a fact-check. Events and unnamed sources get no `mainEntity`: schema.org's
//! `Event` and `Person` would state as fact what the dossier only reports.
//!
//! URLs are absolute when `base_url` names a host, else from the site's root.

use serde_json::{Map, Value, json};

use super::super::catalog::Catalog;
use crate::id::NoteId;
use crate::parse::Kind;

/// The block's JSON, safe inside `<script>`: every `<` is written `\u003c`.
pub(crate) fn note(cat: &dyn Catalog, id: NoteId) -> String {
    let urls = cat.urls();
    let link = &cat.listed(id).inner;
    let note = cat.note(id);
    let site = &cat.site().inner;
    let mut article = Map::new();
    article.insert("@context".into(), json!("https://schema.org"));
    article.insert("@type".into(), json!("Article"));
    article.insert("headline".into(), json!(link.title));
    article.insert("url".into(), json!(urls.absolute(&link.url)));
    if let Some(s) = &link.summary {
        article.insert("description".into(), json!(s));
    }
    let lang = note.meta.lang.as_deref().unwrap_or(&site.language);
    article.insert("inLanguage".into(), json!(lang));
    article.insert(
        "isPartOf".into(),
        json!({"@type": "WebSite", "name": site.title, "url": urls.absolute(&urls.at(""))}),
    );
    // Each source once, in the order the references first cite it.
    let mut sources: Vec<crate::id::SourceId> = Vec::new();
    for r in cat.references(id) {
        if !sources.contains(&r.source) {
            sources.push(r.source);
        }
    }
    if !sources.is_empty() {
        let cited = sources.iter().map(|&s| source_work(cat, s)).collect();
        article.insert("citation".into(), Value::Array(cited));
    }
    let main = match note.meta.kind {
        Kind::Person => Some(entity("Person", cat, id)),
        Kind::Organization => Some(entity("Organization", cat, id)),
        Kind::Claim => Some(claim(cat, id)),
        _ => None,
    };
    if let Some(m) = main {
        article.insert("mainEntity".into(), m);
    }
    let text = serde_json::to_string(&Value::Object(article)).unwrap_or_default();
    text.replace('<', "\\u003c")
}

/// An archived source as a work the note cites: its title, publisher and page.
fn source_work(cat: &dyn Catalog, s: crate::id::SourceId) -> Value {
    let r = cat.source_ref(s);
    let mut w = Map::new();
    w.insert("@type".into(), json!("CreativeWork"));
    w.insert("name".into(), json!(r.title));
    w.insert("url".into(), json!(cat.urls().absolute(&r.url)));
    if let Some(p) = &r.publisher {
        w.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": p}),
        );
    }
    if let Some(l) = &r.language {
        w.insert("inLanguage".into(), json!(l));
    }
    Value::Object(w)
}

/// A person or an organization: its name, the names it is also known by, its page.
fn entity(kind: &str, cat: &dyn Catalog, id: NoteId) -> Value {
    let link = &cat.listed(id).inner;
    let note = cat.note(id);
    let mut e = Map::new();
    e.insert("@type".into(), json!(kind));
    e.insert("name".into(), json!(link.title));
    if !note.meta.aliases.is_empty() {
        e.insert("alternateName".into(), json!(note.meta.aliases));
    }
    e.insert("url".into(), json!(cat.urls().absolute(&link.url)));
    Value::Object(e)
}

/// Who a claimant or a respondent is, when the dossier says it is a person or an
/// organization; nothing for an unnamed source or another kind of note.
fn party(cat: &dyn Catalog, id: NoteId) -> Option<Value> {
    let link = &cat.listed(id).inner;
    let kind = match link.kind {
        "person" => "Person",
        "organization" => "Organization",
        _ => return None,
    };
    Some(json!({"@type": kind, "name": link.title, "url": cat.urls().absolute(&link.url)}))
}

fn claim(cat: &dyn Catalog, id: NoteId) -> Value {
    let urls = cat.urls();
    let link = &cat.listed(id).inner;
    let roles = cat.roles(id);
    let mut c = Map::new();
    c.insert("@type".into(), json!("Claim"));
    c.insert("name".into(), json!(link.title));
    c.insert("url".into(), json!(urls.absolute(&link.url)));
    if let Some(a) = roles.claimant.and_then(|x| party(cat, x)) {
        c.insert("author".into(), a);
    }
    // Whom or what it is about: the people and organizations among its subjects.
    let about: Vec<Value> = roles
        .subjects
        .iter()
        .filter_map(|&s| party(cat, s))
        .collect();
    if !about.is_empty() {
        c.insert("about".into(), Value::Array(about));
    }
    let appearances: Vec<Value> = cat
        .evidence(id)
        .iter()
        .map(|(_, e)| {
            let s = cat.source_ref(e.source);
            let (name, url) = match e.paras {
                Some(p) => (
                    format!("{}, {}", s.label_for(e.paras), p.label()),
                    format!("{}#p{}", s.url, p.first),
                ),
                None => (s.label_for(None).to_string(), s.url.clone()),
            };
            json!({"@type": "CreativeWork", "name": name, "url": urls.absolute(&url)})
        })
        .collect();
    if !appearances.is_empty() {
        c.insert("appearance".into(), Value::Array(appearances));
    }
    // Silence (`no-response`) is no review by the silent: it is left out.
    let reviews: Vec<Value> = cat
        .responses(id)
        .iter()
        .filter(|&&r| cat.roles(r).stance_on(id) != Some(crate::parse::Stance::NoResponse))
        .map(|&r| {
            let rl = &cat.listed(r).inner;
            let rr = cat.roles(r);
            let mut v = Map::new();
            v.insert("@type".into(), json!("Review"));
            v.insert("name".into(), json!(rl.title));
            v.insert("url".into(), json!(urls.absolute(&rl.url)));
            if let Some(a) = rr.by.and_then(|x| party(cat, x)) {
                v.insert("author".into(), a);
            }
            if let Some(s) = &rl.summary {
                v.insert("reviewBody".into(), json!(s));
            }
            Value::Object(v)
        })
        .collect();
    if !reviews.is_empty() {
        c.insert("review".into(), Value::Array(reviews));
    }
    Value::Object(c)
}
