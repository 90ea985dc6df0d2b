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
    let resolution = cat.resolution(id);
    let text = cat.note_text(id);
    let body = note.body.clone();
    let base = body.start;
    let mut callback = cite_callback;
    let parser = Parser::new_with_broken_link_callback(&text[body], options(), Some(&mut callback))
        .into_offset_iter();

    let mut events: Vec<Event> = Vec::new();
    let mut skipping_citation = false;
    let mut dropped_link = false;
    let mut replaced_text = false;
    let mut heading_index = 0;
    let mut code: Option<(String, String)> = None;
    let mut cite_seq = 0;
    for (event, range) in parser {
        if replaced_text {
            if let Event::End(TagEnd::Link) = event {
                replaced_text = false;
                events.push(Event::End(TagEnd::Link));
            }
            continue;
        }
        if skipping_citation {
            if let Event::End(TagEnd::Link) = event {
                skipping_citation = false;
            }
            continue;
        }
        if let Some((lang, buf)) = code.as_mut() {
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
                    events.push(Event::Html(html.into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if dest_url.starts_with(CITE_PREFIX) {
                    skipping_citation = true;
                    let numbers = resolution.cite_numbers_at(base + range.start);
                    cite_seq += 1;
                    events.push(Event::InlineHtml(cite_html(numbers, cite_seq).into()));
                    continue;
                }
                if is_script_url(&dest_url) {
                    // Warned about by the scan: the text stays, the link goes.
                    dropped_link = true;
                    continue;
                }
                let target = resolution.target_at(note, base + range.start);
                let display = target.and_then(|t| t.display.clone());
                let dest = match target {
                    Some(t) => {
                        let mut url = cat.listed(t.note).url.clone();
                        if let Some(a) = &t.anchor {
                            url.push('#');
                            url.push_str(a);
                        }
                        CowStr::from(url)
                    }
                    None => dest_url,
                };
                let link_type = match link_type {
                    LinkType::WikiLink { .. } => LinkType::Inline,
                    other => other,
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
                if let Some(d) = display {
                    events.push(Event::Text(d.into()));
                    replaced_text = true;
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let anchor = note
                    .headings
                    .get(heading_index)
                    .map(|h| CowStr::from(h.anchor.clone()))
                    .or(id);
                heading_index += 1;
                events.push(Event::Start(Tag::Heading {
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
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::Link) if dropped_link => dropped_link = false,
            // Raw HTML in a note is shown as text: the published page must be exactly what
            // the notes say, and no note may inject scripts into it.
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
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
