//! The core's `milestone` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::goal::{self, NewGoal};
use trellis_core::milestone;

#[test]
fn milestones_are_appended_in_order() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Goal".into(),
            milestones: vec!["one".into(), "two".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    milestone::delete(&db, g.milestones[0].id).unwrap();
    let three = milestone::add(&db, g.id, "three").unwrap();
    let four = milestone::add(&db, g.id, " four ").unwrap();
    assert_eq!(three.position, 2, "after the last one, not in a gap");
    assert_eq!(four.position, 3);
    let texts: Vec<String> = goal::get(&db, g.id)
        .unwrap()
        .milestones
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["two", "three", "four"]);
    refused(&db, ErrorKind::Invalid, || milestone::add(&db, g.id, "  "));
}

#[test]
fn ticking_a_milestone_dates_it_and_unticking_clears_the_date() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Goal".into(),
            milestones: vec!["one".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    let id = g.milestones[0].id;
    let before = today();
    let done = milestone::set_done(&db, id, true).unwrap();
    assert!(done.done);
    let on = done.done_on.unwrap();
    assert!(on == before || on == today(), "{on}");
    let undone = milestone::set_done(&db, id, false).unwrap();
    assert!(!undone.done);
    assert_eq!(undone.done_on, None);
    assert_eq!(milestone::get(&db, id).unwrap(), undone);
}
