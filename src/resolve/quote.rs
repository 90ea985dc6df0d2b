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
pub(crate) struct Folded {
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
pub(crate) fn fold(text: &str, offset: usize) -> Folded {
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
pub(crate) fn find(source: &str, range: Range<usize>, quote: &str) -> Vec<Range<usize>> {
    let whole = fold(quote, 0).text;
    // Quote marks around the quote are not the source's words: the quote is found without
    // them too. With them first, so that a quote ending in a quoted word is marked whole.
    let bare = whole.trim_matches(|c| c == ' ' || c == '"');
    if bare.is_empty() {
        return Vec::new();
    }
    let hay = fold(&source[range.clone()], range.start);
    let find = |needle: &str| -> Vec<Range<usize>> {
        hay.text
            .match_indices(needle)
            .map(|(i, m)| hay.original(i..i + m.len(), source))
            .collect()
    };
    let found = find(&whole);
    if found.is_empty() && bare.len() < whole.len() {
        find(bare)
    } else {
        found
    }
}

/// The passage of `source[range]` most like `quote`, for a hint when the quote is not
/// there: the run of as many words as the quote has that shares the most words with it
/// (inflected forms count: `разговора` is like `разговор`). `None` when no run shares at
/// least half of the quote's words.
pub(crate) fn closest(source: &str, range: Range<usize>, quote: &str) -> Option<Range<usize>> {
    let words = |text: &str, offset: usize| -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((offset + s..offset + i, text[s..i].to_lowercase()));
            }
        }
        out
    };
    let alike = |a: &str, b: &str| {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let shorter = a.chars().count().min(b.chars().count());
        a == b || (common >= 3 && common + 2 >= shorter)
    };
    let wanted = words(quote, 0);
    let hay = words(&source[range.clone()], range.start);
    if wanted.is_empty() || hay.is_empty() {
        return None;
    }
    let n = wanted.len().min(hay.len());
    let mut best: Option<(usize, usize, usize)> = None;
    for start in 0..=hay.len() - n {
        let window = &hay[start..start + n];
        let shared = wanted
            .iter()
            .filter(|(_, w)| window.iter().any(|(_, h)| alike(w, h)))
            .count();
        // Ties go to the run whose words stand where the quote has them.
        let aligned = wanted
            .iter()
            .zip(window)
            .filter(|((_, w), (_, h))| alike(w, h))
            .count();
        if best.is_none_or(|(s, a, _)| (shared, aligned) > (s, a)) {
            best = Some((shared, aligned, start));
        }
    }
    let (score, _, start) = best?;
    (score * 2 >= wanted.len() && score > 0).then(|| hay[start].0.start..hay[start + n - 1].0.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_passage_allows_for_inflection_and_a_wrong_word() {
        let src = "Песков сказал, что был всего один телефонный разговор, о космосе.";
        let r = closest(src, 0..src.len(), "всего два телефонных разговора").unwrap();
        assert_eq!(&src[r], "всего один телефонный разговор");
        assert_eq!(
            closest(src, 0..src.len(), "совсем другие слова здесь"),
            None
        );
    }

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

    #[test]
    fn a_quote_that_starts_or_ends_with_a_quoted_word_is_marked_whole() {
        let src = "“False,” said Peskov: the report was “fabricated”.";
        let r = find(src, 0..src.len(), "the report was \"fabricated\"");
        assert_eq!(&src[r[0].clone()], "the report was “fabricated”");
        let r = find(src, 0..src.len(), "\"False,\" said Peskov");
        assert_eq!(&src[r[0].clone()], "“False,” said Peskov");
    }
}
