//! What the search page downloads for a query, on a built site:
//! `cargo run --release --example search_bytes -- SITE QUERY…` (SITE: a built site's folder,
//! such as `public/`). It reads the index as the search script does
//! (`themes/default/static/search.js`: the manifest, the shards each word of the query
//! needs, the chunks of the first page of results (20), ranked as the script ranks them) and prints,
//! for the whole index and for each query, the files and their bytes (uncompressed: what a
//! host that compresses sends is smaller). No browser and no server: the same choices, so
//! the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The script's page of results.
const SHOWN: usize = 20;

fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn query_words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in q.split(|c: char| !(c.is_alphabetic() || c.is_numeric())) {
        let w = fold(w);
        if w.chars().count() >= 2 && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn shard_name(prefix: &str) -> String {
    if prefix.is_empty() {
        return "t".into();
    }
    let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
    format!("t-{hex}")
}

fn shards_for(word: &str, prefixes: &[String]) -> Vec<String> {
    let mut home: Option<&String> = None;
    let mut out = Vec::new();
    for p in prefixes {
        if word.starts_with(p.as_str()) {
            if home.is_none_or(|h| p.len() > h.len()) {
                home = Some(p);
            }
        } else if p.starts_with(word) {
            out.push(shard_name(p));
        }
    }
    out.extend(home.map(|h| shard_name(h)));
    out
}

fn points(fields: u64) -> i64 {
    let best = [(8, 100), (4, 90), (2, 20), (1, 10)]
        .iter()
        .find(|(bit, _)| fields & bit != 0)
        .map_or(0, |(_, p)| *p);
    if best == 0 {
        0
    } else {
        best - (fields >> 4) as i64
    }
}

struct Site {
    dir: PathBuf,
    /// Each file read, with its size.
    fetched: BTreeMap<String, u64>,
}

impl Site {
    fn load(&mut self, name: &str) -> Value {
        let path = self.dir.join("search").join(format!("{name}.json"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self.fetched.insert(name.to_string(), bytes.len() as u64);
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: search_bytes SITE QUERY…");
        std::process::exit(2);
    };
    whole(&dir);
    println!("| query | results | files | bytes |\n|---|---|---|---|");
    for q in args {
        let mut site = Site {
            dir: dir.clone(),
            fetched: BTreeMap::new(),
        };
        let results = search(&mut site, &q);
        let bytes: u64 = site.fetched.values().sum();
        println!(
            "| `{q}` | {results} | {} | {bytes} ({:.1} KiB) |",
            site.fetched.len(),
            bytes as f64 / 1024.0
        );
    }
}

/// The index's files: how many, and how large.
fn whole(dir: &Path) {
    let mut sizes: Vec<(String, u64)> = std::fs::read_dir(dir.join("search"))
        .expect("a built site with search/")
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".json")
                .then(|| (name, e.metadata().map_or(0, |m| m.len())))
        })
        .collect();
    sizes.sort();
    let of = |f: fn(&str) -> bool| -> (usize, u64, u64) {
        let s: Vec<u64> = sizes
            .iter()
            .filter(|(n, _)| f(n))
            .map(|(_, b)| *b)
            .collect();
        (
            s.len(),
            s.iter().sum(),
            s.iter().copied().max().unwrap_or(0),
        )
    };
    let shards = of(|n| n.starts_with('t'));
    let chunks = of(|n| n.starts_with('d'));
    let manifest = of(|n| n == "index.json");
    println!("| files | count | bytes | largest |\n|---|---|---|---|");
    for (what, (count, total, max)) in [
        ("manifest", manifest),
        ("shards", shards),
        ("chunks", chunks),
    ] {
        println!("| {what} | {count} | {total} | {max} |");
    }
    println!();
}

/// The script's search: gives how many results it found.
fn search(site: &mut Site, q: &str) -> usize {
    let words = query_words(q);
    if words.is_empty() {
        return 0;
    }
    let manifest = site.load("index");
    let prefixes: Vec<String> = manifest["shards"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let chunk = manifest["chunk"].as_u64().unwrap_or(50) as usize;
    let mut per_word: Vec<HashMap<u64, (i64, u64)>> = Vec::new();
    for word in &words {
        let mut hits: HashMap<u64, (i64, u64)> = HashMap::new();
        // A Russian word is looked up as itself and as its Latin key, as the script does
        // (the script has the key only for Cyrillic letters).
        let cyrillic = word.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        let key = cyrillic
            .then(|| dossier::bench::search_key(word))
            .flatten()
            .filter(|k| k.len() >= 2);
        for w in std::iter::once(word).chain(key.as_ref()) {
            for name in shards_for(w, &prefixes) {
                let shard = site.load(&name);
                for (term, postings) in shard.as_object().into_iter().flatten() {
                    if !term.starts_with(w.as_str()) {
                        continue;
                    }
                    let list = postings.as_array().cloned().unwrap_or_default();
                    let mut doc = 0;
                    for pair in list.chunks(2) {
                        doc += pair[0].as_u64().unwrap_or(0);
                        let fields = pair.get(1).and_then(Value::as_u64).unwrap_or(0);
                        let score = points(fields) + if term == w { 20 } else { 0 };
                        let hit = hits.entry(doc).or_insert((score, 0));
                        hit.0 = hit.0.max(score);
                        hit.1 |= fields & 15;
                    }
                }
            }
        }
        per_word.push(hits);
    }
    let mut results: Vec<(bool, i64, u64)> = Vec::new();
    'doc: for &doc in per_word[0].keys() {
        let (mut score, mut named) = (0, true);
        for hits in &per_word {
            let Some((s, fields)) = hits.get(&doc) else {
                continue 'doc;
            };
            score += s;
            named &= fields & 12 != 0;
        }
        results.push((named, score, doc));
    }
    results.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let chunks: BTreeSet<u64> = results
        .iter()
        .take(SHOWN)
        .map(|r| r.2 / chunk as u64)
        .collect();
    for c in chunks {
        site.load(&format!("d{c}"));
    }
    results.len()
}
