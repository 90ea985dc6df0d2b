//! `atom.xml`: an Atom feed of the dated notes, newest first, each with its summary.
//!
//! A note's date is when what it tells happened (or was said), not when the note was written:
//! the feed places each note at the last day of the period its date names (a claim of "late
//! 2022" dated `2022` is placed on 31 December 2022, where the site's lists sort it) and says
//! the date as the note gives it in the entry's summary. Undated notes (most people and
//! organizations) have no place in time and are left out. Links and ids are absolute when
//! `base_url` names a host (feed readers need it); without one, links are from the site's
//! root and ids are `urn:dossier:` and the note's slug.

use super::super::catalog::Catalog;
use super::super::escape;
use super::super::layout::{Arg, Made, file};
use super::super::view::NoteLink;

/// The feed's entries: every published dated note, newest first (ties by title, then slug).
fn entries(cat: &dyn Catalog) -> Vec<(String, &NoteLink)> {
    let mut out: Vec<(String, &NoteLink)> = cat
        .notes()
        .iter()
        .filter_map(|&id| {
            let link = &cat.listed(id).inner;
            let date = link.date.as_ref()?;
            Some((date.value?.last_day(date.part), link))
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then_with(|| a.1.slug.cmp(&b.1.slug))
    });
    out
}

pub(crate) fn atom(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let urls = cat.urls();
    let site = &cat.site().inner;
    let home = urls.absolute(&urls.at(""));
    let absolute = home.contains("://");
    let id_of = |url: &str, slug: &str| {
        if absolute {
            url.to_string()
        } else {
            format!("urn:dossier:{slug}")
        }
    };
    let entries = entries(cat);
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_string(), |e| e.0.clone());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&site.language)
    ));
    out.push_str(&format!("  <title>{}</title>\n", escape(&site.title)));
    if let Some(d) = &site.description {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(d)));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&urls.absolute(&urls.at(&file("atom.xml"))))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home)
    ));
    out.push_str(&format!("  <id>{}</id>\n", escape(&id_of(&home, "site"))));
    out.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(site.author.as_deref().unwrap_or(&site.title))
    ));
    out.push_str("  <generator>dossier</generator>\n");
    for (day, link) in &entries {
        let url = urls.absolute(&link.url);
        let when = link.date.as_ref().map_or("", |d| d.human.as_str());
        let summary = match &link.summary {
            Some(s) => format!("{when}: {s}"),
            None => when.to_string(),
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", escape(&link.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        out.push_str(&format!(
            "    <id>{}</id>\n",
            escape(&id_of(&url, &link.slug))
        ));
        out.push_str(&format!("    <updated>{day}T00:00:00Z</updated>\n"));
        out.push_str(&format!("    <category term=\"{}\"/>\n", link.kind));
        out.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            escape(&summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Made::Bytes(out.into_bytes())
}
