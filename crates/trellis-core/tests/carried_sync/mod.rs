//! Carried-forward links travel (issue 17): which open action items a
//! meeting reviewed, and whether each was closed there, reach the partner
//! in the pair's update file (format 2.2, table `meeting_action`); a file
//! that links a meeting or an item of another pair is refused whole.

use serde_json::json;
use trellis_core::action::{self, ActionItem};
use trellis_core::id::{ActionId, MeetingId, PairId};
use trellis_core::meeting::{self, CarriedItem, NewMeeting};
use trellis_core::pair::Role;
use trellis_core::{sync, trash, Db, ErrorCode, ErrorKind};

use super::sync::{body_of, forge, join, two};
use super::util::*;

fn open_item(db: &Db, pair: PairId, text: &str, due: Option<&str>) -> ActionItem {
    action::add(db, pair, None, action(text, Role::Mentee, due)).unwrap()
}

fn reviewing(carried: &[ActionId], closed: &[ActionId]) -> NewMeeting {
    NewMeeting {
        carried: carried.to_vec(),
        closed: closed.to_vec(),
        ..meeting_at("2026-03-02 10:00")
    }
}

/// (item, closed at the meeting, the item done) of each reviewed item.
fn carried(db: &Db, m: MeetingId) -> Vec<(ActionId, bool, bool)> {
    let items: Vec<CarriedItem> = meeting::get(db, m).unwrap().carried;
    items
        .iter()
        .map(|c| (c.action.id, c.closed_here, c.action.done))
        .collect()
}

fn count(db: &Db, table: &str) -> i64 {
    db.read(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn the_partner_sees_which_items_were_carried_into_which_meeting() {
    let t = two();
    let a = open_item(&t.a, t.pair, "rebase the patch", None);
    let b = open_item(&t.a, t.pair, "send the outline", Some("2030-01-01"));
    let m = meeting::log(&t.a, t.pair, reviewing(&[a.id, b.id], &[a.id])).unwrap();
    let expected = vec![(b.id, false, false), (a.id, true, true)];
    assert_eq!(carried(&t.a, m.id), expected);

    t.a_to_b();
    assert_eq!(carried(&t.b, m.id), expected, "B sees the same links");
    assert_eq!(count(&t.b, "meeting_action"), 2);

    // Back and forth again: nothing doubles, nothing moves.
    t.settle();
    assert_eq!(carried(&t.a, m.id), expected);
    assert_eq!(carried(&t.b, m.id), expected);
    assert_eq!(count(&t.a, "meeting_action"), 2);
    assert_eq!(count(&t.b, "meeting_action"), 2);
}

#[test]
fn a_link_the_partner_logs_reaches_me_and_one_gone_with_its_item_leaves() {
    let t = two();
    let a = open_item(&t.a, t.pair, "rebase the patch", None);
    let b = open_item(&t.a, t.pair, "send the outline", None);
    t.a_to_b();
    // B logs the meeting this time.
    let m = meeting::log(&t.b, t.pair, reviewing(&[a.id, b.id], &[])).unwrap();
    t.b_to_a();
    assert_eq!(carried(&t.a, m.id), carried(&t.b, m.id));
    assert_eq!(carried(&t.a, m.id).len(), 2);

    // A deletes one item and restores it: it comes back under a new id
    // (the old id's tombstone travels), and the link follows it on both sides.
    let gone = action::delete(&t.a, b.id).unwrap();
    let back: ActionId = trash::restore(&t.a, gone.id)
        .unwrap()
        .item_id
        .parse()
        .unwrap();
    t.a_to_b();
    let mut ids: Vec<ActionId> = carried(&t.b, m.id).iter().map(|c| c.0).collect();
    ids.sort();
    let mut want = vec![a.id, back];
    want.sort();
    assert_eq!(ids, want);
    assert_eq!(carried(&t.a, m.id), carried(&t.b, m.id));
}

#[test]
fn an_update_with_links_whose_bytes_were_changed_is_refused_with_nothing_written() {
    let t = two();
    let a = open_item(&t.a, t.pair, "rebase the patch", None);
    meeting::log(&t.a, t.pair, reviewing(&[a.id], &[a.id])).unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    for i in [f.len() / 2, f.len() - 1] {
        let mut bad = f.clone();
        bad[i] ^= 0x01;
        let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &bad));
        assert_eq!(e.code(), ErrorCode::FileAltered, "byte {i}: {e}");
    }
    assert_eq!(count(&t.b, "meeting_action"), 0);
    // The file untouched is taken: the refusals were for the changed bytes.
    sync::import(&t.b, &f).unwrap();
    assert_eq!(count(&t.b, "meeting_action"), 1);
}

/// The victim V with two pairs shared with the same partner M, who knows
/// the ids of both: pair 1 with a meeting and an item, pair 2 with the same.
struct TwoPairs {
    v: Db,
    m: Db,
    p1: PairId,
    meeting1: MeetingId,
    item1: ActionId,
    meeting2: MeetingId,
    item2: ActionId,
}

fn two_pairs() -> TwoPairs {
    let v = db();
    let m = db();
    let p1 = add_pair(&v, "Morgan Mentor").id;
    let p2 = add_pair(&v, "Morgan Mentor").id;
    join(&v, &m, p1);
    join(&v, &m, p2);
    let item1 = open_item(&v, p1, "pair one's item", None).id;
    let meeting1 = meeting::log(&v, p1, meeting_at("2026-03-02 10:00"))
        .unwrap()
        .id;
    let item2 = open_item(&v, p2, "pair two's item", None).id;
    let meeting2 = meeting::log(&v, p2, meeting_at("2026-03-03 10:00"))
        .unwrap()
        .id;
    for p in [p1, p2] {
        sync::import(&m, &sync::export(&v, p).unwrap()).unwrap();
    }
    TwoPairs {
        v,
        m,
        p1,
        meeting1,
        item1,
        meeting2,
        item2,
    }
}

/// M's update of pair 1 with one more link record, `meeting/item`, sealed
/// with M's keys as M's own Trellis would.
fn with_link(t: &TwoPairs, meeting: MeetingId, item: ActionId) -> Vec<u8> {
    let f = sync::export(&t.m, t.p1).unwrap();
    let mut body = body_of(&t.v, t.p1, &f);
    let clock = body["clock"].clone();
    let replica = body["from"]["replica"].clone();
    body["records"].as_array_mut().unwrap().push(json!({
        "table": "meeting_action",
        "id": format!("{meeting}/{item}"),
        "fields": {
            "present": [1, clock, replica],
            "closed_here": [0, clock, replica],
        },
    }));
    forge(&t.m, t.p1, &body)
}

#[test]
fn a_link_to_an_item_or_a_meeting_of_another_pair_is_refused_with_nothing_written() {
    let t = two_pairs();
    for (meeting, item, what) in [
        (t.meeting1, t.item2, "an item of pair two"),
        (t.meeting2, t.item1, "a meeting of pair two"),
        (t.meeting2, t.item2, "both ends of pair two"),
    ] {
        let f = with_link(&t, meeting, item);
        let e = refused(&t.v, ErrorKind::Format, || sync::import(&t.v, &f));
        assert_eq!(e.code(), ErrorCode::FileOfAnotherPair, "{what}: {e}");
        assert!(e.to_string().contains("another pair"), "{what}: {e}");
    }
    assert_eq!(count(&t.v, "meeting_action"), 0);
    // The same link inside pair one is taken: the refusals were for the pair.
    sync::import(&t.v, &with_link(&t, t.meeting1, t.item1)).unwrap();
    assert_eq!(carried(&t.v, t.meeting1), vec![(t.item1, false, false)]);
}
