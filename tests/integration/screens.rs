//! What a reader sees: the bundled dossier, built with its English interface and with a
//! Russian one, opened in headless Chromium on a phone (390×844) and on a desktop
//! (1280×900), in the light and the dark scheme. On the home page, a person's page, the
//! table, the source page, the timeline and the map: the title and the site's navigation
//! show, nothing makes the page scroll sideways (a wide drawing or table scrolls inside its
//! own region), the console says nothing wrong, and the Russian interface's navigation is
//! Russian. Each page is saved as a PNG of the whole page under `target/screens/`
//! (`en-light-phone-home.png`, …) for a developer to look at.
//!
//! Needs Chromium and ChromeDriver, as `browser.rs` does.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::support::*;

/// The pages looked at, each with the name its screenshot takes.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("person", "/vladimir-putin/"),
    ("table", "/claims-vs-denials/"),
    ("source", "/sources/meduza-wsj-musk-putin/"),
    ("timeline", "/timeline/"),
    ("map", "/map/"),
];

/// The widths a reader reads at: a phone's viewport and a desktop's.
const SIZES: &[(&str, u32, u32)] = &[("phone", 390, 844), ("desktop", 1280, 900)];

/// A page taller than this is saved in parts: headless Chromium makes no window much taller.
const TALLEST: u64 = 10_000;

/// Where the screenshots go: `target/screens/` (under `CARGO_TARGET_DIR` when it is set).
pub(crate) fn screens_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target folder")
        .join("screens");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Everything about a page that a reader would notice, in one script: `[problems, facts]`.
const LOOK: &str = r#"
const problems = [];
const visible = e => {
  if (!e) return false;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
    && parseFloat(s.opacity) > 0 && r.right > 0 && r.left < innerWidth;
};
const h1 = document.querySelector('main h1');
if (!h1) problems.push('no h1 in main');
else if (!visible(h1)) problems.push('the h1 is not visible');
else if (!h1.textContent.trim()) problems.push('the h1 is empty');
const nav = document.querySelector('header nav');
if (!nav) problems.push('no navigation in the header');
else {
  if (!visible(nav)) problems.push('the navigation is not visible');
  const links = Array.from(nav.querySelectorAll('a'));
  if (links.length < 4) problems.push('the navigation has ' + links.length + ' links');
  for (const a of links) {
    const r = a.getBoundingClientRect();
    if (!visible(a) || r.left < 0 || r.right > innerWidth + 0.5)
      problems.push('the navigation link «' + a.textContent + '» is not wholly in view');
  }
}
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (e.classList.length ? '.' + Array.from(e.classList).join('.') : '');
const scrolls = e => {
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll') return true;
  }
  return false;
};
const root = document.documentElement;
if (root.scrollWidth > innerWidth)
  problems.push('the page scrolls sideways: ' + root.scrollWidth + 'px wide in a ' + innerWidth + 'px viewport');
for (const e of [root, document.body]) {
  const o = getComputedStyle(e).overflowX;
  if (o !== 'visible' && o !== 'auto') problems.push(name(e) + ' hides what overflows (overflow-x: ' + o + ')');
}
// Whatever sticks out of the viewport's sides, outside a region made to scroll.
const out = [];
for (const e of document.body.querySelectorAll('*')) {
  if (e.closest('.skip, .visually-hidden') || scrolls(e)) continue;
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.right > innerWidth + 0.5 || r.left < -0.5) out.push(name(e) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
}
if (out.length) problems.push('beyond the viewport: ' + out.slice(0, 6).join(', ') + (out.length > 6 ? ', …' : ''));
// Text squeezed into a column a few letters wide, a word or a letter a line.
const cramped = [];
for (const e of document.body.querySelectorAll('*')) {
  if (e.closest('svg') || scrolls(e)) continue;
  const own = Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  if (own.length < 12) continue;
  const s = getComputedStyle(e);
  const size = parseFloat(s.fontSize);
  const r = e.getBoundingClientRect();
  if (r.width > 0 && r.width < 5 * size && r.height > 4 * size) cramped.push(name(e) + ' «' + own.slice(0, 30) + '» ' + Math.round(r.width) + 'px wide');
}
if (cramped.length) problems.push('text squeezed into a narrow column: ' + cramped.slice(0, 4).join(', '));
// A region that scrolls must itself fit.
for (const e of document.querySelectorAll('.table-scroll, .timeline-scroll')) {
  const r = e.getBoundingClientRect();
  if (r.right > innerWidth + 0.5) problems.push(name(e) + ' is wider than the viewport');
}
for (const l of document.querySelectorAll('link[rel=stylesheet]'))
  if (!l.sheet) problems.push('the stylesheet ' + l.getAttribute('href') + ' did not load');
const bg = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
return [problems, {
  lang: root.lang,
  nav: nav ? nav.textContent.replace(/\s+/g, ' ').trim() : '',
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  background: (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255,
  width: innerWidth,
  height: root.scrollHeight,
  frame: outerHeight - innerHeight,
}];
"#;

/// Builds the bundled dossier (`ru`: with the Russian interface over its English notes),
/// opens each page at each size in each scheme, checks it and saves its screenshot.
fn look_at(lang: &str) {
    let started = Instant::now();
    let d = if lang == "ru" {
        Dossier::bundled().edit(
            "dossier.yaml",
            "language: en",
            "language: ru\ncontent_language: en",
        )
    } else {
        Dossier::bundled()
    }
    .built();
    let server = StaticServer::start(&d.path().join("public"));
    let dir = screens_dir();
    let mut problems = Vec::new();
    let mut shots = 0;
    for scheme in ["light", "dark"] {
        let Some(b) = Browser::start_with(true, scheme == "dark") else {
            return;
        };
        for &(size, width, height) in SIZES {
            b.viewport(width, height);
            for &(page, path) in PAGES {
                let at = format!("{lang} {scheme} {size} {path}");
                b.goto(&server.url(path));
                b.wait_until(
                    "return document.readyState === 'complete'",
                    &format!("{at} has loaded"),
                );
                let [found, facts] = <[Value; 2]>::try_from(
                    b.js(LOOK).as_array().expect("LOOK answers a list").clone(),
                )
                .unwrap();
                for p in found.as_array().unwrap() {
                    problems.push(format!("{at}: {}", p.as_str().unwrap()));
                }
                for line in b.console() {
                    if !line.starts_with("INFO ") && !line.starts_with("DEBUG ") {
                        problems.push(format!("{at}: the console says {line}"));
                    }
                }
                assert_eq!(facts["width"], json!(width), "{at}: the viewport");
                assert_eq!(facts["dark"], json!(scheme == "dark"), "{at}: the scheme");
                let background = facts["background"].as_f64().unwrap();
                if (scheme == "dark") != (background < 0.2) {
                    problems.push(format!(
                        "{at}: the background's luminance is {background:.2} in the {scheme} scheme"
                    ));
                }
                let nav = facts["nav"].as_str().unwrap();
                if lang == "ru" && !(facts["lang"] == json!("ru") && nav.contains("Хронология"))
                {
                    problems.push(format!("{at}: the navigation is not Russian: {nav}"));
                }
                if lang == "en" && !nav.contains("Timeline") {
                    problems.push(format!("{at}: the navigation is not English: {nav}"));
                }

                // The whole page: a window as tall as it (its frame counted as at the
                // reader's size), or, for a longer page, as tall as a window gets, scrolled
                // down part by part (`…-table.png`, `…-table-2.png`, …).
                let name = format!("{lang}-{scheme}-{size}-{page}");
                remove_parts(&dir, &name);
                let full = facts["height"].as_u64().unwrap().max(u64::from(height));
                let frame = facts["frame"].as_u64().unwrap();
                let mut top = 0;
                let mut part = 1;
                while top < full {
                    let mut tall = (full - top).min(TALLEST);
                    // A last part at least as tall as the screen (overlapping the one before).
                    if tall < u64::from(height) {
                        top = full - u64::from(height);
                        tall = u64::from(height);
                    }
                    let (_, _, shown) = b.window(width, u32::try_from(tall + frame).unwrap());
                    assert_eq!(u64::from(shown), tall, "{at}: the window for a screenshot");
                    b.js(&format!("window.scrollTo(0, {top}); return true"));
                    let png = b.screenshot();
                    let file = dir.join(if part == 1 {
                        format!("{name}.png")
                    } else {
                        format!("{name}-{part}.png")
                    });
                    std::fs::write(&file, &png).unwrap();
                    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{at}: not a PNG");
                    let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
                    assert_eq!(png_width, width, "{at}: the screenshot's width");
                    if png.len() < 8 * 1024 {
                        problems.push(format!(
                            "{at}: the screenshot is only {} bytes: {}",
                            png.len(),
                            file.display()
                        ));
                    }
                    shots += 1;
                    top += tall;
                    part += 1;
                }
                b.viewport(width, height);
            }
        }
    }
    eprintln!(
        "screens: {lang}: {shots} screenshots in {} in {:.1?}",
        dir.display(),
        started.elapsed()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Removes the screenshots of an earlier run named `NAME.png` and `NAME-N.png`.
fn remove_parts(dir: &Path, name: &str) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(name).and_then(|r| r.strip_suffix(".png")) else {
            continue;
        };
        if rest.is_empty()
            || rest
                .strip_prefix('-')
                .is_some_and(|n| n.bytes().all(|c| c.is_ascii_digit()))
        {
            std::fs::remove_file(p).unwrap();
        }
    }
}

#[test]
fn the_english_pages_read_well_on_a_phone_and_a_desktop_light_and_dark() {
    look_at("en");
}

#[test]
fn the_russian_pages_read_well_on_a_phone_and_a_desktop_light_and_dark() {
    look_at("ru");
}
