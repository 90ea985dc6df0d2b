//! The program never panics on input: mangled notes, sidecars and configs give diagnostics
//! (exit 1) or build (exit 0), never a crash (exit 101).

use crate::support::*;

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const PIECES: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "|",
    "#",
    "@",
    "¶",
    ":",
    "---",
    "\n",
    "\r\n",
    "{",
    "}",
    "\"",
    "'",
    "-",
    " ",
    "«",
    "»",
    "—",
    "`",
    "```",
    "*",
    "&",
    "!",
    "0",
    "99999999999",
    "\u{feff}",
    "Кремль",
    "\t",
];

fn mangle(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.next(4) {
        let at = rng.next(chars.len() + 1);
        match rng.next(3) {
            0 if !chars.is_empty() => {
                let end = (at + rng.next(12)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            _ => {
                let piece: Vec<char> = PIECES[rng.next(PIECES.len())].chars().collect();
                chars.splice(at..at, piece);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_inputs_never_crash_the_build() {
    let files = [
        "content/claims/contract-approved.md",
        "content/responses/routine.md",
        "content/people/clerk.md",
        "seeds/report.yaml",
        "dossier.yaml",
    ];
    let mut rng = Lcg(0x5eed);
    for round in 0..60 {
        let rel = files[round % files.len()];
        let original = std::fs::read_to_string(fixtures().join("basic").join(rel)).unwrap();
        let mangled = mangle(&original, &mut rng);
        let d = Dossier::fixture("basic").write(rel, &mangled);
        let r = d.check();
        assert!(
            r.code == 0 || r.code == 1,
            "round {round}: exit {} on this {rel}:\n{mangled}\n--- stderr:\n{}",
            r.code,
            r.stderr
        );
        assert!(
            !r.stderr.contains("panicked"),
            "round {round}: {}",
            r.stderr
        );
    }
}

#[test]
fn every_prefix_of_a_note_is_handled() {
    let rel = "content/responses/routine.md";
    let original = std::fs::read_to_string(fixtures().join("basic").join(rel)).unwrap();
    let ends: Vec<usize> = original.char_indices().map(|(i, _)| i).step_by(7).collect();
    for end in ends {
        let d = Dossier::fixture("basic").write(rel, &original[..end]);
        let r = d.check();
        assert!(
            r.code == 0 || r.code == 1,
            "prefix {end}: exit {}:\n{}",
            r.code,
            r.stderr
        );
    }
}
