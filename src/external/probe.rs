//! One address, asked over the network until its answer is known: what becomes of a link.
//!
//! Input: an HTTP agent (redirects followed, a timeout on each request), the address, and
//! the [`Timing`] of retries. Output: an [`Outcome`]. A `HEAD` comes first; a server that
//! refuses or fails it (405, 501, or any answer of 400 or more but 429: some answer `HEAD`
//! wrongly) is asked again with `GET`, whose body is never read. A 429, a 5xx, a timeout
//! or a failed connection is tried again after a wait that doubles each time, or the
//! `Retry-After` the server asked for, up to a cap. Nothing here reads or writes files.

use std::time::Duration;

use ureq::http::{StatusCode, Uri};

/// What became of one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It answered with a page (after any redirects).
    Good,
    /// It leads nowhere: why (`it answered 404 Not Found`).
    Broken(String),
    /// Whether it leads anywhere is not known: why (no answer, a refusal, a server that
    /// kept failing). The network or the server may be at fault, not the dossier.
    Unreachable(String),
}

/// How long to wait for an answer, and between tries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timing {
    /// For one request, redirects included.
    pub timeout: Duration,
    /// The first wait before trying again; each next wait is twice the one before.
    pub backoff: Duration,
    /// How many times an address is tried again after a failure that may pass.
    pub retries: u32,
    /// The longest wait, even when the server asks for longer (`Retry-After`).
    pub max_wait: Duration,
}

/// One answer, or the request's failure.
enum Answer {
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    Failed {
        error: ureq::Error,
    },
}

/// Asks `uri` until its outcome is known; `sleep` waits between tries.
pub(super) fn probe(
    agent: &ureq::Agent,
    uri: &Uri,
    timing: &Timing,
    sleep: &dyn Fn(Duration),
) -> Outcome {
    let mut head = true;
    let mut failures: u32 = 0;
    loop {
        let answer = ask(agent, uri, head);
        let (why, asked_wait) = match answer {
            Answer::Status { status, .. } if status < 400 => return Outcome::Good,
            Answer::Status { status, .. } if head && status != 429 => {
                head = false;
                continue;
            }
            Answer::Status {
                status,
                retry_after,
            } if status == 429 || status >= 500 => (answered(status), retry_after),
            Answer::Status { status, .. } if status == 401 || status == 403 => {
                return Outcome::Unreachable(format!(
                    "{}: the server refused to show it (paywalls and walls against robots answer so), so whether it is there is not known",
                    answered(status)
                ));
            }
            Answer::Status { status, .. } => return Outcome::Broken(answered(status)),
            Answer::Failed { error } => match failure(&error, timing) {
                Failure::Passing(why) => (why, None),
                Failure::Lasting(outcome) => return outcome,
            },
        };
        failures += 1;
        if failures > timing.retries {
            let tries = if failures == 1 {
                "once".to_string()
            } else {
                format!("{failures} times")
            };
            return Outcome::Unreachable(format!("{why} (tried {tries})"));
        }
        sleep(wait(failures - 1, asked_wait, timing));
    }
}

fn ask(agent: &ureq::Agent, uri: &Uri, head: bool) -> Answer {
    let request = if head {
        agent.head(uri.clone()).call()
    } else {
        agent.get(uri.clone()).call()
    };
    match request {
        // The body, if any, is not read: dropping it closes the connection.
        Ok(response) => Answer::Status {
            status: response.status().as_u16(),
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, jiff::Timestamp::now())),
        },
        Err(error) => Answer::Failed { error },
    }
}

enum Failure {
    /// It may pass: try again.
    Passing(String),
    /// Trying again would fail the same way.
    Lasting(Outcome),
}

fn failure(error: &ureq::Error, timing: &Timing) -> Failure {
    use ureq::Error as E;
    match error {
        E::Timeout(_) => Failure::Passing(format!("no answer within {}", seconds(timing.timeout))),
        E::HostNotFound => Failure::Passing("its host name was not found".into()),
        E::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            Failure::Passing("the connection was refused".into())
        }
        // What TLS refuses (a certificate that is not valid for the host) comes as data
        // that could not be read: asking again would be refused the same way.
        E::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => Failure::Lasting(
            Outcome::Unreachable(format!("no secure connection could be made: {e}")),
        ),
        E::Io(e) => Failure::Passing(format!("a network error: {e}")),
        E::ConnectionFailed => Failure::Passing("the connection failed".into()),
        E::Protocol(e) => Failure::Passing(format!("the server's answer could not be read: {e}")),
        E::BadUri(why) => Failure::Lasting(Outcome::Broken(format!(
            "it cannot be read as a web address: {why}"
        ))),
        E::TooManyRedirects => Failure::Lasting(Outcome::Unreachable(
            "it redirects too many times (a loop, or a site that wants cookies)".into(),
        )),
        other => Failure::Lasting(Outcome::Unreachable(format!("the request failed: {other}"))),
    }
}

/// `it answered 404 Not Found`.
fn answered(status: u16) -> String {
    match StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("it answered {status} {reason}"),
        None => format!("it answered {status}"),
    }
}

/// `10 s`, `0.3 s`.
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", d.as_secs_f64())
    }
}

/// The wait before try `retry + 2` (after `retry + 1` failures): the backoff doubled
/// `retry` times, or longer when the server asked for longer; never past the cap.
pub(super) fn wait(retry: u32, asked: Option<Duration>, timing: &Timing) -> Duration {
    let doubled = timing
        .backoff
        .saturating_mul(2u32.saturating_pow(retry.min(16)));
    doubled.max(asked.unwrap_or_default()).min(timing.max_wait)
}

/// A `Retry-After` header's wait: seconds (`120`), or an HTTP date, from `now`; `None`
/// when it is neither.
pub(super) fn retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64: far longer than any cap.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    let then = PARSER.parse_timestamp(value).ok()?;
    let secs = then.as_second().saturating_sub(now.as_second());
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing() -> Timing {
        Timing {
            timeout: Duration::from_secs(10),
            backoff: Duration::from_secs(1),
            retries: 3,
            max_wait: Duration::from_secs(20),
        }
    }

    #[test]
    fn waits_double_and_stop_at_the_cap() {
        let t = timing();
        let waits: Vec<u64> = (0..7).map(|r| wait(r, None, &t).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 20, 20]);
        assert_eq!(wait(u32::MAX, None, &t), t.max_wait);
    }

    #[test]
    fn a_servers_retry_after_is_honoured_up_to_the_cap() {
        let t = timing();
        assert_eq!(wait(0, Some(Duration::from_secs(5)), &t).as_secs(), 5);
        // Never shorter than our own backoff: `Retry-After: 0` still waits a little.
        assert_eq!(wait(1, Some(Duration::ZERO), &t).as_secs(), 2);
        assert_eq!(wait(0, Some(Duration::from_secs(3600)), &t), t.max_wait);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now: jiff::Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        let secs = |v: &str| retry_after(v, now).map(|d| d.as_secs());
        assert_eq!(secs("0"), Some(0));
        assert_eq!(secs(" 120 "), Some(120));
        assert_eq!(secs("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(secs("Fri, 20 Nov 2026 10:01:30 GMT"), Some(90));
        // A date already past: no wait.
        assert_eq!(secs("Fri, 20 Nov 2026 09:00:00 GMT"), Some(0));
        for bad in ["", "-1", "1.5", "soon", "in 2 minutes"] {
            assert_eq!(secs(bad), None, "{bad}");
        }
    }

    #[test]
    fn statuses_are_named() {
        assert_eq!(answered(404), "it answered 404 Not Found");
        assert_eq!(answered(429), "it answered 429 Too Many Requests");
        assert_eq!(answered(599), "it answered 599");
        assert_eq!(seconds(Duration::from_millis(300)), "0.3 s");
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
    }
}
