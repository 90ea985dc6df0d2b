//! Where every page of the site lives: one table, [`ROUTES`].
//!
//! Each [`Route`] is a kind of page: where its pages go, which pages of that kind the dossier
//! has, and how one is made (a Tera template and its view, or bytes). Everything else derives
//! from the table: the URLs pages link to ([`Urls`]), the slugs no note may take
//! ([`reserved`]), the files every built site has (`every_site_has`). Adding a kind of page
//! is a row here, its view (in [`super::pages`]) and its template.

use super::catalog::Catalog;
use super::pages;
use crate::id::{NoteId, SourceId, TagId};
use crate::parse::Kind;

/// What a page of a route is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Arg {
    /// The dossier as a whole.
    Site,
    Note(NoteId),
    Kind(Kind),
    Tag(TagId),
    Source(SourceId),
    /// A file of the search index, by its place in the index's list.
    Part(u32),
}

/// What making a page gives: the page's title and the context its view filled in, for its
/// route's template; or the file's bytes.
pub(crate) enum Made {
    Page {
        title: String,
        context: tera::Context,
    },
    Bytes(Vec<u8>),
}

/// A kind of page.
pub(crate) struct Route {
    /// Where its pages are, under the site's root. `{slug}`, `{kind}`, `{tag}` and `{id}`
    /// stand for the note's slug, the kind's plural, the tag's slug and the source's id; a
    /// path that ends in `/` is a folder whose page is its `index.html`.
    pub path: &'static str,
    /// The theme's template for its pages; `None` for files made as bytes.
    pub template: Option<&'static str>,
    /// Whether search engines are pointed at its pages (`sitemap.xml`).
    pub crawl: bool,
    /// The pages of this kind the dossier has.
    pub pages: fn(&dyn Catalog) -> Vec<Arg>,
    /// Makes one page; every read of the dossier goes through the catalog.
    pub make: fn(&dyn Catalog, Arg, &str) -> Made,
}

pub(crate) const NOTE: &str = "{slug}/";
pub(crate) const KIND: &str = "{kind}/";
pub(crate) const TAGS: &str = "tags/";
pub(crate) const TAG: &str = "tags/{tag}/";
pub(crate) const SOURCES: &str = "sources/";
pub(crate) const SOURCE: &str = "sources/{id}/";
pub(crate) const CLAIMS: &str = "claims-vs-denials/";
pub(crate) const SEARCH: &str = "search/";
pub(crate) const TIMELINE: &str = "timeline/";
pub(crate) const MAP: &str = "map/";

/// Every kind of page of the site. The pages of many notes come before the note pages: made
/// in this order, the long ones start first and the cores finish together.
pub(crate) const ROUTES: &[Route] = &[
    Route {
        path: "",
        template: Some("index.html"),
        crawl: true,
        pages: site_only,
        make: pages::home::make,
    },
    Route {
        path: KIND,
        template: Some("kind.html"),
        crawl: true,
        pages: pages::lists::kinds,
        make: pages::lists::kind,
    },
    Route {
        path: TAGS,
        template: Some("tags.html"),
        crawl: true,
        pages: site_only,
        make: pages::lists::tag_index,
    },
    Route {
        path: TAG,
        template: Some("tag.html"),
        crawl: true,
        pages: pages::lists::tags,
        make: pages::lists::tag,
    },
    Route {
        path: SOURCES,
        template: Some("sources.html"),
        crawl: true,
        pages: site_only,
        make: pages::sources::index,
    },
    Route {
        path: SOURCE,
        template: Some("source.html"),
        crawl: true,
        pages: pages::sources::all,
        make: pages::sources::source,
    },
    Route {
        path: TIMELINE,
        template: Some("timeline.html"),
        crawl: true,
        pages: site_only,
        make: pages::timeline::make,
    },
    Route {
        path: MAP,
        template: Some("map.html"),
        crawl: true,
        pages: site_only,
        make: pages::map::make,
    },
    Route {
        path: CLAIMS,
        template: Some("claims.html"),
        crawl: true,
        pages: site_only,
        make: pages::claims::table,
    },
    Route {
        path: "claims.json",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::claims::json,
    },
    Route {
        path: "sources.json",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::sources::csl,
    },
    Route {
        path: SEARCH,
        template: Some("search.html"),
        crawl: false,
        pages: site_only,
        make: pages::search::page_of,
    },
    Route {
        path: "search/index.json",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::search::manifest,
    },
    Route {
        path: "search/{part}.json",
        template: None,
        crawl: false,
        pages: pages::search::parts,
        make: pages::search::part,
    },
    Route {
        path: "404.html",
        template: Some("404.html"),
        crawl: false,
        pages: site_only,
        make: pages::home::not_found,
    },
    Route {
        path: "sitemap.xml",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::crawlers::sitemap,
    },
    Route {
        path: "atom.xml",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::feed::atom,
    },
    Route {
        path: "robots.txt",
        template: None,
        crawl: false,
        pages: site_only,
        make: pages::crawlers::robots,
    },
    Route {
        path: NOTE,
        template: Some("note.html"),
        crawl: true,
        pages: pages::note::all,
        make: pages::note::make,
    },
];

fn site_only(_: &dyn Catalog) -> Vec<Arg> {
    vec![Arg::Site]
}

/// The path of the page for `arg` under the site's root, as links write it (`sources/x/`).
pub(crate) fn path(pattern: &str, arg: Arg, cat: &dyn Catalog) -> String {
    let part = match arg {
        Arg::Site => return pattern.to_string(),
        Arg::Note(n) => ("{slug}", cat.slug(n)),
        Arg::Kind(k) => ("{kind}", k.plural().0),
        Arg::Tag(t) => ("{tag}", cat.tag(t).map_or("", |t| t.slug.as_str())),
        Arg::Source(s) => ("{id}", cat.source_ref(s).id.as_str()),
        Arg::Part(i) => (
            "{part}",
            cat.search()
                .parts
                .get(i as usize)
                .map_or("", |(name, _)| name.as_str()),
        ),
    };
    pattern.replacen(part.0, part.1, 1)
}

/// The file a page's path is written to: a folder's `index.html`.
pub(crate) fn file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        [path, "index.html"].concat()
    } else {
        path.to_string()
    }
}

/// The templates a theme must have: every route's.
pub(crate) fn templates() -> Vec<&'static str> {
    ROUTES.iter().filter_map(|r| r.template).collect()
}

/// The first segment of every route's path that names no note: no note may take it as a
/// slug. A top-level file reserves its name without the extension; the home page (the
/// root's own `index.html`) reserves nothing.
pub(crate) fn reserved() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in ROUTES {
        let first = r.path.split('/').next().unwrap_or("");
        let names: Vec<&'static str> = match first {
            "" | "{slug}" => Vec::new(),
            "{kind}" => Kind::ALL.iter().map(|k| k.plural().0).collect(),
            name => vec![name.split_once('.').map_or(name, |(stem, _)| stem)],
        };
        for n in names {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// The path of the site's own page that reserves `segment` (`claims-vs-denials/`,
/// `people/`, `sitemap.xml`), from the site's root.
pub(crate) fn reserved_page(segment: &str) -> Option<String> {
    if Kind::ALL.iter().any(|k| k.plural().0 == segment) {
        return Some(format!("{segment}/"));
    }
    ROUTES.iter().find_map(|r| {
        let first = r.path.split('/').next().unwrap_or("");
        let stem = first.split_once('.').map_or(first, |(stem, _)| stem);
        (!first.is_empty() && !first.starts_with('{') && stem == segment).then(|| {
            if r.path.contains('{') {
                format!("{first}/")
            } else {
                r.path.to_string()
            }
        })
    })
}

pub(crate) fn is_reserved(slug: &str) -> bool {
    reserved().contains(&slug)
}

#[cfg(test)]
/// The files at the top of every site: a folder that holds them all is a site this tool
/// built.
pub(crate) fn every_site_has() -> Vec<String> {
    ROUTES
        .iter()
        .filter(|r| !r.path.contains(['{', '/']))
        .map(|r| file(r.path))
        .collect()
}

/// Every URL of the site, under its root path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Urls {
    root: String,
    base_url: String,
}

impl Urls {
    pub(crate) fn new(root: &str, base_url: &str) -> Self {
        Urls {
            root: root.to_string(),
            base_url: base_url.trim_end_matches('/').to_string(),
        }
    }

    /// The URL of a path under the root.
    pub(crate) fn at(&self, path: &str) -> String {
        [&self.root, path].concat()
    }

    pub(crate) fn note(&self, slug: &str) -> String {
        self.at(&NOTE.replacen("{slug}", slug, 1))
    }

    pub(crate) fn kind(&self, kind: Kind) -> String {
        self.at(&KIND.replacen("{kind}", kind.plural().0, 1))
    }

    pub(crate) fn source(&self, id: &str) -> String {
        self.at(&SOURCE.replacen("{id}", id, 1))
    }

    pub(crate) fn tag(&self, slug: &str) -> String {
        self.at(&TAG.replacen("{tag}", slug, 1))
    }

    /// An absolute URL when `base_url` names a host, for machine-readable output.
    pub(crate) fn absolute(&self, path: &str) -> String {
        let host_end = self.base_url.find("://").map(|scheme| {
            let after = scheme + 3;
            self.base_url[after..]
                .find('/')
                .map_or(self.base_url.len(), |i| after + i)
        });
        match host_end {
            Some(end) => [&self.base_url[..end], path].concat(),
            None => path.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_start_at_the_root_and_end_with_a_slash() {
        let urls = Urls::new("/dossiers/musk/", "https://example.org/dossiers/musk/");
        assert_eq!(urls.at(CLAIMS), "/dossiers/musk/claims-vs-denials/");
        assert_eq!(urls.kind(Kind::Claim), "/dossiers/musk/claims/");
        assert_eq!(urls.note("elon-musk"), "/dossiers/musk/elon-musk/");
        assert_eq!(urls.source("wsj-2024"), "/dossiers/musk/sources/wsj-2024/");
        assert_eq!(urls.tag("space"), "/dossiers/musk/tags/space/");
        assert_eq!(
            urls.absolute("/dossiers/musk/claims/"),
            "https://example.org/dossiers/musk/claims/"
        );
        assert_eq!(Urls::new("/", "").absolute("/a/"), "/a/");
    }

    #[test]
    fn the_reserved_slugs_are_the_routes_first_segments() {
        assert_eq!(
            reserved(),
            [
                "people",
                "organizations",
                "unnamed-sources",
                "events",
                "claims",
                "responses",
                "notes",
                "tags",
                "sources",
                "timeline",
                "map",
                "claims-vs-denials",
                "search",
                "404",
                "sitemap",
                "atom",
                "robots"
            ]
        );
        assert!(is_reserved("sources") && !is_reserved("elon-musk"));
        assert_eq!(
            reserved_page("claims-vs-denials").as_deref(),
            Some("claims-vs-denials/")
        );
        assert_eq!(reserved_page("people").as_deref(), Some("people/"));
        assert_eq!(reserved_page("tags").as_deref(), Some("tags/"));
        assert_eq!(reserved_page("sitemap").as_deref(), Some("sitemap.xml"));
        assert_eq!(reserved_page("elon-musk"), None);
        assert_eq!(
            every_site_has(),
            [
                "index.html",
                "claims.json",
                "sources.json",
                "404.html",
                "sitemap.xml",
                "atom.xml",
                "robots.txt"
            ]
        );
    }

    /// Every top-level entry of a built site is a note's folder, a route's first segment
    /// (reserved, so no note can take it), a file every site has, or a static file (whose
    /// name has a dot, which no slug has).
    #[test]
    fn every_top_level_segment_of_a_built_site_is_reserved() {
        use std::collections::BTreeSet;
        use std::sync::Mutex;

        #[derive(Default)]
        struct Paths(Mutex<Vec<String>>);
        impl crate::render::Sink for Paths {
            fn put(&self, path: &str, _: crate::render::Bytes) -> anyhow::Result<()> {
                let mut paths = self.0.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                paths.push(path.into());
                Ok(())
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let opts = crate::pipeline::BuildOptions {
            root: root.to_path_buf(),
            output: None,
            base_url: None,
            drafts: false,
        };
        let mut engine = crate::engine::Engine::keeping();
        let paths = Paths::default();
        let r = crate::pipeline::rebuild(&mut engine, &opts, &paths).expect("it builds");
        assert!(r.stats.is_some(), "the bundled dossier has errors");
        let cat = engine.catalog();
        let slugs: BTreeSet<&str> = cat
            .notes()
            .iter()
            .map(|&n| cat.listed(n).slug.as_str())
            .collect();
        let reserved = reserved();
        let files = every_site_has();
        let pages = paths.0.into_inner().expect("not poisoned");
        let tops: BTreeSet<&str> = pages
            .iter()
            .map(|p| p.split('/').next().unwrap_or(""))
            .collect();
        assert!(tops.len() > 10, "{tops:?}");
        for top in tops {
            let ok =
                slugs.contains(top) || reserved.contains(&top) || files.iter().any(|f| f == top);
            assert!(
                ok,
                "`{top}` is at the top of the site, but no route reserves it"
            );
            assert!(
                !(slugs.contains(top) && reserved.contains(&top)),
                "`{top}` is both a note's and a route's"
            );
        }
        for s in &r.statics {
            let top = s.rel.split('/').next().unwrap_or("");
            assert!(
                top.contains('.') || reserved.contains(&top),
                "static `{}`",
                s.rel
            );
        }
    }

    #[test]
    fn a_folder_is_written_as_its_index() {
        assert_eq!(file("sources/x/"), "sources/x/index.html");
        assert_eq!(file("claims.json"), "claims.json");
    }
}
