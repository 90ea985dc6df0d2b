//! What a page may read of the dossier: the [`Catalog`], and nothing else.
//!
//! Views are made from the catalog's answers alone. The engine ([`crate::engine`]) answers
//! and records every question a page asks while it is made (which notes, which of their
//! parts: how lists show them, their body, their references, their roles, their backlinks…),
//! and makes the page again only when one of those answers changed. A new page reads what it
//! needs through these methods, and the record follows; nothing here can be read unrecorded (but a tag's id by its slug,
//! which is given once and never changes).

use super::layout::Urls;
use super::search::Published;
use super::view::{Listed, Shared, SiteView, TagLink};
use crate::id::{NoteId, SourceId, TagId};
use crate::parse::{Kind, Note, Paras, Source};
use crate::resolve::inverse::Made;
use crate::resolve::{Backlink, RefEntry, Resolution, Roles, SourceCitation};

/// A tag: its link as pages show it, and its notes by title.
#[derive(Debug, PartialEq)]
pub(crate) struct Tag {
    pub slug: String,
    pub link: Shared<TagLink>,
    pub members: Vec<NoteId>,
}

/// A source as references to it show it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceRef {
    pub id: String,
    pub title: String,
    /// Who published the archived text, and whom it relays: "Meduza, relaying The Wall
    /// Street Journal"; the title when the sidecar names no publisher.
    pub label: String,
    /// Who published it, alone ("Meduza"): for the paragraphs that relay no one.
    pub own: String,
    /// The sidecar's `publisher`, when it names one.
    pub publisher: Option<String>,
    /// The outlet it relays (`via`), and the paragraphs that do (`via_paras`; `None`: all).
    pub relay: Option<String>,
    /// The published note the relayed outlet is named by (its slug, alias or title).
    pub relay_note: Option<NoteId>,
    pub relay_paras: Option<Vec<Paras>>,
    pub url: String,
    pub language: Option<String>,
}

/// The dossier as pages see it. Every method is a recorded read, but `tag_id`, whose answer
/// never changes.
pub(crate) trait Catalog {
    /// The interface's words, in the dossier's language.
    fn interface(&self) -> &crate::i18n::Interface;
    fn urls(&self) -> &Urls;
    /// What every page shows of the site (title, the kinds and their counts…).
    fn site(&self) -> &Shared<SiteView>;

    /// Every published note, in path order.
    fn notes(&self) -> &[NoteId];
    /// How lists and links show a published note: slug, title, URL, kind, date, summary.
    fn listed(&self, id: NoteId) -> &Listed;
    /// A published note's slug, the path of its page (which a change of its title leaves as
    /// it is).
    fn slug(&self, id: NoteId) -> &str;
    /// The note as written, whole: for its own page.
    fn note(&self, id: NoteId) -> &Note;
    /// The text of the note's file.
    fn note_text(&self, id: NoteId) -> &str;
    /// What the note resolved to, whole: for its own page.
    fn resolution(&self, id: NoteId) -> &Resolution;
    /// The note's numbered references.
    fn references(&self, id: NoteId) -> &[RefEntry];
    /// What a claim's or a response's front matter cites as its evidence: entries of its
    /// references, each with its place among them.
    fn evidence(&self, id: NoteId) -> Vec<(usize, &RefEntry)>;
    /// Who makes or answers what: claimant, subjects, status, respondent, stance.
    fn roles(&self, id: NoteId) -> &Roles;
    /// The notes that point at this one.
    fn backlinks(&self, id: NoteId) -> &[Backlink];
    /// For a claim, the responses that answer it.
    fn responses(&self, id: NoteId) -> &[NoteId];
    /// For a person or organization, the claims it makes and the responses it gives.
    fn made(&self, id: NoteId) -> &Made;

    /// The published notes of a kind, as its listing orders them.
    fn kind(&self, kind: Kind) -> &[NoteId];
    /// Every tag, by slug.
    fn tags(&self) -> &[TagId];
    /// The tag with this slug, if the site has it.
    fn tag_id(&self, slug: &str) -> Option<TagId>;
    fn tag(&self, id: TagId) -> Option<&Tag>;

    /// Every source that could be read, in path order.
    fn sources(&self) -> &[SourceId];
    fn source(&self, id: SourceId) -> &Source;
    fn source_ref(&self, id: SourceId) -> &SourceRef;
    fn source_text(&self, id: SourceId) -> &str;
    /// The notes that cite a source, in path order, with what they cite and quote.
    fn citations(&self, id: SourceId) -> &[SourceCitation];

    /// The files of the site's search index (which there are).
    fn search(&self) -> &Published;
    /// One file of the search index by name (`index`, `t-d0bf`, `d0`), read alone: a page
    /// that reads it is made again only when that file changes.
    fn search_file(&self, name: &str) -> &[u8];
}

impl SourceRef {
    /// Whether every paragraph of `paras` relays the outlet the source names in `via`.
    pub(crate) fn relays(&self, paras: Option<Paras>) -> bool {
        match (&self.relay, &self.relay_paras, paras) {
            (None, _, _) => false,
            (Some(_), None, _) => true,
            (Some(_), Some(_), None) => false,
            (Some(_), Some(ranges), Some(p)) => {
                (p.first..=p.last).all(|k| ranges.iter().any(|r| r.first <= k && k <= r.last))
            }
        }
    }

    /// How a reference to `paras` of the source names it: as a relay where they relay.
    pub(crate) fn label_for(&self, paras: Option<Paras>) -> &str {
        if self.relays(paras) {
            &self.label
        } else {
            &self.own
        }
    }

    /// How references name a source: by its publisher, and as a relay of the outlet it
    /// relays (`via`); by its title when the sidecar names no publisher.
    pub(crate) fn label(
        title: &str,
        publisher: Option<&str>,
        via: Option<&str>,
        words: &crate::i18n::Interface,
    ) -> String {
        match (publisher, via) {
            (Some(p), Some(v)) => {
                words.fmt("source.relay_label", &[("publisher", &p), ("via", &v)])
            }
            (Some(p), None) => p.to_string(),
            (None, _) => title.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SourceRef;
    use crate::parse::Paras;

    #[test]
    fn a_source_is_named_by_its_publisher_and_what_it_relays() {
        let title = "The Wall Street Journal: a headline";
        let en = crate::i18n::Interface::built_in_english();
        assert_eq!(
            SourceRef::label(title, Some("Meduza"), Some("The Wall Street Journal"), &en),
            "Meduza, relaying The Wall Street Journal"
        );
        let ru = crate::i18n::Interface::built_in("ru");
        assert_eq!(
            SourceRef::label(title, Some("Meduza"), Some("The Wall Street Journal"), &ru),
            "Meduza со ссылкой на The Wall Street Journal"
        );
        assert_eq!(SourceRef::label(title, Some("Meduza"), None, &en), "Meduza");
        assert_eq!(SourceRef::label(title, None, Some("WSJ"), &en), title);
    }

    #[test]
    fn only_the_paragraphs_that_relay_are_labelled_as_a_relay() {
        let p = |first, last| Some(Paras { first, last });
        let mut s = SourceRef {
            id: "s".into(),
            title: "T".into(),
            label: "Meduza, relaying WSJ".into(),
            own: "Meduza".into(),
            publisher: Some("Meduza".into()),
            relay: Some("WSJ".into()),
            relay_note: None,
            relay_paras: Some(vec![
                Paras { first: 3, last: 5 },
                Paras { first: 6, last: 6 },
            ]),
            url: "/sources/s/".into(),
            language: None,
        };
        assert_eq!(s.label_for(p(3, 3)), "Meduza, relaying WSJ");
        assert_eq!(s.label_for(p(4, 6)), "Meduza, relaying WSJ");
        assert_eq!(s.label_for(p(6, 7)), "Meduza");
        assert_eq!(s.label_for(p(12, 12)), "Meduza");
        assert_eq!(s.label_for(None), "Meduza");
        s.relay_paras = None;
        assert_eq!(s.label_for(p(12, 12)), "Meduza, relaying WSJ");
        assert_eq!(s.label_for(None), "Meduza, relaying WSJ");
        s.relay = None;
        assert_eq!(s.label_for(p(3, 3)), "Meduza");
    }
}
