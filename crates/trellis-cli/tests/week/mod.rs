//! `trellis week` (issue 16): every pair's meetings of one week in my zone
//! with the partner's time beside mine, and what I owe apart from what my
//! partners owe.

use serde_json::Value;

use crate::util::{id, words, Env};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

fn texts(v: &Value) -> Vec<&str> {
    arr(v).iter().map(|a| s(&a["text"])).collect()
}

#[test]
fn the_week_lists_every_pairs_meetings_in_both_zones_and_splits_what_is_owed() {
    let env = Env::new();
    let mentee = id(&env.json(&words(
        "pair add --role mentor --partner Priya --cohort first-patch --match-date 2025-09-01 \
         --my-tz America/Chicago --partner-tz Asia/Kolkata --cadence 7",
    )));
    let mentor = id(&env.json(&words(
        "pair add --role mentee --partner Olu --cohort first-patch --match-date 2025-09-01 \
         --my-tz America/Chicago --partner-tz Europe/Berlin --cadence 14",
    )));
    let gone = id(&env.json(&words(
        "pair add --role mentor --partner Gone --cohort first-patch --match-date 2025-09-01 \
         --my-tz America/Chicago --partner-tz UTC",
    )));
    // The week of Wednesday 14 January 2099: Monday 12 to Sunday 18.
    for (pair, start) in [
        (&mentee, "2099-01-14 20:00"),
        (&mentor, "2099-01-13 09:00"),
        (&gone, "2099-01-15 10:00"),
    ] {
        env.ok(&["meeting", "schedule", "--pair", pair, "--start", start]);
    }
    for (pair, text, owner, due) in [
        (&mentee, "review the patch", "mentor", "2099-01-16"),
        (&mentee, "send the draft", "mentee", "2099-01-10"),
        (&mentee, "last year's slides", "mentee", "2098-12-30"),
        (&mentor, "read the guide", "mentee", "2099-01-18"),
        (&mentor, "intro to the core team", "mentor", "2099-01-15"),
        (&mentor, "next week's", "mentee", "2099-01-19"),
        (&gone, "from an ended pair", "mentor", "2099-01-15"),
    ] {
        env.ok(&[
            "action", "add", "--pair", pair, "--owner", owner, "--due", due, text,
        ]);
    }
    env.ok(&["pair", "end", &gone, "--reason", "moved on"]);

    let args = ["week", "--tz", "America/Chicago", "--on", "2099-01-14"];
    let w = env.json(&args);
    assert_eq!(s(&w["startsOn"]), "2099-01-12");
    assert_eq!(s(&w["endsOn"]), "2099-01-18");
    let meetings: Vec<(&str, &str, &str)> = arr(&w["meetings"])
        .iter()
        .map(|m| (s(&m["partnerName"]), s(&m["mine"]), s(&m["theirs"])))
        .collect();
    assert_eq!(
        meetings,
        [
            (
                "Olu",
                "Tue 13 Jan 2099 09:00 CST",
                "Tue 13 Jan 2099 16:00 CET"
            ),
            (
                "Priya",
                "Wed 14 Jan 2099 20:00 CST",
                "Thu 15 Jan 2099 07:30 IST"
            ),
        ]
    );
    assert_eq!(texts(&w["iOwe"]), ["review the patch", "read the guide"]);
    assert_eq!(
        texts(&w["theyOwe"]),
        [
            "last year's slides",
            "send the draft",
            "intro to the core team"
        ]
    );
    assert_eq!(w["theyOwe"][0]["overdue"], true);

    let out = env.ok(&args);
    for want in [
        "Week of Mon 12 Jan – Sun 18 Jan 2099 (my times in America/Chicago)",
        "Wed 14 Jan 2099 20:00 CST",
        "Thu 15 Jan 2099 07:30 IST (Asia/Kolkata)",
        "I owe",
        "My partners owe",
        "Sat 10 Jan (4 days overdue)",
        // Another year's date says its year.
        "Tue 30 Dec 2098 (15 days overdue)",
    ] {
        assert!(out.contains(want), "expected {want:?} in:\n{out}");
    }
    assert!(
        !out.contains("Gone") && !out.contains("next week's"),
        "{out}"
    );
}

#[test]
fn an_empty_week_says_what_to_do() {
    let env = Env::new();
    let out = env.ok(&["week", "--tz", "UTC"]);
    assert!(
        out.contains("No pairs yet. Start one with: trellis pair add"),
        "{out}"
    );
    env.pair("Priya");
    let out = env.ok(&["week", "--tz", "UTC"]);
    assert!(
        out.contains("None this week. Schedule one with: trellis meeting schedule"),
        "{out}"
    );
    assert!(out.contains("Nothing due by Sunday."), "{out}");
    let e = env.refused(&["week", "--tz", "Mars/Olympus"]);
    assert!(e.contains("time zone"), "{e}");
    let e = env.refused(&["week", "--on", "14/01/2099"]);
    assert!(e.contains("YYYY-MM-DD"), "{e}");
}
