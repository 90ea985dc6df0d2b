//! Live preview in a real browser: headless Chromium, driven through ChromeDriver, against a
//! real `dossier serve` on a free loopback port.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Locally,
//! without them, the test says loudly that it was skipped; under `CI=true` it fails.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

use crate::live::Server;
use crate::support::*;

/// The file `env` names, or the first of `names` that exists.
pub(crate) fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env)
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        return Some(p);
    }
    names.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// Headless Chromium, driven through ChromeDriver.
pub(crate) struct Browser {
    driver: Child,
    driver_port: u16,
    session: String,
    pub(crate) client: Client,
    pub(crate) rt: tokio::runtime::Runtime,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) fn start() -> Option<Browser> {
        Self::start_with(true, false)
    }

    /// A browser whose pages run no script (`scripts: false`: a reader who turned them off),
    /// or that prefers the dark scheme (`dark`).
    pub(crate) fn start_with(scripts: bool, dark: bool) -> Option<Browser> {
        let chromium = find(
            "DOSSIER_CHROMIUM",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        );
        let driver = find("DOSSIER_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "Chromium or ChromeDriver is missing: .ci/run must install `chromium` and `chromium-driver`"
                );
            }
            eprintln!(
                "\n*** SKIPPED: browser test: no /usr/bin/chromium or /usr/bin/chromedriver (apt-get install chromium chromium-driver) ***\n"
            );
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "ChromeDriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::TempDir::new().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1000,700",
                    format!("--user-data-dir={}", profile.path().display()),
                    // `prefers-color-scheme`, as the reader's system setting gives it.
                    format!("--blink-settings=preferredColorScheme={}", if dark { 0 } else { 1 }),
                ],
                "prefs": {
                    "profile.managed_default_content_settings.javascript": if scripts { 1 } else { 2 }
                }
            },
            // What the console shows, for `console`.
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let caps = match caps {
            Value::Object(m) => m,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = rt
            .block_on(
                ClientBuilder::new(connector)
                    .capabilities(caps)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .expect("a Chromium session");
        let session = rt
            .block_on(client.session_id())
            .unwrap()
            .expect("a session id");
        Some(Browser {
            driver,
            driver_port: port,
            session,
            client,
            rt,
            _profile: profile,
        })
    }

    pub(crate) fn goto(&self, url: &str) {
        self.rt.block_on(self.client.goto(url)).unwrap();
    }

    pub(crate) fn js(&self, script: &str) -> Value {
        self.rt
            .block_on(self.client.execute(script, vec![]))
            .unwrap()
    }

    /// Polls `script` until it returns `true`; panics with `what` after ten seconds.
    pub(crate) fn wait_until(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // Navigation in progress makes a script fail: just try again.
            if let Ok(Value::Bool(true)) = self.rt.block_on(self.client.execute(script, vec![])) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Browser {
    /// Sizes the window so that the page's viewport (`innerWidth` × `innerHeight`) is
    /// `width` × `height` CSS pixels: headless Chromium still counts a window's frame.
    pub(crate) fn viewport(&self, width: u32, height: u32) {
        let mut got = (0, 0);
        for _ in 0..5 {
            let (outer, _, inner) = self.settled();
            let frame = outer.saturating_sub(inner);
            let (_, iw, ih) = self.window(width, height + frame);
            if (iw, ih) == (width, height) {
                return;
            }
            got = (iw, ih);
        }
        panic!(
            "the viewport cannot be made {width}×{height}: it stays {}×{}",
            got.0, got.1
        );
    }

    /// Sizes the window itself, frame included (see [`Browser::viewport`]), and waits
    /// until the page has it: the window's outer height and the viewport's size then.
    pub(crate) fn window(&self, width: u32, height: u32) -> (u32, u32, u32) {
        self.rt
            .block_on(self.client.set_window_size(width, height))
            .unwrap();
        self.wait_until(
            &format!("return window.outerHeight === {height}"),
            &format!("the window is {width}×{height}"),
        );
        self.settled()
    }

    /// The window's outer height and the viewport's width and height, once they stay the
    /// same for a moment: a resize reaches the page in steps.
    fn settled(&self) -> (u32, u32, u32) {
        let read = || {
            let v = self.js("return [window.outerHeight, window.innerWidth, window.innerHeight]");
            let n = |i: usize| u32::try_from(v[i].as_u64().unwrap()).unwrap();
            (n(0), n(1), n(2))
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut last = read();
        let mut same = 0;
        while same < 3 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(40));
            let now = read();
            same = if now == last { same + 1 } else { 0 };
            last = now;
        }
        last
    }

    /// The PNG of what the viewport shows.
    pub(crate) fn screenshot(&self) -> Vec<u8> {
        self.rt.block_on(self.client.screenshot()).unwrap()
    }

    /// What the browser's console said since the last call: each entry as `LEVEL message`
    /// (`SEVERE` for an error, a script's or a resource that failed to load).
    pub(crate) fn console(&self) -> Vec<String> {
        let answer = post_json(
            self.driver_port,
            &format!("/session/{}/se/log", self.session),
            &json!({ "type": "browser" }),
        );
        answer["value"]
            .as_array()
            .unwrap_or_else(|| panic!("ChromeDriver gave no log: {answer}"))
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["level"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("")
                )
            })
            .collect()
    }
}

/// A POST of JSON to ChromeDriver over plain HTTP/1.1, for what fantoccini does not ask.
fn post_json(port: u16, path: &str, body: &Value) -> Value {
    use std::io::{Read, Write};
    let body = body.to_string();
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // ChromeDriver may keep the connection open: read the head, then what it says follows.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "ChromeDriver closed the connection");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|n| n.trim().parse::<usize>().unwrap());
    match length {
        Some(length) => {
            while raw.len() < split + length {
                let n = s.read(&mut buf).unwrap();
                assert!(n > 0, "ChromeDriver closed the connection");
                raw.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut raw).unwrap();
        }
    }
    let body = if head.contains("transfer-encoding: chunked") {
        crate::live::dechunk(&raw[split..])
    } else {
        raw[split..].to_vec()
    };
    serde_json::from_slice(&body).unwrap_or_else(|e| {
        panic!(
            "ChromeDriver's answer is not JSON ({e}): {}",
            String::from_utf8_lossy(&body)
        )
    })
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.rt.block_on(client.close());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "`{from}` is not in {rel}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_preview_follows_every_save_in_a_real_browser() {
    let Some(b) = Browser::start() else { return };
    let long_tail: String = (1..=40)
        .map(|i| format!("Filler paragraph {i}.\n\n"))
        .collect();
    let d = Dossier::fixture("basic")
        .write(
            "static/style.css",
            "body { background-color: rgb(1, 2, 3); }\n",
        )
        .edit(
            "content/people/clerk.md",
            "Reported the vote",
            &format!("Reported the vote\n\n{long_tail}"),
        );
    let root = d.path().to_path_buf();
    let mut s = Server::start(&root);

    // Open a note.
    b.goto(&s.url("/clerk/"));
    assert_eq!(
        b.js("return document.querySelector('h1').textContent"),
        json!("The clerk")
    );
    b.wait_until("return typeof EventSource === 'function' && performance.getEntriesByType('resource').some(e => e.name.includes('/__dossier/live.js'))", "the live-reload script is loaded");
    std::thread::sleep(Duration::from_millis(300));

    // Change its text on disk: the page updates by itself, at the same scroll position.
    b.js("window.scrollTo(0, 400); return window.scrollY");
    edit(
        &root,
        "content/people/clerk.md",
        "Filler paragraph 1.",
        "A freshly saved sentence.",
    );
    s.wait_rebuild();
    b.wait_until(
        "return document.body.innerText.includes('A freshly saved sentence.')",
        "the edit shows",
    );
    b.wait_until(
        "return document.readyState === 'complete' && Math.abs(window.scrollY - 400) < 5",
        "the scroll position is restored",
    );

    // Break its front matter: the overlay names the file and line.
    edit(
        &root,
        "content/people/clerk.md",
        "kind: person",
        "kind: persn",
    );
    s.wait_rebuild();
    b.wait_until(
        "const o = document.getElementById('dossier-overlay'); return !!o && o.textContent.includes('content/people/clerk.md:3:7') && o.textContent.includes('did you mean `person`?')",
        "the overlay shows the error",
    );
    // A page opened now shows it too.
    b.goto(&s.url("/jane-doe/"));
    b.wait_until(
        "return !!document.getElementById('dossier-overlay')",
        "a freshly opened page shows the overlay",
    );

    // Fix it: the overlay goes away without a manual refresh.
    edit(
        &root,
        "content/people/clerk.md",
        "kind: persn",
        "kind: person",
    );
    s.wait_rebuild();
    b.wait_until(
        "return document.readyState === 'complete' && !document.getElementById('dossier-overlay')",
        "the overlay is gone",
    );

    // Change the stylesheet: the new style applies without reloading the page.
    b.js("window.__dossierMarker = 'still here'; return true");
    std::fs::write(
        root.join("static/style.css"),
        "body { background-color: rgb(4, 5, 6); }\n",
    )
    .unwrap();
    s.wait_rebuild();
    b.wait_until(
        "return getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)'",
        "the new style applies",
    );
    assert_eq!(
        b.js("return window.__dossierMarker || null"),
        json!("still here"),
        "the page was reloaded"
    );

    // Delete a note nobody links to: its page is gone.
    b.goto(&s.url("/unanswered/"));
    std::fs::remove_file(root.join("content/claims/unanswered.md")).unwrap();
    s.wait_rebuild();
    b.wait_until("return document.readyState === 'complete' && document.querySelector('h1').textContent === 'Page not found'", "the deleted note's page is gone");

    // Delete a note others link to: they refuse to build, with a clear error.
    b.goto(&s.url("/clerk/"));
    std::fs::remove_file(root.join("content/people/jane-doe.md")).unwrap();
    s.wait_rebuild();
    b.wait_until(
        "const o = document.getElementById('dossier-overlay'); return !!o && o.textContent.includes('error[link-unresolved]') && o.textContent.includes('content/people/clerk.md')",
        "the overlay names the broken links",
    );
}

/// Types `q` into the search page's field and gives the titles of the results, once the
/// page says what it found for `q`.
fn search(b: &Browser, q: &str) -> Vec<String> {
    let quoted = serde_json::to_string(q).unwrap();
    b.js(&format!(
        "var i = document.getElementById('search-q'); i.value = {quoted}; \
         document.getElementById('search-status').textContent = ''; \
         i.dispatchEvent(new Event('input')); return true"
    ));
    let said = serde_json::to_string(&format!("«{}»", q.trim())).unwrap();
    b.wait_until(
        &format!("return document.getElementById('search-status').textContent.includes({said})"),
        &format!("the search page answers {q}"),
    );
    let titles = b.js("return Array.from(document.querySelectorAll('#search-results li > a'), a => a.textContent)");
    serde_json::from_value(titles).unwrap()
}

/// The bundled dossier's search, in a real browser: Russian words found by their start in
/// any form (`Путин` finds `Путина`), `ё` as `е`, English, and Latin keys for Cyrillic
/// words; title and alias matches first; a result followed; the header's field on any page.
#[test]
fn search_finds_russian_english_and_transliterated_words() {
    let Some(b) = Browser::start() else { return };
    let s = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    b.goto(&s.url("/search/"));

    let putin = search(&b, "Путин");
    assert_eq!(
        putin.first().map(String::as_str),
        Some("Vladimir Putin"),
        "{putin:?}"
    );
    // A Russian query finds the notes written in English too, by the word's Latin key
    // ("Putin"): more than a page of results.
    assert!(
        putin
            .iter()
            .any(|x| x == "Bremmer says Musk spoke with Putin"),
        "{putin:?}"
    );
    let status = b.js("return document.getElementById('search-status').textContent");
    assert!(
        status.as_str().unwrap().contains("the first 20"),
        "{status}"
    );
    // A word is found by its start: «кремлевск» is in no note whole, only in
    // «кремлевскими» (and its key in no English word).
    let start = search(&b, "кремлевск");
    assert!(
        start
            .iter()
            .any(|x| x.starts_with("The Wall Street Journal: Илон Маск")),
        "{start:?}"
    );
    let two = search(&b, "Путин Ксинжоу");
    assert!(two.is_empty(), "every word must be found: {two:?}");
    assert_eq!(
        search(&b, "ПЕСКОВ").first().map(String::as_str),
        Some("Dmitry Peskov")
    );
    // Latin keys: "roskosmos" is only the key of «Роскосмос» (the title says Roscosmos).
    let roscosmos = search(&b, "roskosmos");
    assert_eq!(
        roscosmos.first().map(String::as_str),
        Some("Roscosmos"),
        "{roscosmos:?}"
    );
    assert_eq!(roscosmos.len(), 2, "the note and the source: {roscosmos:?}");
    assert_eq!(
        search(&b, "peskov").first().map(String::as_str),
        Some("Dmitry Peskov")
    );
    let kremlin = search(&b, "kreml");
    assert_eq!(
        kremlin.first().map(String::as_str),
        Some("The Kremlin"),
        "{kremlin:?}"
    );
    assert!(kremlin.len() > 3, "{kremlin:?}");
    // English, and every word must be found.
    let embassy = search(&b, "embassy");
    assert_eq!(
        embassy.first().map(String::as_str),
        Some("Chinese embassy in Washington")
    );
    let both = search(&b, "embassy pentagon");
    assert!(both.len() < embassy.len(), "{both:?} {embassy:?}");
    assert!(search(&b, "zzzqqq").is_empty());
    // The archived source is found by its own words.
    let source = search(&b, "Мариуполе");
    assert!(!source.is_empty(), "{source:?}");

    // Results come a page at a time.
    let musk = search(&b, "musk");
    assert_eq!(musk.len(), 20, "{musk:?}");
    let status = b.js("return document.getElementById('search-status').textContent");
    assert!(
        status.as_str().unwrap().contains("the first 20 are shown"),
        "{status}"
    );
    b.js("document.getElementById('search-more').click(); return true");
    b.wait_until(
        "return document.querySelectorAll('#search-results li').length > 20",
        "a second page of results",
    );
    let all = b.js("return [document.querySelectorAll('#search-results li').length, document.getElementById('search-more').hidden]");
    assert!(all[0].as_u64().unwrap() <= 40, "{all}");

    // Following a result.
    search(&b, "peskov");
    b.js("document.querySelector('#search-results li > a').click(); return true");
    b.wait_until(
        "return location.pathname === '/dmitry-peskov/' && document.querySelector('h1').textContent === 'Dmitry Peskov'",
        "the result's page opens",
    );

    // The field in every page's header leads to the results.
    b.goto(&s.url("/"));
    b.js("var f = document.querySelector('form.site-search'); f.q.value = 'Кремль'; f.submit(); return true");
    b.wait_until(
        "return location.pathname === '/search/' && document.querySelectorAll('#search-results li').length > 0 && document.getElementById('search-q').value === 'Кремль'",
        "the header's search gives results",
    );
    let first = b.js("return document.querySelector('#search-results li > a').textContent");
    assert_eq!(first, json!("The Kremlin"));
}

/// Without scripts the search page says that it needs them, and links to the listings.
#[test]
fn the_search_page_without_javascript_links_to_the_listings() {
    let Some(b) = Browser::start_with(false, false) else {
        return;
    };
    let s = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    b.goto(&s.url("/search/?q=peskov"));
    let rt = &b.rt;
    let text = rt
        .block_on(b.client.find(fantoccini::Locator::Css("main")))
        .unwrap();
    let text = rt.block_on(text.text()).unwrap();
    assert!(text.contains("needs JavaScript, which is off"), "{text}");
    let links = rt
        .block_on(
            b.client
                .find_all(fantoccini::Locator::Css(".search-browse a")),
        )
        .unwrap();
    let mut names = Vec::new();
    for l in links {
        names.push(rt.block_on(l.text()).unwrap());
    }
    for want in ["People", "Claims vs. responses", "Sources", "Tags"] {
        assert!(
            names.iter().any(|n| n == want),
            "no link to {want}: {names:?}"
        );
    }
    // No result was shown: the script did not run.
    let results = rt
        .block_on(
            b.client
                .find_all(fantoccini::Locator::Css("#search-results li")),
        )
        .unwrap();
    assert!(results.is_empty());
}

/// axe-core (npm `axe-core`; `.ci/run` installs it and sets `DOSSIER_AXE_JS`), or `None`
/// with a loud note (a failure under `CI=true`).
fn axe_source() -> Option<String> {
    let candidates = [
        std::env::var_os("DOSSIER_AXE_JS").map(PathBuf::from),
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cache/dossier-axe/node_modules/axe-core/axe.min.js")),
    ];
    match candidates.into_iter().flatten().find(|p| p.is_file()) {
        Some(p) => Some(std::fs::read_to_string(p).unwrap()),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("axe-core is missing: .ci/run must install it and set DOSSIER_AXE_JS")
        }
        None => {
            eprintln!(
                "\n*** SKIPPED: accessibility: no axe.min.js (set DOSSIER_AXE_JS, or run .ci/run) ***\n"
            );
            None
        }
    }
}

/// axe-core finds no violation (WCAG 2.x A and AA rules, and its best practices) on the
/// bundled dossier's home page, a person's page, a claim's, the table, the source page, the
/// timeline, the map and the search page with results, in the light and the dark scheme.
#[test]
fn the_bundled_pages_have_no_accessibility_violations() {
    let Some(axe) = axe_source() else { return };
    let s = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    let found = axe_violations(&s, &axe, &["light", "dark"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The same pages with the interface in Russian over the English notes (each part marked
/// with its language), in the light scheme: the words differ, the rules hold.
#[test]
fn the_russian_pages_have_no_accessibility_violations() {
    let Some(axe) = axe_source() else { return };
    let d = Dossier::bundled().edit(
        "dossier.yaml",
        "language: en",
        "language: ru\ncontent_language: en",
    );
    let s = Server::start(d.path());
    let found = axe_violations(&s, &axe, &["light"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// axe-core's violations on the pages of the issue, in each scheme.
fn axe_violations(s: &Server, axe: &str, schemes: &[&str]) -> Vec<String> {
    let pages = [
        "/search/?q=peskov",
        "/",
        "/vladimir-putin/",
        "/regular-contact-since-late-2022/",
        "/claims-vs-denials/",
        "/sources/meduza-wsj-musk-putin/",
        "/timeline/",
        "/map/",
    ];
    let mut found = Vec::new();
    for &scheme in schemes {
        for page in pages {
            // A browser per page: pages of the preview keep their live-reload connection
            // open a while after they are left, and a page visited after several could
            // wait on Chromium's six connections per host.
            let Some(b) = Browser::start_with(true, scheme == "dark") else {
                return found;
            };
            b.goto(&s.url(page));
            let dark = b.js("return matchMedia('(prefers-color-scheme: dark)').matches");
            assert_eq!(dark, json!(scheme == "dark"), "the browser's scheme");
            if page.starts_with("/search/") {
                let deadline = Instant::now() + Duration::from_secs(10);
                while b.js("return document.querySelectorAll('#search-results li').length")
                    == json!(0)
                {
                    if Instant::now() > deadline {
                        let state = b.js("return [location.href, document.getElementById('search-status').textContent, performance.getEntriesByType('resource').map(e => e.name + ' ' + e.responseStatus)]");
                        panic!("no search results: {state}");
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
            b.js(&format!("{axe}\nreturn true"));
            let run = "var done = arguments[arguments.length - 1]; \
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }) \
                 .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ') ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))), e => done(['axe failed: ' + e]));";
            let v = b.rt.block_on(b.client.execute_async(run, vec![])).unwrap();
            for line in v.as_array().unwrap() {
                found.push(format!("{scheme} {page}: {}", line.as_str().unwrap()));
            }
        }
    }
    found
}

/// The keyboard reaches every link: pressing Tab from the top of the page focuses, in
/// turn, every link a reader can see (those of the drawings excepted: the list beside each
/// drawing has the same links), on the home page, the table, the timeline and the map.
#[test]
fn the_keyboard_reaches_every_link() {
    let Some(b) = Browser::start() else { return };
    let s = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    for page in ["/", "/claims-vs-denials/", "/timeline/", "/map/"] {
        b.goto(&s.url(page));
        let want: Vec<String> = serde_json::from_value(b.js(
            "return Array.from(document.querySelectorAll('a[href]')) \
             .filter(a => !a.closest('[aria-hidden=true]') && a.getClientRects().length > 0) \
             .map(a => a.getAttribute('href'))",
        ))
        .unwrap();
        let body =
            b.rt.block_on(b.client.find(fantoccini::Locator::Css("body")))
                .unwrap();
        let mut reached = std::collections::BTreeSet::new();
        // Every link, the skip link and the form's fields and buttons, and some to spare.
        for _ in 0..want.len() + 12 {
            b.rt.block_on(body.send_keys("\u{e004}")).unwrap();
            if let Value::String(h) =
                b.js("var a = document.activeElement; return a && a.getAttribute('href')")
            {
                reached.insert(h);
            }
        }
        let missed: Vec<&String> = want.iter().filter(|h| !reached.contains(*h)).collect();
        assert!(missed.is_empty(), "{page}: Tab never reaches {missed:?}");
    }
}

/// The interface in Russian where a script speaks: the search page's answers and labels,
/// and the preview's error overlay arriving live.
#[test]
fn search_and_the_preview_speak_the_dossiers_language() {
    let Some(b) = Browser::start() else { return };
    let d = Dossier::bundled().edit(
        "dossier.yaml",
        "language: en",
        "language: ru\ncontent_language: en",
    );
    let root = d.path().to_path_buf();
    let mut s = Server::start(&root);
    b.goto(&s.url("/search/"));
    let found = search(&b, "Рогозин");
    assert!(found.len() > 1 && found.len() < 20, "{found:?}");
    let status = b.js("return document.getElementById('search-status').textContent");
    let status = status.as_str().unwrap();
    // «N результатов» or «N результата»: the browser's plural rules for Russian.
    let n = found.len();
    let word = match (n % 10, n % 100) {
        (1, 11) | (2..=4, 12..=14) | (0 | 5..=9, _) => "результатов",
        (1, _) => "результат",
        _ => "результата",
    };
    assert_eq!(status, format!("{n} {word} по запросу «Рогозин»."));
    let kinds = b.js("return Array.from(document.querySelectorAll('#search-results .kind-label'), k => k.textContent)");
    let kinds: Vec<String> = serde_json::from_value(kinds).unwrap();
    assert!(kinds.iter().any(|k| k == "человек"), "{kinds:?}");
    // The notes' own words keep their language.
    let lang = b.js("return document.querySelector('#search-results li > a').lang");
    assert_eq!(lang.as_str(), Some("en"));

    // A broken edit: the overlay says so in Russian, over the last good page.
    b.goto(&s.url("/dmitry-peskov/"));
    let note = root.join("content/people/dmitry-peskov.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replacen("kind: person", "kind: persn", 1)).unwrap();
    s.wait_rebuild();
    b.wait_until(
        "const o = document.getElementById('dossier-overlay'); return !!o && o.textContent.startsWith('Последняя правка сломала сборку') && o.getAttribute('aria-label') === 'В досье есть ошибки' && o.textContent.includes('error[')",
        "the overlay speaks Russian",
    );
}

/// Every page of a dossier whose every string is hostile (`injection::hostile`), opened in
/// a real browser: no `alert` runs, on load or on a click of the first link of its text.
#[test]
fn hostile_pages_raise_no_alert() {
    let Some(b) = Browser::start() else { return };
    let d = crate::injection::hostile().built();
    let out = d.path().join("public");
    let mut pages = files_under(&out);
    pages.retain(|p| p.extension().is_some_and(|x| x == "html"));
    assert!(pages.len() > 10, "{pages:?}");
    let mut alerted = Vec::new();
    // Opened as files: no server, and no live-reload connection held open per page.
    for page in &pages {
        let page = page.display().to_string();
        b.goto(&format!("file://{page}"));
        // A body link, clicked where there is one: a handler or a script address would run.
        b.js("var a = Array.from(document.querySelectorAll('main a[href]')).find(a => !/^[\\/#]|^https?:/.test(a.getAttribute('href'))); if (a) a.click(); return true");
        if let Ok(text) = b.rt.block_on(b.client.get_alert_text()) {
            alerted.push(format!("{page}: {text}"));
            let _ = b.rt.block_on(b.client.dismiss_alert());
        }
        let injected = b.js("return document.querySelectorAll('img, script:not([type=\"application/ld+json\"]):not([src])').length");
        assert_eq!(
            injected,
            json!(0),
            "{page}: an element the theme did not put there"
        );
    }
    assert!(alerted.is_empty(), "{alerted:?}");
    // The trap itself works: a page that does inject is caught.
    let bad = d.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><p><img src=x onerror=alert(2)></p>").unwrap();
    b.goto(&format!("file://{}", bad.display()));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Ok(text) = b.rt.block_on(b.client.get_alert_text()) {
            assert_eq!(text, "2");
            let _ = b.rt.block_on(b.client.dismiss_alert());
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the control page's alert was not seen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
