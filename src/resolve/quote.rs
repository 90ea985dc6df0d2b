//! Quote matching: does a quoted passage occur in a source's paragraphs, and where?
//!
//! Both sides are folded first: runs of white space become one space, typographic quotes,
//! apostrophes and dashes become their plain forms, so `«…» — ’` in a note match `"..." - '`
//! in a source and the other way round. Letters and case are compared exactly: a quote must
//! be the source's words. The match is mapped back to byte ranges of the original text, so
//! the source page can mark exactly the quoted words.

use std::ops::Range;

/// A folded text and, for each folded byte, the original byte offset it came from.
#[derive(Debug)]
pub struct Folded {
    pub text: String,
    origin: Vec<usize>,
    end: usize,
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c if c.is_whitespace() => ' ',
        '\u{00AD}' | '\u{200B}' => return None,
        c => c,
    })
}

/// Folds `text`, whose first byte sits at `offset` in the original.
pub fn fold(text: &str, offset: usize) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        let before = out.len();
        out.push(f);
        origin.extend(std::iter::repeat_n(offset + i, out.len() - before));
    }
    while out.ends_with(' ') {
        out.pop();
        origin.pop();
    }
    Folded {
        text: out,
        origin,
        end: offset + text.len(),
    }
}

impl Folded {
    /// The original byte range of the folded range `r`.
    fn original(&self, r: Range<usize>, source: &str) -> Range<usize> {
        let start = self.origin.get(r.start).copied().unwrap_or(self.end);
        let last = self
            .origin
            .get(r.end.saturating_sub(1))
            .copied()
            .unwrap_or(self.end);
        let last_len = source[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }
}

/// Where `quote` occurs in `source[range]`: every occurrence, as original byte ranges.
pub fn find(source: &str, range: Range<usize>, quote: &str) -> Vec<Range<usize>> {
    let needle = fold(quote, 0).text;
    let needle = needle.trim_matches(|c| c == ' ' || c == '"');
    if needle.is_empty() {
        return Vec::new();
    }
    let hay = fold(&source[range.clone()], range.start);
    hay.text
        .match_indices(needle)
        .map(|(i, m)| hay.original(i..i + m.len(), source))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_marks_and_spacing_fold() {
        let src = "Песков назвал «неправдой» —  и\u{a0}всё.";
        let r = find(src, 0..src.len(), "назвал \"неправдой\" - и всё");
        assert_eq!(r.len(), 1);
        assert_eq!(&src[r[0].clone()], "назвал «неправдой» —  и\u{a0}всё");
    }

    #[test]
    fn letters_must_match_exactly() {
        let src = "регулярно общается";
        assert!(find(src, 0..src.len(), "регулярно общался").is_empty());
        assert!(find(src, 0..src.len(), "Регулярно").is_empty());
        assert_eq!(find(src, 0..src.len(), "общается").len(), 1);
    }

    #[test]
    fn ranges_are_relative_to_the_whole_text() {
        let src = "one\ntwo words here";
        let r = find(src, 4..src.len(), "words");
        assert_eq!(&src[r[0].clone()], "words");
    }

    #[test]
    fn surrounding_quote_marks_in_the_quote_are_ignored() {
        let src = "он сказал: готов к переговорам";
        assert_eq!(find(src, 0..src.len(), "«готов к переговорам»").len(), 1);
    }
}
