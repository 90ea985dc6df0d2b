//! The timeline: every dated event, claim and response in order, drawn as an SVG at build
//! time (no script) beside the same entries as a list, and the undated ones apart; and a
//! person's or an organization's slice of it, for its page ([`slice()`]).
//!
//! Partial dates keep their precision: an entry dated `2022` is drawn as a bar over the
//! year and sorted at its end, where every list of the site sorts it (a date "late 2022"
//! with `date: 2022` is never placed on a guessed day). A claim and the responses to it
//! are joined by a line. The drawing's sizes are fixed numbers, so the same notes give the
//! same bytes.

use serde::Serialize;

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::super::view::NoteLink;
use super::super::{cut_at_word, escape};
use super::page;
use crate::date::PartialDate;
use crate::i18n::DatePart;
use crate::id::NoteId;
use crate::parse::Kind;

/// The kinds the timeline shows.
const KINDS: [Kind; 3] = [Kind::Event, Kind::Claim, Kind::Denial];

/// The most entries drawn: beyond, a drawing would be taller than anyone scrolls (and
/// megabytes at 10,000 notes); the list beside it has every entry.
pub(crate) const DRAWN: usize = 400;

/// The drawing: its width, the column of labels, rows.
const WIDTH: f64 = 960.0;
const LABEL_CHARS: usize = 52;
const PLOT_LEFT: f64 = 400.0;
const PLOT_RIGHT: f64 = 940.0;
const TOP: f64 = 44.0;
const ROW: f64 = 26.0;

/// An entry of the list beside the drawing.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    note: &'a NoteLink,
    /// The responses to a claim that are on the timeline, by title.
    responses: Vec<&'a NoteLink>,
}

pub(crate) fn make(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let all = KINDS.iter().flat_map(|&k| cat.kind(k).iter().copied());
    let (dated, undated) = order(cat, all.collect::<Vec<_>>());
    let svg = if dated.len() <= DRAWN {
        draw(cat, &dated)
    } else {
        None
    };
    let list: Vec<Entry> = dated
        .iter()
        .map(|&(id, _)| Entry {
            note: &cat.listed(id).inner,
            responses: responses_on(cat, id, &dated),
        })
        .collect();
    let undated: Vec<&NoteLink> = undated.iter().map(|&id| &cat.listed(id).inner).collect();
    page(cat.interface().text("timeline.title"), |c| {
        c.insert("svg", &svg);
        c.insert("drawn_at_most", &DRAWN);
        c.insert("entries", &list);
        c.insert("undated", &undated);
    })
}

/// The dated events, claims and responses among `ids`, in order (the end of each date's
/// period, then kind, then title, then slug), and the undated ones by title. Notes of other
/// kinds are left out.
pub(crate) fn order(
    cat: &dyn Catalog,
    ids: impl IntoIterator<Item = NoteId>,
) -> (Vec<(NoteId, PartialDate)>, Vec<NoteId>) {
    let mut dated = Vec::new();
    let mut undated = Vec::new();
    for id in ids {
        let note = cat.listed(id);
        let Some(rank) = KINDS.iter().position(|k| k.name() == note.kind) else {
            continue;
        };
        match note.date.as_ref().and_then(|d| d.value) {
            Some(d) => dated.push((d, rank, id)),
            None => undated.push(id),
        }
    }
    let part = |id: NoteId| part_of(cat.listed(id));
    dated.sort_by(|a, b| {
        a.0.end_key_in(part(a.2))
            .cmp(&b.0.end_key_in(part(b.2)))
            .then(a.1.cmp(&b.1))
            .then_with(|| cat.listed(a.2).by_title(cat.listed(b.2)))
    });
    undated.sort_by(|a, b| cat.listed(*a).by_title(cat.listed(*b)));
    (
        dated.into_iter().map(|(d, _, id)| (id, d)).collect(),
        undated,
    )
}

/// A person's or an organization's slice of the timeline, for its page: the dated claims
/// it makes, the responses it gives, and the events, claims and responses that link to it.
/// Read from its own relations, so that its page is made again only when one of those
/// changes.
#[derive(Debug, Serialize)]
pub(crate) struct Slice<'a> {
    svg: Option<String>,
    entries: Vec<Entry<'a>>,
}

pub(crate) fn slice(cat: &dyn Catalog, id: NoteId) -> Option<Slice<'_>> {
    let kind = cat.listed(id).kind;
    if kind != Kind::Person.name() && kind != Kind::Organization.name() {
        return None;
    }
    let made = cat.made(id);
    let mut involved: Vec<NoteId> = made.claims.iter().chain(&made.responses).copied().collect();
    involved.extend(cat.backlinks(id).iter().map(|b| b.from));
    involved.sort_unstable();
    involved.dedup();
    let (dated, _) = order(cat, involved);
    if dated.is_empty() {
        return None;
    }
    let entries = dated
        .iter()
        .map(|&(n, _)| Entry {
            note: &cat.listed(n).inner,
            responses: responses_on(cat, n, &dated),
        })
        .collect();
    Some(Slice {
        svg: (dated.len() <= DRAWN).then(|| draw(cat, &dated)).flatten(),
        entries,
    })
}

/// The responses to a claim that are among `dated`, in their order there.
fn responses_on<'a>(
    cat: &'a dyn Catalog,
    claim: NoteId,
    dated: &[(NoteId, PartialDate)],
) -> Vec<&'a NoteLink> {
    if cat.listed(claim).kind != Kind::Claim.name() {
        return Vec::new();
    }
    let answers = cat.responses(claim);
    dated
        .iter()
        .filter(|(id, _)| answers.contains(id))
        .map(|&(id, _)| &cat.listed(id).inner)
        .collect()
}

/// Days since the start of year 0, near enough to place a date on a line: months of 31
/// days are fine at this scale, and the same input gives the same place.
fn day(year: i16, month: u8, day: u8) -> f64 {
    f64::from(year) * 372.0 + f64::from(month - 1) * 31.0 + f64::from(day - 1)
}

/// The part of its period a note's date names (`date_part`).
fn part_of(note: &NoteLink) -> Option<DatePart> {
    note.date.as_ref()?.part
}

/// The first and the last day a date names: a third of its month or year for a part of it
/// ("late 2022" is September to December).
fn span(d: PartialDate, part: Option<DatePart>) -> (f64, f64) {
    let third = |from: f64, length: f64| match part {
        Some(DatePart::Early) => (from, from + length / 3.0),
        Some(DatePart::Mid) => (from + length / 3.0, from + 2.0 * length / 3.0),
        Some(DatePart::Late) => (from + 2.0 * length / 3.0, from + length),
        None => (from, from + length),
    };
    match (d.month, d.day) {
        (Some(m), Some(x)) => (day(d.year, m, x), day(d.year, m, x) + 1.0),
        (Some(m), None) => third(day(d.year, m, 1), 31.0),
        _ => third(day(d.year, 1, 1), 372.0),
    }
}

/// The SVG: a row per dated entry (its title, linked, in the left column; its date as a
/// mark on the time axis, on its day, or for a month or a year at the end of a bar over
/// it), years marked
/// across the top, a claim joined to its responses. `None` when nothing is dated.
pub(crate) fn draw(cat: &dyn Catalog, dated: &[(NoteId, PartialDate)]) -> Option<String> {
    let first = dated.iter().map(|(_, d)| d.year).min()?;
    let last = dated.iter().map(|(_, d)| d.year).max()?;
    let (from, to) = (day(first, 1, 1), day(last + 1, 1, 1));
    let x = |t: f64| PLOT_LEFT + (t - from) / (to - from) * (PLOT_RIGHT - PLOT_LEFT);
    let height = TOP + ROW * dated.len() as f64 + 12.0;
    let mut svg = format!(
        "<svg class=\"timeline-chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    // Years: a line and a label at the start of each.
    for year in first..=last + 1 {
        let at = x(day(year, 1, 1));
        svg.push_str(&format!(
            "<line class=\"tl-year\" x1=\"{at:.1}\" y1=\"{}\" x2=\"{at:.1}\" y2=\"{:.1}\"/>\n",
            TOP - 14.0,
            height - 6.0
        ));
        if year <= last {
            let mid = (at + x(day(year + 1, 1, 1))) / 2.0;
            svg.push_str(&format!(
                "<text class=\"tl-year-label\" x=\"{mid:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>\n",
                TOP - 20.0
            ));
        }
    }
    let rows: Vec<(NoteId, f64, f64)> = dated
        .iter()
        .enumerate()
        .map(|(i, &(id, d))| {
            let (a, b) = span(d, part_of(cat.listed(id)));
            let y = TOP + ROW * i as f64 + ROW / 2.0;
            // The mark where the site sorts the date: at the end of its period.
            (
                id,
                y,
                if d.day.is_some() {
                    (x(a) + x(b)) / 2.0
                } else {
                    x(b)
                },
            )
        })
        .collect();
    // A claim joined to its responses, drawn first so that the marks are on top.
    for &(id, y, cx) in &rows {
        if cat.listed(id).kind != Kind::Claim.name() {
            continue;
        }
        let answers = cat.responses(id);
        for &(_, y2, cx2) in rows.iter().filter(|(o, _, _)| answers.contains(o)) {
            svg.push_str(&format!(
                "<path class=\"tl-link\" d=\"M{cx:.1} {y:.1} C{:.1} {y:.1} {:.1} {y2:.1} {cx2:.1} {y2:.1}\"/>\n",
                cx.max(cx2) + 24.0,
                cx.max(cx2) + 24.0
            ));
        }
    }
    for (&(id, d), &(_, y, cx)) in dated.iter().zip(&rows) {
        let note = &cat.listed(id).inner;
        let (a, b) = span(d, part_of(note));
        let (xa, xb) = (x(a), x(b));
        let kind = note.kind;
        let lang = lang_attr(note.lang.as_deref());
        svg.push_str(&format!(
            "<a href=\"{}\" tabindex=\"-1\"><title{lang}>{} ({})</title>\n",
            escape(&note.url),
            escape(&note.title),
            escape(note.date.as_ref().map_or("", |d| d.human.as_str()))
        ));
        svg.push_str(&format!(
            "<text class=\"tl-label tl-{kind}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{lang}>{}</text>\n",
            PLOT_LEFT - 12.0,
            y + 4.0,
            escape(&cut_at_word(&note.title, LABEL_CHARS))
        ));
        if d.day.is_none() {
            svg.push_str(&format!(
                "<rect class=\"tl-span tl-{kind}\" x=\"{xa:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"6\" rx=\"3\"/>\n",
                y - 3.0,
                (xb - xa).max(6.0)
            ));
        }
        svg.push_str(&mark(kind, cx, y));
        svg.push_str("</a>\n");
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// An entry's mark, told apart by shape as well as colour: an event a diamond, a claim a
/// circle, a response a square.
fn mark(kind: &str, x: f64, y: f64) -> String {
    match kind {
        "event" => format!(
            "<path class=\"tl-mark tl-event\" d=\"M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z\"/>\n",
            y - 7.0,
            x + 7.0,
            y + 7.0,
            x - 7.0
        ),
        "claim" => {
            format!("<circle class=\"tl-mark tl-claim\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/>\n")
        }
        _ => format!(
            "<rect class=\"tl-mark tl-denial\" x=\"{:.1}\" y=\"{:.1}\" width=\"11\" height=\"11\"/>\n",
            x - 5.5,
            y - 5.5
        ),
    }
}

/// ` lang="…"` for an SVG text in a language other than the page's, or nothing.
pub(crate) fn lang_attr(lang: Option<&str>) -> String {
    lang.map_or_else(String::new, |l| format!(" lang=\"{}\"", escape(l)))
}
