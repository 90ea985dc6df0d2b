//! Whether a claim's status agrees with the responses on record.
//!
//! What the statuses mean (also in `docs/format.md` and the table's legend): `reported`, no
//! response on record denies or disputes it; `disputed`, a response disputes it and none
//! denies it; `denied`, a response denies it, and a blanket denial of a whole report
//! denies every claim of it; `confirmed`, `unverified` and `retracted` are the editors'
//! findings, which no response contradicts. A status that says otherwise than its responses
//! is a warning, which the claim's `status_reason` (shown beside the status) acknowledges.
//!
//! Input: the claim and, for each response on record, its title, its respondent and its
//! stance (the engine reads them, recorded, after the notes are turned around). Output:
//! its warnings.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::FileId;
use crate::parse::{ClaimMeta, Stance, Status};

/// A response to a claim as the check sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Answer<'a> {
    pub title: &'a str,
    pub by: Option<&'a str>,
    pub stance: Stance,
}

/// The warnings of a claim whose status contradicts its responses.
pub(crate) fn check(file: FileId, claim: &ClaimMeta, answers: &[Answer]) -> Diagnostics {
    let mut out = Diagnostics::default();
    if claim.status_reason.is_some() {
        return out;
    }
    let with = |stance: Stance| answers.iter().find(|a| a.stance == stance);
    let who = |a: &Answer| match a.by {
        Some(by) => format!("{by}, in «{}»,", a.title),
        None => format!("«{}»", a.title),
    };
    let (denial, dispute) = (with(Stance::Denies), with(Stance::Disputes));
    let status = claim.status.name();
    let (message, should) = match (claim.status, denial, dispute) {
        (Status::Reported, Some(d), _) => (
            format!("the claim is `{status}`, but {} denies it", who(d)),
            "denied",
        ),
        (Status::Reported, None, Some(d)) => (
            format!("the claim is `{status}`, but {} disputes it", who(d)),
            "disputed",
        ),
        (Status::Disputed, Some(d), _) => (
            format!("the claim is `{status}`, but {} denies it", who(d)),
            "denied",
        ),
        (Status::Denied, None, _) => (
            format!("the claim is `{status}`, but no response on record denies it"),
            match dispute {
                Some(_) => "disputed",
                None => "reported",
            },
        ),
        (Status::Disputed, None, None) => (
            format!("the claim is `{status}`, but no response on record disputes it"),
            "reported",
        ),
        _ => return out,
    };
    out.push(
        Diagnostic::warning(
            "status-contradicts",
            message,
            Location::Span(file, claim.status_at.clone()),
        )
        .with_help(format!(
            "set `status: {should}`, or say why the status stands with `status_reason: \"...\"` (shown beside it)"
        )),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Reference;

    fn claim(status: Status, reason: Option<&str>) -> ClaimMeta {
        ClaimMeta {
            claimant: Some(Reference {
                target: "x".into(),
                span: 0..1,
            }),
            subjects: vec![],
            via: vec![],
            status,
            status_at: 3..9,
            status_reason: reason.map(str::to_string),
        }
    }

    fn answer(stance: Stance) -> Answer<'static> {
        Answer {
            title: "Peskov at a briefing",
            by: Some("Dmitry Peskov"),
            stance,
        }
    }

    fn codes(status: Status, stances: &[Stance]) -> Vec<String> {
        let answers: Vec<Answer> = stances.iter().map(|&s| answer(s)).collect();
        check(
            <FileId as crate::id::Id>::from_index(0),
            &claim(status, None),
            &answers,
        )
        .iter()
        .map(|d| format!("{} {}", d.message, d.help.clone().unwrap_or_default()))
        .collect()
    }

    #[test]
    fn a_reported_claim_that_someone_denies_is_told() {
        let got = codes(Status::Reported, &[Stance::NoResponse, Stance::Denies]);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with(
            "the claim is `reported`, but Dmitry Peskov, in «Peskov at a briefing», denies it set `status: denied`"
        ), "{got:?}");
        assert!(codes(Status::Reported, &[Stance::Disputes])[0].contains("`status: disputed`"));
        assert!(codes(Status::Disputed, &[Stance::Denies])[0].contains("`status: denied`"));
    }

    #[test]
    fn a_denied_claim_that_no_one_denies_is_told() {
        let got = codes(Status::Denied, &[Stance::DeclinesComment]);
        assert!(
            got[0].starts_with(
                "the claim is `denied`, but no response on record denies it set `status: reported`"
            ),
            "{got:?}"
        );
        assert!(codes(Status::Denied, &[Stance::Disputes])[0].contains("`status: disputed`"));
        assert!(codes(Status::Denied, &[])[0].contains("no response"));
        assert!(codes(Status::Disputed, &[Stance::NotAware])[0].contains("disputes it"));
    }

    #[test]
    fn statuses_that_agree_and_editors_findings_pass() {
        for (status, stances) in [
            (Status::Reported, vec![]),
            (
                Status::Reported,
                vec![
                    Stance::NoResponse,
                    Stance::DeclinesComment,
                    Stance::NotAware,
                ],
            ),
            (Status::Disputed, vec![Stance::Disputes]),
            (Status::Denied, vec![Stance::Denies, Stance::Disputes]),
            (Status::Confirmed, vec![Stance::Denies]),
            (Status::Unverified, vec![Stance::Denies]),
            (Status::Retracted, vec![]),
        ] {
            assert_eq!(
                codes(status, &stances),
                Vec::<String>::new(),
                "{status:?} {stances:?}"
            );
        }
    }

    #[test]
    fn a_reason_acknowledges_the_status() {
        let answers = [answer(Stance::Denies)];
        let c = claim(Status::Reported, Some("Only a blanket denial covers it."));
        assert!(check(<FileId as crate::id::Id>::from_index(0), &c, &answers).is_empty());
        let d = &codes(Status::Reported, &[Stance::Denies]);
        assert_eq!(d.len(), 1);
    }
}
