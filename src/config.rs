//! `dossier.yaml` -> [`Config`]: defaults and validation in one place.
//!
//! Input: the text of `dossier.yaml` (already in [`Files`]) and the command-line overrides.
//! Output: a [`Config`], or diagnostics pointing into `dossier.yaml`.
//! It does not read files: `load` did.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::{FileId, Files};
use crate::language::is_language_tag;
use crate::yaml::YamlBlock;

pub(crate) const CONFIG_FILE: &str = "dossier.yaml";
const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "content_language",
    "theme",
    "author",
];

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    pub title: String,
    pub description: Option<String>,
    /// As written, such as `https://example.org/dossiers/musk/` or `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`: every link is
    /// prefixed with it so the site works under a sub-path.
    pub root: String,
    /// The interface's language: which table of `i18n/` the pages' own words come from, and
    /// the `lang` of every page.
    pub language: String,
    /// Where `language` is written (or the file), for saying no table has it.
    pub language_at: Location,
    /// The language the notes are written in when they do not say (`lang`), if it is not
    /// the interface's: their words are marked with it.
    pub content_language: Option<String>,
    pub theme: String,
    /// Where `theme` is written (or the file, when it is not), for errors about it.
    pub theme_at: Location,
    pub author: Option<String>,
}

impl Config {
    /// Reads the config file; `base_url` from the command line wins over the file's.
    pub(crate) fn parse(
        files: &Files,
        file: FileId,
        base_url_override: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Option<Config> {
        let source = files.get(file);
        let block = YamlBlock::parse(
            file,
            source,
            0..source.text().len(),
            "`dossier.yaml`",
            diags,
        )?;
        block.check_keys(KEYS, "`dossier.yaml`", true, diags);
        let title = block
            .string("title", diags)
            .filter(|t| !t.trim().is_empty());
        if title.is_none()
            && block.get("title").is_none()
            && !block.has_misspelling_of("title", KEYS)
        {
            diags.push(
                Diagnostic::error(
                    "config-missing-key",
                    "`dossier.yaml` has no `title`",
                    Location::Span(file, 0..0),
                )
                .with_help("add a line such as `title: The Musk–Kremlin contacts`"),
            );
        }
        let base_url = base_url_override
            .map(str::to_string)
            .or_else(|| block.string("base_url", diags))
            .unwrap_or_else(|| "/".into());
        let root = match root_path(&base_url) {
            Some(r) => r,
            None => {
                let span = block.value_span("base_url");
                diags.push(
                    Diagnostic::error(
                        "config-base-url",
                        format!("`base_url` `{base_url}` is not a URL or an absolute path"),
                        Location::Span(file, span),
                    )
                    .with_help("write `base_url: https://example.org/path/` or `base_url: /path/`"),
                );
                "/".into()
            }
        };
        let language = block
            .string("language", diags)
            .unwrap_or_else(|| "en".into());
        if !is_language_tag(&language) {
            diags.push(
                Diagnostic::error(
                    "config-language",
                    format!("`language` `{language}` is not a BCP 47 language tag"),
                    Location::Span(file, block.value_span("language")),
                )
                .with_help("write a tag such as `en`, `ru` or `en-GB`"),
            );
        }
        let content_language = block
            .language("content_language", diags)
            .filter(|l| !l.eq_ignore_ascii_case(&language));
        let language_at = if block.get("language").is_some() {
            Location::Span(file, block.value_span("language"))
        } else {
            Location::Span(file, 0..0)
        };
        let theme = block
            .string("theme", diags)
            .unwrap_or_else(|| "default".into());
        if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
            diags.push(
                Diagnostic::error(
                    "config-theme",
                    format!("`theme` `{theme}` is not a folder name"),
                    Location::Span(file, block.value_span("theme")),
                )
                .with_help("name a folder of `themes/`, such as `default`"),
            );
        }
        Some(Config {
            title: title.unwrap_or_default(),
            description: block.string("description", diags),
            base_url,
            root,
            language,
            language_at,
            content_language,
            theme_at: if block.get("theme").is_some() {
                Location::Span(file, block.value_span("theme"))
            } else {
                Location::Span(file, 0..0)
            },
            theme,
            author: block.string("author", diags),
        })
    }
}

/// The path part of a base URL, with leading and trailing slashes.
fn root_path(base_url: &str) -> Option<String> {
    let path = if let Some(rest) = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
    {
        let host_end = rest.find('/').unwrap_or(rest.len());
        if host_end == 0 {
            return None;
        }
        &rest[host_end..]
    } else if base_url.starts_with('/') {
        base_url
    } else {
        return None;
    };
    if path.contains(['?', '#', ' ']) {
        return None;
    }
    let trimmed = path.trim_matches('/');
    Some(if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_path_takes_the_path_of_the_base_url() {
        assert_eq!(root_path("/").as_deref(), Some("/"));
        assert_eq!(root_path("https://example.org").as_deref(), Some("/"));
        assert_eq!(
            root_path("https://example.org/a/b").as_deref(),
            Some("/a/b/")
        );
        assert_eq!(root_path("/sub/").as_deref(), Some("/sub/"));
        assert_eq!(root_path("example.org"), None);
    }
}
