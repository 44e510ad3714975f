//! `trellis checkin …` and `trellis survey report`: answering, previewing and
//! exporting the anonymised survey file, and the organizer's report with
//! every kind of refused file named.

// Helpers of tests: a panic here is the failure report we want.
#![allow(clippy::unwrap_used, reason = "test helpers")]

use std::path::Path;

use serde_json::Value;

use super::util::{id, one_json_document, Env};

/// Run with `--json` and parse its one document. (Answers are maps keyed by
/// question and criterion ids, so the camelCase check of `Env::json` does
/// not apply to them.)
fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    one_json_document(&env.ok(&all))
}

/// A mentee pair whose 90-day check-in is due today.
fn due_pair(env: &Env, partner: &str) -> String {
    let matched = (trellis_core::time::now().date_naive() - chrono::Days::new(90)).to_string();
    id(&env.json(&[
        "pair",
        "add",
        "--role",
        "mentee",
        "--partner",
        partner,
        "--cohort",
        "first-patch",
        "--match-date",
        &matched,
        "--my-tz",
        "UTC",
        "--partner-tz",
        "UTC",
    ]))
}

const ANSWERS: &str = r#"{
  "role": "mentee",
  "satisfaction": 4,
  "recommend": 9,
  "biggest-obstacle": "time-zones",
  "more-confident": "yes",
  "criteria-met": {"merged-one-patch": "yes", "submitted-change": "no"}
}"#;

fn answer(env: &Env, pair: &str) {
    let file = env.root().join("answers.json");
    std::fs::write(&file, ANSWERS).unwrap();
    json(
        env,
        &[
            "checkin",
            "answer",
            "--pair",
            pair,
            "--file",
            file.to_str().unwrap(),
        ],
    );
}

#[test]
fn a_due_check_in_is_answered_previewed_exported_and_then_no_longer_due() {
    let env = Env::new();
    let pair = due_pair(&env, "Ada Lovelace");
    assert!(env.ok(&["status"]).contains("Check-in due today"));
    let form = json(&env, &["checkin", "show", "--pair", &pair]);
    assert_eq!(form["number"], 1);
    assert_eq!(form["daysUntil"], 0);
    let q = |id: &str| {
        form["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(q("role")["prefill"], "mentee");
    assert_eq!(q("meetings-last-4-weeks")["prefill"], "none");
    assert_eq!(q("criteria-met")["criteria"].as_array().unwrap().len(), 4);
    let text = env.ok(&["checkin", "show", "--pair", &pair]);
    assert!(
        text.contains("Check-in 1 of 1") && text.contains("suggested: mentee"),
        "{text}"
    );

    answer(&env, &pair);
    let preview = env.ok(&["checkin", "export", "--pair", &pair, "--preview"]);
    let doc: Value = serde_json::from_str(&preview).unwrap();
    assert_eq!(doc["format"], "trellis-survey");
    assert!(!preview.contains("Ada") && !preview.contains("Lovelace"));
    let as_json = json(&env, &["checkin", "export", "--pair", &pair, "--preview"]);
    assert_eq!(
        as_json["bytes"].as_u64().unwrap() as usize,
        as_json["preview"].as_str().unwrap().len()
    );
    assert!(
        env.ok(&["status"]).contains("Check-in due today"),
        "a preview exports nothing"
    );
    assert_eq!(
        std::fs::read_dir(env.root()).unwrap().count(),
        2,
        "a preview writes no file"
    );

    // Write exactly the previewed bytes, saved from --preview.
    let saved = env.root().join("preview.json");
    std::fs::write(&saved, &preview).unwrap();
    let out = env.root().join("survey.json");
    let done = json(
        &env,
        &[
            "checkin",
            "export",
            "--pair",
            &pair,
            "--out",
            out.to_str().unwrap(),
            "--previewed",
            saved.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), preview);
    assert_eq!(done["respondentId"], doc["respondentId"]);
    assert!(!env.ok(&["status"]).contains("Check-in"));

    // One step: the bytes written are printed.
    let again = env.root().join("again.json");
    let text = env.ok(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--out",
        again.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&again).unwrap();
    assert!(text.starts_with(written.trim_end()), "{text}");
    let written_doc: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        written_doc["respondentId"], doc["respondentId"],
        "one check-in, one respondent"
    );
    assert_eq!(written_doc["revision"], 2);
}

#[test]
fn answers_with_a_bad_value_or_without_a_source_are_refused_with_nothing_written() {
    let env = Env::new();
    let pair = due_pair(&env, "Ada");
    let file = env.root().join("bad.json");
    std::fs::write(&file, r#"{"satisfaction": 9}"#).unwrap();
    let e = env.refused(&[
        "checkin",
        "answer",
        "--pair",
        &pair,
        "--file",
        file.to_str().unwrap(),
    ]);
    assert!(e.contains("outside the scale"), "{e}");
    std::fs::write(&file, r#"{"favourite-colour": "blue"}"#).unwrap();
    let e = env.refused(&[
        "checkin",
        "answer",
        "--pair",
        &pair,
        "--file",
        file.to_str().unwrap(),
    ]);
    assert!(e.contains("not a question"), "{e}");
    // No file and no terminal to ask on.
    let e = env.refused(&["checkin", "answer", "--pair", &pair]);
    assert!(e.contains("--file"), "{e}");
    // Unanswered: nothing to export.
    let out = env.root().join("s.json");
    let e = env.refused(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(e.contains("answer it first"), "{e}");
    assert!(!out.exists());
}

#[test]
fn answers_can_come_on_standard_input() {
    let env = Env::new();
    let pair = due_pair(&env, "Ada");
    let out = env
        .cmd(&[
            "--json", "checkin", "answer", "--pair", &pair, "--file", "-",
        ])
        .write_stdin(ANSWERS)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["answers"]["satisfaction"], 4);
}

#[test]
fn the_end_reason_is_asked_and_kept_only_after_an_early_end() {
    let env = Env::new();
    let pair = due_pair(&env, "Ada");
    let text = env.ok(&["checkin", "show", "--pair", &pair]);
    assert!(
        text.contains("end-reason — ") && text.contains("only when pair-status is ended-early"),
        "{text}"
    );
    let answer = |status: &str| {
        let out = env
            .cmd(&[
                "--json", "checkin", "answer", "--pair", &pair, "--file", "-",
            ])
            .write_stdin(format!(
                r#"{{"pair-status": "{status}", "end-reason": "mismatch", "satisfaction": 4}}"#
            ))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["answers"].clone()
    };
    let active = answer("active");
    assert_eq!(active["pair-status"], "active");
    assert!(active.get("end-reason").is_none(), "{active}");
    let preview = env.ok(&["checkin", "export", "--pair", &pair, "--preview"]);
    assert!(
        !preview.contains("end-reason") && !preview.contains("mismatch"),
        "{preview}"
    );
    let ended = answer("ended-early");
    assert_eq!(ended["end-reason"], "mismatch");
    let preview = env.ok(&["checkin", "export", "--pair", &pair, "--preview"]);
    assert!(
        preview.contains("\"end-reason\": \"mismatch\""),
        "{preview}"
    );
}

#[test]
fn a_comment_needs_consent_and_may_not_carry_contact_details() {
    let env = Env::new();
    let pair = due_pair(&env, "Ada");
    answer(&env, &pair);
    let out = env
        .cmd(&[
            "checkin",
            "export",
            "--pair",
            &pair,
            "--preview",
            "--comment",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--consent"));
    let e = env.refused(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--preview",
        "--comment",
        "mail me: a@b.org",
        "--consent",
    ]);
    assert!(e.contains("e-mail address"), "{e}");
    let shown = env.ok(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--preview",
        "--comment",
        "More reviews, please.",
        "--consent",
    ]);
    assert!(
        shown.contains("\"comment\": \"More reviews, please.\""),
        "{shown}"
    );
}

// ---------------------------------------------------------------- report --

/// Twenty survey files exported by twenty pairs, in `dir`.
fn exported_files(env: &Env, dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let pair = due_pair(env, &format!("Partner {i}"));
        answer(env, &pair);
        let out = dir.join(format!("survey-{i:02}.json"));
        json(
            env,
            &[
                "checkin",
                "export",
                "--pair",
                &pair,
                "--out",
                out.to_str().unwrap(),
            ],
        );
    }
}

fn report(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.cmd(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_kind_of_bad_file_is_refused_by_name_and_the_rest_reported() {
    let env = Env::new();
    let dir = env.root().join("in");
    exported_files(&env, &dir, 6);
    let first = std::fs::read_to_string(dir.join("survey-00.json")).unwrap();
    let put = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    put("x-duplicate.json", &first);
    put(
        "x-other-program.json",
        &first
            .replace("\"openstack-mentoring\"", "\"generic\"")
            .replace(
                &serde_json::from_str::<Value>(&first).unwrap()["respondentId"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                "6b0f7b0e-3c53-4d6e-9b0c-0d4e1f2a3b4c",
            ),
    );
    put("x-malformed.json", "{ not json");
    put(
        "x-schema.json",
        &first.replace("\"role\"", "\"partnerName\": \"Ada\",\n  \"role\""),
    );
    put(
        "x-version.json",
        &first.replace("\"formatVersion\": \"1.2\"", "\"formatVersion\": \"2.0\""),
    );
    put("x-oversized.json", &" ".repeat(64 * 1024 + 1));
    let html = env.root().join("r/report.html");
    std::fs::create_dir_all(html.parent().unwrap()).unwrap();
    let (code, stdout, stderr) = report(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
            "--min-group",
            "1",
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Reported 6 respondent(s)")
            && stdout.contains("5 refused")
            && stdout.contains("1 older or repeated file(s) of a respondent folded"),
        "{stdout}"
    );
    for (name, reason) in [
        ("x-other-program.json", "belongs to program 'generic'"),
        ("x-malformed.json", "not valid JSON"),
        ("x-schema.json", "unknown field `partnerName`"),
        ("x-version.json", "format version 2.0 is not supported"),
        ("x-oversized.json", "larger than 64 KiB"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named:\n{stderr}"));
        assert!(
            line.starts_with("refused: ") && line.contains(reason),
            "{line}"
        );
    }
    assert_eq!(
        stderr.lines().count(),
        6,
        "one line per refused file and one about the mixed programs, no progress bar: {stderr}"
    );
    assert!(
        stderr.contains("note: the files belong to 2 programs (openstack-mentoring, generic)")
            && stderr.contains("choose with --program"),
        "{stderr}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"));
    let csv = std::fs::read_to_string(html.with_extension("csv")).unwrap();
    assert!(csv.starts_with("table,row,column,value\n"));
    assert!(csv.contains("responses,Total,Total,6"), "{csv}");
}

#[test]
fn a_report_of_twenty_files_suppresses_small_groups_in_html_and_csv() {
    let env = Env::new();
    let dir = env.root().join("in");
    exported_files(&env, &dir, 20);
    let html = env.root().join("report.html");
    let csv = env.root().join("numbers.csv");
    let v = json(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(v["report"]["accepted"], 20);
    assert_eq!(v["report"]["minGroup"], 5);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("responses,Total,Total,20"));
    // Every mentee of first-patch: the other cohorts' zeros are shown, and
    // no count from 1 to 4 appears anywhere.
    for line in text.lines().skip(4) {
        let value = line.rsplit(',').next().unwrap();
        if let Ok(n) = value.parse::<u32>() {
            assert!(n == 0 || n >= 5, "{line}");
        }
    }
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("smallest group shown (K)"));
}

#[test]
fn a_report_with_nothing_readable_is_refused_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["pack", "list"]);
    let dir = env.root().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.json"), "[]").unwrap();
    let html = env.root().join("report.html");
    let (code, stdout, stderr) = report(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("refused: ") && stderr.contains("no survey file could be reported"),
        "{stderr}"
    );
    assert!(!html.exists() && !html.with_extension("csv").exists());
    let (code, _, stderr) = report(
        &env,
        &[
            "survey",
            "report",
            env.root().join("missing").to_str().unwrap(),
        ],
    );
    assert_eq!(
        code,
        Some(1),
        "a missing input is not the files' fault: {stderr}"
    );
}

#[test]
fn regression_issue_12_reports_over_f_and_f_plus_one_file_cannot_both_be_made() {
    let env = Env::new();
    let dir = env.root().join("in");
    exported_files(&env, &dir, 13);
    // F: the first twelve; f: the thirteenth, kept aside.
    let aside = env.root().join("late");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::rename(dir.join("survey-12.json"), aside.join("survey-12.json")).unwrap();
    let first = env.root().join("first.html");
    json(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            first.to_str().unwrap(),
        ],
    );
    let second = env.root().join("second.html");
    let args = [
        "survey",
        "report",
        dir.to_str().unwrap(),
        aside.to_str().unwrap(),
        "--out",
        second.to_str().unwrap(),
    ];
    let (code, stdout, stderr) = report(&env, &args);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("differs from") && stderr.contains("--override"),
        "{stderr}"
    );
    assert!(!second.exists() && !second.with_extension("csv").exists());
    // The same set again is no difference at all.
    let again = env.root().join("again.html");
    json(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            again.to_str().unwrap(),
        ],
    );
    // With an override, given in words, the report is made and says so.
    let mut with = args.to_vec();
    with.extend(["--override", "the board asked for the late file"]);
    let v = json(&env, &with);
    assert_eq!(v["report"]["accepted"], 13);
    let html = std::fs::read_to_string(&second).unwrap();
    assert!(
        html.contains("the board asked for the late file"),
        "the override is in the report"
    );
    let csv = std::fs::read_to_string(second.with_extension("csv")).unwrap();
    assert!(csv.contains("the board asked for the late file"), "{csv}");
}

#[test]
fn export_says_what_e_mail_tells_and_shows_the_programs_anonymous_drop_off() {
    let env = Env::new();
    let pair = due_pair(&env, "Zoë Lin");
    answer(&env, &pair);
    let out = env.root().join("s.json");
    let text = env.ok(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        text.contains(
            "If you e-mail this file from your own address, the organizer knows who sent it"
        ),
        "{text}"
    );
    assert!(text.contains("names no anonymous drop-off"), "{text}");
    // A pack that names a drop-off shows it, in the preview and at export.
    let pack = env.root().join("pack.toml");
    std::fs::write(
        &pack,
        include_str!("../../../trellis-core/packs/openstack.toml").replace(
            "min_group_size = 5\n",
            "min_group_size = 5\ndrop_off = \"https://drop.example.org/openstack (no login)\"\n",
        ),
    )
    .unwrap();
    env.ok(&["pack", "import", pack.to_str().unwrap()]);
    let bytes = env.ok(&["checkin", "export", "--pair", &pair, "--preview"]);
    serde_json::from_str::<Value>(&bytes).expect("without --explain, only the file's bytes");
    let preview = env.ok(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--preview",
        "--explain",
    ]);
    assert!(preview.starts_with(&bytes), "{preview}");
    assert!(
        preview.contains("anonymous drop-off: https://drop.example.org/openstack (no login)"),
        "{preview}"
    );
    assert!(
        preview.contains("respondentId: a random number made once for this check-in"),
        "the preview says what each line tells: {preview}"
    );
    let v = json(
        &env,
        &[
            "checkin",
            "export",
            "--pair",
            &pair,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        v["channel"]["dropOff"],
        "https://drop.example.org/openstack (no login)"
    );
    assert_eq!(v["revision"], 2, "the second file of this check-in");
    // The comment filter knows the person's own name when given.
    let refused = env.refused(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--preview",
        "--comment",
        "Jane here, thanks",
        "--consent",
        "--my-name",
        "Jane Doe",
    ]);
    assert!(refused.contains("your own name"), "{refused}");
}

#[test]
fn a_report_shows_check_in_1_beside_check_in_2_when_both_have_respondents() {
    let env = Env::new();
    // The OpenStack pack with two check-ins: 30 and 90 days after the match.
    let pack = env.root().join("two-checkins.toml");
    std::fs::write(
        &pack,
        include_str!("../../../trellis-core/packs/openstack.toml")
            .replace("days_after_match = [90]", "days_after_match = [30, 90]"),
    )
    .unwrap();
    env.ok(&["pack", "import", pack.to_str().unwrap()]);
    let dir = env.root().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..12 {
        let pair = due_pair(&env, &format!("Partner {i}"));
        let number = if i < 6 { "1" } else { "2" };
        let file = env.root().join("answers.json");
        std::fs::write(&file, ANSWERS).unwrap();
        json(
            &env,
            &[
                "checkin",
                "answer",
                "--pair",
                &pair,
                "--number",
                number,
                "--file",
                file.to_str().unwrap(),
            ],
        );
        let out = dir.join(format!("survey-{i:02}.json"));
        json(
            &env,
            &[
                "checkin",
                "export",
                "--pair",
                &pair,
                "--number",
                number,
                "--out",
                out.to_str().unwrap(),
            ],
        );
    }
    let html = env.root().join("report.html");
    let (code, stdout, stderr) = report(
        &env,
        &[
            "survey",
            "report",
            dir.to_str().unwrap(),
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Check-ins 1 and 2 side by side in every table"),
        "{stdout}"
    );
    let csv = std::fs::read_to_string(env.root().join("report.csv")).unwrap();
    // Everyone answered satisfaction 4: six at each check-in, in a column
    // each, and no column adds the two up.
    assert!(
        csv.contains("question:satisfaction,4,Check-in 1,6\n")
            && csv.contains("question:satisfaction,4,Check-in 2,6\n"),
        "{csv}"
    );
    assert!(
        !csv.contains("question:satisfaction,4,All respondents,"),
        "{csv}"
    );
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(
        html.contains("<th>Check-in 1</th><th>Check-in 2</th>"),
        "{html}"
    );
}
