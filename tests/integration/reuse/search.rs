//! The search index's files ([`Lab::indexes`]): made again when a document's words or how
//! results show it changed, and only then; each step is checked against a fresh build first,
//! so the kept index is byte for byte the one a full build makes. The basic fixture's index
//! is one shard (`t.json`, every word) and one chunk (`d0.json`, every document).

use super::Lab;
use super::basic::{CLERK, DRAFT, TEXT};

#[test]
fn the_index_changes_with_words_and_results_only() {
    let mut lab = Lab::new("basic");

    let p = lab.edit(CLERK, "Reported the vote", "Reported the vote\n\n");
    lab.good("a blank line", &[p]).indexes(&[]);
    let p = lab.edit(CLERK, "Reported the vote", "Reported the vote, the vote");
    lab.good("a word the note already has", &[p]).indexes(&[]);
    let p = lab.edit(CLERK, "Reported the vote", "Reported the tally");
    lab.good("a new word", &[p]).indexes(&["/search/t.json"]);
    let p = lab.edit(CLERK, "tally", "vote");
    lab.good("the word taken out again", &[p])
        .indexes(&["/search/t.json"]);

    // What a result shows: the title and the summary are in the chunk, their words in the
    // shard.
    let p = lab.edit(
        CLERK,
        "kind: person\n",
        "kind: person\nsummary: Counts the votes.\n",
    );
    lab.good("a summary", &[p])
        .indexes(&["/search/d0.json", "/search/t.json"]);
    let p = lab.edit(CLERK, "title: The clerk", "title: The town clerk");
    lab.good("a title", &[p])
        .indexes(&["/search/d0.json", "/search/t.json"]);

    // A new document: numbered, counted in the manifest.
    let p = lab.write(
        "content/people/treasurer.md",
        "---\ntitle: The treasurer\nkind: person\n---\n\nKept the ledger [@report, ¶2].\n",
    );
    lab.good("a note added", &[p]).indexes(&[
        "/search/d0.json",
        "/search/index.json",
        "/search/t.json",
    ]);
    let p = lab.remove("content/people/treasurer.md");
    lab.good("the note removed", &[p]).indexes(&[
        "/search/d0.json",
        "/search/index.json",
        "/search/t.json",
    ]);

    // A draft is not searchable until it is published.
    let p = lab.edit(DRAFT, "draft: true", "draft: false");
    lab.good("a draft published", &[p]).indexes(&[
        "/search/d0.json",
        "/search/index.json",
        "/search/t.json",
    ]);

    // A source's words.
    let text = lab.read(TEXT);
    let p = lab.write(TEXT, &format!("{text}\nA postscript about zeppelins.\n"));
    lab.good("a paragraph added to the source", &[p])
        .indexes(&["/search/t.json"]);
}
