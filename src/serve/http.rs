//! The preview's HTTP side: pages from memory, the live-reload script and event stream, and
//! the error overlay (in the dossier's language: [`Frame`]) in every HTML response while the
//! last rebuild failed.
//!
//! Pages are served from the in-memory [`SiteMap`], never from the file system, so no request
//! can reach a file outside the site, whatever its path (`/../`, `%2e%2e`, absolute paths,
//! links). Only loopback host names are accepted when bound to loopback (DNS rebinding).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use tokio::sync::broadcast;

use crate::load::{StaticContent, StaticFile};
use crate::render::escape;

pub(crate) const EVENTS_PATH: &str = "/__dossier/events";
pub(crate) const SCRIPT_PATH: &str = "/__dossier/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// What the pages are told.
#[derive(Debug, Clone)]
pub(crate) enum Message {
    Reload,
    Styles,
    BuildError(String),
}

/// Every file of the site by its path under the output folder (`sources/x/index.html`).
#[derive(Debug, Default)]
pub(crate) struct SiteMap {
    files: HashMap<String, Arc<[u8]>, ahash::RandomState>,
}

impl SiteMap {
    /// A built site in memory: its pages, and its static files (those on disk read now).
    pub(crate) fn new(
        pages: Vec<(String, Arc<[u8]>)>,
        statics: Vec<StaticFile>,
    ) -> std::io::Result<SiteMap> {
        let mut files: HashMap<String, Arc<[u8]>, ahash::RandomState> =
            HashMap::with_capacity_and_hasher(
                pages.len() + statics.len(),
                ahash::RandomState::new(),
            );
        for s in statics {
            let bytes: Arc<[u8]> = match s.content {
                StaticContent::Disk(p) => std::fs::read(p)?.into(),
                StaticContent::Embedded(b) => b.into(),
            };
            files.insert(s.rel, bytes);
        }
        for (path, bytes) in pages {
            files.insert(path, bytes);
        }
        Ok(SiteMap { files })
    }

    pub(crate) fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    /// Paths whose bytes differ between two sites, or exist in one only.
    pub(crate) fn changed_paths<'a>(&'a self, other: &'a SiteMap) -> Vec<&'a str> {
        let mut out: Vec<&str> = self
            .files
            .iter()
            .filter(|(k, v)| {
                other
                    .files
                    .get(*k)
                    .is_none_or(|o| !Arc::ptr_eq(o, v) && o != *v)
            })
            .map(|(k, _)| k.as_str())
            .collect();
        out.extend(
            other
                .files
                .keys()
                .filter(|k| !self.files.contains_key(*k))
                .map(String::as_str),
        );
        out
    }
}

#[derive(Debug)]
pub(crate) struct Preview {
    pub site: RwLock<Arc<SiteMap>>,
    /// The diagnostics of the last failed rebuild, as printed in the terminal.
    pub errors: RwLock<Option<String>>,
    /// The overlay's own words, in the dossier's language as of the last build.
    pub frame: RwLock<Arc<Frame>>,
    pub events: broadcast::Sender<Message>,
    pub loopback_only: bool,
}

/// The error overlay's own words (its heading and label; the diagnostics themselves are
/// the terminal's, in English), in the language of the dossier's interface.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frame {
    pub lang: String,
    /// The heading over a page of the last good build.
    pub broken: String,
    /// The heading when no build has succeeded yet.
    pub unbuilt: String,
    /// The overlay's label, and the title of the bare page shown before any build.
    pub errors: String,
}

impl Frame {
    pub(crate) fn of(words: &crate::i18n::Interface) -> Frame {
        Frame {
            lang: words.lang().to_string(),
            broken: words.text("preview.broken"),
            unbuilt: words.text("preview.unbuilt"),
            errors: words.text("preview.errors"),
        }
    }
}

impl Default for Frame {
    fn default() -> Frame {
        Frame::of(&crate::i18n::Interface::built_in_english())
    }
}

pub(crate) fn router(shared: Arc<Preview>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(
    State(shared): State<Arc<Preview>>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if shared.loopback_only && !host_is_loopback(&headers) {
        return plain(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview server answers only to localhost\n",
        );
    }
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    match uri.path() {
        // Another site's page may not listen to this dossier's rebuilds (nor learn its
        // errors, which quote the notes).
        EVENTS_PATH if !same_origin(&headers) => {
            return plain(
                StatusCode::FORBIDDEN,
                "the live-reload channel answers only the preview's own pages\n",
            );
        }
        EVENTS_PATH => return events(&shared).into_response(),
        SCRIPT_PATH => {
            return file_response(StatusCode::OK, "live.js", LIVE_JS.as_bytes().into(), None);
        }
        _ => {}
    }
    let site = shared
        .site
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let errors = shared.errors.read().ok().and_then(|e| e.clone());
    let frame = shared
        .frame
        .read()
        .map(|f| Arc::clone(&f))
        .unwrap_or_default();
    let errors = Live {
        errors: errors.as_deref(),
        frame: &frame,
    };
    let Some(path) = site_path(uri.path()) else {
        return not_found(&site, errors);
    };
    if let Some(bytes) = site.get(&path) {
        return file_response(StatusCode::OK, &path, Arc::clone(bytes), Some(errors));
    }
    // `/note` -> `/note/`, as static hosts do.
    let dir_index = if path.is_empty() {
        "index.html".to_string()
    } else {
        format!("{path}/index.html")
    };
    if !uri.path().ends_with('/') && site.get(&dir_index).is_some() {
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, format!("{}/", uri.path()))
            .body(Body::empty())
            .unwrap_or_default();
    }
    not_found(&site, errors)
}

fn not_found(site: &SiteMap, errors: Live<'_>) -> Response {
    match (site.get("404.html"), errors.errors) {
        (Some(b), _) => file_response(
            StatusCode::NOT_FOUND,
            "404.html",
            Arc::clone(b),
            Some(errors),
        ),
        // No good build yet: a bare page that shows the errors and reloads once they are fixed.
        (None, Some(_)) => {
            let frame = errors.frame;
            let page: Arc<[u8]> = format!(
                "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body data-dossier-unbuilt></body></html>\n",
                escape(&frame.lang),
                escape(&frame.errors)
            )
            .into_bytes()
            .into();
            file_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "errors.html",
                page,
                Some(errors),
            )
        }
        (None, None) => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// A request path -> a key of the site map; `None` for anything that tries to leave it.
pub(crate) fn site_path(request: &str) -> Option<String> {
    let decoded = percent_decode(request)?;
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s if s.contains(['\\', '\0']) || s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(if decoded.ends_with('/') {
        if joined.is_empty() {
            "index.html".into()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a request comes from the preview's own pages: it has no `Origin` (a browser
/// sends none for a same-origin `GET`), or its `Origin` names the host it was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = origin
        .to_str()
        .ok()
        .and_then(|o| o.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/'));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

fn host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    matches!(name, "localhost" | "127.0.0.1" | "::1") || name.starts_with("127.")
}

pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn file_response(
    status: StatusCode,
    path: &str,
    bytes: Arc<[u8]>,
    errors: Option<Live<'_>>,
) -> Response {
    let ctype = content_type(path);
    let body = if let Some(live) = errors
        && ctype.starts_with("text/html")
    {
        Body::from(inject(&bytes, live))
    } else {
        Body::from(bytes.to_vec())
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static(ctype))
        .header(header::CACHE_CONTROL, "no-store")
        .header("x-content-type-options", "nosniff")
        .body(body)
        .unwrap_or_default()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The live-reload script, and the error overlay when the last rebuild failed, before `</body>`.
/// What `serve` adds to a page: the errors of the last rebuild, if it failed, and the
/// overlay's words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Live<'a> {
    pub errors: Option<&'a str>,
    pub frame: &'a Frame,
}

pub(crate) fn inject(html: &[u8], live: Live<'_>) -> Vec<u8> {
    let frame = live.frame;
    let mut snippet = format!(
        "<script src=\"{SCRIPT_PATH}\" data-lang=\"{}\" data-errors=\"{}\" data-unbuilt=\"{}\" data-broken=\"{}\" defer></script>\n",
        escape(&frame.lang),
        escape(&frame.errors),
        escape(&frame.unbuilt),
        escape(&frame.broken),
    );
    if let Some(text) = live.errors {
        let unbuilt = find_last(html, b"data-dossier-unbuilt").is_some();
        snippet.push_str(&overlay_html(text, unbuilt, frame));
    }
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay as served in a page; `live.js` builds the same one when errors arrive live.
/// On the bare page served before any build succeeded (`data-dossier-unbuilt`), it says
/// that no page could be built yet, not that this is the last good one.
pub(crate) fn overlay_html(text: &str, unbuilt: bool, frame: &Frame) -> String {
    let heading = if unbuilt {
        &frame.unbuilt
    } else {
        &frame.broken
    };
    format!(
        "<div id=\"dossier-overlay\" role=\"alertdialog\" aria-label=\"{}\" lang=\"{}\" style=\"position:fixed;inset:1rem;z-index:2147483647;overflow:auto;background:#fff;color:#111;border:3px solid #b00020;border-radius:8px;padding:1rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 40px rgba(0,0,0,.4)\"><strong>{}</strong><pre lang=\"en\" style=\"white-space:pre-wrap;margin:.75rem 0 0\">{}</pre></div>\n",
        escape(&frame.errors),
        escape(&frame.lang),
        escape(heading),
        escape(text)
    )
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

fn events(shared: &Preview) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let rx = shared.events.subscribe();
    let initial = shared.errors.read().ok().and_then(|e| e.clone());
    let stream = futures_util::stream::unfold((rx, initial), |(mut rx, mut pending)| async move {
        if let Some(text) = pending.take() {
            return Some((
                Ok(Event::default().event("build-error").data(text)),
                (rx, None),
            ));
        }
        loop {
            match rx.recv().await {
                Ok(m) => {
                    let ev = match m {
                        Message::Reload => Event::default().event("reload").data("reload"),
                        Message::Styles => Event::default().event("styles").data("styles"),
                        Message::BuildError(t) => Event::default().event("build-error").data(t),
                    };
                    return Some((Ok(ev), (rx, None)));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_into_the_site_only() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/elon-musk/").as_deref(),
            Some("elon-musk/index.html")
        );
        assert_eq!(site_path("/style.css").as_deref(), Some("style.css"));
        assert_eq!(site_path("/%D0%BA/").as_deref(), Some("к/index.html"));
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/a/%2E%2E/%2E%2E/x"), None);
        assert_eq!(site_path("/..%5c..%5cx"), None);
        assert_eq!(site_path("/%00"), None);
        assert_eq!(site_path("/%zz"), None);
        assert_eq!(site_path("//etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(site_path("/C:/x"), None);
    }

    #[test]
    fn injection_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></body></html>";
        let frame = Frame::default();
        let out = String::from_utf8(inject(
            html,
            Live {
                errors: Some("error <b>x</b>"),
                frame: &frame,
            },
        ))
        .unwrap();
        assert!(out.contains("<script src=\"/__dossier/live.js\" data-lang=\"en\""));
        assert!(out.contains("error &lt;b&gt;x&lt;/b&gt;"));
        assert!(out.ends_with("</div>\n</body></html>"));
    }

    #[test]
    fn the_overlay_says_whether_a_good_page_is_behind_it() {
        let en = Frame::default();
        let (broken, unbuilt) = (
            "The last edit broke the build; this is the last good version of the page.",
            "The dossier has errors, and no page of it could be built yet.",
        );
        let built = inject(
            b"<html><body>page</body></html>",
            Live {
                errors: Some("error[x]: y"),
                frame: &en,
            },
        );
        assert!(String::from_utf8_lossy(&built).contains(&format!("<strong>{broken}</strong>")));
        let bare = inject(
            b"<html><body data-dossier-unbuilt></body></html>",
            Live {
                errors: Some("error[x]: y"),
                frame: &en,
            },
        );
        let bare = String::from_utf8_lossy(&bare);
        assert!(
            bare.contains(&format!("<strong>{unbuilt}</strong>")),
            "{bare}"
        );
        // In the dossier's language, the terminal's diagnostics marked as English.
        let ru = Frame::of(&crate::i18n::Interface::built_in("ru"));
        let page = inject(
            b"<html><body>page</body></html>",
            Live {
                errors: Some("error[x]: y"),
                frame: &ru,
            },
        );
        let page = String::from_utf8_lossy(&page);
        assert!(
            page.contains("<strong>Последняя правка сломала сборку"),
            "{page}"
        );
        assert!(
            page.contains("aria-label=\"В досье есть ошибки\" lang=\"ru\""),
            "{page}"
        );
        assert!(page.contains("<pre lang=\"en\""), "{page}");
        // The script that shows errors arriving live takes its words from the overlay, or
        // from its own tag when no overlay is there yet.
        assert!(LIVE_JS.contains("dossierUnbuilt") && LIVE_JS.contains("words.broken"));
    }

    #[test]
    fn the_live_reload_channel_is_for_the_previews_own_pages() {
        let h = |pairs: &[(header::HeaderName, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(k.clone(), v.parse().unwrap());
            }
            m
        };
        assert!(same_origin(&h(&[(header::HOST, "127.0.0.1:1111")])));
        assert!(same_origin(&h(&[
            (header::HOST, "127.0.0.1:1111"),
            (header::ORIGIN, "http://127.0.0.1:1111")
        ])));
        assert!(!same_origin(&h(&[
            (header::HOST, "127.0.0.1:1111"),
            (header::ORIGIN, "http://evil.example")
        ])));
        assert!(!same_origin(&h(&[
            (header::HOST, "127.0.0.1:1111"),
            (header::ORIGIN, "null")
        ])));
        assert!(!same_origin(&h(&[
            (header::HOST, "127.0.0.1:1111"),
            (header::ORIGIN, "http://127.0.0.1:2222")
        ])));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("claims.json"), "application/json");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
