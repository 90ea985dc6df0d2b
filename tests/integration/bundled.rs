//! The dossier this repository ships, pinned: what its source says, it says, and nothing
//! else. The source is `seeds/meduza-wsj-musk-putin.txt` (12 paragraphs); these tests fail
//! when a claim or a response goes missing, when a response stops answering a claim the
//! source says it answers, when a quote stops being marked, or when a Russian phrase quoted
//! in a note is not in the source.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::*;

const SOURCE_ID: &str = "meduza-wsj-musk-putin";
const SOURCE: &str = include_str!("../../seeds/meduza-wsj-musk-putin.txt");

fn site() -> &'static Dossier {
    static SITE: std::sync::OnceLock<Dossier> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let d = Dossier::bundled();
        let r = d.build();
        assert_eq!(
            r.code, 0,
            "the bundled dossier does not build:\n{}",
            r.stderr
        );
        d
    })
}

#[test]
fn it_builds_with_no_error_and_no_warning() {
    let d = Dossier::bundled();
    let r = d.build();
    assert_eq!(
        r.code, 0,
        "the bundled dossier does not build:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.to_lowercase().contains("warning"),
        "the bundled dossier builds with warnings:\n{}",
        r.stderr
    );
    assert_eq!(r.stderr, "", "the build printed diagnostics");
    // Every check, as JSON: not one diagnostic of any severity.
    let r = d.run(&["check", "--message-format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let diagnostics: Vec<&str> = r
        .stdout
        .lines()
        .chain(r.stderr.lines())
        .filter(|l| l.contains("\"severity\""))
        .collect();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

/// Every note of `content/`: its path, front matter (as YAML) and body.
fn notes() -> Vec<(String, serde_yaml::Mapping, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let rest = text.strip_prefix("---\n").expect("front matter");
        let (fm, body) = rest.split_once("\n---\n").expect("closed front matter");
        let rel = entry
            .path()
            .strip_prefix(&root)
            .unwrap()
            .display()
            .to_string();
        out.push((rel, serde_yaml::from_str(fm).unwrap(), body.to_string()));
    }
    out
}

/// White space folded to single spaces, as the quote check folds it.
fn spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_source_is_archived_byte_for_byte() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/000_610959219737ff3b.txt");
    // Outside this workplace the original is not beside the repository; its hash is.
    if let Ok(original) = std::fs::read(&shared) {
        assert_eq!(original, SOURCE.as_bytes());
    }
    use sha2::Digest as _;
    let hash: String = sha2::Sha256::digest(SOURCE.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let page = site().page(&format!("sources/{SOURCE_ID}/index.html"));
    assert_eq!(page.text("main code.hash"), hash);
}

#[test]
fn the_source_page_has_its_twelve_paragraphs() {
    let page = site().page(&format!("sources/{SOURCE_ID}/index.html"));
    let ids: Vec<String> = page
        .select("ol.paragraphs > li")
        .iter()
        .map(|li| li.value().attr("id").unwrap_or("").to_string())
        .collect();
    let want: Vec<String> = (1..=12).map(|n| format!("p{n}")).collect();
    assert_eq!(ids, want);
    assert_eq!(SOURCE.lines().filter(|l| !l.trim().is_empty()).count(), 12);
}

/// The claims of the source, and for each the responses it reports, with their stance.
fn expected() -> BTreeMap<&'static str, BTreeSet<(&'static str, &'static str)>> {
    let musk_silent = ("musk-no-response-to-wsj", "no-response"); // ¶11
    let briefing = ("peskov-briefing-denial", "denies"); // ¶12: the whole WSJ report
    let one_call = ("peskov-one-phone-call", "disputes"); // ¶11
    let no_regular = ("peskov-no-regular-conversations", "denies"); // ¶11
    BTreeMap::from([
        // ¶6: Bremmer's account; Musk said he spoke with Putin only once, about space.
        (
            "bremmer-account",
            BTreeSet::from([("musk-spoke-to-putin-once", "disputes")]),
        ),
        // ¶3: regular contact since late 2022.
        (
            "regular-contact-since-late-2022",
            BTreeSet::from([musk_silent, briefing, one_call, no_regular]),
        ),
        // ¶4: a closely guarded secret.
        (
            "contacts-closely-guarded-secret",
            BTreeSet::from([musk_silent, briefing]),
        ),
        // ¶5: concern inside the US administration, the WSJ's own words.
        (
            "us-administration-concern",
            BTreeSet::from([musk_silent, briefing]),
        ),
        // ¶4: one of the WSJ's interlocutors on the US authorities' view.
        (
            "us-authorities-dislike-contacts",
            BTreeSet::from([musk_silent, briefing]),
        ),
        // ¶5: clearance and ties; ¶11: the Pentagon declined to comment.
        (
            "musk-clearance-and-military-ties",
            BTreeSet::from([
                musk_silent,
                briefing,
                ("pentagon-declines-comment", "declines-comment"),
            ]),
        ),
        // ¶8: Kiriyenko; ¶11: no *regular* conversations with senior officials either,
        // which disputes talks the report does not call regular.
        (
            "kiriyenko-talks-amid-pressure",
            BTreeSet::from([
                musk_silent,
                briefing,
                ("peskov-no-regular-conversations", "disputes"),
            ]),
        ),
        // ¶9: Taiwan; the Chinese embassy is not aware of details. Peskov's one phone
        // call (¶11) says nothing of Taiwan and is undated: it does not answer this claim.
        (
            "putin-taiwan-starlink-request",
            BTreeSet::from([
                musk_silent,
                briefing,
                ("chinese-embassy-not-aware", "not-aware"),
            ]),
        ),
        // ¶10: the conversations continued in 2024.
        (
            "conversations-continued-2024",
            BTreeSet::from([musk_silent, briefing, one_call, no_regular]),
        ),
    ])
}

#[test]
fn the_claims_table_has_every_claim_with_the_responses_the_source_gives_it() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let got: BTreeMap<String, BTreeSet<(String, String)>> = claims
        .iter()
        .map(|c| {
            let responses = c["denials"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["slug"].as_str().unwrap().to_string(),
                        r["stance"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (c["slug"].as_str().unwrap().to_string(), responses)
        })
        .collect();
    let want: BTreeMap<String, BTreeSet<(String, String)>> = expected()
        .into_iter()
        .map(|(c, rs)| {
            let rs = rs
                .into_iter()
                .map(|(s, st)| (s.to_string(), st.to_string()))
                .collect();
            (c.to_string(), rs)
        })
        .collect();
    assert_eq!(claims.len(), 9);
    assert_eq!(got, want);
    let responses: BTreeSet<&String> = got.values().flatten().map(|(s, _)| s).collect();
    assert_eq!(responses.len(), 7, "every response answers some claim");

    // The HTML table says the same: one body row per claim, with its responses.
    let page = site().page("claims-vs-denials/index.html");
    let rows = page.select("main table tbody tr");
    assert_eq!(rows.len(), 9);
    let a = scraper::Selector::parse("th a").unwrap();
    let li = scraper::Selector::parse("ul.responses > li > a:first-child").unwrap();
    let table: BTreeMap<String, BTreeSet<String>> = rows
        .iter()
        .map(|row| {
            let claim = row.select(&a).next().unwrap().value().attr("href").unwrap();
            let rs = row
                .select(&li)
                .map(|x| {
                    x.value()
                        .attr("href")
                        .unwrap()
                        .trim_matches('/')
                        .to_string()
                })
                .collect();
            (claim.trim_matches('/').to_string(), rs)
        })
        .collect();
    let want: BTreeMap<String, BTreeSet<String>> = want
        .into_iter()
        .map(|(c, rs)| (c, rs.into_iter().map(|(s, _)| s).collect()))
        .collect();
    assert_eq!(table, want);
}

#[test]
fn every_claim_has_a_claimant_and_every_response_a_respondent() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    for c in json["claims"].as_array().unwrap() {
        assert!(c["claimant"]["slug"].is_string(), "{}", c["slug"]);
        assert!(
            !c["sources"].as_array().unwrap().is_empty(),
            "{}",
            c["slug"]
        );
        for r in c["denials"].as_array().unwrap() {
            assert!(r["by"]["slug"].is_string(), "{}", r["slug"]);
            assert!(
                !r["sources"].as_array().unwrap().is_empty(),
                "{}",
                r["slug"]
            );
        }
    }
}

#[test]
fn every_note_cites_the_source() {
    let notes = notes();
    assert_eq!(notes.len(), 55, "the dossier gained or lost notes");
    for (rel, fm, body) in notes {
        let in_front = fm
            .get("sources")
            .and_then(|s| s.as_sequence())
            .is_some_and(|s| !s.is_empty());
        assert!(
            in_front,
            "content/{rel} lists no sources in its front matter"
        );
        assert!(
            body.contains(&format!("[@{SOURCE_ID}")),
            "content/{rel} has no citation in its text"
        );
        // And the page shows it: a numbered citation and a reference list.
        let slug = rel.rsplit('/').next().unwrap().trim_end_matches(".md");
        let page = site().page(&format!("{slug}/index.html"));
        assert!(
            !page.select("main sup.cite a").is_empty(),
            "the page of content/{rel} shows no citation"
        );
        assert!(
            !page.select("main .references li").is_empty(),
            "the page of content/{rel} has no references"
        );
    }
}

/// Where the source makes each claim and gives each response: the paragraph its front
/// matter cites (the claim's or response's own words, not paragraphs cited in passing).
const WHERE: &[(&str, &[u32])] = &[
    ("regular-contact-since-late-2022", &[3]),
    ("contacts-closely-guarded-secret", &[4]),
    ("us-administration-concern", &[5]),
    ("us-authorities-dislike-contacts", &[4]),
    ("musk-clearance-and-military-ties", &[5]),
    ("bremmer-account", &[6]),
    ("kiriyenko-talks-amid-pressure", &[8]),
    ("putin-taiwan-starlink-request", &[9]),
    ("conversations-continued-2024", &[10]),
    ("musk-spoke-to-putin-once", &[6]),
    ("chinese-embassy-not-aware", &[9]),
    ("musk-no-response-to-wsj", &[11]),
    ("pentagon-declines-comment", &[11]),
    ("peskov-one-phone-call", &[11]),
    ("peskov-no-regular-conversations", &[11]),
    ("peskov-briefing-denial", &[12]),
];

#[test]
fn every_claim_and_response_cites_the_paragraph_that_makes_it() {
    let notes = notes();
    for (slug, want) in WHERE {
        let (rel, fm, body) = notes
            .iter()
            .find(|(rel, _, _)| rel.ends_with(&format!("/{slug}.md")))
            .unwrap_or_else(|| panic!("no note `{slug}`"));
        let quoted: BTreeSet<u32> = fm
            .get("sources")
            .and_then(|s| s.as_sequence())
            .unwrap_or_else(|| panic!("content/{rel} lists no sources"))
            .iter()
            .filter(|s| s.get("quote").is_some())
            .map(|s| {
                s.get("para").and_then(|p| p.as_u64()).unwrap_or_else(|| {
                    panic!("content/{rel}: a quote without a single paragraph: {s:?}")
                }) as u32
            })
            .collect();
        assert_eq!(
            quoted,
            want.iter().copied().collect(),
            "content/{rel}: its quotes are not (all) from the paragraphs that make it"
        );
        for p in *want {
            assert!(
                body.contains(&format!("[@{SOURCE_ID}, ¶{p}")),
                "content/{rel} does not cite ¶{p} in its text"
            );
        }
    }
    // Every claim and every response of the dossier is in the table above.
    for (rel, fm, _) in &notes {
        let kind = fm["kind"].as_str().unwrap();
        if kind == "claim" || kind == "denial" {
            let slug = rel.rsplit('/').next().unwrap().trim_end_matches(".md");
            assert!(
                WHERE.iter().any(|(s, _)| *s == slug),
                "content/{rel}: a {kind} this test does not know"
            );
        }
    }
}

/// The paragraphs the text attributes to The Wall Street Journal's report (¶10, which does
/// not name the newspaper, is not among them).
const RELAYED: &[u32] = &[1, 3, 4, 5, 8, 9, 11];

/// What the source says of each claim and response is its evidence: the table and
/// `claims.json` show the paragraphs its front matter names (`WHERE`), not the paragraphs
/// its text cites for background ("Musk did not answer the WSJ" cites ¶6, his earlier
/// reply to Bremmer, in passing; its evidence is ¶11 alone). And the archived text is
/// credited to its publisher, relaying the Journal, not to the Journal.
#[test]
fn the_evidence_of_claims_and_responses_is_what_their_front_matter_names() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    let mut seen: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let claims = json["claims"].as_array().unwrap();
    let responses = claims.iter().flat_map(|c| c["denials"].as_array().unwrap());
    for item in claims.iter().chain(responses) {
        let slug = item["slug"].as_str().unwrap().to_string();
        let paras: BTreeSet<u32> = item["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                assert_eq!(s["source"], SOURCE_ID);
                let para: u32 = s["para"].as_str().unwrap().parse().unwrap();
                // The paragraphs the text attributes to the WSJ read as a relay of it;
                // its own background (¶6, ¶7) and update (¶12) do not.
                let want = if RELAYED.contains(&para) {
                    "Meduza, relaying The Wall Street Journal"
                } else {
                    "Meduza"
                };
                assert_eq!(
                    s["label"], want,
                    "{slug}: ¶{para} is not credited to its publisher as it should be"
                );
                para
            })
            .collect();
        if let Some(before) = seen.insert(slug.clone(), paras.clone()) {
            assert_eq!(before, paras, "{slug}: two rows show different evidence");
        }
    }
    let want: BTreeMap<String, BTreeSet<u32>> = WHERE
        .iter()
        .map(|(s, ps)| (s.to_string(), ps.iter().copied().collect()))
        .collect();
    assert_eq!(seen, want);

    // The table credits the publisher too.
    let page = site().page("claims-vs-denials/index.html");
    let html = page.main();
    assert!(
        html.contains("Meduza, relaying The Wall Street Journal"),
        "{html}"
    );

    // A note page names the publisher, with the relayed outlet where the paragraph relays
    // it; a later reference named the same says "The same source".
    let page = site().page("musk-no-response-to-wsj/index.html");
    assert_eq!(
        page.texts("section.references li"),
        vec![
            "Meduza, relaying The Wall Street Journal, ¶11 Илон Маск не ответил на просьбы WSJ о комментарии".to_string(),
            // ¶6 is the article's own background: named apart from the relay.
            "Meduza, ¶6".to_string(),
        ]
    );
}

/// Who says what through whom: the chain from the archived text to whom the claimant or
/// respondent knows it from, as the table, the note pages and `claims.json` show it.
const CHAINS: &[(&str, &str)] = &[
    (
        "regular-contact-since-late-2022",
        "Meduza ← The Wall Street Journal ← Several current and former officials from the US, Europe and Russia",
    ),
    (
        "contacts-closely-guarded-secret",
        "Meduza ← The Wall Street Journal",
    ),
    (
        "us-administration-concern",
        "Meduza ← The Wall Street Journal",
    ),
    (
        "us-authorities-dislike-contacts",
        "Meduza ← The Wall Street Journal ← One of the WSJ's interlocutors",
    ),
    (
        "musk-clearance-and-military-ties",
        "Meduza ← The Wall Street Journal",
    ),
    ("bremmer-account", "Meduza ← Ian Bremmer ← Elon Musk"),
    (
        "kiriyenko-talks-amid-pressure",
        "Meduza ← The Wall Street Journal ← The WSJ's source on the talks with Kiriyenko",
    ),
    (
        "putin-taiwan-starlink-request",
        "Meduza ← The Wall Street Journal ← A former Russian intelligence officer and Another WSJ source on the Taiwan request",
    ),
    (
        "conversations-continued-2024",
        "Meduza ← The Wall Street Journal ← A former and a current intelligence official",
    ),
    // Musk's silence is reported by the newspaper he did not answer; he says nothing.
    (
        "musk-no-response-to-wsj",
        "Meduza ← The Wall Street Journal",
    ),
    ("musk-spoke-to-putin-once", "Meduza ← Elon Musk"),
    (
        "pentagon-declines-comment",
        "Meduza ← The Wall Street Journal ← The Pentagon",
    ),
    (
        "chinese-embassy-not-aware",
        "Meduza ← The Wall Street Journal ← Chinese embassy in Washington",
    ),
    (
        "peskov-one-phone-call",
        "Meduza ← The Wall Street Journal ← Dmitry Peskov",
    ),
    (
        "peskov-no-regular-conversations",
        "Meduza ← The Wall Street Journal ← Dmitry Peskov",
    ),
    // The update about the briefing is the outlet's own.
    ("peskov-briefing-denial", "Meduza ← Dmitry Peskov"),
];

#[test]
fn every_claim_and_response_shows_who_says_it_through_whom() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    let text = |chain: &serde_json::Value| {
        chain
            .as_array()
            .unwrap()
            .iter()
            .map(|step| {
                let names: Vec<&str> = step
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["name"].as_str().unwrap())
                    .collect();
                names.join(" and ")
            })
            .collect::<Vec<_>>()
            .join(" ← ")
    };
    let mut got: BTreeMap<String, String> = BTreeMap::new();
    let claims = json["claims"].as_array().unwrap();
    for item in claims
        .iter()
        .chain(claims.iter().flat_map(|c| c["denials"].as_array().unwrap()))
    {
        let chains = item["chains"].as_array().unwrap();
        assert_eq!(chains.len(), 1, "{item}");
        got.insert(item["slug"].as_str().unwrap().into(), text(&chains[0]));
    }
    let want: BTreeMap<String, String> = CHAINS
        .iter()
        .map(|(s, c)| (s.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    for (slug, chain) in CHAINS {
        // The note's page says the same, with the unnamed sources linked.
        let page = site().page(&format!("{slug}/index.html"));
        let shown = page.texts(".facts dd .chain");
        assert_eq!(
            shown,
            [fold(&chain.replace(" ← ", " ← , citing "))],
            "{slug}"
        );
    }
    // The table too.
    let table = site().page("claims-vs-denials/index.html");
    let taiwan = table
        .select("main table tbody tr")
        .into_iter()
        .find(|r| r.html().contains("/putin-taiwan-starlink-request/"))
        .unwrap();
    let cell = fold(&taiwan.text().collect::<String>());
    assert!(
        cell.contains(
            "A former Russian intelligence officer and Another WSJ source on the Taiwan request"
        ),
        "{cell}"
    );
}

#[test]
fn every_claim_resting_on_an_unnamed_source_is_listed_on_its_page() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    let mut resting: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in json["claims"].as_array().unwrap() {
        for v in c["via"].as_array().unwrap() {
            if v["kind"] == "unnamed" {
                resting
                    .entry(v["slug"].as_str().unwrap().into())
                    .or_default()
                    .insert(format!("/{}/", c["slug"].as_str().unwrap()));
            }
        }
    }
    assert_eq!(
        resting.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "another-wsj-source-on-taiwan",
            "former-and-current-intelligence-officials",
            "former-russian-intelligence-officer",
            "officials-us-europe-russia",
            "wsj-interlocutor",
            "wsj-source-on-kiriyenko",
        ]
    );
    for (slug, claims) in &resting {
        let page = site().page(&format!("{slug}/index.html"));
        let listed: BTreeSet<String> = page.hrefs("section.positions ul a").into_iter().collect();
        assert_eq!(&listed, claims, "{slug}");
    }
    // The listing of unnamed sources has each of them.
    let listing = site()
        .page("unnamed-sources/index.html")
        .hrefs(".listing a");
    assert_eq!(listing.len(), 6, "{listing:?}");
}

/// The notes whose date the source places at the end of its year.
const PARTS: &[&str] = &[
    "regular-contact-since-late-2022",
    "regular-contact-begins",
    "putin-taiwan-starlink-request",
    "taiwan-request-2023",
];

/// The dates the source gives: `(slug, date, date_label)` as `claims.json` or the front
/// matter has them; `None` where the source gives no date.
const DATES: &[(&str, Option<&str>, Option<&str>)] = &[
    // Claims.
    ("regular-contact-since-late-2022", Some("2022"), None),
    ("contacts-closely-guarded-secret", None, None),
    ("us-administration-concern", None, None),
    ("us-authorities-dislike-contacts", None, None),
    ("musk-clearance-and-military-ties", None, None),
    ("bremmer-account", Some("2022-10"), None),
    ("kiriyenko-talks-amid-pressure", Some("2022"), None),
    ("putin-taiwan-starlink-request", Some("2023"), None),
    ("conversations-continued-2024", Some("2024"), None),
    // Events.
    ("clubhouse-invitation", Some("2021-02"), None),
    (
        "kremlin-clubhouse-reply",
        Some("2021-02"),
        Some("end of February 2021"),
    ),
    (
        "musk-putin-call-april-2021",
        Some("2021-04"),
        Some("around April 2021"),
    ),
    ("rogozin-starlink-threat", Some("2022-05"), None),
    ("bremmer-statement-2022", Some("2022-10"), None),
    ("regular-contact-begins", Some("2022"), None),
    ("kiriyenko-conversations-2022", Some("2022"), None),
    ("taiwan-request-2023", Some("2023"), None),
    ("contacts-in-2024", Some("2024"), None),
    // The text dates neither the WSJ report nor Peskov's briefing.
    ("wsj-publication", None, None),
    ("peskov-briefing", None, None),
];

#[test]
fn every_claim_and_event_has_the_date_the_source_gives_it() {
    let notes = notes();
    let events: BTreeSet<String> = notes
        .iter()
        .filter(|(_, fm, _)| fm["kind"].as_str() == Some("event"))
        .map(|(rel, _, _)| {
            rel.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    let dated: BTreeSet<String> = DATES.iter().map(|(s, _, _)| s.to_string()).collect();
    assert!(
        events.is_subset(&dated),
        "events without a pinned date: {:?}",
        events.difference(&dated)
    );
    for (slug, date, label) in DATES {
        let (rel, fm, _) = notes
            .iter()
            .find(|(rel, _, _)| rel.ends_with(&format!("/{slug}.md")))
            .unwrap_or_else(|| panic!("no note `{slug}`"));
        assert_eq!(
            fm.get("date").and_then(|d| d.as_str()),
            *date,
            "content/{rel}: date"
        );
        assert_eq!(
            fm.get("date_label").and_then(|d| d.as_str()),
            *label,
            "content/{rel}: date_label"
        );
    }
    // The source says "since the end of 2022" (¶1, ¶3) and places the request about Taiwan
    // at the end of 2023 (¶9): `date_part: late`, shown as "late 2022", «конец 2022 года».
    for slug in PARTS {
        let (rel, fm, _) = notes
            .iter()
            .find(|(rel, _, _)| rel.ends_with(&format!("/{slug}.md")))
            .unwrap_or_else(|| panic!("no note `{slug}`"));
        assert_eq!(
            fm.get("date_part").and_then(|d| d.as_str()),
            Some("late"),
            "content/{rel}"
        );
    }
    let parted: Vec<&str> = notes
        .iter()
        .filter(|(_, fm, _)| fm.get("date_part").is_some())
        .map(|(rel, _, _)| rel.as_str())
        .collect();
    assert_eq!(parted.len(), PARTS.len(), "{parted:?}");
    // claims.json says the same.
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    for c in json["claims"].as_array().unwrap() {
        let slug = c["slug"].as_str().unwrap();
        let (_, date, label) = DATES
            .iter()
            .find(|(s, _, _)| *s == slug)
            .unwrap_or_else(|| panic!("the claim `{slug}` has no date pinned in DATES"));
        assert_eq!(c["date"].as_str(), *date, "{slug}");
        assert_eq!(c["date_label"].as_str(), *label, "{slug}");
    }
}

#[test]
fn every_person_and_organization_of_the_source_has_a_note() {
    let notes = notes();
    let of = |kind: &str| -> BTreeSet<String> {
        notes
            .iter()
            .filter(|(_, fm, _)| fm["kind"].as_str() == Some(kind))
            .map(|(_, fm, _)| fm["title"].as_str().unwrap().to_string())
            .collect()
    };
    let people: BTreeSet<String> = [
        "Elon Musk",
        "Vladimir Putin",
        "Dmitry Peskov",
        "Sergey Kiriyenko",
        "Dmitry Rogozin",
        "Ian Bremmer",
        "Xi Jinping",
        "Donald Trump",
    ]
    .map(String::from)
    .into();
    assert_eq!(of("person"), people);
    let organizations: BTreeSet<String> = [
        "SpaceX",
        "Tesla",
        "X",
        "Starlink",
        "The Wall Street Journal",
        "The Kremlin",
        "Roscosmos",
        "The Pentagon",
        "Chinese embassy in Washington",
        "Azov fighters in Mariupol",
        "Clubhouse",
        "US administration",
        "Meduza",
    ]
    .map(String::from)
    .into();
    assert_eq!(of("organization"), organizations);
}

/// A person's page links to every claim about them or by them, and every response by them
/// or to a claim about them: people link to their claims and denials.
#[test]
fn people_link_to_their_claims_and_responses() {
    let json: serde_json::Value = serde_json::from_str(&site().read("claims.json")).unwrap();
    let notes = notes();
    for (rel, fm, _) in &notes {
        if fm["kind"].as_str() != Some("person") {
            continue;
        }
        let slug = rel.rsplit('/').next().unwrap().trim_end_matches(".md");
        let page = site().page(&format!("{slug}/index.html"));
        let links: BTreeSet<String> = page.hrefs("main .note-body a").into_iter().collect();
        for c in json["claims"].as_array().unwrap() {
            let claim = c["slug"].as_str().unwrap();
            let claim_note = notes
                .iter()
                .find(|(r, _, _)| r.ends_with(&format!("/{claim}.md")))
                .unwrap_or_else(|| panic!("no file for the claim `{claim}`"));
            let about = claim_note
                .1
                .get("subjects")
                .and_then(|s| s.as_sequence())
                .is_some_and(|s| s.iter().any(|x| x.as_str() == Some(slug)));
            let by = c["claimant"]["slug"].as_str() == Some(slug);
            if about || by {
                assert!(
                    links.contains(&format!("/{claim}/")),
                    "content/{rel} does not link to the claim `{claim}` about or by them"
                );
            }
            for r in c["denials"].as_array().unwrap() {
                let response = r["slug"].as_str().unwrap();
                if about || r["by"]["slug"].as_str() == Some(slug) {
                    assert!(
                        links.contains(&format!("/{response}/")),
                        "content/{rel} does not link to the response `{response}`"
                    );
                }
            }
        }
    }
}

/// Typographic quote marks and dashes as the quote check folds them, and white space.
fn plain(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '«' | '»' | '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            '–' | '—' | '‑' => '-',
            c => c,
        })
        .collect();
    spaces(&folded)
}

#[test]
fn every_quote_is_marked_on_the_source_page() {
    let page = site().page(&format!("sources/{SOURCE_ID}/index.html"));
    // Each paragraph's text with every character outside a <mark> blanked out, so a quote
    // is marked when it is a run of marked text (overlapping quotes split their marks).
    let marked: Vec<String> = page
        .select("ol.paragraphs > li > p")
        .iter()
        .map(|p| {
            let mut out = String::new();
            for node in p.descendants() {
                if let Some(text) = node.value().as_text() {
                    let in_mark = node
                        .ancestors()
                        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "mark"));
                    if in_mark {
                        out.push_str(text);
                    } else {
                        out.extend(
                            text.chars()
                                .map(|c| if c.is_whitespace() { c } else { '\u{1}' }),
                        );
                    }
                }
            }
            plain(&out)
        })
        .collect();
    let mut quotes = 0;
    for (rel, fm, _) in notes() {
        let Some(sources) = fm.get("sources").and_then(|s| s.as_sequence()) else {
            continue;
        };
        for s in sources {
            let Some(q) = s.get("quote").and_then(|q| q.as_str()) else {
                continue;
            };
            quotes += 1;
            let q = plain(q);
            let q = q.trim_matches('"');
            assert!(
                marked.iter().any(|m| m.contains(q)),
                "the quote «{q}» of content/{rel} is not marked on the source page"
            );
        }
    }
    assert!(
        quotes >= 20,
        "only {quotes} quotes: the dossier lost its quotes"
    );
}

#[test]
fn every_front_matter_quote_is_verbatim_in_its_paragraph() {
    // The build folds dashes and quote marks; a quote must not need that folding.
    let paragraphs: Vec<String> = SOURCE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(spaces)
        .collect();
    for (rel, fm, _) in notes() {
        let Some(sources) = fm.get("sources").and_then(|s| s.as_sequence()) else {
            continue;
        };
        for s in sources {
            let Some(q) = s.get("quote").and_then(|q| q.as_str()) else {
                continue;
            };
            let para = s
                .get("para")
                .and_then(|p| p.as_u64())
                .unwrap_or_else(|| panic!("content/{rel}: «{q}» names no single paragraph"))
                as usize;
            assert!(
                paragraphs[para - 1].contains(&spaces(q)),
                "content/{rel}: «{q}» is not word for word in ¶{para}"
            );
        }
    }
}

#[test]
fn every_russian_phrase_quoted_in_a_note_is_in_the_source() {
    let source = spaces(SOURCE);
    let mut phrases = 0;
    for (rel, _, body) in notes() {
        let mut rest = body.as_str();
        while let Some(start) = rest.find('«') {
            let after = &rest[start + '«'.len_utf8()..];
            // Nested guillemets close at the matching `»`.
            let mut depth = 1;
            let mut end = None;
            for (i, c) in after.char_indices() {
                match c {
                    '«' => depth += 1,
                    '»' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end.unwrap_or_else(|| panic!("content/{rel}: an unclosed «"));
            let phrase = spaces(&after[..end]);
            phrases += 1;
            assert!(
                source.contains(&phrase),
                "content/{rel} quotes «{phrase}», which is not in the source"
            );
            rest = &after[end..];
        }
    }
    assert!(phrases >= 20, "only {phrases} quoted phrases");
}

#[test]
fn every_quote_in_a_note_body_comes_with_a_marked_translation() {
    for (rel, _, body) in notes() {
        for (i, _) in body.match_indices('«') {
            // The quote's translation follows it, marked as one.
            let after = &body[i..];
            let close = after.find('»').unwrap_or(after.len());
            let next: String = after[close..].chars().take(120).collect();
            assert!(
                next.contains("translation"),
                "content/{rel}: the quote at «{}…» has no marked translation after it",
                after.chars().skip(1).take(30).collect::<String>()
            );
        }
    }
}
