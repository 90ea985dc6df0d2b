//! Front matter: the YAML between the `---` lines at the top of a note, read into [`Meta`].
//!
//! Every key is checked here, on its own note: required keys, kinds, statuses, stances,
//! dates, slugs, the shape of `sources`. Whether a reference names an existing note is
//! `resolve`'s question, not this module's.

use std::ops::Range;

use serde_yaml::Value;

use super::{Citation, ClaimMeta, DenialMeta, Kind, Meta, Paras, Reference, Stance, Status};
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::{FileId, TextFile};
use crate::i18n::DatePart;
use crate::slug::{is_plain_segment, slugify};
use crate::yaml::{YamlBlock, list, yaml_kind, yaml_scalar};

const COMMON_KEYS: &[&str] = &[
    "title",
    "kind",
    "slug",
    "date",
    "date_label",
    "date_part",
    "summary",
    "tags",
    "aliases",
    "draft",
    "lang",
    "sources",
];
const CLAIM_KEYS: &[&str] = &["claimant", "subjects", "via", "status", "status_reason"];
const DENIAL_KEYS: &[&str] = &["by", "denies", "via", "stance", "stance_for"];
const CITATION_KEYS: &[&str] = &["source", "para", "quote"];

/// Splits a note into its front matter block and its body (byte ranges in the file).
pub(crate) fn split(
    file: FileId,
    source: &TextFile,
    diags: &mut Diagnostics,
) -> Option<(Range<usize>, Range<usize>)> {
    let text = source.text();
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing",
                "the note does not start with front matter",
                Location::Span(file, 0..first_end.min(text.len())),
            )
            .with_help("start the file with a `---` line, then `title: ...` and `kind: ...`, then another `---` line"),
        );
        return None;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some((first_end..pos, end..text.len()));
        }
        pos = end;
    }
    diags.push(
        Diagnostic::error(
            "frontmatter-unclosed",
            "the front matter has no closing `---` line",
            Location::Span(file, 0..3),
        )
        .with_help("end the front matter with a line that holds only `---`"),
    );
    None
}

pub(crate) fn read_meta(
    file: FileId,
    source: &TextFile,
    range: Range<usize>,
    stem: &str,
    diags: &mut Diagnostics,
) -> Option<Meta> {
    let fm = YamlBlock::parse(file, source, range.clone(), "the front matter", diags)?;
    // The opening `---` line, without its line ending (`\n` or `\r\n`).
    let opening = {
        let head = &source.text()[..range.start];
        let start = head
            .trim_end_matches(['\r', '\n'])
            .rfind('\n')
            .map_or(0, |i| i + 1);
        start..head.trim_end_matches(['\r', '\n']).len()
    };
    let missing = |key: &str, example: &str, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing-key",
                format!("the front matter has no `{key}`"),
                Location::Span(file, opening.clone()),
            )
            .with_help(format!("add a line such as `{key}: {example}`")),
        );
    };

    let title = fm.string("title", diags).filter(|t| !t.trim().is_empty());
    if title.is_none() {
        missing("title", "The note's title", diags);
    }
    let kind = read_kind(&fm, &missing, diags);
    let mut known: Vec<&str> = COMMON_KEYS.to_vec();
    match kind {
        Some(Kind::Claim) => known.extend(CLAIM_KEYS),
        Some(Kind::Denial) => known.extend(DENIAL_KEYS),
        _ => {}
    }
    if kind.is_some() {
        fm.check_keys(&known, "the front matter", false, diags);
    }
    let (slug, slug_span) = read_slug(&fm, file, stem, diags);
    let date = read_date(&fm, diags);
    let claim = (kind == Some(Kind::Claim)).then(|| claim_meta(&fm, diags));
    let denial = (kind == Some(Kind::Denial)).then(|| denial_meta(&fm, &missing, diags));
    let sources = citations(&fm, diags);
    Some(Meta {
        title: title?,
        kind: kind?,
        slug,
        slug_span,
        date,
        date_label: fm.string("date_label", diags),
        date_part: date_part(&fm, date, diags),
        summary: fm.string("summary", diags),
        tags: fm.string_list("tags", diags),
        aliases: fm.string_list("aliases", diags),
        draft: fm.bool("draft", diags).unwrap_or(false),
        lang: fm.language("lang", diags),
        claim,
        denial,
        sources,
    })
}

/// `kind:`, reporting one that is missing or not a kind of note.
fn read_kind(
    fm: &YamlBlock,
    missing: &dyn Fn(&str, &str, &mut Diagnostics),
    diags: &mut Diagnostics,
) -> Option<Kind> {
    let Some(k) = fm.string("kind", diags) else {
        missing("kind", "person", diags);
        return None;
    };
    let kind = Kind::from_name(&k);
    if kind.is_none() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        diags.push(
            Diagnostic::error(
                "unknown-kind",
                format!("`{k}` is not a kind of note"),
                fm.loc(fm.value_span("kind")),
            )
            .with_help_opt(
                did_you_mean(&k, names.iter().copied())
                    .or_else(|| Some(format!("the kinds are {}", list(&names)))),
            ),
        );
    }
    kind
}

/// `slug:`, or one made from the file name, and where it is written (the opening `---`
/// when it is made).
fn read_slug(
    fm: &YamlBlock,
    file: FileId,
    stem: &str,
    diags: &mut Diagnostics,
) -> (String, Range<usize>) {
    let Some(s) = fm.string("slug", diags) else {
        let s = slugify(stem);
        if s.is_empty() {
            diags.push(
                Diagnostic::error(
                    "slug-invalid",
                    format!("no slug can be made from the file name `{stem}`"),
                    Location::Span(file, 0..3),
                )
                .with_help("add `slug: some-words` to the front matter, or rename the file"),
            );
        }
        return (s, 0..3);
    };
    let span = fm.value_span("slug");
    if !is_plain_segment(&s) {
        let suggestion = slugify(&s);
        diags.push(
            Diagnostic::error(
                "slug-invalid",
                format!("the slug `{s}` is not a plain path segment"),
                fm.loc(span.clone()),
            )
            .with_help(if suggestion.is_empty() {
                "use lower-case letters, digits and `-`".to_string()
            } else {
                format!("use lower-case letters, digits and `-`, such as `{suggestion}`")
            }),
        );
    }
    (s, span)
}

fn read_date(fm: &YamlBlock, diags: &mut Diagnostics) -> Option<PartialDate> {
    let text = yaml_scalar(fm.get("date")?)?;
    match PartialDate::parse(&text) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    "date-invalid",
                    format!("`{text}` is not a date: {why}"),
                    fm.loc(fm.value_span("date")),
                )
                .with_help("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; put free text such as `late 2022` in `date_label`"),
            );
            None
        }
    }
}

fn claim_meta(fm: &YamlBlock, diags: &mut Diagnostics) -> ClaimMeta {
    let status = word(
        fm,
        "status",
        Status::from_name,
        Status::NAMES,
        "claim-status",
        diags,
    );
    ClaimMeta {
        claimant: reference(fm, "claimant", true, "the-slug-of-who-makes-it", diags),
        subjects: references(fm, "subjects", diags),
        via: via(fm, diags),
        status_reason: fm
            .string("status_reason", diags)
            .filter(|s| !s.trim().is_empty()),
        // The word itself, not a comment after it (`dossier new` writes one).
        status_at: match status {
            Some(st) => fm.find_in_value("status", st.name(), 0),
            None if fm.has_key("status") => fm.value_span("status"),
            None => fm.key_span("kind"),
        },
        status: status.unwrap_or_default(),
    }
}

/// `via`: references, each of them named (an empty entry is told, and left out).
fn via(fm: &YamlBlock, diags: &mut Diagnostics) -> Vec<Reference> {
    let mut out = references(fm, "via", diags);
    if out.iter().any(|r| r.target.is_empty()) {
        diags.push(
            Diagnostic::error(
                "via-not-source",
                "an entry of `via` names no one",
                fm.loc(fm.find_in_value("via", "", 0)),
            )
            .with_help("name a person, an organization or an unnamed source in each entry, or remove the empty one"),
        );
        out.retain(|r| !r.target.is_empty());
    }
    out
}

fn denial_meta(
    fm: &YamlBlock,
    missing: &dyn Fn(&str, &str, &mut Diagnostics),
    diags: &mut Diagnostics,
) -> DenialMeta {
    let denies = references(fm, "denies", diags);
    if denies.is_empty() && fm.get("denies").is_none() {
        missing("denies", "[the-slug-of-the-claim]", diags);
    } else if denies.is_empty() && fm.get("denies").is_some_and(|v| v.is_sequence()) {
        diags.push(
            Diagnostic::error(
                "frontmatter-missing-key",
                "`denies` lists no claim: a response must answer at least one",
                fm.loc(fm.key_span("denies")),
            )
            .with_help("name the claims it answers: `denies: [the-slug-of-the-claim]`"),
        );
    }
    DenialMeta {
        by: reference(fm, "by", true, "the-slug-of-who-responds", diags),
        denies,
        via: via(fm, diags),
        stance: word(
            fm,
            "stance",
            Stance::from_name,
            Stance::NAMES,
            "denial-stance",
            diags,
        )
        .unwrap_or_default(),
        stance_for: stance_for(fm, diags),
    }
}

/// `stance_for: {the-claim: disputes}`: a stance toward one of the claims answered, where
/// it is not the response's `stance`.
fn stance_for(fm: &YamlBlock, diags: &mut Diagnostics) -> Vec<(Reference, Stance)> {
    let Some(v) = fm.get("stance_for") else {
        return Vec::new();
    };
    let Value::Mapping(m) = v else {
        diags.push(
            Diagnostic::error(
                "yaml-type",
                format!("`stance_for` must be a mapping, not {}", yaml_kind(v)),
                fm.loc(fm.value_span("stance_for")),
            )
            .with_help("write `stance_for: {the-slug-of-the-claim: disputes}`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in m {
        let (Some(claim), Some(word)) = (yaml_scalar(k), yaml_scalar(v)) else {
            continue;
        };
        let Some(stance) = Stance::from_name(&word) else {
            diags.push(
                Diagnostic::error(
                    "denial-stance",
                    format!("`{word}` is not a stance"),
                    fm.loc(fm.find_in_value("stance_for", &word, 0)),
                )
                .with_help(format!("use one of {}", crate::yaml::list(Stance::NAMES))),
            );
            continue;
        };
        // The claim is the mapping's key: found among keys too.
        let span = fm
            .find_after("stance_for", 0, &[&claim])
            .unwrap_or_else(|| fm.key_span("stance_for"));
        out.push((
            Reference {
                target: strip_brackets(&claim),
                span,
            },
            stance,
        ));
    }
    out
}

/// `date_part: late`: which part of the month or year `date` names the note means, shown
/// in the interface's words ("late 2022", «конец 2022 года»).
fn date_part(
    fm: &YamlBlock,
    date: Option<PartialDate>,
    diags: &mut Diagnostics,
) -> Option<DatePart> {
    let part = word(
        fm,
        "date_part",
        DatePart::from_name,
        DatePart::NAMES,
        "frontmatter-date-part",
        diags,
    )?;
    let problem = match date {
        None => Some((
            "`date_part` needs a `date` whose part it names",
            "add `date: YYYY` or `date: YYYY-MM`, or remove `date_part`",
        )),
        Some(d) if d.day.is_some() => Some((
            "`date_part` names a part of a month or a year, but the date is a day",
            "write the date as `YYYY-MM` or `YYYY`, or remove `date_part`",
        )),
        _ => None,
    };
    match problem {
        Some((message, help)) => {
            diags.push(
                Diagnostic::error(
                    "frontmatter-date-part",
                    message,
                    fm.loc(fm.value_span("date_part")),
                )
                .with_help(help),
            );
            None
        }
        None => Some(part),
    }
}

fn word<T>(
    fm: &YamlBlock,
    key: &str,
    from: fn(&str) -> Option<T>,
    names: &[&str],
    code: &'static str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let s = fm.string(key, diags)?;
    let v = from(&s);
    if v.is_none() {
        diags.push(
            Diagnostic::error(
                code,
                format!("`{s}` is not a {key}"),
                fm.loc(fm.value_span(key)),
            )
            .with_help_opt(
                did_you_mean(&s, names.iter().copied())
                    .or_else(|| Some(format!("write one of {}", list(names)))),
            ),
        );
    }
    v
}

fn reference(
    fm: &YamlBlock,
    key: &str,
    required: bool,
    example: &str,
    diags: &mut Diagnostics,
) -> Option<Reference> {
    match fm.string(key, diags) {
        Some(t) if !t.trim().is_empty() => Some(Reference {
            span: fm.find_in_value(key, &t, 0),
            target: strip_brackets(&t),
        }),
        // A list or a mapping was reported as the wrong type already.
        _ if fm.get(key).is_some_and(|v| yaml_scalar(v).is_none()) => None,
        _ => {
            if required {
                diags.push(
                    Diagnostic::error(
                        "frontmatter-missing-key",
                        if fm.has_key(key) {
                            format!("`{key}` is empty")
                        } else {
                            format!("the front matter has no `{key}`")
                        },
                        // An empty `claimant:` is pointed at; a missing one at the kind.
                        fm.loc(if fm.has_key(key) {
                            fm.key_span(key)
                        } else {
                            fm.key_span("kind")
                        }),
                    )
                    .with_help(format!("add a line such as `{key}: {example}`")),
                );
            }
            None
        }
    }
}

fn references(fm: &YamlBlock, key: &str, diags: &mut Diagnostics) -> Vec<Reference> {
    let mut seen: Vec<String> = Vec::new();
    fm.string_list(key, diags)
        .into_iter()
        .map(|t| {
            let nth = seen.iter().filter(|s| **s == t).count();
            seen.push(t.clone());
            Reference {
                span: fm.find_in_value(key, &t, nth),
                target: strip_brackets(&t),
            }
        })
        .collect()
}

/// Obsidian users write references as `"[[Elon Musk]]"`: accept both forms.
fn strip_brackets(t: &str) -> String {
    let t = t.trim();
    t.strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .unwrap_or(t)
        .trim()
        .to_string()
}

/// The `sources:` list: `{source: ID, para: N or "N-M", quote: "..."}` each.
fn citations(fm: &YamlBlock, diags: &mut Diagnostics) -> Vec<Citation> {
    let Some(v) = fm.get("sources") else {
        return Vec::new();
    };
    let Value::Sequence(items) = v else {
        diags.push(
            Diagnostic::error(
                "citation-shape",
                format!("`sources` must be a list, not {}", yaml_kind(v)),
                fm.loc(fm.key_span("sources")),
            )
            .with_help("write `sources:` then lines such as `  - {source: my-source, para: 3}`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen_ids: Vec<String> = Vec::new();
    for item in items {
        let Value::Mapping(m) = item else {
            diags.push(
                Diagnostic::error(
                    "citation-shape",
                    format!(
                        "each entry of `sources` must be a mapping, not {}",
                        yaml_kind(item)
                    ),
                    fm.loc(fm.key_span("sources")),
                )
                .with_help("write `  - {source: my-source, para: 3, quote: \"exact words\"}`"),
            );
            continue;
        };
        let id = m.get("source").and_then(yaml_scalar);
        let nth = id
            .as_ref()
            .map_or(0, |id| seen_ids.iter().filter(|s| *s == id).count());
        let span = match &id {
            Some(id) => fm.find_in_value("sources", id, nth),
            None => fm.key_span("sources"),
        };
        if let Some(id) = &id {
            seen_ids.push(id.clone());
        }
        out.extend(citation(fm, m, id, span, diags));
    }
    out
}

/// One entry of `sources:`, whose `source` (if any) is written at `span`.
fn citation(
    fm: &YamlBlock,
    m: &serde_yaml::Mapping,
    id: Option<String>,
    span: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Citation> {
    for k in m.keys() {
        let name = yaml_scalar(k).unwrap_or_default();
        if !CITATION_KEYS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(
                    "citation-shape",
                    format!("unknown key `{name}` in a citation"),
                    fm.loc(span.clone()),
                )
                .with_help_opt(
                    did_you_mean(&name, CITATION_KEYS.iter().copied())
                        .or_else(|| Some("a citation has `source`, `para` and `quote`".into())),
                ),
            );
        }
    }
    let Some(id) = id else {
        diags.push(
            Diagnostic::error("citation-shape", "a citation has no `source`", fm.loc(span))
                .with_help("name the source's id: `source: my-source`"),
        );
        return None;
    };
    let paras = match m.get("para").and_then(yaml_scalar) {
        None => None,
        Some(p) => match Paras::parse(&p) {
            Some(paras) => Some(paras),
            None => {
                diags.push(
                    Diagnostic::error(
                        "citation-locator",
                        format!("cannot read the paragraph `{p}` of a citation of `{id}`"),
                        fm.loc(
                            fm.find_after("sources", span.start, &["para", &p])
                                .unwrap_or(span.clone()),
                        ),
                    )
                    .with_help(
                        "write `para: 3` or `para: \"3-4\"`; paragraphs are numbered from ¶1",
                    ),
                );
                return None;
            }
        },
    };
    let quote = match m.get("quote") {
        None | Some(Value::Null) => None,
        Some(q) => match yaml_scalar(q) {
            Some(q) if !q.trim().is_empty() => Some(q),
            _ => {
                diags.push(
                    Diagnostic::error(
                        "citation-shape",
                        "a citation's `quote` must be text",
                        fm.loc(span.clone()),
                    )
                    .with_help("write `quote: \"the exact words\"`"),
                );
                None
            }
        },
    };
    if quote.is_some() && paras.is_none() {
        diags.push(
            Diagnostic::error(
                "citation-locator",
                format!("a quote from `{id}` names no paragraph"),
                fm.loc(span.clone()),
            )
            .with_help("add `para: N` so the quote can be checked against that paragraph"),
        );
    }
    // This citation's own quote: the first match after its `source`, not an earlier
    // citation's identical words. The whole quote is the needle: the locator compares
    // what a scalar says (escapes read, lines folded), not how it is written.
    let quote_span = quote
        .as_ref()
        .and_then(|q| fm.find_after("sources", span.start, &["quote", q]));
    Some(Citation {
        source: id,
        paras,
        quote,
        quote_span,
        span,
        in_body: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::files::Files;
    use crate::parse::{ParsedNote, Unreadable};

    /// One note read from its front matter, as `parse::note` reads it.
    struct Read {
        files: Files,
        parsed: ParsedNote,
    }

    /// Reads `content/people/elon-musk.md` with this front matter and an empty body.
    fn read(front_matter: &str) -> Read {
        read_at("people/elon-musk.md", front_matter)
    }

    fn read_at(rel: &str, front_matter: &str) -> Read {
        let mut files = Files::default();
        let text = format!("---\n{front_matter}---\n\nBody.\n");
        let file = files.add(format!("content/{rel}").into(), text);
        let parsed = crate::parse::note(file, files.get(file), rel.as_ref());
        Read { files, parsed }
    }

    impl Read {
        fn text(&self) -> &str {
            self.files.get(crate::id::Id::from_index(0)).text()
        }

        fn report(&self) -> String {
            self.parsed.diags.render_human(&self.files)
        }

        /// The meta of a note that could be read, with no problem at all.
        fn clean(&self) -> &Meta {
            assert!(self.parsed.diags.is_empty(), "{}", self.report());
            self.meta()
        }

        fn meta(&self) -> &Meta {
            match &self.parsed.note {
                Ok(n) => &n.meta,
                Err(_) => panic!("not read:\n{}", self.report()),
            }
        }

        fn unreadable(&self) -> &Unreadable {
            match &self.parsed.note {
                Ok(_) => panic!("read, with:\n{}", self.report()),
                Err(u) => u,
            }
        }

        fn codes(&self) -> Vec<&'static str> {
            self.parsed.diags.iter().map(|d| d.code).collect()
        }

        /// The one diagnostic with `code`.
        fn only(&self, code: &str) -> &Diagnostic {
            let found: Vec<&Diagnostic> = self
                .parsed
                .diags
                .iter()
                .filter(|d| d.code == code)
                .collect();
            match found.as_slice() {
                [one] => one,
                _ => panic!("expected one `{code}`:\n{}", self.report()),
            }
        }

        /// The text a diagnostic points at.
        fn at(&self, d: &Diagnostic) -> &str {
            match &d.location {
                Location::Span(_, r) => &self.text()[r.clone()],
                Location::Path(p) => panic!("no span, only {}", p.display()),
            }
        }

        /// The text a span of the note covers.
        fn span(&self, r: &Range<usize>) -> &str {
            &self.text()[r.clone()]
        }
    }

    #[test]
    fn a_title_and_a_kind_are_enough() {
        let r = read("title: Elon Musk\nkind: person\n");
        let m = r.clean();
        assert_eq!((m.title.as_str(), m.kind), ("Elon Musk", Kind::Person));
        assert_eq!(
            (m.slug.as_str(), r.span(&m.slug_span)),
            ("elon-musk", "---")
        );
        assert_eq!((m.claim.as_ref(), m.denial.as_ref()), (None, None));
        assert!(!m.draft);
    }

    #[test]
    fn a_note_without_title_or_kind_cannot_be_read() {
        let r = read("summary: Who he is\n");
        assert_eq!(
            r.codes(),
            ["frontmatter-missing-key", "frontmatter-missing-key"]
        );
        let messages: Vec<&str> = r.parsed.diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the front matter has no `title`",
                "the front matter has no `kind`"
            ]
        );
        for d in r.parsed.diags.iter() {
            assert_eq!(r.at(d), "---");
        }
        assert_eq!(r.unreadable().names, ["elon-musk"]);
    }

    #[test]
    fn a_blank_title_is_missing() {
        let r = read("title: \"  \"\nkind: person\n");
        assert_eq!(r.codes(), ["frontmatter-missing-key"]);
        assert_eq!(r.unreadable().names[0], "elon-musk");
    }

    #[test]
    fn an_unknown_kind_gets_a_did_you_mean() {
        let r = read("title: Elon Musk\nkind: persn\n");
        let e = r.only("unknown-kind");
        assert_eq!(r.at(e), "persn");
        assert_eq!(e.help.as_deref(), Some("did you mean `person`?"));
        r.unreadable();
    }

    #[test]
    fn a_kind_like_none_lists_the_kinds() {
        let r = read("title: Elon Musk\nkind: gadget\n");
        let help = r.only("unknown-kind").help.clone().unwrap();
        assert!(
            help.contains("`person`") && help.contains("`denial`"),
            "{help}"
        );
    }

    #[test]
    fn an_unknown_key_is_a_warning_with_a_did_you_mean() {
        let r = read("title: Elon Musk\nkind: person\nsummry: Who he is\n");
        let e = r.only("unknown-key");
        assert_eq!(e.severity, Severity::Warning);
        assert_eq!(r.at(e), "summry");
        assert_eq!(e.help.as_deref(), Some("did you mean `summary`?"));
        assert_eq!(r.meta().summary, None);
    }

    #[test]
    fn claim_keys_are_unknown_on_other_kinds() {
        let r = read("title: Elon Musk\nkind: person\nclaimant: x\nstance: denies\n");
        assert_eq!(r.codes(), ["unknown-key", "unknown-key"]);
        let at: Vec<&str> = r.parsed.diags.iter().map(|d| r.at(d)).collect();
        assert_eq!(at, ["claimant", "stance"]);
    }

    #[test]
    fn a_slug_must_be_a_plain_segment() {
        let r = read("title: Elon Musk\nkind: person\nslug: Elon Musk\n");
        let e = r.only("slug-invalid");
        assert_eq!(r.at(e), "Elon Musk");
        assert!(e.help.as_deref().unwrap().contains("`elon-musk`"));
        let r = read("title: Elon Musk\nkind: person\nslug: musk_2\n");
        let m = r.clean();
        assert_eq!(
            (m.slug.as_str(), r.span(&m.slug_span)),
            ("musk_2", "musk_2")
        );
    }

    #[test]
    fn the_slug_defaults_to_the_file_name_in_ascii() {
        let r = read_at("orgs/Кремль.md", "title: Кремль\nkind: organization\n");
        assert_eq!(r.clean().slug, "kreml");
        let r = read_at("orgs/«».md", "title: Marks\nkind: organization\n");
        let e = r.only("slug-invalid");
        assert_eq!(r.at(e), "---");
    }

    #[test]
    fn dates_keep_their_precision() {
        for (written, iso) in [
            ("2022", "2022"),
            ("2022-10", "2022-10"),
            ("\"2022-10-24\"", "2022-10-24"),
            ("2022-10-24", "2022-10-24"),
        ] {
            let r = read(&format!("title: E\nkind: event\ndate: {written}\n"));
            assert_eq!(r.clean().date.map(|d| d.iso()).as_deref(), Some(iso));
        }
    }

    #[test]
    fn a_date_that_does_not_exist_is_reported_at_its_value() {
        for (written, why) in [
            ("2022-13", "there is no month 13"),
            ("2023-02-29", "February 2023 has no day 29"),
            ("late 2022", "the year must be 4 digits"),
        ] {
            let r = read(&format!("title: E\nkind: event\ndate: {written}\n"));
            let e = r.only("date-invalid");
            assert_eq!(r.at(e), written);
            assert!(e.message.contains(why), "{}", e.message);
            assert_eq!(r.meta().date, None);
        }
    }

    #[test]
    fn a_claim_has_a_claimant_subjects_and_a_status() {
        let r = read(
            "title: C\nkind: claim\nclaimant: elon-musk\nsubjects: [kremlin, Vladimir Putin]\nstatus: disputed\n",
        );
        let c = r.clean().claim.clone().unwrap();
        let claimant = c.claimant.unwrap();
        assert_eq!(
            (claimant.target.as_str(), r.span(&claimant.span)),
            ("elon-musk", "elon-musk")
        );
        let subjects: Vec<(&str, &str)> = c
            .subjects
            .iter()
            .map(|s| (s.target.as_str(), r.span(&s.span)))
            .collect();
        assert_eq!(
            subjects,
            [("kremlin", "kremlin"), ("Vladimir Putin", "Vladimir Putin")]
        );
        assert_eq!(c.status, Status::Disputed);
    }

    #[test]
    fn a_claims_status_defaults_to_reported_and_must_be_known() {
        let r = read("title: C\nkind: claim\nclaimant: x\n");
        assert_eq!(r.clean().claim.as_ref().unwrap().status, Status::Reported);
        let r = read("title: C\nkind: claim\nclaimant: x\nstatus: dispued\n");
        let e = r.only("claim-status");
        assert_eq!(r.at(e), "dispued");
        assert_eq!(e.help.as_deref(), Some("did you mean `disputed`?"));
    }

    #[test]
    fn a_claim_without_a_claimant_is_reported_at_its_kind() {
        let r = read("title: C\nkind: claim\n");
        let e = r.only("frontmatter-missing-key");
        assert_eq!(e.message, "the front matter has no `claimant`");
        assert_eq!(r.at(e), "kind");
        let r = read("title: C\nkind: claim\nclaimant:\n");
        let e = r.only("frontmatter-missing-key");
        assert_eq!(e.message, "`claimant` is empty");
        assert_eq!(r.at(e), "claimant");
    }

    #[test]
    fn a_denial_has_who_responds_the_claims_it_answers_and_a_stance() {
        let r = read("title: D\nkind: denial\nby: kremlin\ndenies: [c1, c2]\nstance: not-aware\n");
        let d = r.clean().denial.clone().unwrap();
        assert_eq!(d.by.map(|b| b.target).as_deref(), Some("kremlin"));
        let denies: Vec<&str> = d.denies.iter().map(|x| r.span(&x.span)).collect();
        assert_eq!(denies, ["c1", "c2"]);
        assert_eq!(d.stance, Stance::NotAware);
        let r = read("title: D\nkind: denial\nby: kremlin\ndenies: c1\n");
        assert_eq!(r.clean().denial.as_ref().unwrap().stance, Stance::Denies);
    }

    #[test]
    fn a_denial_must_answer_a_claim() {
        let r = read("title: D\nkind: denial\nby: kremlin\n");
        let e = r.only("frontmatter-missing-key");
        assert_eq!(e.message, "the front matter has no `denies`");
        assert_eq!(r.at(e), "---");
        let r = read("title: D\nkind: denial\nby: kremlin\ndenies: []\n");
        let e = r.only("frontmatter-missing-key");
        assert!(e.message.contains("lists no claim"));
        assert_eq!(r.at(e), "denies");
    }

    #[test]
    fn a_denials_stance_must_be_known() {
        let r = read("title: D\nkind: denial\nby: k\ndenies: [c]\nstance: denied\n");
        let e = r.only("denial-stance");
        assert_eq!(r.at(e), "denied");
        assert_eq!(e.help.as_deref(), Some("did you mean `denies`?"));
    }

    #[test]
    fn obsidian_references_lose_their_brackets_and_point_inside_the_quotes() {
        let r = read(
            "title: C\nkind: claim\nclaimant: \"[[Elon Musk]]\"\nsubjects: [\"[[The Kremlin]]\", putin]\n",
        );
        let c = r.clean().claim.clone().unwrap();
        let refs: Vec<(String, &str)> = c
            .claimant
            .iter()
            .chain(&c.subjects)
            .map(|x| (x.target.clone(), r.span(&x.span)))
            .collect();
        assert_eq!(
            refs,
            [
                ("Elon Musk".to_string(), "[[Elon Musk]]"),
                ("The Kremlin".to_string(), "[[The Kremlin]]"),
                ("putin".to_string(), "putin"),
            ]
        );
    }

    /// Reads a note whose front matter ends with `sources`.
    fn sources(yaml: &str) -> Read {
        read(&format!("title: N\nkind: note\nsources:{yaml}"))
    }

    #[test]
    fn citations_are_read_with_their_spans() {
        let r = sources(
            "\n  - {source: wsj, para: 1, quote: \"same words\"}\n  - {source: wsj, para: \"3-4\", quote: \"same words\"}\n  - source: rt\n",
        );
        let cites = &r.clean().sources;
        let got: Vec<(&str, Option<Paras>, Option<&str>)> = cites
            .iter()
            .map(|c| (c.source.as_str(), c.paras, c.quote.as_deref()))
            .collect();
        let p = |first, last| Some(Paras { first, last });
        assert_eq!(
            got,
            [
                ("wsj", p(1, 1), Some("same words")),
                ("wsj", p(3, 4), Some("same words")),
                ("rt", None, None),
            ]
        );
        // Each citation points at its own id and its own quote, not the first one's.
        let second = r.text().find("{source: wsj, para: \"3").unwrap();
        assert_eq!(cites[1].span.start, second + "{source: ".len());
        assert_eq!(r.span(&cites[1].span), "wsj");
        let q = cites[1].quote_span.clone().unwrap();
        assert!(q.start > second);
        assert_eq!(r.span(&q), "same words");
        assert_eq!(r.span(&cites[2].span), "rt");
        assert!(cites.iter().all(|c| !c.in_body));
    }

    #[test]
    fn sources_must_be_a_list_of_mappings() {
        let r = sources(" wsj\n");
        let e = r.only("citation-shape");
        assert!(e.message.contains("must be a list, not text"));
        assert_eq!(r.at(e), "sources");
        let r = sources("\n  - wsj\n");
        let e = r.only("citation-shape");
        assert!(e.message.contains("must be a mapping, not text"));
        assert_eq!(r.at(e), "sources");
        assert!(r.meta().sources.is_empty());
    }

    #[test]
    fn a_citations_keys_are_checked() {
        let r = sources("\n  - {source: wsj, para: 2, qoute: x}\n");
        let e = r.only("citation-shape");
        assert_eq!(e.message, "unknown key `qoute` in a citation");
        assert_eq!(e.help.as_deref(), Some("did you mean `quote`?"));
        assert_eq!(r.at(e), "wsj");
        let r = sources("\n  - {para: 2}\n");
        let e = r.only("citation-shape");
        assert_eq!(e.message, "a citation has no `source`");
        assert_eq!(r.at(e), "sources");
        let r = sources("\n  - {source: wsj, para: 2, quote: [a, b]}\n");
        assert_eq!(r.at(r.only("citation-shape")), "wsj");
    }

    #[test]
    fn a_paragraph_that_cannot_be_read_is_reported_at_its_value() {
        let r = sources("\n  - {source: wsj, para: 12}\n  - {source: rt, para: one}\n");
        let e = r.only("citation-locator");
        assert_eq!(r.at(e), "one");
        assert!(e.message.contains("`one`") && e.message.contains("`rt`"));
        let kept: Vec<&str> = r.meta().sources.iter().map(|c| c.source.as_str()).collect();
        assert_eq!(kept, ["wsj"]);
        for bad in ["0", "\"4-2\"", "¶x"] {
            let r = sources(&format!("\n  - {{source: wsj, para: {bad}}}\n"));
            assert_eq!(r.codes(), ["citation-locator"], "{bad}");
        }
    }

    #[test]
    fn a_quote_needs_a_paragraph() {
        let r = sources("\n  - {source: wsj, quote: \"exact words\"}\n");
        let e = r.only("citation-locator");
        assert_eq!(e.message, "a quote from `wsj` names no paragraph");
        assert_eq!(r.at(e), "wsj");
        let c = &r.meta().sources[0];
        assert_eq!((c.paras, c.quote.as_deref()), (None, Some("exact words")));
    }

    #[test]
    fn a_yaml_error_points_at_the_files_own_line() {
        let r = read("title: Elon Musk\nkind: person\nsummary: a: b\n");
        let e = r.only("yaml-syntax");
        let Location::Span(file, span) = &e.location else {
            panic!("no span");
        };
        // Line 3 of the YAML block is line 4 of the file, after the opening `---`.
        assert_eq!(r.files.get(*file).line_col(span.start), (4, 11));
        assert_eq!(&r.text()[span.start..], ": b\n---\n\nBody.\n");
        r.unreadable();
    }
}
