//! Helpers for tests of `dossier serve`: start it on a free port, follow its output, fetch
//! pages over plain HTTP/1.1, stop it with Ctrl-C.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::BIN;

pub struct Server {
    child: Child,
    pub port: u16,
    lines: Receiver<String>,
    /// Everything it printed so far, stdout and stderr.
    pub log: Vec<String>,
}

impl Server {
    pub fn start(root: &Path) -> Server {
        Self::start_with(root, &[])
    }

    pub fn start_with(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            lines: rx,
            log: Vec::new(),
        };
        let line = server.wait_line(|l| l.starts_with("serving "), Duration::from_secs(20));
        let port = line
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, rest)| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    /// Waits for a printed line that satisfies `f`; panics with the log after `timeout`.
    pub fn wait_line(&mut self, f: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if f(&line) {
                        return line;
                    }
                }
                Err(_) => panic!("timed out; the server printed:\n{}", self.log.join("\n")),
            }
        }
    }

    /// Waits for the next rebuild to finish, successfully (`rebuilt …`) or not (`N errors`).
    /// The next rebuild's line, if one comes within `timeout`.
    pub fn next_rebuild(&mut self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self.lines.recv_timeout(left).ok()?;
            self.log.push(line.clone());
            if line.starts_with("rebuilt in ")
                || line.ends_with(" error")
                || line.ends_with(" errors")
            {
                return Some(line);
            }
        }
    }

    pub fn wait_rebuild(&mut self) -> String {
        self.wait_line(
            |l| l.starts_with("rebuilt in ") || l.ends_with(" error") || l.ends_with(" errors"),
            Duration::from_secs(20),
        )
    }

    pub fn get(&self, path: &str) -> (u16, Vec<u8>) {
        http_get(self.port, path, "127.0.0.1")
    }

    /// The server process's id, for reading what it holds in `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Ctrl-C; returns the exit code.
    pub fn interrupt(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.1 GET: status and body.
pub fn http_get(port: u16, path: &str, host: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

/// The response headers of a GET, lower-cased.
pub fn http_head(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase()
}

pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

/// A served HTML page without what `serve` injects, to compare with `build`'s output.
pub fn strip_injected(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = text.into_owned();
    if let Some(start) = out.find("<script src=\"/__dossier/live.js\"")
        && let Some(len) = out[start..].find("</script>\n")
    {
        out.replace_range(start..start + len + 10, "");
    }
    if let Some(start) = out.find("<div id=\"dossier-overlay\"")
        && let Some(len) = out[start..].find("</div>\n")
    {
        out.replace_range(start..start + len + 7, "");
    }
    out.into_bytes()
}
