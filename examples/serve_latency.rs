//! Edit-to-served latency of `dossier serve`: starts `BIN serve --port 0 --root ROOT`,
//! then RUNS times appends a line with a fresh marker word to the note `ROOT/NOTE` and polls
//! `GET /SLUG/` over a plain `TcpStream` (every half millisecond) until the page contains
//! the marker. The clock starts just before the write and stops when the page that holds
//! the new text has been read in full.
//!
//! `cargo run --release --example serve_latency -- BIN ROOT NOTE SLUG [RUNS]`
//!
//! It modifies NOTE: give it a copy of a dossier, never the original.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// GETs `path` from `addr`; the status code and the body, or `None` on any I/O failure.
fn get(addr: &str, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_nodelay(true).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: text/html\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text))
}

/// Polls until `GET path` answers 200 with a body holding `needle`, or `limit` passes.
fn wait_for(addr: &str, path: &str, needle: &str, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some((200, body)) = get(addr, path)
            && body.contains(needle)
        {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    None
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (bin, root, note, slug, runs) = match args.as_slice() {
        [b, r, n, s] => (b, r, n, s, 10),
        [b, r, n, s, k] => match k.parse() {
            Ok(k) if k > 0 => (b, r, n, s, k),
            _ => {
                eprintln!("RUNS must be a positive number");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: serve_latency BIN ROOT NOTE SLUG [RUNS]");
            return ExitCode::from(2);
        }
    };
    let note_path = std::path::Path::new(root).join(note);
    let spawned = Instant::now();
    let child = Command::new(bin)
        .args(["serve", "--port", "0", "--root", root])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut server = match child {
        Ok(c) => Server(c),
        Err(e) => {
            eprintln!("error: cannot start `{bin}`: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(stdout) = server.0.stdout.take() else {
        return ExitCode::from(2);
    };
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(rest) = line.split(" at http://").nth(1) {
                    break rest.split('/').next().unwrap_or_default().to_string();
                }
            }
            _ => {
                eprintln!("error: the server exited before printing its address");
                return ExitCode::from(1);
            }
        }
    };
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let page = format!("/{slug}/");
    let Some(_) = wait_for(&addr, &page, "</html>", Duration::from_secs(120)) else {
        eprintln!("error: {page} was never served");
        return ExitCode::from(1);
    };
    let ready = spawned.elapsed();
    println!(
        "serving at {addr}; first page served {:.1} ms after start",
        ready.as_secs_f64() * 1e3
    );

    let mut times = Vec::with_capacity(runs);
    for k in 0..runs {
        // Let the watcher's debouncer and any previous rebuild settle.
        std::thread::sleep(Duration::from_millis(400));
        let marker = format!("latencymarker{k}q{}", std::process::id());
        let started = Instant::now();
        let written = std::fs::OpenOptions::new()
            .append(true)
            .open(&note_path)
            .and_then(|mut f| f.write_all(format!("\n\n{marker}\n").as_bytes()));
        if let Err(e) = written {
            eprintln!("error: cannot append to `{}`: {e}", note_path.display());
            return ExitCode::from(2);
        }
        let Some(_) = wait_for(&addr, &page, &marker, Duration::from_secs(60)) else {
            eprintln!("error: the edit never appeared on {page}");
            return ExitCode::from(1);
        };
        let ms = started.elapsed().as_secs_f64() * 1e3;
        println!("run {}: {ms:.1} ms", k + 1);
        times.push(ms);
    }
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    let max = times.iter().copied().fold(0.0, f64::max);
    let med = median(&mut times);
    println!(
        "serve_latency median_ms={med:.1} min_ms={min:.1} max_ms={max:.1} runs={runs} ready_ms={:.1}",
        ready.as_secs_f64() * 1e3
    );
    ExitCode::SUCCESS
}
