//! `dossier check`, after the content checks: the built site itself, in memory. Every link
//! and `#anchor` of every page (the theme's as well as the notes') must lead to a page or a
//! file of the site, and every page must be reachable from the home page.
//!
//! Input: the pages as `render` handed them over (path under the site's root, bytes), the
//! static files, and the site's root path (`/` or `/dossiers/musk/`). Output: diagnostics.
//! A broken link in a note's own Markdown is pointed at in the note (its address found in
//! the note's text); one that a template makes is pointed at in the page it broke.
//!
//! Addresses are read from `href`, `src` and `action` (a form's) attributes, quoted with `"` or `'`, as any theme
//! writes them; addresses to other hosts, `mailto:`, `tel:` and `data:` are not followed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::Files;

/// A link as written (`href`), the file it leads to, and its `#anchor`.
type Link = (String, String, Option<String>);

/// The checks of a built site. `notes` maps a note page's path (`elon-musk/index.html`) to
/// the note's file, where its own links are looked for; `drafts` are the notes left out as
/// drafts (title, slug, file), whose traces are looked for.
pub(crate) fn check(
    pages: &[(String, Arc<[u8]>)],
    statics: &[String],
    root: &str,
    notes: &HashMap<String, crate::files::FileId>,
    drafts: &[(String, String, crate::files::FileId)],
    files: &Files,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    draft_traces(pages, root, drafts, files, &mut diags);
    let html: BTreeMap<&str, &str> = pages
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| Some((p.as_str(), std::str::from_utf8(b).ok()?)))
        .collect();
    let exists: BTreeSet<&str> = pages
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(statics.iter().map(String::as_str))
        .collect();
    // Each page's links, read in parallel: where each leads, once per distinct address.
    let links: Vec<(&str, Vec<Link>)> = html
        .par_iter()
        .map(|(&page, &text)| {
            let mut seen: HashSet<String> = HashSet::new();
            let found = addresses(text)
                .into_iter()
                .filter(|h| seen.insert(h.clone()))
                .filter_map(|href| {
                    let (file, fragment) = target(root, page, &href)?;
                    Some((href, file, fragment.filter(|f| !f.is_empty())))
                })
                .collect();
            (page, found)
        })
        .collect();
    // The ids of the pages that links point into.
    let wanted: BTreeSet<&str> = links
        .iter()
        .flat_map(|(_, ls)| ls.iter())
        .filter(|(_, _, f)| f.is_some())
        .filter_map(|(_, file, _)| html.get_key_value(file.as_str()).map(|(k, _)| *k))
        .collect();
    let ids: HashMap<&str, BTreeSet<String>> =
        wanted.par_iter().map(|&p| (p, ids_of(html[p]))).collect();
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (page, found) in &links {
        for (href, file, fragment) in found {
            let broken = if !exists.contains(file.as_str()) {
                Some(format!("no page or file of the site is at `{href}`"))
            } else if let (Some(f), Some(in_target)) = (fragment, ids.get(file.as_str())) {
                (!in_target.contains(f))
                    .then(|| format!("`{href}`: the page has no element with the id `{f}`"))
            } else {
                None
            };
            match broken {
                Some(why) => diags.push(broken_link(root, page, href, why, notes, files)),
                None => {
                    if let Some((&k, _)) = html.get_key_value(file.as_str()) {
                        edges.entry(page).or_default().push(k);
                    }
                }
            }
        }
    }
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    // Every page a reader can reach from the home page, following links.
    let mut todo = vec!["index.html"];
    while let Some(p) = todo.pop() {
        if reached.insert(p) {
            todo.extend(edges.get(p).into_iter().flatten().copied());
        }
    }
    for &page in html.keys() {
        if page != "404.html" && !reached.contains(page) {
            diags.push(
                Diagnostic::warning(
                    "page-unreachable",
                    format!("no link leads to `{page}` from the home page"),
                    Location::Path(PathBuf::from(page)),
                )
                .with_help("link to it from a listing or a note, or a theme template"),
            );
        }
    }
    diags
}

/// A broken link: in the note whose text has its address, else in the page.
fn broken_link(
    root: &str,
    page: &str,
    href: &str,
    why: String,
    notes: &HashMap<String, crate::files::FileId>,
    files: &Files,
) -> Diagnostic {
    // As the note writes it: a link from the root is written without the site's sub-path.
    let written = match href.strip_prefix(root) {
        Some(rest) if root != "/" => format!("/{rest}"),
        _ => href.to_string(),
    };
    let in_note = notes.get(page).and_then(|&f| {
        let text = files.get(f).text();
        let (at, len) = match text.find(href) {
            Some(at) => (at, href.len()),
            None => (text.find(&written)?, written.len()),
        };
        Some(Location::Span(f, at..at + len))
    });
    let (location, help) = match in_note {
        Some(l) => (
            l,
            "link to a page of the site from its root, such as `/claims-vs-denials/`, or to a note with `[[its-slug]]`",
        ),
        None => (
            Location::Path(PathBuf::from(format!("{page} (as built)"))),
            "the theme's templates make this link: fix the template that writes it",
        ),
    };
    Diagnostic::error("site-link-broken", format!("on `{page}`: {why}"), location).with_help(help)
}

/// A draft's address on any page or file of the site (a listing, the feed, the search
/// index, `claims.json`) is an error: something published a note its author held back. Its
/// title is a warning: a published note may name it on purpose, but a theme or a listing
/// that shows drafts would too.
fn draft_traces(
    pages: &[(String, Arc<[u8]>)],
    root: &str,
    drafts: &[(String, String, crate::files::FileId)],
    files: &Files,
    diags: &mut Diagnostics,
) {
    if drafts.is_empty() {
        return;
    }
    // Each page's text read once, for every draft's every needle.
    let texts: Vec<(&str, &str)> = pages
        .iter()
        .filter_map(|(p, b)| Some((p.as_str(), std::str::from_utf8(b).ok()?)))
        .collect();
    for (title, slug, file) in drafts {
        let url = format!("{root}{slug}/");
        let escaped = crate::render::escape(title);
        let found = |needle: &str| -> Vec<&str> {
            texts
                .par_iter()
                .filter(|(_, t)| t.contains(needle))
                .map(|(p, _)| *p)
                .collect()
        };
        let text = files.get(*file).text();
        let at = |needle: &str| match text.find(needle) {
            Some(i) if !needle.is_empty() => Location::Span(*file, i..i + needle.len()),
            _ => Location::Path(files.get(*file).path().to_path_buf()),
        };
        let listed = |on: &[&str]| {
            let mut on = on.to_vec();
            on.sort_unstable();
            let more = on.len().saturating_sub(3);
            let mut s = on
                .iter()
                .take(3)
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if more > 0 {
                s.push_str(&format!(" and {more} more"));
            }
            s
        };
        let on = found(&url);
        if !on.is_empty() {
            diags.push(
                Diagnostic::error(
                    "draft-trace",
                    format!("the draft's address `{url}` is on {} of the built site", listed(&on)),
                    at("draft: true"),
                )
                .with_help("a draft must leave no trace: remove the link, or publish the note (`draft: false`)"),
            );
        }
        if title.chars().count() >= 6 {
            let mut on = found(&escaped);
            if escaped != *title {
                on.extend(found(title));
                on.sort_unstable();
                on.dedup();
            }
            if !on.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        "draft-trace",
                        format!("the draft's title «{title}» is on {} of the built site", listed(&on)),
                        at(title),
                    )
                    .with_help("if a published note names it on purpose, leave it; if a theme or a listing shows it, the draft is not held back"),
                );
            }
        }
    }
}

/// Every `href`, `src` and `action` address in an HTML text, entities `&amp;` decoded.
fn addresses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src=", "action="] {
        let mut from = 0;
        while let Some(i) = text[from..].find(attr) {
            let start = from + i + attr.len();
            from = start;
            // The attribute's name must stand alone (not `data-href=`).
            let before = text[..start - attr.len()].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(q) = text[start..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            let Some(end) = text[start + 1..].find(q) else {
                continue;
            };
            out.push(text[start + 1..start + 1 + end].replace("&amp;", "&"));
        }
    }
    out
}

/// Every `id` attribute's value in an HTML text.
fn ids_of(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices(" id=\"") {
        let start = i + 5;
        if let Some(end) = text[start..].find('"') {
            out.insert(text[start..start + end].to_string());
        }
    }
    out
}

/// The file of the site an address on `page` leads to, and its fragment; `None` for an
/// address outside the site (another host, `mailto:`…) or outside its root.
fn target(root: &str, page: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.starts_with("//") || path.contains(':') {
        return None;
    }
    let page_dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    let from_root = if path.is_empty() {
        return Some((page.to_string(), fragment));
    } else if let Some(p) = path.strip_prefix(root) {
        p.to_string()
    } else if path.starts_with('/') {
        // Under the host but outside the site's root: not the site's to check.
        return None;
    } else {
        normalize(&format!("{page_dir}{path}"))?
    };
    let file = if from_root.is_empty() || from_root.ends_with('/') {
        format!("{from_root}index.html")
    } else {
        from_root
    };
    Some((crate::slug::percent_decode(&file), fragment))
}

/// `a/b/../c` as `a/c`; `None` when it climbs out of the site.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/');
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    let mut s = out.join("/");
    if trailing && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_from_both_quotes_and_only_whole_attributes() {
        let html = r#"<a href="/a/">x</a> <img src='/b.png'> <p data-href="/no/"> <a href="/c/?q=1&amp;r=2#top">"#;
        assert_eq!(addresses(html), ["/a/", "/c/?q=1&r=2#top", "/b.png"]);
    }

    #[test]
    fn targets_under_the_sites_root() {
        let t = |page: &str, href: &str| target("/sub/", page, href);
        assert_eq!(
            t("a/index.html", "/sub/b/"),
            Some(("b/index.html".into(), None))
        );
        assert_eq!(
            t("a/index.html", "../c/#x"),
            Some(("c/index.html".into(), Some("x".into())))
        );
        assert_eq!(
            t("a/index.html", "#y"),
            Some(("a/index.html".into(), Some("y".into())))
        );
        assert_eq!(
            t("a/index.html", "/sub/style.css"),
            Some(("style.css".into(), None))
        );
        assert_eq!(t("a/index.html", "/elsewhere/"), None);
        assert_eq!(t("a/index.html", "https://example.org/"), None);
        assert_eq!(t("a/index.html", "mailto:x@example.org"), None);
        assert_eq!(t("a/index.html", "../../../x"), None);
    }
}
