//! The preview server under load: many clients reading while notes change and rebuilds
//! succeed and fail, and live-reload clients that come and go. Every test is bounded in
//! time and stops by itself.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::live::Server;
use crate::support::Dossier;

/// A `GET` over a fresh connection: the status, the body as read to the connection's end,
/// and the `Content-Length` the server announced.
fn fetch(port: u16, path: &str) -> Result<(u16, Vec<u8>, Option<usize>), String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of the headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse().ok())
            .flatten()
    });
    Ok((status, raw[split + 4..].to_vec(), length))
}

const CLERK: &str = "content/people/clerk.md";

/// What is wrong with one response, if anything: not 200, cut short of its length, not one
/// whole page, or (for the edited note) not exactly one revision of it.
fn problem(path: &str, got: (u16, Vec<u8>, Option<usize>)) -> Option<String> {
    let (status, body, length) = got;
    if status != 200 {
        return Some(format!("{path}: status {status}"));
    }
    if length.is_some_and(|n| n != body.len()) {
        return Some(format!("{path}: {} bytes of {length:?}", body.len()));
    }
    if path.ends_with('/') {
        let text = String::from_utf8_lossy(&body);
        if text.matches("<html").count() != 1 || !text.trim_end().ends_with("</html>") {
            return Some(format!("{path}: not one whole page"));
        }
        if path == "/clerk/" {
            let revisions = text.matches("revision-").count();
            if revisions > 1 {
                return Some(format!("{path}: {revisions} revisions in one page"));
            }
        }
    }
    None
}

#[test]
fn ten_thousand_requests_from_eight_clients_while_notes_change() {
    let d = Dossier::fixture("basic");
    let root = d.path().to_path_buf();
    let mut s = Server::start(&root);
    let port = s.port;
    let paths = [
        "/",
        "/clerk/",
        "/jane-doe/",
        "/claims-vs-denials/",
        "/sources/report/",
        "/timeline/",
        "/style.css",
        "/claims.json",
        "/search/index.json",
    ];
    let done = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(240);
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let (done, served) = (Arc::clone(&done), Arc::clone(&served));
            std::thread::spawn(move || {
                let mut problems = Vec::new();
                let mut i = c;
                // Each client reads until the edits are over and it has made its share.
                while (!done.load(Ordering::Relaxed) || i < 1250 * 8) && Instant::now() < deadline {
                    let path = paths[i % paths.len()];
                    match fetch(port, path) {
                        Ok(got) => problems.extend(problem(path, got)),
                        Err(e) => problems.push(format!("{path}: {e}")),
                    }
                    served.fetch_add(1, Ordering::Relaxed);
                    i += 8;
                }
                problems
            })
        })
        .collect();

    // Sixty edits, each awaited: one in six breaks the build (an unknown kind), and the
    // next mends it.
    let note = root.join(CLERK);
    let original = std::fs::read_to_string(&note).unwrap();
    let (mut good, mut failed) = (0, 0);
    for n in 0..60 {
        let text = if n % 6 == 5 {
            original.replacen("kind: person", "kind: persn", 1)
        } else {
            format!("{original}\nrevision-{n}\n")
        };
        std::fs::write(&note, text).unwrap();
        match s.next_rebuild(Duration::from_secs(20)) {
            Some(line) if line.starts_with("rebuilt in ") => good += 1,
            Some(_) => failed += 1,
            None => {}
        }
    }
    done.store(true, Ordering::Relaxed);
    let problems: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let total = served.load(Ordering::Relaxed);
    assert!(
        problems.is_empty(),
        "{} of {total} requests went wrong, the first: {:?}",
        problems.len(),
        &problems[..problems.len().min(10)]
    );
    assert!(total >= 10_000, "only {total} requests in the time allowed");
    assert!(
        good + failed >= 50,
        "{good} rebuilds and {failed} failures:\n{}",
        s.log.join("\n")
    );
    assert!(
        failed >= 5 && good >= 40,
        "{good} rebuilds and {failed} failures"
    );
    // Still serving, and the last edit is there.
    let (status, body, _) = fetch(port, "/clerk/").unwrap();
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("revision-58"));
}

/// The process's open file descriptors and threads, from `/proc`.
fn held(pid: u32) -> (usize, usize) {
    let count = |dir: String| std::fs::read_dir(dir).map_or(0, |d| d.count());
    (
        count(format!("/proc/{pid}/fd")),
        count(format!("/proc/{pid}/task")),
    )
}

#[test]
fn live_reload_clients_that_come_and_go_leave_nothing_behind() {
    let d = Dossier::fixture("basic");
    let mut s = Server::start(d.path());
    let port = s.port;
    let request = format!("GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // Warm up: the first connections make what the server keeps for good.
    for _ in 0..10 {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.write_all(request.as_bytes()).unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    let before = held(s.pid());
    // A thousand clients: most read their first bytes and hang up; some never read; some
    // stay connected while a rebuild is announced, then go.
    let mut lingering = Vec::new();
    for i in 0..1000 {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.write_all(request.as_bytes()).unwrap();
        match i % 10 {
            0..=6 => {
                c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut first = [0u8; 12];
                c.read_exact(&mut first).unwrap();
                assert_eq!(&first, b"HTTP/1.1 200");
            }
            7 | 8 => {}
            _ => lingering.push(c),
        }
    }
    let note = d.path().join(CLERK);
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, format!("{text}\nA rebuild for those who listen.\n")).unwrap();
    s.wait_rebuild();
    drop(lingering);
    // The server notices each hang-up when it next writes to it, or at once: give it the
    // time of a few keep-alive pings.
    let settle = Instant::now() + Duration::from_secs(30);
    let after = loop {
        let now = held(s.pid());
        if now.0 <= before.0 + 5 || Instant::now() > settle {
            break now;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        after.0 <= before.0 + 5 && after.1 <= before.1 + 2,
        "file descriptors and threads before: {before:?}, after 1,000 clients: {after:?}"
    );
    // And it still serves.
    assert_eq!(fetch(port, "/").unwrap().0, 200);
}
