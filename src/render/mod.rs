//! Render: a resolved [`Dossier`] -> [`Site`], every page as bytes.
//!
//! Markdown bodies become HTML ([`markdown`]), domain values become view structs ([`view`]),
//! Tera themes turn views into pages ([`templates`]). Pages are rendered in parallel, each
//! handed to a [`Sink`] as soon as it is made (`build` writes it there and then) or kept in
//! the [`Site`] (`serve`). With a [`PageCache`] (`serve`) each page has a key, a digest of
//! everything it is made from (`Keys`), and a page whose key is unchanged is taken from the
//! previous build without being made; the listings' order ([`Orders`]) is the previous
//! build's while no note moved in it.
//! This stage never touches the file system itself.

pub mod highlight;
pub mod markdown;
pub mod templates;
pub mod view;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::digest;
use crate::files::Files;
use crate::load::StaticFile;
use crate::parse::{Kind, Stance, Status};
use crate::resolve::Dossier;
use templates::Templates;
use view::{
    Catalog, CitationView, ClaimRow, KindLink, Listed, ParagraphView, QuoteView, Shared, SiteView,
    SourceView, TagLink,
};

/// One output file: its path under the output folder (with `/`) and its bytes.
#[derive(Debug)]
pub struct Page {
    pub path: String,
    pub bytes: Arc<[u8]>,
}

/// Everything to write: rendered pages (unless already written, see [`Sink`]) and static
/// files to copy.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    /// How many pages the site has, written or held.
    pub page_count: usize,
    pub statics: Vec<StaticFile>,
    pub note_count: usize,
    pub source_count: usize,
}

/// Every URL of the site, under its root path.
#[derive(Debug, Clone, PartialEq)]
pub struct Urls {
    root: String,
    base_url: String,
}

impl Urls {
    pub fn new(root: &str, base_url: &str) -> Self {
        Urls {
            root: root.to_string(),
            base_url: base_url.trim_end_matches('/').to_string(),
        }
    }
    pub fn page(&self, segment: &str) -> String {
        [&self.root, segment, "/"].concat()
    }
    pub fn note(&self, slug: &str) -> String {
        self.page(slug)
    }
    pub fn source(&self, id: &str) -> String {
        [&self.root, "sources/", id, "/"].concat()
    }
    pub fn tag(&self, slug: &str) -> String {
        [&self.root, "tags/", slug, "/"].concat()
    }
    /// An absolute URL when `base_url` names a host, for machine-readable output.
    pub fn absolute(&self, path: &str) -> String {
        if self.base_url.contains("://") {
            let host_end = self.base_url[self.base_url.find("://").unwrap_or(0) + 3..]
                .find('/')
                .map_or(self.base_url.len(), |i| {
                    i + self.base_url.find("://").unwrap_or(0) + 3
                });
            format!("{}{path}", &self.base_url[..host_end])
        } else {
            path.to_string()
        }
    }
}

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Reported => "Reported",
        Status::Disputed => "Disputed",
        Status::Denied => "Denied",
        Status::Confirmed => "Confirmed",
        Status::Unverified => "Unverified",
        Status::Retracted => "Retracted",
    }
}

pub fn stance_label(s: Stance) -> &'static str {
    match s {
        Stance::Denies => "Denies",
        Stance::Disputes => "Disputes",
        Stance::DeclinesComment => "Declines to comment",
        Stance::NoResponse => "Did not respond",
        Stance::NotAware => "Not aware",
    }
}

/// HTML-escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What every page knows of the site: its settings, and how many notes of each kind,
/// sources, claims and tags (`tag_count`) it has.
pub fn site_view(dossier: &Dossier, urls: &Urls, tag_count: usize) -> SiteView {
    let config = &dossier.config;
    let notes = &dossier.notes;
    let count = |k: Kind| notes.iter().filter(|n| n.note.meta.kind == k).count();
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        author: config.author.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
        root: config.root.clone(),
        kinds: Kind::ALL
            .iter()
            .map(|&k| {
                let (seg, title) = k.plural();
                KindLink {
                    kind: k.name(),
                    title,
                    url: urls.page(seg),
                    count: count(k),
                }
            })
            .collect(),
        note_count: notes.len(),
        source_count: dossier.sources.len(),
        claim_count: count(Kind::Claim),
        tag_count,
    }
}

/// Files every site this renders has: `output` takes a folder that holds them all for a
/// previous build, which it may replace.
pub const EVERY_SITE_HAS: [&str; 3] = ["index.html", "404.html", "claims.json"];

/// The pages of the previous build, each with its key: a digest of everything it was made
/// from. A rebuild (in `serve`) makes only the pages whose key changed, so a reused page is
/// byte for byte what making it again would give; the test of `serve` compares rebuilds
/// with full builds across edits.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: HashMap<String, (u64, Arc<[u8]>), ahash::RandomState>,
    /// How lists showed each note, with its digest, by the note's place; reused for the
    /// very same note (held here, so it cannot be another at the same address) and URLs.
    links: Vec<(Arc<crate::parse::Note>, Arc<Listed>, u64)>,
    urls: Option<Urls>,
    orders: Option<Arc<Orders>>,
}

/// The notes of each kind and of each tag, in the order their pages list them.
#[derive(Debug)]
struct Orders {
    /// In the order of [`Kind::ALL`]; see [`sort_notes`].
    kinds: Vec<Vec<usize>>,
    /// By slug: the tag's name as first written, and its notes by title.
    tags: BTreeMap<String, (String, Vec<usize>)>,
}

impl Orders {
    fn new(d: &Dossier) -> Orders {
        let notes = &d.notes;
        let kinds = Kind::ALL
            .par_iter()
            .map(|&k| {
                let mut v: Vec<usize> = (0..notes.len())
                    .filter(|&i| notes[i].note.meta.kind == k)
                    .collect();
                sort_notes(d, &mut v, k);
                v
            })
            .collect();
        let mut found: HashMap<&str, (&str, Vec<usize>), ahash::RandomState> = HashMap::default();
        for (i, n) in notes.iter().enumerate() {
            for (t, slug) in n.note.meta.tags.iter().zip(&n.note.tag_slugs) {
                if slug.is_empty() {
                    continue;
                }
                let entry = found.entry(slug).or_insert_with(|| (t, Vec::new()));
                // Notes come in order, so a repeat can only be the last one.
                if entry.1.last() != Some(&i) {
                    entry.1.push(i);
                }
            }
        }
        let mut tags: BTreeMap<String, (String, Vec<usize>)> = found
            .into_iter()
            .map(|(slug, (name, members))| (slug.to_string(), (name.to_string(), members)))
            .collect();
        tags.par_iter_mut().for_each(|(_, (_, members))| {
            members.sort_by(|&a, &b| notes[a].note.sort_title.cmp(&notes[b].note.sort_title));
        });
        Orders { kinds, tags }
    }
}

/// Whether two versions of a note stand in the same places of the kind listings and tag
/// pages: everything [`Orders`] and [`sort_notes`] read of a note (its tags' slugs are made
/// from its tags); what they come to read must be compared here too. Orders are reused only
/// with the previous build's note links, which a change of URLs lets go.
fn same_place(a: &crate::parse::Note, b: &crate::parse::Note) -> bool {
    a.meta.kind == b.meta.kind
        && a.meta.date == b.meta.date
        && a.sort_title == b.sort_title
        && a.meta.slug == b.meta.slug
        && a.meta.tags == b.meta.tags
}

/// Puts a page's values into its template context; run only for a page that is made.
type Make<'a> = Box<dyn FnOnce(&mut Context) + Send + 'a>;

/// A page to make: where it goes, its template, its key (only when there is a cache to
/// compare it with) and how to make its context.
struct PageJob<'a> {
    path: String,
    template: &'static str,
    key: Option<u64>,
    make: Make<'a>,
}

fn page<'a>(path: String, template: &'static str, key: Option<u64>, make: Make<'a>) -> PageJob<'a> {
    PageJob {
        path,
        template,
        key,
        make,
    }
}

/// The digests page keys are made of, for `serve`: each note's text and resolution (from
/// `parse` and `resolve`), how lists show each note, each source, and what all pages share.
struct Keys<'a> {
    d: &'a Dossier,
    salt: u64,
    links: Vec<u64>,
    sources: Vec<u64>,
    /// Each source's citations and how the notes that make them are listed.
    cited: Vec<u64>,
    /// Each tag's link (name, page, count), by slug.
    tags: HashMap<&'a str, u64, ahash::RandomState>,
}

impl Keys<'_> {
    fn start(&self, page: &str) -> digest::Digester {
        let mut h = digest::hasher();
        (self.salt, page).hash(&mut h);
        h
    }

    /// A note as another page shows it: its link, and what its page says of it.
    fn note(&self, i: usize, h: &mut digest::Digester) {
        let n = &self.d.notes[i];
        (self.links[i], n.note.digest, n.out.digest).hash(h);
        for r in &n.out.references {
            self.sources[r.source].hash(h);
        }
    }

    /// What a note's claim row shows: the claim, its claimant and its responses with the
    /// respondents and their sources.
    fn row(&self, i: usize, h: &mut digest::Digester) {
        let n = &self.d.notes[i];
        self.note(i, h);
        n.out.claimant.map(|c| self.links[c]).hash(h);
        for &r in &n.responses {
            self.note(r, h);
            self.d.notes[r].out.by.map(|b| self.links[b]).hash(h);
        }
    }

    fn note_page(&self, i: usize, made: &(Vec<usize>, Vec<usize>)) -> u64 {
        let n = &self.d.notes[i];
        let mut h = self.start(&n.note.meta.slug);
        self.row(i, &mut h);
        // Every note it points at, as its body and front-matter fields show them.
        for t in n.out.link_targets.iter().flatten() {
            self.links[t.note].hash(&mut h);
        }
        let named = n.out.subjects.iter().chain(&n.out.denies).chain(&n.out.by);
        for &t in named {
            self.links[t].hash(&mut h);
        }
        for b in n.backlinks.iter() {
            (
                self.links[b.from],
                self.d.notes[b.from].out.digest,
                &b.mentions,
            )
                .hash(&mut h);
        }
        for &x in made.0.iter().chain(&made.1) {
            self.links[x].hash(&mut h);
        }
        made.0.len().hash(&mut h);
        for slug in &n.note.tag_slugs {
            self.tags.get(slug.as_str()).hash(&mut h);
        }
        h.finish()
    }

    fn list(&self, page: &str, notes: &[usize], extra: impl Hash) -> u64 {
        let mut h = self.start(page);
        extra.hash(&mut h);
        for &i in notes {
            self.links[i].hash(&mut h);
        }
        h.finish()
    }

    /// A source and everything its pages show of the notes that cite it.
    fn source(&self, s: usize, h: &mut digest::Digester) {
        (self.sources[s], self.cited[s]).hash(h);
    }
}

/// Every page of the site, each handed to `sink` as it is made (or kept in the [`Site`]);
/// with a `cache`, only the pages whose key changed are made.
pub fn render(
    dossier: &Dossier,
    templates: &Templates,
    statics: Vec<StaticFile>,
    files: &Files,
    cache: Option<&mut PageCache>,
    sink: Option<&dyn Sink>,
    diags: &mut Diagnostics,
) -> anyhow::Result<Site> {
    let config = &dossier.config;
    let urls = Urls::new(&config.root, &config.base_url);
    let urls = &urls;
    let notes = &dossier.notes;

    // With a cache, each note's link and its digest are the previous build's while the
    // note is the same.
    let links_before: &[(Arc<crate::parse::Note>, Arc<Listed>, u64)] = match cache.as_deref() {
        Some(c) if c.urls.as_ref() == Some(urls) => &c.links,
        _ => &[],
    };
    let same = |i: usize| {
        let (was, link, digest) = links_before.get(i)?;
        Arc::ptr_eq(was, &notes[i].note).then_some((link, *digest))
    };
    let one_shot = cache.is_none();
    // The kind listings' and tag pages' orders are the previous build's while every note
    // keeps its place in them (a `serve` rebuild after most edits).
    let orders = match cache.as_deref().and_then(|c| c.orders.as_ref()) {
        Some(was)
            if links_before.len() == notes.len()
                && notes.iter().zip(links_before).all(|(n, (before, _, _))| {
                    Arc::ptr_eq(before, &n.note) || same_place(before, &n.note)
                }) =>
        {
            Arc::clone(was)
        }
        _ => Arc::new(Orders::new(dossier)),
    };
    let Orders { kinds, tags } = &*orders;
    let tag_links: BTreeMap<&str, Shared<TagLink>> = tags
        .iter()
        .map(|(slug, (name, members))| {
            let link = TagLink {
                name: name.clone(),
                url: urls.tag(slug),
                count: members.len(),
            };
            (slug.as_str(), Shared::new(link))
        })
        .collect();
    let tag_links = &tag_links;
    let catalog = view::Catalog::reusing(dossier, urls, |i| same(i).map(|(l, _)| Arc::clone(l)));
    let cat = &catalog;

    let of_kind = |k: Kind| &kinds[Kind::ALL.iter().position(|&x| x == k).unwrap_or(0)];
    let claims = of_kind(Kind::Claim);
    // Made into a Tera value once, which every page's context then shares.
    let site = Shared::new(site_view(dossier, urls, tags.len()));
    let site = &site;

    // Page keys, only when there is a previous build to compare them with.
    let keys = cache.as_ref().map(|_| {
        let mut h = digest::hasher();
        templates.digest.hash(&mut h);
        site.hash(&mut h);
        (&urls.root, &urls.base_url).hash(&mut h);
        let sources = dossier
            .sources
            .par_iter()
            .map(|rs| {
                let s = &rs.source;
                digest::of(&(
                    &s.id,
                    &s.stem,
                    &s.meta,
                    &s.sha256,
                    &s.paragraphs,
                    files.get(s.file).path(),
                ))
            })
            .collect();
        let links: Vec<u64> = (0..notes.len())
            .into_par_iter()
            .map(|i| match same(i) {
                Some((_, d)) => d,
                None => digest::of(cat.note(i)),
            })
            .collect();
        // Each source's citations, hashed once for the sources index and the source's page.
        let cited = dossier
            .sources
            .par_iter()
            .map(|rs| {
                let mut h = digest::hasher();
                rs.citations.hash(&mut h);
                for c in &rs.citations {
                    links[c.note].hash(&mut h);
                }
                h.finish()
            })
            .collect();
        Keys {
            d: dossier,
            salt: h.finish(),
            links,
            sources,
            cited,
            tags: tag_links.iter().map(|(s, t)| (*s, digest::of(t))).collect(),
        }
    });
    let keys = keys.as_ref();
    // What every page's context starts with.
    let base = |c: &mut Context, title: &str, url: &str| {
        c.insert("site", site);
        c.insert("page_title", title);
        c.insert("page_url", url);
    };
    let base = &base;

    // Claims made and responses given by each person or organization.
    let mut made: Vec<(Vec<usize>, Vec<usize>)> = vec![(Vec::new(), Vec::new()); notes.len()];
    for (i, n) in notes.iter().enumerate() {
        if let Some(c) = n.out.claimant {
            made[c].0.push(i);
        }
        if let Some(b) = n.out.by {
            made[b].1.push(i);
        }
    }
    let made = &made;

    // Note pages.
    let note_jobs: Vec<PageJob> = notes
        .par_iter()
        .enumerate()
        .map(|(i, n)| {
            let m = &n.note.meta;
            let key = keys.map(|k| k.note_page(i, &made[i]));
            let make: Make = Box::new(move |c: &mut Context| {
                let mut note_tags: Vec<&Shared<TagLink>> = Vec::with_capacity(m.tags.len());
                for slug in &n.note.tag_slugs {
                    if let Some(link) = tag_links.get(slug.as_str())
                        && !note_tags.iter().any(|x| std::ptr::eq(*x, link))
                    {
                        note_tags.push(link);
                    }
                }
                let mut v =
                    view::note_view(dossier, cat, i, note_tags, (&made[i].0, &made[i].1), urls);
                v.body = markdown::body_html(dossier, n, files.get(n.note.file).text(), urls);
                base(c, &m.title, &urls.note(&m.slug));
                c.insert("note", &v);
            });
            page([&m.slug, "/index.html"].concat(), "note.html", key, make)
        })
        .collect();
    // The pages of many notes (listings, sources, claims) take up to tens of milliseconds
    // each: they go first, so that the cores end the build together on the short note pages
    // rather than one core making the longest page alone at the end.
    let mut jobs: Vec<PageJob> = Vec::new();

    // Listings per kind.
    for (&k, members) in Kind::ALL.iter().zip(kinds) {
        let (seg, title) = k.plural();
        let kind = site.kinds.iter().find(|x| x.kind == k.name());
        let key = keys.map(|x| x.list(seg, members, ()));
        let make: Make = Box::new(move |c: &mut Context| {
            let list: Vec<&Listed> = members.iter().map(|&i| cat.note(i)).collect();
            base(c, title, &urls.page(seg));
            c.insert("kind", &kind);
            c.insert("notes", &list);
        });
        jobs.push(page(format!("{seg}/index.html"), "kind.html", key, make));
    }

    // Tags.
    let key = keys.map(|x| digest::of(&(x.salt, "tags", tag_links)));
    let make: Make = Box::new(move |c: &mut Context| {
        let all: Vec<&Shared<TagLink>> = tag_links.values().collect();
        base(c, "Tags", &urls.page("tags"));
        c.insert("tags", &all);
    });
    jobs.push(page("tags/index.html".into(), "tags.html", key, make));
    for (slug, (_, members)) in tags {
        let Some(t) = tag_links.get(slug.as_str()) else {
            continue;
        };
        let key = keys.map(|x| x.list(&t.url, members, t));
        let make: Make = Box::new(move |c: &mut Context| {
            let list: Vec<&Listed> = members.iter().map(|&i| cat.note(i)).collect();
            base(c, &format!("Tagged “{}”", t.name), &t.url);
            c.insert("tag", t);
            c.insert("notes", &list);
        });
        jobs.push(page(
            format!("tags/{slug}/index.html"),
            "tag.html",
            key,
            make,
        ));
    }

    // Sources.
    let source_count = dossier.sources.len();
    let key = keys.map(|x| {
        let mut h = x.start("sources");
        (0..source_count).for_each(|s| x.source(s, &mut h));
        h.finish()
    });
    let make: Make = Box::new(move |c: &mut Context| {
        let all: Vec<SourceView> = (0..source_count)
            .map(|s| source_view(dossier, cat, s, files))
            .collect();
        base(c, "Sources", &urls.page("sources"));
        c.insert("sources", &all);
    });
    jobs.push(page("sources/index.html".into(), "sources.html", key, make));
    for (s, r) in cat.sources.iter().enumerate() {
        let key = keys.map(|x| {
            let mut h = x.start(&r.url);
            x.source(s, &mut h);
            h.finish()
        });
        let make: Make = Box::new(move |c: &mut Context| {
            base(c, &r.title, &r.url);
            c.insert("source", &source_view(dossier, cat, s, files));
            c.insert("paragraphs", &paragraph_views(dossier, cat, s, files, urls));
        });
        jobs.push(page(
            format!("sources/{}/index.html", r.id),
            "source.html",
            key,
            make,
        ));
    }

    // Claims versus denials (and `claims.json`, made from the same rows).
    let rows_key = keys.map(|x| {
        let mut h = x.start("claims");
        for &i in claims {
            x.row(i, &mut h);
        }
        h.finish()
    });
    let rows = || -> Vec<ClaimRow> {
        claims
            .iter()
            .map(|&i| view::claim_row(dossier, cat, i))
            .collect()
    };
    let make: Make = Box::new(move |c: &mut Context| {
        base(c, "Claims and responses", &urls.page("claims-vs-denials"));
        c.insert("rows", &rows());
    });
    jobs.push(page(
        "claims-vs-denials/index.html".into(),
        "claims.html",
        rows_key,
        make,
    ));

    // The home page gets light lists: links, not the full claim rows and citation lists
    // (at 10,000 notes those are megabytes the default home page does not show).
    let (overview, events) = (of_kind(Kind::Note), of_kind(Kind::Event));
    let key = keys.map(|x| {
        let counts: Vec<usize> = dossier.sources.iter().map(|s| s.citations.len()).collect();
        let lists = [overview, events, claims].map(|l| x.list("", l, ()));
        digest::of(&(x.salt, "home", lists, &x.sources, counts))
    });
    let make: Make = Box::new(move |c: &mut Context| {
        let links = |l: &[usize]| l.iter().map(|&i| cat.note(i)).collect::<Vec<_>>();
        let source_links: Vec<view::SourceLink> = cat
            .sources
            .iter()
            .zip(&dossier.sources)
            .map(|(r, rs)| view::SourceLink {
                id: &r.id,
                title: &r.title,
                url: &r.url,
                citations: rs.citations.len(),
            })
            .collect();
        base(c, &site.title, &config.root);
        c.insert("notes", &links(overview));
        c.insert("events", &links(events));
        c.insert("claims", &links(claims));
        c.insert("sources", &source_links);
    });
    jobs.push(page("index.html".into(), "index.html", key, make));
    let key = keys.map(|x| digest::of(&(x.salt, "404")));
    let make: Make = Box::new(move |c: &mut Context| {
        base(c, "Page not found", &format!("{}404.html", config.root));
    });
    jobs.push(page("404.html".into(), "404.html", key, make));

    jobs.extend(note_jobs);

    // Make what changed; a page whose key is the previous build's is reused as it was.
    let previous = cache.as_deref();
    let reused = |path: &str, key: Option<u64>| -> Option<Arc<[u8]>> {
        let (was, bytes) = previous?.pages.get(path)?;
        (Some(*was) == key).then(|| Arc::clone(bytes))
    };
    // The bytes of a page that was written and let go.
    let written_out: Arc<[u8]> = Arc::from(Vec::new());
    // Each page with its key when it was made now (and not reused).
    let rendered: Vec<Result<(Page, Option<u64>), Failure>> = jobs
        .into_par_iter()
        .map(|job| {
            if let Some(bytes) = reused(&job.path, job.key) {
                let page = Page {
                    path: job.path,
                    bytes,
                };
                return Ok((page, None));
            }
            let mut c = Context::new();
            (job.make)(&mut c);
            let html = templates
                .render(job.template, &c, files)
                .map_err(Failure::Template)?;
            // Written as soon as it is made, and then let go: a build never holds the
            // whole site (unless a cache keeps the pages for the next build).
            if let Some(sink) = sink {
                sink.put(&job.path, &html).map_err(Failure::Write)?;
                if previous.is_none() {
                    let page = Page {
                        path: job.path,
                        bytes: Arc::clone(&written_out),
                    };
                    return Ok((page, job.key));
                }
            }
            let page = Page {
                path: job.path,
                bytes: html.into(),
            };
            Ok((page, job.key))
        })
        .collect();
    let json_key = rows_key.map(|k| digest::of(&(k, "json")));
    let (json, json_key) = match reused("claims.json", json_key) {
        Some(bytes) => (bytes, None),
        None => (claims_json(&rows(), urls).into(), json_key),
    };
    let json = Page {
        path: "claims.json".into(),
        bytes: json,
    };
    if let Some(sink) = sink {
        sink.put(&json.path, &json.bytes)?;
    }
    // A static file may not stand where a page does: the few static paths are looked up,
    // rather than every page's path collected.
    let static_rels: std::collections::HashSet<&str> =
        statics.iter().map(|s| s.rel.as_str()).collect();
    let mut conflicts: Vec<String> = Vec::new();
    let mut pages = Vec::new();
    let mut made: Vec<(String, u64, Arc<[u8]>)> = Vec::new();
    // The paths of pages written as they were made, when a cache must forget the others.
    let mut written: Vec<String> = Vec::new();
    let mut page_count = 0;
    for r in rendered.into_iter().chain([Ok((json, json_key))]) {
        match r {
            Ok((p, key)) => {
                page_count += 1;
                if static_rels.contains(p.path.as_str()) {
                    conflicts.push(p.path.clone());
                }
                if let Some(key) = key {
                    made.push((p.path.clone(), key, Arc::clone(&p.bytes)));
                }
                if sink.is_none() {
                    pages.push(p);
                } else if cache.is_some() {
                    written.push(p.path);
                }
            }
            Err(Failure::Template(d)) => diags.push(d),
            Err(Failure::Write(e)) => return Err(e),
        }
    }
    if let Some(cache) = cache {
        cache.orders = Some(Arc::clone(&orders));
        cache.urls = Some(urls.clone());
        cache.links = notes
            .iter()
            .zip(&cat.notes)
            .zip(keys.map_or(&[][..], |k| &k.links))
            .map(|((n, l), d)| (Arc::clone(&n.note), Arc::clone(l), *d))
            .collect();
        for (path, key, bytes) in made {
            cache.pages.insert(path, (key, bytes));
        }
        // Pages that are gone (the cache holds every current page, so only then is it larger).
        if cache.pages.len() != page_count {
            let now: std::collections::HashSet<&str> = pages
                .iter()
                .map(|p| p.path.as_str())
                .chain(written.iter().map(String::as_str))
                .collect();
            cache.pages.retain(|path, _| now.contains(path.as_str()));
        }
    }
    for rel in conflicts {
        diags.push(
            Diagnostic::error(
                "static-conflict",
                format!("the static file `{rel}` would replace a page of the site"),
                Location::Path(format!("static/{rel}").into()),
            )
            .with_help("rename or move the static file"),
        );
    }
    if one_shot {
        // Tens of thousands of small frees (ms at 10,000 notes): done aside, as the
        // pipeline does with the dossier, so the build goes on to write and exit.
        std::thread::spawn(move || drop(catalog));
    }
    Ok(Site {
        page_count,
        pages,
        statics,
        note_count: notes.len(),
        source_count: dossier.sources.len(),
    })
}

/// Where pages go as they are rendered, when they are not kept in memory (`build`).
pub trait Sink: Sync {
    fn put(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()>;
}

/// Why a page was not made: its template failed (a diagnostic), or writing it did.
enum Failure {
    Template(Diagnostic),
    Write(anyhow::Error),
}

/// Events and claims by date (undated last), everything else by title; slug breaks ties.
/// A partial date sorts at the end of its period: `2022` ("late 2022", "in 2022") after
/// `2022-05`, since it may be any time in the year.
/// A rebuild keeps the previous order while [`same_place`] holds for every note.
fn sort_notes(d: &Dossier, v: &mut [usize], k: Kind) {
    let dated = matches!(k, Kind::Event | Kind::Claim | Kind::Denial);
    let key = |i: usize| {
        let n = &d.notes[i].note;
        let date = n.meta.date.filter(|_| dated);
        (
            dated && date.is_none(),
            date.map(|d| d.end_key()),
            n.sort_title.as_str(),
            n.meta.slug.as_str(),
        )
    };
    v.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
}

fn source_view<'a>(d: &'a Dossier, cat: &'a Catalog, s: usize, files: &Files) -> SourceView<'a> {
    let rs = &d.sources[s];
    let src = &rs.source;
    let m = &src.meta;
    let r = &cat.sources[s];
    let url = r.url.as_str();
    SourceView {
        id: &r.id,
        title: &r.title,
        url,
        file: files
            .get(src.file)
            .path()
            .to_string_lossy()
            .replace('\\', "/"),
        publisher: m.publisher.as_deref(),
        author: m.author.as_deref(),
        published: view::date_view(m.published, None),
        original_url: m.url.as_deref(),
        archive_url: m.archive_url.as_deref(),
        language: m.language.as_deref(),
        via: m.via.as_deref(),
        retrieved: view::date_view(m.retrieved, None),
        notes: m.notes.as_deref(),
        sha256: &src.sha256,
        paragraph_count: src.paragraphs.len(),
        citations: rs
            .citations
            .iter()
            .map(|c| CitationView {
                note: cat.note(c.note),
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
fn paragraph_views<'a>(
    d: &'a Dossier,
    cat: &'a Catalog,
    s: usize,
    files: &Files,
    urls: &Urls,
) -> Vec<ParagraphView<'a>> {
    let rs = &d.sources[s];
    let text = files.get(rs.source.file).text();
    rs.source
        .paragraphs
        .iter()
        .enumerate()
        .map(|(k, para)| {
            let mut marks: Vec<(usize, usize, usize)> = Vec::new();
            let mut quoted_by: Vec<QuoteView> = Vec::new();
            for c in &rs.citations {
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
                    let note = cat.note(c.note);
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
                html: marked_html(text, para.clone(), &marks, d, urls),
                quoted_by,
            }
        })
        .collect()
}

fn marked_html(
    text: &str,
    para: std::ops::Range<usize>,
    marks: &[(usize, usize, usize)],
    d: &Dossier,
    urls: &Urls,
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
    let mut segments: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering: Vec<usize> = marks
            .iter()
            .filter(|&&(x, y, _)| x <= a && b <= y)
            .map(|&(_, _, n)| n)
            .collect();
        covering.sort_unstable();
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
                    .map(|&c| d.notes[c].note.meta.title.as_str())
                    .collect();
                out.push_str(&format!(
                    "<mark><a href=\"{}\" title=\"Quoted in: {}\">{seg}</a></mark>",
                    urls.note(&d.notes[n].note.meta.slug),
                    escape(&titles.join("; "))
                ));
            }
        }
    }
    out.replace("\r\n", "\n").replace('\n', "<br>\n")
}

#[derive(Serialize)]
struct JsonRef<'a> {
    source: &'a str,
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

#[derive(Serialize)]
struct JsonDenial<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    by: Option<JsonNote<'a>>,
    stance: &'a str,
    date: Option<&'a str>,
    date_label: Option<&'a str>,
    sources: Vec<JsonRef<'a>>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    status: &'a str,
    claimant: Option<JsonNote<'a>>,
    date: Option<&'a str>,
    date_label: Option<&'a str>,
    sources: Vec<JsonRef<'a>>,
    denials: Vec<JsonDenial<'a>>,
}

fn json_refs<'a>(rs: &'a [view::RefView], urls: &Urls) -> Vec<JsonRef<'a>> {
    rs.iter()
        .map(|r| JsonRef {
            source: r.source_id,
            para: (!r.paras.is_empty()).then(|| r.paras.trim_start_matches('¶').replace('–', "-")),
            url: urls.absolute(&r.url),
            quotes: r.quotes,
        })
        .collect()
}

fn json_note<'a>(n: Option<&'a Listed>, urls: &Urls) -> Option<JsonNote<'a>> {
    n.as_ref().map(|n| JsonNote {
        slug: &n.slug,
        title: &n.title,
        url: urls.absolute(&n.url),
    })
}

fn json_date(d: &Option<view::DateView>) -> (Option<&str>, Option<&str>) {
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
            claimant: json_note(r.claimant, urls),
            date: json_date(&r.claim.date).0,
            date_label: json_date(&r.claim.date).1,
            sources: json_refs(&r.sources, urls),
            denials: r
                .responses
                .iter()
                .map(|x| JsonDenial {
                    slug: &x.note.slug,
                    title: &x.note.title,
                    url: urls.absolute(&x.note.url),
                    by: json_note(x.by, urls),
                    stance: x.stance,
                    date: json_date(&x.note.date).0,
                    date_label: json_date(&x.note.date).1,
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

#[cfg(test)]
mod tests {
    use super::Urls;

    #[test]
    fn urls_start_at_the_root_and_end_with_a_slash() {
        let urls = Urls::new("/dossiers/musk/", "https://example.org/dossiers/musk/");
        assert_eq!(urls.page("claims"), "/dossiers/musk/claims/");
        assert_eq!(urls.note("elon-musk"), "/dossiers/musk/elon-musk/");
        assert_eq!(urls.source("wsj-2024"), "/dossiers/musk/sources/wsj-2024/");
        assert_eq!(urls.tag("space"), "/dossiers/musk/tags/space/");
        assert_eq!(
            urls.absolute("/dossiers/musk/claims/"),
            "https://example.org/dossiers/musk/claims/"
        );
        assert_eq!(Urls::new("/", "").absolute("/a/"), "/a/");
    }
}
