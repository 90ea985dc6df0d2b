//! Every note's resolution turned around: who links to each note ("Referenced by"), which
//! responses answer each claim, what each person or organization claims and answers, and
//! which notes cite each source, with their quotes.
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
