//! `trellis sync join` (issue 13): the invite is shown, with the safety
//! code, and nothing is written until the person says yes (or `--yes`).

use super::super::util::Env;
use super::s;

/// A's invite of a new pair, and its code.
fn invited() -> (Env, Env, String, std::path::PathBuf, String) {
    let a = Env::new();
    let b = Env::new();
    let pair = a.pair("Morgan Mentor");
    let inv = a.root().join("pair.trellis-invite");
    let w = a.json(&[
        "sync",
        "invite",
        "--pair",
        &pair,
        "--my-name",
        "Ada Mentee",
        "--out",
        inv.to_str().unwrap(),
    ]);
    // B's data dir exists, with a pair of its own.
    b.pair("Someone else");
    (a, b, pair, inv, s(&w["code"]).to_string())
}

fn join(b: &Env, inv: &std::path::Path, code: &str, stdin: &str) -> std::process::Output {
    let answer = b.root().join("answer.trellis-answer");
    b.cmd(&[
        "sync",
        "join",
        inv.to_str().unwrap(),
        "--code",
        code,
        "--answer",
        answer.to_str().unwrap(),
    ])
    .write_stdin(stdin)
    .output()
    .unwrap()
}

/// The safety code a text shows after "Safety code: ".
fn code_in(text: &str) -> String {
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Safety code: "))
        .unwrap_or_else(|| panic!("no safety code in:\n{text}"));
    line.trim().to_string()
}

#[test]
fn join_shows_who_invites_and_the_safety_code_and_writes_nothing_when_declined() {
    let (_a, b, _pair, inv, code) = invited();
    let before = b.digest();
    for answer in ["n\n", "\n", ""] {
        let out = join(&b, &inv, &code, answer);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(out.stdout.is_empty());
        for needle in [
            "Ada Mentee (mentee) invites you as the mentor",
            "Safety code: ",
            "Join this pair? [y/N]",
            "not joined: nothing was written",
        ] {
            assert!(stderr.contains(needle), "{needle:?} in:\n{stderr}");
        }
        assert_eq!(b.digest(), before, "declining wrote something");
        assert!(!b.root().join("answer.trellis-answer").exists());
    }
}

#[test]
fn joining_after_yes_gives_the_safety_code_the_preview_showed_on_both_sides() {
    let (a, b, pair, inv, code) = invited();
    let out = join(&b, &inv, &code, "y\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let shown = code_in(&stderr);
    assert_eq!(code_in(&stdout), shown, "joined with the previewed key");
    let answer = b.root().join("answer.trellis-answer");
    let paired = a.json(&["sync", "import", answer.to_str().unwrap()]);
    assert_eq!(s(&paired["safetyCode"]), shown, "the inviter sees the same");
    let st = b.json(&["sync", "status", "--pair", &pair]);
    assert_eq!(s(&st["safetyCode"]), shown);
}

#[test]
fn join_with_yes_asks_nothing() {
    let (_a, b, pair, inv, code) = invited();
    let answer = b.root().join("answer.trellis-answer");
    let out = b
        .cmd(&[
            "--json",
            "sync",
            "join",
            inv.to_str().unwrap(),
            "--code",
            &code,
            "--answer",
            answer.to_str().unwrap(),
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s(&v["pair"]["id"]), pair);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("[y/N]"));
    assert!(answer.exists());
}

#[test]
fn join_with_the_wrong_code_is_refused_before_asking() {
    let (_a, b, _pair, inv, _code) = invited();
    let err = b.refused(&[
        "sync",
        "join",
        inv.to_str().unwrap(),
        "--code",
        "AAAA-AAAA-AAAA",
        "--answer",
        b.root().join("answer").to_str().unwrap(),
        "--yes",
    ]);
    assert!(err.contains("invite"), "{err}");
}
