//! What an editor or a lawyer prints: the bundled dossier's claims table, a claim's page
//! and the archived source, printed to PDF by headless Chromium, then read back with
//! poppler's `pdftotext`. On paper there is no navigation (no skip link, no menu, no search
//! form, no footer), a link to another site shows its address, and no row of the table is
//! cut across two pages. Each printed page is also saved as a PNG under `target/screens/`
//! (`print-table-1.png`, …) for a developer to look at.
//!
//! Needs Chromium (as `browser.rs` does) and poppler-utils (`pdftotext`, `pdftoppm`;
//! `.ci/run` installs them). Locally, without them, the test says loudly that it was
//! skipped; under `CI=true` it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::browser::find;
use crate::screens::screens_dir;
use crate::support::*;

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Chromium, when it and poppler-utils are here; else `None` with a loud note (a failure
/// under `CI=true`).
fn tools() -> Option<PathBuf> {
    let chromium = find(
        "DOSSIER_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let poppler = ["pdftotext", "pdftoppm"].iter().all(|tool| {
        Command::new(tool)
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    });
    match (chromium, poppler) {
        (Some(chromium), true) => Some(chromium),
        (None, _) if ci() => {
            panic!("Chromium is missing: .ci/run must install `chromium`")
        }
        (_, false) if ci() => {
            panic!("pdftotext or pdftoppm is missing: .ci/run must install `poppler-utils`")
        }
        (None, _) => {
            eprintln!(
                "\n*** SKIPPED: print test: no /usr/bin/chromium (apt-get install chromium) ***\n"
            );
            None
        }
        (_, false) => {
            eprintln!(
                "\n*** SKIPPED: print test: no pdftotext or pdftoppm (apt-get install poppler-utils) ***\n"
            );
            None
        }
    }
}

/// Prints `url` to `pdf` as a reader's "Print" would, in a fresh profile.
fn print_to_pdf(chromium: &Path, url: &str, pdf: &Path) {
    let profile = tempfile::TempDir::new().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "Chromium could not print {url}: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium took over a minute to print {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let size = std::fs::metadata(pdf).map(|m| m.len()).unwrap_or(0);
    assert!(size > 1024, "{url} printed to {size} bytes");
}

/// The PDF's text as `pdftotext -layout` lays it out, one string per page.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    // The text ends with a form feed: no page after it.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Renders each page of the PDF as `target/screens/print-NAME-N.png` (60 dpi); the files.
fn pdf_to_pngs(pdf: &Path, name: &str) -> Vec<PathBuf> {
    let dir = screens_dir();
    for old in std::fs::read_dir(&dir).unwrap() {
        let old = old.unwrap().path();
        let file = old.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with(&format!("print-{name}-")) && file.ends_with(".png") {
            std::fs::remove_file(old).unwrap();
        }
    }
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(pdf)
        .arg(dir.join(format!("print-{name}")))
        .status()
        .unwrap();
    assert!(status.success());
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let file = p.file_name().unwrap().to_string_lossy();
            file.starts_with(&format!("print-{name}-")) && file.ends_with(".png")
        })
        .collect();
    pngs.sort();
    pngs
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Whether `needle`'s words are in `hay`'s, in order (other words may come between them:
/// `pdftotext -layout` writes a table's columns side by side, line by line).
fn in_order(needle: &[&str], hay: &[&str]) -> bool {
    let mut rest = hay.iter();
    needle.iter().all(|w| rest.any(|h| h == w))
}

/// Where the printed claims table cuts a row across two pages, or might: each claim's
/// title must be whole on one page, every page the table runs onto must repeat its header,
/// and what follows the header there must be the start of a row (the first words of a
/// claim's title in the first column), never the rest of one.
fn rows_cut(html: &Page, printed: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let header = html.texts("table.claims thead th").join(" ");
    let titles = html.texts("table.claims tbody th");
    assert_eq!(titles.len(), 9, "{titles:?}");
    let mut table_pages = Vec::new();
    for title in &titles {
        let on: Vec<usize> = (0..printed.len())
            .filter(|&i| in_order(&words(title), &words(&printed[i])))
            .collect();
        match on.first() {
            Some(&i) => table_pages.push(i),
            None => problems.push(format!("no page holds the whole title «{title}»")),
        }
    }
    table_pages.sort_unstable();
    table_pages.dedup();
    for i in table_pages {
        let page = &printed[i];
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let Some(at) = lines.iter().position(|l| fold(l) == header) else {
            problems.push(format!(
                "page {} of the table does not repeat its header «{header}»:\n{page}",
                i + 1
            ));
            continue;
        };
        // The first column of the line after the header: its text up to the first gap
        // between columns (`pdftotext -layout` keeps two spaces or more there).
        let next = lines.get(at + 1).copied().unwrap_or("");
        let first = fold(next.trim_start().split("  ").next().unwrap_or(""));
        let starts_a_row = !next.starts_with("   ")
            && !first.is_empty()
            && titles.iter().any(|t| t.starts_with(&first));
        if !starts_a_row {
            problems.push(format!(
                "page {} of the table goes on with the rest of a row: «{}»",
                i + 1,
                next.trim()
            ));
        }
    }
    problems
}

/// The rules of the stylesheet's `@media print` block.
fn print_css(css: &str) -> &str {
    let start = css
        .find("@media print")
        .expect("the stylesheet has a print block");
    let body = &css[start..];
    let mut depth = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &body[..=i];
                }
            }
            _ => {}
        }
    }
    panic!("the print block does not end")
}

#[test]
fn printed_pages_have_no_navigation_show_addresses_and_keep_rows_whole() {
    let Some(chromium) = tools() else { return };
    let started = Instant::now();
    // The bundled dossier links to no other site: give its source an address and an
    // archived copy, and the claim a link in its text.
    let original = "https://example.org/2024/10/wsj-musk-putin";
    let archived = "https://archive.ph/2024.10.25-000000/wsj-musk-putin";
    let elsewhere = "https://www.example.com/tech/musk-putin-contacts";
    let d = Dossier::bundled()
        .edit(
            "seeds/meduza-wsj-musk-putin.yaml",
            "publisher: Meduza\n",
            &format!("publisher: Meduza\nurl: {original}\narchive_url: {archived}\n"),
        )
        .edit(
            "content/claims/regular-contact-since-late-2022.md",
            "so it is not listed among this claim's responses.",
            &format!(
                "so it is not listed among this claim's responses. The newspaper's own report is [on its site]({elsewhere})."
            ),
        )
        .built();
    let server = StaticServer::start(&d.path().join("public"));
    let tmp = tempfile::TempDir::new().unwrap();

    // What the header and the footer say, which paper must not show.
    let home = d.page("index.html");
    let nav: Vec<String> = home.texts("header nav a");
    assert!(nav.len() >= 8, "{nav:?}");
    let site_title = home.text("header .site-title");
    let footer = home.text("footer");

    let table = d.page("claims-vs-denials/index.html");
    let claim = d.page("regular-contact-since-late-2022/index.html");
    let source = d.page("sources/meduza-wsj-musk-putin/index.html");
    let pages = [
        ("table", "/claims-vs-denials/", &table),
        ("claim", "/regular-contact-since-late-2022/", &claim),
        ("source", "/sources/meduza-wsj-musk-putin/", &source),
    ];
    let mut problems = Vec::new();
    for (name, path, html) in pages {
        let pdf = tmp.path().join(format!("{name}.pdf"));
        let t = Instant::now();
        print_to_pdf(&chromium, &server.url(path), &pdf);
        let printed = pdf_pages(&pdf);
        let pngs = pdf_to_pngs(&pdf, name);
        eprintln!(
            "print: {path}: {} pages in {:.1?} ({})",
            printed.len(),
            t.elapsed(),
            pngs.iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        );
        assert_eq!(pngs.len(), printed.len(), "{path}: a PNG per page");
        for png in &pngs {
            let size = std::fs::metadata(png).unwrap().len();
            assert!(size > 2048, "{}: {size} bytes", png.display());
        }
        let all = printed.join("\n");
        let folded = fold(&all);

        // The page's own title is printed: the text is there to be read.
        let h1 = html.text("main h1");
        assert!(folded.contains(&h1), "{path}: no «{h1}» in:\n{all}");

        // No chrome: the skip link, the site's title and navigation, the search form, the
        // footer.
        for chrome in [
            "Skip to content",
            "Search",
            site_title.as_str(),
            footer.as_str(),
        ] {
            if folded.contains(chrome) {
                problems.push(format!("{path}: the printed page says «{chrome}»"));
            }
        }
        // The navigation's words in their order, as a menu would print them, even apart.
        let menu: Vec<&str> = nav.iter().map(String::as_str).collect();
        let lines: Vec<String> = all.lines().map(fold).collect();
        if lines.iter().any(|l| {
            let n = menu.iter().filter(|m| l.contains(*m)).count();
            n >= 3
        }) {
            problems.push(format!("{path}: a line holds the navigation: {menu:?}"));
        }

        // Every link to another site shows its address (on paper a link is read, not
        // followed): after its words, or as its words, once. Links within the site are not
        // written out: the references say where each statement comes from.
        // A long address breaks across lines: compare without white space.
        let squeezed: String = all.split_whitespace().collect();
        let links = html.select("main a[href]");
        let external: Vec<_> = links
            .iter()
            .filter(|a| a.value().attr("href").unwrap().starts_with("http"))
            .collect();
        for a in &external {
            let href = a.value().attr("href").unwrap();
            let words: String = a.text().collect::<String>().split_whitespace().collect();
            let (want, written) = if words == href {
                (href.to_string(), "as its words, once")
            } else {
                (format!("{words}<{href}>"), "after its words")
            };
            if squeezed.matches(&want).count() != 1 || squeezed.matches(href).count() != 1 {
                problems.push(format!(
                    "{path}: the address {href} is not printed {written}"
                ));
            }
        }
        match name {
            "source" => assert_eq!(external.len(), 2, "the original and the archived copy"),
            "claim" => assert_eq!(external.len(), 1, "the link in the claim's text"),
            _ => {}
        }
        for a in &links {
            let href = a.value().attr("href").unwrap();
            if href.starts_with('/') && squeezed.contains(&format!("<{href}>")) {
                problems.push(format!("{path}: the address {href} is written out"));
            }
        }

        if name == "table" {
            for problem in rows_cut(html, &printed) {
                problems.push(format!("{path}: {problem}"));
            }
        }
    }

    // And the stylesheet the site serves says so, for any table: rows are not cut, the
    // header repeats.
    let print = fold(print_css(&d.read("style.css")));
    if !print.contains("thead { display: table-header-group; }") {
        problems.push(format!(
            "the print stylesheet does not repeat a table's header: {print}"
        ));
    }
    let avoids_tr = print
        .split('}')
        .filter(|rule| rule.contains("break-inside: avoid"))
        .filter_map(|rule| rule.rsplit_once('{'))
        .any(|(selectors, _)| {
            let selectors = selectors.rsplit('{').next().unwrap_or_default();
            selectors.split(',').any(|s| s.trim() == "tr")
        });
    if !avoids_tr {
        problems.push(format!(
            "no `tr {{ break-inside: avoid }}` in the print stylesheet: {print}"
        ));
    }
    eprintln!(
        "print: 3 pages printed and read in {:.1?}",
        started.elapsed()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
