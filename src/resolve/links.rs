//! Links between notes: where each body link and front-matter reference goes, what a bare
//! link shows, and how a note mentions others (for their "Referenced by").

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{Context, LinkTarget, Lookup, Resolution, World, published};
use crate::diag::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::files::FileId;
use crate::id::{Id as _, NoteId};
use crate::parse::markdown::{LINK_CLOSE, LINK_OPEN, without_link_marks};
use crate::parse::{Kind, LinkKind, Note};

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
                _ => "note",
            };
            diags.push(
                Diagnostic::error(
                    "link-unresolved",
                    format!("the {what} `{target}` matches no note"),
                    Location::Span(file, span.clone()),
                )
                .with_help_opt(did_you_mean(target, world.names()).or_else(|| {
                    Some(format!(
                        "create the note, or link to an existing one by its slug, alias or title (`dossier new {kind} \"{target}\"`)"
                    ))
                })),
            );
            None
        }
    }
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
        .map(|c| (c, Context::Role("Named as the claimant.")))
        .into_iter()
        .chain(
            r.subjects
                .iter()
                .map(|&s| (s, Context::Role("Named as a subject of the claim."))),
        )
        .chain(r.by.map(|b| (b, Context::Role("Named as the respondent."))))
        .chain(
            r.denies
                .iter()
                .map(|&d| (d, Context::Role("Answers this claim."))),
        );
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

    #[test]
    fn normalize_stays_inside_content() {
        assert_eq!(
            normalize(Path::new("a/../b/c.md")),
            Some(PathBuf::from("b/c.md"))
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
    }
}
