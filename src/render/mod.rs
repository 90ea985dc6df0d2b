//! Render: pages made from what the [`Catalog`] answers, through Tera themes.
//!
//! [`layout`] says which pages the site has and where they go; [`pages`] makes the view of
//! each kind of page; [`view`] holds the view structs templates see; [`markdown`] turns a
//! note's body into HTML with its links and citations as `resolve` decided; [`templates`]
//! compiles the theme. [`page`] makes one page into bytes. The engine ([`crate::engine`])
//! decides which pages to make and hands each to a [`Sink`]. This stage never touches the
//! file system itself.

pub(crate) mod catalog;
pub(crate) mod highlight;
pub(crate) mod layout;
pub(crate) mod markdown;
pub(crate) mod pages;
pub(crate) mod search;
pub(crate) mod templates;
pub(crate) mod view;

use std::sync::Arc;

use crate::diag::{Diagnostic, Location};
use crate::files::Files;
use crate::i18n::Interface;
use crate::load::StaticFile;
use crate::parse::{Kind, Stance, Status};
pub(crate) use catalog::Catalog;
pub(crate) use layout::Urls;
use layout::{Arg, Made, Route};
use templates::Templates;
use view::{KindLink, SiteView};

/// A page's bytes as made: owned by a one-shot build, which writes them and lets them go,
/// or shared with the engine, which keeps them for the next build (`serve`).
#[derive(Debug, Clone)]
pub enum Bytes {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl Bytes {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a,
        }
    }

    pub fn into_shared(self) -> Arc<[u8]> {
        match self {
            Bytes::Owned(v) => v.into(),
            Bytes::Shared(a) => a,
        }
    }
}

/// Where every page of a build goes as soon as it is made (or found unchanged): the staging
/// folder of `build`, nothing for `check`, the served site of `serve`.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Bytes) -> anyhow::Result<()>;
}

/// Makes one page of `route`: its view, then its template (with what every page gets:
/// `site`, `page_title`, `page_url`), or its bytes.
pub(crate) fn page(
    cat: &dyn Catalog,
    templates: &Templates,
    files: &Files,
    route: &Route,
    arg: Arg,
    path: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let url = cat.urls().at(path);
    match (route.make)(cat, arg, &url) {
        Made::Bytes(bytes) => Ok(bytes),
        Made::Page { title, mut context } => {
            context.insert("site", cat.site());
            context.insert("page_title", &title);
            context.insert("page_url", &url);
            templates.render(route.template.unwrap_or_default(), &context, files)
        }
    }
}

/// What every page knows of the site: its settings, and how many notes of each kind,
/// sources and tags it has.
pub(crate) fn site_view(
    config: &crate::config::Config,
    urls: &Urls,
    count: impl Fn(Kind) -> usize,
    sources: usize,
    tags: usize,
    words: &Interface,
) -> SiteView {
    let notes: usize = Kind::ALL.iter().map(|&k| count(k)).sum();
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        author: config.author.clone(),
        language: config.language.clone(),
        content_lang: words.mark(None),
        base_url: config.base_url.clone(),
        root: config.root.clone(),
        origin: urls.absolute(""),
        kinds: Kind::ALL
            .iter()
            .map(|&k| KindLink {
                kind: k.name(),
                title: kind_title(words, k),
                url: urls.kind(k),
                count: count(k),
            })
            .collect(),
        note_count: notes,
        source_count: sources,
        claim_count: count(Kind::Claim),
        tag_count: tags,
    }
}

/// A static file may not stand where a page does.
pub(crate) fn static_conflicts(
    statics: &[StaticFile],
    is_page: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    statics
        .iter()
        .filter(|s| is_page(&s.rel))
        .map(|s| {
            Diagnostic::error(
                "static-conflict",
                format!(
                    "the static file `{}` would replace a page of the site",
                    s.rel
                ),
                Location::Path(format!("static/{}", s.rel).into()),
            )
            .with_help("rename or move the static file")
        })
        .collect()
}

/// The title of a kind's listing ("People") in the interface's words.
pub(crate) fn kind_title(words: &Interface, k: Kind) -> String {
    words.text(&format!("kinds.{}", k.name()))
}

/// How another note's front matter names a note ("Named as the claimant."), in the
/// interface's words.
pub(crate) fn role_label(words: &Interface, role: crate::resolve::Role) -> String {
    words.text(&format!("backlink.{}", role.name()))
}

/// A claim's status in the interface's words.
pub(crate) fn status_label(words: &Interface, s: Status) -> String {
    words.text(&format!("status.{}", s.name()))
}

/// A response's stance in the interface's words.
pub(crate) fn stance_label(words: &Interface, s: Stance) -> String {
    words.text(&format!("stance.{}", s.name()))
}

/// The start of a text in at most `max` characters, the ellipsis included: cut at a word,
/// its trailing punctuation dropped, and marked `…`; the whole text when it fits.
pub(crate) fn cut_at_word(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= max {
        return text.into();
    }
    let end = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let cut = &text[..end];
    let cut = cut.rfind(' ').map_or(cut, |i| &cut[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])).into()
}

/// HTML-escapes text for element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::cut_at_word;

    #[test]
    fn a_long_text_is_cut_at_a_word_within_its_bound() {
        assert_eq!(cut_at_word("Short enough", 12), "Short enough");
        assert_eq!(cut_at_word("One two, three four", 12), "One two…");
        assert_eq!(cut_at_word("Путин и Кремль говорят", 10), "Путин и…");
        assert!(cut_at_word("word ".repeat(40).trim(), 52).chars().count() <= 52);
        assert_eq!(cut_at_word("Unbreakable", 5), "Unbr…");
    }
}
