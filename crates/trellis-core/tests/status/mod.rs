//! The core's `status` rules, on in-memory databases.

use super::util::*;
use chrono::{DateTime, Utc};
use trellis_core::action;
use trellis_core::meeting;
use trellis_core::pair::{self, NewPair, Role, StatusChange};
use trellis_core::status::{self, AttentionKind, CheckinDue, CheckinPhase};
use trellis_core::Db;

fn now() -> DateTime<Utc> {
    at("2026-06-01T12:00:00Z")
}

fn pair_matched(db: &Db, name: &str, on: &str, cadence: u32) -> pair::Pair {
    pair::add(
        db,
        NewPair {
            match_date: date(on),
            cadence_days: cadence,
            ..new_pair(name)
        },
    )
    .unwrap()
}

fn kinds(s: &status::PairSummary) -> Vec<AttentionKind> {
    s.attention.iter().map(|a| a.kind).collect()
}

#[test]
fn the_overview_puts_the_most_urgent_pair_first_and_inactive_ones_last() {
    let db = db();
    let paused = pair_matched(&db, "Paused", "2026-01-01", 7);
    pair::set_status(&db, paused.id, StatusChange::Pause).unwrap();
    let ended = pair_matched(&db, "Ended", "2026-01-01", 7);
    pair::set_status(
        &db,
        ended.id,
        StatusChange::End {
            reason: "moved on".into(),
        },
    )
    .unwrap();
    // Met recently, nothing due: calm.
    let quiet = pair_matched(&db, "Quiet", "2026-05-20", 14);
    meeting::log(&db, quiet.id, meeting_at("2026-05-28T09:00:00Z")).unwrap();
    // Last met 42 days ago against a 14-day cadence.
    let silent = pair_matched(&db, "Silent", "2026-04-01", 14);
    meeting::log(&db, silent.id, meeting_at("2026-04-20T09:00:00Z")).unwrap();
    // One action item a day overdue.
    let tardy = pair_matched(&db, "Tardy", "2026-05-25", 30);
    for (text, due) in [
        ("overdue", Some("2026-05-31")),
        ("due today", Some("2026-06-01")),
        ("undated", None),
        ("done late", Some("2026-05-01")),
    ] {
        let a = action::add(&db, tardy.id, None, action(text, Role::Mentee, due)).unwrap();
        if text == "done late" {
            action::set_done(&db, a.id, true).unwrap();
        }
    }
    // The 90-day check-in is two days away.
    let checkin = pair_matched(&db, "Checkin", "2026-03-05", 30);
    meeting::log(&db, checkin.id, meeting_at("2026-05-25T09:00:00Z")).unwrap();

    let all = status::overview(&db, now()).unwrap();
    let names: Vec<&str> = all.iter().map(|s| s.pair.partner_name.as_str()).collect();
    assert_eq!(&names[..4], ["Silent", "Checkin", "Tardy", "Quiet"]);
    let mut last: Vec<&str> = names[4..].to_vec();
    last.sort();
    assert_eq!(last, ["Ended", "Paused"]);

    let by = |name: &str| all.iter().find(|s| s.pair.partner_name == name).unwrap();
    let s = by("Silent");
    assert_eq!(s.today, date("2026-06-01"));
    assert_eq!(s.last_meeting_on, Some(date("2026-04-20")));
    assert_eq!(s.days_since_meeting, 42);
    assert_eq!(s.next_meeting_due_on, date("2026-05-04"));
    assert_eq!(kinds(s), [AttentionKind::MeetingOverdue]);

    let t = by("Tardy");
    assert_eq!((t.open_actions, t.overdue_actions), (3, 1));
    assert_eq!(t.days_since_meeting, 7, "days since the match");
    assert_eq!(t.last_meeting_on, None);
    assert_eq!(kinds(t), [AttentionKind::ActionsOverdue]);

    let c = by("Checkin");
    assert_eq!(
        c.next_checkin,
        Some(CheckinDue {
            number: 1,
            due_on: date("2026-06-03"),
            days_until: 2,
            phase: CheckinPhase::Open,
        })
    );
    assert_eq!(kinds(c), [AttentionKind::CheckinDue]);

    let q = by("Quiet");
    assert_eq!(q.days_since_meeting, 4);
    assert!(q.attention.is_empty(), "{:?}", q.attention);
    assert_eq!(
        q.next_checkin,
        Some(CheckinDue {
            number: 1,
            due_on: date("2026-08-18"),
            days_until: 78,
            phase: CheckinPhase::Upcoming,
        })
    );

    for name in ["Paused", "Ended"] {
        let s = by(name);
        assert!(s.attention.is_empty(), "{name}: {:?}", s.attention);
        assert!(s.urgency < q.urgency);
    }
}

#[test]
fn a_meeting_overdue_is_measured_against_the_agreed_cadence() {
    let db = db();
    let p = pair_matched(&db, "Ada", "2026-05-01", 14);
    meeting::log(&db, p.id, meeting_at("2026-05-18T09:00:00Z")).unwrap();
    // 14 days after the meeting: due today, not yet overdue.
    let s = status::for_pair(&db, p.id, at("2026-06-01T12:00:00Z")).unwrap();
    assert_eq!(s.days_since_meeting, 14);
    assert!(!kinds(&s).contains(&AttentionKind::MeetingOverdue));
    let s = status::for_pair(&db, p.id, at("2026-06-02T12:00:00Z")).unwrap();
    assert_eq!(s.days_since_meeting, 15);
    assert!(kinds(&s).contains(&AttentionKind::MeetingOverdue));
    // A longer cadence makes the same gap fine.
    pair::edit(
        &db,
        p.id,
        pair::PairPatch {
            cadence_days: Some(30),
            ..pair::PairPatch::default()
        },
    )
    .unwrap();
    let s = status::for_pair(&db, p.id, at("2026-06-02T12:00:00Z")).unwrap();
    assert!(s.attention.is_empty(), "{:?}", s.attention);
}

#[test]
fn the_check_in_falls_due_ninety_days_after_the_match() {
    let db = db();
    let p = pair_matched(&db, "Ada", "2026-03-01", 14);
    let due = date("2026-05-30");
    for (now, days_until, phase) in [
        ("2026-03-01T12:00:00Z", 90, CheckinPhase::Upcoming),
        ("2026-05-16T12:00:00Z", 14, CheckinPhase::Open),
        ("2026-05-30T12:00:00Z", 0, CheckinPhase::Open),
        ("2026-06-29T12:00:00Z", -30, CheckinPhase::Overdue),
        ("2026-06-30T12:00:00Z", -31, CheckinPhase::Missed),
    ] {
        let s = status::for_pair(&db, p.id, at(now)).unwrap();
        assert_eq!(
            s.next_checkin,
            Some(CheckinDue {
                number: 1,
                due_on: due,
                days_until,
                phase,
            }),
            "{now}"
        );
    }
    let s = status::for_pair(&db, p.id, at("2026-06-30T12:00:00Z")).unwrap();
    assert!(
        !kinds(&s).contains(&AttentionKind::CheckinDue),
        "a month past due it no longer asks for attention: {:?}",
        s.attention
    );
}

#[test]
fn days_are_counted_in_my_time_zone() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            match_date: date("2026-05-01"),
            my_tz: tz("Pacific/Auckland"),
            ..new_pair("Ada")
        },
    )
    .unwrap();
    // 20:00 UTC on 31 May is already 1 June in Auckland.
    let s = status::for_pair(&db, p.id, at("2026-05-31T20:00:00Z")).unwrap();
    assert_eq!(s.today, date("2026-06-01"));
    assert_eq!(s.days_since_meeting, 31);
}
