//! The core's `properties` rules, on in-memory databases.

use std::collections::BTreeSet;

use super::util::*;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use trellis_core::action;
use trellis_core::goal::{self, NewGoal};
use trellis_core::id::{ActionId, MeetingId};
use trellis_core::meeting::{self, NewMeeting};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::search;
use trellis_core::ErrorKind;

#[derive(Debug, Clone)]
enum Op {
    /// A loose item, or one filed under the n-th live meeting.
    Add {
        due: Option<u8>,
        meeting: Option<usize>,
    },
    /// A meeting with this many new items.
    Log {
        items: Vec<Option<u8>>,
    },
    Tick(usize),
    Untick(usize),
    Delete(usize),
    DeleteMeeting(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let due = proptest::option::of(0u8..20);
    prop_oneof![
        3 => (due.clone(), proptest::option::of(0usize..8))
            .prop_map(|(due, meeting)| Op::Add { due, meeting }),
        1 => proptest::collection::vec(due, 0..3).prop_map(|items| Op::Log { items }),
        2 => (0usize..64).prop_map(Op::Tick),
        1 => (0usize..64).prop_map(Op::Untick),
        1 => (0usize..64).prop_map(Op::Delete),
        1 => (0usize..8).prop_map(Op::DeleteMeeting),
    ]
}

struct Item {
    id: ActionId,
    due: Option<NaiveDate>,
    done: bool,
    deleted: bool,
}

fn due_date(d: Option<u8>) -> Option<NaiveDate> {
    d.map(|d| date("2026-07-01") + Days::new(u64::from(d)))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Quick by default; PROPTEST_CASES=10000 for a deeper run.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(48),
        // Failing cases are kept beside this file, in core.proptest-regressions.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_carried_forward_items_are_exactly_the_open_ones(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        let db = db();
        let p = add_pair(&db, "Ada");
        let noise = add_pair(&db, "Noise");
        action::add(&db, noise.id, None, action("other pair", Role::Mentor, None)).unwrap();
        let mut items: Vec<Item> = Vec::new();
        let mut meetings: Vec<MeetingId> = Vec::new();
        let mut day = 0u64;
        for op in ops {
            let live: Vec<usize> = (0..items.len()).filter(|&i| !items[i].deleted).collect();
            match op {
                Op::Add { due, meeting } => {
                    let m = meeting.and_then(|n| meetings.get(n % meetings.len().max(1)).copied());
                    let a = action::add(&db, p.id, m, trellis_core::action::NewAction {
                        text: format!("item {}", items.len()),
                        owner: Role::Mentee,
                        due_date: due_date(due),
                    }).unwrap();
                    items.push(Item { id: a.id, due: a.due_date, done: false, deleted: false });
                }
                Op::Log { items: new } => {
                    day += 1;
                    let m = meeting::log(&db, p.id, NewMeeting {
                        actions: new.iter().enumerate().map(|(i, d)| trellis_core::action::NewAction {
                            text: format!("agreed {day}.{i}"),
                            owner: Role::Mentor,
                            due_date: due_date(*d),
                        }).collect(),
                        ..meeting_at(&format!("2026-04-01T10:{:02}:00Z", day % 60))
                    }).unwrap();
                    for a in m.actions {
                        items.push(Item { id: a.id, due: a.due_date, done: false, deleted: false });
                    }
                    meetings.push(m.id);
                }
                Op::Tick(n) | Op::Untick(n) | Op::Delete(n) if !live.is_empty() => {
                    let i = live[n % live.len()];
                    match op {
                        Op::Tick(_) => {
                            prop_assert!(action::set_done(&db, items[i].id, true).unwrap().done);
                            items[i].done = true;
                        }
                        Op::Untick(_) => {
                            prop_assert!(!action::set_done(&db, items[i].id, false).unwrap().done);
                            items[i].done = false;
                        }
                        _ => {
                            action::delete(&db, items[i].id).unwrap();
                            items[i].deleted = true;
                        }
                    }
                }
                Op::DeleteMeeting(n) if !meetings.is_empty() => {
                    let m = meetings.remove(n % meetings.len());
                    meeting::delete(&db, m).unwrap();
                }
                _ => {}
            }
            let next = meeting::next(&db, p.id).unwrap();
            let got: BTreeSet<ActionId> = next.open_actions.iter().map(|a| a.id).collect();
            let want: BTreeSet<ActionId> = items
                .iter()
                .filter(|a| !a.done && !a.deleted)
                .map(|a| a.id)
                .collect();
            prop_assert_eq!(got.len(), next.open_actions.len(), "no item twice");
            prop_assert_eq!(&got, &want);
            // Soonest due first, undated last.
            let keys: Vec<(bool, Option<NaiveDate>)> = next
                .open_actions
                .iter()
                .map(|a| (a.due_date.is_none(), a.due_date))
                .collect();
            let mut sorted = keys.clone();
            sorted.sort();
            prop_assert_eq!(keys, sorted);
            for a in &next.open_actions {
                let model = items.iter().find(|i| i.id == a.id).unwrap();
                prop_assert_eq!(a.due_date, model.due);
            }
        }
    }

    #[test]
    fn no_query_makes_search_fail(
        q in prop_oneof![
            "(?s).{0,60}",
            proptest::collection::vec(
                prop_oneof![
                    Just("\"".to_string()), Just("*".to_string()), Just("(".to_string()),
                    Just(")".to_string()), Just("NEAR".to_string()), Just("NEAR(".to_string()),
                    Just("AND".to_string()), Just("OR".to_string()), Just("NOT".to_string()),
                    Just("^".to_string()), Just(":".to_string()), Just("-".to_string()),
                    Just("+".to_string()), Just("{".to_string()), Just("}".to_string()),
                    Just("title:".to_string()), Just("gerr".to_string()), Just("zanz".to_string()),
                    Just("é".to_string()), Just("漢字".to_string()), Just("🙂".to_string()),
                    Just("\u{345}".to_string()), Just("\u{301}".to_string()),
                    Just("½".to_string()), Just("'".to_string()), Just("\0".to_string()),
                    "[a-z]{1,6}",
                    "\\PC{1,4}",
                ],
                0..12,
            ).prop_map(|parts| parts.concat()),
            proptest::collection::vec("[\"*()^:a-zé漢🙂 ]{1,8}", 0..8)
                .prop_map(|parts| parts.join(" ")),
        ]
    ) {
        let db = db();
        let p = add_pair(&db, "Ada");
        goal::add(&db, p.id, NewGoal {
            title: "Zanzibar Gerrit NEAR café 漢字 🙂 ½".into(),
            milestones: vec!["and or not".into()],
            ..NewGoal::default()
        }).unwrap();
        let r = search::query(&db, &q, 20);
        prop_assert!(r.is_ok(), "{:?}: {:?}", q, r.err().map(|e| e.to_string()));
    }

    /// The pair form as the UI sends it: text that does not read as a date
    /// and two zones never reaches the core; what reads is either stored
    /// whole and valid or refused with nothing written.
    #[test]
    fn invalid_pair_input_changes_nothing(
        match_date in prop_oneof![Just("2026-03-01".to_string()), "\\PC{0,16}",
            Just("2026-02-29".to_string()), Just("2026-3-1 ".to_string()), Just("".to_string())],
        my_tz in prop_oneof![Just("Europe/Berlin".to_string()), "\\PC{0,16}",
            Just("europe/berlin".to_string()), Just("Europe/Berlin/".to_string())],
        partner_tz in prop_oneof![Just("UTC".to_string()), "\\PC{0,16}",
            Just("GMT+25".to_string()), Just("".to_string())],
    ) {
        let date_ok = NaiveDate::parse_from_str(match_date.trim(), "%Y-%m-%d").is_ok();
        let tz_ok = |s: &str| s.trim().parse::<chrono_tz::Tz>().is_ok();
        let form = serde_json::json!({
            "myRole": "mentee", "partnerName": "Ada", "programId": PROGRAM, "cohortId": COHORT,
            "matchDate": match_date, "myTz": my_tz, "partnerTz": partner_tz, "cadenceDays": 14,
        });
        let read = serde_json::from_value::<NewPair>(form);
        if !(date_ok && tz_ok(&my_tz) && tz_ok(&partner_tz)) {
            prop_assert!(read.is_err(), "read: {:?}", read);
        }
        let Ok(new) = read else { return Ok(()) };
        let db = db();
        add_pair(&db, "Existing");
        let before = snapshot(&db);
        match pair::add(&db, new) {
            Ok(p) => {
                prop_assert!(p.match_date <= today() + Days::new(366));
                prop_assert!(p.my_tz.parse::<chrono_tz::Tz>().is_ok(), "{}", p.my_tz);
                prop_assert!(p.partner_tz.parse::<chrono_tz::Tz>().is_ok(), "{}", p.partner_tz);
            }
            Err(e) => {
                prop_assert_eq!(e.kind(), ErrorKind::Invalid);
                prop_assert_eq!(snapshot(&db), before);
            }
        }
    }
}
