//! Links between notes: where each body link and front-matter reference goes, what a bare
//! link shows, and how a note mentions others (for their "Referenced by").

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{Context, LinkTarget, Lookup, Resolution, Role, World, published};
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::FileId;
use crate::id::{Id as _, NoteId};
use crate::parse::markdown::{LINK_CLOSE, LINK_OPEN, without_link_marks};
use crate::parse::{Kind, LinkKind, Note, Reference};

/// Where each of the note's body links goes, in order; `None` where it goes nowhere.
pub(crate) fn targets(
    id: NoteId,
    note: &Note,
    world: &dyn World,
    diags: &mut Diagnostics,
) -> Vec<Option<LinkTarget>> {
    let file = note.file;
    let mut out = Vec::with_capacity(note.links.len());
    for link in &note.links {
        let target = match link.kind {
            LinkKind::Wiki if link.target.is_empty() => Some(id),
            LinkKind::Wiki => target(world, file, &link.target, &link.span, "link", diags),
            LinkKind::RelativeFile => file_target(world, note, &link.target, &link.span, diags),
        };
        let Some(target) = target else {
            out.push(None);
            continue;
        };
        let t = world.facts(target);
        let anchor = link.fragment.as_ref().and_then(|f| {
            let slugged = crate::slug::slugify(f);
            let found = t
                .headings
                .iter()
                .find(|h| h.anchor == *f || h.anchor == slugged || h.text.eq_ignore_ascii_case(f));
            if found.is_none() {
                let names: Vec<&str> = t.headings.iter().map(|h| h.text.as_str()).collect();
                diags.push(
                    Diagnostic::error(
                        "heading-unresolved",
                        format!("`{}` has no heading `{f}`", t.title),
                        Location::Span(file, link.span.clone()),
                    )
                    .with_help_opt(
                        did_you_mean(f, names.iter().copied()).or_else(|| {
                            Some(if names.is_empty() {
                                "that note has no headings; link to the note alone".into()
                            } else {
                                format!("its headings are {}", crate::yaml::list(&names))
                            })
                        }),
                    ),
                );
            }
            found
        });
        let display = (!link.labelled)
            .then(|| {
                let base = if link.target.is_empty() {
                    String::new()
                } else if link.target.eq_ignore_ascii_case(&t.slug) {
                    t.title.clone()
                } else {
                    link.target.clone()
                };
                match (anchor, base.is_empty()) {
                    (Some(h), true) => h.text.clone(),
                    (Some(h), false) => format!("{base} › {}", h.text),
                    (None, _) => base,
                }
            })
            .filter(|d| !d.is_empty() && *d != link.written());
        out.push(Some(LinkTarget {
            note: target,
            anchor: anchor.map(|h| h.anchor.clone()),
            display,
        }));
    }
    out
}

/// The notes a claim's or a response's front matter names.
#[derive(Debug, Default)]
pub(crate) struct References {
    pub claimant: Option<NoteId>,
    pub subjects: Vec<NoteId>,
    pub by: Option<NoteId>,
    pub denies: Vec<NoteId>,
    pub via: Vec<NoteId>,
    pub stance_for: Vec<(NoteId, crate::parse::Stance)>,
}

pub(crate) fn references(note: &Note, world: &dyn World, diags: &mut Diagnostics) -> References {
    let file = note.file;
    let mut out = References::default();
    if let Some(c) = &note.meta.claim {
        out.claimant = c
            .claimant
            .as_ref()
            .and_then(|r| target(world, file, &r.target, &r.span, "claimant", diags));
        out.subjects = c
            .subjects
            .iter()
            .filter_map(|r| target(world, file, &r.target, &r.span, "subject", diags))
            .collect();
        out.via = via(&c.via, "claim", file, world, diags);
    }
    if let Some(d) = &note.meta.denial {
        out.by =
            d.by.as_ref()
                .and_then(|r| target(world, file, &r.target, &r.span, "`by`", diags));
        for r in &d.denies {
            let Some(t) = target(world, file, &r.target, &r.span, "denied claim", diags) else {
                continue;
            };
            let facts = world.facts(t);
            if facts.kind == Kind::Claim {
                out.denies.push(t);
            } else {
                diags.push(
                    Diagnostic::error(
                        "denial-not-claim",
                        format!(
                            "`{}` is a {}, not a claim: only claims can be denied",
                            facts.title,
                            facts.kind.name()
                        ),
                        Location::Span(file, r.span.clone()),
                    )
                    .with_help("list in `denies` the claim notes this response answers"),
                );
            }
        }
        out.via = via(&d.via, "response", file, world, diags);
        for (r, stance) in &d.stance_for {
            let Some(t) = target(world, file, &r.target, &r.span, "claim", diags) else {
                continue;
            };
            if out.denies.contains(&t) {
                out.stance_for.push((t, *stance));
            } else {
                diags.push(
                    Diagnostic::error(
                        "denial-stance",
                        format!(
                            "`stance_for` names `{}`, a claim this response does not answer",
                            world.facts(t).title
                        ),
                        Location::Span(file, r.span.clone()),
                    )
                    .with_help("list the claim in `denies` too, or take it out of `stance_for`"),
                );
            }
        }
    }
    out
}

/// The notes `via` names: each must be a person, an organization or an unnamed source.
fn via(
    refs: &[Reference],
    what: &str,
    file: FileId,
    world: &dyn World,
    diags: &mut Diagnostics,
) -> Vec<NoteId> {
    let mut out = Vec::new();
    for r in refs {
        let Some(t) = target(world, file, &r.target, &r.span, "`via` source", diags) else {
            continue;
        };
        let facts = world.facts(t);
        if !facts.kind.can_be_a_source() {
            diags.push(
                Diagnostic::error(
                    "via-not-source",
                    format!(
                        "`{}` is {} {}: `via` names through whom the {what} is known",
                        facts.title,
                        if facts.kind.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        facts.kind.name()
                    ),
                    Location::Span(file, r.span.clone()),
                )
                .with_help(
                    "name a person, an organization or an unnamed source (a note with `kind: unnamed`, titled as the reporting describes it)",
                ),
            );
        } else if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Resolves a written target to a published note, or reports why it cannot.
fn target(
    world: &dyn World,
    file: FileId,
    target: &str,
    span: &Range<usize>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<NoteId> {
    match world.lookup(target) {
        Lookup::Found(id) => published_or_report(world, id, file, span, diags),
        // Notes that share a slug each carry `slug-duplicate`, which names them all: the
        // link is not reported again (it resolves once one of them takes another slug).
        Lookup::Ambiguous(many) if shared_slug(world, &many) => None,
        Lookup::Ambiguous(many) => {
            let names: Vec<String> = many
                .iter()
                .map(|&i| {
                    let f = world.facts(i);
                    format!("`{}` ({})", f.slug, f.rel.display())
                })
                .collect();
            let first = many.first().map(|&i| world.facts(i).slug.clone());
            diags.push(
                Diagnostic::error(
                    "link-ambiguous",
                    format!(
                        "the {what} `{target}` names {} notes: {}",
                        many.len(),
                        names.join(", ")
                    ),
                    Location::Span(file, span.clone()),
                )
                .with_help(format!(
                    "link by slug, which is unique, such as `[[{}]]`",
                    first.unwrap_or_default()
                )),
            );
            None
        }
        Lookup::Missing if world.may_name_unreadable(target) => None,
        Lookup::Missing => {
            let kind = match what {
                "denied claim" => "claim",
                "claimant" | "`by`" => "person",
                "`via` source" => "unnamed",
                _ => "note",
            };
            diags.push(
                Diagnostic::error(
                    "link-unresolved",
                    format!("the {what} `{target}` matches no note"),
                    Location::Span(file, span.clone()),
                )
                .with_help_opt(did_you_mean(target, world.names()).or_else(|| {
                    // A page of the site itself.
                    let segment = target.trim_matches('/');
                    if let Some(page) = world.site_page(segment) {
                        return Some(format!(
                            "`{segment}` is a page of the site, not a note: link to it from the site's root with a Markdown link, `[the page](/{page})`"
                        ));
                    }
                    Some(if kind == "unnamed" {
                        format!(
                            "an unnamed source gets a note of its own, titled as the reporting describes it (`dossier new unnamed \"{target}\"`); or name an existing note by its slug, alias or title"
                        )
                    } else {
                        format!(
                            "create the note, or link to an existing one by its slug, alias or title (`dossier new {kind} \"{target}\"`)"
                        )
                    })
                })),
            );
            None
        }
    }
}

/// Whether the notes all have one slug.
fn shared_slug(world: &dyn World, notes: &[NoteId]) -> bool {
    let mut slugs = notes.iter().map(|&n| world.facts(n).slug.as_str());
    let first = slugs.next();
    slugs.all(|s| Some(s) == first)
}

fn published_or_report(
    world: &dyn World,
    id: NoteId,
    file: FileId,
    span: &Range<usize>,
    diags: &mut Diagnostics,
) -> Option<NoteId> {
    if published(world, id) {
        return Some(id);
    }
    diags.push(
        Diagnostic::error(
            "link-to-draft",
            format!(
                "`{}` is a draft, and this published note links to it",
                world.facts(id).title
            ),
            Location::Span(file, span.clone()),
        )
        .with_help(
            "publish it (remove `draft: true`), remove the link, or build with `--drafts` to preview",
        ),
    );
    None
}

/// `[label](../people/x.md)`: the note at that path, relative to the linking note.
fn file_target(
    world: &dyn World,
    from: &Note,
    target: &str,
    span: &Range<usize>,
    diags: &mut Diagnostics,
) -> Option<NoteId> {
    // Resolved from the dossier's root, so `../content/people/x.md` from a note at the top
    // of `content/` finds `people/x.md` as an editor would.
    let base = Path::new("content").join(from.rel.parent().unwrap_or(Path::new("")));
    let wanted = normalize(&base.join(target))
        .and_then(|p| p.strip_prefix("content").ok().map(Path::to_path_buf));
    match wanted.as_deref().and_then(|w| world.at_path(w)) {
        Some(id) => published_or_report(world, id, from.file, span, diags),
        None if wanted
            .as_deref()
            .is_some_and(|w| world.is_unreadable_path(w)) =>
        {
            None
        }
        None => {
            diags.push(
                Diagnostic::error(
                    "link-unresolved",
                    format!("the link to `{target}` matches no note in `content/`"),
                    Location::Span(from.file, span.clone()),
                )
                .with_help(
                    "the path is relative to this note's folder; or use a wikilink such as `[[slug]]`",
                ),
            );
            None
        }
    }
}

/// `a/b/../c.md` -> `a/c.md`; `None` when it climbs out of `content/`.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The notes note `id` mentions, and how, in order: its links (each with the text of its
/// block as a backlink shows it), then the notes its front matter names; never itself.
pub(crate) fn mentions(id: NoteId, note: &Note, r: &Resolution) -> Vec<(NoteId, Context)> {
    let shown = shown_blocks(id, note, &r.link_targets);
    let links = note
        .links
        .iter()
        .zip(&r.link_targets)
        .filter_map(|(link, t)| {
            let text = shown.get(link.block.index())?.clone()?;
            Some((t.as_ref()?.note, Context::Block(text)))
        });
    let roles = r
        .claimant
        .map(|c| (c, Context::Role(Role::Claimant)))
        .into_iter()
        .chain(
            r.subjects
                .iter()
                .map(|&s| (s, Context::Role(Role::Subject))),
        )
        .chain(r.by.map(|b| (b, Context::Role(Role::Respondent))))
        .chain(r.denies.iter().map(|&d| (d, Context::Role(Role::Answers))))
        .chain(r.via.iter().map(|&v| (v, Context::Role(Role::RestsOn))));
    links.chain(roles).filter(|(t, _)| *t != id).collect()
}

/// The blocks of note `id` that link to another note, as a backlink shows them: with each
/// bare link replaced by what the page shows for it (the target's title), marks removed.
fn shown_blocks(id: NoteId, note: &Note, targets: &[Option<LinkTarget>]) -> Vec<Option<Arc<str>>> {
    let mut shown: Vec<Option<Arc<str>>> = vec![None; note.contexts.len()];
    for (link, t) in note.links.iter().zip(targets) {
        let Some(t) = t else { continue };
        let b = link.block.index();
        if t.note == id || shown.get(b).is_none_or(Option::is_some) {
            continue;
        }
        let mut context = note.contexts[b].clone();
        for (other, t) in note.links.iter().zip(targets) {
            if other.block != link.block {
                continue;
            }
            if let Some(LinkTarget {
                display: Some(d), ..
            }) = t
            {
                let marked = format!("{LINK_OPEN}{}{LINK_CLOSE}", other.written());
                context = context.replacen(&marked, d, 1);
            }
        }
        shown[b] = Some(without_link_marks(&context).into());
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::testing::{Dossier, Notes, codes};

    const MUSK: &str = "people/elon-musk.md";
    const KREMLIN: &str = "orgs/kremlin.md";
    const NOTE: &str = "notes/n.md";

    /// A person with an alias and two headings, an organization, and note `NOTE` with `body`.
    fn with_body(body: &str) -> Dossier {
        Notes::default()
            .note(
                MUSK,
                "title: Elon Musk\nkind: person\naliases: [Musk]\n",
                "## Early life\n\nBorn.\n\n## Business {#work}\n\nCars.",
            )
            .note(
                KREMLIN,
                "title: The Kremlin\nkind: organization\n",
                "Moscow.",
            )
            .note(NOTE, "title: A note\nkind: note\n", body)
            .build()
    }

    /// The single link of note `NOTE`, resolved.
    fn only_target(d: &Dossier) -> Option<LinkTarget> {
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets.len(), 1, "{:?}", d.note(NOTE).links);
        r.link_targets[0].clone()
    }

    fn resolves_cleanly(d: &Dossier) -> Option<LinkTarget> {
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        only_target(d)
    }

    #[test]
    fn normalize_stays_inside_content() {
        assert_eq!(
            normalize(Path::new("a/../b/c.md")),
            Some(PathBuf::from("b/c.md"))
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
    }

    #[test]
    fn a_wikilink_resolves_by_slug_and_shows_the_title() {
        let d = with_body("See [[elon-musk]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.note, d.id(MUSK));
        assert_eq!(t.anchor, None);
        assert_eq!(t.display.as_deref(), Some("Elon Musk"));
    }

    #[test]
    fn a_wikilink_resolves_by_alias_in_any_case_and_keeps_what_was_written() {
        let d = with_body("See [[MUSK]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.note, d.id(MUSK));
        assert_eq!(t.display, None);
    }

    #[test]
    fn a_wikilink_resolves_by_title_in_any_case() {
        let d = with_body("See [[the KREMLIN]].");
        assert_eq!(resolves_cleanly(&d).unwrap().note, d.id(KREMLIN));
    }

    #[test]
    fn a_wikilink_resolves_by_the_slug_form_of_what_it_says() {
        // `Elon Musk` is not this note's title or alias; its slug form is its slug.
        let d = Notes::default()
            .note(MUSK, "title: Elon Reeve Musk\nkind: person\n", "")
            .note(NOTE, "title: A note\nkind: note\n", "See [[Elon Musk]].")
            .build();
        assert_eq!(resolves_cleanly(&d).unwrap().note, d.id(MUSK));
    }

    #[test]
    fn a_wikilink_resolves_by_file_name() {
        let d = Notes::default()
            .note(
                "people/em.md",
                "title: Elon Musk\nkind: person\nslug: elon\n",
                "",
            )
            .note(NOTE, "title: A note\nkind: note\n", "See [[em]].")
            .build();
        assert_eq!(resolves_cleanly(&d).unwrap().note, d.id("people/em.md"));
    }

    #[test]
    fn a_link_to_a_heading_gets_its_anchor_and_shows_title_and_heading() {
        let d = with_body("See [[elon-musk#Early life]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.note, d.id(MUSK));
        assert_eq!(t.anchor.as_deref(), Some("early-life"));
        assert_eq!(t.display.as_deref(), Some("Elon Musk › Early life"));
    }

    #[test]
    fn a_heading_is_found_by_its_own_anchor() {
        let d = with_body("See [[elon-musk#work]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.anchor.as_deref(), Some("work"));
        assert_eq!(t.display.as_deref(), Some("Elon Musk › Business"));
    }

    #[test]
    fn a_link_to_a_heading_of_its_own_note_shows_the_heading() {
        let d = with_body("## Sources\n\nSee [[#sources]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.note, d.id(NOTE));
        assert_eq!(t.anchor.as_deref(), Some("sources"));
        assert_eq!(t.display.as_deref(), Some("Sources"));
    }

    #[test]
    fn a_labelled_link_keeps_its_text() {
        let d = with_body("See [[elon-musk#Early life|his youth]].");
        let t = resolves_cleanly(&d).unwrap();
        assert_eq!(t.anchor.as_deref(), Some("early-life"));
        assert_eq!(t.display, None);
    }

    #[test]
    fn target_at_finds_a_link_by_where_it_starts() {
        let d = with_body("See [[kremlin]] and [[elon-musk]].");
        let r = d.resolve(NOTE);
        let at = d.offset(NOTE, "[[elon-musk]]");
        assert_eq!(r.target_at(d.note(NOTE), at).unwrap().note, d.id(MUSK));
        assert!(r.target_at(d.note(NOTE), at + 1).is_none());
    }

    #[test]
    fn an_unknown_target_is_reported_with_a_did_you_mean() {
        let d = with_body("See [[elon-muks]].");
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets, [None]);
        let e = d.only(&r.diags, "link-unresolved");
        assert_eq!(d.spanned(e), "[[elon-muks]]");
        assert!(e.message.contains("`elon-muks`"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("did you mean `elon-musk`?"));
    }

    #[test]
    fn an_unknown_target_with_nothing_like_it_is_told_how_to_create_it() {
        let d = with_body("See [[Zbigniew]].");
        let r = d.resolve(NOTE);
        let help = d.only(&r.diags, "link-unresolved").help.clone().unwrap();
        assert!(help.contains("dossier new note \"Zbigniew\""), "{help}");
    }

    #[test]
    fn a_title_two_notes_share_is_ambiguous_and_names_both() {
        let d = Notes::default()
            .note("a/one.md", "title: The Firm\nkind: organization\n", "")
            .note("b/two.md", "title: The Firm\nkind: organization\n", "")
            .note(NOTE, "title: A note\nkind: note\n", "See [[the firm]].")
            .build();
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets, [None]);
        let e = d.only(&r.diags, "link-ambiguous");
        assert_eq!(d.spanned(e), "[[the firm]]");
        assert!(e.message.contains("`one` (a/one.md)"), "{}", e.message);
        assert!(e.message.contains("`two` (b/two.md)"), "{}", e.message);
        assert_eq!(
            e.help.as_deref(),
            Some("link by slug, which is unique, such as `[[one]]`")
        );
    }

    /// The notes' own `slug-duplicate` names both; the link is not reported again, and
    /// wrongly told to link by a slug that is not unique.
    #[test]
    fn a_link_to_a_slug_two_notes_share_is_not_reported_again() {
        let d = Notes::default()
            .note(
                "people/council.md",
                "title: The council
kind: person
",
                "",
            )
            .note(
                "organizations/council.md",
                "title: Council
kind: organization
",
                "",
            )
            .note(
                NOTE,
                "title: A note
kind: note
",
                "See [[council]].",
            )
            .build();
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets, [None]);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
    }

    #[test]
    fn an_unknown_heading_is_reported_and_the_link_still_goes_to_the_note() {
        let d = with_body("See [[elon-musk#Childhood]].");
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "heading-unresolved");
        assert_eq!(d.spanned(e), "[[elon-musk#Childhood]]");
        assert!(e.message.contains("`Elon Musk` has no heading `Childhood`"));
        let help = e.help.as_deref().unwrap();
        assert!(
            help.contains("`Early life`") && help.contains("`Business`"),
            "{help}"
        );
        let t = r.link_targets[0].clone().unwrap();
        assert_eq!((t.note, t.anchor), (d.id(MUSK), None));
    }

    #[test]
    fn a_heading_like_one_the_note_has_gets_a_did_you_mean() {
        let d = with_body("See [[elon-musk#Erly life]].");
        let r = d.resolve(NOTE);
        let e = d.only(&r.diags, "heading-unresolved");
        assert_eq!(e.help.as_deref(), Some("did you mean `Early life`?"));
    }

    fn with_a_draft(notes: Notes) -> Dossier {
        notes
            .note(
                "people/secret.md",
                "title: Secret\nkind: person\ndraft: true\n",
                "",
            )
            .note(NOTE, "title: A note\nkind: note\n", "See [[secret]].")
            .build()
    }

    #[test]
    fn a_link_to_a_draft_is_an_error() {
        let d = with_a_draft(Notes::default());
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets, [None]);
        assert_eq!(d.spanned(d.only(&r.diags, "link-to-draft")), "[[secret]]");
    }

    #[test]
    fn a_link_to_a_draft_is_fine_when_drafts_are_published() {
        let d = with_a_draft(Notes::default().drafts_published());
        assert_eq!(resolves_cleanly(&d).unwrap().note, d.id("people/secret.md"));
    }

    #[test]
    fn a_link_to_a_note_that_could_not_be_read_is_not_reported_again() {
        let d = Notes::default()
            .raw("people/broken.md", "title: Broken\nno front matter here\n")
            .raw("people/bad-yaml.md", "---\ntitle: Jane Roe\n---\n")
            .note(
                NOTE,
                "title: A note\nkind: note\n",
                "See [[broken]], [[Jane Roe]] and [x](../people/broken.md).",
            )
            .build();
        assert!(d.parsed("people/broken.md").note.is_err());
        assert!(d.parsed("people/bad-yaml.md").note.is_err());
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(r.link_targets, [None, None, None]);
    }

    #[test]
    fn a_relative_md_link_resolves_from_the_notes_folder() {
        let d = with_body("See [him](../people/elon-musk.md) and [them](./../orgs/kremlin.md#x).");
        let r = d.resolve(NOTE);
        let targets: Vec<NoteId> = r.link_targets.iter().flatten().map(|t| t.note).collect();
        assert_eq!(targets, [d.id(MUSK), d.id(KREMLIN)]);
        // `#x` is no heading of the Kremlin's.
        assert_eq!(codes(&r.diags), ["heading-unresolved"]);
    }

    #[test]
    fn a_relative_md_link_that_climbs_out_of_content_matches_nothing() {
        // From `content/notes/`, `../../people/…` is the dossier's `people/`, not `content/people/`.
        let d = with_body("See [him](../../people/elon-musk.md).");
        let r = d.resolve(NOTE);
        assert_eq!(r.link_targets, [None]);
        let e = d.only(&r.diags, "link-unresolved");
        assert_eq!(d.spanned(e), "[him](../../people/elon-musk.md)");
        assert!(e.message.contains("matches no note in `content/`"));
    }

    #[test]
    fn a_relative_md_link_may_name_content_from_the_top() {
        let d = Notes::default()
            .note(MUSK, "title: Elon Musk\nkind: person\n", "")
            .note(
                "top.md",
                "title: Top\nkind: note\n",
                "[x](../content/people/elon-musk.md)",
            )
            .build();
        let r = d.resolve("top.md");
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(r.link_targets[0].as_ref().unwrap().note, d.id(MUSK));
    }

    fn claim_and_denial(denies: &str) -> Dossier {
        Notes::default()
            .note(MUSK, "title: Elon Musk\nkind: person\n", "")
            .note(KREMLIN, "title: The Kremlin\nkind: organization\n", "")
            .note(
                "people/putin.md",
                "title: Vladimir Putin\nkind: person\n",
                "",
            )
            .note(
                "claims/contact.md",
                "title: Regular contact\nkind: claim\nclaimant: elon-musk\n\
                 subjects: [\"[[Vladimir Putin]]\", The Kremlin]\n",
                "",
            )
            .note(
                "responses/peskov.md",
                &format!("title: Peskov denies\nkind: denial\nby: kremlin\ndenies: [{denies}]\n"),
                "",
            )
            .build()
    }

    #[test]
    fn a_claim_names_its_claimant_and_subjects() {
        let d = claim_and_denial("contact");
        let r = d.resolve("claims/contact.md");
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(r.claimant, Some(d.id(MUSK)));
        assert_eq!(r.subjects, [d.id("people/putin.md"), d.id(KREMLIN)]);
    }

    #[test]
    fn a_denial_names_who_responds_and_the_claims_it_answers() {
        let d = claim_and_denial("Regular contact");
        let r = d.resolve("responses/peskov.md");
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(r.by, Some(d.id(KREMLIN)));
        assert_eq!(r.denies, [d.id("claims/contact.md")]);
    }

    #[test]
    fn a_denial_of_a_person_is_not_a_denial_of_a_claim() {
        let d = claim_and_denial("contact, elon-musk");
        let r = d.resolve("responses/peskov.md");
        assert_eq!(r.denies, [d.id("claims/contact.md")]);
        let e = d.only(&r.diags, "denial-not-claim");
        assert_eq!(d.spanned(e), "elon-musk");
        assert!(e.message.contains("`Elon Musk` is a person, not a claim"));
    }

    #[test]
    fn an_unknown_claimant_is_reported_at_its_reference() {
        let d = Notes::default()
            .note(
                "claims/c.md",
                "title: C\nkind: claim\nclaimant: \"[[Nobody Known]]\"\n",
                "",
            )
            .build();
        let r = d.resolve("claims/c.md");
        assert_eq!(r.claimant, None);
        let e = d.only(&r.diags, "link-unresolved");
        assert_eq!(d.spanned(e), "[[Nobody Known]]");
        assert!(e.message.contains("the claimant `Nobody Known`"));
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .contains("dossier new person \"Nobody Known\"")
        );
    }

    #[test]
    fn mentions_show_a_bare_link_by_its_targets_title() {
        let d = with_body("Met [[elon-musk]] and [[MUSK|him]] at [[kremlin]].\n\nLater [[MUSK]].");
        let r = d.resolve(NOTE);
        let got: Vec<(NoteId, &str)> = r.mentions.iter().map(|(n, c)| (*n, c.text())).collect();
        let first = "Met Elon Musk and him at The Kremlin.";
        assert_eq!(
            got,
            [
                (d.id(MUSK), first),
                (d.id(MUSK), first),
                (d.id(KREMLIN), first),
                (d.id(MUSK), "Later MUSK."),
            ]
        );
    }

    #[test]
    fn mentions_give_the_roles_the_front_matter_names() {
        let d = claim_and_denial("contact");
        let claim = d.resolve("claims/contact.md");
        let got: Vec<(NoteId, Context)> = claim.mentions;
        assert_eq!(
            got,
            [
                (d.id(MUSK), Context::Role(Role::Claimant)),
                (d.id("people/putin.md"), Context::Role(Role::Subject)),
                (d.id(KREMLIN), Context::Role(Role::Subject)),
            ]
        );
        let denial = d.resolve("responses/peskov.md");
        assert_eq!(
            denial.mentions,
            [
                (d.id(KREMLIN), Context::Role(Role::Respondent)),
                (d.id("claims/contact.md"), Context::Role(Role::Answers)),
            ]
        );
    }

    #[test]
    fn a_note_never_mentions_itself() {
        let d = with_body(
            "## Top\n\nSee [[A note]], [[#top]] and [[n]].\n\nAlso [[n]] and [[kremlin]].",
        );
        let r = d.resolve(NOTE);
        assert!(r.diags.is_empty(), "{}", d.render(&r.diags));
        assert_eq!(r.link_targets.iter().flatten().count(), 5);
        let got: Vec<(NoteId, &str)> = r.mentions.iter().map(|(n, c)| (*n, c.text())).collect();
        assert_eq!(got, [(d.id(KREMLIN), "Also A note and The Kremlin.")]);
    }

    #[test]
    fn a_claim_that_names_itself_does_not_mention_itself() {
        let d = Notes::default()
            .note(
                "claims/c.md",
                "title: C\nkind: claim\nclaimant: kremlin\nsubjects: [c]\n",
                "",
            )
            .note(KREMLIN, "title: The Kremlin\nkind: organization\n", "")
            .build();
        let r = d.resolve("claims/c.md");
        assert_eq!(r.subjects, [d.id("claims/c.md")]);
        let got: Vec<NoteId> = r.mentions.iter().map(|(n, _)| *n).collect();
        assert_eq!(got, [d.id(KREMLIN)]);
    }
}
