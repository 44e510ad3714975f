//! The core's `note` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, NotePatch, Visibility};

#[test]
fn notes_are_private_or_shared() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let private = note::add(
        &db,
        p.id,
        note("mine", Visibility::Private, Attachment::None),
    )
    .unwrap();
    let shared = note::add(
        &db,
        p.id,
        note("ours", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    assert_eq!(
        note::get(&db, private.id).unwrap().visibility,
        Visibility::Private
    );
    assert_eq!(
        note::get(&db, shared.id).unwrap().visibility,
        Visibility::Shared
    );
    let listed: Vec<_> = note::list(&db, p.id)
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(listed, [shared.id, private.id], "newest first");
    refused(&db, ErrorKind::Invalid, || {
        note::add(
            &db,
            p.id,
            note(" \n ", Visibility::Shared, Attachment::None),
        )
    });
}

#[test]
fn a_note_can_be_attached_to_one_of_the_pairs_goals_only() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    let new_goal = |pair, title: &str| {
        goal::add(
            &db,
            pair,
            NewGoal {
                title: title.into(),
                ..NewGoal::default()
            },
        )
        .unwrap()
    };
    let mine = new_goal(p.id, "Mine");
    let theirs = new_goal(other.id, "Theirs");
    let n = note::add(
        &db,
        p.id,
        note(
            "on goal",
            Visibility::Shared,
            Attachment::Goal { goal_id: mine.id },
        ),
    )
    .unwrap();
    assert_eq!(n.goal_id, Some(mine.id));
    assert!(!n.for_next_meeting);
    refused(&db, ErrorKind::Invalid, || {
        note::add(
            &db,
            p.id,
            note(
                "on their goal",
                Visibility::Shared,
                Attachment::Goal { goal_id: theirs.id },
            ),
        )
    });
    refused(&db, ErrorKind::Invalid, || {
        note::edit(
            &db,
            n.id,
            NotePatch {
                body: Some("moved".into()),
                attach: Some(Attachment::Goal { goal_id: theirs.id }),
                ..NotePatch::default()
            },
        )
    });
}

#[test]
fn editing_a_notes_visibility_keeps_its_body_and_attachment() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Goal".into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
    let n = note::add(
        &db,
        p.id,
        note(
            "secret",
            Visibility::Private,
            Attachment::Goal { goal_id: g.id },
        ),
    )
    .unwrap();
    let e = note::edit(
        &db,
        n.id,
        NotePatch {
            visibility: Some(Visibility::Shared),
            ..NotePatch::default()
        },
    )
    .unwrap();
    assert_eq!(
        e,
        note::Note {
            visibility: Visibility::Shared,
            updated_at: e.updated_at,
            ..n.clone()
        }
    );
    let back = note::edit(
        &db,
        n.id,
        NotePatch {
            visibility: Some(Visibility::Private),
            body: Some("still secret".into()),
            ..NotePatch::default()
        },
    )
    .unwrap();
    assert_eq!(back.visibility, Visibility::Private);
    assert_eq!(back.body, "still secret");
    assert_eq!(back.goal_id, Some(g.id));
}

#[test]
fn deleting_a_note_removes_it() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let n = note::add(&db, p.id, note("bye", Visibility::Shared, Attachment::None)).unwrap();
    note::delete(&db, n.id).unwrap();
    assert_eq!(err(note::get(&db, n.id)).kind(), ErrorKind::NotFound);
    refused(&db, ErrorKind::NotFound, || note::delete(&db, n.id));
}
