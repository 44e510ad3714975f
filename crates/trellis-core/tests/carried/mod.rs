//! Carried-forward items as linked items (issue 17): logging a meeting links
//! the open action items it went over, with whether each was closed there,
//! instead of pasting them into the agenda as `- [ ]` text.

use trellis_core::action::{self, ActionItem};
use trellis_core::id::ActionId;
use trellis_core::meeting::{self, CarriedItem, NewMeeting};
use trellis_core::pair::Role;
use trellis_core::{trash, Db, ErrorKind};

use super::util::*;

fn two_open(db: &Db) -> (trellis_core::pair::Pair, ActionItem, ActionItem) {
    let p = add_pair(db, "Ada");
    let a = action::add(
        db,
        p.id,
        None,
        action("rebase the patch", Role::Mentee, None),
    )
    .unwrap();
    let b = action::add(
        db,
        p.id,
        None,
        action("send the talk outline", Role::Mentor, Some("2030-01-01")),
    )
    .unwrap();
    (p, a, b)
}

fn reviewing(carried: &[ActionId], closed: &[ActionId]) -> NewMeeting {
    NewMeeting {
        carried: carried.to_vec(),
        closed: closed.to_vec(),
        ..meeting_at("2026-03-02 10:00")
    }
}

fn linked(items: &[CarriedItem]) -> Vec<(ActionId, bool, bool)> {
    items
        .iter()
        .map(|c| (c.action.id, c.closed_here, c.action.done))
        .collect()
}

#[test]
fn a_logged_meeting_links_the_items_it_reviewed_and_closes_those_done_there() {
    let db = db();
    let (p, a, b) = two_open(&db);
    let m = meeting::log(&db, p.id, reviewing(&[a.id, b.id], &[a.id])).unwrap();
    let expected = vec![(b.id, false, false), (a.id, true, true)];
    assert_eq!(
        linked(&m.carried),
        expected,
        "soonest due first, undated last"
    );
    assert!(m.agenda.is_empty(), "nothing pasted into the agenda");
    assert!(
        m.actions.is_empty(),
        "reviewed items are not the meeting's own"
    );
    assert_eq!(action::get(&db, a.id).unwrap().done_on, Some(today()));
    assert!(!action::get(&db, b.id).unwrap().done);

    let page = meeting::list(&db, p.id, 0, 10).unwrap();
    assert_eq!(
        linked(&page.items[0].carried),
        expected,
        "the list has them too"
    );
    assert_eq!(meeting::get(&db, m.id).unwrap(), page.items[0]);

    // The open one carries on to the next meeting; the closed one does not.
    let next = meeting::next(&db, p.id).unwrap();
    let open: Vec<ActionId> = next.open_actions.iter().map(|x| x.id).collect();
    assert_eq!(open, vec![b.id]);
}

#[test]
fn an_item_ticked_later_shows_done_but_not_closed_at_that_meeting() {
    let db = db();
    let (p, a, _) = two_open(&db);
    let m = meeting::log(&db, p.id, reviewing(&[a.id], &[])).unwrap();
    action::set_done(&db, a.id, true).unwrap();
    let again = meeting::get(&db, m.id).unwrap();
    assert_eq!(linked(&again.carried), vec![(a.id, false, true)]);
}

#[test]
fn a_meeting_without_reviewed_items_has_none_linked() {
    let db = db();
    let (p, _, _) = two_open(&db);
    let m = meeting::log(&db, p.id, meeting_at("2026-03-02 10:00")).unwrap();
    assert!(m.carried.is_empty());
}

#[test]
fn closing_an_item_that_was_not_reviewed_is_refused_and_nothing_is_written() {
    let db = db();
    let (p, a, b) = two_open(&db);
    let e = refused(&db, ErrorKind::Invalid, || {
        meeting::log(&db, p.id, reviewing(&[a.id], &[b.id]))
    });
    assert_eq!(e.field(), Some("closed"));
}

#[test]
fn reviewing_an_item_of_another_pair_a_done_one_or_one_twice_is_refused() {
    let db = db();
    let (p, a, _) = two_open(&db);
    let (_, other, _) = two_open(&db);
    let done = action::add(&db, p.id, None, action("done already", Role::Mentee, None)).unwrap();
    action::set_done(&db, done.id, true).unwrap();
    for carried in [vec![other.id], vec![done.id], vec![a.id, a.id]] {
        let e = refused(&db, ErrorKind::Invalid, || {
            meeting::log(&db, p.id, reviewing(&carried, &[]))
        });
        assert_eq!(e.field(), Some("carried"), "{carried:?}");
    }
    let e = refused(&db, ErrorKind::NotFound, || {
        meeting::log(&db, p.id, reviewing(&[ActionId::new()], &[]))
    });
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn the_links_come_back_when_the_meeting_or_the_item_is_restored_from_the_trash() {
    let db = db();
    let (p, a, b) = two_open(&db);
    let m = meeting::log(&db, p.id, reviewing(&[a.id, b.id], &[a.id])).unwrap();

    let gone = action::delete(&db, b.id).unwrap();
    assert_eq!(
        linked(&meeting::get(&db, m.id).unwrap().carried),
        vec![(a.id, true, true)]
    );
    // A shared item comes back under a new id (its tombstone may have
    // reached the partner); the link follows it.
    let back: ActionId = trash::restore(&db, gone.id)
        .unwrap()
        .item_id
        .parse()
        .unwrap();
    let restored = meeting::get(&db, m.id).unwrap();
    assert_eq!(
        linked(&restored.carried),
        vec![(back, false, false), (a.id, true, true)]
    );
    assert_eq!(restored.carried[0].action.text, b.text);

    let gone = meeting::delete(&db, m.id).unwrap();
    assert_eq!(count(&db, "meeting_action"), 0);
    let back: trellis_core::id::MeetingId = trash::restore(&db, gone.id)
        .unwrap()
        .item_id
        .parse()
        .unwrap();
    assert_eq!(meeting::get(&db, back).unwrap().carried, restored.carried);
}
