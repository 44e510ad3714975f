//! Reminders on the desktop (issue 16): a meeting about to start, a check-in
//! opening, action items due tomorrow, a pair drifting past its cadence; each
//! kind on or off, quiet hours on the wall clock of my zone (across midnight
//! and DST changes), each reminder once, and never a word of a private note.

mod lang;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use trellis_core::action;
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::{self, Role, StatusChange};
use trellis_core::reminder::{self, Reminder, ReminderKind, ReminderSettings};
use trellis_core::status;
use trellis_core::{Db, ErrorKind};

use super::util::*;

fn utc() -> Tz {
    Tz::UTC
}

fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn of_kind(db: &Db, now: DateTime<Utc>, kind: ReminderKind) -> Vec<Reminder> {
    reminder::pending(db, now, utc())
        .unwrap()
        .reminders
        .into_iter()
        .filter(|r| r.kind == kind)
        .collect()
}

#[test]
fn the_defaults_remind_of_everything_fifteen_minutes_ahead_and_keep_the_night_quiet() {
    let db = db();
    let s = reminder::settings(&db).unwrap();
    assert_eq!(s, ReminderSettings::default());
    assert!(s.meeting && s.checkin && s.actions && s.drift);
    assert_eq!(s.lead_minutes, 15);
    assert!(s.quiet);
    assert_eq!((s.quiet_from, s.quiet_to), (hm("22:00"), hm("08:00")));
    assert!(!s.start_at_login);
}

#[test]
fn settings_are_kept_and_bad_ones_are_refused_with_nothing_changed() {
    let db = db();
    let mine = ReminderSettings {
        drift: false,
        lead_minutes: 30,
        quiet_from: hm("23:15"),
        quiet_to: hm("07:00"),
        start_at_login: true,
        ..ReminderSettings::default()
    };
    reminder::set_settings(&db, mine.clone()).unwrap();
    assert_eq!(reminder::settings(&db).unwrap(), mine);

    let e = refused(&db, ErrorKind::Invalid, || {
        reminder::set_settings(
            &db,
            ReminderSettings {
                lead_minutes: 0,
                ..mine.clone()
            },
        )
    });
    assert_eq!(e.field(), Some("lead"));
    let e = refused(&db, ErrorKind::Invalid, || {
        reminder::set_settings(
            &db,
            ReminderSettings {
                quiet_to: hm("23:15"),
                ..mine.clone()
            },
        )
    });
    assert_eq!(e.field(), Some("quiet to"));
}

#[test]
fn a_meeting_is_reminded_within_the_lead_time_and_not_before_or_after_it_starts() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let now = at("2026-03-05T09:00:00Z");
    schedule_at(&db, p.id, "2026-03-05T16:00:00Z", now);

    assert!(of_kind(&db, at("2026-03-05T15:44:00Z"), ReminderKind::Meeting).is_empty());
    let r = of_kind(&db, at("2026-03-05T15:45:00Z"), ReminderKind::Meeting);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].pair_id, p.id);
    assert_eq!(r[0].title, "Meeting with Morgan in 15 minutes");
    assert!(r[0].body.contains("16:00"), "{}", r[0].body);
    assert_eq!(
        of_kind(&db, at("2026-03-05T15:59:30Z"), ReminderKind::Meeting)[0].title,
        "Meeting with Morgan in 1 minute"
    );
    assert!(of_kind(&db, at("2026-03-05T16:00:00Z"), ReminderKind::Meeting).is_empty());

    // A longer lead reminds earlier.
    reminder::set_settings(
        &db,
        ReminderSettings {
            quiet: false,
            lead_minutes: 60,
            ..ReminderSettings::default()
        },
    )
    .unwrap();
    assert_eq!(
        of_kind(&db, at("2026-03-05T15:00:00Z"), ReminderKind::Meeting).len(),
        1
    );
}

#[test]
fn a_check_in_is_reminded_when_its_questions_open() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let due = status::for_pair(&db, p.id, at("2026-03-05T09:00:00Z"))
        .unwrap()
        .next_checkin
        .unwrap()
        .due_on;
    let opens = due - Duration::days(status::CHECKIN_NOTICE_DAYS);
    let noon = |d: chrono::NaiveDate| at(&format!("{d}T12:00:00Z"));

    assert!(of_kind(&db, noon(opens - Duration::days(1)), ReminderKind::Checkin).is_empty());
    let r = of_kind(&db, noon(opens), ReminderKind::Checkin);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].title, "Check-in 1 with Morgan is open");
    // Late, it is still worth a reminder if none was shown.
    assert_eq!(
        of_kind(&db, noon(due + Duration::days(3)), ReminderKind::Checkin).len(),
        1
    );
}

#[test]
fn open_action_items_due_tomorrow_are_reminded_with_whose_they_are() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let now = at("2026-03-05T12:00:00Z");
    action::add(
        &db,
        p.id,
        None,
        action("Rebase", Role::Mentee, Some("2026-03-06")),
    )
    .unwrap();
    action::add(
        &db,
        p.id,
        None,
        action("Review", Role::Mentor, Some("2026-03-06")),
    )
    .unwrap();
    let done = action::add(
        &db,
        p.id,
        None,
        action("Old", Role::Mentee, Some("2026-03-06")),
    )
    .unwrap();
    action::set_done(&db, done.id, true).unwrap();
    let later = action::add(
        &db,
        p.id,
        None,
        action("Snoozed", Role::Mentee, Some("2026-03-06")),
    )
    .unwrap();
    action::snooze_many_at(&db, p.id, &[later.id], date("2026-03-09"), now).unwrap();
    action::add(
        &db,
        p.id,
        None,
        action("Later", Role::Mentee, Some("2026-03-07")),
    )
    .unwrap();

    let r = of_kind(&db, now, ReminderKind::Actions);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].title, "2 action items due tomorrow with Morgan");
    assert!(r[0].body.contains("1 of them yours"), "{}", r[0].body);
    assert!(of_kind(&db, at("2026-03-04T12:00:00Z"), ReminderKind::Actions).is_empty());
    assert!(
        of_kind(&db, at("2026-03-06T12:00:00Z"), ReminderKind::Actions)[0]
            .title
            .starts_with("1 action item due tomorrow")
    );
}

#[test]
fn a_pair_past_its_cadence_is_reminded_unless_a_meeting_is_scheduled() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    // Matched 1 March, every 14 days, never met.
    assert!(of_kind(&db, at("2026-03-15T12:00:00Z"), ReminderKind::Drift).is_empty());
    let r = of_kind(&db, at("2026-03-16T12:00:00Z"), ReminderKind::Drift);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].title, "No meeting with Morgan for 15 days");

    schedule_at(
        &db,
        p.id,
        "2026-03-20T16:00:00Z",
        at("2026-03-16T12:00:00Z"),
    );
    assert!(of_kind(&db, at("2026-03-16T12:00:00Z"), ReminderKind::Drift).is_empty());
}

#[test]
fn a_kind_turned_off_is_never_reminded_and_a_paused_pair_gets_nothing() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    let now = at("2026-03-16T12:00:00Z");
    action::add(
        &db,
        p.id,
        None,
        action("Rebase", Role::Mentee, Some("2026-03-17")),
    )
    .unwrap();
    reminders_at_any_hour(&db);
    let kinds = |db: &Db| -> Vec<ReminderKind> {
        reminder::pending(db, now, utc())
            .unwrap()
            .reminders
            .iter()
            .map(|r| r.kind)
            .collect()
    };
    assert_eq!(kinds(&db), [ReminderKind::Actions, ReminderKind::Drift]);
    reminder::set_settings(
        &db,
        ReminderSettings {
            quiet: false,
            drift: false,
            ..ReminderSettings::default()
        },
    )
    .unwrap();
    assert_eq!(kinds(&db), [ReminderKind::Actions]);
    reminder::set_settings(
        &db,
        ReminderSettings {
            quiet: false,
            drift: false,
            actions: false,
            ..ReminderSettings::default()
        },
    )
    .unwrap();
    assert!(kinds(&db).is_empty());

    reminders_at_any_hour(&db);
    pair::set_status(&db, p.id, StatusChange::Pause).unwrap();
    assert!(kinds(&db).is_empty());
}

#[test]
fn each_reminder_is_shown_once_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let now = at("2026-03-16T12:00:00Z");
    {
        let db = Db::open(&path).unwrap();
        reminders_at_any_hour(&db);
        add_pair(&db, "Morgan");
        let first = reminder::take(&db, now, utc()).unwrap();
        assert_eq!(first.len(), 1, "{first:?}");
        assert!(reminder::take(&db, now, utc()).unwrap().is_empty());
        assert!(reminder::pending(&db, now, utc())
            .unwrap()
            .reminders
            .is_empty());
    }
    let db = Db::open(&path).unwrap();
    assert!(reminder::take(&db, now + Duration::minutes(1), utc())
        .unwrap()
        .is_empty());
    // A new occasion is a new reminder: a meeting scheduled later.
    let p = pair::list(&db).unwrap()[0].id;
    schedule_at(&db, p, "2026-03-16T12:10:00Z", now);
    let next = reminder::take(&db, now + Duration::minutes(1), utc()).unwrap();
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!(next[0].kind, ReminderKind::Meeting);
}

#[test]
fn quiet_hours_across_midnight_hold_reminders_until_they_end() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    action::add(
        &db,
        p.id,
        None,
        action("Rebase", Role::Mentee, Some("2026-03-17")),
    )
    .unwrap();
    // Defaults: quiet 22:00–08:00, in Berlin (UTC+1 in March before the change).
    let late = at("2026-03-16T22:30:00Z"); // 23:30 in Berlin
    let p1 = reminder::pending(&db, late, berlin()).unwrap();
    assert_eq!(p1.quiet_until, Some(at("2026-03-17T07:00:00Z")));
    assert!(!p1.reminders.is_empty(), "held, not dropped");
    assert!(reminder::take(&db, late, berlin()).unwrap().is_empty());
    let early = at("2026-03-17T06:59:00Z"); // 07:59 in Berlin
    assert!(reminder::take(&db, early, berlin()).unwrap().is_empty());
    let morning = at("2026-03-17T07:00:00Z"); // 08:00 in Berlin
    assert_eq!(
        reminder::pending(&db, morning, berlin())
            .unwrap()
            .quiet_until,
        None
    );
    let shown = reminder::take(&db, morning, berlin()).unwrap();
    assert!(
        shown.iter().any(|r| r.kind == ReminderKind::Drift),
        "the held drift comes when quiet hours end: {shown:?}"
    );
    // 21:59 in Berlin is not quiet; the same instant is quiet for someone in
    // Kolkata (03:29 there).
    let evening = at("2026-03-17T20:59:00Z");
    assert_eq!(
        reminder::pending(&db, evening, berlin())
            .unwrap()
            .quiet_until,
        None
    );
    let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
    assert_eq!(
        reminder::pending(&db, evening, kolkata)
            .unwrap()
            .quiet_until,
        Some(at("2026-03-18T02:30:00Z"))
    );
}

#[test]
fn quiet_hours_keep_the_wall_clock_across_both_dst_changes() {
    let s = ReminderSettings::default();
    // Spring: the night of 28–29 March 2026 loses an hour in Berlin; quiet
    // hours still end at 08:00 local, now 06:00 UTC.
    assert_eq!(
        s.quiet_until(at("2026-03-28T22:30:00Z"), berlin()),
        Some(at("2026-03-29T06:00:00Z"))
    );
    assert_eq!(s.quiet_until(at("2026-03-29T06:30:00Z"), berlin()), None);
    assert_eq!(
        s.quiet_until(at("2026-03-28T06:30:00Z"), berlin()),
        Some(at("2026-03-28T07:00:00Z"))
    );
    // Autumn: the night of 24–25 October gains an hour; 08:00 is 07:00 UTC.
    assert_eq!(
        s.quiet_until(at("2026-10-24T21:30:00Z"), berlin()),
        Some(at("2026-10-25T07:00:00Z"))
    );
    assert_eq!(
        s.quiet_until(at("2026-10-25T06:30:00Z"), berlin()),
        Some(at("2026-10-25T07:00:00Z"))
    );
    // Quiet hours that end inside a skipped hour end an hour later on the
    // clock, as a meeting set in that hour does.
    let odd = ReminderSettings {
        quiet_from: hm("23:00"),
        quiet_to: hm("02:30"),
        ..ReminderSettings::default()
    };
    assert_eq!(
        odd.quiet_until(at("2026-03-28T23:00:00Z"), berlin()),
        Some(at("2026-03-29T01:30:00Z"))
    );
    // Daytime quiet hours (from before to) and quiet hours turned off.
    let day = ReminderSettings {
        quiet_from: hm("12:00"),
        quiet_to: hm("13:00"),
        ..ReminderSettings::default()
    };
    assert_eq!(
        day.quiet_until(at("2026-07-01T10:30:00Z"), berlin()),
        Some(at("2026-07-01T11:00:00Z"))
    );
    assert_eq!(day.quiet_until(at("2026-07-01T11:00:00Z"), berlin()), None);
    let off = ReminderSettings {
        quiet: false,
        ..ReminderSettings::default()
    };
    assert_eq!(off.quiet_until(at("2026-03-28T22:30:00Z"), berlin()), None);
}

#[test]
fn no_reminder_shows_a_word_of_a_private_note() {
    const SECRET: &str = "quokkasecret";
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let now = at("2026-05-20T12:00:00Z");
    // Every kind applies: a meeting in ten minutes, the check-in open, an
    // action item due tomorrow; and a drift on a second pair.
    schedule_at(&db, p.id, "2026-05-20T12:10:00Z", now);
    action::add(
        &db,
        p.id,
        None,
        action("Rebase", Role::Mentee, Some("2026-05-21")),
    )
    .unwrap();
    add_pair(&db, "Riley");
    // The private notes are where a careless reminder would look: the next
    // meeting's agenda, a goal, the pair.
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "First patch".into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
    for attach in [
        Attachment::NextMeeting,
        Attachment::Goal { goal_id: g.id },
        Attachment::None,
    ] {
        note::add(
            &db,
            p.id,
            note(
                &format!("{SECRET} for the meeting"),
                Visibility::Private,
                attach,
            ),
        )
        .unwrap();
    }
    let all = reminder::pending(&db, now, utc()).unwrap().reminders;
    let mut kinds: Vec<ReminderKind> = all.iter().map(|r| r.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    kinds.dedup();
    assert_eq!(kinds.len(), 4, "every kind is reminded here: {all:?}");
    for r in &all {
        for text in [&r.title, &r.body, &r.key] {
            assert!(
                !text.to_lowercase().contains(SECRET),
                "a reminder shows a private note: {r:?}"
            );
        }
    }
}

/// The schema version before migration 0016_reminder (a later migration must
/// not move what this upgrade test starts from).
const BEFORE_REMINDERS: usize = 13;

#[test]
fn a_database_from_before_reminders_upgrades_with_the_defaults_and_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    {
        let old = Db::open_at_version(&path, BEFORE_REMINDERS).unwrap();
        add_pair(&old, "Morgan");
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(
        reminder::settings(&db).unwrap(),
        ReminderSettings::default()
    );
    let now = at("2026-03-16T12:00:00Z");
    let shown = reminder::take(&db, now, utc()).unwrap();
    assert_eq!(shown.len(), 1, "the old pair's drift: {shown:?}");
}
