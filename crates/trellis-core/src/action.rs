//! Action items: what someone agreed to do, with an owner and a due date.
//! Open ones carry forward into the next meeting's agenda.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::id::{ActionId, MeetingId, PairId};
use crate::pair::{self, Role};
use crate::trash::{self, TrashItem, TrashKind};
use crate::{text, time, Db, Error, Reason, Result};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionItem {
    pub id: ActionId,
    pub pair_id: PairId,
    pub meeting_id: Option<MeetingId>,
    pub text: String,
    pub owner: Role,
    #[ts(type = "string | null")]
    pub due_date: Option<NaiveDate>,
    pub done: bool,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct NewAction {
    pub text: String,
    pub owner: Role,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
}

/// Only the fields given change: an absent `due_date` stays, `null` clears it.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ActionPatch {
    pub text: Option<String>,
    pub owner: Option<Role>,
    #[serde(default, deserialize_with = "time::wire::double_option")]
    pub due_date: Option<Option<NaiveDate>>,
}

const COLUMNS: &str = "id, pair_id, meeting_id, text, owner, due_date, done, done_on, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ActionItem> {
    Ok(ActionItem {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        meeting_id: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        due_date: r.get(5)?,
        done: r.get(6)?,
        done_on: r.get(7)?,
        created_at: r.get(8)?,
    })
}

/// Checked input, ready to insert.
pub(crate) struct ValidAction {
    text: String,
    owner: Role,
    due: Option<NaiveDate>,
}

pub(crate) fn validate(new: &NewAction) -> Result<ValidAction> {
    Ok(ValidAction {
        text: text::required("action item", &new.text, text::MAX_LINE)?,
        owner: new.owner,
        due: new.due_date,
    })
}

pub(crate) fn insert(
    c: &Connection,
    pair_id: PairId,
    meeting_id: Option<MeetingId>,
    a: &ValidAction,
    now: DateTime<Utc>,
) -> Result<ActionId> {
    let id = ActionId::new();
    c.prepare_cached(
        "INSERT INTO action_item (id, pair_id, meeting_id, text, owner, due_date, done, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)",
    )?
    .execute(params![id, pair_id, meeting_id, a.text, a.owner.as_str(), a.due, time::stamp(now)])?;
    Ok(id)
}

fn load(c: &Connection, id: ActionId) -> Result<ActionItem> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM action_item WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("action item", id))
}

/// Open action items of a pair, the soonest due first (undated last).
pub(crate) fn load_open(c: &Connection, pair_id: PairId) -> Result<Vec<ActionItem>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE pair_id = ?1 AND done = 0
         ORDER BY due_date IS NULL, due_date, created_at"
    ))?;
    let rows = st.query_map([pair_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn load_for_pair(c: &Connection, pair_id: PairId) -> Result<Vec<ActionItem>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE pair_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = st.query_map([pair_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn load_for_meeting(c: &Connection, meeting_id: MeetingId) -> Result<Vec<ActionItem>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE meeting_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = st.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The carried-forward items reviewed at each of the meetings whose ids
/// `meeting_ids` lists (a JSON array): (meeting, closed there, the item),
/// each meeting's soonest due first as the carried-forward list had them.
pub(crate) fn load_reviewed(
    c: &Connection,
    meeting_ids: &str,
) -> Result<Vec<(MeetingId, bool, ActionItem)>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS}, m.reviewed_at, m.closed FROM action_item
         JOIN (SELECT meeting_id AS reviewed_at, action_id, closed_here AS closed FROM meeting_action
               WHERE meeting_id IN (SELECT value FROM json_each(?1))) m
           ON m.action_id = action_item.id
         ORDER BY due_date IS NULL, due_date, created_at, id"
    ))?;
    let rows = st.query_map([meeting_ids], |r| Ok((r.get(9)?, r.get(10)?, from_row(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The action items of a page of a pair's meetings (as `meeting::list`
/// pages them), each meeting's in order.
pub(crate) fn load_for_page(
    c: &Connection,
    pair_id: PairId,
    offset: u32,
    limit: u32,
) -> Result<Vec<ActionItem>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item
         WHERE meeting_id IN (SELECT id FROM meeting WHERE pair_id = ?1
                              ORDER BY starts_at DESC, id DESC LIMIT ?2 OFFSET ?3)
         ORDER BY created_at, id"
    ))?;
    let rows = st.query_map(params![pair_id, limit, offset], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn get(db: &Db, id: ActionId) -> Result<ActionItem> {
    db.read(|c| load(c, id))
}

/// Every action item of a pair, or only the open ones.
pub fn list(db: &Db, pair_id: PairId, open_only: bool) -> Result<Vec<ActionItem>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        if open_only {
            load_open(c, pair_id)
        } else {
            load_for_pair(c, pair_id)
        }
    })
}

/// Add an action item to a pair, optionally as agreed in a meeting.
pub fn add(
    db: &Db,
    pair_id: PairId,
    meeting_id: Option<MeetingId>,
    new: NewAction,
) -> Result<ActionItem> {
    let a = validate(&new)?;
    let id = db.write(|tx| {
        pair::load(tx, pair_id)?;
        if let Some(m) = meeting_id {
            if crate::meeting::pair_of(tx, m)? != pair_id {
                return Err(Error::invalid("meeting", Reason::BelongsToAnotherPair));
            }
        }
        insert(tx, pair_id, meeting_id, &a, crate::time::now())
    })?;
    crate::calendar::follow(db, pair_id);
    get(db, id)
}

pub fn edit(db: &Db, id: ActionId, patch: ActionPatch) -> Result<ActionItem> {
    let t = patch
        .text
        .as_deref()
        .map(|t| text::required("action item", t, text::MAX_LINE))
        .transpose()?;
    let d = patch.due_date;
    db.write(|tx| {
        let a = load(tx, id)?;
        tx.execute(
            "UPDATE action_item SET text = ?2, owner = ?3, due_date = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id,
                t.unwrap_or(a.text),
                patch.owner.unwrap_or(a.owner).as_str(),
                d.unwrap_or(a.due_date),
                time::stamp(crate::time::now())
            ],
        )?;
        Ok(())
    })?;
    let a = get(db, id)?;
    crate::calendar::follow(db, a.pair_id);
    Ok(a)
}

/// Tick or untick an action item.
pub fn set_done(db: &Db, id: ActionId, done: bool) -> Result<ActionItem> {
    let now = crate::time::now();
    db.write(|tx| {
        let a = load(tx, id)?;
        let p = pair::load(tx, a.pair_id)?;
        let on = done
            .then(|| time::parse_tz("my time zone", &p.my_tz).map(|z| time::today_in(z, now)))
            .transpose()?;
        tx.execute(
            "UPDATE action_item SET done = ?2, done_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, done, on, time::stamp(now)],
        )?;
        Ok(())
    })?;
    let a = get(db, id)?;
    crate::calendar::follow(db, a.pair_id);
    Ok(a)
}

/// How long an open action item stays in the present: older ones (counted
/// from when it was made, or from when its snooze ended) fold away under
/// "Older items" in the next meeting's list.
pub const OLDER_AFTER_DAYS: i64 = 60;

/// Whether an open item made at `created` (and snoozed until `snoozed`, if
/// ever) is older than [`OLDER_AFTER_DAYS`] on `today`.
pub(crate) fn is_older(
    created: DateTime<Utc>,
    snoozed: Option<NaiveDate>,
    zone: chrono_tz::Tz,
    today: NaiveDate,
) -> bool {
    let fresh_from = time::today_in(zone, created).max(snoozed.unwrap_or(NaiveDate::MIN));
    (today - fresh_from).num_days() > OLDER_AFTER_DAYS
}

/// Checks that every id names an open action item of `pair_id`, once each.
fn open_items_of(c: &Connection, pair_id: PairId, ids: &[ActionId]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::invalid("action items", Reason::NoneChosen));
    }
    check_open(c, pair_id, ids, "action items")
}

/// [`open_items_of`], any number of ids (none is fine), errors naming `field`.
pub(crate) fn check_open(
    c: &Connection,
    pair_id: PairId,
    ids: &[ActionId],
    field: &'static str,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            return Err(Error::invalid(
                field,
                Reason::ListedTwice { id: id.to_string() },
            ));
        }
        let a = load(c, *id)?;
        if a.pair_id != pair_id {
            return Err(Error::invalid(
                field,
                Reason::NotOfThisPair { id: id.to_string() },
            ));
        }
        if a.done {
            return Err(Error::invalid(
                field,
                Reason::AlreadyDone { id: id.to_string() },
            ));
        }
    }
    Ok(())
}

/// Tick several open action items of a pair at once (all or none).
pub fn close_many(db: &Db, pair_id: PairId, ids: &[ActionId]) -> Result<u32> {
    let now = crate::time::now();
    let closed = db.write(|tx| {
        let p = pair::load(tx, pair_id)?;
        open_items_of(tx, pair_id, ids)?;
        let today = time::today_in(time::parse_tz("my time zone", &p.my_tz)?, now);
        let mut st = tx.prepare_cached(
            "UPDATE action_item SET done = 1, done_on = ?2, updated_at = ?3 WHERE id = ?1",
        )?;
        for id in ids {
            st.execute(params![id, today, time::stamp(now)])?;
        }
        Ok(ids.len() as u32)
    })?;
    crate::calendar::follow(db, pair_id);
    Ok(closed)
}

/// Move several open action items of a pair to the Trash at once (all or
/// none); each can be restored from there.
pub fn drop_many(db: &Db, pair_id: PairId, ids: &[ActionId]) -> Result<Vec<TrashItem>> {
    let dropped = db.write(|tx| {
        pair::load(tx, pair_id)?;
        open_items_of(tx, pair_id, ids)?;
        ids.iter()
            .map(|id| trash::put(tx, TrashKind::Action, &id.to_string()))
            .collect()
    })?;
    crate::calendar::follow(db, pair_id);
    Ok(dropped)
}

/// Set several open action items of a pair aside until a day after today
/// (all or none): until then they leave the next meeting's list and do not
/// count as overdue. Stays on this machine (the partner's list is theirs).
pub fn snooze_many(db: &Db, pair_id: PairId, ids: &[ActionId], until: NaiveDate) -> Result<u32> {
    snooze_many_at(db, pair_id, ids, until, time::now())
}

/// [`snooze_many`] as of `now`.
pub fn snooze_many_at(
    db: &Db,
    pair_id: PairId,
    ids: &[ActionId],
    until: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u32> {
    db.write(|tx| {
        let p = pair::load(tx, pair_id)?;
        let today = time::today_in(time::parse_tz("my time zone", &p.my_tz)?, now);
        if until <= today {
            return Err(Error::invalid("snooze until", Reason::NotAfterToday));
        }
        open_items_of(tx, pair_id, ids)?;
        let mut st =
            tx.prepare_cached("UPDATE action_item SET snoozed_until = ?2 WHERE id = ?1")?;
        for id in ids {
            st.execute(params![id, until])?;
        }
        Ok(ids.len() as u32)
    })
}

/// Move an action item to the Trash (see [`crate::trash`]).
pub fn delete(db: &Db, id: ActionId) -> Result<TrashItem> {
    let (pair_id, item) = db.write(|tx| {
        let a = load(tx, id)?;
        Ok((
            a.pair_id,
            trash::put(tx, TrashKind::Action, &id.to_string())?,
        ))
    })?;
    crate::calendar::follow(db, pair_id);
    Ok(item)
}
