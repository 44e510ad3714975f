//! The core's `goal` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::criterion;
use trellis_core::goal::{self, GoalPatch, GoalStatus, NewGoal};
use trellis_core::meeting::{self, NewMeeting};
use trellis_core::milestone;
use trellis_core::note::{self, Attachment, Visibility};

fn goal_with(db: &trellis_core::Db, pair: trellis_core::id::PairId, title: &str) -> goal::Goal {
    goal::add(
        db,
        pair,
        NewGoal {
            title: title.into(),
            milestones: vec!["First step".into(), "Second step".into()],
            ..NewGoal::default()
        },
    )
    .unwrap()
}

#[test]
fn a_goal_is_added_with_its_milestones_and_the_criteria_it_serves() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let criteria = criterion::list(&db, p.id).unwrap();
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: " Get a patch merged ".into(),
            why: "To learn Gerrit".into(),
            status: None,
            target_date: Some(date("2026-12-01")),
            milestones: vec!["Set up DevStack".into(), "Pick a bug".into()],
            // Given out of order and twice: stored once each, in criterion order.
            criterion_ids: vec![criteria[2].id, criteria[0].id, criteria[2].id],
        },
    )
    .unwrap();
    assert_eq!(g.title, "Get a patch merged");
    assert_eq!(g.status, GoalStatus::Active);
    assert_eq!(g.achieved_on, None);
    assert_eq!(g.target_date, Some(date("2026-12-01")));
    let ms: Vec<(&str, i64, bool)> = g
        .milestones
        .iter()
        .map(|m| (m.text.as_str(), m.position, m.done))
        .collect();
    assert_eq!(
        ms,
        [("Set up DevStack", 0, false), ("Pick a bug", 1, false)]
    );
    assert_eq!(g.criterion_ids, [criteria[0].id, criteria[2].id]);
    assert_eq!(goal::get(&db, g.id).unwrap(), g);
}

#[test]
fn bad_goal_input_is_refused_and_nothing_is_written() {
    let db = db();
    let p = add_pair(&db, "Ada");
    for new in [
        NewGoal {
            title: "  ".into(),
            ..NewGoal::default()
        },
        NewGoal {
            title: "Fine".into(),
            milestones: vec!["ok".into(), "".into()],
            ..NewGoal::default()
        },
    ] {
        refused(&db, ErrorKind::Invalid, || {
            goal::add(&db, p.id, new.clone())
        });
    }
}

#[test]
fn criteria_of_another_pair_are_refused() {
    let db = db();
    let mine = add_pair(&db, "Ada");
    let theirs = add_pair(&db, "Grace");
    let foreign = criterion::list(&db, theirs.id).unwrap()[0].id;
    let own = criterion::list(&db, mine.id).unwrap()[0].id;
    let e = refused(&db, ErrorKind::Invalid, || {
        goal::add(
            &db,
            mine.id,
            NewGoal {
                title: "Sneaky".into(),
                milestones: vec!["m".into()],
                criterion_ids: vec![own, foreign],
                ..NewGoal::default()
            },
        )
    });
    assert!(e.to_string().contains(&foreign.to_string()), "{e}");
    let g = goal_with(&db, mine.id, "Honest");
    refused(&db, ErrorKind::Invalid, || {
        goal::edit(
            &db,
            g.id,
            GoalPatch {
                title: Some("Changed".into()),
                criterion_ids: Some(vec![foreign]),
                ..GoalPatch::default()
            },
        )
    });
}

#[test]
fn achieving_a_goal_dates_it_and_reopening_clears_the_date() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal_with(&db, p.id, "Merge a patch");
    let before = today();
    let achieved = goal::set_status(&db, g.id, GoalStatus::Achieved).unwrap();
    let after = today();
    assert_eq!(achieved.status, GoalStatus::Achieved);
    let on = achieved.achieved_on.unwrap();
    assert!(on == before || on == after, "{on}");
    // Achieving it again keeps the first date.
    assert_eq!(
        goal::set_status(&db, g.id, GoalStatus::Achieved)
            .unwrap()
            .achieved_on,
        Some(on)
    );
    let reopened = goal::set_status(&db, g.id, GoalStatus::Active).unwrap();
    assert_eq!(reopened.status, GoalStatus::Active);
    assert_eq!(reopened.achieved_on, None);
    let dropped = goal::set_status(&db, g.id, GoalStatus::Dropped).unwrap();
    assert_eq!(
        (dropped.status, dropped.achieved_on),
        (GoalStatus::Dropped, None)
    );
}

#[test]
fn a_goal_added_as_achieved_is_dated_today() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Already done".into(),
            status: Some(GoalStatus::Achieved),
            ..NewGoal::default()
        },
    )
    .unwrap();
    assert!(g.achieved_on.is_some());
}

#[test]
fn editing_a_goal_changes_only_the_fields_given() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let c = criterion::list(&db, p.id).unwrap();
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Old title".into(),
            why: "Because".into(),
            target_date: Some(date("2026-12-24")),
            criterion_ids: vec![c[1].id],
            ..NewGoal::default()
        },
    )
    .unwrap();
    let e = goal::edit(
        &db,
        g.id,
        GoalPatch {
            title: Some("New title".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    assert_eq!(
        e,
        goal::Goal {
            title: "New title".into(),
            updated_at: e.updated_at,
            ..g.clone()
        }
    );
    let e = goal::edit(
        &db,
        g.id,
        GoalPatch {
            target_date: Some(None),
            criterion_ids: Some(vec![]),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    assert_eq!(e.target_date, None);
    assert!(e.criterion_ids.is_empty());
    assert_eq!((e.title.as_str(), e.why.as_str()), ("New title", "Because"));
}

#[test]
fn deleting_a_goal_removes_its_milestones_but_keeps_its_meetings() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let doomed = goal_with(&db, p.id, "Doomed");
    let kept = goal_with(&db, p.id, "Kept");
    let m = meeting::log(
        &db,
        p.id,
        NewMeeting {
            goal_ids: vec![doomed.id, kept.id],
            agenda: "Both goals".into(),
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    assert_eq!(m.goal_ids, [doomed.id, kept.id]);
    let attached = note::add(
        &db,
        p.id,
        note(
            "About the doomed goal",
            Visibility::Shared,
            Attachment::Goal { goal_id: doomed.id },
        ),
    )
    .unwrap();
    assert_eq!(count(&db, "milestone"), 4);

    goal::delete(&db, doomed.id).unwrap();

    assert_eq!(err(goal::get(&db, doomed.id)).kind(), ErrorKind::NotFound);
    for ms in &doomed.milestones {
        assert_eq!(err(milestone::get(&db, ms.id)).kind(), ErrorKind::NotFound);
    }
    assert_eq!(count(&db, "milestone"), 2);
    let m2 = meeting::get(&db, m.id).unwrap();
    assert_eq!(
        m2.goal_ids,
        [kept.id],
        "the link to the deleted goal is gone"
    );
    assert_eq!(m2.agenda, "Both goals");
    let n = note::get(&db, attached.id).unwrap();
    assert_eq!(n.goal_id, None, "the note stays, unattached");
    assert_eq!(n.body, "About the doomed goal");
    refused(&db, ErrorKind::NotFound, || goal::delete(&db, doomed.id));
}

#[test]
fn meetings_cannot_discuss_another_pairs_goals() {
    let db = db();
    let mine = add_pair(&db, "Ada");
    let theirs = add_pair(&db, "Grace");
    let foreign = goal_with(&db, theirs.id, "Theirs");
    refused(&db, ErrorKind::Invalid, || {
        meeting::log(
            &db,
            mine.id,
            NewMeeting {
                goal_ids: vec![foreign.id],
                ..meeting_at("2026-03-10T15:00:00Z")
            },
        )
    });
}
