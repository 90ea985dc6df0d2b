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
    // ASCII and Russian first: the general tables are slow to search, and nearly every
    // character of a dossier is one of these.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('а'..='я').contains(&c) || ('А'..='Я').contains(&c) || c == 'ё' || c == 'Ё' {
        true
    } else {
        c.is_alphabetic() || c.is_numeric()
    }
}

/// A word in lower case with `ё` read as `е`: what the index holds and a query is matched
/// against.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`], written at the end of `out`.
fn fold_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('а'..='я').contains(&c) {
            out.push(c);
        } else if ('А'..='Я').contains(&c) {
            out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
        } else if c == 'ё' || c == 'Ё' {
            out.push('е');
        } else {
            for c in c.to_lowercase() {
                out.push(if c == 'ё' { 'е' } else { c });
            }
        }
    }
}

/// Every word of some texts, folded, each once and sorted, joined by spaces: a note's words
/// as the index takes them. Texts are added one by one ([`WordSet::add`]); one buffer holds
/// them all, so that a word costs no allocation of its own.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    text: String,
}

impl WordSet {
    pub(crate) fn add(&mut self, text: &str) {
        for word in text.split(|c: char| !is_word_char(c)) {
            if !word.is_empty() {
                fold_into(word, &mut self.text);
                self.text.push(' ');
            }
        }
    }

    pub(crate) fn finish(self) -> String {
        // Each once first (a note says most of its words many times), then in order.
        let mut unique: std::collections::HashSet<&str, ahash::RandomState> =
            std::collections::HashSet::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4));
        unique.extend(self.text.split_terminator(' '));
        let mut words: Vec<&str> = unique.into_iter().collect();
        words.sort_unstable();
        words.join(" ")
    }
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
    // Russian words, the most common case, letter by letter from the slugs' table.
    let mut key = String::with_capacity(folded.len());
    if folded
        .chars()
        .all(|c| crate::slug::cyrillic(c).map(|t| key.push_str(t)).is_some())
    {
        return (!key.is_empty()).then_some(key);
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
        assert_eq!(
            words("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
            ["абвгдежзийклмнопрстуфхцчшщъыьэюя"]
        );
        assert_eq!(words("ÉCOLE Ђ"), ["école", "ђ"]);
        assert_eq!(words("  ¶11 — "), ["11"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn word_characters_are_letters_and_digits_of_any_script() {
        for c in ['a', 'Z', '7', 'ж', 'Ж', 'ё', 'Ё', 'є', 'é', '中', '٣'] {
            assert!(is_word_char(c), "{c}");
        }
        for c in [' ', '-', '«', '¶', '\u{0483}', '—', '.'] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn a_word_set_holds_each_folded_word_once_in_order() {
        let mut set = WordSet::default();
        set.add("Путина и Путина, ");
        set.add("");
        set.add("Ёлка и WSJ");
        assert_eq!(set.finish(), "wsj елка и путина");
        assert_eq!(WordSet::default().finish(), "");
    }

    /// The search script turns a Cyrillic query word into its Latin key with its own copy
    /// of the slugs' table: the two must agree letter for letter.
    #[test]
    fn the_search_scripts_latin_table_is_the_slugs() {
        let script = include_str!("../themes/default/static/search.js");
        let start = script.find("var LATIN = {").map_or(0, |i| i + 13);
        let table = &script[start..start + script[start..].find('}').unwrap_or(0)];
        let mut seen = 0;
        for pair in table.split(',') {
            let Some((from, to)) = pair.split_once(':') else {
                continue;
            };
            let from: Vec<char> = from.trim().trim_matches('"').chars().collect();
            let to = to.trim().trim_matches('"');
            assert_eq!(from.len(), 1, "{pair}");
            assert_eq!(crate::slug::cyrillic(from[0]), Some(to), "{pair}");
            seen += 1;
        }
        let all = ('\u{400}'..='\u{4ff}').filter(|&c| crate::slug::cyrillic(c).is_some());
        assert_eq!(seen, all.count(), "every letter of the table, and no other");
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
