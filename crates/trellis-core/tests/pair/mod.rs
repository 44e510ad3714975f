//! The core's `pair` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, NewGoal};
use trellis_core::pack;
use trellis_core::pair::{self, NewPair, PairPatch, PairStatus, Role, StatusChange};

#[test]
fn adding_a_pair_copies_the_cohorts_criteria_then_its_own() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            own_criteria: vec!["Wrote a blog post".into(), "  Reviewed a change  ".into()],
            ..new_pair("Ada")
        },
    )
    .unwrap();
    let cohort = pack::get(&db, PROGRAM)
        .unwrap()
        .cohort(COHORT)
        .unwrap()
        .clone();
    assert!(!cohort.criteria.is_empty());
    let got: Vec<(Option<String>, String, i64)> = criterion::list(&db, p.id)
        .unwrap()
        .into_iter()
        .map(|c| {
            assert!(!c.met && c.met_on.is_none() && c.evidence.is_none());
            (c.pack_criterion_id, c.text, c.position)
        })
        .collect();
    let want: Vec<(Option<String>, String, i64)> = cohort
        .criteria
        .iter()
        .map(|d| (Some(d.id.clone()), d.text.clone()))
        .chain([
            (None, "Wrote a blog post".to_string()),
            (None, "Reviewed a change".to_string()),
        ])
        .enumerate()
        .map(|(i, (id, text))| (id, text, i as i64))
        .collect();
    assert_eq!(got, want);
    // The criteria are the pair's own copy: another pair starts afresh.
    let q = add_pair(&db, "Grace");
    let theirs = criterion::list(&db, q.id).unwrap();
    assert_eq!(theirs.len(), cohort.criteria.len());
    assert!(theirs.iter().all(|c| c.pair_id == q.id));
}

#[test]
fn a_pair_reads_back_as_it_was_added() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentor),
            my_tz: tz("Europe/Berlin"),
            partner_tz: tz("America/Chicago"),
            partner_name: "  Ada Lovelace ".into(),
            ..new_pair("")
        },
    )
    .unwrap();
    assert_eq!(p.partner_name, "Ada Lovelace");
    assert_eq!(p.partner_tz, "America/Chicago");
    assert_eq!(p.status, PairStatus::Active);
    assert_eq!(p.match_date, date("2026-03-01"));
    assert_eq!(pair::get(&db, p.id).unwrap(), p);
}

#[test]
fn an_unknown_program_is_refused_and_nothing_is_written() {
    let db = db();
    add_pair(&db, "Existing");
    let e = refused(&db, ErrorKind::NotFound, || {
        pair::add(
            &db,
            NewPair {
                program_id: "no-such-program".into(),
                ..new_pair("Ada")
            },
        )
    });
    assert!(e.to_string().contains("no-such-program"), "{e}");
}

#[test]
fn an_unknown_cohort_is_refused_and_nothing_is_written() {
    let db = db();
    let e = refused(&db, ErrorKind::Invalid, || {
        pair::add(
            &db,
            NewPair {
                cohort_id: "first-rocket".into(),
                ..new_pair("Ada")
            },
        )
    });
    assert!(
        e.to_string().contains("first-cfp"),
        "names the known cohorts: {e}"
    );
    assert_eq!(count(&db, "pair"), 0);
    assert_eq!(count(&db, "criterion"), 0);
}

#[test]
fn bad_pair_input_is_refused_and_nothing_is_written() {
    let db = db();
    add_pair(&db, "Existing");
    let bad: Vec<(&str, NewPair)> = vec![
        (
            "match date",
            NewPair {
                match_date: today() + chrono::Days::new(400),
                ..new_pair("Ada")
            },
        ),
        ("partner name", new_pair("   ")),
        (
            "cadence",
            NewPair {
                cadence_days: 0,
                ..new_pair("Ada")
            },
        ),
        (
            "cadence",
            NewPair {
                cadence_days: 366,
                ..new_pair("Ada")
            },
        ),
        (
            "role",
            NewPair {
                my_role: None,
                ..new_pair("Ada")
            },
        ),
        (
            "criterion",
            NewPair {
                own_criteria: vec!["fine".into(), " ".into()],
                ..new_pair("Ada")
            },
        ),
    ];
    for (field, input) in bad {
        let e = refused(&db, ErrorKind::Invalid, || pair::add(&db, input.clone()));
        assert!(e.to_string().starts_with(field), "{field}: {e}");
    }
    assert_eq!(count(&db, "pair"), 1);
}

#[test]
fn pausing_resuming_and_ending_follow_the_allowed_paths() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let paused = pair::set_status(&db, p.id, StatusChange::Pause).unwrap();
    assert_eq!(paused.status, PairStatus::Paused);
    assert_eq!(paused.status_changed_on, Some(today()));
    refused(&db, ErrorKind::Conflict, || {
        pair::set_status(&db, p.id, StatusChange::Pause)
    });
    let resumed = pair::set_status(&db, p.id, StatusChange::Resume).unwrap();
    assert_eq!(resumed.status, PairStatus::Active);
    refused(&db, ErrorKind::Conflict, || {
        pair::set_status(&db, p.id, StatusChange::Resume)
    });
    refused(&db, ErrorKind::Invalid, || {
        pair::set_status(
            &db,
            p.id,
            StatusChange::End {
                reason: "  ".into(),
            },
        )
    });
    let ended = pair::set_status(
        &db,
        p.id,
        StatusChange::End {
            reason: "mentee changed jobs".into(),
        },
    )
    .unwrap();
    assert_eq!(ended.status, PairStatus::Ended);
    assert_eq!(ended.end_reason.as_deref(), Some("mentee changed jobs"));
    assert_eq!(pair::get(&db, p.id).unwrap().status, PairStatus::Ended);
    for change in [
        StatusChange::Pause,
        StatusChange::Resume,
        StatusChange::Graduate,
        StatusChange::End {
            reason: "again".into(),
        },
    ] {
        refused(&db, ErrorKind::Conflict, || {
            pair::set_status(&db, p.id, change.clone())
        });
    }
}

#[test]
fn a_paused_pair_can_be_ended_early() {
    let db = db();
    let p = add_pair(&db, "Ada");
    pair::set_status(&db, p.id, StatusChange::Pause).unwrap();
    let ended = pair::set_status(
        &db,
        p.id,
        StatusChange::End {
            reason: "no time".into(),
        },
    )
    .unwrap();
    assert_eq!(ended.status, PairStatus::Ended);
}

#[test]
fn graduating_is_refused_until_every_criterion_is_met() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let criteria = criterion::list(&db, p.id).unwrap();
    let (last, rest) = criteria.split_last().unwrap();
    for c in rest {
        criterion::mark_met(&db, c.id, MarkMet::default()).unwrap();
    }
    let e = refused(&db, ErrorKind::Conflict, || {
        pair::set_status(&db, p.id, StatusChange::Graduate)
    });
    assert!(e.to_string().contains("of"), "{e}");
    criterion::mark_met(&db, last.id, MarkMet::default()).unwrap();
    let g = pair::set_status(&db, p.id, StatusChange::Graduate).unwrap();
    assert_eq!(g.status, PairStatus::Graduated);
    assert_eq!(g.end_reason, None);
    for change in [
        StatusChange::Pause,
        StatusChange::Resume,
        StatusChange::Graduate,
    ] {
        refused(&db, ErrorKind::Conflict, || {
            pair::set_status(&db, p.id, change.clone())
        });
    }
}

#[test]
fn editing_a_pair_changes_only_the_fields_given() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let before = pair::get(&db, p.id).unwrap();
    let after = pair::edit(
        &db,
        p.id,
        PairPatch {
            partner_name: Some("Ada L.".into()),
            ..PairPatch::default()
        },
    )
    .unwrap();
    let stored = pair::get(&db, p.id).unwrap();
    assert_eq!(stored, after);
    assert_eq!(
        stored,
        pair::Pair {
            partner_name: "Ada L.".into(),
            updated_at: stored.updated_at,
            ..before.clone()
        }
    );
    let after = pair::edit(
        &db,
        p.id,
        PairPatch {
            cadence_days: Some(30),
            partner_tz: Some(tz("Asia/Kolkata")),
            ..PairPatch::default()
        },
    )
    .unwrap();
    assert_eq!(
        after,
        pair::Pair {
            partner_name: "Ada L.".into(),
            cadence_days: 30,
            partner_tz: "Asia/Kolkata".into(),
            updated_at: after.updated_at,
            ..before
        }
    );
}

#[test]
fn a_bad_edit_is_refused_and_nothing_is_written() {
    let db = db();
    let p = add_pair(&db, "Ada");
    for patch in [
        PairPatch {
            partner_name: Some("Changed".into()),
            match_date: Some(today() + chrono::Days::new(400)),
            ..PairPatch::default()
        },
        PairPatch {
            cadence_days: Some(0),
            ..PairPatch::default()
        },
        PairPatch {
            partner_name: Some("".into()),
            ..PairPatch::default()
        },
    ] {
        refused(&db, ErrorKind::Invalid, || {
            pair::edit(&db, p.id, patch.clone())
        });
    }
}

#[test]
fn one_person_holds_many_pairs_in_either_role() {
    let db = db();
    let mentee_of = add_pair(&db, "My mentor");
    let mentor_of_a = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentor),
            cohort_id: "first-cfp".into(),
            ..new_pair("Mentee A")
        },
    )
    .unwrap();
    let mentor_of_b = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentor),
            program_id: "generic".into(),
            cohort_id: "general".into(),
            ..new_pair("Mentee B")
        },
    )
    .unwrap();
    let mut listed: Vec<(String, Role)> = pair::list(&db)
        .unwrap()
        .into_iter()
        .map(|p| (p.partner_name, p.my_role))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        listed,
        [
            ("Mentee A".to_string(), Role::Mentor),
            ("Mentee B".to_string(), Role::Mentor),
            ("My mentor".to_string(), Role::Mentee),
        ]
    );
    // Their contents stay apart.
    goal::add(
        &db,
        mentor_of_a.id,
        NewGoal {
            title: "Submit a talk".into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
    assert_eq!(goal::list(&db, mentor_of_a.id).unwrap().len(), 1);
    assert!(goal::list(&db, mentor_of_b.id).unwrap().is_empty());
    assert!(goal::list(&db, mentee_of.id).unwrap().is_empty());
    assert_ne!(
        criterion::list(&db, mentor_of_a.id).unwrap()[0].text,
        criterion::list(&db, mentee_of.id).unwrap()[0].text,
        "each cohort brings its own criteria"
    );
}

#[test]
fn an_unknown_pair_is_not_found() {
    let db = db();
    let e = err(pair::get(&db, trellis_core::id::PairId::new()));
    assert_eq!(e.kind(), ErrorKind::NotFound);
    refused(&db, ErrorKind::NotFound, || {
        pair::set_status(&db, trellis_core::id::PairId::new(), StatusChange::Pause)
    });
}
