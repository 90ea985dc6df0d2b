//! The relationship map: `/map/`, its drawing and its connections in words.

use crate::support::*;

/// Every number of an SVG path's `d`, in pairs: the points it passes through or bends to.
fn points(d: &str) -> Vec<(f64, f64)> {
    let nums: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    nums.chunks(2).map(|p| (p[0], p[1])).collect()
}

/// The bundled map: every person and organization once, labels on the outer sides of two
/// columns with a row each (no two overlap), every connection within the band between
/// the columns (none crosses a label), each name linked, and the same names in words.
#[test]
fn the_bundled_map_has_no_overlapping_label_and_no_connection_through_one() {
    let d = Dossier::bundled().built();
    let page = d.page("map/index.html");
    let labels = page.select("svg.map-chart .map-label");
    let people = d.page("people/index.html").hrefs(".listing a").len();
    let organizations = d.page("organizations/index.html").hrefs(".listing a").len();
    assert_eq!(labels.len(), people + organizations);
    let (left, right) = (300.0, 660.0);
    let mut rows: Vec<(bool, f64)> = Vec::new();
    for l in &labels {
        let x: f64 = l.value().attr("x").unwrap().parse().unwrap();
        let y: f64 = l.value().attr("y").unwrap().parse().unwrap();
        let anchor = l.value().attr("text-anchor").unwrap();
        let on_left = x < left;
        assert!(
            (on_left && anchor == "end") || (x > right && anchor == "start"),
            "a label between the columns: {x} {anchor}"
        );
        assert!(l.text().collect::<String>().chars().count() <= 38);
        for (side, other) in &rows {
            assert!(
                *side != on_left || (y - other).abs() >= 20.0,
                "two labels overlap at {y} and {other}"
            );
        }
        rows.push((on_left, y));
    }
    let edges = page.select("svg.map-chart path.map-edge");
    assert!(edges.len() > 20, "{}", edges.len());
    for e in &edges {
        for (x, _) in points(e.value().attr("d").unwrap()) {
            assert!(
                (left..=right).contains(&x),
                "a connection leaves the band at x = {x}"
            );
        }
    }
    let drawn: std::collections::BTreeSet<String> =
        page.hrefs("svg.map-chart a").into_iter().collect();
    let named: std::collections::BTreeSet<String> =
        page.hrefs(".map-list dt a").into_iter().collect();
    assert_eq!(drawn, named);
    // Peskov answers the claims The Wall Street Journal reports.
    let peskov = page
        .select(".map-list dt")
        .into_iter()
        .position(|dt| dt.text().collect::<String>().starts_with("Dmitry Peskov"))
        .unwrap();
    let said = page.texts(".map-list dd")[peskov].clone();
    assert!(
        said.contains("a response by one to the other's claim, with: The Wall Street Journal"),
        "{said}"
    );
    assert!(
        d.page("index.html")
            .hrefs("nav a")
            .contains(&"/map/".to_string())
    );
}

/// Beyond 150 names the map is described in words, not drawn.
#[test]
fn a_large_map_is_described_not_drawn() {
    let mut d = Dossier::fixture("basic");
    for i in 0..150 {
        d = d.write(
            &format!("content/people/p{i:03}.md"),
            &note(&format!("Person {i}"), "person", "", "Named [@report, ¶1]."),
        );
    }
    let d = d.built();
    let page = d.page("map/index.html");
    assert!(page.select("svg.map-chart").is_empty());
    assert_eq!(page.select(".map-list dt").len(), 152);
    assert!(
        page.text("main")
            .contains("With 152 people and organizations the map is not drawn")
    );
}

/// A person's or an organization's page shows its neighbourhood: the names its notes
/// connect it to, drawn as the map is, and in words; other pages have none.
#[test]
fn people_and_organizations_show_their_neighbourhood() {
    let d = Dossier::bundled().built();
    let all: std::collections::BTreeSet<String> = d
        .page("map/index.html")
        .hrefs(".map-list dt a")
        .into_iter()
        .collect();
    let peskov = d.page("dmitry-peskov/index.html");
    let drawn = peskov.hrefs(".note-map svg a");
    assert!(drawn.contains(&"/dmitry-peskov/".to_string()), "{drawn:?}");
    assert!(drawn.len() >= 4, "{drawn:?}");
    for n in &drawn {
        assert!(all.contains(n), "{n} is not on the whole map");
    }
    let said = peskov.text(".note-map .map-list");
    assert!(
        said.contains("a response by one to the other's claim, with: The Wall Street Journal"),
        "{said}"
    );
    let claim = &d
        .page("timeline/index.html")
        .hrefs(".timeline-list > li > a")[0];
    assert!(
        d.page(&format!("{}index.html", &claim[1..]))
            .select(".note-map")
            .is_empty()
    );
}
