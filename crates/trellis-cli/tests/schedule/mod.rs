//! Time together across two zones (issue 16): zone names, each person's
//! hours, a next meeting at a time, calendar files and the mentor's week.

use serde_json::Value;

use crate::util::{id, words, Env};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn an_old_zone_name_is_stored_as_its_current_one() {
    let env = Env::new();
    let pair = id(&env.json(&words(
        "pair add --role mentee --partner Priya --cohort first-patch --match-date 2025-09-01 \
         --my-tz Asia/Calcutta --partner-tz US/Central",
    )));
    let p = &env.json(&["pair", "show", &pair])["pair"];
    assert_eq!(s(&p["myTz"]), "Asia/Kolkata");
    assert_eq!(s(&p["partnerTz"]), "America/Chicago");
}

#[test]
fn zone_list_finds_a_zone_by_its_old_name() {
    let env = Env::new();
    let out = env.ok(&["zone", "list", "calcutta"]);
    assert!(
        out.starts_with("Asia/Kolkata (formerly Asia/Calcutta)\n"),
        "{out}"
    );
    assert!(out.contains("This computer: "), "{out}");
    let list = env.json(&["zone", "list"]);
    let kiev = list["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["alias"] == "Europe/Kiev");
    assert_eq!(s(&kiev.unwrap()["zone"]), "Europe/Kyiv");
    assert!(list["names"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == "Europe/Oslo"));
}

/// A mentee in Kolkata with a mentor in Chicago, weekly.
fn kolkata_chicago(env: &Env) -> String {
    id(&env.json(&words(
        "pair add --role mentee --partner Morgan --cohort first-patch --match-date 2025-09-01 \
         --my-tz Asia/Kolkata --partner-tz America/Chicago --cadence 7",
    )))
}

#[test]
fn pair_hours_shows_both_sides_and_sets_mine() {
    let env = Env::new();
    let pair = kolkata_chicago(&env);
    let out = env.ok(&["pair", "hours", &pair]);
    assert!(
        out.starts_with("My hours (Asia/Kolkata): mon–fri 09:00–18:00\n"),
        "{out}"
    );
    assert!(
        out.contains("Partner's hours (America/Chicago): mon–fri 09:00–18:00"),
        "{out}"
    );
    let out = env.ok(&[
        "pair",
        "hours",
        &pair,
        "mon-fri 17:00-21:30",
        "sat 10:00-12:00",
    ]);
    assert!(
        out.contains("My hours (Asia/Kolkata): mon–fri 17:00–21:30, sat 10:00–12:00"),
        "{out}"
    );
    let e = env.refused(&["pair", "hours", &pair, "mon 21:00-17:00"]);
    assert!(e.contains("ends before it starts"), "{e}");
}

#[test]
fn scheduling_a_time_at_night_for_the_partner_warns_and_still_schedules() {
    let env = Env::new();
    let pair = kolkata_chicago(&env);
    let out = env.ok(&[
        "meeting",
        "schedule",
        "--pair",
        &pair,
        "--start",
        "2099-01-15 13:30",
    ]);
    assert!(
        out.contains("Thu 15 Jan 2099 13:30 IST (partner: Thu 15 Jan 2099 02:00 CST)"),
        "{out}"
    );
    assert!(
        out.contains("warning: outside your partner's hours; at night for your partner"),
        "{out}"
    );
    let e = env.refused(&[
        "meeting",
        "schedule",
        "--pair",
        &pair,
        "--start",
        "2001-01-01 10:00",
    ]);
    assert!(e.contains("in the past"), "{e}");
    env.ok(&["meeting", "unschedule", "--pair", &pair]);
    assert!(env
        .ok(&["pair", "hours", &pair])
        .contains("No meeting scheduled"));
}

#[test]
fn proposals_list_times_inside_both_hours_in_both_zones() {
    let env = Env::new();
    let pair = kolkata_chicago(&env);
    env.ok(&["pair", "hours", &pair, "mon-fri 17:00-22:00"]);
    let slots = env.json(&["meeting", "proposals", "--pair", &pair, "--count", "3"]);
    let slots = slots.as_array().unwrap();
    assert_eq!(slots.len(), 3);
    for sl in slots {
        assert!(sl["warnings"].as_array().unwrap().is_empty());
        assert!(
            s(&sl["mine"]).ends_with("IST") && s(&sl["theirs"]).contains("C"),
            "{sl}"
        );
    }
    let first = s(&slots[0]["startsAt"]).to_string();
    env.ok(&[
        "meeting",
        "schedule",
        "--pair",
        &pair,
        "--start",
        &first,
        "--duration",
        "45",
    ]);
    let held = env.json(&["meeting", "held", "--pair", &pair]);
    assert_eq!(held["durationMin"], 45);
    assert!(env
        .ok(&["pair", "hours", &pair])
        .contains("No meeting scheduled"));
}

#[test]
fn meeting_ics_writes_the_scheduled_meeting_with_a_reminder() {
    let env = Env::new();
    let pair = kolkata_chicago(&env);
    let e = env.refused(&["meeting", "ics", "--pair", &pair]);
    assert!(e.contains("no meeting is scheduled"), "{e}");
    env.ok(&[
        "meeting",
        "schedule",
        "--pair",
        &pair,
        "--start",
        "2030-01-08T13:30:00Z",
        "--duration",
        "30",
    ]);
    let out = env.ok(&["meeting", "ics", "--pair", &pair]);
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"), "{out}");
    assert!(out.contains("DTSTART:20300108T133000Z\r\n"), "{out}");
    assert!(out.contains("DTEND:20300108T140000Z\r\n"), "{out}");
    assert!(out.contains("BEGIN:VALARM\r\n"), "{out}");
    let file = env.root().join("meeting.ics");
    let said = env.ok(&[
        "meeting",
        "ics",
        "--pair",
        &pair,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(said.starts_with("Wrote "), "{said}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("DTSTART:20300108T133000Z\r\n"),
        "{written}"
    );
}
