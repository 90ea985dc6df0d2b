//! The interface in the dossier's language: every word a page shows that is not the
//! dossier's own (navigation, headings, labels, statuses, stances, dates, counts) comes from
//! a translation table, `i18n/LANG.yaml`.
//!
//! Input: the tables found (the theme's built-in English and Russian, then a theme folder's,
//! then the dossier's own `i18n/`, each overriding single strings of the one before) and the
//! `language` of `dossier.yaml`. Output: one [`Interface`], the strings of that language with
//! English standing in for any string its tables lack, and diagnostics for what is wrong in
//! a table (a key no English table has, a `{value}` the string is not given, a plural form
//! the language needs and the table lacks). Plural forms are chosen by the Unicode CLDR
//! rules of the language (`intl_pluralrules`), so a table for any language can be added.
//!
//! A table is nested YAML flattened to dotted keys (`nav.timeline`); a mapping whose keys
//! are all plural categories (`zero`, `one`, `two`, `few`, `many`, `other`) is one string
//! in its plural forms, chosen by the number given as `n`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::ops::Range;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde_yaml::Value;

use crate::date::PartialDate;
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::{FileId, Files};
use crate::yaml::YamlBlock;

/// The language whose tables are complete and stand in for any other's missing strings.
pub(crate) const BASE: &str = "en";

/// The values every date string may use.
const DATE_VALUES: &[&str] = &["day", "month", "month_of", "year"];

/// One table file: its language (the file's stem) and its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableFile {
    pub lang: String,
    pub file: FileId,
    /// Built into the binary: complete, and not reported on.
    pub built_in: bool,
}

/// A string, or a string in its plural forms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Entry {
    Text(String),
    Plural(BTreeMap<Category, String>),
}

/// A CLDR plural category, in an order of its own so that tables compare and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    const ALL: [(&'static str, Category); 6] = [
        ("zero", Category::Zero),
        ("one", Category::One),
        ("two", Category::Two),
        ("few", Category::Few),
        ("many", Category::Many),
        ("other", Category::Other),
    ];

    fn from_name(name: &str) -> Option<Category> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("other", |(n, _)| n)
    }

    fn of(c: PluralCategory) -> Category {
        match c {
            PluralCategory::ZERO => Category::Zero,
            PluralCategory::ONE => Category::One,
            PluralCategory::TWO => Category::Two,
            PluralCategory::FEW => Category::Few,
            PluralCategory::MANY => Category::Many,
            PluralCategory::OTHER => Category::Other,
        }
    }
}

/// How much of a period a date names, when a note says so (`date_part: late`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DatePart {
    Early,
    Mid,
    Late,
}

impl DatePart {
    pub(crate) const NAMES: &[&str] = &["early", "mid", "late"];

    pub(crate) fn from_name(name: &str) -> Option<DatePart> {
        match name {
            "early" => Some(DatePart::Early),
            "mid" => Some(DatePart::Mid),
            "late" => Some(DatePart::Late),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            DatePart::Early => "early",
            DatePart::Mid => "mid",
            DatePart::Late => "late",
        }
    }
}

/// The interface's strings in one language.
pub(crate) struct Interface {
    /// The language of the strings (`ru`), which may be shorter than the site's (`ru-RU`).
    lang: String,
    entries: HashMap<String, Entry, ahash::RandomState>,
    rules: Option<PluralRules>,
    /// The language the notes are written in when they do not say, where it is not the
    /// site's: what their words are marked with.
    content: Option<String>,
    /// The site's language as `dossier.yaml` has it.
    site: String,
}

impl std::fmt::Debug for Interface {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interface")
            .field("lang", &self.lang)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl PartialEq for Interface {
    fn eq(&self, other: &Interface) -> bool {
        self.lang == other.lang
            && self.entries == other.entries
            && self.content == other.content
            && self.site == other.site
    }
}

/// A table as read: each key's entry and where the key is written.
struct Read {
    entries: Vec<(String, Entry, Range<usize>)>,
}

impl Interface {
    /// The strings for `language` (a BCP 47 tag, as `dossier.yaml` has it) from `tables`,
    /// given in the order they override each other. `language_at` is where the tag is
    /// written, for saying that no table has it; `asked` says whether a template asks for
    /// a key the built-in tables lack (a theme's own string).
    pub(crate) fn new(
        language: &str,
        content_language: Option<&str>,
        language_at: &Location,
        tables: &[TableFile],
        files: &Files,
        asked: &dyn Fn(&str) -> bool,
        diags: &mut Diagnostics,
    ) -> Interface {
        let read: Vec<(&TableFile, Read)> = tables
            .iter()
            .map(|t| (t, read_table(t, files, diags)))
            .collect();
        let lang = pick(language, tables.iter().map(|t| t.lang.as_str()));
        let lang = match lang {
            Some(l) => l.to_string(),
            None => {
                diags.push(
                    Diagnostic::warning(
                        "interface-language",
                        format!("no interface table is in `{language}`, so the site's interface is in English"),
                        language_at.clone(),
                    )
                    .with_help(format!(
                        "translate `themes/default/i18n/en.yaml` (shown by `dossier init`'s docs/themes.md) into `i18n/{}.yaml`",
                        primary(language)
                    )),
                );
                BASE.to_string()
            }
        };
        // The strings the default theme asks for, in English: what a table's keys and
        // values are checked against.
        let built_in: HashMap<&str, &Entry> = read
            .iter()
            .filter(|(t, _)| t.lang == BASE && t.built_in)
            .flat_map(|(_, r)| r.entries.iter().map(|(k, e, _)| (k.as_str(), e)))
            .collect();
        let rules = rules_for(&lang);
        let needed = needed_categories(rules.as_ref());
        let needed_in_english = needed_categories(rules_for(BASE).as_ref());
        // Each table's entries that may stand, in the order they override each other; what
        // may not is reported.
        let mut standing: Vec<(&TableFile, &str, &Entry)> = Vec::new();
        for (t, r) in &read {
            if t.lang != lang && t.lang != BASE {
                continue;
            }
            for (key, entry, at) in &r.entries {
                if !t.built_in {
                    let here = Location::Span(t.file, at.clone());
                    let base = built_in.get(key.as_str());
                    if base.is_none() && !asked(key) {
                        if t.lang == lang {
                            diags.push(
                                Diagnostic::warning(
                                    "interface-key",
                                    format!("no template asks for the interface string `{key}`"),
                                    here,
                                )
                                .with_help_opt(
                                    did_you_mean(key, built_in.keys().copied()).or_else(|| {
                                        Some("a theme's own string is asked for as `t(key=\"…\")` in its templates".into())
                                    }),
                                ),
                            );
                        }
                        continue;
                    }
                    let needs = if t.lang == lang {
                        &needed
                    } else {
                        &needed_in_english
                    };
                    if let Some(base) = base
                        && !check_entry(key, entry, base, needs, &here, diags)
                    {
                        continue;
                    }
                }
                standing.push((t, key, entry));
            }
        }
        let mut entries: HashMap<String, Entry, ahash::RandomState> = HashMap::default();
        let mut english: HashMap<&str, &Entry> = HashMap::new();
        let mut given_in_lang: HashMap<&str, bool> = HashMap::new();
        for (t, key, entry) in &standing {
            if t.lang == BASE {
                english.insert(key, entry);
            }
            if t.lang == lang {
                given_in_lang.insert(key, t.built_in);
            }
        }
        for (key, entry) in &english {
            entries.insert((*key).to_string(), (*entry).clone());
        }
        for (t, key, entry) in &standing {
            if t.lang == lang {
                entries.insert((*key).to_string(), (*entry).clone());
            }
        }
        if lang != BASE {
            let mut missing: Vec<&str> = english
                .keys()
                .copied()
                .filter(|k| !given_in_lang.contains_key(*k))
                .collect();
            missing.sort_unstable();
            if let (Some(first), Some((t, _))) = (
                missing.first(),
                read.iter().rev().find(|(t, _)| t.lang == lang),
            ) {
                diags.push(
                    Diagnostic::warning(
                        "interface-missing",
                        format!(
                            "the `{lang}` interface lacks {} of the English table's strings (`{first}`{}), which show in English",
                            missing.len(),
                            if missing.len() > 1 { " and others" } else { "" }
                        ),
                        Location::Span(t.file, 0..0),
                    )
                    .with_help(format!("add the missing keys to `i18n/{lang}.yaml`, translated")),
                );
            }
        }
        Interface {
            lang,
            entries,
            rules,
            content: content_language
                .filter(|c| !c.eq_ignore_ascii_case(language))
                .map(str::to_string),
            site: language.to_string(),
        }
    }

    /// The `lang` to mark a note's words with: its own language (`lang`), or the dossier's
    /// `content_language`, where it is not the site's; `None` when they are in the site's.
    pub(crate) fn mark(&self, note_lang: Option<&str>) -> Option<String> {
        match note_lang {
            Some(l) if l.eq_ignore_ascii_case(&self.site) => None,
            Some(l) => Some(l.to_string()),
            None => self.content.clone(),
        }
    }

    /// The built-in English interface.
    pub(crate) fn built_in_english() -> Interface {
        Interface::built_in(BASE)
    }

    /// A built-in interface (`en` or `ru`), read without a [`Files`] of the dossier's.
    pub(crate) fn built_in(lang: &str) -> Interface {
        let mut files = Files::default();
        let tables = built_in_tables(&mut files);
        let mut diags = Diagnostics::default();
        Interface::new(
            lang,
            None,
            &Location::Path("dossier.yaml".into()),
            &tables,
            &files,
            &|_| false,
            &mut diags,
        )
    }

    /// The language of the strings.
    pub(crate) fn lang(&self) -> &str {
        &self.lang
    }

    /// A string, with its `{name}` values filled in from `args` (and `{n}` choosing a
    /// plural form). `None` when no table has the key.
    pub(crate) fn get(&self, key: &str, args: &[(&str, &dyn Display)]) -> Option<String> {
        self.get_with(key, args, |s| s.to_string())
    }

    /// [`Interface::get`], the string turned by `text` (escaped, for HTML) before its
    /// values are put in.
    fn get_with(
        &self,
        key: &str,
        args: &[(&str, &dyn Display)],
        text: impl Fn(&str) -> String,
    ) -> Option<String> {
        let template = match self.entries.get(key)? {
            Entry::Text(t) => t.as_str(),
            Entry::Plural(forms) => {
                let n = args
                    .iter()
                    .find(|(k, _)| *k == "n")
                    .map(|(_, v)| v.to_string());
                let category = n
                    .as_deref()
                    .and_then(|n| self.category(n))
                    .unwrap_or(Category::Other);
                forms
                    .get(&category)
                    .or_else(|| forms.get(&Category::Other))
                    .map_or("", String::as_str)
            }
        };
        Some(fill(&text(template), args))
    }

    /// A string without values; the key itself when no table has it (a bug of the caller,
    /// which the test of the tables' keys catches).
    pub(crate) fn text(&self, key: &str) -> String {
        self.get(key, &[]).unwrap_or_else(|| key.to_string())
    }

    /// A string with values; the key itself when no table has it.
    pub(crate) fn fmt(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        self.get(key, args).unwrap_or_else(|| key.to_string())
    }

    /// A count in words: `count.claims` with 3 is "3 claims", «3 заявления».
    #[cfg(test)]
    pub(crate) fn count(&self, key: &str, n: usize) -> String {
        self.fmt(key, &[("n", &n)])
    }

    fn category(&self, n: &str) -> Option<Category> {
        let rules = self.rules.as_ref()?;
        let n: u64 = n.parse().ok()?;
        rules.select(n).ok().map(Category::of)
    }

    /// A date with exactly the precision known, in the interface's words: `24 October 2022`,
    /// «24 октября 2022 года»; with a part, `late 2022`, «конец 2022 года».
    pub(crate) fn date(&self, d: PartialDate, part: Option<DatePart>) -> String {
        let month = d.month.map(|m| self.text(&format!("month.{m}")));
        let month_of = d.month.map(|m| self.text(&format!("month_of.{m}")));
        let day = d.day.map(|x| x.to_string());
        let year = d.year.to_string();
        let key = match (d.month, d.day, part) {
            (Some(_), Some(_), _) => "date.day".to_string(),
            (Some(_), None, Some(p)) => format!("date.{}_month", p.name()),
            (Some(_), None, None) => "date.month".to_string(),
            (None, _, Some(p)) => format!("date.{}_year", p.name()),
            (None, _, None) => "date.year".to_string(),
        };
        let none = String::new();
        self.fmt(
            &key,
            &[
                ("day", day.as_ref().unwrap_or(&none)),
                ("month", month.as_ref().unwrap_or(&none)),
                ("month_of", month_of.as_ref().unwrap_or(&none)),
                ("year", &year),
            ],
        )
    }

    /// The name of a language in the interface's words, or its tag when no table names it.
    pub(crate) fn language_name(&self, tag: &str) -> String {
        self.get(
            &format!("languages.{}", primary(tag).to_ascii_lowercase()),
            &[],
        )
        .unwrap_or_else(|| tag.to_string())
    }

    /// Every string, for the search page's script: `(key, forms)`, plural forms by category.
    pub(crate) fn strings_under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Entry)> + 'a {
        self.entries
            .iter()
            .filter(move |(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v))
    }

    /// Registers `t(key=…, n=…, name=…)` in `tera`: the string `key` with its values.
    pub(crate) fn register(self: &std::sync::Arc<Self>, tera: &mut tera::Tera) {
        tera.register_function("t", Speak::new(std::sync::Arc::clone(self)));
    }
}

/// The templates' `t`: a string of the interface, HTML-escaped here (values too, unless
/// they are already safe, as another `t`'s are), so that Tera does not escape it again.
/// A string asked for without values is escaped once, when the interface is read, and
/// handed out as a shared value: a page asks for some sixty.
struct Speak {
    words: std::sync::Arc<Interface>,
    ready: HashMap<String, tera::Value, ahash::RandomState>,
}

impl Speak {
    fn new(words: std::sync::Arc<Interface>) -> Speak {
        let ready = words
            .entries
            .iter()
            .filter_map(|(k, e)| match e {
                Entry::Text(t) => Some((
                    k.clone(),
                    tera::Value::safe_string(&crate::render::escape(t)),
                )),
                Entry::Plural(_) => None,
            })
            .collect();
        Speak { words, ready }
    }
}

impl tera::Function<tera::TeraResult<tera::Value>> for Speak {
    fn call(&self, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<tera::Value> {
        let key: &str = kwargs.must_get("key")?;
        let mut values: Vec<(&str, String)> = Vec::new();
        for (k, v) in kwargs.iter() {
            let Some(k) = k.as_str() else { continue };
            if k == "key" {
                continue;
            }
            let text = match v.as_str() {
                Some(s) if v.is_safe() => s.to_string(),
                Some(s) => crate::render::escape(s),
                None => crate::render::escape(&v.to_string()),
            };
            values.push((k, text));
        }
        if values.is_empty()
            && let Some(v) = self.ready.get(key)
        {
            return Ok(v.clone());
        }
        let args: Vec<(&str, &dyn Display)> = values
            .iter()
            .map(|(k, v)| (*k, v as &dyn Display))
            .collect();
        let escaped = |s: &str| crate::render::escape(s);
        match self.words.get_with(key, &args, escaped) {
            Some(text) => Ok(tera::Value::safe_string(&text)),
            None => Err(tera::Error::message(format!(
                "no interface table has the string `{key}`; add it to `i18n/en.yaml`"
            ))),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

impl Entry {
    /// The forms of the entry with their categories (one form, `other`, for a plain string).
    pub(crate) fn forms(&self) -> Vec<(&'static str, &str)> {
        match self {
            Entry::Text(t) => vec![("other", t.as_str())],
            Entry::Plural(f) => f.iter().map(|(c, s)| (c.name(), s.as_str())).collect(),
        }
    }
}

/// The tables built into the binary, added to `files`, English first.
pub(crate) fn built_in_tables(files: &mut Files) -> Vec<TableFile> {
    crate::theme::TABLES
        .iter()
        .map(|(name, text)| TableFile {
            lang: name.trim_end_matches(".yaml").to_string(),
            file: files.add(format!("i18n/{name}").into(), (*text).to_string()),
            built_in: true,
        })
        .collect()
}

/// `{name}` in `template` replaced by the value of that name in `args`; an unknown name
/// is kept as written.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s of a string.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The table language for a site's tag: the same tag, or its language alone (`ru` for
/// `ru-RU`), compared without case.
fn pick<'a>(language: &str, langs: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    langs
        .clone()
        .find(|l| l.eq_ignore_ascii_case(language))
        .or_else(|| {
            langs
                .clone()
                .find(|l| l.eq_ignore_ascii_case(primary(language)))
        })
}

fn rules_for(lang: &str) -> Option<PluralRules> {
    let id: unic_langid::LanguageIdentifier = lang.parse().ok()?;
    PluralRules::create(id, PluralRuleType::CARDINAL).ok()
}

/// The categories whole numbers fall in under `rules`, and `other`.
fn needed_categories(rules: Option<&PluralRules>) -> Vec<Category> {
    let mut out = vec![Category::Other];
    if let Some(r) = rules {
        for n in 0..=1000u64 {
            if let Ok(c) = r.select(n) {
                let c = Category::of(c);
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out.sort();
    out
}

/// Whether a translated entry may stand: its values are ones the string is given, and a
/// plural string has every form the language needs. What is wrong is reported.
fn check_entry(
    key: &str,
    entry: &Entry,
    base: &Entry,
    needed: &[Category],
    at: &Location,
    diags: &mut Diagnostics,
) -> bool {
    let mut given: Vec<&str> = base
        .forms()
        .iter()
        .flat_map(|(_, s)| placeholders(s))
        .collect();
    if key.starts_with("date.") {
        given.extend_from_slice(DATE_VALUES);
    }
    if matches!(base, Entry::Plural(_)) {
        given.push("n");
    }
    given.sort_unstable();
    given.dedup();
    let mut ok = true;
    for (_, form) in entry.forms() {
        for p in placeholders(form) {
            if !given.contains(&p) {
                ok = false;
                let list: Vec<String> = given.iter().map(|g| format!("`{{{g}}}`")).collect();
                diags.push(
                    Diagnostic::error(
                        "interface-value",
                        format!("`{key}` uses `{{{p}}}`, a value it is not given"),
                        at.clone(),
                    )
                    .with_help(if list.is_empty() {
                        "this string is given no values: write it without `{…}`".to_string()
                    } else {
                        format!("it is given {}", list.join(", "))
                    }),
                );
            }
        }
    }
    match (entry, base) {
        (Entry::Plural(forms), Entry::Plural(_)) => {
            let lacking: Vec<&str> = needed
                .iter()
                .filter(|c| !forms.contains_key(c))
                .map(|c| c.name())
                .collect();
            if !lacking.is_empty() {
                ok = false;
                diags.push(
                    Diagnostic::error(
                        "interface-plural",
                        format!(
                            "`{key}` lacks the plural form{} `{}` of this language",
                            if lacking.len() > 1 { "s" } else { "" },
                            lacking.join("`, `")
                        ),
                        at.clone(),
                    )
                    .with_help(format!(
                        "give every form the language's numbers need: {}",
                        needed
                            .iter()
                            .map(|c| format!("`{}`", c.name()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        }
        (Entry::Text(_), Entry::Plural(_)) => {
            // One form for every number: allowed (a language without plurals).
        }
        (Entry::Plural(_), Entry::Text(_)) => {
            ok = false;
            diags.push(
                Diagnostic::error(
                    "interface-plural",
                    format!("`{key}` is one string, not a number's plural forms"),
                    at.clone(),
                )
                .with_help("write it as a single string"),
            );
        }
        (Entry::Text(_), Entry::Text(_)) => {}
    }
    ok
}

/// A table's entries, flattened, each with where its key is written; what cannot be read is
/// reported and left out.
fn read_table(t: &TableFile, files: &Files, diags: &mut Diagnostics) -> Read {
    let source = files.get(t.file);
    let Some(block) = YamlBlock::parse(
        t.file,
        source,
        0..source.text().len(),
        "an interface table",
        diags,
    ) else {
        return Read {
            entries: Vec::new(),
        };
    };
    let keys = key_offsets(source.text());
    let mut entries = Vec::new();
    for (k, v) in &block.map {
        if let Some(k) = scalar(k) {
            flatten(t.file, k, v, &keys, &mut entries, diags);
        }
    }
    Read { entries }
}

/// `value` under `key`, its strings added to `out` with their dotted keys.
fn flatten(
    file: FileId,
    key: String,
    value: &Value,
    keys: &HashMap<String, Range<usize>>,
    out: &mut Vec<(String, Entry, Range<usize>)>,
    diags: &mut Diagnostics,
) {
    let at = keys.get(&key).cloned().unwrap_or(0..0);
    match value {
        Value::Mapping(m) => {
            let plural: Option<BTreeMap<Category, String>> = m
                .iter()
                .map(|(k, v)| Some((Category::from_name(&scalar(k)?)?, v.as_str()?.to_string())))
                .collect();
            match plural {
                Some(forms) if !forms.is_empty() => out.push((key, Entry::Plural(forms), at)),
                _ => {
                    for (k, v) in m {
                        if let Some(k) = scalar(k) {
                            flatten(file, format!("{key}.{k}"), v, keys, out, diags);
                        }
                    }
                }
            }
        }
        Value::String(s) => out.push((key, Entry::Text(s.clone()), at)),
        Value::Number(n) => out.push((key, Entry::Text(n.to_string()), at)),
        other => diags.push(
            Diagnostic::error(
                "interface-value",
                format!("`{key}` is {}, not a string", crate::yaml::yaml_kind(other)),
                Location::Span(file, at),
            )
            .with_help("write the string in quotes"),
        ),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Where each dotted key of a block-style YAML mapping is written (its last part, as the
/// text has it), read line by line: enough to point at a key of a table.
fn key_offsets(text: &str) -> HashMap<String, Range<usize>> {
    let mut out = HashMap::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let Some(colon) = trimmed.find(':') else {
            continue;
        };
        let written = trimmed[..colon].trim_end();
        let name = written.trim_matches(['"', '\'']);
        if name.is_empty() {
            continue;
        }
        // Where the name stands in the line: after the indent and an opening quote.
        let quote = written.len() - written.trim_start_matches(['"', '\'']).len();
        while path.last().is_some_and(|(i, _)| *i >= indent) {
            path.pop();
        }
        path.push((indent, name.to_string()));
        let key: Vec<&str> = path.iter().map(|(_, n)| n.as_str()).collect();
        let from = start + indent + quote;
        out.entry(key.join(".")).or_insert(from..from + name.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interface of `lang` from `tables`, the dossier's language written nowhere.
    fn speak(
        lang: &str,
        files: &Files,
        tables: &[TableFile],
        diags: &mut Diagnostics,
    ) -> Interface {
        Interface::new(
            lang,
            None,
            &Location::Path("dossier.yaml".into()),
            tables,
            files,
            &|_| false,
            diags,
        )
    }

    fn table(files: &mut Files, lang: &str, text: &str, built_in: bool) -> TableFile {
        TableFile {
            lang: lang.into(),
            file: files.add(format!("i18n/{lang}.yaml").into(), text.into()),
            built_in,
        }
    }

    #[test]
    fn russian_counts_follow_russian_grammar() {
        let ru = Interface::built_in("ru");
        assert_eq!(ru.count("count.claims", 1), "1 заявление");
        assert_eq!(ru.count("count.claims", 3), "3 заявления");
        assert_eq!(ru.count("count.claims", 5), "5 заявлений");
        assert_eq!(ru.count("count.claims", 21), "21 заявление");
        assert_eq!(ru.count("count.claims", 12), "12 заявлений");
        assert_eq!(ru.count("count.sources", 22), "22 архивных источника");
        let en = Interface::built_in_english();
        assert_eq!(en.count("count.claims", 1), "1 claim");
        assert_eq!(en.count("count.claims", 0), "0 claims");
    }

    #[test]
    fn dates_keep_their_precision_in_either_language() {
        let ru = Interface::built_in("ru");
        let en = Interface::built_in_english();
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(ru.date(d("2021-04-03"), None), "3 апреля 2021 года");
        assert_eq!(ru.date(d("2021-04"), None), "апрель 2021 года");
        assert_eq!(ru.date(d("2022"), Some(DatePart::Late)), "конец 2022 года");
        assert_eq!(
            ru.date(d("2021-04"), Some(DatePart::Early)),
            "начало апреля 2021 года"
        );
        assert_eq!(en.date(d("2021-04-03"), None), "3 April 2021");
        assert_eq!(en.date(d("2021-04"), None), "April 2021");
        assert_eq!(en.date(d("2022"), None), "2022");
        assert_eq!(en.date(d("2022"), Some(DatePart::Late)), "late 2022");
        assert_eq!(
            en.date(d("2022-10"), Some(DatePart::Mid)),
            "mid-October 2022"
        );
    }

    #[test]
    fn templates_get_each_string_escaped_once() {
        let words = std::sync::Arc::new(Interface::built_in_english());
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        words.register(&mut tera);
        tera.add_raw_template(
            "t.html",
            "{{ t(key=\"site.feed\", site=name) }}|{{ t(key=\"site.footer\", notes=t(key=\"count.notes\", n=1), sources=name) }}|{{ t(key=\"legend.against\") }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("name", "Q&A <b>");
        let out = tera.render("t.html", &ctx).unwrap();
        assert_eq!(
            out,
            "Q&amp;A &lt;b&gt; (Atom feed)|1 note citing Q&amp;A &lt;b&gt;.|Where a status stands against what the responses seem to say, the editors say why beneath it."
        );
        tera.add_raw_template("bad.html", "{{ t(key=\"nav.nope\") }}")
            .unwrap();
        let err = tera.render("bad.html", &ctx).unwrap_err();
        assert!(format!("{err:?}").contains("nav.nope"), "{err:?}");
    }

    #[test]
    fn every_key_the_code_asks_for_is_in_the_english_table() {
        // The keys written in the Rust code (`text("…")`, `fmt("…", …)`):
        // a key missing from the tables would show as itself on the page.
        let en = Interface::built_in_english();
        let sections: std::collections::HashSet<&str> = en
            .entries
            .keys()
            .filter_map(|k| k.split('.').next())
            .collect();
        let mut asked = Vec::new();
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for e in walkdir::WalkDir::new(src).into_iter().map(Result::unwrap) {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap();
            for call in ["text(\"", "fmt(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    // A key of one of the tables' sections, not a path or a name.
                    let section = key.split('.').next().unwrap_or("");
                    if key.contains('.')
                        && key
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b"._-".contains(&b))
                        && sections.contains(section)
                    {
                        asked.push((p.display().to_string(), key.to_string()));
                    }
                }
            }
        }
        assert!(asked.len() > 20, "{asked:?}");
        for (file, key) in &asked {
            assert!(
                en.get(key, &[]).is_some(),
                "{file} asks for `{key}`, which no table has"
            );
        }
    }

    #[test]
    fn a_regional_tag_takes_its_languages_table() {
        assert_eq!(Interface::built_in("ru-RU").lang(), "ru");
        assert_eq!(Interface::built_in("EN-gb").lang(), "en");
    }

    #[test]
    fn the_built_in_tables_have_the_same_keys_and_values() {
        let mut files = Files::default();
        let read: Vec<(String, Read)> = crate::theme::TABLES
            .iter()
            .map(|(name, text)| {
                let t = table(&mut files, name.trim_end_matches(".yaml"), text, false);
                let mut diags = Diagnostics::default();
                let r = read_table(&t, &files, &mut diags);
                assert!(diags.is_empty(), "{name}: {diags:?}");
                (t.lang, r)
            })
            .collect();
        let keys = |r: &Read| {
            let mut k: Vec<String> = r.entries.iter().map(|(k, _, _)| k.clone()).collect();
            k.sort();
            k
        };
        let (_, en) = read
            .iter()
            .find(|(l, _)| l == BASE)
            .expect("an English table");
        assert!(keys(en).len() > 150);
        for (lang, r) in &read {
            assert_eq!(
                keys(r),
                keys(en),
                "the `{lang}` table's keys differ from English's"
            );
            // Every translated string is checked as a theme's would be: values and plurals.
            let needed = needed_categories(rules_for(lang).as_ref());
            let mut diags = Diagnostics::default();
            for (key, entry, _) in &r.entries {
                let (_, base, _) = en.entries.iter().find(|(k, _, _)| k == key).unwrap();
                check_entry(
                    key,
                    entry,
                    base,
                    &needed,
                    &Location::Path(lang.into()),
                    &mut diags,
                );
            }
            assert!(diags.is_empty(), "`{lang}`: {diags:?}");
        }
    }

    #[test]
    fn a_dossiers_table_overrides_single_strings_and_is_checked() {
        let mut files = Files::default();
        let mut tables = built_in_tables(&mut files);
        let own = table(
            &mut files,
            "ru",
            "nav:\n  map: Связи\n  mpa: Опечатка\ncount:\n  claims:\n    one: \"{n} заявление\"\n    other: \"{n} заявления\"\nsite:\n  footer: \"{notes} {sorces}\"\n",
            false,
        );
        let mut diags = Diagnostics::default();
        let i = speak(
            "ru",
            &files,
            &{
                tables.push(own);
                tables
            },
            &mut diags,
        );
        assert_eq!(i.text("nav.map"), "Связи");
        assert_eq!(i.text("nav.timeline"), "Хронология");
        // The plural lacking `few` and `many` is refused; the built-in one stands.
        assert_eq!(i.count("count.claims", 5), "5 заявлений");
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["interface-key", "interface-plural", "interface-value"],
            "{diags:?}"
        );
        let typo = diags.iter().next().unwrap();
        assert!(
            typo.help.as_deref().unwrap().contains("nav.map"),
            "{typo:?}"
        );
        let Location::Span(_, span) = &typo.location else {
            panic!()
        };
        assert_eq!(
            &files.get(typo_file(&typo.location)).text()[span.clone()],
            "mpa"
        );
    }

    fn typo_file(l: &Location) -> FileId {
        match l {
            Location::Span(f, _) => *f,
            Location::Path(_) => panic!("no span"),
        }
    }

    #[test]
    fn a_language_without_a_table_is_said_and_shown_in_english() {
        let mut diags = Diagnostics::default();
        let mut files = Files::default();
        let tables = built_in_tables(&mut files);
        let i = speak("fr", &files, &tables, &mut diags);
        assert_eq!(i.text("nav.map"), "Map");
        assert_eq!(diags.iter().next().unwrap().code, "interface-language");
    }

    #[test]
    fn a_new_languages_table_falls_back_to_english_where_it_is_silent() {
        let mut files = Files::default();
        let mut tables = built_in_tables(&mut files);
        tables.push(table(&mut files, "pl", "nav:\n  map: Mapa\ncount:\n  claims:\n    one: \"{n} twierdzenie\"\n    few: \"{n} twierdzenia\"\n    many: \"{n} twierdzeń\"\n    other: \"{n} twierdzenia\"\n", false));
        let mut diags = Diagnostics::default();
        let i = speak("pl", &files, &tables, &mut diags);
        assert_eq!(i.text("nav.map"), "Mapa");
        assert_eq!(i.count("count.claims", 5), "5 twierdzeń");
        assert_eq!(i.count("count.claims", 22), "22 twierdzenia");
        assert_eq!(i.text("nav.timeline"), "Timeline");
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["interface-missing"]);
    }
}
