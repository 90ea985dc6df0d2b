//! `dossier check --external`, after the site check: every address on another site that
//! the dossier links to, asked over the network. Nothing else in dossier touches the
//! network, and this runs only when asked for.
//!
//! Input: the published notes' web links and the sources' `url` and `archive_url`, each
//! with where it is written ([`outbound`]), and the [`Options`]. Output: a [`Report`]: a
//! diagnostic at every place an address that failed is written, and the counts of the
//! summary. The steps:
//!
//! 1. the addresses, each once however many places write it (a `#fragment` is not sent,
//!    so `…/a#x` and `…/a#y` are one address);
//! 2. those found good within the maximum age are taken from the [`cache`];
//! 3. the others are asked ([`probe`]) on a few threads, at most [`Options::per_host`] at
//!    once for one host ([`pool`]);
//! 4. the good answers are written to the cache, and each failure becomes a diagnostic at
//!    each place that writes the address.
//!
//! Severities: a note's link that leads nowhere (404, 410, another 4xx) is the error
//! `external-link-broken`, since readers follow it from the published page. A source's
//! `url` or `archive_url` that leads nowhere is the same code as a warning: the dossier
//! cites the copy archived in `seeds/`, and an original that went away is what archiving
//! is for. An address whose fate is not known (no answer, a refusal such as 403, a server
//! that kept failing or asking us to slow down) is the warning `external-link-unreachable`
//! wherever it is written: the network or the server may be at fault, not the dossier.

pub(crate) mod cache;
mod pool;
mod probe;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use ureq::http::Uri;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::parse::{Note, Source};
pub(crate) use probe::{Outcome, Timing};

/// What an address is to the dossier: how much its failure matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A link in a note's text.
    Note,
    /// A source's `url`; `archived`: the sidecar has an `archive_url` too.
    Source { archived: bool },
    /// A source's `archive_url`.
    Archive,
}

/// An address on another site, and where the dossier writes it.
#[derive(Debug, Clone)]
pub(crate) struct Outbound {
    pub url: String,
    pub origin: Origin,
    pub at: Location,
}

/// Every address on another site that the published notes and the sources write.
pub(crate) fn outbound<'a>(
    notes: impl Iterator<Item = &'a Note>,
    sources: impl Iterator<Item = &'a Source>,
) -> Vec<Outbound> {
    let mut out = Vec::new();
    for note in notes {
        out.extend(note.web_links.iter().map(|l| Outbound {
            url: l.url.clone(),
            origin: Origin::Note,
            at: Location::Span(note.file, l.span.clone()),
        }));
    }
    for source in sources {
        let archived = source.meta.archive_url.is_some();
        let written = [
            (
                &source.meta.url,
                &source.url_at,
                Origin::Source { archived },
            ),
            (
                &source.meta.archive_url,
                &source.archive_url_at,
                Origin::Archive,
            ),
        ];
        for (url, at, origin) in written {
            if let (Some(url), Some(at)) = (url, at) {
                out.push(Outbound {
                    url: url.clone(),
                    origin,
                    at: at.clone(),
                });
            }
        }
    }
    out
}

/// How long a good answer is reused by default: 7 days.
const DEFAULT_MAX_AGE: Duration = Duration::from_secs(7 * 86_400);

/// How a check asks, and how long its answers are kept.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The dossier's folder, which holds the cache.
    pub root: PathBuf,
    /// How long a good answer is reused without asking again.
    pub max_age: Duration,
    pub timing: Timing,
    /// Requests at once to one host.
    pub per_host: usize,
    /// Requests at once in all.
    pub workers: usize,
}

impl Options {
    /// The defaults: good answers kept 7 days; 10 s for a request; 3 tries, 1 s then 2 s
    /// apart (or what `Retry-After` asks, up to 20 s); 2 requests at once to a host, 8 in all.
    pub(crate) fn new(root: PathBuf) -> Options {
        Options {
            root,
            max_age: DEFAULT_MAX_AGE,
            timing: Timing {
                timeout: Duration::from_secs(10),
                backoff: Duration::from_secs(1),
                retries: 2,
                max_wait: Duration::from_secs(20),
            },
            per_host: 2,
            workers: 8,
        }
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub diagnostics: Diagnostics,
    /// Distinct addresses, and their hosts.
    pub addresses: usize,
    pub hosts: usize,
    pub broken: usize,
    pub unreachable: usize,
    pub good: usize,
    /// Of the good ones, how many were taken from the cache.
    pub cached: usize,
    /// The cache could not be written (the check's results stand).
    pub cache_error: Option<anyhow::Error>,
}

impl Report {
    /// `checked 12 external links on 5 hosts: 1 broken, 1 unreachable, 10 good (7 from
    /// the cache)`.
    pub(crate) fn summary(&self) -> String {
        if self.addresses == 0 {
            return "no external links to check".into();
        }
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let mut line = format!(
            "checked {} external link{} on {} host{}: {} broken, {} unreachable, {} good",
            self.addresses,
            s(self.addresses),
            self.hosts,
            s(self.hosts),
            self.broken,
            self.unreachable,
            self.good
        );
        if self.cached > 0 {
            line.push_str(&format!(" ({} from the cache)", self.cached));
        }
        if self.unreachable == self.addresses && self.hosts > 1 {
            line.push_str("; none could be reached: is this machine offline?");
        }
        line
    }
}

/// Checks every address of `links`; `asking(addresses, hosts)` is called once the
/// addresses to ask over the network are known, before any is asked.
pub(crate) fn check(
    links: &[Outbound],
    opts: &Options,
    asking: impl FnOnce(usize, usize),
) -> Report {
    let mut places: BTreeMap<&str, Vec<&Outbound>> = BTreeMap::new();
    for link in links {
        places.entry(address(&link.url)).or_default().push(link);
    }
    let now = jiff::Timestamp::now();
    let mut cache = cache::Cache::load(&opts.root);
    let mut outcomes: BTreeMap<&str, Outcome> = BTreeMap::new();
    let mut hosts: BTreeSet<String> = BTreeSet::new();
    let mut ask: Vec<(&str, Uri, String)> = Vec::new();
    let mut cached = 0;
    for &addr in places.keys() {
        match target(addr) {
            Err(outcome) => {
                outcomes.insert(addr, outcome);
            }
            Ok((uri, host)) => {
                hosts.insert(host.clone());
                if cache.is_fresh(addr, now, opts.max_age) {
                    cached += 1;
                    outcomes.insert(addr, Outcome::Good);
                } else {
                    ask.push((addr, uri, host));
                }
            }
        }
    }
    let mut cache_error = None;
    if !ask.is_empty() {
        let asked_hosts: BTreeSet<&str> = ask.iter().map(|a| a.2.as_str()).collect();
        asking(ask.len(), asked_hosts.len());
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(opts.timing.timeout))
            .user_agent(concat!(
                "dossier/",
                env!("CARGO_PKG_VERSION"),
                " (link check)"
            ))
            .build()
            .new_agent();
        let host_of: Vec<String> = ask.iter().map(|a| a.2.clone()).collect();
        let answers = pool::run(&host_of, opts.per_host, opts.workers, |i| {
            probe::probe(&agent, &ask[i].1, &opts.timing, &std::thread::sleep)
        });
        for ((addr, _, _), outcome) in ask.iter().zip(answers) {
            let outcome =
                outcome.unwrap_or_else(|| Outcome::Unreachable("it was not asked".into()));
            match outcome {
                Outcome::Good => cache.good(addr, now),
                _ => cache.forget(addr),
            }
            outcomes.insert(addr, outcome);
        }
        // A short maximum age asks again, but keeps what it found for the checks after.
        let keep = opts.max_age.max(DEFAULT_MAX_AGE);
        cache_error = cache.save(&opts.root, now, keep).err();
    }
    let mut report = Report {
        addresses: places.len(),
        hosts: hosts.len(),
        cached,
        cache_error,
        ..Report::default()
    };
    for (addr, outcome) in &outcomes {
        match outcome {
            Outcome::Good => report.good += 1,
            Outcome::Broken(_) => report.broken += 1,
            Outcome::Unreachable(_) => report.unreachable += 1,
        }
        for place in places.get(addr).into_iter().flatten() {
            if let Some(d) = diagnostic(place, outcome) {
                report.diagnostics.push(d);
            }
        }
    }
    report
}

/// What a link asks for: the address without its `#fragment`, which is not sent.
fn address(url: &str) -> &str {
    let url = url.trim();
    url.split_once('#').map_or(url, |(a, _)| a)
}

/// The address as a request's URI, and its host; an address that cannot be asked is
/// already an outcome.
fn target(address: &str) -> Result<(Uri, String), Outcome> {
    let authority = address
        .split_once("://")
        .map_or("", |(_, rest)| rest.split(['/', '?']).next().unwrap_or(""));
    if !authority.is_ascii() {
        return Err(Outcome::Unreachable(
            "its host name is not written in ASCII, which dossier cannot ask: write it in its `xn--` form to have it checked".into(),
        ));
    }
    let uri: Uri = encoded(address)
        .parse()
        .map_err(|_| Outcome::Broken("it cannot be read as a web address".into()))?;
    let scheme = uri.scheme_str().map(str::to_ascii_lowercase);
    match (scheme.as_deref(), uri.host()) {
        (Some("http" | "https"), Some(host)) if !host.is_empty() => {
            let host = host.to_ascii_lowercase();
            Ok((uri, host))
        }
        _ => Err(Outcome::Broken(
            "it cannot be read as a web address with a host".into(),
        )),
    }
}

/// The address with every character a URI may not hold percent-encoded (as a browser
/// sends it): `https://ru.wikipedia.org/wiki/Песков` asks for `/wiki/%D0%9F…`.
fn encoded(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for c in address.chars() {
        let allowed = c.is_ascii_graphic()
            && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}');
        if allowed {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The diagnostic at one place that writes an address, if its outcome is one.
fn diagnostic(place: &Outbound, outcome: &Outcome) -> Option<Diagnostic> {
    let url = &place.url;
    let at = place.at.clone();
    Some(match (outcome, place.origin) {
        (Outcome::Good, _) => return None,
        (Outcome::Broken(why), Origin::Note) => Diagnostic::error(
            "external-link-broken",
            format!("the link to `{url}` is broken: {why}"),
            at,
        )
        .with_help("the page is gone or has moved: link to where it is now, or to a copy in a web archive"),
        (Outcome::Broken(why), Origin::Source { archived }) => Diagnostic::warning(
            "external-link-broken",
            format!("the source's address `{url}` is broken: {why}"),
            at,
        )
        .with_help(if archived {
            "the dossier cites the copy archived in `seeds/`, and `archive_url` gives readers another: keep `url` as where the text was published"
        } else {
            "the dossier cites the copy archived in `seeds/`: keep `url` as where the text was published, and give readers a copy in a web archive with `archive_url`"
        }),
        (Outcome::Broken(why), Origin::Archive) => Diagnostic::warning(
            "external-link-broken",
            format!("the archived copy `{url}` is broken: {why}"),
            at,
        )
        .with_help("point `archive_url` at a copy that is still there, or leave it out"),
        (Outcome::Unreachable(why), _) => Diagnostic::warning(
            "external-link-unreachable",
            format!("`{url}` could not be checked: {why}"),
            at,
        )
        .with_help("the network or the server may be at fault, not the dossier: open the address in a browser, or check again later"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_asked_without_its_fragment_and_encoded() {
        assert_eq!(address(" https://a.org/x#top "), "https://a.org/x");
        let (uri, host) = target("https://RU.wikipedia.org/wiki/Песков?q=a b").unwrap();
        assert_eq!(host, "ru.wikipedia.org");
        assert_eq!(
            uri.to_string(),
            "https://RU.wikipedia.org/wiki/%D0%9F%D0%B5%D1%81%D0%BA%D0%BE%D0%B2?q=a%20b"
        );
        assert!(matches!(
            target("https://кремль.рф/"),
            Err(Outcome::Unreachable(_))
        ));
        assert!(matches!(target("https://"), Err(Outcome::Broken(_))));
        assert!(matches!(target("ftp://a.org/"), Err(Outcome::Broken(_))));
    }

    #[test]
    fn the_summary_counts_addresses_and_hosts() {
        let r = Report {
            addresses: 12,
            hosts: 5,
            broken: 1,
            unreachable: 1,
            good: 10,
            cached: 7,
            ..Report::default()
        };
        assert_eq!(
            r.summary(),
            "checked 12 external links on 5 hosts: 1 broken, 1 unreachable, 10 good (7 from the cache)"
        );
        let r = Report {
            addresses: 1,
            hosts: 1,
            good: 1,
            ..Report::default()
        };
        assert_eq!(
            r.summary(),
            "checked 1 external link on 1 host: 0 broken, 0 unreachable, 1 good"
        );
        assert_eq!(Report::default().summary(), "no external links to check");
    }
}
