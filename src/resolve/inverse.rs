//! Every note's resolution turned around: who links to each note ("Referenced by"), which
//! responses answer each claim, what each person or organization claims and answers, and
//! what rests on each source a claim names (`via`), which notes cite each source, with their quotes.
//!
//! Input: the published notes' resolutions, in path order. Output: [`Inverse`]; every list
//! in it is in path order of the notes it names.

use super::{Backlink, Context, QuoteMarks, Resolution, SourceCitation};
use crate::id::{IdVec, NoteId, SourceId};
use crate::parse::Paras;

/// The claims a person or organization makes and the responses it gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Made {
    pub claims: Vec<NoteId>,
    pub responses: Vec<NoteId>,
    /// The claims and responses that say they are known through it (`via`).
    pub rests_on_it: Vec<NoteId>,
}

#[derive(Debug, Default)]
pub(crate) struct Inverse {
    pub backlinks: IdVec<NoteId, Vec<Backlink>>,
    pub responses: IdVec<NoteId, Vec<NoteId>>,
    pub made: IdVec<NoteId, Made>,
    pub citations: IdVec<SourceId, Vec<SourceCitation>>,
}

/// Turns the resolutions of the published `notes` (in path order) around.
pub(crate) fn invert(notes: &[(NoteId, &Resolution)]) -> Inverse {
    let mut out = Inverse::default();
    for &(id, _) in notes {
        out.backlinks.set(id, Vec::new());
        out.responses.set(id, Vec::new());
        out.made.set(id, Made::default());
    }
    for &(from, r) in notes {
        for (target, context) in &r.mentions {
            let Some(list) = out.backlinks.get_mut(*target) else {
                continue;
            };
            if list.last().is_none_or(|b| b.from != from) {
                list.push(Backlink {
                    from,
                    contexts: Vec::new(),
                });
            }
            if let Some(entry) = list.last_mut() {
                add_context(entry, context);
            }
        }
        for &d in &r.denies {
            if let Some(list) = out.responses.get_mut(d)
                && !list.contains(&from)
            {
                list.push(from);
            }
        }
        if let Some(made) = r.claimant.and_then(|c| out.made.get_mut(c)) {
            made.claims.push(from);
        }
        if let Some(made) = r.by.and_then(|b| out.made.get_mut(b)) {
            made.responses.push(from);
        }
        for &v in &r.via {
            if let Some(made) = out.made.get_mut(v) {
                made.rests_on_it.push(from);
            }
        }
        for cite in &r.cites {
            if out.citations.get(cite.source).is_none() {
                out.citations.set(cite.source, Vec::new());
            }
            if let Some(list) = out.citations.get_mut(cite.source) {
                add_quote(list, from, cite.paras, cite.quote.clone());
            }
        }
    }
    out
}

/// Adds a context to a backlink: its text once, and no empty text.
fn add_context(entry: &mut Backlink, c: &Context) {
    let t = c.text();
    if !t.is_empty() && !entry.contexts.iter().any(|x| x.text() == t) {
        entry.contexts.push(c.clone());
    }
}

/// A note's citation of paragraphs `paras` in a source's list, and the quote with it: one
/// entry per note and paragraphs, however often the note cites them, each quote once.
fn add_quote(
    list: &mut Vec<SourceCitation>,
    note: NoteId,
    paras: Option<Paras>,
    quote: Option<QuoteMarks>,
) {
    // This note's citations are the last ones in the list: look only at those.
    let mine = list.iter().rev().take_while(|x| x.note == note);
    let at = match mine.clone().position(|x| x.paras == paras) {
        Some(back) => list.len() - 1 - back,
        None => {
            list.push(SourceCitation {
                note,
                paras,
                quotes: Vec::new(),
            });
            list.len() - 1
        }
    };
    if let Some(q) = quote
        && !list[at].quotes.iter().any(|x| x.quote == q.quote)
    {
        list[at].quotes.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::testing::{Dossier, Notes};

    fn inverse(d: &Dossier) -> Inverse {
        let all = d.resolve_all();
        for (_, r) in &all {
            assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        }
        let refs: Vec<(NoteId, &Resolution)> = all.iter().map(|(id, r)| (*id, r)).collect();
        invert(&refs)
    }

    fn contexts(b: &Backlink) -> Vec<&str> {
        b.contexts.iter().map(Context::text).collect()
    }

    #[test]
    fn backlinks_come_in_path_order_each_context_once() {
        let d = Notes::default()
            .note("t.md", "title: Target\nkind: note\n", "Myself: [[t]].")
            .note(
                "b.md",
                "title: B\nkind: note\n",
                "See [[t]].\n\nSee [[t]].\n\nOr [[t|it]].",
            )
            .note(
                "a.md",
                "title: A\nkind: note\n",
                "Also [[t]] and [[target]].",
            )
            .note(
                "c.md",
                "title: C\nkind: note\ndraft: true\n",
                "A draft on [[t]].",
            )
            .build();
        let inv = inverse(&d);
        let back = &inv.backlinks[d.id("t.md")];
        let from: Vec<NoteId> = back.iter().map(|b| b.from).collect();
        assert_eq!(from, [d.id("a.md"), d.id("b.md")]);
        assert_eq!(contexts(&back[0]), ["Also Target and target."]);
        assert_eq!(contexts(&back[1]), ["See Target.", "Or it."]);
        assert!(inv.backlinks[d.id("a.md")].is_empty());
        assert!(inv.backlinks.get(d.id("c.md")).is_none());
    }

    fn debate() -> Dossier {
        Notes::default()
            .note("people/musk.md", "title: Elon Musk\nkind: person\n", "")
            .note(
                "orgs/kremlin.md",
                "title: The Kremlin\nkind: organization\n",
                "",
            )
            .note(
                "claims/c1.md",
                "title: One\nkind: claim\nclaimant: musk\nsubjects: [kremlin]\n",
                "",
            )
            .note(
                "claims/c2.md",
                "title: Two\nkind: claim\nclaimant: musk\n",
                "",
            )
            .note(
                "responses/d1.md",
                "title: Kremlin denies\nkind: denial\nby: kremlin\ndenies: [c2, c1]\n",
                "",
            )
            .note(
                "responses/d2.md",
                "title: Musk answers\nkind: denial\nby: musk\ndenies: [c1, One]\n",
                "",
            )
            .build()
    }

    #[test]
    fn each_claim_gets_its_responses_in_path_order() {
        let d = debate();
        let inv = inverse(&d);
        let (d1, d2) = (d.id("responses/d1.md"), d.id("responses/d2.md"));
        assert_eq!(inv.responses[d.id("claims/c1.md")], [d1, d2]);
        assert_eq!(inv.responses[d.id("claims/c2.md")], [d1]);
        assert!(inv.responses[d.id("people/musk.md")].is_empty());
    }

    #[test]
    fn each_person_gets_the_claims_made_and_responses_given() {
        let d = debate();
        let inv = inverse(&d);
        assert_eq!(
            inv.made[d.id("people/musk.md")],
            Made {
                claims: vec![d.id("claims/c1.md"), d.id("claims/c2.md")],
                responses: vec![d.id("responses/d2.md")],
                rests_on_it: vec![],
            }
        );
        assert_eq!(
            inv.made[d.id("orgs/kremlin.md")],
            Made {
                claims: vec![],
                responses: vec![d.id("responses/d1.md")],
                rests_on_it: vec![],
            }
        );
    }

    #[test]
    fn a_source_named_in_via_gets_what_rests_on_it() {
        let d = Notes::default()
            .note("people/musk.md", "title: Elon Musk\nkind: person\n", "")
            .note("orgs/wsj.md", "title: WSJ\nkind: organization\n", "")
            .note(
                "unnamed/officer.md",
                "title: A former officer\nkind: unnamed\n",
                "",
            )
            .note(
                "claims/c1.md",
                "title: One\nkind: claim\nclaimant: wsj\nvia: [officer]\n",
                "",
            )
            .note(
                "claims/c2.md",
                "title: Two\nkind: claim\nclaimant: wsj\nvia: [officer, musk]\n",
                "",
            )
            .note(
                "responses/d1.md",
                "title: Reply\nkind: denial\nby: musk\ndenies: [c1]\nvia: [officer]\n",
                "",
            )
            .build();
        let inv = inverse(&d);
        let (c1, c2, d1) = (
            d.id("claims/c1.md"),
            d.id("claims/c2.md"),
            d.id("responses/d1.md"),
        );
        assert_eq!(
            inv.made[d.id("unnamed/officer.md")].rests_on_it,
            [c1, c2, d1]
        );
        assert_eq!(inv.made[d.id("people/musk.md")].rests_on_it, [c2]);
        assert!(inv.made[d.id("orgs/wsj.md")].rests_on_it.is_empty());
        let back = &inv.backlinks[d.id("unnamed/officer.md")];
        assert_eq!(contexts(&back[0]), ["rests_on"]);
    }

    #[test]
    fn roles_are_backlinks_too() {
        let d = debate();
        let inv = inverse(&d);
        let kremlin = &inv.backlinks[d.id("orgs/kremlin.md")];
        let got: Vec<(NoteId, Vec<&str>)> = kremlin.iter().map(|b| (b.from, contexts(b))).collect();
        assert_eq!(
            got,
            [
                (d.id("claims/c1.md"), vec!["subject"]),
                (d.id("responses/d1.md"), vec!["respondent"]),
            ]
        );
    }

    #[test]
    fn a_sources_citations_are_grouped_per_note_and_paragraphs_with_each_quote_once() {
        let q = "only one telephone conversation";
        let d = Notes::default()
            .source(
                "wsj",
                "Musk spoke to Putin.\nPeskov said there was only one telephone conversation.\n",
                Some("title: WSJ\n"),
            )
            .note(
                "a.md",
                &format!(
                    "title: A\nkind: note\nsources:\n  - {{source: wsj, para: 2, quote: {q}}}\n"
                ),
                &format!("«{q}» [@wsj, ¶2]. Again [@wsj, ¶2]. And [@wsj, ¶1]."),
            )
            .note(
                "b.md",
                "title: B\nkind: note\n",
                "See [@wsj, ¶2] and [@wsj].",
            )
            .build();
        let inv = inverse(&d);
        let (wsj, text) = d.source_named("wsj");
        let got: Vec<(NoteId, Option<String>, Vec<&str>)> = inv.citations[wsj]
            .iter()
            .map(|c| {
                let quotes = c
                    .quotes
                    .iter()
                    .map(|q| {
                        assert_eq!(q.marks.len(), 1);
                        &text[q.marks[0].clone()]
                    })
                    .collect();
                (c.note, c.paras.map(|p| p.label()), quotes)
            })
            .collect();
        let (a, b) = (d.id("a.md"), d.id("b.md"));
        assert_eq!(
            got,
            [
                (a, Some("¶2".into()), vec![q]),
                (a, Some("¶1".into()), vec![]),
                (b, Some("¶2".into()), vec![]),
                (b, None, vec![]),
            ]
        );
    }
}
