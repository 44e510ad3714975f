//! The core's `draft` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::draft;
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, Visibility};

#[test]
fn a_draft_is_saved_exactly_as_typed_and_read_back() {
    let db = db();
    let p = add_pair(&db, "Ada");
    assert_eq!(draft::get(&db, p.id).unwrap(), None);
    let saved = draft::save(&db, p.id, "  half a thought", Visibility::Private)
        .unwrap()
        .unwrap();
    let got = draft::get(&db, p.id).unwrap().unwrap();
    assert_eq!(got.body, "  half a thought");
    assert_eq!(got.visibility, Visibility::Private);
    assert_eq!(got, saved, "what save returns is what is stored");
    draft::save(&db, p.id, "  half a thought, finished", Visibility::Shared).unwrap();
    let got = draft::get(&db, p.id).unwrap().unwrap();
    assert_eq!(
        (got.body.as_str(), got.visibility),
        ("  half a thought, finished", Visibility::Shared)
    );
    assert_eq!(count(&db, "draft"), 1, "one draft per pair");
    assert_eq!(draft::list(&db).unwrap().len(), 1);
}

#[test]
fn saving_an_empty_body_removes_the_draft() {
    let db = db();
    let p = add_pair(&db, "Ada");
    draft::save(&db, p.id, "something", Visibility::Shared).unwrap();
    assert_eq!(
        draft::save(&db, p.id, " \n\t", Visibility::Shared).unwrap(),
        None
    );
    assert_eq!(draft::get(&db, p.id).unwrap(), None);
    assert_eq!(count(&db, "draft"), 0);
}

#[test]
fn publishing_a_draft_makes_a_note_and_removes_the_draft() {
    let db = db();
    let p = add_pair(&db, "Ada");
    draft::save(&db, p.id, " Ask about CI \n", Visibility::Private).unwrap();
    let n = draft::publish(&db, p.id, Attachment::NextMeeting).unwrap();
    assert_eq!(n.body, "Ask about CI");
    assert_eq!(n.visibility, Visibility::Private);
    assert!(n.for_next_meeting);
    assert_eq!(draft::get(&db, p.id).unwrap(), None);
    assert_eq!(note::list(&db, p.id).unwrap(), [n]);
    refused(&db, ErrorKind::NotFound, || {
        draft::publish(&db, p.id, Attachment::None)
    });
}

#[test]
fn a_refused_publish_keeps_the_draft_and_makes_no_note() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    let theirs = goal::add(
        &db,
        other.id,
        NewGoal {
            title: "Theirs".into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
    draft::save(&db, p.id, "precious words", Visibility::Shared).unwrap();
    refused(&db, ErrorKind::Invalid, || {
        draft::publish(&db, p.id, Attachment::Goal { goal_id: theirs.id })
    });
    assert_eq!(
        draft::get(&db, p.id).unwrap().unwrap().body,
        "precious words"
    );
    assert_eq!(count(&db, "note"), 0);
}

#[test]
fn discarding_a_draft_throws_it_away() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    draft::save(&db, p.id, "drop me", Visibility::Shared).unwrap();
    draft::save(&db, other.id, "keep me", Visibility::Shared).unwrap();
    draft::discard(&db, p.id).unwrap();
    assert_eq!(draft::get(&db, p.id).unwrap(), None);
    assert_eq!(draft::get(&db, other.id).unwrap().unwrap().body, "keep me");
    assert_eq!(count(&db, "note"), 0);
}

#[test]
fn a_draft_for_an_unknown_pair_is_refused() {
    let db = db();
    refused(&db, ErrorKind::NotFound, || {
        draft::save(
            &db,
            trellis_core::id::PairId::new(),
            "x",
            Visibility::Shared,
        )
    });
}
