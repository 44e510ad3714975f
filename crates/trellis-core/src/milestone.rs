//! Milestones: a goal's checklist.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::Serialize;

use crate::id::{GoalId, MilestoneId};
use crate::{goal, pair, text, time, Db, Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Milestone {
    pub id: MilestoneId,
    pub goal_id: GoalId,
    #[ts(type = "number")]
    pub position: i64,
    pub text: String,
    pub done: bool,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
}

const COLUMNS: &str = "id, goal_id, position, text, done, done_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        position: r.get(2)?,
        text: r.get(3)?,
        done: r.get(4)?,
        done_on: r.get(5)?,
    })
}

pub(crate) fn insert(
    c: &Connection,
    goal_id: GoalId,
    position: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<MilestoneId> {
    let id = MilestoneId::new();
    c.prepare_cached(
        "INSERT INTO milestone (id, goal_id, position, text, done, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5)",
    )?
    .execute(params![id, goal_id, position, text, time::stamp(now)])?;
    Ok(id)
}

pub(crate) fn load_for_goal(c: &Connection, goal_id: GoalId) -> Result<Vec<Milestone>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM milestone WHERE goal_id = ?1 ORDER BY position, id"
    ))?;
    let rows = st.query_map([goal_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The milestones of all of a pair's goals, each goal's in its order.
pub(crate) fn load_for_pair(c: &Connection, pair_id: crate::id::PairId) -> Result<Vec<Milestone>> {
    let mut st = c.prepare_cached(
        "SELECT m.id, m.goal_id, m.position, m.text, m.done, m.done_on
         FROM milestone m JOIN goal g ON g.id = m.goal_id
         WHERE g.pair_id = ?1 ORDER BY m.goal_id, m.position, m.id",
    )?;
    let rows = st.query_map([pair_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The milestones of the goals whose ids `ids_json` lists (a JSON array),
/// each goal's in its order.
pub(crate) fn load_for_goals(c: &Connection, ids_json: &str) -> Result<Vec<Milestone>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM milestone WHERE goal_id IN (SELECT value FROM json_each(?1))
         ORDER BY goal_id, position, id"
    ))?;
    let rows = st.query_map([ids_json], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load(c: &Connection, id: MilestoneId) -> Result<Milestone> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM milestone WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("milestone", id))
}

pub fn get(db: &Db, id: MilestoneId) -> Result<Milestone> {
    db.read(|c| load(c, id))
}

pub fn add(db: &Db, goal_id: GoalId, text: &str) -> Result<Milestone> {
    let t = text::required("milestone", text, text::MAX_LINE)?;
    let id = db.write(|tx| {
        goal::load(tx, goal_id)?;
        let next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM milestone WHERE goal_id = ?1",
            [goal_id],
            |r| r.get(0),
        )?;
        insert(tx, goal_id, next, &t, crate::time::now())
    })?;
    get(db, id)
}

pub fn edit(db: &Db, id: MilestoneId, text: &str) -> Result<Milestone> {
    let t = text::required("milestone", text, text::MAX_LINE)?;
    db.write(|tx| {
        load(tx, id)?;
        tx.execute(
            "UPDATE milestone SET text = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, t, time::stamp(crate::time::now())],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Tick or untick a milestone.
pub fn set_done(db: &Db, id: MilestoneId, done: bool) -> Result<Milestone> {
    let now = crate::time::now();
    db.write(|tx| {
        let m = load(tx, id)?;
        let g = goal::load(tx, m.goal_id)?;
        let p = pair::load(tx, g.pair_id)?;
        let on = done
            .then(|| time::parse_tz("my time zone", &p.my_tz).map(|z| time::today_in(z, now)))
            .transpose()?;
        tx.execute(
            "UPDATE milestone SET done = ?2, done_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, done, on, time::stamp(now)],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn delete(db: &Db, id: MilestoneId) -> Result<()> {
    db.write(|tx| {
        load(tx, id)?;
        tx.execute("DELETE FROM milestone WHERE id = ?1", [id])?;
        Ok(())
    })
}
