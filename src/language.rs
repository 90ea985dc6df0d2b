//! BCP 47 language tags, as `language` in `dossier.yaml` and `lang` in front matter hold.
//!
//! Input: a tag as written (`en`, `en-GB`, `zh-Hant-TW`). Output: whether it has the shape of
//! a tag. It checks the shape only: it must not consult a registry of languages, rewrite a
//! tag, or report anything itself; its callers say what is wrong and where.

/// A light check of BCP 47 shape: letters and digits in subtags of 1 to 8, the first of 2 to 8 letters.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-GB"));
        assert!(is_language_tag("zh-Hant-TW"));
        assert!(!is_language_tag("english language"));
        assert!(!is_language_tag("e"));
    }
}
