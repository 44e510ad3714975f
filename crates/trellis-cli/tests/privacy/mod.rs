//! Issue 14, from the side of another account on the same machine: with the
//! usual umask 022, everything Trellis writes — the data folder, the
//! database and its WAL/SHM, backups, and every file a command exports — is
//! readable by its owner only.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure report"
)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::util::{id, Env, BIN};

/// Run `trellis --data-dir DIR ARGS…` under `umask 022`, as a login shell
/// usually leaves it; expect success.
fn run_with_umask_022(env: &Env, args: &[&str]) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .arg("--data-dir")
        .arg(env.dir())
        .arg("--json")
        .args(args)
        .env_remove("TRELLIS_DATA_DIR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "trellis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every file and folder under `dir`, itself included.
fn everything_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// What another account could read: every entry not 0700 (folders) or 0600
/// (files).
fn open_to_others(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter(|p| {
            let want = if p.is_dir() { 0o700 } else { 0o600 };
            mode(p) != want
        })
        .map(|p| format!("{} {:o}", p.display(), mode(p)))
        .collect()
}

#[test]
fn with_umask_022_every_file_each_command_writes_is_readable_by_its_owner_only() {
    let env = Env::new();
    let run = |args: &[&str]| run_with_umask_022(&env, args);
    let pair = id(&serde_json::from_str(&run(&[
        "pair",
        "add",
        "--role",
        "mentee",
        "--partner",
        "Morgan Mentor",
        "--cohort",
        "first-patch",
        "--match-date",
        &(trellis_core::time::now().date_naive() - chrono::Days::new(90)).to_string(),
        "--my-tz",
        "UTC",
        "--partner-tz",
        "UTC",
    ]))
    .unwrap());
    run(&[
        "note",
        "add",
        "--pair",
        &pair,
        "I still find Gerrit's review UI confusing",
    ]);
    run(&["backup", "now"]);

    // Exports, each into the scratch folder beside the data dir.
    let out = env.root().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    let at = |name: &str| out.join(name).to_str().unwrap().to_string();
    run(&["export", "--pair", &pair, "--out", &at("record.md")]);
    let invite: serde_json::Value = serde_json::from_str(&run(&[
        "sync",
        "invite",
        "--pair",
        &pair,
        "--my-name",
        "Ada",
        "--out",
        &at("pair.trellis-invite"),
    ]))
    .unwrap();
    // The partner accepts (with the one-time code) and writes the answer;
    // once this side has imported it, updates can be written.
    let partner = Env::new();
    let answer = partner.root().join("answer.trellis-answer");
    let accepted = run_with_umask_022(
        &partner,
        &[
            "sync",
            "accept",
            &at("pair.trellis-invite"),
            "--code",
            invite["code"].as_str().unwrap(),
            "--answer",
            answer.to_str().unwrap(),
        ],
    );
    assert!(!accepted.is_empty());
    assert_eq!(
        open_to_others(std::slice::from_ref(&answer)),
        Vec::<String>::new()
    );
    assert_eq!(
        open_to_others(&everything_under(&partner.dir())),
        Vec::<String>::new()
    );
    run(&["sync", "import", answer.to_str().unwrap()]);
    run(&[
        "sync",
        "export",
        "--pair",
        &pair,
        "--out",
        &at("update.trellis"),
    ]);
    let answers = env.root().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"role": "mentee", "satisfaction": 4, "recommend": 9,
            "biggest-obstacle": "time-zones", "more-confident": "yes",
            "criteria-met": {"merged-one-patch": "yes", "submitted-change": "no"}}"#,
    )
    .unwrap();
    run(&[
        "checkin",
        "answer",
        "--pair",
        &pair,
        "--file",
        answers.to_str().unwrap(),
    ]);
    let surveys = env.root().join("surveys");
    std::fs::create_dir(&surveys).unwrap();
    let survey = surveys.join("survey.json");
    run(&[
        "checkin",
        "export",
        "--pair",
        &pair,
        "--out",
        survey.to_str().unwrap(),
    ]);
    run(&[
        "survey",
        "report",
        surveys.to_str().unwrap(),
        "--out",
        &at("report.html"),
        "--min-group",
        "1",
    ]);

    let data = everything_under(&env.dir());
    let names: Vec<String> = data
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["trellis.db", "backups"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.ends_with("-manual.db")),
        "a manual backup in {names:?}"
    );
    let mut written = data;
    written.push(survey);
    let exported: Vec<PathBuf> = everything_under(&out).into_iter().skip(1).collect();
    assert_eq!(
        exported.len(),
        5,
        "record, invite, update, report and its CSV: {exported:?}"
    );
    written.extend(exported);
    assert_eq!(open_to_others(&written), Vec::<String>::new());
}

#[test]
fn a_data_folder_left_open_by_an_older_trellis_is_closed_at_the_next_start() {
    let env = Env::new();
    env.pair("Morgan Mentor");
    for p in everything_under(&env.dir()) {
        let m = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
    }
    run_with_umask_022(&env, &["status"]);
    assert_eq!(
        open_to_others(&everything_under(&env.dir())),
        Vec::<String>::new()
    );
}

/// The files under `dir` whose bytes hold `text`.
fn holding(dir: &Path, text: &str) -> Vec<String> {
    everything_under(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| {
            std::fs::read(p)
                .unwrap()
                .windows(text.len())
                .any(|w| w == text.as_bytes())
        })
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn a_deleted_note_waits_in_the_trash_and_deleting_it_there_removes_it_from_every_file() {
    let env = Env::new();
    let pair = env.pair("Morgan Mentor");
    let secret = "Zqxcanary4471 Gerrit still confuses me";
    let n = id(&env.json(&["note", "add", "--pair", &pair, secret]));
    env.json(&["backup", "now"]);

    let gone = env.json(&["note", "delete", &n]);
    let t = gone["trashId"].as_str().unwrap().to_string();
    let listed = env.json(&["trash", "list", "--pair", &pair]);
    assert_eq!(listed[0]["label"], secret);
    assert_eq!(listed[0]["kind"], "note");
    // Restored: the same note, back in the list.
    let back = env.json(&["trash", "restore", &t[..13]]);
    assert_eq!(back["itemId"], n.as_str());
    assert_eq!(env.json(&["note", "show", &n])["body"], secret);
    assert_eq!(env.json(&["trash", "list"]), serde_json::json!([]));

    let t = env.json(&["note", "delete", &n])["trashId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !holding(&env.dir(), secret).is_empty(),
        "still in the Trash and a backup"
    );
    let purged = env.json(&["trash", "delete", &t]);
    assert_eq!(purged["items"], 1);
    assert_eq!(
        purged["backupsRewritten"], 2,
        "the manual and the daily backup"
    );
    assert_eq!(holding(&env.dir(), secret), Vec::<String>::new());
    assert!(env
        .refused(&["trash", "restore", &t])
        .contains("no item in the Trash matches"));
    assert!(env
        .refused(&["note", "show", &n])
        .contains("no note matches"));
}

#[test]
fn backups_can_be_listed_deleted_and_pruned_and_the_newest_always_stays() {
    let env = Env::new();
    env.pair("Morgan Mentor");
    let first = env.json(&["backup", "now"]);
    let second = env.json(&["backup", "now"]);
    let names = |env: &Env| -> Vec<String> {
        env.json(&["backup", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["name"].as_str().unwrap().to_string())
            .collect()
    };
    let all = names(&env);
    assert!(all.len() >= 3, "a daily and two manual ones: {all:?}");
    let deleted = env.json(&["backup", "delete", first["name"].as_str().unwrap()]);
    assert_eq!(deleted["name"], first["name"]);
    assert!(!names(&env).contains(&first["name"].as_str().unwrap().to_string()));
    assert!(env
        .refused(&["backup", "delete", "../trellis.db"])
        .contains("is not the name of a backup"));
    // Everything older than today: only the newest stays.
    let pruned = env.json(&["backup", "prune", "--older-than", "0"]);
    assert_eq!(pruned.as_array().unwrap().len(), all.len() - 2);
    assert_eq!(names(&env), [second["name"].as_str().unwrap()]);
    assert!(env.dir().join("trellis.db").exists());
}

/// `trellis ARGS…` in the test's data dir with `TRELLIS_PASSPHRASE` set.
fn with_passphrase(env: &Env, pass: &str, args: &[&str]) -> std::process::Output {
    env.cmd(args)
        .env("TRELLIS_PASSPHRASE", pass)
        .output()
        .unwrap()
}

#[test]
fn encryption_on_hides_every_private_word_and_the_passphrase_opens_it_again() {
    let env = Env::new();
    let pair = env.pair("Morgan Mentor");
    let secret = "Zqxcanary6620 I doubt my first patch";
    env.json(&["note", "add", "--pair", &pair, secret]);
    env.json(&["backup", "now"]);
    assert!(!holding(&env.dir(), secret).is_empty());
    let pass = "long enough passphrase";

    // A passphrase too short is refused; nothing changes.
    let before = env.digest();
    let out = with_passphrase(&env, "short", &["encryption", "on"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8 characters"));
    assert_eq!(env.digest(), before);

    let out = with_passphrase(&env, pass, &["encryption", "on"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Encryption is on"));
    assert_eq!(holding(&env.dir(), secret), Vec::<String>::new());
    assert_eq!(
        holding(&env.dir(), &secret.to_lowercase()),
        Vec::<String>::new()
    );

    // No passphrase (and no terminal to ask it at): a clear error.
    let out = env
        .cmd(&["note", "list", "--pair", &pair])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TRELLIS_PASSPHRASE"));
    // A wrong one: a clear error, and not one byte changed.
    let before = env.digest();
    let out = with_passphrase(
        &env,
        "not the passphrase!",
        &["note", "list", "--pair", &pair],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not the passphrase of this data"));
    assert_eq!(env.digest(), before);
    // The right one.
    let out = with_passphrase(&env, pass, &["note", "list", "--pair", &pair]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Zqxcanary6620"));
    let out = with_passphrase(&env, pass, &["--json", "encryption", "status"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["encrypted"], true);
    assert_eq!(status["inKeyring"], false);

    // A new passphrase: the old one no longer opens it.
    let out = env
        .cmd(&["encryption", "change-passphrase"])
        .env("TRELLIS_PASSPHRASE", pass)
        .env("TRELLIS_NEW_PASSPHRASE", "another long passphrase")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        with_passphrase(&env, pass, &["status"]).status.code(),
        Some(2)
    );
    let pass = "another long passphrase";
    // An encrypted backup restores with it.
    let out = with_passphrase(&env, pass, &["--json", "backup", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name = list[0]["name"].as_str().unwrap().to_string();
    let out = with_passphrase(&env, pass, &["backup", "restore", &name]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(holding(&env.dir(), secret), Vec::<String>::new());

    // Off: plain files again, and no passphrase needed.
    let out = with_passphrase(&env, pass, &["encryption", "off"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env
        .ok(&["note", "list", "--pair", &pair])
        .contains("Zqxcanary6620"));
    assert_eq!(env.json(&["encryption", "status"])["encrypted"], false);
}
