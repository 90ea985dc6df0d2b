//! `dossier check --external`: the links to other sites, asked of a test server on
//! loopback (never the real network). The server answers each path as a kind of site does
//! and counts what it was asked; the fixture's addresses name it as `HOST`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;

use crate::support::*;

/// A site on `127.0.0.1` that answers:
/// - `/ok`, `/archive`: 200;
/// - `/gone`, `/source-gone`: 404;
/// - `/busy`: 429 with `Retry-After: 1` the first time, then 200;
/// - `/flaky`: 503 the first two times, then 200;
/// - `/slow`: 200 after 3 s, longer than the tests' timeout;
/// - `/no-head`: 405 to `HEAD`, 200 to `GET`.
struct Site {
    port: u16,
    /// Every request: method and path.
    seen: Arc<Mutex<Vec<(Method, String)>>>,
}

impl Site {
    fn start() -> Site {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen: Arc<Mutex<Vec<(Method, String)>>> = Arc::default();
        let log = seen.clone();
        let app = axum::Router::new().fallback(move |method: Method, uri: Uri| {
            let log = log.clone();
            async move {
                let path = uri.path().to_string();
                let times = {
                    let mut log = log.lock().unwrap();
                    log.push((method.clone(), path.clone()));
                    log.iter().filter(|(_, p)| *p == path).count()
                };
                let mut headers = HeaderMap::new();
                let status = match path.as_str() {
                    "/ok" | "/archive" => StatusCode::OK,
                    "/gone" | "/source-gone" => StatusCode::NOT_FOUND,
                    "/busy" if times == 1 => {
                        headers.insert("retry-after", "1".parse().unwrap());
                        StatusCode::TOO_MANY_REQUESTS
                    }
                    "/busy" => StatusCode::OK,
                    "/flaky" if times <= 2 => StatusCode::SERVICE_UNAVAILABLE,
                    "/flaky" => StatusCode::OK,
                    "/slow" => {
                        tokio::time::sleep(Duration::from_secs(3)).await;
                        StatusCode::OK
                    }
                    "/no-head" if method == Method::HEAD => StatusCode::METHOD_NOT_ALLOWED,
                    "/no-head" => StatusCode::OK,
                    _ => StatusCode::NOT_FOUND,
                };
                (status, headers, "a page\n").into_response()
            }
        });
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        Site { port, seen }
    }

    /// How many requests asked for `path`.
    fn count(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, p)| p == path)
            .count()
    }

    fn counts(&self, paths: &[&str]) -> HashMap<String, usize> {
        paths
            .iter()
            .map(|p| (p.to_string(), self.count(p)))
            .collect()
    }

    fn total(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// The fixture `external`, its addresses naming this site.
    fn dossier(&self) -> Dossier {
        let d = Dossier::fixture("external");
        let host = format!("127.0.0.1:{}", self.port);
        for rel in [
            "dossier.yaml",
            "seeds/report.yaml",
            "content/people/clerk.md",
            "content/notes/overview.md",
        ] {
            let p = d.path().join(rel);
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(p, text.replace("HOST", &host)).unwrap();
        }
        d
    }
}

/// Runs `dossier ARGS` in `dir` with the tests' short waits: 300 ms for an answer, 50 ms
/// before the first retry. No proxy is used: the site is on loopback.
fn run_fast(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = std::process::Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("DOSSIER_EXTERNAL_TIMEOUT_MS", "300")
        .env("DOSSIER_EXTERNAL_BACKOFF_MS", "50");
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const GOOD: &[&str] = &["/ok", "/archive", "/busy", "/flaky", "/no-head"];

#[test]
fn external_links_are_asked_only_with_the_flag() {
    let site = Site::start();
    let d = site.dossier();
    let r = run_fast(d.path(), &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let r = run_fast(d.path(), &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(site.total(), 0, "the site was asked: {:?}", site.seen);
    assert!(!d.path().join(".dossier-cache").exists());
    // `--external-max-age` means nothing without `--external`.
    let r = run_fast(d.path(), &["check", "--external-max-age", "1"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--external"), "{}", r.stderr);
    assert_eq!(site.total(), 0);
}

#[test]
fn external_links_are_checked_retried_reported_and_cached() {
    let site = Site::start();
    let d = site.dossier();
    let host = format!("127.0.0.1:{}", site.port);
    let started = Instant::now();
    let r = run_fast(d.path(), &["check", "--external"]);
    let took = started.elapsed();
    // A note's link that leads nowhere is an error.
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let gone = format!("http://{host}/gone");
    assert!(
        r.stderr.contains(&format!(
            "error[external-link-broken]: the link to `{gone}` is broken: it answered 404 Not Found\n \
             --> content/people/clerk.md:7:15\n  |\n7 | [the minutes]({gone}), which were taken down.\n  |               {}\n  \
             = help: the page is gone or has moved: link to where it is now, or to a copy in a web archive\n",
            "^".repeat(gone.len())
        )),
        "{}",
        r.stderr
    );
    // A source's address that leads nowhere is a warning: the text is archived in seeds/.
    assert!(
        r.stderr.contains(&format!(
            "warning[external-link-broken]: the source's address `http://{host}/source-gone` is broken: it answered 404 Not Found\n \
             --> seeds/report.yaml:4:6\n"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("`archive_url` gives readers another"),
        "{}",
        r.stderr
    );
    // No answer in time, three times: a warning.
    let slow = format!("http://{host}/slow");
    let column = d
        .source_text("content/people/clerk.md")
        .lines()
        .nth(8)
        .unwrap()
        .find(&slow)
        .unwrap()
        + 1;
    assert!(
        r.stderr.contains(&format!(
            "warning[external-link-unreachable]: `{slow}` could not be checked: no answer within 0.3 s (tried 3 times)\n \
             --> content/people/clerk.md:9:{column}\n"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("asking 8 external links on 1 host…"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("1 error, 2 warnings"), "{}", r.stderr);
    // Nothing else was reported: the busy, flaky and HEAD-refusing sites passed.
    assert_eq!(r.stderr.matches("external-link").count(), 3, "{}", r.stderr);
    assert_eq!(
        r.stdout, "checked 8 external links on 1 host: 2 broken, 1 unreachable, 5 good\n",
        "{}",
        r.stderr
    );
    // One request for the address two notes write, fragment or not.
    assert_eq!(site.count("/ok"), 1);
    // Asked again after the 429, once its Retry-After had passed.
    assert_eq!(site.count("/busy"), 2);
    assert!(took >= Duration::from_secs(1), "{took:?}");
    // HEAD 503, GET 503, then GET 200 after a wait.
    assert_eq!(site.count("/flaky"), 3);
    let no_head: Vec<Method> = site
        .seen
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, p)| p == "/no-head")
        .map(|(m, _)| m.clone())
        .collect();
    assert_eq!(no_head, [Method::HEAD, Method::GET]);
    assert_eq!(site.count("/slow"), 3);
    // The good answers are kept, in a folder that git ignores.
    let cache = d.source_text(".dossier-cache/external-links.json");
    for path in GOOD {
        assert!(cache.contains(&format!("http://{host}{path}\"")), "{cache}");
    }
    assert!(!cache.contains("gone"), "{cache}");
    assert_eq!(
        d.source_text(".dossier-cache/.gitignore").lines().last(),
        Some("*")
    );

    // The next check asks only what was not found good.
    let good_before = site.counts(GOOD);
    let r = run_fast(d.path(), &["check", "--external"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "checked 8 external links on 1 host: 2 broken, 1 unreachable, 5 good (5 from the cache)\n"
    );
    assert!(
        r.stderr.contains("asking 3 external links on 1 host…"),
        "{}",
        r.stderr
    );
    assert_eq!(
        site.counts(GOOD),
        good_before,
        "a good address was asked again"
    );
    assert_eq!(site.count("/gone"), 4, "HEAD and GET, twice");
    assert_eq!(site.count("/slow"), 6);

    // With a maximum age of 0 days every address is asked again; JSON for machines.
    let r = run_fast(
        d.path(),
        &[
            "check",
            "--external",
            "--external-max-age",
            "0",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(site.count("/ok"), 2);
    // What it found good is kept for the checks after it all the same.
    let cache = d.source_text(".dossier-cache/external-links.json");
    assert!(cache.contains(&format!("http://{host}/ok\"")), "{cache}");
    let broken: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["code"] == "external-link-broken")
        .collect();
    assert_eq!(broken.len(), 2, "{}", r.stdout);
    assert_eq!(broken[0]["file"], "content/people/clerk.md");
    assert_eq!(broken[0]["line"], 7);
    assert_eq!(broken[0]["column"], 15);
    assert_eq!(broken[0]["severity"], "error");
    assert_eq!(broken[1]["file"], "seeds/report.yaml");
    assert_eq!(broken[1]["severity"], "warning");
}

#[test]
fn a_check_with_only_good_links_passes() {
    let site = Site::start();
    let d = site.dossier();
    let host = format!("127.0.0.1:{}", site.port);
    for (rel, from, to) in [
        ("content/people/clerk.md", "/gone", "/ok"),
        ("content/people/clerk.md", "/slow", "/archive"),
        ("seeds/report.yaml", "/source-gone", "/ok"),
    ] {
        let p = d.path().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(
            p,
            text.replace(&format!("{host}{from}"), &format!("{host}{to}")),
        )
        .unwrap();
    }
    let r = run_fast(d.path(), &["check", "--external"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some("checked 5 external links on 1 host: 0 broken, 0 unreachable, 5 good")
    );
    assert!(!r.stderr.contains("external-link"), "{}", r.stderr);
}

#[test]
fn a_dossier_without_external_links_asks_nothing() {
    let d = Dossier::fixture("basic");
    let r = run_fast(d.path(), &["check", "--external"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().next(), Some("no external links to check"));
    assert!(!r.stderr.contains("asking"), "{}", r.stderr);
    assert!(!d.path().join(".dossier-cache").exists());
}
