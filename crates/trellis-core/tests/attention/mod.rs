//! Attention that ranks (issue 17): one rule for where a check-in stands,
//! shared by Home and the pair's Check-in tab; levels, so that only the truly
//! urgent pairs are red; and what I owe apart from what my partner owes.

use chrono::{DateTime, Days, Utc};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::status::{self, AttentionKind, AttentionLevel, CheckinPhase, Owed};
use trellis_core::{action, checkin, meeting, Db};

use super::util::*;

fn now() -> DateTime<Utc> {
    at("2026-06-01T12:00:00Z")
}

fn pair_matched(db: &Db, name: &str, on: &str, cadence: u32) -> pair::Pair {
    pair::add(
        db,
        NewPair {
            match_date: on.into(),
            cadence_days: cadence,
            ..new_pair(name)
        },
    )
    .unwrap()
}

fn level_of(s: &status::PairSummary, kind: AttentionKind) -> Option<AttentionLevel> {
    s.attention.iter().find(|a| a.kind == kind).map(|a| a.level)
}

#[test]
fn home_and_the_check_in_tab_name_the_same_check_in_on_every_day() {
    // Regression: Home said "No check-in scheduled" while the tab said
    // "due 632 days ago" — two rules for the same question.
    let db = db();
    let p = pair_matched(&db, "Ada", "2024-01-01", 14);
    let start = at("2024-01-01T12:00:00Z");
    for day in (0..1_000).step_by(7) {
        let when = start + Days::new(day);
        let home = status::for_pair(&db, p.id, when)
            .unwrap()
            .next_checkin
            .unwrap();
        let tab = checkin::form(&db, p.id, None, when, trellis_core::lang::Lang::En).unwrap();
        assert_eq!(
            (home.number, home.due_on, home.days_until, home.phase),
            (tab.number, tab.due_on, tab.days_until, tab.phase),
            "day {day}"
        );
    }
    let late = status::for_pair(&db, p.id, at("2026-06-01T12:00:00Z")).unwrap();
    let c = late.next_checkin.unwrap();
    assert_eq!(c.phase, CheckinPhase::Missed, "{c:?}");
    assert!(c.days_until < -600);
    assert_eq!(c.describe(), format!("missed (due {})", c.due_on));
}

#[test]
fn a_check_in_is_upcoming_then_open_then_overdue_then_missed_and_done_once_saved() {
    for (days_until, phase) in [
        (15, CheckinPhase::Upcoming),
        (14, CheckinPhase::Open),
        (0, CheckinPhase::Open),
        (-1, CheckinPhase::Overdue),
        (-30, CheckinPhase::Overdue),
        (-31, CheckinPhase::Missed),
    ] {
        assert_eq!(CheckinPhase::of(days_until, false), phase, "{days_until}");
        assert_eq!(CheckinPhase::of(days_until, true), CheckinPhase::Done);
    }
    assert!(CheckinPhase::Open.is_due() && CheckinPhase::Overdue.is_due());
    assert!(!CheckinPhase::Missed.is_due() && !CheckinPhase::Upcoming.is_due());
}

#[test]
fn only_an_overdue_check_in_or_a_long_drift_is_urgent() {
    let db = db();
    // One action item a day late: late, not urgent.
    let tardy = pair_matched(&db, "Tardy", "2026-05-25", 30);
    action::add(
        &db,
        tardy.id,
        None,
        action("late", Role::Mentee, Some("2026-05-31")),
    )
    .unwrap();
    // A meeting 5 days past a 14-day cadence: late, not urgent.
    let slipped = pair_matched(&db, "Slipped", "2026-04-01", 14);
    meeting::log(&db, slipped.id, meeting_at("2026-05-13T09:00:00Z")).unwrap();
    // 42 days without a meeting against 14: a drift, urgent.
    let drifted = pair_matched(&db, "Drifted", "2026-04-01", 14);
    meeting::log(&db, drifted.id, meeting_at("2026-04-20T09:00:00Z")).unwrap();
    // The 90-day check-in was due five days ago: urgent.
    let overdue = pair_matched(&db, "Overdue", "2026-02-27", 30);
    meeting::log(&db, overdue.id, meeting_at("2026-05-30T09:00:00Z")).unwrap();
    // The check-in is ten days away: worth knowing, nothing more.
    let coming = pair_matched(&db, "Coming", "2026-03-13", 30);
    meeting::log(&db, coming.id, meeting_at("2026-05-30T09:00:00Z")).unwrap();
    // Many overdue action items still do not make a pair red.
    let swamped = pair_matched(&db, "Swamped", "2026-05-25", 30);
    for i in 0..8 {
        let text = format!("late {i}");
        action::add(
            &db,
            swamped.id,
            None,
            action(&text, Role::Mentor, Some("2026-05-01")),
        )
        .unwrap();
    }

    let all = status::overview(&db, now()).unwrap();
    let by = |name: &str| all.iter().find(|s| s.pair.partner_name == name).unwrap();
    use AttentionKind as K;
    use AttentionLevel as L;
    assert_eq!(level_of(by("Tardy"), K::ActionsOverdue), Some(L::Soon));
    assert_eq!(level_of(by("Slipped"), K::MeetingOverdue), Some(L::Soon));
    assert_eq!(level_of(by("Drifted"), K::MeetingOverdue), Some(L::Urgent));
    assert_eq!(level_of(by("Overdue"), K::CheckinDue), Some(L::Urgent));
    assert_eq!(level_of(by("Coming"), K::CheckinDue), Some(L::Note));
    assert_eq!(level_of(by("Swamped"), K::ActionsOverdue), Some(L::Soon));
    let levels: Vec<Option<L>> = all.iter().map(|s| s.level).collect();
    let mut ranked = levels.clone();
    ranked.sort_by(|a, b| b.cmp(a));
    assert_eq!(levels, ranked, "the strongest level ranks first");
    let mut urgent: Vec<&str> = all
        .iter()
        .filter(|s| s.level == Some(L::Urgent))
        .map(|s| s.pair.partner_name.as_str())
        .collect();
    urgent.sort();
    assert_eq!(urgent, ["Drifted", "Overdue"], "only these are red");
    let names: Vec<&str> = all.iter().map(|s| s.pair.partner_name.as_str()).collect();
    assert_eq!(names.last(), Some(&"Coming"), "{names:?}");
    assert_eq!(by("Coming").level, Some(L::Note));
}

#[test]
fn a_card_tells_what_i_owe_from_what_my_partner_owes() {
    let db = db();
    let as_mentee = pair_matched(&db, "Mentor Mo", "2026-05-25", 30);
    let as_mentor = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentor),
            match_date: "2026-05-25".into(),
            ..new_pair("Mentee Mia")
        },
    )
    .unwrap();
    for p in [&as_mentee, &as_mentor] {
        action::add(
            &db,
            p.id,
            None,
            action("mentee late", Role::Mentee, Some("2026-05-01")),
        )
        .unwrap();
        action::add(&db, p.id, None, action("mentee open", Role::Mentee, None)).unwrap();
        action::add(&db, p.id, None, action("mentor open", Role::Mentor, None)).unwrap();
        let done = action::add(
            &db,
            p.id,
            None,
            action("mentor done", Role::Mentor, Some("2026-05-01")),
        )
        .unwrap();
        action::set_done(&db, done.id, true).unwrap();
    }
    let mentee_side = status::for_pair(&db, as_mentee.id, now()).unwrap();
    assert_eq!(
        mentee_side.mine,
        Owed {
            open: 2,
            overdue: 1
        }
    );
    assert_eq!(
        mentee_side.theirs,
        Owed {
            open: 1,
            overdue: 0
        }
    );
    let mentor_side = status::for_pair(&db, as_mentor.id, now()).unwrap();
    assert_eq!(
        mentor_side.mine,
        Owed {
            open: 1,
            overdue: 0
        }
    );
    assert_eq!(
        mentor_side.theirs,
        Owed {
            open: 2,
            overdue: 1
        }
    );
    assert_eq!(
        (mentor_side.open_actions, mentor_side.overdue_actions),
        (3, 1)
    );
}
