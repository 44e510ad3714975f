//! A realistic sample pair (OpenStack first-patch cohort), so a new user can
//! try Trellis before entering their own data.

use chrono::{DateTime, Days, Utc};

use crate::action::NewAction;
use crate::criterion::MarkMet;
use crate::goal::{GoalStatus, NewGoal};
use crate::meeting::{MeetingMode, NewMeeting};
use crate::note::{Attachment, NewNote, Visibility};
use crate::pair::{NewPair, Pair, Role};
use crate::{criterion, goal, meeting, note, pair, time, Db, Result};

/// Create the sample pair, dated relative to `now`.
pub fn create(db: &Db, now: DateTime<Utc>) -> Result<Pair> {
    let today = now.date_naive();
    let ago = |d: u64| today - Days::new(d);
    let p = pair::add(
        db,
        NewPair {
            my_role: Some(Role::Mentee),
            partner_name: "Sam Rivera (sample)".into(),
            program_id: "openstack-mentoring".into(),
            cohort_id: "first-patch".into(),
            match_date: ago(48),
            my_tz: chrono_tz::Europe::Berlin,
            partner_tz: chrono_tz::America::Chicago,
            cadence_days: 14,
            own_criteria: vec![],
        },
    )?;
    let g1 = goal::add(
        db,
        p.id,
        NewGoal {
            title: "Get my first patch merged in Nova".into(),
            why: "Learn the Gerrit workflow end to end and earn my first merged change.".into(),
            status: Some(GoalStatus::Active),
            target_date: Some(today + Days::new(30)),
            milestones: vec![
                "Set up a DevStack environment".into(),
                "Sign the contributor agreement and configure git-review".into(),
                "Pick a low-hanging-fruit bug".into(),
                "Push the change and answer the reviews".into(),
            ],
            criterion_ids: vec![],
        },
    )?;
    let g2 = goal::add(
        db,
        p.id,
        NewGoal {
            title: "Join a project team meeting and offer input".into(),
            why: "Get to know the people who review my changes.".into(),
            status: Some(GoalStatus::Proposed),
            target_date: None,
            milestones: vec!["Find the team's IRC meeting time".into()],
            criterion_ids: vec![],
        },
    )?;
    for m in g1.milestones.iter().take(2) {
        crate::milestone::set_done(db, m.id, true)?;
    }
    let at = |d: u64| time::When::WallClock(ago(d).and_hms_opt(17, 0, 0).unwrap_or_default());
    meeting::log(
        db,
        p.id,
        NewMeeting {
            starts_at: at(45),
            duration_min: Some(45),
            mode: Some(MeetingMode::Video),
            agenda: "Introductions; what I want from the next three months".into(),
            notes: "Agreed to meet every two weeks. Sam suggested starting with DevStack.".into(),
            goal_ids: vec![g1.id],
            actions: vec![
                NewAction {
                    text: "Install DevStack on a spare VM".into(),
                    owner: Role::Mentee,
                    due_date: Some(ago(38)),
                },
                NewAction {
                    text: "Share the list of low-hanging-fruit bugs".into(),
                    owner: Role::Mentor,
                    due_date: Some(ago(40)),
                },
            ],
            ..NewMeeting::default()
        },
    )?;
    let second = meeting::log(
        db,
        p.id,
        NewMeeting {
            starts_at: at(20),
            duration_min: Some(30),
            mode: Some(MeetingMode::Chat),
            agenda: "DevStack status; choosing a bug".into(),
            notes: "DevStack works. Picked a small docs bug to start with.".into(),
            goal_ids: vec![g1.id, g2.id],
            actions: vec![NewAction {
                text: "Push a first draft of the fix to Gerrit".into(),
                owner: Role::Mentee,
                due_date: Some(ago(6)),
            }],
            ..NewMeeting::default()
        },
    )?;
    let _ = second;
    for a in crate::action::list(db, p.id, true)? {
        if a.text.starts_with("Install DevStack") || a.text.starts_with("Share the list") {
            crate::action::set_done(db, a.id, true)?;
        }
    }
    note::add(
        db,
        p.id,
        NewNote {
            body: "Ask Sam how to run only the unit tests touched by my change.".into(),
            visibility: Visibility::Shared,
            attach: Attachment::NextMeeting,
        },
    )?;
    note::add(
        db,
        p.id,
        NewNote {
            body: "Feeling nervous about the first review — remember reviews are about the code, not me.".into(),
            visibility: Visibility::Private,
            attach: Attachment::None,
        },
    )?;
    if let Some(c) = criterion::list(db, p.id)?.first() {
        criterion::mark_met(
            db,
            c.id,
            MarkMet {
                on: Some(ago(10)),
                evidence: Some("https://review.opendev.org/c/openstack/nova/+/000000".into()),
            },
        )?;
    }
    pair::get(db, p.id)
}
