//! The body scan: every wikilink, relative note link, web link, citation, heading and
//! «quoted» passage, with its span, and the text of each block that holds a link (for
//! backlinks).
//!
//! Input: a note's text and the byte range of its body. Output: [`Scan`]. Citations
//! `[@id, ¶3; @other, ¶4-5]` arrive through pulldown-cmark's broken-link callback (they are
//! reference links with no definition), so the syntax stays plain CommonMark for editors.
//! Rendering parses the body again with the same [`options`] and the same rules.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{BodyQuote, Citation, Heading, Link, LinkKind, Paras, WebLink};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::FileId;
use crate::id::{Block, Id as _};
use crate::slug::slugify;

/// Around a bare wikilink's text in a context: `resolve` replaces the marked text with the
/// target's title, then removes the marks.
pub(crate) const LINK_OPEN: char = '\u{E000}';
pub(crate) const LINK_CLOSE: char = '\u{E001}';

/// A context's text without the marks around its bare links.
pub(crate) fn without_link_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Both marks are three bytes starting with 0xEE, a byte that starts only the characters
    // U+E000 to U+EFFF: the text is searched byte by byte, not decoded character by character.
    while let Some(at) = rest.bytes().position(|b| b == 0xEE) {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let mut chars = tail.chars();
        if let Some(c) = chars.next()
            && c != LINK_OPEN
            && c != LINK_CLOSE
        {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

/// The link destination given to citations, so both passes can recognise them.
pub(crate) const CITE_PREFIX: &str = "dossier-cite:";
const CONTEXT_MAX: usize = 280;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// The broken-link callback shared by both passes: a reference starting with `@` is a citation.
pub(crate) fn cite_callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let reference = link.reference.trim();
    reference.starts_with('@').then(|| {
        (
            CowStr::from([CITE_PREFIX, reference].concat()),
            CowStr::from(""),
        )
    })
}

#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub links: Vec<Link>,
    pub web_links: Vec<WebLink>,
    pub contexts: Vec<String>,
    pub body_quotes: Vec<BodyQuote>,
    pub citations: Vec<Citation>,
    pub headings: Vec<Heading>,
    /// Every word of the text, folded (`crate::words`), each once, sorted and joined by
    /// spaces: what the site's search finds the note by. Citations are not its words.
    pub words: String,
}

pub(crate) fn scan(file: FileId, text: &str, body: Range<usize>, diags: &mut Diagnostics) -> Scan {
    let base = body.start;
    let mut callback = cite_callback;
    let parser = Parser::new_with_broken_link_callback(&text[body], options(), Some(&mut callback))
        .into_offset_iter();
    let mut s = Scanner {
        file,
        text,
        diags,
        out: Scan::default(),
        block_text: String::new(),
        pending: Vec::new(),
        heading: None,
        in_citation: false,
        in_bare_link: false,
        anchors: Anchors::default(),
        block_start: None,
        block_cites: Vec::new(),
        words: crate::words::WordSet::default(),
    };
    for (event, range) in parser {
        s.event(event, base + range.start..base + range.end);
    }
    s.out.words = std::mem::take(&mut s.words).finish();
    s.out
}

/// The scan's state between events: the block being read and what it holds so far.
struct Scanner<'a> {
    file: FileId,
    text: &'a str,
    diags: &'a mut Diagnostics,
    out: Scan,
    /// The text of the block being read (links' texts marked when bare).
    block_text: String,
    /// The links of the block being read, by their index in `out.links`.
    pending: Vec<usize>,
    /// The heading being read: its `{#id}`, if any, and its text so far.
    heading: Option<(Option<String>, String)>,
    in_citation: bool,
    in_bare_link: bool,
    anchors: Anchors,
    block_start: Option<usize>,
    /// The citations of the block being read, by their index in `out.citations`.
    block_cites: Vec<usize>,
    /// The text's words so far.
    words: crate::words::WordSet,
}

impl Scanner<'_> {
    fn event(&mut self, event: Event, span: Range<usize>) {
        if let Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) =
            &event
        {
            self.block_start.get_or_insert(span.start);
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => self.link(link_type, &dest_url, span),
            Event::End(TagEnd::Link) => {
                self.in_citation = false;
                if self.in_bare_link {
                    self.block_text.push(LINK_CLOSE);
                    self.in_bare_link = false;
                }
            }
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) if !self.in_citation => {
                self.words.add(&t);
                self.block_text.push_str(&t);
                if let Some((_, h)) = self.heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.block_text.push(' '),
            Event::End(end) => self.end(end, span),
            _ => {}
        }
    }

    /// A citation, a script link (warned about), a web link, or a link to a note.
    fn link(&mut self, link_type: LinkType, dest_url: &str, span: Range<usize>) {
        if let Some(reference) = dest_url.strip_prefix(CITE_PREFIX) {
            self.in_citation = true;
            for c in read_citation(self.file, reference, span, self.diags) {
                self.block_cites.push(self.out.citations.len());
                self.out.citations.push(c);
            }
        } else if is_script_url(dest_url) {
            self.diags.push(
                Diagnostic::warning(
                    "script-link",
                    format!(
                        "the link to `{}` would run a script in the reader's browser; it is published as plain text",
                        crate::diag::ellipsis(dest_url, 40)
                    ),
                    Location::Span(self.file, span),
                )
                .with_help("link to a web page (`https://…`) or to a note (`[[note]]`)"),
            );
        } else if is_web_url(dest_url) {
            // The address itself where the text writes it as it is (not in a reference
            // definition elsewhere, nor with escapes), else the whole link.
            let span = self.text[span.clone()]
                .find(dest_url)
                .map_or(span.clone(), |i| {
                    span.start + i..span.start + i + dest_url.len()
                });
            self.out.web_links.push(WebLink {
                url: dest_url.to_string(),
                span,
            });
        } else if let Some(link) = note_link(link_type, dest_url, span) {
            // A bare link's text is marked in the context, so that `resolve` can show it
            // by its target's title there, and nowhere else.
            if !link.labelled {
                self.block_text.push(LINK_OPEN);
                self.in_bare_link = true;
            }
            self.pending.push(self.out.links.len());
            self.out.links.push(link);
        }
    }

    /// The end of a heading or a block: its anchor, its context, its quoted passages.
    fn end(&mut self, end: TagEnd, span: Range<usize>) {
        if let TagEnd::Heading(_) = end
            && let Some((id, text)) = self.heading.take()
        {
            let anchor = self.anchors.take(id.unwrap_or_else(|| slugify(&text)));
            self.out.headings.push(Heading {
                text: text.trim().to_string(),
                anchor,
            });
        }
        if !matches!(
            end,
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell
        ) {
            return;
        }
        if !self.pending.is_empty() {
            self.out.contexts.push(shorten(self.block_text.trim()));
            let block = Block::from_index(self.out.contexts.len() - 1);
            for i in self.pending.drain(..) {
                self.out.links[i].block = block;
            }
        }
        let start = self.block_start.take().unwrap_or(span.start);
        let quoted = if self.block_text.contains('«') || self.block_text.contains('“') {
            quoted_phrases(&without_link_marks(&self.block_text))
        } else {
            Vec::new()
        };
        for phrase in quoted {
            let at = self.text[start..span.end.max(start)]
                .find(phrase.as_str())
                .map_or(start..start + 1, |i| start + i..start + i + phrase.len());
            self.out.body_quotes.push(BodyQuote {
                text: phrase,
                span: at,
                citations: self.block_cites.clone(),
            });
        }
        self.block_cites.clear();
        self.block_text.clear();
    }
}

/// Heading anchors, unique within a note: `notes`, `notes-1`, `notes-2`.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    used: std::collections::HashSet<String>,
}

impl Anchors {
    pub(crate) fn take(&mut self, wanted: String) -> String {
        let wanted = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let mut candidate = wanted.clone();
        let mut n = 0;
        while crate::theme::is_page_id(&candidate) || !self.used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{wanted}-{n}");
        }
        candidate
    }
}

/// A wikilink, or an inline link to a relative `.md` file; anything else is not a note link.
fn note_link(link_type: LinkType, dest: &str, span: Range<usize>) -> Option<Link> {
    let mut labelled = true;
    let (kind, raw) = match link_type {
        LinkType::WikiLink { has_pothole } => {
            labelled = has_pothole;
            (LinkKind::Wiki, dest.to_string())
        }
        LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            let (path, _) = dest.split_once('#').unwrap_or((dest, ""));
            let is_relative_md = !dest.contains("://")
                && !dest.starts_with(['/', '#'])
                && !dest.starts_with("mailto:")
                && path.to_ascii_lowercase().ends_with(".md");
            if !is_relative_md {
                return None;
            }
            (LinkKind::RelativeFile, crate::slug::percent_decode(dest))
        }
        _ => return None,
    };
    let (target, fragment) = match raw.split_once('#') {
        Some((t, f)) => (t.trim().to_string(), Some(f.trim().to_string())),
        None => (raw.trim().to_string(), None),
    };
    Some(Link {
        kind,
        target,
        fragment: fragment.filter(|f| !f.is_empty()),
        labelled,
        span,
        block: Block::from_index(0),
    })
}

/// `@id`, `@id, ¶3`, `@id, ¶3-4`, several separated by `;`.
fn read_citation(
    file: FileId,
    reference: &str,
    span: Range<usize>,
    diags: &mut Diagnostics,
) -> Vec<Citation> {
    let mut out = Vec::new();
    for item in reference.split(';') {
        let item = item.trim();
        let Some(rest) = item.strip_prefix('@') else {
            diags.push(
                Diagnostic::error(
                    "citation-syntax",
                    format!("`{item}` in a citation does not start with `@`"),
                    Location::Span(file, span.clone()),
                )
                .with_help("separate citations with `;`, each as `@source-id, ¶3`"),
            );
            continue;
        };
        let (id, locator) = match rest.split_once(',') {
            Some((id, loc)) => (id.trim(), Some(loc.trim())),
            None => (rest.trim(), None),
        };
        if id.is_empty() || id.contains(char::is_whitespace) {
            diags.push(
                Diagnostic::error(
                    "citation-syntax",
                    format!("`@{id}` is not a source id"),
                    Location::Span(file, span.clone()),
                )
                .with_help("write `[@source-id, ¶3]`, with a comma after the id"),
            );
            continue;
        }
        let paras = match locator {
            None | Some("") => None,
            Some(loc) => match Paras::parse(loc) {
                Some(p) => Some(p),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "citation-locator",
                            format!("cannot read the locator `{loc}` in a citation of `{id}`"),
                            Location::Span(file, span.clone()),
                        )
                        .with_help("write a paragraph number or range: `¶3` or `¶3-4`"),
                    );
                    continue;
                }
            },
        };
        out.push(Citation {
            source: id.to_string(),
            paras,
            quote: None,
            quote_span: None,
            span: span.clone(),
            in_body: true,
        });
    }
    out
}

/// The passages of a block's text in «guillemets» or “curly quotes” (outermost pairs;
/// nested quotes stay inside the passage).
fn quoted_phrases(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('«', '»'), ('“', '”')] {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == open {
                if depth == 0 {
                    start = i + c.len_utf8();
                }
                depth += 1;
            } else if c == close && depth > 0 {
                depth -= 1;
                if depth == 0 {
                    let phrase = text[start..i].trim();
                    if !phrase.is_empty() {
                        out.push(phrase.to_string());
                    }
                }
            }
        }
    }
    out
}

/// A link destination a browser would run or render as a document of its own:
/// `javascript:`, `vbscript:` and `data:` URLs (scheme case and leading blanks ignored, as
/// browsers do). Such links are published as their text.
pub(crate) fn is_script_url(dest: &str) -> bool {
    // The first 11 characters that count, lower-cased; a non-ASCII one ends the scheme.
    let mut head = [0u8; 11];
    let mut n = 0;
    for c in dest.trim_start().chars() {
        if c.is_ascii_whitespace() || c.is_ascii_control() {
            continue;
        }
        if n == head.len() || !c.is_ascii() {
            break;
        }
        head[n] = c.to_ascii_lowercase() as u8;
        n += 1;
    }
    [&b"javascript:"[..], b"vbscript:", b"data:"]
        .iter()
        .any(|s| head[..n].starts_with(s))
}

/// An `http://` or `https://` address (scheme in any case): a link to another site.
pub(crate) fn is_web_url(dest: &str) -> bool {
    let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Punctuation that takes no blank before it in a context.
fn closes_up(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '»')
}

/// A block's text as a backlink's context: whitespace runs made one blank, no blank left
/// before punctuation where a citation was taken out (`said it [@src].` reads `said it.`),
/// and cut at a word to at most [`CONTEXT_MAX`] characters, with ` …`.
fn shorten(text: &str) -> String {
    let mut tidy = String::with_capacity(text.len().min(4 * CONTEXT_MAX + 4));
    // Characters in `tidy`. Only its last one can still be taken back (a blank before
    // punctuation), so once it holds two more than the limit, its start is settled and the
    // rest of a long block need not be read.
    let mut count = 0;
    let mut long = false;
    for c in text.trim_start().chars() {
        if closes_up(c) && tidy.ends_with(' ') {
            tidy.pop();
            count -= 1;
        }
        if c.is_whitespace() {
            if tidy.ends_with(' ') {
                continue;
            }
            tidy.push(' ');
        } else {
            tidy.push(c);
        }
        count += 1;
        if count > CONTEXT_MAX + 1 {
            long = true;
            break;
        }
    }
    let text = tidy.trim_end();
    if !long && text.chars().count() <= CONTEXT_MAX {
        return text.to_string();
    }
    let end = text
        .char_indices()
        .nth(CONTEXT_MAX)
        .map_or(text.len(), |(i, _)| i);
    let cut = &text[..end];
    let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Files;

    fn scan_str(body: &str) -> (Scan, Diagnostics) {
        let mut files = Files::default();
        let id = files.add("n.md".into(), body.to_string());
        let mut d = Diagnostics::default();
        let s = scan(id, files.get(id).text(), 0..body.len(), &mut d);
        (s, d)
    }

    /// The plain reading of [`shorten`]: tidy the whole text, then cut.
    fn shorten_plainly(text: &str) -> String {
        let mut tidy = String::new();
        for c in text.chars() {
            if closes_up(c) && tidy.ends_with(' ') {
                tidy.pop();
            }
            if c.is_whitespace() && tidy.ends_with(' ') {
                continue;
            }
            tidy.push(if c.is_whitespace() { ' ' } else { c });
        }
        let text = tidy.trim();
        if text.chars().count() <= CONTEXT_MAX {
            return text.to_string();
        }
        let cut: String = text.chars().take(CONTEXT_MAX).collect();
        let cut = cut
            .rsplit_once(' ')
            .map_or(cut.as_str(), |(a, _)| a)
            .to_string();
        format!("{cut} …")
    }

    #[test]
    fn link_marks_are_removed_and_nothing_else() {
        let text = format!(
            "Встреча {LINK_OPEN}Илон Маск{LINK_CLOSE} \u{E002}, \u{EFFF} и {LINK_OPEN}x{LINK_CLOSE}"
        );
        assert_eq!(
            without_link_marks(&text),
            "Встреча Илон Маск \u{E002}, \u{EFFF} и x"
        );
        assert_eq!(without_link_marks(""), "");
        assert_eq!(without_link_marks("plain"), "plain");
    }

    #[test]
    fn shorten_reads_only_what_it_keeps_and_says_the_same() {
        // Lengths around the limit, blanks before punctuation at the cut, Cyrillic, runs of
        // whitespace, leading and trailing blanks, one long word.
        let word = "слово ";
        let mut texts: Vec<String> = vec![
            String::new(),
            "  \t ".into(),
            " .a".into(),
            "said it .".into(),
            "x".repeat(CONTEXT_MAX + 5),
        ];
        for n in CONTEXT_MAX - 3..CONTEXT_MAX + 4 {
            let base: String = "ab ".repeat(n).chars().take(n).collect();
            for tail in ["", " ", " .", " . more", "\n\n  x", " » y", "  ,"] {
                texts.push(format!("{base}{tail}"));
                texts.push(format!("  {base}{tail}"));
            }
        }
        texts.push(word.repeat(100));
        texts.push(format!("{} .{}", "a".repeat(CONTEXT_MAX), " b".repeat(10)));
        texts.push(format!("{} ,b", "a".repeat(CONTEXT_MAX - 1)));
        for t in &texts {
            let short = shorten(t);
            assert_eq!(short, shorten_plainly(t), "{t:?}");
            assert!(short.chars().count() <= CONTEXT_MAX + 2, "{short:?}");
        }
    }

    #[test]
    fn finds_wikilinks_with_labels_fragments_and_context() {
        let (s, d) = scan_str("Intro.\n\nSee [[Elon Musk|Musk]] and [[kreml#History]] here.\n");
        assert!(d.is_empty());
        assert_eq!(s.links.len(), 2);
        assert_eq!(s.links[0].target, "Elon Musk");
        assert_eq!(s.links[1].target, "kreml");
        assert_eq!(s.links[1].fragment.as_deref(), Some("History"));
        assert_eq!(
            s.contexts[s.links[0].block.index()],
            "See Musk and \u{E000}kreml#History\u{E001} here."
        );
        let body = "Intro.\n\nSee [[Elon Musk|Musk]] and";
        assert_eq!(&body[s.links[0].span.clone()], "[[Elon Musk|Musk]]");
    }

    #[test]
    fn finds_citations_with_locators() {
        let (s, d) = scan_str("A fact [@wsj, ¶3]. Two [@a, ¶3-4; @b]. Table | x\n");
        assert!(d.is_empty(), "{d:?}");
        let got: Vec<(String, Option<Paras>)> = s
            .citations
            .iter()
            .map(|c| (c.source.clone(), c.paras))
            .collect();
        assert_eq!(
            got,
            vec![
                ("wsj".into(), Some(Paras { first: 3, last: 3 })),
                ("a".into(), Some(Paras { first: 3, last: 4 })),
                ("b".into(), None),
            ]
        );
    }

    #[test]
    fn context_has_no_gap_where_a_citation_was() {
        let (s, _) = scan_str("The [[clerk]] said it [@wsj, ¶3]. Then  more [@a] , done.\n");
        assert_eq!(
            s.contexts[s.links[0].block.index()],
            "The \u{E000}clerk\u{E001} said it. Then more, done."
        );
    }

    #[test]
    fn script_urls_are_recognised_and_warned_about() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "VBScript:x",
        ] {
            assert!(is_script_url(url), "{url}");
        }
        for url in [
            "https://x.org",
            "notes.md",
            "#top",
            "mailto:a@b.c",
            "/data:x",
        ] {
            assert!(!is_script_url(url), "{url}");
        }
        let (_, d) = scan_str("[x](javascript:alert(1))\n");
        assert_eq!(d.iter().next().unwrap().code, "script-link");
    }

    #[test]
    fn unreadable_locator_is_an_error() {
        let (s, d) = scan_str("Bad [@wsj, ¶one].\n");
        assert!(s.citations.is_empty());
        assert_eq!(d.iter().next().unwrap().code, "citation-locator");
    }

    #[test]
    fn relative_md_links_are_note_links_and_others_are_not() {
        let (s, _) =
            scan_str("[a](../people/Elon%20Musk.md#x) [b](https://x.org/a.md) [c](img.png)\n");
        assert_eq!(s.links.len(), 1);
        assert_eq!(s.links[0].kind, LinkKind::RelativeFile);
        assert_eq!(s.links[0].target, "../people/Elon Musk.md");
    }

    #[test]
    fn web_links_are_kept_with_the_span_of_their_address() {
        let body = "See [the report](https://x.org/a) and <HTTP://y.org/b>, [ref][r], [[note]].\n\n[r]: https://z.org/c\n";
        let (s, d) = scan_str(body);
        assert!(d.is_empty(), "{d:?}");
        let got: Vec<(&str, &str)> = s
            .web_links
            .iter()
            .map(|l| (l.url.as_str(), &body[l.span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("https://x.org/a", "https://x.org/a"),
                ("HTTP://y.org/b", "HTTP://y.org/b"),
                ("https://z.org/c", "[ref][r]"),
            ]
        );
        assert_eq!(s.links.len(), 1);
        assert!(!is_web_url("mailto:a@b.c") && !is_web_url("/http://x") && !is_web_url("ht"));
    }

    #[test]
    fn headings_never_take_the_themes_ids() {
        let (s, _) = scan_str("## Main\n\n## Referenced by\n\n## Ref 1\n\n## Ref list\n");
        let a: Vec<&str> = s.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(a, ["main-1", "referenced-by-1", "ref-1-1", "ref-list-1"]);
    }

    #[test]
    fn headings_get_unique_anchors() {
        let (s, _) = scan_str("# Кремль\n\n## Notes\n\n## Notes\n\n## Own {#mine}\n");
        let a: Vec<&str> = s.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(a, ["kreml", "notes", "notes-1", "mine"]);
    }
}
