//! A note's body -> HTML, with every link and citation as `resolve` decided.
//!
//! The body is parsed again with the scan's options; wikilinks and relative note links get
//! their target's URL, citations become numbered references to the note's reference list,
//! headings get the anchors the scan gave them, fenced code is highlighted into classes.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::Catalog;
use crate::id::NoteId;
use crate::parse::markdown::{CITE_PREFIX, cite_callback, is_script_url, options};

/// The body of note `id` as HTML.
pub(crate) fn body_html(cat: &dyn Catalog, id: NoteId) -> String {
    let note = cat.note(id);
    let text = cat.note_text(id);
    let body = note.body.clone();
    let mut callback = cite_callback;
    let parser =
        Parser::new_with_broken_link_callback(&text[body.clone()], options(), Some(&mut callback))
            .into_offset_iter();
    let mut r = Rewriter {
        cat,
        note,
        resolution: cat.resolution(id),
        base: body.start,
        events: Vec::new(),
        skip: Skip::None,
        dropped_link: false,
        heading_index: 0,
        code: None,
        cite_seq: 0,
    };
    for (event, range) in parser {
        r.event(event, range);
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, r.events.into_iter());
    html
}

/// What the rewriter leaves out until a link ends.
#[derive(Debug, PartialEq)]
enum Skip {
    None,
    /// A citation's text: its numbers stand in for it.
    Citation,
    /// A bare link's text: its target's title stands in for it.
    LinkText,
}

/// Turns a body's events into the page's: links to their targets, citations to numbers,
/// headings with their anchors, fenced code highlighted, raw HTML as text.
struct Rewriter<'a> {
    cat: &'a dyn Catalog,
    note: &'a crate::parse::Note,
    resolution: &'a crate::resolve::Resolution,
    /// Where the body starts in the note's file: event ranges are relative to it.
    base: usize,
    events: Vec<Event<'a>>,
    skip: Skip,
    /// A script link's text stays; its end must go with it.
    dropped_link: bool,
    heading_index: usize,
    /// A fenced block being read: its language and text.
    code: Option<(String, String)>,
    cite_seq: usize,
}

impl<'a> Rewriter<'a> {
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        if self.skip != Skip::None {
            if let Event::End(TagEnd::Link) = event {
                if self.skip == Skip::LinkText {
                    self.events.push(Event::End(TagEnd::Link));
                }
                self.skip = Skip::None;
            }
            return;
        }
        if self.code.is_some() {
            self.code_event(event);
            return;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id, self.base + range.start),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let anchor = self
                    .note
                    .headings
                    .get(self.heading_index)
                    .map(|h| CowStr::from(h.anchor.clone()))
                    .or(id);
                self.heading_index += 1;
                self.events.push(Event::Start(Tag::Heading {
                    level,
                    id: anchor,
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::End(TagEnd::Link) if self.dropped_link => self.dropped_link = false,
            // Raw HTML in a note is shown as text: the published page must be exactly what
            // the notes say, and no note may inject scripts into it.
            Event::Html(h) | Event::InlineHtml(h) => self.events.push(Event::Text(h)),
            other => self.events.push(other),
        }
    }

    /// A link: a citation becomes its numbers; a note link goes to its target, a bare one
    /// shown by its target's title; a path from the root is put under the site's root; a
    /// script link is dropped, its text kept.
    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        at: usize,
    ) {
        if dest_url.starts_with(CITE_PREFIX) {
            self.skip = Skip::Citation;
            let numbers = self.resolution.cite_numbers_at(at);
            self.cite_seq += 1;
            let html = cite_html(numbers, self.cite_seq);
            self.events.push(Event::InlineHtml(html.into()));
            return;
        }
        if is_script_url(&dest_url) {
            // Warned about by the scan: the text stays, the link goes.
            self.dropped_link = true;
            return;
        }
        let target = self.resolution.target_at(self.note, at);
        let dest = match target {
            Some(t) => {
                let mut url = self.cat.urls().note(self.cat.slug(t.note));
                if let Some(a) = &t.anchor {
                    url.push('#');
                    url.push_str(a);
                }
                CowStr::from(url)
            }
            // A path from the root (`/claims-vs-denials/`) is from the site's root, which
            // `base_url` may put under a sub-path.
            None if dest_url.starts_with('/') && !dest_url.starts_with("//") => {
                CowStr::from(self.cat.urls().at(&dest_url[1..]))
            }
            None => dest_url,
        };
        let link_type = match link_type {
            LinkType::WikiLink { .. } => LinkType::Inline,
            other => other,
        };
        self.events.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest,
            title,
            id,
        }));
        if let Some(d) = target.and_then(|t| t.display.clone()) {
            self.events.push(Event::Text(d.into()));
            self.skip = Skip::LinkText;
        }
    }

    /// Inside a fenced block: its text is gathered, then highlighted at its end.
    fn code_event(&mut self, event: Event<'a>) {
        let Some((lang, buf)) = self.code.as_mut() else {
            return;
        };
        match event {
            Event::Text(t) => buf.push_str(&t),
            Event::End(TagEnd::CodeBlock) => {
                let lang_attr = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" data-lang=\"{}\"", super::escape(lang))
                };
                let html = format!(
                    "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
                    super::highlight::highlight(buf, lang)
                );
                self.events.push(Event::Html(html.into()));
                self.code = None;
            }
            _ => {}
        }
    }
}

fn cite_html(numbers: &[usize], seq: usize) -> String {
    let links: Vec<String> = numbers
        .iter()
        .map(|n| format!("<a href=\"#ref-{n}\" aria-label=\"reference {n}\">{n}</a>"))
        .collect();
    format!(
        "<sup class=\"cite\" id=\"cite-{seq}\">[{}]</sup>",
        links.join(", ")
    )
}
