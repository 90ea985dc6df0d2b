//! The relationship map: the people and organizations of the dossier and how its notes
//! connect them, drawn at build time as an SVG (no script), beside the same connections in
//! words; and a person's or an organization's neighbourhood, for its page
//! ([`neighbourhood`]).
//!
//! The layout is two columns, people on the left and organizations on the right, one row
//! per name, each label on the outer side of its dot, and every connection drawn in the
//! band between the columns: no two labels can overlap and no connection crosses a label.
//! Rows are ordered to shorten the connections (each column by where its neighbours stand
//! in the other, a few times over, ties by title and slug), so the same notes give the same
//! bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::catalog::Catalog;
use super::super::layout::{Arg, Made};
use super::super::view::NoteLink;
use super::super::{cut_at_word, escape};
use super::page;
use crate::id::NoteId;
use crate::parse::Kind;

/// The most names drawn: beyond, the map would be taller than anyone reads; the list has
/// every connection.
pub(crate) const DRAWN: usize = 150;

/// How two names are connected, as bits.
const CLAIMS_ABOUT: u8 = 1;
const RESPONDS_TO: u8 = 2;
const THROUGH: u8 = 4;
const LINKS: u8 = 8;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 300.0;
const RIGHT: f64 = 660.0;
const TOP: f64 = 36.0;
const ROW: f64 = 26.0;
const LABEL_CHARS: usize = 38;

/// A place in the drawing.
type Point = (f64, f64);

/// A name and its connections, in words.
#[derive(Debug, Serialize)]
struct Named<'a> {
    note: &'a NoteLink,
    connections: Vec<Connection<'a>>,
}

/// One kind of connection of a name, with the names it connects it to.
#[derive(Debug, Serialize)]
struct Connection<'a> {
    what: String,
    with: Vec<&'a NoteLink>,
}

/// The people and organizations and their connections.
struct Graph {
    /// People then organizations, each in the order drawn.
    people: Vec<NoteId>,
    organizations: Vec<NoteId>,
    /// Each connection, by its two ends (the smaller id first), with its kinds.
    edges: BTreeMap<(NoteId, NoteId), u8>,
}

fn graph(cat: &dyn Catalog) -> Graph {
    let people: Vec<NoteId> = cat.kind(Kind::Person).to_vec();
    let organizations: Vec<NoteId> = cat.kind(Kind::Organization).to_vec();
    let named = |id: NoteId| on_map(cat, id);
    let mut edges: BTreeMap<(NoteId, NoteId), u8> = BTreeMap::new();
    let mut add = |a: NoteId, b: NoteId, kind: u8| {
        if a != b && named(a) && named(b) {
            *edges.entry((a.min(b), a.max(b))).or_default() |= kind;
        }
    };
    for &claim in cat.kind(Kind::Claim) {
        claim_connections(cat, claim, &mut add);
    }
    for &response in cat.kind(Kind::Denial) {
        response_connections(cat, response, &mut add);
    }
    for &n in people.iter().chain(&organizations) {
        for b in cat.backlinks(n) {
            add(b.from, n, LINKS);
        }
    }
    let mut g = Graph {
        people,
        organizations,
        edges,
    };
    order(cat, &mut g);
    g
}

/// Whether a note is a name of the map: a person or an organization.
fn on_map(cat: &dyn Catalog, id: NoteId) -> bool {
    let k = cat.listed(id).kind;
    k == Kind::Person.name() || k == Kind::Organization.name()
}

/// What a claim connects: its claimant to each of its subjects, and to each name it is told
/// through. `add` keeps what it wants of them.
fn claim_connections(cat: &dyn Catalog, claim: NoteId, add: &mut impl FnMut(NoteId, NoteId, u8)) {
    let r = cat.roles(claim);
    if let Some(c) = r.claimant {
        for &s in &r.subjects {
            add(c, s, CLAIMS_ABOUT);
        }
        for &v in &r.via {
            add(c, v, THROUGH);
        }
    }
}

/// What a response connects: its respondent to the claimant of each claim it answers, and
/// to each name it is told through.
fn response_connections(
    cat: &dyn Catalog,
    response: NoteId,
    add: &mut impl FnMut(NoteId, NoteId, u8),
) {
    let r = cat.roles(response);
    if let Some(by) = r.by {
        for &claim in &r.denies {
            if let Some(c) = cat.roles(claim).claimant {
                add(by, c, RESPONDS_TO);
            }
        }
        for &v in &r.via {
            add(by, v, THROUGH);
        }
    }
}

/// Orders each column by the mean row of its neighbours in the other (four sweeps), so
/// that connections run straighter; ties by title, then slug.
fn order(cat: &dyn Catalog, g: &mut Graph) {
    let by_title = |a: &NoteId, b: &NoteId| cat.listed(*a).by_title(cat.listed(*b));
    g.people.sort_by(by_title);
    g.organizations.sort_by(by_title);
    let adjacency: BTreeMap<NoteId, Vec<NoteId>> = adjacency(g)
        .into_iter()
        .map(|(n, with)| (n, with.into_iter().map(|(m, _)| m).collect()))
        .collect();
    for sweep in 0..4 {
        let (fixed, moving) = if sweep % 2 == 0 {
            (&g.people, &mut g.organizations)
        } else {
            (&g.organizations, &mut g.people)
        };
        let row: BTreeMap<NoteId, usize> = fixed.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let place: BTreeMap<NoteId, usize> =
            moving.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        // The mean row of its neighbours in the other column, scaled to this one, in
        // thousandths; a name with none keeps its place.
        let key = |n: NoteId| -> u64 {
            let rows: Vec<usize> = adjacency
                .get(&n)
                .into_iter()
                .flatten()
                .filter_map(|m| row.get(m).copied())
                .collect();
            if rows.is_empty() {
                let p = place.get(&n).copied().unwrap_or(0);
                (p * 1000 * fixed.len().max(1) / moving.len().max(1)) as u64
            } else {
                (rows.iter().sum::<usize>() * 1000 / rows.len()) as u64
            }
        };
        let mut keyed: Vec<(u64, NoteId)> = moving.iter().map(|&n| (key(n), n)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| by_title(&a.1, &b.1)));
        *moving = keyed.into_iter().map(|(_, n)| n).collect();
    }
}

/// A person's or an organization's neighbourhood, for its page: the names its notes connect
/// it to, drawn as the whole map is. Read from its own relations (the claims it makes, the
/// responses it gives, the notes that link to it), so that its page is made again only
/// when one of those changes.
#[derive(Debug, Serialize)]
pub(crate) struct Neighbourhood<'a> {
    svg: Option<String>,
    connections: Vec<Connection<'a>>,
}

pub(crate) fn neighbourhood(cat: &dyn Catalog, id: NoteId) -> Option<Neighbourhood<'_>> {
    let is_named = |n: NoteId| on_map(cat, n);
    if !is_named(id) {
        return None;
    }
    let mut edges: BTreeMap<(NoteId, NoteId), u8> = BTreeMap::new();
    let mut add = |a: NoteId, b: NoteId, kind: u8| {
        if a != b && is_named(a) && is_named(b) && (a == id || b == id) {
            *edges.entry((a.min(b), a.max(b))).or_default() |= kind;
        }
    };
    let made = cat.made(id);
    for &claim in &made.claims {
        claim_connections(cat, claim, &mut add);
    }
    for &response in &made.responses {
        response_connections(cat, response, &mut add);
    }
    for b in cat.backlinks(id) {
        add(b.from, id, LINKS);
        // A claim about it, or told through it, names it without its making the claim.
        if cat.listed(b.from).kind == Kind::Claim.name() {
            claim_connections(cat, b.from, &mut add);
        }
    }
    if edges.is_empty() {
        return None;
    }
    let mut people = Vec::new();
    let mut organizations = Vec::new();
    let mut names: Vec<NoteId> = edges.keys().flat_map(|&(a, b)| [a, b]).collect();
    names.sort_unstable();
    names.dedup();
    for n in names {
        if cat.listed(n).kind == Kind::Person.name() {
            people.push(n);
        } else {
            organizations.push(n);
        }
    }
    let mut g = Graph {
        people,
        organizations,
        edges,
    };
    order(cat, &mut g);
    let adjacent = adjacency(&g);
    let count = g.people.len() + g.organizations.len();
    Some(Neighbourhood {
        svg: (count <= DRAWN).then(|| draw(cat, &g)),
        connections: connections(cat, adjacent.get(&id).map_or(&[][..], |v| v)),
    })
}

/// Each name's connections: the other end and the kinds, read off the edges once.
fn adjacency(g: &Graph) -> BTreeMap<NoteId, Vec<(NoteId, u8)>> {
    let mut out: BTreeMap<NoteId, Vec<(NoteId, u8)>> = BTreeMap::new();
    for (&(a, b), &kinds) in &g.edges {
        out.entry(a).or_default().push((b, kinds));
        out.entry(b).or_default().push((a, kinds));
    }
    out
}

pub(crate) fn make(cat: &dyn Catalog, _: Arg, _: &str) -> Made {
    let g = graph(cat);
    let count = g.people.len() + g.organizations.len();
    let svg = (count > 0 && count <= DRAWN).then(|| draw(cat, &g));
    let mut names: Vec<NoteId> = g.people.iter().chain(&g.organizations).copied().collect();
    names.sort_by(|a, b| cat.listed(*a).by_title(cat.listed(*b)));
    let adjacent = adjacency(&g);
    let list: Vec<Named> = names
        .iter()
        .map(|&n| Named {
            note: &cat.listed(n).inner,
            connections: connections(cat, adjacent.get(&n).map_or(&[][..], |v| v)),
        })
        .collect();
    page(cat.interface().text("map.title"), |c| {
        c.insert("svg", &svg);
        c.insert("names", &list);
        c.insert("drawn_at_most", &DRAWN);
    })
}

/// A name's connections in words, each kind with the names it connects to, by title.
fn connections<'a>(cat: &'a dyn Catalog, adjacent: &[(NoteId, u8)]) -> Vec<Connection<'a>> {
    let mut out = Vec::new();
    for (bit, words) in [
        (CLAIMS_ABOUT, "map.claims_about"),
        (RESPONDS_TO, "map.responds_to"),
        (THROUGH, "map.through"),
        (LINKS, "map.links"),
    ] {
        let words = cat.interface().text(words);
        let mut with: Vec<&NoteLink> = adjacent
            .iter()
            .filter(|(_, kinds)| *kinds & bit != 0)
            .map(|&(m, _)| &cat.listed(m).inner)
            .collect();
        if !with.is_empty() {
            with.sort_by(|x, y| x.by_title(y));
            out.push(Connection { what: words, with });
        }
    }
    out
}

fn draw(cat: &dyn Catalog, g: &Graph) -> String {
    let rows = g.people.len().max(g.organizations.len());
    let height = TOP + ROW * rows as f64 + 10.0;
    let at: BTreeMap<NoteId, (f64, f64)> = g
        .people
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, (LEFT, TOP + ROW * i as f64 + ROW / 2.0)))
        .chain(
            g.organizations
                .iter()
                .enumerate()
                .map(|(i, &n)| (n, (RIGHT, TOP + ROW * i as f64 + ROW / 2.0))),
        )
        .collect();
    let words = cat.interface();
    let mut svg = format!(
        "<svg class=\"map-chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <text class=\"map-head\" x=\"{LEFT}\" y=\"18\" text-anchor=\"end\">{}</text>\n\
         <text class=\"map-head\" x=\"{RIGHT}\" y=\"18\">{}</text>\n",
        escape(&super::super::kind_title(words, Kind::Person)),
        escape(&super::super::kind_title(words, Kind::Organization)),
    );
    // Drawn in the order of their ends' places (note ids depend on the order the engine
    // met the notes in; places do not).
    let mut edges: Vec<(Point, Point, u8)> = g
        .edges
        .iter()
        .filter_map(|((a, b), &kinds)| {
            let (p, q) = (*at.get(a)?, *at.get(b)?);
            let (p, q) = if (p.0, p.1) <= (q.0, q.1) {
                (p, q)
            } else {
                (q, p)
            };
            Some((p, q, kinds))
        })
        .collect();
    edges.sort_by(|a, b| {
        (a.0.0, a.0.1, a.1.0, a.1.1)
            .partial_cmp(&(b.0.0, b.0.1, b.1.0, b.1.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for ((x1, y1), (x2, y2), kinds) in edges {
        let class = [
            (CLAIMS_ABOUT, "m-claims"),
            (RESPONDS_TO, "m-responds"),
            (THROUGH, "m-through"),
            (LINKS, "m-links"),
        ]
        .iter()
        .filter(|(bit, _)| kinds & bit != 0)
        .map(|(_, c)| *c)
        .collect::<Vec<_>>()
        .join(" ");
        // Across: a curve between the columns. Within a column: an arc into the band
        // between them, deeper the farther apart its ends are, never past the middle.
        let d = if x1 != x2 {
            let dx = (RIGHT - LEFT) / 2.0;
            format!(
                "M{x1:.1} {y1:.1} C{:.1} {y1:.1} {:.1} {y2:.1} {x2:.1} {y2:.1}",
                x1 + dx * (x2 - x1).signum(),
                x2 - dx * (x2 - x1).signum()
            )
        } else {
            let depth = (30.0 + (y2 - y1).abs() * 0.35).min((RIGHT - LEFT) / 2.0 - 8.0);
            let inward = if x1 == LEFT { depth } else { -depth };
            format!(
                "M{x1:.1} {y1:.1} C{:.1} {y1:.1} {:.1} {y2:.1} {x2:.1} {y2:.1}",
                x1 + inward,
                x2 + inward
            )
        };
        svg.push_str(&format!("<path class=\"map-edge {class}\" d=\"{d}\"/>\n"));
    }
    for &n in g.people.iter().chain(&g.organizations) {
        let Some(&(x, y)) = at.get(&n) else { continue };
        let note = &cat.listed(n).inner;
        let lang = super::timeline::lang_attr(note.lang.as_deref());
        let (lx, anchor) = if x == LEFT {
            (x - 10.0, "end")
        } else {
            (x + 10.0, "start")
        };
        svg.push_str(&format!(
            "<a href=\"{}\" tabindex=\"-1\"><title{lang}>{}</title><circle class=\"map-node m-{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"/><text class=\"map-label\" x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\"{lang}>{}</text></a>\n",
            escape(&note.url),
            escape(&note.title),
            note.kind,
            y + 4.0,
            escape(&cut_at_word(&note.title, LABEL_CHARS))
        ));
    }
    svg.push_str("</svg>");
    svg
}
