//! Words as the site's search finds them: a text cut into words, each folded, and the ASCII
//! key a reader without a Cyrillic keyboard would type.
//!
//! Input: any text. Output: folded words (`Путина` → `путина`, `ёлка` → `елка`) and, for a
//! word with letters outside ASCII, its key (`песков` → `peskov`, `кремль` → `kreml`). The
//! search script (`themes/default/static/search.js`) folds a query the same way, so these
//! rules and the script's must change together; the test below pins them. Nothing here
//! knows notes or pages.

/// Whether `c` belongs to a word: a letter or a digit, as the script's
/// `[\p{Alphabetic}\p{N}]` sees it.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// A word in lower case with `ё` read as `е`: what the index holds and a query is matched
/// against.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        out.push(if c == 'ё' { 'е' } else { c });
    }
    out
}

/// Calls `each` with every word of `text`, folded. A word is a run of letters and digits.
pub(crate) fn each_word(text: &str, mut each: impl FnMut(String)) {
    for word in text.split(|c: char| !is_word_char(c)) {
        if !word.is_empty() {
            each(fold(word));
        }
    }
}

/// The ASCII key of a folded word with letters outside ASCII, when it has one: the
/// romanisation slugs use (`путин` → `putin`, `кремль` → `kreml`, `café` → `cafe`).
pub(crate) fn ascii_key(folded: &str) -> Option<String> {
    if folded.is_ascii() {
        return None;
    }
    let key: String = crate::slug::slugify(folded)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    (!key.is_empty() && key != folded).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w));
        out
    }

    #[test]
    fn words_are_folded_to_lower_case_with_yo_as_ye() {
        assert_eq!(
            words("Путина, «Ёлка» и WSJ-2022!"),
            ["путина", "елка", "и", "wsj", "2022"]
        );
        assert_eq!(words("  ¶11 — "), ["11"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn ascii_keys_are_the_romanisation_readers_type() {
        assert_eq!(ascii_key("песков").as_deref(), Some("peskov"));
        assert_eq!(ascii_key("кремль").as_deref(), Some("kreml"));
        assert_eq!(ascii_key("путину").as_deref(), Some("putinu"));
        assert_eq!(ascii_key("café").as_deref(), Some("cafe"));
        assert_eq!(ascii_key("musk"), None);
        assert_eq!(ascii_key("ь"), None);
    }
}
