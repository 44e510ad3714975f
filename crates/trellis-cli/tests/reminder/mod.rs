//! `trellis reminders` (issue 16): what the desktop would remind me of at a
//! time, held through quiet hours, never a private note, nothing written.

use serde_json::Value;

use crate::util::{words, Env};

/// A pair (Berlin / Chicago) with a meeting at 16:00 Berlin on 7 January
/// 2030, an action item due the day after, and a private note for that
/// meeting holding a secret word.
fn busy_pair(env: &Env) -> String {
    let pair = env.pair("Morgan");
    env.ok(&[
        "meeting",
        "schedule",
        "--pair",
        &pair,
        "--start",
        "2030-01-07 16:00",
    ]);
    env.ok(&words(&format!(
        "action add --pair {pair} --owner mentee --due 2030-01-08 'Rebase the patch'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --next-meeting 'PRIVATE-CANARY-wombat worries'"
    )));
    pair
}

fn kinds(v: &Value) -> Vec<&str> {
    v["reminders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["kind"].as_str())
        .collect()
}

#[test]
fn reminders_lists_what_is_due_at_a_time_and_writes_nothing() {
    let env = Env::new();
    busy_pair(&env);
    let before = env.digest();
    let out = env.ok(&words(
        "reminders --at '2030-01-07 15:50' --zone Europe/Berlin",
    ));
    assert!(out.contains("Meeting with Morgan in 10 minutes"), "{out}");
    assert!(
        out.contains("1 action item due tomorrow with Morgan"),
        "{out}"
    );
    assert!(!out.contains("Quiet hours"), "{out}");
    assert!(!out.contains("PRIVATE-CANARY"), "a private note in: {out}");
    let v = env.json(&words(
        "reminders --at '2030-01-07 15:50' --zone Europe/Berlin",
    ));
    assert_eq!(kinds(&v), ["meeting", "actions"]);
    assert!(v["quietUntil"].is_null());
    assert_eq!(env.digest(), before, "a preview remembers nothing as shown");
}

#[test]
fn reminders_in_quiet_hours_say_until_when_they_wait() {
    let env = Env::new();
    busy_pair(&env);
    let out = env.ok(&words(
        "reminders --at '2030-01-07 23:30' --zone Europe/Berlin",
    ));
    assert!(
        out.contains("1 action item due tomorrow with Morgan"),
        "{out}"
    );
    assert!(
        out.contains("Quiet hours: these wait until 08:00 CET."),
        "{out}"
    );
    let v = env.json(&words(
        "reminders --at 2030-01-07T22:30:00Z --zone Europe/Berlin",
    ));
    assert_eq!(v["quietUntil"], "2030-01-08T07:00:00Z");
}

#[test]
fn reminders_with_nothing_due_say_so_and_bad_input_is_refused() {
    let env = Env::new();
    env.pair("Morgan");
    // Matched 2025-09-01, every 14 days: on the 10th nothing is due yet.
    let out = env.ok(&words(
        "reminders --at '2025-09-10 12:00' --zone Europe/Berlin",
    ));
    assert_eq!(out.trim(), "Nothing to remind you of now.");
    assert!(env
        .refused(&words("reminders --zone Mars/Olympus"))
        .contains("zone"));
    assert!(env
        .refused(&words("reminders --at yesterday --zone UTC"))
        .contains("at"));
}
