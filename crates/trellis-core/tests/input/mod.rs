//! Typed inputs as they arrive as JSON (the desktop's IPC): dates, times and
//! zones read into their types or not at all, and a patch's clearable field
//! is absent (left as it is), `null` (cleared) or a value (set).

use super::util::*;
use serde_json::json;
use trellis_core::action::{self, ActionPatch};
use trellis_core::goal::{self, GoalPatch, NewGoal};
use trellis_core::meeting::{self, NewMeeting};
use trellis_core::pair::{NewPair, PairPatch, Role};
use trellis_core::time::wire::{self, Expected};

fn patch(value: serde_json::Value) -> GoalPatch {
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_goal_patch_without_the_target_date_leaves_it_null_clears_it_and_a_date_sets_it() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Merge a patch".into(),
            target_date: Some(date("2026-12-01")),
            ..NewGoal::default()
        },
    )
    .unwrap();

    let left = goal::edit(&db, g.id, patch(json!({ "title": "Merge two patches" }))).unwrap();
    assert_eq!(
        left.target_date,
        Some(date("2026-12-01")),
        "absent leaves it"
    );
    assert_eq!(left.title, "Merge two patches");

    let set = goal::edit(&db, g.id, patch(json!({ "targetDate": "2027-01-15" }))).unwrap();
    assert_eq!(set.target_date, Some(date("2027-01-15")), "a date sets it");
    assert_eq!(set.title, "Merge two patches");

    let cleared = goal::edit(&db, g.id, patch(json!({ "targetDate": null }))).unwrap();
    assert_eq!(cleared.target_date, None, "null clears it");
    assert_eq!(goal::get(&db, g.id).unwrap(), cleared);
}

#[test]
fn an_action_patch_reads_absent_null_and_a_date_apart() {
    let read = |v| serde_json::from_value::<ActionPatch>(v).unwrap().due_date;
    assert_eq!(read(json!({ "text": "x" })), None);
    assert_eq!(read(json!({ "dueDate": null })), Some(None));
    assert_eq!(
        read(json!({ "dueDate": "2026-07-08" })),
        Some(Some(date("2026-07-08")))
    );

    let db = db();
    let p = add_pair(&db, "Ada");
    let a = action::add(
        &db,
        p.id,
        None,
        action("Read the guide", Role::Mentee, Some("2026-07-01")),
    )
    .unwrap();
    let kept = action::edit(
        &db,
        a.id,
        serde_json::from_value(json!({ "text": "Read it" })).unwrap(),
    )
    .unwrap();
    assert_eq!(kept.due_date, Some(date("2026-07-01")));
    let cleared = action::edit(
        &db,
        a.id,
        serde_json::from_value(json!({ "dueDate": null })).unwrap(),
    )
    .unwrap();
    assert_eq!((cleared.due_date, cleared.text.as_str()), (None, "Read it"));
}

#[test]
fn text_that_is_not_a_date_a_time_or_a_zone_does_not_read() {
    let form = |k: &str, v: &str| {
        let mut f = json!({
            "myRole": "mentee", "partnerName": "Ada", "programId": PROGRAM, "cohortId": COHORT,
            "matchDate": "2026-03-01", "myTz": "UTC", "partnerTz": "UTC", "cadenceDays": 14,
        });
        f[k] = json!(v);
        serde_json::from_value::<NewPair>(f)
    };
    assert!(form("matchDate", "2026-03-01").is_ok());
    for bad in ["14/03/2026", "2026-02-30", "", "next week"] {
        assert!(form("matchDate", bad).is_err(), "{bad}");
    }
    for bad in ["Mars/Olympus_Mons", "CET+25", "", "Europe/Berlin/"] {
        let e = form("partnerTz", bad).unwrap_err();
        assert_eq!(e.to_string(), Expected::Zone.reason(), "{bad}");
    }
    let meeting = |v: &str| serde_json::from_value::<NewMeeting>(json!({ "startsAt": v }));
    for bad in ["yesterday", "2026-03-14", "16:00", "2026-03-14 25:00"] {
        let e = meeting(bad).unwrap_err();
        assert_eq!(e.to_string(), Expected::Time.reason(), "{bad}");
    }
    let patch = serde_json::from_value::<PairPatch>(json!({ "myTz": "Nowhere/Special" }));
    assert!(patch.is_err());
}

#[test]
fn a_zone_reads_trimmed_and_by_its_canonical_name() {
    let patch: PairPatch = serde_json::from_value(
        json!({ "myTz": " America/Chicago ", "partnerTz": "Asia/Calcutta" }),
    )
    .unwrap();
    assert_eq!(patch.my_tz, Some(tz("America/Chicago")));
    assert_eq!(patch.partner_tz, Some(tz("Asia/Kolkata")));
}

#[test]
fn a_meeting_time_is_an_instant_or_my_wall_clock() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let berlin = trellis_core::pair::edit(
        &db,
        p.id,
        PairPatch {
            my_tz: Some(tz("Europe/Berlin")),
            ..PairPatch::default()
        },
    )
    .unwrap();
    let log = |start: &str| {
        let new: NewMeeting =
            serde_json::from_value(json!({ "startsAt": start, "durationMin": 30 })).unwrap();
        meeting::log(&db, berlin.id, new).unwrap().starts_at
    };
    assert_eq!(log("2026-03-14 16:00"), at("2026-03-14T15:00:00Z"));
    assert_eq!(log("2026-03-14T16:00"), at("2026-03-14T15:00:00Z"));
    assert_eq!(log("2026-03-14T16:00:00-06:00"), at("2026-03-14T22:00:00Z"));
}

#[test]
fn every_typed_key_names_a_field_the_core_refuses_by() {
    assert_eq!(wire::field("dueDate"), Some(("due date", Expected::Date)));
    assert_eq!(wire::field("myTz"), Some(("my time zone", Expected::Zone)));
    assert_eq!(wire::field("startsAt"), Some(("start", Expected::Time)));
    assert_eq!(wire::field("title"), None);
    let rules: Vec<_> = [Expected::Date, Expected::Time, Expected::Zone]
        .map(Expected::rule)
        .to_vec();
    assert_eq!(rules, ["not_a_date", "not_a_time", "not_a_zone"]);
    let mut keys: Vec<_> = wire::FIELDS.iter().map(|(k, _, _)| *k).collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key is listed twice");
}
