//! `dossier serve`: build, serve from memory, watch, rebuild, tell the open pages.
//!
//! watch (notify, debounced) -> [`classify()`] -> rebuild with the same pipeline as `build`,
//! through an [`Engine`] kept for the session, which makes again only what the change can
//! affect (so the preview is identical to a full build, and quick) -> swap the in-memory
//! site -> broadcast a
//! reload, a stylesheet swap, or the errors for the overlay. A failed rebuild keeps the last
//! good site; bad content never stops the server. Nothing is written to disk.

pub(crate) mod classify;
pub(crate) mod http;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::broadcast;

use crate::engine::Engine;
use crate::output::Collect;
use crate::pipeline::{self, BuildOptions};
use classify::{Change, WATCHED_DIRS, classify};
use http::{Message, Preview, SiteMap};

#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
}

/// How long the debouncer waits for an editor's burst of writes to settle.
const DEBOUNCE: Duration = Duration::from_millis(10);

pub(crate) fn run(opts: &ServeOptions) -> Result<u8> {
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let build_opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: Some("/".into()),
        drafts: opts.drafts,
    };
    let (events, _) = broadcast::channel(64);
    let loopback_only = is_loopback(&opts.bind);
    let shared = Arc::new(Preview {
        site: RwLock::new(Arc::new(SiteMap::default())),
        errors: RwLock::new(None),
        frame: RwLock::new(Arc::new(http::Frame::default())),
        events,
        loopback_only,
    });
    let watcher = Watcher::start(&root)?;
    let mut engine = Engine::keeping();
    rebuild(&build_opts, &shared, &mut engine, Change::Rebuild, true);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let addr = format!("{}:{}", host_for_bind(&opts.bind), opts.port);
        let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| {
            let help = if e.kind() == std::io::ErrorKind::AddrInUse {
                "\nhelp: another program uses that port: stop it, or pass `--port 0` to pick a free one"
            } else {
                ""
            };
            anyhow::anyhow!("cannot listen on {addr}: {e}{help}")
        })?;
        let local: SocketAddr = listener.local_addr().context("cannot read the bound address")?;
        let url = format!("http://{}/", display_addr(local));
        // Ctrl-C is ours from before the address is announced: a signal that arrives as
        // soon as a script reads that line still stops the server cleanly.
        let stop = shutdown_signal()?;
        println!("serving {} at {url}  (Ctrl-C to stop)", root.display());
        if !loopback_only {
            eprintln!(
                "warning: the preview listens on {} beyond this machine: anyone who can reach it on the network can read every page of the dossier{}, and its errors\nhelp: leave out `--bind` to keep the preview on this machine (127.0.0.1)",
                display_addr(local),
                if opts.drafts { ", drafts included (`--drafts`)" } else { "" }
            );
        }

        let watch_shared = Arc::clone(&shared);
        let watch_root = root.clone();
        std::thread::Builder::new()
            .name("dossier-watch".into())
            .spawn(move || {
                if let Err(e) = watch(watcher, &watch_root, &build_opts, &watch_shared, engine) {
                    eprintln!("error: the file watcher stopped: {e:#}\nhelp: restart `dossier serve`");
                }
            })
            .context("cannot start the file watcher")?;

        if opts.open {
            open_browser(&url);
        }
        // Open pages hold an event stream that never ends by itself: after Ctrl-C, give
        // requests in flight a moment, then stop whatever is still connected.
        let stopping = Arc::new(tokio::sync::Notify::new());
        let graceful = axum::serve(listener, http::router(shared)).with_graceful_shutdown({
            let stopping = Arc::clone(&stopping);
            async move {
                stop.await;
                println!("\nstopped");
                stopping.notify_one();
            }
        });
        tokio::select! {
            served = graceful => served.context("the server failed"),
            () = async {
                stopping.notified().await;
                tokio::time::sleep(Duration::from_millis(500)).await;
            } => Ok(()),
        }
    })?;
    Ok(crate::EXIT_OK)
}

/// Rebuilds the whole site in memory and tells the pages what happened.
fn rebuild(
    opts: &BuildOptions,
    shared: &Preview,
    engine: &mut Engine,
    change: Change,
    first: bool,
) {
    let started = Instant::now();
    let pages = Collect::default();
    let result = pipeline::rebuild(engine, opts, &pages);
    // The overlay speaks the dossier's language as of this build, failed or not.
    let frame = http::Frame::of(&engine.interface());
    if let Ok(mut f) = shared.frame.write()
        && **f != frame
    {
        *f = Arc::new(frame);
    }
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            fail(shared, format!("error: {e:#}\n"));
            return;
        }
    };
    let report = result.diagnostics.render_human(&result.files);
    if result.stats.is_none() {
        fail(shared, report);
        return;
    }
    if !report.is_empty() {
        eprint!("{report}");
    }
    let map = match SiteMap::new(pages.into_pages(), result.statics) {
        Ok(m) => m,
        Err(e) => {
            fail(shared, format!("error: cannot read a static file: {e}\n"));
            return;
        }
    };
    let had_errors = shared
        .errors
        .write()
        .map(|mut e| e.take().is_some())
        .unwrap_or(false);
    let old = shared
        .site
        .write()
        .map(|mut s| std::mem::replace(&mut *s, Arc::new(map)))
        .unwrap_or_default();
    let new = shared
        .site
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let changed = new.changed_paths(&old);
    let ms = started.elapsed().as_millis();
    if first {
        println!("built the site in memory in {ms} ms");
        return;
    }
    let styles_only =
        change == Change::Styles && !had_errors && changed.iter().all(|p| p.ends_with(".css"));
    // What changed in the site (pages and static files), not what was saved.
    println!(
        "rebuilt in {ms} ms: {} page{} of the site changed{}",
        changed.len(),
        if changed.len() == 1 { "" } else { "s" },
        if had_errors {
            "; the errors are fixed"
        } else {
            ""
        }
    );
    // Nothing to show: open pages are left alone (a save that changed no page, such as
    // white space in front matter). After errors, pages reload to lose the overlay.
    if changed.is_empty() && !had_errors {
        return;
    }
    let _ = shared.events.send(if styles_only {
        Message::Styles
    } else {
        Message::Reload
    });
}

/// Keeps the last good site, shows the errors in every page, then prints them.
fn fail(shared: &Preview, text: String) {
    if let Ok(mut e) = shared.errors.write() {
        *e = Some(text.clone());
    }
    let _ = shared.events.send(Message::BuildError(text.clone()));
    eprint!("{text}");
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// The file watcher, watching before the server says it is ready, so no early save is missed.
struct Watcher {
    debouncer: Debouncer,
    events: mpsc::Receiver<DebounceEventResult>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    fn start(root: &Path) -> Result<Watcher> {
        let (tx, events) = mpsc::channel::<DebounceEventResult>();
        let debouncer = new_debouncer(DEBOUNCE, None, tx).context("cannot start watching files")?;
        let mut w = Watcher {
            debouncer,
            events,
            watched: Vec::new(),
        };
        add_watches(&mut w.debouncer, root, &mut w.watched)?;
        Ok(w)
    }
}

/// Rebuilds on every settled change, until the watcher stops.
fn watch(
    mut w: Watcher,
    root: &Path,
    opts: &BuildOptions,
    shared: &Preview,
    mut engine: Engine,
) -> Result<()> {
    let output = pipeline::default_output(root);
    while let Ok(first) = w.events.recv() {
        // A burst of saves gives one rebuild: take everything that is already waiting.
        let mut batch = vec![first];
        while let Ok(more) = w.events.try_recv() {
            batch.push(more);
        }
        let paths = touched_paths(root, batch);
        let change = classify(root, &output, paths.iter().map(PathBuf::as_path));
        if change == Change::Nothing {
            continue;
        }
        // A watched folder that was removed or replaced (`git checkout`, a move) lost its
        // watch even if a folder stands there again: watch it anew. And a folder may have
        // appeared (or gone): watch what exists now.
        for dir in w.watched.iter().filter(|d| *d != root) {
            if paths.iter().any(|p| dir.starts_with(p)) {
                let _ = w.debouncer.unwatch(dir);
            }
        }
        w.watched
            .retain(|d| d == root || !paths.iter().any(|p| d.starts_with(p)));
        add_watches(&mut w.debouncer, root, &mut w.watched)?;
        engine.changed(paths);
        rebuild(opts, shared, &mut engine, change, false);
    }
    Ok(())
}

/// A future that completes on Ctrl-C (SIGINT), with the handler installed now.
#[cfg(unix)]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot listen for Ctrl-C")?;
    Ok(async move {
        interrupt.recv().await;
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// The paths a batch of watcher events touched. When the watcher lost track of events (the
/// kernel's queue overflowed, as it may while a large dossier is read: every read is an
/// event), the answer is the whole dossier: a save may be among the lost events.
fn touched_paths(root: &Path, batch: Vec<DebounceEventResult>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for result in batch {
        match result {
            Ok(events) => {
                for e in events {
                    if e.event.need_rescan() {
                        paths.push(root.to_path_buf());
                    } else if !matches!(e.event.kind, EventKind::Access(_)) {
                        // Reads (our own, while rebuilding) are not changes.
                        paths.extend(e.event.paths);
                    }
                }
            }
            // The watcher failed (a removed folder, say): rebuild from scratch.
            Err(_) => paths.push(root.to_path_buf()),
        }
    }
    paths
}

fn add_watches(debouncer: &mut Debouncer, root: &Path, watched: &mut Vec<PathBuf>) -> Result<()> {
    if watched.is_empty() {
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch `{}`", root.display()))?;
        watched.push(root.to_path_buf());
    }
    watched.retain(|p| p == root || p.is_dir());
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() && !watched.contains(&path) {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", path.display()))?;
            watched.push(path);
        }
    }
    Ok(())
}

fn is_loopback(bind: &str) -> bool {
    bind == "localhost"
        || bind
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn host_for_bind(bind: &str) -> String {
    if bind.contains(':') && !bind.starts_with('[') {
        format!("[{bind}]")
    } else {
        bind.to_string()
    }
}

fn display_addr(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) => a.to_string(),
        SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({opener}: {e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::DebouncedEvent;
    use notify_debouncer_full::notify::event::{AccessKind, Flag, ModifyKind};
    use notify_debouncer_full::notify::{Event, EventKind};

    fn debounced(event: Event) -> DebouncedEvent {
        DebouncedEvent {
            event,
            time: Instant::now(),
        }
    }

    #[test]
    fn a_lost_track_of_events_means_the_whole_dossier_changed() {
        let root = Path::new("/d");
        let note = PathBuf::from("/d/content/a.md");
        let batch = vec![Ok(vec![
            debounced(Event::new(EventKind::Access(AccessKind::Any)).add_path(note.clone())),
            debounced(Event::new(EventKind::Modify(ModifyKind::Any)).add_path(note.clone())),
        ])];
        assert_eq!(touched_paths(root, batch), [note]);
        let overflow = vec![Ok(vec![debounced(
            Event::new(EventKind::Other).set_flag(Flag::Rescan),
        )])];
        assert_eq!(touched_paths(root, overflow), [root.to_path_buf()]);
        let failed = vec![Err(vec![notify_debouncer_full::notify::Error::generic(
            "x",
        )])];
        assert_eq!(touched_paths(root, failed), [root.to_path_buf()]);
    }
}
