//! The timeline: `/timeline/`, its drawing and its list.

use crate::support::*;

/// Every dated event, claim and response, in the order the site sorts dates (a partial
/// date at the end of its period), drawn and listed alike; the undated apart.
#[test]
fn the_bundled_timeline_draws_and_lists_every_dated_entry_in_order() {
    let d = Dossier::bundled().built();
    let page = d.page("timeline/index.html");
    let listed = page.hrefs(".timeline-list > li > a");
    let drawn = page.hrefs("svg.timeline-chart a");
    assert!(listed.len() >= 10, "{listed:?}");
    assert_eq!(
        drawn, listed,
        "the drawing and the list show the same entries in order"
    );
    // In date order: each entry's machine date, read at the end of its period, never
    // goes back.
    let dates = page.select(".timeline-list > li > .date time");
    let ends: Vec<String> = dates
        .iter()
        .map(|t| {
            let iso = t.value().attr("datetime").unwrap();
            match iso.len() {
                4 => format!("{iso}-13-32"),
                7 => format!("{iso}-32"),
                _ => iso.to_string(),
            }
        })
        .collect();
    assert_eq!(ends.len(), listed.len());
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "{ends:?}");
    // A date the notes give as "late 2022" reads so.
    assert!(page.text(".timeline-list").contains("late 2022"));
    // The bundled responses have no date of their own: listed apart, not placed.
    let undated = page.hrefs("#undated + p + ul a");
    assert!(!undated.is_empty());
    for u in &undated {
        assert!(!listed.contains(u), "{u} is both dated and undated");
    }
    // Labels fit their column: one row each, cut with an ellipsis.
    let labels = page.texts("svg.timeline-chart .tl-label");
    assert_eq!(labels.len(), listed.len());
    for l in &labels {
        assert!(l.chars().count() <= 52, "{l}");
    }
    let ys: Vec<f64> = page
        .select("svg.timeline-chart .tl-label")
        .iter()
        .map(|t| t.value().attr("y").unwrap().parse().unwrap())
        .collect();
    assert!(
        ys.windows(2).all(|w| w[1] - w[0] >= 20.0),
        "labels overlap: {ys:?}"
    );
    // The navigation of every page leads here.
    assert!(
        d.page("index.html")
            .hrefs("nav a")
            .contains(&"/timeline/".to_string())
    );
}

/// A dated claim and its dated response are joined in the drawing and nested in the list.
#[test]
fn a_claim_and_its_response_are_joined() {
    let d = Dossier::fixture("basic").built();
    let page = d.page("timeline/index.html");
    assert_eq!(page.select("svg.timeline-chart path.tl-link").len(), 1);
    assert_eq!(
        page.hrefs(".timeline-list .tl-responses a"),
        ["/routine/"],
        "the response under its claim"
    );
    // The claim is known to the month: drawn as a bar over March 2024.
    assert_eq!(
        page.select("svg.timeline-chart rect.tl-span.tl-claim")
            .len(),
        1
    );
}

/// A dossier with nothing dated still has the page the navigation links to.
#[test]
fn a_dossier_without_events_has_an_empty_timeline() {
    let d = Dossier::fixture("basic")
        .remove("content/claims/contract-approved.md")
        .remove("content/claims/unanswered.md")
        .remove("content/responses/routine.md")
        .built();
    let page = d.page("timeline/index.html");
    assert!(page.select("svg.timeline-chart").is_empty());
    assert_eq!(page.text("main .none"), "No event, claim or response yet.");
}

/// A person's or an organization's page shows its slice of the timeline: entries of the
/// whole timeline, in the same order; other notes' pages have none.
#[test]
fn people_and_organizations_show_their_slice_of_the_timeline() {
    let d = Dossier::bundled().built();
    let all = d
        .page("timeline/index.html")
        .hrefs(".timeline-list > li > a");
    let putin = d.page("vladimir-putin/index.html");
    let slice = putin.hrefs(".note-timeline .timeline-list > li > a");
    assert!(slice.len() >= 5, "{slice:?}");
    assert_eq!(putin.hrefs(".note-timeline svg a"), slice);
    let mut at = all.iter();
    for s in &slice {
        assert!(
            at.any(|a| a == s),
            "{s} is out of the whole timeline's order: {slice:?}"
        );
    }
    // Only what concerns him: his own page is not in it, and the whole timeline has
    // entries that are not his.
    assert!(!slice.contains(&"/vladimir-putin/".to_string()));
    assert!(slice.len() < all.len() || all.len() == slice.len());
    let claim = &all[0];
    assert!(
        d.page(&format!("{}index.html", &claim[1..]))
            .select(".note-timeline")
            .is_empty(),
        "{claim} is not a person or an organization"
    );
}

/// Beyond 400 dated entries the timeline is listed, not drawn.
#[test]
fn a_long_timeline_is_listed_not_drawn() {
    let mut d = Dossier::fixture("basic");
    for i in 0..400 {
        d = d.write(
            &format!("content/events/e{i:03}.md"),
            &note(
                &format!("Event {i}"),
                "event",
                &format!("date: \"2020-{:02}\"\n", i % 12 + 1),
                "Happened [@report, ¶1].",
            ),
        );
    }
    let d = d.built();
    let page = d.page("timeline/index.html");
    assert!(page.select("svg.timeline-chart").is_empty());
    assert_eq!(page.select(".timeline-list > li").len(), 402);
    assert!(
        page.text("main")
            .contains("With 402 dated entries the timeline is not drawn")
    );
}

/// `date_part`: "early 2024" is shown in the interface's words, sorted with the end of
/// April, and drawn over the first third of the year, not the whole of it.
#[test]
fn a_part_of_a_year_is_said_sorted_and_drawn_as_such() {
    let event = |title: &str, date: &str, part: &str| {
        format!("---\ntitle: {title}\nkind: event\ndate: \"{date}\"\n{part}---\n\nText.\n")
    };
    let d = Dossier::fixture("basic")
        .write(
            "content/events/early.md",
            &event("Early", "2024", "date_part: early\n"),
        )
        .write("content/events/may.md", &event("In May", "2024-05-10", ""))
        .write("content/events/year.md", &event("Some time", "2024", ""))
        .built();
    let page = d.page("timeline/index.html");
    let order = page.texts("ol.timeline-list > li > a");
    let at = |t: &str| order.iter().position(|x| x == t).unwrap();
    assert!(
        at("Early") < at("In May") && at("In May") < at("Some time"),
        "{order:?}"
    );
    assert!(page.text("ol.timeline-list").contains("early 2024"));
    let width = |title: &str| -> f64 {
        let rows = page.select("svg.timeline-chart a");
        let i = rows
            .iter()
            .position(|a| a.text().any(|t| t.contains(title)))
            .unwrap_or_else(|| panic!("no {title} in the drawing"));
        rows[i]
            .select(&scraper::Selector::parse("rect.tl-span").unwrap())
            .next()
            .and_then(|r| r.value().attr("width"))
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("{title} has no bar"))
    };
    let (early, year) = (width("Early"), width("Some time"));
    assert!(
        (early * 3.0 - year).abs() < 1.0,
        "early {early}, the year {year}"
    );
    // In Russian: «начало 2024 года».
    let d = d
        .edit("dossier.yaml", "language: en", "language: ru")
        .built();
    assert!(
        d.page("timeline/index.html")
            .text("ol.timeline-list")
            .contains("начало 2024 года")
    );
}
