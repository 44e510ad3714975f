//! Goals: what a pair works toward, with milestones and the criteria they serve.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::id::{CriterionId, GoalId, PairId};
use crate::milestone::{self, Milestone};
use crate::{pair, text, time, Db, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalStatus {
    Proposed,
    Active,
    Achieved,
    Dropped,
}

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Proposed => "proposed",
            GoalStatus::Active => "active",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "proposed" => Ok(GoalStatus::Proposed),
            "active" => Ok(GoalStatus::Active),
            "achieved" => Ok(GoalStatus::Achieved),
            "dropped" => Ok(GoalStatus::Dropped),
            _ => Err(Error::invalid(
                "status",
                format!("'{s}' is not a goal status; use proposed, active, achieved or dropped"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Goal {
    pub id: GoalId,
    pub pair_id: PairId,
    pub title: String,
    pub why: String,
    pub status: GoalStatus,
    #[ts(type = "string | null")]
    pub target_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub achieved_on: Option<NaiveDate>,
    pub milestones: Vec<Milestone>,
    pub criterion_ids: Vec<CriterionId>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct NewGoal {
    pub title: String,
    #[serde(default)]
    pub why: String,
    pub status: Option<GoalStatus>,
    pub target_date: Option<String>,
    #[serde(default)]
    pub milestones: Vec<String>,
    #[serde(default)]
    pub criterion_ids: Vec<CriterionId>,
}

/// Only the fields given change. An empty `target_date` clears it.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct GoalPatch {
    pub title: Option<String>,
    pub why: Option<String>,
    pub target_date: Option<String>,
    pub criterion_ids: Option<Vec<CriterionId>>,
}

const COLUMNS: &str =
    "id, pair_id, title, why, status, target_date, achieved_on, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
    let status: String = r.get(4)?;
    Ok(Goal {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        title: r.get(2)?,
        why: r.get(3)?,
        status: GoalStatus::parse(&status).unwrap_or(GoalStatus::Proposed),
        target_date: r.get(5)?,
        achieved_on: r.get(6)?,
        milestones: Vec::new(),
        criterion_ids: Vec::new(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

fn target_date(s: Option<&str>) -> Result<Option<NaiveDate>> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => time::parse_date("target date", d).map(Some),
    }
}

fn check_criteria(c: &Connection, pair_id: PairId, ids: &[CriterionId]) -> Result<()> {
    let mut st = c.prepare_cached("SELECT pair_id FROM criterion WHERE id = ?1")?;
    for id in ids {
        let owner: Option<PairId> =
            st.query_row([id], |r| r.get(0))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
        if owner != Some(pair_id) {
            return Err(Error::invalid(
                "criteria",
                format!("criterion {id} is not one of this pair's"),
            ));
        }
    }
    Ok(())
}

fn link_criteria(c: &Connection, goal: GoalId, ids: &[CriterionId]) -> Result<()> {
    c.execute("DELETE FROM goal_criterion WHERE goal_id = ?1", [goal])?;
    let mut st = c.prepare_cached(
        "INSERT OR IGNORE INTO goal_criterion (goal_id, criterion_id) VALUES (?1, ?2)",
    )?;
    for id in ids {
        st.execute(params![goal, id])?;
    }
    Ok(())
}

fn hydrate(c: &Connection, mut g: Goal) -> Result<Goal> {
    g.milestones = milestone::load_for_goal(c, g.id)?;
    let mut st = c.prepare_cached(
        "SELECT gc.criterion_id FROM goal_criterion gc JOIN criterion c ON c.id = gc.criterion_id
         WHERE gc.goal_id = ?1 ORDER BY c.position",
    )?;
    let rows = st.query_map([g.id], |r| r.get(0))?;
    g.criterion_ids = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(g)
}

pub(crate) fn load(c: &Connection, id: GoalId) -> Result<Goal> {
    let g = c
        .prepare_cached(&format!("SELECT {COLUMNS} FROM goal WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("goal", id))?;
    hydrate(c, g)
}

pub(crate) fn load_for_pair(c: &Connection, pair_id: PairId) -> Result<Vec<Goal>> {
    let mut goals = {
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM goal WHERE pair_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = st.query_map([pair_id], from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    // Milestones and criterion links of all the pair's goals in one query
    // each, not two per goal: a pair's goals add up over the years.
    let at: std::collections::HashMap<GoalId, usize> =
        goals.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    for m in milestone::load_for_pair(c, pair_id)? {
        if let Some(&i) = at.get(&m.goal_id) {
            goals[i].milestones.push(m);
        }
    }
    let mut st = c.prepare_cached(
        "SELECT gc.goal_id, gc.criterion_id FROM goal_criterion gc
         JOIN goal g ON g.id = gc.goal_id JOIN criterion c ON c.id = gc.criterion_id
         WHERE g.pair_id = ?1 ORDER BY c.position",
    )?;
    let rows = st.query_map([pair_id], |r| {
        Ok((r.get::<_, GoalId>(0)?, r.get::<_, CriterionId>(1)?))
    })?;
    for row in rows {
        let (goal, criterion) = row?;
        if let Some(&i) = at.get(&goal) {
            goals[i].criterion_ids.push(criterion);
        }
    }
    Ok(goals)
}

pub fn get(db: &Db, id: GoalId) -> Result<Goal> {
    db.read(|c| load(c, id))
}

pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<Goal>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        load_for_pair(c, pair_id)
    })
}

pub fn add(db: &Db, pair_id: PairId, new: NewGoal) -> Result<Goal> {
    let title = text::required("title", &new.title, text::MAX_LINE)?;
    let why = text::optional("why", &new.why, text::MAX_BODY)?;
    let target = target_date(new.target_date.as_deref())?;
    let milestones = new
        .milestones
        .iter()
        .map(|m| text::required("milestone", m, text::MAX_LINE))
        .collect::<Result<Vec<_>>>()?;
    let status = new.status.unwrap_or(GoalStatus::Active);
    let now = Utc::now();
    let id = GoalId::new();
    db.write(|tx| {
        let p = pair::load(tx, pair_id)?;
        check_criteria(tx, pair_id, &new.criterion_ids)?;
        let achieved_on = (status == GoalStatus::Achieved)
            .then(|| time::parse_tz("my time zone", &p.my_tz).map(|z| time::today_in(z, now)))
            .transpose()?;
        tx.execute(
            &format!("INSERT INTO goal ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"),
            params![
                id,
                pair_id,
                title,
                why,
                status.as_str(),
                target,
                achieved_on,
                time::stamp(now)
            ],
        )?;
        for (i, m) in milestones.iter().enumerate() {
            milestone::insert(tx, id, i as i64, m, now)?;
        }
        link_criteria(tx, id, &new.criterion_ids)?;
        Ok(())
    })?;
    get(db, id)
}

pub fn edit(db: &Db, id: GoalId, patch: GoalPatch) -> Result<Goal> {
    let title = patch
        .title
        .as_deref()
        .map(|t| text::required("title", t, text::MAX_LINE))
        .transpose()?;
    let why = patch
        .why
        .as_deref()
        .map(|t| text::optional("why", t, text::MAX_BODY))
        .transpose()?;
    let target = patch
        .target_date
        .as_deref()
        .map(|d| target_date(Some(d)))
        .transpose()?;
    db.write(|tx| {
        let g = load(tx, id)?;
        if let Some(ids) = &patch.criterion_ids {
            check_criteria(tx, g.pair_id, ids)?;
            link_criteria(tx, id, ids)?;
        }
        tx.execute(
            "UPDATE goal SET title = ?2, why = ?3, target_date = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id,
                title.unwrap_or(g.title),
                why.unwrap_or(g.why),
                target.unwrap_or(g.target_date),
                time::stamp(Utc::now())
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn set_status(db: &Db, id: GoalId, status: GoalStatus) -> Result<Goal> {
    let now = Utc::now();
    db.write(|tx| {
        let g = load(tx, id)?;
        let p = pair::load(tx, g.pair_id)?;
        let achieved_on = match status {
            GoalStatus::Achieved => Some(g.achieved_on.unwrap_or(time::today_in(
                time::parse_tz("my time zone", &p.my_tz)?,
                now,
            ))),
            _ => None,
        };
        tx.execute(
            "UPDATE goal SET status = ?2, achieved_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, status.as_str(), achieved_on, time::stamp(now)],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Delete a goal with its milestones. Meetings that discussed it keep their
/// record; notes attached to it stay, unattached.
pub fn delete(db: &Db, id: GoalId) -> Result<()> {
    db.write(|tx| {
        load(tx, id)?;
        tx.execute("DELETE FROM goal WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// One page of a pair's goals, the newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalPage {
    pub items: Vec<Goal>,
    pub offset: u32,
    /// True when older goals follow this page.
    pub has_more: bool,
}

/// A page of a pair's goals, the newest first, each with its milestones and
/// criteria: what a screen shows, at a cost that does not grow with the
/// pair's history as [`list`]'s does. `limit` is clamped to 1–500.
pub fn page(db: &Db, pair_id: PairId, offset: u32, limit: u32) -> Result<GoalPage> {
    let limit = limit.clamp(1, 500);
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut goals = {
            let mut st = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM goal WHERE pair_id = ?1
                 ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3"
            ))?;
            let rows = st.query_map(params![pair_id, limit + 1, offset], from_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let has_more = goals.len() > limit as usize;
        goals.truncate(limit as usize);
        let at: std::collections::HashMap<GoalId, usize> =
            goals.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        // The page's ids, as one JSON parameter: two queries for the page.
        let ids =
            serde_json::Value::from(goals.iter().map(|g| g.id.to_string()).collect::<Vec<_>>())
                .to_string();
        for m in milestone::load_for_goals(c, &ids)? {
            if let Some(&i) = at.get(&m.goal_id) {
                goals[i].milestones.push(m);
            }
        }
        let mut st = c.prepare_cached(
            "SELECT gc.goal_id, gc.criterion_id FROM goal_criterion gc
             JOIN criterion c ON c.id = gc.criterion_id
             WHERE gc.goal_id IN (SELECT value FROM json_each(?1)) ORDER BY c.position",
        )?;
        let rows = st.query_map([&ids], |r| {
            Ok((r.get::<_, GoalId>(0)?, r.get::<_, CriterionId>(1)?))
        })?;
        for row in rows {
            let (goal, criterion) = row?;
            if let Some(&i) = at.get(&goal) {
                goals[i].criterion_ids.push(criterion);
            }
        }
        Ok(GoalPage {
            items: goals,
            offset,
            has_more,
        })
    })
}
