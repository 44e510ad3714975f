//! The present first (issue 17): carried-forward action items older than
//! sixty days fold away under "Older items", to close, drop or snooze in
//! bulk; a snoozed item leaves the list and is not late until its day.

use chrono::{DateTime, Days, Utc};
use trellis_core::action::{self, OLDER_AFTER_DAYS};
use trellis_core::id::ActionId;
use trellis_core::pair::Role;
use trellis_core::{meeting, status, trash, Db, ErrorKind};

use super::util::*;

fn later(days: u64) -> DateTime<Utc> {
    trellis_core::time::now() + Days::new(days)
}

fn ids(items: &[action::ActionItem]) -> Vec<ActionId> {
    items.iter().map(|a| a.id).collect()
}

fn three_items(db: &Db) -> (trellis_core::pair::Pair, Vec<ActionId>) {
    let p = add_pair(db, "Ada");
    let made: Vec<ActionId> = ["one", "two", "three"]
        .into_iter()
        .map(|t| {
            action::add(db, p.id, None, action(t, Role::Mentee, None))
                .unwrap()
                .id
        })
        .collect();
    (p, made)
}

#[test]
fn items_older_than_sixty_days_fold_away_and_leave_the_agenda() {
    let db = db();
    let (p, made) = three_items(&db);
    let fresh = meeting::next_at(&db, p.id, later(10)).unwrap();
    assert_eq!(ids(&fresh.open_actions), made);
    assert!(fresh.older_actions.is_empty());
    assert!(fresh.agenda.contains("- [ ] two"));
    assert_eq!(fresh.older_after_days, OLDER_AFTER_DAYS as u32);

    let old = meeting::next_at(&db, p.id, later(OLDER_AFTER_DAYS as u64 + 2)).unwrap();
    assert!(old.open_actions.is_empty());
    assert_eq!(
        ids(&old.older_actions),
        made,
        "same order as the present list"
    );
    assert!(!old.agenda.contains("two"), "{}", old.agenda);
}

#[test]
fn a_snoozed_item_leaves_the_list_and_is_not_late_until_its_day_then_comes_back_fresh() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let yesterday = (today() - Days::new(1)).to_string();
    let late = action::add(
        &db,
        p.id,
        None,
        action("late", Role::Mentee, Some(&yesterday)),
    )
    .unwrap();
    let other = action::add(&db, p.id, None, action("other", Role::Mentor, None)).unwrap();
    let now = trellis_core::time::now();
    assert_eq!(status::for_pair(&db, p.id, now).unwrap().overdue_actions, 1);

    let until = today() + Days::new(90);
    let n = action::snooze_many_at(&db, p.id, &[late.id], until, now).unwrap();
    assert_eq!(n, 1);
    let next = meeting::next_at(&db, p.id, now).unwrap();
    assert_eq!(ids(&next.open_actions), [other.id]);
    assert_eq!(next.snoozed, 1);
    let s = status::for_pair(&db, p.id, now).unwrap();
    assert_eq!(
        (s.open_actions, s.overdue_actions),
        (2, 0),
        "open, but not late"
    );
    assert_eq!(s.mine.overdue, 0);
    assert!(action::get(&db, late.id).unwrap().done.eq(&false));

    // On its day it is back, in the present (its snooze made it fresh),
    // while the item never snoozed has grown old.
    let back = meeting::next_at(&db, p.id, later(90)).unwrap();
    assert_eq!(ids(&back.open_actions), [late.id]);
    assert_eq!(ids(&back.older_actions), [other.id]);
    assert_eq!(back.snoozed, 0);
    assert_eq!(
        status::for_pair(&db, p.id, later(90))
            .unwrap()
            .overdue_actions,
        1
    );
}

#[test]
fn older_items_close_or_go_to_the_trash_in_one_go() {
    let db = db();
    let (p, made) = three_items(&db);
    assert_eq!(action::close_many(&db, p.id, &made[..2]).unwrap(), 2);
    assert!(action::get(&db, made[0]).unwrap().done);
    assert!(action::get(&db, made[1]).unwrap().done_on.is_some());
    assert!(!action::get(&db, made[2]).unwrap().done);

    let dropped = action::drop_many(&db, p.id, &made[2..]).unwrap();
    assert_eq!(dropped.len(), 1);
    assert!(action::list(&db, p.id, true).unwrap().is_empty());
    trash::restore(&db, dropped[0].id).unwrap();
    let back = action::list(&db, p.id, true).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].text, "three", "back from the Trash");
}

#[test]
fn a_bulk_change_with_one_bad_item_changes_nothing() {
    let db = db();
    let (p, made) = three_items(&db);
    let (q, theirs) = three_items(&db);
    action::set_done(&db, made[2], true).unwrap();
    let foreign = [made[0], theirs[0]];
    refused(&db, ErrorKind::Invalid, || {
        action::close_many(&db, p.id, &foreign)
    });
    refused(&db, ErrorKind::Invalid, || {
        action::drop_many(&db, p.id, &foreign)
    });
    refused(&db, ErrorKind::Invalid, || {
        action::snooze_many(&db, p.id, &foreign, date("2999-01-01"))
    });
    refused(&db, ErrorKind::Invalid, || {
        action::close_many(&db, p.id, &[made[0], made[2]])
    });
    refused(&db, ErrorKind::Invalid, || {
        action::close_many(&db, p.id, &[made[0], made[0]])
    });
    refused(&db, ErrorKind::Invalid, || {
        action::close_many(&db, p.id, &[])
    });
    refused(&db, ErrorKind::NotFound, || {
        action::drop_many(&db, p.id, &[ActionId::new()])
    });
    let e = refused(&db, ErrorKind::Invalid, || {
        action::snooze_many(&db, p.id, &made[..1], today())
    });
    assert!(e.to_string().contains("a day after today"), "{e}");
    let _ = q;
}

#[test]
fn a_snooze_stays_on_this_machine() {
    // The partner's list is theirs: a snooze writes no sync clock, so no
    // update file carries it.
    let db = db();
    let (p, made) = three_items(&db);
    let clocks = |db: &Db| {
        db.read(|c| {
            let mut st = c.prepare(
                "SELECT tbl, row_id, field, hlc FROM field_clock ORDER BY tbl, row_id, field",
            )?;
            let rows = st.query_map([], |r| {
                Ok(format!(
                    "{}:{}:{}:{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap()
    };
    let before = clocks(&db);
    assert!(before.iter().any(|c| c.contains(&made[0].to_string())));
    action::snooze_many(&db, p.id, &made, date("2999-01-01")).unwrap();
    assert_eq!(clocks(&db), before);
}

/// The schema version made by the migrations up to 0011_sync_folder.
const BEFORE_SNOOZE: usize = 11;

#[test]
fn open_items_survive_the_upgrade_that_adds_snoozing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let made = {
        // The version before 0013_action_snooze (later migrations come after it).
        let old = Db::open_at_version(&path, BEFORE_SNOOZE).unwrap();
        let columns: String = old
            .read(|c| {
                Ok(c.query_row(
                    "SELECT group_concat(name) FROM pragma_table_info('action_item')",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert!(!columns.contains("snoozed_until"), "{columns}");
        three_items(&old).1
    };
    let db = Db::open(&path).unwrap();
    let p = action::get(&db, made[0]).unwrap().pair_id;
    let next = meeting::next(&db, p).unwrap();
    assert_eq!(ids(&next.open_actions), made);
    assert_eq!(next.snoozed, 0);
    action::snooze_many(&db, p, &made[..1], date("2999-01-01")).unwrap();
    assert_eq!(meeting::next(&db, p).unwrap().snoozed, 1);
}
