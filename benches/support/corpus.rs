//! A deterministic generated dossier, shared by `examples/gen_corpus.rs` and the Criterion
//! benchmarks (included with `#[path]`, so it is not a target of its own).
//!
//! Same N, same bytes: the only randomness is a small seeded PRNG (SplitMix64) below. The
//! dossier builds with no errors and no warnings: every wikilink names an existing slug,
//! every citation an existing paragraph, every `quote:` is cut from the cited paragraph,
//! every claim has a claimant and every denial answers a claim.
//!
//! Note `i` has kind by `i % 10`: 0-1 person, 2 organization, 3-4 event, 5 claim (claimant
//! note `i - 5`, a person), 6 denial (by note `i - 4`, an organization; denies note `i - 1`,
//! a claim), 7-9 note. Sources: one per 100 notes, at least 4, 30 paragraphs each.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use dossier::bench::Kind;

/// SplitMix64: ten lines, good enough to vary text deterministically.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const EN: &[&str] = &[
    "the",
    "ministry",
    "report",
    "contract",
    "company",
    "said",
    "according",
    "to",
    "documents",
    "reviewed",
    "by",
    "investigators",
    "payment",
    "through",
    "an",
    "intermediary",
    "in",
    "of",
    "board",
    "members",
    "met",
    "officials",
    "during",
    "the",
    "summer",
    "offshore",
    "account",
    "transfer",
    "was",
    "recorded",
    "later",
    "denied",
    "any",
    "involvement",
    "shares",
    "sold",
    "tender",
    "awarded",
    "without",
    "competition",
    "subsidiary",
    "registered",
    "address",
    "director",
    "signed",
    "letter",
    "agreement",
    "license",
    "export",
    "satellite",
    "terminals",
    "delivery",
    "warehouse",
    "invoice",
    "auditors",
    "found",
    "discrepancies",
    "between",
    "two",
    "versions",
    "statement",
    "press",
    "office",
    "declined",
    "comment",
    "sources",
    "familiar",
    "with",
    "matter",
    "described",
    "meetings",
    "as",
    "regular",
    "and",
    "confidential",
];

const RU: &[&str] = &[
    "министерство",
    "сообщило",
    "что",
    "контракт",
    "был",
    "подписан",
    "без",
    "конкурса",
    "компания",
    "получила",
    "платеж",
    "через",
    "посредника",
    "по",
    "данным",
    "следователей",
    "директор",
    "встречался",
    "с",
    "чиновниками",
    "летом",
    "офшорный",
    "счет",
    "перевод",
    "отрицает",
    "любую",
    "причастность",
    "акции",
    "проданы",
    "дочерняя",
    "фирма",
    "зарегистрирована",
    "по",
    "тому",
    "же",
    "адресу",
    "письмо",
    "соглашение",
    "лицензия",
    "экспорт",
    "поставка",
    "склад",
    "аудиторы",
    "нашли",
    "расхождения",
    "между",
    "версиями",
    "заявление",
    "пресс-служба",
    "отказалась",
    "от",
    "комментариев",
    "источники",
    "описали",
    "встречи",
    "как",
    "регулярные",
    "и",
    "конфиденциальные",
];

const FIRST: &[&str] = &[
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Galina", "Hugo", "Irina", "Jonas",
    "Katya", "Leon", "Marta", "Nikolai", "Olga", "Pavel", "Rosa", "Sergei", "Tamara", "Viktor",
];
const LAST: &[&str] = &[
    "Petrova",
    "Ivanov",
    "Keller",
    "Sokolov",
    "Novak",
    "Morozova",
    "Lindqvist",
    "Orlov",
    "Brandt",
    "Volkova",
    "Haddad",
    "Kuznetsov",
    "Fischer",
    "Popova",
    "Lebedev",
    "Moreau",
];
const RU_NAMES: &[&str] = &[
    "Иван Петров",
    "Анна Смирнова",
    "Олег Кузнецов",
    "Мария Соколова",
    "Павел Морозов",
    "Елена Волкова",
    "Сергей Лебедев",
    "Ольга Попова",
];
const ORG_WORDS: &[&str] = &[
    "Northern",
    "Baltic",
    "Capital",
    "Energy",
    "Holdings",
    "Logistics",
    "Trust",
    "Media",
    "Systems",
    "Group",
    "Industrial",
    "Partners",
    "Ventures",
    "Telecom",
    "Shipping",
];
const ORG_FORMS: &[&str] = &["LLC", "AG", "Holding", "Fund", "Ministry"];
const TAGS: &[&str] = &[
    "procurement",
    "offshore",
    "energy",
    "defense",
    "media",
    "telecom",
    "banking",
    "shipping",
    "sanctions",
    "elections",
    "real-estate",
    "mining",
    "customs",
    "courts",
    "police",
    "healthcare",
    "construction",
    "aviation",
    "space",
    "crypto",
    "lobbying",
    "tenders",
    "санкции",
    "энергетика",
    "закупки",
    "выборы",
];
/// Each claim's status agrees with the stance of the response that follows it (same index):
/// a generated dossier has no `status-contradicts` warning.
const STATUS: &[&str] = &["denied", "disputed", "reported", "confirmed", "unverified"];
const STANCE: &[&str] = &[
    "denies",
    "disputes",
    "declines-comment",
    "no-response",
    "not-aware",
];
const LANGS: &[&str] = &["json", "python", "rust", "yaml", "sh"];

pub const PARAS_PER_SOURCE: usize = 30;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub notes: usize,
    pub seed: u64,
}

/// The kind of note `i`: the generator's fixed mix (persons 0-1, organizations 2, events
/// 3-4, claims 5, denials 6, notes 7-9 of every ten).
fn kind_of(i: usize) -> Kind {
    match i % 10 {
        0 | 1 => Kind::Person,
        2 => Kind::Organization,
        3 | 4 => Kind::Event,
        5 => Kind::Claim,
        6 => Kind::Denial,
        _ => Kind::Note,
    }
}

/// One generated file: path relative to the dossier (or Hugo site) root, and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub path: PathBuf,
    pub text: String,
}

pub fn slug(i: usize) -> String {
    format!("{}-{i:05}", kind_of(i).name())
}

/// The note's path under `content/`: by kind, then in folders of 500.
pub fn note_rel(i: usize) -> PathBuf {
    PathBuf::from(kind_of(i).plural().0)
        .join(format!("{:03}", i / 500))
        .join(format!("{}.md", slug(i)))
}

pub fn source_count(notes: usize) -> usize {
    (notes / 100).max(4)
}

pub fn source_id(s: usize) -> String {
    format!("archive-{s:04}")
}

fn words(rng: &mut Rng, list: &[&str], n: usize) -> String {
    let mut out = String::new();
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick::<&str>(list));
    }
    out
}

fn sentence(rng: &mut Rng, list: &[&str]) -> String {
    let n = 8 + rng.below(10);
    let mut s = words(rng, list, n);
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, list: &[&str], sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng, list))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of paragraph `p` (1-based) of source `s`: plain words, commas and periods only,
/// so any run of its words can be quoted in YAML's double quotes.
pub fn source_paragraph(seed: u64, s: usize, p: usize) -> String {
    let mut rng = Rng::new(seed ^ ((s as u64) << 20) ^ p as u64 ^ 0x5EED);
    let list = if s.is_multiple_of(2) { EN } else { RU };
    let sentences = 2 + rng.below(3);
    paragraph(&mut rng, list, sentences)
}

/// A run of five words of a paragraph, to quote.
fn quote_from(paragraph: &str, rng: &mut Rng) -> String {
    let ws: Vec<&str> = paragraph.split(' ').collect();
    let start = rng.below(ws.len().saturating_sub(5).max(1));
    ws[start..(start + 5).min(ws.len())]
        .join(" ")
        .trim_end_matches('.')
        .to_string()
}

fn title(i: usize, rng: &mut Rng) -> String {
    match kind_of(i) {
        Kind::Person => {
            if i % 7 == 3 {
                format!("{} {i}", rng.pick(RU_NAMES))
            } else {
                format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST))
            }
        }
        Kind::Organization => format!("{} {} {i}", rng.pick(ORG_WORDS), rng.pick(ORG_FORMS)),
        Kind::Event => format!("Meeting of {} in {}", rng.pick(FIRST), 2015 + rng.below(10)),
        Kind::Claim => format!("Payment through an intermediary, claim {i}"),
        Kind::Denial => format!("Response to claim {}", i - 1),
        // `kind_of` makes none (the corpus stays comparable with earlier runs).
        Kind::Unnamed => format!("An unnamed official {i}"),
        Kind::Note => format!("Working note {i}: {}", words(rng, EN, 3)),
    }
}

fn date(i: usize, rng: &mut Rng) -> String {
    let y = 2010 + rng.below(15);
    match i % 3 {
        0 => format!("{y}"),
        1 => format!("{y}-{:02}", 1 + rng.below(12)),
        _ => format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

struct Cite {
    source: usize,
    para: usize,
}

impl Cite {
    fn random(rng: &mut Rng, sources: usize) -> Cite {
        Cite {
            source: rng.below(sources),
            para: 1 + rng.below(PARAS_PER_SOURCE),
        }
    }
}

/// What the body is made of, before it is written for dossier or for Hugo.
enum Piece {
    Text(String),
    Link {
        target: usize,
        label: Option<String>,
    },
    Cite(Cite, Option<usize>),
}

fn link(rng: &mut Rng, n: usize, titles: &[String], body: &mut Vec<Piece>) {
    let target = rng.below(n);
    let label = (rng.below(2) == 0).then(|| titles[target].clone());
    body.push(Piece::Link { target, label });
}

/// The Markdown of note `i`'s body as pieces; links and citations are written by the caller.
fn body(i: usize, n: usize, sources: usize, titles: &[String], rng: &mut Rng) -> Vec<Piece> {
    let ru = i % 3 == 1;
    let list = if ru { RU } else { EN };
    let mut b: Vec<Piece> = Vec::new();
    let t = |s: String| Piece::Text(s);

    b.push(t(format!("{} ", sentence(rng, list))));
    link(rng, n, titles, &mut b);
    b.push(t(format!(" {} ", sentence(rng, list))));
    b.push(Piece::Cite(Cite::random(rng, sources), None));
    b.push(t(format!(" {}\n\n## Background\n\n", sentence(rng, list))));
    b.push(t(format!("{} See ", paragraph(rng, list, 2))));
    link(rng, n, titles, &mut b);
    b.push(t(format!(". {}\n\n", sentence(rng, list))));
    for _ in 0..2 {
        b.push(t(format!("- {} ", words(rng, list, 6))));
        link(rng, n, titles, &mut b);
        b.push(t("\n".into()));
    }
    b.push(t(format!("- {}\n\n", words(rng, list, 7))));
    if i.is_multiple_of(4) {
        b.push(t(
            "## Timeline\n\n| Date | What | Amount |\n|---|---|---:|\n".into(),
        ));
        for r in 0..4 {
            b.push(t(format!(
                "| {} | {} | {} |\n",
                2015 + r + rng.below(3),
                words(rng, list, 4),
                1000 * (1 + rng.below(900))
            )));
        }
        b.push(t("\n".into()));
    } else if i % 7 == 2 {
        let lang = *rng.pick(LANGS);
        b.push(t(format!(
            "## Extract\n\n```{lang}\n{{\"account\": \"{}\", \"amount\": {}, \"currency\": \"EUR\"}}\nlet total = amount * {};\n```\n\n",
            rng.below(99999),
            rng.below(100_000),
            rng.below(10)
        )));
    }
    b.push(t("## Assessment\n\n".into()));
    b.push(t(format!("{} ", paragraph(rng, list, 2))));
    b.push(Piece::Cite(
        Cite::random(rng, sources),
        Some(1 + rng.below(PARAS_PER_SOURCE)),
    ));
    b.push(t(format!(" {} Related: ", sentence(rng, list))));
    link(rng, n, titles, &mut b);
    b.push(t(".\n\n".into()));
    // Filler to reach this note's size, 1.5 to 3 KB with the front matter.
    let target = 1200 + rng.below(1050);
    let mut len: usize = b
        .iter()
        .map(|p| match p {
            Piece::Text(s) => s.len(),
            _ => 30,
        })
        .sum();
    while len < target {
        let p = paragraph(rng, list, 2);
        len += p.len() + 2;
        b.push(t(format!("{p}\n\n")));
    }
    b
}

struct NoteParts {
    title: String,
    front: String,
    tags: Vec<&'static str>,
    body: Vec<Piece>,
}

fn note_parts(c: &Corpus, i: usize, titles: &[String]) -> NoteParts {
    let n = c.notes;
    let sources = source_count(n);
    let mut rng = Rng::new(c.seed ^ (i as u64).wrapping_mul(0x1000_0001));
    let kind = kind_of(i);
    let mut tags: Vec<&'static str> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let tag = *rng.pick(TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut f = String::new();
    let _ = writeln!(f, "title: \"{}\"", titles[i]);
    let _ = writeln!(f, "kind: {}", kind.name());
    let _ = writeln!(
        f,
        "summary: {}",
        sentence(&mut rng, EN).trim_end_matches('.')
    );
    let _ = writeln!(f, "tags: [{}]", tags.join(", "));
    match kind {
        Kind::Person if i % 7 == 3 => {
            let _ = writeln!(f, "lang: ru");
        }
        Kind::Event => {
            let _ = writeln!(f, "date: \"{}\"", date(i, &mut rng));
            if i % 5 == 3 {
                let _ = writeln!(f, "date_label: early in the year");
            }
        }
        Kind::Claim => {
            let _ = writeln!(f, "claimant: {}", slug(i - 5));
            let _ = writeln!(f, "subjects: [{}]", slug(i - 4));
            let _ = writeln!(f, "status: {}", STATUS[(i / 10) % STATUS.len()]);
            let _ = writeln!(f, "date: \"{}\"", date(i, &mut rng));
        }
        Kind::Denial => {
            let _ = writeln!(f, "by: {}", slug(i - 4));
            let _ = writeln!(f, "denies: [{}]", slug(i - 1));
            let _ = writeln!(f, "stance: {}", STANCE[(i / 10) % STANCE.len()]);
        }
        _ => {}
    }
    if i.is_multiple_of(3) {
        let _ = writeln!(f, "sources:");
        for _ in 0..1 + rng.below(2) {
            let s = rng.below(sources);
            let p = 1 + rng.below(PARAS_PER_SOURCE);
            let q = quote_from(&source_paragraph(c.seed, s, p), &mut rng);
            let _ = writeln!(
                f,
                "  - {{source: {}, para: {p}, quote: \"{q}\"}}",
                source_id(s)
            );
        }
    }
    let body = body(i, n, sources, titles, &mut rng);
    NoteParts {
        title: titles[i].clone(),
        front: f,
        tags,
        body,
    }
}

fn titles(c: &Corpus) -> Vec<String> {
    (0..c.notes)
        .map(|i| {
            let mut rng = Rng::new(c.seed ^ 0x7171 ^ (i as u64).wrapping_mul(0x9E37));
            title(i, &mut rng)
        })
        .collect()
}

fn cite_text(cite: &Cite, to: Option<usize>) -> String {
    let para = match to {
        Some(t) if t > cite.para => format!("{}-{t}", cite.para),
        _ => cite.para.to_string(),
    };
    format!("{}, ¶{para}", source_id(cite.source))
}

/// The dossier: `dossier.yaml`, `seeds/` and `content/`.
pub fn dossier_files(c: &Corpus) -> Vec<File> {
    let mut out = Vec::with_capacity(c.notes + 2 * source_count(c.notes) + 1);
    out.push(File {
        path: "dossier.yaml".into(),
        text: format!(
            "title: \"Generated dossier of {} notes\"\ndescription: A deterministic benchmark corpus made by examples/gen_corpus.rs (seed {}).\nbase_url: /\nlanguage: en\n",
            c.notes, c.seed
        ),
    });
    for s in 0..source_count(c.notes) {
        let text: String = (1..=PARAS_PER_SOURCE)
            .map(|p| source_paragraph(c.seed, s, p) + "\n")
            .collect();
        out.push(File {
            path: PathBuf::from("seeds").join(format!("{}.txt", source_id(s))),
            text,
        });
        out.push(File {
            path: PathBuf::from("seeds").join(format!("{}.yaml", source_id(s))),
            text: format!(
                "id: {}\ntitle: \"Archived document {s}\"\npublisher: Generated Gazette\nlanguage: {}\npublished: \"2023-{:02}\"\nnotes: Generated for benchmarks.\n",
                source_id(s),
                if s.is_multiple_of(2) { "en" } else { "ru" },
                1 + s % 12
            ),
        });
    }
    let titles = titles(c);
    for i in 0..c.notes {
        let parts = note_parts(c, i, &titles);
        let mut text = format!("---\n{}---\n\n", parts.front);
        for p in &parts.body {
            match p {
                Piece::Text(s) => text.push_str(s),
                Piece::Link { target, label } => match label {
                    Some(l) => {
                        let _ = write!(text, "[[{}|{l}]]", slug(*target));
                    }
                    None => {
                        let _ = write!(text, "[[{}]]", slug(*target));
                    }
                },
                Piece::Cite(cite, to) => {
                    let _ = write!(text, "[@{}]", cite_text(cite, *to));
                }
            }
        }
        out.push(File {
            path: PathBuf::from("content").join(note_rel(i)),
            text,
        });
    }
    out
}

/// The equivalent Hugo site: the same pages at the same URLs, wikilinks as Markdown links,
/// citations as plain text, plain layouts (title, body, tags), a tags taxonomy.
pub fn hugo_files(c: &Corpus) -> Vec<File> {
    let mut out = Vec::with_capacity(c.notes + 4);
    out.push(File {
        path: "config.toml".into(),
        text: format!(
            "baseURL = \"/\"\ntitle = \"Generated site of {} notes\"\nlanguageCode = \"en\"\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\n\n[taxonomies]\ntag = \"tags\"\n",
            c.notes
        ),
    });
    out.push(File {
        path: "layouts/_default/baseof.html".into(),
        text: "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body>\n<main>{{ block \"main\" . }}{{ end }}</main>\n</body>\n</html>\n".into(),
    });
    out.push(File {
        path: "layouts/_default/single.html".into(),
        text: "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ with .GetTerms \"tags\" }}<ul class=\"tags\">{{ range . }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}</article>{{ end }}\n".into(),
    });
    out.push(File {
        path: "layouts/_default/list.html".into(),
        text: "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n".into(),
    });
    let titles = titles(c);
    for i in 0..c.notes {
        let parts = note_parts(c, i, &titles);
        let mut text = format!(
            "---\ntitle: \"{}\"\nurl: /{}/\ntags: [{}]\n---\n\n",
            parts.title,
            slug(i),
            parts.tags.join(", ")
        );
        for p in &parts.body {
            match p {
                Piece::Text(s) => text.push_str(s),
                Piece::Link { target, label } => {
                    let l = label.clone().unwrap_or_else(|| slug(*target));
                    let _ = write!(text, "[{l}](/{}/)", slug(*target));
                }
                Piece::Cite(cite, to) => {
                    let _ = write!(text, "({})", cite_text(cite, *to));
                }
            }
        }
        out.push(File {
            path: PathBuf::from("content").join(note_rel(i)),
            text,
        });
    }
    out
}

/// Writes `files` under `dir` (which should be empty or absent).
pub fn write(dir: &Path, files: &[File]) -> io::Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &f.text)?;
    }
    Ok(())
}
