//! A mentor's week (issue 16): every pair's meetings of one Monday-to-Sunday
//! week in my zone with the partner's time beside mine, and the action items
//! due by Sunday, split into what I owe and what my partners owe.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use trellis_core::action;
use trellis_core::id::PairId;
use trellis_core::meeting;
use trellis_core::pair::{self, NewPair, PairPatch, Role, StatusChange};
use trellis_core::schedule::{self, NewSchedule};
use trellis_core::week;
use trellis_core::Db;

use super::util::*;

fn tz(s: &str) -> Tz {
    s.parse().unwrap()
}

/// A pair where I have `role`, in `mine` with a partner in `theirs`.
fn pair_in(db: &Db, name: &str, role: Role, mine: &str, theirs: &str) -> PairId {
    pair::add(
        db,
        NewPair {
            my_role: Some(role),
            my_tz: mine.into(),
            partner_tz: theirs.into(),
            ..new_pair(name)
        },
    )
    .unwrap()
    .id
}

fn schedule_at(db: &Db, p: PairId, starts: DateTime<Utc>, recurs: bool, now: DateTime<Utc>) {
    schedule::schedule(
        db,
        p,
        NewSchedule {
            starts_at: starts,
            minutes: 45,
            recurs,
        },
        now,
    )
    .unwrap();
}

#[test]
fn the_week_runs_monday_to_sunday_in_my_zone() {
    let db = db();
    // Wednesday 4 March 2026, 20:00 in Chicago (already Thursday in UTC).
    let now = at("2026-03-05T02:00:00Z");
    let w = week::get(&db, tz("America/Chicago"), now).unwrap();
    assert_eq!(w.today, date("2026-03-04"));
    assert_eq!(
        (w.starts_on, w.ends_on),
        (date("2026-03-02"), date("2026-03-08"))
    );
    assert_eq!(w.my_tz, "America/Chicago");
    assert!(w.meetings.is_empty() && w.i_owe.is_empty() && w.they_owe.is_empty());
    assert_eq!(w.pairs, 0);
}

#[test]
fn a_daily_series_across_a_dst_change_keeps_my_time_and_shows_the_partners_shift() {
    let db = db();
    let p = pair_in(
        &db,
        "Mika",
        Role::Mentor,
        "America/Chicago",
        "Europe/Berlin",
    );
    pair::edit(
        &db,
        p,
        PairPatch {
            cadence_days: Some(1),
            ..PairPatch::default()
        },
    )
    .unwrap();
    // Monday 2 March 2026, 09:00 in Chicago (CST) = 16:00 in Berlin (CET).
    // Chicago moves its clocks on Sunday 8 March; Berlin not until the 29th.
    let monday = at("2026-03-02T15:00:00Z");
    schedule_at(&db, p, monday, true, at("2026-03-01T00:00:00Z"));
    let w = week::get(&db, tz("America/Chicago"), at("2026-03-04T12:00:00Z")).unwrap();
    let got: Vec<(String, &str, &str)> = w
        .meetings
        .iter()
        .map(|m| (m.day.to_string(), m.mine.as_str(), m.theirs.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-03-02".into(),
                "Mon 2 Mar 2026 09:00 CST",
                "Mon 2 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-03".into(),
                "Tue 3 Mar 2026 09:00 CST",
                "Tue 3 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-04".into(),
                "Wed 4 Mar 2026 09:00 CST",
                "Wed 4 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-05".into(),
                "Thu 5 Mar 2026 09:00 CST",
                "Thu 5 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-06".into(),
                "Fri 6 Mar 2026 09:00 CST",
                "Fri 6 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-07".into(),
                "Sat 7 Mar 2026 09:00 CST",
                "Sat 7 Mar 2026 16:00 CET"
            ),
            (
                "2026-03-08".into(),
                "Sun 8 Mar 2026 09:00 CDT",
                "Sun 8 Mar 2026 15:00 CET"
            ),
        ]
    );
    assert!(w.meetings.iter().all(|m| m.pair_id == p
        && m.partner_name == "Mika"
        && m.minutes == 45
        && m.partner_tz == "Europe/Berlin"
        && m.meeting_id.is_none()));
    // As of Wednesday 06:00 in Chicago: Monday's and Tuesday's have started.
    let started: Vec<bool> = w.meetings.iter().map(|m| m.started).collect();
    assert_eq!(started, [true, true, false, false, false, false, false]);
}

#[test]
fn a_meeting_late_on_sunday_is_this_week_and_one_early_on_monday_is_not() {
    let db = db();
    let now = at("2026-03-04T12:00:00Z");
    let sunday = pair_in(
        &db,
        "Sunday",
        Role::Mentor,
        "Asia/Kolkata",
        "America/Chicago",
    );
    let monday = pair_in(
        &db,
        "Monday",
        Role::Mentor,
        "Asia/Kolkata",
        "America/Chicago",
    );
    // 23:30 on Sunday 8 March in Kolkata; 00:30 on Monday 9 March there.
    schedule_at(&db, sunday, at("2026-03-08T18:00:00Z"), false, now);
    schedule_at(&db, monday, at("2026-03-08T19:00:00Z"), false, now);
    let w = week::get(&db, tz("Asia/Kolkata"), now).unwrap();
    let names: Vec<&str> = w.meetings.iter().map(|m| m.partner_name.as_str()).collect();
    assert_eq!(names, ["Sunday"]);
    // The partner's time beside mine, on their own (earlier) day.
    assert_eq!(w.meetings[0].mine, "Sun 8 Mar 2026 23:30 IST");
    assert_eq!(w.meetings[0].theirs, "Sun 8 Mar 2026 13:00 CDT");
}

#[test]
fn meetings_logged_earlier_in_the_week_are_listed_with_the_scheduled_ones_in_time_order() {
    let db = db();
    let now = at("2026-03-05T12:00:00Z");
    let ada = pair_in(&db, "Ada", Role::Mentor, "UTC", "Asia/Tokyo");
    let bo = pair_in(&db, "Bo", Role::Mentee, "UTC", "America/Sao_Paulo");
    let last_week = meeting::log(&db, ada, meeting_at("2026-03-01T10:00:00Z")).unwrap();
    let tuesday = meeting::log(&db, ada, meeting_at("2026-03-03T10:00:00Z")).unwrap();
    schedule_at(&db, bo, at("2026-03-06T14:00:00Z"), false, now);
    schedule_at(&db, ada, at("2026-03-05T13:00:00Z"), false, now);
    let w = week::get(&db, tz("UTC"), now).unwrap();
    let got: Vec<(&str, Option<_>, &str)> = w
        .meetings
        .iter()
        .map(|m| (m.partner_name.as_str(), m.meeting_id, m.theirs.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Ada", Some(tuesday.id), "Tue 3 Mar 2026 19:00 JST"),
            ("Ada", None, "Thu 5 Mar 2026 22:00 JST"),
            ("Bo", None, "Fri 6 Mar 2026 11:00 -03"),
        ]
    );
    assert!(w
        .meetings
        .iter()
        .all(|m| m.meeting_id != Some(last_week.id)));
    let started: Vec<bool> = w.meetings.iter().map(|m| m.started).collect();
    assert_eq!(started, [true, false, false]);
    assert_eq!(w.pairs, 2);
}

#[test]
fn ended_pairs_are_left_out_of_meetings_and_action_items() {
    let db = db();
    let now = at("2026-03-04T12:00:00Z");
    let going = pair_in(&db, "Going", Role::Mentor, "UTC", "UTC");
    let ended = pair_in(&db, "Ended", Role::Mentor, "UTC", "UTC");
    let paused = pair_in(&db, "Paused", Role::Mentor, "UTC", "UTC");
    for p in [going, ended, paused] {
        schedule_at(&db, p, at("2026-03-06T10:00:00Z"), false, now);
        action::add(
            &db,
            p,
            None,
            action("mine", Role::Mentor, Some("2026-03-05")),
        )
        .unwrap();
        action::add(
            &db,
            p,
            None,
            action("theirs", Role::Mentee, Some("2026-03-05")),
        )
        .unwrap();
    }
    pair::set_status(
        &db,
        ended,
        StatusChange::End {
            reason: "moved on".into(),
        },
    )
    .unwrap();
    pair::set_status(&db, paused, StatusChange::Pause).unwrap();
    let w = week::get(&db, tz("UTC"), now).unwrap();
    fn names(mut xs: Vec<&str>) -> Vec<&str> {
        xs.sort();
        xs
    }
    assert_eq!(
        names(w.meetings.iter().map(|m| m.partner_name.as_str()).collect()),
        ["Going", "Paused"]
    );
    assert_eq!(
        names(w.i_owe.iter().map(|a| a.partner_name.as_str()).collect()),
        ["Going", "Paused"]
    );
    assert_eq!(
        names(w.they_owe.iter().map(|a| a.partner_name.as_str()).collect()),
        ["Going", "Paused"]
    );
    assert_eq!(w.pairs, 2);
}

#[test]
fn action_items_split_by_my_role_in_each_pair_soonest_due_first() {
    let db = db();
    // Wednesday 4 March 2026.
    let now = at("2026-03-04T12:00:00Z");
    let mentee = pair_in(&db, "Mentee of mine", Role::Mentor, "UTC", "UTC");
    let mentor = pair_in(&db, "Mentor of mine", Role::Mentee, "UTC", "UTC");
    let add = |p, text: &str, owner, due: Option<&str>| {
        action::add(&db, p, None, action(text, owner, due)).unwrap()
    };
    add(
        mentee,
        "review their patch",
        Role::Mentor,
        Some("2026-03-06"),
    );
    add(
        mentee,
        "send the CFP draft",
        Role::Mentee,
        Some("2026-03-02"),
    );
    add(
        mentor,
        "read the contributor guide",
        Role::Mentee,
        Some("2026-03-04"),
    );
    add(
        mentor,
        "introduce me to the core team",
        Role::Mentor,
        Some("2026-03-08"),
    );
    add(
        mentor,
        "overdue since last month",
        Role::Mentee,
        Some("2026-02-10"),
    );
    // Not this week's: due next Monday, undated, done, snoozed.
    add(mentee, "next week", Role::Mentor, Some("2026-03-09"));
    add(mentee, "whenever", Role::Mentor, None);
    let done = add(mentor, "done already", Role::Mentee, Some("2026-03-05"));
    action::set_done(&db, done.id, true).unwrap();
    let snoozed = add(mentee, "set aside", Role::Mentor, Some("2026-03-01"));
    action::snooze_many_at(&db, mentee, &[snoozed.id], "2026-03-20", now).unwrap();

    let w = week::get(&db, tz("UTC"), now).unwrap();
    let show = |xs: &[week::WeekAction]| -> Vec<(String, String, bool)> {
        xs.iter()
            .map(|a| (a.due_date.to_string(), a.text.clone(), a.overdue))
            .collect()
    };
    assert_eq!(
        show(&w.i_owe),
        [
            ("2026-02-10".into(), "overdue since last month".into(), true),
            (
                "2026-03-04".into(),
                "read the contributor guide".into(),
                false
            ),
            ("2026-03-06".into(), "review their patch".into(), false),
        ]
    );
    assert_eq!(
        show(&w.they_owe),
        [
            ("2026-03-02".into(), "send the CFP draft".into(), true),
            (
                "2026-03-08".into(),
                "introduce me to the core team".into(),
                false
            ),
        ]
    );
    assert_eq!(w.they_owe[0].owner, Role::Mentee);
    assert_eq!(w.they_owe[1].owner, Role::Mentor);
}

#[test]
fn the_week_starts_on_the_day_the_language_starts_it() {
    use chrono::Weekday;
    use trellis_core::lang::Lang;
    let db = db();
    // Thursday 5 March 2026.
    let now = at("2026-03-05T12:00:00Z");
    let ada = pair_in(&db, "Ada", Role::Mentor, "UTC", "Asia/Tokyo");
    let sunday = meeting::log(&db, ada, meeting_at("2026-03-01T10:00:00Z")).unwrap();
    meeting::log(&db, ada, meeting_at("2026-03-03T10:00:00Z")).unwrap();

    assert_eq!(week::first_day(Lang::En), Weekday::Sun);
    assert_eq!(week::first_day(Lang::De), Weekday::Mon);
    // American English: Sunday 1 to Saturday 7 March, Sunday's meeting in it.
    let w = week::get_from(&db, tz("UTC"), now, week::first_day(Lang::En)).unwrap();
    assert_eq!(
        (w.starts_on.to_string(), w.ends_on.to_string()),
        ("2026-03-01".into(), "2026-03-07".into())
    );
    assert!(w.meetings.iter().any(|m| m.meeting_id == Some(sunday.id)));
    // German (and the CLI): Monday 2 to Sunday 8 March, Sunday the 1st was last week.
    let w = week::get_from(&db, tz("UTC"), now, week::first_day(Lang::De)).unwrap();
    assert_eq!(
        (w.starts_on.to_string(), w.ends_on.to_string()),
        ("2026-03-02".into(), "2026-03-08".into())
    );
    assert!(w.meetings.iter().all(|m| m.meeting_id != Some(sunday.id)));
    assert_eq!(week::get(&db, tz("UTC"), now).unwrap(), w);
}
