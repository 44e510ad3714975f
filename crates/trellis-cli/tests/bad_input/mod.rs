//! The CLI: bad input: clear errors, nothing changed.

use super::*;
use crate::export::recorded_pair;

#[test]
fn adding_a_pair_in_an_unknown_cohort_is_refused_naming_the_cohorts() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort first-pach",
    ));
    assert_eq!(
        err.trim(),
        "error: cohort: 'first-pach' is not a choice; use first-patch, first-cfp, first-cloud or coa"
    );
    let err = env.refused(&words(
        "pair add --role mentee --partner X --program nope --cohort coa",
    ));
    assert_contains(&err, &["no program matches 'nope'"]);
}

#[test]
fn a_malformed_date_is_refused_with_how_to_write_it() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort coa --match-date 14/03/2026",
    ));
    assert_eq!(
        err.trim(),
        "error: match date: '14/03/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14"
    );
    assert_contains(
        &env.refused(&words(&format!(
            "goal add --pair {pair} --title X --target 'next year'"
        ))),
        &["target date: 'next year' is not a date"],
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--match-date", "2025-13-01"]),
        &["match date: '2025-13-01' is not a date"],
    );
}

#[test]
fn an_invalid_time_zone_is_refused_naming_a_valid_one() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort coa --my-tz Mars/Olympus_Mons",
    ));
    assert_eq!(
        err.trim(),
        "error: my time zone: 'Mars/Olympus_Mons' is not a known time zone; use an IANA name such as Europe/Berlin or America/Chicago"
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--partner-tz", "CET+1"]),
        &["partner's time zone: 'CET+1' is not a known time zone"],
    );
}

#[test]
fn other_bad_pair_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let base = ["pair", "add", "--cohort", "coa"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        base.iter().chain(extra).copied().collect()
    };
    assert_contains(
        &env.refused(&with(&["--role", "boss", "--partner", "X"])),
        &["role: 'boss' is not a choice; use mentor or mentee"],
    );
    assert_contains(
        &env.refused(&with(&["--role", "mentee", "--partner", " "])),
        &["partner name: must not be empty"],
    );
    assert_contains(
        &env.refused(&with(&[
            "--role",
            "mentee",
            "--partner",
            "X",
            "--cadence",
            "0",
        ])),
        &["cadence: must be between 1 and 365 days"],
    );
    assert_contains(
        &env.refused(&with(&[
            "--role",
            "mentee",
            "--partner",
            "X",
            "--match-date",
            "2999-01-01",
        ])),
        &["match date: is more than a year ahead"],
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--partner", ""]),
        &["partner name: must not be empty"],
    );
    assert_eq!(arr(&env.json(&["pair", "list"])).len(), 1);
}

#[test]
fn errors_go_to_stderr_even_with_json() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&["goal", "show", "ffff"]);
    assert_eq!(err.trim(), "error: no goal matches 'ffff'");
}

#[test]
fn with_json_an_error_is_a_json_document_with_its_code_and_field() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&["--json", "goal", "show", "ffff"]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["error"]["code"], "not_found");
    assert_eq!(doc["error"]["params"]["what"], "goal");
    assert_eq!(doc["error"]["message"], "no goal matches 'ffff'");
    let pair = env.pair("Bo Chen");
    let err = env.refused(&["--json", "pair", "edit", &pair, "--partner", ""]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["code"], "invalid");
    assert_eq!(doc["error"]["field"], "partner name");
    assert_eq!(doc["error"]["params"]["rule"], "required");
    assert_eq!(doc["error"]["params"]["reason"], "must not be empty");
    let err = env.refused(&["--json", "pair", "edit", &pair, "--cadence", "400"]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["field"], "cadence");
    assert_eq!(doc["error"]["params"]["rule"], "out_of_range");
    assert_eq!(doc["error"]["params"]["min"], "1");
    assert_eq!(doc["error"]["params"]["max"], "365");
    assert_eq!(doc["error"]["params"]["unit"], "days");
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let before = env.digest();
    let out = env
        .cmd(&["pair", "add", "--role", "mentee"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    assert_contains(&err, &["--partner", "--cohort"]);
    env.cmd(&["frobnicate"]).assert().code(2);
    env.cmd(&words(
        "meeting log --pair x --start y --duration 5 --end z",
    ))
    .assert()
    .code(2);
    assert_eq!(env.digest(), before);
}

#[test]
fn reading_commands_leave_the_database_byte_for_byte_alone() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let before = env.digest();
    for args in [
        vec!["status"],
        vec!["pair", "list"],
        vec!["pair", "show", &pair],
        vec!["meeting", "next", "--pair", &pair],
        vec!["search", "gerrit"],
        vec!["export", "--pair", &pair],
    ] {
        env.ok(&args);
    }
    assert_eq!(env.digest(), before);
    env.ok(&["note", "add", "--pair", &pair, "A change"]);
    assert_ne!(env.digest(), before, "the digest must see a write");
}

#[test]
fn output_into_a_pipe_closed_early_ends_quietly() {
    // `trellis note list --pair ID | head`: more output than a pipe holds, and
    // a reader that is gone, must not make trellis panic.
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let long = "x".repeat(100_000);
    for _ in 0..4 {
        env.ok(&["note", "add", "--pair", &pair, &long]);
    }
    let mut child = std::process::Command::new(util::BIN)
        .arg("--data-dir")
        .arg(env.dir())
        .args(["--json", "note", "list", "--pair", &pair])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
