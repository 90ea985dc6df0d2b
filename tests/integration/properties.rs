//! Properties that hold for any dossier, checked on small ones proptest makes: notes of any
//! kind whose bodies mix words (any script), links to notes that exist or not, citations of
//! paragraphs that exist or not, and stray brackets; one source.
//!
//! - A build succeeds, or says at least one error, and every span it reports is a real
//!   range of a real file (`dossier::fuzzing::check_build`).
//! - A rebuild that keeps what it can (as `serve` does) after an edit gives the same pages
//!   and the same diagnostics as a fresh build of the edited dossier.

use std::path::Path;

use dossier::{BuildOptions, Engine};
use proptest::prelude::*;

use crate::reuse::build_with;
use crate::support::Dossier;

const SLUGS: [&str; 5] = ["alpha", "beta", "gamma", "delta", "кремль"];

#[derive(Debug, Clone)]
struct NoteSpec {
    kind: &'static str,
    title: String,
    body: String,
    claimant: usize,
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zа-яА-ЯёЁ]{1,8}",
        (0usize..6).prop_map(|k| format!("[[{}]]", SLUGS.get(k).copied().unwrap_or("nowhere"))),
        (0usize..6).prop_map(|p| format!("[@src, ¶{p}]")),
        Just("[@nosuch, ¶1]".to_string()),
        Just("«цитата»".to_string()),
        Just("[[".to_string()),
        Just("]]".to_string()),
        Just("\n\n".to_string()),
        Just("## Heading".to_string()),
        "\\PC{0,6}",
    ]
}

fn note() -> impl Strategy<Value = NoteSpec> {
    (
        prop_oneof![
            Just("person"),
            Just("organization"),
            Just("claim"),
            Just("event"),
            Just("note")
        ],
        "[A-Za-zА-Яа-я ]{1,12}",
        proptest::collection::vec(token(), 0..24),
        0usize..6,
    )
        .prop_map(|(kind, title, tokens, claimant)| NoteSpec {
            kind,
            title,
            body: tokens.join(" "),
            claimant,
        })
}

fn note_text(n: &NoteSpec) -> String {
    let extra = if n.kind == "claim" {
        format!(
            "claimant: {}\n",
            SLUGS.get(n.claimant).copied().unwrap_or("nobody")
        )
    } else {
        String::new()
    };
    format!(
        "---\ntitle: {}\nkind: {}\n{extra}---\n\n{}\n",
        serde_json::to_string(&n.title).unwrap(),
        n.kind,
        n.body
    )
}

fn write(root: &Path, notes: &[NoteSpec]) {
    let content = root.join("content");
    let _ = std::fs::remove_dir_all(&content);
    std::fs::create_dir_all(&content).unwrap();
    for (i, n) in notes.iter().enumerate() {
        std::fs::write(content.join(format!("{}.md", SLUGS[i])), note_text(n)).unwrap();
    }
}

fn dossier() -> Dossier {
    Dossier::empty()
        .write("dossier.yaml", "title: Properties\nlanguage: ru\n")
        .write(
            "seeds/src.txt",
            "Первый абзац, «цитата».\n\nSecond paragraph.\n\nТретий абзац.\n",
        )
        .write(
            "seeds/src.yaml",
            "id: src\ntitle: A source\npublisher: Someone\n",
        )
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_build_succeeds_or_says_an_error_at_a_real_place(notes in proptest::collection::vec(note(), 1..5)) {
        let d = dossier();
        write(d.path(), &notes);
        let r = dossier::build(&options(d.path())).unwrap();
        dossier::fuzzing::check_build(&r);
    }

    #[test]
    fn a_rebuild_after_an_edit_equals_a_fresh_build(
        before in proptest::collection::vec(note(), 1..5),
        after in proptest::collection::vec(note(), 1..5),
    ) {
        let d = dossier();
        write(d.path(), &before);
        let opts = options(d.path());
        let mut kept = Engine::keeping();
        build_with(&mut kept, &opts);
        write(d.path(), &after);
        let again = build_with(&mut kept, &opts);
        let fresh = build_with(&mut Engine::keeping(), &opts);
        prop_assert_eq!(&again.diags, &fresh.diags);
        prop_assert_eq!(again.pages, fresh.pages);
    }
}
