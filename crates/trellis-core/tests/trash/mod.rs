//! Issue 14: deleting moves an item to the Trash, whence it comes back whole.

use super::util::*;
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::trash::{self, TrashKind};
use trellis_core::{criterion, search};

#[test]
fn a_deleted_goal_comes_back_with_its_milestones_links_and_notes() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let crit = criterion::list(&db, p.id).unwrap()[0].id;
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Land a patch in Nova".into(),
            milestones: vec!["Set up DevStack".into(), "Pick a bug".into()],
            criterion_ids: vec![crit],
            ..NewGoal::default()
        },
    )
    .unwrap();
    let attach = Attachment::Goal { goal_id: g.id };
    let n = note::add(&db, p.id, note("about it", Visibility::Private, attach)).unwrap();

    let t = goal::delete(&db, g.id).unwrap();
    assert_eq!(
        (t.kind, t.label.as_str()),
        (TrashKind::Goal, "Land a patch in Nova")
    );
    assert!(goal::list(&db, p.id).unwrap().is_empty());
    assert_eq!(note::get(&db, n.id).unwrap().goal_id, None);
    assert!(search::query(&db, "devstack", 10).unwrap().is_empty());

    let back = trash::restore(&db, t.id).unwrap();
    let goals = goal::list(&db, p.id).unwrap();
    assert_eq!(goals.len(), 1);
    let restored = &goals[0];
    assert_eq!(restored.id.to_string(), back.item_id);
    assert_eq!(restored.title, "Land a patch in Nova");
    let steps: Vec<&str> = restored
        .milestones
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(steps, ["Set up DevStack", "Pick a bug"]);
    assert_eq!(restored.criterion_ids, [crit]);
    assert_eq!(note::get(&db, n.id).unwrap().goal_id, Some(restored.id));
    assert_eq!(search::query(&db, "devstack", 10).unwrap().len(), 1);
    assert!(trash::list(&db, p.id).unwrap().is_empty());
}

#[test]
fn a_private_note_comes_back_under_its_own_id_and_a_shared_one_under_a_new_one() {
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
    let t1 = note::delete(&db, private.id).unwrap();
    let t2 = note::delete(&db, shared.id).unwrap();
    assert_eq!(trash::list(&db, p.id).unwrap().len(), 2);
    // The private note left no tombstone: nothing can have told the
    // partner; the shared one did, and a tombstone wins over any edit.
    assert_eq!(
        trash::restore(&db, t1.id).unwrap().item_id,
        private.id.to_string()
    );
    let again = trash::restore(&db, t2.id).unwrap();
    assert_ne!(again.item_id, shared.id.to_string());
    let bodies: Vec<String> = note::list(&db, p.id)
        .unwrap()
        .into_iter()
        .map(|n| n.body)
        .collect();
    assert_eq!(bodies.len(), 2);
    assert!(bodies.contains(&"mine".to_string()) && bodies.contains(&"ours".to_string()));
}

#[test]
fn the_trash_keeps_an_item_thirty_days_and_then_deletes_it_for_good() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let n = note::add(
        &db,
        p.id,
        note("old", Visibility::Private, Attachment::None),
    )
    .unwrap();
    let t = note::delete(&db, n.id).unwrap();
    let day = chrono::Duration::days(1);
    let kept = trash::expire_at(&db, t.deleted_at + day * 29).unwrap();
    assert_eq!(kept.items, 0);
    assert_eq!(trash::list(&db, p.id).unwrap().len(), 1);
    assert_eq!(t.purge_after, t.deleted_at + day * 30);
    let gone = trash::expire_at(&db, t.deleted_at + day * 30).unwrap();
    assert_eq!(gone.items, 1);
    assert!(trash::list(&db, p.id).unwrap().is_empty());
    let e = err(trash::restore(&db, t.id));
    assert_eq!(e.kind(), trellis_core::ErrorKind::NotFound);
}
