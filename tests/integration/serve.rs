//! `dossier serve` over plain HTTP: pages from memory, content types, 404s, no way out of
//! the site, rebuilds identical to full builds, clear errors, a clean stop.

use std::path::Path;
use std::time::Duration;

use crate::live::*;
use crate::support::*;

#[test]
fn serves_pages_with_their_content_types_and_a_404_page() {
    let d = Dossier::fixture("basic");
    let s = Server::start(d.path());
    let (status, body) = s.get("/clerk/");
    assert_eq!(status, 200);
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<h1>The clerk</h1>"));
    assert!(http_head(s.port, "/clerk/").contains("content-type: text/html; charset=utf-8"));
    assert!(http_head(s.port, "/style.css").contains("content-type: text/css"));
    assert!(http_head(s.port, "/claims.json").contains("content-type: application/json"));
    let (status, body) = s.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("Page not found"));
    // A folder is never listed: without its index.html it is not found.
    assert_eq!(s.get("/tags").0, 301);
    assert_eq!(s.get("/sources/report").0, 301);
    assert_eq!(s.get("/content/").0, 404);
}

#[test]
fn never_serves_a_file_outside_the_site() {
    let d = Dossier::fixture("basic").write("static/ok.txt", "fine\n");
    std::os::unix::fs::symlink("/etc/passwd", d.path().join("static/passwd")).unwrap();
    let s = Server::start(d.path());
    assert_eq!(s.get("/ok.txt"), (200, b"fine\n".to_vec()));
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/passwd",
        "/dossier.yaml",
        "/content/people/clerk.md",
    ] {
        let (status, body) = s.get(path);
        assert_ne!(status, 200, "{path} was served");
        assert!(
            !String::from_utf8_lossy(&body).contains("root:"),
            "{path} leaked /etc/passwd"
        );
    }
}

#[test]
fn answers_only_to_loopback_host_names() {
    let d = Dossier::fixture("basic");
    let s = Server::start(d.path());
    assert_eq!(http_get(s.port, "/", "localhost:1111").0, 200);
    assert_eq!(http_get(s.port, "/", "attacker.example").0, 421);
}

#[test]
fn build_output_never_contains_the_live_reload_script() {
    let d = Dossier::fixture("basic").built();
    for (path, bytes) in snapshot_tree(&d.path().join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__dossier"),
            "{path} has serve's script"
        );
    }
    let s = Server::start(d.path());
    let (_, body) = s.get("/");
    assert!(String::from_utf8_lossy(&body).contains("/__dossier/live.js"));
}

/// Every file of a full build is served with the same bytes, and nothing else is. An edit
/// may reach the watcher in parts (a file truncated then written, two files one after the
/// other), each with its own rebuild: while the served site differs, the next rebuild is
/// awaited, and only a difference that no rebuild mends within seconds fails.
fn assert_same_as_full_build(d: &Dossier, s: &mut Server, step: &str, previous: &mut Vec<String>) {
    loop {
        match same_as_full_build(d, s, step, previous) {
            Ok(now) => {
                *previous = now;
                return;
            }
            Err(why) => {
                if s.next_rebuild(Duration::from_secs(3)).is_none() {
                    panic!("{why}\n{}", s.log.join("\n"));
                }
            }
        }
    }
}

fn same_as_full_build(
    d: &Dossier,
    s: &Server,
    step: &str,
    previous: &[String],
) -> Result<Vec<String>, String> {
    let out = tempfile::TempDir::new().unwrap();
    let site = out.path().join("site");
    let r = run_in(d.path(), &["build", "-o", site.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{step}: the full build failed:\n{}", r.stderr);
    let files = snapshot_tree(&site);
    for (path, bytes) in &files {
        let (status, served) = s.get(&format!("/{path}"));
        if status != 200 {
            return Err(format!("{step}: /{path} is not served"));
        }
        let served = if path.ends_with(".html") {
            strip_injected(&served)
        } else {
            served
        };
        if served != *bytes {
            return Err(format!(
                "{step}: /{path} differs from the full build:\n--- served\n{}\n--- built\n{}",
                String::from_utf8_lossy(&served),
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    let now: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    for gone in previous.iter().filter(|p| !now.contains(p)) {
        if s.get(&format!("/{gone}")).0 != 404 {
            return Err(format!("{step}: /{gone} is still served"));
        }
    }
    Ok(now)
}

#[test]
fn rebuilds_are_identical_to_full_builds_across_edits() {
    let d = Dossier::fixture("basic");
    let root = d.path().to_path_buf();
    let mut s = Server::start(&root);
    let mut pages = Vec::new();
    assert_same_as_full_build(&d, &mut s, "start", &mut pages);

    let edit = |rel: &str, from: &str, to: &str| {
        let p = root.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{from} not in {rel}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "edit a note",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "Reported the vote",
                    "Announced the vote",
                )
            }),
        ),
        (
            "add a note",
            Box::new(|| {
                std::fs::write(
                    root.join("content/people/new-person.md"),
                    "---\ntitle: New person\nkind: person\ntags: [council]\n---\n\nKnows [[clerk]] [@report, ¶1].\n",
                )
                .unwrap()
            }),
        ),
        (
            "rename a note",
            Box::new(|| {
                std::fs::rename(
                    root.join("content/people/new-person.md"),
                    root.join("content/people/renamed-person.md"),
                )
                .unwrap()
            }),
        ),
        (
            "delete a note",
            Box::new(|| {
                std::fs::remove_file(root.join("content/people/renamed-person.md")).unwrap()
            }),
        ),
        (
            "change a source",
            Box::new(|| edit("seeds/report.txt", "Officials in", "Officials at")),
        ),
        (
            "change a template",
            Box::new(|| {
                std::fs::create_dir_all(root.join("templates")).unwrap();
                std::fs::write(
                    root.join("templates/404.html"),
                    "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}\n",
                )
                .unwrap()
            }),
        ),
        (
            // Pages that show its title elsewhere (a bare link's text, backlinks, lists) change.
            "retitle a linked note",
            Box::new(|| {
                edit(
                    "content/people/jane-doe.md",
                    "title: Jane Doe",
                    "title: Jane Q. Doe",
                )
            }),
        ),
        (
            "retitle the dossier",
            Box::new(|| edit("dossier.yaml", "title: ", "title: Renamed ")),
        ),
        (
            "change a sidecar",
            Box::new(|| edit("seeds/report.yaml", "Example Gazette", "Example Times")),
        ),
        // A rebuild reuses what unchanged notes resolved to: these change what other notes
        // show (backlinks, a source's citations) without changing those notes' files.
        (
            "point a link at another note",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "[[Jane Doe|the mayor]]",
                    "[[contract-approved|the contract]]",
                )
            }),
        ),
        (
            "cite another paragraph",
            Box::new(|| edit("content/people/clerk.md", "[@report, ¶2]", "[@report, ¶1]")),
        ),
        (
            "add a heading that a link then targets",
            Box::new(|| {
                edit(
                    "content/people/jane-doe.md",
                    "Nothing more is known.",
                    "Nothing more is known.\n\n## Later life\n\nUnknown.",
                );
                edit(
                    "content/people/clerk.md",
                    "[[jane-doe#background]]",
                    "[[jane-doe#later-life]]",
                );
            }),
        ),
        (
            // The linking note is unchanged, but its link shows the heading's text.
            "recase a heading another note links to",
            Box::new(|| {
                edit(
                    "content/people/jane-doe.md",
                    "## Later life",
                    "## Later Life",
                )
            }),
        ),
        (
            // Its old targets must lose it, though the note now has fewer links.
            "remove a note's last link",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    " and [[jane-doe#later-life]]",
                    "",
                )
            }),
        ),
        (
            // A full build skips a symbolic link (with a warning); so must a rebuild.
            "replace a note nobody links to with a symbolic link",
            Box::new(|| {
                let draft = root.join("content/draft-idea.md");
                std::fs::remove_file(&draft).unwrap();
                #[cfg(unix)]
                std::os::unix::fs::symlink(root.join("content/people/clerk.md"), &draft).unwrap();
            }),
        ),
        (
            "quote the source in a note's body",
            Box::new(|| {
                edit(
                    "content/people/jane-doe.md",
                    "She called the vote routine [@report, ¶3].",
                    "She called the vote «routine» [@report, ¶3].",
                )
            }),
        ),
        // A rebuild reuses the order of the kind listings and tag pages while no note's
        // place in them changed: each of these moves one note within them.
        (
            "retitle a note so that it moves up its listing and tag page",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "title: The clerk",
                    "title: A clerk",
                )
            }),
        ),
        (
            "date an undated claim so that it comes first",
            Box::new(|| {
                edit(
                    "content/claims/unanswered.md",
                    "status: reported",
                    "status: reported\ndate: 2023-01-01",
                )
            }),
        ),
        (
            "move a note to another tag",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "tags: [council]",
                    "tags: [people]",
                )
            }),
        ),
        (
            "respell a tag where it is first written",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "tags: [people]",
                    "tags: [People]",
                )
            }),
        ),
        (
            "change a note's kind",
            Box::new(|| {
                edit(
                    "content/people/clerk.md",
                    "kind: person",
                    "kind: organization",
                )
            }),
        ),
        (
            "add a note with the title of another",
            Box::new(|| {
                std::fs::write(
                    root.join("content/people/b-twin.md"),
                    "---\ntitle: Jane Q. Doe\nkind: person\n---\n\nA namesake.\n",
                )
                .unwrap()
            }),
        ),
        (
            // Equal titles are ordered by slug.
            "change a note's slug so that it follows its namesake",
            Box::new(|| {
                edit(
                    "content/people/b-twin.md",
                    "kind: person",
                    "kind: person\nslug: zz-twin",
                )
            }),
        ),
    ];
    for (name, step) in steps {
        step();
        let line = s.wait_rebuild();
        assert!(
            line.starts_with("rebuilt"),
            "{name}: {line}\n{}",
            s.log.join("\n")
        );
        assert_same_as_full_build(&d, &mut s, name, &mut pages);
    }
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site_and_shows_the_errors() {
    let d = Dossier::fixture("basic");
    let mut s = Server::start(d.path());
    let (_, before) = s.get("/clerk/");
    let p = d.path().join("content/people/clerk.md");
    let good = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, good.replace("kind: person", "kind: persn")).unwrap();
    let line = s.wait_rebuild();
    assert!(
        line.ends_with("errors") || line.ends_with("error"),
        "{line}"
    );
    let (status, after) = s.get("/clerk/");
    assert_eq!(status, 200, "the last good page is still served");
    let after_text = String::from_utf8_lossy(&after);
    assert!(after_text.contains("id=\"dossier-overlay\""));
    assert!(
        after_text.contains("content/people/clerk.md:3:7"),
        "{after_text}"
    );
    assert!(after_text.contains("did you mean `person`?"));
    assert_eq!(strip_injected(&after), strip_injected(&before));
    std::fs::write(&p, good).unwrap();
    let line = s.wait_rebuild();
    assert!(line.starts_with("rebuilt"), "{line}");
    assert!(line.ends_with("the errors are fixed"), "{line}");
    assert!(!String::from_utf8_lossy(&s.get("/clerk/").1).contains("dossier-overlay"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let d = Dossier::fixture("basic");
    let r = d.run(&["serve", "--port", &port]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--port 0"), "{}", r.stderr);
}

#[test]
fn ctrl_c_stops_it_cleanly() {
    let d = Dossier::fixture("basic");
    let s = Server::start(d.path());
    assert_eq!(s.interrupt(), Some(0));
}

#[test]
fn the_bundled_dossier_is_served() {
    let s = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(s.get("/").0, 200);
    assert_eq!(s.get("/claims-vs-denials/").0, 200);
}

#[test]
fn ctrl_c_stops_it_while_a_page_listens_for_reloads() {
    let d = Dossier::fixture("basic");
    let s = Server::start(d.path());
    // An open page: the live-reload event stream, held open.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert_eq!(s.interrupt(), Some(0));
}

/// Open pages are told to reload when a rebuild changed a page, and are left alone when a
/// save changed none.
#[test]
fn pages_reload_only_when_a_page_changed() {
    use std::io::{Read, Write};
    let d = Dossier::fixture("basic");
    let mut s = Server::start(d.path());
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(
        stream,
        "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    // What the stream has said so far, waiting a little for more.
    let mut said = String::new();
    let mut read_more = |said: &mut String| {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            said.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    read_more(&mut said);
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
    let note = d.path().join("content/people/clerk.md");
    let text = std::fs::read_to_string(&note).unwrap();
    // A blank line more at the end of the body: the page's HTML is the same.
    std::fs::write(&note, format!("{text}\n")).unwrap();
    let line = s.wait_rebuild();
    assert!(
        line.contains(": 0 pages of the site changed"),
        "{line}\n{}",
        s.log.join("\n")
    );
    said.clear();
    read_more(&mut said);
    assert!(
        !said.contains("event: reload"),
        "told to reload for nothing: {said}"
    );
    // The clerk's page, Jane Doe's, whose backlink shows the edited block, and the search
    // index's words ("counted" is new).
    std::fs::write(&note, text.replace("Reported the vote", "Counted the vote")).unwrap();
    let line = s.wait_rebuild();
    assert!(line.contains(": 3 pages of the site changed"), "{line}");
    said.clear();
    read_more(&mut said);
    assert!(said.contains("event: reload"), "not told to reload: {said}");
}

#[test]
fn edits_are_seen_after_the_content_folder_is_replaced() {
    // As `git checkout` or a sync tool may do: the folder goes, and another takes its place.
    let d = Dossier::fixture("basic");
    let root = d.path().to_path_buf();
    let mut s = Server::start(&root);
    let content = root.join("content");
    let copy = root.join("content-copy");
    crate::support::copy_dir(&content, &copy);
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::rename(&copy, &content).unwrap();
    let line = s.wait_rebuild();
    assert!(line.starts_with("rebuilt"), "{line}\n{}", s.log.join("\n"));
    // Then an ordinary save in the new folder reaches the page.
    let note = content.join("people/clerk.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replace("Reported the vote", "Counted the vote")).unwrap();
    let started = std::time::Instant::now();
    loop {
        let page = String::from_utf8_lossy(&s.get("/clerk/").1).into_owned();
        if page.contains("Counted the vote") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the save never reached the page:\n{}",
            s.log.join("\n")
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The status line's code of a `GET` of `path` with extra header lines, read without waiting
/// for the body (the live-reload channel never ends).
fn status_with(port: u16, path: &str, headers: &str) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line).unwrap();
    line.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {line:?}"))
}

#[test]
fn the_live_reload_channel_refuses_other_sites() {
    let d = Dossier::fixture("basic");
    let s = Server::start(d.path());
    assert_eq!(status_with(s.port, "/__dossier/events", ""), 200);
    let own = format!("Origin: http://127.0.0.1:{}\r\n", s.port);
    assert_eq!(status_with(s.port, "/__dossier/events", &own), 200);
    for other in ["http://evil.example", "null", "http://127.0.0.1:1"] {
        let h = format!("Origin: {other}\r\n");
        assert_eq!(status_with(s.port, "/__dossier/events", &h), 403, "{other}");
    }
    // Pages themselves stay readable (a link from elsewhere is followed as usual).
    assert_eq!(
        status_with(s.port, "/", "Origin: http://evil.example\r\n"),
        200
    );
}

#[test]
fn listening_beyond_loopback_is_warned_about() {
    use std::io::{BufRead, BufReader};
    let d = Dossier::fixture("basic");
    let mut child = std::process::Command::new(BIN)
        .args([
            "serve", "--port", "0", "--bind", "0.0.0.0", "--drafts", "--root",
        ])
        .arg(d.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut said = String::new();
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(20)) {
        said.push_str(&line);
        said.push('\n');
        if line.starts_with("help:") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains("warning: the preview listens on 0.0.0.0:"),
        "{said}"
    );
    assert!(said.contains("drafts included"), "{said}");
    assert!(said.contains("help: leave out `--bind`"), "{said}");
}
