//! Calendars (issue 16): `checkin ics`, `action ics` and `pair calendar`,
//! whose kept file follows every change and whose failure to be written
//! is a warning, never a lost change.

use super::util::{id, Env};

fn add_action(env: &Env, pair: &str, text: &str, due: Option<&str>) -> String {
    let mut args = vec!["action", "add", "--pair", pair, "--owner", "mentee"];
    if let Some(d) = due {
        args.extend(["--due", d]);
    }
    args.push(text);
    id(&env.json(&args))
}

#[test]
fn action_ics_writes_the_due_day_and_refuses_an_item_without_one() {
    let env = Env::new();
    let pair = env.pair("Ada");
    let dated = add_action(&env, &pair, "Send the CFP", Some("2030-02-03"));
    let out = env.ok(&["action", "ics", &dated]);
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"), "{out}");
    assert!(out.contains("SUMMARY:Due: Send the CFP\r\n"), "{out}");
    assert!(out.contains("DTSTART;VALUE=DATE:20300203\r\n"), "{out}");
    assert!(out.contains("BEGIN:VALARM\r\n"), "{out}");
    let undated = add_action(&env, &pair, "Someday", None);
    let e = env.refused(&["action", "ics", &undated]);
    assert!(e.contains("no due date"), "{e}");
    // Matched 2025-09-01: its only check-in is long missed.
    let e = env.refused(&["checkin", "ics", "--pair", &pair]);
    assert!(e.contains("no check-in"), "{e}");
}

#[test]
fn pair_calendar_is_written_once_or_kept_and_warns_when_it_cannot_be() {
    let env = Env::new();
    let pair = env.pair("Ada & Lin");
    add_action(&env, &pair, "Push the patch", Some("2030-01-10"));
    let folder = env.root().join("calendars");
    std::fs::create_dir(&folder).unwrap();
    let dir = folder.to_str().unwrap();

    let once = env.json(&["pair", "calendar", &pair, "--folder", dir]);
    let path = once["path"].as_str().unwrap().to_string();
    let name = std::path::Path::new(&path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        name.starts_with("trellis-ada-lin-") && name.ends_with(".ics"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("SUMMARY:Due: Push the patch\r\n"), "{text}");
    assert!(
        text.contains("SUMMARY:Check-in 1 opens — Ada & Lin\r\n"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Written once: a change does not reach it.
    add_action(&env, &pair, "Not followed", Some("2030-01-11"));
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("Not followed"));

    let kept = env.json(&["pair", "calendar", &pair, "--folder", dir, "--keep"]);
    assert_eq!(kept["path"].as_str(), Some(path.as_str()));
    assert!(kept["writtenAt"].is_string(), "{kept}");
    add_action(&env, &pair, "Review a change", Some("2030-01-12"));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("SUMMARY:Due: Review a change\r\n"));
    assert!(env
        .ok(&["pair", "calendar", &pair])
        .contains("Kept up to date: "));

    // The folder goes away: the change is saved, and said not to be in the file.
    std::fs::remove_dir_all(&folder).unwrap();
    let out = env
        .cmd(&[
            "action",
            "add",
            "--pair",
            &pair,
            "--owner",
            "mentor",
            "--due",
            "2030-01-13",
            "Saved anyway",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("warning: the calendar file ")
            && stderr.contains("your change was saved"),
        "{stderr}"
    );
    let listed = env.ok(&["action", "list", "--pair", &pair]);
    assert!(listed.contains("Saved anyway"), "{listed}");
    assert!(env
        .ok(&["pair", "calendar", &pair])
        .contains("warning: the last change was not written"));

    let stopped = env.ok(&["pair", "calendar", &pair, "--stop"]);
    assert!(stopped.contains("no longer"), "{stopped}");
    // Nothing kept: no more warnings.
    env.ok(&[
        "action", "add", "--pair", &pair, "--owner", "mentor", "Quiet",
    ]);
    assert!(env.ok(&["pair", "calendar", &pair]).contains("not kept"));
}

#[test]
fn pair_calendar_refuses_a_folder_that_is_not_one() {
    let env = Env::new();
    let pair = env.pair("Ada");
    let missing = env.root().join("nowhere");
    let e = env.refused(&[
        "pair",
        "calendar",
        &pair,
        "--folder",
        missing.to_str().unwrap(),
        "--keep",
    ]);
    assert!(e.contains("is not a folder"), "{e}");
}
