//! Goals: what a pair works toward, with milestones and the criteria they serve.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::id::{CriterionId, GoalId, PairId};
use crate::milestone::{self, Milestone};
use crate::trash::{self, TrashItem, TrashKind};
use crate::{pair, text, time, Db, Error, Reason, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalStatus {
    Proposed,
    Active,
    Achieved,
    Dropped,
}

crate::sql_enum::sql_enum!(GoalStatus {
    Proposed => "proposed",
    Active => "active",
    Achieved => "achieved",
    Dropped => "dropped",
});

impl GoalStatus {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "proposed" => Ok(GoalStatus::Proposed),
            "active" => Ok(GoalStatus::Active),
            "achieved" => Ok(GoalStatus::Achieved),
            "dropped" => Ok(GoalStatus::Dropped),
            _ => Err(Error::invalid(
                "status",
                Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: ["proposed", "active", "achieved", "dropped"]
                        .map(String::from)
                        .to_vec(),
                },
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
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<String>,
    #[serde(default)]
    pub criterion_ids: Vec<CriterionId>,
}

/// Only the fields given change: an absent `target_date` stays, `null` clears it.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct GoalPatch {
    pub title: Option<String>,
    pub why: Option<String>,
    #[serde(default, deserialize_with = "time::wire::double_option")]
    pub target_date: Option<Option<NaiveDate>>,
    pub criterion_ids: Option<Vec<CriterionId>>,
}

const COLUMNS: &str =
    "id, pair_id, title, why, status, target_date, achieved_on, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
    Ok(Goal {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        title: r.get(2)?,
        why: r.get(3)?,
        status: r.get(4)?,
        target_date: r.get(5)?,
        achieved_on: r.get(6)?,
        milestones: Vec::new(),
        criterion_ids: Vec::new(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
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
                Reason::NotOfThisPair { id: id.to_string() },
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
    let target = new.target_date;
    let milestones = new
        .milestones
        .iter()
        .map(|m| text::required("milestone", m, text::MAX_LINE))
        .collect::<Result<Vec<_>>>()?;
    let status = new.status.unwrap_or(GoalStatus::Active);
    let now = crate::time::now();
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
    let target = patch.target_date;
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
                time::stamp(crate::time::now())
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn set_status(db: &Db, id: GoalId, status: GoalStatus) -> Result<Goal> {
    let now = crate::time::now();
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

/// Move a goal with its milestones to the Trash (see [`crate::trash`]).
/// Meetings that discussed it keep their record; notes attached to it stay,
/// unattached (attached again if it is restored).
pub fn delete(db: &Db, id: GoalId) -> Result<TrashItem> {
    db.write(|tx| {
        load(tx, id)?;
        trash::put(tx, TrashKind::Goal, &id.to_string())
    })
}

/// One page of a pair's goals.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GoalPage {
    pub items: Vec<Goal>,
    pub offset: u32,
    /// True when more goals follow this page.
    pub has_more: bool,
}

/// A page of a pair's goals, the newest first, each with its milestones and
/// criteria: what a screen shows, at a cost that does not grow with the
/// pair's history as [`list`]'s does. `limit` is clamped to 1–500.
pub fn page(db: &Db, pair_id: PairId, offset: u32, limit: u32) -> Result<GoalPage> {
    page_in(db, pair_id, offset, limit, "created_at DESC, id DESC")
}

/// A page of a pair's goals in the order the Goals tab shows them: active,
/// proposed, achieved, then dropped, the newest first within each — what the
/// pair works on now comes first, the history after it, a page at a time.
pub fn page_by_status(db: &Db, pair_id: PairId, offset: u32, limit: u32) -> Result<GoalPage> {
    page_in(
        db,
        pair_id,
        offset,
        limit,
        "CASE status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1 WHEN 'achieved' THEN 2 ELSE 3 END,
         created_at DESC, id DESC",
    )
}

fn page_in(
    db: &Db,
    pair_id: PairId,
    offset: u32,
    limit: u32,
    order: &'static str,
) -> Result<GoalPage> {
    let limit = limit.clamp(1, 500);
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut goals = {
            let mut st = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM goal WHERE pair_id = ?1
                 ORDER BY {order} LIMIT ?2 OFFSET ?3"
            ))?;
            let rows = st.query_map(params![pair_id, limit + 1, offset], from_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let has_more = goals.len() > limit as usize;
        goals.truncate(limit as usize);
        hydrate_all(c, &mut goals)?;
        Ok(GoalPage {
            items: goals,
            offset,
            has_more,
        })
    })
}

/// Milestones and criteria of a handful of goals: two queries, whatever
/// their number.
fn hydrate_all(c: &Connection, goals: &mut [Goal]) -> Result<()> {
    let at: std::collections::HashMap<GoalId, usize> =
        goals.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    // The ids, as one JSON parameter.
    let ids = serde_json::Value::from(goals.iter().map(|g| g.id.to_string()).collect::<Vec<_>>())
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
    Ok(())
}

/// The pair's goals among `ids`, in the order given, with their milestones
/// and criteria: a screen refreshing the goals it shows beyond its first page.
/// Ids that are not (or no longer) this pair's goals are left out.
pub fn by_ids(db: &Db, pair_id: PairId, ids: &[GoalId]) -> Result<Vec<Goal>> {
    let json =
        serde_json::Value::from(ids.iter().map(|g| g.to_string()).collect::<Vec<_>>()).to_string();
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut goals = {
            let mut st = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM goal
                 WHERE pair_id = ?1 AND id IN (SELECT value FROM json_each(?2))"
            ))?;
            let rows = st.query_map(params![pair_id, json], from_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        goals.sort_by_key(|g| ids.iter().position(|id| *id == g.id));
        hydrate_all(c, &mut goals)?;
        Ok(goals)
    })
}

/// How many of a pair's goals are in each status: the figures a screen
/// shows beside a page of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GoalCounts {
    pub proposed: u32,
    pub active: u32,
    pub achieved: u32,
    pub dropped: u32,
}

/// Count a pair's goals by status, without reading their milestones.
pub fn counts(db: &Db, pair_id: PairId) -> Result<GoalCounts> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut st = c.prepare_cached(
            "SELECT status, COUNT(*) FROM goal WHERE pair_id = ?1 GROUP BY status",
        )?;
        let rows = st.query_map([pair_id], |r| {
            Ok((r.get::<_, GoalStatus>(0)?, r.get::<_, u32>(1)?))
        })?;
        let mut out = GoalCounts::default();
        for row in rows {
            let (status, n) = row?;
            match status {
                GoalStatus::Proposed => out.proposed += n,
                GoalStatus::Active => out.active += n,
                GoalStatus::Achieved => out.achieved += n,
                GoalStatus::Dropped => out.dropped += n,
            }
        }
        Ok(out)
    })
}

/// A goal as a list or a picker names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GoalLabel {
    pub id: GoalId,
    pub title: String,
    pub status: GoalStatus,
}

/// What a dialog needs to pick goals and a list needs to name them: the
/// pair's goals still in play (active, then proposed, newest first) and
/// also the goals in `ids`, whatever their status (those a shown note or
/// meeting refers to). Achieved and dropped goals are not offered: years of
/// them would make every dialog's list, and its cost, grow with history.
/// Ids of other pairs' goals, or of deleted goals, are left out.
pub fn labels(db: &Db, pair_id: PairId, ids: &[GoalId]) -> Result<Vec<GoalLabel>> {
    let ids =
        serde_json::Value::from(ids.iter().map(|g| g.to_string()).collect::<Vec<_>>()).to_string();
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut st = c.prepare_cached(
            "SELECT id, title, status FROM goal
             WHERE pair_id = ?1 AND (status IN ('active', 'proposed')
                                     OR id IN (SELECT value FROM json_each(?2)))
             ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1
                                  WHEN 'achieved' THEN 2 ELSE 3 END,
                      created_at DESC, id DESC",
        )?;
        let rows = st.query_map(params![pair_id, ids], |r| {
            Ok(GoalLabel {
                id: r.get(0)?,
                title: r.get(1)?,
                status: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::{NewPair, Role};

    fn pair(db: &Db) -> PairId {
        pair::add(
            db,
            NewPair {
                my_role: Some(Role::Mentor),
                partner_name: "Ada".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2025-01-06".parse().unwrap(),
                my_tz: "UTC".parse().unwrap(),
                partner_tz: "UTC".parse().unwrap(),
                cadence_days: 14,
                own_criteria: vec![],
            },
        )
        .unwrap()
        .id
    }

    /// Goals 0..n, in statuses that cycle through the four, each with a
    /// milestone.
    fn goals(db: &Db, pair: PairId, n: usize) -> Vec<Goal> {
        let statuses = [
            GoalStatus::Achieved,
            GoalStatus::Active,
            GoalStatus::Dropped,
            GoalStatus::Proposed,
        ];
        (0..n)
            .map(|i| {
                let g = add(
                    db,
                    pair,
                    NewGoal {
                        title: format!("goal {i}"),
                        milestones: vec![format!("step of {i}")],
                        ..Default::default()
                    },
                )
                .unwrap();
                // One second apart, so that "newest first" is not left to ids.
                db.write(|tx| {
                    tx.execute(
                        "UPDATE goal SET created_at = ?2 WHERE id = ?1",
                        params![g.id, format!("2025-01-07T10:00:{i:02}.000Z")],
                    )?;
                    Ok(())
                })
                .unwrap();
                set_status(db, g.id, statuses[i % 4]).unwrap()
            })
            .collect()
    }

    #[test]
    fn pages_by_status_put_the_goals_in_play_first_and_end_to_end_give_every_goal() {
        let db = Db::open_in_memory().unwrap();
        let p = pair(&db);
        goals(&db, p, 11);
        let mut got = Vec::new();
        let mut offset = 0;
        loop {
            let page = page_by_status(&db, p, offset, 3).unwrap();
            offset += page.items.len() as u32;
            got.extend(page.items);
            if !page.has_more {
                break;
            }
        }
        let rank = |s: GoalStatus| match s {
            GoalStatus::Active => 0,
            GoalStatus::Proposed => 1,
            GoalStatus::Achieved => 2,
            GoalStatus::Dropped => 3,
        };
        assert!(got.windows(2).all(|w| rank(w[0].status) < rank(w[1].status)
            || (w[0].status == w[1].status && w[0].created_at >= w[1].created_at)));
        let mut want = list(&db, p).unwrap();
        assert_eq!(got.len(), want.len());
        want.sort_by_key(|g| (rank(g.status), std::cmp::Reverse((g.created_at, g.id))));
        assert_eq!(got, want, "same goals, with the same milestones");
        assert!(got.iter().all(|g| g.milestones.len() == 1));
    }

    #[test]
    fn goals_by_id_come_whole_in_the_order_asked_and_only_the_pairs_own() {
        let db = Db::open_in_memory().unwrap();
        let p = pair(&db);
        let gs = goals(&db, p, 4);
        let theirs = goals(&db, pair(&db), 1);
        let got = by_ids(&db, p, &[gs[3].id, theirs[0].id, GoalId::new(), gs[0].id]).unwrap();
        assert_eq!(
            got,
            [get(&db, gs[3].id).unwrap(), get(&db, gs[0].id).unwrap()]
        );
        assert_eq!(got[0].milestones.len(), 1);
        assert!(by_ids(&db, p, &[]).unwrap().is_empty());
    }

    #[test]
    fn counts_follow_the_statuses() {
        let db = Db::open_in_memory().unwrap();
        let p = pair(&db);
        assert_eq!(counts(&db, p).unwrap(), GoalCounts::default());
        goals(&db, p, 10);
        assert_eq!(
            counts(&db, p).unwrap(),
            GoalCounts {
                achieved: 3,
                active: 3,
                dropped: 2,
                proposed: 2
            }
        );
        assert_eq!(
            counts(&db, PairId::new()).unwrap_err().kind(),
            crate::ErrorKind::NotFound
        );
    }

    #[test]
    fn labels_offer_the_goals_in_play_and_name_the_ones_asked_for() {
        let db = Db::open_in_memory().unwrap();
        let p = pair(&db);
        let gs = goals(&db, p, 8);
        let other = pair(&db);
        let theirs = goals(&db, other, 2);
        let in_play = |ls: &[GoalLabel]| ls.iter().map(|l| l.title.clone()).collect::<Vec<_>>();
        // Active (1, 5) first, then proposed (3, 7), the newest first.
        let plain = labels(&db, p, &[]).unwrap();
        assert_eq!(in_play(&plain), ["goal 5", "goal 1", "goal 7", "goal 3"]);
        // An achieved goal (0) and a dropped one (2) when asked for; another
        // pair's goal and an unknown id never.
        let asked = labels(
            &db,
            p,
            &[gs[2].id, gs[0].id, theirs[1].id, GoalId::new(), gs[5].id],
        )
        .unwrap();
        assert_eq!(
            in_play(&asked),
            ["goal 5", "goal 1", "goal 7", "goal 3", "goal 0", "goal 2"]
        );
        assert_eq!(asked[4].status, GoalStatus::Achieved);
    }
}
