//! Time together across two zones (issue 16): each person's hours, shared
//! through sync and set only by their owner; the next meeting at a time,
//! proposals inside both people's hours, warnings, recurrence across DST.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use trellis_core::meeting;
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::{self, PairPatch, Role};
use trellis_core::schedule::{self, Hours, NewSchedule, TimeWarning};
use trellis_core::{calendar, sync, Db, ErrorKind};

use super::sync::two;
use super::util::*;

fn tz(s: &str) -> Tz {
    s.parse().unwrap()
}

fn hours(specs: &[&str]) -> Hours {
    Hours::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
}

/// A mentee in Kolkata with a mentor in Chicago, meeting weekly.
fn kolkata_chicago(db: &Db) -> trellis_core::id::PairId {
    let p = add_pair(db, "Morgan");
    pair::edit(
        db,
        p.id,
        PairPatch {
            my_tz: Some(tz("Asia/Calcutta")),
            partner_tz: Some(tz("America/Chicago")),
            cadence_days: Some(7),
            ..PairPatch::default()
        },
    )
    .unwrap();
    p.id
}

fn local(at: DateTime<Utc>, zone: &str) -> String {
    at.with_timezone(&tz(zone))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn a_new_pair_has_weekday_hours_for_both_sides() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    let s = schedule::get(&db, p.id).unwrap();
    assert_eq!(s.my_hours, Hours::default());
    assert_eq!(s.partner_hours.describe(), "mon–fri 09:00–18:00");
    assert!(s.next.is_none());
}

#[test]
fn hours_are_written_as_days_and_spans() {
    let h = hours(&["mon-thu 08:30-12:00", "fri 14:00-16:00", "sun 10:00-11:00"]);
    assert_eq!(
        h.describe(),
        "mon–thu 08:30–12:00, fri 14:00–16:00, sun 10:00–11:00"
    );
    assert_eq!(Hours::from_stored(&h.stored()).unwrap(), h);
    for bad in [
        "monday",
        "mon 18:00-09:00",
        "fri-mon 09:00-10:00",
        "xyz 09:00-10:00",
        "mon 9-5",
    ] {
        assert!(Hours::parse(&[bad.to_string()]).is_err(), "{bad}");
    }
}

#[test]
fn setting_hours_that_end_before_they_start_is_refused_and_changes_nothing() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    let mut h = Hours::default();
    h.days[0] = Some(schedule::DayHours {
        from: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        to: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    });
    refused(&db, ErrorKind::Invalid, || {
        schedule::set_my_hours(&db, p.id, h)
    });
    refused(&db, ErrorKind::Invalid, || {
        schedule::set_my_hours(
            &db,
            p.id,
            Hours {
                days: vec![None; 6],
            },
        )
    });
}

#[test]
fn my_hours_reach_my_partner_through_sync() {
    let t = two();
    schedule::set_my_hours(&t.b, t.pair, hours(&["tue-thu 07:00-10:00"])).unwrap();
    t.b_to_a();
    let seen = schedule::get(&t.a, t.pair).unwrap();
    assert_eq!(seen.partner_hours.describe(), "tue–thu 07:00–10:00");
    assert_eq!(seen.my_hours, Hours::default());
}

#[test]
fn a_partners_file_cannot_change_the_hours_i_set() {
    let t = two();
    schedule::set_my_hours(&t.a, t.pair, hours(&["mon-fri 10:00-16:00"])).unwrap();
    t.a_to_b();
    // B (the mentor) edits their own database: A's hours, as B stores them.
    t.b.write(|tx| {
        tx.execute(
            "UPDATE pair SET partner_hours = ',,,,,,00:00-23:59' WHERE id = ?1",
            [t.pair],
        )?;
        Ok(())
    })
    .unwrap();
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    assert!(e.to_string().contains("hours"), "{e}");
    assert_eq!(
        schedule::get(&t.a, t.pair).unwrap().my_hours.describe(),
        "mon–fri 10:00–16:00"
    );
}

#[test]
fn a_time_outside_either_persons_hours_or_at_night_is_warned_about_not_refused() {
    let db = db();
    let p = kolkata_chicago(&db);
    // 13:30 in Kolkata on a Thursday is 02:00 in Chicago.
    let when = at("2027-01-14T08:00:00Z");
    let slot = schedule::check(&db, p, when, 60).unwrap();
    assert_eq!(slot.mine, "Thu 14 Jan 2027 13:30 IST");
    assert_eq!(slot.theirs, "Thu 14 Jan 2027 02:00 CST");
    assert_eq!(
        slot.warnings,
        vec![
            TimeWarning::OutsidePartnerHours,
            TimeWarning::NightForPartner
        ]
    );
    let s = schedule::schedule(
        &db,
        p,
        NewSchedule {
            starts_at: when,
            minutes: 60,
            recurs: false,
        },
        at("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(s.next.unwrap().warnings.len(), 2);
}

#[test]
fn proposals_fall_inside_both_peoples_hours_and_show_both_local_times() {
    let db = db();
    let p = kolkata_chicago(&db);
    // Kolkata 18:30–21:30 on weekdays overlaps Chicago 07:00–10:00.
    schedule::set_my_hours(&db, p, hours(&["mon-fri 17:00-21:30"])).unwrap();
    partner_mornings(&db, p);
    let now = at("2027-01-04T00:00:00Z");
    let slots = schedule::propose(&db, p, 60, 4, now).unwrap();
    assert_eq!(slots.len(), 4, "{slots:?}");
    for s in &slots {
        assert!(s.warnings.is_empty());
        assert!(s.starts_at >= now);
        assert!(
            s.mine.ends_with("IST") && s.theirs.ends_with("CST"),
            "{s:?}"
        );
    }
    // The first: the earliest half hour inside both, at most one a day.
    assert_eq!(
        local(slots[0].starts_at, "America/Chicago").get(11..),
        Some("07:00")
    );
    assert_eq!(
        local(slots[0].starts_at, "Asia/Kolkata").get(11..),
        Some("18:30")
    );
    let days: std::collections::BTreeSet<_> =
        slots.iter().map(|s| s.starts_at.date_naive()).collect();
    assert_eq!(days.len(), 4);
}

/// The partner (Chicago) mornings 07:00–10:00, as their file would bring.
fn partner_mornings(db: &Db, p: trellis_core::id::PairId) {
    db.write(|tx| {
        tx.execute(
            "UPDATE pair SET partner_hours = '07:00-10:00,07:00-10:00,07:00-10:00,07:00-10:00,07:00-10:00,,' WHERE id = ?1",
            [p],
        )?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_weekly_berlin_meeting_keeps_berlin_time_across_both_dst_changes() {
    let berlin = tz("Europe/Berlin");
    // Chicago moves its clocks on 14 March 2027, Berlin on 28 March.
    let mut at = at("2027-03-03T15:00:00Z"); // Wed 16:00 CET
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push((local(at, "Europe/Berlin"), local(at, "America/Chicago")));
        at = schedule::next_occurrence(at, berlin, 7);
    }
    assert_eq!(
        seen,
        [
            ("2027-03-03 16:00", "2027-03-03 09:00"),
            ("2027-03-10 16:00", "2027-03-10 09:00"),
            ("2027-03-17 16:00", "2027-03-17 10:00"), // Chicago on summer time
            ("2027-03-24 16:00", "2027-03-24 10:00"),
            ("2027-03-31 16:00", "2027-03-31 09:00"), // Berlin on summer time too
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // And back in the autumn: Berlin on 31 October, Chicago on 7 November.
    let mut at = super::util::at("2027-10-27T14:00:00Z"); // Wed 16:00 CEST
    let mut autumn = Vec::new();
    for _ in 0..3 {
        autumn.push(local(at, "America/Chicago"));
        at = schedule::next_occurrence(at, berlin, 7);
        assert_eq!(local(at, "Europe/Berlin").get(11..), Some("16:00"));
    }
    assert_eq!(
        autumn,
        ["2027-10-27 09:00", "2027-11-03 10:00", "2027-11-10 09:00"]
    );
}

#[test]
fn a_scheduled_meeting_becomes_the_logged_one_and_the_series_moves_on() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    pair::edit(
        &db,
        p.id,
        PairPatch {
            my_tz: Some(tz("Europe/Berlin")),
            partner_tz: Some(tz("America/Chicago")),
            cadence_days: Some(7),
            ..PairPatch::default()
        },
    )
    .unwrap();
    let first = at("2027-03-24T15:00:00Z"); // Wed 16:00 CET
    schedule::schedule(
        &db,
        p.id,
        NewSchedule {
            starts_at: first,
            minutes: 45,
            recurs: true,
        },
        at("2027-03-01T00:00:00Z"),
    )
    .unwrap();
    meeting::log(&db, p.id, meeting_at("2026-12-01T10:00:00Z")).unwrap();
    trellis_core::action::add(&db, p.id, None, action("Push the fix", Role::Mentee, None)).unwrap();

    let m = schedule::log_scheduled(&db, p.id).unwrap();
    assert_eq!(m.starts_at, first);
    assert_eq!(m.duration_min, 45);
    assert!(m.agenda.contains("Push the fix"), "{}", m.agenda);
    let next = schedule::get(&db, p.id).unwrap().next.unwrap();
    // A week later, 16:00 in Berlin on summer time.
    assert_eq!(next.starts_at, at("2027-03-31T14:00:00Z"));
    assert_eq!(next.minutes, 45);
}

#[test]
fn a_one_off_is_cleared_when_it_is_logged_and_a_past_time_is_refused() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    let now = at("2027-01-01T00:00:00Z");
    refused(&db, ErrorKind::Invalid, || {
        schedule::schedule(
            &db,
            p.id,
            NewSchedule {
                starts_at: at("2026-12-31T10:00:00Z"),
                minutes: 60,
                recurs: false,
            },
            now,
        )
    });
    schedule::schedule(
        &db,
        p.id,
        NewSchedule {
            starts_at: at("2027-01-05T10:00:00Z"),
            minutes: 60,
            recurs: false,
        },
        now,
    )
    .unwrap();
    meeting::log(&db, p.id, meeting_at("2027-01-05T10:30:00Z")).unwrap();
    assert!(schedule::get(&db, p.id).unwrap().next.is_none());
    let e = refused(&db, ErrorKind::Conflict, || {
        schedule::log_scheduled(&db, p.id)
    });
    assert!(e.to_string().contains("no meeting is scheduled"), "{e}");
}

#[test]
fn the_next_meeting_reaches_the_partner_through_sync() {
    let t = two();
    schedule::schedule(
        &t.a,
        t.pair,
        NewSchedule {
            starts_at: at("2099-01-05T10:00:00Z"),
            minutes: 30,
            recurs: true,
        },
        at("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    t.a_to_b();
    let seen = schedule::get(&t.b, t.pair).unwrap();
    assert_eq!(seen.next.unwrap().starts_at, at("2099-01-05T10:00:00Z"));
    assert!(seen.recurs);
}

#[test]
fn a_pair_made_before_the_upgrade_gets_weekday_hours_and_no_next_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let id = trellis_core::id::PairId::new();
    {
        let old = Db::open_at_version(&path, 9).unwrap();
        old.write(|tx| {
            tx.execute(
                "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id,
                     match_date, my_tz, partner_tz, cadence_days, status, end_reason,
                     status_changed_on, created_at, updated_at)
                 VALUES (?1, 'mentee', 'Old Timer', 'openstack-mentoring', '2026.1', 'first-patch',
                     '2026-02-01', 'Asia/Kolkata', 'America/Chicago', 14, 'active', NULL,
                     '2026-02-01', '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')",
                [id.to_string()],
            )?;
            Ok(())
        })
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let s = schedule::get(&db, id).unwrap();
    assert_eq!(s.my_hours, Hours::default());
    assert_eq!(s.partner_hours, Hours::default());
    assert_eq!(
        (s.my_tz.as_str(), s.partner_tz.as_str()),
        ("Asia/Kolkata", "America/Chicago")
    );
    assert!(s.next.is_none());
    assert_eq!(pair::get(&db, id).unwrap().partner_name, "Old Timer");
}

// ---- calendar files, read back by an independent parser and validator ----

/// A property's value as written, by name (a list joined by commas).
fn values(c: &ical::component::IcalComponent<'_>, name: &str) -> Vec<String> {
    use ical::value::IcalValue;
    c.props
        .iter()
        .filter(|p| &*p.name == name)
        .map(|p| match &p.value {
            IcalValue::DateTime(v) => v.0.to_string(),
            IcalValue::DateTimeList(v) => v.0.join(","),
            IcalValue::Duration(v) => v.0.to_string(),
            IcalValue::Text(v) => v.0.to_string(),
            other => format!("{other:?}"),
        })
        .collect()
}

/// `text` parsed by ical-rs and checked against RFC 5545: its one event.
fn the_event(text: &str) -> ical::component::IcalComponent<'static> {
    let cal = ical::tree::cst::IcalCst::parse(text)
        .unwrap_or_else(|e| panic!("does not parse: {e:?}\n{text}"))
        .decode()
        .into_owned();
    if let Err(errors) = cal.clone().validate() {
        panic!("not RFC 5545: {errors:?}\n{text}");
    }
    let mut events = cal.components.into_iter().filter(|c| &*c.name == "VEVENT");
    let event = events.next().unwrap_or_else(|| panic!("no event: {text}"));
    assert!(events.next().is_none(), "one event: {text}");
    event
}

#[test]
fn the_calendar_file_holds_the_meeting_its_reminder_and_the_series_across_dst() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    pair::edit(
        &db,
        p.id,
        PairPatch {
            my_tz: Some(tz("Europe/Berlin")),
            partner_tz: Some(tz("America/Chicago")),
            cadence_days: Some(7),
            ..PairPatch::default()
        },
    )
    .unwrap();
    // Nothing scheduled: nothing to put in a calendar.
    refused(&db, ErrorKind::Conflict, || {
        calendar::meeting_ics(&db, p.id, at("2027-03-01T00:00:00Z"))
    });
    let secret = "I am thinking of leaving the project";
    note::add(
        &db,
        p.id,
        note(secret, Visibility::Private, Attachment::NextMeeting),
    )
    .unwrap();
    schedule::schedule(
        &db,
        p.id,
        NewSchedule {
            starts_at: at("2027-03-24T15:00:00Z"), // Wed 16:00 CET
            minutes: 45,
            recurs: true,
        },
        at("2027-03-01T00:00:00Z"),
    )
    .unwrap();

    let text = calendar::meeting_ics(&db, p.id, at("2027-03-02T08:00:00Z")).unwrap();
    assert!(
        !text.contains(secret),
        "a private note left the app: {text}"
    );
    let event = the_event(&text);
    assert_eq!(values(&event, "DTSTART"), ["20270324T150000Z"]);
    assert_eq!(values(&event, "DTEND"), ["20270324T154500Z"]);
    assert_eq!(values(&event, "DTSTAMP"), ["20270302T080000Z"]);
    assert_eq!(values(&event, "UID").len(), 1);
    assert_eq!(values(&event, "SUMMARY"), ["Mentoring: Morgan"]);
    // The next times keep 16:00 in Berlin: 15:00 UTC before 28 March, 14:00 after.
    let rdates: Vec<String> = values(&event, "RDATE")
        .iter()
        .flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert_eq!(rdates.len(), calendar::SERIES_AHEAD, "{text}");
    assert_eq!(&rdates[..2], ["20270331T140000Z", "20270407T140000Z"]);
    let alarms: Vec<_> = event
        .components
        .iter()
        .filter(|c| &*c.name == "VALARM")
        .collect();
    let [alarm] = &alarms[..] else {
        panic!("one reminder: {text}")
    };
    assert_eq!(values(alarm, "ACTION"), ["DISPLAY"]);
    // Fifteen minutes before the start, however the duration is spelt.
    let trigger = alarm
        .props
        .iter()
        .find(|p| &*p.name == "TRIGGER")
        .map(|p| match &p.value {
            ical::value::IcalValue::Duration(d) => d.seconds(),
            other => panic!("a trigger that is no duration: {other:?}"),
        });
    assert_eq!(trigger, Some(Some(-15 * 60)));
}

#[test]
fn a_one_off_meeting_has_no_series_in_its_calendar_file() {
    let db = db();
    let p = add_pair(&db, "Morgan");
    schedule::schedule(
        &db,
        p.id,
        NewSchedule {
            starts_at: at("2027-01-05T10:00:00Z"),
            minutes: 60,
            recurs: false,
        },
        at("2027-01-01T00:00:00Z"),
    )
    .unwrap();
    let text = calendar::meeting_ics(&db, p.id, at("2027-01-01T00:00:00Z")).unwrap();
    let event = the_event(&text);
    assert_eq!(values(&event, "DTSTART"), ["20270105T100000Z"]);
    assert_eq!(values(&event, "DTEND"), ["20270105T110000Z"]);
    assert!(values(&event, "RDATE").is_empty());
    assert!(values(&event, "RRULE").is_empty());
}
