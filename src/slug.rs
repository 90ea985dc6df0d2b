//! Slugs: the URL segment of a note, a tag or a heading; and reading a link's path.
//!
//! Any script becomes lower-case ASCII: Cyrillic through our own table (the readable,
//! passport-style romanisation Russian readers expect, so `Кремль` is `kreml`), everything
//! else through `deunicode`. Runs of anything but letters and digits become one `-`.

/// Russian and Ukrainian letters; `ъ` and `ь` vanish.
pub(crate) fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'є' => "ye",
        'і' => "i",
        'ї' => "yi",
        'ґ' => "g",
        _ => return None,
    })
}

/// Lower-case ASCII words joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            ascii.push(c);
        } else if let Some(t) = cyrillic(c) {
            ascii.push_str(t);
        } else {
            ascii.push_str(&deunicode::deunicode_char(c).unwrap_or("-").to_lowercase());
        }
    }
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A plain path segment: lower-case ASCII letters, digits, `-` and `_`, not starting with `-`.
pub(crate) fn is_plain_segment(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with(['-', '_'])
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// `%20` and friends in a link's path, as editors write file names with spaces; an escape
/// that is not one is kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_is_transliterated_as_readers_expect() {
        assert_eq!(slugify("Кремль"), "kreml");
        assert_eq!(slugify("Дмитрий Песков"), "dmitriy-peskov");
        assert_eq!(slugify("Сергей Кириенко"), "sergey-kirienko");
        assert_eq!(slugify("Щука и ёж"), "shchuka-i-yozh");
    }

    #[test]
    fn other_scripts_and_punctuation() {
        assert_eq!(slugify("Elon Musk"), "elon-musk");
        assert_eq!(
            slugify("  The Wall Street Journal!  "),
            "the-wall-street-journal"
        );
        assert_eq!(slugify("Xi Jinping (习近平)"), "xi-jinping-xi-jin-ping");
        assert_eq!(slugify("Café — Zürich"), "cafe-zurich");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn plain_segments() {
        assert!(is_plain_segment("elon-musk"));
        assert!(is_plain_segment("2022_call"));
        assert!(!is_plain_segment("Elon"));
        assert!(!is_plain_segment("a/b"));
        assert!(!is_plain_segment(".."));
        assert!(!is_plain_segment(""));
        assert!(!is_plain_segment("-x"));
    }
}
