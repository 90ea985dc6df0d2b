//! A chainable test builder: copy a fixture to a temporary folder, edit files, run the real
//! binary, then look at its output, its diagnostics and the pages it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// The body `dossier new` writes (`parse::NEW_NOTE_TEXT`).
pub const NEW_NOTE_TEXT: &str = "Write the note here, and cite every fact with the id of an archived source in `seeds/` and its paragraph: `[@source-id, ¶3]`.";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A dossier in a temporary folder.
pub struct Dossier {
    dir: TempDir,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Dossier {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Dossier {
        let dir = TempDir::new().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        Dossier { dir }
    }

    /// A copy of the dossier this repository ships: `dossier.yaml`, `content/`, `seeds/`.
    pub fn bundled() -> Dossier {
        let dir = TempDir::new().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("dossier.yaml"), dir.path().join("dossier.yaml")).unwrap();
        for sub in ["content", "seeds"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            copy_dir(&root.join(sub), &dir.path().join(sub));
        }
        Dossier { dir }
    }

    /// An empty folder.
    pub fn empty() -> Dossier {
        Dossier {
            dir: TempDir::new().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file, creating its folders.
    pub fn write(self, rel: &str, text: &str) -> Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Replaces `from` by `to` in a file; the text must be there.
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        let p = self.path().join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "`{from}` is not in {rel}");
        std::fs::write(p, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn remove(self, rel: &str) -> Self {
        let p = self.path().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
        self
    }

    /// Runs `dossier ARGS` in the dossier's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// `build`, asserting success.
    pub fn built(self) -> Self {
        let r = self.build();
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        self
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.path().join("public").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out(rel).exists()
    }

    pub fn page(&self, rel: &str) -> Page {
        Page(Html::parse_document(&self.read(rel)))
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out: Output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A parsed HTML page.
pub struct Page(pub Html);

impl Page {
    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap();
        self.0.select(&sel).collect()
    }

    /// Texts of the elements matching `css`, white space folded.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| fold(&e.text().collect::<String>()))
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css).join(" | ")
    }

    /// `href`s of the links matching `css`.
    pub fn hrefs(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    }

    /// The `<main>` element, for snapshots.
    pub fn main(&self) -> String {
        self.select("main")
            .first()
            .map(|e| e.html())
            .unwrap_or_default()
    }
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &dest).unwrap();
        }
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// Every file under `dir`, in a fixed order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir(dir).into_iter().filter(|p| p.is_file()).collect()
}

/// Every file under `dir`, relative, with its bytes.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            (rel, bytes)
        })
        .collect()
}

impl Dossier {
    /// Every file of `public/`, relative, with its bytes; empty when there is none.
    pub fn public_tree(&self) -> Vec<(String, Vec<u8>)> {
        let dir = self.path().join("public");
        if dir.exists() {
            snapshot_tree(&dir)
        } else {
            Vec::new()
        }
    }

    /// The text of a file of the dossier itself (not of `public/`).
    pub fn source_text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// A note file: front matter from `title`, `kind` and `extra` lines, then `body`.
pub fn note(title: &str, kind: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nkind: {kind}\n{extra}---\n\n{body}\n")
}

/// Names of the entries of `dir` that start with `.`: staging or old output folders.
pub fn hidden_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Asserts that two trees from [`snapshot_tree`] are the same files with the same bytes.
pub fn assert_same_tree(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)]) {
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(before), names(after), "the set of files changed");
    for (a, b) in before.iter().zip(after) {
        assert!(a.1 == b.1, "`{}` changed", a.0);
    }
}

/// Copies `tests/fixtures/<name>` into `dest`, for dossiers nested in a test's folder.
pub fn copy_fixture(name: &str, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    copy_dir(&fixtures().join(name), dest);
}

/// A built site served over HTTP on a free loopback port, as a static host serves it
/// (`DIR/index.html` for `/DIR/`, `404.html` for what is not there), with nothing added to
/// its pages: for tests that look at the site in a browser. Stops when dropped.
pub struct StaticServer {
    pub port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(dir: &Path) -> StaticServer {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let dir = dir.to_path_buf();
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let dir = dir.clone();
                std::thread::spawn(move || serve_static(&dir, stream));
            }
        });
        StaticServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers the requests of one connection (kept alive, as browsers expect), each with a
/// file of `dir`.
fn serve_static(dir: &Path, stream: std::net::TcpStream) {
    use std::io::{BufRead, BufReader, Write};
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(30)));
    let mut writer = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        // The headers: nothing in them changes the answer.
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
        }
        let mut parts = request.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let rel = percent_decode(path.trim_start_matches('/'));
        let mut file = dir.join(&rel);
        if rel.split('/').any(|c| c == "..") {
            file = dir.join("404.html.missing");
        } else if file.is_dir() {
            file = file.join("index.html");
        }
        let (status, body, file) = match std::fs::read(&file) {
            Ok(b) => ("200 OK", b, file),
            Err(_) => (
                "404 Not Found",
                std::fs::read(dir.join("404.html")).unwrap_or_default(),
                dir.join("404.html"),
            ),
        };
        let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "json" => "application/json",
            "svg" => "image/svg+xml",
            "xml" => "application/xml",
            "txt" => "text/plain; charset=utf-8",
            "png" => "image/png",
            _ => "application/octet-stream",
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\r\n",
            body.len()
        );
        let sent = writer.write_all(head.as_bytes()).and_then(|()| {
            if method == "HEAD" {
                Ok(())
            } else {
                writer.write_all(&body)
            }
        });
        if sent.is_err() {
            return;
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(hex) = std::str::from_utf8(&b[i + 1..i + 3])
            && let Ok(v) = u8::from_str_radix(hex, 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
